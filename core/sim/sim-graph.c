/*
 * sim-graph.c: the Cluster API object graph around a simulated cluster,
 * shaped as CAPI (v1beta2) and CAPO (v1beta1) write it: the
 * OpenStackCluster and KubeadmControlPlane the Cluster's refs name, the
 * templates they and the MachineDeployments point at, one MachineSet per
 * MachineDeployment revision (ownerReferences MD -> MS -> Machine), a
 * KubeadmConfig and an OpenStackMachine per Machine (its bootstrap
 * configRef and infrastructureRef), MachineHealthChecks for the control
 * plane and each MachineDeployment, and the templates a ClusterClass
 * names. Companions of a gone Machine are garbage-collected.
 *
 * Names are deterministic: a MachineSet's suffix is a hash of its
 * revision (version and rollout time), so a rollout makes a new one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-world.h"

#define L_CLUSTER	"cluster.x-k8s.io/cluster-name"
#define L_CP		"cluster.x-k8s.io/control-plane"
#define L_MD		"cluster.x-k8s.io/deployment-name"
#define L_MS		"cluster.x-k8s.io/set-name"
#define L_TOPO		"topology.cluster.x-k8s.io/owned"
#define L_TOPO_MD	"topology.cluster.x-k8s.io/deployment-name"

#define AV_CP		"controlplane.cluster.x-k8s.io/v1beta2"
#define AV_BOOT		"bootstrap.cluster.x-k8s.io/v1beta2"
#define AV_INFRA	"infrastructure.cluster.x-k8s.io/v1beta1"
#define G_CP		"controlplane.cluster.x-k8s.io"
#define G_BOOT		"bootstrap.cluster.x-k8s.io"
#define G_INFRA		"infrastructure.cluster.x-k8s.io"

/* --- names ------------------------------------------------------------ */

static void
suffix(char *out, const char *a, const char *b)
{
	uint32_t	 h = 2166136261u;
	const char	*p;
	int		 i;

	for (p = a; p != NULL && *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	h = (h ^ '|') * 16777619u;
	for (p = b; p != NULL && *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (i = 0; i < 5; i++) {
		out[i] = "bcdfghjklmnpqrstvwxz2456789"[h % 27];
		h /= 27;
	}
	out[5] = '\0';
}

void
sim_graph_ms_name(char *buf, size_t len, const char *cluster, const char *md,
    const char *version, const char *rollout_after)
{
	char	 s[8];

	suffix(s, version, rollout_after);
	snprintf(buf, len, "%s-%s-%s", cluster, md, s);
}

void
sim_graph_kcp_name(char *buf, size_t len, const char *cluster)
{
	snprintf(buf, len, "%s-control-plane", cluster);
}

static void
named(char *buf, size_t len, const char *cluster, const char *what)
{
	char	 s[8];

	suffix(s, cluster, what);
	snprintf(buf, len, "%s-%s-%s", cluster, what, s);
}

/* Set key to value in the object at path (keys may hold dots). */
static void
setkey(cJSON *o, const char *path, const char *key, const char *value)
{
	cJSON	*p = sim_path(o, path);

	cJSON_DeleteItemFromObjectCaseSensitive(p, key);
	cJSON_AddStringToObject(p, key, value);
}

/* A reference at path: KEY (apiGroup for a v1beta2 contract reference,
 * apiVersion for a ClusterClass's template reference), kind, name. */
static void
refkey(cJSON *o, const char *path, const char *key, const char *value,
    const char *kind, const char *name)
{
	setkey(o, path, key, value);
	setkey(o, path, "kind", kind);
	setkey(o, path, "name", name);
}
#define ref(o, path, group, kind, name)					\
	refkey(o, path, "apiGroup", group, kind, name)
#define tref(o, path, api_version, kind, name)				\
	refkey(o, path, "apiVersion", api_version, kind, name)

void
sim_graph_cluster_refs(cJSON *cluster)
{
	const char	*name = sim_get_str(cluster, "metadata.name");
	char		 buf[256];

	if (name == NULL)
		return;
	if (sim_get(cluster, "spec.infrastructureRef") == NULL) {
		named(buf, sizeof buf, name, "osc");
		ref(cluster, "spec.infrastructureRef", G_INFRA,
		    "OpenStackCluster", buf);
	}
	if (sim_get(cluster, "spec.controlPlaneRef") == NULL) {
		sim_graph_kcp_name(buf, sizeof buf, name);
		ref(cluster, "spec.controlPlaneRef", G_CP,
		    "KubeadmControlPlane", buf);
	}
}

void
sim_graph_machine_refs(cJSON *m)
{
	const char	*name = sim_get_str(m, "metadata.name");

	if (name == NULL)
		return;
	ref(m, "spec.bootstrap.configRef", G_BOOT, "KubeadmConfig", name);
	sim_set_str(m, "spec.bootstrap.dataSecretName", name);
	ref(m, "spec.infrastructureRef", G_INFRA, "OpenStackMachine", name);
}

/* --- small db helpers ------------------------------------------------- */

static const char *
lbl(const cJSON *o, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(sim_get(o,
			    "metadata.labels"), key);

	return (cJSON_IsString(v) ? v->valuestring : NULL);
}

struct names {
	char		**v;
	size_t		  n;
	const char	 *cluster;
};

static int
names_cb(const struct sim_obj *o, void *arg)
{
	struct names	*c = arg;

	if (!scs_streq(lbl(o->json, L_CLUSTER), c->cluster))
		return (0);
	c->v = scs_xreallocarray(c->v, c->n + 1, sizeof *c->v);
	c->v[c->n++] = scs_xstrdup(o->name);
	return (0);
}

/* Names of the objects of res in ns labelled for cluster. */
static char **
labelled(struct sim_db *db, const char *res, const char *ns,
    const char *cluster, size_t *n)
{
	struct names	 c;

	memset(&c, 0, sizeof c);
	c.cluster = cluster;
	sim_db_foreach(db, res, ns, names_cb, &c);
	*n = c.n;
	return (c.v);
}

static void
names_free(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Write copy when it differs from old (NULL: a new object). */
static void
put(struct sim_db *db, const char *res, const struct sim_obj *old,
    cJSON *copy)
{
	if (old != NULL && cJSON_Compare(old->json, copy, 1)) {
		cJSON_Delete(copy);
		return;
	}
	sim_db_put(db, res, copy);
}

/* The stored object or a new one; *old set to the stored one. */
static cJSON *
get_or_new(struct sim_db *db, const char *res, const char *api_version,
    const char *kind, const char *ns, const char *name, const char *cluster,
    int64_t now, const struct sim_obj **old)
{
	cJSON	*o;

	*old = sim_db_get(db, res, ns, name);
	if (*old != NULL)
		return (cJSON_Duplicate((*old)->json, 1));
	o = sim_obj_new(api_version, kind, ns, name, now);
	sim_label(o, L_CLUSTER, cluster);
	return (o);
}

static void
owner_of(cJSON *o, const cJSON *owner)
{
	if (sim_get(o, "metadata.ownerReferences") != NULL)
		return;
	sim_owner(o, sim_get_str(owner, "apiVersion"), sim_get_str(owner,
	    "kind"), sim_get_str(owner, "metadata.name"), sim_get_str(owner,
	    "metadata.uid"));
}

static void
machine_template(struct sim_db *db, const char *ns, const char *cluster,
    const char *name, const char *flavor, const cJSON *owner, int64_t now)
{
	const struct sim_obj	*old;
	cJSON			*o;

	o = get_or_new(db, SIM_OSMTS, AV_INFRA, "OpenStackMachineTemplate",
	    ns, name, cluster, now, &old);
	if (old != NULL) {
		cJSON_Delete(o);
		return;
	}
	owner_of(o, owner);
	sim_set_str(o, "spec.template.spec.flavor", flavor);
	sim_set_str(o, "spec.template.spec.image.filter.name",
	    "ubuntu-capi-image");
	sim_set_str(o, "spec.template.spec.sshKeyName", "capi-key");
	sim_set_str(o, "spec.template.spec.identityRef.name", "openstack");
	sim_set_str(o, "spec.template.spec.identityRef.cloudName",
	    "openstack");
	put(db, SIM_OSMTS, NULL, o);
}

static void
config_template(struct sim_db *db, const char *ns, const char *cluster,
    const char *name, const cJSON *owner, int64_t now)
{
	const struct sim_obj	*old;
	cJSON			*o;

	o = get_or_new(db, SIM_KCTS, AV_BOOT, "KubeadmConfigTemplate", ns,
	    name, cluster, now, &old);
	if (old != NULL) {
		cJSON_Delete(o);
		return;
	}
	owner_of(o, owner);
	sim_set_str(o, "spec.template.spec.format", "cloud-config");
	sim_set_str(o, "spec.template.spec.joinConfiguration.nodeRegistration."
	    "name", "{{ local_hostname }}");
	put(db, SIM_KCTS, NULL, o);
}

/* --- per machine -------------------------------------------------------- */

void
sim_graph_machine(struct sim_db *db, const cJSON *m, int64_t now)
{
	const char		*ns = sim_get_str(m, "metadata.namespace");
	const char		*name = sim_get_str(m, "metadata.name");
	const char		*cluster = lbl(m, L_CLUSTER);
	const char		*phase = sim_get_str(m, "status.phase");
	const char		*fail = sim_annotation(m, SIM_FAIL_ANNOTATION);
	const struct sim_obj	*old;
	cJSON			*o;
	int			 cp, booted, up, failed;
	char			 id[64];

	if (ns == NULL || name == NULL || cluster == NULL)
		return;
	cp = cJSON_GetObjectItemCaseSensitive(sim_get(m, "metadata.labels"),
	    L_CP) != NULL;
	booted = phase != NULL && strcmp(phase, "Pending") != 0;
	up = scs_streq(phase, "Running") || scs_streq(phase, "Provisioned");
	failed = scs_streq(phase, "Failed");

	o = get_or_new(db, SIM_KCS, AV_BOOT, "KubeadmConfig", ns, name,
	    cluster, now, &old);
	owner_of(o, m);
	if (cp)
		sim_label(o, L_CP, "");
	else if (lbl(m, L_MD) != NULL)
		sim_label(o, L_MD, lbl(m, L_MD));
	sim_set_str(o, "spec.format", "cloud-config");
	sim_set_str(o, cp ? "spec.initConfiguration.nodeRegistration.name" :
	    "spec.joinConfiguration.nodeRegistration.name",
	    "{{ local_hostname }}");
	sim_set_bool(o, "status.initialization.dataSecretCreated", booted);
	if (booted)
		sim_set_str(o, "status.dataSecretName", name);
	sim_cond(o, "Ready", booted ? "True" : "False", booted ? "Ready" :
	    "NotReady", booted ? NULL : "Waiting for the cluster "
	    "infrastructure", now);
	sim_cond(o, "DataSecretAvailable", booted ? "True" : "False",
	    booted ? "Available" : "NotAvailable", NULL, now);
	put(db, SIM_KCS, old, o);

	o = get_or_new(db, SIM_OSMS, AV_INFRA, "OpenStackMachine", ns, name,
	    cluster, now, &old);
	owner_of(o, m);
	if (cp)
		sim_label(o, L_CP, "");
	else if (lbl(m, L_MD) != NULL)
		sim_label(o, L_MD, lbl(m, L_MD));
	sim_set_str(o, "spec.flavor", cp ? "SCS-2V-4" : "SCS-4V-8");
	sim_set_str(o, "spec.image.filter.name", "ubuntu-capi-image");
	sim_set_str(o, "spec.sshKeyName", "capi-key");
	sim_set_str(o, "spec.identityRef.name", "openstack");
	sim_set_str(o, "spec.identityRef.cloudName", "openstack");
	if (booted) {
		snprintf(id, sizeof id, "openstack:///%s", name);
		sim_set_str(o, "spec.providerID", id);
		sim_set_str(o, "status.instanceID", name);
		sim_set_str(o, "status.instanceState", failed ? "ERROR" :
		    up ? "ACTIVE" : "BUILD");
	}
	sim_set_bool(o, "status.ready", up);
	if (failed)
		sim_cond_v1beta1(o, "Ready", "False", "Error",
		    "InstanceStateError", fail != NULL ? fail :
		    "instance is in ERROR state", now);
	else
		sim_cond_v1beta1(o, "Ready", up ? "True" : "False",
		    up ? NULL : "Info", up ? NULL : "InstanceNotReady",
		    up ? NULL : "Instance is being created", now);
	sim_cond_v1beta1(o, "InstanceReady", failed ? "False" : up ? "True" :
	    "False", failed ? "Error" : up ? NULL : "Info", failed ?
	    "InstanceStateError" : up ? NULL : "InstanceNotReady", failed ?
	    (fail != NULL ? fail : "instance is in ERROR state") : NULL, now);
	if (failed && fail != NULL) {
		sim_set_str(o, "status.failureReason", "UpdateError");
		sim_set_str(o, "status.failureMessage", fail);
	}
	put(db, SIM_OSMS, old, o);
}

/* --- per cluster -------------------------------------------------------- */

struct count {
	const char	*cluster;
	const char	*owner;		/* ownerReference name, or NULL */
	const char	*md;		/* deployment label, or NULL = cp */
	long		 total, ready;
};

static int
count_cb(const struct sim_obj *o, void *arg)
{
	struct count	*c = arg;
	const cJSON	*r;
	int		 match = c->owner == NULL;

	if (!scs_streq(lbl(o->json, L_CLUSTER), c->cluster))
		return (0);
	if (c->owner != NULL) {
		cJSON_ArrayForEach(r, sim_get(o->json,
		    "metadata.ownerReferences"))
			match |= scs_streq(cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(r, "name")),
			    c->owner);
	} else if (c->md != NULL)
		match = scs_streq(lbl(o->json, L_MD), c->md);
	else
		match = cJSON_GetObjectItemCaseSensitive(sim_get(o->json,
		    "metadata.labels"), L_CP) != NULL;
	if (!match)
		return (0);
	c->total++;
	c->ready += scs_streq(sim_get_str(o->json, "status.phase"), "Running");
	return (0);
}

static void
count_machines(struct sim_db *db, const char *ns, struct count *c)
{
	c->total = c->ready = 0;
	sim_db_foreach(db, SIM_MACHINES, ns, count_cb, c);
}

static void
infra_cluster(struct sim_db *db, const cJSON *cl, int64_t now)
{
	const char		*ns = sim_get_str(cl, "metadata.namespace");
	const char		*name = sim_get_str(cl, "metadata.name");
	const char		*oname = sim_get_str(cl,
				    "spec.infrastructureRef.name");
	const char		*fail = sim_annotation(cl, SIM_FAIL_ANNOTATION);
	const struct sim_obj	*old;
	cJSON			*o;
	int			 ready;
	char			 host[256];

	if (oname == NULL || !scs_streq(sim_get_str(cl,
	    "spec.infrastructureRef.kind"), "OpenStackCluster"))
		return;
	ready = cJSON_IsTrue(sim_get(cl,
	    "status.initialization.infrastructureProvisioned"));
	o = get_or_new(db, SIM_OSCS, AV_INFRA, "OpenStackCluster", ns, oname,
	    name, now, &old);
	owner_of(o, cl);
	sim_label(o, L_TOPO, "");
	sim_set_str(o, "spec.identityRef.name", "openstack");
	sim_set_str(o, "spec.identityRef.cloudName", "openstack");
	sim_set_bool(o, "spec.apiServerLoadBalancer.enabled", 1);
	sim_set_str(o, "spec.externalNetwork.filter.name", "ext01");
	if (sim_get(o, "spec.managedSubnets") == NULL)
		sim_set(o, "spec.managedSubnets", cJSON_Parse(
		    "[{\"cidr\":\"10.8.0.0/20\",\"dnsNameservers\":"
		    "[\"9.9.9.9\"]}]"));
	sim_set_bool(o, "status.ready", ready);
	if (ready) {
		snprintf(host, sizeof host, "%s.%s.k8s.example", name, ns);
		sim_set_str(o, "spec.controlPlaneEndpoint.host", host);
		sim_set_int(o, "spec.controlPlaneEndpoint.port", 6443);
		snprintf(host, sizeof host, "k8s-clusterapi-cluster-%s-%s", ns,
		    name);
		sim_set_str(o, "status.network.name", host);
		suffix(host, ns, name);
		scs_strlcpy(host + 5, "-0c4e-4f7b-9a1d-5e2f8b3c6d70",
		    sizeof host - 5);
		memcpy(host + 5, "000", 3);
		sim_set_str(o, "status.network.id", host);
	}
	if (!ready && fail != NULL)
		sim_cond_v1beta1(o, "Ready", "False", "Error",
		    "OpenStackError", fail, now);
	else
		sim_cond_v1beta1(o, "Ready", ready ? "True" : "False", ready ?
		    NULL : "Info", ready ? NULL : "Provisioning", ready ?
		    NULL : "Network and load balancer are being created",
		    now);
	sim_cond_v1beta1(o, "NetworkReady", ready ? "True" : "False",
	    ready ? NULL : "Info", ready ? NULL : "Provisioning", NULL, now);
	sim_cond_v1beta1(o, "APIEndpointReady", ready ? "True" : "False",
	    ready ? NULL : "Info", ready ? NULL : "Provisioning", NULL, now);
	put(db, SIM_OSCS, old, o);
}

static void
control_plane(struct sim_db *db, const cJSON *cl, int64_t now)
{
	const char		*ns = sim_get_str(cl, "metadata.namespace");
	const char		*name = sim_get_str(cl, "metadata.name");
	const char		*kname = sim_get_str(cl,
				    "spec.controlPlaneRef.name");
	const char		*version = sim_get_str(cl,
				    "spec.topology.version");
	const struct sim_obj	*old;
	struct count		 c;
	cJSON			*o;
	char			 tname[256], msg[128];
	long			 want, uptodate;
	int			 init, ok;

	if (kname == NULL || !scs_streq(sim_get_str(cl,
	    "spec.controlPlaneRef.kind"), "KubeadmControlPlane"))
		return;
	o = get_or_new(db, SIM_KCPS, AV_CP, "KubeadmControlPlane", ns, kname,
	    name, now, &old);
	owner_of(o, cl);
	sim_label(o, L_TOPO, "");
	named(tname, sizeof tname, name, "control-plane");
	machine_template(db, ns, name, tname, "SCS-2V-4", cl, now);
	want = sim_get_int(cl, "spec.topology.controlPlane.replicas",
	    sim_get_int(o, "spec.replicas", 1));
	sim_set_int(o, "spec.replicas", want);
	if (version != NULL)
		sim_set_str(o, "spec.version", version);
	ref(o, "spec.machineTemplate.spec.infrastructureRef", G_INFRA,
	    "OpenStackMachineTemplate", tname);
	sim_set_str(o, "spec.kubeadmConfigSpec.format", "cloud-config");
	sim_set_str(o, "spec.kubeadmConfigSpec.initConfiguration."
	    "nodeRegistration.name", "{{ local_hostname }}");
	memset(&c, 0, sizeof c);
	c.cluster = name;
	count_machines(db, ns, &c);
	uptodate = sim_get_int(cl, "status.controlPlane.upToDateReplicas",
	    c.total);
	init = cJSON_IsTrue(sim_get(cl,
	    "status.initialization.controlPlaneInitialized"));
	sim_set_int(o, "status.replicas", c.total);
	sim_set_int(o, "status.readyReplicas", c.ready);
	sim_set_int(o, "status.availableReplicas", c.ready);
	sim_set_int(o, "status.upToDateReplicas", uptodate);
	sim_set_bool(o, "status.initialization.controlPlaneInitialized", init);
	if (version != NULL)
		sim_set_str(o, "status.version", version);
	sim_set_str(o, "status.selector", "cluster.x-k8s.io/control-plane");
	ok = c.ready >= 1 && c.ready * 2 > want;
	snprintf(msg, sizeof msg, "%ld of %ld control plane machines are "
	    "available", c.ready, want);
	sim_cond(o, "Available", ok ? "True" : "False", ok ? "Available" :
	    "NotAvailable", ok ? NULL : msg, now);
	sim_cond(o, "Initialized", init ? "True" : "False", init ?
	    "Initialized" : "NotInitialized", NULL, now);
	sim_cond(o, "MachinesReady", c.ready == c.total ? "True" : "False",
	    c.ready == c.total ? "Ready" : "NotReady", NULL, now);
	sim_cond(o, "RollingOut", uptodate < c.total ? "True" : "False",
	    uptodate < c.total ? "RollingOut" : "NotRollingOut", NULL, now);
	sim_cond(o, "ScalingUp", c.total < want ? "True" : "False",
	    c.total < want ? "ScalingUp" : "NotScalingUp", NULL, now);
	sim_cond(o, "ScalingDown", c.total > want ? "True" : "False",
	    c.total > want ? "ScalingDown" : "NotScalingDown", NULL, now);
	sim_cond(o, "Paused", cJSON_IsTrue(sim_get(cl, "spec.paused")) ?
	    "True" : "False", cJSON_IsTrue(sim_get(cl, "spec.paused")) ?
	    "Paused" : "NotPaused", NULL, now);
	put(db, SIM_KCPS, old, o);
}

static void
health_check(struct sim_db *db, const cJSON *cl, const char *mhc_name,
    const char *md, const cJSON *owner, int64_t now)
{
	const char		*ns = sim_get_str(cl, "metadata.namespace");
	const char		*name = sim_get_str(cl, "metadata.name");
	const struct sim_obj	*old;
	struct count		 c;
	cJSON			*o;

	o = get_or_new(db, SIM_MHCS, SIM_CAPI, "MachineHealthCheck", ns,
	    mhc_name, name, now, &old);
	owner_of(o, owner);
	sim_label(o, L_TOPO, "");
	sim_set_str(o, "spec.clusterName", name);
	setkey(o, "spec.selector.matchLabels", L_CLUSTER, name);
	setkey(o, "spec.selector.matchLabels", md != NULL ? L_MD : L_CP,
	    md != NULL ? md : "");
	if (sim_get(o, "spec.checks") == NULL) {
		sim_set_int(o, "spec.checks.nodeStartupTimeoutSeconds", 600);
		sim_set(o, "spec.checks.unhealthyNodeConditions", cJSON_Parse(
		    "[{\"type\":\"Ready\",\"status\":\"Unknown\","
		    "\"timeoutSeconds\":300},{\"type\":\"Ready\","
		    "\"status\":\"False\",\"timeoutSeconds\":300}]"));
		sim_set_str(o, "spec.remediation.triggerIf."
		    "unhealthyLessThanOrEqualTo", "40%");
	}
	memset(&c, 0, sizeof c);
	c.cluster = name;
	c.md = md;
	count_machines(db, ns, &c);
	sim_set_int(o, "status.expectedMachines", c.total);
	sim_set_int(o, "status.currentHealthy", c.ready);
	sim_set_int(o, "status.remediationsAllowed", c.total - c.ready <=
	    (c.total * 2) / 5 ? (c.total * 2) / 5 - (c.total - c.ready) : 0);
	sim_cond(o, "RemediationAllowed", "True", "RemediationAllowed", NULL,
	    now);
	put(db, SIM_MHCS, old, o);
}

/* The MachineSets of one MachineDeployment: the current revision takes
 * the MD's replicas; older ones keep their draining machines and go
 * when they have none. */
static void
machine_sets(struct sim_db *db, const cJSON *cl, const cJSON *md,
    int64_t now)
{
	const char		*ns = sim_get_str(cl, "metadata.namespace");
	const char		*name = sim_get_str(cl, "metadata.name");
	const char		*mdfull, *mdn, *version;
	const struct sim_obj	*old, *so;
	char			 want[256], kct[256], osmt[256], **v;
	size_t			 n, i;
	struct count		 c;
	cJSON			*o, *mdc;
	int			 current;

	/* Our own copy: the stored MD is replaced below. */
	md = mdc = cJSON_Duplicate(md, 1);
	mdfull = sim_get_str(md, "metadata.name");
	mdn = lbl(md, L_TOPO_MD);
	version = sim_get_str(md, "spec.template.spec.version");
	if (mdn == NULL || mdfull == NULL) {
		cJSON_Delete(mdc);
		return;
	}
	sim_graph_ms_name(want, sizeof want, name, mdn, version, sim_get_str(md,
	    "spec.rollout.after"));
	named(kct, sizeof kct, name, mdn);
	scs_strlcpy(osmt, kct, sizeof osmt);
	config_template(db, ns, name, kct, cl, now);
	machine_template(db, ns, name, osmt, "SCS-4V-8", cl, now);

	/* The MD's template refs and selector. */
	so = sim_db_get(db, SIM_MDS, ns, mdfull);
	if (so != NULL) {
		ref(mdc, "spec.template.spec.bootstrap.configRef", G_BOOT,
		    "KubeadmConfigTemplate", kct);
		ref(mdc, "spec.template.spec.infrastructureRef", G_INFRA,
		    "OpenStackMachineTemplate", osmt);
		sim_set_str(mdc, "spec.template.spec.clusterName", name);
		setkey(mdc, "spec.selector.matchLabels", L_CLUSTER, name);
		put(db, SIM_MDS, so, cJSON_Duplicate(mdc, 1));
	}

	v = labelled(db, SIM_MSS, ns, name, &n);
	for (i = 0; i <= n; i++) {
		const char *msn = i < n ? v[i] : want;

		if (i == n) {
			/* The current revision, if not met in the list. */
			size_t k;

			for (k = 0; k < n && strcmp(v[k], want) != 0; k++)
				;
			if (k < n)
				break;
		}
		current = strcmp(msn, want) == 0;
		o = get_or_new(db, SIM_MSS, SIM_CAPI, "MachineSet", ns, msn,
		    name, now, &old);
		if (old != NULL && !scs_streq(lbl(old->json, L_MD), mdn)) {
			cJSON_Delete(o);
			continue;
		}
		memset(&c, 0, sizeof c);
		c.cluster = name;
		c.owner = msn;
		count_machines(db, ns, &c);
		if (!current && c.total == 0) {
			cJSON_Delete(o);
			sim_db_delete(db, SIM_MSS, ns, msn);
			continue;
		}
		owner_of(o, md);
		sim_label(o, L_MD, mdn);
		sim_label(o, L_TOPO, "");
		sim_label(o, L_TOPO_MD, mdn);
		sim_set_str(o, "spec.clusterName", name);
		sim_set_int(o, "spec.replicas", current ? sim_get_int(md,
		    "spec.replicas", 1) : c.total);
		setkey(o, "spec.selector.matchLabels", L_MS, msn);
		if (old == NULL) {
			sim_set_str(o, "spec.template.spec.version", version);
			sim_set_str(o, "spec.template.spec.clusterName", name);
			ref(o, "spec.template.spec.bootstrap.configRef",
			    G_BOOT, "KubeadmConfigTemplate", kct);
			ref(o, "spec.template.spec.infrastructureRef",
			    G_INFRA, "OpenStackMachineTemplate", osmt);
		}
		sim_set_int(o, "status.replicas", c.total);
		sim_set_int(o, "status.readyReplicas", c.ready);
		sim_set_int(o, "status.availableReplicas", c.ready);
		sim_set_int(o, "status.upToDateReplicas", current ? c.ready :
		    0);
		sim_set_str(o, "status.selector", msn);
		sim_cond(o, "MachinesReady", c.ready == c.total ? "True" :
		    "False", c.ready == c.total ? "Ready" : "NotReady", NULL,
		    now);
		sim_cond(o, "ScalingUp", current && c.total < sim_get_int(o,
		    "spec.replicas", 0) ? "True" : "False", "Scaling", NULL,
		    now);
		sim_cond(o, "ScalingDown", c.total > sim_get_int(o,
		    "spec.replicas", 0) || !current ? "True" : "False",
		    "Scaling", NULL, now);
		put(db, SIM_MSS, old, o);
	}
	names_free(v, n);
	cJSON_Delete(mdc);
}

/* Delete the companions whose Machine is gone. */
static void
collect_garbage(struct sim_db *db, const char *res, const char *ns,
    const char *cluster)
{
	char	**v;
	size_t	  n, i;

	v = labelled(db, res, ns, cluster, &n);
	for (i = 0; i < n; i++) {
		if (sim_db_get(db, SIM_MACHINES, ns, v[i]) == NULL)
			sim_db_delete(db, res, ns, v[i]);
	}
	names_free(v, n);
}

void
sim_graph_sync(struct sim_db *db, const char *ns, const char *name,
    int64_t now)
{
	const struct sim_obj	*o;
	cJSON			*cl;
	char			**v, kname[256];
	size_t			 n, i;

	if ((o = sim_db_get(db, SIM_CLUSTERS, ns, name)) == NULL)
		return;
	cl = cJSON_Duplicate(o->json, 1);
	infra_cluster(db, cl, now);
	control_plane(db, cl, now);
	sim_graph_kcp_name(kname, sizeof kname, name);
	if ((o = sim_db_get(db, SIM_KCPS, ns, kname)) != NULL)
		health_check(db, cl, kname, NULL, o->json, now);
	v = labelled(db, SIM_MDS, ns, name, &n);
	for (i = 0; i < n; i++) {
		if ((o = sim_db_get(db, SIM_MDS, ns, v[i])) == NULL)
			continue;
		machine_sets(db, cl, o->json, now);
		if ((o = sim_db_get(db, SIM_MDS, ns, v[i])) != NULL &&
		    lbl(o->json, L_TOPO_MD) != NULL)
			health_check(db, cl, v[i], lbl(o->json, L_TOPO_MD),
			    o->json, now);
	}
	names_free(v, n);
	collect_garbage(db, SIM_KCS, ns, name);
	collect_garbage(db, SIM_OSMS, ns, name);
	cJSON_Delete(cl);
}

void
sim_graph_delete(struct sim_db *db, const char *ns, const char *name)
{
	static const char *const res[] = { SIM_MSS, SIM_MHCS, SIM_KCPS,
	    SIM_KCS, SIM_KCTS, SIM_OSMS, SIM_OSMTS, SIM_OSCS, NULL };
	char	**v;
	size_t	  n, i, r;

	for (r = 0; res[r] != NULL; r++) {
		v = labelled(db, res[r], ns, name, &n);
		for (i = 0; i < n; i++)
			sim_db_delete(db, res[r], ns, v[i]);
		names_free(v, n);
	}
}

/* --- ClusterClass templates -------------------------------------------- */

void
sim_graph_class(struct sim_db *db, cJSON *cc, int64_t now)
{
	const char	*ns = sim_get_str(cc, "metadata.namespace");
	const char	*name = sim_get_str(cc, "metadata.name");
	cJSON		*o, *mds, *md;
	char		 buf[256];

	if (ns == NULL || name == NULL)
		return;
	snprintf(buf, sizeof buf, "%s-control-plane", name);
	tref(cc, "spec.controlPlane.machineInfrastructure.templateRef",
	    AV_INFRA, "OpenStackMachineTemplate", buf);
	o = sim_obj_new(AV_INFRA, "OpenStackMachineTemplate", ns, buf, now);
	sim_set_str(o, "spec.template.spec.flavor", "SCS-2V-4");
	sim_set_str(o, "spec.template.spec.image.filter.name",
	    "ubuntu-capi-image");
	sim_db_put(db, SIM_OSMTS, o);
	snprintf(buf, sizeof buf, "%s-default-worker", name);
	o = sim_obj_new(AV_INFRA, "OpenStackMachineTemplate", ns, buf, now);
	sim_set_str(o, "spec.template.spec.flavor", "SCS-4V-8");
	sim_set_str(o, "spec.template.spec.image.filter.name",
	    "ubuntu-capi-image");
	sim_db_put(db, SIM_OSMTS, o);
	o = sim_obj_new(AV_BOOT, "KubeadmConfigTemplate", ns, buf, now);
	sim_set_str(o, "spec.template.spec.format", "cloud-config");
	sim_db_put(db, SIM_KCTS, o);
	mds = (cJSON *)sim_get(cc, "spec.workers.machineDeployments");
	cJSON_ArrayForEach(md, mds) {
		tref(md, "bootstrap.templateRef", AV_BOOT,
		    "KubeadmConfigTemplate", buf);
		tref(md, "infrastructure.templateRef", AV_INFRA,
		    "OpenStackMachineTemplate", buf);
	}
	o = sim_obj_new(AV_INFRA, "OpenStackClusterTemplate", ns, name, now);
	sim_set_str(o, "spec.template.spec.identityRef.name", "openstack");
	sim_set_bool(o, "spec.template.spec.apiServerLoadBalancer.enabled", 1);
	sim_db_put(db, SIM_OSCTS, o);
	o = sim_obj_new(AV_CP, "KubeadmControlPlaneTemplate", ns, name, now);
	sim_set_str(o, "spec.template.spec.kubeadmConfigSpec.format",
	    "cloud-config");
	sim_db_put(db, SIM_KCPTS, o);
}
