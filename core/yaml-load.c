/*
 * yaml-load.c: YAML text (one or more documents) as JSON, for shipped
 * manifests such as share/policies/scs-pins.yaml. Plain scalars are
 * resolved as Kubernetes' YAML reader does for these files: null, ~ and
 * empty -> null, true/false -> booleans, numbers -> numbers, the rest
 * (and every quoted or block scalar) -> strings. Anchors and aliases
 * are copies; a document is bounded to 100,000 values (an alias bomb
 * is refused) and to 64 levels. Problems name their place: "line L,
 * column C: problem".
 */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "scs/util.h"
#include "scs/yaml.h"

#define MAX_DEPTH	64
#define MAX_NODES	100000

static cJSON *
scalar(const yaml_node_t *n)
{
	const char	*s = (const char *)n->data.scalar.value;
	char		*end;
	double		 d;

	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return (cJSON_CreateString(s));
	if (*s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0)
		return (cJSON_CreateNull());
	if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0)
		return (cJSON_CreateBool(s[0] == 't'));
	d = strtod(s, &end);
	if (end != s && *end == '\0' && (s[0] == '-' || (s[0] >= '0' &&
	    s[0] <= '9')))
		return (cJSON_CreateNumber(d));
	return (cJSON_CreateString(s));
}

static cJSON *
node_json(yaml_document_t *doc, const yaml_node_t *n, int depth,
    size_t *budget, char **cause)
{
	yaml_node_item_t	*it;
	yaml_node_pair_t	*pr;
	const yaml_node_t	*k;
	cJSON			*j, *v;

	if (n == NULL || depth > MAX_DEPTH || *budget == 0) {
		scs_cause(cause, "YAML nested deeper than %d or with more "
		    "than %d values", MAX_DEPTH, MAX_NODES);
		return (NULL);
	}
	(*budget)--;
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return (scalar(n));
	case YAML_SEQUENCE_NODE:
		j = cJSON_CreateArray();
		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++) {
			if ((v = node_json(doc, yaml_document_get_node(doc,
			    *it), depth + 1, budget, cause)) == NULL) {
				cJSON_Delete(j);
				return (NULL);
			}
			cJSON_AddItemToArray(j, v);
		}
		return (j);
	case YAML_MAPPING_NODE:
		j = cJSON_CreateObject();
		for (pr = n->data.mapping.pairs.start;
		    pr < n->data.mapping.pairs.top; pr++) {
			k = yaml_document_get_node(doc, pr->key);
			if (k == NULL || k->type != YAML_SCALAR_NODE) {
				scs_cause(cause, "line %zu, column %zu: a "
				    "key that is not a string",
				    n->start_mark.line + 1,
				    n->start_mark.column + 1);
				cJSON_Delete(j);
				return (NULL);
			}
			if ((v = node_json(doc, yaml_document_get_node(doc,
			    pr->value), depth + 1, budget, cause)) == NULL) {
				cJSON_Delete(j);
				return (NULL);
			}
			cJSON_DeleteItemFromObjectCaseSensitive(j,
			    (const char *)k->data.scalar.value);
			cJSON_AddItemToObject(j, (const char *)
			    k->data.scalar.value, v);
		}
		return (j);
	default:
		scs_cause(cause, "empty YAML node");
		return (NULL);
	}
}

cJSON *
scs_yaml_load(const char *text, size_t len, char **cause)
{
	yaml_parser_t	 p;
	yaml_document_t	 doc;
	yaml_node_t	*root;
	cJSON		*docs = cJSON_CreateArray(), *j;
	size_t		 budget;

	if (!yaml_parser_initialize(&p)) {
		cJSON_Delete(docs);
		scs_cause(cause, "out of memory");
		return (NULL);
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	for (;;) {
		if (!yaml_parser_load(&p, &doc)) {
			scs_cause(cause, "line %zu, column %zu: %s%s%s",
			    p.problem_mark.line + 1, p.problem_mark.column + 1,
			    p.problem != NULL ? p.problem : "bad YAML",
			    p.context != NULL ? " " : "", p.context != NULL ?
			    p.context : "");
			goto fail;
		}
		if ((root = yaml_document_get_root_node(&doc)) == NULL) {
			yaml_document_delete(&doc);
			break;
		}
		budget = MAX_NODES;
		j = node_json(&doc, root, 0, &budget, cause);
		yaml_document_delete(&doc);
		if (j == NULL)
			goto fail;
		cJSON_AddItemToArray(docs, j);
	}
	yaml_parser_delete(&p);
	return (docs);
fail:
	yaml_parser_delete(&p);
	cJSON_Delete(docs);
	return (NULL);
}
