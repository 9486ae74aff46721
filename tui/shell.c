/*
 * shell.c: into the workload cluster. :shell [NS/NAME] (default: the
 * cluster of the tree on screen) reads the cluster's kubeconfig Secret
 * (<name>-kubeconfig, key "value", as Cluster API writes it), writes it
 * to a temporary file that only the user may read (mkstemp: 0600),
 * suspends the screen, runs $SHELL (else /bin/sh) with KUBECONFIG set to
 * that file, waits for it, deletes the file and restores the screen.
 * The file's content never reaches the log, only its being made and
 * removed. Secret values stay out under --redact.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scs/log.h"
#include "scs/util.h"
#include "tui.h"

struct shell {
	struct app	*app;
	char		 ns[256];
	char		 name[256];
};

static void
on_secret(const struct scs_api_result *r, void *arg)
{
	struct shell	*s = arg;
	struct app	*a = s->app;
	const char	*b64, *sh;
	unsigned char	*kc = NULL;
	size_t		 len = 0;
	char		 path[4096], *env[2];
	char		*argv[2];
	int		 rc;

	b64 = cJSON_GetStringValue(scs_jpath(r->json, "data.value"));
	if (r->status != SCS_OK || b64 == NULL ||
	    scs_base64_decode(b64, strlen(b64), &kc, &len) != SCS_OK) {
		app_message(a, 1, "shell: the kubeconfig of %s/%s: %s", s->ns,
		    s->name, r->status != SCS_OK ? r->message :
		    "no data.value in the Secret");
		free(kc);
		free(s);
		return;
	}
	if (app_temp_file(s->name, "", kc, len, path, sizeof path) != 0) {
		app_message(a, 1, "shell: a temporary file: %s",
		    strerror(errno));
		scs_memzero(kc, len);
		free(kc);
		free(s);
		return;
	}
	scs_memzero(kc, len);
	free(kc);
	scs_log(SCS_LOG_INFO, "shell: kubeconfig of %s/%s in a 0600 "
	    "temporary file", s->ns, s->name);
	sh = getenv("SHELL");
	argv[0] = (char *)(sh != NULL && *sh != '\0' ? sh : "/bin/sh");
	argv[1] = NULL;
	env[0] = scs_xprintf("KUBECONFIG=%s", path);
	env[1] = NULL;
	rc = app_run_child(a, argv, env, 0);
	free(env[0]);
	unlink(path);
	scs_log(SCS_LOG_INFO, "shell: exited %d; temporary kubeconfig "
	    "removed", rc);
	app_message(a, rc == 0 ? 0 : 1, "shell on %s/%s exited %d (its "
	    "kubeconfig file is deleted)", s->ns, s->name, rc);
	free(s);
}

void
shell_run(struct app *a, const char *arg)
{
	const struct scs_resource	*res;
	struct shell			*s;
	const char			*ns = NULL, *name = NULL;
	char				 sname[300];

	if (a->redact) {
		app_message(a, 1, "--redact: no shell with the cluster's "
		    "credentials");
		return;
	}
	s = scs_xcalloc(1, sizeof *s);
	s->app = a;
	if (*arg != '\0') {
		if (command_split_name(a, arg, s->ns, sizeof s->ns, &name) !=
		    0) {
			free(s);
			return;
		}
	} else if (tree_cluster(view_top(a), &ns, &name) == 0)
		scs_strlcpy(s->ns, ns, sizeof s->ns);
	else {
		app_message(a, 1, "usage: :shell NS/NAME (or from a "
		    "cluster's tree)");
		free(s);
		return;
	}
	scs_strlcpy(s->name, name, sizeof s->name);
	if ((res = app_resource(a, "", "secrets")) == NULL) {
		app_message(a, 1, "shell: this server serves no secrets");
		free(s);
		return;
	}
	snprintf(sname, sizeof sname, "%s-kubeconfig", s->name);
	scs_api_get(a->api, res, s->ns, sname, on_secret, s);
}
