/*
 * form.c: the cluster form (core/cluster-form.c is its model): create a
 * cluster from a ClusterClass, or edit, scale and upgrade one.
 *
 * Rows: general fields, workers, then every variable of the class, walked
 * through its schema. A new cluster's namespace is a choice of those the
 * server lets the user create clusters in (a SelfSubjectAccessReview per
 * namespace it can list, else per namespace its clusters are in). The focused row's description and constraints show
 * at the bottom; errors show under the rows they name, as you type.
 *
 * Keys: j/k, arrows, Tab/S-Tab move; Enter edits a value (Enter again
 * keeps it, Esc drops the edit), opens a picker on a closed set (enum,
 * boolean, class, version, worker class, failure domain: type to
 * filter, Enter takes, Esc cancels; nothing else can be typed there),
 * adds an item on a "+ add" row, creates an unset object on its header
 * (with its nested defaults); Space and h/l step choices; Delete or D
 * removes an item or unsets an optional value, on a field that cannot go
 * alone the optional object holding it; Tab stops on the headers of
 * objects that can be created or removed; u undoes the last change; p switches between
 * the form and a YAML preview of exactly what will be sent; s submits:
 * local validation, then the server's dry run (its causes land on the
 * rows they name), then the real request. A failed request keeps the
 * input: the draft is kept in memory and in
 * $XDG_STATE_HOME/scs-tui/drafts/ (0600) and reopened next time.
 * Esc leaves and keeps a changed form as a draft, keyed by server URL,
 * context, namespace and form, and says where; X discards (asks); C-c
 * on a changed form keeps the draft and says where, C-c again quits.
 *
 * The same form creates an object of another kind from the schema the
 * server publishes for it (form_kind_view; read from /openapi/v3, a
 * CRD's structural schema): :stack, a ClusterStack in the tenant's
 * namespace (bring your own class). Created, it opens the stack's view:
 * its ClusterStackReleases and the ClusterClasses they provide, which
 * the cluster form then offers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scs/clusterform.h"
#include "scs/cloud.h"
#include "scs/log.h"
#include "scs/pins.h"
#include "scs/util.h"
#include "tui.h"

enum form_state { FORM_IDLE, FORM_LOADING, FORM_DRY_RUN, FORM_SENDING,
	FORM_REFETCH };

struct form {
	struct app		*app;
	struct scs_cform	*f;
	char			*ns;
	char			*name;		/* edit: the cluster */
	char			*from_class;	/* edit: its class at start */
	char			*clone_of;	/* clone: "ns/name" of the source */
	const struct scs_resource *kind;	/* another kind's form (its
						 * resource), or NULL */
	struct scs_api_call	*schema_call;	/* its schema (/openapi/v3) */
	struct scs_store	*classes;
	struct scs_store	*releases;
	struct scs_store	*clusters;	/* names, zones, versions */
	struct scs_api_call	*ns_call;	/* the namespaces, to ask */
	struct ns_ask		*asks;		/* may I create clusters there? */
	size_t			 nasks;
	struct scs_store	*pins;		/* the ConfigMap scs-pins */
	struct scs_api_call	*secrets_call;	/* the Secrets, for fields
						 * naming one */
	char			*pins_error;	/* the pins cannot be read:
						 * "forbidden", "error" (shown
						 * in the form), or NULL */
	struct picker		*picker;	/* choosing the focused row */
	struct scs_api_call	*call;
	enum form_state		 state;
	int			 v1beta1;

	size_t			 cur, top;
	int			 editing;	/* inline editor open */
	int			 adding;	/* editor asks for a key */
	struct entry		 ed;		/* the editor's text */
	char			*problem;	/* of the editor's text */
	int			 preview;	/* 1 YAML, 2 the diff to review */
	char			*diff;		/* what the server would store */
	char			*rebased;	/* after a 409: what it changed */
	int			 resend;	/* the 409 met the reviewed send */
	int			 resends;	/* sent again without a review */
	size_t			 ptop;
	int			 discarded;	/* yes: no draft kept */
	int			 saved;		/* a draft is on disk */
	int			 quit_warned;	/* C-c said where the draft is */
	int			 auto_class;	/* the class was picked, not chosen */
	const char		*focus;		/* field to go to once
						 * loaded, or NULL */
	char			*note;		/* server causes without a row */
};

static const struct view_ops form_ops;

/* --- drafts ------------------------------------------------------------- */

/*
 * A draft belongs to a server, a context, a namespace and a form: a
 * context of the same name on another server never gets it. The file is
 * named "NS-FORM@CONTEXT-HASH" (HASH: FNV-1a of the server URL and the
 * context), characters outside [A-Za-z0-9._-] as '_'.
 */
static char *
draft_key(struct form *fm)
{
	const char	*server = fm->app->target != NULL &&
			    fm->app->target->server != NULL ?
			    fm->app->target->server : "";
	const char	*ctx = fm->app->context != NULL ? fm->app->context : "";
	uint64_t	 h = 0xcbf29ce484222325ULL;
	const char	*p;
	char		*k, *c;

	for (p = server; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	h = (h ^ '\n') * 0x100000001b3ULL;
	for (p = ctx; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	k = scs_xprintf("%s-%s%s@%.40s-%08llx", fm->ns, fm->name != NULL ?
	    fm->name : "new-", fm->name != NULL ? "" : fm->kind != NULL ?
	    fm->kind->singular : "cluster", ctx, (unsigned long long)(h >> 32));
	for (c = k; *c != '\0'; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || *c == '.' || *c == '-' ||
		    *c == '@'))
			*c = '_';
	return (k);
}

static char *
draft_path(struct form *fm)
{
	const char	*xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char		*dir, *p, *key;

	if (xdg != NULL && *xdg == '/')
		dir = scs_xprintf("%s/scs-tui/drafts", xdg);
	else if (home != NULL && *home != '\0')
		dir = scs_xprintf("%s/.local/state/scs-tui/drafts", home);
	else
		return (NULL);
	/* mkdir -p, private. */
	for (p = dir + 1; *p != '\0'; p++) {
		if (*p == '/') {
			*p = '\0';
			(void)mkdir(dir, 0700);
			*p = '/';
		}
	}
	(void)mkdir(dir, 0700);
	key = draft_key(fm);
	p = scs_xprintf("%s/%s.json", dir, key);
	free(key);
	free(dir);
	return (p);
}

/* Write the draft atomically, 0600, never through a symlink. */
static void
draft_save(struct form *fm)
{
	char	*path = draft_path(fm), *text, *cause = NULL;

	if (path == NULL)
		return;
	text = scs_cform_draft(fm->f);
	if (scs_file_write_private(path, text, strlen(text), 1, &cause) !=
	    SCS_OK) {
		scs_log_info("draft %s: %s", path, cause);
		free(cause);
	} else
		scs_log_info("draft kept in %s", path);
	free(text);
	free(path);
}

static void
draft_remove(struct form *fm)
{
	char	*path = draft_path(fm);

	if (path != NULL)
		(void)unlink(path);
	free(path);
}

static char *
draft_load(struct form *fm)
{
	char		*path = draft_path(fm), *text = NULL;
	int		 fd;
	struct stat	 st;

	if (path == NULL)
		return (NULL);
	fd = open(path, O_RDONLY | O_NOFOLLOW);
	if (fd != -1 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && st.st_size < 4 * 1024 * 1024) {
		text = scs_xmalloc((size_t)st.st_size + 1);
		if (read(fd, text, (size_t)st.st_size) != st.st_size) {
			free(text);
			text = NULL;
		} else
			text[st.st_size] = '\0';
	}
	if (fd != -1)
		close(fd);
	free(path);
	return (text);
}

/* --- classes and versions ------------------------------------------------ */

static const cJSON *
class_object(struct form *fm, const char *name)
{
	const struct scs_record	*r;

	if (fm->classes == NULL || name == NULL)
		return (NULL);
	r = scs_index_find(scs_store_index(fm->classes), fm->ns, name);
	return (r != NULL ? r->obj : NULL);
}

/* A string list that grows (borrowed or owned strings, as the caller
 * keeps track). */
static void
strs_add(char ***v, size_t *n, char *s)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0) {
			free(s);
			return;
		}
	*v = scs_xreallocarray(*v, *n + 2, sizeof **v);
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
}

/*
 * Versions: the class's cluster stack release says the one it offers
 * (closed). A class no release describes (any ClusterClass) gets
 * suggestions: the versions of its existing clusters, then the latest
 * patch of every supported Kubernetes minor.
 */
static void
version_choices(struct form *fm, const char *cls)
{
	const struct scs_index	*x;
	const struct scs_record	*r = NULL;
	char			*rel, v[64], **vs = NULL, **hs = NULL;
	const char		*list[2] = { NULL, NULL }, *kv, *c;
	const struct scs_eol	*eol;
	size_t			 i, n = 0, nh = 0, neol;
	int64_t			 now = scs_wall_s();

	if (cls == NULL || *cls == '\0')
		return;
	if (fm->releases != NULL) {
		x = scs_store_index(fm->releases);
		rel = scs_release_name(cls);
		r = scs_index_find(x, fm->ns, rel);
		free(rel);
	}
	kv = r != NULL ? cJSON_GetStringValue(scs_jpath(r->obj,
	    "status.kubernetesVersion")) : NULL;
	if (kv != NULL) {
		scs_k8s_version_norm(kv, v, sizeof v);
		list[0] = v;
		scs_cform_set_choices(fm->f, "version", list);
		{
			char	*h = scs_xprintf("the Kubernetes of cluster "
				    "stack release %s", r->name);
			const char *hl[2] = { h, NULL };

			scs_cform_set_choice_help(fm->f, "version", hl);
			free(h);
		}
		return;
	}
	/* The latest patches of supported minors first, newest first (an
	 * empty version takes the first: the same whatever loaded first),
	 * then what the class's clusters run, said when out of support. */
	eol = scs_eol_table(&neol);
	for (i = 0; i < neol; i++) {
		snprintf(v, sizeof v, "v%d.%d.%d", eol[i].major, eol[i].minor,
		    eol[i].patch);
		if (scs_version_state(v, now) != SCS_VERSION_OK &&
		    scs_version_state(v, now) != SCS_VERSION_EOL_SOON)
			continue;
		strs_add(&vs, &n, scs_xstrdup(v));
		if (nh < n)
			strs_add(&hs, &nh, scs_xprintf("the latest patch of "
			    "Kubernetes %d.%d known here; supported until %s",
			    eol[i].major, eol[i].minor, eol[i].end_of_life));
	}
	x = fm->clusters != NULL ? scs_store_index(fm->clusters) : NULL;
	for (i = 0; x != NULL && i < scs_index_count(x); i++) {
		r = scs_index_at(x, i);
		c = cJSON_GetStringValue(scs_jpath(r->obj, fm->v1beta1 ?
		    "spec.topology.class" : "spec.topology.classRef.name"));
		kv = cJSON_GetStringValue(scs_jpath(r->obj,
		    "spec.topology.version"));
		if (!scs_streq(c, cls) || kv == NULL || strcmp(r->ns,
		    fm->ns) != 0)
			continue;
		strs_add(&vs, &n, scs_xstrdup(kv));
		if (nh < n)
			strs_add(&hs, &nh, scs_xprintf("the version of cluster "
			    "%s (same class)%s", r->name, scs_version_state(kv,
			    now) == SCS_VERSION_EOL ? "; past its end of life" :
			    ""));
	}
	scs_cform_set_choices(fm->f, "version-suggest",
	    (const char *const *)vs);
	scs_cform_set_choice_help(fm->f, "version-suggest",
	    (const char *const *)hs);
	scs_strv_free(vs);
	scs_strv_free(hs);
}

/*
 * What the namespace's clusters tell: the names taken, and the failure
 * domains their infrastructure reports (status.failureDomains: a list
 * of {name, controlPlane} in v1beta2, a map in v1beta1).
 */
static void
cluster_facts(struct form *fm)
{
	const struct scs_index	*x;
	const struct scs_record	*r;
	const cJSON		*fds, *d;
	char			**names = NULL, **fd = NULL, **fh = NULL;
	size_t			 i, n = 0, nfd = 0, nfh = 0;
	const char		*dn;

	if (fm->clusters == NULL)
		return;
	x = scs_store_index(fm->clusters);
	for (i = 0; i < scs_index_count(x); i++) {
		r = scs_index_at(x, i);
		if (strcmp(r->ns, fm->ns) != 0)
			continue;
		strs_add(&names, &n, scs_xstrdup(r->name));
		fds = scs_jpath(r->obj, "status.failureDomains");
		cJSON_ArrayForEach(d, fds) {
			dn = cJSON_IsArray(fds) ? cJSON_GetStringValue(J(d,
			    "name")) : d->string;
			if (dn == NULL)
				continue;
			strs_add(&fd, &nfd, scs_xstrdup(dn));
			if (nfh < nfd)
				strs_add(&fh, &nfh, scs_xprintf("a failure "
				    "domain of the infrastructure (%s)%s",
				    r->name, cJSON_IsTrue(J(d, "controlPlane")) ?
				    "; control plane machines may run here" :
				    "; for workers only"));
		}
	}
	scs_cform_set_taken(fm->f, (const char *const *)names);
	scs_cform_set_choices(fm->f, "failureDomain", (const char *const *)fd);
	scs_cform_set_choice_help(fm->f, "failureDomain",
	    (const char *const *)fh);
	scs_strv_free(names);
	scs_strv_free(fd);
	scs_strv_free(fh);
}

/* What a class is, for the picker. */
static char *
class_help(struct form *fm, const char *cls)
{
	const struct scs_record	*r = NULL;
	const char		*kv;
	char			*rel;

	if (fm->releases != NULL) {
		rel = scs_release_name(cls);
		r = scs_index_find(scs_store_index(fm->releases), fm->ns, rel);
		free(rel);
	}
	kv = r != NULL ? cJSON_GetStringValue(scs_jpath(r->obj,
	    "status.kubernetesVersion")) : NULL;
	if (kv != NULL)
		return (scs_xprintf("Kubernetes %s, from cluster stack release "
		    "%s", kv, r->name));
	/* Cluster-stacks wording only where the server has them. */
	return (scs_xstrdup(fm->releases != NULL ? "a ClusterClass no "
	    "cluster stack release describes: any Kubernetes "
	    "vMAJOR.MINOR.PATCH" : "a ClusterClass: any Kubernetes "
	    "vMAJOR.MINOR.PATCH"));
}

/* Does a ClusterStackRelease describe the class (cluster-stacks rules
 * apply to it)? */
static int
stack_class(struct form *fm, const char *cls)
{
	char	*rel;
	int	 yes;

	if (fm->releases == NULL || cls == NULL)
		return (0);
	rel = scs_release_name(cls);
	yes = scs_index_find(scs_store_index(fm->releases), fm->ns, rel) !=
	    NULL;
	free(rel);
	return (yes);
}

/* Class choices: all of the namespace's for a new cluster; for an edit
 * the class itself and the upgrades the cluster-stacks rules allow where
 * a cluster stack describes the class (any class of the namespace
 * otherwise: the server checks that it fits). */
static void
class_choices(struct form *fm)
{
	const struct scs_index	*x;
	const struct scs_record	*r;
	const char		**list, *why;
	char			**help;
	size_t			 i, n = 0;

	if (fm->classes == NULL)
		return;
	x = scs_store_index(fm->classes);
	list = scs_xcalloc(scs_index_count(x) + 1, sizeof *list);
	for (i = 0; i < scs_index_count(x); i++) {
		r = scs_index_at(x, i);
		if (strcmp(r->ns, fm->ns) != 0)
			continue;
		if (fm->from_class != NULL && strcmp(r->name,
		    fm->from_class) != 0 && stack_class(fm, fm->from_class) &&
		    !scs_upgrade_allowed(fm->from_class, r->name, &why))
			continue;
		list[n++] = r->name;
	}
	scs_cform_set_choices(fm->f, "class", list);
	help = scs_xcalloc(n + 1, sizeof *help);
	for (i = 0; i < n; i++)
		help[i] = class_help(fm, list[i]);
	scs_cform_set_choice_help(fm->f, "class", (const char *const *)help);
	scs_strv_free(help);
	free(list);
}

/* The newest of the class choices: highest Kubernetes minor, then highest
 * stack version (names that do not follow the cluster-stacks convention
 * come last); the first on a tie. */
static const char *
newest_class(const char *const *choices)
{
	struct scs_class_name	 cn, best;
	const char		*pick = choices[0];
	size_t			 i;
	int			 have = 0;

	for (i = 0; choices[i] != NULL; i++) {
		if (scs_class_name_parse(choices[i], &cn) != 0)
			continue;
		if (have && scs_class_name_cmp(&cn, &best) <= 0)
			continue;
		best = cn;
		pick = choices[i];
		have = 1;
	}
	return (pick);
}

/* The class in the form changed (or arrived): its schema and versions. */
static void
class_sync(struct form *fm)
{
	const char		*cls = scs_cform_class_name(fm->f);
	const cJSON		*obj;
	const struct scs_frow	*r;
	long			 i;

	if (fm->kind != NULL)
		return;		/* no class: another kind */
	/* Until the user changes something, a class picked for them follows
	 * the classes as they arrive (the newest may come later). */
	if (fm->auto_class && scs_cform_changed(fm->f))
		fm->auto_class = 0;
	if ((cls == NULL || *cls == '\0' || fm->auto_class) &&
	    fm->classes != NULL &&
	    scs_index_count(scs_store_index(fm->classes)) > 0 &&
	    fm->name == NULL && fm->clone_of == NULL) {
		/* A new cluster starts from the namespace's newest class. */
		r = NULL;
		i = scs_cform_find(fm->f, "spec.topology.classRef.name");
		if (i < 0)
			i = scs_cform_find(fm->f, "spec.topology.class");
		if (i >= 0 && (r = scs_cform_row(fm->f, (size_t)i)) != NULL &&
		    r->choices != NULL && r->choices[0] != NULL) {
			char	*c = scs_xstrdup(newest_class(
				    (const char *const *)r->choices));

			if (!scs_streq(c, cls))
				scs_cform_set(fm->f, (size_t)i, c, NULL);
			free(c);
			scs_cform_mark(fm->f);
			fm->auto_class = 1;
		}
		cls = scs_cform_class_name(fm->f);
	}
	/* A class the namespace lacks (another namespace was chosen): its
	 * newest instead, said; the rest of the input stays. */
	if (cls != NULL && *cls != '\0' && fm->name == NULL &&
	    fm->classes != NULL && scs_store_state(fm->classes, NULL) ==
	    SCS_STORE_SYNCED && class_object(fm, cls) == NULL &&
	    ((i = scs_cform_find(fm->f, "spec.topology.classRef.name")) >= 0 ||
	    (i = scs_cform_find(fm->f, "spec.topology.class")) >= 0) &&
	    (r = scs_cform_row(fm->f, (size_t)i)) != NULL &&
	    r->choices != NULL && r->choices[0] != NULL) {
		char	*old = scs_xstrdup(cls), *c = scs_xstrdup(newest_class(
			    (const char *const *)r->choices));

		scs_cform_set(fm->f, (size_t)i, c, NULL);
		app_message(fm->app, 0, "%s has no class %s: %s instead", fm->ns,
		    old, c);
		free(old);
		free(c);
		cls = scs_cform_class_name(fm->f);
	}
	if ((obj = class_object(fm, cls)) != NULL)
		scs_cform_set_class(fm->f, obj);
	version_choices(fm, cls);
	/* The version follows the class when it is not one it offers; an
	 * empty one takes the first suggestion. */
	i = scs_cform_find(fm->f, "spec.topology.version");
	if (i >= 0 && (r = scs_cform_row(fm->f, (size_t)i)) != NULL &&
	    r->kind == SCS_FROW_STRING && r->unset && r->choices != NULL &&
	    r->choices[0] != NULL && fm->name == NULL) {
		char	*c = scs_xstrdup(r->choices[0]);

		scs_cform_set(fm->f, (size_t)i, c, NULL);
		free(c);
	} else if (i >= 0 && r != NULL && r->kind == SCS_FROW_CHOICE &&
	    r->choices != NULL && r->choices[0] != NULL) {
		size_t	 k;

		for (k = 0; r->choices[k] != NULL; k++) {
			if (strcmp(r->choices[k], r->text) == 0)
				break;
		}
		if (r->choices[k] == NULL) {
			char	*c = scs_xstrdup(r->choices[0]);

			scs_cform_set(fm->f, (size_t)i, c, NULL);
			free(c);
		}
	}
}

/* The provider's pins of the namespace onto the form: pinned rows are
 * locked with the pinned value; an unpin makes them editable again. A
 * tenant that may not read them is told so in the form (a line under
 * the title, as long as they cannot be read) and once on the message
 * line. */
static void
pins_sync(struct form *fm)
{
	const struct scs_record	*r;
	const char		*msg = NULL;
	enum scs_store_state	 st;

	if (fm->pins == NULL)
		return;
	st = scs_store_state(fm->pins, &msg);
	if (st == SCS_STORE_FORBIDDEN || st == SCS_STORE_ERROR) {
		if (fm->pins_error == NULL)
			app_message(fm->app, 1, "the pins of %s cannot be read "
			    "(%s): a value your provider pinned shows only "
			    "when the server refuses another", fm->ns, msg);
		free(fm->pins_error);
		fm->pins_error = scs_xstrdup(scs_store_state_name(st));
		return;
	}
	free(fm->pins_error);
	fm->pins_error = NULL;
	r = scs_index_find(scs_store_index(fm->pins), fm->ns,
	    SCS_PINS_CONFIGMAP);
	scs_cform_set_pins(fm->f, r != NULL ? r->obj : NULL);
}

/* The namespace's Secrets for the fields that name one, each with the
 * cloud its clouds.yaml points at. Read once when the form opens; the
 * values are looked at here and dropped (a Secret never enters a store). */
static void
on_secrets(const struct scs_api_result *res, void *arg)
{
	struct form	*fm = arg;
	const cJSON	*items, *it;
	const char	*name;
	char		**names, **help, *cloud;
	size_t		 n = 0;

	fm->secrets_call = NULL;
	if (res->status != SCS_OK)
		return;		/* free text then, as before */
	items = J(res->json, "items");
	names = scs_xcalloc((size_t)cJSON_GetArraySize(items) + 1,
	    sizeof *names);
	help = scs_xcalloc((size_t)cJSON_GetArraySize(items) + 1,
	    sizeof *help);
	cJSON_ArrayForEach(it, items) {
		name = cJSON_GetStringValue(J(J(it, "metadata"), "name"));
		if (name == NULL)
			continue;
		cloud = scs_secret_cloud(it);
		names[n] = scs_xstrdup(name);
		help[n++] = cloud != NULL ? scs_xprintf("cloud: %s", cloud) :
		    scs_xstrdup("no clouds.yaml: not a cloud's credentials");
		free(cloud);
	}
	scs_cform_set_choices(fm->f, "secret", (const char *const *)names);
	scs_cform_set_choice_help(fm->f, "secret", (const char *const *)help);
	scs_strv_free(names);
	scs_strv_free(help);
	fm->app->dirty = 1;
}

/* List a core resource once (ns NULL: cluster-wide); NULL when the
 * server has no such resource. */
static struct scs_api_call *
core_list(struct form *fm, const char *plural, const char *ns,
    scs_api_cb cb)
{
	const struct scs_resource	*res;
	struct scs_list_opts		 lo;

	if ((res = app_resource(fm->app, "", plural)) == NULL)
		return (NULL);
	memset(&lo, 0, sizeof lo);
	return (scs_api_list(fm->app->api, res, ns, &lo, cb, fm));
}

static void
secrets_fetch(struct form *fm)
{
	fm->secrets_call = core_list(fm, "secrets", fm->ns, on_secrets);
}

static void
form_stores_changed(struct scs_store *s, void *arg)
{
	struct form	*fm = arg;
	int		 fresh = !scs_cform_changed(fm->f);

	(void)s;
	cluster_facts(fm);
	class_choices(fm);
	class_sync(fm);
	pins_sync(fm);
	/* What the class fills in (defaults) is no change of the user's. */
	if (fresh)
		scs_cform_mark(fm->f);
	fm->app->dirty = 1;
}

/* --- submit --------------------------------------------------------------- */

static void	form_send(struct form *, int dry);
static void	ns_follow(struct form *);
static void	ns_stores_close(struct form *);
static void	ns_asks_free(struct form *);

static void
form_failed(struct form *fm, const struct scs_api_result *r)
{
	size_t	 n;

	free(fm->note);
	fm->note = NULL;
	n = scs_cform_server_errors(fm->f, r->error, &fm->note);
	draft_save(fm);
	if (n > 0) {
		const struct scs_frow	*row = NULL;
		size_t			 i;

		/* Focus on the first marked field (drawing scrolls to it). */
		for (i = 0; i < scs_cform_nrows(fm->f); i++) {
			row = scs_cform_row(fm->f, i);
			if (row->error != NULL) {
				fm->cur = i;
				break;
			}
		}
		app_message(fm->app, 1, "the server refused %zu field%s, "
		    "your input is kept: %s: %s", n, n == 1 ? "" : "s",
		    row != NULL && row->error != NULL ? row->name : "?",
		    row != NULL && row->error != NULL ? row->error : "");
	} else {
		/* No field to put it on: the whole of it, wrapped, above
		 * the footer. */
		if (fm->note == NULL && r->error != NULL &&
		    r->error->message != NULL)
			fm->note = scs_xprintf("\u2716 %s", r->error->message);
		app_message(fm->app, 1, "%s, your input is kept as a draft: "
		    "%s", fm->state == FORM_DRY_RUN ? "dry run failed" :
		    "request failed", r->message);
	}
}

static void
on_latest(const struct scs_api_result *r, void *arg)
{
	struct form	*fm = arg;
	char		*changed = NULL;
	enum scs_rebase	 rb;

	fm->call = NULL;
	fm->state = FORM_IDLE;
	if (r->status != SCS_OK) {
		app_message(fm->app, 1, "conflict, and reading the cluster "
		    "again failed: %s", r->message);
		return;
	}
	rb = scs_cform_rebase(fm->f, r->json, &changed);
	class_sync(fm);
	if (fm->resend && rb == SCS_REBASE_SAME && fm->resends++ < 5) {
		/* The reviewed send met a write that changed nothing in
		 * spec (the controllers' status): what the user reviewed
		 * is still what the server would store; send it. */
		fm->resend = 0;
		form_send(fm, 0);
		return;
	}
	fm->resend = 0;
	fm->resends = 0;
	/* Ask the server again: the diff to review is against its version.
	 * A second 409 before the user saw the first (a status write in
	 * between) changes nothing in spec: the first note stays. */
	if (rb == SCS_REBASE_SPEC || fm->rebased == NULL) {
		free(fm->rebased);
		fm->rebased = rb == SCS_REBASE_SPEC ? changed :
		    scs_xstrdup("nothing in spec");
	}
	fm->app->dirty = 1;
	form_send(fm, 1);
}

static void
on_sent(const struct scs_api_result *r, void *arg)
{
	struct form			*fm = arg;
	struct app			*a = fm->app;
	const struct scs_resource	*res, *kind;
	char				*ns, *name;
	int				 dry = fm->state == FORM_DRY_RUN;

	fm->call = NULL;
	a->dirty = 1;
	if (r->status == SCS_CONFLICT && fm->name != NULL) {
		/* 409: read the cluster again and rebase the edit. */
		draft_save(fm);
		fm->resend = !dry;
		fm->state = FORM_REFETCH;
		res = app_resource(a, "cluster.x-k8s.io", "clusters");
		fm->call = scs_api_get(a->api, res, fm->ns, fm->name,
		    on_latest, fm);
		return;
	}
	if (r->status != SCS_OK) {
		form_failed(fm, r);
		fm->state = FORM_IDLE;
		return;
	}
	if (dry && fm->name != NULL) {
		/* An edit: what the server would store, before it does. */
		size_t	 nch = 0;

		fm->state = FORM_IDLE;
		free(fm->diff);
		fm->diff = scs_cform_diff(fm->f, r->json, 3, &nch);
		if (nch == 0) {
			free(fm->diff);
			fm->diff = NULL;
			app_message(a, 0, "nothing would change on the server");
			return;
		}
		fm->preview = 2;
		fm->ptop = 0;
		if (fm->rebased != NULL)
			app_message(a, 1, "the cluster changed on the server (%s);"
			    " your changes are re-applied on top: review, then "
			    "%s to send", fm->rebased, app_key_name(a,
			    ACTION_SEND, SCOPE_PREVIEW));
		else
			app_message(a, 0, "the server would change %zu line%s; "
			    "%s sends", nch, nch == 1 ? "" : "s", app_key_name(a,
			    ACTION_SEND, SCOPE_PREVIEW));
		free(fm->rebased);
		fm->rebased = NULL;
		return;
	}
	if (dry) {
		form_send(fm, 0);
		return;
	}
	fm->state = FORM_IDLE;
	draft_remove(fm);
	ns = scs_xstrdup(fm->ns);
	name = scs_xstrdup(cJSON_GetStringValue(scs_jpath(r->json,
	    "metadata.name")) != NULL ? cJSON_GetStringValue(scs_jpath(r->json,
	    "metadata.name")) : "");
	scs_cform_mark(fm->f);
	if (fm->kind != NULL) {
		app_message(a, 0, "created %s %s/%s: what it provides follows",
		    fm->kind->kind, ns, name);
		kind = fm->kind;
		view_pop(a);	/* frees fm */
		view_push(a, strcmp(kind->name, "clusterstacks") == 0 ?
		    stack_view(a, ns, name) : detail_view(a, kind, ns, name,
		    0));
		free(ns);
		free(name);
		return;
	}
	app_message(a, 0, "%s %s/%s", fm->name != NULL ? "updated" : "created",
	    ns, name);
	view_pop(a);		/* frees fm */
	view_push(a, tree_view(a, ns, name));
	free(ns);
	free(name);
}

static void
form_send(struct form *fm, int dry)
{
	struct app			*a = fm->app;
	const struct scs_resource	*res;
	cJSON				*o;

	res = fm->kind != NULL ? fm->kind : app_resource(a,
	    "cluster.x-k8s.io", "clusters");
	if (res == NULL) {
		app_message(a, 1, "this server has no clusters.cluster.x-k8s.io");
		return;
	}
	o = scs_cform_object(fm->f);
	fm->state = dry ? FORM_DRY_RUN : FORM_SENDING;
	if (fm->name != NULL)
		fm->call = scs_api_update(a->api, res, fm->ns, o,
		    dry ? SCS_WRITE_DRY_RUN : 0, on_sent, fm);
	else
		fm->call = scs_api_create(a->api, res, fm->ns, o,
		    dry ? SCS_WRITE_DRY_RUN : 0, on_sent, fm);
	cJSON_Delete(o);
	app_message(a, 0, "%s\u2026", dry ? "checking with the server (dry "
	    "run)" : fm->name != NULL ? "updating" : "creating");
}

static void
form_submit(struct form *fm)
{
	long			 first;
	size_t			 n;
	const struct scs_frow	*r;

	if (fm->app->readonly) {
		app_message(fm->app, 1, "read-only: %s %s is refused",
		    fm->name != NULL ? "changing a" : "creating a",
		    fm->kind != NULL ? fm->kind->kind : "cluster");
		return;
	}
	if (fm->state != FORM_IDLE)
		return;
	if ((n = scs_cform_validate(fm->f, &first)) > 0) {
		if (first >= 0) {
			fm->cur = (size_t)first;
			r = scs_cform_row(fm->f, (size_t)first);
			app_message(fm->app, 1, "%zu problem%s: %s: %s", n,
			    n == 1 ? "" : "s", r->name, r->error);
		}
		return;
	}
	form_send(fm, 1);
}

/* --- editing --------------------------------------------------------------- */

static void
editor_check(struct form *fm)
{
	free(fm->problem);
	fm->problem = NULL;
	if (!fm->adding)
		(void)scs_cform_check(fm->f, fm->cur, fm->ed.text,
		    &fm->problem);
}

static void
editor_open(struct form *fm, const char *text, int adding)
{
	fm->editing = 1;
	fm->adding = adding;
	entry_set(&fm->ed, text);
	editor_check(fm);
}

static void
editor_commit(struct form *fm)
{
	char	*cause = NULL;
	int	 r;

	if (fm->adding)
		r = scs_cform_add(fm->f, fm->cur, fm->ed.text, &cause);
	else
		r = scs_cform_set(fm->f, fm->cur, fm->ed.text, &cause);
	if (r != 0) {
		free(fm->problem);
		fm->problem = cause != NULL ? cause : scs_xstrdup("refused");
		return;
	}
	fm->editing = 0;
	if (strstr(scs_cform_row(fm->f, fm->cur)->path, "class") != NULL)
		class_sync(fm);
	scs_cform_validate(fm->f, NULL);
}

/* The editor takes every key as text while open; the picker what is not
 * its actions (the app looks those up first in scope picker). */
static int
form_text(struct view *v, int key)
{
	struct form	*fm = v->data;

	if (fm->picker != NULL) {
		picker_text(fm->picker, &fm->app->eff, key);
		return (1);
	}
	if (!fm->editing)
		return (0);
	switch (entry_key(&fm->ed, &fm->app->eff, key)) {
	case ENTRY_ESCAPE:
		fm->editing = 0;
		break;
	case ENTRY_ENTER:
		editor_commit(fm);
		break;
	case ENTRY_EDITED:
		editor_check(fm);
		break;
	case ENTRY_TAB:
	case ENTRY_IGNORED:
		break;
	}
	return (1);
}

static int
form_typing(struct view *v)
{
	struct form	*fm = v->data;

	return (fm->editing);
}

/* An action for the open picker; a choice taken is set like a typed
 * value. */
static int
form_pick(struct form *fm, enum action act)
{
	const struct scs_frow	*r;
	char			*v, *cause = NULL;

	switch (picker_action(fm->picker, act)) {
	case PICKER_NOT_TAKEN:
		return (0);
	case PICKER_OPEN:
		return (VIEW_HANDLED);
	case PICKER_CANCELLED:
		break;
	case PICKER_CHOSEN:
		v = scs_xstrdup(picker_value(fm->picker));
		if (scs_cform_set(fm->f, fm->cur, v, &cause) != 0) {
			r = scs_cform_row(fm->f, fm->cur);
			app_message(fm->app, 1, "%s: %s", r != NULL ? r->name :
			    "?", cause != NULL ? cause : "refused");
			free(cause);
		} else {
			ns_follow(fm);
			if (strstr(scs_cform_row(fm->f, fm->cur)->path,
			    "class") != NULL)
				class_sync(fm);
			scs_cform_validate(fm->f, NULL);
		}
		free(v);
		break;
	}
	picker_free(fm->picker);
	fm->picker = NULL;
	return (VIEW_HANDLED);
}

/* The next row Tab stops at (not a group header). */
static size_t
next_field(struct form *fm, size_t from, int dir)
{
	size_t			 n = scs_cform_nrows(fm->f), i = from;
	const struct scs_frow	*r;

	while (n > 0) {
		if (dir > 0 && i + 1 >= n)
			return (from);
		if (dir < 0 && i == 0)
			return (from);
		i = dir > 0 ? i + 1 : i - 1;
		r = scs_cform_row(fm->f, i);
		/* Headers of what can be created or removed too. */
		if (r->kind != SCS_FROW_HEAD || r->unset || r->optional ||
		    r->removable)
			return (i);
	}
	return (from);
}

static void
row_enter(struct form *fm)
{
	const struct scs_frow	*r = scs_cform_row(fm->f, fm->cur);

	if (r == NULL)
		return;
	if (r->fixed) {
		app_message(fm->app, 0, "%s is read-only: %s", r->name,
		    r->fixed_why != NULL ? r->fixed_why : "set by the form");
		return;
	}
	/* A closed set is chosen, never typed; suggestions too, with the
	 * typed text taken when it is none of them. */
	if (r->kind == SCS_FROW_CHOICE || r->kind == SCS_FROW_BOOL ||
	    (r->kind == SCS_FROW_STRING && r->choices != NULL &&
	    r->choices[0] != NULL)) {
		picker_free(fm->picker);
		fm->picker = picker_new(r->name, (const char *const *)r->choices,
		    (const char *const *)r->choice_help, r->text,
		    r->kind == SCS_FROW_STRING);
		return;
	}
	switch (r->kind) {
	case SCS_FROW_HEAD:
		if (r->unset) {
			scs_cform_set(fm->f, fm->cur, "", NULL);
			scs_cform_validate(fm->f, NULL);
		}
		break;
	case SCS_FROW_ADD:
		if (strstr(r->label, "key") != NULL ||
		    strstr(r->label, "override") != NULL)
			editor_open(fm, "", 1);
		else {
			scs_cform_add(fm->f, fm->cur, NULL, NULL);
			scs_cform_validate(fm->f, NULL);
		}
		break;
	default:
		editor_open(fm, r->text, 0);
		break;
	}
}

/* D: the row, or the optional object holding it; the focus goes to
 * what was removed (an object's header then offers to create it). */
static void
form_remove(struct form *fm)
{
	long			 t = scs_cform_removes(fm->f, fm->cur);
	const struct scs_frow	*r = scs_cform_row(fm->f, fm->cur);
	char			*what;
	int			 back;

	if (t < 0 || r == NULL) {
		app_message(fm->app, 0, "%s", r != NULL && r->fixed ?
		    "read-only: nothing to remove" : r != NULL && r->unset ?
		    "not set: nothing to remove" : "nothing to remove here");
		return;
	}
	r = scs_cform_row(fm->f, (size_t)t);
	what = scs_xstrdup(r->name);
	if (scs_cform_remove(fm->f, fm->cur) == 0) {
		fm->cur = (size_t)t < scs_cform_nrows(fm->f) ? (size_t)t :
		    fm->cur;
		r = scs_cform_row(fm->f, fm->cur);
		scs_cform_validate(fm->f, NULL);
		back = r != NULL && r->kind == SCS_FROW_HEAD && r->unset &&
		    strcmp(r->name, what) == 0;
		app_message(fm->app, 0, "%s %s%s (%s undoes%s%s%s)", r !=
		    NULL && r->unset && r->is_default ? "unset" : "removed",
		    what, r != NULL && r->unset && r->is_default ? ": the "
		    "server fills in the class's default" : "",
		    app_key_name(fm->app, ACTION_UNDO, SCOPE_FORM),
		    back ? "; " : "", back ? app_key_name(fm->app,
		    ACTION_EDIT_FIELD, SCOPE_FORM) : "", back ? " on it adds "
		    "it back" : "");
	}
	free(what);
}

static enum scope
form_scope(struct view *v)
{
	struct form	*fm = v->data;

	if (fm->picker != NULL)
		return (SCOPE_PICKER);
	return (fm->preview ? SCOPE_PREVIEW : SCOPE_FORM);
}

/* Discarding is asked for (app_confirm); the draft goes too. */
static void
form_discard(void *arg, int yes)
{
	struct form	*fm = arg;

	if (!yes) {
		app_message(fm->app, 0, "kept editing");
		return;
	}
	fm->discarded = 1;
	draft_remove(fm);
	app_message(fm->app, 0, "changes discarded, no draft kept");
	view_pop(fm->app);
}

/* Leaving with changes keeps them as a draft and says where. */
static void
form_leave_kept(struct form *fm)
{
	char	*path = draft_path(fm);

	draft_save(fm);
	fm->saved = 1;
	app_message(fm->app, 0, "your draft is kept in %s (%s reopens it)",
	    path != NULL ? path : "memory", fm->name != NULL ? ":edit" :
	    fm->kind != NULL ? ":stack" : ":create");
	free(path);
}

/* C-c on a changed form: the draft is kept and the user told where;
 * C-c again quits. */
static int
quit_now(struct form *fm)
{
	char	*path;

	if (!scs_cform_changed(fm->f) || fm->quit_warned)
		return (0);
	fm->quit_warned = 1;
	path = draft_path(fm);
	draft_save(fm);
	fm->saved = 1;
	app_message(fm->app, 1, "your draft is kept in %s; C-c again quits",
	    path != NULL ? path : "memory");
	free(path);
	return (VIEW_HANDLED);
}

static int
preview_action(struct form *fm, enum action act)
{
	switch (act) {
	case ACTION_PREVIEW:
	case ACTION_BACK:
		fm->preview = 0;
		free(fm->diff);
		fm->diff = NULL;
		return (VIEW_HANDLED);
	case ACTION_DOWN:
		fm->ptop++;
		return (VIEW_HANDLED);
	case ACTION_UP:
		if (fm->ptop > 0)
			fm->ptop--;
		return (VIEW_HANDLED);
	case ACTION_SEND:
		/* The diff reviewed: send for real. */
		if (fm->preview == 2 && fm->state == FORM_IDLE &&
		    !fm->app->readonly) {
			fm->preview = 0;
			free(fm->diff);
			fm->diff = NULL;
			form_send(fm, 0);
		} else
			form_submit(fm);
		return (VIEW_HANDLED);
	case ACTION_COMMAND:
	case ACTION_HELP:
		return (0);
	case ACTION_QUIT_NOW:
		return (quit_now(fm));
	default:
		/* Nothing else while the preview is up. */
		return (VIEW_HANDLED);
	}
}

static int
form_action(struct view *v, enum action act)
{
	struct form	*fm = v->data;
	size_t		 n = scs_cform_nrows(fm->f);

	if (fm->state == FORM_LOADING)
		return (act == ACTION_BACK ? VIEW_CLOSE : 0);
	if (fm->picker != NULL)
		return (form_pick(fm, act));
	if (fm->preview)
		return (preview_action(fm, act));
	if (cursor_action(&fm->cur, n, 10, act))
		return (VIEW_HANDLED);
	switch (act) {
	case ACTION_NEXT_FIELD:
	case ACTION_PREV_FIELD:
		fm->cur = next_field(fm, fm->cur, act == ACTION_NEXT_FIELD ?
		    1 : -1);
		return (VIEW_HANDLED);
	case ACTION_EDIT_FIELD:
		row_enter(fm);
		return (VIEW_HANDLED);
	case ACTION_CHOICE_NEXT:
	case ACTION_CHOICE_PREV:
		if (scs_cform_step(fm->f, fm->cur, act == ACTION_CHOICE_PREV ?
		    -1 : 1) == 0) {
			ns_follow(fm);
			if (strstr(scs_cform_row(fm->f, fm->cur)->path,
			    "class") != NULL)
				class_sync(fm);
			scs_cform_validate(fm->f, NULL);
		}
		return (VIEW_HANDLED);
	case ACTION_REMOVE:
		form_remove(fm);
		return (VIEW_HANDLED);
	case ACTION_UNDO:
		if (scs_cform_undo(fm->f) != 0)
			app_message(fm->app, 0, "nothing to undo");
		else {
			ns_follow(fm);
			class_sync(fm);
			scs_cform_validate(fm->f, NULL);
		}
		return (VIEW_HANDLED);
	case ACTION_PREVIEW:
		fm->preview = 1;
		fm->ptop = 0;
		return (VIEW_HANDLED);
	case ACTION_SEND:
		form_submit(fm);
		return (VIEW_HANDLED);
	case ACTION_DISCARD:
		if (!scs_cform_changed(fm->f) && !fm->saved) {
			app_message(fm->app, 0, "nothing to discard");
			return (VIEW_HANDLED);
		}
		app_confirm(fm->app, "discard your changes and the draft?",
		    form_discard, fm);
		return (VIEW_HANDLED);
	case ACTION_QUIT_NOW:
		return (quit_now(fm));
	case ACTION_QUIT:
	case ACTION_BACK:
		/* Esc keeps a draft, as the help says; X discards. */
		if (scs_cform_changed(fm->f))
			form_leave_kept(fm);
		return (VIEW_CLOSE);
	default:
		return (0);
	}
}

/* --- drawing ---------------------------------------------------------------- */

static void	draw_yaml(struct form *, int y, int rows);

/* The diff of an edit under its title. */
static void
draw_diff(struct form *fm, int y, int rows)
{
	view_title(y, " what the server would store (dry run; %s: send, %s: "
	    "form) ", app_key_name(fm->app,
	    ACTION_SEND, SCOPE_PREVIEW), app_key_name(fm->app, ACTION_BACK,
	    SCOPE_PREVIEW));
	screen_diff_lines(fm->diff, fm->ptop, y + 1, rows - 1);
}

static void
draw_preview(struct form *fm, int y, int rows)
{
	if (fm->preview == 2 && fm->diff != NULL) {
		draw_diff(fm, y, rows);
		return;
	}
	draw_yaml(fm, y, rows);
}

static void
draw_yaml(struct form *fm, int y, int rows)
{
	char		*yaml = scs_cform_yaml(fm->f), *p, *nl;
	size_t		 i = 0;
	int		 yy = y;

	view_title(y, " YAML preview: exactly what will be sent (%s: back to "
	    "the form, %s: send) ", app_key_name(fm->app, ACTION_PREVIEW,
	    SCOPE_PREVIEW), app_key_name(fm->app, ACTION_SEND, SCOPE_PREVIEW));
	yy++;
	for (p = yaml; p != NULL && *p != '\0' && yy < y + rows; p = nl) {
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl++ = '\0';
		if (i++ < fm->ptop)
			continue;
		move(yy, 0);
		clrtoeol();
		screen_role(strchr(p, ':') != NULL ? ROLE_NORMAL : ROLE_MUTED);
		draw_cell(yy++, 0, p, COLS, 0);
	}
	for (; yy < y + rows; yy++) {
		move(yy, 0);
		clrtoeol();
	}
	free(yaml);
}

/*
 * The message area under the rows: the focused field's error in full
 * (wrapped), else why it is read-only, else its description and
 * constraints; server causes that name no row come first.
 */
static void
message_area(struct form *fm, int y, int lines)
{
	const struct scs_frow	*r = scs_cform_row(fm->f, fm->cur);
	const char		*text = NULL;
	char			*own = NULL;
	size_t			 st[4], ln[4], nl, k;
	enum role		 role = ROLE_MUTED;

	for (k = 0; k < (size_t)lines; k++) {
		move(y + (int)k, 0);
		clrtoeol();
	}
	if (fm->note != NULL) {
		text = fm->note;
		role = ROLE_ERROR;
	} else if (r != NULL && fm->editing && fm->problem != NULL) {
		text = own = scs_xprintf("\u2716 %s: %s", r->name, fm->problem);
		role = ROLE_ERROR;
	} else if (r != NULL && r->error != NULL && !fm->editing) {
		text = own = scs_xprintf("\u2716 %s: %s", r->name, r->error);
		role = ROLE_ERROR;
	} else if (r != NULL && r->fixed && r->fixed_why != NULL)
		text = own = scs_xprintf("read-only: %s", r->fixed_why);
	else if (r != NULL)
		text = r->help;
	if (text == NULL)
		return;
	screen_role(role);
	nl = draw_wrap(text, COLS - 1, st, ln, (size_t)lines > 4 ? 4 :
	    (size_t)lines);
	for (k = 0; k < nl; k++) {
		char	*line = scs_xprintf("%.*s", (int)ln[k], text + st[k]);

		draw_cell(y + (int)k, 0, line, COLS, 0);
		free(line);
	}
	free(own);
	screen_role(ROLE_NORMAL);
}

static void
form_draw(struct view *v, int y, int rows)
{
	struct form		*fm = v->data;
	const struct scs_frow	*r;
	size_t			 n, i, lines;
	int			 yy, lw, body, x, ycur, ph, top;
	char			 buf[2048];
	const char		*state;

	if (fm->preview) {
		draw_preview(fm, y, rows);
		return;
	}
	state = fm->state == FORM_LOADING ? " loading\u2026" :
	    fm->state == FORM_DRY_RUN ? " dry run\u2026" :
	    fm->state == FORM_SENDING ? " sending\u2026" :
	    fm->state == FORM_REFETCH ? " conflict: reading again\u2026" :
	    scs_cform_changed(fm->f) ? " [changed]" : "";
	if (fm->name != NULL)
		view_title(y, " edit cluster %s/%s%s ", fm->ns, fm->name, state);
	else if (fm->kind != NULL)
		view_title(y, " new %s in %s%s ", fm->kind->kind, fm->ns, state);
	else
		view_title(y, " create a cluster in %s%s ", fm->ns, state);
	n = scs_cform_nrows(fm->f);
	if (fm->cur >= n)
		fm->cur = n > 0 ? n - 1 : 0;
	top = y + 1;
	if (fm->pins_error != NULL && rows > 6) {
		size_t	 st[2], ln[2], k, nl;

		/* Pins the tenant cannot see: said above the rows (the
		 * server's whole message went to the message line). */
		snprintf(buf, sizeof buf, "\u26a0 the pins of %s cannot be "
		    "read (%s): a value your provider pinned shows only when "
		    "the server refuses another", fm->ns, fm->pins_error);
		screen_role(ROLE_WARN);
		nl = draw_wrap(buf, COLS - 1, st, ln, 2);
		for (k = 0; k < nl; k++) {
			char	*line = scs_xprintf("%.*s", (int)ln[k],
				    buf + st[k]);

			move(top, 0);
			clrtoeol();
			draw_cell(top++, 0, line, COLS, 0);
			free(line);
		}
		screen_role(ROLE_NORMAL);
	}
	body = rows - 2 - (top - y);	/* title, warning, two help lines */
	if (body < 1)
		return;
	lw = COLS / 2 < 34 ? COLS / 2 : 34;
	/* Rows with errors take two lines: scroll by lines. */
	if (fm->cur < fm->top)
		fm->top = fm->cur;
	for (;;) {
		for (lines = 0, i = fm->top; i <= fm->cur && i < n; i++) {
			lines++;
			if (scs_cform_row(fm->f, i)->error != NULL ||
			    (i == fm->cur && fm->editing && fm->problem !=
			    NULL))
				lines++;
		}
		if (lines <= (size_t)body || fm->top >= fm->cur)
			break;
		fm->top++;
	}
	yy = top;
	ycur = -1;
	for (i = fm->top; i < n && yy < top + body; i++) {
		r = scs_cform_row(fm->f, i);
		if (i == fm->cur)
			ycur = yy;
		move(yy, 0);
		clrtoeol();
		screen_role(i == fm->cur ? ROLE_SELECT : r->kind ==
		    SCS_FROW_HEAD ? ROLE_TITLE : r->kind == SCS_FROW_ADD ?
		    ROLE_KEY : ROLE_NORMAL);
		snprintf(buf, sizeof buf, "%*s%s%s", r->depth * 2, "",
		    r->label, r->required ? " *" : "");
		draw_cell(yy, 0, buf, lw, 0);
		x = lw + 1;
		if (i == fm->cur && fm->editing) {
			screen_role(ROLE_PROMPT);
			snprintf(buf, sizeof buf, "%s%s_", fm->adding ?
			    "name: " : "", fm->ed.text);
			draw_cell(yy, x, buf, COLS - x, 0);
		} else if (r->kind == SCS_FROW_HEAD && r->is_default &&
		    !r->unset) {
			if (i != fm->cur)
				screen_role(ROLE_MUTED);
			draw_cell(yy, x, "(default)", COLS - x, 0);
		} else if (r->kind != SCS_FROW_ADD && (r->kind !=
		    SCS_FROW_HEAD || r->unset)) {
			int	 closed = r->kind == SCS_FROW_CHOICE ||
				    r->kind == SCS_FROW_BOOL;

			if (i != fm->cur)
				screen_role(r->unset || r->is_default ?
				    ROLE_MUTED : r->fixed ? ROLE_MUTED :
				    ROLE_NORMAL);
			if (r->unset && r->kind == SCS_FROW_HEAD)
				snprintf(buf, sizeof buf, "(%s: %s %s it)",
				    r->is_default ? "the class default" :
				    "unset", app_key_name(fm->app,
				    ACTION_EDIT_FIELD, SCOPE_FORM),
				    r->is_default ? "sets" : "creates");
			else if (r->unset && r->is_default)
				snprintf(buf, sizeof buf, "%s  (default)",
				    *r->text == '\0' ? "\"\"" : r->text);
			else if (r->unset)
				snprintf(buf, sizeof buf, "(unset)");
			else if (r->pinned)
				snprintf(buf, sizeof buf, "%s  \u2691 pinned by "
				    "your provider", r->text);
			else
				snprintf(buf, sizeof buf, "%s%s%s%s",
				    closed ? "\u25c2 " : "", *r->text == '\0' &&
				    strstr(r->path, "].value") != NULL ?
				    "\"\"" : r->text, closed ?
				    " \u25b8" : "", r->is_default ?
				    "  (default)" : "");
			draw_cell(yy, x, buf, COLS - x, 0);
		}
		yy++;
		if (yy < top + body && ((i == fm->cur && fm->editing &&
		    fm->problem != NULL) || r->error != NULL)) {
			move(yy, 0);
			clrtoeol();
			screen_role(ROLE_ERROR);
			snprintf(buf, sizeof buf, "%*s\u2716 %s", r->depth * 2 + 2,
			    "", i == fm->cur && fm->editing && fm->problem !=
			    NULL ? fm->problem : r->error);
			draw_cell(yy++, 0, buf, COLS, 0);
		}
	}
	for (; yy < top + body; yy++) {
		move(yy, 0);
		screen_role(ROLE_NORMAL);
		clrtoeol();
	}
	/* The picker opens under its row (above when there is no room),
	 * beside the labels when the screen is wide enough. */
	if (fm->picker != NULL && ycur >= 0) {
		int	 pw;

		x = COLS - (lw + 1) >= 36 ? lw + 1 : 0;
		pw = COLS - x > 90 ? 90 : COLS - x;	/* readable on wide screens */
		ph = picker_height(fm->picker, body);
		if (ycur + 1 + ph <= top + body)
			picker_draw(fm->picker, &fm->app->eff, ycur + 1, x, ph, pw);
		else if (ycur - ph >= top)
			picker_draw(fm->picker, &fm->app->eff, ycur - ph, x, ph, pw);
		else
			picker_draw(fm->picker, &fm->app->eff, top, x, ph, pw);
	}
	message_area(fm, top + body, 2);
}

/* The / line: go to the first field (from the cursor on) whose name or
 * path holds the text. */
static void
goto_field(struct form *fm, const char *text)
{
	size_t			 n = scs_cform_nrows(fm->f), i, k;
	const struct scs_frow	*r;

	/* An exact name or path first, then any that holds the text. */
	for (k = 0; k < n; k++) {
		r = scs_cform_row(fm->f, k);
		if (strcmp(r->label, text) == 0 || strcmp(r->path, text) == 0) {
			fm->cur = k;
			return;
		}
	}
	for (k = 0; k < n; k++) {
		i = (fm->cur + k) % n;
		r = scs_cform_row(fm->f, i);
		if (strstr(r->label, text) != NULL || strstr(r->path,
		    text) != NULL) {
			fm->cur = i;
			return;
		}
	}
	app_message(fm->app, 1, "no field '%s'", text);
}

static void
form_filter(struct view *v, const char *text)
{
	struct form	*fm = v->data;

	if (*text != '\0' && !fm->editing && !fm->preview)
		goto_field(fm, text);
}

static int
form_busy(struct view *v)
{
	struct form	*fm = v->data;

	return (fm->call != NULL || fm->secrets_call != NULL ||
	    fm->schema_call != NULL ||
	    (fm->classes != NULL &&
	    scs_store_state(fm->classes, NULL) == SCS_STORE_LOADING) ||
	    (fm->releases != NULL && scs_store_state(fm->releases, NULL) ==
	    SCS_STORE_LOADING) || (fm->clusters != NULL &&
	    scs_store_state(fm->clusters, NULL) == SCS_STORE_LOADING) ||
	    (fm->pins != NULL && scs_store_state(fm->pins, NULL) ==
	    SCS_STORE_LOADING));
}

static void
form_free(struct view *v)
{
	struct form	*fm = v->data;

	/* Leaving with changes keeps them as a draft. */
	if (scs_cform_changed(fm->f) && fm->state != FORM_LOADING &&
	    !fm->discarded)
		draft_save(fm);
	if (fm->call != NULL)
		scs_api_cancel(fm->call);
	ns_stores_close(fm);
	ns_asks_free(fm);
	if (fm->schema_call != NULL)
		scs_api_cancel(fm->schema_call);
	picker_free(fm->picker);
	scs_cform_free(fm->f);
	free(fm->ns);
	free(fm->name);
	free(fm->from_class);
	free(fm->clone_of);
	free(fm->pins_error);
	free(fm->problem);
	free(fm->note);
	free(fm->diff);
	free(fm->rebased);
	free(fm);
}

static const char *const form_notes[] = {
	"<back> leaves; changes are kept as a draft (per server, context,",
	"namespace and form) that the form reopens; <discard> discards them.",
	"Editing a field: <entry-done> keeps it, <entry-cancel> drops the "
	"edit, <entry-clear> clears.",
	"<remove> on a field that cannot go alone removes the optional object",
	"holding it; <edit-field> on an unset object's header creates it.",
	"(default): the value is the ClusterClass's default.",
	NULL
};

static const struct view_ops form_ops = {
	.kind = "form",
	.draw = form_draw,
	.scope = form_scope,
	.action = form_action,
	.text = form_text,
	.typing = form_typing,
	.filter = form_filter,
	.busy = form_busy,
	.notes = form_notes,
	.free = form_free,
};

static struct scs_store *
form_store(struct form *fm, const char *group, const char *plural)
{
	const struct scs_resource	*res;
	struct scs_store_opts		 o;
	struct scs_store		*s;

	if ((res = app_resource(fm->app, group, plural)) == NULL)
		return (NULL);
	memset(&o, 0, sizeof o);
	o.keep_objects = 1;
	s = scs_store_new_opts(fm->app->api, res, fm->ns, &o);
	scs_store_subscribe(s, form_stores_changed, fm);
	return (s);
}

/* The namespace's ConfigMap scs-pins, watched. */
static struct scs_store *
pins_store(struct form *fm)
{
	const struct scs_resource	*res;
	struct scs_store_opts		 o;
	struct scs_store		*s;

	if ((res = app_resource(fm->app, "", "configmaps")) == NULL)
		return (NULL);
	memset(&o, 0, sizeof o);
	o.keep_objects = 1;
	o.field_selector = "metadata.name=" SCS_PINS_CONFIGMAP;
	s = scs_store_new_opts(fm->app->api, res, fm->ns, &o);
	scs_store_subscribe(s, form_stores_changed, fm);
	return (s);
}

static struct form *
form_new(struct app *a, const char *ns)
{
	struct form			*fm = scs_xcalloc(1, sizeof *fm);
	const struct scs_resource	*cl;

	fm->app = a;
	fm->ns = scs_xstrdup(ns);
	cl = app_resource(a, "cluster.x-k8s.io", "clusters");
	fm->v1beta1 = cl != NULL && strcmp(cl->version, "v1beta1") == 0;
	return (fm);
}

/* The stores of the form's namespace: classes, releases, clusters,
 * pins. */
static void
ns_stores_open(struct form *fm)
{
	fm->classes = form_store(fm, "cluster.x-k8s.io", "clusterclasses");
	fm->releases = form_store(fm, "clusterstack.x-k8s.io",
	    "clusterstackreleases");
	fm->clusters = form_store(fm, "cluster.x-k8s.io", "clusters");
	fm->pins = pins_store(fm);
}

static void
store_drop(struct form *fm, struct scs_store **s)
{
	if (*s == NULL)
		return;
	scs_store_unsubscribe(*s, form_stores_changed, fm);
	scs_store_free(*s);
	*s = NULL;
}

static void
ns_stores_close(struct form *fm)
{
	store_drop(fm, &fm->classes);
	store_drop(fm, &fm->releases);
	store_drop(fm, &fm->clusters);
	store_drop(fm, &fm->pins);
	if (fm->secrets_call != NULL)
		scs_api_cancel(fm->secrets_call);
	fm->secrets_call = NULL;
}

/* --- where a new cluster may go ------------------------------------------ */

/*
 * The namespace row of a new cluster offers the namespaces where the
 * server lets the user create clusters: a SelfSubjectAccessReview for
 * each namespace it can list (a tenant that may not list them: those
 * its clusters are in, and the form's own).
 */
struct ns_ask {
	struct form		*fm;
	char			*ns;
	struct scs_api_call	*call;
	int			 done;
	int			 allowed;
};

#define NS_ASK_MAX	256

static void
ns_offer(struct form *fm)
{
	char	**list, **help;
	size_t	 i, n = 0;
	int	 own = 0;

	list = scs_xcalloc(fm->nasks + 2, sizeof *list);
	help = scs_xcalloc(fm->nasks + 2, sizeof *help);
	for (i = 0; i < fm->nasks; i++) {
		if (!fm->asks[i].done || !fm->asks[i].allowed)
			continue;
		own |= strcmp(fm->asks[i].ns, fm->ns) == 0;
		list[n] = scs_xstrdup(fm->asks[i].ns);
		help[n++] = scs_xstrdup(strcmp(fm->asks[i].ns, fm->ns) == 0 ?
		    "you may create clusters here; the form was opened here" :
		    "you may create clusters here (the server said so)");
	}
	if (!own && n > 0) {
		/* The form's own stays choosable, said as it is. */
		list[n] = scs_xstrdup(fm->ns);
		help[n++] = scs_xstrdup("the form was opened here; the server "
		    "has not said you may create clusters here");
	}
	scs_cform_set_choices(fm->f, "namespace", (const char *const *)list);
	scs_cform_set_choice_help(fm->f, "namespace",
	    (const char *const *)help);
	scs_strv_free(list);
	scs_strv_free(help);
	fm->app->dirty = 1;
}

static void
on_can_create(const struct scs_api_result *r, void *arg)
{
	struct ns_ask	*q = arg;

	q->call = NULL;
	q->done = 1;
	q->allowed = r->status == SCS_OK && scs_review_allowed(r->json);
	ns_offer(q->fm);
}

static void
ns_ask(struct form *fm, const char *ns)
{
	size_t	 i;

	if (ns == NULL || *ns == '\0' || fm->nasks == NS_ASK_MAX)
		return;
	for (i = 0; i < fm->nasks; i++)
		if (strcmp(fm->asks[i].ns, ns) == 0)
			return;
	if (fm->nasks == 0)
		fm->asks = scs_xcalloc(NS_ASK_MAX, sizeof *fm->asks);
	fm->asks[fm->nasks].fm = fm;
	fm->asks[fm->nasks].ns = scs_xstrdup(ns);
	fm->asks[fm->nasks].call = scs_api_can_i(fm->app->api, "create",
	    "cluster.x-k8s.io", "clusters", ns, on_can_create,
	    &fm->asks[fm->nasks]);
	fm->nasks++;
}

static void
on_namespaces(const struct scs_api_result *r, void *arg)
{
	struct form		*fm = arg;
	const cJSON		*it;
	const struct scs_index	*x;
	size_t			 i;

	fm->ns_call = NULL;
	ns_ask(fm, fm->ns);
	if (r->status == SCS_OK) {
		cJSON_ArrayForEach(it, J(r->json, "items"))
			ns_ask(fm, cJSON_GetStringValue(scs_jpath(it,
			    "metadata.name")));
		return;
	}
	/* Not allowed to list them: those the user's clusters are in. */
	if (app_clusters(fm->app) == NULL)
		return;
	x = scs_store_index(fm->app->clusters);
	for (i = 0; i < scs_index_count(x); i++)
		ns_ask(fm, scs_index_at(x, i)->ns);
}

static void
ns_discover(struct form *fm)
{
	fm->ns_call = core_list(fm, "namespaces", NULL, on_namespaces);
}

static void
ns_asks_free(struct form *fm)
{
	size_t	 i;

	if (fm->ns_call != NULL)
		scs_api_cancel(fm->ns_call);
	for (i = 0; i < fm->nasks; i++) {
		if (fm->asks[i].call != NULL)
			scs_api_cancel(fm->asks[i].call);
		free(fm->asks[i].ns);
	}
	free(fm->asks);
}

/* Another namespace chosen (or undone): the classes, names, pins and
 * Secrets are read there; the input stays. */
static void
ns_follow(struct form *fm)
{
	const char	*ns = scs_cform_namespace(fm->f);

	if (ns == NULL || fm->name != NULL || strcmp(ns, fm->ns) == 0)
		return;
	ns_stores_close(fm);
	free(fm->ns);
	fm->ns = scs_xstrdup(ns);
	free(fm->pins_error);
	fm->pins_error = NULL;
	ns_stores_open(fm);
	secrets_fetch(fm);
	ns_offer(fm);
	app_message(fm->app, 0, "the cluster goes to %s: its classes, names "
	    "and pins are read there", fm->ns);
}

struct view *
form_create_view(struct app *a, const char *ns)
{
	struct form	*fm;
	char		*draft;

	if (a->readonly) {
		app_message(a, 1, "read-only: creating a cluster is refused");
		return (NULL);
	}
	if (ns == NULL) {
		app_message(a, 1, "pick a namespace first (:ns NAME): a "
		    "cluster is created in one");
		return (NULL);
	}
	fm = form_new(a, ns);
	if ((draft = draft_load(fm)) != NULL &&
	    (fm->f = scs_cform_from_draft(draft, fm->v1beta1)) != NULL) {
		fm->saved = 1;
		app_message(a, 0, "your draft is back (D on a field removes, u "
		    "undoes, X discards it)");
	}
	free(draft);
	if (fm->f == NULL)
		fm->f = scs_cform_new(ns, NULL, fm->v1beta1);
	ns_stores_open(fm);
	secrets_fetch(fm);
	ns_discover(fm);
	fm->cur = next_field(fm, 0, 1);		/* the first field */
	return (view_new(a, &form_ops, fm, "new cluster"));
}

void
form_drop_draft(struct app *a, const char *ns)
{
	struct form	*fm = form_new(a, ns);
	char		*path = draft_path(fm);

	if (path != NULL)
		(void)unlink(path);
	free(path);
	free(fm->ns);
	free(fm);
}

static void
on_cluster(const struct scs_api_result *r, void *arg)
{
	struct form	*fm = arg;
	const char	*cls;

	fm->call = NULL;
	if (r->status != SCS_OK) {
		app_message(fm->app, 1, "cannot read %s/%s: %s", fm->ns,
		    fm->name, r->message);
		fm->state = FORM_IDLE;
		return;
	}
	scs_cform_free(fm->f);
	fm->f = scs_cform_new(fm->ns, r->json, fm->v1beta1);
	cls = scs_cform_class_name(fm->f);
	fm->from_class = cls != NULL ? scs_xstrdup(cls) : NULL;
	fm->state = FORM_IDLE;
	ns_stores_open(fm);
	secrets_fetch(fm);
	if (fm->focus != NULL)
		goto_field(fm, fm->focus);
	fm->app->dirty = 1;
}

struct view *
form_edit_view(struct app *a, const char *ns, const char *name,
    enum action act)
{
	struct form			*fm;
	const struct scs_resource	*res;

	if (a->readonly) {
		app_message(a, 1, "read-only: changing a cluster is refused");
		return (NULL);
	}
	fm = form_new(a, ns);
	fm->name = scs_xstrdup(name);
	fm->state = FORM_LOADING;
	fm->focus = act == ACTION_SCALE ? "replicas" : act == ACTION_UPGRADE ?
	    "class" : NULL;
	/* Until the cluster arrives, an empty form stands in. */
	fm->f = scs_cform_new(ns, NULL, fm->v1beta1);
	if ((res = app_resource(a, "cluster.x-k8s.io", "clusters")) != NULL)
		fm->call = scs_api_get(a->api, res, ns, name, on_cluster, fm);
	return (view_new(a, &form_ops, fm, "edit %s", name));
}

/* The source of a clone arrived: a create form filled from it. */
static void
on_clone_source(const struct scs_api_result *r, void *arg)
{
	struct form	*fm = arg;
	long		 i;

	fm->call = NULL;
	fm->state = FORM_IDLE;
	if (r->status != SCS_OK) {
		app_message(fm->app, 1, "cannot read %s: %s", fm->clone_of,
		    r->message);
		return;
	}
	scs_cform_free(fm->f);
	fm->f = scs_cform_clone(fm->ns, r->json, fm->v1beta1);
	ns_stores_open(fm);
	ns_discover(fm);
	if ((i = scs_cform_find(fm->f, "metadata.name")) >= 0)
		fm->cur = (size_t)i;
	app_message(fm->app, 0, "a copy of %s in %s: give it a name, then "
	    "%s", fm->clone_of, fm->ns, app_key_name(fm->app, ACTION_SEND,
	    SCOPE_FORM));
	fm->app->dirty = 1;
}

struct view *
form_clone_view(struct app *a, const char *ns, const char *src_ns,
    const char *src_name)
{
	struct form			*fm;
	const struct scs_resource	*res;

	if (a->readonly) {
		app_message(a, 1, "read-only: creating a cluster is refused");
		return (NULL);
	}
	if ((res = app_resource(a, "cluster.x-k8s.io", "clusters")) == NULL) {
		app_message(a, 1, "this server has no clusters.cluster.x-k8s.io");
		return (NULL);
	}
	fm = form_new(a, ns != NULL ? ns : src_ns);
	fm->clone_of = scs_xprintf("%s/%s", src_ns, src_name);
	fm->state = FORM_LOADING;
	fm->f = scs_cform_new(fm->ns, NULL, fm->v1beta1);
	fm->call = scs_api_get(a->api, res, src_ns, src_name, on_clone_source,
	    fm);
	return (view_new(a, &form_ops, fm, "clone %s", src_name));
}

/* --- another kind, from its published schema ------------------------------ */

/* The schema of kind group/version/kind among an OpenAPI v3 document's
 * components (each names its GVKs), or NULL. */
static const cJSON *
published_schema(const cJSON *doc, const struct scs_resource *res)
{
	const cJSON	*s, *g;

	cJSON_ArrayForEach(s, scs_jpath(doc, "components.schemas")) {
		cJSON_ArrayForEach(g, J(s, "x-kubernetes-group-version-kind")) {
			if (scs_streq(cJSON_GetStringValue(J(g, "group")),
			    res->group) &&
			    scs_streq(cJSON_GetStringValue(J(g, "version")),
			    res->version) &&
			    scs_streq(cJSON_GetStringValue(J(g, "kind")),
			    res->kind))
				return (s);
		}
	}
	return (NULL);
}

static void
on_kind_schema(const struct scs_api_result *r, void *arg)
{
	struct form	*fm = arg;
	const cJSON	*schema = NULL, *from = NULL;
	cJSON		*d = NULL;
	char		*draft, *api_version;
	long		 i;

	fm->schema_call = NULL;
	fm->state = FORM_IDLE;
	fm->app->dirty = 1;
	if (r->status != SCS_OK)
		app_message(fm->app, 1, "cannot read the schema of %s (%s): "
		    "spec is edited as JSON", fm->kind->kind, r->message);
	else if ((schema = published_schema(r->json, fm->kind)) == NULL ||
	    J(J(schema, "properties"), "spec") == NULL)
		app_message(fm->app, 1, "the server publishes no schema for "
		    "%s: spec is edited as JSON", fm->kind->kind);
	/* A kept draft of this form comes back. */
	if ((draft = draft_load(fm)) != NULL &&
	    (d = cJSON_Parse(draft)) != NULL &&
	    scs_streq(cJSON_GetStringValue(scs_jpath(d, "cluster.kind")),
	    fm->kind->kind)) {
		from = J(d, "cluster");
		fm->saved = 1;
		app_message(fm->app, 0, "your draft is back (D on a field "
		    "removes, u undoes, X discards it)");
	}
	free(draft);
	api_version = fm->kind->group[0] != '\0' ? scs_xprintf("%s/%s",
	    fm->kind->group, fm->kind->version) : scs_xstrdup(
	    fm->kind->version);
	scs_cform_free(fm->f);
	fm->f = scs_cform_new_kind(fm->ns, api_version, fm->kind->kind,
	    schema, from);
	free(api_version);
	cJSON_Delete(d);
	if ((i = scs_cform_find(fm->f, "metadata.name")) >= 0)
		fm->cur = (size_t)i;
}

struct view *
form_kind_view(struct app *a, const char *ns, const char *group,
    const char *plural)
{
	struct form			*fm;
	const struct scs_resource	*res;
	char				*path;

	if ((res = app_resource(a, group, plural)) == NULL) {
		app_message(a, 1, "this server has no %s.%s", plural, group);
		return (NULL);
	}
	if (a->readonly) {
		app_message(a, 1, "read-only: creating a %s is refused",
		    res->kind);
		return (NULL);
	}
	if (ns == NULL) {
		app_message(a, 1, "pick a namespace first (:ns NAME): a %s is "
		    "created in one", res->kind);
		return (NULL);
	}
	fm = form_new(a, ns);
	fm->kind = res;
	fm->state = FORM_LOADING;
	fm->f = scs_cform_new_kind(ns, "", res->kind, NULL, NULL);
	path = res->group[0] != '\0' ? scs_xprintf("/openapi/v3/apis/%s/%s",
	    res->group, res->version) : scs_xprintf("/openapi/v3/api/%s",
	    res->version);
	fm->schema_call = scs_api_raw(a->api, "GET", path, NULL, NULL, 0,
	    on_kind_schema, fm);
	free(path);
	return (view_new(a, &form_ops, fm, "new %s", res->kind));
}
