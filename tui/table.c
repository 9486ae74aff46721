/*
 * table.c: the resource table over a store: columns sized to what they
 * hold and fitted to the width (NAME first, low-priority ones drop first), filter (substring, "!" inverse,
 * "-l key=value" labels), selection kept by identity as rows change.
 * Only visible rows are formatted.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scs/util.h"
#include "tui.h"

#define MAXCOLS	(SCS_RECORD_MAXCOLS + 4)

/* The columns every table has (or may have), beside the kind's own. */
enum fixed_col {
	COL_KIND = -1,		/* a column of the kind (kind_index) */
	COL_NS, COL_NAME, COL_STATUS, COL_AGE, COL_MESSAGE, COL_CONTEXT,
	COL_SERVER,		/* a column the server's Table gives */
	COL_SEEN		/* an event's last seen */
};

struct col {
	const char	*name;
	int		 width;
	int		 priority;
	int		 right;
	int		 kind_index;	/* -1: fixed column */
	enum fixed_col	 fixed;		/* COL_KIND: the kind's column */
	int		 want;		/* what its content needs (0: width) */
};

struct row {
	const struct scs_record	*r;
	int			 src;		/* index into stores */
};

#define TABLE_MAX_STORES	16

struct table {
	struct scs_store	 *store;	/* the first of stores */
	struct scs_store	 *stores[TABLE_MAX_STORES];
	char			 *names[TABLE_MAX_STORES];	/* contexts */
	int			  nstores;
	char			 *title;
	int			  all_ns;
	struct row		 *rows;
	size_t			  nrows;
	size_t			  cap;
	uint64_t		  gen;
	int			  stale;
	char			  filter[256];
	char			  applied[256];	/* filter rows[] was built with */
	char			  filter_error[128];	/* a bad -l selector */
	size_t			  sel;
	size_t			  top;
	char			  sel_ns[256];
	char			  sel_name[256];
	int			  sel_src;
	int64_t			  synced_ms;	/* first seen synced */
	char			  sort[32];	/* column name, "" = by namespace/name */
	int			  sort_desc;
	struct col		  last[MAXCOLS];	/* the last layout */
	size_t			  nlast;
	int			  row_y;	/* screen line of the first row */
	int			  nvis;		/* rows drawn */
	int64_t			  highlight_until;
	/* Widest content per column over the rows (bytes, a close upper
	 * bound of columns), measured when the rows change. */
	int			  w_ns, w_name, w_status;
	int			  w_kind[SCS_RECORD_MAXCOLS];
	/* Columns from the server's Table output (kinds we do not know). */
	int			  nserver;
	char			 *server_names[SCS_RECORD_MAXCOLS];
	table_cell_fn		  server_cell;
	void			 *server_arg;
};

#define HIGHLIGHT_MS	2000
#define MEASURE_ROWS	1000	/* rows read for the widths at a refresh */

static const char	*cell_text(const struct scs_record *,
			    const struct col *, char *, size_t);
static void		 table_refresh(struct table *);
static const struct col	*sort_col;	/* for qsort, one thread */
static struct table	*cell_table;	/* for server cells, one thread */
static int		 sort_desc;

/* Compare digits as numbers ("9" < "10"), the rest as text. */
static int
natural_cmp(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			unsigned long x = strtoul(a, (char **)&a, 10);
			unsigned long y = strtoul(b, (char **)&b, 10);

			if (x != y)
				return (x < y ? -1 : 1);
			continue;
		}
		if (*a != *b)
			return ((unsigned char)*a < (unsigned char)*b ? -1 : 1);
		a++;
		b++;
	}
	return (*a == *b ? 0 : *a == '\0' ? -1 : 1);
}

static int
row_cmp(const void *pa, const void *pb)
{
	const struct scs_record	*a = ((const struct row *)pa)->r;
	const struct scs_record	*b = ((const struct row *)pb)->r;
	int			 sa = ((const struct row *)pa)->src;
	int			 sb = ((const struct row *)pb)->src;
	char			 ba[128], bb[128];
	int			 c;

	if (sort_col->fixed == COL_CONTEXT)	/* context: in the given order */
		c = sa - sb;
	else if (sort_col->fixed == COL_AGE)	/* age: newer first reads naturally */
		c = a->created == b->created ? 0 : a->created > b->created ?
		    -1 : 1;
	else if (sort_col->fixed == COL_SEEN)	/* last seen: newest first */
		c = a->since == b->since ? 0 : a->since > b->since ? -1 : 1;
	else if (sort_col->fixed == COL_STATUS)
		c = (int)b->health - (int)a->health;
	else
		c = natural_cmp(cell_text(a, sort_col, ba, sizeof ba),
		    cell_text(b, sort_col, bb, sizeof bb));
	if (c == 0)
		c = strcmp(a->name, b->name);
	return (sort_desc ? -c : c);
}

/* A table of core Events: kubectl's columns (LAST SEEN TYPE REASON
 * OBJECT COUNT MESSAGE), no event name, no STATUS repeating TYPE. */
static int
table_events(const struct table *t)
{
	const struct scs_kind	*k = scs_index_kind(scs_store_index(t->store));

	return (k->group != NULL && k->group[0] == '\0' &&
	    strcmp(k->plural, "events") == 0);
}

struct table *
table_new(struct scs_store *s, const char *title, int all_ns)
{
	return (table_new_multi(&s, NULL, 1, title, all_ns));
}

struct table *
table_new_multi(struct scs_store *const *s, const char *const *names,
    size_t n, const char *title, int all_ns)
{
	struct table	*t = scs_xcalloc(1, sizeof *t);
	size_t		 i;

	for (i = 0; i < n && i < TABLE_MAX_STORES; i++) {
		t->stores[i] = s[i];
		t->names[i] = scs_xstrdup(names != NULL && names[i] != NULL ?
		    names[i] : "");
	}
	t->nstores = (int)i;
	t->store = s[0];
	t->title = scs_xstrdup(title);
	t->all_ns = all_ns;
	t->stale = 1;
	/* Events as operators read them: newest first. */
	if (table_events(t))
		scs_strlcpy(t->sort, "LAST SEEN", sizeof t->sort);
	return (t);
}

int
table_selected_source(struct table *t)
{
	table_refresh(t);
	return (t->sel < t->nrows ? t->rows[t->sel].src : -1);
}

void
table_free(struct table *t)
{
	int	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nstores; i++)
		free(t->names[i]);
	for (i = 0; i < t->nserver; i++)
		free(t->server_names[i]);
	free(t->rows);
	free(t->title);
	free(t);
}

struct scs_store *
table_store(const struct table *t)
{
	return (t->store);
}

/* ASCII lower case; other bytes as they are. */
static inline unsigned char
lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

/*
 * Case-insensitive (ASCII) substring test; needle is lower case already,
 * n its length. Compares a whole candidate only where its first byte
 * matches: a keystroke in the filter runs this over every field of every
 * row (docs/benchmarks.md).
 */
static int
contains(const char *hay, const char *needle, size_t n)
{
	const unsigned char	*h = (const unsigned char *)hay;
	unsigned char		 c0 = (unsigned char)needle[0];
	size_t			 i;

	if (n == 0)
		return (1);
	if (hay == NULL)
		return (0);
	for (; *h != '\0'; h++) {
		if (lower(*h) != c0)
			continue;
		for (i = 1; i < n && h[i] != '\0' &&
		    lower(h[i]) == (unsigned char)needle[i]; i++)
			;
		if (i == n)
			return (1);
	}
	return (0);
}

/* A filter parsed once per refresh, not once per row. */
struct filt {
	int		 label;		/* "-l SELECTOR" */
	struct scs_labelsel *sel;	/* NULL: a bad selector, no rows */
	int		 inv;		/* "!text" */
	char		 text[256];	/* lower case */
	size_t		 n;
};

/* Parse f; a bad label selector's error goes to err. */
static void
filt_compile(struct filt *c, const char *f, char *err, size_t errlen)
{
	char	*cause = NULL;

	memset(c, 0, sizeof *c);
	err[0] = '\0';
	if (strncmp(f, "-l ", 3) == 0) {
		c->label = 1;
		if ((c->sel = scs_labelsel_parse(f + 3, &cause)) == NULL) {
			scs_strlcpy(err, cause != NULL ? cause : "bad selector",
			    errlen);
			free(cause);
		}
		return;
	}
	if (*f == '!') {
		c->inv = 1;
		f++;
	}
	for (; f[c->n] != '\0' && c->n < sizeof c->text - 1; c->n++)
		c->text[c->n] = (char)lower((unsigned char)f[c->n]);
	c->text[c->n] = '\0';
}

static int
row_matches(const struct scs_record *r, const struct filt *c)
{
	int		 hit;
	size_t		 i;

	if (c->label)
		return (c->sel != NULL && scs_labelsel_match(c->sel, r));
	if (c->n == 0)
		return (1);
	hit = contains(r->name, c->text, c->n) ||
	    contains(r->ns, c->text, c->n) ||
	    contains(r->status, c->text, c->n) ||
	    contains(r->message, c->text, c->n);
	for (i = 0; !hit && i < r->ncols; i++)
		hit = contains(r->cols[i], c->text, c->n);
	return (hit != c->inv);
}

/*
 * Records and their names are scattered over the heap: a keystroke's pass
 * over 10,000 rows waited on memory for each (perf on the realistic world:
 * 93% of contains() at the first byte of a field). So the pass asks for
 * the record PREFETCH rows ahead and for its name and message half as far
 * ahead, when the record has arrived.
 */
#define PREFETCH	16

static inline void
prefetch_strings(const struct scs_record *r)
{
	__builtin_prefetch(r->name);
	if (r->message != NULL)
		__builtin_prefetch(r->message);
}

/* A plain substring filter (not "!..." nor "-l ..."). */
static int
filter_plain(const char *f)
{
	return (f[0] != '!' && strncmp(f, "-l ", 3) != 0);
}

/* Widen the columns to what r holds. */
static void
measure(struct table *t, const struct scs_record *r)
{
	int	 c, w;

	if ((w = (int)strlen(r->ns)) > t->w_ns)
		t->w_ns = w;
	if ((w = (int)strlen(r->name)) > t->w_name)
		t->w_name = w;
	w = 2 + (int)(r->status != NULL && r->status[0] != '\0' ?
	    strlen(r->status) : strlen(scs_health_name(r->health)));
	if (w > t->w_status)
		t->w_status = w;
	for (c = 0; c < r->ncols && c < SCS_RECORD_MAXCOLS; c++) {
		if (r->cols[c] != NULL &&
		    (w = (int)strlen(r->cols[c])) > t->w_kind[c])
			t->w_kind[c] = w;
	}
}

static void
table_refresh(struct table *t)
{
	const struct scs_index	*x;
	const struct scs_record	*r;
	size_t			 i, j, n = 0;
	size_t			 alen = strlen(t->applied);
	uint64_t		 gen = 0;
	int			 k;
	struct filt		 c;

	/* Generations only grow: their sum moves when any index changed. */
	for (k = 0; k < t->nstores; k++) {
		x = scs_store_index(t->stores[k]);
		gen += scs_index_generation(x) + 1;
		n += scs_index_count(x);
	}
	if (!t->stale && t->gen == gen)
		return;
	filt_compile(&c, t->filter, t->filter_error, sizeof t->filter_error);
	if (t->gen == gen && alen != 0 && strlen(t->filter) > alen &&
	    filter_plain(t->applied) && filter_plain(t->filter) &&
	    strncmp(t->filter, t->applied, alen) == 0) {
		/* Typing on narrows: only rows that matched can match. */
		for (i = j = 0; i < t->nrows; i++) {
			if (i + PREFETCH < t->nrows)
				__builtin_prefetch(t->rows[i + PREFETCH].r);
			if (i + PREFETCH / 2 < t->nrows)
				prefetch_strings(t->rows[i + PREFETCH / 2].r);
			if (row_matches(t->rows[i].r, &c))
				t->rows[j++] = t->rows[i];
		}
		t->nrows = j;
	} else {
		if (n > t->cap) {
			t->cap = n;
			t->rows = scs_xreallocarray(t->rows, t->cap,
			    sizeof *t->rows);
		}
		t->nrows = 0;
		for (k = 0; k < t->nstores; k++) {
			x = scs_store_index(t->stores[k]);
			for (i = 0; i < scs_index_count(x); i++) {
				r = scs_index_at(x, i);
				if (c.n > 0 && i + PREFETCH <
				    scs_index_count(x)) {
					__builtin_prefetch(scs_index_at(x,
					    i + PREFETCH));
					prefetch_strings(scs_index_at(x,
					    i + PREFETCH / 2));
				}
				if (!row_matches(r, &c))
					continue;
				t->rows[t->nrows].r = r;
				t->rows[t->nrows++].src = k;
			}
		}
	}
	scs_labelsel_free(c.sel);
	/* Columns as wide as what the rows hold: the rows the filter lets
	 * through, so what is on screen decides (and a narrowing filter
	 * gives the names more room). Of a long table the first
	 * MEASURE_ROWS are read here and the rows drawn in table_draw:
	 * a keystroke over 10,000 rows stays cheap. */
	t->w_ns = t->w_name = t->w_status = 0;
	memset(t->w_kind, 0, sizeof t->w_kind);
	for (i = 0; i < t->nrows && i < MEASURE_ROWS; i++)
		measure(t, t->rows[i].r);
	t->gen = gen;
	t->stale = 0;
	scs_strlcpy(t->applied, t->filter, sizeof t->applied);
	sort_col = NULL;
	if (t->sort[0] != '\0') {
		for (i = 0; i < t->nlast; i++) {
			if (strcmp(t->last[i].name, t->sort) == 0)
				break;
		}
		if (i < t->nlast)
			sort_col = &t->last[i];
	}
	cell_table = t;
	if (sort_col != NULL) {
		sort_desc = t->sort_desc;
		qsort(t->rows, t->nrows, sizeof *t->rows, row_cmp);
	}
	/* Keep the selection on the same object when it is still there. */
	if (t->sel_name[0] != '\0') {
		for (i = 0; i < t->nrows; i++) {
			if (strcmp(t->rows[i].r->name, t->sel_name) == 0 &&
			    strcmp(t->rows[i].r->ns, t->sel_ns) == 0 &&
			    t->rows[i].src == t->sel_src) {
				t->sel = i;
				break;
			}
		}
	}
	if (t->sel >= t->nrows)
		t->sel = t->nrows > 0 ? t->nrows - 1 : 0;
}

static void
remember(struct table *t)
{
	if (t->sel < t->nrows) {
		scs_strlcpy(t->sel_ns, t->rows[t->sel].r->ns,
		    sizeof t->sel_ns);
		scs_strlcpy(t->sel_name, t->rows[t->sel].r->name,
		    sizeof t->sel_name);
		t->sel_src = t->rows[t->sel].src;
	}
}

const struct scs_record *
table_selected(struct table *t)
{
	table_refresh(t);
	return (t->sel < t->nrows ? t->rows[t->sel].r : NULL);
}

void
table_set_filter(struct table *t, const char *f)
{
	scs_strlcpy(t->filter, f, sizeof t->filter);
	t->stale = 1;
	t->top = 0;
}

const char *
table_filter(const struct table *t)
{
	return (t->filter);
}

void
table_set_server_columns(struct table *t, int n, const char *const *names,
    table_cell_fn fn, void *arg)
{
	int	 i;

	for (i = 0; i < t->nserver; i++)
		free(t->server_names[i]);
	if (n > SCS_RECORD_MAXCOLS)
		n = SCS_RECORD_MAXCOLS;
	for (i = 0; i < n; i++)
		t->server_names[i] = scs_xstrdup(names[i]);
	t->nserver = n;
	t->server_cell = fn;
	t->server_arg = arg;
	t->stale = 1;
}

int
table_click(struct table *t, int y)
{
	size_t	 i;

	if (y < t->row_y || y >= t->row_y + t->nvis)
		return (0);
	i = t->top + (size_t)(y - t->row_y);
	if (i >= t->nrows)
		return (0);
	t->sel = i;
	remember(t);
	return (1);
}

int64_t
table_highlight_until(const struct table *t)
{
	return (t->highlight_until);
}

/* Sort by column name; the same column again reverses. */
static void
table_sort_by(struct table *t, const char *name)
{
	if (strcmp(t->sort, name) == 0)
		t->sort_desc = !t->sort_desc;
	else {
		scs_strlcpy(t->sort, name, sizeof t->sort);
		t->sort_desc = 0;
	}
	t->stale = 1;
}

static void
table_sort_step(struct table *t, int dir)
{
	size_t	 i;
	int	 cur = -1;

	if (t->nlast == 0)
		return;
	for (i = 0; i < t->nlast; i++) {
		if (strcmp(t->last[i].name, t->sort) == 0)
			cur = (int)i;
	}
	cur = cur < 0 ? (dir > 0 ? 0 : (int)t->nlast - 1) :
	    (cur + dir + (int)t->nlast) % (int)t->nlast;
	scs_strlcpy(t->sort, t->last[cur].name, sizeof t->sort);
	t->sort_desc = 0;
	t->stale = 1;
}

int
table_action(struct table *t, enum action act, int page)
{
	table_refresh(t);
	if (page < 1)
		page = 1;
	if (cursor_action(&t->sel, t->nrows, (size_t)page, act)) {
		remember(t);
		return (1);
	}
	switch (act) {
	case ACTION_SORT_NAME:
		table_sort_by(t, "NAME");
		return (1);
	case ACTION_SORT_AGE:
		table_sort_by(t, "AGE");
		return (1);
	case ACTION_SORT_STATUS:
		table_sort_by(t, "STATUS");
		return (1);
	case ACTION_SORT_NEXT:
	case ACTION_SORT_PREV:
		table_sort_step(t, act == ACTION_SORT_NEXT ? 1 : -1);
		return (1);
	default:
		return (0);
	}
}

/* Choose the columns that fit into width. */
static size_t
layout(struct table *t, struct col *cols, int width)
{
	const struct scs_kind	*k = scs_index_kind(scs_store_index(t->store));
	size_t			 n = 0, i, c, drop;
	int			 total, maxp, spare, grow, pass;
	int			 ev = table_events(t);

	if (t->nstores > 1) {
		int	 w = 7, si;

		for (si = 0; si < t->nstores; si++)
			if (draw_width(t->names[si]) > w)
				w = draw_width(t->names[si]);
		cols[n++] = (struct col){ "CONTEXT", w > 20 ? 20 : w, 0, 0,
		    -1, COL_CONTEXT, 0 };
	}
	if (t->all_ns)
		cols[n++] = (struct col){ "NAMESPACE", 12, ev ? 5 : 0, 0, -1,
		    COL_NS, 0 };
	if (ev)
		cols[n++] = (struct col){ "LAST SEEN", 10, 0, 1, -1, COL_SEEN, 0 };
	else {
		cols[n++] = (struct col){ "NAME", 16, 0, 0, -1, COL_NAME, 0 };
		cols[n++] = (struct col){ "STATUS", 14, 0, 0, -1, COL_STATUS, 0 };
	}
	for (i = 0; i < k->ncols && n < MAXCOLS - 1; i++)
		cols[n++] = (struct col){ k->cols[i].name, k->cols[i].width,
		    k->cols[i].priority, k->cols[i].align == SCS_ALIGN_RIGHT,
		    (int)i, COL_KIND, 0 };
	for (i = 0; i < (size_t)t->nserver && n < MAXCOLS - 2; i++)
		cols[n++] = (struct col){ t->server_names[i], 12, 1, 0,
		    (int)i, COL_SERVER, 0 };
	if (!ev)
		cols[n++] = (struct col){ "AGE", 5, 0, 1, -1, COL_AGE, 0 };
	/* An event's MESSAGE stays and takes what is left. */
	cols[n++] = (struct col){ "MESSAGE", ev ? 24 : 20, ev ? 0 : 4, 0, -1,
	    COL_MESSAGE, 0 };
	/* No wider than what they hold (nor narrower than their heading):
	 * more columns fit before any is dropped. */
	for (i = 0; i < n; i++) {
		int	 head = (int)strlen(cols[i].name) +
			    (strcmp(cols[i].name, t->sort) == 0);
		int	 want = cols[i].kind_index >= 0 && cols[i].fixed == COL_KIND ?
			    t->w_kind[cols[i].kind_index] :
			    cols[i].fixed == COL_NS ? t->w_ns :
			    cols[i].fixed == COL_NAME ? t->w_name :
			    cols[i].fixed == COL_STATUS ? t->w_status : -1;

		if (want < 0)
			continue;
		if (want < head)
			want = head;
		cols[i].want = want > 40 ? 40 : want;
		if (cols[i].fixed == COL_NAME)	/* names matter most */
			cols[i].width = want > 24 ? 24 : want;
		else if (want < cols[i].width)
			cols[i].width = want;
	}
	for (;;) {
		total = 0;
		for (i = 0; i < n; i++)
			total += cols[i].width + 1;
		if (total <= width)
			break;
		/* Drop the most dispensable (highest priority) column. */
		maxp = 0;
		drop = n;
		for (i = 0; i < n; i++) {
			if (cols[i].priority >= maxp && cols[i].priority > 0) {
				maxp = cols[i].priority;
				drop = i;
			}
		}
		if (drop == n)
			break;
		memmove(cols + drop, cols + drop + 1, (n - drop - 1) *
		    sizeof *cols);
		n--;
	}
	/* Spare width goes to NAME (up to its longest name, at most 40),
	 * then to the columns that cut their content, then to MESSAGE (or
	 * NAME); too little takes it from NAME. */
	for (i = 0; i < n && cols[i].fixed != (ev ? COL_MESSAGE : COL_NAME); i++)
		;
	spare = width - total;
	if (i < n && spare <= 0) {
		cols[i].width += spare;
		if (cols[i].width < 8)
			cols[i].width = 8;
	}
	for (pass = 0; pass < 2 && spare > 0; pass++) {
		for (c = 0; c < n && spare > 0; c++) {
			if ((pass == 0) != (cols[c].fixed == COL_NAME) ||
			    cols[c].want <= cols[c].width)
				continue;
			grow = cols[c].want - cols[c].width;
			if (grow > spare)
				grow = spare;
			cols[c].width += grow;
			spare -= grow;
		}
	}
	if (spare > 0 && cols[n - 1].fixed == COL_MESSAGE)
		cols[n - 1].width += spare;
	else if (spare > 0 && i < n)
		cols[i].width += spare;
	return (n);
}

static const char *
cell_text(const struct scs_record *r, const struct col *c, char *buf,
    size_t len)
{
	const char	*v;

	if (c->fixed == COL_SERVER) {
		v = cell_table != NULL && cell_table->server_cell != NULL ?
		    cell_table->server_cell(cell_table->server_arg, r,
		    c->kind_index) : NULL;
		return (v != NULL ? v : "");
	}
	if (c->kind_index >= 0)
		return (c->kind_index < r->ncols ? r->cols[c->kind_index] : "");
	switch (c->fixed) {
	case COL_NS:
		return (r->ns);
	case COL_NAME:
		return (r->name);
	case COL_MESSAGE:
		return (r->message != NULL ? r->message : "");
	case COL_STATUS:
		snprintf(buf, len, "%s %s", screen_health_glyph(r->health),
		    r->status != NULL && r->status[0] != '\0' ? r->status :
		    scs_health_name(r->health));
		return (buf);
	case COL_SEEN:
		if (r->since <= 0)
			return ("-");
		draw_age(scs_wall_s() - r->since, buf, len);
		return (buf);
	default:
		if (r->created <= 0)
			return ("-");
		draw_age(scs_wall_s() - r->created, buf, len);
		return (buf);
	}
}

void
table_draw(struct table *t, int y, int rows)
{
	struct col		 cols[MAXCOLS];
	size_t			 n, i, r;
	int			 x, width = COLS;
	char			 title[512], buf[128];
	const char		*msg;
	enum scs_store_state	 st;
	const struct scs_record	*rec;
	int64_t			 now = scs_now_ms();
	int			 src, k;

	table_refresh(t);
	cell_table = t;
	st = scs_store_state(t->store, &msg);
	/* Several contexts: each fails on its own; show the first. */
	for (k = 1; k < t->nstores && (st == SCS_STORE_SYNCED ||
	    st == SCS_STORE_RESYNCING); k++)
		st = scs_store_state(t->stores[k], &msg);
	if (t->synced_ms == 0 && st == SCS_STORE_SYNCED)
		t->synced_ms = now;
	snprintf(title, sizeof title, " %s(%s)[%zu]%s%s%s%s%s%s ", t->title,
	    t->nstores > 1 ? "all contexts" :
	    t->all_ns ? "all" :
	    scs_store_namespace(t->store)[0] != '\0' ?
	    scs_store_namespace(t->store) : "-", t->nrows,
	    t->filter[0] != '\0' ? " </" : "", t->filter,
	    t->filter[0] != '\0' ? ">" : "",
	    t->filter_error[0] != '\0' ? " bad selector: " : "",
	    t->filter_error,
	    st == SCS_STORE_LOADING ? " loading\u2026" :
	    st == SCS_STORE_RESYNCING ? " resyncing\u2026" : "");
	view_title(y, "%s", title);
	if (st == SCS_STORE_FORBIDDEN || st == SCS_STORE_ERROR ||
	    st == SCS_STORE_BACKOFF) {
		screen_role(st == SCS_STORE_BACKOFF ? ROLE_WARN : ROLE_ERROR);
		snprintf(title, sizeof title, "%s: %s",
		    scs_store_state_name(st), msg);
		draw_cell(y + 1, 0, title, width, 0);
		y++;
		rows--;
	}
	/* The rows about to be drawn count too (past MEASURE_ROWS). */
	for (r = t->top; r < t->nrows && r < t->top + (size_t)(rows > 0 ?
	    rows : 0); r++)
		if (r >= MEASURE_ROWS)
			measure(t, t->rows[r].r);
	n = layout(t, cols, width);
	memcpy(t->last, cols, n * sizeof *cols);
	t->nlast = n;
	screen_role(ROLE_HEAD);
	for (i = 0, x = 0; i < n; i++) {
		char	 head[48];

		snprintf(head, sizeof head, "%s%s", cols[i].name,
		    strcmp(cols[i].name, t->sort) != 0 ? "" : t->sort_desc ?
		    "\u2193" : "\u2191");
		draw_cell(y + 1, x, head, cols[i].width, cols[i].right);
		x += cols[i].width;
		if (i + 1 < n)
			mvaddch(y + 1, x++, ' ');
	}
	rows -= 2;
	t->row_y = y + 2;
	t->nvis = rows > 0 ? rows : 0;
	t->highlight_until = 0;
	if (rows < 1)
		return;
	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + (size_t)rows)
		t->top = t->sel - (size_t)rows + 1;
	for (r = 0; r < (size_t)rows; r++) {
		move(y + 2 + (int)r, 0);
		screen_role(ROLE_NORMAL);
		clrtoeol();
		if (t->top + r >= t->nrows)
			continue;
		rec = t->rows[t->top + r].r;
		src = t->rows[t->top + r].src;
		for (i = 0, x = 0; i < n; i++) {
			if (t->top + r == t->sel)
				screen_role(ROLE_SELECT);
			else if (cols[i].fixed == COL_STATUS)
				screen_role(screen_health_role(rec->health));
			else if (cols[i].fixed == COL_NAME &&
			    t->synced_ms != 0 && rec->changed_ms > t->synced_ms &&
			    now - rec->changed_ms < HIGHLIGHT_MS) {
				screen_role(ROLE_CHANGED);
				if (t->highlight_until == 0 ||
				    rec->changed_ms + HIGHLIGHT_MS <
				    t->highlight_until)
					t->highlight_until = rec->changed_ms +
					    HIGHLIGHT_MS;
			}
			else
				screen_role(ROLE_NORMAL);
			draw_cell(y + 2 + (int)r, x, cols[i].fixed == COL_CONTEXT ?
			    t->names[src] : cell_text(rec, &cols[i], buf,
			    sizeof buf), cols[i].width, cols[i].right);
			x += cols[i].width;
			if (i + 1 < n)
				mvaddch(y + 2 + (int)r, x++, ' ');
		}
	}
	screen_role(ROLE_NORMAL);
}
