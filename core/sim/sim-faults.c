/*
 * sim-faults.c: parse --faults SPEC, a comma list of faults the server
 * injects (drop-every=N, cut-watch-after=N, 429-every=N[:retry=S],
 * 500-burst=N, slow=MS, expire-continue, watch-410-every=N, storm=N,
 * storm-for=MS).
 */
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-int.h"

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

enum scs_status
sim_faults_parse(const char *spec, struct sim_faults *f, char **cause)
{
	char	*copy, *item, *save = NULL, *eq, *r;
	long	*dst;

	memset(f, 0, sizeof *f);
	if (spec == NULL || *spec == '\0')
		return (SCS_OK);
	copy = scs_xstrdup(spec);
	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		if (strcmp(item, "expire-continue") == 0) {
			f->expire_continue = 1;
			continue;
		}
		if ((eq = strchr(item, '=')) == NULL)
			goto bad;
		*eq++ = '\0';
		if (strcmp(item, "drop-every") == 0)
			dst = &f->drop_every;
		else if (strcmp(item, "cut-watch-after") == 0)
			dst = &f->cut_watch_after;
		else if (strcmp(item, "429-every") == 0) {
			dst = &f->t429_every;
			f->retry_after = 1;
			if ((r = strstr(eq, ":retry=")) != NULL &&
			    num(r + 7, &f->retry_after) != 0)
				goto bad;
		} else if (strcmp(item, "500-burst") == 0)
			dst = &f->burst500;
		else if (strcmp(item, "slow") == 0)
			dst = &f->slow_ms;
		else if (strcmp(item, "watch-410-every") == 0)
			dst = &f->watch410_every;
		else if (strcmp(item, "storm") == 0)
			dst = &f->storm;
		else if (strcmp(item, "storm-for") == 0)
			dst = &f->storm_for;
		else
			goto bad;
		if (num(eq, dst) != 0)
			goto bad;
	}
	free(copy);
	return (SCS_OK);
bad:
	scs_cause(cause, "bad fault '%s' (known: drop-every=N, "
	    "cut-watch-after=N, 429-every=N[:retry=S], 500-burst=N, slow=MS, "
	    "expire-continue, watch-410-every=N, storm=N, storm-for=MS)",
	    item);
	free(copy);
	return (SCS_USAGE);
}
