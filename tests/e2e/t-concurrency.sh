# Racing writers never lose a commit or a block: 8 `radar rate` at once on the same
# entry, then on 8 different entries, then a mix of rate, move and add.
. "$E2E_DIR/lib.sh"

make_demo demo
cd demo || exit 1
W=$E2E_WORK

# race NAME CMD...: start CMD in the background (output in $W/race.NAME.*).
race() {
	local name=$1
	shift
	"$RADAR" "$@" >"$W/race.$name.out" 2>"$W/race.$name.err" </dev/null &
}
# settle N: wait for every racer; each must have exited 0.
settle() {
	local pid rc bad=0
	for pid in $(jobs -p); do
		wait "$pid" || bad=$((bad + 1))
	done
	[ "$bad" = 0 ] || fail "$bad of the racing commands failed: $(cat "$W"/race.*.err | head -n 5 | tr '\n' '|')"
	if grep -lE 'Sanitizer|runtime error:' "$W"/race.*.err >/dev/null 2>&1; then
		fail "sanitizer report from a racing command: $(grep -hE 'Sanitizer|runtime error:' "$W"/race.*.err | head -n 3)"
	fi
}
# expect_clean: status clean, index = HEAD, repository consistent.
expect_clean() {
	expect_eq "$(git status --porcelain)" "" "git status --porcelain ($1)"
	git diff --cached --quiet || fail "index differs from HEAD ($1)"
	git fsck --no-progress --strict >/dev/null 2>"$W/fsck" || fail "git fsck ($1): $(cat "$W/fsck")"
	[ ! -e .git/index.lock ] || fail "index.lock left behind ($1)"
	[ -z "$(find .git -name '*.lock' ! -name radar.lock)" ] || fail "lock files left ($1): $(find .git -name '*.lock')"
}

# --- same entry -------------------------------------------------------------------
n0=$(git_commits)
cp radar/mojo.yaml "$W/mojo.before"
for i in 1 2 3 4 5 6 7 8; do
	race "same$i" rate mojo --maturity $(((i % 4) + 1)).5 --by "rater$i"
done
settle
expect_eq "$(git_commits)" $((n0 + 8)) "commits after 8 racing rates of mojo"
expect_eq "$(git log --oneline | wc -l | tr -d ' ')" $((n0 + 8)) "git log --oneline | wc -l"
for i in 1 2 3 4 5 6 7 8; do
	expect_eq "$(grep -c "by: rater$i, maturity: $(((i % 4) + 1)).5}" radar/mojo.yaml)" 1 "block of rater$i"
	expect_eq "$(git log --format=%s -n 8 | grep -c "by rater$i)")" 1 "commit of rater$i"
done
# The old file is intact at the top, and exactly 8 lines were added.
expect_eq "$(head -n "$(wc -l < "$W/mojo.before")" radar/mojo.yaml | cmp - "$W/mojo.before" && echo same)" "same" "old content"
expect_eq "$(wc -l < radar/mojo.yaml)" $(($(wc -l < "$W/mojo.before") + 8)) "lines in mojo.yaml"
# Each commit adds one line to one file, on a straight line of history.
for c in $(git rev-list -n 8 HEAD); do
	expect_eq "$(git diff --numstat "$c~1" "$c" | tr '\t' ' ')" "1 0 radar/mojo.yaml" "commit $c"
	expect_eq "$(git rev-list --parents -n 1 "$c" | wc -w | tr -d ' ')" 2 "one parent for $c"
done
expect_clean "same entry"
radar score mojo --format json
expect_rc 0
expect_json '$.raters' '[11]'

# --- different entries --------------------------------------------------------------
n0=$(git_commits)
i=0
for e in uv ruff mypy kafka duckdb polars ray jupyter; do
	i=$((i + 1))
	race "diff$i" rate "$e" --ecosystem 3 --by "rater$i" --note "race $i"
done
settle
expect_eq "$(git_commits)" $((n0 + 8)) "commits after 8 racing rates of 8 entries"
i=0
for e in uv ruff mypy kafka duckdb polars ray jupyter; do
	i=$((i + 1))
	expect_eq "$(grep -c "by: rater$i, ecosystem: 3, note: \"\\?race $i\"\\?}" "radar/$e.yaml")" 1 "block in $e.yaml"
	expect_eq "$(git log --format=%H HEAD~8..HEAD -- "radar/$e.yaml" | wc -l | tr -d ' ')" 1 "commits touching $e.yaml"
done
expect_eq "$(git diff --name-only HEAD~8 HEAD | wc -l | tr -d ' ')" 8 "files changed by the 8 commits"
expect_clean "different entries"
radar check
expect_rc 0

# --- a mix: rates, moves and adds at once ------------------------------------------
n0=$(git_commits)
race m1 rate pyo3 --maturity 5 --by ann
race m2 rate pyo3 --maturity 1 --by ben
race m3 move kafka hold --reason "race"
race m4 move julia trial
race m5 add "Zig" -q languages-and-frameworks -r assess
race m6 add "Bun" -q platforms
race m7 rate zig-does-not-exist-yet --maturity 1 --by cat
race m8 rate terraform --migration 2 --by dee
settle_mixed() {
	local pid
	for pid in $(jobs -p); do wait "$pid"; done
}
settle_mixed
# m7 names no entry: it fails (exit 1) and disturbs no other writer.
grep -q "zig-does-not-exist-yet" "$W/race.m7.err" || fail "unknown entry not reported: $(cat "$W/race.m7.err")"
for m in m1 m2 m3 m4 m5 m6 m8; do
	grep -q '^committed ' "$W/race.$m.out" || fail "$m did not commit: $(cat "$W/race.$m.err")"
done
expect_eq "$(git_commits)" $((n0 + 7)) "commits after the mixed race"
expect_file radar/zig.yaml
expect_file radar/bun.yaml
expect_file_contains radar/kafka.yaml "ring: hold"
expect_file_contains radar/julia.yaml "ring: trial"
expect_file_contains radar/pyo3.yaml "by: ann, maturity: 5}"
expect_file_contains radar/pyo3.yaml "by: ben, maturity: 1}"
expect_file_contains radar/terraform.yaml "by: dee, migration: 2}"
expect_clean "mixed"
radar check
expect_rc 0
