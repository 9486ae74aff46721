/*
 * sim-stacks.c: the cluster-stack operator (CSO) in small. A ClusterStack
 * (spec: provider, name, kubernetesVersion MAJOR.MINOR) gets, per
 * version it asks for (spec.versions; with autoSubscribe and no
 * versions, the channel's latest, v1), a ClusterStackRelease and a ClusterClass named
 * <provider>-<name>-<major>-<minor>-<version> in its namespace (from the
 * spec as CSO names them, whatever the stack's own name), owned by
 * the stack; the class carries the stack's variables (sim-classes.c;
 * reconciled into status.variables) and its templates (sim-graph.c).
 * Then the stack's status: usableVersions, latestRelease, Ready. What a
 * version no longer asked for produced stays, as CSO keeps what clusters
 * may still use. A stack is looked at while its status.observedGeneration
 * lags metadata.generation (new or changed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-world.h"

cJSON *
sim_class_new(struct sim_db *db, const char *ns, const char *name,
    const char *stack_name, int64_t at)
{
	cJSON	*o, *d, *vars, *defs, *v, *sv;

	o = sim_obj_new(SIM_CAPI, "ClusterClass", ns, name, at);
	sim_set_int(o, "metadata.generation", 1);
	sim_set_str(o, "spec.infrastructure.templateRef.kind",
	    "OpenStackClusterTemplate");
	sim_set_str(o, "spec.infrastructure.templateRef.name", name);
	sim_set_str(o, "spec.infrastructure.templateRef.apiVersion",
	    "infrastructure.cluster.x-k8s.io/v1beta1");
	sim_set_str(o, "spec.controlPlane.templateRef.kind",
	    "KubeadmControlPlaneTemplate");
	sim_set_str(o, "spec.controlPlane.templateRef.name", name);
	sim_set_str(o, "spec.controlPlane.templateRef.apiVersion",
	    "controlplane.cluster.x-k8s.io/v1beta2");
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "class", "default-worker");
	cJSON_AddItemToArray(cJSON_AddArrayToObject(sim_path(o,
	    "spec.workers"), "machineDeployments"), d);
	vars = sim_class_variables(stack_name);
	/* status.variables: the reconciled view clients should use. */
	defs = cJSON_AddArrayToObject(sim_path(o, "status"), "variables");
	cJSON_ArrayForEach(v, vars) {
		sv = cJSON_CreateObject();
		cJSON_AddStringToObject(sv, "name", sim_get_str(v, "name"));
		d = cJSON_CreateObject();
		cJSON_AddStringToObject(d, "from", "inline");
		cJSON_AddBoolToObject(d, "required",
		    cJSON_IsTrue(sim_get(v, "required")));
		cJSON_AddItemToObject(d, "schema", cJSON_Duplicate(
		    sim_get(v, "schema"), 1));
		cJSON_AddItemToArray(cJSON_AddArrayToObject(sv,
		    "definitions"), d);
		cJSON_AddItemToArray(defs, sv);
	}
	cJSON_AddItemToObject(sim_path(o, "spec"), "variables", vars);
	sim_set_int(o, "status.observedGeneration", 1);
	sim_cond(o, "VariablesReady", "True", "VariablesReady", NULL, at);
	sim_cond(o, "RefVersionsUpToDate", "True", "RefVersionsUpToDate",
	    NULL, at);
	sim_graph_class(db, o, at);
	return (o);
}

/* The release name prefix CSO derives from a stack's spec (not its
 * metadata.name): "<provider>-<name>-<major>-<minor>". */
static void
release_prefix(const cJSON *stack, char *buf, size_t len)
{
	const char	*p = sim_get_str(stack, "spec.provider");
	const char	*n = sim_get_str(stack, "spec.name");
	const char	*kv = sim_get_str(stack, "spec.kubernetesVersion");
	char		*c;

	snprintf(buf, len, "%s-%s-%s", p != NULL ? p : "", n != NULL ? n : "",
	    kv != NULL ? kv : "");
	for (c = buf; *c != '\0'; c++)
		if (*c == '.')
			*c = '-';
}

/* The versions a stack asks for (a new array of strings). */
static cJSON *
asked(const cJSON *stack)
{
	const cJSON	*v;
	cJSON		*list = cJSON_CreateArray();

	cJSON_ArrayForEach(v, sim_get(stack, "spec.versions"))
		if (cJSON_IsString(v) && v->valuestring[0] != '\0')
			cJSON_AddItemToArray(list, cJSON_CreateString(
			    v->valuestring));
	if (cJSON_GetArraySize(list) == 0 && (sim_get(stack,
	    "spec.autoSubscribe") == NULL ||
	    cJSON_IsTrue(sim_get(stack, "spec.autoSubscribe"))))
		cJSON_AddItemToArray(list, cJSON_CreateString("v1"));
	return (list);
}

void
sim_stack_status(cJSON *stack, int64_t at)
{
	cJSON		*list = asked(stack), *v;
	char		 usable[512] = "", latest[512], prefix[256];
	int		 i = 0;

	release_prefix(stack, prefix, sizeof prefix);

	cJSON_ArrayForEach(v, list) {
		snprintf(usable + strlen(usable), sizeof usable -
		    strlen(usable), "%s%s", i++ > 0 ? ", " : "",
		    v->valuestring);
		snprintf(latest, sizeof latest, "%s-%s", prefix,
		    v->valuestring);
	}
	if (i > 0) {
		sim_set_str(stack, "status.usableVersions", usable);
		sim_set_str(stack, "status.latestRelease", latest);
		sim_cond_v1beta1(stack, "Ready", "True", NULL, NULL, NULL, at);
	} else
		sim_cond_v1beta1(stack, "Ready", "False", "NoVersions",
		    "Warning", "no versions asked for and autoSubscribe is "
		    "off", at);
	sim_set_int(stack, "status.observedGeneration",
	    sim_get_int(stack, "metadata.generation", 1));
	cJSON_Delete(list);
}

void
sim_stack_releases(struct sim_db *db, const cJSON *stack,
    const char *const *k8s, int64_t at, int64_t step,
    void (*put)(void *, const char *, cJSON *), void *arg)
{
	const char	*ns = sim_get_str(stack, "metadata.namespace");
	const char	*sname = sim_get_str(stack, "metadata.name");
	const char	*name = sim_get_str(stack, "spec.name");
	const char	*kv = sim_get_str(stack, "spec.kubernetesVersion");
	char		 cname[512], kver[64], prefix[256];
	cJSON		*o, *list, *v;
	int64_t		 t;
	int		 i = 0;

	if (ns == NULL || sname == NULL || name == NULL || kv == NULL)
		return;
	release_prefix(stack, prefix, sizeof prefix);
	list = asked(stack);
	cJSON_ArrayForEach(v, list) {
		snprintf(cname, sizeof cname, "%s-%s", prefix, v->valuestring);
		t = at + (int64_t)i * step;
		if (k8s != NULL && k8s[i] != NULL)
			snprintf(kver, sizeof kver, "%s", k8s[i]);
		else
			snprintf(kver, sizeof kver, "v%s.%d", kv, 2 + i);
		i++;
		if (sim_db_get(db, SIM_RELEASES, ns, cname) == NULL) {
			o = sim_obj_new(SIM_CSO, "ClusterStackRelease", ns,
			    cname, t);
			sim_owner(o, SIM_CSO, "ClusterStack", sname, NULL);
			sim_set_str(o, "status.kubernetesVersion", kver);
			sim_set_bool(o, "status.ready", 1);
			sim_cond_v1beta1(o, "Ready", "True", NULL, NULL, NULL,
			    t);
			put(arg, SIM_RELEASES, o);
		}
		if (sim_db_get(db, SIM_CLASSES, ns, cname) == NULL)
			put(arg, SIM_CLASSES, sim_class_new(db, ns, cname, name,
			    t));
	}
	cJSON_Delete(list);
}

static void
db_put(void *arg, const char *res, cJSON *o)
{
	sim_db_put(arg, res, o);
}

struct pending {
	char	**ns, **name;
	size_t	  n;
};

static int
lagging(const struct sim_obj *o, void *arg)
{
	struct pending	*p = arg;

	if (sim_get_int(o->json, "status.observedGeneration", 0) ==
	    sim_get_int(o->json, "metadata.generation", 1))
		return (0);
	p->ns = scs_xreallocarray(p->ns, p->n + 1, sizeof *p->ns);
	p->name = scs_xreallocarray(p->name, p->n + 1, sizeof *p->name);
	p->ns[p->n] = scs_xstrdup(o->ns);
	p->name[p->n++] = scs_xstrdup(o->name);
	return (0);
}

int
sim_stacks_reconcile(struct sim_db *db, int64_t now)
{
	struct pending		 p = { NULL, NULL, 0 };
	const struct sim_obj	*o;
	cJSON			*st;
	size_t			 i;

	sim_db_foreach(db, SIM_STACKS, NULL, lagging, &p);
	for (i = 0; i < p.n; i++) {
		if ((o = sim_db_get(db, SIM_STACKS, p.ns[i], p.name[i])) !=
		    NULL) {
			st = cJSON_Duplicate(o->json, 1);
			sim_stack_releases(db, st, NULL, now, 0, db_put, db);
			sim_stack_status(st, now);
			sim_db_put(db, SIM_STACKS, st);
		}
		free(p.ns[i]);
		free(p.name[i]);
	}
	free(p.ns);
	free(p.name);
	return ((int)p.n);
}
