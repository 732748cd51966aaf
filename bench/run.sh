#!/usr/bin/env bash
# radar benchmark: `radar list` on a generated radar of $ENTRIES entries, against the git
# CLI reading the same blobs. Informational: exits 0 whether targets are met or missed;
# exits 1 when a command fails, prints errors or gives an implausible answer; 2 on bad setup.
#
# Environment (all optional):
#   RADAR    path to the radar binary      (default: ../build/radar from this folder)
#   ENTRIES  entries to generate           (default: 2000)
#   SEED     generator seed                (default: 42)
#   RUNS     timed rounds                  (default: 11; the median is reported)
#   PACK     1 = `git gc` the repository before measuring (default), 0 = leave it loose
#   CC       compiler for the generator    (default: cc)
# SC2317: the measured functions are called indirectly; SC2016: $1/$3 in baseline_sh are bash -c's.
# shellcheck disable=SC2317,SC2016
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
RADAR=${RADAR:-$here/../build/radar}
ENTRIES=${ENTRIES:-2000}
SEED=${SEED:-42}
RUNS=${RUNS:-11}
PACK=${PACK:-1}
GEN=$here/gen-radar
RATIO_TARGET=2.0
MEM_TARGET_MIB=64

die() { printf 'bench: %s\n' "$*" >&2; exit 2; }
case $ENTRIES$RUNS in *[!0-9]*|'') die "ENTRIES and RUNS must be numbers" ;; esac
[ "$RUNS" -ge 1 ] || die "RUNS must be at least 1"
command -v git >/dev/null || die "git not found"

# ---- the generator -----------------------------------------------------------------------
if [ ! -x "$GEN" ] || [ "$here/gen-radar.c" -nt "$GEN" ]; then
	"${CC:-cc}" -O2 -std=c11 -Wall -Wextra -o "$GEN" "$here/gen-radar.c"
fi

# ---- the repository ----------------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/radar-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'echo "bench: setup failed (run.sh line $LINENO)" >&2' ERR
trap 'exit 130' INT
trap 'exit 143' TERM
REPO=$tmp/repo
errf=$tmp/stderr

# A fixed identity, fixed dates and no user or system configuration: the same ENTRIES and
# SEED give the same commit id on every machine.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Radar Bench" GIT_AUTHOR_EMAIL=bench@example.invalid
export GIT_COMMITTER_NAME="Radar Bench" GIT_COMMITTER_EMAIL=bench@example.invalid
export GIT_AUTHOR_DATE="2026-03-01T12:00:00+0000" GIT_COMMITTER_DATE="2026-03-01T12:00:00+0000"

t_setup0=$(date +%s%N)
"$GEN" "$REPO" --entries "$ENTRIES" --seed "$SEED"
t_generated=$(date +%s%N)
git init -q -b main "$REPO"
git -C "$REPO" add -A
# gc.auto=0: from ~6700 loose objects, commit would start a background `git gc --auto`,
# which would race the explicit gc below and pack while we measure.
git -C "$REPO" -c gc.auto=0 commit -q -m "Generated radar: $ENTRIES entries, seed $SEED"
if [ "$PACK" = 1 ]; then
	git -C "$REPO" gc -q    # a realistic repository is packed; this is what we measure
fi
t_setup1=$(date +%s%N)
# radar's parse cache (.git/radar-cache) takes no file changed in the last two
# seconds, whose stat data a second change could repeat; the files of a real
# radar are older than that, so the measurement starts when these are.
settle_ms=$(( 2500 - (t_setup1 - t_generated) / 1000000 ))
if [ "$settle_ms" -gt 0 ]; then
	sleep "$(awk -v m="$settle_ms" 'BEGIN {printf "%.3f", m / 1000}')"
fi
commit=$(git -C "$REPO" rev-parse HEAD)
nblobs=$(git -C "$REPO" ls-tree -r HEAD radar | wc -l)
[ "$nblobs" -eq "$ENTRIES" ] || { echo "bench: expected $ENTRIES blobs, found $nblobs" >&2; exit 1; }
objinfo=$(git -C "$REPO" count-objects -v | awk '
	/^count:/ {loose=$2} /^packs:/ {packs=$2} /^size-pack:/ {sp=$2} /^size:/ {sz=$2}
	END {printf "%d pack(s) of %d KiB, %d loose objects (%d KiB)", packs, sp, loose, sz}')

# ---- measuring -----------------------------------------------------------------------------
# Wall time: bash's $EPOCHREALTIME (no fork, microseconds); else `date +%s%N`.
now_us() {
	if [ -n "${EPOCHREALTIME:-}" ]; then
		now=${EPOCHREALTIME/[.,]/}
	else
		now=$(( $(date +%s%N) / 1000 ))
	fi
}
timer="\$EPOCHREALTIME"; [ -n "${EPOCHREALTIME:-}" ] || timer="date +%s%N"

# Peak RSS: GNU time's %M (KiB). For a pipeline it is the largest single process.
gnutime=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
	gnutime=/usr/bin/time
fi

# The baseline runs as a pipeline in this shell (pipefail is on, so any stage failing counts);
# under GNU time it runs in `bash -c`, whose own few MiB stay below git's.
git_baseline() { git -C "$REPO" ls-tree -r HEAD radar | awk '{print $3}' | git -C "$REPO" cat-file --batch; }
baseline_sh='set -o pipefail; git -C "$1" ls-tree -r HEAD radar | awk "{print \$3}" | git -C "$1" cat-file --batch'
radar_wt()  { "$RADAR" -C "$REPO" list; }
radar_rev() { "$RADAR" -C "$REPO" --rev HEAD list; }
radar_wt_cold()  { RADAR_NO_CACHE=1 "$RADAR" -C "$REPO" list; }
radar_rev_cold() { RADAR_NO_CACHE=1 "$RADAR" -C "$REPO" --rev HEAD list; }

failed=0
warned=""
# check LABEL RC: a non-zero status, or stderr saying error/fatal, is a failure;
# other stderr output (warnings) is shown once and does not fail the run.
check() {
	local label=$1 rc=$2
	if [ "$rc" -ne 0 ] || grep -qiE 'error|fatal|sanitizer|panic' "$errf"; then
		printf 'bench: %s failed (exit %s):\n' "$label" "$rc" >&2
		head -n 20 "$errf" | sed 's/^/  | /' >&2
		exit 1
	fi
	if [ -s "$errf" ] && [[ $warned != *"|$label|"* ]]; then
		warned="$warned|$label|"
		printf 'bench: note: %s wrote %s line(s) on stderr, e.g.:\n' "$label" "$(wc -l < "$errf")" >&2
		head -n 3 "$errf" | sed 's/^/  | /' >&2
	fi
}

# peak LABEL FUNCTION: one run under GNU time; sets peak_kib ("" without GNU time).
peak() {
	local label=$1 fn=$2 rc=0
	peak_kib=""
	[ -n "$gnutime" ] || return 0
	case $fn in
	git_baseline) $gnutime -f %M -o "$tmp/rss" bash -c "$baseline_sh" bash "$REPO" >/dev/null 2>"$errf" || rc=$? ;;
	radar_wt)     $gnutime -f %M -o "$tmp/rss" "$RADAR" -C "$REPO" list >/dev/null 2>"$errf" || rc=$? ;;
	radar_rev)    $gnutime -f %M -o "$tmp/rss" "$RADAR" -C "$REPO" --rev HEAD list >/dev/null 2>"$errf" || rc=$? ;;
	radar_wt_cold)  RADAR_NO_CACHE=1 $gnutime -f %M -o "$tmp/rss" "$RADAR" -C "$REPO" list >/dev/null 2>"$errf" || rc=$? ;;
	radar_rev_cold) RADAR_NO_CACHE=1 $gnutime -f %M -o "$tmp/rss" "$RADAR" -C "$REPO" --rev HEAD list >/dev/null 2>"$errf" || rc=$? ;;
	esac
	check "$label" "$rc"
	peak_kib=$(tail -n 1 "$tmp/rss")
}

# measure_all: one warm-up run of each command, then RUNS rounds that run every
# command once in turn, so that the machine's load drifting during the run weighs
# on the baseline and on radar alike. Sets med_us[k] and peak[k] for each command.
measure_all() {
	local i k rc t0
	for ((k = 0; k < ${#fns[@]}; k++)); do
		rc=0; "${fns[k]}" >/dev/null 2>"$errf" || rc=$?; check "${labels[k]}" "$rc"
		: > "$tmp/samples.$k"
	done
	for ((i = 0; i < RUNS; i++)); do
		for ((k = 0; k < ${#fns[@]}; k++)); do
			now_us; t0=$now
			rc=0; "${fns[k]}" >/dev/null 2>"$errf" || rc=$?
			now_us
			check "${labels[k]}" "$rc"
			echo $((now - t0)) >> "$tmp/samples.$k"
		done
	done
	for ((k = 0; k < ${#fns[@]}; k++)); do
		med_us[k]=$(sort -n "$tmp/samples.$k" | sed -n "$(( (RUNS + 1) / 2 ))p")
		peak "${labels[k]}" "${fns[k]}"
		peaks[k]=$peak_kib
	done
}

ms()  { awk -v u="$1" 'BEGIN {printf "%.1f", u / 1000}'; }
mib() { if [ -n "$1" ]; then awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; else printf 'n/a'; fi; }

echo "radar benchmark: $ENTRIES entries (seed $SEED), commit ${commit:0:12}, $objinfo"
echo "  repository generated and committed in $(( (t_setup1 - t_setup0) / 1000000 )) ms; $RUNS rounds of every command in turn after 1 warm-up each, median wall time ($timer)"
[ -n "$gnutime" ] || echo "  peak memory: GNU time (/usr/bin/time, Debian package 'time') not found; memory not measured"

have_radar=1
if [ ! -f "$RADAR" ] || [ ! -x "$RADAR" ]; then
	have_radar=0
fi
labels=("git ls-tree | cat-file --batch") fns=(git_baseline)
if [ "$have_radar" = 1 ]; then
	labels+=("radar list" "radar --rev HEAD list" "radar list, no cache" "radar --rev HEAD list, no cache")
	fns+=(radar_wt radar_rev radar_wt_cold radar_rev_cold)
fi
med_us=() peaks=()
measure_all
git_us=${med_us[0]}

rows=()
row() { rows+=("$(printf '%-34s %10s %9s %8s  %s' "$1" "$2" "$3" "$4" "$5")"); }
row "command" "median ms" "peak MiB" "vs git" "targets (ratio <= ${RATIO_TARGET}x, peak < ${MEM_TARGET_MIB} MiB)"
row "${labels[0]}" "$(ms "$git_us")" "$(mib "${peaks[0]}")" "1.00x" "(baseline)"
for ((k = 1; k < ${#fns[@]}; k++)); do
	ratio=$(awk -v a="${med_us[k]}" -v b="$git_us" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
	rmark=$(awk -v r="$ratio" -v t="$RATIO_TARGET" 'BEGIN {print ((r + 0 <= t + 0) ? "PASS" : "MISS")}')
	if [ -n "${peaks[k]}" ]; then
		mmark=$(awk -v k="${peaks[k]}" -v t="$MEM_TARGET_MIB" 'BEGIN {print ((k + 0 < t * 1024) ? "PASS" : "MISS")}')
	else
		mmark="n/a"
	fi
	row "${labels[k]}" "$(ms "${med_us[k]}")" "$(mib "${peaks[k]}")" "${ratio}x" "ratio $rmark, memory $mmark"
done

echo
printf '%s\n' "${rows[@]}"
echo "  (radar keeps parsed entries in .git/radar-cache: the warm-up run fills it, and the"
echo "   first two radar rows read from it; 'no cache' rows set RADAR_NO_CACHE=1 and parse"
echo "   every file, as the first run on a new radar does)"
echo

if [ "$have_radar" = 0 ]; then
	echo "bench: radar binary not found at $RADAR (build it with 'make'); only the baseline was measured" >&2
	exit 1
fi

# ---- sanity: radar read every entry, and the same ones from the tree and from the commit ----
count_items() {
	if command -v jq >/dev/null; then
		jq 'if type == "array" then length else error("not an array") end' "$1"
	else
		grep -o '"id"[[:space:]]*:' "$1" | wc -l
	fi
}
rc=0; "$RADAR" -C "$REPO" list --format json >"$tmp/wt.json" 2>"$errf" || rc=$?
check "radar list --format json" "$rc"
rc=0; "$RADAR" -C "$REPO" --rev HEAD list --format json >"$tmp/rev.json" 2>"$errf" || rc=$?
check "radar --rev HEAD list --format json" "$rc"
n=$(count_items "$tmp/wt.json" 2>"$errf") || { echo "bench: radar list --format json: not a JSON array" >&2; head -n 5 "$errf" >&2; exit 1; }
n=${n//[[:space:]]/}
if [ "$n" != "$ENTRIES" ]; then
	echo "bench: sanity MISS: radar list --format json gave $n items, expected $ENTRIES" >&2
	failed=1
else
	echo "sanity: radar list --format json has $n items (expected $ENTRIES): ok"
fi
rc=0; RADAR_NO_CACHE=1 "$RADAR" -C "$REPO" list --format json >"$tmp/cold.json" 2>"$errf" || rc=$?
check "radar list --format json, no cache" "$rc"
if cmp -s "$tmp/wt.json" "$tmp/cold.json"; then
	echo "sanity: with and without the parse cache give identical JSON: ok"
else
	echo "bench: sanity MISS: radar list --format json differs with and without the parse cache" >&2
	failed=1
fi
if cmp -s "$tmp/wt.json" "$tmp/rev.json"; then
	echo "sanity: working tree and --rev HEAD give identical JSON: ok"
else
	echo "bench: sanity MISS: radar list --format json differs between the working tree and --rev HEAD" >&2
	diff "$tmp/wt.json" "$tmp/rev.json" | head -n 10 >&2 || true
	failed=1
fi
exit "$failed"
