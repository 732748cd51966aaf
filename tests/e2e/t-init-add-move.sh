# init, add and move: in a fresh repository, in an existing one, and outside Git.
. "$E2E_DIR/lib.sh"

W=$E2E_WORK

# --- init with a stale index.lock: exit 1, nothing written ------------------------------
git init -q -b main locked
touch locked/.git/index.lock
radar -C locked init
expect_rc 1
expect_err_contains "index.lock"
expect_no_file locked/.radar.yml
expect_eq "$(git -C locked rev-list --all --count)" 0 "commits in the locked repository"
# Once a bug, now fixed: a failed 'radar init' leaves radar/, docs/adr/ and judgments/ behind (made before the write is refused)
expect_no_file locked/radar
expect_no_file locked/docs
expect_no_file locked/judgments

# --- init in a fresh `git init` (no commit yet) --------------------------------------
git init -q -b main repo
cd repo || exit 1
echo "staged before init" > notes.txt
git add notes.txt
radar init
expect_rc 0
expect_out_contains "wrote .radar.yml"
expect_out_match '^committed [0-9a-f]{7,} '
expect_file .radar.yml
expect_eq "$(git_commits)" 1 "commits after init"
expect_eq "$(git ls-tree -r --name-only HEAD)" ".radar.yml" "files in the init commit"
expect_eq "$(git status --porcelain)" "A  notes.txt" "status after init"
expect_eq "$(git log -1 --format='%an <%ae>')" "E2E Tester <e2e@example.org>" "author"
for d in radar docs/adr judgments; do
	[ -d "$d" ] || fail "init did not make $d/"
done
# The written file holds the documented defaults.
for line in "id: techniques" "id: languages-and-frameworks" "id: adopt" "id: hold" "aliases: [caution]" \
	"weight: 30" "weight: 25" "weight: 20" "adopt: 4.0" "trial: 3.5" "assess: 3.0" "after_months: 3"; do
	expect_file_contains .radar.yml "$line"
done
radar check
expect_rc 0
expect_err_empty
expect_out_contains "0 entries"
expect_out_not_contains "defaults apply"
radar list --format json
expect_rc 0
expect_json '$' '[0]'

# A second init: exit 1, nothing written.
state_save init2
radar init
expect_rc 1
expect_err_contains ".radar.yml"
expect_err_contains "exists"
radar init --title "Other"
expect_rc 1
expect_state_unchanged init2
git commit -q -m "notes"

# --- add ------------------------------------------------------------------------------
n0=$(git_commits)
radar add "Deno" -q platforms -r assess -d "A JavaScript runtime: secure by default, \"batteries\" included."
expect_rc 0
expect_out_contains "wrote radar/deno.yaml"
expect_file radar/deno.yaml
expect_eq "$(git_commits)" $((n0 + 1)) "commits after add"
expect_eq "$(git diff-tree --no-commit-id --name-status -r HEAD | tr '\t' ' ')" "A radar/deno.yaml" "add commit"
expect_eq "$(git status --porcelain)" "" "status after add"
expect_file_contains radar/deno.yaml "name: Deno"
expect_file_contains radar/deno.yaml "quadrant: platforms"
expect_file_contains radar/deno.yaml "ring: assess"
radar show deno --format json
expect_rc 0
expect_json '$.name' '"Deno"'
expect_json '$.quadrant' '"platforms"'
expect_json '$.declared_ring' '"assess"'
expect_json '$.total' 'null'
expect_json '$.description' '"A JavaScript runtime: secure by default, \"batteries\" included."'
radar check
expect_rc 0
expect_err_empty

# Adding it again (by name in any case, or under its id) exits 1 and writes nothing.
state_save add2
radar add "Deno" -q platforms
expect_rc 1
expect_err_contains "radar/deno.yaml"
radar add "DENO" -q tools
expect_rc 1
radar add "Deno runtime" -q platforms --id deno
expect_rc 1
# An unknown quadrant or ring is a usage error naming the choices.
radar add X -q nope
expect_rc 2
expect_err_contains "nope"
expect_err_contains "techniques, tools, platforms, languages-and-frameworks"
radar add X -q tools -r nowhere
expect_rc 2
expect_err_contains "adopt, trial, assess, hold"
radar add X
expect_rc 2
radar add -q tools
expect_rc 2
expect_state_unchanged add2

# A ring alias is written as the ring's id.
radar add "Flash" -q platforms -r Caution
expect_rc 0
expect_file_contains radar/flash.yaml "ring: hold"

# From a subdirectory, the file still goes to radar/ at the root.
mkdir -p docs/adr
run_in docs/adr "$RADAR" add "Bun" -q platforms
expect_rc 0
expect_file radar/bun.yaml
expect_no_file docs/adr/radar

# --- move -------------------------------------------------------------------------------
n0=$(git_commits)
cp radar/deno.yaml "$W/deno.before"
radar move deno trial --reason "Two services run on it in production; no incidents."
expect_rc 0
expect_eq "$(git_commits)" $((n0 + 1)) "commits after move"
diff "$W/deno.before" radar/deno.yaml > "$W/deno.diff"
expect_eq "$(grep '^[<>]' "$W/deno.diff" | tr '\n' '|')" "< ring: assess|> ring: trial|" "move diff"
git log -1 --format=%B > "$W/msg"
expect_file_contains "$W/msg" "Two services run on it in production; no incidents."
git log -1 --format=%s > "$W/subject"
expect_file_contains "$W/subject" "Deno"
expect_file_contains "$W/subject" "trial"
expect_eq "$(git status --porcelain)" "" "status after move"
radar score deno --format json
expect_json '$.declared_ring' '"trial"'

# Moving to the ring it is in: nothing to do, no commit.
radar move deno TRIAL
expect_rc 0
expect_eq "$(git_commits)" $((n0 + 1)) "commits after a no-op move"
# An alias works and the id is written.
radar move deno caution
expect_rc 0
expect_file_contains radar/deno.yaml "ring: hold"
expect_file_not_contains radar/deno.yaml "caution"
# An entry without a ring line gets one.
radar move bun adopt
expect_rc 0
expect_eq "$(grep -c '^ring: adopt$' radar/bun.yaml)" 1 "ring lines in bun.yaml"

state_save mv2
radar move deno nowhere
expect_rc 2
expect_err_contains "nowhere"
expect_err_contains "adopt, trial, assess, hold"
radar move nosuch trial
expect_rc 1
expect_err_contains "nosuch"
radar move deno
expect_rc 2
expect_state_unchanged mv2

# --- outside Git: files are written, nothing else ------------------------------------------
cd "$W" || exit 1
mkdir plain
if git -C plain rev-parse --git-dir >/dev/null 2>&1; then
	note "the temporary directory is inside a Git repository; skipping the non-Git part"
	exit 0
fi
radar -C plain init
expect_rc 0
expect_out_contains "wrote .radar.yml"
expect_out_not_contains "committed"
expect_file plain/.radar.yml
expect_no_file plain/.git
radar -C plain add "Deno" -q platforms -r assess
expect_rc 0
expect_out_not_contains "committed"
expect_file plain/radar/deno.yaml
radar -C plain rate deno --maturity 4 --ecosystem 4 --migration 4 --maintenance 4 --by ann
expect_rc 0
radar -C plain move deno adopt --reason "scores"
expect_rc 0
expect_file_contains plain/radar/deno.yaml "ring: adopt"
expect_file_contains plain/radar/deno.yaml "by: ann, maturity: 4, ecosystem: 4, migration: 4, maintenance: 4}"
radar -C plain score deno --format json
expect_rc 0
expect_json '$.total_exact' '"4"'
expect_json '$.total' '"4.00"'
expect_json '$.ring' '"adopt"'
expect_json '$.mismatch' 'false'
expect_json '$.to_next_ring_up' 'null'
radar -C plain check
expect_rc 0
radar -C plain init
expect_rc 1
expect_no_file plain/.git
# Reading a revision outside Git is an error, not a crash.
radar -C plain --rev HEAD list
expect_rc 1
expect_err_nonempty
# No .radar.yml at all: the defaults apply.
mkdir bare-dir
radar -C bare-dir check
expect_rc 0
expect_out_contains "defaults apply"
radar -C bare-dir list --format json
expect_rc 0
expect_json '$' '[0]'
