/*
 * alerts.c: on-call alerts. The app keeps a clusters store per context in
 * the background whatever view is shown; each change is compared with the
 * health seen before in that context, and a cluster that turns failed or
 * degraded raises an alert, shown in the header until acknowledged (`!`
 * lists them, with the context when there are several).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "tui.h"

struct seen {
	char		*key;		/* "ns/name" */
	enum scs_health	 health;
};

struct alert {
	char		*ctx;		/* the context it was seen in */
	char		*ns;
	char		*name;
	enum scs_health	 from, to;
	char		*message;
	int64_t		 at;		/* wall seconds */
	int		 acked;
};

/* What one context's clusters looked like at the last update. */
struct source {
	char		*ctx;
	struct seen	*seen;
	size_t		 nseen;
};

struct alerts {
	struct source	*src;
	size_t		 nsrc;
	struct alert	*v;
	size_t		 n;
};

struct alerts *
alerts_new(void)
{
	return (scs_xcalloc(1, sizeof (struct alerts)));
}

static void
seen_clear(struct source *src)
{
	size_t	 i;

	for (i = 0; i < src->nseen; i++)
		free(src->seen[i].key);
	free(src->seen);
	src->seen = NULL;
	src->nseen = 0;
}

void
alerts_free(struct alerts *al)
{
	size_t	 i;

	if (al == NULL)
		return;
	for (i = 0; i < al->nsrc; i++) {
		seen_clear(&al->src[i]);
		free(al->src[i].ctx);
	}
	free(al->src);
	for (i = 0; i < al->n; i++) {
		free(al->v[i].ctx);
		free(al->v[i].ns);
		free(al->v[i].name);
		free(al->v[i].message);
	}
	free(al->v);
	free(al);
}

static int
seen_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct seen *)a)->key,
	    ((const struct seen *)b)->key));
}

static int
bad(enum scs_health h)
{
	return (h == SCS_HEALTH_ERROR || h == SCS_HEALTH_WARNING);
}

/* The source of context ctx; NULL when first seen (not primed yet). */
static struct source *
source_find(struct alerts *al, const char *ctx, int add)
{
	size_t	 i;

	for (i = 0; i < al->nsrc; i++) {
		if (strcmp(al->src[i].ctx, ctx) == 0)
			return (&al->src[i]);
	}
	if (!add)
		return (NULL);
	al->src = scs_xreallocarray(al->src, al->nsrc + 1, sizeof *al->src);
	memset(&al->src[al->nsrc], 0, sizeof *al->src);
	al->src[al->nsrc].ctx = scs_xstrdup(ctx);
	return (&al->src[al->nsrc++]);
}

int
alerts_known(struct alerts *al, const char *ctx)
{
	return (source_find(al, ctx, 0) != NULL);
}

int
alerts_update(struct alerts *al, const char *ctx, const struct scs_index *x)
{
	struct seen		*now, k, *old;
	struct source		*src = source_find(al, ctx, 0);
	const struct scs_record	*r;
	struct alert		*a;
	size_t			 i, n = scs_index_count(x);
	int			 added = 0, primed = src != NULL;
	char			 key[600];

	if (src == NULL)
		src = source_find(al, ctx, 1);

	now = scs_xcalloc(n + 1, sizeof *now);
	for (i = 0; i < n; i++) {
		r = scs_index_at(x, i);
		snprintf(key, sizeof key, "%s/%s", r->ns, r->name);
		now[i].key = scs_xstrdup(key);
		now[i].health = r->health;
		if (!primed || !bad(r->health))
			continue;
		k.key = key;
		old = bsearch(&k, src->seen, src->nseen, sizeof *src->seen,
		    seen_cmp);
		if (old != NULL && bad(old->health))
			continue;
		/* New and bad, or turned bad. */
		al->v = scs_xreallocarray(al->v, al->n + 1, sizeof *al->v);
		a = &al->v[al->n++];
		a->ctx = scs_xstrdup(ctx);
		a->ns = scs_xstrdup(r->ns);
		a->name = scs_xstrdup(r->name);
		a->from = old != NULL ? old->health : SCS_HEALTH_UNKNOWN;
		a->to = r->health;
		a->message = scs_xstrdup(r->message != NULL ? r->message :
		    r->status != NULL ? r->status : "");
		a->at = scs_wall_s();
		a->acked = 0;
		added++;
	}
	seen_clear(src);
	/* The index is sorted by (namespace, name), not by "ns/name". */
	if (n > 0)
		qsort(now, n, sizeof *now, seen_cmp);
	src->seen = now;
	src->nseen = n;
	return (added);
}

size_t
alerts_count(const struct alerts *al)
{
	size_t	 i, n = 0;

	for (i = 0; al != NULL && i < al->n; i++)
		n += !al->v[i].acked;
	return (n);
}

/* --- the view ---------------------------------------------------------- */

struct aview {
	struct lview	 lv;		/* no stores: the app's alerts */
	int		 change_w;	/* the CHANGE column */
};

/* Contexts whose server does not answer: an alert while it lasts. */
static void
av_lost(struct aview *v, int cw)
{
	struct scs_store	*st[FLEET_MAX + 1];
	struct scs_api		*api[FLEET_MAX + 1];
	const char		*nm[FLEET_MAX + 1];
	struct scs_api_live	 l;
	char			 age[32], stale[128];
	size_t			 i, n;

	n = fleet_sources(v->lv.app, st, nm, api, NULL, FLEET_MAX + 1);
	for (i = 0; i < n; i++) {
		if (api[i] == NULL || !live_stale(api[i], stale, sizeof stale))
			continue;
		scs_api_live(api[i], &l);
		draw_age((scs_now_ms() - l.alive_ms) / 1000, age,
		    sizeof age);
		list_add(&v->lv.list, ROLE_WARN, NULL,
		    "  ! %s context %s\t%-5s "
		    "%-*s  %s", screen_health_glyph(SCS_HEALTH_ERROR), nm[i],
		    age, cw, "no answer", stale);
	}
}

static void
alerts_view_rebuild(struct aview *v)
{
	struct alerts	*al = v->lv.app->alerts;
	struct alert	*a;
	size_t		 i;
	char		 name[600], age[32], change[64];
	int		 cw = (int)strlen("no answer");

	list_clear(&v->lv.list);
	/* One width for the CHANGE column: MESSAGE starts in one place. */
	for (i = 0; al != NULL && i < al->n; i++) {
		snprintf(change, sizeof change, "%s -> %s",
		    scs_health_word(al->v[i].from),
		    scs_health_word(al->v[i].to));
		if ((int)strlen(change) > cw)
			cw = (int)strlen(change);
	}
	v->change_w = cw;
	av_lost(v, cw);
	if ((al == NULL || al->n == 0) && v->lv.list.n == 0) {
		list_add(&v->lv.list, ROLE_OK, NULL,
		    "  %s no alerts since start",
		    screen_health_glyph(SCS_HEALTH_OK));
		return;
	}
	for (i = al != NULL ? al->n : 0; i-- > 0;) {
		a = &al->v[i];
		if (v->lv.app->nfleet > 0)
			snprintf(name, sizeof name, "%s %s/%s", a->ctx, a->ns,
			    a->name);
		else
			snprintf(name, sizeof name, "%s/%s", a->ns, a->name);
		draw_age(scs_wall_s() - a->at, age, sizeof age);
		snprintf(change, sizeof change, "%s -> %s",
		    scs_health_word(a->from), scs_health_word(a->to));
		list_add(&v->lv.list, a->acked ? ROLE_MUTED :
		    screen_health_role(a->to), NULL,
		    "  %s %s %s\t%-5s %-*s  %s", a->acked ? " " : "!",
		    screen_health_glyph(a->to), name, age, cw, change,
		    a->message);
		v->lv.list.v[v->lv.list.n - 1].node = (int)i;
	}
}

static void
alerts_view_draw(struct view *vw, int y, int rows)
{
	struct aview	*v = vw->data;
	char		 head[128];

	alerts_view_rebuild(v);
	view_title(y, " alerts [%zu unacknowledged] ",
	    alerts_count(v->lv.app->alerts) + live_lost(v->lv.app));
	snprintf(head, sizeof head, "  CLUSTER\tAGO   %-*s  MESSAGE",
	    v->change_w, "CHANGE");
	list_draw(&v->lv.list, y + 1, rows - 1, head);
}

/* The live tree of an alert's cluster, through its context's API. */
static void
alerts_view_open(struct app *a, const struct alert *al)
{
	struct view	*v = tree_view_ctx(a, al->ctx, al->ns, al->name);

	if (v != NULL)
		view_push(a, v);
	else
		app_message(a, 1, "context %s is no longer open", al->ctx);
}

static int
alerts_view_action(struct view *vw, enum action act)
{
	struct aview		*v = vw->data;
	struct alerts		*al = v->lv.app->alerts;
	const struct list_line	*l = list_current(&v->lv.list);
	size_t			 i;

	if (list_action(&v->lv.list, act))
		return (VIEW_HANDLED);
	switch (act) {
	case ACTION_ACK:
		if (l != NULL && l->node >= 0 && (size_t)l->node < al->n)
			al->v[l->node].acked = 1;
		return (VIEW_HANDLED);
	case ACTION_ACK_ALL:
		for (i = 0; al != NULL && i < al->n; i++)
			al->v[i].acked = 1;
		return (VIEW_HANDLED);
	case ACTION_OPEN:
		if (l == NULL || l->node < 0 || (size_t)l->node >= al->n)
			return (VIEW_HANDLED);
		al->v[l->node].acked = 1;
		alerts_view_open(v->lv.app, &al->v[l->node]);
		return (VIEW_HANDLED);
	default:
		return (0);
	}
}

static const struct view_ops alerts_view_ops = {
	.kind = "alerts",
	.draw = alerts_view_draw,
	.scope = lview_scope,
	.action = alerts_view_action,
	.free = lview_free,
	.click = lview_click,
};

struct view *
alerts_view(struct app *a)
{
	struct aview	*v = scs_xcalloc(1, sizeof *v);
	struct view	*vw;

	lview_init(&v->lv, a, SCOPE_ALERTS);
	v->lv.list.cursor = 1;
	vw = view_new(a, &alerts_view_ops, v, "alerts");
	vw->api = NULL;		/* every context's */
	return (vw);
}
