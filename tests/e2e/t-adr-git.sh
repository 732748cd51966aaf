# adr inside Git: each write is one commit of exactly the files it changed (a
# supersede: two files, one commit); other work is left alone; racing
# `adr new`s never duplicate a number; index.lock stops a write; outside Git
# only files are written.
. "$E2E_DIR/lib.sh"

W=$E2E_WORK
mkdir -p "$W/bin"
ln -s "$RADAR" "$W/bin/adr"
ADR=$W/bin/adr
export ADR_DATE=2026-11-29

mkdir repo && cd repo || exit 1
git init -q
echo "notes" > notes.txt
git add notes.txt && git commit -q -m base
run "$ADR" init
expect_rc 0
expect_out_equals "doc/adr/0001-record-architecture-decisions.md"
expect_eq "$(git log --format=%s -1)" "adr: 1. record-architecture-decisions" "init commit"
run "$ADR" new Use PostgreSQL
expect_rc 0
echo "staged" >> notes.txt && git add notes.txt
echo "unstaged" > other.txt
run "$ADR" new -s 2 Use SQLite
expect_rc 0
expect_out_equals "doc/adr/0003-use-sqlite.md"
expect_eq "$(git show --name-only --format= HEAD | sort | tr '\n' ' ')" \
	"doc/adr/0002-use-postgresql.md doc/adr/0003-use-sqlite.md " "supersede commits two files"
expect_eq "$(git rev-list --count HEAD)" "4" "one commit per write"
expect_eq "$(git diff --cached --name-only)" "notes.txt" "staged work stays staged"
expect_eq "$(git status --porcelain | sort | tr '\n' '|')" "?? other.txt|M  notes.txt|" "status"
run "$ADR" link 3 Amends 1 "Amended by"
expect_rc 0
expect_eq "$(git show --name-only --format= HEAD | sort | tr '\n' ' ')" \
	"doc/adr/0001-record-architecture-decisions.md doc/adr/0003-use-sqlite.md " "link commit"
run "$ADR" status 2 deprecated
expect_rc 0
expect_file_contains doc/adr/0002-use-postgresql.md "Deprecated"
expect_eq "$(git show --name-only --format= HEAD)" "doc/adr/0002-use-postgresql.md" "status commit"
run "$ADR" new --no-commit Not committed
expect_rc 0
expect_eq "$(git status --porcelain doc/adr)" "?? doc/adr/0004-not-committed.md" "--no-commit"
rm doc/adr/0004-not-committed.md

# index.lock: the write fails, names the file, and writes nothing.
touch .git/index.lock
head=$(git rev-parse HEAD)
run "$ADR" new -s 3 Blocked
expect_rc 1
expect_err_contains "index.lock"
expect_no_file doc/adr/0004-blocked.md
expect_file_not_contains doc/adr/0003-use-sqlite.md "Blocked"
expect_eq "$(git rev-parse HEAD)" "$head" "no commit while locked"
rm .git/index.lock

# A number taken on the branch tip but deleted from the work tree is not reused.
run "$ADR" new Short lived
expect_out_equals "doc/adr/0004-short-lived.md"
rm doc/adr/0004-short-lived.md
run "$ADR" new After that
expect_out_equals "doc/adr/0005-after-that.md"
cd "$W"

# The race: 8 processes x 25 `adr new` in one repository (x 3 under
# `make check-valgrind`, E2E_VALGRIND=1: the same race, each run ~50 times slower).
per=25
[ "${E2E_VALGRIND:-0}" = 1 ] && per=3
total=$((8 * per))
mkdir race && cd race || exit 1
git init -q
for p in 1 2 3 4 5 6 7 8; do
	(for i in $(seq "$per"); do "$ADR" new "Process $p record $i" >/dev/null 2>>"$W/race.err" || echo fail >> "$W/race.err"; done) &
done
wait
expect_eq "$(cat "$W/race.err" 2>/dev/null)" "" "errors in the race"
expect_eq "$(ls doc/adr | wc -l | tr -d ' ')" "$total" "files"
expect_eq "$(ls doc/adr | cut -c1-4 | sort -u | wc -l | tr -d ' ')" "$total" "distinct numbers"
expect_eq "$(ls doc/adr | cut -c1-4 | sort | tail -1)" "$(printf '%04d' "$total")" "highest number"
expect_eq "$(git rev-list --count HEAD)" "$total" "commits"
expect_eq "$(git ls-tree --name-only HEAD doc/adr/ | wc -l | tr -d ' ')" "$total" "files committed"
expect_eq "$(git status --porcelain)" "" "clean work tree"
git fsck --no-progress >/dev/null 2>"$W/fsck" || fail "git fsck: $(cat "$W/fsck")"
cd "$W"

# Outside Git: files only, output as adr-tools prints it.
mkdir plain && cd plain || exit 1
run "$ADR" new First
expect_rc 0
expect_out_equals "doc/adr/0001-first.md"
expect_no_file .git
