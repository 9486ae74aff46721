/*
 * secret-cloud.c: the cloud a credentials Secret points at (cloud.h).
 * Only auth_url, region_name, project_name and the *domain_name keys are
 * read; the decoded clouds.yaml is wiped before it is freed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/cloud.h"
#include "scs/util.h"
#include "scs/yaml.h"

#define J(o, k)	cJSON_GetObjectItemCaseSensitive((o), (k))
#define S(o, k)	cJSON_GetStringValue(J((o), (k)))

/* The decoded value of data key (NUL-terminated), or NULL. */
static char *
data_value(const cJSON *secret, const char *key, size_t *len)
{
	const char	*b64 = S(J(secret, "data"), key);
	unsigned char	*out = NULL;
	char		*s;

	if (b64 == NULL || scs_base64_decode(b64, strlen(b64), &out, len) !=
	    SCS_OK)
		return (NULL);
	s = scs_xmalloc(*len + 1);
	memcpy(s, out, *len);
	s[*len] = '\0';
	scs_memzero(out, *len);
	free(out);
	return (s);
}

/* "https://host:5000/v3" -> "host". */
static char *
url_host(const char *url)
{
	const char	*p = strstr(url, "://");
	size_t		 n;

	p = p != NULL ? p + 3 : url;
	if (strchr(p, '@') != NULL && strchr(p, '@') < p + strcspn(p, "/"))
		p = strchr(p, '@') + 1;		/* no user:password@ */
	n = strcspn(p, ":/?#");
	return (n > 0 ? scs_xstrndup(p, n) : NULL);
}

static void
add(struct scs_buf *b, const char *what, const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	scs_buf_printf(b, "%s%s%s", b->len > 0 ? ", " : "", what, v);
}

char *
scs_secret_cloud(const cJSON *secret)
{
	char		*text, *name, *host;
	size_t		 len, nlen;
	cJSON		*docs, *clouds, *cloud;
	const cJSON	*auth;
	struct scs_buf	 b;

	if ((text = data_value(secret, "clouds.yaml", &len)) == NULL)
		return (NULL);
	docs = scs_yaml_load(text, len, NULL);
	scs_memzero(text, len);
	free(text);
	clouds = J(cJSON_GetArrayItem(docs, 0), "clouds");
	name = data_value(secret, "cloudName", &nlen);
	cloud = name != NULL ? J(clouds, name) : NULL;
	if (cloud == NULL)
		cloud = J(clouds, "openstack");
	if (cloud == NULL && cJSON_GetArraySize(clouds) == 1)
		cloud = cJSON_GetArrayItem(clouds, 0);
	free(name);
	if (!cJSON_IsObject(cloud)) {
		cJSON_Delete(docs);
		return (NULL);
	}
	auth = J(cloud, "auth");
	scs_buf_init(&b, 0);
	scs_buf_adds(&b, "");
	if (S(auth, "auth_url") != NULL &&
	    (host = url_host(S(auth, "auth_url"))) != NULL) {
		add(&b, "", host);
		free(host);
	}
	add(&b, "region ", S(cloud, "region_name"));
	add(&b, "project ", S(auth, "project_name"));
	add(&b, "domain ", S(auth, "project_domain_name") != NULL ?
	    S(auth, "project_domain_name") : S(auth, "user_domain_name") !=
	    NULL ? S(auth, "user_domain_name") : S(auth, "domain_name"));
	cJSON_Delete(docs);
	if (b.len == 0) {
		scs_buf_done(&b);
		return (NULL);
	}
	return (scs_buf_steal(&b));
}

int
scs_names_secret(const char *path, const char *desc)
{
	static const char *const ends[] = { "[secret_name].value",
	    "[secretName].value", "[identityRef].value.name",
	    "secretRef.name", "SecretRef.name", ".secret_name", ".secretName",
	    NULL };
	size_t	 i;

	for (i = 0; path != NULL && ends[i] != NULL; i++)
		if (scs_strsuffix(path, ends[i]))
			return (1);
	return (desc != NULL && strstr(desc, "Secret") != NULL);
}
