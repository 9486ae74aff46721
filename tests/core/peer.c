/*
 * peer.c: the loopback HTTP/1.1 test peer (peer.h).
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "peer.h"

#define PEER_REQ_MAX	16384

struct peer {
	int	 fd;
	SSL	*ssl;
};

static peer_fn		 handler;
static SSL_CTX		*tls;
static atomic_int	 serving;	/* connections open */

static void
write_all(struct peer *p, const char *s, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		n = p->ssl != NULL ? SSL_write(p->ssl, s, (int)len) :
		    write(p->fd, s, len);
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

void
peer_put(struct peer *p, const char *s)
{
	write_all(p, s, strlen(s));
}

void
peer_reply(struct peer *p, const char *status, const char *headers,
    const char *body)
{
	char	 head[1024];

	snprintf(head, sizeof head, "HTTP/1.1 %s\r\nContent-Length: %zu\r\n"
	    "Connection: close\r\n%s\r\n", status, strlen(body), headers);
	peer_put(p, head);
	peer_put(p, body);
}

void
peer_chunk(struct peer *p, const char *s)
{
	struct timespec	 ts = { 0, 20 * 1000000L };
	char		 head[32];

	snprintf(head, sizeof head, "%zx\r\n", strlen(s));
	peer_put(p, head);
	peer_put(p, s);
	peer_put(p, "\r\n");
	nanosleep(&ts, NULL);
}

void
peer_wait_closed(struct peer *p, int ms)
{
	struct pollfd	 pfd = { p->fd, POLLIN, 0 };
	char		 c;

	/* The request was read whole: readable now means end of file. */
	while (poll(&pfd, 1, ms) == 1 && read(p->fd, &c, 1) > 0)
		continue;
}

void
peer_quiesce(int ms)
{
	struct timespec	 ts = { 0, 5 * 1000000L };

	while (atomic_load(&serving) > 0 && (ms -= 5) > 0)
		nanosleep(&ts, NULL);
}

SSL *
peer_ssl(struct peer *p)
{
	return (p->ssl);
}

/* Read one request into req: the head, then Content-Length bytes. */
static void
read_request(struct peer *p, char *req, size_t size)
{
	const char	*body, *cl;
	size_t		 len = 0, want;
	ssize_t		 n;

	req[0] = '\0';
	while (len < size - 1) {
		n = p->ssl != NULL ? SSL_read(p->ssl, req + len,
		    (int)(size - 1 - len)) : read(p->fd, req + len,
		    size - 1 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
		req[len] = '\0';
		if (p->ssl == NULL && req[0] == 0x16)
			break;	/* a TLS ClientHello to a plain peer */
		if ((body = strstr(req, "\r\n\r\n")) == NULL)
			continue;
		cl = strstr(req, "Content-Length: ");
		want = cl != NULL && cl < body ? (size_t)atol(cl + 16) : 0;
		if ((size_t)(req + len - (body + 4)) >= want)
			break;
	}
	req[len] = '\0';
}

static void *
serve(void *arg)
{
	struct peer	 p = { (int)(intptr_t)arg, NULL };
	char		*req = malloc(PEER_REQ_MAX);

	if (tls != NULL) {
		p.ssl = SSL_new(tls);
		SSL_set_fd(p.ssl, p.fd);
		if (SSL_accept(p.ssl) != 1)
			goto out;
	}
	read_request(&p, req, PEER_REQ_MAX);
	handler(&p, req);
	if (p.ssl != NULL)
		SSL_shutdown(p.ssl);
out:
	SSL_free(p.ssl);
	close(p.fd);
	free(req);
	atomic_fetch_sub(&serving, 1);
	return (NULL);
}

static void *
accept_loop(void *arg)
{
	int		 ls = (int)(intptr_t)arg, fd;
	pthread_t	 t;

	for (;;) {
		if ((fd = accept(ls, NULL, NULL)) == -1)
			continue;
		atomic_fetch_add(&serving, 1);
		if (pthread_create(&t, NULL, serve, (void *)(intptr_t)fd) != 0) {
			close(fd);
			atomic_fetch_sub(&serving, 1);
		} else
			pthread_detach(t);
	}
	return (NULL);
}

int
peer_start(peer_fn fn, SSL_CTX *ctx)
{
	struct sockaddr_in	 sin;
	socklen_t		 sl = sizeof sin;
	int			 ls, one = 1;
	pthread_t		 t;

	handler = fn;
	tls = ctx;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((ls = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == -1 ||
	    bind(ls, (struct sockaddr *)&sin, sizeof sin) == -1 ||
	    listen(ls, 16) == -1 ||
	    getsockname(ls, (struct sockaddr *)&sin, &sl) == -1 ||
	    pthread_create(&t, NULL, accept_loop, (void *)(intptr_t)ls) != 0) {
		printf("Bail out! the test peer cannot listen on 127.0.0.1\n");
		exit(1);
	}
	pthread_detach(t);
	return (ntohs(sin.sin_port));
}
