/*
 * sim-delete.c: DELETE of one object (clusters go through their
 * finalizer, namespaces take their contents along) and deletecollection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-http-int.h"


struct nsdel {
	char	**names;
	size_t	  n;
};

static int
collect_names(const struct sim_obj *o, void *arg)
{
	struct nsdel	*d = arg;

	d->names = scs_xreallocarray(d->names, d->n + 1, sizeof *d->names);
	d->names[d->n++] = scs_xstrdup(o->name);
	return (0);
}

/* Remove everything in namespace ns (namespace deletion). */
static void
purge_namespace(struct scs_sim *sim, const char *ns)
{
	const struct sim_resdef	*rs;
	size_t			 n, i, k;
	struct nsdel		 d;
	char			 key[160];

	rs = sim_resources(&n);
	for (i = 0; i < n; i++) {
		if (!rs[i].namespaced)
			continue;
		sim_resource_key(&rs[i], key, sizeof key);
		memset(&d, 0, sizeof d);
		sim_db_foreach(sim->db, key, ns, collect_names, &d);
		for (k = 0; k < d.n; k++) {
			sim_db_delete(sim->db, key, ns, d.names[k]);
			free(d.names[k]);
		}
		free(d.names);
	}
}

/*
 * Delete o (of resource key) as a DELETE does: clusters finish deleting
 * through the reconcile loop (a deletionTimestamp and the finalizer),
 * namespaces take their objects with them. Returns the object to answer
 * with (storage version; caller deletes). dry: change nothing.
 */
static cJSON *
delete_one(struct scs_sim *sim, const char *key, const struct sim_obj *o,
    int dry)
{
	cJSON	*j = cJSON_Duplicate(o->json, 1), *fin;
	char	 ts[32], *ns, *name;

	if (dry)
		return (j);
	if (strcmp(key, "cluster.x-k8s.io/clusters") == 0) {
		if (sim_md_str(j, "deletionTimestamp") != NULL)
			return (j);
		scs_format_rfc3339(scs_wall_s(), ts, sizeof ts);
		sim_md_set(j, "deletionTimestamp", ts);
		fin = cJSON_GetObjectItemCaseSensitive(sim_md_of(j),
		    "finalizers");
		if (fin == NULL)
			fin = cJSON_AddArrayToObject(sim_md_of(j),
			    "finalizers");
		cJSON_AddItemToArray(fin, cJSON_CreateString(
		    "cluster.cluster.x-k8s.io"));
		o = sim_db_put(sim->db, key, j);
		return (cJSON_Duplicate(o->json, 1));
	}
	ns = scs_xstrdup(o->ns);
	name = scs_xstrdup(o->name);
	if (strcmp(key, "/namespaces") == 0)
		purge_namespace(sim, name);
	sim_db_delete(sim->db, key, *ns != '\0' ? ns : NULL, name);
	free(ns);
	free(name);
	return (j);
}

enum MHD_Result
sim_do_delete(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt,
    struct sim_req *rq)
{
	const struct sim_obj	*o;
	cJSON			*opts = NULL, *pre, *j;
	const char		*puid, *prv;
	char			*msg;
	enum MHD_Result		 ret;
	int			 dry = sim_arg(c, "dryRun") != NULL;

	o = sim_db_get(sim->db, rt->key, rt->ns, rt->name);
	if (o == NULL)
		return (sim_reply_notfound(c, rt));
	if (rq->body.len > 0)
		opts = cJSON_ParseWithLength(rq->body.data, rq->body.len);
	pre = cJSON_GetObjectItemCaseSensitive(opts, "preconditions");
	puid = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pre,
	    "uid"));
	prv = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pre,
	    "resourceVersion"));
	if (puid != NULL && !scs_streq(puid, sim_md_str(o->json, "uid"))) {
		msg = scs_xprintf("Precondition failed: UID in precondition: "
		    "%s, UID in object meta: %s", puid, sim_md_str(o->json,
		    "uid"));
		cJSON_Delete(opts);
		ret = sim_reply_status(c, 409, "Conflict", msg, rt);
		free(msg);
		return (ret);
	}
	if (prv != NULL && strtoull(prv, NULL, 10) != o->rv) {
		msg = scs_xprintf("Precondition failed: ResourceVersion in "
		    "precondition: %s, ResourceVersion in object meta: %llu",
		    prv, (unsigned long long)o->rv);
		cJSON_Delete(opts);
		ret = sim_reply_status(c, 409, "Conflict", msg, rt);
		free(msg);
		return (ret);
	}
	cJSON_Delete(opts);
	j = delete_one(sim, rt->key, o, dry);
	ret = sim_reply_obj(c, 200, rt, j, NULL);
	cJSON_Delete(j);
	return (ret);
}

struct collect {
	const char	*lsel;
	const char	*fsel;
	char		**ns;
	char		**names;
	size_t		  n;
};

static int
collect_match(const struct sim_obj *o, void *arg)
{
	struct collect	*d = arg;

	if (!sim_obj_match(o->json, d->lsel, d->fsel))
		return (0);
	d->ns = scs_xreallocarray(d->ns, d->n + 1, sizeof *d->ns);
	d->names = scs_xreallocarray(d->names, d->n + 1, sizeof *d->names);
	d->ns[d->n] = scs_xstrdup(o->ns);
	d->names[d->n++] = scs_xstrdup(o->name);
	return (0);
}

/*
 * DELETE on a collection (deletecollection): every object of the path's
 * scope that matches labelSelector and fieldSelector is deleted as by
 * its own DELETE (clusters get a deletionTimestamp and finish through
 * the reconcile loop). The answer is the list of what was deleted, in
 * the state each DELETE returned.
 */
enum MHD_Result
sim_do_delete_collection(struct scs_sim *sim, struct MHD_Connection *c,
    struct route *rt)
{
	struct collect		 d;
	const struct sim_obj	*o;
	struct scs_buf		 b;
	cJSON			*j;
	char			*text;
	size_t			 i, len;
	int			 dry = sim_arg(c, "dryRun") != NULL;

	memset(&d, 0, sizeof d);
	d.lsel = sim_arg(c, "labelSelector");
	d.fsel = sim_arg(c, "fieldSelector");
	sim_db_foreach(sim->db, rt->key, rt->rd->namespaced ? rt->ns : NULL,
	    collect_match, &d);
	scs_buf_init(&b, 0);
	scs_buf_adds(&b, "{\"items\":[");
	for (i = 0; i < d.n; i++) {
		o = sim_db_get(sim->db, rt->key, d.ns[i], d.names[i]);
		if (o != NULL) {
			j = delete_one(sim, rt->key, o, dry);
			if (strcmp(rt->version, rt->rd->versions[0]) != 0)
				sim_convert(rt->key, j, rt->version);
			text = sim_json_print(j, &len);
			cJSON_Delete(j);
			if (b.len > 10)
				scs_buf_addc(&b, ',');
			scs_buf_add(&b, text, len);
			free(text);
		}
		free(d.ns[i]);
		free(d.names[i]);
	}
	free(d.ns);
	free(d.names);
	scs_buf_printf(&b, "],\"kind\":\"%sList\",\"apiVersion\":"
	    "\"%s%s%s\",\"metadata\":{\"resourceVersion\":\"%llu\"}}",
	    rt->rd->kind, rt->group, rt->group[0] != '\0' ? "/" : "",
	    rt->version, (unsigned long long)sim_db_rv(sim->db));
	return (sim_reply_json(c, 200, scs_buf_steal(&b), sim_dep_warning(rt)));
}

