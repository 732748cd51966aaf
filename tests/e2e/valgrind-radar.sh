#!/bin/sh
# tests/e2e/valgrind-radar.sh: radar under valgrind, for `make check-valgrind`
# (RADAR points here; RADAR_REAL at the binary). Called as `adr` (through a
# symlink, as the adr tests do) it runs the binary's `adr` name beside it.
# Each run's report goes to $VALGRIND_LOGS/vg.PID (stderr stays the program's,
# so the tests' assertions hold); any memory error or definite leak makes the
# command exit 99, and `make check-valgrind` lists the reports at the end.
real=${RADAR_REAL:?RADAR_REAL must name the radar binary}
case ${0##*/} in
adr*) real=$(dirname "$real")/adr ;;
esac
logs=${VALGRIND_LOGS:-${TMPDIR:-/tmp}}
exec valgrind --quiet --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \
	--child-silent-after-fork=yes --trace-children=no --num-callers=30 \
	--log-file="$logs/vg.%p" "$real" "$@"
