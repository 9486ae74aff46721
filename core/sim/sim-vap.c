/*
 * sim-vap.c: ValidatingAdmissionPolicies (admissionregistration.k8s.io/v1)
 * as the apiserver runs them: every binding whose policy's
 * matchConstraints (and the binding's matchResources) match the request
 * is evaluated with its params (paramRef by name; in the request's
 * namespace for a namespaced paramKind), matchConditions, variables and
 * validations, in the CEL subset of sim-cel.h. A denial is the real
 * server's Status ("ValidatingAdmissionPolicy 'P' with binding 'B'
 * denied request: MESSAGE"); an expression that errs or lies outside
 * the subset (the latter is logged on stderr) is handled as the
 * policy's failurePolicy says. Selectors: matchLabels and
 * matchExpressions (In, NotIn, Exists, DoesNotExist); paramRef.selector
 * is outside the subset (logged, the binding is skipped).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/util.h"
#include "sim-cel.h"
#include "sim-int.h"

#define S(o, k)	cJSON_GetStringValue(J((o), (k)))

#define VAP_RES		"admissionregistration.k8s.io/validatingadmissionpolicies"
#define BINDING_RES	"admissionregistration.k8s.io/" \
			"validatingadmissionpolicybindings"

static int
list_has(const cJSON *list, const char *s)
{
	const cJSON	*e;

	cJSON_ArrayForEach(e, list) {
		if (!cJSON_IsString(e))
			continue;
		if (strcmp(e->valuestring, "*") == 0 ||
		    strcmp(e->valuestring, s) == 0)
			return (1);
	}
	return (0);
}

static int
rule_matches(const cJSON *rule, const struct sim_vap_req *rq)
{
	char	res[160];

	snprintf(res, sizeof res, "%s/*", rq->resource);
	return (list_has(J(rule, "apiGroups"), rq->group) &&
	    list_has(J(rule, "apiVersions"), rq->version) &&
	    list_has(J(rule, "operations"), rq->operation) &&
	    (list_has(J(rule, "resources"), rq->resource) ||
	    list_has(J(rule, "resources"), res)));
}

static int
rules_match(const cJSON *rules, const struct sim_vap_req *rq)
{
	const cJSON	*r;

	cJSON_ArrayForEach(r, rules)
		if (rule_matches(r, rq))
			return (1);
	return (0);
}

/* A LabelSelector against labels (NULL selector: everything). */
static int
selector_matches(const cJSON *sel, const cJSON *labels)
{
	const cJSON	*e, *v;
	const char	*op, *val;
	int		 in;

	if (sel == NULL)
		return (1);
	cJSON_ArrayForEach(e, J(sel, "matchLabels")) {
		val = S(labels, e->string);
		if (!cJSON_IsString(e) || val == NULL ||
		    strcmp(val, e->valuestring) != 0)
			return (0);
	}
	cJSON_ArrayForEach(e, J(sel, "matchExpressions")) {
		op = S(e, "operator");
		val = S(labels, S(e, "key") != NULL ? S(e, "key") : "");
		in = 0;
		cJSON_ArrayForEach(v, J(e, "values"))
			if (val != NULL && cJSON_IsString(v) &&
			    strcmp(v->valuestring, val) == 0)
				in = 1;
		if (scs_streq(op, "In") && !in)
			return (0);
		if (scs_streq(op, "NotIn") && in)
			return (0);
		if (scs_streq(op, "Exists") && val == NULL)
			return (0);
		if (scs_streq(op, "DoesNotExist") && val != NULL)
			return (0);
	}
	return (1);
}

/* matchConstraints or matchResources against the request. */
static int
resources_match(struct sim_db *db, const cJSON *m,
    const struct sim_vap_req *rq)
{
	const struct sim_obj	*ns;
	const cJSON		*o = rq->object != NULL ? rq->object : rq->old;

	if (m == NULL)
		return (1);
	if (J(m, "resourceRules") != NULL &&
	    !rules_match(J(m, "resourceRules"), rq))
		return (0);
	if (rules_match(J(m, "excludeResourceRules"), rq))
		return (0);
	if (!selector_matches(J(m, "objectSelector"), J(J(o, "metadata"),
	    "labels")))
		return (0);
	if (rq->ns != NULL && J(m, "namespaceSelector") != NULL) {
		ns = sim_db_get(db, "/namespaces", NULL, rq->ns);
		if (!selector_matches(J(m, "namespaceSelector"), ns != NULL ?
		    J(J(ns->json, "metadata"), "labels") : NULL))
			return (0);
	}
	return (1);
}

/* The resource key of apiVersion/kind ("v1", "ConfigMap") and whether
 * it is namespaced; -1 when the simulator does not serve it. */
static int
kind_key(const char *api, const char *kind, char *key, size_t len,
    int *namespaced)
{
	const struct sim_resdef	*rd;
	size_t			 n, i;
	const char		*slash = api != NULL ? strchr(api, '/') : NULL;
	size_t			 glen = slash != NULL ? (size_t)(slash -
				    api) : 0;

	if (api == NULL || kind == NULL)
		return (-1);
	rd = sim_resources(&n);
	for (i = 0; i < n; i++) {
		if (strcmp(rd[i].kind, kind) != 0 ||
		    strlen(rd[i].group) != glen ||
		    strncmp(rd[i].group, api, glen) != 0)
			continue;
		sim_resource_key(&rd[i], key, len);
		*namespaced = rd[i].namespaced;
		return (0);
	}
	return (-1);
}

struct verdict {
	int	 deny;		/* the binding denies */
	char	*message;
	char	*reason;	/* of the failed validation (Deny) */
	int	 warn;		/* Warn action: message is a warning */
};

static void
log_unsupported(const char *policy, const char *expr, const char *why)
{
	fprintf(stderr, "scs-tui-sim: ValidatingAdmissionPolicy '%s': "
	    "expression '%s' is outside the simulator's CEL subset (%s); "
	    "applying its failurePolicy\n", policy, expr, why);
}

/*
 * One expression; returns 1 true, 0 false, -1 error (*why set; the
 * caller applies failurePolicy). *value (optional) gets the value.
 */
static int
run(const char *policy, const char *expr, const struct sim_cel_var *vars,
    size_t nvars, cJSON **value, char **why)
{
	cJSON			*out = NULL;
	char			*msg = NULL;
	enum sim_cel_result	 r;

	r = sim_cel_eval(expr != NULL ? expr : "", vars, nvars, &out, &msg);
	if (r == SIM_CEL_UNSUPPORTED)
		log_unsupported(policy, expr != NULL ? expr : "", msg);
	if (r != SIM_CEL_VALUE) {
		*why = scs_xprintf("expression '%s' resulted in error: %s",
		    expr != NULL ? expr : "", msg);
		free(msg);
		return (-1);
	}
	if (value != NULL) {
		*value = out;
		return (1);
	}
	if (!cJSON_IsBool(out)) {
		*why = scs_xprintf("expression '%s' resulted in error: "
		    "the expression did not return a bool", expr);
		cJSON_Delete(out);
		return (-1);
	}
	r = cJSON_IsTrue(out) ? 1 : 0;
	cJSON_Delete(out);
	return ((int)r);
}

/* A validation that failed: its message. */
static char *
failed_message(const char *policy, const cJSON *v,
    const struct sim_cel_var *vars, size_t nvars)
{
	cJSON	*out = NULL;
	char	*why = NULL, *m;

	if (S(v, "messageExpression") != NULL && run(policy,
	    S(v, "messageExpression"), vars, nvars, &out, &why) == 1 &&
	    cJSON_IsString(out) && out->valuestring[0] != '\0' &&
	    strchr(out->valuestring, '\n') == NULL) {
		m = scs_xstrdup(out->valuestring);
		cJSON_Delete(out);
		return (m);
	}
	cJSON_Delete(out);
	free(why);
	if (S(v, "message") != NULL)
		return (scs_xstrdup(S(v, "message")));
	return (scs_xprintf("failed expression: %s", S(v, "expression") !=
	    NULL ? S(v, "expression") : ""));
}

static int
fail_closed(const cJSON *policy)
{
	return (!scs_streq(S(J(policy, "spec"), "failurePolicy"), "Ignore"));
}

/* Evaluate one binding of policy; fills *vd when it denies or warns. */
static void
evaluate(struct sim_db *db, const cJSON *policy, const cJSON *binding,
    const struct sim_vap_req *rq, struct verdict *vd)
{
	const cJSON		*spec = J(policy, "spec"), *pref, *e;
	const struct sim_obj	*param = NULL, *nsobj;
	const char		*pname = S(J(policy, "metadata"), "name");
	const char		*pns;
	cJSON			*request, *variables, *val, *ui;
	struct sim_cel_var	 vars[7];
	char			 key[256], *why = NULL;
	int			 namespaced = 0, r;

	pref = J(J(binding, "spec"), "paramRef");
	if (J(spec, "paramKind") != NULL && pref != NULL) {
		if (J(pref, "selector") != NULL) {
			log_unsupported(pname, "paramRef.selector",
			    "selectors of params are not simulated");
			return;
		}
		if (kind_key(S(J(spec, "paramKind"), "apiVersion"),
		    S(J(spec, "paramKind"), "kind"), key, sizeof key,
		    &namespaced) == 0) {
			pns = S(pref, "namespace") != NULL ? S(pref,
			    "namespace") : namespaced ? rq->ns : NULL;
			if (!namespaced || pns != NULL)
				param = sim_db_get(db, key, namespaced ? pns :
				    NULL, S(pref, "name") != NULL ? S(pref,
				    "name") : "");
		}
		if (param == NULL) {
			if (scs_streq(S(pref, "parameterNotFoundAction"),
			    "Deny")) {
				vd->deny = 1;
				vd->message = scs_xstrdup("failed to configure "
				    "binding: no params found for policy "
				    "binding with `Deny` "
				    "parameterNotFoundAction");
			}
			return;
		}
	} else if (J(spec, "paramKind") != NULL) {
		vd->deny = fail_closed(policy);
		vd->message = scs_xstrdup("failed to configure binding: "
		    "policy has paramKind but the binding has no paramRef");
		return;
	}

	request = cJSON_CreateObject();
	cJSON_AddStringToObject(request, "operation", rq->operation);
	cJSON_AddStringToObject(request, "namespace", rq->ns != NULL ?
	    rq->ns : "");
	cJSON_AddStringToObject(request, "name", rq->name != NULL ?
	    rq->name : "");
	cJSON_AddBoolToObject(request, "dryRun", rq->dry_run);
	val = cJSON_AddObjectToObject(request, "kind");
	cJSON_AddStringToObject(val, "group", rq->group);
	cJSON_AddStringToObject(val, "version", rq->version);
	cJSON_AddStringToObject(val, "kind", rq->kind);
	val = cJSON_AddObjectToObject(request, "resource");
	cJSON_AddStringToObject(val, "group", rq->group);
	cJSON_AddStringToObject(val, "version", rq->version);
	cJSON_AddStringToObject(val, "resource", rq->resource);
	ui = cJSON_AddObjectToObject(request, "userInfo");
	if (rq->user != NULL) {
		cJSON_AddStringToObject(ui, "username", rq->user);
		val = cJSON_AddArrayToObject(ui, "groups");
		cJSON_AddItemToArray(val, cJSON_CreateString(
		    sim_user_group(rq->user)));
		cJSON_AddItemToArray(val, cJSON_CreateString(
		    "system:authenticated"));
	}
	variables = cJSON_CreateObject();
	nsobj = rq->ns != NULL ? sim_db_get(db, "/namespaces", NULL, rq->ns) :
	    NULL;
	vars[0] = (struct sim_cel_var){ "object", rq->object };
	vars[1] = (struct sim_cel_var){ "oldObject", rq->old };
	vars[2] = (struct sim_cel_var){ "params", param != NULL ?
	    param->json : NULL };
	vars[3] = (struct sim_cel_var){ "request", request };
	vars[4] = (struct sim_cel_var){ "namespaceObject", nsobj != NULL ?
	    nsobj->json : NULL };
	vars[5] = (struct sim_cel_var){ "variables", variables };

	/* matchConditions: any false skips the policy; an error is
	 * failurePolicy's. */
	cJSON_ArrayForEach(e, J(spec, "matchConditions")) {
		r = run(pname, S(e, "expression"), vars, 6, NULL, &why);
		if (r == 0)
			goto out;
		if (r < 0)
			goto error;
	}
	/* Variables in order; a failing one is left out (a later
	 * reference to it errs). */
	cJSON_ArrayForEach(e, J(spec, "variables")) {
		val = NULL;
		if (S(e, "name") == NULL)
			continue;
		if (run(pname, S(e, "expression"), vars, 6, &val, &why) == 1)
			cJSON_AddItemToObject(variables, S(e, "name"), val);
		else {
			free(why);
			why = NULL;
		}
	}
	cJSON_ArrayForEach(e, J(spec, "validations")) {
		r = run(pname, S(e, "expression"), vars, 6, NULL, &why);
		if (r < 0)
			goto error;
		if (r == 0) {
			vd->deny = 1;
			vd->message = failed_message(pname, e, vars, 6);
			vd->reason = scs_xstrdup(S(e, "reason") != NULL ?
			    S(e, "reason") : "Invalid");
			goto out;
		}
	}
	goto out;
error:
	if (fail_closed(policy)) {
		vd->deny = 1;
		vd->message = why;
		why = NULL;
	}
out:
	free(why);
	cJSON_Delete(variables);
	cJSON_Delete(request);
}

static struct scs_api_error *
denial(const struct sim_vap_req *rq, const char *policy,
    const char *binding, const struct verdict *vd)
{
	struct scs_api_error	*e = scs_xcalloc(1, sizeof *e);
	const char		*reason = vd->reason != NULL ? vd->reason :
				    "Forbidden";
	char			*what;
	char			 res[200];

	if (rq->group[0] != '\0')
		snprintf(res, sizeof res, "%s.%s", rq->resource, rq->group);
	else
		snprintf(res, sizeof res, "%s", rq->resource);
	what = scs_xprintf("ValidatingAdmissionPolicy '%s' with binding '%s' "
	    "denied request: %s", policy, binding, vd->message);
	e->details_name = scs_xstrdup(rq->name != NULL ? rq->name : "");
	if (strcmp(reason, "Invalid") == 0) {
		e->code = 422;
		e->details_kind = scs_xstrdup(rq->kind);
		e->message = scs_xprintf("%s.%s \"%s\" is invalid: : %s",
		    rq->kind, rq->group, e->details_name, what);
		e->causes = scs_xcalloc(1, sizeof *e->causes);
		e->ncauses = 1;
		e->causes[0].reason = scs_xstrdup("FieldValueInvalid");
		e->causes[0].message = what;
		e->causes[0].field = scs_xstrdup("");
		what = NULL;
	} else if (strcmp(reason, "Unauthorized") == 0) {
		e->code = 401;
		e->message = what;
		what = NULL;
	} else if (strcmp(reason, "RequestEntityTooLarge") == 0) {
		e->code = 413;
		e->message = what;
		what = NULL;
	} else {
		reason = "Forbidden";
		e->code = 403;
		e->details_kind = scs_xstrdup(rq->resource);
		e->message = scs_xprintf("%s \"%s\" is forbidden: %s", res,
		    e->details_name, what);
	}
	e->reason = scs_xstrdup(reason);
	free(what);
	return (e);
}

struct walk {
	struct sim_db			*db;
	const struct sim_vap_req	*rq;
	struct scs_api_error		*err;
	char				***warnings;
};

static int
each_binding(const struct sim_obj *b, void *arg)
{
	struct walk		*w = arg;
	const struct sim_obj	*p;
	const char		*pname = S(J(b->json, "spec"), "policyName");
	struct verdict		 vd = { 0, NULL, NULL, 0 };
	const cJSON		*acts = J(J(b->json, "spec"),
				    "validationActions");

	if (pname == NULL || (p = sim_db_get(w->db, VAP_RES, NULL, pname)) ==
	    NULL)
		return (0);
	if (!resources_match(w->db, J(J(p->json, "spec"), "matchConstraints"),
	    w->rq) || !resources_match(w->db, J(J(b->json, "spec"),
	    "matchResources"), w->rq))
		return (0);
	evaluate(w->db, p->json, b->json, w->rq, &vd);
	if (vd.deny && list_has(acts, "Warn") && !list_has(acts, "Deny"))
		sim_warn(w->warnings, scs_xprintf("Validation failed for "
		    "ValidatingAdmissionPolicy '%s' with binding '%s': %s",
		    pname, b->name, vd.message));
	else if (vd.deny && list_has(acts, "Deny"))
		w->err = denial(w->rq, pname, b->name, &vd);
	free(vd.message);
	free(vd.reason);
	return (w->err != NULL);
}

int
sim_vap_admit(struct sim_db *db, const struct sim_vap_req *rq,
    struct scs_api_error **err, char ***warnings)
{
	struct walk	w = { db, rq, NULL, warnings };

	*err = NULL;
	/* Policies do not police themselves (the apiserver exempts its
	 * own admission configuration). */
	if (strcmp(rq->group, "admissionregistration.k8s.io") == 0)
		return (0);
	sim_db_foreach(db, BINDING_RES, NULL, each_binding, &w);
	*err = w.err;
	return (w.err != NULL ? -1 : 0);
}

/* Expressions of one list (field "expression" or "messageExpression")
 * that do not parse: causes of a 422. */
static void
check_list(const cJSON *list, const char *path, const char *field,
    struct scs_buf *msg, struct scs_api_error *e)
{
	const cJSON	*it;
	char		*why;
	int		 i = 0;

	cJSON_ArrayForEach(it, list) {
		const char *x = S(it, field);

		why = NULL;
		if (x != NULL && sim_cel_check(x, &why) != SIM_CEL_VALUE &&
		    strncmp(why, "syntax error", 12) == 0) {
			e->causes = scs_xreallocarray(e->causes,
			    e->ncauses + 1, sizeof *e->causes);
			e->causes[e->ncauses].reason =
			    scs_xstrdup("FieldValueInvalid");
			e->causes[e->ncauses].field = scs_xprintf("%s[%d].%s",
			    path, i, field);
			e->causes[e->ncauses].message = scs_xprintf(
			    "Invalid value: \"%s\": compilation failed: %s",
			    x, why);
			scs_buf_printf(msg, "%s%s: %s", e->ncauses > 0 ? ", " :
			    "", e->causes[e->ncauses].field,
			    e->causes[e->ncauses].message);
			e->ncauses++;
		}
		free(why);
		i++;
	}
}

struct scs_api_error *
sim_vap_validate(const cJSON *policy)
{
	const cJSON		*spec = J(policy, "spec");
	struct scs_api_error	*e = scs_xcalloc(1, sizeof *e);
	struct scs_buf		 msg;
	const char		*name = S(J(policy, "metadata"), "name");

	scs_buf_init(&msg, 0);
	check_list(J(spec, "validations"), "spec.validations", "expression",
	    &msg, e);
	check_list(J(spec, "validations"), "spec.validations",
	    "messageExpression", &msg, e);
	check_list(J(spec, "matchConditions"), "spec.matchConditions",
	    "expression", &msg, e);
	check_list(J(spec, "variables"), "spec.variables", "expression",
	    &msg, e);
	if (e->ncauses == 0) {
		scs_buf_done(&msg);
		scs_api_error_free(e);
		return (NULL);
	}
	e->code = 422;
	e->reason = scs_xstrdup("Invalid");
	e->details_name = scs_xstrdup(name != NULL ? name : "");
	e->details_kind = scs_xstrdup("ValidatingAdmissionPolicy");
	e->message = scs_xprintf("ValidatingAdmissionPolicy.admissionregistration"
	    ".k8s.io \"%s\" is invalid: [%s]", e->details_name, msg.data);
	scs_buf_done(&msg);
	return (e);
}
