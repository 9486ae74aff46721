/*
 * sim-select.c: label and field selectors as the real server reads
 * them (=, ==, !=, in, notin, exists, !exists; the fields it offers).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/util.h"
#include "sim-http-int.h"

/* Does obj's label/field match one selector requirement? */
static int
label_req(const cJSON *labels, const char *req)
{
	char		 key[256], vals[512];
	const char	*v;
	const cJSON	*l;
	int		 neg = 0;
	char		*p, *tok, *save = NULL;

	while (*req == ' ')
		req++;
	if (*req == '!') {
		l = cJSON_GetObjectItemCaseSensitive(labels, req + 1);
		return (l == NULL);
	}
	if (sscanf(req, "%255[^ !=] notin (%511[^)])", key, vals) == 2)
		neg = 1;
	else if (sscanf(req, "%255[^ !=] in (%511[^)])", key, vals) != 2) {
		if ((p = strstr(req, "!=")) != NULL) {
			snprintf(key, sizeof key, "%.*s", (int)(p - req), req);
			l = cJSON_GetObjectItemCaseSensitive(labels, key);
			return (!cJSON_IsString(l) ||
			    strcmp(l->valuestring, p + 2) != 0);
		}
		if ((p = strchr(req, '=')) != NULL) {
			snprintf(key, sizeof key, "%.*s", (int)(p - req), req);
			v = p[1] == '=' ? p + 2 : p + 1;
			l = cJSON_GetObjectItemCaseSensitive(labels, key);
			return (cJSON_IsString(l) &&
			    strcmp(l->valuestring, v) == 0);
		}
		return (cJSON_GetObjectItemCaseSensitive(labels, req) != NULL);
	}
	l = cJSON_GetObjectItemCaseSensitive(labels, key);
	for (tok = strtok_r(vals, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (cJSON_IsString(l) && strcmp(l->valuestring, tok) == 0)
			return (!neg);
	}
	return (neg);
}

/* Split a selector on commas outside parentheses. */
static int
selector_match(const cJSON *labels, const char *sel)
{
	char	 req[1024];
	size_t	 n = 0;
	int	 depth = 0;

	if (sel == NULL || *sel == '\0')
		return (1);
	for (;; sel++) {
		if (*sel == '(')
			depth++;
		else if (*sel == ')')
			depth--;
		if ((*sel == ',' && depth == 0) || *sel == '\0') {
			req[n] = '\0';
			if (n > 0 && !label_req(labels, req))
				return (0);
			n = 0;
			if (*sel == '\0')
				return (1);
			continue;
		}
		if (n + 1 < sizeof req)
			req[n++] = *sel;
	}
}

/* The fields a field selector may name, as the real server offers them
 * (metadata.*, and for events involvedObject.*, type, reason). */
static int
field_match(const cJSON *obj, const char *sel)
{
	static const char *const paths[] = { "metadata.name",
	    "metadata.namespace", "involvedObject.name", "involvedObject.kind",
	    "involvedObject.namespace", "involvedObject.uid", "type", "reason",
	    NULL };
	cJSON		*fields;
	const cJSON	*v;
	size_t		 i;
	int		 ok;

	if (sel == NULL || *sel == '\0')
		return (1);
	fields = cJSON_CreateObject();
	for (i = 0; paths[i] != NULL; i++) {
		v = scs_jpath(obj, paths[i]);
		cJSON_AddStringToObject(fields, paths[i], cJSON_IsString(v) ?
		    v->valuestring : "");
	}
	ok = selector_match(fields, sel);
	cJSON_Delete(fields);
	return (ok);
}

int
sim_obj_match(const cJSON *obj, const char *lsel, const char *fsel)
{
	return (selector_match(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(obj, "metadata"), "labels"),
	    lsel) && field_match(obj, fsel));
}

