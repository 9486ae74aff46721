/*
 * diff.c: a unified diff of two texts by lines (util.h, scs_diff_lines):
 * the longest common subsequence, then hunks of the changed lines with
 * their context, as diff -u prints them (without the file header).
 */
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"

#define DIFF_MAX_LINES	4000

struct lines {
	const char	**p;
	size_t		 *len;
	size_t		  n;
};

static void
split(const char *text, struct lines *l)
{
	const char	*s = text, *nl;

	l->n = 0;
	l->p = NULL;
	l->len = NULL;
	while (*s != '\0' && l->n < DIFF_MAX_LINES) {
		nl = strchr(s, '\n');
		l->p = scs_xreallocarray(l->p, l->n + 1, sizeof *l->p);
		l->len = scs_xreallocarray(l->len, l->n + 1, sizeof *l->len);
		l->p[l->n] = s;
		l->len[l->n++] = nl != NULL ? (size_t)(nl - s) : strlen(s);
		if (nl == NULL)
			break;
		s = nl + 1;
	}
}

static int
same(const struct lines *a, size_t i, const struct lines *b, size_t k)
{
	return (a->len[i] == b->len[k] && memcmp(a->p[i], b->p[k],
	    a->len[i]) == 0);
}

/* One line of the edit script: ' ', '-' or '+', and where. */
struct op {
	char	 c;
	size_t	 a, b;		/* line in a, in b (0-based) */
};

char *
scs_diff_lines(const char *a_text, const char *b_text, int context,
    size_t *changed)
{
	struct lines	 a, b;
	unsigned	*t;		/* (n+1) x (m+1) LCS lengths, from the end */
	struct op	*ops;
	size_t		 n, m, i, k, nops = 0, h, e, s, x, ac, bc, as, bs;
	struct scs_buf	 out;

	split(a_text != NULL ? a_text : "", &a);
	split(b_text != NULL ? b_text : "", &b);
	n = a.n;
	m = b.n;
	t = scs_xcalloc((n + 1) * (m + 1), sizeof *t);
	for (i = n; i-- > 0;)
		for (k = m; k-- > 0;)
			t[i * (m + 1) + k] = same(&a, i, &b, k) ?
			    t[(i + 1) * (m + 1) + k + 1] + 1 :
			    t[(i + 1) * (m + 1) + k] > t[i * (m + 1) + k + 1] ?
			    t[(i + 1) * (m + 1) + k] : t[i * (m + 1) + k + 1];
	ops = scs_xcalloc(n + m + 1, sizeof *ops);
	for (i = 0, k = 0; i < n || k < m;) {
		if (i < n && k < m && same(&a, i, &b, k)) {
			ops[nops++] = (struct op){ ' ', i++, k++ };
		} else if (i < n && (k == m || t[(i + 1) * (m + 1) + k] >=
		    t[i * (m + 1) + k + 1])) {
			/* Removals before additions, as diff prints them. */
			ops[nops++] = (struct op){ '-', i++, k };
		} else
			ops[nops++] = (struct op){ '+', i, k++ };
	}
	free(t);
	if (changed != NULL) {
		*changed = 0;
		for (h = 0; h < nops; h++)
			*changed += ops[h].c != ' ';
	}
	/* Hunks: runs of changes with up to context lines around, joined
	 * when their contexts touch. */
	scs_buf_init(&out, 0);
	for (h = 0; h < nops;) {
		if (ops[h].c == ' ') {
			h++;
			continue;
		}
		s = h > (size_t)context ? h - (size_t)context : 0;
		for (e = h; e < nops; e++) {
			if (ops[e].c != ' ')
				continue;
			for (x = e; x < nops && ops[x].c == ' '; x++)
				;
			if (x == nops || x - e > 2 * (size_t)context)
				break;
			e = x;
		}
		e = e + (size_t)context < nops ? e + (size_t)context : nops;
		for (x = s, ac = bc = 0; x < e; x++) {
			ac += ops[x].c != '+';
			bc += ops[x].c != '-';
		}
		as = ops[s].a + 1;
		bs = ops[s].b + 1;
		scs_buf_printf(&out, "@@ -%zu,%zu +%zu,%zu @@\n", ac ? as :
		    as - 1, ac, bc ? bs : bs - 1, bc);
		for (x = s; x < e; x++) {
			const struct lines	*l = ops[x].c == '+' ? &b : &a;
			size_t			 li = ops[x].c == '+' ? ops[x].b :
						    ops[x].a;

			scs_buf_addc(&out, ops[x].c);
			scs_buf_add(&out, l->p[li], l->len[li]);
			scs_buf_addc(&out, '\n');
		}
		h = e;
	}
	free(ops);
	free(a.p);
	free(a.len);
	free(b.p);
	free(b.len);
	return (out.data != NULL ? scs_buf_steal(&out) : scs_xstrdup(""));
}
