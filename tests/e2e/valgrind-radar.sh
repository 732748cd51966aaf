#!/bin/sh
# tests/e2e/valgrind-radar.sh: radar under valgrind, for `make check-valgrind`
# (RADAR points here; RADAR_REAL at the binary). Called as `adr` (through a
# symlink, as the adr tests do) it runs the binary's `adr` name beside it.
# Each run's report goes to $VALGRIND_LOGS/vg.PID.N (stderr stays the program's,
# so the tests' assertions hold); any memory error or definite leak makes the
# command exit 99, and `make check-valgrind` lists the reports at the end.
#
# radar hands render, layout, review and publish to radar-draw (beside it) by
# execv; --trace-children=yes follows that exec, so radar-draw runs under
# valgrind too, with its own report (the %n in the log name: an exec keeps the
# pid). The only other programs radar starts are /bin/sh (the editor, a judge
# --review command); --trace-children-skip leaves every system program (and
# whatever it starts) to run natively: what they do is not radar's code.
#
# Only what counts is collected, to keep it fast: errors and definite leaks;
# still-reachable blocks (fontconfig's and pango's caches) are not listed, so
# no suppressions file is needed.
real=${RADAR_REAL:?RADAR_REAL must name the radar binary}
case ${0##*/} in
adr*) real=$(dirname "$real")/adr ;;
esac
logs=${VALGRIND_LOGS:-${TMPDIR:-/tmp}}
exec valgrind --quiet --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \
	--child-silent-after-fork=yes --num-callers=30 \
	--trace-children=yes --trace-children-skip='/bin/*,/usr/*,/sbin/*' \
	--log-file="$logs/vg.%p.%n" "$real" "$@"
