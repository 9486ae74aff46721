/*
 * sim-auth.c: the simulated users and their rights (RBAC in small), and
 * the self-subject reviews, in JSON and in the Kubernetes protobuf
 * envelope that kubectl auth can-i sends (DOMAIN.md 10.7, 10.11).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-int.h"

const char *const sim_users[] = {
	"csp-admin", "kaas-operator", "tenant-a", "tenant-b", NULL
};

/* TENANT_NS: any namespace but the system's (*-system, kube-*,
 * default). */
enum scope { EVERYWHERE, OWN_NS, SYSTEM_NS, OWN_NAMESPACE_OBJ, TENANT_NS };

struct rule {
	const char	*user;		/* NULL = every user */
	const char	*verbs;		/* comma list, "*" = all */
	const char	*groups;	/* comma list, "*" = all, "" = core */
	const char	*resources;	/* comma list, "*" = all */
	enum scope	 scope;
};

#define READ	"get,list,watch"
#define CAPI_G	"cluster.x-k8s.io,clusterstack.x-k8s.io," \
		"infrastructure.clusterstack.x-k8s.io," \
		"controlplane.cluster.x-k8s.io,bootstrap.cluster.x-k8s.io," \
		"infrastructure.cluster.x-k8s.io"
#define PROVIDER_G "controlplane.cluster.x-k8s.io," \
		"bootstrap.cluster.x-k8s.io,infrastructure.cluster.x-k8s.io"

static const struct rule rules[] = {
	{ "csp-admin", "*", "*", "*", EVERYWHERE },
	{ NULL, "create", "authorization.k8s.io",
	    "selfsubjectaccessreviews,selfsubjectrulesreviews", EVERYWHERE },
	{ NULL, "create", "authentication.k8s.io", "selfsubjectreviews",
	    EVERYWHERE },
	/* The KaaS operator reads Cluster API everywhere and writes it in
	 * the tenants' namespaces, not in the system's. */
	{ "kaas-operator", READ, CAPI_G, "*", EVERYWHERE },
	{ "kaas-operator", "*", CAPI_G, "*", TENANT_NS },
	{ "kaas-operator", READ, "", "namespaces,events", EVERYWHERE },
	{ "kaas-operator", READ, "api.scs.community", "*", EVERYWHERE },
	{ "kaas-operator", READ, "", "secrets", SYSTEM_NS },
	/* Pins: the operator writes every namespace's scs-pins and reads
	 * the policies (installing them is the cluster admin's). */
	{ "kaas-operator", "*", "", "configmaps", EVERYWHERE },
	{ "kaas-operator", READ, "admissionregistration.k8s.io",
	    "validatingadmissionpolicies,validatingadmissionpolicybindings",
	    EVERYWHERE },
	{ "tenant", "*", "cluster.x-k8s.io", "clusters,machinedeployments",
	    OWN_NS },
	{ "tenant", READ, "cluster.x-k8s.io", "clusterclasses,machines,"
	    "machinesets,machinehealthchecks,machinepools", OWN_NS },
	{ "tenant", READ, PROVIDER_G, "*", OWN_NS },
	{ "tenant", READ, "clusterstack.x-k8s.io,"
	    "infrastructure.clusterstack.x-k8s.io", "*", OWN_NS },
	/* Bring your own class: a tenant's ClusterStacks make classes in
	 * its namespace. */
	{ "tenant", "*", "clusterstack.x-k8s.io", "clusterstacks", OWN_NS },
	{ "tenant", "*", "api.scs.community", "*", OWN_NS },
	{ "tenant", "*", "", "secrets", OWN_NS },
	/* Tenants read their ConfigMaps (the pins among them) and do not
	 * write them: a tenant that could would unpin itself. */
	{ "tenant", READ, "", "configmaps", OWN_NS },
	{ "tenant", READ, "", "events", OWN_NS },
	{ "tenant", READ, "rbac.authorization.k8s.io", "rolebindings",
	    OWN_NS },
	{ "tenant", "get", "", "namespaces", OWN_NAMESPACE_OBJ },
};

#define NRULES	(sizeof rules / sizeof rules[0])

static int
tenant_ns(const char *ns)
{
	return (!scs_strsuffix(ns, "-system") && strcmp(ns, "default") != 0 &&
	    strncmp(ns, "kube-", 5) != 0);
}

const char *
sim_user_group(const char *user)
{
	if (scs_streq(user, "csp-admin"))
		return ("system:masters");
	if (scs_streq(user, "kaas-operator"))
		return ("scs:kaas-operators");
	return ("scs:tenants");
}

static int
in_list(const char *list, const char *word)
{
	size_t		 n = strlen(word);
	const char	*p = list;

	if (strcmp(list, "*") == 0)
		return (1);
	for (;;) {
		if (strncmp(p, word, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return (1);
		if ((p = strchr(p, ',')) == NULL)
			return (0);
		p++;
	}
}

static int
rule_user(const struct rule *r, const char *user)
{
	if (r->user == NULL)
		return (1);
	if (strcmp(r->user, "tenant") == 0)
		return (scs_strprefix(user, "tenant-"));
	return (strcmp(r->user, user) == 0);
}

static int
in_group_list(const char *list, const char *group)
{
	if (group[0] == '\0')
		return (list[0] == '\0' || strcmp(list, "*") == 0);
	return (list[0] != '\0' && in_list(list, group));
}

int
sim_allowed(const char *user, const char *verb, const char *group,
    const char *plural, const char *ns, const char *name)
{
	size_t			 i;
	const struct rule	*r;
	int			 all = ns == NULL || *ns == '\0';

	if (user == NULL)
		return (0);
	for (i = 0; i < NRULES; i++) {
		r = &rules[i];
		if (!rule_user(r, user) || !in_list(r->verbs, verb) ||
		    !in_group_list(r->groups, group) ||
		    !in_list(r->resources, plural))
			continue;
		switch (r->scope) {
		case EVERYWHERE:
			return (1);
		case OWN_NS:
			if (!all && strcmp(ns, user) == 0)
				return (1);
			break;
		case SYSTEM_NS:
			if (!all && scs_strsuffix(ns, "-system"))
				return (1);
			break;
		case OWN_NAMESPACE_OBJ:
			if (scs_streq(name, user))
				return (1);
			break;
		case TENANT_NS:
			if (!all && tenant_ns(ns))
				return (1);
			break;
		}
	}
	return (0);
}

char *
sim_forbidden_message(const char *user, const char *verb, const char *group,
    const char *plural, const char *ns)
{
	char	 res[256];

	if (group[0] != '\0')
		snprintf(res, sizeof res, "%s.%s", plural, group);
	else
		snprintf(res, sizeof res, "%s", plural);
	if (ns == NULL || *ns == '\0')
		return (scs_xprintf("%s is forbidden: User \"%s\" cannot %s "
		    "resource \"%s\" in API group \"%s\" at the cluster scope",
		    res, user, verb, plural, group));
	return (scs_xprintf("%s is forbidden: User \"%s\" cannot %s resource "
	    "\"%s\" in API group \"%s\" in the namespace \"%s\"", res, user,
	    verb, plural, group, ns));
}

/* --- protobuf, just enough ------------------------------------------ */

struct pb {
	const unsigned char	*p;
	size_t			 len;
};

static int
pb_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	int	 shift = 0;

	*v = 0;
	while (*p < end && shift < 64) {
		*v |= (uint64_t)(**p & 0x7f) << shift;
		if ((*(*p)++ & 0x80) == 0)
			return (0);
		shift += 7;
	}
	return (-1);
}

/* Find length-delimited field num in msg; 0 and *out, or -1. */
static int
pb_field(struct pb msg, unsigned num, struct pb *out)
{
	const unsigned char	*p = msg.p, *end = msg.p + msg.len;
	uint64_t		 key, v;

	while (p < end) {
		if (pb_varint(&p, end, &key) != 0)
			return (-1);
		switch (key & 7) {
		case 0:
			if (pb_varint(&p, end, &v) != 0)
				return (-1);
			break;
		case 1:
			p += 8;
			break;
		case 5:
			p += 4;
			break;
		case 2:
			if (pb_varint(&p, end, &v) != 0 ||
			    v > (uint64_t)(end - p))
				return (-1);
			if ((key >> 3) == num) {
				out->p = p;
				out->len = (size_t)v;
				return (0);
			}
			p += v;
			break;
		default:
			return (-1);
		}
		if (p > end)
			return (-1);
	}
	return (-1);
}

static void
pb_string(struct pb msg, unsigned num, cJSON *obj, const char *key)
{
	struct pb	 f;
	char		*s;

	if (pb_field(msg, num, &f) != 0)
		return;
	s = scs_xstrndup((const char *)f.p, f.len);
	cJSON_AddStringToObject(obj, key, s);
	free(s);
}

/* Decode a protobuf SSAR/SSRR into the equivalent JSON spec. */
static cJSON *
pb_review(const char *body, size_t len, int rules_review)
{
	struct pb	 env, raw, spec, attrs;
	cJSON		*j, *sp, *ra;

	if (len < 4 || memcmp(body, "k8s\0", 4) != 0)
		return (NULL);
	env.p = (const unsigned char *)body + 4;
	env.len = len - 4;
	if (pb_field(env, 2, &raw) != 0 || pb_field(raw, 2, &spec) != 0)
		return (NULL);
	j = cJSON_CreateObject();
	sp = cJSON_AddObjectToObject(j, "spec");
	if (rules_review) {
		pb_string(spec, 1, sp, "namespace");
		return (j);
	}
	if (pb_field(spec, 1, &attrs) == 0) {
		ra = cJSON_AddObjectToObject(sp, "resourceAttributes");
		pb_string(attrs, 1, ra, "namespace");
		pb_string(attrs, 2, ra, "verb");
		pb_string(attrs, 3, ra, "group");
		pb_string(attrs, 4, ra, "version");
		pb_string(attrs, 5, ra, "resource");
		pb_string(attrs, 6, ra, "subresource");
		pb_string(attrs, 7, ra, "name");
	} else if (pb_field(spec, 2, &attrs) == 0) {
		ra = cJSON_AddObjectToObject(sp, "nonResourceAttributes");
		pb_string(attrs, 1, ra, "path");
		pb_string(attrs, 2, ra, "verb");
	}
	return (j);
}

static cJSON *
review_request(const char *body, size_t len, int rules_review, char **cause)
{
	cJSON	*j;

	if ((j = pb_review(body, len, rules_review)) != NULL)
		return (j);
	if ((j = cJSON_ParseWithLength(body, len)) == NULL ||
	    !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(j, "spec"))) {
		cJSON_Delete(j);
		scs_cause(cause, "the review needs a spec");
		return (NULL);
	}
	return (j);
}

static const char *
jstr(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	return (cJSON_IsString(v) ? v->valuestring : "");
}

char *
sim_access_review(const char *user, const char *body, size_t len,
    char **cause)
{
	cJSON		*j, *st, *ra;
	char		*out;
	int		 ok;
	const char	*verb, *res;

	if ((j = review_request(body, len, 0, cause)) == NULL)
		return (NULL);
	ra = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(
	    j, "spec"), "resourceAttributes");
	verb = jstr(ra, "verb");
	res = jstr(ra, "resource");
	if (ra == NULL)
		ok = strcmp(user, "csp-admin") == 0;	/* non-resource URLs */
	else
		ok = sim_allowed(user, verb, jstr(ra, "group"), res,
		    jstr(ra, "namespace"), jstr(ra, "name")) ||
		    (scs_streq(user, "csp-admin"));
	cJSON_DeleteItemFromObjectCaseSensitive(j, "apiVersion");
	cJSON_DeleteItemFromObjectCaseSensitive(j, "kind");
	cJSON_AddStringToObject(j, "apiVersion", "authorization.k8s.io/v1");
	cJSON_AddStringToObject(j, "kind", "SelfSubjectAccessReview");
	if (cJSON_GetObjectItemCaseSensitive(j, "metadata") == NULL)
		cJSON_AddObjectToObject(j, "metadata");
	cJSON_DeleteItemFromObjectCaseSensitive(j, "status");
	st = cJSON_AddObjectToObject(j, "status");
	cJSON_AddBoolToObject(st, "allowed", ok);
	if (ok)
		cJSON_AddStringToObject(st, "reason", scs_streq(user,
		    "csp-admin") ? "RBAC: allowed by ClusterRoleBinding "
		    "\"cluster-admin\"" : "RBAC: allowed by RoleBinding");
	out = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	return (out);
}

static void
add_list(cJSON *o, const char *key, const char *list)
{
	cJSON		*a = cJSON_AddArrayToObject(o, key);
	const char	*p = list, *c;
	char		*w;

	for (;;) {
		c = strchr(p, ',');
		w = scs_xstrndup(p, c != NULL ? (size_t)(c - p) : strlen(p));
		cJSON_AddItemToArray(a, cJSON_CreateString(w));
		free(w);
		if (c == NULL)
			break;
		p = c + 1;
	}
}

char *
sim_rules_review(const char *user, const char *body, size_t len, char **cause)
{
	cJSON			*j, *st, *rr, *r, *nr;
	const char		*ns;
	char			*out;
	size_t			 i;
	const struct rule	*ru;
	int			 applies;

	if ((j = review_request(body, len, 1, cause)) == NULL)
		return (NULL);
	ns = jstr(cJSON_GetObjectItemCaseSensitive(j, "spec"), "namespace");
	cJSON_DeleteItemFromObjectCaseSensitive(j, "apiVersion");
	cJSON_DeleteItemFromObjectCaseSensitive(j, "kind");
	cJSON_AddStringToObject(j, "apiVersion", "authorization.k8s.io/v1");
	cJSON_AddStringToObject(j, "kind", "SelfSubjectRulesReview");
	if (cJSON_GetObjectItemCaseSensitive(j, "metadata") == NULL)
		cJSON_AddObjectToObject(j, "metadata");
	st = cJSON_AddObjectToObject(j, "status");
	rr = cJSON_AddArrayToObject(st, "resourceRules");
	for (i = 0; i < NRULES; i++) {
		ru = &rules[i];
		if (!rule_user(ru, user))
			continue;
		switch (ru->scope) {
		case EVERYWHERE:
			applies = 1;
			break;
		case OWN_NS:
			applies = strcmp(ns, user) == 0;
			break;
		case SYSTEM_NS:
			applies = scs_strsuffix(ns, "-system");
			break;
		case TENANT_NS:
			applies = tenant_ns(ns);
			break;
		default:
			applies = 1;
			break;
		}
		if (!applies)
			continue;
		r = cJSON_CreateObject();
		add_list(r, "verbs", ru->verbs);
		add_list(r, "apiGroups", ru->groups);
		add_list(r, "resources", ru->resources);
		if (ru->scope == OWN_NAMESPACE_OBJ)
			add_list(r, "resourceNames", user);
		cJSON_AddItemToArray(rr, r);
	}
	nr = cJSON_AddArrayToObject(st, "nonResourceRules");
	r = cJSON_CreateObject();
	add_list(r, "verbs", "get");
	add_list(r, "nonResourceURLs", "/api,/api/*,/apis,/apis/*,/version,"
	    "/openapi,/openapi/*");
	cJSON_AddItemToArray(nr, r);
	cJSON_AddBoolToObject(st, "incomplete", 0);
	out = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	return (out);
}

char *
sim_self_review(const char *user)
{
	cJSON	*j = cJSON_CreateObject(), *ui, *g;
	char	*out;

	cJSON_AddStringToObject(j, "apiVersion", "authentication.k8s.io/v1");
	cJSON_AddStringToObject(j, "kind", "SelfSubjectReview");
	cJSON_AddObjectToObject(j, "metadata");
	ui = cJSON_AddObjectToObject(cJSON_AddObjectToObject(j, "status"),
	    "userInfo");
	cJSON_AddStringToObject(ui, "username", user);
	g = cJSON_AddArrayToObject(ui, "groups");
	cJSON_AddItemToArray(g, cJSON_CreateString(sim_user_group(user)));
	cJSON_AddItemToArray(g, cJSON_CreateString("system:authenticated"));
	out = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	return (out);
}
