/*
 * repo.c against real repositories: each test builds one in a fresh temp
 * directory with the git CLI and checks what radar reads and writes there.
 */
#define _POSIX_C_SOURCE 200809L
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../radar/util/repo.h"
#include "../../radar/util/strbuf.h"

static char tmp[64];

static void vsh(int expect_ok, const char *fmt, va_list ap)
{
	strbuf cmd = STRBUF_INIT;
	int rc;

	strbuf_printf(&cmd, "cd '%s' && ( ", tmp);
	strbuf_vprintf(&cmd, fmt, ap);
	strbuf_puts(&cmd, " ) >/dev/null 2>&1");
	rc = system(cmd.buf);
	if (expect_ok && rc != 0)
		fail_msg("command failed (%d): %s", rc, cmd.buf);
	strbuf_free(&cmd);
}

/* Runs a shell command in the test's directory; it must succeed. */
static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsh(1, fmt, ap);
	va_end(ap);
}

/* A command's standard output (heap). */
static char *out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *out(const char *fmt, ...)
{
	strbuf cmd = STRBUF_INIT, res = STRBUF_INIT;
	char chunk[4096];
	size_t n;
	va_list ap;
	FILE *p;

	strbuf_printf(&cmd, "cd '%s' && ( ", tmp);
	va_start(ap, fmt);
	strbuf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	strbuf_puts(&cmd, " ) 2>/dev/null");
	p = popen(cmd.buf, "r");
	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		strbuf_add(&res, chunk, n);
	pclose(p);
	strbuf_free(&cmd);
	return strbuf_detach(&res);
}

static void put(const char *rel, const char *content)
{
	strbuf path = STRBUF_INIT;
	FILE *f;

	strbuf_printf(&path, "%s/%s", tmp, rel);
	f = fopen(path.buf, "w");
	if (!f)
		fail_msg("%s: %s", path.buf, strerror(errno));
	fputs(content, f);
	fclose(f);
	strbuf_free(&path);
}

static char *slurp(const char *rel)
{
	strbuf path = STRBUF_INIT, res = STRBUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f;

	strbuf_printf(&path, "%s/%s", tmp, rel);
	f = fopen(path.buf, "r");
	if (!f)
		fail_msg("%s: %s", path.buf, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(&res, chunk, n);
	fclose(f);
	strbuf_free(&path);
	return strbuf_detach(&res);
}

static char *in_tmp(const char *rel)
{
	strbuf path = STRBUF_INIT;

	strbuf_printf(&path, "%s/%s", tmp, rel);
	return strbuf_detach(&path);
}

static void assert_read(repo *r, const char *path, const char *want)
{
	strbuf err = STRBUF_INIT;
	char *buf = NULL;
	size_t len = 0;
	int rc = repo_read_file(r, path, 1 << 20, &buf, &len, &err);

	if (rc != 0)
		fail_msg("read %s: %d %s", path, rc, strbuf_str(&err));
	assert_string_equal(buf, want);
	assert_int_equal(len, strlen(want));
	free(buf);
	strbuf_free(&err);
}

static void assert_read_fails(repo *r, const char *path, size_t max, int code,
			      const char *msg)
{
	strbuf err = STRBUF_INIT;
	char *buf = NULL;
	size_t len = 0;

	assert_int_equal(repo_read_file(r, path, max, &buf, &len, &err), code);
	assert_null(buf);
	if (msg && !strstr(strbuf_str(&err), msg))
		fail_msg("read %s: error '%s' lacks '%s'", path, strbuf_str(&err), msg);
	strbuf_free(&err);
}

static repo *open_ok(const char *sub, const char *rev)
{
	strbuf err = STRBUF_INIT;
	char *dir = in_tmp(sub ? sub : "");
	repo *r = NULL;

	if (repo_open(&r, dir, rev, &err) != 0)
		fail_msg("repo_open %s: %s", dir, strbuf_str(&err));
	assert_non_null(r);
	free(dir);
	strbuf_free(&err);
	return r;
}

static void git_init(void)
{
	sh("git init -q -b main . && git config user.name 'Test User' && "
	   "git config user.email test@example.com");
}

/* A repository with radar/a.yaml = v1 committed, then edited to v2 on disk. */
static void git_init_edited(void)
{
	git_init();
	sh("mkdir -p radar && echo v1 > radar/a.yaml && git add -A && git commit -qm one");
	put("radar/a.yaml", "v2\n");
}

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/radar-test-repo-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	/* Only the repository's own configuration may count. */
	setenv("HOME", tmp, 1);
	setenv("XDG_CONFIG_HOME", tmp, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unsetenv("GIT_INDEX_FILE");
	unsetenv("GIT_AUTHOR_NAME");
	unsetenv("GIT_AUTHOR_EMAIL");
	unsetenv("GIT_COMMITTER_NAME");
	unsetenv("GIT_COMMITTER_EMAIL");
	return 0;
}

static int teardown(void **state)
{
	strbuf cmd = STRBUF_INIT;

	(void)state;
	strbuf_printf(&cmd, "rm -rf '%s'", tmp);
	if (system(cmd.buf) != 0)
		return -1;
	strbuf_free(&cmd);
	return 0;
}

/* ---- reading ------------------------------------------------------------ */

static void test_worktree_sees_uncommitted_edit(void **state)
{
	repo *r;
	char *root = in_tmp("");
	char *real = realpath(root, NULL);

	(void)state;
	git_init_edited();
	r = open_ok(NULL, NULL);
	assert_true(repo_is_git(r));
	assert_false(repo_is_bare(r));
	assert_false(repo_reads_tree(r));
	assert_null(repo_rev(r));
	assert_non_null(repo_workdir(r));
	assert_int_equal(strncmp(repo_workdir(r), real, strlen(real)), 0);
	assert_string_equal(repo_workdir(r) + strlen(real), "/");
	assert_read(r, "radar/a.yaml", "v2\n");
	assert_read(r, "./radar//a.yaml", "v2\n");
	assert_read_fails(r, "radar/none.yaml", 100, REPO_ENOTFOUND, NULL);
	assert_read_fails(r, "nodir/none.yaml", 100, REPO_ENOTFOUND, NULL);
	assert_read_fails(r, "radar", 100, REPO_ERROR, "is not a regular file");
	assert_read_fails(r, "../x", 100, REPO_ERROR, NULL);
	assert_read_fails(r, "/etc/passwd", 100, REPO_ERROR, NULL);
	repo_free(r);

	/* Opened from a subdirectory, paths stay relative to the root. */
	r = open_ok("radar", NULL);
	assert_read(r, "radar/a.yaml", "v2\n");
	repo_free(r);
	free(root);
	free(real);
}

static void test_rev_reads_committed_content(void **state)
{
	repo *r;

	(void)state;
	git_init_edited();
	r = open_ok(NULL, "HEAD");
	assert_true(repo_reads_tree(r));
	assert_string_equal(repo_rev(r), "HEAD");
	assert_read(r, "radar/a.yaml", "v1\n");
	assert_read_fails(r, "radar/none.yaml", 100, REPO_ENOTFOUND, NULL);
	assert_read_fails(r, "radar", 100, REPO_ERROR, "is not a regular file");
	repo_free(r);

	sh("git commit -qam two && git tag t2");
	r = open_ok(NULL, "HEAD~1");
	assert_read(r, "radar/a.yaml", "v1\n");
	repo_free(r);
	r = open_ok(NULL, "t2");
	assert_read(r, "radar/a.yaml", "v2\n");
	repo_free(r);
}

/* Stamps: equal bytes, equal blob stamps; a file changed just now has none. */
static void test_stamps(void **state)
{
	repo_stamp a, b, read_stamp;
	char *buf;
	size_t len;
	strbuf err = STRBUF_INIT;
	repo *r;

	(void)state;
	git_init_edited();
	sh("echo v1 > radar/b.yaml && echo other > radar/c.yaml && git add radar/b.yaml radar/c.yaml && "
	   "git commit -qm bc");
	r = open_ok(NULL, "HEAD");
	assert_int_equal(repo_file_stamp(r, "radar/a.yaml", &a), 0);
	assert_int_equal(repo_file_stamp(r, "radar/b.yaml", &b), 0);
	assert_true(a.len > 0 && a.len == b.len && !memcmp(a.key, b.key, a.len));
	assert_int_equal(repo_file_stamp(r, "radar/c.yaml", &b), 0);
	assert_true(memcmp(a.key, b.key, a.len) != 0);
	assert_int_equal(repo_read_file_stamped(r, "radar/a.yaml", 100, &buf, &len, &read_stamp, &err), 0);
	assert_true(read_stamp.len == a.len && !memcmp(read_stamp.key, a.key, a.len));
	free(buf);
	assert_int_equal(repo_file_stamp(r, "radar/none.yaml", &b), REPO_ENOTFOUND);
	assert_int_equal(repo_file_stamp(r, "radar", &b), REPO_ENOTFOUND);
	repo_free(r);

	/* In the work tree, a.yaml was written a moment ago: its stat data could still repeat. */
	r = open_ok(NULL, NULL);
	assert_int_equal(repo_file_stamp(r, "radar/a.yaml", &a), REPO_ENOTFOUND);
	assert_int_equal(a.len, 0);
	assert_int_equal(repo_read_file_stamped(r, "radar/a.yaml", 100, &buf, &len, &read_stamp, &err), 0);
	assert_string_equal(buf, "v2\n");
	assert_int_equal(read_stamp.len, 0);
	free(buf);
	assert_int_equal(repo_file_stamp(r, "radar", &b), REPO_ENOTFOUND);
	repo_free(r);
	strbuf_free(&err);
}

static void test_unknown_rev(void **state)
{
	strbuf err = STRBUF_INIT;
	char *dir;
	repo *r = NULL;

	(void)state;
	git_init_edited();
	dir = in_tmp("");
	assert_int_equal(repo_open(&r, dir, "foo", &err), REPO_ERROR);
	assert_null(r);
	assert_string_equal(strbuf_str(&err), "unknown revision 'foo'");
	assert_int_equal(repo_open(&r, dir, "HEAD~5", &err), REPO_ERROR);
	assert_string_equal(strbuf_str(&err), "unknown revision 'HEAD~5'");
	free(dir);
	strbuf_free(&err);
}

static void test_plain_directory(void **state)
{
	strbuf err = STRBUF_INIT;
	repo_file f = { "radar/new.yaml", "new\n", 4 };
	char *dir, *id = (char *)1, *got;
	repo *r = NULL;

	(void)state;
	sh("mkdir -p radar && echo plain > radar/a.yaml");
	dir = in_tmp("");
	assert_int_equal(repo_open(&r, dir, "HEAD", &err), REPO_ERROR);
	assert_string_equal(strbuf_str(&err), "--rev needs a Git repository");
	r = open_ok(NULL, NULL);
	assert_false(repo_is_git(r));
	assert_false(repo_reads_tree(r));
	assert_read(r, "radar/a.yaml", "plain\n");
	assert_int_equal(repo_lock(r, &err), 0);
	repo_unlock(r);
	assert_int_equal(repo_write(r, &f, 1, "msg", 1, &id, &err), 0);
	assert_null(id);
	got = slurp("radar/new.yaml");
	assert_string_equal(got, "new\n");
	repo_free(r);
	free(got);
	free(dir);
	strbuf_free(&err);
}

static void test_bare_reads_head(void **state)
{
	strbuf err = STRBUF_INIT;
	repo_file f = { "radar/a.yaml", "x\n", 2 };
	char **names;
	size_t n;
	repo *r;

	(void)state;
	sh("mkdir src && cd src && git init -q -b main . && git config user.name T && "
	   "git config user.email t@e && mkdir radar && echo v1 > radar/a.yaml && "
	   "git add -A && git commit -qm one && cd .. && git clone -q --bare src bare.git && "
	   "git init -q --bare empty.git");
	r = open_ok("bare.git", NULL);
	assert_true(repo_is_bare(r));
	assert_true(repo_reads_tree(r));
	assert_null(repo_rev(r));
	assert_null(repo_workdir(r));
	assert_read(r, "radar/a.yaml", "v1\n");
	assert_int_equal(repo_write(r, &f, 1, "m", 1, NULL, &err), REPO_ERROR);
	assert_string_equal(strbuf_str(&err), "cannot write in a bare repository");
	repo_free(r);

	/* An unborn HEAD reads as an empty tree. */
	r = open_ok("empty.git", NULL);
	assert_read_fails(r, "radar/a.yaml", 100, REPO_ENOTFOUND, NULL);
	assert_int_equal(repo_list_dir(r, "radar", &names, &n, &err), REPO_ENOTFOUND);
	assert_int_equal(repo_list_dir(r, "", &names, &n, &err), 0);
	assert_int_equal(n, 0);
	repo_names_free(names, n);
	assert_int_equal(repo_path_kind(r, ""), 2);
	assert_int_equal(repo_path_kind(r, "radar"), 0);
	repo_free(r);
	strbuf_free(&err);
}

static void check_listing(repo *r)
{
	static const char *want[] = { "B.yaml", "a", "a-b", "a.yaml", "b.yaml", "sub" };
	strbuf err = STRBUF_INIT;
	char **names = NULL;
	size_t n = 0, i;

	assert_int_equal(repo_list_dir(r, "radar", &names, &n, &err), 0);
	assert_int_equal(n, sizeof(want) / sizeof(*want));
	for (i = 0; i < n; i++)
		assert_string_equal(names[i], want[i]);
	repo_names_free(names, n);
	assert_int_equal(repo_list_dir(r, "radar/", &names, &n, &err), 0);
	assert_int_equal(n, sizeof(want) / sizeof(*want));
	repo_names_free(names, n);
	assert_int_equal(repo_list_dir(r, "missing", &names, &n, &err), REPO_ENOTFOUND);
	assert_null(names);
	assert_int_equal(repo_list_dir(r, "radar/a.yaml", &names, &n, &err), REPO_ENOTFOUND);
	/* After listing, reads in that directory come from the cached subtree. */
	assert_read(r, "radar/b.yaml", "b\n");
	assert_read(r, "radar/sub/c.yaml", "c\n");
	assert_read(r, "radar/a.yaml", "a\n");
	assert_read_fails(r, "radar/nope.yaml", 100, REPO_ENOTFOUND, NULL);
	assert_read(r, "top.yaml", "top\n");
	assert_int_equal(repo_list_dir(r, "", &names, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "radar");
	assert_string_equal(names[1], "top.yaml");
	repo_names_free(names, n);

	assert_int_equal(repo_path_kind(r, "radar"), 2);
	assert_int_equal(repo_path_kind(r, "radar/a.yaml"), 1);
	assert_int_equal(repo_path_kind(r, "radar/sub"), 2);
	assert_int_equal(repo_path_kind(r, "radar/missing"), 0);
	assert_int_equal(repo_path_kind(r, "missing/x"), 0);
	assert_int_equal(repo_path_kind(r, ""), 2);
	strbuf_free(&err);
}

static void test_list_dir_sorted_without_dotfiles(void **state)
{
	repo *r;

	(void)state;
	git_init();
	/* "a" (a directory) and "a-b": git orders them "a-b", "a/"; strcmp does not. */
	sh("mkdir -p radar/sub radar/a radar/.hidden-dir && echo a > radar/a.yaml && "
	   "echo b > radar/b.yaml && echo B > radar/B.yaml && echo h > radar/.hidden && "
	   "echo x > radar/a-b && echo y > radar/a/y && echo z > radar/.hidden-dir/z && "
	   "echo c > radar/sub/c.yaml && echo top > top.yaml && git add -A && git commit -qm one");
	r = open_ok(NULL, NULL);
	check_listing(r);
	repo_free(r);
	r = open_ok(NULL, "HEAD");
	check_listing(r);
	repo_free(r);
}

static void test_too_big(void **state)
{
	repo *r;
	char *buf = NULL;
	size_t len;
	int mode;

	(void)state;
	git_init();
	sh("printf '%%0100d' 0 > big && git add -A && git commit -qm one");
	for (mode = 0; mode < 2; mode++) {
		r = open_ok(NULL, mode ? "HEAD" : NULL);
		assert_read_fails(r, "big", 99, REPO_ETOOBIG, NULL);
		assert_int_equal(repo_read_file(r, "big", 100, &buf, &len, NULL), 0);
		assert_int_equal(len, 100);
		assert_int_equal(buf[100], '\0');
		free(buf);
		repo_free(r);
	}
}

static void test_symlink_refused(void **state)
{
	repo *r;
	int mode;

	(void)state;
	git_init();
	sh("mkdir -p radar outside && echo secret > outside/s.yaml && echo ok > radar/ok.yaml && "
	   "ln -s ../outside/s.yaml radar/link.yaml && ln -s outside linkdir && "
	   "mkfifo radar/fifo.yaml && git add radar/ok.yaml radar/link.yaml linkdir && git commit -qm one");
	for (mode = 0; mode < 2; mode++) {
		r = open_ok(NULL, mode ? "HEAD" : NULL);
		assert_read(r, "radar/ok.yaml", "ok\n");
		assert_read_fails(r, "radar/link.yaml", 100, REPO_ERROR,
				  "is a symbolic link; refused");
		assert_read_fails(r, "linkdir/s.yaml", 100, REPO_ERROR,
				  "is a symbolic link; refused");
		assert_int_equal(repo_path_kind(r, "radar/link.yaml"), 0);
		assert_int_equal(repo_path_kind(r, "linkdir"), 0);
		if (!mode)
			assert_read_fails(r, "radar/fifo.yaml", 100, REPO_ERROR,
					  "is not a regular file");
		repo_free(r);
	}
}

/* ---- writing ------------------------------------------------------------ */

static void test_write_commits_only_its_path(void **state)
{
	strbuf err = STRBUF_INIT;
	repo_file files[] = {
		{ "a", "a2\n", 3 },
		{ "docs/adr/0001-x.md", "# x\n", 4 },
		{ "radar/new.yaml", "n\n", 2 },
	};
	char *id = NULL, *s;
	repo *r;

	(void)state;
	git_init();
	sh("echo a > a && echo b > b && echo c > c && mkdir radar && echo o > radar/old.yaml && "
	   "git add -A && git commit -qm one");
	/* The user's work in progress: b staged, c edited but not staged. */
	sh("echo b-staged > b && git add b && echo b-unstaged > b && echo c-edit > c");
	r = open_ok(NULL, NULL);
	assert_int_equal(repo_lock(r, &err), 0);
	if (repo_write(r, files, 3, "radar: write a\n", 1, &id, &err) != 0)
		fail_msg("repo_write: %s", strbuf_str(&err));
	repo_unlock(r);
	assert_non_null(id);

	s = out("git rev-parse HEAD");
	assert_int_equal(strncmp(s, id, 40), 0);
	assert_int_equal(strlen(id), 40);
	free(s);
	s = out("git show --name-only --format= HEAD");
	assert_string_equal(s, "a\ndocs/adr/0001-x.md\nradar/new.yaml\n");
	free(s);
	s = out("git log --format=%%s -1");
	assert_string_equal(s, "radar: write a\n");
	free(s);
	s = out("git status --porcelain");
	assert_string_equal(s, "MM b\n M c\n");
	free(s);
	s = out("git show :b");
	assert_string_equal(s, "b-staged\n");
	free(s);
	s = out("git show HEAD:b");
	assert_string_equal(s, "b\n");
	free(s);
	s = out("git ls-tree -r --name-only HEAD");
	assert_string_equal(s, "a\nb\nc\ndocs/adr/0001-x.md\nradar/new.yaml\nradar/old.yaml\n");
	free(s);
	s = slurp("a");
	assert_string_equal(s, "a2\n");
	free(s);
	s = out("stat -c %%a radar/new.yaml");
	assert_string_equal(s, "644\n");
	free(s);
	s = out("ls -a radar docs/adr | grep tmp || true");
	assert_string_equal(s, "");
	free(s);
	free(id);

	/* Writing what is already committed makes no empty commit. */
	assert_int_equal(repo_write(r, files, 1, "again", 1, &id, &err), 0);
	assert_null(id);
	s = out("git rev-list --count HEAD");
	assert_string_equal(s, "2\n");
	free(s);

	files[1].path = "radar/.GIT/hooks/x";
	assert_int_equal(repo_write(r, &files[1], 1, "x", 1, &id, &err), REPO_ERROR);
	assert_non_null(strstr(strbuf_str(&err), "inside .git"));
	files[1].path = "../outside";
	assert_int_equal(repo_write(r, &files[1], 1, "x", 1, &id, &err), REPO_ERROR);

	/* --no-commit: written, not committed, not staged. */
	files[0].data = "a3\n";
	assert_int_equal(repo_write(r, files, 1, "x", 0, &id, &err), 0);
	assert_null(id);
	s = out("git status --porcelain a");
	assert_string_equal(s, " M a\n");
	free(s);
	repo_free(r);
	strbuf_free(&err);
}

static void test_write_first_commit(void **state)
{
	strbuf err = STRBUF_INIT;
	repo_file f = { "radar/a.yaml", "a\n", 2 };
	char *id = NULL, *s;
	repo *r;

	(void)state;
	git_init();
	r = open_ok(NULL, NULL);
	if (repo_write(r, &f, 1, "first", 1, &id, &err) != 0)
		fail_msg("repo_write: %s", strbuf_str(&err));
	assert_non_null(id);
	s = out("git rev-list --parents HEAD");
	assert_int_equal(strlen(s), 41);
	assert_int_equal(strncmp(s, id, 40), 0);
	free(s);
	s = out("git status --porcelain");
	assert_string_equal(s, "");
	free(s);
	s = out("git reflog -1 --format=%%gs");
	assert_string_equal(s, "commit (initial): first\n");
	free(s);
	free(id);
	repo_free(r);
	strbuf_free(&err);
}

static void test_write_index_locked(void **state)
{
	strbuf err = STRBUF_INIT;
	repo_file f = { "a", "changed\n", 8 };
	char *id = NULL, *s;
	repo *r;

	(void)state;
	git_init();
	sh("echo a > a && git add -A && git commit -qm one && touch .git/index.lock");
	r = open_ok(NULL, NULL);
	assert_int_equal(repo_write(r, &f, 1, "m", 1, &id, &err), REPO_ELOCKED);
	assert_null(id);
	assert_non_null(strstr(strbuf_str(&err), ".git/index.lock': File exists."));
	assert_non_null(strstr(strbuf_str(&err), "remove the file manually"));
	s = slurp("a");
	assert_string_equal(s, "a\n");
	free(s);
	/* Never removed by us: that is the user's call. */
	s = in_tmp(".git/index.lock");
	assert_int_equal(access(s, F_OK), 0);
	free(s);
	repo_free(r);
	strbuf_free(&err);
}

static void test_write_without_identity(void **state)
{
	strbuf err = STRBUF_INIT;
	repo_file f = { "a", "changed\n", 8 };
	char *s;
	repo *r;

	(void)state;
	sh("git init -q -b main . && echo a > a && git add -A && "
	   "git -c user.name=T -c user.email=t@e commit -qm one");
	r = open_ok(NULL, NULL);
	assert_int_equal(repo_write(r, &f, 1, "m", 1, NULL, &err), REPO_ERROR);
	assert_non_null(strstr(strbuf_str(&err), "no Git identity"));
	s = slurp("a");
	assert_string_equal(s, "a\n");
	free(s);

	/* The environment, as git allows, is enough. */
	setenv("GIT_AUTHOR_NAME", "Env Author", 1);
	setenv("GIT_AUTHOR_EMAIL", "author@example.com", 1);
	setenv("GIT_COMMITTER_NAME", "Env Committer", 1);
	setenv("GIT_COMMITTER_EMAIL", "committer@example.com", 1);
	assert_int_equal(repo_write(r, &f, 1, "m", 1, NULL, &err), 0);
	s = out("git log -1 --format='%%an <%%ae> %%cn <%%ce>'");
	assert_string_equal(s, "Env Author <author@example.com> Env Committer <committer@example.com>\n");
	free(s);
	repo_free(r);
	strbuf_free(&err);
}

static void test_write_refused_on_rev(void **state)
{
	strbuf err = STRBUF_INIT;
	repo_file f = { "radar/a.yaml", "x\n", 2 };
	repo *r;

	(void)state;
	git_init_edited();
	r = open_ok(NULL, "HEAD");
	assert_int_equal(repo_write(r, &f, 1, "m", 1, NULL, &err), REPO_ERROR);
	assert_string_equal(strbuf_str(&err), "cannot write: reading revision HEAD");
	repo_free(r);
	strbuf_free(&err);
}

static void test_write_on_moved_branch(void **state)
{
	strbuf err = STRBUF_INIT;
	repo_file f = { "a", "mine\n", 5 };
	char *id = NULL, *s;
	repo *r;

	(void)state;
	git_init();
	sh("echo a > a && git add -A && git commit -qm one");
	r = open_ok(NULL, NULL);
	assert_int_equal(repo_lock(r, &err), 0);
	/* Someone else commits after we opened. */
	sh("echo theirs > x && git add x && git commit -qm theirs");
	assert_int_equal(repo_write(r, &f, 1, "mine", 1, &id, &err), 0);
	repo_unlock(r);
	s = out("git log --format=%%s");
	assert_string_equal(s, "mine\ntheirs\none\n");
	free(s);
	s = out("git ls-tree -r --name-only HEAD");
	assert_string_equal(s, "a\nx\n");
	free(s);
	s = out("git status --porcelain");
	assert_string_equal(s, "");
	free(s);
	free(id);
	repo_free(r);
	strbuf_free(&err);
}

/*
 * Two processes commit at the same time without repo_lock: every commit
 * reported as made must be in the history (the compare-and-swap at work).
 * A writer may find the other's index.lock and refuse (REPO_ELOCKED) before
 * writing; what it reports as committed must never be lost.
 */
static void test_concurrent_writers_lose_nothing(void **state)
{
	enum { WRITERS = 2, ROUNDS = 15 };
	pid_t pids[WRITERS];
	int w, status, made = 0;
	char *s;

	(void)state;
	git_init();
	sh("echo a > a && git add -A && git commit -qm one");
	for (w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] == 0) {
			strbuf path = STRBUF_INIT, data = STRBUF_INIT, ids = STRBUF_INIT;
			repo *r;
			int i;

			if (repo_open(&r, tmp, NULL, NULL) != 0)
				_exit(2);
			for (i = 0; i < ROUNDS; i++) {
				repo_file f;
				char *id = NULL;

				strbuf_reset(&path);
				strbuf_reset(&data);
				strbuf_printf(&path, "w%d/%d", w, i);
				strbuf_printf(&data, "%d %d\n", w, i);
				f.path = path.buf;
				f.data = data.buf;
				f.len = data.len;
				if (repo_write(r, &f, 1, path.buf, 1, &id, NULL) == 0 && id)
					strbuf_printf(&ids, "%s\n", id);
				free(id);
			}
			repo_free(r);
			strbuf_free(&path);
			strbuf_free(&data);
			strbuf_printf(&path, "%s/ids%d", tmp, w);
			{
				FILE *fp = fopen(path.buf, "w");

				if (!fp)
					_exit(3);
				fputs(strbuf_str(&ids), fp);
				fclose(fp);
			}
			strbuf_free(&path);
			strbuf_free(&ids);
			_exit(0);
		}
	}
	for (w = 0; w < WRITERS; w++) {
		assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	s = out("cat ids0 ids1 | wc -l");
	made = atoi(s);
	free(s);
	assert_true(made > 0);
	/* Each reported commit is an ancestor of HEAD. */
	sh("for id in $(cat ids0 ids1); do git merge-base --is-ancestor $id HEAD || exit 1; done");
	s = out("git rev-list --count HEAD");
	assert_true(atoi(s) >= made + 1);
	free(s);
}

/* A linked worktree: .git is a file, and the index and HEAD are its own. */
static void test_linked_worktree(void **state)
{
	strbuf err = STRBUF_INIT;
	repo_file f = { "radar/a.yaml", "wt\n", 3 };
	char *id = NULL, *s;
	repo *r;

	(void)state;
	sh("mkdir main && cd main && git init -q -b main . && git config user.name T && "
	   "git config user.email t@e && mkdir radar && echo v1 > radar/a.yaml && "
	   "git add -A && git commit -qm one && git worktree add -q -b side ../wt");
	r = open_ok("wt/radar", NULL);
	assert_true(repo_is_git(r));
	assert_read(r, "radar/a.yaml", "v1\n");
	assert_int_equal(repo_lock(r, &err), 0);
	if (repo_write(r, &f, 1, "on side", 1, &id, &err) != 0)
		fail_msg("repo_write: %s", strbuf_str(&err));
	repo_unlock(r);
	repo_free(r);
	s = out("cd wt && git log --format=%%s side && git status --porcelain");
	assert_string_equal(s, "on side\none\n");
	free(s);
	s = out("cd main && git log --format=%%s main && git status --porcelain");
	assert_string_equal(s, "one\n");
	free(s);
	s = in_tmp("main/.git/radar.lock");
	assert_int_equal(access(s, F_OK), 0);
	free(s);
	free(id);
	strbuf_free(&err);
}

static void test_lock(void **state)
{
	strbuf err = STRBUF_INIT;
	repo *r;
	char *s;

	(void)state;
	git_init();
	r = open_ok(NULL, NULL);
	assert_int_equal(repo_lock(r, &err), 0);
	assert_int_equal(repo_lock(r, &err), 0);
	s = in_tmp(".git/radar.lock");
	assert_int_equal(access(s, F_OK), 0);
	free(s);
	/* Held: another process cannot take it without waiting. */
	sh("! flock -n .git/radar.lock true");
	repo_unlock(r);
	sh("flock -n .git/radar.lock true");
	repo_free(r);
	strbuf_free(&err);
}

static void test_fs_write_atomic(void **state)
{
	strbuf err = STRBUF_INIT;
	char *path, *s;
	struct stat st;

	(void)state;
	path = in_tmp("f.txt");
	assert_int_equal(fs_write_atomic(path, "one\n", 4, &err), 0);
	assert_int_equal(fs_write_atomic(path, "two\n", 4, &err), 0);
	s = slurp("f.txt");
	assert_string_equal(s, "two\n");
	free(s);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	free(path);

	path = in_tmp("nodir/f.txt");
	assert_int_equal(fs_write_atomic(path, "x", 1, &err), REPO_ERROR);
	assert_non_null(strstr(strbuf_str(&err), "nodir/f.txt: No such file or directory"));
	free(path);

	/* Renaming over a directory fails: the temp file must not stay behind. */
	sh("mkdir d");
	path = in_tmp("d");
	assert_int_equal(fs_write_atomic(path, "x", 1, &err), REPO_ERROR);
	assert_non_null(strstr(strbuf_str(&err), "Is a directory"));
	free(path);
	s = out("ls -A");
	assert_string_equal(s, "d\nf.txt\n");
	free(s);
	strbuf_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_worktree_sees_uncommitted_edit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rev_reads_committed_content, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_rev, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stamps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plain_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bare_reads_head, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_dir_sorted_without_dotfiles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_big, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_commits_only_its_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_first_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_index_locked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_without_identity, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_refused_on_rev, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_on_moved_branch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_writers_lose_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_linked_worktree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fs_write_atomic, setup, teardown),
	};

	return cmocka_run_group_tests_name("repo", tests, NULL, NULL);
}
