/*
 * help.c: the keys of a view (?), generated from the action table: the
 * view's own actions, then the console's, each with the keys bound in
 * that scope and its help; --readonly leaves out what writes. Then the
 * view's notes and the status glyphs. Esc, q or ? close it.
 */
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "tui.h"

#define HELP_KEYS_COLS	18	/* the key column */

struct help {
	struct list	 list;
	enum scope	 scope;		/* of the view it explains */
	char		 of[96];	/* its crumb */
};

/* One line per action of one tier that has keys in s. */
static void
help_tier(struct app *a, struct list *l, enum scope s, int app)
{
	int		 keys[CONFIG_KEYS_MAX];
	char		 names[128];
	size_t		 n, i, used;
	enum action	 act;

	for (act = 0; act < ACTION_MAX; act++) {
		if ((action_flags(act) & ACT_APP) != app ||
		    (a->readonly && (action_flags(act) & ACT_WRITE)) ||
		    (n = action_keys(&a->eff, act, s, keys,
		    CONFIG_KEYS_MAX)) == 0)
			continue;
		names[0] = '\0';
		for (i = 0, used = 0; i < n; i++) {
			scs_strlcpy(names + used, i != 0 ? " " : "",
			    sizeof names - used);
			used = strlen(names);
			scs_strlcpy(names + used, keys_name(keys[i]),
			    sizeof names - used);
			used = strlen(names);
		}
		list_add(l, ROLE_NORMAL, NULL, "  %-*s %s", HELP_KEYS_COLS - 3,
		    names, action_help(act));
	}
}

/* A note with each <ACTION> as the first key of that action, in the
 * view's scope or, for one that applies elsewhere (entry-done: while
 * typing), in the first scope it has; other text as it is. */
static void
help_note(struct list *l, struct app *a, enum scope s, const char *note)
{
	char		 buf[512], name[64];
	const char	*p, *end;
	size_t		 used = 0;
	enum action	 act;
	enum scope	 in;

	for (p = note; *p != '\0' && used + 1 < sizeof buf; p++) {
		if (*p == '<' && (end = strchr(p, '>')) != NULL &&
		    (size_t)(end - p) < sizeof name) {
			memcpy(name, p + 1, (size_t)(end - p - 1));
			name[end - p - 1] = '\0';
			if ((act = action_by_name(name)) != ACTION_NONE) {
				in = s;
				if (!action_in(act, s))
					for (in = 0; in < SCOPE_MAX &&
					    !action_in(act, in); in++)
						;
				scs_strlcpy(buf + used, app_key_name(a, act,
				    in), sizeof buf - used);
				used = strlen(buf);
				p = end;
				continue;
			}
		}
		buf[used++] = *p;
	}
	buf[used] = '\0';
	list_add(l, ROLE_MUTED, NULL, "%s", buf);
}

static void
help_build(struct help *h, struct app *a, const struct view *v)
{
	size_t	 i;

	list_add(&h->list, ROLE_TITLE, NULL, "In this view (%s)",
	    scope_name(h->scope));
	help_tier(a, &h->list, h->scope, 0);
	list_add(&h->list, ROLE_TITLE, NULL, "Everywhere");
	help_tier(a, &h->list, h->scope, ACT_APP);
	for (i = 0; v->ops->notes != NULL && v->ops->notes[i] != NULL; i++)
		help_note(&h->list, a, h->scope, v->ops->notes[i]);
	list_add(&h->list, ROLE_MUTED, NULL, "Status glyphs: \u25cf ok  "
	    "\u25d0 progressing  \u25b2 warning  \u2716 error  \u2020 deleting  "
	    "? unknown");
}

static void
help_draw(struct view *v, int y, int rows)
{
	struct help	*h = v->data;

	view_title(y, " keys: %s ", h->of);
	list_draw(&h->list, y + 1, rows - 1, NULL);
}

static enum scope
help_scope(struct view *v)
{
	(void)v;
	return (SCOPE_HELP);
}

static int
help_action(struct view *v, enum action act)
{
	struct help	*h = v->data;

	if (list_action(&h->list, act))
		return (VIEW_HANDLED);
	return (act == ACTION_HELP || act == ACTION_BACK ? VIEW_CLOSE : 0);
}

static void
help_free(struct view *v)
{
	struct help	*h = v->data;

	list_clear(&h->list);
	free(h);
}

static const struct view_ops help_ops = {
	.kind = "help",
	.draw = help_draw,
	.scope = help_scope,
	.action = help_action,
	.free = help_free,
};

struct view *
help_view(struct app *a, struct view *v)
{
	struct help	*h = scs_xcalloc(1, sizeof *h);

	h->scope = v->ops->scope(v);
	scs_strlcpy(h->of, v->crumb, sizeof h->of);
	h->list.cursor = 1;
	help_build(h, a, v);
	/* The cursor starts on the first action. */
	h->list.cur = h->list.n > 1 ? 1 : 0;
	return (view_new(a, &help_ops, h, "help"));
}
