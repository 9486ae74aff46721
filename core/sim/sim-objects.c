/*
 * sim-objects.c: small builders for the simulated world's objects:
 * metadata, dotted-path setters, v1beta2 conditions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/util.h"
#include "sim-world.h"

cJSON *
sim_obj_new(const char *api_version, const char *kind, const char *ns,
    const char *name, int64_t created)
{
	cJSON	*o, *md;
	char	 ts[32];

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "apiVersion", api_version);
	cJSON_AddStringToObject(o, "kind", kind);
	md = cJSON_AddObjectToObject(o, "metadata");
	cJSON_AddStringToObject(md, "name", name);
	if (ns != NULL && *ns != '\0')
		cJSON_AddStringToObject(md, "namespace", ns);
	if (created > 0) {
		scs_format_rfc3339(created, ts, sizeof ts);
		cJSON_AddStringToObject(md, "creationTimestamp", ts);
	}
	return (o);
}

/* The object at a dotted path, creating objects on the way. */
cJSON *
sim_path(cJSON *o, const char *path)
{
	char		 key[128];
	const char	*dot;
	size_t		 len;
	cJSON		*next;

	while (*path != '\0') {
		dot = strchr(path, '.');
		len = dot != NULL ? (size_t)(dot - path) : strlen(path);
		if (len >= sizeof key)
			abort();
		memcpy(key, path, len);
		key[len] = '\0';
		next = cJSON_GetObjectItemCaseSensitive(o, key);
		if (next == NULL || !cJSON_IsObject(next)) {
			if (next != NULL)
				cJSON_DeleteItemFromObjectCaseSensitive(o, key);
			next = cJSON_AddObjectToObject(o, key);
		}
		o = next;
		path += len + (dot != NULL);
	}
	return (o);
}

/* Split "a.b.c" into the parent object and the last key. */
static cJSON *
sim_parent(cJSON *o, const char *path, const char **last)
{
	const char	*dot = strrchr(path, '.');
	char		 parent[256];

	if (dot == NULL) {
		*last = path;
		return (o);
	}
	if ((size_t)(dot - path) >= sizeof parent)
		abort();
	memcpy(parent, path, (size_t)(dot - path));
	parent[dot - path] = '\0';
	*last = dot + 1;
	return (sim_path(o, parent));
}

void
sim_set(cJSON *o, const char *path, cJSON *value)
{
	const char	*key;
	cJSON		*p = sim_parent(o, path, &key);

	if (cJSON_GetObjectItemCaseSensitive(p, key) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(p, key, value);
	else
		cJSON_AddItemToObject(p, key, value);
}

void
sim_set_str(cJSON *o, const char *path, const char *s)
{
	sim_set(o, path, cJSON_CreateString(s));
}

void
sim_set_int(cJSON *o, const char *path, long v)
{
	sim_set(o, path, cJSON_CreateNumber((double)v));
}

void
sim_set_bool(cJSON *o, const char *path, int v)
{
	sim_set(o, path, cJSON_CreateBool(v));
}

const cJSON *
sim_get(const cJSON *o, const char *path)
{
	return (scs_jpath(o, path));
}

const char *
sim_get_str(const cJSON *o, const char *path)
{
	const cJSON	*v = sim_get(o, path);

	return (cJSON_IsString(v) ? v->valuestring : NULL);
}

long
sim_get_int(const cJSON *o, const char *path, long def)
{
	const cJSON	*v = sim_get(o, path);

	return (cJSON_IsNumber(v) ? (long)v->valuedouble : def);
}

void
sim_label(cJSON *o, const char *key, const char *value)
{
	cJSON	*labels = sim_path(o, "metadata.labels");

	cJSON_DeleteItemFromObjectCaseSensitive(labels, key);
	cJSON_AddStringToObject(labels, key, value);
}

void
sim_owner(cJSON *o, const char *api_version, const char *kind,
    const char *name, const char *uid)
{
	cJSON	*md = sim_path(o, "metadata"), *refs, *ref;

	refs = cJSON_GetObjectItemCaseSensitive(md, "ownerReferences");
	if (refs == NULL)
		refs = cJSON_AddArrayToObject(md, "ownerReferences");
	ref = cJSON_CreateObject();
	cJSON_AddStringToObject(ref, "apiVersion", api_version);
	cJSON_AddStringToObject(ref, "kind", kind);
	cJSON_AddStringToObject(ref, "name", name);
	if (uid != NULL)
		cJSON_AddStringToObject(ref, "uid", uid);
	cJSON_AddBoolToObject(ref, "controller", 1);
	cJSON_AddBoolToObject(ref, "blockOwnerDeletion", 1);
	cJSON_AddItemToArray(refs, ref);
}

int
sim_cond(cJSON *o, const char *type, const char *status, const char *reason,
    const char *message, int64_t now)
{
	cJSON		*st = sim_path(o, "status"), *conds, *c, *t, *s;
	char		 ts[32];
	const char	*oldr, *oldm;

	conds = cJSON_GetObjectItemCaseSensitive(st, "conditions");
	if (conds == NULL)
		conds = cJSON_AddArrayToObject(st, "conditions");
	cJSON_ArrayForEach(c, conds) {
		t = cJSON_GetObjectItemCaseSensitive(c, "type");
		if (cJSON_IsString(t) && strcmp(t->valuestring, type) == 0)
			break;
	}
	if (c != NULL) {
		s = cJSON_GetObjectItemCaseSensitive(c, "status");
		oldr = sim_get_str(c, "reason");
		oldm = sim_get_str(c, "message");
		if (cJSON_IsString(s) && strcmp(s->valuestring, status) == 0 &&
		    scs_streq(oldr, reason) &&
		    scs_streq(oldm != NULL && *oldm != '\0' ? oldm : NULL,
		    message != NULL && *message != '\0' ? message : NULL))
			return (0);
		if (cJSON_IsString(s) && strcmp(s->valuestring, status) == 0) {
			/* Same status: keep the transition time. */
			sim_set_str(c, "reason", reason);
			cJSON_DeleteItemFromObjectCaseSensitive(c, "message");
			if (message != NULL && *message != '\0')
				cJSON_AddStringToObject(c, "message", message);
			return (1);
		}
		cJSON_DeleteItemFromArray(conds, sim_array_index(conds, c));
	}
	c = cJSON_CreateObject();
	cJSON_AddStringToObject(c, "type", type);
	cJSON_AddStringToObject(c, "status", status);
	scs_format_rfc3339(now, ts, sizeof ts);
	cJSON_AddStringToObject(c, "lastTransitionTime", ts);
	cJSON_AddStringToObject(c, "reason", reason);
	if (message != NULL && *message != '\0')
		cJSON_AddStringToObject(c, "message", message);
	cJSON_AddNumberToObject(c, "observedGeneration",
	    (double)sim_get_int(o, "metadata.generation", 1));
	cJSON_AddItemToArray(conds, c);
	return (1);
}

int
sim_array_index(const cJSON *array, const cJSON *item)
{
	const cJSON	*c;
	int		 i = 0;

	cJSON_ArrayForEach(c, array) {
		if (c == item)
			return (i);
		i++;
	}
	return (-1);
}

/* v1beta1-style condition with severity (cluster-stack operator, CAPO);
 * replaces one of the same type, keeping its lastTransitionTime while
 * the status stays. */
void
sim_cond_v1beta1(cJSON *o, const char *type, const char *status,
    const char *severity, const char *reason, const char *message,
    int64_t now)
{
	cJSON	*conds = cJSON_GetObjectItemCaseSensitive(sim_path(o,
		    "status"), "conditions"), *c, *old = NULL;
	char	 ts[32];
	int	 i = 0, at = -1;

	if (conds == NULL)
		conds = cJSON_AddArrayToObject(sim_path(o, "status"),
		    "conditions");
	cJSON_ArrayForEach(c, conds) {
		if (at < 0 && scs_streq(sim_get_str(c, "type"), type)) {
			old = c;
			at = i;
		}
		i++;
	}
	if (old != NULL && scs_streq(sim_get_str(old, "status"), status) &&
	    sim_get(old, "lastTransitionTime") != NULL) {
		const char *t = sim_get_str(old, "lastTransitionTime");

		now = t != NULL ? scs_parse_rfc3339(t) : now;
	}
	c = cJSON_CreateObject();
	cJSON_AddStringToObject(c, "type", type);
	cJSON_AddStringToObject(c, "status", status);
	if (severity != NULL)
		cJSON_AddStringToObject(c, "severity", severity);
	scs_format_rfc3339(now, ts, sizeof ts);
	cJSON_AddStringToObject(c, "lastTransitionTime", ts);
	if (reason != NULL)
		cJSON_AddStringToObject(c, "reason", reason);
	if (message != NULL)
		cJSON_AddStringToObject(c, "message", message);
	if (at >= 0)
		cJSON_ReplaceItemInArray(conds, at, c);
	else
		cJSON_AddItemToArray(conds, c);
}

/* Deterministic PRNG (splitmix64). */
uint64_t
sim_rand(uint64_t *state)
{
	uint64_t	 z;

	z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

void
sim_uid(uint64_t *state, char *out, size_t len)
{
	uint64_t	 a = sim_rand(state), b = sim_rand(state);

	snprintf(out, len, "%08x-%04x-4%03x-%04x-%012llx",
	    (unsigned)(a >> 32), (unsigned)(a >> 16) & 0xffff,
	    (unsigned)a & 0xfff, (unsigned)((b >> 48) & 0x3fff) | 0x8000,
	    (unsigned long long)(b & 0xffffffffffffULL));
}

const char *
sim_annotation(const cJSON *o, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(
			    sim_get(o, "metadata.annotations"), key);

	return (cJSON_IsString(v) ? v->valuestring : NULL);
}

void
sim_annotate(cJSON *o, const char *key, const char *value)
{
	cJSON	*a = sim_path(o, "metadata.annotations");

	cJSON_DeleteItemFromObjectCaseSensitive(a, key);
	cJSON_AddStringToObject(a, key, value);
}
