/*
 * sim-server.h: the simulator's server state, shared by sim.c (thread,
 * loop, kubeconfig) and the HTTP files (requests; sim-http-int.h lists
 * them). Everything runs on the simulator's thread.
 */
#ifndef SCS_SIM_SERVER_H
#define SCS_SIM_SERVER_H

#include <pthread.h>
#include <stdint.h>

#include <microhttpd.h>

#include "sim-int.h"

struct sim_watch;
struct sim_req;
struct sim_body;

struct scs_sim {
	struct scs_sim_opts	 opts;
	char			*scenario;
	char			*faults_spec;
	struct sim_faults	 faults;
	struct sim_db		*db;
	struct sim_world	*world;
	struct sim_pki		 pki;
	char			*admin_cert;	/* csp-admin client certificate */
	char			*admin_key;
	char			*tokens[8];	/* per sim_users[], secrets */

	struct MHD_Daemon	*mhd;
	pthread_t		 thread;
	int			 wake[2];	/* self-pipe */
	volatile int		 stop;
	volatile int		 storm_req;	/* scs_sim_storm */
	pthread_mutex_t		 fail_lock;	/* scs_sim_fail's request: */
	char			 fail_ns[256], fail_name[256], fail_msg[512];
	int			 fail_req;
	int			 kick;		/* resumed connections: run again */
	int			 stopping;	/* sim_http_stop running: no suspends */
	char			 url[96];
	int			 port;

	struct sim_watch	*watches;
	struct sim_req		*held;		/* requests hanging (faults) */
	struct sim_req		*delayed;	/* --request-latency */
	struct sim_body		*bodies;	/* waiting for --serve-rate */
	int64_t			 pace_at;	/* when to resume those, 0 */
	uint64_t		 nrequests;
	uint64_t		 nwatches;
	uint64_t		 nlists;
	uint64_t		 ncontinues;	/* expire-continue=N */
	long			 burst_left;
	int64_t			 t0;		/* monotonic ms at start */
	int64_t			 fault_t0;	/* ... or when faults were set */
	int64_t			 hang_until;	/* hang-after: 0 = not yet */
	int			 hanging;	/* now < hang_until */
	int			 restarted;	/* restart-after done */
	int64_t			 init_until;	/* restart-after's init: 429s */
	uint64_t		 ninit;		/* requests refused so */
};

/* sim-http.c (sim_http_changed: sim-watch.c) */
enum scs_status	 sim_http_start(struct scs_sim *, const char *addr, int port,
		    char **cause);
void		 sim_http_stop(struct scs_sim *);
/* Periodic work: watch bookmarks and timeouts, the end of a hang.
 * Returns the ms until it wants to run again. */
long		 sim_http_tick(struct scs_sim *, int64_t now_ms);
/* restart-after: drop every connection, start a new daemon on the same
 * listening socket, renumber the db. */
enum scs_status	 sim_http_restart(struct scs_sim *, char **cause);
/* The db hook: wake suspended watches. */
void		 sim_http_changed(void *);

#endif
