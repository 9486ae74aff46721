/*
 * test-verbs.c: list semantics of the simulator a client relies on:
 * continued pages are a snapshot at the first page's resourceVersion
 * (changes made between pages do not show, as with etcd), a token from
 * the future (after a restart) is 410, and DELETE of a collection with a
 * label selector deletes exactly what matches.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "simenv.h"

static cJSON *
page(struct env *e, struct scs_api *a, const struct scs_resource *r,
    const char *cont, long limit, char **next, struct res *x)
{
	struct scs_list_opts	 lo;
	const char		*c;

	memset(&lo, 0, sizeof lo);
	memset(x, 0, sizeof *x);
	lo.limit = limit;
	lo.continue_token = cont;
	scs_api_list(a, r, NULL, &lo, on_result, x);
	wait_call(e->http, x);
	*next = NULL;
	if (x->status != SCS_OK)
		return (NULL);
	c = cJSON_GetStringValue(scs_jpath(x->json, "metadata.continue"));
	if (c != NULL && *c != '\0')
		*next = scs_xstrdup(c);
	return (cJSON_GetObjectItem(x->json, "items"));
}

/* "ns/name@rv\n" for each item. */
static void
keys(const cJSON *items, struct scs_buf *b)
{
	const cJSON	*it;

	cJSON_ArrayForEach(it, items)
		scs_buf_printf(b, "%s/%s@%s\n",
		    cJSON_GetStringValue(scs_jpath(it, "metadata.namespace")),
		    cJSON_GetStringValue(scs_jpath(it, "metadata.name")),
		    cJSON_GetStringValue(scs_jpath(it,
		    "metadata.resourceVersion")));
}

static int
write_secret(struct env *e, struct scs_api *a, const char *method,
    const char *path, const char *body)
{
	struct res	 x;
	int		 st;

	const char *const patch[] = {
	    "Content-Type: application/merge-patch+json", NULL };

	memset(&x, 0, sizeof x);
	scs_api_raw(a, method, path, strcmp(method, "PATCH") == 0 ? patch :
	    NULL, body, body != NULL ? strlen(body) : 0, on_result, &x);
	wait_call(e->http, &x);
	st = x.status == SCS_OK;
	if (!st)
		diag("%s %s: %s", method, path, x.message);
	res_clear(&x);
	return (st);
}

static void
test_snapshot(void)
{
	struct env			 e;
	struct scs_sim_opts		 o;
	struct scs_api			*a;
	const struct scs_resource	*sec;
	struct scs_buf			 before, paged, after;
	struct res			 x;
	cJSON				*items, *all;
	char				*next = NULL, *cont;
	int				 pages = 0;

	memset(&o, 0, sizeof o);
	o.scenario = "scale";
	o.clusters = 10;
	o.namespaces = 5;
	o.classes = 5;
	o.secrets = 50;
	if (env_start_opts(&e, &o) != 0) {
		ok(0, "simulator");
		return;
	}
	a = api_for(&e, "csp-admin", 0);
	discover_retry(&e, a);
	sec = scs_discovery_find(scs_api_discovery(a), "secrets");
	scs_buf_init(&before, 0);
	scs_buf_init(&paged, 0);
	scs_buf_init(&after, 0);
	all = list_retry(&e, a, sec, NULL);
	keys(all, &before);
	cJSON_Delete(all);

	items = page(&e, a, sec, NULL, 10, &next, &x);
	keys(items, &paged);
	res_clear(&x);
	pages++;
	/* Between pages: one added, one changed, one deleted, all of them
	 * on later pages. */
	ok(write_secret(&e, a, "POST", "/api/v1/namespaces/tenant-004/secrets",
	    "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":"
	    "\"zz-new\"},\"data\":{\"k\":\"dg==\"}}"), "add a secret");
	ok(write_secret(&e, a, "PATCH",
	    "/api/v1/namespaces/tenant-003/secrets/secret-00003",
	    "{\"metadata\":{\"labels\":{\"changed\":\"yes\"}}}"),
	    "change a secret");
	ok(write_secret(&e, a, "DELETE",
	    "/api/v1/namespaces/tenant-002/secrets/secret-00002", NULL),
	    "delete a secret");
	while (next != NULL && pages < 20) {
		cont = next;
		items = page(&e, a, sec, cont, 10, &next, &x);
		free(cont);
		if (items == NULL) {
			ok(0, "page %d: %s", pages + 1, x.message);
			res_clear(&x);
			break;
		}
		keys(items, &paged);
		res_clear(&x);
		pages++;
	}
	ok(pages == 5, "five pages of ten (%d)", pages);
	ok(before.len == paged.len && memcmp(before.data, paged.data,
	    before.len) == 0, "the pages are the list as it was at the first "
	    "page: the new secret absent, the deleted one there, the changed "
	    "one at its old resourceVersion");
	all = list_retry(&e, a, sec, NULL);
	keys(all, &after);
	cJSON_Delete(all);
	ok(strstr(after.data, "tenant-004/zz-new@") != NULL &&
	    strstr(after.data, "tenant-002/secret-00002@") == NULL,
	    "a new list shows the changes");
	scs_buf_done(&before);
	scs_buf_done(&paged);
	scs_buf_done(&after);

	/* A token whose resourceVersion the server never issued (after a
	 * restart that renumbered them): 410. */
	{
		struct scs_list_opts	 lo;
		char			*raw, *tok;

		raw = scs_xstrdup("99999999:tenant-000/secret-00000");
		tok = scs_base64_encode(raw, strlen(raw));
		memset(&lo, 0, sizeof lo);
		memset(&x, 0, sizeof x);
		lo.limit = 10;
		lo.continue_token = tok;
		scs_api_list(a, sec, NULL, &lo, on_result, &x);
		wait_call(e.http, &x);
		is_int(x.status, SCS_EXPIRED, "a continue token from the "
		    "future is 410");
		res_clear(&x);
		free(tok);
		free(raw);
	}
	scs_api_free(a);
	env_stop(&e);
}

static void
test_deletecollection(void)
{
	struct env			 e;
	struct scs_api			*a, *t;
	const struct scs_resource	*cl;
	struct res			 x;
	cJSON				*items, *it;
	int				 n = 0, deleting = 0;

	if (env_start(&e, "demo", NULL, 0) != 0) {
		ok(0, "simulator");
		return;
	}
	a = api_for(&e, "csp-admin", 0);
	t = api_for(&e, "tenant-a", 0);
	discover_retry(&e, a);
	discover_retry(&e, t);
	cl = scs_discovery_find(scs_api_discovery(a),
	    "clusters.cluster.x-k8s.io");
	ok(cl != NULL && (cl->verbs & SCS_VERB_DELETECOLLECTION) != 0,
	    "discovery offers deletecollection");

	memset(&x, 0, sizeof x);
	scs_api_raw(t, "DELETE", "/api/v1/namespaces/tenant-b/secrets", NULL,
	    NULL, 0, on_result, &x);
	wait_call(e.http, &x);
	is_int(x.code, 403, "tenant-a may not delete tenant-b's secrets");
	res_clear(&x);

	memset(&x, 0, sizeof x);
	scs_api_raw(a, "DELETE", "/apis/cluster.x-k8s.io/v1beta2/namespaces/"
	    "tenant-a/clusters?labelSelector=managed-secret%3Dclouds-yaml&"
	    "dryRun=All", NULL, NULL, 0, on_result, &x);
	wait_call(e.http, &x);
	ok(x.status == SCS_OK && cJSON_GetArraySize(cJSON_GetObjectItem(x.json,
	    "items")) >= 3, "dry run: the matching clusters, nothing deleted");
	res_clear(&x);
	items = list_retry(&e, a, cl, "tenant-a");
	cJSON_ArrayForEach(it, items)
		deleting += scs_jpath(it, "metadata.deletionTimestamp") != NULL;
	cJSON_Delete(items);
	is_int(deleting, 0, "after the dry run no cluster is deleting");

	memset(&x, 0, sizeof x);
	scs_api_raw(a, "DELETE", "/apis/cluster.x-k8s.io/v1beta2/namespaces/"
	    "tenant-a/clusters?labelSelector=managed-secret%3Dclouds-yaml",
	    NULL, NULL, 0, on_result, &x);
	wait_call(e.http, &x);
	ok(x.status == SCS_OK && scs_streq(cJSON_GetStringValue(
	    cJSON_GetObjectItem(x.json, "kind")), "ClusterList"),
	    "DELETE of a collection answers a ClusterList");
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(x.json, "items")) {
		n++;
		deleting += scs_jpath(it, "metadata.deletionTimestamp") != NULL;
	}
	ok(n >= 3 && deleting == n, "every matching cluster is deleting "
	    "(%d of %d)", deleting, n);
	res_clear(&x);
	items = list_retry(&e, a, cl, "tenant-b");
	deleting = 0;
	cJSON_ArrayForEach(it, items)
		deleting += scs_jpath(it, "metadata.deletionTimestamp") != NULL &&
		    !scs_streq(cJSON_GetStringValue(scs_jpath(it,
		    "metadata.name")), "old-test");
	cJSON_Delete(items);
	is_int(deleting, 0, "other namespaces untouched");
	scs_api_free(a);
	scs_api_free(t);
	env_stop(&e);
}

int
main(void)
{
	test_snapshot();
	test_deletecollection();
	return (tap_done());
}
