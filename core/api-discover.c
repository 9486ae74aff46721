/*
 * api-discover.c: the discovery run: GET /api and /apis, then every
 * group-version's APIResourceList in parallel; single group-versions
 * that fail are skipped. The finished cache replaces the api's one.
 */
#include <stdlib.h>
#include <string.h>

#include "api-int.h"
#include "core.h"
#include "scs/log.h"
#include "scs/util.h"

static void
discover_spawn(struct scs_api_call *p, const char *path)
{
	struct scs_api_call	*c;

	c = api_call_new(p->api, API_CHILD, "GET", path, NULL, NULL);
	c->parent = p;
	p->nchildren++;
	api_call_send(c);
}

/* Start a GET for every group-version named in /api or /apis. */
static void
discover_fan_out(struct scs_api_call *p, const cJSON *j)
{
	const cJSON	*vs, *v, *gs, *g, *gv;
	char		*path;

	vs = cJSON_GetObjectItemCaseSensitive(j, "versions");
	gs = cJSON_GetObjectItemCaseSensitive(j, "groups");
	if (cJSON_IsArray(gs)) {
		cJSON_ArrayForEach(g, gs) {
			vs = cJSON_GetObjectItemCaseSensitive(g, "versions");
			cJSON_ArrayForEach(v, vs) {
				gv = cJSON_GetObjectItemCaseSensitive(v,
				    "groupVersion");
				if (!cJSON_IsString(gv) ||
				    strchr(gv->valuestring, '/') == NULL)
					continue;
				path = scs_xprintf("/apis/%s",
				    gv->valuestring);
				discover_spawn(p, path);
				free(path);
			}
		}
	} else if (cJSON_IsArray(vs)) {
		cJSON_ArrayForEach(v, vs) {
			if (!cJSON_IsString(v))
				continue;
			path = scs_xprintf("/api/%s", v->valuestring);
			discover_spawn(p, path);
			free(path);
		}
	}
}

static void
discover_finish(struct scs_api_call *p)
{
	struct scs_api		*a = p->api;
	struct scs_api_result	 res;
	char			*msg;

	memset(&res, 0, sizeof res);
	res.body = "";
	if (p->dstatus != SCS_OK) {
		res.status = p->dstatus;
		res.message = p->dmsg;
		api_call_deliver(p, &res);
		return;
	}
	core_discovery_sort(p->building);
	core_discovery_free(a->disc);
	a->disc = p->building;
	p->building = NULL;
	if (scs_discovery_missing(a->disc) > 0)
		msg = scs_xprintf("discovered %zu resources (%zu group "
		    "versions failed)", scs_discovery_count(a->disc),
		    scs_discovery_missing(a->disc));
	else
		msg = scs_xprintf("discovered %zu resources",
		    scs_discovery_count(a->disc));
	res.status = SCS_OK;
	res.message = msg;
	api_call_deliver(p, &res);
	free(msg);
}

void
discover_child_done(struct scs_api_call *c, const struct scs_api_result *r)
{
	struct scs_api_call	*p = c->parent;
	int			 top;

	c->parent = NULL;	/* the parent may be freed below */
	p->nchildren--;
	top = strcmp(c->path, "/api") == 0 || strcmp(c->path, "/apis") == 0;
	if (r->status != SCS_OK || r->json == NULL) {
		if (top && p->dstatus == SCS_OK) {
			p->dstatus = r->status != SCS_OK ? r->status :
			    SCS_DECODE;
			free(p->dmsg);
			p->dmsg = scs_xprintf("discovery: %s: %s", c->path,
			    r->message);
		} else if (!top) {
			core_discovery_missing(p->building);
			scs_log_warn("discovery: %s skipped: %s", c->path,
			    r->message);
		}
	} else if (top) {
		if (core_discovery_add_groups(p->building, r->json) != SCS_OK &&
		    p->dstatus == SCS_OK) {
			p->dstatus = SCS_DECODE;
			p->dmsg = scs_xprintf("discovery: %s: not an API "
			    "group list", c->path);
		} else
			discover_fan_out(p, r->json);
	} else if (core_discovery_add_resources(p->building, r->json) !=
	    SCS_OK) {
		core_discovery_missing(p->building);
		scs_log_warn("discovery: %s: bad APIResourceList", c->path);
	}
	if (p->nchildren == 0)
		discover_finish(p);
}

/* Free the children of a discovery run (it was cancelled or freed). */
void
discover_cancel(struct scs_api_call *p)
{
	struct scs_api_call	*c;

again:
	for (c = p->api->calls; c != NULL; c = c->next) {
		if (c->parent == p) {
			c->parent = NULL;
			api_call_free(c);
			goto again;
		}
	}
	p->nchildren = 0;
}

struct scs_api_call *
scs_api_discover(struct scs_api *a, scs_api_cb cb, void *arg)
{
	struct scs_api_call	*p;

	p = api_call_new(a, API_DISCOVER, "GET", "/apis", cb, arg);
	p->building = core_discovery_new();
	discover_spawn(p, "/api");
	discover_spawn(p, "/apis");
	return (p);
}
