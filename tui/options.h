/*
 * options.h: scs-tui's command line (DESIGN.md section 4), parsed once at
 * start. Strings point into argv or are static; nothing to free.
 */
#ifndef SCS_TUI_OPTIONS_H
#define SCS_TUI_OPTIONS_H

#define OPTIONS_MAX_GROUPS	16

struct options {
	const char	*kubeconfig;
	const char	*context;	/* may be "a,b,c" for several */
	const char	*namespace;	/* -n */
	int		 all_namespaces;	/* -A */
	const char	*persona;	/* iaas|kaas|tenant|auto */
	const char	*view;
	const char	*theme;
	int		 readonly;
	int		 redact;
	int		 no_redact;	/* --demo is redacted unless this */
	int		 mouse;
	int		 show_keys;	/* --show-keys */
	const char	*as;
	const char	*as_groups[OPTIONS_MAX_GROUPS + 1];
	int		 demo;
	const char	*demo_scenario;	/* "demo" unless --demo=NAME */
	double		 demo_speed;	/* --demo-speed; 1 = real time */
	const char	*script;
	long		 script_delay_ms;
	int		 no_display;
	int		 cols, rows;	/* --size; 0 = terminal's */
	const char	*log;
	int		 verbose;
	const char	*config;	/* --config FILE; NULL = the default */
	int		 print_config;
	int		 list_contexts;	/* hidden --list-contexts */
};

/*
 * Parse argv into opts. Returns 0 to go on, 1 when the program should exit
 * 0 at once (--help, --version printed), -1 on a usage error (message
 * printed to stderr; exit 2).
 */
int	options_parse(struct options *opts, int argc, char **argv);

#endif
