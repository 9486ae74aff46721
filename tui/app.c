/*
 * app.c: the console: start-up (kubeconfig or the embedded simulator),
 * discovery and persona, the one-thread event loop (curl_multi_poll with
 * the terminal as an extra fd), keys, the : command line and / filter,
 * and the script runner.
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
#include <unistd.h>

#include "scs/log.h"
#include "scs/util.h"
#include "tui.h"

#define EXPECT_TIMEOUT_MS	10000
#define AGE_REFRESH_MS		10000

struct app {
	const struct options	*opts;
	struct scs_http		*http;
	struct scs_sim		*sim;
	struct scs_kubeconfig	*kc;
	struct scs_target	*target;
	struct scs_api		*api;
	char			*context;
	char			*ns;		/* current namespace; NULL = all */
	enum scs_persona	 persona;
	int			 persona_known;
	struct scs_access	 access;
	int			 reviews_done;

	int			 discovered;
	char			 conn[256];	/* connection state text */
	int			 conn_bad;
	int			 pending_start;	/* start-up calls in flight */

	struct table		*table;
	struct scs_store	*store;
	struct detail		*detail;
	char			*del_ns;	/* pending delete */
	char			*del_name;
	char			*kind;		/* resource shown */

	int			 prompt;	/* 0, ':' or '/' */
	char			 line[256];
	size_t			 linelen;
	char			 compl_prefix[256];	/* Tab cycling */
	int			 compl_index;
	char			 message[512];
	int			 message_error;
	int			 help;

	int			 dirty;
	int			 quit;
	int			 exit_code;
	int64_t			 last_draw;

	struct script		*script;
	int64_t			 script_wait_until;
	int64_t			 expect_since;
};

static volatile sig_atomic_t	got_signal;

static int	app_use_context(struct app *, const char *, int, const char *,
		    char **);

static void
on_signal(int sig)
{
	got_signal = sig;
}

static void
app_message(struct app *a, int error, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(a->message, sizeof a->message, fmt, ap);
	va_end(ap);
	a->message_error = error;
	a->dirty = 1;
}

static void
on_store_change(struct scs_store *s, void *arg)
{
	struct app	*a = arg;

	(void)s;
	a->dirty = 1;
}

/* Show resource res (from discovery) in the current namespace scope. */
static void
app_show(struct app *a, const struct scs_resource *res)
{
	const char	*ns = a->ns;

	detail_free(a->detail);
	a->detail = NULL;
	if (a->store != NULL) {
		scs_store_unsubscribe(a->store, on_store_change, a);
		table_free(a->table);
		scs_store_free(a->store);
	}
	if (!res->namespaced)
		ns = NULL;
	a->store = scs_store_new(a->api, res, ns, NULL);
	scs_store_subscribe(a->store, on_store_change, a);
	a->table = table_new(a->store, res->name, res->namespaced &&
	    ns == NULL);
	free(a->kind);
	a->kind = scs_xstrdup(res->name);
	scs_log_info("view %s in %s", res->name, ns != NULL ? ns : "all");
	a->dirty = 1;
}

static int
app_show_name(struct app *a, const char *name)
{
	const struct scs_resource	*r;

	if (!a->discovered) {
		app_message(a, 1, "not connected yet");
		return (-1);
	}
	r = scs_discovery_find(scs_api_discovery(a->api), name);
	if (r == NULL || (r->verbs & SCS_VERB_LIST) == 0) {
		app_message(a, 1, "no resource '%s' on this server", name);
		return (-1);
	}
	app_show(a, r);
	a->message[0] = '\0';
	return (0);
}

/* Both access reviews in: decide the persona (unless given). */
static void
persona_decide(struct app *a)
{
	if (a->reviews_done < 2 || a->persona_known)
		return;
	a->persona = scs_persona_detect(&a->access);
	a->persona_known = 1;
	a->dirty = 1;
}

static void
review_done(struct app *a, const struct scs_api_result *r, int *allowed)
{
	a->pending_start--;
	*allowed = r->status == SCS_OK && scs_review_allowed(r->json);
	a->reviews_done++;
	persona_decide(a);
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

	review_done(a, r, &a->access.list_clusterstacks_all);
}

static void
on_discovered(const struct scs_api_result *r, void *arg)
{
	struct app	*a = arg;
	const char	*first;

	a->pending_start--;
	if (scs_api_discovery(a->api) == NULL ||
	    scs_discovery_count(scs_api_discovery(a->api)) == 0) {
		snprintf(a->conn, sizeof a->conn, "disconnected: %s",
		    r->message);
		a->conn_bad = 1;
		a->dirty = 1;
		return;
	}
	a->discovered = 1;
	a->conn_bad = 0;
	snprintf(a->conn, sizeof a->conn, "connected");
	first = a->opts->view != NULL ? a->opts->view : "clusters";
	if (app_show_name(a, first) != 0 && a->opts->view != NULL)
		app_show_name(a, "clusters");
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
	if (a->opts->persona != NULL && strcmp(a->opts->persona, "auto") != 0) {
		scs_persona_parse(a->opts->persona, &a->persona);
		a->persona_known = 1;
	}
	scs_api_can_i(a->api, "list", "", "secrets", NULL, on_access, a);
	scs_api_can_i(a->api, "list", "clusterstack.x-k8s.io", "clusterstacks",
	    NULL, on_access_kaas, a);
}

/* --- drawing --------------------------------------------------------- */

static void
draw_header(struct app *a)
{
	char	 buf[1024];

	screen_role(a->opts->readonly ? ROLE_WARN : ROLE_HEADER);
	snprintf(buf, sizeof buf, " scs-tui  ctx:%s  ns:%s  persona:%s%s  %s",
	    a->context != NULL ? a->context : "-",
	    a->ns != NULL ? a->ns : "all",
	    a->persona_known ? scs_persona_name(a->persona) : "\u2026",
	    a->opts->readonly ? "  [readonly]" : "",
	    a->conn);
	draw_cell(0, 0, buf, COLS, 0);
	screen_role(ROLE_MUTED);
	snprintf(buf, sizeof buf, " %s  %s", a->target != NULL ?
	    a->target->server : "", a->target != NULL &&
	    a->target->insecure ? "(TLS NOT VERIFIED)" : "");
	draw_cell(1, 0, buf, COLS, 0);
}

static void
draw_footer(struct app *a)
{
	int	 y = LINES - 1;
	char	 buf[512];

	move(y, 0);
	if (a->prompt == 'D') {
		screen_role(ROLE_WARN);
		if (strcmp(a->kind, "clusters") == 0)
			snprintf(buf, sizeof buf, "Delete cluster %s/%s? Type "
			    "its name to confirm (Esc cancels): %s",
			    a->del_ns, a->del_name, a->line);
		else
			snprintf(buf, sizeof buf, "Delete %s %s%s%s? [y/N] %s",
			    a->kind, a->del_ns, a->del_ns[0] != '\0' ? "/" :
			    "", a->del_name, a->line);
		draw_cell(y, 0, buf, COLS, 0);
		return;
	}
	if (a->prompt != 0) {
		screen_role(ROLE_PROMPT);
		snprintf(buf, sizeof buf, "%c%s", a->prompt, a->line);
		draw_cell(y, 0, buf, COLS, 0);
		return;
	}
	if (a->message[0] != '\0') {
		screen_role(a->message_error ? ROLE_ERROR : ROLE_NORMAL);
		draw_cell(y, 0, a->message, COLS, 0);
		return;
	}
	screen_role(ROLE_KEY);
	draw_cell(y, 0, a->detail != NULL ? "<j/k>scroll <y>yaml/describe "
	    "<Esc>back <q>back" : "<:>cmd </>filter <Enter>describe <y>yaml "
	    "<C-d>delete <0>all ns <?>help <q>quit", COLS, 0);
}

static const char *const help_lines[] = {
	"Keys",
	"  j k Down Up      move          g G Home End   first / last",
	"  PgDn PgUp C-f C-b  page        Enter d  describe   y  YAML",
	"  C-d              delete (asks; clusters: type the name)",
	"  :                command line: a resource (clusters, cc, secrets,",
	"                   machines, ...), ns NAME, ns all, q",
	"  /                filter: text, !text (inverse), -l key=value",
	"  N A S            sort by name, age, status (again: reverse)",
	"  < >              sort by the previous / next column",
	"  :ctx NAME        switch context    Tab  completes the : line",
	"  :theme NAME      default, light, high-contrast, mono",
	"  0                all namespaces    Esc  clear filter / close",
	"  ?                this help         q    quit",
	"",
	"Status is shown with glyphs too: \u25cf ok  \u25d0 progressing  "
	"\u25b2 warning  \u2716 error  \u2020 deleting  ? unknown",
	NULL
};

static void
draw_help(void)
{
	int	 i, y = 3;

	for (i = 0; help_lines[i] != NULL && y < LINES - 1; i++, y++) {
		screen_role(i == 0 ? ROLE_TITLE : ROLE_NORMAL);
		draw_cell(y, 0, help_lines[i], COLS, 0);
	}
	for (; y < LINES - 1; y++) {
		move(y, 0);
		clrtoeol();
	}
}

static void
app_draw(struct app *a)
{
	erase();
	draw_header(a);
	if (a->help)
		draw_help();
	else if (a->detail != NULL)
		detail_draw(a->detail, 2, LINES - 3);
	else if (a->table != NULL)
		table_draw(a->table, 2, LINES - 3);
	else {
		screen_role(a->conn_bad ? ROLE_ERROR : ROLE_MUTED);
		draw_cell(3, 1, a->conn, COLS - 1, 0);
	}
	draw_footer(a);
	screen_role(ROLE_NORMAL);
	refresh();
	a->dirty = 0;
	a->last_draw = scs_now_ms();
	scs_log_debug("drawn at %lld", (long long)a->last_draw);	/* bench */
}

/* --- commands -------------------------------------------------------- */

static void
app_set_ns(struct app *a, const char *ns)
{
	const struct scs_resource	*r;

	free(a->ns);
	a->ns = ns != NULL ? scs_xstrdup(ns) : NULL;
	if (a->store != NULL) {
		r = scs_discovery_find(scs_api_discovery(a->api), a->kind);
		if (r != NULL)
			app_show(a, r);
	}
}

static void
app_command(struct app *a, const char *cmd)
{
	while (*cmd == ' ')
		cmd++;
	if (*cmd == '\0')
		return;
	if (strcmp(cmd, "q") == 0 || strcmp(cmd, "quit") == 0 ||
	    strcmp(cmd, "q!") == 0) {
		a->quit = 1;
		return;
	}
	if (strncmp(cmd, "ctx ", 4) == 0 || strcmp(cmd, "ctx") == 0) {
		char	*cause = NULL;
		size_t	 i;

		cmd += 3;
		while (*cmd == ' ')
			cmd++;
		if (*cmd == '\0') {
			struct scs_buf	 b;

			scs_buf_init(&b, 4096);
			for (i = 0; scs_kubeconfig_context(a->kc, i) != NULL;
			    i++)
				scs_buf_printf(&b, "%s%s", i != 0 ? " " : "",
				    scs_kubeconfig_context(a->kc, i));
			app_message(a, 0, "contexts: %s", b.data != NULL ?
			    b.data : "");
			scs_buf_done(&b);
			return;
		}
		if (app_use_context(a, cmd, 0, NULL, &cause) != 0) {
			app_message(a, 1, "%s", cause);
			free(cause);
			return;
		}
		app_connect(a);
		return;
	}
	if (strncmp(cmd, "theme ", 6) == 0) {
		struct theme	 t;
		char		*cause = NULL;

		if (theme_load(cmd + 6, &t, &cause) != 0) {
			app_message(a, 1, "%s", cause);
			free(cause);
			return;
		}
		theme_apply(&t);
		app_message(a, 0, "theme %s", t.name);
		return;
	}
	if (strncmp(cmd, "ns ", 3) == 0 || strcmp(cmd, "ns") == 0) {
		cmd += 2;
		while (*cmd == ' ')
			cmd++;
		if (*cmd == '\0' || strcmp(cmd, "all") == 0 ||
		    strcmp(cmd, "-A") == 0)
			app_set_ns(a, NULL);
		else
			app_set_ns(a, cmd);
		return;
	}
	app_show_name(a, cmd);
}

static void
detail_changed(void *arg)
{
	((struct app *)arg)->dirty = 1;
}

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

static void
delete_confirmed(struct app *a)
{
	const char	*ans = a->line;
	int		 go;

	if (strcmp(a->kind, "clusters") == 0)
		go = strcmp(ans, a->del_name) == 0;
	else
		go = strcmp(ans, "y") == 0 || strcmp(ans, "yes") == 0;
	if (!go) {
		app_message(a, 0, "not deleted");
		return;
	}
	scs_api_delete(a->api, scs_store_resource(a->store), a->del_ns,
	    a->del_name, NULL, 0, on_deleted, a);
}

static void
delete_ask(struct app *a)
{
	const struct scs_record	*r = a->table != NULL ?
				    table_selected(a->table) : NULL;

	if (r == NULL)
		return;
	if (a->opts->readonly) {
		app_message(a, 1, "read-only: deleting is refused");
		return;
	}
	free(a->del_ns);
	free(a->del_name);
	a->del_ns = scs_xstrdup(r->ns);
	a->del_name = scs_xstrdup(r->name);
	a->prompt = 'D';
	a->linelen = 0;
	a->line[0] = '\0';
}

static void
detail_show(struct app *a, int yaml)
{
	const struct scs_record	*r = a->table != NULL ?
				    table_selected(a->table) : NULL;

	if (r == NULL)
		return;
	detail_free(a->detail);
	a->detail = detail_open(a->api, scs_store_resource(a->store), r->ns,
	    r->name, yaml, a->opts->redact, detail_changed, a);
}

/* The n-th completion of prefix on the : line, or NULL. */
static const char *
completion(struct app *a, const char *prefix, int n)
{
	static const char *const builtins[] = { "ctx", "ns", "quit", "theme",
	    NULL };
	const struct scs_discovery	*d = a->api != NULL ?
					    scs_api_discovery(a->api) : NULL;
	const struct scs_resource	*r;
	size_t				 i, k, len = strlen(prefix);
	int				 seen = 0;

	for (i = 0; builtins[i] != NULL; i++) {
		if (strncmp(builtins[i], prefix, len) == 0 && seen++ == n)
			return (builtins[i]);
	}
	if (strncmp(prefix, "ctx ", 4) == 0 && a->kc != NULL) {
		for (i = 0; scs_kubeconfig_context(a->kc, i) != NULL; i++) {
			static char	 buf[256];

			snprintf(buf, sizeof buf, "ctx %s",
			    scs_kubeconfig_context(a->kc, i));
			if (strncmp(buf, prefix, len) == 0 && seen++ == n)
				return (buf);
		}
		return (NULL);
	}
	for (i = 0; d != NULL && i < scs_discovery_count(d); i++) {
		r = scs_discovery_at(d, i);
		if (!r->preferred || (r->verbs & SCS_VERB_LIST) == 0)
			continue;
		if (strncmp(r->name, prefix, len) == 0 && seen++ == n)
			return (r->name);
		for (k = 0; r->short_names != NULL &&
		    r->short_names[k] != NULL; k++) {
			if (strncmp(r->short_names[k], prefix, len) == 0 &&
			    seen++ == n)
				return (r->short_names[k]);
		}
	}
	return (NULL);
}

static void
prompt_complete(struct app *a)
{
	const char	*c;

	if (a->compl_index == 0)
		scs_strlcpy(a->compl_prefix, a->line, sizeof a->compl_prefix);
	c = completion(a, a->compl_prefix, a->compl_index++);
	if (c == NULL) {
		a->compl_index = 0;
		c = completion(a, a->compl_prefix, a->compl_index++);
	}
	if (c == NULL)
		return;
	scs_strlcpy(a->line, c, sizeof a->line);
	a->linelen = strlen(a->line);
}

static void
prompt_key(struct app *a, int key)
{
	if (key == '\t' && a->prompt == ':') {
		prompt_complete(a);
		a->dirty = 1;
		return;
	}
	a->compl_index = 0;
	if (key == 27) {
		if (a->prompt == '/' && a->table != NULL)
			table_set_filter(a->table, "");
		a->prompt = 0;
	} else if (key == '\r' || key == '\n' ||
	    key == KEYS_SPECIAL + KEY_ENTER) {
		if (a->prompt == ':')
			app_command(a, a->line);
		else if (a->prompt == 'D')
			delete_confirmed(a);
		a->prompt = 0;
	} else if (key == 127 || key == 8 ||
	    key == KEYS_SPECIAL + KEY_BACKSPACE) {
		while (a->linelen > 0 && ((unsigned char)a->line[--a->linelen]
		    & 0xc0) == 0x80)
			;
		a->line[a->linelen] = '\0';
	} else if (key == 21) {		/* C-u */
		a->linelen = 0;
		a->line[0] = '\0';
	} else if (key >= 0x20 && key < KEYS_SPECIAL &&
	    a->linelen + 5 < sizeof a->line) {
		if (key < 0x80)
			a->line[a->linelen++] = (char)key;
		else if (key < 0x800) {
			a->line[a->linelen++] = (char)(0xc0 | key >> 6);
			a->line[a->linelen++] = (char)(0x80 | (key & 0x3f));
		} else {
			a->line[a->linelen++] = (char)(0xe0 | key >> 12);
			a->line[a->linelen++] = (char)(0x80 | (key >> 6 &
			    0x3f));
			a->line[a->linelen++] = (char)(0x80 | (key & 0x3f));
		}
		a->line[a->linelen] = '\0';
	}
	if (a->prompt == '/' && a->table != NULL)
		table_set_filter(a->table, a->line);
	a->dirty = 1;
}

static void
app_key(struct app *a, int key)
{
	scs_log_debug("key %s at %lld", keys_name(key), (long long)scs_now_ms());
	if (key == KEYS_SPECIAL + KEY_RESIZE) {
		a->dirty = 1;
		return;
	}
	if (a->prompt != 0) {
		prompt_key(a, key);
		return;
	}
	a->message[0] = '\0';
	a->dirty = 1;
	if (a->help) {
		a->help = 0;
		if (key == 27 || key == '?' || key == 'q')
			return;
	}
	if (a->detail != NULL) {
		if (key == 27 || key == 'q') {
			detail_free(a->detail);
			a->detail = NULL;
		} else if (key == ':' || key == '?')
			;	/* handled below */
		else {
			detail_key(a->detail, key, LINES - 4);
			return;
		}
	}
	switch (key) {
	case '\r':
	case 'd':
		detail_show(a, 0);
		return;
	case 'y':
		detail_show(a, 1);
		return;
	case 4:		/* C-d */
		delete_ask(a);
		return;
	case ':':
	case '/':
		a->prompt = key;
		a->linelen = 0;
		a->line[0] = '\0';
		if (key == '/' && a->table != NULL)
			table_set_filter(a->table, "");
		return;
	case '?':
		a->help = 1;
		return;
	case 'q':
		a->quit = 1;
		return;
	case 3:		/* C-c */
		a->quit = 1;
		return;
	case 27:
		if (a->table != NULL)
			table_set_filter(a->table, "");
		return;
	case '0':
		app_set_ns(a, NULL);
		return;
	}
	if (a->table != NULL && table_key(a->table, key, LINES - 5))
		return;
}

/* --- input ------------------------------------------------------------- */

static void
on_tty(int fd, short revents, void *arg)
{
	struct app	*a = arg;
	wint_t		 wc;
	int		 r;

	(void)fd;
	(void)revents;
	while ((r = get_wch(&wc)) != ERR) {
		app_key(a, r == KEY_CODE_YES ? KEYS_SPECIAL + (int)wc :
		    (int)wc);
		if (a->quit)
			break;
	}
}

/* Nothing in flight, nothing to draw: a script may take a step. */
static int
app_idle(struct app *a)
{
	if (a->dirty || a->pending_start > 0)
		return (0);
	if (a->api != NULL && scs_api_pending_requests(a->api) > 0)
		return (0);
	if (a->detail != NULL && detail_busy(a->detail))
		return (0);
	if (a->store != NULL && (scs_store_busy(a->store) ||
	    scs_store_state(a->store, NULL) == SCS_STORE_LOADING))
		return (0);
	return (1);
}

static int
write_dump(const char *path, const char *text)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL)
		return (-1);
	fputs(text, f);
	return (fclose(f));
}

/* Run script steps while idle. */
static void
app_script(struct app *a)
{
	enum script_step	 st;
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
			dump = screen_dump();
			if (write_dump(arg, dump) != 0)
				app_message(a, 1, "@dump %s: %s", arg,
				    strerror(errno));
			free(dump);
			break;
		case SCRIPT_EXPECT:
			dump = screen_dump();
			if (strstr(dump, arg) != NULL) {
				a->expect_since = 0;
				free(dump);
				break;
			}
			if (a->expect_since == 0)
				a->expect_since = now;
			if (now - a->expect_since > EXPECT_TIMEOUT_MS) {
				fprintf(stderr, "scs-tui: %s: @expect '%s' not "
				    "on screen after %d s; the screen was:\n%s",
				    script_where(a->script), arg,
				    EXPECT_TIMEOUT_MS / 1000, dump);
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

	if (scs_kubeconfig_resolve(a->kc, ctx, &t, cause) != SCS_OK)
		return (-1);
	memset(&ao, 0, sizeof ao);
	ao.readonly = a->opts->readonly;
	ao.as = a->opts->as;
	ao.as_groups = a->opts->as != NULL ? a->opts->as_groups : NULL;
	ao.have_tty = !a->opts->no_display;
	if ((api = scs_api_new(a->http, t, &ao, cause)) == NULL) {
		scs_target_free(t);
		return (-1);
	}
	detail_free(a->detail);
	a->detail = NULL;
	if (a->store != NULL) {
		scs_store_unsubscribe(a->store, on_store_change, a);
		table_free(a->table);
		scs_store_free(a->store);
		a->store = NULL;
		a->table = NULL;
	}
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
		so.speed = 1;
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
	if (ctx != NULL && strchr(ctx, ',') != NULL) {
		scs_cause(cause, "several contexts at once are not supported "
		    "yet: %s", ctx);
		return (2);
	}
	return (app_use_context(a, ctx, a->opts->all_namespaces,
	    a->opts->namespace, cause) == 0 ? 0 : 2);
}

static void
app_free(struct app *a)
{
	detail_free(a->detail);
	free(a->del_ns);
	free(a->del_name);
	if (a->store != NULL) {
		table_free(a->table);
		scs_store_free(a->store);
	}
	scs_api_free(a->api);
	scs_target_free(a->target);
	scs_kubeconfig_free(a->kc);
	scs_http_free(a->http);
	scs_sim_stop(a->sim);
	script_free(a->script);
	free(a->context);
	free(a->ns);
	free(a->kind);
}

int
app_run(const struct options *opts)
{
	struct app		 a;
	char			*cause = NULL;
	int			 r, wait;
	struct sigaction	 sa;
	struct theme		 theme;

	setlocale(LC_ALL, "");
	memset(&a, 0, sizeof a);
	a.opts = opts;
	if (opts->log != NULL && scs_log_open(opts->log, opts->verbose > 0 ?
	    SCS_LOG_DEBUG : SCS_LOG_INFO, &cause) != SCS_OK) {
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
	if (theme_load(opts->theme != NULL ? opts->theme : "default", &theme,
	    &cause) != 0) {
		fprintf(stderr, "scs-tui: %s\n", cause);
		free(cause);
		app_free(&a);
		return (2);
	}
	if (screen_init(opts->no_display, opts->cols, opts->rows) != 0) {
		app_free(&a);
		return (1);
	}
	theme_apply(&theme);
	if (!opts->no_display)
		scs_http_add_fd(a.http, STDIN_FILENO, POLLIN, on_tty, &a);
	app_connect(&a);
	a.dirty = 1;
	while (!a.quit && got_signal == 0) {
		if (a.dirty)
			app_draw(&a);
		if (a.script != NULL)
			app_script(&a);
		if (a.quit)
			break;
		if (a.dirty)
			continue;
		wait = 1000;
		if (a.script != NULL && app_idle(&a))
			wait = 20;
		scs_http_run(a.http, wait);
		if (scs_now_ms() - a.last_draw > AGE_REFRESH_MS)
			a.dirty = 1;
	}
	screen_done();
	app_free(&a);
	scs_log_close();
	return (a.exit_code);
}
