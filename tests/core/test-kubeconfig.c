/*
 * test-kubeconfig.c: loading, merging and resolving kubeconfig files,
 * with the exact places of errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/kubeconfig.h"
#include "scs/log.h"
#include "scs/util.h"
#include "../tap.h"

static char	*datadir;

static char *
data(const char *rel)
{
	return (scs_xprintf("%s/%s", datadir, rel));
}

/* Load the files (names relative to datadir), merged in order. */
static struct scs_kubeconfig *
load(const char *a, const char *b, const char *c)
{
	const char		*rel[3] = { a, b, c };
	char			*paths[3];
	struct scs_kubeconfig	*kc = NULL;
	char			*cause = NULL;
	size_t			 n = 0, i;

	for (i = 0; i < 3 && rel[i] != NULL; i++)
		paths[n++] = data(rel[i]);
	if (scs_kubeconfig_load_files((const char *const *)paths, n, &kc,
	    &cause) != SCS_OK) {
		diag("load: %s", cause);
		free(cause);
	}
	for (i = 0; i < n; i++)
		free(paths[i]);
	return (kc);
}

static struct scs_target *
resolve(const struct scs_kubeconfig *kc, const char *ctx)
{
	struct scs_target	*t = NULL;
	char			*cause = NULL;

	if (kc == NULL)
		return (NULL);
	if (scs_kubeconfig_resolve(kc, ctx, &t, &cause) != SCS_OK) {
		diag("resolve %s: %s", ctx ? ctx : "(current)", cause);
		free(cause);
	}
	return (t);
}

/* The error of loading rel, or of resolving ctx in it; "FILE" stands for
 * the path. Caller frees. */
static char *
error_of(const char *rel, const char *ctx, enum scs_status *stp)
{
	struct scs_kubeconfig	*kc = NULL;
	struct scs_target	*t = NULL;
	char			*path, *cause = NULL, *out, *p;
	enum scs_status		 st;

	path = data(rel);
	st = scs_kubeconfig_load_files((const char *const *)&path, 1, &kc,
	    &cause);
	if (st == SCS_OK) {
		st = scs_kubeconfig_resolve(kc, ctx, &t, &cause);
		scs_target_free(t);
		scs_kubeconfig_free(kc);
	}
	if (stp != NULL)
		*stp = st;
	if (cause == NULL) {
		free(path);
		return (scs_xstrdup("(no error)"));
	}
	if ((p = strstr(cause, path)) != NULL)
		out = scs_xprintf("%.*sFILE%s", (int)(p - cause), cause,
		    p + strlen(path));
	else
		out = scs_xstrdup(cause);
	free(cause);
	free(path);
	return (out);
}

static void
check_error(const char *rel, const char *ctx, enum scs_status want_st,
    const char *want)
{
	enum scs_status	 st;
	char		*e;

	e = error_of(rel, ctx, &st);
	is_str(e, want, "%s%s%s: error text", rel, ctx ? " " : "",
	    ctx ? ctx : "");
	is_int(st, want_st, "%s: status %s", rel, scs_status_name(want_st));
	free(e);
}

static int
blob_is(const unsigned char *p, size_t len, const char *want)
{
	return (p != NULL && len == strlen(want) && memcmp(p, want, len) == 0 &&
	    p[len] == '\0');
}

static void
test_merge(void)
{
	struct scs_kubeconfig	*kc;
	struct scs_target	*t;
	char			*ca_a;

	/* Two files: first wins. */
	kc = load("a.yaml", "sub/b.yaml", NULL);
	ok(kc != NULL, "merge a+b loads");
	if (kc == NULL)
		return;
	is_str(scs_kubeconfig_current_context(kc), "ctx-a",
	    "first current-context wins");
	is_int(scs_kubeconfig_ncontexts(kc), 3, "contexts: a's two + ctx-b");
	is_str(scs_kubeconfig_context(kc, 0), "ctx-a", "context order 0");
	is_str(scs_kubeconfig_context(kc, 1), "ctx-shared", "context order 1");
	is_str(scs_kubeconfig_context(kc, 2), "ctx-b", "context order 2");
	ok(scs_kubeconfig_context(kc, 3) == NULL, "NULL past the end");
	ca_a = data("a.yaml");
	is_str(scs_kubeconfig_context_file(kc, "ctx-shared"), ca_a,
	    "ctx-shared comes from a.yaml");
	free(ca_a);

	t = resolve(kc, NULL);
	ok(t != NULL, "resolve current context");
	if (t != NULL) {
		is_str(t->context, "ctx-a", "context name");
		is_str(t->server, "https://a.example:6443", "server");
		is_str(t->namespace, "ns-a", "namespace from context");
		ok(blob_is(t->ca, t->ca_len, "CA-A\n"),
		    "relative certificate-authority read from a's dir");
		is_str(t->token, "token-a-123456", "token");
	}
	scs_target_free(t);

	t = resolve(kc, "ctx-shared");
	if (t != NULL) {
		is_str(t->server, "https://a-shared.example",
		    "shared cluster from a.yaml");
		is_int(t->insecure, 0, "b's insecure not merged into a's cluster");
		is_str(t->token, "token-from-a-1", "shared user from a.yaml");
		ok(t->username == NULL && t->password == NULL,
		    "b's username/password not merged into a's user");
		is_str(t->namespace, "default", "namespace default");
	} else
		ok(0, "resolve ctx-shared");
	scs_target_free(t);

	t = resolve(kc, "ctx-b");
	if (t != NULL) {
		ok(blob_is(t->ca, t->ca_len, "CA-B\n"),
		    "b's relative CA read from b's dir");
		is_str(t->token, "token-from-a-1",
		    "ctx-b's user is a's shared-user (first wins)");
		ok(t->username == NULL, "and not b's");
	} else
		ok(0, "resolve ctx-b");
	scs_target_free(t);
	scs_kubeconfig_free(kc);

	/* The other order. */
	kc = load("sub/b.yaml", "a.yaml", NULL);
	if (kc != NULL) {
		is_str(scs_kubeconfig_current_context(kc), "ctx-b",
		    "b first: its current-context wins");
		t = resolve(kc, "ctx-shared");
		if (t != NULL) {
			is_str(t->server, "https://b.example",
			    "b first: b's ctx-shared (cluster c2)");
			is_str(t->namespace, "from-b", "b's namespace");
			is_str(t->username, "bob", "b's shared-user");
			ok(t->token == NULL, "a's token not merged in");
		} else
			ok(0, "resolve ctx-shared (b first)");
		scs_target_free(t);
	} else
		ok(0, "merge b+a loads");
	scs_kubeconfig_free(kc);

	/* Three files. */
	kc = load("a.yaml", "sub/b.yaml", "c/c.yaml");
	if (kc != NULL) {
		is_str(scs_kubeconfig_current_context(kc), "ctx-a",
		    "three files: first current-context");
		is_int(scs_kubeconfig_ncontexts(kc), 4, "three files: 4 contexts");
		t = resolve(kc, "ctx-c");
		if (t != NULL) {
			ok(blob_is(t->ca, t->ca_len, "CA-C\n"),
			    "c's ./ca-c.crt read from c's dir");
			is_str(t->namespace, "ns-c", "c's namespace");
			ok(t->user_name == NULL && t->token == NULL,
			    "context without user: no credentials");
		} else
			ok(0, "resolve ctx-c");
		scs_target_free(t);
		t = resolve(kc, "ctx-a");
		if (t != NULL)
			is_str(t->namespace, "ns-a", "c's ctx-a loses");
		else
			ok(0, "resolve ctx-a (three files)");
		scs_target_free(t);
	} else
		ok(0, "merge a+b+c loads");
	scs_kubeconfig_free(kc);
}

static void
test_auth_forms(void)
{
	struct scs_kubeconfig	*kc;
	struct scs_target	*t, *d;
	struct scs_exec_spec	*x;
	char			*p;

	kc = load("auth.yaml", NULL, NULL);
	ok(kc != NULL, "auth.yaml loads");
	if (kc == NULL)
		return;
	is_int(scs_kubeconfig_ncontexts(kc), 19, "auth.yaml contexts");
	ok(scs_kubeconfig_current_context(kc) == NULL, "no current-context");

	t = resolve(kc, "token");
	if (t != NULL) {
		is_str(t->server, "https://main.example:6443/prefix", "server");
		ok(blob_is(t->ca, t->ca_len, "CA-DATA"),
		    "certificate-authority-data wins over the file");
		is_str(t->tls_server_name, "api.internal", "tls-server-name");
		is_str(t->proxy_url, "http://proxy.example:3128", "proxy-url");
		is_int(t->disable_compression, 1, "disable-compression");
		is_int(t->insecure, 0, "not insecure");
		is_str(t->token, "static-token-1234", "static token");
		ok(t->token_file == NULL && t->exec == NULL &&
		    t->client_cert == NULL && t->username == NULL,
		    "nothing else");
		ok(t->as == NULL && t->as_groups == NULL && t->as_extra ==
		    NULL, "no impersonation");
	} else
		ok(0, "resolve token");
	scs_target_free(t);

	t = resolve(kc, "tokenfile");
	p = data("token.txt");
	if (t != NULL) {
		is_str(t->token_file, p, "tokenFile resolved against the dir");
		ok(t->token == NULL, "tokenFile: no token yet");
	} else
		ok(0, "resolve tokenfile");
	free(p);
	scs_target_free(t);

	t = resolve(kc, "cert-data");
	if (t != NULL) {
		ok(blob_is(t->client_cert, t->client_cert_len, "CERT-DATA"),
		    "client-certificate-data decoded");
		ok(blob_is(t->client_key, t->client_key_len, "KEY-DATA"),
		    "client-key-data decoded");
	} else
		ok(0, "resolve cert-data");
	scs_target_free(t);

	t = resolve(kc, "cert-file-ok");
	if (t != NULL) {
		ok(blob_is(t->client_cert, t->client_cert_len,
		    "CLIENT-CERT\n"), "client-certificate file read");
		ok(blob_is(t->client_key, t->client_key_len, "CLIENT-KEY\n"),
		    "client-key file read");
	} else
		ok(0, "resolve cert-file-ok");
	scs_target_free(t);

	t = resolve(kc, "basic");
	if (t != NULL) {
		is_str(t->username, "alice", "username");
		is_str(t->password, "alice-secret-1", "password");
	} else
		ok(0, "resolve basic");
	scs_target_free(t);

	t = resolve(kc, "exec");
	if (t != NULL && t->exec != NULL) {
		x = t->exec;
		is_str(x->command, "kubectl-oidc_login",
		    "exec command without '/' stays a PATH name");
		ok(x->args != NULL && scs_streq(x->args[0], "get-token") &&
		    scs_streq(x->args[1],
		    "--oidc-issuer-url=https://issuer") && x->args[2] == NULL,
		    "exec args");
		ok(x->env != NULL && scs_streq(x->env[0], "FOO=bar") &&
		    scs_streq(x->env[1], "EMPTY=") && x->env[2] == NULL,
		    "exec env as NAME=value");
		is_str(x->api_version, "client.authentication.k8s.io/v1",
		    "exec apiVersion");
		is_str(x->install_hint,
		    "install kubelogin from https://example/kubelogin",
		    "installHint");
		is_int(x->provide_cluster_info, 1, "provideClusterInfo");
		is_str(x->interactive_mode, "Never", "interactiveMode");
		is_str(x->cluster_config_json,
		    "{\"audience\":\"scs\",\"port\":8443,\"enabled\":true,"
		    "\"tags\":[\"x\",\"y\"],\"nothing\":null}",
		    "cluster exec extension as JSON");
		ok(t->token == NULL, "exec: no static token");

		d = scs_target_dup(t);
		is_str(d->exec->cluster_config_json,
		    t->exec->cluster_config_json, "dup copies the exec spec");
		ok(d->exec->args != t->exec->args && scs_streq(d->exec->args[1],
		    t->exec->args[1]), "dup copies args deeply");
		ok(d->ca != t->ca && blob_is(d->ca, d->ca_len, "CA-DATA"),
		    "dup copies the CA");
		scs_target_free(d);
	} else
		ok(0, "resolve exec");
	scs_target_free(t);

	t = resolve(kc, "exec-beta");
	p = data("bin/plugin");
	if (t != NULL && t->exec != NULL) {
		is_str(t->exec->command, p,
		    "exec command with '/' resolved against the dir");
		is_str(t->exec->interactive_mode, "IfAvailable",
		    "v1beta1 default interactiveMode");
		ok(t->exec->args == NULL && t->exec->env == NULL,
		    "no args, no env");
		is_int(t->exec->provide_cluster_info, 0,
		    "provideClusterInfo default false");
	} else
		ok(0, "resolve exec-beta");
	free(p);
	scs_target_free(t);

	t = resolve(kc, "imp");
	if (t != NULL) {
		is_str(t->as, "jane", "as");
		is_str(t->as_uid, "1234", "as-uid (quoted number)");
		ok(t->as_groups != NULL && scs_streq(t->as_groups[0], "devs") &&
		    scs_streq(t->as_groups[1], "ops") &&
		    t->as_groups[2] == NULL, "as-groups");
		ok(t->as_extra != NULL &&
		    scs_streq(t->as_extra[0], "scopes=read") &&
		    scs_streq(t->as_extra[1], "scopes=write") &&
		    scs_streq(t->as_extra[2], "team=blue") &&
		    t->as_extra[3] == NULL, "as-user-extra flattened");
		d = scs_target_dup(t);
		ok(scs_streq(d->as_extra[2], "team=blue") &&
		    d->as_extra[3] == NULL, "dup copies as-user-extra");
		scs_target_free(d);
	} else
		ok(0, "resolve imp");
	scs_target_free(t);

	t = resolve(kc, "token-cert");
	if (t != NULL) {
		is_str(t->token, "tc-token-123456",
		    "token with a client certificate is allowed");
		ok(blob_is(t->client_cert, t->client_cert_len, "CERT-DATA"),
		    "and the certificate is kept");
	} else
		ok(0, "resolve token-cert");
	scs_target_free(t);

	t = resolve(kc, "anonymous");
	if (t != NULL) {
		is_int(t->insecure, 1, "insecure-skip-tls-verify: yes");
		ok(t->user_name == NULL && t->ca == NULL,
		    "no user, no CA");
	} else
		ok(0, "resolve anonymous");
	scs_target_free(t);
	scs_kubeconfig_free(kc);

	check_error("auth.yaml", "provider", SCS_CONFIG,
	    "FILE:77:13: user \"provider\": auth-provider \"oidc\" is not "
	    "supported; use an exec plugin (for OIDC e.g. kubelogin)");
	check_error("auth.yaml", "two", SCS_CONFIG,
	    "FILE:84:3: user \"two\": more than one authentication method "
	    "(token and username/password); only one is allowed");
	check_error("auth.yaml", "cert-nokey", SCS_CONFIG,
	    "FILE:88:3: user \"cert-nokey\": client certificate without "
	    "client key");
	check_error("auth.yaml", "cert-file", SCS_CONFIG,
	    "FILE:40:17: cert-file: client-key: /nonexistent/but/absolute.key: "
	    "No such file or directory");
	check_error("auth.yaml", "exec-nomode", SCS_CONFIG,
	    "FILE:93:11: user \"exec-nomode\": exec: interactiveMode is "
	    "required for client.authentication.k8s.io/v1");
	check_error("auth.yaml", "exec-badver", SCS_CONFIG,
	    "FILE:96:11: user \"exec-badver\": exec: apiVersion must be "
	    "client.authentication.k8s.io/v1 or "
	    "client.authentication.k8s.io/v1beta1, not "
	    "\"client.authentication.k8s.io/v2\"");
	check_error("auth.yaml", "exec-badmode", SCS_CONFIG,
	    "FILE:99:11: user \"exec-badmode\": exec: interactiveMode must "
	    "be Never, IfAvailable or Always, not \"Sometimes\"");
	check_error("auth.yaml", "no-user-entry", SCS_CONFIG,
	    "FILE:118:56: context \"no-user-entry\": user \"ghost\" not "
	    "found");
	check_error("auth.yaml", "no-cluster", SCS_CONFIG,
	    "FILE:119:3: context \"no-cluster\" has no cluster");
	check_error("auth.yaml", "nosuch", SCS_CONFIG,
	    "context \"nosuch\" not found");
	check_error("auth.yaml", NULL, SCS_CONFIG,
	    "no context given and no current-context set");
}

static void
test_broken(void)
{
	check_error("broken/indent.yaml", NULL, SCS_CONFIG,
	    "FILE:5:4: did not find expected key while parsing a block "
	    "mapping");
	check_error("broken/tab.yaml", NULL, SCS_CONFIG,
	    "FILE:4:1: found character that cannot start any token while "
	    "scanning for the next token");
	check_error("broken/quote.yaml", NULL, SCS_CONFIG,
	    "FILE:5:1: found unexpected end of stream while scanning a "
	    "quoted scalar");
	check_error("broken/list-for-map.yaml", NULL, SCS_CONFIG,
	    "FILE:4:3: cluster: expected a mapping, found a sequence");
	check_error("broken/base64.yaml", NULL, SCS_CONFIG,
	    "FILE:4:22: client-key-data: invalid base64");
	check_error("broken/missing-cluster.yaml", NULL, SCS_CONFIG,
	    "FILE:7:14: context \"c\": cluster \"ghost\" not found");
	check_error("broken/two-auth.yaml", "c", SCS_CONFIG,
	    "FILE:2:3: user \"u\": more than one authentication method "
	    "(token and exec); only one is allowed");
	check_error("broken/duplicate.yaml", NULL, SCS_CONFIG,
	    "FILE:4:9: duplicate cluster name \"x\"");
	check_error("broken/alias.yaml", NULL, SCS_CONFIG,
	    "FILE:3:11: aliases are not supported");
	check_error("broken/not-a-map.yaml", NULL, SCS_CONFIG,
	    "FILE:1:1: kubeconfig: expected a mapping, found a sequence");
	check_error("broken/bad-bool.yaml", NULL, SCS_CONFIG,
	    "FILE:4:31: insecure-skip-tls-verify: expected true or false, "
	    "found \"maybe\"");
	check_error("broken/no-name.yaml", NULL, SCS_CONFIG,
	    "FILE:2:3: cluster entry without a name");
	check_error("broken/utf8.yaml", NULL, SCS_CONFIG,
	    "FILE:4:22: invalid leading UTF-8 octet");
	check_error("does-not-exist.yaml", NULL, SCS_CONFIG,
	    "FILE: No such file or directory");
}

static void
test_memory(void)
{
	struct scs_kubeconfig	*kc = NULL;
	struct scs_target	*t = NULL;
	char			*cause = NULL, *deep;
	const char		*text;
	size_t			 i;
	enum scs_status		 st;

	ok(scs_kubeconfig_parse("", 0, "empty", NULL, &kc, &cause) ==
	    SCS_OK && kc != NULL, "empty text is an empty config");
	if (kc != NULL) {
		is_int(scs_kubeconfig_ncontexts(kc), 0, "no contexts");
		ok(scs_kubeconfig_current_context(kc) == NULL, "no current");
	}
	scs_kubeconfig_free(kc);

	deep = scs_xmalloc(201);
	for (i = 0; i < 100; i++) {
		deep[i] = '[';
		deep[100 + i] = ']';
	}
	deep[200] = '\0';
	st = scs_kubeconfig_parse(deep, 200, "deep", NULL, &kc, &cause);
	is_int(st, SCS_LIMIT, "nesting past the limit");
	is_str(cause, "deep:1:65: nested deeper than 64 levels",
	    "nesting limit names the place");
	free(cause);
	cause = NULL;
	free(deep);

	st = scs_kubeconfig_parse("current-context: x\n", 19, "mem",
	    NULL, &kc, &cause);
	ok(st == SCS_OK && scs_streq(scs_kubeconfig_current_context(kc), "x"),
	    "parse from memory");
	scs_kubeconfig_free(kc);

	text = "clusters:\n- name: r\n  cluster:\n"
	    "    server: https://r\n"
	    "    certificate-authority: rel/ca.crt\n"
	    "contexts: [{name: c, context: {cluster: r}}]\n";
	st = scs_kubeconfig_parse(text, strlen(text), "mem", "/some/dir",
	    &kc, &cause);
	ok(st == SCS_OK, "parse with a dir");
	if (st == SCS_OK) {
		st = scs_kubeconfig_resolve(kc, "c", &t, &cause);
		is_str(cause, "mem:5:28: r: certificate-authority: "
		    "/some/dir/rel/ca.crt: No such file or directory",
		    "relative path resolved against the given dir");
		free(cause);
		cause = NULL;
	}
	scs_kubeconfig_free(kc);
	kc = NULL;

	/* An error after current-context was read must not leak it. */
	text = "current-context: x\n[a]: b\n";
	st = scs_kubeconfig_parse(text, strlen(text), "mem", NULL, &kc,
	    &cause);
	is_str(cause, "mem:2:1: key: expected a scalar, found a sequence",
	    "complex key refused");
	free(cause);
	cause = NULL;

	text = "current-context: ghost\n";
	st = scs_kubeconfig_parse(text, strlen(text), "mem", NULL, &kc,
	    &cause);
	if (st == SCS_OK) {
		st = scs_kubeconfig_resolve(kc, NULL, &t, &cause);
		is_int(st, SCS_CONFIG, "dangling current-context");
		is_str(cause, "mem: current-context \"ghost\" not found",
		    "dangling current-context: message");
		free(cause);
		cause = NULL;
	} else
		ok(0, "parse current-context only");
	scs_kubeconfig_free(kc);
	kc = NULL;

	st = scs_kubeconfig_parse("users: 3\n", 9, "mem", NULL, &kc,
	    &cause);
	is_int(st, SCS_CONFIG, "scalar where a list belongs");
	is_str(cause, "mem:1:8: users: expected a sequence, found a scalar",
	    "scalar where a list belongs: place");
	free(cause);
}

static void
test_env(void)
{
	struct scs_kubeconfig	*kc = NULL;
	char			*cause = NULL, *env, *a, *b, *home;
	enum scs_status		 st;

	a = data("a.yaml");
	b = data("sub/b.yaml");
	/* Empty entries, a missing file, a duplicate; b before a. */
	env = scs_xprintf(":%s::%s/missing.yaml:%s:%s:", b, datadir, a, b);
	setenv("KUBECONFIG", env, 1);
	st = scs_kubeconfig_load(NULL, &kc, &cause);
	ok(st == SCS_OK, "$KUBECONFIG with empty, missing, duplicate entries");
	if (kc != NULL) {
		is_str(scs_kubeconfig_current_context(kc), "ctx-b",
		    "$KUBECONFIG order kept (b first)");
		is_int(scs_kubeconfig_ncontexts(kc), 3,
		    "$KUBECONFIG: a and b merged");
	} else {
		diag("%s", cause);
		free(cause);
		cause = NULL;
	}
	scs_kubeconfig_free(kc);
	kc = NULL;
	free(env);

	env = scs_xprintf("%s/missing1.yaml::%s/missing2.yaml", datadir,
	    datadir);
	setenv("KUBECONFIG", env, 1);
	st = scs_kubeconfig_load(NULL, &kc, &cause);
	is_int(st, SCS_CONFIG, "$KUBECONFIG: all missing is an error");
	ok(cause != NULL && strstr(cause, "none of the files exist") != NULL,
	    "all missing: message");
	free(cause);
	cause = NULL;
	free(env);

	env = scs_xprintf("%s:%s/broken/tab.yaml", a, datadir);
	setenv("KUBECONFIG", env, 1);
	st = scs_kubeconfig_load(NULL, &kc, &cause);
	is_int(st, SCS_CONFIG, "$KUBECONFIG: a broken file is an error");
	ok(cause != NULL && strstr(cause, "tab.yaml:4:1: ") != NULL,
	    "broken file in $KUBECONFIG: place");
	free(cause);
	cause = NULL;
	free(env);

	/* Explicit path: only that file, $KUBECONFIG ignored. */
	setenv("KUBECONFIG", a, 1);
	st = scs_kubeconfig_load(b, &kc, &cause);
	ok(st == SCS_OK && kc != NULL &&
	    scs_streq(scs_kubeconfig_current_context(kc), "ctx-b") &&
	    scs_kubeconfig_ncontexts(kc) == 2, "explicit path: only that file");
	scs_kubeconfig_free(kc);
	kc = NULL;
	env = data("missing.yaml");
	st = scs_kubeconfig_load(env, &kc, &cause);
	is_int(st, SCS_CONFIG, "explicit missing file is an error");
	free(cause);
	cause = NULL;
	free(env);

	/* Neither: $HOME/.kube/config. */
	unsetenv("KUBECONFIG");
	home = data("home");
	setenv("HOME", home, 1);
	st = scs_kubeconfig_load(NULL, &kc, &cause);
	ok(st == SCS_OK && kc != NULL &&
	    scs_streq(scs_kubeconfig_current_context(kc), "home"),
	    "~/.kube/config via $HOME");
	scs_kubeconfig_free(kc);
	kc = NULL;
	setenv("KUBECONFIG", "", 1);
	st = scs_kubeconfig_load(NULL, &kc, &cause);
	ok(st == SCS_OK && kc != NULL, "empty $KUBECONFIG means unset");
	scs_kubeconfig_free(kc);
	kc = NULL;
	free(home);
	setenv("HOME", datadir, 1);
	unsetenv("KUBECONFIG");
	st = scs_kubeconfig_load(NULL, &kc, &cause);
	is_int(st, SCS_CONFIG, "no ~/.kube/config is an error");
	free(cause);
	free(a);
	free(b);
}

static void
test_fixture(void)
{
	struct scs_kubeconfig	*kc = NULL;
	struct scs_target	*t;
	char			*cause = NULL;
	const char		*path;

	if ((path = tap_fixture(
	    "misc/kubeconfig_standards_syself_token-placeholder.yaml")) ==
	    NULL) {
		diag("fixture absent: skipping its checks");
		return;
	}
	if (scs_kubeconfig_load(path, &kc, &cause) != SCS_OK) {
		ok(0, "fixture loads: %s", cause);
		free(cause);
		return;
	}
	ok(1, "fixture loads");
	is_str(scs_kubeconfig_current_context(kc), "default",
	    "fixture current-context");
	t = resolve(kc, NULL);
	if (t != NULL) {
		is_str(t->server,
		    "https://autopilot-1.autopilot-prod.k8s.syself.net:443",
		    "fixture server");
		is_str(t->namespace, "org-scs", "fixture namespace");
		is_str(t->user_name, "gitops", "fixture user");
		is_str(t->token, "{{ token }}", "fixture token (quoted)");
		ok(t->ca != NULL && t->ca_len == 1070 &&
		    memcmp(t->ca, "-----BEGIN CERTIFICATE-----\n", 28) == 0 &&
		    memcmp(t->ca + 1070 - 26, "-----END CERTIFICATE-----\n",
		    26) == 0,
		    "fixture CA decoded (%zu bytes)", t->ca_len);
	} else
		ok(0, "fixture resolves");
	scs_target_free(t);
	scs_kubeconfig_free(kc);
}

int
main(void)
{
	const char	*src = getenv("SCS_SRCDIR");

	if (src == NULL)
		skip_all("SCS_SRCDIR not set");
	datadir = scs_xprintf("%s/tests/data/kubeconfig", src);
	test_merge();
	test_auth_forms();
	test_broken();
	test_memory();
	test_env();
	test_fixture();
	free(datadir);
	scs_log_close();	/* frees the registered secrets */
	return (tap_done());
}
