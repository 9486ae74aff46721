/*
 * main.c: scs-tui entry point: flags, then the console.
 */
#include <stdio.h>

#include "options.h"

int
main(int argc, char **argv)
{
	struct options	 opts;
	int		 r;

	if ((r = options_parse(&opts, argc, argv)) != 0)
		return (r > 0 ? 0 : 2);
	fprintf(stderr, "scs-tui: the console is not wired up yet\n");
	return (1);
}
