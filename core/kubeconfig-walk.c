/*
 * kubeconfig-walk.c: check a kubeconfig node tree (clientcmd v1) and turn
 * it into clusters, users and contexts, naming the place of each error.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kubeconfig-int.h"
#include "scs/util.h"

#define KC_EXEC_EXTENSION	"client.authentication.k8s.io/exec"

/* State of one walk: the file name and dir for places and paths. */
struct kc_walk {
	const char	*file;
	const char	*dir;
	char		**cause;
};

/* Set *cause to "FILE:LINE:COL: message" for node n. */
static enum scs_status SCS_PRINTF(3, 4)
kc_error(struct kc_walk *w, const struct kc_node *n, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (w->cause != NULL) {
		va_start(ap, fmt);
		scs_xvasprintf(&msg, fmt, ap);
		va_end(ap);
		scs_cause(w->cause, "%s:%d:%d: %s", w->file, n->line, n->col,
		    msg);
		free(msg);
	}
	return (SCS_CONFIG);
}

static enum scs_status
kc_want(struct kc_walk *w, const struct kc_node *n, enum kc_type type,
    const char *what)
{
	static const char *const names[] = { "a scalar", "a mapping",
	    "a sequence" };

	if (n->type == type)
		return (SCS_OK);
	return (kc_error(w, n, "%s: expected %s, found a %s", what,
	    names[type], kc_node_kind(n)));
}

/* A string field; null leaves it unset. Later keys replace earlier ones. */
static enum scs_status
kc_get_str(struct kc_walk *w, const struct kc_node *n, const char *what,
    struct kc_str *out)
{
	if (kc_node_null(n))
		return (SCS_OK);
	if (kc_want(w, n, KC_SCALAR, what) != SCS_OK)
		return (SCS_CONFIG);
	if (out->s != NULL)
		scs_free_secret(out->s);
	out->s = scs_xstrdup(n->str);
	out->line = n->line;
	out->col = n->col;
	return (SCS_OK);
}

/* A path field: relative paths resolve against the file's dir. */
static enum scs_status
kc_get_path(struct kc_walk *w, const struct kc_node *n, const char *what,
    struct kc_str *out)
{
	char		*p;
	const char	*rel;

	if (kc_get_str(w, n, what, out) != SCS_OK)
		return (SCS_CONFIG);
	if (out->s != NULL && *out->s != '\0' && *out->s != '/' &&
	    w->dir != NULL) {
		rel = out->s;
		while (rel[0] == '.' && rel[1] == '/')
			rel += 2;
		p = scs_xprintf("%s/%s", w->dir, rel);
		free(out->s);
		out->s = p;
	}
	return (SCS_OK);
}

static enum scs_status
kc_get_bool(struct kc_walk *w, const struct kc_node *n, const char *what,
    int *out)
{
	static const char *const yes[] = { "true", "True", "TRUE", "yes",
	    "Yes", "YES", "on", "On", "ON", "y", "Y" };
	static const char *const no[] = { "false", "False", "FALSE", "no",
	    "No", "NO", "off", "Off", "OFF", "n", "N" };
	size_t	 i;

	if (kc_node_null(n))
		return (SCS_OK);
	if (kc_want(w, n, KC_SCALAR, what) != SCS_OK)
		return (SCS_CONFIG);
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (n->plain && strcmp(n->str, yes[i]) == 0) {
			*out = 1;
			return (SCS_OK);
		}
		if (n->plain && strcmp(n->str, no[i]) == 0) {
			*out = 0;
			return (SCS_OK);
		}
	}
	return (kc_error(w, n, "%s: expected true or false, found \"%s\"",
	    what, n->str));
}

/* Base64 *-data, decoded now so a bad value is reported at its place. */
static enum scs_status
kc_get_data(struct kc_walk *w, const struct kc_node *n, const char *what,
    struct kc_data *out)
{
	unsigned char	*p;
	size_t		 len;

	if (kc_node_null(n))
		return (SCS_OK);
	if (kc_want(w, n, KC_SCALAR, what) != SCS_OK)
		return (SCS_CONFIG);
	if (scs_base64_decode(n->str, n->len, &p, &len) != SCS_OK)
		return (kc_error(w, n, "%s: invalid base64", what));
	if (out->p != NULL) {
		scs_memzero(out->p, out->len);
		free(out->p);
	}
	out->p = p;
	out->len = len;
	out->line = n->line;
	out->col = n->col;
	return (SCS_OK);
}

/* A sequence of strings into a NULL-terminated vector. */
static enum scs_status
kc_get_strv(struct kc_walk *w, const struct kc_node *n, const char *what,
    char ***out)
{
	char	**v;
	size_t	  i;

	if (kc_node_null(n))
		return (SCS_OK);
	if (kc_want(w, n, KC_SEQ, what) != SCS_OK)
		return (SCS_CONFIG);
	for (i = 0; i < n->n; i++) {
		if (kc_want(w, n->kids[i], KC_SCALAR, what) != SCS_OK)
			return (SCS_CONFIG);
	}
	v = scs_xcalloc(n->n + 1, sizeof *v);
	for (i = 0; i < n->n; i++)
		v[i] = scs_xstrdup(n->kids[i]->str);
	scs_strv_free(*out);
	*out = v;
	return (SCS_OK);
}

/* Append s to a NULL-terminated vector (which may be NULL). */
static void
kc_strv_add(char ***vp, char *s)
{
	size_t	 n = 0;

	while (*vp != NULL && (*vp)[n] != NULL)
		n++;
	*vp = scs_xreallocarray(*vp, n + 2, sizeof **vp);
	(*vp)[n] = s;
	(*vp)[n + 1] = NULL;
}

static enum scs_status
kc_walk_cluster(struct kc_walk *w, const struct kc_node *m,
    struct kc_cluster *c)
{
	const struct kc_node	*k, *v, *e, *ek, *ev, *ext;
	const char		*ename;
	size_t			 i, j, x;

	if (kc_node_null(m))
		return (SCS_OK);
	if (kc_want(w, m, KC_MAP, "cluster") != SCS_OK)
		return (SCS_CONFIG);
	for (i = 0; i + 1 < m->n; i += 2) {
		k = m->kids[i];
		v = m->kids[i + 1];
		if (kc_want(w, k, KC_SCALAR, "cluster key") != SCS_OK)
			return (SCS_CONFIG);
		if (strcmp(k->str, "server") == 0) {
			if (kc_get_str(w, v, k->str, &c->server) != SCS_OK)
				return (SCS_CONFIG);
		} else if (strcmp(k->str, "certificate-authority") == 0) {
			if (kc_get_path(w, v, k->str, &c->ca_file) != SCS_OK)
				return (SCS_CONFIG);
		} else if (strcmp(k->str, "certificate-authority-data") == 0) {
			if (kc_get_data(w, v, k->str, &c->ca_data) != SCS_OK)
				return (SCS_CONFIG);
		} else if (strcmp(k->str, "insecure-skip-tls-verify") == 0) {
			if (kc_get_bool(w, v, k->str, &c->insecure) != SCS_OK)
				return (SCS_CONFIG);
		} else if (strcmp(k->str, "tls-server-name") == 0) {
			if (kc_get_str(w, v, k->str, &c->tls_server_name) !=
			    SCS_OK)
				return (SCS_CONFIG);
		} else if (strcmp(k->str, "proxy-url") == 0) {
			if (kc_get_str(w, v, k->str, &c->proxy_url) != SCS_OK)
				return (SCS_CONFIG);
		} else if (strcmp(k->str, "disable-compression") == 0) {
			if (kc_get_bool(w, v, k->str,
			    &c->disable_compression) != SCS_OK)
				return (SCS_CONFIG);
		} else if (strcmp(k->str, "extensions") == 0) {
			if (kc_node_null(v))
				continue;
			if (kc_want(w, v, KC_SEQ, "extensions") != SCS_OK)
				return (SCS_CONFIG);
			for (j = 0; j < v->n; j++) {
				e = v->kids[j];
				if (kc_want(w, e, KC_MAP, "extension") !=
				    SCS_OK)
					return (SCS_CONFIG);
				ename = NULL;
				ext = NULL;
				for (x = 0; x + 1 < e->n; x += 2) {
					ek = e->kids[x];
					ev = e->kids[x + 1];
					if (ek->type != KC_SCALAR)
						continue;
					if (strcmp(ek->str, "name") == 0 &&
					    ev->type == KC_SCALAR)
						ename = ev->str;
					else if (strcmp(ek->str,
					    "extension") == 0)
						ext = ev;
				}
				if (ename == NULL)
					return (kc_error(w, e, "extension "
					    "without a name"));
				if (strcmp(ename, KC_EXEC_EXTENSION) == 0 &&
				    ext != NULL) {
					free(c->exec_config_json);
					c->exec_config_json = kc_node_json(ext);
				}
			}
		}
	}
	return (SCS_OK);
}

static enum scs_status
kc_walk_exec_env(struct kc_walk *w, const struct kc_node *v,
    struct scs_exec_spec *x)
{
	const struct kc_node	*e, *ek;
	struct kc_str		 name, value;
	size_t			 j, i;
	enum scs_status		 st = SCS_OK;

	if (kc_node_null(v))
		return (SCS_OK);
	if (kc_want(w, v, KC_SEQ, "env") != SCS_OK)
		return (SCS_CONFIG);
	for (j = 0; j < v->n && st == SCS_OK; j++) {
		e = v->kids[j];
		if (kc_want(w, e, KC_MAP, "env entry") != SCS_OK)
			return (SCS_CONFIG);
		memset(&name, 0, sizeof name);
		memset(&value, 0, sizeof value);
		for (i = 0; i + 1 < e->n && st == SCS_OK; i += 2) {
			ek = e->kids[i];
			if (ek->type != KC_SCALAR)
				continue;
			if (strcmp(ek->str, "name") == 0)
				st = kc_get_str(w, e->kids[i + 1], "name",
				    &name);
			else if (strcmp(ek->str, "value") == 0)
				st = kc_get_str(w, e->kids[i + 1], "value",
				    &value);
		}
		if (st == SCS_OK && (name.s == NULL || *name.s == '\0' ||
		    strchr(name.s, '=') != NULL))
			st = kc_error(w, e, "env entry needs a name "
			    "without '='");
		if (st == SCS_OK)
			kc_strv_add(&x->env, scs_xprintf("%s=%s", name.s,
			    value.s != NULL ? value.s : ""));
		free(name.s);
		scs_free_secret(value.s);
	}
	return (st);
}

static enum scs_status
kc_walk_exec(struct kc_walk *w, const struct kc_node *m,
    struct kc_user *u)
{
	const struct kc_node	*k, *v;
	struct scs_exec_spec	*x;
	struct kc_str		 s;
	size_t			 i;
	enum scs_status		 st = SCS_OK;

	if (kc_node_null(m))
		return (SCS_OK);
	if (kc_want(w, m, KC_MAP, "exec") != SCS_OK)
		return (SCS_CONFIG);
	kc_exec_free(u->exec);
	u->exec = x = scs_xcalloc(1, sizeof *x);
	u->exec_line = m->line;
	u->exec_col = m->col;
	for (i = 0; i + 1 < m->n && st == SCS_OK; i += 2) {
		k = m->kids[i];
		v = m->kids[i + 1];
		if (kc_want(w, k, KC_SCALAR, "exec key") != SCS_OK)
			return (SCS_CONFIG);
		memset(&s, 0, sizeof s);
		if (strcmp(k->str, "command") == 0) {
			/* Only a command with a '/' is a path (client-go). */
			if ((st = kc_get_str(w, v, k->str, &s)) == SCS_OK &&
			    s.s != NULL && strchr(s.s, '/') != NULL) {
				free(s.s);
				memset(&s, 0, sizeof s);
				st = kc_get_path(w, v, k->str, &s);
			}
			free(x->command);
			x->command = s.s;
		} else if (strcmp(k->str, "args") == 0)
			st = kc_get_strv(w, v, k->str, &x->args);
		else if (strcmp(k->str, "env") == 0) {
			scs_strv_free(x->env);
			x->env = NULL;
			st = kc_walk_exec_env(w, v, x);
		} else if (strcmp(k->str, "apiVersion") == 0) {
			st = kc_get_str(w, v, k->str, &s);
			free(x->api_version);
			x->api_version = s.s;
		} else if (strcmp(k->str, "installHint") == 0) {
			st = kc_get_str(w, v, k->str, &s);
			free(x->install_hint);
			x->install_hint = s.s;
		} else if (strcmp(k->str, "provideClusterInfo") == 0)
			st = kc_get_bool(w, v, k->str,
			    &x->provide_cluster_info);
		else if (strcmp(k->str, "interactiveMode") == 0) {
			st = kc_get_str(w, v, k->str, &s);
			free(x->interactive_mode);
			x->interactive_mode = s.s;
		}
	}
	return (st);
}

static enum scs_status
kc_walk_extra(struct kc_walk *w, const struct kc_node *m,
    struct kc_user *u)
{
	const struct kc_node	*k, *v;
	size_t			 i, j;

	if (kc_node_null(m))
		return (SCS_OK);
	if (kc_want(w, m, KC_MAP, "as-user-extra") != SCS_OK)
		return (SCS_CONFIG);
	scs_strv_free(u->as_extra);
	u->as_extra = NULL;
	for (i = 0; i + 1 < m->n; i += 2) {
		k = m->kids[i];
		v = m->kids[i + 1];
		if (kc_want(w, k, KC_SCALAR, "as-user-extra key") != SCS_OK)
			return (SCS_CONFIG);
		if (kc_node_null(v))
			continue;
		if (kc_want(w, v, KC_SEQ, "as-user-extra value") != SCS_OK)
			return (SCS_CONFIG);
		for (j = 0; j < v->n; j++) {
			if (kc_want(w, v->kids[j], KC_SCALAR,
			    "as-user-extra value") != SCS_OK)
				return (SCS_CONFIG);
			kc_strv_add(&u->as_extra, scs_xprintf("%s=%s", k->str,
			    v->kids[j]->str));
		}
	}
	return (SCS_OK);
}

static enum scs_status
kc_walk_user(struct kc_walk *w, const struct kc_node *m, struct kc_user *u)
{
	const struct kc_node	*k, *v, *ak;
	const char		*key;
	size_t			 i, j;
	enum scs_status		 st = SCS_OK;

	if (kc_node_null(m))
		return (SCS_OK);
	if (kc_want(w, m, KC_MAP, "user") != SCS_OK)
		return (SCS_CONFIG);
	for (i = 0; i + 1 < m->n && st == SCS_OK; i += 2) {
		k = m->kids[i];
		v = m->kids[i + 1];
		if (kc_want(w, k, KC_SCALAR, "user key") != SCS_OK)
			return (SCS_CONFIG);
		key = k->str;
		if (strcmp(key, "client-certificate") == 0)
			st = kc_get_path(w, v, key, &u->cert_file);
		else if (strcmp(key, "client-certificate-data") == 0)
			st = kc_get_data(w, v, key, &u->cert_data);
		else if (strcmp(key, "client-key") == 0)
			st = kc_get_path(w, v, key, &u->key_file);
		else if (strcmp(key, "client-key-data") == 0)
			st = kc_get_data(w, v, key, &u->key_data);
		else if (strcmp(key, "token") == 0)
			st = kc_get_str(w, v, key, &u->token);
		else if (strcmp(key, "tokenFile") == 0)
			st = kc_get_path(w, v, key, &u->token_file);
		else if (strcmp(key, "username") == 0)
			st = kc_get_str(w, v, key, &u->username);
		else if (strcmp(key, "password") == 0)
			st = kc_get_str(w, v, key, &u->password);
		else if (strcmp(key, "as") == 0)
			st = kc_get_str(w, v, key, &u->as);
		else if (strcmp(key, "as-uid") == 0)
			st = kc_get_str(w, v, key, &u->as_uid);
		else if (strcmp(key, "as-groups") == 0)
			st = kc_get_strv(w, v, key, &u->as_groups);
		else if (strcmp(key, "as-user-extra") == 0)
			st = kc_walk_extra(w, v, u);
		else if (strcmp(key, "exec") == 0)
			st = kc_walk_exec(w, v, u);
		else if (strcmp(key, "auth-provider") == 0) {
			if (kc_node_null(v))
				continue;
			if (kc_want(w, v, KC_MAP, key) != SCS_OK)
				return (SCS_CONFIG);
			for (j = 0; j + 1 < v->n && st == SCS_OK; j += 2) {
				ak = v->kids[j];
				if (ak->type == KC_SCALAR &&
				    strcmp(ak->str, "name") == 0)
					st = kc_get_str(w, v->kids[j + 1],
					    "auth-provider name",
					    &u->auth_provider);
			}
			if (st == SCS_OK && u->auth_provider.s == NULL) {
				u->auth_provider.s = scs_xstrdup("(unnamed)");
				u->auth_provider.line = v->line;
				u->auth_provider.col = v->col;
			}
		}
	}
	return (st);
}

static enum scs_status
kc_walk_context(struct kc_walk *w, const struct kc_node *m,
    struct kc_context *c)
{
	const struct kc_node	*k, *v;
	size_t			 i;
	enum scs_status		 st = SCS_OK;

	if (kc_node_null(m))
		return (SCS_OK);
	if (kc_want(w, m, KC_MAP, "context") != SCS_OK)
		return (SCS_CONFIG);
	for (i = 0; i + 1 < m->n && st == SCS_OK; i += 2) {
		k = m->kids[i];
		v = m->kids[i + 1];
		if (kc_want(w, k, KC_SCALAR, "context key") != SCS_OK)
			return (SCS_CONFIG);
		if (strcmp(k->str, "cluster") == 0)
			st = kc_get_str(w, v, k->str, &c->cluster);
		else if (strcmp(k->str, "user") == 0)
			st = kc_get_str(w, v, k->str, &c->user);
		else if (strcmp(k->str, "namespace") == 0)
			st = kc_get_str(w, v, k->str, &c->namespace);
		else if (strcmp(k->str, "extensions") == 0 &&
		    !kc_node_null(v))
			st = kc_want(w, v, KC_SEQ, k->str);
	}
	return (st);
}

enum kc_list { KC_CLUSTERS, KC_USERS, KC_CONTEXTS };

/*
 * One list ("clusters", "users", "contexts") of named entries, each
 * {name, <item>: {...}}. A name twice in one file is an error (as in
 * client-go's conversion).
 */
static enum scs_status
kc_walk_list(struct kc_walk *w, const struct kc_node *seq, enum kc_list which,
    struct scs_kubeconfig *kc)
{
	static const char *const lists[] = { "clusters", "users", "contexts" };
	static const char *const items[] = { "cluster", "user", "context" };
	const struct kc_node	*e, *k, *name, *body;
	struct kc_cluster	*cl;
	struct kc_user		*us;
	struct kc_context	*cx;
	size_t			 i, j;
	int			 dup;
	enum scs_status		 st;

	if (kc_node_null(seq))
		return (SCS_OK);
	if (kc_want(w, seq, KC_SEQ, lists[which]) != SCS_OK)
		return (SCS_CONFIG);
	for (i = 0; i < seq->n; i++) {
		e = seq->kids[i];
		if (kc_want(w, e, KC_MAP, lists[which]) != SCS_OK)
			return (SCS_CONFIG);
		name = body = NULL;
		for (j = 0; j + 1 < e->n; j += 2) {
			k = e->kids[j];
			if (kc_want(w, k, KC_SCALAR, "key") != SCS_OK)
				return (SCS_CONFIG);
			if (strcmp(k->str, "name") == 0)
				name = e->kids[j + 1];
			else if (strcmp(k->str, items[which]) == 0)
				body = e->kids[j + 1];
		}
		if (name == NULL || kc_node_null(name) ||
		    name->type != KC_SCALAR || name->len == 0)
			return (kc_error(w, name != NULL ? name : e,
			    "%s entry without a name", items[which]));
		switch (which) {
		case KC_CLUSTERS:
			dup = kc_find_cluster(kc, name->str) != NULL;
			break;
		case KC_USERS:
			dup = kc_find_user(kc, name->str) != NULL;
			break;
		default:
			dup = kc_find_context(kc, name->str) != NULL;
			break;
		}
		if (dup)
			return (kc_error(w, name, "duplicate %s name \"%s\"",
			    items[which], name->str));
		switch (which) {
		case KC_CLUSTERS:
			cl = scs_xcalloc(1, sizeof *cl);
			cl->name = scs_xstrdup(name->str);
			cl->file = scs_xstrdup(w->file);
			cl->line = e->line;
			cl->col = e->col;
			kc->clusters = scs_xreallocarray(kc->clusters,
			    kc->nclusters + 1, sizeof *kc->clusters);
			kc->clusters[kc->nclusters++] = cl;
			st = kc_walk_cluster(w, body, cl);
			break;
		case KC_USERS:
			us = scs_xcalloc(1, sizeof *us);
			us->name = scs_xstrdup(name->str);
			us->file = scs_xstrdup(w->file);
			us->line = e->line;
			us->col = e->col;
			kc->users = scs_xreallocarray(kc->users,
			    kc->nusers + 1, sizeof *kc->users);
			kc->users[kc->nusers++] = us;
			st = kc_walk_user(w, body, us);
			break;
		default:
			cx = scs_xcalloc(1, sizeof *cx);
			cx->name = scs_xstrdup(name->str);
			cx->file = scs_xstrdup(w->file);
			cx->line = e->line;
			cx->col = e->col;
			kc->contexts = scs_xreallocarray(kc->contexts,
			    kc->ncontexts + 1, sizeof *kc->contexts);
			kc->contexts[kc->ncontexts++] = cx;
			st = kc_walk_context(w, body, cx);
			break;
		}
		if (st != SCS_OK)
			return (st);
	}
	return (SCS_OK);
}

static enum scs_status
kc_walk_top(struct kc_walk *w, const struct kc_node *root,
    struct scs_kubeconfig *kc)
{
	const struct kc_node	*k, *v;
	struct kc_str		 cur = { NULL, 0, 0 };
	size_t			 i;
	enum scs_status		 st = SCS_OK;

	if (kc_node_null(root))
		return (SCS_OK);	/* an empty file is an empty config */
	if (kc_want(w, root, KC_MAP, "kubeconfig") != SCS_OK)
		return (SCS_CONFIG);
	for (i = 0; i + 1 < root->n && st == SCS_OK; i += 2) {
		k = root->kids[i];
		v = root->kids[i + 1];
		if ((st = kc_want(w, k, KC_SCALAR, "key")) != SCS_OK)
			break;
		if (strcmp(k->str, "clusters") == 0)
			st = kc_walk_list(w, v, KC_CLUSTERS, kc);
		else if (strcmp(k->str, "users") == 0)
			st = kc_walk_list(w, v, KC_USERS, kc);
		else if (strcmp(k->str, "contexts") == 0)
			st = kc_walk_list(w, v, KC_CONTEXTS, kc);
		else if (strcmp(k->str, "current-context") == 0)
			st = kc_get_str(w, v, k->str, &cur);
		else if (strcmp(k->str, "preferences") == 0 &&
		    !kc_node_null(v))
			st = kc_want(w, v, KC_MAP, k->str);
		else if (strcmp(k->str, "extensions") == 0 &&
		    !kc_node_null(v))
			st = kc_want(w, v, KC_SEQ, k->str);
		else if ((strcmp(k->str, "apiVersion") == 0 ||
		    strcmp(k->str, "kind") == 0) && !kc_node_null(v))
			st = kc_want(w, v, KC_SCALAR, k->str);
	}
	if (st == SCS_OK && cur.s != NULL && *cur.s != '\0') {
		kc->current_context = cur.s;
		kc->current_file = scs_xstrdup(w->file);
	} else
		free(cur.s);
	return (st);
}

enum scs_status
scs_kubeconfig_parse(const char *text, size_t len, const char *name,
    const char *dir, struct scs_kubeconfig **out, char **cause)
{
	struct kc_walk		 w = { name, dir, cause };
	struct kc_node		*root;
	struct scs_kubeconfig	*kc;
	enum scs_status		 st;

	*out = NULL;
	if (len > SCS_KUBECONFIG_MAX_SIZE) {
		scs_cause(cause, "%s: larger than %d bytes", name,
		    SCS_KUBECONFIG_MAX_SIZE);
		return (SCS_LIMIT);
	}
	if ((st = kc_yaml_load(text, len, name, &root, cause)) != SCS_OK)
		return (st);
	kc = scs_xcalloc(1, sizeof *kc);
	st = kc_walk_top(&w, root, kc);
	kc_node_free(root);
	if (st != SCS_OK) {
		scs_kubeconfig_free(kc);
		return (st);
	}
	*out = kc;
	return (SCS_OK);
}
