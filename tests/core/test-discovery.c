/*
 * test-discovery.c: discovery parsing and lookup from recorded documents
 * in tests/data/discovery (CAPI v1beta2 preferred + v1beta1, and a
 * release-1.10-like server with v1beta1 only).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/api.h"
#include "core.h"
#include "../tap.h"

static cJSON *
load(const char *name)
{
	char		 path[4096], *buf;
	const char	*src = getenv("SCS_SRCDIR");
	FILE		*f;
	long		 len;
	cJSON		*j;

	snprintf(path, sizeof path, "%s/tests/data/discovery/%s",
	    src != NULL ? src : ".", name);
	if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc((size_t)len);
	if (fread(buf, 1, (size_t)len, f) != (size_t)len)
		len = 0;
	fclose(f);
	j = scs_json_parse(buf, (size_t)len, NULL);
	free(buf);
	return (j);
}

static enum scs_status
feed(struct scs_discovery *d, const char *name, int groups)
{
	cJSON		*j = load(name);
	enum scs_status	 s;

	if (j == NULL)
		return (SCS_IO);
	s = groups ? core_discovery_add_groups(d, j) :
	    core_discovery_add_resources(d, j);
	cJSON_Delete(j);
	return (s);
}

int
main(void)
{
	struct scs_discovery		*d;
	const struct scs_resource	*r;
	cJSON				*bad;
	size_t				 i;
	int				 sub = 0;

	d = core_discovery_new();
	ok(feed(d, "api.json", 1) == SCS_OK, "/api");
	ok(feed(d, "apis.json", 1) == SCS_OK, "/apis");
	ok(feed(d, "core-v1.json", 0) == SCS_OK, "core v1");
	/* v1beta1 first: order must not decide the preferred version. */
	ok(feed(d, "cluster-v1beta1.json", 0) == SCS_OK, "capi v1beta1");
	ok(feed(d, "cluster-v1beta2.json", 0) == SCS_OK, "capi v1beta2");
	ok(feed(d, "clusterstack-v1alpha1.json", 0) == SCS_OK, "cso");

	is_int(core_discovery_ngv(d), 1 + 1 + 2 + 1, "group-versions to fetch");
	is_str(core_discovery_gv_path(d, 0), "/api/v1", "core gv path");
	is_str(core_discovery_gv_path(d, 3), "/apis/cluster.x-k8s.io/v1beta1",
	    "non-preferred versions fetched too");
	ok(core_discovery_gv_path(d, 5) == NULL, "gv path out of range");
	is_str(scs_discovery_preferred(d, "cluster.x-k8s.io"), "v1beta2",
	    "preferred version of CAPI");
	is_str(scs_discovery_preferred(d, ""), "v1", "core preferred");
	ok(scs_discovery_preferred(d, "nope.io") == NULL, "unknown group");
	for (i = 0; i < scs_discovery_count(d); i++)
		if (strchr(scs_discovery_at(d, i)->name, '/') != NULL)
			sub++;
	is_int(sub, 0, "subresources skipped");
	is_int(scs_discovery_count(d), 2 + 2 + 2 + 2, "resource count");

	r = scs_discovery_find(d, "clusters");
	ok(r != NULL && strcmp(r->version, "v1beta2") == 0 && r->preferred,
	    "plural finds the preferred version");
	ok(r != NULL && r->namespaced && (r->verbs & SCS_VERB_WATCH) &&
	    (r->verbs & SCS_VERB_DELETECOLLECTION), "namespaced, verbs");
	is_str(r->categories[0], "cluster-api", "categories");
	r = scs_discovery_find(d, "CLUSTER");
	ok(r != NULL && strcmp(r->name, "clusters") == 0, "singular, any case");
	r = scs_discovery_find(d, "Cluster");
	ok(r != NULL && strcmp(r->version, "v1beta2") == 0, "kind");
	r = scs_discovery_find(d, "cl");
	ok(r != NULL && strcmp(r->name, "clusters") == 0, "short name");
	r = scs_discovery_find(d, "clusters.cluster.x-k8s.io");
	ok(r != NULL && strcmp(r->version, "v1beta2") == 0, "plural.group");
	r = scs_discovery_find(d, "clusters.v1beta1.cluster.x-k8s.io");
	ok(r != NULL && strcmp(r->version, "v1beta1") == 0 && !r->preferred,
	    "plural.version.group picks that version");
	r = scs_discovery_find(d, "ns");
	ok(r != NULL && !r->namespaced && *r->group == '\0', "core, cluster-scoped");
	r = scs_discovery_find(d, "secret");
	ok(r != NULL && strcmp(r->kind, "Secret") == 0, "secret");
	r = scs_discovery_find(d, "csk");
	ok(r != NULL && strcmp(r->group, "clusterstack.x-k8s.io") == 0, "cso");
	ok(scs_discovery_find(d, "pods") == NULL, "absent resource");
	ok(scs_discovery_get(d, "cluster.x-k8s.io", "v1beta1", "clusters") !=
	    NULL, "get exact gv");
	ok(scs_discovery_get(d, "", "v1", "clusters") == NULL, "get wrong gv");
	bad = cJSON_Parse("{\"kind\":\"Pod\"}");
	ok(core_discovery_add_resources(d, bad) == SCS_DECODE &&
	    core_discovery_add_groups(d, bad) == SCS_DECODE, "bad docs");
	cJSON_Delete(bad);
	core_discovery_free(d);

	d = core_discovery_new();
	feed(d, "apis-release-1.10.json", 1);
	feed(d, "cluster-v1beta1.json", 0);
	is_str(scs_discovery_preferred(d, "cluster.x-k8s.io"), "v1beta1",
	    "release-1.10: v1beta1 preferred");
	r = scs_discovery_find(d, "clusters");
	ok(r != NULL && strcmp(r->version, "v1beta1") == 0 && r->preferred,
	    "release-1.10: clusters at v1beta1");
	ok(scs_discovery_find(d, "clusters.v1beta2.cluster.x-k8s.io") == NULL,
	    "release-1.10: no v1beta2");
	core_discovery_free(d);

	/* Answers in another order: the order of the server's lists wins. */
	d = core_discovery_new();
	feed(d, "apis.json", 1);
	feed(d, "clusterstack-v1alpha1.json", 0);
	feed(d, "cluster-v1beta2.json", 0);
	feed(d, "cluster-v1beta1.json", 0);
	feed(d, "api.json", 1);
	feed(d, "core-v1.json", 0);
	core_discovery_sort(d);
	is_str(scs_discovery_at(d, 0)->group, "", "sorted: core group first");
	is_str(scs_discovery_at(d, 2)->group, "cluster.x-k8s.io",
	    "sorted: then the groups in /apis order");
	is_str(scs_discovery_at(d, 2)->version, "v1beta2",
	    "sorted: versions in the group's order");
	is_str(scs_discovery_at(d, 4)->version, "v1beta1",
	    "sorted: the older version after");
	is_str(scs_discovery_at(d, 6)->group, "clusterstack.x-k8s.io",
	    "sorted: the later group last, though its answer came first");
	core_discovery_free(d);
	return (tap_done());
}
