/*
 * test-store.c: the store's index: add, modify, delete, relist sweeps,
 * ordering and memory per record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/store.h"
#include "scs/util.h"
#include "../tap.h"

static cJSON *
cluster(const char *ns, const char *name, const char *phase, int n)
{
	char	 buf[2048];

	snprintf(buf, sizeof buf,
	    "{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\",\"kind\":\"Cluster\","
	    "\"metadata\":{\"name\":\"%s\",\"namespace\":\"%s\","
	    "\"uid\":\"00000000-0000-0000-0000-%012d\","
	    "\"resourceVersion\":\"%d\","
	    "\"creationTimestamp\":\"2026-11-01T00:00:00Z\","
	    "\"labels\":{\"cluster.x-k8s.io/cluster-name\":\"%s\"},"
	    "\"managedFields\":[{\"manager\":\"capi\",\"operation\":\"Update\"}]},"
	    "\"spec\":{\"topology\":{\"classRef\":{\"name\":"
	    "\"openstack-scs2-1-33-v%d\"},\"version\":\"v1.33.4\","
	    "\"controlPlane\":{\"replicas\":3}}},"
	    "\"status\":{\"phase\":\"%s\",\"controlPlane\":{\"desiredReplicas\":3,"
	    "\"readyReplicas\":3},\"workers\":{\"desiredReplicas\":5,"
	    "\"readyReplicas\":5},\"conditions\":[{\"type\":\"Available\","
	    "\"status\":\"True\",\"reason\":\"Available\","
	    "\"lastTransitionTime\":\"2026-11-01T00:10:00Z\"}]}}",
	    name, ns, n, n, name, n % 4 + 1, phase);
	return (cJSON_Parse(buf));
}

static void
add(struct scs_index *x, const char *ns, const char *name, const char *phase,
    int n)
{
	cJSON	*o = cluster(ns, name, phase, n);

	scs_index_upsert(x, o, n);
	cJSON_Delete(o);
}

static int
ordered(const struct scs_index *x)
{
	size_t			 i;
	const struct scs_record	*a, *b;
	int			 c;

	for (i = 1; i < scs_index_count(x); i++) {
		a = scs_index_at(x, i - 1);
		b = scs_index_at(x, i);
		c = strcmp(a->ns, b->ns);
		if (c > 0 || (c == 0 && strcmp(a->name, b->name) >= 0))
			return (0);
	}
	return (1);
}

int
main(void)
{
	struct scs_index	*x;
	const struct scs_record	*r;
	uint64_t		 gen;
	size_t			 i, before, per;
	char			 ns[32], name[32];
	cJSON			*o;

	x = scs_index_new(scs_model_kind("cluster.x-k8s.io", "clusters"));
	add(x, "b", "two", "Provisioned", 2);
	add(x, "a", "zeta", "Provisioning", 3);
	add(x, "b", "one", "Provisioned", 1);
	add(x, "a", "alpha", "Pending", 4);
	is_int(scs_index_count(x), 4, "four records");
	ok(ordered(x), "ordered by namespace, name");
	is_str(scs_index_at(x, 0)->name, "alpha", "first is a/alpha");
	is_str(scs_index_at(x, 3)->name, "two", "last is b/two");
	ok(scs_index_at(x, 4) == NULL, "past the end is NULL");

	gen = scs_index_generation(x);
	add(x, "a", "zeta", "Provisioned", 10);
	is_int(scs_index_count(x), 4, "modify keeps the count");
	r = scs_index_find(x, "a", "zeta");
	ok(r != NULL && strcmp(r->status, "Provisioned") == 0 &&
	    strcmp(r->rv, "10") == 0, "modify replaces the record");
	is_int(r->changed_ms, 10, "changed_ms set");
	ok(scs_index_generation(x) > gen, "generation moves on change");

	ok(scs_index_remove(x, "b", "one") == 1, "delete");
	ok(scs_index_find(x, "b", "one") == NULL, "deleted is gone");
	ok(scs_index_remove(x, "b", "one") == 0, "delete twice is harmless");
	is_int(scs_index_count(x), 3, "three left");

	/* A relist that no longer has a/alpha but has a new c/new. */
	scs_index_sweep_begin(x);
	add(x, "a", "zeta", "Provisioned", 11);
	add(x, "b", "two", "Provisioned", 12);
	add(x, "c", "new", "Pending", 13);
	is_int(scs_index_sweep_end(x), 1, "sweep removes one");
	ok(scs_index_find(x, "a", "alpha") == NULL, "vanished object removed");
	ok(scs_index_find(x, "c", "new") != NULL, "new object kept");
	ok(ordered(x), "still ordered after the sweep");

	/* Watch events during a later sweep survive it. */
	scs_index_sweep_begin(x);
	add(x, "a", "zeta", "Provisioned", 14);
	is_int(scs_index_sweep_end(x), 2, "unseen records swept");
	is_int(scs_index_count(x), 1, "one left");

	o = cJSON_Parse("{\"metadata\":{\"namespace\":\"x\"}}");
	ok(scs_index_upsert(x, o, 1) == 0, "object without a name ignored");
	cJSON_Delete(o);
	is_int(scs_index_count(x), 1, "count unchanged");
	scs_index_free(x);

	/* 10,000 clusters in 50 namespaces, in random order. */
	x = scs_index_new(scs_model_kind("cluster.x-k8s.io", "clusters"));
	before = scs_index_bytes(x);
	srandom(7);
	for (i = 0; i < 10000; i++) {
		unsigned k = (unsigned)(i * 7919 % 10000);

		snprintf(ns, sizeof ns, "tenant-%02u", k % 50);
		snprintf(name, sizeof name, "cluster-%05u", k);
		add(x, ns, name, "Provisioned", (int)i);
	}
	is_int(scs_index_count(x), 10000, "10,000 records");
	ok(ordered(x), "10,000 ordered");
	ok(scs_index_find(x, "tenant-17", "cluster-00017") != NULL,
	    "lookup among 10,000");
	per = (scs_index_bytes(x) - before) / 10000;
	ok(per < 1024, "under 1 KiB per cluster record (%zu bytes)", per);
	diag("bytes per cluster record: %zu", per);
	scs_index_free(x);
	return (tap_done());
}
