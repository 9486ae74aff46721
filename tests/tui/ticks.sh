#!/bin/sh
# Ages tick without a key (issue 14): on a simulator whose world stands
# still (--speed 0.0001), a cluster created a moment ago (it never moves) shows its
# tree; 2.5 s later, with no key and no change on the server, the SINCE
# of the cluster's line has moved on. Ages tick once a second, so under
# load (ASan, a busy CI core) the last tick before the second dump may
# be a second late: the check is that it moved, not by how much.
# Skips without kubectl.
# Usage: ticks.sh SCS-TUI SCS-TUI-SIM
set -u
tui=${1:?}; sim=${2:?}
command -v kubectl >/dev/null 2>&1 || { echo "1..0 # SKIP kubectl not installed"; exit 0; }
SIM_ARGS="--speed 0.0001"
. "$(dirname "$0")/simlib.sh"

cat >"$tmp/c.yaml" <<YAML
apiVersion: cluster.x-k8s.io/v1beta2
kind: Cluster
metadata: {name: tick, namespace: tenant-a}
spec:
  topology:
    classRef: {name: openstack-scs2-1-36-v1}
    version: v1.36.2
    controlPlane: {replicas: 1}
    workers: {machineDeployments: [{class: default-worker, name: md-0, replicas: 1}]}
YAML
kubectl --context csp-admin create -f "$tmp/c.yaml" >"$tmp/kout" 2>&1
say $? "a cluster created" "$tmp/kout"
cat >"$tmp/script" <<SCRIPT
:tree tenant-a/tick
<Enter>
@expect Cluster/tick
@expect NotAvailable
@dump $tmp/t1.txt
@sleep 2500
@dump $tmp/t2.txt
@quit
SCRIPT
"$tui" --kubeconfig "$tmp/k.yaml" --context csp-admin --no-display \
    --size 100x30 --script "$tmp/script" -v --log "$tmp/log" \
    >"$tmp/out" 2>&1
say $? "the tree opens" "$tmp/out"
age() { grep "Cluster/tick" "$1" | head -1 | grep -o ' [0-9][0-9]*s ' |
    head -1 | tr -dc 0-9; }
a1=$(age "$tmp/t1.txt"); a2=$(age "$tmp/t2.txt")
[ -n "$a1" ] && [ -n "$a2" ] && [ "$a2" -gt "$a1" ]
say $? "the cluster's SINCE ticked from ${a1:-?}s to ${a2:-?}s without a key" \
    "$tmp/t2.txt"
finish
