/*
 * app-draw.c: the console's frame (tui.h): the header (context,
 * namespace, persona, connection, alerts, the trail), the top view's
 * body, the footer (a prompt, a message, or the hints of the view's
 * scope from the action table), the presenter's key overlay; and the
 * screen exported to a file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/log.h"
#include "scs/util.h"
#include "tui.h"

static void	draw_keys(struct app *);

int
app_export(struct app *a, const char *path, enum export_format f)
{
	char	*cause = NULL;
	int	 r;

	/* Revealed secret values never reach a file. */
	a->dump_safe = 1;
	app_draw(a);
	r = export_screen(path, f, &cause);
	a->dump_safe = 0;
	a->dirty = 1;
	if (r != 0) {
		app_message(a, 1, "export: %s", cause);
		free(cause);
		return (-1);
	}
	return (0);
}

static void
draw_header(struct app *a)
{
	char		 buf[1024], trail[512], conn[sizeof a->conn + 320];
	char		 waiting[256];
	size_t		 nal = alerts_count(a->alerts) + live_lost(a);
	const char	*msg;
	int		 lost;

	/* The connection as the server's liveness and the stores see it: a
	 * server that does not answer says so at once; one that answers
	 * again names the stores not whole yet. */
	lost = 1;
	if (a->api != NULL && live_state(a->api, a->conn, conn,
	    sizeof conn) == conn)
		;
	else if (a->api != NULL && scs_store_pool_state(a->stores, a->api,
	    &msg) == SCS_STORE_BACKOFF) {
		scs_store_pool_waiting(a->stores, a->api, waiting,
		    sizeof waiting);
		snprintf(conn, sizeof conn, "reconnecting: %s wait: %s",
		    waiting, msg);
	} else {
		lost = 0;
		scs_strlcpy(conn, a->conn, sizeof conn);
	}
	if (lost || a->conn_bad) {
		/* The whole error and its history are one key away. */
		snprintf(waiting, sizeof waiting, " (%s)", app_key_name(a,
		    ACTION_STATUS, SCOPE_TABLE));
		if (strlen(conn) + strlen(waiting) < sizeof conn)
			strcat(conn, waiting);
	}
	screen_role(a->readonly || lost || a->conn_bad ? ROLE_WARN :
	    ROLE_HEADER);
	snprintf(buf, sizeof buf, " scs-tui  ctx:%s  ns:%s  persona:%s%s%s  "
	    "%s", a->context != NULL ? a->context : "-",
	    a->ns != NULL ? a->ns : "all",
	    a->persona_known ? scs_persona_name(a->persona) : "\u2026",
	    a->readonly ? "  [readonly]" : "",
	    a->redact ? "  [redact]" : "", conn);
	draw_cell(0, 0, buf, COLS, 0);
	if (nal > 0) {
		snprintf(buf, sizeof buf, " \u26a0 %zu alert%s (%s) ", nal,
		    nal == 1 ? "" : "s", app_key_name(a, ACTION_ALERTS,
		    SCOPE_TABLE));
		screen_role(ROLE_ERROR);
		if (draw_width(buf) < COLS)
			draw_cell(0, COLS - draw_width(buf), buf,
			    draw_width(buf), 0);
	}
	snprintf(buf, sizeof buf, " %s%s  ", a->target != NULL ?
	    a->target->server : "", a->target != NULL &&
	    a->target->insecure ? " (TLS NOT VERIFIED)" : "");
	view_trail(a, trail, sizeof trail, COLS - draw_width(buf));
	scs_strlcpy(buf + strlen(buf), trail, sizeof buf - strlen(buf));
	screen_role(a->target != NULL && a->target->insecure ? ROLE_WARN :
	    ROLE_MUTED);
	draw_cell(1, 0, buf, COLS, 0);
}

/* The footer's head then its tail (a question and its keys, a prompt
 * and what is typed): the tail whole, the head cut to the room left. */
static void
draw_footer_pair(int y, const char *head, const char *tail)
{
	int	 tw = draw_width(tail), hw = draw_width(head);

	if (tw + 1 >= COLS) {
		draw_cell(y, 0, tail, COLS, 0);
		return;
	}
	if (hw > COLS - tw - 1)
		hw = COLS - tw - 1;
	draw_cell(y, 0, head, hw, 0);
	mvaddch(y, hw, ' ');
	draw_cell(y, hw + 1, tail, COLS - hw - 1, 0);
}

static void
draw_footer(struct app *a)
{
	int		 y = LINES - 1;
	char		 buf[sizeof a->entry.text + 512];
	struct view	*v = view_top(a);

	move(y, 0);
	if (a->prompt == 'D') {
		/* A cluster's deletion: its name typed. */
		screen_role(ROLE_WARN);
		snprintf(buf, sizeof buf, "Delete cluster %s/%s? Type its name "
		    "to confirm (%s cancels):", a->del_ns, a->del_name,
		    app_key_name(a, ACTION_ENTRY_CANCEL, SCOPE_ENTRY));
		draw_footer_pair(y, buf, a->entry.text);
		return;
	}
	if (a->confirm_cb != NULL) {
		screen_role(ROLE_ERROR);
		draw_footer_pair(y, a->question, app_yes_no(a));
		return;
	}
	if (a->prompt != 0) {
		screen_role(ROLE_PROMPT);
		snprintf(buf, sizeof buf, "%c%s", a->prompt, a->entry.text);
		draw_cell(y, 0, buf, COLS, 0);
		return;
	}
	if (a->message[0] != '\0') {
		screen_role(a->message_error ? ROLE_ERROR : ROLE_NORMAL);
		draw_cell(y, 0, a->message, COLS, 0);
		return;
	}
	screen_role(ROLE_KEY);
	action_hints(&a->eff, v == NULL ? SCOPE_OVERVIEW : v->ops->typing !=
	    NULL && v->ops->typing(v) ? SCOPE_ENTRY : v->ops->scope(v),
	    a->readonly, COLS, buf, sizeof buf);
	draw_cell(y, 0, buf, COLS, 0);
}

void
app_draw(struct app *a)
{
	struct view	*v = view_top(a);

	erase();
	draw_header(a);
	if (v != NULL)
		view_draw(v, 2, LINES - 3);
	else {
		screen_role(a->conn_bad ? ROLE_ERROR : ROLE_MUTED);
		draw_cell(3, 1, a->conn, COLS - 1, 0);
	}
	draw_footer(a);
	draw_keys(a);
	screen_role(ROLE_NORMAL);
	refresh();
	a->dirty = 0;
	a->urgent = 0;
	a->last_draw = scs_now_ms();
	scs_log_debug("drawn at %lld cpu %lld",	/* bench */
	    (long long)a->last_draw, (long long)scs_cpu_us());
}

/* The presenter overlay: the last keys, newest right. */
void
app_keys_record(struct app *a, int key)
{
	const char	*n = keys_name(key);
	char		 buf[sizeof a->keys_shown + 64];
	size_t		 len;

	if (!a->show_keys || key == KEYS_SPECIAL + KEY_RESIZE ||
	    key == KEYS_SPECIAL + KEY_MOUSE || n == NULL)
		return;
	if (scs_now_ms() - a->keys_at > KEYS_SHOW_MS)
		a->keys_shown[0] = '\0';
	/* Typed text runs together; named keys stand apart. */
	snprintf(buf, sizeof buf, "%s%s%s", a->keys_shown,
	    a->keys_shown[0] != '\0' && (strlen(n) > 1 ||
	    a->keys_named) ? " " : "", n);
	a->keys_named = strlen(n) > 1;
	/* Keep the tail when it gets long. */
	len = strlen(buf);
	scs_strlcpy(a->keys_shown, len > 40 ? buf + len - 40 : buf,
	    sizeof a->keys_shown);
	a->keys_at = scs_now_ms();
}

static void
draw_keys(struct app *a)
{
	char	 buf[128];
	int	 w;

	if (!a->show_keys || a->keys_shown[0] == '\0' ||
	    scs_now_ms() - a->keys_at > KEYS_SHOW_MS)
		return;
	snprintf(buf, sizeof buf, " \u2328 %s ", a->keys_shown);
	w = draw_width(buf);
	if (w >= COLS || LINES < 4)
		return;
	screen_role(ROLE_PROMPT);
	draw_cell(LINES - 2, COLS - w, buf, w, 0);
}
