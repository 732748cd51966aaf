# schemas/: JSON Schema (draft 2020-12) for .radar.yml, entries, judgments and every
# --format json output, checked with an independent validator (python3-jsonschema)
# against the bundled example's files and against what the commands really print.
. "$E2E_DIR/lib.sh"

S=$E2E_ROOT/schemas
if ! python3 -c 'import jsonschema, yaml' 2>/dev/null; then
	note "skipped: python3-jsonschema and python3-yaml are needed (sh .ci/install-deps)"
	exit 0
fi
cat > check.py <<'PY'
#!/usr/bin/env python3
"""Validates JSON or YAML documents against radar's JSON Schemas (draft 2020-12)
with python3-jsonschema, an implementation independent of radar's own code.

    schema-check.py SCHEMA FILE...     exit 0 when every FILE is valid
    schema-check.py --meta SCHEMA...   checks the schemas themselves
YAML files (.yml, .yaml) are read with python3-yaml; dates stay strings, as radar reads them.
"""
import json
import sys

import jsonschema
from jsonschema import Draft202012Validator


def load(path):
    with open(path, encoding="utf-8") as f:
        if path.endswith((".yml", ".yaml")):
            import yaml

            class Loader(yaml.SafeLoader):
                pass

            # YAML 1.1 timestamps: radar reads dates as text.
            Loader.yaml_implicit_resolvers = {
                k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
                for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
            }
            return yaml.load(f, Loader=Loader)
        return json.load(f)


def main(argv):
    if argv and argv[0] == "--meta":
        for p in argv[1:]:
            Draft202012Validator.check_schema(load(p))
        return 0
    schema = load(argv[0])
    validator = Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    bad = 0
    for p in argv[1:]:
        for e in validator.iter_errors(load(p)):
            where = "/".join(str(x) for x in e.absolute_path) or "(top)"
            print(f"{p}: {where}: {e.message}", file=sys.stderr)
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
PY

# validate SCHEMA FILE...: every file is valid.
validate() {
	local schema=$1
	shift
	run python3 "$E2E_WORK/check.py" "$S/$schema.schema.json" "$@"
	[ "$RC" = 0 ] || fail_cmd "not valid against $schema.schema.json"
}
# invalid SCHEMA FILE: the validator rejects the file (the schema is not vacuous).
invalid() {
	run python3 "$E2E_WORK/check.py" "$S/$1.schema.json" "$2"
	[ "$RC" = 1 ] || fail_cmd "$2 should not be valid against $1.schema.json"
}

# Every schema is itself a valid draft 2020-12 schema, and the names are DESIGN §6's.
run python3 check.py --meta "$S"/*.schema.json
expect_rc 0
for name in config entry judgment list score show check history diff editions due accuracy \
	layout adr-list adr-show export; do
	expect_file "$S/$name.schema.json"
	grep -q '"$schema": "https://json-schema.org/draft/2020-12/schema"' "$S/$name.schema.json" ||
		fail "$name.schema.json does not declare draft 2020-12"
done

# The example's data files.
EX=$E2E_ROOT/examples/team-radar
validate config "$EX/.radar.yml"
validate entry "$EX"/radar/*.yaml
validate judgment "$EX"/judgments/*.yaml

# Files radar refuses are refused by the schemas too.
printf 'name: X\nquadrant: tools\nscores:\n  - {date: 2026-01-01, by: a, maturity: 2.25}\n' > bad-entry.yaml
invalid entry bad-entry.yaml
printf 'quadrant: tools\n' > noname.yaml
invalid entry noname.yaml
printf 'date: 2026-01-01\ndecision: x\noutcome: {date: 2026-02-01, verdict: maybe}\n' > bad-judgment.yaml
invalid judgment bad-judgment.yaml
printf 'quadrants: [{id: a}]\n' > bad-config.yml
invalid config bad-config.yml

# The real outputs, on the example repository.
make_demo demo
D=$E2E_WORK/demo
out() { # NAME ARGS...: runs radar -C demo ARGS --format json into NAME.json
	local name=$1
	shift
	radar -C "$D" "$@" --format json
	cp "$OUT" "$E2E_WORK/$name.json"
}
out list list
validate list list.json
out list-ring list --ring adopt
validate list list-ring.json
out score score mojo
validate score score.json
out show show mojo
validate show show.json
out check check
validate check check.json
out history history
validate history history.json
out history-one history mojo
validate history history-one.json
out history-retro history --retro
validate history history-retro.json
out diff diff 2026-Q1 2026-Q3
validate diff diff.json
out diff-wt diff 2026-Q2
validate diff diff-wt.json
out editions editions
validate editions editions.json
out due due
validate due due.json
out due-early due --as-of 2025-01-01
validate due due-early.json
out accuracy accuracy
validate accuracy accuracy.json
out accuracy-none accuracy --since 2030-01-01
validate accuracy accuracy-none.json
out layout layout
validate layout layout.json
out layout-4x3 layout --preset slide-4x3
validate layout layout-4x3.json
out adr-list adr list
validate adr-list adr-list.json
out adr-show adr show 3
validate adr-show adr-show.json
radar -C "$D" export --to json
expect_rc 0
cp "$OUT" export.json
validate export export.json

# A radar with problems: check's diagnostics and list's nulls.
cp -R "$D" broken
printf 'name: Broken\nquadrant: nowhere\nring: [x\n' > broken/radar/broken.yaml
printf 'name: Bare\nquadrant: tools\n' > broken/radar/bare.yaml
radar -C broken check --format json
expect_rc 1
expect_json '$.ok' false
cp "$OUT" check-broken.json
validate check check-broken.json
radar -C broken list --format json
cp "$OUT" list-broken.json
validate list list-broken.json
radar -C broken score bare --format json
cp "$OUT" score-bare.json
validate score score-bare.json
radar -C broken show bare --format json
cp "$OUT" show-bare.json
validate show show-bare.json

# An empty radar.
new_repo empty
radar -C empty list --format json
cp "$OUT" list-empty.json
validate list list-empty.json
radar -C empty export --to json
cp "$OUT" export-empty.json
validate export export-empty.json
