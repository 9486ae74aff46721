/*
 * fuzz-watch-lines.c: watch stream splitting and event decoding. The
 * first bytes choose the line limit, a callback that cancels at the N-th
 * line and chunk sizes; the rest is the stream. The stream is fed whole
 * and in chunks; both must give the same lines, the same outcome and the
 * same buffered tail. Then the same stream goes through watch.c's data
 * handler (JSON events, ERROR Status, limits), whole and in chunks, and
 * must deliver the same events and stop the same way.
 */
#include <string.h>

#include "api-int.h"
#include "scs/api.h"
#include "scs/model.h"
#include "scs/util.h"
#include "fuzz.h"

#define FUZZ_MAX_INPUT	(256 * 1024)
#define FUZZ_HEADER	6

struct seen {
	struct scs_buf	 out;		/* every line or event, framed */
	size_t		 n;
	size_t		 cancel_at;	/* 0 = never */
};

static int
on_line(char *line, size_t len, void *arg)
{
	struct seen	*s = arg;

	FUZZ_CHECK(len > 0);
	FUZZ_CHECK(line[len] == '\0');
	FUZZ_CHECK(memchr(line, '\n', len) == NULL);
	scs_buf_printf(&s->out, "%zu:", len);
	scs_buf_add(&s->out, line, len);
	s->n++;
	return (s->cancel_at != 0 && s->n == s->cancel_at);
}

/* Feed in chunks whose sizes cycle through sizes[] (0 = empty chunk). */
static enum scs_status
feed_lines(const char *p, size_t len, size_t max, const uint8_t *sizes,
    size_t nsizes, struct seen *s, struct scs_buf *tail)
{
	struct scs_lines	 l;
	enum scs_status		 st = SCS_OK;
	size_t			 off = 0, n, i = 0;

	scs_lines_init(&l, max);
	do {
		n = nsizes == 0 ? len : sizes[i++ % nsizes];
		if (n > len - off)
			n = len - off;
		st = scs_lines_feed(&l, p + off, n, on_line, s);
		off += n;
	} while (st == SCS_OK && off < len);
	if (l.buf.len > 0)
		scs_buf_add(tail, l.buf.data, l.buf.len);
	scs_lines_done(&l);
	return (st);
}

static void
on_event(const char *type, const cJSON *obj, void *arg)
{
	struct seen		*s = arg;
	struct scs_strtab	*st;
	struct scs_record	 r;
	char			*text;

	FUZZ_CHECK(type != NULL && cJSON_IsObject(obj));
	/* What the store does with it. */
	st = scs_strtab_new();
	memset(&r, 0, sizeof r);
	scs_model_decode(scs_model_kind("cluster.x-k8s.io", "clusters"), obj,
	    &r, st);
	text = cJSON_PrintUnformatted(obj);
	scs_buf_printf(&s->out, "%s %s|%s|%d\n", type, r.name,
	    text != NULL ? text : "?", (int)r.health);
	cJSON_free(text);
	scs_record_clear(&r);
	scs_strtab_free(st);
	s->n++;
}

/* The watch call as scs_api_watch sets it up, minus the network. */
static void
feed_watch(const char *p, size_t len, size_t max, const uint8_t *sizes,
    size_t nsizes, struct seen *s, enum scs_status *wstatus, char **wmsg)
{
	struct scs_api_call	 c;
	size_t			 off = 0, n, i = 0;
	int			 rc;

	memset(&c, 0, sizeof c);
	c.kind = API_WATCH;
	c.wcb = on_event;
	c.arg = s;
	scs_lines_init(&c.lines, max);
	do {
		n = nsizes == 0 ? len : sizes[i++ % nsizes];
		if (n > len - off)
			n = len - off;
		rc = watch_on_data(p + off, n, &c);
		off += n;
	} while (rc == 0 && off < len);
	FUZZ_CHECK(rc == 0 || c.wstatus != SCS_OK);
	FUZZ_CHECK((c.wstatus == SCS_OK) == (c.wmsg == NULL));
	if (c.werr != NULL) {
		FUZZ_CHECK(c.wstatus != SCS_OK);
		scs_api_error_free(c.werr);
	}
	*wstatus = c.wstatus;
	*wmsg = c.wmsg;
	scs_lines_done(&c.lines);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t	 maxes[] = { 0, 1, 16, 64, 256, 4096, 65536,
	    0 };
	static const uint8_t	 one[] = { 1 };
	struct seen		 whole, split;
	struct scs_buf		 t1, t2;
	enum scs_status		 st1, st2;
	const uint8_t		*sizes = data + 2;
	const char		*p;
	char			*m1, *m2;
	size_t			 len, max, nsizes = FUZZ_HEADER - 2;

	if (size < FUZZ_HEADER || size > FUZZ_MAX_INPUT)
		return (0);
	max = maxes[data[0] & 7];
	p = (const char *)data + FUZZ_HEADER;
	len = size - FUZZ_HEADER;
	if ((data[2] | data[3] | data[4] | data[5]) == 0) {
		sizes = one;	/* all-empty chunks would never end */
		nsizes = 1;
	}

	memset(&whole, 0, sizeof whole);
	memset(&split, 0, sizeof split);
	whole.cancel_at = split.cancel_at = data[1] & 0x80 ? 0 :
	    (size_t)data[1];
	scs_buf_init(&whole.out, 0);
	scs_buf_init(&split.out, 0);
	scs_buf_init(&t1, 0);
	scs_buf_init(&t2, 0);
	st1 = feed_lines(p, len, max, NULL, 0, &whole, &t1);
	st2 = feed_lines(p, len, max, sizes, nsizes, &split, &t2);
	FUZZ_CHECK(st1 == st2);
	FUZZ_CHECK(whole.n == split.n);
	FUZZ_CHECK(whole.out.len == split.out.len &&
	    (whole.out.len == 0 ||
	    memcmp(whole.out.data, split.out.data, whole.out.len) == 0));
	/* The tail is kept only while the stream goes on. */
	if (st1 == SCS_OK)
		FUZZ_CHECK(t1.len == t2.len &&
		    (t1.len == 0 || memcmp(t1.data, t2.data, t1.len) == 0));
	scs_buf_done(&whole.out);
	scs_buf_done(&split.out);
	scs_buf_done(&t1);
	scs_buf_done(&t2);

	memset(&whole, 0, sizeof whole);
	memset(&split, 0, sizeof split);
	scs_buf_init(&whole.out, 0);
	scs_buf_init(&split.out, 0);
	feed_watch(p, len, max, NULL, 0, &whole, &st1, &m1);
	feed_watch(p, len, max, sizes, nsizes, &split, &st2, &m2);
	FUZZ_CHECK(st1 == st2);
	FUZZ_CHECK(scs_streq(m1, m2));
	FUZZ_CHECK(whole.n == split.n);
	FUZZ_CHECK(whole.out.len == split.out.len &&
	    (whole.out.len == 0 ||
	    memcmp(whole.out.data, split.out.data, whole.out.len) == 0));
	free(m1);
	free(m2);
	scs_buf_done(&whole.out);
	scs_buf_done(&split.out);
	return (0);
}
