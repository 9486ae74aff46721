/*
 * test-schema.c: variable definitions, defaulting, validation and the
 * walk/build API for forms, on every real cluster-stacks schema in
 * ../shared/fixtures/variables (skipped when absent) and on hand-written
 * cases per keyword, each with passing and failing values.
 *
 * JSON in this file is written with ' for " (see jp) to stay readable.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/schema.h"
#include "scs/util.h"
#include "../tap.h"

#define PATH	"spec.topology.variables[x].value"

/* Parse JSON written with ' instead of ". */
static cJSON *
jp(const char *text)
{
	char	*t = scs_xstrdup(text), *p;
	cJSON	*j;

	for (p = t; *p != '\0'; p++)
		if (*p == '\'')
			*p = '"';
	j = cJSON_Parse(t);
	if (j == NULL)
		diag("bad test JSON: %s", text);
	free(t);
	return (j);
}

static char *
slurp(const char *path)
{
	FILE	*f;
	char	*text;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = scs_xmalloc((size_t)n + 1);
	if (fread(text, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	text[n] = '\0';
	fclose(f);
	return (text);
}

static const cJSON *
value_of(const cJSON *vals, const char *name)
{
	const cJSON	*v;

	cJSON_ArrayForEach(v, vals) {
		if (scs_streq(cJSON_GetStringValue(cJSON_GetObjectItem(v,
		    "name")), name))
			return (cJSON_GetObjectItem(v, "value"));
	}
	return (NULL);
}

/* --- fixtures -------------------------------------------------------- */

struct walk_stats {
	size_t	 nodes, defaults, examples, bad;
};

/*
 * Walk a schema tree through the public API; every nested default and
 * example must validate against its own node.
 */
static void
walk(const char *file, const char *where, const cJSON *s, int depth,
    struct walk_stats *st)
{
	struct scs_schema_errors	 e = { NULL, 0 };
	struct scs_schema_node		 n, c;
	const char			*rule, *msg;
	char				*sub, *con;
	cJSON				*ex;
	size_t				 i;

	if (s == NULL || depth > 20)
		return;
	scs_schema_node(s, &n);
	st->nodes++;
	con = scs_schema_constraints(s);
	free(con);
	for (i = 0; scs_schema_rule(s, i, &rule, &msg) == 0; i++)
		;
	if (n.def != NULL) {
		st->defaults++;
		ex = cJSON_Duplicate(n.def, 1);
		scs_schema_default_value(s, ex);
		if (scs_schema_validate_value(s, ex, where, &e) != 0) {
			st->bad++;
			diag("%s: default: %s: %s", file, e.v[0].field,
			    e.v[0].message);
		}
		scs_schema_errors_free(&e);
		cJSON_Delete(ex);
	}
	if (n.example != NULL) {
		st->examples++;
		if (scs_schema_validate_value(s, n.example, where, &e) != 0) {
			st->bad++;
			diag("%s: example: %s: %s", file, e.v[0].field,
			    e.v[0].message);
		}
		scs_schema_errors_free(&e);
	}
	ex = scs_schema_initial(s);
	cJSON_Delete(ex);
	for (i = 0; scs_schema_child(s, i, &c) == 0; i++) {
		sub = scs_xprintf("%s.%s", where, c.name);
		walk(file, sub, c.schema, depth + 1, st);
		free(sub);
	}
	if (i != n.nchildren) {
		st->bad++;
		diag("%s: %s: %zu children walked, %zu counted", file, where,
		    i, n.nchildren);
	}
	if (scs_schema_items(s) != NULL) {
		sub = scs_xprintf("%s[0]", where);
		walk(file, sub, scs_schema_items(s), depth + 1, st);
		free(sub);
	}
	if (scs_schema_values(s) != NULL) {
		sub = scs_xprintf("%s.key", where);
		walk(file, sub, scs_schema_values(s), depth + 1, st);
		free(sub);
	}
}

/* User values against the real scs2 class: quirks pass, errors are caught. */
static void
scs2_values(const cJSON *defs)
{
	struct scs_schema_errors	 e = { NULL, 0 };
	cJSON				*vals, *want;
	size_t				 i;

	vals = jp("[{'name':'networkExternalID','value':'nope'},"
	    "{'name':'workerRootDisk','value':-1},"
	    "{'name':'workerAdditionalBlockDevices','value':[{'name':'a'},"
	    "{'sizeGiB':30}]},{'name':'securityGroupIDs','value':['x']},"
	    "{'name':'apiServerLoadBalancer','value':'anything'},"
	    "{'name':'identityRef','value':{'name':'o','extra':1}}]");
	scs_schema_default(defs, vals);
	want = jp("[{'name':'a','sizeGiB':20,'type':'__DEFAULT__'},"
	    "{'sizeGiB':30,'type':'__DEFAULT__'}]");
	ok(cJSON_Compare(value_of(vals, "workerAdditionalBlockDevices"), want,
	    1), "scs2: nested defaults inside array items");
	cJSON_Delete(want);
	scs_schema_validate(defs, vals, "spec.topology.variables", 0, &e);
	for (i = 0; i < e.n; i++)
		diag("  %s: %s", e.v[i].field, e.v[i].message);
	is_int(e.n, 3, "scs2: three causes (uuid4, minimum, unknown field)");
	if (e.n == 3) {
		is_str(e.v[0].reason, "FieldValueTypeInvalid",
		    "scs2: networkExternalID must be a uuid4");
		is_str(e.v[1].field, "spec.topology.variables[workerRootDisk]"
		    ".value", "scs2: workerRootDisk path");
		is_str(e.v[1].message, "Invalid value: \"-1\": should be "
		    "greater than or equal to 0", "scs2: workerRootDisk message");
		ok(strstr(e.v[2].message, "\"extra\" field(s) are not "
		    "specified in the variable schema of variable "
		    "\"identityRef\"") != NULL &&
		    strcmp(e.v[2].field, "spec.topology.variables[identityRef]")
		    == 0, "scs2: identityRef.extra is unknown");
	}
	scs_schema_errors_free(&e);
	cJSON_Delete(vals);
}

static void
fixture(const char *dir, const char *file)
{
	struct scs_schema_errors	 e = { NULL, 0 };
	struct scs_schema_node		 n;
	struct walk_stats		 st = { 0, 0, 0, 0 };
	char				*path, *text, *where;
	cJSON				*defs, *vals;
	const cJSON			*id;
	size_t				 i, bad = 0;
	int				 added;

	path = scs_xprintf("%s/%s", dir, file);
	text = slurp(path);
	free(path);
	defs = text != NULL ? cJSON_Parse(text) : NULL;
	free(text);
	if (!ok(cJSON_IsArray(defs), "%s: loads as a definition list", file)) {
		cJSON_Delete(defs);
		return;
	}

	/* Walk every variable; defaults and examples validate. */
	for (i = 0; scs_schema_var(defs, i, &n) == 0; i++) {
		where = scs_xprintf("spec.topology.variables[%s].value",
		    n.name != NULL ? n.name : "?");
		walk(file, where, n.schema, 0, &st);
		free(where);
	}
	is_int(i, cJSON_GetArraySize(defs), "%s: %zu variables walked", file,
	    i);
	is_int(st.bad, 0, "%s: %zu nodes; %zu defaults and %zu examples "
	    "validate", file, st.nodes, st.defaults, st.examples);

	/* The whole list defaults like the webhook and then validates. */
	vals = cJSON_CreateArray();
	added = scs_schema_default(defs, vals);
	ok(added >= 0 && cJSON_GetArraySize(vals) == added,
	    "%s: %d variables created from top-level defaults", file, added);
	scs_schema_validate(defs, vals, "spec.topology.variables", 0, &e);
	/* Only required variables without default may complain. */
	for (i = 0; i < e.n; i++) {
		if (strcmp(e.v[i].reason, "FieldValueRequired") != 0 ||
		    strcmp(e.v[i].field, "spec.topology.variables") != 0) {
			bad++;
			diag("%s: %s", e.v[i].field, e.v[i].message);
		}
	}
	is_int(bad, 0, "%s: every defaulted variable validates", file);
	scs_schema_errors_free(&e);
	/* Defaulting twice changes nothing. */
	{
		cJSON	*again = cJSON_Duplicate(vals, 1);

		scs_schema_default(defs, again);
		ok(cJSON_Compare(again, vals, 1), "%s: defaulting is "
		    "idempotent", file);
		cJSON_Delete(again);
	}
	if (strstr(file, "openstack-scs2") != NULL) {
		id = value_of(vals, "identityRef");
		is_str(cJSON_GetStringValue(cJSON_GetObjectItem(id,
		    "name")), "openstack",
		    "scs2 nested default identityRef.name");
		is_str(cJSON_GetStringValue(cJSON_GetObjectItem(id,
		    "cloudName")), "openstack",
		    "scs2 nested default identityRef.cloudName");
		ok(value_of(vals, "networkMTU") == NULL,
		    "no default, no variable");
		scs2_values(defs);
	}
	cJSON_Delete(vals);
	cJSON_Delete(defs);
}

static int
namecmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

static void
test_fixtures(void)
{
	const char	*root = getenv("SCS_FIXTURES");
	char		*dir, **names = NULL;
	size_t		 n = 0, i;
	DIR		*d;
	struct dirent	*de;

	dir = scs_xprintf("%s/variables", root != NULL ? root : ".");
	if (root == NULL || (d = opendir(dir)) == NULL) {
		skip("%s absent", dir);
		free(dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (!scs_strsuffix(de->d_name, ".json"))
			continue;
		names = scs_xreallocarray(names, n + 1, sizeof *names);
		names[n++] = scs_xstrdup(de->d_name);
	}
	closedir(d);
	if (n == 0)
		skip("no variable lists in %s", dir);
	else
		qsort(names, n, sizeof *names, namecmp);
	for (i = 0; i < n; i++) {
		fixture(dir, names[i]);
		free(names[i]);
	}
	free(names);
	free(dir);
}

/* --- keywords -------------------------------------------------------- */

/*
 * Validate value against schema at PATH: want_reason NULL = must pass;
 * else the first cause must have that reason and contain want_msg, and
 * (if want_field) that field.
 */
static void
check_at(const char *schema, const char *value, const char *want_reason,
    const char *want_msg, const char *want_field)
{
	struct scs_schema_errors	 e = { NULL, 0 };
	cJSON				*s = jp(schema), *v = jp(value);
	size_t				 n, i;

	n = scs_schema_validate_value(s, v, PATH, &e);
	for (i = 0; want_reason != NULL && i < e.n; i++)
		if (strcmp(e.v[i].reason, want_reason) == 0 &&
		    strstr(e.v[i].message, want_msg) != NULL &&
		    (want_field == NULL || strcmp(e.v[i].field,
		    want_field) == 0))
			break;
	if (want_reason == NULL)
		ok(n == 0, "%s accepts %s%s%s", schema, value,
		    n != 0 ? ": " : "", n != 0 ? e.v[0].message : "");
	else if (!ok(i < e.n, "%s refuses %s: %s", schema, value, want_msg))
		for (i = 0; i < e.n; i++)
			diag("  got: %s %s: %s", e.v[i].reason, e.v[i].field,
			    e.v[i].message);
	scs_schema_errors_free(&e);
	cJSON_Delete(s);
	cJSON_Delete(v);
}

static void
check(const char *schema, const char *value, const char *want_reason,
    const char *want_msg)
{
	check_at(schema, value, want_reason, want_msg, NULL);
}

/* Exactly n causes. */
static void
check_n(const char *schema, const char *value, size_t want)
{
	struct scs_schema_errors	 e = { NULL, 0 };
	cJSON				*s = jp(schema), *v = jp(value);
	size_t				 n, i;

	n = scs_schema_validate_value(s, v, PATH, &e);
	if (!ok(n == want, "%s on %s: %zu causes", schema, value, want))
		for (i = 0; i < e.n; i++)
			diag("  %s: %s", e.v[i].field, e.v[i].message);
	scs_schema_errors_free(&e);
	cJSON_Delete(s);
	cJSON_Delete(v);
}

static void
test_types(void)
{
	check("{'type':'integer'}", "'3'", "FieldValueTypeInvalid",
	    "Invalid value: \"\\\"3\\\"\": must be of type integer: "
	    "\"string\"");
	check("{'type':'integer'}", "3", NULL, NULL);
	check("{'type':'integer'}", "3.5", "FieldValueTypeInvalid",
	    "must be of type integer");
	check("{'type':'number'}", "3.5", NULL, NULL);
	check("{'type':'number'}", "3", NULL, NULL);
	check("{'type':'number'}", "true", "FieldValueTypeInvalid",
	    "must be of type number");
	check("{'type':'boolean'}", "false", NULL, NULL);
	check("{'type':'boolean'}", "'false'", "FieldValueTypeInvalid",
	    "must be of type boolean");
	check("{'type':'string'}", "''", NULL, NULL);
	check("{'type':'string'}", "null", "FieldValueTypeInvalid",
	    "Invalid value: \"null\": must be of type string: \"null\"");
	check("{'type':'string','nullable':true}", "null", NULL, NULL);
	check("{'type':'array'}", "{}", "FieldValueTypeInvalid",
	    "must be of type array");
	check("{'type':'object'}", "[]", "FieldValueTypeInvalid",
	    "must be of type object");
	check("{}", "[1,{'a':2}]", NULL, NULL);		/* untyped: any */
	/* description and example never validate anything */
	check("{'type':'string','description':'d','example':5}", "'x'",
	    NULL, NULL);
	/* int-or-string, with and without a type */
	check("{'x-kubernetes-int-or-string':true}", "'50%'", NULL, NULL);
	check("{'x-kubernetes-int-or-string':true}", "50", NULL, NULL);
	check("{'x-kubernetes-int-or-string':true}", "true",
	    "FieldValueTypeInvalid", "must be of type integer,string");
	check("{'x-kubernetes-int-or-string':true}", "1.5",
	    "FieldValueTypeInvalid", "integer,string");
	check("{'x-kubernetes-int-or-string':true,'anyOf':[{'type':'integer'},"
	    "{'type':'string'}]}", "'25%'", NULL, NULL);
}

static void
test_enum(void)
{
	check("{'type':'string','enum':['a','b']}", "'a'", NULL, NULL);
	check("{'type':'string','enum':['a','b']}", "'x'",
	    "FieldValueNotSupported",
	    "Unsupported value: \"\\\"x\\\"\": supported values: \"a\", "
	    "\"b\"");
	check("{'type':'integer','enum':[1,2]}", "3", "FieldValueNotSupported",
	    "Unsupported value: \"3\": supported values: \"1\", \"2\"");
	check("{'type':'integer','enum':[1,2]}", "2", NULL, NULL);
	check("{'type':'object','x-kubernetes-preserve-unknown-fields':true,"
	    "'enum':[{'a':1}]}", "{'a':1}", NULL, NULL);
	check("{'enum':[]}", "'anything'", NULL, NULL);	/* empty: no check */
}

static void
test_numbers(void)
{
	check_at("{'type':'integer','maximum':2}", "3", "FieldValueInvalid",
	    "Invalid value: \"3\": should be less than or equal to 2", PATH);
	check("{'type':'integer','maximum':2}", "2", NULL, NULL);
	check("{'type':'integer','minimum':1}", "0", "FieldValueInvalid",
	    "Invalid value: \"0\": should be greater than or equal to 1");
	check("{'type':'integer','minimum':1}", "1", NULL, NULL);
	check("{'type':'integer','minimum':0}", "0", NULL, NULL);
	check("{'type':'integer','maximum':10,'exclusiveMaximum':true}",
	    "10", "FieldValueInvalid", "should be less than 10");
	check("{'type':'integer','maximum':10,'exclusiveMaximum':true}",
	    "9", NULL, NULL);
	check("{'type':'integer','minimum':0,'exclusiveMinimum':true}", "0",
	    "FieldValueInvalid", "Invalid value: \"0\": should be greater than 0");
	check("{'type':'integer','minimum':0,'exclusiveMinimum':true}", "1",
	    NULL, NULL);
	check("{'type':'number','maximum':1.5}", "1.75", "FieldValueInvalid",
	    "Invalid value: \"1.75\": should be less than or equal to 1.5");
	check("{'type':'integer','maximum':1000000}", "1000001",
	    "FieldValueInvalid", "less than or equal to 1e+06");
	check_n("{'type':'integer','minimum':5,'maximum':1}", "3", 2);
}

static void
test_strings(void)
{
	check_at("{'type':'string','maxLength':3}", "'abcd'",
	    "FieldValueTooLong", "Too long: may not be longer than 3", PATH);
	check("{'type':'string','maxLength':3}", "'abc'", NULL, NULL);
	check("{'type':'string','minLength':2}", "'a'", "FieldValueInvalid",
	    "Invalid value: \"\\\"a\\\"\": should be at least 2 chars long");
	check("{'type':'string','minLength':2}", "'\xc3\xa4\xc3\xa4'", NULL,
	    NULL);
	check("{'type':'string','maxLength':1}", "'\xc3\xa4'", NULL, NULL);
	check("{'type':'string','pattern':'^[a-z]+\\\\d$'}", "'abc1'", NULL,
	    NULL);
	check("{'type':'string','pattern':'^[a-z]+\\\\d$'}", "'abc'",
	    "FieldValueInvalid", "Invalid value: \"\\\"abc\\\"\": should "
	    "match '^[a-z]+\\d$'");
	check("{'type':'string','pattern':'^(?:v)?\\\\d+\\\\.\\\\d+$'}",
	    "'v1.27'", NULL, NULL);
	check("{'type':'string','pattern':'^(?:v)?\\\\d+\\\\.\\\\d+$'}",
	    "'v1x27'", "FieldValueInvalid", "should match");
	check("{'type':'string','pattern':'^[^\\\\s]+$'}", "'a b'",
	    "FieldValueInvalid", "should match");
	check("{'type':'string','pattern':'\\\\S'}", "'  '",
	    "FieldValueInvalid", "should match");
	/* unanchored: a match anywhere will do */
	check("{'type':'string','pattern':'[0-9]'}", "'ab3c'", NULL, NULL);
	/* what ERE cannot express is left to the server */
	check("{'type':'string','pattern':'^(?!x).*$'}", "'xyz'", NULL, NULL);
	check("{'type':'string','pattern':'^a+?$'}", "'b'", NULL, NULL);
	/* nested repetition: refused by Go, exponential in glibc (the
	 * schema fuzzer's timeout); left to the server, at once */
	{
		char	 sch[512];
		size_t	 n;

		n = (size_t)snprintf(sch, sizeof sch, "%s",
		    "{'type':'string','pattern':'^\\\\d");
		memset(sch + n, '*', 300);
		snprintf(sch + n + 300, sizeof sch - n - 300, "SS'}");
		check(sch, "'dd'", NULL, NULL);
	}
	check("{'type':'string','pattern':'^a{2}*$'}", "'b'", NULL, NULL);
	check("{'type':'string','pattern':'^a+{2}$'}", "'b'", NULL, NULL);
	/* a string with a quote shows Go-quoted */
	check("{'type':'string','enum':['a']}", "'x\\\"y'",
	    "FieldValueNotSupported",
	    "Unsupported value: \"\\\"x\\\\\\\"y\\\"\"");
}

static void
test_formats(void)
{
	static const struct {
		const char	*format, *good, *bad;
	} f[] = {
		{ "ipv4", "9.9.9.9", "9.9.9.256" },
		{ "ipv4", "10.0.0.1", "10.0.0" },
		{ "ipv4", "192.168.1.1", "010.0.0.1" },
		{ "ipv6", "2001:db8::1", "2001:db8:::1" },
		{ "ipv6", "::ffff:1.2.3.4", "1.2.3.4" },
		{ "cidr", "10.8.0.0/20", "10.8.0.0/33" },
		{ "cidr", "2001:db8::/32", "2001:db8::/129" },
		{ "cidr", "10.0.0.0/0", "10.0.0.0" },
		{ "uuid", "ebfe5546-f09f-4f42-ab54-094e457d42ec", "nope" },
		{ "uuid", "EBFE5546F09F4F42AB54094E457D42EC",
		    "ebfe5546-f09f-4f42-ab54-094e457d42e" },
		{ "uuid4", "869fe071-1e56-46a9-9166-47c9f228e297",
		    "869fe071-1e56-16a9-9166-47c9f228e297" },
		{ "uuid4", "9ae2f488-30a3-4629-bd51-07acb8eb4278",
		    "9ae2f488-30a3-4629-cd51-07acb8eb4278" },
		{ "uuid3", "a3bb189e-8bf9-3888-9912-ace4e6543002",
		    "a3bb189e-8bf9-4888-9912-ace4e6543002" },
		{ "uuid5", "74738ff5-5367-5958-9aee-98fffdcd1876",
		    "74738ff5-5367-4958-9aee-98fffdcd1876" },
		{ "hostname", "api.example.com", "-bad.example.com" },
		{ "hostname", "localhost", "a..b" },
		{ "hostname", "node-1.k8s.scs.community", "example.c" },
		{ "date-time", "2026-01-02T03:04:05Z", "2026-13-02T03:04:05Z" },
		{ "date-time", "2026-01-02T03:04:05.5+01:00", "yesterday" },
		{ "datetime", "2026-01-02T03:04:05", "2026-01-02" },
		{ "date", "2024-02-29", "2023-02-29" },
		{ "duration", "1h30m", "soon" },
		{ "duration", "3 days", "" },
		{ "mac", "00:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d" },
		{ "email", "ops@example.com", "ops.example.com" },
		{ "uri", "https://dex.k8s.scs.community", "not a uri" },
		{ "byte", "aGVsbG8=", "aGVsbG8" },
		{ "hexcolor", "#a0b1c2", "#a0b1c" },
		{ "rgbcolor", "rgb(1, 2, 3)", "rgb(1,2,300)" },
		{ "ssn", "123-45-6789", "123-456-789" },
	};
	char	 s[160], good[160], bad[160];
	size_t	 i;

	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		snprintf(s, sizeof s, "{'type':'string','format':'%s'}",
		    f[i].format);
		snprintf(good, sizeof good, "'%s'", f[i].good);
		snprintf(bad, sizeof bad, "'%s'", f[i].bad);
		check(s, good, NULL, NULL);
		snprintf(good, sizeof good, "must be of type %s", f[i].format);
		check(s, bad, "FieldValueTypeInvalid", good);
	}
	/* Unknown formats are accepted; names ignore '-', not case. */
	check("{'type':'string','format':'no-such-format'}", "'x'", NULL,
	    NULL);
	check("{'type':'string','format':'int32'}", "'x'", NULL, NULL);
	check("{'type':'string','format':'uuid-4'}", "'x'",
	    "FieldValueTypeInvalid", "must be of type uuid-4");
	check("{'type':'string','format':'UUID'}", "'x'", NULL, NULL);
	/* Quirk (scs2): format on an array applies to nothing. */
	check("{'type':'array','format':'uuid4','items':{'type':'string'}}",
	    "['not-a-uuid']", NULL, NULL);
	check("{'type':'integer','format':'int64'}", "5", NULL, NULL);
}

static void
test_objects(void)
{
	check_at("{'type':'object','required':['image'],'properties':"
	    "{'image':{'type':'string'}}}", "{}", "FieldValueRequired",
	    "Required value", PATH ".image");
	check("{'type':'object','required':['image'],'properties':"
	    "{'image':{'type':'string'}}}", "{'image':'x'}", NULL, NULL);
	/* properties: nested paths */
	check_at("{'type':'object','properties':{'foo':{'type':'integer',"
	    "'maximum':2}}}", "{'foo':3}", "FieldValueInvalid",
	    "Invalid value: \"{\\\"foo\\\":3}\": foo in body should be less "
	    "than or equal to 2", PATH ".foo");
	/* additionalProperties as a schema (a map) */
	check_at("{'type':'object','additionalProperties':{'type':"
	    "'string'}}", "{'k':1}", "FieldValueTypeInvalid",
	    "must be of type string", PATH ".k");
	check("{'type':'object','additionalProperties':{'type':'string'}}",
	    "{'k':'v','l':'w'}", NULL, NULL);
	/* additionalProperties true keeps anything, false prunes */
	check("{'type':'object','additionalProperties':true}", "{'k':[1]}",
	    NULL, NULL);
	check("{'type':'object','properties':{'a':{'type':'string'}},"
	    "'additionalProperties':false}", "{'a':'x','b':1}",
	    "FieldValueInvalid", "\"b\" field(s) are not specified");
	/* min/maxProperties */
	check_at("{'type':'object','additionalProperties':{'type':'integer'},"
	    "'maxProperties':2}", "{'a':1,'b':2,'c':3}", "FieldValueTooMany",
	    "Too many: \"{\\\"a\\\":1,\\\"b\\\":2,\\\"c\\\":3}\": must "
	    "have at most 2 items", PATH);
	check("{'type':'object','additionalProperties':{'type':'integer'},"
	    "'maxProperties':2}", "{'a':1,'b':2}", NULL, NULL);
	check("{'type':'object','additionalProperties':{'type':'integer'},"
	    "'minProperties':1}", "{}", "FieldValueInvalid",
	    "Invalid value: \"{}\": should have at least 1 properties");
	check("{'type':'object','additionalProperties':{'type':'integer'},"
	    "'minProperties':1}", "{'a':1}", NULL, NULL);
	/* unknown fields: one cause at the value, sorted, relative paths */
	check_at("{'type':'object','properties':{'a':{'type':'object',"
	    "'properties':{'b':{'type':'string'}}}}}",
	    "{'zz':1,'a':{'b':'x','c':2}}", "FieldValueInvalid",
	    ": failed validation: \"a.c,zz\" field(s) are not specified in "
	    "the variable schema", PATH);
	/* ... and only when the schema checks passed, as in CAPI */
	check_n("{'type':'object','properties':{'a':{'type':'string'}}}",
	    "{'a':1,'zz':1}", 1);
	/* free-form object without preserve-unknown-fields is pruned */
	check("{'type':'object'}", "{'a':1}", "FieldValueInvalid",
	    "\"a\" field(s) are not specified");
	check("{'type':'object'}", "{}", NULL, NULL);
	/* preserve-unknown-fields keeps unknown fields below it too */
	check("{'type':'object','x-kubernetes-preserve-unknown-fields':true,"
	    "'properties':{'a':{'type':'string'}}}", "{'zz':{'y':1}}", NULL,
	    NULL);
	check("{'type':'object','x-kubernetes-preserve-unknown-fields':true,"
	    "'properties':{'a':{'type':'string'}}}", "{'a':1}",
	    "FieldValueTypeInvalid", "must be of type string");
	/* known properties below a preserving node are still pruned */
	check("{'type':'object','x-kubernetes-preserve-unknown-fields':true,"
	    "'properties':{'a':{'type':'object','properties':{}}}}",
	    "{'a':{'q':1}}", "FieldValueInvalid", "\"a.q\" field(s)");
}

static void
test_arrays(void)
{
	check("{'type':'array','items':{'type':'string'}}", "['a','b']",
	    NULL, NULL);
	check_at("{'type':'array','items':{'type':'string'}}", "['a',2]",
	    "FieldValueTypeInvalid", "[1] in body must be of type string: "
	    "\"integer\"", PATH ".[1]");
	check("{'type':'array','minItems':1,'items':{'type':'string'}}", "[]",
	    "FieldValueInvalid", "Invalid value: \"[]\": should have at least 1 "
	    "items");
	check("{'type':'array','minItems':1,'items':{'type':'string'}}",
	    "['a']", NULL, NULL);
	check_at("{'type':'array','maxItems':3,'items':{'type':'integer'}}",
	    "[1,2,3,4,5]", "FieldValueTooMany",
	    "Too many: \"[1,2,3,4,5]\": must have at most 3 items", PATH);
	check("{'type':'array','maxItems':1,'items':{'type':'integer'}}",
	    "[1,2]", "FieldValueTooMany", "must have at most 1 item");
	check("{'type':'array','maxItems':3,'items':{'type':'integer'}}",
	    "[1,2,3]", NULL, NULL);
	check_at("{'type':'array','uniqueItems':true,'items':{'type':"
	    "'string'}}", "['a','b','a']", "FieldValueInvalid",
	    "shouldn't contain duplicates", PATH);
	check("{'type':'array','uniqueItems':true,'items':{'type':"
	    "'string'}}", "['a','b']", NULL, NULL);
	check("{'type':'array','uniqueItems':true,'items':{'type':'object',"
	    "'x-kubernetes-preserve-unknown-fields':true}}",
	    "[{'a':1},{'a':1}]", "FieldValueInvalid", "shouldn't contain "
	    "duplicates");
	/* nested: items of objects */
	check_at("{'type':'array','items':{'type':'object','required':['name'],"
	    "'properties':{'name':{'type':'string'}}}}", "[{'name':'a'},{}]",
	    "FieldValueRequired", "Required value", PATH ".[1].name");
	check_at("{'type':'array','items':{'type':'object','properties':{"
	    "'name':{'type':'string'}}}}", "[{'name':'a','x':1}]",
	    "FieldValueInvalid", "\"[0].x\" field(s)", PATH);
	/* Quirk (scs2): required on the array schema means nothing. */
	check("{'type':'array','required':['name'],'items':{'type':'object',"
	    "'properties':{'name':{'type':'string'}}}}", "[{'name':'a'},{}]",
	    NULL, NULL);
}

static void
test_composition(void)
{
	const char	*one = "{'type':'object','properties':{'a':{'type':"
			    "'string'},'b':{'type':'string'}},'oneOf':["
			    "{'required':['a']},{'required':['b']}]}";
	const char	*any = "{'type':'string','anyOf':[{'pattern':'^a'},"
			    "{'pattern':'^b'}]}";
	const char	*all = "{'type':'integer','allOf':[{'minimum':1},"
			    "{'maximum':5}]}";

	check(one, "{'a':'x'}", NULL, NULL);
	check(one, "{'b':'x'}", NULL, NULL);
	check_at(one, "{'a':'x','b':'y'}", "FieldValueInvalid",
	    "must validate one and only one schema (oneOf). Found 2 valid "
	    "alternatives", PATH);
	check(one, "{}", "FieldValueInvalid",
	    "(oneOf). Found none valid");
	/* branch properties do not make other fields unknown */
	check("{'type':'object','properties':{'a':{'type':'string'},'b':{"
	    "'type':'string'}},'anyOf':[{'properties':{'a':{'minLength':2}}}]}",
	    "{'a':'xy','b':'z'}", NULL, NULL);
	check(any, "'abc'", NULL, NULL);
	check(any, "'bcd'", NULL, NULL);
	check(any, "'cde'", "FieldValueInvalid",
	    "must validate at least one schema (anyOf)");
	check_n(any, "'cde'", 2);	/* the composite and the best branch */
	check(all, "3", NULL, NULL);
	check(all, "9", "FieldValueInvalid", "should be less than or equal "
	    "to 5");
	check_n(all, "9", 2);
	check("{'type':'string','not':{'enum':['admin']}}", "'user'", NULL,
	    NULL);
	check("{'type':'string','not':{'enum':['admin']}}", "'admin'",
	    "FieldValueInvalid", "must not validate the schema (not)");
}

static void
test_cel_and_metadata(void)
{
	struct scs_schema_node	 n;
	const char		*rule, *msg;
	char			*con;
	cJSON			*defs;

	/* CEL is shown, never evaluated: a rule that would fail passes. */
	check("{'type':'integer','x-kubernetes-validations':[{'rule':"
	    "'self > 100','message':'too small'}]}", "1", NULL, NULL);
	defs = jp("[{'name':'replicas','required':true,'metadata':{'labels':"
	    "{'old':'v1beta1'}},'schema':{'openAPIV3Schema':{'type':'integer',"
	    "'description':'How many','minimum':1,'maximum':5,'default':3,"
	    "'example':2,'x-metadata':{'labels':{'ui':'slider'},'annotations':"
	    "{'hint':'odd numbers'}},'x-kubernetes-validations':[{'rule':"
	    "'self % 2 == 1','message':'must be odd'},{'rule':'self < 9',"
	    "'messageExpression':'\\\"too big: \\\" + string(self)'}]}}},"
	    "{'name':'flavor','metadata':{'labels':{'group':'compute'}},"
	    "'schema':{'openAPIV3Schema':{'type':'string'}}},{'name':'v2',"
	    "'deprecatedV1Beta1Metadata':{'annotations':{'a':'b'}},'schema':{"
	    "'openAPIV3Schema':{'type':'string'}}}]");
	ok(scs_schema_var(defs, 0, &n) == 0, "variable 0");
	is_str(n.name, "replicas", "variable name");
	ok(n.required && n.type == SCS_SCHEMA_INTEGER, "required integer");
	is_str(n.description, "How many", "description");
	is_int(cJSON_GetNumberValue(n.def), 3, "default");
	is_int(cJSON_GetNumberValue(n.example), 2, "example");
	is_str(cJSON_GetStringValue(cJSON_GetObjectItem(n.labels, "ui")),
	    "slider", "x-metadata labels win over definition metadata");
	is_str(cJSON_GetStringValue(cJSON_GetObjectItem(n.annotations,
	    "hint")), "odd numbers", "x-metadata annotations");
	ok(scs_schema_rule(n.schema, 0, &rule, &msg) == 0, "rule 0");
	is_str(rule, "self % 2 == 1", "CEL rule text");
	is_str(msg, "must be odd", "CEL message");
	ok(scs_schema_rule(n.schema, 1, &rule, &msg) == 0, "rule 1");
	is_str(msg, "\"too big: \" + string(self)", "CEL messageExpression");
	ok(scs_schema_rule(n.schema, 2, &rule, &msg) == -1, "no rule 2");
	con = scs_schema_constraints(n.schema);
	is_str(con, "1\xe2\x80\x93" "5", "constraints 1–5");
	free(con);
	ok(scs_schema_var(defs, 1, &n) == 0 && !n.required,
	    "variable 1, optional");
	is_str(cJSON_GetStringValue(cJSON_GetObjectItem(n.labels, "group")),
	    "compute", "definition metadata labels");
	ok(scs_schema_var(defs, 2, &n) == 0 && scs_streq(cJSON_GetStringValue(
	    cJSON_GetObjectItem(n.annotations, "a")), "b"),
	    "v1beta2 spec.variables: deprecatedV1Beta1Metadata");
	ok(scs_schema_var(defs, 3, &n) == -1, "no variable 3");
	cJSON_Delete(defs);
}

static void
test_walk(void)
{
	static const struct {
		const char	*schema, *want;
	} cons[] = {
		{ "{'type':'array','minItems':1,'maxItems':5,'uniqueItems':true}",
		    "1\xe2\x80\x93" "5 items, unique" },
		{ "{'type':'array','minItems':1}", "at least 1 item" },
		{ "{'type':'array','maxItems':3}", "at most 3 items" },
		{ "{'type':'integer','minimum':1}", "\xe2\x89\xa5 1" },
		{ "{'type':'integer','minimum':0,'exclusiveMinimum':true,"
		    "'maximum':10}", "> 0, \xe2\x89\xa4 10" },
		{ "{'type':'integer','maximum':10,'exclusiveMaximum':true}",
		    "< 10" },
		{ "{'type':'string','minLength':3,'maxLength':63,'pattern':"
		    "'^[a-z]+$'}", "3\xe2\x80\x93" "63 chars, pattern ^[a-z]+$" },
		{ "{'type':'string','maxLength':1}", "at most 1 char" },
		{ "{'type':'string','format':'uuid'}", "format uuid" },
		{ "{'type':'array','format':'uuid4'}", NULL },
		{ "{'type':'object','maxProperties':3}", "at most 3 properties" },
		{ "{'type':'object','minProperties':2,'maxProperties':2}",
		    "exactly 2 properties" },
		{ "{'oneOf':[{},{}],'not':{}}", "one of 2 schemas, not a schema" },
		{ "{'type':'string','nullable':true}", "nullable" },
		{ "{'type':'string'}", NULL },
	};
	struct scs_schema_node	 n, c;
	cJSON			*s;
	char			*t;
	size_t			 i;

	for (i = 0; i < sizeof cons / sizeof cons[0]; i++) {
		s = jp(cons[i].schema);
		t = scs_schema_constraints(s);
		is_str(t, cons[i].want, "constraints of %s", cons[i].schema);
		free(t);
		cJSON_Delete(s);
	}

	s = jp("{'type':'object','required':['host'],'properties':{'host':{"
	    "'type':'string'},'port':{'type':'integer','default':6443},"
	    "'labels':{'type':'object','additionalProperties':{'type':"
	    "'string'}},'ips':{'type':'array','items':{'type':'string',"
	    "'format':'ipv4'}},'mode':{'type':'string','enum':['a','b']},"
	    "'size':{'x-kubernetes-int-or-string':true},'any':{},"
	    "'free':{'type':'object','x-kubernetes-preserve-unknown-fields':"
	    "true},'on':{'type':'boolean'},'ratio':{'type':'number'}}}");
	scs_schema_node(s, &n);
	ok(n.type == SCS_SCHEMA_OBJECT && n.nchildren == 10,
	    "object with 10 children");
	ok(scs_schema_child(s, 0, &c) == 0 && scs_streq(c.name, "host") &&
	    c.required && c.type == SCS_SCHEMA_STRING, "child 0: host, "
	    "required string");
	ok(scs_schema_child(s, 1, &c) == 0 && scs_streq(c.name, "port") &&
	    !c.required && c.type == SCS_SCHEMA_INTEGER &&
	    cJSON_GetNumberValue(c.def) == 6443, "child 1: port, default");
	ok(scs_schema_child(s, 2, &c) == 0 && c.type == SCS_SCHEMA_MAP &&
	    scs_schema_values(c.schema) != NULL, "child 2: a map");
	ok(scs_schema_child(s, 3, &c) == 0 && c.type == SCS_SCHEMA_ARRAY &&
	    scs_streq(cJSON_GetStringValue(cJSON_GetObjectItem(
	    scs_schema_items(c.schema), "format")), "ipv4"),
	    "child 3: array of ipv4");
	ok(scs_schema_child(s, 4, &c) == 0 && cJSON_GetArraySize(c.enumv) ==
	    2, "child 4: enum");
	ok(scs_schema_child(s, 5, &c) == 0 && c.type ==
	    SCS_SCHEMA_INT_OR_STRING, "child 5: int-or-string");
	ok(scs_schema_child(s, 6, &c) == 0 && c.type == SCS_SCHEMA_ANY,
	    "child 6: any");
	ok(scs_schema_child(s, 7, &c) == 0 && c.preserve_unknown,
	    "child 7: preserve-unknown-fields");
	ok(scs_schema_child(s, 10, &c) == -1, "no child 10");
	ok(scs_schema_prop(s, "port", &c) == 0 && !c.required &&
	    scs_schema_prop(s, "host", &c) == 0 && c.required &&
	    scs_schema_prop(s, "nope", &c) == -1, "properties by name");
	is_str(scs_schema_type_name(SCS_SCHEMA_MAP), "map", "type name");
	is_str(scs_schema_type_name(SCS_SCHEMA_INT_OR_STRING),
	    "int-or-string", "type name int-or-string");
	ok(scs_schema_items(s) == NULL && scs_schema_values(s) == NULL,
	    "an object has no items and no map values");
	/* Quirk: required on an array schema marks nothing required. */
	cJSON_Delete(s);
	s = jp("{'type':'array','required':['name'],'items':{'type':'object',"
	    "'properties':{'name':{'type':'string'}}}}");
	ok(scs_schema_child(scs_schema_items(s), 0, &c) == 0 && !c.required,
	    "required on the array does not reach its items");
	cJSON_Delete(s);
}

static void
test_build(void)
{
	static const struct {
		const char	*schema, *text, *want;	/* want NULL: error */
	} p[] = {
		{ "{'type':'integer'}", "42", "42" },
		{ "{'type':'integer'}", "-7", "-7" },
		{ "{'type':'integer'}", "4.2", NULL },
		{ "{'type':'integer'}", "12x", NULL },
		{ "{'type':'integer'}", " 42 ", "42" },
		{ "{'type':'array'}", "[1] x", NULL },
		{ "{'x-kubernetes-int-or-string':true}", " 8", "8" },
		{ "{'type':'number'}", "4.5", "4.5" },
		{ "{'type':'number'}", "nan", NULL },
		{ "{'type':'boolean'}", "true", "true" },
		{ "{'type':'boolean'}", "yes", NULL },
		{ "{'type':'string'}", "42", "\"42\"" },
		{ "{'type':'string'}", "", "\"\"" },
		{ "{'x-kubernetes-int-or-string':true}", "8", "8" },
		{ "{'x-kubernetes-int-or-string':true}", "25%", "\"25%\"" },
		{ "{'type':'array'}", "[1, 2]", "[1,2]" },
		{ "{'type':'array'}", "{}", NULL },
		{ "{'type':'object'}", "{\"a\":1}", "{\"a\":1}" },
		{ "{'type':'object'}", "[", NULL },
		{ "{}", "{\"a\":1}", "{\"a\":1}" },
		{ "{}", "plain words", "\"plain words\"" },
	};
	cJSON	*s, *v;
	char	*cause, *t;
	size_t	 i;

	for (i = 0; i < sizeof p / sizeof p[0]; i++) {
		s = jp(p[i].schema);
		v = scs_schema_parse(s, p[i].text, &cause);
		t = v != NULL ? cJSON_PrintUnformatted(v) : NULL;
		if (p[i].want != NULL)
			is_str(t, p[i].want, "parse %s as %s", p[i].text,
			    p[i].schema);
		else
			ok(v == NULL && cause != NULL, "parse %s as %s fails: "
			    "%s", p[i].text, p[i].schema, cause != NULL ?
			    cause : "(no cause)");
		free(t);
		free(cause);
		cJSON_Delete(v);
		cJSON_Delete(s);
	}
	s = jp("{'type':'integer'}");
	v = scs_schema_parse(s, "  ", &cause);
	ok(v == NULL && cause == NULL, "empty text: unset, no error");
	cJSON_Delete(s);

	v = jp("'text'");
	t = scs_schema_text(v);
	is_str(t, "text", "strings edit without quotes");
	free(t);
	cJSON_Delete(v);
	v = jp("{'a':[1,true]}");
	t = scs_schema_text(v);
	is_str(t, "{\"a\":[1,true]}", "other values edit as JSON");
	free(t);
	cJSON_Delete(v);

	s = jp("{'type':'object','properties':{'name':{'type':'string',"
	    "'default':'openstack'},'n':{'type':'integer'}}}");
	v = scs_schema_initial(s);
	t = cJSON_PrintUnformatted(v);
	is_str(t, "{\"name\":\"openstack\"}", "initial object: nested "
	    "defaults");
	free(t);
	cJSON_Delete(v);
	ok(scs_schema_initial(cJSON_GetObjectItem(cJSON_GetObjectItem(s,
	    "properties"), "n")) == NULL, "initial scalar without default: "
	    "unset");
	cJSON_Delete(s);
	s = jp("{'type':'array','items':{'type':'string'}}");
	v = scs_schema_initial(s);
	ok(cJSON_IsArray(v) && cJSON_GetArraySize(v) == 0, "initial array");
	cJSON_Delete(v);
	cJSON_Delete(s);
}

static void
test_defaulting(void)
{
	static const struct {
		const char	*schema, *value, *want;
	} d[] = {
		/* nested defaults only inside present objects */
		{ "{'type':'object','properties':{'a':{'type':'object',"
		    "'properties':{'b':{'type':'integer','default':1}}}}}",
		    "{}", "{}" },
		{ "{'type':'object','properties':{'a':{'type':'object',"
		    "'properties':{'b':{'type':'integer','default':1}}}}}",
		    "{'a':{}}", "{'a':{'b':1}}" },
		/* a default object gets its own nested defaults */
		{ "{'type':'object','properties':{'a':{'type':'object',"
		    "'default':{},'properties':{'b':{'type':'integer',"
		    "'default':1}}}}}", "{}", "{'a':{'b':1}}" },
		/* present values are kept */
		{ "{'type':'object','properties':{'b':{'type':'integer',"
		    "'default':1}}}", "{'b':7}", "{'b':7}" },
		/* inside array items */
		{ "{'type':'array','items':{'type':'object','properties':{"
		    "'size':{'type':'integer','default':50}}}}",
		    "[{},{'size':2}]", "[{'size':50},{'size':2}]" },
		/* inside additionalProperties values */
		{ "{'type':'object','additionalProperties':{'type':'object',"
		    "'properties':{'on':{'type':'boolean','default':true}}}}",
		    "{'x':{},'y':{'on':false}}",
		    "{'x':{'on':true},'y':{'on':false}}" },
		/* never inside oneOf/anyOf/allOf/not branches */
		{ "{'type':'object','properties':{'a':{'type':'string'}},"
		    "'oneOf':[{'properties':{'a':{'default':'x'}}}],"
		    "'anyOf':[{'properties':{'a':{'default':'y'}}}],"
		    "'allOf':[{'properties':{'a':{'default':'z'}}}]}",
		    "{}", "{}" },
		/* null in a non-nullable field takes the default */
		{ "{'type':'object','properties':{'b':{'type':'integer',"
		    "'default':1}}}", "{'b':null}", "{'b':1}" },
		{ "{'type':'object','properties':{'b':{'type':'integer',"
		    "'nullable':true,'default':1}}}", "{'b':null}",
		    "{'b':null}" },
		/* scalars are left alone */
		{ "{'type':'integer','default':3}", "5", "5" },
	};
	cJSON	*s, *v, *w, *defs, *vals;
	size_t	 i;

	for (i = 0; i < sizeof d / sizeof d[0]; i++) {
		s = jp(d[i].schema);
		v = jp(d[i].value);
		w = jp(d[i].want);
		scs_schema_default_value(s, v);
		if (!ok(cJSON_Compare(v, w, 1), "default %s into %s",
		    d[i].schema, d[i].value)) {
			char *t = cJSON_PrintUnformatted(v);

			diag("  got %s", t);
			free(t);
		}
		cJSON_Delete(s);
		cJSON_Delete(v);
		cJSON_Delete(w);
	}

	/* Whole lists: top-level defaults create variables, null too. */
	defs = jp("[{'name':'a','schema':{'openAPIV3Schema':{'type':'object',"
	    "'default':{},'properties':{'n':{'type':'string','default':'x'}}}}},"
	    "{'name':'b','schema':{'openAPIV3Schema':{'type':'integer'}}},"
	    "{'name':'c','schema':{'openAPIV3Schema':{'type':'integer',"
	    "'default':4}}},{'name':'d','schema':{'openAPIV3Schema':{"
	    "'type':'object','properties':{'m':{'type':'integer',"
	    "'default':9}}}}}]");
	vals = jp("[{'name':'c','value':null},{'name':'d','value':{}}]");
	is_int(scs_schema_default(defs, vals), 1, "one variable created");
	w = jp("[{'name':'c','value':4},{'name':'d','value':{'m':9}},"
	    "{'name':'a','value':{'n':'x'}}]");
	ok(cJSON_Compare(vals, w, 1), "created with nested defaults; null "
	    "replaced; set values defaulted inside");
	cJSON_Delete(w);
	cJSON_Delete(vals);
	is_int(scs_schema_default(defs, NULL), 0, "NULL list: nothing");
	cJSON_Delete(defs);
}

static void
test_lists(void)
{
	struct scs_schema_errors	 e = { NULL, 0 };
	cJSON				*defs, *vals, *cc;
	int				 from;

	defs = jp("[{'name':'flavor','required':true,'schema':"
	    "{'openAPIV3Schema':{'type':'string','enum':['S','M']}}}"
	    ",{'name':'disk','required':false,'schema':{"
	    "'openAPIV3Schema':{'type':'integer','default':50,"
	    "'minimum':10}}},{'name':'net','schema':{'openAPIV3Schema':{"
	    "'type':'object','properties':{'mtu':{'type':'integer'}}}}}]");
	vals = jp("[{'name':'nope','value':1},{'name':'disk',"
	    "'value':5},{'name':'net','value':{'mtu':1500,'x':1,'a':{}}}]");
	scs_schema_validate(defs, vals, "spec.topology.variables", 0, &e);
	is_int(e.n, 4, "four causes");
	if (e.n == 4) {
		is_str(e.v[0].message, "Required value: required variable "
		    "\"flavor\" must be set", "required message");
		is_str(e.v[1].field, "spec.topology.variables[nope]",
		    "undefined variable path");
		is_str(e.v[1].message, "Invalid value: \"1\": variable is not "
		    "defined", "undefined message");
		is_str(e.v[2].field, "spec.topology.variables[disk].value",
		    "value path");
		is_str(e.v[2].message, "Invalid value: \"5\": should be "
		    "greater than or equal to 10", "bound message");
		is_str(e.v[3].field, "spec.topology.variables[net]",
		    "unknown fields path: the variable");
		is_str(e.v[3].message, "Invalid value: \"{\\\"mtu\\\":1500,"
		    "\\\"x\\\":1,\\\"a\\\":{}}\": failed validation: \"a,x\" "
		    "field(s) are not specified in the variable schema of "
		    "variable \"net\"", "unknown fields message names the "
		    "variable");
	}
	scs_schema_errors_free(&e);
	scs_schema_validate(defs, vals, "spec.topology.workers."
	    "machineDeployments[md-0].variables.overrides", 1, &e);
	is_int(e.n, 3, "overrides do not demand required variables");
	if (e.n == 3)
		is_str(e.v[1].field, "spec.topology.workers."
		    "machineDeployments[md-0].variables.overrides[disk].value",
		    "override path");
	scs_schema_errors_free(&e);
	cJSON_Delete(vals);
	vals = jp("[{'name':'disk','value':20},{'name':'disk','value':2}]");
	scs_schema_validate(defs, vals, "spec.topology.variables", 1, &e);
	ok(e.n == 1 && strcmp(e.v[0].field, "spec.topology.variables[disk]")
	    == 0 && strcmp(e.v[0].message, "Invalid value: \"2\": variable "
	    "\"disk\" is set more than once") == 0, "a variable set twice");
	scs_schema_errors_free(&e);
	cJSON_Delete(vals);
	vals = jp("[{'name':'flavor'}]");
	scs_schema_validate(defs, vals, "spec.topology.variables", 0, &e);
	ok(e.n == 1 && strcmp(e.v[0].reason, "FieldValueRequired") == 0 &&
	    strcmp(e.v[0].field, "spec.topology.variables[flavor].value") == 0,
	    "a variable without value: Required value at .value");
	scs_schema_errors_free(&e);
	cJSON_Delete(vals);
	vals = cJSON_CreateArray();
	is_int(scs_schema_default(defs, vals), 1, "one top-level default");
	is_int(cJSON_GetNumberValue(value_of(vals, "disk")), 50,
	    "default value");
	cJSON_Delete(vals);
	cJSON_Delete(defs);

	/* Which definitions a class offers. */
	cc = jp("{'metadata':{'generation':2},'spec':{"
	    "'variables':[{'name':'a'}]},'status':{"
	    "'observedGeneration':2,'conditions':[{'type':"
	    "'VariablesReady','status':'True'}],'variables':[{'name':"
	    "'a','definitions':[{'from':'inline','required':true,"
	    "'deprecatedV1Beta1Metadata':{'labels':{'k':'v'}},"
	    "'schema':{'openAPIV3Schema':{'type':'string'}}}]}]}}");
	defs = scs_schema_definitions(cc, &from);
	ok(from == 1 && cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    defs, 0), "required")), "reconciled class: status.variables");
	{
		struct scs_schema_node	 n;

		ok(scs_schema_var(defs, 0, &n) == 0 && scs_streq(
		    cJSON_GetStringValue(cJSON_GetObjectItem(n.labels, "k")),
		    "v"), "v1beta2 deprecatedV1Beta1Metadata kept as metadata");
	}
	cJSON_Delete(defs);
	cJSON_SetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(cc,
	    "status"), "observedGeneration"), 1);
	defs = scs_schema_definitions(cc, &from);
	ok(from == 0 && cJSON_GetArraySize(defs) == 1,
	    "stale status: falls back to spec.variables");
	cJSON_Delete(defs);
	cJSON_Delete(cc);
	cc = jp("{'spec':{}}");
	defs = scs_schema_definitions(cc, NULL);
	ok(cJSON_IsArray(defs) && cJSON_GetArraySize(defs) == 0,
	    "no variables at all: an empty list");
	cJSON_Delete(defs);
	cJSON_Delete(cc);
}

/*
 * Whole causes, field and message, as CAPI's webhook words them (cases
 * after kubernetes-sigs/cluster-api internal/topology/variables/
 * cluster_variable_validation_test.go; CAPI shows the raw JSON the
 * client sent, this engine compact JSON: the values here are compact).
 * want is "field|message" lines separated by '\n', in order.
 */
static void
test_capi_wording(void)
{
	static const struct {
		const char	*schema, *value, *want;
	} t[] = {
		{ "{'type':'integer','maximum':10}", "99",
		    "V|Invalid value: \"99\": should be less than or equal to 10" },
		{ "{'type':'integer','minimum':1}", "0",
		    "V|Invalid value: \"0\": should be greater than or equal to 1" },
		{ "{'type':'integer','minimum':1}", "'1'",
		    "V|Invalid value: \"\\\"1\\\"\": must be of type integer: "
		    "\"string\"" },
		{ "{'type':'string'}", "1",
		    "V|Invalid value: \"1\": must be of type string: \"integer\"" },
		{ "{'type':'string','pattern':'^[0-9]+$'}", "'000000a'",
		    "V|Invalid value: \"\\\"000000a\\\"\": should match "
		    "'^[0-9]+$'" },
		{ "{'type':'string','format':'uri'}", "'not a URI'",
		    "V|Invalid value: \"\\\"not a URI\\\"\": must be of type uri: "
		    "\"not a URI\"" },
		{ "{'type':'string','enum':['us-east-1','us-east-2']}",
		    "'us-east-invalid'",
		    "V|Unsupported value: \"\\\"us-east-invalid\\\"\": supported "
		    "values: \"us-east-1\", \"us-east-2\"" },
		{ "{'type':'string','enum':[1,2]}", "3",
		    "V|Invalid value: \"3\": must be of type string: \"integer\"\n"
		    "V|Unsupported value: \"3\": supported values: \"1\", \"2\"" },
		{ "{'type':'object','properties':{'enabled':{'type':'boolean'}}}",
		    "{'enabled':'not-a-bool'}",
		    "V.enabled|Invalid value: \"{\\\"enabled\\\":\\\"not-a-bool\\\"}\": "
		    "enabled in body must be of type boolean: \"string\"" },
		{ "{'type':'object','properties':{'enabled':{'type':'boolean'}}}",
		    "'not-a-object'",
		    "V|Invalid value: \"\\\"not-a-object\\\"\": must be of type "
		    "object: \"string\"" },
		{ "{'type':'object','properties':{'url':{'type':'string'},"
		    "'enabled':{'type':'boolean'}},'required':['url']}",
		    "{'enabled':'true'}",
		    "V.enabled|Invalid value: \"{\\\"enabled\\\":\\\"true\\\"}\": "
		    "enabled in body must be of type boolean: \"string\"\n"
		    "V.url|Required value" },
		{ "{'type':'object','maxProperties':2,'properties':{'a':{'type':"
		    "'boolean'},'b':{'type':'boolean'},'c':{'type':'integer'}}}",
		    "{'a':false,'b':true,'c':1}",
		    "V|Too many: \"{\\\"a\\\":false,\\\"b\\\":true,\\\"c\\\":1}\": "
		    "must have at most 2 items" },
		{ "{'type':'object','additionalProperties':{'type':'object',"
		    "'properties':{'enabled':{'type':'boolean'},'url':{'type':"
		    "'string'}},'required':['url']}}", "{'proxy':{'enabled':false}}",
		    "V.proxy.url|Required value" },
		{ "{'type':'array','items':{'type':'string','enum':["
		    "'enumValue1','enumValue2']}}", "['enumValue1','enumValueInvalid']",
		    "V.[1]|Unsupported value: \"[\\\"enumValue1\\\",\\\""
		    "enumValueInvalid\\\"]\": supported values: \"enumValue1\", "
		    "\"enumValue2\"" },
		{ "{'type':'array','items':{'type':'string'},'maxItems':3}",
		    "['value1','value2','value3','value4']",
		    "V|Too many: \"[\\\"value1\\\",\\\"value2\\\",\\\"value3\\\","
		    "\\\"value4\\\"]\": must have at most 3 items" },
		{ "{'type':'array','items':{'type':'string'},'minItems':3}",
		    "['value1','value2']",
		    "V|Invalid value: \"[\\\"value1\\\",\\\"value2\\\"]\": should "
		    "have at least 3 items" },
		{ "{'type':'array','items':{'type':'string'},'uniqueItems':true}",
		    "['value1','value1']",
		    "V|Invalid value: \"[\\\"value1\\\",\\\"value1\\\"]\": shouldn't "
		    "contain duplicates" },
		{ "{'type':'array','items':{'type':'string'},'enum':[['1','2','3'],"
		    "['4','5','6']]}", "['7','8','9']",
		    "V|Unsupported value: \"[\\\"7\\\",\\\"8\\\",\\\"9\\\"]\": supported "
		    "values: \"[\\\"1\\\",\\\"2\\\",\\\"3\\\"]\", \"[\\\"4\\\",\\\"5\\\","
		    "\\\"6\\\"]\"" },
		{ "{'type':'object','properties':{'knownProperty':{'type':"
		    "'boolean'}}}", "{'knownProperty':false,'unknownProperty':true}",
		    "X|Invalid value: \"{\\\"knownProperty\\\":false,\\\""
		    "unknownProperty\\\":true}\": failed validation: "
		    "\"unknownProperty\" field(s) are not specified in the variable "
		    "schema of variable \"x\"" },
		{ "{'type':'object','properties':{'knownProperty':{'type':"
		    "'boolean'}}}", "{'KnownProperty':false}",
		    "X|Invalid value: \"{\\\"KnownProperty\\\":false}\": failed "
		    "validation: \"KnownProperty\" field(s) are not specified in "
		    "the variable schema of variable \"x\"" },
		{ "{'type':'object','x-kubernetes-preserve-unknown-fields':true}",
		    "{'test':{'unknownProperty':false}}", "" },
		{ "{'type':'object','properties':{'test':{'type':'object',"
		    "'properties':{'knownProperty':{'type':'boolean'}},"
		    "'x-kubernetes-preserve-unknown-fields':true}}}",
		    "{'test':{'knownProperty':false,'unknownProperty':true}}", "" },
		{ "{'type':'object','x-kubernetes-preserve-unknown-fields':true,"
		    "'properties':{'test':{'type':'object','properties':{"
		    "'knownProperty':{'type':'boolean'}}}}}",
		    "{'test':{'knownProperty':false,'unknownProperty':true}}",
		    "X|Invalid value: \"{\\\"test\\\":{\\\"knownProperty\\\":false,"
		    "\\\"unknownProperty\\\":true}}\": failed validation: "
		    "\"test.unknownProperty\" field(s) are not specified in the "
		    "variable schema of variable \"x\"" },
		{ "{'type':'object','x-kubernetes-preserve-unknown-fields':true,"
		    "'properties':{'test':{'type':'object','properties':{"
		    "'knownProperty':{'type':'boolean'}}}}}",
		    "{'test':{'knownProperty':false},'unknownProperty':true}", "" },
		{ "{'type':'integer','x-kubernetes-validations':[{'rule':"
		    "'self <= 1'}]}", "99", "" },	/* CEL: the server's job */
		{ "{'type':'object','oneOf':[{'required':['propertyA']},{"
		    "'required':['propertyB']}],'properties':{'propertyA':{'type':"
		    "'boolean'},'propertyB':{'type':'boolean'}}}",
		    "{'propertyA':true,'propertyB':true}",
		    "V|Invalid value: \"{\\\"propertyA\\\":true,\\\"propertyB\\\":"
		    "true}\": \"\" must validate one and only one schema (oneOf). "
		    "Found 2 valid alternatives" },
		{ "{'type':'object','allOf':[{'required':['propertyA']},{"
		    "'required':['propertyB']}],'properties':{'propertyA':{'type':"
		    "'boolean'},'propertyB':{'type':'boolean'}}}",
		    "{'propertyA':true}",
		    "V.propertyB|Required value\n"
		    "V|Invalid value: \"{\\\"propertyA\\\":true}\": \"\" must "
		    "validate all the schemas (allOf)" },
		{ "{'type':'object','anyOf':[{'required':['propertyA']},{"
		    "'required':['propertyB']}],'properties':{'propertyA':{'type':"
		    "'boolean'},'propertyB':{'type':'boolean'}}}",
		    "{'propertyA':'invalid value'}",
		    "V.propertyA|Invalid value: \"{\\\"propertyA\\\":\\\"invalid "
		    "value\\\"}\": propertyA in body must be of type boolean: "
		    "\"string\"" },
		{ "{'type':'object','anyOf':[{'required':['propertyA']},{"
		    "'required':['propertyB']}],'not':{'required':['propertyA',"
		    "'propertyB']},'properties':{'propertyA':{'type':'boolean'},"
		    "'propertyB':{'type':'boolean'}}}",
		    "{'propertyA':true,'propertyB':true}",
		    "V|Invalid value: \"{\\\"propertyA\\\":true,\\\"propertyB\\\":"
		    "true}\": \"\" must not validate the schema (not)" },
		{ "{'type':'array','items':{'x-kubernetes-int-or-string':true,"
		    "'anyOf':[{'type':'integer'},{'type':'string'}],'pattern':"
		    "'^(\\\\+|-)?(([0-9]+(\\\\.[0-9]*)?)|(\\\\.[0-9]+))(([KMGTPE]i)|"
		    "[numkMGTPE]|([eE](\\\\+|-)?(([0-9]+(\\\\.[0-9]*)?)|(\\\\.[0-9]+))))"
		    "?$'}}", "['500000G','200M','0.2G',1000]", "" },
		/* a nested bound names the field inside the value */
		{ "{'type':'object','properties':{'foo':{'type':'integer',"
		    "'maximum':2}}}", "{'foo':3}",
		    "V.foo|Invalid value: \"{\\\"foo\\\":3}\": foo in body should be "
		    "less than or equal to 2" },
		{ "{'type':'object','properties':{'l':{'type':'array','items':{"
		    "'type':'object','properties':{'n':{'type':'string',"
		    "'maxLength':1}}}}}}", "{'l':[{'n':'ab'}]}",
		    "V.l[0].n|Too long: may not be longer than 1" },
	};
	struct scs_schema_errors	 e = { NULL, 0 };
	struct scs_buf			 got, want;
	const char			*p;
	cJSON				*defs, *vals;
	char				*text;
	size_t				 i, k;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		text = scs_xprintf("[{'name':'x','schema':{'openAPIV3Schema':"
		    "%s}}]", t[i].schema);
		defs = jp(text);
		free(text);
		text = scs_xprintf("[{'name':'x','value':%s}]", t[i].value);
		vals = jp(text);
		free(text);
		scs_schema_validate(defs, vals, "spec.topology.variables", 0,
		    &e);
		scs_buf_init(&got, 0);
		for (k = 0; k < e.n; k++)
			scs_buf_printf(&got, "%s%s|%s", k != 0 ? "\n" : "",
			    e.v[k].field, e.v[k].message);
		scs_buf_init(&want, 0);
		for (p = t[i].want; *p != '\0'; p++) {
			if (*p == 'V' && (p == t[i].want || p[-1] == '\n'))
				scs_buf_adds(&want,
				    "spec.topology.variables[x].value");
			else if (*p == 'X' && (p == t[i].want || p[-1] == '\n'))
				scs_buf_adds(&want,
				    "spec.topology.variables[x]");
			else
				scs_buf_addc(&want, *p);
		}
		is_str(got.data != NULL ? got.data : "", want.data != NULL ?
		    want.data : "", "CAPI wording: %s with %s", t[i].schema,
		    t[i].value);
		scs_buf_done(&got);
		scs_buf_done(&want);
		scs_schema_errors_free(&e);
		cJSON_Delete(defs);
		cJSON_Delete(vals);
	}
}

static void
test_cause_text(void)
{
	static const struct {
		const char	*message, *want;
	} t[] = {
		{ "Invalid value: \"99\": should be less than or equal to 10",
		    "should be less than or equal to 10" },
		{ "Invalid value: \"{\\\"a\\\":\\\"x: y\\\"}\": a in body must be of "
		    "type integer: \"string\"", "must be of type integer: "
		    "\"string\"" },
		{ "Unsupported value: \"\\\"x\\\"\": supported values: \"a\"",
		    "supported values: \"a\"" },
		{ "Too many: \"[1,2]\": must have at most 1 item",
		    "must have at most 1 item" },
		{ "Too long: may not be longer than 3",
		    "may not be longer than 3" },
		{ "Required value", "Required value" },
		{ "Required value: required variable \"x\" must be set",
		    "required variable \"x\" must be set" },
		{ "Invalid value: \"{}\": \"\" must validate all the schemas "
		    "(allOf)", "must validate all the schemas (allOf)" },
		{ "Invalid value: 5: old style", "old style" },
		{ "Invalid value: \"unterminated", "Invalid value: \"unterminated" },
		{ "something else", "something else" },
	};
	struct scs_schema_cause	 c = { NULL, NULL, NULL };
	struct scs_schema_errors e = { NULL, 0 };
	cJSON			*s, *v;
	size_t			 i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		c.message = (char *)t[i].message;
		is_str(scs_schema_cause_text(&c), t[i].want, "cause text of %s",
		    t[i].message);
	}
	s = jp("{'type':'object','properties':{'l':{'type':'array','items':{"
	    "'type':'integer','minimum':1}}}}");
	v = jp("{'l':[0]}");
	scs_schema_validate_value(s, v, PATH, &e);
	ok(e.n == 1 && strcmp(e.v[0].field, PATH ".l[0]") == 0 &&
	    strcmp(scs_schema_cause_text(&e.v[0]), "should be greater than or "
	    "equal to 1") == 0, "a form gets field and short text");
	scs_schema_errors_free(&e);
	cJSON_Delete(s);
	cJSON_Delete(v);
}

/* Garbage schemas: nothing may crash, nothing is refused. */
static void
test_garbage(void)
{
	static const char *const schemas[] = {
		"{'type':5,'properties':[],'items':'x','required':'a',"
		    "'enum':{},'minimum':'1','pattern':7,'format':[]}",
		"{'type':'object','properties':{'a':5},'additionalProperties':"
		    "'yes','x-metadata':'no','x-kubernetes-validations':{}}",
		"{'oneOf':{},'anyOf':'x','allOf':[5],'not':[]}",
		"{'type':'string','pattern':'(['}",
		"{'type':'quantum'}",
		"[]",
		"5",
	};
	static const char *const values[] = {
		"null", "1", "'s'", "[1,[2]]", "{'a':{'b':[]}}", "true",
	};
	struct scs_schema_errors	 e = { NULL, 0 };
	struct scs_schema_node		 n, c;
	cJSON				*s, *v, *x;
	char				*t;
	size_t				 i, j, k;

	for (i = 0; i < sizeof schemas / sizeof schemas[0]; i++) {
		s = jp(schemas[i]);
		for (j = 0; j < sizeof values / sizeof values[0]; j++) {
			v = jp(values[j]);
			scs_schema_validate_value(s, v, PATH, &e);
			scs_schema_errors_free(&e);
			scs_schema_default_value(s, v);
			cJSON_Delete(v);
		}
		scs_schema_node(s, &n);
		for (k = 0; scs_schema_child(s, k, &c) == 0; k++)
			;
		t = scs_schema_constraints(s);
		free(t);
		x = scs_schema_initial(s);
		cJSON_Delete(x);
		x = scs_schema_parse(s, "1", &t);
		free(t);
		cJSON_Delete(x);
		ok(1, "garbage schema %zu survives", i);
		cJSON_Delete(s);
	}
	/* Deep nesting stops at SCS_SCHEMA_MAX_DEPTH. */
	{
		struct scs_buf	 b, w;

		scs_buf_init(&b, 0);
		scs_buf_init(&w, 0);
		for (i = 0; i < 200; i++) {
			scs_buf_adds(&b, "{\"type\":\"array\",\"items\":");
			scs_buf_adds(&w, "[");
		}
		scs_buf_adds(&b, "{\"type\":\"string\"}");
		scs_buf_adds(&w, "1");
		for (i = 0; i < 200; i++) {
			scs_buf_adds(&b, "}");
			scs_buf_adds(&w, "]");
		}
		s = cJSON_Parse(b.data);
		v = cJSON_Parse(w.data);
		scs_schema_validate_value(s, v, PATH, &e);
		ok(s != NULL && v != NULL, "200 levels deep: validated "
		    "without crash (%zu causes)", e.n);
		scs_schema_errors_free(&e);
		scs_schema_default_value(s, v);
		cJSON_Delete(s);
		cJSON_Delete(v);
		scs_buf_done(&b);
		scs_buf_done(&w);
	}
}

/* One wording for the local engine's and the server's causes. */
static void
test_readable(void)
{
	static const char *const cases[][2] = {
	    { "Invalid value: \"5\": should be greater than or equal to 10",
	      "must be at least 10" },
	    { "Invalid value: \"{\\\"port\\\":70000}\": port in body should "
	      "be less than or equal to 65535", "too large: at most 65535" },
	    { "Unsupported value: \"x\": supported values: \"a\", \"b\", "
	      "\"c\"", "must be one of: a, b, c" },
	    { "Invalid value: \"10.8.0.0\": must be of type cidr: "
	      "\"10.8.0.0\"", "must be a CIDR such as 10.0.0.0/16" },
	    { "Invalid value: \"[1]\": [0] in body must be of type string: "
	      "\"integer\"", "must be text" },
	    { "Required value", "required" },
	    { "Required value: required variable \"x\" must be set",
	      "required" },
	    { "Too long: may not be longer than 8",
	      "too long: at most 8 characters" },
	    { "Invalid value: \"ab\": should be at least 3 chars long",
	      "too short: at least 3 characters" },
	    { "must be an odd number, at least 1",
	      "must be an odd number, at least 1" },
	};
	size_t	 i;
	char	*t;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		t = scs_schema_readable(cases[i][0]);
		is_str(t, cases[i][1], "readable: %s", cases[i][1]);
		free(t);
	}
	/* The engine's own cause, read the same way. */
	{
		cJSON				*s = cJSON_Parse("{\"type\":"
						    "\"integer\",\"minimum\":10}");
		cJSON				*v = cJSON_CreateNumber(5);
		struct scs_schema_errors	 e;

		memset(&e, 0, sizeof e);
		scs_schema_validate_value(s, v, "x", &e);
		t = e.n > 0 ? scs_schema_readable(e.v[0].message) : NULL;
		is_str(t, "must be at least 10", "the engine's cause readable");
		free(t);
		scs_schema_errors_free(&e);
		cJSON_Delete(s);
		cJSON_Delete(v);
	}
}

int
main(void)
{
	test_readable();
	test_fixtures();
	test_types();
	test_enum();
	test_numbers();
	test_strings();
	test_formats();
	test_objects();
	test_arrays();
	test_composition();
	test_cel_and_metadata();
	test_walk();
	test_build();
	test_defaulting();
	test_lists();
	test_capi_wording();
	test_cause_text();
	test_garbage();
	return (tap_done());
}
