/*
 * test-load.c: the store's initial load in each shape (issue 17) through
 * the simulator's scale world: a streaming list where the server serves
 * one, a list from the watch cache where it refuses (no-watch-list, as an
 * apiserver without WatchList), a list when the stream drops halfway or
 * meets 410, pages after a 410 on a server without streaming lists. Each
 * time the store ends equal to a fresh list and the watch that follows
 * sees a write made after the load (no gap).
 */
#include "../tap.h"
#include "simenv.h"

#define CLUSTERS	400

struct lcase {
	const char	*label;
	const char	*faults;	/* at start */
	const char	*runtime;	/* once synced, then cleared */
	int		 writes;	/* patches while runtime holds */
	const char	*shape;		/* of the last load; NULL: any */
	const char	*shape2;	/* or this one */
	int		 watch_list;	/* what the api learned */
};

static const struct lcase cases[] = {
	{ "streaming list", NULL, NULL, 0, "streaming list", NULL, 1 },
	{ "server without streaming lists", "no-watch-list", NULL, 0,
	    "list from the watch cache", NULL, -1 },
	{ "server that ignores streaming lists (before 1.27)", "old-watch",
	    NULL, 0, "list from the watch cache", NULL, -1 },
	{ "stream dropped halfway", "drop-watch-after=150", NULL, 0,
	    "list from the watch cache", NULL, 0 },
	{ "stream meets 410", "watch-410-every=1", NULL, 0,
	    "list from the watch cache", "paged list", 0 },
	{ "410 on a server without streaming lists: pages", "no-watch-list",
	    "no-watch-list,cut-watch-after=1,watch-410-every=2", 2,
	    "paged list", NULL, -1 },
};

static int
patch_label(struct env *e, struct scs_api *a, const struct scs_resource *r,
    const char *name, int n)
{
	struct res	 x;
	cJSON		*p;
	char		 v[32];
	int		 good;

	snprintf(v, sizeof v, "v%d", n);
	p = cJSON_CreateObject();
	cJSON_AddStringToObject(cJSON_AddObjectToObject(cJSON_AddObjectToObject(
	    p, "metadata"), "labels"), "touched", v);
	memset(&x, 0, sizeof x);
	scs_api_patch(a, r, "tenant-001", name, p, 0, on_result, &x);
	wait_call(e->http, &x);
	good = x.status == SCS_OK;
	if (!good)
		diag("patch %s: %s", name, x.message);
	res_clear(&x);
	cJSON_Delete(p);
	return (good);
}

static void
run_case(const struct lcase *lc)
{
	struct scs_sim_opts		 o;
	struct env			 e;
	struct scs_api			*a, *admin;
	const struct scs_resource	*cl;
	struct scs_store		*s;
	const char			*shape;
	const struct scs_record		*rec;
	char				 why[256];
	int64_t				 end;
	int				 i;

	memset(&o, 0, sizeof o);
	o.scenario = "scale";
	o.clusters = CLUSTERS;
	o.namespaces = 4;
	o.secrets = 4;
	o.classes = 4;
	o.faults = lc->faults;
	if (env_start_opts(&e, &o) != 0) {
		ok(0, "%s: simulator", lc->label);
		return;
	}
	a = api_for(&e, NULL, 0);
	admin = api_for(&e, NULL, 0);
	if (a == NULL || admin == NULL || discover_retry(&e, a) != 0 ||
	    discover_retry(&e, admin) != 0) {
		ok(0, "%s: discovery", lc->label);
		goto out;
	}
	cl = scs_discovery_find(scs_api_discovery(a),
	    "clusters.cluster.x-k8s.io");
	s = scs_store_new(a, cl, NULL, NULL);
	end = scs_now_ms() + 20000;
	while (scs_now_ms() < end && (scs_store_state(s, NULL) !=
	    SCS_STORE_SYNCED || scs_store_load_shape(s) == NULL))
		scs_http_run(e.http, 50);
	ok(scs_store_load_shape(s) != NULL, "%s: loaded (%s)", lc->label,
	    scs_store_load_shape(s) != NULL ? scs_store_load_shape(s) :
	    "never");
	if (lc->runtime != NULL) {
		ok(set_faults(&e, admin, lc->runtime), "%s: faults %s",
		    lc->label, lc->runtime);
		for (i = 0; i < lc->writes; i++) {
			patch_label(&e, admin, cl, "cluster-00001", 100 + i);
			/* Let the store meet what the write brings. */
			run_for(e.http, 400);
		}
		end = scs_now_ms() + 10000;
		while (scs_now_ms() < end && (scs_store_state(s, NULL) !=
		    SCS_STORE_SYNCED || !scs_streq(scs_store_load_shape(s),
		    lc->shape)))
			scs_http_run(e.http, 50);
	}
	shape = scs_store_load_shape(s);
	ok(shape != NULL && (lc->shape == NULL || strcmp(shape,
	    lc->shape) == 0 || (lc->shape2 != NULL && strcmp(shape,
	    lc->shape2) == 0)), "%s: shape %s", lc->label,
	    shape != NULL ? shape : "none");
	ok(scs_api_watch_list(a) == lc->watch_list, "%s: the api learned "
	    "%d (want %d)", lc->label, scs_api_watch_list(a), lc->watch_list);
	if (lc->faults != NULL || lc->runtime != NULL)
		set_faults(&e, admin, "");
	ok(wait_converged(&e, admin, s, 20000, why, sizeof why),
	    "%s: the store equals a fresh list (%s)", lc->label, why);
	ok(scs_index_count(scs_store_index(s)) == CLUSTERS,
	    "%s: %zu clusters", lc->label, scs_index_count(scs_store_index(s)));
	/* A write after the load reaches the store through its watch. */
	ok(patch_label(&e, admin, cl, "cluster-00005", 1), "%s: patch",
	    lc->label);
	end = scs_now_ms() + 10000;
	rec = NULL;
	while (scs_now_ms() < end) {
		rec = scs_index_find(scs_store_index(s), "tenant-001",
		    "cluster-00005");
		if (rec != NULL && store_matches(&e, admin, s, why,
		    sizeof why))
			break;
		run_for(e.http, 100);
	}
	ok(rec != NULL && store_matches(&e, admin, s, why, sizeof why),
	    "%s: the watch brought the write (%s)", lc->label, why);
	scs_store_free(s);
out:
	scs_api_free(a);
	scs_api_free(admin);
	env_stop(&e);
}

int
main(void)
{
	size_t	 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		run_case(&cases[i]);
	return (tap_done());
}
