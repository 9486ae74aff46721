/*
 * sim-cel-parse.c: the CEL subset's lexer and recursive-descent parser
 * (the grammar of the CEL spec, less what sim-cel.h leaves out). Calls
 * to functions and macros outside the subset are refused here, so that
 * an expression either runs whole or not at all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-cel.h"

#define MAX_DEPTH	64
#define MAX_LEN		8192

enum tok {
	T_END, T_IDENT, T_NUM, T_STR, T_PUNCT, T_BAD
};

struct parser {
	const char	*src;
	const char	*p;
	enum tok	 t;		/* current token */
	int		 op;		/* T_PUNCT: char or CEL_OP_* / && || */
	char		*text;		/* T_IDENT, T_STR */
	double		 num;
	const char	*at;		/* start of the current token */
	char		*err;
	int		 depth;
};

#define OP_AND	300
#define OP_OR	301

static const char *const functions[] = {
	"size", "string", "int", "double", "startsWith", "endsWith",
	"contains", "substring", "join", "lowerAscii", "upperAscii", "trim",
	NULL
};

static const char *const macros[] = {
	"all", "exists", "exists_one", "filter", "map", NULL
};

static int
in_names(const char *const *v, const char *s)
{
	for (; *v != NULL; v++)
		if (strcmp(*v, s) == 0)
			return (1);
	return (0);
}

static void
fail(struct parser *ps, const char *what)
{
	if (ps->err == NULL)
		ps->err = scs_xprintf("syntax error at %d: %s",
		    (int)(ps->at - ps->src) + 1, what);
}

static struct sim_cel_node *
node(enum sim_cel_kind kind)
{
	struct sim_cel_node	*n = scs_xcalloc(1, sizeof *n);

	n->kind = kind;
	return (n);
}

void
sim_cel_free(struct sim_cel_node *n)
{
	size_t	 i;

	if (n == NULL)
		return;
	free(n->s);
	free(n->var);
	cJSON_Delete(n->lit);
	sim_cel_free(n->a);
	sim_cel_free(n->b);
	sim_cel_free(n->c);
	for (i = 0; i < n->nargs; i++)
		sim_cel_free(n->args[i]);
	free(n->args);
	free(n);
}

static void
push_arg(struct sim_cel_node *n, struct sim_cel_node *a)
{
	n->args = scs_xreallocarray(n->args, n->nargs + 1, sizeof *n->args);
	n->args[n->nargs++] = a;
}

/* A string literal's body from q (after the opening quote); raw: no
 * escapes. Sets ps->text. */
static void
lex_string(struct parser *ps, char quote, int raw)
{
	struct scs_buf	 b;
	const char	*p = ps->p;
	char		 u[8];
	unsigned	 cp;
	int		 i, d;

	scs_buf_init(&b, 0);
	scs_buf_adds(&b, "");
	for (;;) {
		if (*p == '\0' || *p == '\n') {
			fail(ps, "unterminated string");
			ps->t = T_BAD;
			scs_buf_done(&b);
			return;
		}
		if (*p == quote)
			break;
		if (*p != '\\' || raw) {
			scs_buf_addc(&b, *p++);
			continue;
		}
		p++;
		switch (*p) {
		case 'n': scs_buf_addc(&b, '\n'); p++; break;
		case 't': scs_buf_addc(&b, '\t'); p++; break;
		case 'r': scs_buf_addc(&b, '\r'); p++; break;
		case '\\': case '\'': case '"': case '`': case '?':
			scs_buf_addc(&b, *p++);
			break;
		case 'u':
			cp = 0;
			for (i = 1; i <= 4; i++) {
				d = p[i];
				if (d >= '0' && d <= '9')
					d -= '0';
				else if (d >= 'a' && d <= 'f')
					d -= 'a' - 10;
				else if (d >= 'A' && d <= 'F')
					d -= 'A' - 10;
				else {
					fail(ps, "bad \\u escape");
					ps->t = T_BAD;
					scs_buf_done(&b);
					return;
				}
				cp = cp * 16 + (unsigned)d;
			}
			scs_buf_add(&b, u, scs_utf8_put(u, cp));
			p += 5;
			break;
		default:
			fail(ps, "unknown escape");
			ps->t = T_BAD;
			scs_buf_done(&b);
			return;
		}
	}
	ps->p = p + 1;
	ps->text = scs_buf_steal(&b);
	ps->t = T_STR;
}

static void
lex(struct parser *ps)
{
	const char	*p;
	char		*end;
	static const struct { const char *s; int op; } two[] = {
		{ "==", CEL_OP_EQ }, { "!=", CEL_OP_NE }, { "<=", CEL_OP_LE },
		{ ">=", CEL_OP_GE }, { "&&", OP_AND }, { "||", OP_OR },
	};
	size_t		 i;

	free(ps->text);
	ps->text = NULL;
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' ||
	    *ps->p == '\r')
		ps->p++;
	p = ps->at = ps->p;
	if (*p == '\0') {
		ps->t = T_END;
		return;
	}
	if ((*p == 'r' || *p == 'R') && (p[1] == '\'' || p[1] == '"')) {
		ps->p = p + 2;
		lex_string(ps, p[1], 1);
		return;
	}
	if (*p == '\'' || *p == '"') {
		if (p[1] == *p && p[2] == *p) {
			fail(ps, "triple-quoted strings are outside the "
			    "subset");
			ps->t = T_BAD;
			return;
		}
		ps->p = p + 1;
		lex_string(ps, *p, 0);
		return;
	}
	if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_') {
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_')
			p++;
		ps->text = scs_xstrndup(ps->p, (size_t)(p - ps->p));
		ps->p = p;
		ps->t = T_IDENT;
		return;
	}
	if (*p >= '0' && *p <= '9') {
		ps->num = strtod(p, &end);
		if (*end == 'u' || *end == 'U')
			end++;
		ps->p = end;
		ps->t = T_NUM;
		return;
	}
	for (i = 0; i < sizeof two / sizeof two[0]; i++) {
		if (strncmp(p, two[i].s, 2) == 0) {
			ps->p = p + 2;
			ps->op = two[i].op;
			ps->t = T_PUNCT;
			return;
		}
	}
	if (strchr(".,()[]{}?:!-+*/%<>", *p) != NULL) {
		ps->p = p + 1;
		ps->op = *p;
		ps->t = T_PUNCT;
		return;
	}
	fail(ps, "unexpected character");
	ps->t = T_BAD;
}

static int
is_op(const struct parser *ps, int op)
{
	return (ps->t == T_PUNCT && ps->op == op);
}

static int
expect(struct parser *ps, int op, const char *what)
{
	if (!is_op(ps, op)) {
		fail(ps, what);
		return (-1);
	}
	lex(ps);
	return (0);
}

static struct sim_cel_node	*expr(struct parser *);

/* "(" already consumed: arguments up to ")". */
static int
arg_list(struct parser *ps, struct sim_cel_node *n, int close)
{
	struct sim_cel_node	*a;

	if (is_op(ps, close)) {
		lex(ps);
		return (0);
	}
	for (;;) {
		if ((a = expr(ps)) == NULL)
			return (-1);
		push_arg(n, a);
		if (is_op(ps, ',')) {
			lex(ps);
			if (is_op(ps, close) && close != ')') {
				lex(ps);
				return (0);
			}
			continue;
		}
		return (expect(ps, close, close == ')' ? "')' expected" :
		    "']' expected"));
	}
}

/* A call of name on target (NULL: global); "(" consumed. */
static struct sim_cel_node *
call(struct parser *ps, struct sim_cel_node *target, const char *name)
{
	struct sim_cel_node	*n;

	if (in_names(macros, name) && target != NULL) {
		n = node(CEL_MACRO);
		n->s = scs_xstrdup(name);
		n->a = target;
		if (ps->t != T_IDENT) {
			fail(ps, "macro needs a variable name");
			sim_cel_free(n);
			return (NULL);
		}
		n->var = scs_xstrdup(ps->text);
		lex(ps);
		if (expect(ps, ',', "',' expected") != 0 ||
		    arg_list(ps, n, ')') != 0) {
			sim_cel_free(n);
			return (NULL);
		}
		if (n->nargs != 1 && !(n->nargs == 2 &&
		    strcmp(name, "map") == 0)) {
			fail(ps, "wrong number of macro arguments");
			sim_cel_free(n);
			return (NULL);
		}
		return (n);
	}
	if (strcmp(name, "has") == 0 && target == NULL) {
		n = node(CEL_HAS);
		if ((n->a = expr(ps)) == NULL || expect(ps, ')',
		    "')' expected") != 0) {
			sim_cel_free(n);
			return (NULL);
		}
		if (n->a->kind != CEL_SELECT) {
			fail(ps, "invalid argument to has() macro");
			sim_cel_free(n);
			return (NULL);
		}
		return (n);
	}
	n = node(CEL_CALL);
	n->s = scs_xstrdup(name);
	n->a = target;
	if (!in_names(functions, name)) {
		if (ps->err == NULL)
			ps->err = scs_xprintf("function '%s' is outside the "
			    "simulator's CEL subset", name);
		sim_cel_free(n);
		return (NULL);
	}
	if (arg_list(ps, n, ')') != 0) {
		sim_cel_free(n);
		return (NULL);
	}
	return (n);
}

static struct sim_cel_node *
primary(struct parser *ps)
{
	struct sim_cel_node	*n, *k, *v;
	char			*name;

	switch (ps->t) {
	case T_NUM:
		n = node(CEL_LIT);
		n->lit = cJSON_CreateNumber(ps->num);
		lex(ps);
		return (n);
	case T_STR:
		n = node(CEL_LIT);
		n->lit = cJSON_CreateString(ps->text);
		lex(ps);
		return (n);
	case T_IDENT:
		name = ps->text;
		ps->text = NULL;
		lex(ps);
		if (strcmp(name, "true") == 0 || strcmp(name, "false") == 0 ||
		    strcmp(name, "null") == 0) {
			n = node(CEL_LIT);
			n->lit = name[0] == 'n' ? cJSON_CreateNull() :
			    cJSON_CreateBool(name[0] == 't');
			free(name);
			return (n);
		}
		if (is_op(ps, '(')) {
			lex(ps);
			n = call(ps, NULL, name);
			free(name);
			return (n);
		}
		n = node(CEL_IDENT);
		n->s = name;
		return (n);
	case T_PUNCT:
		break;
	default:
		fail(ps, "expression expected");
		return (NULL);
	}
	if (is_op(ps, '(')) {
		lex(ps);
		if ((n = expr(ps)) == NULL)
			return (NULL);
		if (expect(ps, ')', "')' expected") != 0) {
			sim_cel_free(n);
			return (NULL);
		}
		return (n);
	}
	if (is_op(ps, '[')) {
		lex(ps);
		n = node(CEL_LIST);
		if (arg_list(ps, n, ']') != 0) {
			sim_cel_free(n);
			return (NULL);
		}
		return (n);
	}
	if (is_op(ps, '{')) {
		lex(ps);
		n = node(CEL_MAP);
		while (!is_op(ps, '}')) {
			if ((k = expr(ps)) == NULL) {
				sim_cel_free(n);
				return (NULL);
			}
			push_arg(n, k);
			if (expect(ps, ':', "':' expected") != 0 ||
			    (v = expr(ps)) == NULL) {
				sim_cel_free(n);
				return (NULL);
			}
			push_arg(n, v);
			if (!is_op(ps, ','))
				break;
			lex(ps);
		}
		if (expect(ps, '}', "'}' expected") != 0) {
			sim_cel_free(n);
			return (NULL);
		}
		return (n);
	}
	fail(ps, "expression expected");
	return (NULL);
}

static struct sim_cel_node *
member(struct parser *ps)
{
	struct sim_cel_node	*n, *m;
	char			*name;

	if ((n = primary(ps)) == NULL)
		return (NULL);
	for (;;) {
		if (is_op(ps, '.')) {
			lex(ps);
			if (ps->t != T_IDENT) {
				fail(ps, "field name expected");
				sim_cel_free(n);
				return (NULL);
			}
			name = ps->text;
			ps->text = NULL;
			lex(ps);
			if (is_op(ps, '(')) {
				lex(ps);
				/* call() owns n from here, also on failure. */
				m = call(ps, n, name);
				free(name);
				if (m == NULL)
					return (NULL);
				n = m;
				continue;
			}
			m = node(CEL_SELECT);
			m->a = n;
			m->s = name;
			n = m;
		} else if (is_op(ps, '[')) {
			lex(ps);
			m = node(CEL_INDEX);
			m->a = n;
			n = m;
			if ((n->b = expr(ps)) == NULL || expect(ps, ']',
			    "']' expected") != 0) {
				sim_cel_free(n);
				return (NULL);
			}
		} else
			return (n);
	}
}

static struct sim_cel_node *
unary(struct parser *ps)
{
	struct sim_cel_node	*n;
	int			 op;

	if (is_op(ps, '!') || is_op(ps, '-')) {
		op = ps->op;
		lex(ps);
		if (++ps->depth > MAX_DEPTH) {
			fail(ps, "expression nested too deeply");
			return (NULL);
		}
		n = node(op == '!' ? CEL_NOT : CEL_NEG);
		if ((n->a = unary(ps)) == NULL) {
			sim_cel_free(n);
			return (NULL);
		}
		ps->depth--;
		return (n);
	}
	return (member(ps));
}

static struct sim_cel_node *
binary(struct parser *ps, struct sim_cel_node *l, int op,
    struct sim_cel_node *(*next)(struct parser *))
{
	struct sim_cel_node	*n = node(op == OP_AND ? CEL_AND :
				    op == OP_OR ? CEL_OR : CEL_BINARY);

	n->op = op;
	n->a = l;
	if ((n->b = next(ps)) == NULL) {
		sim_cel_free(n);
		return (NULL);
	}
	return (n);
}

static struct sim_cel_node *
multiplication(struct parser *ps)
{
	struct sim_cel_node	*n = unary(ps);
	int			 op;

	while (n != NULL && (is_op(ps, '*') || is_op(ps, '/') ||
	    is_op(ps, '%'))) {
		op = ps->op;
		lex(ps);
		n = binary(ps, n, op, unary);
	}
	return (n);
}

static struct sim_cel_node *
addition(struct parser *ps)
{
	struct sim_cel_node	*n = multiplication(ps);
	int			 op;

	while (n != NULL && (is_op(ps, '+') || is_op(ps, '-'))) {
		op = ps->op;
		lex(ps);
		n = binary(ps, n, op, multiplication);
	}
	return (n);
}

static struct sim_cel_node *
relation(struct parser *ps)
{
	struct sim_cel_node	*n = addition(ps);
	int			 op;

	for (;;) {
		if (n == NULL)
			return (NULL);
		if (ps->t == T_IDENT && strcmp(ps->text, "in") == 0)
			op = CEL_OP_IN;
		else if (ps->t == T_PUNCT && (ps->op == '<' || ps->op == '>' ||
		    ps->op == CEL_OP_LE || ps->op == CEL_OP_GE ||
		    ps->op == CEL_OP_EQ || ps->op == CEL_OP_NE))
			op = ps->op;
		else
			return (n);
		lex(ps);
		n = binary(ps, n, op, addition);
	}
}

static struct sim_cel_node *
conjunction(struct parser *ps)
{
	struct sim_cel_node	*n = relation(ps);

	while (n != NULL && is_op(ps, OP_AND)) {
		lex(ps);
		n = binary(ps, n, OP_AND, relation);
	}
	return (n);
}

static struct sim_cel_node *
disjunction(struct parser *ps)
{
	struct sim_cel_node	*n = conjunction(ps);

	while (n != NULL && is_op(ps, OP_OR)) {
		lex(ps);
		n = binary(ps, n, OP_OR, conjunction);
	}
	return (n);
}

static struct sim_cel_node *
expr(struct parser *ps)
{
	struct sim_cel_node	*n, *c;

	if (++ps->depth > MAX_DEPTH) {
		fail(ps, "expression nested too deeply");
		return (NULL);
	}
	n = disjunction(ps);
	if (n != NULL && is_op(ps, '?')) {
		lex(ps);
		c = node(CEL_COND);
		c->a = n;
		n = c;
		if ((n->b = disjunction(ps)) == NULL || expect(ps, ':',
		    "':' expected") != 0 || (n->c = expr(ps)) == NULL) {
			sim_cel_free(n);
			n = NULL;
		}
	}
	ps->depth--;
	return (n);
}

struct sim_cel_node *
sim_cel_parse(const char *src, char **msg)
{
	struct parser		 ps;
	struct sim_cel_node	*n;

	/* Bounds the depth of the tree (a chain of selections is as deep
	 * as it is long) and so the evaluator's recursion. */
	if (strlen(src) > MAX_LEN) {
		*msg = scs_xprintf("expression longer than %d bytes",
		    MAX_LEN);
		return (NULL);
	}
	memset(&ps, 0, sizeof ps);
	ps.src = ps.p = src;
	lex(&ps);
	n = expr(&ps);
	if (n != NULL && ps.t != T_END) {
		fail(&ps, "unexpected text after the expression");
		sim_cel_free(n);
		n = NULL;
	}
	free(ps.text);
	if (n == NULL) {
		if (ps.err == NULL)
			ps.err = scs_xstrdup("syntax error");
		*msg = ps.err;
		return (NULL);
	}
	free(ps.err);
	return (n);
}
