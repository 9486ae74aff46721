/*
 * test-pins.c: the pins convention (core/pins.c) and the YAML loader it
 * installs the shipped policy with (core/yaml-load.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/pins.h"
#include "scs/util.h"
#include "scs/yaml.h"
#include "../tap.h"

static void
text_is(const char *key, const char *schema, const char *input,
    const char *want)
{
	cJSON	*s = schema != NULL ? cJSON_Parse(schema) : NULL;
	char	*cause = NULL, *got = scs_pins_text(key, s, input, &cause);

	if (want[0] == '!') {
		if (!ok(got == NULL && cause != NULL && strstr(cause,
		    want + 1) != NULL, "%s = '%s' refused: %s", key, input,
		    want + 1))
			diag("got '%s' cause '%s'", got ? got : "(null)",
			    cause ? cause : "(null)");
	} else
		is_str(got, want, "%s = '%s' -> '%s'", key, input, want);
	free(got);
	free(cause);
	cJSON_Delete(s);
}

static void
fields_are(const char *msg, const char *want)
{
	char		**v = scs_pins_message_fields(msg);
	struct scs_buf	  b;
	size_t		  i;

	scs_buf_init(&b, 0);
	scs_buf_adds(&b, "");
	for (i = 0; v != NULL && v[i] != NULL; i++)
		scs_buf_printf(&b, "%s%s", i > 0 ? "|" : "", v[i]);
	is_str(b.data, want, "fields of '%.40s...'", msg);
	scs_buf_done(&b);
	scs_strv_free(v);
}

int
main(void)
{
	cJSON		*cm, *v, *docs, *pol, *bind, *pl, *bl;
	struct scs_pin	 p;
	char		*cause = NULL, *text, *path;
	const char	*why, *yml;
	size_t		 len;
	struct scs_buf	 b;
	int		 i;

	/* Reading */
	cm = cJSON_Parse("{\"data\":{\"variable.workerFlavor\":\"SCS-8V-32\","
	    "\"note\":\"not a pin\",\"kubernetes.version\":\"v1.36.2\","
	    "\"variable.\":\"empty name\",\"variable.disk\":\"100\"}}");
	ok(scs_pins_count(cm) == 3, "three pins, the other keys skipped");
	ok(scs_pins_at(cm, 0, &p) == 0 && strcmp(p.key,
	    "variable.workerFlavor") == 0 && strcmp(p.variable,
	    "workerFlavor") == 0 && strcmp(p.value, "SCS-8V-32") == 0,
	    "first pin");
	ok(scs_pins_at(cm, 1, &p) == 0 && p.variable == NULL &&
	    strcmp(p.key, "kubernetes.version") == 0, "the version pin");
	ok(scs_pins_at(cm, 3, &p) == -1, "past the end");
	is_str(scs_pins_variable(cm, "disk"), "100", "variable disk");
	ok(scs_pins_variable(cm, "nope") == NULL, "unpinned variable");
	is_str(scs_pins_version(cm), "v1.36.2", "version");
	ok(scs_pins_count(NULL) == 0 && scs_pins_version(NULL) == NULL,
	    "no ConfigMap, no pins");
	cJSON_Delete(cm);

	/* Keys */
	ok(scs_pins_key_ok("variable.worker_flavor", NULL) == 0, "key ok");
	ok(scs_pins_key_ok("kubernetes.version", NULL) == 0, "version key");
	ok(scs_pins_key_ok("variable.a b", &cause) == -1 && strstr(cause,
	    "not a variable name") != NULL, "space refused");
	free(cause);
	cause = NULL;
	ok(scs_pins_key_ok("flavor", &cause) == -1 && strstr(cause,
	    "variable.NAME") != NULL, "a bare name refused, the form said");
	free(cause);
	cause = NULL;

	/* Values checked against the schema */
	text_is("variable.f", "{\"type\":\"string\"}", "SCS-8V-32",
	    "SCS-8V-32");
	text_is("variable.f", "{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}",
	    "c", "!supported values");
	text_is("variable.f", "{\"type\":\"string\",\"maxLength\":2}", "abc",
	    "!longer than 2");
	text_is("variable.d", "{\"type\":\"integer\",\"minimum\":10}", "100",
	    "100");
	text_is("variable.d", "{\"type\":\"integer\",\"minimum\":10}", "5",
	    "!greater than or equal to 10");
	text_is("variable.d", "{\"type\":\"integer\"}", "ten", "!not a number");
	text_is("variable.d", "{\"type\":\"integer\"}", "\"10\"",
	    "!not a number");
	text_is("variable.r", "{\"type\":\"number\"}", "0.50", "0.5");
	text_is("variable.h", "{\"type\":\"boolean\"}", "true", "true");
	text_is("variable.h", "{\"type\":\"boolean\"}", "yes", "!boolean");
	text_is("variable.p", "{\"x-kubernetes-int-or-string\":true}", "8080",
	    "8080");
	text_is("variable.p", "{\"x-kubernetes-int-or-string\":true}", "http",
	    "http");
	text_is("variable.o", "{\"type\":\"object\",\"properties\":{}}", "{}",
	    "!only strings, numbers and booleans can be pinned; o is an "
	    "object");
	text_is("variable.l", "{\"type\":\"array\"}", "[]", "!is an array");
	text_is("variable.x", NULL, "1", "!no ClusterClass of the namespace "
	    "has a variable 'x'");
	text_is("variable.f", "{\"type\":\"string\"}", "", "!needs a value");
	text_is("kubernetes.version", NULL, "1.36.2", "v1.36.2");
	text_is("kubernetes.version", NULL, "v1.36.2", "v1.36.2");
	text_is("kubernetes.version", NULL, "v1.36", "!not a Kubernetes");
	text_is("kubernetes.version", NULL, "v1..2", "!not a Kubernetes");
	text_is("kubernetes.version", NULL, "v1.36.2-rc.1", "!not a Kubernetes");
	text_is("flavor", NULL, "x", "!is not a pin");

	/* Values sent */
	pl = cJSON_Parse("{\"type\":\"integer\"}");
	v = scs_pins_value(pl, "100");
	ok(cJSON_IsNumber(v) && v->valuedouble == 100, "integer pin sent as "
	    "a number");
	cJSON_Delete(v);
	cJSON_Delete(pl);
	pl = cJSON_Parse("{\"type\":\"string\"}");
	v = scs_pins_value(pl, "100");
	ok(cJSON_IsString(v) && strcmp(v->valuestring, "100") == 0,
	    "string pin '100' sent as a string");
	cJSON_Delete(v);
	cJSON_Delete(pl);

	/* Writes */
	v = scs_pins_patch("variable.f", "x");
	text = cJSON_PrintUnformatted(v);
	is_str(text, "{\"data\":{\"variable.f\":\"x\"}}", "pin patch");
	free(text);
	cJSON_Delete(v);
	v = scs_pins_patch("variable.f", NULL);
	text = cJSON_PrintUnformatted(v);
	is_str(text, "{\"data\":{\"variable.f\":null}}", "unpin patch");
	free(text);
	cJSON_Delete(v);
	v = scs_pins_configmap("tenant-a", "kubernetes.version", "v1.36.2");
	is_str(cJSON_GetStringValue(J(J(v, "metadata"), "name")), "scs-pins",
	    "new ConfigMap is scs-pins");
	is_str(cJSON_GetStringValue(J(J(v, "metadata"), "namespace")),
	    "tenant-a", "... in the namespace");
	is_str(cJSON_GetStringValue(J(J(v, "data"), "kubernetes.version")),
	    "v1.36.2", "... with the pin");
	cJSON_Delete(v);

	/* Admission messages */
	fields_are("clusters.cluster.x-k8s.io \"c\" is forbidden: "
	    "ValidatingAdmissionPolicy 'scs-pins' with binding 'scs-pins' "
	    "denied request: spec.topology.variables[workerFlavor] is pinned "
	    "by your provider to SCS-8V-32; spec.topology.variables[disk] is "
	    "pinned by your provider to 100",
	    "spec.topology.variables[workerFlavor]|spec.topology.variables[disk]");
	fields_are("... denied request: spec.topology.version is pinned by "
	    "your provider to v1.36.2", "spec.topology.version");
	fields_are("denied: spec.topology.workers.machineDeployments[md-0]"
	    ".variables.overrides change a variable pinned by your provider "
	    "(a, b); spec.topology.variables[a].value: x; "
	    "spec.topology.variables[a] again",
	    "spec.topology.workers.machineDeployments[md-0].variables."
	    "overrides|spec.topology.variables[a]");
	fields_are("nothing named here; spec.topology. alone", "");
	fields_are("spec.topology.variables[unclosed", "spec.topology.variables");

	/* The shipped policy, loaded as the console installs it. */
	path = scs_xprintf("%s/share/policies/scs-pins.yaml",
	    getenv("SCS_SRCDIR") != NULL ? getenv("SCS_SRCDIR") : ".");
	text = tap_slurp(path, &len);
	free(path);
	ok(text != NULL, "read share/policies/scs-pins.yaml");
	docs = text != NULL ? scs_yaml_load(text, len, &cause) : NULL;
	free(text);
	ok(cJSON_GetArraySize(docs) == 2, "two documents");
	pol = cJSON_GetArrayItem(docs, 0);
	bind = cJSON_GetArrayItem(docs, 1);
	is_str(cJSON_GetStringValue(J(pol, "kind")),
	    "ValidatingAdmissionPolicy", "a policy");
	is_str(cJSON_GetStringValue(J(bind, "kind")),
	    "ValidatingAdmissionPolicyBinding", "and its binding");
	ok(strstr(cJSON_GetStringValue(J(cJSON_GetArrayItem(J(J(pol, "spec"),
	    "validations"), 0), "expression")), "variables.version == ''") !=
	    NULL, "folded expressions read as text");
	pl = cJSON_CreateArray();
	bl = cJSON_CreateArray();
	ok(scs_pins_policy_state(pl, bl, &why) == 0 && strstr(why,
	    "not installed") != NULL, "nothing installed");
	cJSON_AddItemToArray(pl, cJSON_Duplicate(pol, 1));
	ok(scs_pins_policy_state(pl, bl, &why) == 0 && strstr(why,
	    "Binding") != NULL, "policy without binding");
	cJSON_AddItemToArray(bl, cJSON_Duplicate(bind, 1));
	ok(scs_pins_policy_state(pl, bl, &why) == 1 && why == NULL,
	    "the shipped pair is in force");
	cJSON_ReplaceItemInObject(J(cJSON_GetArrayItem(bl, 0), "spec"),
	    "validationActions", cJSON_CreateStringArray((const char *[]){
	    "Warn" }, 1));
	ok(scs_pins_policy_state(pl, bl, &why) == 0, "a Warn-only binding "
	    "does not enforce");
	cJSON_Delete(pl);
	cJSON_Delete(bl);
	cJSON_Delete(docs);

	/* YAML loading */
	yml = "a: 1\nb: [true, ~, \"2\", x]\nc: |\n  t\n---\n- -1.5\n";
	docs = scs_yaml_load(yml, strlen(yml), &cause);
	text = cJSON_PrintUnformatted(docs);
	is_str(text, "[{\"a\":1,\"b\":[true,null,\"2\",\"x\"],\"c\":\"t\\n\"},"
	    "[-1.5]]", "scalars resolved");
	free(text);
	cJSON_Delete(docs);
	ok(scs_yaml_load("a: [1\n", 6, &cause) == NULL && cause != NULL &&
	    strncmp(cause, "line 2, column 1: ", 18) == 0,
	    "bad YAML refused with its line and column: %s", cause);
	free(cause);
	cause = NULL;
	/* An alias bomb: 9 levels of 10 aliases = 10^9 values. */
	scs_buf_init(&b, 0);
	scs_buf_adds(&b, "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (i = 1; i < 10; i++)
		scs_buf_printf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, "
		    "*a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i - 1, i - 1,
		    i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	ok(scs_yaml_load(b.data, b.len, &cause) == NULL && cause != NULL &&
	    strstr(cause, "100000") != NULL, "alias bomb refused");
	free(cause);
	scs_buf_done(&b);
	return (tap_done());
}
