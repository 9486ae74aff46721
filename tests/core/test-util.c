/*
 * test-util.c: strings, base64, time parsing and formatting, the
 * injectable wall clock (SCS_NOW), status text, line diffs, JSON merge
 * patches.
 */
#include <sys/wait.h>

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cJSON.h>

#include "scs/util.h"
#include "../tap.h"

static void
b64_roundtrip(const char *in)
{
	char		*enc;
	unsigned char	*dec;
	size_t		 n;

	enc = scs_base64_encode(in, strlen(in));
	ok(scs_base64_decode(enc, strlen(enc), &dec, &n) == SCS_OK &&
	    n == strlen(in) && memcmp(dec, in, n) == 0,
	    "base64 round trip of '%s' (%s)", in, enc);
	free(enc);
	free(dec);
}

/*
 * In a child with SCS_NOW=env (NULL: unset): scs_wall_s() and the age
 * of 2026-01-02T03:00:00Z, as "SECONDS AGE" in out.
 */
static void
clock_with(const char *env, char *out, size_t len)
{
	char	 buf[64];
	int	 p[2];
	ssize_t	 n;
	pid_t	 pid;

	out[0] = '\0';
	if (pipe(p) == -1 || (pid = fork()) == -1)
		return;
	if (pid == 0) {
		close(p[0]);
		if (env != NULL)
			setenv("SCS_NOW", env, 1);
		else
			unsetenv("SCS_NOW");
		scs_format_age_since("2026-01-02T03:00:00Z", buf, sizeof buf);
		dprintf(p[1], "%lld %s", (long long)scs_wall_s(), buf);
		_exit(0);
	}
	close(p[1]);
	n = read(p[0], out, len - 1);
	out[n > 0 ? n : 0] = '\0';
	close(p[0]);
	waitpid(pid, NULL, 0);
}

static void
test_clock(void)
{
	char		 got[64];
	long long	 t;

	clock_with("2026-01-02T03:04:05Z", got, sizeof got);
	is_str(got, "1767323045 4m5s", "SCS_NOW in RFC 3339 stops the clock");
	clock_with("1767330000", got, sizeof got);
	is_str(got, "1767330000 120m", "SCS_NOW in epoch seconds");
	clock_with("soon", got, sizeof got);
	t = strtoll(got, NULL, 10);
	ok(t >= (long long)time(NULL) - 5 && t <= (long long)time(NULL) + 5,
	    "a malformed SCS_NOW leaves the real clock (%s)", got);
	clock_with(NULL, got, sizeof got);
	t = strtoll(got, NULL, 10);
	ok(t >= (long long)time(NULL) - 5 && t <= (long long)time(NULL) + 5,
	    "without SCS_NOW the real clock (%s)", got);
}

/* scs_cpu_us: the thread's CPU time moves while it computes, not while
 * it sleeps (the bench tells a key's cost from its wait by it). */
static void
test_cpu_clock(void)
{
	struct timespec		 ts = { 0, 50 * 1000 * 1000 };
	int64_t			 c0, c1, end;
	volatile unsigned	 x = 0;

	c0 = scs_cpu_us();
	end = scs_now_ms() + 10000;
	while ((c1 = scs_cpu_us()) - c0 < 2000 && scs_now_ms() < end)
		x += 1;
	(void)x;	/* work, only (clang: set but not used) */
	ok(c0 > 0 && c1 - c0 >= 2000, "thread CPU time moves with work "
	    "(%lld us)", (long long)(c1 - c0));
	nanosleep(&ts, NULL);
	ok(scs_cpu_us() - c1 < 25000, "a 50 ms sleep is not CPU time "
	    "(%lld us)", (long long)(scs_cpu_us() - c1));
}

/*
 * cJSON allocates through scs_xmalloc: a request no allocator can meet
 * ends the child with our message and SIGABRT (cJSON's own malloc
 * would return NULL).
 */
static void
test_json_hooks(void)
{
	char	 buf[256];
	int	 p[2], status = 0;
	ssize_t	 n;
	pid_t	 pid;

	if (pipe(p) == -1 || (pid = fork()) == -1) {
		skip("no pipe or fork");
		return;
	}
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], 2);
		if (cJSON_malloc((size_t)PTRDIFF_MAX + 1) == NULL)
			_exit(3);
		_exit(4);
	}
	close(p[1]);
	n = read(p[0], buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	close(p[0]);
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT &&
	    strstr(buf, "scs: out of memory") != NULL,
	    "cJSON out of memory aborts through scs_xmalloc (%s)", buf);
}

int
main(void)
{
	unsigned char	*dec;
	size_t		 n;
	char		 buf[64];

	test_clock();	/* first: the clock is read once, forks inherit it */
	test_json_hooks();
	test_cpu_clock();
	b64_roundtrip("");
	b64_roundtrip("a");
	b64_roundtrip("ab");
	b64_roundtrip("abc");
	b64_roundtrip("hello, world\n");
	ok(scs_base64_decode("aGVs\nbG8=", 9, &dec, &n) == SCS_OK &&
	    n == 5 && memcmp(dec, "hello", 5) == 0, "decode skips newlines");
	free(dec);
	ok(scs_base64_decode("aGVsbG8", 7, &dec, &n) == SCS_OK && n == 5,
	    "decode accepts missing padding");
	free(dec);
	ok(scs_base64_decode("a$b", 3, &dec, &n) == SCS_DECODE,
	    "decode rejects bad characters");
	ok(scs_base64_decode("aGVs=bG8", 8, &dec, &n) == SCS_DECODE,
	    "decode rejects data after padding");

	is_int(scs_parse_rfc3339("1970-01-01T00:00:00Z"), 0, "epoch");
	is_int(scs_parse_rfc3339("2026-11-25T01:02:03Z"), 1795568523,
	    "a date");
	is_int(scs_parse_rfc3339("2026-11-25T01:02:03.123456Z"), 1795568523,
	    "fractions ignored");
	is_int(scs_parse_rfc3339("2026-11-25T02:02:03+01:00"), 1795568523,
	    "offset");
	is_int(scs_parse_rfc3339("2026-13-25T01:02:03Z"), -1, "bad month");
	is_int(scs_parse_rfc3339("yesterday"), -1, "garbage");
	is_int(scs_parse_rfc3339(NULL), -1, "NULL");
	scs_format_rfc3339(1795568523, buf, sizeof buf);
	is_str(buf, "2026-11-25T01:02:03Z", "format rfc3339");

	scs_format_age_since(NULL, buf, sizeof buf);
	is_str(buf, "-", "age since nothing");
	scs_format_age_since("not a time", buf, sizeof buf);
	is_str(buf, "-", "age since a malformed time");
	scs_format_age_since("2000-01-01T00:00:00Z", buf, sizeof buf);
	ok(buf[0] >= '1' && buf[0] <= '9' && strchr(buf, 'y') != NULL,
	    "age since 2000 is years: %s", buf);
	scs_format_age(5, buf, sizeof buf);
	is_str(buf, "5s", "age seconds");
	scs_format_age(185, buf, sizeof buf);
	is_str(buf, "3m5s", "age minutes and seconds");
	scs_format_age(3600 * 5 + 60 * 10, buf, sizeof buf);
	is_str(buf, "5h10m", "age hours");
	scs_format_age(86400 * 30, buf, sizeof buf);
	is_str(buf, "30d", "age days");
	scs_format_age(86400 * 5, buf, sizeof buf);
	is_str(buf, "5d", "whole days drop the hours");
	scs_format_age(3600 * 3, buf, sizeof buf);
	is_str(buf, "3h", "whole hours drop the minutes");
	scs_format_age(86400 * 800, buf, sizeof buf);
	is_str(buf, "2y70d", "years and days");
	scs_format_age(-4, buf, sizeof buf);
	is_str(buf, "0s", "negative age clamps");

	ok(scs_streq(NULL, NULL) && !scs_streq("a", NULL) &&
	    scs_streq("a", "a"), "streq is NULL-safe");
	ok(scs_strprefix("cluster.x-k8s.io", "cluster.") &&
	    !scs_strprefix("cl", "cluster"), "prefix");
	ok(scs_strsuffix("a-kubeconfig", "-kubeconfig") &&
	    !scs_strsuffix("g", "-kubeconfig"), "suffix");
	is_str(scs_strerror(SCS_NOTFOUND), "not found", "strerror");
	is_str(scs_status_name(SCS_CONFLICT), "CONFLICT", "status name");
	is_str(scs_strerror((enum scs_status)999), "unknown error",
	    "strerror out of range");
	{
		size_t	 ch;
		char	*d;

		d = scs_diff_lines("a\nb\nc\nd\ne\nf\ng\nh\n",
		    "a\nb\nc\nD\ne\nf\ng\nh\n", 1, &ch);
		is_str(d, "@@ -3,3 +3,3 @@\n c\n-d\n+D\n e\n",
		    "diff: one changed line with one line of context");
		is_int((int)ch, 2, "diff: two lines changed");
		free(d);
		d = scs_diff_lines("x\n", "x\n", 3, &ch);
		is_str(d, "", "diff: the same texts");
		is_int((int)ch, 0, "diff: nothing changed");
		free(d);
		d = scs_diff_lines("a\nb\n", "a\nb\nc\n", 3, NULL);
		is_str(d, "@@ -1,2 +1,3 @@\n a\n b\n+c\n", "diff: a line added");
		free(d);
		d = scs_diff_lines("1\n2\n3\n4\n5\n6\n7\n8\n9\n",
		    "0\n2\n3\n4\n5\n6\n7\n8\n0\n", 1, NULL);
		is_str(d, "@@ -1,2 +1,2 @@\n-1\n+0\n 2\n@@ -8,2 +8,2 @@\n 8\n"
		    "-9\n+0\n", "diff: two hunks apart");
		free(d);
	}
	{
		/* Merge patches: made from two objects, applied to a third
		 * (a newer version another writer changed). */
		cJSON	*a = cJSON_Parse("{\"m\":{\"n\":\"x\",\"rv\":\"1\","
			    "\"l\":{\"k\":\"v\"}},\"s\":{\"r\":3,\"l\":[1,2]},"
			    "\"z\":1}");
		cJSON	*b = cJSON_Parse("{\"m\":{\"n\":\"x\",\"rv\":\"1\","
			    "\"l\":{}},\"s\":{\"r\":5,\"l\":[1,2,3],"
			    "\"new\":{\"q\":true}},\"z\":1}");
		cJSON	*c = cJSON_Parse("{\"m\":{\"n\":\"x\",\"rv\":\"2\","
			    "\"l\":{\"k\":\"v\",\"o\":\"w\"}},\"s\":{\"r\":3,"
			    "\"l\":[1,2]},\"z\":1,\"st\":0}");
		cJSON	*p = scs_json_merge_diff(a, b);
		char	*t = cJSON_PrintUnformatted(p);

		is_str(t, "{\"m\":{\"l\":{\"k\":null}},\"s\":{\"r\":5,"
		    "\"l\":[1,2,3],\"new\":{\"q\":true}}}",
		    "merge diff: removed null, changed and new members");
		free(t);
		ok(scs_json_merge_diff(a, a) == NULL, "merge diff: equal is NULL");
		c = scs_json_merge_apply(c, p);
		t = cJSON_PrintUnformatted(c);
		is_str(t, "{\"m\":{\"n\":\"x\",\"rv\":\"2\",\"l\":{\"o\":"
		    "\"w\"}},\"s\":{\"r\":5,\"l\":[1,2,3],\"new\":{\"q\":"
		    "true}},\"z\":1,\"st\":0}",
		    "merge apply: the other writer's changes stay, in place");
		free(t);
		cJSON_Delete(p);
		cJSON_Delete(a);
		cJSON_Delete(b);
		cJSON_Delete(c);
	}
	return (tap_done());
}
