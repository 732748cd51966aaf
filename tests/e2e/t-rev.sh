# The working tree (uncommitted edits included) versus --rev REV (a commit's tree,
# read without a checkout).
. "$E2E_DIR/lib.sh"

make_demo demo
cd demo || exit 1

# Uncommitted edits: mojo moved to trial, a new untracked entry, kafka deleted,
# and a staged-but-uncommitted change to the thresholds.
sed -i 's/^ring: assess$/ring: trial/' radar/mojo.yaml
printf 'name: Zig\nquadrant: languages-and-frameworks\nring: assess\n' > radar/zig.yaml
rm radar/kafka.yaml
sed -i 's/assess: 3\.0}/assess: 2.0}/' .radar.yml
git add .radar.yml
state_save before

radar list --format json
expect_rc 0
json_flat "$OUT" > "$E2E_WORK/wt.flat"
expect_json '$' '[33]'
grep -q '^\$\[[0-9]*\]\.id="zig"$' "$E2E_WORK/wt.flat" || fail "the untracked entry zig is not listed"
! grep -q '^\$\[[0-9]*\]\.id="kafka"$' "$E2E_WORK/wt.flat" || fail "the deleted entry kafka is still listed"
radar score mojo --format json
expect_json '$.ring' '"trial"'
expect_json '$.declared_ring' '"trial"'
expect_json '$.total' '"2.28"'
expect_json '$.mismatch' 'true'
# The staged threshold change counts in the work tree: julia's 2.81 is now
# assess, as declared (at HEAD it is hold: a mismatch).
radar score julia --format json
expect_json '$.total' '"2.81"'
expect_json '$.declared_ring' '"assess"'
expect_json '$.mismatch' 'false'
radar --rev HEAD score julia --format json
expect_json '$.mismatch' 'true'

radar --rev HEAD list --format json
expect_rc 0
json_flat "$OUT" > "$E2E_WORK/head.flat"
expect_json '$' '[33]'
! grep -q '^\$\[[0-9]*\]\.id="zig"$' "$E2E_WORK/head.flat" || fail "--rev HEAD lists the uncommitted zig"
grep -q '^\$\[[0-9]*\]\.id="kafka"$' "$E2E_WORK/head.flat" || fail "--rev HEAD does not list kafka"
radar --rev HEAD score mojo --format json
expect_rc 0
expect_json '$.ring' '"assess"'
expect_json '$.mismatch' 'true'
radar --rev HEAD score zig
expect_rc 1
expect_err_contains "zig"
radar score mojo --rev HEAD
expect_rc 0
expect_out_match '^  Ring +assess \(declared\)$'
radar --rev=HEAD list --ring trial
expect_out_not_contains "mojo"
radar list --ring trial
expect_out_contains "mojo"

# Reading a revision wrote nothing and touched neither index nor work tree.
expect_state_unchanged before
git stash -q -u || fail "git stash"
git stash drop -q

# --- HEAD~1: a commit made here -----------------------------------------------
radar score pyo3 --format json
expect_json '$.total' '"3.50"'
printf '  - {date: 2026-11-01, by: dan, maturity: 1, ecosystem: 1, migration: 1, maintenance: 1}\n' >> radar/pyo3.yaml
git commit -q -am "dan rescores pyo3"
radar --rev HEAD score pyo3 --format json
expect_rc 0
expect_json '$.total' '"2.67"'
expect_json '$.total_exact' '"8/3"'
expect_json '$.ring' '"trial"'
expect_json '$.raters' '[3]'
radar --rev HEAD~1 score pyo3 --format json
expect_rc 0
expect_json '$.total' '"3.50"'
expect_json '$.raters' '[2]'
radar --rev "$(git rev-parse HEAD~1)" score pyo3 --format json
expect_json '$.total' '"3.50"'
radar --rev "$(git rev-parse --short HEAD~1)" score pyo3 --format json
expect_json '$.total' '"3.50"'

# --- tags and branches: each edition read through --rev matches the same tree
# checked out as plain files.
for rev in 2025-Q4 2026-Q1 2026-Q2 2026-Q3 rescore-2026-10; do
	mkdir -p "../tree-$rev"
	git archive "$rev" | tar -x -C "../tree-$rev" || fail "git archive $rev"
	radar --rev "$rev" list --format json
	expect_rc 0 "--rev $rev"
	cp "$OUT" "../rev-$rev.json"
	n=$(git ls-tree --name-only "$rev" radar/ | grep -c '\.yaml$')
	expect_json '$' "[$n]"
	radar -C "../tree-$rev" list --format json
	expect_rc 0
	expect_out_equals_file "../rev-$rev.json"
done
radar --rev 2025-Q4 list --format json
expect_json '$' '[26]'
radar --rev 2025-Q4 score mojo
expect_rc 1
expect_err_contains "mojo"
expect_out_empty
radar --rev 2026-Q1 score mojo --format json
expect_rc 0
expect_json '$.id' '"mojo"'
# otel.yaml was renamed to opentelemetry.yaml in 2026-Q1.
radar --rev 2025-Q4 score otel --format json
expect_rc 0
expect_json '$.id' '"otel"'
radar --rev 2026-Q1 score otel
expect_rc 1

# --- an unknown revision --------------------------------------------------------
state_save nope
for cmd in "list" "score mojo" "show mojo" "check"; do
	# shellcheck disable=SC2086
	radar --rev nope $cmd
	expect_rc 1 "--rev nope $cmd"
	expect_err_contains "nope"
	expect_out_empty
done
radar --rev no-such-tag-2030 list
expect_rc 1
expect_err_contains "'no-such-tag-2030'"
radar --rev HEAD~999 list
expect_rc 1
expect_err_contains "HEAD~999"
expect_state_unchanged nope

# --- a broken file committed, fixed in the work tree ----------------------------
sed -i 's/^quadrant: .*/quadrant: toolz/' radar/ruff.yaml
git commit -q -am "break ruff"
git checkout -q HEAD~1 -- radar/ruff.yaml
radar check
expect_rc 0
radar --rev HEAD check
expect_rc 1
expect_err_match 'radar/ruff\.yaml:2:11: error: .*toolz'
radar --rev HEAD~1 check
expect_rc 0

# --- writing commands refuse --rev ------------------------------------------------
state_save w
radar --rev HEAD~1 rate mojo --maturity 3
expect_rc 2
radar --rev HEAD~1 move mojo hold
expect_rc 2
radar --rev HEAD add Foo -q tools
expect_rc 2
expect_state_unchanged w
