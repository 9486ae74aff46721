/*
 * test-hostile.c: the "hostile" scenario through the core client. Every
 * kind the server lists is cached by a store (all namespaces, and the
 * tenant's own); the stores must sync and hold what a fresh list holds,
 * with no crash (run it under ASan). The wire format must stay valid
 * JSON in valid UTF-8 whatever the objects hold (invalid bytes arrive as
 * U+FFFD, control characters escaped), megabyte strings arrive whole,
 * and hostile objects written by a client come back through the watch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "simenv.h"

/* Strict UTF-8 (no overlongs, surrogates or > U+10FFFF); 1 if valid. */
static int
utf8_ok(const unsigned char *s, size_t n, size_t *bad)
{
	size_t	 i = 0, len, k;
	unsigned char c;

	while (i < n) {
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4;
		else
			goto bad;
		if (i + len > n)
			goto bad;
		for (k = 1; k < len; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				goto bad;
		if ((c == 0xe0 && s[i + 1] < 0xa0) ||
		    (c == 0xed && s[i + 1] > 0x9f) ||
		    (c == 0xf0 && s[i + 1] < 0x90) ||
		    (c == 0xf4 && s[i + 1] > 0x8f))
			goto bad;
		i += len;
	}
	return (1);
bad:
	*bad = i;
	return (0);
}

static int
has_raw_control(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20)
			return (1);
	return (0);
}

static const char *
annotation(const cJSON *items, const char *name, const char *key)
{
	const cJSON	*it, *a;

	cJSON_ArrayForEach(it, items) {
		if (!scs_streq(cJSON_GetStringValue(scs_jpath(it,
		    "metadata.name")), name))
			continue;
		a = cJSON_GetObjectItemCaseSensitive(scs_jpath(it,
		    "metadata.annotations"), key);
		return (cJSON_GetStringValue(a));
	}
	return (NULL);
}

static void
test_wire(struct env *e, struct scs_api *a)
{
	struct res	 x;
	size_t		 bad = 0;
	const char	*s;
	cJSON		*items;
	static const char *const paths[] = {
	    "/apis/cluster.x-k8s.io/v1beta2/namespaces/tenant-a/clusters",
	    "/apis/cluster.x-k8s.io/v1beta1/namespaces/tenant-a/clusters",
	    "/api/v1/namespaces/tenant-a/secrets",
	    "/api/v1/namespaces/tenant-a/events",
	    "/api/v1/namespaces",
	    "/apis/cluster.x-k8s.io/v1beta2/namespaces/tenant-a/clusterclasses",
	    NULL };
	size_t		 i;

	for (i = 0; paths[i] != NULL; i++) {
		memset(&x, 0, sizeof x);
		scs_api_raw(a, "GET", paths[i], NULL, NULL, 0, on_result, &x);
		wait_call(e->http, &x);
		ok(x.status == SCS_OK && x.body != NULL, "GET %s", paths[i]);
		if (x.body == NULL) {
			res_clear(&x);
			continue;
		}
		ok(utf8_ok((unsigned char *)x.body, x.body_len, &bad),
		    "%s: valid UTF-8 (%zu bytes; first bad byte at %zu)",
		    paths[i], x.body_len, bad);
		ok(!has_raw_control(x.body, x.body_len), "%s: control "
		    "characters escaped", paths[i]);
		ok(x.json != NULL, "%s: valid JSON", paths[i]);
		res_clear(&x);
	}

	memset(&x, 0, sizeof x);
	scs_api_raw(a, "GET", paths[0], NULL, NULL, 0, on_result, &x);
	wait_call(e->http, &x);
	ok(x.body != NULL && strstr(x.body, "\\ufffd") != NULL &&
	    strstr(x.body, "\\u001b") != NULL && strstr(x.body, "\\u003c") !=
	    NULL && strstr(x.body, "\\u2028") != NULL, "escaped as Go's "
	    "encoder does: \\ufffd, \\u001b, \\u003c, \\u2028");
	items = cJSON_GetObjectItem(x.json, "items");
	s = annotation(items, "hostile-annotations",
	    "hostile.scs.community/invalid-utf8");
	ok(s != NULL && strstr(s, "bad \xef\xbf\xbd\xef\xbf\xbd overlong") !=
	    NULL, "invalid UTF-8 arrives as U+FFFD, one per byte");
	s = annotation(items, "hostile-annotations",
	    "hostile.scs.community/clear-screen");
	ok(s != NULL && strncmp(s, "\x1b[2J", 4) == 0,
	    "escape sequences arrive as they are (the client sanitizes)");
	s = annotation(items, "hostile-huge-annotation",
	    "hostile.scs.community/one-mib");
	ok(s != NULL && strlen(s) >= 1024 * 1024, "the 1 MiB annotation "
	    "arrives whole (%zu bytes)", s != NULL ? strlen(s) : 0);
	res_clear(&x);
}

/* Stores for every listable kind; all must sync and match. */
static void
test_stores(struct env *e, struct scs_api *a, const char *ns,
    const char *who)
{
	const struct scs_discovery	*d = scs_api_discovery(a);
	const struct scs_resource	*r;
	struct scs_store		*st[128];
	size_t				 n = 0, i, synced = 0;
	int64_t				 end;
	char				 why[256];
	const char			*msg;

	for (i = 0; i < scs_discovery_count(d) && n < 128; i++) {
		r = scs_discovery_at(d, i);
		if (!r->preferred || (r->verbs & SCS_VERB_LIST) == 0 ||
		    (r->verbs & SCS_VERB_WATCH) == 0)
			continue;
		if (ns != NULL && !r->namespaced)
			continue;
		st[n++] = scs_store_new(a, r, ns, NULL);
	}
	/* Generous: under memcheck on a busy machine 37 stores took over 20 s. */
	end = scs_now_ms() + 60000;
	while (scs_now_ms() < end) {
		synced = 0;
		for (i = 0; i < n; i++)
			synced += scs_store_state(st[i], NULL) !=
			    SCS_STORE_LOADING;
		if (synced == n)
			break;
		scs_http_run(e->http, 50);
	}
	ok(n > 5 && synced == n, "%s: %zu stores loaded", who, n);
	for (i = 0; i < n; i++) {
		r = scs_store_resource(st[i]);
		if (scs_store_state(st[i], &msg) != SCS_STORE_SYNCED) {
			ok(0, "%s: %s synced: %s %s", who, r->name,
			    scs_store_state_name(scs_store_state(st[i], NULL)),
			    msg);
			continue;
		}
		if (strcmp(r->name, "clusters") == 0 ||
		    strcmp(r->name, "secrets") == 0 ||
		    strcmp(r->name, "events") == 0 ||
		    strcmp(r->name, "namespaces") == 0 ||
		    strcmp(r->name, "clusterclasses") == 0)
			ok(wait_converged(e, a, st[i], 15000, why, sizeof why),
			    "%s: %s holds what the server holds (%s, %zu)",
			    who, r->name, why,
			    scs_index_count(scs_store_index(st[i])));
	}
	for (i = 0; i < n; i++)
		scs_store_free(st[i]);
}

/* A client writes hostile strings (invalid UTF-8 on the wire too); they
 * come back through the watch and the store holds them. */
static void
test_write(struct env *e, struct scs_api *a)
{
	const struct scs_resource	*cl = scs_discovery_find(
					    scs_api_discovery(a),
					    "clusters.cluster.x-k8s.io");
	struct scs_store		*s = scs_store_new(a, cl, "tenant-a",
					    NULL);
	struct res			 x;
	cJSON				*obj;
	char				 why[256];

	ok(wait_converged(e, a, s, 15000, why, sizeof why),
	    "write: store synced (%s)", why);
	obj = cJSON_Parse("{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\","
	    "\"kind\":\"Cluster\",\"metadata\":{\"name\":\"written-hostile\","
	    "\"namespace\":\"tenant-a\",\"annotations\":{}},\"spec\":{"
	    "\"topology\":{\"classRef\":{\"name\":\"hostile-class\"},"
	    "\"version\":\"v1.36.2\",\"controlPlane\":{\"replicas\":1}}}}");
	cJSON_AddStringToObject(cJSON_GetObjectItem(cJSON_GetObjectItem(obj,
	    "metadata"), "annotations"), "x",
	    "\x1b]52;c;eA==\x07 \xff\xfe \xe2\x80\xae \x9b" "2J \xf0\x9f\x94\xa5");
	memset(&x, 0, sizeof x);
	scs_api_create(a, cl, "tenant-a", obj, 0, on_result, &x);
	wait_call(e->http, &x);
	ok(x.code == 201, "write: create with hostile annotations: %ld %s",
	    x.code, x.message);
	res_clear(&x);
	cJSON_Delete(obj);
	ok(wait_converged(e, a, s, 15000, why, sizeof why) &&
	    scs_index_find(scs_store_index(s), "tenant-a", "written-hostile")
	    != NULL, "write: it arrives through the watch (%s)", why);
	scs_store_free(s);
}

int
main(void)
{
	struct env	 e;
	struct scs_api	*a, *t;

	if (env_start(&e, "hostile", NULL, 0) != 0)
		return (1);
	a = api_for(&e, "csp-admin", 0);
	t = api_for(&e, "tenant-a", 0);
	if (a == NULL || t == NULL || discover_retry(&e, a) != 0 ||
	    discover_retry(&e, t) != 0) {
		ok(0, "discovery");
		return (tap_done());
	}
	test_wire(&e, a);
	test_stores(&e, a, NULL, "csp-admin, all namespaces");
	test_stores(&e, t, "tenant-a", "tenant-a");
	test_write(&e, a);
	scs_api_free(a);
	scs_api_free(t);
	env_stop(&e);
	return (tap_done());
}
