/*
 * test-schema.c: variable definitions, defaulting and validation, on the
 * real cluster-stacks schemas (../shared/fixtures/variables, skipped when
 * absent) and on hand-written cases per keyword.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/schema.h"
#include "scs/util.h"
#include "../tap.h"

static cJSON *
load(const char *rel)
{
	const char	*path = tap_fixture(rel);
	FILE		*f;
	char		*text;
	long		 n;
	cJSON		*j;

	if (path == NULL || (f = fopen(path, "rb")) == NULL)
		return (NULL);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = scs_xmalloc((size_t)n + 1);
	if (fread(text, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	text[n] = '\0';
	fclose(f);
	j = cJSON_Parse(text);
	free(text);
	return (j);
}

static const char *const fixtures[] = {
	"variables/variables_cluster-stacks_docker-scs_v1beta1.json",
	"variables/variables_cluster-stacks_hetzner-baremetal-1-30_preserve-unknown-fields.json",
	"variables/variables_cluster-stacks_metal3-alpha-1-28_enum-additionalProperties.json",
	"variables/variables_cluster-stacks_openstack-kamaji-1-30_minItems.json",
	"variables/variables_cluster-stacks_openstack-scs2_v1beta1.json",
	"variables/variables_cluster-stacks_openstack-scs_v1beta1.json",
	NULL
};

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

static void
test_fixtures(void)
{
	struct scs_schema_errors	 e = { NULL, 0 };
	cJSON				*defs, *vals;
	const cJSON			*id;
	size_t				 i;
	int				 n;

	for (i = 0; fixtures[i] != NULL; i++) {
		if ((defs = load(fixtures[i])) == NULL) {
			ok(1, "# SKIP %s absent", fixtures[i]);
			continue;
		}
		vals = cJSON_CreateArray();
		n = scs_schema_default(defs, vals);
		ok(n >= 0, "%s: defaults applied (%d)", fixtures[i], n);
		scs_schema_validate(defs, vals, "spec.topology.variables", 0,
		    &e);
		/* Only variables that are required and have no default may
		 * complain: defaults themselves must validate. */
		{
			size_t	 k, bad = 0;

			for (k = 0; k < e.n; k++) {
				if (strcmp(e.v[k].reason, "FieldValueRequired")
				    != 0) {
					bad++;
					diag("%s: %s", e.v[k].field,
					    e.v[k].message);
				}
			}
			is_int(bad, 0, "%s: every default validates",
			    fixtures[i]);
		}
		scs_schema_errors_free(&e);
		if (strstr(fixtures[i], "openstack-scs2") != NULL) {
			id = value_of(vals, "identityRef");
			is_str(cJSON_GetStringValue(cJSON_GetObjectItem(id,
			    "name")), "openstack",
			    "scs2 nested default identityRef.name");
			is_str(cJSON_GetStringValue(cJSON_GetObjectItem(id,
			    "cloudName")), "openstack",
			    "scs2 nested default identityRef.cloudName");
			ok(value_of(vals, "networkMTU") == NULL,
			    "no default, no variable");
		}
		cJSON_Delete(vals);
		cJSON_Delete(defs);
	}
}

static size_t
check(const char *schema, const char *value, const char *want_reason,
    const char *want_in_message)
{
	struct scs_schema_errors	 e = { NULL, 0 };
	cJSON				*s = cJSON_Parse(schema);
	cJSON				*v = cJSON_Parse(value);
	size_t				 n;

	n = scs_schema_validate_value(s, v, "spec.topology.variables[x].value",
	    &e);
	if (want_reason == NULL)
		ok(n == 0, "%s accepts %s%s%s", schema, value,
		    n != 0 ? ": " : "", n != 0 ? e.v[0].message : "");
	else
		ok(n > 0 && strcmp(e.v[0].reason, want_reason) == 0 &&
		    strstr(e.v[0].message, want_in_message) != NULL,
		    "%s refuses %s: %s %s", schema, value,
		    n > 0 ? e.v[0].reason : "(nothing)",
		    n > 0 ? e.v[0].message : "");
	scs_schema_errors_free(&e);
	cJSON_Delete(s);
	cJSON_Delete(v);
	return (n);
}

static void
test_keywords(void)
{
	struct scs_schema_errors	 e = { NULL, 0 };
	cJSON				*defs, *vals, *cc;
	int				 from;

	check("{\"type\":\"integer\"}", "\"3\"", "FieldValueTypeInvalid",
	    "must be of type integer");
	check("{\"type\":\"integer\"}", "3", NULL, NULL);
	check("{\"type\":\"integer\"}", "3.5", "FieldValueTypeInvalid", "");
	check("{\"type\":\"number\"}", "3.5", NULL, NULL);
	check("{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}", "\"c\"",
	    "FieldValueNotSupported", "supported values: \"a\", \"b\"");
	check("{\"type\":\"integer\",\"minimum\":1}", "0",
	    "FieldValueInvalid", "greater than or equal to 1");
	check("{\"type\":\"integer\",\"maximum\":10,\"exclusiveMaximum\":true}",
	    "10", "FieldValueInvalid", "less than 10");
	check("{\"type\":\"string\",\"maxLength\":3}", "\"abcd\"",
	    "FieldValueTooLong", "longer than 3");
	check("{\"type\":\"string\",\"minLength\":2}", "\"\xc3\xa4\xc3\xa4\"",
	    NULL, NULL);
	check("{\"type\":\"string\",\"pattern\":\"^[a-z]+\\\\d$\"}",
	    "\"abc1\"", NULL, NULL);
	check("{\"type\":\"string\",\"pattern\":\"^[a-z]+\\\\d$\"}",
	    "\"abc\"", "FieldValueInvalid", "should match");
	check("{\"type\":\"string\",\"format\":\"uuid\"}",
	    "\"ebfe5546-f09f-4f42-ab54-094e457d42ec\"", NULL, NULL);
	check("{\"type\":\"string\",\"format\":\"uuid\"}", "\"nope\"",
	    "FieldValueTypeInvalid", "must be of type uuid");
	check("{\"type\":\"string\",\"format\":\"cidr\"}", "\"10.8.0.0/20\"",
	    NULL, NULL);
	check("{\"type\":\"string\",\"format\":\"cidr\"}", "\"10.8.0.0/33\"",
	    "FieldValueTypeInvalid", "must be of type cidr");
	check("{\"type\":\"string\",\"format\":\"ipv4\"}", "\"9.9.9.9\"", NULL,
	    NULL);
	check("{\"type\":\"string\",\"format\":\"no-such-format\"}", "\"x\"",
	    NULL, NULL);
	check("{\"type\":\"array\",\"minItems\":1,\"items\":{\"type\":"
	    "\"string\"}}", "[]", "FieldValueInvalid", "at least 1");
	check("{\"type\":\"array\",\"uniqueItems\":true}", "[1,1]",
	    "FieldValueDuplicate", "Duplicate");
	/* Quirks: format on an array, required on an array schema. */
	check("{\"type\":\"array\",\"format\":\"uuid4\",\"items\":{\"type\":"
	    "\"string\"}}", "[\"x\"]", NULL, NULL);
	check("{\"type\":\"array\",\"required\":[\"name\"],\"items\":{"
	    "\"type\":\"object\",\"properties\":{\"name\":{\"type\":"
	    "\"string\"}}}}", "[{\"name\":\"a\"}]", NULL, NULL);
	check("{\"type\":\"object\",\"required\":[\"image\"],\"properties\":"
	    "{\"image\":{\"type\":\"string\"}}}", "{}", "FieldValueRequired",
	    "Required value");
	check("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":"
	    "\"string\"}}}", "{\"a\":\"x\",\"zz\":1}", "FieldValueInvalid",
	    "\"zz\" field(s) are not specified");
	check("{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":"
	    "true,\"properties\":{\"a\":{\"type\":\"string\"}}}",
	    "{\"zz\":1}", NULL, NULL);
	check("{\"type\":\"object\",\"additionalProperties\":{\"type\":"
	    "\"string\"}}", "{\"k\":1}", "FieldValueTypeInvalid", "");
	check("{\"x-kubernetes-int-or-string\":true}", "\"50%\"", NULL, NULL);

	/* Whole lists: required, not defined, paths. */
	defs = cJSON_Parse("[{\"name\":\"flavor\",\"required\":true,\"schema\":"
	    "{\"openAPIV3Schema\":{\"type\":\"string\",\"enum\":[\"S\",\"M\"]}}}"
	    ",{\"name\":\"disk\",\"required\":false,\"schema\":{"
	    "\"openAPIV3Schema\":{\"type\":\"integer\",\"default\":50,"
	    "\"minimum\":10}}}]");
	vals = cJSON_Parse("[{\"name\":\"nope\",\"value\":1},{\"name\":\"disk\","
	    "\"value\":5}]");
	scs_schema_validate(defs, vals, "spec.topology.variables", 0, &e);
	is_int(e.n, 3, "three causes");
	is_str(e.v[0].message, "required variable \"flavor\" must be set",
	    "required message");
	is_str(e.v[0].field, "spec.topology.variables", "required path");
	is_str(e.v[1].field, "spec.topology.variables[nope]",
	    "undefined variable path");
	is_str(e.v[1].message, "variable is not defined", "undefined message");
	is_str(e.v[2].field, "spec.topology.variables[disk].value",
	    "value path");
	scs_schema_errors_free(&e);
	scs_schema_validate(defs, vals, "spec.topology.workers."
	    "machineDeployments[md-0].variables.overrides", 1, &e);
	is_int(e.n, 2, "overrides do not demand required variables");
	is_str(e.v[1].field, "spec.topology.workers.machineDeployments[md-0]."
	    "variables.overrides[disk].value", "override path");
	scs_schema_errors_free(&e);
	cJSON_Delete(vals);
	vals = cJSON_CreateArray();
	is_int(scs_schema_default(defs, vals), 1, "one top-level default");
	is_int(cJSON_GetNumberValue(value_of(vals, "disk")), 50,
	    "default value");
	cJSON_Delete(vals);
	cJSON_Delete(defs);

	/* Which definitions a class offers. */
	cc = cJSON_Parse("{\"metadata\":{\"generation\":2},\"spec\":{"
	    "\"variables\":[{\"name\":\"a\"}]},\"status\":{"
	    "\"observedGeneration\":2,\"conditions\":[{\"type\":"
	    "\"VariablesReady\",\"status\":\"True\"}],\"variables\":[{\"name\":"
	    "\"a\",\"definitions\":[{\"from\":\"inline\",\"required\":true,"
	    "\"schema\":{\"openAPIV3Schema\":{\"type\":\"string\"}}}]}]}}");
	defs = scs_schema_definitions(cc, &from);
	ok(from == 1 && cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    defs, 0), "required")), "reconciled class: status.variables");
	cJSON_Delete(defs);
	cJSON_SetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(cc,
	    "status"), "observedGeneration"), 1);
	defs = scs_schema_definitions(cc, &from);
	ok(from == 0 && cJSON_GetArraySize(defs) == 1,
	    "stale status: falls back to spec.variables");
	cJSON_Delete(defs);
	cJSON_Delete(cc);
}

int
main(void)
{
	test_fixtures();
	test_keywords();
	return (tap_done());
}
