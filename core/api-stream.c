/*
 * api-stream.c: lists decoded as their bodies arrive (scs_api_list_stream):
 * each item is cut from the byte stream (scs_list_split), stripped of
 * metadata.managedFields when asked (scs_json_lean), parsed on its own and
 * handed over, so memory holds one item at a time, never the list.
 */
#include <stdlib.h>
#include <string.h>

#include "api-int.h"
#include "core.h"
#include "scs/log.h"
#include "scs/util.h"

static int
list_item(char *text, size_t len, void *arg)
{
	struct scs_api_call	*c = arg;
	enum scs_status		 st;
	cJSON			*j;

	if (c->lean)
		len = scs_json_lean(text, len);
	if ((j = scs_json_parse(text, len, &st)) == NULL) {
		c->lstatus = st;
		return (-1);
	}
	c->in_cb = 1;
	if (c->icb != NULL)
		c->icb(j, c->arg);
	c->in_cb = 0;
	cJSON_Delete(j);
	return (c->cancelled ? -1 : 0);
}

int
list_on_data(const char *p, size_t len, void *arg)
{
	struct scs_api_call	*c = arg;
	enum scs_status		 st;

	api_live_alive(c->api);
	st = scs_list_split_feed(&c->split, p, len, list_item, c);
	if (c->cancelled) {
		/* Cancelled from the item callback: the http call is gone. */
		api_call_free(c);
		return (-1);
	}
	if (st != SCS_OK && c->lstatus == SCS_OK)
		c->lstatus = st;
	return (st == SCS_OK ? 0 : -1);
}

void
list_on_done(struct scs_api_call *c, const struct scs_http_response *r)
{
	struct scs_api_result	 res;
	enum scs_status		 st = c->lstatus;
	cJSON			*md, *j;

	api_result_from(&res, r);
	if (res.status == SCS_CANCELLED && st != SCS_OK)
		res.status = SCS_OK;	/* we stopped it: say why below */
	if (res.status == SCS_OK && r->code >= 200 && r->code < 300) {
		md = NULL;
		if (st == SCS_OK && !c->split.ended)
			st = SCS_DECODE;
		if (st == SCS_OK && c->split.meta.len > 0 &&
		    (md = scs_json_parse(c->split.meta.data,
		    c->split.meta.len, &st)) == NULL && st == SCS_OK)
			st = SCS_DECODE;
		free((char *)(uintptr_t)res.message);
		if (st != SCS_OK) {
			cJSON_Delete(md);
			res.status = st;
			res.message = scs_xprintf("%s in the list (%zu items "
			    "read)", st == SCS_LIMIT ? "an item too large or "
			    "nested too deeply" : "malformed JSON",
			    c->split.nitems);
		} else {
			j = cJSON_CreateObject();
			cJSON_AddItemToObject(j, "metadata", md != NULL ? md :
			    cJSON_CreateObject());
			res.json = j;
			res.message = scs_xprintf("OK (%ld, %zu items)",
			    r->code, c->split.nitems);
		}
	}
	scs_log_debug("api: list %s: %s", c->path, res.message);
	api_call_deliver(c, &res);
	api_result_clear(&res);
}

struct scs_api_call *
scs_api_list_stream(struct scs_api *a, const struct scs_resource *res,
    const char *ns, const struct scs_list_opts *o, scs_item_cb icb,
    scs_api_cb cb, void *arg)
{
	struct scs_api_call	*c;
	struct scs_list_opts	 def;
	char			*path, *q, *full;

	if (o == NULL) {
		memset(&def, 0, sizeof def);
		o = &def;
	}
	path = scs_api_path(res, ns, NULL, NULL);
	q = core_api_list_query(o);
	full = scs_xprintf("%s%s", path, q);
	c = api_call_new(a, API_LIST, "GET", full, cb, arg);
	free(path);
	free(q);
	free(full);
	c->icb = icb;
	c->lean = o->lean;
	api_call_send(c);
	return (c);
}

int
scs_api_watch_list(const struct scs_api *a)
{
	return (a->watch_list);
}

void
scs_api_set_watch_list(struct scs_api *a, int v)
{
	if (a->watch_list != v)
		scs_log_info("api: streaming lists %s", v > 0 ? "served" :
		    v < 0 ? "refused: lists instead" : "not tried yet");
	a->watch_list = v;
}
