/*
 * watch.c: watch streams: split the chunked body into lines, decode each
 * event (bounded), hand it to the caller; ERROR events and the end of the
 * stream become the done callback with the right status.
 */
#include <stdlib.h>
#include <string.h>

#include "api-int.h"
#include "core.h"
#include "scs/log.h"
#include "scs/util.h"

/* Stop the stream with st (and a message); the done callback reports it. */
static int
watch_stop(struct scs_api_call *c, enum scs_status st, char *msg)
{
	if (c->wstatus == SCS_OK) {
		c->wstatus = st;
		free(c->wmsg);
		c->wmsg = msg;
	} else
		free(msg);
	return (-1);
}

static int
watch_line(char *line, size_t len, void *arg)
{
	struct scs_api_call	*c = arg;
	enum scs_status		 st;
	cJSON			*j;
	const cJSON		*type, *obj;
	struct scs_api_error	*e;
	long			 code;

	if (c->lean)
		len = scs_json_lean(line, len);
	if ((j = scs_json_parse(line, len, &st)) == NULL)
		return (watch_stop(c, st, scs_xstrdup(st == SCS_LIMIT ?
		    "watch event nested too deeply" :
		    "malformed watch event")));
	type = cJSON_GetObjectItemCaseSensitive(j, "type");
	obj = cJSON_GetObjectItemCaseSensitive(j, "object");
	if (!cJSON_IsString(type) || !cJSON_IsObject(obj)) {
		cJSON_Delete(j);
		return (watch_stop(c, SCS_DECODE,
		    scs_xstrdup("watch event without type or object")));
	}
	if (strcmp(type->valuestring, "ERROR") == 0) {
		e = scs_api_error_from_json(obj);
		code = e != NULL ? e->code : 500;
		st = scs_api_status_for(code, e != NULL ? e->reason : NULL);
		if (st == SCS_OK)
			st = SCS_API;
		scs_api_error_free(c->werr);
		c->werr = e;
		cJSON_Delete(j);
		return (watch_stop(c, st, scs_api_summary(code, e)));
	}
	c->in_cb = 1;
	if (c->wcb != NULL)
		c->wcb(type->valuestring, obj, c->arg);
	c->in_cb = 0;
	cJSON_Delete(j);
	return (c->cancelled ? -1 : 0);
}

int
watch_on_data(const char *p, size_t len, void *arg)
{
	struct scs_api_call	*c = arg;
	enum scs_status		 st;

	/* Bytes on a watch prove the server alive (the fuzz harness feeds
	 * a call that has no API). */
	if (c->api != NULL)
		api_live_alive(c->api);
	st = scs_lines_feed(&c->lines, p, len, watch_line, c);
	if (c->cancelled) {
		/* Cancelled from the event callback: the http call is gone. */
		api_call_free(c);
		return (-1);
	}
	if (st == SCS_LIMIT)
		return (watch_stop(c, SCS_LIMIT, scs_xprintf("watch event "
		    "longer than %zu bytes", c->lines.max)));
	return (st == SCS_OK ? 0 : -1);
}

void
watch_on_done(struct scs_api_call *c, const struct scs_http_response *r)
{
	struct scs_api_result	 res;

	api_result_from(&res, r);
	if (c->wstatus != SCS_OK) {
		/* We stopped the stream (ERROR event, bad line, limit). */
		free((char *)(uintptr_t)res.message);
		res.status = c->wstatus;
		res.message = c->wmsg;
		c->wmsg = NULL;
		if (c->werr != NULL) {
			res.error = c->werr;
			c->werr = NULL;
		}
	} else if (res.status == SCS_OK && r->body_len == 0) {
		free((char *)(uintptr_t)res.message);
		res.message = scs_xstrdup("watch ended by the server");
	}
	scs_log_debug("api: watch %s ended: %s", c->path, res.message);
	api_call_deliver(c, &res);
	api_result_clear(&res);
}

struct scs_api_call *
scs_api_watch(struct scs_api *a, const struct scs_resource *res,
    const char *ns, const struct scs_watch_opts *o, scs_watch_cb wcb,
    scs_api_cb cb, void *arg)
{
	struct scs_api_call	*c;
	struct scs_watch_opts	 def;
	char			*path, *q, *full;

	if (o == NULL) {
		memset(&def, 0, sizeof def);
		o = &def;
	}
	path = scs_api_path(res, ns, NULL, NULL);
	q = core_api_watch_query(o);
	full = scs_xprintf("%s%s", path, q);
	c = api_call_new(a, API_WATCH, "GET", full, cb, arg);
	free(path);
	free(q);
	free(full);
	c->wcb = wcb;
	c->lean = o->lean;
	/* Longer than the server's timeout, so only a dead peer trips it. */
	c->low_speed_s = (o->timeout_s > 0 ? o->timeout_s : 300) + 60;
	api_call_send(c);
	return (c);
}
