/*
 * store-sync.c: drives an index from the API server: the initial load
 * as client-go's reflector does it (a streaming list, else a list from
 * the watch cache, else pages; store_list says how it decides), then
 * WATCH, resume, reload on 410, backoff on errors (store.h,
 * docs/loading.md).
 */
#include <stdlib.h>
#include <string.h>

#include "scs/log.h"
#include "scs/store.h"
#include "scs/util.h"

#define STORE_PAGE		500
#define STORE_BACKOFF_MIN	500
#define STORE_BACKOFF_MAX	30000
#define STORE_WATCH_TIMEOUT	300
/* While the server is coming back (it answered again after a silence
 * less than this ago), retries wait at most STORE_BACKOFF_BACK. */
#define STORE_COMING_BACK	60000
#define STORE_BACKOFF_BACK	1000
/* A watch silent this many silence periods while the server answers a
 * probe is taken for half-open (servers send bookmarks every minute). */
#define STORE_HALF_OPEN	5
/* A streaming list on a server not yet known to serve them that stays
 * silent this long: the server ignored sendInitialEvents (an apiserver
 * before 1.27 takes it for a plain watch and may say nothing for a
 * minute); a list instead, remembered by the api. */
#define STORE_STREAM_QUIET	3000

/* How a load asks (store_list). */
enum store_shape {
	SHAPE_STREAM,
	SHAPE_CACHE,
	SHAPE_PAGED
};

struct store_sub {
	scs_store_cb	 cb;
	void		*arg;
};

struct scs_store {
	struct scs_api		*api;
	struct scs_http		*http;
	struct scs_resource	 res;
	char			*ns;
	char			*selector;
	char			*fields;	/* field selector */
	struct scs_index	*index;

	enum scs_store_state	 state;
	char			*message;
	char			*rv;		/* resume point */
	char			*cont;		/* continue token */
	int			 listing;
	enum store_shape	 shape;		/* of the current load */
	int			 initial;	/* streaming: initial events */
	int			 no_stream;	/* may not watch: list */
	int			 stream_failed;	/* this load: list instead */
	int			 no_cache;	/* resourceVersion=0 refused */
	int			 relist_consistent; /* after a 410 */
	const char		*synced_shape;	/* of the last load, or NULL */
	int			 expired;	/* continue tokens expired in it */
	struct scs_api_call	*call;		/* list page or watch */
	int			 watching;	/* call is the watch */
	int64_t			 heard_ms;	/* its last event or bookmark */
	uint64_t		 retry_timer;
	uint64_t		 quiet_timer;	/* STORE_STREAM_QUIET */
	long			 backoff_ms;

	struct store_sub	*subs;
	size_t			 nsubs;
	uint64_t		 notify_timer;
	uint64_t		 notified_gen;
	int			 state_changed;
};

static const char *const store_state_names[] = {
#define X(n, t)	t,
	SCS_STORE_STATE_LIST(X)
#undef X
};

static void	store_list(struct scs_store *);
static void	store_watch(struct scs_store *);
static void	store_stream(struct scs_store *);
static void	store_quiet_cancel(struct scs_store *);
static void	store_stream_refused(struct scs_store *, const char *);

const char *
scs_store_state_name(enum scs_store_state s)
{
	return (store_state_names[s]);
}

static void
store_notify_fire(void *arg)
{
	struct scs_store	*s = arg;
	size_t			 i, n;

	s->notify_timer = 0;
	s->notified_gen = scs_index_generation(s->index);
	s->state_changed = 0;
	/* A subscriber may unsubscribe from its callback: walk a snapshot
	 * length and re-check bounds. */
	n = s->nsubs;
	for (i = 0; i < n && i < s->nsubs; i++)
		s->subs[i].cb(s, s->subs[i].arg);
}

/* Tell subscribers once this loop iteration is done. */
static void
store_changed(struct scs_store *s)
{
	if (s->notify_timer == 0 && s->nsubs != 0)
		s->notify_timer = scs_http_timer(s->http, 0, store_notify_fire,
		    s);
}

static void
store_set_state(struct scs_store *s, enum scs_store_state st,
    const char *msg)
{
	if (s->state == st && scs_streq(s->message, msg != NULL ? msg : ""))
		return;
	s->state = st;
	free(s->message);
	s->message = scs_xstrdup(msg != NULL ? msg : "");
	s->state_changed = 1;
	store_changed(s);
}

static void
store_retry_fire(void *arg)
{
	struct scs_store	*s = arg;

	s->retry_timer = 0;
	if (s->rv != NULL && !s->listing)
		store_watch(s);
	else
		store_list(s);
}

/*
 * Try again after a capped exponential backoff with jitter, or after the
 * server's Retry-After (retry_after_s > 0); while the server is coming
 * back the wait is capped at STORE_BACKOFF_BACK.
 */
static void
store_backoff(struct scs_store *s, const char *msg, int retry_after_s)
{
	long	 delay;

	s->backoff_ms = s->backoff_ms == 0 ? STORE_BACKOFF_MIN :
	    s->backoff_ms * 2;
	if (s->backoff_ms > STORE_BACKOFF_MAX)
		s->backoff_ms = STORE_BACKOFF_MAX;
	if (scs_api_coming_back(s->api, STORE_COMING_BACK) &&
	    s->backoff_ms > STORE_BACKOFF_BACK)
		s->backoff_ms = STORE_BACKOFF_BACK;
	delay = s->backoff_ms / 2 + random() % (s->backoff_ms / 2 + 1);
	if (retry_after_s > 0)
		delay = retry_after_s * 1000L;
	scs_log_info("store %s: %s; retry in %ld ms", s->res.name, msg, delay);
	store_set_state(s, SCS_STORE_BACKOFF, msg);
	s->retry_timer = scs_http_timer(s->http, delay, store_retry_fire, s);
}

static void
store_failed(struct scs_store *s, const struct scs_api_result *r)
{
	switch (r->status) {
	case SCS_FORBIDDEN:
	case SCS_NOTFOUND:
		/* Not allowed or not served: say so and stop (no retry
		 * storm). */
		s->listing = 0;
		store_set_state(s, r->status == SCS_FORBIDDEN ?
		    SCS_STORE_FORBIDDEN : SCS_STORE_ERROR, r->message);
		break;
	case SCS_CANCELLED:
		break;
	default:
		store_backoff(s, r->message, r->error != NULL ?
		    r->error->retry_after_s : 0);
		break;
	}
}

/* The load is done (sweep ended): the store is synced at rv. */
static const char *const store_shapes[] = { "streaming list",
    "list from the watch cache", "paged list" };

static void
store_synced(struct scs_store *s, const char *rv)
{
	scs_index_sweep_end(s->index);
	scs_log_info("store %s: synced, %zu objects, %zu bytes (%s)",
	    s->res.name, scs_index_count(s->index), scs_index_bytes(s->index),
	    store_shapes[s->shape]);
	s->synced_shape = store_shapes[s->shape];
	s->stream_failed = 0;
	free(s->rv);
	s->rv = rv != NULL ? scs_xstrdup(rv) : NULL;
	s->listing = 0;
	s->initial = 0;
	s->expired = 0;
	s->backoff_ms = 0;
	store_set_state(s, SCS_STORE_SYNCED, NULL);
	store_changed(s);
}

/* An item of a list (any shape) or an initial event. */
static void
store_item(const cJSON *item, void *arg)
{
	struct scs_store	*s = arg;

	scs_index_upsert(s->index, item, scs_now_ms());
	store_changed(s);
}

/* Does this answer say the server will not serve this shape at all (as
 * opposed to failing now)? 400 and 422: it refused the parameters. */
static int
store_refused(const struct scs_api_result *r)
{
	return (r->http_code == 400 || r->http_code == 422);
}

static void
store_list_done(const struct scs_api_result *r, void *arg)
{
	struct scs_store	*s = arg;
	const cJSON		*md, *c, *rv;

	s->call = NULL;
	if (r->status == SCS_EXPIRED && s->cont != NULL) {
		/* The continue token expired (the list took longer than the
		 * server keeps its snapshot): start the list over; when that
		 * happens again, as client-go's pager does, ask for the whole
		 * list in one answer. */
		free(s->cont);
		s->cont = NULL;
		scs_index_sweep_begin(s->index);
		if (++s->expired == 2)
			scs_log_info("store %s: continue tokens keep expiring; "
			    "one unpaged list", s->res.name);
		store_list(s);
		return;
	}
	if (r->status != SCS_OK && s->shape == SHAPE_CACHE &&
	    store_refused(r)) {
		/* A server that will not list at resourceVersion=0. */
		scs_log_info("store %s: list from the watch cache refused "
		    "(%s); paged lists", s->res.name, r->message);
		s->no_cache = 1;
		store_list(s);
		return;
	}
	if (r->status != SCS_OK) {
		store_failed(s, r);
		return;
	}
	md = cJSON_GetObjectItemCaseSensitive(r->json, "metadata");
	c = cJSON_GetObjectItemCaseSensitive(md, "continue");
	rv = cJSON_GetObjectItemCaseSensitive(md, "resourceVersion");
	free(s->cont);
	s->cont = NULL;
	if (cJSON_IsString(c) && c->valuestring[0] != '\0') {
		s->cont = scs_xstrdup(c->valuestring);
		store_changed(s);
		store_list(s);
		return;
	}
	store_synced(s, cJSON_IsString(rv) ? rv->valuestring : NULL);
	store_watch(s);
}

/* Begin a load: mark every record, so that what the load does not
 * bring back goes (sweep). */
static void
store_load_begin(struct scs_store *s)
{
	free(s->cont);
	s->cont = NULL;
	scs_index_sweep_begin(s->index);
}

/*
 * Load, in the best shape this server serves (docs/loading.md):
 * 1. a streaming list (a watch with sendInitialEvents), unless this
 *    server refused one (remembered by the api), this store may not
 *    watch, or a streaming list of this load failed halfway (as
 *    client-go's reflector does: progress over deadlock);
 * 2. else one list at resourceVersion=0, which the server answers from
 *    its watch cache, unpaged (after a 410 the store wants a state not
 *    older than it had: a paged, consistent list instead);
 * 3. else pages of 500 (one unpaged list when continue tokens keep
 *    expiring).
 * Every shape decodes item by item as the bytes arrive, without
 * managedFields.
 */
static void
store_list(struct scs_store *s)
{
	struct scs_list_opts	 o;

	if (!s->listing) {
		s->listing = 1;
		s->expired = 0;
		store_load_begin(s);
		store_set_state(s, scs_index_count(s->index) == 0 &&
		    s->rv == NULL ? SCS_STORE_LOADING : SCS_STORE_RESYNCING,
		    NULL);
	}
	if (s->cont == NULL && scs_api_watch_list(s->api) >= 0 &&
	    !s->no_stream && !s->stream_failed) {
		s->shape = SHAPE_STREAM;
		store_stream(s);
		return;
	}
	memset(&o, 0, sizeof o);
	o.lean = 1;
	o.label_selector = s->selector;
	o.field_selector = s->fields;
	if (s->cont == NULL && !s->no_cache && !s->relist_consistent) {
		s->shape = SHAPE_CACHE;
		o.resource_version = "0";
		o.limit = -1;
	} else {
		s->shape = SHAPE_PAGED;
		o.limit = s->expired >= 2 ? -1 : STORE_PAGE;
		o.continue_token = s->cont;
	}
	s->call = scs_api_list_stream(s->api, &s->res, s->ns, &o, store_item,
	    store_list_done, s);
	if (s->call == NULL)
		store_backoff(s, "cannot start the list request", 0);
}

static void
store_event(const char *type, const cJSON *obj, void *arg)
{
	struct scs_store	*s = arg;
	const cJSON		*md, *rv, *ns, *name, *end;

	s->heard_ms = scs_now_ms();
	md = cJSON_GetObjectItemCaseSensitive(obj, "metadata");
	rv = cJSON_GetObjectItemCaseSensitive(md, "resourceVersion");
	if (cJSON_IsString(rv)) {
		free(s->rv);
		s->rv = scs_xstrdup(rv->valuestring);
	}
	if (strcmp(type, "ADDED") == 0 || strcmp(type, "MODIFIED") == 0) {
		if (s->initial)
			store_item(obj, s);
		else if (scs_index_upsert(s->index, obj, scs_now_ms()))
			store_changed(s);
	} else if (strcmp(type, "DELETED") == 0) {
		ns = cJSON_GetObjectItemCaseSensitive(md, "namespace");
		name = cJSON_GetObjectItemCaseSensitive(md, "name");
		if (cJSON_IsString(name) && scs_index_remove(s->index,
		    cJSON_IsString(ns) ? ns->valuestring : "",
		    name->valuestring))
			store_changed(s);
	} else if (strcmp(type, "BOOKMARK") == 0 && s->initial) {
		end = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(
		    md, "annotations"), "k8s.io/initial-events-end");
		if (cJSON_IsString(end) && strcmp(end->valuestring, "true") ==
		    0) {
			/* The initial events are all in: synced; the same
			 * watch goes on. */
			store_quiet_cancel(s);
			scs_api_set_watch_list(s->api, 1);
			store_synced(s, cJSON_IsString(rv) ? rv->valuestring :
			    NULL);
			return;
		}
		/* A bookmark before the end of the initial events that
		 * does not say so: this server does not stream lists. */
		store_stream_refused(s, "a bookmark without "
		    "k8s.io/initial-events-end");
	}
	/* Other bookmarks: the resourceVersion above is all they carry. */
}

static void
store_watch_done(const struct scs_api_result *r, void *arg)
{
	struct scs_store	*s = arg;

	s->call = NULL;
	s->watching = 0;
	store_quiet_cancel(s);
	if (s->initial) {
		s->initial = 0;
		if (r->status == SCS_OK || r->status == SCS_EXPIRED) {
			/* Ended before the initial events did: a list this
			 * time. */
			scs_log_info("store %s: streaming list ended early "
			    "(%s); a list this time", s->res.name, r->message);
			s->stream_failed = 1;
			store_load_begin(s);
			store_list(s);
			return;
		}
		if (store_refused(r) || r->status == SCS_FORBIDDEN) {
			/* 400/422: the server does not stream lists (it
			 * says so for every resource: remembered); 403:
			 * this store may not watch, a list may do. */
			scs_log_info("store %s: streaming list refused (%s)",
			    s->res.name, r->message);
			if (r->status == SCS_FORBIDDEN)
				s->no_stream = 1;
			else
				scs_api_set_watch_list(s->api, -1);
			store_load_begin(s);
			store_list(s);
			return;
		}
		/* Dropped, 5xx: after the backoff, a list this time. */
		s->stream_failed = 1;
		store_failed(s, r);
		return;
	}
	switch (r->status) {
	case SCS_OK:
		/* The server ended the watch (timeoutSeconds): resume. */
		s->backoff_ms = 0;
		store_watch(s);
		break;
	case SCS_EXPIRED:
		/* History gone: load again (a state not older than the
		 * one we had), then watch from the new RV. */
		free(s->rv);
		s->rv = NULL;
		s->relist_consistent = 1;
		store_list(s);
		break;
	default:
		store_failed(s, r);
		break;
	}
}

static void
store_quiet_cancel(struct scs_store *s)
{
	if (s->quiet_timer != 0) {
		scs_http_timer_cancel(s->http, s->quiet_timer);
		s->quiet_timer = 0;
	}
}

/* The server does not stream lists: drop the stream, list instead. */
static void
store_stream_refused(struct scs_store *s, const char *why)
{
	scs_log_info("store %s: %s; a list instead", s->res.name, why);
	store_quiet_cancel(s);
	scs_api_set_watch_list(s->api, -1);
	scs_api_cancel(s->call);
	s->call = NULL;
	s->watching = 0;
	s->initial = 0;
	store_load_begin(s);
	store_list(s);
}

static void
store_quiet_fire(void *arg)
{
	struct scs_store	*s = arg;
	int64_t			 quiet;

	s->quiet_timer = 0;
	if (!s->initial || s->call == NULL)
		return;
	quiet = scs_now_ms() - s->heard_ms;
	if (quiet < STORE_STREAM_QUIET) {
		s->quiet_timer = scs_http_timer(s->http,
		    STORE_STREAM_QUIET - quiet, store_quiet_fire, s);
		return;
	}
	store_stream_refused(s, "no initial events nor their end in 3 s");
}

static void
store_watch_start(struct scs_store *s, int initial)
{
	struct scs_watch_opts	 o;

	memset(&o, 0, sizeof o);
	o.resource_version = initial ? NULL : s->rv;
	o.label_selector = s->selector;
	o.field_selector = s->fields;
	o.timeout_s = STORE_WATCH_TIMEOUT;
	o.send_initial_events = initial;
	o.lean = 1;
	s->initial = initial;
	s->call = scs_api_watch(s->api, &s->res, s->ns, &o, store_event,
	    store_watch_done, s);
	s->watching = s->call != NULL;
	s->heard_ms = scs_now_ms();
	store_quiet_cancel(s);
	if (s->call == NULL)
		store_backoff(s, "cannot start the watch request", 0);
	else if (initial && scs_api_watch_list(s->api) == 0)
		s->quiet_timer = scs_http_timer(s->http, STORE_STREAM_QUIET,
		    store_quiet_fire, s);
}

/* A streaming list: the initial events, the bookmark, then the watch. */
static void
store_stream(struct scs_store *s)
{
	store_watch_start(s, 1);
}

static void
store_watch(struct scs_store *s)
{
	if (s->state != SCS_STORE_SYNCED)
		store_set_state(s, SCS_STORE_SYNCED, NULL);
	s->relist_consistent = 0;
	store_watch_start(s, 0);
}

/* Drop what is in flight or waiting and go on at once: resume the watch
 * from the last resourceVersion, or go on with the list. */
static void
store_kick(struct scs_store *s)
{
	if (s->call != NULL) {
		scs_api_cancel(s->call);
		s->call = NULL;
	}
	s->watching = 0;
	if (s->retry_timer != 0) {
		scs_http_timer_cancel(s->http, s->retry_timer);
		s->retry_timer = 0;
	}
	s->backoff_ms = 0;
	if (s->state == SCS_STORE_FORBIDDEN || s->state == SCS_STORE_ERROR)
		return;
	store_retry_fire(s);
}

static void
store_live(struct scs_api *api, enum scs_live_event ev, void *arg)
{
	struct scs_store	*s = arg;
	struct scs_api_live	 l;

	switch (ev) {
	case SCS_LIVE_BACK:
		/* The server answers again: what was open during the
		 * silence may be half-open, what waits may wait no more. */
		scs_log_info("store %s: the server answers again; resuming",
		    s->res.name);
		store_kick(s);
		break;
	case SCS_LIVE_PROBED:
		scs_api_live(api, &l);
		if (s->watching && scs_now_ms() - s->heard_ms >
		    (int64_t)STORE_HALF_OPEN * l.silence_ms) {
			scs_log_info("store %s: watch silent while the server "
			    "answers; resuming", s->res.name);
			store_kick(s);
		}
		break;
	case SCS_LIVE_LOST:
		break;
	}
}

struct scs_store *
scs_store_new(struct scs_api *api, const struct scs_resource *res,
    const char *ns, const char *selector)
{
	struct scs_store_opts	 o;

	memset(&o, 0, sizeof o);
	o.label_selector = selector;
	return (scs_store_new_opts(api, res, ns, &o));
}

static char *
opt_dup(const char *s)
{
	return (s != NULL && *s != '\0' ? scs_xstrdup(s) : NULL);
}

struct scs_store *
scs_store_new_opts(struct scs_api *api, const struct scs_resource *res,
    const char *ns, const struct scs_store_opts *o)
{
	struct scs_store	*s;
	struct scs_store_opts	 none;

	if (o == NULL) {
		memset(&none, 0, sizeof none);
		o = &none;
	}

	s = scs_xcalloc(1, sizeof *s);
	s->api = api;
	s->http = scs_api_http(api);
	s->res = *res;
	s->res.group = scs_xstrdup(res->group != NULL ? res->group : "");
	s->res.version = scs_xstrdup(res->version);
	s->res.name = scs_xstrdup(res->name);
	s->res.singular = scs_xstrdup(res->singular != NULL ?
	    res->singular : "");
	s->res.kind = scs_xstrdup(res->kind != NULL ? res->kind : "");
	s->res.short_names = scs_strv_dup((const char *const *)res->short_names);
	s->res.categories = scs_strv_dup((const char *const *)res->categories);
	s->ns = scs_xstrdup(ns != NULL && res->namespaced ? ns : "");
	s->selector = opt_dup(o->label_selector);
	s->fields = opt_dup(o->field_selector);
	s->index = scs_index_new(scs_model_kind(s->res.group, s->res.name));
	scs_index_keep_objects(s->index, o->keep_objects);
	s->message = scs_xstrdup("");
	s->state = SCS_STORE_LOADING;
	scs_api_live_subscribe(api, store_live, s);
	store_list(s);
	return (s);
}

void
scs_store_free(struct scs_store *s)
{
	if (s == NULL)
		return;
	scs_api_live_unsubscribe(s->api, store_live, s);
	if (s->call != NULL)
		scs_api_cancel(s->call);
	if (s->retry_timer != 0)
		scs_http_timer_cancel(s->http, s->retry_timer);
	if (s->notify_timer != 0)
		scs_http_timer_cancel(s->http, s->notify_timer);
	store_quiet_cancel(s);
	scs_index_free(s->index);
	free(s->res.group);
	free(s->res.version);
	free(s->res.name);
	free(s->res.singular);
	free(s->res.kind);
	scs_strv_free(s->res.short_names);
	scs_strv_free(s->res.categories);
	free(s->ns);
	free(s->selector);
	free(s->fields);
	free(s->message);
	free(s->rv);
	free(s->cont);
	free(s->subs);
	free(s);
}

const struct scs_resource *
scs_store_resource(const struct scs_store *s)
{
	return (&s->res);
}

struct scs_api *
scs_store_api(const struct scs_store *s)
{
	return (s->api);
}

const char *
scs_store_namespace(const struct scs_store *s)
{
	return (s->ns);
}

const struct scs_index *
scs_store_index(const struct scs_store *s)
{
	return (s->index);
}

enum scs_store_state
scs_store_state(const struct scs_store *s, const char **message)
{
	if (message != NULL)
		*message = s->message;
	return (s->state);
}

const char *
scs_store_load_shape(const struct scs_store *s)
{
	return (s->synced_shape);
}

int
scs_store_busy(const struct scs_store *s)
{
	return (s->listing || s->notify_timer != 0);
}

void
scs_store_subscribe(struct scs_store *s, scs_store_cb cb, void *arg)
{
	s->subs = scs_xreallocarray(s->subs, s->nsubs + 1, sizeof *s->subs);
	s->subs[s->nsubs].cb = cb;
	s->subs[s->nsubs].arg = arg;
	s->nsubs++;
}

void
scs_store_unsubscribe(struct scs_store *s, scs_store_cb cb, void *arg)
{
	size_t	 i;

	for (i = 0; i < s->nsubs; i++) {
		if (s->subs[i].cb == cb && s->subs[i].arg == arg) {
			memmove(s->subs + i, s->subs + i + 1,
			    (s->nsubs - i - 1) * sizeof *s->subs);
			s->nsubs--;
			return;
		}
	}
}
