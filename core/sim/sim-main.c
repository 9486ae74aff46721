/*
 * sim-main.c: scs-tui-sim, the simulated Central API as a program
 * (DESIGN.md section 4).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cJSON.h>
#include <gnutls/gnutls.h>
#include <microhttpd.h>

#include "scs-build.h"
#include "scs-config.h"
#include "scs/sim.h"
#include "scs/util.h"

static volatile sig_atomic_t	quit, storm_now;

static void
on_signal(int sig)
{
	if (sig == SIGUSR1)
		storm_now = 1;
	else
		quit = 1;
}

static const char usage_text[] =
"usage: scs-tui-sim [options]\n"
"A simulated SCS Central API / Kubernetes API server for scs-tui.\n"
"\n"
"Server:\n"
"  --listen ADDR:PORT     listen address (default 127.0.0.1:6443; port 0 = any)\n"
"  --plain-http           serve HTTP instead of HTTPS (debugging)\n"
"  --kubeconfig-out FILE  write a kubeconfig (0600) with a context per user\n"
"  --user NAME            its current context: csp-admin (default),\n"
"                         kaas-operator, tenant-a or tenant-b\n"
"\n"
"World:\n"
"  --scenario NAME        demo (default), scale, empty, hostile (the demo\n"
"                         plus objects full of terminal escapes, controls,\n"
"                         invalid UTF-8, bidi, wide and 1 MiB strings),\n"
"                         capi (a plain Cluster API management cluster: no\n"
"                         cluster stacks, no Central API) or capi-v1beta1\n"
"                         (the same as CAPI 1.10 serves it: v1beta1 only)\n"
"  --clusters N           scale: clusters (default 10000)\n"
"  --namespaces N         scale: namespaces (default 50)\n"
"  --secrets N            scale: secrets (default 2000)\n"
"  --classes N            scale: cluster classes (default 200)\n"
"  --seed N               world seed (default 1)\n"
"  --speed X              reconcile speed factor (default 1)\n"
"\n"
"Cost model (as a real server costs; off by default):\n"
"  --serve-rate MB/S      send response bodies at no more than MB/S\n"
"                         (lists, gets, watch streams; after gzip)\n"
"  --request-latency MS   answer every request MS later\n"
"\n"
"Testing:\n"
"  --faults SPEC          faults to inject, comma-separated (N counts\n"
"                         requests, lists or watches; MS milliseconds;\n"
"                         0 turns one off):\n"
"      drop-every=N           close every Nth connection before answering\n"
"      cut-list-every=N       every Nth list stops halfway through its body,\n"
"                             then the connection drops\n"
"      cut-watch-after=N      end each watch cleanly after N events\n"
"      drop-watch-after=N     after N events send half an event line and drop\n"
"                             the connection (no final chunk)\n"
"      watch-410-every=N      every Nth watch gets ERROR 410 Expired\n"
"      expire-continue[=N]    continue tokens are expired (410): all, or the\n"
"                             first N presented\n"
"      429-every=N[:retry=S]  every Nth request: 429 with Retry-After: S\n"
"      500-burst=N            the first N requests: 500\n"
"      slow=MS                delay every answer\n"
"      hang-after=N[:for=MS]  from request N+1 on accept but never answer (for\n"
"                             MS, then answer what was held); watches go\n"
"                             silent meanwhile\n"
"      hang-every=N           every Nth request is never answered\n"
"      restart-after=MS[:down=MS][:init=MS]\n"
"                             once, MS after start: drop every connection and\n"
"                             renumber all resourceVersions lower (an etcd\n"
"                             restored from a snapshot): older watches and\n"
"                             continue tokens get 410; hold requests for\n"
"                             down MS, 429 for init MS\n"
"      storm=N                N cluster changes per second (benchmarks)\n"
"      storm-for=MS           each SIGUSR1 starts a storm of MS\n"
"      no-watch-list          refuse streaming lists (sendInitialEvents)\n"
"                             with 422, as an apiserver without WatchList\n"
"      old-watch              ignore sendInitialEvents (a plain watch, no\n"
"                             end bookmark), as an apiserver before 1.27\n"
"      forbid=PLURAL          every user but csp-admin gets 403 on PLURAL\n"
"                             (e.g. configmaps: RBAC without that grant)\n"
"                         csp-admin can read and replace the faults while the\n"
"                         server runs: GET or POST SPEC to /sim/faults\n"
"\n"
"Logging:\n"
"  --quiet                no request log\n"
"\n"
"Info:\n"
"  --version              print version and build information and exit\n"
"  -h, --help             print this help and exit\n"
"\n"
"Exit status: 0 ok (stopped by SIGINT or SIGTERM), 1 runtime error,\n"
"2 usage error. See scs-tui-sim(1).\n";

static void
print_version(void)
{
	printf("scs-tui-sim %s\n", SCS_VERSION);
	printf("  git:             %s\n", SCS_GIT_DESCRIBE);
	printf("  compiler:        %s\n", SCS_CC);
	printf("  libmicrohttpd:   %s\n", MHD_get_version());
	printf("  GnuTLS:          %s\n", gnutls_check_version(NULL));
	printf("  cJSON:           %s\n", cJSON_Version());
}

static int
write_file(const char *path, const char *text)
{
	int	 fd;
	size_t	 len = strlen(text), off = 0;
	ssize_t	 n;

	/* Replace atomically; never follow a symlink. */
	char	*tmp = scs_xprintf("%s.tmp.%ld", path, (long)getpid());

	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
	if (fd == -1) {
		free(tmp);
		return (-1);
	}
	while (off < len) {
		if ((n = write(fd, text + off, len - off)) <= 0) {
			close(fd);
			unlink(tmp);
			free(tmp);
			return (-1);
		}
		off += (size_t)n;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		free(tmp);
		return (-1);
	}
	free(tmp);
	return (0);
}

int
main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "scenario", required_argument, NULL, 's' },
		{ "clusters", required_argument, NULL, 'c' },
		{ "namespaces", required_argument, NULL, 'n' },
		{ "secrets", required_argument, NULL, 'S' },
		{ "classes", required_argument, NULL, 'C' },
		{ "kubeconfig-out", required_argument, NULL, 'k' },
		{ "user", required_argument, NULL, 'u' },
		{ "faults", required_argument, NULL, 'f' },
		{ "seed", required_argument, NULL, 'e' },
		{ "speed", required_argument, NULL, 'p' },
		{ "serve-rate", required_argument, NULL, 'R' },
		{ "request-latency", required_argument, NULL, 'L' },
		{ "plain-http", no_argument, NULL, 'P' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct scs_sim_opts	 o;
	struct scs_sim		*sim;
	const char		*kout = NULL, *user = "csp-admin";
	char			*cause = NULL, *kc;
	int			 ch;
	struct sigaction	 sa;

	memset(&o, 0, sizeof o);
	o.listen = "127.0.0.1:6443";
	o.speed = 1.0;
	o.seed = 1;
	while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (ch) {
		case 'l': o.listen = optarg; break;
		case 's': o.scenario = optarg; break;
		case 'c': o.clusters = atoi(optarg); break;
		case 'n': o.namespaces = atoi(optarg); break;
		case 'S': o.secrets = atoi(optarg); break;
		case 'C': o.classes = atoi(optarg); break;
		case 'k': kout = optarg; break;
		case 'u': user = optarg; break;
		case 'f': o.faults = optarg; break;
		case 'e': o.seed = strtoull(optarg, NULL, 10); break;
		case 'p': o.speed = atof(optarg); break;
		case 'R': o.serve_rate = atof(optarg); break;
		case 'L': o.request_latency_ms = atol(optarg); break;
		case 'P': o.plain_http = 1; break;
		case 'q': o.quiet = 1; break;
		case 'V':
			print_version();
			return (0);
		case 'h':
			fputs(usage_text, stdout);
			return (0);
		default:
			fputs(usage_text, stderr);
			return (2);
		}
	}
	if (optind < argc || o.speed <= 0 || o.serve_rate < 0 ||
	    o.request_latency_ms < 0) {
		fputs(usage_text, stderr);
		return (2);
	}
	if (strcmp(user, "csp-admin") != 0 && strcmp(user, "kaas-operator") &&
	    strcmp(user, "tenant-a") != 0 && strcmp(user, "tenant-b") != 0) {
		fprintf(stderr, "scs-tui-sim: unknown user '%s'\n", user);
		return (2);
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if ((sim = scs_sim_start(&o, &cause)) == NULL) {
		fprintf(stderr, "scs-tui-sim: %s\n", cause);
		free(cause);
		return (1);
	}
	if (kout != NULL) {
		kc = scs_sim_kubeconfig(sim, user);
		if (write_file(kout, kc) != 0) {
			fprintf(stderr, "scs-tui-sim: %s: %s\n", kout,
			    strerror(errno));
			scs_free_secret(kc);
			scs_sim_stop(sim);
			return (1);
		}
		scs_free_secret(kc);
	}
	printf("scs-tui-sim: serving %s (scenario %s)%s%s\n", scs_sim_url(sim),
	    o.scenario != NULL ? o.scenario : "demo",
	    kout != NULL ? ", kubeconfig in " : "", kout != NULL ? kout : "");
	fflush(stdout);
	while (!quit) {
		pause();
		if (storm_now) {
			storm_now = 0;
			scs_sim_storm(sim);
		}
	}
	scs_sim_stop(sim);
	return (0);
}
