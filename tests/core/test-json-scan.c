/*
 * test-json-scan.c: scs_json_lean (managedFields left out, the rest
 * byte for byte what cJSON makes of it without them) and scs_list_split
 * (a list body fed in every chunk size gives its items and metadata).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/api.h"
#include "scs/util.h"
#include "../tap.h"

/* text leaned, printed by cJSON; want: the same through cJSON with
 * managedFields deleted from metadata by hand. */
static int
lean_is(const char *text, const char *want)
{
	char	*s = scs_xstrdup(text), *got, *exp;
	size_t	 n;
	cJSON	*j, *w;
	int	 same;

	n = scs_json_lean(s, strlen(s));
	j = cJSON_ParseWithLength(s, n);
	w = cJSON_Parse(want);
	got = j != NULL ? cJSON_PrintUnformatted(j) : NULL;
	exp = w != NULL ? cJSON_PrintUnformatted(w) : NULL;
	same = got != NULL && exp != NULL && strcmp(got, exp) == 0;
	if (!same)
		diag("got %s (%.*s), want %s", got != NULL ? got : "(bad)",
		    (int)n, s, exp != NULL ? exp : "(bad)");
	cJSON_free(got);
	cJSON_free(exp);
	cJSON_Delete(j);
	cJSON_Delete(w);
	free(s);
	return (same);
}

static void
test_lean(void)
{
	const char	*path;
	char	*fx, *s;
	size_t	 len, n;
	cJSON	*a, *b;
	char	*pa, *pb;

	ok(lean_is("{\"metadata\":{\"managedFields\":[{\"a\":1}],"
	    "\"name\":\"x\"},\"spec\":{}}",
	    "{\"metadata\":{\"name\":\"x\"},\"spec\":{}}"), "first member");
	ok(lean_is("{\"metadata\":{\"name\":\"x\",\"managedFields\":"
	    "[{\"f:metadata\":{\"}\":{}}}]}}", "{\"metadata\":{\"name\":\"x\"}}"),
	    "last member, braces in keys");
	ok(lean_is("{\"metadata\":{\"managedFields\":[]}}",
	    "{\"metadata\":{}}"), "only member");
	ok(lean_is("{ \"metadata\" : { \"name\" : \"x\" , \"managedFields\" : "
	    "[ 1 ] } }", "{\"metadata\":{\"name\":\"x\"}}"), "whitespace");
	ok(lean_is("{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"a\":"
	    "\"managedFields\",\"managedFields\":[{\"x\":\"\\\"]\"}],"
	    "\"b\":1}}}", "{\"type\":\"ADDED\",\"object\":{\"metadata\":"
	    "{\"a\":\"managedFields\",\"b\":1}}}"),
	    "a watch event; the word as a value stays; escaped quotes");
	ok(lean_is("{\"spec\":{\"managedFields\":1},\"metadata\":{\"x\":"
	    "[\"managedFields\"]}}", "{\"spec\":{\"managedFields\":1},"
	    "\"metadata\":{\"x\":[\"managedFields\"]}}"),
	    "managedFields elsewhere stays");
	s = scs_xstrdup("{\"metadata\":{\"managedFields\":[{\"a\":");
	n = scs_json_lean(s, strlen(s));
	ok(n <= strlen("{\"metadata\":{\"managedFields\":[{\"a\":"),
	    "text cut short: no overrun");
	free(s);

	if ((path = tap_fixture("apiserver/"
	    "cluster_kube-apiserver-1.36_ssa-managedfields.json")) == NULL ||
	    (fx = tap_slurp(path, NULL)) == NULL) {
		skip("fixture cluster_kube-apiserver-1.36_ssa-managedfields "
		    "absent");
		return;
	}
	len = strlen(fx);
	a = cJSON_Parse(fx);
	cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetObjectItem(a,
	    "metadata"), "managedFields");
	n = scs_json_lean(fx, len);
	b = cJSON_ParseWithLength(fx, n);
	pa = cJSON_PrintUnformatted(a);
	pb = b != NULL ? cJSON_PrintUnformatted(b) : NULL;
	ok(pb != NULL && strcmp(pa, pb) == 0, "a real Cluster: the same "
	    "object without managedFields");
	ok(n * 2 < len, "a real Cluster: more than half of it was "
	    "managedFields (%zu of %zu bytes kept)", n, len);
	cJSON_free(pa);
	cJSON_free(pb);
	cJSON_Delete(a);
	cJSON_Delete(b);
	free(fx);
}

struct got {
	struct scs_buf	 names;
	size_t		 n;
	int		 stop_at;
};

static int
on_item(char *text, size_t len, void *arg)
{
	struct got	*g = arg;
	cJSON		*j = cJSON_ParseWithLength(text, len);
	const char	*name;

	name = cJSON_GetStringValue(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(j, "metadata"), "name"));
	scs_buf_printf(&g->names, "%s,", name != NULL ? name : "?");
	cJSON_Delete(j);
	g->n++;
	return (g->stop_at > 0 && (int)g->n == g->stop_at);
}

/* Feed body in chunks of size; items' names and the metadata text. */
static enum scs_status
split(const char *body, size_t chunk, struct got *g, char **meta,
    int *ended)
{
	struct scs_list_split	 ls;
	size_t			 off, len = strlen(body), n;
	enum scs_status		 st = SCS_OK;

	scs_list_split_init(&ls, 1024);
	scs_buf_init(&g->names, 0);
	g->n = 0;
	for (off = 0; off < len && st == SCS_OK; off += n) {
		n = len - off < chunk ? len - off : chunk;
		st = scs_list_split_feed(&ls, body + off, n, on_item, g);
	}
	*meta = scs_xstrndup(ls.meta.data != NULL ? ls.meta.data : "",
	    ls.meta.len);
	*ended = ls.ended;
	scs_list_split_done(&ls);
	return (st);
}

static void
test_split(void)
{
	static const char items_first[] = "{\"items\":[{\"metadata\":{\"name\":"
	    "\"a\",\"x\":\"]}\\\"[{\"}},{\"metadata\":{\"name\":\"b\"},"
	    "\"l\":[[],{}]} ],\"kind\":\"ClusterList\",\"apiVersion\":\"v\","
	    "\"metadata\":{\"resourceVersion\":\"42\",\"continue\":\"c\"}}";
	static const char meta_first[] = " { \"apiVersion\" : \"v\" , "
	    "\"metadata\" : {\"resourceVersion\":\"7\"}, \"items\" : [ "
	    "{\"metadata\":{\"name\":\"a\"}} , {\"metadata\":{\"name\":"
	    "\"b\"}} ] , \"kind\":\"L\" }";
	struct got	 g;
	char		*meta;
	size_t		 chunk;
	int		 ended, good = 1;
	enum scs_status	 st;

	memset(&g, 0, sizeof g);
	for (chunk = 1; chunk <= sizeof items_first; chunk++) {
		st = split(items_first, chunk, &g, &meta, &ended);
		if (st != SCS_OK || g.n != 2 || strcmp(g.names.data, "a,b,") !=
		    0 || strcmp(meta, "{\"resourceVersion\":\"42\","
		    "\"continue\":\"c\"}") != 0 || !ended) {
			diag("chunk %zu: %s, %zu items (%s), meta %s", chunk,
			    scs_strerror(st), g.n, g.names.data, meta);
			good = 0;
		}
		free(meta);
		scs_buf_done(&g.names);
	}
	ok(good, "items before metadata, every chunk size: 2 items, the "
	    "metadata, the end");
	good = 1;
	for (chunk = 1; chunk <= sizeof meta_first; chunk++) {
		st = split(meta_first, chunk, &g, &meta, &ended);
		if (st != SCS_OK || g.n != 2 || strcmp(meta,
		    "{\"resourceVersion\":\"7\"}") != 0 || !ended)
			good = 0;
		free(meta);
		scs_buf_done(&g.names);
	}
	ok(good, "metadata before items, whitespace, every chunk size");
	st = split("{\"items\":[],\"metadata\":{}}", 3, &g, &meta, &ended);
	ok(st == SCS_OK && g.n == 0 && ended, "an empty list");
	free(meta);
	scs_buf_done(&g.names);
	st = split("{\"items\":[{\"metadata\":{}}", 5, &g, &meta, &ended);
	ok(st == SCS_OK && g.n == 1 && !ended, "cut short: not ended");
	free(meta);
	scs_buf_done(&g.names);
	st = split("[{\"a\":1}]", 4, &g, &meta, &ended);
	ok(st == SCS_DECODE, "not an object: SCS_DECODE");
	free(meta);
	scs_buf_done(&g.names);
	st = split("{\"items\":[1,2]}", 4, &g, &meta, &ended);
	ok(st == SCS_DECODE, "items not objects: SCS_DECODE");
	free(meta);
	scs_buf_done(&g.names);
	{
		struct scs_buf	 big;

		scs_buf_init(&big, 0);
		scs_buf_adds(&big, "{\"items\":[{\"x\":\"");
		while (big.len < 3000)
			scs_buf_adds(&big, "yyyyyyyy");
		scs_buf_adds(&big, "\"}]}");
		st = split(big.data, 100, &g, &meta, &ended);
		ok(st == SCS_LIMIT, "an item over the limit: SCS_LIMIT");
		free(meta);
		scs_buf_done(&g.names);
		scs_buf_done(&big);
	}
	g.stop_at = 1;
	st = split(items_first, 7, &g, &meta, &ended);
	ok(st == SCS_CANCELLED && g.n == 1, "the callback stops it");
	free(meta);
	scs_buf_done(&g.names);
}

int
main(void)
{
	test_lean();
	test_split();
	return (tap_done());
}
