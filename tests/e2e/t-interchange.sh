# radar export / import (DESIGN §6): round trips with the real samples of every
# format (read in place from shared/corpus/radar), what a format cannot hold,
# bad input reported as path:line:col with nothing written, one commit per import.
. "$E2E_DIR/lib.sh"

CORPUS=
for d in /work/shared/corpus/radar "$E2E_ROOT/../shared/corpus/radar"; do
	[ -d "$d" ] && CORPUS=$(cd "$d" && pwd) && break
done
HAVE_PY=0
python3 -c 'import yaml' 2>/dev/null && HAVE_PY=1

# same.py FORMAT SOURCE EXPORTED: the entries, rings, quadrants and descriptions agree.
cat > same.py <<'PY'
import csv, json, os, re, sys
fmt, a, b = sys.argv[1:4]
lossy_first = len(sys.argv) > 4
def slug(s): return re.sub(r'[^a-z0-9]+', '-', (s or '').lower().replace('&', 'and')).strip('-')
def byor(rows):
    out = {}
    for r in rows:
        out.setdefault(r['name'], (slug(r.get('ring')), slug(r['quadrant']), r.get('description') or ''))
    return out
def load(path):
    if fmt == 'byor-csv':
        return byor(csv.DictReader(open(path, newline='', encoding='utf-8')))
    if fmt == 'aoe':
        return aoe(path)
    d = json.load(open(path, encoding='utf-8'))
    if fmt == 'byor-json':
        if isinstance(d, dict):
            q = {x: slug(x) for x in d['quadrants']}
            return byor(d['blips'])
        return byor(d)
    if fmt == 'zalando-json':
        return {e['label']: (e['quadrant'], e['ring'], e.get('link')) for e in d['entries']}
    if fmt == 'backstage-json':
        return {e['id']: (e['title'], e['quadrant'], e['timeline'][0]['ringId'], e.get('description'),
                          [l['url'] for l in e.get('links', [])]) for e in d['entries']}
    if fmt == 'json':
        return {e['id']: {k: v for k, v in e.items() if k not in ('is_new', 'moved')} for e in d['entries']}
def aoe(root):
    import yaml
    for sub in ('radar', 'data/radar', '.'):
        if os.path.isdir(os.path.join(root, sub)) and (sub == '.' or True):
            rel = os.path.join(root, sub)
            break
    items = {}
    for r in sorted(os.listdir(rel)):
        if not os.path.isdir(os.path.join(rel, r)):
            continue
        for f in sorted(os.listdir(os.path.join(rel, r))):
            if not f.endswith('.md'):
                continue
            text = open(os.path.join(rel, r, f), encoding='utf-8').read()
            _, fm, body = text.split('---', 2)
            meta = yaml.safe_load(fm) or {}
            it = items.setdefault(f[:-3], {})
            for k in ('title', 'ring', 'tags'):
                if meta.get(k):
                    it[k] = meta[k]
            q = meta.get('quadrant') or meta.get('segment')
            if q:
                it['quadrant'] = q
            if body.strip():
                it['body'] = body.strip()
    return {k: (v.get('title', k), v.get('ring'), v.get('quadrant'), v.get('tags', []), v.get('body'))
            for k, v in items.items()}
x, y = load(a), load(b)
if x != y:
    for k in sorted(set(x) | set(y)):
        if x.get(k) != y.get(k):
            print('differs at %r:\n  source:   %r\n  exported: %r' % (k, x.get(k), y.get(k)), file=sys.stderr)
            break
    sys.exit(1)
print(len(x))
PY

# roundtrip NAME FORMAT SOURCE [IMPORT-OPTIONS...]: import SOURCE into a new repository,
# export it in the same format, and compare.
roundtrip() {
	local name=$1 fmt=$2 src=$3 out
	shift 3
	new_repo "$name"
	radar -C "$name" import --from "$fmt" "$src" "$@"
	expect_rc 0 "import $fmt $src"
	expect_out_match '^committed [0-9a-f]+ radar: import '
	expect_eq "$(git_commits "$name")" 2 "$name: one commit for the import"
	[ -z "$(git -C "$name" status --porcelain)" ] || fail "$name: the import left uncommitted files"
	radar -C "$name" check
	expect_rc 0 "radar check after importing $src"
	if [ "$fmt" = aoe ]; then
		out=$E2E_WORK/$name.aoe
		radar -C "$name" export --to aoe -o "$out"
	else
		out=$E2E_WORK/$name.out
		radar -C "$name" export --to "$fmt" -o "$out"
	fi
	expect_rc 0 "export $fmt"
	if [ "$HAVE_PY" = 1 ]; then
		run python3 same.py "$fmt" "$src" "$out"
		expect_rc 0 "$src: import → export gives the same entries"
	fi
}

if [ -z "$CORPUS" ]; then
	note "skipped the round trips: shared/corpus/radar is not there"
else
	[ "$HAVE_PY" = 1 ] || note "python3-yaml missing: round trips checked without comparing"
	BYOR=$CORPUS/thoughtworks__build-your-own-radar/spec/end_to_end_tests/resources
	roundtrip byor-csv byor-csv "$BYOR/localfiles/radar.csv"
	expect_file_contains byor-csv/.radar.yml "id: languages-and-frameworks"
	roundtrip byor-json byor-json "$BYOR/localfiles/radar.json"
	roundtrip dprgarner byor-json "$CORPUS/dprgarner__tech-radar-generator/example-data.json"
	expect_file_contains dprgarner/.radar.yml "{id: quad1, name: Quad1}"
	expect_file_contains dprgarner/.radar.yml "title: Example Radar"
	roundtrip zalando zalando-json "$CORPUS/zalando__tech-radar/docs/config.json"
	expect_file_contains zalando/.radar.yml "{id: data-management, name: Data Management}"
	n=0
	for f in "$CORPUS"/zalando__tech-radar/history/*/docs/config.json; do
		n=$((n + 1))
		roundtrip "zalando-$n" zalando-json "$f"
	done
	roundtrip backstage backstage-json \
		"$CORPUS/backstage__community-plugins/workspaces/tech-radar/plugins/tech-radar-common/src/sampleTechRadarResponse.json"
	expect_file_contains backstage/radar/github-actions.yaml "ring: adopt"
	roundtrip aoe aoe "$CORPUS/AOEpeople__techradar"
	expect_file_contains aoe/.radar.yml "{id: platforms-and-aoe-services, name: Platforms & Operations}"
	# terraform moved to tools and hold in its last release; akka's text comes from 2017.
	expect_file_contains aoe/radar/terraform.yaml "quadrant: tools"
	expect_file_contains aoe/radar/terraform.yaml "ring: hold"
	expect_file_contains aoe/radar/akka.yaml "reactive manifesto"
	roundtrip aoe-generator aoe "$CORPUS/AOEpeople__aoe_technology_radar/data"
	roundtrip aoe-generator-root aoe "$CORPUS/AOEpeople__aoe_technology_radar"

	# sheet.csv names two blips twice: refused at the second, or --lossy keeps the first.
	new_repo sheet
	state_save sheet sheet
	radar -C sheet import --from byor-csv "$BYOR/sheet.csv"
	expect_rc 1
	expect_err_diag "$BYOR/sheet.csv" 14:1 error "'Delta Lake' is here twice (first at line 13)"
	expect_err_diag "$BYOR/sheet.csv" 31:1 error "'Databricks Overwatch' is here twice"
	expect_err_contains "nothing written"
	expect_state_unchanged sheet sheet
	radar -C sheet import --from byor-csv "$BYOR/sheet.csv" --lossy
	expect_rc 0
	expect_err_contains "--lossy: 'Delta Lake' at line 14"
	radar -C sheet export --to byor-csv
	cp "$OUT" sheet.out
	if [ "$HAVE_PY" = 1 ]; then
		run python3 same.py byor-csv "$BYOR/sheet.csv" sheet.out
		expect_rc 0 "sheet.csv with --lossy: the first of each name"
	fi

	# Importing into a radar that has other quadrants adds them to .radar.yml, same commit.
	make_demo demo-bs
	head0=$(git -C demo-bs rev-parse HEAD)
	radar -C demo-bs import --from backstage-json \
		"$CORPUS/backstage__community-plugins/workspaces/tech-radar/plugins/tech-radar-common/src/sampleTechRadarResponse.json"
	expect_rc 1 "github-actions is in the demo already"
	expect_err_contains "'GitHub Actions' is already on the radar (radar/github-actions.yaml); --replace overwrites it"
	expect_eq "$(git -C demo-bs rev-parse HEAD)" "$head0" "nothing committed"
	radar -C demo-bs import --from backstage-json --replace \
		"$CORPUS/backstage__community-plugins/workspaces/tech-radar/plugins/tech-radar-common/src/sampleTechRadarResponse.json"
	expect_rc 0
	expect_eq "$(git -C demo-bs rev-list --count "$head0..HEAD")" 1 "one commit"
	expect_eq "$(git -C demo-bs show --name-only --format= HEAD | grep -c .)" 10 ".radar.yml and 9 entries in it"
	expect_file_contains demo-bs/.radar.yml "{id: process, name: Process}"
	expect_file_contains demo-bs/.radar.yml "{id: techniques, name: Techniques}"
	radar -C demo-bs check
	expect_rc 0
fi

# Importing into a radar with its own .radar.yml edits that file in place: comments,
# blank lines, key order and keys radar does not read stay; the new quadrant goes at
# the end of quadrants:, the new ring where the source puts it, its threshold beside
# its neighbours'. The entries and the file go in one commit, and the radar checks clean.
new_repo commented
cat > commented/.radar.yml <<'YML'
# The platform team's radar. This comment stays.
title: Platform Radar

quadrants:                     # drawing order
  - {id: techniques, name: Techniques}
  - {id: tools, name: Tools}
  - {id: platforms, name: Platforms}
  - {id: languages-and-frameworks, name: Languages & Frameworks}

rings:
  - id: adopt
    name: Adopt
  - id: trial
    name: Trial
  # assess: worth a spike
  - id: assess
    name: Assess
  - id: hold
    name: Hold

scorecard:
  thresholds:
    adopt: 4.0                 # inclusive
    trial: 3.5
    assess: 3.0

review: {after_months: 6}      # half-yearly
x-owner: platform-team         # not radar's: kept
YML
git -C commented add .radar.yml && git -C commented commit -q -m "our radar"
cat > explore.json <<'JSON'
{"title": "Imported", "quadrants": ["Techniques", "Tools", "Platforms", "Languages & Frameworks", "Data"],
 "rings": ["Adopt", "Trial", "Explore", "Assess", "Hold"],
 "blips": [{"name": "DuckDB", "ring": "Explore", "quadrant": "Data"},
           {"name": "Bazel", "ring": "Trial", "quadrant": "Tools"}]}
JSON
head0=$(git -C commented rev-parse HEAD)
radar -C commented import --from byor-json "$E2E_WORK/explore.json"
expect_rc 0
expect_err_contains "ring 'explore' added to .radar.yml with scorecard threshold 3.25; adjust it to your scorecard"
expect_err_not_contains "could not be edited"
cat > commented.expected <<'YML'
# The platform team's radar. This comment stays.
title: Platform Radar

quadrants:                     # drawing order
  - {id: techniques, name: Techniques}
  - {id: tools, name: Tools}
  - {id: platforms, name: Platforms}
  - {id: languages-and-frameworks, name: Languages & Frameworks}
  - {id: data, name: Data}

rings:
  - id: adopt
    name: Adopt
  - id: trial
    name: Trial
  - id: explore
    name: Explore
  # assess: worth a spike
  - id: assess
    name: Assess
  - id: hold
    name: Hold

scorecard:
  thresholds:
    adopt: 4.0                 # inclusive
    trial: 3.5
    explore: 3.25
    assess: 3.0

review: {after_months: 6}      # half-yearly
x-owner: platform-team         # not radar's: kept
YML
expect_same_file commented/.radar.yml commented.expected
expect_eq "$(git -C commented rev-list --count "$head0..HEAD")" 1 "one commit"
expect_eq "$(git -C commented show --name-only --format= HEAD | tr '\n' ' ')" ".radar.yml radar/bazel.yaml radar/duckdb.yaml " "the file and the entries, together"
[ -z "$(git -C commented status --porcelain)" ] || fail "commented: the import left uncommitted files"
radar -C commented check
expect_rc 0 "radar check after editing .radar.yml in place"
radar -C commented list --ring explore --format json
expect_out_contains '"id": "duckdb"'

# A CRLF .radar.yml stays CRLF, every line of it.
new_repo crlf
printf 'title: CRLF Radar\r\nquadrants: [{id: techniques, name: Techniques}, {id: tools, name: Tools}]\r\nrings: [{id: adopt, name: Adopt}, {id: hold, name: Hold}]   # two\r\nscorecard:\r\n  thresholds: {adopt: 4.0}\r\n' > crlf/.radar.yml
git -C crlf add .radar.yml && git -C crlf commit -q -m "our radar"
radar -C crlf import --from byor-json "$E2E_WORK/explore.json"
expect_rc 0
expect_file_contains crlf/.radar.yml "rings: [{id: adopt, name: Adopt}, {id: trial, name: Trial}, {id: explore, name: Explore}, {id: assess, name: Assess}, {id: hold, name: Hold}]   # two"
expect_eq "$(grep -c "$(printf '\r')\$" crlf/.radar.yml)" "$(wc -l < crlf/.radar.yml | tr -d ' ')" "every line ends in CRLF"
radar -C crlf check
expect_rc 0

# A .radar.yml that leaves the quadrants to the defaults cannot take a fifth in place:
# it is written anew from its settings, and the import says so.
new_repo defaults
printf '# only the rings\nrings: [{id: adopt, name: Adopt}, {id: hold, name: Hold}]\nreview: {after_months: 6}\n' > defaults/.radar.yml
git -C defaults add .radar.yml && git -C defaults commit -q -m "our radar"
radar -C defaults import --from byor-json "$E2E_WORK/explore.json"
expect_rc 0
expect_err_contains ".radar.yml could not be edited in place (it has no 'quadrants:' list; the default quadrants apply): written anew from its settings, without its comments and layout"
expect_file_contains defaults/.radar.yml "{id: data, name: Data}"
expect_file_contains defaults/.radar.yml "review: {after_months: 6}"
expect_file_not_contains defaults/.radar.yml "# only the rings"
radar -C defaults check
expect_rc 0

# Our JSON keeps everything: scores, ADR numbers, tags, declared rings.
make_demo demo
radar -C demo export --to json -o "$E2E_WORK/full.json"
expect_rc 0
new_repo copy
radar -C copy import --from json "$E2E_WORK/full.json"
expect_rc 0
radar -C copy export --to json -o "$E2E_WORK/copy.json"
if [ "$HAVE_PY" = 1 ]; then
	run python3 same.py json full.json copy.json
	expect_rc 0 "json: import → export keeps every entry whole"
fi
radar -C demo score mojo --format json
cp "$OUT" mojo-demo.json
radar -C copy score mojo --format json
expect_out_equals_file mojo-demo.json

# isNew and moved come from the last edition (2026-Q3 for the demo's working tree).
radar -C demo diff 2026-Q3 --format json
new=$(json_get "$OUT" '$.new' | tr -d '[]')
radar -C demo export --to byor-csv
expect_rc 0
expect_eq "$(grep -c ',TRUE,' "$OUT")" "$new" "isNew TRUE for the entries new since 2026-Q3"
radar -C demo export --to zalando-json
expect_rc 0
expect_eq "$(grep -c '"moved": 2' "$OUT")" "$new" "moved 2 for new entries"
radar -C demo export --to aoe -o "$E2E_WORK/aoe-demo"
expect_rc 0
expect_file aoe-demo/config.json
expect_eq "$(ls aoe-demo/radar | tr '\n' ' ')" "$(radar -C demo editions --format json; sed -n 's/.*"date": "\(.*\)",/\1/p' "$OUT" | tr '\n' ' ')2026-11-29 " "one release folder per edition and one for today"
radar -C demo export --to backstage-json
expect_rc 0
expect_out_contains '"timeline"'

# What a format cannot hold: a fifth quadrant.
cp -R demo five
sed -i 's/^  - {id: languages-and-frameworks, name: Languages & Frameworks}$/&\n  - {id: data, name: Data}/' five/.radar.yml
printf 'name: DuckLake\nquadrant: data\nring: assess\n' > five/radar/ducklake.yaml
for f in byor-csv byor-json zalando-json backstage-json; do
	radar -C five export --to "$f" -o "five.$f"
	expect_rc 1 "$f holds 4 quadrants"
	expect_err_contains "holds 4 quadrants: 'DuckLake' (radar/ducklake.yaml) is in quadrant 'data', the fifth; --lossy puts it in 'languages-and-frameworks'"
	expect_no_file "five.$f"
	radar -C five export --to "$f" --lossy
	expect_rc 0
	expect_err_contains "--lossy: quadrant 'data' (1 entry) folded into 'languages-and-frameworks'"
done
radar -C five export --to json
expect_rc 0
expect_out_contains '"quadrant": "data"'
# An entry with no ring: BYOR needs one; --lossy leaves it out.
printf 'name: Unplaced\nquadrant: tools\n' > five/radar/unplaced.yaml
radar -C five export --to byor-csv --lossy
expect_rc 0
expect_err_contains "'Unplaced' left out: it has no ring"
expect_out_not_contains "Unplaced"

# Bad input: path:line:col, exit 1, nothing written.
new_repo bad
state_save bad bad
printf '[\n  {"name": "A", "ring": "adopt", "quadrant": "tools"},\n  {"name": "B" "ring": "trial"}\n]\n' > bad.json
radar -C bad import --from byor-json "$E2E_WORK/bad.json"
expect_rc 1
expect_err_diag "$E2E_WORK/bad.json" 3 error "not valid JSON"
printf '[\n  {"name": "A", "ring": "adopt", "quadrant": "tools"},\n  {"ring": "trial", "quadrant": "tools"}\n]\n' > noname.json
radar -C bad import --from byor-json "$E2E_WORK/noname.json"
expect_rc 1
expect_err_diag "$E2E_WORK/noname.json" 3:3 error "item has no 'name'"
printf '{"entries": [\n {"quadrant": 0, "ring": 0, "label": "A"},\n {"quadrant": 1, "ring": 7, "label": "B"}]}\n' > z.json
radar -C bad import --from zalando-json "$E2E_WORK/z.json"
expect_rc 1
expect_err_diag "$E2E_WORK/z.json" 3:26 error "'ring' must be a ring's index"
printf 'name,ring,quadrant,isNew,description\nA,Adopt,Tools,TRUE,"fine"\nB,Trial,Tools,FALSE,"never closed\n' > open.csv
radar -C bad import --from byor-csv "$E2E_WORK/open.csv"
expect_rc 1
expect_err_diag "$E2E_WORK/open.csv" 3:21 error "quoted field is never closed"
printf 'name,ring\nA,Adopt\n' > nocol.csv
radar -C bad import --from byor-csv "$E2E_WORK/nocol.csv"
expect_rc 1
expect_err_diag "$E2E_WORK/nocol.csv" 1:1 error "name,ring,quadrant"
mkdir -p aoe-bad/radar/2024-01-01
printf 'title: no front matter\n' > aoe-bad/radar/2024-01-01/x.md
printf -- '---\ntitle: Y\nring: [adopt\n---\n' > aoe-bad/radar/2024-01-01/y.md
radar -C bad import --from aoe "$E2E_WORK/aoe-bad"
expect_rc 1
expect_err_diag "$E2E_WORK/aoe-bad/radar/2024-01-01/x.md" 1:1 error "no front matter"
expect_err_diag "$E2E_WORK/aoe-bad/radar/2024-01-01/y.md" 4:1 error "invalid YAML"
printf '\xff\xfe' > binary.json
radar -C bad import --from json "$E2E_WORK/binary.json"
expect_rc 1
expect_err_contains "not UTF-8"
radar -C bad import --from json "$E2E_WORK/missing.json"
expect_rc 1
expect_err_contains "missing.json: No such file"
expect_state_unchanged bad bad

# Usage errors: exit 2.
radar -C bad import bad.json
expect_rc 2
expect_err_contains "--from FORMAT"
radar -C bad import --from csv x
expect_rc 2
expect_err_contains "unknown format 'csv'"
radar -C bad export
expect_rc 2
radar -C bad export --to aoe
expect_rc 2
expect_err_contains "give -o DIR"
radar -C bad import --from aoe "$E2E_WORK/bad.json"
expect_rc 2
expect_state_unchanged bad bad

# A relative FILE with -C is read from DIR, as git -C does.
cp noname.json bad/
radar -C bad import --from byor-json noname.json
expect_rc 1
expect_err_diag "bad/noname.json" 3:3 error "item has no 'name'"
rm bad/noname.json

# --dry-run writes nothing; a name given twice with different slugs gets a number.
printf '[{"name": "C", "ring": "adopt", "quadrant": "languages-and-frameworks"},\n {"name": "C++", "ring": "hold", "quadrant": "languages-and-frameworks"}]\n' > c.json
radar -C bad import --from byor-json "$E2E_WORK/c.json" --dry-run
expect_rc 0
expect_out_contains "would write radar/c.yaml"
expect_out_contains "would write radar/c-2.yaml"
expect_state_unchanged bad bad
