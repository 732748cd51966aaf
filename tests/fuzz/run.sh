#!/bin/bash
# tests/fuzz/run.sh: runs the libFuzzer targets that `make fuzz-build` made.
#
#   tests/fuzz/run.sh SECONDS [TARGET...]      (make fuzz FUZZ_SECONDS=N / make fuzz-smoke)
#
# For each target (default: every build-fuzz/fuzz_*): first every regression
# input under tests/regress/TARGET/ is run once (a crash there fails at once),
# then the fuzzer runs SECONDS seconds on a fresh corpus seeded, at run time,
# from examples/ and ../shared/corpus (the seeds are never committed; without
# ../shared only examples/ seeds it). FUZZ_JOBS targets run at a time (default
# 2). A crash, leak, timeout or out-of-memory leaves its input in
# build-fuzz/artifacts/TARGET/ and makes the script exit 1. The last line sums
# the executions: "fuzz: T targets, N executions, C crashes".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bindir=${FUZZ_BUILD:-$root/build-fuzz}
shared=$root/../shared/corpus
secs=${1:-60}
shift
jobs=${FUZZ_JOBS:-2}
case $secs in '' | *[!0-9]*) echo "run.sh: SECONDS must be a whole number" >&2; exit 2 ;; esac

if [ $# -gt 0 ]; then targets="$*"; else
	targets=$(cd "$bindir" 2>/dev/null && ls fuzz_* 2>/dev/null | LC_ALL=C sort)
fi
[ -n "$targets" ] || { echo "run.sh: no fuzz targets in $bindir (make fuzz-build)" >&2; exit 2; }
if [ ! -d "$shared" ]; then
	echo "fuzz: ../shared/corpus is absent: seeding from examples/ only"
	shared=
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/radar-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

ex=$root/examples/team-radar
# seed TARGET DIR: copy the target's seed files into DIR.
seed() {
	local t=$1 dir=$2 f n=0
	case $t in
	fuzz_config)
		cp "$ex/.radar.yml" "$dir/" 2>/dev/null
		for f in "$ex"/radar/*.yaml "$ex"/judgments/*.yaml; do cp "$f" "$dir/y$((n += 1))"; done ;;
	fuzz_entry | fuzz_ytcache) cp "$ex"/radar/*.yaml "$dir/" ;;
	fuzz_judgment) cp "$ex"/judgments/*.yaml "$dir/" ;;
	fuzz_adr_nygard | fuzz_adr_madr)
		# Nygard: no front matter, no MADR sections; MADR: the others.
		for f in "$ex"/docs/adr/*.md $( [ -n "$shared" ] && find "$shared/adr" -name '*.md' -size -64k); do
			if head -n 1 "$f" | grep -q '^---' || grep -qiE '^(## Context and Problem Statement|[*-] (Status|Deciders):)' "$f"; then
				[ "$t" = fuzz_adr_madr ] || continue
			else
				[ "$t" = fuzz_adr_nygard ] || continue
			fi
			cp "$f" "$dir/a$((n += 1)).md"
		done ;;
	fuzz_date)
		for f in 2026-04-06 2024-02-29 2026-13-01 2100-02-29 0001-01-01 9999-12-31 2026-1-01; do
			printf '%s' "$f" >"$dir/$f"
		done
		grep -hoE '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$ex"/judgments/*.yaml | sort -u | head -n 20 |
			while read -r f; do printf '%s' "$f" >"$dir/d$f"; done ;;
	fuzz_import)
		# one seed per format: the first byte picks the reader (see fuzz_import.c)
		if [ -n "$shared" ]; then
			for f in $(find "$shared/radar" -name '*.csv' -size -64k); do { printf '\000'; cat "$f"; } >"$dir/c$((n += 1))"; done
			for f in $(find "$shared/radar" -name 'radar.json' -size -64k); do { printf '\001'; cat "$f"; } >"$dir/b$((n += 1))"; done
			for f in $(find "$shared/radar/zalando__tech-radar" -name 'config.json' -size -64k | head -n 3); do { printf '\002'; cat "$f"; } >"$dir/z$((n += 1))"; done
			for f in $(find "$shared/radar/backstage__community-plugins" -name '*.json' -size -64k); do { printf '\003'; cat "$f"; } >"$dir/k$((n += 1))"; done
			for f in $(find "$shared/radar" -name '*.md' -size -16k | head -n 10); do { printf '\005'; cat "$f"; } >"$dir/m$((n += 1))"; done
		fi
		printf '\000name,ring,quadrant,isNew,description\nDeno,Assess,Platforms,TRUE,x\n' >"$dir/c0"
		printf '\004{"entries":[]}' >"$dir/j0" ;;
	fuzz_score)
		for f in 3 3.5 -2.50 4.000000 1e309 0.8 +1 .5 9223372036854.775807; do
			printf '%s' "$f" >"$dir/s$((n += 1))"
		done ;;
	esac
	# What once crashed seeds the corpus too.
	[ -d "$root/tests/regress/$t" ] && cp "$root/tests/regress/$t"/* "$dir/" 2>/dev/null
	return 0
}

# one TARGET: regression inputs, then SECONDS of fuzzing; the log in $work/TARGET.log.
one() {
	local t=$1 bin=$bindir/$1 corpus=$work/$1.corpus art=$root/build-fuzz/artifacts/$1 log=$work/$1.log
	mkdir -p "$corpus" "$art"
	: >"$log"
	if [ -d "$root/tests/regress/$t" ] && ls "$root/tests/regress/$t"/* >/dev/null 2>&1; then
		if ! "$bin" -timeout=10 -rss_limit_mb=2048 "$root/tests/regress/$t"/* >>"$log" 2>&1; then
			echo "REGRESSION" >>"$log"
			return 1
		fi
	fi
	seed "$t" "$corpus"
	[ "$secs" -gt 0 ] || return 0
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
		-print_final_stats=1 -artifact_prefix="$art/" "$corpus" >>"$log" 2>&1
}

status=0
total=0
crashes=0
report() {
	local t=$1 rc=$2 n
	n=$(awk -F: '/stat::number_of_executed_units/ { s += $NF } END { print s + 0 }' "$work/$t.log")
	total=$((total + n))
	if [ "$rc" = 0 ]; then
		printf 'ok %-18s %10d executions\n' "$t" "$n"
	else
		status=1
		crashes=$((crashes + 1))
		printf 'FAIL %-16s (exit %s; inputs in build-fuzz/artifacts/%s/)\n' "$t" "$rc" "$t"
		grep -E 'ERROR:|runtime error|SUMMARY|REGRESSION|Test unit written|==[0-9]+== ' "$work/$t.log" | head -n 20 | sed 's/^/    /'
	fi
}

set -- $targets
running=()
names=()
t0=$(date +%s)
while [ $# -gt 0 ] || [ ${#running[@]} -gt 0 ]; do
	while [ $# -gt 0 ] && [ ${#running[@]} -lt "$jobs" ]; do
		[ -x "$bindir/$1" ] || { echo "run.sh: no target $bindir/$1" >&2; exit 2; }
		one "$1" &
		running+=($!)
		names+=("$1")
		shift
	done
	# Results in the order the targets started: wait for the oldest.
	wait "${running[0]}"
	report "${names[0]}" $?
	running=("${running[@]:1}")
	names=("${names[@]:1}")
done
echo "fuzz: $(echo $targets | wc -w) targets, $total executions, $crashes crashed, $(($(date +%s) - t0))s"
exit $status
