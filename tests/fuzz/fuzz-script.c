/*
 * fuzz-script.c: --script files (script_load_text; no curses screen),
 * and the key-name parser on each line. Checks: errors name the file and
 * line; steps are what the runner expects (keys are code points or
 * KEYS_* values, @dump/@expect carry text, @sleep a bounded time).
 */
#include <string.h>

#include "tui.h"
#include "fuzz.h"

#define FUZZ_NAME	"fuzz.script"
#define FUZZ_MAX_INPUT	(256 * 1024)

/* keys_parse_name at every '<' of the input (NUL-terminated copy). */
static void
key_names(const uint8_t *data, size_t size)
{
	char	*s, *p;
	size_t	 len;
	int	 key;

	s = malloc(size + 1);
	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	for (p = s; (p = strchr(p, '<')) != NULL; p++) {
		len = 0;
		if ((key = keys_parse_name(p, &len)) >= 0) {
			FUZZ_CHECK(len >= 3 && len <= strlen(p));
			FUZZ_CHECK(p[len - 1] == '>');
			(void)keys_name(key);
		}
	}
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct script		*s;
	enum script_step	 st;
	const char		*arg;
	char			*cause = NULL;
	long			 ms;
	int			 key;

	if (size > FUZZ_MAX_INPUT)
		return (0);
	key_names(data, size);
	s = script_load_text(FUZZ_NAME, (const char *)data, size, 0, &cause);
	if (s == NULL) {
		FUZZ_CHECK(cause != NULL && strncmp(cause, FUZZ_NAME ":",
		    strlen(FUZZ_NAME) + 1) == 0);
		free(cause);
		return (0);
	}
	FUZZ_CHECK(cause == NULL);
	while ((st = script_next(s, &key, &arg, &ms)) != SCRIPT_END) {
		switch (st) {
		case SCRIPT_KEY:
			FUZZ_CHECK(key >= 0 && (key <= 0x10ffff ||
			    key >= KEYS_SPECIAL));
			(void)keys_name(key);
			break;
		case SCRIPT_DUMP:
		case SCRIPT_EXPECT:
			FUZZ_CHECK(arg != NULL && *arg != '\0');
			break;
		case SCRIPT_SLEEP:
			FUZZ_CHECK(ms >= 0 && ms <= 600000);
			break;
		case SCRIPT_QUIT:
			break;
		default:
			FUZZ_CHECK(!"unknown step");
		}
		FUZZ_CHECK(strncmp(script_where(s), FUZZ_NAME ":",
		    strlen(FUZZ_NAME) + 1) == 0);
	}
	script_unget(s);
	FUZZ_CHECK(script_next(s, &key, &arg, &ms) != SCRIPT_END ||
	    script_delay(s) == 0);
	script_free(s);
	return (0);
}
