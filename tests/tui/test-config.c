/*
 * test-config.c: config.yaml loads and validates with FILE:LINE:COL
 * messages; per-context overrides match by glob; defaults < file <
 * context < flags; --print-config output matches
 * tests/tui/expected/config-print.yaml (SCS_GENERATE=1 rewrites it) and
 * loads back to the same values. Keys mean actions per scope (action.c):
 * a view's action before the console's, a clash only within a scope.
 */
#include <sys/stat.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scs/util.h"
#include "tui.h"
#include "../tap.h"

static const char valid[] =
"# a full configuration\n"
"persona: kaas\n"
"namespace: team-a\n"
"theme: light\n"
"readonly: false\n"
"redact: true\n"
"mouse: true\n"
"refresh: 5000\n"
"header: \"#005f87\"\n"
"keys:\n"
"  quit: <C-q>\n"
"  delete: [x, <Del>]\n"
"  export: E\n"
"  help: <F1>\n"
"contexts:\n"
"  prod-*:\n"
"    readonly: true\n"
"    header: red\n"
"  \"*-eu\":\n"
"    theme: high-contrast\n"
"    namespace: eu-ops\n";

static char *
slurp(const char *path)
{
	struct scs_buf	 b;
	char		 buf[4096];
	size_t		 n;
	FILE		*f;

	if ((f = fopen(path, "r")) == NULL)
		return (NULL);
	scs_buf_init(&b, 0);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		scs_buf_add(&b, buf, n);
	fclose(f);
	return (scs_buf_steal(&b));
}

static char *
print(const struct config_effective *e)
{
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&text, &len);

	config_print(f, e, NULL);
	fclose(f);
	return (text);
}

/* The file text must fail with a message holding want. */
static void
bad(const char *text, const char *want, const char *what)
{
	struct config	*cfg = NULL;
	char		*cause = NULL;
	int		 rc;

	rc = config_parse("config.yaml", text, strlen(text), &cfg, &cause);
	ok(rc != 0 && cfg == NULL && cause != NULL &&
	    strstr(cause, want) != NULL, "%s: %s", what,
	    cause != NULL ? cause : "(accepted)");
	if (cause == NULL || strstr(cause, want) == NULL)
		diag("want: %s", want);
	free(cause);
	config_free(cfg);
}

static void
test_errors(void)
{
	bad("persona: kaas\nthme: x\n", "config.yaml:2:1: unknown key 'thme' "
	    "(expected one of persona, namespace, theme, readonly, redact, "
	    "mouse, refresh, silence, header, keys, contexts, plugins)", "unknown key");
	bad("readonly: maybe\n", "config.yaml:1:11: 'readonly' must be true "
	    "or false, not 'maybe'", "bad bool");
	bad("persona: admin\n", "config.yaml:1:10: 'persona' must be one of "
	    "iaas, kaas, tenant, auto, not 'admin'", "bad persona");
	bad("refresh: 500\n", "config.yaml:1:10: 'refresh' must be "
	    "milliseconds from 1000 to 3600000, not '500'", "refresh < 1000");
	bad("refresh: 2s\n", "config.yaml:1:10: 'refresh' must be "
	    "milliseconds", "refresh not a number");
	bad("header: purpleish\n", "config.yaml:1:9: 'header' must be a "
	    "colour", "bad colour");
	bad("theme: [a, b]\n", "config.yaml:1:8: 'theme' must be a non-empty "
	    "string, not a list", "list for a string");
	bad("theme:\n", "config.yaml:1:7: 'theme' must be a non-empty string, "
	    "not empty", "empty value");
	bad("mouse: {a: 1}\n", "config.yaml:1:8: 'mouse' must be true or "
	    "false, not a mapping", "mapping for a bool");
	bad("keys: q\n", "config.yaml:1:7: 'keys' must be a mapping of action "
	    "to key, not a scalar", "keys not a mapping");
	bad("keys:\n  quitt: q\n", "config.yaml:2:3: unknown action 'quitt' "
	    "(expected one of open, tree, create, edit, clone, scale, upgrade, "
	    "conditions, conditions-all, group, echo, pause, restart, remediate, "
	    "describe,",
	    "unknown action");
	bad("keys:\n  delete: <C-dd>\n", "config.yaml:2:11: bad key name "
	    "'<C-dd>' for 'delete'", "bad key name");
	bad("keys:\n  delete: [x, <Tabb>]\n", "config.yaml:2:15: bad key name "
	    "'<Tabb>' for 'delete'", "bad key name in a list");
	bad("keys:\n  quit: ab\n", "config.yaml:2:9: bad key name 'ab'",
	    "two characters are no key");
	bad("keys:\n  quit: x\n  export: [m, x]\n", "config.yaml:3:15: key 'x' "
	    "is bound to both 'quit' and 'export' in table", "key bound twice");
	bad("keys:\n  create: x\n  delete: [<Del>, x]\n", "config.yaml:3:19: "
	    "key 'x' is bound to both 'create' and 'delete' in clusters",
	    "two view actions of one scope");
	bad("keys:\n  yaml: [y, y]\n", "config.yaml:2:13: key 'y' is bound to "
	    "both 'yaml' and 'yaml'", "one key twice for an action");
	bad("keys:\n  quit: [a, b, c, d, e]\n", "config.yaml:2:22: too many "
	    "keys for 'quit' (at most 4)", "too many keys");
	/* Where text is typed a key that is text types (fzf, k9s). */
	bad("keys:\n  pick-down: [<C-n>, j]\n", "config.yaml:2:22: key 'j' is "
	    "text where 'pick-down' applies (picker: what is typed goes in); "
	    "bind a key that is not text", "a picker action on a letter");
	bad("keys:\n  entry-erase: \"x\"\n", "config.yaml:2:16: key 'x' is "
	    "text where 'entry-erase' applies (entry", "an entry action on a "
	    "letter");
	bad("theme: a\ntheme: b\n", "config.yaml:2:1: duplicate key 'theme'",
	    "duplicate key");
	bad("keys:\n  quit: a\n  quit: b\n", "config.yaml:3:3: duplicate key "
	    "'quit'", "duplicate action");
	bad("contexts: [prod]\n", "config.yaml:1:11: 'contexts' must be a "
	    "mapping of context pattern to settings, not a list",
	    "contexts not a mapping");
	bad("contexts:\n  prod: true\n", "config.yaml:2:9: context 'prod' "
	    "must be a mapping of settings, not a scalar", "context a scalar");
	bad("contexts:\n  prod:\n    keys: {quit: q}\n", "config.yaml:3:5: "
	    "unknown key 'keys' (expected one of persona, namespace, theme, "
	    "readonly, redact, mouse, refresh, silence, header)", "no keys per context");
	bad("contexts:\n  prod:\n    readonly: yes\n", "config.yaml:3:15: "
	    "'readonly' must be true or false, not 'yes'",
	    "bad value in a context");
	bad("contexts:\n  p: {}\n  p: {}\n", "config.yaml:3:3: duplicate key "
	    "'p'", "duplicate context");
	bad("theme: [a\n", "config.yaml:2:1: ", "broken YAML");
	bad("- a\n- b\n", "config.yaml:1:1: the configuration must be a "
	    "mapping, not a list", "not a mapping");
	bad("theme: \"a\\x1bb\"\n", "'theme' must be a non-empty string, not "
	    "'(unprintable)'", "control characters refused");
}

static void
test_resolve(void)
{
	struct config		*cfg;
	struct config_effective	 e;
	struct options		 o;
	char			*cause = NULL;

	ok(config_parse("config.yaml", valid, strlen(valid), &cfg,
	    &cause) == 0, "valid file%s%s", cause != NULL ? ": " : "",
	    cause != NULL ? cause : "");
	free(cause);
	if (cfg == NULL)
		return;

	config_resolve(cfg, "dev", NULL, &e);
	is_str(e.v[CONFIG_PERSONA].s, "kaas", "persona from the file");
	is_int(e.v[CONFIG_PERSONA].from.source, CONFIG_FROM_FILE,
	    "persona: from the file");
	is_int(e.v[CONFIG_PERSONA].from.line, 2, "persona: line 2");
	is_str(e.v[CONFIG_NAMESPACE].s, "team-a", "namespace");
	is_int(e.v[CONFIG_READONLY].n, 0, "dev is not readonly");
	is_int(e.v[CONFIG_REDACT].n, 1, "redact");
	is_int(e.v[CONFIG_MOUSE].n, 1, "mouse");
	is_int(e.v[CONFIG_REFRESH].n, 5000, "refresh");
	is_int(e.v[CONFIG_HEADER].n, THEME_RGB | 0x005f87, "header colour");
	is_str(e.v[CONFIG_THEME].s, "light", "theme");
	is_int(action_find(&e, 17, SCOPE_TABLE), ACTION_QUIT, "C-q quits");
	is_int(action_find(&e, 'q', SCOPE_TABLE), ACTION_NONE,
	    "q no longer quits");
	is_int(action_find(&e, 'x', SCOPE_TABLE), ACTION_DELETE, "x deletes");
	is_int(action_find(&e, KEYS_SPECIAL + KEY_DC, SCOPE_TREE),
	    ACTION_DELETE, "<Del> deletes in the tree");
	is_int(action_find(&e, 4, SCOPE_TABLE), ACTION_NONE,
	    "C-d no longer deletes");
	is_int(e.keys[ACTION_REVEAL].n, 1, "reveal keeps x: delete never "
	    "applies where reveal does");
	is_int(action_find(&e, 'x', SCOPE_SECRET), ACTION_REVEAL,
	    "x reveals in a Secret");
	is_int(action_find(&e, 'E', SCOPE_ALERTS), ACTION_EXPORT, "E exports");
	is_int(action_find(&e, 'E', SCOPE_TREE), ACTION_EDIT_YAML, "E edits "
	    "in the tree: a view's action of the scope comes first");
	is_int(e.keys[ACTION_EXPORT].from.line, 13, "export: from line 13");
	is_int(action_find(&e, KEYS_SPECIAL + KEY_F(1), SCOPE_FORM),
	    ACTION_HELP, "F1 helps");
	is_int(action_find(&e, '\r', SCOPE_TABLE), ACTION_OPEN,
	    "Enter opens");
	is_int(action_find(&e, 'j', SCOPE_OVERVIEW), ACTION_DOWN,
	    "j moves down");

	config_resolve(cfg, "prod-de", NULL, &e);
	is_int(e.v[CONFIG_READONLY].n, 1, "prod-* is readonly");
	is_int(e.v[CONFIG_READONLY].from.source, CONFIG_FROM_CONTEXT,
	    "readonly: from the context");
	is_str(e.v[CONFIG_READONLY].from.pattern, "prod-*", "pattern prod-*");
	is_int(e.v[CONFIG_HEADER].n, COLOR_RED, "header red for prod");
	is_str(e.v[CONFIG_THEME].s, "light", "*-eu does not match prod-de");

	config_resolve(cfg, "prod-eu", NULL, &e);
	is_str(e.v[CONFIG_THEME].s, "high-contrast", "*-eu matches prod-eu");
	is_int(e.v[CONFIG_READONLY].n, 1, "both patterns apply");
	is_str(e.v[CONFIG_NAMESPACE].s, "eu-ops", "context namespace");

	config_resolve(cfg, NULL, NULL, &e);
	is_int(e.v[CONFIG_READONLY].n, 0, "no context, no override");

	/* Flags win over the file and the contexts. */
	memset(&o, 0, sizeof o);
	o.persona = "tenant";
	o.theme = "mono";
	o.all_namespaces = 1;
	o.redact = 1;
	config_resolve(cfg, "prod-eu", &o, &e);
	is_str(e.v[CONFIG_PERSONA].s, "tenant", "--persona wins");
	is_int(e.v[CONFIG_PERSONA].from.source, CONFIG_FROM_FLAG,
	    "persona: from the flag");
	is_str(e.v[CONFIG_THEME].s, "mono", "--theme wins over a context");
	is_str(e.v[CONFIG_NAMESPACE].s, "all", "-A is namespace all");
	is_str(e.v[CONFIG_NAMESPACE].from.flag, "-A", "namespace: flag -A");
	is_int(e.v[CONFIG_READONLY].n, 1, "no flag: the context's readonly");
	o.persona = "auto";
	config_resolve(cfg, "dev", &o, &e);
	is_str(e.v[CONFIG_PERSONA].s, "kaas", "--persona auto is no override");
	config_free(cfg);

	/* Defaults only. */
	config_resolve(NULL, NULL, NULL, &e);
	is_str(e.v[CONFIG_THEME].s, "default", "default theme");
	is_int(e.v[CONFIG_REFRESH].n, 10000, "default refresh");
	is_int(e.v[CONFIG_SILENCE].n, 15000, "default silence: 15 s");
	ok(e.v[CONFIG_NAMESPACE].s == NULL, "no default namespace");
	is_int(action_find(&e, 4, SCOPE_CLUSTERS), ACTION_DELETE,
	    "C-d deletes by default");
	is_int(action_find(&e, '<', SCOPE_FLEET), ACTION_SORT_PREV,
	    "<lt> is <");
	is_int(action_find(&e, 5, SCOPE_DETAIL), ACTION_EXPORT, "C-e exports");
}

/* One key, several scopes: a view's action first, then the console's. */
static void
test_scopes(void)
{
	static const char	 rebind[] = "keys:\n  create: n\n"
				    "  page-down: [<PgDn>, J]\n";
	struct config		*cfg;
	struct config_effective	 e;
	char			*cause = NULL, hints[512];
	int			 keys[CONFIG_KEYS_MAX];
	size_t			 n;

	config_resolve(NULL, NULL, NULL, &e);
	is_int(action_find(&e, 'c', SCOPE_CLUSTERS), ACTION_CREATE,
	    "c creates in the clusters table");
	is_int(action_find(&e, 'c', SCOPE_TENANT), ACTION_CREATE,
	    "c creates in the tenant overview");
	is_int(action_find(&e, 'c', SCOPE_TREE), ACTION_CONDITIONS,
	    "c shows conditions in the tree");
	is_int(action_find(&e, 'c', SCOPE_TABLE), ACTION_NONE,
	    "c means nothing in another table");
	is_int(action_find(&e, 'g', SCOPE_TREE), ACTION_GROUP,
	    "g groups in the tree");
	is_int(action_find(&e, 'g', SCOPE_TABLE), ACTION_TOP,
	    "g goes to the top elsewhere");
	n = action_keys(&e, ACTION_TOP, SCOPE_TREE, keys, CONFIG_KEYS_MAX);
	ok(n == 1 && keys[0] == KEYS_SPECIAL + KEY_HOME,
	    "in the tree, top keeps only <Home>");
	is_int(action_find(&e, 'p', SCOPE_FORM), ACTION_PREVIEW,
	    "p previews in the form");
	is_int(action_find(&e, 'p', SCOPE_TABLE), ACTION_PERSONA,
	    "p switches persona elsewhere");
	is_int(action_find(&e, 'q', SCOPE_PREVIEW), ACTION_NONE,
	    "q means nothing in the preview");
	/* The picker is typed into: its moves and help, the rest is text. */
	is_int(action_find(&e, KEYS_SPECIAL + KEY_DOWN, SCOPE_PICKER),
	    ACTION_PICK_DOWN, "Down is the picker's next choice");
	is_int(action_find(&e, 'j', SCOPE_PICKER), ACTION_NONE,
	    "j is text in the picker");
	is_int(action_find(&e, 'q', SCOPE_PICKER), ACTION_NONE,
	    "q is text in the picker");
	is_int(action_find(&e, '?', SCOPE_PICKER), ACTION_NONE,
	    "? is text in the picker");
	is_int(action_find(&e, KEYS_SPECIAL + KEY_F(1), SCOPE_PICKER),
	    ACTION_HELP, "F1 helps in the picker");
	is_int(action_find(&e, '?', SCOPE_FORM), ACTION_HELP,
	    "? helps in the form");
	n = action_keys(&e, ACTION_HELP, SCOPE_PICKER, keys, CONFIG_KEYS_MAX);
	ok(n == 1 && keys[0] == KEYS_SPECIAL + KEY_F(1),
	    "help's key in the picker is F1 only");
	action_hints(&e, SCOPE_PICKER, 0, 200, hints, sizeof hints);
	ok(strncmp(hints, "<F1>help ", 9) == 0, "the picker's footer: %s",
	    hints);
	is_int(action_find(&e, 3, SCOPE_PICKER), ACTION_PICK_CANCEL,
	    "C-c closes the picker, not the console");
	is_int(action_find(&e, 'Y', SCOPE_QUESTION), ACTION_CONFIRM,
	    "Y answers yes");
	is_int(action_find(&e, '?', SCOPE_QUESTION), ACTION_NONE,
	    "? answers no");
	action_hints(&e, SCOPE_CLUSTERS, 0, 200, hints, sizeof hints);
	ok(strstr(hints, "<c>create") != NULL && strstr(hints,
	    "<C-d>delete") != NULL, "clusters footer: %s", hints);
	action_hints(&e, SCOPE_CLUSTERS, 1, 200, hints, sizeof hints);
	ok(strstr(hints, "create") == NULL && strstr(hints, "delete") ==
	    NULL && strstr(hints, "edit") == NULL && strstr(hints,
	    "<y>yaml") != NULL, "readonly footer: %s", hints);
	action_hints(&e, SCOPE_TREE, 0, 200, hints, sizeof hints);
	ok(strstr(hints, "<c>conditions") != NULL && strstr(hints,
	    "<g>group") != NULL && strstr(hints, "filter") == NULL,
	    "tree footer: %s", hints);

	/* keys: {create: n}: n creates where create applies; elsewhere n
	 * is still the namespace prompt; c creates nowhere. */
	if (config_parse("config.yaml", rebind, strlen(rebind), &cfg,
	    &cause) != 0) {
		ok(0, "parse: %s", cause);
		free(cause);
		return;
	}
	config_resolve(cfg, NULL, NULL, &e);
	is_int(action_find(&e, 'n', SCOPE_CLUSTERS), ACTION_CREATE,
	    "n creates in the clusters table");
	is_int(action_find(&e, 'n', SCOPE_TENANT), ACTION_CREATE,
	    "n creates in the tenant overview");
	is_int(action_find(&e, 'n', SCOPE_TABLE), ACTION_NAMESPACE,
	    "n is the namespace prompt in other tables");
	is_int(action_find(&e, 'c', SCOPE_CLUSTERS), ACTION_NONE,
	    "c no longer creates");
	is_int(action_find(&e, 'c', SCOPE_TREE), ACTION_CONDITIONS,
	    "c still shows conditions in the tree");
	action_hints(&e, SCOPE_CLUSTERS, 0, 200, hints, sizeof hints);
	ok(strstr(hints, "<n>create") != NULL, "the footer says n: %s",
	    hints);
	/* page-down on J: it pages in a table, in the picker J is text. */
	is_int(action_find(&e, 'J', SCOPE_TABLE), ACTION_PAGE_DOWN,
	    "J pages down in a table");
	is_int(action_find(&e, 'J', SCOPE_PICKER), ACTION_NONE,
	    "J is text in the picker");
	n = action_keys(&e, ACTION_PAGE_DOWN, SCOPE_PICKER, keys,
	    CONFIG_KEYS_MAX);
	ok(n == 1 && keys[0] == KEYS_SPECIAL + KEY_NPAGE,
	    "the picker's help names PgDn only for page-down");
	config_free(cfg);
}

static void
test_print(void)
{
	const char		*src = getenv("SCS_SRCDIR");
	struct config		*cfg, *again;
	struct config_effective	 e, e2;
	struct options		 o;
	char			*cause = NULL, *text, *text2, *want, *path;
	FILE			*f;
	enum config_setting	 i;
	enum action		 act;

	if (config_parse("config.yaml", valid, strlen(valid), &cfg,
	    &cause) != 0) {
		ok(0, "parse: %s", cause);
		free(cause);
		return;
	}
	memset(&o, 0, sizeof o);
	o.redact = 1;
	o.persona = "auto";
	config_resolve(cfg, "prod-eu", &o, &e);
	text = print(&e);
	path = scs_xprintf("%s/tests/tui/expected/config-print.yaml",
	    src != NULL ? src : ".");
	if (getenv("SCS_GENERATE") != NULL && (f = fopen(path, "w")) !=
	    NULL) {
		fputs(text, f);
		fclose(f);
		diag("wrote %s", path);
	}
	want = slurp(path);
	is_str(text, want, "print-config matches %s", path);
	/* Every action, the views' too, with its keys. */
	for (act = 0; act < ACTION_PLUGIN; act++) {
		char	*line = scs_xprintf("\n  %s: ", action_name(act));

		if (strstr(text, line) == NULL) {
			free(line);
			break;
		}
		free(line);
	}
	ok(act == ACTION_PLUGIN, "print-config lists every action%s%s",
	    act < ACTION_PLUGIN ? "; not " : "", act < ACTION_PLUGIN ?
	    action_name(act) : "");

	/* The output is a configuration file with the same values. */
	ok(config_parse("printed.yaml", text, strlen(text), &again,
	    &cause) == 0, "printed configuration loads back%s%s",
	    cause != NULL ? ": " : "", cause != NULL ? cause : "");
	free(cause);
	cause = NULL;
	if (again != NULL) {
		config_resolve(again, NULL, NULL, &e2);
		for (i = 0; i < CONFIG_SETTING_MAX; i++) {
			if (!scs_streq(e.v[i].s, e2.v[i].s) ||
			    e.v[i].n != e2.v[i].n)
				break;
		}
		ok(i == CONFIG_SETTING_MAX, "same settings after a round "
		    "trip%s%s", i < CONFIG_SETTING_MAX ? ": " : "",
		    i < CONFIG_SETTING_MAX ? config_setting_name(i) : "");
		for (act = 0; act < ACTION_MAX; act++) {
			if (e.keys[act].n != e2.keys[act].n ||
			    (e.keys[act].n > 0 && e.keys[act].keys[0] !=
			    e2.keys[act].keys[0]))
				break;
		}
		ok(act == ACTION_MAX, "same keys after a round trip");
		text2 = print(&e2);
		ok(strstr(text2, "# from printed.yaml:") != NULL,
		    "values from the reloaded file say so");
		free(text2);
		config_free(again);
	}
	free(want);
	free(path);
	free(text);
	config_free(cfg);
}

static void
test_files(void)
{
	struct config		*cfg;
	struct config_effective	 e;
	char			 dir[] = "/tmp/scs-config-XXXXXX";
	char			*cause = NULL, *p, *q;
	FILE			*f;

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	setenv("XDG_CONFIG_HOME", dir, 1);
	p = config_default_path();
	q = scs_xprintf("%s/scs-tui/config.yaml", dir);
	is_str(p, q, "XDG_CONFIG_HOME/scs-tui/config.yaml");
	free(q);
	ok(config_load(NULL, &cfg, &cause) == 0 && cfg != NULL &&
	    config_path(cfg) == NULL, "no default file: defaults");
	config_free(cfg);
	ok(config_load("/nonexistent/config.yaml", &cfg, &cause) != 0 &&
	    cause != NULL && strstr(cause, "/nonexistent/config.yaml") != NULL,
	    "a missing --config file is an error: %s", cause);
	free(cause);
	cause = NULL;

	q = scs_xprintf("%s/scs-tui", dir);
	mkdir(q, 0700);
	free(q);
	if ((f = fopen(p, "w")) != NULL) {
		fputs("theme: mono\nrefresh: 100\n", f);
		fclose(f);
	}
	ok(config_load(NULL, &cfg, &cause) != 0 && cause != NULL &&
	    strncmp(cause, p, strlen(p)) == 0 && strstr(cause, ":2:10: ") !=
	    NULL, "default file errors name it: %s", cause);
	free(cause);
	cause = NULL;
	if ((f = fopen(p, "w")) != NULL) {
		fputs("", f);
		fclose(f);
	}
	ok(config_load(NULL, &cfg, &cause) == 0, "an empty file is fine");
	config_free(cfg);
	q = scs_xprintf("%s/docs/config.example.yaml", getenv("SCS_SRCDIR") !=
	    NULL ? getenv("SCS_SRCDIR") : ".");
	ok(config_load(q, &cfg, &cause) == 0, "docs/config.example.yaml "
	    "loads%s%s", cause != NULL ? ": " : "", cause != NULL ? cause : "");
	free(cause);
	cause = NULL;
	config_resolve(cfg, "prod-1", NULL, &e);
	is_int(e.v[CONFIG_READONLY].n, 1, "and makes prod-* readonly");
	config_free(cfg);
	free(q);
	cfg = NULL;
	config_load(NULL, &cfg, &cause);
	config_resolve(cfg, "x", NULL, &e);
	is_str(e.v[CONFIG_THEME].s, "default", "and all defaults");
	config_free(cfg);
	unlink(p);
	free(p);
	q = scs_xprintf("%s/scs-tui", dir);
	rmdir(q);
	free(q);
	rmdir(dir);
	unsetenv("XDG_CONFIG_HOME");
}

/* The README and the man page name every action (docs/gen-actions.py
 * makes the table in each from the action table). */
static void
test_docs(void)
{
	const char	*src = getenv("SCS_SRCDIR");
	char		*readme, *man, *p, *want, *esc;
	size_t		 i, j;
	enum action	 a;

	p = scs_xprintf("%s/README.md", src != NULL ? src : ".");
	readme = slurp(p);
	free(p);
	p = scs_xprintf("%s/man/scs-tui.1", src != NULL ? src : ".");
	man = slurp(p);
	free(p);
	if (readme == NULL || man == NULL) {
		ok(0, "README.md and man/scs-tui.1 readable");
		free(readme);
		free(man);
		return;
	}
	for (a = 0; a < ACTION_PLUGIN; a++) {
		want = scs_xprintf("| `%s` |", action_name(a));
		if (strstr(readme, want) == NULL) {
			free(want);
			break;
		}
		free(want);
		/* groff: "-" written "\-". */
		esc = scs_xcalloc(1, 2 * strlen(action_name(a)) + 1);
		for (i = j = 0; action_name(a)[i] != '\0'; i++) {
			if (action_name(a)[i] == '-')
				esc[j++] = '\\';
			esc[j++] = action_name(a)[i];
		}
		want = scs_xprintf("\n.B %s\n", esc);
		free(esc);
		if (strstr(man, want) == NULL) {
			free(want);
			break;
		}
		free(want);
	}
	ok(a == ACTION_PLUGIN, "README and man page document every action%s%s%s",
	    a < ACTION_PLUGIN ? "; not " : "", a < ACTION_PLUGIN ?
	    action_name(a) : "", a < ACTION_PLUGIN ? " (python3 "
	    "docs/gen-actions.py build/tui/scs-tui rewrites both)" : "");
	free(readme);
	free(man);
}

/* Every key a name parses to is named back as parsed (help, footers,
 * questions name the keys bound). */
static void
test_key_names(void)
{
	static const char *const names[] = { "<Enter>", "<Esc>", "<Tab>",
	    "<S-Tab>", "<Space>", "<Backspace>", "<Del>", "<C-?>", "<Up>",
	    "<PgDn>", "<End>", "<C-d>", "<C-u>", "<F1>", "<F2>", "<F12>" };
	char	 want[16];
	size_t	 i, len;
	int	 key;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		key = keys_parse_name(names[i], &len);
		snprintf(want, sizeof want, "%.*s", (int)strlen(names[i]) - 2,
		    names[i] + 1);
		is_str(keys_name(key), want, "%s is named back", names[i]);
	}
	is_str(keys_name('o'), "o", "o is o");
	is_str(keys_name('<'), "<", "< is itself");
}

/* Plugins: actions of the configuration file, in the table's slots. */
static void
test_plugins(void)
{
	static const char text[] =
	    "keys:\n"
	    "  edit-yaml: <F9>\n"
	    "plugins:\n"
	    "  k9s:\n"
	    "    key: E\n"
	    "    description: k9s on it\n"
	    "    scopes: [clusters, tree]\n"
	    "    kinds: [Cluster]\n"
	    "    command: k9s\n"
	    "    args: [--kubeconfig, $KUBECONFIG]\n"
	    "  logs:\n"
	    "    key: [<C-l>, Z]\n"
	    "    command: sh\n"
	    "    write: true\n";
	struct config			*cfg = NULL;
	struct config_effective		 e;
	const struct config_plugin	*pl;
	char				*cause = NULL, *out;

	bad("plugins:\n  p:\n    key: E\n    command: x\n",
	    "config.yaml:3:10: key 'E' is bound to both 'edit-yaml' and plugin "
	    "'p' in table", "a plugin's key is an action's");
	bad("plugins:\n  p: {key: Z, command: x}\n  q: {key: Z, command: y}\n",
	    "config.yaml:3:12: key 'Z' is bound to both 'p' and plugin 'q' in "
	    "table", "two plugins on one key");
	bad("keys:\n  delete: Z\nplugins:\n  p: {key: Z, command: x}\n",
	    "config.yaml:4:12: key 'Z' is bound to both 'delete' and plugin "
	    "'p' in table", "a plugin's key the file binds to an action");
	bad("plugins:\n  p:\n    command: x\n", "config.yaml:2:3: plugin 'p' "
	    "needs a key", "no key");
	bad("plugins:\n  p: {key: Z}\n", "plugin 'p' needs a command",
	    "no command");
	bad("plugins:\n  p: {key: Z, command: x, scopes: [form]}\n",
	    "config.yaml:2:36: plugin 'p': no scope 'form' for a plugin",
	    "a scope without objects");
	bad("plugins:\n  edit-yaml: {key: Z, command: x}\n", "plugin "
	    "'edit-yaml' has the name of an action", "an action's name");
	bad("plugins:\n  p: {key: Z, command: x, wait: 1}\n", "'wait' must be "
	    "true or false", "a bad boolean");
	bad("plugins:\n  p: {key: Z, command: x, colour: red}\n", "plugin 'p': "
	    "unknown key 'colour'", "an unknown field");
	bad("keys:\n  p: x\nplugins:\n  p: {key: Z, command: x}\n",
	    "unknown action 'p'", "keys: does not bind plugins");
	ok(config_parse("config.yaml", text, strlen(text), &cfg, &cause) == 0,
	    "plugins load%s%s", cause != NULL ? ": " : "", cause != NULL ?
	    cause : "");
	free(cause);
	if (cfg == NULL)
		return;
	config_resolve(cfg, NULL, NULL, &e);
	pl = config_plugin(cfg, 0);
	ok(pl != NULL && strcmp(pl->command, "k9s") == 0 &&
	    strcmp(pl->args[1], "$KUBECONFIG") == 0 && pl->args[2] == NULL &&
	    strcmp(pl->kinds[0], "Cluster") == 0, "the plugin as written");
	is_int(action_find(&e, 'E', SCOPE_TREE), ACTION_PLUGIN, "E is k9s in "
	    "the tree (edit-yaml moved to F9)");
	is_int(action_find(&e, 'E', SCOPE_TABLE), ACTION_NONE, "and nothing "
	    "in a table (not in its scopes)");
	is_int(action_find(&e, 'Z', SCOPE_DETAIL), ACTION_PLUGIN + 1, "Z is "
	    "logs in describe (every object scope by default)");
	is_str(action_name(ACTION_PLUGIN), "k9s", "the slot has its name");
	is_str(action_help(ACTION_PLUGIN), "k9s on it", "and its help");
	ok(action_flags(ACTION_PLUGIN + 1) & ACT_WRITE, "write: an ACT_WRITE "
	    "action");
	ok(!action_defined(ACTION_PLUGIN + 2), "a slot left empty");
	out = NULL;
	{
		size_t	 len = 0;
		FILE	*f = open_memstream(&out, &len);

		config_print(f, &e, cfg);
		fclose(f);
	}
	ok(out != NULL && strstr(out, "plugins:\n  k9s:") != NULL &&
	    strstr(out, "    key: [\"<C-l>\", \"Z\"]\n") != NULL &&
	    strstr(out, "\n  k9s: \"") == NULL, "print-config lists the "
	    "plugins as plugins");
	config_free(cfg);
	cfg = NULL;
	ok(out != NULL && config_parse("printed.yaml", out, strlen(out), &cfg,
	    &cause) == 0 && config_plugin(cfg, 1) != NULL &&
	    config_plugin(cfg, 1)->write, "and they load back");
	free(cause);
	free(out);
	config_free(cfg);
}

int
main(void)
{
	test_key_names();
	test_errors();
	test_resolve();
	test_scopes();
	test_print();
	test_docs();
	test_files();
	test_plugins();
	return (tap_done());
}
