/*
 * test-http.c: the loop and transfers against the loopback HTTP/1.1
 * test peer (peer.h) answering canned responses.
 */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core.h"
#include "scs/http.h"
#include "scs/util.h"
#include "../tap.h"
#include "peer.h"

static int		 port;
static atomic_int	 hits429, hits503, hitsflaky;

static void
serve(struct peer *p, const char *req)
{
	char	 path[256], buf[512];
	const char *h;
	int	 i;

	if (sscanf(req, "%*s %255s", path) != 1)
		return;
	if (strcmp(path, "/json") == 0) {
		peer_reply(p, "200 OK", "Content-Type: application/json\r\n"
		    "Warning: 299 - \"first warning\"\r\n"
		    "Warning: 299 - \"second warning\"\r\n",
		    "{\"kind\":\"Pod\"}");
	} else if (strcmp(path, "/echo-auth") == 0 ||
	    strcmp(path, "/echo-host") == 0) {
		h = strstr(req, path[6] == 'a' ? "Authorization: " : "Host: ");
		snprintf(buf, sizeof buf, "%.*s", h ? (int)strcspn(h, "\r") :
		    0, h ? h : "");
		peer_reply(p, "200 OK", "", buf);
	} else if (strcmp(path, "/stream") == 0) {
		peer_put(p, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
		    "Connection: close\r\n\r\n");
		for (i = 0; i < 3; i++) {
			snprintf(buf, sizeof buf, "line%d\n", i);
			peer_chunk(p, buf);
		}
		peer_put(p, "0\r\n\r\n");
	} else if (strcmp(path, "/429") == 0) {
		if (atomic_fetch_add(&hits429, 1) == 0)
			peer_reply(p, "429 Too Many Requests",
			    "Retry-After: 1\r\n", "busy");
		else
			peer_reply(p, "200 OK", "", "done");
	} else if (strcmp(path, "/503") == 0) {
		if (atomic_fetch_add(&hits503, 1) < 2)
			peer_reply(p, "503 Service Unavailable", "", "later");
		else
			peer_reply(p, "200 OK", "", "up");
	} else if (strcmp(path, "/404") == 0) {
		peer_reply(p, "404 Not Found", "", "nope");
	} else if (strcmp(path, "/drop") == 0) {
		atomic_fetch_add(&hitsflaky, 1);
	} else if (strcmp(path, "/slow") == 0) {
		/* Answers only once the client gave up (its timeout). */
		peer_wait_closed(p, 10000);
		peer_reply(p, "200 OK", "", "late");
	} else if (strcmp(path, "/big") == 0) {
		static char	 big[200001];

		memset(big, 'x', sizeof big - 1);
		peer_reply(p, "200 OK", "", big);
	} else
		peer_reply(p, "404 Not Found", "", "");
}

struct result {
	int		 done;
	enum scs_status	 status;
	long		 code;
	int		 attempts;
	char		*body;
	char		*error;
	char		*warn[4];
	size_t		 nwarn;
	struct scs_buf	 stream;
	int		 head_code;
};

static void
on_done(const struct scs_http_response *r, void *arg)
{
	struct result	*res = arg;
	size_t		 i;

	res->done++;
	res->status = r->status;
	res->code = r->code;
	res->attempts = r->attempts;
	res->body = scs_xstrndup(r->body, r->body_len);
	res->error = r->error ? scs_xstrdup(r->error) : NULL;
	for (i = 0; i < r->nwarnings && i < 4; i++)
		res->warn[res->nwarn++] = scs_xstrdup(r->warnings[i]);
}

static int
on_data(const char *d, size_t len, void *arg)
{
	struct result	*res = arg;

	scs_buf_add(&res->stream, d, len);
	return (0);
}

static void
on_head(long code, void *arg)
{
	((struct result *)arg)->head_code = (int)code;
}

static void
res_free(struct result *r)
{
	size_t	 i;

	free(r->body);
	free(r->error);
	for (i = 0; i < r->nwarn; i++)
		free(r->warn[i]);
	scs_buf_done(&r->stream);
	memset(r, 0, sizeof *r);
}

static void
fetch(struct scs_http *h, const char *path, struct scs_http_request *rq,
    struct result *res)
{
	char		*url, *cause = NULL;
	int64_t		 end = scs_now_ms() + 40000;

	memset(res, 0, sizeof *res);
	scs_buf_init(&res->stream, 0);
	scs_xasprintf(&url, "http://127.0.0.1:%d%s", port, path);
	rq->url = url;
	rq->on_done = on_done;
	rq->arg = res;
	if (scs_http_submit(h, rq, &cause) == NULL) {
		diag("submit: %s", cause);
		free(cause);
	}
	free(url);
	while (!res->done && scs_now_ms() < end)
		scs_http_run(h, 1000);
}

static int	 fired;
static void
timer_cb(void *arg)
{
	fired += (int)(intptr_t)arg;
}

/* Wake the loop until it has returned (the main thread sets woken). */
static atomic_int	 woken;
static void *
waker(void *arg)
{
	struct timespec	 ts = { 0, 10 * 1000000L };

	while (!atomic_load(&woken)) {
		scs_http_wakeup(arg);
		nanosleep(&ts, NULL);
	}
	return (NULL);
}

static int	 fd_seen;
static void
fd_cb(int fd, short ev, void *arg)
{
	char	 c;

	if (ev & POLLIN)
		fd_seen += (int)read(fd, &c, 1);
}

/* Header value parsing and the backoff (pure). */
static void
test_headers(void)
{
	char	**w = NULL;
	size_t	 n = 0, i;
	long	 d, lo = 1000000, hi = 0;
	int	 k;

	is_int(core_http_parse_warning("299 - \"a, b\", 299 kube \"c\" "
	    "\"Wed, 25 Nov 2026 00:00:00 GMT\", 199 - \"misc\"", &w, &n), 2,
	    "two 299 warnings in one header");
	is_str(n > 0 ? w[0] : NULL, "a, b", "comma inside the text");
	is_str(n > 1 ? w[1] : NULL, "c", "date dropped");
	is_int(core_http_parse_warning("garbage", &w, &n), 0, "garbage");
	for (i = 0; i < n; i++)
		free(w[i]);
	free(w);
	is_int(core_http_parse_retry_after("3"), 3000, "Retry-After: 3");
	is_int(core_http_parse_retry_after("x"), -1, "bad Retry-After");
	ok(core_http_parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT") == 0,
	    "Retry-After date in the past -> 0");
	is_int(core_http_backoff(1, 120000, 250, 30000, 7), 30000,
	    "Retry-After capped");
	for (k = 0; k < 200; k++) {
		d = core_http_backoff(3, -1, 250, 30000, (unsigned)k * 7919u);
		lo = d < lo ? d : lo;
		hi = d > hi ? d : hi;
	}
	ok(lo >= 500 && hi <= 1000 && lo < hi, "attempt 3: jitter in "
	    "[500, 1000] (%ld..%ld)", lo, hi);
	ok(core_http_backoff(30, -1, 250, 30000, 12345) <= 30000,
	    "backoff capped");
}

int
main(void)
{
	struct scs_http		*h;
	struct scs_http_request	 rq;
	struct scs_http_call	*call;
	struct result		 res, res2;
	const char		*hdrs[] = { "X-Test: 1", NULL };
	int64_t			 t0;
	uint64_t		 id;
	pthread_t		 t;
	int			 p[2], i;

	signal(SIGPIPE, SIG_IGN);	/* the peer may write to closed sockets */
	port = peer_start(serve, NULL);
	h = scs_http_new();

	memset(&rq, 0, sizeof rq);
	rq.headers = hdrs;
	fetch(h, "/json", &rq, &res);
	is_int(res.status, SCS_OK, "200: status OK");
	is_int(res.code, 200, "200: code");
	is_str(res.body, "{\"kind\":\"Pod\"}", "200: body");
	is_int(res.nwarn, 2, "two Warning headers");
	is_str(res.warn[0], "first warning", "warning text 1");
	is_str(res.warn[1], "second warning", "warning text 2");
	is_int(scs_http_pending(h), 0, "nothing pending after done");
	res_free(&res);

	memset(&rq, 0, sizeof rq);
	rq.bearer = "s3cret";
	fetch(h, "/echo-auth", &rq, &res);
	is_str(res.body, "Authorization: Bearer s3cret", "bearer header sent");
	res_free(&res);

	memset(&rq, 0, sizeof rq);
	fetch(h, "/404", &rq, &res);
	ok(res.status == SCS_OK && res.code == 404 && res.attempts == 1,
	    "404 is a response, not retried");
	res_free(&res);

	memset(&rq, 0, sizeof rq);
	rq.on_data = on_data;
	rq.on_headers_done = on_head;
	fetch(h, "/stream", &rq, &res);
	is_int(res.status, SCS_OK, "stream: OK");
	is_int(res.head_code, 200, "stream: headers callback first");
	is_str(res.stream.data, "line0\nline1\nline2\n", "stream: chunks");
	is_str(res.body, "", "stream: body not collected");
	res_free(&res);

	memset(&rq, 0, sizeof rq);
	rq.retry.max = 3;
	rq.retry.base_ms = 20;
	fetch(h, "/503", &rq, &res);
	ok(res.code == 200 && res.attempts == 3, "503 twice then 200: "
	    "3 attempts (got %d, code %ld)", res.attempts, res.code);
	res_free(&res);

	memset(&rq, 0, sizeof rq);
	rq.retry.max = 2;
	rq.retry.base_ms = 10;
	t0 = scs_now_ms();
	fetch(h, "/429", &rq, &res);
	ok(res.code == 200 && res.attempts == 2, "429 then 200");
	ok(scs_now_ms() - t0 >= 1000, "Retry-After: 1 honoured (%lld ms)",
	    (long long)(scs_now_ms() - t0));
	res_free(&res);

	memset(&rq, 0, sizeof rq);
	rq.retry.max = 2;
	rq.retry.base_ms = 10;
	fetch(h, "/drop", &rq, &res);
	ok(res.status == SCS_HTTP && res.error != NULL,
	    "dropped connection -> HTTP error: %s", res.error);
	is_int(res.attempts, 3, "GET retried on connection failure");
	res_free(&res);

	memset(&rq, 0, sizeof rq);
	rq.method = "POST";
	rq.body = "{}";
	rq.body_len = 2;
	rq.retry.max = 2;
	fetch(h, "/drop", &rq, &res);
	is_int(res.attempts, 1, "POST not retried on connection failure");
	res_free(&res);

	memset(&rq, 0, sizeof rq);
	rq.timeout_ms = 300;
	fetch(h, "/slow", &rq, &res);
	is_int(res.status, SCS_TIMEOUT, "slow -> TIMEOUT");
	res_free(&res);

	memset(&rq, 0, sizeof rq);
	rq.max_body = 100000;
	fetch(h, "/big", &rq, &res);
	is_int(res.status, SCS_LIMIT, "oversized body -> LIMIT");
	res_free(&res);

	memset(&rq, 0, sizeof rq);
	memset(&res, 0, sizeof res);
	rq.url = "http://127.0.0.1:1/x";
	rq.url = NULL;
	ok(scs_http_submit(h, &rq, NULL) == NULL, "no url -> NULL");

	/* Cancel: no callback, nothing pending. */
	{
		char	*url;

		scs_xasprintf(&url, "http://127.0.0.1:%d/stream", port);
		memset(&rq, 0, sizeof rq);
		memset(&res, 0, sizeof res);
		scs_buf_init(&res.stream, 0);
		rq.url = url;
		rq.on_done = on_done;
		rq.on_data = on_data;
		rq.arg = &res;
		call = scs_http_submit(h, &rq, NULL);
		free(url);
		scs_http_run(h, 20);
		scs_http_cancel(call);
		/* Another whole transfer on the same loop: by its end, a
		 * callback of the cancelled call would have come. */
		memset(&rq, 0, sizeof rq);
		fetch(h, "/json", &rq, &res2);
		is_int(res2.status, SCS_OK, "a call after the cancelled one");
		res_free(&res2);
		is_int(res.done, 0, "cancelled call: no done callback");
		is_int(scs_http_pending(h), 0, "cancelled call is gone");
		res_free(&res);
	}

	/* Timers. */
	fired = 0;
	scs_http_timer(h, 30, timer_cb, (void *)1);
	id = scs_http_timer(h, 30, timer_cb, (void *)100);
	scs_http_timer_cancel(h, id);
	t0 = scs_now_ms();
	while (fired == 0 && scs_now_ms() - t0 < 2000)
		scs_http_run(h, -1);
	is_int(fired, 1, "timer fired, cancelled one did not");
	ok(scs_now_ms() - t0 >= 25, "timer not early");

	/* Wakeup from another thread. */
	pthread_create(&t, NULL, waker, h);
	t0 = scs_now_ms();
	scs_http_run(h, 5000);
	atomic_store(&woken, 1);
	ok(scs_now_ms() - t0 < 2500, "wakeup interrupts the wait (%lld ms)",
	    (long long)(scs_now_ms() - t0));
	pthread_join(t, NULL);

	/* Extra fds. */
	if (pipe(p) == 0) {
		scs_http_add_fd(h, p[0], POLLIN, fd_cb, NULL);
		i = (int)write(p[1], "x", 1);
		t0 = scs_now_ms();
		while (fd_seen == 0 && scs_now_ms() - t0 < 2000)
			scs_http_run(h, 500);
		ok(i == 1 && fd_seen == 1, "fd callback");
		scs_http_remove_fd(h, p[0]);
		close(p[0]);
		close(p[1]);
	}

	/* tls-server-name: the URL names the server, curl connects to the
	 * real host (checked over plain HTTP through the Host header). */
	{
		struct scs_tls	 tls;
		char		 want[64];

		memset(&tls, 0, sizeof tls);
		tls.server_name = "api.example.test";
		memset(&rq, 0, sizeof rq);
		rq.tls = &tls;
		fetch(h, "/echo-host", &rq, &res);
		snprintf(want, sizeof want, "Host: api.example.test:%d", port);
		is_str(res.body, want, "server name used, real host reached");
		res_free(&res);
	}

	/* https to a plain HTTP peer: a TLS error with the host in it. */
	{
		char	*url, want[64];

		scs_xasprintf(&url, "https://127.0.0.1:%d/json", port);
		memset(&rq, 0, sizeof rq);
		memset(&res, 0, sizeof res);
		rq.url = url;
		rq.on_done = on_done;
		rq.arg = &res;
		scs_http_submit(h, &rq, NULL);
		free(url);
		t0 = scs_now_ms();
		while (!res.done && scs_now_ms() - t0 < 10000)
			scs_http_run(h, 500);
		snprintf(want, sizeof want, "127.0.0.1:%d", port);
		ok(res.status == SCS_TLS && res.error != NULL &&
		    strncmp(res.error, "TLS: ", 5) == 0 &&
		    strstr(res.error, want) != NULL, "https to plain peer -> "
		    "TLS: %s", res.error);
		res_free(&res);
	}

	test_headers();
	scs_http_free(h);
	peer_quiesce(5000);
	return (tap_done());
}
