/*
 * cloud.h: which cloud a credentials Secret points at ("credentials
 * choose the cloud"), told from the non-secret keys of its clouds.yaml:
 * the auth URL's host, the region, the project and domain names. Never
 * a credential (password, application credential secret, token, key):
 * those keys are not read. No curses; the Secret is borrowed.
 */
#ifndef SCS_CLOUD_H
#define SCS_CLOUD_H

#include <cJSON.h>

/*
 * "keystone.example.cloud, RegionOne, project p, domain d" for a Secret
 * with data "clouds.yaml" (the cloud named by data "cloudName", else
 * "openstack", else the only one), or NULL when it has none (caller
 * frees).
 */
char	*scs_secret_cloud(const cJSON *secret);

/*
 * Does a variable (or a field of one) name a Secret? By its path
 * ("...[secret_name].value", "...[identityRef].value.name", names ending
 * in secretName/secret_name/SecretRef.name) or its description (it says
 * "Secret", as "Secret with the clouds.yaml").
 */
int	 scs_names_secret(const char *path, const char *description);

#endif
