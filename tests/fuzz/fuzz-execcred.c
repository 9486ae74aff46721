/*
 * fuzz-execcred.c: an exec credential plugin's stdout (ExecCredential
 * JSON), parsed for both API versions. Checks: failures leave nothing
 * behind and say why; successes hold a token or a certificate and key
 * with their lengths, and an expiry that is -1 or a time.
 */
#include <string.h>

#include "core.h"
#include "fuzz.h"

#define FUZZ_MAX_INPUT	(256 * 1024)

static void
one(const uint8_t *data, size_t size, const char *version)
{
	struct core_execcred	 c;
	char			*cause = NULL;
	enum scs_status		 st;

	st = core_execcred_parse((const char *)data, size, version, &c,
	    &cause);
	if (st != SCS_OK) {
		FUZZ_CHECK(st == SCS_AUTH);
		FUZZ_CHECK(cause != NULL && *cause != '\0');
		FUZZ_CHECK(c.token == NULL && c.cert == NULL && c.key == NULL);
		free(cause);
		return;
	}
	FUZZ_CHECK(cause == NULL);
	FUZZ_CHECK(c.token != NULL || c.cert != NULL);
	FUZZ_CHECK((c.cert == NULL) == (c.key == NULL));
	if (c.cert != NULL) {
		FUZZ_CHECK(c.cert_len == strlen((char *)c.cert));
		FUZZ_CHECK(c.key_len == strlen((char *)c.key));
	}
	FUZZ_CHECK(c.expiry == -1 || c.expiry >= 0);
	core_execcred_clear(&c);
	FUZZ_CHECK(c.token == NULL && c.cert == NULL && c.key == NULL &&
	    c.expiry == -1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return (0);
	one(data, size, CORE_EXECCRED_V1);
	one(data, size, CORE_EXECCRED_V1BETA1);
	return (0);
}
