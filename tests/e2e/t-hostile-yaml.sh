# Hostile input, YAML side (issue 9): alias bombs, deep nesting, NUL bytes,
# invalid UTF-8, BOMs, CRLF (values: t-hostile-values.sh).
# Each case: a clear `path:line:col` error (exit 1) or the correct result, no
# crash, done within a few seconds, nothing written.
. "$E2E_DIR/lib.sh"
. "$E2E_DIR/hostile-lib.sh"

# --- alias bombs ("billion laughs"): refused fast, not expanded ---------------------------
fresh
{
	echo 'name: Bomb'
	echo 'quadrant: tools'
	echo 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'
	for i in 1 2 3 4 5 6 7 8 9; do
		printf 'a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n' \
			"$i" "$i" $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) \
			$((i - 1)) $((i - 1)) $((i - 1)) $((i - 1))
	done
	echo 'tags: *a9'
} > radar/bomb.yaml
bad radar/bomb.yaml "alias bomb"
# The same bomb in .radar.yml, a judgment and an ADR's front matter.
fresh
printf 'x0: &x0 [a, a, a, a, a, a, a, a]\n' > "$W/bomb.yml"
for i in 1 2 3 4 5 6 7 8 9 10; do
	printf 'x%d: &x%d [*x%d, *x%d, *x%d, *x%d, *x%d, *x%d, *x%d, *x%d]\n' "$i" "$i" \
		$((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) >> "$W/bomb.yml"
done
cat "$W/bomb.yml" >> .radar.yml
state_save hostile
radar check
expect_rc 1 "alias bomb in .radar.yml"
expect_err_match '^\.radar\.yml:[0-9]+:[0-9]+: error: .*alias bomb'
expect_state_unchanged hostile
fresh
cat "$W/bomb.yml" >> judgments/2026-04-13-mojo.yaml
bad_j judgments/2026-04-13-mojo.yaml "alias bomb"
fresh
adr=$(ls docs/adr/*.md | head -n 1)
{ printf -- '---\nstatus: accepted\n'; cat "$W/bomb.yml"; printf -- '---\n'; cat "$adr"; } > "$W/adr.md"
cp "$W/adr.md" "$adr"
state_save hostile
radar check
expect_rc 1 "alias bomb in an ADR's front matter"
expect_err_contains "alias bomb"
run_in docs/adr "$RADAR" adr list
expect_state_unchanged hostile
# An alias to a node that contains it, and to an anchor never defined.
fresh
printf 'name: Loop\nquadrant: tools\ntags: &t [a, *t]\n' > radar/loop.yaml
bad radar/loop.yaml "contains it"
fresh
printf 'name: Loop\nquadrant: tools\ntags: [*nowhere]\n' > radar/loop.yaml
bad radar/loop.yaml "radar/loop.yaml"

# --- 10,000-deep nesting: block, flow and mixed --------------------------------------------
fresh
{ echo 'name: Deep'; echo 'quadrant: tools'; printf 'tags: '; head -c 10000 /dev/zero | tr '\0' '['; head -c 10000 /dev/zero | tr '\0' ']'; echo; } > radar/deep.yaml
bad radar/deep.yaml "nesting deeper than 64"
fresh
{ echo 'name: Deep'; echo 'quadrant: tools'; echo 'links:'
  awk 'BEGIN { for (i = 0; i < 10000; i++) { printf "%*s- k:\n", 2 * i, "" } }'; } > radar/deep.yaml
bad radar/deep.yaml "radar/deep.yaml"
fresh
{ head -c 10000 /dev/zero | tr '\0' '{' | sed 's/{/{a: /g'; } > .radar.yml
state_save hostile
radar check
expect_rc 1 "10,000-deep .radar.yml"
expect_err_match '^\.radar\.yml:[0-9]+:[0-9]+: error: '
expect_state_unchanged hostile

# --- NUL bytes, invalid UTF-8 ------------------------------------------------------------
fresh
printf 'name: Mojo\nquadrant: tools\ndescription: a\0b\n' > radar/nul.yaml
bad radar/nul.yaml "radar/nul.yaml"
fresh
printf 'name: "Mo\\0jo"\nquadrant: tools\n' > radar/nul.yaml
bad radar/nul.yaml "NUL"
fresh
printf 'name: Mo\377jo\nquadrant: tools\n' > radar/utf.yaml
bad radar/utf.yaml "UTF-8"
fresh
printf 'name: Mo\300\257jo\nquadrant: tools\n' > radar/utf.yaml   # overlong "/"
bad radar/utf.yaml "UTF-8"
fresh
printf 'name: Mo\355\240\200jo\nquadrant: tools\n' > radar/utf.yaml   # a UTF-16 surrogate
bad radar/utf.yaml "radar/utf.yaml"
fresh
printf '# 7. Use \377\376\nDate: 2026-01-01\n\n## Status\n\nAccepted\n' > docs/adr/0010-bad-utf8.md
state_save hostile
radar check
expect_rc 1 "invalid UTF-8 in an ADR"
expect_err_diag docs/adr/0010-bad-utf8.md 1 error "UTF-8"
expect_state_unchanged hostile
fresh
printf '# 10. Nul\0here\n' > docs/adr/0010-nul.md
radar check
expect_rc 1 "NUL in an ADR"
expect_err_diag docs/adr/0010-nul.md 1 error "NUL"

# --- a BOM, CRLF line ends: read correctly ----------------------------------------------------
fresh
{ printf '\357\273\277'; cat radar/mojo.yaml; } > "$W/m" && cp "$W/m" radar/mojo.yaml
good 2.28
fresh
sed -i 's/$/\r/' radar/mojo.yaml .radar.yml judgments/2026-04-13-mojo.yaml
good 2.28
radar due --format json
expect_rc 0 "due over CRLF files"
fresh
sed -i 's/$/\r/' docs/adr/0006-keep-mojo-in-assess.md
radar check
expect_rc 0 "CRLF ADR"
run_in docs/adr "$RADAR" adr list --format json
expect_rc 0
expect_out_contains '"title": "Keep Mojo in assess'
expect_out_not_contains '\r'

