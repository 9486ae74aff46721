/*
 * services.c: what the views use, below them (tui.h): messages in the
 * footer, key names for messages, the discovered resources, shared
 * stores and the clusters every persona view watches (with the alerts it
 * feeds), opening views and moving between namespaces and personas.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/log.h"
#include "scs/util.h"
#include "tui.h"

#define ALERT_SCAN_MS		1000	/* alerts compare states this often */

void
app_message(struct app *a, int error, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(a->message, sizeof a->message, fmt, ap);
	va_end(ap);
	a->message_error = error;
	a->dirty = 1;
}

const char *
app_key_name(struct app *a, enum action act, enum scope s)
{
	static char	 ring[APP_KEY_NAMES][16];
	static size_t	 next;
	char		*buf = ring[next++ % APP_KEY_NAMES];
	int		 key;

	if (action_keys(&a->eff, act, s, &key, 1) == 0)
		return (action_name(act));
	/* keys_name's buffer is one: a message names several keys. */
	scs_strlcpy(buf, keys_name(key), sizeof ring[0]);
	return (buf);
}

const struct scs_resource *
app_resource(struct app *a, const char *group, const char *plural)
{
	return (api_resource(a->api, group, plural));
}

const struct scs_resource *
api_resource(struct scs_api *api, const char *group, const char *plural)
{
	const struct scs_discovery	*d;
	const struct scs_resource	*r;
	size_t				 i;

	if (api == NULL || (d = scs_api_discovery(api)) == NULL)
		return (NULL);
	for (i = 0; i < scs_discovery_count(d); i++) {
		r = scs_discovery_at(d, i);
		if (r->preferred && strcmp(r->name, plural) == 0 &&
		    (group == NULL || strcmp(r->group, group) == 0))
			return (r);
	}
	return (NULL);
}

void
app_open_object(struct app *a, struct scs_api *api, const char *ctx,
    const char *ns, const char *kind_name)
{
	const struct scs_resource	*res;
	const char			*slash = strchr(kind_name, '/');
	char				 kind[128];

	if (api == NULL)
		api = a->api;
	if (slash == NULL || slash == kind_name || slash[1] == '\0' ||
	    (size_t)(slash - kind_name) >= sizeof kind) {
		app_message(a, 1, "this event names no object");
		return;
	}
	memcpy(kind, kind_name, (size_t)(slash - kind_name));
	kind[slash - kind_name] = '\0';
	res = scs_discovery_find(scs_api_discovery(api), kind);
	if (res == NULL) {
		app_message(a, 1, "%s: not served here", kind);
		return;
	}
	if (strcmp(res->name, "clusters") == 0 &&
	    strcmp(res->group, "cluster.x-k8s.io") == 0)
		view_push(a, tree_view_api(a, api, ctx, ns, slash + 1));
	else
		view_push(a, detail_view_api(a, api, res, res->namespaced ?
		    ns : NULL, slash + 1, 0));
}

const char *
api_resource_title(struct scs_api *api, const struct scs_resource *res,
    char *buf, size_t len)
{
	const struct scs_discovery	*d;
	const struct scs_resource	*r;
	size_t				 i;

	snprintf(buf, len, "%s", res->name);
	if (api == NULL || (d = scs_api_discovery(api)) == NULL)
		return (buf);
	/* The one the bare name opens keeps it. */
	r = scs_discovery_find(d, res->name);
	if (r != NULL && strcmp(r->group, res->group) == 0)
		return (buf);
	for (i = 0; i < scs_discovery_count(d); i++) {
		r = scs_discovery_at(d, i);
		if (strcmp(r->name, res->name) == 0 &&
		    strcmp(r->group, res->group) != 0) {
			snprintf(buf, len, "%s.%s", res->name,
			    *res->group != '\0' ? res->group : "core");
			break;
		}
	}
	return (buf);
}

/* Compare the clusters of every context with what was seen before (the
 * first synced state of each is learnt); the failing and degraded counts
 * join the trend (app->trend, the overview's sparklines). */
static void
alerts_scan(void *arg)
{
	struct app		*a = arg;
	struct scs_store	*st[FLEET_MAX + 1];
	const char		*nm[FLEET_MAX + 1];
	const struct scs_index	*x;
	size_t			 i, k, n, synced = 0, busy = 0;
	int			 added = 0, count[CHART_SERIES] = { 0, 0 };
	enum scs_health		 h;

	a->alert_timer = 0;
	a->alert_scan_ms = scs_now_ms();
	n = fleet_sources(a, st, nm, NULL, NULL, FLEET_MAX + 1);
	for (i = 0; i < n; i++) {
		if (st[i] != NULL && (scs_store_busy(st[i]) ||
		    scs_store_state(st[i], NULL) == SCS_STORE_LOADING))
			busy++;
		if (st[i] == NULL ||
		    scs_store_state(st[i], NULL) != SCS_STORE_SYNCED ||
		    scs_store_busy(st[i]))
			continue;
		x = scs_store_index(st[i]);
		added += alerts_update(a->alerts, nm[i], x);
		for (k = 0; k < scs_index_count(x); k++) {
			h = scs_index_at(x, k)->health;
			count[0] += h == SCS_HEALTH_ERROR;
			count[1] += h == SCS_HEALTH_WARNING;
		}
		synced++;
	}
	/* A store loading or in the middle of a list would count short:
	 * the scan its change brings counts it. */
	if (synced > 0 && busy == 0)
		chart_trend_add(&a->trend, scs_wall_s(), count);
	if (added > 0) {
		app_message(a, 1, "ALERT: %d cluster%s turned failed or "
		    "degraded (%s lists them)", added, added == 1 ? "" : "s",
		    app_key_name(a, ACTION_ALERTS, SCOPE_TABLE));
		if (!a->opts->no_display)
			beep();
	}
}

void
app_alerts_due(struct app *a)
{
	struct scs_store	*st[FLEET_MAX + 1];
	const char		*nm[FLEET_MAX + 1];
	size_t			 i, n;
	int64_t			 due;

	a->dirty = 1;
	due = a->alert_scan_ms + ALERT_SCAN_MS - scs_now_ms();
	/* A context synced for the first time is learnt at once: what
	 * changes after that is what alerts. */
	n = fleet_sources(a, st, nm, NULL, NULL, FLEET_MAX + 1);
	for (i = 0; i < n && due > 0; i++) {
		if (st[i] != NULL && !alerts_known(a->alerts, nm[i]) &&
		    scs_store_state(st[i], NULL) == SCS_STORE_SYNCED)
			due = 0;
	}
	if (a->alert_timer != 0) {
		if (due > 0)
			return;
		scs_http_timer_cancel(a->http, a->alert_timer);
	}
	a->alert_timer = scs_http_timer(a->http, due > 0 ? due : 0,
	    alerts_scan, a);
}

static void
on_clusters(struct scs_store *s, void *arg)
{
	(void)s;
	app_alerts_due(arg);
}

struct scs_store *
app_store_get(struct app *a, const struct scs_resource *res, const char *ns)
{
	return (scs_store_pool_get(a->stores, a->api, res, ns));
}

void
app_store_put(struct app *a, struct scs_store *s)
{
	scs_store_pool_put(a->stores, s);
}

void
app_clusters_stop(struct app *a)
{
	if (a->clusters != NULL) {
		scs_store_unsubscribe(a->clusters, on_clusters, a);
		app_store_put(a, a->clusters);
		a->clusters = NULL;
	}
	if (a->alert_timer != 0) {
		scs_http_timer_cancel(a->http, a->alert_timer);
		a->alert_timer = 0;
	}
	alerts_free(a->alerts);
	a->alerts = alerts_new();
	chart_trend_init(&a->trend);
}

struct scs_store *
app_clusters(struct app *a)
{
	const struct scs_resource	*r;
	const char			*ns = a->ns;

	if (a->clusters != NULL || !a->discovered || !a->persona_known)
		return (a->clusters);
	if ((r = app_resource(a, "cluster.x-k8s.io", "clusters")) == NULL)
		return (NULL);
	/* Fleet views look across namespaces when the user may. */
	if (a->persona != SCS_PERSONA_TENANT && a->access.list_clusters_all)
		ns = NULL;
	a->clusters = app_store_get(a, r, ns);
	scs_store_subscribe(a->clusters, on_clusters, a);
	return (a->clusters);
}

/* Home, then resource res on top of it. */
static void
app_show(struct app *a, const struct scs_resource *res)
{
	while (a->nviews > 1)
		view_pop(a);
	/* Several contexts: the clusters of all of them. */
	if (a->nfleet > 0 && app_clusters(a) != NULL &&
	    strcmp(res->group, "cluster.x-k8s.io") == 0 &&
	    strcmp(res->name, "clusters") == 0)
		view_push(a, fleet_table_view(a));
	else
		view_push(a, tview_new(a, res, a->ns));
	scs_log_info("view %s in %s", res->name, a->ns != NULL ? a->ns :
	    "all");
}

int
app_show_name(struct app *a, const char *name)
{
	const struct scs_resource	*r;

	if (!a->discovered) {
		app_message(a, 1, "not connected yet");
		return (-1);
	}
	r = scs_discovery_find(scs_api_discovery(a->api), name);
	if (r == NULL || (r->verbs & SCS_VERB_LIST) == 0) {
		app_message(a, 1, "no resource '%s' on this server", name);
		return (-1);
	}
	app_show(a, r);
	a->message[0] = '\0';
	return (0);
}

void
app_set_persona(struct app *a, enum scs_persona p)
{
	a->persona = p;
	a->persona_known = 1;
	if (!a->discovered)
		return;
	app_clusters_stop(a);
	view_root(a, overview_view(a, p));
}

void
app_next_persona(struct app *a)
{
	a->persona_forced = 1;
	/* The order of the brief: IaaS, KaaS, tenant, and round. */
	app_set_persona(a, a->persona == SCS_PERSONA_IAAS ?
	    SCS_PERSONA_KAAS : a->persona == SCS_PERSONA_KAAS ?
	    SCS_PERSONA_TENANT : SCS_PERSONA_IAAS);
	app_message(a, 0, "persona %s", scs_persona_name(a->persona));
}

void
app_set_ns(struct app *a, const char *ns)
{
	struct view	*top = view_top(a);
	struct table	*t = tview_table(top);
	char		*kind = NULL;

	if (t != NULL)
		kind = scs_xstrdup(scs_store_resource(table_store(t))->name);
	free(a->ns);
	a->ns = ns != NULL ? scs_xstrdup(ns) : NULL;
	if (!a->discovered) {
		free(kind);
		return;
	}
	app_set_persona(a, a->persona);
	if (kind != NULL)
		app_show_name(a, kind);
	free(kind);
}

char *
app_kubeconfig_path(struct app *a)
{
	const char	*env = getenv("KUBECONFIG"), *home = getenv("HOME");
	size_t		 n;

	if (a->opts->kubeconfig != NULL)
		return (scs_xstrdup(a->opts->kubeconfig));
	if (env != NULL && *env != '\0') {
		n = strcspn(env, ":");
		return (scs_xprintf("%.*s", (int)n, env));
	}
	return (scs_xprintf("%s/.kube/config", home != NULL ? home : "."));
}
