# Bad data: each problem gives a `path:line:col: error: ...` diagnostic on stderr,
# `check` exits 1 (warnings alone: 0), and nothing is written. One `check` reports
# every problem in every file; `check --format json` gives them as data.
. "$E2E_DIR/lib.sh"

make_demo demo
cd demo || exit 1
W=$E2E_WORK

# fresh: back to the committed example, nothing else in the work tree.
fresh() {
	git reset -q --hard
	git clean -qfdx
}
# at FILE PATTERN VALUE: "LINE:COL" of VALUE on the first line containing PATTERN.
at() {
	awk -v pat="$2" -v val="$3" 'index($0, pat) { print NR ":" index($0, val); f = 1; exit }
		END { if (!f) print "0:0" }' "$1"
}
# check_fails PATH LINE:COL TEXT: `radar check` exits 1 with that diagnostic,
# and wrote nothing.
check_fails() {
	state_save case
	radar check
	expect_rc 1 "check"
	expect_err_diag "$1" "$2" error "$3"
	expect_out_empty
	expect_state_unchanged case
}

# --- malformed YAML -------------------------------------------------------------
fresh
printf 'name: Mojo\nquadrant: languages-and-frameworks\ntags: [python, ai\nring: assess\n' > radar/mojo.yaml
check_fails radar/mojo.yaml "" "YAML"
expect_err_match '^radar/mojo\.yaml:[34]:[0-9]+: error: '
# The other 32 entries are still checked and listed; only mojo is missing.
radar list --format json
expect_rc 1
expect_json '$' '[32]'
expect_err_match '^radar/mojo\.yaml:[0-9]+:[0-9]+: error: '
fresh
printf 'name: X\nquadrant: tools\ndescription: "unterminated\n' > radar/x.yaml
check_fails radar/x.yaml "" "YAML"
fresh
printf 'name: X\nquadrant: tools\nscores:\n\t- {date: 2026-01-01, by: a, maturity: 3}\n' > radar/x.yaml
check_fails radar/x.yaml 4 "YAML"

# --- unknown quadrant: the nearest name is offered ---------------------------------
fresh
sed -i 's/^quadrant: .*/quadrant: tool/' radar/ruff.yaml
check_fails radar/ruff.yaml "$(at radar/ruff.yaml 'quadrant:' 'tool')" "'tool'"
expect_err_contains "did you mean 'tools'"
fresh
sed -i 's/^quadrant: .*/quadrant: languages-and-framework/' radar/mojo.yaml
check_fails radar/mojo.yaml "2:11" "did you mean 'languages-and-frameworks'"

# --- unknown ring ------------------------------------------------------------------------
fresh
sed -i 's/^ring: .*/ring: adoptt/' radar/ruff.yaml
check_fails radar/ruff.yaml "$(at radar/ruff.yaml 'ring:' 'adoptt')" "'adoptt'"

# --- scores off the half-point grid, or off the scale ----------------------------------------
fresh
sed -i 's/by: bob, maturity: 2.5,/by: bob, maturity: 3.3,/' radar/mojo.yaml
check_fails radar/mojo.yaml "$(at radar/mojo.yaml 'by: bob' '3.3')" "3.3"
fresh
sed -i 's/by: bob, maturity: 2.5,/by: bob, maturity: 6,/' radar/mojo.yaml
check_fails radar/mojo.yaml "$(at radar/mojo.yaml 'by: bob' '6,')" "6"
fresh
sed -i 's/by: bob, maturity: 2.5,/by: bob, maturity: 0.5,/' radar/mojo.yaml
check_fails radar/mojo.yaml "$(at radar/mojo.yaml 'by: bob' '0.5')" "0.5"
fresh
# 2.50 is 2.5: on the grid.
sed -i 's/by: bob, maturity: 2.5,/by: bob, maturity: 2.50,/' radar/mojo.yaml
radar check
expect_rc 0

# --- configuration: weights, thresholds ---------------------------------------------------------
fresh
sed -i 's/weight: 20}/weight: 10}/' .radar.yml
check_fails .radar.yml "" "90"
expect_err_contains "100"
fresh
sed -i 's/trial: 3\.5/trial: 4.5/' .radar.yml
check_fails .radar.yml "" "threshold"
expect_err_match '^\.radar\.yml:2[0-9]:[0-9]+: error: '
# A broken configuration stops writers too, and they write nothing.
state_save cfg
radar rate mojo --maturity 3 --by x
expect_rc 1
expect_err_match '^\.radar\.yml:[0-9]+:[0-9]+: error: '
radar add Foo -q tools
expect_rc 1
radar move mojo hold
expect_rc 1
expect_state_unchanged cfg

# --- duplicate names across two files --------------------------------------------------------------
fresh
sed 's/^name: .*/name: RUFF/' radar/mypy.yaml > radar/ruff-again.yaml
check_fails radar/ruff-again.yaml "1:7" "duplicate name"
expect_err_contains "radar/ruff.yaml"
# ... and duplicate ids (mojo.yaml beside mojo.yml).
fresh
cp radar/mojo.yaml radar/mojo.yml
check_fails radar/mojo.yml "" "duplicate"

# --- missing name, missing quadrant, empty file ------------------------------------------------------
fresh
sed -i '/^name:/d' radar/ruff.yaml
check_fails radar/ruff.yaml "" "'name'"
fresh
sed -i '/^quadrant:/d' radar/ruff.yaml
check_fails radar/ruff.yaml "" "quadrant"
fresh
: > radar/empty.yaml
check_fails radar/empty.yaml "1:1" "name"

# --- impossible dates ----------------------------------------------------------------------------------
fresh
sed -i 's/2026-10-01/2026-02-30/' radar/mojo.yaml
check_fails radar/mojo.yaml "$(at radar/mojo.yaml '2026-02-30' '2026-02-30')" "2026-02-30"
fresh
sed -i 's/^date: .*/date: 2026-13-01/' judgments/2026-04-13-mojo.yaml
check_fails judgments/2026-04-13-mojo.yaml "1:7" "2026-13-01"

# --- an unknown key: a warning, exit 0 -------------------------------------------------------------------
fresh
echo "colour: blue" >> radar/ruff.yaml
state_save warn
radar check
expect_rc 0
expect_err_diag radar/ruff.yaml "$(wc -l < radar/ruff.yaml | tr -d ' '):1" warning "colour"
expect_err_not_contains "error:"
radar list
expect_rc 0
radar score ruff --format json
expect_rc 0
expect_json '$.id' '"ruff"'
expect_state_unchanged warn

# --- an id with upper case --------------------------------------------------------------------------------
fresh
git mv radar/mojo.yaml radar/Mojo.yaml
check_fails radar/Mojo.yaml "" "Mojo"

# --- not UTF-8 ----------------------------------------------------------------------------------------------
fresh
printf 'name: Caf\351\nquadrant: tools\n' > radar/cafe.yaml
check_fails radar/cafe.yaml "" "UTF-8"
fresh
printf 'name: Caf\303\251\nquadrant: tools\n' > radar/cafe.yaml
radar check
expect_rc 0

# --- a YAML alias bomb: refused quickly ----------------------------------------------------------------------
fresh
{
	printf 'name: Bomb\nquadrant: tools\n'
	printf 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n'
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		p=$((i - 1))
		printf 'a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n' \
			"$i" "$i" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p"
	done
	printf 'tags: *a20\n'
} > radar/bomb.yaml
t0=$(date +%s)
E2E_TIMEOUT=10 check_fails radar/bomb.yaml "" "alias"
for cmd in list "score bomb" "show mojo"; do
	# shellcheck disable=SC2086
	E2E_TIMEOUT=10 radar $cmd
	expect_rc 1 "$cmd with an alias bomb"
done
t1=$(date +%s)
[ $((t1 - t0)) -le 10 ] || fail "the alias bomb took $((t1 - t0)) s"
# Deep nesting is refused too, without a crash.
fresh
{ printf 'name: Deep\nquadrant: tools\ntags: '; head -c 200000 /dev/zero | tr '\0' '['; echo; } > radar/deep.yaml
E2E_TIMEOUT=10 check_fails radar/deep.yaml "" ""

# --- a 50 MB entry file: refused, unread -----------------------------------------------------------------------
fresh
{
	printf 'name: Big\nquadrant: tools\ndescription: >\n'
	yes '  many words, padding the description out to fifty megabytes of text ...' | head -c 52428800
} > radar/big.yaml
t0=$(date +%s)
E2E_TIMEOUT=10 check_fails radar/big.yaml "1:1" "1 MiB"
E2E_TIMEOUT=10 radar list --format json
expect_rc 1
expect_json '$' '[33]'
t1=$(date +%s)
[ $((t1 - t0)) -le 10 ] || fail "the 50 MB file took $((t1 - t0)) s"
# The limit is 1 MiB exactly: 1048576 bytes pass, 1048577 do not (also from a commit).
fresh
pad() {
	{
		printf 'name: Pad\nquadrant: tools\n'
		yes '# padding padding padding padding padding padding padding' | head -c $(($1 - 27))
		printf '\n'
	} > radar/pad.yaml
	expect_eq "$(wc -c < radar/pad.yaml | tr -d ' ')" "$1" "size of pad.yaml"
}
pad 1048576
radar check
expect_rc 0
git add radar/pad.yaml && git commit -q -m "pad: 1 MiB"
radar --rev HEAD check
expect_rc 0
pad 1048577
check_fails radar/pad.yaml "1:1" "1 MiB"
git add radar/pad.yaml && git commit -q -m "pad: 1 MiB + 1"
radar --rev HEAD check
expect_rc 1
expect_err_contains "1 MiB"
git reset -q --hard HEAD~2

# --- .radar.yml that is a directory --------------------------------------------------------------------------------
fresh
rm .radar.yml
mkdir .radar.yml
check_fails .radar.yml "1:1" ""
radar list
expect_rc 1
expect_err_match '^\.radar\.yml:1:1: error: '
rmdir .radar.yml

# --- symlinks out of the repository: refused, never read --------------------------------------------------------------
fresh
mkdir -p "$W/outside"
printf 'name: Leaked Secret\nquadrant: tools\nring: adopt\n' > "$W/outside/secret.yaml"
ln -s "$W/outside/secret.yaml" radar/secret.yaml
ln -s ../../outside/secret.yaml radar/secret2.yaml
check_fails radar/secret.yaml "1:1" "symbolic link"
expect_err_diag radar/secret2.yaml 1:1 error "symbolic link"
radar list --format json
expect_rc 1
expect_out_not_contains "Leaked Secret"
radar score "Leaked Secret"
expect_rc 1
expect_out_not_contains "Leaked"
# Committed as a symlink, and read through --rev: still refused.
git add radar/secret.yaml
git commit -q -m "a symlink"
radar --rev HEAD check
expect_rc 1
expect_err_contains "radar/secret.yaml"
radar --rev HEAD list
expect_out_not_contains "Leaked Secret"
git reset -q --hard HEAD~1
# The entries folder itself a symlink to somewhere else: refused too.
fresh
mv radar "$W/radar-moved"
ln -s "$W/outside" radar
radar check
expect_rc 1
expect_err_match '^radar(/[a-z0-9.-]*)?:1:1: error: '
radar list
expect_out_not_contains "Leaked Secret"
rm radar
mv "$W/radar-moved" radar

# --- writing to a broken entry: refused, nothing written -----------------------------------------------------------------
fresh
sed -i 's/by: bob, maturity: 2.5,/by: bob, maturity: 6,/' radar/mojo.yaml
state_save broken
radar rate mojo --maturity 3 --by x
expect_rc 1
expect_err_contains "mojo"
radar move mojo hold
expect_rc 1
expect_state_unchanged broken
# Once a bug, now fixed: rate/move on an entry with errors say 'has errors (see above)' but print no diagnostic
radar rate mojo --maturity 3 --by x
expect_err_diag radar/mojo.yaml "$(at radar/mojo.yaml 'by: bob' '6,')" error "6"
radar move mojo hold
expect_err_diag radar/mojo.yaml "$(at radar/mojo.yaml 'by: bob' '6,')" error "6"

# --- every problem in every file, in one run ---------------------------------------------------------------------------------
fresh
sed -i 's/^quadrant: .*/quadrant: tool/; s/^ring: .*/ring: adoptt/' radar/ruff.yaml
sed -i 's/by: bob, maturity: 2.5,/by: bob, maturity: 6,/; s/2026-10-01/2026-02-30/' radar/mojo.yaml
sed -i 's/weight: 20}/weight: 10}/' .radar.yml
echo "colour: blue" >> radar/uv.yaml
sed -i 's/^confidence: .*/confidence: 1.5/' judgments/2026-04-13-mojo.yaml
printf 'name: Caf\351\nquadrant: tools\n' > radar/cafe.yaml
state_save many
radar check
expect_rc 1
expect_err_diag .radar.yml "" error "90"
expect_err_diag radar/ruff.yaml 2:11 error "'tool'"
expect_err_diag radar/ruff.yaml 3:7 error "'adoptt'"
expect_err_diag radar/mojo.yaml "$(at radar/mojo.yaml 'by: bob' '6,')" error "6"
expect_err_diag radar/mojo.yaml "$(at radar/mojo.yaml '2026-02-30' '2026-02-30')" error "2026-02-30"
expect_err_diag radar/uv.yaml ":1" warning "colour"
expect_err_diag judgments/2026-04-13-mojo.yaml "$(at judgments/2026-04-13-mojo.yaml 'confidence:' '1.5')" error "1.5"
expect_err_diag radar/cafe.yaml "" error "UTF-8"
expect_eq "$(grep -cE '^[^ :]+:[0-9]+:[0-9]+: error: ' "$ERR")" 7 "errors reported"
expect_eq "$(grep -cE '^[^ :]+:[0-9]+:[0-9]+: warning: ' "$ERR")" 1 "warnings reported"
cp "$ERR" "$W/check.txt"

radar check --format json
expect_rc 1
expect_json '$.ok' 'false'
expect_json '$.diagnostics' '[8]'
json_flat "$OUT" > "$W/check.flat"
for k in path line col severity message; do
	expect_eq "$(grep -c "^\\\$\\.diagnostics\\[[0-9]*\\]\\.$k=" "$W/check.flat")" 8 "diagnostics with '$k'"
done
expect_eq "$(grep -c '^\$\.diagnostics\[[0-9]*\]={5}$' "$W/check.flat")" 8 "diagnostics with exactly 5 keys"
expect_eq "$(grep -c '^\$\.diagnostics\[[0-9]*\]\.severity="error"$' "$W/check.flat")" 7 "errors in JSON"
expect_eq "$(grep -c '^\$\.diagnostics\[[0-9]*\]\.severity="warning"$' "$W/check.flat")" 1 "warnings in JSON"
expect_eq "$(grep -cE '^\$\.diagnostics\[[0-9]+\]\.(line|col)=[1-9][0-9]*$' "$W/check.flat")" 16 "numeric line and col"
# The JSON and the text say the same: path:line:col of each, in the same order.
awk -F'=' '/\.path=/ { gsub(/"/, "", $2); p = $2 } /\.line=/ { l = $2 } /\.col=/ { print p ":" l ":" $2 }' \
	"$W/check.flat" > "$W/json-places"
grep -E '^[^ :]+:[0-9]+:[0-9]+: (error|warning): ' "$W/check.txt" | cut -d: -f1-3 > "$W/text-places"
expect_same_file "$W/json-places" "$W/text-places"
expect_state_unchanged many

# A clean radar in JSON.
fresh
radar check --format json
expect_rc 0
expect_json '$.ok' 'true'
expect_json '$.diagnostics' '[0]'
# Warnings only: ok is true.
echo "colour: blue" >> radar/uv.yaml
radar check --format json
expect_rc 0
expect_json '$.ok' 'true'
expect_json '$.diagnostics[0].severity' '"warning"'
expect_json '$.diagnostics[0].path' '"radar/uv.yaml"'

# Once a bug, now fixed: an empty name (name: "") passes check, though 'add' refuses an empty NAME
fresh
printf 'name: ""\nquadrant: tools\n' > radar/noname.yaml
check_fails radar/noname.yaml "1:7" "name"
