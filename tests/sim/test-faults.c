/*
 * test-faults.c: the store against a simulator that misbehaves (issue 8).
 * One table row per fault: the faults the simulator starts with and/or
 * those set at run time through /sim/faults once the stores synced.
 * Each row: no crash, the stores recover by themselves (no refresh) and
 * converge to the server's state after writes made during the fault
 * (compared, names and resourceVersions, with a fresh list); some rows
 * also want a state seen on the way (BACKOFF with a timeout message
 * while the server hangs, RESYNCING after a 410) or resourceVersions
 * lower than before (a restart renumbered them, so the store relisted).
 * Then TLS problems (wrong CA, a CA of the same name, wrong host name:
 * the message must name the problem), a 429 retried after Retry-After,
 * and an expired token renewed by an exec plugin (the server's 401, or
 * the credential's own expirationTimestamp).
 *
 * test-faults [ROW-SUBSTRING | tls | retry | exec] runs a part.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "simenv.h"

struct fault_case {
	const char	*label;
	const char	*start;		/* --faults at start, or NULL */
	const char	*runtime;	/* set through /sim/faults after sync */
	const char	*scenario;	/* NULL = demo */
	int		 clusters;	/* scale: how many */
	long		 timeout_ms;	/* api timeout; 0 = default */
	int		 late_store;	/* start the secrets store after runtime */
	int		 want_state;	/* a state to see meanwhile, or -1 */
	const char	*want_msg;	/* ... with this in its message */
	int		 rv_reset;	/* resourceVersions must go down */
	int		 once;		/* clear the runtime faults after the
					 * first write */
	long		 settle_ms;	/* run this long after setting them */
	int		 calm;		/* no store may go to BACKOFF */
	long		 hold_ms;	/* once: the fault lasts this long
					 * after the first write (700) */
	const char	*todo;		/* a known gap: checks are TODO */
};

static const struct fault_case cases[] = {
	{ .label = "connection dropped mid-list", .start = "cut-list-every=2",
	    .want_state = -1 },
	{ .label = "connection dropped mid-watch",
	    .runtime = "drop-watch-after=1", .once = 1,
	    .want_state = SCS_STORE_BACKOFF },
	{ .label = "connections dropped before answering",
	    .start = "drop-every=5", .want_state = -1 },
	{ .label = "watch 410 Gone",
	    .runtime = "drop-watch-after=1,watch-410-every=1,slow=200",
	    .once = 1, .want_state = SCS_STORE_RESYNCING },
	/* The store pages only in a consistent relist on a server without
	 * streaming lists (after a 410: docs/loading.md); 600 clusters are
	 * two pages. */
	{ .label = "continue token expired", .start = "no-watch-list",
	    .runtime = "drop-watch-after=1,watch-410-every=1,"
	    "expire-continue=1", .once = 1, .hold_ms = 2000, .scenario = "scale",
	    .clusters = 600, .want_state = SCS_STORE_RESYNCING },
	{ .label = "every continue token expired", .start = "no-watch-list",
	    .runtime = "drop-watch-after=1,watch-410-every=1,expire-continue",
	    .once = 1, .hold_ms = 2000, .scenario = "scale", .clusters = 600,
	    .want_state = SCS_STORE_RESYNCING },
	{ .label = "429 with Retry-After", .start = "429-every=9:retry=1",
	    .want_state = -1 },
	{ .label = "500 burst", .start = "500-burst=6",
	    .runtime = "500-burst=5", .late_store = 1,
	    .want_state = SCS_STORE_BACKOFF },
	{ .label = "server stops answering",
	    .runtime = "hang-after=0:for=2000", .timeout_ms = 600,
	    .late_store = 1, .want_state = SCS_STORE_BACKOFF,
	    .want_msg = "timeout" },
	{ .label = "every 3rd request never answered",
	    .runtime = "hang-every=3", .timeout_ms = 600, .late_store = 1,
	    .want_state = -1 },
	{ .label = "a quiet watch outlives the request timeout",
	    .timeout_ms = 600, .settle_ms = 2500, .want_state = -1,
	    .calm = 1 },
	{ .label = "server restart, resourceVersions reset",
	    .runtime = "restart-after=100", .settle_ms = 600, .rv_reset = 1,
	    .want_state = -1 },
	{ .label = "server restart with downtime",
	    .runtime = "restart-after=100:down=1500", .timeout_ms = 600,
	    .late_store = 1, .settle_ms = 300, .rv_reset = 1,
	    .want_state = SCS_STORE_BACKOFF },
};

static cJSON *
new_cluster(const char *ns, const char *name)
{
	char	 buf[1024];

	snprintf(buf, sizeof buf,
	    "{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\",\"kind\":\"Cluster\","
	    "\"metadata\":{\"name\":\"%s\",\"namespace\":\"%s\"},\"spec\":"
	    "{\"topology\":{\"classRef\":{\"name\":\"openstack-scs2-1-36-v1\"},"
	    "\"version\":\"v1.36.2\",\"controlPlane\":{\"replicas\":1},"
	    "\"workers\":{\"machineDeployments\":[{\"class\":"
	    "\"default-worker\",\"name\":\"md-0\",\"replicas\":1}]}}}}",
	    name, ns);
	return (cJSON_Parse(buf));
}

/* A write tried again through faults; 1 when the server took it (or
 * had it already: 409 on create, 404 on delete). */
static int
write_retry(struct env *e, struct scs_api *a, const struct scs_resource *r,
    const char *verb, const char *ns, const char *name, const cJSON *obj)
{
	struct res	 x;
	int		 i, ok_ = 0;

	for (i = 0; i < 40 && !ok_; i++) {
		memset(&x, 0, sizeof x);
		if (strcmp(verb, "create") == 0)
			scs_api_create(a, r, ns, obj, 0, on_result, &x);
		else if (strcmp(verb, "patch") == 0)
			scs_api_patch(a, r, ns, name, obj, 0, on_result, &x);
		else
			scs_api_delete(a, r, ns, name, NULL, 0, on_result, &x);
		wait_call(e->http, &x);
		if (x.status == SCS_OK || (strcmp(verb, "create") == 0 &&
		    x.code == 409) || (strcmp(verb, "delete") == 0 &&
		    x.code == 404))
			ok_ = 1;
		else if (!transient(&x)) {
			diag("%s %s: %s", verb, name, x.message);
			res_clear(&x);
			return (0);
		}
		res_clear(&x);
		if (!ok_)
			run_for(e->http, 100);
	}
	return (ok_);
}

/* Highest resourceVersion in a store. */
static unsigned long long
max_rv(struct scs_store *s)
{
	const struct scs_index	*ix = scs_store_index(s);
	unsigned long long	 m = 0, v;
	size_t			 i;

	for (i = 0; i < scs_index_count(ix); i++) {
		v = strtoull(scs_index_at(ix, i)->rv, NULL, 10);
		if (v > m)
			m = v;
	}
	return (m);
}

struct seen {
	int		 want;
	const char	*msg;
	int		 hit;
	int		 backoffs;	/* times a store went to BACKOFF */
	char		 last[256];
};

static void
on_store(struct scs_store *s, void *arg)
{
	struct seen	*w = arg;
	const char	*m;
	enum scs_store_state st = scs_store_state(s, &m);

	if (st == SCS_STORE_BACKOFF)
		w->backoffs++;
	if ((int)st == w->want && (w->msg == NULL || strstr(m, w->msg) !=
	    NULL)) {
		w->hit = 1;
		snprintf(w->last, sizeof w->last, "%s", m);
	}
}

/* A known gap: reported as TODO (expected to fail), not a failure. */
static void __attribute__((format(printf, 3, 4)))
todo(int cond, const char *why, const char *fmt, ...)
{
	va_list	 ap;

	tap_n++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # TODO %s\n", why);
	fflush(stdout);
}

/* ok(); in a row with a known gap, a failure is a todo() (a pass stays
 * a plain ok: meson counts "ok # TODO" as an unexpected pass). */
static int __attribute__((format(printf, 3, 4)))
check(const struct fault_case *fc, int cond, const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (fc->todo != NULL && !cond) {
		todo(cond, fc->todo, "%s", buf);
		return (1);
	}
	return (ok(cond, "%s", buf));
}

static void
run_case(const struct fault_case *fc)
{
	struct env			 e;
	struct scs_sim_opts		 o;
	struct scs_api			*a, *admin;
	const struct scs_resource	*cl, *sec;
	struct scs_store		*sc, *ss = NULL;
	struct seen			 seen;
	char				 why[256], name[64];
	const char			*ns;
	unsigned long long		 rv_before = 0;
	cJSON				*obj;
	int				 i, good = 1;
	int64_t				 t0 = scs_now_ms();

	memset(&o, 0, sizeof o);
	o.scenario = fc->scenario;
	o.faults = fc->start;
	o.clusters = fc->clusters;
	o.namespaces = 5;
	o.classes = 5;
	o.secrets = 50;
	if (env_start_opts(&e, &o) != 0) {
		ok(0, "%s: simulator starts", fc->label);
		return;
	}
	ns = fc->scenario != NULL ? "tenant-000" : "tenant-c";
	a = api_for(&e, "csp-admin", fc->timeout_ms);
	/* Writes and /sim/faults on an api of their own, so the stores'
	 * requests are the only ones the store api makes. */
	admin = api_for(&e, "csp-admin", fc->timeout_ms);
	if (a == NULL || admin == NULL || discover_retry(&e, a) != 0 ||
	    discover_retry(&e, admin) != 0) {
		ok(0, "%s: discovery", fc->label);
		goto out;
	}
	cl = scs_discovery_find(scs_api_discovery(a),
	    "clusters.cluster.x-k8s.io");
	sec = scs_discovery_find(scs_api_discovery(a), "secrets");
	memset(&seen, 0, sizeof seen);
	seen.want = fc->want_state;
	seen.msg = fc->want_msg;
	sc = scs_store_new(a, cl, NULL, NULL);
	scs_store_subscribe(sc, on_store, &seen);
	if (!fc->late_store) {
		ss = scs_store_new(a, sec, NULL, NULL);
		scs_store_subscribe(ss, on_store, &seen);
	}
	good &= check(fc, wait_converged(&e, admin, sc, fc->todo != NULL ?
	    1500 : 20000, why, sizeof why), "%s: clusters synced (%s)",
	    fc->label, why);
	rv_before = max_rv(sc);
	if (fc->runtime != NULL)
		good &= check(fc, set_faults(&e, admin, fc->runtime),
		    "%s: set %s", fc->label, fc->runtime);
	if (fc->settle_ms > 0)
		run_for(e.http, fc->settle_ms);
	if (fc->late_store) {
		ss = scs_store_new(a, sec, NULL, NULL);
		scs_store_subscribe(ss, on_store, &seen);
	}
	/* Writes while the fault lasts: each must reach the stores. */
	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof name, "f%d", i);
		obj = new_cluster(ns, name);
		good &= check(fc, write_retry(&e, admin, cl, "create", ns, name, obj),
		    "%s: create %s", fc->label, name);
		cJSON_Delete(obj);
		if (i == 0 && fc->once) {
			/* Long enough for the store to meet the fault. */
			run_for(e.http, fc->hold_ms > 0 ? fc->hold_ms : 700);
			good &= check(fc, set_faults(&e, admin, ""), "%s: faults "
			    "cleared", fc->label);
		}
	}
	obj = cJSON_Parse("{\"metadata\":{\"labels\":{\"touched\":\"yes\"}}}");
	good &= check(fc, write_retry(&e, admin, cl, "patch", ns, "f1", obj),
	    "%s: patch f1", fc->label);
	cJSON_Delete(obj);
	good &= check(fc, write_retry(&e, admin, sec, "delete", ns, ns[7] == '0' ?
	    "secret-00000" : "openstack", NULL), "%s: delete a secret",
	    fc->label);

	good &= check(fc, wait_converged(&e, admin, sc, fc->todo != NULL ?
	    1500 : 25000, why, sizeof why),
	    "%s: clusters converge (%s)", fc->label, why);
	good &= check(fc, wait_converged(&e, admin, ss, fc->todo != NULL ?
	    1500 : 15000, why, sizeof why),
	    "%s: secrets converge (%s)", fc->label, why);
	good &= check(fc, scs_index_find(scs_store_index(sc), ns, "f2") != NULL,
	    "%s: the store has a cluster created during the fault",
	    fc->label);
	if (fc->want_state >= 0)
		good &= check(fc, seen.hit, "%s: went through state %s%s%s (%s)",
		    fc->label, scs_store_state_name(
		    (enum scs_store_state)fc->want_state), fc->want_msg != NULL ?
		    " with " : "", fc->want_msg != NULL ? fc->want_msg : "",
		    seen.last);
	if (fc->calm)
		good &= check(fc, seen.backoffs == 0, "%s: no store backed "
		    "off (%d times)", fc->label, seen.backoffs);
	if (fc->rv_reset)
		good &= check(fc, max_rv(sc) < rv_before, "%s: resourceVersions went "
		    "down (%llu -> %llu): the store relisted", fc->label,
		    rv_before, max_rv(sc));
	diag("%s: %s in %lld ms", fc->label, good ? "passed" : "FAILED",
	    (long long)(scs_now_ms() - t0));
	scs_store_free(sc);
	scs_store_free(ss);
out:
	scs_api_free(a);
	scs_api_free(admin);
	env_stop(&e);
}

/* --- TLS ---------------------------------------------------------- */

/* e's kubeconfig with its CA replaced by ca_pem, or with a
 * tls-server-name. */
static char *
kubeconfig_variant(struct env *e, const char *ca_pem, const char *server_name)
{
	char	*text = e->kctext, *p, *nl, *b64, *out;

	p = strstr(text, "    certificate-authority-data: ");
	if (p == NULL)
		return (scs_xstrdup(text));
	if (ca_pem == NULL)
		return (scs_xprintf("%.*s    tls-server-name: %s\n%s",
		    (int)(p - text), text, server_name, p));
	nl = strchr(p, '\n');
	b64 = scs_base64_encode(ca_pem, strlen(ca_pem));
	out = scs_xprintf("%.*s    certificate-authority-data: %s%s",
	    (int)(p - text), text, b64, nl);
	free(b64);
	return (out);
}

static char *
read_text(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	 buf[8192];
	size_t	 n;

	if (f == NULL)
		return (NULL);
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return (scs_xstrdup(buf));
}

/* GET /version with kubeconfig text; the result in *x. */
static void
tls_try(struct env *e, const char *text, struct res *x)
{
	struct scs_api	*a = api_from(e, text, "tenant-a", 0);

	memset(x, 0, sizeof *x);
	if (a == NULL)
		return;
	scs_api_raw(a, "GET", "/version", NULL, NULL, 0, on_result, x);
	wait_call(e->http, x);
	scs_api_free(a);
}

static void
test_tls(void)
{
	struct env	 e, other;
	struct res	 x;
	char		*text, *pem, path[4096], *p;
	const char	*src = getenv("SCS_SRCDIR");

	if (env_start(&e, "empty", NULL, 0) != 0 ||
	    env_start(&other, "empty", NULL, 0) != 0) {
		ok(0, "two simulators");
		return;
	}

	/* A CA that did not sign the server's certificate. */
	snprintf(path, sizeof path, "%s/tests/data/tls/other-ca.pem",
	    src != NULL ? src : ".");
	pem = read_text(path);
	text = kubeconfig_variant(&e, pem != NULL ? pem : "", NULL);
	tls_try(&e, text, &x);
	is_int(x.status, SCS_TLS, "wrong CA: a TLS error");
	ok(strstr(x.message, "certificate verify failed") != NULL &&
	    strstr(x.message, "issuer") != NULL,
	    "wrong CA: the message says the issuer is unknown: %s", x.message);
	res_clear(&x);
	scs_free_secret(text);
	free(pem);

	/*
	 * Another CA with the same name (every kubeadm CA is CN=kubernetes;
	 * here: the CA of another simulator, or of this one before it was
	 * started again). OpenSSL checks the signature with the wrong key.
	 */
	p = strstr(other.kctext, "certificate-authority-data: ");
	pem = NULL;
	if (p != NULL) {
		unsigned char	*raw;
		size_t		 len;

		p += strlen("certificate-authority-data: ");
		if (scs_base64_decode(p, strcspn(p, "\n"), &raw, &len) ==
		    SCS_OK)
			pem = (char *)raw;
	}
	text = kubeconfig_variant(&e, pem != NULL ? pem : "", NULL);
	tls_try(&e, text, &x);
	is_int(x.status, SCS_TLS, "CA of the same name: a TLS error");
	ok(strstr(x.message, "certificate verify failed") != NULL &&
	    strstr(x.message, "CA") != NULL, "CA of the same name: the "
	    "message says the certificate does not verify against the CA: %s",
	    x.message);
	res_clear(&x);
	scs_free_secret(text);
	free(pem);

	text = kubeconfig_variant(&e, NULL, "wrong.example.com");
	tls_try(&e, text, &x);
	is_int(x.status, SCS_TLS, "wrong host name: a TLS error");
	ok(strstr(x.message, "wrong.example.com") != NULL &&
	    strstr(x.message, "name") != NULL,
	    "wrong host name: the message names the host: %s", x.message);
	res_clear(&x);
	scs_free_secret(text);
	env_stop(&other);
	env_stop(&e);
}

/* --- an expired token, renewed by an exec plugin ------------------- */

static int
count_lines(const char *path)
{
	FILE	*f = fopen(path, "r");
	int	 n = 0, ch;

	if (f == NULL)
		return (0);
	while ((ch = fgetc(f)) != EOF)
		n += ch == '\n';
	fclose(f);
	return (n);
}

static void
test_exec_expiry(int honest)
{
	struct env			 e;
	struct scs_api			*a, *admin;
	const struct scs_resource	*cl;
	struct scs_store		*s;
	const char			*src = getenv("SCS_SRCDIR");
	const char			*what = honest ? "expirationTimestamp" :
					    "401";
	char				*text, *tok, *p, *q, why[256];
	char				 count[64];
	cJSON				*obj;
	int				 runs;

	if (env_start(&e, "demo", NULL, 0) != 0) {
		ok(0, "simulator");
		return;
	}
	snprintf(count, sizeof count, "/tmp/scs-exec-count.%ld.%d",
	    (long)getpid(), honest);
	unlink(count);
	p = strstr(e.kctext, "- name: tenant-b\n  user:\n    token: ");
	p += strlen("- name: tenant-b\n  user:\n    token: ");
	q = strchr(p, '\n');
	tok = scs_xstrndup(p, (size_t)(q - p));
	q = strstr(e.kctext, "contexts:");
	text = scs_xprintf("%.*scontexts:\n- name: x\n  context:\n    cluster: "
	    "scs-sim\n    user: x\n    namespace: tenant-b\n"
	    "current-context: x\nusers:\n- name: x\n"
	    "  user:\n    exec:\n      apiVersion: client.authentication.k8s.io"
	    "/v1\n      command: %s/tests/data/exec-sim/expiring-token.sh\n"
	    "      interactiveMode: Never\n      env:\n"
	    "      - name: SIM_TOKEN\n        value: %s\n"
	    "      - name: SIM_TTL\n        value: \"2\"\n"
	    "      - name: SIM_HONEST\n        value: \"%d\"\n"
	    "      - name: SIM_COUNT\n        value: %s\n",
	    (int)(q - e.kctext), e.kctext, src != NULL ? src : ".", tok,
	    honest, count);
	scs_free_secret(tok);
	a = api_from(&e, text, NULL, 0);
	admin = api_for(&e, "csp-admin", 0);
	if (a == NULL || admin == NULL || discover_retry(&e, a) != 0 ||
	    discover_retry(&e, admin) != 0) {
		ok(0, "exec (%s): discovery", what);
		goto out;
	}
	cl = scs_discovery_find(scs_api_discovery(a),
	    "clusters.cluster.x-k8s.io");
	s = scs_store_new(a, cl, "tenant-b", NULL);
	ok(wait_converged(&e, admin, s, 15000, why, sizeof why),
	    "exec (%s): store synced with the plugin's token (%s)", what, why);
	runs = count_lines(count);
	/* Let the token expire, then make the store reconnect: the watch
	 * is dropped at its next event. */
	run_for(e.http, 2100);
	set_faults(&e, admin, "drop-watch-after=1");
	obj = new_cluster("tenant-b", "after-expiry");
	ok(write_retry(&e, admin, cl, "create", "tenant-b", "after-expiry",
	    obj), "exec (%s): create a cluster", what);
	cJSON_Delete(obj);
	run_for(e.http, 700);
	set_faults(&e, admin, "");
	ok(wait_converged(&e, admin, s, 15000, why, sizeof why) &&
	    scs_index_find(scs_store_index(s), "tenant-b", "after-expiry") !=
	    NULL, "exec (%s): the store converges after the token expired "
	    "(%s)", what, why);
	ok(count_lines(count) > runs, "exec (%s): the plugin ran again "
	    "(%d -> %d runs)", what, runs, count_lines(count));
	scs_store_free(s);
out:
	unlink(count);
	scs_api_free(a);
	scs_api_free(admin);
	scs_free_secret(text);
	env_stop(&e);
}

/* A 429 is retried after the server's Retry-After, not sooner. */
static void
test_retry_after(void)
{
	struct env	 e;
	struct scs_api	*a;
	struct res	 x;
	int64_t		 t0;

	if (env_start(&e, "empty", "429-every=2:retry=1", 0) != 0) {
		ok(0, "simulator");
		return;
	}
	a = api_for(&e, "csp-admin", 0);
	memset(&x, 0, sizeof x);
	scs_api_raw(a, "GET", "/version", NULL, NULL, 0, on_result, &x);
	wait_call(e.http, &x);
	res_clear(&x);
	t0 = scs_now_ms();
	scs_api_raw(a, "GET", "/version", NULL, NULL, 0, on_result, &x);
	wait_call(e.http, &x);
	ok(x.status == SCS_OK && scs_now_ms() - t0 >= 950, "429 with "
	    "Retry-After: 1 retried after %lld ms", (long long)(scs_now_ms() -
	    t0));
	res_clear(&x);
	scs_api_free(a);
	env_stop(&e);
}

int
main(int argc, char **argv)
{
	size_t	 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* test-faults [LABEL-SUBSTRING]: run some rows only. */
		if (argc > 1 && strstr(cases[i].label, argv[1]) == NULL)
			continue;
		run_case(&cases[i]);
	}
	if (argc > 1 && strcmp(argv[1], "tls") != 0 &&
	    strcmp(argv[1], "exec") != 0 && strcmp(argv[1], "retry") != 0)
		return (tap_done());
	if (argc == 1 || strcmp(argv[1], "tls") == 0)
		test_tls();
	if (argc == 1 || strcmp(argv[1], "retry") == 0)
		test_retry_after();
	if (argc == 1 || strcmp(argv[1], "exec") == 0) {
		test_exec_expiry(0);
		test_exec_expiry(1);
	}
	return (tap_done());
}
