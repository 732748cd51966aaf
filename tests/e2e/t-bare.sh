# A bare repository: reading commands read HEAD's tree (or --rev); writes refuse.
. "$E2E_DIR/lib.sh"

make_demo demo
git clone -q --bare demo bare.git || { fail "git clone --bare"; exit 1; }

bare_state() {
	{
		git -C bare.git for-each-ref --format='%(refname) %(objectname)'
		git -C bare.git symbolic-ref HEAD
		git -C bare.git count-objects -v | grep -v '^size'
		# every file but radar's own lock file (an flock target that stays)
		find bare.git -type f ! -name radar.lock | LC_ALL=C sort | while IFS= read -r f; do
			printf '%s %s\n' "$(cksum < "$f")" "$f"
		done
	} > "$E2E_WORK/$1.bare"
}

radar -C demo --rev HEAD list --format json
cp "$OUT" head.json
radar -C bare.git list --format json
expect_rc 0
expect_err_empty
expect_json '$' '[33]'
expect_out_equals_file head.json

radar -C bare.git list
expect_rc 0
expect_out_lines 34
radar -C bare.git score mojo --format json
expect_rc 0
expect_json '$.total' '"2.28"'
expect_json '$.ring' '"assess"'
radar -C bare.git score pyo3 --format json
expect_json '$.total_exact' '"7/2"'
radar -C bare.git show mojo
expect_rc 0
expect_out_contains "docs/adr/0006-keep-mojo-in-assess.md"
radar -C bare.git check
expect_rc 0
# From inside the bare repository, without -C.
run_in bare.git "$RADAR" list --format json
expect_rc 0
expect_out_equals_file head.json
run_in bare.git/refs "$RADAR" score mojo --format json
expect_rc 0
expect_json '$.id' '"mojo"'

# --rev in a bare repository.
radar -C bare.git --rev 2025-Q4 list --format json
expect_rc 0
expect_json '$' '[26]'
radar -C bare.git --rev nope list
expect_rc 1
expect_err_contains "nope"

# HEAD is whatever branch the bare repository's HEAD names.
git -C bare.git symbolic-ref HEAD refs/heads/rescore-2026-10
radar -C demo --rev rescore-2026-10 list --format json
cp "$OUT" branch.json
radar -C bare.git list --format json
expect_rc 0
expect_out_equals_file branch.json
git -C bare.git symbolic-ref HEAD refs/heads/main

# A commit pushed into the bare repository is what it reads next.
git clone -q bare.git clone
sed -i 's/^ring: assess$/ring: hold/' clone/radar/mojo.yaml
git -C clone commit -q -am "mojo to hold"
git -C clone push -q origin main
radar -C bare.git score mojo --format json
expect_rc 0
expect_json '$.ring' '"hold"'
expect_json '$.mismatch' 'false'
bare_state b0

# Writes refuse in a bare repository, and write nothing.
radar -C bare.git rate mojo --maturity 3 --by x
expect_rc 1
expect_err_contains "bare"
radar -C bare.git rate mojo --maturity 3 --by x --no-commit
expect_rc 1
radar -C bare.git move mojo adopt
expect_rc 1
expect_err_contains "bare"
radar -C bare.git add Foo -q tools
expect_rc 1
expect_err_contains "bare"
radar -C bare.git init
expect_rc 1
bare_state b1
expect_same_file "$E2E_WORK/b0.bare" "$E2E_WORK/b1.bare"
[ ! -e bare.git/radar ] || fail "a radar/ folder appeared in the bare repository"
[ ! -e bare.git/.radar.yml ] || fail ".radar.yml appeared in the bare repository"
git -C bare.git fsck --no-progress >/dev/null 2>"$E2E_WORK/fsck" || fail "git fsck: $(cat "$E2E_WORK/fsck")"
