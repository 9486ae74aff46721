/*
 * sim-managed.c: metadata.managedFields as server-side apply writes them
 * (FieldsV1): for each manager the set of fields it owns, derived from
 * the object itself. Maps become "f:KEY" entries, list items keyed by
 * name or type "k:{"name":"..."}" entries with "." for the item itself,
 * other lists and scalars are leaves ({}).
 */
#include <stdio.h>
#include <string.h>

#include "scs/util.h"
#include "sim-world.h"

/* The key of an associative list item, or NULL (an atomic list). */
static const char *
item_key(const cJSON *item)
{
	static const char *const keys[] = { "name", "type", NULL };
	size_t	 i;

	if (!cJSON_IsObject(item))
		return (NULL);
	for (i = 0; keys[i] != NULL; i++) {
		if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(item,
		    keys[i])))
			return (keys[i]);
	}
	return (NULL);
}

static cJSON	*fieldset(const cJSON *);

/* The fields of one map's members, into set. */
static void
fieldset_members(cJSON *set, const cJSON *map)
{
	const cJSON	*m;
	char		 k[512];

	cJSON_ArrayForEach(m, map) {
		snprintf(k, sizeof k, "f:%s", m->string);
		cJSON_AddItemToObject(set, k, fieldset(m));
	}
}

static cJSON *
fieldset(const cJSON *v)
{
	cJSON		*set = cJSON_CreateObject(), *e, *kv;
	const cJSON	*item;
	const char	*key;
	char		*ks, k[512];

	if (cJSON_IsObject(v))
		fieldset_members(set, v);
	else if (cJSON_IsArray(v) && item_key(cJSON_GetArrayItem(v, 0)) !=
	    NULL) {
		cJSON_ArrayForEach(item, v) {
			if ((key = item_key(item)) == NULL)
				continue;
			kv = cJSON_CreateObject();
			cJSON_AddStringToObject(kv, key, cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(item, key)));
			ks = cJSON_PrintUnformatted(kv);
			cJSON_Delete(kv);
			snprintf(k, sizeof k, "k:%s", ks);
			cJSON_free(ks);
			e = cJSON_AddObjectToObject(set, k);
			cJSON_AddObjectToObject(e, ".");
			fieldset_members(e, item);
		}
	}
	return (set);
}

static void
entry(cJSON *mf, const char *api, const char *manager,
    const char *subresource, cJSON *fields, int64_t when)
{
	cJSON	*e = cJSON_CreateObject();
	char	 ts[32];

	scs_format_rfc3339(when, ts, sizeof ts);
	cJSON_AddStringToObject(e, "apiVersion", api != NULL ? api : "v1");
	cJSON_AddStringToObject(e, "fieldsType", "FieldsV1");
	cJSON_AddItemToObject(e, "fieldsV1", fields);
	cJSON_AddStringToObject(e, "manager", manager);
	cJSON_AddStringToObject(e, "operation", "Apply");
	if (subresource != NULL)
		cJSON_AddStringToObject(e, "subresource", subresource);
	cJSON_AddStringToObject(e, "time", ts);
	cJSON_AddItemToArray(mf, e);
}

void
sim_managed_fields(cJSON *o, const char *manager, int64_t created,
    const char *status_manager, int64_t status_time)
{
	cJSON		*md = sim_path(o, "metadata"), *mf, *f, *fm;
	const cJSON	*v;
	const char	*api = sim_get_str(o, "apiVersion");
	char		*text;

	cJSON_DeleteItemFromObjectCaseSensitive(md, "managedFields");
	mf = cJSON_AddArrayToObject(md, "managedFields");
	f = cJSON_CreateObject();
	fm = cJSON_CreateObject();
	if ((v = cJSON_GetObjectItemCaseSensitive(md, "annotations")) != NULL)
		cJSON_AddItemToObject(fm, "f:annotations", fieldset(v));
	if ((v = cJSON_GetObjectItemCaseSensitive(md, "labels")) != NULL)
		cJSON_AddItemToObject(fm, "f:labels", fieldset(v));
	cJSON_AddItemToObject(f, "f:metadata", fm);
	if ((v = cJSON_GetObjectItemCaseSensitive(o, "spec")) != NULL)
		cJSON_AddItemToObject(f, "f:spec", fieldset(v));
	entry(mf, api, manager, NULL, f, created);
	if (status_manager != NULL &&
	    (v = cJSON_GetObjectItemCaseSensitive(o, "status")) != NULL) {
		f = cJSON_CreateObject();
		cJSON_AddItemToObject(f, "f:status", fieldset(v));
		entry(mf, api, status_manager, "status", f, status_time);
	}
	/* Kept as its text (a raw item, printed as it is): a tree of a
	 * few hundred nodes per object would cost the simulator ~25 KB
	 * per cluster, 2.5 GB for a world of 100,000. */
	text = cJSON_PrintUnformatted(mf);
	cJSON_ReplaceItemInObjectCaseSensitive(md, "managedFields",
	    cJSON_CreateRaw(text));
	cJSON_free(text);
}
