/*
 * schema.c: the ClusterClass variable schema subset: definitions,
 * defaulting and validation with the API server's wording and paths
 * (DOMAIN.md 6 and 7). Tolerant of the real-world quirks: format on
 * arrays, required on array schemas, unknown formats.
 */
#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scs/schema.h"
#include "scs/util.h"

#define J(o, k)	cJSON_GetObjectItemCaseSensitive((o), (k))

void
scs_schema_errors_free(struct scs_schema_errors *e)
{
	size_t	 i;

	for (i = 0; i < e->n; i++) {
		free(e->v[i].field);
		free(e->v[i].reason);
		free(e->v[i].message);
	}
	free(e->v);
	e->v = NULL;
	e->n = 0;
}

static void
cause(struct scs_schema_errors *e, const char *field, const char *reason,
    char *message)
{
	e->v = scs_xreallocarray(e->v, e->n + 1, sizeof *e->v);
	e->v[e->n].field = scs_xstrdup(field);
	e->v[e->n].reason = scs_xstrdup(reason);
	e->v[e->n].message = message;
	e->n++;
}

static int
condition_true(const cJSON *o, const char *type)
{
	const cJSON	*c;

	cJSON_ArrayForEach(c, J(J(o, "status"), "conditions")) {
		if (scs_streq(cJSON_GetStringValue(J(c, "type")), type))
			return (scs_streq(cJSON_GetStringValue(J(c, "status")),
			    "True"));
	}
	return (0);
}

cJSON *
scs_schema_definitions(const cJSON *cc, int *from_status)
{
	const cJSON	*st = J(cc, "status"), *v, *d;
	cJSON		*out, *x;
	int		 reconciled;

	reconciled = (condition_true(cc, "VariablesReady") ||
	    condition_true(cc, "VariablesReconciled")) &&
	    cJSON_IsNumber(J(st, "observedGeneration")) &&
	    cJSON_IsNumber(J(J(cc, "metadata"), "generation")) &&
	    J(st, "observedGeneration")->valuedouble ==
	    J(J(cc, "metadata"), "generation")->valuedouble &&
	    cJSON_GetArraySize(J(st, "variables")) > 0;
	if (from_status != NULL)
		*from_status = reconciled;
	if (!reconciled) {
		v = J(J(cc, "spec"), "variables");
		return (v != NULL ? cJSON_Duplicate(v, 1) : cJSON_CreateArray());
	}
	out = cJSON_CreateArray();
	cJSON_ArrayForEach(v, J(st, "variables")) {
		d = cJSON_GetArrayItem(J(v, "definitions"), 0);
		if (d == NULL)
			continue;
		x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "name", cJSON_GetStringValue(J(v,
		    "name")) != NULL ? cJSON_GetStringValue(J(v, "name")) : "");
		cJSON_AddBoolToObject(x, "required", cJSON_IsTrue(J(d,
		    "required")));
		if (J(d, "schema") != NULL)
			cJSON_AddItemToObject(x, "schema",
			    cJSON_Duplicate(J(d, "schema"), 1));
		cJSON_AddItemToArray(out, x);
	}
	return (out);
}

static const cJSON *
def_schema(const cJSON *def)
{
	return (J(J(def, "schema"), "openAPIV3Schema"));
}

static const cJSON *
find_def(const cJSON *defs, const char *name)
{
	const cJSON	*d;

	cJSON_ArrayForEach(d, defs) {
		if (scs_streq(cJSON_GetStringValue(J(d, "name")), name))
			return (d);
	}
	return (NULL);
}

static const cJSON *
find_value(const cJSON *values, const char *name)
{
	const cJSON	*v;

	cJSON_ArrayForEach(v, values) {
		if (scs_streq(cJSON_GetStringValue(J(v, "name")), name))
			return (v);
	}
	return (NULL);
}

/* Fill nested defaults of existing objects (and array items). */
static void
default_nested(const cJSON *schema, cJSON *value, int depth)
{
	const cJSON	*p, *def;
	cJSON		*item;

	if (schema == NULL || value == NULL || depth > SCS_SCHEMA_MAX_DEPTH)
		return;
	if (cJSON_IsObject(value)) {
		cJSON_ArrayForEach(p, J(schema, "properties")) {
			item = J(value, p->string);
			def = J(p, "default");
			if (item == NULL && def != NULL) {
				cJSON_AddItemToObject(value, p->string,
				    cJSON_Duplicate(def, 1));
				item = J(value, p->string);
			}
			default_nested(p, item, depth + 1);
		}
		if (J(schema, "additionalProperties") != NULL &&
		    cJSON_IsObject(J(schema, "additionalProperties"))) {
			cJSON_ArrayForEach(item, value)
				default_nested(J(schema,
				    "additionalProperties"), item, depth + 1);
		}
	} else if (cJSON_IsArray(value)) {
		cJSON_ArrayForEach(item, value)
			default_nested(J(schema, "items"), item, depth + 1);
	}
}

int
scs_schema_default(const cJSON *defs, cJSON *values)
{
	const cJSON	*d, *s, *def;
	cJSON		*v, *val;
	int		 added = 0;

	if (values == NULL)
		return (0);
	cJSON_ArrayForEach(d, defs) {
		s = def_schema(d);
		v = (cJSON *)find_value(values, cJSON_GetStringValue(J(d,
		    "name")));
		if (v == NULL && (def = J(s, "default")) != NULL) {
			v = cJSON_CreateObject();
			cJSON_AddStringToObject(v, "name",
			    cJSON_GetStringValue(J(d, "name")));
			cJSON_AddItemToObject(v, "value",
			    cJSON_Duplicate(def, 1));
			cJSON_AddItemToArray(values, v);
			added++;
		}
		if (v != NULL && (val = J(v, "value")) != NULL)
			default_nested(s, val, 0);
	}
	return (added);
}

/* --- validation ------------------------------------------------------ */

static char *
json_text(const cJSON *v)
{
	char	*s = cJSON_PrintUnformatted(v);

	return (s != NULL ? s : scs_xstrdup("?"));
}

static const char *
type_of(const cJSON *v)
{
	if (cJSON_IsString(v))
		return ("string");
	if (cJSON_IsBool(v))
		return ("boolean");
	if (cJSON_IsNumber(v))
		return (v->valuedouble == floor(v->valuedouble) ? "integer" :
		    "number");
	if (cJSON_IsArray(v))
		return ("array");
	if (cJSON_IsObject(v))
		return ("object");
	return ("null");
}

static int
type_ok(const char *want, const cJSON *v, const cJSON *schema)
{
	const char	*got = type_of(v);

	if (want == NULL)
		return (1);
	if (cJSON_IsTrue(J(schema, "x-kubernetes-int-or-string")))
		return (cJSON_IsString(v) || strcmp(got, "integer") == 0);
	if (strcmp(want, "number") == 0)
		return (cJSON_IsNumber(v));
	return (strcmp(want, got) == 0);
}

static int
valid_ipv4(const char *s)
{
	int	 a, b, c, d, n = 0;

	return (sscanf(s, "%3d.%3d.%3d.%3d%n", &a, &b, &c, &d, &n) == 4 &&
	    s[n] == '\0' && a <= 255 && b <= 255 && c <= 255 && d <= 255 &&
	    a >= 0 && b >= 0 && c >= 0 && d >= 0);
}

static int
valid_format(const char *fmt, const char *s)
{
	const char	*slash;
	char		 ip[64];
	int		 bits, n = 0, i;

	if (strcmp(fmt, "ipv4") == 0)
		return (valid_ipv4(s));
	if (strcmp(fmt, "cidr") == 0) {
		if ((slash = strchr(s, '/')) == NULL ||
		    (size_t)(slash - s) >= sizeof ip)
			return (0);
		snprintf(ip, sizeof ip, "%.*s", (int)(slash - s), s);
		return (valid_ipv4(ip) && sscanf(slash + 1, "%d%n", &bits,
		    &n) == 1 && slash[1 + n] == '\0' && bits >= 0 &&
		    bits <= 32);
	}
	if (strncmp(fmt, "uuid", 4) == 0) {
		if (strlen(s) != 36)
			return (0);
		for (i = 0; i < 36; i++) {
			if (i == 8 || i == 13 || i == 18 || i == 23) {
				if (s[i] != '-')
					return (0);
			} else if (!isxdigit((unsigned char)s[i]))
				return (0);
		}
		return (1);
	}
	return (1);	/* unknown formats are accepted */
}

/* Translate the common ECMA escapes into POSIX classes. */
static char *
posix_pattern(const char *p)
{
	struct scs_buf	 b;

	scs_buf_init(&b, 4096);
	for (; *p != '\0'; p++) {
		if (p[0] == '\\' && p[1] != '\0') {
			switch (p[1]) {
			case 'd': scs_buf_adds(&b, "[0-9]"); p++; continue;
			case 'w': scs_buf_adds(&b, "[A-Za-z0-9_]"); p++;
				continue;
			case 's': scs_buf_adds(&b, "[[:space:]]"); p++;
				continue;
			default: break;
			}
		}
		scs_buf_addc(&b, *p);
	}
	return (scs_buf_steal(&b));
}

/*
 * A rough size of what glibc's regcomp builds for an ERE: an atom counts
 * 1, a bound {m,n} multiplies what it repeats by its larger count and +
 * doubles it (glibc copies the subexpression that often), groups add up. Nested bounds
 * within 512 bytes reach gigabytes, so patterns costing more than
 * PATTERN_MAX_COST are not compiled (and not checked; the API server,
 * with RE2, still is).
 */
#define PATTERN_MAX_COST	20000

static unsigned long
pattern_cost(const char *p)
{
	unsigned long	 sum[SCS_SCHEMA_MAX_DEPTH + 1], last = 0, m, n;
	int		 depth = 0;
	char		*end;

	sum[0] = 0;
	while (*p != '\0') {
		if (sum[depth] > PATTERN_MAX_COST)
			return (sum[depth]);
		switch (*p) {
		case '(':
			if (depth == SCS_SCHEMA_MAX_DEPTH)
				return (PATTERN_MAX_COST + 1);
			sum[++depth] = 0;
			last = 0;
			p++;
			continue;
		case ')':
			if (depth == 0)
				break;
			last = sum[depth--];
			sum[depth] += last;
			p++;
			continue;
		case '{':
			if (!isdigit((unsigned char)p[1]))
				break;
			m = n = strtoul(p + 1, &end, 10);
			if (*end == ',' && isdigit((unsigned char)end[1]))
				n = strtoul(end + 1, &end, 10);
			else if (*end == ',') {
				n = m + 1;
				end++;
			}
			if (*end != '}')
				break;
			if (n < m)
				n = m;
			if (n > PATTERN_MAX_COST || (last != 0 &&
			    n > PATTERN_MAX_COST / last))
				return (PATTERN_MAX_COST + 1);
			sum[depth] += last * n - last;
			last *= n;
			p = end + 1;
			continue;
		case '[':
			/* A bracket expression is one atom: find its end. */
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p != '\0' && *p != ']') {
				if (p[0] == '[' && (p[1] == ':' || p[1] == '=' ||
				    p[1] == '.') && (end = strchr(p + 2, p[1])) !=
				    NULL && end[1] == ']')
					p = end + 2;
				else
					p++;
			}
			if (*p == ']')
				p++;
			last = 1;
			sum[depth]++;
			continue;
		case '\\':
			if (p[1] != '\0')
				p++;
			break;
		case '|':
			last = 0;
			p++;
			continue;
		case '+':
			/* x+ is x x*: a copy, so x+++ doubles thrice. */
			if (last > PATTERN_MAX_COST)
				return (PATTERN_MAX_COST + 1);
			sum[depth] += last;
			last *= 2;
			p++;
			continue;
		case '*':
		case '?':
		case '^':
		case '$':
			p++;
			continue;
		}
		last = 1;
		sum[depth]++;
		p++;
	}
	while (depth > 0) {
		sum[depth - 1] += sum[depth];
		depth--;
	}
	return (sum[0]);
}

static size_t	validate(const cJSON *, const cJSON *, const char *,
		    struct scs_schema_errors *, int);

static void
check_bounds(const cJSON *s, const cJSON *v, const char *path,
    struct scs_schema_errors *e)
{
	const cJSON	*min = J(s, "minimum"), *max = J(s, "maximum");
	int		 exmin = cJSON_IsTrue(J(s, "exclusiveMinimum"));
	int		 exmax = cJSON_IsTrue(J(s, "exclusiveMaximum"));
	double		 x = v->valuedouble;

	if (cJSON_IsNumber(min) && (exmin ? x <= min->valuedouble :
	    x < min->valuedouble))
		cause(e, path, "FieldValueInvalid", scs_xprintf("Invalid "
		    "value: %g: should be greater than %s%g", x, exmin ? "" :
		    "or equal to ", min->valuedouble));
	if (cJSON_IsNumber(max) && (exmax ? x >= max->valuedouble :
	    x > max->valuedouble))
		cause(e, path, "FieldValueInvalid", scs_xprintf("Invalid "
		    "value: %g: should be less than %s%g", x, exmax ? "" :
		    "or equal to ", max->valuedouble));
}

static size_t
utf8_len(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return (n);
}

static void
check_string(const cJSON *s, const cJSON *v, const char *path,
    struct scs_schema_errors *e)
{
	const char	*str = v->valuestring, *fmt, *pat;
	const cJSON	*minl = J(s, "minLength"), *maxl = J(s, "maxLength");
	size_t		 len = utf8_len(str);
	regex_t		 re;
	char		*posix;

	if (cJSON_IsNumber(minl) && (double)len < minl->valuedouble)
		cause(e, path, "FieldValueInvalid", scs_xprintf("Invalid "
		    "value: \"%s\": should be at least %g chars long", str,
		    minl->valuedouble));
	if (cJSON_IsNumber(maxl) && (double)len > maxl->valuedouble)
		cause(e, path, "FieldValueTooLong", scs_xprintf("Too long: "
		    "may not be longer than %g", maxl->valuedouble));
	fmt = cJSON_GetStringValue(J(s, "format"));
	if (fmt != NULL && !valid_format(fmt, str))
		cause(e, path, "FieldValueInvalid", scs_xprintf("Invalid "
		    "value: \"%s\": %s must be of type %s", str, path, fmt));
	pat = cJSON_GetStringValue(J(s, "pattern"));
	if (pat != NULL && strlen(pat) <= 512 && len <= 65536) {
		posix = posix_pattern(pat);
		if (pattern_cost(posix) <= PATTERN_MAX_COST &&
		    regcomp(&re, posix, REG_EXTENDED | REG_NOSUB) == 0) {
			if (regexec(&re, str, 0, NULL, 0) != 0)
				cause(e, path, "FieldValueInvalid",
				    scs_xprintf("Invalid value: \"%s\": should "
				    "match '%s'", str, pat));
			regfree(&re);
		}
		free(posix);
	}
}

static void
check_object(const cJSON *s, const cJSON *v, const char *path,
    struct scs_schema_errors *e, int depth)
{
	const cJSON	*props = J(s, "properties"), *add, *r, *item;
	char		*sub;
	struct scs_buf	 unknown;

	cJSON_ArrayForEach(r, J(s, "required")) {
		if (cJSON_IsString(r) && J(v, r->valuestring) == NULL) {
			sub = scs_xprintf("%s.%s", path, r->valuestring);
			cause(e, sub, "FieldValueRequired",
			    scs_xstrdup("Required value"));
			free(sub);
		}
	}
	add = J(s, "additionalProperties");
	scs_buf_init(&unknown, 4096);
	cJSON_ArrayForEach(item, v) {
		sub = scs_xprintf("%s.%s", path, item->string);
		if (J(props, item->string) != NULL)
			validate(J(props, item->string), item, sub, e,
			    depth + 1);
		else if (cJSON_IsObject(add))
			validate(add, item, sub, e, depth + 1);
		else if (props != NULL && !cJSON_IsTrue(J(s,
		    "x-kubernetes-preserve-unknown-fields")) &&
		    !cJSON_IsTrue(add))
			scs_buf_printf(&unknown, "%s%s", unknown.len != 0 ?
			    "," : "", item->string);
		free(sub);
	}
	if (unknown.len != 0)
		cause(e, path, "FieldValueInvalid", scs_xprintf("failed "
		    "validation: \"%s\" field(s) are not specified in the "
		    "variable schema", unknown.data));
	scs_buf_done(&unknown);
}

static void
check_array(const cJSON *s, const cJSON *v, const char *path,
    struct scs_schema_errors *e, int depth)
{
	const cJSON	*mi = J(s, "minItems"), *ma = J(s, "maxItems"), *it,
			*jt;
	int		 n = cJSON_GetArraySize(v), i = 0;
	char		*sub;

	if (cJSON_IsNumber(mi) && n < mi->valuedouble)
		cause(e, path, "FieldValueInvalid", scs_xprintf("Invalid "
		    "value: %d: should have at least %g items", n,
		    mi->valuedouble));
	if (cJSON_IsNumber(ma) && n > ma->valuedouble)
		cause(e, path, "FieldValueTooMany", scs_xprintf("Too many: %d: "
		    "must have at most %g items", n, ma->valuedouble));
	cJSON_ArrayForEach(it, v) {
		sub = scs_xprintf("%s[%d]", path, i++);
		if (J(s, "items") != NULL)
			validate(J(s, "items"), it, sub, e, depth + 1);
		if (cJSON_IsTrue(J(s, "uniqueItems"))) {
			for (jt = it->next; jt != NULL; jt = jt->next) {
				if (cJSON_Compare(it, jt, 1)) {
					cause(e, sub, "FieldValueDuplicate",
					    scs_xstrdup("Duplicate value"));
					break;
				}
			}
		}
		free(sub);
	}
}

static size_t
validate(const cJSON *s, const cJSON *v, const char *path,
    struct scs_schema_errors *e, int depth)
{
	size_t		 before = e->n;
	const char	*type = cJSON_GetStringValue(J(s, "type"));
	const cJSON	*en, *x;
	char		*got, *list;
	struct scs_buf	 b;
	int		 found = 0;

	if (s == NULL || depth > SCS_SCHEMA_MAX_DEPTH)
		return (0);
	if (cJSON_IsNull(v) && cJSON_IsTrue(J(s, "nullable")))
		return (0);
	if (!type_ok(type, v, s)) {
		got = json_text(v);
		cause(e, path, "FieldValueTypeInvalid", scs_xprintf("Invalid "
		    "value: %s: %s must be of type %s", got, path, type));
		free(got);
		return (e->n - before);
	}
	if ((en = J(s, "enum")) != NULL && cJSON_IsArray(en)) {
		cJSON_ArrayForEach(x, en)
			found |= cJSON_Compare(x, v, 1);
		if (!found) {
			scs_buf_init(&b, 0);
			cJSON_ArrayForEach(x, en) {
				list = json_text(x);
				scs_buf_printf(&b, "%s%s", b.len != 0 ? ", " :
				    "", list);
				free(list);
			}
			got = json_text(v);
			cause(e, path, "FieldValueNotSupported", scs_xprintf(
			    "Unsupported value: %s: supported values: %s", got,
			    b.data != NULL ? b.data : ""));
			free(got);
			scs_buf_done(&b);
		}
	}
	if (cJSON_IsNumber(v))
		check_bounds(s, v, path, e);
	else if (cJSON_IsString(v))
		check_string(s, v, path, e);
	else if (cJSON_IsObject(v))
		check_object(s, v, path, e, depth);
	else if (cJSON_IsArray(v))
		check_array(s, v, path, e, depth);
	return (e->n - before);
}

size_t
scs_schema_validate_value(const cJSON *schema, const cJSON *value,
    const char *path, struct scs_schema_errors *out)
{
	return (validate(schema, value, path, out, 0));
}

size_t
scs_schema_validate(const cJSON *defs, const cJSON *values,
    const char *prefix, int overrides, struct scs_schema_errors *out)
{
	size_t		 before = out->n;
	const cJSON	*d, *v, *def;
	const char	*name;
	char		*path;

	if (!overrides) {
		cJSON_ArrayForEach(d, defs) {
			name = cJSON_GetStringValue(J(d, "name"));
			if (cJSON_IsTrue(J(d, "required")) && name != NULL &&
			    find_value(values, name) == NULL)
				cause(out, prefix, "FieldValueRequired",
				    scs_xprintf("required variable \"%s\" must "
				    "be set", name));
		}
	}
	cJSON_ArrayForEach(v, values) {
		name = cJSON_GetStringValue(J(v, "name"));
		if (name == NULL)
			continue;
		path = scs_xprintf("%s[%s]", prefix, name);
		if ((def = find_def(defs, name)) == NULL) {
			cause(out, path, "FieldValueInvalid",
			    scs_xstrdup("variable is not defined"));
			free(path);
			continue;
		}
		free(path);
		path = scs_xprintf("%s[%s].value", prefix, name);
		if (J(v, "value") == NULL)
			cause(out, path, "FieldValueRequired",
			    scs_xstrdup("Required value"));
		else
			validate(def_schema(def), J(v, "value"), path, out, 0);
		free(path);
	}
	return (out->n - before);
}
