/*
 * sim-scenario.c: what the simulated world holds at start: "empty",
 * "demo" (three tenants with cluster stacks, classes and a dozen clusters
 * in mixed states), "scale" (many clusters for benchmarks) and "hostile"
 * (the demo plus objects full of terminal escapes, controls, invalid
 * UTF-8, bidi and megabyte strings, for the safety tests: load_hostile
 * here and sim-hostile.c).
 * Deterministic for a seed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-world.h"

#define H	3600
#define D	86400

struct ctx {
	struct sim_db	*db;
	uint64_t	 rng;
	int64_t		 now;
};

static void
put(struct ctx *c, const char *res, cJSON *o)
{
	char	 uid[40];

	if (sim_get(o, "metadata.uid") == NULL) {
		sim_uid(&c->rng, uid, sizeof uid);
		sim_set_str(o, "metadata.uid", uid);
	}
	sim_db_put(c->db, res, o);
}

static void
namespace(struct ctx *c, const char *name, const char *tenant, int64_t age)
{
	cJSON	*o = sim_obj_new("v1", "Namespace", NULL, name, c->now - age);

	if (tenant != NULL)
		sim_label(o, "scs.community/tenant", tenant);
	sim_label(o, "kubernetes.io/metadata.name", name);
	sim_set_str(o, "spec.finalizers", "kubernetes");
	cJSON_DeleteItemFromObjectCaseSensitive(sim_path(o, "spec"),
	    "finalizers");
	sim_set_str(o, "status.phase", "Active");
	put(c, SIM_NAMESPACES, o);
}

/* A configuration map with a few keys (a kind scs-tui has no decoder
 * for: its table shows the server's printer columns). */
static void
configmap(struct ctx *c, const char *ns, const char *name, int64_t age)
{
	cJSON	*o = sim_obj_new("v1", "ConfigMap", ns, name, c->now - age);
	cJSON	*data = cJSON_AddObjectToObject(o, "data");

	cJSON_AddStringToObject(data, "channel", "stable");
	cJSON_AddStringToObject(data, "provider", "openstack");
	cJSON_AddStringToObject(data, "auto-subscribe", "true");
	put(c, "/configmaps", o);
}

static void
secret(struct ctx *c, const char *ns, const char *name, const char *type,
    const char *const *kv, int64_t age)
{
	cJSON	*o = sim_obj_new("v1", "Secret", ns, name, c->now - age);
	cJSON	*data = cJSON_AddObjectToObject(o, "data");
	char	*b64;

	cJSON_AddStringToObject(o, "type", type);
	for (; kv[0] != NULL; kv += 2) {
		b64 = scs_base64_encode(kv[1], strlen(kv[1]));
		cJSON_AddStringToObject(data, kv[0], b64);
		free(b64);
	}
	put(c, SIM_SECRETS, o);
}

cJSON *
sim_kubeconfig_secret(const char *ns, const char *cluster, int64_t now)
{
	cJSON	*o = sim_obj_new("v1", "Secret", ns, "", now);
	char	*text, *b64, name[256];

	snprintf(name, sizeof name, "%s-kubeconfig", cluster);
	sim_set_str(o, "metadata.name", name);
	sim_label(o, "cluster.x-k8s.io/cluster-name", cluster);
	sim_owner(o, SIM_CAPI, "Cluster", cluster, NULL);
	cJSON_AddStringToObject(o, "type", "cluster.x-k8s.io/secret");
	scs_xasprintf(&text,
	    "apiVersion: v1\nkind: Config\nclusters:\n"
	    "- name: %s\n  cluster:\n    server: https://%s.%s.k8s.example:6443\n"
	    "    certificate-authority-data: TFMwdExTMUNSVWRKVGlCRFJWSlVTVVpKUTBGVVJTMHRMUzB0Q2c9PQ==\n"
	    "users:\n- name: %s-admin\n  user:\n"
	    "    client-certificate-data: TFMwdExTMUNSVWRKVGlCRFJWSlVTVVpKUTBGVVJTMHRMUzB0Q2c9PQ==\n"
	    "    client-key-data: U0lNVUxBVEVELUtFWS1ETy1OT1QtVVNFLQ==\n"
	    "contexts:\n- name: %s-admin@%s\n  context:\n    cluster: %s\n"
	    "    user: %s-admin\ncurrent-context: %s-admin@%s\n",
	    cluster, cluster, ns, cluster, cluster, cluster, cluster, cluster,
	    cluster, cluster);
	b64 = scs_base64_encode(text, strlen(text));
	sim_set_str(o, "data.value", b64);
	free(b64);
	free(text);
	return (o);
}

cJSON *
sim_addon(const char *ns, const char *cluster, const char *cluster_uid,
    const char *class_name, int64_t now)
{
	cJSON	*o, *stages, *st;
	char	 name[256];
	int	 i;
	static const char *const names[] = { "cni", "ccm", "csi" };

	snprintf(name, sizeof name, "cluster-addon-%s", cluster);
	o = sim_obj_new(SIM_CSO, "ClusterAddon", ns, name, now);
	sim_owner(o, SIM_CAPI, "Cluster", cluster, cluster_uid);
	sim_set_str(o, "spec.clusterStack", class_name);
	sim_set_str(o, "spec.version", "v1");
	sim_set_str(o, "spec.hook", "AfterControlPlaneInitialized");
	sim_set_str(o, "spec.clusterRef.kind", "Cluster");
	sim_set_str(o, "spec.clusterRef.name", cluster);
	sim_set_str(o, "spec.clusterRef.namespace", ns);
	sim_set_str(o, "spec.clusterRef.apiVersion", SIM_CAPI);
	stages = cJSON_AddArrayToObject(sim_path(o, "status"), "stages");
	for (i = 0; i < 3; i++) {
		st = cJSON_CreateObject();
		cJSON_AddStringToObject(st, "name", names[i]);
		cJSON_AddStringToObject(st, "action", "apply");
		cJSON_AddStringToObject(st, "phase", "done");
		cJSON_AddItemToArray(stages, st);
	}
	sim_set_bool(o, "status.ready", 1);
	sim_cond_v1beta1(o, "Ready", "True", NULL, NULL, NULL, now);
	sim_cond_v1beta1(o, "HelmChartApplied", "True", NULL, NULL, NULL,
	    now);
	return (o);
}

static void
ctx_put(void *arg, const char *res, cJSON *o)
{
	put(arg, res, o);
}

/* A ClusterStack with its releases and classes (sim-stacks.c). */
static void
stack(struct ctx *c, const char *ns, const char *provider, const char *name,
    int minor, const char *const *versions, const char *const *k8s)
{
	cJSON		*o, *arr;
	char		 sname[128], kv[32];
	size_t		 i;
	int64_t		 age = 30 * D;

	snprintf(sname, sizeof sname, "%s-%s-1-%d", provider, name, minor);
	o = sim_obj_new(SIM_CSO, "ClusterStack", ns, sname, c->now - age);
	sim_set_str(o, "spec.provider", provider);
	sim_set_str(o, "spec.name", name);
	snprintf(kv, sizeof kv, "1.%d", minor);
	sim_set_str(o, "spec.kubernetesVersion", kv);
	sim_set_str(o, "spec.channel", "stable");
	sim_set_bool(o, "spec.autoSubscribe", 0);
	sim_set_bool(o, "spec.noProvider", strcmp(name, "scs2") == 0);
	arr = cJSON_AddArrayToObject(sim_path(o, "spec"), "versions");
	for (i = 0; versions[i] != NULL; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(versions[i]));
	sim_stack_status(o, c->now - age);
	put(c, SIM_STACKS, o);
	sim_stack_releases(c->db, sim_db_get(c->db, SIM_STACKS, ns,
	    sname)->json, k8s, c->now - age, 7 * D, ctx_put, c);
}

enum dc_state { DC_READY, DC_NEW, DC_FAILED, DC_DELETING, DC_DEGRADED };

struct demo_cluster {
	const char	*ns;
	const char	*name;
	const char	*cls;
	const char	*version;
	int		 cp;
	int		 workers;
	enum dc_state	 state;
	const char	*fail;
	int64_t		 age;
};

static const struct demo_cluster demo_clusters[] = {
	{ "tenant-a", "prod-eu1", "openstack-scs2-1-35-v2", "v1.35.5", 3, 3,
	    DC_READY, NULL, 41 * D },
	{ "tenant-a", "staging", "openstack-scs2-1-35-v1", "v1.35.4", 1, 2,
	    DC_READY, NULL, 20 * D },
	{ "tenant-a", "analytics", "openstack-scs2-1-35-v2", "v1.35.5", 1, 3,
	    DC_DEGRADED, "1 of 3 worker machines are not ready: server "
	    "analytics-md-0-x7k2p in ERROR state (No valid host was found)",
	    9 * D },
	{ "tenant-a", "ci-runners", "openstack-scs2-1-36-v1", "v1.36.2", 1, 2,
	    DC_NEW, NULL, 0 },
	{ "tenant-b", "legacy", "openstack-scs-1-29-v3", "v1.29.14", 1, 2,
	    DC_READY, NULL, 400 * D },
	{ "tenant-b", "web", "openstack-scs2-1-35-v2", "v1.35.5", 3, 2,
	    DC_FAILED, "Failed to create server: Quota exceeded for cores: "
	    "Requested 8, but already used 96 of 100 cores", 3 * H },
	{ "tenant-b", "old-test", "openstack-scs2-1-35-v1", "v1.35.4", 1, 1,
	    DC_DELETING, "Waiting for load balancer kube_service_old-test to "
	    "be deleted", 60 * D },
	{ "tenant-b", "shop", "openstack-scs2-1-35-v2", "v1.35.5", 3, 4,
	    DC_READY, NULL, 15 * D },
	{ "tenant-c", "edge-1", "docker-ferrol-1-27-v1", "v1.27.16", 1, 1,
	    DC_READY, NULL, 700 * D },
	{ "tenant-c", "edge-2", "openstack-scs2-1-36-v1", "v1.36.2", 1, 2,
	    DC_READY, NULL, 5 * D },
	{ "tenant-c", "lab", "openstack-scs2-1-36-v1", "v1.36.2", 1, 1,
	    DC_NEW, NULL, 0 },
	{ "tenant-c", "gpu", "openstack-scs2-1-36-v1", "v1.36.2", 3, 2,
	    DC_READY, NULL, 2 * D },
};

static cJSON *
cluster_object(struct ctx *c, const struct demo_cluster *dc, int64_t created)
{
	cJSON	*o, *md, *mds, *ov;

	o = sim_obj_new(SIM_CAPI, "Cluster", dc->ns, dc->name, created);
	sim_set_int(o, "metadata.generation", 1);
	sim_label(o, "managed-secret", "clouds-yaml");
	sim_set(o, "spec.clusterNetwork.pods.cidrBlocks",
	    cJSON_CreateStringArray((const char *[]){ "192.168.0.0/16" }, 1));
	sim_set(o, "spec.clusterNetwork.services.cidrBlocks",
	    cJSON_CreateStringArray((const char *[]){ "10.96.0.0/12" }, 1));
	sim_set_str(o, "spec.clusterNetwork.serviceDomain", "cluster.local");
	sim_set_str(o, "spec.topology.classRef.name", dc->cls);
	sim_set_str(o, "spec.topology.classRef.namespace", dc->ns);
	sim_set_str(o, "spec.topology.version", dc->version);
	sim_set_int(o, "spec.topology.controlPlane.replicas", dc->cp);
	mds = cJSON_AddArrayToObject(sim_path(o, "spec.topology.workers"),
	    "machineDeployments");
	md = cJSON_CreateObject();
	cJSON_AddStringToObject(md, "class", "default-worker");
	cJSON_AddStringToObject(md, "name", "md-0");
	cJSON_AddNumberToObject(md, "replicas", dc->workers);
	cJSON_AddStringToObject(md, "failureDomain", "nova");
	cJSON_AddItemToArray(mds, md);
	if (strstr(dc->cls, "scs2") != NULL) {
		ov = cJSON_CreateObject();
		cJSON_AddStringToObject(ov, "name", "workerFlavor");
		cJSON_AddStringToObject(ov, "value", dc->workers > 2 ?
		    "SCS-8V-16" : "SCS-4V-8");
		cJSON_AddItemToArray(cJSON_AddArrayToObject(sim_path(md,
		    "variables"), "overrides"), ov);
		cJSON_AddItemToArray(cJSON_AddArrayToObject(sim_path(o,
		    "spec.topology"), "variables"), cJSON_Parse(
		    "{\"name\":\"controlPlaneFlavor\",\"value\":\"SCS-2V-4\"}"));
		cJSON_AddItemToArray(cJSON_GetObjectItem(sim_path(o,
		    "spec.topology"), "variables"), cJSON_Parse(
		    "{\"name\":\"identityRef\",\"value\":{\"name\":\"openstack\","
		    "\"cloudName\":\"openstack\"}}"));
	} else if (strstr(dc->cls, "-scs-") != NULL) {
		cJSON_AddItemToArray(cJSON_AddArrayToObject(sim_path(o,
		    "spec.topology"), "variables"), cJSON_Parse(
		    "{\"name\":\"external_id\",\"value\":"
		    "\"ebfe5546-f09f-4f42-ab54-094e457d42ec\"}"));
	}
	(void)c;
	return (o);
}

/* A Machine with its bootstrap config and infrastructure machine. */
static void
machine(struct ctx *c, cJSON *m, int64_t now)
{
	const struct sim_obj	*o;
	char			*ns, *name;

	ns = scs_xstrdup(sim_get_str(m, "metadata.namespace"));
	name = scs_xstrdup(sim_get_str(m, "metadata.name"));
	put(c, SIM_MACHINES, m);
	o = sim_db_get(c->db, SIM_MACHINES, ns, name);
	free(ns);
	free(name);
	if (o != NULL)
		sim_graph_machine(c->db, o->json, now);
}

/* A cluster already up (or broken) with its machines, as if reconciled. */
static void
demo_cluster(struct ctx *c, const struct demo_cluster *dc)
{
	struct sim_cstat	 s;
	cJSON			*o, *m, *md;
	char			 name[256], uid[40], ms[256];
	int			 i, wready;
	int64_t			 created = c->now - dc->age;

	o = cluster_object(c, dc, created);
	/* As CAPI's webhook stored it at its creation. (The scale world's
	 * clusters stay as the benchmarks' figures measured them.) */
	sim_seed_defaults(c->db, o);
	if (dc->state == DC_NEW) {
		put(c, SIM_CLUSTERS, o);
		return;
	}
	sim_uid(&c->rng, uid, sizeof uid);
	sim_set_str(o, "metadata.uid", uid);
	memset(&s, 0, sizeof s);
	s.phase = "Provisioned";
	s.infra = 1;
	s.cp_init = 1;
	s.cp_desired = s.cp_ready = s.cp_uptodate = dc->cp;
	s.w_desired = s.w_uptodate = dc->workers;
	wready = dc->workers;
	if (dc->state == DC_DEGRADED)
		wready = dc->workers - 1;
	s.w_ready = wready;
	if (dc->state == DC_DEGRADED) {
		s.degraded = dc->fail;
		sim_annotate(o, SIM_DEGRADED_ANNOTATION,
		    dc->fail);
	}
	if (dc->state == DC_FAILED) {
		s.phase = "Provisioning";
		s.infra = 0;
		s.cp_init = 0;
		s.cp_ready = s.cp_uptodate = 0;
		s.w_ready = s.w_uptodate = 0;
		s.fail = dc->fail;
		sim_annotate(o, SIM_FAIL_ANNOTATION,
		    dc->fail);
	}
	if (dc->state == DC_DELETING) {
		char ts[32];

		s.deleting = 1;
		s.fail = dc->fail;
		sim_annotate(o, SIM_FAIL_ANNOTATION,
		    dc->fail);
		scs_format_rfc3339(c->now - 2 * H, ts, sizeof ts);
		sim_set_str(o, "metadata.deletionTimestamp", ts);
		cJSON_AddItemToArray(cJSON_AddArrayToObject(sim_path(o,
		    "metadata"), "finalizers"),
		    cJSON_CreateString("cluster.cluster.x-k8s.io"));
	}
	sim_cluster_status(o, &s, dc->state == DC_DEGRADED ? c->now - 3 * H :
	    created + 600);
	sim_graph_cluster_refs(o);
	put(c, SIM_CLUSTERS, o);
	if (dc->state == DC_FAILED) {
		sim_graph_sync(c->db, dc->ns, dc->name, created + 600);
		return;
	}

	for (i = 0; i < dc->cp; i++) {
		snprintf(name, sizeof name, "%s-control-plane-%c%c%c%c%c",
		    dc->name, 'a' + (int)(sim_rand(&c->rng) % 26),
		    'a' + (int)(sim_rand(&c->rng) % 26),
		    '0' + (int)(sim_rand(&c->rng) % 10),
		    'a' + (int)(sim_rand(&c->rng) % 26),
		    'a' + (int)(sim_rand(&c->rng) % 26));
		m = sim_machine_new(dc->ns, dc->name, name, NULL, NULL,
		    dc->version, 1, created + 300);
		machine(c, m, created + 300);
	}
	md = sim_md_new(dc->ns, dc->name, "md-0", "default-worker",
	    dc->workers, dc->version, created + 200);
	sim_md_status(md, dc->workers, wready, dc->workers, created + 600);
	if (dc->state == DC_DEGRADED)
		sim_md_status(md, dc->workers, wready, dc->workers,
		    c->now - 3 * H);
	put(c, SIM_MDS, md);
	for (i = 0; i < dc->workers; i++) {
		if (dc->state == DC_DEGRADED && i == dc->workers - 1)
			snprintf(name, sizeof name, "%s-md-0-x7k2p", dc->name);
		else
			snprintf(name, sizeof name, "%s-md-0-%c%c%c%c%c",
			    dc->name, 'a' + (int)(sim_rand(&c->rng) % 26),
			    '0' + (int)(sim_rand(&c->rng) % 10),
			    'a' + (int)(sim_rand(&c->rng) % 26),
			    'a' + (int)(sim_rand(&c->rng) % 26),
			    '0' + (int)(sim_rand(&c->rng) % 10));
		sim_graph_ms_name(ms, sizeof ms, dc->name, "md-0", dc->version,
		    NULL);
		m = sim_machine_new(dc->ns, dc->name, name, "md-0", ms,
		    dc->version, 1, created + 500);
		if (dc->state == DC_DEGRADED && i == dc->workers - 1) {
			sim_set_str(m, "status.phase", "Failed");
			cJSON_DeleteItemFromObjectCaseSensitive(sim_path(m,
			    "status"), "nodeRef");
			sim_cond(m, "Ready", "False", "InstanceError",
			    "server is in ERROR state: No valid host was found",
			    c->now - 3 * H);
			sim_cond(m, "Available", "False", "NotAvailable", NULL,
			    c->now - 3 * H);
			sim_annotate(m, SIM_FAIL_ANNOTATION,
			    "No valid host was found");
		}
		machine(c, m, created + 500);
	}
	put(c, SIM_SECRETS, sim_kubeconfig_secret(dc->ns, dc->name,
	    created + 400));
	if (sim_stacks_installed())
		put(c, SIM_ADDONS, sim_addon(dc->ns, dc->name, uid, dc->cls,
		    created + 450));
	sim_graph_sync(c->db, dc->ns, dc->name, created + 600);
}

static void
event(struct ctx *c, const char *ns, const char *kind, const char *name,
    const char *type, const char *reason, const char *msg, int count,
    int64_t age)
{
	cJSON	*o;
	char	 ename[256], ts[32];

	snprintf(ename, sizeof ename, "%s.%llx", name,
	    (unsigned long long)(sim_rand(&c->rng) & 0xffffffffffULL));
	o = sim_obj_new("v1", "Event", ns, ename, c->now - age);
	sim_set_str(o, "involvedObject.kind", kind);
	sim_set_str(o, "involvedObject.name", name);
	sim_set_str(o, "involvedObject.namespace", ns);
	sim_set_str(o, "involvedObject.apiVersion", strcmp(kind, "Cluster") ==
	    0 || strcmp(kind, "Machine") == 0 ? SIM_CAPI : "v1");
	cJSON_AddStringToObject(o, "type", type);
	cJSON_AddStringToObject(o, "reason", reason);
	cJSON_AddStringToObject(o, "message", msg);
	cJSON_AddNumberToObject(o, "count", count);
	scs_format_rfc3339(c->now - age / 4, ts, sizeof ts);
	cJSON_AddStringToObject(o, "lastTimestamp", ts);
	scs_format_rfc3339(c->now - age, ts, sizeof ts);
	cJSON_AddStringToObject(o, "firstTimestamp", ts);
	sim_set_str(o, "source.component", "capo-controller-manager");
	put(c, SIM_EVENTS, o);
}

static void
claim(struct ctx *c, const char *plural, const char *kind, const char *ns,
    const char *name, const char *version, const char *notready,
    int64_t age)
{
	cJSON	*o = sim_obj_new("api.scs.community/v1alpha1", kind, ns, name,
		    c->now - age);
	char	 res[128];

	if (version != NULL)
		sim_set_str(o, "spec.version", version);
	else
		sim_set_str(o, "spec.name", name);
	sim_set_str(o, "spec.compositionRef.name", "capicluster");
	sim_set_str(o, "spec.writeConnectionSecretToRef.name", name);
	sim_cond(o, "Synced", "True", "ReconcileSuccess", NULL,
	    c->now - age + 60);
	if (notready != NULL)
		sim_cond(o, "Ready", "False", "Creating", notready,
		    c->now - age + 60);
	else
		sim_cond(o, "Ready", "True", "Available", NULL,
		    c->now - age + 300);
	sim_crossplane_claim(c->db, o, notready, c->now - age + 60);
	snprintf(res, sizeof res, "api.scs.community/%s", plural);
	put(c, res, o);
}

static void
tenant_infra(struct ctx *c, const char *tenant, int has_secret)
{
	cJSON	*o;
	char	 name[128], yaml[512];
	const char *kv[5];

	snprintf(yaml, sizeof yaml,
	    "clouds:\n  openstack:\n    auth:\n"
	    "      auth_url: https://keystone.region1.example.cloud:5000/v3\n"
	    "      application_credential_id: 3f1e%s0c9a\n"
	    "      application_credential_secret: SIMULATED-%s-d41d8cd98f00\n"
	    "    region_name: RegionOne\n    interface: public\n"
	    "    identity_api_version: 3\n"
	    "    auth_type: v3applicationcredential\n", tenant + 7, tenant);
	kv[0] = "clouds.yaml";
	kv[1] = yaml;
	kv[2] = "cloudName";
	kv[3] = "openstack";
	kv[4] = NULL;
	secret(c, tenant, "openstack", "Opaque", kv, 90 * D);
	if (has_secret && sim_stacks_installed()) {
		snprintf(name, sizeof name, "%s-clouds-yaml", tenant);
		snprintf(yaml, sizeof yaml, "{\"auth_url\":\"https://keystone."
		    "region1.example.cloud:5000/v3\",\"application_credential_id"
		    "\":\"a%s\",\"application_credential_secret\":\"SIMULATED-"
		    "%s-crossplane\",\"tenant_name\":\"%s\"}", tenant + 7,
		    tenant, tenant);
		kv[0] = "clouds.json";
		kv[1] = yaml;
		kv[2] = NULL;
		secret(c, "crossplane-system", name, "Opaque", kv, 90 * D);
	}
	if (!sim_stacks_installed())
		goto rbac;
	o = sim_obj_new("openstack.crossplane.io/v1beta1", "ProviderConfig",
	    NULL, tenant, c->now - 90 * D);
	sim_set_str(o, "spec.credentials.source", "Secret");
	snprintf(name, sizeof name, "%s-clouds-yaml", tenant);
	sim_set_str(o, "spec.credentials.secretRef.namespace",
	    "crossplane-system");
	sim_set_str(o, "spec.credentials.secretRef.name", name);
	sim_set_str(o, "spec.credentials.secretRef.key", "clouds.json");
	put(c, "openstack.crossplane.io/providerconfigs", o);
rbac:
	o = sim_obj_new("rbac.authorization.k8s.io/v1", "RoleBinding", tenant,
	    "scs-tenant", c->now - 90 * D);
	sim_set_str(o, "roleRef.apiGroup", "rbac.authorization.k8s.io");
	sim_set_str(o, "roleRef.kind", "ClusterRole");
	sim_set_str(o, "roleRef.name", "scs-tenant");
	cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "subjects"),
	    cJSON_Parse("{\"kind\":\"User\",\"name\":\"\","
	    "\"apiGroup\":\"rbac.authorization.k8s.io\"}"));
	sim_set_str(cJSON_GetArrayItem(cJSON_GetObjectItem(o, "subjects"), 0),
	    "name", tenant);
	put(c, "rbac.authorization.k8s.io/rolebindings", o);
}

static void
load_demo(struct ctx *c)
{
	static const char *const v12[] = { "v1", "v2", NULL };
	static const char *const v1[] = { "v1", NULL };
	static const char *const v3[] = { "v3", NULL };
	static const char *const k35[] = { "v1.35.4", "v1.35.5" };
	static const char *const k36[] = { "v1.36.2" };
	static const char *const k29[] = { "v1.29.14" };
	static const char *const k27[] = { "v1.27.16" };
	static const char *const system[] = { "capi-system", "cso-system",
	    "crossplane-system", "default", "kube-system", NULL };
	const char	*kv[5];
	size_t		 i;

	namespace(c, "tenant-a", "tenant-a", 120 * D);
	namespace(c, "tenant-b", "tenant-b", 400 * D);
	namespace(c, "tenant-c", "tenant-c", 700 * D);
	for (i = 0; system[i] != NULL; i++)
		namespace(c, system[i], NULL, 800 * D);

	stack(c, "tenant-a", "openstack", "scs2", 35, v12, k35);
	stack(c, "tenant-a", "openstack", "scs2", 36, v1, k36);
	stack(c, "tenant-b", "openstack", "scs", 29, v3, k29);
	stack(c, "tenant-b", "openstack", "scs2", 35, v12, k35);
	stack(c, "tenant-c", "docker", "ferrol", 27, v1, k27);
	stack(c, "tenant-c", "openstack", "scs2", 36, v1, k36);

	tenant_infra(c, "tenant-a", 1);
	tenant_infra(c, "tenant-b", 1);
	tenant_infra(c, "tenant-c", 0);

	for (i = 0; i < sizeof demo_clusters / sizeof demo_clusters[0]; i++)
		demo_cluster(c, &demo_clusters[i]);

	kv[0] = "git-provider";
	kv[1] = "github";
	kv[2] = "git-access-token";
	kv[3] = "SIMULATED-ghp-0000000000000000";
	kv[4] = NULL;
	secret(c, "cso-system", "cluster-stack-variables", "Opaque", kv,
	    200 * D);
	configmap(c, "cso-system", "cso-config", 200 * D);

	event(c, "tenant-b", "Cluster", "web", "Warning", "ProvisioningFailed",
	    demo_clusters[5].fail, 14, 3 * H);
	event(c, "tenant-a", "Machine", "analytics-md-0-x7k2p", "Warning",
	    "InstanceError", "server is in ERROR state: No valid host was "
	    "found", 3, 3 * H);
	event(c, "tenant-b", "Cluster", "old-test", "Warning", "DeleteBlocked",
	    demo_clusters[6].fail, 40, 2 * H);
	event(c, "tenant-a", "Cluster", "prod-eu1", "Normal", "Provisioned",
	    "Cluster prod-eu1 is provisioned", 1, 41 * D);

	claim(c, "clusters", "Cluster", "tenant-a", "shop-frontend", "v1.35.5",
	    NULL, 10 * D);
	claim(c, "clusters", "Cluster", "tenant-b", "reporting", "v1.36.2",
	    "Waiting for the composed Cluster to become available", 20 * 60);
	claim(c, "keypairv2s", "KeypairV2", "tenant-a", "ops-key", NULL, NULL,
	    30 * D);
	claim(c, "instancev2s", "InstanceV2", "tenant-a", "bastion", NULL,
	    NULL, 30 * D);
	claim(c, "networkv2s", "NetworkV2", "tenant-c", "edge-net", NULL,
	    NULL, 12 * D);
}

/*
 * Hostile strings, as a broken or malicious controller could write them:
 * terminal escapes (clear screen, OSC 52 clipboard, OSC 8 links, CSI with
 * huge parameters), C0 and C1 controls, bidi overrides, zero-width and
 * wide characters, emoji, U+FFFD (what Go's encoder makes of invalid
 * UTF-8), and megabyte-long messages. The JSON stays valid.
 */
static int	capi_v1beta1_only;
static int	no_stacks;

int
sim_capi_v1beta1_only(void)
{
	return (capi_v1beta1_only);
}

int
sim_stacks_installed(void)
{
	return (!no_stacks);
}

/*
 * A plain Cluster API management cluster (capi, capi-v1beta1): no
 * Cluster Stack Operator and no Central API, a ClusterClass a platform
 * team wrote (quick-start: no ClusterStackRelease describes it, its name
 * follows no convention), clusters on it at versions of their own.
 */
static const struct demo_cluster capi_clusters[] = {
	{ "tenant-a", "dev", "quick-start", "v1.33.4", 1, 2, DC_READY, NULL,
	    60 * D },
	{ "tenant-a", "qa", "quick-start", "v1.32.9", 1, 1, DC_READY, NULL,
	    90 * D },
	{ "tenant-b", "api", "quick-start", "v1.33.4", 3, 2, DC_READY, NULL,
	    30 * D },
};

static void
load_capi(struct ctx *c)
{
	static const char *const system[] = { "capi-system",
	    "capo-system", "default", "kube-system", NULL };
	static const char *const tenants[] = { "tenant-a", "tenant-b", NULL };
	size_t		 i;

	for (i = 0; tenants[i] != NULL; i++) {
		namespace(c, tenants[i], tenants[i], 200 * D);
		tenant_infra(c, tenants[i], 0);
		put(c, SIM_CLASSES, sim_class_new(c->db, tenants[i],
		    "quick-start", "capi", c->now - 180 * D));
	}
	/* A second class of the platform team's (no cluster-stacks rule
	 * between the two). */
	put(c, SIM_CLASSES, sim_class_new(c->db, "tenant-a",
	    "quick-start-ipv6", "capi", c->now - 20 * D));
	for (i = 0; system[i] != NULL; i++)
		namespace(c, system[i], NULL, 800 * D);
	for (i = 0; i < sizeof capi_clusters / sizeof capi_clusters[0]; i++)
		demo_cluster(c, &capi_clusters[i]);
}

static const char hostile_text[] =
    "\033[2J\033[H\033]52;c;ZWNobyBwd25lZA==\007"
    "\033]8;;https://evil.example/\033\\click\033]8;;\033\\ "
    "\033[999999999;999999999H\033[38;5;196mRED\033[0m "
    "bell\007 bs\b cr\r tab\t c1\xc2\x9b" "31m "
    "\xe2\x80\xae\xe2\x80\x8b" "desrever\xe2\x80\xac "
    "\xe5\x90\x8d\xe5\x89\x8d \xf0\x9f\x94\xa5 \xef\xbf\xbd end";

static char *
long_text(size_t n)
{
	char	*t = scs_xmalloc(n + 1);
	size_t	 i, k = strlen(hostile_text);

	for (i = 0; i < n; i++)
		t[i] = i % 100 == 99 ? ' ' : hostile_text[i % k] == '\0' ?
		    'x' : 'A' + (char)(i % 26);
	/* Some escapes inside the megabyte too. */
	memcpy(t + n / 2, "\033[2J", 4);
	t[n] = '\0';
	return (t);
}

static void
load_hostile(struct ctx *c)
{
	struct demo_cluster	 dc;
	const struct sim_obj	*ob;
	cJSON			*o, *conds, *cond;
	char			*big;
	const char		*kv[5];

	load_demo(c);
	memset(&dc, 0, sizeof dc);
	dc.ns = "tenant-a";
	dc.name = "hostile";
	dc.cls = "openstack-scs2-1-35-v2";
	dc.version = "v1.35.5";
	dc.cp = 1;
	dc.workers = 1;
	dc.state = DC_FAILED;
	dc.fail = hostile_text;
	dc.age = 2 * H;
	demo_cluster(c, &dc);
	/* Annotations and a condition message of a megabyte. */
	ob = sim_db_get(c->db, SIM_CLUSTERS, "tenant-a", "hostile");
	if (ob != NULL) {
		o = cJSON_Duplicate(ob->json, 1);
		big = long_text(1024 * 1024);
		sim_annotate(o, "example.com/hostile", hostile_text);
		sim_annotate(o, "example.com/megabyte", big);
		conds = sim_path(o, "status.conditions");
		cond = cJSON_GetArrayItem(conds, 0);
		if (cond != NULL) {
			cJSON_DeleteItemFromObjectCaseSensitive(cond,
			    "message");
			cJSON_AddStringToObject(cond, "message", big);
		}
		free(big);
		sim_db_put(c->db, SIM_CLUSTERS, o);
	}
	event(c, "tenant-a", "Cluster", "hostile", "Warning", "Hostile",
	    hostile_text, 1, H);
	kv[0] = "value";
	kv[1] = hostile_text;
	kv[2] = NULL;
	secret(c, "tenant-a", "hostile-secret", "Opaque", kv, D);
}

/*
 * What real Clusters carry beyond what the console shows (issue 17: a
 * median of ~8 KB of JSON each, half of it managedFields): labels and
 * annotations set by their owners, a dozen cluster variables, the
 * references CAPI fills in.
 */
static void
scale_dress(struct ctx *c, cJSON *o, int i)
{
	static const char *const teams[] = { "auth", "billing", "search",
	    "payments", "platform", "data", "edge" };
	static const char *const envs[] = { "prod", "staging", "ci", "dev" };
	static const char *const regions[] = { "de-fra1", "de-ber1",
	    "nl-ams1" };
	const char	*name = sim_get_str(o, "metadata.name");
	char		 buf[160];
	cJSON		*vars, *v;

	snprintf(buf, sizeof buf, "team-%s", teams[i % 7]);
	sim_label(o, "team", buf);
	sim_label(o, "environment", envs[i % 4]);
	sim_label(o, "region", regions[i % 3]);
	snprintf(buf, sizeof buf, "cc-%04d", 1000 + i % 8999);
	sim_label(o, "cost-center", buf);
	sim_label(o, "cluster.x-k8s.io/cluster-name", name);
	sim_label(o, "topology.cluster.x-k8s.io/owned", "");
	snprintf(buf, sizeof buf, "%s cluster for %s in %s", envs[i % 4],
	    teams[i % 7], sim_get_str(o, "metadata.namespace"));
	sim_annotate(o, "description", buf);
	sim_annotate(o, "scs.community/contact", "platform-team@example.com");
	sim_set_str(o, "spec.controlPlaneRef.apiGroup",
	    "controlplane.cluster.x-k8s.io");
	sim_set_str(o, "spec.controlPlaneRef.kind", "KubeadmControlPlane");
	snprintf(buf, sizeof buf, "%s-control-plane", name);
	sim_set_str(o, "spec.controlPlaneRef.name", buf);
	sim_set_str(o, "spec.infrastructureRef.apiGroup",
	    "infrastructure.cluster.x-k8s.io");
	sim_set_str(o, "spec.infrastructureRef.kind", "OpenStackCluster");
	snprintf(buf, sizeof buf, "%s-%05d", name, (int)(sim_rand(&c->rng) %
	    100000));
	sim_set_str(o, "spec.infrastructureRef.name", buf);
	vars = cJSON_GetObjectItemCaseSensitive(sim_path(o, "spec.topology"),
	    "variables");
	if (vars == NULL)
		vars = cJSON_AddArrayToObject(sim_path(o, "spec.topology"),
		    "variables");
	v = cJSON_Parse("[{\"name\":\"apiServerLoadBalancer\",\"value\":"
	    "\"octavia-ovn\"},{\"name\":\"dnsNameservers\",\"value\":"
	    "[\"9.9.9.9\",\"149.112.112.112\"]},{\"name\":\"oidcConfig\","
	    "\"value\":{\"clientID\":\"kubectl\",\"issuerURL\":"
	    "\"https://dex.example.invalid\"}},{\"name\":\"sshKeyName\","
	    "\"value\":\"platform-keypair\"},{\"name\":\"workerRootDisk\","
	    "\"value\":50}]");
	while (cJSON_GetArraySize(v) > 0)
		cJSON_AddItemToArray(vars, cJSON_DetachItemFromArray(v, 0));
	cJSON_Delete(v);
	snprintf(buf, sizeof buf, "10.%d.%d.0/20", 8 + i % 200,
	    (i / 200 % 16) * 16);
	v = cJSON_CreateObject();
	cJSON_AddStringToObject(v, "name", "nodeCIDR");
	cJSON_AddStringToObject(v, "value", buf);
	cJSON_AddItemToArray(vars, v);
}

/* The rest of a v1beta2 Cluster's conditions, and message "" on each, as
 * the CAPI controllers write them. */
static void
scale_conditions(cJSON *o, int64_t now)
{
	cJSON	*cond;

	sim_cond(o, "MachinesReady", "True", "Ready", NULL, now);
	sim_cond(o, "MachinesUpToDate", "True", "UpToDate", NULL, now);
	sim_cond(o, "ScalingDown", "False", "NotScalingDown", NULL, now);
	sim_cond(o, "Remediating", "False", "NotRemediating", NULL, now);
	sim_cond(o, "Paused", "False", "NotPaused", NULL, now);
	cJSON_ArrayForEach(cond, cJSON_GetObjectItemCaseSensitive(
	    sim_path(o, "status"), "conditions")) {
		if (cJSON_GetObjectItemCaseSensitive(cond, "message") == NULL)
			cJSON_AddStringToObject(cond, "message", "");
	}
}

/* How many of the scale world's clusters are minutes old. */
#define SCALE_RECENT	10

static void
load_scale(struct ctx *c, const struct scs_sim_opts *o)
{
	int		 nns = o->namespaces > 0 ? o->namespaces : 50;
	int		 ncl = o->clusters > 0 ? o->clusters : 10000;
	int		 ncc = o->classes > 0 ? o->classes : 200;
	int		 nsec = o->secrets > 0 ? o->secrets : 2000;
	int		 i;
	char		 ns[64], name[128], cls[128], ver[32];
	struct demo_cluster dc;
	struct sim_cstat s;
	cJSON		*obj;
	const char	*kv[5];
	int64_t		 created, changed;

	for (i = 0; i < nns; i++) {
		snprintf(ns, sizeof ns, "tenant-%03d", i);
		namespace(c, ns, ns, 100 * D);
	}
	for (i = 0; i < ncc; i++) {
		snprintf(ns, sizeof ns, "tenant-%03d", i % nns);
		snprintf(name, sizeof name, "openstack-scs2-1-%d-v%d",
		    34 + i % 3, 1 + i / nns);
		obj = sim_obj_new(SIM_CAPI, "ClusterClass", ns, name,
		    c->now - 30 * D);
		cJSON_AddItemToObject(sim_path(obj, "spec"), "variables",
		    sim_class_variables("scs2"));
		/* The worker class the clusters name (the topology
		 * webhook checks it on every write). */
		cJSON_AddItemToArray(cJSON_AddArrayToObject(sim_path(obj,
		    "spec.workers"), "machineDeployments"), cJSON_Parse(
		    "{\"class\":\"default-worker\"}"));
		sim_cond(obj, "VariablesReady", "True", "VariablesReady", NULL,
		    c->now - 30 * D);
		put(c, SIM_CLASSES, obj);
	}
	memset(&s, 0, sizeof s);
	for (i = 0; i < ncl; i++) {
		snprintf(ns, sizeof ns, "tenant-%03d", i % nns);
		snprintf(name, sizeof name, "cluster-%05d", i);
		snprintf(cls, sizeof cls, "openstack-scs2-1-%d-v1", 34 + i % 3);
		snprintf(ver, sizeof ver, "v1.%d.%d", 34 + i % 3, 1 + i % 7);
		dc.ns = ns;
		dc.name = name;
		dc.cls = cls;
		dc.version = ver;
		dc.cp = i % 5 == 0 ? 3 : 1;
		dc.workers = 1 + i % 6;
		/* Days old, but the newest few minutes old: ages that tick
		 * on screen when sorted by age (the idle benchmark). */
		created = c->now - (int64_t)(1 + i % 90) * D;
		changed = c->now - (int64_t)(i % 90) * D;
		if (i >= ncl - SCALE_RECENT)
			created = changed = c->now - (int64_t)(ncl - i) * 300;
		obj = cluster_object(c, &dc, created);
		scale_dress(c, obj, i);
		s.phase = "Provisioned";
		s.infra = s.cp_init = 1;
		s.cp_desired = s.cp_ready = s.cp_uptodate = dc.cp;
		s.w_desired = s.w_ready = s.w_uptodate = dc.workers;
		s.degraded = NULL;
		if (i % 97 == 13) {
			s.w_ready = dc.workers - 1;
			s.degraded = "1 worker machine is not ready: node "
			    "NotReady (kubelet stopped posting status)";
		}
		sim_annotate(obj, SIM_STATIC_ANNOTATION,
		    "true");
		sim_cluster_status(obj, &s, changed);
		scale_conditions(obj, changed);
		/* As server-side apply leaves them: the creating manager
		 * and the status writer. */
		sim_managed_fields(obj, "capi-operator", created,
		    "capi-controller-manager", changed);
		put(c, SIM_CLUSTERS, obj);
	}
	for (i = 0; i < nsec; i++) {
		snprintf(ns, sizeof ns, "tenant-%03d", i % nns);
		snprintf(name, sizeof name, "secret-%05d", i);
		kv[0] = "token";
		kv[1] = "SIMULATED-scale-secret-value";
		kv[2] = "ca.crt";
		kv[3] = "SIMULATED-ca";
		kv[4] = NULL;
		secret(c, ns, name, "Opaque", kv, (int64_t)(1 + i % 30) * D);
	}
}

enum scs_status
sim_scenario_load(struct sim_db *db, const struct scs_sim_opts *o,
    char **cause)
{
	struct ctx	 c;
	const char	*sc = o->scenario != NULL ? o->scenario : "demo";

	c.db = db;
	c.rng = o->seed != 0 ? o->seed : 1;
	c.now = scs_wall_s();
	/* The plain CAPI worlds serve another API (CAPI 1.10: v1beta1). */
	capi_v1beta1_only = strcmp(sc, "capi-v1beta1") == 0;
	no_stacks = strcmp(sc, "capi") == 0 || capi_v1beta1_only;
	if (strcmp(sc, "capi") == 0 || strcmp(sc, "capi-v1beta1") == 0)
		load_capi(&c);
	else if (strcmp(sc, "empty") == 0) {
		namespace(&c, "default", NULL, 800 * D);
		namespace(&c, "kube-system", NULL, 800 * D);
	} else if (strcmp(sc, "demo") == 0)
		load_demo(&c);
	else if (strcmp(sc, "scale") == 0)
		load_scale(&c, o);
	else if (strcmp(sc, "hostile") == 0) {
		load_hostile(&c);
		sim_scenario_hostile(db, &c.rng, c.now);
	} else {
		scs_cause(cause, "unknown scenario '%s' (demo, scale, empty, "
		    "hostile, capi, capi-v1beta1)", sc);
		return (SCS_USAGE);
	}
	return (SCS_OK);
}
