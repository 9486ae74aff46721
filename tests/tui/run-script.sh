#!/bin/sh
# Run one headless TUI script against the embedded demo simulator and
# compare the @dump files it writes with tests/tui/expected/NAME-*.txt.
# REGEN=1 writes the dumps as the expected screens (review the diff!).
# The wall clock stands at SCS_NOW (default 2026-12-01T09:00:00Z).
# DEMO_SPEED (default 1) is the demo world's --demo-speed: under valgrind
# the console runs several times slower, and the world slows with it.
# Usage: run-script.sh SCS-TUI NAME [extra scs-tui flags...]
set -u
bin=$1; name=$2; shift 2
src=${SCS_SRCDIR:?}
out=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$out"' EXIT
script="$src/tests/tui/scripts/$name.script"
# A NAME with a slash is a presenter's script elsewhere in the tree
# (share/tour): run without its pauses for the audience (@sleep).
nosleep=
case $name in */*) script="$src/$name.script"; name=$(basename "$name"); nosleep='/^@sleep/d' ;; esac
sed -e "s|@OUT@|$out|g" ${nosleep:+-e "$nosleep"} "$script" >"$out/script"
# Drafts and other state stay in the test's own folder.
SCS_NOW=${SCS_NOW:-2026-12-01T09:00:00Z} XDG_STATE_HOME="$out/state" LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color \
timeout 60 ${SCS_WRAP:-} "$bin" --demo --no-display --size 80x24 --script "$out/script" \
	--log "$out/debug.log" -v --demo-speed "${DEMO_SPEED:-1}" "$@"
rc=$?
if [ "$rc" -ne "${EXPECT_RC:-0}" ]; then
	echo "scs-tui exited $rc, expected ${EXPECT_RC:-0}"
	exit 1
fi
fail=0
# NAME.check, when there is one, checks what the script left behind.
if [ -f "$src/tests/tui/scripts/$name.check" ]; then
	( . "$src/tests/tui/scripts/$name.check" ) || fail=1
fi
# Every dump is compared with its expected screen; a dump without one
# fails (REGEN=1 writes it). Only the server's port changes from run to
# run: the wall clock stands still (SCS_NOW), so ages are the real ones.
# The simulator's own timing annotations (milliseconds of its monotonic
# clock, in YAML) are not the wall clock's: they become MS.
norm() {
	sed -E -e 's/https:\/\/127\.0\.0\.1:[0-9]+/https:\/\/127.0.0.1:PORT/' \
	    -e 's/(sim\.scs\.community\/[a-z-]+-ms: )"[0-9]+"/\1"MS"/' "$1"
}
for got in "$out"/*.txt; do
	[ -e "$got" ] || continue
	want="$src/tests/tui/expected/$name-$(basename "$got")"
	if [ -n "${REGEN:-}" ]; then
		norm "$got" >"$want"
	elif [ ! -f "$want" ]; then
		echo "no expected screen for dump $(basename "$got"): $want (REGEN=1 writes it)"
		fail=1
	elif ! norm "$got" | diff -u "$want" -; then
		echo "screen differs: $(basename "$want")"
		# SCREENS_MOVE: under valgrind the simulator's reconcile (real
		# time) outruns the console on these screens; the plain pass
		# holds them to their goldens.
		[ -n "${SCREENS_MOVE:-}" ] || fail=1
	fi
done
# Every expected screen was dumped (NAME-X-DUMP.txt is script NAME-X's
# when there is one).
for want in "$src/tests/tui/expected/$name"-*.txt; do
	[ -e "$want" ] || continue
	dump=$(basename "$want" | sed "s/^$name-//")
	[ -f "$src/tests/tui/scripts/$name-${dump%%-*}.script" ] && continue
	[ -e "$out/$dump" ] || {
		echo "expected screen never dumped: $(basename "$want")"
		fail=1
	}
done
# Tokens (sim-USER-hex) and keys never reach the log.
if [ ! -s "$out/debug.log" ]; then
	echo "no debug log written"
	fail=1
elif grep -n -e 'sim-csp-admin-' -e 'sim-tenant-' -e 'sim-kaas-operator-' \
    -e 'PRIVATE KEY' -e 'SIMULATED-' "$out/debug.log"; then
	echo "a secret reached the log"
	fail=1
fi
# No secret value of the demo world may reach a screen: they all contain
# SIMULATED-, and the clouds.yaml ones start "clouds:" (Y2xvdWRz in base64).
if grep -l -e 'SIMULATED-' -e 'Y2xvdWRz' "$out"/*.txt 2>/dev/null; then
	echo "a secret value reached the screen"
	fail=1
fi
# No bidi control or invisible format character reaches a dump (they show
# as <U+202E> escapes): U+202A-E, U+2066-9, U+200B-F, U+061C, U+FEFF, U+2060.
if LC_ALL=C grep -l -e "$(printf '\342\200[\252-\256]')" \
    -e "$(printf '\342\201[\240\246-\251]')" \
    -e "$(printf '\342\200[\213-\217]')" -e "$(printf '\330\234')" \
    -e "$(printf '\357\273\277')" "$out"/*.txt 2>/dev/null; then
	echo "a bidi control or invisible format character reached a dump"
	fail=1
fi
exit $fail
