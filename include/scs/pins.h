/*
 * pins.h: the pins convention (README "Pins", scs-tui(1) PINS): values a
 * provider fixes for the Clusters of a tenant namespace. The pins of
 * namespace NS are the data of the ConfigMap scs-pins in NS:
 *
 *	variable.NAME		topology variable NAME: the plain string for
 *				string variables, JSON text otherwise
 *	kubernetes.version	spec.topology.version
 *
 * enforced by the ValidatingAdmissionPolicy scs-pins (and its binding of
 * the same name) shipped in share/policies/scs-pins.yaml. No curses;
 * everything passed in is borrowed, results are the caller's.
 */
#ifndef SCS_PINS_H
#define SCS_PINS_H

#include <stddef.h>

#include <cJSON.h>

#define SCS_PINS_CONFIGMAP	"scs-pins"
#define SCS_PINS_POLICY		"scs-pins"
#define SCS_PINS_VERSION	"kubernetes.version"
#define SCS_PINS_VARIABLE	"variable."

/* One pin, borrowed from the ConfigMap. */
struct scs_pin {
	const char	*key;
	const char	*value;
	const char	*variable;	/* NAME of variable.NAME, else NULL */
};

/* The pins of a ConfigMap (NULL: none), in the ConfigMap's key order;
 * keys that are not pins are skipped. */
size_t		 scs_pins_count(const cJSON *configmap);
int		 scs_pins_at(const cJSON *configmap, size_t i, struct scs_pin *);
/* The pinned text of variable name, of the version; NULL when unpinned. */
const char	*scs_pins_variable(const cJSON *configmap, const char *name);
const char	*scs_pins_version(const cJSON *configmap);

/* 0 when key is a pin key (variable.NAME with a variable name CAPI
 * accepts, or kubernetes.version), else -1 and *cause. */
int		 scs_pins_key_ok(const char *key, char **cause);

/*
 * The text to store for pinning key to what the user typed: for a
 * variable, input is checked against its openAPIV3Schema (schema NULL:
 * the variable is in none of the namespace's classes, refused) and only
 * scalars can be pinned; strings are stored as typed, numbers and
 * booleans as compact JSON. For the version, "1.36.2" becomes "v1.36.2".
 * NULL with *cause when it cannot be pinned.
 */
char		*scs_pins_text(const char *key, const cJSON *schema,
		    const char *input, char **cause);

/* The value a pinned variable is sent with: a string for a string
 * schema (or one that does not say), else the JSON the text holds. */
cJSON		*scs_pins_value(const cJSON *schema, const char *text);

/* A merge patch setting key to value (NULL: removing it), and the whole
 * ConfigMap to create when there is none yet. */
cJSON		*scs_pins_patch(const char *key, const char *value);
cJSON		*scs_pins_configmap(const char *ns, const char *key,
		    const char *value);

/*
 * Is the shipped policy in force? policies and bindings are lists'
 * items arrays (either may be NULL). 1 when a ValidatingAdmissionPolicy
 * scs-pins with paramKind ConfigMap and a binding of it with paramRef
 * scs-pins and a Deny action are there; 0 otherwise, *why saying what is
 * missing (static text).
 */
int		 scs_pins_policy_state(const cJSON *policies,
		    const cJSON *bindings, const char **why);

/*
 * The fields an admission message names ("spec.topology.variables[X]",
 * "spec.topology.version", "spec.topology.workers.machineDeployments[Y]
 * ...overrides"), in order, without repeats: a NULL-terminated array
 * (NULL when none) for scs_strv_free.
 */
char		**scs_pins_message_fields(const char *message);

#endif
