/*
 * theme.c: colour themes: semantic roles mapped to colours and
 * attributes, loaded from YAML files (libyaml), falling back to what the
 * terminal has (truecolor -> 256 -> 8 colours -> attributes only).
 */
#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <yaml.h>

#include "scs-config.h"
#include "scs/util.h"
#include "tui.h"

#define THEME_FILE_MAX	(256 * 1024)

static const char *const role_names[] = {
#define X(n, s)	s,
	ROLE_LIST(X)
#undef X
};

static struct theme	 current;
static int		 colours;

void
theme_default(struct theme *t)
{
	static const struct {
		int	 fg, bg;
		attr_t	 attr;
	} d[ROLE_MAX] = {
		[ROLE_NORMAL]	= { -1, -1, A_NORMAL },
		[ROLE_HEADER]	= { COLOR_BLACK, COLOR_CYAN, A_REVERSE },
		[ROLE_TITLE]	= { COLOR_CYAN, -1, A_BOLD },
		[ROLE_HEAD]	= { -1, -1, A_BOLD | A_UNDERLINE },
		[ROLE_SELECT]	= { COLOR_BLACK, COLOR_WHITE, A_REVERSE },
		[ROLE_OK]	= { COLOR_GREEN, -1, A_NORMAL },
		[ROLE_PROGRESS]	= { COLOR_CYAN, -1, A_NORMAL },
		[ROLE_WARN]	= { COLOR_YELLOW, -1, A_BOLD },
		[ROLE_ERROR]	= { COLOR_RED, -1, A_BOLD },
		[ROLE_UNKNOWN]	= { COLOR_MAGENTA, -1, A_DIM },
		[ROLE_MUTED]	= { -1, -1, A_DIM },
		[ROLE_KEY]	= { COLOR_CYAN, -1, A_BOLD },
		[ROLE_PROMPT]	= { COLOR_YELLOW, -1, A_BOLD },
		[ROLE_CHANGED]	= { COLOR_YELLOW, -1, A_NORMAL },
	};
	int	 i;

	memset(t, 0, sizeof *t);
	scs_strlcpy(t->name, "default", sizeof t->name);
	for (i = 0; i < ROLE_MAX; i++) {
		t->fg[i] = d[i].fg;
		t->bg[i] = d[i].bg;
		t->attr[i] = d[i].attr;
	}
}

static const char *const colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	"bright-black", "bright-red", "bright-green", "bright-yellow",
	"bright-blue", "bright-magenta", "bright-cyan", "bright-white", NULL
};

int
theme_parse_colour(const char *s)
{
	char		*end;
	long		 v;
	int		 i;

	if (strcmp(s, "default") == 0)
		return (-1);
	for (i = 0; colour_names[i] != NULL; i++) {
		if (strcasecmp(s, colour_names[i]) == 0)
			return (i);
	}
	if (s[0] == '#' && strlen(s) == 7) {
		for (i = 1; i < 7; i++) {
			if (!isxdigit((unsigned char)s[i]))
				return (-2);
		}
		v = strtol(s + 1, &end, 16);
		return (*end == '\0' ? THEME_RGB | (int)v : -2);
	}
	v = strtol(s, &end, 10);
	if (end != s && *end == '\0' && v >= 0 && v <= 255)
		return ((int)v);
	return (-2);
}

static attr_t
parse_attr(const char *s)
{
	static const struct {
		const char	*name;
		attr_t		 a;
	} attrs[] = {
		{ "bold", A_BOLD }, { "dim", A_DIM }, { "underline",
		A_UNDERLINE }, { "reverse", A_REVERSE }, { "italic", A_ITALIC },
		{ "blink", A_BLINK }, { "normal", A_NORMAL },
	};
	size_t	 i;

	for (i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
		if (strcmp(s, attrs[i].name) == 0)
			return (attrs[i].a);
	}
	return ((attr_t)-1);
}

static int
fail(char **cause, const char *file, const yaml_node_t *n, const char *what,
    const char *s)
{
	scs_cause(cause, "%s:%zu:%zu: %s%s%s%s", file, n->start_mark.line + 1,
	    n->start_mark.column + 1, what, s != NULL ? " '" : "",
	    s != NULL ? s : "", s != NULL ? "'" : "");
	return (-1);
}

static const char *
scalar(const yaml_node_t *n)
{
	return (n != NULL && n->type == YAML_SCALAR_NODE ?
	    (const char *)n->data.scalar.value : NULL);
}

/* roles: { name: { fg: c, bg: c, attrs: [a, ...] } } */
static int
parse_role(yaml_document_t *doc, yaml_node_t *m, int r, struct theme *t,
    const char *file, char **cause)
{
	yaml_node_pair_t	*p;
	yaml_node_item_t	*it;
	yaml_node_t		*k, *v, *a;
	const char		*key;
	int			 c;
	attr_t			 at;

	if (m->type != YAML_MAPPING_NODE)
		return (fail(cause, file, m, "a role needs fg/bg/attrs", NULL));
	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
	    p++) {
		k = yaml_document_get_node(doc, p->key);
		v = yaml_document_get_node(doc, p->value);
		key = scalar(k);
		if (key == NULL)
			return (fail(cause, file, k, "bad key", NULL));
		if (strcmp(key, "fg") == 0 || strcmp(key, "bg") == 0) {
			if (scalar(v) == NULL ||
			    (c = theme_parse_colour(scalar(v))) == -2)
				return (fail(cause, file, v, "bad colour",
				    scalar(v)));
			if (key[0] == 'f')
				t->fg[r] = c;
			else
				t->bg[r] = c;
		} else if (strcmp(key, "attrs") == 0) {
			if (v->type != YAML_SEQUENCE_NODE)
				return (fail(cause, file, v, "attrs is a list",
				    NULL));
			t->attr[r] = A_NORMAL;
			for (it = v->data.sequence.items.start;
			    it < v->data.sequence.items.top; it++) {
				a = yaml_document_get_node(doc, *it);
				if (scalar(a) == NULL || (at = parse_attr(
				    scalar(a))) == (attr_t)-1)
					return (fail(cause, file, a,
					    "unknown attribute", scalar(a)));
				t->attr[r] |= at;
			}
		} else
			return (fail(cause, file, k, "unknown field", key));
	}
	return (0);
}

static int
parse(const char *file, const char *text, size_t len, struct theme *t,
    char **cause)
{
	yaml_parser_t		 parser;
	yaml_document_t		 doc;
	yaml_node_t		*root, *k, *v, *rk;
	yaml_node_pair_t	*p, *q;
	const char		*key;
	int			 r, rc = -1;

	if (!yaml_parser_initialize(&parser))
		return (-1);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	if (!yaml_parser_load(&parser, &doc)) {
		scs_cause(cause, "%s:%zu:%zu: %s", file,
		    parser.problem_mark.line + 1, parser.problem_mark.column + 1,
		    parser.problem != NULL ? parser.problem : "bad YAML");
		yaml_parser_delete(&parser);
		return (-1);
	}
	root = yaml_document_get_root_node(&doc);
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		if (root != NULL)
			fail(cause, file, root, "a theme is a mapping", NULL);
		else
			scs_cause(cause, "%s: empty theme", file);
		goto out;
	}
	for (p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top; p++) {
		k = yaml_document_get_node(&doc, p->key);
		v = yaml_document_get_node(&doc, p->value);
		key = scalar(k);
		if (key != NULL && strcmp(key, "name") == 0 && scalar(v))
			scs_strlcpy(t->name, scalar(v), sizeof t->name);
		else if (key != NULL && strcmp(key, "mono") == 0 && scalar(v))
			t->mono = strcmp(scalar(v), "true") == 0;
		else if (key != NULL && strcmp(key, "roles") == 0 &&
		    v->type == YAML_MAPPING_NODE) {
			for (q = v->data.mapping.pairs.start;
			    q < v->data.mapping.pairs.top; q++) {
				rk = yaml_document_get_node(&doc, q->key);
				for (r = 0; r < ROLE_MAX; r++) {
					if (scalar(rk) != NULL && strcmp(
					    scalar(rk), role_names[r]) == 0)
						break;
				}
				if (r == ROLE_MAX) {
					fail(cause, file, rk, "unknown role",
					    scalar(rk));
					goto out;
				}
				if (parse_role(&doc, yaml_document_get_node(
				    &doc, q->value), r, t, file, cause) != 0)
					goto out;
			}
		} else {
			fail(cause, file, k, "unknown key (name, mono, roles)",
			    key);
			goto out;
		}
	}
	rc = 0;
out:
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return (rc);
}

/*
 * The folder that holds the running binary, or NULL. Allocated.
 */
static char *
exe_dir(void)
{
	char	 buf[4096], *slash;
	ssize_t	 n;

	n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return (NULL);
	buf[n] = '\0';
	if ((slash = strrchr(buf, '/')) == NULL)
		return (NULL);
	*slash = '\0';
	return (scs_xstrdup(buf));
}

/*
 * Where a shipped file is: the source tree (src_rel under it) only for a
 * binary run from its build folder; an installed binary looks relative
 * to itself first (a relocated or DESTDIR install), then in the
 * configured datadir (data_rel under both).
 */
char *
theme_shipped_file(const char *src_rel, const char *data_rel)
{
	char	*dir = exe_dir(), *p = NULL;
	size_t	 len = strlen(SCS_BUILDDIR);

	if (dir != NULL && strncmp(dir, SCS_BUILDDIR, len) == 0 &&
	    (dir[len] == '/' || dir[len] == '\0')) {
		p = scs_xprintf("%s/%s", SCS_SRCDIR, src_rel);
		if (access(p, R_OK) == 0)
			goto out;
		free(p);
	}
	if (dir != NULL && *SCS_DATADIR_REL != '\0') {
		p = scs_xprintf("%s/%s/%s", dir, SCS_DATADIR_REL, data_rel);
		if (access(p, R_OK) == 0)
			goto out;
		free(p);
	}
	p = scs_xprintf("%s/%s", SCS_DATADIR, data_rel);
	if (access(p, R_OK) == 0)
		goto out;
	free(p);
	p = NULL;
out:
	free(dir);
	return (p);
}

static char *
find_shipped(const char *name)
{
	char	*rel = scs_xprintf("themes/%s.yaml", name), *p;

	p = theme_shipped_file(rel, rel);
	free(rel);
	return (p);
}

static char *
find_file(const char *name)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char		*p;

	if (strchr(name, '/') != NULL || scs_strsuffix(name, ".yaml"))
		return (scs_xstrdup(name));
	if (xdg != NULL && *xdg != '\0')
		p = scs_xprintf("%s/scs-tui/themes/%s.yaml", xdg, name);
	else
		p = scs_xprintf("%s/.config/scs-tui/themes/%s.yaml",
		    home != NULL ? home : "", name);
	if (access(p, R_OK) == 0)
		return (p);
	free(p);
	return (find_shipped(name));
}

int
theme_load(const char *name, struct theme *t, char **cause)
{
	char	*path, *text;
	FILE	*f;
	size_t	 n;
	int	 rc;

	theme_default(t);
	if ((path = find_file(name)) == NULL) {
		if (strcmp(name, "default") == 0)
			return (0);	/* compiled in */
		scs_cause(cause, "theme '%s' not found (themes: default, "
		    "light, high-contrast, mono, or a FILE)", name);
		return (-1);
	}
	if ((f = fopen(path, "r")) == NULL) {
		scs_cause(cause, "%s: cannot open", path);
		free(path);
		return (-1);
	}
	text = scs_xmalloc(THEME_FILE_MAX + 1);
	n = fread(text, 1, THEME_FILE_MAX + 1, f);
	fclose(f);
	rc = theme_load_text(path, text, n, t, cause);
	free(text);
	free(path);
	return (rc);
}

int
theme_load_text(const char *file, const char *text, size_t len,
    struct theme *t, char **cause)
{
	theme_default(t);
	if (len > THEME_FILE_MAX) {
		scs_cause(cause, "%s: too large", file);
		return (-1);
	}
	return (parse(file, text, len, t, cause));
}

/* Nearest xterm-256 index of an RGB colour. */
static int
rgb256(int rgb)
{
	int	 r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;

	if (r == g && g == b && r > 8 && r < 238)
		return (232 + (r - 8) / 10);
	return (16 + 36 * ((r + 25) / 51) + 6 * ((g + 25) / 51) +
	    (b + 25) / 51);
}

/* Nearest of the 8 basic colours. */
static int
rgb8(int rgb)
{
	int	 r = (rgb >> 16 & 0xff) > 127, g = (rgb >> 8 & 0xff) > 127;
	int	 b = (rgb & 0xff) > 127;

	return (r | g << 1 | b << 2);
}

static short
resolve(int c)
{
	if (c < 0)
		return (-1);
	if (c & THEME_RGB)
		return ((short)(COLORS >= 256 ? rgb256(c & 0xffffff) :
		    rgb8(c & 0xffffff)));
	if (c >= COLORS)
		return ((short)(c < 16 ? c - 8 : c % 8));
	return ((short)c);
}

void
theme_apply(const struct theme *t)
{
	const char	*nc = getenv("NO_COLOR");
	int		 i;

	current = *t;
	colours = has_colors() && !t->mono && (nc == NULL || *nc == '\0');
	if (!colours)
		return;
	start_color();
	use_default_colors();
	for (i = 1; i < ROLE_MAX; i++)
		init_pair((short)i, resolve(t->fg[i]), resolve(t->bg[i]));
}

const struct theme *
theme_current(int *colour)
{
	if (colour != NULL)
		*colour = colours;
	return (&current);
}

attr_t
theme_attr(enum role r)
{
	attr_t	 a = current.attr[r];

	if (!colours)
		return (a);
	/* With colour, reverse only where the theme has no background. */
	if (current.bg[r] >= 0)
		a &= ~A_REVERSE;
	return (a | COLOR_PAIR(r));
}
