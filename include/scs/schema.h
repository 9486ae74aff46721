/*
 * schema.h: ClusterClass variable schemas (DOMAIN.md section 6): which
 * definitions a class offers, server-like defaulting, and validation with
 * the API server's field paths and cause reasons. No curses; used by the
 * simulator's admission and by the forms.
 *
 * Definitions are passed as a cJSON array of {name, required, schema:
 * {openAPIV3Schema}} (the spec.variables shape; scs_schema_definitions
 * turns a class's status.variables into it). Everything is borrowed;
 * results are the caller's to free.
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
 * The definitions a client should use for a ClusterClass object:
 * status.variables when the class is reconciled (VariablesReady or
 * VariablesReconciled True and observedGeneration == generation), else
 * spec.variables. *from_status tells which (may be NULL). A new array.
 */
cJSON	*scs_schema_definitions(const cJSON *clusterclass, int *from_status);

/*
 * Defaulting like CAPI's webhook: a missing variable whose definition has
 * a top-level default is created; nested property defaults are filled
 * inside values that exist. values is a [{name, value}] array, changed in
 * place (may be NULL: then nothing is created). Returns the count added.
 */
int	 scs_schema_default(const cJSON *defs, cJSON *values);

/*
 * Validate values ([{name, value}]) against defs. prefix is the path of
 * the list ("spec.topology.variables", or an overrides list). With
 * overrides set, required variables are not demanded. Causes are
 * appended to out. Returns the number of causes added.
 */
size_t	 scs_schema_validate(const cJSON *defs, const cJSON *values,
	    const char *prefix, int overrides, struct scs_schema_errors *out);

/* Validate one value against one openAPIV3Schema at path. */
size_t	 scs_schema_validate_value(const cJSON *schema, const cJSON *value,
	    const char *path, struct scs_schema_errors *out);

#endif
