# radar publish: the static site's files, escaping, links, markers, and the
# atomic write (never half a site, never someone else's folder replaced).
# The same site in a real browser: tests/browser/run.sh (make browser-test).
. "$E2E_DIR/lib.sh"

make_demo demo
cat > demo/radar/evil.yaml <<'EOF'
name: "<script>alert(1)</script>Evil & Co"
quadrant: tools
ring: assess
description: "<img src=x onerror=alert(2)>"
links: ["javascript:alert(3)", "https://example.org/a?b=1&c=2"]
adrs: [10]
EOF
cat > demo/docs/adr/0010-evil.md <<'EOF'
# 10. <script>alert(4)</script> Evil

Date: 2026-10-02

## Status

Accepted

Supersedes [6. Keep Mojo in assess](0006-keep-mojo-in-assess.md)

## Context

<script>alert(5)</script>

[x](javascript:alert(6)) | ~~gone~~ | www.example.org
EOF
git -C demo add -A && git -C demo commit -q -m evil
state_save demo demo

radar -C demo publish -o "$PWD/site"
expect_rc 0
expect_out_match '^wrote .*/site \([0-9]+ files: index, 34 entry pages, 10 ADR pages, accuracy\)$'
expect_state_unchanged demo demo
for f in index.html site.css site.js accuracy.html adr/index.html adr/0010-evil.html \
	adr/0006-keep-mojo-in-assess.html entries/kubernetes.html entries/evil.html .radar-site; do
	expect_file "site/$f"
done
# one blip link per placed entry, each to an existing page
radar -C demo list --format json
placed=$(grep -c '"ring": "' "$OUT")
blips=$(grep -o 'class="blip"' site/index.html | wc -l | tr -d ' ')
expect_eq "$blips" "$placed" "blips on the index"
# every relative link and asset of every page resolves to a file
broken=0
for page in $(cd site && find . -name '*.html' | sed 's|^\./||'); do
	dir=$(dirname "$page")
	for href in $(grep -o -E '(href|src)="[^"]*"' "site/$page" | sed -E 's/^(href|src)="//; s/"$//' |
		grep -v -E '^(https?:|mailto:|data:|#|$)' | sed 's/#.*//'); do
		[ -f "site/$dir/$href" ] || { broken=$((broken + 1)); note "broken: $page -> $href"; }
	done
done
expect_eq "$broken" 0 "broken internal links"
# user strings are text, never markup
expect_file_not_contains site/entries/evil.html "<script>alert"
expect_file_contains site/entries/evil.html "&lt;script&gt;alert(1)&lt;/script&gt;Evil &amp; Co"
expect_file_not_contains site/entries/evil.html "<img src=x"
expect_file_not_contains site/entries/evil.html 'href="javascript:'
expect_file_contains site/entries/evil.html 'href="https://example.org/a?b=1&amp;c=2"'
expect_file_not_contains site/index.html "<script>alert"
expect_file_not_contains site/adr/0010-evil.html "<script>alert"
expect_file_not_contains site/adr/0010-evil.html 'javascript:'
expect_file_contains site/adr/0010-evil.html "raw HTML omitted"
# cmark-gfm extensions: strikethrough, autolink; .md links go to the ADR pages
expect_file_contains site/adr/0010-evil.html "<del>gone</del>"
expect_file_contains site/adr/0010-evil.html 'href="http://www.example.org"'
expect_file_contains site/adr/0010-evil.html 'href="0006-keep-mojo-in-assess.html"'
# supersede links both ways: 6 says nothing of 10, its page still shows it
expect_file_contains site/adr/0006-keep-mojo-in-assess.html 'Superseded by <a href="0010-evil.html">'
# markers since the last edition, and the entry's ring history from Git
expect_file_contains site/index.html "Since 2026-Q3:"
expect_file_contains site/entries/evil.html '<span class="mark new">new</span>'
expect_file_contains site/entries/kubernetes.html "<h2>Ring history</h2>"
expect_file_contains site/entries/kubernetes.html "<td>added</td>"
expect_file_contains site/accuracy.html "Judgment accuracy"
# no network at view time: nothing loads from elsewhere
expect_eq "$(grep -l -E '(src|href)="(https?:)?//' site/index.html site/adr/index.html site/accuracy.html | wc -l | tr -d ' ')" 0 "pages loading remote assets"

# --format json
radar -C demo --format json publish -o "$PWD/site"
expect_rc 0
expect_json '$.entries' 34
expect_json '$.adrs' 10

# Replacing: an earlier site is replaced whole (stale files go)
echo stale > site/entries/stale.html
radar -C demo publish -o site
expect_rc 0
expect_no_file site/entries/stale.html
expect_file site/index.html
# ... but a folder that is not a site is refused and left alone
mkdir precious && echo keep > precious/notes.txt
radar -C demo publish -o precious
expect_rc 1
expect_err_contains "not a site radar wrote"
expect_file precious/notes.txt
expect_no_file precious/index.html
# an empty folder is fine; a file is refused
mkdir empty
radar -C demo publish -o empty
expect_rc 0
expect_file empty/index.html
echo x > afile
radar -C demo publish -o afile
expect_rc 1
expect_err_contains "not a folder"
# a radar with errors writes nothing, and the old site stays as it was
cp -R site site.before
echo "name: [broken" > demo/radar/broken.yaml
radar -C demo publish -o site
expect_rc 1
expect_err_contains "not writing"
run diff -r site site.before
expect_rc 0 "the old site is untouched"
rm demo/radar/broken.yaml
# no temporary folders left beside the site
expect_eq "$(ls -d site.tmp-* 2>/dev/null | wc -l | tr -d ' ')" 0 "temp folders left"
# usage errors
radar -C demo publish
expect_rc 2
expect_err_contains "give -o DIR"
radar -C demo publish -o x --as-of nope
expect_rc 2

# outside Git: no history, still a site
mkdir plain && cp -R demo/radar demo/docs demo/judgments plain/ 2>/dev/null
cp demo/.radar.yml plain/ 2>/dev/null
radar -C plain publish -o "$PWD/plain-site"
expect_rc 0
expect_file_contains plain-site/entries/kubernetes.html "Not in a Git repository"
