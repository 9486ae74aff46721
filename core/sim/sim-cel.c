/*
 * sim-cel.c: the evaluator of the CEL subset (sim-cel.h) over JSON
 * values, as the simulator's ValidatingAdmissionPolicies need it.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-cel.h"

/* A value: borrowed from the variables or owned; j NULL is an error. */
struct val {
	cJSON	*j;
	int	 own;
	char	*err;
};

/* A macro's iteration variable, innermost first. */
struct scope {
	const char	*name;
	const cJSON	*value;
	struct scope	*up;
};

struct ctx {
	const struct sim_cel_var	*vars;
	size_t				 nvars;
	char				*unsupported;	/* set: give up */
};

static struct val	eval(struct ctx *, struct scope *,
			    const struct sim_cel_node *);

static struct val
borrowed(const cJSON *j)
{
	struct val	v = { (cJSON *)(uintptr_t)j, 0, NULL };

	return (v);
}

static struct val
owned(cJSON *j)
{
	struct val	v = { j, 1, NULL };

	return (v);
}

static struct val	errv(const char *, ...) SCS_PRINTF(1, 2);

static struct val
errv(const char *fmt, ...)
{
	struct val	v = { NULL, 0, NULL };
	va_list		ap;

	va_start(ap, fmt);
	scs_xvasprintf(&v.err, fmt, ap);
	va_end(ap);
	return (v);
}

static void
vfree(struct val *v)
{
	if (v->own)
		cJSON_Delete(v->j);
	free(v->err);
	v->j = NULL;
	v->err = NULL;
	v->own = 0;
}

/* The value as an owned tree (v is spent). */
static cJSON *
vtake(struct val *v)
{
	cJSON	*j = v->own ? v->j : cJSON_Duplicate(v->j, 1);

	v->own = 0;
	v->j = NULL;
	return (j);
}

static const char *
type_name(const cJSON *j)
{
	if (cJSON_IsString(j))
		return ("string");
	if (cJSON_IsNumber(j))
		return (j->valuedouble == floor(j->valuedouble) ? "int" :
		    "double");
	if (cJSON_IsBool(j))
		return ("bool");
	if (cJSON_IsArray(j))
		return ("list");
	if (cJSON_IsObject(j))
		return ("map");
	return ("null_type");
}

static struct val
no_overload(const char *fn, const cJSON *a, const cJSON *b)
{
	if (b != NULL)
		return (errv("no such overload: %s(%s, %s)", fn, type_name(a),
		    type_name(b)));
	return (errv("no such overload: %s(%s)", fn, type_name(a)));
}

static int
integral(const cJSON *j)
{
	return (cJSON_IsNumber(j) && j->valuedouble == floor(j->valuedouble) &&
	    fabs(j->valuedouble) < 9007199254740992.0);
}

/* Number of code points of a UTF-8 string. */
static size_t
u8len(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return (n);
}

/* Byte offset of code point i (i <= u8len(s)). */
static size_t
u8off(const char *s, size_t i)
{
	const char	*p = s;

	for (; *p != '\0'; p++)
		if (((unsigned char)*p & 0xc0) != 0x80 && i-- == 0)
			break;
	return ((size_t)(p - s));
}

static char *
number_text(double d)
{
	char	buf[64];
	int	prec;

	if (d == floor(d) && fabs(d) < 1e15)
		return (scs_xprintf("%.0f", d));
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	return (scs_xstrdup(buf));
}

static struct val
lookup(struct ctx *cx, struct scope *sc, const char *name)
{
	size_t	i;

	for (; sc != NULL; sc = sc->up)
		if (strcmp(sc->name, name) == 0)
			return (borrowed(sc->value));
	for (i = 0; i < cx->nvars; i++) {
		if (strcmp(cx->vars[i].name, name) != 0)
			continue;
		if (cx->vars[i].value == NULL)
			return (owned(cJSON_CreateNull()));
		return (borrowed(cx->vars[i].value));
	}
	if (cx->unsupported == NULL)
		cx->unsupported = scs_xprintf("undeclared reference to '%s'",
		    name);
	return (errv("undeclared reference to '%s'", name));
}

/* base.field: the child, borrowed from a borrowed base, else copied. */
static struct val
child(struct val *base, const cJSON *c)
{
	struct val	r;

	if (base->own) {
		r = owned(cJSON_Duplicate(c, 1));
		vfree(base);
		return (r);
	}
	return (borrowed(c));
}

static struct val
select_field(struct val base, const char *f)
{
	const cJSON	*c;
	struct val	 r;

	if (base.j == NULL)
		return (base);
	if (!cJSON_IsObject(base.j)) {
		r = errv("no such key: %s (in a %s)", f, type_name(base.j));
		vfree(&base);
		return (r);
	}
	if ((c = cJSON_GetObjectItemCaseSensitive(base.j, f)) == NULL) {
		vfree(&base);
		return (errv("no such key: %s", f));
	}
	return (child(&base, c));
}

static struct val
index_value(struct val base, struct val idx)
{
	const cJSON	*c = NULL;
	struct val	 r;
	double		 d;

	if (base.j == NULL) {
		vfree(&idx);
		return (base);
	}
	if (idx.j == NULL) {
		vfree(&base);
		return (idx);
	}
	if (cJSON_IsObject(base.j) && cJSON_IsString(idx.j)) {
		c = cJSON_GetObjectItemCaseSensitive(base.j,
		    idx.j->valuestring);
		r = c == NULL ? errv("no such key: %s", idx.j->valuestring) :
		    borrowed(NULL);
	} else if (cJSON_IsArray(base.j) && integral(idx.j)) {
		d = idx.j->valuedouble;
		if (d < 0 || d >= cJSON_GetArraySize(base.j))
			r = errv("index out of bounds: %.0f", d);
		else {
			c = cJSON_GetArrayItem(base.j, (int)d);
			r = borrowed(NULL);
		}
	} else
		r = no_overload("_[_]", base.j, idx.j);
	vfree(&idx);
	if (c == NULL) {
		vfree(&base);
		return (r);
	}
	return (child(&base, c));
}

static int
truth(const struct val *v)
{
	return (v->j != NULL && cJSON_IsBool(v->j) ? cJSON_IsTrue(v->j) : -1);
}

static struct val
boolv(int b)
{
	return (owned(cJSON_CreateBool(b)));
}

/* && and ||: a decisive operand wins over an error in the other. */
static struct val
logic(struct ctx *cx, struct scope *sc, const struct sim_cel_node *n)
{
	int		 decisive = n->kind == CEL_OR;
	struct val	 a = eval(cx, sc, n->a), b;
	int		 ta = truth(&a), tb;

	if (ta == decisive) {
		vfree(&a);
		return (boolv(decisive));
	}
	b = eval(cx, sc, n->b);
	tb = truth(&b);
	if (tb == decisive || (ta >= 0 && tb >= 0)) {
		vfree(&a);
		vfree(&b);
		return (boolv(tb == decisive ? decisive : ta));
	}
	if (a.j == NULL) {
		vfree(&b);
		return (a);
	}
	if (b.j == NULL) {
		vfree(&a);
		return (b);
	}
	vfree(&a);
	vfree(&b);
	return (errv("no such overload: %s(non-bool)", n->kind == CEL_OR ?
	    "_||_" : "_&&_"));
}

static int
contains_value(const cJSON *list, const cJSON *x)
{
	const cJSON	*e;

	cJSON_ArrayForEach(e, list)
		if (cJSON_Compare(e, x, 1))
			return (1);
	return (0);
}

static struct val
arith(int op, const cJSON *a, const cJSON *b)
{
	double	x = a->valuedouble, y = b->valuedouble, r;
	int	ints = integral(a) && integral(b);

	switch (op) {
	case '+': r = x + y; break;
	case '-': r = x - y; break;
	case '*': r = x * y; break;
	case '/':
		if (y == 0 && ints)
			return (errv("division by zero"));
		r = ints ? trunc(x / y) : x / y;
		break;
	default:
		if (!ints)
			return (errv("no such overload: _%%_(double, double)"));
		if (y == 0)
			return (errv("modulus by zero"));
		r = fmod(x, y);
		break;
	}
	return (owned(cJSON_CreateNumber(r)));
}

static struct val
binary_op(int op, const cJSON *a, const cJSON *b)
{
	cJSON		*l, *e;
	char		*s;
	int		 c;

	switch (op) {
	case CEL_OP_EQ:
		return (boolv(cJSON_Compare(a, b, 1)));
	case CEL_OP_NE:
		return (boolv(!cJSON_Compare(a, b, 1)));
	case CEL_OP_IN:
		if (cJSON_IsArray(b))
			return (boolv(contains_value(b, a)));
		if (cJSON_IsObject(b) && cJSON_IsString(a))
			return (boolv(cJSON_GetObjectItemCaseSensitive(b,
			    a->valuestring) != NULL));
		return (no_overload("@in", a, b));
	case '<': case '>': case CEL_OP_LE: case CEL_OP_GE:
		if (cJSON_IsNumber(a) && cJSON_IsNumber(b))
			c = a->valuedouble < b->valuedouble ? -1 :
			    a->valuedouble > b->valuedouble;
		else if (cJSON_IsString(a) && cJSON_IsString(b))
			c = strcmp(a->valuestring, b->valuestring);
		else
			return (no_overload("_<_", a, b));
		return (boolv(op == '<' ? c < 0 : op == '>' ? c > 0 :
		    op == CEL_OP_LE ? c <= 0 : c >= 0));
	case '+':
		if (cJSON_IsString(a) && cJSON_IsString(b)) {
			s = scs_xprintf("%s%s", a->valuestring, b->valuestring);
			l = cJSON_CreateString(s);
			free(s);
			return (owned(l));
		}
		if (cJSON_IsArray(a) && cJSON_IsArray(b)) {
			l = cJSON_Duplicate(a, 1);
			cJSON_ArrayForEach(e, b)
				cJSON_AddItemToArray(l, cJSON_Duplicate(e, 1));
			return (owned(l));
		}
		/* FALLTHROUGH */
	default:
		if (cJSON_IsNumber(a) && cJSON_IsNumber(b))
			return (arith(op, a, b));
		return (no_overload(op == '+' ? "_+_" : op == '-' ? "_-_" :
		    op == '*' ? "_*_" : op == '/' ? "_/_" : "_%_", a, b));
	}
}

static struct val
string_of(const cJSON *a)
{
	char	*s;
	cJSON	*r;

	if (cJSON_IsString(a))
		return (owned(cJSON_CreateString(a->valuestring)));
	if (cJSON_IsBool(a))
		return (owned(cJSON_CreateString(cJSON_IsTrue(a) ? "true" :
		    "false")));
	if (!cJSON_IsNumber(a))
		return (no_overload("string", a, NULL));
	s = number_text(a->valuedouble);
	r = cJSON_CreateString(s);
	free(s);
	return (owned(r));
}

static struct val
number_of(const char *fn, const cJSON *a)
{
	char	*end;
	double	 d;

	if (cJSON_IsNumber(a))
		d = a->valuedouble;
	else if (cJSON_IsString(a)) {
		d = strtod(a->valuestring, &end);
		if (end == a->valuestring || *end != '\0')
			return (errv("cannot convert '%s' to %s",
			    a->valuestring, fn));
	} else
		return (no_overload(fn, a, NULL));
	if (fn[0] == 'i') {
		if (!isfinite(d) || fabs(d) >= 9223372036854775807.0)
			return (errv("%s: range error", fn));
		d = trunc(d);
	}
	return (owned(cJSON_CreateNumber(d)));
}

static struct val
substring(const char *s, const cJSON *from, const cJSON *to)
{
	size_t	n = u8len(s), i, j;
	char	*t;
	cJSON	*r;

	if (!integral(from) || (to != NULL && !integral(to)))
		return (errv("no such overload: substring"));
	if (from->valuedouble < 0 || from->valuedouble > (double)n ||
	    (to != NULL && (to->valuedouble < from->valuedouble ||
	    to->valuedouble > (double)n)))
		return (errv("index out of range: %.0f", to != NULL &&
		    to->valuedouble > (double)n ? to->valuedouble :
		    from->valuedouble));
	i = u8off(s, (size_t)from->valuedouble);
	j = to != NULL ? u8off(s, (size_t)to->valuedouble) : strlen(s);
	t = scs_xstrndup(s + i, j - i);
	r = cJSON_CreateString(t);
	free(t);
	return (owned(r));
}

static struct val
join(const cJSON *list, const cJSON *sep)
{
	struct scs_buf	 b;
	const cJSON	*e;
	cJSON		*r;
	int		 first = 1;

	if (!cJSON_IsArray(list) || (sep != NULL && !cJSON_IsString(sep)))
		return (no_overload("join", list, sep));
	scs_buf_init(&b, 0);
	scs_buf_adds(&b, "");
	cJSON_ArrayForEach(e, list) {
		if (!cJSON_IsString(e)) {
			scs_buf_done(&b);
			return (errv("join: list of %s, want strings",
			    type_name(e)));
		}
		if (!first && sep != NULL)
			scs_buf_adds(&b, sep->valuestring);
		scs_buf_adds(&b, e->valuestring);
		first = 0;
	}
	r = cJSON_CreateString(b.data);
	scs_buf_done(&b);
	return (owned(r));
}

static struct val
ascii_case(const char *s, int upper)
{
	char	*t = scs_xstrdup(s), *p;
	cJSON	*r;

	for (p = t; *p != '\0'; p++) {
		if (upper && *p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
		else if (!upper && *p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	}
	r = cJSON_CreateString(t);
	free(t);
	return (owned(r));
}

static struct val
trim(const char *s)
{
	size_t	n;
	char	*t;
	cJSON	*r;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	t = scs_xstrndup(s, n);
	r = cJSON_CreateString(t);
	free(t);
	return (owned(r));
}

/* A function on its receiver (member style) or first argument. */
static struct val
apply(const char *fn, const cJSON *x, const cJSON *const *args, size_t n)
{
	const cJSON	*y = n > 0 ? args[0] : NULL;

	if (strcmp(fn, "size") == 0 && n == 0) {
		if (cJSON_IsString(x))
			return (owned(cJSON_CreateNumber((double)u8len(
			    x->valuestring))));
		if (cJSON_IsArray(x) || cJSON_IsObject(x))
			return (owned(cJSON_CreateNumber(
			    cJSON_GetArraySize(x))));
		return (no_overload(fn, x, NULL));
	}
	if (strcmp(fn, "string") == 0 && n == 0)
		return (string_of(x));
	if ((strcmp(fn, "int") == 0 || strcmp(fn, "double") == 0) && n == 0)
		return (number_of(fn, x));
	if (strcmp(fn, "join") == 0 && n <= 1)
		return (join(x, y));
	if (!cJSON_IsString(x))
		return (no_overload(fn, x, y));
	if (n == 0 && strcmp(fn, "lowerAscii") == 0)
		return (ascii_case(x->valuestring, 0));
	if (n == 0 && strcmp(fn, "upperAscii") == 0)
		return (ascii_case(x->valuestring, 1));
	if (n == 0 && strcmp(fn, "trim") == 0)
		return (trim(x->valuestring));
	if (strcmp(fn, "substring") == 0 && (n == 1 || n == 2))
		return (substring(x->valuestring, y, n == 2 ? args[1] : NULL));
	if (n != 1 || !cJSON_IsString(y))
		return (no_overload(fn, x, y));
	if (strcmp(fn, "startsWith") == 0)
		return (boolv(scs_strprefix(x->valuestring, y->valuestring)));
	if (strcmp(fn, "endsWith") == 0)
		return (boolv(scs_strsuffix(x->valuestring, y->valuestring)));
	if (strcmp(fn, "contains") == 0)
		return (boolv(strstr(x->valuestring, y->valuestring) != NULL));
	return (no_overload(fn, x, y));
}

static struct val
call(struct ctx *cx, struct scope *sc, const struct sim_cel_node *n)
{
	struct val	 v[4], r;
	const cJSON	*args[3];
	size_t		 i, k = 0, na = n->nargs + (n->a != NULL);

	if (na == 0 || na > 4)
		return (errv("no matching overload for '%s'", n->s));
	if (n->a != NULL)
		v[k++] = eval(cx, sc, n->a);
	for (i = 0; i < n->nargs; i++)
		v[k++] = eval(cx, sc, n->args[i]);
	for (i = 0; i < k; i++)
		if (v[i].j == NULL)
			break;
	if (i < k) {
		r = v[i];
		v[i].err = NULL;
	} else {
		for (i = 1; i < k; i++)
			args[i - 1] = v[i].j;
		r = apply(n->s, v[0].j, args, k - 1);
	}
	for (i = 0; i < k; i++)
		vfree(&v[i]);
	return (r);
}

/* all, exists, exists_one, filter, map over a list or a map's keys. */
static struct val
macro(struct ctx *cx, struct scope *sc, const struct sim_cel_node *n)
{
	struct val	 t = eval(cx, sc, n->a), p, r;
	struct scope	 in = { n->var, NULL, sc };
	cJSON		*keys = NULL, *out = NULL;
	const cJSON	*e, *items;
	char		*err = NULL;
	int		 found = 0, count = 0, tp;
	const char	*m = n->s;

	if (t.j == NULL)
		return (t);
	if (cJSON_IsObject(t.j)) {
		keys = cJSON_CreateArray();
		cJSON_ArrayForEach(e, t.j)
			cJSON_AddItemToArray(keys, cJSON_CreateString(
			    e->string));
		items = keys;
	} else if (cJSON_IsArray(t.j))
		items = t.j;
	else {
		r = errv("no such overload: %s on %s", m, type_name(t.j));
		vfree(&t);
		return (r);
	}
	if (strcmp(m, "filter") == 0 || strcmp(m, "map") == 0)
		out = cJSON_CreateArray();
	cJSON_ArrayForEach(e, items) {
		in.value = e;
		p = eval(cx, &in, n->args[0]);
		tp = truth(&p);
		/* map(x, p, e): p filters, e transforms. */
		if (n->nargs == 2 && tp == 0) {
			vfree(&p);
			continue;
		}
		if (n->nargs == 2 && tp == 1) {
			vfree(&p);
			p = eval(cx, &in, n->args[1]);
		}
		if (p.j == NULL || (tp < 0 && (strcmp(m, "map") != 0 ||
		    n->nargs == 2))) {
			if (err == NULL)
				err = p.j == NULL ? p.err : scs_xprintf(
				    "no such overload: %s predicate of type %s",
				    m, type_name(p.j));
			else
				free(p.err);
			p.err = NULL;
			vfree(&p);
			/* all and exists go on: a later element may
			 * decide; the others are strict. */
			if (strcmp(m, "all") == 0 || strcmp(m, "exists") == 0)
				continue;
			break;
		}
		if (strcmp(m, "all") == 0 && tp == 0)
			found = 1;
		else if (strcmp(m, "exists") == 0 && tp == 1)
			found = 1;
		else if (strcmp(m, "exists_one") == 0 && tp == 1)
			count++;
		else if (strcmp(m, "filter") == 0 && tp == 1)
			cJSON_AddItemToArray(out, cJSON_Duplicate(e, 1));
		else if (strcmp(m, "map") == 0)
			cJSON_AddItemToArray(out, vtake(&p));
		vfree(&p);
		if (found)
			break;
	}
	if (found) {
		free(err);
		r = boolv(strcmp(m, "exists") == 0);
	} else if (err != NULL) {
		r = errv("%s", err);
		free(err);
	} else if (out != NULL) {
		r = owned(out);
		out = NULL;
	} else if (strcmp(m, "exists_one") == 0)
		r = boolv(count == 1);
	else
		r = boolv(strcmp(m, "all") == 0);
	cJSON_Delete(out);
	cJSON_Delete(keys);
	vfree(&t);
	return (r);
}

static struct val
eval(struct ctx *cx, struct scope *sc, const struct sim_cel_node *n)
{
	struct val	 a, b, r;
	cJSON		*l, *x;
	size_t		 i;
	int		 t;

	if (cx->unsupported != NULL)
		return (errv("%s", cx->unsupported));
	switch (n->kind) {
	case CEL_LIT:
		return (borrowed(n->lit));
	case CEL_IDENT:
		return (lookup(cx, sc, n->s));
	case CEL_SELECT:
		return (select_field(eval(cx, sc, n->a), n->s));
	case CEL_HAS:
		a = eval(cx, sc, n->a->a);
		if (a.j == NULL)
			return (a);
		r = cJSON_IsObject(a.j) ? boolv(cJSON_GetObjectItemCaseSensitive(
		    a.j, n->a->s) != NULL) : errv("invalid type for field "
		    "selection: %s", type_name(a.j));
		vfree(&a);
		return (r);
	case CEL_INDEX:
		a = eval(cx, sc, n->a);
		return (index_value(a, eval(cx, sc, n->b)));
	case CEL_CALL:
		return (call(cx, sc, n));
	case CEL_MACRO:
		return (macro(cx, sc, n));
	case CEL_LIST:
	case CEL_MAP:
		l = n->kind == CEL_LIST ? cJSON_CreateArray() :
		    cJSON_CreateObject();
		for (i = 0; i < n->nargs; i++) {
			a = eval(cx, sc, n->args[i]);
			if (a.j == NULL) {
				cJSON_Delete(l);
				return (a);
			}
			if (n->kind == CEL_LIST) {
				cJSON_AddItemToArray(l, vtake(&a));
				continue;
			}
			b = eval(cx, sc, n->args[++i]);
			if (!cJSON_IsString(a.j) || b.j == NULL) {
				r = b.j == NULL ? b : errv("map keys other "
				    "than strings are outside the subset");
				if (b.j != NULL)
					vfree(&b);
				vfree(&a);
				cJSON_Delete(l);
				return (r);
			}
			x = vtake(&b);
			cJSON_DeleteItemFromObjectCaseSensitive(l,
			    a.j->valuestring);
			cJSON_AddItemToObject(l, a.j->valuestring, x);
			vfree(&a);
		}
		return (owned(l));
	case CEL_NOT:
		a = eval(cx, sc, n->a);
		if ((t = truth(&a)) < 0) {
			r = a.j == NULL ? a : no_overload("!_", a.j, NULL);
			if (a.j != NULL)
				vfree(&a);
			return (r);
		}
		vfree(&a);
		return (boolv(!t));
	case CEL_NEG:
		a = eval(cx, sc, n->a);
		if (a.j == NULL || !cJSON_IsNumber(a.j)) {
			r = a.j == NULL ? a : no_overload("-_", a.j, NULL);
			if (a.j != NULL)
				vfree(&a);
			return (r);
		}
		r = owned(cJSON_CreateNumber(-a.j->valuedouble));
		vfree(&a);
		return (r);
	case CEL_AND:
	case CEL_OR:
		return (logic(cx, sc, n));
	case CEL_COND:
		a = eval(cx, sc, n->a);
		if ((t = truth(&a)) < 0) {
			r = a.j == NULL ? a : no_overload("_?_:_", a.j, NULL);
			if (a.j != NULL)
				vfree(&a);
			return (r);
		}
		vfree(&a);
		return (eval(cx, sc, t ? n->b : n->c));
	case CEL_BINARY:
		a = eval(cx, sc, n->a);
		if (a.j == NULL)
			return (a);
		b = eval(cx, sc, n->b);
		if (b.j == NULL) {
			vfree(&a);
			return (b);
		}
		r = binary_op(n->op, a.j, b.j);
		vfree(&a);
		vfree(&b);
		return (r);
	}
	return (errv("unknown node"));
}

enum sim_cel_result
sim_cel_check(const char *expr, char **msg)
{
	struct sim_cel_node	*n = sim_cel_parse(expr, msg);

	if (n == NULL)
		return (SIM_CEL_UNSUPPORTED);
	sim_cel_free(n);
	return (SIM_CEL_VALUE);
}

enum sim_cel_result
sim_cel_eval(const char *expr, const struct sim_cel_var *vars, size_t nvars,
    cJSON **out, char **msg)
{
	struct sim_cel_node	*n;
	struct ctx		 cx = { vars, nvars, NULL };
	struct val		 v;

	*out = NULL;
	if ((n = sim_cel_parse(expr, msg)) == NULL)
		return (SIM_CEL_UNSUPPORTED);
	v = eval(&cx, NULL, n);
	/* Literals are borrowed from the tree: take the value first. */
	if (v.j != NULL && cx.unsupported == NULL)
		*out = vtake(&v);
	sim_cel_free(n);
	if (cx.unsupported != NULL) {
		vfree(&v);
		*msg = cx.unsupported;
		return (SIM_CEL_UNSUPPORTED);
	}
	if (*out == NULL) {
		*msg = v.err;
		return (SIM_CEL_ERROR);
	}
	return (SIM_CEL_VALUE);
}
