/*
 * api.c: the Kubernetes REST client object: credentials per request
 * (queued while an exec plugin runs, one retry after a 401), identity
 * headers, readonly refusal, results with Status decoding, and the verbs.
 */
#include <stdlib.h>
#include <string.h>

#include "api-int.h"
#include "core.h"
#include "scs/log.h"
#include "scs/util.h"

#define API_TIMEOUT_MS		30000L
#define API_FIELD_MANAGER	"scs-tui"

static void	api_auth_ready(enum scs_status, const char *, void *);

static char **
strv_add(char **v, size_t *n, char *s)
{
	v = scs_xreallocarray(v, *n + 2, sizeof *v);
	v[(*n)++] = s;
	v[*n] = NULL;
	return (v);
}

static void
strv_free(char **v)
{
	char	**p;

	if (v == NULL)
		return;
	for (p = v; *p != NULL; p++)
		free(*p);
	free(v);
}

/* User-Agent and impersonation headers, fixed for the api's lifetime. */
static void
api_identity(struct scs_api *a, const struct scs_api_options *o)
{
	const struct scs_target	*t = a->target;
	const char *const	*g;
	char			*const *cg;
	char			*k, *key, *eq;
	size_t			 n = 0;
	const char		*as;

	a->id_headers = strv_add(a->id_headers, &n,
	    scs_xprintf("User-Agent: %s", a->user_agent));
	as = o != NULL && o->as != NULL ? o->as : t->as;
	if (as == NULL || *as == '\0')
		return;
	a->id_headers = strv_add(a->id_headers, &n,
	    scs_xprintf("Impersonate-User: %s", as));
	if (o != NULL && o->as_groups != NULL) {
		for (g = o->as_groups; *g != NULL; g++)
			a->id_headers = strv_add(a->id_headers, &n,
			    scs_xprintf("Impersonate-Group: %s", *g));
	} else if (t->as_groups != NULL) {
		for (cg = t->as_groups; *cg != NULL; cg++)
			a->id_headers = strv_add(a->id_headers, &n,
			    scs_xprintf("Impersonate-Group: %s", *cg));
	}
	if (t->as_uid != NULL && *t->as_uid != '\0')
		a->id_headers = strv_add(a->id_headers, &n,
		    scs_xprintf("Impersonate-Uid: %s", t->as_uid));
	for (cg = t->as_extra; cg != NULL && *cg != NULL; cg++) {
		k = scs_xstrdup(*cg);
		if ((eq = strchr(k, '=')) != NULL) {
			*eq++ = '\0';
			key = core_url_escape(k);
			a->id_headers = strv_add(a->id_headers, &n,
			    scs_xprintf("Impersonate-Extra-%s: %s", key, eq));
			free(key);
		}
		free(k);
	}
}

struct scs_api *
scs_api_new(struct scs_http *http, const struct scs_target *t,
    const struct scs_api_options *o, char **cause)
{
	struct scs_api	*a;
	size_t		 len;

	if (t == NULL || t->server == NULL ||
	    (!scs_strprefix(t->server, "https://") &&
	    !scs_strprefix(t->server, "http://"))) {
		scs_cause(cause, "bad server URL: %s", t != NULL &&
		    t->server != NULL ? t->server : "(none)");
		return (NULL);
	}
	a = scs_xcalloc(1, sizeof *a);
	a->http = http;
	a->target = scs_target_dup(t);
	a->base = scs_xstrdup(t->server);
	len = strlen(a->base);
	while (len > 0 && a->base[len - 1] == '/')
		a->base[--len] = '\0';
	a->readonly = o != NULL && o->readonly;
	a->user_agent = o != NULL && o->user_agent != NULL ?
	    scs_xstrdup(o->user_agent) : scs_xprintf("scs-tui/%s",
	    scs_version());
	a->timeout_ms = o != NULL && o->timeout_ms > 0 ? o->timeout_ms :
	    API_TIMEOUT_MS;
	a->silence_ms = SCS_LIVE_SILENCE_MS;
	a->probe_ms = SCS_LIVE_PROBE_MS;
	a->auth = scs_auth_new(http, a->target);
	scs_auth_set_tty(a->auth, o != NULL && o->have_tty, NULL, NULL);
	api_identity(a, o);
	return (a);
}

void
scs_api_free(struct scs_api *a)
{
	if (a == NULL)
		return;
	while (a->calls != NULL)
		api_call_free(a->calls);
	api_live_free(a);
	scs_auth_free(a->auth);
	core_discovery_free(a->disc);
	strv_free(a->id_headers);
	free(a->user_agent);
	free(a->base);
	scs_target_free(a->target);
	free(a);
}

struct scs_http *
scs_api_http(const struct scs_api *a)
{
	return (a->http);
}

struct scs_auth *
scs_api_auth(const struct scs_api *a)
{
	return (a->auth);
}

const struct scs_target *
scs_api_target(const struct scs_api *a)
{
	return (a->target);
}

int
scs_api_readonly(const struct scs_api *a)
{
	return (a->readonly);
}

const struct scs_discovery *
scs_api_discovery(const struct scs_api *a)
{
	return (a->disc);
}

size_t
scs_api_pending(const struct scs_api *a)
{
	const struct scs_api_call	*c;
	size_t				 n = 0;

	for (c = a->calls; c != NULL; c = c->next) {
		if (c->parent == NULL)
			n++;
	}
	return (n);
}

size_t
scs_api_pending_requests(const struct scs_api *a)
{
	const struct scs_api_call	*c;
	size_t				 n = 0;

	for (c = a->calls; c != NULL; c = c->next) {
		if (c->parent == NULL && c->kind != API_WATCH &&
		    c->kind != API_PROBE)
			n++;
	}
	return (n);
}

/* --- calls ----------------------------------------------------------------- */

struct scs_api_call *
api_call_new(struct scs_api *a, enum api_kind kind, const char *method,
    const char *path, scs_api_cb cb, void *arg)
{
	struct scs_api_call	*c;

	c = scs_xcalloc(1, sizeof *c);
	c->api = a;
	c->kind = kind;
	c->method = scs_xstrdup(method);
	c->path = scs_xstrdup(path);
	c->cb = cb;
	c->arg = arg;
	scs_lines_init(&c->lines, API_MAX_LINE);
	scs_list_split_init(&c->split, API_MAX_LINE);
	c->next = a->calls;
	if (a->calls != NULL)
		a->calls->prev = c;
	a->calls = c;
	return (c);
}

static void
api_call_stop(struct scs_api_call *c)
{
	if (c->hc != NULL) {
		scs_http_cancel(c->hc);
		c->hc = NULL;
	}
	if (c->timer != 0) {
		scs_http_timer_cancel(c->api->http, c->timer);
		c->timer = 0;
	}
	if (c->waiting_auth) {
		scs_auth_forget(c->api->auth, c);
		c->waiting_auth = 0;
	}
	if (c->kind == API_DISCOVER)
		discover_cancel(c);
}

void
api_call_free(struct scs_api_call *c)
{
	struct scs_api	*a = c->api;

	api_call_stop(c);
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		a->calls = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	free(c->method);
	free(c->path);
	free(c->content_type);
	free(c->accept);
	if (c->body != NULL) {
		scs_memzero(c->body, c->body_len);
		free(c->body);
	}
	free(c->fail_msg);
	scs_lines_done(&c->lines);
	scs_list_split_done(&c->split);
	scs_api_error_free(c->werr);
	free(c->wmsg);
	core_discovery_free(c->building);
	free(c->dmsg);
	free(c);
}

void
scs_api_cancel(struct scs_api_call *c)
{
	if (c == NULL || c->cancelled)
		return;
	c->cancelled = 1;
	api_call_stop(c);
	if (!c->in_cb)
		api_call_free(c);
}

void
api_call_deliver(struct scs_api_call *c, struct scs_api_result *res)
{
	if (c->kind == API_CHILD) {
		discover_child_done(c, res);
		api_call_free(c);
		return;
	}
	c->in_cb = 1;
	if (c->cb != NULL)
		c->cb(res, c->arg);
	c->in_cb = 0;
	api_call_free(c);
}

static void
api_fail_cb(void *arg)
{
	struct scs_api_call	*c = arg;
	struct scs_api_result	 res;

	c->timer = 0;
	memset(&res, 0, sizeof res);
	res.status = c->fail;
	res.body = "";
	res.message = c->fail_msg != NULL ? c->fail_msg :
	    scs_strerror(c->fail);
	api_call_deliver(c, &res);
}

/* Report a failure from the loop, never from inside the caller's call. */
static void
api_call_fail(struct scs_api_call *c, enum scs_status st, char *msg)
{
	c->fail = st;
	free(c->fail_msg);
	c->fail_msg = msg;
	c->timer = scs_http_timer(c->api->http, 0, api_fail_cb, c);
}

static int
api_mutating(const char *method)
{
	return (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
	    strcmp(method, "OPTIONS") != 0);
}

/* Access reviews create nothing: allowed in readonly mode. */
static int
api_review(const char *path)
{
	return (scs_strprefix(path,
	    "/apis/authorization.k8s.io/v1/selfsubject") ||
	    scs_strprefix(path,
	    "/apis/authentication.k8s.io/v1/selfsubjectreviews"));
}

void
api_result_from(struct scs_api_result *res,
    const struct scs_http_response *r)
{
	enum scs_status	 st;
	cJSON		*j;
	char		*msg;

	memset(res, 0, sizeof *res);
	res->http_code = r->code;
	res->body = r->body;
	res->body_len = r->body_len;
	res->warnings = r->warnings;
	res->nwarnings = r->nwarnings;
	if (r->status != SCS_OK) {
		res->status = r->status;
		res->message = scs_xstrdup(r->error != NULL ? r->error :
		    scs_strerror(r->status));
		return;
	}
	if (r->code < 200 || r->code >= 300) {
		res->error = scs_api_error_parse(r->body, r->body_len);
		res->status = scs_api_status_for(r->code, res->error != NULL ?
		    res->error->reason : NULL);
		res->message = scs_api_summary(r->code, res->error);
		return;
	}
	res->status = SCS_OK;
	if (r->body_len > 0 && ((r->content_type != NULL &&
	    strstr(r->content_type, "json") != NULL) ||
	    r->body[0] == '{' || r->body[0] == '[')) {
		j = scs_json_parse(r->body, r->body_len, &st);
		if (j == NULL) {
			res->status = st;
			msg = scs_xprintf("%s in the response (HTTP %ld)",
			    st == SCS_LIMIT ? "JSON nested too deeply" :
			    "malformed JSON", r->code);
			res->message = msg;
			return;
		}
		res->json = j;
	}
	res->message = scs_xprintf("OK (%ld)", r->code);
}

void
api_result_clear(struct scs_api_result *res)
{
	cJSON_Delete((cJSON *)(uintptr_t)res->json);
	scs_api_error_free((struct scs_api_error *)(uintptr_t)res->error);
	free((char *)(uintptr_t)res->message);
	memset(res, 0, sizeof *res);
}

static void
api_http_done(const struct scs_http_response *r, void *arg)
{
	struct scs_api_call	*c = arg;
	struct scs_api		*a = c->api;
	struct scs_api_result	 res;

	c->hc = NULL;
	if (r->status == SCS_OK && r->code > 0)
		api_live_alive(a);
	else if (r->status != SCS_CANCELLED)
		api_live_error(a, r->error != NULL ? r->error :
		    scs_strerror(r->status));
	if (r->status == SCS_OK && r->code == 401 && a->target->exec != NULL &&
	    !c->retried_401) {
		scs_log_info("api: 401 for %s %s: refreshing exec credentials",
		    c->method, c->path);
		c->retried_401 = 1;
		scs_auth_invalidate(a->auth);
		api_call_send(c);
		return;
	}
	if (c->kind == API_WATCH) {
		watch_on_done(c, r);
		return;
	}
	if (c->kind == API_LIST) {
		list_on_done(c, r);
		return;
	}
	api_result_from(&res, r);
	api_call_deliver(c, &res);
	api_result_clear(&res);
}

static void
api_auth_ready(enum scs_status st, const char *cause, void *arg)
{
	struct scs_api_call	*c = arg;

	c->waiting_auth = 0;
	api_call_send(c);
}

void
api_call_send(struct scs_api_call *c)
{
	struct scs_api		*a = c->api;
	struct scs_http_request	 r;
	struct scs_creds	 cr;
	struct scs_tls		 tls;
	const char		**hdrs;
	char			*accept, *ctype = NULL, *url, *cause = NULL;
	char			*const *p;
	size_t			 n = 0;
	int			 pending = 0;
	enum scs_status		 st;

	if (a->readonly && api_mutating(c->method) && !api_review(c->path)) {
		api_call_fail(c, SCS_READONLY, scs_xprintf("refused %s %s: "
		    "read-only mode", c->method, c->path));
		return;
	}
	memset(&cr, 0, sizeof cr);
	st = scs_auth_get(a->auth, &cr, &pending, api_auth_ready, c, &cause);
	if (st != SCS_OK) {
		api_call_fail(c, SCS_AUTH, cause != NULL ? cause :
		    scs_xstrdup(scs_strerror(st)));
		return;
	}
	if (pending) {
		c->waiting_auth = 1;
		return;
	}

	for (p = a->id_headers; p != NULL && *p != NULL; p++)
		n++;
	hdrs = scs_xreallocarray(NULL, n + 3, sizeof *hdrs);
	n = 0;
	accept = scs_xprintf("Accept: %s", c->accept != NULL ? c->accept :
	    "application/json");
	hdrs[n++] = accept;
	if (c->content_type != NULL) {
		ctype = scs_xprintf("Content-Type: %s", c->content_type);
		hdrs[n++] = ctype;
	}
	for (p = a->id_headers; p != NULL && *p != NULL; p++)
		hdrs[n++] = *p;
	hdrs[n] = NULL;

	memset(&tls, 0, sizeof tls);
	tls.ca.data = a->target->ca;
	tls.ca.len = a->target->ca_len;
	tls.cert = cr.cert;
	tls.key = cr.key;
	tls.insecure = a->target->insecure;
	tls.server_name = a->target->tls_server_name;

	url = scs_xprintf("%s%s", a->base, c->path);
	memset(&r, 0, sizeof r);
	r.method = c->method;
	r.url = url;
	r.headers = hdrs;
	r.body = c->body;
	r.body_len = c->body_len;
	r.tls = &tls;
	r.proxy = a->target->proxy_url;
	r.bearer = cr.bearer;
	r.basic_user = cr.basic_user;
	r.basic_pass = cr.basic_pass;
	r.max_body = API_MAX_BODY;
	r.no_compression = a->target->disable_compression;
	r.on_done = api_http_done;
	r.arg = c;
	if (c->kind == API_WATCH) {
		r.low_speed_s = c->low_speed_s;
		/* A watch may stay quiet for minutes, but its answer
		 * starts at once: a server that holds it is hung. */
		r.header_timeout_ms = a->timeout_ms;
		r.on_data = watch_on_data;
	} else if (c->kind == API_LIST) {
		/* As long as it flows: a 100,000-object list takes a
		 * while; its answer starts at once. */
		r.low_speed_s = 60;
		r.header_timeout_ms = a->timeout_ms;
		r.on_data = list_on_data;
		r.retry.max = 3;
	} else if (c->kind == API_PROBE) {
		/* Short and once: a hung server must show at once. */
		r.timeout_ms = c->timeout_ms;
		r.connect_timeout_ms = c->timeout_ms;
	} else {
		r.timeout_ms = c->timeout_ms > 0 ? c->timeout_ms :
		    a->timeout_ms;
		r.retry.max = 3;
	}
	c->hc = scs_http_submit(a->http, &r, &cause);
	free(url);
	free(hdrs);
	free(accept);
	free(ctype);
	if (c->hc == NULL)
		api_call_fail(c, SCS_HTTP, cause);
}

/* --- verbs ------------------------------------------------------------------ */

static struct scs_api_call *
api_start(struct scs_api *a, const char *method, char *path,
    const char *ctype, char *body, scs_api_cb cb, void *arg)
{
	struct scs_api_call	*c;

	c = api_call_new(a, API_PLAIN, method, path, cb, arg);
	free(path);
	if (ctype != NULL)
		c->content_type = scs_xstrdup(ctype);
	if (body != NULL) {
		c->body = body;
		c->body_len = strlen(body);
	}
	api_call_send(c);
	return (c);
}

static char *
api_join(char *path, char *query)
{
	char	*s;

	s = scs_xprintf("%s%s", path, query != NULL ? query : "");
	free(path);
	free(query);
	return (s);
}

struct scs_api_call *
scs_api_raw(struct scs_api *a, const char *method, const char *path,
    const char *const *headers, const char *body, size_t body_len,
    scs_api_cb cb, void *arg)
{
	struct scs_api_call	*c;
	const char *const	*h;

	c = api_call_new(a, API_PLAIN, method, path, cb, arg);
	for (h = headers; h != NULL && *h != NULL; h++) {
		if (strncasecmp(*h, "Content-Type:", 13) == 0) {
			free(c->content_type);
			c->content_type = scs_xstrdup(*h + 13 +
			    strspn(*h + 13, " "));
		} else if (strncasecmp(*h, "Accept:", 7) == 0) {
			free(c->accept);
			c->accept = scs_xstrdup(*h + 7 + strspn(*h + 7, " "));
		}
	}
	if (body != NULL) {
		c->body = scs_xmalloc(body_len + 1);
		memcpy(c->body, body, body_len);
		c->body[body_len] = '\0';
		c->body_len = body_len;
		if (c->content_type == NULL)
			c->content_type = scs_xstrdup("application/json");
	}
	api_call_send(c);
	return (c);
}

struct scs_api_call *
scs_api_list(struct scs_api *a, const struct scs_resource *res,
    const char *ns, const struct scs_list_opts *o, scs_api_cb cb, void *arg)
{
	struct scs_list_opts	 def;

	if (o == NULL) {
		memset(&def, 0, sizeof def);
		o = &def;
	}
	return (api_start(a, "GET", api_join(scs_api_path(res, ns, NULL,
	    NULL), core_api_list_query(o)), NULL, NULL, cb, arg));
}

struct scs_api_call *
scs_api_get(struct scs_api *a, const struct scs_resource *res,
    const char *ns, const char *name, scs_api_cb cb, void *arg)
{
	return (api_start(a, "GET", scs_api_path(res, ns, name, NULL), NULL,
	    NULL, cb, arg));
}

struct scs_api_call *
scs_api_create(struct scs_api *a, const struct scs_resource *res,
    const char *ns, const cJSON *obj, unsigned flags, scs_api_cb cb,
    void *arg)
{
	return (api_start(a, "POST", api_join(scs_api_path(res, ns, NULL,
	    NULL), core_api_write_query(flags)), "application/json",
	    cJSON_PrintUnformatted(obj), cb, arg));
}

static const char *
obj_name(const cJSON *obj)
{
	const cJSON	*md, *n;

	md = cJSON_GetObjectItemCaseSensitive(obj, "metadata");
	n = cJSON_GetObjectItemCaseSensitive(md, "name");
	return (cJSON_IsString(n) ? n->valuestring : NULL);
}

struct scs_api_call *
scs_api_update(struct scs_api *a, const struct scs_resource *res,
    const char *ns, const cJSON *obj, unsigned flags, scs_api_cb cb,
    void *arg)
{
	struct scs_api_call	*c;
	const char		*name = obj_name(obj);

	if (name == NULL || *name == '\0') {
		c = api_call_new(a, API_PLAIN, "PUT", "", cb, arg);
		api_call_fail(c, SCS_USAGE,
		    scs_xstrdup("update: object without metadata.name"));
		return (c);
	}
	return (api_start(a, "PUT", api_join(scs_api_path(res, ns, name,
	    NULL), core_api_write_query(flags)), "application/json",
	    cJSON_PrintUnformatted(obj), cb, arg));
}

struct scs_api_call *
scs_api_patch(struct scs_api *a, const struct scs_resource *res,
    const char *ns, const char *name, const cJSON *patch, unsigned flags,
    scs_api_cb cb, void *arg)
{
	return (api_start(a, "PATCH", api_join(scs_api_path(res, ns, name,
	    NULL), core_api_write_query(flags)),
	    "application/merge-patch+json", cJSON_PrintUnformatted(patch), cb,
	    arg));
}

struct scs_api_call *
scs_api_delete(struct scs_api *a, const struct scs_resource *res,
    const char *ns, const char *name, const struct scs_delete_opts *o,
    unsigned flags, scs_api_cb cb, void *arg)
{
	return (api_start(a, "DELETE", api_join(scs_api_path(res, ns, name,
	    NULL), core_api_write_query(flags)), "application/json",
	    core_api_delete_body(o), cb, arg));
}

struct scs_api_call *
scs_api_can_i(struct scs_api *a, const char *verb, const char *group,
    const char *resource, const char *ns, scs_api_cb cb, void *arg)
{
	cJSON	*o, *spec, *ra;
	char	*body;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "apiVersion", "authorization.k8s.io/v1");
	cJSON_AddStringToObject(o, "kind", "SelfSubjectAccessReview");
	spec = cJSON_AddObjectToObject(o, "spec");
	ra = cJSON_AddObjectToObject(spec, "resourceAttributes");
	if (ns != NULL && *ns != '\0')
		cJSON_AddStringToObject(ra, "namespace", ns);
	cJSON_AddStringToObject(ra, "verb", verb);
	cJSON_AddStringToObject(ra, "group", group != NULL ? group : "");
	cJSON_AddStringToObject(ra, "resource", resource);
	body = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return (api_start(a, "POST", scs_xstrdup(
	    "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"),
	    "application/json", body, cb, arg));
}

struct scs_api_call *
scs_api_rules(struct scs_api *a, const char *ns, scs_api_cb cb, void *arg)
{
	cJSON	*o, *spec;
	char	*body;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "apiVersion", "authorization.k8s.io/v1");
	cJSON_AddStringToObject(o, "kind", "SelfSubjectRulesReview");
	spec = cJSON_AddObjectToObject(o, "spec");
	cJSON_AddStringToObject(spec, "namespace", ns != NULL ? ns : "");
	body = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return (api_start(a, "POST", scs_xstrdup(
	    "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews"),
	    "application/json", body, cb, arg));
}
