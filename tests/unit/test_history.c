/*
 * history.c and repo-history.c: the diff of two radars, the retrospective
 * check on a hand-made history, the walk and the last release on a real
 * repository built with the git CLI.
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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../radar/history.h"

static radar_entry *mk_entry(const radar_config *cfg, const char *id, const char *yaml)
{
	radar_entry *e = NULL;
	diag_list dl = DIAG_LIST_INIT;
	int rc = radar_entry_parse(&e, cfg, id, id, yaml, strlen(yaml), &dl);
	if (rc)
		fail_msg("%s: %s", id, dl.n ? dl.items[0].message : "?");
	diag_list_free(&dl);
	return e;
}

static radar *mk_radar(const char *const *ids, const char *const *yamls, size_t n)
{
	radar *rd = calloc(1, sizeof(*rd));
	rd->cfg = radar_config_default();
	rd->entries = calloc(n + 1, sizeof(*rd->entries));
	for (size_t i = 0; i < n; i++)
		rd->entries[rd->nentries++] = mk_entry(rd->cfg, ids[i], yamls[i]);
	rd->broken = calloc(1, sizeof(char *));
	rd->judgments = calloc(1, sizeof(*rd->judgments));
	return rd;
}

#define SC(x) "scores:\n  - {date: 2026-01-01, by: a, maturity: " x ", ecosystem: " x \
	", migration: " x ", maintenance: " x "}\n"

static void test_diff(void **state)
{
	const char *ids1[] = { "a", "b", "c", "d", "old" };
	const char *y1[] = {
		"name: A\nquadrant: tools\nring: assess\ndescription: x\n" SC("3"),
		"name: B\nquadrant: tools\n" SC("3.5"),
		"name: C\nquadrant: tools\n" SC("3"),
		"name: D\nquadrant: tools\nring: hold\n",
		"name: Renamed\nquadrant: tools\nring: trial\n",
	};
	const char *ids2[] = { "a", "b", "c", "e", "new-name" };
	const char *y2[] = {
		"name: A\nquadrant: tools\nring: trial\ndescription: y\n" SC("3"),
		/* 3.5 -> 3.65: below 0.25, same ring */
		"name: B\nquadrant: tools\nscores:\n  - {date: 2026-01-01, by: a, maturity: 4, ecosystem: 3.5, migration: 3.5, maintenance: 3.5}\n",
		/* 3 -> 4: moved in (scorecard) and rescored */
		"name: C\nquadrant: tools\n" SC("4"),
		"name: E\nquadrant: tools\n",
		"name: renamed\nquadrant: tools\nring: hold\n",
	};
	radar *from = mk_radar(ids1, y1, 5), *to = mk_radar(ids2, y2, 5);
	radar_diff d;
	(void)state;

	radar_diff_compute(&d, from, to);
	assert_int_equal(d.n, 5);
	assert_string_equal(d.items[0].id, "a");
	assert_int_equal(d.items[0].flags, DIFF_MOVED_IN | DIFF_DESCRIPTION);
	assert_string_equal(d.items[1].id, "c");
	assert_int_equal(d.items[1].flags, DIFF_MOVED_IN | DIFF_RESCORED);
	assert_string_equal(d.items[2].id, "d");
	assert_int_equal(d.items[2].flags, DIFF_REMOVED);
	assert_string_equal(d.items[3].id, "e");
	assert_int_equal(d.items[3].flags, DIFF_NEW);
	assert_string_equal(d.items[4].id, "new-name");
	assert_string_equal(d.items[4].old_id, "old");
	assert_int_equal(d.items[4].flags, DIFF_RENAMED | DIFF_MOVED_OUT);
	radar_diff_release(&d);
	radar_free(from);
	radar_free(to);
}

/* A hand-made history: retro goes by calendar months and by event dates. */
static void test_retro(void **state)
{
	radar_hist_commit c[4];
	radar_hist_event ev[4];
	radar_history h = { 0 };
	radar_retro *rr;
	size_t n;
	date today = { 2026, 11, 29 };
	(void)state;

	memset(c, 0, sizeof(c));
	memset(ev, 0, sizeof(ev));
	c[0].day = (date){ 2025, 11, 30 };  /* + 3 months = 2026-02-28 */
	c[1].day = (date){ 2026, 2, 28 };   /* on the due date: counts */
	c[2].day = (date){ 2026, 3, 1 };
	c[3].day = (date){ 2026, 9, 1 };    /* due 2026-12-01: not yet */
	for (int i = 0; i < 4; i++) {
		ev[i].entry = 7;
		ev[i].by = ev[i].step = &c[i];
		ev[i].present = 1;
		ev[i].id = (char *)"x";
	}
	ev[0].kind = HIST_ADDED;
	ev[0].after.placement = 2;
	ev[1].kind = HIST_MOVED;
	ev[1].after.placement = 3;   /* out, on the due date */
	ev[2].kind = HIST_REMOVED;
	ev[2].present = 0;
	ev[2].after.placement = -1;
	ev[3].kind = HIST_ADDED;
	ev[3].after.placement = 1;
	h.events = ev;
	h.n = 4;
	radar_history_retro(&h, 3, today, &rr, &n);
	assert_int_equal(n, 3);
	assert_int_equal(rr[0].due.year, 2026);
	assert_int_equal(rr[0].due.month, 2);
	assert_int_equal(rr[0].due.day, 28);
	assert_int_equal(rr[0].outcome, RETRO_MOVED_OUT);
	assert_int_equal(rr[0].ring_at_due, 3);
	assert_int_equal(rr[1].outcome, RETRO_REMOVED);   /* 2026-05-28: removed on 03-01 */
	assert_int_equal(rr[2].outcome, RETRO_NOT_DUE);
	assert_string_equal(radar_retro_outcome_name(RETRO_MOVED_IN), "moved_in");
	assert_string_equal(radar_hist_kind_name(HIST_RESCORED), "rescored");
	free(rr);
}

static char dir[64];

static void sh(const char *cmd)
{
	char buf[4096];
	snprintf(buf, sizeof(buf),
		 "cd '%s' && export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 "
		 "GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@x GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@x; "
		 "( %s ) >/dev/null 2>&1", dir, cmd);
	if (system(buf) != 0)
		fail_msg("failed: %s", cmd);
}

static int count_steps(void *payload, const repo_commit *step, const repo_change *ch, size_t n)
{
	(void)step;
	(void)ch;
	*(size_t *)payload += n;
	return 0;
}

static void test_repo_walk_and_releases(void **state)
{
	repo *r = NULL;
	strbuf err = STRBUF_INIT;
	char *tag = NULL, *commit = NULL;
	size_t changes = 0, ntags = 0;
	repo_tag *tags = NULL;
	radar_history *h = NULL;
	radar_config *cfg = radar_config_default();
	(void)state;

	strcpy(dir, "/tmp/radar-test-history.XXXXXX");
	assert_non_null(mkdtemp(dir));
	sh("git init -q -b main . && mkdir radar && "
	   "printf 'name: A\\nquadrant: tools\\nring: assess\\n' > radar/a.yaml && git add -A && "
	   "GIT_COMMITTER_DATE='2026-01-01T00:00:00Z' GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' git commit -qm one && "
	   "git tag -a -m first e1 && git tag light && "
	   "printf 'name: A\\nquadrant: tools\\nring: trial\\n' > radar/a.yaml && "
	   "echo x > other.txt && git add -A && "
	   "GIT_COMMITTER_DATE='2026-02-01T00:00:00Z' GIT_AUTHOR_DATE='2026-02-01T00:00:00Z' git commit -qm two && "
	   "echo y > other.txt && git commit -qam three");
	assert_int_equal(repo_open(&r, dir, NULL, &err), 0);
	assert_int_equal(repo_walk_folder(r, "radar", count_steps, NULL, &changes, &err), 0);
	assert_int_equal(changes, 2);

	assert_int_equal(repo_last_release(r, &tag, &err), 0);
	assert_string_equal(tag, "e1");
	free(tag);
	assert_int_equal(repo_create_release(r, "e2", "second", &commit, &err), 0);
	assert_int_equal(strlen(commit), 40);
	free(commit);
	assert_int_equal(repo_create_release(r, "e2", "again", NULL, &err), REPO_EEXISTS);
	/* HEAD is e2's commit now: the last edition before it is still e1. */
	assert_int_equal(repo_last_release(r, &tag, &err), 0);
	assert_string_equal(tag, "e1");
	free(tag);
	assert_int_equal(repo_list_releases(r, NULL, &tags, &ntags, &err), 0);
	assert_int_equal(ntags, 2); /* the lightweight tag is no edition */
	assert_string_equal(tags[0].name, "e1");
	assert_string_equal(tags[0].message, "first");
	repo_tags_free(tags, ntags);

	assert_int_equal(radar_history_load(&h, r, cfg, NULL, NULL, NULL, &err), 0);
	assert_int_equal(h->n, 2);
	assert_int_equal(h->events[0].kind, HIST_ADDED);
	assert_int_equal(h->events[1].kind, HIST_MOVED);
	assert_int_equal(h->events[1].before.placement, 2);
	assert_int_equal(h->events[1].after.placement, 1);
	assert_int_equal(h->events[1].by->day.month, 2);
	radar_history_free(h);
	repo_free(r);

	/* Reading the first commit: no edition before it. */
	assert_int_equal(repo_open(&r, dir, "e1", &err), 0);
	assert_int_equal(repo_last_release(r, &tag, &err), 0);
	assert_null(tag);
	repo_free(r);
	radar_config_free(cfg);
	strbuf_free(&err);
	sh("cd / && rm -rf \"$OLDPWD\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_retro),
		cmocka_unit_test(test_repo_walk_and_releases),
	};
	return cmocka_run_group_tests_name("history", tests, NULL, NULL);
}
