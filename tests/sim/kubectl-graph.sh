#!/bin/sh
# The Cluster API object graph of scs-tui-sim read with kubectl: control
# plane, infrastructure, machine sets, health checks, bootstrap configs
# and infrastructure machines with the refs CAPI sets; machine deletion,
# rollout restart and pause through the reconcile loop; the webhook's
# refusal of an undefined MachineDeployment class. Skips (TAP) without
# kubectl.
set -u
command -v kubectl >/dev/null 2>&1 || { echo "1..0 # SKIP kubectl not installed"; exit 0; }
sim=${1:?usage: kubectl-graph.sh PATH-TO-scs-tui-sim}
SIM_ARGS="--speed 20"
. "$(dirname "$0")/../tui/simlib.sh"
k() { timeout 20 kubectl "$@"; }
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$tmp/out" "$tmp/err" 2>/dev/null | head -20; fail=1; }
# t NAME CMD...: the command succeeds.
t() { name=$1; shift; if "$@" >"$tmp/out" 2>"$tmp/err"; then ok "$name"; else notok "$name"; fi; }
# has PATTERN NAME: the last output matches.
has() { if grep -q -- "$1" "$tmp/out"; then ok "$2"; else notok "$2"; fi; }
# until_ NAME SECONDS CMD...: poll until the command succeeds.
until_() {
	name=$1; secs=$2; shift 2
	end=$(( $(date +%s) + secs ))
	while ! "$@" >"$tmp/out" 2>"$tmp/err"; do
		if [ "$(date +%s)" -ge "$end" ]; then notok "$name"; return; fi
		sleep 0.2
	done
	ok "$name"
}

t "get kcp,ms,mhc -A" k get kcp,ms,mhc -A
has "kubeadmcontrolplane.controlplane.cluster.x-k8s.io/prod-eu1-control-plane" "prod-eu1's control plane"
has "machineset.cluster.x-k8s.io/prod-eu1-md-0-" "prod-eu1's machine set"
has "machinehealthcheck.cluster.x-k8s.io/prod-eu1-md-0 " "prod-eu1's health check"
t "get openstackclusters -o yaml" k get openstackclusters -n tenant-a -o yaml
has "kind: OpenStackCluster" "OpenStackCluster objects"
has "apiVersion: infrastructure.cluster.x-k8s.io/v1beta1" "CAPO's v1beta1"
t "api-resources short names" k api-resources
has "^kubeadmcontrolplanes  *kcp " "kcp short name"
has "^machinesets  *ms " "ms short name"
has "^openstackmachines  *osm " "osm short name"

# The refs as CAPI sets them: v1beta2 apiGroup, v1beta1 apiVersion.
t "cluster refs (v1beta2)" k get cluster -n tenant-a prod-eu1 -o jsonpath='{.spec.infrastructureRef.apiGroup}/{.spec.infrastructureRef.kind}/{.spec.controlPlaneRef.kind}/{.spec.controlPlaneRef.name}'
has "^infrastructure.cluster.x-k8s.io/OpenStackCluster/KubeadmControlPlane/prod-eu1-control-plane$" "infrastructureRef and controlPlaneRef"
osc=$(k get cluster -n tenant-a prod-eu1 -o jsonpath='{.spec.infrastructureRef.name}')
t "the OpenStackCluster it names" k get openstackcluster -n tenant-a "$osc"
t "cluster refs (v1beta1)" k get clusters.v1beta1.cluster.x-k8s.io -n tenant-a prod-eu1 -o jsonpath='{.spec.controlPlaneRef.apiVersion}'
has "^controlplane.cluster.x-k8s.io/v1beta2$" "v1beta1 ref has apiVersion"
m=$(k get machines -n tenant-a -l cluster.x-k8s.io/cluster-name=prod-eu1,cluster.x-k8s.io/deployment-name=md-0 -o jsonpath='{.items[0].metadata.name}')
t "machine refs" k get machine -n tenant-a "$m" -o jsonpath='{.spec.bootstrap.configRef.kind}/{.spec.bootstrap.configRef.name} {.spec.infrastructureRef.kind}/{.spec.infrastructureRef.name}'
has "^KubeadmConfig/$m OpenStackMachine/$m$" "bootstrap configRef and infrastructureRef"
t "the machine's bootstrap config" k get kubeadmconfig -n tenant-a "$m"
t "the machine's OpenStackMachine" k get openstackmachine -n tenant-a "$m" -o jsonpath='{.status.instanceState} {.metadata.ownerReferences[0].kind}'
has "^ACTIVE Machine$" "OpenStackMachine ACTIVE, owned by its Machine"
t "machine owner" k get machine -n tenant-a "$m" -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}'
ms=$(sed 's|^MachineSet/||' "$tmp/out")
has "^MachineSet/prod-eu1-md-0-" "machine owned by a MachineSet"
t "machine set owner" k get ms -n tenant-a "$ms" -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}'
has "^MachineDeployment/prod-eu1-md-0$" "machine set owned by the MachineDeployment"

# A deleted machine is replaced; its companions go with it.
t "delete a machine" k delete machine -n tenant-a "$m" --wait=false
until_ "a replacement machine is running" 20 sh -c "test \"\$(kubectl get machines -n tenant-a -l cluster.x-k8s.io/cluster-name=prod-eu1,cluster.x-k8s.io/deployment-name=md-0 -o jsonpath='{range .items[*]}{.status.phase}{\"\\n\"}{end}' | grep -c Running)\" = 3"
until_ "its OpenStackMachine is gone" 20 sh -c "! kubectl get openstackmachine -n tenant-a $m 2>/dev/null"

# Rollout restart: a new MachineSet, machines replaced.
oldms=$(k get ms -n tenant-a -l cluster.x-k8s.io/cluster-name=staging -o jsonpath='{.items[0].metadata.name}')
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
t "rollout restart (spec.rollout.after)" k patch md -n tenant-a staging-md-0 --type merge -p "{\"spec\":{\"rollout\":{\"after\":\"$now\"}}}"
until_ "a new MachineSet takes the replicas" 30 sh -c "kubectl get ms -n tenant-a -l cluster.x-k8s.io/cluster-name=staging -o jsonpath='{range .items[*]}{.metadata.name} {.status.upToDateReplicas}{\"\\n\"}{end}' | grep -v \"^$oldms \" | grep -q ' 2\$'"
until_ "the old MachineSet is gone" 30 sh -c "! kubectl get ms -n tenant-a $oldms 2>/dev/null"
t "rolloutAfter in v1beta1" k get machinedeployments.v1beta1.cluster.x-k8s.io -n tenant-a staging-md-0 -o jsonpath='{.spec.rolloutAfter}'
has "^$now$" "spec.rolloutAfter"

# Pause: the control plane does not scale until resumed.
t "pause" k patch cluster -n tenant-a staging --type merge -p '{"spec":{"paused":true}}'
until_ "Paused condition True" 10 sh -c "kubectl get cluster -n tenant-a staging -o jsonpath='{.status.conditions[?(@.type==\"Paused\")].status}' | grep -qx True"
t "scale while paused" k patch cluster -n tenant-a staging --type merge -p '{"spec":{"topology":{"controlPlane":{"replicas":3}}}}'
t "paused: control plane unchanged" k get kcp -n tenant-a staging-control-plane -o jsonpath='{.spec.replicas}'
has "^1$" "still 1 replica"
t "resume" k patch cluster -n tenant-a staging --type merge -p '{"spec":{"paused":false}}'
until_ "resumed: 3 control plane machines ready" 30 sh -c "test \"\$(kubectl get kcp -n tenant-a staging-control-plane -o jsonpath='{.status.readyReplicas}')\" = 3"

# The topology webhook: a MachineDeployment class the class lacks.
if k patch cluster -n tenant-a staging --type json -p '[{"op":"replace","path":"/spec/topology/workers/machineDeployments/0/class","value":"nope"}]' >"$tmp/out" 2>"$tmp/err"; then
	notok "undefined MachineDeployment class refused"
else
	grep -q 'spec.topology.workers.machineDeployments\[md-0\].class: Invalid value: "nope": MachineDeploymentClass with name "nope" does not exist' "$tmp/err" && ok "undefined MachineDeployment class refused (422 on the field)" || notok "422 message"
fi
if k patch cluster -n tenant-a staging --type json -p '[{"op":"replace","path":"/spec/topology/workers/machineDeployments/0/class","value":5}]' >"$tmp/out" 2>"$tmp/err"; then
	notok "class: 5 refused"
else
	grep -q 'must be of type string' "$tmp/err" && ok "class: 5 refused" || notok "class: 5 message"
fi
# A tenant reads the graph of its namespace but may not delete machines.
t "tenant reads its control planes" k --context tenant-a get kcp -n tenant-a
if k --context tenant-a delete machine -n tenant-a "$(k get machines -n tenant-a -o jsonpath='{.items[0].metadata.name}')" >"$tmp/out" 2>"$tmp/err"; then
	notok "tenant may not delete machines"
else
	grep -q forbidden "$tmp/err" && ok "tenant may not delete machines (403)" || notok "403"
fi
finish
