/*
 * tree.c: one cluster, live, the way `clusterctl describe cluster` shows
 * it (core/model-tree.c builds the tree), then its topology (class,
 * version, variables with values and defaults from the class) and its
 * events. Small stores keep it live: the cluster itself (field selector
 * on its name), its events, and by label selector on the cluster name
 * its MachineDeployments and Machines, MachineSets, MachineHealthChecks
 * and MachinePools, and every kind its refs name (the infrastructure
 * cluster, the control plane, infrastructure machines and bootstrap
 * configs), found through discovery so any provider shows as itself.
 *
 * Keys: j/k move; Enter/d describe the object on the line, y its YAML;
 * c shows the conditions of the line's object under it, A those of every
 * object (clusterctl --show-conditions all); g groups or
 * ungroups machines in the same state; C-d deletes the cluster.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/schema.h"
#include "scs/util.h"
#include "tui.h"

#define TREE_MAXKINDS	12

struct tree {
	struct lview		 lv;		/* lines: .node indexes nodes */
	struct scs_api		*api;		/* the cluster's context */
	char			*ctx;		/* its name when not the app's */
	char			*ns;
	char			*name;
	struct scs_store	*cluster;
	struct scs_store	*mds;
	struct scs_store	*machines;
	struct scs_store	*events;
	struct scs_store	*classes;	/* for the upgrade targets */
	struct scs_api_call	*class_call;
	char			*class_name;	/* fetched or in flight */
	cJSON			*class_defs;	/* the class's definitions */

	/* The other kinds of the graph, by "group/Kind". */
	struct scs_store	*kinds[TREE_MAXKINDS];
	char			*kind_keys[TREE_MAXKINDS];
	size_t			 nkinds;

	struct scs_tree_node	*nodes;
	size_t			 nnodes;
	struct scs_tree_opts	 opts;
	char			*expanded;	/* "Kind/name" with conditions */
	int			 all_conditions;	/* of every object */
	int			 built_cols;	/* COLS the lines were made for */
};

static void	tree_rebuild(struct tree *);

/*
 * A node's label in the NAME column: clusterctl's "ClusterInfrastructure -
 * OpenStackCluster/prod-eu1-x8k2", unless the column (at most half the
 * screen) cannot hold it; then the object alone, whose kind and name say
 * more than the role its place in the tree already shows (at 80 columns:
 * "OpenStackCluster/prod-eu1-osc-7wbrl", not "ClusterInfrastructure -
 * OpenStackCl…"). The footnote of the selected line keeps the whole label.
 */
static const char *
node_label(const struct scs_tree_node *n)
{
	if (n->role == 0 ||
	    draw_width(n->prefix) + 2 + draw_width(n->label) <= COLS / 2)
		return (n->label);
	return (n->label + n->role);
}
static struct scs_store *sub_store_res(struct tree *,
		    const struct scs_resource *, const char *, const char *);

static const cJSON *
cluster_obj(struct tree *t)
{
	const struct scs_record	*r;

	if (t->cluster == NULL)
		return (NULL);
	r = scs_index_find(scs_store_index(t->cluster), t->ns, t->name);
	return (r != NULL ? r->obj : NULL);
}

/* Append the objects of a store to v (count *n), for scs_tree_build. */
static const cJSON **
objects(const cJSON **v, size_t *n, struct scs_store *s)
{
	const struct scs_index	*x;
	size_t			 i, k;

	if (s == NULL)
		return (v != NULL ? v : scs_xcalloc(1, sizeof *v));
	x = scs_store_index(s);
	k = scs_index_count(x);
	v = scs_xreallocarray(v, *n + k + 1, sizeof *v);
	for (i = 0; i < k; i++)
		if (scs_index_at(x, i)->obj != NULL)
			v[(*n)++] = scs_index_at(x, i)->obj;
	return (v);
}

/* Watch the cluster's objects of kind in group (once; found through
 * discovery, so any provider's kinds; nothing when not served). */
static void
kind_watch(struct tree *t, const char *group, const char *kind)
{
	const struct scs_resource	*res;
	char				*key, *sel;
	size_t				 i;

	if (kind == NULL || *kind == '\0' || t->nkinds == TREE_MAXKINDS)
		return;
	key = scs_xprintf("%s/%s", group, kind);
	for (i = 0; i < t->nkinds; i++) {
		if (strcmp(t->kind_keys[i], key) == 0) {
			free(key);
			return;
		}
	}
	res = scs_discovery_kind(scs_api_discovery(t->api), group, kind);
	/* The ones the tree has stores for already. */
	if (res != NULL && strcmp(res->group, "cluster.x-k8s.io") == 0 &&
	    (strcmp(res->name, "machines") == 0 ||
	    strcmp(res->name, "machinedeployments") == 0 ||
	    strcmp(res->name, "clusters") == 0))
		res = NULL;
	t->kind_keys[t->nkinds] = key;
	sel = scs_xprintf("cluster.x-k8s.io/cluster-name=%s", t->name);
	t->kinds[t->nkinds++] = res != NULL && (res->verbs & SCS_VERB_LIST) ?
	    sub_store_res(t, res, sel, NULL) : NULL;
	free(sel);
}

static void
ref_watch(struct tree *t, const cJSON *ref)
{
	char	 g[128];

	if (ref == NULL)
		return;
	scs_ref_group(ref, g, sizeof g);
	kind_watch(t, g, cJSON_GetStringValue(J(ref, "kind")));
}

/* The kinds the cluster's and its machines' refs name. */
static void
refs_watch(struct tree *t, const cJSON *c, const cJSON *const *v, size_t n)
{
	size_t	 i;

	ref_watch(t, scs_jpath(c, "spec.infrastructureRef"));
	ref_watch(t, scs_jpath(c, "spec.controlPlaneRef"));
	for (i = 0; i < n; i++) {
		if (!scs_streq(cJSON_GetStringValue(J(v[i], "kind")),
		    "Machine"))
			continue;
		ref_watch(t, scs_jpath(v[i], "spec.infrastructureRef"));
		ref_watch(t, scs_jpath(v[i], "spec.bootstrap.configRef"));
	}
}

static void
on_class(const struct scs_api_result *r, void *arg)
{
	struct tree	*t = arg;

	t->class_call = NULL;
	cJSON_Delete(t->class_defs);
	t->class_defs = r->status == SCS_OK ? scs_schema_definitions(r->json,
	    NULL) : NULL;
	t->lv.stale = 1;
	t->lv.app->dirty = 1;
}

/* Fetch the class of the cluster when it is not the one we have. */
static void
class_fetch(struct tree *t, const cJSON *c)
{
	const struct scs_resource	*res;
	const char			*cls, *cns;

	cls = cJSON_GetStringValue(scs_jpath(c, "spec.topology.classRef.name"));
	cns = cJSON_GetStringValue(scs_jpath(c,
	    "spec.topology.classRef.namespace"));
	if (cls == NULL)
		cls = cJSON_GetStringValue(scs_jpath(c, "spec.topology.class"));
	if (cls == NULL || scs_streq(cls, t->class_name))
		return;
	free(t->class_name);
	t->class_name = scs_xstrdup(cls);
	if ((res = api_resource(t->api, "cluster.x-k8s.io",
	    "clusterclasses")) == NULL)
		return;
	if (t->class_call != NULL)
		scs_api_cancel(t->class_call);
	t->class_call = scs_api_get(t->api, res, cns != NULL ? cns :
	    t->ns, cls, on_class, t);
}

static void
age_of(int64_t since, char *buf, size_t len)
{
	if (since <= 0)
		scs_strlcpy(buf, "", len);
	else
		draw_age(scs_wall_s() - since, buf, len);
}

static void
variables_lines(struct tree *t, const cJSON *c)
{
	const cJSON	*vars, *v, *d;
	cJSON		*eff;
	char		*val;
	int		 set;
	const char	*name;

	vars = scs_jpath(c, "spec.topology.variables");
	eff = vars != NULL ? cJSON_Duplicate(vars, 1) : cJSON_CreateArray();
	if (t->class_defs != NULL)
		scs_schema_default(t->class_defs, eff);
	list_add(&t->lv.list, ROLE_TITLE, NULL, "Variables%s",
	    t->class_defs == NULL ? " (class not loaded: defaults unknown)" :
	    "");
	/* "(default)": the value equals the class's default, whether the
	 * cluster holds it or the server fills it in (as in the form). */
	cJSON_ArrayForEach(v, eff) {
		name = cJSON_GetStringValue(J(v, "name"));
		if (name == NULL)
			continue;
		set = scs_schema_is_default(scs_jpath(scs_jnamed(
		    t->class_defs, name), "schema.openAPIV3Schema"),
		    J(v, "value"));
		val = cJSON_PrintUnformatted(J(v, "value"));
		list_add(&t->lv.list, set ? ROLE_MUTED : ROLE_NORMAL, NULL,
		    "  %-28s %s%s", name, val != NULL ? val : "",
		    set ? "  (default)" : "");
		free(val);
	}
	/* Definitions with neither a value nor a default. */
	cJSON_ArrayForEach(d, t->class_defs) {
		name = cJSON_GetStringValue(J(d, "name"));
		set = 0;
		cJSON_ArrayForEach(v, eff) {
			if (scs_streq(cJSON_GetStringValue(J(v, "name")),
			    name))
				set = 1;
		}
		if (!set && name != NULL)
			list_add(&t->lv.list, ROLE_MUTED, NULL,
			    "  %-28s (unset)",
			    name);
	}
	cJSON_Delete(eff);
}

/* The events of the cluster and of everything under it (control plane,
 * infrastructure cluster, MachineDeployments, MachineSets, Machines),
 * newest first, each with its object; Enter on one opens its object. */
static void
events_lines(struct tree *t, const cJSON *c, const cJSON **objs,
    size_t nobjs)
{
	const struct scs_index	*x;
	const cJSON		**v, *o;
	size_t			 i, n, k = 0;
	char			 row[2048], obj[300];
	struct link		 link = { .kind = LINK_OBJECT, .ns = t->ns,
				    .name = obj };

	if (t->events == NULL)
		return;
	x = scs_store_index(t->events);
	n = scs_index_count(x);
	v = scs_xcalloc(n + 1, sizeof *v);
	objs[nobjs] = c;	/* the cluster's own: objs has room */
	for (i = 0; i < n; i++) {
		o = scs_index_at(x, i)->obj;
		if (o != NULL && scs_event_about(o, objs, nobjs + 1))
			v[k++] = o;
	}
	scs_events_sort(v, k);
	list_add(&t->lv.list, ROLE_TITLE, NULL,
	    "Events (%zu) of the cluster and "
	    "what is under it, newest first", k);
	for (i = 0; i < k; i++) {
		o = v[i];
		screen_event_row(o, row, sizeof row);
		snprintf(obj, sizeof obj, "%s/%s",
		    cJSON_GetStringValue(scs_jpath(o, "involvedObject.kind")),
		    cJSON_GetStringValue(scs_jpath(o, "involvedObject.name")));
		list_add(&t->lv.list, scs_streq(cJSON_GetStringValue(J(o,
		    "type")), "Warning") ? ROLE_WARN : ROLE_NORMAL, &link,
		    "  %s", row);
	}
	free(v);
}

static void
upgrade_lines(struct tree *t, const char *from)
{
	const struct scs_index	*x;
	const struct scs_record	*r;
	const char		*why;
	size_t			 i, n = 0;
	struct scs_class_name	 cn;
	int			 stacks;

	if (t->classes == NULL || from == NULL)
		return;
	/* The cluster-stacks rules only for a class named as cluster
	 * stacks name theirs; any other class may move to any class. */
	stacks = scs_class_name_parse(from, &cn) == 0;
	x = scs_store_index(t->classes);
	for (i = 0; i < scs_index_count(x); i++) {
		r = scs_index_at(x, i);
		if (strcmp(r->name, from) == 0)
			continue;
		if (n++ == 0)
			list_add(&t->lv.list, ROLE_TITLE, NULL, "%s", stacks ?
			    "Upgrades (cluster-stacks rules; e edits)" :
			    "Other classes (e edits; the server checks that "
			    "one fits)");
		if (!stacks)
			list_add(&t->lv.list, ROLE_NORMAL, NULL, "  \u2192 %s",
			    r->name);
		else if (scs_upgrade_allowed(from, r->name, &why))
			list_add(&t->lv.list, ROLE_OK, NULL,
			    "  \u2191 %s\tallowed",
			    r->name);
		else
			list_add(&t->lv.list, ROLE_MUTED, NULL, "  - %s\t%s",
			    r->name, why);
	}
}

static void
tree_rebuild(struct tree *t)
{
	const cJSON		*c = cluster_obj(t);
	const cJSON		**objs = NULL;
	size_t			 nobjs = 0, i;
	const struct scs_tree_node *n;
	char			 age[32], key[256];
	const char		*v, *cls;

	t->built_cols = COLS;
	scs_tree_free(t->nodes, t->nnodes);
	t->nodes = NULL;
	t->nnodes = 0;
	list_clear(&t->lv.list);
	if (c == NULL) {
		list_add(&t->lv.list, ROLE_MUTED, NULL, "%s",
		    t->cluster != NULL && scs_store_state(t->cluster, NULL) ==
		    SCS_STORE_LOADING ?
		    "loading\u2026" : "this cluster is gone (deleted?)");
		return;
	}
	class_fetch(t, c);
	objs = objects(objs, &nobjs, t->mds);
	objs = objects(objs, &nobjs, t->machines);
	refs_watch(t, c, objs, nobjs);
	for (i = 0; i < t->nkinds; i++)
		objs = objects(objs, &nobjs, t->kinds[i]);
	t->nnodes = scs_tree_build(c, objs, nobjs, &t->opts, &t->nodes);
	for (i = 0; i < t->nnodes; i++) {
		n = &t->nodes[i];
		age_of(n->since, age, sizeof age);
		list_add(&t->lv.list, screen_health_role(n->health), NULL,
		    "%s%s %s\t%-5s %-5s %-18s %-5s %s", n->prefix,
		    screen_health_glyph(n->health), node_label(n), n->ready,
		    n->replicas, n->reason != NULL ? n->reason : "", age,
		    n->message != NULL ? n->message : "");
		t->lv.list.v[t->lv.list.n - 1].node = (int)i;
		snprintf(key, sizeof key, "%s/%s", n->kind != NULL ? n->kind :
		    "", n->name != NULL ? n->name : "");
		if (n->kind != NULL && (t->all_conditions ||
		    scs_streq(key, t->expanded)))
			list_add_conditions(&t->lv.list, n->conditions,
			    n->depth * 2 + 2);
	}
	list_add(&t->lv.list, ROLE_NORMAL, NULL, "%s", "");
	cls = cJSON_GetStringValue(scs_jpath(c, "spec.topology.classRef.name"));
	if (cls == NULL)
		cls = cJSON_GetStringValue(scs_jpath(c, "spec.topology.class"));
	v = cJSON_GetStringValue(scs_jpath(c, "spec.topology.version"));
	list_add(&t->lv.list, ROLE_TITLE, NULL,
	    "Topology  class %s  version %s",
	    cls != NULL ? cls : "-", v != NULL ? v : "-");
	upgrade_lines(t, cls);
	variables_lines(t, c);
	list_add(&t->lv.list, ROLE_NORMAL, NULL, "%s", "");
	events_lines(t, c, objs, nobjs);
	free(objs);
}

static void
tree_draw(struct view *v, int y, int rows)
{
	struct tree			*t = v->data;

	/* Ages (SINCE, events) tick: rebuilt once a second while young;
	 * a resize may change the labels (node_label). */
	if (lview_due(&t->lv) || t->built_cols != COLS)
		tree_rebuild(t);
	const struct list_line		*l;
	const struct scs_tree_node	*n;
	char				 buf[2048];
	int				 foot = rows > 12 ? 2 : 0;

	view_title(y, " cluster %s%s%s/%s%s%s%s%s ", t->ctx != NULL ? t->ctx :
	    "", t->ctx != NULL ? ": " : "", t->ns, t->name,
	    t->opts.group ? "" : " (machines ungrouped)", t->opts.echo ?
	    " (echo)" : "", t->all_conditions ? " (conditions)" : "", cJSON_IsTrue(scs_jpath(cluster_obj(t),
	    "spec.paused")) ? " PAUSED" : "");
	list_draw(&t->lv.list, y + 1, rows - 1 - foot,
	    "NAME\tREADY REPL. REASON             SINCE MESSAGE");
	if (foot == 0)
		return;
	/* The selected line's whole message: the column is short at 80. */
	l = list_current(&t->lv.list);
	if (l == NULL || l->node < 0 || (size_t)l->node >= t->nnodes) {
		draw_note(y + rows - 2, 2, NULL, ROLE_NORMAL);
		return;
	}
	n = &t->nodes[l->node];
	if (n->message == NULL && n->reason == NULL) {
		draw_note(y + rows - 2, 2, NULL, ROLE_NORMAL);
		return;
	}
	snprintf(buf, sizeof buf, "%s: %s%s%s", n->label, n->reason != NULL ?
	    n->reason : "", n->message != NULL ? " \u2014 " : "",
	    n->message != NULL ? n->message : "");
	draw_note(y + rows - 2, 2, buf, screen_health_role(n->health));
}

static const struct scs_resource *
node_resource(struct tree *t, const struct scs_tree_node *n)
{
	if (n->kind == NULL)
		return (NULL);
	return (scs_discovery_kind(scs_api_discovery(t->api), n->group,
	    n->kind));
}

/* Changes go through the app's context: a cluster of another says so
 * (1). */
static int
tree_elsewhere(struct tree *t)
{
	if (t->api == t->lv.app->api)
		return (0);
	app_message(t->lv.app, 1, "this cluster is in context %s: :ctx %s "
	    "to change it", t->ctx, t->ctx);
	return (1);
}

/* The day-2 action on the line's object, as its : command would. */
static void
tree_day2(struct tree *t, const struct scs_tree_node *n, enum action act)
{
	char	 arg[600];

	if (tree_elsewhere(t))
		return;
	if (act == ACTION_PAUSE) {
		snprintf(arg, sizeof arg, "%s/%s", t->ns, t->name);
		day2_run(t->lv.app, cJSON_IsTrue(scs_jpath(cluster_obj(t),
		    "spec.paused")) ? "resume" : "pause", arg);
		return;
	}
	if (act == ACTION_REMEDIATE) {
		if (n == NULL || !scs_streq(n->kind, "Machine")) {
			app_message(t->lv.app, 0, "move to a Machine (g lists "
			    "each machine)");
			return;
		}
		snprintf(arg, sizeof arg, "%s/%s", t->ns, n->name);
		day2_run(t->lv.app, "remediate", arg);
		return;
	}
	if (n == NULL || (!scs_streq(n->kind, "MachineDeployment") &&
	    !scs_streq(n->kind, "KubeadmControlPlane"))) {
		app_message(t->lv.app, 0, "move to a MachineDeployment or the "
		    "control plane");
		return;
	}
	snprintf(arg, sizeof arg, "%s/%s/%s", scs_streq(n->kind,
	    "MachineDeployment") ? "md" : "kcp", t->ns, n->name);
	day2_run(t->lv.app, "restart", arg);
}

static int
tree_action(struct view *v, enum action act)
{
	struct tree			*t = v->data;
	const struct scs_tree_node	*n = NULL;
	const struct scs_resource	*res;
	const struct list_line		*l = list_current(&t->lv.list);
	struct view			*nv;
	char				 k[256];

	if (l != NULL && l->node >= 0 && (size_t)l->node < t->nnodes)
		n = &t->nodes[l->node];
	if (list_action(&t->lv.list, act))
		return (VIEW_HANDLED);
	/* An event's line: Enter opens its object. */
	if (act == ACTION_OPEN && l != NULL && l->link.kind == LINK_OBJECT) {
		struct link	 obj;

		link_copy(&obj, &l->link);
		app_open_object(t->lv.app, t->api, t->ctx, obj.ns, obj.name);
		link_clear(&obj);
		return (VIEW_HANDLED);
	}
	switch (act) {
	case ACTION_GROUP:
		t->opts.group = !t->opts.group;
		t->lv.stale = 1;
		return (VIEW_HANDLED);
	case ACTION_ECHO:
		t->opts.echo = !t->opts.echo;
		t->lv.stale = 1;
		return (VIEW_HANDLED);
	case ACTION_CONDITIONS_ALL:
		lview_conditions(&t->lv, act, NULL, &t->expanded,
		    &t->all_conditions);
		return (VIEW_HANDLED);
	case ACTION_PAUSE:
	case ACTION_RESTART:
	case ACTION_REMEDIATE:
		tree_day2(t, n, act);
		return (VIEW_HANDLED);
	case ACTION_CONDITIONS:
		if (n == NULL || n->kind == NULL) {
			app_message(t->lv.app, 0, "%s shows the conditions of "
			    "an object: move to one", app_key_name(t->lv.app,
			    act, SCOPE_TREE));
			return (VIEW_HANDLED);
		}
		snprintf(k, sizeof k, "%s/%s", n->kind, n->name);
		lview_conditions(&t->lv, act, k, &t->expanded,
		    &t->all_conditions);
		return (VIEW_HANDLED);
	case ACTION_LABEL:
	case ACTION_ANNOTATE:
	case ACTION_EDIT_YAML:
		if (tree_elsewhere(t))
			return (VIEW_HANDLED);
		/* fall through */
	case ACTION_OPEN:
	case ACTION_DESCRIBE:
	case ACTION_YAML:
		if (n == NULL || (res = node_resource(t, n)) == NULL) {
			app_message(t->lv.app, 0, "no object on this line");
			return (VIEW_HANDLED);
		}
		if (act == ACTION_EDIT_YAML)
			edit_object(t->lv.app, res, t->ns, n->name);
		else if (act == ACTION_LABEL || act == ACTION_ANNOTATE)
			app_meta_ask(t->lv.app, act == ACTION_ANNOTATE, res,
			    t->ns, n->name);
		else
			view_push(t->lv.app, detail_view_api(t->lv.app, t->api,
			    res, t->ns, n->name, act == ACTION_YAML));
		return (VIEW_HANDLED);
	case ACTION_DELETE:
	case ACTION_EDIT:
	case ACTION_SCALE:
	case ACTION_UPGRADE:
	case ACTION_CLONE:
		if (tree_elsewhere(t))
			return (VIEW_HANDLED);
		if (act == ACTION_CLONE)
			nv = form_clone_view(t->lv.app, t->lv.app->ns != NULL ?
			    t->lv.app->ns : t->ns, t->ns, t->name);
		if (act == ACTION_CLONE) {
			if (nv != NULL)
				view_push(t->lv.app, nv);
			return (VIEW_HANDLED);
		}
		if (act != ACTION_DELETE) {
			nv = form_edit_view(t->lv.app, t->ns, t->name, act);
			if (nv != NULL)
				view_push(t->lv.app, nv);
			return (VIEW_HANDLED);
		}
		if ((res = api_resource(t->api, "cluster.x-k8s.io",
		    "clusters")) != NULL)
			app_delete_ask(t->lv.app, res, t->ns, t->name);
		return (VIEW_HANDLED);
	default:
		return (0);
	}
}

static int
tree_busy(struct view *v)
{
	struct tree	*t = v->data;

	return (t->class_call != NULL || lview_busy(&t->lv));
}

static void
tree_free(struct view *v)
{
	struct tree	*t = v->data;
	size_t		 i;

	lview_done(&t->lv);
	for (i = 0; i < t->nkinds; i++)
		free(t->kind_keys[i]);
	if (t->class_call != NULL)
		scs_api_cancel(t->class_call);
	cJSON_Delete(t->class_defs);
	scs_tree_free(t->nodes, t->nnodes);
	free(t->class_name);
	free(t->expanded);
	free(t->ns);
	free(t->name);
	free(t->ctx);
	free(t);
}

static int
tree_object(struct view *v, struct view_object *o)
{
	struct tree			*t = v->data;
	const struct list_line		*l = list_current(&t->lv.list);
	const struct scs_tree_node	*n;

	if (l == NULL || l->node < 0 || (size_t)l->node >= t->nnodes)
		return (-1);
	n = &t->nodes[l->node];
	if ((o->res = node_resource(t, n)) == NULL)
		return (-1);
	o->ns = t->ns;
	o->name = n->name;
	o->cluster = t->name;
	o->api = t->api;
	return (0);
}

static const struct view_ops tree_ops = {
	.kind = "tree",
	.click = lview_click,
	.draw = tree_draw,
	.scope = lview_scope,
	.action = tree_action,
	.busy = tree_busy,
	.free = tree_free,
	.object = tree_object,
};

static struct scs_store *
sub_store(struct tree *t, const char *group, const char *plural,
    const char *labels, const char *fields)
{
	const struct scs_resource	*res;

	if ((res = api_resource(t->api, group, plural)) == NULL)
		return (NULL);
	return (sub_store_res(t, res, labels, fields));
}

static struct scs_store *
sub_store_res(struct tree *t, const struct scs_resource *res,
    const char *labels, const char *fields)
{
	struct scs_store_opts		 o;

	memset(&o, 0, sizeof o);
	o.label_selector = labels;
	o.field_selector = fields;
	o.keep_objects = 1;
	return (lview_watch(&t->lv, scs_store_new_opts(t->api, res, t->ns,
	    &o), 0));
}

int
tree_cluster(struct view *v, const char **ns, const char **name)
{
	struct tree	*t;

	if (v == NULL || v->ops != &tree_ops)
		return (-1);
	t = v->data;
	*ns = t->ns;
	*name = t->name;
	return (0);
}

struct view *
tree_view(struct app *a, const char *ns, const char *name)
{
	return (tree_view_api(a, NULL, NULL, ns, name));
}

struct view *
tree_view_ctx(struct app *a, const char *ctx, const char *ns,
    const char *name)
{
	struct scs_store	*st[FLEET_MAX + 1];
	struct scs_api		*api[FLEET_MAX + 1];
	const char		*nm[FLEET_MAX + 1];
	size_t			 i, n;

	if (ctx == NULL)
		return (tree_view(a, ns, name));
	n = fleet_sources(a, st, nm, api, NULL, FLEET_MAX + 1);
	for (i = 0; i < n; i++) {
		if (strcmp(nm[i], ctx) == 0)
			return (i == 0 ? tree_view(a, ns, name) :
			    tree_view_api(a, api[i], nm[i], ns, name));
	}
	return (NULL);
}

struct view *
tree_view_api(struct app *a, struct scs_api *api, const char *ctx,
    const char *ns, const char *name)
{
	struct tree	*t = scs_xcalloc(1, sizeof *t);
	struct view	*v;
	char		*sel, *fsel;

	lview_init(&t->lv, a, SCOPE_TREE);
	t->api = api != NULL ? api : a->api;
	t->ctx = api != NULL && api != a->api && ctx != NULL ?
	    scs_xstrdup(ctx) : NULL;
	t->ns = scs_xstrdup(ns);
	t->name = scs_xstrdup(name);
	t->opts.group = 1;
	t->lv.list.cursor = 1;
	sel = scs_xprintf("cluster.x-k8s.io/cluster-name=%s", name);
	fsel = scs_xprintf("metadata.name=%s", name);
	t->cluster = sub_store(t, "cluster.x-k8s.io", "clusters", NULL, fsel);
	t->mds = sub_store(t, "cluster.x-k8s.io", "machinedeployments", sel,
	    NULL);
	t->machines = sub_store(t, "cluster.x-k8s.io", "machines", sel, NULL);
	free(fsel);
	fsel = NULL;
	/* The namespace's events: those of every object under the
	 * cluster are picked at each rebuild. */
	t->events = sub_store(t, "", "events", NULL, NULL);
	t->classes = sub_store(t, "cluster.x-k8s.io", "clusterclasses", NULL,
	    NULL);
	kind_watch(t, "cluster.x-k8s.io", "MachineSet");
	kind_watch(t, "cluster.x-k8s.io", "MachineHealthCheck");
	kind_watch(t, "cluster.x-k8s.io", "MachinePool");
	free(fsel);
	free(sel);
	v = view_new(a, &tree_ops, t, "%s", name);
	v->api = t->api;
	return (v);
}
