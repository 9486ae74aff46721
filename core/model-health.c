/*
 * model-health.c: conditions and health, the way clusterctl and the SCS
 * conformance tooling read them (DOMAIN.md section 3.1).
 */
#include <strings.h>
#include <string.h>

#include "scs/model.h"

static const char *const health_names[] = {
#define X(n, t)	t,
	SCS_HEALTH_LIST(X)
#undef X
};

const char *
scs_health_name(enum scs_health h)
{
	if ((unsigned)h >= SCS_HEALTH_MAX)
		return ("unknown");
	return (health_names[h]);
}

const char *
scs_health_word(enum scs_health h)
{
	switch (h) {
	case SCS_HEALTH_WARNING:
		return ("degraded");
	case SCS_HEALTH_ERROR:
		return ("failed");
	default:
		return (scs_health_name(h));
	}
}

const cJSON *
scs_condition(const cJSON *obj, const char *type)
{
	const cJSON	*conds, *c, *t;

	conds = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(obj, "status"), "conditions");
	cJSON_ArrayForEach(c, conds) {
		t = cJSON_GetObjectItemCaseSensitive(c, "type");
		if (cJSON_IsString(t) && strcasecmp(t->valuestring, type) == 0)
			return (c);
	}
	return (NULL);
}

const char *
scs_condition_status(const cJSON *obj, const char *type)
{
	const cJSON	*s;

	s = cJSON_GetObjectItemCaseSensitive(scs_condition(obj, type),
	    "status");
	return (cJSON_IsString(s) ? s->valuestring : NULL);
}

int
scs_condition_negative(const char *type)
{
	static const char *const negative[] = {
		"Paused", "Deleting", "RollingOut", "ScalingUp", "ScalingDown",
		"Remediating", "MachineUpdating", "Stalled", NULL
	};
	size_t	 i;

	for (i = 0; negative[i] != NULL; i++) {
		if (strcasecmp(type, negative[i]) == 0)
			return (1);
	}
	return (0);
}

enum scs_health
scs_condition_health(const cJSON *cond)
{
	const cJSON	*t, *s, *sev;
	int		 neg, is_true;

	t = cJSON_GetObjectItemCaseSensitive(cond, "type");
	s = cJSON_GetObjectItemCaseSensitive(cond, "status");
	if (!cJSON_IsString(t) || !cJSON_IsString(s))
		return (SCS_HEALTH_UNKNOWN);
	if (strcmp(s->valuestring, "True") != 0 &&
	    strcmp(s->valuestring, "False") != 0)
		return (SCS_HEALTH_UNKNOWN);
	neg = scs_condition_negative(t->valuestring);
	is_true = strcmp(s->valuestring, "True") == 0;
	if (is_true != neg)
		return (SCS_HEALTH_OK);
	if (neg)
		return (SCS_HEALTH_PROGRESSING);
	/* v1beta1 conditions grade a False by severity. */
	sev = cJSON_GetObjectItemCaseSensitive(cond, "severity");
	if (cJSON_IsString(sev)) {
		if (strcmp(sev->valuestring, "Warning") == 0)
			return (SCS_HEALTH_WARNING);
		if (strcmp(sev->valuestring, "Info") == 0)
			return (SCS_HEALTH_PROGRESSING);
	}
	return (SCS_HEALTH_ERROR);
}
