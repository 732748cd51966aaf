#!/usr/bin/env bash
# Publish benchmark: `radar publish` on the history bench's repository (500 entries,
# 1,000 ADRs, 3,000 commits, 8 release tags; bench/history/gen-history.c), which
# reads every entry, every ADR (Markdown through cmark-gfm), the whole history and
# the judgment sources, and writes ~1,500 pages.
#   RADAR=/abs/radar [RUNS=5] [SEED=42] [CC=cc] [OUT_DIR=dir] bash bench/publish/run.sh
# Prints the median wall time and peak RSS against the targets (< 2 s, < 128 MiB).
# The site goes to OUT_DIR (default: a temporary folder under TMPDIR); its file
# system matters: creating 1,500 files costs more on a busy ext4 than on tmpfs.
# Informational: exits 0 whether targets are met or not; 1 when a command fails.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
RADAR=${RADAR:-$here/../../build/radar}
RUNS=${RUNS:-5}
SEED=${SEED:-42}
[ -x "$RADAR" ] || { echo "bench/publish: no radar at $RADAR" >&2; exit 2; }
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/radar-bench-publish.XXXXXX")
trap 'rm -rf "$tmp" "${OUT:-$tmp}" "${OUT:-$tmp}".[0-9]*' EXIT
GEN=$tmp/gen-history
"${CC:-cc}" -O2 -std=c11 -o "$GEN" "$here/../history/gen-history.c"
REPO=$tmp/repo
git init -q -b main "$REPO"
"$GEN" --seed "$SEED" | git -C "$REPO" fast-import --quiet
git -C "$REPO" -c gc.auto=0 checkout -q -f main
git -C "$REPO" gc -q
OUT=${OUT_DIR:-$tmp/site}
printf 'repository: %s commits, %s tags, %s entries, %s ADRs\n' \
	"$(git -C "$REPO" rev-list --count HEAD)" "$(git -C "$REPO" tag | wc -l)" \
	"$(git -C "$REPO" ls-tree HEAD radar/ | wc -l)" "$(git -C "$REPO" ls-tree HEAD docs/adr/ | wc -l)"

cd "$REPO"
"$RADAR" publish -o "$OUT" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
echo "site: $(cat "$tmp/out")"
times=()
# Each run writes a new folder; the old ones are removed only after the runs
# (ext4 is slow to reuse the inodes of files deleted seconds before).
for ((i = 0; i < RUNS; i++)); do
	s=${EPOCHREALTIME/[.,]/}
	"$RADAR" publish -o "$OUT.$i" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
	e=${EPOCHREALTIME/[.,]/}
	times+=($((e - s)))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]/1000}')
rm -rf "$OUT" "$OUT".[0-9]*
rss=$(/usr/bin/time -f %M "$RADAR" publish -o "$OUT" 2>&1 >/dev/null | tail -n 1)
# the same run replacing an existing site (the usual case: publish again)
s=${EPOCHREALTIME/[.,]/}
"$RADAR" publish -o "$OUT" >/dev/null 2>&1
e=${EPOCHREALTIME/[.,]/}
pages=$(find "$OUT" -name '*.html' | wc -l)
bytes=$(du -sk "$OUT" | awk '{print $1}')
printf 'radar publish: median %d ms over %d runs into a new folder (target < 2000 ms); %d ms replacing a site\n' \
	"$median" "$RUNS" $(((e - s) / 1000))
printf 'peak RSS: %d KiB = %.1f MiB (target < 128 MiB)\n' "$rss" "$(echo "$rss / 1024" | bc -l)"
printf 'site: %d pages, %d KiB, in %s (%s)\n' "$pages" "$bytes" "$(dirname "$OUT")" \
	"$(df -T "$(dirname "$OUT")" | awk 'NR==2 {print $2}')"
[ "$median" -lt 2000 ] && [ "$rss" -lt $((128 * 1024)) ] && echo "targets met" || echo "targets NOT met"
