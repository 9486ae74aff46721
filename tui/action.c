/*
 * action.c: the one table of actions (tui.h ACTION_LIST, like tig's
 * request list): which action a key means in a scope, and the footer
 * hints generated from the table. config.c binds keys to the actions,
 * help.c lists them.
 */
#include <stdio.h>
#include <string.h>

#include "tui.h"

/* The table's actions, then the plugin slots (action_plugin_set). */
static struct {
	const char	*name, *keys, *hint, *help;
	unsigned	 scopes;
	int		 flags;
} actions[ACTION_MAX] = {
#define X(n, name, keys, scopes, flags, hint, help)			\
	{ name, keys, hint, help, scopes, flags },
	ACTION_LIST(X)
#undef X
};

static struct {
	char	 name[64], help[256], hint[16];
} plugin_text[PLUGIN_MAX];

/* A string of the table, "" for an empty slot. */
#define S(x)	((x) != NULL ? (x) : "")

void
action_plugin_set(size_t i, const char *name, const char *help,
    const char *hint, unsigned scopes, int flags)
{
	enum action	 a = (enum action)(ACTION_PLUGIN + i);

	if (i >= PLUGIN_MAX)
		return;
	memset(&actions[a], 0, sizeof actions[a]);
	if (name == NULL)
		return;
	snprintf(plugin_text[i].name, sizeof plugin_text[i].name, "%s", name);
	snprintf(plugin_text[i].help, sizeof plugin_text[i].help, "%s",
	    help != NULL ? help : name);
	snprintf(plugin_text[i].hint, sizeof plugin_text[i].hint, "%s",
	    hint != NULL ? hint : "");
	actions[a].name = plugin_text[i].name;
	actions[a].help = plugin_text[i].help;
	actions[a].hint = plugin_text[i].hint;
	actions[a].keys = "";
	actions[a].scopes = scopes;
	actions[a].flags = flags & ACT_WRITE;
}

int
action_is_plugin(enum action a)
{
	return (a >= ACTION_PLUGIN && a <= ACTION_PLUGIN_LAST);
}

int
action_defined(enum action a)
{
	return (a < ACTION_MAX && actions[a].name != NULL);
}

static const char *const scopes[SCOPE_MAX] = {
#define X(n, name)	name,
	SCOPE_LIST(X)
#undef X
};

const char *
action_name(enum action a)
{
	return (a < ACTION_MAX && actions[a].name != NULL ? actions[a].name :
	    "?");
}

const char *
action_help(enum action a)
{
	return (a < ACTION_MAX ? S(actions[a].help) : "?");
}

const char *
action_hint(enum action a)
{
	return (a < ACTION_MAX ? S(actions[a].hint) : "");
}

const char *
action_default_keys(enum action a)
{
	return (a < ACTION_MAX ? S(actions[a].keys) : "");
}

int
action_flags(enum action a)
{
	return (a < ACTION_MAX ? actions[a].flags : 0);
}

enum action
action_by_name(const char *name)
{
	enum action	 a;

	for (a = 0; a < ACTION_MAX; a++) {
		if (actions[a].name != NULL && strcmp(actions[a].name,
		    name) == 0)
			return (a);
	}
	return (ACTION_NONE);
}

const char *
scope_name(enum scope s)
{
	return (s < SCOPE_MAX ? scopes[s] : "?");
}

int
action_in(enum action a, enum scope s)
{
	return (a < ACTION_MAX && s < SCOPE_MAX &&
	    (actions[a].scopes & (1u << s)) != 0);
}

const char *
action_scopes(enum action a)
{
	static char	 buf[256];
	size_t		 used = 0;
	unsigned	 m;
	int		 s, w, n = 0, first = 1;

	buf[0] = '\0';
	if (a >= ACTION_MAX || (m = actions[a].scopes) == IN_ALL)
		return (buf);
	for (s = 0; s < SCOPE_MAX; s++)
		n += (m & (1u << s)) != 0;
	/* Most scopes: name those left out. */
	if (n > SCOPE_MAX / 2) {
		m = IN_ALL & ~m;
		used = (size_t)snprintf(buf, sizeof buf, "all but ");
	}
	for (s = 0; s < SCOPE_MAX; s++) {
		if ((m & (1u << s)) == 0)
			continue;
		w = snprintf(buf + used, sizeof buf - used, "%s%s",
		    first ? "" : ", ", scopes[s]);
		if (w < 0 || (size_t)w >= sizeof buf - used)
			break;
		used += (size_t)w;
		first = 0;
	}
	return (buf);
}

int
action_typed_only(enum action a)
{
	return (a < ACTION_MAX && (actions[a].scopes & ~IN_TYPED) == 0);
}

/* Is key text typed in s (never an action there)? */
static int
typed(int key, enum scope s)
{
	return (s < SCOPE_MAX && (IN_TYPED & (1u << s)) != 0 &&
	    keys_is_text(key));
}

int
action_clash(enum action a, enum action b)
{
	return (a != b && a < ACTION_MAX && b < ACTION_MAX &&
	    (actions[a].flags & ACT_APP) == (actions[b].flags & ACT_APP) &&
	    (actions[a].scopes & actions[b].scopes) != 0);
}

static int
bound(const struct config_effective *e, enum action a, int key)
{
	size_t	 i;

	for (i = 0; i < e->keys[a].n; i++) {
		if (e->keys[a].keys[i] == key)
			return (1);
	}
	return (0);
}

/* The action of tier app (ACT_APP or 0) key means in s, or ACTION_NONE. */
static enum action
find_tier(const struct config_effective *e, int key, enum scope s, int app)
{
	enum action	 a;

	for (a = 0; a < ACTION_MAX; a++) {
		if ((actions[a].flags & ACT_APP) == app && action_in(a, s) &&
		    bound(e, a, key))
			return (a);
	}
	return (ACTION_NONE);
}

enum action
action_find(const struct config_effective *e, int key, enum scope s)
{
	enum action	 a;

	if (typed(key, s))
		return (ACTION_NONE);
	if ((a = find_tier(e, key, s, 0)) != ACTION_NONE)
		return (a);
	return (find_tier(e, key, s, ACT_APP));
}

size_t
action_keys(const struct config_effective *e, enum action a, enum scope s,
    int *keys, size_t max)
{
	size_t	 i, n = 0;
	int	 key;

	if (!action_in(a, s))
		return (0);
	for (i = 0; i < e->keys[a].n && n < max; i++) {
		key = e->keys[a].keys[i];
		if (typed(key, s))
			continue;
		/* A view action of s takes the console's key there. */
		if ((actions[a].flags & ACT_APP) && find_tier(e, key, s, 0) !=
		    ACTION_NONE)
			continue;
		keys[n++] = key;
	}
	return (n);
}

/* Append the hint of a, if it has one in s and fits in cols. */
static void
hint(const struct config_effective *e, enum action a, enum scope s,
    int readonly, int cols, char *buf, size_t len)
{
	size_t	 used = strlen(buf);
	int	 key, w;

	if (S(actions[a].hint)[0] == '\0' ||
	    (readonly && (actions[a].flags & ACT_WRITE)) ||
	    action_keys(e, a, s, &key, 1) == 0)
		return;
	w = snprintf(buf + used, len - used, "%s<%s>%s", used != 0 ? " " : "",
	    keys_name(key), actions[a].hint);
	if (w < 0 || (size_t)w >= len - used || draw_width(buf) > cols)
		buf[used] = '\0';
}

void
action_hints(const struct config_effective *e, enum scope s, int readonly,
    int cols, char *buf, size_t len)
{
	enum action	 a;

	if (len == 0)
		return;
	buf[0] = '\0';
	/* Help first: the way to everything else. */
	hint(e, ACTION_HELP, s, readonly, cols, buf, len);
	for (a = 0; a < ACTION_MAX; a++) {
		if (!(actions[a].flags & ACT_APP))
			hint(e, a, s, readonly, cols, buf, len);
	}
	for (a = 0; a < ACTION_MAX; a++) {
		if ((actions[a].flags & ACT_APP) && a != ACTION_HELP)
			hint(e, a, s, readonly, cols, buf, len);
	}
}
