/*
 * script.c: --script FILE (DESIGN.md section 4): keys as text, <Named>
 * keys, # comments, @dump FILE, @expect TEXT, @wait FILE (until FILE
 * exists: a cue from a test driving the server), @sleep MS, @incident
 * NS/NAME MESSAGE (with --demo: the embedded simulator turns that
 * cluster failed, a presenter's incident), @quit. The app takes a step
 * only when idle, so scripts need no sleeps.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "tui.h"

#define SCRIPT_LINE_MAX	4096
#define SCRIPT_MAX	10000

struct step {
	enum script_step	 type;
	int			 key;
	char			*arg;
	long			 ms;
	int			 line;
};

struct script {
	char		*path;
	struct step	*steps;
	size_t		 n;
	size_t		 pos;
	long		 delay;
};

static void
add(struct script *s, enum script_step t, int key, const char *arg, long ms,
    int line)
{
	s->steps = scs_xreallocarray(s->steps, s->n + 1, sizeof *s->steps);
	s->steps[s->n].type = t;
	s->steps[s->n].key = key;
	s->steps[s->n].arg = arg != NULL ? scs_xstrdup(arg) : NULL;
	s->steps[s->n].ms = ms;
	s->steps[s->n].line = line;
	s->n++;
}

/* Decode one UTF-8 character into a code point. */
static int
utf8_key(const char *p, size_t *len)
{
	const unsigned char	*u = (const unsigned char *)p;

	if (u[0] < 0x80) {
		*len = 1;
		return (u[0]);
	}
	if ((u[0] & 0xe0) == 0xc0 && u[1] != 0) {
		*len = 2;
		return ((u[0] & 0x1f) << 6 | (u[1] & 0x3f));
	}
	if ((u[0] & 0xf0) == 0xe0 && u[1] != 0 && u[2] != 0) {
		*len = 3;
		return ((u[0] & 0x0f) << 12 | (u[1] & 0x3f) << 6 |
		    (u[2] & 0x3f));
	}
	*len = 1;
	return (0xfffd);
}

/* Read the steps from f (closed here); path names it in messages. */
static struct script *
script_read(FILE *f, const char *path, long delay, char **cause)
{
	struct script	*s;
	char		 line[SCRIPT_LINE_MAX + 2], *p;
	size_t		 len, klen;
	int		 lineno = 0, key;
	char		*end;
	long		 ms;

	s = scs_xcalloc(1, sizeof *s);
	s->path = scs_xstrdup(path);
	s->delay = delay;
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		len = strlen(line);
		if (len > SCRIPT_LINE_MAX) {
			scs_cause(cause, "%s:%d: line too long", path, lineno);
			goto fail;
		}
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		if (s->n > SCRIPT_MAX) {
			scs_cause(cause, "%s:%d: too many steps", path, lineno);
			goto fail;
		}
		if (len == 0 || line[0] == '#')
			continue;
		if (line[0] == '@') {
			if (strncmp(line, "@dump ", 6) == 0 && line[6] != '\0')
				add(s, SCRIPT_DUMP, 0, line + 6, 0, lineno);
			else if (strncmp(line, "@expect ", 8) == 0 &&
			    line[8] != '\0')
				add(s, SCRIPT_EXPECT, 0, line + 8, 0, lineno);
			else if (strncmp(line, "@wait ", 6) == 0 &&
			    line[6] != '\0')
				add(s, SCRIPT_WAIT, 0, line + 6, 0, lineno);
			else if (strncmp(line, "@sleep ", 7) == 0) {
				ms = strtol(line + 7, &end, 10);
				if (end == line + 7 || *end != '\0' || ms < 0 ||
				    ms > 600000) {
					scs_cause(cause, "%s:%d: bad @sleep",
					    path, lineno);
					goto fail;
				}
				add(s, SCRIPT_SLEEP, 0, NULL, ms, lineno);
			} else if (strncmp(line, "@incident ", 10) == 0) {
				if (strchr(line + 10, '/') == NULL ||
				    strchr(line + 10, ' ') == NULL) {
					scs_cause(cause, "%s:%d: @incident "
					    "NS/NAME MESSAGE", path, lineno);
					goto fail;
				}
				add(s, SCRIPT_INCIDENT, 0, line + 10, 0, lineno);
			} else if (strcmp(line, "@quit") == 0)
				add(s, SCRIPT_QUIT, 0, NULL, 0, lineno);
			else {
				scs_cause(cause, "%s:%d: unknown directive "
				    "'%s'", path, lineno, line);
				goto fail;
			}
			continue;
		}
		for (p = line; *p != '\0'; p += klen) {
			if (*p == '<' && (key = keys_parse_name(p, &klen)) >= 0)
				add(s, SCRIPT_KEY, key, NULL, 0, lineno);
			else {
				key = utf8_key(p, &klen);
				add(s, SCRIPT_KEY, key, NULL, 0, lineno);
			}
		}
	}
	fclose(f);
	return (s);
fail:
	fclose(f);
	script_free(s);
	return (NULL);
}

struct script *
script_load(const char *path, long delay, char **cause)
{
	FILE	*f;

	if ((f = fopen(path, "r")) == NULL) {
		scs_cause(cause, "%s: cannot open", path);
		return (NULL);
	}
	return (script_read(f, path, delay, cause));
}

struct script *
script_load_text(const char *path, const char *text, size_t len, long delay,
    char **cause)
{
	FILE	*f;

	if (len == 0)	/* fmemopen refuses empty buffers */
		f = fopen("/dev/null", "r");
	else
		f = fmemopen((void *)(uintptr_t)text, len, "r");
	if (f == NULL) {
		scs_cause(cause, "%s: cannot read", path);
		return (NULL);
	}
	return (script_read(f, path, delay, cause));
}

void
script_free(struct script *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		free(s->steps[i].arg);
	free(s->steps);
	free(s->path);
	free(s);
}

enum script_step
script_next(struct script *s, int *key, const char **arg, long *ms)
{
	struct step	*st;

	if (s->pos >= s->n)
		return (SCRIPT_END);
	st = &s->steps[s->pos++];
	*key = st->key;
	*arg = st->arg;
	*ms = st->ms;
	return (st->type);
}

void
script_unget(struct script *s)
{
	if (s->pos > 0)
		s->pos--;
}

long
script_delay(const struct script *s)
{
	return (s->delay);
}

const char *
script_where(const struct script *s)
{
	static char	 buf[512];
	size_t		 i = s->pos > 0 ? s->pos - 1 : 0;

	snprintf(buf, sizeof buf, "%s:%d", s->path, i < s->n ?
	    s->steps[i].line : 0);
	return (buf);
}
