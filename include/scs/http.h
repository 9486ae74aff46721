/*
 * http.h: the event loop and asynchronous HTTP(S) on one libcurl multi
 * handle. One thread; nothing here blocks except scs_http_run's wait.
 *
 * The loop owns: curl transfers, extra file descriptors (the terminal,
 * exec-plugin pipes), and one-shot timers. A program calls
 * scs_http_run(h, max_wait_ms) repeatedly; each call waits (in
 * curl_multi_poll) until a transfer, a watched fd or a timer is ready, or
 * max_wait_ms passed, or scs_http_wakeup was called (thread-safe), then
 * dispatches every callback that is due. Callbacks may submit and cancel
 * requests, add and remove fds and timers.
 *
 * Requests: everything in struct scs_http_request is copied at submit, so
 * the caller's strings and blobs may go away afterwards. Credentials and
 * TLS material go to curl from memory (CURLOPT_*_BLOB), never from files.
 * on_done is called exactly once per submitted call unless the call was
 * cancelled first (then never). The response passed to on_done is
 * borrowed for the duration of the callback; the call handle is invalid
 * once on_done returned (cancelling it inside on_done is a harmless no-op).
 * Any callback may submit or cancel any call (freeing is deferred to the
 * end of scs_http_run); scs_http_free must not be called from a callback.
 *
 * Retries: with retry.max > 0, connection failures (only for GET, or when
 * retry.any_method is set), 429 and 503 are retried after Retry-After
 * (capped) or a capped exponential backoff with jitter; other codes are
 * handed to on_done at once.
 */
#ifndef SCS_HTTP_H
#define SCS_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "scs/scs.h"
#include "scs/util.h"

struct scs_http;
struct scs_http_call;

/* Bytes in memory: PEM text or DER; len 0 = absent. */
struct scs_blob {
	const unsigned char	*data;
	size_t			 len;
};

struct scs_tls {
	struct scs_blob	 ca;		/* PEM CA bundle; absent = system CAs */
	struct scs_blob	 cert;		/* PEM client certificate */
	struct scs_blob	 key;		/* PEM client key */
	int		 insecure;	/* skip peer verification */
	const char	*server_name;	/* verify/SNI (and Host) as this name while
					   connecting to the URL's host:port */
};

struct scs_http_response {
	enum scs_status	 status;	/* OK when a response came; else HTTP/TLS/TIMEOUT/LIMIT/... */
	long		 code;		/* HTTP status, 0 when none */
	const char	*error;		/* transfer error text, or NULL */
	const char	*body;		/* NUL-terminated; "" when empty or streamed */
	size_t		 body_len;
	const char	*content_type;	/* or NULL */
	const char *const *warnings;	/* texts of Warning: headers (299 - "x" -> x) */
	size_t		 nwarnings;
	int		 attempts;	/* 1 + retries made */
};

/*
 * Streaming: when on_data is set the body is not collected; on_data gets
 * each chunk as it arrives (any split) and returns 0 to go on or -1 to
 * abort the transfer (on_done then gets SCS_CANCELLED). Only 2xx bodies
 * are streamed: the body of any other answer is collected as usual and
 * handed to on_done (so an error Status can be decoded). on_headers_done,
 * when set, is called once the status line and headers are in (code known)
 * and before the first on_data (not for a 429/503 that will be retried).
 * A streamed call is not retried once data arrived.
 */
typedef int	(*scs_http_data_cb)(const char *, size_t, void *);
typedef void	(*scs_http_head_cb)(long code, void *);
typedef void	(*scs_http_done_cb)(const struct scs_http_response *, void *);

struct scs_http_request {
	const char		*method;	/* "GET", "POST", ... */
	const char		*url;
	const char *const	*headers;	/* NULL-terminated "Name: value" */
	const char		*body;
	size_t			 body_len;
	const struct scs_tls	*tls;		/* or NULL */
	const char		*proxy;		/* proxy-url, or NULL */
	const char		*bearer;	/* Authorization: Bearer (secret) */
	const char		*basic_user;	/* basic auth (secret password) */
	const char		*basic_pass;
	long			 connect_timeout_ms;	/* 0 = 10 s */
	long			 timeout_ms;	/* whole transfer; 0 = none */
	long			 low_speed_s;	/* abort when < 1 B/s for this long; 0 = off */
	long			 header_timeout_ms; /* the answer's headers must come
						 * this soon (SCS_TIMEOUT); 0 = off */
	size_t			 max_body;	/* 0 = 64 MiB; exceed -> SCS_LIMIT */
	int			 no_compression; /* no Accept-Encoding (disable-compression) */
	struct {
		int	 max;		/* extra attempts; 0 = none */
		int	 any_method;	/* also retry non-GET on connect failure */
		long	 base_ms;	/* first backoff; 0 = 250 */
		long	 cap_ms;	/* backoff cap; 0 = 30000 */
	}			 retry;
	scs_http_head_cb	 on_headers_done;
	scs_http_data_cb	 on_data;
	scs_http_done_cb	 on_done;
	void			*arg;
};

struct scs_http	*scs_http_new(void);
/* Cancels every call (no callbacks), closes everything. */
void		 scs_http_free(struct scs_http *);

/* Start a transfer. NULL only on a bad request (with *cause). */
struct scs_http_call *scs_http_submit(struct scs_http *,
		    const struct scs_http_request *, char **cause);
/* Stop a call; its callbacks are never called afterwards. */
void		 scs_http_cancel(struct scs_http_call *);
/* Calls submitted and not yet finished. */
size_t		 scs_http_pending(const struct scs_http *);

/* Wait up to max_wait_ms (-1 = until something happens), then dispatch. */
void		 scs_http_run(struct scs_http *, int max_wait_ms);
/* Make a concurrent scs_http_run return early (any thread). */
void		 scs_http_wakeup(struct scs_http *);

/* Extra fds watched by the loop (poll events: POLLIN, POLLOUT). */
typedef void	(*scs_fd_cb)(int fd, short revents, void *);
int		 scs_http_add_fd(struct scs_http *, int fd, short events,
		    scs_fd_cb, void *);
void		 scs_http_remove_fd(struct scs_http *, int fd);

/* One-shot timers; the id is > 0. Cancelling a fired timer is harmless. */
typedef void	(*scs_timer_cb)(void *);
uint64_t	 scs_http_timer(struct scs_http *, long ms, scs_timer_cb,
		    void *);
void		 scs_http_timer_cancel(struct scs_http *, uint64_t);

#endif
