/*
 * model-refs.c: the references an object holds (model.h scs_refs), for
 * describe's jumps: its owners, every object reference below it (any
 * object with a kind, a name and an apiVersion or apiGroup: CAPI's
 * infrastructureRef, controlPlaneRef, bootstrap.configRef, the template
 * refs of MachineDeployments, MachineSets and ClusterClasses,
 * Crossplane's resourceRef, resourceRefs and claimRef, ...) and a
 * Cluster's ClusterClass.
 */
#include <stdio.h>
#include <string.h>

#include "scs/model.h"
#include "scs/util.h"

#define CAPI_GROUP	"cluster.x-k8s.io"

static void
ref_emit(const cJSON *ref, const char *group, const char *kind,
    const char *ns, const char *path, scs_ref_cb cb, void *arg)
{
	struct scs_ref	 r;
	const char	*rns = cJSON_GetStringValue(J(ref, "namespace"));

	memset(&r, 0, sizeof r);
	r.path = path;
	if (group != NULL)
		scs_strlcpy(r.group, group, sizeof r.group);
	else
		scs_ref_group(ref, r.group, sizeof r.group);
	r.kind = kind != NULL ? kind : cJSON_GetStringValue(J(ref, "kind"));
	r.name = cJSON_GetStringValue(J(ref, "name"));
	r.ns = rns != NULL ? rns : ns;
	if (r.kind != NULL && r.name != NULL)
		cb(&r, arg);
}

static int
is_ref(const cJSON *o)
{
	return (cJSON_IsObject(o) &&
	    cJSON_GetStringValue(J(o, "kind")) != NULL &&
	    cJSON_GetStringValue(J(o, "name")) != NULL &&
	    (cJSON_GetStringValue(J(o, "apiVersion")) != NULL ||
	    cJSON_GetStringValue(J(o, "apiGroup")) != NULL));
}

/* Every ref at or below node (path names it). */
static void
walk(const cJSON *node, char *path, size_t len, const char *ns,
    scs_ref_cb cb, void *arg)
{
	const cJSON	*c;
	size_t		 at = strlen(path);
	int		 i = 0;

	if (is_ref(node)) {
		ref_emit(node, NULL, NULL, ns, path, cb, arg);
		return;
	}
	cJSON_ArrayForEach(c, node) {
		if (cJSON_IsArray(node))
			snprintf(path + at, len - at, "[%d]", i++);
		else
			snprintf(path + at, len - at, "%s%s", at != 0 ? "." :
			    "", c->string);
		if (cJSON_IsObject(c) || cJSON_IsArray(c))
			walk(c, path, len, ns, cb, arg);
		path[at] = '\0';
	}
}

void
scs_refs(const cJSON *obj, scs_ref_cb cb, void *arg)
{
	const char	*ns = cJSON_GetStringValue(scs_jpath(obj,
			    "metadata.namespace"));
	const cJSON	*c, *topo;
	const char	*cls;
	char		 path[512], g[128];
	int		 i = 0;

	cJSON_ArrayForEach(c, scs_jpath(obj, "metadata.ownerReferences")) {
		snprintf(path, sizeof path, "metadata.ownerReferences[%d]",
		    i++);
		ref_emit(c, NULL, NULL, ns, path, cb, arg);
	}
	/* A Cluster's class: v1beta2 classRef {name, namespace}, v1beta1
	 * class (and classNamespace). */
	scs_ref_group(obj, g, sizeof g);
	topo = scs_jpath(obj, "spec.topology");
	if (scs_streq(cJSON_GetStringValue(J(obj, "kind")), "Cluster") &&
	    strcmp(g, CAPI_GROUP) == 0 && topo != NULL) {
		if ((c = J(topo, "classRef")) != NULL)
			ref_emit(c, CAPI_GROUP, "ClusterClass", ns,
			    "spec.topology.classRef", cb, arg);
		else if ((cls = cJSON_GetStringValue(J(topo, "class"))) !=
		    NULL) {
			struct scs_ref	 r;
			const char	*cns = cJSON_GetStringValue(J(topo,
					    "classNamespace"));

			memset(&r, 0, sizeof r);
			r.path = "spec.topology.class";
			scs_strlcpy(r.group, CAPI_GROUP, sizeof r.group);
			r.kind = "ClusterClass";
			r.name = cls;
			r.ns = cns != NULL ? cns : ns;
			cb(&r, arg);
		}
	}
	cJSON_ArrayForEach(c, obj) {
		if (c->string == NULL || strcmp(c->string, "metadata") == 0 ||
		    (!cJSON_IsObject(c) && !cJSON_IsArray(c)))
			continue;
		scs_strlcpy(path, c->string, sizeof path);
		walk(c, path, sizeof path, ns, cb, arg);
	}
}
