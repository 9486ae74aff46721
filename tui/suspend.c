/*
 * suspend.c: run a program on the terminal with the console's screen
 * suspended, the one way :shell, the editor of :edit and the plugins
 * leave the screen and come back (tui.h, app_run_child).
 *
 * The screen's mode is saved and curses ends (endwin: the terminal is
 * the user's again), the child is forked with the extra environment
 * set and waited for (C-c and C-\ are the child's meanwhile, as with
 * system(3)), then, if asked, "press Enter" is shown and a line
 * read, and the screen comes back whole (everything redrawn). The
 * console's own loop does not run meanwhile, as with kubectl edit.
 * Headless (--no-display) nothing of the screen is touched and no key
 * is waited for.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scs/log.h"
#include "tui.h"

int
app_run_child(struct app *a, char *const argv[], char *const env[],
    int pause)
{
	struct sigaction	 ign, oint, oquit;
	pid_t			 pid;
	int			 st = -1, display = !a->opts->no_display, c;
	size_t			 i;
	char			*eq;

	if (display) {
		def_prog_mode();
		endwin();
	}
	fflush(stdout);
	/* As system(3): C-c and C-\ are the program's while it runs, not
	 * the console's. */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	if ((pid = fork()) == 0) {
		for (i = 0; env != NULL && env[i] != NULL; i++) {
			if ((eq = strchr(env[i], '=')) == NULL)
				continue;
			*eq = '\0';
			setenv(env[i], eq + 1, 1);
		}
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		fprintf(stderr, "scs-tui: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	else
		scs_log(SCS_LOG_WARN, "fork for %s: %s", argv[0],
		    strerror(errno));
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	if (display && pause) {
		printf("\n[%s exited %d: press Enter to return to scs-tui]",
		    argv[0], pid > 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		fflush(stdout);
		while ((c = getchar()) != EOF && c != '\n')
			;
		clearerr(stdin);
	}
	if (display) {
		reset_prog_mode();
		clearok(curscr, TRUE);
		refresh();
	}
	a->dirty = 1;
	return (pid > 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

int
app_temp_file(const char *stem, const char *suffix, const void *data,
    size_t len, char *path, size_t pathlen)
{
	const char	*tmpdir = getenv("TMPDIR");
	char		 safe[128];
	size_t		 i;
	int		 fd, sfx = (int)strlen(suffix);

	/* The stem names the object: no '/' or dot-dot in a file name. */
	for (i = 0; stem[i] != '\0' && i < sizeof safe - 1; i++)
		safe[i] = stem[i] == '/' || stem[i] == '.' ? '-' : stem[i];
	safe[i] = '\0';
	if ((size_t)snprintf(path, pathlen, "%s/scs-tui-%s-XXXXXX%s",
	    tmpdir != NULL && *tmpdir != '\0' ? tmpdir : "/tmp", safe,
	    suffix) >= pathlen) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	if ((fd = mkstemps(path, sfx)) < 0)
		return (-1);
	if (fchmod(fd, 0600) != 0 || write(fd, data, len) != (ssize_t)len) {
		int	 e = errno;

		close(fd);
		unlink(path);
		errno = e != 0 ? e : EIO;
		return (-1);
	}
	return (close(fd));
}
