/*
 * test-theme.c: every shipped theme loads; broken themes are reported
 * with FILE:LINE:COL; unknown names are refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui.h"
#include "../tap.h"

static void
write_file(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

int
main(void)
{
	static const char *const shipped[] = { "default", "light",
	    "high-contrast", "mono", NULL };
	struct theme	 t, d;
	char		*cause = NULL, path[] = "/tmp/scs-theme-XXXXXX";
	char		 file[64];
	size_t		 i;
	int		 fd;

	unsetenv("XDG_CONFIG_HOME");
	for (i = 0; shipped[i] != NULL; i++) {
		ok(theme_load(shipped[i], &t, &cause) == 0, "theme %s loads%s%s",
		    shipped[i], cause != NULL ? ": " : "",
		    cause != NULL ? cause : "");
		is_str(t.name, shipped[i], "and is named %s", shipped[i]);
		free(cause);
		cause = NULL;
	}
	theme_load("mono", &t, &cause);
	ok(t.mono, "mono has no colour");
	theme_load("light", &t, &cause);
	ok(t.fg[ROLE_OK] == (THEME_RGB | 0x008700), "#rrggbb parsed");
	theme_default(&d);
	ok(t.attr[ROLE_NORMAL] == d.attr[ROLE_NORMAL],
	    "roles a theme leaves out keep the default");
	ok(theme_load("no-such-theme", &t, &cause) != 0 &&
	    strstr(cause, "not found") != NULL, "unknown theme: %s", cause);
	free(cause);
	cause = NULL;

	if ((fd = mkstemp(path)) == -1)
		return (1);
	close(fd);
	snprintf(file, sizeof file, "%s.yaml", path);
	write_file(file, "name: bad\nroles:\n  header: { fg: purpleish }\n");
	ok(theme_load(file, &t, &cause) != 0 && strstr(cause, ":3:") != NULL &&
	    strstr(cause, "bad colour 'purpleish'") != NULL,
	    "bad colour with its place: %s", cause);
	free(cause);
	cause = NULL;
	write_file(file, "name: bad\nroles:\n  heder: { fg: red }\n");
	ok(theme_load(file, &t, &cause) != 0 &&
	    strstr(cause, ":3:3: unknown role 'heder'") != NULL,
	    "unknown role with line and column: %s", cause);
	free(cause);
	cause = NULL;
	write_file(file, "name: bad\nroles:\n  header: { fg: red\n");
	ok(theme_load(file, &t, &cause) != 0 && strstr(cause, file) != NULL,
	    "broken YAML: %s", cause);
	free(cause);
	cause = NULL;
	write_file(file, "roles:\n  title: { attrs: [bold, sparkly] }\n");
	ok(theme_load(file, &t, &cause) != 0 &&
	    strstr(cause, "unknown attribute 'sparkly'") != NULL,
	    "unknown attribute: %s", cause);
	free(cause);
	unlink(file);
	unlink(path);
	return (tap_done());
}
