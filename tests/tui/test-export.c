/*
 * test-export.c: a known screen (headless curses, a theme with basic,
 * 256-colour and #rrggbb roles, hostile text, a wide character) exported
 * as text, ANSI, SVG and HTML and compared with tests/tui/expected/export.*
 * (SCS_GENERATE=1 rewrites them); atomic, symlink-refusing file writes.
 */
#include <sys/stat.h>

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scs/util.h"
#include "tui.h"
#include "../tap.h"

static char *
slurp(const char *path)
{
	struct scs_buf	 b;
	char		 buf[4096];
	size_t		 n;
	FILE		*f;

	if ((f = fopen(path, "r")) == NULL)
		return (NULL);
	scs_buf_init(&b, 0);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		scs_buf_add(&b, buf, n);
	fclose(f);
	return (scs_buf_steal(&b));
}

static void
put(int y, int x, enum role r, const char *s)
{
	screen_role(r);
	mvaddstr(y, x, s);
}

static void
draw_screen(void)
{
	cchar_t		 cc;
	wchar_t		 bidi[2] = { 0x202e, 0 };
	int		 x;

	erase();
	screen_role(ROLE_HEADER);
	move(0, 0);
	for (x = 0; x < COLS; x++)
		addch(' ');
	put(0, 1, ROLE_HEADER, "scs-tui  prod-eu  clusters");
	put(1, 0, ROLE_ERROR, "<script>&\"'</script>");
	put(1, 22, ROLE_NORMAL, "a&b");
	put(2, 0, ROLE_OK, "\xe5\x90\x8d\xe5\x89\x8d");	/* 名前 */
	put(2, 4, ROLE_NORMAL, " ok ");
	put(2, 8, ROLE_MUTED, "dim");
	put(2, 12, ROLE_CHANGED, "256");
	/* A bidi override reaching a cell must not leave it. */
	setcchar(&cc, bidi, A_NORMAL, 0, NULL);
	mvadd_wch(2, 16, &cc);
	put(2, 17, ROLE_WARN, "x");
	screen_role(ROLE_SELECT);
	mvaddstr(3, 0, "selected row");
	for (x = 12; x < 30; x++)
		addch(' ');
	put(4, 0, ROLE_HEAD, "NAME");
	put(4, 6, ROLE_KEY, "<q>");
	put(4, 10, ROLE_NORMAL, "quit");
	screen_role(ROLE_NORMAL);
	refresh();
}

static void
compare(const char *dir, enum export_format f, const char *name)
{
	const char	*src = getenv("SCS_SRCDIR");
	char		*path, *want_path, *got, *want, *mem;
	char		*cause = NULL;
	FILE		*out;

	path = scs_xprintf("%s/%s", dir, name);
	ok(export_screen(path, f, &cause) == 0, "export %s%s%s", name,
	    cause != NULL ? ": " : "", cause != NULL ? cause : "");
	free(cause);
	got = slurp(path);
	mem = export_render(f == EXPORT_AUTO ? export_format_from_path(name) :
	    f);
	is_str(got, mem, "%s: the file holds what export_render gives", name);
	want_path = scs_xprintf("%s/tests/tui/expected/%s", src != NULL ? src :
	    ".", name);
	if (getenv("SCS_GENERATE") != NULL && got != NULL &&
	    (out = fopen(want_path, "w")) != NULL) {
		fputs(got, out);
		fclose(out);
		diag("wrote %s", want_path);
	}
	want = slurp(want_path);
	ok(got != NULL && want != NULL && strcmp(got, want) == 0,
	    "%s matches %s", name, want_path);
	if (got != NULL && want != NULL && strcmp(got, want) != 0)
		diag("got:\n%s", got);
	free(want);
	free(got);
	free(mem);
	free(want_path);
	free(path);
}

int
main(void)
{
	struct theme	 t;
	struct stat	 sb;
	char		 dir[] = "/tmp/scs-export-XXXXXX";
	char		*path, *link, *cause = NULL, *dump, *text, *s;
	int		 rc;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		skip_all("no C.UTF-8 locale");
	unsetenv("NO_COLOR");
	setenv("TERM", "xterm-256color", 1);
	if (mkdtemp(dir) == NULL)
		return (1);
	if (screen_init(1, 40, 5) != 0)
		skip_all("no in-memory screen");

	/* Basic, bright, 256-colour and truecolor roles. */
	theme_default(&t);
	scs_strlcpy(t.name, "export-test", sizeof t.name);
	t.fg[ROLE_HEADER] = COLOR_WHITE;
	t.bg[ROLE_HEADER] = THEME_RGB | 0x005f87;
	t.attr[ROLE_HEADER] = A_BOLD;
	t.fg[ROLE_CHANGED] = 208;
	t.fg[ROLE_WARN] = 11;
	t.fg[ROLE_OK] = THEME_RGB | 0x008700;
	theme_apply(&t);
	draw_screen();

	is_int(export_format_from_name("SVG"), EXPORT_SVG, "format by name");
	is_int(export_format_from_name("ans"), EXPORT_ANSI, "format by ext");
	is_int(export_format_from_name("pdf"), EXPORT_NONE, "unknown format");
	is_int(export_format_from_path("/a.b/screen.HTML"), EXPORT_HTML,
	    "format from a path");
	is_int(export_format_from_path("/a.svg/screen"), EXPORT_NONE,
	    "a dot in a directory is no extension");
	is_int(export_colour_rgb(208), 0xff8700, "xterm 208");
	is_int(export_colour_rgb(244), 0x808080, "xterm grey 244");
	is_int(export_colour_rgb(12), 0x5c5cff, "xterm bright blue");

	dump = screen_dump();
	text = export_render(EXPORT_TEXT);
	/* screen_dump passes the bidi override; export makes it U+FFFD. */
	s = strstr(dump, "\xe2\x80\xae");
	if (s != NULL)
		memcpy(s, "\xef\xbf\xbd", 3);
	is_str(text, dump, "text export is the screen dump");
	free(text);
	free(dump);

	compare(dir, EXPORT_AUTO, "export.txt");
	compare(dir, EXPORT_AUTO, "export.ans");
	compare(dir, EXPORT_AUTO, "export.svg");
	compare(dir, EXPORT_HTML, "export.html");

	text = export_render(EXPORT_SVG);
	ok(strstr(text, "&lt;script&gt;&amp;&quot;&#39;&lt;/script&gt;") !=
	    NULL, "svg escapes & < > \" '");
	ok(strstr(text, "\xe2\x80\xae") == NULL, "no bidi override in svg");
	free(text);
	text = export_render(EXPORT_ANSI);
	ok(strstr(text, "\033[0;1;37;48;2;0;95;135m") != NULL,
	    "ansi: truecolor background, bold, basic foreground");
	ok(strstr(text, "38;5;208") != NULL, "ansi: 256-colour foreground");
	ok(strstr(text, ";93m") != NULL, "ansi: bright foreground");
	free(text);

	path = scs_xprintf("%s/export.svg", dir);
	ok(stat(path, &sb) == 0 && (sb.st_mode & 07777) == 0644,
	    "written with mode 0644");
	free(path);

	/* A symlink at the target is refused and its target untouched. */
	path = scs_xprintf("%s/victim", dir);
	link = scs_xprintf("%s/link.txt", dir);
	fclose(fopen(path, "w"));
	ok(symlink(path, link) == 0, "made a symlink");
	rc = export_screen(link, EXPORT_AUTO, &cause);
	ok(rc != 0 && cause != NULL && strstr(cause, "symbolic link") != NULL,
	    "symlink refused: %s", cause != NULL ? cause : "");
	free(cause);
	cause = NULL;
	ok(stat(path, &sb) == 0 && sb.st_size == 0, "symlink target untouched");
	unlink(link);
	unlink(path);
	free(link);
	free(path);

	path = scs_xprintf("%s/screen.pdf", dir);
	rc = export_screen(path, EXPORT_AUTO, &cause);
	ok(rc != 0 && cause != NULL && strstr(cause, "unknown format") != NULL,
	    "unknown extension: %s", cause != NULL ? cause : "");
	free(cause);
	cause = NULL;
	free(path);
	rc = export_screen("/nonexistent-dir/x.txt", EXPORT_AUTO, &cause);
	ok(rc != 0 && cause != NULL, "missing directory: %s",
	    cause != NULL ? cause : "");
	free(cause);
	cause = NULL;

	/* Mono: attributes only, no colours anywhere. */
	t.mono = 1;
	theme_apply(&t);
	draw_screen();
	text = export_render(EXPORT_ANSI);
	ok(strstr(text, "38;") == NULL && strstr(text, ";3") == NULL &&
	    strstr(text, "\033[0;7m") != NULL, "mono ansi: reverse, no colour");
	free(text);

	screen_done();
	path = scs_xprintf("rm -rf '%s'", dir);
	if (system(path) != 0)
		diag("cannot remove %s", dir);
	free(path);
	return (tap_done());
}
