/*
 * sim-convert.c: conversion between the served versions of a group, as
 * the real CRD conversion webhooks do it: Cluster API v1beta2 (storage)
 * <-> v1beta1. Only the fields that differ are touched; everything else
 * passes through.
 */
#include <stdio.h>
#include <string.h>

#include "scs/util.h"
#include "sim-world.h"

static cJSON *
detach(cJSON *o, const char *path)
{
	const char	*dot = strrchr(path, '.');
	cJSON		*parent;
	char		 p[256];

	if (dot == NULL)
		return (cJSON_DetachItemFromObjectCaseSensitive(o, path));
	if ((size_t)(dot - path) >= sizeof p)
		return (NULL);
	memcpy(p, path, (size_t)(dot - path));
	p[dot - path] = '\0';
	parent = (cJSON *)sim_get(o, p);
	if (parent == NULL)
		return (NULL);
	return (cJSON_DetachItemFromObjectCaseSensitive(parent, dot + 1));
}

static void
move(cJSON *o, const char *from, const char *to)
{
	cJSON	*v = detach(o, from);

	if (v != NULL)
		sim_set(o, to, v);
}

/* Severity of a v1beta1 condition made from a v1beta2 one. */
static void
add_severity(cJSON *conds)
{
	cJSON		*c;
	const char	*st, *type;

	cJSON_ArrayForEach(c, conds) {
		st = sim_get_str(c, "status");
		type = sim_get_str(c, "type");
		cJSON_DeleteItemFromObjectCaseSensitive(c, "observedGeneration");
		if (st != NULL && strcmp(st, "False") == 0 && type != NULL)
			cJSON_AddStringToObject(c, "severity",
			    strcmp(type, "Available") == 0 ||
			    strcmp(type, "ControlPlaneAvailable") == 0 ?
			    "Error" : "Warning");
	}
}

static void
strip_severity(cJSON *conds)
{
	cJSON	*c;

	cJSON_ArrayForEach(c, conds)
		cJSON_DeleteItemFromObjectCaseSensitive(c, "severity");
}

/* Rename condition types in place (Available -> Ready, ...). */
static void
rename_types(cJSON *conds, const char *from, const char *to)
{
	cJSON	*c, *t;

	cJSON_ArrayForEach(c, conds) {
		t = cJSON_GetObjectItemCaseSensitive(c, "type");
		if (cJSON_IsString(t) && strcmp(t->valuestring, from) == 0)
			cJSON_SetValuestring(t, to);
	}
}

/* The version a v1beta1 reference names for a group (the contract's
 * current one: CAPO v1beta1, the kubeadm providers v1beta2). */
static const char *
group_version(const char *group)
{
	return (scs_streq(group, "infrastructure.cluster.x-k8s.io") ?
	    "v1beta1" : "v1beta2");
}

/* v1beta2 {apiGroup, kind, name} <-> v1beta1 {apiVersion, kind, name,
 * namespace} at path. */
static void
ref_to_v1beta1(cJSON *o, const char *path)
{
	cJSON		*r = (cJSON *)sim_get(o, path);
	const char	*g = sim_get_str(r, "apiGroup");
	const char	*ns = sim_get_str(o, "metadata.namespace");
	char		 av[256];

	if (r == NULL || g == NULL)
		return;
	snprintf(av, sizeof av, "%s/%s", g, group_version(g));
	cJSON_DeleteItemFromObjectCaseSensitive(r, "apiGroup");
	cJSON_AddStringToObject(r, "apiVersion", av);
	if (ns != NULL && cJSON_GetObjectItemCaseSensitive(r, "namespace") ==
	    NULL)
		cJSON_AddStringToObject(r, "namespace", ns);
}

static void
ref_to_v1beta2(cJSON *o, const char *path)
{
	cJSON		*r = (cJSON *)sim_get(o, path);
	const char	*av = sim_get_str(r, "apiVersion");
	const char	*slash;
	char		 g[256];

	if (r == NULL || av == NULL)
		return;
	slash = strchr(av, '/');
	snprintf(g, sizeof g, "%.*s", slash != NULL ? (int)(slash - av) : 0,
	    av);
	cJSON_DeleteItemFromObjectCaseSensitive(r, "apiVersion");
	cJSON_DeleteItemFromObjectCaseSensitive(r, "namespace");
	cJSON_DeleteItemFromObjectCaseSensitive(r, "uid");
	cJSON_DeleteItemFromObjectCaseSensitive(r, "resourceVersion");
	cJSON_AddStringToObject(r, "apiGroup", g);
}

static const char *const ref_paths[] = { "spec.infrastructureRef",
    "spec.controlPlaneRef", "spec.bootstrap.configRef",
    "spec.template.spec.bootstrap.configRef",
    "spec.template.spec.infrastructureRef",
    "spec.machineTemplate.spec.infrastructureRef",
    "spec.machineTemplate.infrastructureRef", NULL };

static void
refs_convert(cJSON *o, int to_v1beta1)
{
	size_t	 i;

	for (i = 0; ref_paths[i] != NULL; i++) {
		if (to_v1beta1)
			ref_to_v1beta1(o, ref_paths[i]);
		else
			ref_to_v1beta2(o, ref_paths[i]);
	}
	/* spec.rollout.after (v1beta2) <-> spec.rolloutAfter (v1beta1). */
	if (to_v1beta1) {
		move(o, "spec.rollout.after", "spec.rolloutAfter");
		if (cJSON_GetArraySize(sim_get(o, "spec.rollout")) == 0)
			cJSON_DeleteItemFromObjectCaseSensitive(
			    (cJSON *)sim_get(o, "spec"), "rollout");
	} else
		move(o, "spec.rolloutAfter", "spec.rollout.after");
	/* KCP: machineTemplate.spec.infrastructureRef (v1beta2) <->
	 * machineTemplate.infrastructureRef (v1beta1). */
	if (to_v1beta1 && sim_get(o, "spec.machineTemplate.spec."
	    "infrastructureRef") != NULL) {
		move(o, "spec.machineTemplate.spec.infrastructureRef",
		    "spec.machineTemplate.infrastructureRef");
		cJSON_DeleteItemFromObjectCaseSensitive((cJSON *)sim_get(o,
		    "spec.machineTemplate"), "spec");
	} else if (!to_v1beta1 && sim_get(o, "spec.machineTemplate."
	    "infrastructureRef") != NULL)
		move(o, "spec.machineTemplate.infrastructureRef",
		    "spec.machineTemplate.spec.infrastructureRef");
}

/* status.failureDomains: a list of {name, controlPlane} in v1beta2, a
 * map of name to {controlPlane} in v1beta1. */
static void
fd_to_map(cJSON *o)
{
	const cJSON	*list = sim_get(o, "status.failureDomains"), *d;
	cJSON		*map, *v;

	if (!cJSON_IsArray(list))
		return;
	map = cJSON_CreateObject();
	cJSON_ArrayForEach(d, list) {
		if (sim_get_str(d, "name") == NULL)
			continue;
		v = cJSON_AddObjectToObject(map, sim_get_str(d, "name"));
		cJSON_AddBoolToObject(v, "controlPlane",
		    cJSON_IsTrue(sim_get(d, "controlPlane")));
	}
	sim_set(o, "status.failureDomains", map);
}

static void
fd_to_list(cJSON *o)
{
	const cJSON	*map = sim_get(o, "status.failureDomains"), *d;
	cJSON		*list, *v;

	if (!cJSON_IsObject(map))
		return;
	list = cJSON_CreateArray();
	cJSON_ArrayForEach(d, map) {
		v = cJSON_CreateObject();
		cJSON_AddStringToObject(v, "name", d->string);
		cJSON_AddBoolToObject(v, "controlPlane",
		    cJSON_IsTrue(sim_get(d, "controlPlane")));
		cJSON_AddItemToArray(list, v);
	}
	sim_set(o, "status.failureDomains", list);
}

static void
cluster_to_v1beta1(cJSON *o)
{
	cJSON	*conds;

	move(o, "spec.topology.classRef.namespace",
	    "spec.topology.classNamespace");
	move(o, "spec.topology.classRef.name", "spec.topology.class");
	cJSON_DeleteItemFromObjectCaseSensitive((cJSON *)sim_get(o,
	    "spec.topology"), "classRef");
	if (sim_get(o, "status") == NULL)
		return;
	/* The v1beta2 status moves under status.v1beta2; the old fields
	 * are derived. */
	move(o, "status.conditions", "status.v1beta2.conditions");
	move(o, "status.controlPlane", "status.v1beta2.controlPlane");
	move(o, "status.workers", "status.v1beta2.workers");
	sim_set_bool(o, "status.infrastructureReady", cJSON_IsTrue(sim_get(o,
	    "status.initialization.infrastructureProvisioned")));
	sim_set_bool(o, "status.controlPlaneReady", cJSON_IsTrue(sim_get(o,
	    "status.initialization.controlPlaneInitialized")));
	cJSON_DeleteItemFromObjectCaseSensitive((cJSON *)sim_get(o, "status"),
	    "initialization");
	fd_to_map(o);
	conds = cJSON_Duplicate(sim_get(o, "status.v1beta2.conditions"), 1);
	if (conds != NULL) {
		rename_types(conds, "Available", "Ready");
		rename_types(conds, "ControlPlaneAvailable",
		    "ControlPlaneReady");
		add_severity(conds);
		sim_set(o, "status.conditions", conds);
	}
}

static void
cluster_to_v1beta2(cJSON *o)
{
	cJSON	*st;

	move(o, "spec.topology.class", "spec.topology.classRef.name");
	move(o, "spec.topology.classNamespace",
	    "spec.topology.classRef.namespace");
	cJSON_DeleteItemFromObjectCaseSensitive((cJSON *)sim_get(o,
	    "spec.topology"), "rolloutAfter");
	if ((st = (cJSON *)sim_get(o, "status")) == NULL)
		return;
	fd_to_list(o);
	if (sim_get(o, "status.v1beta2") != NULL) {
		cJSON_DeleteItemFromObjectCaseSensitive(st, "conditions");
		move(o, "status.v1beta2.conditions", "status.conditions");
		move(o, "status.v1beta2.controlPlane", "status.controlPlane");
		move(o, "status.v1beta2.workers", "status.workers");
		cJSON_DeleteItemFromObjectCaseSensitive(st, "v1beta2");
	} else {
		rename_types((cJSON *)sim_get(o, "status.conditions"), "Ready",
		    "Available");
		strip_severity((cJSON *)sim_get(o, "status.conditions"));
	}
	if (sim_get(o, "status.infrastructureReady") != NULL)
		sim_set_bool(o, "status.initialization."
		    "infrastructureProvisioned", cJSON_IsTrue(sim_get(o,
		    "status.infrastructureReady")));
	if (sim_get(o, "status.controlPlaneReady") != NULL)
		sim_set_bool(o, "status.initialization."
		    "controlPlaneInitialized", cJSON_IsTrue(sim_get(o,
		    "status.controlPlaneReady")));
	cJSON_DeleteItemFromObjectCaseSensitive(st, "infrastructureReady");
	cJSON_DeleteItemFromObjectCaseSensitive(st, "controlPlaneReady");
	cJSON_DeleteItemFromObjectCaseSensitive(st, "failureReason");
	cJSON_DeleteItemFromObjectCaseSensitive(st, "failureMessage");
}

/* templateRef <-> ref in every place a ClusterClass names templates. */
static void
class_refs(cJSON *o, const char *from, const char *to)
{
	char	 a[128], b[128];
	cJSON	*mds, *md;
	static const char *const places[] = { "spec.infrastructure",
	    "spec.controlPlane", "spec.controlPlane.machineInfrastructure",
	    NULL };
	size_t	 i;

	for (i = 0; places[i] != NULL; i++) {
		snprintf(a, sizeof a, "%s.%s", places[i], from);
		snprintf(b, sizeof b, "%s.%s", places[i], to);
		if (sim_get(o, a) != NULL)
			move(o, a, b);
	}
	mds = (cJSON *)sim_get(o, "spec.workers.machineDeployments");
	cJSON_ArrayForEach(md, mds) {
		if (strcmp(to, "ref") == 0) {
			move(md, "bootstrap.templateRef",
			    "template.bootstrap.ref");
			move(md, "infrastructure.templateRef",
			    "template.infrastructure.ref");
			cJSON_DeleteItemFromObjectCaseSensitive(md,
			    "bootstrap");
			cJSON_DeleteItemFromObjectCaseSensitive(md,
			    "infrastructure");
		} else {
			move(md, "template.bootstrap.ref",
			    "bootstrap.templateRef");
			move(md, "template.infrastructure.ref",
			    "infrastructure.templateRef");
			cJSON_DeleteItemFromObjectCaseSensitive(md, "template");
		}
	}
}

static void
class_status_variables(cJSON *o, const char *from, const char *to)
{
	cJSON	*v, *d;

	cJSON_ArrayForEach(v, (cJSON *)sim_get(o, "status.variables")) {
		cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(v,
		    "definitions"))
			move(d, from, to);
	}
	cJSON_ArrayForEach(v, (cJSON *)sim_get(o, "spec.variables"))
		move(v, from, to);
}

int
sim_convert(const char *res, cJSON *obj, const char *to)
{
	const char	*api = sim_get_str(obj, "apiVersion");
	const char	*slash = api != NULL ? strchr(api, '/') : NULL;
	const char	*from = slash != NULL ? slash + 1 : api;
	char		 gv[128];

	if (from == NULL || to == NULL)
		return (-1);
	if (strcmp(from, to) == 0)
		return (0);
	if (strcmp(res, SIM_CLUSTERS) == 0 || strcmp(res, SIM_MDS) == 0 ||
	    strcmp(res, SIM_MACHINES) == 0 || strcmp(res, SIM_MSS) == 0 ||
	    strcmp(res, SIM_KCPS) == 0)
		refs_convert(obj, strcmp(to, "v1beta1") == 0);
	if (strcmp(res, SIM_CLUSTERS) == 0) {
		if (strcmp(to, "v1beta1") == 0)
			cluster_to_v1beta1(obj);
		else
			cluster_to_v1beta2(obj);
	} else if (strcmp(res, SIM_CLASSES) == 0) {
		if (strcmp(to, "v1beta1") == 0) {
			class_refs(obj, "templateRef", "ref");
			class_status_variables(obj,
			    "deprecatedV1Beta1Metadata", "metadata");
			rename_types((cJSON *)sim_get(obj,
			    "status.conditions"), "VariablesReady",
			    "VariablesReconciled");
		} else {
			class_refs(obj, "ref", "templateRef");
			class_status_variables(obj, "metadata",
			    "deprecatedV1Beta1Metadata");
			rename_types((cJSON *)sim_get(obj,
			    "status.conditions"), "VariablesReconciled",
			    "VariablesReady");
		}
	} else if (strcmp(res, SIM_MDS) == 0 || strcmp(res, SIM_MACHINES) ==
	    0 || strcmp(res, SIM_MSS) == 0 || strcmp(res, SIM_KCPS) == 0 ||
	    strcmp(res, SIM_MHCS) == 0 || strcmp(res, SIM_KCS) == 0) {
		if (strcmp(to, "v1beta1") == 0) {
			move(obj, "status.conditions",
			    "status.v1beta2.conditions");
			if (sim_get(obj, "status.v1beta2.conditions") != NULL) {
				cJSON *c = cJSON_Duplicate(sim_get(obj,
				    "status.v1beta2.conditions"), 1);

				add_severity(c);
				sim_set(obj, "status.conditions", c);
			}
		} else if (sim_get(obj, "status.v1beta2") != NULL) {
			cJSON_DeleteItemFromObjectCaseSensitive(
			    (cJSON *)sim_get(obj, "status"), "conditions");
			move(obj, "status.v1beta2.conditions",
			    "status.conditions");
			cJSON_DeleteItemFromObjectCaseSensitive(
			    (cJSON *)sim_get(obj, "status"), "v1beta2");
		}
	}
	snprintf(gv, sizeof gv, "%.*s/%s", (int)(slash != NULL ?
	    slash - api : 0), api, to);
	sim_set_str(obj, "apiVersion", gv);
	return (0);
}
