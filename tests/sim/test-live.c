/*
 * test-live.c: liveness (issue 14) against the simulator. A server that
 * stops answering without closing its connections (hang-after=0:for=MS)
 * is found unresponsive within a silence period and a probe; the store
 * keeps its data meanwhile; once the server answers again the api says
 * so, the watches are re-established and the store equals a fresh list,
 * a change made afterwards included. A restart that drops every
 * connection and answers nothing for a while comes back the same way.
 * A restart that then answers 429 "storage is (re)initializing" with
 * Retry-After: 1 for 2 s (an apiserver filling its caches): the client
 * waits as told (few refusals), and the store is whole within 5 s of
 * the server serving again. Silence 1 s and probes of 500 ms keep it
 * fast.
 */
#include "../tap.h"
#include "simenv.h"

#define SILENCE_MS	1000
#define PROBE_MS	500

struct events {
	int	 lost, back, probed;
	int64_t	 lost_at, back_at;
};

static void
on_live(struct scs_api *a, enum scs_live_event ev, void *arg)
{
	struct events	*x = arg;

	(void)a;
	switch (ev) {
	case SCS_LIVE_LOST:
		x->lost++;
		x->lost_at = scs_now_ms();
		break;
	case SCS_LIVE_BACK:
		x->back++;
		x->back_at = scs_now_ms();
		break;
	case SCS_LIVE_PROBED:
		x->probed++;
		break;
	}
}

static int
label_cluster(struct env *e, struct scs_api *a, const struct scs_resource *r,
    const char *ns, const char *name, const char *value)
{
	struct res	 x;
	cJSON		*patch;
	char		 buf[128];
	int		 i;

	snprintf(buf, sizeof buf, "{\"metadata\":{\"labels\":{\"live\":"
	    "\"%s\"}}}", value);
	patch = cJSON_Parse(buf);
	for (i = 0; i < 20; i++) {
		memset(&x, 0, sizeof x);
		scs_api_patch(a, r, ns, name, patch, 0, on_result, &x);
		wait_call(e->http, &x);
		if (x.status == SCS_OK) {
			res_clear(&x);
			cJSON_Delete(patch);
			return (1);
		}
		diag("patch: %s", x.message);
		res_clear(&x);
		run_for(e->http, 200);
	}
	cJSON_Delete(patch);
	return (0);
}

static void
run(const char *label, const char *fault, long down_ms)
{
	struct env			 e;
	struct scs_api			*a, *admin;
	const struct scs_resource	*cl;
	const struct scs_record		*rec;
	struct scs_store		*sc;
	struct scs_api_live		 l;
	struct events			 ev;
	char				 why[256];
	int64_t				 t0, alive_before, deadline;
	int64_t				 wall0;
	size_t				 before;
	char				 ns[128], name[128];

	if (env_start(&e, NULL, NULL, 0) != 0) {
		ok(0, "%s: simulator starts", label);
		return;
	}
	a = api_for(&e, "csp-admin", 0);
	admin = api_for(&e, "csp-admin", 0);
	if (a == NULL || admin == NULL || discover_retry(&e, a) != 0 ||
	    discover_retry(&e, admin) != 0) {
		ok(0, "%s: discovery", label);
		goto out;
	}
	scs_api_set_silence(a, SILENCE_MS, PROBE_MS);
	memset(&ev, 0, sizeof ev);
	scs_api_live_subscribe(a, on_live, &ev);
	cl = scs_discovery_find(scs_api_discovery(a),
	    "clusters.cluster.x-k8s.io");
	sc = scs_store_new(a, cl, NULL, NULL);
	ok(wait_converged(&e, admin, sc, 20000, why, sizeof why),
	    "%s: clusters synced (%s)", label, why);
	before = scs_index_count(scs_store_index(sc));
	rec = scs_index_at(scs_store_index(sc), 0);
	snprintf(ns, sizeof ns, "%s", rec != NULL ? rec->ns : "");
	snprintf(name, sizeof name, "%s", rec != NULL ? rec->name : "");
	/* Quiet but alive: probes answer, nothing is lost. */
	run_for(e.http, 2 * SILENCE_MS + PROBE_MS);
	scs_api_live(a, &l);
	ok(ev.probed > 0 && ev.lost == 0 && !l.unresponsive,
	    "%s: a quiet server is probed and answers (%d probes)", label,
	    ev.probed);

	wall0 = scs_wall_s();
	ok(set_faults(&e, admin, fault), "%s: %s", label, fault);
	t0 = scs_now_ms();
	scs_api_live(a, &l);
	alive_before = l.alive_ms;
	deadline = t0 + SILENCE_MS + PROBE_MS + 2000;
	while (!ev.lost && scs_now_ms() < deadline)
		scs_http_run(e.http, 50);
	scs_api_live(a, &l);
	ok(ev.lost == 1 && l.unresponsive, "%s: unresponsive after %lld ms "
	    "(limit %d)", label, (long long)(ev.lost_at - t0),
	    SILENCE_MS + PROBE_MS + 2000);
	ok(l.alive_ms <= ev.lost_at - SILENCE_MS && l.alive_wall_s <= wall0 + 1,
	    "%s: the last sign of life is from before the silence", label);
	ok(l.alive_ms >= alive_before - SILENCE_MS - PROBE_MS,
	    "%s: and not older than what was heard before", label);
	ok(*l.error != '\0' && l.probes_failed >= 1,
	    "%s: the failed probe is kept (%s)", label, l.error);
	ok(scs_index_count(scs_store_index(sc)) == before,
	    "%s: the store keeps its data meanwhile", label);

	deadline = t0 + down_ms + 5000;
	while (!ev.back && scs_now_ms() < deadline)
		scs_http_run(e.http, 50);
	scs_api_live(a, &l);
	ok(ev.back == 1 && !l.unresponsive, "%s: answers again %lld ms after "
	    "the fault ends", label, (long long)(ev.back_at - t0 - down_ms));
	ok(label_cluster(&e, admin, cl, ns, name, label),
	    "%s: a change afterwards", label);
	ok(wait_converged(&e, admin, sc, 5000, why, sizeof why),
	    "%s: the store equals a fresh list within 5 s of the server "
	    "answering (%s, %lld ms)", label, why,
	    (long long)(scs_now_ms() - ev.back_at));
	scs_api_live_unsubscribe(a, on_live, &ev);
	scs_store_free(sc);
out:
	scs_api_free(a);
	scs_api_free(admin);
	env_stop(&e);
}

/* The 429s restart-after's init answered (GET /sim/faults), -1 if
 * unknown. */
static long
init_refused(struct env *e, struct scs_api *a)
{
	struct res	 x;
	long		 n = -1;

	memset(&x, 0, sizeof x);
	scs_api_raw(a, "GET", "/sim/faults", NULL, NULL, 0, on_result, &x);
	wait_call(e->http, &x);
	if (x.status == SCS_OK && cJSON_IsNumber(scs_jpath(x.json,
	    "initRefused")))
		n = (long)scs_jpath(x.json, "initRefused")->valuedouble;
	res_clear(&x);
	return (n);
}

#define INIT_MS		2000

static void
run_init(void)
{
	struct env			 e;
	struct scs_api			*a, *admin;
	const struct scs_resource	*cl;
	const struct scs_record		*rec;
	struct scs_store		*sc;
	char				 why[256], ns[128], name[128];
	int64_t				 t0, back;
	long				 refused;

	if (env_start(&e, NULL, NULL, 0) != 0) {
		ok(0, "init: simulator starts");
		return;
	}
	a = api_for(&e, "kaas-operator", 0);
	admin = api_for(&e, "csp-admin", 0);
	if (a == NULL || admin == NULL || discover_retry(&e, a) != 0 ||
	    discover_retry(&e, admin) != 0) {
		ok(0, "init: discovery");
		goto out;
	}
	scs_api_set_silence(a, SILENCE_MS, PROBE_MS);
	cl = scs_discovery_find(scs_api_discovery(a),
	    "clusters.cluster.x-k8s.io");
	sc = scs_store_new(a, cl, NULL, NULL);
	ok(wait_converged(&e, admin, sc, 20000, why, sizeof why),
	    "init: clusters synced (%s)", why);
	rec = scs_index_at(scs_store_index(sc), 0);
	snprintf(ns, sizeof ns, "%s", rec != NULL ? rec->ns : "");
	snprintf(name, sizeof name, "%s", rec != NULL ? rec->name : "");
	t0 = scs_now_ms();
	ok(set_faults(&e, admin, "restart-after=1:init=2000"),
	    "init: restart-after=1:init=2000");
	/* The restart and the 2 s of 429s; only the client asks. */
	run_for(e.http, INIT_MS + 300);
	refused = init_refused(&e, admin);
	/* Retry-After: 1 over 2 s: the list or watch and a probe or two
	 * ask a few times each; a client that ignored it would ask tens
	 * of times. */
	ok(refused >= 1 && refused <= 5, "init: 429 storage is "
	    "(re)initializing, Retry-After honoured: %ld refused in %d ms",
	    refused, INIT_MS);
	back = scs_now_ms();
	ok(label_cluster(&e, admin, cl, ns, name, "init"),
	    "init: a change once the server serves again");
	ok(wait_converged(&e, admin, sc, 5000, why, sizeof why),
	    "init: the store equals a fresh list within 5 s of the server "
	    "serving again (%s, %lld ms after it, %lld ms after the restart)",
	    why, (long long)(scs_now_ms() - back),
	    (long long)(scs_now_ms() - t0));
	scs_store_free(sc);
out:
	scs_api_free(a);
	scs_api_free(admin);
	env_stop(&e);
}

int
main(void)
{
	run("hang", "hang-after=0:for=4000", 4000);
	run("restart", "restart-after=1:down=3000", 3000);
	run_init();
	return (tap_done());
}
