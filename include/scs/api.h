/*
 * api.h: the Kubernetes REST client: discovery, list/get/create/update/
 * patch/delete, watch, access reviews, Status errors. Asynchronous: every
 * call returns at once and reports through a callback from scs_http_run.
 *
 * Ownership: results passed to callbacks are borrowed for the duration of
 * the callback (copy what you keep). Objects passed in (cJSON bodies) are
 * borrowed and serialised at call time. A call handle stays valid until its
 * done callback returned or scs_api_cancel was called.
 *
 * The call functions never return NULL and never call back synchronously:
 * failures before anything is sent (readonly refusal, credentials, a bad
 * request) are reported through the callback from the loop. While an exec
 * plugin runs, requests are queued and sent once it finished; a 401 with
 * exec credentials re-runs the plugin and retries the request once.
 * scs_api_cancel may be called from any callback; scs_api_free must not be
 * called from a callback of the same api.
 *
 * Readonly: an api created with readonly set refuses every mutating verb
 * (POST, PUT, PATCH, DELETE; access reviews excepted since they change
 * nothing) with SCS_READONLY, before anything is sent.
 *
 * Limits: response bodies 64 MiB, JSON nesting depth 128 (cJSON), watch
 * lines 16 MiB; exceeding one is SCS_LIMIT.
 */
#ifndef SCS_API_H
#define SCS_API_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "scs/auth.h"
#include "scs/http.h"
#include "scs/kubeconfig.h"
#include "scs/scs.h"

struct scs_api;
struct scs_api_call;

enum scs_verb {
	SCS_VERB_GET		= 1 << 0,
	SCS_VERB_LIST		= 1 << 1,
	SCS_VERB_WATCH		= 1 << 2,
	SCS_VERB_CREATE		= 1 << 3,
	SCS_VERB_UPDATE		= 1 << 4,
	SCS_VERB_PATCH		= 1 << 5,
	SCS_VERB_DELETE		= 1 << 6,
	SCS_VERB_DELETECOLLECTION = 1 << 7
};

/* One resource from discovery (e.g. clusters.cluster.x-k8s.io/v1beta2). */
struct scs_resource {
	char		 *group;	/* "" for the core group */
	char		 *version;
	char		 *name;		/* plural: "clusters" */
	char		 *singular;
	char		 *kind;
	int		  namespaced;
	unsigned	  verbs;	/* enum scs_verb bits */
	char		**short_names;	/* NULL-terminated */
	char		**categories;	/* NULL-terminated */
	int		  preferred;	/* version is the group's preferred one */
};

struct scs_discovery;

/* Find by plural, singular, kind (case-insensitive), short name, or
 * "plural.group" / "plural.version.group"; the preferred version wins. */
const struct scs_resource *scs_discovery_find(const struct scs_discovery *,
		    const char *);
/* A specific group/version/plural, or NULL. */
const struct scs_resource *scs_discovery_get(const struct scs_discovery *,
		    const char *group, const char *version, const char *plural);
/* The resource of kind in group (NULL: any group), preferred version
 * first; subresources never. NULL when not served. */
const struct scs_resource *scs_discovery_kind(const struct scs_discovery *,
		    const char *group, const char *kind);
size_t		 scs_discovery_count(const struct scs_discovery *);
/* Group-versions the server named whose resource lists failed (skipped:
 * their resources are not found); 0 when discovery is whole. */
size_t		 scs_discovery_missing(const struct scs_discovery *);
const struct scs_resource *scs_discovery_at(const struct scs_discovery *,
		    size_t);
/* Preferred version of a group, or NULL when the server lacks it. */
const char	*scs_discovery_preferred(const struct scs_discovery *,
		    const char *group);

/* A decoded Status (non-2xx answers and successful DELETEs). */
struct scs_cause {
	char	*reason;	/* FieldValueInvalid, ... */
	char	*message;
	char	*field;		/* spec.topology.variables[flavor].value */
};

struct scs_api_error {
	int			 code;		/* HTTP code from the Status, or the response's */
	char			*reason;	/* NotFound, Conflict, Invalid, ... */
	char			*message;
	char			*details_name;
	char			*details_kind;
	struct scs_cause	*causes;
	size_t			 ncauses;
	int			 retry_after_s;
};

/* Decode a Status body (also used on watch ERROR events). Returns NULL when
 * the text is not a Status; then callers synthesise one from the code. */
struct scs_api_error *scs_api_error_parse(const char *body, size_t len);
struct scs_api_error *scs_api_error_from_json(const cJSON *);
void		 scs_api_error_free(struct scs_api_error *);
/* Map an HTTP code / Status reason to a status: 401 AUTH, 403 FORBIDDEN,
 * 404 NOTFOUND, 409 CONFLICT, 410 EXPIRED, 422 INVALID, other API. */
enum scs_status	 scs_api_status_for(long code, const char *reason);
/* The Status reason the Kubernetes API gives an HTTP code (apimachinery's
 * reasonForCode: 410 is "Gone"; a too old resourceVersion names
 * "Expired" itself), or NULL for a code without one. Client and
 * simulator share it. */
const char	*scs_api_reason_for(long code);
/* One-line human summary, "<message> (<code> <reason>)", or one made from
 * the code when e is NULL or has no message. Caller frees. */
char		*scs_api_summary(long code, const struct scs_api_error *e);
/* Parse JSON of len bytes with nesting depth <= 128. NULL on failure with
 * *st (optional) SCS_LIMIT (too deep) or SCS_DECODE. Caller frees. */
cJSON		*scs_json_parse(const char *, size_t, enum scs_status *st);

struct scs_api_result {
	enum scs_status			 status;	/* OK for 2xx */
	long				 http_code;
	const cJSON			*json;		/* parsed body (2xx JSON), or NULL */
	const char			*body;
	size_t				 body_len;
	const struct scs_api_error	*error;		/* when status != OK and a Status came */
	const char			*message;	/* one-line summary for the UI, never NULL */
	const char *const		*warnings;	/* Warning: headers */
	size_t				 nwarnings;
};

typedef void	(*scs_api_cb)(const struct scs_api_result *, void *);

struct scs_api_options {
	int		 readonly;
	const char	*user_agent;	/* NULL = "scs-tui/VERSION" */
	const char	*as;		/* --as, overrides the kubeconfig */
	const char *const *as_groups;	/* --as-group, NULL-terminated */
	long		 timeout_ms;	/* non-watch requests; 0 = 30 s */
	int		 have_tty;	/* for interactive exec plugins */
};

/* target and options are copied. Returns NULL with *cause when the target
 * cannot be used (bad server URL, ...). */
struct scs_api	*scs_api_new(struct scs_http *, const struct scs_target *,
		    const struct scs_api_options *, char **cause);
void		 scs_api_free(struct scs_api *);	/* cancels all calls */
struct scs_http	*scs_api_http(const struct scs_api *);
struct scs_auth	*scs_api_auth(const struct scs_api *);
const struct scs_target *scs_api_target(const struct scs_api *);
int		 scs_api_readonly(const struct scs_api *);
/* Calls in flight (open watch streams included). */
size_t		 scs_api_pending(const struct scs_api *);
/* Calls in flight excluding open watch streams (for "the UI is idle"). */
size_t		 scs_api_pending_requests(const struct scs_api *);
void		 scs_api_cancel(struct scs_api_call *);

/* Discovery: /api, /apis and each group/version, cached in the api once
 * done (cb gets json = NULL). status is not OK only when /api or /apis
 * failed (the old cache is then kept); group-versions that fail
 * individually are skipped and counted in the message. */
struct scs_api_call *scs_api_discover(struct scs_api *, scs_api_cb, void *);
const struct scs_discovery *scs_api_discovery(const struct scs_api *);

/* Paths: "/api/v1/namespaces/NS/secrets/NAME", "/apis/G/V/RESOURCE", ...
 * ns NULL or "" = all namespaces / cluster-scoped. Returns a new string. */
char		*scs_api_path(const struct scs_resource *, const char *ns,
		    const char *name, const char *subresource);

struct scs_list_opts {
	const char	*label_selector;
	const char	*field_selector;
	long		 limit;		/* 0 = 500; -1 = unpaged */
	const char	*continue_token;
	const char	*resource_version;
	const char	*resource_version_match;
	int		 lean;		/* scs_api_list_stream: drop
					 * metadata.managedFields */
};

/* One page; the caller follows metadata.continue. */
struct scs_api_call *scs_api_list(struct scs_api *, const struct scs_resource *,
		    const char *ns, const struct scs_list_opts *, scs_api_cb,
		    void *);
/*
 * A list (or a page) decoded item by item as its body arrives: never the
 * whole body, nor a cJSON tree of it, in memory. icb gets each item
 * (borrowed; without metadata.managedFields when o->lean); done gets json
 * = {"metadata": the list's metadata} (resourceVersion, continue) when
 * the whole body came. Other answers are as scs_api_list's. The body has
 * no size limit (gzip is asked for, as for every request), an item has
 * a watch line's; a transfer that stalls for 60 s is dropped.
 */
typedef void	(*scs_item_cb)(const cJSON *item, void *);
struct scs_api_call *scs_api_list_stream(struct scs_api *,
		    const struct scs_resource *, const char *ns,
		    const struct scs_list_opts *, scs_item_cb, scs_api_cb,
		    void *);
/*
 * What this server said to streaming lists (a watch with
 * sendInitialEvents): 1 served one, -1 refused (remembered for the api's
 * life), 0 not tried yet. The store decides by it (store-sync.c).
 */
int		 scs_api_watch_list(const struct scs_api *);
void		 scs_api_set_watch_list(struct scs_api *, int);
struct scs_api_call *scs_api_get(struct scs_api *, const struct scs_resource *,
		    const char *ns, const char *name, scs_api_cb, void *);

enum scs_write_flags {
	SCS_WRITE_DRY_RUN	= 1 << 0	/* ?dryRun=All */
};

struct scs_api_call *scs_api_create(struct scs_api *,
		    const struct scs_resource *, const char *ns, const cJSON *obj,
		    unsigned flags, scs_api_cb, void *);
/* PUT; obj must carry metadata.name and metadata.resourceVersion. */
struct scs_api_call *scs_api_update(struct scs_api *,
		    const struct scs_resource *, const char *ns, const cJSON *obj,
		    unsigned flags, scs_api_cb, void *);
/* application/merge-patch+json */
struct scs_api_call *scs_api_patch(struct scs_api *,
		    const struct scs_resource *, const char *ns, const char *name,
		    const cJSON *patch, unsigned flags, scs_api_cb, void *);

struct scs_delete_opts {
	const char	*propagation;		/* Background|Foreground|Orphan or NULL */
	const char	*precondition_uid;
	const char	*precondition_rv;
	long		 grace_period_s;	/* -1 = server default */
};
struct scs_api_call *scs_api_delete(struct scs_api *,
		    const struct scs_resource *, const char *ns, const char *name,
		    const struct scs_delete_opts *, unsigned flags, scs_api_cb,
		    void *);

/*
 * Liveness (issue 14): when the server last proved it is alive. Any
 * answer (whatever its code), any watch event or bookmark counts. Once
 * something subscribes, a context silent for silence_ms (default 15 s)
 * is probed with GET /version (probe timeout default 3 s, no retries);
 * a probe that fails or hangs makes the api unresponsive (LOST) and it
 * is probed again every 2 s until any answer comes (BACK). A probe that
 * answered after silence is PROBED (a watch silent that long while the
 * server answers may be half-open). Subscribers are told from the loop,
 * never from inside a call's callback.
 */
enum scs_live_event {
	SCS_LIVE_LOST,		/* a probe failed or hung */
	SCS_LIVE_BACK,		/* it answers again after LOST */
	SCS_LIVE_PROBED		/* a probe after silence answered */
};
#define SCS_LIVE_SILENCE_MS	15000L
#define SCS_LIVE_PROBE_MS	3000L
#define SCS_LIVE_REPROBE_MS	2000L

struct scs_api_live {
	int64_t		 alive_ms;	/* monotonic ms of the last sign of
					 * life; 0: none yet */
	int64_t		 alive_wall_s;	/* the same, wall clock */
	int		 unresponsive;	/* since lost_ms (monotonic) */
	int64_t		 lost_ms;
	int64_t		 back_ms;	/* it last answered again; 0 never */
	unsigned	 probes_failed;	/* in a row */
	unsigned	 errors;	/* connection errors since the start */
	const char	*error;		/* the last one, whole; "" none */
	int64_t		 error_wall_s;
	long		 silence_ms;	/* probe after this much silence */
};
typedef void	(*scs_live_cb)(struct scs_api *, enum scs_live_event,
		    void *);
void		 scs_api_live(const struct scs_api *, struct scs_api_live *);
/* Probe after silence_ms of silence with a probe_ms timeout (0: the
 * defaults). */
void		 scs_api_set_silence(struct scs_api *, long silence_ms,
		    long probe_ms);
void		 scs_api_live_subscribe(struct scs_api *, scs_live_cb,
		    void *);
void		 scs_api_live_unsubscribe(struct scs_api *, scs_live_cb,
		    void *);
/* Coming back: it answered again after LOST less than ms ago. */
int		 scs_api_coming_back(const struct scs_api *, long ms);

/* SelfSubjectAccessReview; json is the review, allowed at status.allowed.
 * group "" = core; ns NULL = cluster-wide. */
struct scs_api_call *scs_api_can_i(struct scs_api *, const char *verb,
		    const char *group, const char *resource, const char *ns,
		    scs_api_cb, void *);
/* SelfSubjectRulesReview for a namespace. */
struct scs_api_call *scs_api_rules(struct scs_api *, const char *ns,
		    scs_api_cb, void *);
/* Any request relative to the server (path + query), e.g. "/version".
 * headers may set Content-Type and Accept (default application/json,
 * e.g. "Accept: application/json;as=Table;v=v1;g=meta.k8s.io"). */
struct scs_api_call *scs_api_raw(struct scs_api *, const char *method,
		    const char *path_and_query, const char *const *headers,
		    const char *body, size_t body_len, scs_api_cb, void *);

/*
 * Watch: ?watch=1&allowWatchBookmarks=true&resourceVersion=RV. Each event
 * is delivered as it arrives (type "ADDED", "MODIFIED", "DELETED",
 * "BOOKMARK"; object borrowed). An "ERROR" event is not delivered: it
 * ends the watch and done gets its Status (result.error). done is called
 * when the stream ends for any reason: server timeout (status OK), HTTP
 * error, dropped connection (status HTTP), 410 (status EXPIRED, also when
 * it came as an ERROR event), a bad or oversized line (DECODE, LIMIT).
 * The caller (the store) resumes or relists. No overall timeout: TCP
 * keepalive and a low-speed limit of timeout_s + 60 s notice a dead peer.
 */
typedef void	(*scs_watch_cb)(const char *type, const cJSON *object, void *);

struct scs_watch_opts {
	const char	*resource_version;
	const char	*label_selector;
	const char	*field_selector;
	long		 timeout_s;	/* server-side timeoutSeconds; 0 = 300 */
	/* A streaming list: sendInitialEvents=true&resourceVersionMatch=
	 * NotOlderThan: every object as ADDED, then a BOOKMARK annotated
	 * "k8s.io/initial-events-end": "true", then the watch goes on. */
	int		 send_initial_events;
	int		 lean;		/* drop metadata.managedFields */
};
struct scs_api_call *scs_api_watch(struct scs_api *,
		    const struct scs_resource *, const char *ns,
		    const struct scs_watch_opts *, scs_watch_cb, scs_api_cb,
		    void *);

/*
 * Line splitting for watch streams: feed any chunks; cb gets each complete
 * non-empty line (without "\n" or a trailing "\r", NUL-terminated,
 * borrowed, cb may change it in place); empty lines are skipped. A line longer than max
 * makes scs_lines_feed return SCS_LIMIT (the stream must be dropped).
 */
struct scs_lines {
	struct scs_buf	 buf;
	size_t		 max;
};
typedef int	(*scs_line_cb)(char *line, size_t len, void *);
void		 scs_lines_init(struct scs_lines *, size_t max);
void		 scs_lines_done(struct scs_lines *);
/* Returns SCS_OK, SCS_LIMIT, or SCS_CANCELLED when cb returned non-zero. */
enum scs_status	 scs_lines_feed(struct scs_lines *, const char *, size_t,
		    scs_line_cb, void *);

/*
 * JSON scanners for big answers (json-scan.c): they track only strings,
 * escapes and nesting; the parser that reads each piece checks the rest.
 *
 * scs_json_lean: drop every "managedFields" member of an object that is
 * the value of a "metadata" member (the object's own and, in a watch
 * event, its object's), in place; returns the new length (NUL-terminated
 * when shorter). Text cut short is left as it is from there.
 *
 * scs_list_split: cut a list's body ({"items":[...],"metadata":{...}},
 * keys in any order, as servers write them) into its items as bytes
 * arrive: cb gets each item's text (NUL-terminated, may be changed in
 * place; non-zero stops: SCS_CANCELLED). The list's metadata text stays
 * in meta. An item or the metadata longer than max is SCS_LIMIT; a body
 * that is not an object with an array of objects, SCS_DECODE. ended says
 * the closing brace came.
 */
size_t		 scs_json_lean(char *, size_t);
struct scs_list_split {
	struct scs_buf	 item;
	struct scs_buf	 meta;
	int		 depth;
	int		 in_str;
	int		 esc;
	int		 in_key;
	int		 expect_key;
	int		 mode;
	int		 ended;
	char		 key[16];	/* the current top-level key */
	size_t		 keylen;
	size_t		 nitems;
};
typedef int	(*scs_item_text_cb)(char *text, size_t len, void *);
void		 scs_list_split_init(struct scs_list_split *, size_t max);
void		 scs_list_split_done(struct scs_list_split *);
enum scs_status	 scs_list_split_feed(struct scs_list_split *, const char *,
		    size_t, scs_item_text_cb, void *);

#endif
