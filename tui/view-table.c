/*
 * view-table.c: a resource table as a view: a store of one resource in
 * one namespace scope, the table widget over it, and the keys that act on
 * the selected object (describe, YAML, tree, delete).
 */
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "tui.h"

struct tview {
	struct scs_store	*store;
	struct table		*table;
};

static const struct view_ops tview_ops;

static void
tview_changed(struct scs_store *s, void *arg)
{
	struct view	*v = arg;

	(void)s;
	v->app->dirty = 1;
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

static int
tview_key(struct view *v, int key)
{
	struct tview			*t = v->data;
	struct app			*a = v->app;
	const struct scs_record		*r = table_selected(t->table);
	const struct scs_resource	*res = scs_store_resource(t->store);
	struct view			*nv;

	switch (key) {
	case '\r':
	case '\n':
	case KEYS_SPECIAL + KEY_ENTER:
	case 't':
		if (r == NULL)
			return (1);
		if (is_capi_clusters(res))
			view_push(a, tree_view(a, r->ns, r->name));
		else if (strcmp(res->name, "clusterstacks") == 0 && key != 't')
			view_push(a, stack_view(a, r->ns, r->name));
		else if (key != 't')
			view_push(a, detail_view(a, res, r->ns, r->name, 0));
		return (1);
	case 'd':
	case 'y':
		if (r != NULL)
			view_push(a, detail_view(a, res, r->ns, r->name,
			    key == 'y'));
		return (1);
	case 4:		/* C-d */
		if (r != NULL)
			app_delete_ask(a, res, r->ns, r->name);
		return (1);
	case 'c':
	case 'e':
		if (!is_capi_clusters(res))
			return (0);
		if (key == 'c')
			nv = form_create_view(a, a->ns != NULL ? a->ns :
			    r != NULL ? r->ns : NULL);
		else
			nv = r != NULL ? form_edit_view(a, r->ns, r->name) :
			    NULL;
		if (nv != NULL)
			view_push(a, nv);
		return (1);
	}
	return (table_key(t->table, key, LINES - 5));
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

	return (scs_store_busy(t->store) || scs_store_state(t->store, NULL) ==
	    SCS_STORE_LOADING);
}

static const char *
tview_hints(struct view *v)
{
	struct tview	*t = v->data;

	if (is_capi_clusters(scs_store_resource(t->store)))
		return ("<Enter>tree <c>new <e>edit <d>describe <y>yaml "
		    "<C-d>del </>filter <?>help");
	return ("<Enter>describe <y>yaml <C-d>delete </>filter <:>cmd "
	    "<0>all ns <Esc>back <?>help");
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
	table_free(t->table);
	scs_store_free(t->store);
	free(t);
}

static const char *const tview_help[] = {
	"  Enter            clusters: the live tree; others: describe",
	"  d  y             describe, YAML        C-d  delete (asks)",
	"  c  e             clusters: create one (a form), edit/scale/upgrade",
	"  N A S  < >       sort by name, age, status / previous, next column",
	"  /                filter: text, !text (inverse), -l key=value",
	NULL
};

static const struct view_ops tview_ops = {
	.kind = "table",
	.draw = tview_draw,
	.key = tview_key,
	.filter = tview_filter,
	.busy = tview_busy,
	.hints = tview_hints,
	.help = tview_help,
	.free = tview_free,
	.click = tview_click,
	.wake = tview_wake,
};

struct view *
tview_new(struct app *a, const struct scs_resource *res, const char *ns)
{
	struct tview	*t = scs_xcalloc(1, sizeof *t);
	struct view	*v;

	if (!res->namespaced)
		ns = NULL;
	t->store = scs_store_new(a->api, res, ns, NULL);
	t->table = table_new(t->store, res->name, res->namespaced &&
	    ns == NULL);
	v = view_new(a, &tview_ops, t, "%s", res->name);
	scs_store_subscribe(t->store, tview_changed, v);
	return (v);
}

struct table *
tview_table(struct view *v)
{
	if (v == NULL || v->ops != &tview_ops)
		return (NULL);
	return (((struct tview *)v->data)->table);
}
