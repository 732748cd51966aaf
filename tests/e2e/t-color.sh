# No escape bytes when NO_COLOR is set or the output is not a terminal (stdout
# and stderr alike); with a terminal (through script(1), when available) NO_COLOR
# still wins.
. "$E2E_DIR/lib.sh"

make_demo demo
cp -R demo broken
sed -i 's/^quadrant: .*/quadrant: tool/' broken/radar/ruff.yaml
echo "colour: blue" >> broken/radar/uv.yaml
cp -R demo writes

# Every kind of output: tables with mismatches, scorecards, errors, warnings, help.
CASES="score mojo|score langchain|score pyo3|list|list --ring hold|show mojo|show langchain|check|--help|score --help|score nosuch|scroe"

# no_escapes LABEL CMD...: run, and neither stdout nor stderr has an ESC byte.
no_escapes() {
	local label=$1
	shift
	run "$@"
	expect_no_escape "$OUT" "stdout of $label"
	expect_no_escape "$ERR" "stderr of $label"
}

# --- not a terminal, NO_COLOR set (as run.sh sets it) and unset ------------------------
for env in "NO_COLOR=1 TERM=xterm-256color" "TERM=xterm-256color" "NO_COLOR= TERM=xterm-256color"; do
	oldifs=$IFS
	IFS='|'
	# shellcheck disable=SC2086
	set -- $CASES
	IFS=$oldifs
	for c in "$@"; do
		# shellcheck disable=SC2086
		no_escapes "$env radar -C demo $c" env -u NO_COLOR $env "$RADAR" -C demo $c
	done
	# shellcheck disable=SC2086
	no_escapes "$env check (errors)" env -u NO_COLOR $env "$RADAR" -C broken check
	expect_rc 1
	expect_err_match '^radar/ruff\.yaml:2:11: error: '
	# shellcheck disable=SC2086
	no_escapes "$env list (errors)" env -u NO_COLOR $env "$RADAR" -C broken list
	# shellcheck disable=SC2086
	no_escapes "$env rate" env -u NO_COLOR $env "$RADAR" -C writes rate mojo --maturity 3 --by x
	expect_rc 0
done
# The JSON outputs are plain too.
no_escapes "list json" env -u NO_COLOR TERM=xterm "$RADAR" -C demo list --format json
no_escapes "score json" env -u NO_COLOR TERM=xterm "$RADAR" -C demo score mojo --format json
no_escapes "check json" env -u NO_COLOR TERM=xterm "$RADAR" -C broken check --format json

# --- a terminal, through script(1) -------------------------------------------------------
if ! command -v script >/dev/null 2>&1 || ! script -qec true /dev/null >/dev/null 2>&1; then
	note "script(1) is not available: the terminal cases are skipped"
	exit 0
fi
# tty ENV... -- CMD: run CMD on a pseudo-terminal (stdout and stderr both), output in $OUT.
tty_run() {
	local cmd
	cmd=$(e2e_quote "$@")
	E2E_LAST_CMD="script -qec '$cmd' /dev/null"
	timeout -k 5 30 script -qec "$cmd" /dev/null >"$OUT" 2>"$ERR" </dev/null
	RC=$?
	e2e_sanitizer_check
	grep -qE 'Sanitizer|runtime error:' "$OUT" && fail_cmd "sanitizer report on the terminal"
	return 0
}
oldifs=$IFS
IFS='|'
# shellcheck disable=SC2086
set -- $CASES
IFS=$oldifs
colored=0
for c in "$@"; do
	# shellcheck disable=SC2086
	tty_run env NO_COLOR=1 TERM=xterm-256color "$RADAR" -C demo $c
	expect_no_escape "$OUT" "terminal output of 'NO_COLOR=1 radar $c'"
	# shellcheck disable=SC2086
	tty_run env -u NO_COLOR TERM=xterm-256color "$RADAR" -C demo $c
	n=$(tr -dc '\033' < "$OUT" | wc -c)
	[ "$n" -gt 0 ] && colored=$((colored + 1))
done
tty_run env NO_COLOR=1 TERM=xterm-256color "$RADAR" -C broken check
expect_no_escape "$OUT" "terminal output of 'NO_COLOR=1 radar check' with errors"
grep -q 'radar/ruff.yaml:2:11: error: ' "$OUT" || fail "the diagnostic is missing on the terminal: $(head -n 3 "$OUT")"
tty_run env NO_COLOR=1 TERM=xterm-256color "$RADAR" -C writes rate mojo --maturity 3 --by y
expect_no_escape "$OUT" "terminal output of 'NO_COLOR=1 radar rate'"
# TERM=dumb: no colour either.
tty_run env -u NO_COLOR TERM=dumb "$RADAR" -C demo score mojo
expect_no_escape "$OUT" "terminal output with TERM=dumb"
# Sanity: the terminal cases can see colour at all (not a requirement of radar).
note "with a terminal and no NO_COLOR, $colored of the cases used colour"
