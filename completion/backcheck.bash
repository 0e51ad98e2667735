# bash completion for backcheck(1): commands, options, questionnaire ids, record ids, formats
# and files. The commands, each command's options and its formats are read from the program's
# own --help, so this file does not go out of date when an option is added. Needs nothing from
# the bash-completion package.

# The lines of `backcheck [COMMAND] --help` that name options: the usage and the option lines.
_backcheck_help() {
	"$1" ${2:+"$2"} --help 2>/dev/null | grep -E '^Usage:|^[[:space:]]+[-[]' |
		sed 's/^Usage: [^ ]*//'
}

_backcheck_commands() {
	"$1" --help 2>/dev/null | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit }
		on && /^  [^ ]/ { print $1 }'
}

_backcheck_options() {
	_backcheck_help "$1" "$2" | grep -oE '(^|[][ ,|])--?[A-Za-z][A-Za-z0-9-]*' |
		sed 's/^[][ ,|]//' | sort -u
}

# The formats COMMAND's --format takes: from "--format text|json", or, when the help names
# a placeholder ("--format FORMAT  text, json or html (a page); default: text"), the words
# its description lists.
_backcheck_formats() {
	local list
	list=$(_backcheck_help "$1" "$2" | grep -oE -- '--format[ =][a-z]+(\|[a-z]+)+' | head -n 1)
	if [ -n "$list" ]; then
		printf '%s\n' "${list#--format?}" | tr '|' '\n'
		return
	fi
	"$1" "$2" --help 2>/dev/null | awk '
		on && /^[[:space:]]*-/ { exit }
		on { text = text " " $0 }
		/^[[:space:]]*(-f, )?--format [A-Z]+ / { on = 1; sub(/^.*--format [A-Z]+ +/, ""); text = $0 }
		END { gsub(/\([^)]*\)/, "", text); sub(/;.*/, "", text); gsub(/,| or /, " ", text)
			n = split(text, w, " "); for (i = 1; i <= n; i++) if (w[i] ~ /^[a-z]+$/) print w[i] }'
}

# Whether COMMAND's option $3 takes a value: its help shows "--opt VALUE" (one space).
_backcheck_takes_value() {
	_backcheck_help "$1" "$2" | grep -qE -- "(^|[][ ,|])$3(, --[A-Za-z0-9-]+)?[ =][A-Za-z]"
}

# The folders questionnaire ids are looked up in, as the program does (see backcheck(1), FILES).
_backcheck_qdirs() {
	local exe dir
	local IFS=:
	for dir in ${BACKCHECK_QUESTIONNAIRES-}; do
		[ -n "$dir" ] && printf '%s\n' "$dir"
	done
	exe=$(type -P "$1" 2>/dev/null) && exe=$(readlink -f "$exe") || return 0
	exe=${exe%/*}
	printf '%s\n' "$exe/../share/backcheck/questionnaires" /usr/share/backcheck/questionnaires \
		/usr/local/share/backcheck/questionnaires "$exe/../../questionnaires" "$exe/questionnaires"
}

_backcheck_qids() {
	local dir f
	while IFS= read -r dir; do
		for f in "$dir"/*.yaml; do
			[ -f "$f" ] || continue
			f=${f##*/}
			printf '%s\n' "${f%.yaml}"
		done
	done < <(_backcheck_qdirs "$1") | sort -u
}

# Record ids in the history: --data-dir on the line, else $BACKCHECK_DATA_DIR, else XDG.
_backcheck_records() {
	local data=${BACKCHECK_DATA_DIR-} i f dir
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--data-dir)
			[ "${COMP_WORDS[i + 1]}" = = ] && data=${COMP_WORDS[i + 2]} || data=${COMP_WORDS[i + 1]} ;;
		esac
	done
	data=${data/#\~/$HOME}
	if [ -n "$data" ]; then
		dir=$data/records
	elif [ "${XDG_DATA_HOME:0:1}" = / ]; then
		dir=$XDG_DATA_HOME/backcheck/records
	else
		dir=$HOME/.local/share/backcheck/records
	fi
	for f in "$dir"/*.yaml; do
		[ -f "$f" ] || continue
		f=${f##*/}
		printf '%s\n' "${f%.yaml}"
	done
}

_backcheck_add() {
	local w
	while IFS= read -r w; do
		[ -n "$w" ] && COMPREPLY+=("$w")
	done < <(compgen -W "$1" -- "$2")
}

# Files and folders (or with -d folders only) starting with $1; a folder ends in '/'.
_backcheck_files() {
	local w kind=-f
	[ "$1" = -d ] && kind=-d && shift
	while IFS= read -r w; do
		[ -d "$w" ] && w+=/
		COMPREPLY+=("$w")
	done < <(compgen "$kind" -- "$1")
	compopt -o nospace -o filenames 2>/dev/null
	return 0
}

_backcheck() {
	COMPREPLY=()
	local bin=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev= cmd= i w
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	[ "$cur" = = ] && cur=
	[ "$prev" = = ] && ((COMP_CWORD > 1)) && prev=${COMP_WORDS[COMP_CWORD - 2]}
	bin=${bin/#\~/$HOME}
	local commands
	commands=$(_backcheck_commands "$bin")
	# The command is the first word that is one; before it, options belong to "run".
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w != -* ]] && grep -qxF -- "$w" <<<"$commands"; then
			cmd=$w
			break
		fi
	done
	[[ $prev == -* ]] && ! _backcheck_takes_value "$bin" "${cmd:-run}" "$prev" && prev=
	case $prev in
	-q | --questionnaire)
		# Ids, or a path once it looks like one.
		_backcheck_add "$(_backcheck_qids "$bin")" "$cur"
		[[ $cur == */* || $cur == .* ]] && _backcheck_files "$cur"
		return 0 ;;
	-f | --format)
		_backcheck_add "$(_backcheck_formats "$bin" "${cmd:-run}")" "$cur"
		return 0 ;;
	-a | --answers | -o | --output)
		_backcheck_files "$cur"
		return 0 ;;
	--data-dir)
		_backcheck_files -d "$cur"
		return 0 ;;
	--lang)
		return 0 ;;
	esac
	if [[ $cur == -* ]]; then
		local opts
		opts=$(_backcheck_options "$bin" "${cmd:-run}")
		[ -z "$cmd" ] && opts+=$'\n'$(_backcheck_options "$bin" "")
		_backcheck_add "$(sort -u <<<"$opts")" "$cur"
		return 0
	fi
	case $cmd in
	"") _backcheck_add "$commands" "$cur" ;;
	show | compare | delete) _backcheck_add "$(_backcheck_records)" "$cur" ;;
	lint | batch) _backcheck_files "$cur" ;;
	export-questionnaire)
		_backcheck_add "$(_backcheck_qids "$bin")" "$cur"
		[[ $cur == */* || $cur == .* ]] && _backcheck_files "$cur" ;;
	esac
	return 0
}

complete -F _backcheck backcheck
