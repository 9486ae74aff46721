/*
 * discovery.c: the discovery cache: groups with preferred versions and
 * the resources of each group-version, looked up by the names users type.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scs/api.h"
#include "scs/util.h"

#include "core.h"

struct disc_group {
	char	*name;
	char	*preferred;
};

struct scs_discovery {
	struct disc_group	*groups;
	size_t			 ngroups;
	struct scs_resource	*res;
	size_t			 nres;
	char			**gv;		/* paths to fetch */
	size_t			 ngv;
	size_t			 missing;	/* of them, failed */
};

static const char	*jstr(const cJSON *, const char *);

struct scs_discovery *
core_discovery_new(void)
{
	return (scs_xcalloc(1, sizeof (struct scs_discovery)));
}


void
core_discovery_free(struct scs_discovery *d)
{
	size_t	 i;

	if (d == NULL)
		return;
	for (i = 0; i < d->ngroups; i++) {
		free(d->groups[i].name);
		free(d->groups[i].preferred);
	}
	for (i = 0; i < d->nres; i++) {
		free(d->res[i].group);
		free(d->res[i].version);
		free(d->res[i].name);
		free(d->res[i].singular);
		free(d->res[i].kind);
		scs_strv_free(d->res[i].short_names);
		scs_strv_free(d->res[i].categories);
	}
	for (i = 0; i < d->ngv; i++)
		free(d->gv[i]);
	free(d->gv);
	free(d->groups);
	free(d->res);
	free(d);
}

static struct disc_group *
group_find(const struct scs_discovery *d, const char *name)
{
	size_t	 i;

	for (i = 0; i < d->ngroups; i++)
		if (strcmp(d->groups[i].name, name) == 0)
			return (&d->groups[i]);
	return (NULL);
}

static void
group_set(struct scs_discovery *d, const char *name, const char *pref)
{
	struct disc_group	*g;

	if ((g = group_find(d, name)) == NULL) {
		d->groups = scs_xreallocarray(d->groups, d->ngroups + 1,
		    sizeof *d->groups);
		g = &d->groups[d->ngroups++];
		g->name = scs_xstrdup(name);
		g->preferred = NULL;
	}
	free(g->preferred);
	g->preferred = pref != NULL ? scs_xstrdup(pref) : NULL;
}

static void
gv_add(struct scs_discovery *d, const char *group, const char *version)
{
	char	*p;
	size_t	 i;

	if (*group == '\0')
		p = scs_xprintf("/api/%s", version);
	else
		p = scs_xprintf("/apis/%s/%s", group, version);
	for (i = 0; i < d->ngv; i++) {
		if (strcmp(d->gv[i], p) == 0) {
			free(p);
			return;
		}
	}
	d->gv = scs_xreallocarray(d->gv, d->ngv + 1, sizeof *d->gv);
	d->gv[d->ngv++] = p;
}

size_t
core_discovery_ngv(const struct scs_discovery *d)
{
	return (d->ngv);
}

const char *
core_discovery_gv_path(const struct scs_discovery *d, size_t i)
{
	return (i < d->ngv ? d->gv[i] : NULL);
}

enum scs_status
core_discovery_add_core(struct scs_discovery *d, const cJSON *j)
{
	if (!scs_streq(jstr(j, "kind"), "APIVersions"))
		return (SCS_DECODE);
	return (core_discovery_add_groups(d, j));
}

enum scs_status
core_discovery_add_groups(struct scs_discovery *d, const cJSON *j)
{
	const cJSON	*kind, *groups, *g, *name, *pv, *v, *versions;

	kind = cJSON_GetObjectItemCaseSensitive(j, "kind");
	if (!cJSON_IsString(kind))
		return (SCS_DECODE);
	if (strcmp(kind->valuestring, "APIVersions") == 0) {
		versions = cJSON_GetObjectItemCaseSensitive(j, "versions");
		v = cJSON_IsArray(versions) ? cJSON_GetArrayItem(versions, 0) :
		    NULL;
		if (!cJSON_IsString(v))
			return (SCS_DECODE);
		group_set(d, "", v->valuestring);
		cJSON_ArrayForEach(v, versions)
			if (cJSON_IsString(v))
				gv_add(d, "", v->valuestring);
		return (SCS_OK);
	}
	if (strcmp(kind->valuestring, "APIGroupList") != 0)
		return (SCS_DECODE);
	groups = cJSON_GetObjectItemCaseSensitive(j, "groups");
	if (!cJSON_IsArray(groups))
		return (SCS_DECODE);
	cJSON_ArrayForEach(g, groups) {
		name = cJSON_GetObjectItemCaseSensitive(g, "name");
		pv = cJSON_GetObjectItemCaseSensitive(g, "preferredVersion");
		v = cJSON_GetObjectItemCaseSensitive(pv, "version");
		if (!cJSON_IsString(name))
			continue;
		group_set(d, name->valuestring,
		    cJSON_IsString(v) ? v->valuestring : NULL);
		cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(g,
		    "versions")) {
			const char	*ver = jstr(v, "version");

			if (ver != NULL)
				gv_add(d, name->valuestring, ver);
		}
	}
	return (SCS_OK);
}

static char **
strv_from(const cJSON *a)
{
	const cJSON	*s;
	char		**v;
	size_t		 n = 0;

	/* Only an array: an object's members would be walked as well. */
	if (!cJSON_IsArray(a))
		return (scs_xcalloc(1, sizeof *v));
	v = scs_xcalloc((size_t)cJSON_GetArraySize(a) + 1, sizeof *v);
	cJSON_ArrayForEach(s, a)
		if (cJSON_IsString(s))
			v[n++] = scs_xstrdup(s->valuestring);
	return (v);
}

static unsigned
verbs_from(const cJSON *a)
{
	static const struct {
		const char	*name;
		unsigned	 bit;
	} map[] = {
		{ "get", SCS_VERB_GET }, { "list", SCS_VERB_LIST },
		{ "watch", SCS_VERB_WATCH }, { "create", SCS_VERB_CREATE },
		{ "update", SCS_VERB_UPDATE }, { "patch", SCS_VERB_PATCH },
		{ "delete", SCS_VERB_DELETE },
		{ "deletecollection", SCS_VERB_DELETECOLLECTION },
	};
	const cJSON	*s;
	unsigned	 bits = 0;
	size_t		 i;

	cJSON_ArrayForEach(s, a) {
		if (!cJSON_IsString(s))
			continue;
		for (i = 0; i < sizeof map / sizeof map[0]; i++)
			if (strcmp(s->valuestring, map[i].name) == 0)
				bits |= map[i].bit;
	}
	return (bits);
}

static const char *
jstr(const cJSON *o, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	return (cJSON_IsString(v) ? v->valuestring : NULL);
}

enum scs_status
core_discovery_add_resources(struct scs_discovery *d, const cJSON *j)
{
	const cJSON		*list, *r;
	const char		*gv, *slash, *name, *kind, *sing;
	struct scs_resource	*x;
	struct disc_group	*g;
	char			*group, *version;

	if (!scs_streq(jstr(j, "kind"), "APIResourceList") ||
	    (gv = jstr(j, "groupVersion")) == NULL)
		return (SCS_DECODE);
	list = cJSON_GetObjectItemCaseSensitive(j, "resources");
	if (!cJSON_IsArray(list))
		return (SCS_DECODE);
	if ((slash = strchr(gv, '/')) != NULL) {
		group = scs_xstrndup(gv, (size_t)(slash - gv));
		version = scs_xstrdup(slash + 1);
	} else {
		group = scs_xstrdup("");
		version = scs_xstrdup(gv);
	}
	g = group_find(d, group);
	cJSON_ArrayForEach(r, list) {
		name = jstr(r, "name");
		kind = jstr(r, "kind");
		if (name == NULL || kind == NULL || strchr(name, '/') != NULL)
			continue;
		d->res = scs_xreallocarray(d->res, d->nres + 1, sizeof *d->res);
		x = &d->res[d->nres++];
		memset(x, 0, sizeof *x);
		x->group = scs_xstrdup(group);
		x->version = scs_xstrdup(version);
		x->name = scs_xstrdup(name);
		sing = jstr(r, "singularName");
		x->singular = scs_xstrdup(sing != NULL && *sing != '\0' ?
		    sing : "");
		if (*x->singular == '\0') {
			size_t	 i;

			free(x->singular);
			x->singular = scs_xstrdup(kind);
			for (i = 0; x->singular[i] != '\0'; i++)
				if (x->singular[i] >= 'A' &&
				    x->singular[i] <= 'Z')
					x->singular[i] += 'a' - 'A';
		}
		x->kind = scs_xstrdup(kind);
		x->namespaced = cJSON_IsTrue(
		    cJSON_GetObjectItemCaseSensitive(r, "namespaced"));
		x->verbs = verbs_from(cJSON_GetObjectItemCaseSensitive(r,
		    "verbs"));
		x->short_names = strv_from(cJSON_GetObjectItemCaseSensitive(r,
		    "shortNames"));
		x->categories = strv_from(cJSON_GetObjectItemCaseSensitive(r,
		    "categories"));
		x->preferred = g == NULL || g->preferred == NULL ||
		    strcmp(g->preferred, version) == 0;
	}
	free(group);
	free(version);
	return (SCS_OK);
}

static int
matches(const struct scs_resource *r, const char *q)
{
	size_t	 i, nl = strlen(r->name), gl = strlen(r->group),
		 vl = strlen(r->version), ql = strlen(q);

	if (strcasecmp(q, r->name) == 0 || strcasecmp(q, r->singular) == 0 ||
	    strcasecmp(q, r->kind) == 0)
		return (1);
	for (i = 0; r->short_names[i] != NULL; i++)
		if (strcasecmp(q, r->short_names[i]) == 0)
			return (1);
	if (gl == 0)
		return (0);
	/* plural.group */
	if (ql == nl + 1 + gl && strncasecmp(q, r->name, nl) == 0 &&
	    q[nl] == '.' && strcasecmp(q + nl + 1, r->group) == 0)
		return (1);
	/* plural.version.group */
	if (ql == nl + 1 + vl + 1 + gl && strncasecmp(q, r->name, nl) == 0 &&
	    q[nl] == '.' && strncasecmp(q + nl + 1, r->version, vl) == 0 &&
	    q[nl + 1 + vl] == '.' &&
	    strcasecmp(q + nl + 2 + vl, r->group) == 0)
		return (2);
	return (0);
}

const struct scs_resource *
scs_discovery_find(const struct scs_discovery *d, const char *q)
{
	const struct scs_resource	*best = NULL;
	size_t				 i;
	int				 m;

	if (d == NULL || q == NULL || *q == '\0')
		return (NULL);
	for (i = 0; i < d->nres; i++) {
		if ((m = matches(&d->res[i], q)) == 0)
			continue;
		if (m == 2)	/* an explicit version wins outright */
			return (&d->res[i]);
		if (best == NULL || (!best->preferred && d->res[i].preferred))
			best = &d->res[i];
	}
	return (best);
}

const struct scs_resource *
scs_discovery_get(const struct scs_discovery *d, const char *group,
    const char *version, const char *plural)
{
	size_t	 i;

	for (i = 0; d != NULL && i < d->nres; i++)
		if (strcmp(d->res[i].group, group != NULL ? group : "") == 0 &&
		    strcmp(d->res[i].version, version) == 0 &&
		    strcmp(d->res[i].name, plural) == 0)
			return (&d->res[i]);
	return (NULL);
}

const struct scs_resource *
scs_discovery_kind(const struct scs_discovery *d, const char *group,
    const char *kind)
{
	const struct scs_resource	*best = NULL;
	size_t				 i;

	for (i = 0; d != NULL && kind != NULL && i < d->nres; i++) {
		if (strcmp(d->res[i].kind, kind) != 0 || strchr(d->res[i].name,
		    '/') != NULL || (group != NULL && strcmp(d->res[i].group,
		    group) != 0))
			continue;
		if (best == NULL || (!best->preferred && d->res[i].preferred))
			best = &d->res[i];
	}
	return (best);
}

void
core_discovery_missing(struct scs_discovery *d)
{
	d->missing++;
}

size_t
scs_discovery_missing(const struct scs_discovery *d)
{
	return (d != NULL ? d->missing : 0);
}

size_t
scs_discovery_count(const struct scs_discovery *d)
{
	return (d != NULL ? d->nres : 0);
}

const struct scs_resource *
scs_discovery_at(const struct scs_discovery *d, size_t i)
{
	return (d != NULL && i < d->nres ? &d->res[i] : NULL);
}

const char *
scs_discovery_preferred(const struct scs_discovery *d, const char *group)
{
	struct disc_group	*g;

	if (d == NULL || (g = group_find(d, group != NULL ? group : "")) ==
	    NULL)
		return (NULL);
	return (g->preferred);
}

/* Rank of a resource's group-version: the core group first, then the
 * order of /apis (the server's priority), whatever order the answers came
 * in. */
static size_t
gv_rank(const struct scs_discovery *d, const struct scs_resource *r)
{
	char	 path[512];
	size_t	 i;

	if (*r->group == '\0')
		return (0);
	snprintf(path, sizeof path, "/apis/%s/%s", r->group, r->version);
	for (i = 0; i < d->ngv; i++)
		if (strcmp(d->gv[i], path) == 0)
			return (i + 1);
	return (d->ngv + 1);
}

struct ranked {
	size_t			 rank, pos;
	struct scs_resource	 res;
};

static int
ranked_cmp(const void *a, const void *b)
{
	const struct ranked	*x = a, *y = b;

	if (x->rank != y->rank)
		return (x->rank < y->rank ? -1 : 1);
	return (x->pos < y->pos ? -1 : x->pos > y->pos);
}

void
core_discovery_sort(struct scs_discovery *d)
{
	struct ranked	*v;
	size_t		 i;

	if (d->nres < 2)
		return;
	v = scs_xcalloc(d->nres, sizeof *v);
	for (i = 0; i < d->nres; i++) {
		v[i].rank = gv_rank(d, &d->res[i]);
		v[i].pos = i;
		v[i].res = d->res[i];
	}
	qsort(v, d->nres, sizeof *v, ranked_cmp);
	for (i = 0; i < d->nres; i++)
		d->res[i] = v[i].res;
	free(v);
}
