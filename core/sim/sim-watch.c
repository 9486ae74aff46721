/*
 * sim-watch.c: watches: the initial ADDED events, events from the db's
 * history, bookmarks, timeouts, 410 for a resourceVersion too old, Table
 * rows for kubectl get -w, and the watch faults.
 *
 * Streaming lists (watch=1&sendInitialEvents=true&resourceVersionMatch=
 * NotOlderThan&allowWatchBookmarks=true) as kube-apiserver 1.32+ serves
 * them: every object as ADDED, then a BOOKMARK annotated
 * "k8s.io/initial-events-end": "true" at the resourceVersion of that
 * state, then the watch goes on from there. Initial events are written
 * as the client reads them, a batch at a time, from a snapshot of the
 * db at the watch's start (never the whole list in memory). The
 * no-watch-list fault refuses them with 422 as a server without the
 * WatchList feature does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-http-int.h"

#define BOOKMARK_MS	10000

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
	/* Initial events: objects after (cur_ns, cur_name) as they were
	 * at snap_rv; then the initial-events-end bookmark (watch_list). */
	int			 initial;
	int			 watch_list;
	uint64_t		 snap_rv;
	char			*cur_ns;
	char			*cur_name;
	char			*fsel;
	/* --serve-rate */
	int64_t			 t0;
	uint64_t		 sent;
};

/* Initial events are written in batches of about this many bytes. */
#define INITIAL_BATCH	(256 * 1024)

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
	s = sim_print_free(t);
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
	text = sim_obj_text_as(w->rd, w->key, text, &len, w->version, &tmp);
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
	char	*s = sim_print_free(sim_status_obj(code, reason, msg, NULL,
		    NULL, NULL));

	scs_buf_printf(&w->out, "{\"type\":\"ERROR\",\"object\":%s}\n", s);
	free(s);
	w->done = 1;
}

/* The faults that cut a watch after N events; 1 = stop. before: the
 * output's length before this event's line. */
static int
watch_faults(struct sim_watch *w, size_t before)
{
	if (w->sim->faults.cut_watch_after > 0 &&
	    w->events >= w->sim->faults.cut_watch_after) {
		w->done = 1;
		return (1);
	}
	if (w->sim->faults.drop_watch_after > 0 &&
	    w->events > w->sim->faults.drop_watch_after) {
		/* Half of this event's line goes out, then the
		 * connection drops. */
		w->out.len = before + (w->out.len - before) / 2;
		w->done = w->abort = 1;
		return (1);
	}
	return (0);
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
		ok = j != NULL && sim_obj_match(j, w->selector, NULL);
		cJSON_Delete(j);
	}
	if (ok)
		watch_line(w, names[e->type], e->text, e->len);
	if (!ok && w->sim->faults.cut_watch_after > 0 &&
	    w->events >= w->sim->faults.cut_watch_after) {
		w->done = 1;
		return (1);
	}
	return (ok && watch_faults(w, before));
}

static int
initial_cb(const struct sim_obj *o, void *arg)
{
	struct sim_watch	*w = arg;
	size_t			 before = w->out.len;

	free(w->cur_ns);
	free(w->cur_name);
	w->cur_ns = scs_xstrdup(o->ns);
	w->cur_name = scs_xstrdup(o->name);
	if (!sim_obj_match(o->json, w->selector, w->fsel))
		return (0);
	watch_line(w, "ADDED", o->text, o->text_len);
	if (watch_faults(w, before))
		return (1);
	return (w->out.len >= INITIAL_BATCH);
}

static void
watch_bookmark(struct sim_watch *w, int initial_end)
{
	scs_buf_printf(&w->out, "{\"type\":\"BOOKMARK\",\"object\":{"
	    "\"kind\":\"%s\",\"apiVersion\":\"%s%s%s\",\"metadata\":{"
	    "\"resourceVersion\":\"%llu\"%s}}}\n", w->rd->kind, w->rd->group,
	    w->rd->group[0] != '\0' ? "/" : "", w->version,
	    (unsigned long long)w->rv, initial_end ? ",\"annotations\":{"
	    "\"k8s.io/initial-events-end\":\"true\"}" : "");
}

/* The next batch of initial events; at the end, the bookmark. */
static void
initial_fill(struct sim_watch *w)
{
	char	*ns = w->cur_ns, *name = w->cur_name, msg[160];

	if (w->snap_rv < sim_db_oldest_rv(w->sim->db)) {
		snprintf(msg, sizeof msg, "too old resource version: %llu "
		    "(%llu)", (unsigned long long)w->snap_rv,
		    (unsigned long long)sim_db_oldest_rv(w->sim->db));
		watch_error(w, 410, "Expired", msg);
		return;
	}
	w->cur_ns = w->cur_name = NULL;
	sim_db_foreach_at(w->sim->db, w->key, w->ns, ns, name, w->snap_rv,
	    initial_cb, w);
	if (w->cur_ns == NULL) {	/* nothing visited: keep the cursor */
		w->cur_ns = ns;
		w->cur_name = name;
	} else {
		free(ns);
		free(name);
	}
	if (w->done || w->out.len >= INITIAL_BATCH)
		return;
	/* The snapshot is done. */
	w->initial = 0;
	w->rv = w->snap_rv;
	if (w->watch_list)
		watch_bookmark(w, 1);
}

static void
watch_fill(struct sim_watch *w)
{
	char	 msg[160];

	if (w->done)
		return;
	if (w->initial) {
		initial_fill(w);
		return;
	}
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
		if ((n = sim_pace_allow(w->sim, w->t0, w->sent, n)) == 0 &&
		    !w->sim->stopping) {
			/* --serve-rate: on at the next tick. */
			w->suspended = 1;
			sim_pace_wait(w->sim);
			MHD_suspend_connection(w->conn);
			return (0);
		}
		if (n == 0)
			return (MHD_CONTENT_READER_END_WITH_ERROR);
		memcpy(buf, w->out.data + w->outpos, n);
		w->outpos += n;
		w->sent += n;
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
	free(w->fsel);
	free(w->cur_ns);
	free(w->cur_name);
	free(w);
}

/* The options of a streaming list, checked as the real server does;
 * 0 = none asked, 1 = a streaming list, -1 = replied 422. */
static int
watch_list_opts(struct scs_sim *sim, struct MHD_Connection *c,
    enum MHD_Result *ret)
{
	const char	*sie = sim_arg(c, "sendInitialEvents");
	const char	*rvm = sim_arg(c, "resourceVersionMatch");

	if (sim->faults.old_watch || (sie == NULL && (rvm == NULL ||
	    *rvm == '\0')))
		return (0);
	if (sie != NULL && sim->faults.no_watch_list) {
		*ret = sim_reply_invalid_options(c, "sendInitialEvents",
		    "Forbidden: sendInitialEvents is forbidden for watch "
		    "unless the WatchList feature gate is enabled", NULL, NULL);
		return (-1);
	}
	if (sie == NULL) {
		*ret = sim_reply_invalid_options(c, "resourceVersionMatch",
		    "Forbidden: resourceVersionMatch is forbidden for watch "
		    "unless sendInitialEvents is provided", NULL, NULL);
		return (-1);
	}
	if (rvm == NULL || strcmp(rvm, "NotOlderThan") != 0) {
		*ret = sim_reply_invalid_options(c, "resourceVersionMatch",
		    "Forbidden: sendInitialEvents requires setting "
		    "resourceVersionMatch to NotOlderThan", NULL, NULL);
		return (-1);
	}
	if (sim_is_true(sie) &&
	    !sim_is_true(sim_arg(c, "allowWatchBookmarks"))) {
		*ret = sim_reply_invalid_options(c, "allowWatchBookmarks",
		    "Forbidden: allowWatchBookmarks must be set to true when "
		    "sendInitialEvents is set", NULL, NULL);
		return (-1);
	}
	return (sim_is_true(sie));
}

enum MHD_Result
sim_do_watch(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt)
{
	struct sim_watch	*w;
	struct MHD_Response	*r;
	enum MHD_Result		 ret = MHD_NO;
	const char		*rv = sim_arg(c, "resourceVersion");
	const char		*to = sim_arg(c, "timeoutSeconds");
	const char		*sel = sim_arg(c, "labelSelector");
	const char		*fsel = sim_arg(c, "fieldSelector");
	int64_t			 now = scs_now_ms();
	long			 t;
	char			 msg[160];
	int			 wl;

	if ((wl = watch_list_opts(sim, c, &ret)) < 0)
		return (ret);
	w = scs_xcalloc(1, sizeof *w);
	w->t0 = now;
	w->sim = sim;
	w->conn = c;
	w->rd = rt->rd;
	scs_strlcpy(w->key, rt->key, sizeof w->key);
	scs_strlcpy(w->version, rt->version, sizeof w->version);
	w->ns = rt->ns != NULL ? scs_xstrdup(rt->ns) : NULL;
	w->selector = sel != NULL && *sel != '\0' ? scs_xstrdup(sel) : NULL;
	w->bookmarks = sim_is_true(sim_arg(c, "allowWatchBookmarks"));
	w->table = sim_wants_table(c);
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
	} else if (wl || rv == NULL || *rv == '\0' || strcmp(rv, "0") == 0) {
		/* The state now (NotOlderThan any rv given: now is newer),
		 * sent as the client reads. */
		w->initial = 1;
		w->watch_list = wl;
		w->fsel = fsel != NULL && *fsel != '\0' ? scs_xstrdup(fsel) :
		    NULL;
		w->snap_rv = w->rv = sim_db_rv(sim->db);
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
	if (sim_dep_warning(rt) != NULL)
		MHD_add_response_header(r, "Warning", sim_dep_warning(rt));
	ret = MHD_queue_response(c, 200, r);
	MHD_destroy_response(r);
	return (ret);
}

void
sim_watches_resume(struct scs_sim *sim)
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
	sim_watches_resume(arg);
}

int
sim_watches_tick(struct scs_sim *sim, int64_t now)
{
	struct sim_watch	*w;
	int			 any = 0;

	for (w = sim->watches; w != NULL; w = w->next) {
		if (w->done || sim->hanging)
			continue;
		if (now >= w->deadline) {
			w->done = 1;
			any = 1;
		} else if (w->bookmarks && now >= w->next_bookmark &&
		    w->outpos >= w->out.len && !w->initial) {
			watch_fill(w);
			watch_bookmark(w, 0);
			w->next_bookmark = now + BOOKMARK_MS;
			any = 1;
		}
	}
	return (any);
}

void
sim_watches_end(struct scs_sim *sim, int abort)
{
	struct sim_watch	*w;

	for (w = sim->watches; w != NULL; w = w->next) {
		w->done = 1;
		if (abort)
			w->abort = 1;
	}
	sim_watches_resume(sim);
}

int
sim_watches_suspended(struct scs_sim *sim)
{
	struct sim_watch	*w;

	for (w = sim->watches; w != NULL; w = w->next) {
		if (w->suspended)
			return (1);
	}
	return (0);
}
