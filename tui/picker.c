/*
 * picker.c: choose one of a set (tui.h, section picker.c). A small list
 * with type-to-filter and the description of the focused choice; the
 * form uses it for every closed set (enums, booleans, class, version,
 * worker class, failure domain), other views may for theirs.
 */
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "tui.h"

#define PICKER_PAGE	8	/* choices a page move skips */

struct picker {
	char		*title;
	char		**choices;
	char		**help;		/* parallel, "" when none */
	size_t		  n;
	int		  open;		/* the typed text may be chosen */
	struct entry	  filter;	/* typed: entry.c edits it */
	size_t		 *match;	/* indexes of the choices shown */
	size_t		  nmatch;
	size_t		  cur, top;	/* in match */
	char		 *value;	/* once chosen */
};

/* ASCII case-insensitive substring. */
static int
holds(const char *s, const char *sub)
{
	size_t	 i, k;

	for (i = 0; s[i] != '\0' || *sub == '\0'; i++) {
		for (k = 0; sub[k] != '\0' && s[i + k] != '\0'; k++) {
			char	a = s[i + k], b = sub[k];

			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (b >= 'A' && b <= 'Z')
				b = (char)(b - 'A' + 'a');
			if (a != b)
				break;
		}
		if (sub[k] == '\0')
			return (1);
		if (s[i] == '\0')
			break;
	}
	return (0);
}

static void
refilter(struct picker *p)
{
	size_t	 i, keep = p->nmatch > 0 ? p->match[p->cur] : (size_t)-1;

	p->nmatch = 0;
	p->cur = p->top = 0;
	for (i = 0; i < p->n; i++) {
		if (!holds(p->choices[i], p->filter.text))
			continue;
		if (i == keep)
			p->cur = p->nmatch;
		p->match[p->nmatch++] = i;
	}
}

struct picker *
picker_new(const char *title, const char *const *choices,
    const char *const *help, const char *current, int open)
{
	struct picker	*p = scs_xcalloc(1, sizeof *p);
	size_t		 i;

	p->title = scs_xstrdup(title != NULL ? title : "");
	while (choices != NULL && choices[p->n] != NULL)
		p->n++;
	p->choices = scs_xcalloc(p->n + 1, sizeof *p->choices);
	p->help = scs_xcalloc(p->n + 1, sizeof *p->help);
	p->match = scs_xcalloc(p->n + 1, sizeof *p->match);
	for (i = 0; i < p->n; i++) {
		p->choices[i] = scs_xstrdup(choices[i]);
		p->help[i] = scs_xstrdup(help != NULL && help[i] != NULL ?
		    help[i] : "");
		/* help may be shorter: it ends at its first NULL. */
		if (help != NULL && help[i] == NULL)
			help = NULL;
	}
	p->open = open;
	refilter(p);
	for (i = 0; current != NULL && i < p->nmatch; i++)
		if (strcmp(p->choices[p->match[i]], current) == 0)
			p->cur = i;
	return (p);
}

void
picker_free(struct picker *p)
{
	if (p == NULL)
		return;
	free(p->title);
	scs_strv_free(p->choices);
	scs_strv_free(p->help);
	free(p->match);
	free(p->value);
	free(p);
}

const char *
picker_value(const struct picker *p)
{
	return (p->value);
}

const char *
picker_focused(const struct picker *p)
{
	return (p->nmatch > 0 ? p->choices[p->match[p->cur]] : NULL);
}

static void
move_by(struct picker *p, long d)
{
	long	 c = (long)p->cur + d;

	if (p->nmatch == 0)
		return;
	if (c < 0)
		c = 0;
	if (c >= (long)p->nmatch)
		c = (long)p->nmatch - 1;
	p->cur = (size_t)c;
}

/* With the text typed equal to a choice (or, in an open set, any text),
 * that; else the focused choice. */
static enum picker_state
choose(struct picker *p)
{
	const char	*typed = p->filter.text;
	size_t		 i;

	free(p->value);
	p->value = NULL;
	if (p->filter.len > 0 && p->open && (p->nmatch == 0 ||
	    strcmp(p->choices[p->match[p->cur]], typed) != 0)) {
		for (i = 0; i < p->nmatch; i++)
			if (strcmp(p->choices[p->match[i]], typed) == 0)
				break;
		p->value = scs_xstrdup(i < p->nmatch ?
		    p->choices[p->match[i]] : typed);
		return (PICKER_CHOSEN);
	}
	if (p->nmatch == 0)
		return (PICKER_OPEN);	/* nothing to take */
	p->value = scs_xstrdup(p->choices[p->match[p->cur]]);
	return (PICKER_CHOSEN);
}

enum picker_state
picker_action(struct picker *p, enum action act)
{
	switch (act) {
	case ACTION_PICK:
		return (choose(p));
	case ACTION_PICK_CANCEL:
		return (PICKER_CANCELLED);
	case ACTION_PICK_DOWN:
		move_by(p, 1);
		break;
	case ACTION_PICK_UP:
		move_by(p, -1);
		break;
	case ACTION_PAGE_DOWN:
		move_by(p, PICKER_PAGE);
		break;
	case ACTION_PAGE_UP:
		move_by(p, -PICKER_PAGE);
		break;
	case ACTION_PICK_FIRST:
		p->cur = 0;
		break;
	case ACTION_PICK_LAST:
		move_by(p, (long)p->nmatch);
		break;
	default:
		return (PICKER_NOT_TAKEN);
	}
	return (PICKER_OPEN);
}

void
picker_text(struct picker *p, const struct config_effective *eff, int key)
{
	/* Enter, Esc and Tab are the picker's actions when bound. */
	if (entry_key(&p->filter, eff, key) == ENTRY_EDITED)
		refilter(p);
}

int
picker_height(const struct picker *p, int max)
{
	int	 h = (int)p->n + 3;	/* filter, choices, two of help */

	if (h < 4)
		h = 4;
	return (h > max ? max : h);
}

void
picker_draw(struct picker *p, const struct config_effective *eff, int y,
    int x, int rows, int cols)
{
	char		 buf[1024];
	int		 list, yy, take;
	size_t		 i, st[2], ln[2], nl, k;
	const char	*h;

	if (rows < 3 || cols < 8)
		return;
	list = rows - 3;
	/* Filter line: what is typed, how many match. */
	screen_role(ROLE_PROMPT);
	snprintf(buf, sizeof buf, " %s: %.256s_", p->title, p->filter.text);
	draw_cell(y, x, buf, cols, 0);
	snprintf(buf, sizeof buf, "%zu of %zu ", p->nmatch, p->n);
	if ((int)strlen(buf) < cols / 2)
		draw_cell(y, x + cols - (int)strlen(buf), buf,
		    (int)strlen(buf), 0);
	if (p->cur < p->top)
		p->top = p->cur;
	if (p->cur >= p->top + (size_t)list)
		p->top = p->cur - (size_t)list + 1;
	for (yy = 0; yy < list; yy++) {
		i = p->top + (size_t)yy;
		screen_role(i == p->cur && i < p->nmatch ? ROLE_SELECT :
		    ROLE_NORMAL);
		if (i < p->nmatch)
			snprintf(buf, sizeof buf, "  %s", p->choices[p->match[i]]);
		else if (i == 0 && p->open && p->filter.len > 0)
			snprintf(buf, sizeof buf, "  %s takes \"%.256s\" "
			    "(checked as you send)", action_keys(eff,
			    ACTION_PICK, SCOPE_PICKER, &take, 1) != 0 ?
			    keys_name(take) : action_name(ACTION_PICK),
			    p->filter.text);
		else if (i == 0)
			snprintf(buf, sizeof buf, "  nothing matches \"%.256s\": "
			    "only the choices listed can be taken", p->filter.text);
		else
			buf[0] = '\0';
		if (i == 0 && p->nmatch == 0)
			screen_role(p->open ? ROLE_MUTED : ROLE_ERROR);
		draw_cell(y + 1 + yy, x, buf, cols, 0);
	}
	/* The focused choice's description, two lines. */
	screen_role(ROLE_MUTED);
	h = p->nmatch > 0 ? p->help[p->match[p->cur]] : "";
	nl = draw_wrap(h, cols - 2, st, ln, 2);
	for (k = 0; k < 2; k++) {
		if (k < nl)
			snprintf(buf, sizeof buf, "  %.*s", (int)ln[k], h + st[k]);
		else
			buf[0] = '\0';
		draw_cell(y + 1 + list + (int)k, x, buf, cols, 0);
	}
	screen_role(ROLE_NORMAL);
}
