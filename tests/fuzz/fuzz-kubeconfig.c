/*
 * fuzz-kubeconfig.c: kubeconfig YAML (scs_kubeconfig_parse), then every
 * context resolved into a target, duplicated, described to an exec
 * plugin (KUBERNETES_EXEC_INFO) and logged with secrets registered.
 * Files named in the input are never read: their paths are pointed at a
 * place that does not exist before resolving (the error paths still run).
 * Checks: every error names the place ("fuzz.yaml:..."), exec info is
 * JSON, a logged line never shows a registered secret.
 */
#include <string.h>

#include <cJSON.h>

#include "core.h"
#include "kubeconfig-int.h"
#include "scs/kubeconfig.h"
#include "scs/log.h"
#include "scs/util.h"
#include "fuzz.h"

#define FUZZ_MAX_INPUT	(128 * 1024)
#define FUZZ_NAME	"fuzz.yaml"
#define FUZZ_NOWHERE	"/nonexistent/scs-fuzz"

static void
nowhere(struct kc_str *s)
{
	if (s->s != NULL && *s->s != '\0') {
		free(s->s);
		s->s = scs_xstrdup(FUZZ_NOWHERE);
	}
}

static void
check_target(const struct scs_target *t)
{
	struct scs_target	*d;
	char			*info;
	cJSON			*j;
	int			 i;

	FUZZ_CHECK(t->context != NULL && t->server != NULL &&
	    t->namespace != NULL && t->cluster_name != NULL);
	FUZZ_CHECK((t->client_cert == NULL) == (t->client_key == NULL));
	d = scs_target_dup(t);
	FUZZ_CHECK(scs_streq(d->server, t->server));
	FUZZ_CHECK(scs_streq(d->token, t->token));
	scs_target_free(d);
	for (i = 0; i < 2; i++) {
		info = core_execcred_info(t, i);
		FUZZ_CHECK((j = cJSON_Parse(info)) != NULL);
		cJSON_Delete(j);
		free(info);
	}
	if (t->exec != NULL && t->exec->cluster_config_json != NULL) {
		FUZZ_CHECK((j = cJSON_Parse(t->exec->cluster_config_json)) !=
		    NULL);
		cJSON_Delete(j);
	}
	/* What a --log run writes about a connection. */
	scs_log_debug("target %s server %s user %s token %s password %s",
	    t->context, t->server, t->user_name != NULL ? t->user_name : "-",
	    t->token != NULL ? t->token : "-",
	    t->password != NULL ? t->password : "-");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scs_kubeconfig	*kc;
	struct scs_target	*t;
	char			*cause = NULL;
	const char		*name;
	enum scs_status		 st;
	size_t			 i;

	if (size > FUZZ_MAX_INPUT)
		return (0);
	st = scs_kubeconfig_parse((const char *)data, size, FUZZ_NAME,
	    "/nonexistent", &kc, &cause);
	if (st != SCS_OK) {
		FUZZ_CHECK(kc == NULL);
		FUZZ_CHECK(cause != NULL &&
		    strncmp(cause, FUZZ_NAME ":", strlen(FUZZ_NAME) + 1) == 0);
		free(cause);
		return (0);
	}
	FUZZ_CHECK(kc != NULL && cause == NULL);
	for (i = 0; i < kc->nclusters; i++)
		nowhere(&kc->clusters[i]->ca_file);
	for (i = 0; i < kc->nusers; i++) {
		nowhere(&kc->users[i]->cert_file);
		nowhere(&kc->users[i]->key_file);
	}
	if (scs_log_open("/dev/null", SCS_LOG_DEBUG, NULL) != SCS_OK)
		abort();
	for (i = 0; i <= scs_kubeconfig_ncontexts(kc); i++) {
		/* Every context by name, then the current one. */
		name = scs_kubeconfig_context(kc, i);
		FUZZ_CHECK((name == NULL) == (i == scs_kubeconfig_ncontexts(kc)));
		if (name != NULL)
			FUZZ_CHECK(scs_kubeconfig_context_file(kc, name) != NULL);
		st = scs_kubeconfig_resolve(kc, name, &t, &cause);
		if (st != SCS_OK) {
			FUZZ_CHECK(t == NULL && cause != NULL);
			free(cause);
			cause = NULL;
			continue;
		}
		check_target(t);
		scs_target_free(t);
	}
	scs_log_close();
	scs_kubeconfig_free(kc);
	return (0);
}
