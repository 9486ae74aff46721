/*
 * config.c: $XDG_CONFIG_HOME/scs-tui/config.yaml (libyaml): defaults for
 * the flags, key bindings and per-context overrides, validated with
 * "FILE:LINE:COL: problem"; merged with the command line, remembering
 * where every value came from (--print-config).
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "scs/util.h"
#include "tui.h"

#define CONFIG_FILE_MAX		(256 * 1024)
#define CONFIG_STRING_MAX	1024
#define CONFIG_CONTEXTS_MAX	256
#define PLUGIN_ARGS_MAX		64

static const struct {
	const char		*name;
	enum config_type	 type;
} settings[CONFIG_SETTING_MAX] = {
#define X(n, name, type)	{ name, type },
	CONFIG_SETTING_LIST(X)
#undef X
};

/* What a value of each type must be, for messages. */
static const char *const type_wants[] = {
	[CONFIG_TYPE_STRING] = "a non-empty string",
	[CONFIG_TYPE_PERSONA] = "one of iaas, kaas, tenant, auto",
	[CONFIG_TYPE_BOOL] = "true or false",
	[CONFIG_TYPE_MS] = "milliseconds from 1000 to 3600000",
	[CONFIG_TYPE_COLOUR] = ("a colour: default, a name like red, 0-255 or "
	    "#rrggbb"),
};

/* Settings as the file wrote them (top level or one context). */
struct config_set {
	int		 set[CONFIG_SETTING_MAX];
	char		*s[CONFIG_SETTING_MAX];
	long		 n[CONFIG_SETTING_MAX];
	unsigned long	 line[CONFIG_SETTING_MAX], col[CONFIG_SETTING_MAX];
};

struct config_keys {
	int		 set;
	int		 keys[CONFIG_KEYS_MAX];
	char		*names[CONFIG_KEYS_MAX];
	size_t		 n;
	unsigned long	 line, col;
};

struct config_context {
	char			*pattern;
	struct config_set	 set;
};

struct config {
	char			*path;		/* NULL: no file */
	struct config_set	 top;
	struct config_keys	 keys[ACTION_MAX];
	struct config_context	*contexts;
	size_t			 ncontexts;
	struct config_plugin	 plugins[PLUGIN_MAX];
	size_t			 nplugins;
};

/* Where a plugin may apply: where an object is selected. */
#define PLUGIN_SCOPES	(IN_TABLES | IN(TREE) | IN(TRACE) | IN_DETAIL)

/* Parser state for messages. */
struct parse {
	const char	*file;
	yaml_document_t	*doc;
	char		**cause;
};

const char *
config_setting_name(enum config_setting s)
{
	return (s < CONFIG_SETTING_MAX ? settings[s].name : "?");
}

char *
config_default_path(void)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg != NULL && *xdg == '/')
		return (scs_xprintf("%s/scs-tui/config.yaml", xdg));
	return (scs_xprintf("%s/.config/scs-tui/config.yaml",
	    home != NULL ? home : ""));
}

static int SCS_PRINTF(3, 4)
fail(struct parse *p, const yaml_node_t *n, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	scs_xvasprintf(&msg, fmt, ap);
	va_end(ap);
	scs_cause(p->cause, "%s:%zu:%zu: %s", p->file, n->start_mark.line + 1,
	    n->start_mark.column + 1, msg);
	free(msg);
	return (-1);
}

static const char *
scalar(const yaml_node_t *n)
{
	return (n != NULL && n->type == YAML_SCALAR_NODE ?
	    (const char *)n->data.scalar.value : NULL);
}

static const char *
kind(const yaml_node_t *n)
{
	if (n->type == YAML_MAPPING_NODE)
		return ("a mapping");
	if (n->type == YAML_SEQUENCE_NODE)
		return ("a list");
	return ("empty");
}

static yaml_node_t *
node(struct parse *p, int id)
{
	return (yaml_document_get_node(p->doc, id));
}

/* Printable text without control characters, not too long. */
static int
text_ok(const char *s)
{
	const unsigned char	*u;

	if (*s == '\0' || strlen(s) > CONFIG_STRING_MAX)
		return (0);
	for (u = (const unsigned char *)s; *u != '\0'; u++) {
		if (*u < 0x20 || *u == 0x7f)
			return (0);
	}
	return (1);
}

/* A key name: "<...>" that keys_parse_name knows, or one character. */
static int
parse_key(const char *s, int *key)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 len, need, i;
	int			 k;

	if (s[0] == '<' && s[1] != '\0') {
		if ((k = keys_parse_name(s, &len)) < 0 || len != strlen(s))
			return (-1);
		*key = k;
		return (0);
	}
	if (u[0] > 0x20 && u[0] < 0x7f && u[1] == '\0') {
		*key = u[0];
		return (0);
	}
	/* One UTF-8 character past ASCII. */
	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		need = 1;
	else if (u[0] >= 0xe0 && u[0] <= 0xef)
		need = 2;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		need = 3;
	else
		return (-1);
	k = u[0] & (0x3f >> need);
	for (i = 1; i <= need; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return (-1);
		k = k << 6 | (u[i] & 0x3f);
	}
	if (u[i] != '\0' || k < 0xa0 || (need == 2 && k < 0x800) ||
	    (need == 3 && (k < 0x10000 || k > 0x10ffff)) ||
	    (k >= 0xd800 && k <= 0xdfff))
		return (-1);
	*key = k;
	return (0);
}

static int
parse_value(struct parse *p, enum config_setting i, yaml_node_t *v,
    struct config_set *set)
{
	enum config_type	 t = settings[i].type;
	const char		*s = scalar(v);
	char			*end;
	long			 n = 0;

	if (s == NULL || *s == '\0')
		return (fail(p, v, "'%s' must be %s, not %s", settings[i].name,
		    type_wants[t], s == NULL ? kind(v) : "empty"));
	switch (t) {
	case CONFIG_TYPE_STRING:
		if (!text_ok(s))
			goto bad;
		break;
	case CONFIG_TYPE_PERSONA:
		if (strcmp(s, "iaas") != 0 && strcmp(s, "kaas") != 0 &&
		    strcmp(s, "tenant") != 0 && strcmp(s, "auto") != 0)
			goto bad;
		break;
	case CONFIG_TYPE_BOOL:
		if (strcmp(s, "true") == 0)
			n = 1;
		else if (strcmp(s, "false") != 0)
			goto bad;
		break;
	case CONFIG_TYPE_MS:
		n = strtol(s, &end, 10);
		if (end == s || *end != '\0' || n < CONFIG_REFRESH_MIN ||
		    n > CONFIG_REFRESH_MAX)
			goto bad;
		break;
	case CONFIG_TYPE_COLOUR:
		if ((n = theme_parse_colour(s)) == -2)
			goto bad;
		break;
	}
	free(set->s[i]);
	set->set[i] = 1;
	set->s[i] = scs_xstrdup(s);
	set->n[i] = n;
	set->line[i] = v->start_mark.line + 1;
	set->col[i] = v->start_mark.column + 1;
	return (0);
bad:
	return (fail(p, v, "'%s' must be %s, not '%s'", settings[i].name,
	    type_wants[t], text_ok(s) ? s : "(unprintable)"));
}

/* "a, b, c" of the settings (and the extra top-level keys). */
static char *
expected(int top)
{
	struct scs_buf	 b;
	int		 i;

	scs_buf_init(&b, 0);
	for (i = 0; i < CONFIG_SETTING_MAX; i++)
		scs_buf_printf(&b, "%s%s", i != 0 ? ", " : "",
		    settings[i].name);
	if (top)
		scs_buf_adds(&b, ", keys, contexts, plugins");
	return (scs_buf_steal(&b));
}

/* Is key k of mapping m a duplicate of an earlier one? */
static int
duplicate(struct parse *p, yaml_node_t *m, yaml_node_pair_t *pair)
{
	yaml_node_pair_t	*q;
	const char		*k = scalar(node(p, pair->key));

	for (q = m->data.mapping.pairs.start; q < pair; q++) {
		if (scs_streq(scalar(node(p, q->key)), k))
			return (fail(p, node(p, pair->key), "duplicate key "
			    "'%s'", k));
	}
	return (0);
}

static void	 default_keys(struct config_binding *, const char *);
static int	 parse_keys(struct parse *, yaml_node_t *, struct config *);
static int	 parse_plugins(struct parse *, yaml_node_t *,
		    struct config *);
static int	 parse_contexts(struct parse *, yaml_node_t *,
		    struct config *);

/* A mapping of settings; the top level also has keys and contexts. */
static int
parse_settings(struct parse *p, yaml_node_t *m, struct config_set *set,
    struct config *cfg)
{
	yaml_node_pair_t	*pair;
	yaml_node_t		*k, *v;
	const char		*key;
	char			*exp;
	enum config_setting	 i;
	int			 rc;

	for (pair = m->data.mapping.pairs.start;
	    pair < m->data.mapping.pairs.top; pair++) {
		k = node(p, pair->key);
		v = node(p, pair->value);
		if ((key = scalar(k)) == NULL)
			return (fail(p, k, "a key must be a name, not %s",
			    kind(k)));
		if (duplicate(p, m, pair) != 0)
			return (-1);
		for (i = 0; i < CONFIG_SETTING_MAX; i++) {
			if (strcmp(key, settings[i].name) == 0)
				break;
		}
		if (i < CONFIG_SETTING_MAX)
			rc = parse_value(p, i, v, set);
		else if (cfg != NULL && strcmp(key, "keys") == 0)
			rc = parse_keys(p, v, cfg);
		else if (cfg != NULL && strcmp(key, "contexts") == 0)
			rc = parse_contexts(p, v, cfg);
		else if (cfg != NULL && strcmp(key, "plugins") == 0)
			rc = parse_plugins(p, v, cfg);
		else {
			exp = expected(cfg != NULL);
			rc = fail(p, k, "unknown key '%s' (expected one of "
			    "%s)", text_ok(key) ? key : "?", exp);
			free(exp);
		}
		if (rc != 0)
			return (-1);
	}
	return (0);
}

/* The first scope where a and b both apply, for messages. */
static const char *
common(enum action a, enum action b)
{
	enum scope	 s;

	for (s = 0; s < SCOPE_MAX; s++) {
		if (action_in(a, s) && action_in(b, s))
			return (scope_name(s));
	}
	return ("?");
}

static int
parse_keys(struct parse *p, yaml_node_t *m, struct config *cfg)
{
	yaml_node_pair_t	*pair;
	yaml_node_item_t	*it;
	yaml_node_t		*k, *v, *items[CONFIG_KEYS_MAX];
	struct config_keys	*ck;
	struct scs_buf		 b;
	const char		*name;
	size_t			 n, j, l;
	enum action		 a, b2;
	int			 key;

	if (m->type != YAML_MAPPING_NODE)
		return (fail(p, m, "'keys' must be a mapping of action to key, "
		    "not %s", scalar(m) != NULL ? "a scalar" : kind(m)));
	for (pair = m->data.mapping.pairs.start;
	    pair < m->data.mapping.pairs.top; pair++) {
		k = node(p, pair->key);
		v = node(p, pair->value);
		name = scalar(k);
		a = name != NULL ? action_by_name(name) : ACTION_NONE;
		if (a == ACTION_NONE || action_is_plugin(a)) {
			/* A plugin's keys are its own entry's. */
			scs_buf_init(&b, 0);
			for (a = 0; a < ACTION_PLUGIN; a++)
				scs_buf_printf(&b, "%s%s", a != 0 ? ", " : "",
				    action_name(a));
			fail(p, k, "unknown action '%s' (expected one of %s)",
			    name != NULL && text_ok(name) ? name : "?", b.data);
			scs_buf_done(&b);
			return (-1);
		}
		if (duplicate(p, m, pair) != 0)
			return (-1);
		n = 0;
		if (v->type == YAML_SEQUENCE_NODE) {
			for (it = v->data.sequence.items.start;
			    it < v->data.sequence.items.top; it++) {
				if (n == CONFIG_KEYS_MAX)
					return (fail(p, node(p, *it), "too "
					    "many keys for '%s' (at most %d)",
					    name, CONFIG_KEYS_MAX));
				items[n++] = node(p, *it);
			}
			/* An empty list unbinds the action. */
		} else
			items[n++] = v;
		ck = &cfg->keys[a];
		ck->set = 1;
		ck->line = v->start_mark.line + 1;
		ck->col = v->start_mark.column + 1;
		for (j = 0; j < n; j++) {
			if (scalar(items[j]) == NULL || parse_key(
			    scalar(items[j]), &key) != 0)
				return (fail(p, items[j], "bad key name '%s' "
				    "for '%s' (e.g. x, <C-d>, <Enter>, <F5>, "
				    "<lt>)", scalar(items[j]) != NULL &&
				    text_ok(scalar(items[j])) ?
				    scalar(items[j]) : "?", name));
			if (keys_is_text(key) && action_typed_only(a))
				return (fail(p, items[j], "key '%s' is text "
				    "where '%s' applies (%s: what is typed goes "
				    "in); bind a key that is not text (e.g. "
				    "<C-n>, <F2>)", scalar(items[j]), name,
				    action_scopes(a)));
			/* Bound by the file already, in a scope of
			 * this action? */
			for (b2 = 0; b2 < ACTION_MAX; b2++) {
				if (b2 != a && !action_clash(a, b2))
					continue;
				for (l = 0; l < cfg->keys[b2].n; l++) {
					if (cfg->keys[b2].keys[l] == key)
						return (fail(p, items[j],
						    "key '%s' is bound to both "
						    "'%s' and '%s'%s%s",
						    scalar(items[j]),
						    action_name(b2), name,
						    b2 != a ? " in " : "",
						    b2 != a ? common(a, b2) :
						    ""));
				}
			}
			ck->keys[ck->n] = key;
			ck->names[ck->n++] = scs_xstrdup(scalar(items[j]));
		}
	}
	return (0);
}

/* A list of strings (or one string) into a NULL-terminated copy. */
static int
strings(struct parse *p, yaml_node_t *v, const char *plugin,
    const char *field, char ***out)
{
	yaml_node_item_t	*it;
	yaml_node_t		*n;
	size_t			 i = 0, max;

	max = v->type == YAML_SEQUENCE_NODE ? (size_t)(v->data.sequence.items.
	    top - v->data.sequence.items.start) : 1;
	if (max > PLUGIN_ARGS_MAX)
		return (fail(p, v, "plugin '%s': at most %d %s", plugin,
		    PLUGIN_ARGS_MAX, field));
	*out = scs_xcalloc(max + 1, sizeof **out);
	if (v->type != YAML_SEQUENCE_NODE) {
		if (scalar(v) == NULL || !text_ok(scalar(v)))
			return (fail(p, v, "plugin '%s': '%s' must be a string "
			    "or a list of strings", plugin, field));
		(*out)[0] = scs_xstrdup(scalar(v));
		return (0);
	}
	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++) {
		n = node(p, *it);
		/* An argument may be empty, not a mapping or a list. */
		if (scalar(n) == NULL || strlen(scalar(n)) > CONFIG_STRING_MAX ||
		    (*scalar(n) != '\0' && !text_ok(scalar(n))))
			return (fail(p, n, "plugin '%s': '%s' must be a list "
			    "of strings", plugin, field));
		(*out)[i++] = scs_xstrdup(scalar(n));
	}
	return (0);
}

static int
plugin_bool(struct parse *p, yaml_node_t *v, const char *plugin,
    const char *field, int *out)
{
	const char	*s = scalar(v);

	if (s == NULL || (strcmp(s, "true") != 0 && strcmp(s, "false") != 0))
		return (fail(p, v, "plugin '%s': '%s' must be true or false",
		    plugin, field));
	*out = strcmp(s, "true") == 0;
	return (0);
}

static int
plugin_scopes(struct parse *p, yaml_node_t *v, struct config_plugin *pl)
{
	yaml_node_item_t	*it;
	yaml_node_t		*n;
	enum scope		 s;
	struct scs_buf		 b;

	if (v->type != YAML_SEQUENCE_NODE)
		return (fail(p, v, "plugin '%s': 'scopes' must be a list",
		    pl->name));
	pl->scopes = 0;
	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++) {
		n = node(p, *it);
		for (s = 0; s < SCOPE_MAX; s++) {
			if (scalar(n) != NULL && (PLUGIN_SCOPES & (1u << s)) &&
			    strcmp(scalar(n), scope_name(s)) == 0)
				break;
		}
		if (s == SCOPE_MAX) {
			scs_buf_init(&b, 0);
			for (s = 0; s < SCOPE_MAX; s++) {
				if (PLUGIN_SCOPES & (1u << s))
					scs_buf_printf(&b, "%s%s", b.len != 0 ?
					    ", " : "", scope_name(s));
			}
			fail(p, n, "plugin '%s': no scope '%s' for a plugin "
			    "(one of %s: where an object is selected)",
			    pl->name, scalar(n) != NULL && text_ok(scalar(n)) ?
			    scalar(n) : "?", b.data);
			scs_buf_done(&b);
			return (-1);
		}
		pl->scopes |= 1u << s;
	}
	return (0);
}

/* key: KEY or [KEYS]: parsed, positions kept for the clash check. */
static int
plugin_keys(struct parse *p, yaml_node_t *v, struct config_plugin *pl)
{
	yaml_node_item_t	*it;
	yaml_node_t		*items[CONFIG_KEYS_MAX];
	size_t			 n = 0, j;

	if (v->type == YAML_SEQUENCE_NODE) {
		for (it = v->data.sequence.items.start;
		    it < v->data.sequence.items.top; it++) {
			if (n == CONFIG_KEYS_MAX)
				return (fail(p, node(p, *it), "too many keys "
				    "for plugin '%s' (at most %d)", pl->name,
				    CONFIG_KEYS_MAX));
			items[n++] = node(p, *it);
		}
	} else
		items[n++] = v;
	for (j = 0; j < n; j++) {
		if (scalar(items[j]) == NULL || parse_key(scalar(items[j]),
		    &pl->keys[j]) != 0)
			return (fail(p, items[j], "bad key name '%s' for plugin "
			    "'%s' (e.g. x, <C-k>, <F5>)", scalar(items[j]) !=
			    NULL && text_ok(scalar(items[j])) ?
			    scalar(items[j]) : "?", pl->name));
		pl->names[j] = scs_xstrdup(scalar(items[j]));
		pl->kline[j] = items[j]->start_mark.line + 1;
		pl->kcol[j] = items[j]->start_mark.column + 1;
		pl->nkeys = j + 1;
	}
	return (0);
}

/* Is name fit for a plugin: letters, digits, '-', '_', not an action's? */
static int
plugin_name_ok(const char *name)
{
	const char	*c;

	if (*name == '\0' || strlen(name) > 32)
		return (0);
	for (c = name; *c != '\0'; c++) {
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
			return (0);
	}
	return (1);
}

static int
parse_plugin(struct parse *p, yaml_node_t *k, yaml_node_t *m,
    struct config_plugin *pl)
{
	yaml_node_pair_t	*pair;
	yaml_node_t		*fk, *v;
	const char		*f;
	int			 rc;
	enum action		 a;

	pl->name = scs_xstrdup(scalar(k));
	pl->line = k->start_mark.line + 1;
	pl->scopes = PLUGIN_SCOPES;
	if (!plugin_name_ok(pl->name))
		return (fail(p, k, "a plugin's name is letters, digits, - and "
		    "_ (at most 32), not '%s'", text_ok(pl->name) ? pl->name :
		    "?"));
	for (a = 0; a < ACTION_PLUGIN; a++) {
		if (strcmp(action_name(a), pl->name) == 0)
			return (fail(p, k, "plugin '%s' has the name of an "
			    "action", pl->name));
	}
	if (m->type != YAML_MAPPING_NODE)
		return (fail(p, m, "plugin '%s' must be a mapping (key, "
		    "command, ...), not %s", pl->name, scalar(m) != NULL ?
		    "a scalar" : kind(m)));
	for (pair = m->data.mapping.pairs.start;
	    pair < m->data.mapping.pairs.top; pair++) {
		fk = node(p, pair->key);
		v = node(p, pair->value);
		if ((f = scalar(fk)) == NULL)
			return (fail(p, fk, "a key must be a name, not %s",
			    kind(fk)));
		if (duplicate(p, m, pair) != 0)
			return (-1);
		if (strcmp(f, "key") == 0)
			rc = plugin_keys(p, v, pl);
		else if (strcmp(f, "description") == 0 ||
		    strcmp(f, "command") == 0) {
			if (scalar(v) == NULL || !text_ok(scalar(v)))
				return (fail(p, v, "plugin '%s': '%s' must be "
				    "a non-empty string", pl->name, f));
			if (*f == 'd')
				pl->description = scs_xstrdup(scalar(v));
			else
				pl->command = scs_xstrdup(scalar(v));
			rc = 0;
		} else if (strcmp(f, "args") == 0)
			rc = strings(p, v, pl->name, f, &pl->args);
		else if (strcmp(f, "kinds") == 0)
			rc = strings(p, v, pl->name, f, &pl->kinds);
		else if (strcmp(f, "scopes") == 0)
			rc = plugin_scopes(p, v, pl);
		else if (strcmp(f, "confirm") == 0)
			rc = plugin_bool(p, v, pl->name, f, &pl->confirm);
		else if (strcmp(f, "wait") == 0)
			rc = plugin_bool(p, v, pl->name, f, &pl->wait);
		else if (strcmp(f, "write") == 0)
			rc = plugin_bool(p, v, pl->name, f, &pl->write);
		else
			rc = fail(p, fk, "plugin '%s': unknown key '%s' "
			    "(expected one of key, description, scopes, kinds, "
			    "command, args, confirm, wait, write)", pl->name,
			    text_ok(f) ? f : "?");
		if (rc != 0)
			return (-1);
	}
	if (pl->nkeys == 0)
		return (fail(p, k, "plugin '%s' needs a key", pl->name));
	if (pl->command == NULL)
		return (fail(p, k, "plugin '%s' needs a command", pl->name));
	if (pl->args == NULL)
		pl->args = scs_xcalloc(1, sizeof *pl->args);
	return (0);
}

static int
parse_plugins(struct parse *p, yaml_node_t *m, struct config *cfg)
{
	yaml_node_pair_t	*pair;
	yaml_node_t		*k;

	if (m->type != YAML_MAPPING_NODE)
		return (fail(p, m, "'plugins' must be a mapping of name to "
		    "plugin, not %s", scalar(m) != NULL ? "a scalar" :
		    kind(m)));
	for (pair = m->data.mapping.pairs.start;
	    pair < m->data.mapping.pairs.top; pair++) {
		k = node(p, pair->key);
		if (scalar(k) == NULL)
			return (fail(p, k, "a plugin's name must be a string"));
		if (duplicate(p, m, pair) != 0)
			return (-1);
		if (cfg->nplugins == PLUGIN_MAX)
			return (fail(p, k, "too many plugins (at most %d)",
			    PLUGIN_MAX));
		if (parse_plugin(p, k, node(p, pair->value),
		    &cfg->plugins[cfg->nplugins++]) != 0)
			return (-1);
	}
	return (0);
}

static int
parse_contexts(struct parse *p, yaml_node_t *m, struct config *cfg)
{
	yaml_node_pair_t	*pair;
	yaml_node_t		*k, *v;
	struct config_context	*c;
	const char		*pat;

	if (m->type != YAML_MAPPING_NODE)
		return (fail(p, m, "'contexts' must be a mapping of context "
		    "pattern to settings, not %s", scalar(m) != NULL ?
		    "a scalar" : kind(m)));
	for (pair = m->data.mapping.pairs.start;
	    pair < m->data.mapping.pairs.top; pair++) {
		k = node(p, pair->key);
		v = node(p, pair->value);
		if ((pat = scalar(k)) == NULL || !text_ok(pat))
			return (fail(p, k, "a context pattern must be a "
			    "non-empty string"));
		if (duplicate(p, m, pair) != 0)
			return (-1);
		if (v->type != YAML_MAPPING_NODE)
			return (fail(p, v, "context '%s' must be a mapping of "
			    "settings, not %s", pat, scalar(v) != NULL ?
			    "a scalar" : kind(v)));
		if (cfg->ncontexts == CONFIG_CONTEXTS_MAX)
			return (fail(p, k, "too many contexts (at most %d)",
			    CONFIG_CONTEXTS_MAX));
		cfg->contexts = scs_xreallocarray(cfg->contexts,
		    cfg->ncontexts + 1, sizeof *cfg->contexts);
		c = &cfg->contexts[cfg->ncontexts++];
		memset(c, 0, sizeof *c);
		c->pattern = scs_xstrdup(pat);
		if (parse_settings(p, v, &c->set, NULL) != 0)
			return (-1);
	}
	return (0);
}

/* The keys b has before the plugins: the file's binding, else its
 * defaults, or another plugin's. */
static void
keys_before(const struct config *cfg, enum action b,
    struct config_binding *kb)
{
	const struct config_plugin	*pl;
	size_t				 j;

	memset(kb, 0, sizeof *kb);
	if (action_is_plugin(b)) {
		if ((size_t)(b - ACTION_PLUGIN) >= cfg->nplugins)
			return;
		pl = &cfg->plugins[b - ACTION_PLUGIN];
		for (j = 0; j < pl->nkeys; j++)
			kb->keys[j] = pl->keys[j];
		kb->n = pl->nkeys;
	} else if (cfg->keys[b].set) {
		for (j = 0; j < cfg->keys[b].n; j++)
			kb->keys[j] = cfg->keys[b].keys[j];
		kb->n = cfg->keys[b].n;
	} else
		default_keys(kb, action_default_keys(b));
}

/* The plugins into the action table's slots; a plugin's key that
 * another action (or plugin) has in one of its scopes is an error. */
static int
plugins_register(struct config *cfg, char **cause)
{
	const struct config_plugin	*pl;
	struct config_binding		 kb;
	size_t				 i, j, l;
	enum action			 a, b;
	enum scope			 s;

	for (i = 0; i < PLUGIN_MAX; i++) {
		pl = i < cfg->nplugins ? &cfg->plugins[i] : NULL;
		action_plugin_set(i, pl != NULL ? pl->name : NULL, pl != NULL ?
		    pl->description : NULL, pl != NULL ? pl->name : NULL,
		    pl != NULL ? pl->scopes : 0, pl != NULL && pl->write ?
		    ACT_WRITE : 0);
	}
	for (i = 0; i < cfg->nplugins; i++) {
		pl = &cfg->plugins[i];
		a = (enum action)(ACTION_PLUGIN + i);
		for (b = 0; b < ACTION_MAX; b++) {
			/* Two plugins: said at the later one. */
			if (!action_clash(a, b) || (action_is_plugin(b) &&
			    b > a))
				continue;
			keys_before(cfg, b, &kb);
			for (j = 0; j < pl->nkeys; j++) {
				for (l = 0; l < kb.n; l++) {
					if (kb.keys[l] != pl->keys[j])
						continue;
					for (s = 0; !action_in(a, s) ||
					    !action_in(b, s); s++)
						;
					scs_cause(cause, "%s:%lu:%lu: key '%s' "
					    "is bound to both '%s' and plugin "
					    "'%s' in %s", cfg->path,
					    pl->kline[j], pl->kcol[j],
					    pl->names[j], action_name(b),
					    pl->name, scope_name(s));
					return (-1);
				}
			}
		}
	}
	return (0);
}

const struct config_plugin *
config_plugin(const struct config *cfg, size_t i)
{
	return (cfg != NULL && i < cfg->nplugins ? &cfg->plugins[i] : NULL);
}

int
config_parse(const char *name, const char *text, size_t len,
    struct config **out, char **cause)
{
	yaml_parser_t	 parser;
	yaml_document_t	 doc;
	yaml_node_t	*root;
	struct parse	 p;
	struct config	*cfg;
	size_t		 i;
	int		 rc = -1;

	*out = NULL;
	if (!yaml_parser_initialize(&parser)) {
		scs_cause(cause, "%s: out of memory", name);
		return (-1);
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	if (!yaml_parser_load(&parser, &doc)) {
		scs_cause(cause, "%s:%zu:%zu: %s", name,
		    parser.problem_mark.line + 1, parser.problem_mark.column + 1,
		    parser.problem != NULL ? parser.problem : "bad YAML");
		yaml_parser_delete(&parser);
		return (-1);
	}
	cfg = scs_xcalloc(1, sizeof *cfg);
	cfg->path = scs_xstrdup(name);
	p.file = name;
	p.doc = &doc;
	p.cause = cause;
	root = yaml_document_get_root_node(&doc);
	if (root == NULL || (root->type == YAML_SCALAR_NODE &&
	    (*scalar(root) == '\0' || strcmp(scalar(root), "~") == 0 ||
	    strcmp(scalar(root), "null") == 0)))
		rc = 0;		/* empty: all defaults */
	else if (root->type != YAML_MAPPING_NODE)
		fail(&p, root, "the configuration must be a mapping, not %s",
		    scalar(root) != NULL ? "a scalar" : kind(root));
	else
		rc = parse_settings(&p, root, &cfg->top, cfg);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	if (rc == 0)
		rc = plugins_register(cfg, cause);
	if (rc != 0) {
		for (i = 0; i < PLUGIN_MAX; i++)
			action_plugin_set(i, NULL, NULL, NULL, 0, 0);
		config_free(cfg);
		return (-1);
	}
	*out = cfg;
	return (0);
}

int
config_load(const char *path, struct config **out, char **cause)
{
	char	*p, *text;
	FILE	*f;
	size_t	 n;
	int	 rc;

	*out = NULL;
	p = path != NULL ? scs_xstrdup(path) : config_default_path();
	if ((f = fopen(p, "r")) == NULL) {
		if (path == NULL) {
			/* No file is fine: every value is a default. */
			*out = scs_xcalloc(1, sizeof **out);
			free(p);
			return (0);
		}
		scs_cause(cause, "%s: %s", p, strerror(errno));
		free(p);
		return (-1);
	}
	text = scs_xmalloc(CONFIG_FILE_MAX + 1);
	n = fread(text, 1, CONFIG_FILE_MAX + 1, f);
	if (ferror(f)) {
		scs_cause(cause, "%s: cannot read", p);
		rc = -1;
	} else if (n > CONFIG_FILE_MAX) {
		scs_cause(cause, "%s: too large (at most %d bytes)", p,
		    CONFIG_FILE_MAX);
		rc = -1;
	} else
		rc = config_parse(p, text, n, out, cause);
	fclose(f);
	free(text);
	free(p);
	return (rc);
}

static void
set_free(struct config_set *set)
{
	int	 i;

	for (i = 0; i < CONFIG_SETTING_MAX; i++)
		free(set->s[i]);
}

void
config_free(struct config *cfg)
{
	struct config_plugin	*pl;
	size_t			 i, j;

	if (cfg == NULL)
		return;
	set_free(&cfg->top);
	for (i = 0; i < cfg->ncontexts; i++) {
		free(cfg->contexts[i].pattern);
		set_free(&cfg->contexts[i].set);
	}
	free(cfg->contexts);
	for (i = 0; i < ACTION_MAX; i++) {
		for (j = 0; j < cfg->keys[i].n; j++)
			free(cfg->keys[i].names[j]);
	}
	for (i = 0; i < PLUGIN_MAX; i++) {
		pl = &cfg->plugins[i];
		free(pl->name);
		free(pl->description);
		free(pl->command);
		scs_strv_free(pl->args);
		scs_strv_free(pl->kinds);
		for (j = 0; j < pl->nkeys; j++)
			free(pl->names[j]);
	}
	free(cfg->path);
	free(cfg);
}

const char *
config_path(const struct config *cfg)
{
	return (cfg != NULL ? cfg->path : NULL);
}

/* Values of a file set over e. */
static void
apply_set(struct config_effective *e, const struct config *cfg,
    const struct config_set *set, const char *pattern)
{
	struct config_value	*v;
	int			 i;

	for (i = 0; i < CONFIG_SETTING_MAX; i++) {
		if (!set->set[i])
			continue;
		v = &e->v[i];
		memset(v, 0, sizeof *v);
		v->s = set->s[i];
		v->n = set->n[i];
		v->from.source = pattern != NULL ? CONFIG_FROM_CONTEXT :
		    CONFIG_FROM_FILE;
		v->from.file = cfg->path;
		v->from.line = set->line[i];
		v->from.column = set->col[i];
		v->from.pattern = pattern;
	}
}

static void
apply_flag(struct config_effective *e, enum config_setting i, const char *s,
    long n, const char *flag)
{
	memset(&e->v[i], 0, sizeof e->v[i]);
	e->v[i].s = s;
	e->v[i].n = n;
	e->v[i].from.source = CONFIG_FROM_FLAG;
	e->v[i].from.flag = flag;
}

/* The default keys of an action, from the space-separated list. */
static void
default_keys(struct config_binding *kb, const char *list)
{
	static char	 names[ACTION_MAX * CONFIG_KEYS_MAX][16];
	static size_t	 used;
	const char	*s = list, *sp;
	size_t		 len, i;
	int		 key;

	memset(kb, 0, sizeof *kb);
	while (*s != '\0' && kb->n < CONFIG_KEYS_MAX) {
		sp = strchr(s, ' ');
		len = sp != NULL ? (size_t)(sp - s) : strlen(s);
		/* The names are constants: keep one copy of each. */
		for (i = 0; i < used; i++) {
			if (strlen(names[i]) == len && strncmp(names[i], s,
			    len) == 0)
				break;
		}
		if (i == used && used < sizeof names / sizeof names[0] &&
		    len < sizeof names[0]) {
			memcpy(names[used], s, len);
			names[used++][len] = '\0';
		}
		if (i < used && parse_key(names[i], &key) == 0) {
			kb->keys[kb->n] = key;
			kb->names[kb->n++] = names[i];
		}
		s += len;
		while (*s == ' ')
			s++;
	}
}

void
config_resolve(const struct config *cfg, const char *context,
    const struct options *o, struct config_effective *e)
{
	struct config_binding	*kb;
	enum action		 a, b;
	int			 key;
	size_t			 i, j, l;

	memset(e, 0, sizeof *e);
	e->context = context;
	e->v[CONFIG_PERSONA].s = "auto";
	e->v[CONFIG_THEME].s = "default";
	e->v[CONFIG_READONLY].s = "false";
	e->v[CONFIG_REDACT].s = "false";
	e->v[CONFIG_MOUSE].s = "false";
	e->v[CONFIG_REFRESH].s = "10000";
	e->v[CONFIG_REFRESH].n = 10000;
	e->v[CONFIG_SILENCE].s = "15000";
	e->v[CONFIG_SILENCE].n = SCS_LIVE_SILENCE_MS;
	e->v[CONFIG_HEADER].s = "default";
	e->v[CONFIG_HEADER].n = -1;
	for (a = 0; a < ACTION_MAX; a++)
		default_keys(&e->keys[a], action_default_keys(a));

	if (cfg != NULL) {
		apply_set(e, cfg, &cfg->top, NULL);
		for (i = 0; context != NULL && i < cfg->ncontexts; i++) {
			if (fnmatch(cfg->contexts[i].pattern, context, 0) == 0)
				apply_set(e, cfg, &cfg->contexts[i].set,
				    cfg->contexts[i].pattern);
		}
		/* The file's bindings replace an action's keys and take
		 * those keys from every other action they could clash
		 * with. */
		for (a = 0; a < ACTION_MAX; a++) {
			if (!cfg->keys[a].set)
				continue;
			kb = &e->keys[a];
			memset(kb, 0, sizeof *kb);
			for (j = 0; j < cfg->keys[a].n; j++) {
				kb->keys[j] = cfg->keys[a].keys[j];
				kb->names[j] = cfg->keys[a].names[j];
			}
			kb->n = cfg->keys[a].n;
			kb->from.source = CONFIG_FROM_FILE;
			kb->from.file = cfg->path;
			kb->from.line = cfg->keys[a].line;
			kb->from.column = cfg->keys[a].col;
			for (j = 0; j < kb->n; j++) {
				key = kb->keys[j];
				for (b = 0; b < ACTION_MAX; b++) {
					if (!action_clash(a, b) ||
					    cfg->keys[b].set)
						continue;
					for (l = 0; l < e->keys[b].n; l++) {
						if (e->keys[b].keys[l] != key)
							continue;
						memmove(&e->keys[b].keys[l],
						    &e->keys[b].keys[l + 1],
						    (e->keys[b].n - l - 1) *
						    sizeof (int));
						memmove(&e->keys[b].names[l],
						    &e->keys[b].names[l + 1],
						    (e->keys[b].n - l - 1) *
						    sizeof (char *));
						e->keys[b].n--;
						l--;
						/* Say where the key went. */
						e->keys[b].from = kb->from;
					}
				}
			}
		}
	}

	/* A plugin's keys are its entry's (no clash: config_parse). */
	for (i = 0; cfg != NULL && i < cfg->nplugins; i++) {
		kb = &e->keys[ACTION_PLUGIN + i];
		for (j = 0; j < cfg->plugins[i].nkeys; j++) {
			kb->keys[j] = cfg->plugins[i].keys[j];
			kb->names[j] = cfg->plugins[i].names[j];
		}
		kb->n = cfg->plugins[i].nkeys;
		kb->from.source = CONFIG_FROM_FILE;
		kb->from.file = cfg->path;
		kb->from.line = cfg->plugins[i].line;
	}

	if (o == NULL)
		return;
	if (o->persona != NULL && strcmp(o->persona, "auto") != 0)
		apply_flag(e, CONFIG_PERSONA, o->persona, 0, "--persona");
	if (o->namespace != NULL)
		apply_flag(e, CONFIG_NAMESPACE, o->namespace, 0, "-n");
	else if (o->all_namespaces)
		apply_flag(e, CONFIG_NAMESPACE, "all", 0, "-A");
	if (o->theme != NULL)
		apply_flag(e, CONFIG_THEME, o->theme, 0, "--theme");
	if (o->readonly)
		apply_flag(e, CONFIG_READONLY, "true", 1, "--readonly");
	if (o->redact)
		apply_flag(e, CONFIG_REDACT, "true", 1, "--redact");
	if (o->mouse)
		apply_flag(e, CONFIG_MOUSE, "true", 1, "--mouse");
}

/* A double-quoted YAML scalar. */
static void
quoted(struct scs_buf *b, const char *s)
{
	const unsigned char	*u;

	scs_buf_addc(b, '"');
	for (u = (const unsigned char *)s; *u != '\0'; u++) {
		if (*u == '"' || *u == '\\')
			scs_buf_printf(b, "\\%c", *u);
		else if (*u < 0x20 || *u == 0x7f)
			scs_buf_printf(b, "\\x%02x", *u);
		else
			scs_buf_addc(b, (char)*u);
	}
	scs_buf_addc(b, '"');
}

static void
origin(struct scs_buf *b, const struct config_origin *from)
{
	switch (from->source) {
	case CONFIG_FROM_DEFAULT:
		scs_buf_adds(b, "# default");
		break;
	case CONFIG_FROM_FILE:
		scs_buf_printf(b, "# from %s:%lu", from->file, from->line);
		break;
	case CONFIG_FROM_CONTEXT:
		scs_buf_printf(b, "# from %s:%lu (context ", from->file,
		    from->line);
		quoted(b, from->pattern);
		scs_buf_addc(b, ')');
		break;
	case CONFIG_FROM_FLAG:
		scs_buf_printf(b, "# flag %s", from->flag);
		break;
	}
}

/* "line" padded to a column, then the comment: the origin, and where
 * (an action's scopes) unless NULL or empty. */
static void
line_end(struct scs_buf *b, size_t start, const struct config_origin *from,
    const char *where)
{
	size_t	 w = b->len - start;

	do
		scs_buf_addc(b, ' ');
	while (++w < 32);
	origin(b, from);
	if (where != NULL && *where != '\0')
		scs_buf_printf(b, "; in %s", where);
	scs_buf_addc(b, '\n');
}

/* A list of strings in flow style. */
static void
flow(struct scs_buf *b, char *const *v)
{
	size_t	 i;

	scs_buf_addc(b, '[');
	for (i = 0; v != NULL && v[i] != NULL; i++) {
		if (i != 0)
			scs_buf_adds(b, ", ");
		quoted(b, v[i]);
	}
	scs_buf_addc(b, ']');
}

/* cfg's plugins, as the file wrote them. */
static void
print_plugins(struct scs_buf *b, const struct config *cfg)
{
	const struct config_plugin	*pl;
	struct config_origin		 from;
	size_t				 i, start;
	enum scope			 s;
	int				 first;

	if (cfg == NULL || cfg->nplugins == 0)
		return;
	scs_buf_adds(b, "plugins:\n");
	for (i = 0; i < cfg->nplugins; i++) {
		pl = &cfg->plugins[i];
		memset(&from, 0, sizeof from);
		from.source = CONFIG_FROM_FILE;
		from.file = cfg->path;
		from.line = pl->line;
		start = b->len;
		scs_buf_printf(b, "  %s:", pl->name);
		line_end(b, start, &from, NULL);
		scs_buf_adds(b, "    key: ");
		flow(b, pl->names);
		if (pl->description != NULL) {
			scs_buf_adds(b, "\n    description: ");
			quoted(b, pl->description);
		}
		scs_buf_adds(b, "\n    scopes: [");
		for (s = 0, first = 1; s < SCOPE_MAX; s++) {
			if ((pl->scopes & (1u << s)) == 0)
				continue;
			scs_buf_printf(b, "%s%s", first ? "" : ", ",
			    scope_name(s));
			first = 0;
		}
		scs_buf_adds(b, "]\n");
		if (pl->kinds != NULL) {
			scs_buf_adds(b, "    kinds: ");
			flow(b, pl->kinds);
			scs_buf_addc(b, '\n');
		}
		scs_buf_adds(b, "    command: ");
		quoted(b, pl->command);
		scs_buf_adds(b, "\n    args: ");
		flow(b, pl->args);
		scs_buf_printf(b, "\n    confirm: %s\n    wait: %s\n    write: "
		    "%s\n", pl->confirm ? "true" : "false", pl->wait ? "true" :
		    "false", pl->write ? "true" : "false");
	}
}

int
config_print(FILE *f, const struct config_effective *e,
    const struct config *cfg)
{
	const struct config_value	*v;
	const struct config_binding	*kb;
	struct scs_buf			 b;
	size_t				 start, j;
	enum config_setting		 i;
	enum action			 a;
	int				 rc;

	scs_buf_init(&b, 0);
	scs_buf_adds(&b, "# scs-tui: the configuration in effect\n");
	if (e->context != NULL) {
		scs_buf_adds(&b, "# context: ");
		quoted(&b, e->context);
		scs_buf_addc(&b, '\n');
	}
	for (i = 0; i < CONFIG_SETTING_MAX; i++) {
		v = &e->v[i];
		start = b.len;
		if (v->s == NULL) {
			/* Only the namespace has no default value. */
			scs_buf_printf(&b, "# %s: the context's",
			    settings[i].name);
			line_end(&b, start, &v->from, NULL);
			continue;
		}
		scs_buf_printf(&b, "%s: ", settings[i].name);
		switch (settings[i].type) {
		case CONFIG_TYPE_STRING:
		case CONFIG_TYPE_COLOUR:
			quoted(&b, v->s);
			break;
		case CONFIG_TYPE_BOOL:
			scs_buf_adds(&b, v->n ? "true" : "false");
			break;
		case CONFIG_TYPE_MS:
			scs_buf_printf(&b, "%ld", v->n);
			break;
		case CONFIG_TYPE_PERSONA:
			scs_buf_adds(&b, v->s);
			break;
		}
		line_end(&b, start, &v->from, NULL);
	}
	scs_buf_adds(&b, "keys:\n");
	for (a = 0; a < ACTION_MAX; a++) {
		/* Plugins are listed as plugins, below. */
		if (action_is_plugin(a))
			continue;
		kb = &e->keys[a];
		start = b.len;
		scs_buf_printf(&b, "  %s: ", action_name(a));
		if (kb->n == 1)
			quoted(&b, kb->names[0]);
		else {
			scs_buf_addc(&b, '[');
			for (j = 0; j < kb->n; j++) {
				if (j != 0)
					scs_buf_adds(&b, ", ");
				quoted(&b, kb->names[j]);
			}
			scs_buf_addc(&b, ']');
		}
		line_end(&b, start, &kb->from, action_scopes(a));
	}
	print_plugins(&b, cfg);
	rc = fwrite(b.data, 1, b.len, f) == b.len && fflush(f) == 0 ? 0 : -1;
	scs_buf_done(&b);
	return (rc);
}
