/*
 * fuzz-api-decode.c: API JSON into records, the way the store does it.
 * The input is parsed (bounded, like a response body) and fed to every
 * kind's decoder as one object, as the items of a List and as the
 * object of a watch event; then the YAML view emits it (masked and
 * redacted). Checks: records are well formed, the index stays sorted,
 * and decoding the same object twice gives the same record.
 */
#define _GNU_SOURCE	/* memmem */
#include <string.h>

#include "scs/api.h"
#include "scs/model.h"
#include "scs/store.h"
#include "scs/util.h"
#include "scs/yaml.h"
#include "fuzz.h"

#define FUZZ_MAX_INPUT	(256 * 1024)

/* Every group/plural the model knows, and one it does not (generic). */
static const char *const kinds[][2] = {
	{ "cluster.x-k8s.io", "clusters" },
	{ "cluster.x-k8s.io", "clusterclasses" },
	{ "cluster.x-k8s.io", "machinedeployments" },
	{ "cluster.x-k8s.io", "machines" },
	{ "clusterstack.x-k8s.io", "clusterstacks" },
	{ "clusterstack.x-k8s.io", "clusterstackreleases" },
	{ "clusterstack.x-k8s.io", "clusteraddons" },
	{ "", "secrets" },
	{ "", "namespaces" },
	{ "", "events" },
	{ "api.scs.community", "anyclaims" },
	{ "openstack.crossplane.io", "providerconfigs" },
	{ "rbac.authorization.k8s.io", "rolebindings" },
	{ "example.com", "widgets" },
};

static int
str_same(const char *a, const char *b)
{
	return (scs_streq(a, b));
}

static void
check_record(const struct scs_kind *k, const struct scs_record *r)
{
	size_t	 i;

	FUZZ_CHECK(r->name != NULL);
	FUZZ_CHECK(r->ns != NULL);
	FUZZ_CHECK(r->status != NULL);
	FUZZ_CHECK((unsigned)r->health < SCS_HEALTH_MAX);
	FUZZ_CHECK(r->ncols <= SCS_RECORD_MAXCOLS);
	FUZZ_CHECK(r->ncols >= (k->ncols < SCS_RECORD_MAXCOLS ? k->ncols :
	    SCS_RECORD_MAXCOLS));
	for (i = 0; i < r->ncols; i++) {
		FUZZ_CHECK(r->cols[i] != NULL);
		if (i < k->ncols)
			FUZZ_CHECK(r->cols[i][0] != '\0');
	}
	FUZZ_CHECK(strcmp(scs_health_name(r->health), "") != 0);
	/* Labels lookups on whatever came in. */
	scs_record_label(r, "cluster.x-k8s.io/cluster-name");
	scs_record_label(r, "");
	(void)scs_record_bytes(r);
}

static void
same_record(const struct scs_record *a, const struct scs_record *b)
{
	size_t	 i;

	FUZZ_CHECK(str_same(a->name, b->name));
	FUZZ_CHECK(str_same(a->ns, b->ns));
	FUZZ_CHECK(str_same(a->uid, b->uid));
	FUZZ_CHECK(str_same(a->rv, b->rv));
	FUZZ_CHECK(str_same(a->labels, b->labels));
	FUZZ_CHECK(str_same(a->owner, b->owner));
	FUZZ_CHECK(str_same(a->message, b->message));
	FUZZ_CHECK(str_same(a->status, b->status));
	FUZZ_CHECK(a->health == b->health);
	FUZZ_CHECK(a->created == b->created);
	FUZZ_CHECK(a->deleted == b->deleted);
	FUZZ_CHECK(a->since == b->since);
	FUZZ_CHECK(a->ncols == b->ncols);
	for (i = 0; i < a->ncols; i++)
		FUZZ_CHECK(str_same(a->cols[i], b->cols[i]));
}

static void
check_index(const struct scs_index *x)
{
	const struct scs_record	*a, *b;
	size_t			 i, pos;

	for (i = 0; i < scs_index_count(x); i++) {
		b = scs_index_at(x, i);
		FUZZ_CHECK(b != NULL && b->name != NULL && b->name[0] != '\0');
		FUZZ_CHECK(scs_index_locate(x, b->ns, b->name, &pos) &&
		    pos == i);
		if (i > 0) {
			a = scs_index_at(x, i - 1);
			FUZZ_CHECK(strcmp(a->ns, b->ns) < 0 ||
			    (strcmp(a->ns, b->ns) == 0 &&
			    strcmp(a->name, b->name) < 0));
		}
	}
}

/* One kind: the object alone, twice, then as a List and a watch event. */
static void
decode_kind(const struct scs_kind *k, const cJSON *root)
{
	struct scs_strtab	*st;
	struct scs_record	 r1, r2;
	struct scs_index	*x;
	const cJSON		*item;
	const struct scs_record	*r;
	size_t			 n;

	st = scs_strtab_new();
	memset(&r1, 0, sizeof r1);
	memset(&r2, 0, sizeof r2);
	scs_model_decode(k, root, &r1, st);
	check_record(k, &r1);
	scs_model_decode(k, root, &r2, st);
	same_record(&r1, &r2);
	scs_record_clear(&r1);
	scs_record_clear(&r2);
	scs_strtab_free(st);

	x = scs_index_new(k);
	scs_index_sweep_begin(x);
	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(root,
	    "items")) {
		scs_index_upsert(x, item, 1);
		check_index(x);
	}
	/* A watch event carries the object under "object". */
	item = cJSON_GetObjectItemCaseSensitive(root, "object");
	if (item != NULL)
		scs_index_upsert(x, item, 2);
	if (scs_index_upsert(x, root, 3))
		FUZZ_CHECK(scs_index_count(x) > 0);
	check_index(x);
	for (n = 0; (r = scs_index_at(x, n)) != NULL; n++)
		check_record(k, r);
	(void)scs_index_bytes(x);
	/* A relist that sees nothing removes everything. */
	scs_index_sweep_begin(x);
	n = scs_index_count(x);
	FUZZ_CHECK(scs_index_sweep_end(x) == n);
	FUZZ_CHECK(scs_index_count(x) == 0);
	scs_index_free(x);
}

/* Occurrences of s in the input bytes. */
static size_t
count_in(const uint8_t *data, size_t size, const char *s)
{
	size_t		 n = 0, len = strlen(s);
	const uint8_t	*p = data, *end = data + size;

	while ((size_t)(end - p) >= len &&
	    (p = memmem(p, (size_t)(end - p), s, len)) != NULL) {
		n++;
		p++;
	}
	return (n);
}

/*
 * The YAML of a Secret never shows a value of data or stringData (except
 * revealed keys). Checked for base64-looking values of 16+ bytes that
 * occur only once in the input (elsewhere they could be shown legally).
 */
static void
check_masked(const uint8_t *data, size_t size, const cJSON *root,
    const char *yaml, int redact)
{
	static const char *const maps[] = { "data", "stringData" };
	const cJSON	*c;
	const char	*v;
	size_t		 i;

	if (!scs_yaml_is_secret(root))
		return;
	for (i = 0; i < 2; i++) {
		cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(root,
		    maps[i])) {
			if (!cJSON_IsString(c) || c->string == NULL ||
			    (!redact && strcmp(c->string, "ca.crt") == 0))
				continue;
			v = c->valuestring;
			if (strlen(v) < 16 || strspn(v, "ABCDEFGHIJKLMNOPQRSTU"
			    "VWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") !=
			    strlen(v) || count_in(data, size, v) != 1)
				continue;
			FUZZ_CHECK(strstr(yaml, v) == NULL);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const reveal[] = { "ca.crt", NULL };
	cJSON		*root;
	char		*y, *cause = NULL;
	size_t		 i;

	if (size > FUZZ_MAX_INPUT)
		return (0);
	if ((root = scs_json_parse((const char *)data, size, NULL)) == NULL)
		return (0);
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		decode_kind(scs_model_kind(kinds[i][0], kinds[i][1]), root);

	y = scs_yaml_emit(root, 0, reveal, &cause);
	FUZZ_CHECK(y != NULL || cause != NULL);
	if (y != NULL)
		check_masked(data, size, root, y, 0);
	free(y);
	free(cause);
	cause = NULL;
	y = scs_yaml_emit(root, SCS_YAML_REDACT, NULL, &cause);
	FUZZ_CHECK(y != NULL || cause != NULL);
	if (y != NULL)
		check_masked(data, size, root, y, 1);
	free(y);
	free(cause);
	cJSON_Delete(root);
	return (0);
}
