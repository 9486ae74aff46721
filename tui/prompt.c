/*
 * prompt.c: the footer's line of input (tui.h): the : command line with
 * Tab completion, the / filter or search (applied as it is typed), the
 * delete confirmation of a cluster (its name typed; any other object is
 * asked as a question) and the one-key questions of app_confirm (the
 * confirm action, scope question), which name the keys bound now ([y/N]
 * by default).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scs/util.h"
#include "tui.h"

static void
on_deleted(const struct scs_api_result *r, void *arg)
{
	struct app	*a = arg;

	if (r->status == SCS_OK)
		app_message(a, 0, "deleting %s", a->del_name != NULL ?
		    a->del_name : "");
	else
		app_message(a, 1, "delete failed: %s", r->message);
}

const char *
app_yes_no(struct app *a)
{
	static char	 buf[64];
	const char	*k = app_key_name(a, ACTION_CONFIRM, SCOPE_QUESTION);

	/* [y/N]: y yes, anything else (N) no; a key that reads as no or
	 * as more than a letter says it in words. */
	if (strlen(k) == 1 && strcasecmp(k, "n") != 0)
		snprintf(buf, sizeof buf, "[%s/N]", k);
	else
		snprintf(buf, sizeof buf, "[<%s> yes, other keys no]", k);
	return (buf);
}

/* Send the delete asked for (a->del_*). */
static void
delete_send(struct app *a)
{
	const struct scs_resource	*r;

	if ((r = app_resource(a, a->del_group, a->del_plural)) == NULL) {
		app_message(a, 1, "%s: no longer on this server",
		    a->del_plural);
		return;
	}
	scs_api_delete(a->api, r, a->del_ns, a->del_name, NULL, 0,
	    on_deleted, a);
}

/* A cluster's name typed, or not. */
static void
delete_typed(struct app *a)
{
	if (strcmp(a->entry.text, a->del_name) == 0)
		delete_send(a);
	else
		app_message(a, 0, "not deleted");
}

/* Any other object: the answer to its question. */
static void
delete_answered(void *arg, int yes)
{
	struct app	*a = arg;

	if (yes)
		delete_send(a);
	else
		app_message(a, 0, "not deleted");
}

void
app_meta_ask(struct app *a, int annotate, const struct scs_resource *res,
    const char *ns, const char *name)
{
	char	*t;

	if (a->readonly) {
		app_message(a, 1, "read-only: %s is refused", annotate ?
		    "annotate" : "label");
		return;
	}
	t = scs_xprintf("%s %s%s%s/%s%s%s ", annotate ? "annotate" : "label",
	    res->name, *res->group != '\0' ? "." : "", res->group,
	    ns != NULL && *ns != '\0' && res->namespaced ? ns : "",
	    ns != NULL && *ns != '\0' && res->namespaced ? "/" : "", name);
	app_prompt(a, ':', t);
	app_message(a, 0, "KEY=VALUE sets, KEY- removes; %s asks first",
	    app_key_name(a, ACTION_ENTRY_DONE, SCOPE_ENTRY));
	free(t);
}

void
app_delete_ask(struct app *a, const struct scs_resource *res,
    const char *ns, const char *name)
{
	char	*q;

	if (a->readonly) {
		app_message(a, 1, "read-only: deleting is refused");
		return;
	}
	free(a->del_group);
	free(a->del_plural);
	free(a->del_ns);
	free(a->del_name);
	a->del_group = scs_xstrdup(res->group);
	a->del_plural = scs_xstrdup(res->name);
	a->del_ns = scs_xstrdup(ns != NULL ? ns : "");
	a->del_name = scs_xstrdup(name);
	if (strcmp(a->del_plural, "clusters") == 0) {
		a->prompt = 'D';
		entry_set(&a->entry, "");
		return;
	}
	q = scs_xprintf("Delete %s %s%s%s?", a->del_plural, a->del_ns,
	    *a->del_ns != '\0' ? "/" : "", a->del_name);
	app_confirm(a, q, delete_answered, a);
	free(q);
}

static void
prompt_complete(struct app *a)
{
	const char	*c;

	if (a->compl_index == 0)
		scs_strlcpy(a->compl_prefix, a->entry.text,
		    sizeof a->compl_prefix);
	c = command_complete(a, a->compl_prefix, a->compl_index++);
	if (c == NULL) {
		a->compl_index = 0;
		c = command_complete(a, a->compl_prefix, a->compl_index++);
	}
	if (c == NULL)
		return;
	entry_set(&a->entry, c);
}

static void
prompt_filter(struct app *a)
{
	struct view	*v = view_top(a);

	if (v != NULL && v->ops->filter != NULL)
		v->ops->filter(v, a->entry.text);
}

void
app_prompt(struct app *a, int kind, const char *text)
{
	a->prompt = kind;
	entry_set(&a->entry, text);
	a->compl_index = 0;
	if (kind == '/')
		prompt_filter(a);
}

/* A key for the line being typed. */
static void
prompt_line_key(struct app *a, int key)
{
	enum entry_result	 r = entry_key(&a->entry, &a->eff, key);
	int			 kind;

	if (r == ENTRY_TAB && a->prompt == ':') {
		prompt_complete(a);
		a->dirty = 1;
		return;
	}
	a->compl_index = 0;
	if (r == ENTRY_ESCAPE) {
		if (a->prompt == '/') {
			entry_set(&a->entry, "");
			prompt_filter(a);
		}
		a->prompt = 0;
	} else if (r == ENTRY_ENTER) {
		kind = a->prompt;
		a->prompt = 0;
		if (kind == ':')
			command_run(a, a->entry.text);
		else if (kind == 'D')
			delete_typed(a);
	}
	if (a->prompt == '/')
		prompt_filter(a);
	a->dirty = 1;
}

void
app_confirm(struct app *a, const char *question, void (*cb)(void *, int),
    void *arg)
{
	/* Drawn with app_yes_no's keys after it, whole (app-draw.c). */
	scs_strlcpy(a->question, question, sizeof a->question);
	a->message[0] = '\0';
	a->dirty = 1;
	a->confirm_cb = cb;
	a->confirm_arg = arg;
}

/* The answer to app_confirm: the confirm action (y, Y by default) is
 * yes, any other key no. */
static void
prompt_answer(struct app *a, int key)
{
	void	(*cb)(void *, int) = a->confirm_cb;

	a->confirm_cb = NULL;
	a->message[0] = '\0';
	a->dirty = 1;
	cb(a->confirm_arg, action_find(&a->eff, key, SCOPE_QUESTION) ==
	    ACTION_CONFIRM);
}

int
prompt_key(struct app *a, int key)
{
	if (a->prompt != 0)
		prompt_line_key(a, key);
	else if (a->confirm_cb != NULL)
		prompt_answer(a, key);
	else
		return (0);
	return (1);
}
