/*
 * sim.h: the simulated Central API / Cluster API server (libmicrohttpd),
 * started in-process (scs-tui --demo, tests, benchmarks) or as the
 * scs-tui-sim program. Contract: DESIGN.md section 4 (scs-tui-sim).
 *
 * Beyond a real server: /sim/faults (GET: the fault spec; POST or PUT
 * by csp-admin: replace it at run time), and bearer tokens of the form
 * TOKEN:exp=UNIXSECONDS, which are TOKEN until then and 401 afterwards
 * (short-lived tokens, e.g. minted by an exec plugin in the tests).
 * Responses are written as Go's JSON encoder writes them (invalid UTF-8
 * as \ufffd, '<' '>' '&' U+2028 U+2029 escaped).
 *
 * The server runs in a thread of its own: one thread serves every
 * connection (MHD in external-poll mode) and runs the reconcile loop, so
 * the object database needs no locks. scs_sim_start returns once the
 * server listens; scs_sim_stop stops and frees everything.
 */
#ifndef SCS_SIM_H
#define SCS_SIM_H

#include <stdint.h>

#include "scs/scs.h"

struct scs_sim;

struct scs_sim_opts {
	const char	*listen;	/* "127.0.0.1:0" (0 = ephemeral) */
	const char	*scenario;	/* "demo" (default), "hostile", "scale",
					   "empty" */
	int		 clusters;	/* scale: default 10000 */
	int		 namespaces;	/* scale: default 50 */
	int		 secrets;	/* scale: default 2000 */
	int		 classes;	/* scale: default 200 */
	uint64_t	 seed;		/* default 1 */
	double		 speed;		/* reconcile speed factor; default 1 */
	const char	*faults;	/* --faults SPEC, or NULL: the list is
					 * in sim-main.c's help and in
					 * sim-int.h (struct sim_faults) */
	int		 plain_http;
	int		 quiet;		/* no access log on stderr */
	size_t		 history;	/* watch event history; 0 = 10000 */
	/* Cost model (0 = off): every request waits request_latency_ms
	 * before it is answered, and bodies (lists, gets, watch streams)
	 * go out at no more than serve_rate MB/s, so request shapes
	 * compare as on a real server (issue 17's figures). */
	double		 serve_rate;
	long		 request_latency_ms;
};

struct scs_sim	*scs_sim_start(const struct scs_sim_opts *, char **cause);
void		 scs_sim_stop(struct scs_sim *);
/* Start a storm now: with faults storm=N,storm-for=MS the reconcile loop
 * changes N clusters a second for MS ms from this call (benchmarks). */
void		 scs_sim_storm(struct scs_sim *);
/* An incident, as a presenter's script asks (@incident): cluster ns/name
 * loses its infrastructure and stays failed saying message (the
 * sim.scs.community/fail annotation), shortly, on the simulator's
 * thread; a cluster that does not exist is left alone. */
void		 scs_sim_fail(struct scs_sim *, const char *ns,
		    const char *name, const char *message);
/* "https://127.0.0.1:PORT" */
const char	*scs_sim_url(const struct scs_sim *);
int		 scs_sim_port(const struct scs_sim *);
/*
 * A kubeconfig (YAML text, caller frees) with one context per simulated
 * user (csp-admin, kaas-operator, tenant-a, tenant-b; csp-admin with a
 * client certificate, the others with bearer tokens), the CA embedded,
 * current-context = user (NULL = csp-admin).
 */
char		*scs_sim_kubeconfig(const struct scs_sim *, const char *user);

#endif
