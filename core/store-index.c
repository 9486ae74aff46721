/*
 * store-index.c: the pure part of a store: compact records kept sorted by
 * (namespace, name), found by binary search.
 */
#include <stdlib.h>
#include <string.h>

#include "scs/store.h"
#include "scs/util.h"

struct scs_index {
	const struct scs_kind	 *kind;
	struct scs_strtab	 *strtab;
	struct scs_record	**recs;
	size_t			  n;
	size_t			  cap;
	uint64_t		  generation;
	uint32_t		  mark;		/* current sweep mark */
	int			  keep;		/* keep whole objects */
	size_t			  bytes;	/* owned record strings */
};

struct scs_index *
scs_index_new(const struct scs_kind *kind)
{
	struct scs_index	*x;

	x = scs_xcalloc(1, sizeof *x);
	x->kind = kind;
	x->strtab = scs_strtab_new();
	return (x);
}

void
scs_index_free(struct scs_index *x)
{
	size_t	 i;

	if (x == NULL)
		return;
	for (i = 0; i < x->n; i++) {
		scs_record_clear(x->recs[i]);
		free(x->recs[i]);
	}
	free(x->recs);
	scs_strtab_free(x->strtab);
	free(x);
}

void
scs_index_keep_objects(struct scs_index *x, int keep)
{
	const char	*plural = x->kind->plural;

	if (plural != NULL && strcmp(plural, "secrets") == 0)
		keep = 0;
	x->keep = keep;
}

const struct scs_kind *
scs_index_kind(const struct scs_index *x)
{
	return (x->kind);
}

static int
key_cmp(const char *ns1, const char *n1, const char *ns2, const char *n2)
{
	int	 c;

	if ((c = strcmp(ns1, ns2)) != 0)
		return (c);
	return (strcmp(n1, n2));
}

int
scs_index_locate(const struct scs_index *x, const char *ns, const char *name,
    size_t *pos)
{
	size_t	 lo = 0, hi = x->n, mid;
	int	 c;

	if (ns == NULL)
		ns = "";
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = key_cmp(x->recs[mid]->ns, x->recs[mid]->name, ns, name);
		if (c == 0) {
			*pos = mid;
			return (1);
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*pos = lo;
	return (0);
}

int
scs_index_upsert(struct scs_index *x, const cJSON *obj, int64_t now_ms)
{
	struct scs_record	*r;
	size_t			 pos;

	r = scs_xcalloc(1, sizeof *r);
	scs_model_decode(x->kind, obj, r, x->strtab);
	if (r->name == NULL || r->name[0] == '\0') {
		scs_record_clear(r);
		free(r);
		return (0);
	}
	r->changed_ms = now_ms;
	r->mark = x->mark;
	if (x->keep)
		r->obj = cJSON_Duplicate(obj, 1);
	if (scs_index_locate(x, r->ns, r->name, &pos)) {
		x->bytes -= scs_record_bytes(x->recs[pos]);
		scs_record_clear(x->recs[pos]);
		free(x->recs[pos]);
		x->recs[pos] = r;
	} else {
		if (x->n == x->cap) {
			x->cap = x->cap == 0 ? 64 : x->cap * 2;
			x->recs = scs_xreallocarray(x->recs, x->cap,
			    sizeof *x->recs);
		}
		memmove(x->recs + pos + 1, x->recs + pos,
		    (x->n - pos) * sizeof *x->recs);
		x->recs[pos] = r;
		x->n++;
	}
	x->bytes += scs_record_bytes(r);
	x->generation++;
	return (1);
}

static void
index_remove_at(struct scs_index *x, size_t pos)
{
	x->bytes -= scs_record_bytes(x->recs[pos]);
	scs_record_clear(x->recs[pos]);
	free(x->recs[pos]);
	memmove(x->recs + pos, x->recs + pos + 1,
	    (x->n - pos - 1) * sizeof *x->recs);
	x->n--;
	x->generation++;
}

int
scs_index_remove(struct scs_index *x, const char *ns, const char *name)
{
	size_t	 pos;

	if (!scs_index_locate(x, ns, name, &pos))
		return (0);
	index_remove_at(x, pos);
	return (1);
}

void
scs_index_sweep_begin(struct scs_index *x)
{
	x->mark++;
}

size_t
scs_index_sweep_end(struct scs_index *x)
{
	size_t	 i, j, removed = 0;

	/* One pass, keeping order: compact the survivors. */
	for (i = j = 0; i < x->n; i++) {
		if (x->recs[i]->mark != x->mark) {
			x->bytes -= scs_record_bytes(x->recs[i]);
			scs_record_clear(x->recs[i]);
			free(x->recs[i]);
			removed++;
			continue;
		}
		x->recs[j++] = x->recs[i];
	}
	x->n = j;
	if (removed != 0)
		x->generation++;
	return (removed);
}

size_t
scs_index_count(const struct scs_index *x)
{
	return (x->n);
}

const struct scs_record *
scs_index_at(const struct scs_index *x, size_t i)
{
	return (i < x->n ? x->recs[i] : NULL);
}

const struct scs_record *
scs_index_find(const struct scs_index *x, const char *ns, const char *name)
{
	size_t	 pos;

	return (scs_index_locate(x, ns, name, &pos) ? x->recs[pos] : NULL);
}

uint64_t
scs_index_generation(const struct scs_index *x)
{
	return (x->generation);
}

size_t
scs_index_bytes(const struct scs_index *x)
{
	return (sizeof *x + x->cap * sizeof *x->recs +
	    x->n * sizeof (struct scs_record) + x->bytes +
	    scs_strtab_bytes(x->strtab));
}
