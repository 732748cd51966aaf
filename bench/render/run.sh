#!/usr/bin/env bash
# Render benchmark (issue 5, "Speed"): `radar render` of a generated 200-entry radar to a
# 1920x1080 PNG, and the layout alone for 1,000 entries, next to a baseline measured in the
# same run: cairo + pango drawing 200 plain circles and 200 labels to a 1920x1080 PNG with
# no layout (bench/render/baseline-draw.c), both in-process and as a small process of its own.
# Targets: PNG in under 150 ms, layout of 1,000 entries under 50 ms, peak memory under 100 MiB.
#
#   RADAR=/abs/radar [RUNS=7] [SEED=42] [CC=cc] bash bench/render/run.sh
#
# Environment (all optional):
#   RADAR           the radar binary (default ../../build/radar from here)
#   LIBRADAR        the library render-bench links (default: libradar.a beside RADAR)
#   RUNS            timed runs of everything, after 1 warm-up; the median is shown (default 7)
#   SEED            generator seed (default 42)
#   RENDER_ENTRIES  entries drawn (default 200)
#   LAYOUT_ENTRIES  entries for the layout-alone figure (default 1000)
#   PNG_DIR         keep the three PNGs here (radar.png, baseline.png, in-process.png)
#   CC              compiler for gen-radar and the harness (default cc)
# Informational: exits 0 whether the targets are met or missed; 1 when a command fails,
# prints an error or gives an implausible answer; 2 on bad setup.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
RADAR=${RADAR:-$here/../../build/radar}
RUNS=${RUNS:-7}
SEED=${SEED:-42}
RENDER_ENTRIES=${RENDER_ENTRIES:-200}
LAYOUT_ENTRIES=${LAYOUT_ENTRIES:-1000}
PNG_MS_TARGET=150
LAYOUT_MS_TARGET=50
MEM_TARGET_MIB=100

die() { printf 'bench/render: %s\n' "$*" >&2; exit 2; }
case $RUNS$SEED$RENDER_ENTRIES$LAYOUT_ENTRIES in *[!0-9]*|'') die "RUNS, SEED and *_ENTRIES must be numbers" ;; esac
if [ "$RUNS" -lt 1 ] || [ "$RUNS" -gt 101 ]; then die "RUNS must be from 1 to 101"; fi
if [ "$RENDER_ENTRIES" -lt 1 ] || [ "$LAYOUT_ENTRIES" -lt 1 ]; then die "*_ENTRIES must be at least 1"; fi
if [ ! -f "$RADAR" ] || [ ! -x "$RADAR" ]; then die "no radar at $RADAR (build it with 'make')"; fi
RADAR=$(cd "$(dirname "$RADAR")" && pwd)/$(basename "$RADAR")
LIBRADAR=${LIBRADAR:-$(dirname "$RADAR")/libradar.a}
[ -f "$LIBRADAR" ] || die "no $LIBRADAR (build it with 'make'; or set LIBRADAR)"
command -v git >/dev/null || die "git not found"
gnutime=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
	gnutime=/usr/bin/time
fi

# ---- the programs: gen-radar (bench/), render-bench and render-baseline (bench/render/) ----
GEN=$here/../gen-radar
if [ ! -x "$GEN" ] || [ "$here/../gen-radar.c" -nt "$GEN" ]; then
	"${CC:-cc}" -O2 -std=c11 -Wall -Wextra -o "$GEN" "$here/../gen-radar.c"
fi
make -s -C "$here" LIBRADAR="$LIBRADAR" CC="${CC:-cc}" >&2 || die "building the harness failed"

# ---- the repository: gen-radar, one commit with a fixed identity and date, packed ----
tmp=$(mktemp -d "${TMPDIR:-/tmp}/radar-bench-render.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'echo "bench/render: setup failed (run.sh line $LINENO)" >&2' ERR
REPO=$tmp/repo
errf=$tmp/stderr
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Radar Bench" GIT_AUTHOR_EMAIL=bench@example.invalid
export GIT_COMMITTER_NAME="Radar Bench" GIT_COMMITTER_EMAIL=bench@example.invalid
export GIT_AUTHOR_DATE="2026-03-01T12:00:00+0000" GIT_COMMITTER_DATE="2026-03-01T12:00:00+0000"
"$GEN" "$REPO" --entries "$RENDER_ENTRIES" --seed "$SEED"
git init -q -b main "$REPO"
git -C "$REPO" add -A
git -C "$REPO" -c gc.auto=0 commit -q -m "Generated radar: $RENDER_ENTRIES entries, seed $SEED"
git -C "$REPO" gc -q
commit=$(git -C "$REPO" rev-parse HEAD)
trap - ERR
cd "$tmp"    # the PNGs are written here (radar's -o is relative to the current folder)

# ---- measuring processes ----
failed=0
warned=""
# check LABEL RC: a non-zero status, or stderr saying error/fatal, fails the benchmark;
# other stderr lines (radar's notes, e.g. crowded cells) are shown once.
check() {
	local label=$1 rc=$2
	if [ "$rc" -ne 0 ] || grep -qiE 'error|fatal|sanitizer|panic|critical' "$errf"; then
		printf 'bench/render: %s failed (exit %s):\n' "$label" "$rc" >&2
		head -n 20 "$errf" | sed 's/^/  | /' >&2
		exit 1
	fi
	if [ -s "$errf" ] && [[ $warned != *"|$label|"* ]]; then
		warned="$warned|$label|"
		printf 'note: %s wrote on stderr:\n' "$label"
		head -n 3 "$errf" | sed 's/^/  | /'
	fi
}

# measure LABEL CMD...: 1 warm-up run, RUNS timed runs (bash's $EPOCHREALTIME),
# 1 run under GNU time for the peak RSS. Sets med_us, peak_kib; the last stdout is in $tmp/out.
measure() {
	local label=$1 i rc t0 t1 samples=()
	shift
	rc=0; "$@" >"$tmp/out" 2>"$errf" || rc=$?; check "$label" "$rc"
	for ((i = 0; i < RUNS; i++)); do
		t0=${EPOCHREALTIME/[.,]/}
		rc=0; "$@" >"$tmp/out" 2>"$errf" || rc=$?
		t1=${EPOCHREALTIME/[.,]/}
		check "$label" "$rc"
		samples+=($((t1 - t0)))
	done
	med_us=$(printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR] = $1} END {
		print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}')
	peak_kib=""
	if [ -n "$gnutime" ]; then
		rc=0; "$gnutime" -f %M -o "$tmp/rss" "$@" >/dev/null 2>"$errf" || rc=$?
		check "$label" "$rc"
		peak_kib=$(tail -n 1 "$tmp/rss")
	fi
}

# png_ok FILE: a W x H PNG (IHDR), and pngcheck's opinion when it is installed.
png_ok() {
	local f=$1 dims
	[ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || { echo "not a PNG"; return 1; }
	dims=$(od -An -tu1 -j16 -N8 "$f" | awk '{printf "%dx%d", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
	[ "$dims" = 1920x1080 ] || { echo "$dims, not 1920x1080"; return 1; }
	if command -v pngcheck >/dev/null; then
		pngcheck -q "$f" >/dev/null 2>&1 || { echo "pngcheck: $(pngcheck "$f" 2>&1 | head -n 1)"; return 1; }
	fi
	echo "1920x1080 PNG, $(wc -c < "$f") bytes$(command -v pngcheck >/dev/null && echo ', pngcheck ok')"
}

ms()  { awk -v u="$1" 'BEGIN {printf "%.1f", u / 1000}'; }
mib() { if [ -n "$1" ]; then awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; else printf 'n/a'; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", (b > 0 ? a / b : 0)}'; }
under() { awk -v v="$1" -v t="$2" 'BEGIN {print ((v + 0 < t + 0) ? "PASS" : "MISS")}'; }

echo "render benchmark: $RENDER_ENTRIES entries (gen-radar, seed $SEED, commit ${commit:0:12}) to a 1920x1080 PNG; layout alone for $LAYOUT_ENTRIES entries"
echo "  $RUNS timed runs of each after 1 warm-up, median wall time; peak RSS from ${gnutime:-(GNU time not found: n/a)}${gnutime:+ -f %M}"

measure "render-baseline" "$here/render-baseline" base.png "$RENDER_ENTRIES"
base_us=$med_us base_kib=$peak_kib
grep -q "^wrote base.png" "$tmp/out" || { echo "bench/render: render-baseline: unexpected output: $(cat "$tmp/out")" >&2; exit 1; }

measure "radar render" "$RADAR" -C "$REPO" render -o x.png
radar_us=$med_us radar_kib=$peak_kib
radar_out=$(cat "$tmp/out")
radar_err=$(cat "$errf")

# ---- in process: layout (pango and fake measurer), render_draw, the baseline ----
rc=0
"$here/render-bench" --runs "$RUNS" --seed "$SEED" --layout-entries "$LAYOUT_ENTRIES" \
	--draw-entries "$RENDER_ENTRIES" --png "$tmp/in-process.png" >"$tmp/inproc" 2>"$errf" || rc=$?
check "render-bench" "$rc"
declare -A f
while read -r k v; do f[$k]=$v; done <"$tmp/inproc"
for k in layout_pango_ms layout_fake_ms layout_small_ms draw_small_ms baseline_ms maxrss_kib; do
	[ -n "${f[$k]:-}" ] || { echo "bench/render: render-bench printed no $k" >&2; exit 1; }
done

# ---- the table ----
rows=()
row() { rows+=("$(printf '%-56s %9s %8s %7s  %-19s %s' "$@")"); }
row "figure" "median ms" "peak MiB" "vs base" "target" "result"
row "baseline, own process: render-baseline base.png" \
	"$(ms "$base_us")" "$(mib "$base_kib")" "1.00x" "(baseline)" ""
pmark=$(under "$(ms "$radar_us")" "$PNG_MS_TARGET")
if [ -n "$radar_kib" ]; then mmark=$(under "$radar_kib" $((MEM_TARGET_MIB * 1024))); else mmark=n/a; fi
row "radar -C REPO render -o x.png" "$(ms "$radar_us")" "$(mib "$radar_kib")" \
	"$(ratio "$radar_us" "$base_us")" "<$PNG_MS_TARGET ms, <$MEM_TARGET_MIB MiB" "time $pmark, memory $mmark"
row "baseline, in-process: circles+labels -> PNG in memory" \
	"$(printf '%.1f' "${f[baseline_ms]}")" "" "1.00x" "(baseline)" ""
row "render_draw, in-process: layout -> PNG in memory" \
	"$(printf '%.1f' "${f[draw_small_ms]}")" "" "$(ratio "${f[draw_small_ms]}" "${f[baseline_ms]}")" "(info)" ""
row "layout_compute: $RENDER_ENTRIES entries, pango measurer" \
	"$(printf '%.1f' "${f[layout_small_ms]}")" "" "" "(info)" ""
row "layout_compute: $LAYOUT_ENTRIES entries, pango measurer" \
	"$(printf '%.1f' "${f[layout_pango_ms]}")" "" "" "<$LAYOUT_MS_TARGET ms" "$(under "${f[layout_pango_ms]}" "$LAYOUT_MS_TARGET")"
row "layout_compute: $LAYOUT_ENTRIES entries, fixed-width fake measurer" \
	"$(printf '%.1f' "${f[layout_fake_ms]}")" "" "" "<$LAYOUT_MS_TARGET ms" "$(under "${f[layout_fake_ms]}" "$LAYOUT_MS_TARGET")"
echo
echo "$RENDER_ENTRIES entries drawn; baseline: $RENDER_ENTRIES plain circles and $RENDER_ENTRIES labels, no layout (bench/render/baseline-draw.c)"
printf '%s\n' "${rows[@]}"
echo
printf 'in-process rows (render_draw, layout_compute, in-process baseline): one render-bench process, peak RSS %s MiB (target <%s MiB: %s); font map %.1f ms, first (cold) %s-entry layout %.1f ms\n' \
	"$(mib "${f[maxrss_kib]}")" "$MEM_TARGET_MIB" "$(under "${f[maxrss_kib]}" $((MEM_TARGET_MIB * 1024)))" \
	"${f[measurer_new_ms]}" "$LAYOUT_ENTRIES" "${f[layout_pango_cold_ms]}"
printf 'layout of %s entries: blip radius %s px (%s wanted), %s legend names left out ("+ N more"); of %s: radius %s px, %s left out\n' \
	"$LAYOUT_ENTRIES" "${f[layout_pango_blip_r]}" "${f[layout_pango_blip_r_wanted]}" "${f[layout_pango_hidden]}" \
	"$RENDER_ENTRIES" "${f[layout_small_blip_r]}" "${f[layout_small_hidden]}"

# ---- sanity: every file a 1920x1080 PNG, radar drew every entry ----
for spec in "radar render:x.png" "render-baseline:base.png" "render-bench (render_draw):in-process.png"; do
	label=${spec%%:*} file=$tmp/${spec#*:}
	if msg=$(png_ok "$file"); then
		echo "sanity: $label: $msg: ok"
	else
		echo "bench/render: sanity MISS: $label: $msg" >&2
		failed=1
	fi
done
if [[ $radar_out == *"(PNG, 1920x1080, $RENDER_ENTRIES blips)"* ]]; then
	echo "sanity: radar render drew $RENDER_ENTRIES blips: ok${radar_err:+ (with a note on stderr, shown above)}"
else
	echo "bench/render: sanity MISS: radar render said: $radar_out" >&2
	failed=1
fi
if [ "${f[layout_pango_blips]}" != "$LAYOUT_ENTRIES" ] || [ "${f[layout_fake_blips]}" != "$LAYOUT_ENTRIES" ]; then
	echo "bench/render: sanity MISS: the $LAYOUT_ENTRIES-entry layouts placed ${f[layout_pango_blips]} and ${f[layout_fake_blips]} blips" >&2
	failed=1
fi
if [ -n "${PNG_DIR:-}" ]; then
	mkdir -p "$PNG_DIR"
	cp "$tmp/x.png" "$PNG_DIR/radar.png"
	cp "$tmp/base.png" "$PNG_DIR/baseline.png"
	cp "$tmp/in-process.png" "$PNG_DIR/in-process.png"
	echo "PNGs kept in $PNG_DIR: radar.png, baseline.png, in-process.png"
fi
exit "$failed"
