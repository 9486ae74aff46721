# simlib.sh: sourced by the TUI tests that need a simulator of their own.
# Starts scs-tui-sim ($sim) on a free loopback port with its kubeconfig in
# $tmp/k.yaml (KUBECONFIG), state under $tmp/state (more simulator options
# in SIM_ARGS), and gives TAP helpers:
#   say RC NAME [FILE]    "ok"/"not ok" from an exit code; FILE on failure
#   check NAME CMD...     say for a command's exit code and output
#   finish                the plan line; exits with the result
#   run SCRIPT-TEXT       scs-tui ($tui) as tenant-a on the sim, 100x40,
#                         log in $tmp/log (a test wanting other flags
#                         defines its own run after sourcing this)
#   wait_key LOG KEY      wait (up to 10 s) until scs-tui's debug log LOG
#                         shows that it read KEY (a script's cue to the
#                         shell: type KEY, then @wait FILE while the shell
#                         acts and creates FILE)
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
"$sim" --listen 127.0.0.1:0 --kubeconfig-out "$tmp/k.yaml" --quiet ${SIM_ARGS:-} \
	>"$tmp/sim.out" 2>&1 &
pid=$!
i=0
while [ ! -s "$tmp/k.yaml" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
export XDG_STATE_HOME="$tmp/state" LANG=C.UTF-8 LC_ALL=C.UTF-8
export KUBECONFIG="$tmp/k.yaml"
# kubectl's discovery cache is per host and port: a port another run's
# simulator (another world: v1beta1 preferred) had must not answer for this one.
export KUBECACHEDIR="$tmp/kube-cache"
n=0; fail=0
say() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && sed 's/^/# /' "$3"
		fail=1
	fi
}
check() {
	name=$1; shift
	"$@" >"$tmp/out" 2>&1
	say $? "$name" "$tmp/out"
}
finish() {
	echo "1..$n"
	exit $fail
}
run() {
	printf '%s\n' "$1" >"$tmp/script"
	"$tui" --kubeconfig "$tmp/k.yaml" --context tenant-a --no-display \
	    --size 100x40 --script "$tmp/script" --log "$tmp/log"
}
wait_key() {
	i=0
	until grep -q "key $2 at" "$1" 2>/dev/null || [ $i -ge 200 ]; do
		sleep 0.05; i=$((i + 1))
	done
}
