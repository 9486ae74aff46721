/*
 * test-tls.c: TLS material from memory against a loopback TLS peer made
 * here with OpenSSL (a throwaway self-signed certificate for "api.test"):
 * CA blob, verify failure message, tls-server-name, insecure, client
 * certificate blobs.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "scs/http.h"
#include "scs/util.h"
#include "../tap.h"
#include "peer.h"

static int	 port;
static SSL_CTX	*ctx;
static char	*cert_pem, *key_pem;

static char *
bio_text(BIO *b)
{
	char	*p;
	long	 n = BIO_get_mem_data(b, &p);

	return (scs_xstrndup(p, (size_t)n));
}

static void
add_ext(X509 *x, int nid, const char *v)
{
	X509V3_CTX	 c;
	X509_EXTENSION	*e;

	X509V3_set_ctx_nodb(&c);
	X509V3_set_ctx(&c, x, x, NULL, NULL, 0);
	e = X509V3_EXT_conf_nid(NULL, &c, nid, v);
	X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
}

/* A self-signed P-256 certificate for DNS:api.test (its own CA). */
static int
make_cert(void)
{
	EVP_PKEY	*k;
	X509		*x;
	X509_NAME	*name;
	BIO		*b;

	if ((k = EVP_EC_gen("P-256")) == NULL)
		return (-1);
	x = X509_new();
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), -60);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600);
	X509_set_pubkey(x, k);
	name = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
	    (const unsigned char *)"api.test", -1, -1, 0);
	X509_set_issuer_name(x, name);
	add_ext(x, NID_basic_constraints, "critical,CA:TRUE");
	add_ext(x, NID_subject_alt_name, "DNS:api.test");
	add_ext(x, NID_subject_key_identifier, "hash");
	X509_sign(x, k, EVP_sha256());

	b = BIO_new(BIO_s_mem());
	PEM_write_bio_X509(b, x);
	cert_pem = bio_text(b);
	BIO_free(b);
	b = BIO_new(BIO_s_mem());
	PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL);
	key_pem = bio_text(b);
	BIO_free(b);

	ctx = SSL_CTX_new(TLS_server_method());
	SSL_CTX_use_certificate(ctx, x);
	SSL_CTX_use_PrivateKey(ctx, k);
	/* Ask for a client certificate, trusting our own one. */
	X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), x);
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
	X509_free(x);
	EVP_PKEY_free(k);
	return (0);
}

static void
serve(struct peer *p, const char *req)
{
	X509	*peer = SSL_get1_peer_certificate(peer_ssl(p));

	(void)req;
	peer_reply(p, "200 OK", "", peer != NULL ? "cert=yes\n" : "cert=no");
	X509_free(peer);
}

struct result {
	int		 done;
	enum scs_status	 status;
	long		 code;
	char		*body;
	char		*error;
};

static void
on_done(const struct scs_http_response *r, void *arg)
{
	struct result	*res = arg;

	res->done = 1;
	res->status = r->status;
	res->code = r->code;
	res->body = scs_xstrndup(r->body, r->body_len);
	res->error = r->error != NULL ? scs_xstrdup(r->error) : NULL;
}

static void
fetch(struct scs_http *h, const struct scs_tls *tls, struct result *res)
{
	struct scs_http_request	 rq;
	char			*url;
	int64_t			 end = scs_now_ms() + 40000;

	memset(res, 0, sizeof *res);
	memset(&rq, 0, sizeof rq);
	url = scs_xprintf("https://127.0.0.1:%d/", port);
	rq.url = url;
	rq.tls = tls;
	rq.on_done = on_done;
	rq.arg = res;
	if (scs_http_submit(h, &rq, NULL) == NULL)
		res->done = 1;
	free(url);
	while (!res->done && scs_now_ms() < end)
		scs_http_run(h, 500);
}

static void
res_free(struct result *r)
{
	free(r->body);
	free(r->error);
	memset(r, 0, sizeof *r);
}

static struct scs_blob
blob(const char *s)
{
	struct scs_blob	 b;

	b.data = (const unsigned char *)s;
	b.len = strlen(s);
	return (b);
}

int
main(void)
{
	struct scs_http	*h;
	struct scs_tls	 tls;
	struct result	 r;
	char		 want[96];

	signal(SIGPIPE, SIG_IGN);
	if (make_cert() != 0)
		skip_all("cannot make a test certificate");
	port = peer_start(serve, ctx);
	h = scs_http_new();

	memset(&tls, 0, sizeof tls);
	fetch(h, &tls, &r);
	snprintf(want, sizeof want, "TLS: certificate verify failed for "
	    "127.0.0.1:%d (", port);
	ok(r.status == SCS_TLS && r.error != NULL &&
	    strncmp(r.error, want, strlen(want)) == 0,
	    "unknown CA -> TLS: %s", r.error);
	res_free(&r);

	tls.ca = blob(cert_pem);
	fetch(h, &tls, &r);
	ok(r.status == SCS_TLS && r.error != NULL &&
	    strstr(r.error, "verify failed") != NULL,
	    "trusted CA, wrong host name -> TLS: %s", r.error);
	res_free(&r);

	tls.server_name = "api.test";
	fetch(h, &tls, &r);
	ok(r.status == SCS_OK && r.code == 200,
	    "CA blob + tls-server-name -> 200 (%s)", r.error ? r.error : "");
	is_str(r.body, "cert=no", "no client certificate sent");
	res_free(&r);

	tls.cert = blob(cert_pem);
	tls.key = blob(key_pem);
	fetch(h, &tls, &r);
	is_str(r.body, "cert=yes\n", "client certificate from memory");
	res_free(&r);

	memset(&tls, 0, sizeof tls);
	tls.insecure = 1;
	fetch(h, &tls, &r);
	ok(r.status == SCS_OK && r.code == 200, "insecure -> 200 (%s)",
	    r.error ? r.error : "");
	res_free(&r);

	scs_http_free(h);
	peer_quiesce(5000);
	SSL_CTX_free(ctx);
	free(cert_pem);
	scs_free_secret(key_pem);
	return (tap_done());
}
