/*
 * buf.c: growable, bounded byte buffer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"

void
scs_buf_init(struct scs_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void
scs_buf_done(struct scs_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
scs_buf_reset(struct scs_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* Make room for n more bytes plus the terminating NUL. */
static enum scs_status
buf_reserve(struct scs_buf *b, size_t n)
{
	size_t	 need, cap;

	if (n > SIZE_MAX - b->len - 1)
		return (SCS_LIMIT);
	if (b->max != 0 && b->len + n > b->max)
		return (SCS_LIMIT);
	need = b->len + n + 1;
	if (need <= b->cap)
		return (SCS_OK);
	cap = b->cap != 0 ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->data = scs_xreallocarray(b->data, cap, 1);
	b->cap = cap;
	return (SCS_OK);
}

enum scs_status
scs_buf_add(struct scs_buf *b, const void *p, size_t n)
{
	enum scs_status	 s;

	if ((s = buf_reserve(b, n)) != SCS_OK)
		return (s);
	if (n != 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return (SCS_OK);
}

enum scs_status
scs_buf_adds(struct scs_buf *b, const char *s)
{
	return (scs_buf_add(b, s, strlen(s)));
}

enum scs_status
scs_buf_addc(struct scs_buf *b, char c)
{
	return (scs_buf_add(b, &c, 1));
}

enum scs_status
scs_buf_printf(struct scs_buf *b, const char *fmt, ...)
{
	va_list		 ap;
	char		*s;
	int		 n;
	enum scs_status	 st;

	va_start(ap, fmt);
	n = scs_xvasprintf(&s, fmt, ap);
	va_end(ap);
	st = scs_buf_add(b, s, (size_t)n);
	free(s);
	return (st);
}

void
scs_buf_consume(struct scs_buf *b, size_t n)
{
	if (n >= b->len) {
		scs_buf_reset(b);
		return;
	}
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
	b->data[b->len] = '\0';
}

char *
scs_buf_steal(struct scs_buf *b)
{
	char	*p;

	if (b->data == NULL)
		return (scs_xstrdup(""));
	p = b->data;
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return (p);
}
