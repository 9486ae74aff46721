/*
 * test-client.c: the core client (kubeconfig, auth, http, api, store)
 * against the simulator over real HTTPS on loopback: every auth form,
 * discovery, paging, the write verbs and their errors, RBAC, watches that
 * are cut and resumed, 410, and the faults the simulator injects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/api.h"
#include "scs/kubeconfig.h"
#include "scs/model.h"
#include "scs/sim.h"
#include "scs/store.h"
#include "scs/util.h"
#include "../tap.h"
#include "simenv.h"

static const struct scs_resource *
discover_once(struct scs_api *a, struct scs_http *h)
{
	struct res	 x;

	memset(&x, 0, sizeof x);
	scs_api_discover(a, on_result, &x);
	wait_call(h, &x);
	if (x.status != SCS_OK)
		diag("discovery: %s", x.message);
	res_clear(&x);
	return (scs_discovery_find(scs_api_discovery(a),
	    "clusters.cluster.x-k8s.io"));
}

/* Tried again: under memcheck on a busy machine the first answers may
 * come later than the request timeout. */
static const struct scs_resource *
discover(struct scs_api *a, struct scs_http *h)
{
	const struct scs_resource	*cl = NULL;
	int				 i;

	for (i = 0; i < 5 && cl == NULL; i++)
		cl = discover_once(a, h);
	return (cl);
}

static cJSON *
new_cluster(const char *ns, const char *name, const char *cls,
    const char *version)
{
	char	 buf[1024];

	snprintf(buf, sizeof buf,
	    "{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\",\"kind\":\"Cluster\","
	    "\"metadata\":{\"name\":\"%s\",\"namespace\":\"%s\"},\"spec\":"
	    "{\"topology\":{\"classRef\":{\"name\":\"%s\"},\"version\":\"%s\","
	    "\"controlPlane\":{\"replicas\":1},\"workers\":{"
	    "\"machineDeployments\":[{\"class\":\"default-worker\",\"name\":"
	    "\"md-0\",\"replicas\":1}]}}}}", name, ns, cls, version);
	return (cJSON_Parse(buf));
}

static void
test_admin(struct env *e)
{
	struct scs_api			*a = api_for(e, "csp-admin", 0);
	const struct scs_resource	*cl;
	struct scs_list_opts		 lo;
	struct res			 x;
	int				 pages = 0, total = 0;
	char				*cont = NULL;
	cJSON				*obj;
	const char			*rv;

	ok(a != NULL, "api with a client certificate (csp-admin)");
	cl = discover(a, e->http);
	ok(cl != NULL, "discovery finds clusters.cluster.x-k8s.io");
	is_str(cl != NULL ? cl->version : NULL, "v1beta2",
	    "the preferred version is v1beta2");
	ok(scs_discovery_get(scs_api_discovery(a), "cluster.x-k8s.io",
	    "v1beta1", "clusters") != NULL, "v1beta1 is served too");
	ok(scs_discovery_find(scs_api_discovery(a), "cl") == cl,
	    "short name cl");
	if (cl == NULL) {
		scs_api_free(a);
		return;
	}

	/* Paging: 12 clusters in pages of 5. */
	do {
		memset(&lo, 0, sizeof lo);
		lo.limit = 5;
		lo.continue_token = cont;
		memset(&x, 0, sizeof x);
		scs_api_list(a, cl, NULL, &lo, on_result, &x);
		wait_call(e->http, &x);
		free(cont);
		cont = NULL;
		if (x.status != SCS_OK)
			break;
		pages++;
		total += cJSON_GetArraySize(cJSON_GetObjectItem(x.json,
		    "items"));
		obj = cJSON_GetObjectItem(cJSON_GetObjectItem(x.json,
		    "metadata"), "continue");
		if (cJSON_IsString(obj) && obj->valuestring[0] != '\0')
			cont = scs_xstrdup(obj->valuestring);
		res_clear(&x);
	} while (cont != NULL && pages < 10);
	is_int(pages, 3, "three pages");
	is_int(total, 12, "twelve clusters across the pages");

	memset(&x, 0, sizeof x);
	scs_api_get(a, cl, "tenant-a", "prod-eu1", on_result, &x);
	wait_call(e->http, &x);
	ok(x.status == SCS_OK && x.json != NULL, "get prod-eu1");
	res_clear(&x);
	scs_api_get(a, cl, "tenant-a", "nope", on_result, &x);
	wait_call(e->http, &x);
	is_int(x.status, SCS_NOTFOUND, "404 is NOTFOUND");
	is_str(x.reason, "NotFound", "Status reason decoded");
	ok(strstr(x.message, "\"nope\" not found") != NULL, "message: %s",
	    x.message);
	res_clear(&x);

	/* Create, conflict, stale update, patch, dry run. */
	obj = new_cluster("tenant-a", "t1", "openstack-scs2-1-36-v1",
	    "v1.36.2");
	scs_api_create(a, cl, "tenant-a", obj, SCS_WRITE_DRY_RUN, on_result,
	    &x);
	wait_call(e->http, &x);
	is_int(x.code, 201, "dry-run create answers 201");
	res_clear(&x);
	scs_api_get(a, cl, "tenant-a", "t1", on_result, &x);
	wait_call(e->http, &x);
	is_int(x.status, SCS_NOTFOUND, "dry run stored nothing");
	res_clear(&x);
	scs_api_create(a, cl, "tenant-a", obj, 0, on_result, &x);
	wait_call(e->http, &x);
	is_int(x.code, 201, "create");
	rv = cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(
	    x.json, "metadata"), "resourceVersion"));
	ok(rv != NULL, "created object has a resourceVersion");
	cJSON_AddStringToObject(cJSON_GetObjectItem(obj, "metadata"),
	    "resourceVersion", "1");
	res_clear(&x);
	scs_api_create(a, cl, "tenant-a", obj, 0, on_result, &x);
	wait_call(e->http, &x);
	is_int(x.code, 409, "create twice: 409");
	is_str(x.reason, "AlreadyExists", "AlreadyExists");
	res_clear(&x);
	scs_api_update(a, cl, "tenant-a", obj, 0, on_result, &x);
	wait_call(e->http, &x);
	is_int(x.status, SCS_CONFLICT, "stale resourceVersion: CONFLICT");
	is_str(x.reason, "Conflict", "reason Conflict");
	res_clear(&x);
	cJSON_Delete(obj);
	obj = cJSON_Parse("{\"metadata\":{\"labels\":{\"env\":\"test\"}}}");
	scs_api_patch(a, cl, "tenant-a", "t1", obj, 0, on_result, &x);
	wait_call(e->http, &x);
	ok(x.status == SCS_OK && cJSON_IsString(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(cJSON_GetObjectItem(x.json, "metadata"),
	    "labels"), "env")), "merge patch adds a label");
	res_clear(&x);
	cJSON_Delete(obj);

	/* The CSO rule through the webhook: wrong version is a 403. */
	obj = new_cluster("tenant-a", "t2", "openstack-scs2-1-36-v1",
	    "v1.36.9");
	scs_api_create(a, cl, "tenant-a", obj, SCS_WRITE_DRY_RUN, on_result,
	    &x);
	wait_call(e->http, &x);
	is_int(x.code, 403, "version not matching the release: 403");
	ok(strstr(x.message, "expects Kubernetes version v1.36.2") != NULL,
	    "webhook message: %s", x.message);
	res_clear(&x);
	cJSON_Delete(obj);

	/* Variables are validated against the class (CAPI webhook). */
	obj = new_cluster("tenant-a", "t3", "openstack-scs2-1-36-v1",
	    "v1.36.2");
	cJSON_AddItemToObject(cJSON_GetObjectItem(cJSON_GetObjectItem(obj,
	    "spec"), "topology"), "variables", cJSON_Parse("[{\"name\":"
	    "\"workerRootDisk\",\"value\":2},{\"name\":\"bogus\","
	    "\"value\":1}]"));
	scs_api_create(a, cl, "tenant-a", obj, SCS_WRITE_DRY_RUN, on_result,
	    &x);
	wait_call(e->http, &x);
	is_int(x.code, 422, "bad variables: 422 Invalid");
	is_int(x.ncauses, 2, "one cause per problem");
	ok(strstr(x.message, "spec.topology.variables[workerRootDisk].value")
	    != NULL, "field path in the message: %s", x.message);
	res_clear(&x);
	cJSON_Delete(obj);

	/* Overrides get nested defaults where they are set, never more. */
	obj = new_cluster("tenant-a", "t4", "openstack-scs2-1-36-v1",
	    "v1.36.2");
	cJSON_AddItemToObject(cJSON_GetArrayItem(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(obj,
	    "spec"), "topology"), "workers"), "machineDeployments"), 0),
	    "variables", cJSON_Parse("{\"overrides\":[{\"name\":"
	    "\"workerAdditionalBlockDevices\",\"value\":[{\"name\":\"a\"}]}]}"));
	scs_api_create(a, cl, "tenant-a", obj, SCS_WRITE_DRY_RUN, on_result,
	    &x);
	wait_call(e->http, &x);
	{
		const cJSON	*md = cJSON_GetArrayItem(cJSON_GetObjectItem(
				    cJSON_GetObjectItem(cJSON_GetObjectItem(
				    cJSON_GetObjectItem(x.json, "spec"), "topology"),
				    "workers"), "machineDeployments"), 0);
		const cJSON	*ov = cJSON_GetArrayItem(cJSON_GetObjectItem(
				    cJSON_GetObjectItem(md, "variables"),
				    "overrides"), 0);

		is_int(x.code, 201, "dry run with an override");
		is_str(cJSON_GetStringValue(cJSON_GetObjectItem(
		    cJSON_GetArrayItem(cJSON_GetObjectItem(ov, "value"), 0),
		    "type")), "__DEFAULT__", "override value got its nested "
		    "default");
		is_int(cJSON_GetArraySize(cJSON_GetObjectItem(
		    cJSON_GetObjectItem(md, "variables"), "overrides")), 1,
		    "no override was created");
	}
	res_clear(&x);
	cJSON_Delete(obj);

	/* Delete: clusters go through Deleting. */
	scs_api_delete(a, cl, "tenant-a", "t1", NULL, 0, on_result, &x);
	wait_call(e->http, &x);
	ok(x.status == SCS_OK && cJSON_GetObjectItem(cJSON_GetObjectItem(
	    x.json, "metadata"), "deletionTimestamp") != NULL,
	    "delete sets deletionTimestamp");
	res_clear(&x);

	/* Access reviews. */
	scs_api_can_i(a, "list", "", "secrets", NULL, on_result, &x);
	wait_call(e->http, &x);
	ok(x.status == SCS_OK && scs_review_allowed(x.json),
	    "csp-admin may list secrets everywhere");
	res_clear(&x);
	scs_api_free(a);
}

static void
test_tenant(struct env *e)
{
	struct scs_api			*a = api_for(e, "tenant-a", 0);
	const struct scs_resource	*cl;
	struct scs_list_opts		 lo;
	struct res			 x;

	ok(a != NULL, "api with a bearer token (tenant-a)");
	cl = discover(a, e->http);
	memset(&lo, 0, sizeof lo);
	memset(&x, 0, sizeof x);
	scs_api_list(a, cl, NULL, &lo, on_result, &x);
	wait_call(e->http, &x);
	is_int(x.status, SCS_FORBIDDEN, "tenant listing all namespaces: 403");
	ok(strstr(x.message, "User \"tenant-a\" cannot list resource "
	    "\"clusters\"") != NULL, "real 403 message: %s", x.message);
	res_clear(&x);
	scs_api_list(a, cl, "tenant-a", &lo, on_result, &x);
	wait_call(e->http, &x);
	ok(x.status == SCS_OK && cJSON_GetArraySize(cJSON_GetObjectItem(x.json,
	    "items")) >= 4, "tenant lists its own namespace");
	res_clear(&x);
	scs_api_can_i(a, "create", "cluster.x-k8s.io", "clusters", "tenant-b",
	    on_result, &x);
	wait_call(e->http, &x);
	ok(x.status == SCS_OK && !scs_review_allowed(x.json),
	    "tenant-a may not create clusters in tenant-b");
	res_clear(&x);
	scs_api_can_i(a, "create", "cluster.x-k8s.io", "clusters", "tenant-a",
	    on_result, &x);
	wait_call(e->http, &x);
	ok(x.status == SCS_OK && scs_review_allowed(x.json),
	    "tenant-a may create clusters in tenant-a");
	res_clear(&x);
	scs_api_free(a);

	/* A token the server does not know: 401 is an AUTH error. */
	{
		char			*text, *cause = NULL, *p;
		struct scs_kubeconfig	*kc;
		struct scs_target	*t;
		struct scs_api_options	 o;
		struct scs_api		*b;

		text = scs_xstrdup(e->kctext);
		p = strstr(text, "token: sim-tenant-a-");
		if (p != NULL)
			memcpy(p + 7, "bad", 3);
		if (p != NULL && scs_kubeconfig_parse(text, strlen(text),
		    "bad", NULL, &kc, &cause) == SCS_OK &&
		    scs_kubeconfig_resolve(kc, "tenant-a", &t, &cause) ==
		    SCS_OK) {
			memset(&o, 0, sizeof o);
			b = scs_api_new(e->http, t, &o, &cause);
			memset(&x, 0, sizeof x);
			scs_api_raw(b, "GET", "/api", NULL, NULL, 0, on_result,
			    &x);
			wait_call(e->http, &x);
			is_int(x.status, SCS_AUTH, "unknown token: 401 AUTH");
			is_int(x.code, 401, "HTTP 401");
			res_clear(&x);
			scs_api_free(b);
			scs_target_free(t);
			scs_kubeconfig_free(kc);
		} else
			ok(0, "bad-token kubeconfig: %s", cause);
		free(cause);
		scs_free_secret(text);
	}

	/* Read-only is refused in the core, before anything is sent. */
	a = api_with(e, NULL, "tenant-a", 0, 1);
	cl = discover(a, e->http);
	scs_api_delete(a, cl, "tenant-a", "prod-eu1", NULL, 0, on_result, &x);
	wait_call(e->http, &x);
	is_int(x.status, SCS_READONLY, "readonly refuses delete");
	res_clear(&x);
	scs_api_free(a);
}

static void
test_exec(struct env *e)
{
	char			*text, *cause = NULL, *tok, *p, *q;
	struct scs_kubeconfig	*kc;
	struct scs_target	*t;
	struct scs_api		*a;
	struct scs_api_options	 o;
	const char		*src = getenv("SCS_SRCDIR");
	struct res		 x;

	/* Reuse tenant-b's token through an exec plugin. */
	p = strstr(e->kctext, "- name: tenant-b\n  user:\n    token: ");
	if (p == NULL) {
		ok(0, "tenant-b token in the kubeconfig");
		return;
	}
	p += strlen("- name: tenant-b\n  user:\n    token: ");
	q = strchr(p, '\n');
	tok = scs_xstrndup(p, (size_t)(q - p));
	q = strstr(e->kctext, "contexts:");
	text = scs_xprintf("%.*scontexts:\n- name: x\n  context:\n    cluster: "
	    "scs-sim\n    user: x\ncurrent-context: x\nusers:\n- name: x\n"
	    "  user:\n    exec:\n      apiVersion: client.authentication.k8s.io"
	    "/v1\n      command: %s/tests/data/exec-sim/token-from-env.sh\n"
	    "      interactiveMode: Never\n      env:\n      - name: SIM_TOKEN\n"
	    "        value: %s\n", (int)(q - e->kctext), e->kctext,
	    src != NULL ? src : ".", tok);
	scs_free_secret(tok);
	if (scs_kubeconfig_parse(text, strlen(text), "exec", NULL, &kc,
	    &cause) != SCS_OK || scs_kubeconfig_resolve(kc, NULL, &t,
	    &cause) != SCS_OK) {
		ok(0, "exec kubeconfig: %s", cause);
		free(cause);
		scs_free_secret(text);
		return;
	}
	memset(&o, 0, sizeof o);
	a = scs_api_new(e->http, t, &o, &cause);
	memset(&x, 0, sizeof x);
	scs_api_can_i(a, "list", "", "secrets", "tenant-b", on_result, &x);
	wait_call(e->http, &x);
	ok(x.status == SCS_OK && scs_review_allowed(x.json),
	    "exec plugin credentials: tenant-b may list its secrets");
	res_clear(&x);
	scs_api_free(a);
	scs_target_free(t);
	scs_kubeconfig_free(kc);
	scs_free_secret(text);
}

static void
test_tls(struct env *e)
{
	char			*text, *cause = NULL, *p;
	struct scs_kubeconfig	*kc;
	struct scs_target	*t;
	struct scs_api		*a;
	struct scs_api_options	 o;
	struct res		 x;

	/* Drop the CA: the system store does not know the sim's CA. */
	text = scs_xstrdup(e->kctext);
	p = strstr(text, "certificate-authority-data:");
	if (p != NULL)
		memcpy(p, "xertificate", 11);
	if (scs_kubeconfig_parse(text, strlen(text), "noca", NULL, &kc,
	    &cause) != SCS_OK || scs_kubeconfig_resolve(kc, "tenant-a", &t,
	    &cause) != SCS_OK) {
		ok(0, "kubeconfig without CA: %s", cause);
		free(cause);
		scs_free_secret(text);
		return;
	}
	memset(&o, 0, sizeof o);
	a = scs_api_new(e->http, t, &o, &cause);
	memset(&x, 0, sizeof x);
	scs_api_raw(a, "GET", "/version", NULL, NULL, 0, on_result, &x);
	wait_call(e->http, &x);
	is_int(x.status, SCS_TLS, "unknown CA is a TLS error");
	ok(strstr(x.message, "certificate") != NULL, "clear TLS message: %s",
	    x.message);
	res_clear(&x);
	scs_api_free(a);
	scs_target_free(t);
	scs_kubeconfig_free(kc);
	scs_free_secret(text);
}

struct counter {
	int	changes;
};

static void
on_store(struct scs_store *s, void *arg)
{
	((struct counter *)arg)->changes++;
	(void)s;
}

static int
store_has(struct scs_store *s, const char *ns, const char *name, int want)
{
	return ((scs_index_find(scs_store_index(s), ns, name) != NULL) ==
	    want);
}

static int
wait_store(struct env *e, struct scs_store *s, const char *ns,
    const char *name, int want)
{
	int64_t	 end = scs_now_ms() + 60000;

	while (scs_now_ms() < end) {
		if (scs_store_state(s, NULL) == SCS_STORE_SYNCED &&
		    store_has(s, ns, name, want))
			return (1);
		scs_http_run(e->http, 50);
	}
	return (0);
}

static void
test_store(struct env *e, const char *what)
{
	struct scs_api			*a = api_for(e, "csp-admin", 0);
	const struct scs_resource	*cl = discover(a, e->http);
	struct scs_store		*s;
	struct counter			 c = { 0 };
	struct res			 x;
	cJSON				*obj;
	char				 name[64];
	int				 i;

	s = scs_store_new(a, cl, NULL, NULL);
	scs_store_subscribe(s, on_store, &c);
	ok(wait_store(e, s, "tenant-a", "prod-eu1", 1), "%s: store synced",
	    what);
	ok(scs_index_count(scs_store_index(s)) >= 12, "%s: store holds the "
	    "clusters (%zu)", what, scs_index_count(scs_store_index(s)));
	ok(c.changes > 0, "%s: subscriber told", what);
	/* Several changes, each must arrive through the watch. */
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof name, "w%d", i);
		obj = new_cluster("tenant-c", name, "openstack-scs2-1-36-v1",
		    "v1.36.2");
		memset(&x, 0, sizeof x);
		scs_api_create(a, cl, "tenant-c", obj, 0, on_result, &x);
		wait_call(e->http, &x);
		res_clear(&x);
		cJSON_Delete(obj);
		ok(wait_store(e, s, "tenant-c", name, 1), "%s: %s arrives "
		    "through the watch", what, name);
	}
	memset(&x, 0, sizeof x);
	scs_api_delete(a, cl, "tenant-c", "w0", NULL, 0, on_result, &x);
	wait_call(e->http, &x);
	res_clear(&x);
	ok(wait_store(e, s, "tenant-c", "w0", 0), "%s: deletion finished by "
	    "the reconcile loop reaches the store", what);
	scs_store_free(s);
	scs_api_free(a);
}

/* Shared stores: one per (api, resource, namespace), freed with the last
 * reference; a second view of a synced store has its records at once. */
static void
test_pool(struct env *e)
{
	struct scs_api			*a = api_for(e, "csp-admin", 0);
	struct scs_api			*b = api_for(e, "csp-admin", 0);
	const struct scs_resource	*cl = discover(a, e->http);
	const struct scs_resource	*clb = discover(b, e->http);
	struct scs_store_pool		*p = scs_store_pool_new();
	struct scs_store		*s1, *s2, *s3, *s4, *s5;

	s1 = scs_store_pool_get(p, a, cl, NULL);
	s2 = scs_store_pool_get(p, a, cl, "");
	s3 = scs_store_pool_get(p, a, cl, "tenant-a");
	s4 = scs_store_pool_get(p, b, clb, NULL);
	ok(s1 == s2, "pool: all namespaces (NULL and \"\") is one store");
	ok(s3 != s1, "pool: another namespace is another store");
	ok(s4 != s1, "pool: another API client is another store");
	ok(scs_store_pool_count(p) == 3, "pool: three stores (%zu)",
	    scs_store_pool_count(p));
	ok(wait_store(e, s1, "tenant-a", "prod-eu1", 1), "pool: store synced");
	s5 = scs_store_pool_get(p, a, cl, NULL);
	ok(s5 == s1 && scs_store_state(s5, NULL) == SCS_STORE_SYNCED &&
	    scs_index_count(scs_store_index(s5)) >= 12, "pool: a later view "
	    "gets the synced store with its records");
	scs_store_pool_put(p, s5);
	scs_store_pool_put(p, s1);
	ok(scs_store_pool_count(p) == 3, "pool: a store lives while "
	    "referenced");
	scs_store_pool_put(p, s2);
	ok(scs_store_pool_count(p) == 2, "pool: the last put frees it");
	scs_store_pool_put(p, s3);
	scs_store_pool_put(p, NULL);
	ok(scs_store_pool_count(p) == 1, "pool: put NULL does nothing");
	/* s4 is still referenced: freeing the pool frees it. */
	scs_store_pool_free(p);
	scs_api_free(b);
	scs_api_free(a);
}

static const struct {
	const char	*faults;
	size_t		 history;
	const char	*label;
} store_faults[] = {
	{ "cut-watch-after=2",	0, "cut-watch-after=2" },
	{ "watch-410-every=2",	0, "watch-410-every=2" },
	{ "drop-every=4",	0, "drop-every=4" },
	{ "slow=150",		0, "slow=150" },
	{ NULL,			8, "history=8" },
};

static void
test_faults(void)
{
	struct env			 e;
	struct scs_api			*a;
	const struct scs_resource	*cl;
	struct scs_list_opts		 lo;
	struct res			 x;
	size_t				 i;

	if (env_start(&e, "demo", "500-burst=2", 0) != 0) {
		ok(0, "sim with 500-burst");
		return;
	}
	a = api_for(&e, "csp-admin", 0);
	cl = discover_once(a, e.http);
	ok(cl == NULL, "discovery during a 500 burst fails");
	cl = discover_once(a, e.http);
	ok(cl != NULL, "and works after it");
	scs_api_free(a);
	env_stop(&e);

	/* 429 with Retry-After: sim-faults (test_retry_after). */
	if (env_start(&e, "demo", "expire-continue", 0) != 0) {
		ok(0, "sim with expire-continue");
		return;
	}
	a = api_for(&e, "csp-admin", 0);
	cl = discover(a, e.http);
	memset(&lo, 0, sizeof lo);
	lo.limit = 5;
	lo.continue_token = "MTAwMDpkZWZhdWx0L3g=";
	memset(&x, 0, sizeof x);
	scs_api_list(a, cl, NULL, &lo, on_result, &x);
	wait_call(e.http, &x);
	is_int(x.status, SCS_EXPIRED, "an expired continue token is 410");
	res_clear(&x);
	scs_api_free(a);
	test_store(&e, "expire-continue");
	env_stop(&e);

	/*
	 * Watches cut or refused with 410, dropped connections, a slow
	 * server, a tiny history (resumes hit 410): the store converges.
	 */
	for (i = 0; i < sizeof store_faults / sizeof store_faults[0]; i++) {
		if (env_start(&e, "demo", store_faults[i].faults,
		    store_faults[i].history) != 0) {
			ok(0, "sim with %s", store_faults[i].label);
			return;
		}
		test_store(&e, store_faults[i].label);
		env_stop(&e);
	}
}

int
main(void)
{
	struct env	 e;

	if (env_start(&e, "demo", NULL, 0) != 0)
		return (1);
	test_admin(&e);
	test_tenant(&e);
	test_exec(&e);
	test_tls(&e);
	test_store(&e, "plain");
	test_pool(&e);
	env_stop(&e);
	test_faults();
	return (tap_done());
}
