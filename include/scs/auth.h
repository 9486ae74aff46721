/*
 * auth.h: credentials for one target, attached to each request.
 *
 * Static forms (token, client certificate, basic) are ready at once. A
 * tokenFile is re-read when it changes (at most once a minute). An exec
 * plugin runs without a shell (fork + execvp), with KUBERNETES_EXEC_INFO,
 * asynchronously: its stdout is a pipe watched by the scs_http loop, so
 * the UI never waits for it. Its credential (token or client certificate)
 * is cached until expirationTimestamp; after a 401 the api layer calls
 * scs_auth_invalidate and the plugin runs again for later requests.
 *
 * Interactive plugins (interactiveMode Always, or IfAvailable when the
 * caller says a terminal is available) need the terminal: the auth
 * module calls the registered suspend hook before starting the plugin
 * with the real stdin/stdout/stderr, and the resume hook when it ended.
 *
 * Tokens and keys never reach the log (they are registered with
 * scs_log_secret when learnt).
 */
#ifndef SCS_AUTH_H
#define SCS_AUTH_H

#include "scs/http.h"
#include "scs/kubeconfig.h"
#include "scs/scs.h"

struct scs_auth;

/* What to attach to a request; borrowed from the auth object, valid until
 * the next scs_auth_* call. */
struct scs_creds {
	const char		*bearer;
	const char		*basic_user;
	const char		*basic_pass;
	struct scs_blob		 cert;
	struct scs_blob		 key;
};

/* Called with the result of a credential fetch (exec plugin). */
typedef void	(*scs_auth_ready_cb)(enum scs_status, const char *cause,
		    void *);
/* Terminal hand-over for interactive plugins: begin=1 before, 0 after. */
typedef void	(*scs_auth_tty_cb)(int begin, void *);

/* The target is copied. */
struct scs_auth	*scs_auth_new(struct scs_http *, const struct scs_target *);
void		 scs_auth_free(struct scs_auth *);
void		 scs_auth_set_tty(struct scs_auth *, int have_tty,
		    scs_auth_tty_cb, void *);

/*
 * Get credentials for the next request.
 * - SCS_OK, *pending = 0: *out is filled.
 * - SCS_OK, *pending = 1: a plugin is running (started now or before);
 *   cb(arg) is called once it finished, then call scs_auth_get again.
 *   Several waiters may queue; each gets its callback once.
 * - SCS_AUTH: failed; *cause says why (plugin missing plus its
 *   installHint, bad ExecCredential, unreadable tokenFile, ...).
 * A failed exec plugin run sticks (every later get returns the same
 * SCS_AUTH at once) until scs_auth_invalidate, so a caller that retries
 * on failure does not start the plugin in a loop. Waiter callbacks run
 * from the scs_http loop; they may call scs_auth_get and scs_auth_free.
 * An exec plugin that does not finish within 60 s is killed (SCS_AUTH).
 */
enum scs_status	 scs_auth_get(struct scs_auth *, struct scs_creds *out,
		    int *pending, scs_auth_ready_cb, void *, char **cause);
/* Remove queued waiters with this arg (their request was cancelled):
 * their callbacks are never called. */
void		 scs_auth_forget(struct scs_auth *, void *arg);
/* Drop cached exec credentials and a sticky failure (after a 401, or to
 * retry); the tokenFile is checked again on the next get. */
void		 scs_auth_invalidate(struct scs_auth *);
/* Short description for the header: "token", "client cert", "exec: kubelogin". */
const char	*scs_auth_kind(const struct scs_auth *);

#endif
