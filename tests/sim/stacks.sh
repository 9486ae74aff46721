#!/bin/sh
# Bring your own class through kubectl against scs-tui-sim: a tenant
# creates a ClusterStack in its namespace; the simulated cluster-stack
# operator makes a ClusterStackRelease and a ClusterClass per version
# (autoSubscribe: the channel's latest), owned and named as CSO names
# them; a Cluster on the new class is admitted with the release's
# Kubernetes version and refused with another. TAP; skips without kubectl.
set -u
command -v kubectl >/dev/null 2>&1 || { echo "1..0 # SKIP kubectl not installed"; exit 0; }
sim=${1:?usage: stacks.sh PATH-TO-scs-tui-sim}
. "$(dirname "$0")/../tui/simlib.sh"
k() { timeout 20 kubectl --context tenant-a "$@"; }
# until CMD...: poll (5 s) until CMD succeeds.
until_ok() { i=0; until "$@" >"$tmp/out" 2>&1 || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done; "$@" >"$tmp/out" 2>&1; }

cat >"$tmp/cs.yaml" <<'YAML'
apiVersion: clusterstack.x-k8s.io/v1alpha1
kind: ClusterStack
metadata:
  name: openstack-scs2-1-34
  namespace: tenant-a
spec:
  provider: openstack
  name: scs2
  kubernetesVersion: "1.34"
  channel: stable
  autoSubscribe: false
  versions: [v1, v2]
YAML
check "tenant-a creates a ClusterStack" k apply -f "$tmp/cs.yaml"
until_ok k get clusterclass -n tenant-a openstack-scs2-1-34-v2
say $? "its ClusterClass v2 appears" "$tmp/out"
k get clusterstackreleases -n tenant-a -o name >"$tmp/out" 2>&1
grep -q "openstack-scs2-1-34-v1" "$tmp/out" && grep -q "openstack-scs2-1-34-v2" "$tmp/out"
say $? "a release per version" "$tmp/out"
k get clusterstackrelease -n tenant-a openstack-scs2-1-34-v2 -o jsonpath='{.status.kubernetesVersion} {.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}' >"$tmp/out" 2>&1
grep -qx "v1.34.3 ClusterStack/openstack-scs2-1-34" "$tmp/out"
say $? "the release's Kubernetes version and owner" "$tmp/out"
k get clusterstack -n tenant-a openstack-scs2-1-34 -o jsonpath='{.status.usableVersions}|{.status.latestRelease}' >"$tmp/out" 2>&1
grep -qx "v1, v2|openstack-scs2-1-34-v2" "$tmp/out"
say $? "the stack's status" "$tmp/out"
k get clusterclass -n tenant-a openstack-scs2-1-34-v2 -o jsonpath='{.status.variables[*].name}' >"$tmp/out" 2>&1
grep -q "workerFlavor" "$tmp/out"
say $? "the class has the stack's variables" "$tmp/out"
cat >"$tmp/c.yaml" <<'YAML'
apiVersion: cluster.x-k8s.io/v1beta2
kind: Cluster
metadata: {name: byo, namespace: tenant-a}
spec:
  topology:
    classRef: {name: openstack-scs2-1-34-v2}
    version: v1.34.3
    controlPlane: {replicas: 1}
YAML
check "a Cluster on the new class" k apply --dry-run=server -f "$tmp/c.yaml"
sed 's/v1.34.3/v1.34.9/' "$tmp/c.yaml" >"$tmp/c2.yaml"
if k apply --dry-run=server -f "$tmp/c2.yaml" >"$tmp/out" 2>&1; then say 1 "another version is refused" "$tmp/out"
else grep -q "expects Kubernetes version v1.34.3" "$tmp/out"; say $? "another version is refused" "$tmp/out"; fi
sed 's/autoSubscribe: false/autoSubscribe: true/; s/versions: \[v1, v2\]/versions: []/; s/1-34/1-33/; s/"1.34"/"1.33"/' "$tmp/cs.yaml" >"$tmp/auto.yaml"
check "an auto-subscribing stack" k apply -f "$tmp/auto.yaml"
until_ok k get clusterclass -n tenant-a openstack-scs2-1-33-v1
say $? "gets the channel's latest (v1)" "$tmp/out"
# CSO names releases and classes from the spec, whatever the stack's name.
check "a stack with a name of its own" k apply -f - <<'YAML'
apiVersion: clusterstack.x-k8s.io/v1alpha1
kind: ClusterStack
metadata: {name: my-own-stack, namespace: tenant-a}
spec: {provider: openstack, name: scs2, kubernetesVersion: "1.32", autoSubscribe: false, versions: [v3]}
YAML
until_ok k get clusterclass -n tenant-a openstack-scs2-1-32-v3
say $? "its class is named from the spec" "$tmp/out"
k get clusterstackrelease -n tenant-a openstack-scs2-1-32-v3 -o jsonpath='{.metadata.ownerReferences[0].name}' >"$tmp/out" 2>&1
grep -qx "my-own-stack" "$tmp/out"
say $? "its release is owned by the stack" "$tmp/out"
k get clusterstack -n tenant-a my-own-stack -o jsonpath='{.status.latestRelease}' >"$tmp/out" 2>&1
grep -qx "openstack-scs2-1-32-v3" "$tmp/out"
say $? "its latest release" "$tmp/out"
if timeout 20 kubectl --context tenant-a apply -f - >"$tmp/out" 2>&1 <<'YAML'
apiVersion: clusterstack.x-k8s.io/v1alpha1
kind: ClusterStack
metadata: {name: openstack-scs2-1-34, namespace: tenant-b}
spec: {provider: openstack, name: scs2, kubernetesVersion: "1.34"}
YAML
then say 1 "not in another tenant's namespace" "$tmp/out"
else grep -q "forbidden" "$tmp/out"; say $? "not in another tenant's namespace" "$tmp/out"; fi
finish
