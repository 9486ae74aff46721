/*
 * execcred.c: the ExecCredential objects of client.authentication.k8s.io:
 * KUBERNETES_EXEC_INFO for the plugin, and the parser for its reply.
 */
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "core.h"
#include "scs/util.h"

/* Replies are small; refuse anything nested deeper than this. */
#define EXECCRED_MAX_DEPTH	32

/* Nesting depth of JSON text (brackets outside strings). */
static int
execcred_too_deep(const char *s, size_t len)
{
	size_t	 i;
	int	 depth = 0, instr = 0;

	for (i = 0; i < len; i++) {
		if (instr) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				instr = 0;
		} else if (s[i] == '"')
			instr = 1;
		else if (s[i] == '{' || s[i] == '[') {
			if (++depth > EXECCRED_MAX_DEPTH)
				return (1);
		} else if (s[i] == '}' || s[i] == ']')
			depth--;
	}
	return (0);
}

/* Zero the secret strings in the tree before it is freed. */
static void
execcred_scrub(cJSON *root)
{
	cJSON		*status, *v;
	const char	*names[] = { "token", "clientKeyData" };
	size_t		 i;

	status = cJSON_GetObjectItemCaseSensitive(root, "status");
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		v = cJSON_GetObjectItemCaseSensitive(status, names[i]);
		if (cJSON_IsString(v) && v->valuestring != NULL)
			scs_memzero(v->valuestring, strlen(v->valuestring));
	}
}

/* Copy a string member; NULL when absent, -1 when not a string. */
static int
execcred_string(const cJSON *obj, const char *name, char **out)
{
	const cJSON	*v;

	*out = NULL;
	v = cJSON_GetObjectItemCaseSensitive(obj, name);
	if (v == NULL || cJSON_IsNull(v))
		return (0);
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return (-1);
	if (*v->valuestring != '\0')
		*out = scs_xstrdup(v->valuestring);
	return (0);
}

enum scs_status
core_execcred_parse(const char *text, size_t len, const char *api_version,
    struct core_execcred *out, char **cause)
{
	cJSON		*root = NULL;
	const cJSON	*v, *status;
	char		*cert = NULL, *key = NULL, *expiry = NULL;
	const char	*problem = NULL;

	memset(out, 0, sizeof *out);
	out->expiry = -1;
	if (len == 0) {
		scs_cause(cause, "exec plugin printed nothing");
		return (SCS_AUTH);
	}
	if (execcred_too_deep(text, len) ||
	    (root = cJSON_ParseWithLength(text, len)) == NULL ||
	    !cJSON_IsObject(root)) {
		cJSON_Delete(root);
		scs_cause(cause, "exec plugin printed no ExecCredential "
		    "(not a JSON object)");
		return (SCS_AUTH);
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "apiVersion");
	if (!cJSON_IsString(v) || !scs_streq(v->valuestring, api_version)) {
		scs_cause(cause, "exec plugin is configured to use API version "
		    "%s, plugin returned version %s", api_version,
		    cJSON_IsString(v) ? v->valuestring : "(none)");
		execcred_scrub(root);
		cJSON_Delete(root);
		return (SCS_AUTH);
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "kind");
	if (!cJSON_IsString(v) || !scs_streq(v->valuestring,
	    "ExecCredential")) {
		problem = "kind is not ExecCredential";
		goto bad;
	}
	status = cJSON_GetObjectItemCaseSensitive(root, "status");
	if (!cJSON_IsObject(status)) {
		problem = "no status object";
		goto bad;
	}
	if (execcred_string(status, "token", &out->token) != 0 ||
	    execcred_string(status, "clientCertificateData", &cert) != 0 ||
	    execcred_string(status, "clientKeyData", &key) != 0 ||
	    execcred_string(status, "expirationTimestamp", &expiry) != 0) {
		problem = "a status field is not a string";
		goto bad;
	}
	if ((cert == NULL) != (key == NULL)) {
		problem = "only one of clientCertificateData and "
		    "clientKeyData is set (both or neither)";
		goto bad;
	}
	if (out->token == NULL && cert == NULL) {
		problem = "neither a token nor a client certificate";
		goto bad;
	}
	if (expiry != NULL && (out->expiry = scs_parse_rfc3339(expiry)) < 0) {
		problem = "expirationTimestamp is not RFC 3339";
		goto bad;
	}
	free(expiry);
	if (cert != NULL) {
		out->cert = (unsigned char *)cert;
		out->cert_len = strlen(cert);
		out->key = (unsigned char *)key;
		out->key_len = strlen(key);
	}
	execcred_scrub(root);
	cJSON_Delete(root);
	return (SCS_OK);

bad:
	scs_cause(cause, "exec plugin returned a bad ExecCredential: %s",
	    problem);
	free(cert);
	scs_free_secret(key);
	free(expiry);
	core_execcred_clear(out);
	/* The tree may hold the secrets too. */
	execcred_scrub(root);
	cJSON_Delete(root);
	return (SCS_AUTH);
}

void
core_execcred_clear(struct core_execcred *c)
{
	scs_free_secret(c->token);
	free(c->cert);
	if (c->key != NULL)
		scs_memzero(c->key, c->key_len);
	free(c->key);
	memset(c, 0, sizeof *c);
	c->expiry = -1;
}

char *
core_execcred_info(const struct scs_target *t, int interactive)
{
	cJSON			*root, *spec, *cl, *cfg;
	const struct scs_exec_spec *x = t->exec;
	char			*b64, *s;

	root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "apiVersion", x != NULL &&
	    x->api_version != NULL ? x->api_version : CORE_EXECCRED_V1);
	cJSON_AddStringToObject(root, "kind", "ExecCredential");
	spec = cJSON_AddObjectToObject(root, "spec");
	if (x != NULL && x->provide_cluster_info) {
		cl = cJSON_AddObjectToObject(spec, "cluster");
		if (t->server != NULL)
			cJSON_AddStringToObject(cl, "server", t->server);
		if (t->tls_server_name != NULL)
			cJSON_AddStringToObject(cl, "tls-server-name",
			    t->tls_server_name);
		if (t->insecure)
			cJSON_AddTrueToObject(cl, "insecure-skip-tls-verify");
		if (t->ca != NULL && t->ca_len != 0) {
			b64 = scs_base64_encode(t->ca, t->ca_len);
			cJSON_AddStringToObject(cl,
			    "certificate-authority-data", b64);
			free(b64);
		}
		if (t->proxy_url != NULL)
			cJSON_AddStringToObject(cl, "proxy-url", t->proxy_url);
		if (t->disable_compression)
			cJSON_AddTrueToObject(cl, "disable-compression");
		if (x->cluster_config_json != NULL &&
		    (cfg = cJSON_Parse(x->cluster_config_json)) != NULL)
			cJSON_AddItemToObject(cl, "config", cfg);
	}
	cJSON_AddBoolToObject(spec, "interactive", interactive);
	s = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (s == NULL)
		abort();	/* cJSON failed to allocate */
	/* cJSON's allocator and ours may differ: hand over our own copy. */
	b64 = scs_xstrdup(s);
	cJSON_free(s);
	return (b64);
}
