/*
 * status.c: status codes to text.
 */
#include "scs-config.h"
#include "scs/scs.h"

static const char *const status_text[] = {
#define X(name, text)	text,
	SCS_STATUS_LIST(X)
#undef X
};

static const char *const status_names[] = {
#define X(name, text)	#name,
	SCS_STATUS_LIST(X)
#undef X
};

const char *
scs_strerror(enum scs_status s)
{
	if ((unsigned)s >= SCS_STATUS_MAX)
		return ("unknown error");
	return (status_text[s]);
}

const char *
scs_status_name(enum scs_status s)
{
	if ((unsigned)s >= SCS_STATUS_MAX)
		return ("UNKNOWN");
	return (status_names[s]);
}

const char *
scs_version(void)
{
	return (SCS_VERSION);
}
