#!/bin/sh
# kubectl edit in the console (issue 15 point 4): :edit and E put the
# object's YAML in $EDITOR, here a script that records each call (its
# arguments, the file's mode, the file as given) and changes the file
# as ED_DO says; the server's dry run, the diff, y, read back with
# kubectl (those checks skip without kubectl). A write made while the
# editor is open gives a 409: the editor opens again with the user's
# change on the server's newer version. Bad YAML comes back with its
# line and column above the user's text; a server's refusal too. A
# Secret's values reach neither the screen nor the log. --readonly and
# a tenant without the right are refused before any editor runs.
# Usage: edit.sh SCS-TUI SCS-TUI-SIM
set -u
tui=${1:?}; sim=${2:?}
. "$(dirname "$0")/simlib.sh"
export TMPDIR="$tmp/t"
mkdir -p "$TMPDIR"
run() {		# run CONTEXT SCRIPT-TEXT [FLAGS]: scs-tui on the sim
	ctx=$1; printf '%s\n' "$2" >"$tmp/script"; shift 2
	EDITOR="$tmp/ed $tmp/calls" "$tui" --kubeconfig "$tmp/k.yaml" \
	    --context "$ctx" --no-display --size 100x30 --script "$tmp/script" \
	    --log "$tmp/log" -v --no-redact "$@"
}
kis() {		# kis WANT ARGS...: kubectl's output is WANT
	want=$1; shift
	command -v kubectl >/dev/null 2>&1 || { echo "# kubectl missing: skipped"; return 0; }
	got=$(timeout 20 kubectl "$@" 2>&1)
	[ "$got" = "$want" ] || { echo "got '$got', want '$want'"; return 1; }
}
# The editor: $1 the calls log (EDITOR has a word before the file, as
# "code --wait" would), $2 the file. Call N runs the sh text in
# $tmp/doN (none: the file is saved as it is).
cat >"$tmp/ed" <<'ED'
#!/bin/sh
log=$1; f=$2
n=$(( $(cat "$log.n" 2>/dev/null || echo 0) + 1 ))
echo "$n" >"$log.n"
echo "call $n $(stat -c %a "$f") $f" >>"$log"
cp "$f" "$log.$n"
dir=$(dirname "$log")
[ -f "$dir/do$n" ] && . "$dir/do$n"
exit 0
ED
chmod +x "$tmp/ed"
fresh() { rm -f "$tmp"/calls* "$tmp"/do*; }
calls() { cat "$tmp/calls.n" 2>/dev/null || echo 0; }

# 1. From the tree: E on the Cluster, a label added, y.
fresh
cat >"$tmp/do1" <<'EOF'
sed -i 's/^    managed-secret: clouds-yaml$/&\n    edited: by-scs-tui/' "$f"
EOF
check "E in the tree: the editor, the diff, y" run tenant-a ':tree tenant-a/staging
<Enter>
@expect cluster tenant-a/staging
E
@expect store this change to Cluster staging? [y/N]
@dump '"$tmp/diff"'
y
@expect edited Cluster tenant-a/staging
@quit'
check "the editor ran once on a 0600 .yaml file" sh -c "grep -q '^call 1 600 .*/scs-tui-Cluster-staging-.*\\.yaml\$' '$tmp/calls' && test \"\$(wc -l <'$tmp/calls')\" = 1"
check "the file: the note, then the object without managedFields" sh -c "head -1 '$tmp/calls.1' | grep -qx '# scs-tui edit: Cluster tenant-a/staging' && grep -q '^kind: Cluster' '$tmp/calls.1' && ! grep -q managedFields '$tmp/calls.1'"
check "the file is gone" sh -c "test -z \"\$(ls '$TMPDIR')\""
check "the diff shows the label added" grep -q '^+    edited: by-scs-tui' "$tmp/diff"
check "kubectl: the label is stored" kis by-scs-tui get cluster -n tenant-a staging -o jsonpath='{.metadata.labels.edited}'

# 2. Unchanged: nothing sent.
fresh
check ":edit RESOURCE NS/NAME saved unchanged: nothing sent" run tenant-a ':edit clusters tenant-a/staging
<Enter>
@expect edit of Cluster staging cancelled: no changes
@quit'

# 3. A 409: kubectl writes while the editor is open.
fresh
cat >"$tmp/do1" <<'EOF'
KUBECONFIG=$dir/k.yaml kubectl --context csp-admin label cluster -n tenant-a staging other=kubectl >/dev/null 2>&1
sed -i 's/^    edited: by-scs-tui$/    edited: again/' "$f"
EOF
if command -v kubectl >/dev/null 2>&1; then
	check "a write while editing: 409, the editor again, y" run tenant-a ':edit cluster/staging
<Enter>
@expect store this change to Cluster staging? [y/N]
y
@expect edited Cluster tenant-a/staging
@quit'
	check "the editor ran twice" test "$(calls)" = 2
	check "the second file says what changed and keeps the edit" sh -c "grep -q '^# The object changed on the server while you edited it (resourceVersion' '$tmp/calls.2' && grep -q '^#   +    other: kubectl' '$tmp/calls.2' && grep -q '^    edited: again' '$tmp/calls.2' && grep -q '^    other: kubectl' '$tmp/calls.2'"
	check "kubectl: both writes are stored" kis "again kubectl" get cluster -n tenant-a staging -o jsonpath='{.metadata.labels.edited} {.metadata.labels.other}'
else
	echo "ok - # SKIP kubectl missing: no conflicting write"
fi

# 4. Bad YAML: the editor again with the problem's line and column above
# the user's text; emptied: cancelled.
fresh
cat >"$tmp/do1" <<'EOF'
sed -i 's/^spec:$/spec: [oops/' "$f"
EOF
cat >"$tmp/do2" <<'EOF'
: >"$f"
EOF
check "bad YAML: the editor again; emptied: cancelled" run tenant-a ':edit cluster tenant-a/staging
<Enter>
@expect cancelled: an empty file
@quit'
check "the second file names the line and column, the text kept" sh -c "grep -q '^# error: line [0-9]*, column [0-9]*: ' '$tmp/calls.2' && grep -q '^spec: \\[oops' '$tmp/calls.2'"
check "kubectl: nothing changed" kis again get cluster -n tenant-a staging -o jsonpath='{.metadata.labels.edited}'

# 5. The server refuses (the webhook: no such Kubernetes version): the
# editor again with its words; saved as it is: cancelled.
fresh
cat >"$tmp/do1" <<'EOF'
sed -i 's/^    version: v1\..*/    version: vbad/' "$f"
EOF
check "the server's refusal: the editor again; unchanged: cancelled" run tenant-a ':edit cluster tenant-a/staging
<Enter>
@expect the problem stays; nothing changed
@quit'
check "the second file holds the server's words and the edit" sh -c "grep -q '^# error: the server refused it: ' '$tmp/calls.2' && grep -q '^    version: vbad' '$tmp/calls.2'"

# 6. A Secret: edited, its values on neither the screen nor in the log.
fresh
cat >"$tmp/do1" <<'EOF'
sed -i 's/^  cloudName: .*/  cloudName: b3BlbnN0YWNrMg==/' "$f"
EOF
check "a Secret: n leaves the diff, s stores it" run tenant-a ':edit secret openstack
<Enter>
@expect store this change to Secret openstack? [y/N]
@dump '"$tmp/sdiff"'
n
@expect not stored yet: s stores, Esc drops the edit
?
@expect Store the change the dry run showed
@dump '"$tmp/rhelp"'
<Esc>
s
@expect edited Secret tenant-a/openstack
@quit'
grep -q 'Next page' "$tmp/rhelp" &&
    ! grep -q 'YAML preview\|Send:' "$tmp/rhelp"
say $? "the review's help is its own (store, pages), not the form's" "$tmp/rhelp"
check "the diff masks the values and marks the changed one" sh -c "grep -q '^+  cloudName: \"<hidden: 10 bytes, changed>\"' '$tmp/sdiff' && ! grep -q 'b3BlbnN0YWNr\\|Y2xvdWRz' '$tmp/sdiff'"
check "no value in the log" sh -c "! grep -q 'b3BlbnN0YWNr\\|Y2xvdWRz\\|SIMULATED' '$tmp/log'"
check "kubectl: the value is stored" kis b3BlbnN0YWNrMg== get secret -n tenant-a openstack -o jsonpath='{.data.cloudName}'
check "--redact: no Secret is edited" run tenant-a ':edit secret openstack
<Enter>
@expect --redact: no Secret is edited
@quit' --redact

# 7. Refused before any editor: --readonly, a tenant without the right.
fresh
check "--readonly refuses :edit" run tenant-a ':edit cluster tenant-a/staging
<Enter>
@expect read-only: edit is refused
@quit' --readonly
check "a tenant may not update a control plane: told first" run tenant-a ':edit kcp prod-eu1-control-plane
<Enter>
@expect you may not update kubeadmcontrolplanes in tenant-a
@quit'
check "no editor ran" test "$(calls)" = 0
finish
