/*
 * sim-world.h: shared by the files that build and move the simulated
 * world (sim-objects.c, sim-scenario.c, sim-reconcile.c). Times are
 * seconds since the epoch (wall clock) for object timestamps.
 */
#ifndef SCS_SIM_WORLD_H
#define SCS_SIM_WORLD_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "sim-int.h"

/* Resource keys. */
#define SIM_CLUSTERS	"cluster.x-k8s.io/clusters"
#define SIM_CLASSES	"cluster.x-k8s.io/clusterclasses"
#define SIM_MDS		"cluster.x-k8s.io/machinedeployments"
#define SIM_MACHINES	"cluster.x-k8s.io/machines"
#define SIM_MSS		"cluster.x-k8s.io/machinesets"
#define SIM_MHCS	"cluster.x-k8s.io/machinehealthchecks"
#define SIM_KCPS	"controlplane.cluster.x-k8s.io/kubeadmcontrolplanes"
#define SIM_KCPTS	"controlplane.cluster.x-k8s.io/" \
			"kubeadmcontrolplanetemplates"
#define SIM_KCS		"bootstrap.cluster.x-k8s.io/kubeadmconfigs"
#define SIM_KCTS	"bootstrap.cluster.x-k8s.io/kubeadmconfigtemplates"
#define SIM_OSCS	"infrastructure.cluster.x-k8s.io/openstackclusters"
#define SIM_OSCTS	"infrastructure.cluster.x-k8s.io/" \
			"openstackclustertemplates"
#define SIM_OSMS	"infrastructure.cluster.x-k8s.io/openstackmachines"
#define SIM_OSMTS	"infrastructure.cluster.x-k8s.io/" \
			"openstackmachinetemplates"
#define SIM_STACKS	"clusterstack.x-k8s.io/clusterstacks"
#define SIM_RELEASES	"clusterstack.x-k8s.io/clusterstackreleases"
#define SIM_ADDONS	"clusterstack.x-k8s.io/clusteraddons"
#define SIM_SECRETS	"/secrets"
#define SIM_NAMESPACES	"/namespaces"
#define SIM_EVENTS	"/events"

#define SIM_CAPI	"cluster.x-k8s.io/v1beta2"
#define SIM_CSO		"clusterstack.x-k8s.io/v1alpha1"

/* Annotation that keeps a scenario cluster failed with this message. */
#define SIM_FAIL_ANNOTATION	"sim.scs.community/fail"
/* Annotation: workers short for this reason (a degraded, not failed
 * cluster). */
#define SIM_DEGRADED_ANNOTATION	"sim.scs.community/degraded"
/* Annotation: left alone by the reconcile loop (scale scenario). */
#define SIM_STATIC_ANNOTATION	"sim.scs.community/static"

/* sim-managed.c */
/* Replace o's metadata.managedFields with what server-side apply writes:
 * manager owns labels, annotations and spec (applied at created),
 * status_manager (or NULL) the status subresource (at status_time). */
void		 sim_managed_fields(cJSON *o, const char *manager,
		    int64_t created, const char *status_manager,
		    int64_t status_time);

/* sim-objects.c */
cJSON		*sim_obj_new(const char *api_version, const char *kind,
		    const char *ns, const char *name, int64_t created);
cJSON		*sim_path(cJSON *, const char *path);
void		 sim_set(cJSON *, const char *path, cJSON *value);
void		 sim_set_str(cJSON *, const char *path, const char *);
void		 sim_set_int(cJSON *, const char *path, long);
void		 sim_set_bool(cJSON *, const char *path, int);
const cJSON	*sim_get(const cJSON *, const char *path);
const char	*sim_get_str(const cJSON *, const char *path);
long		 sim_get_int(const cJSON *, const char *path, long def);
void		 sim_label(cJSON *, const char *key, const char *value);
/* Annotations (keys hold dots, so not through the dotted paths). */
const char	*sim_annotation(const cJSON *, const char *key);
void		 sim_annotate(cJSON *, const char *key, const char *value);
void		 sim_owner(cJSON *, const char *api_version, const char *kind,
		    const char *name, const char *uid);
/* Set a v1beta2 condition; lastTransitionTime moves only when the status
 * changes. Returns 1 when anything changed. */
int		 sim_cond(cJSON *, const char *type, const char *status,
		    const char *reason, const char *message, int64_t now);
void		 sim_cond_v1beta1(cJSON *, const char *type, const char *status,
		    const char *severity, const char *reason,
		    const char *message, int64_t now);
int		 sim_array_index(const cJSON *array, const cJSON *item);
uint64_t	 sim_rand(uint64_t *state);
void		 sim_uid(uint64_t *state, char *out, size_t len);

/*
 * sim-stacks.c: a ClusterClass name in ns with the variables of
 * sim_class_variables(stack_name), its templates (OpenStack machines,
 * kubeadm) and a reconciled status, as the cluster-stack operator makes
 * it for a release; the plain CAPI world's class is made the same way.
 */
cJSON		*sim_class_new(struct sim_db *, const char *ns,
		    const char *name, const char *stack_name, int64_t at);

/* sim-scenario.c: also used by the reconcile loop for new clusters. */
cJSON		*sim_kubeconfig_secret(const char *ns, const char *cluster,
		    int64_t now);
cJSON		*sim_addon(const char *ns, const char *cluster,
		    const char *cluster_uid, const char *class_name,
		    int64_t now);

#endif

/* Cluster status as the reconcile loop and the scenarios compute it. */
struct sim_cstat {
	const char	*phase;
	int		 infra;		/* infrastructure provisioned */
	int		 cp_init;	/* control plane initialised */
	long		 cp_desired, cp_ready, cp_uptodate;
	long		 w_desired, w_ready, w_uptodate;
	int		 rolling;
	int		 deleting;
	const char	*fail;		/* failure message, or NULL */
	const char	*degraded;	/* why workers are short, or NULL */
};
/* Write status (phase, counters, conditions) into a Cluster. */
void		 sim_cluster_status(cJSON *cluster, const struct sim_cstat *,
		    int64_t now);
/* A Machine of cluster (role "control-plane" or a MachineDeployment
 * name md owned by MachineSet ms), created now_s, in phase "Pending"
 * unless running is set; its bootstrap and infrastructure refs set. */
cJSON		*sim_machine_new(const char *ns, const char *cluster,
		    const char *name, const char *md, const char *ms,
		    const char *version, int running, int64_t now);
void		 sim_machine_phase(cJSON *m, const char *phase, int64_t now);
cJSON		*sim_md_new(const char *ns, const char *cluster,
		    const char *md, const char *class, long replicas,
		    const char *version, int64_t now);
void		 sim_md_status(cJSON *md, long replicas, long ready,
		    long uptodate, int64_t now);

/* sim-graph.c: the objects around a cluster (DOMAIN.md 3): refs set on
 * a Cluster or Machine about to be written, the companions of a stored
 * Machine, everything else of a stored cluster (sync: create, update
 * status, collect garbage), its removal, a ClusterClass's templates
 * (refs set on cc, templates stored). */
void		 sim_graph_cluster_refs(cJSON *cluster);
void		 sim_graph_machine_refs(cJSON *machine);
void		 sim_graph_machine(struct sim_db *, const cJSON *machine,
		    int64_t now);
void		 sim_graph_sync(struct sim_db *, const char *ns,
		    const char *cluster, int64_t now);
void		 sim_graph_delete(struct sim_db *, const char *ns,
		    const char *cluster);
void		 sim_graph_class(struct sim_db *, cJSON *cc, int64_t now);
/* The MachineSet of a MachineDeployment revision; the control plane. */
void		 sim_graph_ms_name(char *buf, size_t len, const char *cluster,
		    const char *md, const char *version,
		    const char *rollout_after);
void		 sim_graph_kcp_name(char *buf, size_t len, const char *cluster);

/* sim-crossplane.c: the composite and composed resources of a claim
 * (its spec.resourceRef set); notready: the message of the one composed
 * resource not ready, or NULL. */
void		 sim_crossplane_claim(struct sim_db *, cJSON *claim,
		    const char *notready, int64_t now);

/* sim-hostile.c: the hostile scenario's objects, added to the demo world. */
void		 sim_scenario_hostile(struct sim_db *, uint64_t *rng,
		    int64_t now);

/* sim-classes.c: spec.variables of a stack's classes ("scs2", "scs",
 * anything else: a small docker set); caller frees. */
cJSON		*sim_class_variables(const char *stack);

/* sim-stacks.c */
/* The releases and classes stack (a ClusterStack) asks for that are not
 * there yet, given to put (k8s: their Kubernetes versions in order, or
 * NULL; at + i * step: the i-th one's creation time). */
void		 sim_stack_releases(struct sim_db *, const cJSON *stack,
		    const char *const *k8s, int64_t at, int64_t step,
		    void (*put)(void *, const char *res, cJSON *), void *arg);
/* The stack's status after that (usableVersions, latestRelease, Ready,
 * observedGeneration). */
void		 sim_stack_status(cJSON *stack, int64_t at);
/* Reconcile every ClusterStack whose status lags its generation; returns
 * how many. */
int		 sim_stacks_reconcile(struct sim_db *, int64_t now);
