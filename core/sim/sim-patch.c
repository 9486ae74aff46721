/*
 * sim-patch.c: merge patch (RFC 7386) and JSON patch (RFC 6902) for the
 * simulator's PATCH verb.
 */
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-int.h"

void
sim_merge_patch(cJSON *target, const cJSON *patch)
{
	const cJSON	*p;
	cJSON		*t;

	cJSON_ArrayForEach(p, patch) {
		if (p->string == NULL)
			continue;
		if (cJSON_IsNull(p)) {
			cJSON_DeleteItemFromObjectCaseSensitive(target,
			    p->string);
			continue;
		}
		t = cJSON_GetObjectItemCaseSensitive(target, p->string);
		if (cJSON_IsObject(p) && cJSON_IsObject(t)) {
			sim_merge_patch(t, p);
			continue;
		}
		if (cJSON_IsObject(p)) {
			/* Merge into an empty object: nulls drop out. */
			cJSON *n = cJSON_CreateObject();

			sim_merge_patch(n, p);
			if (t != NULL)
				cJSON_ReplaceItemInObjectCaseSensitive(target,
				    p->string, n);
			else
				cJSON_AddItemToObject(target, p->string, n);
			continue;
		}
		if (t != NULL)
			cJSON_ReplaceItemInObjectCaseSensitive(target,
			    p->string, cJSON_Duplicate(p, 1));
		else
			cJSON_AddItemToObject(target, p->string,
			    cJSON_Duplicate(p, 1));
	}
}

/* Decode one JSON pointer token (~1 -> /, ~0 -> ~) into buf. */
static const char *
ptr_token(const char *p, char *buf, size_t len)
{
	size_t	 n = 0;

	while (*p != '\0' && *p != '/' && n + 1 < len) {
		if (p[0] == '~' && p[1] == '1') {
			buf[n++] = '/';
			p += 2;
		} else if (p[0] == '~' && p[1] == '0') {
			buf[n++] = '~';
			p += 2;
		} else
			buf[n++] = *p++;
	}
	buf[n] = '\0';
	return (p);
}

/* Resolve the parent of path; *last gets the final token. */
static cJSON *
ptr_parent(cJSON *root, const char *path, char *last, size_t len)
{
	cJSON		*cur = root;
	char		 tok[256];
	const char	*p = path;

	if (*p != '/')
		return (NULL);
	for (;;) {
		p = ptr_token(p + 1, tok, sizeof tok);
		if (*p == '\0') {
			scs_strlcpy(last, tok, len);
			return (cur);
		}
		if (cJSON_IsArray(cur))
			cur = cJSON_GetArrayItem(cur, atoi(tok));
		else
			cur = cJSON_GetObjectItemCaseSensitive(cur, tok);
		if (cur == NULL)
			return (NULL);
	}
}

static cJSON *
ptr_get(cJSON *root, const char *path)
{
	char	 last[256];
	cJSON	*par;

	if (*path == '\0')
		return (root);
	if ((par = ptr_parent(root, path, last, sizeof last)) == NULL)
		return (NULL);
	if (cJSON_IsArray(par))
		return (cJSON_GetArrayItem(par, atoi(last)));
	return (cJSON_GetObjectItemCaseSensitive(par, last));
}

static int
ptr_add(cJSON *root, const char *path, cJSON *v)
{
	char	 last[256];
	cJSON	*par = ptr_parent(root, path, last, sizeof last);
	int	 idx;

	if (par == NULL)
		return (-1);
	if (cJSON_IsArray(par)) {
		if (strcmp(last, "-") == 0) {
			cJSON_AddItemToArray(par, v);
			return (0);
		}
		idx = atoi(last);
		if (idx < 0 || idx > cJSON_GetArraySize(par))
			return (-1);
		if (idx == cJSON_GetArraySize(par))
			cJSON_AddItemToArray(par, v);
		else
			cJSON_InsertItemInArray(par, idx, v);
		return (0);
	}
	if (!cJSON_IsObject(par))
		return (-1);
	if (cJSON_GetObjectItemCaseSensitive(par, last) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(par, last, v);
	else
		cJSON_AddItemToObject(par, last, v);
	return (0);
}

static cJSON *
ptr_detach(cJSON *root, const char *path)
{
	char	 last[256];
	cJSON	*par = ptr_parent(root, path, last, sizeof last);

	if (par == NULL)
		return (NULL);
	if (cJSON_IsArray(par))
		return (cJSON_DetachItemFromArray(par, atoi(last)));
	return (cJSON_DetachItemFromObjectCaseSensitive(par, last));
}

int
sim_json_patch(cJSON *target, const cJSON *ops, char **cause)
{
	const cJSON	*op;
	const char	*o, *path, *from;
	cJSON		*v, *cur;

	if (!cJSON_IsArray(ops)) {
		scs_cause(cause, "a JSON patch must be an array of operations");
		return (-1);
	}
	cJSON_ArrayForEach(op, ops) {
		o = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(op,
		    "op"));
		path = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(op,
		    "path"));
		from = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(op,
		    "from"));
		v = cJSON_GetObjectItemCaseSensitive(op, "value");
		if (o == NULL || path == NULL) {
			scs_cause(cause, "a patch operation needs op and path");
			return (-1);
		}
		if (strcmp(o, "test") == 0) {
			cur = ptr_get(target, path);
			if (cur == NULL || v == NULL ||
			    !cJSON_Compare(cur, v, 1)) {
				scs_cause(cause, "the test at %s failed", path);
				return (-1);
			}
		} else if (strcmp(o, "remove") == 0) {
			if ((cur = ptr_detach(target, path)) == NULL) {
				scs_cause(cause, "nothing to remove at %s",
				    path);
				return (-1);
			}
			cJSON_Delete(cur);
		} else if (strcmp(o, "add") == 0 || strcmp(o, "replace") == 0) {
			if (v == NULL) {
				scs_cause(cause, "%s needs a value", o);
				return (-1);
			}
			if (strcmp(o, "replace") == 0 &&
			    ptr_get(target, path) == NULL) {
				scs_cause(cause, "nothing to replace at %s",
				    path);
				return (-1);
			}
			if (ptr_add(target, path, cJSON_Duplicate(v, 1)) != 0) {
				scs_cause(cause, "bad path %s", path);
				return (-1);
			}
		} else if ((strcmp(o, "move") == 0 || strcmp(o, "copy") == 0) &&
		    from != NULL) {
			cur = strcmp(o, "move") == 0 ? ptr_detach(target, from) :
			    cJSON_Duplicate(ptr_get(target, from), 1);
			if (cur == NULL || ptr_add(target, path, cur) != 0) {
				scs_cause(cause, "cannot %s %s to %s", o, from,
				    path);
				return (-1);
			}
		} else {
			scs_cause(cause, "unknown patch operation '%s'", o);
			return (-1);
		}
	}
	return (0);
}
