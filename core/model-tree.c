/*
 * model-tree.c: a cluster as a tree, the way `clusterctl describe
 * cluster` shows it: Cluster, ClusterInfrastructure, ControlPlane with
 * its Machines, Workers with each MachineDeployment and its Machines.
 * Machines in the same state are grouped into one line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/util.h"

#define J(o, k)		cJSON_GetObjectItemCaseSensitive((o), (k))
#define LABEL_CLUSTER	"cluster.x-k8s.io/cluster-name"
#define LABEL_CP	"cluster.x-k8s.io/control-plane"
#define LABEL_MD	"cluster.x-k8s.io/deployment-name"
#define LABEL_TOPO_MD	"topology.cluster.x-k8s.io/deployment-name"

struct tree {
	struct scs_tree_node	*v;
	size_t			 n, cap;
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

/* The condition that sums an object up: Available (v1beta2), else
 * Ready (v1beta1); for Machines Ready first. */
static const cJSON *
summary_condition(const cJSON *o)
{
	const cJSON	*c;

	if (scs_streq(cJSON_GetStringValue(J(o, "kind")), "Machine") &&
	    (c = scs_condition(o, "Ready")) != NULL)
		return (c);
	if ((c = scs_condition(o, "Available")) != NULL)
		return (c);
	return (scs_condition(o, "Ready"));
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
	if ((s = cJSON_GetStringValue(J(c, "reason"))) != NULL)
		n->reason = scs_xstrdup(s);
	if ((s = cJSON_GetStringValue(J(c, "message"))) != NULL &&
	    *s != '\0') {
		free(n->message);
		n->message = scs_xstrdup(s);
	}
	if ((s = cJSON_GetStringValue(J(c, "lastTransitionTime"))) != NULL)
		n->since = scs_parse_rfc3339(s);
	n->health = scs_condition_health(c);
}

static struct scs_tree_node *
node_object(struct tree *t, int depth, const char *prefix_text,
    const cJSON *o, const char *kind)
{
	struct scs_tree_node	*n;
	char			*l;
	const char		*name = str(o, "metadata.name");

	l = scs_xprintf("%s%s/%s", prefix_text, kind, name);
	n = node_add(t, depth, l);
	free(l);
	n->kind = scs_xstrdup(kind);
	n->name = scs_xstrdup(name);
	n->conditions = scs_jpath(o, "status.conditions");
	node_condition(n, summary_condition(o));
	/* Judged as the tables judge it. */
	n->health = scs_model_health(scs_model_kind("cluster.x-k8s.io",
	    strcmp(kind, "Cluster") == 0 ? "clusters" :
	    strcmp(kind, "MachineDeployment") == 0 ? "machinedeployments" :
	    "machines"), o);
	if (*str(o, "metadata.deletionTimestamp") != '\0')
		n->health = SCS_HEALTH_DELETING;
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

static void
machine_node(struct tree *t, int depth, const cJSON *m)
{
	struct scs_tree_node	*n;
	const char		*phase = str(m, "status.phase");

	n = node_object(t, depth, "", m, "Machine");
	if (machine_failed(m))
		n->health = SCS_HEALTH_ERROR;
	else if (strcmp(phase, "Running") != 0 && *phase != '\0' &&
	    n->health == SCS_HEALTH_OK)
		n->health = SCS_HEALTH_PROGRESSING;
	if (n->reason == NULL && *phase != '\0')
		n->reason = scs_xstrdup(phase);
}

/* The machines in sel (count n): one line each, or grouped by state. */
static void
machines(struct tree *t, int depth, const cJSON **sel, size_t n, int group)
{
	char			 k1[256], k2[256];
	size_t			 i, j, same;
	int			*done;
	struct scs_tree_node	*g;
	struct scs_buf		 names;

	done = scs_xcalloc(n + 1, sizeof *done);
	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		machine_key(sel[i], k1, sizeof k1);
		same = 1;
		for (j = i + 1; group && j < n; j++) {
			machine_key(sel[j], k2, sizeof k2);
			if (!done[j] && strcmp(k1, k2) == 0)
				same++;
		}
		if (same == 1 || machine_failed(sel[i])) {
			done[i] = 1;
			machine_node(t, depth, sel[i]);
			continue;
		}
		scs_buf_init(&names, 0);
		for (j = i; j < n; j++) {
			machine_key(sel[j], k2, sizeof k2);
			if (done[j] || strcmp(k1, k2) != 0)
				continue;
			done[j] = 1;
			scs_buf_printf(&names, "%s%s", names.len != 0 ? ", " :
			    "See ", str(sel[j], "metadata.name"));
		}
		machine_node(t, depth, sel[i]);
		g = &t->v[t->n - 1];
		free(g->label);
		g->label = scs_xprintf("%zu Machines...", same);
		free(g->kind);
		free(g->name);
		g->kind = NULL;
		g->name = NULL;
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

size_t
scs_tree_build(const cJSON *cluster, const cJSON *const *mds, size_t nmds,
    const cJSON *const *ms, size_t nms, int group,
    struct scs_tree_node **out)
{
	struct tree		 t;
	struct scs_tree_node	*n;
	const char		*cname = str(cluster, "metadata.name");
	const char		*s, *mdname;
	const cJSON		*c, *ref;
	const cJSON		**sel, **mdv;
	size_t			 i, j, nsel, nmd;
	char			*l;

	memset(&t, 0, sizeof t);
	sel = scs_xcalloc(nms + 1, sizeof *sel);
	mdv = scs_xcalloc(nmds + 1, sizeof *mdv);

	n = node_object(&t, 0, "", cluster, "Cluster");

	/* Infrastructure: the referenced kind when known. */
	ref = scs_jpath(cluster, "spec.infrastructureRef");
	c = scs_condition(cluster, "InfrastructureReady");
	if (*str(ref, "kind") != '\0')
		l = scs_xprintf("ClusterInfrastructure - %s/%s",
		    str(ref, "kind"), str(ref, "name"));
	else
		l = scs_xprintf("ClusterInfrastructure");
	n = node_add(&t, 1, l);
	free(l);
	node_condition(n, c);

	/* Control plane and its machines. */
	ref = scs_jpath(cluster, "spec.controlPlaneRef");
	if (*str(ref, "kind") != '\0')
		l = scs_xprintf("ControlPlane - %s/%s", str(ref, "kind"),
		    str(ref, "name"));
	else
		l = scs_xprintf("ControlPlane");
	n = node_add(&t, 1, l);
	free(l);
	if ((c = scs_condition(cluster, "ControlPlaneAvailable")) == NULL)
		c = scs_condition(cluster, "ControlPlaneReady");
	node_condition(n, c);
	/* A control plane still coming up is progress while the cluster is
	 * (the cluster's own judgement knows a failed step). */
	if (n->health == SCS_HEALTH_ERROR && t.v[0].health ==
	    SCS_HEALTH_PROGRESSING)
		n->health = SCS_HEALTH_PROGRESSING;
	if ((c = scs_jpath(cluster, "status.controlPlane")) != NULL)
		snprintf(n->replicas, sizeof n->replicas, "%d/%d",
		    J(c, "readyReplicas") != NULL ?
		    J(c, "readyReplicas")->valueint : 0,
		    J(c, "desiredReplicas") != NULL ?
		    J(c, "desiredReplicas")->valueint : 0);
	for (i = nsel = 0; i < nms; i++) {
		if (scs_streq(label(ms[i], LABEL_CLUSTER), cname) &&
		    label(ms[i], LABEL_CP) != NULL)
			sel[nsel++] = ms[i];
	}
	qsort(sel, nsel, sizeof *sel, str_cmp);
	machines(&t, 2, sel, nsel, group);

	/* Workers. */
	for (i = nmd = 0; i < nmds; i++) {
		if (scs_streq(label(mds[i], LABEL_CLUSTER), cname))
			mdv[nmd++] = mds[i];
	}
	qsort(mdv, nmd, sizeof *mdv, str_cmp);
	n = node_add(&t, 1, "Workers");
	if ((c = scs_condition(cluster, "WorkersAvailable")) != NULL)
		node_condition(n, c);
	/* Workers short of some machines are degraded, not failed. */
	if (n->health == SCS_HEALTH_ERROR && t.v[0].health !=
	    SCS_HEALTH_ERROR)
		n->health = t.v[0].health;
	for (i = 0; i < nmd; i++) {
		n = node_object(&t, 2, "", mdv[i], "MachineDeployment");
		c = J(mdv[i], "status");
		snprintf(n->replicas, sizeof n->replicas, "%d/%d",
		    J(c, "readyReplicas") != NULL ?
		    J(c, "readyReplicas")->valueint : 0,
		    J(J(mdv[i], "spec"), "replicas") != NULL ?
		    J(J(mdv[i], "spec"), "replicas")->valueint : 0);
		mdname = label(mdv[i], LABEL_TOPO_MD);
		for (j = nsel = 0; j < nms; j++) {
			if (!scs_streq(label(ms[j], LABEL_CLUSTER), cname) ||
			    label(ms[j], LABEL_CP) != NULL)
				continue;
			s = label(ms[j], LABEL_MD);
			if (scs_streq(s, str(mdv[i], "metadata.name")) ||
			    (mdname != NULL && scs_streq(s, mdname)))
				sel[nsel++] = ms[j];
		}
		qsort(sel, nsel, sizeof *sel, str_cmp);
		machines(&t, 3, sel, nsel, group);
	}
	free(sel);
	free(mdv);
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
		free(v[i].reason);
		free(v[i].message);
	}
	free(v);
}
