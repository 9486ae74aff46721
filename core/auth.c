/*
 * auth.c: credentials for one target: static token, tokenFile, client
 * certificate, basic auth, and exec plugins run through exec.c with
 * their pipes and timeout on the scs_http loop.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "kubeconfig-int.h"
#include "scs/auth.h"
#include "scs/log.h"
#include "scs/util.h"

#define AUTH_EXEC_TIMEOUT_MS	60000
#define AUTH_TOKEN_RECHECK_MS	60000
#define AUTH_TOKEN_MAX		(1024 * 1024)
#define AUTH_REAP_FIRST_MS	10
#define AUTH_REAP_MAX_MS	250
#define AUTH_STDERR_LINES	3
#define AUTH_STDERR_CHARS	400

struct auth_waiter {
	scs_auth_ready_cb	 cb;
	void			*arg;
};

struct scs_auth {
	struct scs_http		*http;
	struct scs_target	*t;
	char			*kind;

	int			 have_tty;
	scs_auth_tty_cb		 tty_cb;
	void			*tty_arg;

	/* tokenFile */
	char			*file_token;	/* secret */
	struct timespec		 file_mtime;
	off_t			 file_size;
	int64_t			 file_checked_ms;	/* 0 = never */

	/* exec plugin */
	struct core_exec	*run;
	int			 run_tty;	/* tty handed to the plugin */
	uint64_t		 timeout;
	uint64_t		 reaper;
	long			 reap_ms;
	struct core_execcred	 cred;
	int			 have_cred;
	char			*error;		/* sticky until invalidate */
	struct auth_waiter	*waiters;
	size_t			 nwaiters;

	int			 busy;		/* inside waiter callbacks */
	int			 dead;		/* freed while busy */
};

static void	auth_exec_done(struct scs_auth *, const char *);

static const char *
auth_basename(const char *path)
{
	const char	*s = strrchr(path, '/');

	return (s != NULL ? s + 1 : path);
}

struct scs_auth *
scs_auth_new(struct scs_http *http, const struct scs_target *t)
{
	struct scs_auth	*a;

	a = scs_xcalloc(1, sizeof *a);
	a->http = http;
	a->t = scs_target_dup(t);
	a->cred.expiry = -1;
	if (a->t->exec != NULL)
		a->kind = scs_xprintf("exec: %s", a->t->exec->command != NULL ?
		    auth_basename(a->t->exec->command) : "?");
	else if (a->t->token_file != NULL)
		a->kind = scs_xstrdup("token file");
	else if (a->t->token != NULL)
		a->kind = scs_xstrdup("token");
	else if (a->t->username != NULL || a->t->password != NULL)
		a->kind = scs_xstrdup("basic");
	else if (a->t->client_cert != NULL)
		a->kind = scs_xstrdup("client cert");
	else
		a->kind = scs_xstrdup("none");
	return (a);
}

void
scs_auth_set_tty(struct scs_auth *a, int have_tty, scs_auth_tty_cb cb,
    void *arg)
{
	a->have_tty = have_tty;
	a->tty_cb = cb;
	a->tty_arg = arg;
}

const char *
scs_auth_kind(const struct scs_auth *a)
{
	return (a->kind);
}

/* Stop the running plugin (if any) and give the terminal back. */
static void
auth_exec_stop(struct scs_auth *a)
{
	int	 fd;

	if (a->timeout != 0)
		scs_http_timer_cancel(a->http, a->timeout);
	if (a->reaper != 0)
		scs_http_timer_cancel(a->http, a->reaper);
	a->timeout = a->reaper = 0;
	if (a->run == NULL)
		return;
	if ((fd = core_exec_stdout_fd(a->run)) != -1)
		scs_http_remove_fd(a->http, fd);
	if ((fd = core_exec_stderr_fd(a->run)) != -1)
		scs_http_remove_fd(a->http, fd);
	core_exec_free(a->run);
	a->run = NULL;
	if (a->run_tty && a->tty_cb != NULL)
		a->tty_cb(0, a->tty_arg);
	a->run_tty = 0;
}

static void
auth_destroy(struct scs_auth *a)
{
	auth_exec_stop(a);
	core_execcred_clear(&a->cred);
	scs_free_secret(a->file_token);
	free(a->error);
	free(a->waiters);
	free(a->kind);
	scs_target_free(a->t);
	free(a);
}

void
scs_auth_free(struct scs_auth *a)
{
	if (a == NULL)
		return;
	if (a->busy) {
		a->dead = 1;
		a->nwaiters = 0;
		return;
	}
	auth_destroy(a);
}

void
scs_auth_forget(struct scs_auth *a, void *arg)
{
	size_t	 i, k = 0;

	for (i = 0; i < a->nwaiters; i++) {
		if (a->waiters[i].arg != arg)
			a->waiters[k++] = a->waiters[i];
	}
	a->nwaiters = k;
}

void
scs_auth_invalidate(struct scs_auth *a)
{
	core_execcred_clear(&a->cred);
	a->have_cred = 0;
	free(a->error);
	a->error = NULL;
	a->file_checked_ms = 0;
}

/* Re-read the token file when it changed; at most once a minute. */
static enum scs_status
auth_token_file(struct scs_auth *a, char **cause)
{
	struct stat	 sb;
	char		*text, *why = NULL;
	size_t		 len, skip;
	int64_t		 now = scs_now_ms();
	enum scs_status	 st;

	if (a->file_token != NULL && a->file_checked_ms != 0 &&
	    now - a->file_checked_ms < AUTH_TOKEN_RECHECK_MS)
		return (SCS_OK);
	a->file_checked_ms = now;
	if (stat(a->t->token_file, &sb) == 0 && a->file_token != NULL &&
	    sb.st_mtim.tv_sec == a->file_mtime.tv_sec &&
	    sb.st_mtim.tv_nsec == a->file_mtime.tv_nsec &&
	    sb.st_size == a->file_size)
		return (SCS_OK);
	st = kc_read_file(a->t->token_file, AUTH_TOKEN_MAX, &text, &len,
	    &why);
	if (st == SCS_OK) {
		/* Like client-go: surrounding white space is not the token. */
		while (len > 0 && strchr(" \t\r\n", text[len - 1]) != NULL)
			text[--len] = '\0';
		skip = strspn(text, " \t\r\n");
		memmove(text, text + skip, len - skip + 1);
		len -= skip;
		if (len == 0) {
			why = scs_xprintf("%s: empty", a->t->token_file);
			free(text);
			st = SCS_AUTH;
		}
	}
	if (st != SCS_OK) {
		if (a->file_token != NULL) {
			/* Keep the token we have; the file may be mid-rotation. */
			scs_log_warn("auth: tokenFile: %s", why);
			free(why);
			return (SCS_OK);
		}
		scs_cause(cause, "tokenFile %s", why);
		free(why);
		return (SCS_AUTH);
	}
	scs_free_secret(a->file_token);
	a->file_token = text;
	a->file_mtime = sb.st_mtim;
	a->file_size = sb.st_size;
	scs_log_secret(a->file_token);
	scs_log_debug("auth: read tokenFile %s", a->t->token_file);
	return (SCS_OK);
}

/* The first lines of the plugin's stderr, control characters replaced. */
static char *
auth_stderr(const struct core_exec *x)
{
	const char	*err;
	char		*out;
	size_t		 len, i, k = 0;
	int		 lines = 0;

	err = core_exec_stderr(x, &len);
	while (len > 0 && strchr(" \t\r\n", err[len - 1]) != NULL)
		len--;
	out = scs_xmalloc(AUTH_STDERR_CHARS + 4);
	for (i = 0; i < len && k < AUTH_STDERR_CHARS; i++) {
		if (err[i] == '\n') {
			if (++lines == AUTH_STDERR_LINES)
				break;
			out[k++] = ';';
			out[k++] = ' ';
			continue;
		}
		out[k++] = (unsigned char)err[i] < 0x20 || err[i] == 0x7f ?
		    '?' : err[i];
	}
	if (i < len) {
		memcpy(out + k, "...", 3);
		k += 3;
	}
	out[k] = '\0';
	return (out);
}

/* The child is gone: judge its exit and output. */
static void
auth_exec_reaped(struct scs_auth *a, int wstatus)
{
	const char	*cmd = a->t->exec->command, *text;
	char		*msg = NULL, *err;
	size_t		 len;
	enum scs_status	 st;

	if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) != 0) {
		err = auth_stderr(a->run);
		msg = scs_xprintf("exec plugin \"%s\" failed with exit code "
		    "%d%s%s", cmd, WEXITSTATUS(wstatus), *err != '\0' ?
		    ": " : "", err);
		free(err);
	} else if (WIFSIGNALED(wstatus))
		msg = scs_xprintf("exec plugin \"%s\" killed by signal %d",
		    cmd, WTERMSIG(wstatus));
	else {
		text = core_exec_stdout(a->run, &len);
		core_execcred_clear(&a->cred);
		st = core_execcred_parse(text, len, a->t->exec->api_version,
		    &a->cred, &msg);
		if (st == SCS_OK) {
			a->have_cred = 1;
			scs_log_secret(a->cred.token);
			scs_log_info("auth: exec plugin %s gave a %s%s", cmd,
			    a->cred.token != NULL ? "token" : "certificate",
			    a->cred.expiry >= 0 ? " with expiry" : "");
		}
	}
	auth_exec_done(a, msg);
	free(msg);
}

static void
auth_reap_cb(void *arg)
{
	struct scs_auth	*a = arg;
	int		 wstatus;

	a->reaper = 0;
	if (a->run == NULL)
		return;
	if (core_exec_reap(a->run, &wstatus)) {
		auth_exec_reaped(a, wstatus);
		return;
	}
	/* Output closed but still running: poll, backing off. */
	a->reap_ms = a->reap_ms * 2 > AUTH_REAP_MAX_MS ? AUTH_REAP_MAX_MS :
	    a->reap_ms * 2;
	a->reaper = scs_http_timer(a->http, a->reap_ms, auth_reap_cb, a);
}

static void
auth_fd_cb(int fd, short revents, void *arg)
{
	struct scs_auth	*a = arg;
	enum scs_status	 st;
	char		*msg;

	if (a->run == NULL) {
		scs_http_remove_fd(a->http, fd);
		return;
	}
	st = core_exec_read(a->run, fd);
	if (core_exec_stdout_fd(a->run) != fd &&
	    core_exec_stderr_fd(a->run) != fd)
		scs_http_remove_fd(a->http, fd);	/* closed at EOF */
	if (st != SCS_OK) {
		msg = scs_xprintf("exec plugin \"%s\": %s",
		    a->t->exec->command, st == SCS_LIMIT ?
		    "output too large" : "cannot read its output");
		auth_exec_done(a, msg);
		free(msg);
		return;
	}
	if (core_exec_eof(a->run) && a->reaper == 0) {
		a->reap_ms = AUTH_REAP_FIRST_MS / 2;
		auth_reap_cb(a);
	}
}

static void
auth_timeout_cb(void *arg)
{
	struct scs_auth	*a = arg;
	char		*msg;

	a->timeout = 0;
	msg = scs_xprintf("exec plugin \"%s\" did not finish within %d s",
	    a->t->exec->command, AUTH_EXEC_TIMEOUT_MS / 1000);
	auth_exec_done(a, msg);
	free(msg);
}

/* The plugin ended (error NULL) or failed: stop it, tell every waiter. */
static void
auth_exec_done(struct scs_auth *a, const char *error)
{
	struct auth_waiter	*w;
	size_t			 n, i;

	auth_exec_stop(a);
	if (error != NULL) {
		free(a->error);
		a->error = scs_xstrdup(error);
		scs_log_warn("auth: %s", error);
	}
	w = a->waiters;
	n = a->nwaiters;
	a->waiters = NULL;
	a->nwaiters = 0;
	a->busy++;
	for (i = 0; i < n && !a->dead; i++)
		w[i].cb(error != NULL ? SCS_AUTH : SCS_OK, error, w[i].arg);
	a->busy--;
	free(w);
	if (a->dead && a->busy == 0)
		auth_destroy(a);
}

/* Start the plugin; on failure SCS_AUTH with *cause (also kept sticky). */
static enum scs_status
auth_exec_start(struct scs_auth *a, char **cause)
{
	const struct scs_exec_spec	*x = a->t->exec;
	struct core_exec_opts		 o;
	const char			**env;
	char				*info, *spec, *why = NULL;
	size_t				 n = 0, i;
	int				 tty;
	enum scs_status			 st;

	if (x->command == NULL || x->api_version == NULL) {
		/* Only a hand-made target can get here; resolve checks. */
		a->error = scs_xstrdup("exec plugin: no command or apiVersion");
		scs_cause(cause, "%s", a->error);
		return (SCS_AUTH);
	}
	if (scs_streq(x->interactive_mode, "Always") && !a->have_tty) {
		a->error = scs_xprintf("exec plugin \"%s\" needs a terminal "
		    "(interactiveMode Always)", x->command);
		scs_cause(cause, "%s", a->error);
		return (SCS_AUTH);
	}
	tty = a->have_tty && !scs_streq(x->interactive_mode, "Never");
	spec = core_execcred_info(a->t, tty);
	info = scs_xprintf("KUBERNETES_EXEC_INFO=%s", spec);
	free(spec);
	while (x->env != NULL && x->env[n] != NULL)
		n++;
	env = scs_xcalloc(n + 2, sizeof *env);
	for (i = 0; i < n; i++)
		env[i] = x->env[i];
	env[n] = info;
	memset(&o, 0, sizeof o);
	o.command = x->command;
	o.args = (const char *const *)x->args;
	o.env = env;
	o.interactive = tty;
	if (tty && a->tty_cb != NULL)
		a->tty_cb(1, a->tty_arg);
	scs_log_info("auth: running exec plugin %s%s", x->command,
	    tty ? " (interactive)" : "");
	st = core_exec_start(&o, &a->run, &why);
	free(env);
	free(info);
	if (st != SCS_OK) {
		if (tty && a->tty_cb != NULL)
			a->tty_cb(0, a->tty_arg);
		if (st == SCS_NOTFOUND && x->install_hint != NULL)
			a->error = scs_xprintf("exec plugin: %s\n%s", why,
			    x->install_hint);
		else
			a->error = scs_xprintf("exec plugin: %s", why);
		free(why);
		scs_cause(cause, "%s", a->error);
		return (SCS_AUTH);
	}
	a->run_tty = tty;
	if (scs_http_add_fd(a->http, core_exec_stdout_fd(a->run), POLLIN,
	    auth_fd_cb, a) != 0 || (core_exec_stderr_fd(a->run) != -1 &&
	    scs_http_add_fd(a->http, core_exec_stderr_fd(a->run), POLLIN,
	    auth_fd_cb, a) != 0)) {
		auth_exec_stop(a);
		a->error = scs_xprintf("exec plugin \"%s\": cannot watch its "
		    "output", x->command);
		scs_cause(cause, "%s", a->error);
		return (SCS_AUTH);
	}
	a->timeout = scs_http_timer(a->http, AUTH_EXEC_TIMEOUT_MS,
	    auth_timeout_cb, a);
	return (SCS_OK);
}

enum scs_status
scs_auth_get(struct scs_auth *a, struct scs_creds *out, int *pending,
    scs_auth_ready_cb cb, void *arg, char **cause)
{
	const struct scs_target	*t = a->t;
	enum scs_status		 st;

	memset(out, 0, sizeof *out);
	*pending = 0;
	out->cert.data = t->client_cert;
	out->cert.len = t->client_cert_len;
	out->key.data = t->client_key;
	out->key.len = t->client_key_len;
	if (t->username != NULL || t->password != NULL) {
		out->basic_user = t->username != NULL ? t->username : "";
		out->basic_pass = t->password != NULL ? t->password : "";
	}
	if (t->token_file != NULL) {
		if ((st = auth_token_file(a, cause)) != SCS_OK)
			return (st);
		out->bearer = a->file_token;
	} else
		out->bearer = t->token;
	if (t->exec == NULL)
		return (SCS_OK);

	if (a->error != NULL) {
		scs_cause(cause, "%s", a->error);
		return (SCS_AUTH);
	}
	if (a->have_cred && a->cred.expiry >= 0 &&
	    scs_wall_s() >= a->cred.expiry) {
		core_execcred_clear(&a->cred);
		a->have_cred = 0;
	}
	if (a->have_cred) {
		if (a->cred.token != NULL)
			out->bearer = a->cred.token;
		if (a->cred.cert != NULL) {
			out->cert.data = a->cred.cert;
			out->cert.len = a->cred.cert_len;
			out->key.data = a->cred.key;
			out->key.len = a->cred.key_len;
		}
		return (SCS_OK);
	}
	if (a->run == NULL && auth_exec_start(a, cause) != SCS_OK)
		return (SCS_AUTH);
	if (cb != NULL) {
		a->waiters = scs_xreallocarray(a->waiters, a->nwaiters + 1,
		    sizeof *a->waiters);
		a->waiters[a->nwaiters].cb = cb;
		a->waiters[a->nwaiters].arg = arg;
		a->nwaiters++;
	}
	memset(out, 0, sizeof *out);
	*pending = 1;
	return (SCS_OK);
}
