/*
 * peer.h: the loopback HTTP/1.1 peer that test-http, test-api and
 * test-tls talk to. A thread accepts on 127.0.0.1 (an ephemeral port); a
 * thread per connection reads the request (the head and the body its
 * Content-Length announces; a TLS ClientHello to a plain peer ends the
 * reading too), hands it to the test's handler and closes. With a TLS
 * context each connection is TLS, handshake first; a failed handshake
 * never reaches the handler.
 */
#ifndef SCS_TEST_PEER_H
#define SCS_TEST_PEER_H

#include <stddef.h>

#include <openssl/ssl.h>

struct peer;		/* one connection */

/* Called once per request (NUL-terminated head and body) on the
 * connection's own thread. */
typedef void	(*peer_fn)(struct peer *, const char *req);

/* Start serving with fn (and TLS from ctx, else plain); the port. Exits
 * the test with a TAP bail-out when it cannot listen. */
int		 peer_start(peer_fn fn, SSL_CTX *ctx);
/* Write bytes as they are. */
void		 peer_put(struct peer *, const char *);
/* A whole response: status ("200 OK"), extra header lines (each ending
 * in \r\n, or ""), body; Content-Length and Connection: close added. */
void		 peer_reply(struct peer *, const char *status,
		    const char *headers, const char *body);
/* One chunk of a chunked body, then a pause of 20 ms so that the next
 * write reaches the client apart from this one. */
void		 peer_chunk(struct peer *, const char *);
/* Wait until the client hangs up (at most ms milliseconds). */
void		 peer_wait_closed(struct peer *, int ms);
/* Wait until no connection is being served (at most ms milliseconds):
 * before the test frees what the peer uses, or exits. */
void		 peer_quiesce(int ms);
/* The TLS connection (NULL for a plain peer). */
SSL		*peer_ssl(struct peer *);

#endif
