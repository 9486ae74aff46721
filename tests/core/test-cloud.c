/*
 * test-cloud.c: the cloud a credentials Secret points at (core/
 * secret-cloud.c): host, region, project and domain from clouds.yaml,
 * never a credential, whatever the Secret holds; which fields name a
 * Secret.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/cloud.h"
#include "scs/util.h"
#include "../tap.h"

/* A Secret with data key -> yaml (and cloudName when cn != NULL). */
static cJSON *
secret(const char *yaml, const char *cn)
{
	cJSON	*s = cJSON_CreateObject(), *d;
	char	*b;

	d = cJSON_AddObjectToObject(s, "data");
	if (yaml != NULL) {
		b = scs_base64_encode(yaml, strlen(yaml));
		cJSON_AddStringToObject(d, "clouds.yaml", b);
		free(b);
	}
	if (cn != NULL) {
		b = scs_base64_encode(cn, strlen(cn));
		cJSON_AddStringToObject(d, "cloudName", b);
		free(b);
	}
	return (s);
}

static void
cloud_is(const char *yaml, const char *cn, const char *want, const char *what)
{
	cJSON	*s = secret(yaml, cn);
	char	*got = scs_secret_cloud(s);

	is_str(got, want, "%s", what);
	if (got != NULL)
		ok(strstr(got, "hunter2") == NULL && strstr(got, "SECRET") ==
		    NULL && strstr(got, "tok") == NULL, "%s: no credential",
		    what);
	free(got);
	cJSON_Delete(s);
}

int
main(void)
{
	cJSON	*s;

	cloud_is("clouds:\n  openstack:\n    auth:\n"
	    "      auth_url: https://keystone.example.cloud:5000/v3\n"
	    "      username: admin\n      password: hunter2\n"
	    "      project_name: p1\n      user_domain_name: d1\n"
	    "    region_name: RegionOne\n",
	    NULL, "keystone.example.cloud, region RegionOne, project p1, "
	    "domain d1", "password cloud");
	cloud_is("clouds:\n  openstack:\n    auth:\n"
	    "      auth_url: https://id.example.org/v3\n"
	    "      application_credential_id: abc\n"
	    "      application_credential_secret: SECRET-1\n",
	    NULL, "id.example.org", "application credential");
	cloud_is("clouds:\n  a:\n    auth: {auth_url: 'https://a.example/'}\n"
	    "  b:\n    auth: {auth_url: 'https://b.example/', token: tok1}\n"
	    "    region_name: R2\n", "b", "b.example, region R2",
	    "cloudName chooses the cloud");
	cloud_is("clouds:\n  only:\n    region_name: R3\n", NULL, "region R3",
	    "the only cloud");
	cloud_is("clouds:\n  a: {region_name: R}\n  b: {region_name: S}\n",
	    NULL, NULL, "two clouds, none named: none told");
	cloud_is("clouds:\n  openstack:\n    auth:\n"
	    "      auth_url: https://user:hunter2@k.example:5000/v3\n",
	    NULL, "k.example", "userinfo in the URL is not shown");
	cloud_is("clouds:\n  openstack:\n    auth:\n"
	    "      auth_url: admin:hunter2@k.example/v3?tok=a@b\n",
	    NULL, "k.example", "userinfo without a scheme is not shown either");
	cloud_is("clouds:\n  openstack:\n    auth:\n"
	    "      auth_url: \"https://\\e[31mred\\e[0m.example/v3\"\n"
	    "      project_name: \"\\u202eevil\"\n",
	    NULL, "\x1b[31mred\x1b[0m.example, project \xe2\x80\xae" "evil",
	    "hostile text is passed on raw (drawing escapes it)");
	cloud_is("not: [yaml", NULL, NULL, "bad YAML: none");
	cloud_is(NULL, NULL, NULL, "no clouds.yaml: none");
	s = cJSON_Parse("{\"data\":{\"clouds.yaml\":\"!!!not base64\"}}");
	ok(scs_secret_cloud(s) == NULL, "bad base64: none");
	cJSON_Delete(s);
	ok(scs_secret_cloud(NULL) == NULL, "no Secret: none");

	ok(scs_names_secret("spec.topology.variables[secret_name].value",
	    NULL), "secret_name");
	ok(scs_names_secret("spec.topology.variables[identityRef].value.name",
	    NULL), "identityRef.name");
	ok(scs_names_secret("spec.topology.variables[x].value.credentials."
	    "secretRef.name", NULL), "a secretRef.name");
	ok(scs_names_secret("spec.topology.variables[creds].value",
	    "Secret with the clouds.yaml."), "a description saying Secret");
	ok(!scs_names_secret("spec.topology.variables[workerFlavor].value",
	    "OpenStack flavor of the worker servers."), "a flavor is not one");
	ok(!scs_names_secret("spec.topology.variables[identityRef].value."
	    "cloudName", "Cloud in the clouds.yaml."), "cloudName is not one");
	return (tap_done());
}
