/*
 * view.c: the stack of views (tui.h): push on Enter, pop on Esc, the
 * trail shown in the header.
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

struct view *
view_top(struct app *a)
{
	return (a->nviews > 0 ? a->views[a->nviews - 1] : NULL);
}

void
view_trail(struct app *a, char *buf, size_t len)
{
	int	 i, w;
	size_t	 used = 0;

	buf[0] = '\0';
	for (i = 0; i < a->nviews; i++) {
		w = snprintf(buf + used, len - used, "%s%s", i != 0 ?
		    " \u203a " : "", a->views[i]->crumb);
		if (w < 0 || (size_t)w >= len - used)
			break;
		used += (size_t)w;
	}
}

void
view_title(int y, const char *fmt, ...)
{
	char	 title[512];
	va_list	 ap;
	int	 x;

	va_start(ap, fmt);
	vsnprintf(title, sizeof title, fmt, ap);
	va_end(ap);
	screen_role(ROLE_TITLE);
	move(y, 0);
	clrtoeol();
	x = (COLS - draw_width(title)) / 2;
	draw_cell(y, x > 0 ? x : 0, title, COLS - (x > 0 ? x : 0), 0);
	screen_role(ROLE_NORMAL);
}
