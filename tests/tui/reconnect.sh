#!/bin/sh
# A server that drops every connection and is down for two seconds (the
# simulator's restart-after fault, set at run time): scs-tui keeps running,
# the header says it is reconnecting, and once the server is back it says
# connected again and the table is whole. Skips without kubectl (used to
# set the fault). Usage: reconnect.sh SCS-TUI SCS-TUI-SIM
set -u
tui=${1:?}; sim=${2:?}
command -v kubectl >/dev/null 2>&1 || { echo "1..0 # SKIP kubectl not installed"; exit 0; }
. "$(dirname "$0")/simlib.sh"

cat >"$tmp/script" <<SCRIPT
@expect clusters(all)[12]
<C-l>
@expect reconnecting:
@dump $tmp/lost.txt
@expect  connected
@expect clusters(all)[12]
@dump $tmp/back.txt
j
@expect clusters(all)[12]
@quit
SCRIPT
"$tui" --kubeconfig "$tmp/k.yaml" --context csp-admin --view clusters \
    --no-display --size 100x30 --script "$tmp/script" -v --log "$tmp/log" \
    >"$tmp/out" 2>&1 &
tp=$!
wait_key "$tmp/log" C-l
printf 'restart-after=1:down=2000' >"$tmp/spec"
kubectl --context csp-admin create --raw /sim/faults -f "$tmp/spec" \
    >"$tmp/kout" 2>&1
say $? "the server drops every connection and is down for 2 s" "$tmp/kout"
wait $tp
say $? "scs-tui runs on through it" "$tmp/out"
head -1 "$tmp/lost.txt" 2>/dev/null | grep -q "reconnecting:"
say $? "while it is down the header says reconnecting" "$tmp/lost.txt"
head -1 "$tmp/back.txt" 2>/dev/null | grep -q " connected" &&
    ! grep -q "reconnecting" "$tmp/back.txt"
say $? "once it is back the header says connected" "$tmp/back.txt"
finish
