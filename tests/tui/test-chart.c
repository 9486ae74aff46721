/*
 * test-chart.c: the overview's pictures as text (tui/chart.c): bars split
 * in proportion with every count visible, sparklines, and the trend of
 * the last hour kept a bucket a minute in fixed memory.
 */
#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "../tap.h"

static void
split_is(const int *count, size_t k, int width, const char *want,
    const char *what)
{
	int	 cells[8];
	char	 got[64];
	size_t	 i, used = 0;

	chart_split(count, k, width, cells);
	for (i = 0; i < k; i++)
		used += (size_t)snprintf(got + used, sizeof got - used, "%s%d",
		    i != 0 ? " " : "", cells[i]);
	is_str(got, want, "split %s", what);
}

int
main(void)
{
	static const int	 even[] = { 5, 5 };
	static const int	 fleet[] = { 7, 2, 1, 1, 1, 0 };
	static const int	 tiny[] = { 1000, 0, 1, 0, 1, 0 };
	static const int	 many[] = { 1, 9, 3, 2, 0, 5 };
	static const int	 none[] = { 0, 0, 0 };
	static const int	 third[] = { 1, 1, 1 };
	struct chart_trend	 t;
	int			 v[CHART_MINUTES], s[CHART_SERIES], top, i;
	char			 buf[512];
	int64_t			 t0 = 1764579600;	/* 09:00:00 */

	split_is(even, 2, 10, "5 5", "evenly");
	split_is(fleet, 6, 12, "7 2 1 1 1 0", "the demo fleet, 12 cells");
	split_is(fleet, 6, 24, "14 4 2 2 2 0", "the demo fleet, 24 cells");
	split_is(third, 3, 10, "4 3 3", "thirds: the remainder to the first");
	split_is(tiny, 6, 10, "8 0 1 0 1 0",
	    "one in a thousand still gets a cell");
	split_is(many, 6, 3, "0 1 1 0 0 1", "more counts than cells: largest");
	split_is(none, 3, 10, "0 0 0", "nothing counted: no cells");
	split_is(even, 2, 0, "0 0", "no width");

	chart_fill("\u2716", 3, buf, sizeof buf);
	is_str(buf, "\u2716\u2588\u2588", "fill: glyph then blocks");
	chart_fill("\u2716", 1, buf, sizeof buf);
	is_str(buf, "\u2716", "fill: one cell is the glyph");
	chart_fill("\u2716", 0, buf, sizeof buf);
	is_str(buf, "", "fill: none");
	chart_fill("\u2716", 5, buf, 8);
	is_str(buf, "\u2716\u2588", "fill: cut to whole characters");

	{
		static const int	 sv[] = { -1, 0, 1, 3, 7, 14, 2 };

		chart_spark(sv, 7, 0, buf, sizeof buf);
		is_str(buf, " \u2581\u2582\u2583\u2585\u2588\u2582",
		    "spark: unknown, zero, 1..14 of 14");
		chart_spark(sv, 7, 1, buf, sizeof buf);
		is_str(buf, " \u2581\u2588\u2588\u2588\u2588\u2588",
		    "spark: top 1, every value above it full");
		chart_spark(sv, 7, 0, buf, 7);
		is_str(buf, " \u2581", "spark: cut to whole characters");
	}

	{
		int	 q[] = { -1, -1, -1, 0, 2, 1, 0, 5, 0, 3 };

		is_int((int)chart_squeeze(q, 10, 2), 5, "squeeze 10 by 2");
		ok(q[0] == -1 && q[1] == 0 && q[2] == 2 && q[3] == 5 &&
		    q[4] == 3, "pairs: the most of each, unknown stays");
		is_int((int)chart_squeeze(q, 5, 2), 3, "squeeze 5 by 2");
		ok(q[0] == -1 && q[1] == 2 && q[2] == 5,
		    "the oldest group is the short one");
	}

	/* The trend: nothing known before the first sample. */
	chart_trend_init(&t);
	top = chart_trend_series(&t, 0, t0, v);
	ok(top == 0 && v[0] == -1 && v[CHART_MINUTES - 1] == -1,
	    "empty trend: every minute unknown");
	/* 09:00 1 failing; 09:02:10 3; 09:02:40 2; 09:05 0. */
	s[1] = 0;
	s[0] = 1;
	chart_trend_add(&t, t0, s);
	s[0] = 3;
	chart_trend_add(&t, t0 + 130, s);
	s[0] = 2;
	chart_trend_add(&t, t0 + 160, s);
	s[0] = 0;
	s[1] = 4;
	chart_trend_add(&t, t0 + 300, s);
	top = chart_trend_series(&t, 0, t0 + 420, v);	/* 09:07 */
	is_int(top, 3, "the hour's top is 3");
	is_int(v[CHART_MINUTES - 9], -1, "before 09:00 unknown");
	is_int(v[CHART_MINUTES - 8], 1, "09:00: 1");
	is_int(v[CHART_MINUTES - 8 + 1], 1, "09:01: 1 holds");
	is_int(v[CHART_MINUTES - 8 + 2], 3, "09:02: the most it held");
	is_int(v[CHART_MINUTES - 8 + 3], 2, "09:03: the last value holds");
	is_int(v[CHART_MINUTES - 8 + 4], 2, "09:04: still");
	is_int(v[CHART_MINUTES - 8 + 5], 2, "09:05: held 2 as it began");
	is_int(v[CHART_MINUTES - 1], 0, "09:07: 0 now");
	top = chart_trend_series(&t, 1, t0 + 420, v);
	ok(top == 4 && v[CHART_MINUTES - 3] == 4 && v[CHART_MINUTES - 4] == 0,
	    "the second series is its own");
	chart_spark(v + CHART_MINUTES - 9, 8, 0, buf, sizeof buf);
	is_str(buf, " \u2581\u2581\u2581\u2581\u2581\u2588\u2588",
	    "degraded's sparkline over the last minutes");

	/* An hour later only the last hour is kept; the value holds. */
	top = chart_trend_series(&t, 0, t0 + 420 + 3600, v);
	ok(top == 0 && v[0] == 0 && v[CHART_MINUTES - 1] == 0,
	    "an hour later: 0 all along");
	/* Two hours of samples a second: fixed memory, window right. */
	for (i = 0; i < 7200; i++) {
		s[0] = i / 60 % 10;
		s[1] = 0;
		chart_trend_add(&t, t0 + 7200 + i, s);
	}
	top = chart_trend_series(&t, 0, t0 + 7200 + 7199, v);
	is_int(top, 9, "two hours later: top 9");
	is_int(v[CHART_MINUTES - 1], 9, "the newest minute");
	is_int(v[1], 1, "the second minute of the hour");
	/* A clock that went back counts at the newest minute. */
	s[0] = 42;
	chart_trend_add(&t, t0, s);
	top = chart_trend_series(&t, 0, t0 + 7200 + 7199, v);
	is_int(v[CHART_MINUTES - 1], 42, "an older sample joins the newest");
	return (tap_done());
}
