/*
 * model-fleet.c: a summary of many clusters for the fleet overviews:
 * counts by health, namespace, class and Kubernetes version, and what
 * needs attention first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/store.h"
#include "scs/util.h"

/* A cluster stuck deleting for longer than this needs attention. */
#define STUCK_DELETING_S	(30 * 60)

struct groups {
	struct scs_fleet_group	*v;
	size_t			 n, cap;
};

static void
group_count(struct scs_fleet_group **v, size_t *n, const char *key,
    const struct scs_record *r)
{
	struct scs_fleet_group	*g = NULL;
	size_t			 i;

	if (key == NULL || *key == '\0')
		key = "-";
	/* Few distinct keys (interned strings): a linear scan by pointer
	 * first, then by text. */
	for (i = 0; i < *n; i++) {
		if ((*v)[i].key == key || strcmp((*v)[i].key, key) == 0) {
			g = &(*v)[i];
			break;
		}
	}
	if (g == NULL) {
		*v = scs_xreallocarray(*v, *n + 1, sizeof **v);
		g = &(*v)[(*n)++];
		memset(g, 0, sizeof *g);
		g->key = key;
	}
	g->total++;
	g->n[r->health]++;
	if (r->ncols > SCS_CLUSTER_AVAILABLE &&
	    scs_streq(r->cols[SCS_CLUSTER_AVAILABLE], "True"))
		g->available++;
}

static int
group_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct scs_fleet_group *)a)->key,
	    ((const struct scs_fleet_group *)b)->key));
}

/* Newest Kubernetes version first. */
static int
version_cmp(const void *a, const void *b)
{
	const char	*x = ((const struct scs_fleet_group *)a)->key;
	const char	*y = ((const struct scs_fleet_group *)b)->key;
	int		 xa = 0, xb = 0, xc = 0, ya = 0, yb = 0, yc = 0;

	if (*x == 'v')
		x++;
	if (*y == 'v')
		y++;
	(void)sscanf(x, "%d.%d.%d", &xa, &xb, &xc);
	(void)sscanf(y, "%d.%d.%d", &ya, &yb, &yc);
	if (xa != ya)
		return (ya - xa);
	if (xb != yb)
		return (yb - xb);
	return (yc - xc);
}

static int
why_rank(const struct scs_record *r, int64_t now)
{
	const char	*w = scs_fleet_why(r, now);

	if (w == NULL)
		return (9);
	if (strcmp(w, "failed") == 0)
		return (0);
	if (strcmp(w, "degraded") == 0)
		return (1);
	if (strcmp(w, "deleting") == 0)
		return (2);
	return (3);
}

static int64_t	cmp_now;	/* for qsort; one thread */

struct tagged {
	const struct scs_record	*r;
	const char		*tag;
};

static int
attention_cmp(const void *a, const void *b)
{
	const struct scs_record	*x = ((const struct tagged *)a)->r;
	const struct scs_record	*y = ((const struct tagged *)b)->r;
	int			 c;

	if ((c = why_rank(x, cmp_now) - why_rank(y, cmp_now)) != 0)
		return (c);
	if (x->since != y->since)
		return (x->since < y->since ? -1 : 1);
	if ((c = strcmp(x->ns, y->ns)) != 0)
		return (c);
	return (strcmp(x->name, y->name));
}

const char *
scs_fleet_why(const struct scs_record *r, int64_t now)
{
	const char	*v;

	switch (r->health) {
	case SCS_HEALTH_ERROR:
	case SCS_HEALTH_WARNING:
		return (scs_health_word(r->health));
	case SCS_HEALTH_DELETING:
		if (r->deleted > 0 && now - r->deleted > STUCK_DELETING_S)
			return ("deleting");
		break;
	default:
		break;
	}
	v = r->ncols > SCS_CLUSTER_VERSION ? r->cols[SCS_CLUSTER_VERSION] :
	    NULL;
	if (v != NULL && scs_version_state(v, now) == SCS_VERSION_EOL)
		return ("end of life");
	return (NULL);
}

static void
parse_version(const char *v, int *a, int *b, int *c)
{
	*a = *b = *c = -1;
	if (v == NULL)
		return;
	if (*v == 'v')
		v++;
	(void)sscanf(v, "%d.%d.%d", a, b, c);
}

/* For each version group: the newest patch of its minor among the
 * fleet's versions and the known ones; count clusters behind it. */
static void
latest_patches(struct scs_fleet *f, const char *const *known)
{
	size_t	 i, j;
	int	 a, b, c, ka, kb, kc, best;

	for (i = 0; i < f->nversion; i++) {
		parse_version(f->by_version[i].key, &a, &b, &c);
		if (c < 0)
			continue;
		best = c;
		for (j = 0; j < f->nversion; j++) {
			parse_version(f->by_version[j].key, &ka, &kb, &kc);
			if (ka == a && kb == b && kc > best)
				best = kc;
		}
		for (j = 0; known != NULL && known[j] != NULL; j++) {
			parse_version(known[j], &ka, &kb, &kc);
			if (ka == a && kb == b && kc > best)
				best = kc;
		}
		snprintf(f->by_version[i].latest, sizeof
		    f->by_version[i].latest, "v%d.%d.%d", a, b, best);
		if (best > c)
			f->behind_patch += f->by_version[i].total;
	}
}

void
scs_fleet_build_many(struct scs_fleet *f, const struct scs_index *const *xs,
    const char *const *tags, size_t nx, const char *ns,
    const char *const *known, int64_t now)
{
	const struct scs_record	*r;
	struct tagged		*att;
	struct scs_fleet_group	*g;
	size_t			 i, k, n = 0, na = 0;
	const char		*v;
	enum scs_version_state	 vs;

	memset(f, 0, sizeof *f);
	for (k = 0; k < nx; k++)
		n += xs[k] != NULL ? scs_index_count(xs[k]) : 0;
	att = scs_xcalloc(n + 1, sizeof *att);
	f->by_tag = scs_xcalloc(nx + 1, sizeof *f->by_tag);
	f->ntag = nx;
	for (k = 0; k < nx; k++) {
		g = &f->by_tag[k];
		g->key = tags != NULL && tags[k] != NULL ? tags[k] : "";
		for (i = 0; xs[k] != NULL && i < scs_index_count(xs[k]); i++) {
			r = scs_index_at(xs[k], i);
			if (ns != NULL && *ns != '\0' && strcmp(r->ns, ns) != 0)
				continue;
			f->total++;
			f->n[r->health]++;
			g->total++;
			g->n[r->health]++;
			if (r->ncols > SCS_CLUSTER_AVAILABLE &&
			    scs_streq(r->cols[SCS_CLUSTER_AVAILABLE], "True")) {
				f->available++;
				g->available++;
			}
			group_count(&f->by_ns, &f->nns, r->ns, r);
			group_count(&f->by_class, &f->nclass, r->ncols >
			    SCS_CLUSTER_CLASS ? r->cols[SCS_CLUSTER_CLASS] :
			    NULL, r);
			v = r->ncols > SCS_CLUSTER_VERSION ?
			    r->cols[SCS_CLUSTER_VERSION] : NULL;
			group_count(&f->by_version, &f->nversion, v, r);
			if (v != NULL) {
				vs = scs_version_state(v, now);
				f->eol += vs == SCS_VERSION_EOL;
				f->eol_soon += vs == SCS_VERSION_EOL_SOON;
			}
			if (scs_fleet_why(r, now) != NULL) {
				att[na].r = r;
				att[na].tag = g->key;
				na++;
			}
		}
	}
	if (f->nns > 1)
		qsort(f->by_ns, f->nns, sizeof *f->by_ns, group_cmp);
	if (f->nclass > 1)
		qsort(f->by_class, f->nclass, sizeof *f->by_class, group_cmp);
	if (f->nversion > 1)
		qsort(f->by_version, f->nversion, sizeof *f->by_version, version_cmp);
	latest_patches(f, known);
	cmp_now = now;
	if (na > 1)
		qsort(att, na, sizeof *att, attention_cmp);
	f->attention = scs_xcalloc(na + 1, sizeof *f->attention);
	f->attention_tag = scs_xcalloc(na + 1, sizeof *f->attention_tag);
	for (i = 0; i < na; i++) {
		f->attention[i] = att[i].r;
		f->attention_tag[i] = att[i].tag;
	}
	f->nattention = na;
	free(att);
}

void
scs_fleet_build(struct scs_fleet *f, const struct scs_index *x,
    const char *ns, const char *const *known, int64_t now)
{
	scs_fleet_build_many(f, &x, NULL, 1, ns, known, now);
}

void
scs_fleet_free(struct scs_fleet *f)
{
	free(f->by_ns);
	free(f->by_class);
	free(f->by_version);
	free(f->by_tag);
	free(f->attention);
	free(f->attention_tag);
	memset(f, 0, sizeof *f);
}
