/*
 * options.c: command line parsing for scs-tui.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs-config.h"
#include "scs/scs.h"
#include "info.h"
#include "options.h"

static const char usage_text[] =
"usage: scs-tui [options]\n"
"A terminal console for the Sovereign Cloud Stack Central API.\n"
"\n"
"Connection:\n"
"  --kubeconfig FILE     use only FILE (default: $KUBECONFIG, merged,\n"
"                        else ~/.kube/config)\n"
"  --context NAME        kubeconfig context (default: current-context)\n"
"  --as USER             impersonate USER\n"
"  --as-group GROUP      impersonate GROUP (repeatable; needs --as)\n"
"  --demo[=SCENARIO]     start the embedded simulator and connect to it\n"
"                        (scenario demo, scale or empty; default demo)\n"
"  --demo-speed X        the demo world moves X times real time (0.01-100;\n"
"                        default 1)\n"
"\n"
"View:\n"
"  -n, --namespace NS    start in namespace NS\n"
"  -A, --all-namespaces  start across all namespaces\n"
"  --persona P           iaas, kaas, tenant or auto (default auto)\n"
"  --view V              first view, e.g. clusters, clusterclasses, secrets,\n"
"                        machines, or any resource (default: the persona's)\n"
"  --mouse               click rows, scroll with the wheel (m toggles)\n"
"  --theme NAME|FILE     colour theme: default, light, high-contrast, mono,\n"
"                        a user theme or a theme FILE\n"
"\n"
"Safety:\n"
"  --readonly            refuse every change (enforced in the client core)\n"
"  --redact              presenter-safe: secret values are never shown\n"
"                        (the default with --demo)\n"
"  --no-redact           let secret values be revealed in --demo\n"
"\n"
"Script and headless:\n"
"  --script FILE         read keys and directives from FILE\n"
"  --script-delay MS     pause between script steps (presenter autopilot)\n"
"  --show-keys           show keys on screen as they are pressed (presenting;\n"
"                        :keys toggles)\n"
"  --no-display          draw into memory, no terminal needed\n"
"  --size COLSxROWS      screen size for --no-display (default 80x24)\n"
"\n"
"Configuration:\n"
"  --config FILE         settings, keys and per-context overrides (default:\n"
"                        $XDG_CONFIG_HOME/scs-tui/config.yaml)\n"
"  --print-config        print the configuration in effect, with where each\n"
"                        value came from, and exit\n"
"\n"
"Logging:\n"
"  --log FILE            debug log (never contains tokens or secret values)\n"
"  -v, --verbose         more detail in the log\n"
"\n"
"Info:\n"
"  --version             print version and build information and exit\n"
"  -h, --help            print this help and exit\n"
"\n"
"Environment: KUBECONFIG, NO_COLOR, XDG_CONFIG_HOME, TERM.\n"
"Exit status: 0 ok, 1 runtime error, 2 usage or configuration error,\n"
"3 script expectation failed. See scs-tui(1).\n";

enum {
	OPT_KUBECONFIG = 256,
	OPT_CONTEXT,
	OPT_PERSONA,
	OPT_VIEW,
	OPT_THEME,
	OPT_READONLY,
	OPT_REDACT,
	OPT_AS,
	OPT_AS_GROUP,
	OPT_DEMO,
	OPT_DEMO_SPEED,
	OPT_SCRIPT,
	OPT_SCRIPT_DELAY,
	OPT_NO_DISPLAY,
	OPT_SIZE,
	OPT_LOG,
	OPT_CONFIG,
	OPT_PRINT_CONFIG,
	OPT_NO_REDACT,
	OPT_MOUSE,
	OPT_SHOW_KEYS,
	OPT_VERSION,
	OPT_LIST_CONTEXTS
};

static const struct option long_options[] = {
	{ "kubeconfig",		required_argument,	NULL, OPT_KUBECONFIG },
	{ "context",		required_argument,	NULL, OPT_CONTEXT },
	{ "namespace",		required_argument,	NULL, 'n' },
	{ "all-namespaces",	no_argument,		NULL, 'A' },
	{ "persona",		required_argument,	NULL, OPT_PERSONA },
	{ "view",		required_argument,	NULL, OPT_VIEW },
	{ "theme",		required_argument,	NULL, OPT_THEME },
	{ "readonly",		no_argument,		NULL, OPT_READONLY },
	{ "redact",		no_argument,		NULL, OPT_REDACT },
	{ "as",			required_argument,	NULL, OPT_AS },
	{ "as-group",		required_argument,	NULL, OPT_AS_GROUP },
	{ "demo",		optional_argument,	NULL, OPT_DEMO },
	{ "demo-speed",		required_argument,	NULL, OPT_DEMO_SPEED },
	{ "script",		required_argument,	NULL, OPT_SCRIPT },
	{ "script-delay",	required_argument,	NULL, OPT_SCRIPT_DELAY },
	{ "no-display",		no_argument,		NULL, OPT_NO_DISPLAY },
	{ "size",		required_argument,	NULL, OPT_SIZE },
	{ "log",		required_argument,	NULL, OPT_LOG },
	{ "config",		required_argument,	NULL, OPT_CONFIG },
	{ "no-redact",		no_argument,		NULL, OPT_NO_REDACT },
	{ "mouse",		no_argument,		NULL, OPT_MOUSE },
	{ "show-keys",		no_argument,		NULL, OPT_SHOW_KEYS },
	{ "print-config",	no_argument,		NULL, OPT_PRINT_CONFIG },
	{ "verbose",		no_argument,		NULL, 'v' },
	{ "version",		no_argument,		NULL, OPT_VERSION },
	{ "help",		no_argument,		NULL, 'h' },
	/* Hidden, for the shell completions. */
	{ "list-contexts",	no_argument,		NULL, OPT_LIST_CONTEXTS },
	{ NULL,			0,			NULL, 0 }
};

static int SCS_PRINTF(1, 2)
bad(const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "scs-tui: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'scs-tui --help'.\n");
	return (-1);
}

static int
parse_size(const char *s, int *cols, int *rows)
{
	char	*end;
	long	 c, r;

	c = strtol(s, &end, 10);
	if (end == s || (*end != 'x' && *end != 'X'))
		return (-1);
	s = end + 1;
	r = strtol(s, &end, 10);
	if (end == s || *end != '\0')
		return (-1);
	if (c < 20 || c > 1000 || r < 5 || r > 500)
		return (-1);
	*cols = (int)c;
	*rows = (int)r;
	return (0);
}

int
options_parse(struct options *o, int argc, char **argv)
{
	int	 ch, ngroups = 0;
	char	*end;

	memset(o, 0, sizeof *o);
	o->persona = "auto";
	o->demo_scenario = "demo";
	o->demo_speed = 1.0;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":n:Avh", long_options,
	    NULL)) != -1) {
		switch (ch) {
		case OPT_KUBECONFIG:
			o->kubeconfig = optarg;
			break;
		case OPT_CONTEXT:
			o->context = optarg;
			break;
		case 'n':
			o->namespace = optarg;
			break;
		case 'A':
			o->all_namespaces = 1;
			break;
		case OPT_PERSONA:
			if (strcmp(optarg, "iaas") != 0 &&
			    strcmp(optarg, "kaas") != 0 &&
			    strcmp(optarg, "tenant") != 0 &&
			    strcmp(optarg, "auto") != 0)
				return (bad("unknown persona '%s' (iaas, kaas, "
				    "tenant or auto)", optarg));
			o->persona = optarg;
			break;
		case OPT_VIEW:
			o->view = optarg;
			break;
		case OPT_THEME:
			o->theme = optarg;
			break;
		case OPT_READONLY:
			o->readonly = 1;
			break;
		case OPT_REDACT:
			o->redact = 1;
			break;
		case OPT_AS:
			o->as = optarg;
			break;
		case OPT_AS_GROUP:
			if (ngroups == OPTIONS_MAX_GROUPS)
				return (bad("too many --as-group (max %d)",
				    OPTIONS_MAX_GROUPS));
			o->as_groups[ngroups++] = optarg;
			break;
		case OPT_DEMO:
			o->demo = 1;
			if (optarg != NULL)
				o->demo_scenario = optarg;
			break;
		case OPT_DEMO_SPEED:
			o->demo_speed = strtod(optarg, &end);
			if (end == optarg || *end != '\0' ||
			    !(o->demo_speed >= 0.01 && o->demo_speed <= 100))
				return (bad("bad --demo-speed '%s' (a factor "
				    "from 0.01 to 100)", optarg));
			break;
		case OPT_SCRIPT:
			o->script = optarg;
			break;
		case OPT_SCRIPT_DELAY:
			o->script_delay_ms = strtol(optarg, &end, 10);
			if (end == optarg || *end != '\0' ||
			    o->script_delay_ms < 0 ||
			    o->script_delay_ms > 600000)
				return (bad("bad --script-delay '%s' "
				    "(milliseconds)", optarg));
			break;
		case OPT_NO_DISPLAY:
			o->no_display = 1;
			break;
		case OPT_SIZE:
			if (parse_size(optarg, &o->cols, &o->rows) != 0)
				return (bad("bad --size '%s' (COLSxROWS, e.g. "
				    "80x24)", optarg));
			break;
		case OPT_LOG:
			o->log = optarg;
			break;
		case OPT_NO_REDACT:
			o->no_redact = 1;
			break;
		case OPT_MOUSE:
			o->mouse = 1;
			break;
		case OPT_SHOW_KEYS:
			o->show_keys = 1;
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case OPT_PRINT_CONFIG:
			o->print_config = 1;
			break;
		case 'v':
			o->verbose++;
			break;
		case OPT_VERSION:
			info_version(stdout);
			return (1);
		case OPT_LIST_CONTEXTS:
			o->list_contexts = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return (1);
		case ':':
			return (bad("option '%s' needs a value",
			    argv[optind - 1]));
		default:
			return (bad("unknown option '%s'", argv[optind - 1]));
		}
	}
	if (optind < argc)
		return (bad("unexpected argument '%s'", argv[optind]));
	if (o->namespace != NULL && o->all_namespaces)
		return (bad("%s", "-n and -A exclude each other"));
	if (o->as == NULL && ngroups != 0)
		return (bad("%s", "--as-group needs --as"));
	if (o->script_delay_ms != 0 && o->script == NULL)
		return (bad("%s", "--script-delay needs --script"));
	if (o->no_display && o->cols == 0) {
		o->cols = 80;
		o->rows = 24;
	}
	return (0);
}
