/*
 * pins.c: the pins convention (pins.h): reading the ConfigMap scs-pins,
 * checking and writing pins, telling whether the shipped policy is in
 * force, and finding the fields an admission message names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/pins.h"
#include "scs/schema.h"
#include "scs/util.h"

#define S(o, k)	cJSON_GetStringValue(J((o), (k)))

static const char *
variable_of(const char *key)
{
	if (!scs_strprefix(key, SCS_PINS_VARIABLE) ||
	    key[strlen(SCS_PINS_VARIABLE)] == '\0')
		return (NULL);
	return (key + strlen(SCS_PINS_VARIABLE));
}

static int
is_pin(const cJSON *item)
{
	return (cJSON_IsString(item) && item->string != NULL &&
	    (strcmp(item->string, SCS_PINS_VERSION) == 0 ||
	    variable_of(item->string) != NULL));
}

size_t
scs_pins_count(const cJSON *cm)
{
	const cJSON	*it;
	size_t		 n = 0;

	cJSON_ArrayForEach(it, J(cm, "data"))
		if (is_pin(it))
			n++;
	return (n);
}

int
scs_pins_at(const cJSON *cm, size_t i, struct scs_pin *p)
{
	const cJSON	*it;

	cJSON_ArrayForEach(it, J(cm, "data")) {
		if (!is_pin(it) || i-- > 0)
			continue;
		p->key = it->string;
		p->value = it->valuestring;
		p->variable = variable_of(it->string);
		return (0);
	}
	return (-1);
}

const char *
scs_pins_variable(const cJSON *cm, const char *name)
{
	char		*key = scs_xprintf("%s%s", SCS_PINS_VARIABLE, name);
	const char	*v = S(J(cm, "data"), key);

	free(key);
	return (v);
}

const char *
scs_pins_version(const cJSON *cm)
{
	return (S(J(cm, "data"), SCS_PINS_VERSION));
}

int
scs_pins_key_ok(const char *key, char **cause)
{
	const char	*v, *p;

	if (key != NULL && strcmp(key, SCS_PINS_VERSION) == 0)
		return (0);
	if (key == NULL || (v = variable_of(key)) == NULL) {
		scs_cause(cause, "'%s' is not a pin: pins are %sNAME and %s",
		    key != NULL ? key : "", SCS_PINS_VARIABLE,
		    SCS_PINS_VERSION);
		return (-1);
	}
	/* A ConfigMap key and a CAPI variable name at once. */
	for (p = v; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '-')
			continue;
		scs_cause(cause, "'%s' is not a variable name", v);
		return (-1);
	}
	if (strlen(key) > 253) {
		scs_cause(cause, "the key is longer than 253 characters");
		return (-1);
	}
	return (0);
}

/* A version as the policy compares it: v, then digits and dots. */
static char *
version_text(const char *input, char **cause)
{
	char		 v[64];
	const char	*p;
	int		 dots = 0;

	scs_k8s_version_norm(input, v, sizeof v);
	for (p = v + 1; *p != '\0'; p++) {
		if (*p == '.' && p[-1] != '.' && p[-1] != 'v')
			dots++;
		else if (*p < '0' || *p > '9')
			break;
	}
	if (*p != '\0' || dots != 2 || p[-1] == '.') {
		scs_cause(cause, "'%s' is not a Kubernetes version "
		    "(v1.36.2)", input);
		return (NULL);
	}
	return (scs_xstrdup(v));
}

char *
scs_pins_text(const char *key, const cJSON *schema, const char *input,
    char **cause)
{
	struct scs_schema_node	 n;
	struct scs_schema_errors errs = { NULL, 0 };
	cJSON			*value;
	char			*text, *path;

	if (scs_pins_key_ok(key, cause) != 0)
		return (NULL);
	if (input == NULL || *input == '\0') {
		scs_cause(cause, "a pin needs a value");
		return (NULL);
	}
	if (strcmp(key, SCS_PINS_VERSION) == 0)
		return (version_text(input, cause));
	if (schema == NULL) {
		scs_cause(cause, "no ClusterClass of the namespace has a "
		    "variable '%s'", variable_of(key));
		return (NULL);
	}
	scs_schema_node(schema, &n);
	switch (n.type) {
	case SCS_SCHEMA_STRING:
		value = cJSON_CreateString(input);
		break;
	case SCS_SCHEMA_INTEGER:
	case SCS_SCHEMA_NUMBER:
	case SCS_SCHEMA_BOOLEAN:
		value = cJSON_Parse(input);
		if (value != NULL && !cJSON_IsNumber(value) &&
		    !cJSON_IsBool(value)) {
			cJSON_Delete(value);
			value = NULL;
		}
		if (value == NULL) {
			scs_cause(cause, "'%s' is not a%s", input, n.type ==
			    SCS_SCHEMA_BOOLEAN ? " boolean (true, false)" :
			    " number");
			return (NULL);
		}
		break;
	case SCS_SCHEMA_INT_OR_STRING:
		value = cJSON_Parse(input);
		if (value == NULL || !cJSON_IsNumber(value)) {
			cJSON_Delete(value);
			value = cJSON_CreateString(input);
		}
		break;
	default:
		scs_cause(cause, "only strings, numbers and booleans can be "
		    "pinned; %s is %s %s", variable_of(key),
		    strchr("aeiou", scs_schema_type_name(n.type)[0]) != NULL ?
		    "an" : "a", scs_schema_type_name(n.type));
		return (NULL);
	}
	path = scs_xprintf("spec.topology.variables[%s].value",
	    variable_of(key));
	if (scs_schema_validate_value(schema, value, path, &errs) > 0) {
		scs_cause(cause, "%s", scs_schema_cause_text(&errs.v[0]));
		scs_schema_errors_free(&errs);
		cJSON_Delete(value);
		free(path);
		return (NULL);
	}
	free(path);
	text = cJSON_IsString(value) ? scs_xstrdup(value->valuestring) :
	    cJSON_PrintUnformatted(value);
	cJSON_Delete(value);
	return (text);
}

cJSON *
scs_pins_value(const cJSON *schema, const char *text)
{
	struct scs_schema_node	 n;
	cJSON			*v;

	scs_schema_node(schema, &n);
	if (schema == NULL || n.type == SCS_SCHEMA_STRING ||
	    n.type == SCS_SCHEMA_ANY)
		return (cJSON_CreateString(text));
	if ((v = cJSON_Parse(text)) == NULL)
		v = cJSON_CreateString(text);
	return (v);
}

cJSON *
scs_pins_patch(const char *key, const char *value)
{
	cJSON	*p = cJSON_CreateObject(), *d;

	d = cJSON_AddObjectToObject(p, "data");
	if (value != NULL)
		cJSON_AddStringToObject(d, key, value);
	else
		cJSON_AddNullToObject(d, key);
	return (p);
}

cJSON *
scs_pins_configmap(const char *ns, const char *key, const char *value)
{
	cJSON	*cm = cJSON_CreateObject(), *md, *patch;

	cJSON_AddStringToObject(cm, "apiVersion", "v1");
	cJSON_AddStringToObject(cm, "kind", "ConfigMap");
	md = cJSON_AddObjectToObject(cm, "metadata");
	cJSON_AddStringToObject(md, "name", SCS_PINS_CONFIGMAP);
	cJSON_AddStringToObject(md, "namespace", ns);
	cJSON_AddStringToObject(cJSON_AddObjectToObject(md, "labels"),
	    "app.kubernetes.io/part-of", "scs-tui");
	patch = scs_pins_patch(key, value);
	cJSON_AddItemToObject(cm, "data", cJSON_DetachItemFromObject(patch,
	    "data"));
	cJSON_Delete(patch);
	return (cm);
}

int
scs_pins_policy_state(const cJSON *policies, const cJSON *bindings,
    const char **why)
{
	const cJSON	*it, *a;
	int		 policy = 0, deny;

	cJSON_ArrayForEach(it, policies) {
		if (scs_streq(S(J(it, "metadata"), "name"), SCS_PINS_POLICY) &&
		    scs_streq(S(J(J(it, "spec"), "paramKind"), "kind"),
		    "ConfigMap"))
			policy = 1;
	}
	if (!policy) {
		*why = "the ValidatingAdmissionPolicy scs-pins is not installed";
		return (0);
	}
	cJSON_ArrayForEach(it, bindings) {
		deny = 0;
		cJSON_ArrayForEach(a, J(J(it, "spec"), "validationActions"))
			deny |= scs_streq(cJSON_GetStringValue(a), "Deny");
		if (scs_streq(S(J(it, "spec"), "policyName"), SCS_PINS_POLICY) &&
		    scs_streq(S(J(J(it, "spec"), "paramRef"), "name"),
		    SCS_PINS_CONFIGMAP) && deny) {
			*why = NULL;
			return (1);
		}
	}
	*why = "no ValidatingAdmissionPolicyBinding denies with scs-pins as "
	    "its params";
	return (0);
}

/* The end of a field starting at p ("...[...]" pieces and dotted
 * names), or p when none starts there. */
static const char *
field_end(const char *p)
{
	const char	*q;

	for (;;) {
		if (*p == '[') {
			if ((q = strchr(p, ']')) == NULL)
				return (p);
			p = q + 1;
		} else if (*p == '.' && ((p[1] >= 'a' && p[1] <= 'z') ||
		    (p[1] >= 'A' && p[1] <= 'Z')))
			p++;
		else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_')
			p++;
		else
			return (p);
	}
}

char **
scs_pins_message_fields(const char *msg)
{
	char		**v = NULL, *f;
	const char	*p, *e;
	size_t		  n = 0, i;

	for (p = msg; p != NULL && (p = strstr(p, "spec.topology.")) != NULL;
	    p = e) {
		e = field_end(p);
		/* "spec.topology.variables[x].value" names the variable. */
		f = scs_xstrndup(p, (size_t)(e - p));
		if (scs_strsuffix(f, ".value"))
			f[strlen(f) - 6] = '\0';
		for (i = 0; i < n && strcmp(v[i], f) != 0; i++)
			;
		if (i < n || strlen(f) <= strlen("spec.topology.")) {
			free(f);
			if (e == p)
				e = p + 1;
			continue;
		}
		v = scs_xreallocarray(v, n + 2, sizeof *v);
		v[n++] = f;
		v[n] = NULL;
	}
	return (v);
}
