/*
 * sim-int.h: internals of the simulator shared between its files.
 *
 * Everything here runs on the simulator's one thread: no locks.
 *
 * Resources are named by a key "GROUP/PLURAL" ("/secrets" for the core
 * group, "cluster.x-k8s.io/clusters"). The database stores every object
 * in its storage version (CAPI: v1beta2) as a cJSON tree it owns, plus a
 * cached compact serialisation for fast lists; objects served in another
 * version are converted on the way out and in (sim-convert.c).
 */
#ifndef SCS_SIM_INT_H
#define SCS_SIM_INT_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "scs/api.h"
#include "scs/scs.h"
#include "scs/sim.h"

struct sim_db;

struct sim_obj {
	cJSON		*json;		/* owned by the db; do not modify in place */
	char		*text;		/* compact JSON of json */
	size_t		 text_len;
	uint64_t	 rv;
	const char	*ns;		/* "" for cluster-scoped; points into json */
	const char	*name;
};

enum sim_event { SIM_ADDED, SIM_MODIFIED, SIM_DELETED };

/* One entry of the event history (for watches). */
struct sim_event_rec {
	uint64_t	 rv;
	enum sim_event	 type;
	char		*res;		/* resource key */
	char		*ns;
	char		*name;
	char		*text;		/* the object's JSON at that version */
	size_t		 len;
	char		*prev;		/* its JSON before (MODIFIED, DELETED) */
	size_t		 prev_len;
};

/* Called after every change (put or delete), e.g. to wake watchers. */
typedef void	(*sim_db_hook)(void *);

/* --- sim-db.c ------------------------------------------------------- */
struct sim_db	*sim_db_new(size_t history);
void		 sim_db_free(struct sim_db *);
/* Current (latest) resourceVersion. */
uint64_t	 sim_db_rv(const struct sim_db *);
/*
 * Insert or replace; takes ownership of obj. Assigns the next
 * resourceVersion; on insert also uid and creationTimestamp (unless set)
 * and generation 1; on replace bumps metadata.generation when spec
 * changed. Emits ADDED or MODIFIED to the history and to watchers.
 * Returns the stored object (borrowed).
 */
const struct sim_obj *sim_db_put(struct sim_db *, const char *res,
		    cJSON *obj);
const struct sim_obj *sim_db_get(struct sim_db *, const char *res,
		    const char *ns, const char *name);
/* Remove now and emit DELETED; 0 done, -1 not found. */
int		 sim_db_delete(struct sim_db *, const char *res,
		    const char *ns, const char *name);
/* Visit objects of res (ns NULL = all) in namespace/name order; stop when
 * fn returns non-zero. fn must not modify the db. */
void		 sim_db_foreach(struct sim_db *, const char *res,
		    const char *ns, int (*fn)(const struct sim_obj *, void *),
		    void *);
size_t		 sim_db_count(struct sim_db *, const char *res,
		    const char *ns);
/* The i-th object of res in (namespace, name) order, or NULL; and the
 * position of the first object >= (ns, name): for paged lists. */
const struct sim_obj *sim_db_at(struct sim_db *, const char *res, size_t i);
size_t		 sim_db_lower_bound(struct sim_db *, const char *res,
		    const char *ns, const char *name);
/*
 * Visit the objects of res (ns NULL = all) that follow (after_ns,
 * after_name) (NULL: from the start) in (namespace, name) order as they
 * were at resourceVersion at: objects changed since show their state
 * then, objects added since are left out, objects deleted since are
 * back (a continued list is a snapshot of its first page). at must not
 * be older than sim_db_oldest_rv(). The sim_obj of a past state is only
 * valid during the call.
 */
void		 sim_db_foreach_at(struct sim_db *, const char *res,
		    const char *ns, const char *after_ns,
		    const char *after_name, uint64_t at,
		    int (*fn)(const struct sim_obj *, void *), void *);
void		 sim_db_set_hook(struct sim_db *, sim_db_hook, void *);
/*
 * A restart on a restored etcd: renumber every object's resourceVersion
 * from base (lower than before), in storage order, and forget the event
 * history. Emits no events. Afterwards sim_db_oldest_rv() is the new
 * current resourceVersion.
 */
void		 sim_db_restart(struct sim_db *, uint64_t base);
/* Oldest resourceVersion a watch may resume from (older: 410 Gone). */
uint64_t	 sim_db_oldest_rv(const struct sim_db *);
/* Visit history entries newer than since, oldest first, until fn returns
 * non-zero. -1 (nothing visited) when since is older than the history. */
int		 sim_db_history(struct sim_db *, uint64_t since,
		    int (*fn)(const struct sim_event_rec *, void *), void *);

/* --- sim-json.c ----------------------------------------------------- */
/*
 * JSON text as Go's encoder writes it (what a real apiserver sends):
 * invalid UTF-8 bytes become \ufffd, '<' '>' '&' and U+2028/2029 are
 * escaped. Never NULL (aborts on OOM); caller frees; *len may be NULL.
 */
char		*sim_json_print(const cJSON *, size_t *len);
/* The same rewriting of an already printed JSON text. */
char		*sim_json_goescape(const char *text, size_t len,
		    size_t *out_len);

/* --- sim-scenario.c ------------------------------------------------- */
/* Fill an empty db with the scenario in opts ("demo", "scale", "empty"). */
enum scs_status	 sim_scenario_load(struct sim_db *,
		    const struct scs_sim_opts *, char **cause);

/* --- sim-reconcile.c ------------------------------------------------ */
/*
 * Move the world forward to now_ms (monotonic; scaled by opts->speed by
 * the caller): clusters through their phases, machines, addons, deletion
 * finalisers. Called about every 100 ms; does nothing when nothing is
 * due. Returns the delay in ms until it next has work (or -1 for none).
 */
struct sim_world;
struct sim_world *sim_world_new(struct sim_db *, const struct scs_sim_opts *);
void		 sim_world_free(struct sim_world *);
long		 sim_world_tick(struct sim_world *, int64_t now_ms);
/* Start a storm of faults storm-for=MS now (storm=N changes/s). */
void		 sim_world_storm(struct sim_world *);
/* Cluster ns/name loses its infrastructure and stays failed saying msg
 * (scs_sim_fail); -1 when there is no such cluster. */
int		 sim_world_fail(struct sim_world *, const char *ns,
		    const char *name, const char *msg);

/* --- sim-convert.c -------------------------------------------------- */
/* Convert obj (of resource res) in place between API versions of its
 * group (e.g. Cluster v1beta2 <-> v1beta1); sets apiVersion. 0 or -1. */
int		 sim_convert(const char *res, cJSON *obj, const char *to_version);

/* --- sim-admit.c ---------------------------------------------------- */
/*
 * Admission of a write of res by user: the webhooks (defaulting and
 * validation of a Cluster's topology variables against its ClusterClass
 * status.variables (CAPI), the cluster-stacks version rule (CSO)), then
 * the ValidatingAdmissionPolicies (sim-vap.c); a policy about to be
 * stored has its expressions compiled. obj is the storage-version object
 * about to be written (mutable: defaults are applied); old is the current
 * one for updates, else NULL. On refusal returns non-zero and sets *err to
 * a Status the server sends (422 Invalid with causes, or 403 for CSO).
 * Warnings (e.g. class not found) are appended to *warnings (NULL-
 * terminated array the caller frees with each string).
 */
int		 sim_admit(struct sim_db *, const char *res, cJSON *obj,
		    const cJSON *old, const char *user, int dry_run,
		    struct scs_api_error **err, char ***warnings);
/* --- sim-defaults.c ------------------------------------------------- */

/* CAPI's defaulting of the topology topo's variables (and the overrides
 * that are set) from the class's definitions defs
 * (scs_schema_definitions); the variables array, NULL when none. */
cJSON		*sim_default_variables(const cJSON *defs, cJSON *topo);
/* A Cluster of the world at its start, as CAPI's defaulting webhook
 * would have stored it when it was created (nothing when its class is
 * not in db yet). */
void		 sim_seed_defaults(struct sim_db *, cJSON *cluster);
/* Append msg (taken) to the NULL-terminated array *w. */
void		 sim_warn(char ***w, char *msg);

/* --- sim-vap.c ------------------------------------------------------ */
/* A write as ValidatingAdmissionPolicies see it. */
struct sim_vap_req {
	const char	*group;		/* "" = core */
	const char	*version;
	const char	*resource;	/* plural */
	const char	*kind;
	const char	*operation;	/* CREATE, UPDATE, DELETE */
	const char	*ns;		/* NULL: cluster-scoped */
	const char	*name;
	const char	*user;		/* NULL: not known */
	const cJSON	*object;	/* NULL for DELETE */
	const cJSON	*old;		/* NULL for CREATE */
	int		 dry_run;
};
/*
 * Run the policies bound to rq (sim-vap.c says how). 0 admitted (Warn
 * actions append to *warnings), -1 denied with *err the Status to send.
 */
int		 sim_vap_admit(struct sim_db *, const struct sim_vap_req *,
		    struct scs_api_error **err, char ***warnings);
/* A policy about to be stored: a 422 when an expression does not
 * parse, else NULL. */
struct scs_api_error *sim_vap_validate(const cJSON *policy);

#endif

/* --- sim-resources.c ------------------------------------------------ */

/* A printer column: path is a dotted JSON path, "cond:TYPE" for a
 * condition's status, or "age" for the creation timestamp. */
struct sim_column {
	const char	*name;
	const char	*type;		/* string, integer, date */
	const char	*path;
	int		 priority;
};

struct sim_resdef {
	const char		*group;		/* "" = core */
	const char		*plural;
	const char		*singular;
	const char		*kind;
	const char		*versions[3];	/* served; [0] = storage, preferred */
	int			 namespaced;
	int			 has_status;
	int			 review;	/* create-only review kinds */
	const char		*short_names[3];
	const char		*categories[2];
	const struct sim_column	*cols;		/* NULL-name terminated or NULL */
	const char		*deprecated;	/* deprecated version, or NULL */
};

/* --- sim-schemas.c ------------------------------------------------ */
/* The CRD's structural schema (openAPIV3Schema, JSON text) of r, or
 * NULL: served as an object that keeps any field. */
const char	*sim_resource_schema(const struct sim_resdef *r);

/* The table; *n is set to its length. */
const struct sim_resdef *sim_resources(size_t *n);
/*
 * The world's API (set by sim_scenario_load, one simulator per process):
 * a CAPI 1.10 server serves Cluster API's kinds at v1beta1 only; a plain
 * CAPI management cluster has neither the Cluster Stack Operator (its
 * kinds, webhooks, addons) nor the Central API (Crossplane). What is not
 * served is not in discovery and answers 404.
 */
int		 sim_capi_v1beta1_only(void);
int		 sim_stacks_installed(void);
/* Look up a resource by group, version and plural; NULL when not served
 * (also when the version is not one of its versions). */
const struct sim_resdef *sim_resource_find(const char *group,
		    const char *version, const char *plural);
/* "GROUP/PLURAL" key into buf. */
void		 sim_resource_key(const struct sim_resdef *, char *buf,
		    size_t len);
/* Discovery documents (caller frees). NULL when group/version unknown. */
char		*sim_discovery_api(void);
char		*sim_discovery_apis(void);
char		*sim_discovery_group(const char *group);
char		*sim_discovery_resources(const char *group, const char *version);
char		*sim_openapi_v2(void);
char		*sim_openapi_v3_index(void);
char		*sim_openapi_v3_gv(const char *group, const char *version);
/* Table cells of one object (caller deletes the array). */
cJSON		*sim_table_columns(const struct sim_resdef *);
cJSON		*sim_table_cells(const struct sim_resdef *, const cJSON *obj);

/* --- sim-tls.c ------------------------------------------------------ */

/* PEM texts of a throwaway PKI made at start; all caller-owned strings. */
struct sim_pki {
	char	*ca_cert;
	char	*ca_key;
	char	*server_cert;
	char	*server_key;
};
enum scs_status	 sim_pki_new(struct sim_pki *, char **cause);
void		 sim_pki_done(struct sim_pki *);
/* A client certificate for user (CN) in group (O), signed by the CA. */
enum scs_status	 sim_pki_client(const struct sim_pki *, const char *user,
		    const char *group, char **cert_pem, char **key_pem,
		    char **cause);
/* The CN of a DER certificate, or NULL (caller frees). */
char		*sim_cert_cn(const unsigned char *der, size_t len);

/* --- sim-auth.c ----------------------------------------------------- */

/* The simulated users, in kubeconfig order; NULL-terminated. */
extern const char *const sim_users[];
/* Groups of a user ("system:masters" for csp-admin), static. */
const char	*sim_user_group(const char *user);
/* May user do verb on group/plural (subresource ignored) in ns (NULL or
 * "" = cluster-wide / all namespaces) and, for namespaces, name? */
int		 sim_allowed(const char *user, const char *verb,
		    const char *group, const char *plural, const char *ns,
		    const char *name);
/* The real server's 403 message (caller frees). */
char		*sim_forbidden_message(const char *user, const char *verb,
		    const char *group, const char *plural, const char *ns);
/* SelfSubjectAccessReview / RulesReview: request (JSON or the Kubernetes
 * protobuf envelope) -> response JSON (caller frees); NULL on a malformed
 * request with *cause. */
char		*sim_access_review(const char *user, const char *body,
		    size_t len, char **cause);
char		*sim_rules_review(const char *user, const char *body,
		    size_t len, char **cause);
char		*sim_self_review(const char *user);

/* --- sim-patch.c ---------------------------------------------------- */

/* RFC 7386 merge patch applied to target in place. */
void		 sim_merge_patch(cJSON *target, const cJSON *patch);
/* RFC 6902 JSON patch; 0 or -1 with *cause (a failed "test" included). */
int		 sim_json_patch(cJSON *target, const cJSON *ops, char **cause);

/* --- sim-faults.c --------------------------------------------------- */

/*
 * What --faults asks for (0 = off). Counters are over all requests the
 * server has read (nrequests), lists (nlists) or watches (nwatches).
 */
struct sim_faults {
	long	drop_every;		/* drop-every=N: close every Nth
					 * connection before answering */
	long	cut_watch_after;	/* cut-watch-after=N: end watches
					 * cleanly after N events */
	long	drop_watch_after;	/* drop-watch-after=N: after N events
					 * send half the next line and drop
					 * the connection (no final chunk) */
	long	cut_list_every;		/* cut-list-every=N: every Nth list
					 * response stops halfway through
					 * its body and the connection drops */
	long	t429_every;		/* 429-every=N[:retry=S] */
	long	retry_after;		/* seconds for those 429s */
	long	burst500;		/* 500-burst=N: the first N requests */
	long	slow_ms;		/* slow=MS: delay every answer */
	long	expire_continue;	/* expire-continue: every continue
					 * token is expired (-1); =N: the
					 * first N tokens presented are */
	long	watch410_every;		/* watch-410-every=N */
	long	hang_after;		/* hang-after=N[:for=MS]: from request
					 * N+1 on, accept but never answer
					 * (for MS, then answer the held
					 * requests and go on); established
					 * watches go silent meanwhile */
	long	hang_for_ms;		/* 0 = for good */
	int	hang;			/* hang-after given (N may be 0) */
	long	hang_every;		/* hang-every=N: every Nth request is
					 * held for good (dropped after 10
					 * minutes) */
	long	restart_after_ms;	/* restart-after=MS[:down=MS]: once,
					 * MS after start, drop every
					 * connection and renumber every
					 * resourceVersion lower, as an
					 * apiserver on an etcd restored from
					 * a snapshot: watches and continue
					 * tokens from before get 410 */
	long	restart_down_ms;	/* hold requests this long after it */
	long	restart_init_ms;	/* :init=MS: then answer every request
					 * 429 "storage is (re)initializing"
					 * with Retry-After: 1 this long, as
					 * an apiserver filling its caches */
	long	storm;			/* storm=N: read by the world */
	long	storm_for;		/* storm-for=MS: each scs_sim_storm
					 * starts a storm of MS; 0 = always */
	int	old_watch;		/* old-watch: ignore sendInitialEvents
					 * and resourceVersionMatch on a watch,
					 * as an apiserver before 1.27 does (a
					 * plain watch, no end bookmark) */
	int	no_watch_list;		/* no-watch-list: refuse streaming
					 * lists (sendInitialEvents) with
					 * 422, as an apiserver without the
					 * WatchList feature answers */
	char	forbid[64];		/* forbid=PLURAL: every user but
					 * csp-admin gets 403 Forbidden on
					 * that resource, as RBAC without the
					 * grant (a tenant that may not read
					 * its ConfigMaps) */
};
enum scs_status	 sim_faults_parse(const char *spec, struct sim_faults *,
		    char **cause);
