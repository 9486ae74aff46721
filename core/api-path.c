/*
 * api-path.c: REST paths and query strings for the Kubernetes API
 * (DOMAIN.md §10.1-10.3); pure string building, no I/O.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/api.h"
#include "scs/util.h"

#include "core.h"

/* Percent-encode everything but RFC 3986 unreserved characters. */
static void
escape(struct scs_buf *b, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	unsigned char		 c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~')
			scs_buf_addc(b, (char)c);
		else {
			scs_buf_addc(b, '%');
			scs_buf_addc(b, hex[c >> 4]);
			scs_buf_addc(b, hex[c & 15]);
		}
	}
}

char *
core_url_escape(const char *s)
{
	struct scs_buf	 b;

	scs_buf_init(&b, 0);
	escape(&b, s);
	return (scs_buf_steal(&b));
}

char *
scs_api_path(const struct scs_resource *r, const char *ns, const char *name,
    const char *subresource)
{
	struct scs_buf	 b;

	scs_buf_init(&b, 0);
	if (r->group == NULL || *r->group == '\0')
		scs_buf_printf(&b, "/api/%s", r->version);
	else
		scs_buf_printf(&b, "/apis/%s/%s", r->group, r->version);
	if (r->namespaced && ns != NULL && *ns != '\0') {
		scs_buf_adds(&b, "/namespaces/");
		escape(&b, ns);
	}
	scs_buf_addc(&b, '/');
	scs_buf_adds(&b, r->name);
	if (name != NULL && *name != '\0') {
		scs_buf_addc(&b, '/');
		escape(&b, name);
		if (subresource != NULL && *subresource != '\0') {
			scs_buf_addc(&b, '/');
			scs_buf_adds(&b, subresource);
		}
	}
	return (scs_buf_steal(&b));
}

void
core_query_add(struct scs_buf *b, const char *key, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	scs_buf_addc(b, b->len == 0 ? '?' : '&');
	scs_buf_adds(b, key);
	scs_buf_addc(b, '=');
	escape(b, value);
}

char *
core_api_list_query(const struct scs_list_opts *o)
{
	struct scs_buf	 b;
	char		 n[32];

	scs_buf_init(&b, 0);
	snprintf(n, sizeof n, "%ld", o != NULL && o->limit > 0 ? o->limit :
	    500);
	if (o == NULL || o->limit >= 0)
		core_query_add(&b, "limit", n);
	if (o != NULL) {
		core_query_add(&b, "labelSelector", o->label_selector);
		core_query_add(&b, "fieldSelector", o->field_selector);
		core_query_add(&b, "continue", o->continue_token);
		core_query_add(&b, "resourceVersion", o->resource_version);
		core_query_add(&b, "resourceVersionMatch", o->resource_version_match);
	}
	return (scs_buf_steal(&b));
}

char *
core_api_watch_query(const struct scs_watch_opts *o)
{
	struct scs_buf	 b;
	char		 n[32];

	scs_buf_init(&b, 0);
	core_query_add(&b, "watch", "1");
	core_query_add(&b, "allowWatchBookmarks", "true");
	snprintf(n, sizeof n, "%ld", o != NULL && o->timeout_s > 0 ?
	    o->timeout_s : 300);
	core_query_add(&b, "timeoutSeconds", n);
	if (o != NULL) {
		core_query_add(&b, "resourceVersion", o->resource_version);
		core_query_add(&b, "labelSelector", o->label_selector);
		core_query_add(&b, "fieldSelector", o->field_selector);
		if (o->send_initial_events) {
			core_query_add(&b, "sendInitialEvents", "true");
			core_query_add(&b, "resourceVersionMatch",
			    "NotOlderThan");
		}
	}
	return (scs_buf_steal(&b));
}

char *
core_api_write_query(unsigned flags)
{
	if (flags & SCS_WRITE_DRY_RUN)
		return (scs_xstrdup("?fieldManager=scs-tui&dryRun=All"));
	return (scs_xstrdup("?fieldManager=scs-tui"));
}

char *
core_api_delete_body(const struct scs_delete_opts *o)
{
	cJSON	*j, *pre;
	char	*s;

	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "kind", "DeleteOptions");
	cJSON_AddStringToObject(j, "apiVersion", "v1");
	if (o != NULL) {
		if (o->propagation != NULL)
			cJSON_AddStringToObject(j, "propagationPolicy",
			    o->propagation);
		if (o->grace_period_s >= 0)
			cJSON_AddNumberToObject(j, "gracePeriodSeconds",
			    (double)o->grace_period_s);
		if (o->precondition_uid != NULL ||
		    o->precondition_rv != NULL) {
			pre = cJSON_AddObjectToObject(j, "preconditions");
			if (o->precondition_uid != NULL)
				cJSON_AddStringToObject(pre, "uid",
				    o->precondition_uid);
			if (o->precondition_rv != NULL)
				cJSON_AddStringToObject(pre,
				    "resourceVersion", o->precondition_rv);
		}
	}
	s = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	return (s);
}
