/*
 * model-events.c: core/v1 Events as an operator reads them about a
 * cluster: when each last happened, whether it is about one of a set of
 * objects (the cluster and what is under it), newest first.
 */
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/util.h"

static const char *
str(const cJSON *o, const char *path)
{
	return (cJSON_GetStringValue(scs_jpath(o, path)));
}

int64_t
scs_event_time(const cJSON *ev)
{
	static const char *const when[] = { "lastTimestamp", "eventTime",
	    "series.lastObservedTime", "metadata.creationTimestamp" };
	const char	*s;
	int64_t		 t;
	size_t		 i;

	for (i = 0; i < sizeof when / sizeof when[0]; i++) {
		if ((s = str(ev, when[i])) != NULL &&
		    (t = scs_parse_rfc3339(s)) > 0)
			return (t);
	}
	return (0);
}

int
scs_event_about(const cJSON *ev, const cJSON *const *objs, size_t nobjs)
{
	const char	*kind = str(ev, "involvedObject.kind");
	const char	*name = str(ev, "involvedObject.name");
	const char	*on;
	size_t		 i;

	if (kind == NULL || name == NULL)
		return (0);
	for (i = 0; i < nobjs; i++) {
		if ((on = str(objs[i], "metadata.name")) == NULL)
			on = str(objs[i], "name");	/* a reference */
		if (scs_streq(kind, str(objs[i], "kind")) &&
		    scs_streq(name, on))
			return (1);
	}
	return (0);
}

static int
newer(const void *pa, const void *pb)
{
	const cJSON	*a = *(const cJSON *const *)pa;
	const cJSON	*b = *(const cJSON *const *)pb;
	int64_t		 ta = scs_event_time(a), tb = scs_event_time(b);
	const char	*na = str(a, "metadata.name"), *nb = str(b,
			    "metadata.name");

	if (ta != tb)
		return (ta > tb ? -1 : 1);
	return (strcmp(na != NULL ? na : "", nb != NULL ? nb : ""));
}

void
scs_events_sort(const cJSON **v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, newer);
}
