/*
 * export.c: the screen as a file: plain text, ANSI (SGR) text, SVG or
 * HTML, with the current theme's colours. The screen can hold hostile
 * server strings: every character is escaped for the format and control
 * or bidirectional-override characters never leave this file.
 */
#include <sys/stat.h>

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <wchar.h>

#include "scs/util.h"
#include "tui.h"

/* Pixels of one cell in SVG; the font size that fits it. */
#define EXPORT_CW	9
#define EXPORT_CH	18
#define EXPORT_FONT	15
#define EXPORT_BASE	14	/* baseline below the cell's top */

/* Terminal default colours when the theme's normal role leaves them. */
#define EXPORT_FG	0xe5e5e5
#define EXPORT_BG	0x000000

#define EXPORT_ATTRS	(A_BOLD | A_DIM | A_UNDERLINE | A_REVERSE |	\
			    A_ITALIC | A_BLINK)

static const char *const format_names[] = {
#define X(n, name, ext)	name,
	EXPORT_FORMAT_LIST(X)
#undef X
};

static const char *const format_exts[] = {
#define X(n, name, ext)	ext,
	EXPORT_FORMAT_LIST(X)
#undef X
};

/* One screen cell; fg and bg as a theme colour (-1, 0-255, THEME_RGB). */
struct cell {
	wchar_t	 ch[CCHARW_MAX + 1];
	int	 fg, bg;
	attr_t	 attr;
	int	 width;		/* 1 or 2; 0 for the right half of a wide one */
};

struct grid {
	int		 rows, cols;
	struct cell	*cells;
	int		 deffg, defbg;	/* RGB of the terminal default */
};

/* The xterm palette of the 16 basic colours. */
static const int xterm16[16] = {
	0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd,
	0x00cdcd, 0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
	0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
};

enum export_format
export_format_from_name(const char *s)
{
	int	 i;

	if (s == NULL)
		return (EXPORT_NONE);
	for (i = 0; i < EXPORT_NONE; i++) {
		if (strcasecmp(s, format_names[i]) == 0 ||
		    strcasecmp(s, format_exts[i]) == 0)
			return ((enum export_format)i);
	}
	if (strcasecmp(s, "htm") == 0)
		return (EXPORT_HTML);
	if (strcasecmp(s, "plain") == 0)
		return (EXPORT_TEXT);
	return (EXPORT_NONE);
}

enum export_format
export_format_from_path(const char *path)
{
	const char	*slash, *dot;

	if (path == NULL)
		return (EXPORT_NONE);
	slash = strrchr(path, '/');
	dot = strrchr(slash != NULL ? slash + 1 : path, '.');
	if (dot == NULL || dot[1] == '\0')
		return (EXPORT_NONE);
	return (export_format_from_name(dot + 1));
}

/* A colour of the theme as 0xrrggbb; -1 stays -1. */
int
export_colour_rgb(int c)
{
	int	 i, steps[6] = { 0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff };

	if (c < 0)
		return (-1);
	if (c & THEME_RGB)
		return (c & 0xffffff);
	if (c < 16)
		return (xterm16[c]);
	if (c < 232) {
		i = c - 16;
		return (steps[i / 36] << 16 | steps[i / 6 % 6] << 8 |
		    steps[i % 6]);
	}
	if (c < 256) {
		i = 8 + (c - 232) * 10;
		return (i << 16 | i << 8 | i);
	}
	return (-1);
}

/*
 * What may leave this file: no C0/C1 controls, DEL, line or paragraph
 * separators, bidirectional controls and invisible format characters
 * (scs_invisible_format), surrogates, non-characters or
 * values past Unicode; the rest becomes U+FFFD.
 */
static wchar_t
safe_wc(wchar_t wc)
{
	unsigned long	 c = (unsigned long)wc;

	if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 ||
	    c == 0x2029 || scs_invisible_format((unsigned)c) ||
	    (c >= 0xd800 && c <= 0xdfff) || (c & 0xfffe) == 0xfffe ||
	    (c >= 0xfdd0 && c <= 0xfdef) || c > 0x10ffff)
		return (0xfffd);
	return (wc);
}

static void
add_utf8(struct scs_buf *b, wchar_t wc)
{
	unsigned long	 c = (unsigned long)safe_wc(wc);
	char		 s[4];

	if (c < 0x80) {
		scs_buf_addc(b, (char)c);
	} else if (c < 0x800) {
		s[0] = (char)(0xc0 | c >> 6);
		s[1] = (char)(0x80 | (c & 0x3f));
		scs_buf_add(b, s, 2);
	} else if (c < 0x10000) {
		s[0] = (char)(0xe0 | c >> 12);
		s[1] = (char)(0x80 | (c >> 6 & 0x3f));
		s[2] = (char)(0x80 | (c & 0x3f));
		scs_buf_add(b, s, 3);
	} else {
		s[0] = (char)(0xf0 | c >> 18);
		s[1] = (char)(0x80 | (c >> 12 & 0x3f));
		s[2] = (char)(0x80 | (c >> 6 & 0x3f));
		s[3] = (char)(0x80 | (c & 0x3f));
		scs_buf_add(b, s, 4);
	}
}

/* One character for XML and HTML text and attribute values. */
static void
add_xml(struct scs_buf *b, wchar_t wc)
{
	switch (safe_wc(wc)) {
	case '&':
		scs_buf_adds(b, "&amp;");
		break;
	case '<':
		scs_buf_adds(b, "&lt;");
		break;
	case '>':
		scs_buf_adds(b, "&gt;");
		break;
	case '"':
		scs_buf_adds(b, "&quot;");
		break;
	case '\'':
		scs_buf_adds(b, "&#39;");
		break;
	default:
		add_utf8(b, wc);
		break;
	}
}

/* The characters of one cell (base and combining). */
static void
add_cell(struct scs_buf *b, const struct cell *c, int xml)
{
	int	 k;

	for (k = 0; k < CCHARW_MAX && c->ch[k] != 0; k++) {
		if (xml)
			add_xml(b, c->ch[k]);
		else
			add_utf8(b, c->ch[k]);
	}
}

/* The theme colours of colour pair p, as theme_apply set them. */
static void
pair_colours(const struct theme *t, int colour, short p, int *fg, int *bg)
{
	short	 f, b;

	*fg = *bg = -1;
	if (!colour)
		return;
	if (p == 0) {
		*fg = t->fg[ROLE_NORMAL];
		*bg = t->bg[ROLE_NORMAL];
	} else if (p > 0 && p < ROLE_MAX) {
		*fg = t->fg[p];
		*bg = t->bg[p];
	} else if (pair_content(p, &f, &b) != ERR) {
		/* Not a role: what curses has. */
		*fg = f;
		*bg = b;
	}
}

/* Read what was last drawn (curscr, like screen_dump) into g. */
static void
grid_read(struct grid *g)
{
	const struct theme	*t;
	struct theme		 dflt;
	struct cell		*c;
	cchar_t			 cc;
	attr_t			 attr;
	short			 pair;
	int			 colour, y, x, w;

	t = theme_current(&colour);
	if (t->name[0] == '\0') {	/* no theme_apply yet */
		theme_default(&dflt);
		t = &dflt;
	}
	g->rows = LINES;
	g->cols = COLS;
	g->cells = scs_xcalloc((size_t)g->rows * (size_t)g->cols,
	    sizeof *g->cells);
	g->deffg = colour && t->fg[ROLE_NORMAL] >= 0 ?
	    export_colour_rgb(t->fg[ROLE_NORMAL]) : EXPORT_FG;
	g->defbg = colour && t->bg[ROLE_NORMAL] >= 0 ?
	    export_colour_rgb(t->bg[ROLE_NORMAL]) : EXPORT_BG;
	for (y = 0; y < g->rows; y++) {
		for (x = 0; x < g->cols; x++) {
			c = &g->cells[y * g->cols + x];
			c->fg = c->bg = -1;
			c->ch[0] = ' ';
			c->width = 1;
			if (mvwin_wch(curscr, y, x, &cc) == ERR ||
			    getcchar(&cc, c->ch, &attr, &pair, NULL) == ERR) {
				c->ch[0] = ' ';
				c->ch[1] = 0;
				continue;
			}
			c->ch[CCHARW_MAX] = 0;
			c->attr = attr & EXPORT_ATTRS;
			pair_colours(t, colour, pair, &c->fg, &c->bg);
			/*
			 * curses repeats a wide character in the cell to its
			 * right (getcchar hides the marker): skip that one.
			 */
			if (x > 0 && c[-1].width == 2) {
				c->width = 0;
				c->ch[0] = 0;
				continue;
			}
			if (c->ch[0] == 0) {
				c->ch[0] = ' ';
				c->ch[1] = 0;
				continue;
			}
			w = wcwidth(c->ch[0]);
			c->width = w == 2 && x + 1 < g->cols ? 2 : 1;
		}
	}
}

static const struct cell *
grid_at(const struct grid *g, int y, int x)
{
	return (&g->cells[y * g->cols + x]);
}

/* Cells on row y up to the last one that shows something. */
static int
row_used(const struct grid *g, int y, int styled)
{
	const struct cell	*c;
	int			 x;

	for (x = g->cols; x > 0; x--) {
		c = grid_at(g, y, x - 1);
		if (c->width == 0)
			continue;
		if (c->ch[0] != ' ' || c->ch[1] != 0)
			break;
		if (styled && (c->bg >= 0 ||
		    (c->attr & (A_REVERSE | A_UNDERLINE)) != 0))
			break;
	}
	return (x);
}

/* --- plain text ------------------------------------------------------ */

static void
render_text(const struct grid *g, struct scs_buf *b)
{
	int	 y, x, n;

	for (y = 0; y < g->rows; y++) {
		n = row_used(g, y, 0);
		for (x = 0; x < n; x++) {
			if (grid_at(g, y, x)->width != 0)
				add_cell(b, grid_at(g, y, x), 0);
		}
		scs_buf_addc(b, '\n');
	}
}

/* --- ANSI ------------------------------------------------------------ */

static void
sgr_colour(struct scs_buf *b, int c, int bg)
{
	if (c < 0)
		scs_buf_printf(b, ";%d", bg ? 49 : 39);
	else if (c & THEME_RGB)
		scs_buf_printf(b, ";%d;2;%d;%d;%d", bg ? 48 : 38,
		    c >> 16 & 0xff, c >> 8 & 0xff, c & 0xff);
	else if (c < 8)
		scs_buf_printf(b, ";%d", (bg ? 40 : 30) + c);
	else if (c < 16)
		scs_buf_printf(b, ";%d", (bg ? 100 : 90) + c - 8);
	else
		scs_buf_printf(b, ";%d;5;%d", bg ? 48 : 38, c);
}

static void
sgr(struct scs_buf *b, const struct cell *c)
{
	scs_buf_adds(b, "\033[0");
	if (c->attr & A_BOLD)
		scs_buf_adds(b, ";1");
	if (c->attr & A_DIM)
		scs_buf_adds(b, ";2");
	if (c->attr & A_ITALIC)
		scs_buf_adds(b, ";3");
	if (c->attr & A_UNDERLINE)
		scs_buf_adds(b, ";4");
	if (c->attr & A_BLINK)
		scs_buf_adds(b, ";5");
	if (c->attr & A_REVERSE)
		scs_buf_adds(b, ";7");
	if (c->fg >= 0)
		sgr_colour(b, c->fg, 0);
	if (c->bg >= 0)
		sgr_colour(b, c->bg, 1);
	scs_buf_addc(b, 'm');
}

static int
same_style(const struct cell *a, const struct cell *b)
{
	return (a->fg == b->fg && a->bg == b->bg && a->attr == b->attr);
}

static int
styled(const struct cell *c)
{
	return (c->fg >= 0 || c->bg >= 0 || c->attr != 0);
}

/* SGR only where the style changes; every line ends reset. */
static void
render_ansi(const struct grid *g, struct scs_buf *b)
{
	const struct cell	*c, *last;
	int			 y, x, n, on;

	for (y = 0; y < g->rows; y++) {
		n = row_used(g, y, 1);
		last = NULL;
		on = 0;
		for (x = 0; x < n; x++) {
			c = grid_at(g, y, x);
			if (c->width == 0)
				continue;
			if (last == NULL || !same_style(c, last)) {
				if (styled(c)) {
					sgr(b, c);
					on = 1;
				} else if (on) {
					scs_buf_adds(b, "\033[0m");
					on = 0;
				}
			}
			last = c;
			add_cell(b, c, 0);
		}
		if (on)
			scs_buf_adds(b, "\033[0m");
		scs_buf_addc(b, '\n');
	}
}

/* --- SVG and HTML ---------------------------------------------------- */

/* The colours a cell shows, reverse applied, as RGB. */
static void
cell_rgb(const struct grid *g, const struct cell *c, int *fg, int *bg)
{
	int	 t;

	*fg = c->fg >= 0 ? export_colour_rgb(c->fg) : g->deffg;
	*bg = c->bg >= 0 ? export_colour_rgb(c->bg) : g->defbg;
	if (c->attr & A_REVERSE) {
		t = *fg;
		*fg = *bg;
		*bg = t;
	}
}

/* Same look for text (background aside). */
static int
same_text(const struct grid *g, const struct cell *a, const struct cell *b)
{
	int	 af, ab, bf, bb;

	cell_rgb(g, a, &af, &ab);
	cell_rgb(g, b, &bf, &bb);
	return (af == bf && (a->attr & ~A_REVERSE) == (b->attr & ~A_REVERSE));
}

static int
blank(const struct cell *c)
{
	return (c->ch[0] == ' ' && c->ch[1] == 0);
}

static void
render_svg(const struct grid *g, struct scs_buf *b)
{
	const struct cell	*c, *d;
	int			 w = g->cols * EXPORT_CW, h = g->rows * EXPORT_CH;
	int			 y, x, e, te, fg, bg, fg2, bg2, cols, k;
	int			 shown;

	scs_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"'DejaVu Sans "
	    "Mono', 'Liberation Mono', monospace\" font-size=\"%d\">\n",
	    w, h, w, h, EXPORT_FONT);
	scs_buf_printf(b, "<rect width=\"%d\" height=\"%d\" "
	    "fill=\"#%06x\"/>\n", w, h, (unsigned)g->defbg);
	for (y = 0; y < g->rows; y++) {
		/* Backgrounds: runs of one colour other than the default. */
		for (x = 0; x < g->cols; x = e) {
			cell_rgb(g, grid_at(g, y, x), &fg, &bg);
			for (e = x + 1; e < g->cols; e++) {
				cell_rgb(g, grid_at(g, y, e), &fg2, &bg2);
				if (bg2 != bg)
					break;
			}
			if (bg != g->defbg)
				scs_buf_printf(b, "<rect x=\"%d\" y=\"%d\" "
				    "width=\"%d\" height=\"%d\" "
				    "fill=\"#%06x\"/>\n", x * EXPORT_CW,
				    y * EXPORT_CH, (e - x) * EXPORT_CW,
				    EXPORT_CH, (unsigned)bg);
		}
		/*
		 * Text: runs of one look; a wide character stands alone so
		 * that textLength keeps the grid whatever the font.
		 */
		for (x = 0; x < g->cols; x = e) {
			c = grid_at(g, y, x);
			if (c->width == 0) {
				e = x + 1;
				continue;
			}
			shown = !blank(c) || (c->attr & A_UNDERLINE);
			for (e = x + c->width; c->width == 1 && e < g->cols;
			    e++) {
				d = grid_at(g, y, e);
				if (d->width != 1 || !same_text(g, c, d))
					break;
				if (!blank(d))
					shown = 1;
			}
			if (!shown)
				continue;
			/* Trailing blanks need no text (unless underlined). */
			for (te = e; !(c->attr & A_UNDERLINE) && te > x + 1 &&
			    blank(grid_at(g, y, te - 1)); te--)
				;
			cell_rgb(g, c, &fg, &bg);
			cols = te - x;
			scs_buf_printf(b, "<text x=\"%d\" y=\"%d\" "
			    "fill=\"#%06x\" textLength=\"%d\" "
			    "lengthAdjust=\"spacingAndGlyphs\" "
			    "xml:space=\"preserve\"", x * EXPORT_CW,
			    y * EXPORT_CH + EXPORT_BASE, (unsigned)fg,
			    cols * EXPORT_CW);
			if (c->attr & A_BOLD)
				scs_buf_adds(b, " font-weight=\"bold\"");
			if (c->attr & A_ITALIC)
				scs_buf_adds(b, " font-style=\"italic\"");
			if (c->attr & A_UNDERLINE)
				scs_buf_adds(b, " text-decoration=\"underline\"");
			if (c->attr & A_DIM)
				scs_buf_adds(b, " opacity=\"0.6\"");
			scs_buf_addc(b, '>');
			for (k = x; k < te; k++) {
				if (grid_at(g, y, k)->width != 0)
					add_cell(b, grid_at(g, y, k), 1);
			}
			scs_buf_adds(b, "</text>\n");
		}
	}
	scs_buf_adds(b, "</svg>\n");
}

static void
html_style(const struct grid *g, struct scs_buf *b, const struct cell *c)
{
	int	 fg, bg;

	cell_rgb(g, c, &fg, &bg);
	scs_buf_adds(b, "<span style=\"");
	if (fg != g->deffg)
		scs_buf_printf(b, "color:#%06x;", (unsigned)fg);
	if (bg != g->defbg)
		scs_buf_printf(b, "background:#%06x;", (unsigned)bg);
	if (c->attr & A_BOLD)
		scs_buf_adds(b, "font-weight:bold;");
	if (c->attr & A_ITALIC)
		scs_buf_adds(b, "font-style:italic;");
	if (c->attr & A_UNDERLINE)
		scs_buf_adds(b, "text-decoration:underline;");
	if (c->attr & A_DIM)
		scs_buf_adds(b, "opacity:0.6;");
	scs_buf_adds(b, "\">");
}

static int
plain(const struct grid *g, const struct cell *c)
{
	int	 fg, bg;

	cell_rgb(g, c, &fg, &bg);
	return (fg == g->deffg && bg == g->defbg &&
	    (c->attr & (A_BOLD | A_ITALIC | A_UNDERLINE | A_DIM)) == 0);
}

static void
render_html(const struct grid *g, struct scs_buf *b)
{
	const struct cell	*c, *open;
	int			 y, x, n, fg, bg, fg2, bg2;

	scs_buf_printf(b, "<!DOCTYPE html>\n"
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n"
	    "<meta charset=\"utf-8\"/>\n<title>scs-tui</title>\n"
	    "<style>\npre.scs-screen { font-family: 'DejaVu Sans Mono', "
	    "'Liberation Mono', monospace; line-height: 1.2; margin: 0; "
	    "padding: 0.5em; display: inline-block; color: #%06x; "
	    "background: #%06x; }\n</style>\n</head>\n<body>\n"
	    "<pre class=\"scs-screen\">", (unsigned)g->deffg,
	    (unsigned)g->defbg);
	for (y = 0; y < g->rows; y++) {
		n = row_used(g, y, 1);
		open = NULL;
		for (x = 0; x < n; x++) {
			c = grid_at(g, y, x);
			if (c->width == 0)
				continue;
			if (open != NULL) {
				cell_rgb(g, open, &fg, &bg);
				cell_rgb(g, c, &fg2, &bg2);
				if (fg != fg2 || bg != bg2 || (open->attr &
				    ~A_REVERSE) != (c->attr & ~A_REVERSE)) {
					scs_buf_adds(b, "</span>");
					open = NULL;
				}
			}
			if (open == NULL && !plain(g, c)) {
				html_style(g, b, c);
				open = c;
			}
			add_cell(b, c, 1);
		}
		if (open != NULL)
			scs_buf_adds(b, "</span>");
		scs_buf_addc(b, '\n');
	}
	scs_buf_adds(b, "</pre>\n</body>\n</html>\n");
}

char *
export_render(enum export_format f)
{
	struct grid	 g;
	struct scs_buf	 b;

	memset(&g, 0, sizeof g);
	grid_read(&g);
	scs_buf_init(&b, 0);
	switch (f) {
	case EXPORT_ANSI:
		render_ansi(&g, &b);
		break;
	case EXPORT_SVG:
		render_svg(&g, &b);
		break;
	case EXPORT_HTML:
		render_html(&g, &b);
		break;
	default:
		render_text(&g, &b);
		break;
	}
	free(g.cells);
	return (scs_buf_steal(&b));
}

int
export_write_file(const char *path, const char *data, size_t len,
    char **cause)
{
	struct stat	 sb;
	const char	*slash;
	char		*tmp;
	size_t		 off;
	ssize_t		 n;
	int		 fd, saved;

	if (path == NULL || *path == '\0') {
		scs_cause(cause, "no file name");
		return (-1);
	}
	if (lstat(path, &sb) == 0) {
		if (S_ISLNK(sb.st_mode)) {
			scs_cause(cause, "%s: is a symbolic link; not "
			    "written", path);
			return (-1);
		}
		if (!S_ISREG(sb.st_mode)) {
			scs_cause(cause, "%s: not a regular file", path);
			return (-1);
		}
	} else if (errno != ENOENT) {
		scs_cause(cause, "%s: %s", path, strerror(errno));
		return (-1);
	}
	/* The temporary file goes next to path so rename is atomic. */
	slash = strrchr(path, '/');
	if (slash == NULL)
		tmp = scs_xprintf(".%s.XXXXXX", path);
	else
		tmp = scs_xprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path,
		    slash + 1);
	if ((fd = mkstemp(tmp)) == -1) {
		scs_cause(cause, "%s: %s", path, strerror(errno));
		free(tmp);
		return (-1);
	}
	if (fchmod(fd, 0644) != 0)
		goto fail;
	for (off = 0; off < len; off += (size_t)n) {
		if ((n = write(fd, data + off, len - off)) <= 0) {
			if (n < 0 && errno == EINTR) {
				n = 0;
				continue;
			}
			if (n == 0)
				errno = EIO;
			goto fail;
		}
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	/* Re-check: a symlink planted meanwhile is replaced, not followed,
	 * but refuse it all the same. */
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		errno = ELOOP;
		goto fail;
	}
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	return (0);
fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	scs_cause(cause, "%s: %s", path, strerror(saved));
	return (-1);
}

int
export_screen(const char *path, enum export_format f, char **cause)
{
	char	*data;
	int	 rc;

	if (f == EXPORT_AUTO)
		f = export_format_from_path(path);
	if (f < 0 || f >= EXPORT_NONE) {
		scs_cause(cause, "%s: unknown format (use .txt, .ans, .svg or "
		    ".html, or name one: text, ansi, svg, html)",
		    path != NULL ? path : "");
		return (-1);
	}
	data = export_render(f);
	rc = export_write_file(path, data, strlen(data), cause);
	free(data);
	return (rc);
}
