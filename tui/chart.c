/*
 * chart.c: bars, sparklines and trends as text (chart.h); no curses, so
 * tests/tui/test-chart.c checks them alone.
 */
#include <stdio.h>
#include <string.h>

#include "chart.h"

void
chart_split(const int *count, size_t k, int width, int *cells)
{
	int64_t	 total = 0, rem[64];
	size_t	 i, j, best, nz = 0;
	int	 left;

	for (i = 0; i < k; i++) {
		cells[i] = 0;
		if (count[i] > 0) {
			total += count[i];
			nz++;
		}
	}
	if (total == 0 || width < 1 || k > sizeof rem / sizeof rem[0])
		return;
	if (nz > (size_t)width) {
		/* One cell each for the largest counts. */
		for (left = width; left > 0; left--) {
			best = k;
			for (i = 0; i < k; i++)
				if (count[i] > 0 && cells[i] == 0 &&
				    (best == k || count[i] > count[best]))
					best = i;
			cells[best] = 1;
		}
		return;
	}
	left = width;
	for (i = 0; i < k; i++) {
		if (count[i] <= 0) {
			rem[i] = -1;
			continue;
		}
		cells[i] = (int)((int64_t)count[i] * width / total);
		rem[i] = (int64_t)count[i] * width % total;
		left -= cells[i];
	}
	/* The cells the floors left, by largest remainder. */
	for (; left > 0; left--) {
		best = 0;
		for (i = 1; i < k; i++)
			if (rem[i] > rem[best])
				best = i;
		cells[best]++;
		rem[best] = -1;
	}
	/* A count above zero is never invisible. */
	for (i = 0; i < k; i++) {
		if (count[i] <= 0 || cells[i] > 0)
			continue;
		best = k;
		for (j = 0; j < k; j++)
			if (cells[j] > 1 && (best == k || cells[j] > cells[best]))
				best = j;
		cells[best]--;
		cells[i] = 1;
	}
}

size_t
chart_fill(const char *glyph, int cells, char *buf, size_t len)
{
	size_t	 used = 0, g = strlen(glyph), b = strlen(CHART_BLOCK);
	int	 i;

	if (len == 0)
		return (0);
	buf[0] = '\0';
	for (i = 0; i < cells; i++) {
		const char	*s = i == 0 ? glyph : CHART_BLOCK;
		size_t		 n = i == 0 ? g : b;

		if (used + n >= len)
			break;
		memcpy(buf + used, s, n);
		used += n;
	}
	buf[used] = '\0';
	return (used);
}

size_t
chart_spark(const int *v, size_t n, int top, char *buf, size_t len)
{
	static const char *const level[] = { "\u2581", "\u2582", "\u2583",
	    "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	const char	*s;
	size_t		 i, used = 0, w;
	int64_t		 l;

	if (len == 0)
		return (0);
	if (top < 1)
		for (i = 0; i < n; i++)
			if (v[i] > top)
				top = v[i];
	for (i = 0; i < n; i++) {
		if (v[i] < 0)
			s = " ";
		else if (v[i] == 0 || top < 1)
			s = level[0];
		else {
			l = ((int64_t)v[i] * 7 + top - 1) / top;
			s = level[l < 1 ? 1 : l > 7 ? 7 : l];
		}
		w = strlen(s);
		if (used + w >= len)
			break;
		memcpy(buf + used, s, w);
		used += w;
	}
	buf[used] = '\0';
	return (used);
}

size_t
chart_squeeze(int *v, size_t n, size_t per)
{
	size_t	 groups, g, i, end, start;
	int	 m;

	if (per <= 1 || n == 0)
		return (n);
	groups = (n + per - 1) / per;
	for (g = 0; g < groups; g++) {
		/* Group g counted from the oldest; the newest ends at n. */
		end = n - (groups - 1 - g) * per;
		start = end >= per ? end - per : 0;
		m = -1;
		for (i = start; i < end; i++)
			if (v[i] > m)
				m = v[i];
		v[g] = m;
	}
	return (groups);
}

void
chart_trend_init(struct chart_trend *t)
{
	size_t	 i;

	memset(t, 0, sizeof *t);
	for (i = 0; i < CHART_MINUTES; i++)
		t->b[i].minute = -1;
	t->first = -1;
	t->newest = -1;
}

static size_t
slot(int64_t minute)
{
	return ((size_t)(minute % CHART_MINUTES));
}

void
chart_trend_add(struct chart_trend *t, int64_t now_s, const int *v)
{
	int64_t			 m = now_s / 60;
	struct chart_bucket	*b;
	size_t			 s;

	if (m < 0)
		m = 0;
	if (t->first < 0)
		t->first = m;
	else if (m < t->newest)
		m = t->newest;
	b = &t->b[slot(m)];
	if (b->minute != m) {
		b->minute = m;
		for (s = 0; s < CHART_SERIES; s++)
			b->in[s] = b->max[s] = t->newest >= 0 ? t->last[s] :
			    v[s];
	}
	for (s = 0; s < CHART_SERIES; s++) {
		if (v[s] > b->max[s])
			b->max[s] = v[s];
		t->last[s] = v[s];
	}
	t->newest = m;
	t->samples++;
}

int
chart_trend_series(const struct chart_trend *t, size_t s, int64_t now_s,
    int *out)
{
	const struct chart_bucket	*b;
	int64_t				 m, now = now_s / 60;
	int				 cur = t->last[s], top = 0;
	size_t				 i;

	for (i = CHART_MINUTES; i > 0; i--) {
		m = now - (int64_t)(CHART_MINUTES - i);
		b = &t->b[slot(m < 0 ? 0 : m)];
		if (t->first < 0 || m < t->first)
			out[i - 1] = -1;
		else if (b->minute == m) {
			out[i - 1] = b->max[s];
			cur = b->in[s];
		} else
			out[i - 1] = cur;
		if (out[i - 1] > top)
			top = out[i - 1];
	}
	return (top);
}
