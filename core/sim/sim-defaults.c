/*
 * sim-defaults.c: CAPI's defaulting of a Cluster's topology variables
 * from its ClusterClass, for the admission of a write (sim-admit.c) and
 * for the world the scenarios build (its Clusters are stored as the
 * webhook would have stored them when they were created).
 */
#include <string.h>

#include "scs/model.h"
#include "scs/schema.h"
#include "scs/util.h"
#include "sim-world.h"

/* Nested defaults inside override values that are set: CAPI defaults
 * overrides only where they exist and never creates one. */
static void
default_overrides(const cJSON *defs, cJSON *overrides)
{
	const cJSON	*d;
	cJSON		*v;

	cJSON_ArrayForEach(v, overrides) {
		cJSON_ArrayForEach(d, defs) {
			if (scs_streq(cJSON_GetStringValue(J(d, "name")),
			    cJSON_GetStringValue(J(v, "name")))) {
				scs_schema_default_value(J(J(d, "schema"),
				    "openAPIV3Schema"), J(v, "value"));
				break;
			}
		}
	}
}

cJSON *
sim_default_variables(const cJSON *defs, cJSON *topo)
{
	cJSON	*vars, *md;

	vars = J(topo, "variables");
	if (vars == NULL) {
		vars = cJSON_CreateArray();
		if (scs_schema_default(defs, vars) > 0)
			cJSON_AddItemToObject(topo, "variables", vars);
		else {
			cJSON_Delete(vars);
			vars = NULL;
		}
	} else
		scs_schema_default(defs, vars);
	default_overrides(defs, J(J(J(topo, "controlPlane"), "variables"),
	    "overrides"));
	cJSON_ArrayForEach(md, J(J(topo, "workers"), "machineDeployments"))
		default_overrides(defs, J(J(md, "variables"), "overrides"));
	return (vars);
}

void
sim_seed_defaults(struct sim_db *db, cJSON *obj)
{
	cJSON			*topo, *defs;
	const cJSON		*cns;
	const char		*cls, *ns;
	const struct sim_obj	*cc;
	int			 from_status;

	topo = J(J(obj, "spec"), "topology");
	cls = cJSON_GetStringValue(J(J(topo, "classRef"), "name"));
	if (cls == NULL)
		return;
	cns = J(J(topo, "classRef"), "namespace");
	ns = cJSON_IsString(cns) ? cns->valuestring :
	    cJSON_GetStringValue(J(J(obj, "metadata"), "namespace"));
	cc = sim_db_get(db, "cluster.x-k8s.io/clusterclasses", ns, cls);
	if (cc == NULL)
		return;
	defs = scs_schema_definitions(cc->json, &from_status);
	sim_default_variables(defs, topo);
	cJSON_Delete(defs);
}
