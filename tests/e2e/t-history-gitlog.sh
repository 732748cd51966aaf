# radar history against an independent derivation from `git log -p`: a generated
# repository (bench/history/gen-history, small) with merged topic branches; for random
# entries, the sequence of declared rings read from the patches of the first-parent line
# (merges diffed against their first parent, as radar does) must equal the declared rings
# radar reports, change by change. Non-merge commits must be the commits radar names.
. "$E2E_DIR/lib.sh"

gen=$E2E_WORK/gen-history
cc -O2 -std=c11 -o "$gen" "$E2E_ROOT/bench/history/gen-history.c" || { fail "cannot build the generator"; exit 1; }
git init -q -b main repo
"$gen" --commits 400 --entries 40 --entry-commits 300 --adrs 100 --tags 2 --seed 7 |
	git -C repo fast-import --quiet || { fail "fast-import failed"; exit 1; }
git -C repo checkout -q -f main
cd repo || exit 1
[ "$(git rev-list --merges --count HEAD)" -gt 0 ] || fail "the generated history has no merges"

# Every generated entry declares its ring, so the placement is the declared ring.
ids=$(git ls-tree --name-only HEAD radar/ | sed 's|radar/||; s|\.yaml$||' | awk 'NR % 4 == 1')
[ -n "$ids" ] || fail "no entries"
for id in $ids; do
	# From git: the first-parent line, oldest first; each commit's patch of this file
	# against its first parent; the new `ring:` line when it changed (or the file was added).
	git log --first-parent -m --reverse -p --format='@@commit %H %P' -- "radar/$id.yaml" |
		awk '
		function emit() { if (have && r != "" && r != last) { print c " " (np > 1 ? "merge" : "single") " " r; last = r } have = 0; r = "" }
		/^@@commit / { emit(); c = $2; np = NF - 2; have = 1; next }
		/^\+ring: / { r = $2 }
		END { emit() }' > "$E2E_WORK/git-$id"
	radar history "$id" --format json
	expect_rc 0
	json_flat "$OUT" | awk -F= '
		/^\$\[[0-9]+\]\.commit=/ { c = $2; gsub(/"/, "", c) }
		/^\$\[[0-9]+\]\.declared_ring=/ { d = $2; gsub(/"/, "", d) }
		/^\$\[[0-9]+\]\.merged_by=/ { m = $2; gsub(/"/, "", m);
			if (d != last) { print (m == "null" ? c : m) " " d; last = d } }' > "$E2E_WORK/radar-$id"
	# Compare: the ring sequence, and the commit for changes not brought by a merge.
	awk '{ print ($2 == "merge" ? "MERGE" : $1) " " $3 }' "$E2E_WORK/git-$id" > "$E2E_WORK/g"
	# radar names the merge in merged_by when it credits a branch commit.
	awk 'NR == FNR { merge[$1] = 1; next } { print (($1 in merge) ? "MERGE" : $1) " " $2 }' \
		<(git rev-list --merges HEAD) "$E2E_WORK/radar-$id" > "$E2E_WORK/r"
	cmp -s "$E2E_WORK/g" "$E2E_WORK/r" ||
		fail "ring history of $id differs from git log -p: $(diff "$E2E_WORK/g" "$E2E_WORK/r" | head -n 8 | tr '\n' '|')"
done

# The whole history agrees with the per-entry histories.
radar history --format json
expect_rc 0
all=$(json_flat "$OUT" | grep -c '\.kind=')
sum=0
for id in $(git ls-tree --name-only HEAD radar/ | sed 's|radar/||; s|\.yaml$||'); do
	radar history "$id" --format json
	n=$(json_flat "$OUT" | grep -c '\.kind=')
	sum=$((sum + n))
done
expect_eq "$sum" "$all" "events of all entries vs the sum of each entry's"
# The merges on the first-parent line are credited to branch commits.
radar history --format json
json_flat "$OUT" | grep -q '\.merged_by="' || fail "no change credited through a merge"
