/*
 * Renumbering a new ADR whose number the branch tip took meanwhile: the text
 * edits (heading, links), the repo_tip_fn on real repositories made with the
 * git CLI, and repo_write_checked losing its compare-and-swap to a commit
 * made during the first attempt.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "adr/edit.h"
#include "adr/renumber.h"
#include "util/repo.h"
#include "util/strbuf.h"

static char tmp[64];

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
	strbuf cmd = STRBUF_INIT;
	va_list ap;
	int rc;

	strbuf_printf(&cmd, "cd '%s' && ( ", tmp);
	va_start(ap, fmt);
	strbuf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	strbuf_puts(&cmd, " ) >/dev/null 2>&1");
	rc = system(cmd.buf);
	if (rc != 0)
		fail_msg("command failed (%d): %s", rc, cmd.buf);
	strbuf_free(&cmd);
}

/* A command's standard output (heap), trailing newline dropped. */
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
	if (res.len && res.buf[res.len - 1] == '\n')
		res.buf[--res.len] = '\0';
	return res.buf ? strbuf_detach(&res) : strdup("");
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

static int exists(const char *rel)
{
	strbuf path = STRBUF_INIT;
	struct stat st;
	int yes;

	strbuf_printf(&path, "%s/%s", tmp, rel);
	yes = stat(path.buf, &st) == 0;
	strbuf_free(&path);
	return yes;
}

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/radar-test-renumber-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	setenv("HOME", tmp, 1);
	setenv("XDG_CONFIG_HOME", tmp, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_AUTHOR_NAME", "Unit Test", 1);
	setenv("GIT_AUTHOR_EMAIL", "unit@example.org", 1);
	setenv("GIT_COMMITTER_NAME", "Unit Test", 1);
	setenv("GIT_COMMITTER_EMAIL", "unit@example.org", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unsetenv("GIT_INDEX_FILE");
	return 0;
}

static int teardown(void **state)
{
	strbuf cmd = STRBUF_INIT;
	int rc;

	(void)state;
	strbuf_printf(&cmd, "rm -rf '%s'", tmp);
	rc = system(cmd.buf);
	strbuf_free(&cmd);
	return rc ? -1 : 0;
}

/* ---- text --------------------------------------------------------------- */

static void expect_renumber(const char *text, long from, long to, const char *want)
{
	char *got = adr_text_renumber(text, from, to);
	assert_string_equal(got, want);
	free(got);
}

static void test_text_renumber(void **state)
{
	(void)state;
	expect_renumber("# 2. Use X\n\nDate: 2026-01-01\n", 2, 3, "# 3. Use X\n\nDate: 2026-01-01\n");
	expect_renumber("# 0009. Padded\n", 9, 10, "# 0010. Padded\n");
	expect_renumber("# 9. Grows\n", 9, 10, "# 10. Grows\n");
	/* Only the first H1, after front matter. */
	expect_renumber("---\nstatus: accepted\n# 2. not a heading\n---\n\n# 2. Title\n\n# 2. Later\n", 2, 4,
			"---\nstatus: accepted\n# 2. not a heading\n---\n\n# 4. Title\n\n# 2. Later\n");
	/* No number in the heading (MADR), or another one: unchanged. */
	expect_renumber("---\nstatus: accepted\n---\n\n# Use X\n", 2, 3, "---\nstatus: accepted\n---\n\n# Use X\n");
	expect_renumber("# 5. Other\n", 2, 3, "# 5. Other\n");
	expect_renumber("# 22. Other\n", 2, 3, "# 22. Other\n");
	expect_renumber("", 2, 3, "");
}

static void expect_relink(const char *text, const char *want)
{
	char *got = adr_text_relink(text, "0002-mine.md", "0003-mine.md", 2, 3);
	assert_string_equal(got, want);
	free(got);
}

static void test_text_relink(void **state)
{
	(void)state;
	expect_relink("## Status\n\nSuperseded by [2. Mine](0002-mine.md)\n\nAmended by [2. Mine](0002-mine.md)\n",
		      "## Status\n\nSuperseded by [3. Mine](0003-mine.md)\n\nAmended by [3. Mine](0003-mine.md)\n");
	/* MADR: the link text is the title, without a number. */
	expect_relink("---\nstatus: \"superseded by [Mine](0002-mine.md)\"\n---\n",
		      "---\nstatus: \"superseded by [Mine](0003-mine.md)\"\n---\n");
	/* Links to other records stay. */
	expect_relink("Amends [2. Else](0002-else.md)\nSee [12. Mine](0012-mine.md)\n",
		      "Amends [2. Else](0002-else.md)\nSee [12. Mine](0012-mine.md)\n");
	expect_relink("no links\n", "no links\n");
}

/* ---- the callback --------------------------------------------------------- */

static const char mine[] = "# 2. Mine\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n\n"
			   "Supersedes [1. One](0001-one.md)\n";
static const char one[] = "# 1. One\n\n## Status\n\nSuperseded by [2. Mine](0002-mine.md)\n";

/* A repository with 0001-one.md committed and our new 0002-mine.md in the work tree. */
static void base_repo(void)
{
	sh("git init -q -b main && mkdir -p doc/adr && printf '# 1. One\\n' > doc/adr/0001-one.md"
	   " && git add -A && git commit -qm one");
	put("doc/adr/0002-mine.md", mine);
	put("doc/adr/0001-one.md", one);
}

static void start(adr_renumber *rn, repo_plan *plan)
{
	char *root = realpath(tmp, NULL);
	assert_non_null(root);
	adr_renumber_init(rn, root, "doc/adr", 2, "0002-mine.md", "mine", "Mine", mine);
	adr_renumber_add(rn, "doc/adr/0001-one.md", one);
	adr_renumber_plan(rn, plan);
	free(root);
}

/* Runs the callback on HEAD as the tip. */
static int on_head(adr_renumber *rn, repo_plan *plan, strbuf *err)
{
	repo *tip = NULL;
	int rc;

	if (repo_open(&tip, tmp, "HEAD", err))
		fail_msg("repo_open: %s", strbuf_str(err));
	rc = adr_renumber_on_tip(rn, tip, plan, err);
	repo_free(tip);
	return rc;
}

static void test_number_free(void **state)
{
	adr_renumber rn;
	repo_plan plan;
	strbuf err = STRBUF_INIT;

	(void)state;
	base_repo();
	start(&rn, &plan);
	assert_int_equal(on_head(&rn, &plan, &err), 0);
	assert_int_equal(rn.renumbered, 0);
	assert_string_equal(plan.files[0].path, "doc/adr/0002-mine.md");
	assert_int_equal(plan.nremove, 0);
	assert_string_equal(plan.message, "adr: 2. Mine");
	adr_renumber_free(&rn);
	strbuf_free(&err);
}

static void test_number_taken(void **state)
{
	adr_renumber rn;
	repo_plan plan;
	strbuf err = STRBUF_INIT;
	char *text;

	(void)state;
	base_repo();
	sh("printf '# 2. Other\\n' > doc/adr/0002-other.md && git add doc/adr/0002-other.md && git commit -qm other");
	start(&rn, &plan);
	assert_int_equal(on_head(&rn, &plan, &err), REPO_PLAN_CHANGED);
	assert_int_equal(rn.number, 3);
	assert_int_equal(plan.nfiles, 2);
	assert_string_equal(plan.files[0].path, "doc/adr/0003-mine.md");
	assert_true(strncmp(plan.files[0].data, "# 3. Mine\n", 10) == 0);
	assert_non_null(strstr(plan.files[0].data, "Supersedes [1. One](0001-one.md)"));
	assert_string_equal(plan.files[1].path, "doc/adr/0001-one.md");
	assert_non_null(strstr(plan.files[1].data, "Superseded by [3. Mine](0003-mine.md)"));
	assert_null(strstr(plan.files[1].data, "0002-mine"));
	assert_int_equal(plan.nremove, 1);
	assert_string_equal(plan.remove[0], "doc/adr/0002-mine.md");
	assert_string_equal(plan.message, "adr: 3. Mine");
	/* Created exclusively with the new text. */
	assert_true(exists("doc/adr/0003-mine.md"));
	text = out("head -n 1 doc/adr/0003-mine.md");
	assert_string_equal(text, "# 3. Mine");
	free(text);
	assert_int_equal(rn.ncreated, 1);
	/* The same tip again: 3 is free there, nothing more to do. */
	assert_int_equal(on_head(&rn, &plan, &err), 0);
	adr_renumber_free(&rn);
	strbuf_free(&err);
}

static void test_work_tree_higher(void **state)
{
	adr_renumber rn;
	repo_plan plan;
	strbuf err = STRBUF_INIT;

	(void)state;
	base_repo();
	sh("printf x > doc/adr/0002-other.md && git add doc/adr/0002-other.md && git commit -qm other");
	/* adr-tools wrote 0005 without committing; 0003 is taken by a stray file. */
	put("doc/adr/0005-uncommitted.md", "# 5. U\n");
	put("doc/adr/0003-mine.md", "stray\n");
	start(&rn, &plan);
	assert_int_equal(on_head(&rn, &plan, &err), REPO_PLAN_CHANGED);
	assert_int_equal(rn.number, 6);
	assert_string_equal(plan.files[0].path, "doc/adr/0006-mine.md");
	adr_renumber_free(&rn);
	strbuf_free(&err);
}

static void test_same_name(void **state)
{
	adr_renumber rn;
	repo_plan plan;
	strbuf err = STRBUF_INIT;

	(void)state;
	base_repo();
	/* Someone committed our very file as it is: not a collision. */
	sh("git add doc/adr/0002-mine.md && git commit -qm ours");
	start(&rn, &plan);
	assert_int_equal(on_head(&rn, &plan, &err), 0);
	adr_renumber_free(&rn);
	/* Another text under our name: it is theirs, and stays; ours moves. */
	sh("printf '# 2. Mine, theirs\\n' > doc/adr/0002-mine.md && git commit -qam theirs");
	put("doc/adr/0002-mine.md", mine);
	start(&rn, &plan);
	assert_int_equal(on_head(&rn, &plan, &err), REPO_PLAN_CHANGED);
	assert_string_equal(plan.files[0].path, "doc/adr/0003-mine.md");
	assert_int_equal(plan.nremove, 0);
	assert_int_equal(plan.nfiles, 3);
	assert_string_equal(plan.files[2].path, "doc/adr/0002-mine.md");
	assert_string_equal(plan.files[2].data, "# 2. Mine, theirs\n");
	adr_renumber_free(&rn);
	strbuf_free(&err);
}

static void test_no_folder_on_tip(void **state)
{
	adr_renumber rn;
	repo_plan plan;
	strbuf err = STRBUF_INIT;

	(void)state;
	sh("git init -q -b main && echo x > x && git add x && git commit -qm x && mkdir -p doc/adr");
	put("doc/adr/0002-mine.md", mine);
	put("doc/adr/0001-one.md", one);
	start(&rn, &plan);
	assert_int_equal(on_head(&rn, &plan, &err), 0);
	adr_renumber_free(&rn);
	strbuf_free(&err);
}

/* ---- repo_write_checked: the CAS lost to a commit made meanwhile ---------- */

struct racer {
	adr_renumber *rn;
	int calls;
	char *tips[4];
};

/* The first attempt: another writer commits 0002-other.md before ours lands. */
static int racing_tip(void *arg, const repo *tip, repo_plan *plan, strbuf *err)
{
	struct racer *r = arg;
	const char *id = repo_rev(tip);

	if (r->calls < 4)
		r->tips[r->calls] = strdup(id ? id : "");
	if (r->calls++ == 0)
		sh("printf '# 2. Other\\n' > doc/adr/0002-other.md && git add doc/adr/0002-other.md"
		   " && git commit -qm other");
	return adr_renumber_on_tip(r->rn, tip, plan, err);
}

static void test_write_checked_race(void **state)
{
	adr_renumber rn;
	repo_plan plan;
	repo *r = NULL;
	strbuf err = STRBUF_INIT;
	struct racer rc = { &rn, 0, { NULL } };
	char *id = NULL, *s;

	(void)state;
	base_repo();
	start(&rn, &plan);
	if (repo_open(&r, tmp, NULL, &err))
		fail_msg("repo_open: %s", strbuf_str(&err));
	if (repo_write_checked(r, &plan, 1, racing_tip, &rc, &id, &err))
		fail_msg("repo_write_checked: %s", strbuf_str(&err));
	/* Asked on the old tip, lost the CAS, asked again on the new one. */
	assert_int_equal(rc.calls, 2);
	assert_string_not_equal(rc.tips[0], rc.tips[1]);
	s = out("git log --format=%%s | tr '\\n' '|'");
	assert_string_equal(s, "adr: 3. Mine|other|one|");
	free(s);
	s = out("git rev-parse HEAD");
	assert_string_equal(s, id);
	free(s);
	s = out("git show --name-only --format= HEAD | tr '\\n' ' '");
	assert_string_equal(s, "doc/adr/0001-one.md doc/adr/0003-mine.md ");
	free(s);
	s = out("git ls-tree --name-only HEAD doc/adr/ | tr '\\n' ' '");
	assert_string_equal(s, "doc/adr/0001-one.md doc/adr/0002-other.md doc/adr/0003-mine.md ");
	free(s);
	s = out("git status --porcelain");
	assert_string_equal(s, "");
	free(s);
	assert_false(exists("doc/adr/0002-mine.md"));
	s = out("git show HEAD:doc/adr/0001-one.md");
	assert_string_equal(s, "# 1. One\n\n## Status\n\nSuperseded by [3. Mine](0003-mine.md)");
	free(s);
	sh("git fsck --no-progress");
	for (int i = 0; i < 4; i++)
		free(rc.tips[i]);
	free(id);
	repo_free(r);
	adr_renumber_free(&rn);
	strbuf_free(&err);
}

/* A removal the tip has: gone from the commit, the index and the work tree. */
static int remove_tip_file(void *arg, const repo *tip, repo_plan *plan, strbuf *err)
{
	static const char *const gone[] = { "doc/adr/0001-one.md" };
	(void)arg;
	assert_int_equal(repo_path_kind(tip, gone[0]), 1);
	if (plan->nremove)
		return 0;
	plan->remove = gone;
	plan->nremove = 1;
	plan->message = "drop one";
	return REPO_PLAN_CHANGED;
}

static int refuse(void *arg, const repo *tip, repo_plan *plan, strbuf *err)
{
	(void)arg;
	(void)tip;
	(void)plan;
	strbuf_puts(err, "no");
	return -7;
}

static void test_write_checked_remove(void **state)
{
	repo_file f = { "doc/adr/0002-two.md", "# 2. Two\n", 9 };
	repo_plan plan = { &f, 1, NULL, 0, "two" };
	repo *r = NULL;
	strbuf err = STRBUF_INIT;
	char *s;

	(void)state;
	sh("git init -q -b main && mkdir -p doc/adr && printf '# 1. One\\n' > doc/adr/0001-one.md"
	   " && git add -A && git commit -qm one");
	if (repo_open(&r, tmp, NULL, &err))
		fail_msg("repo_open: %s", strbuf_str(&err));
	/* A callback that refuses: its code comes back, nothing is written. */
	assert_int_equal(repo_write_checked(r, &plan, 1, refuse, NULL, NULL, &err), -7);
	assert_string_equal(strbuf_str(&err), "no");
	assert_false(exists("doc/adr/0002-two.md"));
	strbuf_reset(&err);
	if (repo_write_checked(r, &plan, 1, remove_tip_file, NULL, NULL, &err))
		fail_msg("repo_write_checked: %s", strbuf_str(&err));
	s = out("git log -1 --format=%%s && git ls-tree --name-only HEAD doc/adr/ && git status --porcelain");
	assert_string_equal(s, "drop one\ndoc/adr/0002-two.md");
	free(s);
	assert_false(exists("doc/adr/0001-one.md"));
	repo_free(r);
	strbuf_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_renumber),
		cmocka_unit_test(test_text_relink),
		cmocka_unit_test_setup_teardown(test_number_free, setup, teardown),
		cmocka_unit_test_setup_teardown(test_number_taken, setup, teardown),
		cmocka_unit_test_setup_teardown(test_work_tree_higher, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_folder_on_tip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_checked_race, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_checked_remove, setup, teardown),
	};
	return cmocka_run_group_tests_name("adr renumber", tests, NULL, NULL);
}
