/*
 * labelsel.c: Kubernetes label selectors ("-l" in a table filter), parsed
 * as the API server parses them: requirements separated by commas, each
 * "key", "!key", "key=value", "key==value", "key!=value", "key in (a,b)"
 * or "key notin (a,b)". "!=" and "notin" also match objects without the
 * key, as in Kubernetes.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/util.h"

enum sel_op { SEL_EXISTS, SEL_ABSENT, SEL_EQ, SEL_NEQ, SEL_IN, SEL_NOTIN };

struct sel_req {
	enum sel_op	 op;
	char		*key;
	char		**values;	/* NULL-terminated */
};

struct scs_labelsel {
	struct sel_req	*v;
	size_t		 n;
};

void
scs_labelsel_free(struct scs_labelsel *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		free(s->v[i].key);
		scs_strv_free(s->v[i].values);
	}
	free(s->v);
	free(s);
}

static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return (p);
}

/* A key or value: letters, digits and - _ . / (keys may carry a prefix). */
static size_t
word_len(const char *p)
{
	size_t	 n = 0;

	while (isalnum((unsigned char)p[n]) || p[n] == '-' || p[n] == '_' ||
	    p[n] == '.' || p[n] == '/')
		n++;
	return (n);
}

static char **
strv_add(char **v, const char *s, size_t len)
{
	size_t	 n = 0;

	while (v != NULL && v[n] != NULL)
		n++;
	v = scs_xreallocarray(v, n + 2, sizeof *v);
	v[n] = scs_xstrndup(s, len);
	v[n + 1] = NULL;
	return (v);
}

/* "(a, b)" after in/notin; returns the end or NULL. */
static const char *
parse_set(const char *p, struct sel_req *r)
{
	size_t	 n;

	p = skip_space(p);
	if (*p++ != '(')
		return (NULL);
	r->values = scs_xcalloc(1, sizeof *r->values);
	for (;;) {
		p = skip_space(p);
		n = word_len(p);
		r->values = strv_add(r->values, p, n);
		p = skip_space(p + n);
		if (*p == ')')
			return (p + 1);
		if (*p++ != ',')
			return (NULL);
	}
}

static const char *
parse_req(const char *p, struct sel_req *r, char **cause)
{
	size_t	 n;

	p = skip_space(p);
	if (*p == '!') {
		r->op = SEL_ABSENT;
		p = skip_space(p + 1);
	}
	if ((n = word_len(p)) == 0) {
		scs_cause(cause, "a label key is missing at \"%s\"", p);
		return (NULL);
	}
	r->key = scs_xstrndup(p, n);
	p = skip_space(p + n);
	if (r->op == SEL_ABSENT)
		return (p);
	if (*p == '\0' || *p == ',') {
		r->op = SEL_EXISTS;
		return (p);
	}
	if (strncmp(p, "!=", 2) == 0 || strncmp(p, "==", 2) == 0 ||
	    *p == '=') {
		r->op = *p == '!' ? SEL_NEQ : SEL_EQ;
		p = skip_space(p + (p[1] == '=' ? 2 : 1));
		n = word_len(p);
		r->values = strv_add(NULL, p, n);
		return (skip_space(p + n));
	}
	if (strncmp(p, "in", 2) == 0 && !isalnum((unsigned char)p[2]))
		r->op = SEL_IN, p += 2;
	else if (strncmp(p, "notin", 5) == 0 && !isalnum((unsigned char)p[5]))
		r->op = SEL_NOTIN, p += 5;
	else {
		scs_cause(cause, "after \"%s\": =, ==, !=, in or notin "
		    "expected", r->key);
		return (NULL);
	}
	if ((p = parse_set(p, r)) == NULL)
		scs_cause(cause, "%s: a set is \"(a,b,...)\"", r->key);
	return (p);
}

struct scs_labelsel *
scs_labelsel_parse(const char *text, char **cause)
{
	struct scs_labelsel	*s = scs_xcalloc(1, sizeof *s);
	const char		*p = skip_space(text);

	while (*p != '\0') {
		s->v = scs_xreallocarray(s->v, s->n + 1, sizeof *s->v);
		memset(&s->v[s->n], 0, sizeof *s->v);
		p = parse_req(p, &s->v[s->n++], cause);
		if (p == NULL)
			goto bad;
		p = skip_space(p);
		if (*p == ',')
			p = skip_space(p + 1);
		else if (*p != '\0') {
			scs_cause(cause, "unexpected \"%s\"", p);
			goto bad;
		}
	}
	return (s);
bad:
	scs_labelsel_free(s);
	return (NULL);
}

static int
in_set(char *const *v, const char *s)
{
	for (; v != NULL && *v != NULL; v++)
		if (strcmp(*v, s) == 0)
			return (1);
	return (0);
}

int
scs_labelsel_match(const struct scs_labelsel *s, const struct scs_record *r)
{
	const struct sel_req	*q;
	const char		*v;
	size_t			 i;

	for (i = 0; i < s->n; i++) {
		q = &s->v[i];
		v = scs_record_label(r, q->key);
		switch (q->op) {
		case SEL_EXISTS:
			if (v == NULL)
				return (0);
			break;
		case SEL_ABSENT:
			if (v != NULL)
				return (0);
			break;
		case SEL_EQ:
		case SEL_IN:
			if (v == NULL || !in_set(q->values, v))
				return (0);
			break;
		case SEL_NEQ:
		case SEL_NOTIN:
			if (v != NULL && in_set(q->values, v))
				return (0);
			break;
		}
	}
	return (1);
}
