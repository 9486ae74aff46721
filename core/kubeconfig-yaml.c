/*
 * kubeconfig-yaml.c: turn YAML text into a small node tree with places,
 * from libyaml parse events (the event parser is not recursive, so depth
 * is bounded here rather than by the C stack).
 */
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <yaml.h>

#include "kubeconfig-int.h"
#include "scs/util.h"

static struct kc_node *
kc_node_new(enum kc_type type, const yaml_mark_t *m)
{
	struct kc_node	*n;

	n = scs_xcalloc(1, sizeof *n);
	n->type = type;
	n->line = (int)m->line + 1;
	n->col = (int)m->column + 1;
	return (n);
}

static void
kc_node_add(struct kc_node *parent, struct kc_node *kid)
{
	parent->kids = scs_xreallocarray(parent->kids, parent->n + 1,
	    sizeof *parent->kids);
	parent->kids[parent->n++] = kid;
}

void
kc_node_free(struct kc_node *n)
{
	size_t	 i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++)
		kc_node_free(n->kids[i]);
	free(n->kids);
	if (n->str != NULL) {
		/* Scalars may be tokens or keys. */
		scs_memzero(n->str, n->len);
		free(n->str);
	}
	free(n);
}

int
kc_node_null(const struct kc_node *n)
{
	if (n == NULL)
		return (1);
	if (n->type != KC_SCALAR || !n->plain)
		return (0);
	return (n->len == 0 || strcmp(n->str, "~") == 0 ||
	    strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
	    strcmp(n->str, "NULL") == 0);
}

const char *
kc_node_kind(const struct kc_node *n)
{
	switch (n->type) {
	case KC_MAP:
		return ("mapping");
	case KC_SEQ:
		return ("sequence");
	default:
		return ("scalar");
	}
}

static void
kc_yaml_error(const yaml_parser_t *p, const char *text, size_t len,
    const char *name, char **cause)
{
	const yaml_mark_t	*m = &p->problem_mark;
	size_t			 i, line = 1, col = 1;

	if (p->error == YAML_MEMORY_ERROR) {
		scs_cause(cause, "%s: out of memory", name);
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		/* Only a byte offset is known: count lines up to it. */
		for (i = 0; i < p->problem_offset && i < len; i++) {
			if (text[i] == '\n') {
				line++;
				col = 1;
			} else
				col++;
		}
		scs_cause(cause, "%s:%zu:%zu: %s", name, line, col,
		    p->problem != NULL ? p->problem : "cannot read");
		return;
	}
	if (p->context != NULL)
		scs_cause(cause, "%s:%zu:%zu: %s %s", name, m->line + 1,
		    m->column + 1, p->problem != NULL ? p->problem :
		    "syntax error", p->context);
	else
		scs_cause(cause, "%s:%zu:%zu: %s", name, m->line + 1,
		    m->column + 1, p->problem != NULL ? p->problem :
		    "syntax error");
}

enum scs_status
kc_yaml_load(const char *text, size_t len, const char *name,
    struct kc_node **root, char **cause)
{
	yaml_parser_t	 p;
	yaml_event_t	 ev;
	struct kc_node	*stack[SCS_KUBECONFIG_MAX_DEPTH];
	struct kc_node	*n, *top = NULL;
	int		 depth = 0, done = 0;
	enum scs_status	 st = SCS_OK;

	*root = NULL;
	if (!yaml_parser_initialize(&p)) {
		scs_cause(cause, "%s: out of memory", name);
		return (SCS_NOMEM);
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			kc_yaml_error(&p, text, len, name, cause);
			st = SCS_CONFIG;
			break;
		}
		n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			done = 1;
			break;
		case YAML_ALIAS_EVENT:
			scs_cause(cause, "%s:%zu:%zu: aliases are not "
			    "supported", name, ev.start_mark.line + 1,
			    ev.start_mark.column + 1);
			st = SCS_CONFIG;
			break;
		case YAML_SCALAR_EVENT:
			n = kc_node_new(KC_SCALAR, &ev.start_mark);
			n->len = ev.data.scalar.length;
			n->str = scs_xmalloc(n->len + 1);
			memcpy(n->str, ev.data.scalar.value, n->len);
			n->str[n->len] = '\0';
			n->plain = ev.data.scalar.style ==
			    YAML_PLAIN_SCALAR_STYLE && ev.data.scalar.tag ==
			    NULL;
			scs_memzero(ev.data.scalar.value, n->len);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth == SCS_KUBECONFIG_MAX_DEPTH) {
				scs_cause(cause, "%s:%zu:%zu: nested deeper "
				    "than %d levels", name,
				    ev.start_mark.line + 1,
				    ev.start_mark.column + 1,
				    SCS_KUBECONFIG_MAX_DEPTH);
				st = SCS_LIMIT;
				break;
			}
			n = kc_node_new(ev.type == YAML_MAPPING_START_EVENT ?
			    KC_MAP : KC_SEQ, &ev.start_mark);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (st != SCS_OK)
			break;
		if (n == NULL)
			continue;
		if (depth == 0 && top == NULL)
			top = n;
		else if (depth > 0)
			kc_node_add(stack[depth - 1], n);
		else {
			kc_node_free(n);	/* cannot happen: one root */
			continue;
		}
		if (n->type != KC_SCALAR)
			stack[depth++] = n;
	}
	yaml_parser_delete(&p);
	if (st != SCS_OK) {
		kc_node_free(top);
		return (st);
	}
	*root = top;
	return (SCS_OK);
}

static cJSON *
kc_node_to_cjson(const struct kc_node *n)
{
	cJSON		*j;
	char		*end;
	double		 d;
	size_t		 i;

	switch (n->type) {
	case KC_MAP:
		j = cJSON_CreateObject();
		for (i = 0; i + 1 < n->n; i += 2) {
			if (n->kids[i]->type != KC_SCALAR)
				continue;
			cJSON_DeleteItemFromObjectCaseSensitive(j,
			    n->kids[i]->str);
			cJSON_AddItemToObject(j, n->kids[i]->str,
			    kc_node_to_cjson(n->kids[i + 1]));
		}
		return (j);
	case KC_SEQ:
		j = cJSON_CreateArray();
		for (i = 0; i < n->n; i++)
			cJSON_AddItemToArray(j, kc_node_to_cjson(n->kids[i]));
		return (j);
	default:
		break;
	}
	if (kc_node_null(n))
		return (cJSON_CreateNull());
	if (n->plain && (strcmp(n->str, "true") == 0 ||
	    strcmp(n->str, "True") == 0 || strcmp(n->str, "TRUE") == 0))
		return (cJSON_CreateTrue());
	if (n->plain && (strcmp(n->str, "false") == 0 ||
	    strcmp(n->str, "False") == 0 || strcmp(n->str, "FALSE") == 0))
		return (cJSON_CreateFalse());
	if (n->plain && n->len > 0 && strchr("-+0123456789.", n->str[0])) {
		d = strtod(n->str, &end);
		if (*end == '\0')
			return (cJSON_CreateNumber(d));
	}
	return (cJSON_CreateString(n->str));
}

char *
kc_node_json(const struct kc_node *n)
{
	cJSON	*j;
	char	*s, *copy;

	j = kc_node_to_cjson(n);
	s = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (s == NULL)
		abort();	/* cJSON failed to allocate */
	copy = scs_xstrdup(s);
	cJSON_free(s);
	return (copy);
}
