# The judgment log end to end: judge records and commits, --review adds the
# outcome, due lists what is due oldest first, accuracy computes the report
# (checked against numbers worked out by hand), review writes the pack and a
# re-run on the same revisions writes the same bytes.
. "$E2E_DIR/lib.sh"

# --- a small repository whose accuracy we can work out by hand ----------------------
new_repo r
radar -C r init
expect_rc 0
radar -C r add Deno -q platforms -r assess
expect_rc 0
# Ten reviewed judgments, 7 correct: 70.0 %, Wilson [39.7 %, 89.2 %].
for i in 0 1 2 3 4 5 6 7 8 9; do
	radar -C r judge deno --decision "decision $i" --scenario "scenario $i" \
		--confidence 0.8 --date "2026-01-1$i" --by alice
	expect_rc 0
	expect_out_contains "judgments/2026-01-1$i-deno.yaml"
	verdict=correct
	[ "$i" -ge 7 ] && verdict=incorrect
	radar -C r judge --review "judgments/2026-01-1$i-deno.yaml" --verdict "$verdict" \
		--note "looked again" --date 2026-05-01
	expect_rc 0
done
expect_file_contains r/judgments/2026-01-10-deno.yaml "verdict: correct"
expect_file_contains r/judgments/2026-01-19-deno.yaml "verdict: incorrect"
# every write was its own commit, of exactly its file
expect_eq "$(git -C r show --stat --format= HEAD | grep -c '|')" 1 "files in the last commit"
expect_eq "$(git -C r status --porcelain)" "" "git status"

# an open one (due later) and an overdue one
radar -C r judge deno --decision "keep it" --scenario "later" --date 2026-11-01 --by bob \
	--predict-ring trial --confidence 0.6
expect_rc 0
expect_out_contains "review on 2027-02-01"
radar -C r judge deno --decision "try it" --scenario "earlier" --date 2026-01-31 --by bob
expect_rc 0
expect_out_contains "review on 2026-04-30"   # Jan 31 + 3 calendar months

# a second review of the same judgment is refused, nothing written
state_save reviewed r
radar -C r judge --review judgments/2026-01-10-deno.yaml --verdict partial
expect_rc 1
expect_err_contains "already reviewed"
expect_state_unchanged reviewed r
# usage errors
radar -C r judge --review judgments/2026-01-10-deno.yaml --verdict maybe
expect_rc 2
radar -C r judge deno --scenario "no decision"
expect_rc 2
expect_err_contains "--decision"
radar -C r judge nosuch --decision x
expect_rc 1
expect_err_contains "no entry named 'nosuch'"
radar -C r judge deno --decision x --confidence 1.5
expect_rc 2
# an outcome dated before the judgment, and a file that is no judgment: refused, nothing written
radar -C r judge --review judgments/2026-01-31-deno.yaml --verdict correct --date 2026-01-01
expect_rc 1
expect_err_contains "before the judgment itself"
radar -C r judge --review radar/deno.yaml --verdict correct
expect_rc 1
expect_err_contains "missing required field 'date'"
radar -C r judge --review judgments/nosuch.yaml --verdict correct
expect_rc 1
expect_state_unchanged reviewed r
# a judgment whose subject is no entry is a warning, not an error
printf 'date: 2026-02-01\nsubject: nosuch\ndecision: keep\n' > r/judgments/2026-02-01-x.yaml
radar -C r check
expect_rc 0
expect_err_diag judgments/2026-02-01-x.yaml 2:10 warning "subject 'nosuch' is not an entry"
rm r/judgments/2026-02-01-x.yaml

# --- due -----------------------------------------------------------------------------
radar -C r due --as-of 2026-11-29
expect_rc 0
expect_out_contains "judgments/2026-01-31-deno.yaml"
expect_out_not_contains "2026-11-01-deno"
radar -C r due --as-of 2026-11-29 --format json
expect_rc 0
expect_json '$[0].kind' '"judgment"'
expect_json '$[0].due' '"2026-04-30"'
expect_json '$[0].subject' '"deno"'

# --- accuracy: the issue's worked example ----------------------------------------------
radar -C r accuracy --as-of 2026-11-29 --source judgment --format json
expect_rc 0
expect_json '$.reviewed' '10'
expect_json '$.correct' '7'
expect_json '$.incorrect' '3'
expect_json '$.open' '1'
expect_json '$.overdue' '1'
expect_json '$.accuracy' '0.7'
expect_json '$.too_few' 'false'
expect_json '$.target_status' '"undecided"'
lo=$(json_get "$OUT" '$.wilson[0]')
hi=$(json_get "$OUT" '$.wilson[1]')
case $lo in 0.396*|0.397*) ;; *) fail "Wilson low $lo, expected 0.397" ;; esac
case $hi in 0.892*) ;; *) fail "Wilson high $hi, expected 0.892" ;; esac
# Brier: 7 x (0.8-1)^2 + 3 x (0.8-0)^2 = 0.28 + 1.92 = 2.2, over 10
case $(json_get "$OUT" '$.brier') in 0.22*) ;; *) fail "Brier $(json_get "$OUT" '$.brier'), expected 0.22" ;; esac
expect_json '$.calibration[0].lo' '0.8'
expect_json '$.calibration[0].n' '10'
expect_json '$.by_person.alice.reviewed' '10'
radar -C r accuracy --as-of 2026-11-29 --source judgment
expect_rc 0
expect_out_contains "70.0 %"
expect_out_contains "39.7 %"
expect_out_contains "89.2 %"
radar -C r accuracy --since 2026-01-15 --until 2026-01-19 --source judgment --format json
expect_json '$.reviewed' '5'
radar -C r accuracy --since 2026-13-01
expect_rc 2

# --- the review pack on the bundled example ------------------------------------------
make_demo demo
state_save demo demo
radar -C demo review -o pack
expect_rc 0
expect_file pack/review.md
expect_file pack/radar.png
expect_file pack/radar.svg
expect_file_contains pack/review.md "## Agenda"
expect_file_contains pack/review.md "What moved since 2026-Q3"
expect_file_contains pack/review.md "| Mojo | assess | hold | 2.28 |"
expect_file_contains pack/review.md "Due for review"
expect_state_unchanged demo demo
cp -R pack pack1
radar -C demo review -o pack
expect_rc 0
for f in review.md radar.png radar.svg; do
	expect_same_file pack/$f pack1/$f
done
# an earlier edition, against an explicit one
radar -C demo --rev 2026-Q2 review -o packq2 --since 2025-Q4
expect_rc 0
expect_file_contains packq2/review.md "What moved since 2025-Q4"
expect_file_contains packq2/review.md "Edition 2026-Q2"
radar -C demo review
expect_rc 2
