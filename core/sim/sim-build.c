/*
 * sim-build.c: Clusters, MachineDeployments and Machines with consistent
 * status, shared by the scenarios and the reconcile loop.
 */
#include <stdio.h>
#include <string.h>

#include "scs/util.h"
#include "sim-world.h"

static void
set_replicas(cJSON *st, const char *what, long desired, long ready,
    long uptodate)
{
	cJSON	*o;

	cJSON_DeleteItemFromObjectCaseSensitive(st, what);
	o = cJSON_AddObjectToObject(st, what);
	cJSON_AddNumberToObject(o, "desiredReplicas", (double)desired);
	cJSON_AddNumberToObject(o, "replicas", (double)(ready > desired ?
	    ready : desired));
	cJSON_AddNumberToObject(o, "readyReplicas", (double)ready);
	cJSON_AddNumberToObject(o, "availableReplicas", (double)ready);
	cJSON_AddNumberToObject(o, "upToDateReplicas", (double)uptodate);
}

void
sim_cluster_status(cJSON *c, const struct sim_cstat *s, int64_t now)
{
	cJSON	*st = sim_path(c, "status");
	char	 cpmsg[128], wmsg[128];
	int	 cp_ok, w_ok, ok, scaling;

	sim_set_str(c, "status.phase", s->deleting ? "Deleting" : s->phase);
	sim_set_int(c, "status.observedGeneration",
	    sim_get_int(c, "metadata.generation", 1));
	sim_set_bool(c, "status.initialization.infrastructureProvisioned",
	    s->infra);
	sim_set_bool(c, "status.initialization.controlPlaneInitialized",
	    s->cp_init);
	set_replicas(st, "controlPlane", s->cp_desired, s->cp_ready,
	    s->cp_uptodate);
	set_replicas(st, "workers", s->w_desired, s->w_ready, s->w_uptodate);
	/* The zones the infrastructure reports once it is up. */
	if (s->infra && sim_get(c, "status.failureDomains") == NULL)
		sim_set(c, "status.failureDomains", cJSON_Parse("[{\"name\":"
		    "\"nova\",\"controlPlane\":true},{\"name\":\"nova-b\","
		    "\"controlPlane\":false}]"));

	cp_ok = s->cp_ready >= 1 && s->cp_ready * 2 > s->cp_desired;
	w_ok = s->w_ready >= s->w_desired;
	snprintf(cpmsg, sizeof cpmsg, "%ld of %ld control plane machines "
	    "available", s->cp_ready, s->cp_desired);
	if (s->degraded != NULL)
		snprintf(wmsg, sizeof wmsg, "%s", s->degraded);
	else
		snprintf(wmsg, sizeof wmsg, "%ld of %ld worker machines are "
		    "not ready", s->w_desired - s->w_ready, s->w_desired);

	if (s->fail != NULL && !s->infra)
		sim_cond(c, "InfrastructureReady", "False",
		    "ProvisioningFailed", s->fail, now);
	else
		sim_cond(c, "InfrastructureReady", s->infra ? "True" : "False",
		    s->infra ? "Ready" : "Provisioning", s->infra ? NULL :
		    "OpenStackCluster is being provisioned", now);
	sim_cond(c, "ControlPlaneInitialized", s->cp_init ? "True" : "False",
	    s->cp_init ? "Initialized" : "NotInitialized", s->cp_init ? NULL :
	    "Waiting for the first control plane machine", now);
	sim_cond(c, "ControlPlaneAvailable", cp_ok ? "True" : "False",
	    cp_ok ? "Available" : "NotAvailable", cp_ok ? NULL : cpmsg, now);
	sim_cond(c, "WorkersAvailable", w_ok ? "True" : "False",
	    w_ok ? "Available" : "NotAvailable", w_ok ? NULL : wmsg, now);
	sim_cond(c, "RemoteConnectionProbe", s->cp_init ? "True" : "False",
	    s->cp_init ? "ProbeSucceeded" : "ProbeFailed", s->cp_init ? NULL :
	    "Remote connection not established yet", now);
	sim_cond(c, "TopologyReconciled", s->rolling ? "False" : "True",
	    s->rolling ? "ClusterUpgrading" : "ReconcileSucceeded",
	    s->rolling ? "Rolling out machines to the new version" : NULL,
	    now);
	/* Workers short and nothing broken: machines are on their way. */
	scaling = !w_ok && s->degraded == NULL && s->fail == NULL &&
	    !s->deleting;
	sim_cond(c, "ScalingUp", scaling ? "True" : "False",
	    scaling ? "ScalingUp" : "NotScalingUp", scaling ?
	    "Scaling up MachineDeployments" : NULL, now);
	sim_cond(c, "RollingOut", s->rolling ? "True" : "False",
	    s->rolling ? "RollingOut" : "NotRollingOut", NULL, now);
	sim_cond(c, "Deleting", s->deleting ? "True" : "False",
	    s->deleting ? "Deleting" : "NotDeleting",
	    s->deleting && s->fail != NULL ? s->fail : NULL, now);
	/* The reconcile loop sets it True while spec.paused holds. */
	sim_cond(c, "Paused", "False", "NotPaused", NULL, now);
	ok = s->infra && s->cp_init && cp_ok && w_ok && !s->deleting &&
	    s->fail == NULL;
	if (ok)
		sim_cond(c, "Available", "True", "Available", NULL, now);
	else if (s->deleting)
		sim_cond(c, "Available", "False", "Deleting",
		    "Cluster is being deleted", now);
	else if (s->fail != NULL)
		sim_cond(c, "Available", "False", "NotAvailable", s->fail, now);
	else if (!s->infra)
		sim_cond(c, "Available", "False", "NotAvailable",
		    "InfrastructureReady: infrastructure is being provisioned",
		    now);
	else if (!cp_ok)
		sim_cond(c, "Available", "False", "NotAvailable", cpmsg, now);
	else
		sim_cond(c, "Available", "False", "NotAvailable", wmsg, now);
}

cJSON *
sim_machine_new(const char *ns, const char *cluster, const char *name,
    const char *md, const char *ms, const char *version, int running,
    int64_t now)
{
	cJSON	*m;
	char	 buf[256];

	m = sim_obj_new(SIM_CAPI, "Machine", ns, name, now);
	sim_label(m, "cluster.x-k8s.io/cluster-name", cluster);
	if (md == NULL) {
		sim_label(m, "cluster.x-k8s.io/control-plane", "");
		sim_graph_kcp_name(buf, sizeof buf, cluster);
		sim_owner(m, "controlplane.cluster.x-k8s.io/v1beta2",
		    "KubeadmControlPlane", buf, NULL);
	} else {
		sim_label(m, "cluster.x-k8s.io/deployment-name", md);
		sim_label(m, "topology.cluster.x-k8s.io/owned", "");
		sim_label(m, "cluster.x-k8s.io/set-name", ms);
		sim_owner(m, SIM_CAPI, "MachineSet", ms, NULL);
	}
	sim_set_str(m, "spec.clusterName", cluster);
	sim_set_str(m, "spec.version", version);
	snprintf(buf, sizeof buf, "openstack:///%s", name);
	sim_set_str(m, "spec.providerID", buf);
	sim_set_str(m, "spec.failureDomain", "nova");
	sim_graph_machine_refs(m);
	sim_machine_phase(m, running ? "Running" : "Pending", now);
	return (m);
}

void
sim_machine_phase(cJSON *m, const char *phase, int64_t now)
{
	int	 running = strcmp(phase, "Running") == 0;
	const char *name = sim_get_str(m, "metadata.name");

	sim_set_str(m, "status.phase", phase);
	if (running && sim_get(m, "status.nodeRef") == NULL) {
		sim_set_str(m, "status.nodeRef.kind", "Node");
		sim_set_str(m, "status.nodeRef.name", name);
	}
	sim_cond(m, "Ready", running ? "True" : "False",
	    running ? "Ready" : "NotReady", running ? NULL :
	    strcmp(phase, "Pending") == 0 ? "Waiting for bootstrap data" :
	    strcmp(phase, "Provisioning") == 0 ? "Server is being created" :
	    "Node is joining the cluster", now);
	sim_cond(m, "Available", running ? "True" : "False",
	    running ? "Available" : "NotAvailable", NULL, now);
	sim_cond(m, "UpToDate", "True", "UpToDate", NULL, now);
	sim_set_bool(m, "status.initialization.bootstrapDataSecretCreated",
	    strcmp(phase, "Pending") != 0);
	sim_set_bool(m, "status.initialization.infrastructureProvisioned",
	    running || strcmp(phase, "Provisioned") == 0);
}

cJSON *
sim_md_new(const char *ns, const char *cluster, const char *md,
    const char *class, long replicas, const char *version, int64_t now)
{
	cJSON	*o;
	char	 name[256];

	snprintf(name, sizeof name, "%s-%s", cluster, md);
	o = sim_obj_new(SIM_CAPI, "MachineDeployment", ns, name, now);
	sim_label(o, "cluster.x-k8s.io/cluster-name", cluster);
	sim_label(o, "topology.cluster.x-k8s.io/owned", "");
	sim_label(o, "topology.cluster.x-k8s.io/deployment-name", md);
	sim_owner(o, SIM_CAPI, "Cluster", cluster, NULL);
	sim_set_str(o, "spec.clusterName", cluster);
	sim_set_int(o, "spec.replicas", replicas);
	sim_set_str(o, "spec.template.spec.version", version);
	sim_set_str(o, "spec.template.metadata.labels.class", class);
	return (o);
}

void
sim_md_status(cJSON *o, long replicas, long ready, long uptodate,
    int64_t now)
{
	long	 want = sim_get_int(o, "spec.replicas", 1);
	char	 msg[128];

	sim_set_int(o, "status.replicas", replicas);
	sim_set_int(o, "status.readyReplicas", ready);
	sim_set_int(o, "status.availableReplicas", ready);
	sim_set_int(o, "status.upToDateReplicas", uptodate);
	sim_set_str(o, "status.phase", replicas < want ? "ScalingUp" :
	    replicas > want ? "ScalingDown" : "Running");
	snprintf(msg, sizeof msg, "%ld of %ld machines are not available",
	    want - ready, want);
	sim_cond(o, "Available", ready >= want ? "True" : "False",
	    ready >= want ? "Available" : "NotAvailable",
	    ready >= want ? NULL : msg, now);
}
