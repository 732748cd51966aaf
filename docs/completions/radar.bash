# bash completion for radar and adr (installed as
# share/bash-completion/completions/radar and .../adr).
# Commands and options come from the binary's own help, entry names from
# `radar list --format json`, ADR numbers from `adr list`.

_radar_dir_args() {
	# -C DIR given earlier on the line applies to the lookups too.
	local i
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} == -C ]]; then
			printf -- '-C\n%s\n' "${COMP_WORDS[i + 1]}"
			return
		fi
	done
}

_radar_entries() {
	local -a dir
	mapfile -t dir < <(_radar_dir_args)
	"$1" "${dir[@]}" list --format json 2>/dev/null |
		sed -n 's/^ *"id": "\([^"]*\)",*$/\1/p'
}

_radar_adr_numbers() {
	local -a dir
	mapfile -t dir < <(_radar_dir_args)
	local -a cmd=("$1" adr list)
	[[ ${1##*/} == adr ]] && cmd=("$1" list)
	(cd "${dir[1]:-.}" 2>/dev/null && "${cmd[@]}" 2>/dev/null) |
		sed -n 's|^\(.*/\)\{0,1\}0*\([0-9][0-9]*\)-[^/]*\.md$|\2|p'
}

_radar_commands() {
	"$1" help 2>/dev/null | awk '/^Commands:/ { f = 1; next } /^$/ { f = 0 } f { print $1 }'
}

_radar_options() {
	"$1" "$2" --help 2>/dev/null | grep -o -E -- '(^| )--?[a-zA-Z][a-zA-Z-]*' | tr -d ' ' | sort -u
}

_radar_adr() {
	local prog=$1 cur=$2 prev=$3 sub=$4
	local subs="init new link list show status generate upgrade-repository help"
	if [[ -z $sub ]]; then
		COMPREPLY=($(compgen -W "$subs" -- "$cur"))
		return
	fi
	case $sub in
	show | status | link)
		COMPREPLY=($(compgen -W "$(_radar_adr_numbers "$prog")" -- "$cur")) ;;
	new)
		case $prev in
		-s | -l) COMPREPLY=($(compgen -W "$(_radar_adr_numbers "$prog")" -- "$cur")) ;;
		*) [[ $cur == -* ]] && COMPREPLY=($(compgen -W "-s -l --madr" -- "$cur")) ;;
		esac ;;
	generate)
		COMPREPLY=($(compgen -W "toc graph" -- "$cur")) ;;
	init)
		COMPREPLY=($(compgen -d -- "$cur")) ;;
	esac
}

_radar() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local prog=${COMP_WORDS[0]} cmd= sub= i
	# the command: the first word that is not an option or an option's value
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-C | --rev | --format) ((i++)) ;;
		-*) ;;
		*) if [[ -z $cmd ]]; then cmd=${COMP_WORDS[i]}; elif [[ -z $sub ]]; then sub=${COMP_WORDS[i]}; fi ;;
		esac
	done
	case $prev in
	-C) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
	--rev | --since) COMPREPLY=($(compgen -W "HEAD $(git tag 2>/dev/null) $(git branch --format='%(refname:short)' 2>/dev/null)" -- "$cur")); return ;;
	-o | --output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--theme) COMPREPLY=($(compgen -W "light dark" -- "$cur")); return ;;
	--preset) COMPREPLY=($(compgen -W "slide-16x9 slide-4x3 a4" -- "$cur")); return ;;
	esac
	if [[ ${prog##*/} == adr ]]; then
		_radar_adr "$prog" "$cur" "$prev" "$cmd"
		return
	fi
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "-C --rev --format --help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_radar_commands "$prog") adr help" -- "$cur"))
		fi
		return
	fi
	if [[ $cmd == adr ]]; then
		_radar_adr "$prog" "$cur" "$prev" "$sub"
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_radar_options "$prog" "$cmd")" -- "$cur"))
		return
	fi
	case $cmd in
	score | show | rate | move | history | judge)
		[[ -z $sub || ($cmd == move && $sub == "$cur") ]] &&
			COMPREPLY=($(compgen -W "$(_radar_entries "$prog")" -- "$cur")) ;;
	help)
		COMPREPLY=($(compgen -W "$(_radar_commands "$prog")" -- "$cur")) ;;
	esac
}

complete -F _radar radar adr
