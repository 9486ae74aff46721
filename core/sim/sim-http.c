/*
 * sim-http.c: the simulator's HTTP side on libmicrohttpd: the daemon,
 * the request handler with its faults (hangs, drops, 429, bursts of
 * 500), and dispatch of a request to its verb (sim-read.c,
 * sim-write.c, sim-delete.c, sim-watch.c) after authentication and
 * RBAC.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "scs/model.h"
#include "scs/util.h"
#include "sim-http-int.h"

#define BODY_MAX	(8 * 1024 * 1024)

/* Held requests older than this are dropped (hang-every). */
#define HELD_MAX_MS	(10 * 60 * 1000)

static void	held_release(struct scs_sim *, int, int, int64_t);

static enum MHD_Result
do_review(struct scs_sim *sim, struct MHD_Connection *c, struct route *rt,
    const char *user, struct sim_req *rq)
{
	char		*out, *cause = NULL;
	const char	*body = rq->body.data != NULL ? rq->body.data : "";
	enum MHD_Result	 ret;

	if (strcmp(rt->rd->plural, "selfsubjectaccessreviews") == 0)
		out = sim_access_review(user, body, rq->body.len, &cause);
	else if (strcmp(rt->rd->plural, "selfsubjectrulesreviews") == 0)
		out = sim_rules_review(user, body, rq->body.len, &cause);
	else
		out = sim_self_review(user);
	if (out == NULL) {
		ret = sim_reply_status(c, 400, "BadRequest",
		    cause != NULL ? cause : "bad review", NULL);
		free(cause);
		return (ret);
	}
	(void)sim;
	return (sim_reply_json(c, 201, out, NULL));
}

/*
 * /sim/faults: GET shows the fault spec, POST or PUT with a SPEC body
 * (csp-admin only) replaces it at once; counters and restart-after's
 * clock start again from this request ("hang-after=0:for=3000": the
 * server stops answering now, for 3 s). storm is read at start only.
 */
static enum MHD_Result
do_faults(struct scs_sim *sim, struct MHD_Connection *c, const char *method,
    const char *user, struct sim_req *rq)
{
	struct sim_faults	 f;
	char			*spec, *cause = NULL;
	cJSON			*j;
	enum MHD_Result		 ret;

	if (strcmp(method, "GET") != 0) {
		if (strcmp(user, "csp-admin") != 0)
			return (sim_reply_status(c, 403, "Forbidden", "only "
			    "csp-admin may set faults", NULL));
		if (strcmp(method, "POST") != 0 && strcmp(method, "PUT") != 0)
			return (sim_reply_status(c, 405, "MethodNotAllowed",
			    "GET, POST or PUT", NULL));
		spec = scs_xstrndup(rq->body.data != NULL ? rq->body.data : "",
		    rq->body.len);
		spec[strcspn(spec, "\r\n")] = '\0';
		if (sim_faults_parse(spec, &f, &cause) != SCS_OK) {
			ret = sim_reply_status(c, 400, "BadRequest", cause,
			    NULL);
			free(cause);
			free(spec);
			return (ret);
		}
		f.storm = sim->faults.storm;
		sim->faults = f;
		free(sim->faults_spec);
		sim->faults_spec = spec;
		sim->opts.faults = spec;
		sim->burst_left = f.burst500;
		sim->nrequests = sim->nlists = sim->nwatches = 0;
		sim->ncontinues = 0;
		sim->fault_t0 = scs_now_ms();
		sim->restarted = 0;
		sim->hang_until = 0;
		sim->init_until = 0;
		sim->ninit = 0;
		if (sim->hanging) {
			sim->hanging = 0;
			held_release(sim, 1, 0, 0);
			sim_watches_resume(sim);
		}
	}
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "faults", sim->faults_spec != NULL ?
	    sim->faults_spec : "");
	/* restart-after's init: the requests it refused (429). */
	cJSON_AddNumberToObject(j, "initRefused", (double)sim->ninit);
	return (sim_reply_json(c, 200, sim_print_free(j), NULL));
}

static enum MHD_Result
dispatch(struct scs_sim *sim, struct MHD_Connection *c, const char *url,
    const char *method, struct sim_req *rq)
{
	struct route	 rt;
	char		 g[128], v[64], *doc, *msg;
	const char	*user, *verb;
	enum MHD_Result	 ret;
	int		 r;

	if (strcmp(url, "/healthz") == 0 || strcmp(url, "/livez") == 0 ||
	    strcmp(url, "/readyz") == 0)
		return (sim_reply(c, 200, "text/plain", scs_xstrdup("ok"),
		    NULL));
	if (strcmp(url, "/version") == 0)
		return (sim_reply_json(c, 200, scs_xstrdup("{\"major\":\"1\","
		    "\"minor\":\"32\",\"gitVersion\":\"v1.32.0-scs-tui-sim\","
		    "\"gitCommit\":\"0000000\",\"gitTreeState\":\"clean\","
		    "\"buildDate\":\"2026-11-25T00:00:00Z\",\"goVersion\":"
		    "\"none\",\"compiler\":\"cc\",\"platform\":"
		    "\"linux/amd64\"}"), NULL));
	if ((user = sim_authenticate(sim, c)) == NULL)
		return (sim_reply_status(c, 401, "Unauthorized", "Unauthorized",
		    NULL));
	if (strcmp(url, "/sim/faults") == 0)
		return (do_faults(sim, c, method, user, rq));
	if (strcmp(method, "GET") == 0) {
		doc = NULL;
		if (strcmp(url, "/api") == 0)
			doc = sim_discovery_api();
		else if (strcmp(url, "/apis") == 0)
			doc = sim_discovery_apis();
		else if (strcmp(url, "/openapi/v2") == 0)
			doc = sim_openapi_v2();
		else if (strcmp(url, "/openapi/v3") == 0)
			doc = sim_openapi_v3_index();
		else if (sscanf(url, "/openapi/v3/apis/%127[^/]/%63s", g, v) ==
		    2)
			doc = sim_openapi_v3_gv(g, v);
		else if (sscanf(url, "/openapi/v3/api/%63s", v) == 1)
			doc = sim_openapi_v3_gv("", v);
		else if (sscanf(url, "/apis/%127[^/]/%63[^/]", g, v) == 2 &&
		    strchr(url + 6 + strlen(g) + 1, '/') == NULL)
			doc = sim_discovery_resources(g, v);
		else if (sscanf(url, "/apis/%127[^/]", g) == 1 &&
		    strchr(url + 6, '/') == NULL)
			doc = sim_discovery_group(g);
		else if (strcmp(url, "/api/v1") == 0)
			doc = sim_discovery_resources("", "v1");
		if (doc != NULL)
			return (sim_reply_json(c, 200, doc, NULL));
	}
	r = sim_route_parse(url, &rt, g, sizeof g, v, sizeof v);
	if (r != 0 || rt.bad) {
		sim_route_free(&rt);
		return (sim_reply_status(c, 404, "NotFound",
		    "the server could not find the requested resource", NULL));
	}
	if ((verb = sim_verb_for(method, &rt, c)) == NULL) {
		sim_route_free(&rt);
		return (sim_reply_status(c, 405, "MethodNotAllowed",
		    "the server does not allow this method on the requested "
		    "resource", NULL));
	}
	if (!sim_allowed(user, verb, rt.rd->group, rt.rd->plural,
	    rt.rd->namespaced ? rt.ns : NULL, rt.name) ||
	    (strcmp(sim->faults.forbid, rt.rd->plural) == 0 &&
	    !scs_streq(user, "csp-admin"))) {
		msg = sim_forbidden_message(user, verb, rt.rd->group,
		    rt.rd->plural, rt.rd->namespaced ? rt.ns : NULL);
		ret = sim_reply_status(c, 403, "Forbidden", msg, &rt);
		free(msg);
		sim_route_free(&rt);
		return (ret);
	}
	if (rt.rd->review) {
		ret = strcmp(verb, "create") == 0 ? do_review(sim, c, &rt, user,
		    rq) : sim_reply_status(c, 405, "MethodNotAllowed",
		    "reviews can only be created", NULL);
	} else if (strcmp(verb, "get") == 0)
		ret = sim_do_get(sim, c, &rt);
	else if (strcmp(verb, "list") == 0)
		ret = sim_do_list(sim, c, &rt);
	else if (strcmp(verb, "watch") == 0)
		ret = sim_do_watch(sim, c, &rt);
	else if (strcmp(verb, "create") == 0)
		ret = rt.name != NULL ? sim_reply_status(c, 405,
		    "MethodNotAllowed", "POST to a named object", NULL) :
		    sim_do_create(sim, c, &rt, rq);
	else if (strcmp(verb, "update") == 0)
		ret = sim_do_update(sim, c, &rt, rq);
	else if (strcmp(verb, "patch") == 0)
		ret = sim_do_patch(sim, c, &rt, rq);
	else if (strcmp(verb, "delete") == 0)
		ret = sim_do_delete(sim, c, &rt, rq);
	else
		ret = sim_do_delete_collection(sim, c, &rt);
	sim_route_free(&rt);
	return (ret);
}

/* --request-latency: answer the requests that are due (drop: drop
 * every one). Returns the ms until the next is due, at most 1000. */
static long
delayed_release(struct scs_sim *sim, int64_t now, int drop)
{
	struct sim_req	**p = &sim->delayed, *rq;
	long		 next = 1000;

	while ((rq = *p) != NULL) {
		if (now < rq->due && !drop) {
			if (rq->due - now < next)
				next = (long)(rq->due - now);
			p = &rq->next_delayed;
			continue;
		}
		*p = rq->next_delayed;
		rq->next_delayed = NULL;
		rq->delayed = 2;
		rq->drop = drop;
		MHD_resume_connection(rq->conn);
		sim->kick = 1;
	}
	return (next);
}

long
sim_http_tick(struct scs_sim *sim, int64_t now)
{
	int	 any = 0;
	long	 next, pace;

	if (sim->hanging && now >= sim->hang_until) {
		/* The hang is over: answer what came meanwhile. */
		sim->hanging = 0;
		held_release(sim, 1, 0, now);
		any = 1;
	} else if (sim->held != NULL)
		held_release(sim, 0, 1, now);
	if (sim_watches_tick(sim, now))
		any = 1;
	if (any)
		sim_watches_resume(sim);
	next = delayed_release(sim, now, 0);
	if ((pace = sim_pace_tick(sim, now)) < next)
		next = pace;
	if (sim->hanging && sim->hang_until - now < next)
		next = (long)(sim->hang_until - now);
	return (next);
}

/* Is this request (already counted) to hang? Starts hang-after's hang. */
static int
should_hang(struct scs_sim *sim)
{
	const struct sim_faults	*f = &sim->faults;
	int64_t			 now;

	if (sim->stopping)
		return (0);
	if (f->hang_every > 0 && sim->nrequests % (uint64_t)f->hang_every == 0)
		return (1);
	if (sim->hanging)
		return (1);
	if (f->hang && sim->hang_until == 0 &&
	    sim->nrequests > (uint64_t)f->hang_after) {
		now = scs_now_ms();
		sim->hang_until = f->hang_for_ms > 0 ? now + f->hang_for_ms :
		    INT64_MAX;
		sim->hanging = 1;
		sim->kick = 1;
		return (1);
	}
	return (0);
}

/* Resume held requests: all, or (all == 0) those held too long; drop
 * says to close them instead of answering. */
static void
held_release(struct scs_sim *sim, int all, int drop, int64_t now)
{
	struct sim_req	**p = &sim->held, *rq;

	while ((rq = *p) != NULL) {
		if (!all && now - rq->held_since < HELD_MAX_MS) {
			p = &rq->next_held;
			continue;
		}
		*p = rq->next_held;
		rq->next_held = NULL;
		rq->drop = drop || !all;
		MHD_resume_connection(rq->conn);
		sim->kick = 1;
	}
}

static enum MHD_Result
handler(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **ctx)
{
	struct scs_sim	*sim = cls;
	struct sim_req	*rq = *ctx;
	char		 buf[32];
	struct MHD_Response *r;
	enum MHD_Result	 ret;

	(void)version;
	if (rq == NULL) {
		rq = scs_xcalloc(1, sizeof *rq);
		scs_buf_init(&rq->body, BODY_MAX);
		*ctx = rq;
		return (MHD_YES);
	}
	if (*upload_size != 0) {
		if (scs_buf_add(&rq->body, upload, *upload_size) != SCS_OK)
			rq->too_large = 1;
		*upload_size = 0;
		return (MHD_YES);
	}
	if (rq->held || rq->delayed == 2) {
		/* Released from a hang or from --request-latency: answer
		 * now (its faults were decided when it came), or drop it. */
		rq->held = 0;
		rq->delayed = 3;
		if (rq->drop || sim->stop)
			return (MHD_NO);
		return (rq->too_large ? sim_reply_status(c, 413,
		    "RequestEntityTooLarge", "request entity too large", NULL) :
		    dispatch(sim, c, url, method, rq));
	}
	/* The test's control channel: never faulted, never counted. */
	if (strcmp(url, "/sim/faults") == 0 && !rq->too_large)
		return (dispatch(sim, c, url, method, rq));
	sim->nrequests++;
	if (!sim->opts.quiet)
		fprintf(stderr, "scs-tui-sim: %s %s\n", method, url);
	if (should_hang(sim)) {
		rq->held = 1;
		rq->conn = c;
		rq->held_since = scs_now_ms();
		rq->next_held = sim->held;
		sim->held = rq;
		MHD_suspend_connection(c);
		return (MHD_YES);
	}
	if (sim->faults.drop_every > 0 &&
	    sim->nrequests % (uint64_t)sim->faults.drop_every == 0)
		return (MHD_NO);	/* MHD closes the connection */
	if (sim->faults.slow_ms > 0)
		usleep((useconds_t)(sim->faults.slow_ms > 5000 ? 5000 :
		    sim->faults.slow_ms) * 1000);
	if (sim->burst_left > 0) {
		sim->burst_left--;
		return (sim_reply_status(c, 500, "InternalError",
		    "Internal error occurred: simulated fault", NULL));
	}
	if ((sim->faults.t429_every > 0 &&
	    sim->nrequests % (uint64_t)sim->faults.t429_every == 0) ||
	    scs_now_ms() < sim->init_until) {
		int	 init = scs_now_ms() < sim->init_until;
		char	*s = sim_print_free(sim_status_obj(429,
			    "TooManyRequests", init ? "storage is "
			    "(re)initializing" : "Too many requests, please "
			    "try again later.", NULL, NULL, NULL));

		sim->ninit += (uint64_t)init;
		r = MHD_create_response_from_buffer(strlen(s), s,
		    MHD_RESPMEM_MUST_FREE);
		snprintf(buf, sizeof buf, "%ld", init ? 1 :
		    sim->faults.retry_after);
		MHD_add_response_header(r, "Retry-After", buf);
		MHD_add_response_header(r, "Content-Type", "application/json");
		ret = MHD_queue_response(c, 429, r);
		MHD_destroy_response(r);
		return (ret);
	}
	if (rq->too_large)
		return (sim_reply_status(c, 413, "RequestEntityTooLarge",
		    "request entity too large", NULL));
	if (sim->opts.request_latency_ms > 0 && !sim->stopping) {
		/* The cost model: answered when due (sim_http_tick),
		 * other requests go on meanwhile. */
		rq->delayed = 1;
		rq->conn = c;
		rq->due = scs_now_ms() + sim->opts.request_latency_ms;
		rq->next_delayed = sim->delayed;
		sim->delayed = rq;
		sim->kick = 1;
		MHD_suspend_connection(c);
		return (MHD_YES);
	}
	return (dispatch(sim, c, url, method, rq));
}

static void
completed(void *cls, struct MHD_Connection *c, void **ctx,
    enum MHD_RequestTerminationCode code)
{
	struct sim_req	*rq = *ctx;

	(void)cls;
	(void)c;
	(void)code;
	if (rq == NULL)
		return;
	scs_buf_done(&rq->body);
	free(rq);
	*ctx = NULL;
}

/* MHD's own messages (dropped connections of the faults, TLS handshakes
 * that fail): on stderr unless quiet. */
static void	mhd_log(void *, const char *, va_list) SCS_PRINTF(2, 0);

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct scs_sim	*sim = cls;

	if (sim->opts.quiet)
		return;
	fputs("scs-tui-sim: ", stderr);
	vfprintf(stderr, fmt, ap);
}

/* Start the daemon on addr:port, or on an inherited listening socket
 * (fd != -1, a restart). */
static struct MHD_Daemon *
daemon_start(struct scs_sim *sim, const struct sockaddr_in *sin, int fd)
{
	unsigned	 flags;

	flags = MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	if (!sim->opts.plain_http)
		flags |= MHD_USE_TLS;
	if (sim->opts.plain_http)
		return (MHD_start_daemon(flags, 0, NULL, NULL, handler, sim,
		    fd != -1 ? MHD_OPTION_LISTEN_SOCKET : MHD_OPTION_SOCK_ADDR,
		    fd != -1 ? (void *)(intptr_t)fd : (void *)sin,
		    MHD_OPTION_NOTIFY_COMPLETED, completed, sim,
		    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, sim,
		    MHD_OPTION_CONNECTION_LIMIT, 1000u,
		    MHD_OPTION_CONNECTION_TIMEOUT, 0u,
		    MHD_OPTION_END));
	return (MHD_start_daemon(flags, 0, NULL, NULL, handler, sim,
	    fd != -1 ? MHD_OPTION_LISTEN_SOCKET : MHD_OPTION_SOCK_ADDR,
	    fd != -1 ? (void *)(intptr_t)fd : (void *)sin,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, sim,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, sim,
	    MHD_OPTION_HTTPS_MEM_KEY, sim->pki.server_key,
	    MHD_OPTION_HTTPS_MEM_CERT, sim->pki.server_cert,
	    MHD_OPTION_HTTPS_MEM_TRUST, sim->pki.ca_cert,
	    MHD_OPTION_CONNECTION_LIMIT, 1000u,
	    MHD_OPTION_CONNECTION_TIMEOUT, 0u,
	    MHD_OPTION_END));
}

enum scs_status
sim_http_start(struct scs_sim *sim, const char *addr, int port, char **cause)
{
	struct sockaddr_in		 sin;
	const union MHD_DaemonInfo	*di;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1) {
		scs_cause(cause, "bad listen address '%s' (IPv4 expected)",
		    addr);
		return (SCS_USAGE);
	}
	sim->mhd = daemon_start(sim, &sin, -1);
	if (sim->mhd == NULL) {
		scs_cause(cause, "cannot listen on %s:%d", addr, port);
		return (SCS_IO);
	}
	di = MHD_get_daemon_info(sim->mhd, MHD_DAEMON_INFO_BIND_PORT);
	sim->port = di != NULL ? di->port : port;
	snprintf(sim->url, sizeof sim->url, "%s://%s:%d",
	    sim->opts.plain_http ? "http" : "https", addr, sim->port);
	return (SCS_OK);
}

/* Resume every suspended connection so the daemon can stop: watches end
 * (cleanly, or dropped when abort), held requests are dropped. */
static void
resume_all(struct scs_sim *sim, int abort)
{
	sim_watches_end(sim, abort);
	held_release(sim, 1, 1, 0);
	delayed_release(sim, 0, 1);
	sim_pace_resume(sim);
}

enum scs_status
sim_http_restart(struct scs_sim *sim, char **cause)
{
	MHD_socket	 fd;

	fd = MHD_quiesce_daemon(sim->mhd);
	if (fd == MHD_INVALID_SOCKET) {
		scs_cause(cause, "cannot quiesce the daemon");
		return (SCS_IO);
	}
	/* MHD_stop_daemon shuts every connection down: clients see their
	 * transfers cut, keep-alive connections closed. */
	resume_all(sim, 1);
	MHD_stop_daemon(sim->mhd);
	sim->mhd = NULL;
	/* etcd restored from a snapshot: resourceVersions start over,
	 * lower than anything a client holds. */
	sim_db_restart(sim->db, 100);
	sim->mhd = daemon_start(sim, NULL, fd);
	if (sim->mhd == NULL) {
		close(fd);
		scs_cause(cause, "cannot restart the daemon");
		return (SCS_IO);
	}
	if (sim->faults.restart_down_ms > 0) {
		/* Starting up: accept, answer nothing yet. */
		sim->hang_until = scs_now_ms() + sim->faults.restart_down_ms;
		sim->hanging = 1;
	}
	/* Then its caches fill: 429 with Retry-After for init ms. */
	if (sim->faults.restart_init_ms > 0)
		sim->init_until = scs_now_ms() + sim->faults.restart_down_ms +
		    sim->faults.restart_init_ms;
	return (SCS_OK);
}

void
sim_http_stop(struct scs_sim *sim)
{
	int	 i;

	if (sim->mhd == NULL)
		return;
	/* Suspended connections must be resumed before the daemon stops,
	 * and no watch may suspend again, no request be held (even one
	 * that arrives now). */
	sim->stopping = 1;
	for (i = 0; i < 100; i++) {
		resume_all(sim, 0);
		MHD_run(sim->mhd);
		if (!sim_watches_suspended(sim) && sim->held == NULL &&
		    sim->delayed == NULL && sim->bodies == NULL && i >= 2)
			break;
	}
	MHD_stop_daemon(sim->mhd);
	sim->mhd = NULL;
}
