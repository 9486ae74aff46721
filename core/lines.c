/*
 * lines.c: incremental line splitting for watch streams (scs_lines).
 */
#include <string.h>

#include "scs/api.h"

void
scs_lines_init(struct scs_lines *l, size_t max)
{
	l->max = max;
	scs_buf_init(&l->buf, 0);
}

void
scs_lines_done(struct scs_lines *l)
{
	scs_buf_done(&l->buf);
}

/*
 * Append data; call cb for every complete line. The partial tail stays
 * buffered. A line (buffered part plus new part) longer than max is
 * SCS_LIMIT; the buffer is then emptied.
 */
enum scs_status
scs_lines_feed(struct scs_lines *l, const char *data, size_t len,
    scs_line_cb cb, void *arg)
{
	const char	*nl;
	size_t		 n;

	while (len > 0) {
		nl = memchr(data, '\n', len);
		n = nl != NULL ? (size_t)(nl - data) : len;
		if (l->max != 0 && l->buf.len + n > l->max) {
			scs_buf_reset(&l->buf);
			return (SCS_LIMIT);
		}
		if (scs_buf_add(&l->buf, data, n) != SCS_OK) {
			scs_buf_reset(&l->buf);
			return (SCS_LIMIT);
		}
		if (nl == NULL)
			break;
		data += n + 1;
		len -= n + 1;
		if (l->buf.len > 0 && l->buf.data[l->buf.len - 1] == '\r')
			l->buf.data[--l->buf.len] = '\0';
		if (l->buf.len > 0 &&
		    cb(l->buf.data, l->buf.len, arg) != 0) {
			scs_buf_reset(&l->buf);
			return (SCS_CANCELLED);
		}
		scs_buf_reset(&l->buf);
	}
	return (SCS_OK);
}
