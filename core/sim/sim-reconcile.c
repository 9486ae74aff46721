/*
 * sim-reconcile.c: the reconcile loop that moves the simulated world:
 * clusters through their phases, machines created, rolled and removed,
 * deletion finished, kubeconfig secrets and ClusterAddons for new
 * clusters, and the "storm" load for benchmarks.
 *
 * Only clusters whose resourceVersion moved since the last look, or that
 * had not converged then, are examined, so a quiet world of 10,000
 * clusters costs almost nothing. Every write goes through sim_db_put and
 * so bumps the resourceVersion and reaches watchers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-world.h"

/* Simulated seconds a machine spends in each phase. */
#define PHASE_PENDING_MS	1000
#define PHASE_PROVISIONING_MS	3000
#define PHASE_PROVISIONED_MS	2000
#define INFRA_MS		2000
#define DELETE_STEP_MS		1500

struct key {
	char	*ns;
	char	*name;
};

struct sim_world {
	struct sim_db	*db;
	uint64_t	 seen_rv;	/* clusters at or below were looked at */
	struct key	*active;	/* clusters not converged */
	size_t		 nactive;
	uint64_t	 rng;
	int64_t		 now_ms;
	int64_t		 last_tick;
	long		 storm;		/* cluster changes per second */
	long		 storm_for;	/* ms per sim_world_storm; 0 = always */
	int64_t		 storm_until;	/* world ms; storm_for only */
	int		 storm_start;	/* sim_world_storm was called */
	double		 storm_debt;
	size_t		 storm_pos;
	int64_t		 started_ms;
};

struct sim_world *
sim_world_new(struct sim_db *db, const struct scs_sim_opts *o)
{
	struct sim_world	*w;
	const char		*p;

	w = scs_xcalloc(1, sizeof *w);
	w->db = db;
	w->rng = (o->seed != 0 ? o->seed : 1) ^ 0x5eed;
	w->last_tick = -1;
	if (o->faults != NULL && (p = strstr(o->faults, "storm=")) != NULL)
		w->storm = strtol(p + 6, NULL, 10);
	if (o->faults != NULL && (p = strstr(o->faults, "storm-for=")) != NULL)
		w->storm_for = strtol(p + 10, NULL, 10);
	w->storm_until = -1;
	return (w);
}

static void
keys_clear(struct key *k, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(k[i].ns);
		free(k[i].name);
	}
	free(k);
}

void
sim_world_free(struct sim_world *w)
{
	if (w == NULL)
		return;
	keys_clear(w->active, w->nactive);
	free(w);
}

/* --- helpers ---------------------------------------------------------- */

struct collect {
	struct key	*keys;
	size_t		 n;
	uint64_t	 after;		/* only objects with rv > after */
	const char	*label;		/* cluster-name label filter */
};

static int
collect_cb(const struct sim_obj *o, void *arg)
{
	struct collect	*c = arg;
	const char	*l;

	if (o->rv <= c->after)
		return (0);
	if (c->label != NULL) {
		l = cJSON_IsString(cJSON_GetObjectItemCaseSensitive(
		    sim_get(o->json, "metadata.labels"),
		    "cluster.x-k8s.io/cluster-name")) ?
		    cJSON_GetObjectItemCaseSensitive(sim_get(o->json,
		    "metadata.labels"), "cluster.x-k8s.io/cluster-name")
		    ->valuestring : NULL;
		if (!scs_streq(l, c->label))
			return (0);
	}
	c->keys = scs_xreallocarray(c->keys, c->n + 1, sizeof *c->keys);
	c->keys[c->n].ns = scs_xstrdup(o->ns);
	c->keys[c->n].name = scs_xstrdup(o->name);
	c->n++;
	return (0);
}

/* Objects of res in ns labelled for cluster (names). */
static struct key *
owned(struct sim_world *w, const char *res, const char *ns,
    const char *cluster, size_t *n)
{
	struct collect	 c;

	memset(&c, 0, sizeof c);
	c.label = cluster;
	sim_db_foreach(w->db, res, ns, collect_cb, &c);
	*n = c.n;
	return (c.keys);
}

/* Put a modified copy when it differs from the stored object. */
static int
put_if_changed(struct sim_world *w, const char *res,
    const struct sim_obj *old, cJSON *copy)
{
	if (old != NULL && cJSON_Compare(old->json, copy, 1)) {
		cJSON_Delete(copy);
		return (0);
	}
	sim_db_put(w->db, res, copy);
	return (1);
}

static int64_t
wall(const struct sim_world *w)
{
	(void)w;
	return (scs_wall_s());
}

/* Machine timing lives in an annotation holding the world's ms clock. */
static int64_t
machine_born(const cJSON *m)
{
	const char	*s = sim_annotation(m, "sim.scs.community/born-ms");

	return (s != NULL ? strtoll(s, NULL, 10) : -1);
}

static void
machine_create(struct sim_world *w, const char *ns, const char *cluster,
    const char *md, const char *ms, const char *version)
{
	char			 name[256], born[32], uid[40];
	cJSON			*m;
	const struct sim_obj	*o;

	snprintf(name, sizeof name, "%s-%s-%05llx", cluster,
	    md != NULL ? md : "control-plane",
	    (unsigned long long)(sim_rand(&w->rng) & 0xfffff));
	m = sim_machine_new(ns, cluster, name, md, ms, version, 0, wall(w));
	snprintf(born, sizeof born, "%lld", (long long)w->now_ms);
	sim_annotate(m, "sim.scs.community/born-ms", born);
	sim_uid(&w->rng, uid, sizeof uid);
	sim_set_str(m, "metadata.uid", uid);
	o = sim_db_put(w->db, SIM_MACHINES, m);
	sim_graph_machine(w->db, o->json, wall(w));
}

/* Advance one machine through its phases; returns 1 when running. */
static int
machine_step(struct sim_world *w, const struct sim_obj *o)
{
	const char	*phase = sim_get_str(o->json, "status.phase");
	int64_t		 born = machine_born(o->json), age;
	const char	*want;
	cJSON		*m;

	if (phase != NULL && strcmp(phase, "Running") == 0)
		return (1);
	if (phase != NULL && strcmp(phase, "Failed") == 0)
		return (0);
	if (born < 0)
		return (phase != NULL && strcmp(phase, "Running") == 0);
	age = w->now_ms - born;
	if (age < PHASE_PENDING_MS)
		want = "Pending";
	else if (age < PHASE_PENDING_MS + PHASE_PROVISIONING_MS)
		want = "Provisioning";
	else if (age < PHASE_PENDING_MS + PHASE_PROVISIONING_MS +
	    PHASE_PROVISIONED_MS)
		want = "Provisioned";
	else
		want = "Running";
	if (!scs_streq(phase, want)) {
		char	*ns = scs_xstrdup(o->ns), *name = scs_xstrdup(o->name);

		m = cJSON_Duplicate(o->json, 1);
		sim_machine_phase(m, want, wall(w));
		if (put_if_changed(w, SIM_MACHINES, o, m) &&
		    (o = sim_db_get(w->db, SIM_MACHINES, ns, name)) != NULL)
			sim_graph_machine(w->db, o->json, wall(w));
		free(ns);
		free(name);
	}
	return (strcmp(want, "Running") == 0);
}

struct mstate {
	long	total, ready, uptodate;
	char	oldest_outdated[256];
	char	newest[256];
	int64_t	newest_born;
	int	outdated_running;
};

/* Step the machines of one role (md NULL = control plane). */
static void
machines_scan(struct sim_world *w, const char *ns, const char *cluster,
    const char *md, const char *version, int64_t after, struct mstate *ms)
{
	struct key		*k;
	size_t			 n, i;
	const struct sim_obj	*o;
	const cJSON		*labels;
	int			 is_cp, running;
	const char		*mdl, *v;

	memset(ms, 0, sizeof *ms);
	ms->newest_born = -1;
	k = owned(w, SIM_MACHINES, ns, cluster, &n);
	for (i = 0; i < n; i++) {
		if ((o = sim_db_get(w->db, SIM_MACHINES, k[i].ns,
		    k[i].name)) == NULL)
			continue;
		labels = sim_get(o->json, "metadata.labels");
		is_cp = cJSON_GetObjectItemCaseSensitive(labels,
		    "cluster.x-k8s.io/control-plane") != NULL;
		mdl = cJSON_IsString(cJSON_GetObjectItemCaseSensitive(labels,
		    "cluster.x-k8s.io/deployment-name")) ?
		    cJSON_GetObjectItemCaseSensitive(labels,
		    "cluster.x-k8s.io/deployment-name")->valuestring : NULL;
		if (md == NULL ? !is_cp : !scs_streq(mdl, md))
			continue;
		running = machine_step(w, o);
		o = sim_db_get(w->db, SIM_MACHINES, k[i].ns, k[i].name);
		ms->total++;
		v = sim_get_str(o->json, "spec.version");
		if (running)
			ms->ready++;
		if (scs_streq(v, version) && (after <= 0 ||
		    scs_parse_rfc3339(sim_get_str(o->json,
		    "metadata.creationTimestamp")) >= after))
			ms->uptodate++;
		else {
			if (ms->oldest_outdated[0] == '\0')
				scs_strlcpy(ms->oldest_outdated, k[i].name,
				    sizeof ms->oldest_outdated);
		}
		if (machine_born(o->json) >= ms->newest_born) {
			ms->newest_born = machine_born(o->json);
			scs_strlcpy(ms->newest, k[i].name, sizeof ms->newest);
		}
	}
	keys_clear(k, n);
}

/*
 * Bring one role to `want` machines of `version`: create the missing,
 * roll outdated ones one at a time (surge one, then remove the old),
 * scale down the newest extras. Returns 1 while work remains.
 */
struct role {
	const char	*md;		/* topology name; NULL = control plane */
	const char	*version;
	char		 ms[256];	/* the current MachineSet */
	int64_t		 after;		/* rollout restart time, or 0 */
};

/* The role's current revision: rollout time and MachineSet. */
static void
role_init(struct sim_world *w, struct role *r, const char *ns,
    const char *cluster, const char *md, const char *version)
{
	const struct sim_obj	*o;
	char			 name[512];
	const char		*after;

	r->md = md;
	r->version = version;
	if (md == NULL)
		sim_graph_kcp_name(name, sizeof name, cluster);
	else
		snprintf(name, sizeof name, "%s-%s", cluster, md);
	o = sim_db_get(w->db, md == NULL ? SIM_KCPS : SIM_MDS, ns, name);
	after = o != NULL ? sim_get_str(o->json, "spec.rollout.after") : NULL;
	r->after = after != NULL ? scs_parse_rfc3339(after) : 0;
	if (r->after > wall(w))
		r->after = 0;
	r->ms[0] = '\0';
	if (md != NULL)
		sim_graph_ms_name(r->ms, sizeof r->ms, cluster, md, version,
		    r->after > 0 ? after : NULL);
}

static int
machines_converge(struct sim_world *w, const char *ns, const char *cluster,
    const struct role *r, long want, int allow_create, struct mstate *ms)
{
	const char	*md = r->md, *version = r->version;

	machines_scan(w, ns, cluster, md, version, r->after, ms);
	if (ms->total < want) {
		if (allow_create)
			machine_create(w, ns, cluster, md, r->ms, version);
		return (1);
	}
	if (ms->total > want) {
		if (ms->oldest_outdated[0] == '\0')
			sim_db_delete(w->db, SIM_MACHINES, ns, ms->newest);
		else if (ms->ready == ms->total)
			/* The surge machine is up: retire an old one. */
			sim_db_delete(w->db, SIM_MACHINES, ns,
			    ms->oldest_outdated);
		return (1);
	}
	if (ms->uptodate < ms->total) {
		/* Roll: one extra up-to-date machine at a time. */
		if (ms->ready == ms->total && allow_create)
			machine_create(w, ns, cluster, md, r->ms, version);
		return (1);
	}
	return (ms->total != want || ms->ready != want ||
	    ms->uptodate != want);
}

/* --- one cluster ------------------------------------------------------ */

static void
delete_owned(struct sim_world *w, const char *res, const char *ns,
    const char *cluster)
{
	struct key	*k;
	size_t		 n, i;

	k = owned(w, res, ns, cluster, &n);
	for (i = 0; i < n; i++)
		sim_db_delete(w->db, res, k[i].ns, k[i].name);
	keys_clear(k, n);
}

/* Deletion: machines go first, then everything the cluster owns, then
 * the cluster. Returns 1 while work remains. */
static int
cluster_delete(struct sim_world *w, const struct sim_obj *o)
{
	char		 name[512];
	const char	*ns = o->ns, *cl = o->name, *fail;
	struct sim_cstat s;
	struct key	*k;
	size_t		 n;
	cJSON		*c;

	fail = sim_annotation(o->json, SIM_FAIL_ANNOTATION);
	if (!scs_streq(sim_get_str(o->json, "status.phase"), "Deleting")) {
		memset(&s, 0, sizeof s);
		s.deleting = 1;
		s.fail = fail;
		s.phase = "Deleting";
		s.cp_desired = sim_get_int(o->json,
		    "status.controlPlane.desiredReplicas", 0);
		s.cp_ready = sim_get_int(o->json,
		    "status.controlPlane.readyReplicas", 0);
		s.w_desired = sim_get_int(o->json,
		    "status.workers.desiredReplicas", 0);
		s.w_ready = sim_get_int(o->json,
		    "status.workers.readyReplicas", 0);
		s.infra = 1;
		s.cp_init = cJSON_IsTrue(sim_get(o->json,
		    "status.initialization.controlPlaneInitialized"));
		c = cJSON_Duplicate(o->json, 1);
		sim_cluster_status(c, &s, wall(w));
		put_if_changed(w, SIM_CLUSTERS, o, c);
		return (1);
	}
	if (fail != NULL)
		return (0);	/* stuck on purpose: converged */
	/* The finalizer stays until the machines are gone. */
	k = owned(w, SIM_MACHINES, ns, cl, &n);
	if (n > 0) {
		sim_db_delete(w->db, SIM_MACHINES, k[0].ns, k[0].name);
		keys_clear(k, n);
		return (1);
	}
	keys_clear(k, n);
	delete_owned(w, SIM_MDS, ns, cl);
	sim_graph_delete(w->db, ns, cl);
	snprintf(name, sizeof name, "%s-kubeconfig", cl);
	sim_db_delete(w->db, SIM_SECRETS, ns, name);
	snprintf(name, sizeof name, "cluster-addon-%s", cl);
	sim_db_delete(w->db, SIM_ADDONS, ns, name);
	sim_db_delete(w->db, SIM_CLUSTERS, ns, cl);
	return (0);
}

/* The MachineDeployment object for topology entry md. */
static void
md_sync(struct sim_world *w, const struct sim_obj *cl, const cJSON *mdt,
    const char *version, const struct mstate *ms)
{
	const char		*mdn = sim_get_str(mdt, "name");
	char			 name[512];
	const struct sim_obj	*o;
	cJSON			*m;
	long			 want = sim_get_int(mdt, "replicas", 1);

	snprintf(name, sizeof name, "%s-%s", cl->name, mdn);
	o = sim_db_get(w->db, SIM_MDS, cl->ns, name);
	m = o != NULL ? cJSON_Duplicate(o->json, 1) : sim_md_new(cl->ns,
	    cl->name, mdn, sim_get_str(mdt, "class") != NULL ?
	    sim_get_str(mdt, "class") : "default-worker", want, version,
	    wall(w));
	sim_set_int(m, "spec.replicas", want);
	sim_set_str(m, "spec.template.spec.version", version);
	sim_md_status(m, ms->total, ms->ready, ms->uptodate, wall(w));
	put_if_changed(w, SIM_MDS, o, m);
}

/* Returns 1 while the cluster has work left. */
static int
cluster_step(struct sim_world *w, const char *ns, const char *name)
{
	const struct sim_obj	*o;
	const cJSON		*topo, *mds, *mdt;
	const char		*version, *fail, *cls, *uid;
	struct sim_cstat	 s;
	struct mstate		 ms;
	struct role		 role;
	char			 sname[512];
	cJSON			*c;
	long			 cp_want;
	int			 busy = 0, infra_done;
	int64_t			 start;

	if ((o = sim_db_get(w->db, SIM_CLUSTERS, ns, name)) == NULL)
		return (0);
	if (sim_get(o->json, "metadata.deletionTimestamp") != NULL)
		return (cluster_delete(w, o));
	topo = sim_get(o->json, "spec.topology");
	if (topo == NULL)
		return (0);
	version = sim_get_str(topo, "version");
	if (version == NULL)
		return (0);
	fail = sim_annotation(o->json, SIM_FAIL_ANNOTATION);

	if (sim_annotation(o->json, SIM_STATIC_ANNOTATION) != NULL)
		return (0);

	/* Paused: no controller touches it (the Paused condition says so). */
	c = cJSON_Duplicate(o->json, 1);
	if (cJSON_IsTrue(sim_get(o->json, "spec.paused"))) {
		sim_cond(c, "Paused", "True", "Paused", "Cluster spec.paused "
		    "is set to true", wall(w));
		put_if_changed(w, SIM_CLUSTERS, o, c);
		return (0);
	}
	sim_graph_cluster_refs(c);

	/* Infrastructure: some time after the cluster was first seen. */
	if (!cJSON_IsTrue(sim_get(o->json,
	    "status.initialization.infrastructureProvisioned"))) {
		const char *st = sim_annotation(o->json,
		    "sim.scs.community/start-ms");

		if (st == NULL) {
			char buf[32];

			snprintf(buf, sizeof buf, "%lld",
			    (long long)w->now_ms);
			sim_annotate(c, "sim.scs.community/start-ms", buf);
			start = w->now_ms;
		} else
			start = strtoll(st, NULL, 10);
		infra_done = fail == NULL && w->now_ms - start >= INFRA_MS;
	} else
		infra_done = 1;

	memset(&s, 0, sizeof s);
	s.fail = fail;
	s.degraded = sim_annotation(o->json, SIM_DEGRADED_ANNOTATION);
	s.infra = infra_done;
	cp_want = sim_get_int(topo, "controlPlane.replicas", 1);
	s.cp_desired = cp_want;
	role_init(w, &role, ns, name, NULL, version);
	machines_converge(w, ns, name, &role, cp_want, infra_done, &ms);
	busy |= ms.total != cp_want || ms.ready != cp_want ||
	    ms.uptodate != cp_want;
	s.cp_ready = ms.ready;
	s.cp_uptodate = ms.uptodate;
	s.cp_init = ms.ready > 0 || cJSON_IsTrue(sim_get(o->json,
	    "status.initialization.controlPlaneInitialized"));
	s.rolling = ms.uptodate < ms.total;

	mds = sim_get(topo, "workers.machineDeployments");
	cJSON_ArrayForEach(mdt, mds) {
		long want = sim_get_int(mdt, "replicas", 1);

		if (sim_get_str(mdt, "name") == NULL)
			continue;
		role_init(w, &role, ns, name, sim_get_str(mdt, "name"),
		    version);
		busy |= machines_converge(w, ns, name, &role, want,
		    s.cp_init && fail == NULL, &ms);
		s.w_desired += want;
		s.w_ready += ms.ready < want ? ms.ready : want;
		s.w_uptodate += ms.uptodate;
		s.rolling |= ms.uptodate < ms.total;
		md_sync(w, o, mdt, version, &ms);
		o = sim_db_get(w->db, SIM_CLUSTERS, ns, name);
	}
	/* Degraded (annotation) on a running cluster: one worker is not
	 * ready, as after a node failure. */
	if (s.degraded != NULL && s.w_ready > 0 && s.w_ready >= s.w_desired)
		s.w_ready--;
	s.phase = !infra_done ? (fail != NULL ||
	    sim_get(o->json, "status.phase") != NULL ? "Provisioning" :
	    "Pending") : s.cp_init ? "Provisioned" : "Provisioning";
	if (!infra_done && sim_get(o->json, "status") == NULL)
		s.phase = "Pending";
	sim_cluster_status(c, &s, wall(w));
	/* The status above was computed on a copy taken before the machine
	 * writes; keep the annotation change and the new status. */
	busy |= put_if_changed(w, SIM_CLUSTERS, o, c);
	sim_graph_sync(w->db, ns, name, wall(w));
	o = sim_db_get(w->db, SIM_CLUSTERS, ns, name);

	/* Kubeconfig and addon once the control plane is up. */
	if (s.cp_init && fail == NULL) {
		snprintf(sname, sizeof sname, "%s-kubeconfig", name);
		if (sim_db_get(w->db, SIM_SECRETS, ns, sname) == NULL)
			sim_db_put(w->db, SIM_SECRETS,
			    sim_kubeconfig_secret(ns, name, wall(w)));
		snprintf(sname, sizeof sname, "cluster-addon-%s", name);
		uid = sim_get_str(o->json, "metadata.uid");
		cls = sim_get_str(o->json, "spec.topology.classRef.name");
		/* The Cluster Stack Operator's addons, where it runs. */
		if (sim_stacks_installed() &&
		    sim_db_get(w->db, SIM_ADDONS, ns, sname) == NULL)
			sim_db_put(w->db, SIM_ADDONS, sim_addon(ns, name, uid,
			    cls != NULL ? cls : "", wall(w)));
	}
	return (busy && fail == NULL);
}

/* --- storm ------------------------------------------------------------ */

/* Is the storm blowing at world time now? */
static int
storm_on(const struct sim_world *w)
{
	return (w->storm > 0 && (w->storm_for == 0 ||
	    w->now_ms < w->storm_until));
}

/* Starts at the next tick, which knows the time. */
void
sim_world_storm(struct sim_world *w)
{
	w->storm_start = 1;
}

int
sim_world_fail(struct sim_world *w, const char *ns, const char *name,
    const char *msg)
{
	const struct sim_obj	*o = sim_db_get(w->db, SIM_CLUSTERS, ns, name);
	cJSON			*c;

	if (o == NULL)
		return (-1);
	c = cJSON_Duplicate(o->json, 1);
	sim_annotate(c, SIM_FAIL_ANNOTATION, msg);
	/* The reconcile finds the infrastructure gone and keeps it so. */
	sim_set(c, "status.initialization.infrastructureProvisioned",
	    cJSON_CreateFalse());
	sim_db_put(w->db, SIM_CLUSTERS, c);
	return (0);
}

/*
 * Change storm clusters per second, round robin over all clusters: a
 * heartbeat annotation and a worker flapping between ready and not.
 * sim_db_put replaces in place, so positions stay valid.
 */
static void
storm(struct sim_world *w, int64_t elapsed_ms)
{
	size_t			 total, k, count;
	const struct sim_obj	*o;
	cJSON			*c;
	char			 ts[32];

	total = sim_db_count(w->db, SIM_CLUSTERS, NULL);
	if (total == 0)
		return;
	w->storm_debt += (double)w->storm * (double)elapsed_ms / 1000.0;
	count = (size_t)w->storm_debt;
	w->storm_debt -= (double)count;
	scs_format_rfc3339(scs_wall_s(), ts, sizeof ts);
	for (k = 0; k < count; k++) {
		if ((o = sim_db_at(w->db, SIM_CLUSTERS,
		    w->storm_pos++ % total)) == NULL)
			continue;
		c = cJSON_Duplicate(o->json, 1);
		sim_annotate(c, "sim.scs.community/heartbeat", ts);
		sim_set_int(c, "status.workers.readyReplicas",
		    sim_get_int(o->json, "status.workers.desiredReplicas", 1) -
		    (long)(sim_rand(&w->rng) % 2));
		sim_db_put(w->db, SIM_CLUSTERS, c);
	}
}

/* --- tick ------------------------------------------------------------- */

static void
key_add(struct collect *c, const char *ns, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->n; i++) {
		if (strcmp(c->keys[i].ns, ns) == 0 &&
		    strcmp(c->keys[i].name, name) == 0)
			return;
	}
	c->keys = scs_xreallocarray(c->keys, c->n + 1, sizeof *c->keys);
	c->keys[c->n].ns = scs_xstrdup(ns);
	c->keys[c->n].name = scs_xstrdup(name);
	c->n++;
}

/* A user's write to a cluster's MachineDeployment, control plane or
 * Machine (a rollout restart, a deleted machine) wakes the cluster. */
static int
touched_cb(const struct sim_event_rec *e, void *arg)
{
	struct collect	*c = arg;
	cJSON		*j;
	const cJSON	*l;

	if (strcmp(e->res, SIM_MDS) != 0 && strcmp(e->res, SIM_KCPS) != 0 &&
	    strcmp(e->res, SIM_MACHINES) != 0)
		return (0);
	if ((j = cJSON_ParseWithLength(e->text, e->len)) == NULL)
		return (0);
	l = cJSON_GetObjectItemCaseSensitive(sim_get(j, "metadata.labels"),
	    "cluster.x-k8s.io/cluster-name");
	if (cJSON_IsString(l) && e->ns != NULL)
		key_add(c, e->ns, l->valuestring);
	cJSON_Delete(j);
	return (0);
}

long
sim_world_tick(struct sim_world *w, int64_t now_ms)
{
	struct collect	 c;
	struct key	*next = NULL;
	size_t		 nnext = 0, i;
	uint64_t	 rv;

	if (w->last_tick < 0)
		w->last_tick = now_ms;
	w->now_ms = now_ms;
	if (w->storm_start) {
		w->storm_start = 0;
		w->storm_until = now_ms + w->storm_for;
		w->storm_debt = 0;
		w->last_tick = now_ms;
	}
	if (storm_on(w))
		storm(w, now_ms - w->last_tick);
	w->last_tick = now_ms;

	/* Clusters written since the last look, plus the active ones. */
	memset(&c, 0, sizeof c);
	c.after = w->seen_rv;
	rv = sim_db_rv(w->db);
	if (rv != w->seen_rv) {
		sim_db_foreach(w->db, SIM_CLUSTERS, NULL, collect_cb, &c);
		(void)sim_db_history(w->db, w->seen_rv, touched_cb, &c);
	}
	/* The cluster-stack operator: new or changed ClusterStacks. */
	if (rv != w->seen_rv)
		sim_stacks_reconcile(w->db, scs_wall_s());
	w->seen_rv = rv;
	for (i = 0; i < w->nactive; i++)
		key_add(&c, w->active[i].ns, w->active[i].name);
	for (i = 0; i < c.n; i++) {
		if (cluster_step(w, c.keys[i].ns, c.keys[i].name)) {
			next = scs_xreallocarray(next, nnext + 1,
			    sizeof *next);
			next[nnext].ns = scs_xstrdup(c.keys[i].ns);
			next[nnext].name = scs_xstrdup(c.keys[i].name);
			nnext++;
		}
	}
	keys_clear(c.keys, c.n);
	keys_clear(w->active, w->nactive);
	w->active = next;
	w->nactive = nnext;
	/* Our own writes are not news: skip them next time. */
	w->seen_rv = sim_db_rv(w->db);
	if (storm_on(w))
		return (20);
	return (w->nactive > 0 ? 250 : -1);
}
