/*
 * entry.c: a line of text being typed (the : and / prompt, the form's
 * field editor): typed characters go in as UTF-8, Backspace takes the
 * last character, C-u clears; Enter, Esc and Tab are for the owner.
 * The one place where keys are text rather than actions.
 */
#include <string.h>

#include "scs/util.h"
#include "tui.h"

#define KEY_CTRL_U	21
#define KEY_DEL_ASCII	127
#define KEY_BS_ASCII	8

void
entry_set(struct entry *e, const char *text)
{
	scs_strlcpy(e->text, text, sizeof e->text);
	e->len = strlen(e->text);
}

enum entry_result
entry_key(struct entry *e, int key)
{
	switch (key) {
	case 27:
		return (ENTRY_ESCAPE);
	case '\r':
	case '\n':
	case KEYS_SPECIAL + KEY_ENTER:
		return (ENTRY_ENTER);
	case '\t':
		return (ENTRY_TAB);
	case KEY_DEL_ASCII:
	case KEY_BS_ASCII:
	case KEYS_SPECIAL + KEY_BACKSPACE:
		while (e->len > 0 &&
		    ((unsigned char)e->text[--e->len] & 0xc0) == 0x80)
			;
		e->text[e->len] = '\0';
		return (ENTRY_EDITED);
	case KEY_CTRL_U:
		e->len = 0;
		e->text[0] = '\0';
		return (ENTRY_EDITED);
	}
	if (key < 0x20 || key >= KEYS_SPECIAL)
		return (ENTRY_IGNORED);
	if (e->len + 5 < sizeof e->text) {
		e->len += scs_utf8_put(e->text + e->len, (unsigned)key);
		e->text[e->len] = '\0';
	}
	return (ENTRY_EDITED);
}
