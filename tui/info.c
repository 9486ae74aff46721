/*
 * info.c: scs-tui --version (build information and the versions of the
 * libraries actually loaded) and the hidden --list-contexts for the shell
 * completions, which goes through the real kubeconfig loader so that
 * completion and program agree on which contexts exist.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include <cJSON.h>
#include <curl/curl.h>
#include <yaml.h>

#include "scs-build.h"
#include "scs-config.h"
#include "scs/kubeconfig.h"
#include "scs/scs.h"
#include "info.h"

void
info_version(FILE *f)
{
	const curl_version_info_data	*cv = curl_version_info(CURLVERSION_NOW);

	fprintf(f, "scs-tui %s\n", SCS_VERSION);
	fprintf(f, "  git:       %s\n", SCS_GIT_DESCRIBE);
	fprintf(f, "  libscs:    %s\n", scs_version());
	fprintf(f, "  compiler:  %s\n", SCS_CC);
	fprintf(f, "  libcurl:   %s%s%s%s (built with %s)\n", cv->version,
	    cv->ssl_version != NULL ? ", " : "",
	    cv->ssl_version != NULL ? cv->ssl_version : "",
	    (cv->features & CURL_VERSION_HTTP2) != 0 ? ", HTTP/2" : "",
	    LIBCURL_VERSION);
	fprintf(f, "  ncurses:   %s (built with %s)\n", curses_version(),
	    NCURSES_VERSION);
	fprintf(f, "  cJSON:     %s\n", cJSON_Version());
	fprintf(f, "  libyaml:   %s\n", yaml_get_version_string());
}

int
info_list_contexts(const char *kubeconfig)
{
	struct scs_kubeconfig	*kc = NULL;
	char			*cause = NULL;
	const char		*name;
	size_t			 i;

	if (scs_kubeconfig_load(kubeconfig, &kc, &cause) != SCS_OK) {
		fprintf(stderr, "scs-tui: %s\n", cause != NULL ? cause :
		    "cannot load the kubeconfig");
		free(cause);
		return (2);
	}
	for (i = 0; (name = scs_kubeconfig_context(kc, i)) != NULL; i++)
		printf("%s\n", name);
	scs_kubeconfig_free(kc);
	return (0);
}
