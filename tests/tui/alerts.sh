#!/bin/sh
# On-call alerts across a fleet of two contexts (csp-admin and
# kaas-operator on one simulator): a healthy cluster turns degraded while
# scs-tui shows the KaaS overview; the header raises the alert, `!` lists
# it once per context, Enter opens the cluster's tree and acknowledges.
# The cluster is annotated with kubectl (skips without it).
# Usage: alerts.sh SCS-TUI SCS-TUI-SIM
set -u
tui=${1:?}; sim=${2:?}
command -v kubectl >/dev/null 2>&1 || { echo "1..0 # SKIP kubectl not installed"; exit 0; }
. "$(dirname "$0")/simlib.sh"

cat >"$tmp/script" <<SCRIPT
@expect kaas overview
@expect synced
<C-l>
@expect ALERT: 2 clusters turned failed or degraded
@expect 2 alerts (!)
!
@expect 2 unacknowledged
@expect kaas-operator tenant-a/prod-eu1
@expect csp-admin tenant-a/prod-eu1
@dump $tmp/alerts.txt
<Enter>
@expect prod-eu1
@dump $tmp/tree.txt
<Esc>
@expect 1 unacknowledged
A
@expect 0 unacknowledged
@quit
SCRIPT
"$tui" --kubeconfig "$tmp/k.yaml" --context csp-admin,kaas-operator \
    --persona kaas --no-display --size 120x40 --script "$tmp/script" -v \
    --log "$tmp/log" >"$tmp/out" 2>&1 &
tp=$!
wait_key "$tmp/log" C-l
kubectl --context csp-admin -n tenant-a annotate cluster prod-eu1 \
    sim.scs.community/degraded="worker quota exceeded" >"$tmp/kout" 2>&1
say $? "prod-eu1 annotated degraded" "$tmp/kout"
wait $tp
say $? "the alert is raised, listed per context, opened and acknowledged" \
    "$tmp/out"
grep -q "worker quota exceeded\|degraded" "$tmp/alerts.txt" 2>/dev/null
say $? "the alert says what changed"
grep -q "prod-eu1" "$tmp/tree.txt" 2>/dev/null
say $? "Enter opened the cluster's tree"
finish
