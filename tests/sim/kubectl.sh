#!/bin/sh
# kubectl against scs-tui-sim: a client nobody here wrote must work.
# Skips (TAP) when kubectl is missing.
set -u
command -v kubectl >/dev/null 2>&1 || { echo "1..0 # SKIP kubectl not installed"; exit 0; }
sim=${1:?usage: kubectl.sh PATH-TO-scs-tui-sim}
SIM_ARGS="--speed 20"
. "$(dirname "$0")/../tui/simlib.sh"
grepout() {	# grepout PATTERN: the last command's output matches
	grep -q -- "$1" "$tmp/out"
}
k() { timeout 20 kubectl "$@"; }
# seen FILE PATTERN: wait (up to 15 s) until a line of FILE matches.
seen() {
	i=0
	until grep -q -- "$2" "$1" 2>/dev/null || [ $i -ge 150 ]; do
		sleep 0.1; i=$((i + 1))
	done
	grep -q -- "$2" "$1" 2>/dev/null
}

check "get --raw /apis" k get --raw /apis
check "api-resources lists clusters" sh -c 'timeout 20 kubectl api-resources | grep -q "^clusters .*cl .*cluster.x-k8s.io/v1beta2"'
check "get clusters -A" k get clusters -A
grepout prod-eu1 || { echo "not ok - prod-eu1 missing"; fail=1; }
check "get clusterclasses -o yaml" k get clusterclasses -n tenant-a -o yaml
grepout "kind: ClusterClass" || { echo "not ok - no ClusterClass yaml"; fail=1; }
printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kubectl-test\n' >"$tmp/ns.yaml"
check "apply -f a Namespace" k apply -f "$tmp/ns.yaml"
cat >"$tmp/c.yaml" <<YAML
apiVersion: cluster.x-k8s.io/v1beta2
kind: Cluster
metadata:
  name: from-kubectl
  namespace: tenant-a
spec:
  topology:
    classRef:
      name: openstack-scs2-1-36-v1
    version: v1.36.2
    controlPlane:
      replicas: 1
YAML
check "apply -f a Cluster" k apply -f "$tmp/c.yaml"
check "get it as v1beta1" k get clusters.v1beta1.cluster.x-k8s.io -n tenant-a from-kubectl -o yaml
grepout "class: openstack-scs2-1-36-v1" || { echo "not ok - v1beta1 class"; fail=1; }
grepout "deprecated" || { echo "not ok - no deprecation warning"; fail=1; }
( timeout 20 kubectl get clusters -n tenant-b -w --output-watch-events >"$tmp/watch" 2>&1 & )
seen "$tmp/watch" "ADDED .*shop" || echo "# the watch listed nothing"
check "patch while watching" k patch cluster -n tenant-b shop --type merge -p '{"metadata":{"labels":{"x":"y"}}}'
n=$((n + 1))
if seen "$tmp/watch" "MODIFIED"; then echo "ok $n - watch saw the change"; else echo "not ok $n - watch saw the change"; sed 's/^/# /' "$tmp/watch"; fail=1; fi
check "delete" k delete cluster -n tenant-a from-kubectl --wait=false
check "auth can-i as tenant-a, own namespace" sh -c 'test "$(timeout 20 kubectl --context tenant-a auth can-i list clusters -n tenant-a)" = yes'
check "auth can-i as tenant-a, other namespace" sh -c 'test "$(timeout 20 kubectl --context tenant-a auth can-i list clusters -n tenant-b 2>/dev/null)" = no'
n=$((n + 1))
if timeout 20 kubectl --context tenant-a get clusters -A >"$tmp/out" 2>"$tmp/err"; then
	echo "not ok $n - tenant-a must not list all namespaces"; fail=1
else
	grep -q 'forbidden: User "tenant-a"' "$tmp/err" && echo "ok $n - 403 for tenant-a across namespaces" || { echo "not ok $n - 403 message"; fail=1; }
fi
# Server printer columns of core kinds (Table output).
check "get secrets -A" k get secrets -A
grepout "^NAMESPACE  *NAME  *TYPE  *DATA  *AGE" || { echo "not ok - secrets columns"; sed 's/^/# /' "$tmp/out" | head -3; fail=1; }
check "get namespaces" k get namespaces
grepout "^tenant-a  *Active  " || { echo "not ok - namespaces columns"; sed 's/^/# /' "$tmp/out" | head -3; fail=1; }
check "get events" k get events -n tenant-b
grepout "cluster/web" || { echo "not ok - events columns"; sed 's/^/# /' "$tmp/out" | head -3; fail=1; }
# deletecollection with a label selector.
for s in a b c; do
	printf '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"dc-%s","labels":{"sweep":"%s"}},"data":{"k":"dg=="}}' \
	    $s $([ $s = c ] && echo no || echo yes) >"$tmp/s.json"
	check "create secret dc-$s" k create --raw /api/v1/namespaces/tenant-c/secrets -f "$tmp/s.json"
done
check "delete a collection by label" k delete --raw '/api/v1/namespaces/tenant-c/secrets?labelSelector=sweep%3Dyes'
grepout '"name":"dc-a"' || { echo "not ok - dc-a not in the answer"; fail=1; }
check "only the matching secrets are gone" sh -c 'timeout 20 kubectl get secrets -n tenant-c -l sweep -o name | tr "\n" " " | grep -qx "secret/dc-c "'
# A watch in Table form (kubectl get -w asks for it).
( timeout 20 kubectl get secrets -n tenant-c -w >"$tmp/wt" 2>&1 & )
seen "$tmp/wt" "^dc-c " || echo "# the watch listed nothing"
printf '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"dc-d"},"type":"Opaque","data":{"k":"dg==","l":"dg=="}}' >"$tmp/s.json"
check "create while watching" k create --raw /api/v1/namespaces/tenant-c/secrets -f "$tmp/s.json"
n=$((n + 1))
if seen "$tmp/wt" "^dc-d  *Opaque  *2 "; then echo "ok $n - the watch shows Table rows"; else echo "not ok $n - the watch shows Table rows"; sed 's/^/# /' "$tmp/wt"; fail=1; fi
finish
