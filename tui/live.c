/*
 * live.c: what the screen says about a context's liveness (api.h): the
 * header's connection text, the stale mark of every view of a context
 * that stopped answering, how many contexts do not answer (tui.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "scs/util.h"
#include "tui.h"

const char *
live_state(struct scs_api *api, const char *state, char *buf, size_t len)
{
	struct scs_api_live	 l;
	char			 age[32];

	if (api == NULL)
		return (state);
	scs_api_live(api, &l);
	if (!l.unresponsive)
		return (state);
	draw_age((scs_now_ms() - l.alive_ms) / 1000, age, sizeof age);
	snprintf(buf, len, "no answer for %s", age);
	return (buf);
}

void
live_when(int64_t t, char *buf, size_t len)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;
	char		 hms[16], age[32];

	if (t <= 0 || localtime_r(&tt, &tm) == NULL ||
	    strftime(hms, sizeof hms, "%H:%M:%S", &tm) == 0) {
		snprintf(buf, len, "never");
		return;
	}
	draw_age(scs_wall_s() - t, age, sizeof age);
	snprintf(buf, len, "%s, %s ago", hms, age);
}

int
live_stale(struct scs_api *api, char *buf, size_t len)
{
	struct scs_api_live	 l;
	char			 when[64];

	if (api == NULL)
		return (0);
	scs_api_live(api, &l);
	if (!l.unresponsive)
		return (0);
	live_when(l.alive_wall_s, when, sizeof when);
	snprintf(buf, len, "\u26a0 stale: data from %s", when);
	return (1);
}

size_t
live_lost(struct app *a)
{
	struct scs_store	*st[FLEET_MAX + 1];
	struct scs_api		*api[FLEET_MAX + 1];
	const char		*nm[FLEET_MAX + 1];
	struct scs_api_live	 l;
	size_t			 i, n, lost = 0;

	if (a->api == NULL)
		return (0);
	n = fleet_sources(a, st, nm, api, NULL, FLEET_MAX + 1);
	for (i = 0; i < n; i++) {
		if (api[i] == NULL)
			continue;
		scs_api_live(api[i], &l);
		lost += l.unresponsive != 0;
	}
	return (lost);
}
