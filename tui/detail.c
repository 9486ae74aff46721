/*
 * detail.c: the detail view of one object: describe (identity, labels,
 * owners, conditions with status/reason/since/message, secret key names)
 * or YAML (secret values masked), fetched on demand, scrollable.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "scs/yaml.h"
#include "tui.h"

#define J(o, k)	cJSON_GetObjectItemCaseSensitive((o), (k))

struct detail {
	struct scs_api		*api;
	struct scs_resource	 res;		/* shallow: names owned below */
	char			*group, *version, *plural;
	char			*ns;
	char			*name;
	int			 yaml;
	int			 redact;
	cJSON			*obj;
	char			*error;
	char			**lines;
	size_t			 nlines;
	size_t			 top;
	struct scs_api_call	*call;
	struct scs_api_call	*ev_call;	/* events of the object */
	cJSON			*events;
	void			(*changed)(void *);
	void			*arg;
};

static void
lines_clear(struct detail *d)
{
	size_t	 i;

	for (i = 0; i < d->nlines; i++)
		free(d->lines[i]);
	free(d->lines);
	d->lines = NULL;
	d->nlines = 0;
}

static void
line_add(struct detail *d, const char *s)
{
	d->lines = scs_xreallocarray(d->lines, d->nlines + 1,
	    sizeof *d->lines);
	d->lines[d->nlines++] = scs_xstrdup(s);
}

/* Split text into lines. */
static void
lines_text(struct detail *d, const char *text)
{
	const char	*p = text, *nl;
	char		*l;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		l = scs_xstrndup(p, nl != NULL ? (size_t)(nl - p) : strlen(p));
		line_add(d, l);
		free(l);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

static void
kv(struct detail *d, const char *k, const char *v)
{
	char	*l = scs_xprintf("%-12s %s", k, v != NULL ? v : "-");

	line_add(d, l);
	free(l);
}

static void	describe_conditions(struct detail *);
static void	describe_events(struct detail *);

static void
describe(struct detail *d)
{
	const cJSON	*md = J(d->obj, "metadata"), *x;
	char		 age[32], *l;
	const char	*s;
	int64_t		 t;
	int		 first;

	kv(d, "Name:", cJSON_GetStringValue(J(md, "name")));
	if ((s = cJSON_GetStringValue(J(md, "namespace"))) != NULL)
		kv(d, "Namespace:", s);
	l = scs_xprintf("%s (%s)", cJSON_GetStringValue(J(d->obj, "kind")) ?
	    cJSON_GetStringValue(J(d->obj, "kind")) : "?",
	    cJSON_GetStringValue(J(d->obj, "apiVersion")) ?
	    cJSON_GetStringValue(J(d->obj, "apiVersion")) : "?");
	kv(d, "Kind:", l);
	free(l);
	if ((s = cJSON_GetStringValue(J(md, "creationTimestamp"))) != NULL) {
		t = scs_parse_rfc3339(s);
		scs_format_age(scs_wall_s() - t, age, sizeof age);
		l = scs_xprintf("%s (%s ago)", s, age);
		kv(d, "Created:", l);
		free(l);
	}
	if ((s = cJSON_GetStringValue(J(md, "deletionTimestamp"))) != NULL)
		kv(d, "Deleting:", s);
	first = 1;
	cJSON_ArrayForEach(x, J(md, "labels")) {
		l = scs_xprintf("%s=%s", x->string, cJSON_IsString(x) ?
		    x->valuestring : "");
		kv(d, first ? "Labels:" : "", l);
		free(l);
		first = 0;
	}
	first = 1;
	cJSON_ArrayForEach(x, J(md, "annotations")) {
		/* Names only: values can be large, and hold secrets. */
		kv(d, first ? "Annotations:" : "", x->string);
		first = 0;
	}
	cJSON_ArrayForEach(x, J(md, "ownerReferences")) {
		l = scs_xprintf("%s/%s", cJSON_GetStringValue(J(x, "kind")) ?
		    cJSON_GetStringValue(J(x, "kind")) : "?",
		    cJSON_GetStringValue(J(x, "name")) ?
		    cJSON_GetStringValue(J(x, "name")) : "?");
		kv(d, "Owner:", l);
		free(l);
	}
	if ((s = cJSON_GetStringValue(J(J(d->obj, "status"), "phase"))) !=
	    NULL)
		kv(d, "Phase:", s);
	if (scs_yaml_is_secret(d->obj)) {
		kv(d, "Type:", cJSON_GetStringValue(J(d->obj, "type")));
		line_add(d, "Data (values hidden; y for YAML):");
		cJSON_ArrayForEach(x, J(d->obj, "data")) {
			l = scs_xprintf("  %-30s %zu bytes", x->string,
			    cJSON_IsString(x) ? strlen(x->valuestring) * 3 / 4 :
			    (size_t)0);
			line_add(d, l);
			free(l);
		}
	}
	describe_conditions(d);
	describe_events(d);
}

static void
describe_events(struct detail *d)
{
	const cJSON	*x;
	char		*l, age[32];
	const char	*s;
	int64_t		 t;

	line_add(d, "");
	if (d->events == NULL) {
		line_add(d, d->ev_call != NULL ? "Events: loading\u2026" :
		    "Events: none");
		return;
	}
	if (cJSON_GetArraySize(d->events) == 0) {
		line_add(d, "Events: none");
		return;
	}
	line_add(d, "Events:");
	l = scs_xprintf("  %-8s %-22s %-6s %5s  %s", "TYPE", "REASON", "LAST",
	    "COUNT", "MESSAGE");
	line_add(d, l);
	free(l);
	cJSON_ArrayForEach(x, d->events) {
		s = cJSON_GetStringValue(J(x, "lastTimestamp"));
		t = s != NULL ? scs_parse_rfc3339(s) : -1;
		if (t > 0)
			scs_format_age(scs_wall_s() - t, age, sizeof age);
		else
			scs_strlcpy(age, "-", sizeof age);
		l = scs_xprintf("  %-8s %-22s %-6s %5d  %s",
		    cJSON_GetStringValue(J(x, "type")) ?
		    cJSON_GetStringValue(J(x, "type")) : "",
		    cJSON_GetStringValue(J(x, "reason")) ?
		    cJSON_GetStringValue(J(x, "reason")) : "", age,
		    cJSON_IsNumber(J(x, "count")) ? J(x, "count")->valueint : 1,
		    cJSON_GetStringValue(J(x, "message")) ?
		    cJSON_GetStringValue(J(x, "message")) : "");
		line_add(d, l);
		free(l);
	}
}

static void
describe_conditions(struct detail *d)
{
	const cJSON	*c, *x;
	char		*l, age[32];
	const char	*s;
	int64_t		 t;

	c = J(J(d->obj, "status"), "conditions");
	if (cJSON_GetArraySize(c) > 0) {
		line_add(d, "");
		line_add(d, "Conditions:");
		l = scs_xprintf("  %-26s %-8s %-26s %-6s %s", "TYPE", "STATUS",
		    "REASON", "SINCE", "MESSAGE");
		line_add(d, l);
		free(l);
		cJSON_ArrayForEach(x, c) {
			s = cJSON_GetStringValue(J(x, "lastTransitionTime"));
			t = s != NULL ? scs_parse_rfc3339(s) : -1;
			if (t > 0)
				scs_format_age(scs_wall_s() - t, age,
				    sizeof age);
			else
				scs_strlcpy(age, "-", sizeof age);
			l = scs_xprintf("  %-26s %-8s %-26s %-6s %s",
			    cJSON_GetStringValue(J(x, "type")) ?
			    cJSON_GetStringValue(J(x, "type")) : "?",
			    cJSON_GetStringValue(J(x, "status")) ?
			    cJSON_GetStringValue(J(x, "status")) : "?",
			    cJSON_GetStringValue(J(x, "reason")) ?
			    cJSON_GetStringValue(J(x, "reason")) : "", age,
			    cJSON_GetStringValue(J(x, "message")) ?
			    cJSON_GetStringValue(J(x, "message")) : "");
			line_add(d, l);
			free(l);
		}
	}
}

static void
render(struct detail *d)
{
	char	*y, *cause = NULL;

	lines_clear(d);
	if (d->error != NULL) {
		line_add(d, d->error);
		return;
	}
	if (d->obj == NULL) {
		line_add(d, "loading\u2026");
		return;
	}
	if (!d->yaml) {
		describe(d);
		return;
	}
	y = scs_yaml_emit(d->obj, d->redact ? SCS_YAML_REDACT : 0, NULL,
	    &cause);
	lines_text(d, y != NULL ? y : cause);
	free(y);
	free(cause);
}

static void
on_events(const struct scs_api_result *r, void *arg)
{
	struct detail	*d = arg;

	d->ev_call = NULL;
	d->events = r->status == SCS_OK ? cJSON_Duplicate(
	    J(r->json, "items"), 1) : cJSON_CreateArray();
	render(d);
	d->changed(d->arg);
}

static void
on_get(const struct scs_api_result *r, void *arg)
{
	struct detail	*d = arg;

	d->call = NULL;
	if (r->status == SCS_OK && r->json != NULL)
		d->obj = cJSON_Duplicate(r->json, 1);
	else
		d->error = scs_xstrdup(r->message);
	render(d);
	d->changed(d->arg);
}

/* Events whose involvedObject is this object (core/v1 events). */
static void
events_fetch(struct detail *d)
{
	const struct scs_discovery	*disc = scs_api_discovery(d->api);
	const struct scs_resource	*ev;
	struct scs_list_opts		 lo;
	char				*sel;

	ev = disc != NULL ? scs_discovery_get(disc, "", "v1", "events") :
	    NULL;
	if (ev == NULL || d->ns == NULL)
		return;
	sel = scs_xprintf("involvedObject.name=%s", d->name);
	memset(&lo, 0, sizeof lo);
	lo.field_selector = sel;
	lo.limit = 100;
	d->ev_call = scs_api_list(d->api, ev, d->ns, &lo, on_events, d);
	free(sel);
}

struct detail *
detail_open(struct scs_api *api, const struct scs_resource *res,
    const char *ns, const char *name, int yaml, int redact,
    void (*changed)(void *), void *arg)
{
	struct detail	*d = scs_xcalloc(1, sizeof *d);

	d->api = api;
	d->res = *res;
	d->group = scs_xstrdup(res->group);
	d->version = scs_xstrdup(res->version);
	d->plural = scs_xstrdup(res->name);
	d->res.group = d->group;
	d->res.version = d->version;
	d->res.name = d->plural;
	d->res.short_names = NULL;
	d->res.categories = NULL;
	d->ns = ns != NULL && *ns != '\0' ? scs_xstrdup(ns) : NULL;
	d->name = scs_xstrdup(name);
	d->yaml = yaml;
	d->redact = redact;
	d->changed = changed;
	d->arg = arg;
	render(d);
	d->call = scs_api_get(api, &d->res, d->ns, d->name, on_get, d);
	events_fetch(d);
	return (d);
}

void
detail_free(struct detail *d)
{
	if (d == NULL)
		return;
	if (d->call != NULL)
		scs_api_cancel(d->call);
	if (d->ev_call != NULL)
		scs_api_cancel(d->ev_call);
	cJSON_Delete(d->events);
	lines_clear(d);
	cJSON_Delete(d->obj);
	free(d->error);
	free(d->group);
	free(d->version);
	free(d->plural);
	free(d->ns);
	free(d->name);
	free(d);
}

int
detail_busy(const struct detail *d)
{
	return (d->call != NULL || d->ev_call != NULL);
}

void
detail_draw(struct detail *d, int y, int rows)
{
	char	 title[512];
	size_t	 i;
	int	 x;

	snprintf(title, sizeof title, " %s %s%s%s (%s) ", d->plural,
	    d->ns != NULL ? d->ns : "", d->ns != NULL ? "/" : "", d->name,
	    d->yaml ? "yaml" : "describe");
	screen_role(ROLE_TITLE);
	move(y, 0);
	clrtoeol();
	x = (COLS - draw_width(title)) / 2;
	draw_cell(y, x > 0 ? x : 0, title, COLS - (x > 0 ? x : 0), 0);
	rows--;
	if (d->nlines > (size_t)rows && d->top > d->nlines - (size_t)rows)
		d->top = d->nlines - (size_t)rows;
	for (i = 0; i < (size_t)rows; i++) {
		screen_role(d->error != NULL ? ROLE_ERROR : ROLE_NORMAL);
		if (d->top + i < d->nlines)
			draw_cell(y + 1 + (int)i, 0, d->lines[d->top + i],
			    COLS, 0);
		else {
			move(y + 1 + (int)i, 0);
			clrtoeol();
		}
	}
	screen_role(ROLE_NORMAL);
}

int
detail_key(struct detail *d, int key, int page)
{
	size_t	 max = d->nlines > 0 ? d->nlines - 1 : 0;

	switch (key) {
	case 'j':
	case KEYS_SPECIAL + KEY_DOWN:
		if (d->top < max)
			d->top++;
		return (1);
	case 'k':
	case KEYS_SPECIAL + KEY_UP:
		if (d->top > 0)
			d->top--;
		return (1);
	case 'g':
	case KEYS_SPECIAL + KEY_HOME:
		d->top = 0;
		return (1);
	case 'G':
	case KEYS_SPECIAL + KEY_END:
		d->top = max;
		return (1);
	case KEYS_SPECIAL + KEY_NPAGE:
	case 6:
		d->top = d->top + (size_t)page < max ? d->top + (size_t)page :
		    max;
		return (1);
	case KEYS_SPECIAL + KEY_PPAGE:
	case 2:
		d->top = d->top > (size_t)page ? d->top - (size_t)page : 0;
		return (1);
	case 'y':
		d->yaml = !d->yaml;
		d->top = 0;
		render(d);
		return (1);
	}
	return (0);
}
