#!/bin/sh
# A cluster form submit that fails through server faults keeps the input:
# on screen, in the 0600 draft, and the next start sends it once the
# server is well. Faults are set at run time through the simulator's
# /sim/faults (kubectl create --raw as csp-admin; skips without kubectl).
# Then a tenant that may not read its ConfigMaps (forbid=configmaps) is
# told in the form that its provider's pins cannot be read.
# Usage: form-faults.sh SCS-TUI SCS-TUI-SIM
set -u
tui=${1:?}; sim=${2:?}
command -v kubectl >/dev/null 2>&1 || { echo "1..0 # SKIP kubectl not installed"; exit 0; }
. "$(dirname "$0")/simlib.sh"
# Drafts are keyed by server, context, namespace and form:
# tenant-a-new-cluster@tenant-a-HASH.json
draftf() { for f in "$tmp"/state/scs-tui/drafts/tenant-a-new-cluster@tenant-a-*.json; do [ -e "$f" ] && echo "$f"; done; }
faults() {	# faults SPEC: replace the simulator's faults now
	printf '%s' "$1" >"$tmp/spec"
	kubectl --context csp-admin create --raw /sim/faults -f "$tmp/spec" \
	    >/dev/null 2>"$tmp/kerr" || { cat "$tmp/kerr"; return 1; }
}

# One fault: fill in the form, wait (the shell sets the fault when the
# log shows the C-l typed just before the @wait, then creates the file
# it waits for), submit, and look.
for spec in 500-burst=100000 drop-every=1 429-every=1:retry=1; do
	name=f-$(printf '%s' "$spec" | tr -c 'a-z0-9\n' '-' | cut -c1-20)
	rm -f "$tmp"/state/scs-tui/drafts/*.json "$tmp/log" "$tmp/fault-set"
	cat >"$tmp/script" <<SCRIPT
@expect My clusters
c
@expect create a cluster
/metadata.name
<Enter>
<Enter>
$name
<Enter>
@expect $name
<C-l>
@wait $tmp/fault-set
s
@expect your input is kept
@expect $name
@dump $tmp/screen.txt
@quit
SCRIPT
	"$tui" --kubeconfig "$tmp/k.yaml" --context tenant-a --no-display \
	    --size 100x40 --script "$tmp/script" -v --log "$tmp/log" \
	    >"$tmp/out" 2>&1 &
	tp=$!
	wait_key "$tmp/log" C-l
	faults "$spec" >"$tmp/fout" 2>&1
	say $? "$spec: fault set while the form is open" "$tmp/fout"
	: >"$tmp/fault-set"
	wait $tp
	rc=$?
	faults "" >/dev/null 2>&1
	say $rc "$spec: scs-tui says the submit failed and shows the input" \
	    "$tmp/out"
	grep -q "$name" "$tmp/screen.txt" 2>/dev/null
	say $? "$spec: the name is still in the form"
	grep -q "\"$name\"" "$(draftf)" 2>/dev/null
	say $? "$spec: the draft holds the input"
done

# The server is well again: the draft comes back and is created.
cat >"$tmp/script" <<SCRIPT
@expect My clusters
c
@expect your draft is back
@expect $name
s
@expect created tenant-a/$name
@quit
SCRIPT
"$tui" --kubeconfig "$tmp/k.yaml" --context tenant-a --no-display \
    --size 100x40 --script "$tmp/script" --log "$tmp/log2" >"$tmp/out" 2>&1
say $? "after the faults the draft is sent and created" "$tmp/out"
kubectl --context tenant-a -n tenant-a get cluster "$name" \
    -o 'jsonpath={.metadata.name}' >"$tmp/out" 2>&1
grep -qx "$name" "$tmp/out"
say $? "kubectl reads the created cluster back" "$tmp/out"
test -z "$(draftf)"
say $? "no draft is left"

# A tenant that may not read the ConfigMaps of its namespace (RBAC
# without that grant: forbid=configmaps) is told in the form that its
# provider's pins cannot be read; with the grant back, no such line.
pins_form() {	# pins_form DUMP: open the create form, dump it
	cat >"$tmp/script" <<SCRIPT
@expect My clusters
c
@expect create a cluster
@expect ${2:-workerFlavor}
@dump $1
@quit
SCRIPT
	"$tui" --kubeconfig "$tmp/k.yaml" --context tenant-a --no-display \
	    --size 100x40 --script "$tmp/script" --log "$tmp/log3" \
	    >"$tmp/out" 2>&1
}
faults forbid=configmaps >"$tmp/fout" 2>&1
say $? "forbid=configmaps set" "$tmp/fout"
if kubectl --context tenant-a -n tenant-a get configmap scs-pins >"$tmp/out" 2>&1; then
	say 1 "kubectl: tenant-a may not read its ConfigMaps" "$tmp/out"
else
	grep -q 'is forbidden: User "tenant-a" cannot get resource "configmaps"' "$tmp/out"
	say $? "kubectl: tenant-a may not read its ConfigMaps" "$tmp/out"
fi
pins_form "$tmp/unreadable.txt" "cannot be read"
say $? "the form opens without the pins" "$tmp/out"
sed -n 4p "$tmp/unreadable.txt" | grep -q "^⚠ the pins of tenant-a cannot be read (forbidden): a value your provider pinned"
say $? "the form says the pins cannot be read, under its title" "$tmp/unreadable.txt"
faults "" >/dev/null 2>&1
pins_form "$tmp/readable.txt"
say $? "with the grant back the form opens" "$tmp/out"
! grep -q "cannot be read" "$tmp/readable.txt"
say $? "and says nothing of unreadable pins" "$tmp/readable.txt"
! grep -q 'sim-tenant-\|sim-csp-' "$tmp/log" "$tmp/log2" "$tmp/log3"
say $? "no token in the logs"
finish
