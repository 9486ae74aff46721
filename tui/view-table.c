/*
 * view-table.c: a resource table as a view: a store of one resource in
 * one namespace scope, the table widget over it, and the keys that act on
 * the selected object (describe, YAML, tree, delete).
 */
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "tui.h"

/* A row of the server's Table output: its object and the cells. */
struct srow {
	char		*key;		/* "ns/name" */
	char		**cells;
};

struct tview {
	struct app		*app;
	struct scs_store	*store;
	struct table		*table;
	/* Kinds scs-tui has no decoder for: the columns the server prints
	 * (Table output), fetched again (at most every 2 s) as the store
	 * changes. */
	int			 server;
	struct scs_api_call	*tcall;
	uint64_t		 ttimer;
	int64_t			 tlast;
	int			 ncols;
	int			 colidx[SCS_RECORD_MAXCOLS];
	struct srow		*rows;
	size_t			 nrows;
};

#define TABLE_REFETCH_MS	2000

static void	tview_fetch(struct tview *);

static const struct view_ops tview_ops;

static void
srows_clear(struct tview *t)
{
	size_t	 i;

	for (i = 0; i < t->nrows; i++) {
		scs_strv_free(t->rows[i].cells);
		free(t->rows[i].key);
	}
	free(t->rows);
	t->rows = NULL;
	t->nrows = 0;
}

static int
srow_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct srow *)a)->key,
	    ((const struct srow *)b)->key));
}

static const char *
tview_cell(void *arg, const struct scs_record *r, int col)
{
	struct tview	*t = arg;
	struct srow	 k, *hit;
	char		 key[600];

	if (col < 0 || col >= t->ncols)
		return (NULL);
	snprintf(key, sizeof key, "%s/%s", r->ns, r->name);
	k.key = key;
	hit = bsearch(&k, t->rows, t->nrows, sizeof *t->rows, srow_cmp);
	return (hit != NULL ? hit->cells[col] : NULL);
}

static char *
cell_string(const cJSON *c)
{
	if (cJSON_IsString(c))
		return (scs_xstrdup(c->valuestring));
	if (cJSON_IsNull(c) || c == NULL)
		return (scs_xstrdup(""));
	if (cJSON_IsBool(c))
		return (scs_xstrdup(cJSON_IsTrue(c) ? "true" : "false"));
	if (cJSON_IsNumber(c))
		return (scs_xprintf("%g", c->valuedouble));
	return (cJSON_PrintUnformatted(c));
}

/* The Table: columns (not Name, not the age: the table has those) and
 * the cells of each row by namespace/name. */
static void
on_table(const struct scs_api_result *res, void *arg)
{
	struct tview	*t = arg;
	const cJSON	*defs, *d, *rows, *row, *cells, *md;
	const char	*names[SCS_RECORD_MAXCOLS];
	char		 up[64];
	int		 i, n = 0;
	size_t		 k, j;

	t->tcall = NULL;
	t->tlast = scs_now_ms();
	if (res->status != SCS_OK || res->json == NULL || !scs_streq(
	    cJSON_GetStringValue(scs_jpath(res->json, "kind")), "Table"))
		return;		/* no Table output: the generic columns stay */
	defs = scs_jpath(res->json, "columnDefinitions");
	i = 0;
	cJSON_ArrayForEach(d, defs) {
		const char	*nm = cJSON_GetStringValue(scs_jpath(d, "name"));
		const char	*ty = cJSON_GetStringValue(scs_jpath(d, "type"));

		if (nm != NULL && n < SCS_RECORD_MAXCOLS &&
		    strcmp(nm, "Name") != 0 && !scs_streq(ty, "date")) {
			for (k = 0; nm[k] != '\0' && k + 1 < sizeof up; k++)
				up[k] = nm[k] >= 'a' && nm[k] <= 'z' ?
				    (char)(nm[k] - 32) : nm[k];
			up[k] = '\0';
			t->colidx[n] = i;
			names[n++] = scs_xstrdup(up);
		}
		i++;
	}
	srows_clear(t);
	rows = scs_jpath(res->json, "rows");
	t->rows = scs_xcalloc((size_t)cJSON_GetArraySize(rows) + 1,
	    sizeof *t->rows);
	cJSON_ArrayForEach(row, rows) {
		md = scs_jpath(row, "object.metadata");
		cells = scs_jpath(row, "cells");
		t->rows[t->nrows].key = scs_xprintf("%s/%s",
		    cJSON_GetStringValue(scs_jpath(md, "namespace")) != NULL ?
		    cJSON_GetStringValue(scs_jpath(md, "namespace")) : "",
		    cJSON_GetStringValue(scs_jpath(md, "name")) != NULL ?
		    cJSON_GetStringValue(scs_jpath(md, "name")) : "");
		t->rows[t->nrows].cells = scs_xcalloc((size_t)n + 1,
		    sizeof (char *));
		for (j = 0; j < (size_t)n; j++)
			t->rows[t->nrows].cells[j] = cell_string(
			    cJSON_GetArrayItem(cells, t->colidx[j]));
		t->nrows++;
	}
	qsort(t->rows, t->nrows, sizeof *t->rows, srow_cmp);
	t->ncols = n;
	table_set_server_columns(t->table, n, names, tview_cell, t);
	for (i = 0; i < n; i++)
		free((char *)names[i]);
	t->app->dirty = 1;
}

static void
tview_fetch(struct tview *t)
{
	const struct scs_resource	*res = scs_store_resource(t->store);
	const char			*hdr[] = { "Accept: application/json;"
					    "as=Table;v=v1;g=meta.k8s.io, "
					    "application/json", NULL };
	char				*path, *full;

	if (t->tcall != NULL)
		return;
	path = scs_api_path(res, scs_store_namespace(t->store)[0] != '\0' ?
	    scs_store_namespace(t->store) : NULL, NULL, NULL);
	full = scs_xprintf("%s?limit=500", path);
	t->tcall = scs_api_raw(t->app->api, "GET", full, hdr, NULL, 0,
	    on_table, t);
	free(full);
	free(path);
}

static void
tview_refetch(void *arg)
{
	struct tview	*t = arg;

	t->ttimer = 0;
	tview_fetch(t);
}

static void
tview_changed(struct scs_store *s, void *arg)
{
	struct view	*v = arg;
	struct tview	*t = v->data;
	int64_t		 wait;

	(void)s;
	v->app->dirty = 1;
	if (!t->server || t->tcall != NULL || t->ttimer != 0)
		return;
	wait = t->tlast + TABLE_REFETCH_MS - scs_now_ms();
	if (wait <= 0)
		tview_fetch(t);
	else
		t->ttimer = scs_http_timer(v->app->http, (long)wait,
		    tview_refetch, t);
}

static int
is_capi_clusters(const struct scs_resource *r)
{
	return (strcmp(r->name, "clusters") == 0 &&
	    strcmp(r->group, "cluster.x-k8s.io") == 0);
}

static void
tview_draw(struct view *v, int y, int rows)
{
	struct tview	*t = v->data;

	table_draw(t->table, y, rows);
}

static enum scope
tview_scope(struct view *v)
{
	struct tview	*t = v->data;

	return (is_capi_clusters(scs_store_resource(t->store)) ?
	    SCOPE_CLUSTERS : SCOPE_TABLE);
}

static int
tview_action(struct view *v, enum action act)
{
	struct tview			*t = v->data;
	struct app			*a = v->app;
	const struct scs_record		*r = table_selected(t->table);
	const struct scs_resource	*res = scs_store_resource(t->store);
	struct view			*nv = NULL;

	switch (act) {
	case ACTION_OPEN:
	case ACTION_TREE:
		if (r == NULL)
			return (VIEW_HANDLED);
		if (act == ACTION_OPEN && res->group[0] == '\0' &&
		    strcmp(res->name, "events") == 0) {
			/* An event: its object (OBJECT, kind/name). */
			app_open_object(a, NULL, NULL, r->ns, r->ncols > 2 &&
			    r->cols[2] != NULL ? r->cols[2] : "");
			return (VIEW_HANDLED);
		}
		if (is_capi_clusters(res))
			view_push(a, tree_view(a, r->ns, r->name));
		else if (strcmp(res->name, "clusterstacks") == 0 &&
		    act == ACTION_OPEN)
			view_push(a, stack_view(a, r->ns, r->name));
		else if (strcmp(res->group, "api.scs.community") == 0 &&
		    act == ACTION_OPEN)
			/* A claim or a composite: its trace. */
			view_push(a, trace_view(a, res, r->ns, r->name));
		else if (act == ACTION_OPEN)
			view_push(a, detail_view(a, res, r->ns, r->name, 0));
		return (VIEW_HANDLED);
	case ACTION_DESCRIBE:
	case ACTION_YAML:
		if (r != NULL)
			view_push(a, detail_view(a, res, r->ns, r->name,
			    act == ACTION_YAML));
		return (VIEW_HANDLED);
	case ACTION_DELETE:
		if (r != NULL)
			app_delete_ask(a, res, r->ns, r->name);
		return (VIEW_HANDLED);
	case ACTION_LABEL:
	case ACTION_ANNOTATE:
		if (r != NULL)
			app_meta_ask(a, act == ACTION_ANNOTATE, res, r->ns,
			    r->name);
		return (VIEW_HANDLED);
	case ACTION_EDIT_YAML:
		if (r != NULL)
			edit_object(a, res, r->ns, r->name);
		return (VIEW_HANDLED);
	case ACTION_CREATE:
		nv = form_create_view(a, a->ns != NULL ? a->ns : r != NULL ?
		    r->ns : NULL);
		break;
	case ACTION_EDIT:
	case ACTION_SCALE:
	case ACTION_UPGRADE:
		if (r != NULL)
			nv = form_edit_view(a, r->ns, r->name, act);
		break;
	case ACTION_CLONE:
		if (r != NULL)
			nv = form_clone_view(a, a->ns != NULL ? a->ns : r->ns,
			    r->ns, r->name);
		break;
	case ACTION_BACK:
		/* Esc clears the filter first. */
		if (table_filter(t->table)[0] == '\0')
			return (0);
		table_set_filter(t->table, "");
		return (VIEW_HANDLED);
	default:
		return (table_action(t->table, act, LINES - 5) ?
		    VIEW_HANDLED : 0);
	}
	if (nv != NULL)
		view_push(a, nv);
	return (VIEW_HANDLED);
}

static void
tview_filter(struct view *v, const char *text)
{
	struct tview	*t = v->data;

	table_set_filter(t->table, text);
}

static int
tview_busy(struct view *v)
{
	struct tview	*t = v->data;

	return (t->tcall != NULL || scs_store_busy(t->store) ||
	    scs_store_state(t->store, NULL) == SCS_STORE_LOADING);
}

static void
tview_click(struct view *v, int y)
{
	struct tview	*t = v->data;

	table_click(t->table, y);
}

static int64_t
tview_wake(struct view *v)
{
	struct tview	*t = v->data;

	return (table_highlight_until(t->table));
}

static void
tview_free(struct view *v)
{
	struct tview	*t = v->data;

	scs_store_unsubscribe(t->store, tview_changed, v);
	if (t->tcall != NULL)
		scs_api_cancel(t->tcall);
	if (t->ttimer != 0)
		scs_http_timer_cancel(t->app->http, t->ttimer);
	srows_clear(t);
	table_free(t->table);
	app_store_put(t->app, t->store);
	free(t);
}


static int
tview_object(struct view *v, struct view_object *o)
{
	struct tview			*t = v->data;
	const struct scs_record		*r = table_selected(t->table);
	const struct scs_resource	*res = scs_store_resource(t->store);

	if (r == NULL || table_selected_source(t->table) > 0)
		return (-1);
	o->res = res;
	o->ns = r->ns != NULL ? r->ns : "";
	o->name = r->name;
	/* A Cluster's own name, else the Cluster API label's (static:
	 * copied by the caller before the next record is asked). */
	o->cluster = is_capi_clusters(res) ? r->name : scs_record_label(r,
	    "cluster.x-k8s.io/cluster-name");
	o->api = v->app->api;
	return (0);
}

static const struct view_ops tview_ops = {
	.kind = "table",
	.draw = tview_draw,
	.scope = tview_scope,
	.action = tview_action,
	.filter = tview_filter,
	.busy = tview_busy,
	.free = tview_free,
	.object = tview_object,
	.click = tview_click,
	.wake = tview_wake,
};

struct view *
tview_new(struct app *a, const struct scs_resource *res, const char *ns)
{
	struct tview	*t = scs_xcalloc(1, sizeof *t);
	struct view	*v;
	char		 title[256];

	if (!res->namespaced)
		ns = NULL;
	t->store = app_store_get(a, res, ns);
	api_resource_title(a->api, res, title, sizeof title);
	t->table = table_new(t->store, title, res->namespaced &&
	    ns == NULL);
	v = view_new(a, &tview_ops, t, "%s", title);
	t->app = a;
	scs_store_subscribe(t->store, tview_changed, v);
	/* A kind without a decoder: ask the server how it prints it. */
	if (scs_model_kind(res->group, res->name)->group == NULL) {
		t->server = 1;
		tview_fetch(t);
	}
	return (v);
}

struct table *
tview_table(struct view *v)
{
	if (v == NULL || v->ops != &tview_ops)
		return (NULL);
	return (((struct tview *)v->data)->table);
}
