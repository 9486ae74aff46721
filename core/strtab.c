/*
 * strtab.c: grow-only string interning (open addressing, FNV-1a).
 */
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/util.h"

struct scs_strtab {
	char	**slots;
	size_t	  size;		/* power of two */
	size_t	  used;
	size_t	  bytes;
};

static uint64_t
strtab_hash(const char *s)
{
	uint64_t	 h = 1469598103934665603ULL;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return (h);
}

struct scs_strtab *
scs_strtab_new(void)
{
	struct scs_strtab	*t;

	t = scs_xcalloc(1, sizeof *t);
	t->size = 256;
	t->slots = scs_xcalloc(t->size, sizeof *t->slots);
	t->bytes = sizeof *t + t->size * sizeof *t->slots;
	return (t);
}

void
scs_strtab_free(struct scs_strtab *t)
{
	size_t	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->size; i++)
		free(t->slots[i]);
	free(t->slots);
	free(t);
}

static void
strtab_grow(struct scs_strtab *t)
{
	char	**old = t->slots;
	size_t	  oldsize = t->size, i, j;

	t->size *= 2;
	t->slots = scs_xcalloc(t->size, sizeof *t->slots);
	for (i = 0; i < oldsize; i++) {
		if (old[i] == NULL)
			continue;
		j = strtab_hash(old[i]) & (t->size - 1);
		while (t->slots[j] != NULL)
			j = (j + 1) & (t->size - 1);
		t->slots[j] = old[i];
	}
	free(old);
	t->bytes += (t->size - oldsize) * sizeof *t->slots;
}

const char *
scs_strtab_intern(struct scs_strtab *t, const char *s)
{
	size_t	 i;

	if (s == NULL)
		s = "";
	i = strtab_hash(s) & (t->size - 1);
	while (t->slots[i] != NULL) {
		if (strcmp(t->slots[i], s) == 0)
			return (t->slots[i]);
		i = (i + 1) & (t->size - 1);
	}
	t->slots[i] = scs_xstrdup(s);
	t->used++;
	t->bytes += strlen(s) + 1;
	if (t->used * 2 > t->size)
		strtab_grow(t);
	return (scs_strtab_intern(t, s));
}

size_t
scs_strtab_bytes(const struct scs_strtab *t)
{
	return (t->bytes);
}
