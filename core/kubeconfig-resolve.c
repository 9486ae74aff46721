/*
 * kubeconfig-resolve.c: turn a context of a loaded kubeconfig into a
 * struct scs_target (files read into memory, one auth method checked).
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "kubeconfig-int.h"
#include "scs/log.h"
#include "scs/util.h"

/* Certificates and keys are small; a megabyte is plenty. */
#define KC_MAX_PEM	(1024 * 1024)

static char *
kc_dup(const char *s)
{
	return (s != NULL ? scs_xstrdup(s) : NULL);
}

static unsigned char *
kc_dup_data(const struct kc_data *d, size_t *len)
{
	unsigned char	*p;

	p = scs_xmalloc(d->len + 1);
	memcpy(p, d->p, d->len);
	p[d->len] = '\0';
	*len = d->len;
	return (p);
}

/* Bytes from *-data when set, else from the file, else nothing. */
static enum scs_status
kc_material(const char *file, const char *owner, const char *what,
    const struct kc_data *data, const struct kc_str *path,
    unsigned char **out, size_t *len, char **cause)
{
	char		*buf, *why = NULL;
	enum scs_status	 st;

	*out = NULL;
	*len = 0;
	if (data->p != NULL) {
		*out = kc_dup_data(data, len);
		return (SCS_OK);
	}
	if (path->s == NULL || *path->s == '\0')
		return (SCS_OK);
	st = kc_read_file(path->s, KC_MAX_PEM, &buf, len, &why);
	if (st != SCS_OK) {
		scs_cause(cause, "%s:%d:%d: %s: %s: %s", file, path->line,
		    path->col, owner, what, why);
		free(why);
		return (SCS_CONFIG);
	}
	*out = (unsigned char *)buf;
	return (SCS_OK);
}

static int
kc_set(const struct kc_str *s)
{
	return (s->s != NULL && *s->s != '\0');
}

static enum scs_status
kc_resolve_exec(const struct kc_user *u, struct scs_target *t, char **cause)
{
	const struct scs_exec_spec	*x = u->exec;
	const char			*mode = x->interactive_mode;

	if (x->command == NULL || *x->command == '\0') {
		scs_cause(cause, "%s:%d:%d: user \"%s\": exec: no command",
		    u->file, u->exec_line, u->exec_col, u->name);
		return (SCS_CONFIG);
	}
	if (!scs_streq(x->api_version, CORE_EXECCRED_V1) &&
	    !scs_streq(x->api_version, CORE_EXECCRED_V1BETA1)) {
		scs_cause(cause, "%s:%d:%d: user \"%s\": exec: apiVersion "
		    "must be %s or %s, not \"%s\"", u->file, u->exec_line,
		    u->exec_col, u->name, CORE_EXECCRED_V1,
		    CORE_EXECCRED_V1BETA1, x->api_version != NULL ?
		    x->api_version : "");
		return (SCS_CONFIG);
	}
	if (mode == NULL && scs_streq(x->api_version,
	    CORE_EXECCRED_V1)) {
		scs_cause(cause, "%s:%d:%d: user \"%s\": exec: "
		    "interactiveMode is required for %s", u->file,
		    u->exec_line, u->exec_col, u->name, x->api_version);
		return (SCS_CONFIG);
	}
	if (mode != NULL && !scs_streq(mode, "Never") &&
	    !scs_streq(mode, "IfAvailable") && !scs_streq(mode, "Always")) {
		scs_cause(cause, "%s:%d:%d: user \"%s\": exec: "
		    "interactiveMode must be Never, IfAvailable or Always, "
		    "not \"%s\"", u->file, u->exec_line, u->exec_col,
		    u->name, mode);
		return (SCS_CONFIG);
	}
	t->exec = kc_exec_dup(x);
	if (t->exec->interactive_mode == NULL)	/* v1beta1 default */
		t->exec->interactive_mode = scs_xstrdup("IfAvailable");
	return (SCS_OK);
}

static enum scs_status
kc_resolve_user(const struct kc_user *u, struct scs_target *t, char **cause)
{
	const char	*methods[4];
	size_t		 n = 0;
	int		 cert, key;
	enum scs_status	 st;

	if (kc_set(&u->auth_provider)) {
		scs_cause(cause, "%s:%d:%d: user \"%s\": auth-provider \"%s\" "
		    "is not supported; use an exec plugin (for OIDC e.g. "
		    "kubelogin)", u->file, u->auth_provider.line,
		    u->auth_provider.col, u->name, u->auth_provider.s);
		return (SCS_CONFIG);
	}
	if (kc_set(&u->token) || kc_set(&u->token_file))
		methods[n++] = "token";
	if (kc_set(&u->username) || kc_set(&u->password))
		methods[n++] = "username/password";
	if (u->exec != NULL)
		methods[n++] = "exec";
	if (n > 1) {
		scs_cause(cause, "%s:%d:%d: user \"%s\": more than one "
		    "authentication method (%s and %s); only one is allowed",
		    u->file, u->line, u->col, u->name, methods[0],
		    methods[1]);
		return (SCS_CONFIG);
	}
	cert = u->cert_data.p != NULL || kc_set(&u->cert_file);
	key = u->key_data.p != NULL || kc_set(&u->key_file);
	if (cert != key) {
		scs_cause(cause, "%s:%d:%d: user \"%s\": %s without %s",
		    u->file, u->line, u->col, u->name,
		    cert ? "client certificate" : "client key",
		    cert ? "client key" : "client certificate");
		return (SCS_CONFIG);
	}
	st = kc_material(u->file, u->name, "client-certificate",
	    &u->cert_data, &u->cert_file, &t->client_cert,
	    &t->client_cert_len, cause);
	if (st == SCS_OK)
		st = kc_material(u->file, u->name, "client-key",
		    &u->key_data, &u->key_file, &t->client_key,
		    &t->client_key_len, cause);
	if (st != SCS_OK)
		return (st);
	if (kc_set(&u->token)) {
		t->token = scs_xstrdup(u->token.s);
		scs_log_secret(t->token);
	}
	t->token_file = kc_set(&u->token_file) ?
	    scs_xstrdup(u->token_file.s) : NULL;
	t->username = kc_set(&u->username) ? scs_xstrdup(u->username.s) :
	    NULL;
	if (u->password.s != NULL) {
		t->password = scs_xstrdup(u->password.s);
		scs_log_secret(t->password);
	}
	if (u->exec != NULL && (st = kc_resolve_exec(u, t, cause)) != SCS_OK)
		return (st);
	t->as = kc_dup(u->as.s);
	t->as_uid = kc_dup(u->as_uid.s);
	t->as_groups = scs_strv_dup((const char *const *)u->as_groups);
	t->as_extra = scs_strv_dup((const char *const *)u->as_extra);
	return (SCS_OK);
}

enum scs_status
scs_kubeconfig_resolve(const struct scs_kubeconfig *kc, const char *name,
    struct scs_target **out, char **cause)
{
	const struct kc_context	*cx;
	const struct kc_cluster	*cl;
	const struct kc_user	*u = NULL;
	struct scs_target	*t;
	enum scs_status		 st;

	*out = NULL;
	if (name == NULL && (name = kc->current_context) == NULL) {
		scs_cause(cause, "no context given and no current-context set");
		return (SCS_CONFIG);
	}
	if ((cx = kc_find_context(kc, name)) == NULL) {
		if (name == kc->current_context)
			scs_cause(cause, "%s: current-context \"%s\" not found",
			    kc->current_file, name);
		else
			scs_cause(cause, "context \"%s\" not found", name);
		return (SCS_CONFIG);
	}
	if (!kc_set(&cx->cluster)) {
		scs_cause(cause, "%s:%d:%d: context \"%s\" has no cluster",
		    cx->file, cx->line, cx->col, cx->name);
		return (SCS_CONFIG);
	}
	if ((cl = kc_find_cluster(kc, cx->cluster.s)) == NULL) {
		scs_cause(cause, "%s:%d:%d: context \"%s\": cluster \"%s\" "
		    "not found", cx->file, cx->cluster.line, cx->cluster.col,
		    cx->name, cx->cluster.s);
		return (SCS_CONFIG);
	}
	if (!kc_set(&cl->server)) {
		scs_cause(cause, "%s:%d:%d: cluster \"%s\" has no server",
		    cl->file, cl->line, cl->col, cl->name);
		return (SCS_CONFIG);
	}
	if (kc_set(&cx->user) && (u = kc_find_user(kc, cx->user.s)) ==
	    NULL) {
		scs_cause(cause, "%s:%d:%d: context \"%s\": user \"%s\" "
		    "not found", cx->file, cx->user.line, cx->user.col,
		    cx->name, cx->user.s);
		return (SCS_CONFIG);
	}

	t = scs_xcalloc(1, sizeof *t);
	t->context = scs_xstrdup(cx->name);
	t->cluster_name = scs_xstrdup(cl->name);
	t->user_name = u != NULL ? scs_xstrdup(u->name) : NULL;
	t->namespace = scs_xstrdup(kc_set(&cx->namespace) ?
	    cx->namespace.s : "default");
	t->server = scs_xstrdup(cl->server.s);
	t->tls_server_name = kc_set(&cl->tls_server_name) ?
	    scs_xstrdup(cl->tls_server_name.s) : NULL;
	t->proxy_url = kc_set(&cl->proxy_url) ? scs_xstrdup(cl->proxy_url.s) :
	    NULL;
	t->insecure = cl->insecure;
	t->disable_compression = cl->disable_compression;
	st = kc_material(cl->file, cl->name, "certificate-authority",
	    &cl->ca_data, &cl->ca_file, &t->ca, &t->ca_len, cause);
	if (st == SCS_OK && u != NULL)
		st = kc_resolve_user(u, t, cause);
	if (st == SCS_OK && t->exec != NULL && cl->exec_config_json != NULL)
		t->exec->cluster_config_json =
		    scs_xstrdup(cl->exec_config_json);
	if (st != SCS_OK) {
		scs_target_free(t);
		return (st);
	}
	*out = t;
	return (SCS_OK);
}
