/*
 * json-merge.c: JSON merge patches (RFC 7386) made and applied (util.h):
 * what :edit carries over to the server's newer version after a 409.
 */
#include <string.h>

#include <cJSON.h>

#include "scs/util.h"

#define MERGE_MAX_DEPTH	128

static cJSON *
diff(const cJSON *a, const cJSON *b, int depth)
{
	const cJSON	*c, *o;
	cJSON		*p, *sub;

	if (!cJSON_IsObject(a) || !cJSON_IsObject(b) ||
	    depth > MERGE_MAX_DEPTH)
		return (cJSON_Compare(a, b, 1) ? NULL : cJSON_Duplicate(b, 1));
	p = cJSON_CreateObject();
	cJSON_ArrayForEach(c, a) {
		if (cJSON_GetObjectItemCaseSensitive(b, c->string) == NULL)
			cJSON_AddNullToObject(p, c->string);
	}
	cJSON_ArrayForEach(c, b) {
		o = cJSON_GetObjectItemCaseSensitive(a, c->string);
		if (o == NULL)
			sub = cJSON_Duplicate(c, 1);
		else if ((sub = diff(o, c, depth + 1)) == NULL)
			continue;
		cJSON_AddItemToObject(p, c->string, sub);
	}
	if (cJSON_GetArraySize(p) == 0) {
		cJSON_Delete(p);
		return (NULL);
	}
	return (p);
}

cJSON *
scs_json_merge_diff(const cJSON *from, const cJSON *to)
{
	return (diff(from, to, 0));
}

/* target (an object) with patch (an object) merged in, in place: a
 * member keeps its place. */
static void
apply(cJSON *target, const cJSON *patch, int depth)
{
	const cJSON	*c;
	cJSON		*t, *v;

	cJSON_ArrayForEach(c, patch) {
		t = cJSON_GetObjectItemCaseSensitive(target, c->string);
		if (cJSON_IsNull(c)) {
			cJSON_DeleteItemFromObjectCaseSensitive(target,
			    c->string);
			continue;
		}
		if (cJSON_IsObject(t) && cJSON_IsObject(c) &&
		    depth < MERGE_MAX_DEPTH) {
			apply(t, c, depth + 1);
			continue;
		}
		if (cJSON_IsObject(c)) {
			v = cJSON_CreateObject();
			apply(v, c, depth + 1);
		} else
			v = cJSON_Duplicate(c, 1);
		if (t != NULL)
			cJSON_ReplaceItemInObjectCaseSensitive(target,
			    c->string, v);
		else
			cJSON_AddItemToObject(target, c->string, v);
	}
}

cJSON *
scs_json_merge_apply(cJSON *target, const cJSON *patch)
{
	if (patch == NULL)
		return (target);
	if (!cJSON_IsObject(patch)) {
		cJSON_Delete(target);
		return (cJSON_Duplicate(patch, 1));
	}
	if (!cJSON_IsObject(target)) {
		cJSON_Delete(target);
		target = cJSON_CreateObject();
	}
	apply(target, patch, 0);
	return (target);
}
