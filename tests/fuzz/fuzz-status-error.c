/*
 * fuzz-status-error.c: Status error bodies (non-2xx answers, watch ERROR
 * events) and the bounded JSON parser under them. Checks: the bounded
 * parser agrees with cJSON on what parses (unless it refused the depth),
 * printing and parsing again gives the same text, and one-line summaries are one
 * line whatever the server sent.
 */
#include <string.h>

#include "scs/api.h"
#include "scs/util.h"
#include "fuzz.h"

#define FUZZ_MAX_INPUT	(256 * 1024)

static void
check_summary(long code, const struct scs_api_error *e)
{
	char	*s = scs_api_summary(code, e);

	FUZZ_CHECK(s != NULL && *s != '\0');
	FUZZ_CHECK(strpbrk(s, "\r\n\t") == NULL);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long	 codes[] = { 0, 200, 401, 403, 404, 409, 410,
	    422, 429, 500, 999 };
	struct scs_api_error	*e;
	enum scs_status		 st;
	cJSON			*j, *k, *again;
	char			*text, *t2;
	size_t			 i;

	if (size > FUZZ_MAX_INPUT)
		return (0);
	j = scs_json_parse((const char *)data, size, &st);
	k = cJSON_ParseWithLength((const char *)data, size);
	if (j != NULL) {
		/* Compared as text: cJSON_Compare fails on duplicate keys. */
		FUZZ_CHECK(st == SCS_OK && k != NULL);
		text = cJSON_PrintUnformatted(j);
		t2 = cJSON_PrintUnformatted(k);
		FUZZ_CHECK(scs_streq(text, t2));
		cJSON_free(t2);
		if (text != NULL) {
			again = scs_json_parse(text, strlen(text), NULL);
			FUZZ_CHECK(again != NULL);
			t2 = cJSON_PrintUnformatted(again);
			FUZZ_CHECK(scs_streq(text, t2));
			cJSON_free(t2);
			cJSON_Delete(again);
			cJSON_free(text);
		}
	} else
		FUZZ_CHECK(st == SCS_LIMIT || (st == SCS_DECODE && k == NULL));
	cJSON_Delete(j);
	cJSON_Delete(k);

	e = scs_api_error_parse((const char *)data, size);
	if (e != NULL) {
		for (i = 0; i < e->ncauses; i++)
			(void)e->causes[i].field;
		(void)scs_api_status_for(e->code, e->reason);
	}
	for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		check_summary(codes[i], e);
		(void)scs_api_status_for(codes[i], e != NULL ? e->reason :
		    NULL);
	}
	check_summary(500, NULL);
	scs_api_error_free(e);
	return (0);
}
