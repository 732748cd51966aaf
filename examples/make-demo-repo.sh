#!/usr/bin/env bash
# make-demo-repo.sh DEST
#
# Turn the bundled example radar (examples/team-radar) into a real Git repository at
# DEST, with a history that builds it up edition by edition:
#
#   2025-06-02  alice  start the repository: .radar.yml, .adr-dir, ADR 1
#   2025-12-08  alice  2025-Q4 edition (tag 2025-Q4)  first 26 entries, ADRs 2-5
#   2026-03-16  bob    2026-Q1 edition (tag 2026-Q1)  otel.yaml renamed, 3 new entries
#   2026-06-15  carol  2026-Q2 edition (tag 2026-Q2)  pipenv removed, uv to adopt, kafka out
#   2026-09-14  dan    2026-Q3 edition (tag 2026-Q3)  duckdb to trial, contract testing new
#   2026-09-21 .. 2026-10-13  work toward 2026-Q4 on main, plus a branch
#                      `rescore-2026-10` merged back; the last commit is exactly
#                      examples/team-radar (should team-radar gain files the steps
#                      below do not know about, one extra commit brings it level).
#
# The earlier editions are described by examples/history/<step>/FILES (every path in
# that commit) and, for files that differed then, an older copy under
# examples/history/<step>/<path>; every other file is taken from team-radar.
#
# DEST must not exist or must be an empty directory. Authors, dates and messages are
# fixed, so every run produces the same commit and tag ids. No Git configuration
# outside DEST is read or written.
set -euo pipefail

prog=${0##*/}
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 1; }

if [ $# -ne 1 ] || [ -z "$1" ] || [ "$1" = -h ] || [ "$1" = --help ]; then
    printf 'usage: %s DEST\n' "$prog" >&2
    exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
src=$here/team-radar
hist=$here/history
[ -f "$src/.radar.yml" ] || die "cannot find the example radar in $src"

dest=$1
if [ -e "$dest" ] || [ -L "$dest" ]; then
    [ -d "$dest" ] || die "$dest exists and is not a directory"
    [ -z "$(ls -A "$dest")" ] || die "$dest is not empty"
else
    mkdir -p "$dest"
fi
dest=$(cd "$dest" && pwd)

# Only DEST's own configuration counts: no system or global settings (signing,
# hooks, templates, autocrlf) can change the result, and nothing outside is written.
export GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL=/dev/null
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
      GIT_CEILING_DIRECTORIES GIT_TEMPLATE_DIR GIT_NAMESPACE
export LC_ALL=C

g() { git -C "$dest" "$@"; }

# as WHO DATE: author and committer for what follows
as() {
    export GIT_AUTHOR_NAME=$1 GIT_AUTHOR_EMAIL=$1@example.org GIT_AUTHOR_DATE=$2
    export GIT_COMMITTER_NAME=$1 GIT_COMMITTER_EMAIL=$1@example.org GIT_COMMITTER_DATE=$2
}

# snapshot STEP: make the work tree exactly the files of that step
snapshot() {
    local list=$hist/$1/FILES path from
    [ -f "$list" ] || die "missing $list"
    find "$dest" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
    while IFS= read -r path || [ -n "$path" ]; do
        [ -n "$path" ] || continue
        if [ -f "$hist/$1/$path" ]; then from=$hist/$1/$path; else from=$src/$path; fi
        [ -f "$from" ] || die "step $1: no file for $path"
        mkdir -p "$dest/$(dirname "$path")"
        cp "$from" "$dest/$path"
    done < "$list"
}

# take PATH...: copy these files from the final radar into the work tree
take() {
    local path
    for path in "$@"; do
        [ -f "$src/$path" ] || die "no $src/$path"
        mkdir -p "$dest/$(dirname "$path")"
        cp "$src/$path" "$dest/$path"
    done
}

# commit WHO DATE SUBJECT [BODY]
commit() {
    as "$1" "$2"
    g add -A
    if [ $# -ge 4 ]; then
        g commit -q -m "$3" -m "$4"
    else
        g commit -q -m "$3"
    fi
}

# release EDITION WHO DATE: annotated tag on HEAD
release() {
    as "$2" "$3"
    g tag -a "$1" -m "Platform Team Technology Radar, $1 edition"
}

g init -q -b main

snapshot 2025-06-init
commit alice 2025-06-02T09:30:00+02:00 "Start the radar repository" \
"Configuration with the default quadrants, rings and scorecard, and ADR 1:
we record architecture decisions from now on."

snapshot 2025-Q4
commit alice 2025-12-08T16:00:00+01:00 "2025-Q4 edition" \
"The first edition: 26 technologies scored by alice, bob, carol and dan,
ADRs 2 to 5 (FastAPI, Ruff, Poetry, PyO3) and the judgments made so far."
release 2025-Q4 alice 2025-12-08T16:05:00+01:00

snapshot 2026-Q1
commit bob 2026-03-16T16:00:00+01:00 "2026-Q1 edition" \
"New: Mojo (ADR 6 keeps it in assess), DuckDB, Polars.
Moved: Ruff, PyO3, retrieval-augmented generation and AI code assistants
one ring in; Poetry to hold now that ADR 7 (uv) supersedes ADR 4.
radar/otel.yaml renamed to radar/opentelemetry.yaml."
release 2026-Q1 bob 2026-03-16T16:05:00+01:00

snapshot 2026-Q2
commit carol 2026-06-15T16:00:00+02:00 "2026-Q2 edition" \
"New: free-threaded CPython (ADR 8), Ray, LLM evaluation harnesses.
Moved: uv to adopt; property-based testing and OpenTelemetry (ADR 9)
to trial; Kafka out to trial. Removed: Pipenv, no longer used."
release 2026-Q2 carol 2026-06-15T16:05:00+02:00

snapshot 2026-Q3
commit dan 2026-09-14T16:00:00+02:00 "2026-Q3 edition" \
"New: consumer-driven contract testing (placed by its scores).
Moved: DuckDB to trial. LangChain rescored lower but kept in trial."
release 2026-Q3 dan 2026-09-14T16:05:00+02:00

# Toward 2026-Q4: two commits on main, a rescoring branch merged back, one more.
take judgments/2026-09-21-polars.yaml
commit alice 2026-09-21T11:20:00+02:00 "Judge Polars as the default DataFrame library"

take radar/vllm.yaml
commit dan 2026-10-06T14:45:00+02:00 "Add vLLM to assess"

g checkout -q -b rescore-2026-10 2026-Q3
take radar/langchain.yaml radar/mojo.yaml radar/free-threaded-cpython.yaml
commit bob 2026-10-08T10:15:00+02:00 "Rescore LangChain, Mojo and free-threaded CPython" \
"October scores ahead of the 2026-Q4 review. LangChain now scores as hold
while still declared trial."

g checkout -q main
as bob 2026-10-12T09:00:00+02:00
g merge -q --no-ff -m "Merge branch 'rescore-2026-10'" rescore-2026-10

take judgments/2026-10-12-langchain.yaml
commit bob 2026-10-13T17:30:00+02:00 "Judge LangChain: no new services on it"

# The last commit must be exactly the example radar. If team-radar has been edited
# beyond what the steps above know about, one more commit brings it level.
find "$dest" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
cp -R "$src/." "$dest/"
if [ -n "$(g status --porcelain)" ]; then
    printf '%s: note: examples/team-radar has changes the scripted history does not know; committing them last\n' "$prog" >&2
    commit carol 2026-10-20T12:00:00+02:00 "Further edits toward the 2026-Q4 edition"
fi
if ! diff -r -x .git "$src" "$dest" >/dev/null; then
    die "the history does not end at $src (diff -r -x .git $src $dest)"
fi
[ -z "$(g status --porcelain)" ] || die "work tree of $dest is not clean"

printf '%s\n' "$dest"
