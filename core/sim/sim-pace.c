/*
 * sim-pace.c: response bodies as a real server sends them: gzip when the
 * client accepts it and the body is large (the apiserver compresses
 * bodies of 128 KiB and more, at level 1), paced at --serve-rate, or cut
 * halfway (cut-list-every).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "scs/util.h"
#include "sim-http-int.h"

/* k8s.io/apiserver: responses of this size and more are compressed. */
#define GZIP_MIN	(128 * 1024)
/* Bodies waiting for their pace go on after this many ms. */
#define PACE_MS		2

struct sim_body {
	struct sim_body		*next;		/* on sim->bodies: suspended */
	struct scs_sim		*sim;
	struct MHD_Connection	*conn;
	char			*data;
	size_t			 len;
	int			 cut;		/* stop halfway, then drop */
	int			 suspended;
	int64_t			 t0;
};

size_t
sim_pace_allow(struct scs_sim *sim, int64_t t0, uint64_t sent, size_t want)
{
	double		 rate = sim->opts.serve_rate;
	double		 allowed;

	if (rate <= 0)
		return (want);
	/* rate MB/s = rate * 1000 bytes per ms; the first ms's worth at
	 * once. */
	allowed = rate * 1000.0 * (double)(scs_now_ms() - t0 + 1);
	if ((double)sent >= allowed)
		return (0);
	if ((double)(sent + want) > allowed)
		want = (size_t)(allowed - (double)sent);
	return (want);
}

/* Does the request accept gzip? */
static int
accepts_gzip(struct MHD_Connection *c)
{
	const char	*a = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
			    "Accept-Encoding");

	return (a != NULL && strstr(a, "gzip") != NULL);
}

/* body (len bytes) gzipped at level 1 into a new buffer, or NULL. */
static char *
gzip_body(const char *body, size_t len, size_t *outlen)
{
	z_stream	 z;
	char		*out;
	size_t		 cap;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return (NULL);
	cap = deflateBound(&z, (uLong)len);
	out = scs_xmalloc(cap);
	z.next_in = (Bytef *)(uintptr_t)body;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&z);
		free(out);
		return (NULL);
	}
	*outlen = z.total_out;
	deflateEnd(&z);
	return (out);
}

static ssize_t
body_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct sim_body	*b = cls;
	size_t		 end = b->cut ? b->len / 2 : b->len, n;

	if (pos >= end)
		return (b->cut ? MHD_CONTENT_READER_END_WITH_ERROR :
		    MHD_CONTENT_READER_END_OF_STREAM);
	n = end - (size_t)pos;
	if (n > max)
		n = max;
	if ((n = sim_pace_allow(b->sim, b->t0, pos, n)) == 0) {
		if (b->sim->stopping)
			return (MHD_CONTENT_READER_END_WITH_ERROR);
		b->suspended = 1;
		b->next = b->sim->bodies;
		b->sim->bodies = b;
		sim_pace_wait(b->sim);
		MHD_suspend_connection(b->conn);
		return (0);
	}
	memcpy(buf, b->data + pos, n);
	return ((ssize_t)n);
}

static void
body_free(void *cls)
{
	struct sim_body	*b = cls, **p;

	for (p = &b->sim->bodies; *p != NULL; p = &(*p)->next) {
		if (*p == b) {
			*p = b->next;
			break;
		}
	}
	free(b->data);
	free(b);
}

enum MHD_Result
sim_reply_body(struct scs_sim *sim, struct MHD_Connection *c, char *body,
    const char *warning, int cut)
{
	struct MHD_Response	*r;
	struct sim_body		*b;
	enum MHD_Result		 ret;
	size_t			 len = strlen(body), zlen;
	char			*z = NULL;

	if (len >= GZIP_MIN && accepts_gzip(c) &&
	    (z = gzip_body(body, len, &zlen)) != NULL) {
		free(body);
		body = z;
		len = zlen;
	}
	if (!cut && sim->opts.serve_rate <= 0)
		r = MHD_create_response_from_buffer(len, body,
		    MHD_RESPMEM_MUST_FREE);
	else {
		b = scs_xcalloc(1, sizeof *b);
		b->sim = sim;
		b->conn = c;
		b->data = body;
		b->len = len;
		b->cut = cut;
		b->t0 = scs_now_ms();
		r = MHD_create_response_from_callback(len, 64 * 1024,
		    body_read, b, body_free);
	}
	MHD_add_response_header(r, "Content-Type", "application/json");
	MHD_add_response_header(r, "Cache-Control", "no-cache, private");
	if (z != NULL)
		MHD_add_response_header(r, "Content-Encoding", "gzip");
	if (warning != NULL)
		MHD_add_response_header(r, "Warning", warning);
	ret = MHD_queue_response(c, 200, r);
	MHD_destroy_response(r);
	return (ret);
}

void
sim_pace_wait(struct scs_sim *sim)
{
	if (sim->pace_at == 0) {
		sim->pace_at = scs_now_ms() + PACE_MS;
		sim->kick = 1;
	}
}

long
sim_pace_tick(struct scs_sim *sim, int64_t now)
{
	if (sim->pace_at == 0)
		return (1000);
	if (now < sim->pace_at)
		return ((long)(sim->pace_at - now));
	sim->pace_at = 0;
	sim_watches_resume(sim);
	sim_pace_resume(sim);
	return (1000);
}

int
sim_pace_resume(struct scs_sim *sim)
{
	struct sim_body	*b;
	int		 any = 0;

	while ((b = sim->bodies) != NULL) {
		sim->bodies = b->next;
		b->next = NULL;
		b->suspended = 0;
		MHD_resume_connection(b->conn);
		any = 1;
	}
	if (any)
		sim->kick = 1;
	return (any);
}
