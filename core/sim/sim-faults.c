/*
 * sim-faults.c: parse --faults SPEC, a comma list of faults the server
 * injects (sim-int.h, struct sim_faults, says what each one does).
 */
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-int.h"

#define FAULTS_KNOWN	"drop-every=N, cut-watch-after=N, " \
	"drop-watch-after=N, cut-list-every=N, 429-every=N[:retry=S], " \
	"500-burst=N, slow=MS, expire-continue[=N], watch-410-every=N, " \
	"hang-after=N[:for=MS], hang-every=N, " \
	"restart-after=MS[:down=MS][:init=MS], " \
	"storm=N, storm-for=MS, no-watch-list, old-watch, forbid=PLURAL"

static int
num(const char *s, long *out)
{
	char	*end;
	long	 v = strtol(s, &end, 10);

	if (end == s || (*end != '\0' && *end != ':') || v < 0 ||
	    v > 100000000)
		return (-1);
	*out = v;
	return (0);
}

/* An optional ":NAME=VALUE" after the number of item's value. */
static int
suffix(const char *value, const char *name, long *out)
{
	const char	*colon = strchr(value, ':');
	size_t		 n = strlen(name);

	if (colon == NULL)
		return (0);
	if (strncmp(colon + 1, name, n) != 0 || colon[1 + n] != '=')
		return (-1);
	return (num(colon + 2 + n, out));
}

/* restart-after's ":down=MS" and ":init=MS", in any order. */
static int
restart_suffixes(const char *value, struct sim_faults *f)
{
	const char	*p = value;
	long		*dst;

	while ((p = strchr(p, ':')) != NULL) {
		p++;
		if (strncmp(p, "down=", 5) == 0)
			dst = &f->restart_down_ms;
		else if (strncmp(p, "init=", 5) == 0)
			dst = &f->restart_init_ms;
		else
			return (-1);
		if (num(p + 5, dst) != 0)
			return (-1);
	}
	return (0);
}

enum scs_status
sim_faults_parse(const char *spec, struct sim_faults *f, char **cause)
{
	char	*copy, *item, *save = NULL, *eq;
	long	*dst;
	int	 bad_suffix;

	memset(f, 0, sizeof *f);
	if (spec == NULL || *spec == '\0')
		return (SCS_OK);
	copy = scs_xstrdup(spec);
	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		if (strcmp(item, "expire-continue") == 0) {
			f->expire_continue = -1;
			continue;
		}
		if (strcmp(item, "no-watch-list") == 0) {
			f->no_watch_list = 1;
			continue;
		}
		if (strcmp(item, "old-watch") == 0) {
			f->old_watch = 1;
			continue;
		}
		if ((eq = strchr(item, '=')) == NULL)
			goto bad;
		*eq++ = '\0';
		if (strcmp(item, "forbid") == 0) {
			if (*eq == '\0' || strlen(eq) >= sizeof f->forbid)
				goto bad;
			memcpy(f->forbid, eq, strlen(eq) + 1);
			continue;
		}
		bad_suffix = strchr(eq, ':') != NULL;
		if (strcmp(item, "drop-every") == 0)
			dst = &f->drop_every;
		else if (strcmp(item, "cut-watch-after") == 0)
			dst = &f->cut_watch_after;
		else if (strcmp(item, "drop-watch-after") == 0)
			dst = &f->drop_watch_after;
		else if (strcmp(item, "expire-continue") == 0)
			dst = &f->expire_continue;
		else if (strcmp(item, "cut-list-every") == 0)
			dst = &f->cut_list_every;
		else if (strcmp(item, "429-every") == 0) {
			dst = &f->t429_every;
			f->retry_after = 1;
			if (suffix(eq, "retry", &f->retry_after) != 0)
				goto bad;
			bad_suffix = 0;
		} else if (strcmp(item, "500-burst") == 0)
			dst = &f->burst500;
		else if (strcmp(item, "slow") == 0)
			dst = &f->slow_ms;
		else if (strcmp(item, "watch-410-every") == 0)
			dst = &f->watch410_every;
		else if (strcmp(item, "hang-after") == 0) {
			dst = &f->hang_after;
			f->hang = 1;
			if (suffix(eq, "for", &f->hang_for_ms) != 0)
				goto bad;
			bad_suffix = 0;
		} else if (strcmp(item, "hang-every") == 0)
			dst = &f->hang_every;
		else if (strcmp(item, "restart-after") == 0) {
			dst = &f->restart_after_ms;
			if (restart_suffixes(eq, f) != 0)
				goto bad;
			bad_suffix = 0;
		} else if (strcmp(item, "storm") == 0)
			dst = &f->storm;
		else if (strcmp(item, "storm-for") == 0)
			dst = &f->storm_for;
		else
			goto bad;
		/* 0 turns a fault off (hang-after=0: from the next
		 * request on). */
		if (bad_suffix || num(eq, dst) != 0)
			goto bad;
	}
	free(copy);
	return (SCS_OK);
bad:
	scs_cause(cause, "bad fault '%s' (known: " FAULTS_KNOWN ")", item);
	free(copy);
	return (SCS_USAGE);
}
