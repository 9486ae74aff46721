/*
 * test-api.c: scs_api against the loopback HTTP/1.1 test peer (peer.h)
 * answering canned responses: get/list, Status errors,
 * writes and readonly refusal, impersonation headers, discovery, watch
 * streams (events split across writes, 410 as an ERROR event), and a 401
 * answered by re-running an exec plugin.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scs/api.h"
#include "scs/util.h"
#include "../tap.h"
#include "peer.h"

static int		 port;
static atomic_int	 nrequests;
static pthread_mutex_t	 loglock = PTHREAD_MUTEX_INITIALIZER;
static char		 lastreq[8192];	/* head and body of the last request */

/* A JSON response. */
static void
reply(struct peer *p, const char *status, const char *body)
{
	peer_reply(p, status, "Content-Type: application/json\r\n", body);
}

static const char apis[] = "{\"kind\":\"APIGroupList\",\"groups\":["
    "{\"name\":\"cluster.x-k8s.io\",\"versions\":["
    "{\"groupVersion\":\"cluster.x-k8s.io/v1beta2\",\"version\":\"v1beta2\"},"
    "{\"groupVersion\":\"cluster.x-k8s.io/v1beta1\",\"version\":\"v1beta1\"}],"
    "\"preferredVersion\":{\"groupVersion\":\"cluster.x-k8s.io/v1beta2\","
    "\"version\":\"v1beta2\"}},"
    "{\"name\":\"broken.example.com\",\"versions\":["
    "{\"groupVersion\":\"broken.example.com/v1\",\"version\":\"v1\"}],"
    "\"preferredVersion\":{\"groupVersion\":\"broken.example.com/v1\","
    "\"version\":\"v1\"}}]}";

static const char corev1[] = "{\"kind\":\"APIResourceList\","
    "\"groupVersion\":\"v1\",\"resources\":["
    "{\"name\":\"secrets\",\"singularName\":\"secret\",\"namespaced\":true,"
    "\"kind\":\"Secret\",\"verbs\":[\"get\",\"list\",\"watch\"]},"
    "{\"name\":\"namespaces\",\"singularName\":\"namespace\","
    "\"namespaced\":false,\"kind\":\"Namespace\",\"verbs\":[\"get\","
    "\"list\"],\"shortNames\":[\"ns\"]}]}";

static const char capi2[] = "{\"kind\":\"APIResourceList\","
    "\"groupVersion\":\"cluster.x-k8s.io/v1beta2\",\"resources\":["
    "{\"name\":\"clusters\",\"singularName\":\"cluster\",\"namespaced\":true,"
    "\"kind\":\"Cluster\",\"verbs\":[\"get\",\"list\",\"watch\",\"create\","
    "\"update\",\"patch\",\"delete\"],\"shortNames\":[\"cl\"]},"
    "{\"name\":\"clusters/status\",\"singularName\":\"\",\"namespaced\":true,"
    "\"kind\":\"Cluster\",\"verbs\":[\"get\"]}]}";

static const char capi1[] = "{\"kind\":\"APIResourceList\","
    "\"groupVersion\":\"cluster.x-k8s.io/v1beta1\",\"resources\":["
    "{\"name\":\"clusters\",\"singularName\":\"cluster\",\"namespaced\":true,"
    "\"kind\":\"Cluster\",\"verbs\":[\"get\",\"list\"]}]}";

static const char notfound[] = "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
    "\"metadata\":{},\"status\":\"Failure\",\"message\":"
    "\"clusters.cluster.x-k8s.io \\\"x\\\" not found\",\"reason\":"
    "\"NotFound\",\"details\":{\"name\":\"x\",\"group\":\"cluster.x-k8s.io\","
    "\"kind\":\"clusters\"},\"code\":404}";

static void
serve_watch(struct peer *p, const char *path)
{
	if (strstr(path, "resourceVersion=gone") != NULL) {
		reply(p, "410 Gone", "{\"kind\":\"Status\",\"status\":"
		    "\"Failure\",\"message\":\"too old\",\"reason\":"
		    "\"Expired\",\"code\":410}");
		return;
	}
	peer_put(p, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	    "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
	if (strstr(path, "resourceVersion=drop") != NULL) {
		peer_chunk(p, "{\"type\":\"ADDED\",\"object\":{}}\n{\"ty");
		return;		/* no last chunk: the connection just ends */
	}
	if (strstr(path, "resourceVersion=old") != NULL) {
		peer_chunk(p, "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\","
		    "\"status\":\"Failure\",\"message\":\"too old resource "
		    "version: 1 (5)\",\"reason\":\"Expired\",\"code\":410}}\n");
	} else {
		peer_chunk(p, "{\"type\":\"ADDED\",\"object\":{\"metadata\":"
		    "{\"name\":\"a\"}}}\n{\"type\":\"BOOK");
		peer_chunk(p, "MARK\",\"object\":{\"metadata\":{\"resourceVersion\":"
		    "\"7\"}}}");
		peer_chunk(p, "\n{\"type\":\"MODIFIED\",");
		peer_chunk(p, "\"object\":{\"metadata\":{\"name\":\"a\"}}}\n");
		peer_chunk(p, "{\"type\":\"DELETED\",\"object\":{\"metadata\":"
		    "{\"name\":\"a\"}}}\n");
	}
	peer_put(p, "0\r\n\r\n");
}

static void
serve(struct peer *p, const char *req)
{
	char		 method[16], path[1024];

	if (sscanf(req, "%15s %1023s", method, path) != 2)
		return;
	atomic_fetch_add(&nrequests, 1);
	pthread_mutex_lock(&loglock);
	scs_strlcpy(lastreq, req, sizeof lastreq);
	pthread_mutex_unlock(&loglock);

	if (strcmp(path, "/api") == 0)
		reply(p, "200 OK", "{\"kind\":\"APIVersions\",\"versions\":"
		    "[\"v1\"]}");
	else if (strcmp(path, "/apis") == 0)
		reply(p, "200 OK", apis);
	else if (strcmp(path, "/api/v1") == 0)
		reply(p, "200 OK", corev1);
	else if (strcmp(path, "/apis/cluster.x-k8s.io/v1beta2") == 0)
		reply(p, "200 OK", capi2);
	else if (strcmp(path, "/apis/cluster.x-k8s.io/v1beta1") == 0)
		reply(p, "200 OK", capi1);
	else if (strcmp(path, "/apis/broken.example.com/v1") == 0)
		reply(p, "500 Internal Server Error", "oops");
	else if (strstr(path, "watch=1") != NULL)
		serve_watch(p, path);
	else if (strstr(path, "/clusters/x") != NULL)
		reply(p, "404 Not Found", notfound);
	else if (strcmp(path, "/whoami") == 0) {
		if (strstr(req, "Authorization: Bearer tok-2") != NULL)
			reply(p, "200 OK", "{\"user\":\"ok\"}");
		else
			reply(p, "401 Unauthorized", "{\"kind\":\"Status\","
			    "\"status\":\"Failure\",\"message\":"
			    "\"Unauthorized\",\"reason\":\"Unauthorized\","
			    "\"code\":401}");
	} else if (strcmp(path, "/text-error") == 0)
		reply(p, "502 Bad Gateway", "<html>bad gateway</html>");
	else if (strstr(path, "selfsubjectaccessreviews") != NULL)
		reply(p, "201 Created", "{\"kind\":\"SelfSubjectAccessReview\","
		    "\"status\":{\"allowed\":true}}");
	else
		reply(p, "200 OK", "{\"kind\":\"ClusterList\",\"items\":[],"
		    "\"metadata\":{\"resourceVersion\":\"5\"}}");
}

static int
last_has(const char *s)
{
	int	 r;

	pthread_mutex_lock(&loglock);
	r = strstr(lastreq, s) != NULL;
	pthread_mutex_unlock(&loglock);
	return (r);
}

struct res {
	int		 done;
	enum scs_status	 status;
	long		 code;
	char		*message;
	char		*reason;
	int		 has_json;
	int		 allowed;
	struct scs_buf	 events;
	int		 events_seen;
};

static void
on_res(const struct scs_api_result *r, void *arg)
{
	struct res	*x = arg;
	const cJSON	*st, *al;

	x->done++;
	x->status = r->status;
	x->code = r->http_code;
	free(x->message);
	x->message = scs_xstrdup(r->message);
	free(x->reason);
	x->reason = r->error != NULL && r->error->reason != NULL ?
	    scs_xstrdup(r->error->reason) : NULL;
	x->has_json = r->json != NULL;
	st = cJSON_GetObjectItemCaseSensitive(r->json, "status");
	al = cJSON_GetObjectItemCaseSensitive(st, "allowed");
	x->allowed = cJSON_IsTrue(al);
}

static void
on_event(const char *type, const cJSON *obj, void *arg)
{
	struct res	*x = arg;

	scs_buf_printf(&x->events, "%s;", type);
}

static struct scs_api_call *cancel_in_event;

static void
on_event_cancel(const char *type, const cJSON *obj, void *arg)
{
	struct res	*x = arg;

	x->events_seen++;
	scs_api_cancel(cancel_in_event);
}

static void
res_clear(struct res *x)
{
	free(x->message);
	free(x->reason);
	scs_buf_done(&x->events);
	memset(x, 0, sizeof *x);
}

static void
run_until(struct scs_http *h, int *flag, int want)
{
	int64_t	 end = scs_now_ms() + 40000;

	while (*flag < want && scs_now_ms() < end)
		scs_http_run(h, 100);
}

static void
make_target(struct scs_target *t, char *server)
{
	memset(t, 0, sizeof *t);
	t->server = server;
	t->namespace = (char *)(uintptr_t)"default";
}

static struct scs_resource clusters = {
	(char *)(uintptr_t)"cluster.x-k8s.io", (char *)(uintptr_t)"v1beta2",
	(char *)(uintptr_t)"clusters", (char *)(uintptr_t)"cluster",
	(char *)(uintptr_t)"Cluster", 1, 0, NULL, NULL, 1
};

static void
test_basic(struct scs_http *h, char *server)
{
	struct scs_target	 t;
	struct scs_api_options	 o;
	struct scs_api		*a;
	struct scs_list_opts	 lo;
	struct res		 x;
	const char *const	 groups[] = { "devs", "ops", NULL };
	char			*cause = NULL;

	make_target(&t, server);
	memset(&o, 0, sizeof o);
	o.as = "jane";
	o.as_groups = groups;
	a = scs_api_new(h, &t, &o, &cause);
	ok(a != NULL, "api_new");
	memset(&x, 0, sizeof x);

	memset(&lo, 0, sizeof lo);
	lo.label_selector = "a in (b,c)";
	scs_api_list(a, &clusters, "ns1", &lo, on_res, &x);
	is_int(scs_api_pending_requests(a), 1, "one request pending");
	run_until(h, &x.done, 1);
	is_int(x.status, SCS_OK, "list OK");
	ok(x.has_json, "list json");
	ok(last_has("GET /apis/cluster.x-k8s.io/v1beta2/namespaces/ns1/"
	    "clusters?limit=500&labelSelector=a%20in%20%28b%2Cc%29"),
	    "list path and escaped query");
	ok(last_has("Accept: application/json"), "Accept header");
	ok(last_has("User-Agent: scs-tui/"), "User-Agent header");
	ok(last_has("Impersonate-User: jane") &&
	    last_has("Impersonate-Group: devs") &&
	    last_has("Impersonate-Group: ops"), "impersonation headers");
	is_int(scs_api_pending_requests(a), 0, "nothing pending");

	scs_api_get(a, &clusters, "ns1", "x", on_res, &x);
	run_until(h, &x.done, 2);
	is_int(x.status, SCS_NOTFOUND, "404 -> NOTFOUND");
	is_str(x.reason, "NotFound", "Status reason");
	is_str(x.message, "clusters.cluster.x-k8s.io \"x\" not found "
	    "(404 NotFound)", "one-line message");

	scs_api_raw(a, "GET", "/text-error", NULL, NULL, 0, on_res, &x);
	run_until(h, &x.done, 3);
	is_int(x.status, SCS_API, "502 -> API");
	ok(x.message != NULL && strstr(x.message, "502") != NULL,
	    "synthesised message: %s", x.message);

	scs_api_delete(a, &clusters, "ns1", "c1", &(struct scs_delete_opts){
	    "Foreground", "u-1", NULL, 0 }, SCS_WRITE_DRY_RUN, on_res, &x);
	run_until(h, &x.done, 4);
	is_int(x.status, SCS_OK, "delete OK");
	ok(last_has("DELETE /apis/cluster.x-k8s.io/v1beta2/namespaces/ns1/"
	    "clusters/c1?fieldManager=scs-tui&dryRun=All"), "delete path");
	ok(last_has("\"propagationPolicy\":\"Foreground\"") &&
	    last_has("\"uid\":\"u-1\"") &&
	    last_has("\"gracePeriodSeconds\":0"), "DeleteOptions body");

	{
		cJSON	*p = cJSON_Parse("{\"spec\":{\"paused\":true}}");

		scs_api_patch(a, &clusters, "ns1", "c1", p, 0, on_res, &x);
		cJSON_Delete(p);
	}
	run_until(h, &x.done, 5);
	is_int(x.status, SCS_OK, "patch OK");
	ok(last_has("PATCH /apis/cluster.x-k8s.io/v1beta2/namespaces/ns1/"
	    "clusters/c1?fieldManager=scs-tui") &&
	    last_has("Content-Type: application/merge-patch+json") &&
	    last_has("{\"spec\":{\"paused\":true}}"), "merge patch sent");

	res_clear(&x);
	scs_api_free(a);
}

static void
test_readonly(struct scs_http *h, char *server)
{
	struct scs_target	 t;
	struct scs_api_options	 o;
	struct scs_api		*a;
	struct res		 x;
	cJSON			*obj;
	int			 before;

	make_target(&t, server);
	memset(&o, 0, sizeof o);
	o.readonly = 1;
	a = scs_api_new(h, &t, &o, NULL);
	memset(&x, 0, sizeof x);
	obj = cJSON_Parse("{\"metadata\":{\"name\":\"c1\"}}");
	before = atomic_load(&nrequests);
	scs_api_create(a, &clusters, "ns1", obj, 0, on_res, &x);
	scs_api_update(a, &clusters, "ns1", obj, 0, on_res, &x);
	scs_api_patch(a, &clusters, "ns1", "c1", obj, 0, on_res, &x);
	scs_api_delete(a, &clusters, "ns1", "c1", NULL, 0, on_res, &x);
	scs_api_raw(a, "POST", "/api/v1/namespaces", NULL, "{}", 2, on_res,
	    &x);
	/* Every mutating method, also through the raw call (deletecollection
	 * is a DELETE of the collection). */
	scs_api_raw(a, "PUT", "/api/v1/namespaces/x", NULL, "{}", 2, on_res,
	    &x);
	scs_api_raw(a, "PATCH", "/api/v1/namespaces/x", NULL, "{}", 2,
	    on_res, &x);
	scs_api_raw(a, "DELETE", "/api/v1/namespaces/x/secrets", NULL, NULL,
	    0, on_res, &x);
	cJSON_Delete(obj);
	ok(x.done == 0, "refusals are not reported synchronously");
	run_until(h, &x.done, 8);
	is_int(x.done, 8, "eight refusals: create, update, patch, delete, "
	    "raw POST, PUT, PATCH, DELETE");
	is_int(x.status, SCS_READONLY, "READONLY");

	scs_api_can_i(a, "create", "cluster.x-k8s.io", "clusters", "ns1",
	    on_res, &x);
	run_until(h, &x.done, 9);
	is_int(x.status, SCS_OK, "access review allowed when readonly");
	ok(x.allowed, "allowed decoded");
	ok(last_has("\"resource\":\"clusters\""), "review body");
	/* The review went out after the refusals: had one been sent, the
	 * peer would have seen it first. */
	is_int(atomic_load(&nrequests), before + 1,
	    "the peer saw the review, and no refused request");
	res_clear(&x);
	scs_api_free(a);
}

static void
test_discovery(struct scs_http *h, char *server)
{
	struct scs_target		 t;
	struct scs_api			*a;
	struct res			 x;
	const struct scs_discovery	*d;
	const struct scs_resource	*r;

	make_target(&t, server);
	a = scs_api_new(h, &t, NULL, NULL);
	memset(&x, 0, sizeof x);
	scs_api_discover(a, on_res, &x);
	is_int(scs_api_pending(a), 1, "discovery is one pending call");
	run_until(h, &x.done, 1);
	is_int(x.status, SCS_OK, "discovery OK despite a broken group");
	diag("%s", x.message);
	d = scs_api_discovery(a);
	ok(d != NULL, "discovery cached");
	is_int(d != NULL ? scs_discovery_count(d) : 0, 4,
	    "4 resources (subresource skipped)");
	is_int(scs_discovery_missing(d), 1, "the broken group-version is "
	    "missing: discovery is not whole");
	r = d != NULL ? scs_discovery_find(d, "cl") : NULL;
	is_str(r != NULL ? r->version : NULL, "v1beta2", "preferred version");
	r = d != NULL ? scs_discovery_find(d, "clusters.v1beta1."
	    "cluster.x-k8s.io") : NULL;
	is_str(r != NULL ? r->version : NULL, "v1beta1", "explicit version");
	r = d != NULL ? scs_discovery_find(d, "ns") : NULL;
	ok(r != NULL && !r->namespaced, "core namespaces");
	is_int(scs_api_pending(a), 0, "nothing left");

	/* Cancel a second run half-way: no callback, nothing leaks. */
	scs_api_cancel(scs_api_discover(a, on_res, &x));
	scs_http_run(h, 50);
	is_int(x.done, 1, "cancelled discovery: no callback");
	res_clear(&x);
	scs_api_free(a);
}

static void
test_watch(struct scs_http *h, char *server)
{
	struct scs_target	 t;
	struct scs_api		*a;
	struct res		 x;
	struct scs_watch_opts	 wo;

	make_target(&t, server);
	a = scs_api_new(h, &t, NULL, NULL);
	memset(&x, 0, sizeof x);
	memset(&wo, 0, sizeof wo);
	wo.resource_version = "5";
	wo.timeout_s = 30;
	scs_api_watch(a, &clusters, NULL, &wo, on_event, on_res, &x);
	is_int(scs_api_pending_requests(a), 0, "a watch is not a request");
	is_int(scs_api_pending(a), 1, "but it is pending");
	run_until(h, &x.done, 1);
	is_int(x.status, SCS_OK, "watch ended by server: OK");
	is_str(x.events.data, "ADDED;BOOKMARK;MODIFIED;DELETED;",
	    "events in order across split writes");
	ok(last_has("watch=1") && last_has("allowWatchBookmarks=true") &&
	    last_has("resourceVersion=5") && last_has("timeoutSeconds=30"),
	    "watch query");
	res_clear(&x);

	wo.resource_version = "gone";
	scs_api_watch(a, &clusters, "ns1", &wo, on_event, on_res, &x);
	run_until(h, &x.done, 1);
	is_int(x.status, SCS_EXPIRED, "HTTP 410 -> EXPIRED");
	res_clear(&x);

	wo.resource_version = "drop";
	scs_api_watch(a, &clusters, "ns1", &wo, on_event, on_res, &x);
	run_until(h, &x.done, 1);
	is_int(x.status, SCS_HTTP, "dropped stream -> HTTP: %s", x.message);
	is_str(x.events.data, "ADDED;", "event before the drop delivered");
	res_clear(&x);

	wo.resource_version = "5";
	cancel_in_event = scs_api_watch(a, &clusters, "ns1", &wo,
	    on_event_cancel, on_res, &x);
	run_until(h, &x.events_seen, 1);
	scs_http_run(h, 200);
	is_int(x.events_seen, 1, "cancel from the event callback stops events");
	is_int(x.done, 0, "and suppresses done");
	is_int(scs_api_pending(a), 0, "and frees the watch");
	res_clear(&x);

	wo.resource_version = "old";
	scs_api_watch(a, &clusters, "ns1", &wo, on_event, on_res, &x);
	run_until(h, &x.done, 1);
	is_int(x.status, SCS_EXPIRED, "ERROR 410 -> EXPIRED");
	is_str(x.reason, "Expired", "ERROR Status decoded");
	ok(x.events.data == NULL, "ERROR not delivered as an event");
	res_clear(&x);
	scs_api_free(a);
}

static void
test_exec_401(struct scs_http *h, char *server)
{
	struct scs_target	 t;
	struct scs_exec_spec	 x;
	struct scs_api		*a;
	struct res		 r;
	char			 counter[] = "/tmp/scs-test-api-XXXXXX";
	char			*args[2], *cmd;
	const char		*src = getenv("SCS_SRCDIR");
	int			 fd;

	if (src == NULL) {
		skip("no SCS_SRCDIR");
		return;
	}
	fd = mkstemp(counter);
	close(fd);
	cmd = scs_xprintf("%s/tests/data/exec-api/counter-token.sh", src);
	make_target(&t, server);
	memset(&x, 0, sizeof x);
	x.command = cmd;
	args[0] = counter;
	args[1] = NULL;
	x.args = args;
	x.api_version = (char *)(uintptr_t)"client.authentication.k8s.io/v1";
	x.interactive_mode = (char *)(uintptr_t)"Never";
	t.exec = &x;
	a = scs_api_new(h, &t, NULL, NULL);
	memset(&r, 0, sizeof r);
	scs_api_raw(a, "GET", "/whoami", NULL, NULL, 0, on_res, &r);
	is_int(scs_api_pending_requests(a), 1, "queued behind the plugin");
	run_until(h, &r.done, 1);
	is_int(r.status, SCS_OK, "401 then OK after re-running the plugin: %s",
	    r.message);
	ok(last_has("Bearer tok-2"), "second token used");

	/* A call cancelled while waiting for the plugin: no callback. */
	scs_auth_invalidate(scs_api_auth(a));
	scs_api_cancel(scs_api_raw(a, "GET", "/whoami", NULL, NULL, 0, on_res,
	    &r));
	scs_http_run(h, 300);
	is_int(r.done, 1, "cancelled while pending: no callback");
	res_clear(&r);
	scs_api_free(a);

	/* A missing plugin: SCS_AUTH through the callback. */
	x.command = (char *)(uintptr_t)"scs-no-such-plugin";
	a = scs_api_new(h, &t, NULL, NULL);
	scs_api_raw(a, "GET", "/whoami", NULL, NULL, 0, on_res, &r);
	ok(r.done == 0, "auth failure not reported synchronously");
	run_until(h, &r.done, 1);
	is_int(r.status, SCS_AUTH, "missing plugin -> AUTH: %s", r.message);
	res_clear(&r);
	scs_api_free(a);
	unlink(counter);
	free(cmd);
}

int
main(void)
{
	struct scs_http	*h;
	char		*server;

	signal(SIGPIPE, SIG_IGN);	/* the peer may write to closed sockets */
	port = peer_start(serve, NULL);
	server = scs_xprintf("http://127.0.0.1:%d/", port);
	h = scs_http_new();
	test_basic(h, server);
	test_readonly(h, server);
	test_discovery(h, server);
	test_watch(h, server);
	test_exec_401(h, server);
	is_int(scs_http_pending(h), 0, "no transfer left");
	scs_http_free(h);
	free(server);
	peer_quiesce(5000);
	return (tap_done());
}
