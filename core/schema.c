/*
 * schema.c: the ClusterClass variable schema subset: which definitions a
 * class offers, defaulting like the API server's structural defaulting,
 * a read-only walk of a schema tree and value building for forms
 * (DOMAIN.md 6 and 7). Validation is in schema-validate.c.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "scs/model.h"
#include "scs/schema.h"
#include "scs/util.h"

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
	const cJSON	*st = J(cc, "status"), *v, *d, *md;
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
		if (cJSON_IsArray(J(J(cc, "spec"), "variables")))
			return (cJSON_Duplicate(J(J(cc, "spec"), "variables"),
			    1));
		return (cJSON_CreateArray());
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
		if ((md = J(d, "metadata")) != NULL ||
		    (md = J(d, "deprecatedV1Beta1Metadata")) != NULL)
			cJSON_AddItemToObject(x, "metadata",
			    cJSON_Duplicate(md, 1));
		cJSON_AddItemToArray(out, x);
	}
	return (out);
}

static const cJSON *
def_schema(const cJSON *def)
{
	return (J(J(def, "schema"), "openAPIV3Schema"));
}

/* --- defaulting ------------------------------------------------------ */

/*
 * apiextensions' structural defaulting: for each property with a default
 * that is missing (or null while not nullable) set a copy, then recurse
 * into every field by its property schema or the additionalProperties
 * schema, and into array items. Composition branches are value
 * validation only and never default.
 */
static void
default_nested(const cJSON *schema, cJSON *value, int depth)
{
	const cJSON	*p, *def, *add;
	cJSON		*item;

	if (!cJSON_IsObject(schema) || value == NULL ||
	    depth > SCS_SCHEMA_MAX_DEPTH)
		return;
	if (cJSON_IsObject(value)) {
		cJSON_ArrayForEach(p, J(schema, "properties")) {
			if ((def = J(p, "default")) == NULL)
				continue;
			item = J(value, p->string);
			if (item != NULL && !(cJSON_IsNull(item) &&
			    !cJSON_IsTrue(J(p, "nullable"))))
				continue;
			if (cJSON_IsNull(def) && !cJSON_IsTrue(J(p,
			    "nullable"))) {
				cJSON_DeleteItemFromObjectCaseSensitive(value,
				    p->string);
				continue;
			}
			if (item != NULL)
				cJSON_ReplaceItemInObjectCaseSensitive(value,
				    p->string, cJSON_Duplicate(def, 1));
			else
				cJSON_AddItemToObject(value, p->string,
				    cJSON_Duplicate(def, 1));
		}
		add = J(schema, "additionalProperties");
		cJSON_ArrayForEach(item, value) {
			if ((p = J(J(schema, "properties"), item->string)) !=
			    NULL)
				default_nested(p, item, depth + 1);
			else if (cJSON_IsObject(add))
				default_nested(add, item, depth + 1);
		}
	} else if (cJSON_IsArray(value)) {
		cJSON_ArrayForEach(item, value)
			default_nested(J(schema, "items"), item, depth + 1);
	}
}

void
scs_schema_default_value(const cJSON *schema, cJSON *value)
{
	default_nested(schema, value, 0);
}

int
scs_schema_default(const cJSON *defs, cJSON *values)
{
	const cJSON	*d, *s, *def;
	cJSON		*v, *val;
	int		 added = 0;

	if (!cJSON_IsArray(values))
		return (0);
	cJSON_ArrayForEach(d, defs) {
		if (cJSON_GetStringValue(J(d, "name")) == NULL)
			continue;
		s = def_schema(d);
		def = J(s, "default");
		v = (cJSON *)scs_jnamed(values, cJSON_GetStringValue(J(d,
		    "name")));
		if (v == NULL && def != NULL) {
			v = cJSON_CreateObject();
			cJSON_AddStringToObject(v, "name",
			    cJSON_GetStringValue(J(d, "name")));
			cJSON_AddItemToObject(v, "value",
			    cJSON_Duplicate(def, 1));
			cJSON_AddItemToArray(values, v);
			added++;
		} else if (v != NULL && def != NULL && cJSON_IsNull(J(v,
		    "value")) && !cJSON_IsTrue(J(s, "nullable")))
			cJSON_ReplaceItemInObjectCaseSensitive(v, "value",
			    cJSON_Duplicate(def, 1));
		if (v != NULL && (val = J(v, "value")) != NULL)
			default_nested(s, val, 0);
	}
	return (added);
}

/* --- walking --------------------------------------------------------- */

const char *
scs_schema_type_name(enum scs_schema_type t)
{
	static const char *const names[] = { "any", "object", "map", "array",
	    "string", "integer", "number", "boolean", "int-or-string" };

	if ((size_t)t >= sizeof names / sizeof names[0])
		return ("any");
	return (names[t]);
}

static enum scs_schema_type
node_type(const cJSON *s)
{
	const char	*t = cJSON_GetStringValue(J(s, "type"));

	if (cJSON_IsTrue(J(s, "x-kubernetes-int-or-string")))
		return (SCS_SCHEMA_INT_OR_STRING);
	if (t == NULL) {
		if (J(s, "properties") != NULL)
			return (SCS_SCHEMA_OBJECT);
		if (cJSON_IsObject(J(s, "additionalProperties")))
			return (SCS_SCHEMA_MAP);
		if (J(s, "items") != NULL)
			return (SCS_SCHEMA_ARRAY);
		return (SCS_SCHEMA_ANY);
	}
	if (strcmp(t, "object") == 0)
		return (J(s, "properties") == NULL && cJSON_IsObject(J(s,
		    "additionalProperties")) ? SCS_SCHEMA_MAP :
		    SCS_SCHEMA_OBJECT);
	if (strcmp(t, "array") == 0)
		return (SCS_SCHEMA_ARRAY);
	if (strcmp(t, "string") == 0)
		return (SCS_SCHEMA_STRING);
	if (strcmp(t, "integer") == 0)
		return (SCS_SCHEMA_INTEGER);
	if (strcmp(t, "number") == 0)
		return (SCS_SCHEMA_NUMBER);
	if (strcmp(t, "boolean") == 0)
		return (SCS_SCHEMA_BOOLEAN);
	return (SCS_SCHEMA_ANY);
}

static const cJSON *
object_or_null(const cJSON *o)
{
	return (cJSON_IsObject(o) ? o : NULL);
}

static const cJSON *
array_or_null(const cJSON *o)
{
	return (cJSON_IsArray(o) ? o : NULL);
}

void
scs_schema_node(const cJSON *s, struct scs_schema_node *n)
{
	const cJSON	*xm = J(s, "x-metadata");

	memset(n, 0, sizeof *n);
	if (!cJSON_IsObject(s))
		s = NULL;
	n->schema = s;
	n->type = node_type(s);
	n->description = cJSON_GetStringValue(J(s, "description"));
	n->format = cJSON_GetStringValue(J(s, "format"));
	n->def = J(s, "default");
	n->example = J(s, "example");
	n->enumv = array_or_null(J(s, "enum"));
	n->labels = object_or_null(J(xm, "labels"));
	n->annotations = object_or_null(J(xm, "annotations"));
	n->rules = array_or_null(J(s, "x-kubernetes-validations"));
	n->all_of = array_or_null(J(s, "allOf"));
	n->one_of = array_or_null(J(s, "oneOf"));
	n->any_of = array_or_null(J(s, "anyOf"));
	n->not_of = object_or_null(J(s, "not"));
	n->nullable = cJSON_IsTrue(J(s, "nullable"));
	n->preserve_unknown = cJSON_IsTrue(J(s,
	    "x-kubernetes-preserve-unknown-fields")) ||
	    cJSON_IsTrue(J(s, "additionalProperties"));
	if (cJSON_IsObject(J(s, "properties")))
		n->nchildren = (size_t)cJSON_GetArraySize(J(s, "properties"));
}

int
scs_schema_var(const cJSON *defs, size_t i, struct scs_schema_node *n)
{
	const cJSON	*d = NULL, *md;
	size_t		 k = 0;

	cJSON_ArrayForEach(d, defs) {
		if (k++ == i)
			break;
	}
	if (d == NULL)
		return (-1);
	scs_schema_node(def_schema(d), n);
	n->name = cJSON_GetStringValue(J(d, "name"));
	n->required = cJSON_IsTrue(J(d, "required"));
	if ((md = J(d, "metadata")) == NULL)		/* v1beta2 spec */
		md = J(d, "deprecatedV1Beta1Metadata");
	if (n->labels == NULL)
		n->labels = object_or_null(J(md, "labels"));
	if (n->annotations == NULL)
		n->annotations = object_or_null(J(md, "annotations"));
	return (0);
}

static int
is_required(const cJSON *s, const char *name)
{
	const cJSON	*r;

	cJSON_ArrayForEach(r, J(s, "required")) {
		if (scs_streq(cJSON_GetStringValue(r), name))
			return (1);
	}
	return (0);
}

int
scs_schema_child(const cJSON *s, size_t i, struct scs_schema_node *n)
{
	const cJSON	*p = NULL;
	size_t		 k = 0;

	if (!cJSON_IsObject(J(s, "properties")))
		return (-1);
	cJSON_ArrayForEach(p, J(s, "properties")) {
		if (k++ == i)
			break;
	}
	if (p == NULL)
		return (-1);
	scs_schema_node(p, n);
	n->name = p->string;
	/* required on an array schema (a real quirk) means nothing. */
	n->required = cJSON_IsArray(J(s, "required")) && is_required(s,
	    p->string);
	return (0);
}

int
scs_schema_prop(const cJSON *s, const char *name, struct scs_schema_node *n)
{
	const cJSON	*p = J(J(s, "properties"), name);

	if (p == NULL || name == NULL)
		return (-1);
	scs_schema_node(p, n);
	n->name = p->string;
	n->required = is_required(s, name);
	return (0);
}

const cJSON *
scs_schema_items(const cJSON *s)
{
	return (object_or_null(J(s, "items")));
}

const cJSON *
scs_schema_values(const cJSON *s)
{
	return (object_or_null(J(s, "additionalProperties")));
}

int
scs_schema_rule(const cJSON *s, size_t i, const char **rule,
    const char **message)
{
	const cJSON	*r = cJSON_GetArrayItem(J(s,
			    "x-kubernetes-validations"), (int)i);
	const char	*m;

	if (r == NULL || !cJSON_IsArray(J(s, "x-kubernetes-validations")))
		return (-1);
	*rule = cJSON_GetStringValue(J(r, "rule"));
	if ((m = cJSON_GetStringValue(J(r, "message"))) == NULL)
		m = cJSON_GetStringValue(J(r, "messageExpression"));
	*message = m;
	return (0);
}

/* --- constraints as text --------------------------------------------- */

static void
sep(struct scs_buf *b)
{
	if (b->len != 0)
		scs_buf_adds(b, ", ");
}

/* "1–5 items", "at least 1 item", "at most 3 items". */
static void
range_text(struct scs_buf *b, const cJSON *lo, const cJSON *hi,
    const char *one, const char *many)
{
	char	 l[32], h[32];

	if (!cJSON_IsNumber(lo))
		lo = NULL;
	if (!cJSON_IsNumber(hi))
		hi = NULL;
	if (lo == NULL && hi == NULL)
		return;
	sep(b);
	if (lo != NULL)
		core_schema_num(lo->valuedouble, l, sizeof l);
	if (hi != NULL)
		core_schema_num(hi->valuedouble, h, sizeof h);
	if (lo != NULL && hi != NULL && lo->valuedouble == hi->valuedouble)
		scs_buf_printf(b, "exactly %s %s", l, hi->valuedouble == 1 ?
		    one : many);
	else if (lo != NULL && hi != NULL)
		scs_buf_printf(b, "%s\xe2\x80\x93%s %s", l, h, many);
	else if (lo != NULL)
		scs_buf_printf(b, "at least %s %s", l, lo->valuedouble == 1 ?
		    one : many);
	else
		scs_buf_printf(b, "at most %s %s", h, hi->valuedouble == 1 ?
		    one : many);
}

static void
bounds_text(struct scs_buf *b, const cJSON *s)
{
	const cJSON	*lo = J(s, "minimum"), *hi = J(s, "maximum");
	int		 exlo = cJSON_IsTrue(J(s, "exclusiveMinimum"));
	int		 exhi = cJSON_IsTrue(J(s, "exclusiveMaximum"));
	char		 l[32], h[32];

	if (cJSON_IsNumber(lo))
		core_schema_num(lo->valuedouble, l, sizeof l);
	if (cJSON_IsNumber(hi))
		core_schema_num(hi->valuedouble, h, sizeof h);
	if (cJSON_IsNumber(lo) && cJSON_IsNumber(hi) && !exlo && !exhi) {
		sep(b);
		scs_buf_printf(b, "%s\xe2\x80\x93%s", l, h);
		return;
	}
	if (cJSON_IsNumber(lo)) {
		sep(b);
		scs_buf_printf(b, "%s %s", exlo ? ">" : "\xe2\x89\xa5", l);
	}
	if (cJSON_IsNumber(hi)) {
		sep(b);
		scs_buf_printf(b, "%s %s", exhi ? "<" : "\xe2\x89\xa4", h);
	}
}

char *
scs_schema_constraints(const cJSON *s)
{
	struct scs_buf	 b;
	const char	*pat, *fmt;
	int		 n;

	if (!cJSON_IsObject(s))
		return (NULL);
	scs_buf_init(&b, 0);
	bounds_text(&b, s);
	range_text(&b, J(s, "minLength"), J(s, "maxLength"), "char", "chars");
	if ((pat = cJSON_GetStringValue(J(s, "pattern"))) != NULL) {
		sep(&b);
		scs_buf_printf(&b, "pattern %s", pat);
	}
	/* format only means something on strings (scs2 puts it on arrays) */
	fmt = cJSON_GetStringValue(J(s, "format"));
	if (fmt != NULL && *fmt != '\0' && node_type(s) != SCS_SCHEMA_ARRAY &&
	    node_type(s) != SCS_SCHEMA_OBJECT) {
		sep(&b);
		scs_buf_printf(&b, "format %s", fmt);
	}
	range_text(&b, J(s, "minItems"), J(s, "maxItems"), "item", "items");
	if (cJSON_IsTrue(J(s, "uniqueItems"))) {
		sep(&b);
		scs_buf_adds(&b, "unique");
	}
	range_text(&b, J(s, "minProperties"), J(s, "maxProperties"),
	    "property", "properties");
	if ((n = cJSON_GetArraySize(J(s, "allOf"))) > 0) {
		sep(&b);
		scs_buf_printf(&b, "all of %d schema%s", n, n == 1 ? "" : "s");
	}
	if ((n = cJSON_GetArraySize(J(s, "oneOf"))) > 0) {
		sep(&b);
		scs_buf_printf(&b, "one of %d schema%s", n, n == 1 ? "" : "s");
	}
	if ((n = cJSON_GetArraySize(J(s, "anyOf"))) > 0) {
		sep(&b);
		scs_buf_printf(&b, "any of %d schema%s", n, n == 1 ? "" : "s");
	}
	if (cJSON_IsObject(J(s, "not"))) {
		sep(&b);
		scs_buf_adds(&b, "not a schema");
	}
	if (cJSON_IsTrue(J(s, "nullable"))) {
		sep(&b);
		scs_buf_adds(&b, "nullable");
	}
	if (b.len == 0) {
		scs_buf_done(&b);
		return (NULL);
	}
	return (scs_buf_steal(&b));
}

/* --- building values ------------------------------------------------- */

int
scs_schema_is_default(const cJSON *s, const cJSON *value)
{
	cJSON	*d, *v;
	int	 same;

	if (value == NULL || J(s, "default") == NULL)
		return (0);
	d = cJSON_Duplicate(J(s, "default"), 1);
	v = cJSON_Duplicate(value, 1);
	default_nested(s, d, 0);
	default_nested(s, v, 0);
	same = cJSON_Compare(d, v, 1);
	cJSON_Delete(d);
	cJSON_Delete(v);
	return (same);
}

cJSON *
scs_schema_initial(const cJSON *s)
{
	cJSON	*v;

	if (J(s, "default") != NULL)
		v = cJSON_Duplicate(J(s, "default"), 1);
	else {
		switch (node_type(s)) {
		case SCS_SCHEMA_OBJECT:
		case SCS_SCHEMA_MAP:
			v = cJSON_CreateObject();
			break;
		case SCS_SCHEMA_ARRAY:
			v = cJSON_CreateArray();
			break;
		default:
			return (NULL);
		}
	}
	default_nested(s, v, 0);
	return (v);
}

static int
integer_text(const char *text, double *out)
{
	char		*end;
	long long	 x;

	errno = 0;
	x = strtoll(text, &end, 10);
	if (end == text || *end != '\0' || errno != 0)
		return (0);
	*out = (double)x;
	return (1);
}

/* text is what the user typed (for messages), p the trimmed copy. */
static cJSON *
parse_value(enum scs_schema_type t, const char *p, const char *text,
    char **cause)
{
	const char	*jend;
	char		*end;
	double		 d;
	cJSON		*v;

	switch (t) {
	case SCS_SCHEMA_INTEGER:
		if (!integer_text(p, &d)) {
			scs_cause(cause, "not an integer: %s", text);
			return (NULL);
		}
		return (cJSON_CreateNumber(d));
	case SCS_SCHEMA_NUMBER:
		errno = 0;
		d = strtod(p, &end);
		if (end == p || *end != '\0' || errno != 0 || !isfinite(d)) {
			scs_cause(cause, "not a number: %s", text);
			return (NULL);
		}
		return (cJSON_CreateNumber(d));
	case SCS_SCHEMA_BOOLEAN:
		if (strcmp(p, "true") == 0 || strcmp(p, "false") == 0)
			return (cJSON_CreateBool(strcmp(p, "true") == 0));
		scs_cause(cause, "not true or false: %s", text);
		return (NULL);
	case SCS_SCHEMA_INT_OR_STRING:
		if (integer_text(p, &d))
			return (cJSON_CreateNumber(d));
		return (cJSON_CreateString(text));
	default:
		break;
	}
	if ((v = cJSON_ParseWithOpts(p, &jend, 1)) != NULL) {
		if ((t == SCS_SCHEMA_ARRAY && !cJSON_IsArray(v)) ||
		    ((t == SCS_SCHEMA_OBJECT || t == SCS_SCHEMA_MAP) &&
		    !cJSON_IsObject(v))) {
			cJSON_Delete(v);
			scs_cause(cause, "not a JSON %s", t == SCS_SCHEMA_ARRAY ?
			    "array" : "object");
			return (NULL);
		}
		return (v);
	}
	if (t == SCS_SCHEMA_ANY)
		return (cJSON_CreateString(text));
	scs_cause(cause, "not valid JSON: %s", text);
	return (NULL);
}

/* Everything but strings: surrounding blanks do not count. */
static cJSON *
parse_trimmed(enum scs_schema_type t, const char *text, char **cause)
{
	const char	*p;
	char		*copy;
	size_t		 n;
	cJSON		*v;

	for (p = text; *p == ' ' || *p == '\t'; p++)
		;
	for (n = strlen(p); n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
	    p[n - 1] == '\n'); n--)
		;
	if (n == 0)
		return (NULL);
	copy = scs_xstrndup(p, n);
	v = parse_value(t, copy, text, cause);
	free(copy);
	return (v);
}

cJSON *
scs_schema_parse(const cJSON *s, const char *text, char **cause)
{
	enum scs_schema_type	 t = node_type(s);

	if (cause != NULL)
		*cause = NULL;
	if (text == NULL)
		return (NULL);
	if (t == SCS_SCHEMA_STRING)
		return (cJSON_CreateString(text));
	return (parse_trimmed(t, text, cause));
}

char *
scs_schema_text(const cJSON *v)
{
	char	*s;

	if (cJSON_IsString(v))
		return (scs_xstrdup(v->valuestring));
	if (v == NULL || (s = cJSON_PrintUnformatted(v)) == NULL)
		return (scs_xstrdup(""));
	return (s);
}
