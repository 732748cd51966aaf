/* Exact fractions and calendar dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/date.h"
#include "util/frac.h"
#include "util/strbuf.h"

static void expect_fixed(frac f, int decimals, const char *want)
{
	strbuf sb = STRBUF_INIT;
	frac_format_fixed(&sb, f, decimals);
	assert_string_equal(sb.buf, want);
	strbuf_free(&sb);
}

static void expect_exact(frac f, const char *want)
{
	strbuf sb = STRBUF_INIT;
	frac_format_exact(&sb, f);
	assert_string_equal(sb.buf, want);
	strbuf_free(&sb);
}

static void test_parse_decimal(void **state)
{
	frac f;
	(void)state;
	assert_int_equal(frac_parse_decimal("3.5", &f), 0);
	assert_int_equal(f.num, 7);
	assert_int_equal(f.den, 2);
	assert_int_equal(frac_parse_decimal("4", &f), 0);
	assert_int_equal(f.den, 1);
	assert_int_equal(frac_parse_decimal("-0.25", &f), 0);
	assert_int_equal(f.num, -1);
	assert_int_equal(f.den, 4);
	assert_int_equal(frac_parse_decimal(".5", &f), 0);
	assert_int_equal(frac_parse_decimal("1e309", &f), -1);
	assert_int_equal(frac_parse_decimal("nan", &f), -1);
	assert_int_equal(frac_parse_decimal("", &f), -1);
	assert_int_equal(frac_parse_decimal(".", &f), -1);
	assert_int_equal(frac_parse_decimal("3.5.1", &f), -1);
	assert_int_equal(frac_parse_decimal("99999999999999999999", &f), -1);
	assert_int_equal(frac_parse_decimal("0.1234567", &f), -1);
}

static void test_arithmetic(void **state)
{
	frac a = frac_make(1, 3), b = frac_make(1, 6);
	(void)state;
	expect_exact(frac_add(a, b), "1/2");
	expect_exact(frac_sub(a, b), "1/6");
	expect_exact(frac_mul(frac_make(9, 2), frac_make(30, 100)), "27/20");
	expect_exact(frac_make(8, 2), "4");
	expect_exact(frac_make(3, -6), "-1/2");
	assert_int_equal(frac_cmp(frac_make(7, 2), frac_make(35, 10)), 0);
	assert_true(frac_cmp(frac_make(1, 3), frac_make(333, 1000)) > 0);
}

static void test_format_rounding(void **state)
{
	(void)state;
	expect_fixed(frac_make(7, 2), 2, "3.50");
	expect_fixed(frac_make(1, 8), 2, "0.13");     /* 0.125 rounds half away from zero */
	expect_fixed(frac_make(-1, 8), 2, "-0.13");
	expect_fixed(frac_make(2, 3), 2, "0.67");
	expect_fixed(frac_make(1, 3), 2, "0.33");
	expect_fixed(frac_make(-1, 1000), 2, "0.00"); /* no "-0.00" */
	expect_fixed(frac_make(4, 1), 1, "4.0");
	expect_fixed(frac_make(19, 2), 0, "10");
}

/* The example DESIGN gives: 4.5, 1, 4, 4.5 sums to exactly 3.5 (a double gives 3.4999...). */
static void test_exact_where_double_fails(void **state)
{
	frac total = frac_make(0, 1);
	(void)state;
	total = frac_add(total, frac_mul(frac_make(9, 2), frac_make(30, 100)));
	total = frac_add(total, frac_mul(frac_make(1, 1), frac_make(25, 100)));
	total = frac_add(total, frac_mul(frac_make(4, 1), frac_make(25, 100)));
	total = frac_add(total, frac_mul(frac_make(9, 2), frac_make(20, 100)));
	assert_int_equal(frac_cmp(total, frac_make(7, 2)), 0);
}

static void test_date_parse(void **state)
{
	date d;
	(void)state;
	assert_int_equal(date_parse("2026-02-28", &d), 0);
	assert_int_equal(date_parse("2026-02-29", &d), -1);
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(date_parse("2026-02-30", &d), -1);
	assert_int_equal(date_parse("2026-13-01", &d), -1);
	assert_int_equal(date_parse("2026-00-10", &d), -1);
	assert_int_equal(date_parse("2026-1-01", &d), -1);
	assert_int_equal(date_parse("2026-01-01x", &d), -1);
	assert_int_equal(date_parse("1900-02-29", &d), -1);
	assert_int_equal(date_parse("2000-02-29", &d), 0);
}

static void expect_add(const char *from, int months, const char *want)
{
	date d;
	char buf[11];
	assert_int_equal(date_parse(from, &d), 0);
	date_format(date_add_months(d, months), buf);
	assert_string_equal(buf, want);
}

static void test_add_months(void **state)
{
	(void)state;
	expect_add("2026-01-31", 3, "2026-04-30");
	expect_add("2026-01-31", 1, "2026-02-28");
	expect_add("2028-01-31", 1, "2028-02-29");
	expect_add("2026-11-15", 3, "2027-02-15");
	expect_add("2026-08-31", 6, "2027-02-28");
	expect_add("2026-04-06", 3, "2026-07-06");
}

static void test_days_roundtrip(void **state)
{
	date d = { 1970, 1, 1 };
	(void)state;
	assert_int_equal(date_to_days(d), 0);
	for (long n = -1000; n < 200000; n += 37) {
		date x = date_from_days(n);
		assert_true(date_valid(x.year, x.month, x.day));
		assert_int_equal(date_to_days(x), n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_decimal),
		cmocka_unit_test(test_arithmetic),
		cmocka_unit_test(test_format_rounding),
		cmocka_unit_test(test_exact_where_double_fails),
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_days_roundtrip),
	};
	return cmocka_run_group_tests_name("frac and date", tests, NULL, NULL);
}
