/*
 * bench-list.c: list every cluster of a server page by page (500) with
 * the core client, as the store does; prints the count. Used by ./dev
 * bench to time the simulator's paginated list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/api.h"
#include "scs/kubeconfig.h"
#include "scs/util.h"

struct st {
	int	 done;
	int	 ok;
	long	 items;
	char	*cont;
};

static void
on_page(const struct scs_api_result *r, void *arg)
{
	struct st	*s = arg;
	const cJSON	*c;

	s->done = 1;
	s->ok = r->status == SCS_OK;
	if (!s->ok) {
		fprintf(stderr, "bench-list: %s\n", r->message);
		return;
	}
	s->items += cJSON_GetArraySize(cJSON_GetObjectItem(r->json, "items"));
	c = cJSON_GetObjectItem(cJSON_GetObjectItem(r->json, "metadata"),
	    "continue");
	s->cont = cJSON_IsString(c) && c->valuestring[0] != '\0' ?
	    scs_xstrdup(c->valuestring) : NULL;
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
	int				 d = 0;

	if (argc != 2 || scs_kubeconfig_load(argv[1], &kc, &cause) != SCS_OK ||
	    scs_kubeconfig_resolve(kc, NULL, &t, &cause) != SCS_OK) {
		fprintf(stderr, "bench-list: %s\n", cause != NULL ? cause :
		    "usage: bench-list KUBECONFIG");
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
	do {
		prev = s.cont;
		memset(&lo, 0, sizeof lo);
		lo.continue_token = prev;
		s.done = 0;
		s.cont = NULL;
		scs_api_list(a, res, NULL, &lo, on_page, &s);
		while (!s.done)
			scs_http_run(h, 100);
		free(prev);
	} while (s.ok && s.cont != NULL);
	printf("%ld\n", s.items);
	scs_api_free(a);
	scs_http_free(h);
	scs_target_free(t);
	scs_kubeconfig_free(kc);
	return (s.ok ? 0 : 1);
}
