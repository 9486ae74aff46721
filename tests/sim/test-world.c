/*
 * test-world.c: the simulated world without the HTTP server: scenarios,
 * the reconcile loop, version conversion, the object database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-world.h"
#include "../tap.h"

struct count {
	int	 n;
	int	 available;
	const char *phase;
	int	 phase_n;
};

static int
count_cb(const struct sim_obj *o, void *arg)
{
	struct count	*c = arg;
	const cJSON	*conds, *x;

	c->n++;
	if (c->phase != NULL && scs_streq(sim_get_str(o->json,
	    "status.phase"), c->phase))
		c->phase_n++;
	conds = sim_get(o->json, "status.conditions");
	cJSON_ArrayForEach(x, conds) {
		if (scs_streq(sim_get_str(x, "type"), "Available") &&
		    scs_streq(sim_get_str(x, "status"), "True"))
			c->available++;
	}
	return (0);
}

static struct count
count(struct sim_db *db, const char *res, const char *ns, const char *phase)
{
	struct count	 c;

	memset(&c, 0, sizeof c);
	c.phase = phase;
	sim_db_foreach(db, res, ns, count_cb, &c);
	return (c);
}

static int
valid_cb(const struct sim_obj *o, void *arg)
{
	int	*bad = arg;

	if (sim_get_str(o->json, "apiVersion") == NULL ||
	    sim_get_str(o->json, "kind") == NULL ||
	    sim_get_str(o->json, "metadata.name") == NULL ||
	    sim_get_str(o->json, "metadata.uid") == NULL ||
	    sim_get_str(o->json, "metadata.resourceVersion") == NULL ||
	    sim_get_str(o->json, "metadata.creationTimestamp") == NULL)
		(*bad)++;
	return (0);
}

static struct sim_db *
load(const char *scenario, uint64_t seed)
{
	struct scs_sim_opts	 o;
	struct sim_db		*db = sim_db_new(0);
	char			*cause = NULL;

	memset(&o, 0, sizeof o);
	o.scenario = scenario;
	o.seed = seed;
	if (sim_scenario_load(db, &o, &cause) != SCS_OK) {
		diag("load %s: %s", scenario, cause);
		exit(1);
	}
	return (db);
}

static void
test_demo(void)
{
	struct sim_db		*db = load("demo", 1), *db2, *db3;
	const struct sim_obj	*o, *o2;
	struct count		 c;
	int			 bad = 0;
	static const char *const res[] = { SIM_CLUSTERS, SIM_CLASSES,
	    SIM_MDS, SIM_MACHINES, SIM_STACKS, SIM_RELEASES, SIM_ADDONS,
	    SIM_SECRETS, SIM_NAMESPACES, SIM_EVENTS, NULL };
	size_t			 i;

	c = count(db, SIM_CLUSTERS, NULL, "Provisioned");
	is_int(c.n, 12, "demo has 12 clusters");
	ok(c.available >= 7, "most are available (%d)", c.available);
	is_int(count(db, SIM_CLUSTERS, "tenant-a", NULL).n, 4,
	    "tenant-a has 4 clusters");
	is_int(count(db, SIM_NAMESPACES, NULL, NULL).n, 8, "8 namespaces");
	is_int(count(db, SIM_STACKS, NULL, NULL).n, 6, "6 cluster stacks");
	is_int(count(db, SIM_CLASSES, "tenant-a", NULL).n, 3,
	    "tenant-a has 3 classes");
	o = sim_db_get(db, SIM_RELEASES, "tenant-a", "openstack-scs2-1-35-v2");
	is_str(o != NULL ? sim_get_str(o->json, "status.kubernetesVersion") :
	    NULL, "v1.35.5", "release version of the class");
	o = sim_db_get(db, SIM_CLASSES, "tenant-a", "openstack-scs2-1-35-v2");
	ok(o != NULL && cJSON_GetArraySize(sim_get(o->json,
	    "status.variables")) == 13, "class has 13 status variables");
	o = sim_db_get(db, SIM_CLUSTERS, "tenant-b", "web");
	ok(o != NULL && sim_annotation(o->json, SIM_FAIL_ANNOTATION) != NULL,
	    "web is failing");
	o = sim_db_get(db, SIM_CLUSTERS, "tenant-b", "old-test");
	ok(o != NULL && sim_get(o->json, "metadata.deletionTimestamp") != NULL,
	    "old-test is deleting");
	ok(sim_db_get(db, SIM_SECRETS, "tenant-a", "prod-eu1-kubeconfig") !=
	    NULL, "kubeconfig secret of prod-eu1");
	ok(sim_db_get(db, SIM_SECRETS, "crossplane-system",
	    "tenant-c-clouds-yaml") == NULL, "tenant-c credentials missing");
	is_int(count(db, SIM_MACHINES, "tenant-a", NULL).n,
	    3 + 3 + 1 + 2 + 1 + 3, "tenant-a machines");
	for (i = 0; res[i] != NULL; i++)
		sim_db_foreach(db, res[i], NULL, valid_cb, &bad);
	is_int(bad, 0, "every object has apiVersion, kind, name, uid, rv, "
	    "creationTimestamp");

	/* Stored as CAPI's defaulting webhook stores a new Cluster: the
	 * class's defaulted variables are there, so a first write adds
	 * nothing the user did not change. */
	o = sim_db_get(db, SIM_CLUSTERS, "tenant-a", "prod-eu1");
	{
		const cJSON	*v;
		const char	*flavor = NULL;
		cJSON		*again;

		cJSON_ArrayForEach(v, sim_get(o->json,
		    "spec.topology.variables"))
			if (scs_streq(sim_get_str(v, "name"), "workerFlavor"))
				flavor = cJSON_GetStringValue(
				    cJSON_GetObjectItem(v, "value"));
		is_str(flavor, "SCS-4V-8", "prod-eu1 holds the class's "
		    "default workerFlavor");
		again = cJSON_Duplicate(o->json, 1);
		sim_seed_defaults(db, again);
		ok(cJSON_Compare(again, o->json, 1), "defaulting it again "
		    "changes nothing");
		cJSON_Delete(again);
	}

	db2 = load("demo", 1);
	db3 = load("demo", 2);
	o = sim_db_get(db, SIM_CLUSTERS, "tenant-a", "prod-eu1");
	o2 = sim_db_get(db2, SIM_CLUSTERS, "tenant-a", "prod-eu1");
	is_str(sim_get_str(o->json, "metadata.uid"),
	    sim_get_str(o2->json, "metadata.uid"), "same seed, same world");
	o2 = sim_db_get(db3, SIM_CLUSTERS, "tenant-a", "prod-eu1");
	ok(!scs_streq(sim_get_str(o->json, "metadata.uid"),
	    sim_get_str(o2->json, "metadata.uid")), "other seed, other world");
	sim_db_free(db);
	sim_db_free(db2);
	sim_db_free(db3);
}

static int64_t
run_until(struct sim_world *w, int64_t t, int64_t limit,
    int (*done)(struct sim_db *, void *), struct sim_db *db, void *arg)
{
	while (t < limit && !done(db, arg)) {
		sim_world_tick(w, t);
		t += 100;
	}
	return (t);
}

static int
provisioned(struct sim_db *db, void *arg)
{
	const struct sim_obj	*o = sim_db_get(db, SIM_CLUSTERS, "tenant-a",
				    arg);
	struct count		 c;

	if (o == NULL || !scs_streq(sim_get_str(o->json, "status.phase"),
	    "Provisioned"))
		return (0);
	memset(&c, 0, sizeof c);
	count_cb(o, &c);
	return (c.available == 1);
}

static int
machines_are(struct sim_db *db, void *arg)
{
	struct count	 c = count(db, SIM_MACHINES, "tenant-a", NULL);
	struct count	 r = count(db, SIM_MACHINES, "tenant-a", "Running");

	return (c.n == *(int *)arg && r.phase_n == c.n);
}

static int
rolled(struct sim_db *db, void *arg)
{
	const struct sim_obj	*o = sim_db_get(db, SIM_CLUSTERS, "tenant-a",
				    arg);

	return (o != NULL && sim_get_int(o->json,
	    "status.workers.upToDateReplicas", -1) == 4 &&
	    sim_get_int(o->json, "status.controlPlane.upToDateReplicas", -1) ==
	    3 && sim_db_count(db, SIM_MACHINES, "tenant-a") == 7);
}

static int
gone(struct sim_db *db, void *arg)
{
	return (sim_db_get(db, SIM_CLUSTERS, "tenant-a", arg) == NULL);
}

static void
test_reconcile(void)
{
	struct sim_db		*db = sim_db_new(0);
	struct scs_sim_opts	 o;
	struct sim_world	*w;
	cJSON			*c;
	const struct sim_obj	*so;
	int64_t			 t;
	int			 want;
	char			*cause = NULL;

	memset(&o, 0, sizeof o);
	o.scenario = "empty";
	sim_scenario_load(db, &o, &cause);
	w = sim_world_new(db, &o);
	c = cJSON_Parse("{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\","
	    "\"kind\":\"Cluster\",\"metadata\":{\"name\":\"new\","
	    "\"namespace\":\"tenant-a\"},\"spec\":{\"topology\":{\"classRef\":"
	    "{\"name\":\"openstack-scs2-1-36-v1\"},\"version\":\"v1.36.2\","
	    "\"controlPlane\":{\"replicas\":3},\"workers\":"
	    "{\"machineDeployments\":[{\"class\":\"default-worker\","
	    "\"name\":\"md-0\",\"replicas\":2}]}}}}");
	sim_db_put(db, SIM_CLUSTERS, c);
	sim_world_tick(w, 0);
	so = sim_db_get(db, SIM_CLUSTERS, "tenant-a", "new");
	is_str(sim_get_str(so->json, "status.phase"), "Pending",
	    "a new cluster starts Pending");
	t = run_until(w, 100, 120000, provisioned, db, (void *)"new");
	ok(t < 120000, "new cluster provisioned and available after %lld "
	    "simulated ms", (long long)t);
	want = 5;
	t = run_until(w, t, t + 60000, machines_are, db, &want);
	is_int(count(db, SIM_MACHINES, "tenant-a", NULL).n, 5,
	    "3 control plane + 2 worker machines");
	ok(sim_db_get(db, SIM_SECRETS, "tenant-a", "new-kubeconfig") != NULL,
	    "kubeconfig secret created");
	ok(sim_db_get(db, SIM_ADDONS, "tenant-a", "cluster-addon-new") != NULL,
	    "cluster addon created");
	ok(sim_db_get(db, SIM_MDS, "tenant-a", "new-md-0") != NULL,
	    "machine deployment created");

	/* Scale the workers to 4. */
	c = cJSON_Duplicate(sim_db_get(db, SIM_CLUSTERS, "tenant-a",
	    "new")->json, 1);
	sim_set_int(cJSON_GetArrayItem((cJSON *)sim_get(c,
	    "spec.topology.workers.machineDeployments"), 0), "replicas", 4);
	sim_db_put(db, SIM_CLUSTERS, c);
	want = 7;
	t = run_until(w, t, t + 120000, machines_are, db, &want);
	is_int(count(db, SIM_MACHINES, "tenant-a", NULL).n, 7,
	    "scaling up adds worker machines");
	so = sim_db_get(db, SIM_MDS, "tenant-a", "new-md-0");
	is_int(sim_get_int(so->json, "status.readyReplicas", -1), 4,
	    "machine deployment reports 4 ready");

	/* Upgrade: every machine rolls to the new version. */
	c = cJSON_Duplicate(sim_db_get(db, SIM_CLUSTERS, "tenant-a",
	    "new")->json, 1);
	sim_set_str(c, "spec.topology.version", "v1.36.3");
	sim_db_put(db, SIM_CLUSTERS, c);
	sim_world_tick(w, t);
	t += 100;
	sim_world_tick(w, t);
	so = sim_db_get(db, SIM_CLUSTERS, "tenant-a", "new");
	ok(scs_streq(sim_get_str(sim_get(so->json, "status"), "phase"),
	    "Provisioned"), "still provisioned while rolling");
	t = run_until(w, t, t + 300000, rolled, db, (void *)"new");
	so = sim_db_get(db, SIM_CLUSTERS, "tenant-a", "new");
	is_int(sim_get_int(so->json, "status.workers.upToDateReplicas", -1), 4,
	    "workers rolled to the new version");
	is_int(sim_get_int(so->json, "status.controlPlane.upToDateReplicas",
	    -1), 3, "control plane rolled");

	/* Delete: machines go, then the cluster and what it owns. */
	c = cJSON_Duplicate(so->json, 1);
	sim_set_str(c, "metadata.deletionTimestamp", "2026-11-25T00:00:00Z");
	sim_db_put(db, SIM_CLUSTERS, c);
	t = run_until(w, t, t + 120000, gone, db, (void *)"new");
	ok(sim_db_get(db, SIM_CLUSTERS, "tenant-a", "new") == NULL,
	    "deleted cluster is gone");
	is_int(count(db, SIM_MACHINES, "tenant-a", NULL).n, 0,
	    "its machines are gone");
	ok(sim_db_get(db, SIM_SECRETS, "tenant-a", "new-kubeconfig") == NULL,
	    "its kubeconfig secret is gone");
	ok(sim_world_tick(w, t) == -1, "a quiet world asks for no tick");
	sim_world_free(w);
	sim_db_free(db);
}

static void
test_demo_moves(void)
{
	struct sim_db		*db = load("demo", 1);
	struct scs_sim_opts	 o;
	struct sim_world	*w;
	const struct sim_obj	*so;
	uint64_t		 rv;
	int64_t			 t;

	memset(&o, 0, sizeof o);
	w = sim_world_new(db, &o);
	t = run_until(w, 0, 120000, provisioned, db, (void *)"ci-runners");
	ok(t < 120000, "demo cluster ci-runners comes up");
	so = sim_db_get(db, SIM_CLUSTERS, "tenant-b", "web");
	ok(so != NULL && !scs_streq(sim_get_str(so->json, "status.phase"),
	    "Provisioned"), "web stays failed");
	so = sim_db_get(db, SIM_CLUSTERS, "tenant-b", "old-test");
	ok(so != NULL, "old-test stays stuck in deletion");
	rv = sim_db_rv(db);
	sim_world_tick(w, t + 100000);
	sim_world_tick(w, t + 100100);
	is_int(sim_db_rv(db), rv, "a converged world writes nothing");
	sim_world_free(w);
	sim_db_free(db);
}

static void
test_convert(void)
{
	struct sim_db		*db = load("demo", 1);
	const struct sim_obj	*o;
	cJSON			*c, *orig;

	o = sim_db_get(db, SIM_CLUSTERS, "tenant-a", "prod-eu1");
	orig = cJSON_Duplicate(o->json, 1);
	c = cJSON_Duplicate(o->json, 1);
	ok(sim_convert(SIM_CLUSTERS, c, "v1beta1") == 0, "to v1beta1");
	is_str(sim_get_str(c, "apiVersion"), "cluster.x-k8s.io/v1beta1",
	    "apiVersion set");
	is_str(sim_get_str(c, "spec.topology.class"), "openstack-scs2-1-35-v2",
	    "classRef.name -> class");
	ok(sim_get(c, "spec.topology.classRef") == NULL, "no classRef");
	ok(cJSON_IsTrue(sim_get(c, "status.infrastructureReady")),
	    "infrastructureReady");
	ok(sim_get(c, "status.v1beta2.conditions") != NULL,
	    "v1beta2 conditions kept under status.v1beta2");
	ok(sim_convert(SIM_CLUSTERS, c, "v1beta2") == 0, "back to v1beta2");
	ok(cJSON_Compare(orig, c, 1), "round trip preserves the object");
	cJSON_Delete(c);
	cJSON_Delete(orig);

	o = sim_db_get(db, SIM_CLASSES, "tenant-a", "openstack-scs2-1-35-v2");
	orig = cJSON_Duplicate(o->json, 1);
	c = cJSON_Duplicate(o->json, 1);
	sim_convert(SIM_CLASSES, c, "v1beta1");
	ok(sim_get(c, "spec.infrastructure.ref") != NULL &&
	    sim_get(c, "spec.infrastructure.templateRef") == NULL,
	    "class templateRef -> ref");
	sim_convert(SIM_CLASSES, c, "v1beta2");
	ok(cJSON_Compare(orig, c, 1), "class round trip");
	cJSON_Delete(c);
	cJSON_Delete(orig);
	sim_db_free(db);
}

static int
hist_cb(const struct sim_event_rec *e, void *arg)
{
	(*(int *)arg)++;
	(void)e;
	return (0);
}

static void
test_db(void)
{
	struct sim_db		*db = sim_db_new(4);
	cJSON			*o;
	const struct sim_obj	*so;
	uint64_t		 rv0;
	int			 n = 0, i;
	char			 name[16];

	rv0 = sim_db_rv(db);
	o = cJSON_Parse("{\"metadata\":{\"name\":\"a\",\"namespace\":\"x\"},"
	    "\"spec\":{\"v\":1}}");
	so = sim_db_put(db, "/configmaps", o);
	is_int(sim_get_int(so->json, "metadata.generation", 0), 1,
	    "generation 1");
	o = cJSON_Parse("{\"metadata\":{\"name\":\"a\",\"namespace\":\"x\"},"
	    "\"spec\":{\"v\":2}}");
	so = sim_db_put(db, "/configmaps", o);
	is_int(sim_get_int(so->json, "metadata.generation", 0), 2,
	    "spec change bumps generation");
	o = cJSON_Parse("{\"metadata\":{\"name\":\"a\",\"namespace\":\"x\"},"
	    "\"spec\":{\"v\":2},\"status\":{\"s\":1}}");
	so = sim_db_put(db, "/configmaps", o);
	is_int(sim_get_int(so->json, "metadata.generation", 0), 2,
	    "status change does not");
	is_int(so->rv, rv0 + 3, "each write a new resourceVersion");
	ok(sim_db_history(db, rv0, hist_cb, &n) == 0 && n == 3,
	    "three events in the history");
	for (i = 0; i < 6; i++) {
		snprintf(name, sizeof name, "n%d", i);
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(cJSON_AddObjectToObject(o, "metadata"),
		    "name", name);
		sim_db_put(db, "/namespaces", o);
	}
	ok(sim_db_history(db, rv0, hist_cb, &n) == -1,
	    "an old version is past the history");
	ok(sim_db_delete(db, "/configmaps", "x", "a") == 0, "delete");
	ok(sim_db_delete(db, "/configmaps", "x", "a") == -1, "delete twice");
	is_int(sim_db_count(db, "/namespaces", NULL), 6, "count");
	sim_db_free(db);
}

static void
test_scale(void)
{
	struct scs_sim_opts	 o;
	struct sim_db		*db = sim_db_new(0);
	char			*cause = NULL;

	memset(&o, 0, sizeof o);
	o.scenario = "scale";
	o.clusters = 10000;
	ok(sim_scenario_load(db, &o, &cause) == SCS_OK, "scale loads");
	is_int(sim_db_count(db, SIM_CLUSTERS, NULL), 10000, "10,000 clusters");
	is_int(sim_db_count(db, SIM_SECRETS, NULL), 2000, "2,000 secrets");
	is_int(sim_db_count(db, SIM_CLASSES, NULL), 200, "200 classes");
	is_int(sim_db_count(db, SIM_CLUSTERS, "tenant-007"), 200,
	    "200 per namespace");
	sim_db_free(db);
	db = sim_db_new(0);
	o.scenario = "nope";
	ok(sim_scenario_load(db, &o, &cause) == SCS_USAGE && cause != NULL &&
	    strstr(cause, "nope") != NULL, "unknown scenario: %s", cause);
	free(cause);
	sim_db_free(db);
}

/* Go's encoder: invalid UTF-8 as \ufffd, HTML-safe, U+2028/2029. */
static void
test_json(void)
{
	static const struct {
		const char	*in;
		const char	*want;
	} cases[] = {
		{ "plain", "plain" },
		{ "a<b>&c", "a\\u003cb\\u003e\\u0026c" },
		{ "\xff\xfe", "\\ufffd\\ufffd" },
		{ "\xc0\xaf", "\\ufffd\\ufffd" },		/* overlong */
		{ "\xed\xa0\x80", "\\ufffd\\ufffd\\ufffd" },	/* surrogate */
		{ "\xf4\x90\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd" },
		{ "x\xe2\x82", "x\\ufffd\\ufffd" },		/* truncated */
		{ "\xe2\x80\xa8\xe2\x80\xa9", "\\u2028\\u2029" },
		{ "\xc2\x9b\xe9\x9b\x86\xf0\x9f\x94\xa5",
		    "\xc2\x9b\xe9\x9b\x86\xf0\x9f\x94\xa5" },	/* valid: kept */
	};
	size_t	 i, len;
	char	*out;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		out = sim_json_goescape(cases[i].in, strlen(cases[i].in), &len);
		is_str(out, cases[i].want, "goescape case %zu", i);
		is_int(len, strlen(cases[i].want), "goescape case %zu length",
		    i);
		free(out);
	}
}

static int
names_cb(const struct sim_obj *o, void *arg)
{
	scs_buf_printf(arg, "%s@%llu ", o->name, (unsigned long long)o->rv);
	return (0);
}

/* A past state: objects changed, added and deleted after it. */
static void
test_db_at(void)
{
	struct sim_db	*db = sim_db_new(100);
	struct scs_buf	 b;
	uint64_t	 at;
	const char	*names[] = { "a", "b", "c", "d" };
	size_t		 i;
	char		 want[128];

	for (i = 0; i < 4; i++)
		sim_db_put(db, "/secrets", sim_obj_new("v1", "Secret", "ns",
		    names[i], 1));
	at = sim_db_rv(db);
	snprintf(want, sizeof want, "a@%llu b@%llu c@%llu d@%llu ",
	    (unsigned long long)at - 3, (unsigned long long)at - 2,
	    (unsigned long long)at - 1, (unsigned long long)at);
	sim_db_put(db, "/secrets", sim_obj_new("v1", "Secret", "ns", "b", 1));
	sim_db_put(db, "/secrets", sim_obj_new("v1", "Secret", "ns", "bb", 1));
	sim_db_delete(db, "/secrets", "ns", "c");
	sim_db_put(db, "/secrets", sim_obj_new("v1", "Secret", "ns", "b", 1));
	scs_buf_init(&b, 0);
	sim_db_foreach_at(db, "/secrets", NULL, NULL, NULL, at, names_cb, &b);
	is_str(b.data, want, "foreach_at: the state at %llu",
	    (unsigned long long)at);
	scs_buf_reset(&b);
	sim_db_foreach_at(db, "/secrets", "ns", "ns", "a", at, names_cb, &b);
	is_str(b.data, strchr(want, ' ') + 1, "foreach_at after a key");
	scs_buf_reset(&b);
	sim_db_foreach_at(db, "/secrets", "ns", NULL, NULL, sim_db_rv(db),
	    names_cb, &b);
	ok(b.data != NULL && strstr(b.data, "bb@") != NULL &&
	    strstr(b.data, "c@") == NULL, "foreach_at now: %s", b.data);
	scs_buf_done(&b);
	sim_db_restart(db, 10);
	ok(sim_db_rv(db) == 14 && sim_db_oldest_rv(db) == 14,
	    "restart renumbers from the base (%llu)",
	    (unsigned long long)sim_db_rv(db));
	sim_db_free(db);
}

int
main(void)
{
	test_json();
	test_db_at();
	test_db();
	test_demo();
	test_reconcile();
	test_demo_moves();
	test_convert();
	test_scale();
	return (tap_done());
}
