#!/bin/sh
# The cluster form on a plain Cluster API management cluster (scenario
# capi: v1beta2; capi-v1beta1: CAPI 1.10, v1beta1 only): no cluster-stacks
# kinds, a ClusterClass no ClusterStackRelease describes. The version row
# is a validated vMAJOR.MINOR.PATCH with suggestions (the latest patches
# of supported minors, the versions of the class's clusters), no
# cluster-stacks wording; a create goes through, read back with kubectl
# (skipped when it is missing); an edit offers the namespace's classes.
# Usage: form-capi.sh SCS-TUI SCS-TUI-SIM SCENARIO
set -u
tui=${1:?}; sim=${2:?}; scenario=${3:?}
SIM_ARGS="--scenario $scenario"
. "$(dirname "$0")/simlib.sh"
export SCS_NOW=2026-12-01T09:00:00Z
if [ "$scenario" = capi-v1beta1 ]; then api=v1beta1; else api=v1beta2; fi
have_kubectl=0
command -v kubectl >/dev/null 2>&1 && have_kubectl=1

check "the create form: suggestions, a bad version refused, created" run '@expect My clusters
c
@expect create a cluster in tenant-a
@expect quick-start
/version
<Enter>
@expect Kubernetes vMAJOR.MINOR.PATCH, any: suggested are
<Enter>
@expect version: _
@expect v1.36.2
@expect v1.35.5
@expect v1.33.4
@expect v1.32.9
@dump '"$tmp"'/picker.txt
1.33
@expect the version of cluster dev (same class); past its end of life
<Esc>
<Enter>
<C-u>
1.34
<Enter>
@expect must be a version such as v1.33.4
<Enter>
<C-u>
v1.33.4
<Enter>
@expect v1.33.4
/metadata.name
<Enter>
<Enter>
dev
@expect a cluster of this name exists already
<C-u>
plain-1
<Enter>
/podSecurityStandard
<Enter>
<Enter>
/enforce
<Enter>
@expect baseline  (default)
s
@expect created tenant-a/plain-1
@quit'
# No cluster-stacks wording on a server without cluster stacks.
check "no cluster-stacks wording" sh -c "! grep -i -e 'cluster.stack' -e 'cluster-stacks' '$tmp/picker.txt'"

check "an edit offers the namespace's classes, no upgrade rule" run ':edit tenant-a/dev
<Enter>
@expect edit cluster tenant-a/dev
/class
<Enter>
@expect another class of the namespace rebases
<Enter>
@expect 2 of 2
@expect quick-start-ipv6
@quit'
check "the tree: the other classes, no cluster-stacks rules" run ':tree tenant-a/dev
<Enter>
@expect Other classes (e edits; the server checks that one fits)
@expect → quick-start-ipv6
@quit'

if [ $have_kubectl -eq 1 ]; then
	check "kubectl: Cluster API served at $api as CAPI serves it, no cluster-stacks kinds" sh -c \
	    "kubectl api-versions >'$tmp/apis' &&
	    grep -x 'cluster.x-k8s.io/$api' '$tmp/apis' &&
	    [ \$(grep -c '^cluster.x-k8s.io/' '$tmp/apis') -eq \
	    \$([ $api = v1beta1 ] && echo 1 || echo 2) ] &&
	    ! grep -q -e clusterstack -e scs.community '$tmp/apis'"
	if [ $api = v1beta1 ]; then cls='{.spec.topology.class}'
	else cls='{.spec.topology.classRef.name}'; fi
	kubectl get clusters.$api.cluster.x-k8s.io plain-1 -n tenant-a -o \
	    jsonpath="{.spec.topology.version} $cls {.spec.topology.variables}" \
	    >"$tmp/got" 2>&1
	check "kubectl: the created cluster's version and class" \
	    grep -q '^v1.33.4 quick-start ' "$tmp/got"
	check "kubectl: podSecurityStandard with its defaults" \
	    grep -q '"enforce":"baseline"' "$tmp/got"
	check "kubectl: no version is refused as the webhook says" sh -c \
	    "kubectl create -n tenant-a -f - <<EOF 2>&1 | tee /dev/stderr | grep -q 'spec.topology.version: Invalid value: \"v1.x\"'
apiVersion: cluster.x-k8s.io/$api
kind: Cluster
metadata: {name: bad-1}
spec:
  topology:
    $( [ $api = v1beta1 ] && echo 'class: quick-start' || echo 'classRef: {name: quick-start}')
    version: v1.x
    controlPlane: {replicas: 1}
EOF"
else
	echo "ok $((n + 1)) # SKIP kubectl not installed"; n=$((n + 1))
fi
finish
