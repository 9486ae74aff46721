/*
 * sim-route.c: who is asking (bearer tokens, client certificates,
 * impersonation), which resource a path names, and which verb a
 * method on it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gnutls/gnutls.h>

#include "scs/util.h"
#include "sim-http-int.h"

/* --- who is asking --------------------------------------------------- */

static const char *
user_from_cert(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo	*ci;
	gnutls_session_t		 s;
	const gnutls_datum_t		*certs;
	unsigned			 n = 0, status = 1;
	char				*cn;
	size_t				 i;
	static char			 user[64];

	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_GNUTLS_SESSION);
	if (ci == NULL || ci->tls_session == NULL)
		return (NULL);
	s = (gnutls_session_t)ci->tls_session;
	if (gnutls_certificate_verify_peers2(s, &status) != 0 || status != 0)
		return (NULL);
	certs = gnutls_certificate_get_peers(s, &n);
	if (certs == NULL || n == 0)
		return (NULL);
	if ((cn = sim_cert_cn(certs[0].data, certs[0].size)) == NULL)
		return (NULL);
	for (i = 0; sim_users[i] != NULL; i++) {
		if (strcmp(sim_users[i], cn) == 0) {
			scs_strlcpy(user, cn, sizeof user);
			free(cn);
			return (user);
		}
	}
	free(cn);
	return (NULL);
}

const char *
sim_authenticate(struct scs_sim *sim, struct MHD_Connection *c)
{
	const char	*h, *u = NULL, *imp;
	size_t		 i;

	h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	if (h != NULL && strncasecmp(h, "Bearer ", 7) == 0) {
		/* TOKEN:exp=UNIXSECONDS is TOKEN until then (short-lived
		 * tokens such as OIDC ID tokens, minted by exec plugins in
		 * the tests); afterwards 401 like any unknown token. */
		const char	*exp = strstr(h + 7, ":exp=");
		size_t		 tlen = exp != NULL ? (size_t)(exp - h - 7) :
				    strlen(h + 7);

		if (exp != NULL && strtoll(exp + 5, NULL, 10) <= scs_wall_s())
			return (NULL);
		for (i = 0; sim_users[i] != NULL; i++) {
			if (strlen(sim->tokens[i]) == tlen &&
			    strncmp(h + 7, sim->tokens[i], tlen) == 0)
				u = sim_users[i];
		}
		if (u == NULL)
			return (NULL);
	} else if (!sim->opts.plain_http)
		u = user_from_cert(c);
	if (u == NULL)
		return (NULL);
	imp = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "Impersonate-User");
	if (imp != NULL && strcmp(u, "csp-admin") == 0) {
		for (i = 0; sim_users[i] != NULL; i++) {
			if (strcmp(imp, sim_users[i]) == 0)
				return (sim_users[i]);
		}
	}
	return (u);
}

/* --- routes ---------------------------------------------------------- */

void
sim_route_free(struct route *rt)
{
	free(rt->ns);
	free(rt->name);
	free(rt->sub);
}

/*
 * /api/v1/[namespaces/NS/]RES[/NAME[/SUB]], /apis/G/V/... The namespaces
 * resource itself: /api/v1/namespaces[/NAME[/status]].
 */
int
sim_route_parse(const char *url, struct route *rt, char *gbuf, size_t glen,
    char *vbuf, size_t vlen)
{
	char	*copy, *seg[10], *save = NULL, *t;
	int	 n = 0, i;

	memset(rt, 0, sizeof *rt);
	copy = scs_xstrdup(url);
	for (t = strtok_r(copy, "/", &save); t != NULL && n < 10;
	    t = strtok_r(NULL, "/", &save))
		seg[n++] = t;
	if (n < 2 || t != NULL) {
		free(copy);
		return (-1);
	}
	if (strcmp(seg[0], "api") == 0) {
		scs_strlcpy(gbuf, "", glen);
		scs_strlcpy(vbuf, seg[1], vlen);
		i = 2;
	} else if (strcmp(seg[0], "apis") == 0 && n >= 3) {
		scs_strlcpy(gbuf, seg[1], glen);
		scs_strlcpy(vbuf, seg[2], vlen);
		i = 3;
	} else {
		free(copy);
		return (-1);
	}
	rt->group = gbuf;
	rt->version = vbuf;
	if (i >= n) {
		free(copy);
		return (1);	/* a discovery path */
	}
	if (strcmp(seg[i], "namespaces") == 0 && n - i >= 3 &&
	    strcmp(seg[i + 2], "status") != 0 &&
	    strcmp(seg[i + 2], "finalize") != 0) {
		rt->ns = scs_xstrdup(seg[i + 1]);
		i += 2;
	}
	rt->rd = sim_resource_find(gbuf, vbuf, seg[i]);
	if (rt->rd == NULL) {
		free(copy);
		return (-2);
	}
	if (i + 1 < n)
		rt->name = scs_xstrdup(seg[i + 1]);
	if (i + 2 < n)
		rt->sub = scs_xstrdup(seg[i + 2]);
	if (i + 3 < n)
		rt->bad = 1;
	sim_resource_key(rt->rd, rt->key, sizeof rt->key);
	free(copy);
	return (0);
}

/* --- verbs ------------------------------------------------------------ */

const char *
sim_verb_for(const char *method, const struct route *rt,
    struct MHD_Connection *c)
{
	if (strcmp(method, "GET") == 0)
		return (rt->name != NULL ? "get" :
		    sim_is_true(sim_arg(c, "watch")) ? "watch" : "list");
	if (strcmp(method, "POST") == 0)
		return ("create");
	if (strcmp(method, "PUT") == 0)
		return ("update");
	if (strcmp(method, "PATCH") == 0)
		return ("patch");
	if (strcmp(method, "DELETE") == 0)
		return (rt->name != NULL ? "delete" : "deletecollection");
	return (NULL);
}

