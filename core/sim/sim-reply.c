/*
 * sim-reply.c: the simulator's responses: bodies with their headers, the
 * real server's Status errors, objects shown in the requested version,
 * the Warning of a deprecated version, and the request's query args.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-http-int.h"

/* --- responses ------------------------------------------------------- */

enum MHD_Result
sim_reply(struct MHD_Connection *c, unsigned code, const char *type, char *body,
    const char *warning)
{
	struct MHD_Response	*r;
	enum MHD_Result		 ret;

	r = MHD_create_response_from_buffer(strlen(body), body,
	    MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-cache, private");
	if (warning != NULL)
		MHD_add_response_header(r, "Warning", warning);
	ret = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return (ret);
}

char *
sim_print_free(cJSON *j)
{
	char	*s = sim_json_print(j, NULL);

	cJSON_Delete(j);
	return (s);
}

enum MHD_Result
sim_reply_json(struct MHD_Connection *c, unsigned code, char *body,
    const char *warning)
{
	return (sim_reply(c, code, "application/json", body, warning));
}

cJSON *
sim_status_obj(unsigned code, const char *reason, const char *message,
    const char *name, const char *group, const char *kind)
{
	cJSON	*j = cJSON_CreateObject(), *d;

	cJSON_AddStringToObject(j, "kind", "Status");
	cJSON_AddStringToObject(j, "apiVersion", "v1");
	cJSON_AddObjectToObject(j, "metadata");
	cJSON_AddStringToObject(j, "status", "Failure");
	cJSON_AddStringToObject(j, "message", message);
	if (reason == NULL && (reason = scs_api_reason_for(code)) == NULL)
		reason = "InternalError";
	cJSON_AddStringToObject(j, "reason", reason);
	if (name != NULL || kind != NULL) {
		d = cJSON_AddObjectToObject(j, "details");
		if (name != NULL)
			cJSON_AddStringToObject(d, "name", name);
		if (group != NULL)
			cJSON_AddStringToObject(d, "group", group);
		if (kind != NULL)
			cJSON_AddStringToObject(d, "kind", kind);
	}
	cJSON_AddNumberToObject(j, "code", code);
	return (j);
}

enum MHD_Result
sim_reply_status(struct MHD_Connection *c, unsigned code, const char *reason,
    const char *message, const struct route *rt)
{
	cJSON	*j;

	j = sim_status_obj(code, reason, message, rt != NULL ? rt->name : NULL,
	    rt != NULL && rt->rd != NULL ? rt->rd->group : NULL,
	    rt != NULL && rt->rd != NULL ? rt->rd->plural : NULL);
	return (sim_reply_json(c, code, sim_print_free(j), NULL));
}

/* "clusters.cluster.x-k8s.io" or "secrets". */
void
sim_resource_name(const struct sim_resdef *rd, char *buf, size_t len)
{
	if (rd->group[0] != '\0')
		snprintf(buf, len, "%s.%s", rd->plural, rd->group);
	else
		snprintf(buf, len, "%s", rd->plural);
}

enum MHD_Result
sim_reply_notfound(struct MHD_Connection *c, const struct route *rt)
{
	char	 res[256], *msg;
	enum MHD_Result r;

	sim_resource_name(rt->rd, res, sizeof res);
	msg = scs_xprintf("%s \"%s\" not found", res, rt->name);
	r = sim_reply_status(c, 404, "NotFound", msg, rt);
	free(msg);
	return (r);
}
/* --- object text in the requested version ---------------------------- */

/* Text of a stored object as version; *tmp holds an allocation to free. */
const char *
sim_obj_text_as(const struct sim_resdef *rd, const char *key, const char *text,
    size_t *len, const char *version, char **tmp)
{
	cJSON	*j;

	*tmp = NULL;
	if (strcmp(version, rd->versions[0]) == 0)
		return (text);
	j = cJSON_ParseWithLength(text, *len);
	sim_convert(key, j, version);
	*tmp = sim_print_free(j);
	*len = strlen(*tmp);
	return (*tmp);
}

/* The Warning header for a deprecated version, or NULL. */
const char *
sim_dep_warning(const struct route *rt)
{
	static char	 w[256];

	if (rt->rd->deprecated == NULL ||
	    strcmp(rt->version, rt->rd->deprecated) != 0)
		return (NULL);
	snprintf(w, sizeof w, "299 - \"%s/%s %s is deprecated; use %s/%s "
	    "%s\"", rt->group, rt->version, rt->rd->kind, rt->group,
	    rt->rd->versions[0], rt->rd->kind);
	return (w);
}

int
sim_wants_table(struct MHD_Connection *c)
{
	const char	*a = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
			    "Accept");

	return (a != NULL && strstr(a, "as=Table") != NULL);
}

/* Reply with a storage-version object shown in the requested version. */
enum MHD_Result
sim_reply_obj(struct MHD_Connection *c, unsigned code, const struct route *rt,
    const cJSON *obj, char **warnings)
{
	cJSON		*j = cJSON_Duplicate(obj, 1);
	const char	*w = sim_dep_warning(rt);

	if (strcmp(rt->version, rt->rd->versions[0]) != 0)
		sim_convert(rt->key, j, rt->version);
	if (w == NULL && warnings != NULL && warnings[0] != NULL) {
		static char	 buf[1024];

		snprintf(buf, sizeof buf, "299 - \"%s\"", warnings[0]);
		w = buf;
	}
	return (sim_reply_json(c, code, sim_print_free(j), w));
}

enum MHD_Result
sim_reply_error(struct MHD_Connection *c, struct scs_api_error *e)
{
	cJSON		*j, *d, *cs, *x;
	size_t		 i;
	unsigned	 code = e->code != 0 ? (unsigned)e->code : 422;

	j = sim_status_obj(code, e->reason,
	    e->message != NULL ? e->message : "",
	    e->details_name, NULL, e->details_kind);
	if (e->ncauses > 0) {
		d = cJSON_GetObjectItemCaseSensitive(j, "details");
		if (d == NULL)
			d = cJSON_AddObjectToObject(j, "details");
		cs = cJSON_AddArrayToObject(d, "causes");
		for (i = 0; i < e->ncauses; i++) {
			x = cJSON_CreateObject();
			if (e->causes[i].reason != NULL)
				cJSON_AddStringToObject(x, "reason",
				    e->causes[i].reason);
			if (e->causes[i].message != NULL)
				cJSON_AddStringToObject(x, "message",
				    e->causes[i].message);
			if (e->causes[i].field != NULL)
				cJSON_AddStringToObject(x, "field",
				    e->causes[i].field);
			cJSON_AddItemToArray(cs, x);
		}
	}
	scs_api_error_free(e);
	return (sim_reply_json(c, code, sim_print_free(j), NULL));
}

const char *
sim_arg(struct MHD_Connection *c, const char *k)
{
	return (MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, k));
}

int
sim_is_true(const char *s)
{
	return (s != NULL && (strcmp(s, "1") == 0 || strcmp(s, "true") == 0));
}

enum MHD_Result
sim_reply_invalid_options(struct MHD_Connection *c, const char *field1,
    const char *msg1, const char *field2, const char *msg2)
{
	struct scs_api_error	*e = scs_xcalloc(1, sizeof *e);
	const char		*fields[2] = { field1, field2 };
	const char		*msgs[2] = { msg1, msg2 };
	struct scs_buf		 m;
	size_t			 i;

	scs_buf_init(&m, 0);
	scs_buf_adds(&m, "ListOptions.meta.k8s.io \"\" is invalid: [");
	e->causes = scs_xcalloc(2, sizeof *e->causes);
	for (i = 0; i < 2; i++) {
		if (fields[i] == NULL)
			continue;
		scs_buf_printf(&m, "%s%s: %s", e->ncauses > 0 ? ", " : "",
		    fields[i], msgs[i]);
		e->causes[e->ncauses].reason = scs_xstrdup(
		    "FieldValueForbidden");
		e->causes[e->ncauses].message = scs_xstrdup(msgs[i]);
		e->causes[e->ncauses].field = scs_xstrdup(fields[i]);
		e->ncauses++;
	}
	scs_buf_adds(&m, "]");
	e->code = 422;
	e->reason = scs_xstrdup("Invalid");
	e->details_kind = scs_xstrdup("ListOptions");
	e->message = scs_buf_steal(&m);
	return (sim_reply_error(c, e));
}
