/*
 * core.h: internals of libscs shared between core files (not installed,
 * not for tui/). Sections are named after the file that defines them.
 */
#ifndef SCS_CORE_H
#define SCS_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "scs/api.h"
#include "scs/kubeconfig.h"
#include "scs/scs.h"

/* --- exec.c: run a credential plugin without blocking --------------- */

/*
 * A child process with its stdout (and, unless interactive, its stderr)
 * on non-blocking pipes. Nothing here waits for the child: the caller
 * polls the fds, calls core_exec_read when one is readable, and
 * core_exec_reap until the child is gone (or core_exec_kill).
 *
 * Non-interactive: stdin is /dev/null, stderr is captured, and the child
 * leads its own process group so core_exec_kill reaches its children
 * too. Interactive: stdin and stderr are the caller's (the terminal) and
 * the child stays in the caller's process group (it may need the
 * terminal's foreground group); only stdout is captured. Either way the
 * child gets no fd of ours beyond 0-2, and default signal dispositions.
 */
struct core_exec;

struct core_exec_opts {
	const char		*command;	/* no '/': looked up in $PATH */
	const char *const	*args;		/* NULL-terminated, or NULL; argv[0] is command */
	const char *const	*env;		/* "NAME=value" added to (or replacing in) environ */
	int			 interactive;
	size_t			 max_stdout;	/* 0 = 1 MiB; more -> read fails with SCS_LIMIT */
	size_t			 max_stderr;	/* 0 = 8 KiB; the rest is dropped silently */
};

/*
 * Start the child. Returns once the child has called execve (a short
 * wait on a close-on-exec pipe, never on the plugin's work), so a failed
 * exec is reported here. SCS_NOTFOUND when the command does not exist (or is
 * not executable) in $PATH, SCS_IO for other failures (fork, pipe, exec);
 * *cause says which. On success *out is the caller's (core_exec_free).
 */
enum scs_status	 core_exec_start(const struct core_exec_opts *,
		    struct core_exec **out, char **cause);
/* The pipe fds still open, -1 once at EOF (or never opened). */
int		 core_exec_stdout_fd(const struct core_exec *);
int		 core_exec_stderr_fd(const struct core_exec *);
pid_t		 core_exec_pid(const struct core_exec *);
/*
 * Read what is available on fd (one of the two above). Returns SCS_OK
 * (more may come, or EOF: the fd was then closed and its getter returns
 * -1), SCS_LIMIT when stdout exceeded max_stdout (the fd is closed), or
 * SCS_IO. Never blocks.
 */
enum scs_status	 core_exec_read(struct core_exec *, int fd);
/* Both pipes are at EOF. */
int		 core_exec_eof(const struct core_exec *);
/*
 * Reap the child if it exited: 1 (and *wstatus, a waitpid status) once
 * it is gone, 0 while it still runs. Never blocks.
 */
int		 core_exec_reap(struct core_exec *, int *wstatus);
/* SIGKILL the child (and its group unless interactive), close the
 * pipes and reap it. Idempotent. */
void		 core_exec_kill(struct core_exec *);
/* Captured output, NUL-terminated; borrowed until core_exec_free. */
const char	*core_exec_stdout(const struct core_exec *, size_t *len);
const char	*core_exec_stderr(const struct core_exec *, size_t *len);
/* Kill (if still running), reap, zero the captured stdout, free. NULL ok. */
void		 core_exec_free(struct core_exec *);

/* --- execcred.c: ExecCredential in and out (pure, no I/O) ----------- */

#define CORE_EXECCRED_V1	"client.authentication.k8s.io/v1"
#define CORE_EXECCRED_V1BETA1	"client.authentication.k8s.io/v1beta1"

struct core_execcred {
	char		*token;		/* (secret) or NULL */
	unsigned char	*cert;		/* PEM, NUL-terminated, or NULL */
	size_t		 cert_len;
	unsigned char	*key;		/* PEM (secret), NUL-terminated, or NULL */
	size_t		 key_len;
	int64_t		 expiry;	/* seconds since the epoch; -1 = none */
};

/*
 * Parse a plugin's stdout. api_version is the version requested; the
 * reply must carry the same one and kind ExecCredential, a status with a
 * token or both clientCertificateData and clientKeyData (or all three),
 * and an optional RFC 3339 expirationTimestamp. On error SCS_AUTH with
 * *cause and *out zeroed; on success *out is the caller's
 * (core_execcred_clear).
 */
enum scs_status	 core_execcred_parse(const char *text, size_t len,
		    const char *api_version, struct core_execcred *out,
		    char **cause);
/* Zero and free the secrets; the struct is reset (expiry -1). */
void		 core_execcred_clear(struct core_execcred *);
/*
 * The KUBERNETES_EXEC_INFO value for t->exec: {"apiVersion", "kind":
 * "ExecCredential", "spec": {"interactive", "cluster"?}}, the cluster
 * part only with provideClusterInfo. Caller frees.
 */
char		*core_execcred_info(const struct scs_target *, int interactive);

/* --- http-headers.c: response header values, retry delay (pure) ---- */

/*
 * Parse a Warning header value (comma-separated `CODE AGENT "TEXT" [DATE]`)
 * and append the texts of code-299 warnings to *list (grown,
 * NULL-terminated; caller frees each string and the array). Returns the
 * number added; a malformed part ends the parse.
 */
size_t		 core_http_parse_warning(const char *v, char ***list,
		    size_t *n);
/* Retry-After (seconds or an HTTP date) in milliseconds; -1 if bad. */
long		 core_http_parse_retry_after(const char *v);
/*
 * Delay before retry number attempt (1 = first): retry_after_ms capped at
 * cap when >= 0, else base * 2^(attempt-1) capped, jittered to between
 * half and all of it using rnd.
 */
long		 core_http_backoff(int attempt, long retry_after_ms, long base,
		    long cap, unsigned rnd);
/* The text of one warn-value (`299 - "text" [date]`); caller frees. */
char		*core_http_warning_text(const char *v, size_t len);

/* --- api-path.c: paths and query strings (pure) -------------------- */

/* Percent-encode all but unreserved characters. Caller frees (all below). */
char		*core_url_escape(const char *);
/* Append "?key=value" (or "&key=value" when b is not empty), value
 * URL-escaped; NULL or "" values are left out. */
void		 core_query_add(struct scs_buf *b, const char *key,
		    const char *value);
/* "?limit=N&labelSelector=..&fieldSelector=..&continue=..&resourceVersion=..
 * &resourceVersionMatch=.." (absent/empty options left out; limit 0 = 500). */
char		*core_api_list_query(const struct scs_list_opts *);
/* "?watch=1&allowWatchBookmarks=true&timeoutSeconds=N&resourceVersion=..
 * &labelSelector=.." (timeout 0 = 300). */
char		*core_api_watch_query(const struct scs_watch_opts *);
/* "?fieldManager=scs-tui" plus "&dryRun=All" for SCS_WRITE_DRY_RUN. */
char		*core_api_write_query(unsigned flags);
/* DeleteOptions JSON (propagationPolicy, gracePeriodSeconds >= 0,
 * preconditions{uid, resourceVersion}); o may be NULL. */
char		*core_api_delete_body(const struct scs_delete_opts *o);

/* --- discovery.c: building the discovery cache (pure) --------------- */

struct scs_discovery	*core_discovery_new(void);
void		 core_discovery_free(struct scs_discovery *);
/* Record groups and preferred versions from a /apis APIGroupList (or the
 * /api APIVersions document: core group, first version preferred).
 * SCS_DECODE when json is neither. */
enum scs_status	 core_discovery_add_groups(struct scs_discovery *,
		    const cJSON *json);
/* The same, for the /api APIVersions document only. */
enum scs_status	 core_discovery_add_core(struct scs_discovery *,
		    const cJSON *json);
/* Group-versions seen by add_groups/add_core, as paths to fetch
 * ("/api/v1", "/apis/G/V"), every version, not only preferred ones. */
size_t		 core_discovery_ngv(const struct scs_discovery *);
const char	*core_discovery_gv_path(const struct scs_discovery *, size_t);
/* Add the resources of one APIResourceList (groupVersion "v1" or "G/V");
 * subresources (names with '/') are skipped. SCS_DECODE on bad input. */
enum scs_status	 core_discovery_add_resources(struct scs_discovery *,
		    const cJSON *json);
/* Order the resources as the server lists them (core group first, then
 * the group-versions of /apis in order; each list's own order within),
 * not as the answers arrived: which "clusters" a name means must not
 * depend on timing. */
void		 core_discovery_sort(struct scs_discovery *);
/* A group-version named by /api or /apis whose list failed (skipped):
 * counted in scs_discovery_missing. */
void		 core_discovery_missing(struct scs_discovery *);

/* --- schema-validate.c: shared with schema.c ------------------------- */

/* A number the way the API server prints a float64 bound (Go's %v:
 * shortest digits, exponent form from 1e+06 and below 1e-04). */
void		 core_schema_num(double, char *out, size_t outlen);

#endif
