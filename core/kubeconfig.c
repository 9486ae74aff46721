/*
 * kubeconfig.c: find and read kubeconfig files and merge them by the
 * client-go rules (DOMAIN.md 10.9); the loaded config's accessors.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kubeconfig-int.h"
#include "scs/util.h"

enum scs_status
kc_read_file(const char *path, size_t max, char **out, size_t *len,
    char **cause)
{
	struct stat	 sb;
	char		*buf;
	size_t		 got = 0;
	ssize_t		 n;
	int		 fd, e;

	*out = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		e = errno;
		scs_cause(cause, "%s: %s", path, strerror(e));
		return (e == ENOENT ? SCS_NOTFOUND : SCS_IO);
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		e = errno;
		scs_cause(cause, "%s: %s", path, S_ISREG(sb.st_mode) ?
		    strerror(e) : "not a regular file");
		close(fd);
		return (SCS_IO);
	}
	if ((uintmax_t)sb.st_size > max) {
		scs_cause(cause, "%s: larger than %zu bytes", path, max);
		close(fd);
		return (SCS_LIMIT);
	}
	buf = scs_xmalloc((size_t)sb.st_size + 1);
	/* Read until EOF, but never past max (the file may grow). */
	for (;;) {
		if (got == (size_t)sb.st_size) {
			char	probe;

			n = read(fd, &probe, 1);
			if (n == 0)
				break;
			if (n == 1) {
				scs_cause(cause, "%s: changed while reading",
				    path);
				free(buf);
				close(fd);
				return (SCS_IO);
			}
		} else
			n = read(fd, buf + got, (size_t)sb.st_size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			e = errno;
			scs_cause(cause, "%s: %s", path, strerror(e));
			free(buf);
			close(fd);
			return (SCS_IO);
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*out = buf;
	*len = got;
	return (SCS_OK);
}

static void
kc_str_clear(struct kc_str *s, int secret)
{
	if (secret)
		scs_free_secret(s->s);
	else
		free(s->s);
	s->s = NULL;
}

static void
kc_data_clear(struct kc_data *d)
{
	if (d->p != NULL)
		scs_memzero(d->p, d->len);
	free(d->p);
	d->p = NULL;
}

void
kc_cluster_free(struct kc_cluster *c)
{
	free(c->name);
	free(c->file);
	kc_str_clear(&c->server, 0);
	kc_str_clear(&c->ca_file, 0);
	kc_data_clear(&c->ca_data);
	kc_str_clear(&c->tls_server_name, 0);
	kc_str_clear(&c->proxy_url, 0);
	free(c->exec_config_json);
	free(c);
}

void
kc_user_free(struct kc_user *u)
{
	free(u->name);
	free(u->file);
	kc_str_clear(&u->cert_file, 0);
	kc_data_clear(&u->cert_data);
	kc_str_clear(&u->key_file, 0);
	kc_data_clear(&u->key_data);
	kc_str_clear(&u->token, 1);
	kc_str_clear(&u->token_file, 0);
	kc_str_clear(&u->username, 0);
	kc_str_clear(&u->password, 1);
	kc_exec_free(u->exec);
	kc_str_clear(&u->auth_provider, 0);
	kc_str_clear(&u->as, 0);
	kc_str_clear(&u->as_uid, 0);
	scs_strv_free(u->as_groups);
	scs_strv_free(u->as_extra);
	free(u);
}

void
kc_context_free(struct kc_context *c)
{
	free(c->name);
	free(c->file);
	kc_str_clear(&c->cluster, 0);
	kc_str_clear(&c->user, 0);
	kc_str_clear(&c->namespace, 0);
	free(c);
}

void
scs_kubeconfig_free(struct scs_kubeconfig *kc)
{
	size_t	 i;

	if (kc == NULL)
		return;
	for (i = 0; i < kc->nclusters; i++)
		kc_cluster_free(kc->clusters[i]);
	free(kc->clusters);
	for (i = 0; i < kc->nusers; i++)
		kc_user_free(kc->users[i]);
	free(kc->users);
	for (i = 0; i < kc->ncontexts; i++)
		kc_context_free(kc->contexts[i]);
	free(kc->contexts);
	free(kc->current_context);
	free(kc->current_file);
	free(kc);
}

const struct kc_cluster *
kc_find_cluster(const struct scs_kubeconfig *kc, const char *name)
{
	size_t	 i;

	for (i = 0; i < kc->nclusters; i++) {
		if (strcmp(kc->clusters[i]->name, name) == 0)
			return (kc->clusters[i]);
	}
	return (NULL);
}

const struct kc_user *
kc_find_user(const struct scs_kubeconfig *kc, const char *name)
{
	size_t	 i;

	for (i = 0; i < kc->nusers; i++) {
		if (strcmp(kc->users[i]->name, name) == 0)
			return (kc->users[i]);
	}
	return (NULL);
}

const struct kc_context *
kc_find_context(const struct scs_kubeconfig *kc, const char *name)
{
	size_t	 i;

	for (i = 0; i < kc->ncontexts; i++) {
		if (strcmp(kc->contexts[i]->name, name) == 0)
			return (kc->contexts[i]);
	}
	return (NULL);
}

/* Merge from into kc: entries kc lacks move over, the rest is dropped. */
static void
kc_merge(struct scs_kubeconfig *kc, struct scs_kubeconfig *from)
{
	size_t	 i;

	for (i = 0; i < from->nclusters; i++) {
		if (kc_find_cluster(kc, from->clusters[i]->name) != NULL) {
			kc_cluster_free(from->clusters[i]);
			continue;
		}
		kc->clusters = scs_xreallocarray(kc->clusters,
		    kc->nclusters + 1, sizeof *kc->clusters);
		kc->clusters[kc->nclusters++] = from->clusters[i];
	}
	from->nclusters = 0;
	for (i = 0; i < from->nusers; i++) {
		if (kc_find_user(kc, from->users[i]->name) != NULL) {
			kc_user_free(from->users[i]);
			continue;
		}
		kc->users = scs_xreallocarray(kc->users, kc->nusers + 1,
		    sizeof *kc->users);
		kc->users[kc->nusers++] = from->users[i];
	}
	from->nusers = 0;
	for (i = 0; i < from->ncontexts; i++) {
		if (kc_find_context(kc, from->contexts[i]->name) != NULL) {
			kc_context_free(from->contexts[i]);
			continue;
		}
		kc->contexts = scs_xreallocarray(kc->contexts,
		    kc->ncontexts + 1, sizeof *kc->contexts);
		kc->contexts[kc->ncontexts++] = from->contexts[i];
	}
	from->ncontexts = 0;
	if (kc->current_context == NULL && from->current_context != NULL) {
		kc->current_context = from->current_context;
		kc->current_file = from->current_file;
		from->current_context = from->current_file = NULL;
	}
	scs_kubeconfig_free(from);
}

/* The directory part of path ("." when none); caller frees. */
static char *
kc_dirname(const char *path)
{
	const char	*slash;

	if ((slash = strrchr(path, '/')) == NULL)
		return (scs_xstrdup("."));
	if (slash == path)
		return (scs_xstrdup("/"));
	return (scs_xstrndup(path, (size_t)(slash - path)));
}

/* Load one file; SCS_NOTFOUND (with *cause) when it does not exist. */
static enum scs_status
kc_load_one(const char *path, struct scs_kubeconfig **out, char **cause)
{
	char		*text, *dir;
	size_t		 len;
	enum scs_status	 st;

	*out = NULL;
	st = kc_read_file(path, SCS_KUBECONFIG_MAX_SIZE, &text, &len, cause);
	if (st != SCS_OK)
		return (st);
	dir = kc_dirname(path);
	st = scs_kubeconfig_parse(text, len, path, dir, out, cause);
	free(dir);
	scs_memzero(text, len);
	free(text);
	return (st);
}

enum scs_status
scs_kubeconfig_load_files(const char *const *paths, size_t n,
    struct scs_kubeconfig **out, char **cause)
{
	struct scs_kubeconfig	*kc, *one;
	size_t			 i;
	enum scs_status		 st;

	*out = NULL;
	kc = scs_xcalloc(1, sizeof *kc);
	for (i = 0; i < n; i++) {
		if ((st = kc_load_one(paths[i], &one, cause)) != SCS_OK) {
			scs_kubeconfig_free(kc);
			return (st == SCS_NOTFOUND ? SCS_CONFIG : st);
		}
		kc_merge(kc, one);
	}
	*out = kc;
	return (SCS_OK);
}

/* The $KUBECONFIG list: empty entries ignored, duplicates dropped. */
static char **
kc_env_list(const char *env, size_t *np)
{
	char	**v = NULL, *item;
	size_t	  n = 0, i;
	const char *p, *end;
	int	  dup;

	for (p = env;; p = end + 1) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		if (end != p) {
			item = scs_xstrndup(p, (size_t)(end - p));
			for (dup = 0, i = 0; i < n && !dup; i++)
				dup = strcmp(v[i], item) == 0;
			if (dup)
				free(item);
			else {
				v = scs_xreallocarray(v, n + 1, sizeof *v);
				v[n++] = item;
			}
		}
		if (*end == '\0')
			break;
	}
	*np = n;
	return (v);
}

enum scs_status
scs_kubeconfig_load(const char *explicit_path, struct scs_kubeconfig **out,
    char **cause)
{
	struct scs_kubeconfig	*kc, *one;
	const char		*env, *home;
	char			**list, *path, *why;
	size_t			 n, i, found = 0;
	enum scs_status		 st = SCS_OK;

	*out = NULL;
	if (explicit_path != NULL)
		return (scs_kubeconfig_load_files(&explicit_path, 1, out,
		    cause));
	env = getenv("KUBECONFIG");
	if (env != NULL && *env != '\0') {
		list = kc_env_list(env, &n);
		kc = scs_xcalloc(1, sizeof *kc);
		for (i = 0; i < n && st == SCS_OK; i++) {
			why = NULL;
			st = kc_load_one(list[i], &one, &why);
			if (st == SCS_NOTFOUND) {
				free(why);
				st = SCS_OK;
				continue;
			}
			if (st != SCS_OK) {
				if (cause != NULL)
					*cause = why;
				else
					free(why);
				break;
			}
			found++;
			kc_merge(kc, one);
		}
		for (i = 0; i < n; i++)
			free(list[i]);
		free(list);
		if (st == SCS_OK && found == 0) {
			scs_cause(cause, "KUBECONFIG: none of the files "
			    "exist: %s", env);
			st = SCS_CONFIG;
		}
		if (st != SCS_OK) {
			scs_kubeconfig_free(kc);
			return (st);
		}
		*out = kc;
		return (SCS_OK);
	}
	if ((home = getenv("HOME")) == NULL || *home == '\0') {
		scs_cause(cause, "no kubeconfig: neither --kubeconfig, "
		    "$KUBECONFIG nor $HOME is set");
		return (SCS_CONFIG);
	}
	path = scs_xprintf("%s/.kube/config", home);
	st = scs_kubeconfig_load_files((const char *const *)&path, 1, out,
	    cause);
	free(path);
	return (st);
}

const char *
scs_kubeconfig_current_context(const struct scs_kubeconfig *kc)
{
	return (kc->current_context);
}

size_t
scs_kubeconfig_ncontexts(const struct scs_kubeconfig *kc)
{
	return (kc->ncontexts);
}

const char *
scs_kubeconfig_context(const struct scs_kubeconfig *kc, size_t i)
{
	return (i < kc->ncontexts ? kc->contexts[i]->name : NULL);
}

const char *
scs_kubeconfig_context_file(const struct scs_kubeconfig *kc,
    const char *name)
{
	const struct kc_context	*c;

	if (name == NULL || (c = kc_find_context(kc, name)) == NULL)
		return (NULL);
	return (c->file);
}
