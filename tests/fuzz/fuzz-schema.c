/*
 * fuzz-schema.c: the variable schema engine. The input is a schema JSON
 * and a value JSON separated by a line "%%". The schema is used as an
 * openAPIV3Schema, as a definitions array and as a ClusterClass
 * (scs_schema_definitions); the value as one value and as a
 * [{name, value}] list. Checks: every cause has field, reason and
 * message; defaulting is idempotent (a second run adds nothing and
 * changes nothing); validation does not change the values.
 */
#define _GNU_SOURCE	/* memmem */
#include <string.h>

#include "scs/api.h"
#include "scs/schema.h"
#include "scs/util.h"
#include "fuzz.h"

#define FUZZ_MAX_INPUT	(128 * 1024)
#define FUZZ_SEP	"\n%%\n"

static void
check_errors(struct scs_schema_errors *e, size_t added, size_t before)
{
	size_t	 i;

	FUZZ_CHECK(e->n == before + added);
	for (i = 0; i < e->n; i++) {
		FUZZ_CHECK(e->v[i].field != NULL);
		FUZZ_CHECK(e->v[i].reason != NULL && *e->v[i].reason != '\0');
		FUZZ_CHECK(e->v[i].message != NULL);
	}
}

static char *
text(const cJSON *j)
{
	char	*s = cJSON_PrintUnformatted(j);

	return (s != NULL ? s : scs_xstrdup("(null)"));
}

/* Default twice, validate as a full list and as overrides. */
static void
run_defs(const cJSON *defs, const cJSON *values)
{
	struct scs_schema_errors e = { NULL, 0 };
	cJSON		*v;
	char		*once, *twice, *after;
	size_t		 n;

	v = values != NULL ? cJSON_Duplicate(values, 1) : NULL;
	scs_schema_default(defs, v);
	once = text(v);
	FUZZ_CHECK(scs_schema_default(defs, v) == 0);
	twice = text(v);
	FUZZ_CHECK(strcmp(once, twice) == 0);
	n = scs_schema_validate(defs, v, "spec.topology.variables", 0, &e);
	check_errors(&e, n, 0);
	n = scs_schema_validate(defs, v, "overrides", 1, &e);
	check_errors(&e, n, e.n - n);
	after = text(v);
	FUZZ_CHECK(strcmp(once, after) == 0);
	scs_schema_errors_free(&e);
	cJSON_free(once);
	cJSON_free(twice);
	cJSON_free(after);
	cJSON_Delete(v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scs_schema_errors e = { NULL, 0 };
	const char	*p = (const char *)data, *sep;
	cJSON		*schema, *value, *defs, *values, *def, *sch, *val;
	size_t		 n;
	int		 from_status;

	if (size > FUZZ_MAX_INPUT)
		return (0);
	if ((sep = memmem(p, size, FUZZ_SEP, strlen(FUZZ_SEP))) == NULL)
		return (0);
	schema = scs_json_parse(p, (size_t)(sep - p), NULL);
	sep += strlen(FUZZ_SEP);
	value = scs_json_parse(sep, size - (size_t)(sep - p), NULL);
	if (schema == NULL || value == NULL) {
		cJSON_Delete(schema);
		cJSON_Delete(value);
		return (0);
	}

	/* One value against the schema. */
	n = scs_schema_validate_value(schema, value, "value", &e);
	check_errors(&e, n, 0);
	scs_schema_errors_free(&e);

	/* The value as a list, or wrapped into one as variable "v". */
	if (cJSON_IsArray(value))
		values = cJSON_Duplicate(value, 1);
	else {
		values = cJSON_CreateArray();
		val = cJSON_CreateObject();
		cJSON_AddStringToObject(val, "name", "v");
		cJSON_AddItemToObject(val, "value", cJSON_Duplicate(value, 1));
		cJSON_AddItemToArray(values, val);
	}

	/* The schema as the openAPIV3Schema of a required variable "v". */
	defs = cJSON_CreateArray();
	def = cJSON_CreateObject();
	cJSON_AddStringToObject(def, "name", "v");
	cJSON_AddTrueToObject(def, "required");
	sch = cJSON_AddObjectToObject(def, "schema");
	cJSON_AddItemToObject(sch, "openAPIV3Schema", cJSON_Duplicate(schema,
	    1));
	cJSON_AddItemToArray(defs, def);
	run_defs(defs, values);
	run_defs(defs, NULL);
	cJSON_Delete(defs);

	/* The schema as definitions, and as a ClusterClass. */
	if (cJSON_IsArray(schema))
		run_defs(schema, values);
	defs = scs_schema_definitions(schema, &from_status);
	FUZZ_CHECK(defs != NULL);
	FUZZ_CHECK(from_status == 0 || cJSON_IsArray(defs));
	run_defs(defs, values);
	cJSON_Delete(defs);

	cJSON_Delete(values);
	cJSON_Delete(schema);
	cJSON_Delete(value);
	return (0);
}
