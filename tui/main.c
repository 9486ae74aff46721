/*
 * main.c: scs-tui entry point: flags, then the console.
 */
#include <stdio.h>
#include <string.h>

#include "scs/scs.h"

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("scs-tui %s\n", scs_version());
		return (0);
	}
	fprintf(stderr, "scs-tui: the console is not built yet\n");
	return (1);
}
