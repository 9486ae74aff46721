/*
 * main.c: scs-tui entry point: flags, then the console.
 */
#include "tui.h"

int
main(int argc, char **argv)
{
	struct options	 opts;
	int		 r;

	if ((r = options_parse(&opts, argc, argv)) != 0)
		return (r > 0 ? 0 : 2);
	return (app_run(&opts));
}
