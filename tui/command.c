/*
 * command.c: the : command line: built-in commands and any resource from
 * discovery (plural, kind, short name), with Tab completion over both,
 * over contexts after "ctx ", namespaces after "ns ", personas after
 * "persona ", themes after "theme ", and after "pin " and "unpin " the
 * namespace, the key and the value (pins.c).
 *
 *   :q :quit             quit
 *   :ctx [NAME]          list contexts, or switch to NAME
 *   :ns [NAME|all|-A]    namespace
 *   :-A                  toggle all namespaces
 *   :persona [NAME]      tenant, kaas, iaas: switch layout (home view)
 *   :overview :home      the persona's home view
 *   :alerts              on-call alerts
 *   :theme NAME          colour theme
 *   :mouse               mouse on/off
 *   :keys                the presenter's key overlay on/off
 *   :tree NS/NAME        a cluster's tree
 *   :create [NS]         the form for a new cluster (:create! drops the
 *                        kept draft first)
 *   :edit NS/NAME        the form for a cluster: variables, scale, upgrade
 *   :edit RESOURCE/[NS/]NAME, :edit RESOURCE [NS/]NAME   any object's YAML
 *                        in $VISUAL or $EDITOR (edit.c; a first word that
 *                        names a resource makes it this one)
 *   :clone [NS/]NAME     the create form filled from that cluster
 *   :stack [NS]          the form for a new ClusterStack (bring your own
 *                        class: its releases provide ClusterClasses)
 *   :save-kubeconfig[!] FILE   the kubeconfig Secret shown, as a 0600 file
 *                        (! replaces an existing file)
 *   :merge-kubeconfig [FILE]   its context into FILE (default: your
 *                        kubeconfig), with a .bak of the old file
 *   :export FILE [FMT]   the screen as text, ansi, svg or html (by the
 *                        file's extension unless FMT is given)
 *   :pause NAME :resume NAME :scale md/NAME N :scale kcp/NAME N
 *   :restart md/NAME|kcp/NAME :remediate MACHINE   day-2 actions (day2.c)
 *   :label RES/[NS/]NAME K=V K- ...  :annotate ...  labels, annotations
 *   :shell [NS/NAME]     $SHELL on the workload cluster (shell.c)
 *   :trace RESOURCE [NS/]NAME   a Central API claim (or a composite) as
 *                        crossplane beta trace shows it (trace.c)
 *   :RESOURCE            a table of any listable kind
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "tui.h"

static const char *const builtins[] = { "alerts", "annotate", "clone",
	"create", "ctx",
	"edit", "export", "home", "keys", "label", "merge-kubeconfig", "mouse", "ns", "overview",
	"pause", "persona", "pin", "pins", "policies", "quit", "remediate",
	"restart", "resume", "save-kubeconfig", "scale", "shell", "stack",
	"status", "theme", "trace", "tree", "unpin", NULL };
static const char *const themes[] = { "default", "light", "high-contrast",
	"mono", NULL };
static const char *const personas[] = { "tenant", "kaas", "iaas", NULL };

static const char *
arg_of(const char *cmd, const char *name)
{
	size_t	 n = strlen(name);

	if (strncmp(cmd, name, n) != 0 || (cmd[n] != ' ' && cmd[n] != '\0'))
		return (NULL);
	cmd += n;
	while (*cmd == ' ')
		cmd++;
	return (cmd);
}

static void
cmd_ctx(struct app *a, const char *arg)
{
	struct scs_buf	 b;
	size_t		 i;

	if (*arg != '\0') {
		app_switch_context(a, arg);
		return;
	}
	scs_buf_init(&b, 4096);
	for (i = 0; scs_kubeconfig_context(a->kc, i) != NULL; i++)
		scs_buf_printf(&b, "%s%s", i != 0 ? " " : "",
		    scs_kubeconfig_context(a->kc, i));
	app_message(a, 0, "contexts: %s", b.data != NULL ? b.data : "");
	scs_buf_done(&b);
}

static void
cmd_theme(struct app *a, const char *arg)
{
	struct theme	 t;
	char		*cause = NULL;

	if (theme_load(arg, &t, &cause) != 0) {
		app_message(a, 1, "%s", cause);
		free(cause);
		return;
	}
	theme_apply(&t);
	app_message(a, 0, "theme %s", t.name);
}

static void
cmd_persona(struct app *a, const char *arg)
{
	enum scs_persona	 p;

	if (*arg == '\0') {
		app_message(a, 0, "persona %s (tenant, kaas, iaas)",
		    a->persona_known ? scs_persona_name(a->persona) : "?");
		return;
	}
	if (scs_persona_parse(arg, &p) != 0) {
		app_message(a, 1, "no persona '%s': tenant, kaas or iaas", arg);
		return;
	}
	a->persona_forced = 1;
	app_set_persona(a, p);
}


static void
cmd_export(struct app *a, const char *arg)
{
	char			 path[1024];
	const char		*sp = strchr(arg, ' ');
	enum export_format	 f = EXPORT_AUTO;

	if (*arg == '\0') {
		app_message(a, 1, "export FILE [text|ansi|svg|html]");
		return;
	}
	if (sp != NULL) {
		f = export_format_from_name(sp + 1 + strspn(sp + 1, " "));
		if (f == EXPORT_NONE) {
			app_message(a, 1, "export: no format '%s' (text, ansi, "
			    "svg, html)", sp + 1);
			return;
		}
		snprintf(path, sizeof path, "%.*s", (int)(sp - arg), arg);
	} else
		scs_strlcpy(path, arg, sizeof path);
	if (f == EXPORT_AUTO && export_format_from_path(path) == EXPORT_NONE) {
		app_message(a, 1, "export: say the format of '%s' (.txt .ans "
		    ".svg .html)", path);
		return;
	}
	if (app_export(a, path, f) == 0)
		app_message(a, 0, "exported %s", path);
}

/* "NS/NAME" or "NAME" (in the current namespace) into ns and name. */
int
command_split_name(struct app *a, const char *arg, char *ns, size_t nslen,
    const char **name)
{
	const char	*slash = strchr(arg, '/');

	if (slash == NULL && a->ns == NULL) {
		app_message(a, 1, "say NAMESPACE/NAME (or pick a namespace)");
		return (-1);
	}
	if (slash != NULL) {
		snprintf(ns, nslen, "%.*s", (int)(slash - arg), arg);
		*name = slash + 1;
	} else {
		scs_strlcpy(ns, a->ns, nslen);
		*name = arg;
	}
	return (0);
}

static void
cmd_create(struct app *a, const char *arg, int fresh)
{
	const char	*ns = *arg != '\0' ? arg : a->ns;
	struct view	*v;

	if (fresh && ns != NULL)
		form_drop_draft(a, ns);
	if ((v = form_create_view(a, ns)) != NULL)
		view_push(a, v);
}

static void
cmd_edit(struct app *a, const char *arg)
{
	char		 ns[256];
	const char	*name;
	struct view	*v;

	if (command_split_name(a, arg, ns, sizeof ns, &name) != 0)
		return;
	if ((v = form_edit_view(a, ns, name, ACTION_EDIT)) != NULL)
		view_push(a, v);
}

/* :clone [NS/]NAME: a create form filled from the cluster, in the
 * namespace shown (the source's when all are shown). */
static void
cmd_clone(struct app *a, const char *arg)
{
	char		 ns[256];
	const char	*name;
	struct view	*v;

	if (command_split_name(a, arg, ns, sizeof ns, &name) != 0)
		return;
	if ((v = form_clone_view(a, a->ns != NULL ? a->ns : ns, ns,
	    name)) != NULL)
		view_push(a, v);
}

static void
cmd_kubeconfig(struct app *a, const char *arg, int merge, int force)
{
	char		*text = NULL, *name = NULL, *cause = NULL, *path, *ctx;
	size_t		 len;
	enum scs_status	 st;

	if (a->redact) {
		app_message(a, 1, "--redact: secret values are not saved");
		return;
	}
	if (detail_kubeconfig(view_top(a), &text, &len, &name) != 0) {
		app_message(a, 1, "open a cluster's kubeconfig Secret first "
		    "(:secrets, then Enter on <cluster>-kubeconfig)");
		return;
	}
	path = *arg != '\0' ? scs_xstrdup(arg) : merge ?
	    app_kubeconfig_path(a) : scs_xprintf("./%s.kubeconfig", name);
	if (merge) {
		ctx = NULL;
		st = scs_kubeconfig_merge(path, text, len, &ctx, &cause);
		if (st == SCS_OK)
			app_message(a, 0, "context %s added to %s (the old file "
			    "is %s.bak)", ctx, path, path);
		free(ctx);
	} else {
		st = scs_file_write_private(path, text, len, force, &cause);
		if (st == SCS_OK)
			app_message(a, 0, "saved %s (mode 0600)", path);
		else if (st == SCS_CONFLICT) {
			app_message(a, 1, "%s exists: :save-kubeconfig! %s "
			    "replaces it", path, path);
			free(cause);
			cause = NULL;
		}
	}
	if (st != SCS_OK && cause != NULL)
		app_message(a, 1, "%s", cause);
	free(cause);
	free(path);
	free(name);
	scs_memzero(text, len);
	free(text);
}

/* The next blank-separated word of *s into buf; 0, or -1 when none. */
static int
word(const char **s, char *buf, size_t len)
{
	const char	*p = *s;
	size_t		 n;

	while (*p == ' ')
		p++;
	n = strcspn(p, " ");
	if (n == 0 || n >= len)
		return (-1);
	memcpy(buf, p, n);
	buf[n] = '\0';
	p += n;
	while (*p == ' ')
		p++;
	*s = p;
	return (0);
}

/* :pins [NS], :pin NS KEY VALUE, :unpin NS KEY: the pins view of NS
 * (the top one when it is already), with the change started in it. */
static void
cmd_pins(struct app *a, const char *arg, int what)
{
	char		 ns[256], key[256];
	struct view	*v;

	if (word(&arg, ns, sizeof ns) != 0) {
		if (what != 0 || a->ns == NULL) {
			app_message(a, 1, "%s", what == 0 ? "usage: :pins NS "
			    "(no current namespace)" : what > 0 ? "usage: :pin "
			    "NS KEY VALUE" : "usage: :unpin NS KEY");
			return;
		}
		scs_strlcpy(ns, a->ns, sizeof ns);
	}
	if (what != 0 && (word(&arg, key, sizeof key) != 0 ||
	    (what > 0 && *arg == '\0') || (what < 0 && *arg != '\0'))) {
		app_message(a, 1, "%s", what > 0 ? "usage: :pin NS KEY VALUE "
		    "(KEY: variable.NAME or kubernetes.version)" : "usage: "
		    ":unpin NS KEY");
		return;
	}
	if (!pins_view_is(view_top(a), ns))
		view_push(a, pins_view(a, ns));
	if (what != 0 && (v = view_top(a)) != NULL && pins_view_is(v, ns))
		pins_change(v, key, what > 0 ? arg : NULL);
}

/* :trace RESOURCE [NS/]NAME */
static void
cmd_trace(struct app *a, const char *arg)
{
	const struct scs_resource	*res;
	char				 what[256], ns[256];
	const char			*name;

	if (word(&arg, what, sizeof what) != 0 || *arg == '\0') {
		app_message(a, 1, "usage: :trace RESOURCE [NS/]NAME (a claim: "
		    ":trace clusters.api.scs.community tenant-a/NAME)");
		return;
	}
	if ((res = scs_discovery_find(scs_api_discovery(a->api), what)) ==
	    NULL) {
		app_message(a, 1, "no resource '%s' on this server", what);
		return;
	}
	if (!res->namespaced)
		view_push(a, trace_view(a, res, NULL, arg));
	else if (command_split_name(a, arg, ns, sizeof ns, &name) == 0)
		view_push(a, trace_view(a, res, ns, name));
}

void
command_run(struct app *a, const char *cmd)
{
	const char	*arg;

	while (*cmd == ' ')
		cmd++;
	if (*cmd == '\0')
		return;
	if (strcmp(cmd, "q") == 0 || strcmp(cmd, "quit") == 0 ||
	    strcmp(cmd, "q!") == 0)
		a->quit = 1;
	else if ((arg = arg_of(cmd, "ctx")) != NULL)
		cmd_ctx(a, arg);
	else if ((arg = arg_of(cmd, "theme")) != NULL)
		cmd_theme(a, arg);
	else if ((arg = arg_of(cmd, "ns")) != NULL)
		app_set_ns(a, *arg == '\0' || strcmp(arg, "all") == 0 ||
		    strcmp(arg, "-A") == 0 ? NULL : arg);
	else if (strcmp(cmd, "-A") == 0)
		app_set_ns(a, a->ns != NULL ? NULL : a->target != NULL &&
		    a->target->namespace != NULL ? a->target->namespace :
		    "default");
	else if ((arg = arg_of(cmd, "persona")) != NULL)
		cmd_persona(a, arg);
	else if (strcmp(cmd, "overview") == 0 || strcmp(cmd, "home") == 0)
		app_set_persona(a, a->persona);
	else if (strcmp(cmd, "alerts") == 0)
		view_push(a, alerts_view(a));
	else if (strcmp(cmd, "status") == 0)
		view_push(a, status_view(a));
	else if (strcmp(cmd, "mouse") == 0) {
		a->mouse = !a->mouse;
		mousemask(a->mouse ? BUTTON1_CLICKED | BUTTON1_PRESSED |
		    BUTTON4_PRESSED | BUTTON5_PRESSED : 0, NULL);
		app_message(a, 0, "mouse %s", a->mouse ? "on" : "off");
	} else if (strcmp(cmd, "keys") == 0) {
		a->show_keys = !a->show_keys;
		app_message(a, 0, "key overlay %s", a->show_keys ? "on" :
		    "off");
	} else if ((arg = arg_of(cmd, "tree")) != NULL) {
		char		 ns[256];
		const char	*name;

		if (command_split_name(a, arg, ns, sizeof ns, &name) == 0)
			view_push(a, tree_view(a, ns, name));
	}
	else if ((arg = arg_of(cmd, "trace")) != NULL)
		cmd_trace(a, arg);
	else if ((arg = arg_of(cmd, "pins")) != NULL)
		cmd_pins(a, arg, 0);
	else if ((arg = arg_of(cmd, "pin")) != NULL)
		cmd_pins(a, arg, 1);
	else if ((arg = arg_of(cmd, "unpin")) != NULL)
		cmd_pins(a, arg, -1);
	else if (strcmp(cmd, "policies") == 0)
		view_push(a, policies_view(a));
	else if ((arg = arg_of(cmd, "export")) != NULL)
		cmd_export(a, arg);
	else if ((arg = arg_of(cmd, "create!")) != NULL)
		cmd_create(a, arg, 1);
	else if ((arg = arg_of(cmd, "create")) != NULL)
		cmd_create(a, arg, 0);
	else if ((arg = arg_of(cmd, "edit")) != NULL) {
		if (edit_command(a, arg) != 0)
			cmd_edit(a, arg);
	}
	else if ((arg = arg_of(cmd, "shell")) != NULL)
		shell_run(a, arg);
	else if ((arg = arg_of(cmd, "clone")) != NULL)
		cmd_clone(a, arg);
	else if ((arg = arg_of(cmd, "stack")) != NULL) {
		struct view	*v = form_kind_view(a, *arg != '\0' ? arg :
				    a->ns, "clusterstack.x-k8s.io",
				    "clusterstacks");

		if (v != NULL)
			view_push(a, v);
	}
	else if ((arg = arg_of(cmd, "pause")) != NULL)
		day2_run(a, "pause", arg);
	else if ((arg = arg_of(cmd, "resume")) != NULL)
		day2_run(a, "resume", arg);
	else if ((arg = arg_of(cmd, "scale")) != NULL)
		day2_run(a, "scale", arg);
	else if ((arg = arg_of(cmd, "restart")) != NULL)
		day2_run(a, "restart", arg);
	else if ((arg = arg_of(cmd, "remediate")) != NULL)
		day2_run(a, "remediate", arg);
	else if ((arg = arg_of(cmd, "label")) != NULL)
		day2_run(a, "label", arg);
	else if ((arg = arg_of(cmd, "annotate")) != NULL)
		day2_run(a, "annotate", arg);
	else if ((arg = arg_of(cmd, "save-kubeconfig!")) != NULL)
		cmd_kubeconfig(a, arg, 0, 1);
	else if ((arg = arg_of(cmd, "save-kubeconfig")) != NULL)
		cmd_kubeconfig(a, arg, 0, 0);
	else if ((arg = arg_of(cmd, "merge-kubeconfig")) != NULL)
		cmd_kubeconfig(a, arg, 1, 0);
	else
		app_show_name(a, cmd);
}

/* Candidates after "word ": from a NULL-terminated list. */
static const char *
complete_from(const char *word, const char *const *list, const char *prefix,
    int n, int *seen)
{
	static char	 buf[320];
	size_t		 i, len = strlen(prefix);

	for (i = 0; list[i] != NULL; i++) {
		snprintf(buf, sizeof buf, "%s %s", word, list[i]);
		if (strncmp(buf, prefix, len) == 0 && (*seen)++ == n)
			return (buf);
	}
	return (NULL);
}

/* "WORD NS" for the namespaces known from the clusters store (what the
 * user can see). */
static const char *
complete_ns(struct app *a, const char *word, const char *prefix, int n,
    int *seen)
{
	static char		 buf[320];
	const struct scs_index	*x;
	const char		*last = NULL;
	size_t			 i, len = strlen(prefix);

	if (strcmp(word, "ns") == 0 && strncmp("ns all", prefix, len) == 0 &&
	    (*seen)++ == n)
		return ("ns all");
	if (app_clusters(a) == NULL)
		return (NULL);
	x = scs_store_index(a->clusters);
	for (i = 0; i < scs_index_count(x); i++) {
		const char	*ns = scs_index_at(x, i)->ns;

		if (last != NULL && strcmp(last, ns) == 0)
			continue;
		last = ns;
		snprintf(buf, sizeof buf, "%s %s", word, ns);
		if (strncmp(buf, prefix, len) == 0 && (*seen)++ == n)
			return (buf);
	}
	return (NULL);
}

/*
 * ":pin NS KEY VALUE", ":unpin NS KEY": the namespace, then (with the
 * pins view of NS on top, where a and the command lead) the keys of its
 * classes' variables or its pins, then a variable's values.
 */
static const char *
complete_pin(struct app *a, const char *prefix, int n, int *seen)
{
	static char	 buf[1024];
	char		 cmd[16], ns[256], key[256];
	const char	*rest = prefix, *c;
	int		 unpin = strncmp(prefix, "unpin ", 6) == 0;
	size_t		 i, len = strlen(prefix);

	if (word(&rest, cmd, sizeof cmd) != 0)
		return (NULL);
	if (strchr(rest, ' ') == NULL)
		return (complete_ns(a, cmd, prefix, n, seen));
	if (word(&rest, ns, sizeof ns) != 0)
		return (NULL);
	if (!pins_view_is(view_top(a), ns))
		return (NULL);
	if (strchr(rest, ' ') == NULL) {
		for (i = 0; (c = pins_candidate(view_top(a), unpin, NULL, i)) !=
		    NULL; i++) {
			snprintf(buf, sizeof buf, "%s %s %s", cmd, ns, c);
			if (strncmp(buf, prefix, len) == 0 && (*seen)++ == n)
				return (buf);
		}
		return (NULL);
	}
	if (word(&rest, key, sizeof key) != 0)
		return (NULL);
	for (i = 0; (c = pins_candidate(view_top(a), unpin, key, i)) != NULL;
	    i++) {
		snprintf(buf, sizeof buf, "%s %s %s %s", cmd, ns, key, c);
		if (strncmp(buf, prefix, len) == 0 && (*seen)++ == n)
			return (buf);
	}
	return (NULL);
}

const char *
command_complete(struct app *a, const char *prefix, int n)
{
	static char			 buf[320];
	const struct scs_discovery	*d = a->api != NULL ?
					    scs_api_discovery(a->api) : NULL;
	const struct scs_resource	*r;
	size_t				 i, k, len = strlen(prefix);
	int				 seen = 0;
	const char			*c;

	if (strncmp(prefix, "ctx ", 4) == 0) {
		for (i = 0; a->kc != NULL &&
		    scs_kubeconfig_context(a->kc, i) != NULL; i++) {
			snprintf(buf, sizeof buf, "ctx %s",
			    scs_kubeconfig_context(a->kc, i));
			if (strncmp(buf, prefix, len) == 0 && seen++ == n)
				return (buf);
		}
		return (NULL);
	}
	if (strncmp(prefix, "theme ", 6) == 0)
		return (complete_from("theme", themes, prefix, n, &seen));
	if (strncmp(prefix, "persona ", 8) == 0)
		return (complete_from("persona", personas, prefix, n, &seen));
	if (strncmp(prefix, "ns ", 3) == 0)
		return (complete_ns(a, "ns", prefix, n, &seen));
	if (strncmp(prefix, "pin ", 4) == 0 || strncmp(prefix, "unpin ", 6) ==
	    0)
		return (complete_pin(a, prefix, n, &seen));
	for (i = 0; builtins[i] != NULL; i++) {
		if (strncmp(builtins[i], prefix, len) == 0 && seen++ == n)
			return (builtins[i]);
	}
	for (i = 0; d != NULL && i < scs_discovery_count(d); i++) {
		r = scs_discovery_at(d, i);
		if (!r->preferred || (r->verbs & SCS_VERB_LIST) == 0)
			continue;
		if (strncmp(r->name, prefix, len) == 0 && seen++ == n)
			return (r->name);
		for (k = 0; r->short_names != NULL &&
		    r->short_names[k] != NULL; k++) {
			c = r->short_names[k];
			if (strncmp(c, prefix, len) == 0 && seen++ == n)
				return (c);
		}
	}
	return (NULL);
}
