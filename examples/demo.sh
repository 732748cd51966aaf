#!/bin/sh
# make demo: turns examples/team-radar into a Git repository with quarterly
# editions, then runs the commands a team runs first.
set -eu
radar=$1
here=$(cd "$(dirname "$0")" && pwd)
base=${DEMO_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/radar-demo.XXXXXX")}
dest=$base/team-radar
bash "$here/make-demo-repo.sh" "$dest" >/dev/null
run() {
	printf '\n$ radar %s\n' "$*"
	"$radar" -C "$dest" "$@"
}
printf 'Demo repository: %s (%s commits, tags: %s)\n' "$dest" \
	"$(git -C "$dest" rev-list --count HEAD)" "$(git -C "$dest" tag | tr '\n' ' ')"
run score mojo
run score pyo3
run list
run --rev 2025-Q4 list --quadrant tools
run check
run due
run accuracy
run review -o "$base/review"
run render -o "$base/radar.png" --since 2026-Q2
run render -o "$base/radar.svg" --since 2026-Q2 --theme dark
printf '\nThe radar, drawn: %s/radar.png and %s/radar.svg\n' "$base" "$base"
printf '\nThe repository stays at %s; try:\n  %s -C %s show langchain\n' "$dest" "$radar" "$dest"
