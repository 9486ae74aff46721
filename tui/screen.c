/*
 * screen.c: curses set-up on the terminal or in memory (--no-display,
 * newterm on /dev/null), colour roles, and the text dump scripts use.
 */
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "scs/util.h"
#include "tui.h"

static SCREEN	*screen;
static FILE	*null_out, *null_in;

int
screen_init(int no_display, int cols, int rows)
{

	if (no_display) {
		if (getenv("TERM") == NULL || strcmp(getenv("TERM"), "dumb") ==
		    0)
			setenv("TERM", "xterm-256color", 1);
		null_out = fopen("/dev/null", "w");
		null_in = fopen("/dev/null", "r");
		if (null_out == NULL || null_in == NULL ||
		    (screen = newterm(NULL, null_out, null_in)) == NULL) {
			fprintf(stderr, "scs-tui: cannot start the in-memory "
			    "screen\n");
			return (-1);
		}
		set_term(screen);
		resizeterm(rows, cols);
	} else {
		if ((screen = newterm(NULL, stdout, stdin)) == NULL) {
			fprintf(stderr, "scs-tui: cannot use this terminal "
			    "(TERM=%s)\n", getenv("TERM") != NULL ?
			    getenv("TERM") : "");
			return (-1);
		}
		set_term(screen);
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	return (0);
}

void
screen_done(void)
{
	if (screen == NULL)
		return;
	endwin();
	delscreen(screen);
	screen = NULL;
	if (null_out != NULL)
		fclose(null_out);
	if (null_in != NULL)
		fclose(null_in);
	null_out = null_in = NULL;
}

void
screen_role(enum role r)
{
	/* attrset() takes the attributes as an int. */
	attrset((int)theme_attr(r));
}

enum role
screen_health_role(enum scs_health h)
{
	switch (h) {
	case SCS_HEALTH_OK:		return (ROLE_OK);
	case SCS_HEALTH_PROGRESSING:	return (ROLE_PROGRESS);
	case SCS_HEALTH_WARNING:	return (ROLE_WARN);
	case SCS_HEALTH_ERROR:		return (ROLE_ERROR);
	case SCS_HEALTH_DELETING:	return (ROLE_MUTED);
	default:			return (ROLE_UNKNOWN);
	}
}

const char *
screen_health_glyph(enum scs_health h)
{
	switch (h) {
	case SCS_HEALTH_OK:		return ("\u25cf");	/* ● */
	case SCS_HEALTH_PROGRESSING:	return ("\u25d0");	/* ◐ */
	case SCS_HEALTH_WARNING:	return ("\u25b2");	/* ▲ */
	case SCS_HEALTH_ERROR:		return ("\u2716");	/* ✖ */
	case SCS_HEALTH_DELETING:	return ("\u2020");	/* † */
	default:			return ("?");
	}
}

void
screen_condition_row(const cJSON *c, char *buf, size_t len)
{
	const char	*type = cJSON_GetStringValue(scs_jpath(c, "type"));
	const char	*st = cJSON_GetStringValue(scs_jpath(c, "status"));
	const char	*reason = cJSON_GetStringValue(scs_jpath(c, "reason"));
	const char	*msg = cJSON_GetStringValue(scs_jpath(c, "message"));
	char		 age[32];

	draw_age_since(cJSON_GetStringValue(scs_jpath(c,
	    "lastTransitionTime")), age, sizeof age);
	snprintf(buf, len, "%s %-24s %-6s %-22s %-5s %s",
	    screen_health_glyph(scs_condition_health(c)),
	    type != NULL ? type : "?", st != NULL ? st : "?",
	    reason != NULL ? reason : "", age, msg != NULL ? msg : "");
}

void
draw_note(int y, int lines, const char *text, enum role role)
{
	const char	*s = text;
	char		*line;
	size_t		 cut;
	int		 i, w;

	for (i = 0; i < lines; i++) {
		move(y + i, 0);
		clrtoeol();
	}
	if (text == NULL || *text == '\0')
		return;
	screen_role(role);
	for (i = 0; i < lines && *s != '\0'; i++) {
		/* The last line takes the rest (cut with an ellipsis). */
		cut = strlen(s);
		if (i < lines - 1 && draw_width(s) > COLS) {
			for (cut = 0, w = 0; s[cut] != '\0' && w < COLS; w++) {
				cut++;
				while (((unsigned char)s[cut] & 0xc0) == 0x80)
					cut++;
			}
		}
		line = scs_xstrndup(s, cut);
		draw_cell(y + i, 0, line, COLS, 0);
		free(line);
		s += cut;
	}
	screen_role(ROLE_NORMAL);
}

void
screen_event_row(const cJSON *ev, char *buf, size_t len)
{
	const char	*type = cJSON_GetStringValue(scs_jpath(ev, "type"));
	const char	*reason = cJSON_GetStringValue(scs_jpath(ev, "reason"));
	const char	*kind = cJSON_GetStringValue(scs_jpath(ev,
			    "involvedObject.kind"));
	const char	*name = cJSON_GetStringValue(scs_jpath(ev,
			    "involvedObject.name"));
	const char	*msg = cJSON_GetStringValue(scs_jpath(ev, "message"));
	const cJSON	*count = scs_jpath(ev, "count");
	int64_t		 t = scs_event_time(ev);
	char		 age[32], obj[256];

	if (t > 0)
		draw_age(scs_wall_s() - t, age, sizeof age);
	else
		age[0] = '\0';
	snprintf(obj, sizeof obj, "%s/%s", kind != NULL ? kind : "?",
	    name != NULL ? name : "?");
	snprintf(buf, len, "%-5s %-7s %-18s %s x%d  %s", age,
	    type != NULL ? type : "", reason != NULL ? reason : "", obj,
	    cJSON_IsNumber(count) ? count->valueint : 1, msg != NULL ? msg : "");
}

char *
screen_dump(void)
{
	struct scs_buf	 b;
	cchar_t		 cc;
	wchar_t		 wch[CCHARW_MAX + 1];
	attr_t		 attr;
	short		 pair;
	char		 mb[MB_LEN_MAX * (CCHARW_MAX + 1)];
	int		 y, x, k, wide;
	size_t		 linestart, n, i;

	scs_buf_init(&b, 0);
	for (y = 0; y < LINES; y++) {
		linestart = b.len;
		wide = 0;
		for (x = 0; x < COLS; x++) {
			if (mvwin_wch(curscr, y, x, &cc) == ERR)
				break;
			if (getcchar(&cc, wch, &attr, &pair, NULL) == ERR)
				continue;
			/*
			 * curses repeats a wide character in the cell to its
			 * right (getcchar hides the marker): skip that cell.
			 */
			if (wide) {
				wide = 0;
				continue;
			}
			if (wch[0] == 0)
				continue;
			wide = wcwidth(wch[0]) == 2;
			n = 0;
			for (k = 0; wch[k] != 0 && k < CCHARW_MAX; k++) {
				mbstate_t	 st;
				size_t		 r;

				memset(&st, 0, sizeof st);
				r = wcrtomb(mb + n, wch[k], &st);
				if (r != (size_t)-1)
					n += r;
			}
			scs_buf_add(&b, mb, n);
		}
		/* Trim trailing blanks. */
		i = b.len;
		while (i > linestart && b.data[i - 1] == ' ')
			i--;
		b.len = i;
		scs_buf_addc(&b, '\n');
	}
	return (scs_buf_steal(&b));
}

void
screen_diff_lines(const char *diff, size_t top, int y, int rows)
{
	const char	*p, *nl;
	char		*line;
	size_t		 i = 0;
	int		 yy = y;

	for (p = diff; p != NULL && *p != '\0' && yy < y + rows; p = nl) {
		nl = strchr(p, '\n');
		line = scs_xstrndup(p, nl != NULL ? (size_t)(nl - p) :
		    strlen(p));
		nl = nl != NULL ? nl + 1 : p + strlen(p);
		if (i++ >= top) {
			move(yy, 0);
			clrtoeol();
			screen_role(*line == '+' ? ROLE_OK : *line == '-' ?
			    ROLE_ERROR : *line == '@' ? ROLE_MUTED :
			    ROLE_NORMAL);
			draw_cell(yy++, 0, line, COLS, 0);
		}
		free(line);
	}
	for (; yy < y + rows; yy++) {
		move(yy, 0);
		clrtoeol();
	}
	screen_role(ROLE_NORMAL);
}
