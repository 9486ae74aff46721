/*
 * kubeconfig.h: load and merge kubeconfig files (clientcmd v1) and resolve
 * a context into a connection target.
 *
 * Which files (DOMAIN.md 10.9): an explicit path (only that file, no
 * merging), else every file of $KUBECONFIG (':'-separated, empty entries
 * ignored, duplicates dropped, missing files skipped, error only if all
 * are missing), else ~/.kube/config. Merge: the first file that sets a
 * value or a named entry wins; named entries are never merged field by
 * field; the first current-context wins; relative paths resolve against
 * the file that holds them.
 *
 * Errors name the place: "FILE:LINE:COL: problem" in *cause, never a
 * crash, for broken YAML, wrong types and missing required fields alike.
 */
#ifndef SCS_KUBECONFIG_H
#define SCS_KUBECONFIG_H

#include <stddef.h>

#include "scs/scs.h"

struct scs_kubeconfig;

/* An exec credential plugin (client.authentication.k8s.io v1/v1beta1). */
struct scs_exec_spec {
	char		 *command;
	char		**args;		/* NULL-terminated */
	char		**env;		/* NULL-terminated "NAME=value" */
	char		 *api_version;
	char		 *install_hint;
	int		  provide_cluster_info;
	char		 *interactive_mode;	/* Never|IfAvailable|Always */
	char		 *cluster_config_json;	/* extension client.authentication.k8s.io/exec, as JSON, or NULL */
};

/*
 * Everything needed to talk to one API server as one user. Byte strings
 * are NUL-terminated in addition to their length. Files named in the
 * kubeconfig (certificate-authority, client-certificate, client-key) are
 * read into memory at resolve time; tokenFile is kept as a path because
 * it may rotate. Secrets (token, password, key) are zeroed on free.
 */
struct scs_target {
	char		 *context;	/* context name */
	char		 *cluster_name;
	char		 *user_name;
	char		 *namespace;	/* context namespace, else "default" */

	char		 *server;	/* "https://host:port[/prefix]" */
	char		 *tls_server_name;
	char		 *proxy_url;
	int		  insecure;	/* insecure-skip-tls-verify */
	unsigned char	 *ca;		/* PEM; NULL = system CAs */
	size_t		  ca_len;

	unsigned char	 *client_cert;	/* PEM */
	size_t		  client_cert_len;
	unsigned char	 *client_key;	/* PEM (secret) */
	size_t		  client_key_len;
	char		 *token;	/* (secret) */
	char		 *token_file;
	char		 *username;
	char		 *password;	/* (secret) */
	struct scs_exec_spec *exec;	/* or NULL */

	char		 *as;		/* impersonation */
	char		 *as_uid;
	char		**as_groups;	/* NULL-terminated, or NULL */
};

/* Load per the rules above; explicit may be NULL. */
enum scs_status	 scs_kubeconfig_load(const char *explicit_path,
		    struct scs_kubeconfig **, char **cause);
/* Load and merge exactly these files, in order (for tests and callers). */
enum scs_status	 scs_kubeconfig_load_files(const char *const *paths,
		    size_t n, struct scs_kubeconfig **, char **cause);
/* Parse one document from memory; name is used in error messages and
 * relative paths resolve against dir (may be NULL = cwd). */
enum scs_status	 scs_kubeconfig_parse(const char *text, size_t len,
		    const char *name, const char *dir,
		    struct scs_kubeconfig **, char **cause);
void		 scs_kubeconfig_free(struct scs_kubeconfig *);

const char	*scs_kubeconfig_current_context(const struct scs_kubeconfig *);
size_t		 scs_kubeconfig_ncontexts(const struct scs_kubeconfig *);
/* Context names in file order; NULL past the end. */
const char	*scs_kubeconfig_context(const struct scs_kubeconfig *, size_t);
/* The file the named context came from (for messages), or NULL. */
const char	*scs_kubeconfig_context_file(const struct scs_kubeconfig *,
		    const char *context);

/* Resolve context (NULL = current-context) into a new target. Missing
 * cluster/user entries, unreadable files and two auth methods for one
 * user are SCS_CONFIG errors with the place in *cause. */
enum scs_status	 scs_kubeconfig_resolve(const struct scs_kubeconfig *,
		    const char *context, struct scs_target **, char **cause);
void		 scs_target_free(struct scs_target *);
/* A deep copy. */
struct scs_target *scs_target_dup(const struct scs_target *);

#endif
