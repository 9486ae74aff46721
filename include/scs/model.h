/*
 * model.h: domain logic over API objects, no I/O: compact records for the
 * list views, cluster health, ClusterClass naming and cluster-stacks
 * upgrade rules, the Kubernetes version policy, persona detection.
 *
 * Records: a decoder turns one object (cJSON, borrowed) into a compact
 * struct scs_record once; the object is not kept. Low-cardinality strings
 * (namespace, phase, class, version, column texts) are interned in a
 * struct scs_strtab owned by whoever owns the records (the store); the
 * strings that are unique per object (name, uid, resourceVersion, labels,
 * message) are owned by the record. Secret values never enter a record:
 * the Secret decoder keeps key names only.
 */
#ifndef SCS_MODEL_H
#define SCS_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "scs/scs.h"

/* Member k of object o, or NULL (o NULL or not an object, no k). */
#define J(o, k)	cJSON_GetObjectItemCaseSensitive((o), (k))
/* The value at a dotted path of object keys ("status.phase"), or NULL
 * when a step is missing. Keys with dots cannot be reached this way. */
const cJSON	*scs_jpath(const cJSON *, const char *path);
/* The first element of array a whose "name" is name, or NULL (variable
 * definitions and values of a ClusterClass and a Cluster). */
const cJSON	*scs_jnamed(const cJSON *a, const char *name);

/* --- interned strings --------------------------------------------- */

/*
 * A grow-only intern table: each distinct string is stored once and lives
 * as long as the table. Only for low-cardinality values; unique strings
 * belong to records.
 */
struct scs_strtab;
struct scs_strtab *scs_strtab_new(void);
void		 scs_strtab_free(struct scs_strtab *);
/* The interned copy of s (NULL -> ""). */
const char	*scs_strtab_intern(struct scs_strtab *, const char *s);
/* Bytes held (strings + table), for memory accounting. */
size_t		 scs_strtab_bytes(const struct scs_strtab *);

/* --- health --------------------------------------------------------- */

#define SCS_HEALTH_LIST(X)			\
	X(UNKNOWN,	"unknown")		\
	X(OK,		"ok")			\
	X(PROGRESSING,	"progressing")		\
	X(WARNING,	"warning")		\
	X(ERROR,	"error")		\
	X(DELETING,	"deleting")

enum scs_health {
#define X(n, t)	SCS_HEALTH_##n,
	SCS_HEALTH_LIST(X)
#undef X
	SCS_HEALTH_MAX
};
const char	*scs_health_name(enum scs_health);
/* How people say it of a cluster: ok, progressing, degraded, failed,
 * deleting, unknown. */
const char	*scs_health_word(enum scs_health);

/* Condition lookup in obj.status.conditions (type compared
 * case-insensitively); NULL when absent. */
const cJSON	*scs_condition(const cJSON *obj, const char *type);
/* "True", "False", "Unknown" or NULL. */
const char	*scs_condition_status(const cJSON *obj, const char *type);
/* Negative polarity: True means "attention" (Paused, Deleting,
 * RollingOut, ScalingUp, ScalingDown, Remediating, MachineUpdating, ...). */
int		 scs_condition_negative(const char *type);
/* Health of one condition, polarity and v1beta1 severity included. */
enum scs_health	 scs_condition_health(const cJSON *cond);

/* --- records -------------------------------------------------------- */

#define SCS_RECORD_MAXCOLS	12

struct scs_record {
	const char	*ns;		/* interned; "" when cluster-scoped */
	char		*name;
	char		*uid;
	char		*rv;
	char		*labels;	/* "k=v\nk=v" or NULL */
	char		*owner;		/* "Kind/name" of the controller owner, or NULL */
	char		*message;	/* "Reason: message" of the deciding condition, or NULL */
	int64_t		 created;	/* seconds since the epoch; 0 = unknown */
	int64_t		 deleted;	/* deletionTimestamp, 0 = not deleting */
	int64_t		 since;		/* lastTransitionTime of the deciding condition */
	const char	*status;	/* interned short status: phase, "Ready", ... */
	enum scs_health	 health;
	uint8_t		 ncols;
	const char	*cols[SCS_RECORD_MAXCOLS];	/* interned kind columns */
	int64_t		 changed_ms;	/* set by the store: last change, monotonic */
	cJSON		*obj;		/* the whole object, only in stores that
					   keep objects (never for Secrets) */
	uint32_t	 mark;		/* store-private (relist sweep) */
};

/* Free what the record owns (not the record itself: stores embed them). */
void		 scs_record_clear(struct scs_record *);
/* Bytes the record owns outside interned strings (accounting). */
size_t		 scs_record_bytes(const struct scs_record *);
/* Value of label key in the record, or NULL (returns a pointer into a
 * static buffer valid until the next call). */
const char	*scs_record_label(const struct scs_record *, const char *key);

/* Kubernetes label selectors (labelsel.c): "a=b,c!=d,e,!f,g in (x,y),
 * h notin (z)"; an empty text matches everything. NULL and *cause on a
 * syntax error. */
struct scs_labelsel;
struct scs_labelsel *scs_labelsel_parse(const char *, char **cause);
int		 scs_labelsel_match(const struct scs_labelsel *,
		    const struct scs_record *);
void		 scs_labelsel_free(struct scs_labelsel *);

enum scs_align { SCS_ALIGN_LEFT, SCS_ALIGN_RIGHT };

struct scs_column {
	const char	*name;		/* header, upper case */
	int		 width;		/* typical width */
	int		 priority;	/* 0 = always shown; higher drops first */
	enum scs_align	 align;
};

/*
 * A kind's decoder and its columns (beyond NAMESPACE, NAME, STATUS and
 * AGE, which every table has from the record's fixed fields).
 */
struct scs_kind {
	const char		*group;		/* "" for core, NULL = any (generic) */
	const char		*plural;
	const char		*title;		/* "Clusters" */
	size_t			 ncols;
	const struct scs_column	*cols;
	void			(*decode)(const cJSON *, struct scs_record *,
				    struct scs_strtab *);
};

/* The kind for group/plural; the generic kind when not known. */
const struct scs_kind *scs_model_kind(const char *group, const char *plural);
/* Decode obj into rec (which must be zeroed or cleared) with kind k. */
void		 scs_model_decode(const struct scs_kind *, const cJSON *obj,
		    struct scs_record *, struct scs_strtab *);
/* The health the tables show for obj of kind k (a throwaway decode). */
enum scs_health	 scs_model_health(const struct scs_kind *, const cJSON *obj);

/* Column indexes of the known kinds (rec->cols[...]). */
enum { SCS_CLUSTER_CLASS, SCS_CLUSTER_VERSION, SCS_CLUSTER_AVAILABLE,
	SCS_CLUSTER_CP, SCS_CLUSTER_WORKERS, SCS_CLUSTER_APIVERSION,
	SCS_CLUSTER_NCOLS };
enum { SCS_SECRET_TYPE, SCS_SECRET_KEYS, SCS_SECRET_ROLE, SCS_SECRET_NCOLS };

/* --- secrets -------------------------------------------------------- */

/* Role of a Secret from its name, type, keys (DOMAIN.md section 4):
 * "kubeconfig", "cloud-credentials", "ca", "resource-set", "cluster-pki",
 * "token", "tls", "other". keys: comma-separated key names. */
const char	*scs_secret_role(const char *name, const char *type,
		    const char *keys);

/* --- ClusterClass names and upgrades -------------------------------- */

struct scs_class_name {
	char	provider[64];
	char	stack[64];
	int	major, minor;		/* Kubernetes minor, e.g. 1, 33 */
	char	version[64];		/* "v1", "v1-alpha.0" */
};

/* Parse "<provider>-<stack>-<maj>-<min>-<version>" (5 or 6 parts); 0 or
 * -1 when the name does not follow the convention. */
int		 scs_class_name_parse(const char *, struct scs_class_name *);
/* Compare cluster-stack versions ("v1" < "v2", "v1-alpha.0" < "v1"). */
int		 scs_stack_version_cmp(const char *, const char *);
/* Order parsed class names: Kubernetes major, minor, then stack version. */
int		 scs_class_name_cmp(const struct scs_class_name *,
		    const struct scs_class_name *);
/* ClusterStackRelease name for a class name ('.' -> '-'); caller frees. */
char		*scs_release_name(const char *class_name);
/* "v1.33.4" and "1.33.4" -> "v1.33.4" into out. */
void		 scs_k8s_version_norm(const char *, char *out, size_t len);
/* A semantic version as CAPI's webhook takes it (semver, tolerant of a
 * leading 'v'): MAJOR.MINOR.PATCH, then -PRERELEASE and +BUILD. */
int		 scs_k8s_version_valid(const char *);

/*
 * May a cluster on class `from` move to class `to` (cluster-stacks rule:
 * same provider and stack, Kubernetes minor the same or one higher, and
 * a newer stack version or a newer minor)? Returns 1 and sets *why to
 * NULL when allowed, else 0 with *why a static reason.
 */
int		 scs_upgrade_allowed(const char *from, const char *to,
		    const char **why);

/* --- Kubernetes version policy (SCS scs-0210) ---------------------- */

struct scs_eol {
	int		 major, minor;
	const char	*end_of_life;	/* "2026-06-28" */
	int		 patch;		/* latest patch this build knows */
};
/* The table, newest first; *n set to its length. */
const struct scs_eol *scs_eol_table(size_t *n);
enum scs_version_state {
	SCS_VERSION_OK,
	SCS_VERSION_UNKNOWN,		/* not in the table or unparsable */
	SCS_VERSION_EOL_SOON,		/* end of life within 60 days */
	SCS_VERSION_EOL			/* past end of life */
};
/* State of Kubernetes version v ("v1.33.4") at time now. */
enum scs_version_state scs_version_state(const char *v, int64_t now);

/* --- personas ------------------------------------------------------- */

enum scs_persona { SCS_PERSONA_TENANT, SCS_PERSONA_KAAS, SCS_PERSONA_IAAS };
const char	*scs_persona_name(enum scs_persona);
int		 scs_persona_parse(const char *, enum scs_persona *);

/*
 * Decide from what the user may do cluster-wide (DESIGN.md section 3):
 * list secrets in all namespaces or Crossplane kinds -> iaas; list
 * clusterstacks in all namespaces -> kaas; otherwise tenant.
 */
struct scs_access {
	int	list_secrets_all;
	int	list_providerconfigs;
	int	list_clusterstacks_all;
	int	list_clusters_all;
	int	list_namespaces;
};
enum scs_persona scs_persona_detect(const struct scs_access *);
/* Read status.allowed of a SelfSubjectAccessReview result. */
int		 scs_review_allowed(const cJSON *review);

/* --- cluster tree (like `clusterctl describe cluster`) ------------- */

/*
 * One line of a cluster's tree: the Cluster, its infrastructure and
 * control plane (the kinds their refs name), the Workers group with each
 * MachineDeployment and MachinePool, MachineSets, MachineHealthChecks
 * and the Machines with their infrastructure machines and bootstrap
 * configs (machines in the same state are grouped into one line
 * "3 Machines..." when group is set). Strings are the node's own.
 */
struct scs_tree_node {
	int		 depth;		/* 0 = the Cluster */
	char		 prefix[64];	/* tree drawing: "│ ├─" etc. (UTF-8) */
	char		*label;		/* "Cluster/prod-eu1", "Workers", ... */
	size_t		 role;		/* bytes of label before the object:
					 * "ClusterInfrastructure - " (0:
					 * none) */
	char		*kind;		/* object to open, NULL for groups */
	char		*name;
	char		*group;		/* its API group */
	const char	*ready;		/* "True", "False", "Unknown" or "" */
	char		 replicas[24];	/* "2/3" ready/desired, or "" */
	char		*reason;
	int64_t		 since;		/* lastTransitionTime, 0 = unknown */
	char		*message;
	enum scs_health	 health;
	const cJSON	*conditions;	/* the object's, borrowed; or NULL */
};

/* As clusterctl describe cluster's --grouping and --echo. */
struct scs_tree_opts {
	int	group;		/* alike machines on one line */
	int	echo;		/* every machine's infrastructure machine and
				 * bootstrap config, and the MachineSets (else
				 * only those that say something else, and
				 * MachineSets while there are several) */
};

/*
 * Build the tree of cluster from the other objects of the cluster, of
 * any kinds (borrowed, and borrowed by the nodes' conditions): CAPI kinds
 * are matched by kind and the cluster-name label (or spec.clusterName),
 * provider objects by the refs that name them (infrastructureRef,
 * controlPlaneRef, bootstrap.configRef). Both v1beta2 (Available,
 * status.controlPlane) and v1beta1 (Ready, severity) conditions work.
 * opts NULL: grouped, no echo. *out gets the nodes in drawing order;
 * returns how many.
 */
size_t		 scs_tree_build(const cJSON *cluster, const cJSON *const *objs,
		    size_t nobjs, const struct scs_tree_opts *opts,
		    struct scs_tree_node **out);
void		 scs_tree_free(struct scs_tree_node *, size_t);
/* The API group an object reference names: v1beta2 apiGroup, else the
 * group of apiVersion ("" for the core group). */
void		 scs_ref_group(const cJSON *ref, char *buf, size_t len);

/* --- events of a cluster (model-events.c) -------------------------- */

/* When core/v1 Event ev last happened (lastTimestamp, eventTime,
 * series.lastObservedTime, creationTimestamp: the first there), epoch
 * seconds; 0 when it says none. */
int64_t		 scs_event_time(const cJSON *ev);
/* 1 when ev's involvedObject (kind and name) is one of objs: objects
 * (kind, metadata.name) or object references (kind, name), such as a
 * Cluster's controlPlaneRef. */
int		 scs_event_about(const cJSON *ev, const cJSON *const *objs,
		    size_t nobjs);
/* Events newest first (scs_event_time; the same time by name). */
void		 scs_events_sort(const cJSON **v, size_t n);

/* --- references (model-refs.c) ------------------------------------- */

/* One object reference (borrowed from the object walked). */
struct scs_ref {
	const char	*path;		/* "spec.infrastructureRef" */
	char		 group[128];	/* "" for the core group */
	const char	*kind;
	const char	*ns;		/* the ref's, else the object's; NULL
					 * when neither says one */
	const char	*name;
};
typedef void	(*scs_ref_cb)(const struct scs_ref *, void *);
/*
 * Call cb for every reference obj holds: its ownerReferences, a Cluster's
 * ClusterClass (topology classRef or class), then in document order every
 * object below the top level (metadata aside) with a kind, a name and an
 * apiVersion or apiGroup: infrastructureRef, controlPlaneRef,
 * bootstrap.configRef, template refs, Crossplane's resourceRef(s) and
 * claimRef, ... (what is below a ref is not walked).
 */
void		 scs_refs(const cJSON *obj, scs_ref_cb cb, void *arg);

/* --- fleet summary ------------------------------------------------- */

/* Counts of one group of clusters (a namespace, a class, a version). */
struct scs_fleet_group {
	const char	*key;		/* borrowed from the records */
	int		 total;
	int		 n[SCS_HEALTH_MAX];
	int		 available;
	char		 latest[24];	/* versions: newest patch of the minor */
};

/*
 * A summary of cluster records (store.h index of clusters): counts by
 * health, per namespace, per ClusterClass and per Kubernetes version (with
 * the version policy state), and the clusters that need attention, worst
 * first: failed, then degraded, then stuck deleting, then on versions
 * past end of life, each ordered by how long (oldest since first). Only
 * records of namespace ns when ns is not NULL. known: more Kubernetes
 * versions (from ClusterStackReleases; NULL-terminated, may be NULL) for
 * "behind the latest patch". Borrowed pointers stay valid until the index
 * changes.
 */
struct scs_fleet {
	int			  total;
	int			  n[SCS_HEALTH_MAX];
	int			  available;
	struct scs_fleet_group	 *by_ns, *by_class, *by_version;
	size_t			  nns, nclass, nversion;
	const struct scs_record	**attention;
	const char		**attention_tag;	/* the record's source */
	size_t			  nattention;
	struct scs_fleet_group	 *by_tag;	/* per source, in the given order */
	size_t			  ntag;
	int			  eol, eol_soon;	/* clusters */
	int			  behind_patch;		/* clusters */
};
struct scs_index;
void		 scs_fleet_build(struct scs_fleet *, const struct scs_index *,
		    const char *ns, const char *const *known, int64_t now);
/*
 * The same over several indexes (several management clusters), each with
 * a tag (its kubeconfig context; borrowed) that attention entries carry
 * and by_tag counts; an index may be NULL (a source not loaded: an empty
 * group).
 */
void		 scs_fleet_build_many(struct scs_fleet *,
		    const struct scs_index *const *, const char *const *tags,
		    size_t n, const char *ns, const char *const *known,
		    int64_t now);
void		 scs_fleet_free(struct scs_fleet *);
/* Why r is on the attention list ("failed", "degraded", "deleting",
 * "end of life"), or NULL when it is fine. */
const char	*scs_fleet_why(const struct scs_record *, int64_t now);

#endif
