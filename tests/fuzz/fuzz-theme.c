/*
 * fuzz-theme.c: theme YAML files (theme_load_text; no curses screen).
 * Checks: errors name the file, a loaded theme holds only colours a
 * terminal can take (-1, 0-255, or THEME_RGB | 0xrrggbb) and a name.
 */
#include <string.h>

#include "tui.h"
#include "fuzz.h"

#define FUZZ_NAME	"fuzz-theme.yaml"

static int
colour_ok(int c)
{
	return (c == -1 || (c >= 0 && c <= 255) ||
	    (c >= THEME_RGB && c <= (THEME_RGB | 0xffffff)));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme	 t;
	char		*cause = NULL;
	int		 i;

	if (theme_load_text(FUZZ_NAME, (const char *)data, size, &t,
	    &cause) != 0) {
		FUZZ_CHECK(cause != NULL && strncmp(cause, FUZZ_NAME ":",
		    strlen(FUZZ_NAME) + 1) == 0);
		free(cause);
		return (0);
	}
	FUZZ_CHECK(cause == NULL);
	FUZZ_CHECK(memchr(t.name, '\0', sizeof t.name) != NULL);
	for (i = 0; i < ROLE_MAX; i++) {
		FUZZ_CHECK(colour_ok(t.fg[i]));
		FUZZ_CHECK(colour_ok(t.bg[i]));
	}
	return (0);
}
