/*
 * sim-tls.c: the simulator's throwaway PKI, made with OpenSSL at start:
 * a CA, a server certificate for the loopback names, client certificates
 * per simulated user. Nothing touches the disk.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "scs/util.h"
#include "sim-int.h"

static EVP_PKEY *
new_key(void)
{
	return (EVP_EC_gen("P-256"));
}

static char *
pem_cert(X509 *x)
{
	BIO	*b = BIO_new(BIO_s_mem());
	char	*data, *s;
	long	 n;

	PEM_write_bio_X509(b, x);
	n = BIO_get_mem_data(b, &data);
	s = scs_xstrndup(data, (size_t)n);
	BIO_free(b);
	return (s);
}

static char *
pem_key(EVP_PKEY *k)
{
	BIO	*b = BIO_new(BIO_s_mem());
	char	*data, *s;
	long	 n;

	PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL);
	n = BIO_get_mem_data(b, &data);
	s = scs_xstrndup(data, (size_t)n);
	BIO_free(b);
	return (s);
}

static int
add_ext(X509 *cert, X509 *issuer, int nid, const char *value)
{
	X509_EXTENSION	*ex;
	X509V3_CTX	 ctx;

	X509V3_set_ctx(&ctx, issuer, cert, NULL, NULL, 0);
	if ((ex = X509V3_EXT_conf_nid(NULL, &ctx, nid, value)) == NULL)
		return (-1);
	X509_add_ext(cert, ex, -1);
	X509_EXTENSION_free(ex);
	return (0);
}

/* Make a certificate for key, signed by (issuer, ikey) or self-signed. */
static X509 *
make_cert(EVP_PKEY *key, const char *cn, const char *org, X509 *issuer,
    EVP_PKEY *ikey, int ca, const char *san, int client)
{
	X509		*x = X509_new();
	X509_NAME	*name;
	unsigned char	 serial[16];
	BIGNUM		*bn;

	X509_set_version(x, 2);
	RAND_bytes(serial, sizeof serial);
	serial[0] &= 0x7f;
	bn = BN_bin2bn(serial, sizeof serial, NULL);
	BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
	BN_free(bn);
	X509_gmtime_adj(X509_getm_notBefore(x), -3600);
	X509_gmtime_adj(X509_getm_notAfter(x), 7L * 86400);
	X509_set_pubkey(x, key);
	name = X509_get_subject_name(x);
	if (org != NULL)
		X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
		    (const unsigned char *)org, -1, -1, 0);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
	    (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, issuer != NULL ?
	    X509_get_subject_name(issuer) : name);
	if (ca) {
		add_ext(x, x, NID_basic_constraints, "critical,CA:TRUE");
		add_ext(x, x, NID_key_usage, "critical,keyCertSign,cRLSign");
		add_ext(x, x, NID_subject_key_identifier, "hash");
	} else {
		add_ext(x, issuer, NID_basic_constraints, "critical,CA:FALSE");
		add_ext(x, issuer, NID_key_usage,
		    "critical,digitalSignature,keyEncipherment");
		add_ext(x, issuer, NID_ext_key_usage, client ? "clientAuth" :
		    "serverAuth");
		if (san != NULL)
			add_ext(x, issuer, NID_subject_alt_name, san);
	}
	if (X509_sign(x, ikey != NULL ? ikey : key, EVP_sha256()) == 0) {
		X509_free(x);
		return (NULL);
	}
	return (x);
}

enum scs_status
sim_pki_new(struct sim_pki *p, char **cause)
{
	EVP_PKEY	*cak, *sk;
	X509		*ca, *srv;

	memset(p, 0, sizeof *p);
	cak = new_key();
	sk = new_key();
	if (cak == NULL || sk == NULL) {
		scs_cause(cause, "cannot generate keys");
		EVP_PKEY_free(cak);
		EVP_PKEY_free(sk);
		return (SCS_TLS);
	}
	ca = make_cert(cak, "scs-tui-sim CA", "scs-tui", NULL, NULL, 1, NULL,
	    0);
	srv = ca != NULL ? make_cert(sk, "scs-tui-sim", NULL, ca, cak, 0,
	    "DNS:localhost,IP:127.0.0.1,IP:::1", 0) : NULL;
	if (ca == NULL || srv == NULL) {
		scs_cause(cause, "cannot make certificates");
		X509_free(ca);
		EVP_PKEY_free(cak);
		EVP_PKEY_free(sk);
		return (SCS_TLS);
	}
	p->ca_cert = pem_cert(ca);
	p->ca_key = pem_key(cak);
	p->server_cert = pem_cert(srv);
	p->server_key = pem_key(sk);
	X509_free(ca);
	X509_free(srv);
	EVP_PKEY_free(cak);
	EVP_PKEY_free(sk);
	return (SCS_OK);
}

void
sim_pki_done(struct sim_pki *p)
{
	free(p->ca_cert);
	scs_free_secret(p->ca_key);
	free(p->server_cert);
	scs_free_secret(p->server_key);
	memset(p, 0, sizeof *p);
}

enum scs_status
sim_pki_client(const struct sim_pki *p, const char *user, const char *group,
    char **cert_pem, char **key_pem, char **cause)
{
	BIO		*b;
	X509		*ca, *x;
	EVP_PKEY	*cak, *k;

	b = BIO_new_mem_buf(p->ca_cert, -1);
	ca = PEM_read_bio_X509(b, NULL, NULL, NULL);
	BIO_free(b);
	b = BIO_new_mem_buf(p->ca_key, -1);
	cak = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	BIO_free(b);
	k = new_key();
	x = ca != NULL && cak != NULL && k != NULL ? make_cert(k, user, group,
	    ca, cak, 0, NULL, 1) : NULL;
	if (x == NULL) {
		scs_cause(cause, "cannot make a client certificate for %s",
		    user);
		X509_free(ca);
		EVP_PKEY_free(cak);
		EVP_PKEY_free(k);
		return (SCS_TLS);
	}
	*cert_pem = pem_cert(x);
	*key_pem = pem_key(k);
	X509_free(x);
	X509_free(ca);
	EVP_PKEY_free(cak);
	EVP_PKEY_free(k);
	return (SCS_OK);
}

char *
sim_cert_cn(const unsigned char *der, size_t len)
{
	const unsigned char	*p = der;
	X509			*x;
	char			 cn[256];
	int			 n;

	if ((x = d2i_X509(NULL, &p, (long)len)) == NULL)
		return (NULL);
	n = X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName,
	    cn, sizeof cn);
	X509_free(x);
	return (n > 0 ? scs_xstrdup(cn) : NULL);
}
