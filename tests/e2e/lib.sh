# tests/e2e/lib.sh: assertions for the end-to-end tests (sourced by every t-*.sh).
#
# run.sh starts each test with bash, in a fresh empty directory (the cwd), with
# RADAR (absolute path of the binary), E2E_DIR (this folder), E2E_ROOT (the
# project root), HOME set to a throw-away directory with a fixed Git identity,
# GIT_CONFIG_NOSYSTEM=1, NO_COLOR=1, RADAR_TODAY=2026-11-29 and LC_ALL=C.
#
# A test calls commands through `run` (any command) or `radar` (the binary);
# each call leaves its exit status in $RC, its stdout in the file $OUT and its
# stderr in the file $ERR. Assertions (expect_*) never stop the test: every
# failed one is reported with the line it stands on, the command and its
# output, and the test fails at its end. A radar process that reports an
# AddressSanitizer/UBSan/LeakSanitizer problem fails the test whatever it exits.
#
# Assertions that show a known bug are wrapped in `if known_bug "..."; then`.
# They are skipped (and listed as "known bug" lines in the log) unless
# E2E_KNOWN_BUGS=1, which runs them so that the bug shows as a failure.

E2E_FAILS=0
E2E_WORK=$(pwd)
OUT=$E2E_WORK/.e2e-out
ERR=$E2E_WORK/.e2e-err
RC=0
E2E_LAST_CMD=
E2E_TIMEOUT=${E2E_TIMEOUT:-30}

# Some asserts want to know where they stand in the test script.
e2e_where() {
	# BASH_LINENO[1]: the line in the test that called the expect_* function.
	local i=1
	while [ "${FUNCNAME[$i]:-}" != "" ] && [ "${BASH_SOURCE[$i]:-}" = "${BASH_SOURCE[0]}" ]; do
		i=$((i + 1))
	done
	printf '%s:%s' "${BASH_SOURCE[$i]##*/}" "${BASH_LINENO[$((i - 1))]}"
}

# fail MESSAGE...: record a failed assertion.
# fail_cmd MESSAGE...: the same, showing the last command and its output.
fail() {
	E2E_FAILS=$((E2E_FAILS + 1))
	printf 'assertion failed at %s: %s\n' "$(e2e_where)" "$*" >&2
}
fail_cmd() {
	E2E_FAILS=$((E2E_FAILS + 1))
	{
		printf 'assertion failed at %s: %s\n' "$(e2e_where)" "$*"
		if [ -n "$E2E_LAST_CMD" ]; then
			printf '  command: %s\n  exit status: %s\n' "$E2E_LAST_CMD" "$RC"
			e2e_excerpt stdout "$OUT"
			e2e_excerpt stderr "$ERR"
		fi
	} >&2
}

e2e_excerpt() {
	[ -s "$2" ] || { printf '  %s: (empty)\n' "$1"; return; }
	printf '  %s:\n' "$1"
	head -c 2000 "$2" | head -n 25 | awk '{ print "    | " $0 }'
	[ "$(wc -l < "$2")" -le 25 ] || printf '    | ... (%s lines)\n' "$(wc -l < "$2")"
}

note() { printf '# %s\n' "$*" >&2; }

# ---- running commands -------------------------------------------------------

# run CMD [ARGS...]: run with a time limit; $RC, $OUT, $ERR.
run() {
	E2E_LAST_CMD=$(e2e_quote "$@")
	if command -v timeout >/dev/null 2>&1; then
		timeout -k 5 "$E2E_TIMEOUT" "$@" >"$OUT" 2>"$ERR" </dev/null
	else
		"$@" >"$OUT" 2>"$ERR" </dev/null
	fi
	RC=$?
	if [ "$RC" = 124 ] || [ "$RC" = 137 ]; then
		fail_cmd "timed out after ${E2E_TIMEOUT}s"
	fi
	e2e_sanitizer_check
	return 0
}

# radar [ARGS...]: run the binary under test.
radar() { run "$RADAR" "$@"; }

# run_in DIR CMD...: run in another directory.
run_in() {
	local d=$1
	shift
	E2E_LAST_CMD="(cd $d && $(e2e_quote "$@"))"
	(cd "$d" && exec timeout -k 5 "$E2E_TIMEOUT" "$@") >"$OUT" 2>"$ERR" </dev/null
	RC=$?
	e2e_sanitizer_check
	return 0
}

e2e_sanitizer_check() {
	if grep -qE 'ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error:|SUMMARY: (Address|Undefined|Leak)' "$ERR" 2>/dev/null; then
		fail_cmd "sanitizer report on stderr"
	fi
}

e2e_quote() {
	local a out=
	for a in "$@"; do
		case $a in
		*[!A-Za-z0-9_./=:,@+-]* | '') out="$out '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'" ;;
		*) out="$out $a" ;;
		esac
	done
	printf '%s' "${out# }"
}

# ---- exit status and output ------------------------------------------------

expect_rc() {
	[ "$RC" = "$1" ] || fail_cmd "expected exit status $1, got $RC${2:+ ($2)}"
}

expect_out_contains() {
	grep -qF -- "$1" "$OUT" || fail_cmd "stdout does not contain: $1"
}
expect_err_contains() {
	grep -qF -- "$1" "$ERR" || fail_cmd "stderr does not contain: $1"
}
expect_out_not_contains() {
	! grep -qF -- "$1" "$OUT" || fail_cmd "stdout contains: $1"
}
expect_err_not_contains() {
	! grep -qF -- "$1" "$ERR" || fail_cmd "stderr contains: $1"
}
# Extended regular expressions (grep -E), matched line by line.
expect_out_match() {
	grep -qE -- "$1" "$OUT" || fail_cmd "no stdout line matches /$1/"
}
expect_err_match() {
	grep -qE -- "$1" "$ERR" || fail_cmd "no stderr line matches /$1/"
}
expect_out_no_match() {
	! grep -qE -- "$1" "$OUT" || fail_cmd "a stdout line matches /$1/: $(grep -E -- "$1" "$OUT" | head -n 1)"
}
expect_out_empty() { [ ! -s "$OUT" ] || fail_cmd "stdout is not empty"; }
expect_err_empty() { [ ! -s "$ERR" ] || fail_cmd "stderr is not empty"; }
expect_out_nonempty() { [ -s "$OUT" ] || fail_cmd "stdout is empty"; }
expect_err_nonempty() { [ -s "$ERR" ] || fail_cmd "stderr is empty"; }

expect_out_equals_file() {
	cmp -s "$OUT" "$1" || fail_cmd "stdout differs from $1: $(diff "$1" "$OUT" 2>&1 | head -n 10 | tr '\n' '|')"
}
expect_err_equals_file() {
	cmp -s "$ERR" "$1" || fail_cmd "stderr differs from $1: $(diff "$1" "$ERR" 2>&1 | head -n 10 | tr '\n' '|')"
}
# expect_out_equals TEXT: stdout is exactly TEXT plus a newline.
expect_out_equals() {
	printf '%s\n' "$1" > "$E2E_WORK/.e2e-expected"
	cmp -s "$OUT" "$E2E_WORK/.e2e-expected" || fail_cmd "stdout is not exactly: $1"
}
expect_out_lines() {
	local n
	n=$(wc -l < "$OUT" | tr -d ' ')
	[ "$n" = "$1" ] || fail_cmd "expected $1 lines on stdout, got $n"
}
# expect_err_diag PATH WHERE SEVERITY TEXT: stderr has a line
#   PATH:LINE:COL: SEVERITY: ...TEXT...
# WHERE is "LINE:COL", "LINE" (any column), ":COL" (any line) or "" (anywhere).
expect_err_diag() {
	local path=$1 where=$2 sev=$3 text=$4 line col pat
	case $where in
	*:*) line=${where%%:*} col=${where#*:} ;;
	*) line=$where col= ;;
	esac
	pat="^$(e2e_re "$path"):${line:-[0-9]+}:${col:-[0-9]+}: $sev: "
	grep -E -- "$pat" "$ERR" | grep -qF -- "$text" ||
		fail_cmd "stderr has no diagnostic '$path:${line:-L}:${col:-C}: $sev: ...$text...'"
}
e2e_re() { printf '%s' "$1" | sed 's/[][\.*^$+?(){}|/]/\\&/g'; }

# ---- values and files ---------------------------------------------------------

expect_eq() { # ACTUAL EXPECTED [WHAT]
	[ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"
}
expect_file() { [ -f "$1" ] || fail "file $1 does not exist"; }
expect_no_file() { [ ! -e "$1" ] && [ ! -L "$1" ] || fail "$1 exists"; }
expect_file_contains() {
	grep -qF -- "$2" "$1" 2>/dev/null || fail "$1 does not contain: $2"
}
expect_file_not_contains() {
	! grep -qF -- "$2" "$1" 2>/dev/null || fail "$1 contains: $2"
}
expect_same_file() {
	cmp -s "$1" "$2" || fail "$1 and $2 differ: $(diff "$1" "$2" 2>&1 | head -n 10 | tr '\n' '|')"
}
# No ESC byte (colour, cursor movement) in a file.
expect_no_escape() {
	local n
	n=$(tr -dc '\033' < "$1" | wc -c | tr -d ' ')
	[ "$n" = 0 ] || fail "$1 (${2:-output}) has $n ESC bytes"
}

# ---- Git ----------------------------------------------------------------------

# git_commits [DIR]: number of commits reachable from HEAD.
git_commits() { git -C "${1:-.}" rev-list --count HEAD 2>/dev/null || echo 0; }

# state_save NAME [DIR] / expect_state_unchanged NAME [DIR]: everything a
# command could have written: HEAD, refs, index, status, every file's content.
state_save() {
	e2e_state "${2:-.}" > "$E2E_WORK/.e2e-state-$1"
}
expect_state_unchanged() {
	e2e_state "${2:-.}" > "$E2E_WORK/.e2e-state-$1.now"
	cmp -s "$E2E_WORK/.e2e-state-$1" "$E2E_WORK/.e2e-state-$1.now" ||
		fail "something was written: $(diff "$E2E_WORK/.e2e-state-$1" "$E2E_WORK/.e2e-state-$1.now" | grep '^[<>]' | head -n 6 | tr '\n' '|')"
}
e2e_state() (
	cd "$1" || exit 1
	if git rev-parse --git-dir >/dev/null 2>&1; then
		echo "HEAD $(git rev-parse -q --verify HEAD 2>/dev/null)"
		git for-each-ref --format='%(refname) %(objectname)' 2>/dev/null
		if [ "$(git rev-parse --is-bare-repository)" = false ]; then
			git ls-files -s
			git status --porcelain=v1 -uall --ignored
		fi
	fi
	# every file's checksum, size and path; every symlink's target; every folder
	find . -path ./.git -prune -o -type f -exec cksum {} + | LC_ALL=C sort -k 3
	find . -path ./.git -prune -o -type l -printf 'link %p -> %l\n' -o -type d -printf 'dir %p\n' |
		LC_ALL=C sort
)

# A repository with the fixed identity from HOME.
new_repo() { # DIR
	git init -q -b main "$1" && git -C "$1" commit -q --allow-empty -m "empty start"
}

# make_demo DEST: the bundled example as a Git repository (cached by run.sh).
make_demo() {
	if [ -n "${E2E_DEMO_CACHE:-}" ] && [ -d "$E2E_DEMO_CACHE/.git" ]; then
		cp -R "$E2E_DEMO_CACHE" "$1"
	else
		bash "$E2E_ROOT/examples/make-demo-repo.sh" "$1" >/dev/null
	fi
}

# ---- JSON ---------------------------------------------------------------------

# json_flat FILE: one line per value, `PATH=VALUE`, in document order:
#   $=[33]  $[0]={6}  $[0].id="ai-code-assistants"  $[0].total="3.71"  $.ok=false
# Strings keep their JSON quotes and escapes; arrays give [N], objects {N}.
# Fails (status 2, message on stderr) on anything that is not one JSON value.
json_flat() {
	awk '
	function die(m) { printf "json_flat: %s at offset %d\n", m, i > "/dev/stderr"; bad = 1; exit 2 }
	function ws() { while (i <= n && index(" \t\r\n", substr(s, i, 1))) i++ }
	function str(   start, c) {
		start = i; i++
		while (i <= n) {
			c = substr(s, i, 1)
			if (c == "\\") { i += 2; continue }
			if (c == "\"") { i++; return substr(s, start, i - start) }
			i++
		}
		die("unterminated string")
	}
	function value(path,   c, k, cnt, lit, key) {
		ws(); c = substr(s, i, 1)
		if (c == "{") {
			i++; k = ++nout; lines[k] = ""; cnt = 0; ws()
			if (substr(s, i, 1) == "}") { i++ }
			else while (1) {
				ws(); if (substr(s, i, 1) != "\"") die("expected a key")
				key = str(); key = substr(key, 2, length(key) - 2)
				ws(); if (substr(s, i, 1) != ":") die("expected :"); i++
				value(path "." key); cnt++
				ws(); c = substr(s, i, 1); i++
				if (c == "}") break
				if (c != ",") die("expected , or }")
			}
			lines[k] = path "={" cnt "}"
		} else if (c == "[") {
			i++; k = ++nout; lines[k] = ""; cnt = 0; ws()
			if (substr(s, i, 1) == "]") { i++ }
			else while (1) {
				value(path "[" cnt "]"); cnt++
				ws(); c = substr(s, i, 1); i++
				if (c == "]") break
				if (c != ",") die("expected , or ]")
			}
			lines[k] = path "=[" cnt "]"
		} else if (c == "\"") {
			lines[++nout] = path "=" str()
		} else {
			lit = ""
			while (i <= n && index("-+.0123456789eEtruefalsn", substr(s, i, 1))) { lit = lit substr(s, i, 1); i++ }
			if (lit == "" || (lit !~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/ && lit != "true" && lit != "false" && lit != "null"))
				die("bad value")
			lines[++nout] = path "=" lit
		}
	}
	{ s = s $0 "\n" }
	END {
		if (bad) exit 2
		n = length(s); i = 1; nout = 0
		value("$"); ws()
		if (i <= n) die("trailing text")
		for (k = 1; k <= nout; k++) print lines[k]
	}' "$1"
}

# json_get FILE PATH: the value at PATH (as json_flat prints it).
json_get() {
	json_flat "$1" | awk -v p="$2" 'index($0, p "=") == 1 { print substr($0, length(p) + 2); exit }'
}

# expect_json PATH VALUE: stdout is JSON and PATH has exactly VALUE ("\"3.50\"", 7, true).
expect_json() {
	local got
	if ! json_flat "$OUT" > "$E2E_WORK/.e2e-json" 2>"$E2E_WORK/.e2e-json-err"; then
		fail_cmd "stdout is not valid JSON: $(cat "$E2E_WORK/.e2e-json-err")"
		return
	fi
	got=$(awk -v p="$1" 'index($0, p "=") == 1 { print substr($0, length(p) + 2); f = 1; exit } END { if (!f) print "<absent>" }' "$E2E_WORK/.e2e-json")
	[ "$got" = "$2" ] || fail_cmd "JSON $1: expected $2, got $got"
}
expect_json_valid() {
	json_flat "$OUT" > "$E2E_WORK/.e2e-json" 2>"$E2E_WORK/.e2e-json-err" ||
		fail_cmd "stdout is not valid JSON: $(cat "$E2E_WORK/.e2e-json-err")"
}

# ---- known bugs ---------------------------------------------------------------

# if known_bug "what is wrong"; then ...assertions... fi
known_bug() {
	if [ "${E2E_KNOWN_BUGS:-0}" = 1 ]; then
		note "known bug (checked because E2E_KNOWN_BUGS=1): $1"
		return 0
	fi
	note "known bug (skipped; E2E_KNOWN_BUGS=1 checks it): $1"
	return 1
}

# ---- the end --------------------------------------------------------------------

e2e_end() {
	local rc=$?
	if [ "$E2E_FAILS" -gt 0 ]; then
		printf '%d assertion(s) failed\n' "$E2E_FAILS" >&2
		exit 1
	fi
	if [ "$rc" != 0 ]; then
		printf 'the test script itself exited with status %s\n' "$rc" >&2
		exit "$rc"
	fi
	exit 0
}
trap e2e_end EXIT
