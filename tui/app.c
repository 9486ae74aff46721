/*
 * app.c: the console's top: start-up (kubeconfig or the embedded
 * simulator), discovery and persona, the one-thread event loop
 * (curl_multi_poll with the terminal as an extra fd), key dispatch (a key
 * becomes an action of the top view's scope: the view's first, then the
 * console's) and the script runner. What views use lives below them:
 * services.c (messages, stores, opening views), prompt.c (the footer's
 * prompts and questions); app-draw.c draws the frame.
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "scs/log.h"
#include "scs/util.h"
#include "tui.h"

#define EXPECT_TIMEOUT_MS	10000
#define AGE_REFRESH_MS		10000
#define DRAW_MIN_MS		33	/* ~30 redraws a second at most */

static volatile sig_atomic_t	got_signal;
static volatile sig_atomic_t	got_winch;
static struct scs_http		*winch_http;	/* woken by SIGWINCH */

static int	app_use_context(struct app *, const char *, int, const char *,
		    char **);
static void	app_settings(struct app *);
static void	app_connect(struct app *);
static void	app_typeahead(struct app *);

static void
on_signal(int sig)
{
	got_signal = sig;
}

/* The terminal changed size: relayout at once, not at the next key. */
static void
on_winch(int sig)
{
	int	 saved = errno;

	(void)sig;
	got_winch = 1;
	if (winch_http != NULL)
		scs_http_wakeup(winch_http);
	errno = saved;
}

static void
app_resize(struct app *a)
{
	struct winsize	 ws;

	got_winch = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	scs_log_debug("resized to %dx%d at %lld", COLS, LINES,
	    (long long)scs_now_ms());
	a->dirty = 1;
	a->urgent = 1;
}

/* --- connecting --------------------------------------------------------- */

/* Start-up done (discovery and both access reviews): the home view. */
static void
app_ready(struct app *a)
{
	const char	*first = a->opts->view;

	if (!a->discovered || a->reviews_done < 2)
		return;
	if (!a->persona_forced)
		a->persona = scs_persona_detect(&a->access);
	a->persona_known = 1;
	app_set_persona(a, a->persona);
	if (first != NULL && app_show_name(a, first) != 0)
		scs_log_info("--view %s: not on this server", first);
	a->dirty = 1;
	app_typeahead(a);
}

static void
review_done(struct app *a, const struct scs_api_result *r, int *allowed)
{
	a->pending_start--;
	*allowed = r->status == SCS_OK && scs_review_allowed(r->json);
	a->reviews_done++;
	app_ready(a);
}

static void
on_access(const struct scs_api_result *r, void *arg)
{
	struct app	*a = arg;

	review_done(a, r, &a->access.list_secrets_all);
}

static void
on_access_kaas(const struct scs_api_result *r, void *arg)
{
	struct app	*a = arg;

	/* Listing cluster stacks everywhere is what KaaS operators do;
	 * it also means they may list clusters everywhere. */
	review_done(a, r, &a->access.list_clusterstacks_all);
	a->access.list_clusters_all = a->access.list_clusterstacks_all ||
	    a->access.list_secrets_all;
}

static void
on_discovered(const struct scs_api_result *r, void *arg)
{
	struct app	*a = arg;

	a->pending_start--;
	if (scs_api_discovery(a->api) == NULL ||
	    scs_discovery_count(scs_api_discovery(a->api)) == 0) {
		snprintf(a->conn, sizeof a->conn, "disconnected: %s",
		    r->message);
		a->conn_bad = 1;
		a->dirty = 1;
		app_typeahead(a);
		return;
	}
	a->discovered = 1;
	a->conn_bad = 0;
	snprintf(a->conn, sizeof a->conn, "connected");
	app_ready(a);
	a->dirty = 1;
}

static void
app_connect(struct app *a)
{
	snprintf(a->conn, sizeof a->conn, "connecting\u2026");
	a->pending_start = 3;
	a->reviews_done = 0;
	memset(&a->access, 0, sizeof a->access);
	scs_api_discover(a->api, on_discovered, a);
	scs_api_can_i(a->api, "list", "", "secrets", NULL, on_access, a);
	scs_api_can_i(a->api, "list", "clusterstack.x-k8s.io", "clusterstacks",
	    NULL, on_access_kaas, a);
}

int
app_switch_context(struct app *a, const char *list)
{
	char	*cause = NULL, *ctx = scs_xstrndup(list, strcspn(list, ","));

	fleet_close(a);
	if (app_use_context(a, ctx, 0, NULL, &cause) != 0) {
		app_message(a, 1, "%s", cause);
		free(cause);
		free(ctx);
		return (-1);
	}
	app_connect(a);
	if (strchr(list, ',') != NULL) {
		fleet_open(a, list);
		app_message(a, 0, "contexts %s", list);
	} else
		app_message(a, 0, "context %s", ctx);
	free(ctx);
	return (0);
}

/* --- settings ---------------------------------------------------------- */

/* Apply the effective configuration (a->eff) of the current context. */
static void
app_settings(struct app *a)
{
	const struct config_effective	*e = &a->eff;
	struct theme			 t;
	char				*cause = NULL;

	a->readonly = (int)e->v[CONFIG_READONLY].n;
	/* The demo is presenter-safe unless --no-redact. */
	a->redact = (int)e->v[CONFIG_REDACT].n ||
	    (a->opts->demo && !a->opts->no_redact);
	if (a->opts->no_redact && e->v[CONFIG_REDACT].from.source !=
	    CONFIG_FROM_FLAG)
		a->redact = 0;
	a->mouse = (int)e->v[CONFIG_MOUSE].n;
	a->refresh_ms = e->v[CONFIG_REFRESH].n > 0 ?
	    e->v[CONFIG_REFRESH].n : AGE_REFRESH_MS;
	a->silence_ms = e->v[CONFIG_SILENCE].n;
	if (a->api != NULL)
		scs_api_set_silence(a->api, a->silence_ms, 0);
	if (!a->persona_forced && strcmp(e->v[CONFIG_PERSONA].s, "auto") != 0 &&
	    scs_persona_parse(e->v[CONFIG_PERSONA].s, &a->persona) == 0)
		a->persona_forced = 1;
	if (!a->screen_up)
		return;
	if (theme_load(e->v[CONFIG_THEME].s, &t, &cause) != 0) {
		app_message(a, 1, "%s", cause);
		free(cause);
		theme_default(&t);
	}
	if (e->v[CONFIG_HEADER].n != -1)
		t.bg[ROLE_HEADER] = (int)e->v[CONFIG_HEADER].n;
	theme_apply(&t);
	mousemask(a->mouse ? BUTTON1_CLICKED | BUTTON1_PRESSED |
	    BUTTON4_PRESSED | BUTTON5_PRESSED : 0, NULL);
}

/* --- keys --------------------------------------------------------------- */

static void
app_mouse(struct app *a)
{
	MEVENT		 ev;
	struct view	*v = view_top(a);
	int		 i;

	if (getmouse(&ev) != OK || v == NULL)
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		for (i = 0; i < 3; i++)
			view_act(a, v, ev.bstate & BUTTON4_PRESSED ?
			    ACTION_UP : ACTION_DOWN);
		return;
	}
	if (v->ops->click != NULL)
		v->ops->click(v, ev.y);
}

/* The console's own actions: what no view took. */
static void
app_action(struct app *a, enum action act)
{
	switch (act) {
	case ACTION_COMMAND:
		app_prompt(a, ':', "");
		break;
	case ACTION_FILTER:
	case ACTION_SEARCH:
	case ACTION_FIND_FIELD:
		app_prompt(a, '/', "");
		break;
	case ACTION_NAMESPACE:
		app_prompt(a, ':', "ns ");
		break;
	case ACTION_TOGGLE_ALL_NS:
		command_run(a, "-A");
		break;
	case ACTION_HELP:
		if (view_top(a) != NULL)
			view_push(a, help_view(a, view_top(a)));
		break;
	case ACTION_PERSONA:
		if (a->discovered)
			app_next_persona(a);
		break;
	case ACTION_ALERTS:
		view_push(a, alerts_view(a));
		break;
	case ACTION_STATUS:
		view_push(a, status_view(a));
		break;
	case ACTION_EXPORT:
		app_prompt(a, ':', "export ");
		break;
	case ACTION_MOUSE_TOGGLE:
		command_run(a, "mouse");
		break;
	case ACTION_ALL_NS:
		if (!a->access.list_clusters_all && a->persona ==
		    SCS_PERSONA_TENANT && !a->persona_forced) {
			app_message(a, 1, "all namespaces: not allowed for "
			    "%s (it may list in its own namespace only)",
			    a->context);
			break;
		}
		app_set_ns(a, NULL);
		break;
	case ACTION_BACK:
		view_pop(a);
		break;
	case ACTION_QUIT:
		if (a->nviews > 1)
			view_pop(a);
		else
			a->quit = 1;
		break;
	case ACTION_QUIT_NOW:
		a->quit = 1;
		break;
	default:
		if (action_is_plugin(act))
			plugin_run(a, act);
		break;
	}
}

static void
app_key(struct app *a, int key)
{
	struct view	*v;
	enum scope	 s;
	enum action	 act;

	app_keys_record(a, key);
	scs_log_debug("key %s at %lld cpu %lld", keys_name(key),	/* bench */
	    (long long)scs_now_ms(), (long long)scs_cpu_us());
	a->urgent = 1;	/* a key's effect is drawn at once */
	if (key == KEYS_SPECIAL + KEY_RESIZE) {
		a->dirty = 1;
		return;
	}
	if (prompt_key(a, key))
		return;
	a->message[0] = '\0';
	a->dirty = 1;
	if (key == KEYS_SPECIAL + KEY_MOUSE) {
		app_mouse(a);
		return;
	}
	v = view_top(a);
	s = v != NULL ? v->ops->scope(v) : SCOPE_OVERVIEW;
	act = action_find(&a->eff, key, s);
	/* A view editing text takes the keys as text; in a picker, its
	 * actions (moves, help) come first and the rest is text. */
	if (v != NULL && v->ops->text != NULL && (s != SCOPE_PICKER ||
	    act == ACTION_NONE) && v->ops->text(v, key))
		return;
	if (act == ACTION_NONE)
		return;
	scs_log_debug("action %s in %s", action_name(act), scope_name(s));
	if (v != NULL && view_act(a, v, act) != 0)
		return;
	app_action(a, act);
}

/* --- input ------------------------------------------------------------- */

static void
on_tty(int fd, short revents, void *arg)
{
	struct app	*a = arg;
	wint_t		 wc;
	int		 r, key;

	(void)fd;
	(void)revents;
	while ((r = get_wch(&wc)) != ERR) {
		key = r == KEY_CODE_YES ? KEYS_SPECIAL + (int)wc : (int)wc;
		/* Typed before the first screen is up: kept for then. */
		if (!a->persona_known && !a->conn_bad &&
		    key != KEYS_SPECIAL + KEY_RESIZE &&
		    a->ntypeahead < TYPEAHEAD_MAX) {
			a->typeahead[a->ntypeahead++] = key;
			continue;
		}
		app_key(a, key);
		if (a->quit)
			break;
	}
}

/* The keys typed while starting, in order, once the first screen is up
 * (or the connection failed). */
static void
app_typeahead(struct app *a)
{
	size_t	 i, n = a->ntypeahead;

	a->ntypeahead = 0;
	for (i = 0; i < n && !a->quit; i++)
		app_key(a, a->typeahead[i]);
}

/* Nothing in flight, nothing to draw: a script may take a step. */
static int
app_idle(struct app *a)
{
	if (a->dirty || a->pending_start > 0)
		return (0);
	if (a->api != NULL && scs_api_pending_requests(a->api) > 0)
		return (0);
	if (view_top(a) != NULL && view_top(a)->ops->busy != NULL &&
	    view_top(a)->ops->busy(view_top(a)))
		return (0);
	if (a->discovered && a->reviews_done >= 2 && a->nviews == 0)
		return (0);
	if (fleet_busy(a))
		return (0);
	return (1);
}

/* @incident NS/NAME MESSAGE: the embedded simulator (--demo) turns the
 * cluster failed; without one the script fails. */
static void
app_script_incident(struct app *a, const char *arg)
{
	const char	*slash = strchr(arg, '/'), *sp = strchr(arg, ' ');
	char		*ns, *name;

	if (a->sim == NULL || slash == NULL || sp == NULL || sp < slash) {
		fprintf(stderr, "scs-tui: %s: @incident NS/NAME MESSAGE needs "
		    "--demo\n", script_where(a->script));
		a->exit_code = 3;
		a->quit = 1;
		return;
	}
	ns = scs_xstrndup(arg, (size_t)(slash - arg));
	name = scs_xstrndup(slash + 1, (size_t)(sp - slash - 1));
	scs_sim_fail(a->sim, ns, name, sp + 1 + strspn(sp + 1, " "));
	free(ns);
	free(name);
}

/* Run script steps while idle. */
static void
app_script(struct app *a)
{
	enum script_step	 st;
	enum export_format	 f;
	int			 key;
	const char		*arg;
	long			 ms;
	char			*dump;
	int64_t			 now;

	while (!a->quit && app_idle(a)) {
		now = scs_now_ms();
		if (now < a->script_wait_until)
			return;
		st = script_next(a->script, &key, &arg, &ms);
		switch (st) {
		case SCRIPT_KEY:
			app_key(a, key);
			if (script_delay(a->script) > 0)
				a->script_wait_until = now +
				    script_delay(a->script);
			break;
		case SCRIPT_DUMP:
			f = export_format_from_path(arg);
			app_export(a, arg, f == EXPORT_NONE ? EXPORT_TEXT : f);
			break;
		case SCRIPT_EXPECT:
		case SCRIPT_WAIT:
			dump = screen_dump();
			if (st == SCRIPT_EXPECT ? strstr(dump, arg) != NULL :
			    access(arg, F_OK) == 0) {
				a->expect_since = 0;
				free(dump);
				break;
			}
			if (a->expect_since == 0)
				a->expect_since = now;
			if (now - a->expect_since > EXPECT_TIMEOUT_MS) {
				fprintf(stderr, "scs-tui: %s: %s '%s' not %s "
				    "after %d s; the screen was:\n%s",
				    script_where(a->script), st == SCRIPT_EXPECT ?
				    "@expect" : "@wait", arg, st == SCRIPT_EXPECT ?
				    "on screen" : "there", EXPECT_TIMEOUT_MS / 1000,
				    dump);
				a->exit_code = 3;
				a->quit = 1;
			} else {
				script_unget(a->script);
				a->script_wait_until = now + 50;
			}
			free(dump);
			return;
		case SCRIPT_SLEEP:
			a->script_wait_until = now + ms;
			return;
		case SCRIPT_INCIDENT:
			app_script_incident(a, arg);
			break;
		case SCRIPT_QUIT:
		case SCRIPT_END:
			a->quit = 1;
			return;
		}
		if (a->dirty)
			app_draw(a);
	}
}

/* --- start-up ---------------------------------------------------------- */

/*
 * Connect to context ctx (NULL = current): a new target and api; the old
 * ones (and the view) go. The namespace is ns, else all when all_ns, else
 * the context's. 0 or -1 with *cause; on failure nothing changed.
 */
static int
app_use_context(struct app *a, const char *ctx, int all_ns, const char *ns,
    char **cause)
{
	struct scs_api_options	 ao;
	struct scs_target	*t;
	struct scs_api		*api;
	const struct config_value *cv;

	if (scs_kubeconfig_resolve(a->kc, ctx, &t, cause) != SCS_OK)
		return (-1);
	memset(&ao, 0, sizeof ao);
	/* Settings for this context (config file, overrides, flags); a
	 * persona picked with p or :persona was for the old context. */
	a->persona_forced = 0;
	config_resolve(a->cfg, t->context, a->opts, &a->eff);
	app_settings(a);
	ao.readonly = a->readonly;
	cv = &a->eff.v[CONFIG_NAMESPACE];
	if (ns == NULL && !all_ns && cv->s != NULL &&
	    (cv->from.source == CONFIG_FROM_FILE ||
	    cv->from.source == CONFIG_FROM_CONTEXT)) {
		if (strcmp(cv->s, "all") == 0)
			all_ns = 1;
		else
			ns = cv->s;
	}
	ao.as = a->opts->as;
	ao.as_groups = a->opts->as != NULL ? a->opts->as_groups : NULL;
	ao.have_tty = !a->opts->no_display;
	if ((api = scs_api_new(a->http, t, &ao, cause)) == NULL) {
		scs_target_free(t);
		return (-1);
	}
	scs_api_set_silence(api, a->silence_ms, 0);
	view_clear(a);
	app_clusters_stop(a);
	scs_api_free(a->api);
	scs_target_free(a->target);
	a->api = api;
	a->target = t;
	free(a->context);
	a->context = scs_xstrdup(t->context);
	free(a->ns);
	a->ns = NULL;
	if (ns != NULL)
		a->ns = scs_xstrdup(ns);
	else if (!all_ns && t->namespace != NULL &&
	    strcmp(t->namespace, "default") != 0)
		a->ns = scs_xstrdup(t->namespace);
	a->discovered = 0;
	a->persona_known = 0;
	return (0);
}

static int
app_setup(struct app *a, char **cause)
{
	struct scs_sim_opts	 so;
	char			*text;
	const char		*ctx = a->opts->context;
	enum scs_status		 s;

	if (a->opts->demo) {
		memset(&so, 0, sizeof so);
		so.listen = "127.0.0.1:0";
		so.scenario = a->opts->demo_scenario;
		so.quiet = 1;
		so.seed = 1;
		so.speed = a->opts->demo_speed;
		if ((a->sim = scs_sim_start(&so, cause)) == NULL)
			return (1);
		text = scs_sim_kubeconfig(a->sim, NULL);
		s = scs_kubeconfig_parse(text, strlen(text), "demo", NULL,
		    &a->kc, cause);
		scs_free_secret(text);
		if (s != SCS_OK)
			return (1);
	} else if (scs_kubeconfig_load(a->opts->kubeconfig, &a->kc,
	    cause) != SCS_OK)
		return (2);
	/* --context a,b,c: a is the console's own, b and c join the fleet
	 * views (fleet.c). */
	if (ctx != NULL && strchr(ctx, ',') != NULL) {
		char	*first = scs_xstrndup(ctx, strcspn(ctx, ","));
		int	 r;

		r = app_use_context(a, *first != '\0' ? first : NULL,
		    a->opts->all_namespaces, a->opts->namespace, cause);
		free(first);
		if (r != 0)
			return (2);
		fleet_open(a, ctx);
		return (0);
	}
	return (app_use_context(a, ctx, a->opts->all_namespaces,
	    a->opts->namespace, cause) == 0 ? 0 : 2);
}

static void
app_free(struct app *a)
{
	fleet_close(a);
	view_clear(a);
	app_clusters_stop(a);
	alerts_free(a->alerts);
	scs_store_pool_free(a->stores);
	free(a->del_group);
	free(a->del_plural);
	free(a->del_ns);
	free(a->del_name);
	scs_api_free(a->api);
	scs_target_free(a->target);
	scs_kubeconfig_free(a->kc);
	scs_http_free(a->http);
	scs_sim_stop(a->sim);
	config_free(a->cfg);
	script_free(a->script);
	free(a->context);
	free(a->ns);
}

int
app_run(const struct options *opts)
{
	struct app		 a;
	char			*cause = NULL;
	int			 r, wait;
	int64_t			 wake;
	struct sigaction	 sa;
	struct theme		 theme;

	setlocale(LC_ALL, "");
	memset(&a, 0, sizeof a);
	a.opts = opts;
	if (opts->persona != NULL && strcmp(opts->persona, "auto") != 0 &&
	    scs_persona_parse(opts->persona, &a.persona) == 0)
		a.persona_forced = 1;
	a.show_keys = opts->show_keys;
	if (opts->log != NULL && scs_log_open(opts->log, opts->verbose > 0 ?
	    SCS_LOG_DEBUG : SCS_LOG_INFO, &cause) != SCS_OK) {
		fprintf(stderr, "scs-tui: %s\n", cause);
		free(cause);
		return (2);
	}
	if (config_load(opts->config, &a.cfg, &cause) != 0) {
		fprintf(stderr, "scs-tui: %s\n", cause);
		free(cause);
		return (2);
	}
	if (opts->script != NULL && (a.script = script_load(opts->script,
	    opts->script_delay_ms, &cause)) == NULL) {
		fprintf(stderr, "scs-tui: %s\n", cause);
		free(cause);
		return (2);
	}
	a.http = scs_http_new();
	a.stores = scs_store_pool_new();
	if ((r = app_setup(&a, &cause)) != 0) {
		fprintf(stderr, "scs-tui: %s\n", cause != NULL ? cause :
		    "cannot start");
		free(cause);
		app_free(&a);
		return (r);
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (theme_load(a.eff.v[CONFIG_THEME].s, &theme, &cause) != 0) {
		fprintf(stderr, "scs-tui: %s\n", cause);
		free(cause);
		app_free(&a);
		return (2);
	}
	if (screen_init(opts->no_display, opts->cols, opts->rows) != 0) {
		app_free(&a);
		return (1);
	}
	a.screen_up = 1;
	app_settings(&a);
	if (!opts->no_display) {
		scs_http_add_fd(a.http, STDIN_FILENO, POLLIN, on_tty, &a);
		/* Ours, not curses': curses notices a resize only in getch. */
		winch_http = a.http;
		sa.sa_handler = on_winch;
		sigaction(SIGWINCH, &sa, NULL);
	}
	app_connect(&a);
	a.dirty = 1;
	while (!a.quit && got_signal == 0) {
		if (got_winch)
			app_resize(&a);
		/* Changes from the server are drawn at most every
		 * DRAW_MIN_MS (a watch storm), keys at once. */
		if (a.dirty && (a.urgent || a.script != NULL ||
		    scs_now_ms() - a.last_draw >= DRAW_MIN_MS))
			app_draw(&a);
		if (a.script != NULL)
			app_script(&a);
		if (a.quit)
			break;
		if (a.dirty && (a.urgent || a.script != NULL))
			continue;
		/* The alerts watch starts once the first view has what it
		 * shows: a user waits for the view, never for the alerts. */
		if (a.clusters == NULL && view_top(&a) != NULL &&
		    (view_top(&a)->ops->busy == NULL ||
		    !view_top(&a)->ops->busy(view_top(&a))))
			app_clusters(&a);
		wait = 1000;
		if (a.script != NULL && app_idle(&a))
			wait = 20;
		wake = view_top(&a) != NULL && view_top(&a)->ops->wake !=
		    NULL ? view_top(&a)->ops->wake(view_top(&a)) : 0;
		/* Ages under an hour on screen ("no answer for 17s", the
		 * stale marks, SINCE, AGE) tick once a second. */
		if (draw_ages_ticking() || live_lost(&a) > 0) {
			int64_t	 k = a.age_tick_ms + 1000;

			if (k < scs_now_ms())
				k = scs_now_ms();
			if (wake == 0 || k < wake)
				wake = k;
		}
		if (a.show_keys && a.keys_shown[0] != '\0') {
			int64_t	 k = a.keys_at + KEYS_SHOW_MS + 10;

			if (k > scs_now_ms() && (wake == 0 || k < wake))
				wake = k;
		}
		if (wake > 0 && wake - scs_now_ms() < wait)
			wait = wake - scs_now_ms() > 0 ?
			    (int)(wake - scs_now_ms()) + 5 : 0;
		if (a.dirty) {
			wake = a.last_draw + DRAW_MIN_MS - scs_now_ms();
			wait = wake > 0 ? (int)wake : 0;
		}
		scs_http_run(a.http, wait);
		if (scs_now_ms() - a.last_draw > a.refresh_ms ||
		    (wake > 0 && scs_now_ms() >= wake))
			a.dirty = 1;
		if ((draw_ages_ticking() || live_lost(&a) > 0) &&
		    scs_now_ms() - a.age_tick_ms >= 1000) {
			a.age_tick_ms = scs_now_ms();
			draw_ages_tick();
			a.dirty = 1;
		}
		/* A context stopped or started answering: say so now. */
		if (live_lost(&a) != a.lost_shown) {
			a.lost_shown = live_lost(&a);
			a.dirty = 1;
		}
	}
	signal(SIGWINCH, SIG_DFL);
	winch_http = NULL;
	screen_done();
	app_free(&a);
	scs_log_close();
	return (a.exit_code);
}
