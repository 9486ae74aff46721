#!/bin/sh
# On-call truth (issue 14): the API server stops answering without
# closing its connections (kill -STOP of the simulator, as a hung
# apiserver or a dead load balancer). With silence: 2000 in the config
# the header leaves "connected" for "no answer for Ns" and the view marks
# its data stale with its age, the alerts list the context, `i` shows
# the whole connection error wrapped; after kill -CONT the header says connected
# again, the marks go, and the watches are back: a cluster annotated
# degraded then raises its alert. Skips without kubectl.
# Usage: hang.sh SCS-TUI SCS-TUI-SIM
set -u
tui=${1:?}; sim=${2:?}
command -v kubectl >/dev/null 2>&1 || { echo "1..0 # SKIP kubectl not installed"; exit 0; }
. "$(dirname "$0")/simlib.sh"

printf 'silence: 2000\n' >"$tmp/config.yaml"
cat >"$tmp/script" <<SCRIPT
@expect clusters(all)[12]
@expect connected
<C-l>
@expect no answer for
@expect stale: data from
@dump $tmp/lost.txt
!
@expect context csp-admin
@dump $tmp/alerts.txt
<Esc>
i
@expect last connection error
@dump $tmp/status.txt
<Esc>
j
@expect connected
@dump $tmp/back.txt
k
@expect 1 alert (!)
@quit
SCRIPT
"$tui" --kubeconfig "$tmp/k.yaml" --context csp-admin --view clusters \
    --config "$tmp/config.yaml" --no-display --size 80x24 \
    --script "$tmp/script" -v --log "$tmp/log" >"$tmp/out" 2>&1 &
tp=$!
wait_key "$tmp/log" C-l
kill -STOP "$pid"
t0=$(date +%s)
wait_key "$tmp/log" j
t1=$(date +%s)
kill -CONT "$pid"
wait_key "$tmp/log" k
t2=$(date +%s)
kubectl --context csp-admin -n tenant-a annotate cluster prod-eu1 \
    sim.scs.community/degraded="worker quota exceeded" >"$tmp/kout" 2>&1
say $? "prod-eu1 annotated degraded after the server came back" "$tmp/kout"
wait $tp
say $? "scs-tui saw the hang, the recovery and the change after it" "$tmp/out"
head -1 "$tmp/lost.txt" 2>/dev/null | grep -q "no answer for [0-9]*s" &&
    ! head -1 "$tmp/lost.txt" | grep -q " connected"
say $? "while hung the header says no answer, never connected" "$tmp/lost.txt"
sed -n 3p "$tmp/lost.txt" 2>/dev/null |
    grep -q "stale: data from [0-9][0-9]:[0-9][0-9]:[0-9][0-9], [0-9]*s ago"
say $? "the table marks its data stale with its time and age" "$tmp/lost.txt"
grep -q "! .* context csp-admin .*no answer" "$tmp/alerts.txt" 2>/dev/null
say $? "the alerts list the context that does not answer" "$tmp/alerts.txt"
grep -q "timed out after [0-9]* *$" "$tmp/status.txt" 2>/dev/null &&
    grep -q "^ *milliseconds" "$tmp/status.txt"
say $? ":status (i) shows the whole connection error, wrapped" \
    "$tmp/status.txt"
grep -q "probes failed in a row: [1-9]" "$tmp/status.txt" 2>/dev/null
say $? ":status counts the failed probes" "$tmp/status.txt"
[ $((t1 - t0)) -le 10 ]
say $? "found within 10 s with silence 2 s ($((t1 - t0)) s)"
head -1 "$tmp/back.txt" 2>/dev/null | grep -q " connected" &&
    ! grep -q "stale\|no answer" "$tmp/back.txt"
say $? "once it answers the header says connected, the marks are gone" \
    "$tmp/back.txt"
[ $((t2 - t1)) -le 10 ]
say $? "recovered within 10 s ($((t2 - t1)) s)"
finish
