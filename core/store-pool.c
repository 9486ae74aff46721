/*
 * store-pool.c: one store per (API, resource, namespace), shared by every
 * view that shows it (store.h). A home view, a table and the alerts all
 * watching the same clusters hold one list and one watch between them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/store.h"
#include "scs/util.h"

struct pool_entry {
	struct scs_api		*api;
	struct scs_store	*store;
	unsigned		 refs;
};

struct scs_store_pool {
	struct pool_entry	*v;
	size_t			 n;
};

struct scs_store_pool *
scs_store_pool_new(void)
{
	return (scs_xcalloc(1, sizeof (struct scs_store_pool)));
}

void
scs_store_pool_free(struct scs_store_pool *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		scs_store_free(p->v[i].store);
	free(p->v);
	free(p);
}

static int
same_store(const struct pool_entry *e, struct scs_api *api,
    const struct scs_resource *res, const char *ns)
{
	const struct scs_resource	*r = scs_store_resource(e->store);

	return (e->api == api && strcmp(r->name, res->name) == 0 &&
	    strcmp(r->group, res->group) == 0 &&
	    strcmp(r->version, res->version) == 0 &&
	    strcmp(scs_store_namespace(e->store), ns) == 0);
}

struct scs_store *
scs_store_pool_get(struct scs_store_pool *p, struct scs_api *api,
    const struct scs_resource *res, const char *ns)
{
	struct pool_entry	*e;
	size_t			 i;

	if (ns == NULL || !res->namespaced)
		ns = "";
	for (i = 0; i < p->n; i++) {
		if (same_store(&p->v[i], api, res, ns)) {
			p->v[i].refs++;
			return (p->v[i].store);
		}
	}
	p->v = scs_xreallocarray(p->v, p->n + 1, sizeof *p->v);
	e = &p->v[p->n++];
	e->api = api;
	e->store = scs_store_new(api, res, *ns != '\0' ? ns : NULL, NULL);
	e->refs = 1;
	return (e->store);
}

void
scs_store_pool_put(struct scs_store_pool *p, struct scs_store *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		if (p->v[i].store != s)
			continue;
		if (--p->v[i].refs > 0)
			return;
		scs_store_free(s);
		p->v[i] = p->v[--p->n];
		return;
	}
}

size_t
scs_store_pool_count(const struct scs_store_pool *p)
{
	return (p->n);
}

struct scs_store *
scs_store_pool_at(const struct scs_store_pool *p, size_t i)
{
	return (i < p->n ? p->v[i].store : NULL);
}

enum scs_store_state
scs_store_pool_state(const struct scs_store_pool *p, struct scs_api *api,
    const char **message)
{
	enum scs_store_state	 st;
	size_t			 i;

	*message = "";
	for (i = 0; i < p->n; i++) {
		if (p->v[i].api != api)
			continue;
		st = scs_store_state(p->v[i].store, message);
		if (st == SCS_STORE_BACKOFF)
			return (st);
	}
	*message = "";
	return (SCS_STORE_SYNCED);
}

size_t
scs_store_pool_waiting(const struct scs_store_pool *p, struct scs_api *api,
    char *buf, size_t len)
{
	enum scs_store_state	 st;
	size_t			 i, n = 0, used = 0;
	int			 w;

	if (len > 0)
		buf[0] = '\0';
	for (i = 0; i < p->n; i++) {
		if (p->v[i].api != api)
			continue;
		st = scs_store_state(p->v[i].store, NULL);
		if (st != SCS_STORE_LOADING && st != SCS_STORE_RESYNCING &&
		    st != SCS_STORE_BACKOFF)
			continue;
		n++;
		if (used >= len)
			continue;
		w = snprintf(buf + used, len - used, "%s%s", n > 1 ? ", " : "",
		    scs_store_resource(p->v[i].store)->name);
		used = w < 0 ? len : used + (size_t)w;
	}
	return (n);
}
