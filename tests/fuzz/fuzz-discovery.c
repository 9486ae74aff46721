/*
 * fuzz-discovery.c: discovery documents (/api APIVersions, /apis
 * APIGroupList, APIResourceList) and the lookup behind the ':' command
 * line. The first line of the input is what the user typed; the rest is
 * JSON documents separated by lines "%%", each offered to every
 * discovery parser. Checks: every resource is found again by its plural,
 * kind and plural.group, and by group/version/plural; paths build.
 */
#define _GNU_SOURCE	/* memmem */
#include <string.h>

#include "core.h"
#include "scs/api.h"
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
	(void)scs_discovery_find(d, query);
	for (i = 0; i < core_discovery_ngv(d); i++)
		FUZZ_CHECK(core_discovery_gv_path(d, i) != NULL);
	for (i = 0; i < scs_discovery_count(d); i++)
		check_resource(d, scs_discovery_at(d, i));
	core_discovery_free(d);
	free(query);
	return (0);
}
