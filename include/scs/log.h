/*
 * log.h: the debug log. Off until scs_log_open; lines go to a file, never
 * to the terminal the TUI draws on.
 *
 * Secrets never reach the log: callers never pass token or secret values,
 * and as a second line of defence every string registered with
 * scs_log_secret is replaced by "<redacted>" in each line before it is
 * written (tokens, passwords, key material).
 */
#ifndef SCS_LOG_H
#define SCS_LOG_H

#include "scs/scs.h"

enum scs_log_level {
	SCS_LOG_ERROR,
	SCS_LOG_WARN,
	SCS_LOG_INFO,
	SCS_LOG_DEBUG
};

/* Open (append, 0600, O_NOFOLLOW) the log file; level is the most verbose
 * level written. Returns SCS_IO with *cause on failure. */
enum scs_status	scs_log_open(const char *path, enum scs_log_level,
		    char **cause);
void		scs_log_close(void);
int		scs_log_enabled(enum scs_log_level);
void		scs_log(enum scs_log_level, const char *fmt, ...)
		    SCS_PRINTF(2, 3);
/* Register a secret to scrub from every later line (copied; 8+ chars). */
void		scs_log_secret(const char *);

#define scs_log_error(...)	scs_log(SCS_LOG_ERROR, __VA_ARGS__)
#define scs_log_warn(...)	scs_log(SCS_LOG_WARN, __VA_ARGS__)
#define scs_log_info(...)	scs_log(SCS_LOG_INFO, __VA_ARGS__)
#define scs_log_debug(...)	scs_log(SCS_LOG_DEBUG, __VA_ARGS__)

#endif
