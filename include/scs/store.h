/*
 * store.h: informer-style caches (DESIGN.md section 2).
 *
 * An index is the pure part: compact records (model.h) of one resource,
 * sorted by (namespace, name), looked up by binary search. Objects go in
 * as cJSON (borrowed, decoded once, not kept). Tests drive it directly.
 *
 * A store drives an index from the API (and follows its liveness, api.h:
 * when the server answers again after a silence every store resumes at
 * once, retries wait at most a second while it comes back, Retry-After
 * is honoured, a watch silent for five silence periods while the server
 * answers probes is taken for half-open and resumed): LIST in pages of 500 (continue
 * tokens; an expired token restarts the list, a second expiry asks for
 * the whole list unpaged, as client-go's pager), then WATCH from the list's
 * resourceVersion with bookmarks. A watch that ends normally resumes from
 * the last resourceVersion; a dropped connection resumes after a capped
 * backoff with jitter; 410 Gone relists (objects that vanished meanwhile
 * are removed when the new list completes); 403 stops with state
 * FORBIDDEN and the server's message (no retry storm; a new store tries
 * again); other errors retry with backoff in state BACKOFF.
 *
 * Subscribers are told of changes at most once per loop iteration (the
 * notification is coalesced through a zero-delay timer), never from
 * inside scs_store_new or scs_store_free.
 */
#ifndef SCS_STORE_H
#define SCS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "scs/api.h"
#include "scs/model.h"
#include "scs/scs.h"

/* --- index (pure) --------------------------------------------------- */

struct scs_index;

struct scs_index *scs_index_new(const struct scs_kind *);
/* Keep a copy of each whole object in its record (rec->obj) for views
 * that need more than the record (a cluster's tree). Refused (ignored)
 * for Secrets: their values never enter an index. */
void		 scs_index_keep_objects(struct scs_index *, int);
void		 scs_index_free(struct scs_index *);
const struct scs_kind *scs_index_kind(const struct scs_index *);

/* Insert or replace the record of obj. now_ms becomes its changed_ms.
 * Returns 1 when the index changed, 0 when obj had no name (ignored). */
int		 scs_index_upsert(struct scs_index *, const cJSON *obj,
		    int64_t now_ms);
/* Remove; 1 when it was there. */
int		 scs_index_remove(struct scs_index *, const char *ns,
		    const char *name);
/* A relist: records upserted between begin and end survive, the others
 * are removed at end (returns how many). */
void		 scs_index_sweep_begin(struct scs_index *);
size_t		 scs_index_sweep_end(struct scs_index *);

size_t		 scs_index_count(const struct scs_index *);
/* i-th record in (namespace, name) order; NULL past the end. Valid until
 * the next change of the index. */
const struct scs_record *scs_index_at(const struct scs_index *, size_t);
const struct scs_record *scs_index_find(const struct scs_index *,
		    const char *ns, const char *name);
/* Position of (ns, name), or of where it would go, in *pos; 1 if found. */
int		 scs_index_locate(const struct scs_index *, const char *ns,
		    const char *name, size_t *pos);
/* Bumped on every change: views re-filter when it moved. */
uint64_t	 scs_index_generation(const struct scs_index *);
/* Memory held by records, their strings and the intern table. */
size_t		 scs_index_bytes(const struct scs_index *);

/* --- store (network) ------------------------------------------------ */

#define SCS_STORE_STATE_LIST(X)					\
	X(LOADING,	"loading")					\
	X(SYNCED,	"synced")					\
	X(RESYNCING,	"resyncing")					\
	X(BACKOFF,	"reconnecting")					\
	X(FORBIDDEN,	"forbidden")					\
	X(ERROR,	"error")

enum scs_store_state {
#define X(n, t)	SCS_STORE_##n,
	SCS_STORE_STATE_LIST(X)
#undef X
};
const char	*scs_store_state_name(enum scs_store_state);

struct scs_store;
typedef void	(*scs_store_cb)(struct scs_store *, void *);

/* Start caching res in ns (NULL or "" = all namespaces / cluster-scoped)
 * with an optional label selector. res and strings are copied. */
struct scs_store *scs_store_new(struct scs_api *, const struct scs_resource *,
		    const char *ns, const char *label_selector);
/* The same with every option (NULL opts = scs_store_new's defaults). */
struct scs_store_opts {
	const char	*label_selector;
	const char	*field_selector;	/* "metadata.name=x" */
	int		 keep_objects;		/* see scs_index_keep_objects */
};
struct scs_store *scs_store_new_opts(struct scs_api *,
		    const struct scs_resource *, const char *ns,
		    const struct scs_store_opts *);
void		 scs_store_free(struct scs_store *);
const struct scs_resource *scs_store_resource(const struct scs_store *);
struct scs_api	*scs_store_api(const struct scs_store *);
const char	*scs_store_namespace(const struct scs_store *);	/* "" = all */
const struct scs_index *scs_store_index(const struct scs_store *);
/* State and a one-line message (never NULL; "" when none). */
enum scs_store_state scs_store_state(const struct scs_store *,
		    const char **message);
/* How the last completed load asked: "streaming list", "list from the
 * watch cache" or "paged list" (docs/loading.md); NULL before one. */
const char	*scs_store_load_shape(const struct scs_store *);
/* Busy: a list is in progress (for the script runner's idle check). */
int		 scs_store_busy(const struct scs_store *);
void		 scs_store_subscribe(struct scs_store *, scs_store_cb, void *);
void		 scs_store_unsubscribe(struct scs_store *, scs_store_cb,
		    void *);

/* --- pool: shared stores ------------------------------------------- */

/*
 * One store per (api, resource, namespace) for every view that shows it:
 * get returns the store already there (one more reference) or starts one
 * (scs_store_new, no selector); put drops a reference and frees the store
 * with the last. ns NULL or "" = all namespaces; ignored for
 * cluster-scoped resources. Subscribers unsubscribe before they put.
 * Freeing the pool frees what is still in it.
 */
struct scs_store_pool;

struct scs_store_pool *scs_store_pool_new(void);
void		 scs_store_pool_free(struct scs_store_pool *);
struct scs_store *scs_store_pool_get(struct scs_store_pool *,
		    struct scs_api *, const struct scs_resource *,
		    const char *ns);
/* s must come from scs_store_pool_get of this pool (NULL: nothing). */
void		 scs_store_pool_put(struct scs_store_pool *, struct scs_store *);
/* Stores in the pool; the i-th (i < count), NULL past the end. */
size_t		 scs_store_pool_count(const struct scs_store_pool *);
struct scs_store *scs_store_pool_at(const struct scs_store_pool *, size_t);
/* SCS_STORE_BACKOFF and its message when a store of api lost its server
 * and is reconnecting; else SCS_STORE_SYNCED and "". */
enum scs_store_state scs_store_pool_state(const struct scs_store_pool *,
		    struct scs_api *, const char **message);
/* The stores of api not whole yet (loading, resyncing, reconnecting),
 * their resource names comma-separated in buf; how many. */
size_t		 scs_store_pool_waiting(const struct scs_store_pool *,
		    struct scs_api *, char *buf, size_t len);

#endif
