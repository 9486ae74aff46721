/*
 * yaml.c: cJSON -> YAML through the libyaml emitter, masking secret
 * values on the way (yaml.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "scs/util.h"
#include "scs/yaml.h"

#define YAML_MAX_DEPTH	128

struct out {
	struct scs_buf	 b;
};

static int
write_handler(void *data, unsigned char *buf, size_t size)
{
	struct out	*o = data;

	return (scs_buf_add(&o->b, buf, size) == SCS_OK);
}

static int
emit(yaml_emitter_t *em, yaml_event_t *ev)
{
	return (yaml_emitter_emit(em, ev) != 0 ? 0 : -1);
}

/* Would a plain scalar with this text be read back as something else? */
static int
needs_quotes(const char *s)
{
	static const char *const special[] = { "true", "false", "yes", "no",
	    "on", "off", "null", "~", "y", "n", "True", "False", "Yes", "No",
	    "On", "Off", "Null", "NULL", "TRUE", "FALSE", "YES", "NO", NULL };
	const char	*p;
	char		*end;
	size_t		 i;

	if (*s == '\0')
		return (1);
	for (i = 0; special[i] != NULL; i++) {
		if (strcmp(s, special[i]) == 0)
			return (1);
	}
	strtod(s, &end);
	if (*end == '\0')
		return (1);
	for (p = s; *p != '\0'; p++) {
		if (p == s && strchr("-?:,[]{}#&*!|>'\"%@` ", *p) != NULL)
			return (1);
		if ((*p == ':' && (p[1] == ' ' || p[1] == '\0')) ||
		    (*p == '#' && p > s && p[-1] == ' '))
			return (1);
	}
	return (s[strlen(s) - 1] == ' ');
}

/*
 * A copy of s with every byte that does not start a valid UTF-8 sequence
 * (overlong forms, surrogates and values past U+10FFFF included) replaced
 * by U+FFFD. Caller frees.
 */
static char *
utf8_clean(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct scs_buf		 b;
	unsigned		 v;
	size_t			 n, i;

	scs_buf_init(&b, 0);
	while (*p != '\0') {
		n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 :
		    (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
		v = n == 1 ? *p : n == 2 ? *p & 0x1fu : n == 3 ? *p & 0x0fu :
		    *p & 0x07u;
		for (i = 1; i < n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				break;
			v = v << 6 | (p[i] & 0x3fu);
		}
		if (n == 0 || i < n || (n == 2 && v < 0x80) ||
		    (n == 3 && v < 0x800) || (n == 4 && v < 0x10000) ||
		    v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
			scs_buf_adds(&b, "\xef\xbf\xbd");
			p++;
			continue;
		}
		scs_buf_add(&b, p, n);
		p += n;
	}
	return (scs_buf_steal(&b));
}

static int
scalar(yaml_emitter_t *em, const char *s, int plain_ok)
{
	yaml_event_t		 ev;
	yaml_scalar_style_t	 style = YAML_ANY_SCALAR_STYLE;
	char			*clean;
	int			 ok;

	if (strchr(s, '\n') != NULL)
		style = YAML_LITERAL_SCALAR_STYLE;
	else if (!plain_ok)
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	/* libyaml refuses invalid UTF-8 (and leaves ev unset): clean it. */
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
	    (int)strlen(s), 1, 1, style)) {
		clean = utf8_clean(s);
		ok = yaml_scalar_event_initialize(&ev, NULL, NULL,
		    (yaml_char_t *)clean, (int)strlen(clean), 1, 1, style);
		free(clean);
		if (!ok)
			return (-1);
	}
	return (emit(em, &ev));
}

static int	node(yaml_emitter_t *, const cJSON *, int, int, unsigned,
		    const char *const *);

static int
revealed(const char *key, unsigned flags, const char *const *reveal)
{
	if (flags & SCS_YAML_REDACT)
		return (0);
	if (flags & SCS_YAML_REVEAL_ALL)
		return (1);
	if (reveal == NULL)
		return (0);
	for (; *reveal != NULL; reveal++) {
		if (strcmp(*reveal, key) == 0)
			return (1);
	}
	return (0);
}

/* mask: 1 inside a Secret's data/stringData map. */
static int
node(yaml_emitter_t *em, const cJSON *v, int depth, int mask, unsigned flags,
    const char *const *reveal)
{
	yaml_event_t	 ev;
	const cJSON	*c;
	char		 num[64];
	int		 child_mask;

	if (depth > YAML_MAX_DEPTH)
		return (-1);
	if (cJSON_IsObject(v)) {
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_MAPPING_STYLE);
		if (emit(em, &ev) != 0)
			return (-1);
		cJSON_ArrayForEach(c, v) {
			if (scalar(em, c->string, !needs_quotes(c->string)) !=
			    0)
				return (-1);
			if (mask == 1 && !revealed(c->string, flags, reveal)) {
				snprintf(num, sizeof num, "<hidden: %zu bytes>",
				    cJSON_IsString(c) ? strlen(c->valuestring) *
				    3 / 4 : (size_t)0);
				if (scalar(em, num, 0) != 0)
					return (-1);
				continue;
			}
			child_mask = mask == 2 && (strcmp(c->string, "data") ==
			    0 || strcmp(c->string, "stringData") == 0) ? 1 : 0;
			if (mask == 2 && strcmp(c->string, "metadata") == 0)
				child_mask = 3;
			if (mask == 3 && strcmp(c->string, "annotations") == 0)
				child_mask = 4;
			if (mask == 4 && (flags & SCS_YAML_REDACT) &&
			    strcmp(c->string, "kubectl.kubernetes.io/"
			    "last-applied-configuration") == 0) {
				if (scalar(em, "<redacted>", 0) != 0)
					return (-1);
				continue;
			}
			if (node(em, c, depth + 1, child_mask, flags, reveal) !=
			    0)
				return (-1);
		}
		yaml_mapping_end_event_initialize(&ev);
		return (emit(em, &ev));
	}
	if (cJSON_IsArray(v)) {
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_SEQUENCE_STYLE);
		if (emit(em, &ev) != 0)
			return (-1);
		cJSON_ArrayForEach(c, v) {
			if (node(em, c, depth + 1, 0, flags, reveal) != 0)
				return (-1);
		}
		yaml_sequence_end_event_initialize(&ev);
		return (emit(em, &ev));
	}
	if (cJSON_IsString(v))
		return (scalar(em, v->valuestring, !needs_quotes(
		    v->valuestring)));
	if (cJSON_IsBool(v))
		return (scalar(em, cJSON_IsTrue(v) ? "true" : "false", 1));
	if (cJSON_IsNumber(v)) {
		/* Integral and exact in a double (|x| <= 2^53): no cast
		 * out of range. */
		if (v->valuedouble >= -9007199254740992.0 &&
		    v->valuedouble <= 9007199254740992.0 &&
		    v->valuedouble == (double)(long long)v->valuedouble)
			snprintf(num, sizeof num, "%lld",
			    (long long)v->valuedouble);
		else
			snprintf(num, sizeof num, "%.17g", v->valuedouble);
		return (scalar(em, num, 1));
	}
	return (scalar(em, "null", 1));
}

int
scs_yaml_is_secret(const cJSON *o)
{
	const char	*kind = cJSON_GetStringValue(cJSON_GetObjectItem(o,
			    "kind"));
	const char	*api = cJSON_GetStringValue(cJSON_GetObjectItem(o,
			    "apiVersion"));

	return (kind != NULL && strcmp(kind, "Secret") == 0 && api != NULL &&
	    strcmp(api, "v1") == 0);
}

char *
scs_yaml_emit(const cJSON *obj, unsigned flags, const char *const *reveal,
    char **cause)
{
	yaml_emitter_t	 em;
	yaml_event_t	 ev;
	struct out	 o;
	int		 r = 0;

	scs_buf_init(&o.b, 64 * 1024 * 1024);
	if (!yaml_emitter_initialize(&em)) {
		scs_cause(cause, "cannot start the YAML emitter");
		return (NULL);
	}
	yaml_emitter_set_output(&em, write_handler, &o);
	yaml_emitter_set_unicode(&em, 1);
	yaml_emitter_set_width(&em, -1);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	r |= emit(&em, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	r |= emit(&em, &ev);
	if (r == 0)
		r |= node(&em, obj, 0, scs_yaml_is_secret(obj) ? 2 : 0, flags,
		    reveal);
	yaml_document_end_event_initialize(&ev, 1);
	r |= r == 0 ? emit(&em, &ev) : 0;
	yaml_stream_end_event_initialize(&ev);
	r |= r == 0 ? emit(&em, &ev) : 0;
	if (r != 0) {
		scs_cause(cause, "YAML: %s", em.problem != NULL ? em.problem :
		    "object too deep or too large");
		yaml_emitter_delete(&em);
		scs_buf_done(&o.b);
		return (NULL);
	}
	yaml_emitter_delete(&em);
	return (scs_buf_steal(&o.b));
}
