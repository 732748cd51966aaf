# SIGKILL at random moments (issue 9): `radar rate` and `adr new` killed 120
# times each (240 kills) after a random delay of 0-12 ms. After every kill:
# the entry file is either the old text or the new one (never half), it still
# parses, and the repository is consistent (git fsck). A lock a killed writer
# leaves (index.lock, a ref's .lock) is git's: the next write refuses with a
# clear message, and is removed here as a user would after reading it.
. "$E2E_DIR/lib.sh"

make_demo demo
W=$E2E_WORK
# Under `make check-valgrind` (E2E_VALGRIND=1) the killed commands run natively
# ($RADAR_REAL): valgrind's start-up alone outlasts the 12 ms, so every kill
# would land before radar ran a line. The checks between the kills (radar
# check, the writes refused by a stale lock) still run under valgrind.
KILLED=$RADAR
[ "${E2E_VALGRIND:-0}" = 1 ] && [ -n "${RADAR_REAL:-}" ] && KILLED=$RADAR_REAL
cd demo || exit 1
kills=0 landed=0 stale=0
# clear_stale: a stale lock refuses the next write with a message naming it.
clear_stale() {
	local l
	for l in .git/index.lock .git/refs/heads/main.lock .git/HEAD.lock; do
		[ -e "$l" ] || continue
		stale=$((stale + 1))
		radar rate mojo --maturity 3 --by probe
		[ "$RC" != 0 ] || fail "a write went through a stale $l"
		# A ref lock held for long is stale: refused, naming it, as git does.
		case $l in
		*/main.lock | */index.lock) expect_err_contains "$l" ;;
		*) expect_err_contains "lock" ;;
		esac
		git checkout -q -- radar/mojo.yaml 2>/dev/null
		rm -f "$l"
	done
}
# kill_after CMD...: start CMD, SIGKILL it after 0-12 ms (a write takes ~15 ms or more).
kill_after() {
	"$@" >/dev/null 2>"$W/kill.err" </dev/null &
	local pid=$!
	sleep "0.0$(printf '%02d' $((RANDOM % 13)))"
	kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1))
	wait "$pid" 2>/dev/null
	[ $? = 0 ] && landed=$((landed + 1))
	kills=$((kills + 0))
}

for i in $(seq 1 120); do
	old=$(cat radar/mojo.yaml)
	kill_after "$KILLED" rate mojo --maturity 4 --by "killed$i" --note "kill $i"
	new=$(cat radar/mojo.yaml)
	if [ "$new" != "$old" ]; then
		# the new text: the old one with exactly the one new block appended
		case $new in
		"$old"*"by: killed$i"*"kill $i"*) ;;
		*) fail "radar/mojo.yaml is neither old nor new after kill $i" ;;
		esac
	fi
	if [ $((i % 20)) = 0 ]; then
		git fsck --no-progress >/dev/null 2>"$W/fsck" || fail "git fsck after kill $i: $(head -n 3 "$W/fsck")"
		radar check
		expect_rc 0 "check after kill $i"
	fi
	clear_stale
	ls radar | grep -q '^\.' && rm -f radar/.*.tmp* # a killed write's temp file; never read
done

cd docs/adr || exit 1
for i in $(seq 1 120); do
	before=$(ls | sort)
	kill_after env VISUAL= EDITOR= ADR_DATE=2026-11-29 "$KILLED" adr new "Killed $i"
	for f in $(ls | sort | comm -13 <(echo "$before") -); do
		case $f in
		.*) rm -f "$f"; continue ;; # a temp file
		esac
		# a new record is complete: its heading and its status. The
		# number is claimed by linking a whole temp file to the final
		# name (cmd-adr-new.c), so a kill never leaves an empty record.
		if [ ! -s "$f" ]; then
			fail "$f is empty after kill $i"
			rm -f "$f"
			continue
		fi
		grep -q "^# [0-9]*\. Killed $i\$" "$f" && grep -q '^## Status' "$f" ||
			fail "$f is not a whole record after kill $i: $(head -c 200 "$f" | tr '\n' '|')"
	done
	if [ $((i % 20)) = 0 ]; then
		git fsck --no-progress >/dev/null 2>"$W/fsck" || fail "git fsck after adr kill $i: $(head -n 3 "$W/fsck")"
	fi
	(cd ../.. && clear_stale)
done
cd ../..
git fsck --no-progress --strict >/dev/null 2>"$W/fsck" || fail "git fsck at the end: $(head -n 3 "$W/fsck")"
# Every committed record is whole, and the numbers are unique.
dups=$(ls docs/adr | grep -oE '^[0-9]+' | sort | uniq -d | head -n 3)
expect_eq "$dups" "" "duplicate ADR numbers after the kills"
radar check
expect_rc 0 "check after the kills"
expect_err_not_contains "YAML"
note "$kills kills, $landed commands finished first, $stale stale locks cleared"
[ "$kills" -ge 200 ] || fail "only $kills kills landed (want at least 200)"
