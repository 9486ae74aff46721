/*
 * status.c: the :status view (one key from anywhere, `i`): per context,
 * whether its server answers, when it last did, its last connection
 * error whole and wrapped with when it happened, how many probes failed
 * in a row and how many errors since the start, and every store of it
 * that waits, with its message whole. Rebuilt at each draw (ages tick).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "tui.h"

struct sview {
	struct app	*app;
	struct list	 list;
};

/* text whole, wrapped at spaces into lines of at most width columns
 * (a longer word is cut), each indented by indent spaces. */
static void
wrap(struct list *l, enum role role, int indent, int width, const char *text)
{
	const char	*p = text, *end, *sp;
	char		 line[1024];
	size_t		 n;

	if (width < 10)
		width = 10;
	while (*p != '\0') {
		/* The longest prefix that fits, ended at a space if any. */
		end = p;
		sp = NULL;
		for (;;) {
			const char	*next = end + 1;

			while ((*next & 0xc0) == 0x80)
				next++;
			n = (size_t)(next - p);
			if (n >= sizeof line)
				break;
			memcpy(line, p, n);
			line[n] = '\0';
			if (draw_width(line) > width)
				break;
			if (*end == ' ')
				sp = end;
			end = next;
			if (*end == '\0')
				break;
		}
		if (end == p)
			end = p + 1;
		if (*end != '\0' && sp != NULL)
			end = sp;
		n = (size_t)(end - p);
		list_add(l, role, NULL, "%*s%.*s", indent, "", (int)n, p);
		p = end;
		while (*p == ' ')
			p++;
	}
}

static void
sv_rebuild(struct sview *v)
{
	struct app		*a = v->app;
	struct scs_store	*st[FLEET_MAX + 1], *s;
	struct scs_api		*api[FLEET_MAX + 1];
	const char		*nm[FLEET_MAX + 1], *states[FLEET_MAX + 1];
	const char		*msg;
	struct scs_api_live	 l;
	enum scs_store_state	 ss;
	char			 t1[64], t2[64];
	size_t			 i, k, n;
	int			 width = COLS - 6;

	list_clear(&v->list);
	n = fleet_sources(a, st, nm, api, states, FLEET_MAX + 1);
	for (i = 0; i < n; i++) {
		if (i > 0)
			list_add(&v->list, ROLE_NORMAL, NULL, "%s", "");
		if (api[i] == NULL) {
			list_add(&v->list, ROLE_WARN, NULL, "%s  %s", nm[i],
			    states[i]);
			continue;
		}
		scs_api_live(api[i], &l);
		list_add(&v->list, l.unresponsive ? ROLE_WARN : ROLE_OK, NULL,
		    "%s %s  %s", l.unresponsive ? "\u26a0" : "\u25cf", nm[i],
		    states[i]);
		list_add(&v->list, ROLE_MUTED, NULL, "    server %s",
		    scs_api_target(api[i])->server);
		live_when(l.alive_wall_s, t1, sizeof t1);
		list_add(&v->list, ROLE_NORMAL, NULL, "    last sign of life: "
		    "%s (probed after %lds of silence)", t1,
		    l.silence_ms / 1000);
		list_add(&v->list, l.probes_failed > 0 ? ROLE_WARN :
		    ROLE_NORMAL, NULL, "    probes failed in a row: %u, "
		    "connection errors since the start: %u", l.probes_failed,
		    l.errors);
		if (*l.error != '\0') {
			live_when(l.error_wall_s, t2, sizeof t2);
			list_add(&v->list, ROLE_NORMAL, NULL, "    last "
			    "connection error (%s):", t2);
			wrap(&v->list, ROLE_ERROR, 6, width, l.error);
		}
		for (k = 0; k < scs_store_pool_count(a->stores); k++) {
			s = scs_store_pool_at(a->stores, k);
			if (scs_store_api(s) != api[i])
				continue;
			ss = scs_store_state(s, &msg);
			if (ss == SCS_STORE_SYNCED)
				continue;
			list_add(&v->list, ss == SCS_STORE_LOADING ||
			    ss == SCS_STORE_RESYNCING ? ROLE_PROGRESS :
			    ROLE_WARN, NULL, "    %s: %s%s",
			    scs_store_resource(s)->name,
			    scs_store_state_name(ss), *msg != '\0' ? ":" : "");
			if (*msg != '\0')
				wrap(&v->list, ROLE_NORMAL, 6, width, msg);
		}
	}
}

static void
sv_draw(struct view *vw, int y, int rows)
{
	struct sview	*v = vw->data;

	sv_rebuild(v);
	view_title(y, " status [%zu not answering] ", live_lost(v->app));
	list_draw(&v->list, y + 1, rows - 1, NULL);
}

static enum scope
sv_scope(struct view *vw)
{
	(void)vw;
	return (SCOPE_STATUS);
}

static int
sv_action(struct view *vw, enum action act)
{
	struct sview	*v = vw->data;

	return (list_action(&v->list, act) ? VIEW_HANDLED : 0);
}

/* Ages on it tick. */
static int64_t
sv_wake(struct view *vw)
{
	(void)vw;
	return (scs_now_ms() + 1000);
}

static void
sv_free(struct view *vw)
{
	struct sview	*v = vw->data;

	list_clear(&v->list);
	free(v);
}

static const struct view_ops sv_ops = {
	.kind = "status",
	.draw = sv_draw,
	.scope = sv_scope,
	.action = sv_action,
	.wake = sv_wake,
	.free = sv_free,
};

struct view *
status_view(struct app *a)
{
	struct sview	*v = scs_xcalloc(1, sizeof *v);
	struct view	*vw;

	v->app = a;
	v->list.cursor = 1;
	vw = view_new(a, &sv_ops, v, "status");
	vw->api = NULL;		/* every context's */
	return (vw);
}
