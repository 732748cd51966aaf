# radar layout --format json: the computed picture as data. Golden blips on the
# bundled example, geometry promises at every shape and at 200 entries (100 in
# one cell), markers from --since, usage errors.
. "$E2E_DIR/lib.sh"
. "$E2E_DIR/render-lib.sh"

make_demo demo
state_save demo demo

# --- the example: keys, golden blip positions, invariants ------------------------
radar -C demo layout --format json
expect_rc 0
expect_err_empty
expect_json '$.width' '1920'
expect_json '$.height' '1080'
expect_json '$.center' '[2]'
expect_json '$.rings' '[4]'
expect_json '$.rings[0].id' '"adopt"'
expect_json '$.sectors' '[4]'
expect_json '$.sectors[0].id' '"techniques"'
expect_json '$.sectors[0].start_deg' '0.0'
expect_json '$.sectors[0].end_deg' '90.0'
expect_json '$.blips' '[33]'
expect_json '$.blips[0].number' '1'
expect_json '$.blips[0].marker' 'null'
cp "$OUT" demo.json
check_layout demo.json
json_flat demo.json | grep -E '^\$\.(center|rings|sectors|blips)\[' | grep -vE '\.name=' > blips.txt
if [ "${E2E_UPDATE_GOLDEN:-0}" = 1 ]; then
	cp blips.txt "$E2E_DIR/golden/render-layout-demo.txt"
fi
expect_same_file blips.txt "$E2E_DIR/golden/render-layout-demo.txt"
# every label kind is there
for k in title edition ring quadrant subhead item; do
	grep -q "\"kind\": \"$k\"" demo.json || fail "no label of kind $k"
done

# the same run after run, and the same at a revision that holds the same data
radar -C demo layout --format json
expect_out_equals_file demo.json
radar -C demo --rev HEAD layout --format json
expect_out_equals_file demo.json

# --- markers since an earlier edition --------------------------------------------
radar -C demo layout --format json --since 2025-Q4
expect_rc 0
cp "$OUT" since.json
check_layout since.json
grep -q '"marker": "new"' since.json || fail "no entry new since 2025-Q4"
grep -q '"kind": "key"' since.json || fail "no key explaining the markers"
grep -qE '"marker": "moved_(in|out)"' since.json || fail "no entry moved since 2025-Q4"
# unchanged entries keep their spots between editions
radar -C demo --rev 2026-Q3 layout --format json
cp "$OUT" q3.json
for id in kubernetes postgresql ruff; do
	a=$(json_flat demo.json | awk -v id="\"$id\"" -F= '$1 ~ /\.id$/ && $2 == id { split($1, p, /[\[\]]/); i = p[2] } i != "" && $1 == "$.blips[" i "].x" { print $2; exit }')
	b=$(json_flat q3.json | awk -v id="\"$id\"" -F= '$1 ~ /\.id$/ && $2 == id { split($1, p, /[\[\]]/); i = p[2] } i != "" && $1 == "$.blips[" i "].x" { print $2; exit }')
	[ -n "$a" ] && [ "$a" = "$b" ] || note "$id: x $a now, $b at 2026-Q3 (moved or nudged)"
done

# --- every shape: 2..8 quadrants x 2..6 rings --------------------------------------
for nq in 2 3 5 8; do
	for nr in 2 4 6; do
		d=shape-$nq-$nr
		radar_dir $d $nq $nr
		i=0
		while [ $i -lt 40 ]; do
			entry $d "e$i" "Entry number $i" "q$((i % nq))" "r$(((i / nq) % nr))"
			i=$((i + 1))
		done
		radar -C $d layout --format json --size 1600x1200
		expect_rc 0
		expect_json '$.sectors' "[$nq]"
		expect_json '$.rings' "[$nr]"
		expect_json '$.blips' '[40]'
		cp "$OUT" $d.json
		check_layout $d.json
	done
done

# --- 200 entries, 100 of them in one cell: blips shrink, say so, never overlap -----
radar_dir big 4 4
i=0
while [ $i -lt 200 ]; do
	if [ $i -lt 100 ]; then q=q1 r=r0; else q=q$((i % 4)) r=r$(((i / 4) % 4)); fi
	entry big "t$i" "Technology $i" $q $r
	i=$((i + 1))
done
radar -C big layout --format json
expect_rc 0
expect_json '$.blips' '[200]'
expect_json '$.shrunk' 'true'
expect_err_match 'note: 1[0-9][0-9] entries share Quadrant 1 / Ring 0; every blip is drawn at radius'
cp "$OUT" big.json
check_layout big.json

# --- text output and usage errors ---------------------------------------------------
radar -C demo layout
expect_rc 0
expect_out_match '^1920x1080, radar at'
radar -C demo layout --preset slide-4x3 --format json
expect_json '$.width' '1600'
expect_json '$.height' '1200'
radar -C demo layout --preset a4 --format json
expect_json '$.width' '3508'
radar -C demo layout --preset nope
expect_rc 2
expect_err_contains "unknown preset 'nope'"
radar -C demo layout --preset a4 --size 800x600
expect_rc 2
radar -C demo layout --size 12x12
expect_rc 2
radar -C demo layout --since no-such-rev
expect_rc 1
radar -C demo layout --help
expect_rc 0
expect_out_contains "--since REV"

expect_state_unchanged demo demo
