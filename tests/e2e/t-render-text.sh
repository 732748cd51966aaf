# radar render: names in any script through pango, emoji, markup-like names
# escaped in SVG, long names ellipsized in the legend.
. "$E2E_DIR/lib.sh"
. "$E2E_DIR/render-lib.sh"

radar_dir r 4 4
entry r zh "数据网格" q0 r0
entry r ja "東京タワー" q0 r1
entry r ar "قاعدة البيانات" q1 r0
entry r ru "Кубернетес" q2 r2
entry r emoji "Rocket 🚀 launcher" q3 r3
entry r long "An extremely long technology name that no legend column can hold in full at this size" q1 r1
cat > r/radar/xss.yaml <<'YAML'
name: '<script>alert("x")</script> & Co'
quadrant: q2
ring: r0
YAML

radar -C r render -o t.svg
expect_rc 0
run xmllint --noout t.svg
expect_rc 0 "xmllint"
expect_file_contains t.svg '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co'
expect_file_not_contains t.svg '<script>'
expect_file_contains t.svg '数据网格'
expect_file_contains t.svg 'Кубернетес'

radar -C r render -o t.pdf
expect_rc 0
run pdftotext t.pdf -
expect_rc 0
expect_out_contains 'Кубернетес'
expect_out_contains '数据网格'
expect_out_contains '<script>'

radar -C r render -o t.png
expect_rc 0
run pngcheck -q t.png
expect_rc 0

radar -C r layout --format json --size 1280x720
expect_rc 0
cp "$OUT" t.json
check_layout t.json
grep -q '"ellipsized": true' t.json || fail "the long name is not ellipsized"
