/*
 * fuzz-discovery.c: discovery documents (/api APIVersions, /apis
 * APIGroupList, APIResourceList) and the lookup behind the ':' command
 * line, sorted as the server lists them; the first line also goes through
 * the label selector parser of the '/' filter ("-l ..."), matched against
 * a labelled record. The first line of the input is what the user typed;
 * the rest is
 * JSON documents separated by lines "%%", each offered to every
 * discovery parser. Checks: every resource is found again by its plural,
 * kind and plural.group, and by group/version/plural; paths build.
 */
#define _GNU_SOURCE	/* memmem */
#include <string.h>

#include "core.h"
#include "scs/api.h"
#include "scs/model.h"
#include "scs/util.h"
#include "fuzz.h"

#define FUZZ_MAX_INPUT	(128 * 1024)
#define FUZZ_SEP	"\n%%\n"

static void
feed(struct scs_discovery *d, const char *p, size_t len)
{
	cJSON	*j;

	if ((j = scs_json_parse(p, len, NULL)) == NULL)
		return;
	(void)core_discovery_add_core(d, j);
	(void)core_discovery_add_groups(d, j);
	(void)core_discovery_add_resources(d, j);
	cJSON_Delete(j);
}

static void
check_resource(const struct scs_discovery *d, const struct scs_resource *r)
{
	char	*q;

	FUZZ_CHECK(r->group != NULL && r->version != NULL && r->name != NULL &&
	    r->singular != NULL && r->kind != NULL && r->short_names != NULL &&
	    r->categories != NULL);
	FUZZ_CHECK(strchr(r->name, '/') == NULL);
	if (*r->name != '\0')
		FUZZ_CHECK(scs_discovery_find(d, r->name) != NULL);
	if (*r->kind != '\0')
		FUZZ_CHECK(scs_discovery_find(d, r->kind) != NULL);
	if (*r->group != '\0') {
		q = scs_xprintf("%s.%s", r->name, r->group);
		FUZZ_CHECK(scs_discovery_find(d, q) != NULL);
		free(q);
		q = scs_xprintf("%s.%s.%s", r->name, r->version, r->group);
		FUZZ_CHECK(scs_discovery_find(d, q) != NULL);
		free(q);
	}
	FUZZ_CHECK(scs_discovery_get(d, r->group, r->version, r->name) !=
	    NULL);
	free(scs_api_path(r, "ns", "name", "status"));
	free(scs_api_path(r, NULL, NULL, NULL));
	(void)scs_discovery_preferred(d, r->group);
}

static void
check_selector(const char *text)
{
	struct scs_labelsel	*s;
	struct scs_record	 r;
	char			*cause = NULL;

	s = scs_labelsel_parse(text, &cause);
	FUZZ_CHECK((s == NULL) == (cause != NULL));
	if (s != NULL) {
		memset(&r, 0, sizeof r);
		r.labels = (char *)"app=web\ntier=\nx.io/y=z";
		(void)scs_labelsel_match(s, &r);
		r.labels = NULL;
		(void)scs_labelsel_match(s, &r);
	}
	scs_labelsel_free(s);
	free(cause);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scs_discovery	*d;
	const char		*p = (const char *)data, *end = p + size, *nl,
				*sep;
	char			*query;
	size_t			 i;

	if (size > FUZZ_MAX_INPUT)
		return (0);
	nl = memchr(p, '\n', size);
	query = scs_xstrndup(p, nl != NULL ? (size_t)(nl - p) : size);
	d = core_discovery_new();
	p = nl != NULL ? nl + 1 : end;
	while (p < end) {
		sep = memmem(p, (size_t)(end - p), FUZZ_SEP, strlen(FUZZ_SEP));
		feed(d, p, sep != NULL ? (size_t)(sep - p) : (size_t)(end - p));
		if (sep == NULL)
			break;
		p = sep + strlen(FUZZ_SEP);
	}
	core_discovery_sort(d);
	(void)scs_discovery_find(d, query);
	check_selector(query);
	for (i = 0; i < core_discovery_ngv(d); i++)
		FUZZ_CHECK(core_discovery_gv_path(d, i) != NULL);
	for (i = 0; i < scs_discovery_count(d); i++)
		check_resource(d, scs_discovery_at(d, i));
	core_discovery_free(d);
	free(query);
	return (0);
}
