/*
 * util.c: allocation wrappers, strings, base64 and time helpers.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>

#include "scs/util.h"

static SCS_NORETURN void
fatal_nomem(size_t n)
{
	fprintf(stderr, "scs: out of memory (allocating %zu bytes)\n", n);
	abort();
}

void *
scs_xmalloc(size_t n)
{
	void	*p;

	if (n == 0) {
		fprintf(stderr, "scs: zero-size allocation\n");
		abort();
	}
	if (n > PTRDIFF_MAX || (p = malloc(n)) == NULL)
		fatal_nomem(n);
	return (p);
}

/*
 * cJSON allocates through scs_xmalloc, so that running out of memory
 * aborts instead of leaving half-built objects; set before main in every
 * program that links libscs.
 */
static void __attribute__((constructor))
json_hooks(void)
{
	cJSON_Hooks	 h = { scs_xmalloc, free };

	cJSON_InitHooks(&h);
}

void *
scs_xcalloc(size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb == 0 || size == 0) {
		fprintf(stderr, "scs: zero-size allocation\n");
		abort();
	}
	if ((p = calloc(nmemb, size)) == NULL)
		fatal_nomem(nmemb * size);
	return (p);
}

void *
scs_xreallocarray(void *old, size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb == 0 || size == 0) {
		fprintf(stderr, "scs: zero-size allocation\n");
		abort();
	}
	if (nmemb > SIZE_MAX / size)
		fatal_nomem(SIZE_MAX);
	if ((p = realloc(old, nmemb * size)) == NULL)
		fatal_nomem(nmemb * size);
	return (p);
}

char *
scs_xstrdup(const char *s)
{
	return (scs_xstrndup(s, strlen(s)));
}

char *
scs_xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len;

	len = strnlen(s, n);
	p = scs_xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return (p);
}

int
scs_xvasprintf(char **ret, const char *fmt, va_list ap)
{
	va_list	 ap2;
	char	 probe[1];
	int	 n;

	if (fmt == NULL)
		abort();
	va_copy(ap2, ap);
	n = vsnprintf(probe, sizeof probe, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		fprintf(stderr, "scs: bad format string\n");
		abort();
	}
	*ret = scs_xmalloc((size_t)n + 1);
	vsnprintf(*ret, (size_t)n + 1, fmt, ap);
	return (n);
}

int
scs_xasprintf(char **ret, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = scs_xvasprintf(ret, fmt, ap);
	va_end(ap);
	return (n);
}

char *
scs_xprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	scs_xvasprintf(&s, fmt, ap);
	va_end(ap);
	return (s);
}

void
scs_cause(char **cause, const char *fmt, ...)
{
	va_list	 ap;

	if (cause == NULL)
		return;
	va_start(ap, fmt);
	scs_xvasprintf(cause, fmt, ap);
	va_end(ap);
}

int
scs_streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == b);
	return (strcmp(a, b) == 0);
}

int
scs_strprefix(const char *s, const char *prefix)
{
	return (strncmp(s, prefix, strlen(prefix)) == 0);
}

int
scs_strsuffix(const char *s, const char *suffix)
{
	size_t	 ls = strlen(s), lx = strlen(suffix);

	return (ls >= lx && strcmp(s + ls - lx, suffix) == 0);
}

size_t
scs_strlcpy(char *dst, const char *src, size_t size)
{
	size_t	 len = strlen(src);

	if (size != 0) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return (len);
}

void
scs_memzero(void *p, size_t n)
{
	volatile unsigned char	*v = p;

	while (n-- != 0)
		*v++ = 0;
}

void
scs_free_secret(char *s)
{
	if (s == NULL)
		return;
	scs_memzero(s, strlen(s));
	free(s);
}

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *
scs_base64_encode(const void *in, size_t len)
{
	const unsigned char	*p = in;
	char			*out, *o;
	size_t			 i;
	unsigned		 v;

	out = o = scs_xmalloc((len + 2) / 3 * 4 + 1);
	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		*o++ = b64[v >> 18 & 63];
		*o++ = b64[v >> 12 & 63];
		*o++ = b64[v >> 6 & 63];
		*o++ = b64[v & 63];
	}
	if (i < len) {
		v = (unsigned)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)p[i + 1] << 8;
		*o++ = b64[v >> 18 & 63];
		*o++ = b64[v >> 12 & 63];
		*o++ = i + 1 < len ? b64[v >> 6 & 63] : '=';
		*o++ = '=';
	}
	*o = '\0';
	return (out);
}

static int
b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return (c - 'A');
	if (c >= 'a' && c <= 'z')
		return (c - 'a' + 26);
	if (c >= '0' && c <= '9')
		return (c - '0' + 52);
	if (c == '+' || c == '-')
		return (62);
	if (c == '/' || c == '_')
		return (63);
	return (-1);
}

enum scs_status
scs_base64_decode(const char *in, size_t len, unsigned char **out,
    size_t *outlen)
{
	unsigned char	*o;
	size_t		 i, n = 0;
	unsigned	 acc = 0;
	int		 bits = 0, v, pad = 0;

	o = scs_xmalloc(len / 4 * 3 + 4);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];

		if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
			continue;
		if (c == '=') {
			pad++;
			continue;
		}
		if (pad != 0 || (v = b64_value(c)) < 0) {
			free(o);
			return (SCS_DECODE);
		}
		acc = acc << 6 | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			o[n++] = (unsigned char)(acc >> bits & 0xff);
		}
	}
	if (bits >= 6 || pad > 2) {
		free(o);
		return (SCS_DECODE);
	}
	o[n] = '\0';
	*out = o;
	*outlen = n;
	return (SCS_OK);
}

int64_t
scs_now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

int64_t
scs_cpu_us(void)
{
	struct timespec	 ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
		return (0);
	return ((int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
}

/*
 * SCS_NOW (RFC 3339, or seconds since the epoch) stops the wall clock at
 * that time for the whole process, console and simulator alike, so that
 * tests see the same ages and timestamps at every run. Read once; any
 * thread may ask first.
 */
#define WALL_UNREAD	INT64_MIN
#define WALL_REAL	(INT64_MIN + 1)

int64_t
scs_wall_s(void)
{
	static _Atomic int64_t	 fixed = WALL_UNREAD;
	int64_t			 t = atomic_load(&fixed);
	const char		*env;
	char			*end;

	if (t == WALL_UNREAD) {
		t = WALL_REAL;
		if ((env = getenv("SCS_NOW")) != NULL && *env != '\0') {
			t = strtoll(env, &end, 10);
			if (*end != '\0' || t < 0)
				t = scs_parse_rfc3339(env);
			if (t < 0)
				t = WALL_REAL;
		}
		atomic_store(&fixed, t);
	}
	return (t != WALL_REAL ? t : (int64_t)time(NULL));
}

/* Days since 1970-01-01 for a proleptic Gregorian date. */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t		 era;
	unsigned	 yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + (int64_t)doe - 719468);
}

int64_t
scs_parse_rfc3339(const char *s)
{
	int	 y, mo, d, h, mi, sec, n = 0, oh, om;
	int64_t	 t;
	char	 sign;

	if (s == NULL || sscanf(s, "%4d-%2d-%2d%*1[Tt ]%2d:%2d:%2d%n",
	    &y, &mo, &d, &h, &mi, &sec, &n) != 6 || n == 0)
		return (-1);
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60 || y < 0)
		return (-1);
	s += n;
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	t = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
	    h * 3600 + mi * 60 + sec;
	if (*s == 'Z' || *s == 'z')
		return (s[1] == '\0' ? t : -1);
	if ((*s == '+' || *s == '-') &&
	    sscanf(s, "%c%2d:%2d", &sign, &oh, &om) == 3 && strlen(s) == 6) {
		t += (sign == '+' ? -1 : 1) * (oh * 3600 + om * 60);
		return (t);
	}
	return (-1);
}

/* Like kubectl's duration.HumanDuration: two units while they matter. */
void
scs_format_age_since(const char *ts, char *out, size_t len)
{
	int64_t	 t = ts != NULL ? scs_parse_rfc3339(ts) : -1;

	if (t > 0)
		scs_format_age(scs_wall_s() - t, out, len);
	else
		scs_strlcpy(out, "-", len);
}

void
scs_format_age(int64_t s, char *out, size_t len)
{
	long long	 m, h, d, y;

	if (s < 0)
		s = 0;
	m = s / 60;
	h = s / 3600;
	d = s / 86400;
	y = d / 365;
	if (s < 120)
		snprintf(out, len, "%llds", (long long)s);
	else if (m < 10 && s % 60 != 0)
		snprintf(out, len, "%lldm%llds", m, (long long)(s % 60));
	else if (m < 3 * 60)
		snprintf(out, len, "%lldm", m);
	else if (h < 8 && m % 60 != 0)
		snprintf(out, len, "%lldh%lldm", h, m % 60);
	else if (h < 48)
		snprintf(out, len, "%lldh", h);
	else if (h < 8 * 24 && h % 24 != 0)
		snprintf(out, len, "%lldd%lldh", d, h % 24);
	else if (d < 2 * 365)
		snprintf(out, len, "%lldd", d);
	else if (y < 8 && d % 365 != 0)
		snprintf(out, len, "%lldy%lldd", y, d % 365);
	else
		snprintf(out, len, "%lldy", y);
}

void
scs_format_rfc3339(int64_t t, char *out, size_t len)
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	gmtime_r(&tt, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

size_t
scs_utf8_put(char *out, unsigned cp)
{
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return (1);
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return (2);
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return (3);
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return (4);
}

char **
scs_strv_dup(const char *const *v)
{
	char	**out;
	size_t	  n = 0, i;

	if (v == NULL)
		return (NULL);
	while (v[n] != NULL)
		n++;
	out = scs_xcalloc(n + 1, sizeof *out);
	for (i = 0; i < n; i++)
		out[i] = scs_xstrdup(v[i]);
	return (out);
}

void
scs_strv_free(char **v)
{
	size_t	 i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

int
scs_invisible_format(unsigned cp)
{
	return (cp == 0x061c || cp == 0x180e ||
	    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0xfeff);
}
