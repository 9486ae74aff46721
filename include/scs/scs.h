/*
 * scs.h: libscs basics shared by every module: status codes and version.
 *
 * Every fallible core call returns an enum scs_status (SCS_OK is 0) and,
 * where detail helps, fills an optional allocated "char **cause" that the
 * caller frees. There is no global error state.
 */
#ifndef SCS_SCS_H
#define SCS_SCS_H

#define SCS_STATUS_LIST(X)						\
	X(OK,		"success")					\
	X(NOMEM,	"out of memory")				\
	X(IO,		"input/output error")				\
	X(HTTP,		"HTTP transfer failed")				\
	X(TLS,		"TLS handshake or certificate error")		\
	X(TIMEOUT,	"request timed out")				\
	X(API,		"API server returned an error")			\
	X(DECODE,	"malformed response")				\
	X(CONFIG,	"invalid kubeconfig")				\
	X(AUTH,		"credentials missing or rejected")		\
	X(FORBIDDEN,	"forbidden")					\
	X(NOTFOUND,	"not found")					\
	X(CONFLICT,	"conflict")					\
	X(EXPIRED,	"resource version expired")			\
	X(INVALID,	"invalid value")				\
	X(LIMIT,	"input exceeds a size limit")			\
	X(READONLY,	"refused: read-only mode")			\
	X(CANCELLED,	"cancelled")					\
	X(USAGE,	"usage error")

enum scs_status {
#define X(name, text)	SCS_##name,
	SCS_STATUS_LIST(X)
#undef X
	SCS_STATUS_MAX
};

/* Static text for a status; never NULL. */
const char	*scs_strerror(enum scs_status);

/* Name of a status ("NOTFOUND"), for logs and tests; never NULL. */
const char	*scs_status_name(enum scs_status);

/* Library version string, e.g. "0.1.0". */
const char	*scs_version(void);

#if defined(__GNUC__)
#define SCS_PRINTF(f, a)	__attribute__((format(printf, f, a)))
#define SCS_NORETURN		__attribute__((noreturn))
#define SCS_UNUSED		__attribute__((unused))
#else
#define SCS_PRINTF(f, a)
#define SCS_NORETURN
#define SCS_UNUSED
#endif

#endif
