/*
 * status-error.c: decode Kubernetes Status errors, map codes to scs
 * statuses, and build one-line summaries; bounded JSON parsing.
 */
#include <stdlib.h>
#include <string.h>

#include "scs/api.h"
#include "scs/util.h"

#define JSON_MAX_DEPTH	128

/*
 * Cheap pre-scan: nesting of [ and { outside strings. Strings are most of
 * a list page's bytes: jump over them with memchr (a quote is escaped when
 * an odd number of backslashes precede it).
 */
static int
json_depth_ok(const char *s, size_t len)
{
	const char	*p = s, *end = s + len, *q, *b;
	int		 depth = 0;

	while (p < end) {
		switch (*p++) {
		case '"':
			for (;;) {
				if ((q = memchr(p, '"', (size_t)(end - p))) ==
				    NULL)
					return (1);
				for (b = q; b > p && b[-1] == '\\'; b--)
					;
				p = q + 1;
				if ((q - b) % 2 == 0)
					break;
			}
			break;
		case '[':
		case '{':
			if (++depth > JSON_MAX_DEPTH)
				return (0);
			break;
		case ']':
		case '}':
			depth--;
			break;
		}
	}
	return (1);
}

cJSON *
scs_json_parse(const char *s, size_t len, enum scs_status *st)
{
	cJSON	*j;

	if (!json_depth_ok(s, len)) {
		if (st != NULL)
			*st = SCS_LIMIT;
		return (NULL);
	}
	j = cJSON_ParseWithLength(s, len);
	if (st != NULL)
		*st = j != NULL ? SCS_OK : SCS_DECODE;
	return (j);
}

static char *
str_or_null(const cJSON *o, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (cJSON_IsString(v) && v->valuestring != NULL)
		return (scs_xstrdup(v->valuestring));
	return (NULL);
}

struct scs_api_error *
scs_api_error_from_json(const cJSON *j)
{
	struct scs_api_error	*e;
	const cJSON		*kind, *code, *det, *causes, *c, *ra;
	size_t			 n;

	kind = cJSON_GetObjectItemCaseSensitive(j, "kind");
	if (!cJSON_IsString(kind) || strcmp(kind->valuestring, "Status") != 0)
		return (NULL);
	e = scs_xcalloc(1, sizeof *e);
	code = cJSON_GetObjectItemCaseSensitive(j, "code");
	if (cJSON_IsNumber(code))
		e->code = code->valueint;
	e->reason = str_or_null(j, "reason");
	e->message = str_or_null(j, "message");
	det = cJSON_GetObjectItemCaseSensitive(j, "details");
	if (cJSON_IsObject(det)) {
		e->details_name = str_or_null(det, "name");
		e->details_kind = str_or_null(det, "kind");
		ra = cJSON_GetObjectItemCaseSensitive(det, "retryAfterSeconds");
		if (cJSON_IsNumber(ra))
			e->retry_after_s = ra->valueint;
		causes = cJSON_GetObjectItemCaseSensitive(det, "causes");
		n = cJSON_IsArray(causes) ? (size_t)cJSON_GetArraySize(causes) : 0;
		if (n > 0) {
			e->causes = scs_xcalloc(n, sizeof *e->causes);
			cJSON_ArrayForEach(c, causes) {
				if (!cJSON_IsObject(c))
					continue;
				e->causes[e->ncauses].reason =
				    str_or_null(c, "reason");
				e->causes[e->ncauses].message =
				    str_or_null(c, "message");
				e->causes[e->ncauses].field =
				    str_or_null(c, "field");
				e->ncauses++;
			}
		}
	}
	return (e);
}

struct scs_api_error *
scs_api_error_parse(const char *body, size_t len)
{
	cJSON			*j;
	struct scs_api_error	*e;

	if (body == NULL || len == 0)
		return (NULL);
	if ((j = scs_json_parse(body, len, NULL)) == NULL)
		return (NULL);
	e = scs_api_error_from_json(j);
	cJSON_Delete(j);
	return (e);
}

void
scs_api_error_free(struct scs_api_error *e)
{
	size_t	 i;

	if (e == NULL)
		return;
	for (i = 0; i < e->ncauses; i++) {
		free(e->causes[i].reason);
		free(e->causes[i].message);
		free(e->causes[i].field);
	}
	free(e->causes);
	free(e->reason);
	free(e->message);
	free(e->details_name);
	free(e->details_kind);
	free(e);
}

enum scs_status
scs_api_status_for(long code, const char *reason)
{
	if (reason != NULL) {
		if (strcmp(reason, "Expired") == 0 ||
		    strcmp(reason, "Gone") == 0)
			return (SCS_EXPIRED);
		if (strcmp(reason, "Invalid") == 0)
			return (SCS_INVALID);
		if (strcmp(reason, "AlreadyExists") == 0 ||
		    strcmp(reason, "Conflict") == 0)
			return (SCS_CONFLICT);
	}
	switch (code) {
	case 401:
		return (SCS_AUTH);
	case 403:
		return (SCS_FORBIDDEN);
	case 404:
		return (SCS_NOTFOUND);
	case 409:
		return (SCS_CONFLICT);
	case 410:
		return (SCS_EXPIRED);
	case 422:
		return (SCS_INVALID);
	default:
		return (code >= 200 && code < 300 ? SCS_OK : SCS_API);
	}
}

const char *
scs_api_reason_for(long code)
{
	switch (code) {
	case 400: return ("BadRequest");
	case 401: return ("Unauthorized");
	case 403: return ("Forbidden");
	case 404: return ("NotFound");
	case 405: return ("MethodNotAllowed");
	case 406: return ("NotAcceptable");
	case 409: return ("Conflict");
	case 410: return ("Gone");
	case 413: return ("RequestEntityTooLarge");
	case 415: return ("UnsupportedMediaType");
	case 422: return ("Invalid");
	case 429: return ("TooManyRequests");
	case 500: return ("InternalError");
	case 502: return ("BadGateway");
	case 503: return ("ServiceUnavailable");
	case 504: return ("Timeout");
	default: return (NULL);
	}
}

static const char *
code_text(long code)
{
	const char	*r = scs_api_reason_for(code);

	return (r != NULL ? r : "Error");
}

/*
 * One line for the UI: "<message> (<code> <reason>)"; newlines in the
 * server's message become spaces.
 */
char *
scs_api_summary(long code, const struct scs_api_error *e)
{
	char	*s, *p;
	long	 c = e != NULL && e->code != 0 ? e->code : code;

	if (e != NULL && e->message != NULL && *e->message != '\0')
		scs_xasprintf(&s, "%s (%ld %s)", e->message, c,
		    e->reason != NULL ? e->reason : code_text(c));
	else
		scs_xasprintf(&s, "the server returned HTTP %ld (%s)", c,
		    e != NULL && e->reason != NULL ? e->reason : code_text(c));
	for (p = s; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return (s);
}
