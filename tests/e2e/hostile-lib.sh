# What t-hostile-yaml.sh and t-hostile-values.sh share: a demo repository to
# break in place, and the checks that a broken file is refused and a fine one read.
# Sourced after lib.sh, in the test's work directory.
make_demo demo
cd demo || exit 1
W=$E2E_WORK
E2E_TIMEOUT=$((10 * ${E2E_TIME_FACTOR:-1}))

fresh() {
	git reset -q --hard
	git clean -qfdx
}
# bad FILE TEXT...: `check`, `list` and `score mojo` each exit 1 within the time
# limit with a diagnostic for FILE that contains TEXT, and write nothing.
bad() {
	local f=$1 text=$2 cmd
	state_save hostile
	for cmd in check list "score mojo"; do
		# shellcheck disable=SC2086
		radar $cmd
		expect_rc 1 "$cmd on $f"
		expect_err_match "^$(e2e_re "$f"):[0-9]+:[0-9]+: error: "
		expect_err_contains "$text"
	done
	radar check --format json
	expect_rc 1
	expect_json '$.ok' false
	expect_state_unchanged hostile
}
# bad_j FILE TEXT: the same for a judgment, through the commands that read them.
bad_j() {
	local f=$1 text=$2 cmd
	state_save hostile
	for cmd in check due accuracy; do
		# shellcheck disable=SC2086
		radar $cmd
		expect_rc 1 "$cmd on $f"
		expect_err_match "^$(e2e_re "$f"):[0-9]+:[0-9]+: error: "
		expect_err_contains "$text"
	done
	expect_state_unchanged hostile
}
# good: `check` passes, and `score mojo` gives TOTAL.
good() {
	state_save hostile
	radar check
	expect_rc 0 "check"
	radar score mojo --format json
	expect_rc 0 "score"
	expect_json '$.total' "\"$1\""
	expect_state_unchanged hostile
}
