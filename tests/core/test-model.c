/*
 * test-model.c: record decoders, health, class names and upgrades, the
 * version policy, secret roles and persona detection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/util.h"
#include "../tap.h"

static cJSON *
load_json(const char *rel)
{
	char		 path[4096];
	const char	*src = getenv("SCS_SRCDIR");
	FILE		*f;
	char		*text;
	long		 n;
	cJSON		*j;

	snprintf(path, sizeof path, "%s/tests/data/model/%s",
	    src != NULL ? src : ".", rel);
	if ((f = fopen(path, "rb")) == NULL) {
		diag("cannot open %s", path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = scs_xmalloc((size_t)n + 1);
	if (fread(text, 1, (size_t)n, f) != (size_t)n)
		exit(1);
	text[n] = '\0';
	fclose(f);
	j = cJSON_Parse(text);
	free(text);
	if (j == NULL) {
		diag("bad JSON in %s", path);
		exit(1);
	}
	return (j);
}

static void
test_clusters(struct scs_strtab *st)
{
	const struct scs_kind	*k = scs_model_kind("cluster.x-k8s.io",
				    "clusters");
	struct scs_record	 r;
	cJSON			*o;

	is_str(k->title, "Clusters", "cluster kind found");
	memset(&r, 0, sizeof r);
	o = load_json("cluster-v1beta2.json");
	scs_model_decode(k, o, &r, st);
	is_str(r.ns, "tenant-a", "v1beta2 namespace");
	is_str(r.name, "prod-eu1", "v1beta2 name");
	is_str(r.rv, "4711", "v1beta2 resourceVersion");
	is_int(r.created, scs_parse_rfc3339("2026-11-20T10:00:00Z"),
	    "creationTimestamp");
	is_str(r.cols[SCS_CLUSTER_CLASS], "openstack-scs2-1-33-v2",
	    "v1beta2 class from classRef.name");
	is_str(r.cols[SCS_CLUSTER_VERSION], "v1.33.4", "version");
	is_str(r.cols[SCS_CLUSTER_AVAILABLE], "True", "available");
	is_str(r.cols[SCS_CLUSTER_CP], "3/3", "control plane ready/desired");
	is_str(r.cols[SCS_CLUSTER_WORKERS], "2/4", "workers ready/desired");
	is_str(r.cols[SCS_CLUSTER_APIVERSION], "v1beta2", "api version");
	is_str(r.status, "Provisioned", "phase");
	is_int(r.health, SCS_HEALTH_WARNING,
	    "available but short of workers is a warning");
	ok(r.message != NULL && strstr(r.message,
	    "2 of 4 worker machines") != NULL,
	    "message from WorkersAvailable (%s)", r.message);
	is_str(scs_record_label(&r, "env"), "prod", "label lookup");
	ok(scs_record_label(&r, "en") == NULL, "label prefix is no match");
	scs_record_clear(&r);
	cJSON_Delete(o);

	o = load_json("cluster-v1beta1.json");
	scs_model_decode(k, o, &r, st);
	is_str(r.cols[SCS_CLUSTER_CLASS], "openstack-scs-1-29-v3",
	    "v1beta1 class from topology.class");
	is_str(r.cols[SCS_CLUSTER_AVAILABLE], "False", "v1beta1 Ready");
	is_str(r.cols[SCS_CLUSTER_CP], "0/1",
	    "v1beta1 desired from the topology");
	is_str(r.cols[SCS_CLUSTER_WORKERS], "-", "no worker counters");
	is_int(r.health, SCS_HEALTH_ERROR,
	    "v1beta1 Ready=False severity Error is an error");
	is_str(r.message, "ControlPlaneNotReady: 0 of 1 control plane "
	    "machines available", "reason: message");
	is_int(r.since, scs_parse_rfc3339("2026-11-24T08:30:00Z"), "since");
	scs_record_clear(&r);

	/* Same object, deleting. */
	cJSON_AddStringToObject(cJSON_GetObjectItem(o, "metadata"),
	    "deletionTimestamp", "2026-11-25T00:00:00Z");
	scs_model_decode(k, o, &r, st);
	is_int(r.health, SCS_HEALTH_DELETING, "deletionTimestamp wins");
	scs_record_clear(&r);
	cJSON_Delete(o);

	o = cJSON_Parse("{\"metadata\":{\"name\":\"new\",\"namespace\":\"x\"},"
	    "\"spec\":{\"topology\":{\"classRef\":{\"name\":\"c\"},"
	    "\"version\":\"v1.34.1\"}}}");
	scs_model_decode(k, o, &r, st);
	is_int(r.health, SCS_HEALTH_PROGRESSING, "no status yet: progressing");
	is_str(r.status, "Pending", "no phase reads as Pending");
	is_str(r.cols[SCS_CLUSTER_AVAILABLE], "-", "no Available yet");
	ok(scs_record_bytes(&r) < 64, "small record (%zu bytes owned)",
	    scs_record_bytes(&r));
	scs_record_clear(&r);
	cJSON_Delete(o);
}

static void
test_secret(struct scs_strtab *st)
{
	const struct scs_kind	*k = scs_model_kind("", "secrets");
	struct scs_record	 r;
	cJSON			*o;
	size_t			 i;

	memset(&r, 0, sizeof r);
	o = load_json("secret-clouds.json");
	scs_model_decode(k, o, &r, st);
	is_str(r.cols[SCS_SECRET_KEYS], "clouds.yaml,cloudName", "key names");
	is_str(r.cols[SCS_SECRET_ROLE], "cloud-credentials", "role");
	is_str(r.cols[SCS_SECRET_TYPE], "Opaque", "type");
	for (i = 0; i < r.ncols; i++) {
		ok(strstr(r.cols[i], "c2VjcmV0") == NULL &&
		    strstr(r.cols[i], "secret-value") == NULL,
		    "column %zu holds no value", i);
	}
	ok(r.message == NULL && (r.labels == NULL ||
	    strstr(r.labels, "c2VjcmV0") == NULL), "no value elsewhere");
	scs_record_clear(&r);
	cJSON_Delete(o);

	is_str(scs_secret_role("prod-kubeconfig", "cluster.x-k8s.io/secret",
	    "value"), "kubeconfig", "kubeconfig secret");
	is_str(scs_secret_role("prod-ca", "cluster.x-k8s.io/secret",
	    "tls.crt,tls.key"), "ca", "CA secret");
	is_str(scs_secret_role("prod-etcd", "", "tls.crt,tls.key"),
	    "cluster-pki", "etcd secret");
	is_str(scs_secret_role("crs", "addons.cluster.x-k8s.io/resource-set",
	    "cloud-config-secret"), "resource-set", "resource set");
	is_str(scs_secret_role("x", "Opaque", "myclouds.yaml"), "other",
	    "key names match whole");
}

static void
test_other_kinds(struct scs_strtab *st)
{
	struct scs_record	 r;
	cJSON			*o;

	memset(&r, 0, sizeof r);
	o = cJSON_Parse("{\"metadata\":{\"name\":\"openstack-scs2-1-33-v2\","
	    "\"namespace\":\"t\"},\"status\":{\"kubernetesVersion\":\"1.33.4\","
	    "\"ready\":true}}");
	scs_model_decode(scs_model_kind("clusterstack.x-k8s.io",
	    "clusterstackreleases"), o, &r, st);
	is_str(r.cols[0], "v1.33.4", "release version gets its v");
	is_str(r.cols[1], "true", "release ready");
	is_int(r.health, SCS_HEALTH_OK, "ready release is ok");
	scs_record_clear(&r);
	cJSON_Delete(o);

	o = cJSON_Parse("{\"metadata\":{\"name\":\"c1\",\"namespace\":\"t\"},"
	    "\"spec\":{\"version\":\"v1.29.0\"},\"status\":{\"conditions\":["
	    "{\"type\":\"Synced\",\"status\":\"False\",\"reason\":"
	    "\"ReconcileError\",\"message\":\"quota exceeded\"},"
	    "{\"type\":\"Ready\",\"status\":\"False\"}]}}");
	scs_model_decode(scs_model_kind("api.scs.community", "clusters"), o,
	    &r, st);
	is_str(r.cols[0], "v1.29.0", "claim version");
	is_str(r.cols[1], "False", "claim synced");
	is_str(r.message, "ReconcileError: quota exceeded",
	    "claim message from Synced");
	is_int(r.health, SCS_HEALTH_ERROR, "unsynced claim is an error");
	scs_record_clear(&r);
	cJSON_Delete(o);

	o = cJSON_Parse("{\"metadata\":{\"name\":\"w\",\"namespace\":\"t\"},"
	    "\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":"
	    "\"True\"}]}}");
	scs_model_decode(scs_model_kind("example.com", "widgets"), o, &r, st);
	is_int(r.health, SCS_HEALTH_OK, "generic Ready=True");
	is_str(r.status, "Ready", "generic status");
	scs_record_clear(&r);
	cJSON_Delete(o);
}

/* Health of a machine or MachineDeployment given as JSON. */
static enum scs_health
capi_health(const char *plural, const char *json)
{
	cJSON		*o = cJSON_Parse(json);
	enum scs_health	 h;

	h = scs_model_health(scs_model_kind("cluster.x-k8s.io", plural), o);
	cJSON_Delete(o);
	return (h);
}

#define MACHINE(phase, reason, extra)					\
	"{\"metadata\":{\"name\":\"m\",\"namespace\":\"t\"},"		\
	"\"status\":{\"phase\":\"" phase "\"," extra "\"conditions\":["	\
	"{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\""	\
	reason "\",\"message\":\"x\"}]}}"
#define MD(phase, ready, want)						\
	"{\"metadata\":{\"name\":\"md\",\"namespace\":\"t\"},"		\
	"\"spec\":{\"replicas\":" want "},\"status\":{\"phase\":\""	\
	phase "\",\"readyReplicas\":" ready ",\"conditions\":[{\"type\":"	\
	"\"Available\",\"status\":\"False\",\"reason\":"		\
	"\"NotAvailable\"}]}}"

#define MS(type, status, up, ready, want)				\
	"{\"metadata\":{\"name\":\"ms\",\"namespace\":\"t\"},"		\
	"\"spec\":{\"replicas\":" want "},\"status\":{\"readyReplicas\":"	\
	ready ",\"conditions\":[{\"type\":\"" type "\",\"status\":\""	\
	status "\",\"reason\":\"R\"},{\"type\":\"ScalingUp\","		\
	"\"status\":\"" up "\",\"reason\":\"S\"}]}}"

/* v1beta2 conditions have no severity: coming up is progress, a reported
 * failure an error, short of replicas but serving degraded. */
static void
test_capi_health(void)
{
	is_int(capi_health("machines", MACHINE("Provisioning", "NotReady",
	    "")), SCS_HEALTH_PROGRESSING, "provisioning machine, not ready: "
	    "progressing");
	is_int(capi_health("machines", MACHINE("Provisioning",
	    "InstanceError", "")), SCS_HEALTH_ERROR, "provisioning machine "
	    "with an error reason: error");
	is_int(capi_health("machines", MACHINE("Provisioning", "NotReady",
	    "\"failureReason\":\"CreateError\",")), SCS_HEALTH_ERROR,
	    "provisioning machine with a failureReason: error");
	is_int(capi_health("machines", MACHINE("Failed", "NotReady", "")),
	    SCS_HEALTH_ERROR, "failed machine: error");
	is_int(capi_health("machines", MACHINE("Running", "NotReady", "")),
	    SCS_HEALTH_ERROR, "running machine not ready: error");
	is_int(capi_health("machinedeployments", MD("ScalingUp", "0",
	    "2")), SCS_HEALTH_PROGRESSING, "MD scaling up: progressing");
	is_int(capi_health("machinedeployments", MD("Running", "2", "3")),
	    SCS_HEALTH_WARNING, "MD 2 of 3 ready: degraded");
	is_int(capi_health("machinedeployments", MD("Running", "0", "3")),
	    SCS_HEALTH_ERROR, "MD none of 3 ready: error");
	/* MachineSets (v1beta2: MachinesReady, no Available) were unknown. */
	is_int(capi_health("machinesets", MS("MachinesReady", "True", "False",
	    "3", "3")), SCS_HEALTH_OK, "MS machines ready: ok");
	is_int(capi_health("machinesets", MS("MachinesReady", "False", "True",
	    "0", "2")), SCS_HEALTH_PROGRESSING, "MS scaling up: progressing");
	is_int(capi_health("machinesets", MS("MachinesReady", "False", "False",
	    "2", "3")), SCS_HEALTH_WARNING, "MS 2 of 3 ready: degraded");
	is_int(capi_health("machinesets", MS("MachinesReady", "True", "True",
	    "0", "2")), SCS_HEALTH_PROGRESSING, "MS none yet, scaling up: "
	    "progressing");
	is_int(capi_health("machinesets", MS("Ready", "True", "False", "1",
	    "1")), SCS_HEALTH_OK, "v1beta1 MS ready: ok");
}

/* scs_refs: every reference, "path group/Kind ns/name" a line each. */
static void
collect_ref(const struct scs_ref *r, void *arg)
{
	char	*b = arg;
	size_t	 n = strlen(b);

	snprintf(b + n, 2048 - n, "%s %s/%s %s/%s\n", r->path, r->group,
	    r->kind, r->ns != NULL ? r->ns : "-", r->name);
}

static void
test_refs(void)
{
	char	 b[2048];
	cJSON	*o;

	o = cJSON_Parse("{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\","
	    "\"kind\":\"Cluster\",\"metadata\":{\"name\":\"c\","
	    "\"namespace\":\"t\",\"ownerReferences\":[{\"apiVersion\":"
	    "\"x.io/v1\",\"kind\":\"O\",\"name\":\"o\"}]},\"spec\":{"
	    "\"topology\":{\"classRef\":{\"name\":\"cc\",\"namespace\":"
	    "\"s\"}},\"infrastructureRef\":{\"apiGroup\":"
	    "\"infrastructure.cluster.x-k8s.io\",\"kind\":\"OpenStackCluster\","
	    "\"name\":\"i\"},\"controlPlaneRef\":{\"apiVersion\":"
	    "\"controlplane.cluster.x-k8s.io/v1beta1\",\"kind\":"
	    "\"KubeadmControlPlane\",\"name\":\"k\"}}}");
	b[0] = '\0';
	scs_refs(o, collect_ref, b);
	is_str(b, "metadata.ownerReferences[0] x.io/O t/o\n"
	    "spec.topology.classRef cluster.x-k8s.io/ClusterClass s/cc\n"
	    "spec.infrastructureRef infrastructure.cluster.x-k8s.io/"
	    "OpenStackCluster t/i\n"
	    "spec.controlPlaneRef controlplane.cluster.x-k8s.io/"
	    "KubeadmControlPlane t/k\n", "refs of a v1beta2 Cluster: owner, "
	    "class, infrastructure, control plane (v1beta1 ref form too)");
	cJSON_Delete(o);
	o = cJSON_Parse("{\"apiVersion\":\"api.scs.community/v1alpha1\","
	    "\"kind\":\"XCluster\",\"metadata\":{\"name\":\"x\"},"
	    "\"spec\":{\"claimRef\":{\"apiVersion\":\"api.scs.community/"
	    "v1alpha1\",\"kind\":\"Cluster\",\"name\":\"c\",\"namespace\":"
	    "\"t\"},\"resourceRefs\":[{\"apiVersion\":\"k.io/v1\",\"kind\":"
	    "\"Object\",\"name\":\"a\"},{\"apiVersion\":\"k.io/v1\","
	    "\"kind\":\"Object\",\"name\":\"b\"}]}}");
	b[0] = '\0';
	scs_refs(o, collect_ref, b);
	is_str(b, "spec.claimRef api.scs.community/Cluster t/c\n"
	    "spec.resourceRefs[0] k.io/Object -/a\n"
	    "spec.resourceRefs[1] k.io/Object -/b\n", "refs of a Crossplane "
	    "composite: its claim, the composed resources");
	cJSON_Delete(o);
	o = cJSON_Parse("{\"apiVersion\":\"cluster.x-k8s.io/v1beta1\","
	    "\"kind\":\"Cluster\",\"metadata\":{\"name\":\"c\","
	    "\"namespace\":\"t\"},\"spec\":{\"topology\":{\"class\":"
	    "\"cc\"}}}");
	b[0] = '\0';
	scs_refs(o, collect_ref, b);
	is_str(b, "spec.topology.class cluster.x-k8s.io/ClusterClass t/cc\n",
	    "v1beta1 class by name");
	cJSON_Delete(o);
}

static void
test_conditions(void)
{
	cJSON	*c;

	c = cJSON_Parse("{\"type\":\"RollingOut\",\"status\":\"True\"}");
	is_int(scs_condition_health(c), SCS_HEALTH_PROGRESSING,
	    "negative polarity True");
	cJSON_Delete(c);
	c = cJSON_Parse("{\"type\":\"Paused\",\"status\":\"False\"}");
	is_int(scs_condition_health(c), SCS_HEALTH_OK,
	    "negative polarity False is fine");
	cJSON_Delete(c);
	c = cJSON_Parse("{\"type\":\"Ready\",\"status\":\"False\","
	    "\"severity\":\"Warning\"}");
	is_int(scs_condition_health(c), SCS_HEALTH_WARNING, "severity Warning");
	cJSON_Delete(c);
	c = cJSON_Parse("{\"type\":\"Ready\",\"status\":\"Unknown\"}");
	is_int(scs_condition_health(c), SCS_HEALTH_UNKNOWN, "Unknown");
	cJSON_Delete(c);	is_str(scs_health_word(SCS_HEALTH_WARNING), "degraded",
	    "a warning cluster is degraded");
	is_str(scs_health_word(SCS_HEALTH_ERROR), "failed",
	    "an error cluster is failed");
	is_str(scs_health_word(SCS_HEALTH_PROGRESSING), "progressing",
	    "other words as the health name");
	is_str(scs_health_word((enum scs_health)99), "unknown",
	    "out of range: unknown");
}

static void
test_names(void)
{
	struct scs_class_name	 cn;
	const char		*why;
	char			*s, v[32];

	ok(scs_class_name_parse("openstack-scs2-1-33-v2", &cn) == 0 &&
	    strcmp(cn.provider, "openstack") == 0 &&
	    strcmp(cn.stack, "scs2") == 0 && cn.major == 1 &&
	    cn.minor == 33 && strcmp(cn.version, "v2") == 0,
	    "parse a class name");
	ok(scs_class_name_parse("docker-ferrol-1-26-v1-alpha.0", &cn) == 0 &&
	    strcmp(cn.version, "v1-alpha.0") == 0, "pre-release");
	ok(scs_class_name_parse("quick-start", &cn) != 0, "too few parts");
	ok(scs_class_name_parse("a-b-x-27-v1", &cn) != 0, "bad major");
	ok(scs_class_name_parse("a-b-1-27-1", &cn) != 0, "version needs v");
	ok(scs_class_name_parse("a-b-c-1-27-v1-x-y", &cn) != 0, "too many");

	ok(scs_stack_version_cmp("v2", "v1") > 0, "v2 > v1");
	ok(scs_stack_version_cmp("v10", "v9") > 0, "numeric compare");
	ok(scs_stack_version_cmp("v1", "v1-alpha.0") > 0,
	    "release beats pre-release");
	ok(scs_stack_version_cmp("v1-alpha.10", "v1-alpha.9") > 0,
	    "pre-release numbers");
	ok(scs_stack_version_cmp("v3", "v3") == 0, "equal");

	s = scs_release_name("docker-ferrol-1-26-v1-alpha.0");
	is_str(s, "docker-ferrol-1-26-v1-alpha-0", "release name");
	free(s);
	scs_k8s_version_norm("1.33.4", v, sizeof v);
	is_str(v, "v1.33.4", "normalise without v");
	scs_k8s_version_norm("v1.33.4", v, sizeof v);
	is_str(v, "v1.33.4", "normalise with v");
	ok(scs_k8s_version_valid("v1.33.4") && scs_k8s_version_valid("1.33.4")
	    && scs_k8s_version_valid("v1.34.0-rc.1+build.7") &&
	    scs_k8s_version_valid("v0.0.0"), "semantic versions");
	ok(!scs_k8s_version_valid("v1.x") && !scs_k8s_version_valid("v1.33") &&
	    !scs_k8s_version_valid("v1.033.4") &&
	    !scs_k8s_version_valid("v1.33.4-") &&
	    !scs_k8s_version_valid("v1.33.4 ") && !scs_k8s_version_valid(""),
	    "not semantic versions");

	ok(scs_upgrade_allowed("openstack-scs2-1-33-v1",
	    "openstack-scs2-1-33-v2", &why) && why == NULL, "newer version");
	ok(scs_upgrade_allowed("openstack-scs2-1-33-v2",
	    "openstack-scs2-1-34-v1", &why), "next minor");
	ok(!scs_upgrade_allowed("openstack-scs2-1-33-v2",
	    "openstack-scs2-1-35-v1", &why) && strstr(why, "skips") != NULL,
	    "skipping a minor refused: %s", why);
	ok(!scs_upgrade_allowed("openstack-scs2-1-33-v2",
	    "openstack-scs2-1-32-v5", &why), "downgrade refused: %s", why);
	ok(!scs_upgrade_allowed("openstack-scs2-1-33-v2",
	    "openstack-scs-1-33-v3", &why) && strstr(why, "stack") != NULL,
	    "other stack refused");
	ok(!scs_upgrade_allowed("openstack-scs2-1-33-v2",
	    "openstack-scs2-1-33-v2", &why), "same class is no upgrade");
	ok(!scs_upgrade_allowed("openstack-scs2-1-33-v2",
	    "openstack-scs2-1-33-v1", &why), "older version refused");
}

static void
test_eol(void)
{
	int64_t			 now = scs_parse_rfc3339("2026-11-25T00:00:00Z");
	const struct scs_eol	*t;
	size_t			 n, i, found = 0;
	const char		*path;
	FILE			*f;
	char			 line[256], branch[16];
	int			 maj, min;

	is_int(scs_version_state("v1.33.4", now), SCS_VERSION_EOL,
	    "1.33 is past end of life on 2026-11-25");
	is_int(scs_version_state("v1.34.1", now), SCS_VERSION_EOL,
	    "1.34 ended 2026-10-27");
	is_int(scs_version_state("1.35.0", now), SCS_VERSION_OK, "1.35 fine");
	is_int(scs_version_state("v1.35.0",
	    scs_parse_rfc3339("2027-01-15T00:00:00Z")), SCS_VERSION_EOL_SOON,
	    "1.35 ends within 60 days of 2027-01-15");
	is_int(scs_version_state("v1.20.1", now), SCS_VERSION_EOL,
	    "older than the table");
	is_int(scs_version_state("banana", now), SCS_VERSION_UNKNOWN,
	    "garbage");

	t = scs_eol_table(&n);
	if ((path = tap_fixture("misc/k8s-eol-data_standards_scs-0210.yaml"))
	    == NULL) {
		skip("fixtures absent: EOL table not compared");
		return;
	}
	f = fopen(path, "r");
	while (f != NULL && fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "- branch: '%15[0-9.]'", branch) == 1 &&
		    sscanf(branch, "%d.%d", &maj, &min) == 2) {
			if (fgets(line, sizeof line, f) == NULL)
				break;
			for (i = 0; i < n; i++) {
				if (t[i].major == maj && t[i].minor == min) {
					found++;
					ok(strstr(line, t[i].end_of_life) !=
					    NULL, "EOL of %d.%d matches the "
					    "fixture", maj, min);
				}
			}
		}
	}
	if (f != NULL)
		fclose(f);
	is_int(found, n, "every table entry is in the fixture");
}

static void
test_persona(void)
{
	struct scs_access	 a;
	enum scs_persona	 p;
	cJSON			*rv;

	memset(&a, 0, sizeof a);
	is_str(scs_persona_name(scs_persona_detect(&a)), "tenant", "tenant");
	a.list_clusterstacks_all = 1;
	is_str(scs_persona_name(scs_persona_detect(&a)), "kaas", "kaas");
	a.list_secrets_all = 1;
	is_str(scs_persona_name(scs_persona_detect(&a)), "iaas", "iaas");
	ok(scs_persona_parse("kaas", &p) == 0 && p == SCS_PERSONA_KAAS,
	    "parse persona");
	ok(scs_persona_parse("admin", &p) != 0, "unknown persona");
	rv = cJSON_Parse("{\"status\":{\"allowed\":true}}");
	ok(scs_review_allowed(rv), "review allowed");
	cJSON_Delete(rv);
	rv = cJSON_Parse("{\"status\":{\"allowed\":false,\"denied\":true}}");
	ok(!scs_review_allowed(rv), "review denied");
	cJSON_Delete(rv);
}

/* Label selectors against a record with labels app=web, tier=front. */
static void
test_labelsel(void)
{
	static const struct {
		const char	*sel;
		int		 want;	/* 1 match, 0 no match, -1 bad */
	} c[] = {
		{ "", 1 }, { "app", 1 }, { "!app", 0 }, { "!nope", 1 },
		{ "app=web", 1 }, { "app==web", 1 }, { "app=db", 0 },
		{ "app!=db", 1 }, { "app!=web", 0 }, { "nope!=x", 1 },
		{ "app in (db, web)", 1 }, { "app in (db)", 0 },
		{ "app notin (db)", 1 }, { "app notin (web,db)", 0 },
		{ "nope notin (x)", 1 }, { "nope in (x)", 0 },
		{ "app=web,tier=front", 1 }, { "app=web, tier=back", 0 },
		{ " app = web , !nope ", 1 }, { "example.com/x", 0 },
		{ "app in db", -1 }, { "app in (db", -1 }, { "=x", -1 },
		{ "app ~ web", -1 }, { "app=web tier", -1 }, { "!", -1 },
	};
	struct scs_record	 r;
	struct scs_labelsel	*s;
	char			*cause;
	size_t			 i;
	int			 got;

	memset(&r, 0, sizeof r);
	r.labels = (char *)"app=web\ntier=front";
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		cause = NULL;
		s = scs_labelsel_parse(c[i].sel, &cause);
		got = s == NULL ? -1 : scs_labelsel_match(s, &r);
		is_int(got, c[i].want, "selector \"%s\"%s%s", c[i].sel,
		    cause != NULL ? ": " : "", cause != NULL ? cause : "");
		ok((s == NULL) == (cause != NULL), "selector \"%s\": an error "
		    "exactly when refused", c[i].sel);
		free(cause);
		scs_labelsel_free(s);
	}
}

/* Events about a cluster and what is under it, newest first. */
static void
test_events(void)
{
	cJSON		*evs, *c, *ms;
	const cJSON	*objs[3], *v[4], *x;
	size_t		 k = 0;

	evs = cJSON_Parse("["
	    "{\"metadata\":{\"name\":\"a\"},\"involvedObject\":"
	    "{\"kind\":\"Cluster\",\"name\":\"web\"},"
	    "\"lastTimestamp\":\"2026-12-01T08:00:00Z\"},"
	    "{\"metadata\":{\"name\":\"b\"},\"involvedObject\":"
	    "{\"kind\":\"Machine\",\"name\":\"web-md-0-x\"},"
	    "\"eventTime\":\"2026-12-01T08:30:00Z\"},"
	    "{\"metadata\":{\"name\":\"c\"},\"involvedObject\":"
	    "{\"kind\":\"OpenStackMachine\",\"name\":\"web-md-0-x\"},"
	    "\"lastTimestamp\":\"2026-12-01T08:59:00Z\"},"
	    "{\"metadata\":{\"name\":\"d\",\"creationTimestamp\":"
	    "\"2026-12-01T08:10:00Z\"},\"involvedObject\":"
	    "{\"kind\":\"KubeadmControlPlane\",\"name\":\"web-cp\"}}]");
	c = cJSON_Parse("{\"kind\":\"Cluster\",\"metadata\":{\"name\":"
	    "\"web\"},\"spec\":{\"controlPlaneRef\":{\"kind\":"
	    "\"KubeadmControlPlane\",\"name\":\"web-cp\"}}}");
	ms = cJSON_Parse("{\"kind\":\"Machine\",\"metadata\":{\"name\":"
	    "\"web-md-0-x\"}}");
	is_int((int)scs_event_time(cJSON_GetArrayItem(evs, 1)),
	    (int)scs_parse_rfc3339("2026-12-01T08:30:00Z"),
	    "event time: eventTime without lastTimestamp");
	is_int((int)scs_event_time(cJSON_GetArrayItem(evs, 3)),
	    (int)scs_parse_rfc3339("2026-12-01T08:10:00Z"),
	    "event time: creationTimestamp at last");
	objs[0] = c;
	objs[1] = scs_jpath(c, "spec.controlPlaneRef");
	objs[2] = ms;
	cJSON_ArrayForEach(x, evs) {
		if (scs_event_about(x, objs, 3))
			v[k++] = x;
	}
	is_int((int)k, 3, "about the cluster, its control plane (a ref) and "
	    "its Machine; not the OpenStackMachine of the same name");
	scs_events_sort(v, k);
	ok(k == 3 && strcmp(cJSON_GetStringValue(scs_jpath(v[0],
	    "metadata.name")), "b") == 0 && strcmp(cJSON_GetStringValue(
	    scs_jpath(v[1], "metadata.name")), "d") == 0 &&
	    strcmp(cJSON_GetStringValue(scs_jpath(v[2], "metadata.name")),
	    "a") == 0, "newest first");
	cJSON_Delete(evs);
	cJSON_Delete(c);
	cJSON_Delete(ms);
}

int
main(void)
{
	struct scs_strtab	*st = scs_strtab_new();

	ok(scs_strtab_intern(st, "abc") == scs_strtab_intern(st, "abc"),
	    "interning returns one copy");
	test_clusters(st);
	test_secret(st);
	test_other_kinds(st);
	test_capi_health();
	test_refs();
	test_conditions();
	test_labelsel();
	test_names();
	test_eol();
	test_persona();
	test_events();
	scs_strtab_free(st);
	return (tap_done());
}
