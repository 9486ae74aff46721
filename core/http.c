/*
 * http.c: the event loop (fds, timers, wakeup) and asynchronous HTTP on
 * one libcurl multi handle.
 *
 * Freeing is deferred while the loop dispatches: scs_http_cancel marks a
 * call dead and, inside scs_http_run, the call is freed at the end of the
 * run, so callbacks may cancel anything (even from curl's write callback,
 * where curl forbids removing handles).
 */
#include <sys/types.h>

#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/x509.h>

#include "core.h"
#include "scs/http.h"
#include "scs/log.h"
#include "scs/util.h"

#define HTTP_MAX_BODY		(64u * 1024 * 1024)
#define HTTP_CONNECT_MS		10000L

struct http_fd {
	int		 fd;
	short		 events;
	scs_fd_cb	 cb;
	void		*arg;
};

struct http_timer {
	uint64_t	 id;
	int64_t		 due;
	scs_timer_cb	 cb;
	void		*arg;
};

struct scs_http_call {
	struct scs_http		*h;
	struct scs_http_call	*next;
	struct scs_http_call	*prev;
	CURL			*easy;
	int			 added;		/* in the multi handle */
	int			 dead;		/* cancelled or finished */
	int			 finished;	/* curl reported done this run */
	CURLcode		 result;

	char			*method;
	char			*url;
	char			*hostport;
	struct curl_slist	*headers;
	struct curl_slist	*connect_to;
	char			*body;
	size_t			 body_len;
	char			*basic_pass;
	int			 retry_max;
	int			 retry_any;
	long			 retry_base;
	long			 retry_cap;
	uint64_t		 retry_timer;
	long			 head_timeout_ms;
	uint64_t		 head_timer;	/* answer headers due */

	scs_http_head_cb	 on_headers_done;
	scs_http_data_cb	 on_data;
	scs_http_done_cb	 on_done;
	void			*arg;

	/* Per attempt. */
	int			 attempts;
	struct scs_buf		 resp;
	char			*content_type;
	char			**warnings;
	size_t			 nwarnings;
	long			 retry_after_ms;
	long			 code;
	int			 head_done;
	int			 streamed;	/* on_data got something */
	int			 over_limit;
	int			 aborted;	/* on_data returned -1 */
	int			 head_late;	/* no headers in head_timeout_ms */
	char			 errbuf[CURL_ERROR_SIZE];
};

struct scs_http {
	CURLM			*multi;
	struct scs_http_call	*calls;
	struct scs_http_call	*zombies;	/* dead, freed after the run */
	int			 running;	/* inside scs_http_run */

	struct http_fd		*fds;
	size_t			 nfds;
	struct http_timer	*timers;
	size_t			 ntimers;
	uint64_t		 next_timer;
	unsigned		 rnd;
};

static int	curl_ready;

struct scs_http *
scs_http_new(void)
{
	struct scs_http	*h;

	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return (NULL);
		curl_ready = 1;
#ifdef __GLIBC__
		/*
		 * A list page of 500 clusters parses into a ~15 MB cJSON
		 * tree that is freed before the next page arrives. By
		 * default glibc hands the heap top back to the kernel each
		 * time and faults it in again on the next page: 40,000
		 * page faults for 10,000 clusters, over half the list's
		 * wall time (docs/benchmarks.md). Keep up to 64 MiB free.
		 */
		mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
	}
	h = scs_xcalloc(1, sizeof *h);
	if ((h->multi = curl_multi_init()) == NULL) {
		free(h);
		return (NULL);
	}
	curl_multi_setopt(h->multi, CURLMOPT_PIPELINING,
	    (long)CURLPIPE_MULTIPLEX);
	h->rnd = (unsigned)scs_now_ms() ^ (unsigned)getpid() * 2654435761u;
	return (h);
}

static unsigned
http_random(struct scs_http *h)
{
	h->rnd ^= h->rnd << 13;
	h->rnd ^= h->rnd >> 17;
	h->rnd ^= h->rnd << 5;
	return (h->rnd);
}

static void
call_reset_attempt(struct scs_http_call *c)
{
	size_t	 i;

	scs_buf_done(&c->resp);
	free(c->content_type);
	c->content_type = NULL;
	for (i = 0; i < c->nwarnings; i++)
		free(c->warnings[i]);
	free(c->warnings);
	c->warnings = NULL;
	c->nwarnings = 0;
	c->retry_after_ms = -1;
	c->code = 0;
	c->head_done = 0;
	c->streamed = 0;
	c->over_limit = 0;
	c->aborted = 0;
	c->head_late = 0;
	if (c->head_timer != 0) {
		scs_http_timer_cancel(c->h, c->head_timer);
		c->head_timer = 0;
	}
	c->errbuf[0] = '\0';
}

static void
slist_free_secret(struct curl_slist *l)
{
	struct curl_slist	*s;

	for (s = l; s != NULL; s = s->next)
		scs_memzero(s->data, strlen(s->data));
	curl_slist_free_all(l);
}

static void
call_unlink(struct scs_http_call *c)
{
	struct scs_http	*h = c->h;

	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		h->calls = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	c->next = c->prev = NULL;
}

static void
call_free(struct scs_http_call *c)
{
	if (c->added)
		curl_multi_remove_handle(c->h->multi, c->easy);
	if (c->retry_timer != 0)
		scs_http_timer_cancel(c->h, c->retry_timer);
	if (c->easy != NULL)
		curl_easy_cleanup(c->easy);
	call_reset_attempt(c);
	free(c->method);
	free(c->url);
	free(c->hostport);
	slist_free_secret(c->headers);
	curl_slist_free_all(c->connect_to);
	if (c->body != NULL) {
		scs_memzero(c->body, c->body_len);
		free(c->body);
	}
	scs_free_secret(c->basic_pass);
	free(c);
}

/* Take a call out of the live list: freed now or after the run. */
static void
call_bury(struct scs_http_call *c)
{
	struct scs_http	*h = c->h;

	c->dead = 1;
	call_unlink(c);
	if (h->running) {
		c->next = h->zombies;
		h->zombies = c;
	} else
		call_free(c);
}

void
scs_http_free(struct scs_http *h)
{
	if (h == NULL)
		return;
	while (h->calls != NULL)
		call_bury(h->calls);
	free(h->fds);
	free(h->timers);
	curl_multi_cleanup(h->multi);
	free(h);
}

void
scs_http_cancel(struct scs_http_call *c)
{
	if (c == NULL || c->dead)
		return;
	call_bury(c);
}

size_t
scs_http_pending(const struct scs_http *h)
{
	const struct scs_http_call	*c;
	size_t				 n = 0;

	for (c = h->calls; c != NULL; c = c->next)
		n++;
	return (n);
}

/* --- curl callbacks ------------------------------------------------- */

static void	call_finish(struct scs_http_call *);

/* The server took the request but sent no answer in time (a hung
 * apiserver or proxy): end the call as a timeout. */
static void
call_head_late(void *arg)
{
	struct scs_http_call	*c = arg;

	c->head_timer = 0;
	if (c->dead || c->head_done || !c->added)
		return;
	c->head_late = 1;
	c->result = CURLE_OPERATION_TIMEDOUT;
	call_finish(c);
}

static void
call_head_done(struct scs_http_call *c)
{
	if (c->head_done)
		return;
	c->head_done = 1;
	if (c->head_timer != 0) {
		scs_http_timer_cancel(c->h, c->head_timer);
		c->head_timer = 0;
	}
	/* An answer that will be retried is not the caller's business. */
	if ((c->code == 429 || c->code == 503) && c->attempts <= c->retry_max)
		return;
	if (c->on_headers_done != NULL && !c->dead)
		c->on_headers_done(c->code, c->arg);
}

static size_t
call_header_cb(char *p, size_t size, size_t n, void *arg)
{
	struct scs_http_call	*c = arg;
	size_t			 len = size * n, nl;
	char			*line, *v;

	if (c->dead)
		return (0);
	if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		/* A new response (after 100 Continue): start afresh. */
		free(c->content_type);
		c->content_type = NULL;
		c->retry_after_ms = -1;
		return (len);
	}
	if (len <= 2 && (len == 0 || p[0] == '\r' || p[0] == '\n')) {
		curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &c->code);
		if (c->code >= 200)
			call_head_done(c);
		return (len);
	}
	nl = len;
	while (nl > 0 && (p[nl - 1] == '\r' || p[nl - 1] == '\n'))
		nl--;
	line = scs_xstrndup(p, nl);
	if ((v = strchr(line, ':')) != NULL) {
		*v++ = '\0';
		while (*v == ' ' || *v == '\t')
			v++;
		if (strcasecmp(line, "content-type") == 0) {
			free(c->content_type);
			c->content_type = scs_xstrdup(v);
		} else if (strcasecmp(line, "retry-after") == 0)
			c->retry_after_ms = core_http_parse_retry_after(v);
		else if (strcasecmp(line, "warning") == 0 && c->nwarnings < 64)
			core_http_parse_warning(v, &c->warnings, &c->nwarnings);
	}
	free(line);
	return (len);
}

static size_t
call_write_cb(char *p, size_t size, size_t n, void *arg)
{
	struct scs_http_call	*c = arg;
	size_t			 len = size * n;

	if (c->dead)
		return (0);
	if (!c->head_done) {
		curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &c->code);
		call_head_done(c);
		if (c->dead)
			return (0);
	}
	/* Streaming applies to 2xx bodies; error bodies are collected. */
	if (c->on_data != NULL && c->code >= 200 && c->code < 300) {
		c->streamed = 1;
		if (c->on_data(p, len, c->arg) != 0 || c->dead) {
			c->aborted = 1;
			return (0);
		}
		return (len);
	}
	if (scs_buf_add(&c->resp, p, len) != SCS_OK) {
		c->over_limit = 1;
		return (0);
	}
	return (len);
}

/* --- submit ----------------------------------------------------------- */

/* Split the URL into host and port; with a TLS server name, rewrite the
 * URL to that name and connect to the real host (CONNECT_TO). */
static int
call_set_url(struct scs_http_call *c, const char *url, const char *sni,
    char **cause)
{
	CURLU	*u;
	char	*host = NULL, *port = NULL, *nurl = NULL, *ct;
	int	 rc = -1;

	if ((u = curl_url()) == NULL)
		return (-1);
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) !=
	    CURLUE_OK) {
		scs_cause(cause, "bad URL: %s", url);
		goto out;
	}
	c->hostport = scs_xprintf("%s:%s", host, port);
	if (sni != NULL && *sni != '\0' && strcasecmp(sni, host) != 0) {
		if (curl_url_set(u, CURLUPART_HOST, sni, 0) != CURLUE_OK ||
		    curl_url_get(u, CURLUPART_URL, &nurl, 0) != CURLUE_OK) {
			scs_cause(cause, "bad TLS server name: %s", sni);
			goto out;
		}
		c->url = scs_xstrdup(nurl);
		ct = scs_xprintf("%s:%s:%s:%s", sni, port, host, port);
		c->connect_to = curl_slist_append(NULL, ct);
		free(ct);
	} else
		c->url = scs_xstrdup(url);
	rc = 0;
out:
	curl_free(host);
	curl_free(port);
	curl_free(nurl);
	curl_url_cleanup(u);
	return (rc);
}

static void
set_blob(CURL *e, CURLoption opt, const struct scs_blob *b)
{
	struct curl_blob	 blob;

	blob.data = (void *)(uintptr_t)b->data;
	blob.len = b->len;
	blob.flags = CURL_BLOB_COPY;
	curl_easy_setopt(e, opt, &blob);
}

static void
call_setup_tls(struct scs_http_call *c, const struct scs_tls *t)
{
	CURL	*e = c->easy;

	if (t == NULL)
		return;
	if (t->ca.len != 0)
		set_blob(e, CURLOPT_CAINFO_BLOB, &t->ca);
	if (t->cert.len != 0) {
		set_blob(e, CURLOPT_SSLCERT_BLOB, &t->cert);
		curl_easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM");
	}
	if (t->key.len != 0) {
		set_blob(e, CURLOPT_SSLKEY_BLOB, &t->key);
		curl_easy_setopt(e, CURLOPT_SSLKEYTYPE, "PEM");
	}
	if (t->insecure) {
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
	}
}

static void
call_setup(struct scs_http_call *c, const struct scs_http_request *r)
{
	CURL		*e = c->easy;
	const char	*const *hp;
	char		*s;

	curl_easy_setopt(e, CURLOPT_URL, c->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, c);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, c->errbuf);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, call_header_cb);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, c);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, call_write_cb);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, c);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	if (!r->no_compression)	/* gzip etc.; the body limit counts decoded bytes */
		curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
#if LIBCURL_VERSION_NUM >= 0x075500	/* 7.85.0 */
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(e, CURLOPT_TCP_KEEPIDLE, 30L);
	curl_easy_setopt(e, CURLOPT_TCP_KEEPINTVL, 15L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
	    r->connect_timeout_ms > 0 ? r->connect_timeout_ms : HTTP_CONNECT_MS);
	if (r->timeout_ms > 0)
		curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, r->timeout_ms);
	if (r->low_speed_s > 0) {
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, r->low_speed_s);
	}
	if (c->connect_to != NULL)
		curl_easy_setopt(e, CURLOPT_CONNECT_TO, c->connect_to);
	if (r->proxy != NULL && *r->proxy != '\0')
		curl_easy_setopt(e, CURLOPT_PROXY, r->proxy);
	call_setup_tls(c, r->tls);

	if (strcmp(c->method, "GET") == 0)
		curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
	else if (strcmp(c->method, "HEAD") == 0)
		curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
	else {
		curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, c->method);
		if (c->body != NULL || strcmp(c->method, "POST") == 0 ||
		    strcmp(c->method, "PUT") == 0 ||
		    strcmp(c->method, "PATCH") == 0) {
			curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
			    (curl_off_t)c->body_len);
			curl_easy_setopt(e, CURLOPT_POSTFIELDS,
			    c->body != NULL ? c->body : "");
		}
	}

	for (hp = r->headers; hp != NULL && *hp != NULL; hp++)
		c->headers = curl_slist_append(c->headers, *hp);
	c->headers = curl_slist_append(c->headers, "Expect:");
	if (r->bearer != NULL && *r->bearer != '\0') {
		s = scs_xprintf("Authorization: Bearer %s", r->bearer);
		c->headers = curl_slist_append(c->headers, s);
		scs_free_secret(s);
	}
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, c->headers);
	if (r->basic_user != NULL) {
		c->basic_pass = scs_xstrdup(r->basic_pass != NULL ?
		    r->basic_pass : "");
		curl_easy_setopt(e, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(e, CURLOPT_USERNAME, r->basic_user);
		curl_easy_setopt(e, CURLOPT_PASSWORD, c->basic_pass);
	}
}

static int
call_start(struct scs_http_call *c)
{
	call_reset_attempt(c);
	scs_buf_init(&c->resp, c->resp.max);
	c->attempts++;
	if (curl_multi_add_handle(c->h->multi, c->easy) != CURLM_OK)
		return (-1);
	c->added = 1;
	if (c->head_timeout_ms > 0)
		c->head_timer = scs_http_timer(c->h, c->head_timeout_ms,
		    call_head_late, c);
	return (0);
}

struct scs_http_call *
scs_http_submit(struct scs_http *h, const struct scs_http_request *r,
    char **cause)
{
	struct scs_http_call	*c;

	if (r->url == NULL || r->on_done == NULL) {
		scs_cause(cause, "request without URL or callback");
		return (NULL);
	}
	c = scs_xcalloc(1, sizeof *c);
	c->h = h;
	c->method = scs_xstrdup(r->method != NULL ? r->method : "GET");
	if (call_set_url(c, r->url, r->tls != NULL ? r->tls->server_name :
	    NULL, cause) != 0) {
		call_free(c);
		return (NULL);
	}
	if ((c->easy = curl_easy_init()) == NULL) {
		scs_cause(cause, "curl_easy_init failed");
		call_free(c);
		return (NULL);
	}
	if (r->body != NULL) {
		c->body = scs_xmalloc(r->body_len + 1);
		memcpy(c->body, r->body, r->body_len);
		c->body[r->body_len] = '\0';
		c->body_len = r->body_len;
	}
	c->retry_max = r->retry.max;
	c->head_timeout_ms = r->header_timeout_ms;
	c->retry_any = r->retry.any_method;
	c->retry_base = r->retry.base_ms > 0 ? r->retry.base_ms : 250;
	c->retry_cap = r->retry.cap_ms > 0 ? r->retry.cap_ms : 30000;
	c->on_headers_done = r->on_headers_done;
	c->on_data = r->on_data;
	c->on_done = r->on_done;
	c->arg = r->arg;
	scs_buf_init(&c->resp, r->max_body > 0 ? r->max_body : HTTP_MAX_BODY);
	c->retry_after_ms = -1;
	call_setup(c, r);
	if (call_start(c) != 0) {
		scs_cause(cause, "curl_multi_add_handle failed");
		call_free(c);
		return (NULL);
	}
	c->next = h->calls;
	if (h->calls != NULL)
		h->calls->prev = c;
	h->calls = c;
	scs_log_debug("http: %s %s", c->method, c->url);
	return (c);
}

/* --- completion --------------------------------------------------------- */

/* "PREFIX: text (host:port)", without repeating the host when curl's
 * text names it already, trailing blanks trimmed. */
static char *
call_msg(struct scs_http_call *c, const char *prefix, const char *e)
{
	char	*s, *host;
	size_t	 n;

	host = scs_xstrdup(c->hostport);
	host[strcspn(host, ":")] = '\0';
	if (strstr(e, host) != NULL)
		s = scs_xprintf("%s%s", prefix, e);
	else
		s = scs_xprintf("%s%s (%s)", prefix, e, c->hostport);
	free(host);
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return (s);
}

static enum scs_status
call_error(struct scs_http_call *c, char **msg)
{
	const char	*e = c->errbuf[0] != '\0' ? c->errbuf :
			    curl_easy_strerror(c->result);
	const char	*p;
	long		 vr = X509_V_OK;

	if (c->head_late) {
		*msg = scs_xprintf("timeout talking to %s: no answer within "
		    "%ld ms", c->hostport, c->head_timeout_ms);
		return (SCS_TIMEOUT);
	}
	if (c->over_limit) {
		*msg = scs_xprintf("response from %s exceeds %zu bytes",
		    c->hostport, c->resp.max);
		return (SCS_LIMIT);
	}
	if (c->aborted) {
		*msg = scs_xstrdup("cancelled");
		return (SCS_CANCELLED);
	}
	switch (c->result) {
	case CURLE_PEER_FAILED_VERIFICATION:
		p = e;
		if (scs_strprefix(p, "SSL certificate problem: "))
			p += strlen("SSL certificate problem: ");
		*msg = scs_xprintf("TLS: certificate verify failed for %s (%s)",
		    c->hostport, p);
		return (SCS_TLS);
	case CURLE_SSL_CONNECT_ERROR:
		/* OpenSSL may fail inside the chain check (a CA of the same
		 * name whose key does not fit gives "asn1 ... EVP lib"): the
		 * verify result says what it was about. */
		if (curl_easy_getinfo(c->easy, CURLINFO_SSL_VERIFYRESULT,
		    &vr) == CURLE_OK && vr != X509_V_OK) {
			if (vr == X509_V_ERR_UNSPECIFIED)
				*msg = scs_xprintf("TLS: certificate verify "
				    "failed for %s (its signature does not "
				    "check out against the CA in the "
				    "kubeconfig, a CA of the same name?: %s)",
				    c->hostport, e);
			else
				*msg = scs_xprintf("TLS: certificate verify "
				    "failed for %s (%s)", c->hostport,
				    X509_verify_cert_error_string(vr));
			return (SCS_TLS);
		}
		/* FALLTHROUGH */
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CLIENTCERT:
	case CURLE_USE_SSL_FAILED:
		*msg = call_msg(c, "TLS: ", e);
		return (SCS_TLS);
	case CURLE_OPERATION_TIMEDOUT:
		*msg = scs_xprintf("timeout talking to %s: %s", c->hostport, e);
		return (SCS_TIMEOUT);
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		*msg = scs_xprintf("cannot connect to %s: %s", c->hostport, e);
		return (SCS_HTTP);
	default:
		*msg = call_msg(c, "HTTP: ", e);
		return (SCS_HTTP);
	}
}

static int
call_retryable(struct scs_http_call *c)
{
	if (c->attempts > c->retry_max || c->streamed || c->aborted ||
	    c->over_limit)
		return (0);
	if (c->result == CURLE_OK)
		return (c->code == 429 || c->code == 503);
	switch (c->result) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return (c->retry_any || strcmp(c->method, "GET") == 0);
	default:
		return (0);
	}
}

static void
call_retry_cb(void *arg)
{
	struct scs_http_call	*c = arg;
	struct scs_http_response resp;

	c->retry_timer = 0;
	if (call_start(c) == 0)
		return;
	memset(&resp, 0, sizeof resp);
	resp.status = SCS_HTTP;
	resp.error = "curl_multi_add_handle failed";
	resp.body = "";
	resp.attempts = c->attempts;
	c->on_done(&resp, c->arg);
	call_bury(c);
}

static void
call_finish(struct scs_http_call *c)
{
	struct scs_http_response	 resp;
	char				*msg = NULL;
	long				 delay;

	curl_multi_remove_handle(c->h->multi, c->easy);
	c->added = 0;
	if (c->head_timer != 0) {
		scs_http_timer_cancel(c->h, c->head_timer);
		c->head_timer = 0;
	}
	if (c->code == 0)
		curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &c->code);
	if (call_retryable(c)) {
		delay = core_http_backoff(c->attempts, c->retry_after_ms,
		    c->retry_base, c->retry_cap, http_random(c->h));
		scs_log_debug("http: retry %s %s in %ld ms (code %ld)",
		    c->method, c->url, delay, c->code);
		c->retry_timer = scs_http_timer(c->h, delay, call_retry_cb, c);
		return;
	}
	memset(&resp, 0, sizeof resp);
	if (c->result != CURLE_OK || c->over_limit || c->aborted) {
		resp.status = call_error(c, &msg);
		resp.error = msg;
	} else
		resp.status = SCS_OK;
	resp.code = c->code;
	resp.body = c->resp.data != NULL ? c->resp.data : "";
	resp.body_len = c->resp.len;
	resp.content_type = c->content_type;
	resp.warnings = (const char *const *)c->warnings;
	resp.nwarnings = c->nwarnings;
	resp.attempts = c->attempts;
	scs_log_debug("http: %s %s -> %ld %s", c->method, c->url, c->code,
	    scs_status_name(resp.status));
	c->dead = 1;	/* no more callbacks; cancel in on_done is a no-op */
	c->on_done(&resp, c->arg);
	free(msg);
	call_unlink(c);
	c->next = c->h->zombies;
	c->h->zombies = c;
}

/* --- the loop ------------------------------------------------------------- */

static long
timers_next(struct scs_http *h, int64_t now)
{
	size_t	 i;
	int64_t	 best = -1;

	for (i = 0; i < h->ntimers; i++) {
		if (best == -1 || h->timers[i].due - now < best)
			best = h->timers[i].due - now;
	}
	if (best < -1)
		best = 0;
	return ((long)best);
}

static void
timers_run(struct scs_http *h)
{
	uint64_t	 limit = h->next_timer;
	int64_t		 now = scs_now_ms();
	struct http_timer t;
	size_t		 i;

	for (;;) {
		for (i = 0; i < h->ntimers; i++) {
			if (h->timers[i].due <= now && h->timers[i].id <= limit)
				break;
		}
		if (i == h->ntimers)
			return;
		t = h->timers[i];
		h->timers[i] = h->timers[--h->ntimers];
		t.cb(t.arg);
	}
}

static void
fds_run(struct scs_http *h, struct curl_waitfd *w, size_t n)
{
	size_t	 i, j;

	for (i = 0; i < n; i++) {
		if (w[i].revents == 0)
			continue;
		for (j = 0; j < h->nfds; j++) {
			if (h->fds[j].fd == (int)w[i].fd)
				break;
		}
		if (j == h->nfds)
			continue;	/* removed by an earlier callback */
		h->fds[j].cb(h->fds[j].fd, (short)w[i].revents, h->fds[j].arg);
	}
}

void
scs_http_run(struct scs_http *h, int max_wait_ms)
{
	struct curl_waitfd	*w = NULL;
	struct scs_http_call	*c, **fin = NULL;
	char			*priv;
	CURLMsg			*m;
	long			 t, ct;
	int			 left, nrun, wait;
	size_t			 i, n = h->nfds, nfin = 0;

	wait = max_wait_ms < 0 ? INT_MAX : max_wait_ms;
	t = timers_next(h, scs_now_ms());
	if (t >= 0 && t < wait)
		wait = (int)t;
	if (curl_multi_timeout(h->multi, &ct) == CURLM_OK && ct >= 0 &&
	    ct < wait)
		wait = (int)ct;
	if (n > 0) {
		w = scs_xcalloc(n, sizeof *w);
		for (i = 0; i < n; i++) {
			w[i].fd = h->fds[i].fd;
			if (h->fds[i].events & POLLIN)
				w[i].events |= CURL_WAIT_POLLIN;
			if (h->fds[i].events & POLLPRI)
				w[i].events |= CURL_WAIT_POLLPRI;
			if (h->fds[i].events & POLLOUT)
				w[i].events |= CURL_WAIT_POLLOUT;
		}
	}
	/* EINTR comes back as a timeout (curl makes it one). */
	curl_multi_poll(h->multi, w, (unsigned)n, wait, NULL);

	h->running = 1;
	curl_multi_perform(h->multi, &nrun);
	/* Collect first: message data dies with curl_multi_remove_handle. */
	while ((m = curl_multi_info_read(h->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		priv = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
		c = (struct scs_http_call *)(void *)priv;
		if (c == NULL || c->dead)
			continue;
		c->result = m->data.result;
		c->finished = 1;
		fin = scs_xreallocarray(fin, nfin + 1, sizeof *fin);
		fin[nfin++] = c;
	}
	for (i = 0; i < nfin; i++) {
		if (!fin[i]->dead)
			call_finish(fin[i]);
	}
	free(fin);
	if (w != NULL) {
		fds_run(h, w, n);
		free(w);
	}
	timers_run(h);
	h->running = 0;
	while ((c = h->zombies) != NULL) {
		h->zombies = c->next;
		call_free(c);
	}
}

void
scs_http_wakeup(struct scs_http *h)
{
	curl_multi_wakeup(h->multi);
}

int
scs_http_add_fd(struct scs_http *h, int fd, short events, scs_fd_cb cb,
    void *arg)
{
	size_t	 i;

	if (fd < 0 || cb == NULL)
		return (-1);
	for (i = 0; i < h->nfds; i++) {
		if (h->fds[i].fd == fd)
			break;
	}
	if (i == h->nfds) {
		h->fds = scs_xreallocarray(h->fds, h->nfds + 1, sizeof *h->fds);
		h->nfds++;
	}
	h->fds[i].fd = fd;
	h->fds[i].events = events;
	h->fds[i].cb = cb;
	h->fds[i].arg = arg;
	return (0);
}

void
scs_http_remove_fd(struct scs_http *h, int fd)
{
	size_t	 i;

	for (i = 0; i < h->nfds; i++) {
		if (h->fds[i].fd == fd) {
			h->fds[i] = h->fds[--h->nfds];
			return;
		}
	}
}

uint64_t
scs_http_timer(struct scs_http *h, long ms, scs_timer_cb cb, void *arg)
{
	struct http_timer	*t;

	h->timers = scs_xreallocarray(h->timers, h->ntimers + 1,
	    sizeof *h->timers);
	t = &h->timers[h->ntimers++];
	t->id = ++h->next_timer;
	t->due = scs_now_ms() + (ms > 0 ? ms : 0);
	t->cb = cb;
	t->arg = arg;
	return (t->id);
}

void
scs_http_timer_cancel(struct scs_http *h, uint64_t id)
{
	size_t	 i;

	for (i = 0; i < h->ntimers; i++) {
		if (h->timers[i].id == id) {
			h->timers[i] = h->timers[--h->ntimers];
			return;
		}
	}
}
