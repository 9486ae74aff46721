#!/bin/sh
# check-man.sh PROG PAGE: the man page PAGE formats without a single groff
# warning, and every option that `PROG --help` lists appears in it. TAP.
set -u

prog=$1
page=$2
name=$(basename "$page")

if ! command -v groff >/dev/null 2>&1; then
	echo "1..0 # SKIP groff not installed (apt-get install groff-base)"
	exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

n=0
fail=0
ok() {	# ok COND-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
	fi
}

# 1. No warnings at all (-ww), with the UTF-8 and the ASCII device.
for dev in utf8 ascii; do
	LC_ALL=C.UTF-8 groff -man -T$dev -ww -z "$page" >"$tmp/warn" 2>&1
	rc=$?
	[ -s "$tmp/warn" ] && rc=1
	ok $rc "$name: groff -man -T$dev -ww: no warnings"
	sed 's/^/# /' "$tmp/warn"
done
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint -Wwarning "$page" >"$tmp/lint" 2>&1
	rc=$?
	ok $rc "$name: mandoc -Tlint -Wwarning"
	sed 's/^/# /' "$tmp/lint"
fi

# 2. Every option of --help is in the page, as rendered (no hyphenation,
# long lines, so that an option is never split).
LC_ALL=C.UTF-8 groff -man -Tutf8 -P-cbou -rHY=0 -rLL=250n "$page" \
    2>/dev/null >"$tmp/text"
"$prog" --help >"$tmp/help" 2>&1
ok $? "$(basename "$prog") --help exits 0"
# Options are words starting with - or -- at the start of a help line or
# after ", ".
grep -oE '^ +-[-a-zA-Z0-9]+|, --?[-a-zA-Z0-9]+' "$tmp/help" |
    sed 's/^[ ,]*//' | sort -u >"$tmp/opts"
[ -s "$tmp/opts" ]
ok $? "$(basename "$prog") --help lists options ($(wc -l <"$tmp/opts"))"
while read -r opt; do
	grep -qE -- "(^|[^-a-zA-Z0-9])$opt([^-a-zA-Z0-9]|\$)" "$tmp/text"
	ok $? "$name documents $opt"
done <"$tmp/opts"

# 3. The page has the sections a user looks for.
for sec in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" EXAMPLES \
    "SEE ALSO"; do
	grep -q "^$sec\$" "$tmp/text"
	ok $? "$name has section $sec"
done

echo "1..$n"
exit $fail
