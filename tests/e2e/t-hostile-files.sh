# Hostile input, file-system side (issue 9): 100 MB files, ids with `../`,
# symbolic links in the data folders pointing outside the repository (refused),
# a `.radar.yml` that is a folder, an ADR folder of 10,000 files, a 10 kB ADR
# title. Each: a clear error (exit 1; 2 for a bad argument) or the correct
# result, no crash, done within seconds, nothing written.
. "$E2E_DIR/lib.sh"

make_demo demo
cd demo || exit 1
W=$E2E_WORK
E2E_TIMEOUT=$((15 * ${E2E_TIME_FACTOR:-1}))

base=$(git rev-parse HEAD)
fresh() {
	git reset -q --hard "$base"
	git clean -qfdx
}
# refused CMD...: exit 1 (a data problem) and nothing written.
refused() {
	state_save hostile
	radar "$@"
	expect_rc 1 "$*"
	expect_err_nonempty
	expect_state_unchanged hostile
}

# --- 100 MB files: refused by size, never read whole --------------------------------------
fresh
yes 'description: a line of a very large file' | head -c 100M > radar/huge.yaml
refused check
expect_err_diag radar/huge.yaml 1:1 error "larger than 1 MiB"
refused list
fresh
truncate -s 100M radar/sparse.yaml
refused check
expect_err_diag radar/sparse.yaml 1:1 error "larger than 1 MiB"
fresh
truncate -s 100M .radar.yml
refused check
expect_err_diag .radar.yml 1:1 error "larger than 1 MiB"
fresh
truncate -s 100M judgments/2026-04-13-mojo.yaml
refused check
expect_err_diag judgments/2026-04-13-mojo.yaml 1:1 error "larger than"
fresh
{ cat docs/adr/0006-keep-mojo-in-assess.md; yes 'Padding text for a huge record.' | head -c 100M; } > docs/adr/0010-huge.md
refused check
expect_err_contains "docs/adr/0010-huge.md"
state_save hostile
run_in docs/adr "$RADAR" adr list
expect_out_contains "0010-huge.md"
run_in docs/adr "$RADAR" adr list --format json
expect_err_contains "0010-huge.md:1:1: the file is larger than 4 MiB"
run_in docs/adr "$RADAR" adr show 10
[ "$RC" = 1 ] || fail_cmd "adr show of a 100 MB record: exit $RC"
expect_state_unchanged hostile
# A huge file committed is refused through --rev too.
fresh
truncate -s 100M radar/sparse.yaml
git add radar/sparse.yaml && git commit -qm "a sparse 100 MB entry"
refused --rev HEAD check
expect_err_contains "larger than 1 MiB"
refused rate sparse --maturity 3
git reset -q --hard HEAD~1

# --- ids and names with ../ --------------------------------------------------------------
fresh
echo 'secret' > "$W/outside.yaml"
state_save hostile
for cmd in "score ../../outside" "score ../outside" "show ../../outside" "history ../../outside"; do
	# shellcheck disable=SC2086
	radar $cmd
	[ "$RC" = 1 ] || [ "$RC" = 2 ] || fail_cmd "$cmd: expected exit status 1 or 2, got $RC"
	expect_out_not_contains secret
done
for cmd in "rate ../../outside --maturity 3" "move ../../outside adopt" \
	"add Evil -q tools --id ../../evil" "add Evil -q tools --id .." "judge --subject ../../outside --decision x" \
	"judge --review ../../outside.yaml --verdict correct"; do
	# shellcheck disable=SC2086
	radar $cmd
	[ "$RC" = 1 ] || [ "$RC" = 2 ] || fail_cmd "$cmd: expected exit status 1 or 2, got $RC"
	expect_err_nonempty
done
expect_state_unchanged hostile
expect_eq "$(cat "$W/outside.yaml")" secret "the file outside the repository"
# A name is not a path: `add ../../evil` makes the entry radar/evil.yaml.
radar add ../../evil -q tools
expect_rc 0 "add ../../evil"
expect_file radar/evil.yaml
[ ! -e "$W/evil.yaml" ] && [ ! -e "$W/demo/evil.yaml" ] || fail "a file was written outside radar/"
expect_eq "$(git show --stat --format= HEAD | grep -c '|')" 1 "files in the add commit"
# A judgment naming a subject with ../ is an unknown subject, not a path.
fresh
sed -i 's/^subject: .*/subject: ..\/..\/outside/' judgments/2026-04-13-mojo.yaml
state_save hostile
radar check
[ "$RC" = 0 ] || [ "$RC" = 1 ] || fail_cmd "check: exit $RC"
expect_out_not_contains secret
expect_state_unchanged hostile
# An ADR link target with ../ is a reference, never opened.
fresh
printf '\nSuperseded by [1. Outside](../../../../outside.yaml)\n' >> docs/adr/0006-keep-mojo-in-assess.md
state_save hostile
radar check
expect_out_not_contains secret
run_in docs/adr "$RADAR" adr generate graph
expect_rc 0
expect_out_not_contains secret
expect_state_unchanged hostile

# --- symbolic links in the data folders: refused, never followed ---------------------------
fresh
ln -s "$W/outside.yaml" radar/evil.yaml
refused check
expect_err_contains "radar/evil.yaml"
expect_err_not_contains secret
refused score evil
refused rate evil --maturity 3
expect_eq "$(cat "$W/outside.yaml")" secret "the symlink's target"
fresh
ln -s ../../outside.yaml radar/evil.yaml
refused check
expect_err_contains "radar/evil.yaml"
fresh
ln -s /etc/passwd radar/passwd.yaml
refused check
expect_err_not_contains "root:"
# The radar/ folder itself a symlink to a folder outside.
fresh
mkdir -p "$W/elsewhere" && cp radar/mojo.yaml "$W/elsewhere/"
mv radar "$W/radar.moved" && ln -s "$W/elsewhere" radar
refused check
refused rate mojo --maturity 3
expect_same_file "$W/elsewhere/mojo.yaml" "$W/radar.moved/mojo.yaml"
rm radar && mv "$W/radar.moved" radar
# .radar.yml, a judgment, an ADR and the ADR folder as symlinks.
fresh
mv .radar.yml "$W/radar.yml" && ln -s "$W/radar.yml" .radar.yml
refused check
expect_err_contains ".radar.yml"
rm .radar.yml && mv "$W/radar.yml" .radar.yml
fresh
ln -s "$W/outside.yaml" judgments/2026-12-01-evil.yaml
refused check
expect_err_contains "judgments/2026-12-01-evil.yaml"
fresh
ln -s "$W/outside.yaml" docs/adr/0010-evil.md
refused check
expect_err_contains "docs/adr/0010-evil.md"
# Committed symlinks are refused through --rev too.
fresh
ln -s "$W/outside.yaml" radar/evil.yaml
git add radar/evil.yaml && git commit -qm "a symlink"
refused --rev HEAD check
expect_err_contains "radar/evil.yaml"
git reset -q --hard HEAD~1

# --- .radar.yml a folder ----------------------------------------------------------------------
fresh
rm .radar.yml && mkdir .radar.yml
refused check
expect_err_contains ".radar.yml"
refused list
refused rate mojo --maturity 3
rmdir .radar.yml

# --- an ADR folder with 10,000 files ------------------------------------------------------------
fresh
(cd docs/adr && awk 'BEGIN {
	for (i = 10; i < 10010; i++) {
		f = sprintf("%04d-record-%d.md", i, i)
		printf "# %d. Record %d\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nX.\n", i, i > f
		close(f)
	}
}')
E2E_TIMEOUT=$((30 * ${E2E_TIME_FACTOR:-1}))
t0=$(date +%s)
radar check
expect_rc 0 "check over 10,009 ADRs"
run_in docs/adr "$RADAR" adr list
expect_rc 0
expect_eq "$(wc -l < "$OUT" | tr -d ' ')" 10009 "adr list lines"
run_in docs/adr env ADR_DATE=2026-11-29 "$RADAR" adr new "One more"
expect_rc 0 "adr new in a folder of 10,009"
expect_out_contains "10010-one-more.md"
secs=$(($(date +%s) - t0))
[ "$secs" -le $((60 * ${E2E_TIME_FACTOR:-1})) ] || fail "10,000 ADRs took ${secs}s"
E2E_TIMEOUT=$((15 * ${E2E_TIME_FACTOR:-1}))

# --- an ADR whose title is 10 kB ----------------------------------------------------------------
fresh
title=$(head -c 10240 /dev/zero | tr '\0' 'x')
printf '# 10. %s\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n' "$title" > docs/adr/0010-long.md
state_save hostile
radar check
expect_rc 0 "a 10 kB title is read"
run_in docs/adr "$RADAR" adr list --format json
expect_rc 0
expect_out_contains "\"title\": \"$title\""
expect_state_unchanged hostile
# A new ADR with a 10 kB title: the file name would pass NAME_MAX; a clear
# error and nothing written (or a shortened name), never a crash.
state_save hostile
run_in docs/adr env ADR_DATE=2026-11-29 "$RADAR" adr new "$title"
if [ "$RC" = 0 ]; then
	f=$(tail -n 1 "$OUT")
	expect_file "$f"
	[ "${#f}" -lt 300 ] || fail "the file name is ${#f} bytes"
else
	[ "$RC" = 1 ] || [ "$RC" = 2 ] || fail_cmd "adr new with a 10 kB title: exit $RC"
	expect_err_nonempty
	expect_state_unchanged hostile
fi
title=$(head -c 10240 /dev/zero | tr '\0' 'y' | sed 's/yyyyy/y é /g')
run_in docs/adr env ADR_DATE=2026-11-29 "$RADAR" adr new "$title"
[ "$RC" = 0 ] || [ "$RC" = 1 ] || [ "$RC" = 2 ] || fail_cmd "adr new with a 10 kB title of words: exit $RC"
git fsck --no-progress >/dev/null 2>&1 || fail "git fsck after the 10 kB titles"

# --- nothing runs that a file says: user strings are escaped in SVG, HTML, Markdown -----------
fresh
sed -i 's/^name: Mojo/name: "<script>alert(1)<\/script> \& \\"q\\" Mojo"/' radar/mojo.yaml
radar render -o "$W/esc.svg"
expect_rc 0 "render with markup in a name"
expect_file_not_contains "$W/esc.svg" "<script"
radar publish -o "$W/site"
expect_rc 0 "publish with markup in a name"
! grep -rqF "<script>alert" "$W/site" || fail "publish wrote the name's <script> unescaped"
grep -rqF "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" "$W/site" || fail "publish did not escape the name"
radar review -o "$W/review"
expect_rc 0 "review with markup in a name"
! grep -rqF "<script>alert" "$W"/review/*.md || fail "the review pack's Markdown has the raw <script>"
