/*
 * test-lines.c: watch-stream line splitting fed in random chunk sizes.
 */
#include <stdlib.h>
#include <string.h>

#include "scs/api.h"
#include "../tap.h"

static const char stream[] =
    "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"a\"}}}\n"
    "{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"name\":\"b\"}}}\r\n"
    "\n"
    "{\"type\":\"BOOKMARK\",\"object\":{\"metadata\":"
    "{\"resourceVersion\":\"42\"}}}\n"
    "{\"type\":\"DELETED\",\"object\":{}}\n"
    "partial-tail";

static int
collect(char *line, size_t len, void *arg)
{
	struct scs_buf	*out = arg;

	if (strlen(line) != len)
		return (-1);
	scs_buf_add(out, line, len);
	scs_buf_addc(out, '|');
	return (0);
}

static int
stop_at_two(char *line, size_t len, void *arg)
{
	int	*n = arg;

	return (++*n == 2);
}

int
main(void)
{
	struct scs_lines	 l;
	struct scs_buf		 ref, out;
	size_t			 len = sizeof stream - 1, off, n;
	unsigned		 seed;
	int			 same = 1, count = 0;
	char			 big[100];

	scs_buf_init(&ref, 0);
	scs_lines_init(&l, 0);
	ok(scs_lines_feed(&l, stream, len, collect, &ref) == SCS_OK,
	    "whole stream");
	is_int(l.buf.len, strlen("partial-tail"), "tail kept");
	scs_lines_done(&l);
	ok(strstr(ref.data, "\r") == NULL, "CR stripped");
	ok(strstr(ref.data, "||") == NULL, "empty lines skipped");
	ok(strncmp(ref.data, "{\"type\":\"ADDED\"", 15) == 0, "first line");

	for (seed = 1; seed <= 500; seed++) {
		srand(seed);
		scs_buf_init(&out, 0);
		scs_lines_init(&l, 0);
		for (off = 0; off < len; off += n) {
			n = seed == 1 ? 1 : 1 + (size_t)rand() % (len - off);
			if (scs_lines_feed(&l, stream + off, n, collect,
			    &out) != SCS_OK)
				same = 0;
		}
		if (out.len != ref.len || memcmp(out.data, ref.data,
		    ref.len) != 0)
			same = 0;
		scs_lines_done(&l);
		scs_buf_done(&out);
	}
	ok(same, "500 seeds of random chunk sizes give identical lines");

	memset(big, 'x', sizeof big);
	scs_lines_init(&l, 64);
	ok(scs_lines_feed(&l, big, 40, collect, &out) == SCS_OK, "under max");
	ok(scs_lines_feed(&l, big, 40, collect, &out) == SCS_LIMIT,
	    "line over max across chunks -> LIMIT");
	ok(scs_lines_feed(&l, "ok\n", 3, stop_at_two, &count) == SCS_OK,
	    "usable after LIMIT");
	ok(scs_lines_feed(&l, "a\nb\nc\n", 6, stop_at_two, &count) ==
	    SCS_CANCELLED, "callback stop -> CANCELLED");
	scs_lines_done(&l);
	scs_buf_done(&ref);
	return (tap_done());
}
