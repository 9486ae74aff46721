/*
 * test-api-path.c: REST paths, query strings, escaping, DeleteOptions.
 */
#include <stdlib.h>
#include <string.h>

#include "scs/api.h"
#include "core.h"
#include "../tap.h"

#define CHECK(expr, want, name) do {					\
	char	*s_ = (expr);						\
	is_str(s_, want, name);						\
	free(s_);							\
} while (0)

int
main(void)
{
	char			 g[] = "cluster.x-k8s.io", v[] = "v1beta2",
				 n[] = "clusters", core[] = "", v1[] = "v1",
				 sec[] = "secrets", nsn[] = "namespaces";
	struct scs_resource	 cl = { .group = g, .version = v, .name = n,
				    .namespaced = 1 };
	struct scs_resource	 secret = { .group = core, .version = v1,
				    .name = sec, .namespaced = 1 };
	struct scs_resource	 ns = { .group = core, .version = v1,
				    .name = nsn, .namespaced = 0 };
	struct scs_list_opts	 lo = { 0 };
	struct scs_watch_opts	 wo = { 0 };
	struct scs_delete_opts	 dopt = { .grace_period_s = -1 };

	CHECK(scs_api_path(&cl, "team-a", NULL, NULL),
	    "/apis/cluster.x-k8s.io/v1beta2/namespaces/team-a/clusters",
	    "namespaced list");
	CHECK(scs_api_path(&cl, NULL, NULL, NULL),
	    "/apis/cluster.x-k8s.io/v1beta2/clusters", "all namespaces");
	CHECK(scs_api_path(&cl, "t", "c1", "status"),
	    "/apis/cluster.x-k8s.io/v1beta2/namespaces/t/clusters/c1/status",
	    "subresource");
	CHECK(scs_api_path(&secret, "kube-system", "a b", NULL),
	    "/api/v1/namespaces/kube-system/secrets/a%20b", "core, escaped");
	CHECK(scs_api_path(&ns, "ignored", "x", NULL), "/api/v1/namespaces/x",
	    "cluster-scoped ignores ns");

	CHECK(core_api_list_query(NULL), "?limit=500", "default limit");
	lo.limit = 50;
	lo.label_selector = "app in (a,b),tier!=db";
	lo.continue_token = "eyJ2Ijo=";
	CHECK(core_api_list_query(&lo), "?limit=50&labelSelector=app%20in%20"
	    "%28a%2Cb%29%2Ctier%21%3Ddb&continue=eyJ2Ijo%3D", "selector, token");
	lo.label_selector = "";
	lo.continue_token = NULL;
	lo.resource_version = "0";
	lo.resource_version_match = "NotOlderThan";
	CHECK(core_api_list_query(&lo), "?limit=50&resourceVersion=0&"
	    "resourceVersionMatch=NotOlderThan", "rv match, empty left out");
	lo.limit = -1;
	CHECK(core_api_list_query(&lo), "?resourceVersion=0&"
	    "resourceVersionMatch=NotOlderThan", "unpaged: no limit");

	CHECK(core_api_watch_query(NULL), "?watch=1&allowWatchBookmarks=true&"
	    "timeoutSeconds=300", "watch defaults");
	wo.resource_version = "10245";
	wo.timeout_s = 60;
	wo.label_selector = "a=b";
	CHECK(core_api_watch_query(&wo), "?watch=1&allowWatchBookmarks=true&"
	    "timeoutSeconds=60&resourceVersion=10245&labelSelector=a%3Db",
	    "watch with rv");

	CHECK(core_api_write_query(0), "?fieldManager=scs-tui", "write");
	CHECK(core_api_write_query(SCS_WRITE_DRY_RUN),
	    "?fieldManager=scs-tui&dryRun=All", "dry run");

	CHECK(core_api_delete_body(NULL),
	    "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\"}", "delete plain");
	dopt.propagation = "Foreground";
	dopt.precondition_uid = "u-1";
	dopt.precondition_rv = "7";
	dopt.grace_period_s = 0;
	CHECK(core_api_delete_body(&dopt),
	    "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\","
	    "\"propagationPolicy\":\"Foreground\",\"gracePeriodSeconds\":0,"
	    "\"preconditions\":{\"uid\":\"u-1\",\"resourceVersion\":\"7\"}}",
	    "delete with options");
	CHECK(core_url_escape("a/b~c_d.e-f"), "a%2Fb~c_d.e-f", "escape");
	{
		struct scs_buf	 b;

		scs_buf_init(&b, 0);
		core_query_add(&b, "a", "x y");
		core_query_add(&b, "skip", NULL);
		core_query_add(&b, "b", "1");
		is_str(b.data, "?a=x%20y&b=1", "core_query_add");
		scs_buf_done(&b);
	}
	return (tap_done());
}
