/*
 * sim-http.c: the simulator's HTTP side on libmicrohttpd: routing,
 * authentication, RBAC checks, the REST verbs with the real server's
 * Status errors, paged lists, watches, Table output and faults.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gnutls/gnutls.h>

#include "scs/model.h"
#include "scs/util.h"
#include "sim-server.h"

#define BODY_MAX	(8 * 1024 * 1024)
#define BOOKMARK_MS	10000

struct sim_req {
	struct scs_buf		 body;
	int			 too_large;
	/* Held by a hang fault: on the sim's held list while suspended. */
	struct sim_req		*next_held;
	struct MHD_Connection	*conn;
	int64_t			 held_since;
	int			 held;
	int			 drop;		/* when resumed: close */
};

/* Held requests older than this are dropped (hang-every). */
#define HELD_MAX_MS	(10 * 60 * 1000)

static void	held_release(struct scs_sim *, int, int, int64_t);


struct sim_watch {
	struct sim_watch	*next;
	struct scs_sim		*sim;
	struct MHD_Connection	*conn;
	const struct sim_resdef	*rd;
	char			 key[160];
	char			 version[32];
	char			*ns;		/* NULL = all */
	char			*selector;
	uint64_t		 rv;
	struct scs_buf		 out;
	size_t			 outpos;
	int			 suspended;
	int			 done;
	int			 abort;		/* drop: no final chunk */
	int			 table;		/* as=Table: rows, not objects */
	int			 headers_sent;	/* columnDefinitions went out */
	int			 bookmarks;
	int64_t			 deadline;
	int64_t			 next_bookmark;
	long			 events;
};

/* A parsed request path. */
struct route {
	const char		*group;
	const char		*version;
	const struct sim_resdef	*rd;
	char			 key[160];
	char			*ns;
	char			*name;
	char			*sub;
	int			 bad;
};

/* --- responses ------------------------------------------------------- */

static enum MHD_Result
reply(struct MHD_Connection *c, unsigned code, const char *type, char *body,
    const char *warning)
{
	struct MHD_Response	*r;
	enum MHD_Result		 ret;

	r = MHD_create_response_from_buffer(strlen(body), body,
	    MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-cache, private");
	if (warning != NULL)
		MHD_add_response_header(r, "Warning", warning);
	ret = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return (ret);
}

static char *
print_free(cJSON *j)
{
	char	*s = sim_json_print(j, NULL);

	cJSON_Delete(j);
	return (s);
}

static enum MHD_Result
reply_json(struct MHD_Connection *c, unsigned code, char *body,
    const char *warning)
{
	return (reply(c, code, "application/json", body, warning));
}

static const char *
reason_for(unsigned code)
{
	switch (code) {
	case 400: return ("BadRequest");
	case 401: return ("Unauthorized");
	case 403: return ("Forbidden");
	case 404: return ("NotFound");
	case 405: return ("MethodNotAllowed");
	case 406: return ("NotAcceptable");
	case 409: return ("Conflict");
	case 410: return ("Expired");
	case 413: return ("RequestEntityTooLarge");
	case 415: return ("UnsupportedMediaType");
	case 422: return ("Invalid");
	case 429: return ("TooManyRequests");
	case 503: return ("ServiceUnavailable");
	default: return ("InternalError");
	}
}

static cJSON *
status_obj(unsigned code, const char *reason, const char *message,
    const char *name, const char *group, const char *kind)
{
	cJSON	*j = cJSON_CreateObject(), *d;

	cJSON_AddStringToObject(j, "kind", "Status");
	cJSON_AddStringToObject(j, "apiVersion", "v1");
	cJSON_AddObjectToObject(j, "metadata");
	cJSON_AddStringToObject(j, "status", "Failure");
	cJSON_AddStringToObject(j, "message", message);
	cJSON_AddStringToObject(j, "reason", reason != NULL ? reason :
	    reason_for(code));
	if (name != NULL || kind != NULL) {
		d = cJSON_AddObjectToObject(j, "details");
		if (name != NULL)
			cJSON_AddStringToObject(d, "name", name);
		if (group != NULL)
			cJSON_AddStringToObject(d, "group", group);
		if (kind != NULL)
			cJSON_AddStringToObject(d, "kind", kind);
	}
	cJSON_AddNumberToObject(j, "code", code);
	return (j);
}

static enum MHD_Result
reply_status(struct MHD_Connection *c, unsigned code, const char *reason,
    const char *message, const struct route *rt)
{
	cJSON	*j;

	j = status_obj(code, reason, message, rt != NULL ? rt->name : NULL,
	    rt != NULL && rt->rd != NULL ? rt->rd->group : NULL,
	    rt != NULL && rt->rd != NULL ? rt->rd->plural : NULL);
	return (reply_json(c, code, print_free(j), NULL));
}

/* "clusters.cluster.x-k8s.io" or "secrets". */
static void
resource_name(const struct sim_resdef *rd, char *buf, size_t len)
{
	if (rd->group[0] != '\0')
		snprintf(buf, len, "%s.%s", rd->plural, rd->group);
	else
		snprintf(buf, len, "%s", rd->plural);
}

static enum MHD_Result
reply_notfound(struct MHD_Connection *c, const struct route *rt)
{
	char	 res[256], *msg;
	enum MHD_Result r;

	resource_name(rt->rd, res, sizeof res);
	msg = scs_xprintf("%s \"%s\" not found", res, rt->name);
	r = reply_status(c, 404, "NotFound", msg, rt);
	free(msg);
	return (r);
}

/* --- who is asking --------------------------------------------------- */

static const char *
user_from_cert(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo	*ci;
	gnutls_session_t		 s;
	const gnutls_datum_t		*certs;
	unsigned			 n = 0, status = 1;
	char				*cn;
	size_t				 i;
	static char			 user[64];

	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_GNUTLS_SESSION);
	if (ci == NULL || ci->tls_session == NULL)
		return (NULL);
	s = (gnutls_session_t)ci->tls_session;
	if (gnutls_certificate_verify_peers2(s, &status) != 0 || status != 0)
		return (NULL);
	certs = gnutls_certificate_get_peers(s, &n);
	if (certs == NULL || n == 0)
		return (NULL);
	if ((cn = sim_cert_cn(certs[0].data, certs[0].size)) == NULL)
		return (NULL);
	for (i = 0; sim_users[i] != NULL; i++) {
		if (strcmp(sim_users[i], cn) == 0) {
			scs_strlcpy(user, cn, sizeof user);
			free(cn);
			return (user);
		}
	}
	free(cn);
	return (NULL);
}

static const char *
authenticate(struct scs_sim *sim, struct MHD_Connection *c)
{
	const char	*h, *u = NULL, *imp;
	size_t		 i;

	h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	if (h != NULL && strncasecmp(h, "Bearer ", 7) == 0) {
		/* TOKEN:exp=UNIXSECONDS is TOKEN until then (short-lived
		 * tokens such as OIDC ID tokens, minted by exec plugins in
		 * the tests); afterwards 401 like any unknown token. */
		const char	*exp = strstr(h + 7, ":exp=");
		size_t		 tlen = exp != NULL ? (size_t)(exp - h - 7) :
				    strlen(h + 7);

		if (exp != NULL && strtoll(exp + 5, NULL, 10) <= scs_wall_s())
			return (NULL);
		for (i = 0; sim_users[i] != NULL; i++) {
			if (strlen(sim->tokens[i]) == tlen &&
			    strncmp(h + 7, sim->tokens[i], tlen) == 0)
				u = sim_users[i];
		}
		if (u == NULL)
			return (NULL);
	} else if (!sim->opts.plain_http)
		u = user_from_cert(c);
	if (u == NULL)
		return (NULL);
	imp = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "Impersonate-User");
	if (imp != NULL && strcmp(u, "csp-admin") == 0) {
		for (i = 0; sim_users[i] != NULL; i++) {
			if (strcmp(imp, sim_users[i]) == 0)
				return (sim_users[i]);
		}
	}
	return (u);
}

/* --- routes ---------------------------------------------------------- */

static void
route_free(struct route *rt)
{
	free(rt->ns);
	free(rt->name);
	free(rt->sub);
}

/*
 * /api/v1/[namespaces/NS/]RES[/NAME[/SUB]], /apis/G/V/... The namespaces
 * resource itself: /api/v1/namespaces[/NAME[/status]].
 */
static int
route_parse(const char *url, struct route *rt, char *gbuf, size_t glen,
    char *vbuf, size_t vlen)
{
	char	*copy, *seg[10], *save = NULL, *t;
	int	 n = 0, i;

	memset(rt, 0, sizeof *rt);
	copy = scs_xstrdup(url);
	for (t = strtok_r(copy, "/", &save); t != NULL && n < 10;
	    t = strtok_r(NULL, "/", &save))
		seg[n++] = t;
	if (n < 2 || t != NULL) {
		free(copy);
		return (-1);
	}
	if (strcmp(seg[0], "api") == 0) {
		scs_strlcpy(gbuf, "", glen);
		scs_strlcpy(vbuf, seg[1], vlen);
		i = 2;
	} else if (strcmp(seg[0], "apis") == 0 && n >= 3) {
		scs_strlcpy(gbuf, seg[1], glen);
		scs_strlcpy(vbuf, seg[2], vlen);
		i = 3;
	} else {
		free(copy);
		return (-1);
	}
	rt->group = gbuf;
	rt->version = vbuf;
	if (i >= n) {
		free(copy);
		return (1);	/* a discovery path */
	}
	if (strcmp(seg[i], "namespaces") == 0 && n - i >= 3 &&
	    strcmp(seg[i + 2], "status") != 0 &&
	    strcmp(seg[i + 2], "finalize") != 0) {
		rt->ns = scs_xstrdup(seg[i + 1]);
		i += 2;
	}
	rt->rd = sim_resource_find(gbuf, vbuf, seg[i]);
	if (rt->rd == NULL) {
		free(copy);
		return (-2);
	}
	if (i + 1 < n)
		rt->name = scs_xstrdup(seg[i + 1]);
	if (i + 2 < n)
		rt->sub = scs_xstrdup(seg[i + 2]);
	if (i + 3 < n)
		rt->bad = 1;
	sim_resource_key(rt->rd, rt->key, sizeof rt->key);
	free(copy);
	return (0);
}

static const char *
arg(struct MHD_Connection *c, const char *k)
{
	return (MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, k));
}

static int
is_true(const char *s)
{
	return (s != NULL && (strcmp(s, "1") == 0 || strcmp(s, "true") == 0));
}

/* --- selectors ------------------------------------------------------- */

/* Does obj's label/field match one selector requirement? */
static int
label_req(const cJSON *labels, const char *req)
{
	char		 key[256], vals[512];
	const char	*v;
	const cJSON	*l;
	int		 neg = 0;
	char		*p, *tok, *save = NULL;

	while (*req == ' ')
		req++;
	if (*req == '!') {
		l = cJSON_GetObjectItemCaseSensitive(labels, req + 1);
		return (l == NULL);
	}
	if (sscanf(req, "%255[^ !=] notin (%511[^)])", key, vals) == 2)
		neg = 1;
	else if (sscanf(req, "%255[^ !=] in (%511[^)])", key, vals) != 2) {
		if ((p = strstr(req, "!=")) != NULL) {
			snprintf(key, sizeof key, "%.*s", (int)(p - req), req);
			l = cJSON_GetObjectItemCaseSensitive(labels, key);
			return (!cJSON_IsString(l) ||
			    strcmp(l->valuestring, p + 2) != 0);
		}
		if ((p = strchr(req, '=')) != NULL) {
			snprintf(key, sizeof key, "%.*s", (int)(p - req), req);
			v = p[1] == '=' ? p + 2 : p + 1;
			l = cJSON_GetObjectItemCaseSensitive(labels, key);
			return (cJSON_IsString(l) &&
			    strcmp(l->valuestring, v) == 0);
		}
		return (cJSON_GetObjectItemCaseSensitive(labels, req) != NULL);
	}
	l = cJSON_GetObjectItemCaseSensitive(labels, key);
	for (tok = strtok_r(vals, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (cJSON_IsString(l) && strcmp(l->valuestring, tok) == 0)
			return (!neg);
	}
	return (neg);
}

/* Split a selector on commas outside parentheses. */
static int
selector_match(const cJSON *labels, const char *sel)
{
	char	 req[1024];
	size_t	 n = 0;
	int	 depth = 0;

	if (sel == NULL || *sel == '\0')
		return (1);
	for (;; sel++) {
		if (*sel == '(')
			depth++;
		else if (*sel == ')')
			depth--;
		if ((*sel == ',' && depth == 0) || *sel == '\0') {
			req[n] = '\0';
			if (n > 0 && !label_req(labels, req))
				return (0);
			n = 0;
			if (*sel == '\0')
				return (1);
			continue;
		}
		if (n + 1 < sizeof req)
			req[n++] = *sel;
	}
}

/* The fields a field selector may name, as the real server offers them
 * (metadata.*, and for events involvedObject.*, type, reason). */
static int
field_match(const cJSON *obj, const char *sel)
{
	static const char *const paths[] = { "metadata.name",
	    "metadata.namespace", "involvedObject.name", "involvedObject.kind",
	    "involvedObject.namespace", "involvedObject.uid", "type", "reason",
	    NULL };
	cJSON		*fields;
	const cJSON	*v;
	size_t		 i;
	int		 ok;

	if (sel == NULL || *sel == '\0')
		return (1);
	fields = cJSON_CreateObject();
	for (i = 0; paths[i] != NULL; i++) {
		v = scs_jpath(obj, paths[i]);
		cJSON_AddStringToObject(fields, paths[i], cJSON_IsString(v) ?
		    v->valuestring : "");
	}
	ok = selector_match(fields, sel);
	cJSON_Delete(fields);
	return (ok);
}

static int
obj_match(const cJSON *obj, const char *lsel, const char *fsel)
{
	return (selector_match(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(obj, "metadata"), "labels"),
	    lsel) && field_match(obj, fsel));
}

/* --- object text in the requested version ---------------------------- */

/* Text of a stored object as version; *tmp holds an allocation to free. */
static const char *
obj_text_as(const struct sim_resdef *rd, const char *key, const char *text,
    size_t *len, const char *version, char **tmp)
{
	cJSON	*j;

	*tmp = NULL;
	if (strcmp(version, rd->versions[0]) == 0)
		return (text);
	j = cJSON_ParseWithLength(text, *len);
	sim_convert(key, j, version);
	*tmp = print_free(j);
	*len = strlen(*tmp);
	return (*tmp);
}

/* The Warning header for a deprecated version, or NULL. */
static const char *
dep_warning(const struct route *rt)
{
	static char	 w[256];

	if (rt->rd->deprecated == NULL ||
	    strcmp(rt->version, rt->rd->deprecated) != 0)
		return (NULL);
	snprintf(w, sizeof w, "299 - \"%s/%s %s is deprecated; use %s/%s "
	    "%s\"", rt->group, rt->version, rt->rd->kind, rt->group,
	    rt->rd->versions[0], rt->rd->kind);
	return (w);
}

static int
wants_table(struct MHD_Connection *c)
{
	const char	*a = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
			    "Accept");

	return (a != NULL && strstr(a, "as=Table") != NULL);
}

/* --- list ------------------------------------------------------------ */

/*
 * Continue tokens: "RV:NAMESPACE/NAME" of the last item sent, base64.
 * A token older than the watch history is expired (410), as a real
 * server's compaction does.
 */
static char *
token_make(uint64_t rv, const char *ns, const char *name)
{
	char	*raw, *tok;

	raw = scs_xprintf("%llu:%s/%s", (unsigned long long)rv, ns, name);
	tok = scs_base64_encode(raw, strlen(raw));
	free(raw);
	return (tok);
}

static int
token_parse(const char *tok, uint64_t *rv, char **ns, char **name)
{
	unsigned char	*raw;
	size_t		 len;
	char		*colon, *slash;

	if (scs_base64_decode(tok, strlen(tok), &raw, &len) != SCS_OK)
		return (-1);
	colon = strchr((char *)raw, ':');
	slash = colon != NULL ? strchr(colon, '/') : NULL;
	if (colon == NULL || slash == NULL) {
		free(raw);
		return (-1);
	}
	*rv = strtoull((char *)raw, NULL, 10);
	*ns = scs_xstrndup(colon + 1, (size_t)(slash - colon - 1));
	*name = scs_xstrdup(slash + 1);
	free(raw);
	return (0);
}

/* cut-list-every: a body that stops halfway, then the connection drops. */
struct cut {
	char	*body;
	size_t	 len;
};

static ssize_t
cut_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct cut	*ct = cls;
	size_t		 half = ct->len / 2, n;

	if (pos >= half)
		return (MHD_CONTENT_READER_END_WITH_ERROR);
	n = half - (size_t)pos;
	if (n > max)
		n = max;
	memcpy(buf, ct->body + pos, n);
	return ((ssize_t)n);
}

static void
cut_free(void *cls)
{
	struct cut	*ct = cls;

	free(ct->body);
	free(ct);
}

/* A list's 200; takes body. */
static enum MHD_Result
reply_list(struct scs_sim *sim, struct MHD_Connection *c, char *body,
    const char *warning)
{
	struct MHD_Response	*r;
	struct cut		*ct;
	enum MHD_Result		 ret;

	sim->nlists++;
	if (sim->faults.cut_list_every <= 0 ||
	    sim->nlists % (uint64_t)sim->faults.cut_list_every != 0)
		return (reply_json(c, 200, body, warning));
	ct = scs_xcalloc(1, sizeof *ct);
	ct->body = body;
	ct->len = strlen(body);
	r = MHD_create_response_from_callback(ct->len, 16 * 1024, cut_read,
	    ct, cut_free);
	MHD_add_response_header(r, "Content-Type", "application/json");
	MHD_add_response_header(r, "Cache-Control", "no-cache, private");
	ret = MHD_queue_response(c, 200, r);
	MHD_destroy_response(r);
	return (ret);
}

/* One list response being built (list_one visits each object). */
struct list_ctx {
	struct MHD_Connection	*c;
	struct route		*rt;
	const char		*lsel;
	const char		*fsel;
	long			 limit;
	int			 table;
	struct scs_buf		 b;
	cJSON			*rows;
	size_t			 sent;
	size_t			 remaining;
	char			*last_ns;
	char			*last_name;
};

static int
list_one(const struct sim_obj *o, void *cls)
{
	struct list_ctx	*l = cls;
	const char	*inc, *text;
	cJSON		*row, *md;
	char		*tmp;
	size_t		 len;

	if (l->rt->ns != NULL && strcmp(o->ns, l->rt->ns) != 0)
		return (1);
	if (!obj_match(o->json, l->lsel, l->fsel))
		return (0);
	if (l->limit > 0 && (long)l->sent == l->limit) {
		l->remaining++;
		return (0);
	}
	if (l->table) {
		inc = arg(l->c, "includeObject");
		row = cJSON_CreateObject();
		cJSON_AddItemToObject(row, "cells", sim_table_cells(l->rt->rd,
		    o->json));
		if (inc != NULL && strcmp(inc, "None") == 0)
			cJSON_AddNullToObject(row, "object");
		else if (inc != NULL && strcmp(inc, "Object") == 0)
			cJSON_AddItemToObject(row, "object",
			    cJSON_Duplicate(o->json, 1));
		else {
			md = cJSON_CreateObject();
			cJSON_AddStringToObject(md, "kind",
			    "PartialObjectMetadata");
			cJSON_AddStringToObject(md, "apiVersion",
			    "meta.k8s.io/v1");
			cJSON_AddItemToObject(md, "metadata", cJSON_Duplicate(
			    cJSON_GetObjectItemCaseSensitive(o->json,
			    "metadata"), 1));
			cJSON_AddItemToObject(row, "object", md);
		}
		cJSON_AddItemToArray(l->rows, row);
	} else {
		len = o->text_len;
		text = obj_text_as(l->rt->rd, l->rt->key, o->text, &len,
		    l->rt->version, &tmp);
		if (l->sent > 0)
			scs_buf_addc(&l->b, ',');
		scs_buf_add(&l->b, text, len);
		free(tmp);
	}
	l->sent++;
	free(l->last_ns);
	free(l->last_name);
	l->last_ns = scs_xstrdup(o->ns);
	l->last_name = scs_xstrdup(o->name);
	return (0);
}

/*
 * A list, or a page of it. A continued page shows the objects as they
 * were at the first page's resourceVersion (the token carries it), as
 * etcd's snapshot reads do; a token older than the history is 410.
 */
static enum MHD_Result
do_list(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt)
{
	const char		*lim = arg(c, "limit"), *cont = arg(c, "continue");
	uint64_t		 rv = sim_db_rv(sim->db);
	char			*cns = NULL, *cname = NULL, *tok = NULL;
	struct list_ctx		 l;
	cJSON			*tj = NULL, *md;

	memset(&l, 0, sizeof l);
	l.c = c;
	l.rt = rt;
	l.lsel = arg(c, "labelSelector");
	l.fsel = arg(c, "fieldSelector");
	l.limit = lim != NULL ? atol(lim) : 0;
	l.table = wants_table(c);
	if (cont != NULL && *cont != '\0') {
		if (token_parse(cont, &rv, &cns, &cname) != 0)
			return (reply_status(c, 400, "BadRequest",
			    "continue key is not valid", NULL));
		if (sim->faults.expire_continue < 0 ||
		    (sim->faults.expire_continue > 0 &&
		    sim->ncontinues++ < (uint64_t)sim->faults.expire_continue) ||
		    rv < sim_db_oldest_rv(sim->db) || rv > sim_db_rv(sim->db)) {
			free(cns);
			free(cname);
			return (reply_status(c, 410, "Expired", "The provided "
			    "continue parameter is too old to display a "
			    "consistent list result. You can start a new list "
			    "without the continue parameter.", NULL));
		}
	}

	scs_buf_init(&l.b, 0);
	if (l.table) {
		tj = cJSON_CreateObject();
		cJSON_AddStringToObject(tj, "kind", "Table");
		cJSON_AddStringToObject(tj, "apiVersion", "meta.k8s.io/v1");
		cJSON_AddItemToObject(tj, "columnDefinitions",
		    sim_table_columns(rt->rd));
		l.rows = cJSON_AddArrayToObject(tj, "rows");
	} else
		scs_buf_adds(&l.b, "{\"items\":[");
	sim_db_foreach_at(sim->db, rt->key, rt->ns, cns, cname, rv, list_one,
	    &l);
	free(cns);
	free(cname);
	if (l.remaining > 0 && l.last_name != NULL)
		tok = token_make(rv, l.last_ns, l.last_name);
	free(l.last_ns);
	free(l.last_name);
	if (l.table) {
		char	 rvs[32];

		snprintf(rvs, sizeof rvs, "%llu", (unsigned long long)rv);
		md = cJSON_AddObjectToObject(tj, "metadata");
		cJSON_AddStringToObject(md, "resourceVersion", rvs);
		if (tok != NULL)
			cJSON_AddStringToObject(md, "continue", tok);
		free(tok);
		scs_buf_done(&l.b);
		return (reply_list(sim, c, print_free(tj), NULL));
	}
	scs_buf_printf(&l.b, "],\"kind\":\"%sList\",\"apiVersion\":"
	    "\"%s%s%s\",\"metadata\":{\"resourceVersion\":\"%llu\"",
	    rt->rd->kind, rt->group, rt->group[0] != '\0' ? "/" : "",
	    rt->version, (unsigned long long)rv);
	if (tok != NULL)
		scs_buf_printf(&l.b, ",\"continue\":\"%s\","
		    "\"remainingItemCount\":%zu", tok, l.remaining);
	scs_buf_adds(&l.b, "}}");
	free(tok);
	return (reply_list(sim, c, scs_buf_steal(&l.b), dep_warning(rt)));
}

/* Reply with a storage-version object shown in the requested version. */
static enum MHD_Result
reply_obj(struct MHD_Connection *c, unsigned code, const struct route *rt,
    const cJSON *obj, char **warnings)
{
	cJSON		*j = cJSON_Duplicate(obj, 1);
	const char	*w = dep_warning(rt);

	if (strcmp(rt->version, rt->rd->versions[0]) != 0)
		sim_convert(rt->key, j, rt->version);
	if (w == NULL && warnings != NULL && warnings[0] != NULL) {
		static char	 buf[1024];

		snprintf(buf, sizeof buf, "299 - \"%s\"", warnings[0]);
		w = buf;
	}
	return (reply_json(c, code, print_free(j), w));
}

static enum MHD_Result
do_get(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt)
{
	const struct sim_obj	*o;
	cJSON			*tj, *rows, *row;

	o = sim_db_get(sim->db, rt->key, rt->ns, rt->name);
	if (o == NULL)
		return (reply_notfound(c, rt));
	if (wants_table(c)) {
		tj = cJSON_CreateObject();
		cJSON_AddStringToObject(tj, "kind", "Table");
		cJSON_AddStringToObject(tj, "apiVersion", "meta.k8s.io/v1");
		cJSON_AddObjectToObject(tj, "metadata");
		cJSON_AddItemToObject(tj, "columnDefinitions",
		    sim_table_columns(rt->rd));
		rows = cJSON_AddArrayToObject(tj, "rows");
		row = cJSON_CreateObject();
		cJSON_AddItemToObject(row, "cells", sim_table_cells(rt->rd,
		    o->json));
		cJSON_AddItemToArray(rows, row);
		return (reply_json(c, 200, print_free(tj), NULL));
	}
	return (reply_obj(c, 200, rt, o->json, NULL));
}


static enum MHD_Result
reply_error(struct MHD_Connection *c, struct scs_api_error *e)
{
	cJSON		*j, *d, *cs, *x;
	size_t		 i;
	unsigned	 code = e->code != 0 ? (unsigned)e->code : 422;

	j = status_obj(code, e->reason, e->message != NULL ? e->message : "",
	    e->details_name, NULL, e->details_kind);
	if (e->ncauses > 0) {
		d = cJSON_GetObjectItemCaseSensitive(j, "details");
		if (d == NULL)
			d = cJSON_AddObjectToObject(j, "details");
		cs = cJSON_AddArrayToObject(d, "causes");
		for (i = 0; i < e->ncauses; i++) {
			x = cJSON_CreateObject();
			if (e->causes[i].reason != NULL)
				cJSON_AddStringToObject(x, "reason",
				    e->causes[i].reason);
			if (e->causes[i].message != NULL)
				cJSON_AddStringToObject(x, "message",
				    e->causes[i].message);
			if (e->causes[i].field != NULL)
				cJSON_AddStringToObject(x, "field",
				    e->causes[i].field);
			cJSON_AddItemToArray(cs, x);
		}
	}
	scs_api_error_free(e);
	return (reply_json(c, code, print_free(j), NULL));
}

/* Common checks of a body for create/update; returns the object in the
 * storage version, or NULL after replying. */
static cJSON *
body_object(struct MHD_Connection *c, struct route *rt, struct sim_req *rq,
    enum MHD_Result *ret)
{
	cJSON		*j;
	const char	*api, *kind, *ns;
	char		 want[160], *msg;

	j = cJSON_ParseWithLength(rq->body.data != NULL ? rq->body.data : "",
	    rq->body.len);
	if (j == NULL || !cJSON_IsObject(j)) {
		cJSON_Delete(j);
		*ret = reply_status(c, 400, "BadRequest", "the body of the "
		    "request was in an unknown format - accepted media types "
		    "include: application/json", NULL);
		return (NULL);
	}
	api = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j,
	    "apiVersion"));
	kind = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j,
	    "kind"));
	if (rt->group[0] != '\0')
		snprintf(want, sizeof want, "%s/%s", rt->group, rt->version);
	else
		snprintf(want, sizeof want, "%s", rt->version);
	if ((api != NULL && strcmp(api, want) != 0) ||
	    (kind != NULL && strcmp(kind, rt->rd->kind) != 0)) {
		msg = scs_xprintf("the API version in the data (%s) does not "
		    "match the expected API version (%s)", api != NULL ? api :
		    "", want);
		cJSON_Delete(j);
		*ret = reply_status(c, 400, "BadRequest", msg, NULL);
		free(msg);
		return (NULL);
	}
	if (api == NULL)
		cJSON_AddStringToObject(j, "apiVersion", want);
	if (kind == NULL)
		cJSON_AddStringToObject(j, "kind", rt->rd->kind);
	if (cJSON_GetObjectItemCaseSensitive(j, "metadata") == NULL)
		cJSON_AddObjectToObject(j, "metadata");
	ns = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(j, "metadata"), "namespace"));
	if (rt->rd->namespaced) {
		if (ns != NULL && rt->ns != NULL && strcmp(ns, rt->ns) != 0) {
			cJSON_Delete(j);
			*ret = reply_status(c, 400, "BadRequest", "the "
			    "namespace of the provided object does not match "
			    "the namespace sent on the request", NULL);
			return (NULL);
		}
		if (ns == NULL && rt->ns != NULL)
			cJSON_AddStringToObject(cJSON_GetObjectItemCaseSensitive(
			    j, "metadata"), "namespace", rt->ns);
	}
	if (strcmp(rt->version, rt->rd->versions[0]) != 0)
		sim_convert(rt->key, j, rt->rd->versions[0]);
	return (j);
}

static cJSON *
md_of(cJSON *j)
{
	return (cJSON_GetObjectItemCaseSensitive(j, "metadata"));
}

static const char *
md_str(const cJSON *j, const char *k)
{
	return (cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(j, "metadata"), k)));
}

static void
md_set(cJSON *j, const char *k, const char *v)
{
	cJSON	*md = md_of(j);

	cJSON_DeleteItemFromObjectCaseSensitive(md, k);
	cJSON_AddStringToObject(md, k, v);
}

/* Run admission for clusters; 0 = go on, else replied. */
static int
admit(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt,
    cJSON *obj, const cJSON *old, char ***warnings, enum MHD_Result *ret)
{
	struct scs_api_error	*err = NULL;

	*warnings = NULL;
	if (strcmp(rt->key, "cluster.x-k8s.io/clusters") != 0)
		return (0);
	if (sim_admit(sim->db, rt->key, obj, old, &err, warnings) != 0) {
		if (err != NULL)
			*ret = reply_error(c, err);
		else
			*ret = reply_status(c, 422, "Invalid", "admission "
			    "refused the object", rt);
		return (-1);
	}
	return (0);
}

static enum MHD_Result
do_create(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt,
    struct sim_req *rq)
{
	cJSON			*j;
	const char		*name, *gen;
	char			 buf[320], res[256], *msg, **warnings;
	enum MHD_Result		 ret;
	const struct sim_obj	*o;
	int			 dry = arg(c, "dryRun") != NULL, i;
	uint64_t		 rnd;

	if ((j = body_object(c, rt, rq, &ret)) == NULL)
		return (ret);
	if (rt->rd->namespaced && rt->ns == NULL) {
		cJSON_Delete(j);
		return (reply_status(c, 405, "MethodNotAllowed", "create "
		    "needs a namespace in the path", NULL));
	}
	if (rt->ns != NULL && sim_db_get(sim->db, "/namespaces", NULL,
	    rt->ns) == NULL) {
		cJSON_Delete(j);
		msg = scs_xprintf("namespaces \"%s\" not found", rt->ns);
		ret = reply_status(c, 404, "NotFound", msg, NULL);
		free(msg);
		return (ret);
	}
	name = md_str(j, "name");
	gen = md_str(j, "generateName");
	if ((name == NULL || *name == '\0') && gen != NULL) {
		rnd = (uint64_t)scs_now_ms() * 2654435761u + sim->nrequests;
		snprintf(buf, sizeof buf, "%s", gen);
		for (i = 0; i < 5; i++, rnd /= 27)
			buf[strlen(gen) + (size_t)i] =
			    "bcdfghjklmnpqrstvwxz2456789"[rnd % 27];
		buf[strlen(gen) + 5] = '\0';
		md_set(j, "name", buf);
		name = md_str(j, "name");
	}
	if (name == NULL || *name == '\0') {
		cJSON_Delete(j);
		resource_name(rt->rd, res, sizeof res);
		msg = scs_xprintf("%s \"\" is invalid: metadata.name: Required "
		    "value: name or generateName is required", rt->rd->kind);
		ret = reply_status(c, 422, "Invalid", msg, NULL);
		free(msg);
		return (ret);
	}
	if (sim_db_get(sim->db, rt->key, rt->ns, name) != NULL) {
		resource_name(rt->rd, res, sizeof res);
		msg = scs_xprintf("%s \"%s\" already exists", res, name);
		rt->name = scs_xstrdup(name);
		cJSON_Delete(j);
		ret = reply_status(c, 409, "AlreadyExists", msg, rt);
		free(msg);
		return (ret);
	}
	/* Defaulting as the real server does it. */
	if (strcmp(rt->key, "/secrets") == 0 &&
	    !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(j, "type"))) {
		cJSON_DeleteItemFromObjectCaseSensitive(j, "type");
		cJSON_AddStringToObject(j, "type", "Opaque");
	}
	/* The status subresource is not written through the main one. */
	if (rt->rd->has_status)
		cJSON_DeleteItemFromObjectCaseSensitive(j, "status");
	cJSON_DeleteItemFromObjectCaseSensitive(md_of(j), "resourceVersion");
	cJSON_DeleteItemFromObjectCaseSensitive(md_of(j), "uid");
	cJSON_DeleteItemFromObjectCaseSensitive(md_of(j), "creationTimestamp");
	if (admit(sim, c, rt, j, NULL, &warnings, &ret) != 0) {
		cJSON_Delete(j);
		return (ret);
	}
	if (dry) {
		scs_format_rfc3339(scs_wall_s(), buf, sizeof buf);
		md_set(j, "creationTimestamp", buf);
		md_set(j, "uid", "00000000-0000-4000-8000-00000000d4f7");
		ret = reply_obj(c, 201, rt, j, warnings);
		cJSON_Delete(j);
		scs_strv_free(warnings);
		return (ret);
	}
	o = sim_db_put(sim->db, rt->key, j);
	ret = reply_obj(c, 201, rt, o->json, warnings);
	scs_strv_free(warnings);
	return (ret);
}

static enum MHD_Result
reply_conflict(struct MHD_Connection *c, struct route *rt)
{
	char		 res[256], *msg;
	enum MHD_Result	 ret;

	resource_name(rt->rd, res, sizeof res);
	msg = scs_xprintf("Operation cannot be fulfilled on %s \"%s\": the "
	    "object has been modified; please apply your changes to the "
	    "latest version and try again", res, rt->name);
	ret = reply_status(c, 409, "Conflict", msg, rt);
	free(msg);
	return (ret);
}

/* Write new (storage version) over the stored object; status says
 * whether this is the status subresource. Takes new. */
static enum MHD_Result
write_update(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt,
    cJSON *nw, int check_rv)
{
	const struct sim_obj	*o;
	const char		*rv, *name;
	cJSON			*old, *x;
	char			**warnings;
	enum MHD_Result		 ret;
	int			 status = rt->sub != NULL &&
				    strcmp(rt->sub, "status") == 0;

	o = sim_db_get(sim->db, rt->key, rt->ns, rt->name);
	if (o == NULL) {
		cJSON_Delete(nw);
		return (reply_notfound(c, rt));
	}
	name = md_str(nw, "name");
	if (name != NULL && strcmp(name, rt->name) != 0) {
		cJSON_Delete(nw);
		return (reply_status(c, 400, "BadRequest", "the name of the "
		    "object does not match the name on the URL", rt));
	}
	rv = md_str(nw, "resourceVersion");
	if (check_rv && rv != NULL && *rv != '\0' &&
	    strtoull(rv, NULL, 10) != o->rv) {
		cJSON_Delete(nw);
		return (reply_conflict(c, rt));
	}
	old = cJSON_Duplicate(o->json, 1);
	if (rt->rd->has_status) {
		/* Main resource keeps the old status; /status keeps the rest. */
		if (status) {
			x = cJSON_DetachItemFromObjectCaseSensitive(nw, "status");
			cJSON_Delete(nw);
			nw = cJSON_Duplicate(old, 1);
			cJSON_DeleteItemFromObjectCaseSensitive(nw, "status");
			if (x != NULL)
				cJSON_AddItemToObject(nw, "status", x);
		} else {
			cJSON_DeleteItemFromObjectCaseSensitive(nw, "status");
			x = cJSON_GetObjectItemCaseSensitive(old, "status");
			if (x != NULL)
				cJSON_AddItemToObject(nw, "status",
				    cJSON_Duplicate(x, 1));
		}
	}
	/* Identity and deletion state are the server's. */
	md_set(nw, "name", rt->name);
	if (md_str(old, "deletionTimestamp") != NULL)
		md_set(nw, "deletionTimestamp", md_str(old,
		    "deletionTimestamp"));
	if (!status && admit(sim, c, rt, nw, old, &warnings, &ret) != 0) {
		cJSON_Delete(nw);
		cJSON_Delete(old);
		return (ret);
	}
	if (status)
		warnings = NULL;
	if (arg(c, "dryRun") != NULL) {
		ret = reply_obj(c, 200, rt, nw, warnings);
		cJSON_Delete(nw);
	} else {
		o = sim_db_put(sim->db, rt->key, nw);
		ret = reply_obj(c, 200, rt, o->json, warnings);
	}
	cJSON_Delete(old);
	scs_strv_free(warnings);
	return (ret);
}

static enum MHD_Result
do_update(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt,
    struct sim_req *rq)
{
	cJSON		*j;
	enum MHD_Result	 ret;

	if ((j = body_object(c, rt, rq, &ret)) == NULL)
		return (ret);
	return (write_update(sim, c, rt, j, 1));
}

static enum MHD_Result
do_patch(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt,
    struct sim_req *rq)
{
	const char		*ct = MHD_lookup_connection_value(c,
				    MHD_HEADER_KIND, "Content-Type");
	const struct sim_obj	*o;
	cJSON			*patch, *j;
	char			*cause = NULL;
	enum MHD_Result		 ret;

	o = sim_db_get(sim->db, rt->key, rt->ns, rt->name);
	if (o == NULL)
		return (reply_notfound(c, rt));
	patch = cJSON_ParseWithLength(rq->body.data != NULL ? rq->body.data :
	    "", rq->body.len);
	if (patch == NULL)
		return (reply_status(c, 400, "BadRequest", "the patch is not "
		    "valid JSON", rt));
	/* Patches apply to the object as the client sees it. */
	j = cJSON_Duplicate(o->json, 1);
	if (strcmp(rt->version, rt->rd->versions[0]) != 0)
		sim_convert(rt->key, j, rt->version);
	if (ct != NULL && strncmp(ct, "application/json-patch+json", 27) == 0) {
		if (sim_json_patch(j, patch, &cause) != 0) {
			cJSON_Delete(j);
			cJSON_Delete(patch);
			ret = reply_status(c, 422, "Invalid", cause, rt);
			free(cause);
			return (ret);
		}
	} else if (ct != NULL && (strncmp(ct, "application/merge-patch+json",
	    28) == 0 || strncmp(ct, "application/strategic-merge-patch+json",
	    38) == 0))
		sim_merge_patch(j, patch);
	else {
		cJSON_Delete(j);
		cJSON_Delete(patch);
		return (reply_status(c, 415, "UnsupportedMediaType", "the body "
		    "of the request was in an unknown format - accepted media "
		    "types include: application/json-patch+json, "
		    "application/merge-patch+json, "
		    "application/apply-patch+yaml", rt));
	}
	cJSON_Delete(patch);
	if (strcmp(rt->version, rt->rd->versions[0]) != 0)
		sim_convert(rt->key, j, rt->rd->versions[0]);
	/* A patch carrying a resourceVersion is a precondition. */
	return (write_update(sim, c, rt, j, 1));
}

struct nsdel {
	char	**names;
	size_t	  n;
};

static int
collect_names(const struct sim_obj *o, void *arg)
{
	struct nsdel	*d = arg;

	d->names = scs_xreallocarray(d->names, d->n + 1, sizeof *d->names);
	d->names[d->n++] = scs_xstrdup(o->name);
	return (0);
}

/* Remove everything in namespace ns (namespace deletion). */
static void
purge_namespace(struct scs_sim *sim, const char *ns)
{
	const struct sim_resdef	*rs;
	size_t			 n, i, k;
	struct nsdel		 d;
	char			 key[160];

	rs = sim_resources(&n);
	for (i = 0; i < n; i++) {
		if (!rs[i].namespaced)
			continue;
		sim_resource_key(&rs[i], key, sizeof key);
		memset(&d, 0, sizeof d);
		sim_db_foreach(sim->db, key, ns, collect_names, &d);
		for (k = 0; k < d.n; k++) {
			sim_db_delete(sim->db, key, ns, d.names[k]);
			free(d.names[k]);
		}
		free(d.names);
	}
}

/*
 * Delete o (of resource key) as a DELETE does: clusters finish deleting
 * through the reconcile loop (a deletionTimestamp and the finalizer),
 * namespaces take their objects with them. Returns the object to answer
 * with (storage version; caller deletes). dry: change nothing.
 */
static cJSON *
delete_one(struct scs_sim *sim, const char *key, const struct sim_obj *o,
    int dry)
{
	cJSON	*j = cJSON_Duplicate(o->json, 1), *fin;
	char	 ts[32], *ns, *name;

	if (dry)
		return (j);
	if (strcmp(key, "cluster.x-k8s.io/clusters") == 0) {
		if (md_str(j, "deletionTimestamp") != NULL)
			return (j);
		scs_format_rfc3339(scs_wall_s(), ts, sizeof ts);
		md_set(j, "deletionTimestamp", ts);
		fin = cJSON_GetObjectItemCaseSensitive(md_of(j), "finalizers");
		if (fin == NULL)
			fin = cJSON_AddArrayToObject(md_of(j), "finalizers");
		cJSON_AddItemToArray(fin, cJSON_CreateString(
		    "cluster.cluster.x-k8s.io"));
		o = sim_db_put(sim->db, key, j);
		return (cJSON_Duplicate(o->json, 1));
	}
	ns = scs_xstrdup(o->ns);
	name = scs_xstrdup(o->name);
	if (strcmp(key, "/namespaces") == 0)
		purge_namespace(sim, name);
	sim_db_delete(sim->db, key, *ns != '\0' ? ns : NULL, name);
	free(ns);
	free(name);
	return (j);
}

static enum MHD_Result
do_delete(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt,
    struct sim_req *rq)
{
	const struct sim_obj	*o;
	cJSON			*opts = NULL, *pre, *j;
	const char		*puid, *prv;
	char			*msg;
	enum MHD_Result		 ret;
	int			 dry = arg(c, "dryRun") != NULL;

	o = sim_db_get(sim->db, rt->key, rt->ns, rt->name);
	if (o == NULL)
		return (reply_notfound(c, rt));
	if (rq->body.len > 0)
		opts = cJSON_ParseWithLength(rq->body.data, rq->body.len);
	pre = cJSON_GetObjectItemCaseSensitive(opts, "preconditions");
	puid = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pre,
	    "uid"));
	prv = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pre,
	    "resourceVersion"));
	if (puid != NULL && !scs_streq(puid, md_str(o->json, "uid"))) {
		msg = scs_xprintf("Precondition failed: UID in precondition: "
		    "%s, UID in object meta: %s", puid, md_str(o->json, "uid"));
		cJSON_Delete(opts);
		ret = reply_status(c, 409, "Conflict", msg, rt);
		free(msg);
		return (ret);
	}
	if (prv != NULL && strtoull(prv, NULL, 10) != o->rv) {
		msg = scs_xprintf("Precondition failed: ResourceVersion in "
		    "precondition: %s, ResourceVersion in object meta: %llu",
		    prv, (unsigned long long)o->rv);
		cJSON_Delete(opts);
		ret = reply_status(c, 409, "Conflict", msg, rt);
		free(msg);
		return (ret);
	}
	cJSON_Delete(opts);
	j = delete_one(sim, rt->key, o, dry);
	ret = reply_obj(c, 200, rt, j, NULL);
	cJSON_Delete(j);
	return (ret);
}

struct collect {
	const char	*lsel;
	const char	*fsel;
	char		**ns;
	char		**names;
	size_t		  n;
};

static int
collect_match(const struct sim_obj *o, void *arg)
{
	struct collect	*d = arg;

	if (!obj_match(o->json, d->lsel, d->fsel))
		return (0);
	d->ns = scs_xreallocarray(d->ns, d->n + 1, sizeof *d->ns);
	d->names = scs_xreallocarray(d->names, d->n + 1, sizeof *d->names);
	d->ns[d->n] = scs_xstrdup(o->ns);
	d->names[d->n++] = scs_xstrdup(o->name);
	return (0);
}

/*
 * DELETE on a collection (deletecollection): every object of the path's
 * scope that matches labelSelector and fieldSelector is deleted as by
 * its own DELETE (clusters get a deletionTimestamp and finish through
 * the reconcile loop). The answer is the list of what was deleted, in
 * the state each DELETE returned.
 */
static enum MHD_Result
do_delete_collection(struct scs_sim *sim, struct MHD_Connection *c,
    struct route *rt)
{
	struct collect		 d;
	const struct sim_obj	*o;
	struct scs_buf		 b;
	cJSON			*j;
	char			*text;
	size_t			 i, len;
	int			 dry = arg(c, "dryRun") != NULL;

	memset(&d, 0, sizeof d);
	d.lsel = arg(c, "labelSelector");
	d.fsel = arg(c, "fieldSelector");
	sim_db_foreach(sim->db, rt->key, rt->rd->namespaced ? rt->ns : NULL,
	    collect_match, &d);
	scs_buf_init(&b, 0);
	scs_buf_adds(&b, "{\"items\":[");
	for (i = 0; i < d.n; i++) {
		o = sim_db_get(sim->db, rt->key, d.ns[i], d.names[i]);
		if (o != NULL) {
			j = delete_one(sim, rt->key, o, dry);
			if (strcmp(rt->version, rt->rd->versions[0]) != 0)
				sim_convert(rt->key, j, rt->version);
			text = sim_json_print(j, &len);
			cJSON_Delete(j);
			if (b.len > 10)
				scs_buf_addc(&b, ',');
			scs_buf_add(&b, text, len);
			free(text);
		}
		free(d.ns[i]);
		free(d.names[i]);
	}
	free(d.ns);
	free(d.names);
	scs_buf_printf(&b, "],\"kind\":\"%sList\",\"apiVersion\":"
	    "\"%s%s%s\",\"metadata\":{\"resourceVersion\":\"%llu\"}}",
	    rt->rd->kind, rt->group, rt->group[0] != '\0' ? "/" : "",
	    rt->version, (unsigned long long)sim_db_rv(sim->db));
	return (reply_json(c, 200, scs_buf_steal(&b), dep_warning(rt)));
}

/* --- watch ------------------------------------------------------------ */

/* A watch event's object as a Table of one row (kubectl get -w): the
 * column definitions in the first event only. */
static void
watch_table_line(struct sim_watch *w, const char *type, const char *text,
    size_t len)
{
	cJSON	*obj = cJSON_ParseWithLength(text, len), *t, *row, *md, *m;
	char	*s;

	if (obj == NULL)
		return;
	t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "kind", "Table");
	cJSON_AddStringToObject(t, "apiVersion", "meta.k8s.io/v1");
	md = cJSON_AddObjectToObject(t, "metadata");
	m = cJSON_GetObjectItemCaseSensitive(obj, "metadata");
	if (cJSON_GetObjectItemCaseSensitive(m, "resourceVersion") != NULL)
		cJSON_AddItemToObject(md, "resourceVersion", cJSON_Duplicate(
		    cJSON_GetObjectItemCaseSensitive(m, "resourceVersion"), 1));
	if (!w->headers_sent) {
		cJSON_AddItemToObject(t, "columnDefinitions",
		    sim_table_columns(w->rd));
		w->headers_sent = 1;
	}
	row = cJSON_CreateObject();
	cJSON_AddItemToObject(row, "cells", sim_table_cells(w->rd, obj));
	md = cJSON_AddObjectToObject(row, "object");
	cJSON_AddStringToObject(md, "kind", "PartialObjectMetadata");
	cJSON_AddStringToObject(md, "apiVersion", "meta.k8s.io/v1");
	cJSON_AddItemToObject(md, "metadata", cJSON_Duplicate(m, 1));
	cJSON_AddItemToArray(cJSON_AddArrayToObject(t, "rows"), row);
	s = print_free(t);
	cJSON_Delete(obj);
	scs_buf_printf(&w->out, "{\"type\":\"%s\",\"object\":%s}\n", type,
	    s);
	free(s);
	w->events++;
}

static void
watch_line(struct sim_watch *w, const char *type, const char *text,
    size_t len)
{
	char	*tmp;

	if (w->table) {
		watch_table_line(w, type, text, len);
		return;
	}
	text = obj_text_as(w->rd, w->key, text, &len, w->version, &tmp);
	scs_buf_printf(&w->out, "{\"type\":\"%s\",\"object\":", type);
	scs_buf_add(&w->out, text, len);
	scs_buf_adds(&w->out, "}\n");
	free(tmp);
	w->events++;
}

static void
watch_error(struct sim_watch *w, unsigned code, const char *reason,
    const char *msg)
{
	char	*s = print_free(status_obj(code, reason, msg, NULL, NULL,
		    NULL));

	scs_buf_printf(&w->out, "{\"type\":\"ERROR\",\"object\":%s}\n", s);
	free(s);
	w->done = 1;
}

static int
watch_event(const struct sim_event_rec *e, void *arg)
{
	struct sim_watch	*w = arg;
	static const char *const names[] = { "ADDED", "MODIFIED", "DELETED" };
	cJSON			*j;
	int			 ok = 1;
	size_t			 before = w->out.len;

	w->rv = e->rv;
	if (strcmp(e->res, w->key) != 0 || (w->ns != NULL &&
	    strcmp(e->ns, w->ns) != 0))
		return (0);
	if (w->selector != NULL) {
		j = cJSON_ParseWithLength(e->text, e->len);
		ok = j != NULL && obj_match(j, w->selector, NULL);
		cJSON_Delete(j);
	}
	if (ok)
		watch_line(w, names[e->type], e->text, e->len);
	if (w->sim->faults.cut_watch_after > 0 &&
	    w->events >= w->sim->faults.cut_watch_after) {
		w->done = 1;
		return (1);
	}
	if (ok && w->sim->faults.drop_watch_after > 0 &&
	    w->events > w->sim->faults.drop_watch_after) {
		/* Half of this event's line goes out, then the
		 * connection drops. */
		w->out.len = before + (w->out.len - before) / 2;
		w->done = w->abort = 1;
		return (1);
	}
	return (0);
}

static void
watch_fill(struct sim_watch *w)
{
	char	 msg[160];

	if (w->done)
		return;
	if (sim_db_history(w->sim->db, w->rv, watch_event, w) != 0) {
		snprintf(msg, sizeof msg, "too old resource version: %llu "
		    "(%llu)", (unsigned long long)w->rv,
		    (unsigned long long)sim_db_oldest_rv(w->sim->db));
		watch_error(w, 410, "Expired", msg);
	}
}

static ssize_t
watch_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct sim_watch	*w = cls;
	size_t			 n;

	(void)pos;
	if (w->outpos >= w->out.len && !w->abort) {
		scs_buf_reset(&w->out);
		w->outpos = 0;
		if (w->sim->hanging && !w->sim->stopping) {
			/* The server stopped answering: nothing flows. */
			w->suspended = 1;
			MHD_suspend_connection(w->conn);
			return (0);
		}
		watch_fill(w);
	}
	if (w->outpos < w->out.len) {
		n = w->out.len - w->outpos;
		if (n > max)
			n = max;
		memcpy(buf, w->out.data + w->outpos, n);
		w->outpos += n;
		return ((ssize_t)n);
	}
	if (w->abort)
		return (MHD_CONTENT_READER_END_WITH_ERROR);
	if (w->done || w->sim->stopping)
		return (MHD_CONTENT_READER_END_OF_STREAM);
	w->suspended = 1;
	MHD_suspend_connection(w->conn);
	return (0);
}

static void
watch_free(void *cls)
{
	struct sim_watch	*w = cls, **p;

	for (p = &w->sim->watches; *p != NULL; p = &(*p)->next) {
		if (*p == w) {
			*p = w->next;
			break;
		}
	}
	scs_buf_done(&w->out);
	free(w->ns);
	free(w->selector);
	free(w);
}

struct initial {
	struct sim_watch	*w;
	const char		*fsel;
};

static int
initial_cb(const struct sim_obj *o, void *arg)
{
	struct initial	*in = arg;

	if (in->w->ns != NULL && strcmp(o->ns, in->w->ns) != 0)
		return (0);
	if (obj_match(o->json, in->w->selector, in->fsel))
		watch_line(in->w, "ADDED", o->text, o->text_len);
	return (0);
}

static enum MHD_Result
do_watch(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt)
{
	struct sim_watch	*w;
	struct MHD_Response	*r;
	enum MHD_Result		 ret;
	const char		*rv = arg(c, "resourceVersion");
	const char		*to = arg(c, "timeoutSeconds");
	const char		*sel = arg(c, "labelSelector");
	struct initial		 in;
	int64_t			 now = scs_now_ms();
	long			 t;
	char			 msg[160];

	w = scs_xcalloc(1, sizeof *w);
	w->sim = sim;
	w->conn = c;
	w->rd = rt->rd;
	scs_strlcpy(w->key, rt->key, sizeof w->key);
	scs_strlcpy(w->version, rt->version, sizeof w->version);
	w->ns = rt->ns != NULL ? scs_xstrdup(rt->ns) : NULL;
	w->selector = sel != NULL && *sel != '\0' ? scs_xstrdup(sel) : NULL;
	w->bookmarks = is_true(arg(c, "allowWatchBookmarks"));
	w->table = wants_table(c);
	t = to != NULL ? atol(to) : 1800;
	if (t <= 0 || t > 3600)
		t = 1800;
	w->deadline = now + t * 1000;
	w->next_bookmark = now + BOOKMARK_MS;
	scs_buf_init(&w->out, 0);
	sim->nwatches++;
	if (sim->faults.watch410_every > 0 &&
	    sim->nwatches % (uint64_t)sim->faults.watch410_every == 0) {
		snprintf(msg, sizeof msg, "too old resource version: %s (%llu)",
		    rv != NULL ? rv : "0",
		    (unsigned long long)sim_db_rv(sim->db));
		watch_error(w, 410, "Expired", msg);
	} else if (rv == NULL || *rv == '\0' || strcmp(rv, "0") == 0) {
		in.w = w;
		in.fsel = arg(c, "fieldSelector");
		sim_db_foreach(sim->db, rt->key, rt->ns, initial_cb, &in);
		w->rv = sim_db_rv(sim->db);
	} else {
		w->rv = strtoull(rv, NULL, 10);
		/* A resourceVersion from before a restart (restart-after):
		 * newer than anything now. A real apiserver on an etcd
		 * restored with --mark-compacted says 410 as well; without
		 * it the watch would wait silently. */
		if (w->rv > sim_db_rv(sim->db)) {
			snprintf(msg, sizeof msg, "too old resource version: "
			    "%s (%llu)", rv,
			    (unsigned long long)sim_db_oldest_rv(sim->db));
			watch_error(w, 410, "Expired", msg);
		}
	}
	w->next = sim->watches;
	sim->watches = w;
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024,
	    watch_read, w, watch_free);
	MHD_add_response_header(r, "Content-Type", "application/json");
	MHD_add_response_header(r, "Cache-Control", "no-cache, private");
	if (dep_warning(rt) != NULL)
		MHD_add_response_header(r, "Warning", dep_warning(rt));
	ret = MHD_queue_response(c, 200, r);
	MHD_destroy_response(r);
	return (ret);
}

static void
watches_resume(struct scs_sim *sim)
{
	struct sim_watch	*w;

	for (w = sim->watches; w != NULL; w = w->next) {
		if (w->suspended) {
			w->suspended = 0;
			MHD_resume_connection(w->conn);
			sim->kick = 1;
		}
	}
}

void
sim_http_changed(void *arg)
{
	watches_resume(arg);
}

long
sim_http_tick(struct scs_sim *sim, int64_t now)
{
	struct sim_watch	*w;
	int			 any = 0;

	if (sim->hanging && now >= sim->hang_until) {
		/* The hang is over: answer what came meanwhile. */
		sim->hanging = 0;
		held_release(sim, 1, 0, now);
		any = 1;
	} else if (sim->held != NULL)
		held_release(sim, 0, 1, now);
	for (w = sim->watches; w != NULL; w = w->next) {
		if (w->done || sim->hanging)
			continue;
		if (now >= w->deadline) {
			w->done = 1;
			any = 1;
		} else if (w->bookmarks && now >= w->next_bookmark &&
		    w->outpos >= w->out.len) {
			watch_fill(w);
			scs_buf_printf(&w->out, "{\"type\":\"BOOKMARK\","
			    "\"object\":{\"kind\":\"%s\",\"apiVersion\":"
			    "\"%s%s%s\",\"metadata\":{\"resourceVersion\":"
			    "\"%llu\"}}}\n", w->rd->kind, w->rd->group,
			    w->rd->group[0] != '\0' ? "/" : "", w->version,
			    (unsigned long long)w->rv);
			w->next_bookmark = now + BOOKMARK_MS;
			any = 1;
		}
	}
	if (any)
		watches_resume(sim);
	if (sim->hanging && sim->hang_until - now < 1000)
		return ((long)(sim->hang_until - now));
	return (1000);
}

/* --- dispatch --------------------------------------------------------- */

static const char *
verb_for(const char *method, const struct route *rt, struct MHD_Connection *c)
{
	if (strcmp(method, "GET") == 0)
		return (rt->name != NULL ? "get" : is_true(arg(c, "watch")) ?
		    "watch" : "list");
	if (strcmp(method, "POST") == 0)
		return ("create");
	if (strcmp(method, "PUT") == 0)
		return ("update");
	if (strcmp(method, "PATCH") == 0)
		return ("patch");
	if (strcmp(method, "DELETE") == 0)
		return (rt->name != NULL ? "delete" : "deletecollection");
	return (NULL);
}

static enum MHD_Result
do_review(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt,
    const char *user, struct sim_req *rq)
{
	char		*out, *cause = NULL;
	const char	*body = rq->body.data != NULL ? rq->body.data : "";
	enum MHD_Result	 ret;

	if (strcmp(rt->rd->plural, "selfsubjectaccessreviews") == 0)
		out = sim_access_review(user, body, rq->body.len, &cause);
	else if (strcmp(rt->rd->plural, "selfsubjectrulesreviews") == 0)
		out = sim_rules_review(user, body, rq->body.len, &cause);
	else
		out = sim_self_review(user);
	if (out == NULL) {
		ret = reply_status(c, 400, "BadRequest", cause != NULL ? cause :
		    "bad review", NULL);
		free(cause);
		return (ret);
	}
	(void)sim;
	return (reply_json(c, 201, out, NULL));
}

/*
 * /sim/faults: GET shows the fault spec, POST or PUT with a SPEC body
 * (csp-admin only) replaces it at once; counters and restart-after's
 * clock start again from this request ("hang-after=0:for=3000": the
 * server stops answering now, for 3 s). storm is read at start only.
 */
static enum MHD_Result
do_faults(struct scs_sim *sim, struct MHD_Connection *c, const char *method,
    const char *user, struct sim_req *rq)
{
	struct sim_faults	 f;
	char			*spec, *cause = NULL;
	cJSON			*j;
	enum MHD_Result		 ret;

	if (strcmp(method, "GET") != 0) {
		if (strcmp(user, "csp-admin") != 0)
			return (reply_status(c, 403, "Forbidden", "only "
			    "csp-admin may set faults", NULL));
		if (strcmp(method, "POST") != 0 && strcmp(method, "PUT") != 0)
			return (reply_status(c, 405, "MethodNotAllowed",
			    "GET, POST or PUT", NULL));
		spec = scs_xstrndup(rq->body.data != NULL ? rq->body.data : "",
		    rq->body.len);
		spec[strcspn(spec, "\r\n")] = '\0';
		if (sim_faults_parse(spec, &f, &cause) != SCS_OK) {
			ret = reply_status(c, 400, "BadRequest", cause, NULL);
			free(cause);
			free(spec);
			return (ret);
		}
		f.storm = sim->faults.storm;
		sim->faults = f;
		free(sim->faults_spec);
		sim->faults_spec = spec;
		sim->opts.faults = spec;
		sim->burst_left = f.burst500;
		sim->nrequests = sim->nlists = sim->nwatches = 0;
		sim->ncontinues = 0;
		sim->fault_t0 = scs_now_ms();
		sim->restarted = 0;
		sim->hang_until = 0;
		if (sim->hanging) {
			sim->hanging = 0;
			held_release(sim, 1, 0, 0);
			watches_resume(sim);
		}
	}
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "faults", sim->faults_spec != NULL ?
	    sim->faults_spec : "");
	return (reply_json(c, 200, print_free(j), NULL));
}

static enum MHD_Result
dispatch(struct scs_sim *sim, struct MHD_Connection *c, const char *url,
    const char *method, struct sim_req *rq)
{
	struct route	 rt;
	char		 g[128], v[64], *doc, *msg;
	const char	*user, *verb;
	enum MHD_Result	 ret;
	int		 r;

	if (strcmp(url, "/healthz") == 0 || strcmp(url, "/livez") == 0 ||
	    strcmp(url, "/readyz") == 0)
		return (reply(c, 200, "text/plain", scs_xstrdup("ok"), NULL));
	if (strcmp(url, "/version") == 0)
		return (reply_json(c, 200, scs_xstrdup("{\"major\":\"1\","
		    "\"minor\":\"32\",\"gitVersion\":\"v1.32.0-scs-tui-sim\","
		    "\"gitCommit\":\"0000000\",\"gitTreeState\":\"clean\","
		    "\"buildDate\":\"2026-11-25T00:00:00Z\",\"goVersion\":"
		    "\"none\",\"compiler\":\"cc\",\"platform\":"
		    "\"linux/amd64\"}"), NULL));
	if ((user = authenticate(sim, c)) == NULL)
		return (reply_status(c, 401, "Unauthorized", "Unauthorized",
		    NULL));
	if (strcmp(url, "/sim/faults") == 0)
		return (do_faults(sim, c, method, user, rq));
	if (strcmp(method, "GET") == 0) {
		doc = NULL;
		if (strcmp(url, "/api") == 0)
			doc = sim_discovery_api();
		else if (strcmp(url, "/apis") == 0)
			doc = sim_discovery_apis();
		else if (strcmp(url, "/openapi/v2") == 0)
			doc = sim_openapi_v2();
		else if (strcmp(url, "/openapi/v3") == 0)
			doc = sim_openapi_v3_index();
		else if (sscanf(url, "/openapi/v3/apis/%127[^/]/%63s", g, v) ==
		    2)
			doc = sim_openapi_v3_gv(g, v);
		else if (sscanf(url, "/openapi/v3/api/%63s", v) == 1)
			doc = sim_openapi_v3_gv("", v);
		else if (sscanf(url, "/apis/%127[^/]/%63[^/]", g, v) == 2 &&
		    strchr(url + 6 + strlen(g) + 1, '/') == NULL)
			doc = sim_discovery_resources(g, v);
		else if (sscanf(url, "/apis/%127[^/]", g) == 1 &&
		    strchr(url + 6, '/') == NULL)
			doc = sim_discovery_group(g);
		else if (strcmp(url, "/api/v1") == 0)
			doc = sim_discovery_resources("", "v1");
		if (doc != NULL)
			return (reply_json(c, 200, doc, NULL));
	}
	r = route_parse(url, &rt, g, sizeof g, v, sizeof v);
	if (r != 0 || rt.bad) {
		route_free(&rt);
		return (reply_status(c, 404, "NotFound", "the server could not "
		    "find the requested resource", NULL));
	}
	if ((verb = verb_for(method, &rt, c)) == NULL) {
		route_free(&rt);
		return (reply_status(c, 405, "MethodNotAllowed", "the server "
		    "does not allow this method on the requested resource",
		    NULL));
	}
	if (!sim_allowed(user, verb, rt.rd->group, rt.rd->plural,
	    rt.rd->namespaced ? rt.ns : NULL, rt.name)) {
		msg = sim_forbidden_message(user, verb, rt.rd->group,
		    rt.rd->plural, rt.rd->namespaced ? rt.ns : NULL);
		ret = reply_status(c, 403, "Forbidden", msg, &rt);
		free(msg);
		route_free(&rt);
		return (ret);
	}
	if (rt.rd->review) {
		ret = strcmp(verb, "create") == 0 ? do_review(sim, c, &rt, user,
		    rq) : reply_status(c, 405, "MethodNotAllowed", "reviews "
		    "can only be created", NULL);
	} else if (strcmp(verb, "get") == 0)
		ret = do_get(sim, c, &rt);
	else if (strcmp(verb, "list") == 0)
		ret = do_list(sim, c, &rt);
	else if (strcmp(verb, "watch") == 0)
		ret = do_watch(sim, c, &rt);
	else if (strcmp(verb, "create") == 0)
		ret = rt.name != NULL ? reply_status(c, 405,
		    "MethodNotAllowed", "POST to a named object", NULL) :
		    do_create(sim, c, &rt, rq);
	else if (strcmp(verb, "update") == 0)
		ret = do_update(sim, c, &rt, rq);
	else if (strcmp(verb, "patch") == 0)
		ret = do_patch(sim, c, &rt, rq);
	else if (strcmp(verb, "delete") == 0)
		ret = do_delete(sim, c, &rt, rq);
	else
		ret = do_delete_collection(sim, c, &rt);
	route_free(&rt);
	return (ret);
}

/* Is this request (already counted) to hang? Starts hang-after's hang. */
static int
should_hang(struct scs_sim *sim)
{
	const struct sim_faults	*f = &sim->faults;
	int64_t			 now;

	if (sim->stopping)
		return (0);
	if (f->hang_every > 0 && sim->nrequests % (uint64_t)f->hang_every == 0)
		return (1);
	if (sim->hanging)
		return (1);
	if (f->hang && sim->hang_until == 0 &&
	    sim->nrequests > (uint64_t)f->hang_after) {
		now = scs_now_ms();
		sim->hang_until = f->hang_for_ms > 0 ? now + f->hang_for_ms :
		    INT64_MAX;
		sim->hanging = 1;
		sim->kick = 1;
		return (1);
	}
	return (0);
}

/* Resume held requests: all, or (all == 0) those held too long; drop
 * says to close them instead of answering. */
static void
held_release(struct scs_sim *sim, int all, int drop, int64_t now)
{
	struct sim_req	**p = &sim->held, *rq;

	while ((rq = *p) != NULL) {
		if (!all && now - rq->held_since < HELD_MAX_MS) {
			p = &rq->next_held;
			continue;
		}
		*p = rq->next_held;
		rq->next_held = NULL;
		rq->drop = drop || !all;
		MHD_resume_connection(rq->conn);
		sim->kick = 1;
	}
}

static enum MHD_Result
handler(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **ctx)
{
	struct scs_sim	*sim = cls;
	struct sim_req	*rq = *ctx;
	char		 buf[32];
	struct MHD_Response *r;
	enum MHD_Result	 ret;

	(void)version;
	if (rq == NULL) {
		rq = scs_xcalloc(1, sizeof *rq);
		scs_buf_init(&rq->body, BODY_MAX);
		*ctx = rq;
		return (MHD_YES);
	}
	if (*upload_size != 0) {
		if (scs_buf_add(&rq->body, upload, *upload_size) != SCS_OK)
			rq->too_large = 1;
		*upload_size = 0;
		return (MHD_YES);
	}
	if (rq->held) {
		/* Released from a hang: answer now (its faults were
		 * decided when it came), or drop it. */
		rq->held = 0;
		if (rq->drop || sim->stop)
			return (MHD_NO);
		return (rq->too_large ? reply_status(c, 413,
		    "RequestEntityTooLarge", "request entity too large", NULL) :
		    dispatch(sim, c, url, method, rq));
	}
	/* The test's control channel: never faulted, never counted. */
	if (strcmp(url, "/sim/faults") == 0 && !rq->too_large)
		return (dispatch(sim, c, url, method, rq));
	sim->nrequests++;
	if (!sim->opts.quiet)
		fprintf(stderr, "scs-tui-sim: %s %s\n", method, url);
	if (should_hang(sim)) {
		rq->held = 1;
		rq->conn = c;
		rq->held_since = scs_now_ms();
		rq->next_held = sim->held;
		sim->held = rq;
		MHD_suspend_connection(c);
		return (MHD_YES);
	}
	if (sim->faults.drop_every > 0 &&
	    sim->nrequests % (uint64_t)sim->faults.drop_every == 0)
		return (MHD_NO);	/* MHD closes the connection */
	if (sim->faults.slow_ms > 0)
		usleep((useconds_t)(sim->faults.slow_ms > 5000 ? 5000 :
		    sim->faults.slow_ms) * 1000);
	if (sim->burst_left > 0) {
		sim->burst_left--;
		return (reply_status(c, 500, "InternalError", "Internal error "
		    "occurred: simulated fault", NULL));
	}
	if (sim->faults.t429_every > 0 &&
	    sim->nrequests % (uint64_t)sim->faults.t429_every == 0) {
		char	*s = print_free(status_obj(429, "TooManyRequests",
			    "Too many requests, please try again later.", NULL,
			    NULL, NULL));

		r = MHD_create_response_from_buffer(strlen(s), s,
		    MHD_RESPMEM_MUST_FREE);
		snprintf(buf, sizeof buf, "%ld", sim->faults.retry_after);
		MHD_add_response_header(r, "Retry-After", buf);
		MHD_add_response_header(r, "Content-Type", "application/json");
		ret = MHD_queue_response(c, 429, r);
		MHD_destroy_response(r);
		return (ret);
	}
	if (rq->too_large)
		return (reply_status(c, 413, "RequestEntityTooLarge", "request "
		    "entity too large", NULL));
	return (dispatch(sim, c, url, method, rq));
}

static void
completed(void *cls, struct MHD_Connection *c, void **ctx,
    enum MHD_RequestTerminationCode code)
{
	struct sim_req	*rq = *ctx;

	(void)cls;
	(void)c;
	(void)code;
	if (rq == NULL)
		return;
	scs_buf_done(&rq->body);
	free(rq);
	*ctx = NULL;
}

/* MHD's own messages (dropped connections of the faults, TLS handshakes
 * that fail): on stderr unless quiet. */
static void	mhd_log(void *, const char *, va_list) SCS_PRINTF(2, 0);

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct scs_sim	*sim = cls;

	if (sim->opts.quiet)
		return;
	fputs("scs-tui-sim: ", stderr);
	vfprintf(stderr, fmt, ap);
}

/* Start the daemon on addr:port, or on an inherited listening socket
 * (fd != -1, a restart). */
static struct MHD_Daemon *
daemon_start(struct scs_sim *sim, const struct sockaddr_in *sin, int fd)
{
	unsigned	 flags;

	flags = MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	if (!sim->opts.plain_http)
		flags |= MHD_USE_TLS;
	if (sim->opts.plain_http)
		return (MHD_start_daemon(flags, 0, NULL, NULL, handler, sim,
		    fd != -1 ? MHD_OPTION_LISTEN_SOCKET : MHD_OPTION_SOCK_ADDR,
		    fd != -1 ? (void *)(intptr_t)fd : (void *)sin,
		    MHD_OPTION_NOTIFY_COMPLETED, completed, sim,
		    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, sim,
		    MHD_OPTION_CONNECTION_LIMIT, 1000u,
		    MHD_OPTION_CONNECTION_TIMEOUT, 0u,
		    MHD_OPTION_END));
	return (MHD_start_daemon(flags, 0, NULL, NULL, handler, sim,
	    fd != -1 ? MHD_OPTION_LISTEN_SOCKET : MHD_OPTION_SOCK_ADDR,
	    fd != -1 ? (void *)(intptr_t)fd : (void *)sin,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, sim,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, sim,
	    MHD_OPTION_HTTPS_MEM_KEY, sim->pki.server_key,
	    MHD_OPTION_HTTPS_MEM_CERT, sim->pki.server_cert,
	    MHD_OPTION_HTTPS_MEM_TRUST, sim->pki.ca_cert,
	    MHD_OPTION_CONNECTION_LIMIT, 1000u,
	    MHD_OPTION_CONNECTION_TIMEOUT, 0u,
	    MHD_OPTION_END));
}

enum scs_status
sim_http_start(struct scs_sim *sim, const char *addr, int port, char **cause)
{
	struct sockaddr_in		 sin;
	const union MHD_DaemonInfo	*di;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1) {
		scs_cause(cause, "bad listen address '%s' (IPv4 expected)",
		    addr);
		return (SCS_USAGE);
	}
	sim->mhd = daemon_start(sim, &sin, -1);
	if (sim->mhd == NULL) {
		scs_cause(cause, "cannot listen on %s:%d", addr, port);
		return (SCS_IO);
	}
	di = MHD_get_daemon_info(sim->mhd, MHD_DAEMON_INFO_BIND_PORT);
	sim->port = di != NULL ? di->port : port;
	snprintf(sim->url, sizeof sim->url, "%s://%s:%d",
	    sim->opts.plain_http ? "http" : "https", addr, sim->port);
	return (SCS_OK);
}

/* Resume every suspended connection so the daemon can stop: watches end
 * (cleanly, or dropped when abort), held requests are dropped. */
static void
resume_all(struct scs_sim *sim, int abort)
{
	struct sim_watch	*w;

	for (w = sim->watches; w != NULL; w = w->next) {
		w->done = 1;
		if (abort)
			w->abort = 1;
	}
	watches_resume(sim);
	held_release(sim, 1, 1, 0);
}

enum scs_status
sim_http_restart(struct scs_sim *sim, char **cause)
{
	MHD_socket	 fd;

	fd = MHD_quiesce_daemon(sim->mhd);
	if (fd == MHD_INVALID_SOCKET) {
		scs_cause(cause, "cannot quiesce the daemon");
		return (SCS_IO);
	}
	/* MHD_stop_daemon shuts every connection down: clients see their
	 * transfers cut, keep-alive connections closed. */
	resume_all(sim, 1);
	MHD_stop_daemon(sim->mhd);
	sim->mhd = NULL;
	/* etcd restored from a snapshot: resourceVersions start over,
	 * lower than anything a client holds. */
	sim_db_restart(sim->db, 100);
	sim->mhd = daemon_start(sim, NULL, fd);
	if (sim->mhd == NULL) {
		close(fd);
		scs_cause(cause, "cannot restart the daemon");
		return (SCS_IO);
	}
	if (sim->faults.restart_down_ms > 0) {
		/* Starting up: accept, answer nothing yet. */
		sim->hang_until = scs_now_ms() + sim->faults.restart_down_ms;
		sim->hanging = 1;
	}
	return (SCS_OK);
}

void
sim_http_stop(struct scs_sim *sim)
{
	struct sim_watch	*w;
	int			 i;

	if (sim->mhd == NULL)
		return;
	/* Suspended connections must be resumed before the daemon stops,
	 * and no watch may suspend again, no request be held (even one
	 * that arrives now). */
	sim->stopping = 1;
	for (i = 0; i < 100; i++) {
		for (w = sim->watches; w != NULL; w = w->next)
			w->done = 1;
		watches_resume(sim);
		held_release(sim, 1, 1, 0);
		MHD_run(sim->mhd);
		for (w = sim->watches; w != NULL; w = w->next) {
			if (w->suspended)
				break;
		}
		if (w == NULL && sim->held == NULL && i >= 2)
			break;
	}
	MHD_stop_daemon(sim->mhd);
	sim->mhd = NULL;
}
