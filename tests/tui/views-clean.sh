#!/bin/sh
# views-clean.sh TUI-DIR: the views (every file with a struct view_ops,
# and the picker they open) see actions, never keys, and stand
# below the app: no view file holds a raw key (a KEY_ code, a key
# compared or switched on, a key() handler) or calls a function app.c
# defines (the loop's; what views use is in services.c and prompt.c).
set -u
dir=$1
# Every file that defines a view (its struct view_ops), and the views
# that must be there.
views=$(cd "$dir" && grep -l "struct view_ops .*= {" *.c | tr '\n' ' ')
# The picker is the views' list of choices: its moves are actions too;
# the prompt's line is entry.c's text (its edits actions of scope entry),
# its questions' answer an action; table.c draws the lists.
for v in alerts.c detail.c entry.c fleet.c form.c help.c overview.c picker.c \
    prompt.c stack.c table.c tree.c view-table.c; do
	case " $views " in *" $v "*) ;; *) views="$views $v" ;; esac
done
fail=0
n=0
for v in $views; do
	n=$((n + 1))
	if [ ! -f "$dir/$v" ]; then
		echo "not ok $n - $v: missing"
		fail=1
		continue
	fi
	hits=$(grep -nE "KEYS_SPECIAL|\<KEY_[A-Z]|case '([^']|\\\\.)':|\<key *[!=]=|\(struct view \*, int key\)|^\s*\.key\s*=" "$dir/$v")
	if [ -n "$hits" ]; then
		echo "not ok $n - $v has raw keys"
		echo "$hits" | sed 's/^/# /'
		fail=1
	else
		echo "ok $n - $v: no raw keys"
	fi
done
# The functions app.c defines for others (not static).
fns=$(awk '/^[a-z_][a-z_0-9]*\(/ && prev !~ /^static/ { sub(/\(.*/, ""); print }
    { prev = $0 }' "$dir/app.c")
if [ -z "$fns" ]; then
	echo "not ok $((n + 1)) - no functions found in app.c"
	fail=1
else
	pat=$(echo $fns | sed 's/ /|/g')
	hits=$(cd "$dir" && grep -nwE "($pat)" $views)
	if [ -n "$hits" ]; then
		echo "not ok $((n + 1)) - views call into app.c ($pat)"
		echo "$hits" | sed 's/^/# /'
		fail=1
	else
		echo "ok $((n + 1)) - no view calls into app.c ($pat)"
	fi
fi
echo "1..$((n + 1))"
exit $fail
