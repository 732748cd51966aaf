#!/bin/sh
# tests/e2e/run.sh: the end-to-end suite. Runs the real binary against real Git
# repositories made in temporary directories.
#
#   RADAR=/abs/path/to/radar sh tests/e2e/run.sh [t-NAME ...]
#
# Each tests/e2e/t-*.sh runs with bash in its own fresh temporary directory
# (removed afterwards), with HOME set to a temporary directory whose global Git
# configuration holds only a fixed identity, GIT_CONFIG_NOSYSTEM=1, NO_COLOR=1,
# RADAR_TODAY=2026-11-29 and LC_ALL=C. One line per test ("ok t-foo", or
# "FAIL t-foo" followed by the failed assertions), then "N passed, N failed".
# Exit status 1 if any test failed.
#
# E2E_KNOWN_BUGS=1 also runs the assertions that show known bugs (see lib.sh).
# E2E_KEEP=1 keeps the temporary directories of failed tests.
# E2E_VERBOSE=1 prints every test's log (and time), passed or not.
# E2E_JOBS=N runs N tests at a time (default: the number of CPUs, at most 4).

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

case ${RADAR:-} in
'') RADAR=$root/build/radar ;;
/*) ;;
*) RADAR=$(pwd)/$RADAR ;;
esac
if [ ! -x "$RADAR" ]; then
	echo "run.sh: no executable radar at '$RADAR' (set RADAR=/abs/path/radar)" >&2
	exit 2
fi
for tool in git bash grep sed awk wc cmp mktemp timeout; do
	command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: '$tool' is needed" >&2; exit 2; }
done

# Nothing from the caller's Git or radar environment leaks in.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
	GIT_CEILING_DIRECTORIES GIT_TEMPLATE_DIR GIT_NAMESPACE GIT_CONFIG GIT_CONFIG_GLOBAL \
	GIT_CONFIG_PARAMETERS GIT_CONFIG_COUNT GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_AUTHOR_DATE \
	GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_COMMITTER_DATE EMAIL VISUAL EDITOR ADR_DATE \
	ADR_TEMPLATE TERM CLICOLOR CLICOLOR_FORCE
export GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1 RADAR_TODAY=2026-11-29 LC_ALL=C TZ=UTC
export RADAR E2E_DIR="$here" E2E_ROOT="$root"
# Sanitizer reports must not hide behind the exit statuses the tests expect (1, 2).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86:abort_on_error=0"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=87:print_stacktrace=1"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}exitcode=88"
# Leaks inside third-party libraries (fontconfig's caches, say) may be listed, one
# `leak:PATTERN` a line, in tests/e2e/lsan.supp; radar's own leaks must not be.
if [ -f "$here/lsan.supp" ]; then
	LSAN_OPTIONS="$LSAN_OPTIONS:suppressions=$here/lsan.supp:print_suppressions=0"
fi

suite=$(mktemp -d "${TMPDIR:-/tmp}/radar-e2e.XXXXXX") || exit 2
trap 'rm -rf "$suite"' EXIT
# On an interrupt, stop the tests still running: the subshells this script
# started (by their ids) and the timeout(1) each one runs, which passes the
# signal on to its test.
stop_tests() {
	for p in $(awk '{ print $3 }' "$suite/running" 2>/dev/null); do
		command -v pkill >/dev/null 2>&1 && pkill -TERM -P "$p" 2>/dev/null
		kill "$p" 2>/dev/null
	done
	sleep 1
}
trap 'stop_tests; rm -rf "$suite" 2>/dev/null || { sleep 1; rm -rf "$suite"; }; exit 130' HUP INT PIPE TERM

# The bundled example as a repository, made once and copied by the tests that
# only read or write it (t-example builds its own with the script).
if [ -f "$root/examples/make-demo-repo.sh" ]; then
	(
		export HOME="$suite/demo-home"
		mkdir -p "$HOME"
		bash "$root/examples/make-demo-repo.sh" "$suite/demo" >/dev/null 2>"$suite/demo.err"
	) && export E2E_DEMO_CACHE="$suite/demo"
fi

if [ $# -gt 0 ]; then
	tests=
	for t in "$@"; do
		t=${t##*/}
		t=${t%.sh}
		[ -f "$here/$t.sh" ] || { echo "run.sh: no test $t" >&2; exit 2; }
		tests="$tests $here/$t.sh"
	done
else
	tests=$(ls "$here"/t-*.sh 2>/dev/null | LC_ALL=C sort)
fi

# Tests run E2E_JOBS at a time (default: the number of CPUs, at most 4); the
# results are printed in the order of the tests, each when it and every test
# before it have finished.
jobs=${E2E_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
case $jobs in '' | *[!0-9]* | 0) jobs=2 ;; esac
[ "$jobs" -gt 4 ] && [ -z "${E2E_JOBS:-}" ] && jobs=4

# start T: make the test's directories and run it in the background.
start_test() {
	name=$(basename "$1" .sh)
	dir=$(mktemp -d "$suite/$name.XXXXXX") || exit 2
	mkdir -p "$dir/home/.config" "$dir/work"
	for kv in "user.name=E2E Tester" "user.email=e2e@example.org" "init.defaultBranch=main"; do
		HOME=$dir/home XDG_CONFIG_HOME=$dir/home/.config \
			git config --global "${kv%%=*}" "${kv#*=}"
	done
	(
		t0=$(date +%s)
		cd "$dir/work" &&
			HOME=$dir/home XDG_CONFIG_HOME=$dir/home/.config TMPDIR=$dir \
				timeout -k 5 "${E2E_TEST_TIMEOUT:-120}" bash "$1" >"$dir/log" 2>&1 </dev/null
		rc=$?
		[ -d "$dir" ] || exit 0 # interrupted: the suite is gone
		echo "$rc" >"$dir/rc"
		echo $(($(date +%s) - t0)) >"$dir/secs"
	) &
	echo "$name $dir $!" >>"$suite/running"
}

# finish_first: wait for the oldest running test, print its result, clean up.
finish_first() {
	read -r name dir pid <"$suite/running"
	tail -n +2 "$suite/running" >"$suite/running.next" && mv "$suite/running.next" "$suite/running"
	wait "$pid"
	rc=$(cat "$dir/rc" 2>/dev/null || echo 99)
	secs=$(cat "$dir/secs" 2>/dev/null || echo '?')
	if [ "$rc" = 0 ]; then
		passed=$((passed + 1))
		echo "ok $name"
		if [ "${E2E_VERBOSE:-0}" = 1 ]; then
			echo "    (${secs}s)"
			sed 's/^/    /' "$dir/log"
		fi
	else
		failed=$((failed + 1))
		[ "$rc" = 124 ] && echo "(the test timed out after ${E2E_TEST_TIMEOUT:-120} s)" >>"$dir/log"
		echo "FAIL $name"
		echo "    (exit status $rc after ${secs}s)"
		sed 's/^/    /' "$dir/log"
		if [ "${E2E_KEEP:-0}" = 1 ]; then
			keep=$(mktemp -d "${TMPDIR:-/tmp}/radar-e2e-$name.XXXXXX")
			cp -R "$dir/." "$keep/" && echo "    (kept in $keep)"
		fi
	fi
	rm -rf "$dir"
}

passed=0
failed=0
running=0
: >"$suite/running"
start=$(date +%s)
for t in $tests; do
	if [ "$running" -ge "$jobs" ]; then
		finish_first
		running=$((running - 1))
	fi
	start_test "$t"
	running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
	finish_first
	running=$((running - 1))
done
end=$(date +%s)
echo "# $((end - start))s with $jobs jobs, radar: $RADAR" >&2
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
