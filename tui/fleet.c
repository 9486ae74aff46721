/*
 * fleet.c: several management clusters at once (--context a,b,c or
 * :ctx a,b). The first context is the app's own; each further one gets
 * its own API client and an all-namespaces clusters store, and fails on
 * its own: an unreachable one shows its state and is tried again, the
 * others go on. The KaaS overview sums them up; the clusters table shows
 * them all with a CONTEXT column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/log.h"
#include "scs/util.h"
#include "tui.h"

#define FLEET_RETRY_MS	10000

struct fleet_ctx {
	struct app		*app;
	char			*name;
	struct scs_target	*target;
	struct scs_api		*api;
	struct scs_store	*clusters;
	uint64_t		 retry;
	char			 state[256];
	char			 shown[256];	/* state or liveness */
	int			 bad;
};

static void	fleet_connect(struct fleet_ctx *);
static void	on_fleet_access(const struct scs_api_result *, void *);

static void
fleet_changed(struct scs_store *s, void *arg)
{
	struct fleet_ctx	*fc = arg;

	(void)s;
	app_alerts_due(fc->app);
}

static void
fleet_retry(void *arg)
{
	struct fleet_ctx	*fc = arg;

	fc->retry = 0;
	fleet_connect(fc);
}

static void
on_fleet_discovered(const struct scs_api_result *r, void *arg)
{
	struct fleet_ctx		*fc = arg;
	const struct scs_resource	*res;

	fc->app->dirty = 1;
	res = api_resource(fc->api, "cluster.x-k8s.io", "clusters");
	if (res == NULL) {
		snprintf(fc->state, sizeof fc->state, "%s",
		    r->status != SCS_OK ? r->message :
		    "no clusters.cluster.x-k8s.io here");
		fc->bad = 1;
		fc->retry = scs_http_timer(fc->app->http, FLEET_RETRY_MS,
		    fleet_retry, fc);
		return;
	}
	/* Ask before listing across namespaces: a tenant's context gets its
	 * own namespace instead of a 403. */
	snprintf(fc->state, sizeof fc->state, "checking access\u2026");
	scs_api_can_i(fc->api, "list", "cluster.x-k8s.io", "clusters", NULL,
	    on_fleet_access, fc);
}

/* Clusters of every namespace when the user may list them there, else of
 * the context's namespace (the state says so). */
static void
on_fleet_access(const struct scs_api_result *r, void *arg)
{
	struct fleet_ctx		*fc = arg;
	const struct scs_resource	*res;
	const char			*ns = NULL;

	fc->app->dirty = 1;
	res = api_resource(fc->api, "cluster.x-k8s.io", "clusters");
	if (res == NULL)
		return;
	fc->bad = 0;
	if (r->status == SCS_OK && !scs_review_allowed(r->json)) {
		ns = fc->target->namespace;
		snprintf(fc->state, sizeof fc->state, "namespace %s only: may "
		    "not list clusters across namespaces", ns);
	} else
		snprintf(fc->state, sizeof fc->state, "connected");
	fc->clusters = scs_store_pool_get(fc->app->stores, fc->api, res, ns);
	scs_store_subscribe(fc->clusters, fleet_changed, fc);
}

static void
fleet_connect(struct fleet_ctx *fc)
{
	snprintf(fc->state, sizeof fc->state, "connecting\u2026");
	scs_api_discover(fc->api, on_fleet_discovered, fc);
}

static void
fleet_free_one(struct fleet_ctx *fc)
{
	if (fc->retry != 0)
		scs_http_timer_cancel(fc->app->http, fc->retry);
	if (fc->clusters != NULL) {
		scs_store_unsubscribe(fc->clusters, fleet_changed, fc);
		scs_store_pool_put(fc->app->stores, fc->clusters);
	}
	scs_api_free(fc->api);
	scs_target_free(fc->target);
	free(fc->name);
	free(fc);
}

void
fleet_close(struct app *a)
{
	size_t	 i;

	/* Views may show the stores: they go first. */
	if (a->nfleet > 0)
		view_clear(a);
	for (i = 0; i < a->nfleet; i++)
		fleet_free_one(a->fleet[i]);
	a->nfleet = 0;
}

void
fleet_open(struct app *a, const char *list)
{
	struct scs_api_options	 ao;
	struct fleet_ctx	*fc;
	char			*copy = scs_xstrdup(list), *p, *name, *cause;

	fleet_close(a);
	for (p = copy; (name = strsep(&p, ",")) != NULL;) {
		while (*name == ' ')
			name++;
		if (*name == '\0' || scs_streq(name, a->context) ||
		    a->nfleet == FLEET_MAX)
			continue;
		fc = scs_xcalloc(1, sizeof *fc);
		fc->app = a;
		fc->name = scs_xstrdup(name);
		a->fleet[a->nfleet++] = fc;
		cause = NULL;
		if (scs_kubeconfig_resolve(a->kc, name, &fc->target,
		    &cause) != SCS_OK) {
			snprintf(fc->state, sizeof fc->state, "%s", cause);
			fc->bad = 1;
			free(cause);
			continue;
		}
		memset(&ao, 0, sizeof ao);
		ao.readonly = a->readonly;
		ao.have_tty = !a->opts->no_display;
		if ((fc->api = scs_api_new(a->http, fc->target, &ao,
		    &cause)) == NULL) {
			snprintf(fc->state, sizeof fc->state, "%s", cause);
			fc->bad = 1;
			free(cause);
			continue;
		}
		scs_api_set_silence(fc->api, a->silence_ms, 0);
		fleet_connect(fc);
		scs_log_info("fleet: context %s added", name);
	}
	free(copy);
}

size_t
fleet_sources(struct app *a, struct scs_store **stores, const char **names,
    struct scs_api **apis, const char **states, size_t max)
{
	size_t	 i, n = 0;

	if (max == 0)
		return (0);
	stores[n] = app_clusters(a);
	names[n] = a->context != NULL ? a->context : "";
	if (apis != NULL)
		apis[n] = a->api;
	if (states != NULL)
		states[n] = live_state(a->api, a->conn, a->conn_shown,
		    sizeof a->conn_shown);
	n++;
	for (i = 0; i < a->nfleet && n < max; i++, n++) {
		stores[n] = a->fleet[i]->clusters;
		names[n] = a->fleet[i]->name;
		if (apis != NULL)
			apis[n] = a->fleet[i]->api;
		if (states != NULL)
			states[n] = live_state(a->fleet[i]->api,
			    a->fleet[i]->state, a->fleet[i]->shown,
			    sizeof a->fleet[i]->shown);
	}
	return (n);
}

int
fleet_busy(struct app *a)
{
	size_t	 i;

	for (i = 0; i < a->nfleet; i++) {
		if (a->fleet[i]->clusters != NULL &&
		    (scs_store_busy(a->fleet[i]->clusters) ||
		    scs_store_state(a->fleet[i]->clusters, NULL) ==
		    SCS_STORE_LOADING))
			return (1);
		if (a->fleet[i]->clusters == NULL && !a->fleet[i]->bad)
			return (1);
	}
	return (0);
}

/* --- the clusters of every context in one table ----------------------------- */

struct ftable {
	struct app	*app;
	struct table	*table;
	struct scs_api	*apis[FLEET_MAX + 1];
	char		*names[FLEET_MAX + 1];
	size_t		 n;
};

static void
fleet_table_draw(struct view *v, int y, int rows)
{
	struct ftable	*fleet = v->data;

	table_draw(fleet->table, y, rows);
}

static enum scope
fleet_table_scope(struct view *v)
{
	(void)v;
	return (SCOPE_FLEET);
}

static int
fleet_table_action(struct view *v, enum action act)
{
	struct ftable			*fleet = v->data;
	struct app			*a = fleet->app;
	const struct scs_record		*r = table_selected(fleet->table);
	int				 src;
	const struct scs_resource	*res;

	if (act == ACTION_BACK && table_filter(fleet->table)[0] != '\0') {
		/* Esc clears the filter first. */
		table_set_filter(fleet->table, "");
		return (VIEW_HANDLED);
	}
	src = table_selected_source(fleet->table);
	if (r == NULL || src < 0 || (size_t)src >= fleet->n)
		return (table_action(fleet->table, act, LINES - 5) ?
		    VIEW_HANDLED : 0);
	switch (act) {
	case ACTION_OPEN:
		view_push(a, tree_view_api(a, fleet->apis[src],
		    fleet->names[src], r->ns, r->name));
		return (VIEW_HANDLED);
	case ACTION_DESCRIBE:
	case ACTION_YAML:
		res = api_resource(fleet->apis[src], "cluster.x-k8s.io",
		    "clusters");
		if (res != NULL)
			view_push(a, detail_view_api(a, fleet->apis[src], res,
			    r->ns, r->name, act == ACTION_YAML));
		return (VIEW_HANDLED);
	case ACTION_DELETE:
	case ACTION_EDIT_YAML:
		if (src != 0) {
			app_message(a, 1, "this cluster is in context %s: :ctx "
			    "%s to change it", fleet->names[src],
			    fleet->names[src]);
			return (VIEW_HANDLED);
		}
		if ((res = app_resource(a, "cluster.x-k8s.io", "clusters")) ==
		    NULL)
			return (VIEW_HANDLED);
		if (act == ACTION_EDIT_YAML)
			edit_object(a, res, r->ns, r->name);
		else
			app_delete_ask(a, res, r->ns, r->name);
		return (VIEW_HANDLED);
	default:
		return (table_action(fleet->table, act, LINES - 5) ?
		    VIEW_HANDLED : 0);
	}
}

/* The cluster on the line, in its own context (plugins). */
static int
fleet_table_object(struct view *v, struct view_object *o)
{
	struct ftable			*fleet = v->data;
	const struct scs_record		*r = table_selected(fleet->table);
	int				 src = table_selected_source(
					    fleet->table);

	if (r == NULL || src < 0 || (size_t)src >= fleet->n ||
	    (o->res = api_resource(fleet->apis[src], "cluster.x-k8s.io",
	    "clusters")) == NULL)
		return (-1);
	o->ns = r->ns;
	o->name = r->name;
	o->cluster = r->name;
	o->api = fleet->apis[src];
	return (0);
}

static void
fleet_table_filter(struct view *v, const char *text)
{
	struct ftable	*fleet = v->data;

	table_set_filter(fleet->table, text);
}

static int
fleet_table_busy(struct view *v)
{
	struct ftable	*fleet = v->data;

	return (fleet_busy(fleet->app));
}

static void
fleet_table_click(struct view *v, int y)
{
	struct ftable	*fleet = v->data;

	table_click(fleet->table, y);
}

static int64_t
fleet_table_wake(struct view *v)
{
	struct ftable	*fleet = v->data;

	return (table_highlight_until(fleet->table));
}

static void
fleet_table_free(struct view *v)
{
	struct ftable	*fleet = v->data;
	size_t		 i;

	table_free(fleet->table);
	for (i = 0; i < fleet->n; i++)
		free(fleet->names[i]);
	free(fleet);
}

static const char *const fleet_table_notes[] = {
	"Each cluster opens in its own context; sorting takes the CONTEXT "
	"column too.",
	"Each context fails on its own: its state is in the fleet overview.",
	NULL
};

static const struct view_ops fleet_table_ops = {
	.kind = "fleet-table",
	.draw = fleet_table_draw,
	.scope = fleet_table_scope,
	.action = fleet_table_action,
	.filter = fleet_table_filter,
	.busy = fleet_table_busy,
	.notes = fleet_table_notes,
	.free = fleet_table_free,
	.object = fleet_table_object,
	.click = fleet_table_click,
	.wake = fleet_table_wake,
};

struct view *
fleet_table_view(struct app *a)
{
	struct ftable		*fleet = scs_xcalloc(1, sizeof *fleet);
	struct scs_store	*stores[FLEET_MAX + 1], *ok[FLEET_MAX + 1];
	const char		*names[FLEET_MAX + 1], *okn[FLEET_MAX + 1];
	struct scs_api		*apis[FLEET_MAX + 1];
	struct view		*v;
	size_t			 n, i;

	fleet->app = a;
	n = fleet_sources(a, stores, names, apis, NULL, FLEET_MAX + 1);
	/* Contexts not connected (yet) have no store: left out. */
	for (i = 0; i < n; i++) {
		if (stores[i] == NULL)
			continue;
		ok[fleet->n] = stores[i];
		okn[fleet->n] = names[i];
		fleet->apis[fleet->n] = apis[i];
		fleet->names[fleet->n] = scs_xstrdup(names[i]);
		fleet->n++;
	}
	fleet->table = table_new_multi(ok, okn, fleet->n, "clusters", 1);
	v = view_new(a, &fleet_table_ops, fleet, "clusters");
	v->api = NULL;		/* every context's */
	return (v);
}
