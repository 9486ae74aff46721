/*
 * simenv.h: helpers shared by the simulator test programs: start an
 * in-process simulator, build an api for one of its users, wait for
 * calls and stores, compare a store with a fresh list. Header-only (each
 * test program includes it once, after tap.h).
 */
#ifndef SCS_TEST_SIMENV_H
#define SCS_TEST_SIMENV_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/api.h"
#include "scs/kubeconfig.h"
#include "scs/model.h"
#include "scs/sim.h"
#include "scs/store.h"
#include "scs/util.h"

struct env {
	struct scs_sim		*sim;
	struct scs_http		*http;
	struct scs_kubeconfig	*kc;
	char			*kctext;
};

struct res {
	int			 done;
	enum scs_status		 status;
	long			 code;
	cJSON			*json;
	char			*body;
	size_t			 body_len;
	char			*message;
	char			*reason;
	size_t			 nwarnings;
	size_t			 ncauses;
	cJSON			*items;	/* list_retry: a page's items */
};

static void
on_result(const struct scs_api_result *r, void *arg)
{
	struct res	*x = arg;

	x->done = 1;
	x->status = r->status;
	x->code = r->http_code;
	x->json = r->json != NULL ? cJSON_Duplicate(r->json, 1) : NULL;
	x->body = r->body != NULL ? scs_xstrndup(r->body, r->body_len) : NULL;
	x->body_len = r->body != NULL ? r->body_len : 0;
	x->message = scs_xstrdup(r->message != NULL ? r->message : "");
	x->reason = r->error != NULL && r->error->reason != NULL ?
	    scs_xstrdup(r->error->reason) : NULL;
	x->ncauses = r->error != NULL ? r->error->ncauses : 0;
	x->nwarnings = r->nwarnings;
}

static void
res_clear(struct res *x)
{
	cJSON_Delete(x->json);
	free(x->body);
	free(x->message);
	free(x->reason);
	cJSON_Delete(x->items);
	memset(x, 0, sizeof *x);
}

/* Run the loop until *flag or timeout_ms. */
static int __attribute__((unused))
run_until(struct scs_http *h, int *flag, long timeout_ms)
{
	int64_t	 end = scs_now_ms() + timeout_ms;

	while (!*flag && scs_now_ms() < end)
		scs_http_run(h, 50);
	return (*flag);
}

static void __attribute__((unused))
run_for(struct scs_http *h, long ms)
{
	int64_t	 end = scs_now_ms() + ms;

	while (scs_now_ms() < end)
		scs_http_run(h, 50);
}

/* Until the call's callback ran: longer than the api's own request
 * timeout (30 s), so it never lands in a res the caller has moved on
 * from. */
static struct res *
wait_call(struct scs_http *h, struct res *x)
{
	run_until(h, &x->done, 40000);
	return (x);
}

/* Start a simulator; extra sets more options (NULL: none). */
static int __attribute__((unused))
env_start_opts(struct env *e, const struct scs_sim_opts *extra)
{
	struct scs_sim_opts	 o;
	char			*cause = NULL;

	memset(e, 0, sizeof *e);
	if (extra != NULL)
		o = *extra;
	else
		memset(&o, 0, sizeof o);
	o.listen = "127.0.0.1:0";
	o.quiet = 1;
	if (o.speed == 0)
		o.speed = 20;
	if ((e->sim = scs_sim_start(&o, &cause)) == NULL) {
		diag("sim: %s", cause);
		free(cause);
		return (-1);
	}
	e->kctext = scs_sim_kubeconfig(e->sim, NULL);
	if (scs_kubeconfig_parse(e->kctext, strlen(e->kctext), "sim", NULL,
	    &e->kc, &cause) != SCS_OK) {
		diag("kubeconfig: %s", cause);
		free(cause);
		return (-1);
	}
	e->http = scs_http_new();
	return (0);
}

static int __attribute__((unused))
env_start(struct env *e, const char *scenario, const char *faults,
    size_t history)
{
	struct scs_sim_opts	 o;

	memset(&o, 0, sizeof o);
	o.scenario = scenario;
	o.faults = faults;
	o.history = history;
	return (env_start_opts(e, &o));
}

static void
env_stop(struct env *e)
{
	scs_http_free(e->http);
	scs_kubeconfig_free(e->kc);
	scs_free_secret(e->kctext);
	scs_sim_stop(e->sim);
	memset(e, 0, sizeof *e);
}

/* An api for context in kubeconfig text (NULL: the env's); a request
 * timeout (0: the default) and read-only or not. */
static struct scs_api * __attribute__((unused))
api_with(struct env *e, const char *text, const char *context,
    long timeout_ms, int readonly)
{
	struct scs_kubeconfig	*kc = e->kc;
	struct scs_target	*t;
	struct scs_api_options	 o;
	struct scs_api		*a;
	char			*cause = NULL;

	if (text != NULL && scs_kubeconfig_parse(text, strlen(text), "test",
	    NULL, &kc, &cause) != SCS_OK) {
		diag("kubeconfig: %s", cause);
		free(cause);
		return (NULL);
	}
	if (scs_kubeconfig_resolve(kc, context, &t, &cause) != SCS_OK) {
		diag("resolve %s: %s", context != NULL ? context : "-", cause);
		free(cause);
		if (kc != e->kc)
			scs_kubeconfig_free(kc);
		return (NULL);
	}
	memset(&o, 0, sizeof o);
	o.timeout_ms = timeout_ms;
	o.readonly = readonly;
	a = scs_api_new(e->http, t, &o, &cause);
	if (a == NULL)
		diag("api: %s", cause);
	free(cause);
	scs_target_free(t);
	if (kc != e->kc)
		scs_kubeconfig_free(kc);
	return (a);
}

static struct scs_api * __attribute__((unused))
api_for(struct env *e, const char *context, long timeout_ms)
{
	return (api_with(e, NULL, context, timeout_ms, 0));
}

__attribute__((unused)) static struct scs_api *
api_from(struct env *e, const char *text, const char *context,
    long timeout_ms)
{
	return (api_with(e, text, context, timeout_ms, 0));
}

/* Replace the simulator's faults (POST /sim/faults as a's user). */
static int __attribute__((unused))
set_faults(struct env *e, struct scs_api *a, const char *spec)
{
	struct res	 x;

	memset(&x, 0, sizeof x);
	scs_api_raw(a, "POST", "/sim/faults", NULL, spec, strlen(spec),
	    on_result, &x);
	wait_call(e->http, &x);
	if (x.status != SCS_OK)
		diag("/sim/faults: %s", x.message);
	res_clear(&x);
	return (x.status == SCS_OK);
}

/* Discovery, tried again until it is whole: while faults make /api or
 * /apis fail, or a group-version's answer times out (the short request
 * timeouts of the fault tests, a busy machine), what it lists is missing
 * and any resource a test goes on to use may be among it. */
static int __attribute__((unused))
discover_retry(struct env *e, struct scs_api *a)
{
	const struct scs_discovery	*d;
	struct res			 x;
	int				 i;

	for (i = 0; i < 30; i++) {
		memset(&x, 0, sizeof x);
		scs_api_discover(a, on_result, &x);
		wait_call(e->http, &x);
		res_clear(&x);
		d = scs_api_discovery(a);
		if (x.status == SCS_OK && scs_discovery_count(d) > 0 &&
		    scs_discovery_missing(d) == 0)
			return (0);
		diag("discovery not whole (%zu group versions missing), "
		    "again", scs_discovery_missing(d));
		run_for(e->http, 200);
	}
	return (-1);
}

/* Transient: worth trying again (faults, timeouts, a server restart). */
static int
transient(const struct res *x)
{
	return (x->status == SCS_HTTP || x->status == SCS_TIMEOUT ||
	    x->code == 429 || x->code >= 500 || x->status == SCS_EXPIRED);
}

static void
on_item(const cJSON *item, void *arg)
{
	struct res	*x = arg;

	if (x->items == NULL)
		x->items = cJSON_CreateArray();
	cJSON_AddItemToArray(x->items, cJSON_Duplicate(item, 1));
}

/* A full list (all pages) of res in ns, retried through faults, decoded
 * item by item without managedFields (as the stores decode: a test
 * comparing them must not cost more than they do). NULL when it keeps
 * failing. Caller deletes. */
static cJSON * __attribute__((unused))
list_retry(struct env *e, struct scs_api *a, const struct scs_resource *r,
    const char *ns)
{
	struct scs_list_opts	 lo;
	struct res		 x;
	cJSON			*items = NULL, *it;
	const char		*cont;
	char			*next = NULL;
	int			 i, unpaged = 0;

	for (i = 0; i < 60; i++) {
		memset(&lo, 0, sizeof lo);
		memset(&x, 0, sizeof x);
		lo.limit = unpaged ? -1 : 500;
		lo.continue_token = next;
		lo.lean = 1;
		scs_api_list_stream(a, r, ns, &lo, on_item, on_result, &x);
		wait_call(e->http, &x);
		free(next);
		next = NULL;
		if (x.status == SCS_OK && x.json != NULL) {
			if (items == NULL)
				items = cJSON_CreateArray();
			while (x.items != NULL && (it =
			    cJSON_DetachItemFromArray(x.items, 0)) != NULL)
				cJSON_AddItemToArray(items, it);
			cont = cJSON_GetStringValue(scs_jpath(x.json,
			    "metadata.continue"));
			if (cont == NULL || *cont == '\0') {
				res_clear(&x);
				return (items);
			}
			next = scs_xstrdup(cont);
			res_clear(&x);
			continue;
		}
		/* Any failure starts over; after an expired token, in one
		 * unpaged list. */
		cJSON_Delete(items);
		items = NULL;
		if (x.status == SCS_EXPIRED) {
			unpaged = 1;
			res_clear(&x);
			continue;
		}
		if (!transient(&x)) {
			diag("list %s: %s", r->name, x.message);
			res_clear(&x);
			return (NULL);
		}
		res_clear(&x);
		run_for(e->http, 100);
	}
	cJSON_Delete(items);
	return (NULL);
}

/*
 * Does the store hold exactly what a fresh list holds (names and
 * resourceVersions)? 1 yes, 0 no (*why says what differs).
 */
static int __attribute__((unused))
store_matches(struct env *e, struct scs_api *a, struct scs_store *s,
    char *why, size_t len)
{
	const struct scs_index	*ix = scs_store_index(s);
	const struct scs_record	*rec;
	cJSON			*items, *it;
	const char		*ns, *name, *rv;
	const char		*sns = scs_store_namespace(s);
	size_t			 n = 0;
	int			 same = 1;

	items = list_retry(e, a, scs_store_resource(s), *sns != '\0' ? sns :
	    NULL);
	if (items == NULL) {
		snprintf(why, len, "the fresh list failed");
		return (0);
	}
	cJSON_ArrayForEach(it, items) {
		ns = cJSON_GetStringValue(scs_jpath(it, "metadata.namespace"));
		name = cJSON_GetStringValue(scs_jpath(it, "metadata.name"));
		rv = cJSON_GetStringValue(scs_jpath(it,
		    "metadata.resourceVersion"));
		n++;
		rec = scs_index_find(ix, ns != NULL ? ns : "", name);
		if (rec == NULL) {
			snprintf(why, len, "%s/%s missing", ns != NULL ? ns :
			    "", name);
			same = 0;
			break;
		}
		if (!scs_streq(rec->rv, rv)) {
			snprintf(why, len, "%s/%s at %s, server at %s",
			    ns != NULL ? ns : "", name, rec->rv, rv);
			same = 0;
			break;
		}
	}
	if (same && n != scs_index_count(ix)) {
		snprintf(why, len, "store holds %zu, server %zu",
		    scs_index_count(ix), n);
		same = 0;
	}
	cJSON_Delete(items);
	return (same);
}

/* Wait until the store is synced and matches the server. */
static int __attribute__((unused))
wait_converged(struct env *e, struct scs_api *a, struct scs_store *s,
    long timeout_ms, char *why, size_t len)
{
	int64_t	 end = scs_now_ms() + timeout_ms;

	snprintf(why, len, "never synced");
	while (scs_now_ms() < end) {
		if (scs_store_state(s, NULL) == SCS_STORE_SYNCED &&
		    store_matches(e, a, s, why, len)) {
			snprintf(why, len, "ok");
			return (1);
		}
		run_for(e->http, 150);
	}
	return (0);
}

#endif
