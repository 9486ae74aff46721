/*
 * trace.c: a Central API claim (or any Crossplane composite) the way
 * `crossplane beta trace` shows it (DOMAIN.md 8): the claim, the
 * composite its spec.resourceRef names, the composed resources the
 * composite's spec.resourceRefs list, recursively for nested composites;
 * each with SYNCED, READY and STATUS (the failing condition's reason and
 * message). Live: every object on the trace has a small store of its own
 * (field selector on its name, kind found through discovery), so a
 * change, a deletion or a new ref shows as the watch tells it.
 *
 * Keys (scope trace): j/k move; Enter/d describe the object on the line,
 * y its YAML; c shows its conditions under it, A those of every object;
 * C-d deletes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "tui.h"

#define TRACE_MAXOBJS	48	/* objects followed (stores) */
#define TRACE_DEPTH	8	/* nested composites */

/* One object on the trace and its store. */
struct trace_obj {
	char			*key;	/* "group/Kind/ns/name" */
	const struct scs_resource *res;	/* NULL: the kind is not served */
	char			*ns;	/* "" when cluster-scoped */
	char			*name;
	struct scs_store	*store;
};

struct trace {
	struct lview		 lv;	/* lines: list.v[i].node indexes objs */
	struct scs_api		*api;
	struct trace_obj	 objs[TRACE_MAXOBJS];
	size_t			 nobjs;
	char			*expanded;	/* key with conditions shown */
	int			 all_conditions;	/* of every object */
};

/* The object (group, kind, ns, name) on the trace: its index, the store
 * started on first sight; -1 when the trace is full. */
static int
trace_obj(struct trace *t, const char *group, const char *kind,
    const char *ns, const char *name)
{
	struct trace_obj		*o;
	struct scs_store_opts		 opts;
	char				*key, *fsel;
	size_t				 i;

	key = scs_xprintf("%s/%s/%s/%s", group, kind, ns, name);
	for (i = 0; i < t->nobjs; i++) {
		if (strcmp(t->objs[i].key, key) == 0) {
			free(key);
			return ((int)i);
		}
	}
	if (t->nobjs == TRACE_MAXOBJS) {
		free(key);
		return (-1);
	}
	o = &t->objs[t->nobjs];
	o->key = key;
	o->res = scs_discovery_kind(scs_api_discovery(t->api), group, kind);
	o->ns = scs_xstrdup(o->res != NULL && o->res->namespaced ? ns : "");
	o->name = scs_xstrdup(name);
	o->store = NULL;
	if (o->res != NULL && (o->res->verbs & SCS_VERB_LIST) != 0) {
		memset(&opts, 0, sizeof opts);
		fsel = scs_xprintf("metadata.name=%s", name);
		opts.field_selector = fsel;
		opts.keep_objects = 1;
		o->store = lview_watch(&t->lv, scs_store_new_opts(t->api,
		    o->res, o->ns, &opts), 0);
		free(fsel);
	}
	return ((int)t->nobjs++);
}

/* What the line of an object says when there is no object to show. */
static const char *
trace_missing(const struct trace_obj *o, enum scs_health *h)
{
	const char		*msg;
	enum scs_store_state	 st;

	*h = SCS_HEALTH_UNKNOWN;
	if (o->res == NULL)
		return ("kind not served by this server");
	if (o->store == NULL)
		return ("may not be listed");
	st = scs_store_state(o->store, &msg);
	switch (st) {
	case SCS_STORE_LOADING:
		return ("loading\u2026");
	case SCS_STORE_FORBIDDEN:
		return (*msg != '\0' ? msg : "forbidden");
	case SCS_STORE_SYNCED:
	case SCS_STORE_RESYNCING:
		*h = SCS_HEALTH_ERROR;
		return ("NotFound: the object is gone");
	case SCS_STORE_BACKOFF:
	case SCS_STORE_ERROR:
		break;
	}
	return (*msg != '\0' ? msg : scs_store_state_name(st));
}

/* STATUS as crossplane trace says it: the reason (and message) of Synced
 * when it is not True, else of Ready. */
static void
trace_status(const cJSON *obj, char *buf, size_t len)
{
	const cJSON	*c = scs_condition(obj, "Synced");
	const char	*reason, *msg;

	if (c == NULL || scs_streq(cJSON_GetStringValue(J(c, "status")),
	    "True"))
		c = scs_condition(obj, "Ready");
	if (c == NULL) {
		scs_strlcpy(buf, "-", len);
		return;
	}
	reason = cJSON_GetStringValue(J(c, "reason"));
	msg = cJSON_GetStringValue(J(c, "message"));
	snprintf(buf, len, "%s%s%s", reason != NULL ? reason : "-",
	    msg != NULL && *msg != '\0' ? ": " : "", msg != NULL ? msg : "");
}

/* A ref (apiVersion or apiGroup, kind, name, namespace) under an object
 * in namespace ns: its line and what hangs under it. */
static void	trace_node(struct trace *, int, const char *, int, int);

static void
trace_ref(struct trace *t, const cJSON *ref, const char *ns,
    const char *prefix, int last, int depth)
{
	const char	*kind = cJSON_GetStringValue(J(ref, "kind"));
	const char	*name = cJSON_GetStringValue(J(ref, "name"));
	const char	*rns = cJSON_GetStringValue(J(ref, "namespace"));
	char		 group[128], p[256];
	int		 i;

	if (kind == NULL || name == NULL)
		return;
	scs_ref_group(ref, group, sizeof group);
	snprintf(p, sizeof p, "%s%s", prefix, last ? "\u2514\u2500 " :
	    "\u251c\u2500 ");
	if ((i = trace_obj(t, group, kind, rns != NULL ? rns : ns, name)) < 0) {
		list_add(&t->lv.list, ROLE_MUTED, NULL, "%s%s/%s\t(too many "
		    "objects to follow)", p, kind, name);
		return;
	}
	trace_node(t, i, p, last, depth);
}

/* Object i's object (NULL when there is none to show), health, SYNCED,
 * READY and STATUS. */
static const cJSON *
trace_state(struct trace *t, int i, enum scs_health *h, const char **synced,
    const char **ready, char *status, size_t len)
{
	const struct trace_obj	*o = &t->objs[i];
	const struct scs_record	*r = NULL;
	const char		*p;

	*synced = *ready = "-";
	if (o->store != NULL)
		r = scs_index_find(scs_store_index(o->store), o->ns, o->name);
	if (r == NULL || r->obj == NULL) {
		scs_strlcpy(status, trace_missing(o, h), len);
		return (NULL);
	}
	*h = r->health;
	trace_status(r->obj, status, len);
	if ((p = scs_condition_status(r->obj, "Synced")) != NULL)
		*synced = p;
	if ((p = scs_condition_status(r->obj, "Ready")) != NULL)
		*ready = p;
	return (r->obj);
}

/* Object i on a line behind prefix (the branch drawn), then its refs. */
static void
trace_node(struct trace *t, int i, const char *prefix, int last, int depth)
{
	const struct trace_obj	*o = &t->objs[i];
	const cJSON		*obj, *ref, *refs;
	const char		*kind, *ns, *synced, *ready;
	enum scs_health		 h;
	char			 status[1024], sub[256], where[300];
	struct list_line	*l;
	size_t			 plen;
	int			 n, k;

	obj = trace_state(t, i, &h, &synced, &ready, status, sizeof status);
	kind = o->res != NULL ? o->res->kind : strchr(o->key, '/') + 1;
	snprintf(where, sizeof where, "%s%s%s", *o->ns != '\0' ? " (" : "",
	    o->ns, *o->ns != '\0' ? ")" : "");
	n = (int)(strcspn(kind, "/"));
	l = list_add(&t->lv.list, screen_health_role(h), NULL,
	    "%s%s %.*s/%s%s\t%-6s %-5s %s", prefix, screen_health_glyph(h), n,
	    kind, o->name, where, synced, ready, status);
	l->node = i;
	if (obj == NULL)
		return;
	/* Below: the branch of this line continues or ends. */
	plen = strlen(prefix);
	if (plen >= sizeof sub)
		plen = sizeof sub - 1;
	if (depth == 0)
		sub[0] = '\0';
	else {
		/* prefix ends in a branch ("├─ " or "└─ "): keep what is
		 * before it, then a bar or blanks. */
		k = (int)plen - (int)strlen("\u2514\u2500 ");
		snprintf(sub, sizeof sub, "%.*s%s", k < 0 ? 0 : k, prefix,
		    last ? "   " : "\u2502  ");
	}
	if (t->all_conditions || scs_streq(t->expanded, o->key))
		list_add_conditions(&t->lv.list, scs_jpath(obj,
		    "status.conditions"), draw_width(sub) + 2);
	if (depth >= TRACE_DEPTH)
		return;
	ns = o->ns;
	ref = scs_jpath(obj, "spec.resourceRef");
	refs = scs_jpath(obj, "spec.resourceRefs");
	n = cJSON_GetArraySize(refs);
	if (ref != NULL)
		trace_ref(t, ref, ns, sub, n == 0, depth + 1);
	k = 0;
	cJSON_ArrayForEach(ref, refs)
		trace_ref(t, ref, ns, sub, ++k == n, depth + 1);
}

static void
trace_rebuild(struct trace *t)
{
	const struct list_line	*l = list_current(&t->lv.list);
	int			 keep = l != NULL ? l->node : -1;
	size_t			 i, cur = t->lv.list.cur;

	list_clear(&t->lv.list);
	trace_node(t, 0, "", 1, 0);
	/* The cursor stays on its object when it is still there. */
	t->lv.list.cur = cur;
	for (i = 0; keep >= 0 && i < t->lv.list.n; i++) {
		if (t->lv.list.v[i].node == keep) {
			t->lv.list.cur = i;
			break;
		}
	}
}

static void
trace_draw(struct view *v, int y, int rows)
{
	struct trace		*t = v->data;
	const struct trace_obj	*root = &t->objs[0];
	const struct list_line	*l;
	char			 title[4096], buf[2048];
	int			 foot = rows > 12 ? 2 : 0;

	if (lview_due(&t->lv))
		trace_rebuild(t);
	/* Qualified: claims keep the kinds of what they compose. */
	if (root->res != NULL)
		snprintf(buf, sizeof buf, "%s%s%s", root->res->name,
		    *root->res->group != '\0' ? "." : "", root->res->group);
	else
		scs_strlcpy(buf, root->key, sizeof buf);
	snprintf(title, sizeof title, " trace %s %s%s%s (%s) ", root->res !=
	    NULL ? root->res->kind : "", root->ns, *root->ns != '\0' ? "/" :
	    "", root->name, buf);
	view_title(y, "%s", title);
	list_draw(&t->lv.list, y + 1, rows - 1 - foot, "NAME\tSYNCED READY "
	    "STATUS");
	if (foot == 0)
		return;
	/* The selected line's whole status: the column is short at 80. */
	l = list_current(&t->lv.list);
	if (l == NULL || l->node < 0)
		draw_note(y + rows - 2, 2, NULL, ROLE_NORMAL);
	else {
		const struct trace_obj	*o = &t->objs[l->node];
		const char		*synced, *ready;
		enum scs_health		 h;

		trace_state(t, l->node, &h, &synced, &ready, buf, sizeof buf);
		snprintf(title, sizeof title, "%s/%s: %s", o->res != NULL ?
		    o->res->kind : "?", o->name, buf);
		draw_note(y + rows - 2, 2, title, screen_health_role(h));
	}
}

/* Changes go through the app's context: an object of another says so
 * (1). */
static int
trace_elsewhere(struct trace *t)
{
	if (t->api == t->lv.app->api)
		return (0);
	app_message(t->lv.app, 1, "this object is in another context");
	return (1);
}

static int
trace_action(struct view *v, enum action act)
{
	struct trace		*t = v->data;
	const struct list_line	*l = list_current(&t->lv.list);
	const struct trace_obj	*o;

	if (list_action(&t->lv.list, act))
		return (VIEW_HANDLED);
	switch (act) {
	case ACTION_CONDITIONS_ALL:
		lview_conditions(&t->lv, act, NULL, &t->expanded,
		    &t->all_conditions);
		return (VIEW_HANDLED);
	case ACTION_OPEN:
	case ACTION_DESCRIBE:
	case ACTION_YAML:
	case ACTION_CONDITIONS:
	case ACTION_DELETE:
	case ACTION_LABEL:
	case ACTION_ANNOTATE:
	case ACTION_EDIT_YAML:
		break;
	default:
		return (0);
	}
	if (l == NULL || l->node < 0 || (o = &t->objs[l->node])->res == NULL) {
		app_message(t->lv.app, 0, "no object on this line");
		return (VIEW_HANDLED);
	}
	switch (act) {
	case ACTION_CONDITIONS:
		lview_conditions(&t->lv, act, o->key, &t->expanded,
		    &t->all_conditions);
		break;
	case ACTION_DELETE:
		if (trace_elsewhere(t))
			break;
		app_delete_ask(t->lv.app, o->res, o->ns, o->name);
		break;
	case ACTION_LABEL:
	case ACTION_ANNOTATE:
		app_meta_ask(t->lv.app, act == ACTION_ANNOTATE, o->res, o->ns,
		    o->name);
		break;
	case ACTION_EDIT_YAML:
		if (trace_elsewhere(t))
			break;
		edit_object(t->lv.app, o->res, o->ns, o->name);
		break;
	default:
		view_push(t->lv.app, detail_view_api(t->lv.app, t->api, o->res,
		    o->ns, o->name, act == ACTION_YAML));
		break;
	}
	return (VIEW_HANDLED);
}

static int
trace_busy(struct view *v)
{
	struct trace	*t = v->data;

	return (lview_busy(&t->lv));
}

static void
trace_free(struct view *v)
{
	struct trace	*t = v->data;
	size_t		 i;

	lview_done(&t->lv);
	for (i = 0; i < t->nobjs; i++) {
		free(t->objs[i].key);
		free(t->objs[i].ns);
		free(t->objs[i].name);
	}
	free(t->expanded);
	free(t);
}

static int
trace_object(struct view *v, struct view_object *o)
{
	struct trace		*t = v->data;
	const struct list_line	*l = list_current(&t->lv.list);
	const struct trace_obj	*x;

	if (l == NULL || l->node < 0 || (size_t)l->node >= t->nobjs ||
	    (x = &t->objs[l->node])->res == NULL)
		return (-1);
	o->res = x->res;
	o->ns = x->ns != NULL ? x->ns : "";
	o->name = x->name;
	o->cluster = NULL;
	o->api = t->api;
	return (0);
}

static const struct view_ops trace_ops = {
	.kind = "trace",
	.draw = trace_draw,
	.scope = lview_scope,
	.action = trace_action,
	.busy = trace_busy,
	.free = trace_free,
	.click = lview_click,
	.object = trace_object,
};

struct view *
trace_view(struct app *a, const struct scs_resource *res, const char *ns,
    const char *name)
{
	struct trace	*t = scs_xcalloc(1, sizeof *t);
	struct view	*v;

	lview_init(&t->lv, a, SCOPE_TRACE);
	t->api = a->api;
	t->lv.list.cursor = 1;
	trace_obj(t, res->group, res->kind, ns != NULL ? ns : "", name);
	v = view_new(a, &trace_ops, t, "trace %s", name);
	v->api = t->api;
	return (v);
}
