# Bash completion for svc-log, svc-score, svc-award, svc-report and
# svc-monthly, installed as completions/svc-log with a link per other
# command. It needs bash only, not the bash-completion package.
#
# The commands and options are read from the tool's own --help, so a new
# one completes without a change here. Kinds come from the [kind.NAME]
# sections of the policy (--policy on the line, else $SVC_POLICY); staff
# from the roster as svc-score lists it for today (--db, else $SVC_DB,
# else ./svc.db): a staff id, or a name's beginning, which completes to
# that person's id (the tools take ids).

# _svc_words TOOL: the tool's commands and options, from its --help.
_svc_words()
{
	local tool=$1
	"$tool" --help 2>&1 | awk -v t="${tool##*/}" '
	    { c = $1 == "usage:" ? 2 : 1
	      if ($c == t && $(c + 1) ~ /^[a-z]+$/) print $(c + 1)
	      for (i = c + 1; i < NF; i++)
		if ($i == "|" && $(i + 1) ~ /^[a-z]+$/) print $(i + 1) }
	    { for (i = 1; i <= NF; i++) if ($i ~ /^\[?--[a-z][a-z-]*/) {
		w = $i; sub(/^\[/, "", w); sub(/[^a-z-].*$/, "", w); print w } }' |
	    sort -u
}

# _svc_opt NAME: the value of option NAME on the line, or nothing.
_svc_opt()
{
	local i
	for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
		if [[ ${COMP_WORDS[i]} == "$1" ]]; then
			printf '%s\n' "${COMP_WORDS[i + 1]}"
			return
		fi
	done
}

# _svc_kinds [SECTION]: the kinds the policy names (or its work-order
# categories: _svc_kinds category).
_svc_kinds()
{
	local p s=${1:-kind}
	p=$(_svc_opt --policy)
	p=${p:-${SVC_POLICY:-}}
	[[ -n $p && -r $p ]] || return
	sed -n "s/^[[:space:]]*\\[$s\\.\\([^]]*\\)\\][[:space:]]*\\([;#].*\\)\\{0,1\\}\$/\\1/p" \
	    "$p"
}

# _svc_registers: the kinds the policy gives fields (svc-report register).
_svc_registers()
{
	local p
	p=$(_svc_opt --policy)
	p=${p:-${SVC_POLICY:-}}
	[[ -n $p && -r $p ]] || return
	awk '/^[[:space:]]*\[/ { k = "" }
	    /^[[:space:]]*\[kind\.[^]]*\]/ { sub(/^[[:space:]]*\[kind\./, "")
	        sub(/\].*/, ""); k = $0; next }
	    k != "" && /^[[:space:]]*field\./ { print k; k = "" }' "$p"
}

# _svc_staff CUR: "id" lines for staff whose id or name begins with CUR.
_svc_staff()
{
	local tool=$1 cur=$2 p db
	p=$(_svc_opt --policy)
	p=${p:-${SVC_POLICY:-}}
	db=$(_svc_opt --db)
	db=${db:-${SVC_DB:-./svc.db}}
	[[ -n $p && -r $p && -r $db ]] || return
	# svc-score is next to the tool being completed, or on PATH
	local score=svc-score
	[[ $tool == */* && -x ${tool%/*}/svc-score ]] && score=${tool%/*}/svc-score
	"$score" --policy "$p" --db "$db" --period today 2>/dev/null |
	    awk -F, -v cur="$cur" 'NR > 1 {
		id = $2; name = $3; gsub(/"/, "", id); gsub(/"/, "", name)
		if (index(id, cur) == 1 || index(name, cur) == 1) print id }'
}

# _svc_periods CUR: the period forms, this year's months and quarters.
_svc_periods()
{
	local y m
	y=$(date +%Y)
	printf '%s\n' today yesterday this-week last-week this-month \
	    last-month this-quarter last-quarter this-year last-year \
	    "$y" $((y - 1)) "$y-Q1" "$y-Q2" "$y-Q3" "$y-Q4"
	for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
		printf '%s\n' "$y-$m"
	done
}

# _svc_reply CUR WORD...: COMPREPLY from the words beginning with CUR
# (one a line), spaces kept.
_svc_reply()
{
	local cur=$1 w
	shift
	COMPREPLY=()
	while IFS= read -r w; do
		[[ -n $w && $w == "$cur"* ]] && COMPREPLY+=("$w")
	done <<<"$*"
}

_svc_files()
{
	compopt -o filenames 2>/dev/null
	local IFS=$'\n'
	COMPREPLY=($(compgen -f -- "$1"))
}

_svc()
{
	local tool=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]}
	local prev= name cmd= i
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	name=${tool##*/}
	COMPREPLY=()

	# the option's value being typed
	case $prev in
	--policy|--db|--roster|--awards|--map)
		_svc_files "$cur"; return ;;
	--format)
		_svc_reply "$cur" "$(printf '%s\n' text csv md html mail xlsx)"
		return ;;
	--encoding)
		_svc_reply "$cur" "$(printf '%s\n' utf-8 gb18030 gbk cp936)"
		return ;;
	--period)
		_svc_reply "$cur" "$(_svc_periods)"; return ;;
	--kind)
		# svc-report's --kind is a work-order category
		if [[ $name == svc-report ]]; then
			_svc_reply "$cur" "$(_svc_kinds category)"
		else
			_svc_reply "$cur" "$(_svc_kinds)"
		fi
		return ;;
	--category)
		_svc_reply "$cur" "$(_svc_kinds category)"; return ;;
	--staff|--explain|--first)
		_svc_reply "" "$(_svc_staff "$tool" "$cur")"; return ;;
	--status)
		if [[ $name == svc-award ]]; then
			_svc_reply "$cur" "$(printf '%s\n' proposed posted \
			    approved withdrawn paid replaced)"
		else
			_svc_reply "$cur" "$(printf '%s\n' open assigned \
			    waiting closed cancelled)"
		fi
		return ;;
	--as-of)
		_svc_reply "$cur" "$(date +%Y-%m-%d)"; return ;;
	--to)
		# svc-log copy's ledger; svc-monthly's is an address
		[[ $name == svc-log ]] && _svc_files "$cur"
		return ;;
	--dept|--batch|--due|--ts|--customer|--matter|--channel| \
	--resolution|--reason|--width|--cc|--from|--subject|--uphold| \
	--sheet|--days)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		_svc_reply "$cur" "$(_svc_words "$tool" | grep '^-')"
		return
	fi
	# the command: the first word that is neither an option nor its value
	local args=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--dry-run|--save|--partial|--replace|--active|--excel| \
		--ignore-extra|--overdue|--history|--attach-csv|--attach-xlsx) ;;
		-*) ((i++)) ;;
		*) args+=("${COMP_WORDS[i]}") ;;
		esac
	done
	if ((${#args[@]} == 0)); then
		case $name in
		svc-log|svc-award|svc-report)
			_svc_reply "$cur" "$(_svc_words "$tool" | grep -v '^-')"
			((${#COMPREPLY[@]})) && return ;;
		esac
		[[ $name == svc-monthly ]] && return
		_svc_files "$cur"
		return
	fi
	cmd=${args[0]}
	case $name:$cmd:${#args[@]} in
	svc-log:add:1)
		_svc_reply "$cur" "$(_svc_kinds)" ;;
	svc-report:register:1)
		_svc_reply "$cur" "$(_svc_registers)" ;;
	svc-log:add:2|svc-report:staff:1)
		_svc_reply "" "$(_svc_staff "$tool" "$cur")" ;;
	svc-log:order:1)
		_svc_reply "$cur" "$(printf '%s\n' open assign close cancel \
		    wait resume notify list)" ;;
	svc-log:order:3)
		[[ ${args[1]} == assign ]] &&
		    _svc_reply "" "$(_svc_staff "$tool" "$cur")" ;;
	svc-log:roster:1|svc-log:customers:1|svc-log:contacts:1| \
	svc-log:import:1|svc-score:*| \
	svc-award:*:*|svc-report:scores:*|svc-report:awards:*)
		_svc_files "$cur" ;;
	esac
}

complete -F _svc svc-log svc-score svc-award svc-report svc-monthly
