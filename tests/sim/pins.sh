#!/bin/sh
# Pins through kubectl against scs-tui-sim: the shipped policy
# (share/policies/scs-pins.yaml) passes a server dry-run and installs; a
# provider's scs-pins ConfigMap makes the simulator deny a tenant's
# Cluster that changes a pinned value, with the policy's message in the
# real apiserver's words; unpinning admits it again; expressions outside
# the simulator's CEL subset follow failurePolicy (and are logged).
# Skips (77) when kubectl is missing.
set -u
command -v kubectl >/dev/null 2>&1 || { echo "1..0 # SKIP kubectl not installed"; exit 0; }
sim=${1:?usage: pins.sh PATH-TO-scs-tui-sim}
policy="${SCS_SRCDIR:?}/share/policies/scs-pins.yaml"
. "$(dirname "$0")/../tui/simlib.sh"
# yes NAME CMD...: CMD succeeds; no NAME PATTERN CMD...: CMD fails and
# its stderr holds PATTERN (fixed string).
yes() { name=$1; shift; "$@" >"$tmp/out" 2>&1; say $? "$name" "$tmp/out"; }
no() {
	name=$1; pat=$2; shift 2
	if "$@" >"$tmp/out" 2>&1; then say 1 "$name (admitted)" "$tmp/out"
	else grep -qF -- "$pat" "$tmp/out"; say $? "$name" "$tmp/out"; fi
}
k() { timeout 20 kubectl "$@"; }

cluster() {	# cluster NAME FLAVOR DISK VERSION: a tenant-a Cluster
	cat >"$tmp/c.yaml" <<YAML
apiVersion: cluster.x-k8s.io/v1beta2
kind: Cluster
metadata:
  name: $1
  namespace: tenant-a
spec:
  topology:
    classRef:
      name: openstack-scs2-1-36-v1
    version: $4
    controlPlane:
      replicas: 1
    variables:
    - name: workerFlavor
      value: $2
    - name: workerRootDisk
      value: $3
YAML
}
pins() {	# pins KEY=VALUE...: the scs-pins ConfigMap of tenant-a
	{ printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: scs-pins\n  namespace: tenant-a\ndata:\n'
	  for kv in "$@"; do printf '  %s: "%s"\n' "${kv%%=*}" "${kv#*=}"; done
	} >"$tmp/pins.yaml"
}

yes "dry-run=server of the shipped policy" k apply --dry-run=server -f "$policy"
grep -q "validatingadmissionpolicybinding.admissionregistration.k8s.io/scs-pins created (server dry run)" "$tmp/out"; say $? "dry run names both objects" "$tmp/out"
yes "not stored by the dry run" sh -c "test -z \"\$(timeout 20 kubectl get validatingadmissionpolicies -o name)\""
no "kaas-operator may not install policies" "is forbidden" k --context kaas-operator apply -f "$policy"
yes "csp-admin installs it" k apply -f "$policy"
yes "kaas-operator reads the bindings" k --context kaas-operator get validatingadmissionpolicybindings scs-pins -o jsonpath='{.spec.paramRef.name}'
grep -qx "scs-pins" "$tmp/out"; say $? "paramRef is scs-pins" "$tmp/out"

cluster free-a SCS-2V-4 30 v1.36.2
yes "no pins: a tenant's choice is admitted" k --context tenant-a apply --dry-run=server -f "$tmp/c.yaml"
cluster legacy-a SCS-2V-4 30 v1.36.2
yes "a cluster made before the pins" k --context tenant-a apply -f "$tmp/c.yaml"

pins variable.workerFlavor=SCS-8V-32 variable.workerRootDisk=100 kubernetes.version=v1.36.2
yes "kaas-operator pins tenant-a" k --context kaas-operator apply -f "$tmp/pins.yaml"
no "tenant-a may not change its pins" "cannot patch resource \"configmaps\"" k --context tenant-a patch configmap -n tenant-a scs-pins --type merge -p '{"data":{"variable.workerFlavor":"x"}}'
yes "tenant-a reads its pins" k --context tenant-a get configmap -n tenant-a scs-pins
cluster free-a SCS-2V-4 30 v1.36.2
no "a changed flavor is denied" "clusters.cluster.x-k8s.io \"free-a\" is forbidden: ValidatingAdmissionPolicy 'scs-pins' with binding 'scs-pins' denied request: spec.topology.variables[workerFlavor] is pinned by your provider to SCS-8V-32; spec.topology.variables[workerRootDisk] is pinned by your provider to 100" k --context tenant-a apply -f "$tmp/c.yaml"
grep -q "Error from server (Forbidden)" "$tmp/out"; say $? "403 Forbidden" "$tmp/out"
cluster pinned-a SCS-8V-32 100 v1.36.2
yes "the pinned values are admitted" k --context tenant-a apply -f "$tmp/c.yaml"
no "a pinned variable left out is denied (the class default differs)" "spec.topology.variables[workerRootDisk] is pinned" sh -c "sed '/workerRootDisk/,+1d; s/pinned-a/short-a/' '$tmp/c.yaml' | timeout 20 kubectl --context tenant-a apply -f -"
no "an update changing a pin is denied" "spec.topology.variables[workerFlavor] is pinned by your provider to SCS-8V-32" k --context tenant-a patch cluster -n tenant-a pinned-a --type json -p '[{"op":"replace","path":"/spec/topology/variables/0/value","value":"SCS-2V-4"}]'
yes "an update leaving the topology alone is admitted" k --context tenant-a label cluster -n tenant-a pinned-a team=a
yes "a cluster made before the pins may still be labelled" k --context tenant-a label cluster -n tenant-a legacy-a team=a
yes "... and scaled (its old values kept)" k --context tenant-a patch cluster -n tenant-a legacy-a --type merge -p '{"spec":{"topology":{"controlPlane":{"replicas":5}}}}'
no "... but not moved off the pin" "spec.topology.variables[workerFlavor] is pinned by your provider to SCS-8V-32" k --context tenant-a patch cluster -n tenant-a legacy-a --type json -p '[{"op":"replace","path":"/spec/topology/variables/0/value","value":"SCS-1V-2"}]'
cat >"$tmp/md.yaml" <<'YAML'
[{"op":"add","path":"/spec/topology/workers","value":{"machineDeployments":[{"class":"default-worker","name":"md-0","variables":{"overrides":[{"name":"workerFlavor","value":"SCS-2V-4"}]}}]}}]
YAML
no "a machine deployment overriding a pin is denied" "spec.topology.workers.machineDeployments[md-0].variables.overrides change a variable pinned by your provider (workerFlavor, workerRootDisk)" k --context tenant-a patch cluster -n tenant-a pinned-a --type json --patch-file "$tmp/md.yaml"
pins kubernetes.version=v1.36.9
yes "pin a version" k --context kaas-operator apply -f "$tmp/pins.yaml"
cluster version-a SCS-2V-4 30 v1.36.2
no "another version is denied" "spec.topology.version is pinned by your provider to v1.36.9" k --context tenant-a apply --dry-run=server -f "$tmp/c.yaml"
yes "unpin (delete scs-pins)" k --context kaas-operator delete configmap -n tenant-a scs-pins
yes "without pins the tenant's values are admitted again" k --context tenant-a apply -f "$tmp/c.yaml"

# A policy outside the subset: failurePolicy decides, the log says why.
printf 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n  namespace: tenant-a\nstringData:\n  a: b\n' >"$tmp/secret.yaml"
cat >"$tmp/odd.yaml" <<'YAML'
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: odd
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups: [""]
      apiVersions: ["v1"]
      operations: ["CREATE"]
      resources: ["secrets"]
  validations:
  - expression: "object.metadata.name.matches('^ok-')"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: odd
spec:
  policyName: odd
  validationActions: [Deny]
YAML
yes "a policy outside the subset installs" k apply -f "$tmp/odd.yaml"
no "... and fails closed (failurePolicy Fail)" "ValidatingAdmissionPolicy 'odd' with binding 'odd' denied request: expression 'object.metadata.name.matches('^ok-')' resulted in error" k --context tenant-a apply --dry-run=server -f "$tmp/secret.yaml"
yes "the log names the expression" grep -q "ValidatingAdmissionPolicy 'odd': expression 'object.metadata.name.matches('^ok-')' is outside the simulator's CEL subset" "$tmp/sim.out"
sed 's/failurePolicy: Fail/failurePolicy: Ignore/' "$tmp/odd.yaml" >"$tmp/odd2.yaml"
yes "failurePolicy Ignore" k apply -f "$tmp/odd2.yaml"
yes "... admits" k --context tenant-a apply --dry-run=server -f "$tmp/secret.yaml"
sed '/^---/,$d; s/name: odd/name: bad/; s/matches(.^ok-.)/size() > 99 \&\&/' "$tmp/odd.yaml" >"$tmp/bad.yaml"
no "a syntax error is refused at create" "is invalid: spec.validations[0].expression: Invalid value: \"object.metadata.name.size() > 99 &&\": compilation failed: syntax error" k apply -f "$tmp/bad.yaml"
finish
