/*
 * model-kinds.c: decoders that turn API objects into compact records, one
 * per kind the views know, plus a generic one (DOMAIN.md section 3).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scs/model.h"
#include "scs/util.h"

/* Walk a dotted path of object keys; NULL when any step is missing. */
const cJSON *
scs_jpath(const cJSON *o, const char *path)
{
	char		 key[128];
	const char	*dot;
	size_t		 len;

	while (o != NULL && *path != '\0') {
		dot = strchr(path, '.');
		len = dot != NULL ? (size_t)(dot - path) : strlen(path);
		if (len >= sizeof key)
			return (NULL);
		memcpy(key, path, len);
		key[len] = '\0';
		o = J(o, key);
		path += len + (dot != NULL);
	}
	return (o);
}

const cJSON *
scs_jnamed(const cJSON *a, const char *name)
{
	const cJSON	*e;

	cJSON_ArrayForEach(e, a) {
		if (scs_streq(cJSON_GetStringValue(J(e, "name")), name))
			return (e);
	}
	return (NULL);
}

static const cJSON *
jpath(const cJSON *o, const char *path)
{
	return (scs_jpath(o, path));
}

static const char *
jstr(const cJSON *o, const char *path)
{
	const cJSON	*v = jpath(o, path);

	return (cJSON_IsString(v) ? v->valuestring : NULL);
}

/* Integer at path, or -1 (also when out of range for a cast). */
static long
jint(const cJSON *o, const char *path)
{
	const cJSON	*v = jpath(o, path);

	if (!cJSON_IsNumber(v) ||
	    !(v->valuedouble > -1e15 && v->valuedouble < 1e15))
		return (-1);
	return ((long)v->valuedouble);
}

static const char *
intern_int(struct scs_strtab *st, long v)
{
	char	 buf[32];

	if (v < 0)
		return (scs_strtab_intern(st, "-"));
	snprintf(buf, sizeof buf, "%ld", v);
	return (scs_strtab_intern(st, buf));
}

/* "ready/desired", with "-" for unknown parts. */
static const char *
intern_ratio(struct scs_strtab *st, long ready, long desired)
{
	char	 buf[64], a[24], b[24];

	if (ready < 0 && desired < 0)
		return (scs_strtab_intern(st, "-"));
	snprintf(a, sizeof a, "%ld", ready < 0 ? 0 : ready);
	if (desired < 0)
		snprintf(b, sizeof b, "?");
	else
		snprintf(b, sizeof b, "%ld", desired);
	snprintf(buf, sizeof buf, "%s/%s", a, b);
	return (scs_strtab_intern(st, buf));
}

static const char *
intern_bool(struct scs_strtab *st, const cJSON *v)
{
	if (cJSON_IsBool(v))
		return (scs_strtab_intern(st, cJSON_IsTrue(v) ? "true" :
		    "false"));
	if (cJSON_IsString(v))
		return (scs_strtab_intern(st, v->valuestring));
	return (scs_strtab_intern(st, "-"));
}

static void
set_col(struct scs_record *r, size_t i, const char *v)
{
	if (i < SCS_RECORD_MAXCOLS) {
		r->cols[i] = v;
		if (r->ncols < i + 1)
			r->ncols = (uint8_t)(i + 1);
	}
}

/* Take "Reason: message" and since from a condition. */
static void
take_condition(struct scs_record *r, const cJSON *c)
{
	const char	*reason, *msg, *ltt;

	if (c == NULL)
		return;
	reason = jstr(c, "reason");
	msg = jstr(c, "message");
	ltt = jstr(c, "lastTransitionTime");
	if (ltt != NULL)
		r->since = scs_parse_rfc3339(ltt);
	free(r->message);
	r->message = NULL;
	if (msg != NULL && *msg != '\0' && reason != NULL && *reason != '\0')
		r->message = scs_xprintf("%s: %s", reason, msg);
	else if (msg != NULL && *msg != '\0')
		r->message = scs_xstrdup(msg);
	else if (reason != NULL && *reason != '\0')
		r->message = scs_xstrdup(reason);
}

static void
decode_meta(const cJSON *o, struct scs_record *r, struct scs_strtab *st)
{
	const cJSON	*md = J(o, "metadata"), *labels, *l, *refs, *ref;
	const char	*s;
	struct scs_buf	 b;

	r->ns = scs_strtab_intern(st, jstr(md, "namespace"));
	r->name = scs_xstrdup((s = jstr(md, "name")) != NULL ? s : "");
	if ((s = jstr(md, "uid")) != NULL)
		r->uid = scs_xstrdup(s);
	if ((s = jstr(md, "resourceVersion")) != NULL)
		r->rv = scs_xstrdup(s);
	if ((s = jstr(md, "creationTimestamp")) != NULL)
		r->created = scs_parse_rfc3339(s);
	if ((s = jstr(md, "deletionTimestamp")) != NULL)
		r->deleted = scs_parse_rfc3339(s);
	labels = J(md, "labels");
	if (cJSON_GetArraySize(labels) > 0) {
		scs_buf_init(&b, 64 * 1024);
		cJSON_ArrayForEach(l, labels) {
			if (!cJSON_IsString(l) || l->string == NULL)
				continue;
			if (b.len != 0)
				scs_buf_addc(&b, '\n');
			scs_buf_printf(&b, "%s=%s", l->string, l->valuestring);
		}
		r->labels = b.len != 0 ? scs_buf_steal(&b) : NULL;
		scs_buf_done(&b);
	}
	refs = J(md, "ownerReferences");
	cJSON_ArrayForEach(ref, refs) {
		if (cJSON_IsTrue(J(ref, "controller")) || r->owner == NULL) {
			free(r->owner);
			r->owner = scs_xprintf("%s/%s",
			    (s = jstr(ref, "kind")) != NULL ? s : "?",
			    jstr(ref, "name") != NULL ? jstr(ref, "name") : "?");
		}
	}
	r->health = SCS_HEALTH_UNKNOWN;
	r->status = scs_strtab_intern(st, "");
}

/* Health from the first of the given condition types that is present. */
static const cJSON *
decide_by(const cJSON *o, struct scs_record *r, struct scs_strtab *st,
    const char *const *types)
{
	const cJSON	*c;
	const char	*s;

	for (; *types != NULL; types++) {
		if ((c = scs_condition(o, *types)) == NULL)
			continue;
		r->health = scs_condition_health(c);
		s = jstr(c, "status");
		if (r->status[0] == '\0')
			r->status = scs_strtab_intern(st, s != NULL &&
			    strcmp(s, "True") == 0 ? *types : s != NULL &&
			    strcmp(s, "False") == 0 ? "Not" : "Unknown");
		if (r->health != SCS_HEALTH_OK)
			take_condition(r, c);
		else
			r->since = scs_parse_rfc3339(jstr(c,
			    "lastTransitionTime"));
		return (c);
	}
	return (NULL);
}

static void
decode_generic(const cJSON *o, struct scs_record *r, struct scs_strtab *st)
{
	static const char *const types[] = { "Ready", "Available", "Synced",
	    NULL };
	const char	*phase;

	decode_meta(o, r, st);
	if ((phase = jstr(o, "status.phase")) != NULL)
		r->status = scs_strtab_intern(st, phase);
	if (decide_by(o, r, st, types) != NULL && phase == NULL) {
		r->status = scs_strtab_intern(st,
		    r->health == SCS_HEALTH_OK ? "Ready" :
		    r->health == SCS_HEALTH_UNKNOWN ? "Unknown" : "NotReady");
	}
	if (r->deleted != 0)
		r->health = SCS_HEALTH_DELETING;
}

/* --- Cluster (v1beta2 and v1beta1) -------------------------------- */

static const struct scs_column cluster_cols[] = {
	{ "CLASS",	24, 1, SCS_ALIGN_LEFT },
	{ "VERSION",	9,  0, SCS_ALIGN_LEFT },
	{ "AVAILABLE",	9,  2, SCS_ALIGN_LEFT },
	{ "CP",		5,  0, SCS_ALIGN_RIGHT },
	{ "WORKERS",	7,  0, SCS_ALIGN_RIGHT },
	{ "API",	8,  3, SCS_ALIGN_LEFT },
};

/* A False condition whose reason says a step failed, or NULL. */
static const cJSON *
failed_condition(const cJSON *o)
{
	const cJSON	*c;
	const char	*reason, *status;

	cJSON_ArrayForEach(c, jpath(o, "status.conditions")) {
		reason = jstr(c, "reason");
		status = jstr(c, "status");
		/* Provisioning steps only: a probe that has not connected
		 * yet is no failure. */
		if (!scs_streq(jstr(c, "type"), "InfrastructureReady") &&
		    !scs_strprefix(jstr(c, "type") != NULL ? jstr(c, "type") :
		    "", "ControlPlane"))
			continue;
		if (status != NULL && strcmp(status, "False") == 0 &&
		    reason != NULL && (strstr(reason, "Failed") != NULL ||
		    strstr(reason, "Error") != NULL))
			return (c);
	}
	return (NULL);
}

static void
decode_cluster(const cJSON *o, struct scs_record *r, struct scs_strtab *st)
{
	const cJSON	*avail, *failed;
	const char	*cls, *phase, *api, *fail, *avs;
	long		 cpr, cpd, wr, wd;

	decode_meta(o, r, st);
	api = jstr(o, "apiVersion");
	cls = jstr(o, "spec.topology.classRef.name");
	if (cls == NULL)
		cls = jstr(o, "spec.topology.class");
	set_col(r, SCS_CLUSTER_CLASS, scs_strtab_intern(st, cls));
	set_col(r, SCS_CLUSTER_VERSION, scs_strtab_intern(st,
	    jstr(o, "spec.topology.version")));
	set_col(r, SCS_CLUSTER_APIVERSION, scs_strtab_intern(st,
	    api != NULL && strchr(api, '/') != NULL ? strchr(api, '/') + 1 :
	    api));

	/* v1beta2 counters, else the v1beta1 preview under status.v1beta2. */
	cpr = jint(o, "status.controlPlane.readyReplicas");
	cpd = jint(o, "status.controlPlane.desiredReplicas");
	wr = jint(o, "status.workers.readyReplicas");
	wd = jint(o, "status.workers.desiredReplicas");
	if (cpd < 0) {
		cpr = jint(o, "status.v1beta2.controlPlane.readyReplicas");
		cpd = jint(o, "status.v1beta2.controlPlane.desiredReplicas");
		wr = jint(o, "status.v1beta2.workers.readyReplicas");
		wd = jint(o, "status.v1beta2.workers.desiredReplicas");
	}
	if (cpd < 0)
		cpd = jint(o, "spec.topology.controlPlane.replicas");
	set_col(r, SCS_CLUSTER_CP, intern_ratio(st, cpr, cpd));
	set_col(r, SCS_CLUSTER_WORKERS, intern_ratio(st, wr, wd));

	phase = jstr(o, "status.phase");
	r->status = scs_strtab_intern(st, phase != NULL ? phase : "Pending");
	avail = scs_condition(o, "Available");
	if (avail == NULL)
		avail = scs_condition(o, "Ready");
	avs = avail != NULL ? jstr(avail, "status") : NULL;
	set_col(r, SCS_CLUSTER_AVAILABLE, scs_strtab_intern(st,
	    avs != NULL ? avs : "-"));
	if (avail != NULL)
		take_condition(r, avail);

	if (r->deleted != 0 || (phase != NULL &&
	    strcmp(phase, "Deleting") == 0))
		r->health = SCS_HEALTH_DELETING;
	else if ((fail = jstr(o, "status.failureMessage")) != NULL ||
	    (phase != NULL && strcmp(phase, "Failed") == 0)) {
		r->health = SCS_HEALTH_ERROR;
		if (fail != NULL) {
			free(r->message);
			r->message = scs_xprintf("%s: %s",
			    jstr(o, "status.failureReason") != NULL ?
			    jstr(o, "status.failureReason") : "Failed", fail);
		}
	} else if (avs != NULL && strcmp(avs, "True") == 0) {
		r->health = SCS_HEALTH_OK;
		free(r->message);
		r->message = NULL;
		/* Available but rolling out or short of workers. */
		if (scs_streq(scs_condition_status(o, "RollingOut"), "True"))
			r->health = SCS_HEALTH_PROGRESSING;
		else if (wd > 0 && wr >= 0 && wr < wd) {
			r->health = SCS_HEALTH_WARNING;
			take_condition(r, scs_condition(o, "WorkersAvailable"));
		}
	} else if ((failed = failed_condition(o)) != NULL) {
		/* Still provisioning, but a step reports failure. */
		r->health = SCS_HEALTH_ERROR;
		take_condition(r, failed);
	} else if (phase == NULL || strcmp(phase, "Pending") == 0 ||
	    strcmp(phase, "Provisioning") == 0)
		r->health = SCS_HEALTH_PROGRESSING;
	else if (avs != NULL && strcmp(avs, "False") == 0) {
		/* Provisioned but not available: a control plane problem is
		 * an error, anything else a degradation. */
		if (cJSON_IsString(J(avail, "severity")))
			r->health = scs_condition_health(avail);
		else if (scs_streq(scs_condition_status(o, "ScalingUp"),
		    "True") || scs_streq(scs_condition_status(o,
		    "RollingOut"), "True"))
			r->health = SCS_HEALTH_PROGRESSING;
		else if (scs_streq(scs_condition_status(o,
		    "ControlPlaneAvailable"), "False") ||
		    scs_streq(scs_condition_status(o, "ControlPlaneReady"),
		    "False"))
			r->health = SCS_HEALTH_ERROR;
		else
			r->health = SCS_HEALTH_WARNING;
	} else if (phase != NULL && strcmp(phase, "Provisioned") == 0)
		r->health = SCS_HEALTH_OK;
	else
		r->health = SCS_HEALTH_UNKNOWN;
}

/* --- ClusterClass -------------------------------------------------- */

static const struct scs_column clusterclass_cols[] = {
	{ "VARIABLES",	9, 0, SCS_ALIGN_RIGHT },
	{ "VARS READY",	10, 1, SCS_ALIGN_LEFT },
	{ "K8S",	5, 0, SCS_ALIGN_LEFT },
};

static void
decode_clusterclass(const cJSON *o, struct scs_record *r,
    struct scs_strtab *st)
{
	struct scs_class_name	 cn;
	const char		*ready;
	char			 buf[32];
	int			 n;

	decode_meta(o, r, st);
	n = cJSON_GetArraySize(jpath(o, "status.variables"));
	if (n == 0)
		n = cJSON_GetArraySize(jpath(o, "spec.variables"));
	set_col(r, 0, intern_int(st, n));
	ready = scs_condition_status(o, "VariablesReady");
	if (ready == NULL)
		ready = scs_condition_status(o, "VariablesReconciled");
	set_col(r, 1, scs_strtab_intern(st, ready != NULL ? ready : "-"));
	if (scs_class_name_parse(r->name, &cn) == 0) {
		snprintf(buf, sizeof buf, "%d.%d", cn.major, cn.minor);
		set_col(r, 2, scs_strtab_intern(st, buf));
	} else
		set_col(r, 2, scs_strtab_intern(st, "-"));
	if (ready == NULL)
		r->health = SCS_HEALTH_UNKNOWN;
	else if (strcmp(ready, "True") == 0)
		r->health = SCS_HEALTH_OK;
	else {
		r->health = SCS_HEALTH_WARNING;
		take_condition(r, scs_condition(o, "VariablesReady") != NULL ?
		    scs_condition(o, "VariablesReady") :
		    scs_condition(o, "VariablesReconciled"));
	}
	r->status = scs_strtab_intern(st, ready == NULL ? "" :
	    strcmp(ready, "True") == 0 ? "Ready" : "NotReady");
}

/* --- MachineDeployment and Machine --------------------------------- */

static const struct scs_column md_cols[] = {
	{ "CLUSTER",	16, 0, SCS_ALIGN_LEFT },
	{ "READY",	7,  0, SCS_ALIGN_RIGHT },
	{ "VERSION",	9,  1, SCS_ALIGN_LEFT },
};

/*
 * A v1beta2 condition has no severity: Ready or Available False reads as
 * an error. For a machine or MachineDeployment still coming up (phase
 * Pending, Provisioning, Provisioned or ScalingUp) that is progress, unless
 * it reports a failure (failureReason, a reason naming Failed or Error);
 * one short of some replicas but serving is degraded.
 */
static void
judge_replicas(const cJSON *o, struct scs_record *r, long ready, long want)
{
	static const char *const coming[] = { "Pending", "Provisioning",
	    "Provisioned", "ScalingUp", NULL };
	const char	*phase = jstr(o, "status.phase");
	char		 reason[128];
	size_t		 i;

	/* The deciding condition's reason leads its "Reason: message". */
	snprintf(reason, sizeof reason, "%.*s", r->message != NULL ?
	    (int)strcspn(r->message, ":") : 0, r->message != NULL ?
	    r->message : "");

	if (r->health != SCS_HEALTH_ERROR ||
	    jstr(o, "status.failureReason") != NULL ||
	    strstr(reason, "Failed") != NULL || strstr(reason, "Error") != NULL)
		return;
	for (i = 0; phase != NULL && coming[i] != NULL; i++) {
		if (strcmp(phase, coming[i]) == 0) {
			r->health = SCS_HEALTH_PROGRESSING;
			return;
		}
	}
	if (ready > 0 && want > ready)
		r->health = SCS_HEALTH_WARNING;
}

/* A MachineDeployment or MachineSet: the first of types present decides,
 * short replicas judged as judge_replicas says. */
static void
decode_replicas(const cJSON *o, struct scs_record *r, struct scs_strtab *st,
    const char *const *types)
{
	long	 ready;
	int	 nostatus;

	decode_generic(o, r, st);
	nostatus = r->status[0] == '\0';
	if (decide_by(o, r, st, types) != NULL && nostatus)
		r->status = scs_strtab_intern(st,
		    r->health == SCS_HEALTH_OK ? "Ready" :
		    r->health == SCS_HEALTH_UNKNOWN ? "Unknown" : "NotReady");
	set_col(r, 0, scs_strtab_intern(st, jstr(o, "spec.clusterName")));
	ready = jint(o, "status.readyReplicas");
	judge_replicas(o, r, ready, jint(o, "spec.replicas"));
	set_col(r, 1, intern_ratio(st, ready, jint(o, "spec.replicas")));
	set_col(r, 2, scs_strtab_intern(st,
	    jstr(o, "spec.template.spec.version")));
	if (r->deleted != 0)
		r->health = SCS_HEALTH_DELETING;
}

static void
decode_md(const cJSON *o, struct scs_record *r, struct scs_strtab *st)
{
	static const char *const types[] = { "Available", "Ready", NULL };

	decode_replicas(o, r, st, types);
}

/* A v1beta2 MachineSet has no Available: MachinesReady says it (v1beta1:
 * Ready); one scaling up is coming, neither failing nor done. */
static void
decode_ms(const cJSON *o, struct scs_record *r, struct scs_strtab *st)
{
	static const char *const types[] = { "MachinesReady", "Ready", NULL };
	const char	*up = scs_condition_status(o, "ScalingUp");

	decode_replicas(o, r, st, types);
	if ((r->health == SCS_HEALTH_ERROR || r->health == SCS_HEALTH_OK) &&
	    up != NULL && strcmp(up, "True") == 0 &&
	    jstr(o, "status.failureReason") == NULL)
		r->health = SCS_HEALTH_PROGRESSING;
}

static const struct scs_column machine_cols[] = {
	{ "CLUSTER",	16, 0, SCS_ALIGN_LEFT },
	{ "NODE",	20, 1, SCS_ALIGN_LEFT },
	{ "VERSION",	9,  1, SCS_ALIGN_LEFT },
	{ "ROLE",	13, 2, SCS_ALIGN_LEFT },
};

static void
decode_machine(const cJSON *o, struct scs_record *r, struct scs_strtab *st)
{
	static const char *const types[] = { "Ready", "Available", NULL };
	const char	*phase;

	decode_generic(o, r, st);
	if (decide_by(o, r, st, types) == NULL) {
		phase = jstr(o, "status.phase");
		r->health = phase == NULL ? SCS_HEALTH_UNKNOWN :
		    strcmp(phase, "Running") == 0 ? SCS_HEALTH_OK :
		    strcmp(phase, "Failed") == 0 ? SCS_HEALTH_ERROR :
		    SCS_HEALTH_PROGRESSING;
	} else
		judge_replicas(o, r, 0, 0);
	set_col(r, 0, scs_strtab_intern(st, jstr(o, "spec.clusterName")));
	set_col(r, 1, scs_strtab_intern(st, jstr(o, "status.nodeRef.name")));
	set_col(r, 2, scs_strtab_intern(st, jstr(o, "spec.version")));
	set_col(r, 3, scs_strtab_intern(st, J(jpath(o, "metadata.labels"),
	    "cluster.x-k8s.io/control-plane") != NULL ? "control-plane" :
	    "worker"));
	if (r->deleted != 0)
		r->health = SCS_HEALTH_DELETING;
}

/* --- cluster stacks ------------------------------------------------ */

static const struct scs_column clusterstack_cols[] = {
	{ "PROVIDER",	9, 1, SCS_ALIGN_LEFT },
	{ "STACK",	8, 0, SCS_ALIGN_LEFT },
	{ "K8S",	5, 0, SCS_ALIGN_LEFT },
	{ "CHANNEL",	7, 3, SCS_ALIGN_LEFT },
	{ "AUTO",	5, 3, SCS_ALIGN_LEFT },
	{ "USABLE",	12, 1, SCS_ALIGN_LEFT },
	{ "LATEST",	24, 2, SCS_ALIGN_LEFT },
};

static void
decode_clusterstack(const cJSON *o, struct scs_record *r,
    struct scs_strtab *st)
{
	const char	*ch;

	decode_generic(o, r, st);
	set_col(r, 0, scs_strtab_intern(st, jstr(o, "spec.provider")));
	set_col(r, 1, scs_strtab_intern(st, jstr(o, "spec.name")));
	set_col(r, 2, scs_strtab_intern(st, jstr(o, "spec.kubernetesVersion")));
	ch = jstr(o, "spec.channel");
	set_col(r, 3, scs_strtab_intern(st, ch != NULL ? ch : "stable"));
	set_col(r, 4, J(J(o, "spec"), "autoSubscribe") != NULL ?
	    intern_bool(st, jpath(o, "spec.autoSubscribe")) :
	    scs_strtab_intern(st, "true"));
	set_col(r, 5, scs_strtab_intern(st, jstr(o, "status.usableVersions")));
	set_col(r, 6, scs_strtab_intern(st, jstr(o, "status.latestRelease")));
}

static const struct scs_column release_cols[] = {
	{ "K8S VERSION", 11, 0, SCS_ALIGN_LEFT },
	{ "READY",	5,  0, SCS_ALIGN_LEFT },
};

static void
decode_release(const cJSON *o, struct scs_record *r, struct scs_strtab *st)
{
	char	 v[64];
	const cJSON *ready;

	decode_generic(o, r, st);
	scs_k8s_version_norm(jstr(o, "status.kubernetesVersion"), v, sizeof v);
	set_col(r, 0, scs_strtab_intern(st, v[0] != '\0' ? v : "-"));
	ready = jpath(o, "status.ready");
	set_col(r, 1, intern_bool(st, ready));
	if (cJSON_IsBool(ready) && r->deleted == 0) {
		if (cJSON_IsTrue(ready))
			r->health = SCS_HEALTH_OK;
		else if (r->health == SCS_HEALTH_OK ||
		    r->health == SCS_HEALTH_UNKNOWN)
			r->health = SCS_HEALTH_PROGRESSING;
		r->status = scs_strtab_intern(st, cJSON_IsTrue(ready) ?
		    "Ready" : "NotReady");
	}
}

static const struct scs_column addon_cols[] = {
	{ "CLUSTER",	16, 0, SCS_ALIGN_LEFT },
	{ "HOOK",	28, 1, SCS_ALIGN_LEFT },
	{ "READY",	5,  0, SCS_ALIGN_LEFT },
	{ "STAGES",	30, 2, SCS_ALIGN_LEFT },
};

static void
decode_addon(const cJSON *o, struct scs_record *r, struct scs_strtab *st)
{
	const cJSON	*stage;
	const char	*cl;
	struct scs_buf	 b;

	decode_generic(o, r, st);
	cl = jstr(o, "spec.clusterRef.name");
	if (cl == NULL && r->owner != NULL && scs_strprefix(r->owner,
	    "Cluster/"))
		cl = r->owner + 8;
	set_col(r, 0, scs_strtab_intern(st, cl));
	set_col(r, 1, scs_strtab_intern(st, jstr(o, "spec.hook")));
	set_col(r, 2, intern_bool(st, jpath(o, "status.ready")));
	scs_buf_init(&b, 4096);
	cJSON_ArrayForEach(stage, jpath(o, "status.stages")) {
		scs_buf_printf(&b, "%s%s:%s", b.len != 0 ? " " : "",
		    jstr(stage, "name") != NULL ? jstr(stage, "name") : "?",
		    jstr(stage, "phase") != NULL ? jstr(stage, "phase") : "?");
	}
	set_col(r, 3, scs_strtab_intern(st, b.data != NULL ? b.data : ""));
	scs_buf_done(&b);
	if (cJSON_IsTrue(jpath(o, "status.ready")) && r->deleted == 0)
		r->health = SCS_HEALTH_OK;
}

/* --- core kinds ---------------------------------------------------- */

static const struct scs_column secret_cols[] = {
	{ "TYPE",	24, 1, SCS_ALIGN_LEFT },
	{ "KEYS",	24, 0, SCS_ALIGN_LEFT },
	{ "ROLE",	17, 0, SCS_ALIGN_LEFT },
};

static void
decode_secret(const cJSON *o, struct scs_record *r, struct scs_strtab *st)
{
	const cJSON	*k;
	const char	*type;
	struct scs_buf	 b;

	decode_meta(o, r, st);
	type = jstr(o, "type");
	if (type == NULL)
		type = "Opaque";
	scs_buf_init(&b, 4096);
	/* Key names only: the values are never looked at. */
	cJSON_ArrayForEach(k, J(o, "data")) {
		if (k->string != NULL)
			scs_buf_printf(&b, "%s%s", b.len != 0 ? "," : "",
			    k->string);
	}
	cJSON_ArrayForEach(k, J(o, "stringData")) {
		if (k->string != NULL)
			scs_buf_printf(&b, "%s%s", b.len != 0 ? "," : "",
			    k->string);
	}
	set_col(r, SCS_SECRET_TYPE, scs_strtab_intern(st, type));
	set_col(r, SCS_SECRET_KEYS, scs_strtab_intern(st,
	    b.data != NULL ? b.data : ""));
	set_col(r, SCS_SECRET_ROLE, scs_strtab_intern(st,
	    scs_secret_role(r->name, type, b.data != NULL ? b.data : "")));
	scs_buf_done(&b);
	r->health = r->deleted != 0 ? SCS_HEALTH_DELETING : SCS_HEALTH_OK;
}

static void
decode_namespace(const cJSON *o, struct scs_record *r, struct scs_strtab *st)
{
	const char	*phase;

	decode_meta(o, r, st);
	phase = jstr(o, "status.phase");
	r->status = scs_strtab_intern(st, phase != NULL ? phase : "Active");
	r->health = phase != NULL && strcmp(phase, "Terminating") == 0 ?
	    SCS_HEALTH_DELETING : SCS_HEALTH_OK;
}

/* As kubectl get events: the table shows LAST SEEN before them and
 * MESSAGE after, no event name (TYPE drops first at narrow widths; the
 * row's colour still tells a Warning). */
static const struct scs_column event_cols[] = {
	{ "TYPE",	7,  3, SCS_ALIGN_LEFT },
	{ "REASON",	16, 0, SCS_ALIGN_LEFT },
	{ "OBJECT",	28, 0, SCS_ALIGN_LEFT },
	{ "COUNT",	5,  2, SCS_ALIGN_RIGHT },
};

static void
decode_event(const cJSON *o, struct scs_record *r, struct scs_strtab *st)
{
	const char	*type, *msg;
	char		 obj[256];

	decode_meta(o, r, st);
	type = jstr(o, "type");
	set_col(r, 0, scs_strtab_intern(st, type));
	set_col(r, 1, scs_strtab_intern(st, jstr(o, "reason")));
	snprintf(obj, sizeof obj, "%s/%s",
	    jstr(o, "involvedObject.kind") != NULL ?
	    jstr(o, "involvedObject.kind") : "?",
	    jstr(o, "involvedObject.name") != NULL ?
	    jstr(o, "involvedObject.name") : "?");
	set_col(r, 2, scs_strtab_intern(st, obj));
	set_col(r, 3, intern_int(st, jint(o, "count")));
	if ((msg = jstr(o, "message")) != NULL)
		r->message = scs_xstrdup(msg);
	r->since = scs_event_time(o);
	r->status = scs_strtab_intern(st, type);
	r->health = type != NULL && strcmp(type, "Warning") == 0 ?
	    SCS_HEALTH_WARNING : SCS_HEALTH_OK;
}

static const struct scs_column claim_cols[] = {
	{ "VERSION",	9, 0, SCS_ALIGN_LEFT },
	{ "SYNCED",	6, 0, SCS_ALIGN_LEFT },
	{ "READY",	5, 0, SCS_ALIGN_LEFT },
};

static void
decode_claim(const cJSON *o, struct scs_record *r, struct scs_strtab *st)
{
	static const char *const types[] = { "Ready", "Synced", NULL };
	const char	*synced, *ready;

	decode_meta(o, r, st);
	set_col(r, 0, scs_strtab_intern(st, jstr(o, "spec.version") != NULL ?
	    jstr(o, "spec.version") : "-"));
	synced = scs_condition_status(o, "Synced");
	ready = scs_condition_status(o, "Ready");
	set_col(r, 1, scs_strtab_intern(st, synced != NULL ? synced : "-"));
	set_col(r, 2, scs_strtab_intern(st, ready != NULL ? ready : "-"));
	/* Not synced is worse than not ready: look at Synced first when
	 * it is False. */
	if (synced != NULL && strcmp(synced, "False") == 0) {
		static const char *const s_first[] = { "Synced", NULL };

		decide_by(o, r, st, s_first);
	} else
		decide_by(o, r, st, types);
	r->status = scs_strtab_intern(st, ready != NULL &&
	    strcmp(ready, "True") == 0 ? "Ready" : "NotReady");
	if (r->deleted != 0)
		r->health = SCS_HEALTH_DELETING;
}

static const struct scs_column providerconfig_cols[] = {
	{ "SECRET",	36, 0, SCS_ALIGN_LEFT },
};

static void
decode_providerconfig(const cJSON *o, struct scs_record *r,
    struct scs_strtab *st)
{
	char	 buf[256];
	const char *ns, *name, *key;

	decode_generic(o, r, st);
	ns = jstr(o, "spec.credentials.secretRef.namespace");
	name = jstr(o, "spec.credentials.secretRef.name");
	key = jstr(o, "spec.credentials.secretRef.key");
	if (name != NULL)
		snprintf(buf, sizeof buf, "%s/%s%s%s", ns != NULL ? ns : "",
		    name, key != NULL ? ":" : "", key != NULL ? key : "");
	else
		snprintf(buf, sizeof buf, "-");
	set_col(r, 0, scs_strtab_intern(st, buf));
	if (r->health == SCS_HEALTH_UNKNOWN && r->deleted == 0)
		r->health = SCS_HEALTH_OK;
}

static const struct scs_column rolebinding_cols[] = {
	{ "ROLE",	24, 0, SCS_ALIGN_LEFT },
	{ "SUBJECTS",	30, 1, SCS_ALIGN_LEFT },
};

static void
decode_rolebinding(const cJSON *o, struct scs_record *r,
    struct scs_strtab *st)
{
	const cJSON	*s;
	char		 buf[256];
	struct scs_buf	 b;

	decode_meta(o, r, st);
	snprintf(buf, sizeof buf, "%s/%s",
	    jstr(o, "roleRef.kind") != NULL ? jstr(o, "roleRef.kind") : "?",
	    jstr(o, "roleRef.name") != NULL ? jstr(o, "roleRef.name") : "?");
	set_col(r, 0, scs_strtab_intern(st, buf));
	scs_buf_init(&b, 4096);
	cJSON_ArrayForEach(s, J(o, "subjects")) {
		scs_buf_printf(&b, "%s%s/%s", b.len != 0 ? "," : "",
		    jstr(s, "kind") != NULL ? jstr(s, "kind") : "?",
		    jstr(s, "name") != NULL ? jstr(s, "name") : "?");
	}
	set_col(r, 1, scs_strtab_intern(st, b.data != NULL ? b.data : ""));
	scs_buf_done(&b);
	r->health = SCS_HEALTH_OK;
}

/* --- the table of kinds -------------------------------------------- */

#define COLS(a)	(sizeof (a) / sizeof (a)[0]), (a)

static const struct scs_kind kinds[] = {
	{ "cluster.x-k8s.io", "clusters", "Clusters", COLS(cluster_cols),
	    decode_cluster },
	{ "cluster.x-k8s.io", "clusterclasses", "ClusterClasses",
	    COLS(clusterclass_cols), decode_clusterclass },
	{ "cluster.x-k8s.io", "machinedeployments", "MachineDeployments",
	    COLS(md_cols), decode_md },
	{ "cluster.x-k8s.io", "machines", "Machines", COLS(machine_cols),
	    decode_machine },
	{ "cluster.x-k8s.io", "machinesets", "MachineSets", COLS(md_cols),
	    decode_ms },
	{ "clusterstack.x-k8s.io", "clusterstacks", "ClusterStacks",
	    COLS(clusterstack_cols), decode_clusterstack },
	{ "clusterstack.x-k8s.io", "clusterstackreleases",
	    "ClusterStackReleases", COLS(release_cols), decode_release },
	{ "clusterstack.x-k8s.io", "clusteraddons", "ClusterAddons",
	    COLS(addon_cols), decode_addon },
	{ "", "secrets", "Secrets", COLS(secret_cols), decode_secret },
	{ "", "namespaces", "Namespaces", 0, NULL, decode_namespace },
	{ "", "events", "Events", COLS(event_cols), decode_event },
	{ "api.scs.community", NULL, "Central API claims", COLS(claim_cols),
	    decode_claim },
	{ "openstack.crossplane.io", "providerconfigs", "ProviderConfigs",
	    COLS(providerconfig_cols), decode_providerconfig },
	{ "rbac.authorization.k8s.io", "rolebindings", "RoleBindings",
	    COLS(rolebinding_cols), decode_rolebinding },
};

static const struct scs_kind generic_kind = {
	NULL, NULL, "Resources", 0, NULL, decode_generic
};

const struct scs_kind *
scs_model_kind(const char *group, const char *plural)
{
	size_t	 i;

	if (group == NULL)
		group = "";
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (strcmp(kinds[i].group, group) != 0)
			continue;
		/* A NULL plural matches every kind of the group (claims). */
		if (kinds[i].plural == NULL ||
		    (plural != NULL && strcmp(kinds[i].plural, plural) == 0))
			return (&kinds[i]);
	}
	return (&generic_kind);
}

void
scs_model_decode(const struct scs_kind *k, const cJSON *obj,
    struct scs_record *r, struct scs_strtab *st)
{
	size_t	 i;

	k->decode(obj, r, st);
	/* Every declared column has a value, even if the object lacked it. */
	for (i = 0; i < k->ncols && i < SCS_RECORD_MAXCOLS; i++) {
		if (r->cols[i] == NULL)
			set_col(r, i, scs_strtab_intern(st, "-"));
		else if (r->cols[i][0] == '\0')
			r->cols[i] = scs_strtab_intern(st, "-");
	}
}

enum scs_health
scs_model_health(const struct scs_kind *k, const cJSON *obj)
{
	struct scs_strtab	*st = scs_strtab_new();
	struct scs_record	 r;
	enum scs_health		 h;

	memset(&r, 0, sizeof r);
	scs_model_decode(k, obj, &r, st);
	h = r.health;
	scs_record_clear(&r);
	scs_strtab_free(st);
	return (h);
}

void
scs_record_clear(struct scs_record *r)
{
	free(r->name);
	free(r->uid);
	free(r->rv);
	free(r->labels);
	free(r->owner);
	free(r->message);
	cJSON_Delete(r->obj);
	memset(r, 0, sizeof *r);
}

static size_t
str_bytes(const char *s)
{
	return (s != NULL ? strlen(s) + 1 : 0);
}

size_t
scs_record_bytes(const struct scs_record *r)
{
	return (str_bytes(r->name) + str_bytes(r->uid) + str_bytes(r->rv) +
	    str_bytes(r->labels) + str_bytes(r->owner) +
	    str_bytes(r->message));
}

const char *
scs_record_label(const struct scs_record *r, const char *key)
{
	static char	 value[1024];
	const char	*p, *eol;
	size_t		 klen = strlen(key), vlen;

	for (p = r->labels; p != NULL && *p != '\0'; p = eol + 1) {
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
			vlen = (size_t)(eol - p - (ptrdiff_t)klen - 1);
			if (vlen >= sizeof value)
				vlen = sizeof value - 1;
			memcpy(value, p + klen + 1, vlen);
			value[vlen] = '\0';
			return (value);
		}
		if (*eol == '\0')
			break;
	}
	return (NULL);
}
