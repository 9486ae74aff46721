/*
 * test-draw.c: hostile strings are drawn harmlessly and columns stay
 * aligned: escape sequences, C1 controls, invalid UTF-8, wide characters,
 * truncation, megabyte strings.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "scs/util.h"
#include "tui.h"
#include "../tap.h"

static int
has_control(const wchar_t *w)
{
	for (; *w != 0; w++) {
		if (*w < 0x20 || *w == 0x7f || (*w >= 0x80 && *w < 0xa0))
			return (1);
	}
	return (0);
}

int
main(void)
{
	wchar_t	 out[256];
	int	 cols;
	char	*big;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		skip_all("no C.UTF-8 locale");
	cols = draw_sanitize("evil\033[2J\033]0;pwned\007name", out, 256, 80);
	ok(!has_control(out), "no control characters survive");
	ok(wcsstr(out, L"^[[2J") != NULL, "ESC shown as ^[");
	ok(wcsstr(out, L"^G") != NULL, "BEL shown as ^G");
	is_int(cols, (int)wcslen(out), "width equals length for ASCII");
	draw_sanitize("a\xc2\x9b" "b", out, 256, 80);
	ok(!has_control(out) && out[1] == 0xfffd, "C1 control replaced");
	draw_sanitize("bad\xff\xfeutf8", out, 256, 80);
	ok(wcschr(out, 0xfffd) != NULL, "invalid UTF-8 becomes U+FFFD");
	draw_sanitize("\xe0\x80\x80", out, 256, 80);
	ok(out[0] == 0xfffd, "overlong encoding rejected");
	cols = draw_sanitize("集群名称", out, 256, 80);
	is_int(cols, 8, "wide characters take two columns");
	cols = draw_sanitize("集群名称", out, 256, 5);
	ok(cols <= 5, "cut to 5 columns (%d)", cols);
	ok(out[wcslen(out) - 1] == 0x2026, "cut text ends with an ellipsis");
	cols = draw_sanitize("line1\nline2\ttab", out, 256, 80);
	ok(wcschr(out, L'\n') == NULL && wcschr(out, L'\t') == NULL,
	    "newline and tab flattened");
	big = malloc(4 * 1024 * 1024 + 1);
	memset(big, 'x', 4 * 1024 * 1024);
	big[4 * 1024 * 1024] = '\0';
	cols = draw_sanitize(big, out, 256, 40);
	is_int(cols, 40, "a 4 MiB string is cut to 40 columns");
	free(big);
	/* Trojan Source: bidi controls and invisible format characters. */
	cols = draw_sanitize("invoice\xe2\x80\xae" "fdp.exe", out, 256, 80);
	ok(wcscmp(out, L"invoice<U+202E>fdp.exe") == 0,
	    "RLO U+202E shown as <U+202E>, the name reads as sent");
	is_int(cols, (int)wcslen(out), "the escape takes its columns");
	{
		static const char *const hidden[] = { "\xe2\x80\xaa",
		    "\xe2\x80\xad", "\xe2\x81\xa6", "\xe2\x81\xa9",
		    "\xe2\x80\x8e", "\xe2\x80\x8f", "\xd8\x9c",
		    "\xe2\x80\x8b", "\xe2\x80\x8c", "\xe2\x80\x8d",
		    "\xef\xbb\xbf", "\xe2\x81\xa0" };
		size_t	 i, k;
		int	 raw = 0;

		for (i = 0; i < sizeof hidden / sizeof hidden[0]; i++) {
			draw_sanitize(hidden[i], out, 256, 80);
			for (k = 0; out[k] != 0; k++)
				raw |= scs_invisible_format((unsigned)out[k]);
			raw |= out[0] != L'<';
		}
		ok(!raw, "every bidi control and invisible format character "
		    "becomes a visible escape");
	}
	cols = draw_sanitize("ab\xe2\x80\xae" "cd", out, 256, 6);
	ok(cols <= 6 && out[wcslen(out) - 1] == 0x2026,
	    "an escape is cut like any text (%d columns)", cols);
	is_int(draw_width("prod-eu1"), 8, "draw_width");
	is_int(draw_sanitize(NULL, out, 256, 10), 0, "NULL is empty");
	{
		size_t	 st[8], ln[8], k;
		const char *t = "must be a CIDR such as 10.0.0.0/16";

		k = draw_wrap(t, 12, st, ln, 8);
		ok(k == 3 && strncmp(t + st[0], "must be a", ln[0]) == 0 &&
		    ln[0] == 9, "wrapped at a space (%zu lines)", k);
		ok(k == 3 && ln[2] == 11 && strncmp(t + st[2], "10.0.0.0/16",
		    ln[2]) == 0,
		    "the last word whole on its own line");
		k = draw_wrap("abcdefghij", 4, st, ln, 8);
		ok(k == 3 && ln[0] == 4 && ln[2] == 2, "a long word is cut");
		k = draw_wrap("集群名称", 5, st, ln, 8);
		ok(k == 2 && ln[0] == 6, "wide characters by columns");
		is_int((int)draw_wrap("a b c d e f", 1, st, ln, 2), 2,
		    "at most maxlines");
	}
	return (tap_done());
}
