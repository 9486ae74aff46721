/*
 * entry.c: a line of text being typed (the : and / prompt, the form's
 * field editor): typed characters go in as UTF-8; what is not text is an
 * action of scope entry (entry-erase, entry-clear edit; entry-done,
 * entry-cancel, entry-complete are for the owner), rebindable as any.
 */
#include <string.h>

#include "scs/util.h"
#include "tui.h"

void
entry_set(struct entry *e, const char *text)
{
	scs_strlcpy(e->text, text, sizeof e->text);
	e->len = strlen(e->text);
}

enum entry_result
entry_key(struct entry *e, const struct config_effective *eff, int key)
{
	switch (action_find(eff, key, SCOPE_ENTRY)) {
	case ACTION_ENTRY_CANCEL:
		return (ENTRY_ESCAPE);
	case ACTION_ENTRY_DONE:
		return (ENTRY_ENTER);
	case ACTION_ENTRY_COMPLETE:
		return (ENTRY_TAB);
	case ACTION_ENTRY_ERASE:
		while (e->len > 0 &&
		    ((unsigned char)e->text[--e->len] & 0xc0) == 0x80)
			;
		e->text[e->len] = '\0';
		return (ENTRY_EDITED);
	case ACTION_ENTRY_CLEAR:
		e->len = 0;
		e->text[0] = '\0';
		return (ENTRY_EDITED);
	default:
		break;
	}
	if (!keys_is_text(key))
		return (ENTRY_IGNORED);
	if (e->len + 5 < sizeof e->text) {
		e->len += scs_utf8_put(e->text + e->len, (unsigned)key);
		e->text[e->len] = '\0';
	}
	return (ENTRY_EDITED);
}
