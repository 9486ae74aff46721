#!/bin/sh
# test-zsh.sh SCS-TUI SCS-TUI-SIM COMPLETION-FILE: the zsh completion
# parses, its helpers list contexts and themes, and its _arguments specs
# cover every flag of --help. Skips when zsh is not installed. TAP.
set -u

prog=$1
sim=$2
comp=$3
data=${SCS_SRCDIR:?}/tests/data/kubeconfig

if ! command -v zsh >/dev/null 2>&1; then
	echo "1..0 # SKIP zsh not installed"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config"
mkdir -p "$HOME" "$XDG_CONFIG_HOME/scs-tui/themes"
: >"$XDG_CONFIG_HOME/scs-tui/themes/my-own.yaml"
unset KUBECONFIG

n=0
fail=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}
flags() {	# flags PROG: the options --help lists
	"$1" --help | grep -oE '^ +-[-a-zA-Z0-9]+|, --?[-a-zA-Z0-9]+' |
	    sed 's/^[ ,]*//' | sort -u
}

zsh -n "$comp"
ok $? "zsh -n $(basename "$comp")"

head -1 "$comp" | grep -qx '#compdef scs-tui scs-tui-sim'
ok $? "#compdef line names both programs"

# Helpers, sourced outside completion.
got=$(zsh -f -c 'source "$1" && _scs_tui_context_names "$2" "$3"' zsh \
    "$comp" "$data/a.yaml" "$prog" | sort | tr '\n' ' ')
[ "$got" = "ctx-a ctx-shared " ]
ok $? "contexts through scs-tui --list-contexts ($got)"
got=$(zsh -f -c 'source "$1" && _scs_tui_context_names "$2" /nonexistent' \
    zsh "$comp" "$data/auth.yaml" | sort | tr '\n' ' ')
want=$("$prog" --kubeconfig "$data/auth.yaml" --list-contexts | sort |
    tr '\n' ' ')
[ -n "$got" ] && [ "$got" = "$want" ]
ok $? "contexts through the awk fallback"
got=$(KUBECONFIG="$data/a.yaml:$data/sub/b.yaml" zsh -f -c \
    'source "$1" && _scs_tui_context_names "" "$2"' zsh "$comp" "$prog" |
    sort | tr '\n' ' ')
want=$(KUBECONFIG="$data/a.yaml:$data/sub/b.yaml" "$prog" --list-contexts |
    sort | tr '\n' ' ')
[ -n "$got" ] && [ "$got" = "$want" ]
ok $? "contexts from \$KUBECONFIG ($got)"
got=$(zsh -f -c 'source "$1" && _scs_tui_theme_names "$2"' zsh "$comp" \
    "$prog" | sort | tr '\n' ' ')
[ "$got" = "default high-contrast light mono my-own " ]
ok $? "themes: shipped and user ($got)"

# The _arguments specs, with _arguments replaced by a recorder.
for p in scs-tui scs-tui-sim; do
	zsh -f -c '
		_arguments() { print -rl -- "$@" }
		typeset -A compstate
		service=$2
		source "$1"' zsh "$comp" "$p" >"$tmp/specs.$p" 2>&1
	ok $? "$p: completion body runs"
	bin=$prog
	[ "$p" = scs-tui-sim ] && bin=$sim
	missing=
	for f in $(flags "$bin"); do
		grep -qE -- "^(\\([^)]*\\))?\\*?$f(=-|[-=+])?(\\[|\$)" "$tmp/specs.$p" ||
		    missing="$missing $f"
	done
	[ -z "$missing" ]
	ok $? "$p: every flag of --help has a spec${missing:+ (missing:$missing)}"
done

echo "1..$n"
exit $fail
