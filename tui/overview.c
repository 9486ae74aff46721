/*
 * overview.c: the persona home views (DESIGN.md section 3), each answering
 * its persona's first question at a glance:
 *
 *   tenant: are my clusters fine?  Health counts, what needs attention
 *           (failed, degraded, upgrades the cluster-stacks rules allow),
 *           every cluster with control plane and workers ready/desired.
 *   kaas:   what in the fleet needs me?  Counts by health and
 *           availability, failing clusters with reason and since when,
 *           per namespace, per Kubernetes version against the version
 *           policy (end of life, behind the latest patch), per class;
 *           pictures for a glance: a health bar for the fleet, each
 *           context, namespace, version and class (each health in its
 *           colour and glyph, so mono reads too), and sparklines of the
 *           failing and degraded counts over the last hour (app->trend).
 *   iaas:   are all tenants set up?  Each tenant namespace with its cloud
 *           credentials (present or missing, keys, age; never values),
 *           ProviderConfigs, RoleBindings, clusters and Central API
 *           claims; then the claims with Synced/Ready (Enter: the
 *           claim's trace, trace.c).
 *
 * The views ask only what the persona may ask (a tenant lists in its own
 * namespace) and say what is hidden. Lines link to what Enter opens.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "chart.h"
#include "tui.h"

/* A line that opens the table of resource res. */
#define VIEW_LINK(res)	(&(struct link){ LINK_VIEW, NULL, NULL, (res), NULL })

#define OV_STORES	12

struct overview_store {
	const char		*what;	/* "clusterclasses" */
	struct scs_store	*store;
};

struct overview {
	struct lview		 lv;	/* its stores are the app's (pooled) */
	enum scs_persona	 persona;
	struct overview_store		 st[OV_STORES];
	size_t			 nst;
	uint64_t		 seen_gen;	/* of the clusters it was built on */
	int64_t			 built_ms;
	int			 placed;	/* the cursor found its start */
	int			 built_cols;	/* the width its bars fit */
	uint64_t		 built_samples;	/* app->trend's, drawn */
	int			 opened;	/* overview_open done */
	char			 search[256];	/* the / search */
};

static void
overview_watch(struct overview *o, const char *group, const char *plural,
    const char *ns)
{
	const struct scs_resource	*res;
	struct scs_store		*s;

	if (o->nst == OV_STORES ||
	    (res = app_resource(o->lv.app, group, plural)) == NULL)
		return;
	s = lview_watch(&o->lv, app_store_get(o->lv.app, res, ns), 1);
	o->st[o->nst].what = scs_store_resource(s)->name;
	o->st[o->nst].store = s;
	o->nst++;
}

static struct scs_store *
overview_store(struct overview *o, const char *what)
{
	size_t	 i;

	for (i = 0; i < o->nst; i++) {
		if (strcmp(o->st[i].what, what) == 0)
			return (o->st[i].store);
	}
	return (NULL);
}

static const struct scs_index *
overview_index(struct overview *o, const char *what)
{
	struct scs_store	*s = overview_store(o, what);

	return (s != NULL ? scs_store_index(s) : NULL);
}

static const char *
col(const struct scs_record *r, int i)
{
	return (i < r->ncols && r->cols[i] != NULL ? r->cols[i] : "");
}

/* Healths in the order counts and bars show them. */
static const enum scs_health order[] = { SCS_HEALTH_OK,
    SCS_HEALTH_PROGRESSING, SCS_HEALTH_WARNING, SCS_HEALTH_ERROR,
    SCS_HEALTH_DELETING, SCS_HEALTH_UNKNOWN };
#define NORDER	(sizeof order / sizeof order[0])

/* "● 7 ok  ◐ 2 progressing  ..." for counts by health. */
static void
health_counts(const int *n, char *buf, size_t len)
{
	size_t	 i, used = 0;
	int	 w;

	buf[0] = '\0';
	for (i = 0; i < NORDER; i++) {
		if (n[order[i]] == 0 && order[i] != SCS_HEALTH_OK &&
		    order[i] != SCS_HEALTH_ERROR)
			continue;
		w = snprintf(buf + used, len - used, "%s%s %d %s",
		    used != 0 ? "  " : "", screen_health_glyph(order[i]),
		    n[order[i]], scs_health_word(order[i]));
		if (w < 0 || (size_t)w >= len - used)
			break;
		used += (size_t)w;
	}
}

/* The width of the health bars of the tables: what the screen spares. */
static int
bar_width(void)
{
	return (COLS >= 160 ? 30 : COLS >= 120 ? 20 : COLS >= 100 ? 12 : 8);
}

/* A health bar width cells wide for counts n[health] at the end of line
 * x: each health's share of the cells, its glyph then blocks, in its
 * colour; blank when nothing is counted. */
static void
bar_append(struct list_line *x, const int *n, int width)
{
	int	 count[NORDER], cells[NORDER], used = 0;
	char	 buf[512];
	size_t	 i;

	for (i = 0; i < NORDER; i++)
		count[i] = n[order[i]];
	chart_split(count, NORDER, width, cells);
	for (i = 0; i < NORDER; i++) {
		if (cells[i] == 0)
			continue;
		chart_fill(screen_health_glyph(order[i]), cells[i], buf,
		    sizeof buf);
		list_append(x, screen_health_role(order[i]), "%s", buf);
		used += cells[i];
	}
	if (used < width)
		list_append(x, ROLE_MAX, "%*s", width - used, "");
}

/* The failing and degraded counts of the last hour as sparklines. */
static void
trend_lines(struct overview *o)
{
	static const enum scs_health	 h[CHART_SERIES] = {
	    SCS_HEALTH_ERROR, SCS_HEALTH_WARNING };
	static const char *const	 what[CHART_SERIES] = {
	    "failing", "degraded" };
	const struct chart_trend	*t = &o->lv.app->trend;
	struct list_line		*x;
	int				 v[CHART_MINUTES], top, room;
	char				 spark[CHART_MINUTES * 4], age[32];
	size_t				 s, n, per;
	int64_t				 now = scs_wall_s();

	/* "  ✖ failing    1 now   2 most  " then the marks. */
	room = COLS - 31;
	per = room >= CHART_MINUTES ? 1 : room >= CHART_MINUTES / 2 ? 2 :
	    room >= CHART_MINUTES / 3 ? 3 : 6;
	if (t->first < 0) {
		list_add(&o->lv.list, ROLE_MUTED, NULL, "Failing and degraded, "
		    "last hour: waiting for the first count");
		return;
	}
	draw_age(now - t->first * 60, age, sizeof age);
	list_add(&o->lv.list, ROLE_TITLE, NULL, "Failing and degraded, last "
	    "hour (a mark per %zu min; counting for %s)", per, age);
	for (s = 0; s < CHART_SERIES; s++) {
		top = chart_trend_series(t, s, now, v);
		n = chart_squeeze(v, CHART_MINUTES, per);
		chart_spark(v, n, top, spark, sizeof spark);
		x = list_add(&o->lv.list, t->last[s] > 0 ?
		    screen_health_role(h[s]) : ROLE_NORMAL, NULL,
		    "  %s %-8s %3d now %3d most  ", screen_health_glyph(h[s]),
		    what[s], t->last[s], top);
		list_append(x, screen_health_role(h[s]), "%s", spark);
	}
}

static void
since_text(const struct scs_record *r, char *buf, size_t len)
{
	int64_t	 t = r->since > 0 ? r->since : r->created;

	if (t <= 0)
		scs_strlcpy(buf, "-", len);
	else
		draw_age(scs_wall_s() - t, buf, len);
}

/* One cluster as a line: glyph name \t status cp workers version ... */
static void
cluster_line(struct overview *o, const struct scs_record *r, int with_ns)
{
	struct link	 link = { LINK_CLUSTER, NULL, r->ns, r->name, NULL };
	char		 age[32];

	draw_age(r->created > 0 ? scs_wall_s() - r->created : 0, age,
	    sizeof age);
	list_add(&o->lv.list, screen_health_role(r->health), &link,
	    "  %s %s%s%s\t%-14s %-5s %-5s %-9s %-5s %s",
	    screen_health_glyph(r->health), with_ns ? r->ns : "",
	    with_ns ? "/" : "", r->name, r->status != NULL ? r->status : "",
	    col(r, SCS_CLUSTER_CP), col(r, SCS_CLUSTER_WORKERS),
	    col(r, SCS_CLUSTER_VERSION), r->created > 0 ? age : "-",
	    col(r, SCS_CLUSTER_CLASS));
}

/* A cluster needing attention; tag: its context when there are several
 * (then Enter opens it through that context). */
static void
attention_line(struct overview *o, const struct scs_record *r, int with_ns,
    const char *tag)
{
	struct link	 link = { LINK_CLUSTER, tag, r->ns, r->name, NULL };
	char		 since[32];

	since_text(r, since, sizeof since);
	list_add(&o->lv.list, screen_health_role(r->health), &link,
	    "  %s %s%s%s%s%s\t%-11s %-5s %s", screen_health_glyph(r->health),
	    tag != NULL ? tag : "", tag != NULL ? ":" : "",
	    with_ns ? r->ns : "", with_ns ? "/" : "", r->name,
	    scs_fleet_why(r, scs_wall_s()), since,
	    r->message != NULL ? r->message : col(r, SCS_CLUSTER_VERSION));
}

/* The end-of-life date of version v ("v1.33.5"), or NULL. */
static const char *
eol_date(const char *v)
{
	const struct scs_eol	*eol;
	size_t			 k, n;
	int			 ma = 0, mi = 0;

	if (*v == 'v')
		v++;
	if (sscanf(v, "%d.%d", &ma, &mi) != 2)
		return (NULL);
	eol = scs_eol_table(&n);
	for (k = 0; k < n; k++) {
		if (eol[k].major == ma && eol[k].minor == mi)
			return (eol[k].end_of_life);
	}
	return (NULL);
}

/* The attention list: failed, degraded and stuck clusters one by one,
 * versions past end of life one line per version. Returns lines. */
static size_t
attention_lines(struct overview *o, const struct scs_fleet *f, int with_ns,
    int tagged)
{
	const struct scs_fleet_group	*g;
	size_t				 i, n = 0;
	int64_t				 now = scs_wall_s();
	for (i = 0; i < f->nattention; i++) {
		if (strcmp(scs_fleet_why(f->attention[i], now),
		    "end of life") == 0)
			continue;
		attention_line(o, f->attention[i], with_ns, tagged ?
		    f->attention_tag[i] : NULL);
		n++;
	}
	for (i = 0; i < f->nversion; i++) {
		g = &f->by_version[i];
		if (scs_version_state(g->key, now) != SCS_VERSION_EOL)
			continue;
		list_add(&o->lv.list, ROLE_WARN, &(struct link){ LINK_FILTER,
		    NULL, NULL, g->key, NULL }, "  %s %s	end of life "
		    "since %s: %d cluster%s", screen_health_glyph(
		    SCS_HEALTH_WARNING), g->key, eol_date(g->key) != NULL ?
		    eol_date(g->key) : "?", g->total, g->total == 1 ? "" : "s");
		n++;
	}
	return (n);
}

/* The newest class the cluster-stacks rules allow from class, or NULL. */
static const char *
upgrade_target(const struct scs_index *classes, const char *ns,
    const char *from)
{
	const struct scs_record	*r;
	const char		*best = NULL, *why;
	struct scs_class_name	 a, b;
	size_t			 i;

	for (i = 0; classes != NULL && i < scs_index_count(classes); i++) {
		r = scs_index_at(classes, i);
		if (strcmp(r->ns, ns) != 0 ||
		    !scs_upgrade_allowed(from, r->name, &why))
			continue;
		if (best == NULL || (scs_class_name_parse(best, &a) == 0 &&
		    scs_class_name_parse(r->name, &b) == 0 &&
		    (b.minor > a.minor || (b.minor == a.minor &&
		    scs_stack_version_cmp(b.version, a.version) > 0))))
			best = r->name;
	}
	return (best);
}

static void
tenant_lines(struct overview *o)
{
	struct app		*a = o->lv.app;
	const struct scs_index	*x = scs_store_index(a->clusters);
	const struct scs_index	*classes = overview_index(o, "clusterclasses");
	const struct scs_index	*secrets = overview_index(o, "secrets");
	struct scs_fleet	 f;
	const struct scs_record	*r;
	const char		*to;
	char			 counts[256];
	size_t			 i, n = 0, ups = 0;

	scs_fleet_build(&f, x, a->ns, NULL, scs_wall_s());
	health_counts(f.n, counts, sizeof counts);
	list_add(&o->lv.list, ROLE_TITLE, NULL, "My clusters in %s: %d",
	    a->ns != NULL ? a->ns : "all namespaces", f.total);
	list_add(&o->lv.list, ROLE_NORMAL, NULL, "  %s", counts);
	list_add(&o->lv.list, ROLE_NORMAL, NULL, "%s", "");
	list_add(&o->lv.list, ROLE_TITLE, NULL, "Needs attention");
	n = attention_lines(o, &f, a->ns == NULL, 0);
	for (i = 0; classes != NULL && i < scs_index_count(x); i++) {
		r = scs_index_at(x, i);
		if (a->ns != NULL && strcmp(r->ns, a->ns) != 0)
			continue;
		if ((to = upgrade_target(classes, r->ns,
		    col(r, SCS_CLUSTER_CLASS))) == NULL)
			continue;
		list_add(&o->lv.list, ROLE_PROGRESS, &(struct link){
		    LINK_CLUSTER, NULL, r->ns, r->name, NULL },
		    "  \u2191 %s%s%s\tupgrade      to %s", a->ns == NULL ?
		    r->ns : "", a->ns == NULL ? "/" : "", r->name, to);
		n++;
		ups++;
	}
	if (n == 0)
		list_add(&o->lv.list, ROLE_OK, NULL,
		    "  %s nothing: all clusters "
		    "are fine%s", screen_health_glyph(SCS_HEALTH_OK),
		    classes == NULL ? "" : " and up to date");
	list_add(&o->lv.list, ROLE_NORMAL, NULL, "%s", "");
	list_add(&o->lv.list, ROLE_HEAD, VIEW_LINK("clusters"),
	    "  CLUSTER\tSTATUS         CP    WORK  VERSION   AGE   CLASS");
	for (i = 0; i < scs_index_count(x); i++) {
		r = scs_index_at(x, i);
		if (a->ns == NULL || strcmp(r->ns, a->ns) == 0)
			cluster_line(o, r, a->ns == NULL);
	}
	list_add(&o->lv.list, ROLE_NORMAL, NULL, "%s", "");
	list_add(&o->lv.list, ROLE_KEY, VIEW_LINK("clusterclasses"),
	    "  \u2192 ClusterClasses available: %zu", classes != NULL ?
	    scs_index_count(classes) : (size_t)0);
	list_add(&o->lv.list, ROLE_KEY, VIEW_LINK("secrets"),
	    "  \u2192 Secrets: %zu (values masked)", secrets != NULL ?
	    scs_index_count(secrets) : (size_t)0);
	if (a->persona == SCS_PERSONA_TENANT && a->ns != NULL)
		list_add(&o->lv.list, ROLE_MUTED, NULL,
		    "  Only namespace %s is "
		    "shown: you may not list clusters across namespaces.",
		    a->ns);
	scs_fleet_free(&f);
}

/* Kubernetes versions the ClusterStackReleases offer. */
static const char **
known_versions(struct overview *o)
{
	const struct scs_index	*x = overview_index(o, "clusterstackreleases");
	const char		**v;
	size_t			 i, n;

	n = x != NULL ? scs_index_count(x) : 0;
	v = scs_xcalloc(n + 1, sizeof *v);
	for (i = 0; i < n; i++)
		v[i] = col(scs_index_at(x, i), 0);
	return (v);
}

/* A table's heading: what its lines count, a health bar's room, the
 * counts and what follows them. */
static void
group_head(struct overview *o, const char *what, const char *more)
{
	list_add(&o->lv.list, ROLE_HEAD, NULL, "  %s\t%-*s TOTAL    OK  PROG  "
	    "DEGR  FAIL   DEL%s", what, bar_width(), "HEALTH", more);
}

/* A line of counts by health after the bar; role: the line's. */
static struct list_line *
counts_line(struct overview *o, enum role role, const struct link *link,
    const char *key, const int *n, int total, const char *extra)
{
	struct list_line	*x;

	x = list_add(&o->lv.list, role, link, "  %s\t", key);
	bar_append(x, n, bar_width());
	list_append(x, ROLE_MAX, " %5d %5d %5d %5d %5d %5d%s%s", total,
	    n[SCS_HEALTH_OK], n[SCS_HEALTH_PROGRESSING], n[SCS_HEALTH_WARNING],
	    n[SCS_HEALTH_ERROR], n[SCS_HEALTH_DELETING],
	    extra != NULL ? "  " : "", extra != NULL ? extra : "");
	return (x);
}

static void
group_line(struct overview *o, const struct scs_fleet_group *g,
    enum link_kind kind, const char *extra)
{
	struct link	 link = { kind, NULL, NULL, g->key, NULL };

	counts_line(o, g->n[SCS_HEALTH_ERROR] != 0 ? ROLE_ERROR :
	    g->n[SCS_HEALTH_WARNING] != 0 ? ROLE_WARN : ROLE_NORMAL, &link,
	    g->key, g->n, g->total, extra);
}

static void
kaas_lines(struct overview *o)
{
	struct app		*a = o->lv.app;
	const struct scs_index	*x = scs_store_index(a->clusters);
	struct scs_fleet	 f;
	const struct scs_fleet_group *g;
	const char		**known = known_versions(o);
	char			 counts[256], policy[128], ctxs[64];
	size_t			 i, nsrc;
	int64_t			 now = scs_wall_s();
	struct scs_store	*stores[FLEET_MAX + 1];
	const char		*names[FLEET_MAX + 1], *states[FLEET_MAX + 1];
	const struct scs_index	*xs[FLEET_MAX + 1];
	const char		*msg = "";
	enum scs_version_state	 vs;
	static const char *const go[] = { "clusterstacks",
	    "clusterstackreleases", "clusterclasses", "clusteraddons",
	    "machinedeployments", "machines", NULL };

	nsrc = fleet_sources(a, stores, names, NULL, states, FLEET_MAX + 1);
	for (i = 0; i < nsrc; i++)
		xs[i] = stores[i] != NULL ? scs_store_index(stores[i]) : NULL;
	(void)x;
	scs_fleet_build_many(&f, xs, names, nsrc, NULL, known, now);
	health_counts(f.n, counts, sizeof counts);
	list_add(&o->lv.list, ROLE_TITLE, NULL, "Fleet: %d clusters in %zu "
	    "namespaces%s%s, %d available", f.total, f.nns,
	    nsrc > 1 ? " of " : "", nsrc > 1 ? (snprintf(ctxs, sizeof ctxs,
	    "%zu management clusters", nsrc), ctxs) : "", f.available);
	list_add(&o->lv.list, ROLE_NORMAL, NULL, "  %s", counts);
	bar_append(list_add(&o->lv.list, ROLE_NORMAL, NULL, "  "), f.n,
	    COLS - 4 < CHART_MINUTES ? COLS - 4 : CHART_MINUTES);
	if (nsrc > 1) {
		group_head(o, "CONTEXT", "  STATE");
		for (i = 0; i < nsrc; i++) {
			g = &f.by_tag[i];
			counts_line(o, stores[i] == NULL ? ROLE_ERROR :
			    g->n[SCS_HEALTH_ERROR] != 0 ? ROLE_ERROR :
			    g->n[SCS_HEALTH_WARNING] != 0 ? ROLE_WARN :
			    ROLE_NORMAL, VIEW_LINK("clusters"), g->key, g->n,
			    g->total, stores[i] != NULL ?
			    scs_store_state_name(scs_store_state(stores[i],
			    NULL)) : "down");
			/* A context that fails says why, on a line of its own. */
			if (stores[i] == NULL || (scs_store_state(stores[i],
			    &msg) != SCS_STORE_SYNCED && *msg != '\0'))
				list_add(&o->lv.list, ROLE_ERROR, NULL,
				    "    %s %s: %s", screen_health_glyph(
				    SCS_HEALTH_ERROR), g->key, stores[i] ==
				    NULL ? states[i] : msg);
			/* One that may see only its namespace says that. */
			else if (*scs_store_namespace(stores[i]) != '\0')
				list_add(&o->lv.list, ROLE_MUTED, NULL,
				    "    %s: "
				    "namespace %s only (may not list clusters "
				    "across namespaces)", g->key,
				    scs_store_namespace(stores[i]));
		}
	}
	if (f.eol != 0 || f.behind_patch != 0 || f.eol_soon != 0)
		list_add(&o->lv.list, ROLE_WARN, NULL, "Versions: %d end of "
		    "life, %d ending within 60 days, %d behind latest patch",
		    f.eol, f.eol_soon, f.behind_patch);
	list_add(&o->lv.list, ROLE_NORMAL, NULL, "%s", "");
	list_add(&o->lv.list, ROLE_TITLE, NULL, "Needs attention");
	if (attention_lines(o, &f, 1, nsrc > 1) == 0)
		list_add(&o->lv.list, ROLE_OK, NULL, "  %s nothing needs you",
		    screen_health_glyph(SCS_HEALTH_OK));
	list_add(&o->lv.list, ROLE_NORMAL, NULL, "%s", "");
	trend_lines(o);
	list_add(&o->lv.list, ROLE_NORMAL, NULL, "%s", "");
	group_head(o, "NAMESPACE", "");
	for (i = 0; i < f.nns; i++)
		group_line(o, &f.by_ns[i], LINK_NS, NULL);
	list_add(&o->lv.list, ROLE_NORMAL, NULL, "%s", "");
	group_head(o, "KUBERNETES", "  POLICY");
	for (i = 0; i < f.nversion; i++) {
		g = &f.by_version[i];
		vs = scs_version_state(g->key, now);
		policy[0] = '\0';
		if (eol_date(g->key) != NULL)
			snprintf(policy, sizeof policy, "%s %s",
			    vs == SCS_VERSION_EOL ? "EOL since" :
			    vs == SCS_VERSION_EOL_SOON ? "EOL soon:" :
			    "until", eol_date(g->key));
		if (policy[0] == '\0')
			scs_strlcpy(policy, "not in the policy table",
			    sizeof policy);
		if (g->latest[0] != '\0' && strcmp(g->latest, g->key) != 0) {
			size_t	 pl = strlen(policy);

			snprintf(policy + pl, sizeof policy - pl, "; behind %s",
			    g->latest);
		}
		group_line(o, g, LINK_FILTER, policy);
		if (vs == SCS_VERSION_EOL)
			o->lv.list.v[o->lv.list.n - 1].role = ROLE_ERROR;
	}
	list_add(&o->lv.list, ROLE_NORMAL, NULL, "%s", "");
	group_head(o, "CLUSTERCLASS", "");
	for (i = 0; i < f.nclass; i++)
		group_line(o, &f.by_class[i], LINK_FILTER, NULL);
	list_add(&o->lv.list, ROLE_NORMAL, NULL, "%s", "");
	for (i = 0; go[i] != NULL; i++) {
		if (app_resource(a, NULL, go[i]) == NULL)
			continue;
		list_add(&o->lv.list, ROLE_KEY, VIEW_LINK(go[i]), "  \u2192 %s",
		    go[i]);
	}
	free(known);
	scs_fleet_free(&f);
}

/* Count records of index x in namespace ns. */
static size_t
count_in(const struct scs_index *x, const char *ns)
{
	size_t	 i, n = 0, pos;

	if (x == NULL)
		return (0);
	/* Sorted by namespace: start at the first of ns. */
	scs_index_locate(x, ns, "", &pos);
	for (i = pos; i < scs_index_count(x); i++) {
		if (strcmp(scs_index_at(x, i)->ns, ns) != 0)
			break;
		n++;
	}
	return (n);
}

/* The ProviderConfig of tenant (named after it, or whose secret is named
 * after it) and whether its secret exists. */
static const struct scs_record *
provider_config(const struct scs_index *pcs, const struct scs_index *secrets,
    const char *tenant, int *secret_ok)
{
	const struct scs_record	*r;
	char			 ns[256], name[256];
	const char		*ref, *slash, *colon;
	size_t			 i;

	*secret_ok = 0;
	for (i = 0; pcs != NULL && i < scs_index_count(pcs); i++) {
		r = scs_index_at(pcs, i);
		ref = col(r, 0);
		if (strcmp(r->name, tenant) != 0 &&
		    strncmp(ref + (strchr(ref, '/') != NULL ?
		    (size_t)(strchr(ref, '/') - ref) + 1 : 0), tenant,
		    strlen(tenant)) != 0)
			continue;
		if ((slash = strchr(ref, '/')) != NULL) {
			snprintf(ns, sizeof ns, "%.*s", (int)(slash - ref), ref);
			colon = strchr(slash + 1, ':');
			snprintf(name, sizeof name, "%.*s", colon != NULL ?
			    (int)(colon - slash - 1) : (int)strlen(slash + 1),
			    slash + 1);
			*secret_ok = secrets != NULL &&
			    scs_index_find(secrets, ns, name) != NULL;
		}
		return (r);
	}
	return (NULL);
}

static void
iaas_lines(struct overview *o)
{
	struct app		*a = o->lv.app;
	const struct scs_index	*nss = overview_index(o, "namespaces");
	const struct scs_index	*secrets = overview_index(o, "secrets");
	const struct scs_index	*pcs = overview_index(o, "providerconfigs");
	const struct scs_index	*rbs = overview_index(o, "rolebindings");
	const struct scs_index	*cls = scs_store_index(a->clusters);
	const struct scs_record	*r, *s, *cred, *pc;
	size_t			 i, k, pos, claims, ntenants = 0, bad = 0;
	size_t			 others = 0;
	char			 age[32], link[300], credtext[128], pctext[128];
	struct link		 tenant;
	int			 secret_ok;

	for (i = 0; nss != NULL && i < scs_index_count(nss); i++) {
		if (scs_record_label(scs_index_at(nss, i),
		    "scs.community/tenant") == NULL)
			others++;
		else
			ntenants++;
	}
	list_add(&o->lv.list, ROLE_TITLE, NULL, "Tenants: %zu   (credentials: "
	    "names, keys and age only, never values)", ntenants);
	list_add(&o->lv.list, ROLE_HEAD, NULL,
	    "  TENANT\tCLOUD CREDENTIALS     "
	    "PROVIDERCONFIG         RB CLUSTERS CLAIMS");
	for (i = 0; nss != NULL && i < scs_index_count(nss); i++) {
		r = scs_index_at(nss, i);
		if (scs_record_label(r, "scs.community/tenant") == NULL)
			continue;
		cred = NULL;
		if (secrets != NULL) {
			scs_index_locate(secrets, r->name, "", &pos);
			for (k = pos; k < scs_index_count(secrets); k++) {
				s = scs_index_at(secrets, k);
				if (strcmp(s->ns, r->name) != 0)
					break;
				if (strcmp(col(s, SCS_SECRET_ROLE),
				    "cloud-credentials") == 0) {
					cred = s;
					break;
				}
			}
		}
		if (cred != NULL) {
			draw_age(scs_wall_s() - cred->created, age,
			    sizeof age);
			snprintf(credtext, sizeof credtext, "%s %s %s",
			    screen_health_glyph(SCS_HEALTH_OK), cred->name, age);
		} else
			snprintf(credtext, sizeof credtext, "%s missing",
			    screen_health_glyph(SCS_HEALTH_ERROR));
		draw_pad(credtext, sizeof credtext, 21);
		pc = provider_config(pcs, secrets, r->name, &secret_ok);
		if (pc == NULL)
			snprintf(pctext, sizeof pctext, "%s missing",
			    screen_health_glyph(SCS_HEALTH_ERROR));
		else
			snprintf(pctext, sizeof pctext, "%s %s%s",
			    screen_health_glyph(secret_ok ? SCS_HEALTH_OK :
			    SCS_HEALTH_WARNING), pc->name, secret_ok ? "" :
			    " (no secret)");
		draw_pad(pctext, sizeof pctext, 22);
		claims = 0;
		for (k = 0; k < o->nst; k++) {
			if (strcmp(scs_store_resource(o->st[k].store)->group,
			    "api.scs.community") == 0)
				claims += count_in(scs_store_index(
				    o->st[k].store), r->name);
		}
		if (cred == NULL || pc == NULL || !secret_ok)
			bad++;
		tenant = (struct link){ LINK_NS, NULL, NULL, r->name, NULL };
		list_add(&o->lv.list, cred == NULL || pc == NULL ? ROLE_ERROR :
		    !secret_ok ? ROLE_WARN : ROLE_NORMAL, &tenant,
		    "  %s\t%s %s %2zu %8zu %6zu", r->name, credtext,
		    pctext, count_in(rbs, r->name), count_in(cls, r->name),
		    claims);
	}
	if (bad != 0)
		list_add(&o->lv.list, ROLE_ERROR, NULL, "  %s %zu tenant%s not "
		    "set up: missing credentials or ProviderConfig",
		    screen_health_glyph(SCS_HEALTH_ERROR), bad,
		    bad == 1 ? "" : "s");
	else if (ntenants != 0)
		list_add(&o->lv.list, ROLE_OK, NULL,
		    "  %s every tenant is set up",
		    screen_health_glyph(SCS_HEALTH_OK));
	if (others != 0)
		list_add(&o->lv.list, ROLE_MUTED, VIEW_LINK("namespaces"),
		    "  %zu other "
		    "namespaces (no scs.community/tenant label)", others);
	list_add(&o->lv.list, ROLE_NORMAL, NULL, "%s", "");
	list_add(&o->lv.list, ROLE_TITLE, NULL, "Central API claims "
	    "(api.scs.community)");
	list_add(&o->lv.list, ROLE_HEAD, NULL, "  CLAIM\tSYNCED READY SINCE "
	    "MESSAGE");
	for (k = 0; k < o->nst; k++) {
		const struct scs_resource *res =
		    scs_store_resource(o->st[k].store);
		const struct scs_index	*x = scs_store_index(o->st[k].store);

		if (strcmp(res->group, "api.scs.community") != 0)
			continue;
		for (i = 0; i < scs_index_count(x); i++) {
			r = scs_index_at(x, i);
			since_text(r, age, sizeof age);
			snprintf(link, sizeof link, "%s.%s", res->name,
			    res->group);
			list_add(&o->lv.list, screen_health_role(r->health),
			    &(struct link){ LINK_TRACE, NULL, r->ns, r->name,
			    link },
			    "  %s %s %s/%s\t%-6s %-5s %-5s %s",
			    screen_health_glyph(r->health), res->kind, r->ns,
			    r->name, col(r, 1), col(r, 2), age,
			    r->message != NULL ? r->message : "");
		}
	}
	list_add(&o->lv.list, ROLE_NORMAL, NULL, "%s", "");
	list_add(&o->lv.list, ROLE_KEY,
	    VIEW_LINK("secrets"), "  \u2192 secrets "
	    "(values masked)");
	list_add(&o->lv.list, ROLE_KEY, VIEW_LINK("providerconfigs"),
	    "  \u2192 providerconfigs");
	list_add(&o->lv.list, ROLE_KEY, VIEW_LINK("clusters"),
	    "  \u2192 clusters");
}

static void
overview_rebuild(struct overview *o)
{
	const struct list_line	*l = list_current(&o->lv.list);
	struct link		 keep = { LINK_NONE, NULL, NULL, NULL, NULL };

	if (l != NULL)
		link_copy(&keep, &l->link);
	o->lv.stale = 0;
	list_clear(&o->lv.list);
	if (o->lv.app->clusters == NULL) {
		list_add(&o->lv.list, ROLE_MUTED, NULL, "loading\u2026");
		link_clear(&keep);
		return;
	}
	switch (o->persona) {
	case SCS_PERSONA_TENANT:
		tenant_lines(o);
		break;
	case SCS_PERSONA_KAAS:
		kaas_lines(o);
		break;
	case SCS_PERSONA_IAAS:
		iaas_lines(o);
		break;
	}
	if (o->placed)
		list_keep(&o->lv.list, &keep);
	else if (scs_store_state(o->lv.app->clusters, NULL) ==
	    SCS_STORE_SYNCED) {
		/* Once loaded, the cursor starts on the first line that opens
		 * something (what needs attention first). */
		size_t	 i;

		for (i = 0; i < o->lv.list.n; i++) {
			if (o->lv.list.v[i].link.kind != LINK_NONE) {
				o->lv.list.cur = i;
				break;
			}
		}
		o->placed = 1;
		o->lv.list.cursor = 1;
		o->lv.list.top = 0;
	}
	link_clear(&keep);
}

/* The stores of a home view, opened when it is first shown: a user who
 * starts on another view (--view) waits for none of them. */
static void
overview_open(struct overview *o)
{
	struct app			*a = o->lv.app;
	const struct scs_discovery	*d = scs_api_discovery(a->api);
	const struct scs_resource	*r;
	size_t				 i;

	o->opened = 1;
	app_clusters(a);
	switch (o->persona) {
	case SCS_PERSONA_TENANT:
		overview_watch(o, "cluster.x-k8s.io", "clusterclasses", a->ns);
		overview_watch(o, "", "secrets", a->ns);
		break;
	case SCS_PERSONA_KAAS:
		overview_watch(o, "clusterstack.x-k8s.io",
		    "clusterstackreleases",
		    NULL);
		break;
	case SCS_PERSONA_IAAS:
		overview_watch(o, "", "namespaces", NULL);
		overview_watch(o, "", "secrets", NULL);
		overview_watch(o, "openstack.crossplane.io", "providerconfigs",
		    NULL);
		overview_watch(o, "rbac.authorization.k8s.io", "rolebindings",
		    NULL);
		for (i = 0; d != NULL && i < scs_discovery_count(d); i++) {
			r = scs_discovery_at(d, i);
			/* Claims are namespaced; their composites not. */
			if (r->preferred && r->namespaced && strcmp(r->group,
			    "api.scs.community") == 0 &&
			    (r->verbs & SCS_VERB_LIST) != 0)
				overview_watch(o, r->group, r->name, NULL);
		}
		break;
	}
}

/* A number that moves whenever the clusters of any context change. */
static uint64_t
overview_clusters_gen(struct overview *o)
{
	struct scs_store	*st[FLEET_MAX + 1];
	const char		*nm[FLEET_MAX + 1];
	size_t			 i, n;
	uint64_t		 g = 0;

	n = fleet_sources(o->lv.app, st, nm, NULL, NULL, FLEET_MAX + 1);
	for (i = 0; i < n; i++) {
		if (st[i] != NULL)
			g += scs_index_generation(scs_store_index(st[i])) +
			    (uint64_t)scs_store_state(st[i], NULL) * 1000003u;
	}
	return (g);
}

static void
overview_draw(struct view *v, int y, int rows)
{
	struct overview		*o = v->data;
	uint64_t		 gen;
	const char		*msg;
	enum scs_store_state	 st;

	if (!o->opened)
		overview_open(o);
	/* Rebuilt when a store changed (its own, or the clusters of any
	 * context), and once a second for the ages; not on every draw. */
	gen = overview_clusters_gen(o);
	if (o->lv.stale || gen != o->seen_gen || o->built_cols != COLS ||
	    o->built_samples != o->lv.app->trend.samples ||
	    scs_now_ms() - o->built_ms >= 1000) {
		o->seen_gen = gen;
		o->built_cols = COLS;
		o->built_samples = o->lv.app->trend.samples;
		o->built_ms = scs_now_ms();
		overview_rebuild(o);
	}
	st = o->lv.app->clusters != NULL ? scs_store_state(o->lv.app->clusters,
	    &msg) : SCS_STORE_LOADING;
	view_title(y, " %s overview%s%s%s%s%s ", scs_persona_name(o->persona),
	    st == SCS_STORE_LOADING ? " loading\u2026" : "",
	    st == SCS_STORE_FORBIDDEN ? " (clusters: forbidden)" : "",
	    o->search[0] != '\0' ? " </" : "", o->search,
	    o->search[0] != '\0' ? ">" : "");
	list_draw(&o->lv.list, y + 1, rows - 1, NULL);
}

/* Enter on a line: what its link names. */
static void
overview_open_link(struct app *a, const struct link *l)
{
	const struct scs_resource	*res;
	struct view			*v;

	switch (l->kind) {
	case LINK_CLUSTER:
		/* A cluster of another context, through that context. */
		if ((v = tree_view_ctx(a, l->ctx, l->ns, l->name)) != NULL)
			view_push(a, v);
		else
			app_message(a, 1, "context %s is no longer open",
			    l->ctx);
		break;
	case LINK_VIEW:
		app_show_name(a, l->name);
		break;
	case LINK_NS:
		/* The namespace's clusters on top of this view: the app's
		 * namespace stays (Esc comes back to the overview as it
		 * was). */
		if ((res = app_resource(a, "cluster.x-k8s.io", "clusters")) !=
		    NULL)
			view_push(a, tview_new(a, res, l->name));
		break;
	case LINK_TRACE:
		if ((res = scs_discovery_find(scs_api_discovery(a->api),
		    l->res)) != NULL)
			view_push(a, trace_view(a, res, l->ns, l->name));
		break;
	case LINK_FILTER:
		if (app_show_name(a, "clusters") == 0 &&
		    tview_table(view_top(a)) != NULL)
			table_set_filter(tview_table(view_top(a)), l->name);
		break;
	case LINK_PIN:
		view_push(a, pins_view(a, l->ns));
		break;
	case LINK_OBJECT:
		app_open_object(a, NULL, l->ctx, l->ns, l->name);
		break;
	case LINK_NONE:
	case LINK_RELEASE:
	case LINK_CLASS:
		break;
	}
}

static int
overview_action(struct view *v, enum action act)
{
	struct overview		*o = v->data;
	struct app		*a = o->lv.app;
	const struct list_line	*l;
	struct link		 link;

	if (list_action(&o->lv.list, act))
		return (VIEW_HANDLED);
	if (act == ACTION_SEARCH_NEXT || act == ACTION_SEARCH_PREV) {
		if (o->search[0] == '\0')
			app_message(a, 0, "%s searches the lines first",
			    app_key_name(a, ACTION_SEARCH, o->lv.scope));
		else if (!list_search(&o->lv.list, o->search, act ==
		    ACTION_SEARCH_NEXT ? 1 : -1, 0))
			app_message(a, 1, "not found: %s", o->search);
		o->placed = 1;
		return (VIEW_HANDLED);
	}
	if (act == ACTION_CREATE) {
		struct view	*nv = form_create_view(a, a->ns);

		if (nv != NULL)
			view_push(a, nv);
		return (VIEW_HANDLED);
	}
	if (act != ACTION_OPEN)
		return (0);
	if ((l = list_current(&o->lv.list)) == NULL)
		return (VIEW_HANDLED);
	/* Opening may replace this view (a namespace): a copy. */
	link_copy(&link, &l->link);
	overview_open_link(a, &link);
	link_clear(&link);
	return (VIEW_HANDLED);
}

/* The / line: the cursor goes to the first match from where it is (as
 * the text is typed); n and N go on from there. */
static void
overview_filter(struct view *v, const char *text)
{
	struct overview	*o = v->data;

	scs_strlcpy(o->search, text, sizeof o->search);
	o->placed = 1;
	if (text[0] != '\0' && !list_search(&o->lv.list, text, 1, 1))
		app_message(o->lv.app, 1, "not found: %s", text);
}

static int
overview_busy(struct view *v)
{
	struct overview	*o = v->data;
	struct app	*a = o->lv.app;

	if (fleet_busy(a) || !o->opened)
		return (1);
	/* A scan due changes the trend's counts it draws. */
	if (o->persona == SCS_PERSONA_KAAS && a->alert_timer != 0)
		return (1);
	if (a->clusters == NULL || scs_store_busy(a->clusters) ||
	    scs_store_state(a->clusters, NULL) == SCS_STORE_LOADING)
		return (1);
	return (lview_busy(&o->lv));
}

static const struct view_ops overview_ops = {
	.kind = "overview",
	.draw = overview_draw,
	.scope = lview_scope,
	.action = overview_action,
	.busy = overview_busy,
	.free = lview_free,
	.click = lview_click,
	.filter = overview_filter,
};

struct view *
overview_view(struct app *a, enum scs_persona p)
{
	struct overview			*o = scs_xcalloc(1, sizeof *o);
	struct view			*v;

	lview_init(&o->lv, a, p == SCS_PERSONA_TENANT ? SCOPE_TENANT :
	    SCOPE_OVERVIEW);
	o->persona = p;
	v = view_new(a, &overview_ops, o, "%s", scs_persona_name(p));
	v->api = NULL;		/* every context's */
	return (v);
}
