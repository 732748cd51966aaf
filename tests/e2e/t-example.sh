# The bundled example: examples/make-demo-repo.sh builds a repository; the reading
# commands give the documented numbers on it.
. "$E2E_DIR/lib.sh"

run bash "$E2E_ROOT/examples/make-demo-repo.sh" demo
expect_rc 0 "make-demo-repo.sh"
[ -d demo/.git ] || { fail "no repository made"; exit 1; }
D=$PWD/demo
expect_eq "$(git -C demo status --porcelain)" "" "demo work tree clean"
expect_eq "$(git -C demo tag -l | tr '\n' ' ')" "2025-Q4 2026-Q1 2026-Q2 2026-Q3 " "tags"
state_save demo demo

# --- score mojo: 2.275 exactly, shown rounded half away from zero --------------
radar -C demo score mojo
expect_rc 0
expect_err_empty
expect_out_contains "Mojo (mojo)"
expect_out_match '^  Total +2\.28 +→ hold$'
expect_out_match '^  Ring +assess \(declared\)$'
expect_out_match '^  Scorecard +hold +mismatch: declared assess, scorecard says hold$'
expect_out_match '^  Raters +alice, bob, carol$'
expect_out_match '^  Technology maturity +30% +2\.50 +0\.75 +3 '
expect_out_match '^  Ecosystem health +25% +1\.67 +0\.42 +3 '

radar -C demo score mojo --format json
expect_rc 0
expect_json '$.id' '"mojo"'
expect_json '$.total' '"2.28"'
expect_json '$.total_exact' '"91/40"'
expect_json '$.ring' '"assess"'
expect_json '$.declared_ring' '"assess"'
expect_json '$.mismatch' 'true'
expect_json '$.dimensions' '[4]'
expect_json '$.dimensions[0].id' '"maturity"'
expect_json '$.dimensions[0].weight' '30'
expect_json '$.raters' '[3]'
expect_json '$.to_next_ring_down' 'null'

# Names match case-insensitively, by id or by name.
radar -C demo score MoJo
expect_rc 0
expect_out_match '^  Total +2\.28 '
radar -C demo score "pyo3 (rust bindings for python)" --format json
expect_rc 0
expect_json '$.id' '"pyo3"'

# --- score pyo3: exactly on the trial threshold --------------------------------
radar -C demo score pyo3 --format json
expect_rc 0
expect_json '$.total' '"3.50"'
expect_json '$.total_exact' '"7/2"'
expect_json '$.ring' '"trial"'
expect_json '$.declared_ring' '"trial"'
expect_json '$.mismatch' 'false'
expect_json '$.to_next_ring_up' '0.5'
expect_json '$.to_next_ring_down' '0'
expect_json '$.raters[0]' '"alice"'
expect_json '$.raters[1]' '"carol"'
expect_json '$.disagreements' '[0]'
radar -C demo score pyo3
expect_out_match '^  Total +3\.50 +→ trial$'
expect_out_contains "exactly at the trial threshold"

# --- list -----------------------------------------------------------------------
radar -C demo list --format json
expect_rc 0
expect_err_empty
expect_json '$' '[33]'
cp "$OUT" all.json
json_flat all.json > all.flat
for key in id name quadrant ring declared_ring total; do
	n=$(grep -c "^\\\$\\[[0-9]*\\]\\.$key=" all.flat)
	expect_eq "$n" 33 "entries with key $key"
done
expect_eq "$(grep -c '^\$\[[0-9]*\]\.total="[0-9]\.[0-9][0-9]"$' all.flat)" 33 "totals as \"N.NN\""
expect_eq "$(ls "$D"/radar/*.yaml | wc -l | tr -d ' ')" 33 "entry files"
# The ids are the file stems, in order.
ls "$D"/radar/*.yaml | sed 's|.*/||; s|\.yaml$||' | LC_ALL=C sort > ids.want
sed -n 's/^\$\[[0-9]*\]\.id="\(.*\)"$/\1/p' all.flat > ids.got
expect_same_file ids.got ids.want

radar -C demo list
expect_rc 0
expect_out_lines 34
expect_out_match '^id +name +quadrant +ring +total$'
expect_out_match '^mojo +Mojo +languages-and-frameworks +assess +2\.28 +scorecard: hold$'

# --ring adopt: the entries placed in adopt, and only those.
want=$(grep -c '^\$\[[0-9]*\]\.ring="adopt"$' all.flat)
radar -C demo list --ring adopt --format json
expect_rc 0
json_flat "$OUT" > adopt.flat
expect_eq "$(grep -c '^\$\[[0-9]*\]\.ring=' adopt.flat)" "$want" "entries in adopt"
expect_eq "$(grep -c '^\$\[[0-9]*\]\.ring="adopt"$' adopt.flat)" "$want" "ring of every listed entry"
expect_eq "$want" 12 "adopt count in the example"
radar -C demo list --ring adopt
expect_out_lines 13
expect_out_no_match '  (trial|assess|hold) +[0-9]'
# Rings match case-insensitively and through aliases (caution = hold).
radar -C demo list --ring hold
cp "$OUT" hold.txt
radar -C demo list --ring CAUTION
expect_rc 0
expect_out_equals_file hold.txt
expect_out_contains "poetry"

# --quadrant tools
radar -C demo list --quadrant tools --format json
expect_rc 0
json_flat "$OUT" > tools.flat
n=$(grep -l '^quadrant: tools$' "$D"/radar/*.yaml | wc -l | tr -d ' ')
expect_eq "$(grep -c '^\$\[[0-9]*\]\.quadrant="tools"$' tools.flat)" "$n" "tools entries"
expect_eq "$(grep -c '^\$\[[0-9]*\]\.quadrant=' tools.flat)" "$n" "only tools entries"
radar -C demo list -q tools
expect_out_lines $((n + 1))

# --tag
radar -C demo list --tag rust --format json
expect_rc 0
expect_json '$' '[1]'
expect_json '$[0].id' '"pyo3"'
n=$(grep -l '^tags: .*\bpython\b' "$D"/radar/*.yaml | wc -l | tr -d ' ')
radar -C demo list --tag python --format json
expect_json '$' "[$n]"
radar -C demo list -t no-such-tag
expect_rc 0
expect_out_empty

# Filters combine.
want=0
for f in "$D"/radar/*.yaml; do
	grep -q '^ring: adopt$' "$f" && grep -q '^quadrant: tools$' "$f" &&
		grep -q '^tags: .*\bpython\b' "$f" && want=$((want + 1))
done
radar -C demo list --ring adopt --quadrant tools --tag python --format json
expect_json '$' "[$want]"

# --- show -----------------------------------------------------------------------
radar -C demo show mojo
expect_rc 0
expect_out_contains "Keep Mojo in assess and do not build production kernels with it"
expect_out_contains "docs/adr/0006-keep-mojo-in-assess.md"
expect_out_contains "2026-10-02  carol"
radar -C demo show mojo --format json
expect_rc 0
expect_json '$.adrs[0].number' 6
expect_json '$.scores' '[4]'
expect_json '$.total_exact' '"91/40"'
# its ring history, from Git: added in the 2026-Q1 edition, rescored on the merged branch
expect_json '$.history[0].kind' '"added"'
expect_json '$.history[0].date' '"2026-03-16"'
expect_json '$.history[0].ring' '"assess"'
radar -C demo show langchain
expect_out_contains "Ring history"
expect_out_match '^  2025-12-08  added +trial +3\.38 '
expect_out_match '^  2026-10-08  rescored +trial +2\.84 '

# --- check ----------------------------------------------------------------------
radar -C demo check
expect_rc 0
expect_err_empty
expect_out_contains "33 entries"
radar -C demo check --format json
expect_rc 0
expect_json '$.ok' 'true'
expect_json '$.diagnostics' '[0]'

# --- global options after the command, in every spelling -------------------------
radar score mojo --format json -C demo
expect_rc 0
expect_json '$.total' '"2.28"'
radar score mojo --format=json -C "$D"
expect_rc 0
expect_json '$.total' '"2.28"'
radar list -C demo --ring adopt --format json
expect_rc 0
expect_json '$' '[12]'
radar --format json -C demo score pyo3
expect_json '$.total' '"3.50"'
radar -Cdemo check
expect_rc 0
radar score mojo -C demo --rev 2026-Q1 --format json
expect_rc 0
expect_json '$.id' '"mojo"'
# The work directory itself, and a subdirectory of the repository, work as -C.
run_in demo "$RADAR" score mojo --format json
expect_rc 0
expect_json '$.total' '"2.28"'
radar -C demo/radar list --format json
expect_json '$' '[33]'

# Reading wrote nothing.
expect_state_unchanged demo demo
