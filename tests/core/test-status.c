/*
 * test-status.c: Status error decoding, summaries, status mapping,
 * JSON depth bound.
 */
#include <stdlib.h>
#include <string.h>

#include "scs/api.h"
#include "../tap.h"

static const char notfound[] =
    "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
    "\"status\":\"Failure\",\"message\":\"clusters.cluster.x-k8s.io \\\"x\\\" "
    "not found\",\"reason\":\"NotFound\",\"details\":{\"name\":\"x\","
    "\"group\":\"cluster.x-k8s.io\",\"kind\":\"clusters\"},\"code\":404}";

static const char invalid[] =
    "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
    "\"message\":\"Cluster.cluster.x-k8s.io \\\"c1\\\" is invalid: "
    "spec.topology.variables[flavor].value: Invalid value\","
    "\"reason\":\"Invalid\",\"details\":{\"name\":\"c1\",\"group\":"
    "\"cluster.x-k8s.io\",\"kind\":\"Cluster\",\"causes\":[{\"reason\":"
    "\"FieldValueInvalid\",\"message\":\"Invalid value\",\"field\":"
    "\"spec.topology.variables[flavor].value\"},{\"reason\":"
    "\"FieldValueRequired\",\"message\":\"Required value\",\"field\":"
    "\"spec.topology.variables\"}]},\"code\":422}";

static const char busy[] =
    "{\"kind\":\"Status\",\"status\":\"Failure\",\"message\":\"try\\nlater\","
    "\"reason\":\"TooManyRequests\",\"details\":{\"retryAfterSeconds\":3},"
    "\"code\":429}";

int
main(void)
{
	struct scs_api_error	*e;
	char			*s, deep[600];
	const char		*w;
	enum scs_status		 st;
	cJSON			*j;
	int			 i;

	e = scs_api_error_parse(notfound, strlen(notfound));
	ok(e != NULL, "404 Status decodes");
	is_int(e->code, 404, "code");
	is_str(e->reason, "NotFound", "reason");
	is_str(e->details_name, "x", "details.name");
	is_str(e->details_kind, "clusters", "details.kind");
	s = scs_api_summary(404, e);
	is_str(s, "clusters.cluster.x-k8s.io \"x\" not found (404 NotFound)",
	    "summary");
	free(s);
	is_int(scs_api_status_for(e->code, e->reason), SCS_NOTFOUND, "maps");
	scs_api_error_free(e);

	e = scs_api_error_parse(invalid, strlen(invalid));
	ok(e != NULL, "422 Status decodes");
	is_int(e->ncauses, 2, "two causes");
	is_str(e->causes[0].field, "spec.topology.variables[flavor].value",
	    "cause field");
	is_str(e->causes[1].reason, "FieldValueRequired", "cause reason");
	is_int(scs_api_status_for(422, e->reason), SCS_INVALID, "422 INVALID");
	scs_api_error_free(e);

	e = scs_api_error_parse(busy, strlen(busy));
	is_int(e->retry_after_s, 3, "retryAfterSeconds");
	s = scs_api_summary(429, e);
	is_str(s, "try later (429 TooManyRequests)", "summary is one line");
	free(s);
	scs_api_error_free(e);

	ok(scs_api_error_parse("<html>Bad Gateway</html>", 24) == NULL,
	    "HTML body is not a Status");
	ok(scs_api_error_parse("{\"kind\":\"Pod\"}", 14) == NULL,
	    "other kinds are not a Status");
	ok(scs_api_error_parse("", 0) == NULL, "empty body");
	s = scs_api_summary(502, NULL);
	is_str(s, "the server returned HTTP 502 (BadGateway)", "synthesised");
	free(s);

	is_int(scs_api_status_for(401, NULL), SCS_AUTH, "401");
	is_int(scs_api_status_for(403, NULL), SCS_FORBIDDEN, "403");
	is_int(scs_api_status_for(409, "AlreadyExists"), SCS_CONFLICT, "409");
	is_int(scs_api_status_for(410, "Expired"), SCS_EXPIRED, "410");
	is_int(scs_api_status_for(500, NULL), SCS_API, "500");
	is_int(scs_api_status_for(200, NULL), SCS_OK, "200");
	is_str(scs_api_reason_for(410), "Gone", "410 Gone (as apimachinery)");
	is_str(scs_api_reason_for(429), "TooManyRequests", "429 reason");
	ok(scs_api_reason_for(299) == NULL, "no reason for 299");

	w = "{\"kind\":\"Status\",\"code\":\"x\",\"reason\":5,"
	    "\"details\":{\"causes\":{\"a\":1}}}";
	e = scs_api_error_parse(w, strlen(w));
	ok(e != NULL && e->code == 0 && e->reason == NULL && e->ncauses == 0,
	    "wrong field types are ignored");
	scs_api_error_free(e);
	{
		char		 m[sizeof invalid];
		unsigned	 k, seed;

		/* Mutated documents must never crash or leak. */
		for (seed = 1; seed <= 3000; seed++) {
			memcpy(m, invalid, sizeof m);
			srand(seed);
			for (k = 0; k < 1 + seed % 4; k++)
				m[(size_t)rand() % (sizeof m - 1)] =
				    "{}[]\":,0a\\"[rand() % 11];
			scs_api_error_free(scs_api_error_parse(m,
			    sizeof m - 1));
		}
		ok(1, "3000 mutated Status documents survived");
	}

	for (i = 0; i < 300; i++) {
		deep[i] = '[';
		deep[599 - i] = ']';
	}
	j = scs_json_parse(deep, sizeof deep, &st);
	ok(j == NULL && st == SCS_LIMIT, "depth 300 -> LIMIT");
	j = scs_json_parse(deep + 180, 240, &st);
	ok(j != NULL && st == SCS_OK, "depth 120 parses");
	cJSON_Delete(j);
	j = scs_json_parse("{\"a\":\"[[[[\"}", 12, &st);
	ok(j != NULL, "brackets in strings do not count");
	cJSON_Delete(j);
	j = scs_json_parse("{nope", 5, &st);
	ok(j == NULL && st == SCS_DECODE, "garbage -> DECODE");
	return (tap_done());
}
