/*
 * plugin.c: the configuration file's plugins (k9s' plugins), run on the
 * object of the selected line (tui.h, plugin_run). config.c parses them
 * and puts each in a slot of the action table: its key, scopes, help and
 * footer hint are an action's like any other.
 *
 * A run: refused when the plugin writes and the console is read-only;
 * the view's object (view_ops.object) must be of one of its kinds; with
 * confirm, y/N first. Then its command and args, with
 *
 *   $NAME $NAMESPACE $KIND $CONTEXT $CLUSTER $KUBECONFIG
 *
 * (or ${NAME} ...) replaced (other $ words stay as written), run
 * directly (no shell: sh -c is a command like any other) with the
 * screen suspended; KUBECONFIG in its environment is $KUBECONFIG. That
 * is the workload cluster's kubeconfig in a 0600 temporary file when the
 * object is a Cluster API Cluster and the plugin names $KUBECONFIG (as
 * :shell), the embedded simulator's in one (--demo), else the user's
 * kubeconfig file. Temporary files are deleted when the command ends.
 * With wait, the user presses Enter before the screen comes back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "scs/log.h"
#include "scs/util.h"
#include "tui.h"

struct prun {
	struct app	*app;
	size_t		 i;
	char		 what[64];	/* "plugin NAME" */
	char		 kind[128];
	char		 ns[256];
	char		 name[256];
	char		 cluster[256];
	int		 capi_cluster;
};

/* s with the plugin's variables replaced; kc the kubeconfig path. */
static char *
expand(const struct prun *pr, const char *s, const char *kc)
{
	static const char *const vars[] = { "NAMESPACE", "NAME", "KIND",
	    "CONTEXT", "CLUSTER", "KUBECONFIG", NULL };
	const char	*vals[6];
	struct scs_buf	 b;
	const char	*p = s;
	size_t		 i, n, brace;

	vals[0] = pr->ns;
	vals[1] = pr->name;
	vals[2] = pr->kind;
	vals[3] = pr->app->context != NULL ? pr->app->context : "";
	vals[4] = pr->cluster;
	vals[5] = kc;
	scs_buf_init(&b, 0);
	while (*p != '\0') {
		if (*p != '$') {
			scs_buf_addc(&b, *p++);
			continue;
		}
		brace = p[1] == '{' ? 1 : 0;
		for (i = 0; vars[i] != NULL; i++) {
			n = strlen(vars[i]);
			if (strncmp(p + 1 + brace, vars[i], n) == 0 &&
			    (!brace || p[1 + brace + n] == '}'))
				break;
		}
		if (vars[i] == NULL) {
			scs_buf_addc(&b, *p++);
			continue;
		}
		scs_buf_adds(&b, vals[i]);
		p += 1 + brace + strlen(vars[i]) + brace;
	}
	scs_buf_addc(&b, '\0');
	return (scs_buf_steal(&b));
}

/* Does the plugin name $KUBECONFIG? */
static int
wants_kubeconfig(const struct config_plugin *pl)
{
	size_t	 i;

	if (strstr(pl->command, "$KUBECONFIG") != NULL ||
	    strstr(pl->command, "${KUBECONFIG}") != NULL)
		return (1);
	for (i = 0; pl->args[i] != NULL; i++) {
		if (strstr(pl->args[i], "$KUBECONFIG") != NULL ||
		    strstr(pl->args[i], "${KUBECONFIG}") != NULL)
			return (1);
	}
	return (0);
}

/* The command with KUBECONFIG=kc (NULL: it could not be had). */
static void
run_with(struct app *a, const char *kc, void *arg)
{
	struct prun			*pr = arg;
	const struct config_plugin	*pl = config_plugin(a->cfg, pr->i);
	char				**argv, *env[2];
	size_t				 n, i;
	int				 rc;

	if (kc == NULL || pl == NULL) {
		free(pr);
		return;
	}
	for (n = 0; pl->args[n] != NULL; n++)
		;
	argv = scs_xcalloc(n + 2, sizeof *argv);
	argv[0] = expand(pr, pl->command, kc);
	for (i = 0; i < n; i++)
		argv[i + 1] = expand(pr, pl->args[i], kc);
	env[0] = scs_xprintf("KUBECONFIG=%s", kc);
	env[1] = NULL;
	scs_log_info("%s: %s on %s %s/%s", pr->what, pl->command, pr->kind,
	    pr->ns, pr->name);
	rc = app_run_child(a, argv, env, pl->wait);
	scs_log_info("%s: exited %d", pr->what, rc);
	app_message(a, rc == 0 ? 0 : 1, "%s on %s %s exited %d", pr->what,
	    pr->kind, pr->name, rc);
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
	free(env[0]);
	free(pr);
}

static void
go(struct prun *pr)
{
	struct app			*a = pr->app;
	const struct config_plugin	*pl = config_plugin(a->cfg, pr->i);
	char				 path[4096], *text, *kc;
	int				 rc;

	if (pl == NULL) {
		free(pr);
		return;
	}
	if (pr->capi_cluster && wants_kubeconfig(pl)) {
		shell_kubeconfig(a, pr->what, pr->ns, pr->name, run_with, pr);
		return;
	}
	if (a->sim != NULL) {
		/* The embedded simulator's: no file of the user's. */
		text = scs_sim_kubeconfig(a->sim, NULL);
		rc = app_temp_file("kubeconfig", "", text, strlen(text), path,
		    sizeof path);
		scs_free_secret(text);
		if (rc != 0) {
			app_message(a, 1, "%s: a temporary file: %s", pr->what,
			    strerror(errno));
			free(pr);
			return;
		}
		run_with(a, path, pr);
		unlink(path);
		return;
	}
	kc = app_kubeconfig_path(a);
	run_with(a, kc, pr);
	free(kc);
}

static void
on_confirm(void *arg, int yes)
{
	struct prun	*pr = arg;

	if (!yes) {
		app_message(pr->app, 0, "%s: not run", pr->what);
		free(pr);
		return;
	}
	go(pr);
}

/* Is the object's resource one of the plugin's kinds (kind, plural,
 * singular or short name, any case; "all" or none: any)? */
static int
kind_ok(const struct config_plugin *pl, const struct scs_resource *res)
{
	size_t	 i, k;

	if (pl->kinds == NULL)
		return (1);
	for (i = 0; pl->kinds[i] != NULL; i++) {
		if (strcasecmp(pl->kinds[i], "all") == 0 ||
		    strcasecmp(pl->kinds[i], res->kind) == 0 ||
		    strcasecmp(pl->kinds[i], res->name) == 0 ||
		    (res->singular != NULL && strcasecmp(pl->kinds[i],
		    res->singular) == 0))
			return (1);
		for (k = 0; res->short_names != NULL &&
		    res->short_names[k] != NULL; k++) {
			if (strcasecmp(pl->kinds[i], res->short_names[k]) == 0)
				return (1);
		}
	}
	return (0);
}

void
plugin_run(struct app *a, enum action act)
{
	const struct config_plugin	*pl;
	struct view			*v = view_top(a);
	struct view_object		 o;
	struct prun			*pr;
	char				*q;

	if (!action_is_plugin(act) || (pl = config_plugin(a->cfg,
	    (size_t)(act - ACTION_PLUGIN))) == NULL)
		return;
	if (pl->write && a->readonly) {
		app_message(a, 1, "read-only: plugin %s is refused", pl->name);
		return;
	}
	memset(&o, 0, sizeof o);
	if (v == NULL || v->ops->object == NULL || v->ops->object(v, &o) != 0) {
		app_message(a, 0, "plugin %s: no object on this line",
		    pl->name);
		return;
	}
	if (o.api != a->api) {
		app_message(a, 1, "plugin %s: this object is in another "
		    "context", pl->name);
		return;
	}
	if (!kind_ok(pl, o.res)) {
		app_message(a, 0, "plugin %s is for %s%s, not %s", pl->name,
		    pl->kinds[0], pl->kinds[1] != NULL ? ", ..." : "",
		    o.res->kind);
		return;
	}
	pr = scs_xcalloc(1, sizeof *pr);
	pr->app = a;
	pr->i = (size_t)(act - ACTION_PLUGIN);
	snprintf(pr->what, sizeof pr->what, "plugin %s", pl->name);
	scs_strlcpy(pr->kind, o.res->kind, sizeof pr->kind);
	scs_strlcpy(pr->ns, o.ns, sizeof pr->ns);
	scs_strlcpy(pr->name, o.name, sizeof pr->name);
	scs_strlcpy(pr->cluster, o.cluster != NULL ? o.cluster : "",
	    sizeof pr->cluster);
	pr->capi_cluster = strcmp(o.res->group, "cluster.x-k8s.io") == 0 &&
	    strcmp(o.res->name, "clusters") == 0;
	if (!pl->confirm) {
		go(pr);
		return;
	}
	q = scs_xprintf("run %s (%s) on %s %s?", pr->what, pl->command,
	    pr->kind, pr->name);
	app_confirm(a, q, on_confirm, pr);
	free(q);
}
