/*
 * api-live.c: liveness of a server (api.h): when it last proved alive,
 * a cheap probe after silence, LOST / BACK / PROBED for subscribers.
 *
 * One timer per api, armed only while something subscribes: it fires
 * silence_ms after the last sign of life (re-armed for the rest when
 * life came meanwhile), so a busy or bookmark-sending server costs a
 * timer check per silence period and no request at all.
 */
#include <stdlib.h>
#include <string.h>

#include "api-int.h"
#include "scs/log.h"
#include "scs/util.h"

static void	live_timer_fire(void *);

static void
live_notify_fire(void *arg)
{
	struct scs_api		*a = arg;
	enum scs_live_event	 ev = a->pending_event;
	size_t			 i, n;

	a->notify_timer = 0;
	/* A subscriber may unsubscribe from its callback. */
	n = a->nlive_subs;
	for (i = 0; i < n && i < a->nlive_subs; i++)
		a->live_subs[i].cb(a, ev, a->live_subs[i].arg);
}

/* Tell subscribers from the loop; BACK and LOST win over PROBED. */
static void
live_notify(struct scs_api *a, enum scs_live_event ev)
{
	if (a->notify_timer != 0) {
		if (ev == SCS_LIVE_PROBED)
			return;
		a->pending_event = ev;
		return;
	}
	a->pending_event = ev;
	a->notify_timer = scs_http_timer(a->http, 0, live_notify_fire, a);
}

static void
live_arm(struct scs_api *a, long ms)
{
	if (a->live_timer != 0)
		scs_http_timer_cancel(a->http, a->live_timer);
	a->live_timer = scs_http_timer(a->http, ms < 0 ? 0 : ms,
	    live_timer_fire, a);
}

void
api_live_alive(struct scs_api *a)
{
	a->alive_ms = scs_now_ms();
	a->alive_wall_s = scs_wall_s();
	if (a->unresponsive) {
		a->unresponsive = 0;
		a->probes_failed = 0;
		a->back_ms = a->alive_ms;
		scs_log_info("api %s: answers again", a->base);
		live_notify(a, SCS_LIVE_BACK);
	}
}

void
api_live_error(struct scs_api *a, const char *message)
{
	free(a->last_error);
	a->last_error = scs_xstrdup(message != NULL ? message : "");
	a->last_error_wall_s = scs_wall_s();
	a->errors++;
}

static void
live_probe_done(const struct scs_api_result *r, void *arg)
{
	struct scs_api	*a = arg;

	a->probe = NULL;
	if (r->status == SCS_CANCELLED)
		return;
	if (r->http_code > 0) {
		/* Any answer will do (api_live_alive has run). */
		live_notify(a, SCS_LIVE_PROBED);
		live_arm(a, a->silence_ms);
		return;
	}
	a->probes_failed++;
	if (!a->unresponsive) {
		a->unresponsive = 1;
		a->lost_ms = scs_now_ms();
		scs_log_info("api %s: no answer for %lld ms: %s", a->base,
		    (long long)(a->lost_ms - a->alive_ms), r->message);
		live_notify(a, SCS_LIVE_LOST);
	}
	live_arm(a, SCS_LIVE_REPROBE_MS);
}

static void
live_probe(struct scs_api *a)
{
	struct scs_api_call	*c;

	c = api_call_new(a, API_PROBE, "GET", "/version", live_probe_done, a);
	c->timeout_ms = a->probe_ms;
	a->probe = c;
	api_call_send(c);
}

static void
live_timer_fire(void *arg)
{
	struct scs_api	*a = arg;
	int64_t		 quiet = scs_now_ms() - a->alive_ms;

	a->live_timer = 0;
	if (a->nlive_subs == 0 || a->probe != NULL)
		return;
	if (!a->unresponsive && quiet < a->silence_ms) {
		live_arm(a, a->silence_ms - quiet);
		return;
	}
	live_probe(a);
}

void
api_live_free(struct scs_api *a)
{
	if (a->live_timer != 0)
		scs_http_timer_cancel(a->http, a->live_timer);
	if (a->notify_timer != 0)
		scs_http_timer_cancel(a->http, a->notify_timer);
	free(a->live_subs);
	free(a->last_error);
}

void
scs_api_live(const struct scs_api *a, struct scs_api_live *out)
{
	memset(out, 0, sizeof *out);
	out->alive_ms = a->alive_ms;
	out->alive_wall_s = a->alive_wall_s;
	out->unresponsive = a->unresponsive;
	out->lost_ms = a->lost_ms;
	out->back_ms = a->back_ms;
	out->probes_failed = a->probes_failed;
	out->errors = a->errors;
	out->error = a->last_error != NULL ? a->last_error : "";
	out->error_wall_s = a->last_error_wall_s;
	out->silence_ms = a->silence_ms;
}

void
scs_api_set_silence(struct scs_api *a, long silence_ms, long probe_ms)
{
	a->silence_ms = silence_ms > 0 ? silence_ms : SCS_LIVE_SILENCE_MS;
	a->probe_ms = probe_ms > 0 ? probe_ms : SCS_LIVE_PROBE_MS;
	if (a->live_timer != 0)
		live_arm(a, 0);
}

void
scs_api_live_subscribe(struct scs_api *a, scs_live_cb cb, void *arg)
{
	a->live_subs = scs_xreallocarray(a->live_subs, a->nlive_subs + 1,
	    sizeof *a->live_subs);
	a->live_subs[a->nlive_subs].cb = cb;
	a->live_subs[a->nlive_subs].arg = arg;
	a->nlive_subs++;
	if (a->alive_ms == 0) {
		a->alive_ms = scs_now_ms();
		a->alive_wall_s = scs_wall_s();
	}
	if (a->live_timer == 0 && a->probe == NULL)
		live_arm(a, a->silence_ms - (scs_now_ms() - a->alive_ms));
}

void
scs_api_live_unsubscribe(struct scs_api *a, scs_live_cb cb, void *arg)
{
	size_t	 i;

	for (i = 0; i < a->nlive_subs; i++) {
		if (a->live_subs[i].cb == cb && a->live_subs[i].arg == arg) {
			memmove(a->live_subs + i, a->live_subs + i + 1,
			    (a->nlive_subs - i - 1) * sizeof *a->live_subs);
			a->nlive_subs--;
			break;
		}
	}
	if (a->nlive_subs == 0 && a->live_timer != 0) {
		scs_http_timer_cancel(a->http, a->live_timer);
		a->live_timer = 0;
	}
}

int
scs_api_coming_back(const struct scs_api *a, long ms)
{
	return (a->back_ms != 0 && scs_now_ms() - a->back_ms < ms);
}
