/*
 * schema-words.c: validation messages as people read them (schema.h,
 * scs_schema_readable). The local engine and the API server word their
 * causes the same way (kube-openapi's "should be greater than or equal
 * to 10"); a form shows one wording for both: "must be at least 10".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/schema.h"
#include "scs/util.h"

/* Formats with a word and an example, by the name strfmt normalizes. */
static const struct {
	const char	*name;
	const char	*what;
} formats[] = {
	{ "cidr",	"a CIDR such as 10.0.0.0/16" },
	{ "ipv4",	"an IPv4 address such as 192.0.2.10" },
	{ "ipv6",	"an IPv6 address such as 2001:db8::10" },
	{ "uuid",	"a UUID such as 8e2c1f0a-5b7d-4c3e-9a61-2f4b8d0c7e15" },
	{ "uuid3",	"a version 3 UUID" },
	{ "uuid4",	"a version 4 UUID such as "
			"8e2c1f0a-5b7d-4c3e-9a61-2f4b8d0c7e15" },
	{ "uuid5",	"a version 5 UUID" },
	{ "hostname",	"a host name such as api.example.com" },
	{ "datetime",	"a date and time such as 2026-12-31T23:59:00Z" },
	{ "date",	"a date such as 2026-12-31" },
	{ "duration",	"a duration such as 1h30m" },
	{ "uri",	"a URI such as https://example.com/path" },
	{ "email",	"an e-mail address such as ops@example.com" },
	{ "byte",	"base64 text" },
	{ "mac",	"a MAC address such as 52:54:00:12:34:56" },
	{ "integer",	"a whole number" },
	{ "number",	"a number" },
	{ "string",	"text" },
	{ "boolean",	"true or false" },
	{ "object",	"an object" },
	{ "array",	"a list" },
	{ "integer,string", "a whole number or text" },
};

static const char *
format_words(const char *fmt, size_t len)
{
	char	 name[40];
	size_t	 i, n = 0;

	for (i = 0; i < len && n < sizeof name - 1; i++)
		if (fmt[i] != '-')
			name[n++] = fmt[i];
	name[n] = '\0';
	for (i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(formats[i].name, name) == 0)
			return (formats[i].what);
	return (NULL);
}

/* "\"a\", \"b\"" -> "a, b" (Go-quoted strings unquoted, escapes kept). */
static char *
unquote_list(const char *p)
{
	struct scs_buf	 b;

	scs_buf_init(&b, 0);
	for (; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0')
			scs_buf_add(&b, ++p, 1);
		else if (*p != '"')
			scs_buf_add(&b, p, 1);
	}
	return (b.data != NULL ? scs_buf_steal(&b) : scs_xstrdup(""));
}

/* The number after prefix at the start of d, or NULL. */
static const char *
after(const char *d, const char *prefix)
{
	size_t	 n = strlen(prefix);

	return (strncmp(d, prefix, n) == 0 ? d + n : NULL);
}

char *
scs_schema_readable(const char *message)
{
	struct scs_schema_cause	 c;
	const char		*d, *x, *w;
	char			*l, *r, g;
	size_t			 n;
	long long		 num;

	if (message == NULL)
		return (scs_xstrdup(""));
	memset(&c, 0, sizeof c);
	c.message = (char *)message;
	d = scs_schema_cause_text(&c);
	if (strcmp(d, "Required value") == 0 || strncmp(d, "required "
	    "variable ", 18) == 0)
		return (scs_xstrdup("required"));
	if ((x = after(d, "should be greater than or equal to ")) != NULL)
		return (scs_xprintf("must be at least %s", x));
	if ((x = after(d, "should be greater than ")) != NULL)
		return (scs_xprintf("must be more than %s", x));
	if ((x = after(d, "should be less than or equal to ")) != NULL)
		return (scs_xprintf("too large: at most %s", x));
	if ((x = after(d, "should be less than ")) != NULL)
		return (scs_xprintf("too large: must be less than %s", x));
	if (sscanf(d, "should be at least %lld chars lon%c", &num,
	    &g) == 2 && g == 'g')
		return (scs_xprintf("too short: at least %lld characters",
		    num));
	if ((x = after(d, "may not be longer than ")) != NULL)
		return (scs_xprintf("too long: at most %s characters", x));
	if ((x = after(d, "should match '")) != NULL) {
		n = strlen(x);
		return (scs_xprintf("must match the pattern %.*s", (int)(n > 0 &&
		    x[n - 1] == '\'' ? n - 1 : n), x));
	}
	if ((x = after(d, "should have at least ")) != NULL)
		return (scs_xprintf("must have at least %s", x));
	if ((x = strstr(d, "must have at most ")) != NULL)
		return (scs_xprintf("too many: at most %s", x + 18));
	if (strcmp(d, "shouldn't contain duplicates") == 0)
		return (scs_xstrdup("must not contain duplicates"));
	if ((x = after(d, "supported values: ")) != NULL) {
		l = unquote_list(x);
		r = scs_xprintf("must be one of: %s", l);
		free(l);
		return (r);
	}
	if ((x = after(d, "must be of type ")) != NULL) {
		n = strcspn(x, ":");
		if ((w = format_words(x, n)) != NULL)
			return (scs_xprintf("must be %s", w));
		return (scs_xprintf("must be of type %.*s", (int)n, x));
	}
	return (scs_xstrdup(d));
}
