/*
 * sim-write.c: create, update and patch: body checks, admission,
 * conflicts on a stale resourceVersion, status subresources.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-http-int.h"

/* Common checks of a body for create/update; returns the object in the
 * storage version, or NULL after replying. */
static cJSON *
body_object(struct MHD_Connection *c, struct route *rt, struct sim_req *rq,
    enum MHD_Result *ret)
{
	cJSON		*j;
	const char	*api, *kind, *ns;
	char		 want[160], *msg;

	j = cJSON_ParseWithLength(rq->body.data != NULL ? rq->body.data : "",
	    rq->body.len);
	if (j == NULL || !cJSON_IsObject(j)) {
		cJSON_Delete(j);
		*ret = sim_reply_status(c, 400, "BadRequest", "the body of the "
		    "request was in an unknown format - accepted media types "
		    "include: application/json", NULL);
		return (NULL);
	}
	api = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j,
	    "apiVersion"));
	kind = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j,
	    "kind"));
	if (rt->group[0] != '\0')
		snprintf(want, sizeof want, "%s/%s", rt->group, rt->version);
	else
		snprintf(want, sizeof want, "%s", rt->version);
	if ((api != NULL && strcmp(api, want) != 0) ||
	    (kind != NULL && strcmp(kind, rt->rd->kind) != 0)) {
		msg = scs_xprintf("the API version in the data (%s) does not "
		    "match the expected API version (%s)", api != NULL ? api :
		    "", want);
		cJSON_Delete(j);
		*ret = sim_reply_status(c, 400, "BadRequest", msg, NULL);
		free(msg);
		return (NULL);
	}
	if (api == NULL)
		cJSON_AddStringToObject(j, "apiVersion", want);
	if (kind == NULL)
		cJSON_AddStringToObject(j, "kind", rt->rd->kind);
	if (cJSON_GetObjectItemCaseSensitive(j, "metadata") == NULL)
		cJSON_AddObjectToObject(j, "metadata");
	ns = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(j, "metadata"), "namespace"));
	if (rt->rd->namespaced) {
		if (ns != NULL && rt->ns != NULL && strcmp(ns, rt->ns) != 0) {
			cJSON_Delete(j);
			*ret = sim_reply_status(c, 400, "BadRequest", "the "
			    "namespace of the provided object does not match "
			    "the namespace sent on the request", NULL);
			return (NULL);
		}
		if (ns == NULL && rt->ns != NULL)
			cJSON_AddStringToObject(cJSON_GetObjectItemCaseSensitive(
			    j, "metadata"), "namespace", rt->ns);
	}
	if (strcmp(rt->version, rt->rd->versions[0]) != 0)
		sim_convert(rt->key, j, rt->rd->versions[0]);
	return (j);
}

cJSON *
sim_md_of(cJSON *j)
{
	return (cJSON_GetObjectItemCaseSensitive(j, "metadata"));
}

const char *
sim_md_str(const cJSON *j, const char *k)
{
	return (cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(j, "metadata"), k)));
}

void
sim_md_set(cJSON *j, const char *k, const char *v)
{
	cJSON	*md = sim_md_of(j);

	cJSON_DeleteItemFromObjectCaseSensitive(md, k);
	cJSON_AddStringToObject(md, k, v);
}

/* Run admission (webhooks, policies); 0 = go on, else replied. */
static int
admit(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt,
    cJSON *obj, const cJSON *old, char ***warnings, enum MHD_Result *ret)
{
	struct scs_api_error	*err = NULL;

	*warnings = NULL;
	if (sim_admit(sim->db, rt->key, obj, old, sim_authenticate(sim, c),
	    sim_arg(c, "dryRun") != NULL, &err, warnings) != 0) {
		if (err != NULL)
			*ret = sim_reply_error(c, err);
		else
			*ret = sim_reply_status(c, 422, "Invalid", "admission "
			    "refused the object", rt);
		return (-1);
	}
	return (0);
}

enum MHD_Result
sim_do_create(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt,
    struct sim_req *rq)
{
	cJSON			*j;
	const char		*name, *gen;
	char			 buf[320], res[256], *msg, **warnings;
	enum MHD_Result		 ret;
	const struct sim_obj	*o;
	int			 dry = sim_arg(c, "dryRun") != NULL, i;
	uint64_t		 rnd;

	if ((j = body_object(c, rt, rq, &ret)) == NULL)
		return (ret);
	if (rt->rd->namespaced && rt->ns == NULL) {
		cJSON_Delete(j);
		return (sim_reply_status(c, 405, "MethodNotAllowed", "create "
		    "needs a namespace in the path", NULL));
	}
	if (rt->ns != NULL && sim_db_get(sim->db, "/namespaces", NULL,
	    rt->ns) == NULL) {
		cJSON_Delete(j);
		msg = scs_xprintf("namespaces \"%s\" not found", rt->ns);
		ret = sim_reply_status(c, 404, "NotFound", msg, NULL);
		free(msg);
		return (ret);
	}
	name = sim_md_str(j, "name");
	gen = sim_md_str(j, "generateName");
	if ((name == NULL || *name == '\0') && gen != NULL) {
		rnd = (uint64_t)scs_now_ms() * 2654435761u + sim->nrequests;
		snprintf(buf, sizeof buf, "%s", gen);
		for (i = 0; i < 5; i++, rnd /= 27)
			buf[strlen(gen) + (size_t)i] =
			    "bcdfghjklmnpqrstvwxz2456789"[rnd % 27];
		buf[strlen(gen) + 5] = '\0';
		sim_md_set(j, "name", buf);
		name = sim_md_str(j, "name");
	}
	if (name == NULL || *name == '\0') {
		cJSON_Delete(j);
		sim_resource_name(rt->rd, res, sizeof res);
		msg = scs_xprintf("%s \"\" is invalid: metadata.name: Required "
		    "value: name or generateName is required", rt->rd->kind);
		ret = sim_reply_status(c, 422, "Invalid", msg, NULL);
		free(msg);
		return (ret);
	}
	if (sim_db_get(sim->db, rt->key, rt->ns, name) != NULL) {
		sim_resource_name(rt->rd, res, sizeof res);
		msg = scs_xprintf("%s \"%s\" already exists", res, name);
		rt->name = scs_xstrdup(name);
		cJSON_Delete(j);
		ret = sim_reply_status(c, 409, "AlreadyExists", msg, rt);
		free(msg);
		return (ret);
	}
	/* Defaulting as the real server does it. */
	if (strcmp(rt->key, "/secrets") == 0 &&
	    !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(j, "type"))) {
		cJSON_DeleteItemFromObjectCaseSensitive(j, "type");
		cJSON_AddStringToObject(j, "type", "Opaque");
	}
	/* The status subresource is not written through the main one. */
	if (rt->rd->has_status)
		cJSON_DeleteItemFromObjectCaseSensitive(j, "status");
	cJSON_DeleteItemFromObjectCaseSensitive(sim_md_of(j),
	    "resourceVersion");
	cJSON_DeleteItemFromObjectCaseSensitive(sim_md_of(j), "uid");
	cJSON_DeleteItemFromObjectCaseSensitive(sim_md_of(j),
	    "creationTimestamp");
	if (admit(sim, c, rt, j, NULL, &warnings, &ret) != 0) {
		cJSON_Delete(j);
		return (ret);
	}
	if (dry) {
		scs_format_rfc3339(scs_wall_s(), buf, sizeof buf);
		sim_md_set(j, "creationTimestamp", buf);
		sim_md_set(j, "uid", "00000000-0000-4000-8000-00000000d4f7");
		ret = sim_reply_obj(c, 201, rt, j, warnings);
		cJSON_Delete(j);
		scs_strv_free(warnings);
		return (ret);
	}
	o = sim_db_put(sim->db, rt->key, j);
	ret = sim_reply_obj(c, 201, rt, o->json, warnings);
	scs_strv_free(warnings);
	return (ret);
}

static enum MHD_Result
reply_conflict(struct MHD_Connection *c, struct route *rt)
{
	char		 res[256], *msg;
	enum MHD_Result	 ret;

	sim_resource_name(rt->rd, res, sizeof res);
	msg = scs_xprintf("Operation cannot be fulfilled on %s \"%s\": the "
	    "object has been modified; please apply your changes to the latest "
	    "version and try again", res, rt->name);
	ret = sim_reply_status(c, 409, "Conflict", msg, rt);
	free(msg);
	return (ret);
}

/* Write new (storage version) over the stored object; status says
 * whether this is the status subresource. Takes new. */
static enum MHD_Result
write_update(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt,
    cJSON *nw, int check_rv)
{
	const struct sim_obj	*o;
	const char		*rv, *name;
	cJSON			*old, *x;
	char			**warnings;
	enum MHD_Result		 ret;
	int			 status = rt->sub != NULL &&
				    strcmp(rt->sub, "status") == 0;

	o = sim_db_get(sim->db, rt->key, rt->ns, rt->name);
	if (o == NULL) {
		cJSON_Delete(nw);
		return (sim_reply_notfound(c, rt));
	}
	name = sim_md_str(nw, "name");
	if (name != NULL && strcmp(name, rt->name) != 0) {
		cJSON_Delete(nw);
		return (sim_reply_status(c, 400, "BadRequest",
		    "the name of the object does not match the name on the "
		    "URL", rt));
	}
	rv = sim_md_str(nw, "resourceVersion");
	if (check_rv && rv != NULL && *rv != '\0' &&
	    strtoull(rv, NULL, 10) != o->rv) {
		cJSON_Delete(nw);
		return (reply_conflict(c, rt));
	}
	old = cJSON_Duplicate(o->json, 1);
	if (rt->rd->has_status) {
		/* Main resource keeps the old status; /status keeps the rest. */
		if (status) {
			x = cJSON_DetachItemFromObjectCaseSensitive(nw,
			    "status");
			cJSON_Delete(nw);
			nw = cJSON_Duplicate(old, 1);
			cJSON_DeleteItemFromObjectCaseSensitive(nw, "status");
			if (x != NULL)
				cJSON_AddItemToObject(nw, "status", x);
		} else {
			cJSON_DeleteItemFromObjectCaseSensitive(nw, "status");
			x = cJSON_GetObjectItemCaseSensitive(old, "status");
			if (x != NULL)
				cJSON_AddItemToObject(nw, "status",
				    cJSON_Duplicate(x, 1));
		}
	}
	/* Identity and deletion state are the server's (a name sent stays
	 * where it is: it is the URL's). */
	if (name == NULL)
		sim_md_set(nw, "name", rt->name);
	if (sim_md_str(old, "deletionTimestamp") != NULL)
		sim_md_set(nw, "deletionTimestamp", sim_md_str(old,
		    "deletionTimestamp"));
	if (!status && admit(sim, c, rt, nw, old, &warnings, &ret) != 0) {
		cJSON_Delete(nw);
		cJSON_Delete(old);
		return (ret);
	}
	if (status)
		warnings = NULL;
	if (sim_arg(c, "dryRun") != NULL) {
		ret = sim_reply_obj(c, 200, rt, nw, warnings);
		cJSON_Delete(nw);
	} else {
		o = sim_db_put(sim->db, rt->key, nw);
		ret = sim_reply_obj(c, 200, rt, o->json, warnings);
	}
	cJSON_Delete(old);
	scs_strv_free(warnings);
	return (ret);
}

enum MHD_Result
sim_do_update(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt,
    struct sim_req *rq)
{
	cJSON		*j;
	enum MHD_Result	 ret;

	if ((j = body_object(c, rt, rq, &ret)) == NULL)
		return (ret);
	return (write_update(sim, c, rt, j, 1));
}

enum MHD_Result
sim_do_patch(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt,
    struct sim_req *rq)
{
	const char		*ct = MHD_lookup_connection_value(c,
				    MHD_HEADER_KIND, "Content-Type");
	const struct sim_obj	*o;
	cJSON			*patch, *j;
	char			*cause = NULL;
	enum MHD_Result		 ret;

	o = sim_db_get(sim->db, rt->key, rt->ns, rt->name);
	if (o == NULL)
		return (sim_reply_notfound(c, rt));
	patch = cJSON_ParseWithLength(rq->body.data != NULL ? rq->body.data :
	    "", rq->body.len);
	if (patch == NULL)
		return (sim_reply_status(c, 400, "BadRequest",
		    "the patch is not valid JSON", rt));
	/* Patches apply to the object as the client sees it. */
	j = cJSON_Duplicate(o->json, 1);
	if (strcmp(rt->version, rt->rd->versions[0]) != 0)
		sim_convert(rt->key, j, rt->version);
	if (ct != NULL && strncmp(ct, "application/json-patch+json", 27) == 0) {
		if (sim_json_patch(j, patch, &cause) != 0) {
			cJSON_Delete(j);
			cJSON_Delete(patch);
			ret = sim_reply_status(c, 422, "Invalid", cause, rt);
			free(cause);
			return (ret);
		}
	} else if (ct != NULL && (strncmp(ct, "application/merge-patch+json",
	    28) == 0 || strncmp(ct, "application/strategic-merge-patch+json",
	    38) == 0))
		sim_merge_patch(j, patch);
	else {
		cJSON_Delete(j);
		cJSON_Delete(patch);
		return (sim_reply_status(c, 415, "UnsupportedMediaType",
		    "the body of the request was in an unknown format - "
		    "accepted media "
		    "types include: application/json-patch+json, "
		    "application/merge-patch+json, "
		    "application/apply-patch+yaml", rt));
	}
	cJSON_Delete(patch);
	if (strcmp(rt->version, rt->rd->versions[0]) != 0)
		sim_convert(rt->key, j, rt->rd->versions[0]);
	/* A patch carrying a resourceVersion is a precondition. */
	return (write_update(sim, c, rt, j, 1));
}
