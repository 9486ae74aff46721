/*
 * sim-read.c: GET of one object and lists: pages with continue tokens
 * read at the first page's resourceVersion, Table output, and the
 * cut-list-every fault.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-http-int.h"

/* --- list ------------------------------------------------------------ */

/*
 * Continue tokens: "RV:NAMESPACE/NAME" of the last item sent, base64.
 * A token older than the watch history is expired (410), as a real
 * server's compaction does.
 */
static char *
token_make(uint64_t rv, const char *ns, const char *name)
{
	char	*raw, *tok;

	raw = scs_xprintf("%llu:%s/%s", (unsigned long long)rv, ns, name);
	tok = scs_base64_encode(raw, strlen(raw));
	free(raw);
	return (tok);
}

static int
token_parse(const char *tok, uint64_t *rv, char **ns, char **name)
{
	unsigned char	*raw;
	size_t		 len;
	char		*colon, *slash;

	if (scs_base64_decode(tok, strlen(tok), &raw, &len) != SCS_OK)
		return (-1);
	colon = strchr((char *)raw, ':');
	slash = colon != NULL ? strchr(colon, '/') : NULL;
	if (colon == NULL || slash == NULL) {
		free(raw);
		return (-1);
	}
	*rv = strtoull((char *)raw, NULL, 10);
	*ns = scs_xstrndup(colon + 1, (size_t)(slash - colon - 1));
	*name = scs_xstrdup(slash + 1);
	free(raw);
	return (0);
}

/* A list's 200; takes body. cut-list-every: every Nth stops halfway
 * through, then the connection drops. */
static enum MHD_Result
reply_list(struct scs_sim *sim, struct MHD_Connection *c, char *body,
    const char *warning)
{
	sim->nlists++;
	return (sim_reply_body(sim, c, body, warning,
	    sim->faults.cut_list_every > 0 &&
	    sim->nlists % (uint64_t)sim->faults.cut_list_every == 0));
}

/* One list response being built (list_one visits each object). */
struct list_ctx {
	struct MHD_Connection	*c;
	struct route		*rt;
	const char		*lsel;
	const char		*fsel;
	long			 limit;
	int			 table;
	struct scs_buf		 b;
	cJSON			*rows;
	size_t			 sent;
	size_t			 remaining;
	char			*last_ns;
	char			*last_name;
};

static int
list_one(const struct sim_obj *o, void *cls)
{
	struct list_ctx	*l = cls;
	const char	*inc, *text;
	cJSON		*row, *md;
	char		*tmp;
	size_t		 len;

	if (l->rt->ns != NULL && strcmp(o->ns, l->rt->ns) != 0)
		return (1);
	if (!sim_obj_match(o->json, l->lsel, l->fsel))
		return (0);
	if (l->limit > 0 && (long)l->sent == l->limit) {
		l->remaining++;
		return (0);
	}
	if (l->table) {
		inc = sim_arg(l->c, "includeObject");
		row = cJSON_CreateObject();
		cJSON_AddItemToObject(row, "cells", sim_table_cells(l->rt->rd,
		    o->json));
		if (inc != NULL && strcmp(inc, "None") == 0)
			cJSON_AddNullToObject(row, "object");
		else if (inc != NULL && strcmp(inc, "Object") == 0)
			cJSON_AddItemToObject(row, "object",
			    cJSON_Duplicate(o->json, 1));
		else {
			md = cJSON_CreateObject();
			cJSON_AddStringToObject(md, "kind",
			    "PartialObjectMetadata");
			cJSON_AddStringToObject(md, "apiVersion",
			    "meta.k8s.io/v1");
			cJSON_AddItemToObject(md, "metadata", cJSON_Duplicate(
			    cJSON_GetObjectItemCaseSensitive(o->json,
			    "metadata"), 1));
			cJSON_AddItemToObject(row, "object", md);
		}
		cJSON_AddItemToArray(l->rows, row);
	} else {
		len = o->text_len;
		text = sim_obj_text_as(l->rt->rd, l->rt->key, o->text, &len,
		    l->rt->version, &tmp);
		if (l->sent > 0)
			scs_buf_addc(&l->b, ',');
		scs_buf_add(&l->b, text, len);
		free(tmp);
	}
	l->sent++;
	free(l->last_ns);
	free(l->last_name);
	l->last_ns = scs_xstrdup(o->ns);
	l->last_name = scs_xstrdup(o->name);
	return (0);
}

/*
 * A list, or a page of it. A continued page shows the objects as they
 * were at the first page's resourceVersion (the token carries it), as
 * etcd's snapshot reads do; a token older than the history is 410.
 */
enum MHD_Result
sim_do_list(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt)
{
	const char		*lim = sim_arg(c, "limit"), *cont = sim_arg(c,
	    "continue");
	uint64_t		 rv = sim_db_rv(sim->db);
	char			*cns = NULL, *cname = NULL, *tok = NULL;
	struct list_ctx		 l;
	cJSON			*tj = NULL, *md;

	const char		*rvq = sim_arg(c, "resourceVersion");
	const char		*rvm = sim_arg(c, "resourceVersionMatch");

	if (sim_arg(c, "sendInitialEvents") != NULL)
		return (sim_reply_invalid_options(c, rvm != NULL &&
		    (rvq == NULL || *rvq == '\0') ? "resourceVersionMatch" :
		    NULL, "Forbidden: resourceVersionMatch is forbidden unless "
		    "resourceVersion is provided", "sendInitialEvents",
		    "Forbidden: sendInitialEvents is forbidden for list"));
	memset(&l, 0, sizeof l);
	l.c = c;
	l.rt = rt;
	l.lsel = sim_arg(c, "labelSelector");
	l.fsel = sim_arg(c, "fieldSelector");
	l.limit = lim != NULL ? atol(lim) : 0;
	/* resourceVersion=0: any version will do, and the real server
	 * serves it from its watch cache, which ignores limit: one
	 * answer, no continue. */
	if (rvq != NULL && strcmp(rvq, "0") == 0 && (cont == NULL ||
	    *cont == '\0'))
		l.limit = 0;
	l.table = sim_wants_table(c);
	if (cont != NULL && *cont != '\0') {
		if (token_parse(cont, &rv, &cns, &cname) != 0)
			return (sim_reply_status(c, 400, "BadRequest",
			    "continue key is not valid", NULL));
		if (sim->faults.expire_continue < 0 ||
		    (sim->faults.expire_continue > 0 &&
		    sim->ncontinues++ < (uint64_t)sim->faults.expire_continue) ||
		    rv < sim_db_oldest_rv(sim->db) || rv > sim_db_rv(sim->db)) {
			free(cns);
			free(cname);
			return (sim_reply_status(c, 410, "Expired",
			    "The provided continue parameter is too old to "
			    "display a consistent list result. You can start a "
			    "new list without the continue parameter.", NULL));
		}
	}

	scs_buf_init(&l.b, 0);
	if (l.table) {
		tj = cJSON_CreateObject();
		cJSON_AddStringToObject(tj, "kind", "Table");
		cJSON_AddStringToObject(tj, "apiVersion", "meta.k8s.io/v1");
		cJSON_AddItemToObject(tj, "columnDefinitions",
		    sim_table_columns(rt->rd));
		l.rows = cJSON_AddArrayToObject(tj, "rows");
	} else
		scs_buf_adds(&l.b, "{\"items\":[");
	sim_db_foreach_at(sim->db, rt->key, rt->ns, cns, cname, rv, list_one,
	    &l);
	free(cns);
	free(cname);
	if (l.remaining > 0 && l.last_name != NULL)
		tok = token_make(rv, l.last_ns, l.last_name);
	free(l.last_ns);
	free(l.last_name);
	if (l.table) {
		char	 rvs[32];

		snprintf(rvs, sizeof rvs, "%llu", (unsigned long long)rv);
		md = cJSON_AddObjectToObject(tj, "metadata");
		cJSON_AddStringToObject(md, "resourceVersion", rvs);
		if (tok != NULL)
			cJSON_AddStringToObject(md, "continue", tok);
		free(tok);
		scs_buf_done(&l.b);
		return (reply_list(sim, c, sim_print_free(tj), NULL));
	}
	scs_buf_printf(&l.b, "],\"kind\":\"%sList\",\"apiVersion\":"
	    "\"%s%s%s\",\"metadata\":{\"resourceVersion\":\"%llu\"",
	    rt->rd->kind, rt->group, rt->group[0] != '\0' ? "/" : "",
	    rt->version, (unsigned long long)rv);
	if (tok != NULL)
		scs_buf_printf(&l.b, ",\"continue\":\"%s\","
		    "\"remainingItemCount\":%zu", tok, l.remaining);
	scs_buf_adds(&l.b, "}}");
	free(tok);
	return (reply_list(sim, c, scs_buf_steal(&l.b), sim_dep_warning(rt)));
}

enum MHD_Result
sim_do_get(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt)
{
	const struct sim_obj	*o;
	cJSON			*tj, *rows, *row;

	o = sim_db_get(sim->db, rt->key, rt->ns, rt->name);
	if (o == NULL)
		return (sim_reply_notfound(c, rt));
	if (sim_wants_table(c)) {
		tj = cJSON_CreateObject();
		cJSON_AddStringToObject(tj, "kind", "Table");
		cJSON_AddStringToObject(tj, "apiVersion", "meta.k8s.io/v1");
		cJSON_AddObjectToObject(tj, "metadata");
		cJSON_AddItemToObject(tj, "columnDefinitions",
		    sim_table_columns(rt->rd));
		rows = cJSON_AddArrayToObject(tj, "rows");
		row = cJSON_CreateObject();
		cJSON_AddItemToObject(row, "cells", sim_table_cells(rt->rd,
		    o->json));
		cJSON_AddItemToArray(rows, row);
		return (sim_reply_json(c, 200, sim_print_free(tj), NULL));
	}
	return (sim_reply_obj(c, 200, rt, o->json, NULL));
}


