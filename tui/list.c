/*
 * list.c: a scrolling list of text lines with a cursor, for the views
 * made of lines (cluster tree, overviews, alerts). A line may hold one tab:
 * the part before it is a column padded to the widest such part (at most
 * half the screen). Each line carries a role and a link (what Enter on it
 * opens: "cluster NS/NAME", "view PLURAL", ...; NULL = nothing), and may
 * hold spans in roles of their own (a health bar's segments).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scs/util.h"
#include "tui.h"

void
list_clear(struct list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].span);
		link_clear(&l->v[i].link);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

struct list_line *
list_add(struct list *l, enum role role, const struct link *link,
    const char *fmt, ...)
{
	struct list_line	*x;
	va_list			 ap;

	l->v = scs_xreallocarray(l->v, l->n + 1, sizeof *l->v);
	x = &l->v[l->n++];
	va_start(ap, fmt);
	scs_xvasprintf(&x->text, fmt, ap);
	va_end(ap);
	x->role = role;
	memset(&x->link, 0, sizeof x->link);
	if (link != NULL)
		link_copy(&x->link, link);
	x->node = -1;
	x->span = NULL;
	x->nspan = 0;
	return (x);
}

void
list_append(struct list_line *x, enum role r, const char *fmt, ...)
{
	struct list_span	*sp;
	va_list			 ap;
	char			*add;
	size_t			 old = strlen(x->text), n;

	va_start(ap, fmt);
	scs_xvasprintf(&add, fmt, ap);
	va_end(ap);
	n = strlen(add);
	x->text = scs_xreallocarray(x->text, old + n + 1, 1);
	memcpy(x->text + old, add, n + 1);
	free(add);
	if (r == ROLE_MAX || n == 0)
		return;
	x->span = scs_xreallocarray(x->span, x->nspan + 1, sizeof *x->span);
	sp = &x->span[x->nspan++];
	sp->off = old;
	sp->len = n;
	sp->role = r;
}

const struct list_line *
list_current(const struct list *l)
{
	return (l->cur < l->n ? &l->v[l->cur] : NULL);
}

/* Width of the text before the tab, at most half the screen. */
static int
left_width(const char *text)
{
	const char	*tab = strchr(text, '\t');
	char		*left;
	int		 w;

	if (tab == NULL)
		return (-1);
	left = scs_xstrndup(text, (size_t)(tab - text));
	w = draw_width(left);
	free(left);
	return (w > COLS / 2 ? COLS / 2 : w);
}

/* Tab stops: every heading line (ROLE_HEAD) and every empty line starts a
 * section whose lines share one stop, the widest left part in it; so a
 * tenants table and a claims table on one page each get the width they
 * need. Returns an array of l->n stops (-1 for lines without a tab) and
 * sets *first to the stop of the first section, for a sticky heading. */
static int *
tab_stops(const struct list *l, int *first)
{
	int	*tw = scs_xcalloc(l->n + 1, sizeof *tw);
	size_t	 i, start = 0, k;
	int	 w, max = 0;

	*first = -1;
	for (i = 0; i <= l->n; i++) {
		if (i == l->n || (i > start && (l->v[i].role == ROLE_HEAD ||
		    l->v[i].text[0] == '\0'))) {
			for (k = start; k < i; k++)
				if (tw[k] >= 0)
					tw[k] = max;
			if (*first < 0 && max > 0)
				*first = max;
			start = i;
			max = 0;
			if (i == l->n)
				break;
		}
		w = left_width(l->v[i].text);
		tw[i] = w;
		if (w > max)
			max = w;
	}
	return (tw);
}

/* The screen column of byte off of text drawn with its tab at stop tw,
 * and in *limit the column its part ends before; -1 when not shown. */
static int
text_column(const char *text, size_t off, int tw, int *limit)
{
	const char	*tab = strchr(text, '\t');
	size_t		 from = 0;
	char		*part;
	int		 x = 0;

	*limit = COLS;
	if (tab != NULL && tw >= 0) {
		if (off <= (size_t)(tab - text))
			*limit = tw;	/* in the left column */
		else {
			from = (size_t)(tab - text) + 1;
			x = tw + 1;
		}
	}
	part = scs_xstrndup(text + from, off - from);
	x += draw_width(part);
	free(part);
	return (x < *limit ? x : -1);
}

/* A line's spans over what draw_tabbed drew, each in its role. */
static void
draw_spans(int y, const struct list_line *l, int tw)
{
	size_t	 i;
	char	*part;
	int	 x, w, limit;

	for (i = 0; i < l->nspan; i++) {
		x = text_column(l->text, l->span[i].off, tw, &limit);
		if (x < 0)
			continue;
		part = scs_xstrndup(l->text + l->span[i].off, l->span[i].len);
		w = draw_width(part);
		screen_role(l->span[i].role);
		draw_cell(y, x, part, w < limit - x ? w : limit - x, 0);
		free(part);
	}
}

/* Draw text with its tab at stop tw (no tab: the whole width). */
static void
draw_tabbed(int y, const char *text, int tw)
{
	const char	*tab = strchr(text, '\t');
	char		*left;

	if (tab == NULL || tw < 0) {
		draw_cell(y, 0, text, COLS, 0);
		return;
	}
	left = scs_xstrndup(text, (size_t)(tab - text));
	draw_cell(y, 0, left, tw, 0);
	free(left);
	if (tw < COLS)
		draw_cell(y, tw, " ", 1, 0);
	if (tw + 1 < COLS)
		draw_cell(y, tw + 1, tab + 1, COLS - tw - 1, 0);
}

int
list_draw(struct list *l, int y, int rows, const char *head)
{
	size_t		 i, k;
	int		 first, *tw = tab_stops(l, &first), yy;

	if (head != NULL) {
		if (first < 0)
			first = left_width(head);
		screen_role(ROLE_HEAD);
		move(y, 0);
		clrtoeol();
		draw_tabbed(y, head, first);
		y++;
		rows--;
	}
	l->row_y = y;
	l->nvis = rows > 0 ? rows : 0;
	if (rows < 1) {
		free(tw);
		return (first);
	}
	cursor_fit(&l->cur, &l->top, l->n, (size_t)rows);
	for (i = 0; i < (size_t)rows; i++) {
		k = l->top + i;
		yy = y + (int)i;
		move(yy, 0);
		screen_role(ROLE_NORMAL);
		clrtoeol();
		if (k >= l->n)
			continue;
		screen_role(k == l->cur && l->cursor ? ROLE_SELECT :
		    l->v[k].role);
		draw_tabbed(yy, l->v[k].text, tw[k]);
		if (!(k == l->cur && l->cursor))
			draw_spans(yy, &l->v[k], tw[k]);
	}
	screen_role(ROLE_NORMAL);
	free(tw);
	return (first);
}

void
cursor_fit(size_t *cur, size_t *top, size_t n, size_t rows)
{
	if (*cur >= n)
		*cur = n > 0 ? n - 1 : 0;
	if (*cur < *top)
		*top = *cur;
	if (rows > 0 && *cur >= *top + rows)
		*top = *cur - rows + 1;
}

int
cursor_action(size_t *cur, size_t n, size_t page, enum action act)
{
	size_t	 max = n > 0 ? n - 1 : 0;

	if (page == 0)
		page = 1;
	switch (act) {
	case ACTION_DOWN:
		if (*cur < max)
			(*cur)++;
		return (1);
	case ACTION_UP:
		if (*cur > 0)
			(*cur)--;
		return (1);
	case ACTION_TOP:
		*cur = 0;
		return (1);
	case ACTION_BOTTOM:
		*cur = max;
		return (1);
	case ACTION_PAGE_DOWN:
		*cur = *cur + page < max ? *cur + page : max;
		return (1);
	case ACTION_PAGE_UP:
		*cur = *cur > page ? *cur - page : 0;
		return (1);
	default:
		return (0);
	}
}

int
list_action(struct list *l, enum action act)
{
	return (cursor_action(&l->cur, l->n, l->nvis > 1 ? (size_t)l->nvis -
	    1 : 1, act));
}

int
list_click(struct list *l, int y)
{
	size_t	 k;

	if (y < l->row_y || y >= l->row_y + l->nvis)
		return (0);
	k = l->top + (size_t)(y - l->row_y);
	if (k >= l->n)
		return (0);
	l->cur = k;
	return (1);
}

static char *
dup_or_null(const char *s)
{
	return (s != NULL ? scs_xstrdup(s) : NULL);
}

void
link_copy(struct link *dst, const struct link *src)
{
	dst->kind = src->kind;
	dst->ctx = dup_or_null(src->ctx);
	dst->ns = dup_or_null(src->ns);
	dst->name = dup_or_null(src->name);
	dst->res = dup_or_null(src->res);
}

void
link_clear(struct link *l)
{
	free((char *)l->ctx);
	free((char *)l->ns);
	free((char *)l->name);
	free((char *)l->res);
	memset(l, 0, sizeof *l);
}

int
link_equal(const struct link *a, const struct link *b)
{
	return (a->kind == b->kind && scs_streq(a->ctx, b->ctx) &&
	    scs_streq(a->ns, b->ns) && scs_streq(a->name, b->name) &&
	    scs_streq(a->res, b->res));
}

/* Keep the cursor on the line with the same link after a rebuild. */
void
list_keep(struct list *l, const struct link *link)
{
	size_t	 i;

	if (link == NULL || link->kind == LINK_NONE)
		return;
	for (i = 0; i < l->n; i++) {
		if (link_equal(&l->v[i].link, link)) {
			l->cur = i;
			return;
		}
	}
}

int
text_holds(const char *line, const char *needle)
{
	size_t	 n = strlen(needle);

	if (n == 0)
		return (0);
	for (; *line != '\0'; line++) {
		if (strncasecmp(line, needle, n) == 0)
			return (1);
	}
	return (0);
}

int
text_search(size_t *cur, size_t n, const char *(*text)(const void *,
    size_t), const void *arg, const char *needle, int dir, int from_cursor)
{
	size_t	 i, at;

	if (needle[0] == '\0' || n == 0)
		return (0);
	for (i = from_cursor ? 0 : 1; i <= n; i++) {
		at = dir > 0 ? (*cur + i) % n : (*cur + n - i % n) % n;
		if (text_holds(text(arg, at), needle)) {
			*cur = at;
			return (1);
		}
	}
	return (0);
}

static const char *
list_text(const void *arg, size_t i)
{
	const struct list	*l = arg;

	return (l->v[i].text);
}

int
list_search(struct list *l, const char *needle, int dir, int from_cursor)
{
	return (text_search(&l->cur, l->n, list_text, l, needle, dir,
	    from_cursor));
}

void
list_add_conditions(struct list *l, const cJSON *conditions, int indent)
{
	const cJSON	*c;
	char		 row[2048];

	cJSON_ArrayForEach(c, conditions) {
		screen_condition_row(c, row, sizeof row);
		list_add(l, screen_health_role(scs_condition_health(c)), NULL,
		    "%*s  %s", indent, "", row);
	}
}
