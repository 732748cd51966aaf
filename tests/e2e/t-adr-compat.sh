# adr against Debian's adr-tools: the same scenario run by both gives the same
# files, list, toc and graph byte for byte; repositories made by either keep
# working with the other; the Superseded/Superceded spelling already in use is kept.
. "$E2E_DIR/lib.sh"

W=$E2E_WORK
mkdir -p "$W/bin"
ln -s "$RADAR" "$W/bin/adr"
ADR=$W/bin/adr
TOOLS=/usr/bin/adr
if [ ! -x /usr/libexec/adr-tools/adr-new ]; then
	note "adr-tools is not installed (apt-get install adr-tools); skipping the comparison"
	exit 0
fi
export ADR_DATE=2026-11-29 ADR_TEMPLATE=/usr/share/adr-tools/template.md
unset VISUAL EDITOR

scenario() { # TOOL
	"$1" init
	"$1" new Use PostgreSQL for events
	"$1" new -s 2 Use Kafka instead
	"$1" new -l "3:Amends:Amended by" Tweak the Kafka setup
	"$1" link 4 Clarifies 1 "Clarified by"
	"$1" new -s 3 -s 4 Drop Kafka
	"$1" new Slash/Slash/ and  spaces--dashes
	echo "An intro." > intro.md
	echo "An outro." > outro.md
	echo == list; "$1" list
	echo == toc; "$1" generate toc
	echo == toc2; "$1" generate toc -i intro.md -o outro.md -p docs/
	echo == graph; "$1" generate graph
	echo == graph2; "$1" generate graph -p base/ -e .md
}

# Our `adr init` writes our own prose under the same heading, date and status;
# everything else must be the same bytes.
compare_trees() { # A B WHAT
	for f in "$1"/doc/adr/*; do
		b="$2/doc/adr/${f##*/}"
		if [ ! -f "$b" ]; then
			fail "$3: ${f##*/} only made by adr-tools"
			continue
		fi
		case $f in
		*/0001-record-architecture-decisions.md)
			cmp -s <(head -n 7 "$f") <(head -n 7 "$b") || fail "$3: ${f##*/} heading differs"
			cmp -s <(sed -n '/^## Context/,$!p' "$f") <(sed -n '/^## Context/,$!p' "$b") ||
				fail "$3: ${f##*/} status section differs: $(diff <(sed -n '/^## Context/,$!p' "$f") <(sed -n '/^## Context/,$!p' "$b"))" ;;
		*) cmp -s "$f" "$b" || fail "$3: ${f##*/} differs: $(diff "$f" "$b" | head -20)" ;;
		esac
	done
	[ "$(ls "$1/doc/adr")" = "$(ls "$2/doc/adr")" ] || fail "$3: different file names"
}

mkdir tools ours
(cd tools && scenario "$TOOLS" > out 2> err)
(cd ours && scenario "$ADR" > out 2> err)
expect_eq "$(cat ours/err)" "" "stderr of ours"
cmp -s tools/out ours/out || fail "outputs differ: $(diff tools/out ours/out | head -30)"
compare_trees tools ours "scenario"
expect_eq "$(cat tools/.adr-dir 2>/dev/null)" "$(cat ours/.adr-dir 2>/dev/null)" ".adr-dir"

# adr init DIR writes .adr-dir; the folder is then found from a subfolder too.
mkdir t2 o2
(cd t2 && "$TOOLS" init decisions/arch > out && mkdir -p sub/deeper && cd sub/deeper && "$TOOLS" new From below >> ../../out && "$TOOLS" list >> ../../out)
(cd o2 && "$ADR" init decisions/arch > out && mkdir -p sub/deeper && cd sub/deeper && "$ADR" new From below >> ../../out && "$ADR" list >> ../../out)
cmp -s t2/out o2/out || fail "init DIR outputs differ: $(diff t2/out o2/out)"
cmp -s t2/.adr-dir o2/.adr-dir || fail ".adr-dir differs"
cmp -s t2/decisions/arch/0002-from-below.md o2/decisions/arch/0002-from-below.md || fail "0002 differs"

# Cross use: each tool continues the other's repository, and both end the same.
cp -r tools cross1
cp -r ours cross2
(cd cross1 && "$ADR" new -s 6 Continue with ours > /dev/null && "$TOOLS" new -s 7 Then adr-tools > /dev/null)
(cd cross2 && "$TOOLS" new -s 6 Continue with ours > /dev/null && "$ADR" new -s 7 Then adr-tools > /dev/null)
for f in cross1/doc/adr/000[2-9]*; do
	cmp -s "$f" "cross2/doc/adr/${f##*/}" || fail "cross use: ${f##*/} differs: $(diff "$f" "cross2/doc/adr/${f##*/}")"
done
(cd cross1 && "$TOOLS" generate toc > ../toc1 && "$TOOLS" generate graph > ../graph1)
(cd cross1 && "$ADR" generate toc > ../toc2 && "$ADR" generate graph > ../graph2)
cmp -s toc1 toc2 || fail "toc of a mixed repository differs"
cmp -s graph1 graph2 || fail "graph of a mixed repository differs"

# upgrade-repository: DD/MM/YYYY dates to ISO, the same as adr-tools.
mkdir up1 up2
for d in up1 up2; do
	mkdir -p $d/doc/adr
	printf '# 1. Old\n\nDate: 05/03/2016\n\n## Status\n\nAccepted\n' > $d/doc/adr/0001-old.md
	printf '# 2. Newer\n\nDate: 2017-01-01\n\n## Status\n\nAccepted\n' > $d/doc/adr/0002-newer.md
done
(cd up1 && "$TOOLS" upgrade-repository)
(cd up2 && run "$ADR" upgrade-repository)
expect_rc 0
cmp -s up1/doc/adr/0001-old.md up2/doc/adr/0001-old.md || fail "upgrade differs"
expect_file_contains up2/doc/adr/0001-old.md "Date: 2016-03-05"

# Spelling: a repository that writes "Superceded" keeps it; a new one gets "Superseded".
mkdir sp && cd sp
mkdir -p doc/adr
printf '# 1. One\n\nDate: 2016-01-01\n\n## Status\n\nSuperceded by [2. Two](0002-two.md)\n\n## Context\n\nx\n' > doc/adr/0001-one.md
printf '# 2. Two\n\nDate: 2016-01-02\n\n## Status\n\nAccepted\n\nSupercedes [1. One](0001-one.md)\n\n## Context\n\nx\n' > doc/adr/0002-two.md
run "$ADR" new -s 2 Three
expect_rc 0
expect_out_equals "doc/adr/0003-three.md"
expect_file_contains doc/adr/0002-two.md "Superceded by [3. Three](0003-three.md)"
expect_file_contains doc/adr/0003-three.md "Supercedes [2. Two](0002-two.md)"
expect_file_not_contains doc/adr/0002-two.md "Accepted"
cd ..
expect_file_contains ours/doc/adr/0003-use-kafka-instead.md "Superseded by [5. Drop Kafka](0005-drop-kafka.md)"

# Both read what the other wrote: adr-tools lists and graphs our MADR-free repository.
(cd ours && "$TOOLS" list > ../l1 && "$ADR" list > ../l2)
cmp -s l1 l2 || fail "list differs on our repository"
