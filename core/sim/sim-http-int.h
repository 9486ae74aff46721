/*
 * sim-http-int.h: what the simulator's HTTP files share: a request's
 * state, a parsed path, the responses and the verbs. Everything runs on
 * the simulator's thread.
 *
 *   sim-http.c    daemon, request handler and its faults, dispatch
 *   sim-route.c   who is asking, which resource, which verb
 *   sim-reply.c   responses, Status errors, version conversion
 *   sim-select.c  label and field selectors
 *   sim-read.c    get, list (pages, continue tokens, Table)
 *   sim-write.c   create, update, patch
 *   sim-delete.c  delete, deletecollection
 *   sim-watch.c   watches, streaming lists, bookmarks
 *   sim-pace.c    bodies: gzip, the cost model's pace, cut-list-every
 */
#ifndef SCS_SIM_HTTP_INT_H
#define SCS_SIM_HTTP_INT_H

#include <stdint.h>

#include "scs/util.h"
#include "sim-server.h"

/* One request: its body, and whether a hang fault holds it. */
struct sim_req {
	struct scs_buf		 body;
	int			 too_large;
	/* Held by a hang fault: on the sim's held list while suspended. */
	struct sim_req		*next_held;
	struct MHD_Connection	*conn;
	int64_t			 held_since;
	int			 held;
	int			 drop;		/* when resumed: close */
	/* --request-latency: 1 waiting on sim->delayed, 2 released. */
	struct sim_req		*next_delayed;
	int64_t			 due;
	int			 delayed;
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

/* sim-reply.c */
/* Reply with body (taken) as type; warning is a Warning header or NULL. */
enum MHD_Result	 sim_reply(struct MHD_Connection *, unsigned code,
		    const char *type, char *body, const char *warning);
enum MHD_Result	 sim_reply_json(struct MHD_Connection *, unsigned code,
		    char *body, const char *warning);
/* Print j and delete it. */
char		*sim_print_free(cJSON *j);
/* A Status object (reason NULL: the usual one for code). */
cJSON		*sim_status_obj(unsigned code, const char *reason,
		    const char *message, const char *name, const char *group,
		    const char *kind);
/* A Status reply; rt (or NULL) gives its details. */
enum MHD_Result	 sim_reply_status(struct MHD_Connection *, unsigned code,
		    const char *reason, const char *message,
		    const struct route *rt);
enum MHD_Result	 sim_reply_notfound(struct MHD_Connection *,
		    const struct route *);
/* A Status reply from e (freed); code 0 is 422. */
enum MHD_Result	 sim_reply_error(struct MHD_Connection *,
		    struct scs_api_error *e);
/* A storage-version object shown in the requested version; the first of
 * warnings (or the deprecation) as the Warning header. */
enum MHD_Result	 sim_reply_obj(struct MHD_Connection *, unsigned code,
		    const struct route *, const cJSON *obj, char **warnings);
/* "clusters.cluster.x-k8s.io" or "secrets". */
void		 sim_resource_name(const struct sim_resdef *, char *buf,
		    size_t len);
/* Text of a stored object as version; *tmp holds an allocation to free. */
const char	*sim_obj_text_as(const struct sim_resdef *, const char *key,
		    const char *text, size_t *len, const char *version,
		    char **tmp);
/* The Warning header for a deprecated version, or NULL (static). */
const char	*sim_dep_warning(const struct route *);
int		 sim_wants_table(struct MHD_Connection *);
const char	*sim_arg(struct MHD_Connection *, const char *k);
/* 422 Invalid for ListOptions, as the real server words it: one or two
 * causes (field NULL: left out), each message "Forbidden: ...". */
enum MHD_Result	 sim_reply_invalid_options(struct MHD_Connection *,
		    const char *field1, const char *msg1, const char *field2,
		    const char *msg2);
int		 sim_is_true(const char *);

/* sim-route.c */
/* The user the request authenticates as, or NULL. */
const char	*sim_authenticate(struct scs_sim *, struct MHD_Connection *);
/* 0 = a resource path, 1 = a discovery path, -1 = no API path, -2 = no
 * such resource; g/v buffers hold the group and version. */
int		 sim_route_parse(const char *url, struct route *, char *gbuf,
		    size_t glen, char *vbuf, size_t vlen);
void		 sim_route_free(struct route *);
/* The RBAC verb of method on rt, or NULL (405). */
const char	*sim_verb_for(const char *method, const struct route *,
		    struct MHD_Connection *);

/* sim-select.c */
/* Does obj match the label selector lsel and the field selector fsel
 * (either NULL or "" for all)? */
int		 sim_obj_match(const cJSON *obj, const char *lsel,
		    const char *fsel);

/* sim-read.c */
enum MHD_Result	 sim_do_get(struct scs_sim *, struct MHD_Connection *,
		    struct route *);
enum MHD_Result	 sim_do_list(struct scs_sim *, struct MHD_Connection *,
		    struct route *);

/* sim-write.c */
enum MHD_Result	 sim_do_create(struct scs_sim *, struct MHD_Connection *,
		    struct route *, struct sim_req *);
enum MHD_Result	 sim_do_update(struct scs_sim *, struct MHD_Connection *,
		    struct route *, struct sim_req *);
enum MHD_Result	 sim_do_patch(struct scs_sim *, struct MHD_Connection *,
		    struct route *, struct sim_req *);
cJSON		*sim_md_of(cJSON *);
const char	*sim_md_str(const cJSON *, const char *k);
void		 sim_md_set(cJSON *, const char *k, const char *v);

/* sim-delete.c */
enum MHD_Result	 sim_do_delete(struct scs_sim *, struct MHD_Connection *,
		    struct route *, struct sim_req *);
enum MHD_Result	 sim_do_delete_collection(struct scs_sim *,
		    struct MHD_Connection *, struct route *);

/* sim-watch.c */
enum MHD_Result	 sim_do_watch(struct scs_sim *, struct MHD_Connection *,
		    struct route *);
/* Resume suspended watches (something changed, or they must end). */
void		 sim_watches_resume(struct scs_sim *);
/* Bookmarks and timeouts due at now; nonzero if any watch has output. */
int		 sim_watches_tick(struct scs_sim *, int64_t now);
/* Every watch ends: cleanly, or dropped (abort). */
void		 sim_watches_end(struct scs_sim *, int abort);
/* Is any watch still suspended? */
int		 sim_watches_suspended(struct scs_sim *);

/* sim-pace.c */
/* A 200 with a JSON body (taken): gzip when the client accepts it and
 * the body is 128 KiB or more, paced at --serve-rate, cut halfway and
 * dropped when cut. */
enum MHD_Result	 sim_reply_body(struct scs_sim *, struct MHD_Connection *,
		    char *body, const char *warning, int cut);
/* How many of want bytes a body that started at t0 (ms) and sent sent
 * bytes may send now (--serve-rate); 0: suspend until the next tick. */
size_t		 sim_pace_allow(struct scs_sim *, int64_t t0, uint64_t sent,
		    size_t want);
/* A body or watch suspends for its pace: have the tick resume it soon. */
void		 sim_pace_wait(struct scs_sim *);
/* Resume what waits for its pace when due; the ms until then (or 1000). */
long		 sim_pace_tick(struct scs_sim *, int64_t now);
/* Resume the bodies waiting for their pace (now); nonzero if any. */
int		 sim_pace_resume(struct scs_sim *);

#endif
