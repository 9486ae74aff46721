#!/bin/sh
# Bring your own class, end to end in the console against scs-tui-sim:
# tenant-a opens :stack, a form built from the ClusterStack CRD's schema
# as the server publishes it (/openapi/v3: required fields, the version
# pattern checked as typed, channel and autoSubscribe as pickers, the
# versions list); the created stack's view shows the release and the
# ClusterClass the simulated cluster-stack operator makes; the cluster
# form offers that class with the release's Kubernetes version, and a
# cluster created on it is read back with kubectl. kubectl checks skip
# when it is missing. Usage: stack-form.sh SCS-TUI SCS-TUI-SIM
set -u
tui=${1:?}; sim=${2:?}
. "$(dirname "$0")/simlib.sh"

check "a ClusterStack from the form" run '@expect My clusters
:stack
<Enter>
@expect new ClusterStack in tenant-a
@expect channel
/metadata.name
<Enter>
<Enter>
openstack-scs2-1-37
<Enter>
/kubernetesVersion
<Enter>
<Enter>
1.3x
@expect must match the pattern ^\d\.\d+$
<C-u>
1.37
<Enter>
s
@expect 2 problems: name: required
/spec.name
<Enter>
<Enter>
scs2
<Enter>
/provider
<Enter>
<Enter>
openstack
<Enter>
/channel
<Enter>
<Enter>
@expect custom
<Esc>
/autoSubscribe
<Enter>
<Enter>
false
<Enter>
@expect false
/versions
<Enter>
<Enter>
@expect + add item
j
<Enter>
@expect [0]
<Enter>
v1
<Enter>
@dump '"$tmp"'/form.txt
s
@expect created ClusterStack tenant-a/openstack-scs2-1-37
@expect cluster stack tenant-a/openstack-scs2-1-37
# The release row (its Kubernetes version) once the operator made it.
@expect v1.37.2
<Esc>
:create!
<Enter>
@expect create a cluster in tenant-a
/metadata.name
<Enter>
<Enter>
byo-1
<Enter>
/class
<Enter>
<Enter>
1-37
@expect openstack-scs2-1-37-v1
<Enter>
@expect v1.37.2
@dump '"$tmp"'/create.txt
s
@expect created tenant-a/byo-1
:clusterstacks
<Enter>
/openstack-scs2-1-37
<Enter>
<Enter>
@expect cluster stack tenant-a/openstack-scs2-1-37
@expect byo-1
@dump '"$tmp"'/stack.txt
@quit'
# The form showed the schema: channel and autoSubscribe as choices with
# their values, the versions list with its item.
check "the form: the CRD's fields" grep -q "channel  *◂ stable ▸" "$tmp/form.txt"
check "the form: autoSubscribe chosen" grep -q "autoSubscribe  *◂ false ▸" "$tmp/form.txt"
check "the form: the version item" grep -q "\[0\]  *v1" "$tmp/form.txt"
# The stack's view: its release, the class it provides, the cluster on it.
check "the stack view: the release" sh -c "grep -A2 ClusterStackReleases '$tmp/stack.txt' | grep -q openstack-scs2-1-37-v1"
check "the stack view: the class" sh -c "grep -A2 ClusterClasses '$tmp/stack.txt' | grep -q openstack-scs2-1-37-v1"
check "the stack view: the cluster using the class" sh -c "grep -A2 'Clusters using them' '$tmp/stack.txt' | grep -q byo-1"
check "the create form: the new class and its version" sh -c "grep -q 'openstack-scs2-1-37-v1' '$tmp/create.txt' && grep -q 'v1.37.2' '$tmp/create.txt'"

if command -v kubectl >/dev/null 2>&1; then
	k() { timeout 20 kubectl --context tenant-a -n tenant-a "$@"; }
	check "kubectl: the ClusterStack's spec" sh -c "[ \"\$(kubectl --context tenant-a -n tenant-a get clusterstack openstack-scs2-1-37 -o jsonpath='{.spec.provider}/{.spec.name}/{.spec.kubernetesVersion}/{.spec.channel}/{.spec.autoSubscribe}/{.spec.versions}')\" = 'openstack/scs2/1.37/stable/false/[\"v1\"]' ]"
	check "kubectl: its release" k get clusterstackrelease openstack-scs2-1-37-v1
	check "kubectl: the cluster on the new class" sh -c "[ \"\$(kubectl --context tenant-a -n tenant-a get cluster byo-1 -o jsonpath='{.spec.topology.classRef.name} {.spec.topology.version}')\" = 'openstack-scs2-1-37-v1 v1.37.2' ]"
	# The schema the form read is the CRD's: kubectl explain reads it too.
	check "kubectl explain: the channel's enum" sh -c "kubectl --context tenant-a explain clusterstacks.spec.channel | grep -A2 ENUM | grep -q custom"
	# The server checks the same schema: a bad version is refused.
	printf 'apiVersion: clusterstack.x-k8s.io/v1alpha1\nkind: ClusterStack\nmetadata: {name: bad, namespace: tenant-a}\nspec: {provider: openstack, name: scs2, kubernetesVersion: "1.3x"}\n' >"$tmp/bad.yaml"
	if k apply -f "$tmp/bad.yaml" >"$tmp/out" 2>&1; then say 1 "kubectl: the server refuses a bad version" "$tmp/out"
	else grep -q "spec.kubernetesVersion" "$tmp/out"; say $? "kubectl: the server refuses a bad version" "$tmp/out"; fi
else
	n=$((n + 1)); echo "ok $n # SKIP kubectl not installed"
fi
# Nothing secret reached the log.
if grep -n -e 'sim-tenant-' -e 'SIMULATED-' "$tmp/log" >"$tmp/out"; then say 1 "no token in the log" "$tmp/out"
else say 0 "no token in the log"; fi
finish
