#!/bin/sh
# check-deb.sh SRCDIR: the Debian packages that ./dev deb left in
# SRCDIR/build-deb, unpacked into a scratch root (dpkg -x: the machine
# stays as it was), work outside the source tree: scs-tui runs the
# shipped tour on its demo with the shipped high-contrast theme, man
# finds and formats both pages, and bash completes from the installed
# file. TAP; skips (1..0 # SKIP) without packages, or with packages built
# from another tree than this one.
set -u

src=$1
debs=$src/build-deb
skip() { echo "1..0 # SKIP $*"; exit 0; }

command -v dpkg-deb >/dev/null 2>&1 || skip "dpkg-deb not installed"
set -- "$debs"/scs-tui_*.deb
tui=$1
set -- "$debs"/scs-tui-sim_*.deb
sim=$1
[ -f "$tui" ] && [ -f "$sim" ] ||
	skip "no packages in build-deb/ (./dev deb builds them)"
[ "$(cat "$debs/tree.sha256" 2>/dev/null)" = \
    "$("$src/tests/install/tree.sh" hash "$src")" ] ||
	skip "build-deb/ was built from another tree (./dev deb again)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
root=$tmp/root
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" \
    XDG_STATE_HOME="$tmp/state" LC_ALL=C.UTF-8 TERM=xterm-256color
unset KUBECONFIG
mkdir -p "$HOME"

n=0
fail=0
ok() {	# ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}

dpkg-deb -x "$tui" "$root" && dpkg-deb -x "$sim" "$root"
ok $? "dpkg-deb -x both packages into a scratch root"
for f in usr/bin/scs-tui usr/bin/scs-tui-sim \
    usr/share/man/man1/scs-tui.1.gz usr/share/man/man1/scs-tui-sim.1.gz \
    usr/share/scs-tui/tour.script usr/share/scs-tui/themes/high-contrast.yaml \
    usr/share/bash-completion/completions/scs-tui \
    usr/share/zsh/site-functions/_scs-tui \
    usr/share/doc/scs-tui/examples/config.example.yaml \
    usr/share/doc/scs-tui/copyright usr/share/doc/scs-tui-sim/copyright; do
	[ -e "$root/$f" ]
	ok $? "$f shipped"
done
dpkg-deb -f "$tui" Depends | grep -q 'libncursesw6' &&
    dpkg-deb -f "$sim" Depends | grep -q 'libmicrohttpd'
ok $? "Depends from shlibs (ncursesw, microhttpd)"

# The tour as shipped, without its presenter pauses (@sleep): every
# @expect of it must come true (else exit 3); its last screen, before
# it quits, is dumped.
bin=$root/usr/bin/scs-tui
sed -e '/^@sleep/d' -e "s|^:q\$|@dump $tmp/end.txt\n:q|" \
    "$root/usr/share/scs-tui/tour.script" >"$tmp/tour.script"
grep -q '^@dump' "$tmp/tour.script" || echo "@dump $tmp/end.txt" >>"$tmp/tour.script"
tour() {
	timeout 60 "$bin" --demo --no-display --size 100x30 \
	    --theme high-contrast --script "$tmp/tour.script" \
	    --log "$tmp/tour.log" >"$tmp/tour.out" 2>&1
}
tour
rc=$?
ok $rc "installed scs-tui runs the shipped tour, high-contrast theme (exit $rc)"
[ $rc -eq 0 ] || sed 's/^/# /' "$tmp/tour.out"
[ -s "$tmp/end.txt" ]
ok $? "the tour's last screen was dumped"
# The theme came from the scratch root, not from the machine or the
# source tree: without it, the same run fails.
if [ -e /usr/share/scs-tui/themes/high-contrast.yaml ]; then
	echo "ok $((n = n + 1)) # SKIP scs-tui is installed on this machine"
else
	rm "$root/usr/share/scs-tui/themes/high-contrast.yaml"
	tour
	rc=$?
	[ $rc -eq 2 ] && grep -q "theme 'high-contrast' not found" "$tmp/tour.out"
	ok $? "the theme was the scratch root's (without it: exit $rc)"
fi

# man, as a user types it, on the installed pages.
if command -v man >/dev/null 2>&1; then
	for p in scs-tui scs-tui-sim; do
		where=$(MANPATH="$root/usr/share/man" man -w "$p" 2>&1)
		[ "$where" = "$root/usr/share/man/man1/$p.1.gz" ]
		ok $? "man -w $p: the installed page ($where)"
		MANPATH="$root/usr/share/man" MANPAGER=cat MANWIDTH=80 \
		    man "$p" >"$tmp/man.txt" 2>"$tmp/man.err"
		rc=$?
		[ $rc -eq 0 ] && grep -q '^NAME' "$tmp/man.txt" &&
		    grep -q -- '--help' "$tmp/man.txt" && [ ! -s "$tmp/man.err" ]
		ok $? "man $p formats (exit $rc, no warnings)"
		sed 's/^/# /' "$tmp/man.err"
	done
else
	echo "ok $((n = n + 1)) # SKIP man not installed (apt-get install man-db)"
fi

# bash: bash-completion's own loader finds the file next to the
# program (PATH), else the file is sourced as is; then --th<Tab> and
# --theme <Tab> complete, the themes listed from the scratch root.
if command -v bash >/dev/null 2>&1; then
	: >"$root/usr/share/scs-tui/themes/only-in-root.yaml"
	PATH="$root/usr/bin:$PATH" bash -c '
	root=$1
	if [ -r /usr/share/bash-completion/bash_completion ]; then
		. /usr/share/bash-completion/bash_completion
		XDG_DATA_DIRS=$root/usr/share __load_completion scs-tui ||
		    { echo "# bash-completion did not load it"; exit 1; }
		echo "# loaded by bash-completion"
	else
		. "$root/usr/share/bash-completion/completions/scs-tui"
	fi
	fn=$(complete -p scs-tui | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
	[ -n "$fn" ] || exit 1
	comp() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=(); $fn; }
	comp scs-tui --th
	[ "${COMPREPLY[*]}" = "--theme" ] || { echo "# --th: ${COMPREPLY[*]}"; exit 1; }
	comp scs-tui --theme only-
	[ "${COMPREPLY[*]}" = "only-in-root" ] ||
	    { echo "# --theme only-: ${COMPREPLY[*]}"; exit 1; }
	' sh "$root"
	ok $? "bash completes scs-tui from the installed file"
else
	echo "ok $((n = n + 1)) # SKIP bash not installed"
fi

echo "1..$n"
exit $fail
