/*
 * tap.h: a tiny TAP producer for unit tests (meson protocol: 'tap').
 *
 *	ok(cond, "name %d", i);
 *	is_str(got, want, "name");
 *	is_int(got, want, "name");
 *	skip_all("why");		-- prints "1..0 # SKIP why", exits 0
 *	return (tap_done());		-- prints the plan, exit status
 *
 * Header-only: each test program includes it once.
 */
#ifndef SCS_TAP_H
#define SCS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int	tap_n, tap_failed;

static int __attribute__((format(printf, 2, 3), unused))
ok(int cond, const char *fmt, ...)
{
	va_list	 ap;

	char	*msg = NULL, *p;
	int	 len;

	tap_n++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len >= 0 && (msg = malloc((size_t)len + 1)) != NULL) {
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)len + 1, fmt, ap);
		va_end(ap);
	}
	/* A name spanning lines (a screen, a decoded string): the lines
	 * after the first are TAP comments, so a harness reads them as
	 * such and a human still sees them. */
	for (p = msg; p != NULL && *p != '\0'; p++) {
		if (*p == '\n')
			fputs(p[1] != '\0' ? "\n# " : "", stdout);
		else
			putchar(*p);
	}
	free(msg);
	printf("\n");
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return (cond);
}

static void __attribute__((format(printf, 1, 2), unused))
diag(const char *fmt, ...)
{
	va_list	 ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

#define is_str(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int c_ = (g_ == NULL || w_ == NULL) ? g_ == w_ :		\
	    strcmp(g_, w_) == 0;					\
	if (!ok(c_, __VA_ARGS__))					\
		diag("  got: '%s'\n#  want: '%s'", g_ ? g_ : "(null)",	\
		    w_ ? w_ : "(null)");				\
} while (0)

#define is_int(got, want, ...) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (!ok(g_ == w_, __VA_ARGS__))					\
		diag("  got: %lld, want: %lld", g_, w_);		\
} while (0)

static void __attribute__((noreturn, unused))
skip_all(const char *why)
{
	printf("1..0 # SKIP %s\n", why);
	exit(0);
}

/* One skipped test point. */
static void __attribute__((unused, format(printf, 1, 2)))
skip(const char *fmt, ...)
{
	va_list	 ap;

	printf("ok %d # SKIP ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static int __attribute__((unused))
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return (tap_failed != 0);
}

/* The whole of file path (NUL-terminated; *len its length when len is
 * not NULL), or NULL. Caller frees. */
static __attribute__((unused)) char *
tap_slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "r");
	char	*s = NULL, *t;
	size_t	 n = 0, cap = 0, r;

	if (f == NULL)
		return (NULL);
	do {
		if (cap - n < 4097) {
			cap = cap * 2 + 8192;
			if ((t = realloc(s, cap)) == NULL) {
				free(s);
				fclose(f);
				return (NULL);
			}
			s = t;
		}
		r = fread(s + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	fclose(f);
	s[n] = '\0';
	if (len != NULL)
		*len = n;
	return (s);
}

/* Path of a shared fixture, or NULL when the fixtures folder is absent. */
static __attribute__((unused)) char *
tap_fixture(const char *rel)
{
	const char	*dir = getenv("SCS_FIXTURES");
	static char	 path[4096];
	FILE		*f;

	if (dir == NULL)
		return (NULL);
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	if ((f = fopen(path, "r")) == NULL)
		return (NULL);
	fclose(f);
	return (path);
}

#endif
