/*
 * http-headers.c: parsing of response header values (Warning,
 * Retry-After) and the retry delay; pure, no I/O.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "core.h"
#include "scs/util.h"

/*
 * Parse one Warning header value: comma-separated warn-values of the form
 * `CODE AGENT "TEXT" [DATE]`. Texts of code 299 are appended to *list
 * (grown, NULL-terminated, caller frees each and the array). Returns the
 * number added. Malformed parts end the parse.
 */
size_t
core_http_parse_warning(const char *v, char ***list, size_t *n)
{
	size_t	 added = 0;
	long	 code;
	char	*end;
	struct scs_buf	 text;

	while (*v != '\0') {
		while (*v == ' ' || *v == '\t' || *v == ',')
			v++;
		if (*v == '\0')
			break;
		code = strtol(v, &end, 10);
		if (end == v || *end != ' ')
			break;
		v = end + 1;
		while (*v != '\0' && *v != ' ')	/* agent */
			v++;
		while (*v == ' ')
			v++;
		if (*v != '"')
			break;
		v++;
		scs_buf_init(&text, 8192);
		while (*v != '\0' && *v != '"') {
			if (*v == '\\' && v[1] != '\0')
				v++;
			if (scs_buf_addc(&text, *v) != SCS_OK)
				break;
			v++;
		}
		if (*v != '"') {
			scs_buf_done(&text);
			break;
		}
		v++;
		while (*v != '\0' && *v != ',')	/* optional date */
			v++;
		if (code == 299) {
			*list = scs_xreallocarray(*list, *n + 2, sizeof **list);
			(*list)[(*n)++] = scs_buf_steal(&text);
			(*list)[*n] = NULL;
			added++;
		} else
			scs_buf_done(&text);
	}
	return (added);
}

/* Retry-After: delta-seconds or an HTTP date; milliseconds, -1 if bad. */
long
core_http_parse_retry_after(const char *v)
{
	char	*end;
	long	 s;
	time_t	 t;

	while (*v == ' ')
		v++;
	if (isdigit((unsigned char)*v)) {
		s = strtol(v, &end, 10);
		if (s < 0 || s > 86400)
			return (-1);
		return (s * 1000);
	}
	t = curl_getdate(v, NULL);
	if (t == -1)
		return (-1);
	s = (long)(t - scs_wall_s());
	return (s < 0 ? 0 : (s > 86400 ? 86400000 : s * 1000));
}

/*
 * Delay before retry number attempt (1 = first retry): Retry-After when
 * given (retry_after_ms >= 0), capped at cap; else base * 2^(attempt-1)
 * capped, with jitter between half and all of it. rnd is any random value.
 */
long
core_http_backoff(int attempt, long retry_after_ms, long base, long cap,
    unsigned rnd)
{
	long	 d = base;
	int	 i;

	if (retry_after_ms >= 0)
		return (retry_after_ms > cap ? cap : retry_after_ms);
	for (i = 1; i < attempt && d < cap; i++)
		d *= 2;
	if (d > cap)
		d = cap;
	return (d / 2 + (long)(rnd % (unsigned long)(d / 2 + 1)));
}

/*
 * The text of one warn-value: `299 - "text" "date"` gives text (quotes and
 * backslash escapes removed); without a quoted text the value is returned
 * trimmed. Caller frees.
 */
char *
core_http_warning_text(const char *v, size_t len)
{
	struct scs_buf	 b;
	const char	*end = v + len, *q;

	scs_buf_init(&b, 0);
	q = memchr(v, '"', len);
	if (q == NULL) {
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		while (end > v && (end[-1] == ' ' || end[-1] == '\t' ||
		    end[-1] == '\r' || end[-1] == '\n'))
			end--;
		scs_buf_add(&b, v, (size_t)(end - v));
		return (scs_buf_steal(&b));
	}
	for (q++; q < end && *q != '"'; q++) {
		if (*q == '\\' && q + 1 < end)
			q++;
		scs_buf_addc(&b, *q);
	}
	return (scs_buf_steal(&b));
}
