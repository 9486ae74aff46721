#!/bin/sh
# Day-2 actions end to end against scs-tui-sim (issue 15): :pause,
# :resume, :scale md/NAME N, :scale kcp/NAME N, :restart, :remediate,
# each confirmed in the console and read back with kubectl (those checks
# skip when kubectl is missing); --readonly refuses every one before
# anything is sent; a tenant is told up front what it may not do (the
# SelfSubjectAccessReview says no) and nothing changes.
# Usage: day2.sh SCS-TUI SCS-TUI-SIM
set -u
tui=${1:?}; sim=${2:?}
. "$(dirname "$0")/simlib.sh"
run() {		# run CONTEXT SCRIPT-TEXT [FLAGS]: scs-tui on the sim
	ctx=$1; printf '%s\n' "$2" >"$tmp/script"; shift 2
	"$tui" --kubeconfig "$tmp/k.yaml" --context "$ctx" --no-display \
	    --size 140x30 --script "$tmp/script" --log "$tmp/log" "$@"
}
kc() { command -v kubectl >/dev/null 2>&1 || return 0; timeout 20 kubectl "$@"; }
# kis WANT ARGS...: kubectl's output is WANT (skipped without kubectl).
kis() {
	want=$1; shift
	command -v kubectl >/dev/null 2>&1 || { echo "# kubectl missing: skipped"; return 0; }
	got=$(timeout 20 kubectl "$@" 2>&1)
	[ "$got" = "$want" ] || { echo "got '$got', want '$want'"; return 1; }
}

check "pause, confirmed" run csp-admin ':pause tenant-a/staging
<Enter>
@expect pause Cluster tenant-a/staging (spec.paused false -> true)? [y/N]
y
@expect done: pause Cluster tenant-a/staging
@quit'
check "kubectl: spec.paused true" kis true get cluster -n tenant-a staging -o jsonpath='{.spec.paused}'
check "the tree says PAUSED" run csp-admin ':tree tenant-a/staging
<Enter>
@expect cluster tenant-a/staging PAUSED
@quit'
check "resume" run csp-admin ':resume tenant-a/staging
<Enter>
@expect (spec.paused true -> false)? [y/N]
y
@expect done: resume
@quit'
check "kubectl: spec.paused false" kis false get cluster -n tenant-a staging -o jsonpath='{.spec.paused}'
check "a no changes nothing" run csp-admin ':pause tenant-a/staging
<Enter>
@expect ? [y/N]
n
@expect not changed
@quit'
check "kubectl: still not paused" kis false get cluster -n tenant-a staging -o jsonpath='{.spec.paused}'

check "scale md through the topology" run tenant-a ':scale md/prod-eu1-md-0 4
<Enter>
@expect scale MachineDeployment tenant-a/prod-eu1-md-0: 3 -> 4 replicas (Cluster prod-eu1 spec.topology)? [y/N]
y
@expect done: scale
@quit'
check "kubectl: topology replicas 4" kis 4 get cluster -n tenant-a prod-eu1 -o jsonpath='{.spec.topology.workers.machineDeployments[0].replicas}'
check "scale kcp as kaas-operator" run kaas-operator ':scale kcp/tenant-a/prod-eu1-control-plane 5
<Enter>
@expect 3 -> 5 replicas (Cluster prod-eu1 spec.topology)? [y/N]
y
@expect done: scale
@quit'
check "kubectl: control plane replicas 5" kis 5 get cluster -n tenant-a prod-eu1 -o jsonpath='{.spec.topology.controlPlane.replicas}'
check "bad replicas: usage" run tenant-a ':scale md/prod-eu1-md-0 many
<Enter>
@expect usage: :scale md/NAME N
@quit'

check "rollout restart of a MachineDeployment" run tenant-a ':restart md/staging-md-0
<Enter>
@expect rollout restart MachineDeployment tenant-a/staging-md-0 (spec.rollout.after =
y
@expect done: rollout restart
@quit'
check "kubectl: spec.rollout.after set" sh -c "test -n \"\$(timeout 20 kubectl get md -n tenant-a staging-md-0 -o jsonpath='{.spec.rollout.after}' 2>/dev/null || echo skip)\""

m=$(kc get machines -n tenant-a -l cluster.x-k8s.io/cluster-name=analytics,cluster.x-k8s.io/deployment-name=md-0 -o jsonpath='{.items[0].metadata.name}')
[ -n "$m" ] || m=analytics-md-0-x7k2p
check "remediate: a tenant is told it may not" run tenant-a ":remediate $m
<Enter>
@expect you may not delete machines in tenant-a
@quit"
check "kubectl: the machine is still there" kis "$m" get machine -n tenant-a "$m" -o jsonpath='{.metadata.name}'
check "remediate as kaas-operator" run kaas-operator ":remediate tenant-a/$m
<Enter>
@expect delete Machine tenant-a/$m for remediation
y
@expect done: delete Machine
@quit"
check "kubectl: the machine is gone" kis "" get machine -n tenant-a "$m" --ignore-not-found -o name

check "forbidden: a tenant may not restart a control plane" run tenant-a ':restart kcp/prod-eu1-control-plane
<Enter>
@expect you may not patch kubeadmcontrolplanes in tenant-a
@quit'
check "forbidden: tenant-a in tenant-b" run tenant-a ':pause tenant-b/web
<Enter>
@expect forbidden
@quit'
check "kubectl: web not paused" kis "" get cluster -n tenant-b web -o jsonpath='{.spec.paused}'
check "label by command" run csp-admin ':label clusters/tenant-a/staging team=blue
<Enter>
@expect label Cluster tenant-a/staging: team: (none) -> blue? [y/N]
y
@expect done: label
@quit'
check "kubectl: label team=blue" kis blue get cluster -n tenant-a staging -o jsonpath='{.metadata.labels.team}'
check "label from the tree (L on the Cluster)" run tenant-a ':tree staging
<Enter>
@expect cluster tenant-a/staging
L
@expect :label clusters.cluster.x-k8s.io/tenant-a/staging
env=dev team-
<Enter>
@expect team: blue -> (removed)? [y/N]
y
@expect done: label
@quit'
check "kubectl: label env=dev, team gone" kis "dev " get cluster -n tenant-a staging -o jsonpath='{.metadata.labels.env} {.metadata.labels.team}'
check "annotate, then remove it" run csp-admin ':annotate clusters/tenant-a/staging example.com/note=hi
<Enter>
@expect example.com/note: (none) -> hi? [y/N]
y
@expect done: annotate
:annotate clusters/tenant-a/staging example.com/note-
<Enter>
@expect example.com/note: hi -> (removed)? [y/N]
y
@expect done: annotate
@quit'
check "kubectl: the annotation is gone" kis "" get cluster -n tenant-a staging -o jsonpath='{.metadata.annotations.example\.com/note}'
check "label: bad words are a usage" run csp-admin ':label clusters/tenant-a/staging =x
<Enter>
@expect usage: :label RESOURCE/[NS/]NAME KEY=VALUE|KEY-
@quit'
check "label: a tenant is told it may not" run tenant-a ':label kcp/prod-eu1-control-plane x=y
<Enter>
@expect you may not patch kubeadmcontrolplanes in tenant-a
@quit'
check "kubectl: the control plane has no label x" kis "" get kcp -n tenant-a prod-eu1-control-plane -o jsonpath='{.metadata.labels.x}'
for c in ':pause tenant-a/staging' ':scale md/tenant-a/prod-eu1-md-0 1' ':restart md/tenant-a/staging-md-0' ':remediate tenant-a/x' ':label clusters/tenant-a/staging ro=1' ':annotate clusters/tenant-a/staging ro=1'; do
	check "readonly refuses $c" run csp-admin "$c
<Enter>
@expect read-only:
@quit" --readonly
done
check "kubectl: nothing changed under readonly" kis 4 get cluster -n tenant-a prod-eu1 -o jsonpath='{.spec.topology.workers.machineDeployments[0].replicas}'
finish
