/*
 * sim-crossplane.c: what Crossplane makes of a Central API claim
 * (api.scs.community): a cluster-scoped composite resource (XR) that the
 * claim's spec.resourceRef names, and the composed managed resources
 * the XR's spec.resourceRefs list, each with Synced/Ready conditions, as
 * `crossplane beta trace` walks them (DOMAIN.md 8).
 */
#include <stdio.h>
#include <string.h>

#include "scs/util.h"
#include "sim-world.h"

#define XR_API	"api.scs.community/v1alpha1"

struct composed {
	const char	*claim_kind;
	const char	*res;		/* resource key */
	const char	*api_version;
	const char	*kind;
	const char	*what;		/* composition-resource-name */
};

static const struct composed composed[] = {
	{ "Cluster", "kubernetes.crossplane.io/objects",
	    "kubernetes.crossplane.io/v1alpha2", "Object", "cluster" },
	{ "Cluster", "kubernetes.crossplane.io/objects",
	    "kubernetes.crossplane.io/v1alpha2", "Object", "kubeconfig" },
	{ "InstanceV2", "compute.openstack.crossplane.io/instancev2s",
	    "compute.openstack.crossplane.io/v1beta1", "InstanceV2",
	    "instance" },
	{ "InstanceV2", "networking.openstack.crossplane.io/networkv2s",
	    "networking.openstack.crossplane.io/v1beta1", "NetworkV2",
	    "network" },
	{ "KeypairV2", "compute.openstack.crossplane.io/keypairv2s",
	    "compute.openstack.crossplane.io/v1beta1", "KeypairV2",
	    "keypair" },
	{ "NetworkV2", "networking.openstack.crossplane.io/networkv2s",
	    "networking.openstack.crossplane.io/v1beta1", "NetworkV2",
	    "network" },
};

#define NCOMPOSED	(sizeof composed / sizeof composed[0])

static void
labels(cJSON *o, const char *xr, const char *claim, const char *ns)
{
	cJSON	*l = sim_path(o, "metadata.labels");

	cJSON_AddStringToObject(l, "crossplane.io/composite", xr);
	cJSON_AddStringToObject(l, "crossplane.io/claim-name", claim);
	cJSON_AddStringToObject(l, "crossplane.io/claim-namespace", ns);
}

void
sim_crossplane_claim(struct sim_db *db, cJSON *claim, const char *notready,
    int64_t now)
{
	const char	*kind = sim_get_str(claim, "kind");
	const char	*ns = sim_get_str(claim, "metadata.namespace");
	const char	*name = sim_get_str(claim, "metadata.name");
	char		 xr[256], xkind[128], cname[300], res[160], *p;
	cJSON		*o, *refs, *r;
	size_t		 i, n = 0, last = 0;

	if (kind == NULL || ns == NULL || name == NULL)
		return;
	snprintf(xr, sizeof xr, "%s-%s", name, ns + (strncmp(ns, "tenant-",
	    7) == 0 ? 7 : 0));
	snprintf(xkind, sizeof xkind, "X%s", kind);
	snprintf(res, sizeof res, "api.scs.community/x%ss", kind);
	for (p = res; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');

	for (i = 0; i < NCOMPOSED; i++) {
		if (strcmp(composed[i].claim_kind, kind) == 0) {
			n++;
			last = i;
		}
	}
	o = sim_obj_new(XR_API, xkind, NULL, xr, now);
	labels(o, xr, name, ns);
	sim_set_str(o, "spec.claimRef.apiVersion", XR_API);
	sim_set_str(o, "spec.claimRef.kind", kind);
	sim_set_str(o, "spec.claimRef.name", name);
	sim_set_str(o, "spec.claimRef.namespace", ns);
	sim_set_str(o, "spec.compositionRef.name", sim_get_str(claim,
	    "spec.compositionRef.name") != NULL ? sim_get_str(claim,
	    "spec.compositionRef.name") : "default");
	sim_set_str(o, "spec.writeConnectionSecretToRef.namespace",
	    "crossplane-system");
	sim_set_str(o, "spec.writeConnectionSecretToRef.name", xr);
	refs = cJSON_AddArrayToObject(sim_path(o, "spec"), "resourceRefs");
	sim_cond(o, "Synced", "True", "ReconcileSuccess", NULL, now);
	if (notready != NULL)
		sim_cond(o, "Ready", "False", "Creating", "Unready resources: "
		    "cluster", now);
	else
		sim_cond(o, "Ready", "True", "Available", NULL, now);

	for (i = 0; i < NCOMPOSED; i++) {
		cJSON	*m;
		int	 bad;

		if (strcmp(composed[i].claim_kind, kind) != 0)
			continue;
		snprintf(cname, sizeof cname, "%s-%s", xr, composed[i].what);
		bad = notready != NULL && i == last - (n > 1 ? 1 : 0);
		m = sim_obj_new(composed[i].api_version, composed[i].kind,
		    NULL, cname, now);
		labels(m, xr, name, ns);
		sim_annotate(m, "crossplane.io/composition-resource-name",
		    composed[i].what);
		sim_annotate(m, "crossplane.io/external-name", bad ? cname :
		    sim_get_str(claim, "metadata.name"));
		sim_owner(m, XR_API, xkind, xr, NULL);
		sim_set_str(m, "spec.providerConfigRef.name", ns);
		sim_set(m, "spec.managementPolicies",
		    cJSON_CreateStringArray((const char *[]){ "*" }, 1));
		sim_cond(m, "Synced", "True", "ReconcileSuccess", NULL, now);
		if (bad)
			sim_cond(m, "Ready", "False", "Creating", notready, now);
		else
			sim_cond(m, "Ready", "True", "Available", NULL, now);
		sim_db_put(db, composed[i].res, m);
		r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "apiVersion",
		    composed[i].api_version);
		cJSON_AddStringToObject(r, "kind", composed[i].kind);
		cJSON_AddStringToObject(r, "name", cname);
		cJSON_AddItemToArray(refs, r);
	}
	sim_db_put(db, res, o);
	sim_set_str(claim, "spec.resourceRef.apiVersion", XR_API);
	sim_set_str(claim, "spec.resourceRef.kind", xkind);
	sim_set_str(claim, "spec.resourceRef.name", xr);
}
