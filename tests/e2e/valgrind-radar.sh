#!/bin/sh
# tests/e2e/valgrind-radar.sh: radar under valgrind, for `make check-valgrind`
# (RADAR points here; RADAR_REAL at the binary). Called as `adr` (through a
# symlink, as the adr tests do) it runs the binary's `adr` name beside it.
# Each run's report goes to $VALGRIND_LOGS/vg.PID (stderr stays the program's,
# so the tests' assertions hold); any memory error or definite leak makes the
# command exit 99, and `make check-valgrind` lists the reports at the end.
#
# radar-draw: radar hands render, layout, review and publish to radar-draw
# (beside it) with execv. --trace-children=yes follows that exec, so
# radar-draw runs under valgrind as well: the same options, its report
# appended to the same vg.PID (an exec keeps the pid; the report is written
# through fd 9, opened here for appending, because --log-file would truncate
# the file at the exec). The only other program radar starts is /bin/sh (the
# editor of `adr new`, a `judge --review` command); --trace-children-skip
# leaves every system program, and what it starts in turn, to run natively:
# none of that is radar's code.
#
# Fast, and only what counts: memory errors and definite leaks. Still-reachable
# blocks (fontconfig's and pango's caches) are neither listed nor counted;
# valgrind.supp holds the few definite leaks inside third-party libraries.
real=${RADAR_REAL:?RADAR_REAL must name the radar binary}
case ${0##*/} in
adr*) real=$(dirname "$real")/adr ;;
esac
# This folder, for valgrind.supp: $0 may be an `adr` symlink elsewhere.
here=$(dirname "$(readlink -f "$0")")
logs=${VALGRIND_LOGS:-${TMPDIR:-/tmp}}
exec 9>>"$logs/vg.$$"
exec valgrind --log-fd=9 --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \
	--suppressions="$here/valgrind.supp" \
	--child-silent-after-fork=yes --num-callers=30 \
	--trace-children=yes --trace-children-skip='/bin/*,/usr/*,/sbin/*' \
	"$real" "$@"
