#!/bin/sh
# :shell (issue 15): $SHELL runs with KUBECONFIG set to a 0600 temporary
# file holding the workload cluster's kubeconfig; the file is gone
# afterwards and its keys never reach the log. SHELL here is a script
# that prints `kubectl config view` of $KUBECONFIG (kubectl's part skips
# without kubectl) and records the file's mode and name.
# Usage: shell.sh SCS-TUI
set -u
tui=${1:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export XDG_STATE_HOME="$tmp/state" LANG=C.UTF-8 LC_ALL=C.UTF-8 TMPDIR="$tmp"
n=0; fail=0
say() { n=$((n + 1)); if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; [ -n "${3:-}" ] && sed 's/^/# /' "$3"; fail=1; fi; }
cat >"$tmp/sh" <<SH
#!/bin/sh
echo "\$KUBECONFIG" >"$tmp/path"
stat -c %a "\$KUBECONFIG" >"$tmp/mode"
if command -v kubectl >/dev/null 2>&1; then
	kubectl config view >"$tmp/view" 2>&1
else
	echo "current-context: \$(sed -n 's/^current-context: //p' "\$KUBECONFIG")" >"$tmp/view"
fi
exit 3
SH
chmod +x "$tmp/sh"
run() {		# run SCRIPT-TEXT FLAGS...
	printf '%s\n' "$1" >"$tmp/script"; shift
	SHELL="$tmp/sh" "$tui" --demo --no-display --size 100x30 \
	    --script "$tmp/script" --log "$tmp/log" -v "$@"
}
run ':tree tenant-a/prod-eu1
<Enter>
@expect Cluster/prod-eu1
:shell
<Enter>
@expect shell on tenant-a/prod-eu1 exited 3
@quit' --context tenant-a --no-redact >"$tmp/out" 2>&1
say $? "scs-tui ran the shell from the tree and came back" "$tmp/out"
test -s "$tmp/path"; say $? "the shell saw KUBECONFIG"
test "$(cat "$tmp/mode" 2>/dev/null)" = 600; say $? "the file was 0600 ($(cat "$tmp/mode" 2>/dev/null))"
grep -q "current-context: prod-eu1-admin@prod-eu1" "$tmp/view"; say $? "kubectl config view shows the workload cluster" "$tmp/view"
test ! -e "$(cat "$tmp/path")"; say $? "the temporary file is gone"
! grep -q "client-key-data\|U0lNVUxBVEVE" "$tmp/log"; say $? "no key in the log"
rm -f "$tmp/path"
run ':shell tenant-a/nosuch
<Enter>
@expect shell: the kubeconfig of tenant-a/nosuch
@quit' --context tenant-a --no-redact >"$tmp/out" 2>&1
say $? "no kubeconfig Secret: said, no shell" "$tmp/out"
test ! -e "$tmp/path"; say $? "and no shell ran"
run ':shell tenant-a/prod-eu1
<Enter>
@expect --redact: no shell
@quit' --redact >"$tmp/out" 2>&1
say $? "--redact: refused" "$tmp/out"
echo "1..$n"
exit $fail
