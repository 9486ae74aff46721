/*
 * edit.c: kubectl edit for any object (tui.h, edit_object): the action
 * edit-yaml (E) and :edit RESOURCE/[NS/]NAME or :edit RESOURCE [NS/]NAME.
 *
 *   read the object; may the user update it (SelfSubjectAccessReview)?
 *   loop:
 *     a # note, then the object's YAML (no managedFields) -> a 0600
 *     temporary file; $VISUAL or $EDITOR (else vi) on it, the screen
 *     suspended (app_run_child); read back, file deleted
 *     saved as it was written, or empty: cancelled, nothing sent
 *     bad YAML, not one object, apiVersion/kind/name/namespace changed:
 *       the problem in the note, the user's text below it, again
 *     unchanged: nothing sent
 *     PUT ?dryRun=All: refused -> the server's words in the note, the
 *       user's text, again; 409 -> read the newer version, the user's
 *       changes (a merge patch from what was opened to what was saved)
 *       put on top of it, the note says what changed, again
 *   the diff of what the server would store (a view, scope preview;
 *   Secret values masked) and y/N; y: PUT for real (a 409 or a refusal
 *   goes back into the loop); n: the diff stays, s stores, Esc drops.
 *
 * The file's text (a Secret's values) never reaches the log, and lives
 * on disk only while the editor runs.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scs/log.h"
#include "scs/util.h"
#include "scs/yaml.h"
#include "tui.h"

#define EDIT_FILE_MAX	(16 * 1024 * 1024)
#define EDIT_NOTE_LINES	40	/* of the server's changes after a 409 */

struct edit {
	struct app			*app;
	const struct scs_resource	*res;
	char				 ns[256];
	char				 name[256];
	char				 kind[128];
	int				 secret;
	cJSON				*orig;	/* the server's version, no
						 * managedFields */
	cJSON				*shown;	/* orig as the YAML read back */
	cJSON				*sent;	/* the user's object */
	char				*text;	/* the file's body, next run */
	char				*note;	/* the # note above it */
	int				 pending;	/* text holds changes
						 * saving as is sends */
	char				*diff;	/* under review */
	size_t				 nchanged;
	size_t				 nlines;	/* of diff */
	size_t				 top;
	size_t				 page;		/* diff lines shown */
	struct view			*view;	/* the review, or NULL */
	int				 storing;	/* the PUT is out */
};

static void	edit_loop(struct edit *);

static void
edit_free(struct edit *e)
{
	if (e == NULL)
		return;
	cJSON_Delete(e->orig);
	cJSON_Delete(e->shown);
	cJSON_Delete(e->sent);
	if (e->secret)
		scs_free_secret(e->text);
	else
		free(e->text);
	free(e->note);
	free(e->diff);
	free(e);
}

/* The flow ends: the review view (if any) goes, and e with it. */
static void
edit_done(struct edit *e)
{
	struct app	*a = e->app;

	e->storing = 0;
	if (e->view != NULL && view_top(a) == e->view)
		view_pop(a);	/* frees e */
	else {
		if (e->view != NULL)
			e->view->data = NULL;
		edit_free(e);
	}
	a->dirty = 1;
}

/* The review view leaves the flow (the editor opens again). */
static void
edit_unreview(struct edit *e)
{
	struct view	*v = e->view;

	if (v == NULL)
		return;
	v->data = NULL;
	e->view = NULL;
	if (view_top(e->app) == v)
		view_pop(e->app);
}

static void
set_note(struct edit *e, char *note)
{
	free(e->note);
	e->note = note;
}

static void
set_text(struct edit *e, char *text)
{
	if (e->secret)
		scs_free_secret(e->text);
	else
		free(e->text);
	e->text = text;
}

static void
drop_managed(cJSON *o)
{
	cJSON_DeleteItemFromObjectCaseSensitive(J(o, "metadata"),
	    "managedFields");
}

/* o as the file shows it; the JSON that text reads back as in *shown. */
static char *
emit(struct edit *e, const cJSON *o, cJSON **shown)
{
	char	*text, *cause = NULL;
	cJSON	*docs;

	text = scs_yaml_emit(o, SCS_YAML_REVEAL_ALL, NULL, &cause);
	if (text == NULL) {
		app_message(e->app, 1, "edit: %s", cause);
		free(cause);
		return (NULL);
	}
	if (shown != NULL) {
		docs = scs_yaml_load(text, strlen(text), NULL);
		cJSON_Delete(*shown);
		*shown = docs != NULL ? cJSON_DetachItemFromArray(docs, 0) :
		    NULL;
		cJSON_Delete(docs);
	}
	return (text);
}

/* "$VISUAL" or "$EDITOR" split at spaces, or sh -c when it quotes
 * (as kubectl does), then the file; vi when neither is set. */
static char **
editor_argv(const char *path)
{
	const char	*ed = getenv("VISUAL");
	char		**argv, *copy, *p, *w;
	size_t		 n = 0;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	argv = scs_xcalloc(strlen(ed) + 3, sizeof *argv);
	if (strpbrk(ed, "\"'\\") != NULL) {
		argv[n++] = scs_xstrdup("/bin/sh");
		argv[n++] = scs_xstrdup("-c");
		argv[n++] = scs_xprintf("%s \"$0\"", ed);
		argv[n++] = scs_xstrdup(path);
		return (argv);
	}
	copy = scs_xstrdup(ed);
	for (p = copy; (w = strsep(&p, " ")) != NULL;) {
		if (*w != '\0')
			argv[n++] = scs_xstrdup(w);
	}
	free(copy);
	argv[n] = scs_xstrdup(path);
	return (argv);
}

/* The file's text after the editor; NULL with errno. */
static char *
read_file(const char *path, size_t *len)
{
	struct scs_buf	 b;
	char		 chunk[8192];
	size_t		 n;
	FILE		*f;

	if ((f = fopen(path, "r")) == NULL)
		return (NULL);
	scs_buf_init(&b, EDIT_FILE_MAX);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (scs_buf_add(&b, chunk, n) != SCS_OK) {
			fclose(f);
			scs_memzero(b.data, b.len);
			scs_buf_done(&b);
			errno = EFBIG;
			return (NULL);
		}
	}
	fclose(f);
	*len = b.len;
	scs_buf_addc(&b, '\0');
	return (scs_buf_steal(&b));
}

/* The text below the leading block of # lines (our note, or the user's
 * own comments there: both go). */
static const char *
body_of(const char *text)
{
	const char	*p = text, *nl;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '#' && *p != '\n')
			break;
		if ((nl = strchr(p, '\n')) == NULL)
			return (p + strlen(p));
		p = nl + 1;
	}
	return (p);
}

/* The note as # lines: the fixed words, then e->note's lines. */
static void
write_note(struct edit *e, struct scs_buf *b)
{
	const char	*p, *nl;

	scs_buf_printf(b, "# scs-tui edit: %s %s%s%s\n# Save and quit the "
	    "editor when done; saved unchanged or empty, nothing\n# changes. "
	    "The server checks it first (a dry run): you see what it\n# would "
	    "store and say y before it does. status is the controllers'.\n",
	    e->kind, e->ns, *e->ns != '\0' ? "/" : "", e->name);
	for (p = e->note; p != NULL && *p != '\0'; p = nl) {
		nl = strchr(p, '\n');
		scs_buf_printf(b, "#%s%.*s\n", *p != '\n' ? " " : "",
		    (int)(nl != NULL ? nl - p : (int)strlen(p)), p);
		nl = nl != NULL ? nl + 1 : p + strlen(p);
	}
	scs_buf_adds(b, "#\n");
}

/* "ok" when saved is the same object as opened (who it is), else why
 * not. */
static const char *
same_identity(const struct edit *e, const cJSON *saved)
{
	static const char *const paths[] = { "apiVersion", "kind",
	    "metadata.name", "metadata.namespace", NULL };
	size_t	 i;

	for (i = 0; paths[i] != NULL; i++) {
		if (!scs_streq(cJSON_GetStringValue(scs_jpath(saved,
		    paths[i])), cJSON_GetStringValue(scs_jpath(e->orig,
		    paths[i]))))
			return (paths[i]);
	}
	return (NULL);
}

static void	on_dry(const struct scs_api_result *, void *);

enum run { RUN_AGAIN, RUN_DONE, RUN_SENT };

/* A problem with what was saved: into the note, the text again. */
static enum run
again(struct edit *e, char *note, const char *body)
{
	set_note(e, note);
	set_text(e, scs_xstrdup(body));
	e->pending = 0;
	return (RUN_AGAIN);
}

/* What was saved (body: below the note; same: the file as written). */
static enum run
judge(struct edit *e, const char *body, int same)
{
	struct app	*a = e->app;
	char		*cause = NULL, *note;
	const char	*bad;
	cJSON		*docs, *obj;

	if (same && !e->pending) {
		app_message(a, 0, "edit of %s %s cancelled: %s", e->kind,
		    e->name, e->note != NULL ? "saved as it was, the problem "
		    "stays; nothing changed" : "no changes");
		return (RUN_DONE);
	}
	if ((docs = scs_yaml_load(body, strlen(body), &cause)) == NULL) {
		note = scs_xprintf("error: %s\n(line 1 is the first line "
		    "below this note)", cause);
		free(cause);
		return (again(e, note, body));
	}
	if (cJSON_GetArraySize(docs) == 0) {
		cJSON_Delete(docs);
		app_message(a, 0, "edit of %s %s cancelled: an empty file; "
		    "nothing changed", e->kind, e->name);
		return (RUN_DONE);
	}
	obj = cJSON_GetArraySize(docs) == 1 && cJSON_IsObject(
	    cJSON_GetArrayItem(docs, 0)) ? cJSON_DetachItemFromArray(docs, 0) :
	    NULL;
	cJSON_Delete(docs);
	if (obj == NULL)
		return (again(e, scs_xstrdup("error: the file must hold one "
		    "object (a YAML mapping)"), body));
	if ((bad = same_identity(e, obj)) != NULL) {
		cJSON_Delete(obj);
		return (again(e, scs_xprintf("error: %s was changed: edit "
		    "changes an object, it cannot rename or move it", bad),
		    body));
	}
	if (cJSON_Compare(obj, e->shown, 1)) {
		cJSON_Delete(obj);
		app_message(a, 0, "edit of %s %s: no changes; nothing sent",
		    e->kind, e->name);
		return (RUN_DONE);
	}
	cJSON_Delete(e->sent);
	e->sent = obj;
	set_text(e, scs_xstrdup(body));
	e->pending = 0;
	app_message(a, 0, "edit: the server checks it (dry run) ...");
	scs_api_update(a->api, e->res, e->ns, e->sent, SCS_WRITE_DRY_RUN,
	    on_dry, e);
	return (RUN_SENT);
}

/* One editor run: the note and the text in a file, the editor, what was
 * saved judged. */
static enum run
edit_once(struct edit *e)
{
	struct app	*a = e->app;
	struct scs_buf	 b;
	char		 path[4096], **argv, *saved, stem[400];
	size_t		 len = 0, i;
	enum run	 run;
	int		 rc, same;

	scs_buf_init(&b, 0);
	write_note(e, &b);
	scs_buf_adds(&b, e->text != NULL ? e->text : "");
	snprintf(stem, sizeof stem, "%s-%s", e->kind, e->name);
	if (app_temp_file(stem, ".yaml", b.data, b.len, path,
	    sizeof path) != 0) {
		app_message(a, 1, "edit: a temporary file: %s",
		    strerror(errno));
		scs_memzero(b.data, b.len);
		scs_buf_done(&b);
		return (RUN_DONE);
	}
	scs_log_info("edit: %s %s%s%s in a 0600 temporary file", e->kind,
	    e->ns, *e->ns != '\0' ? "/" : "", e->name);
	argv = editor_argv(path);
	rc = app_run_child(a, argv, NULL, 0);
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
	saved = read_file(path, &len);
	unlink(path);
	scs_log_info("edit: the editor exited %d; the temporary file is "
	    "removed", rc);
	same = saved != NULL && b.len == len && memcmp(b.data, saved,
	    len) == 0;
	scs_memzero(b.data, b.len);
	scs_buf_done(&b);
	if (rc != 0 || saved == NULL) {
		if (rc != 0)
			app_message(a, 1, "edit: the editor failed (exit code "
			    "%d); nothing changed", rc);
		else
			app_message(a, 1, "edit: the file is gone (%s); "
			    "nothing changed", strerror(errno));
		run = RUN_DONE;
	} else
		run = judge(e, body_of(saved), same);
	if (saved != NULL)
		scs_memzero(saved, len);
	free(saved);
	return (run);
}

/* The editor until something is sent or the edit ends. */
static void
edit_loop(struct edit *e)
{
	enum run	 run;

	while ((run = edit_once(e)) == RUN_AGAIN)
		;
	if (run == RUN_DONE)
		edit_done(e);
}

/* A Secret's values in a copy for the diff: masked, marked when they
 * differ from the other side's. */
static void
mask_values(cJSON *o, const cJSON *other)
{
	static const char *const maps[] = { "data", "stringData", NULL };
	const cJSON	*was;
	cJSON		*c;
	char		 m[96];
	size_t		 i, n;

	for (i = 0; maps[i] != NULL; i++) {
		cJSON_ArrayForEach(c, J(o, maps[i])) {
			if (!cJSON_IsString(c))
				continue;
			was = J(J(other, maps[i]), c->string);
			n = strlen(c->valuestring);
			/* data is base64: its decoded size */
			if (i == 0)
				n = n * 3 / 4 - (n > 0 && c->valuestring[n -
				    1] == '=') - (n > 1 && c->valuestring[n -
				    2] == '=');
			snprintf(m, sizeof m, "<hidden: %zu bytes%s>", n,
			    cJSON_Compare(c, was, 1) ? "" : ", changed");
			if (cJSON_IsString(c))
				cJSON_SetValuestring(c, m);
		}
	}
}

/* The diff of what the server would store; nchanged 0: nothing. */
static char *
review_diff(struct edit *e, const cJSON *result, size_t *nchanged)
{
	cJSON	*before = cJSON_Duplicate(e->orig, 1);
	cJSON	*after = cJSON_Duplicate(result, 1);
	char	*bt, *at, *d = NULL;

	drop_managed(after);
	if (e->secret) {
		mask_values(before, after);
		mask_values(after, e->orig);
	}
	bt = emit(e, before, NULL);
	at = emit(e, after, NULL);
	if (bt != NULL && at != NULL)
		d = scs_diff_lines(bt, at, 3, nchanged);
	cJSON_Delete(before);
	cJSON_Delete(after);
	free(bt);
	free(at);
	return (d);
}

static void	on_latest(const struct scs_api_result *, void *);

/* 409: read the newer version; the user's changes go on top of it. */
static void
refetch(struct edit *e)
{
	edit_unreview(e);
	scs_api_get(e->app->api, e->res, e->ns, e->name, on_latest, e);
}

/* The server refused what was sent: its words in the note. */
static void
refused(struct edit *e, const struct scs_api_result *r)
{
	struct scs_buf	 b;
	size_t		 i;

	edit_unreview(e);
	scs_buf_init(&b, 0);
	scs_buf_printf(&b, "error: the server refused it: %s", r->message);
	for (i = 0; r->error != NULL && i < r->error->ncauses; i++)
		scs_buf_printf(&b, "\n  %s: %s", r->error->causes[i].field !=
		    NULL ? r->error->causes[i].field : "", r->error->causes[i].
		    message != NULL ? r->error->causes[i].message : "");
	set_note(e, scs_buf_steal(&b));
	e->pending = 0;
	edit_loop(e);
}

/* A write's answer that sends the user back to the editor: a 409 (the
 * newer version first) or a refusal. 1 when it did. */
static int
sent_back(struct edit *e, const struct scs_api_result *r)
{
	if (r->status == SCS_CONFLICT)
		refetch(e);
	else if (r->status != SCS_OK)
		refused(e, r);
	return (r->status != SCS_OK);
}

static void
on_latest(const struct scs_api_result *r, void *arg)
{
	struct edit	*e = arg;
	struct scs_buf	 b;
	cJSON		*patch, *merged;
	char		*was, *now, *d, *text;
	const char	*p, *nl;
	size_t		 n = 0;

	if (r->status != SCS_OK) {
		app_message(e->app, 1, "edit: %s %s/%s changed on the server "
		    "and cannot be read again: %s; nothing changed", e->kind,
		    e->ns, e->name, r->message);
		edit_done(e);
		return;
	}
	/* The user's changes, from what was opened to what was saved. */
	patch = scs_json_merge_diff(e->shown, e->sent);
	merged = cJSON_Duplicate(r->json, 1);
	drop_managed(merged);
	was = emit(e, e->orig, NULL);
	now = emit(e, merged, NULL);
	d = was != NULL && now != NULL ? scs_diff_lines(was, now, 0, NULL) :
	    NULL;
	scs_buf_init(&b, 0);
	scs_buf_printf(&b, "The object changed on the server while you "
	    "edited it (resourceVersion %s -> %s).\nYour changes are put on "
	    "top of its new version below; save to send them.\nWhat the "
	    "server changed meanwhile:",
	    cJSON_GetStringValue(scs_jpath(e->orig,
	    "metadata.resourceVersion")) != NULL ? cJSON_GetStringValue(
	    scs_jpath(e->orig, "metadata.resourceVersion")) : "?",
	    cJSON_GetStringValue(scs_jpath(merged,
	    "metadata.resourceVersion")) != NULL ? cJSON_GetStringValue(
	    scs_jpath(merged, "metadata.resourceVersion")) : "?");
	for (p = d; e->secret == 0 && p != NULL && *p != '\0' &&
	    n < EDIT_NOTE_LINES; p = nl, n++) {
		nl = strchr(p, '\n');
		scs_buf_printf(&b, "\n  %.*s", (int)(nl != NULL ? nl - p :
		    (int)strlen(p)), p);
		nl = nl != NULL ? nl + 1 : p + strlen(p);
	}
	if (e->secret)
		scs_buf_adds(&b, "\n  (a Secret: its values are not shown "
		    "here)");
	free(was);
	free(now);
	free(d);
	/* The new base: the server's version; the text: it with the
	 * user's changes. */
	cJSON_Delete(e->orig);
	e->orig = cJSON_Duplicate(merged, 1);
	text = emit(e, e->orig, &e->shown);
	free(text);
	merged = scs_json_merge_apply(merged, patch);
	cJSON_Delete(patch);
	/* The new resourceVersion is the one to send. */
	text = emit(e, merged, NULL);
	cJSON_Delete(merged);
	set_note(e, scs_buf_steal(&b));
	set_text(e, text);
	e->pending = 1;
	edit_loop(e);
}

static void
on_stored(const struct scs_api_result *r, void *arg)
{
	struct edit	*e = arg;

	e->storing = 0;
	if (sent_back(e, r))
		return;
	app_message(e->app, 0, "edited %s %s%s%s (resourceVersion %s)",
	    e->kind, e->ns, *e->ns != '\0' ? "/" : "", e->name,
	    cJSON_GetStringValue(scs_jpath(r->json,
	    "metadata.resourceVersion")) != NULL ? cJSON_GetStringValue(
	    scs_jpath(r->json, "metadata.resourceVersion")) : "?");
	edit_done(e);
}

static void
store(struct edit *e)
{
	if (e->storing)
		return;
	e->storing = 1;
	app_message(e->app, 0, "edit: storing %s %s ...", e->kind, e->name);
	scs_api_update(e->app->api, e->res, e->ns, e->sent, 0, on_stored, e);
}

static void
on_answer(void *arg, int yes)
{
	struct edit	*e = arg;

	if (yes) {
		store(e);
		return;
	}
	app_message(e->app, 0, "not stored yet: %s stores, %s drops the edit",
	    app_key_name(e->app, ACTION_STORE, SCOPE_REVIEW),
	    app_key_name(e->app, ACTION_BACK, SCOPE_REVIEW));
}

/* --- the review: the diff, y/N -------------------------------------- */

static void
review_draw(struct view *v, int y, int rows)
{
	struct edit	*e = v->data;

	if (e == NULL)
		return;
	view_title(y, " %s %s: what the server would store (dry run) ",
	    e->kind, e->name);
	e->page = rows > 2 ? (size_t)rows - 2 : 1;
	screen_diff_lines(e->diff, e->top, y + 1, rows - 1);
}

static enum scope
review_scope(struct view *v)
{
	(void)v;
	return (SCOPE_REVIEW);
}

static int
review_action(struct view *v, enum action act)
{
	struct edit	*e = v->data;

	if (e == NULL)
		return (act == ACTION_BACK ? VIEW_CLOSE : 0);
	switch (act) {
	case ACTION_DOWN:
		if (e->top + 1 < e->nlines)
			e->top++;
		return (VIEW_HANDLED);
	case ACTION_UP:
		if (e->top > 0)
			e->top--;
		return (VIEW_HANDLED);
	case ACTION_TOP:
		e->top = 0;
		return (VIEW_HANDLED);
	case ACTION_BOTTOM:
		e->top = e->nlines > 0 ? e->nlines - 1 : 0;
		return (VIEW_HANDLED);
	case ACTION_PAGE_DOWN:
		e->top += e->page;
		if (e->top >= e->nlines)
			e->top = e->nlines > 0 ? e->nlines - 1 : 0;
		return (VIEW_HANDLED);
	case ACTION_PAGE_UP:
		e->top = e->top > e->page ? e->top - e->page : 0;
		return (VIEW_HANDLED);
	case ACTION_STORE:
		if (e->app->readonly)
			return (VIEW_HANDLED);
		store(e);
		return (VIEW_HANDLED);
	case ACTION_BACK:
		app_message(e->app, 0, "edit of %s %s dropped; nothing changed",
		    e->kind, e->name);
		return (VIEW_CLOSE);
	case ACTION_COMMAND:
	case ACTION_HELP:
	case ACTION_QUIT_NOW:
		return (0);
	default:
		return (VIEW_HANDLED);
	}
}

static void
review_free(struct view *v)
{
	struct edit	*e = v->data;

	if (e == NULL)
		return;
	e->view = NULL;
	/* A PUT out: its answer ends the edit (and frees it). */
	if (!e->storing)
		edit_free(e);
}

static const char *const review_notes[] = {
	"The diff is what the server answered a dry run of your edit.",
	"<confirm> at the question stores it; later <store> stores it, "
	"<back> drops it.",
	NULL
};

static const struct view_ops review_ops = {
	.kind = "edit",
	.draw = review_draw,
	.scope = review_scope,
	.action = review_action,
	.notes = review_notes,
	.free = review_free,
};

static void
on_dry(const struct scs_api_result *r, void *arg)
{
	struct edit	*e = arg;
	const char	*p;
	char		*q;

	if (sent_back(e, r))
		return;
	free(e->diff);
	e->nchanged = 0;
	e->diff = review_diff(e, r->json, &e->nchanged);
	if (e->diff == NULL || e->nchanged == 0) {
		app_message(e->app, 0, "edit of %s %s: the server would store "
		    "no change (status is the controllers'); nothing sent",
		    e->kind, e->name);
		edit_done(e);
		return;
	}
	e->top = 0;
	e->nlines = 0;
	for (p = e->diff; (p = strchr(p, '\n')) != NULL; p++)
		e->nlines++;
	e->view = view_new(e->app, &review_ops, e, "edit %s", e->name);
	view_push(e->app, e->view);
	q = scs_xprintf("store this change to %s %s?", e->kind,
	    e->name);
	app_confirm(e->app, q, on_answer, e);
	free(q);
}

/* --- the start ------------------------------------------------------ */

static void
on_review(const struct scs_api_result *r, void *arg)
{
	struct edit	*e = arg;

	if (r->status != SCS_OK || !scs_review_allowed(r->json)) {
		app_message(e->app, 1, "you may not update %s in %s (%s)",
		    e->res->name, *e->ns != '\0' ? e->ns : "the cluster",
		    r->status != SCS_OK ? r->message :
		    "SelfSubjectAccessReview: not allowed");
		edit_done(e);
		return;
	}
	set_text(e, emit(e, e->orig, &e->shown));
	if (e->text == NULL || e->shown == NULL) {
		edit_done(e);
		return;
	}
	edit_loop(e);
}

static void
on_object(const struct scs_api_result *r, void *arg)
{
	struct edit	*e = arg;
	const char	*kind;

	if (r->status != SCS_OK) {
		app_message(e->app, 1, "edit: %s %s%s%s: %s", e->res->name,
		    e->ns, *e->ns != '\0' ? "/" : "", e->name, r->message);
		edit_done(e);
		return;
	}
	e->orig = cJSON_Duplicate(r->json, 1);
	drop_managed(e->orig);
	kind = cJSON_GetStringValue(J(e->orig, "kind"));
	scs_strlcpy(e->kind, kind != NULL ? kind : e->res->kind,
	    sizeof e->kind);
	scs_api_can_i(e->app->api, "update", e->res->group, e->res->name,
	    *e->ns != '\0' ? e->ns : NULL, on_review, e);
}

void
edit_object(struct app *a, const struct scs_resource *res, const char *ns,
    const char *name)
{
	struct edit			*e;

	const struct scs_resource	*given = res;

	if (a->readonly) {
		app_message(a, 1, "read-only: edit is refused");
		return;
	}
	/* The discovery's own (a view's copy may go before the edit). */
	if ((res = app_resource(a, given->group, given->name)) == NULL) {
		app_message(a, 1, "edit: %s is not served here", given->name);
		return;
	}
	if ((res->verbs & SCS_VERB_UPDATE) == 0) {
		app_message(a, 1, "%s cannot be updated on this server",
		    res->name);
		return;
	}
	e = scs_xcalloc(1, sizeof *e);
	e->app = a;
	e->res = res;
	e->secret = *res->group == '\0' && strcmp(res->name, "secrets") == 0;
	if (e->secret && a->redact) {
		app_message(a, 1, "--redact: no Secret is edited (its values "
		    "would be shown)");
		free(e);
		return;
	}
	scs_strlcpy(e->ns, res->namespaced && ns != NULL ? ns : "",
	    sizeof e->ns);
	scs_strlcpy(e->name, name, sizeof e->name);
	scs_strlcpy(e->kind, res->kind, sizeof e->kind);
	scs_api_get(a->api, res, e->ns, e->name, on_object, e);
}

int
edit_command(struct app *a, const char *arg)
{
	const struct scs_resource	*res;
	const char			*sp = strchr(arg, ' ');
	const char			*slash = strchr(arg, '/'), *rest;
	const char			*name;
	char				 what[256], ns[256];
	size_t				 n;

	/* RESOURCE [NS/]NAME, or RESOURCE/[NS/]NAME. */
	n = sp != NULL ? (size_t)(sp - arg) : slash != NULL ?
	    (size_t)(slash - arg) : 0;
	if (n == 0 || n >= sizeof what || a->api == NULL)
		return (-1);
	snprintf(what, sizeof what, "%.*s", (int)n, arg);
	if ((res = scs_discovery_find(scs_api_discovery(a->api), what)) ==
	    NULL) {
		if (sp != NULL)
			app_message(a, 1, "edit: no resource '%s' on this "
			    "server", what);
		return (sp != NULL ? 0 : -1);
	}
	rest = arg + n + 1;
	while (*rest == ' ')
		rest++;
	if (*rest == '\0' || strchr(rest, ' ') != NULL) {
		app_message(a, 1, "usage: :edit RESOURCE/[NS/]NAME or :edit "
		    "RESOURCE [NS/]NAME");
		return (0);
	}
	if (!res->namespaced)
		edit_object(a, res, NULL, rest);
	else if (command_split_name(a, rest, ns, sizeof ns, &name) == 0)
		edit_object(a, res, ns, name);
	return (0);
}
