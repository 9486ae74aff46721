/*
 * test-views.c: the table, tree, form and overview views on fixed stores,
 * linked from the tui library as they are, without a terminal (curses in
 * memory, screen_dump) and without the simulator: the loopback test peer
 * (tests/core/peer.c) answers discovery, lists and streaming lists
 * (watches with sendInitialEvents) with fixed objects and holds watches
 * open. Each view is drawn, given actions (never keys), and what it
 * shows and opens is checked.
 */
#include <locale.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scs/util.h"
#include "tui.h"
#include "../tap.h"
#include "../core/peer.h"

#define DEADLINE_MS	5000

/* --- the peer ---------------------------------------------------------- */

static const char core_v1[] = "{\"kind\":\"APIResourceList\","
    "\"groupVersion\":\"v1\",\"resources\":["
    "{\"name\":\"secrets\",\"singularName\":\"secret\",\"namespaced\":true,"
    "\"kind\":\"Secret\",\"verbs\":[\"get\",\"list\",\"watch\"]},"
    "{\"name\":\"events\",\"singularName\":\"event\",\"namespaced\":true,"
    "\"kind\":\"Event\",\"verbs\":[\"get\",\"list\",\"watch\"]}]}";

static const char apis[] = "{\"kind\":\"APIGroupList\",\"groups\":["
    "{\"name\":\"cluster.x-k8s.io\",\"versions\":["
    "{\"groupVersion\":\"cluster.x-k8s.io/v1beta2\",\"version\":\"v1beta2\"}],"
    "\"preferredVersion\":{\"groupVersion\":\"cluster.x-k8s.io/v1beta2\","
    "\"version\":\"v1beta2\"}}]}";

#define CAPI_RES(plural, singular, kind)				\
    "{\"name\":\"" plural "\",\"singularName\":\"" singular "\","	\
    "\"namespaced\":true,\"kind\":\"" kind "\",\"verbs\":[\"get\","	\
    "\"list\",\"watch\",\"create\",\"update\",\"patch\",\"delete\"]}"

static const char capi[] = "{\"kind\":\"APIResourceList\","
    "\"groupVersion\":\"cluster.x-k8s.io/v1beta2\",\"resources\":["
    CAPI_RES("clusters", "cluster", "Cluster") ","
    CAPI_RES("machinedeployments", "machinedeployment", "MachineDeployment")
    "," CAPI_RES("machines", "machine", "Machine") ","
    CAPI_RES("clusterclasses", "clusterclass", "ClusterClass") "]}";

#define META(name, extra)						\
    "\"metadata\":{\"name\":\"" name "\",\"namespace\":\"tenant-a\","	\
    "\"uid\":\"u-" name "\",\"resourceVersion\":\"7\","		\
    "\"creationTimestamp\":\"2026-11-01T00:00:00Z\"" extra "}"
#define OWNED	",\"labels\":{\"cluster.x-k8s.io/cluster-name\":\"prod-eu1\"}"
#define READY	"{\"type\":\"Ready\",\"status\":\"True\",\"reason\":"	\
    "\"Ready\",\"lastTransitionTime\":\"2026-11-01T00:10:00Z\"}"

static const char clusters[] = "{\"kind\":\"ClusterList\","
    "\"apiVersion\":\"cluster.x-k8s.io/v1beta2\","
    "\"metadata\":{\"resourceVersion\":\"7\"},\"items\":["
    "{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\",\"kind\":\"Cluster\","
    META("prod-eu1", OWNED) ",\"spec\":{\"topology\":{\"classRef\":"
    "{\"name\":\"openstack-scs2-1-35-v2\"},\"version\":\"v1.35.5\","
    "\"controlPlane\":{\"replicas\":1},\"workers\":{\"machineDeployments\":"
    "[{\"class\":\"default-worker\",\"name\":\"md-0\",\"replicas\":2}]}}},"
    "\"status\":{\"phase\":\"Provisioned\",\"controlPlane\":"
    "{\"desiredReplicas\":1,\"readyReplicas\":1},\"workers\":"
    "{\"desiredReplicas\":2,\"readyReplicas\":2},\"conditions\":["
    "{\"type\":\"Available\",\"status\":\"True\",\"reason\":\"Available\","
    "\"lastTransitionTime\":\"2026-11-01T00:10:00Z\"}]}}]}";

static const char mds[] = "{\"kind\":\"MachineDeploymentList\","
    "\"apiVersion\":\"cluster.x-k8s.io/v1beta2\","
    "\"metadata\":{\"resourceVersion\":\"7\"},\"items\":["
    "{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\","
    "\"kind\":\"MachineDeployment\"," META("prod-eu1-md-0", OWNED) ","
    "\"spec\":{\"clusterName\":\"prod-eu1\",\"replicas\":2},"
    "\"status\":{\"replicas\":2,\"readyReplicas\":2,\"phase\":\"Running\","
    "\"conditions\":[" READY "]}}]}";

#define MACHINE(name)							\
    "{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\",\"kind\":\"Machine\","	\
    META(name, ",\"labels\":{\"cluster.x-k8s.io/cluster-name\":"	\
    "\"prod-eu1\",\"cluster.x-k8s.io/deployment-name\":"		\
    "\"prod-eu1-md-0\"}") ",\"spec\":{\"clusterName\":\"prod-eu1\","	\
    "\"version\":\"v1.35.5\"},\"status\":{\"phase\":\"Running\","	\
    "\"conditions\":[" READY "]}}"

static const char machines[] = "{\"kind\":\"MachineList\","
    "\"apiVersion\":\"cluster.x-k8s.io/v1beta2\","
    "\"metadata\":{\"resourceVersion\":\"7\"},\"items\":["
    MACHINE("prod-eu1-md-0-aaaaa") "," MACHINE("prod-eu1-md-0-bbbbb") "]}";

static const char classes[] = "{\"kind\":\"ClusterClassList\","
    "\"apiVersion\":\"cluster.x-k8s.io/v1beta2\","
    "\"metadata\":{\"resourceVersion\":\"7\"},\"items\":["
    "{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\",\"kind\":\"ClusterClass\","
    META("openstack-scs2-1-35-v2", "") ",\"spec\":{\"workers\":"
    "{\"machineDeployments\":[{\"class\":\"default-worker\"}]},"
    "\"variables\":[{\"name\":\"workerFlavor\",\"required\":false,"
    "\"schema\":{\"openAPIV3Schema\":{\"type\":\"string\","
    "\"default\":\"SCS-4V-8\",\"description\":\"the workers' flavor\"}}}]},"
    "\"status\":{\"conditions\":[" READY "]}}]}";

static const char empty[] = "{\"kind\":\"List\",\"apiVersion\":\"v1\","
    "\"metadata\":{\"resourceVersion\":\"7\"},\"items\":[]}";

static int	 port;

/* The list of the resource a path names (its last segment). */
static const char *
list_of(const char *path)
{
	static const struct {
		const char	*plural, *body;
	} lists[] = {
		{ "clusters", clusters }, { "machinedeployments", mds },
		{ "machines", machines }, { "clusterclasses", classes },
	};
	char		 seg[128];
	const char	*q = strchr(path, '?'), *s;
	size_t		 n = q != NULL ? (size_t)(q - path) : strlen(path), i;

	for (s = path + n; s > path && s[-1] != '/'; s--)
		;
	snprintf(seg, sizeof seg, "%.*s", (int)(path + n - s), s);
	for (i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		if (strcmp(seg, lists[i].plural) == 0)
			return (lists[i].body);
	}
	return (empty);
}

/* A streaming list: the objects, then the bookmark that ends them, as
 * the apiserver sends them. */
static void
initial_events(struct peer *p, const char *list)
{
	cJSON	*l = cJSON_Parse(list), *item, *ev;
	char	*line, *nl;

	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(l,
	    "items")) {
		ev = cJSON_CreateObject();
		cJSON_AddStringToObject(ev, "type", "ADDED");
		cJSON_AddItemToObject(ev, "object",
		    cJSON_Duplicate(item, 1));
		line = cJSON_PrintUnformatted(ev);
		nl = scs_xprintf("%s\n", line);
		peer_chunk(p, nl);
		free(nl);
		cJSON_free(line);
		cJSON_Delete(ev);
	}
	cJSON_Delete(l);
	peer_chunk(p, "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":"
	    "\"List\",\"apiVersion\":\"v1\",\"metadata\":{"
	    "\"resourceVersion\":\"7\",\"annotations\":{"
	    "\"k8s.io/initial-events-end\":\"true\"}}}}\n");
}

static void
serve(struct peer *p, const char *req)
{
	char	 path[2048];

	if (sscanf(req, "%*15s %2047s", path) != 1)
		return;
	if (strcmp(path, "/api") == 0)
		peer_reply(p, "200 OK", "", "{\"kind\":\"APIVersions\","
		    "\"versions\":[\"v1\"]}");
	else if (strcmp(path, "/apis") == 0)
		peer_reply(p, "200 OK", "", apis);
	else if (strcmp(path, "/api/v1") == 0)
		peer_reply(p, "200 OK", "", core_v1);
	else if (strcmp(path, "/apis/cluster.x-k8s.io/v1beta2") == 0)
		peer_reply(p, "200 OK", "", capi);
	else if (strstr(path, "watch=") != NULL) {
		peer_put(p, "HTTP/1.1 200 OK\r\nContent-Type: "
		    "application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
		if (strstr(path, "sendInitialEvents=true") != NULL)
			initial_events(p, list_of(path));
		/* Then nothing to say, until the client goes. */
		peer_wait_closed(p, DEADLINE_MS * 4);
	} else
		peer_reply(p, "200 OK", "", list_of(path));
}

/* --- the app around the views ------------------------------------------ */

static struct app	 a;
static struct options	 opts;
static struct scs_target target;
static char		 server_url[64];

static void
on_discovered(const struct scs_api_result *r, void *arg)
{
	(void)r;
	*(int *)arg = 1;
}

static char	*shown;	/* the screen as last drawn */

static void
redraw(void)
{
	app_draw(&a);
	free(shown);
	shown = screen_dump();
}

static const char *
screen(void)
{
	return (shown != NULL ? shown : "");
}

/* Run the event loop until the top view is idle (or the deadline). */
static void
settle(void)
{
	int64_t		 end = scs_now_ms() + DEADLINE_MS;
	struct view	*v;

	while (scs_now_ms() < end) {
		/* Drawn as the loop draws: a view may start work then. */
		redraw();
		scs_http_run(a.http, 20);
		v = view_top(&a);
		if (v != NULL && (v->ops->busy == NULL || !v->ops->busy(v)) &&
		    scs_api_pending_requests(a.api) == 0)
			break;
	}
	redraw();
}

static int
app_up(void)
{
	char	*cause = NULL;
	int	 done = 0;
	int64_t	 end;

	snprintf(server_url, sizeof server_url, "http://127.0.0.1:%d", port);
	target.server = server_url;
	target.context = (char *)(uintptr_t)"test";
	target.namespace = (char *)(uintptr_t)"tenant-a";
	a.opts = &opts;
	a.http = scs_http_new();
	a.stores = scs_store_pool_new();
	a.alerts = alerts_new();
	a.target = &target;
	a.context = scs_xstrdup("test");
	a.ns = scs_xstrdup("tenant-a");
	a.persona = SCS_PERSONA_TENANT;
	a.persona_known = 1;
	a.screen_up = 1;
	config_resolve(NULL, NULL, NULL, &a.eff);
	if ((a.api = scs_api_new(a.http, &target, NULL, &cause)) == NULL) {
		diag("%s", cause);
		free(cause);
		return (-1);
	}
	scs_api_discover(a.api, on_discovered, &done);
	end = scs_now_ms() + DEADLINE_MS;
	while (!done && scs_now_ms() < end)
		scs_http_run(a.http, 20);
	a.discovered = scs_api_discovery(a.api) != NULL;
	snprintf(a.conn, sizeof a.conn, "connected");
	return (a.discovered ? 0 : -1);
}

static void
app_down(void)
{
	view_clear(&a);
	app_clusters_stop(&a);
	alerts_free(a.alerts);
	scs_store_pool_free(a.stores);
	scs_api_free(a.api);
	scs_http_free(a.http);
	free(a.context);
	free(a.ns);
}

static int
act(enum action act)
{
	struct view	*v = view_top(&a);

	return (v != NULL ? view_act(&a, v, act) : 0);
}

/* --- the views --------------------------------------------------------- */

static void
test_table(void)
{
	const struct scs_resource	*r = app_resource(&a,
					    "cluster.x-k8s.io", "clusters");
	struct view			*v;

	if (r == NULL) {
		ok(0, "clusters discovered");
		return;
	}
	view_root(&a, tview_new(&a, r, "tenant-a"));
	v = view_top(&a);
	settle();
	is_int(v->ops->scope(v), SCOPE_CLUSTERS, "the clusters table's scope");
	ok(strstr(screen(), "clusters(tenant-a)[1]") != NULL &&
	    strstr(screen(), "prod-eu1") != NULL, "the table lists the "
	    "cluster:\n%s", screen());
	ok(strstr(screen(), "<c>create") != NULL, "its footer offers create");
	is_int(act(ACTION_SORT_NAME), VIEW_HANDLED, "sorting is the table's");
	ok(strstr(screen(), "NAME") != NULL, "a NAME column");
	is_int(act(ACTION_PERSONA), 0, "persona is left to the console");
	act(ACTION_DESCRIBE);
	ok(view_top(&a) != v && strcmp(view_top(&a)->ops->kind, "detail") == 0,
	    "describe opens the detail view");
	view_pop(&a);
	act(ACTION_CREATE);
	ok(strcmp(view_top(&a)->ops->kind, "form") == 0,
	    "create opens the cluster form");
	view_pop(&a);
	act(ACTION_OPEN);
	ok(strcmp(view_top(&a)->ops->kind, "tree") == 0,
	    "Enter on a cluster opens its tree");
	a.readonly = 1;
	view_pop(&a);
	redraw();
	ok(strstr(screen(), "create") == NULL && strstr(screen(), "delete") ==
	    NULL, "readonly: no write in the footer");
	a.readonly = 0;
}

static void
test_tree(void)
{
	struct view	*v;
	size_t		 i;
	int		 flags;

	view_root(&a, tree_view(&a, "tenant-a", "prod-eu1"));
	v = view_top(&a);
	settle();
	is_int(v->ops->scope(v), SCOPE_TREE, "the tree's scope");
	ok(strstr(screen(), "MachineDeployment/prod-eu1-md-0") != NULL,
	    "the tree shows the MachineDeployment:\n%s", screen());
	ok(strstr(screen(), "2 Machines") != NULL && strstr(screen(),
	    "Machine/prod-eu1-md-0-aaaaa") == NULL, "machines in one state "
	    "are one line:\n%s", screen());
	ok(strstr(screen(), "<c>conditions") != NULL &&
	    strstr(screen(), "<g>group") != NULL, "its footer");
	is_int(act(ACTION_GROUP), VIEW_HANDLED, "group is the tree's");
	redraw();
	ok(strstr(screen(), "Machine/prod-eu1-md-0-aaaaa") != NULL &&
	    strstr(screen(), "Machine/prod-eu1-md-0-bbbbb") != NULL &&
	    strstr(screen(), "(machines ungrouped)") != NULL,
	    "ungrouped: each machine, said in the title:\n%s", screen());
	/* Down to the machine deployment, then its conditions. */
	for (i = 0; i < 20 && strstr(screen(), "Ready") == NULL; i++) {
		act(ACTION_DOWN);
		flags = act(ACTION_CONDITIONS);
		redraw();
		if (flags != VIEW_HANDLED)
			break;
	}
	ok(strstr(screen(), "Ready") != NULL, "conditions of an object "
	    "show on its line:\n%s", screen());
	is_int(act(ACTION_FILTER), 0, "filter is not the tree's");
	/* By context name: the alerts' and the fleet overview's way in. */
	ok(tree_view_ctx(&a, "nope", "tenant-a", "prod-eu1") == NULL,
	    "no tree in a context that is not open");
	v = tree_view_ctx(&a, "test", "tenant-a", "prod-eu1");
	ok(v != NULL && v->api == a.api && strcmp(v->crumb, "prod-eu1") == 0,
	    "the app's context by its name");
	if (v != NULL) {
		view_push(&a, v);
		view_pop(&a);
	}
}

/* The part the live list views share: the stores watched (busy while
 * one loads, their lists make the lines due), the conditions toggles,
 * everything let go at the end. */
static void
test_lview(void)
{
	const struct scs_resource	*cl, *m;
	struct lview			 lv;
	char				*exp = NULL;
	int				 all = 0;
	int64_t				 end;

	cl = app_resource(&a, "cluster.x-k8s.io", "clusters");
	m = app_resource(&a, "cluster.x-k8s.io", "machines");
	if (cl == NULL || m == NULL) {
		ok(0, "clusters and machines discovered");
		return;
	}
	memset(&lv, 0, sizeof lv);
	lview_init(&lv, &a, SCOPE_TREE);
	ok(lview_due(&lv) && !lview_due(&lv), "due at first, then not");
	ok(lview_watch(&lv, NULL, 0) == NULL && lv.nstores == 0,
	    "no store, nothing watched");
	lview_watch(&lv, app_store_get(&a, cl, "tenant-a"), 1);
	lview_watch(&lv, scs_store_new(a.api, m, "tenant-a", NULL), 0);
	is_int(lview_busy(&lv), 1, "busy while a store loads");
	end = scs_now_ms() + DEADLINE_MS;
	while (lview_busy(&lv) && scs_now_ms() < end)
		scs_http_run(a.http, 20);
	is_int(lview_busy(&lv), 0, "not busy once they are listed");
	ok(lview_due(&lv), "the lists made the lines due");
	is_int(lview_conditions(&lv, ACTION_CONDITIONS, "Machine/m1", &exp,
	    &all), 1, "conditions is its");
	is_str(exp, "Machine/m1", "conditions under that line");
	ok(lview_due(&lv), "the lines are due");
	lview_conditions(&lv, ACTION_CONDITIONS, "Machine/m1", &exp, &all);
	ok(exp == NULL, "again: hidden");
	lview_conditions(&lv, ACTION_CONDITIONS_ALL, NULL, &exp, &all);
	is_int(all, 1, "conditions-all: under every line");
	is_int(lview_conditions(&lv, ACTION_GROUP, "x", &exp, &all), 0,
	    "group is not its");
	lview_done(&lv);
	is_int(lv.nstores, 0, "done: no store watched");
	free(exp);
}

/* Key names for messages: several in one message are each their own
 * (the preview's title names preview and send). */
static void
test_key_names(void)
{
	const char	*p = app_key_name(&a, ACTION_PREVIEW, SCOPE_PREVIEW);
	const char	*s = app_key_name(&a, ACTION_SEND, SCOPE_PREVIEW);
	const char	*d = app_key_name(&a, ACTION_DISCARD, SCOPE_FORM);
	const char	*e = app_key_name(&a, ACTION_ENTRY_CLEAR, SCOPE_ENTRY);

	ok(strcmp(p, "p") == 0 && strcmp(s, "s") == 0 && strcmp(d, "X") ==
	    0 && strcmp(e, "C-u") == 0, "four key names at once: %s %s %s %s",
	    p, s, d, e);
	is_str(app_key_name(&a, ACTION_CONFIRM, SCOPE_TABLE), "confirm",
	    "an action without a key there: its name");
	is_str(app_yes_no(&a), "[y/N]", "a question's keys");
}

static void
test_form(void)
{
	struct view	*v = form_create_view(&a, "tenant-a");
	const char	*c;

	if (v == NULL) {
		ok(0, "form_create_view");
		return;
	}
	view_push(&a, v);
	settle();
	is_int(v->ops->scope(v), SCOPE_FORM, "the form's scope");
	ok(strstr(screen(), "create a cluster in tenant-a") != NULL,
	    "the create form:\n%s", screen());
	ok(strstr(screen(), "workerFlavor") != NULL, "with the class's "
	    "variable");
	/* The name (found as / finds it): Enter opens the editor, typed
	 * text goes in as text. */
	v->ops->filter(v, "name");
	act(ACTION_EDIT_FIELD);
	ok(v->ops->typing(v), "Enter edits the field");
	for (c = "web-1"; *c != '\0'; c++)
		v->ops->text(v, *c);
	redraw();
	ok(strstr(screen(), "web-1") != NULL, "typed text shows");
	v->ops->text(v, '\r');
	ok(!v->ops->typing(v), "Enter keeps it");
	is_int(act(ACTION_PREVIEW), VIEW_HANDLED, "preview");
	is_int(v->ops->scope(v), SCOPE_PREVIEW, "the preview's scope");
	redraw();
	ok(strstr(screen(), "YAML preview") != NULL && strstr(screen(),
	    "name: web-1") != NULL, "the YAML to be sent:\n%s", screen());
	is_int(act(ACTION_PERSONA), VIEW_HANDLED, "the preview takes other "
	    "actions (nothing else happens)");
	is_int(act(ACTION_BACK), VIEW_HANDLED, "Esc: back to the form");
	is_int(v->ops->scope(v), SCOPE_FORM, "the form again");
	act(ACTION_DISCARD);
	redraw();
	ok(a.confirm_cb != NULL && strstr(screen(), "discard your changes "
	    "and the draft? [y/N]") != NULL, "discarding changes asks, "
	    "naming the keys:\n%s", screen());
	prompt_key(&a, 'y');
	ok(view_top(&a) != v, "y discards and closes the form");
	form_drop_draft(&a, "tenant-a");
}

static void
test_overview(void)
{
	struct view	*v = overview_view(&a, SCS_PERSONA_TENANT);
	size_t		 i;

	view_root(&a, v);
	settle();
	is_int(v->ops->scope(v), SCOPE_TENANT, "the tenant overview's scope");
	ok(strstr(screen(), "My clusters in tenant-a: 1") != NULL,
	    "the tenant overview counts the cluster:\n%s", screen());
	a.message[0] = '\0';	/* as a key would */
	redraw();
	ok(strstr(screen(), "<c>create") != NULL, "and offers create:\n%s",
	    screen());
	/* Down the lines: Enter on the heading opens the clusters table,
	 * on the cluster's line its tree. */
	act(ACTION_TOP);
	for (i = 0; i < 30; i++) {
		act(ACTION_OPEN);
		if (view_top(&a) != v && strcmp(view_top(&a)->ops->kind,
		    "tree") == 0)
			break;
		while (view_top(&a) != v && a.nviews > 1)
			view_pop(&a);
		act(ACTION_DOWN);
	}
	ok(view_top(&a) != v && strcmp(view_top(&a)->ops->kind, "tree") == 0,
	    "Enter on a cluster line opens its tree");
}

int
main(void)
{
	char		 dir[] = "/tmp/scs-views-XXXXXX";
	struct theme	 theme;

	signal(SIGPIPE, SIG_IGN);
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	port = peer_start(serve, NULL);
	if (mkdtemp(dir) == NULL || setenv("XDG_STATE_HOME", dir, 1) != 0) {
		ok(0, "set up");
		return (tap_done());
	}
	if (screen_init(1, 100, 40) != 0) {
		ok(0, "curses in memory");
		return (tap_done());
	}
	theme_default(&theme);
	theme_apply(&theme);
	if (app_up() != 0) {
		ok(0, "discovery from the peer");
		screen_done();
		return (tap_done());
	}
	test_table();
	test_tree();
	test_lview();
	test_key_names();
	test_form();
	test_overview();
	app_down();
	peer_quiesce(DEADLINE_MS);
	screen_done();
	free(shown);
	rmdir(dir);
	return (tap_done());
}
