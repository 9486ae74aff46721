/*
 * sim.c: the simulator's life cycle (sim.h): PKI, database, scenario,
 * the server thread with its loop (MHD in external-poll mode plus the
 * reconcile ticks), and the kubeconfig it hands out.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "scs/util.h"
#include "sim-server.h"

static void
drain(int fd)
{
	char	 buf[64];

	while (read(fd, buf, sizeof buf) > 0)
		;
}

static void *
sim_thread(void *arg)
{
	struct scs_sim			*sim = arg;
	const union MHD_DaemonInfo	*di;
	struct pollfd			 pfd[2];
	MHD_UNSIGNED_LONG_LONG		 mto;
	int64_t				 now, next_tick = 0, next_http = 0;
	long				 wait, d;
	double				 speed = sim->opts.speed > 0 ?
					    sim->opts.speed : 1.0;

	di = MHD_get_daemon_info(sim->mhd, MHD_DAEMON_INFO_EPOLL_FD);
	pfd[0].fd = di != NULL ? di->epoll_fd : -1;
	pfd[0].events = POLLIN;
	pfd[1].fd = sim->wake[0];
	pfd[1].events = POLLIN;
	while (!sim->stop) {
		now = scs_now_ms();
		if (sim->storm_req) {
			sim->storm_req = 0;
			sim_world_storm(sim->world);
			next_tick = now;
		}
		pthread_mutex_lock(&sim->fail_lock);
		if (sim->fail_req) {
			sim->fail_req = 0;
			(void)sim_world_fail(sim->world, sim->fail_ns,
			    sim->fail_name, sim->fail_msg);
			next_tick = now;
		}
		pthread_mutex_unlock(&sim->fail_lock);
		if (now >= next_tick) {
			d = sim_world_tick(sim->world, (int64_t)((double)(now -
			    sim->t0) * speed));
			next_tick = now + (d < 0 ? 500 : d < 20 ? 20 : d);
		}
		if (sim->faults.restart_after_ms > 0 && !sim->restarted &&
		    now - sim->fault_t0 >= sim->faults.restart_after_ms) {
			char	*cause = NULL;

			sim->restarted = 1;
			if (sim_http_restart(sim, &cause) != SCS_OK) {
				fprintf(stderr, "scs-tui-sim: restart: %s\n",
				    cause);
				free(cause);
				break;
			}
			di = MHD_get_daemon_info(sim->mhd,
			    MHD_DAEMON_INFO_EPOLL_FD);
			pfd[0].fd = di != NULL ? di->epoll_fd : -1;
			next_http = now;
		}
		if (now >= next_http || sim->kick)
			next_http = now + sim_http_tick(sim, now);
		wait = (long)(next_tick - now);
		if (next_http - now < wait)
			wait = (long)(next_http - now);
		if (sim->faults.restart_after_ms > 0 && !sim->restarted &&
		    sim->fault_t0 + sim->faults.restart_after_ms - now < wait)
			wait = (long)(sim->fault_t0 +
			    sim->faults.restart_after_ms - now);
		if (MHD_get_timeout(sim->mhd, &mto) == MHD_YES &&
		    (long long)mto < wait)
			wait = (long)mto;
		if (sim->kick) {
			wait = 0;
			sim->kick = 0;
		}
		if (wait < 0)
			wait = 0;
		if (poll(pfd, 2, (int)wait) == -1 && errno != EINTR)
			break;
		if (pfd[1].revents & POLLIN)
			drain(sim->wake[0]);
		MHD_run(sim->mhd);
	}
	return (NULL);
}

static void
random_token(char *out, size_t len)
{
	unsigned char	 raw[24];
	size_t		 i;

	RAND_bytes(raw, sizeof raw);
	for (i = 0; i < sizeof raw && 2 * i + 2 < len; i++)
		snprintf(out + 2 * i, 3, "%02x", raw[i]);
}

/* Everything a simulator holds, its thread stopped or never started. */
static void
sim_free(struct scs_sim *sim)
{
	int	 i;

	sim_http_stop(sim);
	sim_world_free(sim->world);
	sim_db_free(sim->db);
	sim_pki_done(&sim->pki);
	if (sim->wake[0] != -1) {
		close(sim->wake[0]);
		close(sim->wake[1]);
	}
	for (i = 0; sim->tokens[i] != NULL; i++)
		scs_free_secret(sim->tokens[i]);
	free(sim->admin_cert);
	scs_free_secret(sim->admin_key);
	free(sim->scenario);
	free(sim->faults_spec);
	pthread_mutex_destroy(&sim->fail_lock);
	free(sim);
}

struct scs_sim *
scs_sim_start(const struct scs_sim_opts *o, char **cause)
{
	struct scs_sim	*sim;
	char		 addr[64], tok[80], *colon;
	const char	*listen = o->listen != NULL ? o->listen : "127.0.0.1:0";
	int		 port, i;

	sim = scs_xcalloc(1, sizeof *sim);
	sim->opts = *o;
	sim->scenario = scs_xstrdup(o->scenario != NULL ? o->scenario : "demo");
	sim->opts.scenario = sim->scenario;
	sim->faults_spec = o->faults != NULL ? scs_xstrdup(o->faults) : NULL;
	sim->opts.faults = sim->faults_spec;
	sim->opts.listen = NULL;
	sim->wake[0] = sim->wake[1] = -1;
	pthread_mutex_init(&sim->fail_lock, NULL);
	if (sim_faults_parse(o->faults, &sim->faults, cause) != SCS_OK)
		goto fail;
	sim->burst_left = sim->faults.burst500;
	scs_strlcpy(addr, listen, sizeof addr);
	if ((colon = strrchr(addr, ':')) == NULL) {
		scs_cause(cause, "bad --listen '%s' (ADDR:PORT)", listen);
		goto fail;
	}
	*colon = '\0';
	port = atoi(colon + 1);
	if (port < 0 || port > 65535) {
		scs_cause(cause, "bad port in '%s'", listen);
		goto fail;
	}
	for (i = 0; sim_users[i] != NULL; i++) {
		random_token(tok, sizeof tok);
		sim->tokens[i] = scs_xprintf("sim-%s-%s", sim_users[i], tok);
	}
	if (sim_pki_new(&sim->pki, cause) != SCS_OK ||
	    sim_pki_client(&sim->pki, "csp-admin", "system:masters",
	    &sim->admin_cert, &sim->admin_key, cause) != SCS_OK)
		goto fail;
	sim->db = sim_db_new(o->history);
	if (sim_scenario_load(sim->db, &sim->opts, cause) != SCS_OK)
		goto fail;
	sim->world = sim_world_new(sim->db, &sim->opts);
	sim_db_set_hook(sim->db, sim_http_changed, sim);
	if (sim_http_start(sim, addr, port, cause) != SCS_OK)
		goto fail;
	if (pipe(sim->wake) != 0) {
		scs_cause(cause, "pipe: %s", strerror(errno));
		goto fail;
	}
	fcntl(sim->wake[0], F_SETFL, O_NONBLOCK);
	fcntl(sim->wake[0], F_SETFD, FD_CLOEXEC);
	fcntl(sim->wake[1], F_SETFD, FD_CLOEXEC);
	sim->t0 = scs_now_ms();
	sim->fault_t0 = sim->t0;
	if (pthread_create(&sim->thread, NULL, sim_thread, sim) != 0) {
		scs_cause(cause, "cannot start the simulator thread");
		goto fail;
	}
	return (sim);
fail:
	sim_free(sim);
	return (NULL);
}

void
scs_sim_storm(struct scs_sim *sim)
{
	sim->storm_req = 1;
	(void)!write(sim->wake[1], "x", 1);
}

void
scs_sim_fail(struct scs_sim *sim, const char *ns, const char *name,
    const char *message)
{
	pthread_mutex_lock(&sim->fail_lock);
	scs_strlcpy(sim->fail_ns, ns, sizeof sim->fail_ns);
	scs_strlcpy(sim->fail_name, name, sizeof sim->fail_name);
	scs_strlcpy(sim->fail_msg, message, sizeof sim->fail_msg);
	sim->fail_req = 1;
	pthread_mutex_unlock(&sim->fail_lock);
	(void)!write(sim->wake[1], "x", 1);
}

void
scs_sim_stop(struct scs_sim *sim)
{
	if (sim == NULL)
		return;
	sim->stop = 1;
	/* A failed write is harmless: the thread wakes by timeout too. */
	(void)!write(sim->wake[1], "x", 1);
	pthread_join(sim->thread, NULL);
	sim_free(sim);
}

const char *
scs_sim_url(const struct scs_sim *sim)
{
	return (sim->url);
}

int
scs_sim_port(const struct scs_sim *sim)
{
	return (sim->port);
}

char *
scs_sim_kubeconfig(const struct scs_sim *sim, const char *user)
{
	struct scs_buf	 b;
	char		*ca, *cert, *key;
	int		 i;

	if (user == NULL)
		user = "csp-admin";
	ca = scs_base64_encode(sim->pki.ca_cert, strlen(sim->pki.ca_cert));
	scs_buf_init(&b, 0);
	scs_buf_printf(&b, "apiVersion: v1\nkind: Config\n"
	    "# Written by scs-tui-sim: a simulated Central API (throwaway CA, "
	    "tokens valid\n# while this simulator runs).\n"
	    "clusters:\n- name: scs-sim\n  cluster:\n    server: %s\n",
	    sim->url);
	if (!sim->opts.plain_http)
		scs_buf_printf(&b, "    certificate-authority-data: %s\n", ca);
	scs_buf_adds(&b, "contexts:\n");
	for (i = 0; sim_users[i] != NULL; i++) {
		scs_buf_printf(&b, "- name: %s\n  context:\n    cluster: scs-sim"
		    "\n    user: %s\n", sim_users[i], sim_users[i]);
		if (scs_strprefix(sim_users[i], "tenant-"))
			scs_buf_printf(&b, "    namespace: %s\n",
			    sim_users[i]);
	}
	scs_buf_printf(&b, "current-context: %s\nusers:\n", user);
	for (i = 0; sim_users[i] != NULL; i++) {
		scs_buf_printf(&b, "- name: %s\n  user:\n", sim_users[i]);
		if (strcmp(sim_users[i], "csp-admin") == 0 &&
		    !sim->opts.plain_http) {
			cert = scs_base64_encode(sim->admin_cert,
			    strlen(sim->admin_cert));
			key = scs_base64_encode(sim->admin_key,
			    strlen(sim->admin_key));
			scs_buf_printf(&b, "    client-certificate-data: %s\n"
			    "    client-key-data: %s\n", cert, key);
			free(cert);
			scs_free_secret(key);
		} else
			scs_buf_printf(&b, "    token: %s\n", sim->tokens[i]);
	}
	free(ca);
	return (scs_buf_steal(&b));
}
