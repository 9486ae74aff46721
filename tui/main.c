/*
 * main.c: scs-tui entry point: flags, then the console.
 */
#include "info.h"
#include "tui.h"

int
main(int argc, char **argv)
{
	struct options	 opts;
	int		 r;

	if ((r = options_parse(&opts, argc, argv)) != 0)
		return (r > 0 ? 0 : 2);
	if (opts.list_contexts)
		return (info_list_contexts(opts.kubeconfig));
	return (app_run(&opts));
}
