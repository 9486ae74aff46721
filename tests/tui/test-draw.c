/*
 * test-draw.c: hostile strings are drawn harmlessly and columns stay
 * aligned: escape sequences, C1 controls, invalid UTF-8, wide characters,
 * truncation, megabyte strings.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

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
	is_int(draw_width("prod-eu1"), 8, "draw_width");
	is_int(draw_sanitize(NULL, out, 256, 10), 0, "NULL is empty");
	return (tap_done());
}
