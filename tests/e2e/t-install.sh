# make install into a temporary DESTDIR: radar, the adr name, the man pages
# radar(1), adr(1), radar-files(5) (they render with man -l; mandoc -T lint when
# installed), and bash/zsh/fish completions that complete commands, options,
# entry names and ADR numbers. Then make uninstall removes every file.
. "$E2E_DIR/lib.sh"

bin=${RADAR_REAL:-$RADAR}
build=$(basename "$(dirname "$bin")")
[ -f "$E2E_ROOT/$build/radar" ] || { note "skipped: $bin is not a build of $E2E_ROOT"; exit 0; }
command -v make >/dev/null || { fail "make is needed"; exit 1; }
dest=$PWD/dest
# -o all: install what is built (the binary under test), never rebuild here.
run make -s -C "$E2E_ROOT" -o all install DESTDIR="$dest" PREFIX=/usr/local BUILD="$build"
expect_rc 0 "make install"
p=$dest/usr/local
for f in bin/radar libexec/radar/radar-draw share/man/man1/radar.1 share/man/man1/adr.1 share/man/man5/radar-files.5 \
	share/bash-completion/completions/radar share/zsh/vendor-completions/_radar \
	share/fish/vendor_completions.d/radar.fish share/fish/vendor_completions.d/adr.fish; do
	expect_file "$p/$f"
done
expect_eq "$(readlink "$p/bin/adr")" radar "the adr name"
expect_eq "$(readlink "$p/share/bash-completion/completions/adr")" radar "adr's bash completion"
run "$p/bin/radar" --version
expect_rc 0
expect_out_match '^radar [0-9]'
# the drawing commands run in libexec/radar/radar-draw, found beside the installed tree
run "$p/bin/radar" render --help
expect_rc 0
expect_out_contains "usage: radar render"
run "$p/bin/adr" help
expect_out_contains "init"

# the man pages render, and lint clean
if command -v man >/dev/null; then
	for page in man1/radar.1 man1/adr.1 man5/radar-files.5; do
		MANWIDTH=80 run man -l "$p/share/man/$page"
		expect_rc 0 "man -l $page"
		expect_out_nonempty
	done
	MANWIDTH=80 run man -l "$p/share/man/man1/radar.1"
	expect_out_contains "publish"
	MANWIDTH=80 run man -l "$p/share/man/man5/radar-files.5"
	expect_out_contains ".radar.yml"
else
	fail "man is needed (man-db)"
fi
if command -v mandoc >/dev/null; then
	for page in man1/radar.1 man1/adr.1 man5/radar-files.5; do
		run mandoc -T lint -W warning "$p/share/man/$page"
		expect_rc 0 "mandoc -T lint $page"
		expect_out_empty
	done
else
	note "mandoc not installed: lint skipped"
fi

# completions, against the installed binary on a real radar
make_demo demo
cd demo
PATH=$p/bin:$PATH
export PATH
# comp WORDS...: what bash completion offers for the last word
cat > ../comp.sh <<EOF
. "$p/share/bash-completion/completions/radar"
COMP_WORDS=("\$@"); COMP_CWORD=\$((\$# - 1)); _radar; printf '%s\n' "\${COMPREPLY[@]}"
EOF
comp() { run bash ../comp.sh "$@"; }
comp radar pub
expect_out_equals publish
comp radar sc
expect_out_contains score
comp radar score kub
expect_out_equals kubernetes
comp radar -C . show pol
expect_out_contains polars
comp radar publish --as
expect_out_equals --as-of
comp adr show ""
expect_out_contains 7
expect_out_lines 9
comp radar adr status ""
expect_out_lines 9
if command -v zsh >/dev/null; then
	run zsh -n "$p/share/zsh/vendor-completions/_radar"
	expect_rc 0 "zsh parses _radar"
fi
if command -v fish >/dev/null; then
	run fish -c "source $p/share/fish/vendor_completions.d/radar.fish; source $p/share/fish/vendor_completions.d/adr.fish; complete -C 'radar score kub'; complete -C 'radar pub'; complete -C 'adr show '"
	expect_rc 0
	expect_out_contains kubernetes
	expect_out_contains publish
	expect_out_match '^9'
fi
cd ..

run make -s -C "$E2E_ROOT" -o all uninstall DESTDIR="$dest" PREFIX=/usr/local BUILD="$build"
expect_rc 0 "make uninstall"
expect_eq "$(find "$dest" -type f -o -type l | wc -l | tr -d ' ')" 0 "files left after uninstall"
