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
 * Limits: a file larger than SCS_KUBECONFIG_MAX_SIZE or nested deeper
 * than SCS_KUBECONFIG_MAX_DEPTH is refused (SCS_LIMIT). Anchors and
 * aliases are not supported (SCS_CONFIG with the place).
 */
#define SCS_KUBECONFIG_MAX_SIZE		(16 * 1024 * 1024)
#define SCS_KUBECONFIG_MAX_DEPTH	64

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
	int		  disable_compression;
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
	char		**as_extra;	/* NULL-terminated "KEY=value", one per
					   value of as-user-extra, or NULL */
};

/*
 * Load per the rules above; explicit may be NULL. Status: SCS_CONFIG for
 * syntax, type and value errors and when no file exists, SCS_IO when a
 * file exists but cannot be read, SCS_LIMIT for the limits above.
 */
enum scs_status	 scs_kubeconfig_load(const char *explicit_path,
		    struct scs_kubeconfig **, char **cause);
/* Load and merge exactly these files, in order (for tests and callers);
 * each must exist. */
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

/*
 * Resolve context (NULL = current-context) into a new target. Missing
 * cluster/user entries, a cluster without server, unreadable files, a
 * client certificate without key (or the reverse), an unsupported
 * auth-provider, a bad exec spec (no command, apiVersion other than
 * v1/v1beta1, bad or - for v1 - missing interactiveMode) and two auth
 * methods for one user are SCS_CONFIG errors with the place in *cause.
 * Auth methods are: token/tokenFile, username/password, exec,
 * auth-provider; a client certificate may accompany one of them (as in
 * client-go). A context without user means no credentials. The token and
 * password are registered with scs_log_secret.
 */
enum scs_status	 scs_kubeconfig_resolve(const struct scs_kubeconfig *,
		    const char *context, struct scs_target **, char **cause);
void		 scs_target_free(struct scs_target *);
/* A deep copy. */
struct scs_target *scs_target_dup(const struct scs_target *);

/* --- saving (kubeconfig-merge.c) ------------------------------------ */

/*
 * Write len bytes of text to path as a private file: mode 0600, written to
 * a temporary file and renamed (atomic), never through a symlink or onto
 * something that is not a regular file. An existing file is replaced only
 * with overwrite set, else SCS_CONFLICT ("PATH exists").
 */
enum scs_status	 scs_file_write_private(const char *path, const char *text,
		    size_t len, int overwrite, char **cause);
/*
 * Merge the first context of kubeconfig text add (its cluster, user and
 * context, all under the context's name, or NAME-2, ... when taken) into
 * the kubeconfig file path, created when missing. The old file is kept as
 * PATH.bak (0600); the new one is written with scs_file_write_private.
 * *ctx gets the context name used (caller frees).
 */
enum scs_status	 scs_kubeconfig_merge(const char *path, const char *add,
		    size_t addlen, char **ctx, char **cause);

#endif
