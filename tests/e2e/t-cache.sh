# The parse cache (.git/radar-cache): whatever it serves, the output is what
# parsing the files gives (RADAR_NO_CACHE=1), in the work tree and at a
# revision. Edits, damage, an unusable cache file and a bare repository
# change only the speed. RADAR_TRACE_CACHE=1 tells hits from misses.
. "$E2E_DIR/lib.sh"

export RADAR_TRACE_CACHE=1

new_repo r
cd r || exit 1
mkdir radar
for i in $(seq -w 1 40); do
	{
		printf 'name: Tech %s\nquadrant: tools\ntags: [t%s, "quoted tag"]\n' "$i" "$((10#$i % 3))"
		printf 'description: |\n  Line one of %s.\n  Line two.\n' "$i"
		printf 'scores:\n  - {date: 2026-01-%02d, by: ana, maturity: %s, ecosystem: 3, migration: 2.5, maintenance: 4}\n' \
			"$((10#$i % 28 + 1))" "$((10#$i % 5 + 1))"
		printf '  - {date: 2026-03-01, by: bo, maturity: 3, ecosystem: 4.5, migration: 3, maintenance: 3.5}\n'
	} > "radar/tech-$i.yaml"
done
# A warning lives in the checks, not in the tree: a cached tree must still give it.
printf 'owner: someone\n' >> radar/tech-07.yaml
# An alias makes a shared node: such a tree is parsed every time, never cached.
printf 'name: &n Aliased\nquadrant: tools\ndescription: *n\n' > radar/aliased.yaml
git add -A && git commit -qm "forty entries" || fail "commit"

# compare ARGS...: the command's stdout, exit status and stderr (less the
# trace) equal those with the cache off.
compare() {
	radar "$@"
	cp "$OUT" "$E2E_WORK/with.out"
	grep -v '^radar: parse cache' "$ERR" > "$E2E_WORK/with.err"
	local rc=$RC
	RADAR_NO_CACHE=1 radar "$@"
	expect_eq "$rc" "$RC" "exit status with and without the cache ($*)"
	expect_out_equals_file "$E2E_WORK/with.out"
	expect_err_contains "parse cache: off"
	grep -v '^radar: parse cache' "$ERR" > "$E2E_WORK/without.err"
	cmp -s "$E2E_WORK/with.err" "$E2E_WORK/without.err" ||
		fail "stderr differs with the cache ($*): $(diff "$E2E_WORK/with.err" "$E2E_WORK/without.err" | head -n 4 | tr '\n' '|')"
}

# Files changed in the last two seconds are never taken from the cache (their
# stat data could repeat): the first run parses all and stores nothing.
radar list
expect_rc 0
expect_err_contains "parse cache: on, 0 records, 0 hits, 0 written"
expect_err_contains "unknown key 'owner'"
sleep 3

radar list
expect_err_contains "parse cache: on, 40 records, 0 hits, 40 written"
expect_file .git/radar-cache
radar list
expect_err_contains "parse cache: on, 40 records, 40 hits, 0 written"

# Eight readers at once, each storing and saving its own cache: every output
# is whole, and the file the last rename leaves is sound.
RADAR_NO_CACHE=1 radar list --format json
cp "$OUT" "$E2E_WORK/reference.json"
rm -f .git/radar-cache
for i in 1 2 3 4 5 6 7 8; do
	"$RADAR" list --format json > "$E2E_WORK/par.$i" 2> "$E2E_WORK/par.$i.err" &
done
wait
for i in 1 2 3 4 5 6 7 8; do
	cmp -s "$E2E_WORK/reference.json" "$E2E_WORK/par.$i" || fail "parallel reader $i printed another list"
	grep -qE 'error|Sanitizer|runtime error' "$E2E_WORK/par.$i.err" && fail "parallel reader $i: $(head -n 3 "$E2E_WORK/par.$i.err")"
done
radar list
expect_err_contains "parse cache: on, 40 records, 40 hits, 0 written"
expect_no_file .git/radar-cache.lock

# A save killed before its rename leaves radar-cache.lock: while it is fresh,
# saves leave the cache alone (another run may be writing); a minute later
# the next save clears it.
rm -f .git/radar-cache
: > .git/radar-cache.lock
radar list
expect_err_contains "0 hits, 0 written"
expect_no_file .git/radar-cache
touch -d '2 minutes ago' .git/radar-cache.lock
radar list
expect_err_contains "40 records, 0 hits, 40 written"
expect_no_file .git/radar-cache.lock
for args in "list" "list --format json" "show tech-07" "score tech-12 --format json" \
	"check" "list --tag t1" "show aliased"; do
	# shellcheck disable=SC2086
	compare $args
done
radar show tech-07
expect_err_contains "radar/tech-07.yaml:10:1: warning: unknown key 'owner'"

# An edit that keeps the size (4 -> 5) right after the cache was written.
sed -i 's/maintenance: 4}/maintenance: 5}/' radar/tech-03.yaml
compare score tech-03 --format json
expect_out_contains '"maintenance"'
radar score tech-03 --format json
expect_err_contains "39 hits"
grep -q 'maintenance: 5' radar/tech-03.yaml || fail "the edit did not land"
RADAR_NO_CACHE=1 radar score tech-03 --format json
cp "$OUT" "$E2E_WORK/nocache.json"
radar score tech-03 --format json
expect_out_equals_file "$E2E_WORK/nocache.json"

# A file broken after it was cached: its errors show, whatever the cache holds.
printf 'name: [unclosed\n' > radar/tech-05.yaml
compare list
expect_eq "$RC" 1 "exit status with a broken entry"
expect_err_contains "radar/tech-05.yaml:"
git checkout -q radar/tech-05.yaml radar/tech-03.yaml

# A revision: trees are found by blob id, so a second run hits them all.
git mv radar/tech-40.yaml radar/tech-41.yaml && git commit -qm rename || fail "rename"
radar --rev HEAD~1 list
expect_rc 0
radar --rev HEAD~1 list
expect_err_contains "40 hits, 0 written"
compare --rev HEAD~1 list --format json
compare --rev HEAD list --format json
radar --rev HEAD list
expect_err_contains "40 hits, 0 written"

# Damage: garbage, a file cut short, a cache that is a folder. Same output,
# and a damaged file is replaced by the next run that stores something.
head -c 1000 /dev/urandom > .git/radar-cache
compare --rev HEAD list --format json
radar --rev HEAD list
expect_err_contains "40 hits, 0 written"
size=$(wc -c < .git/radar-cache)
head -c $((size / 2)) .git/radar-cache > cut && mv cut .git/radar-cache
compare --rev HEAD list --format json
# A whole index over damaged trees: every record is found and fails its
# checksum, so every file is read again, and the records are replaced.
radar --rev HEAD list
python3 - .git/radar-cache <<'PY' || fail "could not damage the cache"
import struct, sys
data = bytearray(open(sys.argv[1], 'rb').read())
count, vlen = struct.unpack_from('=II', data, 12)
at = 20 + vlen
for _ in range(count):
    keylen, length = struct.unpack_from('=II', data, at)
    data[at + 16 + keylen] ^= 0xff  # the tree's first byte: the checksum no longer holds
    at += 16 + keylen + length
assert at == len(data)
open(sys.argv[1], 'wb').write(data)
PY
compare --rev HEAD list --format json
radar --rev HEAD list
expect_err_contains "40 hits, 0 written"
rm -f .git/radar-cache
mkdir .git/radar-cache
compare --rev HEAD~1 list
expect_rc 0
rmdir .git/radar-cache

# Reading wrote nothing but the cache.
state_save before
radar list
radar --rev HEAD~1 list
expect_state_unchanged before

# A bare repository keeps its cache in itself; a plain folder has none.
cd "$E2E_WORK" || exit 1
git clone -q --bare r bare.git || fail "clone"
radar -C bare.git list
radar -C bare.git list
expect_err_contains "40 hits, 0 written"
expect_file bare.git/radar-cache
mkdir plain && cp -R r/radar plain/
radar -C plain list
expect_rc 0
expect_err_contains "parse cache: off"

# A file system whose clock runs behind ours (NFS, a VM's shared folder): a
# file written just now looks older than two seconds to us. The cache sees the
# clocks disagree and keeps no work-tree record, so a second edit within the
# same second still shows. libfaketime moves only our clock.
if [ -n "${E2E_VALGRIND:-}" ] || ! command -v faketime >/dev/null; then
	note "skipped: clock skew (needs faketime, and not under valgrind)"
else
	cd "$E2E_WORK" && new_repo skew && cd skew || exit 1
	mkdir radar
	printf 'name: Tech A\nquadrant: tools\n' > radar/a.yaml
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
	run faketime -f +5s "$RADAR" list
	expect_out_contains "Tech A"
	expect_err_contains "0 hits, 0 written"
	printf 'name: Tech B\nquadrant: tools\n' > radar/a.yaml
	run faketime -f +5s "$RADAR" list
	expect_out_contains "Tech B"
	expect_err_contains "0 hits, 0 written"
	expect_no_file .git/radar-cache
	cd "$E2E_WORK" || exit 1
fi

# RADAR_NO_CACHE neither reads nor writes it.
rm -f r/.git/radar-cache
RADAR_NO_CACHE=1 radar -C r --rev HEAD list
expect_no_file r/.git/radar-cache


