/*
 * sim-json.c: JSON text as the real API server writes it. Go's
 * encoding/json (which the apiserver's serializer uses) differs from
 * cJSON's printer in three ways that matter to a client:
 *
 * - bytes that are not valid UTF-8 become the escape \ufffd (one per
 *   byte), so the text stays valid UTF-8 whatever a string held;
 * - '<', '>' and '&' are escaped as \u003c, \u003e, \u0026 (HTML-safe);
 * - U+2028 and U+2029 are escaped as \u2028, \u2029.
 *
 * Control characters are escaped by both. Everything else (C1 controls,
 * bidi overrides, zero-width characters, noncharacters) passes through
 * unchanged, as it does from a real server.
 */
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-int.h"

/* Length of the valid UTF-8 sequence at s (of n bytes), 0 if invalid:
 * Go's utf8.DecodeRune rules (no overlongs, no surrogates, <= U+10FFFF). */
static size_t
utf8_valid(const unsigned char *s, size_t n, unsigned long *cp)
{
	unsigned char	 c = s[0], lo = 0x80, hi = 0xbf;
	size_t		 len, i;

	if (c < 0x80) {
		*cp = c;
		return (1);
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		*cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		*cp = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		*cp = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return (0);
	if (n < len || s[1] < lo || s[1] > hi)
		return (0);
	for (i = 1; i < len; i++) {
		if (i > 1 && (s[i] < 0x80 || s[i] > 0xbf))
			return (0);
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return (len);
}

char *
sim_json_goescape(const char *text, size_t len, size_t *out_len)
{
	const unsigned char	*s = (const unsigned char *)text;
	struct scs_buf		 b;
	unsigned long		 cp;
	size_t			 i = 0, start = 0, n;
	const char		*rep;

	scs_buf_init(&b, 0);
	while (i < len) {
		rep = NULL;
		n = 1;
		if (s[i] == '<')
			rep = "\\u003c";
		else if (s[i] == '>')
			rep = "\\u003e";
		else if (s[i] == '&')
			rep = "\\u0026";
		else if (s[i] >= 0x80) {
			if ((n = utf8_valid(s + i, len - i, &cp)) == 0) {
				rep = "\\ufffd";
				n = 1;
			} else if (cp == 0x2028)
				rep = "\\u2028";
			else if (cp == 0x2029)
				rep = "\\u2029";
		}
		if (rep != NULL) {
			scs_buf_add(&b, text + start, i - start);
			scs_buf_adds(&b, rep);
			start = i + n;
		}
		i += n;
	}
	if (start == 0) {
		/* The common case: nothing to change. */
		scs_buf_done(&b);
		*out_len = len;
		return (scs_xstrndup(text, len));
	}
	scs_buf_add(&b, text + start, len - start);
	*out_len = b.len;
	return (scs_buf_steal(&b));
}

char *
sim_json_print(const cJSON *j, size_t *out_len)
{
	char	*s, *out;
	size_t	 len, dummy;

	if ((s = cJSON_PrintUnformatted(j)) == NULL)
		abort();
	len = strlen(s);
	out = sim_json_goescape(s, len, out_len != NULL ? out_len : &dummy);
	free(s);
	return (out);
}
