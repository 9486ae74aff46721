/*
 * model-tree.c: a cluster as a tree, the way `clusterctl describe
 * cluster` shows it: Cluster, ClusterInfrastructure and ControlPlane
 * with the kinds their refs name, the control plane's Machines, Workers
 * with each MachineDeployment (its MachineSets while it has several, or
 * with echo), MachinePool and their Machines, MachineHealthChecks under
 * what they watch, and under each Machine its infrastructure machine and
 * bootstrap config when they say something the Machine does not (all of
 * them with echo). Machines in the same state are grouped into one line.
 * Objects are matched by kind, name and the refs and labels CAPI sets,
 * so any provider's kinds show as themselves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/util.h"

#define LABEL_CLUSTER	"cluster.x-k8s.io/cluster-name"
#define LABEL_CP	"cluster.x-k8s.io/control-plane"
#define LABEL_MD	"cluster.x-k8s.io/deployment-name"
#define LABEL_POOL	"cluster.x-k8s.io/pool-name"
#define LABEL_TOPO_MD	"topology.cluster.x-k8s.io/deployment-name"
#define CAPI_GROUP	"cluster.x-k8s.io"

struct tree {
	struct scs_tree_node	*v;
	size_t			 n, cap;
	const cJSON *const	*objs;
	size_t			 nobjs;
	const char		*cluster;	/* its name */
	const struct scs_tree_opts *o;
};

static const char *
str(const cJSON *o, const char *path)
{
	const char	*s = cJSON_GetStringValue(scs_jpath(o, path));

	return (s != NULL ? s : "");
}

static const char *
label(const cJSON *o, const char *key)
{
	const cJSON	*l = J(J(J(o, "metadata"), "labels"), key);

	return (cJSON_IsString(l) ? l->valuestring : NULL);
}

/* The API group of an object ("" for the core group). */
static void
group_of(const cJSON *o, char *buf, size_t len)
{
	const char	*av = str(o, "apiVersion");
	const char	*slash = strchr(av, '/');

	snprintf(buf, len, "%.*s", slash != NULL ? (int)(slash - av) : 0, av);
}

void
scs_ref_group(const cJSON *ref, char *buf, size_t len)
{
	const char	*g = cJSON_GetStringValue(J(ref, "apiGroup"));

	if (g != NULL)
		snprintf(buf, len, "%s", g);
	else
		group_of(ref, buf, len);
}

/* A CAPI kind (its group, or no apiVersion at all). */
static int
is_capi(const cJSON *o, const char *kind)
{
	char	 g[128];

	if (!scs_streq(str(o, "kind"), kind))
		return (0);
	group_of(o, g, sizeof g);
	return (*str(o, "apiVersion") == '\0' || strcmp(g, CAPI_GROUP) == 0);
}

static int
of_cluster(const struct tree *t, const cJSON *o)
{
	return (scs_streq(label(o, LABEL_CLUSTER), t->cluster) ||
	    scs_streq(str(o, "spec.clusterName"), t->cluster));
}

/* The object ref names among the inputs, or NULL. */
static const cJSON *
find_ref(const struct tree *t, const cJSON *ref)
{
	char	 want[128], g[128];
	size_t	 i;

	if (*str(ref, "kind") == '\0' || *str(ref, "name") == '\0')
		return (NULL);
	scs_ref_group(ref, want, sizeof want);
	for (i = 0; i < t->nobjs; i++) {
		if (!scs_streq(str(t->objs[i], "kind"), str(ref, "kind")) ||
		    !scs_streq(str(t->objs[i], "metadata.name"),
		    str(ref, "name")))
			continue;
		group_of(t->objs[i], g, sizeof g);
		if (*want == '\0' || *g == '\0' || strcmp(g, want) == 0)
			return (t->objs[i]);
	}
	return (NULL);
}

/* Owned (ownerReferences) by an object of kind and name. */
static int
owned_by(const cJSON *o, const char *kind, const char *name)
{
	const cJSON	*r;

	cJSON_ArrayForEach(r, scs_jpath(o, "metadata.ownerReferences")) {
		if (scs_streq(cJSON_GetStringValue(J(r, "kind")), kind) &&
		    scs_streq(cJSON_GetStringValue(J(r, "name")), name))
			return (1);
	}
	return (0);
}

/* The condition that sums an object up: Available (v1beta2), else
 * Ready (v1beta1); for Machines Ready first. */
static const cJSON *
summary_condition(const cJSON *o)
{
	const cJSON	*c;

	if (scs_streq(cJSON_GetStringValue(J(o, "kind")), "Machine") &&
	    (c = scs_condition(o, "Ready")) != NULL)
		return (c);
	/* A v1beta2 MachineSet has no Available. */
	if (scs_streq(cJSON_GetStringValue(J(o, "kind")), "MachineSet") &&
	    (c = scs_condition(o, "MachinesReady")) != NULL)
		return (c);
	if ((c = scs_condition(o, "Available")) != NULL)
		return (c);
	if ((c = scs_condition(o, "Ready")) != NULL)
		return (c);
	return (scs_condition(o, "RemediationAllowed"));
}

static struct scs_tree_node *
node_add(struct tree *t, int depth, const char *label_text)
{
	struct scs_tree_node	*n;

	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 16 : t->cap * 2;
		t->v = scs_xreallocarray(t->v, t->cap, sizeof *t->v);
	}
	n = &t->v[t->n++];
	memset(n, 0, sizeof *n);
	n->depth = depth;
	n->label = scs_xstrdup(label_text);
	n->ready = "";
	n->health = SCS_HEALTH_UNKNOWN;
	return (n);
}

/* Fill ready/reason/since/message/health from condition c. */
static void
node_condition(struct scs_tree_node *n, const cJSON *c)
{
	const char	*s;

	if (c == NULL)
		return;
	s = cJSON_GetStringValue(J(c, "status"));
	n->ready = s == NULL ? "" : strcmp(s, "True") == 0 ? "True" :
	    strcmp(s, "False") == 0 ? "False" : "Unknown";
	free(n->reason);
	n->reason = NULL;
	if ((s = cJSON_GetStringValue(J(c, "reason"))) != NULL)
		n->reason = scs_xstrdup(s);
	free(n->message);
	n->message = NULL;
	if ((s = cJSON_GetStringValue(J(c, "message"))) != NULL &&
	    *s != '\0')
		n->message = scs_xstrdup(s);
	if ((s = cJSON_GetStringValue(J(c, "lastTransitionTime"))) != NULL)
		n->since = scs_parse_rfc3339(s);
	n->health = scs_condition_health(c);
}

/* The plural a kind most likely has (for judging it as tables do). */
static void
plural_of(const char *kind, char *buf, size_t len)
{
	size_t	 i;

	for (i = 0; kind[i] != '\0' && i + 2 < len; i++)
		buf[i] = (char)(kind[i] >= 'A' && kind[i] <= 'Z' ?
		    kind[i] - 'A' + 'a' : kind[i]);
	buf[i++] = 's';
	buf[i] = '\0';
}

/* Set the node's object (kind, name, group) from a ref or an object. */
static void
node_names(struct scs_tree_node *n, const char *kind, const char *name,
    const char *group)
{
	free(n->kind);
	free(n->name);
	free(n->group);
	n->kind = kind != NULL ? scs_xstrdup(kind) : NULL;
	n->name = name != NULL ? scs_xstrdup(name) : NULL;
	n->group = group != NULL ? scs_xstrdup(group) : NULL;
}

/* Conditions and health of object o on node n. */
static void
node_judge(struct scs_tree_node *n, const cJSON *o)
{
	char	 g[128], plural[128];

	n->conditions = scs_jpath(o, "status.conditions");
	node_condition(n, summary_condition(o));
	group_of(o, g, sizeof g);
	plural_of(str(o, "kind"), plural, sizeof plural);
	/* Judged as the tables judge it. */
	if (scs_model_kind(*g != '\0' ? g : CAPI_GROUP, plural)->group != NULL)
		n->health = scs_model_health(scs_model_kind(*g != '\0' ? g :
		    CAPI_GROUP, plural), o);
	if (*str(o, "metadata.deletionTimestamp") != '\0')
		n->health = SCS_HEALTH_DELETING;
}

static struct scs_tree_node *
node_object(struct tree *t, int depth, const char *prefix_text,
    const cJSON *o)
{
	struct scs_tree_node	*n;
	char			*l, g[128];
	const char		*kind = str(o, "kind");
	const char		*name = str(o, "metadata.name");

	l = scs_xprintf("%s%s/%s", prefix_text, kind, name);
	n = node_add(t, depth, l);
	n->role = strlen(prefix_text);
	free(l);
	group_of(o, g, sizeof g);
	node_names(n, kind, name, *g != '\0' ? g : CAPI_GROUP);
	node_judge(n, o);
	return (n);
}

/* A node for what ref names: the object when we have it, else the ref
 * with the fallback condition (the cluster's summary of it). */
static struct scs_tree_node *
node_ref(struct tree *t, int depth, const char *what, const cJSON *ref,
    const cJSON *fallback)
{
	struct scs_tree_node	*n;
	const cJSON		*o = find_ref(t, ref);
	char			*l, g[128];

	if (*str(ref, "kind") == '\0') {
		n = node_add(t, depth, what);
		node_condition(n, fallback);
		return (n);
	}
	l = scs_xprintf("%s - %s/%s", what, str(ref, "kind"), str(ref,
	    "name"));
	n = node_add(t, depth, l);
	n->role = strlen(what) + 3;
	free(l);
	scs_ref_group(ref, g, sizeof g);
	node_names(n, str(ref, "kind"), str(ref, "name"), g);
	if (o != NULL && summary_condition(o) != NULL)
		node_judge(n, o);
	else {
		node_condition(n, fallback);
		if (o != NULL)
			n->conditions = scs_jpath(o, "status.conditions");
	}
	return (n);
}

/* A machine's state key for grouping: ready status, phase, reason. */
static void
machine_key(const cJSON *m, char *buf, size_t len)
{
	const cJSON	*c = summary_condition(m);

	snprintf(buf, len, "%s|%s|%s|%s", str(c, "status"),
	    str(m, "status.phase"), str(c, "reason"),
	    *str(m, "metadata.deletionTimestamp") != '\0' ? "del" : "");
}

static int
machine_failed(const cJSON *m)
{
	const char	*p = str(m, "status.phase");

	return (strcmp(p, "Failed") == 0 || *str(m, "status.failureReason") !=
	    '\0');
}

/* Does the child say what its machine says (status, reason)? */
static int
echoes(const cJSON *child, const cJSON *m)
{
	const cJSON	*a = summary_condition(child), *b;

	b = summary_condition(m);
	if (a == NULL)
		return (1);
	if (scs_streq(str(a, "status"), "True"))
		return (1);
	return (scs_streq(str(a, "status"), str(b, "status")) &&
	    scs_streq(str(a, "reason"), str(b, "reason")));
}

/* The infrastructure machine and bootstrap config worth a line under m
 * (all of them with echo). Returns how many; fills out[2]. */
static size_t
machine_children(const struct tree *t, const cJSON *m, const cJSON **out,
    const char **what)
{
	const cJSON	*c;
	size_t		 n = 0;

	if ((c = find_ref(t, scs_jpath(m, "spec.infrastructureRef"))) !=
	    NULL && (t->o->echo || !echoes(c, m))) {
		what[n] = "MachineInfrastructure";
		out[n++] = c;
	}
	if ((c = find_ref(t, scs_jpath(m, "spec.bootstrap.configRef"))) !=
	    NULL && (t->o->echo || !echoes(c, m))) {
		what[n] = "BootstrapConfig";
		out[n++] = c;
	}
	return (n);
}

static void
machine_node(struct tree *t, int depth, const cJSON *m)
{
	struct scs_tree_node	*n;
	const char		*phase = str(m, "status.phase");
	const cJSON		*kids[2];
	const char		*what[2];
	size_t			 nk, i;
	char			*l;

	n = node_object(t, depth, "", m);
	if (machine_failed(m))
		n->health = SCS_HEALTH_ERROR;
	else if (strcmp(phase, "Running") != 0 && *phase != '\0' &&
	    n->health == SCS_HEALTH_OK)
		n->health = SCS_HEALTH_PROGRESSING;
	if (n->reason == NULL && *phase != '\0')
		n->reason = scs_xstrdup(phase);
	nk = machine_children(t, m, kids, what);
	for (i = 0; i < nk; i++) {
		l = scs_xprintf("%s - ", what[i]);
		node_object(t, depth + 1, l, kids[i]);
		free(l);
	}
}

/* The machines in sel (count n): one line each, or grouped by state
 * (a machine with children to show keeps its own line). */
static void
machines(struct tree *t, int depth, const cJSON **sel, size_t n)
{
	char			 k1[256], k2[256];
	size_t			 i, j, same;
	int			*done;
	struct scs_tree_node	*g;
	struct scs_buf		 names;
	const cJSON		*kids[2];
	const char		*what[2];

	done = scs_xcalloc(n + 1, sizeof *done);
	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		machine_key(sel[i], k1, sizeof k1);
		same = 1;
		for (j = i + 1; t->o->group && j < n; j++) {
			machine_key(sel[j], k2, sizeof k2);
			if (!done[j] && strcmp(k1, k2) == 0 &&
			    machine_children(t, sel[j], kids, what) == 0)
				same++;
		}
		if (same == 1 || machine_failed(sel[i]) ||
		    machine_children(t, sel[i], kids, what) != 0) {
			done[i] = 1;
			machine_node(t, depth, sel[i]);
			continue;
		}
		scs_buf_init(&names, 0);
		for (j = i; j < n; j++) {
			machine_key(sel[j], k2, sizeof k2);
			if (done[j] || strcmp(k1, k2) != 0 ||
			    machine_children(t, sel[j], kids, what) != 0)
				continue;
			done[j] = 1;
			scs_buf_printf(&names, "%s%s", names.len != 0 ? ", " :
			    "See ", str(sel[j], "metadata.name"));
		}
		machine_node(t, depth, sel[i]);
		g = &t->v[t->n - 1];
		free(g->label);
		g->label = scs_xprintf("%zu Machines...", same);
		node_names(g, NULL, NULL, NULL);
		g->conditions = NULL;
		free(g->message);
		g->message = scs_xstrdup(names.data != NULL ? names.data : "");
		scs_buf_done(&names);
	}
	free(done);
}

static int
str_cmp(const void *a, const void *b)
{
	return (strcmp(str(*(const cJSON *const *)a, "metadata.name"),
	    str(*(const cJSON *const *)b, "metadata.name")));
}

/* Draw the tree lines: a node is last among its siblings when no later
 * node has the same depth before a shallower one. */
static void
prefixes(struct tree *t)
{
	int	 more[16];	/* more siblings follow at depth d */
	size_t	 i, j;
	int	 d, last;
	char	*p;
	size_t	 left;

	memset(more, 0, sizeof more);
	for (i = 0; i < t->n; i++) {
		d = t->v[i].depth;
		if (d <= 0 || d >= 16)
			continue;
		last = 1;
		for (j = i + 1; j < t->n && t->v[j].depth >= d; j++) {
			if (t->v[j].depth == d) {
				last = 0;
				break;
			}
		}
		more[d] = !last;
		p = t->v[i].prefix;
		left = sizeof t->v[i].prefix;
		for (j = 1; j < (size_t)d && left > 8; j++) {
			int	w = snprintf(p, left, "%s", more[j] ?
				    "\u2502 " : "  ");

			p += w;
			left -= (size_t)w;
		}
		snprintf(p, left, "%s", last ? "\u2514\u2500" : "\u251c\u2500");
	}
}

/* Select the cluster's objects passing fn(o, arg) into sel, sorted. */
static size_t
select_objs(const struct tree *t, const cJSON **sel,
    int (*fn)(const struct tree *, const cJSON *, const void *),
    const void *arg)
{
	size_t	 i, n = 0;

	for (i = 0; i < t->nobjs; i++) {
		if (of_cluster(t, t->objs[i]) && fn(t, t->objs[i], arg))
			sel[n++] = t->objs[i];
	}
	qsort(sel, n, sizeof *sel, str_cmp);
	return (n);
}

static int
is_cp_machine(const struct tree *t, const cJSON *o, const void *arg)
{
	(void)t;
	(void)arg;
	return (is_capi(o, "Machine") && label(o, LABEL_CP) != NULL);
}

static int
is_kind(const struct tree *t, const cJSON *o, const void *kind)
{
	(void)t;
	return (is_capi(o, kind));
}

/* Machines of a MachineDeployment (its name or topology name). */
static int
is_md_machine(const struct tree *t, const cJSON *o, const void *md)
{
	const char	*s, *topo = label(md, LABEL_TOPO_MD);

	(void)t;
	if (!is_capi(o, "Machine") || label(o, LABEL_CP) != NULL)
		return (0);
	s = label(o, LABEL_MD);
	return (scs_streq(s, str(md, "metadata.name")) || (topo != NULL &&
	    scs_streq(s, topo)));
}

static int
is_md_set(const struct tree *t, const cJSON *o, const void *md)
{
	(void)t;
	return (is_capi(o, "MachineSet") && owned_by(o, "MachineDeployment",
	    str(md, "metadata.name")));
}

static int
is_set_machine(const struct tree *t, const cJSON *o, const void *ms)
{
	(void)t;
	return (is_capi(o, "Machine") && owned_by(o, "MachineSet", str(ms,
	    "metadata.name")));
}

static int
is_pool_machine(const struct tree *t, const cJSON *o, const void *mp)
{
	(void)t;
	return (is_capi(o, "Machine") && (scs_streq(label(o, LABEL_POOL),
	    str(mp, "metadata.name")) || owned_by(o, "MachinePool", str(mp,
	    "metadata.name"))));
}

/* MachineHealthChecks whose selector picks the control plane (arg NULL)
 * or the MachineDeployment arg. */
static int
is_mhc_for(const struct tree *t, const cJSON *o, const void *md)
{
	const cJSON	*ml = scs_jpath(o, "spec.selector.matchLabels");
	const cJSON	*v;

	(void)t;
	if (!is_capi(o, "MachineHealthCheck"))
		return (0);
	if (md == NULL)
		return (J(ml, LABEL_CP) != NULL);
	v = J(ml, LABEL_MD);
	return (cJSON_IsString(v) && (scs_streq(v->valuestring, str(md,
	    "metadata.name")) || scs_streq(v->valuestring, label(md,
	    LABEL_TOPO_MD))));
}

static void
health_checks(struct tree *t, int depth, const cJSON **sel, const void *md)
{
	size_t			 i, n;
	struct scs_tree_node	*h;
	const cJSON		*o;

	n = select_objs(t, sel, is_mhc_for, md);
	for (i = 0; i < n; i++) {
		o = sel[i];
		h = node_object(t, depth, "", o);
		snprintf(h->replicas, sizeof h->replicas, "%d/%d",
		    cJSON_IsNumber(scs_jpath(o, "status.currentHealthy")) ?
		    scs_jpath(o, "status.currentHealthy")->valueint : 0,
		    cJSON_IsNumber(scs_jpath(o, "status.expectedMachines")) ?
		    scs_jpath(o, "status.expectedMachines")->valueint : 0);
	}
}

static void
replicas(struct scs_tree_node *n, const cJSON *o)
{
	const cJSON	*r = scs_jpath(o, "status.readyReplicas");
	const cJSON	*w = scs_jpath(o, "spec.replicas");

	if (r == NULL && w == NULL)
		return;
	snprintf(n->replicas, sizeof n->replicas, "%d/%d",
	    cJSON_IsNumber(r) ? r->valueint : 0, cJSON_IsNumber(w) ?
	    w->valueint : 0);
}

static void
machine_deployment(struct tree *t, const cJSON *md, const cJSON **sel,
    const cJSON **sets)
{
	struct scs_tree_node	*n;
	size_t			 i, nsets, nm;

	n = node_object(t, 2, "", md);
	replicas(n, md);
	health_checks(t, 3, sel, md);
	nsets = select_objs(t, sets, is_md_set, md);
	if (nsets > 1 || (t->o->echo && nsets > 0)) {
		/* Each revision with its machines (a rollout, or asked). */
		for (i = 0; i < nsets; i++) {
			n = node_object(t, 3, "", sets[i]);
			replicas(n, sets[i]);
			nm = select_objs(t, sel, is_set_machine, sets[i]);
			machines(t, 4, sel, nm);
		}
		return;
	}
	nm = select_objs(t, sel, is_md_machine, md);
	machines(t, 3, sel, nm);
}

size_t
scs_tree_build(const cJSON *cluster, const cJSON *const *objs, size_t nobjs,
    const struct scs_tree_opts *opts, struct scs_tree_node **out)
{
	struct tree		 t;
	struct scs_tree_node	*n;
	const cJSON		*c, *cp;
	const cJSON		**sel, **mdv, **sets;
	size_t			 i, nsel, nmd;
	static const struct scs_tree_opts defaults = { 1, 0 };

	memset(&t, 0, sizeof t);
	t.objs = objs;
	t.nobjs = objs != NULL ? nobjs : 0;
	t.cluster = str(cluster, "metadata.name");
	t.o = opts != NULL ? opts : &defaults;
	sel = scs_xcalloc(t.nobjs + 1, sizeof *sel);
	mdv = scs_xcalloc(t.nobjs + 1, sizeof *mdv);
	sets = scs_xcalloc(t.nobjs + 1, sizeof *sets);

	n = node_object(&t, 0, "", cluster);
	if (n->kind == NULL || *n->kind == '\0')
		node_names(n, "Cluster", t.cluster, CAPI_GROUP);
	if (*str(cluster, "kind") == '\0') {
		free(n->label);
		n->label = scs_xprintf("Cluster/%s", t.cluster);
	}

	/* Infrastructure: the referenced object, judged by itself. */
	n = node_ref(&t, 1, "ClusterInfrastructure", scs_jpath(cluster,
	    "spec.infrastructureRef"), scs_condition(cluster,
	    "InfrastructureReady"));

	/* Control plane and its machines. */
	if ((c = scs_condition(cluster, "ControlPlaneAvailable")) == NULL)
		c = scs_condition(cluster, "ControlPlaneReady");
	n = node_ref(&t, 1, "ControlPlane", scs_jpath(cluster,
	    "spec.controlPlaneRef"), c);
	/* A control plane still coming up is progress while the cluster is
	 * (the cluster's own judgement knows a failed step). */
	if (n->health == SCS_HEALTH_ERROR && t.v[0].health ==
	    SCS_HEALTH_PROGRESSING)
		n->health = SCS_HEALTH_PROGRESSING;
	cp = find_ref(&t, scs_jpath(cluster, "spec.controlPlaneRef"));
	if ((c = scs_jpath(cluster, "status.controlPlane")) != NULL)
		snprintf(n->replicas, sizeof n->replicas, "%d/%d",
		    J(c, "readyReplicas") != NULL ?
		    J(c, "readyReplicas")->valueint : 0,
		    J(c, "desiredReplicas") != NULL ?
		    J(c, "desiredReplicas")->valueint : 0);
	else if (cp != NULL)
		replicas(n, cp);
	health_checks(&t, 2, sel, NULL);
	nsel = select_objs(&t, sel, is_cp_machine, NULL);
	machines(&t, 2, sel, nsel);

	/* Workers. */
	n = node_add(&t, 1, "Workers");
	if ((c = scs_condition(cluster, "WorkersAvailable")) != NULL)
		node_condition(n, c);
	/* Workers short of some machines are degraded, not failed. */
	if (n->health == SCS_HEALTH_ERROR && t.v[0].health !=
	    SCS_HEALTH_ERROR)
		n->health = t.v[0].health;
	nmd = select_objs(&t, mdv, is_kind, "MachineDeployment");
	for (i = 0; i < nmd; i++)
		machine_deployment(&t, mdv[i], sel, sets);
	nmd = select_objs(&t, mdv, is_kind, "MachinePool");
	for (i = 0; i < nmd; i++) {
		n = node_object(&t, 2, "", mdv[i]);
		replicas(n, mdv[i]);
		nsel = select_objs(&t, sel, is_pool_machine, mdv[i]);
		machines(&t, 3, sel, nsel);
	}
	free(sel);
	free(mdv);
	free(sets);
	prefixes(&t);
	*out = t.v;
	return (t.n);
}

void
scs_tree_free(struct scs_tree_node *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].label);
		free(v[i].kind);
		free(v[i].name);
		free(v[i].group);
		free(v[i].reason);
		free(v[i].message);
	}
	free(v);
}
