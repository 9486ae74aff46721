/*
 * pins.c: provider rules. The pins view (:pins [NS]) lists the pins of a
 * tenant namespace (the ConfigMap scs-pins, pins.h) and whether the
 * shipped policy enforces them; pin and unpin (:pin NS KEY VALUE, :unpin
 * NS KEY, or a and D in the view) check the value against the variable's
 * schema in the namespace's ClusterClasses, show the ConfigMap as it will
 * be, run a server dry run and ask y before writing. When the policy is
 * missing, I installs share/policies/scs-pins.yaml the same way (the
 * right to is asked with a SelfSubjectAccessReview first). The policies
 * view (:policies) lists every ValidatingAdmissionPolicy and binding that
 * matches Clusters, with expressions and messages.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/pins.h"
#include "scs/schema.h"
#include "scs/util.h"
#include "scs/yaml.h"
#include "tui.h"

#define S(o, k)	cJSON_GetStringValue(J((o), (k)))

#define ADM	"admissionregistration.k8s.io"
#define POLICY_MAX	65536

enum step {
	STEP_NONE,
	STEP_WAIT,		/* for the ConfigMap and the classes */
	STEP_DRY,		/* the server dry run */
	STEP_ASK,		/* y/N */
	STEP_APPLY,
	STEP_FAILED		/* shown until the next change */
};

struct pins {
	struct app		*app;
	char			*ns;
	int			 policies_only;	/* the :policies view */
	struct list		 list;

	struct scs_api_call	*cm_call, *vap_call, *vapb_call, *cc_call;
	struct scs_api_call	*ssar_call, *write_call;
	int			 cm_loaded, cc_loaded;
	cJSON			*cm;		/* NULL: no pins */
	char			*cm_error;
	cJSON			*policies, *bindings;	/* items */
	char			*policy_error;
	cJSON			*defs;		/* the classes' variables */
	int			 may_install;	/* -1 unknown */

	/* The change being made. */
	enum step		 step;
	int			 install;	/* the policy, not a pin */
	char			*key;
	char			*input;		/* as typed; NULL: unpin */
	char			*value;		/* as stored */
	cJSON			*docs;		/* install: the documents */
	size_t			 doc;		/* the one being written */
	char			*preview;	/* YAML */
	char			*outcome;	/* dry run / apply result */
	int			 outcome_error;
};

static void	pins_load(struct pins *);
static void	step_next(struct pins *);
static void	send_change(struct pins *, unsigned);

static void
change_clear(struct pins *p)
{
	p->step = STEP_NONE;
	p->install = 0;
	free(p->key);
	free(p->input);
	free(p->value);
	free(p->preview);
	free(p->outcome);
	cJSON_Delete(p->docs);
	p->key = p->input = p->value = p->preview = p->outcome = NULL;
	p->docs = NULL;
	p->doc = 0;
	p->outcome_error = 0;
}

static void SCS_PRINTF(3, 4)
outcome(struct pins *p, int error, const char *fmt, ...)
{
	va_list	ap;

	free(p->outcome);
	va_start(ap, fmt);
	scs_xvasprintf(&p->outcome, fmt, ap);
	va_end(ap);
	p->outcome_error = error;
	p->app->dirty = 1;
}

/* The definition of variable name in the namespace's classes. */
static const cJSON *
var_schema(const struct pins *p, const char *name)
{
	const cJSON	*d;

	cJSON_ArrayForEach(d, p->defs) {
		if (scs_streq(S(d, "name"), name))
			return (J(J(d, "schema"), "openAPIV3Schema"));
	}
	return (NULL);
}

static void
lines_of(struct pins *p, const char *text, enum role role)
{
	const char	*s = text, *nl;

	while (s != NULL && *s != '\0') {
		nl = strchr(s, '\n');
		list_add(&p->list, role, NULL, "    %.*s", nl != NULL ?
		    (int)(nl - s) : (int)strlen(s), s);
		s = nl != NULL ? nl + 1 : NULL;
	}
}

static void
rebuild_pins(struct pins *p)
{
	const char	*why = NULL, *desc;
	struct scs_pin	 pin;
	size_t		 i, n;
	struct link	 link = { LINK_PIN, NULL, NULL, NULL, NULL };

	if (p->policy_error != NULL)
		list_add(&p->list, ROLE_WARN, NULL, "? policy: %s: whether "
		    "the pins are enforced is not known", p->policy_error);
	else if (p->vap_call != NULL || p->vapb_call != NULL)
		list_add(&p->list, ROLE_MUTED, NULL, "policy: loading\u2026");
	else if (scs_pins_policy_state(p->policies, p->bindings, &why))
		list_add(&p->list, ROLE_OK, NULL, "\u2714 policy: %s is in "
		    "force: Clusters of %s that change a pin are denied",
		    SCS_PINS_POLICY, p->ns);
	else {
		list_add(&p->list, ROLE_ERROR, NULL, "\u2716 policy: %s: the "
		    "pins below are not enforced", why);
		if (p->may_install == 1)
			list_add(&p->list, ROLE_NORMAL, NULL, "  %s installs "
			    "share/policies/scs-pins.yaml (preview, server dry "
			    "run, then asks)", app_key_name(p->app,
			    ACTION_INSTALL_POLICY, SCOPE_PINS));
		else if (p->may_install == 0)
			list_add(&p->list, ROLE_MUTED, NULL, "  you may not "
			    "create ValidatingAdmissionPolicies: a cluster "
			    "admin installs share/policies/scs-pins.yaml");
	}
	list_add(&p->list, ROLE_NORMAL, NULL, "%s", "");
	list_add(&p->list, ROLE_TITLE, NULL, "Pins (ConfigMap %s/%s)", p->ns,
	    SCS_PINS_CONFIGMAP);
	if (!p->cm_loaded)
		list_add(&p->list, ROLE_MUTED, NULL, "  loading\u2026");
	else if (p->cm_error != NULL)
		list_add(&p->list, ROLE_ERROR, NULL, "  %s", p->cm_error);
	n = scs_pins_count(p->cm);
	for (i = 0; i < n; i++) {
		scs_pins_at(p->cm, i, &pin);
		desc = pin.variable != NULL ? S(var_schema(p, pin.variable),
		    "description") : "spec.topology.version";
		link.ns = p->ns;
		link.name = pin.key;
		list_add(&p->list, ROLE_NORMAL, &link, "  %s\t%-16s %s",
		    pin.key, pin.value, desc != NULL ? desc : p->cc_loaded &&
		    pin.variable != NULL ? "(no class here has it)" : "");
	}
	if (p->cm_loaded && p->cm_error == NULL && n == 0)
		list_add(&p->list, ROLE_MUTED, NULL, "  none: tenants choose "
		    "every value (%s pins one)", app_key_name(p->app,
		    ACTION_PIN, SCOPE_PINS));
	if (p->step == STEP_NONE)
		return;
	list_add(&p->list, ROLE_NORMAL, NULL, "%s", "");
	if (p->install)
		list_add(&p->list, ROLE_TITLE, NULL, "Installing the policy "
		    "and binding %s", SCS_PINS_POLICY);
	else if (p->input != NULL)
		list_add(&p->list, ROLE_TITLE, NULL, "Pinning %s = %s", p->key,
		    p->value != NULL ? p->value : p->input);
	else
		list_add(&p->list, ROLE_TITLE, NULL, "Unpinning %s", p->key);
	if (p->outcome != NULL)
		list_add(&p->list, p->outcome_error ? ROLE_ERROR : ROLE_OK,
		    NULL, "  %s", p->outcome);
	if (p->preview != NULL) {
		list_add(&p->list, ROLE_MUTED, NULL, "  %s:", p->install ?
		    "what is sent" : "the ConfigMap after");
		lines_of(p, p->preview, ROLE_NORMAL);
	}
}

/* Does a policy's matchConstraints take Clusters? */
static int
matches_clusters(const cJSON *pol)
{
	const cJSON	*r, *x;
	int		 g, res;

	cJSON_ArrayForEach(r, J(J(J(pol, "spec"), "matchConstraints"),
	    "resourceRules")) {
		g = res = 0;
		cJSON_ArrayForEach(x, J(r, "apiGroups"))
			g |= scs_streq(x->valuestring, "*") ||
			    scs_streq(x->valuestring, "cluster.x-k8s.io");
		cJSON_ArrayForEach(x, J(r, "resources"))
			res |= scs_streq(x->valuestring, "*") ||
			    scs_streq(x->valuestring, "clusters") ||
			    scs_streq(x->valuestring, "*/*");
		if (g && res)
			return (1);
	}
	return (0);
}

static void
expr_lines(struct pins *p, const char *what, const char *expr)
{
	char	*t, *c;
	size_t	 width, n;

	if (expr == NULL)
		return;
	/* Folded text's newlines are blanks; long text is wrapped at
	 * blanks to the screen's width. */
	t = scs_xstrdup(expr);
	for (c = t; *c != '\0'; c++)
		if (*c == '\n')
			*c = ' ';
	width = COLS - 20 > 30 ? (size_t)COLS - 20 : 30;
	for (c = t; *c != '\0'; c += n) {
		n = strlen(c);
		if (n > width) {
			for (n = width; n > width / 2 && c[n] != ' '; n--)
				;
			if (c[n] != ' ')
				n = width;
		}
		list_add(&p->list, ROLE_NORMAL, NULL, "    %s\t%.*s",
		    c == t ? what : "", (int)n, c);
		while (c[n] == ' ')
			n++;
	}
	free(t);
}

static void
rebuild_policies(struct pins *p)
{
	const cJSON	*pol, *v, *b, *a;
	const char	*name;
	size_t		 n = 0;
	char		 acts[64];

	if (p->policy_error != NULL) {
		list_add(&p->list, ROLE_ERROR, NULL, "%s", p->policy_error);
		return;
	}
	if (p->vap_call != NULL || p->vapb_call != NULL) {
		list_add(&p->list, ROLE_MUTED, NULL, "loading\u2026");
		return;
	}
	cJSON_ArrayForEach(pol, p->policies) {
		if (!matches_clusters(pol))
			continue;
		n++;
		name = S(J(pol, "metadata"), "name");
		list_add(&p->list, ROLE_TITLE, NULL, "%s\tfailurePolicy %s%s%s",
		    name != NULL ? name : "?", S(J(pol, "spec"),
		    "failurePolicy") != NULL ? S(J(pol, "spec"),
		    "failurePolicy") : "Fail", S(J(J(pol, "spec"),
		    "paramKind"), "kind") != NULL ? ", params " : "",
		    S(J(J(pol, "spec"), "paramKind"), "kind") != NULL ?
		    S(J(J(pol, "spec"), "paramKind"), "kind") : "");
		cJSON_ArrayForEach(v, J(J(pol, "spec"), "matchConditions"))
			expr_lines(p, "match", S(v, "expression"));
		cJSON_ArrayForEach(v, J(J(pol, "spec"), "variables"))
			expr_lines(p, S(v, "name") != NULL ? S(v, "name") :
			    "variable", S(v, "expression"));
		cJSON_ArrayForEach(v, J(J(pol, "spec"), "validations")) {
			expr_lines(p, "validate", S(v, "expression"));
			expr_lines(p, "message", S(v, "message"));
			expr_lines(p, "message=", S(v, "messageExpression"));
		}
		cJSON_ArrayForEach(b, p->bindings) {
			if (!scs_streq(S(J(b, "spec"), "policyName"), name))
				continue;
			acts[0] = '\0';
			cJSON_ArrayForEach(a, J(J(b, "spec"),
			    "validationActions")) {
				if (cJSON_IsString(a) && strlen(acts) +
				    strlen(a->valuestring) + 2 < sizeof acts)
					snprintf(acts + strlen(acts),
					    sizeof acts - strlen(acts), "%s%s",
					    acts[0] != '\0' ? "," : "",
					    a->valuestring);
			}
			list_add(&p->list, ROLE_OK, NULL, "    binding\t%s: %s%s%s",
			    S(J(b, "metadata"), "name") != NULL ?
			    S(J(b, "metadata"), "name") : "?", acts,
			    S(J(J(b, "spec"), "paramRef"), "name") != NULL ?
			    ", params " : "", S(J(J(b, "spec"), "paramRef"),
			    "name") != NULL ? S(J(J(b, "spec"), "paramRef"),
			    "name") : "");
		}
		list_add(&p->list, ROLE_NORMAL, NULL, "%s", "");
	}
	if (n == 0)
		list_add(&p->list, ROLE_MUTED, NULL, "no ValidatingAdmission"
		    "Policy matches Clusters");
}

static void
pins_draw(struct view *v, int y, int rows)
{
	struct pins	*p = v->data;

	const struct list_line	*l = list_current(&p->list);
	struct link		 keep = { LINK_NONE, NULL, NULL, NULL, NULL };
	size_t			 i;

	if (l != NULL)
		link_copy(&keep, &l->link);

	list_clear(&p->list);
	if (p->policies_only) {
		rebuild_policies(p);
		view_title(y, " admission policies for Clusters ");
	} else {
		rebuild_pins(p);
		view_title(y, " pins of %s ", p->ns);
	}
	/* The cursor stays on its pin, else goes to the first one. */
	list_keep(&p->list, &keep);
	link_clear(&keep);
	l = list_current(&p->list);
	for (i = 0; (l == NULL || l->link.kind != LINK_PIN) &&
	    i < p->list.n; i++) {
		if (p->list.v[i].link.kind == LINK_PIN) {
			p->list.cur = i;
			break;
		}
	}
	list_draw(&p->list, y + 1, rows - 1, NULL);
}

static enum scope
pins_scope(struct view *v)
{
	struct pins	*p = v->data;

	return (p->policies_only ? SCOPE_POLICIES : SCOPE_PINS);
}

/* --- writing --------------------------------------------------------- */

static void
on_written(const struct scs_api_result *r, void *arg)
{
	struct pins	*p = arg;

	p->write_call = NULL;
	if (r->status != SCS_OK) {
		outcome(p, 1, "%s: %s", p->step == STEP_DRY ? "the server "
		    "dry run refused it" : "refused", r->message);
		app_message(p->app, 1, "%s", r->message);
		/* Stays on screen until the next change. */
		p->step = STEP_FAILED;
		p->doc = 0;
		return;
	}
	if (p->install && p->doc + 1 < (size_t)cJSON_GetArraySize(p->docs)) {
		p->doc++;
		send_change(p, p->step == STEP_DRY ? SCS_WRITE_DRY_RUN : 0);
		return;
	}
	p->doc = 0;
	if (p->step == STEP_DRY) {
		p->step = STEP_ASK;
		step_next(p);
		return;
	}
	outcome(p, 0, "done");
	app_message(p->app, 0, "%s", p->install ? "policy scs-pins "
	    "installed" : p->input != NULL ? "pinned" : "unpinned");
	change_clear(p);
	pins_load(p);
}

static void
answered(void *arg, int yes)
{
	struct pins	*p = arg;

	if (!yes) {
		app_message(p->app, 0, "nothing changed");
		change_clear(p);
		return;
	}
	p->step = STEP_APPLY;
	outcome(p, 0, "sending\u2026");
	step_next(p);
}

/* Send the change (dry run or for real). */
static void
send_change(struct pins *p, unsigned flags)
{
	struct app			*a = p->app;
	const struct scs_resource	*res;
	const cJSON			*doc;
	cJSON				*body;

	if (p->install) {
		doc = cJSON_GetArrayItem(p->docs, (int)p->doc);
		res = app_resource(a, ADM, scs_streq(S(doc, "kind"),
		    "ValidatingAdmissionPolicy") ?
		    "validatingadmissionpolicies" :
		    "validatingadmissionpolicybindings");
		if (res == NULL) {
			outcome(p, 1, "this server serves no %s/v1 %s", ADM,
			    S(doc, "kind") != NULL ? S(doc, "kind") : "");
			return;
		}
		p->write_call = scs_api_create(a->api, res, NULL, doc, flags,
		    on_written, p);
		return;
	}
	res = app_resource(a, "", "configmaps");
	if (p->cm == NULL) {
		body = scs_pins_configmap(p->ns, p->key, p->value);
		p->write_call = scs_api_create(a->api, res, p->ns, body, flags,
		    on_written, p);
	} else {
		body = scs_pins_patch(p->key, p->value);
		p->write_call = scs_api_patch(a->api, res, p->ns,
		    SCS_PINS_CONFIGMAP, body, flags, on_written, p);
	}
	cJSON_Delete(body);
}

/* The ConfigMap as the change leaves it, as YAML. */
static void
preview_pin(struct pins *p)
{
	cJSON	*after, *data;
	char	*cause = NULL;

	after = p->cm != NULL ? cJSON_Duplicate(p->cm, 1) :
	    scs_pins_configmap(p->ns, p->key, p->value);
	cJSON_DeleteItemFromObjectCaseSensitive(after, "status");
	if (J(after, "metadata") != NULL)
		cJSON_DeleteItemFromObjectCaseSensitive(J(after, "metadata"),
		    "managedFields");
	if ((data = J(after, "data")) == NULL)
		data = cJSON_AddObjectToObject(after, "data");
	cJSON_DeleteItemFromObjectCaseSensitive(data, p->key);
	if (p->value != NULL)
		cJSON_AddStringToObject(data, p->key, p->value);
	free(p->preview);
	p->preview = scs_yaml_emit(after, 0, NULL, &cause);
	if (p->preview == NULL)
		p->preview = cause;
	else
		free(cause);
	cJSON_Delete(after);
}

static void
step_next(struct pins *p)
{
	struct app	*a = p->app;
	char		*cause = NULL, *q;
	const char	*var;

	switch (p->step) {
	case STEP_NONE:
	case STEP_FAILED:
		return;
	case STEP_WAIT:
		if (p->install) {
			p->step = STEP_DRY;
			outcome(p, 0, "server dry run\u2026");
			send_change(p, SCS_WRITE_DRY_RUN);
			return;
		}
		if (!p->cm_loaded || !p->cc_loaded)
			return;
		if (p->cm_error != NULL) {
			outcome(p, 1, "%s", p->cm_error);
			p->step = STEP_FAILED;
			return;
		}
		if (p->input != NULL) {
			var = strncmp(p->key, SCS_PINS_VARIABLE,
			    strlen(SCS_PINS_VARIABLE)) == 0 ? p->key +
			    strlen(SCS_PINS_VARIABLE) : NULL;
			p->value = scs_pins_text(p->key, var != NULL ?
			    var_schema(p, var) : NULL, p->input, &cause);
			if (p->value == NULL) {
				outcome(p, 1, "%s", cause);
				app_message(a, 1, "%s", cause);
				free(cause);
				p->step = STEP_FAILED;
				return;
			}
		} else if (scs_pins_variable(p->cm, p->key +
		    (strncmp(p->key, SCS_PINS_VARIABLE,
		    strlen(SCS_PINS_VARIABLE)) == 0 ?
		    strlen(SCS_PINS_VARIABLE) : 0)) == NULL &&
		    !(strcmp(p->key, SCS_PINS_VERSION) == 0 &&
		    scs_pins_version(p->cm) != NULL)) {
			outcome(p, 1, "%s is not pinned in %s", p->key, p->ns);
			app_message(a, 1, "%s is not pinned in %s", p->key,
			    p->ns);
			p->step = STEP_FAILED;
			return;
		}
		preview_pin(p);
		p->step = STEP_DRY;
		outcome(p, 0, "server dry run\u2026");
		send_change(p, SCS_WRITE_DRY_RUN);
		return;
	case STEP_DRY:
		return;
	case STEP_ASK:
		outcome(p, 0, "server dry run passed");
		if (p->install)
			q = scs_xprintf("install the ValidatingAdmissionPolicy "
			    "and binding %s? (server dry run passed)",
			    SCS_PINS_POLICY);
		else if (p->value != NULL)
			q = scs_xprintf("pin %s = %s in %s? (server dry run "
			    "passed)", p->key, p->value, p->ns);
		else
			q = scs_xprintf("unpin %s in %s? (server dry run "
			    "passed)", p->key, p->ns);
		app_confirm(a, q, answered, p);
		free(q);
		return;
	case STEP_APPLY:
		send_change(p, 0);
		return;
	}
}

/* --- loading --------------------------------------------------------- */

static void
on_cm(const struct scs_api_result *r, void *arg)
{
	struct pins	*p = arg;

	p->cm_call = NULL;
	p->cm_loaded = 1;
	cJSON_Delete(p->cm);
	p->cm = NULL;
	free(p->cm_error);
	p->cm_error = NULL;
	if (r->status == SCS_OK)
		p->cm = cJSON_Duplicate(r->json, 1);
	else if (r->http_code != 404)
		p->cm_error = scs_xprintf("cannot read the pins: %s",
		    r->message);
	p->app->dirty = 1;
	step_next(p);
}

static void
on_classes(const struct scs_api_result *r, void *arg)
{
	struct pins	*p = arg;
	const cJSON	*cc, *d, *items;
	cJSON		*defs;

	p->cc_call = NULL;
	p->cc_loaded = 1;
	cJSON_Delete(p->defs);
	p->defs = cJSON_CreateArray();
	items = r->status == SCS_OK ? J(r->json, "items") : NULL;
	cJSON_ArrayForEach(cc, items) {
		defs = scs_schema_definitions(cc, NULL);
		cJSON_ArrayForEach(d, defs) {
			if (var_schema(p, S(d, "name")) == NULL)
				cJSON_AddItemToArray(p->defs,
				    cJSON_Duplicate(d, 1));
		}
		cJSON_Delete(defs);
	}
	p->app->dirty = 1;
	step_next(p);
}

static void
on_list(const struct scs_api_result *r, struct pins *p, cJSON **into)
{
	cJSON_Delete(*into);
	*into = NULL;
	if (r->status == SCS_OK)
		*into = cJSON_Duplicate(J(r->json, "items"), 1);
	else if (p->policy_error == NULL)
		p->policy_error = scs_xprintf("cannot read admission "
		    "policies: %s", r->message);
	p->app->dirty = 1;
}

static void
on_vap(const struct scs_api_result *r, void *arg)
{
	struct pins	*p = arg;

	p->vap_call = NULL;
	on_list(r, p, &p->policies);
}

static void
on_vapb(const struct scs_api_result *r, void *arg)
{
	struct pins	*p = arg;

	p->vapb_call = NULL;
	on_list(r, p, &p->bindings);
}

static void
on_ssar(const struct scs_api_result *r, void *arg)
{
	struct pins	*p = arg;

	p->ssar_call = NULL;
	p->may_install = r->status == SCS_OK && cJSON_IsTrue(J(J(r->json,
	    "status"), "allowed"));
	p->app->dirty = 1;
}

static void
pins_load(struct pins *p)
{
	struct app			*a = p->app;
	const struct scs_resource	*vap, *vapb, *cm, *cc;
	struct scs_list_opts		 lo;

	memset(&lo, 0, sizeof lo);
	free(p->policy_error);
	p->policy_error = NULL;
	vap = app_resource(a, ADM, "validatingadmissionpolicies");
	vapb = app_resource(a, ADM, "validatingadmissionpolicybindings");
	if (vap == NULL || vapb == NULL)
		p->policy_error = scs_xstrdup("this server serves no "
		    "ValidatingAdmissionPolicies (admissionregistration.k8s.io"
		    "/v1, Kubernetes 1.30 and later)");
	else if (p->vap_call == NULL && p->vapb_call == NULL) {
		p->vap_call = scs_api_list(a->api, vap, NULL, &lo, on_vap, p);
		p->vapb_call = scs_api_list(a->api, vapb, NULL, &lo, on_vapb,
		    p);
	}
	if (p->policies_only)
		return;
	if ((cm = app_resource(a, "", "configmaps")) != NULL &&
	    p->cm_call == NULL)
		p->cm_call = scs_api_get(a->api, cm, p->ns, SCS_PINS_CONFIGMAP,
		    on_cm, p);
	if ((cc = app_resource(a, "cluster.x-k8s.io", "clusterclasses")) !=
	    NULL && p->cc_call == NULL)
		p->cc_call = scs_api_list(a->api, cc, p->ns, &lo, on_classes,
		    p);
	else if (cc == NULL)
		p->cc_loaded = 1;
	if (p->may_install < 0 && p->ssar_call == NULL)
		p->ssar_call = scs_api_can_i(a->api, "create", ADM,
		    "validatingadmissionpolicies", NULL, on_ssar, p);
}

/* --- changes ---------------------------------------------------------- */

static int
change_busy(struct pins *p)
{
	if (p->step == STEP_NONE || p->step == STEP_FAILED)
		return (0);
	app_message(p->app, 1, "a change is under way");
	return (1);
}

void
pins_change(struct view *v, const char *key, const char *input)
{
	struct pins	*p = v->data;
	char		*cause = NULL;

	if (p->app->readonly) {
		app_message(p->app, 1, "--readonly: pins are not changed");
		return;
	}
	if (change_busy(p))
		return;
	if (scs_pins_key_ok(key, &cause) != 0) {
		app_message(p->app, 1, "%s", cause);
		free(cause);
		return;
	}
	change_clear(p);
	p->key = scs_xstrdup(key);
	p->input = input != NULL ? scs_xstrdup(input) : NULL;
	p->step = STEP_WAIT;
	outcome(p, 0, "reading the pins and the classes\u2026");
	step_next(p);
}

static int
named(const cJSON *items, const char *name)
{
	const cJSON	*it;

	cJSON_ArrayForEach(it, items)
		if (scs_streq(S(J(it, "metadata"), "name"), name))
			return (1);
	return (0);
}

static void
install_ask(struct pins *p)
{
	struct app	*a = p->app;
	char		*path, *text = NULL, *cause = NULL, *y;
	size_t		 len = 0;
	FILE		*f;
	int		 i;
	const cJSON	*d;
	struct scs_buf	 b;

	if (a->readonly) {
		app_message(a, 1, "--readonly: nothing is installed");
		return;
	}
	if (change_busy(p))
		return;
	if (p->may_install == 0) {
		app_message(a, 1, "you may not create "
		    "ValidatingAdmissionPolicies here (SelfSubjectAccessReview "
		    "said no)");
		return;
	}
	path = theme_shipped_file("share/policies/scs-pins.yaml",
	    "policies/scs-pins.yaml");
	if (path == NULL || (f = fopen(path, "r")) == NULL) {
		app_message(a, 1, "the shipped policy scs-pins.yaml is not "
		    "found");
		free(path);
		return;
	}
	free(path);
	text = scs_xmalloc(POLICY_MAX + 1);
	len = fread(text, 1, POLICY_MAX + 1, f);
	fclose(f);
	if (len > POLICY_MAX) {
		app_message(a, 1, "the shipped policy is larger than %d bytes",
		    POLICY_MAX);
		free(text);
		return;
	}
	change_clear(p);
	p->install = 1;
	if ((p->docs = scs_yaml_load(text, len, &cause)) == NULL) {
		app_message(a, 1, "the shipped policy: %s", cause);
		free(cause);
		free(text);
		change_clear(p);
		return;
	}
	free(text);
	/* What is there already stays (a policy without its binding). */
	for (i = cJSON_GetArraySize(p->docs) - 1; i >= 0; i--) {
		d = cJSON_GetArrayItem(p->docs, i);
		if (named(scs_streq(S(d, "kind"), "ValidatingAdmissionPolicy") ?
		    p->policies : p->bindings, S(J(d, "metadata"), "name")))
			cJSON_DeleteItemFromArray(p->docs, i);
	}
	if (cJSON_GetArraySize(p->docs) == 0) {
		app_message(a, 0, "the policy and its binding are there");
		change_clear(p);
		return;
	}
	scs_buf_init(&b, 0);
	scs_buf_adds(&b, "");
	cJSON_ArrayForEach(d, p->docs) {
		if ((y = scs_yaml_emit(d, 0, NULL, NULL)) != NULL) {
			scs_buf_printf(&b, "%s%s", b.len > 0 ? "---\n" : "", y);
			free(y);
		}
	}
	p->preview = scs_buf_steal(&b);
	p->step = STEP_WAIT;
	step_next(p);
}

/* --- the view -------------------------------------------------------- */

static int
pins_action(struct view *v, enum action act)
{
	struct pins		*p = v->data;
	const struct list_line	*l;
	char			*t;

	if (list_action(&p->list, act))
		return (VIEW_HANDLED);
	switch (act) {
	case ACTION_PIN:
		t = scs_xprintf("pin %s ", p->ns);
		app_prompt(p->app, ':', t);
		free(t);
		return (VIEW_HANDLED);
	case ACTION_UNPIN:
		l = list_current(&p->list);
		if (l == NULL || l->link.kind != LINK_PIN) {
			app_message(p->app, 1, "the cursor is not on a pin");
			return (VIEW_HANDLED);
		}
		pins_change(v, l->link.name, NULL);
		return (VIEW_REDRAW);
	case ACTION_INSTALL_POLICY:
		install_ask(p);
		return (VIEW_REDRAW);
	default:
		return (0);
	}
}

static int
pins_busy(struct view *v)
{
	struct pins	*p = v->data;

	return (p->cm_call != NULL || p->vap_call != NULL ||
	    p->vapb_call != NULL || p->cc_call != NULL ||
	    p->ssar_call != NULL || p->write_call != NULL);
}

static void
pins_free(struct view *v)
{
	struct pins		*p = v->data;
	struct scs_api_call	*c[6] = { p->cm_call, p->vap_call,
				    p->vapb_call, p->cc_call, p->ssar_call,
				    p->write_call };
	size_t			 i;

	for (i = 0; i < 6; i++)
		if (c[i] != NULL)
			scs_api_cancel(c[i]);
	if (p->app->confirm_arg == p)
		p->app->confirm_cb = NULL;
	change_clear(p);
	list_clear(&p->list);
	cJSON_Delete(p->cm);
	cJSON_Delete(p->policies);
	cJSON_Delete(p->bindings);
	cJSON_Delete(p->defs);
	free(p->cm_error);
	free(p->policy_error);
	free(p->ns);
	free(p);
}

static void
pins_click(struct view *v, int y)
{
	struct pins	*p = v->data;

	list_click(&p->list, y);
}

static const char *const pins_notes[] = {
	"The pins of a namespace are its ConfigMap scs-pins: variable.NAME",
	"pins a topology variable, kubernetes.version the version; the",
	"ValidatingAdmissionPolicy scs-pins denies Clusters that change them.",
	NULL
};

static const struct view_ops pins_ops = {
	.kind = "pins",
	.draw = pins_draw,
	.scope = pins_scope,
	.action = pins_action,
	.busy = pins_busy,
	.notes = pins_notes,
	.free = pins_free,
	.click = pins_click,
};

int
pins_view_is(const struct view *v, const char *ns)
{
	const struct pins	*p;

	if (v == NULL || v->ops != &pins_ops)
		return (0);
	p = v->data;
	return (!p->policies_only && ns != NULL && strcmp(p->ns, ns) == 0);
}

/* The i-th value schema s offers: enum, booleans, the default. */
static const char *
value_candidate(const cJSON *s, size_t i, char *buf, size_t len)
{
	const cJSON	*e = NULL;
	size_t		 n = (size_t)cJSON_GetArraySize(J(s, "enum"));
	char		*t;

	if (i < n)
		e = cJSON_GetArrayItem(J(s, "enum"), (int)i);
	else if (scs_streq(S(s, "type"), "boolean"))
		return (i - n == 0 ? "true" : i - n == 1 ? "false" : NULL);
	else if (i == n)
		e = J(s, "default");
	if (e == NULL)
		return (NULL);
	if (cJSON_IsString(e))
		return (e->valuestring);
	if ((t = cJSON_PrintUnformatted(e)) == NULL)
		return (NULL);
	scs_strlcpy(buf, t, len);
	free(t);
	return (buf);
}

const char *
pins_candidate(const struct view *v, int unpin, const char *pin, size_t i)
{
	static char		 buf[512];
	const struct pins	*p;
	const cJSON		*d;

	if (v == NULL || v->ops != &pins_ops)
		return (NULL);
	p = v->data;
	if (pin != NULL) {
		if (unpin || strncmp(pin, SCS_PINS_VARIABLE,
		    strlen(SCS_PINS_VARIABLE)) != 0)
			return (NULL);
		return (value_candidate(var_schema(p, pin +
		    strlen(SCS_PINS_VARIABLE)), i, buf, sizeof buf));
	}
	if (unpin) {
		d = cJSON_GetArrayItem(J(p->cm, "data"), (int)i);
		return (d != NULL ? d->string : NULL);
	}
	if (i == 0)
		return (SCS_PINS_VERSION);
	if ((d = cJSON_GetArrayItem(p->defs, (int)i - 1)) == NULL ||
	    S(d, "name") == NULL)
		return (NULL);
	snprintf(buf, sizeof buf, SCS_PINS_VARIABLE "%s", S(d, "name"));
	return (buf);
}

static struct view *
pins_new(struct app *a, const char *ns, int policies_only)
{
	struct pins	*p = scs_xcalloc(1, sizeof *p);

	p->app = a;
	p->ns = scs_xstrdup(ns != NULL ? ns : "");
	p->policies_only = policies_only;
	p->may_install = -1;
	p->list.cursor = 1;
	pins_load(p);
	if (policies_only)
		return (view_new(a, &pins_ops, p, "policies"));
	return (view_new(a, &pins_ops, p, "pins %s", ns));
}

struct view *
pins_view(struct app *a, const char *ns)
{
	return (pins_new(a, ns, 0));
}

struct view *
policies_view(struct app *a)
{
	return (pins_new(a, NULL, 1));
}
