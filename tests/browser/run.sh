#!/bin/sh
# tests/browser/run.sh: `radar publish` checked in a real browser (Debian's chromium,
# headless, driven through the DevTools protocol by check-site.js; Node only).
#
#   RADAR=/abs/radar [SHOTS=DIR] sh tests/browser/run.sh
#
# Makes the bundled example radar a Git repository, adds an entry and an ADR
# whose text tries to inject script (<script>, onerror=, javascript: links),
# publishes it and runs check-site.js on the site. Screenshots go to SHOTS
# (default: build/browser-shots). Needs chromium and nodejs (.ci/install-deps).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
RADAR=${RADAR:-$root/build/radar}
SHOTS=${SHOTS:-$root/build/browser-shots}
case $SHOTS in /*) ;; *) SHOTS=$(pwd)/$SHOTS ;; esac
command -v node >/dev/null 2>&1 || { echo "browser-test: node is needed (apt-get install nodejs)" >&2; exit 2; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "browser-test: chromium is needed (apt-get install chromium)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/radar-browser.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home GIT_CONFIG_NOSYSTEM=1 RADAR_TODAY=2026-11-29 LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1
mkdir -p "$HOME"
git config --global user.name "Browser Test"
git config --global user.email browser@example.org
git config --global init.defaultBranch main
bash "$root/examples/make-demo-repo.sh" "$tmp/repo" >/dev/null 2>&1
cd "$tmp/repo"

# Data that tries to run script in the page: every field must show as text.
cat > radar/evil.yaml <<'EOF'
name: "<script>window.__pwned='name'</script>Evil & Co"
quadrant: tools
ring: assess
description: "<img src=x onerror=\"window.__pwned='description'\"> <b>bold?</b>"
tags: ["<svg onload=window.__pwned='tag'>", xss]
links: ["javascript:window.__pwned='link'", "https://example.org/?a=1&b=<2>"]
adrs: [10]
scores:
  - {date: 2026-10-01, by: "<i>mallory</i>", maturity: 3, ecosystem: 3, migration: 3, maintenance: 3, note: "</td><script>window.__pwned='note'</script>"}
EOF
cat > docs/adr/0010-evil-script-title.md <<'EOF'
# 10. <script>window.__pwned='title'</script> Evil title

Date: 2026-10-02

## Status

Accepted

Supersedes [6. Keep Mojo in assess](0006-keep-mojo-in-assess.md)

## Context

<script>window.__pwned='body'</script>

<img src=x onerror="window.__pwned='img'">

A <span onmouseover="window.__pwned='inline'">span</span> inline.
[click me](javascript:window.__pwned='link') and ![pic](x.png) and [gone](missing.md)

| a | b |
|---|---|
| ~~old~~ | www.example.org |

## Decision

We test escaping.

## Consequences

None.
EOF
git add -A && git commit -q -m "evil data"

"$RADAR" publish -o "$tmp/site" >/dev/null
"$RADAR" list --format json > "$tmp/list.json"
node "$here/check-site.js" "$tmp/site" "$tmp/list.json" "$SHOTS"
echo "screenshots: $SHOTS"
