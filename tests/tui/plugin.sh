#!/bin/sh
# Plugins of the configuration file (issue 15 point 5): a plugin's key
# runs its command on the selected object with $NAME $NAMESPACE $KIND
# $CONTEXT $CLUSTER $KUBECONFIG expanded; the command here is a script
# that records its arguments, KUBECONFIG, the file's mode and context.
# On a Cluster $KUBECONFIG is the workload cluster's kubeconfig in a
# 0600 temporary file, else the (embedded simulator's) management one;
# both are gone afterwards. The plugin is in ? and --print-config; a key
# clash is a configuration error with FILE:LINE:COL; confirm asks, kinds
# limit it, write hides and refuses it under --readonly.
# Usage: plugin.sh SCS-TUI
set -u
tui=${1:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export XDG_STATE_HOME="$tmp/state" LANG=C.UTF-8 LC_ALL=C.UTF-8 TMPDIR="$tmp/t"
mkdir -p "$TMPDIR"
n=0; fail=0
say() { n=$((n + 1)); if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; [ -n "${3:-}" ] && sed 's/^/# /' "$3"; fail=1; fi; }
check() { name=$1; shift; "$@" >"$tmp/o" 2>&1; say $? "$name" "$tmp/o"; }
cat >"$tmp/rec" <<SH
#!/bin/sh
for a in "\$@"; do echo "arg:\$a"; done >"$tmp/out"
echo "env:\$KUBECONFIG" >>"$tmp/out"
stat -c mode:%a "\$KUBECONFIG" >>"$tmp/out"
sed -n 's/^current-context: /context:/p' "\$KUBECONFIG" >>"$tmp/out"
exit 4
SH
chmod +x "$tmp/rec"
cat >"$tmp/cfg.yaml" <<EOF
plugins:
  rec:
    key: K
    description: Record what a plugin gets
    command: $tmp/rec
    args: [\$NAME, \$NAMESPACE, \$KIND, \$CONTEXT, \$CLUSTER, \$KUBECONFIG, "\${NAME}-x", \$HOME]
  ask:
    key: <F5>
    description: Asks first
    scopes: [tree]
    command: $tmp/rec
    confirm: true
  only:
    key: Z
    description: For clusters only
    kinds: [clusters]
    command: $tmp/rec
  wr:
    key: W
    description: Writes
    command: $tmp/rec
    write: true
EOF
run() {		# run SCRIPT-TEXT FLAGS...
	printf '%s\n' "$1" >"$tmp/script"; shift
	"$tui" --demo --no-display --size 100x30 --context tenant-a \
	    --config "$tmp/cfg.yaml" --script "$tmp/script" --log "$tmp/log" \
	    -v "$@"
}
arg() { sed -n "$1p" "$tmp/out"; }

run ':tree tenant-a/prod-eu1
<Enter>
@expect Cluster/prod-eu1
K
@expect plugin rec on Cluster prod-eu1 exited 4
?
@dump '"$tmp/help"'
@quit' --no-redact >"$tmp/o" 2>&1
say $? "K on the tree's Cluster ran the plugin and came back" "$tmp/o"
got=$(sed -n '1,5p;7,8p' "$tmp/out" | tr '\n' ' ')
test "$got" = 'arg:prod-eu1 arg:tenant-a arg:Cluster arg:tenant-a arg:prod-eu1 arg:prod-eu1-x arg:$HOME '
say $? "NAME NAMESPACE KIND CONTEXT CLUSTER \${NAME} expanded, \$HOME not ($got)"
kc=$(arg 6 | sed 's/^arg://')
test "$(arg 9)" = "env:$kc" && case $kc in "$TMPDIR"/scs-tui-prod-eu1-*) true ;; *) false ;; esac
say $? "\$KUBECONFIG and KUBECONFIG: a temporary file ($kc)"
grep -qx 'mode:600' "$tmp/out" && grep -qx 'context:prod-eu1-admin@prod-eu1' "$tmp/out"
say $? "0600, the workload cluster's kubeconfig" "$tmp/out"
test -z "$(ls "$TMPDIR")"; say $? "the file is gone"
! grep -q "client-key-data\|U0lNVUxBVEVE" "$tmp/log"; say $? "no key in the log"
grep -q '^  K  *Record what a plugin gets' "$tmp/help" && grep -q '^  F5  *Asks first' "$tmp/help"
say $? "? lists the plugins of the tree" "$tmp/help"

rm -f "$tmp/out"
run ':machinedeployments
<Enter>
@expect prod-eu1-md-0
K
@expect plugin rec on MachineDeployment
@quit' >"$tmp/o" 2>&1
say $? "K in a table: the plugin on the row's MachineDeployment" "$tmp/o"
md=$(arg 1 | sed 's/^arg://')
test "$(arg 3)" = arg:MachineDeployment && test "$(arg 5)" = "arg:${md%-md-*}"
say $? "KIND MachineDeployment, CLUSTER from its cluster-name label" "$tmp/out"
grep -qx 'mode:600' "$tmp/out" && grep -q '^context:' "$tmp/out" && ! grep -q 'context:prod-eu1-admin' "$tmp/out"
say $? "the management kubeconfig (the demo's, 0600)" "$tmp/out"
test -z "$(ls "$TMPDIR")"; say $? "its file is gone too"

rm -f "$tmp/out"
run ':machinedeployments
<Enter>
@expect prod-eu1-md-0
Z
@expect plugin only is for clusters, not MachineDeployment
:tree tenant-a/prod-eu1
<Enter>
@expect Cluster/prod-eu1
<F5>
@expect run plugin ask
n
@expect plugin ask: not run
@quit' >"$tmp/o" 2>&1
say $? "kinds: refused on another kind; confirm: n runs nothing" "$tmp/o"
test ! -e "$tmp/out"; say $? "nothing ran"

run ':tree tenant-a/prod-eu1
<Enter>
@expect Cluster/prod-eu1
W
@expect read-only: plugin wr is refused
K
@expect plugin rec on Cluster prod-eu1 exited 4
?
@dump '"$tmp/rohelp"'
@quit' --readonly --no-redact >"$tmp/o" 2>&1
say $? "--readonly: a write plugin refused, the others run" "$tmp/o"
! grep -q 'Writes' "$tmp/rohelp" && grep -q 'Record what' "$tmp/rohelp"
say $? "--readonly: ? leaves the write plugin out" "$tmp/rohelp"

rm -f "$tmp/out"
printf '%s\n' ':clusters' '<Enter>' '@expect clusters(all contexts)' '/web' \
    '<Enter>' 'G' 'K' '@expect plugin rec: this object is in another context' \
    'g' 'K' "@expect plugin rec: the kubeconfig of tenant-b/web: secrets is forbidden" \
    '@quit' >"$tmp/script"
"$tui" --demo --no-display --size 120x30 --context kaas-operator,csp-admin \
    --config "$tmp/cfg.yaml" --script "$tmp/script" --no-redact >"$tmp/o" 2>&1
say $? "fleet: another context's cluster refused, the own one's Secret asked for" "$tmp/o"
test ! -e "$tmp/out"; say $? "and nothing ran"

"$tui" --demo --config "$tmp/cfg.yaml" --print-config >"$tmp/printed" 2>&1
say $? "--print-config" "$tmp/printed"
grep -q '^plugins:' "$tmp/printed" && grep -q '^  wr: .*# from .*cfg.yaml:18' "$tmp/printed" && grep -q '^    write: true' "$tmp/printed"
say $? "--print-config lists the plugins with their line" "$tmp/printed"
sed 's/#.*//' "$tmp/printed" >"$tmp/again.yaml"
"$tui" --demo --config "$tmp/again.yaml" --print-config >/dev/null 2>"$tmp/o"
say $? "and that loads back" "$tmp/o"

printf 'plugins:\n  p:\n    key: E\n    command: true\n' >"$tmp/clash.yaml"
"$tui" --demo --config "$tmp/clash.yaml" --no-display --script /dev/null >"$tmp/o" 2>&1
rc=$?
test $rc = 2 && grep -q "clash.yaml:3:10: key 'E' is bound to both 'edit-yaml' and plugin 'p' in table" "$tmp/o"
say $? "a clash is a configuration error with FILE:LINE:COL (exit $rc)" "$tmp/o"
echo "1..$n"
exit $fail
