# adr beyond adr-tools: any title, status, show, JSON, MADR, templates, editors,
# usage errors that write nothing, and the real ADR sets of the corpus.
. "$E2E_DIR/lib.sh"

W=$E2E_WORK
mkdir -p "$W/bin"
ln -s "$RADAR" "$W/bin/adr"
ADR=$W/bin/adr
export ADR_DATE=2026-11-29

mkdir p && cd p || exit 1
git init -q
run "$ADR" new 'Use & | * / "quotes" and '"'"'single'"'"' ones'
expect_rc 0
expect_out_equals "doc/adr/0001-use-quotes-and-single-ones.md"
expect_file_contains doc/adr/0001-use-quotes-and-single-ones.md '# 1. Use & | * / "quotes" and '"'"'single'"'"' ones'
run "$ADR" new -- -leading dash
expect_out_equals "doc/adr/0002-leading-dash.md"
expect_file_contains doc/adr/0002-leading-dash.md "# 2. -leading dash"
run "$ADR" new Café für Ärzte 日本語 ÉCOLE
expect_rc 0
expect_out_equals "doc/adr/0003-café-für-ärzte-日本語-école.md"
run "$ADR" new Slash/Slash/
expect_out_equals "doc/adr/0004-slash-slash.md"
run "$ADR" new A title with DATE and STATUS and NUMBER
expect_file_contains doc/adr/0005-a-title-with-date-and-status-and-number.md "# 5. A title with DATE and STATUS and NUMBER"

# No title: usage error, nothing written.
run "$ADR" new
expect_rc 2
expect_err_contains "no title"
run "$ADR" new -s 99 Missing target
expect_rc 1
expect_err_contains "no ADR matches '99'"
expect_no_file doc/adr/0006-missing-target.md
run "$ADR" new -l "1:Amends" Bad link
expect_rc 2
expect_no_file doc/adr/0006-bad-link.md
run "$ADR" frobnicate
expect_rc 2
expect_eq "$(git rev-list --count HEAD)" "5" "commits so far"

# status and show.
run "$ADR" status 1 Rejected
expect_rc 0
run "$ADR" show 1 --format json
expect_rc 0
expect_out_contains '"status": "Rejected"'
expect_out_contains '"file": "doc/adr/0001-use-quotes-and-single-ones.md"'
run "$ADR" status 1 maybe
expect_rc 2
printf 'adr:\n  statuses: [maybe]\n' > .radar.yml
run "$ADR" status 1 maybe
expect_rc 0
expect_file_contains doc/adr/0001-use-quotes-and-single-ones.md "maybe"
run "$ADR" show 42
expect_rc 1
run "$ADR" list --format json
expect_rc 0
expect_out_contains '"number": 5'
expect_out_contains '"links": []'
run "$RADAR" adr list
expect_rc 0
expect_out_contains "doc/adr/0003-café-für-ärzte-日本語-école.md"

# MADR: --madr, and adr.format: madr.
run "$ADR" new --madr Use MADR here
expect_rc 0
expect_out_equals "doc/adr/0006-use-madr-here.md"
expect_file_contains doc/adr/0006-use-madr-here.md "status: accepted"
expect_file_contains doc/adr/0006-use-madr-here.md "# Use MADR here"
run "$ADR" show 6 --format json
expect_out_contains '"format": "madr"'
expect_out_contains '"title": "Use MADR here"'
printf 'adr:\n  format: madr\n' > .radar.yml
run "$ADR" new -s 6 Configured MADR
expect_rc 0
expect_file_contains doc/adr/0007-configured-madr.md "decision-makers:"
expect_file_contains doc/adr/0006-use-madr-here.md 'status: "superseded by [Configured MADR](0007-configured-madr.md)"'
run "$ADR" show 6 --format json
expect_out_contains '"type": "superseded by"'
printf 'adr:\n  format: fancy\n' > .radar.yml
run "$ADR" new Refused
expect_rc 1
expect_err_contains ".radar.yml:2:11: error: adr.format"
expect_no_file doc/adr/0008-refused.md
rm .radar.yml

# Review fields in MADR front matter.
cat > doc/adr/0008-reviewed.md <<'EOT'
---
status: accepted
date: 2026-01-10
decision-makers: [alice, bob]
consulted: carol
review-on: 2026-04-10
confidence: 0.7
outcome: {date: 2026-04-12, verdict: correct, note: held up}
---
# Reviewed decision

## Context and Problem Statement

x
EOT
run "$ADR" show 8 --format json
expect_rc 0
expect_out_contains '"review_on": "2026-04-10"'
expect_out_contains '"confidence": 0.7'
expect_out_contains '"verdict": "correct"'
expect_out_contains '"alice"'
printf -- '---\nstatus: accepted\nconfidence: 7\n---\n# Bad\n' > doc/adr/0009-bad.md
run "$ADR" show 9
expect_rc 1
expect_err_contains "doc/adr/0009-bad.md:3:13: error: confidence"
printf -- '---\nstatus: [unclosed\n---\n# Bad\n' > doc/adr/0009-bad.md
run "$ADR" list --format json
expect_rc 1
expect_err_match '^doc/adr/0009-bad.md:[0-9]+:[0-9]+: error: '
rm doc/adr/0009-bad.md doc/adr/0008-reviewed.md

# Templates: <adr dir>/templates/template.md, ADR_TEMPLATE; VISUAL before EDITOR.
mkdir -p doc/adr/templates
printf '# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\nCustom TITLE & NUMBER\n' > doc/adr/templates/template.md
run "$ADR" new From the folder template
expect_file_contains doc/adr/0008-from-the-folder-template.md "Custom From the folder template & 8"
printf '# NUMBER. TITLE\nenv template\n' > "$W/t.md"
ADR_TEMPLATE=$W/t.md run "$ADR" new From env
expect_file_contains doc/adr/0009-from-env.md "env template"
printf '#!/bin/sh\necho visual >> "$1"\n' > "$W/vis"
printf '#!/bin/sh\necho editor >> "$1"\n' > "$W/ed"
chmod +x "$W/vis" "$W/ed"
VISUAL=$W/vis EDITOR=$W/ed run "$ADR" new Edited
expect_file_contains doc/adr/0010-edited.md "visual"
expect_file_not_contains doc/adr/0010-edited.md "editor"
expect_eq "$(git show HEAD:doc/adr/0010-edited.md | tail -1)" "visual" "the edit is committed"
EDITOR=$W/ed run "$ADR" new Edited again
expect_file_contains doc/adr/0011-edited-again.md "editor"
EDITOR=false run "$ADR" new Editor fails
expect_rc 1
expect_no_file doc/adr/0012-editor-fails.md
run "$ADR" help
expect_rc 0
expect_out_contains "new"
run "$ADR" new --help
expect_rc 0
expect_out_contains "usage: adr new"
cd "$W"

# The corpus: every set lists with the count SOURCES.md gives, and parses.
C=$E2E_ROOT/../shared/corpus/adr
if [ ! -d "$C" ]; then
	note "no ADR corpus at $C; skipping the corpus checks"
	exit 0
fi
for spec in npryce__adr-tools:9 apache__james-project:77 alphagov__verify-service-provider:26 \
	cloudfoundry__cf-k8s-networking:19; do
	set=${spec%%:*}
	(cd "$C/$set" && "$ADR" list) > "$W/list.$set" 2>&1 || fail "$set: adr list failed"
	expect_eq "$(wc -l < "$W/list.$set" | tr -d ' ')" "${spec#*:}" "$set count"
	(cd "$C/$set" && /usr/bin/adr list 2>/dev/null) > "$W/tools.$set" &&
		{ cmp -s "$W/list.$set" "$W/tools.$set" || fail "$set: list differs from adr-tools"; }
	(cd "$C/$set" && "$ADR" list --format json) > "$W/json.$set" 2> "$W/jerr.$set"
	expect_eq "$(grep -c '"file":' "$W/json.$set")" "${spec#*:}" "$set parsed"
	(cd "$C/$set" && "$ADR" generate toc) > "$W/toc.$set" || fail "$set: toc failed"
	if [ -x /usr/libexec/adr-tools/adr-list ]; then
		(cd "$C/$set" && /usr/bin/adr generate toc) > "$W/ttoc.$set" 2>/dev/null
		cmp -s "$W/toc.$set" "$W/ttoc.$set" || fail "$set: toc differs from adr-tools"
		(cd "$C/$set" && "$ADR" generate graph > "$W/g1.$set"; /usr/bin/adr generate graph > "$W/g2.$set" 2>/dev/null)
		# adr-tools leaves quotes in titles unescaped (invalid DOT); we escape them.
		sed 's/\\"/"/g' "$W/g1.$set" > "$W/g1u.$set"
		cmp -s "$W/g1u.$set" "$W/g2.$set" || fail "$set: graph differs from adr-tools: $(diff "$W/g1.$set" "$W/g2.$set" | head -5)"
	fi
done
expect_eq "$(grep -c '"number": 9,' "$W/json.apache__james-project")" "2" "james duplicate 0009"
