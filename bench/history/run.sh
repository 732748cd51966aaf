#!/usr/bin/env bash
# History benchmark: `radar history` on a generated repository of 3,000 commits (500
# entries changed over 2,000 commits, 1,000 ADRs, 8 release tags, merged topic
# branches), against the git CLI on the same repository, in the same run.
#   RADAR=/abs/radar [RUNS=7] [SEED=42] [CC=cc] bash bench/history/run.sh
# Prints median wall times, the ratios (target <= 1.5x) and peak RSS (target <= 64 MiB).
# Informational: exits 0 whether targets are met or not; 1 when a command fails.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
RADAR=${RADAR:-$here/../../build/radar}
RUNS=${RUNS:-7}
SEED=${SEED:-42}
GEN=$here/gen-history
[ -x "$RADAR" ] || { echo "bench/history: no radar at $RADAR" >&2; exit 2; }
if [ ! -x "$GEN" ] || [ "$here/gen-history.c" -nt "$GEN" ]; then
	"${CC:-cc}" -O2 -std=c11 -Wall -Wextra -o "$GEN" "$here/gen-history.c"
fi
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/radar-bench-history.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
REPO=$tmp/repo

t0=$(date +%s%N)
git init -q -b main "$REPO"
"$GEN" --seed "$SEED" | git -C "$REPO" fast-import --quiet
git -C "$REPO" -c gc.auto=0 checkout -q -f main
git -C "$REPO" gc -q          # a real repository is packed
t1=$(date +%s%N)
printf 'repository: %s commits (%s on the first-parent line), %s tags, %s entries; made in %d ms\n' \
	"$(git -C "$REPO" rev-list --count HEAD)" "$(git -C "$REPO" rev-list --first-parent --count HEAD)" \
	"$(git -C "$REPO" tag | wc -l)" "$(git -C "$REPO" ls-tree HEAD radar/ | wc -l)" $(((t1 - t0) / 1000000))

one=$(git -C "$REPO" log --format= --name-only -- radar | sort | uniq -c | sort -rn | awk 'NR==1 {print $2}')
one_id=$(basename "$one" .yaml)

# median_ms CMD...: the median wall time of RUNS runs, in ms (output to /dev/null).
median_ms() {
	local i s e times=()
	for ((i = 0; i < RUNS; i++)); do
		s=${EPOCHREALTIME/[.,]/}
		"$@" >/dev/null 2>"$tmp/err" || { echo "bench/history: failed: $*" >&2; cat "$tmp/err" >&2; exit 1; }
		e=${EPOCHREALTIME/[.,]/}
		times+=($(((e - s))))
	done
	printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}
rss_kib() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }

cd "$REPO"
# Warm the caches once.
"$RADAR" history >/dev/null; git log --raw --no-renames -- radar >/dev/null
events=$("$RADAR" history --format json | grep -c '"kind"')
r_all=$(median_ms "$RADAR" history)
g_all=$(median_ms git log --raw --no-renames -- radar)
r_one=$(median_ms "$RADAR" history "$one_id")
g_one=$(median_ms git log --raw -- "$one")
m_all=$(rss_kib "$RADAR" history)
m_one=$(rss_kib "$RADAR" history "$one_id")
printf 'radar history (all, %s events)      %8s ms   git log --raw --no-renames -- radar  %8s ms   ratio %s (target <= 1.5)\n' \
	"$events" "$r_all" "$g_all" "$(awk -v a="$r_all" -v b="$g_all" 'BEGIN {printf "%.2f", a / b}')"
printf 'radar history %-20s  %8s ms   git log --raw -- %-19s %8s ms   ratio %s (target <= 1.5)\n' \
	"$one_id" "$r_one" "$one" "$g_one" "$(awk -v a="$r_one" -v b="$g_one" 'BEGIN {printf "%.2f", a / b}')"
printf 'peak RSS: history (all) %d KiB = %.1f MiB, history %s %d KiB = %.1f MiB (target <= 64 MiB)\n' \
	"$m_all" "$(awk -v k="$m_all" 'BEGIN {print k / 1024}')" "$one_id" "$m_one" "$(awk -v k="$m_one" 'BEGIN {print k / 1024}')"
