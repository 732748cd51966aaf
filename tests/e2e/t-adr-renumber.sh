# adr new when the number is taken meanwhile: a commit made outside adr's lock
# (plain git in this work tree, another clone's commit fetched) lands while
# the editor is open. The compare-and-swap commit sees the new tip, and the
# new record moves to the next free number: file name, heading, the links
# written into the records it supersedes or links, the commit message.
. "$E2E_DIR/lib.sh"

W=$E2E_WORK
mkdir -p "$W/bin"
ln -s "$RADAR" "$W/bin/adr"
ADR=$W/bin/adr
export ADR_DATE=2026-11-29

# 1. Plain git in the same work tree, while adr waits for the editor.
cat > "$W/commit-other.sh" <<'EOF'
#!/bin/sh
# The editor: someone commits 0002-other.md with plain git, then the user edits.
printf '# 2. Other\n\nDate: 2026-11-29\n\n## Status\n\nAccepted\n' > doc/adr/0002-other.md
git add doc/adr/0002-other.md && git commit -q -m "other: 2. Other" || exit 1
printf '\nEdited while the other commit landed.\n' >> "$1"
EOF
chmod +x "$W/commit-other.sh"

mkdir same && cd same || exit 1
git init -q
run "$ADR" init
expect_rc 0
run env EDITOR="$W/commit-other.sh" "$ADR" new -s 1 Use PostgreSQL
expect_rc 0
expect_out_equals "doc/adr/0003-use-postgresql.md"
expect_no_file doc/adr/0002-use-postgresql.md
expect_file doc/adr/0002-other.md
expect_eq "$(head -n 1 doc/adr/0003-use-postgresql.md)" "# 3. Use PostgreSQL" "heading"
expect_file_contains doc/adr/0003-use-postgresql.md "Edited while the other commit landed."
expect_file_contains doc/adr/0003-use-postgresql.md \
	"Supersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)"
expect_file_contains doc/adr/0001-record-architecture-decisions.md \
	"Superseded by [3. Use PostgreSQL](0003-use-postgresql.md)"
expect_file_not_contains doc/adr/0001-record-architecture-decisions.md "0002-use-postgresql"
expect_eq "$(git log --format=%s | tr '\n' '|')" \
	"adr: 3. Use PostgreSQL|other: 2. Other|adr: 1. record-architecture-decisions|" "both commits"
expect_eq "$(git show --name-only --format= HEAD | sort | tr '\n' ' ')" \
	"doc/adr/0001-record-architecture-decisions.md doc/adr/0003-use-postgresql.md " "our commit"
expect_eq "$(git ls-tree --name-only HEAD doc/adr/ | tr '\n' ' ')" \
	"doc/adr/0001-record-architecture-decisions.md doc/adr/0002-other.md doc/adr/0003-use-postgresql.md " \
	"tree"
expect_eq "$(git status --porcelain)" "" "clean work tree"
git fsck --no-progress >/dev/null 2>"$W/fsck" || fail "git fsck: $(cat "$W/fsck")"
run "$ADR" list
expect_out_equals "$(printf '%s\n' doc/adr/0001-record-architecture-decisions.md \
	doc/adr/0002-other.md doc/adr/0003-use-postgresql.md)"
# A number nobody took is kept.
run env EDITOR=true "$ADR" new -l "3:Amends:Amended by" Next one
expect_out_equals "doc/adr/0004-next-one.md"
expect_file_contains doc/adr/0003-use-postgresql.md "Amended by [4. Next one](0004-next-one.md)"
expect_eq "$(git status --porcelain)" "" "clean work tree after the next one"
cd "$W" || exit 1

# 2. Another clone's commits fetched while the editor is open: the branch moves,
# the work tree does not. One of them even has our file name, with other text:
# that file is theirs, and ours moves on.
mkdir origin && cd origin || exit 1
git init -q
run "$ADR" init
run env EDITOR=true "$ADR" new First
cd "$W" || exit 1
git clone -q origin other
cat > "$W/fetch-other.sh" <<EOF
#!/bin/sh
( cd "$W/other" &&
  printf '# 3. Theirs\n' > doc/adr/0003-theirs.md &&
  printf '# 3. Mine too\n' > doc/adr/0003-mine.md &&
  git add doc/adr && git commit -q -m theirs ) || exit 1
git fetch -q "$W/other" HEAD && git update-ref HEAD FETCH_HEAD
EOF
chmod +x "$W/fetch-other.sh"
cd origin || exit 1
run env EDITOR="$W/fetch-other.sh" "$ADR" new -l "2:Amends:Amended by" Mine
expect_rc 0
expect_out_equals "doc/adr/0004-mine.md"
expect_eq "$(head -n 1 doc/adr/0004-mine.md)" "# 4. Mine" "heading"
expect_eq "$(cat doc/adr/0003-mine.md)" "# 3. Mine too" "their file of our old name"
expect_file_contains doc/adr/0002-first.md "Amended by [4. Mine](0004-mine.md)"
expect_eq "$(git log --format=%s -2 | tr '\n' '|')" "adr: 4. Mine|theirs|" "both commits"
expect_eq "$(git ls-tree --name-only HEAD doc/adr/ | tr '\n' ' ')" \
	"doc/adr/0001-record-architecture-decisions.md doc/adr/0002-first.md doc/adr/0003-mine.md doc/adr/0003-theirs.md doc/adr/0004-mine.md " \
	"tree"
expect_eq "$(git show HEAD:doc/adr/0003-mine.md)" "# 3. Mine too" "their file untouched in the commit"
# Only what the fetch left behind differs: their other file is not in this work tree.
expect_eq "$(git status --porcelain | tr '\n' '|')" "D  doc/adr/0003-theirs.md|" "status"
git fsck --no-progress >/dev/null 2>"$W/fsck" || fail "git fsck: $(cat "$W/fsck")"
cd "$W" || exit 1

# 3. Outside Git: nothing to race with, nothing renumbered.
mkdir plain && cd plain || exit 1
run env EDITOR=true "$ADR" new First
expect_out_equals "doc/adr/0001-first.md"
cd "$W" || exit 1
