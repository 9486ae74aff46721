/*
 * test-buf.c: the bounded byte buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "../tap.h"

int
main(void)
{
	struct scs_buf	 b;
	char		*s;
	int		 i;

	scs_buf_init(&b, 0);
	ok(scs_buf_adds(&b, "hello") == SCS_OK, "add");
	is_str(b.data, "hello", "terminated");
	for (i = 0; i < 1000; i++)
		scs_buf_addc(&b, 'x');
	is_int(b.len, 1005, "grows past initial capacity");
	ok(b.data[b.len] == '\0', "still terminated after growth");
	scs_buf_consume(&b, 1000);
	is_str(b.data, "xxxxx", "consume keeps the tail");
	scs_buf_printf(&b, "-%d-", 42);
	is_str(b.data, "xxxxx-42-", "printf appends");
	s = scs_buf_steal(&b);
	is_str(s, "xxxxx-42-", "steal hands the data over");
	is_int(b.len, 0, "steal resets");
	free(s);
	scs_buf_done(&b);

	scs_buf_init(&b, 8);
	ok(scs_buf_adds(&b, "12345678") == SCS_OK, "fill up to max");
	ok(scs_buf_addc(&b, '9') == SCS_LIMIT, "one past max is refused");
	is_str(b.data, "12345678", "refused add leaves buffer unchanged");
	scs_buf_reset(&b);
	is_int(b.len, 0, "reset");
	ok(scs_buf_adds(&b, "abc") == SCS_OK, "usable after reset");
	scs_buf_done(&b);

	s = scs_buf_steal(&b);
	is_str(s, "", "steal of empty buffer is an empty string");
	free(s);
	return (tap_done());
}
