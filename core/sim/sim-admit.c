/*
 * sim-admit.c: the admission webhooks the simulator runs on Cluster
 * writes: CAPI defaulting of the version's "v" and the class-exists
 * warning, and the cluster-stacks (CSO) version rule (DOMAIN.md 5, 7).
 */
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/util.h"
#include "sim-int.h"

#define J(o, k)	cJSON_GetObjectItemCaseSensitive((o), (k))

static void
warn(char ***w, char *msg)
{
	size_t	 n = 0;

	while (*w != NULL && (*w)[n] != NULL)
		n++;
	*w = scs_xreallocarray(*w, n + 2, sizeof **w);
	(*w)[n] = msg;
	(*w)[n + 1] = NULL;
}

static struct scs_api_error *
refuse(int code, const char *reason, char *message)
{
	struct scs_api_error	*e = scs_xcalloc(1, sizeof *e);

	e->code = code;
	e->reason = scs_xstrdup(reason);
	e->message = message;
	return (e);
}

int
sim_admit(struct sim_db *db, const char *res, cJSON *obj, const cJSON *old,
    struct scs_api_error **err, char ***warnings)
{
	cJSON			*topo, *ver;
	const char		*ns, *cls, *cns, *want;
	const struct sim_obj	*cc, *rel;
	char			*rname, v[64], w[64];
	struct scs_class_name	 a, b;

	*err = NULL;
	if (strcmp(res, "cluster.x-k8s.io/clusters") != 0)
		return (0);
	topo = J(J(obj, "spec"), "topology");
	if (topo == NULL)
		return (0);
	ns = cJSON_GetStringValue(J(J(obj, "metadata"), "namespace"));
	cls = cJSON_GetStringValue(J(J(topo, "classRef"), "name"));
	cns = cJSON_GetStringValue(J(J(topo, "classRef"), "namespace"));
	if (cns == NULL)
		cns = ns;
	ver = J(topo, "version");
	if (cJSON_IsString(ver) && ver->valuestring[0] != 'v') {
		/* CAPI's defaulting webhook adds the missing "v". */
		scs_k8s_version_norm(ver->valuestring, v, sizeof v);
		cJSON_SetValuestring(ver, v);
	}
	if (cls == NULL)
		return (0);
	cc = sim_db_get(db, "cluster.x-k8s.io/clusterclasses", cns, cls);
	if (cc == NULL)
		warn(warnings, scs_xprintf("Cluster refers to ClusterClass "
		    "%s/%s, but this ClusterClass does not exist. Cluster "
		    "topology has not been fully validated.", cns, cls));

	/* CSO: the version must be the release's Kubernetes version. */
	rname = scs_release_name(cls);
	rel = sim_db_get(db, "clusterstack.x-k8s.io/clusterstackreleases", ns,
	    rname);
	free(rname);
	want = rel != NULL ? cJSON_GetStringValue(J(J(rel->json, "status"),
	    "kubernetesVersion")) : NULL;
	if (want == NULL) {
		warn(warnings, scs_xprintf("no ClusterStackRelease for class "
		    "%s in namespace %s: the Kubernetes version was not "
		    "checked", cls, ns != NULL ? ns : ""));
	} else if (cJSON_IsString(ver)) {
		scs_k8s_version_norm(want, w, sizeof w);
		if (strcmp(w, ver->valuestring) != 0) {
			*err = refuse(403, "Forbidden", scs_xprintf(
			    "admission webhook \"validation.cluster."
			    "clusterstack.x-k8s.io\" denied the request: "
			    "clusterClass %s expects Kubernetes version %s, "
			    "but got %s", cls, w, ver->valuestring));
			return (-1);
		}
	}
	if (old != NULL) {
		const char *ocls = cJSON_GetStringValue(J(J(J(J(old, "spec"),
		    "topology"), "classRef"), "name"));

		if (ocls != NULL && scs_class_name_parse(ocls, &a) == 0 &&
		    scs_class_name_parse(cls, &b) == 0 &&
		    (strcmp(a.provider, b.provider) != 0 ||
		    strcmp(a.stack, b.stack) != 0 || b.minor < a.minor ||
		    b.minor > a.minor + 1)) {
			*err = refuse(422, "Invalid", scs_xprintf(
			    "admission webhook \"validation.cluster."
			    "clusterstack.x-k8s.io\" denied the request: "
			    "spec.topology.class: Invalid value: \"%s\": the "
			    "provider and cluster stack must stay and the "
			    "Kubernetes minor may rise by at most one (was "
			    "%s)", cls, ocls));
			return (-1);
		}
	}
	return (0);
}
