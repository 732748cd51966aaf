# A team's own .radar.yml: its quadrants, rings (with aliases), scale, dimensions,
# thresholds and paths are what every command uses; absent keys take the defaults;
# scoring is exact.
. "$E2E_DIR/lib.sh"

W=$E2E_WORK
new_repo custom
cd custom || exit 1
cat > .radar.yml <<'EOF'
title: Data Platform Radar
quadrants:
  - {id: data, name: Data}
  - {id: infra, name: Infrastructure}
  - {id: ml, name: Machine learning}
rings:
  - {id: use, name: Use}
  - {id: try, name: Try, aliases: [pilot]}
  - {id: avoid, name: Avoid}
scorecard:
  scale: [0, 10]
  dimensions:
    - {id: value, name: Business value, weight: 60}
    - {id: risk, name: Low risk, weight: 40}
  thresholds: {use: 7, try: 4}
paths: {entries: tech, adr: decisions, judgments: log}
EOF
git add .radar.yml
git commit -q -m "our radar"
radar check
expect_rc 0
expect_err_empty

radar add "Apache Spark" -q data
expect_rc 0
expect_file tech/apache-spark.yaml
expect_no_file radar
radar add "Kubeflow" -q ml -r pilot
expect_rc 0
expect_file_contains tech/kubeflow.yaml "ring: try"
radar add "X" -q tools
expect_rc 2
expect_err_contains "data, infra, ml"
radar add "X" -q data -r adopt
expect_rc 2
expect_err_contains "use, try, avoid"

# Not yet rated: no total; the ring is the declared one, or none.
radar score spark
expect_rc 1
expect_err_contains "spark"
# Once a bug, now fixed: an unknown NAME offers no nearest names when none is within the edit-distance cutoff ('spark' vs 'apache-spark')
radar score spark
expect_err_contains "apache-spark"
radar score "apache spark" --format json
expect_rc 0
expect_json '$.total' 'null'
expect_json '$.ring' 'null'
expect_json '$.declared_ring' 'null'
radar score kubeflow --format json
expect_json '$.total' 'null'
expect_json '$.ring' '"try"'

# The scale is 0..10 in half points; the dimensions are the configured ones.
radar rate apache-spark --value 10 --risk 0 --by ann
expect_rc 0
expect_out_contains "wrote tech/apache-spark.yaml"
radar rate apache-spark --value 6.5 --risk 7.5 --by bob
expect_rc 0
radar rate apache-spark --value 10.5 --by cat
expect_rc 2
expect_err_contains "0 to 10"
radar rate apache-spark --maturity 3 --by cat
expect_rc 2
expect_err_contains "--value"
radar score apache-spark --format json
expect_rc 0
# value (10 + 6.5)/2 = 8.25, risk (0 + 7.5)/2 = 3.75: 0.6*8.25 + 0.4*3.75 = 6.45 -> try
expect_json '$.total' '"6.45"'
expect_json '$.total_exact' '"129/20"'
expect_json '$.ring' '"try"'
expect_json '$.declared_ring' 'null'
expect_json '$.mismatch' 'false'
expect_json '$.dimensions' '[2]'
expect_json '$.dimensions[0].id' '"value"'
expect_json '$.dimensions[0].weight' '60'
expect_json '$.dimensions[0].score' '8.25'
expect_json '$.dimensions[1].id' '"risk"'
expect_json '$.to_next_ring_up' '0.55'
expect_json '$.to_next_ring_down' '2.45'
# Spreads of 3.5 and 7.5: both disagreements.
expect_json '$.disagreements' '[2]'
expect_json '$.disagreements[0]' '"value"'
expect_json '$.disagreements[1]' '"risk"'
radar score apache-spark
expect_rc 0
expect_out_contains "Business value"
expect_out_match '^  Total +6\.45 +→ try$'
expect_out_match 'disagreement'

# A rater's newer block replaces their older one; on equal dates the later block wins.
radar rate apache-spark --value 2 --risk 2 --by ann --date 2026-11-30
expect_rc 0
radar rate apache-spark --value 10 --risk 10 --by ann --date 2026-01-01
expect_rc 0
# ann: 2, 2 (2026-11-30 is her newest); bob 6.5, 7.5 -> value 4.25, risk 4.75 -> 4.45
radar score apache-spark --format json
expect_json '$.total' '"4.45"'
expect_json '$.raters' '[2]'
radar rate apache-spark --value 0 --risk 0 --by bob --date 2026-11-29
radar rate apache-spark --value 1 --risk 1 --by bob --date 2026-11-29
# bob: the later of his two 2026-11-29 blocks: 1, 1 -> value 1.5, risk 1.5 -> 1.5 -> avoid
radar score apache-spark --format json
expect_json '$.total' '"1.50"'
expect_json '$.total_exact' '"3/2"'
expect_json '$.ring' '"avoid"'
expect_json '$.to_next_ring_down' 'null'
expect_json '$.to_next_ring_up' '2.5'

# move accepts an alias and writes the id; list filters by alias.
radar move apache-spark PILOT --reason "pilot in the batch team"
expect_rc 0
expect_file_contains tech/apache-spark.yaml "ring: try"
radar list --ring pilot --format json
expect_rc 0
expect_json '$' '[2]'
radar list --quadrant ml --format json
expect_json '$' '[1]'
expect_json '$[0].id' '"kubeflow"'
radar score apache-spark --format json
expect_json '$.mismatch' 'true'
radar check
expect_rc 0

# Judgments live under paths.judgments.
mkdir -p log
cat > log/2026-11-01-spark.yaml <<'EOF'
date: 2026-11-01
by: ann
subject: apache-spark
scenario: Batch jobs outgrow one machine.
information: Two pilots.
decision: Pilot Spark.
basis: Scale.
confidence: 0.7
EOF
radar check
expect_rc 0
radar show apache-spark
expect_out_contains "Pilot Spark."
sed -i 's/^subject: .*/subject: apache-sparkk/' log/2026-11-01-spark.yaml
# a subject that is no entry is a warning (issue 7), with the nearest names
radar check
expect_rc 0
expect_err_diag log/2026-11-01-spark.yaml 3:10 warning "apache-sparkk"
expect_err_contains "apache-spark"
git checkout -q -- . 2>/dev/null
rm -rf log

# Without --by, the rater is Git's user.name.
radar rate kubeflow --value 5 --risk 5
expect_rc 0
expect_file_contains tech/kubeflow.yaml "by: E2E Tester, value: 5, risk: 5}"
radar score kubeflow --format json
expect_json '$.raters[0]' '"E2E Tester"'

# --- the example from DESIGN.md: exactly 3.50 is trial, never assess ---------------------
cd "$W" || exit 1
new_repo exact
cd exact || exit 1
radar add "Exact" -q tools
radar rate exact --maturity 4.5 --ecosystem 1 --migration 4 --maintenance 4.5 --by ann
expect_rc 0
expect_out_contains "total 3.50, scorecard ring trial"
radar score exact --format json
expect_json '$.total' '"3.50"'
expect_json '$.total_exact' '"7/2"'
expect_json '$.ring' '"trial"'
expect_json '$.to_next_ring_down' '0'
# 2.275 shows as 2.28 (half away from zero), 3.025 as 3.03.
radar rate exact --maturity 2 --ecosystem 2 --migration 2.5 --maintenance 2.5 --by ann
# ann now: 2, 2, 2.5, 2.5 -> 0.6 + 0.5 + 0.625 + 0.5 = 2.225 -> 2.23
radar score exact --format json
expect_json '$.total_exact' '"89/40"'
expect_json '$.total' '"2.23"'
expect_json '$.ring' '"hold"'
radar score exact
expect_out_contains "none down (hold is the outermost)"
# With no .radar.yml (no file at all), the defaults: 4 dimensions, 4 rings.
expect_no_file .radar.yml
radar check
expect_rc 0
expect_out_contains "defaults apply"

# --- a partial .radar.yml: the absent keys take their defaults ----------------------------
printf 'title: Only a title\n' > .radar.yml
radar check
expect_rc 0
expect_err_empty
radar score exact --format json
expect_json '$.total_exact' '"89/40"'
expect_json '$.dimensions' '[4]'
printf 'scorecard:\n  thresholds: {adopt: 2.5, trial: 2.2, assess: 2.0}\n' > .radar.yml
radar check
expect_rc 0
radar score exact --format json
expect_json '$.ring' '"trial"'
expect_json '$.dimensions' '[4]'
