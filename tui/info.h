/*
 * info.h: what scs-tui prints about itself and exits (--version and the
 * hidden --list-contexts used by the shell completions).
 */
#ifndef SCS_TUI_INFO_H
#define SCS_TUI_INFO_H

#include <stdio.h>

/* Print the version, build and run-time library versions to f. */
void	info_version(FILE *f);

/*
 * Print the context names of the kubeconfig that scs-tui would load
 * (explicit path, else $KUBECONFIG, else ~/.kube/config), one per line,
 * in file order. Returns the exit status: 0, or 2 with a message on
 * stderr when no kubeconfig loads.
 */
int	info_list_contexts(const char *kubeconfig);

#endif
