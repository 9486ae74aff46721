/*
 * kubeconfig-int.h: internals of the kubeconfig module shared by
 * kubeconfig.c (files, merge), kubeconfig-yaml.c (YAML to a node tree),
 * kubeconfig-walk.c (node tree to entries), kubeconfig-resolve.c
 * (context to target) and target.c.
 */
#ifndef SCS_KUBECONFIG_INT_H
#define SCS_KUBECONFIG_INT_H

#include <stddef.h>

#include "scs/kubeconfig.h"
#include "scs/scs.h"

/* --- kubeconfig-yaml.c ---------------------------------------------- */

enum kc_type { KC_SCALAR, KC_MAP, KC_SEQ };

/* A YAML node with its 1-based place. A map's kids alternate key, value. */
struct kc_node {
	enum kc_type	  type;
	char		 *str;		/* scalar text, NUL-terminated */
	size_t		  len;
	int		  plain;	/* unquoted scalar (null/bool/number apply) */
	int		  line;
	int		  col;
	struct kc_node	**kids;
	size_t		  n;
};

/*
 * Parse the first YAML document of text into a tree (*root NULL when the
 * text holds no document). Errors: SCS_CONFIG with "NAME:LINE:COL: ..."
 * for syntax errors and aliases, SCS_LIMIT for nesting past
 * SCS_KUBECONFIG_MAX_DEPTH.
 */
enum scs_status	 kc_yaml_load(const char *text, size_t len, const char *name,
		    struct kc_node **root, char **cause);
void		 kc_node_free(struct kc_node *);
/* A null scalar: plain "", "~", "null", "Null", "NULL". */
int		 kc_node_null(const struct kc_node *);
/* The node as compact JSON (plain scalars become numbers, booleans and
 * null where they read as such). Caller frees. */
char		*kc_node_json(const struct kc_node *);
/* "mapping", "sequence" or "scalar". */
const char	*kc_node_kind(const struct kc_node *);

/* --- the loaded config (built by kubeconfig-walk.c) ------------------ */

/* A string value and where it was set (line 0 = not set). */
struct kc_str {
	char		*s;
	int		 line;
	int		 col;
};

/* Decoded *-data bytes, NUL-terminated, and where they were set. */
struct kc_data {
	unsigned char	*p;
	size_t		 len;
	int		 line;
	int		 col;
};

struct kc_cluster {
	char		*name;
	char		*file;
	int		 line;		/* of the list entry */
	int		 col;
	struct kc_str	 server;
	struct kc_str	 ca_file;
	struct kc_data	 ca_data;
	int		 insecure;
	struct kc_str	 tls_server_name;
	struct kc_str	 proxy_url;
	int		 disable_compression;
	char		*exec_config_json;
};

struct kc_user {
	char		*name;
	char		*file;
	int		 line;
	int		 col;
	struct kc_str	 cert_file;
	struct kc_data	 cert_data;
	struct kc_str	 key_file;
	struct kc_data	 key_data;	/* secret */
	struct kc_str	 token;		/* secret */
	struct kc_str	 token_file;
	struct kc_str	 username;
	struct kc_str	 password;	/* secret */
	struct scs_exec_spec *exec;
	int		 exec_line;
	int		 exec_col;
	struct kc_str	 auth_provider;	/* its name */
	struct kc_str	 as;
	struct kc_str	 as_uid;
	char		**as_groups;
	char		**as_extra;
};

struct kc_context {
	char		*name;
	char		*file;
	int		 line;
	int		 col;
	struct kc_str	 cluster;
	struct kc_str	 user;
	struct kc_str	 namespace;
};

struct scs_kubeconfig {
	struct kc_cluster	**clusters;
	size_t			  nclusters;
	struct kc_user		**users;
	size_t			  nusers;
	struct kc_context	**contexts;
	size_t			  ncontexts;
	char			 *current_context;
	char			 *current_file;	/* where current-context was set */
};

/* --- kubeconfig.c ---------------------------------------------------- */

/*
 * Read a whole file (at most max bytes, NUL-terminated). SCS_NOTFOUND
 * when it does not exist, SCS_LIMIT when too large, SCS_IO otherwise;
 * *cause is "PATH: reason". *out is the caller's.
 */
enum scs_status	 kc_read_file(const char *path, size_t max, char **out,
		    size_t *len, char **cause);
const struct kc_cluster *kc_find_cluster(const struct scs_kubeconfig *,
		    const char *);
const struct kc_user *kc_find_user(const struct scs_kubeconfig *,
		    const char *);
const struct kc_context *kc_find_context(const struct scs_kubeconfig *,
		    const char *);
/* Free one entry, zeroing its secrets. */
void		 kc_cluster_free(struct kc_cluster *);
void		 kc_user_free(struct kc_user *);
void		 kc_context_free(struct kc_context *);

/* --- kubeconfig-walk.c: scs_kubeconfig_parse (public) ---------------- */

/* --- target.c -------------------------------------------------------- */

struct scs_exec_spec *kc_exec_dup(const struct scs_exec_spec *);
void		 kc_exec_free(struct scs_exec_spec *);

#endif
