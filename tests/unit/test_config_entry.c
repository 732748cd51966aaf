/* .radar.yml and entry files: every bad input gets a diagnostic at its place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "entry.h"
#include "util/strbuf.h"

/* Whether some diagnostic sits at line:col with `text` in its message. */
static int has_diag(const diag_list *dl, diag_severity sev, int line, int col, const char *text)
{
	for (size_t i = 0; i < dl->n; i++) {
		const diag *d = &dl->items[i];
		if (d->severity == sev && (line < 0 || d->line == line) && (col < 0 || d->col == col) &&
		    strstr(d->message, text))
			return 1;
	}
	for (size_t i = 0; i < dl->n; i++)
		print_message("  got %s:%d:%d: %s\n", dl->items[i].path, dl->items[i].line,
			      dl->items[i].col, dl->items[i].message);
	return 0;
}

static void config_diags(const char *yaml, diag_list *dl, int want_rc)
{
	radar_config *cfg = NULL;
	int rc = radar_config_parse(&cfg, ".radar.yml", yaml, strlen(yaml), dl);
	assert_int_equal(rc, want_rc);
	assert_non_null(cfg);
	radar_config_free(cfg);
}

static void test_config_defaults_and_partial(void **state)
{
	diag_list dl = DIAG_LIST_INIT;
	radar_config *cfg = NULL;
	const char *yaml = "title: Ours\nreview: {after_months: 6}\n";
	(void)state;
	assert_int_equal(radar_config_parse(&cfg, ".radar.yml", yaml, strlen(yaml), &dl), 0);
	assert_int_equal(dl.n, 0);
	assert_string_equal(cfg->title, "Ours");
	assert_int_equal(cfg->review_after_months, 6);
	assert_int_equal(cfg->nquadrants, 4);
	assert_int_equal(cfg->nrings, 4);
	assert_int_equal(cfg->dimensions[0].weight, 30);
	assert_int_equal(radar_config_find_ring(cfg, "CAUTION"), 3);
	assert_int_equal(radar_config_find_ring(cfg, "Trial"), 1);
	assert_int_equal(radar_config_find_quadrant(cfg, "Languages & Frameworks"), 3);
	radar_config_free(cfg);
}

static void test_config_roundtrip(void **state)
{
	diag_list dl = DIAG_LIST_INIT;
	radar_config *def = radar_config_default(), *back = NULL;
	char *yaml = radar_config_to_yaml(def);
	(void)state;
	assert_int_equal(radar_config_parse(&back, ".radar.yml", yaml, strlen(yaml), &dl), 0);
	assert_int_equal(dl.n, 0);
	assert_int_equal(back->nrings, def->nrings);
	for (size_t i = 0; i + 1 < def->nrings; i++)
		assert_int_equal(frac_cmp(back->rings[i].threshold, def->rings[i].threshold), 0);
	assert_string_equal(back->quadrants[3].name, "Languages & Frameworks");
	free(yaml);
	radar_config_free(def);
	radar_config_free(back);
}

static void test_config_weights(void **state)
{
	diag_list dl = DIAG_LIST_INIT;
	(void)state;
	config_diags("scorecard:\n  dimensions:\n    - {id: a, weight: 50}\n    - {id: b, weight: 40}\n",
		     &dl, -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 3, 5, "add up to 90"));
	diag_list_free(&dl);
}

static void test_config_thresholds(void **state)
{
	diag_list dl = DIAG_LIST_INIT;
	(void)state;
	config_diags("scorecard:\n  thresholds: {adopt: 3.0, trial: 3.5, assess: 3.0}\n", &dl, -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 2, 15, "out of order"));
	diag_list_free(&dl);
	config_diags("scorecard:\n  thresholds: {adopt: 4.0, trail: 3.5, assess: 3.0}\n", &dl, -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 2, 28, "unknown ring 'trail'"));
	diag_list_free(&dl);
	config_diags("rings:\n  - {id: go}\n  - {id: wait}\n  - {id: no}\n", &dl, -1);
	assert_true(has_diag(&dl, DIAG_ERROR, -1, -1, "no scorecard threshold for ring 'go'"));
	diag_list_free(&dl);
}

static void test_config_shapes(void **state)
{
	diag_list dl = DIAG_LIST_INIT;
	(void)state;
	config_diags("quadrants:\n  - {id: only}\n", &dl, -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 2, 3, "between 2 and 8"));
	diag_list_free(&dl);
	config_diags("quadrants:\n  - {id: a}\n  - {id: a}\n", &dl, -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 3, 10, "duplicate id 'a'"));
	diag_list_free(&dl);
	config_diags("quadrants:\n  - {id: Tools}\n  - {id: b}\n", &dl, -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 2, 10, "lower-case"));
	diag_list_free(&dl);
	config_diags("colour: blue\n", &dl, 0);
	assert_true(has_diag(&dl, DIAG_WARNING, 1, 1, "unknown key 'colour'"));
	diag_list_free(&dl);
	config_diags("title: [a\n", &dl, -1);
	assert_true(has_diag(&dl, DIAG_ERROR, -1, -1, "invalid YAML"));
	diag_list_free(&dl);
	config_diags("paths: {entries: ../elsewhere}\n", &dl, -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 1, 18, "inside the repository"));
	diag_list_free(&dl);
}

static int entry_diags(const char *id, const char *yaml, size_t len, diag_list *dl)
{
	radar_config *cfg = radar_config_default();
	radar_entry *e = NULL;
	int rc = radar_entry_parse(&e, cfg, id, "radar/x.yaml", yaml, len, dl);
	radar_entry_free(e);
	radar_config_free(cfg);
	return rc;
}

#define ENTRY(yaml, dl) entry_diags("x", yaml, strlen(yaml), dl)

static void test_entry_errors(void **state)
{
	diag_list dl = DIAG_LIST_INIT;
	(void)state;
	assert_int_equal(ENTRY("name: X\nquadrant: tool\n", &dl), -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 2, 11, "did you mean 'tools'"));
	diag_list_free(&dl);
	assert_int_equal(ENTRY("name: X\nquadrant: tools\nring: adoptt\n", &dl), -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 3, 7, "unknown ring 'adoptt'"));
	diag_list_free(&dl);
	assert_int_equal(ENTRY("quadrant: tools\n", &dl), -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 1, 1, "missing required field 'name'"));
	diag_list_free(&dl);
	assert_int_equal(ENTRY("name: X\nquadrant: tools\nscores:\n"
			       "  - {date: 2026-02-30, by: a, maturity: 3.3, ecosystem: 6, migration: x, maintenance: 1e309}\n",
			       &dl), -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 4, 12, "not a real date"));
	assert_true(has_diag(&dl, DIAG_ERROR, 4, 41, "steps of 0.5"));
	assert_true(has_diag(&dl, DIAG_ERROR, 4, 57, "outside the scale"));
	assert_true(has_diag(&dl, DIAG_ERROR, 4, 71, "steps of 0.5"));
	assert_true(has_diag(&dl, DIAG_ERROR, 4, 87, "steps of 0.5"));
	diag_list_free(&dl);
	assert_int_equal(ENTRY("name: X\nquadrant: tools\nring: [adopt]\n", &dl), -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 3, 7, "must be a single value, not a list"));
	diag_list_free(&dl);
	assert_int_equal(ENTRY("name: X\nquadrant: tools\nscores:\n  - {by: a, maturity: 3}\n", &dl), -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 4, 5, "no 'date'"));
	diag_list_free(&dl);
	assert_int_equal(ENTRY("name: X\nquadrant: tools\nscores:\n  - {date: 2026-01-01, by: a, maturty: 3}\n", &dl), -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 4, 31, "did you mean 'maturity'"));
	diag_list_free(&dl);
	assert_int_equal(ENTRY("name: X\nname: Y\nquadrant: tools\n", &dl), -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 2, 1, "duplicate key 'name'"));
	diag_list_free(&dl);
	assert_int_equal(entry_diags("../evil", "name: X\nquadrant: tools\n", 23, &dl), -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 1, 1, "lower-case"));
	diag_list_free(&dl);
	assert_int_equal(entry_diags("Mojo", "name: X\nquadrant: tools\n", 23, &dl), -1);
	diag_list_free(&dl);
}

static void test_entry_warnings(void **state)
{
	diag_list dl = DIAG_LIST_INIT;
	(void)state;
	assert_int_equal(ENTRY("name: X\nquadrant: tools\nowner: me\n", &dl), 0);
	assert_true(has_diag(&dl, DIAG_WARNING, 3, 1, "unknown key 'owner'"));
	diag_list_free(&dl);
}

static void test_hostile_yaml(void **state)
{
	diag_list dl = DIAG_LIST_INIT;
	strbuf sb = STRBUF_INIT;
	static const char bad_utf8[] = "name: \xff\xfe\nquadrant: tools\n";
	static const char with_nul[] = "name: a\0b\nquadrant: tools\n";
	(void)state;
	/* Billion laughs: nine levels of ten aliases each. */
	strbuf_puts(&sb, "a: &a [x, x, x, x, x, x, x, x, x, x]\n");
	for (char c = 'b'; c <= 'j'; c++)
		strbuf_printf(&sb, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", c, c,
			      c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
	assert_int_equal(ENTRY(sb.buf, &dl), -1);
	assert_true(has_diag(&dl, DIAG_ERROR, -1, -1, "alias bomb"));
	diag_list_free(&dl);
	strbuf_reset(&sb);
	for (int i = 0; i < 10000; i++)
		strbuf_putc(&sb, '[');
	assert_int_equal(ENTRY(sb.buf, &dl), -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 1, -1, "nesting deeper"));
	diag_list_free(&dl);
	assert_int_equal(entry_diags("x", bad_utf8, sizeof(bad_utf8) - 1, &dl), -1);
	assert_true(has_diag(&dl, DIAG_ERROR, 1, 7, "UTF-8"));
	diag_list_free(&dl);
	assert_int_equal(entry_diags("x", with_nul, sizeof(with_nul) - 1, &dl), -1);
	diag_list_free(&dl);
	assert_int_equal(ENTRY("a: &a [*a]\n", &dl), -1);
	diag_list_free(&dl);
	/* A BOM and CRLF line ends are fine. */
	assert_int_equal(ENTRY("\xef\xbb\xbfname: X\r\nquadrant: tools\r\n", &dl), 0);
	diag_list_free(&dl);
	strbuf_free(&sb);
}

static void test_append_rating_keeps_layout(void **state)
{
	diag_list dl = DIAG_LIST_INIT;
	const char *block = "{date: 2026-11-01, by: c, maturity: 4}";
	const char *in = "# our notes\nname: X   # the name\nquadrant: tools\nscores:\n"
			 "  - {date: 2026-01-01, by: a, maturity: 3}  # first\n"
			 "tags: [a]\n";
	char *out = radar_entry_append_rating("x", in, strlen(in), block, &dl);
	(void)state;
	assert_non_null(out);
	assert_string_equal(out, "# our notes\nname: X   # the name\nquadrant: tools\nscores:\n"
				 "  - {date: 2026-01-01, by: a, maturity: 3}  # first\n"
				 "  - {date: 2026-11-01, by: c, maturity: 4}\n"
				 "tags: [a]\n");
	free(out);

	in = "name: X\nquadrant: tools\nscores:\n- date: 2026-01-01\n  by: a\n  maturity: 3\n";
	out = radar_entry_append_rating("x", in, strlen(in), block, &dl);
	assert_string_equal(out, "name: X\nquadrant: tools\nscores:\n- date: 2026-01-01\n  by: a\n"
				 "  maturity: 3\n- {date: 2026-11-01, by: c, maturity: 4}\n");
	free(out);

	in = "name: X\nquadrant: tools\nscores: []\ntags: [a]";
	out = radar_entry_append_rating("x", in, strlen(in), block, &dl);
	assert_string_equal(out, "name: X\nquadrant: tools\nscores:\n  - {date: 2026-11-01, by: c, maturity: 4}\ntags: [a]");
	free(out);

	in = "name: X\nquadrant: tools";
	out = radar_entry_append_rating("x", in, strlen(in), block, &dl);
	assert_string_equal(out, "name: X\nquadrant: tools\nscores:\n  - {date: 2026-11-01, by: c, maturity: 4}\n");
	free(out);
	assert_int_equal(dl.n, 0);
}

static void test_set_ring(void **state)
{
	diag_list dl = DIAG_LIST_INIT;
	const char *in = "name: X\nquadrant: tools\nring: assess  # for now\n";
	char *out = radar_entry_set_ring("x", in, strlen(in), "trial", &dl);
	(void)state;
	assert_string_equal(out, "name: X\nquadrant: tools\nring: trial  # for now\n");
	free(out);
	in = "name: X\nquadrant: tools\ndescription: d\n";
	out = radar_entry_set_ring("x", in, strlen(in), "hold", &dl);
	assert_string_equal(out, "name: X\nquadrant: tools\nring: hold\ndescription: d\n");
	free(out);
	assert_int_equal(dl.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_defaults_and_partial),
		cmocka_unit_test(test_config_roundtrip),
		cmocka_unit_test(test_config_weights),
		cmocka_unit_test(test_config_thresholds),
		cmocka_unit_test(test_config_shapes),
		cmocka_unit_test(test_entry_errors),
		cmocka_unit_test(test_entry_warnings),
		cmocka_unit_test(test_hostile_yaml),
		cmocka_unit_test(test_append_rating_keeps_layout),
		cmocka_unit_test(test_set_ring),
	};
	return cmocka_run_group_tests_name("config and entries", tests, NULL, NULL);
}
