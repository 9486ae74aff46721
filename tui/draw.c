/*
 * draw.c: every server string reaches the screen through here: control
 * characters and escape sequences are made visible, bidirectional
 * controls and invisible format characters become "<U+202E>", invalid
 * UTF-8 is replaced, wide characters are measured, long text is cut
 * with "…".
 */
#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "scs/util.h"
#include "tui.h"

/* Decode one UTF-8 character; returns its length, *wc = U+FFFD if bad. */
static size_t
utf8_next(const unsigned char *s, wchar_t *wc)
{
	unsigned	 c = s[0], cp, need, i;

	if (c < 0x80) {
		*wc = (wchar_t)c;
		return (1);
	}
	if (c >= 0xc2 && c <= 0xdf) {
		cp = c & 0x1f;
		need = 1;
	} else if (c >= 0xe0 && c <= 0xef) {
		cp = c & 0x0f;
		need = 2;
	} else if (c >= 0xf0 && c <= 0xf4) {
		cp = c & 0x07;
		need = 3;
	} else {
		*wc = 0xfffd;
		return (1);
	}
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*wc = 0xfffd;
			return (i);
		}
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 ||
	    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff)) {
		*wc = 0xfffd;
		return (need + 1);
	}
	*wc = (wchar_t)cp;
	return (need + 1);
}

int
draw_sanitize(const char *s, wchar_t *out, size_t outlen, int max_cols)
{
	const unsigned char	*p = (const unsigned char *)(s != NULL ? s :
				    "");
	size_t			 n = 0;
	int			 cols = 0, w;
	wchar_t			 wc, rep[10];
	char			 esc[12];
	int			 nrep, i;

	if (outlen == 0)
		return (0);
	while (*p != '\0') {
		p += utf8_next(p, &wc);
		nrep = 1;
		rep[0] = wc;
		if (wc == '\n' || wc == '\t' || wc == '\r')
			rep[0] = ' ';
		else if (wc < 0x20 || wc == 0x7f) {
			/* ESC [ ... shows as ^[ and the rest as text. */
			rep[0] = '^';
			rep[1] = wc == 0x7f ? '?' : (wchar_t)(wc + '@');
			nrep = 2;
		} else if (wc >= 0x80 && wc < 0xa0) {
			rep[0] = 0xfffd;
		} else if (scs_invisible_format((unsigned)wc)) {
			/* Bidi and zero-width: visible, never applied. */
			nrep = snprintf(esc, sizeof esc, "<U+%04X>",
			    (unsigned)wc);
			for (i = 0; i < nrep; i++)
				rep[i] = (wchar_t)esc[i];
		}
		for (i = 0; i < nrep; i++) {
			w = wcwidth(rep[i]);
			if (w < 0)
				w = 1, rep[i] = 0xfffd;
			if (cols + w > max_cols || n + 2 >= outlen) {
				/* Cut: the last column becomes an ellipsis. */
				while (n > 0 && cols + 1 > max_cols) {
					n--;
					cols -= wcwidth(out[n]) > 0 ?
					    wcwidth(out[n]) : 0;
				}
				if (max_cols > 0 && n + 1 < outlen) {
					out[n++] = 0x2026;
					cols++;
				}
				out[n] = 0;
				return (cols);
			}
			out[n++] = rep[i];
			cols += w;
		}
	}
	out[n] = 0;
	return (cols);
}

int
draw_width(const char *s)
{
	wchar_t	 buf[512];

	return (draw_sanitize(s, buf, 512, 500));
}

void
draw_pad(char *buf, size_t size, int cols)
{
	size_t	 len = strlen(buf);
	int	 w = draw_width(buf);

	while (w < cols && len + 1 < size) {
		buf[len++] = ' ';
		w++;
	}
	buf[len] = '\0';
}

void
draw_cell(int y, int x, const char *s, int cols, int right)
{
	wchar_t	 buf[1024];
	int	 used;

	if (cols <= 0)
		return;
	if (cols > 1000)
		cols = 1000;
	used = draw_sanitize(s, buf, 1024, cols);
	if (right && used < cols) {
		mvhline(y, x, ' ', cols - used);
		mvaddwstr(y, x + cols - used, buf);
	} else {
		mvaddwstr(y, x, buf);
		if (used < cols)
			mvhline(y, x + used, ' ', cols - used);
	}
}

size_t
draw_wrap(const char *text, int cols, size_t *start, size_t *len,
    size_t maxlines)
{
	const char	*s = text;
	size_t		 n = 0, cut, space, i;
	char		*line;

	if (cols < 1)
		cols = 1;
	while (*s != '\0' && n < maxlines) {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		/* The longest prefix that fits, in whole characters. */
		for (cut = 0, i = 0, space = 0; s[i] != '\0';) {
			size_t	 next = i + 1;

			while (s[next] != '\0' &&
			    ((unsigned char)s[next] & 0xc0) == 0x80)
				next++;
			line = strndup(s, next);
			if (line == NULL || draw_width(line) > cols) {
				free(line);
				break;
			}
			free(line);
			if (s[i] == ' ')
				space = i;
			i = cut = next;
		}
		/* Break at the last space when a word would be cut. */
		if (s[cut] != '\0' && s[cut] != ' ' && space > 0)
			cut = space;
		if (cut == 0)
			cut = 1;
		start[n] = (size_t)(s - text);
		len[n++] = cut;
		s += cut;
	}
	return (n);
}

/* --- ages that tick ------------------------------------------------- */

static int64_t	 ages_min = INT64_MAX;	/* youngest drawn since the tick */
static uint64_t	 ages_generation;

void
draw_age(int64_t seconds, char *buf, size_t len)
{
	if (seconds >= 0 && seconds < ages_min)
		ages_min = seconds;
	scs_format_age(seconds, buf, len);
}

void
draw_age_since(const char *ts, char *buf, size_t len)
{
	int64_t	 t = ts != NULL ? scs_parse_rfc3339(ts) : -1;

	if (t < 0) {
		scs_format_age_since(ts, buf, len);
		return;
	}
	draw_age(scs_wall_s() - t, buf, len);
}

int
draw_ages_ticking(void)
{
	return (ages_min < 3600);
}

void
draw_ages_tick(void)
{
	ages_min = INT64_MAX;
	ages_generation++;
}

uint64_t
draw_ages_gen(void)
{
	return (ages_generation);
}
