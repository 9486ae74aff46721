/*
 * test-exec.c: the plugin runner (exec.c) driven by poll(), and the
 * ExecCredential parser and KUBERNETES_EXEC_INFO builder (execcred.c).
 */
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "scs/kubeconfig.h"
#include "scs/util.h"
#include "../tap.h"

static char	*execdir;

struct run {
	enum scs_status	 start;		/* of core_exec_start */
	enum scs_status	 read;		/* first failed read, else OK */
	int		 reaped;
	int		 wstatus;
	int		 killed;	/* timed out */
	int		 group_gone;	/* after a kill: no process left */
	char		*out;
	char		*err;
	char		*cause;
	int64_t		 ms;
};

/*
 * No live process is left in process group pgid (zombies of orphans are
 * for init to reap and may linger in containers): scan /proc for up to
 * two seconds.
 */
static int
group_gone(pid_t pgid)
{
	DIR		*d;
	struct dirent	*de;
	FILE		*f;
	char		 path[300], state;
	const char	*p;
	int		 i, alive, pg, n;
	char		 line[512];

	for (i = 0; i < 200; i++) {
		if ((d = opendir("/proc")) == NULL)
			return (kill(-pgid, 0) == -1 && errno == ESRCH);
		alive = 0;
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] < '0' || de->d_name[0] > '9')
				continue;
			snprintf(path, sizeof path, "/proc/%s/stat",
			    de->d_name);
			if ((f = fopen(path, "r")) == NULL)
				continue;
			n = fgets(line, sizeof line, f) != NULL;
			fclose(f);
			/* "pid (comm) S ppid pgrp ...": comm may hold spaces. */
			if (!n || (p = strrchr(line, ')')) == NULL)
				continue;
			if (sscanf(p + 1, " %c %*d %d", &state, &pg) == 2 &&
			    pg == pgid && state != 'Z')
				alive = 1;
		}
		closedir(d);
		if (!alive)
			return (1);
		poll(NULL, 0, 10);
	}
	return (0);
}

/* Run a plugin to the end (or kill it after timeout_ms), like auth.c does
 * on the loop, but with poll() here. */
static void
run_plugin(const char *command, const char *const *args,
    const char *const *env, size_t max_out, int timeout_ms, struct run *r)
{
	struct core_exec_opts	 o;
	struct core_exec	*x;
	struct pollfd		 pfd[2];
	int64_t			 start = scs_now_ms(), left;
	nfds_t			 n;
	pid_t			 pid;
	enum scs_status		 st;

	memset(r, 0, sizeof *r);
	memset(&o, 0, sizeof o);
	o.command = command;
	o.args = args;
	o.env = env;
	o.max_stdout = max_out;
	r->start = core_exec_start(&o, &x, &r->cause);
	if (r->start != SCS_OK)
		return;
	pid = core_exec_pid(x);
	for (;;) {
		left = start + timeout_ms - scs_now_ms();
		if (left <= 0) {
			core_exec_kill(x);
			r->killed = 1;
			r->group_gone = group_gone(pid);
			break;
		}
		if (core_exec_eof(x)) {
			if (core_exec_reap(x, &r->wstatus)) {
				r->reaped = 1;
				break;
			}
			poll(NULL, 0, 5);
			continue;
		}
		n = 0;
		if (core_exec_stdout_fd(x) != -1) {
			pfd[n].fd = core_exec_stdout_fd(x);
			pfd[n++].events = POLLIN;
		}
		if (core_exec_stderr_fd(x) != -1) {
			pfd[n].fd = core_exec_stderr_fd(x);
			pfd[n++].events = POLLIN;
		}
		if (poll(pfd, n, (int)left) <= 0)
			continue;
		while (n-- > 0) {
			if (pfd[n].revents == 0)
				continue;
			st = core_exec_read(x, pfd[n].fd);
			if (st != SCS_OK && r->read == SCS_OK)
				r->read = st;
		}
		if (r->read != SCS_OK) {
			core_exec_kill(x);
			break;
		}
	}
	r->out = scs_xstrdup(core_exec_stdout(x, NULL));
	r->err = scs_xstrdup(core_exec_stderr(x, NULL));
	r->ms = scs_now_ms() - start;
	core_exec_free(x);
}

static void
run_done(struct run *r)
{
	free(r->out);
	free(r->err);
	free(r->cause);
}

static char *
script(const char *name)
{
	return (scs_xprintf("%s/%s", execdir, name));
}

static void
test_runner(void)
{
	struct run		 r;
	struct core_execcred	 c;
	char			*cmd, *cause = NULL;
	const char		*args[] = { "first", "second", NULL };
	const char		*env[] = { "PLUGIN_VAR=xyz",
				    "KUBERNETES_EXEC_INFO={\"spec\":1}", NULL };

	cmd = script("cred-token.sh");
	run_plugin(cmd, args, env, 0, 10000, &r);
	is_int(r.start, SCS_OK, "token plugin starts");
	ok(r.reaped && WIFEXITED(r.wstatus) && WEXITSTATUS(r.wstatus) == 0,
	    "token plugin exits 0");
	is_str(r.err, "{\"spec\":1}",
	    "KUBERNETES_EXEC_INFO reaches the plugin (stderr captured)");
	ok(core_execcred_parse(r.out, strlen(r.out), CORE_EXECCRED_V1, &c,
	    &cause) == SCS_OK, "its ExecCredential parses");
	is_str(c.token, "tok-first-xyz", "args and env reach the plugin");
	is_int(c.expiry, 1893553445, "expirationTimestamp");
	core_execcred_clear(&c);
	free(cause);
	cause = NULL;
	run_done(&r);
	free(cmd);

	cmd = script("cred-cert.sh");
	run_plugin(cmd, NULL, NULL, 0, 10000, &r);
	ok(r.reaped && WIFEXITED(r.wstatus) && WEXITSTATUS(r.wstatus) == 0,
	    "cert plugin exits 0");
	ok(core_execcred_parse(r.out, strlen(r.out), CORE_EXECCRED_V1BETA1,
	    &c, &cause) == SCS_OK, "v1beta1 certificate parses");
	ok(c.token == NULL && c.cert != NULL && c.key != NULL &&
	    strcmp((char *)c.cert, "-----BEGIN CERTIFICATE-----\nX\n"
	    "-----END CERTIFICATE-----\n") == 0 && c.cert_len == 56 &&
	    strcmp((char *)c.key, "-----BEGIN PRIVATE KEY-----\nY\n"
	    "-----END PRIVATE KEY-----\n") == 0, "certificate and key PEM");
	is_int(c.expiry, -1, "no expiry");
	core_execcred_clear(&c);
	ok(core_execcred_parse(r.out, strlen(r.out), CORE_EXECCRED_V1, &c,
	    &cause) == SCS_AUTH, "asked for v1, got v1beta1: refused");
	is_str(cause, "exec plugin is configured to use API version "
	    "client.authentication.k8s.io/v1, plugin returned version "
	    "client.authentication.k8s.io/v1beta1", "version mismatch text");
	free(cause);
	cause = NULL;
	run_done(&r);
	free(cmd);

	cmd = script("fail.sh");
	run_plugin(cmd, NULL, NULL, 0, 10000, &r);
	ok(r.reaped && WIFEXITED(r.wstatus) && WEXITSTATUS(r.wstatus) == 3,
	    "failing plugin: exit code 3");
	is_str(r.err, "error: login failed: bad password\nhint: run kubectl "
	    "oidc-login setup\nthird line\nfourth line\n", "stderr captured");
	is_str(r.out, "", "no stdout");
	run_done(&r);
	free(cmd);

	cmd = script("garbage.sh");
	run_plugin(cmd, NULL, NULL, 0, 10000, &r);
	ok(r.reaped && WIFEXITED(r.wstatus) && WEXITSTATUS(r.wstatus) == 0,
	    "garbage plugin exits 0");
	is_int(core_execcred_parse(r.out, strlen(r.out), CORE_EXECCRED_V1,
	    &c, &cause), SCS_AUTH, "garbage is refused");
	is_str(cause, "exec plugin printed no ExecCredential (not a JSON "
	    "object)", "garbage: message");
	free(cause);
	cause = NULL;
	run_done(&r);
	free(cmd);

	cmd = script("hang.sh");
	run_plugin(cmd, NULL, NULL, 0, 300, &r);
	ok(r.killed && !r.reaped, "hanging plugin is killed at the timeout");
	ok(r.group_gone, "its children are gone too (process group)");
	ok(r.ms < 5000, "kill is prompt (%lld ms)", (long long)r.ms);
	run_done(&r);
	free(cmd);

	cmd = script("flood.sh");
	run_plugin(cmd, NULL, NULL, 64 * 1024, 10000, &r);
	is_int(r.read, SCS_LIMIT, "flooding plugin: stdout limit");
	ok(strlen(r.out) <= 64 * 1024 && strlen(r.out) > 60 * 1024,
	    "output kept up to the limit (%zu bytes)", strlen(r.out));
	run_done(&r);
	free(cmd);

	cmd = script("stdin.sh");
	run_plugin(cmd, NULL, NULL, 0, 10000, &r);
	is_str(r.out, "stdin:eof\n", "non-interactive stdin is /dev/null");
	run_done(&r);
	free(cmd);

	/* An fd of ours without close-on-exec must not reach the plugin. */
	{
		int		 fd = open("/dev/null", O_RDONLY);
		char		 num[16], *want;
		const char	*a[] = { num, NULL };

		snprintf(num, sizeof num, "%d", fd);
		want = scs_xprintf("fd %d closed\n", fd);
		cmd = script("fds.sh");
		run_plugin(cmd, a, NULL, 0, 10000, &r);
		is_str(r.out, want, "plugin does not inherit our fds");
		free(want);
		run_done(&r);
		free(cmd);
		close(fd);
	}

	run_plugin("scs-no-such-plugin-4711", NULL, NULL, 0, 1000, &r);
	is_int(r.start, SCS_NOTFOUND, "missing command: SCS_NOTFOUND");
	is_str(r.cause, "scs-no-such-plugin-4711: command not found",
	    "missing command: message");
	run_done(&r);

	cmd = script("not-executable.sh");
	run_plugin(cmd, NULL, NULL, 0, 1000, &r);
	is_int(r.start, SCS_NOTFOUND, "not executable: SCS_NOTFOUND");
	run_done(&r);
	free(cmd);

	/* PATH lookup: "sh" without a slash. */
	{
		const char *a[] = { "-c", "echo $0 $1; echo err >&2; exit 0",
		    "x", "y", NULL };

		run_plugin("sh", a, NULL, 0, 10000, &r);
		is_str(r.out, "x y\n", "PATH lookup and argv");
		is_str(r.err, "err\n", "stderr separate from stdout");
		run_done(&r);
	}
	{
		const char *a[] = { "-c", "echo \"$HOME|$SCS_T\"", NULL };
		const char *e[] = { "HOME=/replaced", "SCS_T=a=b", NULL };

		run_plugin("sh", a, e, 0, 10000, &r);
		is_str(r.out, "/replaced|a=b\n",
		    "env entries replace and add");
		run_done(&r);
	}
	ok(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD,
	    "no child left unreaped");
}

static void
parse_is(const char *json, const char *want_cause, const char *what)
{
	struct core_execcred	 c;
	char			*cause = NULL;
	enum scs_status		 st;

	st = core_execcred_parse(json, strlen(json), CORE_EXECCRED_V1, &c,
	    &cause);
	if (want_cause == NULL) {
		ok(st == SCS_OK, "%s", what);
		if (cause != NULL)
			diag("%s", cause);
	} else {
		ok(st == SCS_AUTH && c.token == NULL && c.cert == NULL,
		    "%s: refused", what);
		is_str(cause, want_cause, "%s: message", what);
	}
	core_execcred_clear(&c);
	free(cause);
}

#define HEAD	"{\"apiVersion\":\"client.authentication.k8s.io/v1\"," \
		"\"kind\":\"ExecCredential\","

static void
test_parser(void)
{
	struct core_execcred	 c;
	char			*cause = NULL, *deep;
	size_t			 i;
	const char		*ok1 = HEAD "\"status\":{\"token\":\"abc\","
	    "\"expirationTimestamp\":\"2026-01-02T03:04:05.5+01:00\"}}";

	ok(core_execcred_parse(ok1, strlen(ok1), CORE_EXECCRED_V1, &c,
	    &cause) == SCS_OK, "token with offset expiry");
	is_str(c.token, "abc", "token");
	is_int(c.expiry, 1767319445, "expiry with fraction and offset");
	core_execcred_clear(&c);
	ok(c.token == NULL && c.expiry == -1, "clear resets");

	parse_is(HEAD "\"status\":{\"token\":\"t\",\"clientCertificateData\":"
	    "\"C\",\"clientKeyData\":\"K\"}}", NULL, "token and cert together");
	parse_is(HEAD "\"status\":{\"clientCertificateData\":\"C\"}}",
	    "exec plugin returned a bad ExecCredential: only one of "
	    "clientCertificateData and clientKeyData is set (both or "
	    "neither)", "cert without key");
	parse_is(HEAD "\"status\":{\"token\":\"t\",\"clientKeyData\":\"K\"}}",
	    "exec plugin returned a bad ExecCredential: only one of "
	    "clientCertificateData and clientKeyData is set (both or "
	    "neither)", "key without cert");
	parse_is(HEAD "\"status\":{}}", "exec plugin returned a bad "
	    "ExecCredential: neither a token nor a client certificate",
	    "empty status");
	parse_is(HEAD "\"status\":{\"token\":\"\"}}", "exec plugin returned "
	    "a bad ExecCredential: neither a token nor a client certificate",
	    "empty token");
	parse_is(HEAD "\"spec\":{}}", "exec plugin returned a bad "
	    "ExecCredential: no status object", "no status");
	parse_is(HEAD "\"status\":{\"token\":5}}", "exec plugin returned a "
	    "bad ExecCredential: a status field is not a string",
	    "token not a string");
	parse_is(HEAD "\"status\":{\"token\":\"t\",\"expirationTimestamp\":"
	    "\"tomorrow\"}}", "exec plugin returned a bad ExecCredential: "
	    "expirationTimestamp is not RFC 3339", "bad expiry");
	parse_is("{\"apiVersion\":\"client.authentication.k8s.io/v1\","
	    "\"kind\":\"Secret\",\"status\":{\"token\":\"t\"}}",
	    "exec plugin returned a bad ExecCredential: kind is not "
	    "ExecCredential", "wrong kind");
	parse_is("{\"kind\":\"ExecCredential\",\"status\":{\"token\":\"t\"}}",
	    "exec plugin is configured to use API version "
	    "client.authentication.k8s.io/v1, plugin returned version (none)",
	    "no apiVersion");
	parse_is("[1,2]", "exec plugin printed no ExecCredential (not a JSON "
	    "object)", "array");
	parse_is(HEAD "\"status\":{\"token\":\"t\"}", "exec plugin printed "
	    "no ExecCredential (not a JSON object)", "truncated");
	ok(core_execcred_parse("", 0, CORE_EXECCRED_V1, &c, &cause) ==
	    SCS_AUTH, "empty output refused");
	is_str(cause, "exec plugin printed nothing", "empty output: message");
	free(cause);

	deep = scs_xmalloc(2001);
	for (i = 0; i < 1000; i++) {
		deep[i] = '[';
		deep[1000 + i] = ']';
	}
	deep[2000] = '\0';
	parse_is(deep, "exec plugin printed no ExecCredential (not a JSON "
	    "object)", "deep nesting");
	free(deep);
}

static void
test_info(void)
{
	struct scs_target	t;
	struct scs_exec_spec	x;
	char			*s;

	memset(&t, 0, sizeof t);
	memset(&x, 0, sizeof x);
	x.command = (char *)"p";
	x.api_version = (char *)CORE_EXECCRED_V1;
	t.exec = &x;
	t.server = (char *)"https://k:6443";
	t.ca = (unsigned char *)"CA-DATA";
	t.ca_len = 7;

	s = core_execcred_info(&t, 0);
	is_str(s, "{\"apiVersion\":\"client.authentication.k8s.io/v1\","
	    "\"kind\":\"ExecCredential\",\"spec\":{\"interactive\":false}}",
	    "info without cluster");
	free(s);

	x.provide_cluster_info = 1;
	x.cluster_config_json = (char *)"{\"audience\":\"scs\",\"n\":1}";
	x.api_version = (char *)CORE_EXECCRED_V1BETA1;
	t.tls_server_name = (char *)"api.internal";
	t.proxy_url = (char *)"http://proxy:3128";
	t.insecure = 1;
	t.disable_compression = 1;
	s = core_execcred_info(&t, 1);
	is_str(s, "{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\","
	    "\"kind\":\"ExecCredential\",\"spec\":{\"cluster\":{"
	    "\"server\":\"https://k:6443\",\"tls-server-name\":"
	    "\"api.internal\",\"insecure-skip-tls-verify\":true,"
	    "\"certificate-authority-data\":\"Q0EtREFUQQ==\","
	    "\"proxy-url\":\"http://proxy:3128\",\"disable-compression\":true,"
	    "\"config\":{\"audience\":\"scs\",\"n\":1}},"
	    "\"interactive\":true}}", "info with cluster and config");
	free(s);
}

int
main(void)
{
	const char	*src = getenv("SCS_SRCDIR");

	if (src == NULL)
		skip_all("SCS_SRCDIR not set");
	execdir = scs_xprintf("%s/tests/data/exec", src);
	test_runner();
	test_parser();
	test_info();
	free(execdir);
	return (tap_done());
}
