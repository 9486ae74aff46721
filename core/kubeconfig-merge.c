/*
 * kubeconfig-merge.c: saving a kubeconfig (from a cluster's
 * <name>-kubeconfig Secret) as a private file, or merging its context
 * into the user's kubeconfig.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scs/kubeconfig.h"
#include "scs/model.h"
#include "scs/util.h"
#include "scs/yaml.h"
#include "kubeconfig-int.h"

enum scs_status
scs_file_write_private(const char *path, const char *text, size_t len,
    int overwrite, char **cause)
{
	struct stat	 st;
	char		*tmp;
	int		 fd;

	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode) || !S_ISREG(st.st_mode)) {
			scs_cause(cause, "%s: not a regular file (a link?): "
			    "refused", path);
			return (SCS_USAGE);
		}
		if (!overwrite) {
			scs_cause(cause, "%s exists", path);
			return (SCS_CONFLICT);
		}
	}
	tmp = scs_xprintf("%s.%ld.tmp", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
	if (fd == -1) {
		scs_cause(cause, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return (SCS_IO);
	}
	if (write(fd, text, len) != (ssize_t)len || fsync(fd) != 0) {
		scs_cause(cause, "%s: %s", tmp, strerror(errno));
		close(fd);
		(void)unlink(tmp);
		free(tmp);
		return (SCS_IO);
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		scs_cause(cause, "%s: %s", path, strerror(errno));
		(void)unlink(tmp);
		free(tmp);
		return (SCS_IO);
	}
	free(tmp);
	return (SCS_OK);
}

/* YAML text to JSON (the kubeconfig reader's parser). */
static cJSON *
yaml_json(const char *text, size_t len, const char *name, char **cause)
{
	struct kc_node	*root = NULL;
	char		*js;
	cJSON		*j;

	if (kc_yaml_load(text, len, name, &root, cause) != SCS_OK)
		return (NULL);
	if (root == NULL)
		return (cJSON_CreateObject());
	js = kc_node_json(root);
	kc_node_free(root);
	j = cJSON_Parse(js);
	scs_free_secret(js);
	if (j == NULL || !cJSON_IsObject(j)) {
		cJSON_Delete(j);
		scs_cause(cause, "%s: not a kubeconfig (a mapping expected)",
		    name);
		return (NULL);
	}
	return (j);
}

static cJSON *
named(const cJSON *list, const char *name)
{
	cJSON	*e;

	cJSON_ArrayForEach(e, list) {
		if (scs_streq(cJSON_GetStringValue(J(e, "name")), name))
			return (e);
	}
	return (NULL);
}

static cJSON *
list_of(cJSON *doc, const char *key)
{
	cJSON	*l = J(doc, key);

	if (!cJSON_IsArray(l)) {
		cJSON_DeleteItemFromObjectCaseSensitive(doc, key);
		l = cJSON_AddArrayToObject(doc, key);
	}
	return (l);
}

/* A name not used in any of the three lists: base, base-2, ... */
static char *
free_name(cJSON *doc, const char *base)
{
	char	*n = scs_xstrdup(base);
	int	 i = 2;

	while (named(J(doc, "contexts"), n) != NULL ||
	    named(J(doc, "clusters"), n) != NULL ||
	    named(J(doc, "users"), n) != NULL) {
		free(n);
		n = scs_xprintf("%s-%d", base, i++);
	}
	return (n);
}

static void
entry_add(cJSON *list, const char *name, const char *key, const cJSON *body)
{
	cJSON	*e = cJSON_CreateObject();

	cJSON_AddStringToObject(e, "name", name);
	cJSON_AddItemToObject(e, key, cJSON_Duplicate(body, 1));
	cJSON_AddItemToArray(list, e);
}

enum scs_status
scs_kubeconfig_merge(const char *path, const char *add, size_t addlen,
    char **ctx_out, char **cause)
{
	cJSON		*doc = NULL, *nd, *ctx, *cl, *us, *c;
	char		*text = NULL, *name = NULL, *y = NULL, *bak;
	const char	*cname;
	size_t		 len = 0;
	FILE		*f;
	enum scs_status	 st = SCS_CONFIG;

	if ((nd = yaml_json(add, addlen, "the secret's kubeconfig",
	    cause)) == NULL)
		return (SCS_CONFIG);
	ctx = cJSON_GetArrayItem(J(nd, "contexts"), 0);
	cname = cJSON_GetStringValue(J(ctx, "name"));
	cl = named(J(nd, "clusters"), cJSON_GetStringValue(scs_jpath(ctx,
	    "context.cluster")));
	us = named(J(nd, "users"), cJSON_GetStringValue(scs_jpath(ctx,
	    "context.user")));
	if (cname == NULL || cl == NULL || us == NULL) {
		scs_cause(cause, "the secret's kubeconfig has no complete "
		    "context (context, cluster and user)");
		goto out;
	}
	if ((f = fopen(path, "rb")) != NULL) {
		struct scs_buf	 b;
		char		 chunk[4096];
		size_t		 n;

		scs_buf_init(&b, 16 * 1024 * 1024);
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			scs_buf_add(&b, chunk, n);
		fclose(f);
		len = b.len;
		text = b.data != NULL ? scs_buf_steal(&b) : scs_xstrdup("");
		if ((doc = yaml_json(text, len, path, cause)) == NULL)
			goto out;
		/* A backup of what was there, private too. */
		bak = scs_xprintf("%s.bak", path);
		(void)unlink(bak);
		st = scs_file_write_private(bak, text, len, 1, cause);
		free(bak);
		if (st != SCS_OK)
			goto out;
	} else if (errno != ENOENT) {
		scs_cause(cause, "%s: %s", path, strerror(errno));
		st = SCS_IO;
		goto out;
	} else {
		doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "apiVersion", "v1");
		cJSON_AddStringToObject(doc, "kind", "Config");
	}
	name = free_name(doc, cname);
	entry_add(list_of(doc, "clusters"), name, "cluster", J(cl, "cluster"));
	entry_add(list_of(doc, "users"), name, "user", J(us, "user"));
	c = cJSON_CreateObject();
	cJSON_AddStringToObject(c, "cluster", name);
	cJSON_AddStringToObject(c, "user", name);
	if (cJSON_GetStringValue(scs_jpath(ctx, "context.namespace")) != NULL)
		cJSON_AddStringToObject(c, "namespace", cJSON_GetStringValue(
		    scs_jpath(ctx, "context.namespace")));
	entry_add(list_of(doc, "contexts"), name, "context", c);
	cJSON_Delete(c);
	if ((y = scs_yaml_emit(doc, 0, NULL, cause)) == NULL)
		goto out;
	st = scs_file_write_private(path, y, strlen(y), 1, cause);
	if (st == SCS_OK && ctx_out != NULL)
		*ctx_out = scs_xstrdup(name);
out:
	scs_free_secret(y);
	scs_free_secret(text);
	free(name);
	cJSON_Delete(doc);
	cJSON_Delete(nd);
	return (st);
}
