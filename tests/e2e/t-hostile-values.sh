# Hostile input, values (issue 9): tabs, `ring: [adopt]`, `1e309`, `2026-13-01`,
# a ring left without a threshold, 90,000 keys. Each: a clear error (exit 1) or the
# correct result, no crash, within seconds, nothing written.
. "$E2E_DIR/lib.sh"
. "$E2E_DIR/hostile-lib.sh"

# --- tabs: YAML forbids them as indentation (an error), allows them inside values ------------
fresh
sed -i 's/^  - {date: 2026-01-27/\t- {date: 2026-01-27/' radar/mojo.yaml
bad radar/mojo.yaml "radar/mojo.yaml"
fresh
sed -i 's/^description: A language/description:\tA\tlanguage/' radar/mojo.yaml
good 2.28

# --- wrong shapes and values ------------------------------------------------------------------
fresh
sed -i 's/^ring: assess/ring: [adopt]/' radar/mojo.yaml
bad radar/mojo.yaml "ring"
radar check
expect_err_diag radar/mojo.yaml 3:7 error "ring must be a single value, not a list"
fresh
sed -i 's/^ring: assess/ring: {adopt: 1}/' radar/mojo.yaml
bad radar/mojo.yaml "ring"
fresh
sed -i 's/by: bob, maturity: 2.5,/by: bob, maturity: 1e309,/' radar/mojo.yaml
bad radar/mojo.yaml "1e309"
for v in .nan -.inf 0x3 3.0000001 99999999999999999999999 "'3'"; do
	fresh
	sed -i "s/by: bob, maturity: 2.5,/by: bob, maturity: $v,/" radar/mojo.yaml
	if [ "$v" = "'3'" ]; then good 2.33; continue; fi
	bad radar/mojo.yaml "maturity"
done
fresh
sed -i 's/^confidence: .*/confidence: 1e309/' judgments/2026-04-13-mojo.yaml
bad_j judgments/2026-04-13-mojo.yaml "confidence"
fresh
sed -i 's/^  thresholds: .*/  thresholds: {adopt: 1e309, trial: 3.5, assess: 3.0}/' .radar.yml
state_save hostile
radar check
expect_rc 1 "1e309 threshold"
expect_err_diag .radar.yml "" error "1e309"
expect_state_unchanged hostile
fresh
sed -i 's/{date: 2026-01-27, by: bob/{date: 2026-13-01, by: bob/' radar/mojo.yaml
bad radar/mojo.yaml "2026-13-01"
for d in 2026-02-29 2026-04-31 0000-01-01 2026-1-1 20261-01-01 "2026-01-01T00:00:00"; do
	fresh
	sed -i "s/{date: 2026-01-27, by: bob/{date: $d, by: bob/" radar/mojo.yaml
	bad radar/mojo.yaml "$d"
done
fresh
sed -i 's/^date: .*/date: 2026-13-01/' judgments/2026-04-13-mojo.yaml
bad_j judgments/2026-04-13-mojo.yaml "2026-13-01"
radar due --as-of 2026-13-01
expect_rc 2 "--as-of 2026-13-01 is a usage error"
expect_err_contains "2026-13-01"
# A ring without a threshold (found by fuzz_config): an error, never a crash.
fresh
sed -i 's/{id: trial, name: Trial}/{id: tkia, name: Tkia}/' .radar.yml
state_save hostile
for cmd in check list "score mojo" "score terraform"; do
	# shellcheck disable=SC2086
	radar $cmd
	expect_rc 1 "$cmd with a ring that has no threshold"
	expect_err_contains "no scorecard threshold for ring 'tkia'"
done
expect_state_unchanged hostile
# After months before year 1 (found by fuzz_date): no crash.
fresh
sed -i 's/after_months: [0-9]*/after_months: 120/' .radar.yml
radar due --as-of 0001-01-01
expect_rc 0 "due --as-of 0001-01-01"

# --- a key repeated 100,000 times, a mapping with 100,000 keys: done fast ----------------------
fresh
{ echo 'name: Many'; echo 'quadrant: tools'; awk 'BEGIN { for (i = 0; i < 90000; i++) print "k" i ": v" }'; } > radar/many.yaml
state_save hostile
radar check
expect_rc 0 "90,000 unknown keys are warnings"
expect_err_contains "unknown key"
expect_state_unchanged hostile
fresh
{ echo 'name: Many'; echo 'quadrant: tools'; echo 'tags:'; awk 'BEGIN { for (i = 0; i < 200001; i++) print "- t" }'; } > radar/many.yaml
bad radar/many.yaml "radar/many.yaml"
