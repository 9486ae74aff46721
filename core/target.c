/*
 * target.c: copy and free connection targets, exec specs and string
 * vectors; secrets are zeroed before they are freed.
 */
#include <stdlib.h>
#include <string.h>

#include "kubeconfig-int.h"
#include "scs/util.h"

static char *
kc_dup(const char *s)
{
	return (s != NULL ? scs_xstrdup(s) : NULL);
}

/* A copy of n bytes plus a NUL; NULL stays NULL. */
static unsigned char *
kc_dup_bytes(const unsigned char *p, size_t n)
{
	unsigned char	*q;

	if (p == NULL)
		return (NULL);
	q = scs_xmalloc(n + 1);
	memcpy(q, p, n);
	q[n] = '\0';
	return (q);
}



struct scs_exec_spec *
kc_exec_dup(const struct scs_exec_spec *x)
{
	struct scs_exec_spec	*d;

	if (x == NULL)
		return (NULL);
	d = scs_xcalloc(1, sizeof *d);
	d->command = kc_dup(x->command);
	d->args = scs_strv_dup((const char *const *)x->args);
	d->env = scs_strv_dup((const char *const *)x->env);
	d->api_version = kc_dup(x->api_version);
	d->install_hint = kc_dup(x->install_hint);
	d->provide_cluster_info = x->provide_cluster_info;
	d->interactive_mode = kc_dup(x->interactive_mode);
	d->cluster_config_json = kc_dup(x->cluster_config_json);
	return (d);
}

void
kc_exec_free(struct scs_exec_spec *x)
{
	if (x == NULL)
		return;
	free(x->command);
	scs_strv_free(x->args);
	scs_strv_free(x->env);
	free(x->api_version);
	free(x->install_hint);
	free(x->interactive_mode);
	free(x->cluster_config_json);
	free(x);
}

void
scs_target_free(struct scs_target *t)
{
	if (t == NULL)
		return;
	free(t->context);
	free(t->cluster_name);
	free(t->user_name);
	free(t->namespace);
	free(t->server);
	free(t->tls_server_name);
	free(t->proxy_url);
	free(t->ca);
	free(t->client_cert);
	if (t->client_key != NULL)
		scs_memzero(t->client_key, t->client_key_len);
	free(t->client_key);
	scs_free_secret(t->token);
	free(t->token_file);
	free(t->username);
	scs_free_secret(t->password);
	kc_exec_free(t->exec);
	free(t->as);
	free(t->as_uid);
	scs_strv_free(t->as_groups);
	scs_strv_free(t->as_extra);
	free(t);
}

struct scs_target *
scs_target_dup(const struct scs_target *t)
{
	struct scs_target	*d;

	d = scs_xcalloc(1, sizeof *d);
	d->context = kc_dup(t->context);
	d->cluster_name = kc_dup(t->cluster_name);
	d->user_name = kc_dup(t->user_name);
	d->namespace = kc_dup(t->namespace);
	d->server = kc_dup(t->server);
	d->tls_server_name = kc_dup(t->tls_server_name);
	d->proxy_url = kc_dup(t->proxy_url);
	d->insecure = t->insecure;
	d->disable_compression = t->disable_compression;
	d->ca = kc_dup_bytes(t->ca, t->ca_len);
	d->ca_len = t->ca != NULL ? t->ca_len : 0;
	d->client_cert = kc_dup_bytes(t->client_cert, t->client_cert_len);
	d->client_cert_len = t->client_cert != NULL ? t->client_cert_len : 0;
	d->client_key = kc_dup_bytes(t->client_key, t->client_key_len);
	d->client_key_len = t->client_key != NULL ? t->client_key_len : 0;
	d->token = kc_dup(t->token);
	d->token_file = kc_dup(t->token_file);
	d->username = kc_dup(t->username);
	d->password = kc_dup(t->password);
	d->exec = kc_exec_dup(t->exec);
	d->as = kc_dup(t->as);
	d->as_uid = kc_dup(t->as_uid);
	d->as_groups = scs_strv_dup((const char *const *)t->as_groups);
	d->as_extra = scs_strv_dup((const char *const *)t->as_extra);
	return (d);
}
