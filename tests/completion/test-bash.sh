#!/bin/bash
# test-bash.sh SCS-TUI COMPLETION-FILE: drive the bash completion the way
# bash does (COMP_WORDS, COMP_CWORD) and check COMPREPLY. TAP.
set -u

prog=$1
script=$2
data=${SCS_SRCDIR:?}/tests/data/kubeconfig

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config
mkdir -p "$HOME" "$XDG_CONFIG_HOME/scs-tui/themes"
printf 'name: mine\n' >"$XDG_CONFIG_HOME/scs-tui/themes/my-own.yaml"
unset KUBECONFIG

# shellcheck source=/dev/null
source "$script" || { echo "1..0 # SKIP cannot source $script"; exit 1; }

n=0
fail=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}

# complete FUNC WORD...: the last WORD is the one being completed.
complete_words() {
	local fn=$1; shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	"$fn"
}

has() {	# has WORD...: every WORD is in COMPREPLY
	local w r
	for w; do
		for r in "${COMPREPLY[@]}"; do [ "$r" = "$w" ] && continue 2; done
		echo "# missing '$w' in: ${COMPREPLY[*]}"
		return 1
	done
	return 0
}
hasnot() {
	local w r
	for w; do
		for r in "${COMPREPLY[@]}"; do
			[ "$r" = "$w" ] && { echo "# unexpected '$w'"; return 1; }
		done
	done
	return 0
}

complete -p scs-tui >/dev/null 2>&1; ok $? "complete -F registered for scs-tui"
complete -p scs-tui-sim >/dev/null 2>&1; ok $? "complete -F registered for scs-tui-sim"

# Flags: every flag of --help is offered.
complete_words _scs_tui "$prog" ""
flags=$("$prog" --help | grep -oE '^ +-[-a-zA-Z0-9]+|, --?[-a-zA-Z0-9]+' |
    sed 's/^[ ,]*//' | sort -u)
# shellcheck disable=SC2086
has $flags; ok $? "all flags of --help offered"
complete_words _scs_tui "$prog" --re
has --readonly --redact && [ ${#COMPREPLY[@]} -eq 2 ]; ok $? "--re -> --readonly --redact"
complete_words _scs_tui "$prog" --kubeconfig x.yaml --no
has --no-display; ok $? "flags after a flag with a value"

# Personas, views, scenarios.
complete_words _scs_tui "$prog" --persona ""
has auto iaas kaas tenant && [ ${#COMPREPLY[@]} -eq 4 ]; ok $? "--persona"
complete_words _scs_tui "$prog" --persona t
has tenant && [ ${#COMPREPLY[@]} -eq 1 ]; ok $? "--persona t -> tenant"
complete_words _scs_tui "$prog" --persona=k
has kaas; ok $? "--persona=k (one word) -> kaas"
complete_words _scs_tui "$prog" --persona = ""
has auto iaas kaas tenant; ok $? "--persona = '' (= breaks words)"
complete_words _scs_tui "$prog" --view cluster
has clusters clusterclasses clusterstacks clusterstackreleases clusteraddons
ok $? "--view cluster..."
complete_words _scs_tui "$prog" --demo=s
has scale; ok $? "--demo=s -> scale"
complete_words _scs_tui "$prog" --demo ""
hasnot demo scale && has --readonly; ok $? "--demo SPACE: flags, not scenarios"

# Themes: built-in names and user themes.
complete_words _scs_tui "$prog" --theme ""
has default light high-contrast mono my-own; ok $? "--theme: shipped and user themes"

# Contexts: through scs-tui --list-contexts.
complete_words _scs_tui "$prog" --kubeconfig "$data/a.yaml" --context ""
has ctx-a ctx-shared && [ ${#COMPREPLY[@]} -eq 2 ]; ok $? "--context from --kubeconfig"
complete_words _scs_tui "$prog" --kubeconfig="$data/a.yaml" --context ctx-s
has ctx-shared && [ ${#COMPREPLY[@]} -eq 1 ]; ok $? "--context prefix, --kubeconfig=FILE"
KUBECONFIG=$data/a.yaml:$data/sub/b.yaml
export KUBECONFIG
want=$("$prog" --list-contexts | sort | tr '\n' ' ')
complete_words _scs_tui "$prog" --context ""
got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
[ -n "$want" ] && [ "$want" = "$got" ]; ok $? "--context from \$KUBECONFIG (merged: $got)"
unset KUBECONFIG
mkdir -p "$HOME/.kube"
cp "$data/a.yaml" "$HOME/.kube/config"
complete_words _scs_tui "$prog" --context ""
has ctx-a ctx-shared; ok $? "--context from ~/.kube/config"

# The awk fallback when scs-tui is not runnable.
complete_words _scs_tui /nonexistent/scs-tui --kubeconfig "$data/a.yaml" --context ""
has ctx-a ctx-shared && [ ${#COMPREPLY[@]} -eq 2 ]; ok $? "--context awk fallback"
COMP_WORDS=(/nonexistent/scs-tui)
awkwant=$(_scs_tui_contexts "$data/sub/b.yaml" 2>/dev/null | sort | tr '\n' ' ')
realwant=$("$prog" --kubeconfig "$data/sub/b.yaml" --list-contexts | sort | tr '\n' ' ')
[ "$awkwant" = "$realwant" ]; ok $? "awk fallback agrees with the loader ($awkwant)"
awkwant=$(_scs_tui_contexts "$data/auth.yaml" 2>/dev/null | sort | tr '\n' ' ')
realwant=$("$prog" --kubeconfig "$data/auth.yaml" --list-contexts | sort | tr '\n' ' ')
[ -n "$awkwant" ] && [ "$awkwant" = "$realwant" ]
ok $? "awk fallback reads flow mappings too ({name: X, ...})"

# Files.
touch "$tmp/tour.script"
complete_words _scs_tui "$prog" --script "$tmp/tou"
has "$tmp/tour.script"; ok $? "--script completes files"

# scs-tui-sim.
complete_words _scs_tui_sim scs-tui-sim --user ""
has csp-admin kaas-operator tenant-a tenant-b; ok $? "sim --user"
complete_words _scs_tui_sim scs-tui-sim --scenario ""
has demo scale empty; ok $? "sim --scenario"
complete_words _scs_tui_sim scs-tui-sim --faults slow=10,dr
has slow=10,drop-every=; ok $? "sim --faults list"
complete_words _scs_tui_sim scs-tui-sim --k
has --kubeconfig-out; ok $? "sim flags"

echo "1..$n"
exit $fail
