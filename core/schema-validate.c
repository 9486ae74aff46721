/*
 * schema-validate.c: validation of variable values the way CAPI's webhook
 * does it: the CRD schema validator (kube-openapi) with apiextensions'
 * conversion to field errors, then the unknown-field (pruning) check
 * when the schema checks passed (DOMAIN.md 7.2). CEL rules are not
 * evaluated. Tolerant of the real-world quirks: format on arrays,
 * required on array schemas, unknown formats.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "scs/model.h"
#include "scs/schema.h"
#include "scs/util.h"

/* Longest string a pattern is matched against, and longest pattern. */
#define MAX_PATTERN_INPUT	65536
#define MAX_PATTERN		512

/*
 * One validation of one value. CAPI reports every schema error with the
 * whole variable value as the bad value (its raw JSON, Go-quoted), the
 * field at base + "." + the relative name, and kube-openapi's detail
 * ("<name> in body should ...", with " in body " trimmed at the root).
 */
struct vctx {
	struct scs_schema_errors	*e;
	const char			*base;		/* ...variables[x].value */
	char				*raw;		/* "{\"a\":1}" */
	char				**unknown;	/* pruned field paths */
	size_t				  nunknown;
	int				  branch;	/* inside allOf/... */
};

void
scs_schema_errors_free(struct scs_schema_errors *e)
{
	size_t	 i;

	for (i = 0; i < e->n; i++) {
		free(e->v[i].field);
		free(e->v[i].reason);
		free(e->v[i].message);
	}
	free(e->v);
	e->v = NULL;
	e->n = 0;
}

/* Past a Go-quoted string at p ('"' ... '"'), or NULL. */
static const char *
skip_quoted(const char *p)
{
	for (p++; *p != '\0' && *p != '"'; p++)
		if (*p == '\\' && p[1] != '\0')
			p++;
	return (*p == '"' ? p + 1 : NULL);
}

const char *
scs_schema_cause_text(const struct scs_schema_cause *c)
{
	static const char *const valued[] = { "Invalid value: ",
	    "Unsupported value: ", "Too many: ", NULL };
	static const char *const plain[] = { "Required value: ",
	    "Too long: ", NULL };
	const char	*m = c->message, *p = NULL, *q;
	size_t		 i;

	if (m == NULL)
		return ("");
	for (i = 0; valued[i] != NULL && p == NULL; i++) {
		if (strncmp(m, valued[i], strlen(valued[i])) != 0)
			continue;
		p = m + strlen(valued[i]);
		q = *p == '"' ? skip_quoted(p) : strchr(p, ':');
		if (q == NULL || strncmp(q, ": ", 2) != 0)
			return (m);
		p = q + 2;
	}
	for (i = 0; plain[i] != NULL && p == NULL; i++)
		if (strncmp(m, plain[i], strlen(plain[i])) == 0)
			p = m + strlen(plain[i]);
	if (p == NULL)
		return (m);
	/* "<name> in body should ..." and "\"<name>\" must validate ..." */
	if ((q = strstr(p, " in body ")) != NULL && memchr(p, '"',
	    (size_t)(q - p)) == NULL)
		p = q + strlen(" in body ");
	else if (*p == '"' && (q = skip_quoted(p)) != NULL && *q == ' ')
		p = q + 1;
	return (p);
}

/* Append a cause; takes message. */
static void
cause(struct scs_schema_errors *e, const char *field, const char *reason,
    char *message)
{
	e->v = scs_xreallocarray(e->v, e->n + 1, sizeof *e->v);
	e->v[e->n].field = scs_xstrdup(field);
	e->v[e->n].reason = scs_xstrdup(reason);
	e->v[e->n].message = message;
	e->n++;
}

/* Move all causes of from to the end of to. */
static void
causes_move(struct scs_schema_errors *to, struct scs_schema_errors *from)
{
	size_t	 i;

	for (i = 0; i < from->n; i++) {
		to->v = scs_xreallocarray(to->v, to->n + 1, sizeof *to->v);
		to->v[to->n++] = from->v[i];
	}
	free(from->v);
	from->v = NULL;
	from->n = 0;
}

/* --- how the server prints things ------------------------------------ */

void
core_schema_num(double x, char *out, size_t len)
{
	char	 m[40];
	int	 prec, exp;

	if (!isfinite(x)) {
		snprintf(out, len, "%s", isnan(x) ? "NaN" : x < 0 ? "-Inf" :
		    "+Inf");
		return;
	}
	if (x == 0) {
		snprintf(out, len, "0");
		return;
	}
	/* Shortest mantissa that reads back as x. */
	for (prec = 1; prec < 17; prec++) {
		snprintf(m, sizeof m, "%.*e", prec - 1, x);
		if (strtod(m, NULL) == x)
			break;
	}
	snprintf(m, sizeof m, "%.*e", prec - 1, x);
	exp = atoi(strchr(m, 'e') + 1);
	if (exp < -4 || exp >= 6)
		snprintf(out, len, "%s", m);
	else
		snprintf(out, len, "%.*f", prec - 1 - exp > 0 ? prec - 1 -
		    exp : 0, x);
}

/* A Go-quoted string, "a\"b". */
static void
quote(struct scs_buf *b, const char *s)
{
	scs_buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			scs_buf_printf(b, "\\%c", *s);
		else if (*s == '\n')
			scs_buf_adds(b, "\\n");
		else if (*s == '\t')
			scs_buf_adds(b, "\\t");
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			scs_buf_printf(b, "\\x%02x", (unsigned char)*s);
		else
			scs_buf_addc(b, *s);
	}
	scs_buf_addc(b, '"');
}

/* A bad value as field.Error prints it: strings quoted, integers plain. */
static char *
value_text(const cJSON *v)
{
	struct scs_buf	 b;
	char		 n[40], *s;

	if (cJSON_IsString(v)) {
		scs_buf_init(&b, 0);
		quote(&b, v->valuestring);
		return (scs_buf_steal(&b));
	}
	if (cJSON_IsNumber(v)) {
		if (v->valuedouble == floor(v->valuedouble) &&
		    fabs(v->valuedouble) < 9.2e18)
			return (scs_xprintf("%lld", (long long)v->valuedouble));
		core_schema_num(v->valuedouble, n, sizeof n);
		return (scs_xstrdup(n));
	}
	if ((s = cJSON_PrintUnformatted(v)) == NULL)
		return (scs_xstrdup("null"));
	return (s);
}

/* A schema name the way JSON Schema says a value is: "integer", .... */
static const char *
type_of(const cJSON *v)
{
	if (cJSON_IsString(v))
		return ("string");
	if (cJSON_IsBool(v))
		return ("boolean");
	if (cJSON_IsNumber(v))
		return (v->valuedouble == floor(v->valuedouble) ? "integer" :
		    "number");
	if (cJSON_IsArray(v))
		return ("array");
	if (cJSON_IsObject(v))
		return ("object");
	return ("null");
}

/* --- formats --------------------------------------------------------- */

static int
valid_ipv4(const char *s)
{
	struct in_addr	 a;

	return (inet_pton(AF_INET, s, &a) == 1);
}

static int
valid_ipv6(const char *s)
{
	struct in6_addr	 a;

	return (strchr(s, ':') != NULL && inet_pton(AF_INET6, s, &a) == 1);
}

static int
valid_cidr(const char *s)
{
	const char	*slash = strchr(s, '/'), *p;
	char		 ip[64];
	int		 bits = 0, max;

	if (slash == NULL || (size_t)(slash - s) >= sizeof ip ||
	    slash[1] == '\0' || strlen(slash + 1) > 3)
		return (0);
	snprintf(ip, sizeof ip, "%.*s", (int)(slash - s), s);
	if (valid_ipv4(ip))
		max = 32;
	else if (valid_ipv6(ip))
		max = 128;
	else
		return (0);
	for (p = slash + 1; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p))
			return (0);
		bits = bits * 10 + (*p - '0');
	}
	return (bits <= max);
}

/* kube-openapi: 8-4-4-4-12 hex digits, each '-' optional; version and
 * variant nibbles for uuid3/4/5. */
static int
valid_uuid(const char *s, int version)
{
	static const int	 groups[] = { 8, 4, 4, 4, 12 };
	int			 g, i;

	for (g = 0; g < 5; g++) {
		if (g != 0 && *s == '-')
			s++;
		for (i = 0; i < groups[g]; i++, s++) {
			if (!isxdigit((unsigned char)*s))
				return (0);
			if (version != 0 && g == 2 && i == 0 &&
			    *s != '0' + version)
				return (0);
			if (version >= 4 && g == 3 && i == 0 &&
			    strchr("89abAB", *s) == NULL)
				return (0);
		}
	}
	return (*s == '\0');
}

static int
ldh(int c)
{
	return (isalnum(c) || c >= 0x80);	/* letters/symbols: any UTF-8 */
}

/*
 * kube-openapi's hostname: one label is a letter or digit, an optional
 * '-' and up to 62 more; several labels are 1-63 characters not starting
 * or ending with '-', the last at least two with single '-' only.
 */
static int
valid_hostname(const char *s)
{
	const char	*dot, *p, *last = strrchr(s, '.');
	size_t		 n;

	if (strlen(s) > 255 || *s == '\0')
		return (0);
	if (last == NULL) {
		if (!ldh((unsigned char)*s))
			return (0);
		p = s + 1;
		if (*p == '-')
			p++;
		for (n = 0; *p != '\0'; p++, n++)
			if (!ldh((unsigned char)*p))
				return (0);
		return (n <= 62 && strlen(s) <= 63 && s[strlen(s) - 1] != '-');
	}
	for (p = s; p < last; p = dot + 1) {
		dot = strchr(p, '.');
		n = (size_t)(dot - p);
		if (n == 0 || n > 63 || !ldh((unsigned char)p[0]) ||
		    !ldh((unsigned char)p[n - 1]))
			return (0);
		for (; p < dot; p++)
			if (!ldh((unsigned char)*p) && *p != '-')
				return (0);
	}
	p = last + 1;
	n = strlen(p);
	if (n < 2 || n > 63 || !ldh((unsigned char)*p) ||
	    p[n - 1] == '-' || strstr(p, "--") != NULL)
		return (0);
	for (; *p != '\0'; p++)
		if (!ldh((unsigned char)*p) && *p != '-')
			return (0);
	return (1);
}

static int
valid_date(const char *s)
{
	static const int	 mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };
	int			 y, m, d, n = 0;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) !=
	    3 || n != 10 || !isdigit((unsigned char)s[5]) ||
	    !isdigit((unsigned char)s[8]) || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return (0);
	return (m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)));
}

/* RFC 3339 date-time; the zone may be left out, as strfmt allows. */
static int
valid_datetime(const char *s)
{
	char	 d[11];
	int	 h, mi, sec, n = 0;

	if (strlen(s) < 19)
		return (0);
	snprintf(d, sizeof d, "%.10s", s);
	if (!valid_date(d) || strchr("Tt ", s[10]) == NULL ||
	    sscanf(s + 11, "%2d:%2d:%2d%n", &h, &mi, &sec, &n) != 3 ||
	    n != 8 || h > 23 || mi > 59 || sec > 60)
		return (0);
	s += 19;
	if (*s == '.') {
		for (s++, n = 0; isdigit((unsigned char)*s); s++)
			n++;
		if (n == 0)
			return (0);
	}
	if (*s == '\0' || ((*s == 'Z' || *s == 'z') && s[1] == '\0'))
		return (1);
	if (*s != '+' && *s != '-')
		return (0);
	return (sscanf(s + 1, "%2d:%2d%n", &h, &mi, &n) == 2 && n == 5 &&
	    s[6] == '\0' && h <= 23 && mi <= 59);
}

/* Go durations ("1h30m", "1.5s") and strfmt's "3 days", "1w". */
static int
valid_duration(const char *s)
{
	int	 parts = 0;

	if (*s == '-' || *s == '+')
		s++;
	while (*s != '\0') {
		if (!isdigit((unsigned char)*s) && *s != '.')
			return (0);
		while (isdigit((unsigned char)*s) || *s == '.')
			s++;
		while (*s == ' ')
			s++;
		if (!isalpha((unsigned char)*s) && (unsigned char)*s < 0x80)
			return (0);
		while (isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80)
			s++;
		while (*s == ' ')
			s++;
		parts++;
	}
	return (parts > 0);
}

static int
valid_mac(const char *s)
{
	size_t	 len = strlen(s), i, groups;
	char	 sepc;

	if (len == 17 || len == 23 || len == 59) {	/* aa:bb:... */
		sepc = s[2];
		if (sepc != ':' && sepc != '-')
			return (0);
		for (i = 0; i < len; i++)
			if ((i % 3 == 2) ? s[i] != sepc :
			    !isxdigit((unsigned char)s[i]))
				return (0);
		return (1);
	}
	if (len == 14 || len == 19 || len == 49) {	/* aabb.ccdd.... */
		groups = (len + 1) / 5;
		for (i = 0; i < len; i++)
			if ((i % 5 == 4) ? s[i] != '.' :
			    !isxdigit((unsigned char)s[i]))
				return (0);
		return (groups == 3 || groups == 4 || groups == 10);
	}
	return (0);
}

static int
valid_base64(const char *s)
{
	size_t	 len = strlen(s), i, pad = 0;

	if (len == 0 || len % 4 != 0)
		return (0);
	for (i = 0; i < len; i++) {
		if (s[i] == '=') {
			if (i < len - 2)
				return (0);
			pad++;
		} else if (pad != 0 || (!isalnum((unsigned char)s[i]) &&
		    s[i] != '+' && s[i] != '/'))
			return (0);
	}
	return (1);
}

static int
valid_hexcolor(const char *s)
{
	size_t	 n, i;

	if (*s == '#')
		s++;
	n = strlen(s);
	if (n != 3 && n != 6)
		return (0);
	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return (0);
	return (1);
}

static int
valid_rgbcolor(const char *s)
{
	int	 r, g, b, n = 0;

	return (sscanf(s, "rgb(%3d ,%3d ,%3d )%n", &r, &g, &b, &n) == 3 &&
	    s[n] == '\0' && r >= 0 && r <= 255 && g >= 0 && g <= 255 &&
	    b >= 0 && b <= 255);
}

static int
valid_email(const char *s)
{
	const char	*at = strrchr(s, '@'), *lt;

	if ((lt = strchr(s, '<')) != NULL)		/* Name <a@b> */
		return (at != NULL && at > lt && strchr(at, '>') != NULL &&
		    at > lt + 1 && at[1] != '>');
	return (at != NULL && at != s && at[1] != '\0' &&
	    strpbrk(s, " \t\"(),:;<>[]\\") == NULL);
}

static int
valid_uri(const char *s)
{
	const char	*p;

	if (*s == '/')
		return (strpbrk(s, " \t") == NULL);
	for (p = s; isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	    *p == '.'; p++)
		;
	return (p != s && isalpha((unsigned char)*s) && *p == ':' &&
	    p[1] != '\0' && strpbrk(s, " \t") == NULL);
}

static int
valid_ssn(const char *s)
{
	size_t	 i, d = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (isdigit((unsigned char)s[i]))
			d++;
		else if (!((i == 3 && d == 3) || (i == 6 && d == 5)) ||
		    (s[i] != '-' && s[i] != ' '))
			return (0);
	}
	return (d == 9);
}

/*
 * Checks a string against a format. Returns 1 when valid or when the
 * format is one the server does not check.
 */
static int
valid_format(const char *fmt, const char *s)
{
	char	 name[33];
	size_t	 n = 0;

	/* strfmt's normalizer drops dashes; case matters */
	for (; *fmt != '\0' && n < sizeof name - 1; fmt++)
		if (*fmt != '-')
			name[n++] = *fmt;
	name[n] = '\0';
	if (strcmp(name, "ipv4") == 0)
		return (valid_ipv4(s));
	if (strcmp(name, "ipv6") == 0)
		return (valid_ipv6(s));
	if (strcmp(name, "cidr") == 0)
		return (valid_cidr(s));
	if (strcmp(name, "uuid") == 0)
		return (valid_uuid(s, 0));
	if (strcmp(name, "uuid3") == 0 || strcmp(name, "uuid4") == 0 ||
	    strcmp(name, "uuid5") == 0)
		return (valid_uuid(s, name[4] - '0'));
	if (strcmp(name, "hostname") == 0)
		return (valid_hostname(s));
	if (strcmp(name, "datetime") == 0)
		return (valid_datetime(s));
	if (strcmp(name, "date") == 0)
		return (valid_date(s));
	if (strcmp(name, "duration") == 0)
		return (valid_duration(s));
	if (strcmp(name, "mac") == 0)
		return (valid_mac(s));
	if (strcmp(name, "email") == 0)
		return (valid_email(s));
	if (strcmp(name, "uri") == 0)
		return (valid_uri(s));
	if (strcmp(name, "byte") == 0)
		return (valid_base64(s));
	if (strcmp(name, "hexcolor") == 0)
		return (valid_hexcolor(s));
	if (strcmp(name, "rgbcolor") == 0)
		return (valid_rgbcolor(s));
	if (strcmp(name, "ssn") == 0)
		return (valid_ssn(s));
	return (1);	/* unknown formats (and isbn, creditcard) pass */
}

/* --- patterns -------------------------------------------------------- */

/*
 * Translate an ECMA/RE2 pattern into POSIX ERE: \d \w \s and their
 * negations, (?: groups, escapes of ordinary characters. Returns NULL
 * for what ERE cannot express (lookaround, lazy quantifiers,
 * backreferences): such patterns are left to the server.
 */
static char *
posix_pattern(const char *p)
{
	struct scs_buf	 b;
	int		 inclass = 0;

	scs_buf_init(&b, 4096);
	for (; *p != '\0'; p++) {
		if (p[0] == '\\' && p[1] != '\0') {
			p++;
			switch (*p) {
			case 'd': scs_buf_adds(&b, inclass ? "0-9" : "[0-9]");
				continue;
			case 'w': scs_buf_adds(&b, inclass ? "A-Za-z0-9_" :
				    "[A-Za-z0-9_]");
				continue;
			case 's': scs_buf_adds(&b, inclass ? "[:space:]" :
				    "[[:space:]]");
				continue;
			case 'D': case 'W': case 'S':
				if (inclass)
					goto fail;
				scs_buf_adds(&b, *p == 'D' ? "[^0-9]" : *p ==
				    'W' ? "[^A-Za-z0-9_]" : "[^[:space:]]");
				continue;
			case 'n': scs_buf_addc(&b, '\n'); continue;
			case 't': scs_buf_addc(&b, '\t'); continue;
			case 'b': case 'B': case 'p': case 'P': case 'x':
			case 'u': case 'k':
				goto fail;
			default:
				if (isdigit((unsigned char)*p))
					goto fail;	/* backreference */
				if (inclass) {
					if (*p == ']' || *p == '\\' ||
					    *p == '-' || *p == '^')
						goto fail;
					scs_buf_addc(&b, *p);
				} else if (isalnum((unsigned char)*p))
					scs_buf_addc(&b, *p);
				else
					scs_buf_printf(&b, "[%c]", *p);
				continue;
			}
		}
		if (inclass) {
			if (*p == ']')
				inclass = 0;
			scs_buf_addc(&b, *p);
			continue;
		}
		if (*p == '[') {
			inclass = 1;
			scs_buf_addc(&b, *p);
			if (p[1] == '^')
				scs_buf_addc(&b, *++p);
			if (p[1] == ']')
				scs_buf_addc(&b, *++p);
			continue;
		}
		if (p[0] == '(' && p[1] == '?') {
			if (p[2] != ':')
				goto fail;
			scs_buf_addc(&b, '(');
			p += 2;
			continue;
		}
		if ((*p == '*' || *p == '+' || *p == '?' || *p == '}') &&
		    (p[1] == '?' || p[1] == '+'))
			goto fail;	/* lazy or possessive */
		/* Nested repetition (a**, a+{2}, a{2}*): Go and RE2 refuse
		 * it, and glibc's regcomp takes exponential time on a chain
		 * of them (the schema fuzzer found "\d****..."). */
		if ((*p == '*' || *p == '+' || *p == '?' || *p == '}') &&
		    (p[1] == '*' || p[1] == '{'))
			goto fail;
		scs_buf_addc(&b, *p);
	}
	return (scs_buf_steal(&b));
fail:
	scs_buf_done(&b);
	return (NULL);
}

/*
 * A rough size of what glibc's regcomp builds for an ERE: an atom counts
 * 1, a bound {m,n} multiplies what it repeats by its larger count and +
 * doubles it (glibc copies the subexpression that often), groups add up. Nested bounds
 * within 512 bytes reach gigabytes, so patterns costing more than
 * PATTERN_MAX_COST are not compiled (and not checked; the API server,
 * with RE2, still is).
 */
#define PATTERN_MAX_COST	20000

static unsigned long
pattern_cost(const char *p)
{
	unsigned long	 sum[SCS_SCHEMA_MAX_DEPTH + 1], last = 0, m, n;
	int		 depth = 0;
	char		*end;

	sum[0] = 0;
	while (*p != '\0') {
		if (sum[depth] > PATTERN_MAX_COST)
			return (sum[depth]);
		switch (*p) {
		case '(':
			if (depth == SCS_SCHEMA_MAX_DEPTH)
				return (PATTERN_MAX_COST + 1);
			sum[++depth] = 0;
			last = 0;
			p++;
			continue;
		case ')':
			if (depth == 0)
				break;
			last = sum[depth--];
			sum[depth] += last;
			p++;
			continue;
		case '{':
			if (!isdigit((unsigned char)p[1]))
				break;
			m = n = strtoul(p + 1, &end, 10);
			if (*end == ',' && isdigit((unsigned char)end[1]))
				n = strtoul(end + 1, &end, 10);
			else if (*end == ',') {
				n = m + 1;
				end++;
			}
			if (*end != '}')
				break;
			if (n < m)
				n = m;
			if (n > PATTERN_MAX_COST || (last != 0 &&
			    n > PATTERN_MAX_COST / last))
				return (PATTERN_MAX_COST + 1);
			sum[depth] += last * n - last;
			last *= n;
			p = end + 1;
			continue;
		case '[':
			/* A bracket expression is one atom: find its end. */
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p != '\0' && *p != ']') {
				if (p[0] == '[' && (p[1] == ':' || p[1] == '=' ||
				    p[1] == '.') && (end = strchr(p + 2, p[1])) !=
				    NULL && end[1] == ']')
					p = end + 2;
				else
					p++;
			}
			if (*p == ']')
				p++;
			last = 1;
			sum[depth]++;
			continue;
		case '\\':
			if (p[1] != '\0')
				p++;
			break;
		case '|':
			last = 0;
			p++;
			continue;
		case '+':
			/* x+ is x x*: a copy, so x+++ doubles thrice. */
			if (last > PATTERN_MAX_COST)
				return (PATTERN_MAX_COST + 1);
			sum[depth] += last;
			last *= 2;
			p++;
			continue;
		case '*':
		case '?':
		case '^':
		case '$':
			p++;
			continue;
		}
		last = 1;
		sum[depth]++;
		p++;
	}
	while (depth > 0) {
		sum[depth - 1] += sum[depth];
		depth--;
	}
	return (sum[0]);
}

/* 1 match, 0 no match, -1 unknown (pattern not expressible here, or too
 * costly to compile). */
static int
pattern_match(const char *pat, const char *s)
{
	regex_t	 re;
	char	*posix;
	int	 r;

	if (strlen(pat) > MAX_PATTERN || strlen(s) > MAX_PATTERN_INPUT ||
	    (posix = posix_pattern(pat)) == NULL)
		return (-1);
	if (pattern_cost(posix) > PATTERN_MAX_COST ||
	    regcomp(&re, posix, REG_EXTENDED | REG_NOSUB) != 0) {
		free(posix);
		return (-1);
	}
	r = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	free(posix);
	return (r);
}

/* --- the validator --------------------------------------------------- */

static void	validate(const cJSON *, const cJSON *, const char *,
		    struct vctx *, int);

/* The field of a relative name: base.rel ("value.[1]" at a root array,
 * as the server writes it). */
static char *
field_of(const struct vctx *c, const char *rel)
{
	if (*rel == '\0')
		return (scs_xstrdup(c->base));
	return (scs_xprintf("%s.%s", c->base, rel));
}

/* Add a cause "<Kind>: <raw>: [<rel> in body ]<detail>". */
static void
schema_cause(struct vctx *c, const char *rel, const char *reason,
    const char *kind, const char *fmt, ...) SCS_PRINTF(5, 6);

static void
schema_cause(struct vctx *c, const char *rel, const char *reason,
    const char *kind, const char *fmt, ...)
{
	va_list	 ap;
	char	*detail, *field = field_of(c, rel);

	va_start(ap, fmt);
	scs_xvasprintf(&detail, fmt, ap);
	va_end(ap);
	cause(c->e, field, reason, scs_xprintf("%s: %s: %s%s%s", kind, c->raw,
	    rel, *rel != '\0' ? " in body " : "", detail));
	free(detail);
	free(field);
}

static void
check_type(const cJSON *s, const cJSON *v, const char *rel, struct vctx *c)
{
	const char	*want = cJSON_GetStringValue(J(s, "type"));
	const char	*got = type_of(v);

	if (cJSON_IsTrue(J(s, "x-kubernetes-int-or-string"))) {
		if (cJSON_IsString(v) || strcmp(got, "integer") == 0)
			return;
		want = "integer,string";
	} else if (want == NULL || *want == '\0' || strcmp(want, got) == 0 ||
	    (strcmp(want, "number") == 0 && cJSON_IsNumber(v)))
		return;
	schema_cause(c, rel, "FieldValueTypeInvalid", "Invalid value",
	    "must be of type %s: \"%s\"", want, got);
}

static void
check_enum(const cJSON *s, const cJSON *v, const char *rel, struct vctx *c)
{
	const cJSON	*en = J(s, "enum"), *x;
	struct scs_buf	 b;
	char		*t, *field;

	if (!cJSON_IsArray(en) || cJSON_GetArraySize(en) == 0)
		return;
	cJSON_ArrayForEach(x, en) {
		if (cJSON_Compare(x, v, 1))
			return;
	}
	/* apiextensions quotes each allowed value, JSON text for non-strings */
	scs_buf_init(&b, 0);
	cJSON_ArrayForEach(x, en) {
		if (x != en->child)
			scs_buf_adds(&b, ", ");
		if (cJSON_IsString(x))
			quote(&b, x->valuestring);
		else {
			t = value_text(x);
			quote(&b, t);
			free(t);
		}
	}
	field = field_of(c, rel);
	cause(c->e, field, "FieldValueNotSupported", scs_xprintf("Unsupported "
	    "value: %s: supported values: %s", c->raw, b.data));
	free(field);
	scs_buf_done(&b);
}

static void
check_number(const cJSON *s, const cJSON *v, const char *rel,
    struct vctx *c)
{
	const cJSON	*min = J(s, "minimum"), *max = J(s, "maximum");
	int		 exmin = cJSON_IsTrue(J(s, "exclusiveMinimum"));
	int		 exmax = cJSON_IsTrue(J(s, "exclusiveMaximum"));
	double		 x = v->valuedouble;
	char		 n[40];

	if (cJSON_IsNumber(max) && (exmax ? x >= max->valuedouble :
	    x > max->valuedouble)) {
		core_schema_num(max->valuedouble, n, sizeof n);
		schema_cause(c, rel, "FieldValueInvalid", "Invalid value",
		    "should be less than %s%s", exmax ? "" : "or equal to ", n);
	}
	if (cJSON_IsNumber(min) && (exmin ? x <= min->valuedouble :
	    x < min->valuedouble)) {
		core_schema_num(min->valuedouble, n, sizeof n);
		schema_cause(c, rel, "FieldValueInvalid", "Invalid value",
		    "should be greater than %s%s", exmin ? "" : "or equal to ",
		    n);
	}
}

static size_t
utf8_len(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return (n);
}

static void
check_string(const cJSON *s, const cJSON *v, const char *rel,
    struct vctx *c)
{
	const char	*str = v->valuestring, *fmt, *pat;
	const cJSON	*minl = J(s, "minLength"), *maxl = J(s, "maxLength");
	size_t		 len = utf8_len(str);
	struct scs_buf	 q;
	char		*field;

	if (cJSON_IsNumber(maxl) && (double)len > maxl->valuedouble) {
		/* field.TooLong prints no value */
		field = field_of(c, rel);
		cause(c->e, field, "FieldValueTooLong", scs_xprintf("Too long: "
		    "may not be longer than %lld",
		    (long long)maxl->valuedouble));
		free(field);
	}
	if (cJSON_IsNumber(minl) && (double)len < minl->valuedouble)
		schema_cause(c, rel, "FieldValueInvalid", "Invalid value",
		    "should be at least %lld chars long",
		    (long long)minl->valuedouble);
	pat = cJSON_GetStringValue(J(s, "pattern"));
	if (pat != NULL && pattern_match(pat, str) == 0)
		schema_cause(c, rel, "FieldValueInvalid", "Invalid value",
		    "should match '%s'", pat);
	fmt = cJSON_GetStringValue(J(s, "format"));
	if (fmt != NULL && !valid_format(fmt, str)) {
		scs_buf_init(&q, 0);
		quote(&q, str);
		schema_cause(c, rel, "FieldValueTypeInvalid", "Invalid value",
		    "must be of type %s: %s", fmt, q.data);
		scs_buf_done(&q);
	}
}

static char *
rel_key(const char *rel, const char *key)
{
	return (*rel != '\0' ? scs_xprintf("%s.%s", rel, key) :
	    scs_xstrdup(key));
}

static void
check_array(const cJSON *s, const cJSON *v, const char *rel,
    struct vctx *c, int depth)
{
	const cJSON	*mi = J(s, "minItems"), *ma = J(s, "maxItems"), *it,
			*jt;
	int		 n = cJSON_GetArraySize(v), i = 0, dup = 0;
	char		*sub;

	if (cJSON_IsNumber(mi) && n < mi->valuedouble)
		schema_cause(c, rel, "FieldValueInvalid", "Invalid value",
		    "should have at least %lld items",
		    (long long)mi->valuedouble);
	if (cJSON_IsNumber(ma) && n > ma->valuedouble)
		schema_cause(c, rel, "FieldValueTooMany", "Too many",
		    "must have at most %lld item%s", (long long)ma->valuedouble,
		    ma->valuedouble == 1 ? "" : "s");
	if (cJSON_IsTrue(J(s, "uniqueItems"))) {
		for (it = v->child; it != NULL && !dup; it = it->next)
			for (jt = it->next; jt != NULL && !dup; jt = jt->next)
				dup = cJSON_Compare(it, jt, 1);
		if (dup)
			schema_cause(c, rel, "FieldValueInvalid",
			    "Invalid value", "shouldn't contain duplicates");
	}
	cJSON_ArrayForEach(it, v) {
		sub = scs_xprintf("%s[%d]", rel, i++);
		validate(J(s, "items"), it, sub, c, depth + 1);
		free(sub);
	}
}

static void
add_unknown(struct vctx *c, const char *rel)
{
	c->unknown = scs_xreallocarray(c->unknown, c->nunknown + 1,
	    sizeof *c->unknown);
	c->unknown[c->nunknown++] = scs_xstrdup(rel);
}

static void
check_object(const cJSON *s, const cJSON *v, const char *rel,
    struct vctx *c, int depth)
{
	const cJSON	*props = J(s, "properties"), *add, *r, *item;
	const cJSON	*minp = J(s, "minProperties"), *maxp = J(s,
			    "maxProperties");
	int		 n = cJSON_GetArraySize(v), keep;
	char		*sub, *field;

	if (cJSON_IsNumber(maxp) && n > maxp->valuedouble)
		schema_cause(c, rel, "FieldValueTooMany", "Too many",
		    "must have at most %lld item%s",
		    (long long)maxp->valuedouble, maxp->valuedouble == 1 ? "" :
		    "s");
	if (cJSON_IsNumber(minp) && n < minp->valuedouble)
		schema_cause(c, rel, "FieldValueInvalid", "Invalid value",
		    "should have at least %lld properties",
		    (long long)minp->valuedouble);
	add = J(s, "additionalProperties");
	/*
	 * What pruning keeps: declared properties, anything under
	 * preserve-unknown-fields or additionalProperties (true or a
	 * schema), and, leniently, anything under a schema without type
	 * and without properties (not structural, so left to the server).
	 */
	keep = cJSON_IsTrue(J(s, "x-kubernetes-preserve-unknown-fields")) ||
	    cJSON_IsTrue(add) || cJSON_IsObject(add) ||
	    (J(s, "type") == NULL && props == NULL);
	cJSON_ArrayForEach(item, v) {
		sub = rel_key(rel, item->string);
		if (J(props, item->string) != NULL)
			validate(J(props, item->string), item, sub, c,
			    depth + 1);
		else if (cJSON_IsObject(add))
			validate(add, item, sub, c, depth + 1);
		else if (!keep && !c->branch)
			add_unknown(c, sub);
		free(sub);
	}
	/* after the properties, as kube-openapi does */
	cJSON_ArrayForEach(r, J(s, "required")) {
		if (cJSON_IsString(r) && J(v, r->valuestring) == NULL) {
			sub = rel_key(rel, r->valuestring);
			field = field_of(c, sub);
			cause(c->e, field, "FieldValueRequired",
			    scs_xstrdup("Required value"));
			free(field);
			free(sub);
		}
	}
}

/* Validate v against one branch into a scratch list; returns #causes. */
static size_t
branch(const cJSON *s, const cJSON *v, const char *rel,
    const struct vctx *c, int depth, struct scs_schema_errors *out)
{
	struct vctx	 b = { out, c->base, c->raw, NULL, 0, 1 };

	validate(s, v, rel, &b, depth + 1);
	return (out->n);
}

/* Keep the failures of the branch that failed least. */
static void
keep_best(struct scs_schema_errors *best, struct scs_schema_errors *tmp,
    int *have)
{
	if (!*have || tmp->n < best->n) {
		scs_schema_errors_free(best);
		*best = *tmp;
		tmp->v = NULL;
		tmp->n = 0;
		*have = 1;
	}
	scs_schema_errors_free(tmp);
}

/* How many schemas of list v validates; the failures of the one that
 * failed least in *best. */
static int
count_valid(const cJSON *list, const cJSON *v, const char *rel,
    const struct vctx *c, int depth, struct scs_schema_errors *best)
{
	struct scs_schema_errors	 tmp = { NULL, 0 };
	const cJSON			*x;
	int				 ok = 0, have = 0;

	cJSON_ArrayForEach(x, list) {
		if (branch(x, v, rel, c, depth, &tmp) == 0)
			ok++;
		keep_best(best, &tmp, &have);
	}
	return (ok);
}

static void
check_composition(const cJSON *s, const cJSON *v, const char *rel,
    struct vctx *c, int depth)
{
	struct scs_schema_errors	 tmp = { NULL, 0 }, best = { NULL, 0 };
	const cJSON			*x;
	int				 ok, failed;

	if (cJSON_IsArray(J(s, "allOf")) && cJSON_GetArraySize(J(s,
	    "allOf")) > 0) {
		failed = 0;
		cJSON_ArrayForEach(x, J(s, "allOf")) {
			if (branch(x, v, rel, c, depth, &tmp) > 0)
				failed++;
			causes_move(c->e, &tmp);
		}
		if (failed != 0)
			schema_cause(c, "", "FieldValueInvalid",
			    "Invalid value", "\"%s\" must validate all the "
			    "schemas (allOf)%s", rel, failed ==
			    cJSON_GetArraySize(J(s, "allOf")) ?
			    ". None validated" : "");
	}
	if (cJSON_IsArray(J(s, "oneOf")) && cJSON_GetArraySize(J(s,
	    "oneOf")) > 0) {
		ok = count_valid(J(s, "oneOf"), v, rel, c, depth, &best);
		if (ok == 0) {
			causes_move(c->e, &best);
			schema_cause(c, "", "FieldValueInvalid",
			    "Invalid value", "\"%s\" must validate one and "
			    "only one schema (oneOf). Found none valid", rel);
		} else if (ok > 1)
			schema_cause(c, "", "FieldValueInvalid",
			    "Invalid value", "\"%s\" must validate one and "
			    "only one schema (oneOf). Found %d valid "
			    "alternatives", rel, ok);
		scs_schema_errors_free(&best);
	}
	if (cJSON_IsArray(J(s, "anyOf")) && cJSON_GetArraySize(J(s,
	    "anyOf")) > 0) {
		ok = count_valid(J(s, "anyOf"), v, rel, c, depth, &best);
		if (ok == 0) {
			causes_move(c->e, &best);
			schema_cause(c, "", "FieldValueInvalid",
			    "Invalid value", "\"%s\" must validate at least one "
			    "schema (anyOf)", rel);
		}
		scs_schema_errors_free(&best);
	}
	if (cJSON_IsObject(J(s, "not"))) {
		if (branch(J(s, "not"), v, rel, c, depth, &tmp) == 0)
			schema_cause(c, "", "FieldValueInvalid",
			    "Invalid value", "\"%s\" must not validate the "
			    "schema (not)", rel);
		scs_schema_errors_free(&tmp);
	}
}

/*
 * kube-openapi's order: type, composition, string, format, number,
 * array, enum, object. A wrong type does not stop the rest, but every
 * check only looks at values of its own kind.
 */
static void
validate(const cJSON *s, const cJSON *v, const char *rel, struct vctx *c,
    int depth)
{
	if (!cJSON_IsObject(s) || v == NULL || depth > SCS_SCHEMA_MAX_DEPTH)
		return;
	if (cJSON_IsNull(v) && cJSON_IsTrue(J(s, "nullable")))
		return;
	check_type(s, v, rel, c);
	check_composition(s, v, rel, c, depth);
	if (cJSON_IsString(v))
		check_string(s, v, rel, c);
	else if (cJSON_IsNumber(v))
		check_number(s, v, rel, c);
	else if (cJSON_IsArray(v))
		check_array(s, v, rel, c, depth);
	check_enum(s, v, rel, c);
	if (cJSON_IsObject(v))
		check_object(s, v, rel, c, depth);
}

/* The raw JSON of a value, Go-quoted, as CAPI shows bad values. */
static char *
raw_text(const cJSON *v)
{
	struct scs_buf	 b;
	char		*t;

	if ((t = cJSON_PrintUnformatted(v)) == NULL)
		t = scs_xstrdup("null");
	scs_buf_init(&b, 0);
	quote(&b, t);
	free(t);
	return (scs_buf_steal(&b));
}

static int
strpcmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/*
 * Schema checks on value at path, then (only when they passed, as in
 * CAPI) one cause at unknown_path listing the fields pruning would drop.
 * name is the variable, or NULL.
 */
static size_t
validate_root(const cJSON *schema, const cJSON *value, const char *path,
    const char *unknown_path, const char *name,
    struct scs_schema_errors *out)
{
	struct vctx	 c = { out, path, NULL, NULL, 0, 0 };
	struct scs_buf	 b;
	size_t		 before = out->n, i;
	char		*raw;

	c.raw = raw = raw_text(value);
	validate(schema, value, "", &c, 0);
	if (out->n == before && c.nunknown > 0) {
		qsort(c.unknown, c.nunknown, sizeof *c.unknown, strpcmp);
		scs_buf_init(&b, 0);
		for (i = 0; i < c.nunknown; i++)
			scs_buf_printf(&b, "%s%s", i != 0 ? "," : "",
			    c.unknown[i]);
		cause(out, unknown_path, "FieldValueInvalid", scs_xprintf(
		    "Invalid value: %s: failed validation: \"%s\" field(s) are "
		    "not specified in the variable schema%s%s%s", raw, b.data,
		    name != NULL ? " of variable \"" : "",
		    name != NULL ? name : "", name != NULL ? "\"" : ""));
		scs_buf_done(&b);
	}
	for (i = 0; i < c.nunknown; i++)
		free(c.unknown[i]);
	free(c.unknown);
	free(raw);
	return (out->n - before);
}

size_t
scs_schema_validate_value(const cJSON *schema, const cJSON *value,
    const char *path, struct scs_schema_errors *out)
{
	return (validate_root(schema, value, path, path, NULL, out));
}

size_t
scs_schema_validate(const cJSON *defs, const cJSON *values,
    const char *prefix, int overrides, struct scs_schema_errors *out)
{
	size_t		 before = out->n;
	const cJSON	*d, *v, *def;
	const char	*name;
	char		*path, *vpath, *raw;

	if (!overrides) {
		cJSON_ArrayForEach(d, defs) {
			name = cJSON_GetStringValue(J(d, "name"));
			if (cJSON_IsTrue(J(d, "required")) && name != NULL &&
			    scs_jnamed(values, name) == NULL)
				cause(out, prefix, "FieldValueRequired",
				    scs_xprintf("Required value: required "
				    "variable \"%s\" must be set", name));
		}
	}
	cJSON_ArrayForEach(v, values) {
		name = cJSON_GetStringValue(J(v, "name"));
		if (name == NULL)
			continue;
		path = scs_xprintf("%s[%s]", prefix, name);
		vpath = scs_xprintf("%s.value", path);
		if (scs_jnamed(values, name) != v) {
			raw = raw_text(J(v, "value"));
			cause(out, path, "FieldValueInvalid", scs_xprintf(
			    "Invalid value: %s: variable \"%s\" is set more "
			    "than once", raw, name));
			free(raw);
		} else if ((def = scs_jnamed(defs, name)) == NULL) {
			raw = raw_text(J(v, "value"));
			cause(out, path, "FieldValueInvalid", scs_xprintf(
			    "Invalid value: %s: variable is not defined", raw));
			free(raw);
		} else if (J(v, "value") == NULL)
			cause(out, vpath, "FieldValueRequired",
			    scs_xstrdup("Required value"));
		else
			validate_root(J(J(def, "schema"), "openAPIV3Schema"),
			    J(v, "value"), vpath, path, name, out);
		free(vpath);
		free(path);
	}
	return (out->n - before);
}
