/* The scorecard: latest vote per rater, exact totals, inclusive thresholds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "config.h"
#include "entry.h"
#include "scorecard.h"
#include "util/strbuf.h"
#include <stdio.h>

typedef struct fixture {
	radar_config *cfg;
} fixture;

static int setup(void **state)
{
	fixture *f = test_malloc(sizeof(*f));
	f->cfg = radar_config_default();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	radar_config_free(f->cfg);
	test_free(f);
	return 0;
}

/* Parses an entry from YAML text; fails the test on any diagnostic error. */
static radar_entry *entry(const radar_config *cfg, const char *yaml)
{
	diag_list dl = DIAG_LIST_INIT;
	radar_entry *e = NULL;
	int rc = radar_entry_parse(&e, cfg, "t", "radar/t.yaml", yaml, strlen(yaml), &dl);
	for (size_t i = 0; i < dl.n; i++)
		print_message("%s:%d:%d: %s\n", dl.items[i].path, dl.items[i].line, dl.items[i].col,
			      dl.items[i].message);
	assert_int_equal(rc, 0);
	diag_list_free(&dl);
	return e;
}

static void expect_total(const radar_score *s, const char *fixed, const char *exact)
{
	strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	frac_format_fixed(&a, s->total, 2);
	frac_format_exact(&b, s->total);
	assert_string_equal(a.buf, fixed);
	assert_string_equal(b.buf, exact);
	strbuf_free(&a);
	strbuf_free(&b);
}

static void test_exactly_three_and_a_half_is_trial(void **state)
{
	fixture *f = *state;
	radar_entry *e = entry(f->cfg,
			       "name: T\nquadrant: tools\nscores:\n"
			       "  - {date: 2026-01-01, by: a, maturity: 4.5, ecosystem: 1, migration: 4, maintenance: 4.5}\n");
	radar_score s;
	radar_score_compute(&s, f->cfg, e);
	assert_true(s.scored);
	expect_total(&s, "3.50", "7/2");
	assert_string_equal(f->cfg->rings[s.ring].id, "trial");
	assert_true(s.has_up);
	assert_int_equal(frac_cmp(s.to_up, frac_make(1, 2)), 0);
	assert_true(s.has_down);
	assert_int_equal(s.to_down.num, 0);
	radar_score_release(&s);
	radar_entry_free(e);
}

static void test_thresholds_inclusive(void **state)
{
	fixture *f = *state;
	struct {
		const char *scores, *ring, *total;
	} cases[] = {
		{ "maturity: 4, ecosystem: 4, migration: 4, maintenance: 4", "adopt", "4.00" },
		{ "maturity: 3, ecosystem: 3, migration: 3, maintenance: 3", "assess", "3.00" },
		{ "maturity: 3, ecosystem: 3, migration: 3, maintenance: 2.5", "hold", "2.90" },
		{ "maturity: 5, ecosystem: 5, migration: 5, maintenance: 5", "adopt", "5.00" },
		{ "maturity: 1, ecosystem: 1, migration: 1, maintenance: 1", "hold", "1.00" },
		/* 0.3*4 + 0.25*3.5 + 0.25*3.5 + 0.2*3.5 = 3.65 */
		{ "maturity: 4, ecosystem: 3.5, migration: 3.5, maintenance: 3.5", "trial", "3.65" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char yaml[512];
		radar_entry *e;
		radar_score s;
		snprintf(yaml, sizeof(yaml),
			 "name: T\nquadrant: tools\nscores:\n  - {date: 2026-01-01, by: a, %s}\n",
			 cases[i].scores);
		e = entry(f->cfg, yaml);
		radar_score_compute(&s, f->cfg, e);
		assert_string_equal(f->cfg->rings[s.ring].id, cases[i].ring);
		{
			strbuf t = STRBUF_INIT;
			frac_format_fixed(&t, s.total, 2);
			assert_string_equal(t.buf, cases[i].total);
			strbuf_free(&t);
		}
		radar_score_release(&s);
		radar_entry_free(e);
	}
}

static void test_latest_block_per_rater_and_thirds(void **state)
{
	fixture *f = *state;
	/* alice's newer block (listed first) wins over her older one; three raters make thirds. */
	radar_entry *e = entry(f->cfg,
			       "name: T\nquadrant: tools\nring: assess\nscores:\n"
			       "  - {date: 2026-03-01, by: alice, maturity: 4, ecosystem: 3, migration: 3, maintenance: 3}\n"
			       "  - {date: 2026-01-01, by: alice, maturity: 1, ecosystem: 1, migration: 1, maintenance: 1}\n"
			       "  - {date: 2026-02-01, by: bob, maturity: 3, ecosystem: 3, migration: 3, maintenance: 3}\n"
			       "  - {date: 2026-02-01, by: carol, maturity: 3, ecosystem: 5, migration: 3, maintenance: 3}\n");
	radar_score s;
	radar_score_compute(&s, f->cfg, e);
	assert_int_equal(s.nraters, 3);
	assert_string_equal(s.raters[0], "alice");
	assert_int_equal(s.dims[0].votes, 3);
	/* maturity mean (4+3+3)/3 = 10/3 */
	assert_int_equal(frac_cmp(s.dims[0].mean, frac_make(10, 3)), 0);
	/* ecosystem (3+3+5)/3 = 11/3, spread 2: a disagreement */
	assert_int_equal(frac_cmp(s.dims[1].mean, frac_make(11, 3)), 0);
	assert_true(s.dims[1].disagreement);
	assert_false(s.dims[0].disagreement);
	/* 0.3*10/3 + 0.25*11/3 + 0.25*3 + 0.2*3 = 1 + 11/12 + 3/4 + 3/5 = 49/15 */
	expect_total(&s, "3.27", "49/15");
	assert_string_equal(f->cfg->rings[s.ring].id, "assess");
	assert_false(s.mismatch);
	radar_score_release(&s);
	radar_entry_free(e);
}

static void test_same_date_later_block_wins(void **state)
{
	fixture *f = *state;
	radar_entry *e = entry(f->cfg,
			       "name: T\nquadrant: tools\nscores:\n"
			       "  - {date: 2026-03-01, by: a, maturity: 1, ecosystem: 1, migration: 1, maintenance: 1}\n"
			       "  - {date: 2026-03-01, by: a, maturity: 5, ecosystem: 5, migration: 5, maintenance: 5}\n");
	radar_score s;
	radar_score_compute(&s, f->cfg, e);
	expect_total(&s, "5.00", "5");
	assert_false(s.has_up);
	assert_true(s.has_down);
	radar_score_release(&s);
	radar_entry_free(e);
}

static void test_mismatch_and_unscored(void **state)
{
	fixture *f = *state;
	radar_entry *e = entry(f->cfg,
			       "name: T\nquadrant: tools\nring: Caution\nscores:\n"
			       "  - {date: 2026-03-01, by: a, maturity: 5, ecosystem: 5, migration: 5, maintenance: 5}\n");
	radar_score s;
	radar_score_compute(&s, f->cfg, e);
	assert_string_equal(f->cfg->rings[s.declared].id, "hold");
	assert_true(s.mismatch);
	assert_int_equal(s.placement, s.declared);
	radar_score_release(&s);
	radar_entry_free(e);

	e = entry(f->cfg, "name: T\nquadrant: tools\nscores:\n"
			  "  - {date: 2026-03-01, by: a, maturity: 5, ecosystem: 5}\n");
	radar_score_compute(&s, f->cfg, e);
	assert_false(s.scored);
	assert_int_equal(s.ring, -1);
	assert_int_equal(s.placement, -1);
	radar_score_release(&s);
	radar_entry_free(e);
}

static void test_partial_rating_keeps_earlier_votes(void **state)
{
	fixture *f = *state;
	radar_entry *e = entry(f->cfg,
			       "name: T\nquadrant: tools\nscores:\n"
			       "  - {date: 2026-01-01, by: a, maturity: 3, ecosystem: 3, migration: 3, maintenance: 3}\n"
			       "  - {date: 2026-02-01, by: a, ecosystem: 5}\n");
	radar_score s;
	radar_score_compute(&s, f->cfg, e);
	/* 0.9 + 1.25 + 0.75 + 0.6 */
	expect_total(&s, "3.50", "7/2");
	radar_score_release(&s);
	radar_entry_free(e);
}

static void test_outermost_has_no_down(void **state)
{
	fixture *f = *state;
	radar_entry *e = entry(f->cfg, "name: T\nquadrant: tools\nscores:\n"
				       "  - {date: 2026-01-01, by: a, maturity: 2, ecosystem: 2, migration: 2, maintenance: 2}\n");
	radar_score s;
	radar_score_compute(&s, f->cfg, e);
	assert_string_equal(f->cfg->rings[s.ring].id, "hold");
	assert_false(s.has_down);
	assert_true(s.has_up);
	assert_int_equal(frac_cmp(s.to_up, frac_make(1, 1)), 0);
	radar_score_release(&s);
	radar_entry_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_exactly_three_and_a_half_is_trial, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thresholds_inclusive, setup, teardown),
		cmocka_unit_test_setup_teardown(test_latest_block_per_rater_and_thirds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_date_later_block_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mismatch_and_unscored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial_rating_keeps_earlier_votes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outermost_has_no_down, setup, teardown),
	};
	return cmocka_run_group_tests_name("scorecard", tests, NULL, NULL);
}
