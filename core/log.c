/*
 * log.c: the debug log, with secret scrubbing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scs/log.h"
#include "scs/util.h"

#define LOG_MAX_SECRETS	64

static FILE		*log_file;
static enum scs_log_level log_level = SCS_LOG_INFO;
static char		*log_secrets[LOG_MAX_SECRETS];
static size_t		 log_nsecrets;

static const char *const log_names[] = { "error", "warn", "info", "debug" };

enum scs_status
scs_log_open(const char *path, enum scs_log_level level, char **cause)
{
	int	 fd;

	scs_log_close();
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1) {
		scs_cause(cause, "%s: %s", path, strerror(errno));
		return (SCS_IO);
	}
	if ((log_file = fdopen(fd, "a")) == NULL) {
		scs_cause(cause, "%s: %s", path, strerror(errno));
		close(fd);
		return (SCS_IO);
	}
	setvbuf(log_file, NULL, _IOLBF, 0);
	log_level = level;
	return (SCS_OK);
}

void
scs_log_close(void)
{
	size_t	 i;

	if (log_file != NULL)
		fclose(log_file);
	log_file = NULL;
	for (i = 0; i < log_nsecrets; i++)
		scs_free_secret(log_secrets[i]);
	log_nsecrets = 0;
}

int
scs_log_enabled(enum scs_log_level level)
{
	return (log_file != NULL && level <= log_level);
}

void
scs_log_secret(const char *s)
{
	size_t	 i;

	if (s == NULL || strlen(s) < 8)
		return;
	for (i = 0; i < log_nsecrets; i++) {
		if (strcmp(log_secrets[i], s) == 0)
			return;
	}
	if (log_nsecrets == LOG_MAX_SECRETS) {
		/* Keep the newest: drop the oldest. */
		scs_free_secret(log_secrets[0]);
		memmove(log_secrets, log_secrets + 1,
		    (LOG_MAX_SECRETS - 1) * sizeof *log_secrets);
		log_nsecrets--;
	}
	log_secrets[log_nsecrets++] = scs_xstrdup(s);
}

/*
 * Replace each registered secret in line by "<redacted>". The search goes
 * on after the marker, so a secret that is part of the marker (a token
 * "redacted") cannot match again.
 */
static char *
log_scrub(char *line)
{
	static const char	 mark[] = "<redacted>";
	size_t			 i, len, off;
	char			*p, *out;

	for (i = 0; i < log_nsecrets; i++) {
		len = strlen(log_secrets[i]);
		off = 0;
		while ((p = strstr(line + off, log_secrets[i])) != NULL) {
			off = (size_t)(p - line);
			scs_xasprintf(&out, "%.*s%s%s", (int)off, line, mark,
			    p + len);
			scs_free_secret(line);
			line = out;
			off += sizeof mark - 1;
		}
	}
	return (line);
}

void
scs_log(enum scs_log_level level, const char *fmt, ...)
{
	va_list		 ap;
	char		*line, stamp[32];
	struct timespec	 ts;
	struct tm	 tm;
	size_t		 i;

	if (!scs_log_enabled(level))
		return;
	va_start(ap, fmt);
	scs_xvasprintf(&line, fmt, ap);
	va_end(ap);
	line = log_scrub(line);
	/* One event per line: no raw control characters from servers. */
	for (i = 0; line[i] != '\0'; i++) {
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
			line[i] = '?';
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(log_file, "%s.%03ldZ %-5s %s\n", stamp, ts.tv_nsec / 1000000,
	    log_names[level], line);
	scs_free_secret(line);
}
