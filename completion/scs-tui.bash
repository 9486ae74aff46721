# bash completion for scs-tui and scs-tui-sim                -*- sh -*-
#
# Installed into share/bash-completion/completions (loaded on demand by
# bash-completion); also works when sourced on its own, without
# bash-completion.

_scs_tui_views="clusters clusterclasses machinedeployments machines
clusterstacks clusterstackreleases clusteraddons secrets namespaces events
providerconfigs rolebindings"
_scs_tui_personas="auto iaas kaas tenant"
_scs_tui_scenarios="demo scale empty hostile capi capi-v1beta1"
_scs_tui_sim_users="csp-admin kaas-operator tenant-a tenant-b"

# _scs_tui_prog NAME: the program being completed if it runs, else NAME
# from PATH.
_scs_tui_prog()
{
	local p=${COMP_WORDS[0]}
	p=${p/#\~/$HOME}
	if [[ $p == */* && -x $p ]]; then
		printf '%s\n' "$p"
	else
		printf '%s\n' "$1"
	fi
}

# _scs_tui_contexts [KUBECONFIG-FILE]: context names, one per line. Asks
# scs-tui itself (its kubeconfig loader knows KUBECONFIG merging); falls
# back to reading the YAML with awk.
_scs_tui_contexts()
{
	local kc=$1 prog out files f
	prog=$(_scs_tui_prog scs-tui)
	if out=$("$prog" ${kc:+--kubeconfig "$kc"} --list-contexts \
	    2>/dev/null); then
		printf '%s\n' "$out"
		return
	fi
	if [[ -n $kc ]]; then
		files=$kc
	elif [[ -n ${KUBECONFIG-} ]]; then
		files=$KUBECONFIG
	else
		files=$HOME/.kube/config
	fi
	local IFS=:
	for f in $files; do
		[[ -r $f ]] || continue
		# Names of the top-level "contexts:" list (- name: X, name: X,
		# - {name: X, ...}).
		awk '
		/^[^ #-][^:]*:/ { inctx = ($0 ~ /^contexts:/); next }
		inctx && /^[- ]*\{/ && match($0, /[{,] *name: *[^,}]*/) {
			s = substr($0, RSTART, RLENGTH)
			sub(/^[{,] *name: */, "", s); sub(/[ \t]+$/, "", s)
			gsub(/^["'\'']|["'\'']$/, "", s); print s; next
		}
		inctx && /^[- ]*name:/ {
			sub(/^[- ]*name:[ \t]*/, ""); sub(/[ \t]+#.*$/, "")
			gsub(/^["'\'']|["'\'']$/, ""); print
		}' "$f"
	done
}

# _scs_tui_themes: shipped themes (next to the installed program), user
# themes, and the built-in names.
_scs_tui_themes()
{
	local prog dir f
	local -a dirs
	prog=$(_scs_tui_prog scs-tui)
	[[ $prog == */* ]] || prog=$(command -v "$prog" 2>/dev/null)
	if [[ -n $prog ]]; then
		dir=${prog%/*}
		dirs+=("$dir/../share/scs-tui/themes")
	fi
	dirs+=("${XDG_CONFIG_HOME:-$HOME/.config}/scs-tui/themes"
	    /usr/share/scs-tui/themes /usr/local/share/scs-tui/themes)
	printf '%s\n' default light high-contrast mono
	for dir in "${dirs[@]}"; do
		for f in "$dir"/*.yaml; do
			[[ -f $f ]] || continue
			f=${f##*/}
			printf '%s\n' "${f%.yaml}"
		done
	done
}

# _scs_tui_split: sets cur, prev and opt (an option whose value is being
# completed, or empty) whether or not '=' breaks words.
_scs_tui_split()
{
	local cword=$COMP_CWORD
	cur=${COMP_WORDS[cword]}
	prev=${COMP_WORDS[cword-1]}
	opt=
	if [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		cur=${cur#*=}
	elif [[ $cur == = ]]; then
		opt=$prev
		cur=
	elif [[ $prev == = ]]; then
		opt=${COMP_WORDS[cword-2]}
	elif [[ $prev == -* ]]; then
		opt=$prev
		eq=0
	fi
}

_scs_tui_files()
{
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen -f -- "$1"))
}

_scs_tui()
{
	local cur prev opt eq=1 kc= i
	local opts="--kubeconfig --context --namespace --all-namespaces
	    --persona --view --theme --readonly --redact --no-redact --mouse --show-keys
	    --config --print-config --as --as-group --demo --demo-speed
	    --script --script-delay --no-display --size --log --verbose
	    --version --help -n -A -v -h"
	COMPREPLY=()
	_scs_tui_split
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--kubeconfig) kc=${COMP_WORDS[i+1]}
			[[ $kc == = ]] && kc=${COMP_WORDS[i+2]} ;;
		--kubeconfig=*) kc=${COMP_WORDS[i]#*=} ;;
		esac
	done
	kc=${kc/#\~/$HOME}

	case $opt in
	--kubeconfig|--script|--log)
		_scs_tui_files "$cur"; return ;;
	--context)
		local IFS=$'\n'
		COMPREPLY=($(compgen -W "$(_scs_tui_contexts "$kc")" -- "$cur"))
		return ;;
	--persona)
		COMPREPLY=($(compgen -W "$_scs_tui_personas" -- "$cur")); return ;;
	--view)
		COMPREPLY=($(compgen -W "$_scs_tui_views" -- "$cur")); return ;;
	--theme)
		if [[ $cur == */* || $cur == .* ]]; then
			_scs_tui_files "$cur"
		else
			COMPREPLY=($(compgen -W "$(_scs_tui_themes | sort -u)" \
			    -- "$cur"))
		fi
		return ;;
	--demo)
		# --demo takes its scenario only as --demo=NAME.
		if [[ $eq == 1 ]]; then
			COMPREPLY=($(compgen -W "$_scs_tui_scenarios" -- "$cur"))
			return
		fi ;;
	--size)
		COMPREPLY=($(compgen -W "80x24 100x30 120x40 160x50" -- "$cur"))
		return ;;
	-n|--namespace|--as|--as-group|--script-delay|--demo-speed)
		return ;;
	esac
	if [[ $cur == -* || -z $cur ]]; then
		COMPREPLY=($(compgen -W "$opts --demo=" -- "$cur"))
		[[ ${COMPREPLY[*]} == *= ]] && compopt -o nospace 2>/dev/null
	fi
}

_scs_tui_sim()
{
	local cur prev opt eq=1
	local opts="--listen --plain-http --kubeconfig-out --user --scenario
	    --clusters --namespaces --secrets --classes --seed --speed --faults
	    --serve-rate --request-latency --quiet --version --help -h"
	COMPREPLY=()
	_scs_tui_split
	case $opt in
	--kubeconfig-out)
		_scs_tui_files "$cur"; return ;;
	--user)
		COMPREPLY=($(compgen -W "$_scs_tui_sim_users" -- "$cur")); return ;;
	--scenario)
		COMPREPLY=($(compgen -W "$_scs_tui_scenarios" -- "$cur")); return ;;
	--listen)
		COMPREPLY=($(compgen -W "127.0.0.1:6443 127.0.0.1:0" -- "$cur"))
		return ;;
	--faults)
		local f="drop-every= cut-list-every= cut-watch-after=
		    drop-watch-after= 429-every= 500-burst= slow= expire-continue
		    watch-410-every= hang-after= hang-every= restart-after= storm= storm-for=
		    no-watch-list old-watch forbid="
		local head=
		[[ $cur == *,* ]] && head=${cur%,*},
		COMPREPLY=($(compgen -P "$head" -W "$f" -- "${cur##*,}"))
		compopt -o nospace 2>/dev/null
		return ;;
	--clusters|--namespaces|--secrets|--classes|--seed|--speed|--serve-rate|\
	--request-latency)
		return ;;
	esac
	COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}

complete -F _scs_tui scs-tui
complete -F _scs_tui_sim scs-tui-sim
