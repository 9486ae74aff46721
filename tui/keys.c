/*
 * keys.c: key names for scripts and help: "<Enter>", "<C-d>", "<F5>".
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "tui.h"

static const struct {
	const char	*name;
	int		 key;
} names[] = {
	{ "Enter",	'\r' },
	{ "CR",		'\r' },
	{ "Esc",	27 },
	{ "Tab",	'\t' },
	{ "S-Tab",	KEYS_SPECIAL + KEY_BTAB },
	{ "Space",	' ' },
	{ "Backspace",	KEYS_SPECIAL + KEY_BACKSPACE },
	{ "BS",		KEYS_SPECIAL + KEY_BACKSPACE },
	{ "Del",	KEYS_SPECIAL + KEY_DC },
	{ "C-?",	127 },		/* DEL: Backspace on most terminals */
	{ "Up",		KEYS_SPECIAL + KEY_UP },
	{ "Down",	KEYS_SPECIAL + KEY_DOWN },
	{ "Left",	KEYS_SPECIAL + KEY_LEFT },
	{ "Right",	KEYS_SPECIAL + KEY_RIGHT },
	{ "PgUp",	KEYS_SPECIAL + KEY_PPAGE },
	{ "PgDn",	KEYS_SPECIAL + KEY_NPAGE },
	{ "Home",	KEYS_SPECIAL + KEY_HOME },
	{ "End",	KEYS_SPECIAL + KEY_END },
	{ "lt",		'<' },
};

int
keys_parse_name(const char *s, size_t *len)
{
	const char	*end;
	char		 name[32];
	size_t		 n, i;
	int		 f;

	if (s[0] != '<' || (end = strchr(s, '>')) == NULL)
		return (-1);
	n = (size_t)(end - s - 1);
	if (n == 0 || n >= sizeof name)
		return (-1);
	memcpy(name, s + 1, n);
	name[n] = '\0';
	*len = n + 2;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcasecmp(names[i].name, name) == 0)
			return (names[i].key);
	}
	if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    name[2] != '\0' && name[3] == '\0')
		return (name[2] & 0x1f);
	if ((name[0] == 'F' || name[0] == 'f') && sscanf(name + 1, "%d",
	    &f) == 1 && f >= 1 && f <= 12)
		return (KEYS_SPECIAL + KEY_F(f));
	return (-1);
}

const char *
keys_name(int key)
{
	static char	 buf[16];
	size_t		 i;

	/* "<" is itself here; "lt" is only for writing it in brackets. */
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (names[i].key == key && key != '<')
			return (names[i].name);
	}
	if (key >= KEYS_SPECIAL + KEY_F(1) && key <= KEYS_SPECIAL + KEY_F(12))
		snprintf(buf, sizeof buf, "F%d", key - KEYS_SPECIAL - KEY_F0);
	else if (key > 0 && key < 0x20)
		snprintf(buf, sizeof buf, "C-%c", key + 'a' - 1);
	else if (key < 0x80)
		snprintf(buf, sizeof buf, "%c", key);
	else
		snprintf(buf, sizeof buf, "#%x", key);
	return (buf);
}

int
keys_is_text(int key)
{
	return (key >= 0x20 && key != 127 && key < KEYS_SPECIAL);
}
