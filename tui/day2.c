/*
 * day2.c: day-2 actions on a running cluster's objects, the same for a
 * key and a : command:
 *
 *   :pause NAME  :resume NAME      Cluster spec.paused
 *   :scale md/NAME N               a MachineDeployment's replicas
 *   :scale kcp/NAME N              a control plane's replicas
 *   :restart md/NAME  kcp/NAME     rollout restart: spec.rollout.after
 *                                  (v1beta2), spec.rolloutAfter (v1beta1)
 *   :remediate NAME                delete a Machine (its MachineSet or
 *                                  control plane makes a new one)
 *   :label RES/NAME K=V K- ...     set or remove labels of any object
 *   :annotate RES/NAME K=V K- ...  the same for annotations
 *
 * NAME is NS/NAME or NAME in the current namespace. Each action: refused
 * at once under --readonly; the object is read; a SelfSubjectAccessReview
 * asks whether the user may make the change (a "no" is said before
 * anything is sent); a y/N confirmation shows what will change; then a
 * merge patch carrying the read resourceVersion (a concurrent change is a
 * 409, nothing lost) or a delete with the object's uid as precondition.
 * Objects a Cluster's topology owns are scaled through the Cluster
 * (spec.topology), as the topology controller would undo anything else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/util.h"
#include "tui.h"

#define LABEL_CLUSTER	"cluster.x-k8s.io/cluster-name"
#define LABEL_TOPO	"topology.cluster.x-k8s.io/owned"
#define LABEL_TOPO_MD	"topology.cluster.x-k8s.io/deployment-name"

enum day2_op { OP_PAUSE, OP_RESUME, OP_SCALE, OP_RESTART, OP_REMEDIATE,
	OP_LABEL, OP_ANNOTATE };

struct day2 {
	struct app		*app;
	enum day2_op		 op;
	char			 ns[256];
	char			 name[256];
	long			 replicas;
	const struct scs_resource *res;		/* what NAME is */
	const struct scs_resource *target;	/* what is written */
	char			 tname[256];	/* its name */
	cJSON			*obj;		/* NAME as read (scale) */
	cJSON			*patch;		/* merge patch, or NULL = delete */
	char			*what;		/* the change, said */
	char			 uid[64];
};

static void
day2_free(struct day2 *d)
{
	cJSON_Delete(d->obj);
	cJSON_Delete(d->patch);
	free(d->what);
	free(d);
}

static const char *
label(const cJSON *o, const char *key)
{
	const cJSON	*l = J(J(J(o, "metadata"), "labels"), key);

	return (cJSON_IsString(l) ? l->valuestring : NULL);
}

static void
on_written(const struct scs_api_result *r, void *arg)
{
	struct day2	*d = arg;

	if (r->status == SCS_OK)
		app_message(d->app, 0, "done: %s", d->what);
	else
		app_message(d->app, 1, "%s failed: %s", d->what, r->message);
	d->app->dirty = 1;
	day2_free(d);
}

static void
on_confirmed(void *arg, int yes)
{
	struct day2			*d = arg;
	struct scs_delete_opts		 o;

	if (!yes) {
		app_message(d->app, 0, "not changed");
		day2_free(d);
		return;
	}
	if (d->patch == NULL) {
		memset(&o, 0, sizeof o);
		o.grace_period_s = -1;
		o.precondition_uid = d->uid[0] != '\0' ? d->uid : NULL;
		scs_api_delete(d->app->api, d->target, d->ns, d->tname, &o, 0,
		    on_written, d);
	} else
		scs_api_patch(d->app->api, d->target, d->ns, d->tname,
		    d->patch, 0, on_written, d);
}

static void
on_review(const struct scs_api_result *r, void *arg)
{
	struct day2	*d = arg;
	char		*q;

	if (r->status != SCS_OK || !scs_review_allowed(r->json)) {
		app_message(d->app, 1, "you may not %s %s in %s (%s)",
		    d->patch != NULL ? "patch" : "delete", d->target->name,
		    d->ns, r->status != SCS_OK ? r->message :
		    "SelfSubjectAccessReview: not allowed");
		day2_free(d);
		return;
	}
	q = scs_xprintf("%s?", d->what);
	app_confirm(d->app, q, on_confirmed, d);
	free(q);
}

/* The read object's resourceVersion into the patch (optimistic lock). */
static void
lock(cJSON *patch, const cJSON *obj)
{
	const char	*rv = cJSON_GetStringValue(scs_jpath(obj,
			    "metadata.resourceVersion"));

	cJSON		*md = J(patch, "metadata");

	if (rv == NULL)
		return;
	if (md == NULL)
		md = cJSON_AddObjectToObject(patch, "metadata");
	cJSON_AddStringToObject(md, "resourceVersion", rv);
}

/* Scale through the Cluster's topology: the whole MachineDeployment list
 * with one replicas changed (a merge patch replaces lists). */
static int
scale_topology(struct day2 *d, const cJSON *obj, const cJSON *cluster)
{
	const char	*mdn = label(obj, LABEL_TOPO_MD);
	cJSON		*mds, *md, *p;
	long		 old = -1;

	if (strcmp(d->res->name, "machinedeployments") != 0) {
		old = (long)cJSON_GetNumberValue(scs_jpath(cluster,
		    "spec.topology.controlPlane.replicas"));
		d->patch = cJSON_CreateObject();
		p = cJSON_AddObjectToObject(cJSON_AddObjectToObject(
		    cJSON_AddObjectToObject(d->patch, "spec"), "topology"),
		    "controlPlane");
		cJSON_AddNumberToObject(p, "replicas", (double)d->replicas);
	} else {
		mds = cJSON_Duplicate(scs_jpath(cluster,
		    "spec.topology.workers.machineDeployments"), 1);
		cJSON_ArrayForEach(md, mds) {
			if (!scs_streq(cJSON_GetStringValue(J(md, "name")),
			    mdn))
				continue;
			old = (long)cJSON_GetNumberValue(J(md, "replicas"));
			cJSON_DeleteItemFromObjectCaseSensitive(md,
			    "replicas");
			cJSON_AddNumberToObject(md, "replicas",
			    (double)d->replicas);
		}
		if (old < 0 && mds != NULL) {
			cJSON_Delete(mds);
			return (-1);
		}
		d->patch = cJSON_CreateObject();
		cJSON_AddItemToObject(cJSON_AddObjectToObject(
		    cJSON_AddObjectToObject(cJSON_AddObjectToObject(d->patch,
		    "spec"), "topology"), "workers"), "machineDeployments",
		    mds);
	}
	lock(d->patch, cluster);
	d->what = scs_xprintf("scale %s %s/%s: %ld -> %ld replicas (Cluster "
	    "%s spec.topology)", cJSON_GetStringValue(J(obj, "kind")), d->ns,
	    d->name, old, d->replicas, d->tname);
	return (0);
}

static void
on_cluster(const struct scs_api_result *r, void *arg)
{
	struct day2	*d = arg;

	if (r->status != SCS_OK || scale_topology(d, d->obj, r->json) < 0) {
		app_message(d->app, 1, "scale %s: its Cluster %s: %s",
		    d->name, d->tname, r->status != SCS_OK ? r->message :
		    "no such MachineDeployment in its topology");
		day2_free(d);
		return;
	}
	scs_api_can_i(d->app->api, "patch", d->target->group,
	    d->target->name, d->ns, on_review, d);
}

/* "label Kind ns/name: k old -> new, ..." for the labels or annotations
 * patch d->patch holds, against o as read. */
static char *
meta_change(struct day2 *d, const cJSON *o)
{
	const char	*field = d->op == OP_LABEL ? "labels" : "annotations";
	const cJSON	*c, *was;
	struct scs_buf	 b;
	char		*out;

	scs_buf_init(&b, 256);
	scs_buf_printf(&b, "%s %s %s%s%s:", d->op == OP_LABEL ? "label" :
	    "annotate", cJSON_GetStringValue(J(o, "kind")) != NULL ?
	    cJSON_GetStringValue(J(o, "kind")) : d->res->kind, d->ns,
	    *d->ns != '\0' ? "/" : "", d->name);
	cJSON_ArrayForEach(c, J(J(d->patch, "metadata"), field)) {
		was = J(J(J(o, "metadata"), field), c->string);
		scs_buf_printf(&b, "%s %s: %s -> %s", c->prev != NULL &&
		    c->prev->next == c ? "," : "", c->string,
		    cJSON_IsString(was) ? was->valuestring : "(none)",
		    cJSON_IsString(c) ? c->valuestring : "(removed)");
	}
	out = scs_xstrdup(b.data != NULL ? b.data : "");
	scs_buf_done(&b);
	return (out);
}

/* "k=v k2- ..." into the merge patch of labels or annotations (null
 * removes); -1 when a word is neither. */
static int
meta_patch(struct day2 *d, const char *words)
{
	const char	*p = words, *eq;
	char		 w[512];
	size_t		 n;
	cJSON		*m;

	d->patch = cJSON_CreateObject();
	m = cJSON_AddObjectToObject(cJSON_AddObjectToObject(d->patch,
	    "metadata"), d->op == OP_LABEL ? "labels" : "annotations");
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if ((n = strcspn(p, " ")) == 0)
			break;
		if (n >= sizeof w)
			return (-1);
		snprintf(w, sizeof w, "%.*s", (int)n, p);
		p += n;
		if ((eq = strchr(w, '=')) != NULL && eq != w) {
			w[eq - w] = '\0';
			cJSON_AddStringToObject(m, w, eq + 1);
		}
		else if (n > 1 && w[n - 1] == '-' && eq == NULL) {
			w[n - 1] = '\0';
			cJSON_AddNullToObject(m, w);
		} else
			return (-1);
	}
	return (cJSON_GetArraySize(m) > 0 ? 0 : -1);
}

/* Decide the write from the object as read. */
static void
on_object(const struct scs_api_result *r, void *arg)
{
	struct day2	*d = arg;
	const cJSON	*o = r->json;
	const char	*kind, *cluster;
	char		 ts[32];
	cJSON		*spec;
	int		 v1beta1;

	if (r->status != SCS_OK) {
		app_message(d->app, 1, "%s %s/%s: %s", d->res->name, d->ns,
		    d->name, r->message);
		day2_free(d);
		return;
	}
	kind = cJSON_GetStringValue(J(o, "kind"));
	d->target = d->res;
	scs_strlcpy(d->tname, d->name, sizeof d->tname);
	v1beta1 = strcmp(d->res->version, "v1beta1") == 0;
	switch (d->op) {
	case OP_PAUSE:
	case OP_RESUME:
		d->patch = cJSON_CreateObject();
		cJSON_AddBoolToObject(cJSON_AddObjectToObject(d->patch,
		    "spec"), "paused", d->op == OP_PAUSE);
		d->what = scs_xprintf("%s Cluster %s/%s (spec.paused %s -> %s)",
		    d->op == OP_PAUSE ? "pause" : "resume", d->ns, d->name,
		    cJSON_IsTrue(scs_jpath(o, "spec.paused")) ? "true" :
		    "false", d->op == OP_PAUSE ? "true" : "false");
		break;
	case OP_RESTART:
		scs_format_rfc3339(scs_wall_s(), ts, sizeof ts);
		d->patch = cJSON_CreateObject();
		spec = cJSON_AddObjectToObject(d->patch, "spec");
		if (v1beta1)
			cJSON_AddStringToObject(spec, "rolloutAfter", ts);
		else
			cJSON_AddStringToObject(cJSON_AddObjectToObject(spec,
			    "rollout"), "after", ts);
		d->what = scs_xprintf("rollout restart %s %s/%s (spec.%s = %s:"
		    " every machine replaced)", kind, d->ns, d->name,
		    v1beta1 ? "rolloutAfter" : "rollout.after", ts);
		break;
	case OP_REMEDIATE:
		scs_strlcpy(d->uid, cJSON_GetStringValue(scs_jpath(o,
		    "metadata.uid")) != NULL ? cJSON_GetStringValue(
		    scs_jpath(o, "metadata.uid")) : "", sizeof d->uid);
		d->what = scs_xprintf("delete Machine %s/%s for remediation "
		    "(its owner makes a new one)", d->ns, d->name);
		break;
	case OP_LABEL:
	case OP_ANNOTATE:
		d->what = meta_change(d, o);
		break;
	case OP_SCALE:
		cluster = label(o, LABEL_CLUSTER);
		if (label(o, LABEL_TOPO) != NULL && cluster != NULL &&
		    (d->target = app_resource(d->app, "cluster.x-k8s.io",
		    "clusters")) != NULL) {
			/* Through the Cluster: read it next. */
			scs_strlcpy(d->tname, cluster, sizeof d->tname);
			d->obj = cJSON_Duplicate(o, 1);
			scs_api_get(d->app->api, d->target, d->ns, d->tname,
			    on_cluster, d);
			return;
		}
		d->target = d->res;
		d->patch = cJSON_CreateObject();
		cJSON_AddNumberToObject(cJSON_AddObjectToObject(d->patch,
		    "spec"), "replicas", (double)d->replicas);
		d->what = scs_xprintf("scale %s %s/%s: %ld -> %ld replicas",
		    kind, d->ns, d->name, (long)cJSON_GetNumberValue(
		    scs_jpath(o, "spec.replicas")), d->replicas);
		break;
	}
	if (d->patch != NULL)
		lock(d->patch, o);
	scs_api_can_i(d->app->api, d->patch != NULL ? "patch" : "delete",
	    d->target->group, d->target->name, d->ns, on_review, d);
}

/* "md/NAME", "kcp/NAME" or a kind's name: the resource and the rest. */
static const struct scs_resource *
day2_resource(struct app *a, enum day2_op op, const char **arg)
{
	const char	*slash = strchr(*arg, '/');
	char		 kind[64];

	if (op == OP_PAUSE || op == OP_RESUME)
		return (app_resource(a, "cluster.x-k8s.io", "clusters"));
	if (op == OP_REMEDIATE)
		return (app_resource(a, "cluster.x-k8s.io", "machines"));
	/* label, annotate, scale, restart: RESOURCE/[NS/]NAME */
	if (slash == NULL || (size_t)(slash - *arg) >= sizeof kind)
		return (NULL);
	snprintf(kind, sizeof kind, "%.*s", (int)(slash - *arg), *arg);
	*arg = slash + 1;
	if (strcmp(kind, "md") == 0 || strcmp(kind, "machinedeployment") == 0)
		return (app_resource(a, "cluster.x-k8s.io",
		    "machinedeployments"));
	if (strcmp(kind, "kcp") == 0 ||
	    strcmp(kind, "kubeadmcontrolplane") == 0)
		return (app_resource(a, "controlplane.cluster.x-k8s.io",
		    "kubeadmcontrolplanes"));
	return (scs_discovery_find(scs_api_discovery(a->api), kind));
}

void
day2_run(struct app *a, const char *verb, const char *arg)
{
	static const char *const usage[] = { "pause NAME", "resume NAME",
	    "scale md/NAME N | kcp/NAME N", "restart md/NAME | kcp/NAME",
	    "remediate MACHINE", "label RESOURCE/[NS/]NAME KEY=VALUE|KEY- ...",
	    "annotate RESOURCE/[NS/]NAME KEY=VALUE|KEY- ..." };
	struct day2	*d;
	enum day2_op	 op;
	const char	*name, *sp;
	char		 ref[512], *end;

	op = strcmp(verb, "pause") == 0 ? OP_PAUSE : strcmp(verb, "resume") ==
	    0 ? OP_RESUME : strcmp(verb, "scale") == 0 ? OP_SCALE :
	    strcmp(verb, "restart") == 0 ? OP_RESTART : strcmp(verb,
	    "label") == 0 ? OP_LABEL : strcmp(verb, "annotate") == 0 ?
	    OP_ANNOTATE : OP_REMEDIATE;
	if (a->readonly) {
		app_message(a, 1, "read-only: %s is refused", verb);
		return;
	}
	d = scs_xcalloc(1, sizeof *d);
	d->app = a;
	d->op = op;
	d->replicas = -1;
	sp = strchr(arg, ' ');
	snprintf(ref, sizeof ref, "%.*s", sp != NULL ? (int)(sp - arg) :
	    (int)strlen(arg), arg);
	if (op == OP_SCALE && sp != NULL) {
		d->replicas = strtol(sp + 1, &end, 10);
		if (end == sp + 1 || *end != '\0' || d->replicas < 0 ||
		    d->replicas > 1000)
			d->replicas = -1;
	}
	name = ref;
	if ((op == OP_LABEL || op == OP_ANNOTATE) && (sp == NULL ||
	    meta_patch(d, sp + 1) != 0)) {
		app_message(a, 1, "usage: :%s", usage[op]);
		day2_free(d);
		return;
	}
	if (*ref == '\0' || (op == OP_SCALE && d->replicas < 0) ||
	    (d->res = day2_resource(a, op, &name)) == NULL ||
	    command_split_name(a, name, d->ns, sizeof d->ns, &name) != 0) {
		if (a->message[0] == '\0' || !a->message_error)
			app_message(a, 1, "usage: :%s", usage[op]);
		day2_free(d);
		return;
	}
	scs_strlcpy(d->name, name, sizeof d->name);
	scs_api_get(a->api, d->res, d->ns, d->name, on_object, d);
}
