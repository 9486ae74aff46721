/*
 * view.c: the stack of views (tui.h): push on Enter, pop on Esc, the
 * trail shown in the header; the part the live list views share (struct
 * lview: lines, the stores they watch).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "tui.h"

struct view *
view_new(struct app *a, const struct view_ops *ops, void *data,
    const char *fmt, ...)
{
	struct view	*v = scs_xcalloc(1, sizeof *v);
	va_list		 ap;

	v->ops = ops;
	v->app = a;
	v->api = a->api;
	v->data = data;
	va_start(ap, fmt);
	vsnprintf(v->crumb, sizeof v->crumb, fmt, ap);
	va_end(ap);
	return (v);
}

static void
view_free(struct view *v)
{
	if (v == NULL)
		return;
	v->ops->free(v);
	free(v);
}

void
view_push(struct app *a, struct view *v)
{
	/* A full stack forgets its oldest view above the root. */
	if (a->nviews == VIEW_MAX) {
		view_free(a->views[1]);
		memmove(a->views + 1, a->views + 2, (VIEW_MAX - 2) *
		    sizeof *a->views);
		a->nviews--;
	}
	a->views[a->nviews++] = v;
	a->dirty = 1;
}

void
view_pop(struct app *a)
{
	if (a->nviews <= 1)
		return;
	view_free(a->views[--a->nviews]);
	a->dirty = 1;
}

void
view_clear(struct app *a)
{
	while (a->nviews > 0)
		view_free(a->views[--a->nviews]);
	a->dirty = 1;
}

void
view_root(struct app *a, struct view *v)
{
	view_clear(a);
	view_push(a, v);
}

int
view_act(struct app *a, struct view *v, enum action act)
{
	int	 flags;

	if (v->ops->action == NULL)
		return (0);
	flags = v->ops->action(v, act);
	if (flags & (VIEW_REDRAW | VIEW_HANDLED))
		a->dirty = 1;
	if ((flags & VIEW_CLOSE) && view_top(a) == v)
		view_pop(a);
	return (flags);
}

struct view *
view_top(struct app *a)
{
	return (a->nviews > 0 ? a->views[a->nviews - 1] : NULL);
}

/* The trail with views first..n-1 elided (one "…" for them). */
static void
trail(struct app *a, int first, int n, char *buf, size_t len)
{
	int	 i, w;
	size_t	 used = 0;

	buf[0] = '\0';
	for (i = 0; i < a->nviews; i++) {
		if (i >= first && i < first + n && i != first)
			continue;
		w = snprintf(buf + used, len - used, "%s%s", i != 0 ?
		    " \u203a " : "", i == first && n > 0 ? "\u2026" :
		    a->views[i]->crumb);
		if (w < 0 || (size_t)w >= len - used)
			break;
		used += (size_t)w;
	}
}

void
view_trail(struct app *a, char *buf, size_t len, int cols)
{
	int	 n;

	/* Too long: the views after the first give way, oldest first, to
	 * one "…"; the first (where the user started) and the last (where
	 * the user is) stay while they fit. */
	trail(a, 0, 0, buf, len);
	for (n = 1; draw_width(buf) > cols && n < a->nviews - 1; n++)
		trail(a, 1, n, buf, len);
	/* Still too long: the first goes too. */
	if (draw_width(buf) > cols && a->nviews > 1)
		trail(a, 0, a->nviews - 1, buf, len);
}

/* The view being drawn: its context decides the stale mark. */
static struct view	*view_drawing;

void
view_draw(struct view *v, int y, int rows)
{
	view_drawing = v;
	v->ops->draw(v, y, rows);
	view_drawing = NULL;
}

/* The stale mark of the view being drawn: its context's, or the first
 * context of the app's that does not answer when it shows several. */
static int
view_stale(char *buf, size_t len)
{
	struct scs_store	*st[FLEET_MAX + 1];
	struct scs_api		*api[FLEET_MAX + 1];
	const char		*nm[FLEET_MAX + 1];
	struct view		*v = view_drawing;
	char			 one[128];
	size_t			 i, n;

	if (v == NULL)
		return (0);
	if (v->api != NULL)
		return (live_stale(v->api, buf, len));
	n = fleet_sources(v->app, st, nm, api, NULL, FLEET_MAX + 1);
	for (i = 0; i < n; i++) {
		if (live_stale(api[i], one, sizeof one)) {
			snprintf(buf, len, "%s: %s", nm[i], one);
			return (1);
		}
	}
	return (0);
}

void
view_title(int y, const char *fmt, ...)
{
	char	 title[512], stale[256];
	va_list	 ap;
	int	 x, sw = 0;

	va_start(ap, fmt);
	vsnprintf(title, sizeof title, fmt, ap);
	va_end(ap);
	if (view_stale(stale, sizeof stale)) {
		if (strlen(stale) + 1 < sizeof stale)
			strcat(stale, " ");
		sw = draw_width(stale);
		if (sw > COLS)
			sw = COLS;
	}
	screen_role(ROLE_TITLE);
	move(y, 0);
	clrtoeol();
	x = (COLS - sw - draw_width(title)) / 2;
	if (x < 0)
		x = 0;
	if (COLS - sw - x > 0)
		draw_cell(y, x, title, COLS - sw - x, 0);
	if (sw > 0) {
		screen_role(ROLE_WARN);
		draw_cell(y, COLS - sw, stale, sw, 0);
	}
	screen_role(ROLE_NORMAL);
}

/* --- the live list views' shared part --------------------------------- */

void
lview_init(struct lview *lv, struct app *a, enum scope s)
{
	lv->app = a;
	lv->scope = s;
	lv->stale = 1;
}

static void
lview_changed(struct scs_store *s, void *arg)
{
	struct lview	*lv = arg;

	(void)s;
	lv->stale = 1;
	lv->app->dirty = 1;
}

struct scs_store *
lview_watch(struct lview *lv, struct scs_store *s, int pooled)
{
	if (s == NULL)
		return (NULL);
	lv->stores = scs_xreallocarray(lv->stores, lv->nstores + 1,
	    sizeof *lv->stores);
	lv->pooled = scs_xreallocarray(lv->pooled, lv->nstores + 1,
	    sizeof *lv->pooled);
	lv->stores[lv->nstores] = s;
	lv->pooled[lv->nstores++] = pooled != 0;
	scs_store_subscribe(s, lview_changed, lv);
	return (s);
}

int
lview_busy(const struct lview *lv)
{
	size_t	 i;

	for (i = 0; i < lv->nstores; i++) {
		if (scs_store_busy(lv->stores[i]) ||
		    scs_store_state(lv->stores[i], NULL) == SCS_STORE_LOADING)
			return (1);
	}
	return (0);
}

int
lview_due(struct lview *lv)
{
	/* Ages tick: built again once a second while young. */
	if (lv->age_gen != draw_ages_gen()) {
		lv->age_gen = draw_ages_gen();
		lv->stale = 1;
	}
	if (!lv->stale)
		return (0);
	lv->stale = 0;
	return (1);
}

int
lview_conditions(struct lview *lv, enum action act, const char *key,
    char **expanded, int *all)
{
	if (act == ACTION_CONDITIONS_ALL)
		*all = !*all;
	else if (act != ACTION_CONDITIONS)
		return (0);
	else if (scs_streq(*expanded, key)) {
		free(*expanded);
		*expanded = NULL;
	} else {
		free(*expanded);
		*expanded = scs_xstrdup(key);
	}
	lv->stale = 1;
	return (1);
}

enum scope
lview_scope(struct view *v)
{
	struct lview	*lv = v->data;

	return (lv->scope);
}

void
lview_click(struct view *v, int y)
{
	struct lview	*lv = v->data;

	list_click(&lv->list, y);
}

void
lview_done(struct lview *lv)
{
	size_t	 i;

	for (i = 0; i < lv->nstores; i++) {
		scs_store_unsubscribe(lv->stores[i], lview_changed, lv);
		if (lv->pooled[i])
			app_store_put(lv->app, lv->stores[i]);
		else
			scs_store_free(lv->stores[i]);
	}
	free(lv->stores);
	free(lv->pooled);
	lv->stores = NULL;
	lv->pooled = NULL;
	lv->nstores = 0;
	list_clear(&lv->list);
}

void
lview_free(struct view *v)
{
	lview_done(v->data);
	free(v->data);
}
