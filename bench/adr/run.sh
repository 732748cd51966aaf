#!/usr/bin/env bash
# adr benchmark (issue 4, "Speed"): the same $ADRS records created with our `adr new`
# (inside Git, a commit each) and with Debian's adr-tools (outside Git, and with a
# `git add` + `git commit` each), then `adr list`, `adr generate toc` and
# `adr generate graph` timed with both tools on those records, in the same run.
# Targets: toc and graph >= 100x faster than adr-tools; creating the records with a
# commit each >= 10x faster than adr-tools with a commit each (the fair baseline:
# both end with the same files in the same number of commits).
#
#   RADAR=/abs/radar [ADRS=1000] [RUNS=7] [TOOLS_RUNS=1] bash bench/adr/run.sh
#
# Environment (all optional):
#   RADAR       the radar binary (default ../../build/radar from here); run as `adr`
#   ADR_TOOLS   adr-tools' `adr` (default /usr/bin/adr, Debian package adr-tools)
#   ADRS        records to create (default 1000)
#   RUNS        timed runs of each reading command, after a warm-up (median; default 7)
#   TOOLS_RUNS  timed runs of adr-tools' toc and graph (default 1: at 1,000 records
#               they take about 15 s and 45 s each)
# Informational: exits 0 whether the targets are met or missed; 1 when a command
# fails or the two tools disagree (files or outputs differ); 2 on bad setup.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
RADAR=${RADAR:-$here/../../build/radar}
ADR_TOOLS=${ADR_TOOLS:-/usr/bin/adr}
ADRS=${ADRS:-1000}
RUNS=${RUNS:-7}
TOOLS_RUNS=${TOOLS_RUNS:-1}

die() { printf 'bench/adr: %s\n' "$*" >&2; exit 2; }
case $ADRS$RUNS$TOOLS_RUNS in *[!0-9]*|'') die "ADRS, RUNS and TOOLS_RUNS must be numbers" ;; esac
if [ "$ADRS" -lt 10 ] || [ "$RUNS" -lt 1 ] || [ "$TOOLS_RUNS" -lt 1 ]; then
	die "ADRS >= 10, RUNS and TOOLS_RUNS >= 1"
fi
[ -x "$RADAR" ] || die "no radar at $RADAR (build it with 'make')"
command -v git >/dev/null || die "git not found"
have_tools=1
# adr-tools is a shell script; an installed radar named adr is not it.
if [ ! -x "$ADR_TOOLS" ] || ! head -c 2 "$ADR_TOOLS" | grep -q '^#!'; then
	have_tools=0
fi

# Fixed identity, dates and template; no user or system configuration; no editor.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
	VISUAL ADR_TEMPLATE
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Radar Bench" GIT_AUTHOR_EMAIL=bench@example.invalid
export GIT_COMMITTER_NAME="Radar Bench" GIT_COMMITTER_EMAIL=bench@example.invalid
export GIT_AUTHOR_DATE="2026-03-01T12:00:00+0000" GIT_COMMITTER_DATE="2026-03-01T12:00:00+0000"
export ADR_DATE=2026-03-01 EDITOR=true

tmp=$(mktemp -d "${TMPDIR:-/tmp}/radar-bench-adr.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
errf=$tmp/stderr
mkdir "$tmp/bin"
# A copy named adr: the binary answers to that name, and a rebuild meanwhile cannot
# pull it from under the run.
cp "$RADAR" "$tmp/bin/adr"
ADR=$tmp/bin/adr
# Both tools fill the same template, so that both make byte-identical records.
if [ -f /usr/share/adr-tools/template.md ]; then
	export ADR_TEMPLATE=/usr/share/adr-tools/template.md
else
	printf '# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Context\n\nC\n\n## Decision\n\nD\n\n## Consequences\n\nE\n' \
		> "$tmp/template.md"
	export ADR_TEMPLATE=$tmp/template.md
fi

now_us() { now=${EPOCHREALTIME/[.,]/}; }
[ -n "${EPOCHREALTIME:-}" ] || now_us() { now=$(( $(date +%s%N) / 1000 )); }

# fail WHAT: a command failed; show its stderr and stop.
fail() {
	printf 'bench/adr: %s failed:\n' "$1" >&2
	head -n 20 "$errf" | sed 's/^/  | /' >&2
	exit 1
}

# args I: the options and title of record I, the same for both tools. Every 10th
# record supersedes the one before it; every 7th (else) amends the one two back.
args() {
	local i=$1
	set -- "Use component $i for the service layer"
	if [ $((i % 10)) = 0 ]; then
		set -- -s $((i - 1)) "$@"
	elif [ $((i % 7)) = 0 ]; then
		set -- -l "$((i - 2)):Amends:Amended by" "$@"
	fi
	ARGS=("$@")
}

# ---- creating ----------------------------------------------------------------------------
echo "adr benchmark: $ADRS records (every 10th supersedes the one before, every 7th amends one),"
echo "  ADR_DATE fixed, EDITOR=true, VISUAL unset, template $ADR_TEMPLATE"
if [ "$have_tools" = 1 ]; then
	tools_version=$(dpkg-query -W -f='${Version}' adr-tools 2>/dev/null || echo "?")
	echo "  adr-tools: $ADR_TOOLS (Debian adr-tools $tools_version)"
else
	echo "  adr-tools: not found at $ADR_TOOLS (apt-get install adr-tools); only adr is measured"
fi

OURS=$tmp/ours
git init -q -b main "$OURS"
cd "$OURS"
now_us; t0=$now
for ((i = 1; i <= ADRS; i++)); do
	args "$i"
	"$ADR" new "${ARGS[@]}" >/dev/null 2>"$errf" || fail "adr new (record $i)"
done
now_us; ours_create=$((now - t0))
[ ! -s "$errf" ] || fail "adr new wrote on stderr"
commits=$(git rev-list --count HEAD)
[ "$commits" = "$ADRS" ] || { echo "bench/adr: adr made $commits commits for $ADRS records" >&2; exit 1; }
[ -z "$(git status --porcelain)" ] || { echo "bench/adr: adr left the work tree unclean" >&2; exit 1; }

tools_create=0 tools_commit=0
TOOLS=$tmp/tools
if [ "$have_tools" = 1 ]; then
	# adr-tools works outside Git: no .git in its folder. Its records are committed
	# from a repository kept elsewhere (as `git add doc/adr && git commit` would),
	# timed apart, so one run gives both adr-tools alone and adr-tools + a commit.
	mkdir "$TOOLS"
	git init -q -b main --separate-git-dir "$tmp/tools.git" "$tmp/tools-init"
	rm -rf "$tmp/tools-init"
	tgit() { git --git-dir="$tmp/tools.git" --work-tree="$TOOLS" -c gc.auto=0 "$@"; }
	cd "$TOOLS"
	for ((i = 1; i <= ADRS; i++)); do
		args "$i"
		now_us; a=$now
		"$ADR_TOOLS" new "${ARGS[@]}" >/dev/null 2>"$errf" || fail "adr-tools adr new (record $i)"
		now_us; b=$now
		{ tgit add -A doc/adr && tgit commit -q -m "adr: $i"; } 2>"$errf" >/dev/null ||
			fail "git commit (record $i)"
		now_us
		tools_create=$((tools_create + b - a))
		tools_commit=$((tools_commit + now - b))
	done
	[ ! -d "$TOOLS/.git" ] || die "adr-tools' folder became a Git repository"
	if ! diff -r "$OURS/doc/adr" "$TOOLS/doc/adr" >"$tmp/diff"; then
		echo "bench/adr: MISS: adr and adr-tools made different records:" >&2
		head -n 20 "$tmp/diff" >&2
		exit 1
	fi
fi

# ---- reading -------------------------------------------------------------------------------
# median_us N CMD...: the median wall time of N runs (after one warm-up), in microseconds;
# the last output is left in $tmp/out.
median_us() {
	local n=$1 k samples=()
	shift
	"$@" >"$tmp/out" 2>"$errf" || fail "$*"
	for ((k = 0; k < n; k++)); do
		now_us; local s=$now
		"$@" >"$tmp/out" 2>"$errf" || fail "$*"
		now_us
		samples+=($((now - s)))
	done
	[ ! -s "$errf" ] || fail "$* (stderr)"
	med=$(printf '%s\n' "${samples[@]}" | sort -n | sed -n "$(((n + 1) / 2))p")
}

declare -A ours tools
failed=0
cd "$OURS"
median_us "$RUNS" "$ADR" help; startup=$med
for cmd in list "generate toc" "generate graph"; do
	cd "$OURS"
	# shellcheck disable=SC2086
	median_us "$RUNS" "$ADR" $cmd
	ours[$cmd]=$med
	cp "$tmp/out" "$tmp/ours.out"
	[ "$have_tools" = 1 ] || continue
	cd "$TOOLS"
	n=$RUNS
	[ "$cmd" = list ] || n=$TOOLS_RUNS
	# adr-tools' toc and graph take seconds: no warm-up run for those.
	if [ "$cmd" = list ]; then
		# shellcheck disable=SC2086
		median_us "$n" "$ADR_TOOLS" $cmd
	else
		samples=()
		for ((k = 0; k < n; k++)); do
			now_us; s=$now
			# shellcheck disable=SC2086
			"$ADR_TOOLS" $cmd >"$tmp/out" 2>"$errf" || fail "adr-tools $cmd"
			now_us
			samples+=($((now - s)))
		done
		med=$(printf '%s\n' "${samples[@]}" | sort -n | sed -n "$(((n + 1) / 2))p")
	fi
	tools[$cmd]=$med
	if ! cmp -s "$tmp/out" "$tmp/ours.out"; then
		echo "bench/adr: MISS: adr $cmd and adr-tools $cmd print different outputs" >&2
		diff "$tmp/ours.out" "$tmp/out" | head -n 10 >&2 || true
		failed=1
	fi
done

# ---- report ------------------------------------------------------------------------------
fmt() { awk -v u="$1" 'BEGIN { if (u >= 10000000) printf "%.1f s", u / 1e6; else printf "%.1f ms", u / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }'; }
mark() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { print ((b > 0 && a / b >= t) ? "PASS" : "MISS") }'; }
row() { printf '%-34s %12s %14s %9s  %s\n' "$@"; }

echo
row "" "adr" "adr-tools" "ratio" "target"
if [ "$have_tools" = 1 ]; then
	both=$((tools_create + tools_commit))
	row "create $ADRS, a commit each" "$(fmt "$ours_create")" "$(fmt "$both")" "$(ratio "$both" "$ours_create")" \
		">= 10x $(mark "$both" "$ours_create" 10)  (fair baseline: adr-tools + git commit)"
	row "  adr-tools alone, outside Git" "" "$(fmt "$tools_create")" "$(ratio "$tools_create" "$ours_create")" \
		"(no commit: less work than adr's)"
	row "  per record" "$(fmt $((ours_create / ADRS)))" "$(fmt $((both / ADRS)))" "" \
		"(adr-tools $(fmt $((tools_create / ADRS))) + git $(fmt $((tools_commit / ADRS))))"
	for cmd in list "generate toc" "generate graph"; do
		target="" 
		[ "$cmd" = list ] || target=">= 100x $(mark "${tools[$cmd]}" "${ours[$cmd]}" 100)"
		runs="median of $RUNS"
		[ "$cmd" = list ] || runs="adr-tools: $TOOLS_RUNS run(s)"
		row "adr $cmd" "$(fmt "${ours[$cmd]}")" "$(fmt "${tools[$cmd]}")" \
			"$(ratio "${tools[$cmd]}" "${ours[$cmd]}")" "$target${target:+  }($runs)"
	done
else
	row "create $ADRS, a commit each" "$(fmt "$ours_create")" "-" "-" ""
	for cmd in list "generate toc" "generate graph"; do
		row "adr $cmd" "$(fmt "${ours[$cmd]}")" "-" "-" ""
	done
fi
echo
echo "adr's floor per command: process start-up $(fmt "$startup") (adr help: the binary loads"
echo "  $(ldd "$ADR" 2>/dev/null | grep -c '=>') shared libraries); 'adr new' also starts libgit2 to read the tip and commit."
if [ "$have_tools" = 1 ]; then
	echo "sanity: both tools made byte-identical records; list, toc and graph outputs $([ "$failed" = 0 ] && echo identical || echo DIFFER)"
fi
exit "$failed"
