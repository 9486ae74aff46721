/*
 * stack.c: one ClusterStack and what hangs off it: its
 * ClusterStackReleases, the ClusterClasses they provide and the clusters
 * using those classes, all live. The cluster-stacks naming ties them:
 * <provider>-<stack>-<major>-<minor>-<version> (model-names.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "tui.h"

struct stack {
	struct app		*app;
	char			*ns;
	char			*name;
	char			 prefix[160];	/* "openstack-scs2-1-33-" */
	struct scs_store	*stacks;
	struct scs_store	*releases;
	struct scs_store	*classes;
	struct list		 list;
};

static void
stack_changed(struct scs_store *s, void *arg)
{
	struct stack	*k = arg;

	(void)s;
	k->app->dirty = 1;
}

static const char *
col(const struct scs_record *r, int i)
{
	return (i < r->ncols && r->cols[i] != NULL ? r->cols[i] : "");
}

/* Records of store in ns whose names start with the stack's prefix. */
static size_t
section(struct stack *k, struct scs_store *s, const char *title,
    enum link_kind kind, int ver_col)
{
	const struct scs_index	*x;
	const struct scs_record	*r;
	size_t			 i, n = 0;
	struct link		 link;

	list_add(&k->list, ROLE_TITLE, NULL, "%s", title);
	if (s == NULL) {
		list_add(&k->list, ROLE_MUTED, NULL, "  (not served here)");
		return (0);
	}
	x = scs_store_index(s);
	for (i = 0; i < scs_index_count(x); i++) {
		r = scs_index_at(x, i);
		if (strcmp(r->ns, k->ns) != 0 || strncmp(r->name, k->prefix,
		    strlen(k->prefix)) != 0)
			continue;
		link = (struct link){ kind, NULL, r->ns, r->name, NULL };
		list_add(&k->list, screen_health_role(r->health), &link,
		    "  %s %s\t%-14s %s", screen_health_glyph(r->health),
		    r->name, r->status != NULL ? r->status : "",
		    ver_col >= 0 ? col(r, ver_col) : "");
		n++;
	}
	if (n == 0)
		list_add(&k->list, ROLE_MUTED, NULL, "  none");
	return (n);
}

static void
stack_rebuild(struct stack *k)
{
	const struct scs_record	*st = NULL, *r;
	const struct scs_index	*x;
	size_t			 i, n = 0;
	char			 buf[64];
	const char		*cls;

	list_clear(&k->list);
	if (k->stacks != NULL)
		st = scs_index_find(scs_store_index(k->stacks), k->ns,
		    k->name);
	if (st == NULL) {
		list_add(&k->list, ROLE_MUTED, NULL, "loading\u2026");
		return;
	}
	scs_strlcpy(buf, col(st, 2), sizeof buf);
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] == '.')
			buf[i] = '-';
	snprintf(k->prefix, sizeof k->prefix, "%s-%s-%s-", col(st, 0),
	    col(st, 1), buf);
	list_add(&k->list, screen_health_role(st->health), NULL,
	    "%s %s  provider %s  stack %s  Kubernetes %s  channel %s  "
	    "auto-subscribe %s", screen_health_glyph(st->health), st->name,
	    col(st, 0), col(st, 1), col(st, 2), col(st, 3), col(st, 4));
	list_add(&k->list, ROLE_NORMAL, NULL, "  usable %s   latest %s%s%s",
	    *col(st, 5) != '\0' ? col(st, 5) : "-",
	    *col(st, 6) != '\0' ? col(st, 6) : "-",
	    st->message != NULL ? "   " : "",
	    st->message != NULL ? st->message : "");
	list_add(&k->list, ROLE_NORMAL, NULL, "%s", "");
	section(k, k->releases, "ClusterStackReleases", LINK_RELEASE, 0);
	list_add(&k->list, ROLE_NORMAL, NULL, "%s", "");
	section(k, k->classes, "ClusterClasses", LINK_CLASS, -1);
	list_add(&k->list, ROLE_NORMAL, NULL, "%s", "");
	list_add(&k->list, ROLE_TITLE, NULL, "Clusters using them");
	if (k->app->clusters != NULL) {
		x = scs_store_index(k->app->clusters);
		for (i = 0; i < scs_index_count(x); i++) {
			r = scs_index_at(x, i);
			cls = col(r, SCS_CLUSTER_CLASS);
			if (strcmp(r->ns, k->ns) != 0 ||
			    strncmp(cls, k->prefix, strlen(k->prefix)) != 0)
				continue;
			list_add(&k->list, screen_health_role(r->health),
			    &(struct link){ LINK_CLUSTER, NULL, r->ns,
			    r->name, NULL },
			    "  %s %s\t%-14s %-9s %s",
			    screen_health_glyph(r->health), r->name,
			    r->status != NULL ? r->status : "",
			    col(r, SCS_CLUSTER_VERSION), cls);
			n++;
		}
	}
	if (n == 0)
		list_add(&k->list, ROLE_MUTED, NULL, "  none");
}

static void
stack_draw(struct view *v, int y, int rows)
{
	struct stack	*k = v->data;

	stack_rebuild(k);
	view_title(y, " cluster stack %s/%s ", k->ns, k->name);
	list_draw(&k->list, y + 1, rows - 1, NULL);
}

static enum scope
stack_scope(struct view *v)
{
	(void)v;
	return (SCOPE_STACK);
}

static int
stack_action(struct view *v, enum action act)
{
	struct stack			*k = v->data;
	struct app			*a = k->app;
	const struct list_line		*l;
	const struct scs_resource	*res;

	if (list_action(&k->list, act))
		return (VIEW_HANDLED);
	if (act != ACTION_OPEN && act != ACTION_YAML)
		return (0);
	if ((l = list_current(&k->list)) == NULL)
		return (VIEW_HANDLED);
	switch (l->link.kind) {
	case LINK_CLUSTER:
		if (act == ACTION_OPEN) {
			view_push(a, tree_view(a, l->link.ns, l->link.name));
			return (VIEW_HANDLED);
		}
		res = app_resource(a, "cluster.x-k8s.io", "clusters");
		break;
	case LINK_RELEASE:
		res = app_resource(a, "clusterstack.x-k8s.io",
		    "clusterstackreleases");
		break;
	case LINK_CLASS:
		res = app_resource(a, "cluster.x-k8s.io", "clusterclasses");
		break;
	default:
		return (VIEW_HANDLED);
	}
	if (res != NULL)
		view_push(a, detail_view(a, res, l->link.ns, l->link.name,
		    act == ACTION_YAML));
	return (VIEW_HANDLED);
}

static int
stack_busy(struct view *v)
{
	struct stack		*k = v->data;
	struct scs_store	*s[3] = { k->stacks, k->releases, k->classes };
	size_t			 i;

	for (i = 0; i < 3; i++) {
		if (s[i] != NULL && (scs_store_busy(s[i]) ||
		    scs_store_state(s[i], NULL) == SCS_STORE_LOADING))
			return (1);
	}
	return (0);
}

static void
stack_free(struct view *v)
{
	struct stack		*k = v->data;
	struct scs_store	*s[3] = { k->stacks, k->releases, k->classes };
	size_t			 i;

	for (i = 0; i < 3; i++) {
		if (s[i] == NULL)
			continue;
		scs_store_unsubscribe(s[i], stack_changed, k);
		app_store_put(k->app, s[i]);
	}
	list_clear(&k->list);
	free(k->ns);
	free(k->name);
	free(k);
}

static void
stack_click(struct view *v, int y)
{
	struct stack	*k = v->data;

	list_click(&k->list, y);
}

static const char *const stack_notes[] = {
	"<open> on a release or class describes it; on a cluster: its tree.",
	NULL
};

static const struct view_ops stack_ops = {
	.kind = "stack",
	.draw = stack_draw,
	.scope = stack_scope,
	.action = stack_action,
	.busy = stack_busy,
	.notes = stack_notes,
	.free = stack_free,
	.click = stack_click,
};

static struct scs_store *
stack_store(struct stack *k, const char *group, const char *plural)
{
	const struct scs_resource	*res;
	struct scs_store		*s;

	if ((res = app_resource(k->app, group, plural)) == NULL)
		return (NULL);
	s = app_store_get(k->app, res, k->ns);
	scs_store_subscribe(s, stack_changed, k);
	return (s);
}

struct view *
stack_view(struct app *a, const char *ns, const char *name)
{
	struct stack	*k = scs_xcalloc(1, sizeof *k);

	k->app = a;
	k->ns = scs_xstrdup(ns);
	k->name = scs_xstrdup(name);
	k->list.cursor = 1;
	k->stacks = stack_store(k, "clusterstack.x-k8s.io", "clusterstacks");
	k->releases = stack_store(k, "clusterstack.x-k8s.io",
	    "clusterstackreleases");
	k->classes = stack_store(k, "cluster.x-k8s.io", "clusterclasses");
	return (view_new(a, &stack_ops, k, "%s", name));
}
