# radar history / diff / release / editions / history --retro on a repository with a
# known story: an entry added, rescored, moved, removed and re-added; another renamed
# and moved on a branch that is merged; a merge that changes a file by hand (credited
# to the merge); a commit that touches nothing in radar/. Every line is checked.
. "$E2E_DIR/lib.sh"

git init -q -b main repo
cd repo || exit 1

# at WHO DATE MESSAGE: commit everything staged, as WHO on DATE (noon UTC).
at() {
	GIT_AUTHOR_NAME=$1 GIT_AUTHOR_EMAIL=$1@example.org GIT_AUTHOR_DATE="$2T12:00:00+0000" \
	GIT_COMMITTER_NAME=$1 GIT_COMMITTER_EMAIL=$1@example.org GIT_COMMITTER_DATE="$2T12:00:00+0000" \
		git commit -q -m "$3"
}
# entry FILE NAME RING SCORE: an entry with one rater giving SCORE on every dimension
# (RING "-": no declared ring; SCORE "-": no scores).
entry() {
	{
		printf 'name: %s\nquadrant: tools\n' "$2"
		[ "$3" = - ] || printf 'ring: %s\n' "$3"
		printf 'description: %s is a tool.\n' "$2"
		[ "$4" = - ] || printf 'scores:\n  - {date: 2026-01-01, by: alice, maturity: %s, ecosystem: %s, migration: %s, maintenance: %s}\n' "$4" "$4" "$4" "$4"
	} > "radar/$1.yaml"
	git add "radar/$1.yaml"
}
rev() { git rev-parse "$1"; }
short() { git rev-parse --short=10 "$1"; }

mkdir -p radar docs/adr
entry mojo Mojo assess 2
entry k8s Kubernetes - 3.5
at alice 2026-01-05 "Start the radar"
C1=$(rev HEAD)
entry mojo Mojo assess 2.5
at bob 2026-02-02 "Rescore Mojo"
C2=$(rev HEAD)
echo "# 1. Use Git" > docs/adr/0001-use-git.md
git add docs/adr
at alice 2026-03-02 "Docs only"
C3=$(rev HEAD)
GIT_COMMITTER_DATE="2026-03-31T09:00:00+0000" radar release 2026-Q1
expect_rc 0
expect_out_equals "tagged 2026-Q1 on $(short HEAD)"
entry mojo Mojo trial 2.5
at carol 2026-03-10 "Move Mojo to trial"
C4=$(rev HEAD)

# A branch renames k8s and rescores it; meanwhile main removes mojo.
git checkout -q -b feature
git mv radar/k8s.yaml radar/kubernetes.yaml
at dan 2026-03-20 "Rename k8s to kubernetes"
F1=$(rev HEAD)
entry kubernetes Kubernetes - 4
at dan 2026-03-25 "Rescore Kubernetes"
F2=$(rev HEAD)
git checkout -q main
git rm -q radar/mojo.yaml
at alice 2026-04-01 "Remove Mojo"
C5=$(rev HEAD)
GIT_AUTHOR_DATE="2026-04-02T12:00:00+0000" GIT_COMMITTER_DATE="2026-04-02T12:00:00+0000" \
	git merge -q --no-ff -m "Merge branch 'feature'" feature
M1=$(rev HEAD)
GIT_COMMITTER_DATE="2026-06-30T09:00:00+0000" radar release 2026-Q2 -m "Second edition"
expect_rc 0
git tag v1-lightweight    # not an edition

entry mojo Mojo assess 3
at bob 2026-07-01 "Re-add Mojo"
C6=$(rev HEAD)
git checkout -q -b b2
entry zig Zig assess -
at dan 2026-07-05 "Add Zig"
B1=$(rev HEAD)
git checkout -q main
# An "evil" merge: the merge itself moves mojo to hold.
git merge -q --no-ff --no-commit b2 >/dev/null 2>&1
entry mojo Mojo hold 3
at alice 2026-07-10 "Merge branch 'b2'"
M2=$(rev HEAD)
entry kubernetes Kubernetes - 3.5
at carol 2026-09-01 "Rescore Kubernetes down"
C7=$(rev HEAD)
: "$C2$C3$C5"

s() { git rev-parse --short=10 "$1"; }
squeeze() { tr -s ' ' < "$OUT"; }

# ---- history, every entry ---------------------------------------------------------
radar history
expect_rc 0
expect_err_empty
cat > "$E2E_WORK/expected" <<EOF
date commit id change ring total author subject
2026-01-05 $(s $C1) k8s added trial 3.50 alice Start the radar
2026-01-05 $(s $C1) mojo added assess 2.00 alice Start the radar
2026-02-02 $(s $C2) mojo rescored assess 2.00 → 2.50 bob Rescore Mojo
2026-03-10 $(s $C4) mojo moved assess → trial 2.50 carol Move Mojo to trial
2026-04-01 $(s $C5) mojo removed trial → - 2.50 → - alice Remove Mojo
2026-03-20 $(s $F1) kubernetes renamed trial (from k8s) 3.50 dan Rename k8s to kubernetes
2026-03-25 $(s $F2) kubernetes moved trial → adopt 3.50 → 4.00 dan Rescore Kubernetes
2026-07-01 $(s $C6) mojo added assess 3.00 bob Re-add Mojo
2026-07-10 $(s $M2) mojo moved assess → hold 3.00 alice Merge branch 'b2'
2026-07-05 $(s $B1) zig added assess - dan Add Zig
2026-09-01 $(s $C7) kubernetes moved adopt → trial 4.00 → 3.50 carol Rescore Kubernetes down
EOF
squeeze > "$E2E_WORK/got"
cmp -s "$E2E_WORK/got" "$E2E_WORK/expected" ||
	fail_cmd "history differs: $(diff "$E2E_WORK/expected" "$E2E_WORK/got" | tr '\n' '|')"

radar history --format json
expect_rc 0
expect_json '$' '[11]'
expect_json '$[0].id' '"k8s"'
expect_json '$[0].commit' "\"$C1\""
expect_json '$[0].date' '"2026-01-05"'
expect_json '$[0].author' '"alice"'
expect_json '$[0].kind' '"added"'
expect_json '$[0].ring' '"trial"'
expect_json '$[0].total' '"3.50"'
expect_json '$[4].kind' '"removed"'
expect_json '$[4].ring' 'null'
expect_json '$[4].total' 'null'
expect_json '$[4].from_ring' '"trial"'
expect_json '$[5].kind' '"renamed"'
expect_json '$[5].old_id' '"k8s"'
expect_json '$[5].commit' "\"$F1\""
expect_json '$[5].merged_by' "\"$M1\""
expect_json '$[6].kind' '"moved"'
expect_json '$[6].commit' "\"$F2\""
expect_json '$[6].date' '"2026-03-25"'
expect_json '$[6].ring' '"adopt"'
expect_json '$[6].total' '"4.00"'
expect_json '$[9].commit' "\"$B1\""
expect_json '$[9].total' 'null'
expect_json '$[9].merged_by' "\"$M2\""
expect_json '$[8].commit' "\"$M2\""
expect_json '$[8].merged_by' 'null'
expect_json '$[8].declared_ring' '"hold"'
expect_json '$[8].subject' "\"Merge branch 'b2'\""

# ---- one entry: by id, by name, across the rename; a removed id ---------------------
radar history kubernetes
expect_rc 0
squeeze > "$E2E_WORK/got"
grep -E 'k8s|kubernetes|^date' "$E2E_WORK/expected" > "$E2E_WORK/exp1"
cmp -s "$E2E_WORK/got" "$E2E_WORK/exp1" ||
	fail_cmd "history kubernetes differs: $(diff "$E2E_WORK/exp1" "$E2E_WORK/got" | tr '\n' '|')"
radar history KUBERNETES
expect_rc 0
squeeze > "$E2E_WORK/got"
cmp -s "$E2E_WORK/got" "$E2E_WORK/exp1" || fail_cmd "history by name differs"
radar history mojo --format json
expect_rc 0
expect_json '$' '[6]'
expect_json '$[0].kind' '"added"'
expect_json '$[3].kind' '"removed"'
expect_json '$[4].kind' '"added"'
expect_json '$[4].commit' "\"$C6\""
radar history nosuch
expect_rc 1
expect_err_contains "no entry named 'nosuch'"
radar history a b
expect_rc 2

# ---- the retrospective check (review.after_months: 3; today 2026-11-29) ------------------
radar history --retro
expect_rc 0
cat > "$E2E_WORK/expected" <<EOF
placed commit id ring due at due outcome
2026-01-05 $(s $C1) k8s trial 2026-04-05 adopt moved in
2026-01-05 $(s $C1) mojo assess 2026-04-05 - removed
2026-03-10 $(s $C4) mojo trial 2026-06-10 - removed
2026-03-25 $(s $F2) kubernetes adopt 2026-06-25 adopt held
2026-07-01 $(s $C6) mojo assess 2026-10-01 hold moved out
2026-07-10 $(s $M2) mojo hold 2026-10-10 hold held
2026-07-05 $(s $B1) zig assess 2026-10-05 assess held
2026-09-01 $(s $C7) kubernetes trial 2026-12-01 not yet due

8 placements: 3 held, 1 moved in, 1 moved out, 2 removed, 1 not yet due
EOF
squeeze > "$E2E_WORK/got"
cmp -s "$E2E_WORK/got" "$E2E_WORK/expected" ||
	fail_cmd "retro differs: $(diff "$E2E_WORK/expected" "$E2E_WORK/got" | tr '\n' '|')"
radar history --retro --format json
expect_rc 0
expect_json '$' '[8]'
expect_json '$[0].outcome' '"moved_in"'
expect_json '$[0].ring_at_due' '"adopt"'
expect_json '$[0].id_at_due' '"kubernetes"'
expect_json '$[1].outcome' '"removed"'
expect_json '$[4].outcome' '"moved_out"'
expect_json '$[7].outcome' '"not_yet_due"'
expect_json '$[7].ring_at_due' 'null'
expect_json '$[7].due' '"2026-12-01"'
RADAR_TODAY=2026-12-01 radar history --retro kubernetes --format json
expect_json '$' '[3]'
expect_json '$[2].outcome' '"held"'

# ---- editions and releases ---------------------------------------------------------
radar editions
expect_rc 0
expect_out_equals "2026-Q1  2026-03-31  $(s $C3)  Technology Radar, 2026-Q1 edition
2026-Q2  2026-06-30  $(s $M1)  Second edition"
radar editions --format json
expect_json '$' '[2]'
expect_json '$[1].name' '"2026-Q2"'
expect_json '$[1].commit' "\"$M1\""
expect_json '$[1].date' '"2026-06-30"'
expect_json '$[1].tagger' '"E2E Tester"'
[ "$(git cat-file -t 2026-Q2)" = tag ] || fail "2026-Q2 is not an annotated tag"
radar --rev 2026-Q1 editions
expect_out_equals "2026-Q1  2026-03-31  $(s $C3)  Technology Radar, 2026-Q1 edition"
state_save tags
radar release 2026-Q2
expect_rc 1
expect_err_contains "exists already"
expect_state_unchanged tags
[ "$(git rev-parse 2026-Q2^{commit})" = "$M1" ] || fail "the existing tag moved"
radar release 'bad..name'
expect_rc 1
radar release
expect_rc 2
radar release 2026-Q9 --format json
expect_rc 2

# In a bare repository too.
git clone -q --bare . "$E2E_WORK/bare.git"
radar -C "$E2E_WORK/bare.git" release 2026-Q3
expect_rc 0
expect_out_equals "tagged 2026-Q3 on $(s $C7)"
[ "$(git -C "$E2E_WORK/bare.git" rev-parse '2026-Q3^{commit}')" = "$C7" ] || fail "bare: 2026-Q3 not on HEAD"
radar -C "$E2E_WORK/bare.git" editions
expect_out_lines 3
radar -C "$E2E_WORK/bare.git" history mojo
expect_rc 0
expect_out_lines 7

# ---- diff ------------------------------------------------------------------------------
radar diff 2026-Q1 2026-Q2
expect_rc 0
expect_out_equals "removed   mojo        was assess
renamed   kubernetes  from k8s
moved in  kubernetes  trial → adopt
rescored  kubernetes  3.50 → 4.00"
radar diff 2026-Q1 2026-Q2 --format json
expect_json '$.new' '[0]'
expect_json '$.removed[0]' '"mojo"'
expect_json '$.renamed[0].from' '"k8s"'
expect_json '$.renamed[0].to' '"kubernetes"'
expect_json '$.moved_in[0]' '"kubernetes"'
expect_json '$.moved_out' '[0]'
expect_json '$.rescored[0]' '"kubernetes"'
expect_json '$.description_changed' '[0]'

# Against the working tree (the default), with an uncommitted edit.
sed -i 's/is a tool/is an orchestrator/' radar/kubernetes.yaml
radar diff 2026-Q2
expect_rc 0
expect_out_equals "new                  mojo        hold
new                  zig         assess
moved out            kubernetes  adopt → trial
rescored             kubernetes  4.00 → 3.50
description changed  kubernetes"
radar diff 2026-Q2 --format json
expect_json '$.new[1]' '"zig"'
expect_json '$.moved_out[0]' '"kubernetes"'
expect_json '$.description_changed[0]' '"kubernetes"'
expect_json '$.to' 'null'
# A change under 0.25 is not a rescore.
entry zig Zig assess 3
git commit -q -m "Score zig"
sed -i 's/maturity: 3,/maturity: 3.5,/' radar/zig.yaml    # +0.15
radar diff HEAD --format json
expect_rc 0
expect_json '$.rescored' '[0]'
entry zig Zig assess 3.5
radar diff HEAD --format json
expect_json '$.rescored[0]' '"zig"'
expect_json '$.moved_in' '[0]'
radar diff nosuchrev
expect_rc 1
expect_err_contains "nosuchrev"
radar diff
expect_rc 2
