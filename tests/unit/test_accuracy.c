/* Judgment accuracy: the arithmetic DESIGN §4 and the issue fix. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "accuracy.h"

static radar_review_item item(radar_verdict v, double confidence, const char *by)
{
	radar_review_item it;
	memset(&it, 0, sizeof(it));
	it.verdict = v;
	it.by = by;
	it.quadrant = -1;
	date_parse("2026-01-10", &it.when);
	date_parse("2026-04-10", &it.due);
	if (confidence >= 0) {
		it.has_confidence = 1;
		it.confidence = confidence;
	}
	return it;
}

static radar_accuracy_filter as_of(const char *d)
{
	radar_accuracy_filter f;
	memset(&f, 0, sizeof(f));
	date_parse(d, &f.as_of);
	return f;
}

/* The worked example: 7 correct of 10 -> 70.0 %, Wilson [39.7 %, 89.2 %]. */
static void test_worked_example(void **state)
{
	radar_review_item items[10];
	radar_accuracy_filter f = as_of("2026-11-29");
	radar_accuracy a;
	(void)state;
	for (int i = 0; i < 10; i++)
		items[i] = item(i < 7 ? VERDICT_CORRECT : VERDICT_INCORRECT, -1, "alice");
	radar_accuracy_compute(&a, items, 10, &f, NULL, NULL);
	assert_int_equal(a.reviewed, 10);
	assert_int_equal(a.correct, 7);
	assert_true(a.has_accuracy);
	assert_float_equal(a.accuracy, 0.700, 1e-9);
	assert_float_equal(a.wilson_lo, 0.397, 0.0005);
	assert_float_equal(a.wilson_hi, 0.892, 0.0005);
	assert_false(a.too_few);
	assert_int_equal(a.target, -1); /* the interval straddles 70 % */
	assert_false(a.has_brier);
}

static void test_partial_counts_half_and_open_overdue(void **state)
{
	radar_review_item items[4] = {
		item(VERDICT_CORRECT, -1, "a"), item(VERDICT_PARTIAL, -1, "a"),
		item(VERDICT_NONE, -1, "a"), item(VERDICT_NONE, -1, "b"),
	};
	radar_accuracy_filter f = as_of("2026-04-10");
	radar_accuracy a;
	(void)state;
	date_parse("2026-05-01", &items[3].due);
	radar_accuracy_compute(&a, items, 4, &f, NULL, NULL);
	assert_int_equal(a.reviewed, 2);
	assert_float_equal(a.accuracy, 0.75, 1e-9);
	assert_int_equal(a.overdue, 1); /* due on the as-of date counts */
	assert_int_equal(a.open, 1);
	assert_true(a.too_few);
	f.by = "b";
	radar_accuracy_compute(&a, items, 4, &f, NULL, NULL);
	assert_int_equal(a.total, 1);
	assert_int_equal(a.reviewed, 0);
	assert_false(a.has_accuracy);
}

static void test_brier_and_calibration(void **state)
{
	radar_review_item items[4] = {
		item(VERDICT_CORRECT, 0.9, "a"), item(VERDICT_INCORRECT, 0.8, "a"),
		item(VERDICT_PARTIAL, 1.0, "a"), item(VERDICT_CORRECT, 0.55, "a"),
	};
	radar_accuracy_filter f = as_of("2026-11-29");
	radar_accuracy a;
	(void)state;
	radar_accuracy_compute(&a, items, 4, &f, NULL, NULL);
	/* (0.01 + 0.64 + 0.25 + 0.2025) / 4 */
	assert_float_equal(a.brier, 1.1025 / 4, 1e-9);
	/* mean confidence 0.8125 - accuracy (1 + 0 + .5 + 1)/4 = 0.625 */
	assert_float_equal(a.overconfidence, 0.1875, 1e-9);
	assert_int_equal(a.nbuckets, 3);
	assert_float_equal(a.buckets[0].lo, 0.5, 1e-9);
	assert_int_equal(a.buckets[0].n, 1);
	assert_float_equal(a.buckets[1].lo, 0.8, 1e-9);
	assert_float_equal(a.buckets[2].lo, 0.9, 1e-9);
	assert_int_equal(a.buckets[2].n, 2); /* 0.9 and 1.0 share the last bucket */
	assert_float_equal(a.buckets[2].accuracy, 0.75, 1e-9);
}

static void test_target_met_and_not(void **state)
{
	radar_review_item items[40];
	radar_accuracy_filter f = as_of("2026-11-29");
	radar_accuracy a;
	(void)state;
	for (int i = 0; i < 40; i++)
		items[i] = item(i < 38 ? VERDICT_CORRECT : VERDICT_INCORRECT, -1, "a");
	radar_accuracy_compute(&a, items, 40, &f, NULL, NULL);
	assert_int_equal(a.target, 1);
	for (int i = 0; i < 40; i++)
		items[i] = item(i < 15 ? VERDICT_CORRECT : VERDICT_INCORRECT, -1, "a");
	radar_accuracy_compute(&a, items, 40, &f, NULL, NULL);
	assert_int_equal(a.target, 0);
}

static void test_since_until(void **state)
{
	radar_review_item items[3] = {
		item(VERDICT_CORRECT, -1, "a"), item(VERDICT_CORRECT, -1, "a"),
		item(VERDICT_INCORRECT, -1, "a"),
	};
	radar_accuracy_filter f = as_of("2026-11-29");
	radar_accuracy a;
	(void)state;
	date_parse("2025-12-01", &items[0].when);
	date_parse("2026-06-30", &items[2].when);
	f.has_since = f.has_until = 1;
	date_parse("2026-01-01", &f.since);
	date_parse("2026-06-30", &f.until);
	radar_accuracy_compute(&a, items, 3, &f, NULL, NULL);
	assert_int_equal(a.reviewed, 2);
	assert_float_equal(a.accuracy, 0.5, 1e-9);
}

static void test_empty_single_all_partial(void **state)
{
	radar_review_item items[3];
	radar_accuracy_filter f = as_of("2026-11-29");
	radar_accuracy a;
	(void)state;
	radar_accuracy_compute(&a, NULL, 0, &f, NULL, NULL);
	assert_int_equal(a.total, 0);
	assert_false(a.has_accuracy);
	assert_false(a.has_brier);
	assert_true(a.too_few);
	assert_int_equal(a.target, -1);
	assert_int_equal(a.nbuckets, 0);

	items[0] = item(VERDICT_CORRECT, 1.0, "a");
	radar_accuracy_compute(&a, items, 1, &f, NULL, NULL);
	assert_float_equal(a.accuracy, 1.0, 1e-12);
	/* Wilson for 1 of 1: [0.2065, 1] */
	assert_float_equal(a.wilson_lo, 0.2065, 0.0005);
	assert_float_equal(a.wilson_hi, 1.0, 1e-9);
	assert_float_equal(a.brier, 0.0, 1e-12);
	assert_float_equal(a.overconfidence, 0.0, 1e-12);

	for (int i = 0; i < 3; i++)
		items[i] = item(VERDICT_PARTIAL, 0.5, "a");
	radar_accuracy_compute(&a, items, 3, &f, NULL, NULL);
	assert_float_equal(a.accuracy, 0.5, 1e-12);
	/* a 50 % confidence on half-right outcomes is perfectly calibrated */
	assert_float_equal(a.brier, 0.0, 1e-12);
	assert_int_equal(a.nbuckets, 1);
	assert_float_equal(a.buckets[0].lo, 0.5, 1e-12);
	assert_float_equal(a.buckets[0].accuracy, 0.5, 1e-12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_partial_counts_half_and_open_overdue),
		cmocka_unit_test(test_brier_and_calibration),
		cmocka_unit_test(test_target_met_and_not),
		cmocka_unit_test(test_since_until),
		cmocka_unit_test(test_empty_single_all_partial),
	};
	return cmocka_run_group_tests_name("accuracy", tests, NULL, NULL);
}
