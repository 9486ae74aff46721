/*
 * test-fleet.c: the cluster tree (like clusterctl describe) and the fleet
 * summary behind the persona overviews.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/store.h"
#include "scs/util.h"
#include "../tap.h"

static cJSON *
cluster(const char *ns, const char *name, const char *version,
    const char *cls, const char *avail, const char *phase,
    const char *extra_conds)
{
	char	*s;
	cJSON	*o;

	s = scs_xprintf("{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\","
	    "\"kind\":\"Cluster\",\"metadata\":{\"namespace\":\"%s\","
	    "\"name\":\"%s\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\"},"
	    "\"spec\":{\"topology\":{\"classRef\":{\"name\":\"%s\"},"
	    "\"version\":\"%s\",\"controlPlane\":{\"replicas\":3}}},"
	    "\"status\":{\"phase\":\"%s\",\"controlPlane\":{\"desiredReplicas\""
	    ":3,\"readyReplicas\":3},\"conditions\":[{\"type\":\"Available\","
	    "\"status\":\"%s\",\"reason\":\"R\",\"message\":\"m-%s\","
	    "\"lastTransitionTime\":\"2026-02-01T00:00:00Z\"}%s]}}", ns, name,
	    cls, version, phase, avail, name, extra_conds);
	o = cJSON_Parse(s);
	free(s);
	if (o == NULL)
		exit(1);
	return (o);
}

static cJSON *
machine(const char *name, const char *cluster_name, const char *md,
    const char *ready, const char *phase)
{
	char	*s;
	cJSON	*o;

	s = scs_xprintf("{\"kind\":\"Machine\",\"metadata\":{\"name\":\"%s\","
	    "\"labels\":{\"cluster.x-k8s.io/cluster-name\":\"%s\",%s}},"
	    "\"status\":{\"phase\":\"%s\",\"conditions\":[{\"type\":\"Ready\","
	    "\"status\":\"%s\",\"reason\":\"%s\"}]}}", name, cluster_name,
	    md == NULL ? "\"cluster.x-k8s.io/control-plane\":\"\"" :
	    md, phase, ready, strcmp(ready, "True") == 0 ? "Ready" : "Err");
	o = cJSON_Parse(s);
	free(s);
	if (o == NULL)
		exit(1);
	return (o);
}

static void
test_tree(void)
{
	cJSON			*c, *mds[2], *ms[7], *all[9];
	struct scs_tree_node	*v;
	struct scs_tree_opts	 opts = { 1, 0 };
	size_t			 n, i;
	int			 found_group = 0, found_fail = 0, md_at = -1;
	int			 workers_at = -1;

	c = cluster("t", "c1", "v1.33.5", "cls", "False", "Provisioned",
	    ",{\"type\":\"WorkersAvailable\",\"status\":\"False\","
	    "\"reason\":\"NotAvailable\",\"message\":\"1 of 3\"}");
	mds[0] = cJSON_Parse("{\"kind\":\"MachineDeployment\",\"metadata\":"
	    "{\"name\":\"c1-md-0\",\"labels\":{\"cluster.x-k8s.io/"
	    "cluster-name\":\"c1\",\"topology.cluster.x-k8s.io/"
	    "deployment-name\":\"md-0\"}},\"spec\":{\"replicas\":3},"
	    "\"status\":{\"readyReplicas\":2}}");
	/* Another cluster's MachineDeployment is left out. */
	mds[1] = cJSON_Parse("{\"kind\":\"MachineDeployment\",\"metadata\":"
	    "{\"name\":\"other-md-0\",\"labels\":{\"cluster.x-k8s.io/"
	    "cluster-name\":\"other\"}}}");
	ms[0] = machine("c1-cp-a", "c1", NULL, "True", "Running");
	ms[1] = machine("c1-cp-b", "c1", NULL, "True", "Running");
	ms[2] = machine("c1-cp-c", "c1", NULL, "True", "Running");
	ms[3] = machine("c1-md-0-a", "c1",
	    "\"cluster.x-k8s.io/deployment-name\":\"md-0\"", "True", "Running");
	ms[4] = machine("c1-md-0-b", "c1",
	    "\"cluster.x-k8s.io/deployment-name\":\"md-0\"", "True", "Running");
	ms[5] = machine("c1-md-0-x", "c1",
	    "\"cluster.x-k8s.io/deployment-name\":\"md-0\"", "False", "Failed");
	ms[6] = machine("other-cp", "other", NULL, "True", "Running");

	for (i = 0; i < 2; i++)
		all[i] = mds[i];
	for (i = 0; i < 7; i++)
		all[2 + i] = ms[i];
	n = scs_tree_build(c, (const cJSON *const *)all, 9, NULL, &v);
	ok(n > 0 && strcmp(v[0].label, "Cluster/c1") == 0, "root is the "
	    "Cluster");
	is_int(v[0].depth, 0, "root depth");
	is_str(v[0].ready, "False", "cluster Available False");
	is_int(v[0].health, SCS_HEALTH_WARNING, "cluster health as the tables "
	    "judge it: workers short, degraded");
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].label, "3 Machines...") == 0 &&
		    v[i].depth == 2) {
			found_group = 1;
			ok(strstr(v[i].message, "c1-cp-a") != NULL &&
			    strstr(v[i].message, "c1-cp-c") != NULL,
			    "grouped line names its machines");
		}
		if (strcmp(v[i].label, "Machine/c1-md-0-x") == 0) {
			found_fail = 1;
			is_int(v[i].health, SCS_HEALTH_ERROR, "failed machine "
			    "is an error");
			is_int(v[i].depth, 3, "failed machine under its MD");
		}
		if (strcmp(v[i].label, "Workers") == 0)
			workers_at = (int)i;
		if (strcmp(v[i].label, "MachineDeployment/c1-md-0") == 0) {
			md_at = (int)i;
			is_str(v[i].replicas, "2/3", "MD replicas ready/desired");
		}
		ok(strstr(v[i].label, "other") == NULL, "no other cluster's "
		    "object: %s", v[i].label);
	}
	ok(found_group, "3 control plane machines grouped");
	ok(found_fail, "the failed machine is listed on its own");
	ok(workers_at > 0 && md_at == workers_at + 1, "MD under Workers");
	is_str(v[workers_at].reason, "NotAvailable", "Workers from "
	    "WorkersAvailable");
	ok(strstr(v[n - 1].prefix, "\u2514") != NULL, "last line ends the "
	    "tree");
	ok(strstr(v[1].prefix, "\u251c") != NULL, "first child has a "
	    "sibling below");
	scs_tree_free(v, n);

	/* Ungrouped: every machine has its line. */
	opts.group = 0;
	n = scs_tree_build(c, (const cJSON *const *)all, 9, &opts, &v);
	found_group = 0;
	for (i = 0; i < n; i++)
		found_group += strncmp(v[i].label, "Machine/", 8) == 0;
	is_int(found_group, 6, "ungrouped: six machines");
	scs_tree_free(v, n);

	cJSON_Delete(c);
	/* v1beta1: Ready with severity. */
	c = cJSON_Parse("{\"kind\":\"Cluster\",\"metadata\":{\"name\":\"old\"},"
	    "\"status\":{\"phase\":\"Provisioned\",\"conditions\":[{\"type\":"
	    "\"Ready\",\"status\":\"False\",\"severity\":\"Warning\","
	    "\"reason\":\"Degraded\"}]}}");
	n = scs_tree_build(c, NULL, 0, NULL, &v);
	is_int(v[0].health, SCS_HEALTH_WARNING, "v1beta1 severity Warning");
	is_str(v[0].reason, "Degraded", "v1beta1 reason");
	scs_tree_free(v, n);
	cJSON_Delete(c);
	for (i = 0; i < 2; i++)
		cJSON_Delete(mds[i]);
	for (i = 0; i < 7; i++)
		cJSON_Delete(ms[i]);
}

/* Provider objects through the refs: their own kinds, judged by their
 * own conditions; a machine's infrastructure machine shown when it says
 * something else (always with echo); health checks and machine sets. */
static void
test_tree_refs(void)
{
	cJSON			*o[8];
	struct scs_tree_node	*v;
	struct scs_tree_opts	 opts = { 1, 0 };
	size_t			 n, i;
	int			 infra = -1, cp = -1, osm = 0, mhc = 0, set = 0;

	o[0] = cJSON_Parse("{\"apiVersion\":\"cluster.x-k8s.io/v1beta1\","
	    "\"kind\":\"Cluster\",\"metadata\":{\"name\":\"c\"},\"spec\":{"
	    "\"infrastructureRef\":{\"apiVersion\":\"infrastructure.cluster."
	    "x-k8s.io/v1beta1\",\"kind\":\"HetznerCluster\",\"name\":\"c-h\"},"
	    "\"controlPlaneRef\":{\"apiGroup\":\"controlplane.cluster.x-k8s.io"
	    "\",\"kind\":\"KamajiControlPlane\",\"name\":\"c-kcp\"}}}");
	o[1] = cJSON_Parse("{\"apiVersion\":\"infrastructure.cluster.x-k8s.io/"
	    "v1beta1\",\"kind\":\"HetznerCluster\",\"metadata\":{\"name\":"
	    "\"c-h\"},\"status\":{\"conditions\":[{\"type\":\"Ready\","
	    "\"status\":\"False\",\"severity\":\"Error\",\"reason\":"
	    "\"LoadBalancerFailed\"}]}}");
	o[2] = cJSON_Parse("{\"apiVersion\":\"controlplane.cluster.x-k8s.io/"
	    "v1alpha1\",\"kind\":\"KamajiControlPlane\",\"metadata\":{"
	    "\"name\":\"c-kcp\"},\"spec\":{\"replicas\":2},\"status\":{"
	    "\"readyReplicas\":2,\"conditions\":[{\"type\":\"Ready\","
	    "\"status\":\"True\"}]}}");
	o[3] = cJSON_Parse("{\"kind\":\"MachineDeployment\",\"metadata\":{"
	    "\"name\":\"c-md\",\"labels\":{\"cluster.x-k8s.io/cluster-name\""
	    ":\"c\"}},\"spec\":{\"replicas\":1}}");
	o[4] = cJSON_Parse("{\"kind\":\"MachineSet\",\"metadata\":{\"name\":"
	    "\"c-md-1\",\"labels\":{\"cluster.x-k8s.io/cluster-name\":\"c\"},"
	    "\"ownerReferences\":[{\"kind\":\"MachineDeployment\",\"name\":"
	    "\"c-md\"}]}}");
	o[5] = cJSON_Parse("{\"kind\":\"Machine\",\"metadata\":{\"name\":"
	    "\"c-md-1-a\",\"labels\":{\"cluster.x-k8s.io/cluster-name\":\"c\","
	    "\"cluster.x-k8s.io/deployment-name\":\"c-md\"},"
	    "\"ownerReferences\":[{\"kind\":\"MachineSet\",\"name\":"
	    "\"c-md-1\"}]},\"spec\":{\"infrastructureRef\":{\"apiGroup\":"
	    "\"infrastructure.cluster.x-k8s.io\",\"kind\":\"HCloudMachine\","
	    "\"name\":\"c-md-1-a\"}},\"status\":{\"phase\":\"Running\","
	    "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
	o[6] = cJSON_Parse("{\"apiVersion\":\"infrastructure.cluster.x-k8s.io/"
	    "v1beta1\",\"kind\":\"HCloudMachine\",\"metadata\":{\"name\":"
	    "\"c-md-1-a\"},\"status\":{\"conditions\":[{\"type\":\"Ready\","
	    "\"status\":\"True\"}]}}");
	o[7] = cJSON_Parse("{\"kind\":\"MachineHealthCheck\",\"metadata\":{"
	    "\"name\":\"c-md\"},\"spec\":{\"clusterName\":\"c\",\"selector\":"
	    "{\"matchLabels\":{\"cluster.x-k8s.io/deployment-name\":\"c-md\"}}"
	    "},\"status\":{\"expectedMachines\":1,\"currentHealthy\":1}}");
	for (i = 0; i < 8; i++)
		if (o[i] == NULL)
			exit(1);
	n = scs_tree_build(o[0], (const cJSON *const *)o + 1, 7, &opts, &v);
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].label, "ClusterInfrastructure - "
		    "HetznerCluster/c-h") == 0)
			infra = (int)i;
		if (strcmp(v[i].label, "ControlPlane - KamajiControlPlane/"
		    "c-kcp") == 0)
			cp = (int)i;
		osm += strstr(v[i].label, "HCloudMachine") != NULL;
		mhc += strcmp(v[i].label, "MachineHealthCheck/c-md") == 0;
		set += strcmp(v[i].label, "MachineSet/c-md-1") == 0;
	}
	ok(infra > 0, "infrastructure line names the provider's kind");
	is_str(infra > 0 ? v[infra].label + v[infra].role : NULL,
	    "HetznerCluster/c-h", "the label says where its object starts");
	ok(cp > 0 && v[0].role == 0, "a line without a role has none");
	ok(infra > 0 && v[infra].health == SCS_HEALTH_ERROR &&
	    scs_streq(v[infra].reason, "LoadBalancerFailed"), "judged by its "
	    "own v1beta1 condition");
	ok(infra > 0 && scs_streq(v[infra].kind, "HetznerCluster") &&
	    scs_streq(v[infra].group, "infrastructure.cluster.x-k8s.io"),
	    "the line opens the object (group from a v1beta1 apiVersion)");
	ok(cp > 0 && scs_streq(v[cp].replicas, "2/2") &&
	    scs_streq(v[cp].group, "controlplane.cluster.x-k8s.io"),
	    "control plane from a v1beta2 apiGroup ref, its replicas");
	is_int(osm, 0, "a ready infrastructure machine echoes its machine: "
	    "hidden");
	is_int(mhc, 1, "health check under its MachineDeployment");
	is_int(set, 0, "one MachineSet: not shown");
	scs_tree_free(v, n);
	opts.echo = 1;
	n = scs_tree_build(o[0], (const cJSON *const *)o + 1, 7, &opts, &v);
	osm = set = 0;
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].label, "MachineInfrastructure - "
		    "HCloudMachine/c-md-1-a") == 0)
			osm = v[i].depth;
		set += strcmp(v[i].label, "MachineSet/c-md-1") == 0;
	}
	is_int(osm, 5, "echo: infrastructure machine under its machine");
	is_int(set, 1, "echo: the MachineSet");
	scs_tree_free(v, n);
	for (i = 0; i < 8; i++)
		cJSON_Delete(o[i]);
}

static void
test_fleet(void)
{
	struct scs_index	*x = scs_index_new(scs_model_kind(
				    "cluster.x-k8s.io", "clusters"));
	struct scs_fleet	 f;
	cJSON			*o;
	const char		*known[] = { "v1.35.9", NULL };
	int64_t			 now = scs_parse_rfc3339(
				    "2026-11-25T00:00:00Z");
	size_t			 i;

	o = cluster("a", "ok1", "v1.35.2", "k-1-35-v1", "True", "Provisioned",
	    "");
	scs_index_upsert(x, o, 1);
	cJSON_Delete(o);
	o = cluster("a", "ok2", "v1.35.4", "k-1-35-v1", "True", "Provisioned",
	    "");
	scs_index_upsert(x, o, 1);
	cJSON_Delete(o);
	o = cluster("b", "bad", "v1.35.4", "k-1-35-v2", "False", "Failed", "");
	scs_index_upsert(x, o, 1);
	cJSON_Delete(o);
	o = cluster("b", "old", "v1.29.1", "k-1-29-v1", "True", "Provisioned",
	    "");
	scs_index_upsert(x, o, 1);
	cJSON_Delete(o);

	scs_fleet_build(&f, x, NULL, known, now);
	is_int(f.total, 4, "four clusters");
	is_int(f.n[SCS_HEALTH_ERROR], 1, "one failed");
	is_int(f.available, 3, "three available");
	is_int((int)f.nns, 2, "two namespaces");
	is_str(f.by_ns[0].key, "a", "namespaces sorted");
	is_int(f.by_ns[1].n[SCS_HEALTH_ERROR], 1, "failure counted in b");
	is_int((int)f.nclass, 3, "three classes");
	is_int((int)f.nversion, 3, "three versions");
	is_str(f.by_version[0].key, "v1.35.4", "newest version first");
	is_str(f.by_version[0].latest, "v1.35.9", "latest patch from the "
	    "releases");
	is_int(f.behind_patch, 3, "three behind the latest patch");
	is_int(f.eol, 1, "one past end of life");
	is_int((int)f.nattention, 2, "two need attention");
	is_str(f.attention[0]->name, "bad", "failed first");
	is_str(scs_fleet_why(f.attention[1], now), "end of life",
	    "then end of life");
	scs_fleet_free(&f);

	/* Two sources (management clusters), one not loaded. */
	{
		const struct scs_index	*xs[3] = { x, NULL, x };
		const char		*tags[3] = { "eu", "down", "us" };

		scs_fleet_build_many(&f, xs, tags, 3, NULL, NULL, now);
		is_int(f.total, 8, "two sources counted");
		is_int((int)f.ntag, 3, "three tags");
		is_int(f.by_tag[0].total, 4, "eu counted");
		is_int(f.by_tag[1].total, 0, "the missing source is empty");
		is_int(f.by_tag[2].n[SCS_HEALTH_ERROR], 1, "us failure");
		is_int((int)f.nattention, 4, "attention from both");
		ok(f.attention_tag[0] != NULL && (strcmp(f.attention_tag[0],
		    "eu") == 0 || strcmp(f.attention_tag[0], "us") == 0),
		    "attention tagged with its source");
		scs_fleet_free(&f);
	}

	scs_fleet_build(&f, x, "a", NULL, now);
	is_int(f.total, 2, "namespace filter");
	is_int(f.behind_patch, 1, "v1.35.2 behind v1.35.4 seen in a");
	is_int((int)f.nattention, 0, "nothing to do in a");
	for (i = 0; i < f.nversion; i++)
		ok(f.by_version[i].total > 0, "version group counted");
	scs_fleet_free(&f);
	scs_index_free(x);
}

int
main(void)
{
	test_tree();
	test_tree_refs();
	test_fleet();
	return (tap_done());
}
