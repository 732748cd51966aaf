# Faults (issue 9): a write that fails for want of space (a tiny tmpfs when we
# may mount one, and `ulimit -f` always) leaves every original file intact and
# no partial commit; an existing index.lock gives a clear error; a branch that
# someone else moves during a write is not lost: the commit lands on the new tip.
#
# As root, the test re-runs itself in a private mount namespace (unshare -m) so
# that its tmpfs disappears with it, whatever happens.
if [ "$(id -u)" = 0 ] && [ -z "${FAULTS_NS:-}" ] && command -v unshare >/dev/null 2>&1 &&
	unshare -m --propagation private true 2>/dev/null; then
	FAULTS_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
. "$E2E_DIR/lib.sh"

make_demo demo
W=$E2E_WORK
cd demo || exit 1
base=$(git rev-parse HEAD)
tmpfiles() { find . -path ./.git -prune -o -name '.*.tmp*' -print | head -n 3; }

# after_fault WHAT: the last command either failed with a message and changed
# nothing (state "before"), or succeeded completely: one new commit holding the
# new file, index and work tree agreeing. Either way: fsck clean, no temp files.
after_fault() {
	if [ "$RC" = 0 ]; then
		expect_eq "$(git rev-list --count "$base"..HEAD)" 1 "commits after a successful $1"
		git diff --quiet HEAD || fail "$1 succeeded but the work tree differs from HEAD: $(git status --porcelain | head -n 3 | tr '\n' '|')"
		git diff --cached --quiet || fail "$1 succeeded but the index differs from HEAD"
	else
		[ "$RC" = 1 ] || fail_cmd "$1: expected exit status 0 or 1, got $RC"
		expect_err_nonempty
		e2e_state . >"$W/.state-after"
		if ! cmp -s "$W/.e2e-state-before" "$W/.state-after"; then
			note "$1 failed with: $(head -c 300 "$ERR")"
			# repo-write.c keeps a hard link to every file it replaces and,
			# until the commit is made (or when the index cannot follow it,
			# after moving the branch back), puts them all back.
			expect_state_unchanged before
		fi
	fi
	expect_eq "$(tmpfiles)" "" "temp files left by $1"
	git fsck --no-progress --strict >/dev/null 2>"$W/fsck" || fail "git fsck after $1: $(head -n 3 "$W/fsck")"
}
reset_demo() { git reset -q --hard "$base"; git clean -qfdx; }

# --- ulimit -f: files past the limit cannot be written (EFBIG) ----------------------------
note=$(head -c 3000 /dev/zero | tr '\0' 'n')
for blocks in 1 2 3 4 6 8; do
	reset_demo
	state_save before
	(
		trap '' XFSZ
		ulimit -f "$blocks"
		exec "$RADAR" rate mojo --maturity 4 --by faults --note "$note"
	) >"$OUT" 2>"$ERR" </dev/null
	RC=$?
	E2E_LAST_CMD="(ulimit -f $blocks; radar rate mojo ... --note <3000 bytes>)"
	e2e_sanitizer_check
	after_fault "rate under ulimit -f $blocks"
	reset_demo
	state_save before
	(
		trap '' XFSZ
		ulimit -f "$blocks"
		cd docs/adr && VISUAL= EDITOR= ADR_DATE=2026-11-29 exec "$RADAR" adr new "$note"
	) >"$OUT" 2>"$ERR" </dev/null
	RC=$?
	E2E_LAST_CMD="(ulimit -f $blocks; adr new <3000 bytes>)"
	e2e_sanitizer_check
	# A title that long makes a file name past NAME_MAX: refused either way.
	after_fault "adr new under ulimit -f $blocks"
done

# --- a full disk: the repository on a tiny tmpfs, filled to leave K KiB ---------------------
cd "$W" || exit 1
if mkdir -p "$W/small" && mount -t tmpfs -o size=4m tmpfs "$W/small" 2>/dev/null; then
	for k in 0 4 8 12 16 20 24 32 48 64 96 128; do
		for cmd in rate adr; do
			rm -rf "$W/small/demo" "$W/small/filler"
			cp -R "$W/demo" "$W/small/demo"
			cd "$W/small/demo" || exit 1
			git reset -q --hard "$base"
			git clean -qfdx
			state_save before
			avail=$(df --output=avail -B1 "$W/small" | tail -n 1 | tr -d ' ')
			fallocate -l $((avail - k * 1024)) "$W/small/filler" 2>/dev/null ||
				head -c $((avail - k * 1024)) /dev/zero >"$W/small/filler" 2>/dev/null
			if [ "$cmd" = rate ]; then
				radar rate mojo --maturity 4 --by faults
			else
				run_in docs/adr env VISUAL= EDITOR= ADR_DATE=2026-11-29 "$RADAR" adr new "Full disk $k"
			fi
			rm -f "$W/small/filler"
			after_fault "$cmd with ${k} KiB free"
			[ "$RC" = 0 ] || expect_err_match 'No space left on device|space'
			cd "$W" || exit 1
		done
	done
	umount "$W/small" 2>/dev/null
else
	note "cannot mount a tmpfs here (not root?): the full-disk cases ran with ulimit -f only"
fi
cd "$W/demo" || exit 1

# --- an existing index.lock: a clear error naming it, nothing written, lock kept ---------------
reset_demo
touch .git/index.lock
state_save before
radar rate mojo --maturity 4
expect_rc 1 "rate with index.lock"
expect_err_contains "$PWD/.git/index.lock"
expect_err_contains "File exists"
expect_err_contains "remove the file manually"
run_in docs/adr env VISUAL= EDITOR= "$RADAR" adr new "Locked out"
expect_rc 1 "adr new with index.lock"
expect_err_contains "index.lock"
expect_state_unchanged before
expect_file .git/index.lock
rm -f .git/index.lock

# --- the branch moved by someone else during a write ----------------------------------------------
# (1) The editor `adr new` runs commits on the branch meanwhile, with Git's
#     plumbing (no index), as a fetch into the checked-out branch would.
reset_demo
cat > "$W/editor.sh" <<'EOS'
#!/bin/sh
# Someone else's commit lands while the ADR is open in the editor.
cd "$(git rev-parse --show-toplevel)" || exit 1
export GIT_INDEX_FILE="$(git rev-parse --git-dir)/other-index"
old=$(git rev-parse HEAD)
git read-tree "$old"
blob=$(echo "from someone else" | git hash-object -w --stdin)
git update-index --add --cacheinfo 100644,"$blob",other.txt
tree=$(git write-tree)
new=$(git commit-tree -p "$old" -m "someone else's commit" "$tree")
git update-ref refs/heads/main "$new" "$old"
rm -f "$GIT_INDEX_FILE"
EOS
chmod +x "$W/editor.sh"
run_in docs/adr env VISUAL="$W/editor.sh" ADR_DATE=2026-11-29 "$RADAR" adr new "Written while the branch moved"
expect_rc 0 "adr new while the branch moves"
expect_eq "$(git log --format=%s -n 2 | tail -n 1)" "someone else's commit" "the other commit is the new commit's parent"
git cat-file -e HEAD:other.txt 2>/dev/null || fail "the other commit's file is gone from HEAD"
git cat-file -e HEAD:docs/adr/0010-written-while-the-branch-moved.md 2>/dev/null || fail "the new ADR is not in HEAD"
git fsck --no-progress --strict >/dev/null 2>&1 || fail "git fsck after the moved branch"
# (2) Someone else keeps committing in a loop while radar rates, 20 times:
#     every commit of both survives, each rate lands on the tip of its moment.
reset_demo
(
	export GIT_INDEX_FILE="$W/other-index"
	for i in $(seq 1 40); do
		old=$(git rev-parse HEAD)
		git read-tree "$old"
		blob=$(echo "other $i" | git hash-object -w --stdin)
		git update-index --add --cacheinfo 100644,"$blob","other-$i.txt"
		tree=$(git write-tree)
		new=$(git commit-tree -p "$old" -m "other $i" "$tree")
		git update-ref refs/heads/main "$new" "$old" 2>/dev/null && echo "$i" >>"$W/other.ok"
	done
) &
other=$!
rated=0
for i in $(seq 1 20); do
	"$RADAR" rate mojo --maturity 4 --by "rater$i" >"$W/rate.out" 2>"$W/rate.err" </dev/null &&
		rated=$((rated + 1)) || fail "rate $i failed while the branch moved: $(head -n 2 "$W/rate.err")"
done
wait "$other"
others=$(wc -l <"$W/other.ok" | tr -d ' ')
expect_eq "$(git rev-list --count "$base"..HEAD)" $((rated + others)) "commits after racing the branch ($rated rates, $others others)"
for i in $(cat "$W/other.ok"); do
	git cat-file -e "HEAD:other-$i.txt" 2>/dev/null || fail "other-$i.txt lost from HEAD"
done
expect_eq "$(git show HEAD:radar/mojo.yaml | grep -c 'by: rater')" 20 "ratings in HEAD"
git fsck --no-progress --strict >/dev/null 2>&1 || fail "git fsck after racing the branch"
