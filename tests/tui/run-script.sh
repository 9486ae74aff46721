#!/bin/sh
# Run one headless TUI script against the embedded demo simulator and
# compare the @dump files it writes with tests/tui/expected/NAME-*.txt.
# REGEN=1 writes the dumps as the expected screens (review the diff!).
# Usage: run-script.sh SCS-TUI NAME [extra scs-tui flags...]
set -u
bin=$1; name=$2; shift 2
src=${SCS_SRCDIR:?}
out=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$out"' EXIT
script="$src/tests/tui/scripts/$name.script"
# A NAME with a slash is a script elsewhere in the tree (share/tour).
case $name in */*) script="$src/$name.script"; name=$(basename "$name") ;; esac
sed "s|@OUT@|$out|g" "$script" >"$out/script"
# Drafts and other state stay in the test's own folder.
XDG_STATE_HOME="$out/state" LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color \
timeout 60 ${SCS_WRAP:-} "$bin" --demo --no-display --size 80x24 --script "$out/script" \
	--log "$out/debug.log" -v "$@"
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
if [ -n "${REGEN:-}" ]; then
	for got in "$out"/*.txt; do
		[ -e "$got" ] && cp "$got" "$src/tests/tui/expected/$name-$(basename "$got")"
	done
fi
for want in "$src/tests/tui/expected/$name"-*.txt; do
	[ -e "$want" ] || continue
	got="$out/$(basename "$want" | sed "s/^$name-//")"
	# Ages and the server port change from run to run.
	# Ages anywhere on a line become "~".
	norm() { sed -E 's/https:\/\/127\.0\.0\.1:[0-9]+/https:\/\/127.0.0.1:PORT/; s/(^|[ (])[0-9]+[smhdy]([0-9]+[smhd])?([ )…]|$)/\1~\3/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIME/g; s/ +$//' "$1"; }
	if ! norm "$want" | diff -u - "$(norm "$got" >"$got.n"; echo "$got.n")"; then
		echo "screen differs: $(basename "$want")"
		fail=1
	fi
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
exit $fail
