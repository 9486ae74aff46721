/*
 * sim-admit.c: admission in the simulator. The webhooks it runs on
 * Cluster writes: CAPI defaulting and validation of the topology
 * variables against the class (with the server's field paths), the "v"
 * of the version, and the cluster-stacks (CSO) version rule (DOMAIN.md
 * 5, 7); a kind whose CRD has a structural schema (sim-schemas.c) is
 * defaulted and validated against it as kube-apiserver does (spec;
 * unknown fields refused as kubectl's strict field validation does);
 * then, for every write, the ValidatingAdmissionPolicies (sim-vap.c).
 */
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/schema.h"
#include "scs/util.h"
#include "sim-int.h"

void
sim_warn(char ***w, char *msg)
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

/*
 * A refusal as the API server words it: 422 Invalid, a cause per field
 * (errs' strings taken), "KIND.GROUP \"NAME\" is invalid: [field:
 * message, ...]".
 */
static struct scs_api_error *
invalid(const char *kind, const char *group, const cJSON *obj,
    struct scs_schema_errors *errs)
{
	struct scs_api_error	*e;
	const char		*name;
	struct scs_buf		 b;
	size_t			 i;

	name = cJSON_GetStringValue(J(J(obj, "metadata"), "name"));
	e = scs_xcalloc(1, sizeof *e);
	e->code = 422;
	e->reason = scs_xstrdup("Invalid");
	e->details_name = scs_xstrdup(name != NULL ? name : "");
	e->details_kind = scs_xstrdup(kind);
	e->causes = scs_xcalloc(errs->n, sizeof *e->causes);
	e->ncauses = errs->n;
	scs_buf_init(&b, 0);
	for (i = 0; i < errs->n; i++) {
		e->causes[i].field = errs->v[i].field;
		e->causes[i].reason = errs->v[i].reason;
		e->causes[i].message = errs->v[i].message;
		scs_buf_printf(&b, "%s%s: %s", i != 0 ? ", " : "",
		    errs->v[i].field, errs->v[i].message);
	}
	free(errs->v);
	errs->v = NULL;
	errs->n = 0;
	/* As apimachinery's aggregate: brackets around two or more. */
	e->message = scs_xprintf("%s.%s \"%s\" is invalid: %s%s%s", kind,
	    group, e->details_name, e->ncauses > 1 ? "[" : "", b.data,
	    e->ncauses > 1 ? "]" : "");
	scs_buf_done(&b);
	return (e);
}

/* Default and validate the topology's variables against the class. */
static struct scs_api_error *
check_variables(const cJSON *cc, cJSON *obj, char ***warnings)
{
	struct scs_schema_errors	 errs = { NULL, 0 };
	cJSON				*defs, *topo, *vars, *md;
	const cJSON			*mds;
	char				*prefix;
	const char			*name;
	int				 from_status;

	defs = scs_schema_definitions(cc, &from_status);
	if (!from_status)
		sim_warn(warnings, scs_xstrdup("ClusterClass variables are not "
		    "reconciled yet: validated against spec.variables"));
	topo = J(J(obj, "spec"), "topology");
	vars = sim_default_variables(defs, topo);
	scs_schema_validate(defs, vars, "spec.topology.variables", 0, &errs);
	scs_schema_validate(defs, J(J(J(topo, "controlPlane"), "variables"),
	    "overrides"), "spec.topology.controlPlane.variables.overrides", 1,
	    &errs);
	mds = J(J(topo, "workers"), "machineDeployments");
	cJSON_ArrayForEach(md, mds) {
		name = cJSON_GetStringValue(J(md, "name"));
		prefix = scs_xprintf("spec.topology.workers.machineDeployments"
		    "[%s].variables.overrides", name != NULL ? name : "");
		scs_schema_validate(defs, J(J(md, "variables"), "overrides"),
		    prefix, 1, &errs);
		free(prefix);
	}
	cJSON_Delete(defs);
	return (errs.n == 0 ? NULL : invalid("Cluster", "cluster.x-k8s.io",
	    obj, &errs));
}

/* A 422 Invalid on one field of a Cluster (field and msg owned). */
static struct scs_api_error *
invalid_field(const cJSON *obj, char *field, char *msg)
{
	struct scs_schema_errors	 errs;

	errs.n = 1;
	errs.v = scs_xcalloc(1, sizeof *errs.v);
	errs.v[0].field = field;
	errs.v[0].reason = scs_xstrdup("FieldValueInvalid");
	errs.v[0].message = msg;
	return (invalid("Cluster", "cluster.x-k8s.io", obj, &errs));
}

/*
 * Every MachineDeployment topology names a class of the ClusterClass, as
 * a string (the CRD schema's type check, then CAPI's topology webhook).
 */
static struct scs_api_error *
check_md_classes(const cJSON *cc, const cJSON *obj)
{
	const cJSON	*md, *cls, *d;
	const char	*mdn, *cname = cc == NULL ? NULL :
			    cJSON_GetStringValue(J(J(cc, "metadata"), "name"));
	char		*field = NULL, *msg = NULL;
	int		 i = 0, found;

	cJSON_ArrayForEach(md, J(J(J(J(obj, "spec"), "topology"), "workers"),
	    "machineDeployments")) {
		cls = J(md, "class");
		mdn = cJSON_GetStringValue(J(md, "name"));
		if (!cJSON_IsString(cls)) {
			field = scs_xprintf("spec.topology.workers."
			    "machineDeployments[%d].class", i);
			msg = scs_xprintf("Invalid value: \"%s\": %s in body "
			    "must be of type string: \"%s\"", cls == NULL ?
			    "null" : cJSON_IsNumber(cls) ? "integer" :
			    "object", field, cls == NULL ? "null" :
			    cJSON_IsNumber(cls) ? "integer" : "object");
			break;
		}
		found = cc == NULL;	/* no class: checked when it exists */
		cJSON_ArrayForEach(d, J(J(J(cc, "spec"), "workers"),
		    "machineDeployments"))
			found |= scs_streq(cJSON_GetStringValue(J(d, "class")),
			    cls->valuestring);
		if (!found) {
			field = scs_xprintf("spec.topology.workers."
			    "machineDeployments[%s].class", mdn != NULL ? mdn :
			    "");
			msg = scs_xprintf("Invalid value: \"%s\": "
			    "MachineDeploymentClass with name \"%s\" does not "
			    "exist in ClusterClass \"%s\"", cls->valuestring,
			    cls->valuestring, cname != NULL ? cname : "");
			break;
		}
		i++;
	}
	if (field == NULL)
		return (NULL);
	return (invalid_field(obj, field, msg));
}


/* The Cluster webhooks: CAPI's defaulting and validation, CSO's rules. */
static int
admit_cluster(struct sim_db *db, cJSON *obj, const cJSON *old,
    struct scs_api_error **err, char ***warnings)
{
	cJSON			*topo, *ver;
	const char		*ns, *cls, *cns, *want;
	const struct sim_obj	*cc, *rel;
	char			*rname, v[64], w[64];
	struct scs_class_name	 a, b;

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
	/* CAPI: a topology needs a version, a semantic one. */
	if (!cJSON_IsString(ver)) {
		*err = invalid_field(obj, scs_xstrdup("spec.topology.version"),
		    scs_xstrdup("Required value"));
		return (-1);
	}
	if (!scs_k8s_version_valid(ver->valuestring)) {
		*err = invalid_field(obj, scs_xstrdup("spec.topology.version"),
		    scs_xprintf("Invalid value: \"%s\": version must be a "
		    "valid semantic version", ver->valuestring));
		return (-1);
	}
	cc = sim_db_get(db, "cluster.x-k8s.io/clusterclasses", cns, cls);
	if ((*err = check_md_classes(cc != NULL ? cc->json : NULL, obj)) !=
	    NULL)
		return (-1);
	if (cc == NULL)
		sim_warn(warnings, scs_xprintf("Cluster refers to ClusterClass "
		    "%s/%s, but this ClusterClass does not exist. Cluster "
		    "topology has not been fully validated.", cns, cls));
	else if ((*err = check_variables(cc->json, obj, warnings)) != NULL)
		return (-1);

	/* CSO: the version must be the release's Kubernetes version (where
	 * the Cluster Stack Operator is installed). */
	if (!sim_stacks_installed())
		return (0);
	rname = scs_release_name(cls);
	rel = sim_db_get(db, "clusterstack.x-k8s.io/clusterstackreleases", ns,
	    rname);
	free(rname);
	want = rel != NULL ? cJSON_GetStringValue(J(J(rel->json, "status"),
	    "kubernetesVersion")) : NULL;
	if (want == NULL) {
		sim_warn(warnings, scs_xprintf("no ClusterStackRelease for class "
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

/* The resource of key "GROUP/PLURAL", or NULL. */
static const struct sim_resdef *
resdef(const char *res)
{
	const struct sim_resdef	*rd;
	size_t			 n, i;
	char			 key[256];

	rd = sim_resources(&n);
	for (i = 0; i < n; i++) {
		sim_resource_key(&rd[i], key, sizeof key);
		if (strcmp(key, res) == 0)
			return (&rd[i]);
	}
	return (NULL);
}

/*
 * A CRD's structural schema: spec defaulted, then validated; refused as
 * the API server refuses ("ClusterStack.clusterstack.x-k8s.io \"x\" is
 * invalid: [spec.kubernetesVersion: Invalid value: ...]", 422 Invalid
 * with a cause per field).
 */
static struct scs_api_error *
check_schema(const struct sim_resdef *rd, cJSON *obj)
{
	struct scs_schema_errors	 errs = { NULL, 0 };
	cJSON				*schema, *spec;
	const cJSON			*ss;

	if (rd == NULL || sim_resource_schema(rd) == NULL ||
	    (schema = cJSON_Parse(sim_resource_schema(rd))) == NULL)
		return (NULL);
	ss = J(J(schema, "properties"), "spec");
	spec = J(obj, "spec");
	if (ss != NULL && cJSON_IsObject(spec))
		scs_schema_default_value(ss, spec);
	if (ss != NULL && spec != NULL)
		scs_schema_validate_value(ss, spec, "spec", &errs);
	cJSON_Delete(schema);
	return (errs.n == 0 ? NULL : invalid(rd->kind, rd->group, obj, &errs));
}

/* The ValidatingAdmissionPolicies that match a write of res. */
static int
admit_policies(struct sim_db *db, const char *res, const cJSON *obj,
    const cJSON *old, const char *user, int dry_run,
    struct scs_api_error **err, char ***warnings)
{
	const struct sim_resdef	*rd;
	struct sim_vap_req	 rq;

	if ((rd = resdef(res)) == NULL)
		return (0);
	memset(&rq, 0, sizeof rq);
	rq.group = rd->group;
	rq.version = rd->versions[0];
	rq.resource = rd->plural;
	rq.kind = rd->kind;
	rq.operation = old != NULL ? "UPDATE" : "CREATE";
	rq.ns = cJSON_GetStringValue(J(J(obj, "metadata"), "namespace"));
	rq.name = cJSON_GetStringValue(J(J(obj, "metadata"), "name"));
	rq.object = obj;
	rq.old = old;
	rq.user = user;
	rq.dry_run = dry_run;
	return (sim_vap_admit(db, &rq, err, warnings));
}

int
sim_admit(struct sim_db *db, const char *res, cJSON *obj, const cJSON *old,
    const char *user, int dry_run, struct scs_api_error **err,
    char ***warnings)
{
	*err = NULL;
	if (strcmp(res, "admissionregistration.k8s.io/"
	    "validatingadmissionpolicies") == 0) {
		*err = sim_vap_validate(obj);
		return (*err != NULL ? -1 : 0);
	}
	if (strcmp(res, "cluster.x-k8s.io/clusters") == 0 &&
	    admit_cluster(db, obj, old, err, warnings) != 0)
		return (-1);
	if ((*err = check_schema(resdef(res), obj)) != NULL)
		return (-1);
	return (admit_policies(db, res, obj, old, user, dry_run, err,
	    warnings));
}
