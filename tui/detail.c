/*
 * detail.c: the detail view of one object: describe (identity, labels,
 * owners, conditions with status/reason/since/message, secret keys with
 * values masked until revealed one by one, events newest first; a
 * Cluster API cluster's with those of everything under it) or YAML
 * (syntax coloured, secret values masked), fetched on demand. A cursor line moves
 * with j/k; / searches, n/N go to the next/previous match; x reveals the
 * secret value under the cursor (never under --redact).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scs/util.h"
#include "scs/yaml.h"
#include "tui.h"

/* The kinds under a cluster a describe lists by its cluster-name label. */
static const char *const kid_plurals[] = { "machinedeployments",
    "machinesets", "machines" };
#define KID_KINDS	(sizeof kid_plurals / sizeof kid_plurals[0])

struct detail;
struct kid {			/* one list of the kinds under a cluster */
	struct detail		*d;
	struct scs_api_call	*call;
};

/* An object a describe line names (Enter opens it). */
struct dref {
	char		*group, *kind, *ns, *name;
};

struct dline {
	char		*text;
	char		*secret_key;	/* a Secret's data key on this line */
	struct dref	*ref;		/* the object Enter opens, or NULL */
	int		 is_value;	/* a revealed value */
	enum role	 role;
};

struct detail {
	uint64_t		 age_gen;	/* draw_ages_gen rendered */
	struct app		*app;
	struct scs_api		*api;
	struct scs_resource	 res;		/* shallow: names owned below */
	char			*group, *version, *plural;
	char			*kind;		/* for the trail */
	char			*ns;
	char			*name;
	int			 yaml;
	int			 redact;
	cJSON			*obj;
	char			*error;
	struct dline		*lines;
	size_t			 nlines;
	size_t			 top;
	size_t			 cur;		/* cursor line */
	size_t			 left;		/* characters scrolled off left */
	char			 search[256];
	int			 refs_shown;	/* "References:" is out */
	char			**reveal;	/* revealed keys, NULL-ended */
	size_t			 nreveal;
	struct scs_api_call	*call;
	struct scs_api_call	*ev_call;	/* events of the object */
	cJSON			*events;
	/* A cluster's: its MachineDeployments, MachineSets and Machines,
	 * whose events it shows too (gather). */
	int			 gather;
	struct kid		 kid[KID_KINDS];
	cJSON			*kids;
};

static void
lines_clear(struct detail *d)
{
	size_t	 i;

	for (i = 0; i < d->nlines; i++) {
		free(d->lines[i].text);
		free(d->lines[i].secret_key);
		if (d->lines[i].ref != NULL) {
			free(d->lines[i].ref->group);
			free(d->lines[i].ref->kind);
			free(d->lines[i].ref->ns);
			free(d->lines[i].ref->name);
			free(d->lines[i].ref);
		}
	}
	free(d->lines);
	d->lines = NULL;
	d->nlines = 0;
}

static struct dline *
line_add(struct detail *d, const char *s)
{
	struct dline	*l;

	d->lines = scs_xreallocarray(d->lines, d->nlines + 1,
	    sizeof *d->lines);
	l = &d->lines[d->nlines++];
	l->text = scs_xstrdup(s);
	l->secret_key = NULL;
	l->ref = NULL;
	l->is_value = 0;
	l->role = ROLE_NORMAL;
	return (l);
}

/* The object Enter on line l opens. */
static void
line_ref(struct dline *l, const char *group, const char *kind,
    const char *ns, const char *name)
{
	l->ref = scs_xcalloc(1, sizeof *l->ref);
	l->ref->group = scs_xstrdup(group);
	l->ref->kind = scs_xstrdup(kind);
	l->ref->ns = ns != NULL ? scs_xstrdup(ns) : NULL;
	l->ref->name = scs_xstrdup(name);
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

/* A reference as a line that opens it: owners as "Owner:", the others
 * under "References:" with where the object holds them. */
static void
describe_ref(const struct scs_ref *r, void *arg)
{
	struct detail	*d = arg;
	struct dline	*l;
	char		*t, *what;
	int		 owner = strncmp(r->path, "metadata.ownerReferences",
			    24) == 0;

	what = scs_xprintf("%s/%s", r->kind, r->name);
	if (owner)
		t = scs_xprintf("%-12s %s", "Owner:", what);
	else {
		if (!d->refs_shown) {
			t = scs_xprintf("References:  (%s opens one)",
			    app_key_name(d->app, ACTION_OPEN, SCOPE_DETAIL));
			line_add(d, t);
			free(t);
			d->refs_shown = 1;
		}
		t = scs_xprintf("  %-36s %s", r->path, what);
	}
	l = line_add(d, t);
	l->role = ROLE_KEY;
	line_ref(l, r->group, r->kind, r->ns, r->name);
	free(t);
	free(what);
}

/* Enter on a line naming an object: describe it (through discovery, so
 * any provider's kind). */
static void
ref_open(struct detail *d)
{
	const struct dref		*r;
	const struct scs_resource	*res;

	if (d->cur >= d->nlines || (r = d->lines[d->cur].ref) == NULL) {
		app_message(d->app, 0, "%s opens a line that names an "
		    "object (Owner, References, Events)", app_key_name(d->app,
		    ACTION_OPEN, SCOPE_DETAIL));
		return;
	}
	res = scs_discovery_kind(scs_api_discovery(d->api), r->group, r->kind);
	if (res == NULL) {
		app_message(d->app, 1, "%s%s%s is not served by this server",
		    r->kind, *r->group != '\0' ? "." : "", r->group);
		return;
	}
	view_push(d->app, detail_view_api(d->app, d->api, res, res->namespaced ?
	    r->ns : NULL, r->name, 0));
}
static void	describe_secret(struct detail *);
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
		draw_age(scs_wall_s() - t, age, sizeof age);
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
	scs_refs(d->obj, describe_ref, d);
	if ((s = cJSON_GetStringValue(J(J(d->obj, "status"), "phase"))) !=
	    NULL)
		kv(d, "Phase:", s);
	if (scs_yaml_is_secret(d->obj))
		describe_secret(d);
	describe_conditions(d);
	describe_events(d);
}

static int
kids_pending(const struct detail *d)
{
	size_t	 i;

	for (i = 0; i < KID_KINDS; i++)
		if (d->kid[i].call != NULL)
			return (1);
	return (0);
}

/* The events about the object (kind and name), or, for a cluster, about
 * it and everything under it (its refs' control plane and infrastructure
 * cluster, MachineDeployments, MachineSets, Machines), newest first,
 * each with its object. */
static void
describe_events(struct detail *d)
{
	const cJSON	**objs, **v, *x, *io;
	struct dline	*dl;
	size_t		 n = 0, k = 0, max;
	char		 row[2048], group[128], *l;

	line_add(d, "");
	if (d->events == NULL || kids_pending(d)) {
		line_add(d, d->ev_call != NULL || kids_pending(d) ?
		    "Events: loading\u2026" : "Events: none");
		return;
	}
	max = (size_t)cJSON_GetArraySize(d->kids) + 3;
	objs = scs_xcalloc(max, sizeof *objs);
	objs[n++] = d->obj;
	if (d->gather) {
		if ((x = scs_jpath(d->obj, "spec.controlPlaneRef")) != NULL)
			objs[n++] = x;
		if ((x = scs_jpath(d->obj, "spec.infrastructureRef")) != NULL)
			objs[n++] = x;
		cJSON_ArrayForEach(x, d->kids)
			objs[n++] = x;
	}
	v = scs_xcalloc((size_t)cJSON_GetArraySize(d->events) + 1, sizeof *v);
	cJSON_ArrayForEach(x, d->events) {
		if (scs_event_about(x, objs, n))
			v[k++] = x;
	}
	scs_events_sort(v, k);
	if (k == 0)
		line_add(d, d->gather ? "Events: none, of the cluster or "
		    "what is under it" : "Events: none");
	else
		line_add(d, d->gather ? "Events of the cluster and what is "
		    "under it, newest first:" : "Events, newest first:");
	for (n = 0; n < k; n++) {
		screen_event_row(v[n], row, sizeof row);
		l = scs_xprintf("  %s", row);
		dl = line_add(d, l);
		dl->role = scs_streq(cJSON_GetStringValue(scs_jpath(v[n],
		    "type")), "Warning") ? ROLE_WARN : ROLE_NORMAL;
		/* Enter on an event opens the object it is about. */
		io = J(v[n], "involvedObject");
		if (cJSON_GetStringValue(J(io, "kind")) != NULL &&
		    cJSON_GetStringValue(J(io, "name")) != NULL) {
			scs_ref_group(io, group, sizeof group);
			line_ref(dl, group, J(io, "kind")->valuestring,
			    cJSON_GetStringValue(J(io, "namespace")),
			    J(io, "name")->valuestring);
		}
		free(l);
	}
	free(v);
	free(objs);
}

static void
describe_conditions(struct detail *d)
{
	const cJSON	*c, *x;
	char		 row[2048], *l;

	c = J(J(d->obj, "status"), "conditions");
	if (cJSON_GetArraySize(c) > 0) {
		line_add(d, "");
		line_add(d, "Conditions:");
		line_add(d, "  " SCREEN_CONDITION_HEAD);
		cJSON_ArrayForEach(x, c) {
			screen_condition_row(x, row, sizeof row);
			l = scs_xprintf("  %s", row);
			line_add(d, l)->role = screen_health_role(
			    scs_condition_health(x));
			free(l);
		}
	}
}

static int
revealed(const struct detail *d, const char *key)
{
	size_t	 i;

	for (i = 0; i < d->nreveal; i++) {
		if (strcmp(d->reveal[i], key) == 0)
			return (1);
	}
	return (0);
}

/* A revealed value: its text, else (NUL bytes) its size. */
static void
secret_value_lines(struct detail *d, const char *key, const char *b64)
{
	unsigned char	*v = NULL;
	size_t		 n = 0, i;
	int		 text = 1;
	char		*l, *p, *nl;
	struct dline	*dl;

	if (scs_base64_decode(b64, strlen(b64), &v, &n) != SCS_OK) {
		dl = line_add(d, "      (not valid base64)");
		dl->secret_key = scs_xstrdup(key);
		return;
	}
	/* Text unless it holds NUL bytes; controls in text are drawn
	 * visibly ("^[") like every other server string. */
	for (i = 0; i < n; i++) {
		if (v[i] == 0)
			text = 0;
	}
	if (!text) {
		l = scs_xprintf("      (binary, %zu bytes)", n);
		dl = line_add(d, l);
		dl->secret_key = scs_xstrdup(key);
		free(l);
	} else {
		p = scs_xstrndup((const char *)v, n);
		for (l = p; l != NULL; l = nl) {
			if ((nl = strchr(l, '\n')) != NULL)
				*nl++ = '\0';
			if (*l == '\0' && nl == NULL)
				break;
			dl = line_add(d, "");
			free(dl->text);
			dl->text = scs_xprintf("      %s", l);
			dl->secret_key = scs_xstrdup(key);
			dl->role = ROLE_WARN;
			dl->is_value = 1;
		}
		scs_free_secret(p);
	}
	scs_memzero(v, n);
	free(v);
}

static void
describe_secret(struct detail *d)
{
	const cJSON	*x;
	char		*l;
	struct dline	*dl;
	int		 on;

	kv(d, "Type:", cJSON_GetStringValue(J(d->obj, "type")));
	if (d->redact)
		line_add(d, "Data (values hidden: --redact):");
	else {
		l = scs_xprintf("Data (values hidden; %s on a key reveals "
		    "it):", app_key_name(d->app, ACTION_REVEAL, SCOPE_SECRET));
		line_add(d, l);
		free(l);
	}
	cJSON_ArrayForEach(x, J(d->obj, "data")) {
		on = !d->redact && revealed(d, x->string);
		l = scs_xprintf("  %-30s %zu bytes %s%s%s", x->string,
		    cJSON_IsString(x) ? strlen(x->valuestring) * 3 / 4 :
		    (size_t)0, on ? "(revealed; " : "\u2022\u2022\u2022"
		    "\u2022\u2022\u2022", on ? app_key_name(d->app,
		    ACTION_REVEAL, SCOPE_SECRET) : "", on ? " hides)" : "");
		dl = line_add(d, l);
		dl->secret_key = scs_xstrdup(x->string);
		dl->role = on ? ROLE_WARN : ROLE_NORMAL;
		free(l);
		if (on && cJSON_IsString(x))
			secret_value_lines(d, x->string, x->valuestring);
	}
}

/* YAML lines: keys in the key role, comments and masks muted. */
static void
yaml_roles(struct detail *d, size_t from)
{
	size_t	 i;
	char	*t;

	for (i = from; i < d->nlines; i++) {
		t = d->lines[i].text;
		if (strstr(t, "<hidden: ") != NULL)
			d->lines[i].role = ROLE_MUTED;
		else if (t[strspn(t, " ")] == '#')
			d->lines[i].role = ROLE_MUTED;
	}
}

static void
render(struct detail *d)
{
	char	*y, *cause = NULL;

	lines_clear(d);
	d->refs_shown = 0;
	if (d->error != NULL) {
		line_add(d, d->error)->role = ROLE_ERROR;
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
	/* Values are revealed in describe only: YAML stays masked. */
	y = scs_yaml_emit(d->obj, d->redact ? SCS_YAML_REDACT : 0, NULL,
	    &cause);
	lines_text(d, y != NULL ? y : cause);
	yaml_roles(d, 0);
	scs_free_secret(y);
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
	d->app->dirty = 1;
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
	d->app->dirty = 1;
}

static void
on_kids(const struct scs_api_result *r, void *arg)
{
	struct kid	*k = arg;
	struct detail	*d = k->d;
	const cJSON	*x;

	k->call = NULL;
	if (r->status == SCS_OK)
		cJSON_ArrayForEach(x, J(r->json, "items"))
			cJSON_AddItemToArray(d->kids, cJSON_Duplicate(x, 1));
	render(d);
	d->app->dirty = 1;
}

/* Events whose involvedObject is this object (core/v1 events); for a
 * Cluster API cluster, the namespace's and the objects under it (by
 * their cluster-name label), to pick those about any of them. */
static void
events_fetch(struct detail *d)
{
	const struct scs_discovery	*disc = scs_api_discovery(d->api);
	const struct scs_resource	*ev, *kid;
	struct scs_list_opts		 lo;
	char				*sel = NULL;
	size_t				 i;

	ev = disc != NULL ? scs_discovery_get(disc, "", "v1", "events") :
	    NULL;
	if (ev == NULL || d->ns == NULL)
		return;
	d->gather = strcmp(d->res.name, "clusters") == 0 &&
	    strcmp(d->res.group, "cluster.x-k8s.io") == 0;
	memset(&lo, 0, sizeof lo);
	if (!d->gather) {
		sel = scs_xprintf("involvedObject.name=%s", d->name);
		lo.field_selector = sel;
		lo.limit = 100;
	}
	d->ev_call = scs_api_list(d->api, ev, d->ns, &lo, on_events, d);
	free(sel);
	if (!d->gather)
		return;
	d->kids = cJSON_CreateArray();
	sel = scs_xprintf("cluster.x-k8s.io/cluster-name=%s", d->name);
	memset(&lo, 0, sizeof lo);
	lo.label_selector = sel;
	for (i = 0; i < KID_KINDS; i++) {
		d->kid[i].d = d;
		if ((kid = api_resource(d->api, "cluster.x-k8s.io",
		    kid_plurals[i])) != NULL)
			d->kid[i].call = scs_api_list(d->api, kid, d->ns, &lo,
			    on_kids, &d->kid[i]);
	}
	free(sel);
}

static void
detail_free(struct view *v)
{
	struct detail	*d = v->data;
	size_t		 i;

	if (d->call != NULL)
		scs_api_cancel(d->call);
	if (d->ev_call != NULL)
		scs_api_cancel(d->ev_call);
	for (i = 0; i < KID_KINDS; i++)
		if (d->kid[i].call != NULL)
			scs_api_cancel(d->kid[i].call);
	cJSON_Delete(d->kids);
	cJSON_Delete(d->events);
	lines_clear(d);
	cJSON_Delete(d->obj);
	for (i = 0; i < d->nreveal; i++)
		free(d->reveal[i]);
	free(d->reveal);
	free(d->error);
	free(d->group);
	free(d->version);
	free(d->plural);
	free(d->ns);
	free(d->name);
	free(d->kind);
	free(d);
}

static int
detail_busy(struct view *v)
{
	struct detail	*d = v->data;

	return (d->call != NULL || d->ev_call != NULL || kids_pending(d));
}

/* text without its first n characters (UTF-8 sequences count once). */
static const char *
skip_chars(const char *text, size_t n)
{
	while (*text != '\0' && n > 0) {
		text++;
		while (((unsigned char)*text & 0xc0) == 0x80)
			text++;
		n--;
	}
	return (text);
}

static void
detail_draw(struct view *v, int y, int rows)
{
	struct detail	*d = v->data;
	size_t		 i, l;
	enum role	 role;
	const char	*text;

	char		 shift[32] = "";

	/* Ages in describe tick (YAML has none). */
	if (!d->yaml && d->age_gen != draw_ages_gen()) {
		d->age_gen = draw_ages_gen();
		render(d);
	}
	if (d->left > 0)
		snprintf(shift, sizeof shift, " \u2192%zu", d->left);
	view_title(y, " %s %s%s%s (%s)%s%s%s [%zu/%zu]%s ", d->plural,
	    d->ns != NULL ? d->ns : "", d->ns != NULL ? "/" : "", d->name,
	    d->yaml ? "yaml" : "describe", d->search[0] != '\0' ? " </" : "",
	    d->search, d->search[0] != '\0' ? ">" : "",
	    d->nlines > 0 ? d->cur + 1 : 0, d->nlines, shift);
	rows--;
	if (rows < 1)
		return;
	cursor_fit(&d->cur, &d->top, d->nlines, (size_t)rows);
	for (i = 0; i < (size_t)rows; i++) {
		l = d->top + i;
		move(y + 1 + (int)i, 0);
		screen_role(ROLE_NORMAL);
		clrtoeol();
		if (l >= d->nlines)
			continue;
		text = d->lines[l].text;
		role = d->lines[l].role;
		/* A dump or export never shows a revealed value. */
		if (d->app->dump_safe && d->lines[l].is_value)
			text = "      <hidden>";
		if (l == d->cur)
			role = ROLE_SELECT;
		else if (text_holds(text, d->search))
			role = ROLE_CHANGED;
		text = skip_chars(text, d->left);
		if (d->yaml && d->left == 0 && role == ROLE_NORMAL &&
		    strchr(text, ':') !=
		    NULL && text[strspn(text, " -")] != '\0') {
			/* key: value, the key in the key role */
			const char	*colon = strchr(text, ':');
			char		*key = scs_xstrndup(text,
					    (size_t)(colon - text) + 1);
			int		 w = draw_width(key);

			screen_role(ROLE_KEY);
			draw_cell(y + 1 + (int)i, 0, key, w < COLS ? w : COLS,
			    0);
			screen_role(ROLE_NORMAL);
			if (w < COLS)
				draw_cell(y + 1 + (int)i, w, colon + 1,
				    COLS - w, 0);
			free(key);
			continue;
		}
		screen_role(role);
		draw_cell(y + 1 + (int)i, 0, text, COLS, 0);
	}
	screen_role(ROLE_NORMAL);
}

static const char *
detail_text(const void *arg, size_t i)
{
	const struct detail	*d = arg;

	return (d->lines[i].text);
}

/* Move the cursor to the next (dir 1) or previous (-1) match. */
static int
search_step(struct detail *d, int dir, int from_cursor)
{
	return (text_search(&d->cur, d->nlines, detail_text, d, d->search,
	    dir, from_cursor));
}

static void
detail_filter(struct view *v, const char *text)
{
	struct detail	*d = v->data;

	scs_strlcpy(d->search, text, sizeof d->search);
	if (text[0] != '\0' && !search_step(d, 1, 1))
		app_message(d->app, 1, "not found: %s", text);
}

/* Reveal or hide the secret value under the cursor. */
static void
reveal_toggle(struct detail *d)
{
	const char	*key;
	size_t		 i;

	if (d->cur >= d->nlines || (key = d->lines[d->cur].secret_key) ==
	    NULL) {
		app_message(d->app, 0, "x reveals a secret's value: move to "
		    "one of its keys");
		return;
	}
	if (d->redact) {
		app_message(d->app, 1, "--redact: secret values cannot be "
		    "revealed");
		return;
	}
	for (i = 0; i < d->nreveal; i++) {
		if (strcmp(d->reveal[i], key) == 0) {
			free(d->reveal[i]);
			d->reveal[i] = d->reveal[--d->nreveal];
			d->reveal[d->nreveal] = NULL;
			render(d);
			return;
		}
	}
	d->reveal = scs_xreallocarray(d->reveal, d->nreveal + 2,
	    sizeof *d->reveal);
	d->reveal[d->nreveal++] = scs_xstrdup(key);
	d->reveal[d->nreveal] = NULL;
	render(d);
}

static enum scope
detail_scope(struct view *v)
{
	struct detail	*d = v->data;

	if (d->obj == NULL || !scs_yaml_is_secret(d->obj))
		return (SCOPE_DETAIL);
	/* A cluster's kubeconfig Secret can be saved and merged. */
	return (J(J(d->obj, "data"), "value") != NULL ? SCOPE_KUBECONFIG :
	    SCOPE_SECRET);
}

/* w and M: the : line with the command to save or merge the kubeconfig
 * of the Secret shown. */
static void
kubeconfig_prompt(struct detail *d, int save)
{
	char		*cmd, *base;
	const char	*n = cJSON_GetStringValue(scs_jpath(d->obj,
			    "metadata.name"));

	base = scs_xstrdup(n != NULL ? n : "cluster");
	if (strlen(base) > 11 && strcmp(base + strlen(base) - 11,
	    "-kubeconfig") == 0)
		base[strlen(base) - 11] = '\0';
	if (save)
		cmd = scs_xprintf("save-kubeconfig ./%s.kubeconfig", base);
	else
		cmd = scs_xstrdup("merge-kubeconfig ");
	app_prompt(d->app, ':', cmd);
	free(cmd);
	free(base);
}

/* Its part of the trail: "describe Kind/name" (or "yaml ..."): after a
 * few jumps the trail says where each step went. */
static void
crumb(struct view *v)
{
	struct detail	*d = v->data;

	snprintf(v->crumb, sizeof v->crumb, "%s %s%s%s", d->yaml ? "yaml" :
	    "describe", d->kind, *d->kind != '\0' ? "/" : "", d->name);
}

static int
detail_action(struct view *v, enum action act)
{
	struct detail	*d = v->data;
	size_t		 step = (size_t)(COLS > 8 ? COLS / 2 : 4);	/* h l */

	if (cursor_action(&d->cur, d->nlines, LINES > 6 ? (size_t)LINES - 5 :
	    1, act))
		return (VIEW_HANDLED);
	switch (act) {
	case ACTION_SCROLL_RIGHT:
		d->left += step;
		return (VIEW_HANDLED);
	case ACTION_SCROLL_LEFT:
		d->left = d->left > step ? d->left - step : 0;
		return (VIEW_HANDLED);
	case ACTION_SEARCH_NEXT:
	case ACTION_SEARCH_PREV:
		if (!search_step(d, act == ACTION_SEARCH_NEXT ? 1 : -1, 0) &&
		    d->search[0] != '\0')
			app_message(d->app, 1, "not found: %s", d->search);
		return (VIEW_HANDLED);
	case ACTION_REVEAL:
		reveal_toggle(d);
		return (VIEW_HANDLED);
	case ACTION_OPEN:
		if (d->yaml)
			return (0);
		ref_open(d);
		return (VIEW_HANDLED);
	case ACTION_LABEL:
	case ACTION_ANNOTATE:
	case ACTION_EDIT_YAML:
		if (d->api != d->app->api) {
			app_message(d->app, 1, "this object is in another "
			    "context");
			return (VIEW_HANDLED);
		}
		if (act == ACTION_EDIT_YAML)
			edit_object(d->app, &d->res, d->ns, d->name);
		else
			app_meta_ask(d->app, act == ACTION_ANNOTATE, &d->res,
			    d->ns, d->name);
		return (VIEW_HANDLED);
	case ACTION_SAVE_KUBECONFIG:
	case ACTION_MERGE_KUBECONFIG:
		if (d->obj == NULL || !scs_yaml_is_secret(d->obj))
			return (0);
		kubeconfig_prompt(d, act == ACTION_SAVE_KUBECONFIG);
		return (VIEW_HANDLED);
	case ACTION_YAML:
		d->yaml = !d->yaml;
		d->cur = d->top = 0;
		render(d);
		crumb(v);
		return (VIEW_HANDLED);
	default:
		return (0);
	}
}

static const struct view_ops detail_ops;

int
detail_kubeconfig(struct view *v, char **text, size_t *len, char **name)
{
	static const char *const keys[] = { "value", "kubeconfig", "config",
	    NULL };
	struct detail	*d;
	const cJSON	*data, *x = NULL;
	unsigned char	*out = NULL;
	const char	*n;
	size_t		 i;

	if (v == NULL || v->ops != &detail_ops)
		return (-1);
	d = v->data;
	if (d->obj == NULL || !scs_yaml_is_secret(d->obj))
		return (-1);
	data = J(d->obj, "data");
	for (i = 0; keys[i] != NULL && x == NULL; i++)
		x = J(data, keys[i]);
	if (!cJSON_IsString(x) || scs_base64_decode(x->valuestring,
	    strlen(x->valuestring), &out, len) != SCS_OK)
		return (-1);
	*text = (char *)out;
	n = cJSON_GetStringValue(scs_jpath(d->obj, "metadata.name"));
	*name = scs_xstrdup(n != NULL ? n : "cluster");
	return (0);
}

static int
detail_object(struct view *v, struct view_object *o)
{
	struct detail	*d = v->data;

	o->res = &d->res;
	o->ns = d->ns != NULL ? d->ns : "";
	o->name = d->name;
	o->cluster = *d->res.group != '\0' && strcmp(d->res.group,
	    "cluster.x-k8s.io") == 0 && strcmp(d->res.name, "clusters") == 0 ?
	    d->name : NULL;
	o->api = d->api;
	return (0);
}

static const struct view_ops detail_ops = {
	.kind = "detail",
	.draw = detail_draw,
	.scope = detail_scope,
	.action = detail_action,
	.filter = detail_filter,
	.busy = detail_busy,
	.free = detail_free,
	.object = detail_object,
};

struct view *
detail_view(struct app *a, const struct scs_resource *res, const char *ns,
    const char *name, int yaml)
{
	return (detail_view_api(a, NULL, res, ns, name, yaml));
}

struct view *
detail_view_api(struct app *a, struct scs_api *api,
    const struct scs_resource *res, const char *ns, const char *name,
    int yaml)
{
	struct detail	*d = scs_xcalloc(1, sizeof *d);
	struct view	*v;

	d->app = a;
	d->api = api != NULL ? api : a->api;
	d->res = *res;
	d->group = scs_xstrdup(res->group);
	d->version = scs_xstrdup(res->version);
	d->plural = scs_xstrdup(res->name);
	d->res.group = d->group;
	d->res.version = d->version;
	d->res.name = d->plural;
	d->res.singular = NULL;
	d->res.kind = NULL;
	d->res.short_names = NULL;
	d->res.categories = NULL;
	d->ns = ns != NULL && *ns != '\0' ? scs_xstrdup(ns) : NULL;
	d->name = scs_xstrdup(name);
	d->yaml = yaml;
	d->redact = a->redact;
	render(d);
	d->call = scs_api_get(d->api, &d->res, d->ns, d->name, on_get, d);
	events_fetch(d);
	d->kind = scs_xstrdup(res->kind != NULL ? res->kind : "");
	v = view_new(a, &detail_ops, d, "%s", "");
	crumb(v);
	v->api = d->api;
	return (v);
}
