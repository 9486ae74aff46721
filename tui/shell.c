/*
 * shell.c: into the workload cluster. shell_kubeconfig reads a cluster's
 * kubeconfig Secret (<name>-kubeconfig, key "value", as Cluster API
 * writes it), writes it to a temporary file only the user may read
 * (0600), hands its path to its caller and deletes it when the caller
 * returns. :shell [NS/NAME] (default: the cluster of the tree on screen)
 * runs $SHELL (else /bin/sh) with KUBECONFIG set to that file, the
 * screen suspended; plugins (plugin.c) run their command the same way.
 * The file's content never reaches the log, only its being made and
 * removed. Refused under --redact (the cluster's credentials).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scs/log.h"
#include "scs/util.h"
#include "tui.h"

struct kcfetch {
	struct app	*app;
	char		 ns[256];
	char		 name[256];
	char		 what[64];	/* "shell", "plugin k9s" */
	void		(*cb)(struct app *, const char *, void *);
	void		*arg;
};

static void
on_secret(const struct scs_api_result *r, void *arg)
{
	struct kcfetch	*k = arg;
	struct app	*a = k->app;
	const char	*b64;
	unsigned char	*kc = NULL;
	size_t		 len = 0;
	char		 path[4096];
	int		 rc;

	b64 = cJSON_GetStringValue(scs_jpath(r->json, "data.value"));
	if (r->status != SCS_OK || b64 == NULL ||
	    scs_base64_decode(b64, strlen(b64), &kc, &len) != SCS_OK) {
		app_message(a, 1, "%s: the kubeconfig of %s/%s: %s", k->what,
		    k->ns, k->name, r->status != SCS_OK ? r->message :
		    "no data.value in the Secret");
		free(kc);
		k->cb(a, NULL, k->arg);
		free(k);
		return;
	}
	rc = app_temp_file(k->name, "", kc, len, path, sizeof path);
	scs_memzero(kc, len);
	free(kc);
	if (rc != 0) {
		app_message(a, 1, "%s: a temporary file: %s", k->what,
		    strerror(errno));
		k->cb(a, NULL, k->arg);
		free(k);
		return;
	}
	scs_log(SCS_LOG_INFO, "%s: kubeconfig of %s/%s in a 0600 temporary "
	    "file", k->what, k->ns, k->name);
	k->cb(a, path, k->arg);
	unlink(path);
	scs_log(SCS_LOG_INFO, "%s: the temporary kubeconfig is removed",
	    k->what);
	free(k);
}

void
shell_kubeconfig(struct app *a, const char *what, const char *ns,
    const char *name, void (*cb)(struct app *, const char *, void *),
    void *arg)
{
	const struct scs_resource	*res;
	struct kcfetch			*k;
	char				 sname[300];

	if (a->redact) {
		app_message(a, 1, "--redact: no %s with the cluster's "
		    "credentials", what);
		cb(a, NULL, arg);
		return;
	}
	if ((res = app_resource(a, "", "secrets")) == NULL) {
		app_message(a, 1, "%s: this server serves no secrets", what);
		cb(a, NULL, arg);
		return;
	}
	k = scs_xcalloc(1, sizeof *k);
	k->app = a;
	scs_strlcpy(k->ns, ns, sizeof k->ns);
	scs_strlcpy(k->name, name, sizeof k->name);
	scs_strlcpy(k->what, what, sizeof k->what);
	k->cb = cb;
	k->arg = arg;
	snprintf(sname, sizeof sname, "%s-kubeconfig", name);
	scs_api_get(a->api, res, ns, sname, on_secret, k);
}

/* $SHELL with KUBECONFIG=path. */
static void
shell_start(struct app *a, const char *path, void *arg)
{
	char		*label = arg, *argv[2], *env[2];
	const char	*sh = getenv("SHELL");
	int		 rc;

	if (path == NULL) {
		free(label);
		return;
	}
	argv[0] = (char *)(sh != NULL && *sh != '\0' ? sh : "/bin/sh");
	argv[1] = NULL;
	env[0] = scs_xprintf("KUBECONFIG=%s", path);
	env[1] = NULL;
	rc = app_run_child(a, argv, env, 0);
	free(env[0]);
	scs_log(SCS_LOG_INFO, "shell: exited %d", rc);
	app_message(a, rc == 0 ? 0 : 1, "shell on %s exited %d (its "
	    "kubeconfig file is deleted)", label, rc);
	free(label);
}

void
shell_run(struct app *a, const char *arg)
{
	const char	*ns = NULL, *name = NULL;
	char		 nsbuf[256];

	if (*arg != '\0') {
		if (command_split_name(a, arg, nsbuf, sizeof nsbuf, &name) !=
		    0)
			return;
		ns = nsbuf;
	} else if (tree_cluster(view_top(a), &ns, &name) != 0) {
		app_message(a, 1, "usage: :shell NS/NAME (or from a "
		    "cluster's tree)");
		return;
	}
	shell_kubeconfig(a, "shell", ns, name, shell_start,
	    scs_xprintf("%s/%s", ns, name));
}
