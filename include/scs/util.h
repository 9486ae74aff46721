/*
 * util.h: allocation wrappers, a growable byte buffer and small string
 * helpers shared by core and tui.
 *
 * The scs_x* allocators never return NULL: on exhaustion they print a
 * message and abort (like tmux's xmalloc). A zero-size request is a bug and
 * aborts too, as does one larger than PTRDIFF_MAX. cJSON allocates through
 * scs_xmalloc too (cJSON_InitHooks, before main). Everything returned is
 * the caller's to free().
 */
#ifndef SCS_UTIL_H
#define SCS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "scs/scs.h"

void	*scs_xmalloc(size_t);
void	*scs_xcalloc(size_t, size_t);
void	*scs_xreallocarray(void *, size_t, size_t);
char	*scs_xstrdup(const char *);
char	*scs_xstrndup(const char *, size_t);
int	 scs_xasprintf(char **, const char *, ...) SCS_PRINTF(2, 3);
int	 scs_xvasprintf(char **, const char *, va_list) SCS_PRINTF(2, 0);
/* Like scs_xasprintf but returns the string. */
char	*scs_xprintf(const char *, ...) SCS_PRINTF(1, 2);

/* Set *cause (if cause != NULL) to a new formatted string. */
void	 scs_cause(char **cause, const char *fmt, ...) SCS_PRINTF(2, 3);

/*
 * A growable byte buffer, always NUL-terminated after data[len] once
 * anything was added. max bounds the length (0 = unbounded): an append
 * past it fails with SCS_LIMIT and leaves the buffer unchanged.
 */
struct scs_buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
	size_t	 max;
};

void		 scs_buf_init(struct scs_buf *, size_t max);
void		 scs_buf_done(struct scs_buf *);	/* frees data, keeps max */
void		 scs_buf_reset(struct scs_buf *);	/* len = 0, keeps memory */
enum scs_status	 scs_buf_add(struct scs_buf *, const void *, size_t);
enum scs_status	 scs_buf_adds(struct scs_buf *, const char *);
enum scs_status	 scs_buf_addc(struct scs_buf *, char);
enum scs_status	 scs_buf_printf(struct scs_buf *, const char *, ...)
		    SCS_PRINTF(2, 3);
/* Drop the first n bytes (n <= len), moving the rest to the front. */
void		 scs_buf_consume(struct scs_buf *, size_t n);
/* Hand the data to the caller (never NULL) and reset the buffer. */
char		*scs_buf_steal(struct scs_buf *);

/* String helpers. */
int		 scs_streq(const char *, const char *);	/* NULL-safe */
int		 scs_strprefix(const char *s, const char *prefix);
int		 scs_strsuffix(const char *s, const char *suffix);
size_t		 scs_strlcpy(char *, const char *, size_t);

/* Overwrite memory that held a secret, in a way the compiler keeps. */
void		 scs_memzero(void *, size_t);
/* scs_memzero the string, then free it. NULL is fine. */
void		 scs_free_secret(char *);

/* NULL-terminated string vectors: a deep copy (NULL stays NULL) and its
 * free (NULL is fine). */
char		**scs_strv_dup(const char *const *);
void		 scs_strv_free(char **);

/* Encode code point cp as UTF-8 at out (room for 4 bytes); returns the
 * bytes written (invalid code points become U+FFFD). */
size_t		 scs_utf8_put(char *out, unsigned cp);
/* A character that changes how text around it shows while being
 * invisible itself: bidirectional controls (U+202A-U+202E, U+2066-U+2069,
 * U+200E, U+200F, U+061C) and invisible format characters (zero-width
 * space and joiners U+200B-U+200D, word joiner and invisible operators
 * U+2060-U+2064, U+FEFF, U+180E). Shown as escapes ("<U+202E>"), never
 * raw (Trojan Source). */
int		 scs_invisible_format(unsigned cp);

/* Base64 (standard alphabet). decode accepts missing padding and
 * whitespace; returns SCS_DECODE on bad input. Outputs are the caller's. */
char		*scs_base64_encode(const void *, size_t);
enum scs_status	 scs_base64_decode(const char *, size_t, unsigned char **out,
		    size_t *outlen);

/* Monotonic milliseconds and wall-clock seconds. The environment
 * variable SCS_NOW (RFC 3339 or epoch seconds) stops the wall clock at
 * that time (tests); the monotonic one always runs. */
int64_t		 scs_now_ms(void);
/* CPU time of the calling thread in microseconds (benchmarks: what one
 * key cost the loop, whatever the machine's load made it wait). */
int64_t		 scs_cpu_us(void);
int64_t		 scs_wall_s(void);
/* Parse RFC 3339 ("2026-01-02T03:04:05Z", fractions and offsets allowed)
 * into seconds since the epoch; -1 when malformed. */
int64_t		 scs_parse_rfc3339(const char *);
/* Format seconds as a kubectl-style age ("5s", "3m", "2h10m", "4d"). */
void		 scs_format_age(int64_t seconds, char *out, size_t outlen);
/* The age of an RFC 3339 time until now ("5m"), or "-" when ts is NULL
 * or malformed. */
void		 scs_format_age_since(const char *ts, char *out, size_t outlen);
/* Format seconds since the epoch as RFC 3339 UTC. out needs 21 bytes. */
void		 scs_format_rfc3339(int64_t t, char *out, size_t outlen);

/*
 * A unified diff of two texts by lines, as diff -u prints its hunks
 * ("@@ -3,7 +3,7 @@", then lines starting ' ', '-' or '+'), without the
 * file header; context lines around each change, hunks joined when their
 * contexts touch. "" when the texts are the same. At most 4,000 lines of
 * each text are compared. *changed (may be NULL): lines removed plus
 * added. Caller frees.
 */
char		*scs_diff_lines(const char *a, const char *b, int context,
		    size_t *changed);

/*
 * JSON merge patches (RFC 7386, json-merge.c). scs_json_merge_diff: the
 * patch that turns from into to (members removed are null, objects
 * recursed, anything else whole), NULL when they are equal; caller
 * frees. scs_json_merge_apply: target with patch applied (members keep
 * their places), returned; target is consumed (it may be replaced).
 */
struct cJSON;
struct cJSON	*scs_json_merge_diff(const struct cJSON *from,
		    const struct cJSON *to);
struct cJSON	*scs_json_merge_apply(struct cJSON *target,
		    const struct cJSON *patch);

#endif
