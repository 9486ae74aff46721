/*
 * fuzz-http-headers.c: response header values a server chooses: Warning
 * (kubectl-style 299 warnings shown in the UI) and Retry-After, and the
 * retry delay computed from them. Checks: warning lists are
 * NULL-terminated and counted right, delays stay within their caps.
 */
#include <string.h>

#include "core.h"
#include "scs/util.h"
#include "fuzz.h"

#define FUZZ_MAX_INPUT	(64 * 1024)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*v, **list = NULL, *t;
	size_t	 n = 0, added, i;
	long	 ra, d;
	int	 attempt;

	if (size > FUZZ_MAX_INPUT)
		return (0);
	v = scs_xstrndup((const char *)data, size);
	added = core_http_parse_warning(v, &list, &n);
	FUZZ_CHECK(added == n);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(list[i] != NULL);
	FUZZ_CHECK(n == 0 || list[n] == NULL);
	/* A second header appends. */
	added = core_http_parse_warning(v, &list, &n);
	FUZZ_CHECK(n == 2 * added);
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);

	t = core_http_warning_text((const char *)data, size);
	FUZZ_CHECK(t != NULL && strlen(t) <= size);
	free(t);

	ra = core_http_parse_retry_after(v);
	FUZZ_CHECK(ra == -1 || (ra >= 0 && ra <= 86400000));
	for (attempt = 1; attempt <= 40; attempt += 13) {
		d = core_http_backoff(attempt, ra, 500, 30000,
		    size > 0 ? data[0] * 2654435761u : 0);
		FUZZ_CHECK(d >= 0 && d <= 30000);
	}
	free(v);
	return (0);
}
