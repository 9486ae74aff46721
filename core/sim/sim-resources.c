/*
 * sim-resources.c: the resources the simulator serves, with the facts
 * discovery needs (versions, scope, verbs, short names, categories) and
 * their printer columns, taken from the upstream CRDs (DOMAIN.md 3).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scs/util.h"
#include "sim-int.h"

static const struct sim_column cluster_cols[] = {
	{ "ClusterClass", "string", "spec.topology.classRef.name", 0 },
	{ "Available", "string", "cond:Available", 0 },
	{ "CP Desired", "integer", "status.controlPlane.desiredReplicas", 0 },
	{ "CP Available", "integer", "status.controlPlane.availableReplicas",
	    0 },
	{ "W Desired", "integer", "status.workers.desiredReplicas", 0 },
	{ "W Available", "integer", "status.workers.availableReplicas", 0 },
	{ "Paused", "string", "cond:Paused", 10 },
	{ "Phase", "string", "status.phase", 0 },
	{ "Age", "date", "age", 0 },
	{ "Version", "string", "spec.topology.version", 0 },
	{ NULL, NULL, NULL, 0 }
};

/* The core kinds' columns as the apiserver's built-in printers give
 * them (types as they declare them: Age and Data are "string"). */
static const struct sim_column namespace_cols[] = {
	{ "Status", "string", "status.phase", 0 },
	{ "Age", "string", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column secret_cols[] = {
	{ "Type", "string", "type", 0 },
	{ "Data", "string", "count:data", 0 },
	{ "Age", "string", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column configmap_cols[] = {
	{ "Data", "string", "count:data", 0 },
	{ "Age", "string", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column event_cols[] = {
	{ "Last Seen", "string", "age:lastTimestamp", 0 },
	{ "Type", "string", "type", 0 },
	{ "Reason", "string", "reason", 0 },
	{ "Object", "string", "object:involvedObject", 0 },
	{ "Subobject", "string", "involvedObject.fieldPath", 1 },
	{ "Source", "string", "source.component", 1 },
	{ "Message", "string", "message", 0 },
	{ "First Seen", "string", "age:firstTimestamp", 1 },
	{ "Count", "string", "count", 1 },
	{ "Name", "string", "metadata.name", 1 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column rolebinding_cols[] = {
	{ "Role", "string", "object:roleRef", 0 },
	{ "Age", "string", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column clusterclass_cols[] = {
	{ "Variables Ready", "string", "cond:VariablesReady", 0 },
	{ "Age", "date", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column md_cols[] = {
	{ "Cluster", "string", "spec.clusterName", 0 },
	{ "Available", "string", "cond:Available", 0 },
	{ "Desired", "integer", "spec.replicas", 0 },
	{ "Current", "integer", "status.replicas", 0 },
	{ "Ready", "integer", "status.readyReplicas", 0 },
	{ "Up-to-date", "integer", "status.upToDateReplicas", 0 },
	{ "Phase", "string", "status.phase", 0 },
	{ "Age", "date", "age", 0 },
	{ "Version", "string", "spec.template.spec.version", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column machine_cols[] = {
	{ "Cluster", "string", "spec.clusterName", 0 },
	{ "Node Name", "string", "status.nodeRef.name", 0 },
	{ "Ready", "string", "cond:Ready", 0 },
	{ "Phase", "string", "status.phase", 0 },
	{ "Age", "date", "age", 0 },
	{ "Version", "string", "spec.version", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column stack_cols[] = {
	{ "Provider", "string", "spec.provider", 0 },
	{ "ClusterStack", "string", "spec.name", 0 },
	{ "K8s", "string", "spec.kubernetesVersion", 0 },
	{ "Channel", "string", "spec.channel", 0 },
	{ "Autosubscribe", "string", "spec.autoSubscribe", 0 },
	{ "Usable", "string", "status.usableVersions", 0 },
	{ "Latest", "string", "status.latestRelease", 0 },
	{ "Age", "date", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column release_cols[] = {
	{ "K8s Version", "string", "status.kubernetesVersion", 0 },
	{ "Ready", "string", "status.ready", 0 },
	{ "Age", "date", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column addon_cols[] = {
	{ "Cluster", "string", "spec.clusterRef.name", 0 },
	{ "Hook", "string", "spec.hook", 0 },
	{ "Ready", "string", "status.ready", 0 },
	{ "Age", "date", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column claim_cols[] = {
	{ "Synced", "string", "cond:Synced", 0 },
	{ "Ready", "string", "cond:Ready", 0 },
	{ "Connection-Secret", "string",
	    "spec.writeConnectionSecretToRef.name", 0 },
	{ "Age", "date", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column kcp_cols[] = {
	{ "Cluster", "string", "label:cluster.x-k8s.io/cluster-name", 0 },
	{ "Available", "string", "cond:Available", 0 },
	{ "Desired", "integer", "spec.replicas", 0 },
	{ "Current", "integer", "status.replicas", 0 },
	{ "Ready", "integer", "status.readyReplicas", 0 },
	{ "Up-to-date", "integer", "status.upToDateReplicas", 0 },
	{ "Initialized", "string",
	    "status.initialization.controlPlaneInitialized", 0 },
	{ "Paused", "string", "cond:Paused", 10 },
	{ "Age", "date", "age", 0 },
	{ "Version", "string", "spec.version", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column ms_cols[] = {
	{ "Cluster", "string", "spec.clusterName", 0 },
	{ "Desired", "integer", "spec.replicas", 0 },
	{ "Current", "integer", "status.replicas", 0 },
	{ "Ready", "integer", "status.readyReplicas", 0 },
	{ "Available", "integer", "status.availableReplicas", 0 },
	{ "Up-to-date", "integer", "status.upToDateReplicas", 0 },
	{ "Paused", "string", "cond:Paused", 10 },
	{ "Age", "date", "age", 0 },
	{ "Version", "string", "spec.template.spec.version", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column mhc_cols[] = {
	{ "Cluster", "string", "spec.clusterName", 0 },
	{ "Replicas", "integer", "status.expectedMachines", 0 },
	{ "Healthy", "integer", "status.currentHealthy", 0 },
	{ "Paused", "string", "cond:Paused", 10 },
	{ "Age", "date", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column vap_cols[] = {
	{ "ParamKind", "string", "spec.paramKind.kind", 0 },
	{ "Age", "date", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column kubeadmconfig_cols[] = {
	{ "Cluster", "string", "label:cluster.x-k8s.io/cluster-name", 0 },
	{ "Data secret created", "string",
	    "status.initialization.dataSecretCreated", 0 },
	{ "Age", "date", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column template_cols[] = {
	{ "Age", "date", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

/* CAPO v1beta1's columns. */
static const struct sim_column osc_cols[] = {
	{ "Cluster", "string", "label:cluster.x-k8s.io/cluster-name", 0 },
	{ "Ready", "string", "status.ready", 0 },
	{ "Network", "string", "status.network.id", 0 },
	{ "Bastion IP", "string", "status.bastion.floatingIP", 0 },
	{ "API Endpoint", "string", "spec.controlPlaneEndpoint.host", 0 },
	{ "Age", "date", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column osm_cols[] = {
	{ "Cluster", "string", "label:cluster.x-k8s.io/cluster-name", 0 },
	{ "InstanceState", "string", "status.instanceState", 0 },
	{ "Ready", "string", "status.ready", 0 },
	{ "ProviderID", "string", "spec.providerID", 0 },
	{ "Machine", "string", "owner:Machine", 0 },
	{ "Age", "date", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

/* Crossplane composites and managed resources. */
static const struct sim_column xr_cols[] = {
	{ "Synced", "string", "cond:Synced", 0 },
	{ "Ready", "string", "cond:Ready", 0 },
	{ "Composition", "string", "spec.compositionRef.name", 0 },
	{ "Age", "date", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column mr_cols[] = {
	{ "Synced", "string", "cond:Synced", 0 },
	{ "Ready", "string", "cond:Ready", 0 },
	{ "External-Name", "string", "annotation:crossplane.io/external-name",
	    0 },
	{ "Age", "date", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sim_column vapb_cols[] = {
	{ "PolicyName", "string", "spec.policyName", 0 },
	{ "ParamRef", "string", "spec.paramRef.name", 0 },
	{ "Age", "date", "age", 0 },
	{ NULL, NULL, NULL, 0 }
};

#define V1	{ "v1", NULL, NULL }
#define CAPI	{ "v1beta2", "v1beta1", NULL }
#define ALPHA	{ "v1alpha1", NULL, NULL }
#define BETA1	{ "v1beta1", NULL, NULL }
#define BETA2	{ "v1beta2", NULL, NULL }
#define CAPI_G	"cluster.x-k8s.io"
#define CP_G	"controlplane.cluster.x-k8s.io"
#define BOOT_G	"bootstrap.cluster.x-k8s.io"
#define INFRA_G	"infrastructure.cluster.x-k8s.io"
#define CAPI_CAT	{ "cluster-api", NULL }

static const struct sim_resdef resources[] = {
	{ "", "namespaces", "namespace", "Namespace", V1, 0, 1, 0,
	    { "ns", NULL, NULL }, { NULL, NULL }, namespace_cols, NULL },
	{ "", "secrets", "secret", "Secret", V1, 1, 0, 0,
	    { NULL, NULL, NULL }, { NULL, NULL }, secret_cols, NULL },
	{ "", "configmaps", "configmap", "ConfigMap", V1, 1, 0, 0,
	    { "cm", NULL, NULL }, { NULL, NULL }, configmap_cols, NULL },
	{ "", "events", "event", "Event", V1, 1, 0, 0,
	    { "ev", NULL, NULL }, { NULL, NULL }, event_cols, NULL },
	{ "cluster.x-k8s.io", "clusters", "cluster", "Cluster", CAPI, 1, 1, 0,
	    { "cl", NULL, NULL }, { "cluster-api", NULL }, cluster_cols,
	    "v1beta1" },
	{ "cluster.x-k8s.io", "clusterclasses", "clusterclass", "ClusterClass",
	    CAPI, 1, 1, 0, { "cc", NULL, NULL }, { "cluster-api", NULL },
	    clusterclass_cols, "v1beta1" },
	{ "cluster.x-k8s.io", "machinedeployments", "machinedeployment",
	    "MachineDeployment", CAPI, 1, 1, 0, { "md", NULL, NULL },
	    { "cluster-api", NULL }, md_cols, "v1beta1" },
	{ "cluster.x-k8s.io", "machines", "machine", "Machine", CAPI, 1, 1, 0,
	    { "ma", NULL, NULL }, { "cluster-api", NULL }, machine_cols,
	    "v1beta1" },
	{ CAPI_G, "machinesets", "machineset", "MachineSet", CAPI, 1, 1, 0,
	    { "ms", NULL, NULL }, CAPI_CAT, ms_cols, "v1beta1" },
	{ CAPI_G, "machinehealthchecks", "machinehealthcheck",
	    "MachineHealthCheck", CAPI, 1, 1, 0, { "mhc", "mhcs", NULL },
	    CAPI_CAT, mhc_cols, "v1beta1" },
	{ CP_G, "kubeadmcontrolplanes", "kubeadmcontrolplane",
	    "KubeadmControlPlane", CAPI, 1, 1, 0, { "kcp", NULL, NULL },
	    CAPI_CAT, kcp_cols, "v1beta1" },
	{ CP_G, "kubeadmcontrolplanetemplates", "kubeadmcontrolplanetemplate",
	    "KubeadmControlPlaneTemplate", CAPI, 1, 0, 0, { NULL, NULL, NULL },
	    CAPI_CAT, template_cols, "v1beta1" },
	{ BOOT_G, "kubeadmconfigs", "kubeadmconfig", "KubeadmConfig", CAPI, 1,
	    1, 0, { NULL, NULL, NULL }, CAPI_CAT, kubeadmconfig_cols,
	    "v1beta1" },
	{ BOOT_G, "kubeadmconfigtemplates", "kubeadmconfigtemplate",
	    "KubeadmConfigTemplate", CAPI, 1, 0, 0, { NULL, NULL, NULL },
	    CAPI_CAT, template_cols, "v1beta1" },
	{ INFRA_G, "openstackclusters", "openstackcluster", "OpenStackCluster",
	    BETA1, 1, 1, 0, { "osc", NULL, NULL }, CAPI_CAT, osc_cols, NULL },
	{ INFRA_G, "openstackclustertemplates", "openstackclustertemplate",
	    "OpenStackClusterTemplate", BETA1, 1, 0, 0, { "osct", NULL, NULL },
	    CAPI_CAT, template_cols, NULL },
	{ INFRA_G, "openstackmachines", "openstackmachine", "OpenStackMachine",
	    BETA1, 1, 1, 0, { "osm", NULL, NULL }, CAPI_CAT, osm_cols, NULL },
	{ INFRA_G, "openstackmachinetemplates", "openstackmachinetemplate",
	    "OpenStackMachineTemplate", BETA1, 1, 0, 0, { "osmt", NULL, NULL },
	    CAPI_CAT, template_cols, NULL },
	{ "clusterstack.x-k8s.io", "clusterstacks", "clusterstack",
	    "ClusterStack", ALPHA, 1, 1, 0, { "csk", NULL, NULL },
	    { "cluster-stack", NULL }, stack_cols, NULL },
	{ "clusterstack.x-k8s.io", "clusterstackreleases",
	    "clusterstackrelease", "ClusterStackRelease", ALPHA, 1, 1, 0,
	    { "cskr", NULL, NULL }, { "cluster-stack", NULL }, release_cols,
	    NULL },
	{ "clusterstack.x-k8s.io", "clusteraddons", "clusteraddon",
	    "ClusterAddon", ALPHA, 1, 1, 0, { "caddon", NULL, NULL },
	    { "cluster-stack", NULL }, addon_cols, NULL },
	{ "api.scs.community", "clusters", "cluster", "Cluster", ALPHA, 1, 1, 0,
	    { NULL, NULL, NULL }, { "claim", NULL }, claim_cols, NULL },
	{ "api.scs.community", "instancev2s", "instancev2", "InstanceV2",
	    ALPHA, 1, 1, 0, { NULL, NULL, NULL }, { "claim", NULL },
	    claim_cols, NULL },
	{ "api.scs.community", "keypairv2s", "keypairv2", "KeypairV2", ALPHA,
	    1, 1, 0, { NULL, NULL, NULL }, { "claim", NULL }, claim_cols,
	    NULL },
	{ "api.scs.community", "networkv2s", "networkv2", "NetworkV2", ALPHA,
	    1, 1, 0, { NULL, NULL, NULL }, { "claim", NULL }, claim_cols,
	    NULL },
	{ "api.scs.community", "xclusters", "xcluster", "XCluster", ALPHA, 0,
	    1, 0, { NULL, NULL, NULL }, { "composite", NULL }, xr_cols, NULL },
	{ "api.scs.community", "xinstancev2s", "xinstancev2", "XInstanceV2",
	    ALPHA, 0, 1, 0, { NULL, NULL, NULL }, { "composite", NULL },
	    xr_cols, NULL },
	{ "api.scs.community", "xkeypairv2s", "xkeypairv2", "XKeypairV2",
	    ALPHA, 0, 1, 0, { NULL, NULL, NULL }, { "composite", NULL },
	    xr_cols, NULL },
	{ "api.scs.community", "xnetworkv2s", "xnetworkv2", "XNetworkV2",
	    ALPHA, 0, 1, 0, { NULL, NULL, NULL }, { "composite", NULL },
	    xr_cols, NULL },
	{ "kubernetes.crossplane.io", "objects", "object", "Object",
	    { "v1alpha2", NULL, NULL }, 0, 1, 0, { NULL, NULL, NULL },
	    { "crossplane", "managed" }, mr_cols, NULL },
	{ "compute.openstack.crossplane.io", "instancev2s", "instancev2",
	    "InstanceV2", BETA1, 0, 1, 0, { NULL, NULL, NULL },
	    { "crossplane", "managed" }, mr_cols, NULL },
	{ "compute.openstack.crossplane.io", "keypairv2s", "keypairv2",
	    "KeypairV2", BETA1, 0, 1, 0, { NULL, NULL, NULL },
	    { "crossplane", "managed" }, mr_cols, NULL },
	{ "networking.openstack.crossplane.io", "networkv2s", "networkv2",
	    "NetworkV2", BETA1, 0, 1, 0, { NULL, NULL, NULL },
	    { "crossplane", "managed" }, mr_cols, NULL },
	{ "openstack.crossplane.io", "providerconfigs", "providerconfig",
	    "ProviderConfig", { "v1beta1", NULL, NULL }, 0, 1, 0,
	    { NULL, NULL, NULL }, { "crossplane", NULL }, NULL, NULL },
	{ "admissionregistration.k8s.io", "validatingadmissionpolicies",
	    "validatingadmissionpolicy", "ValidatingAdmissionPolicy", V1, 0, 1,
	    0, { NULL, NULL, NULL }, { "api-extensions", NULL }, vap_cols,
	    NULL },
	{ "admissionregistration.k8s.io", "validatingadmissionpolicybindings",
	    "validatingadmissionpolicybinding",
	    "ValidatingAdmissionPolicyBinding", V1, 0, 0, 0,
	    { NULL, NULL, NULL }, { "api-extensions", NULL }, vapb_cols,
	    NULL },
	{ "rbac.authorization.k8s.io", "rolebindings", "rolebinding",
	    "RoleBinding", V1, 1, 0, 0, { NULL, NULL, NULL }, { NULL, NULL },
	    rolebinding_cols, NULL },
	{ "authorization.k8s.io", "selfsubjectaccessreviews",
	    "selfsubjectaccessreview", "SelfSubjectAccessReview", V1, 0, 0, 1,
	    { NULL, NULL, NULL }, { NULL, NULL }, NULL, NULL },
	{ "authorization.k8s.io", "selfsubjectrulesreviews",
	    "selfsubjectrulesreview", "SelfSubjectRulesReview", V1, 0, 0, 1,
	    { NULL, NULL, NULL }, { NULL, NULL }, NULL, NULL },
	{ "authentication.k8s.io", "selfsubjectreviews", "selfsubjectreview",
	    "SelfSubjectReview", V1, 0, 0, 1, { NULL, NULL, NULL },
	    { NULL, NULL }, NULL, NULL },
};

#define NRES	(sizeof resources / sizeof resources[0])

/* The k-th version r serves in this world, or NULL. Storage stays
 * versions[0] (converted on the way in and out). */
static const char *
version_at(const struct sim_resdef *r, size_t k)
{
	size_t	 n = strlen(r->group);

	if (!sim_stacks_installed() && (strcmp(r->group, "clusterstack.x-k8s.io") == 0 ||
	    strcmp(r->group, "api.scs.community") == 0 || (n >= 14 &&
	    strcmp(r->group + n - 14, ".crossplane.io") == 0)))
		return (NULL);
	if (sim_capi_v1beta1_only() && r->versions[1] != NULL &&
	    strcmp(r->versions[0], "v1beta2") == 0 &&
	    strcmp(r->versions[1], "v1beta1") == 0)
		return (k == 0 ? "v1beta1" : NULL);
	return (k < 3 ? r->versions[k] : NULL);
}

const struct sim_resdef *
sim_resources(size_t *n)
{
	*n = NRES;
	return (resources);
}

static int
serves(const struct sim_resdef *r, const char *version)
{
	size_t	 i;

	for (i = 0; version_at(r, i) != NULL; i++) {
		if (strcmp(version_at(r, i), version) == 0)
			return (1);
	}
	return (0);
}

const struct sim_resdef *
sim_resource_find(const char *group, const char *version, const char *plural)
{
	size_t	 i;

	for (i = 0; i < NRES; i++) {
		if (strcmp(resources[i].group, group) == 0 &&
		    strcmp(resources[i].plural, plural) == 0 &&
		    (version == NULL || serves(&resources[i], version)))
			return (&resources[i]);
	}
	return (NULL);
}

void
sim_resource_key(const struct sim_resdef *r, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", r->group, r->plural);
}

static char *
print(cJSON *j)
{
	char	*s = cJSON_PrintUnformatted(j);

	cJSON_Delete(j);
	if (s == NULL)
		abort();
	return (s);
}

char *
sim_discovery_api(void)
{
	cJSON	*j = cJSON_CreateObject(), *a, *s;

	cJSON_AddStringToObject(j, "kind", "APIVersions");
	a = cJSON_AddArrayToObject(j, "versions");
	cJSON_AddItemToArray(a, cJSON_CreateString("v1"));
	a = cJSON_AddArrayToObject(j, "serverAddressByClientCIDRs");
	s = cJSON_CreateObject();
	cJSON_AddStringToObject(s, "clientCIDR", "0.0.0.0/0");
	cJSON_AddStringToObject(s, "serverAddress", "127.0.0.1:6443");
	cJSON_AddItemToArray(a, s);
	return (print(j));
}

static cJSON *
group_json(const char *group)
{
	cJSON			*g, *vs, *v;
	const struct sim_resdef	*first = NULL;
	size_t			 i, k;
	char			 gv[128];
	const char		*seen[4] = { NULL, NULL, NULL, NULL };
	size_t			 nseen = 0, s;
	int			 dup;

	for (i = 0; i < NRES; i++) {
		if (strcmp(resources[i].group, group) == 0 &&
		    version_at(&resources[i], 0) != NULL) {
			first = &resources[i];
			break;
		}
	}
	if (first == NULL)
		return (NULL);
	g = cJSON_CreateObject();
	cJSON_AddStringToObject(g, "name", group);
	vs = cJSON_AddArrayToObject(g, "versions");
	for (i = 0; i < NRES; i++) {
		if (strcmp(resources[i].group, group) != 0)
			continue;
		for (k = 0; version_at(&resources[i], k) != NULL; k++) {
			for (dup = 0, s = 0; s < nseen; s++)
				dup |= strcmp(seen[s],
				    version_at(&resources[i], k)) == 0;
			if (dup || nseen == 4)
				continue;
			seen[nseen++] = version_at(&resources[i], k);
			v = cJSON_CreateObject();
			snprintf(gv, sizeof gv, "%s/%s", group,
			    version_at(&resources[i], k));
			cJSON_AddStringToObject(v, "groupVersion", gv);
			cJSON_AddStringToObject(v, "version",
			    version_at(&resources[i], k));
			cJSON_AddItemToArray(vs, v);
		}
	}
	v = cJSON_CreateObject();
	snprintf(gv, sizeof gv, "%s/%s", group, version_at(first, 0));
	cJSON_AddStringToObject(v, "groupVersion", gv);
	cJSON_AddStringToObject(v, "version", version_at(first, 0));
	cJSON_AddItemToObject(g, "preferredVersion", v);
	return (g);
}

char *
sim_discovery_apis(void)
{
	cJSON	*j = cJSON_CreateObject(), *gs, *g;
	size_t	 i, k;
	int	 dup;

	cJSON_AddStringToObject(j, "kind", "APIGroupList");
	cJSON_AddStringToObject(j, "apiVersion", "v1");
	gs = cJSON_AddArrayToObject(j, "groups");
	for (i = 0; i < NRES; i++) {
		if (resources[i].group[0] == '\0')
			continue;
		for (dup = 0, k = 0; k < i; k++)
			dup |= strcmp(resources[k].group,
			    resources[i].group) == 0;
		if (dup)
			continue;
		if ((g = group_json(resources[i].group)) != NULL)
			cJSON_AddItemToArray(gs, g);
	}
	return (print(j));
}

char *
sim_discovery_group(const char *group)
{
	cJSON	*g = group_json(group);

	if (g == NULL)
		return (NULL);
	cJSON_AddStringToObject(g, "kind", "APIGroup");
	cJSON_AddStringToObject(g, "apiVersion", "v1");
	return (print(g));
}

static void
add_verbs(cJSON *r, const struct sim_resdef *d, int status)
{
	cJSON	*v = cJSON_AddArrayToObject(r, "verbs");
	static const char *const all[] = { "create", "delete",
	    "deletecollection", "get", "list", "patch", "update", "watch",
	    NULL };
	static const char *const sub[] = { "get", "patch", "update", NULL };
	const char *const *p;

	if (d->review) {
		cJSON_AddItemToArray(v, cJSON_CreateString("create"));
		return;
	}
	for (p = status ? sub : all; *p != NULL; p++)
		cJSON_AddItemToArray(v, cJSON_CreateString(*p));
}

char *
sim_discovery_resources(const char *group, const char *version)
{
	cJSON	*j, *rs, *r, *a;
	size_t	 i, k;
	char	 gv[128], name[128];
	int	 any = 0;

	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "kind", "APIResourceList");
	cJSON_AddStringToObject(j, "apiVersion", "v1");
	if (group[0] == '\0')
		snprintf(gv, sizeof gv, "%s", version);
	else
		snprintf(gv, sizeof gv, "%s/%s", group, version);
	cJSON_AddStringToObject(j, "groupVersion", gv);
	rs = cJSON_AddArrayToObject(j, "resources");
	for (i = 0; i < NRES; i++) {
		if (strcmp(resources[i].group, group) != 0 ||
		    !serves(&resources[i], version))
			continue;
		any = 1;
		r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "name", resources[i].plural);
		cJSON_AddStringToObject(r, "singularName",
		    resources[i].singular);
		cJSON_AddBoolToObject(r, "namespaced", resources[i].namespaced);
		cJSON_AddStringToObject(r, "kind", resources[i].kind);
		add_verbs(r, &resources[i], 0);
		if (resources[i].short_names[0] != NULL) {
			a = cJSON_AddArrayToObject(r, "shortNames");
			for (k = 0; k < 3 && resources[i].short_names[k]; k++)
				cJSON_AddItemToArray(a, cJSON_CreateString(
				    resources[i].short_names[k]));
		}
		if (resources[i].categories[0] != NULL) {
			a = cJSON_AddArrayToObject(r, "categories");
			for (k = 0; k < 2 && resources[i].categories[k]; k++)
				cJSON_AddItemToArray(a, cJSON_CreateString(
				    resources[i].categories[k]));
		}
		cJSON_AddStringToObject(r, "storageVersionHash", "c2ltdWxhdGVk");
		cJSON_AddItemToArray(rs, r);
		if (resources[i].has_status) {
			r = cJSON_CreateObject();
			snprintf(name, sizeof name, "%s/status",
			    resources[i].plural);
			cJSON_AddStringToObject(r, "name", name);
			cJSON_AddStringToObject(r, "singularName", "");
			cJSON_AddBoolToObject(r, "namespaced",
			    resources[i].namespaced);
			cJSON_AddStringToObject(r, "kind", resources[i].kind);
			add_verbs(r, &resources[i], 1);
			cJSON_AddItemToArray(rs, r);
		}
	}
	if (!any) {
		cJSON_Delete(j);
		return (NULL);
	}
	return (print(j));
}

/* --- OpenAPI: enough for kubectl's client-side validation ------------ */

static cJSON *
gvk_schema(const struct sim_resdef *r, const char *version)
{
	cJSON	*s, *p, *gvk, *x;

	/* A CRD with a structural schema: published as it is. */
	if (sim_resource_schema(r) != NULL &&
	    (s = cJSON_Parse(sim_resource_schema(r))) != NULL) {
		x = cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(s, "properties"),
		    "metadata");
		if (x != NULL)
			cJSON_AddBoolToObject(x,
			    "x-kubernetes-preserve-unknown-fields", 1);
		goto gvk;
	}
	s = cJSON_CreateObject();

	cJSON_AddStringToObject(s, "type", "object");
	cJSON_AddStringToObject(s, "description", r->kind);
	p = cJSON_AddObjectToObject(s, "properties");
	x = cJSON_AddObjectToObject(p, "apiVersion");
	cJSON_AddStringToObject(x, "type", "string");
	x = cJSON_AddObjectToObject(p, "kind");
	cJSON_AddStringToObject(x, "type", "string");
	x = cJSON_AddObjectToObject(p, "metadata");
	cJSON_AddStringToObject(x, "type", "object");
	cJSON_AddBoolToObject(x, "x-kubernetes-preserve-unknown-fields", 1);
	x = cJSON_AddObjectToObject(p, "spec");
	cJSON_AddStringToObject(x, "type", "object");
	cJSON_AddBoolToObject(x, "x-kubernetes-preserve-unknown-fields", 1);
	x = cJSON_AddObjectToObject(p, "status");
	cJSON_AddStringToObject(x, "type", "object");
	cJSON_AddBoolToObject(x, "x-kubernetes-preserve-unknown-fields", 1);
	x = cJSON_AddObjectToObject(p, "data");
	cJSON_AddStringToObject(x, "type", "object");
	cJSON_AddBoolToObject(x, "x-kubernetes-preserve-unknown-fields", 1);
	cJSON_AddBoolToObject(s, "x-kubernetes-preserve-unknown-fields", 1);
gvk:
	gvk = cJSON_AddArrayToObject(s, "x-kubernetes-group-version-kind");
	x = cJSON_CreateObject();
	cJSON_AddStringToObject(x, "group", r->group);
	cJSON_AddStringToObject(x, "version", version);
	cJSON_AddStringToObject(x, "kind", r->kind);
	cJSON_AddItemToArray(gvk, x);
	return (s);
}

static void
schema_name(const struct sim_resdef *r, const char *version, char *buf,
    size_t len)
{
	snprintf(buf, len, "%s.%s.%s", r->group[0] != '\0' ? r->group :
	    "io.k8s.api.core", version, r->kind);
}

char *
sim_openapi_v2(void)
{
	cJSON	*j = cJSON_CreateObject(), *defs, *info;
	size_t	 i, k;
	char	 name[256];

	cJSON_AddStringToObject(j, "swagger", "2.0");
	info = cJSON_AddObjectToObject(j, "info");
	cJSON_AddStringToObject(info, "title", "scs-tui-sim");
	cJSON_AddStringToObject(info, "version", "v1.32.0");
	cJSON_AddObjectToObject(j, "paths");
	defs = cJSON_AddObjectToObject(j, "definitions");
	for (i = 0; i < NRES; i++) {
		for (k = 0; version_at(&resources[i], k) != NULL; k++) {
			schema_name(&resources[i], version_at(&resources[i],
			    k), name, sizeof name);
			cJSON_AddItemToObject(defs, name, gvk_schema(
			    &resources[i], version_at(&resources[i], k)));
		}
	}
	return (print(j));
}

char *
sim_openapi_v3_index(void)
{
	cJSON	*j = cJSON_CreateObject(), *paths, *p;
	size_t	 i, k;
	char	 key[192], url[256];

	paths = cJSON_AddObjectToObject(j, "paths");
	for (i = 0; i < NRES; i++) {
		for (k = 0; version_at(&resources[i], k) != NULL; k++) {
			if (resources[i].group[0] == '\0')
				snprintf(key, sizeof key, "api/%s",
				    version_at(&resources[i], k));
			else
				snprintf(key, sizeof key, "apis/%s/%s",
				    resources[i].group,
				    version_at(&resources[i], k));
			if (cJSON_GetObjectItemCaseSensitive(paths, key))
				continue;
			p = cJSON_AddObjectToObject(paths, key);
			snprintf(url, sizeof url, "/openapi/v3/%s?hash=5133", key);
			cJSON_AddStringToObject(p, "serverRelativeURL", url);
		}
	}
	return (print(j));
}

/*
 * Item paths whose operations name the GVK and take fieldValidation:
 * kubectl looks for them before it validates on the client.
 */
static void
add_paths(cJSON *paths, const struct sim_resdef *r, const char *version)
{
	static const char *const ops[] = { "get", "put", "patch", "delete",
	    NULL };
	static const char *const params[] = { "fieldValidation", "dryRun",
	    "fieldManager", NULL };
	char		 path[512], prefix[256];
	cJSON		*p, *op, *gvk, *ps, *x;
	size_t		 i, k;

	if (r->group[0] == '\0')
		snprintf(prefix, sizeof prefix, "/api/%s", version);
	else
		snprintf(prefix, sizeof prefix, "/apis/%s/%s", r->group,
		    version);
	snprintf(path, sizeof path, "%s/%s%s/{name}", prefix, r->namespaced ?
	    "namespaces/{namespace}/" : "", r->plural);
	p = cJSON_AddObjectToObject(paths, path);
	for (i = 0; ops[i] != NULL; i++) {
		op = cJSON_AddObjectToObject(p, ops[i]);
		cJSON_AddStringToObject(op, "x-kubernetes-action", ops[i]);
		gvk = cJSON_AddObjectToObject(op,
		    "x-kubernetes-group-version-kind");
		cJSON_AddStringToObject(gvk, "group", r->group);
		cJSON_AddStringToObject(gvk, "version", version);
		cJSON_AddStringToObject(gvk, "kind", r->kind);
		ps = cJSON_AddArrayToObject(op, "parameters");
		for (k = 0; params[k] != NULL; k++) {
			x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "name", params[k]);
			cJSON_AddStringToObject(x, "in", "query");
			cJSON_AddItemToObject(x, "schema", cJSON_Parse(
			    "{\"type\":\"string\"}"));
			cJSON_AddItemToArray(ps, x);
		}
	}
}

char *
sim_openapi_v3_gv(const char *group, const char *version)
{
	cJSON	*j, *schemas, *info, *paths;
	size_t	 i;
	char	 name[256];
	int	 any = 0;

	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "openapi", "3.0.0");
	info = cJSON_AddObjectToObject(j, "info");
	cJSON_AddStringToObject(info, "title", "scs-tui-sim");
	cJSON_AddStringToObject(info, "version", "v1.32.0");
	paths = cJSON_AddObjectToObject(j, "paths");
	schemas = cJSON_AddObjectToObject(cJSON_AddObjectToObject(j,
	    "components"), "schemas");
	for (i = 0; i < NRES; i++) {
		if (strcmp(resources[i].group, group) != 0 ||
		    !serves(&resources[i], version))
			continue;
		any = 1;
		add_paths(paths, &resources[i], version);
		schema_name(&resources[i], version, name, sizeof name);
		cJSON_AddItemToObject(schemas, name, gvk_schema(&resources[i],
		    version));
	}
	if (!any) {
		cJSON_Delete(j);
		return (NULL);
	}
	return (print(j));
}

/* --- Table output ---------------------------------------------------- */

/* Columns that place Name themselves (events: priority 1, at the end);
 * the others start with it. */
static int
names_itself(const struct sim_resdef *r)
{
	const struct sim_column	*col;

	for (col = r->cols; col != NULL && col->name != NULL; col++)
		if (strcmp(col->path, "metadata.name") == 0)
			return (1);
	return (0);
}

cJSON *
sim_table_columns(const struct sim_resdef *r)
{
	cJSON			*a = cJSON_CreateArray(), *c;
	const struct sim_column	*col;

	if (names_itself(r))
		goto cols;
	c = cJSON_CreateObject();
	cJSON_AddStringToObject(c, "name", "Name");
	cJSON_AddStringToObject(c, "type", "string");
	cJSON_AddStringToObject(c, "format", "name");
	cJSON_AddStringToObject(c, "description", "Name of the object");
	cJSON_AddNumberToObject(c, "priority", 0);
	cJSON_AddItemToArray(a, c);
	if (r->cols == NULL) {
		c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "name", "Created At");
		cJSON_AddStringToObject(c, "type", "date");
		cJSON_AddStringToObject(c, "format", "");
		cJSON_AddStringToObject(c, "description", "");
		cJSON_AddNumberToObject(c, "priority", 0);
		cJSON_AddItemToArray(a, c);
		return (a);
	}
cols:
	for (col = r->cols; col->name != NULL; col++) {
		c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "name", col->name);
		cJSON_AddStringToObject(c, "type", col->type);
		cJSON_AddStringToObject(c, "format", strcmp(col->path,
		    "metadata.name") == 0 ? "name" : "");
		cJSON_AddStringToObject(c, "description", col->path);
		cJSON_AddNumberToObject(c, "priority", col->priority);
		cJSON_AddItemToArray(a, c);
	}
	return (a);
}

static cJSON *
cell(const struct sim_column *col, const cJSON *obj)
{
	const cJSON	*v = obj, *c;
	char		 key[128];
	const char	*p = col->path, *dot;
	size_t		 n;
	int64_t		 t;

	if (strcmp(p, "age") == 0 || strncmp(p, "age:", 4) == 0) {
		if (p[3] == ':')
			v = cJSON_GetObjectItemCaseSensitive(obj, p + 4);
		else
			v = cJSON_GetObjectItemCaseSensitive(
			    cJSON_GetObjectItemCaseSensitive(obj, "metadata"),
			    "creationTimestamp");
		t = cJSON_IsString(v) ? scs_parse_rfc3339(v->valuestring) : -1;
		if (t < 0)
			return (cJSON_CreateString("<unknown>"));
		scs_format_age(scs_wall_s() - t, key, sizeof key);
		return (cJSON_CreateString(key));
	}
	if (strncmp(p, "count:", 6) == 0)
		return (cJSON_CreateNumber(cJSON_GetArraySize(
		    cJSON_GetObjectItemCaseSensitive(obj, p + 6))));
	if (strncmp(p, "object:", 7) == 0) {
		/* "kind/name", the kind in lower case (events' Object,
		 * role bindings' Role keeps its case). */
		const char	*k, *nm;
		size_t		 i;

		c = cJSON_GetObjectItemCaseSensitive(obj, p + 7);
		k = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c,
		    "kind"));
		nm = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c,
		    "name"));
		snprintf(key, sizeof key, "%s/%s", k != NULL ? k : "",
		    nm != NULL ? nm : "");
		if (strcmp(p + 7, "involvedObject") == 0)
			for (i = 0; key[i] != '/' && key[i] != '\0'; i++)
				if (key[i] >= 'A' && key[i] <= 'Z')
					key[i] = (char)(key[i] - 'A' + 'a');
		return (cJSON_CreateString(key));
	}
	if (strncmp(p, "label:", 6) == 0 || strncmp(p, "annotation:", 11) ==
	    0) {
		c = cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(obj, "metadata"),
		    p[0] == 'l' ? "labels" : "annotations");
		v = cJSON_GetObjectItemCaseSensitive(c, strchr(p, ':') + 1);
		return (cJSON_IsString(v) ? cJSON_CreateString(v->valuestring) :
		    cJSON_CreateNull());
	}
	if (strncmp(p, "owner:", 6) == 0) {
		c = cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(obj, "metadata"),
		    "ownerReferences");
		cJSON_ArrayForEach(v, c) {
			if (scs_streq(cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(v, "kind")),
			    p + 6) && cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(v, "name")) != NULL)
				return (cJSON_CreateString(cJSON_GetStringValue(
				    cJSON_GetObjectItemCaseSensitive(v,
				    "name"))));
		}
		return (cJSON_CreateNull());
	}
	if (strncmp(p, "cond:", 5) == 0) {
		c = cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(obj, "status"),
		    "conditions");
		cJSON_ArrayForEach(v, c) {
			const cJSON *t2 = cJSON_GetObjectItemCaseSensitive(v,
			    "type");

			if (cJSON_IsString(t2) &&
			    strcmp(t2->valuestring, p + 5) == 0)
				return (cJSON_Duplicate(
				    cJSON_GetObjectItemCaseSensitive(v,
				    "status"), 1));
		}
		return (cJSON_CreateNull());
	}
	while (v != NULL && *p != '\0') {
		dot = strchr(p, '.');
		n = dot != NULL ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof key)
			return (cJSON_CreateNull());
		memcpy(key, p, n);
		key[n] = '\0';
		v = cJSON_GetObjectItemCaseSensitive(v, key);
		p += n + (dot != NULL);
	}
	if (v == NULL)
		return (cJSON_CreateNull());
	if (cJSON_IsBool(v))
		return (cJSON_CreateString(cJSON_IsTrue(v) ? "true" : "false"));
	return (cJSON_Duplicate(v, 1));
}

cJSON *
sim_table_cells(const struct sim_resdef *r, const cJSON *obj)
{
	cJSON			*a = cJSON_CreateArray();
	const struct sim_column	*col;
	const cJSON		*name, *ts;

	name = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(obj, "metadata"), "name");
	if (!names_itself(r))
		cJSON_AddItemToArray(a, cJSON_Duplicate(name, 1));
	if (r->cols == NULL) {
		ts = cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(obj, "metadata"),
		    "creationTimestamp");
		cJSON_AddItemToArray(a, ts != NULL ? cJSON_Duplicate(ts, 1) :
		    cJSON_CreateNull());
		return (a);
	}
	for (col = r->cols; col->name != NULL; col++)
		cJSON_AddItemToArray(a, cell(col, obj));
	return (a);
}
