/*
 * chart.h: the pictures of the overviews as text, without curses (chart.c;
 * tests/tui/test-chart.c): a bar split in proportion to counts, a
 * sparkline of a series, and the trend of a few counts over the last hour,
 * a bucket a minute, in fixed memory.
 */
#ifndef SCS_CHART_H
#define SCS_CHART_H

#include <stddef.h>
#include <stdint.h>

/* The full block a bar is made of. */
#define CHART_BLOCK	"\u2588"

/*
 * Split width cells among the k counts in proportion (largest remainder,
 * ties to the earlier count); every count above zero gets at least one
 * cell while there are cells for them, taken from the largest shares.
 * cells[i] is count i's share; they sum to width, or to 0 when every
 * count is 0 or width < 1.
 */
void	 chart_split(const int *count, size_t k, int width, int *cells);
/* glyph then cells - 1 full blocks into buf (NUL-terminated, cut to
 * fit); "" for cells < 1. The bytes written. */
size_t	 chart_fill(const char *glyph, int cells, char *buf, size_t len);

/*
 * A sparkline of v[0..n-1] (oldest first) into buf as n characters:
 * ' ' where v[i] < 0 (nothing known then), U+2581 (lowest eighth) for 0,
 * and U+2582..U+2588 in proportion to top for values above 0 (so any
 * value above zero stands out from zero). top < 1 is taken as the largest
 * value. NUL-terminated, cut to whole characters; the bytes written.
 */
size_t	 chart_spark(const int *v, size_t n, int top, char *buf, size_t len);

/* Squeeze v[0..n-1] in place into groups of per values (the newest
 * group ends with v[n-1]; the oldest may be short), each the most of its
 * values (-1 when none is known). The new count. */
size_t	 chart_squeeze(int *v, size_t n, size_t per);

#define CHART_MINUTES	60	/* a trend's window, a bucket a minute */
#define CHART_SERIES	2	/* counts a trend follows */

struct chart_bucket {
	int64_t	 minute;		/* wall seconds / 60; -1 unused */
	int	 in[CHART_SERIES];	/* the value the minute began with */
	int	 max[CHART_SERIES];	/* the most it held in the minute */
};

struct chart_trend {
	struct chart_bucket	 b[CHART_MINUTES];	/* by minute % 60 */
	int			 last[CHART_SERIES];	/* the newest sample */
	int64_t			 first;		/* minute of the first; -1 none */
	int64_t			 newest;	/* minute of the newest */
	uint64_t		 samples;	/* taken: moves with each */
};

void	 chart_trend_init(struct chart_trend *);
/* A sample of the CHART_SERIES counts v at wall time now_s (seconds);
 * a sample older than the newest is taken as at the newest's minute. */
void	 chart_trend_add(struct chart_trend *, int64_t now_s, const int *v);
/*
 * Series s over the CHART_MINUTES minutes ending with now_s's, oldest
 * first, into out[CHART_MINUTES]: the most the count held in each minute
 * (a value holds until the next sample), -1 for minutes before the first
 * sample. The largest value is returned (0 when none).
 */
int	 chart_trend_series(const struct chart_trend *, size_t s,
	    int64_t now_s, int *out);

#endif
