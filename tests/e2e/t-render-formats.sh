# radar render: every preset, theme and format, checked by independent validators
# (pngcheck, xmllint, pdfinfo, pdftotext); byte-identical output run after run.
. "$E2E_DIR/lib.sh"

for tool in pngcheck xmllint pdfinfo pdftotext; do
	command -v $tool >/dev/null 2>&1 || { fail "$tool is needed (.ci/install-deps installs it)"; exit 1; }
done
make_demo demo
state_save demo demo

for preset in slide-16x9 slide-4x3 a4; do
	for theme in light dark; do
		for ext in png svg pdf; do
			f=$PWD/out-$preset-$theme.$ext
			radar -C demo render -o "$f" --preset $preset --theme $theme --since 2026-Q1
			expect_rc 0 "render $preset $theme $ext"
			expect_out_contains "wrote $f"
			expect_file "$f"
			case $ext in
			png) run pngcheck -q "$f"; expect_rc 0 "pngcheck $f"
			     case $preset in
			     slide-16x9) dims="1920 x 1080" ;; slide-4x3) dims="1600 x 1200" ;; a4) dims="3508 x 2480" ;;
			     esac
			     run pngcheck -v "$f"; expect_out_contains "$dims" ;;
			svg) run xmllint --noout "$f"; expect_rc 0 "xmllint $f"; expect_err_empty
			     expect_file_contains "$f" "<title>Platform Team Technology Radar"
			     expect_file_contains "$f" "Kubernetes" ;;
			pdf) run pdfinfo "$f"; expect_rc 0 "pdfinfo $f"
			     [ $preset = a4 ] && expect_out_match '^Page size: +84[12]\.[0-9]* x 595\.[0-9]* pts \(A4\)'
			     run pdftotext "$f" -; expect_rc 0
			     expect_out_contains "Kubernetes"
			     expect_out_contains "Platform Team Technology Radar" ;;
			esac
		done
	done
done

# the same bytes run after run (SVG and PNG)
radar -C demo render -o again.svg --preset slide-16x9 --theme light --since 2026-Q1
expect_same_file again.svg out-slide-16x9-light.svg
radar -C demo render -o again.png --preset slide-16x9 --theme dark --since 2026-Q1
expect_same_file again.png out-slide-16x9-dark.png

# --size, --title, --edition, --rev, --format json
radar -C demo --rev 2026-Q2 render -o custom.svg --size 2560x1440 --title "Radar <draft>" --edition "2026-Q2"
expect_rc 0
expect_file_contains custom.svg 'width="2560px"'
expect_file_contains custom.svg '<title>Radar &lt;draft&gt; — 2026-Q2'
radar -C demo render -o meta.png --format json
expect_json '$.format' '"PNG"'
expect_json '$.width' '1920'
expect_json '$.blips' '33'

# usage errors write nothing
radar -C demo render -o out.gif
expect_rc 2
expect_no_file out.gif
radar -C demo render
expect_rc 2
radar -C demo render -o x.png --theme pink
expect_rc 2
expect_no_file x.png
radar -C demo render -o x.png --preset slide-16x9 --size 100x100
expect_rc 2
# a radar with errors is not drawn
cp -R demo broken
printf 'name: Broken\nquadrant: nowhere\n' > broken/radar/broken.yaml
radar -C broken render -o broken.png
expect_rc 1
expect_no_file broken.png
expect_err_contains "not writing broken.png"

expect_state_unchanged demo demo
