#!/bin/sh
# policy-doc.sh SRCDIR: the policy README.md shows (the fenced block after
# the marker "<!-- share/policies/scs-pins.yaml -->") is, byte for byte,
# share/policies/scs-pins.yaml, the file meson installs. TAP.
set -u
src=${1:?usage: policy-doc.sh SRCDIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
awk '
	/^<!-- share\/policies\/scs-pins.yaml -->$/ { mark = 1; next }
	mark == 1 && /^```yaml$/ { mark = 2; next }
	mark == 2 && /^```$/ { exit }
	mark == 2 { print }
' "$src/README.md" >"$tmp/readme.yaml"
echo "1..2"
if [ -s "$tmp/readme.yaml" ]; then echo "ok 1 - README.md shows the policy"; else echo "not ok 1 - README.md shows the policy"; fi
if cmp -s "$tmp/readme.yaml" "$src/share/policies/scs-pins.yaml"; then
	echo "ok 2 - README.md's policy is the shipped file"
else
	echo "not ok 2 - README.md's policy is the shipped file"
	diff "$src/share/policies/scs-pins.yaml" "$tmp/readme.yaml" | sed 's/^/# /'
	exit 1
fi
