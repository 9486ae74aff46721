/*
 * main.c: scs-tui entry point: flags, then the console (or
 * --print-config).
 */
#include <stdio.h>
#include <stdlib.h>

#include "scs/util.h"
#include "info.h"
#include "tui.h"

/*
 * --print-config: the configuration for --context, else the kubeconfig's
 * current context (none when there is no kubeconfig), on stdout. 0, or 2
 * when the configuration file is invalid.
 */
static int
print_config(const struct options *o)
{
	struct scs_kubeconfig	*kc = NULL;
	struct config		*cfg;
	struct config_effective	 e;
	const char		*ctx = o->context;
	char			*cause = NULL;
	int			 rc;

	if (config_load(o->config, &cfg, &cause) != 0) {
		fprintf(stderr, "scs-tui: %s\n", cause);
		free(cause);
		return (2);
	}
	if (ctx == NULL && !o->demo && scs_kubeconfig_load(o->kubeconfig, &kc,
	    &cause) == SCS_OK)
		ctx = scs_kubeconfig_current_context(kc);
	free(cause);
	config_resolve(cfg, ctx, o, &e);
	rc = config_print(stdout, &e, cfg) == 0 ? 0 : 1;
	scs_kubeconfig_free(kc);
	config_free(cfg);
	return (rc);
}

int
main(int argc, char **argv)
{
	struct options	 opts;
	int		 r;

	if ((r = options_parse(&opts, argc, argv)) != 0)
		return (r > 0 ? 0 : 2);
	if (opts.print_config)
		return (print_config(&opts));
	if (opts.list_contexts)
		return (info_list_contexts(opts.kubeconfig));
	return (app_run(&opts));
}
