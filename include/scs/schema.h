/*
 * schema.h: ClusterClass variable schemas (DOMAIN.md section 6): which
 * definitions a class offers, server-like defaulting, validation with
 * the API server's field paths and cause reasons, and a read-only walk
 * of a schema tree for forms. No curses; used by the simulator's
 * admission and by the forms.
 *
 * Definitions are passed as a cJSON array of {name, required, schema:
 * {openAPIV3Schema}, metadata} (the spec.variables shape;
 * scs_schema_definitions turns a class's status.variables into it).
 * Everything passed in is borrowed; results are the caller's to free.
 *
 * Keywords understood: type, description, example, default, enum,
 * properties, additionalProperties (bool or schema), required,
 * minProperties/maxProperties, items, minItems/maxItems, uniqueItems,
 * format, minLength/maxLength, pattern, minimum/maximum with boolean
 * exclusiveMinimum/exclusiveMaximum, nullable,
 * x-kubernetes-preserve-unknown-fields, x-kubernetes-int-or-string,
 * allOf/oneOf/anyOf/not, x-metadata and x-kubernetes-validations. CEL
 * rules are never evaluated here: the server does that; forms show the
 * rule and message. Anything else is ignored, never refused: format on
 * arrays, required on array schemas, choices only in example text.
 *
 * Formats checked like the API server (kube-openapi): ipv4, ipv6, cidr,
 * uuid, uuid3, uuid4, uuid5, hostname, date-time (datetime), date,
 * duration, mac, email, uri, byte, hexcolor, rgbcolor, ssn. Names are
 * compared without '-' (case matters). Other formats are accepted.
 *
 * Causes are worded the way CAPI's Cluster webhook returns them (its
 * cluster_variable_validation.go over the CRD schema validator): the bad
 * value is the whole variable value as JSON, Go-quoted, and nested
 * fields are named in the detail:
 *
 *   spec.topology.variables[disk].value: Invalid value: "5": should be
 *	greater than or equal to 10
 *   spec.topology.variables[net].value.mtu: Invalid value:
 *	"{\"mtu\":\"x\"}": mtu in body must be of type integer: "string"
 *   ...value: Unsupported value: "\"x\"": supported values: "a", "b"
 *   ...value: Too many: "[1,2,3,4]": must have at most 3 items
 *   ...value.[1]: ...		(an item of a root array, as the server)
 *   ...value.url: Required value
 *   spec.topology.variables: Required value: required variable "x" must
 *	be set
 *   spec.topology.variables[x]: Invalid value: "{...}": failed
 *	validation: "a.b,c" field(s) are not specified in the variable
 *	schema of variable "x"
 *
 * Unknown fields (what pruning would drop: fields not in properties,
 * unless additionalProperties or x-kubernetes-preserve-unknown-fields
 * keep them; a typed object without properties keeps none) are reported
 * once per variable and only when the schema checks passed, as in CAPI.
 * The server shows the raw JSON the client sent; this engine compact
 * JSON. scs_schema_cause_text gives the short part for a form.
 *
 * Walking a schema for a form:
 *
 *	struct scs_schema_node	 n, c;
 *	for (i = 0; scs_schema_var(defs, i, &n) == 0; i++) {
 *		... n.name, n.required, n.type, n.description, n.def ...
 *		for (j = 0; scs_schema_child(n.schema, j, &c) == 0; j++)
 *			...		(object properties, in declared order)
 *		scs_schema_items(n.schema)	(array item schema)
 *		scs_schema_values(n.schema)	(map value schema)
 *	}
 *
 * Nodes borrow from defs: they stay valid while defs is unchanged.
 */
#ifndef SCS_SCHEMA_H
#define SCS_SCHEMA_H

#include <stddef.h>

#include <cJSON.h>

#include "scs/scs.h"

#define SCS_SCHEMA_MAX_DEPTH	64

struct scs_schema_cause {
	char	*field;		/* spec.topology.variables[flavor].value.x */
	char	*reason;	/* FieldValueInvalid, FieldValueRequired, ... */
	char	*message;	/* "Unsupported value: ..." */
};

struct scs_schema_errors {
	struct scs_schema_cause	*v;
	size_t			 n;
};

void	 scs_schema_errors_free(struct scs_schema_errors *);

/*
 * The part of a cause's message a form shows next to its field: without
 * the kind, the bad value and "<name> in body" ("should be less than or
 * equal to 2", "must be of type integer: \"string\"", "Required value",
 * "supported values: \"a\", \"b\""). Points into the message.
 */
const char	*scs_schema_cause_text(const struct scs_schema_cause *);

/*
 * A cause's message (the local engine's or the server's, same wording) as
 * a form shows it, one style for both: "must be at least 10", "too large:
 * at most 65535", "must be one of: a, b, c", "must be a CIDR such as
 * 10.0.0.0/16", "required". Messages it does not know come back as
 * scs_schema_cause_text gives them. Caller frees.
 */
char		*scs_schema_readable(const char *message);

/*
 * The definitions a client should use for a ClusterClass object:
 * status.variables when the class is reconciled (VariablesReady or
 * VariablesReconciled True and observedGeneration == generation), else
 * spec.variables. *from_status tells which (may be NULL). A new array.
 * The first definition of each status variable is used; its metadata
 * (deprecatedV1Beta1Metadata in v1beta2) is kept as "metadata".
 */
cJSON	*scs_schema_definitions(const cJSON *clusterclass, int *from_status);

/* --- defaulting ------------------------------------------------------ */

/*
 * Defaulting like CAPI's webhook: a missing variable whose definition has
 * a top-level default is created; nested property defaults are filled
 * inside values that exist (objects, array items, map values; never in
 * allOf/oneOf/anyOf/not branches); a null where the schema is not
 * nullable and has a default is replaced. values is a [{name, value}]
 * array, changed in place (may be NULL: then nothing is created).
 * Returns the count added.
 */
int	 scs_schema_default(const cJSON *defs, cJSON *values);

/* Nested defaults inside one value, as for a variable that is set. */
void	 scs_schema_default_value(const cJSON *schema, cJSON *value);

/*
 * Is value what the class gives by default? The schema has a default and
 * value equals it once both are defaulted as the server would (nested
 * defaults filled in): identityRef {} with defaults inside equals a value
 * holding exactly those. What "(default)" means in every view.
 */
int	 scs_schema_is_default(const cJSON *schema, const cJSON *value);

/* --- validation ------------------------------------------------------ */

/*
 * Validate values ([{name, value}]) against defs. prefix is the path of
 * the list ("spec.topology.variables", or an overrides list). With
 * overrides set, required variables are not demanded. Causes are
 * appended to out. Returns the number of causes added.
 */
size_t	 scs_schema_validate(const cJSON *defs, const cJSON *values,
	    const char *prefix, int overrides, struct scs_schema_errors *out);

/*
 * Validate one value against one openAPIV3Schema at path, unknown
 * fields included (reported at path). Returns the number of causes added.
 */
size_t	 scs_schema_validate_value(const cJSON *schema, const cJSON *value,
	    const char *path, struct scs_schema_errors *out);

/* --- walking a schema tree ------------------------------------------- */

enum scs_schema_type {
	SCS_SCHEMA_ANY,			/* no type: any JSON (free text) */
	SCS_SCHEMA_OBJECT,		/* fixed fields (properties) */
	SCS_SCHEMA_MAP,			/* string keys, values of one schema */
	SCS_SCHEMA_ARRAY,
	SCS_SCHEMA_STRING,
	SCS_SCHEMA_INTEGER,
	SCS_SCHEMA_NUMBER,
	SCS_SCHEMA_BOOLEAN,
	SCS_SCHEMA_INT_OR_STRING	/* x-kubernetes-int-or-string */
};

/* "object", "map", "array", "string", "integer", ..., "any". */
const char	*scs_schema_type_name(enum scs_schema_type);

/*
 * One node of a schema tree. Every pointer is borrowed from the schema
 * (NULL when the keyword is absent). labels and annotations come from
 * x-metadata, for a variable's root also from the definition's metadata.
 */
struct scs_schema_node {
	const cJSON		*schema;	/* the node's openAPIV3Schema */
	enum scs_schema_type	 type;
	const char		*name;		/* variable/property; NULL for items */
	int			 required;	/* required by the parent/class */
	const char		*description;
	const char		*format;
	const cJSON		*def;		/* default */
	const cJSON		*example;
	const cJSON		*enumv;		/* array of allowed values */
	const cJSON		*labels;	/* object of strings */
	const cJSON		*annotations;	/* object of strings */
	const cJSON		*rules;		/* x-kubernetes-validations */
	const cJSON		*all_of, *one_of, *any_of, *not_of;
	int			 nullable;
	int			 preserve_unknown;
	size_t			 nchildren;	/* properties */
};

/* Describe schema (name NULL, required 0). Always succeeds. */
void	 scs_schema_node(const cJSON *schema, struct scs_schema_node *);

/* The i-th variable of defs as a root node. -1 past the end. */
int	 scs_schema_var(const cJSON *defs, size_t i,
	    struct scs_schema_node *);

/* The i-th property of an object schema, in declared order; required
 * from the schema's required list. -1 past the end. */
int	 scs_schema_child(const cJSON *schema, size_t i,
	    struct scs_schema_node *);

/* The property called name, or -1. */
int	 scs_schema_prop(const cJSON *schema, const char *name,
	    struct scs_schema_node *);

/* Item schema of an array, value schema of a map (additionalProperties
 * given as a schema); NULL when there is none. */
const cJSON	*scs_schema_items(const cJSON *schema);
const cJSON	*scs_schema_values(const cJSON *schema);

/*
 * The i-th CEL rule of a node (x-kubernetes-validations): rule text and
 * message (or messageExpression, else NULL). -1 past the end.
 */
int	 scs_schema_rule(const cJSON *schema, size_t i, const char **rule,
	    const char **message);

/*
 * The node's constraints as short human text, e.g. "1–5 items, unique",
 * "≥ 1", "> 0, ≤ 10", "3–63 chars, pattern ^[a-z]+$", "format uuid",
 * "at most 3 properties", "one of 2 schemas" (UTF-8). NULL when there
 * are none; else the caller frees. Enum values are in the node instead.
 */
char	*scs_schema_constraints(const cJSON *schema);

/* --- building values ------------------------------------------------- */

/*
 * A fresh value for a node a user adds (a new variable, array item or
 * map entry): the default with its nested defaults, else {} with nested
 * defaults for objects and maps, [] for arrays, NULL for scalars (leave
 * unset). The caller frees.
 */
cJSON	*scs_schema_initial(const cJSON *schema);

/*
 * Parse what a user typed into a field into a JSON value of the node's
 * type: integer, number, boolean ("true"/"false"), string (as is),
 * int-or-string (integer when it looks like one), objects, arrays and
 * untyped nodes as JSON (untyped: a string when it is not JSON). Empty
 * text for a non-string node returns NULL with *cause NULL (unset). On
 * bad input returns NULL and sets *cause (may be NULL) to an allocated
 * message. The value is the caller's.
 */
cJSON	*scs_schema_parse(const cJSON *schema, const char *text,
	    char **cause);

/* Text for editing value: strings as they are, anything else as
 * compact JSON. The caller frees. */
char	*scs_schema_text(const cJSON *value);

#endif
