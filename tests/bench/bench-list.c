/*
 * bench-list.c: list every cluster of a server page by page (500) with
 * the core client, as the store lists when it pages: each page decoded
 * item by item as its body arrives, without managedFields
 * (scs_api_list_stream); prints the count. Used by ./dev bench to time
 * the simulator's paginated list.
 *
 *   bench-list [--columns] KUBECONFIG
 *
 * --columns: instead of the count, one line per cluster as kubectl's
 * custom-columns NS,NAME,PHASE,WR,WD (.status.workers.readyReplicas,
 * .desiredReplicas; "<none>" when absent): the fresh list that bench's
 * lost-update check compares with above --kubectl-max, where kubectl's
 * own list of 100,000 realistic clusters grows past 10 GB. Only one
 * item's tree is held at a time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/api.h"
#include "scs/kubeconfig.h"
#include "scs/model.h"
#include "scs/util.h"

struct st {
	int	 done;
	int	 ok;
	int	 columns;
	long	 items;
	char	*cont;
};

static const char *
str_or_none(const cJSON *o, const char *path)
{
	const char	*s = cJSON_GetStringValue(scs_jpath(o, path));

	return (s != NULL && *s != '\0' ? s : "<none>");
}

static void
print_int_or_none(const cJSON *o, const char *path, char sep)
{
	const cJSON	*v = scs_jpath(o, path);

	if (cJSON_IsNumber(v))
		printf("%.0f%c", v->valuedouble, sep);
	else
		printf("<none>%c", sep);
}

static void
on_item(const cJSON *item, void *arg)
{
	struct st	*s = arg;

	s->items++;
	if (!s->columns)
		return;
	printf("%s ", str_or_none(item, "metadata.namespace"));
	printf("%s ", str_or_none(item, "metadata.name"));
	printf("%s ", str_or_none(item, "status.phase"));
	print_int_or_none(item, "status.workers.readyReplicas", ' ');
	print_int_or_none(item, "status.workers.desiredReplicas", '\n');
}

static void
on_page(const struct scs_api_result *r, void *arg)
{
	struct st	*s = arg;
	const char	*c;

	s->done = 1;
	s->ok = r->status == SCS_OK;
	if (!s->ok) {
		fprintf(stderr, "bench-list: %s\n", r->message);
		return;
	}
	c = cJSON_GetStringValue(scs_jpath(r->json, "metadata.continue"));
	s->cont = c != NULL && *c != '\0' ? scs_xstrdup(c) : NULL;
}

static void
on_disc(const struct scs_api_result *r, void *arg)
{
	(void)r;
	*(int *)arg = 1;
}

int
main(int argc, char **argv)
{
	struct scs_kubeconfig		*kc;
	struct scs_target		*t;
	struct scs_http			*h = scs_http_new();
	struct scs_api			*a;
	struct scs_api_options		 o;
	const struct scs_resource	*res;
	struct scs_list_opts		 lo;
	struct st			 s;
	char				*cause = NULL, *prev;
	int				 d = 0, columns = 0;

	if (argc == 3 && strcmp(argv[1], "--columns") == 0) {
		columns = 1;
		argv++;
		argc--;
	}
	if (argc != 2 || scs_kubeconfig_load(argv[1], &kc, &cause) != SCS_OK ||
	    scs_kubeconfig_resolve(kc, NULL, &t, &cause) != SCS_OK) {
		fprintf(stderr, "bench-list: %s\n", cause != NULL ? cause :
		    "usage: bench-list [--columns] KUBECONFIG");
		return (2);
	}
	memset(&o, 0, sizeof o);
	a = scs_api_new(h, t, &o, &cause);
	scs_api_discover(a, on_disc, &d);
	while (!d)
		scs_http_run(h, 100);
	if ((res = scs_discovery_find(scs_api_discovery(a), "clusters")) ==
	    NULL)
		return (1);
	memset(&s, 0, sizeof s);
	s.columns = columns;
	do {
		prev = s.cont;
		memset(&lo, 0, sizeof lo);
		lo.continue_token = prev;
		lo.lean = 1;
		s.done = 0;
		s.cont = NULL;
		scs_api_list_stream(a, res, NULL, &lo, on_item, on_page, &s);
		while (!s.done)
			scs_http_run(h, 100);
		free(prev);
	} while (s.ok && s.cont != NULL);
	if (!columns)
		printf("%ld\n", s.items);
	scs_api_free(a);
	scs_http_free(h);
	scs_target_free(t);
	scs_kubeconfig_free(kc);
	return (s.ok && fflush(stdout) == 0 ? 0 : 1);
}
