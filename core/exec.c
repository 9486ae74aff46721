/*
 * exec.c: start a credential plugin as a child process (no shell) and
 * collect its output through non-blocking pipes. The caller owns the
 * waiting (poll or the scs_http loop); nothing here blocks on the child.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "scs/util.h"

#define EXEC_MAX_STDOUT	(1024 * 1024)
#define EXEC_MAX_STDERR	(8 * 1024)
#define EXEC_MAX_CLOSE	65536	/* fds closed in the child: 3 .. this */

extern char **environ;

struct core_exec {
	pid_t		 pid;		/* -1 once reaped */
	int		 wstatus;
	int		 interactive;
	int		 out_fd;
	int		 err_fd;
	struct scs_buf	 out;
	struct scs_buf	 err;
	size_t		 max_err;
};

/* Find command in $PATH like execvp would; the result is the caller's. */
static char *
exec_lookup(const char *command)
{
	const char	*path, *p, *end;
	char		*try;
	struct stat	 sb;

	if (strchr(command, '/') != NULL) {
		if (stat(command, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    access(command, X_OK) == 0)
			return (scs_xstrdup(command));
		return (NULL);
	}
	if ((path = getenv("PATH")) == NULL)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p = end + 1) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		if (end == p)
			try = scs_xprintf("./%s", command);
		else
			try = scs_xprintf("%.*s/%s", (int)(end - p), p,
			    command);
		if (stat(try, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    access(try, X_OK) == 0)
			return (try);
		free(try);
		if (*end == '\0')
			return (NULL);
	}
}

/* environ with add applied (same NAME replaced); array is the caller's,
 * the strings are borrowed. */
static const char **
exec_environ(const char *const *add)
{
	const char	**env;
	size_t		  n = 0, nadd = 0, i, j, k, len;

	while (environ[n] != NULL)
		n++;
	while (add != NULL && add[nadd] != NULL)
		nadd++;
	env = scs_xcalloc(n + nadd + 1, sizeof *env);
	k = 0;
	for (i = 0; i < n; i++) {
		for (j = 0; j < nadd; j++) {
			len = strcspn(add[j], "=");
			if (strncmp(environ[i], add[j], len) == 0 &&
			    environ[i][len] == '=')
				break;
		}
		if (j == nadd)
			env[k++] = environ[i];
	}
	for (j = 0; j < nadd; j++)
		env[k++] = add[j];
	env[k] = NULL;
	return (env);
}

static int
exec_nonblock(int fd)
{
	int	 flags;

	if ((flags = fcntl(fd, F_GETFL)) == -1)
		return (-1);
	return (fcntl(fd, F_SETFL, flags | O_NONBLOCK));
}

/* In the child, after fork: only async-signal-safe calls from here on. */
static SCS_NORETURN void
exec_child(const struct core_exec_opts *o, const char *path,
    char *const *argv, char *const *envp, int out[2], int err[2],
    int report)
{
	sigset_t	 set;
	long		 max;
	int		 e, null, fd;

	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	if (!o->interactive) {
		setpgid(0, 0);
		if ((null = open("/dev/null", O_RDONLY)) == -1 ||
		    dup2(null, STDIN_FILENO) == -1)
			goto fail;
		if (dup2(err[1], STDERR_FILENO) == -1)
			goto fail;
	}
	if (dup2(out[1], STDOUT_FILENO) == -1)
		goto fail;
	/* The plugin gets none of our fds (curl sockets, the log, ...). */
	if ((max = sysconf(_SC_OPEN_MAX)) < 0 || max > EXEC_MAX_CLOSE)
		max = EXEC_MAX_CLOSE;
	for (fd = STDERR_FILENO + 1; fd < max; fd++) {
		if (fd != report)
			close(fd);
	}
	execve(path, argv, envp);
fail:
	e = errno;
	(void)!write(report, &e, sizeof e);
	_exit(127);
}

enum scs_status
core_exec_start(const struct core_exec_opts *o, struct core_exec **outp,
    char **cause)
{
	struct core_exec	 *x;
	char			 *path;
	const char		**argv, **envp;
	size_t			  nargs = 0, i;
	int			  out[2] = { -1, -1 }, err[2] = { -1, -1 };
	int			  rep[2] = { -1, -1 }, e;
	ssize_t			  n;
	pid_t			  pid;

	*outp = NULL;
	if ((path = exec_lookup(o->command)) == NULL) {
		scs_cause(cause, "%s: command not found", o->command);
		return (SCS_NOTFOUND);
	}
	while (o->args != NULL && o->args[nargs] != NULL)
		nargs++;
	argv = scs_xcalloc(nargs + 2, sizeof *argv);
	argv[0] = o->command;
	for (i = 0; i < nargs; i++)
		argv[i + 1] = o->args[i];
	envp = exec_environ(o->env);

	if (pipe(out) == -1 || (!o->interactive && pipe(err) == -1) ||
	    pipe(rep) == -1)
		goto syserr;
	if (fcntl(rep[1], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(rep[0], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(out[0], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(out[1], F_SETFD, FD_CLOEXEC) == -1 ||
	    (err[0] != -1 && fcntl(err[0], F_SETFD, FD_CLOEXEC) == -1) ||
	    (err[1] != -1 && fcntl(err[1], F_SETFD, FD_CLOEXEC) == -1))
		goto syserr;
	if ((pid = fork()) == -1)
		goto syserr;
	if (pid == 0) {
		/* The casts: execve takes char *const[] for historic reasons. */
		exec_child(o, path, (char *const *)(void *)argv,
		    (char *const *)(void *)envp, out, err, rep[1]);
	}
	if (!o->interactive)
		setpgid(pid, pid);	/* both sides, against the race */
	close(out[1]);
	if (err[1] != -1)
		close(err[1]);
	close(rep[1]);
	out[1] = err[1] = rep[1] = -1;

	/* Wait for exec to happen or fail: the report pipe closes on exec. */
	do
		n = read(rep[0], &e, sizeof e);
	while (n == -1 && errno == EINTR);
	close(rep[0]);
	free(path);
	free(argv);
	free(envp);

	x = scs_xcalloc(1, sizeof *x);
	x->pid = pid;
	x->interactive = o->interactive;
	x->out_fd = out[0];
	x->err_fd = err[0];
	scs_buf_init(&x->out, o->max_stdout != 0 ? o->max_stdout :
	    EXEC_MAX_STDOUT);
	x->max_err = o->max_stderr != 0 ? o->max_stderr : EXEC_MAX_STDERR;
	scs_buf_init(&x->err, 0);
	if (n == (ssize_t)sizeof e) {
		core_exec_free(x);
		scs_cause(cause, "%s: %s", o->command, strerror(e));
		return (e == ENOENT || e == EACCES ? SCS_NOTFOUND : SCS_IO);
	}
	if (exec_nonblock(x->out_fd) == -1 ||
	    (x->err_fd != -1 && exec_nonblock(x->err_fd) == -1)) {
		e = errno;
		core_exec_free(x);
		scs_cause(cause, "%s: %s", o->command, strerror(e));
		return (SCS_IO);
	}
	*outp = x;
	return (SCS_OK);

syserr:
	e = errno;
	for (i = 0; i < 2; i++) {
		if (out[i] != -1)
			close(out[i]);
		if (err[i] != -1)
			close(err[i]);
		if (rep[i] != -1)
			close(rep[i]);
	}
	free(path);
	free(argv);
	free(envp);
	scs_cause(cause, "%s: %s", o->command, strerror(e));
	return (SCS_IO);
}

int
core_exec_stdout_fd(const struct core_exec *x)
{
	return (x->out_fd);
}

int
core_exec_stderr_fd(const struct core_exec *x)
{
	return (x->err_fd);
}

pid_t
core_exec_pid(const struct core_exec *x)
{
	return (x->pid);
}

enum scs_status
core_exec_read(struct core_exec *x, int fd)
{
	char		 chunk[4096];
	ssize_t		 n;
	int		*fdp;
	size_t		 room;

	if (fd == -1)
		return (SCS_OK);
	if (fd == x->out_fd)
		fdp = &x->out_fd;
	else if (fd == x->err_fd)
		fdp = &x->err_fd;
	else
		return (SCS_IO);
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return (SCS_OK);
		if (n <= 0) {
			close(fd);
			*fdp = -1;
			return (n == 0 ? SCS_OK : SCS_IO);
		}
		if (fdp == &x->out_fd) {
			if (scs_buf_add(&x->out, chunk, (size_t)n) != SCS_OK) {
				close(fd);
				*fdp = -1;
				return (SCS_LIMIT);
			}
		} else {
			/* Keep the start (that is where the message is),
			 * drain the rest so the child never blocks. */
			room = x->max_err - x->err.len;
			if (room > 0)
				scs_buf_add(&x->err, chunk, (size_t)n < room ?
				    (size_t)n : room);
		}
	}
}

int
core_exec_eof(const struct core_exec *x)
{
	return (x->out_fd == -1 && x->err_fd == -1);
}

int
core_exec_reap(struct core_exec *x, int *wstatus)
{
	pid_t	 r;

	if (x->pid != -1) {
		do
			r = waitpid(x->pid, &x->wstatus, WNOHANG);
		while (r == -1 && errno == EINTR);
		if (r == 0)
			return (0);
		if (r == -1)
			x->wstatus = 0;	/* reaped elsewhere (ECHILD) */
		x->pid = -1;
	}
	if (wstatus != NULL)
		*wstatus = x->wstatus;
	return (1);
}

void
core_exec_kill(struct core_exec *x)
{
	pid_t	 r;

	if (x->out_fd != -1)
		close(x->out_fd);
	if (x->err_fd != -1)
		close(x->err_fd);
	x->out_fd = x->err_fd = -1;
	if (x->pid == -1)
		return;
	if (!x->interactive)
		kill(-x->pid, SIGKILL);
	kill(x->pid, SIGKILL);
	/* SIGKILL cannot be caught: this wait is short. */
	do
		r = waitpid(x->pid, &x->wstatus, 0);
	while (r == -1 && errno == EINTR);
	x->pid = -1;
}

const char *
core_exec_stdout(const struct core_exec *x, size_t *len)
{
	if (len != NULL)
		*len = x->out.len;
	return (x->out.data != NULL ? x->out.data : "");
}

const char *
core_exec_stderr(const struct core_exec *x, size_t *len)
{
	if (len != NULL)
		*len = x->err.len;
	return (x->err.data != NULL ? x->err.data : "");
}

void
core_exec_free(struct core_exec *x)
{
	if (x == NULL)
		return;
	core_exec_kill(x);
	if (x->out.data != NULL)
		scs_memzero(x->out.data, x->out.cap);
	scs_buf_done(&x->out);
	scs_buf_done(&x->err);
	free(x);
}
