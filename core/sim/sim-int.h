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
	char		*text;		/* the object's JSON at that version */
	size_t		 len;
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
void		 sim_db_set_hook(struct sim_db *, sim_db_hook, void *);
/* Oldest resourceVersion a watch may resume from (older: 410 Gone). */
uint64_t	 sim_db_oldest_rv(const struct sim_db *);
/* Visit history entries newer than since, oldest first, until fn returns
 * non-zero. -1 (nothing visited) when since is older than the history. */
int		 sim_db_history(struct sim_db *, uint64_t since,
		    int (*fn)(const struct sim_event_rec *, void *), void *);

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

/* --- sim-convert.c -------------------------------------------------- */
/* Convert obj (of resource res) in place between API versions of its
 * group (e.g. Cluster v1beta2 <-> v1beta1); sets apiVersion. 0 or -1. */
int		 sim_convert(const char *res, cJSON *obj, const char *to_version);

/* --- sim-admit.c ---------------------------------------------------- */
/*
 * The admission webhooks: defaulting and validation of a Cluster's
 * topology variables against its ClusterClass status.variables (CAPI),
 * the cluster-stacks version rule (CSO). obj is the storage-version object
 * about to be written (mutable: defaults are applied); old is the current
 * one for updates, else NULL. On refusal returns non-zero and sets *err to
 * a Status the server sends (422 Invalid with causes, or 403 for CSO).
 * Warnings (e.g. class not found) are appended to *warnings (NULL-
 * terminated array the caller frees with each string).
 */
int		 sim_admit(struct sim_db *, const char *res, cJSON *obj,
		    const cJSON *old, struct scs_api_error **err,
		    char ***warnings);

#endif
