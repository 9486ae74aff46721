/*
 * test-pty.c: end-to-end tests of scs-tui on a real pseudo-terminal.
 * forkpty() runs `scs-tui --demo --view clusters` with TERM=xterm-256color, libvterm plays
 * the terminal, and the checks read its screen: start-up (header, the
 * clusters table), colours (and none with NO_COLOR), resize (TIOCSWINSZ +
 * SIGWINCH), and a clean exit on q, SIGTERM and SIGHUP (status 0,
 * alternate screen left, cursor visible, no process left behind); a
 * resize relayouts without a key and keeps the prompt's text; keys typed
 * before the first screen are applied once it is up (typeahead).
 *
 * Usage: test-pty SCS-TUI. TAP. Every wait has a deadline and the whole
 * run is bounded by an alarm, so a hung program fails, never hangs.
 */
#define _GNU_SOURCE	/* memmem */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <vterm.h>

#define RUN_LIMIT_S	50	/* the whole program (meson: 60) */
#define START_MS	15000	/* first screen with rows (ASan is slow) */
#define EXIT_MS		2000	/* q / SIGTERM / SIGHUP to exit */

struct term {
	pid_t		 pid;
	int		 fd;
	int		 rows, cols;
	VTerm		*vt;
	VTermScreen	*screen;
	int		 altscreen;	/* libvterm's view of the modes */
	int		 cursor_visible;
	int		 eof;
	int		 status;	/* waitpid status once reaped */
	int		 reaped;
	char		*raw;		/* every byte the program wrote */
	size_t		 rawlen, rawcap;
};

static int	 ntests, nfailed;
static pid_t	 running = -1;	/* for the alarm */

static void	ok(int, const char *, ...) __attribute__((format(printf, 2, 3)));
static void	diag(const char *, ...) __attribute__((format(printf, 1, 2)));

static void
ok(int cond, const char *fmt, ...)
{
	va_list	 ap;

	ntests++;
	if (!cond)
		nfailed++;
	printf("%sok %d - ", cond ? "" : "not ", ntests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void
diag(const char *fmt, ...)
{
	va_list	 ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void
on_alarm(int sig)
{
	static const char	 msg[] = "Bail out! test-pty took too long\n";

	(void)sig;
	if (running > 0)
		kill(-running, SIGKILL);
	(void)write(STDOUT_FILENO, msg, sizeof msg - 1);
	_exit(1);
}

static long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000L + ts.tv_nsec / 1000000L);
}

static int
on_termprop(VTermProp prop, VTermValue *val, void *arg)
{
	struct term	*t = arg;

	if (prop == VTERM_PROP_ALTSCREEN)
		t->altscreen = val->boolean;
	else if (prop == VTERM_PROP_CURSORVISIBLE)
		t->cursor_visible = val->boolean;
	return (1);
}

static const VTermScreenCallbacks screen_cbs = {
	.settermprop = on_termprop,
};

/* What the terminal answers (device reports) goes back to the program. */
static void
on_output(const char *s, size_t len, void *arg)
{
	struct term	*t = arg;

	if (t->fd != -1 && !t->eof)
		(void)write(t->fd, s, len);
}

static int	term_start_args(struct term *, const char *, int, int,
		    const char *const *, const char *const *);

static int
term_start(struct term *t, const char *prog, int cols, int rows,
    const char *const *env)
{
	return (term_start_args(t, prog, cols, rows, env, NULL));
}

static int
term_start_args(struct term *t, const char *prog, int cols, int rows,
    const char *const *env, const char *const *extra)
{
	struct winsize	 ws = { .ws_row = (unsigned short)rows,
			    .ws_col = (unsigned short)cols };
	/* The clusters table whatever the persona's start view is. */
	const char	*argv[16] = { prog, "--demo", "--view", "clusters" };
	size_t		 i, n = 4;

	for (i = 0; extra != NULL && extra[i] != NULL && n < 15; i++)
		argv[n++] = extra[i];
	argv[n] = NULL;

	memset(t, 0, sizeof *t);
	t->rows = rows;
	t->cols = cols;
	t->cursor_visible = 1;
	t->vt = vterm_new(rows, cols);
	vterm_set_utf8(t->vt, 1);
	vterm_output_set_callback(t->vt, on_output, t);
	t->screen = vterm_obtain_screen(t->vt);
	vterm_screen_enable_altscreen(t->screen, 1);
	vterm_screen_set_callbacks(t->screen, &screen_cbs, t);
	vterm_screen_reset(t->screen, 1);

	fflush(stdout);
	t->pid = forkpty(&t->fd, NULL, NULL, &ws);
	if (t->pid == -1) {
		diag("forkpty: %s", strerror(errno));
		vterm_free(t->vt);
		return (-1);
	}
	if (t->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("TZ", "UTC", 1);
		unsetenv("NO_COLOR");
		unsetenv("KUBECONFIG");
		unsetenv("COLUMNS");
		unsetenv("LINES");
		for (i = 0; env != NULL && env[i] != NULL; i += 2)
			setenv(env[i], env[i + 1], 1);
		execv(prog, (char *const *)argv);
		fprintf(stderr, "exec %s: %s\n", prog, strerror(errno));
		_exit(127);
	}
	running = t->pid;
	fcntl(t->fd, F_SETFL, fcntl(t->fd, F_GETFL) | O_NONBLOCK);
	return (0);
}

/* Feed what the program wrote within ms to the terminal. */
static void
term_pump(struct term *t, int ms)
{
	struct pollfd	 pfd = { .fd = t->fd, .events = POLLIN };
	char		 buf[16384];
	ssize_t		 n;

	if (t->eof) {
		if (ms > 0)
			poll(NULL, 0, ms);
		return;
	}
	if (poll(&pfd, 1, ms) <= 0)
		return;
	for (;;) {
		n = read(t->fd, buf, sizeof buf);
		if (n > 0) {
			vterm_input_write(t->vt, buf, (size_t)n);
			if (t->rawlen + (size_t)n > t->rawcap) {
				t->rawcap = (t->rawlen + (size_t)n) * 2;
				t->raw = realloc(t->raw, t->rawcap);
				if (t->raw == NULL)
					abort();
			}
			memcpy(t->raw + t->rawlen, buf, (size_t)n);
			t->rawlen += (size_t)n;
			continue;
		}
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			t->eof = 1;	/* EIO: the slave side is closed */
		break;
	}
	vterm_screen_flush_damage(t->screen);
}

/* Row y as UTF-8 text, trailing blanks trimmed. */
static void
term_row(struct term *t, int y, char *out, size_t outlen)
{
	VTermRect	 r = { .start_row = y, .end_row = y + 1,
			    .start_col = 0, .end_col = t->cols };
	size_t		 n;

	n = vterm_screen_get_text(t->screen, out, outlen - 1, r);
	out[n] = '\0';
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\n'))
		out[--n] = '\0';
}

static int
term_has(struct term *t, const char *text)
{
	char	 row[4096];
	int	 y;

	for (y = 0; y < t->rows; y++) {
		term_row(t, y, row, sizeof row);
		if (strstr(row, text) != NULL)
			return (1);
	}
	return (0);
}

static void
term_dump(struct term *t)
{
	char	 row[4096];
	int	 y;

	for (y = 0; y < t->rows; y++) {
		term_row(t, y, row, sizeof row);
		diag("%2d|%s", y, row);
	}
}

/* Rows with text between the header and the last two lines. */
static int
term_body_rows(struct term *t)
{
	char	 row[4096];
	int	 y, n = 0;

	for (y = 2; y < t->rows - 2; y++) {
		term_row(t, y, row, sizeof row);
		if (row[0] != '\0')
			n++;
	}
	return (n);
}

/* Cells with a colour other than the default foreground / background. */
static int
term_coloured_cells(struct term *t)
{
	VTermScreenCell	 c;
	VTermPos	 p;
	int		 n = 0;

	for (p.row = 0; p.row < t->rows; p.row++) {
		for (p.col = 0; p.col < t->cols; p.col++) {
			if (!vterm_screen_get_cell(t->screen, p, &c))
				continue;
			if (!VTERM_COLOR_IS_DEFAULT_FG(&c.fg) ||
			    !VTERM_COLOR_IS_DEFAULT_BG(&c.bg))
				n++;
		}
	}
	return (n);
}

/* One past the right-most column with a visible character, over all rows. */
static int
term_max_col(struct term *t)
{
	VTermScreenCell	 c;
	VTermPos	 p;
	int		 w = 0;

	for (p.row = 0; p.row < t->rows; p.row++) {
		for (p.col = t->cols - 1; p.col >= w; p.col--) {
			if (vterm_screen_get_cell(t->screen, p, &c) &&
			    c.chars[0] != 0 && c.chars[0] != ' ') {
				w = p.col + 1;
				break;
			}
		}
	}
	return (w);
}

static int
started(struct term *t)
{
	char	 head[4096];

	term_row(t, 0, head, sizeof head);
	return (strstr(head, "scs-tui") != NULL &&
	    strstr(head, "ctx:") != NULL && term_has(t, "clusters(") &&
	    term_body_rows(t) >= 5);
}

static int
wait_for(struct term *t, int (*cond)(struct term *), long ms)
{
	long	 end = now_ms() + ms;

	while (!cond(t)) {
		if (now_ms() >= end)
			return (0);
		term_pump(t, 50);
	}
	return (1);
}

/* Wait for the program to exit, draining its output; 0 on timeout. */
static int
term_wait_exit(struct term *t, long ms)
{
	long	 end = now_ms() + ms;
	pid_t	 r;

	for (;;) {
		term_pump(t, 20);
		r = waitpid(t->pid, &t->status, WNOHANG);
		if (r == t->pid) {
			t->reaped = 1;
			running = -1;
			/* What is still in the pty buffer. */
			while (!t->eof)
				term_pump(t, 50);
			return (1);
		}
		if (now_ms() >= end)
			return (0);
	}
}

static void
term_kill(struct term *t)
{
	if (!t->reaped) {
		kill(-t->pid, SIGKILL);
		kill(t->pid, SIGKILL);
		waitpid(t->pid, &t->status, 0);
		t->reaped = 1;
		running = -1;
	}
}

static void
term_free(struct term *t)
{
	term_kill(t);
	close(t->fd);
	vterm_free(t->vt);
	free(t->raw);
}

/* The common end: how it exited and what it left on the terminal. */
static void
check_exit(struct term *t, const char *how)
{
	int	 exited = term_wait_exit(t, EXIT_MS);

	ok(exited, "%s: exits within %d ms", how, EXIT_MS);
	if (!exited) {
		term_kill(t);
		return;
	}
	ok(WIFEXITED(t->status) && WEXITSTATUS(t->status) == 0,
	    "%s: exit status 0 (%s %d)", how, WIFEXITED(t->status) ?
	    "exited" : "signal", WIFEXITED(t->status) ?
	    WEXITSTATUS(t->status) : WTERMSIG(t->status));
	if (!WIFEXITED(t->status) || WEXITSTATUS(t->status) != 0)
		term_dump(t);
	ok(!t->altscreen, "%s: alternate screen left", how);
	ok(t->cursor_visible, "%s: cursor visible again", how);
	/* Its session is gone: no child process (the simulator is a thread). */
	ok(kill(-t->pid, 0) == -1 && errno == ESRCH,
	    "%s: no process left in its session", how);
}

static int
resized(struct term *t)
{
	char	 last[4096];

	term_row(t, t->rows - 1, last, sizeof last);
	return (last[0] != '\0' && term_max_col(t) > 80 &&
	    term_body_rows(t) >= 5);
}

/* Start-up, colours, resize, q. */
static void
test_main(const char *prog)
{
	struct term	 t;
	struct winsize	 ws = { .ws_row = 40, .ws_col = 120 };
	char		 head[4096];
	int		 up;

	if (term_start(&t, prog, 80, 24, NULL) != 0) {
		ok(0, "start %s", prog);
		return;
	}
	up = wait_for(&t, started, START_MS);
	ok(up, "start-up: header with scs-tui and ctx:, clusters table "
	    "with rows");
	if (!up) {
		term_dump(&t);
		term_free(&t);
		return;
	}
	term_row(&t, 0, head, sizeof head);
	diag("header: %s", head);
	ok(t.altscreen, "start-up: on the alternate screen");
	ok(term_coloured_cells(&t) > 0, "colours: %d cells not in the "
	    "default colours", term_coloured_cells(&t));
	ok(term_max_col(&t) <= 80, "fits 80 columns");

	ioctl(t.fd, TIOCSWINSZ, &ws);
	vterm_set_size(t.vt, 40, 120);
	t.rows = 40;
	t.cols = 120;
	kill(t.pid, SIGWINCH);
	ok(wait_for(&t, resized, 5000), "resize to 120x40: relaid out "
	    "(text past column 80, last row drawn)");
	if (!resized(&t))
		term_dump(&t);

	/* q goes back from the clusters table to the home view, then quits. */
	(void)write(t.fd, "qq", 2);
	check_exit(&t, "q");
	term_free(&t);
}

/* NO_COLOR, then an exit by signal. */
static void
test_signal(const char *prog, int sig, const char *name, int no_color)
{
	static const char *const env[] = { "NO_COLOR", "1", NULL };
	struct term	 t;
	int		 up;

	if (term_start(&t, prog, 80, 24, no_color ? env : NULL) != 0) {
		ok(0, "start %s", prog);
		return;
	}
	up = wait_for(&t, started, START_MS);
	ok(up, "%s: started%s", name, no_color ? " with NO_COLOR=1" : "");
	if (!up) {
		term_dump(&t);
		term_free(&t);
		return;
	}
	if (no_color)
		ok(term_coloured_cells(&t) == 0, "NO_COLOR=1: no coloured "
		    "cell (%d)", term_coloured_cells(&t));
	kill(t.pid, sig);
	check_exit(&t, name);
	term_free(&t);
}

static int
tree_of_prod(struct term *t)
{
	return (term_has(t, "Cluster/prod-eu1"));
}

static int
tree_of_legacy(struct term *t)
{
	return (term_has(t, "Cluster/old-test"));
}

/* --mouse: a click selects the row under it, the wheel scrolls. */
static void
test_mouse(const char *prog)
{
	struct term	 t;
	/* SGR (1006) reports, as xterm sends them: press and release of
	 * button 1 at column 5, row 7 (1-based): the third cluster. */
	static const char click[] = "\033[<0;5;7M\033[<0;5;7m";
	static const char wheel[] = "\033[<65;5;7M";

	static const char *const mouse[] = { "--mouse", NULL };

	if (term_start_args(&t, prog, 80, 24, NULL, mouse) != 0) {
		ok(0, "start %s --mouse", prog);
		return;
	}
	if (!wait_for(&t, started, START_MS)) {
		ok(0, "--mouse: started");
		term_dump(&t);
		term_free(&t);
		return;
	}
	(void)write(t.fd, click, sizeof click - 1);
	term_pump(&t, 300);
	(void)write(t.fd, "\r", 1);
	ok(wait_for(&t, tree_of_prod, 5000), "mouse: a click on the third "
	    "row selects prod-eu1 (Enter opens its tree)");
	(void)write(t.fd, "q", 1);	/* back to the table */
	term_pump(&t, 300);
	/* The wheel moves three rows down: prod-eu1 -> old-test. */
	(void)write(t.fd, wheel, sizeof wheel - 1);
	term_pump(&t, 300);
	(void)write(t.fd, "\r", 1);
	ok(wait_for(&t, tree_of_legacy, 5000), "mouse: the wheel scrolls "
	    "three rows");
	kill(t.pid, SIGTERM);
	check_exit(&t, "SIGTERM after mouse");
	term_free(&t);
}

static int
prompt_kept(struct term *t)
{
	char	 last[4096];

	term_row(t, t->rows - 1, last, sizeof last);
	return (strcmp(last, ":abc") == 0);
}

static int
resized_prompt(struct term *t)
{
	return (resized(t) && prompt_kept(t));
}

/* SIGWINCH with no key after it: relaid out at once, the prompt kept. */
static void
test_resize(const char *prog)
{
	struct term	 t;
	struct winsize	 ws = { .ws_row = 40, .ws_col = 120 };
	long		 t0, ms;
	int		 done;

	if (term_start(&t, prog, 80, 24, NULL) != 0) {
		ok(0, "start %s", prog);
		return;
	}
	if (!wait_for(&t, started, START_MS)) {
		ok(0, "resize: started");
		term_dump(&t);
		term_free(&t);
		return;
	}
	(void)write(t.fd, ":abc", 4);
	ok(wait_for(&t, prompt_kept, 3000), "resize: the prompt shows :abc");
	term_pump(&t, 300);
	ioctl(t.fd, TIOCSWINSZ, &ws);
	vterm_set_size(t.vt, 40, 120);
	t.rows = 40;
	t.cols = 120;
	t0 = now_ms();
	kill(t.pid, SIGWINCH);
	done = wait_for(&t, resized_prompt, 3000);
	ms = now_ms() - t0;
	ok(done && ms < 500, "resize without a key: relaid out in %ld ms "
	    "(limit 500 on a loaded machine)", ms);
	ok(prompt_kept(&t), "resize: the prompt keeps :abc");
	if (!done)
		term_dump(&t);
	kill(t.pid, SIGTERM);
	check_exit(&t, "SIGTERM after resize");
	term_free(&t);
}

static int
namespaces_up(struct term *t)
{
	return (term_has(t, "namespaces(") && term_body_rows(t) >= 5);
}

/* Keys typed before the first screen: applied in order once it is up,
 * and the start view (--view clusters) does not replace what they
 * opened. */
static void
test_typeahead(const char *prog)
{
	struct term	 t;
	int		 up;

	if (term_start(&t, prog, 80, 24, NULL) != 0) {
		ok(0, "start %s", prog);
		return;
	}
	(void)write(t.fd, ":namespaces\r", 12);
	up = wait_for(&t, namespaces_up, START_MS);
	ok(up, "typeahead: :namespaces<Enter> typed at start opens the "
	    "namespaces table");
	term_pump(&t, 1000);
	ok(up && namespaces_up(&t) && !term_has(&t, "clusters("),
	    "typeahead: nothing replaces it afterwards");
	if (!up || !namespaces_up(&t))
		term_dump(&t);
	kill(t.pid, SIGTERM);
	check_exit(&t, "SIGTERM after typeahead");
	term_free(&t);
}

/* UTF-8 of cp in out (4 bytes); its length. */
static size_t
utf8(unsigned cp, char *out)
{
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return (2);
	}
	out[0] = (char)(0xe0 | cp >> 12);
	out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[2] = (char)(0x80 | (cp & 0x3f));
	return (3);
}

/* The first bidi control or invisible format character in what the
 * program wrote, or 0. */
static unsigned
raw_bidi(const struct term *t)
{
	static const unsigned	 cps[] = { 0x202a, 0x202b, 0x202c, 0x202d,
	    0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c,
	    0x200b, 0x200c, 0x200d, 0xfeff, 0x2060 };
	char			 enc[4];
	size_t			 i, n;

	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		n = utf8(cps[i], enc);
		if (t->raw != NULL && memmem(t->raw, t->rawlen, enc, n) != NULL)
			return (cps[i]);
	}
	return (0);
}

static int
hostile_row(struct term *t)
{
	return (term_has(t, "hostile"));
}

static int
hostile_tree(struct term *t)
{
	return (term_has(t, "Cluster/hostile"));
}

static int
hostile_describe(struct term *t)
{
	return (term_has(t, "(describe)"));
}

/* The simulator's hostile world on a real terminal: the bytes scs-tui
 * writes carry no bidi control or invisible format character, and the
 * Trojan Source name shows as an escape. */
static void
test_hostile(const char *prog)
{
	static const char *const args[] = { "--demo=hostile", "--context",
	    "tenant-a", "--no-redact", NULL };
	struct term	 t;
	unsigned	 cp;
	int		 i;

	if (term_start_args(&t, prog, 120, 40, NULL, args) != 0) {
		ok(0, "start %s --demo=hostile", prog);
		return;
	}
	if (!wait_for(&t, started, START_MS)) {
		ok(0, "hostile: started");
		term_dump(&t);
		term_free(&t);
		return;
	}
	(void)write(t.fd, "/hostile\r", 9);
	ok(wait_for(&t, hostile_row, 5000), "hostile: the hostile cluster "
	    "listed");
	(void)write(t.fd, "\r", 1);
	ok(wait_for(&t, hostile_tree, 5000), "hostile: its tree");
	term_pump(&t, 500);
	(void)write(t.fd, "\033", 1);
	term_pump(&t, 300);
	(void)write(t.fd, "d", 1);
	ok(wait_for(&t, hostile_describe, 5000), "hostile: its describe");
	for (i = 0; i < 12; i++) {
		(void)write(t.fd, "\006", 1);	/* C-f: the next page */
		term_pump(&t, 150);
	}
	cp = raw_bidi(&t);
	ok(cp == 0, "hostile: no bidi control or invisible format character "
	    "reached the terminal (%s U+%04X)", cp != 0 ? "found" : "none",
	    cp);
	ok(t.raw != NULL && memmem(t.raw, t.rawlen, "<U+202E>", 8) != NULL,
	    "hostile: U+202E shown as <U+202E>");
	kill(t.pid, SIGTERM);
	check_exit(&t, "SIGTERM after hostile");
	term_free(&t);
}

int
main(int argc, char **argv)
{
	struct sigaction	 sa;

	if (argc != 2) {
		fprintf(stderr, "usage: test-pty SCS-TUI\n");
		return (2);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	alarm(RUN_LIMIT_S);

	test_main(argv[1]);
	test_resize(argv[1]);
	test_typeahead(argv[1]);
	test_hostile(argv[1]);
	test_mouse(argv[1]);
	test_signal(argv[1], SIGTERM, "SIGTERM", 1);
	test_signal(argv[1], SIGHUP, "SIGHUP", 0);

	printf("1..%d\n", ntests);
	return (nfailed != 0);
}
