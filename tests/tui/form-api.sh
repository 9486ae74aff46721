#!/bin/sh
# The cluster form end to end against scs-tui-sim: a failed create keeps
# a 0600 draft that the next start reopens; the created Cluster, read back
# with kubectl, is what the form sent. kubectl checks skip when it is
# missing. Usage: form-api.sh SCS-TUI SCS-TUI-SIM
set -u
tui=${1:?}; sim=${2:?}
. "$(dirname "$0")/simlib.sh"
# Drafts are keyed by server, context, namespace and form:
# tenant-a-new-cluster@tenant-a-HASH.json
draftf() { for f in "$tmp"/state/scs-tui/drafts/tenant-a-new-cluster@tenant-a-*.json; do [ -e "$f" ] && echo "$f"; done; }

check "a refused create keeps the input" run '@expect My clusters
c
@expect create a cluster
/metadata.name
<Enter>
<Enter>
prod-eu1
<Enter>
s
@expect exists already
@quit'
check "the draft is on disk" test -s "$(draftf)"
check "the draft is private (0600)" sh -c "ls -l '$(draftf)' | grep -q '^-rw-------'"
check "the draft holds the input" grep -q '"prod-eu1"' "$(draftf)"

check "the next start reopens the draft; create" run '@expect My clusters
c
@expect your draft is back
@expect prod-eu1
/metadata.name
<Enter>
<Enter>
<C-u>
api-1
<Enter>
/workerFlavor
<Enter>
<Enter>
<C-u>
SCS-8V-16
<Enter>
@expect SCS-8V-16
/md-0
<Enter>
j
j
<Enter>
<C-u>
2
<Enter>
s
@expect created tenant-a/api-1
@quit'
check "a created cluster leaves no draft" test -z "$(draftf)"

if command -v kubectl >/dev/null 2>&1; then
	get() { kubectl --context tenant-a -n tenant-a get cluster api-1 -o "jsonpath=$1"; }
	check "the cluster exists" get '{.metadata.name}'
	check "its class" sh -c "[ \"\$(kubectl --context tenant-a -n tenant-a get cluster api-1 -o jsonpath='{.spec.topology.classRef.name}')\" = openstack-scs2-1-36-v1 ]"
	check "its version" sh -c "[ \"\$(kubectl --context tenant-a -n tenant-a get cluster api-1 -o jsonpath='{.spec.topology.version}')\" = v1.36.2 ]"
	check "the chosen flavor" sh -c "kubectl --context tenant-a -n tenant-a get cluster api-1 -o jsonpath='{.spec.topology.variables[?(@.name==\"workerFlavor\")].value}' | grep -qx SCS-8V-16"
	check "the worker replicas" sh -c "[ \"\$(kubectl --context tenant-a -n tenant-a get cluster api-1 -o jsonpath='{.spec.topology.workers.machineDeployments[0].replicas}')\" = 2 ]"
else
	n=$((n + 1)); echo "ok $n # SKIP kubectl not installed"
fi
# Clone: the create form filled from an existing cluster; the created
# object equals its source on every variable and MachineDeployment.
check "clone prod-eu1" run '@expect My clusters
:clone prod-eu1
<Enter>
@expect a copy of tenant-a/prod-eu1
@expect SCS-8V-16
<Enter>
<C-u>
copy-1
<Enter>
s
@expect created tenant-a/copy-1
@quit'
if command -v kubectl >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
	kubectl --context tenant-a -n tenant-a get cluster prod-eu1 -o json >"$tmp/src.json"
	kubectl --context tenant-a -n tenant-a get cluster copy-1 -o json >"$tmp/dst.json"
	check "the clone equals its source (class, version, control plane, MDs, every variable)" python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["spec"]["topology"]
d = json.load(open(sys.argv[2]))["spec"]["topology"]
assert s["classRef"]["name"] == d["classRef"]["name"], "class"
assert s["version"] == d["version"], "version"
assert s["controlPlane"].get("replicas") == d["controlPlane"].get("replicas"), "cp"
sm, dm = s["workers"]["machineDeployments"], d["workers"]["machineDeployments"]
assert len(sm) == len(dm), "mds"
for a, b in zip(sm, dm):
    for k in ("name", "class", "replicas", "failureDomain", "variables"):
        assert a.get(k) == b.get(k), "md " + k
dv = {v["name"]: v.get("value") for v in d.get("variables", [])}
for v in s.get("variables", []):
    assert dv.get(v["name"]) == v.get("value"), "variable " + v["name"]
print("ok", len(s.get("variables", [])), "variables")
' "$tmp/src.json" "$tmp/dst.json"
else
	n=$((n + 1)); echo "ok $n # SKIP kubectl or python3 not installed"
fi

# Drafts are keyed by server: a context of the same name on a second
# simulator never gets the first one's draft; Esc keeps it and says where.
"$sim" --listen 127.0.0.1:0 --kubeconfig-out "$tmp/k2.yaml" --quiet \
	>"$tmp/sim2.out" 2>&1 &
pid2=$!
i=0
while [ ! -s "$tmp/k2.yaml" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
run2() {	# run2 SCRIPT-TEXT: as run, on the second simulator
	printf '%s\n' "$1" >"$tmp/script"
	"$tui" --kubeconfig "$tmp/k2.yaml" --context tenant-a --no-display \
	    --size 100x40 --script "$tmp/script" --log "$tmp/log"
}
check "Esc keeps a draft and says where" run '@expect My clusters
c
@expect create a cluster
/metadata.name
<Enter>
<Enter>
keyed-1
<Enter>
<Esc>
@expect your draft is kept in
@expect tenant-a-new-cluster@tenant-a-
@quit'
check "the draft is on disk" test -n "$(draftf)"
check "the same context name on another server: no draft" run2 '@expect My clusters
c
@expect create a cluster
@dump '"$tmp"'/other.txt
/metadata.name
<Enter>
<Enter>
other-2
<Enter>
@quit'
check "... its form is empty" sh -c "! grep -q -e keyed-1 -e 'draft is back' '$tmp/other.txt'"
check "... and its draft file is another" sh -c "[ \$(ls '$tmp'/state/scs-tui/drafts/ | wc -l) -eq 2 ]"
check "the first server gets its draft back" run '@expect My clusters
c
@expect your draft is back
@expect keyed-1
X
@expect discard your changes and the draft
y
@expect changes discarded
@quit'
check "discarded: its file is gone" test -z "$(draftf | xargs grep -l keyed-1 2>/dev/null)"
kill $pid2 2>/dev/null
wait $pid2 2>/dev/null
check "no token in the log" sh -c "! grep -q 'sim-tenant-' '$tmp/log'"

# A write between the review and the send that changes nothing in spec
# (another manager's label; the controllers' status) leaves what the user
# reviewed what the server would store: the 409 is met by sending again,
# not by a second review.
if command -v kubectl >/dev/null 2>&1; then
	rm -f "$tmp/label-set"
	# A first write: the webhook defaults the cluster's variables (as
	# CAPI's does on any write), so the one under review adds nothing.
	kubectl --context csp-admin label clusters.cluster.x-k8s.io -n tenant-a \
	    prod-eu1 reviewed=before >/dev/null 2>&1
	printf '%s\n' '@expect My clusters
:edit prod-eu1
<Enter>
@expect edit cluster tenant-a/prod-eu1
/control plane replicas
<Enter>
<Enter>
<C-u>
5
<Enter>
s
@expect what the server would store
@expect +    replicas: 5
<C-l>
@wait '"$tmp"'/label-set
s
@expect updated tenant-a/prod-eu1
@quit' >"$tmp/script"
	"$tui" --kubeconfig "$tmp/k.yaml" --context tenant-a --no-display \
	    --size 100x40 --script "$tmp/script" -v --log "$tmp/log.409" \
	    >"$tmp/out" 2>&1 &
	tp=$!
	wait_key "$tmp/log.409" C-l
	kubectl --context csp-admin label clusters.cluster.x-k8s.io -n tenant-a \
	    prod-eu1 reviewed=elsewhere --overwrite >"$tmp/lout" 2>&1
	say $? "a label written while the diff is reviewed" "$tmp/lout"
	: >"$tmp/label-set"
	wait $tp
	say $? "the reviewed send goes through the 409 without a second review" \
	    "$tmp/out"
	kubectl --context csp-admin get clusters.cluster.x-k8s.io -n tenant-a \
	    prod-eu1 -o jsonpath='{.spec.topology.controlPlane.replicas} {.metadata.labels.reviewed}' \
	    >"$tmp/got" 2>&1
	grep -qx '5 elsewhere' "$tmp/got"
	say $? "the server holds the reviewed change and the other's label" "$tmp/got"
fi
finish
