/*
 * yaml.h: API objects as YAML text for the YAML view (libyaml emitter),
 * with secret values masked.
 *
 * For a v1 Secret every value under data and stringData is replaced by a
 * mask ("<hidden: N bytes>") unless its key is in reveal (NULL-terminated,
 * may be NULL). With SCS_YAML_REDACT nothing is revealed and the
 * last-applied-configuration annotation of Secrets (which holds the
 * values) is dropped too. The object is borrowed; the text is the
 * caller's.
 */
#ifndef SCS_YAML_H
#define SCS_YAML_H

#include <cJSON.h>

#include "scs/scs.h"

enum scs_yaml_flags {
	SCS_YAML_REDACT		= 1 << 0,
	SCS_YAML_REVEAL_ALL	= 1 << 1	/* every value as it is (the
						 * file :edit gives an editor);
						 * REDACT wins */
};

char	*scs_yaml_emit(const cJSON *obj, unsigned flags,
	    const char *const *reveal, char **cause);

/*
 * YAML text as JSON: an array with one element per document (yaml-load.c
 * says how scalars resolve). NULL with *cause on bad YAML.
 */
cJSON	*scs_yaml_load(const char *text, size_t len, char **cause);

/* Is obj a v1 Secret? */
int	 scs_yaml_is_secret(const cJSON *obj);

#endif
