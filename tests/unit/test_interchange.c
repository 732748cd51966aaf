/* Interchange: reading each format into the neutral document, planning an import, exporting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "interchange.h"

static int has_diag(const diag_list *dl, int line, int col, const char *text)
{
	for (size_t i = 0; i < dl->n; i++)
		if ((line < 0 || dl->items[i].line == line) && (col < 0 || dl->items[i].col == col) &&
		    strstr(dl->items[i].message, text))
			return 1;
	for (size_t i = 0; i < dl->n; i++)
		print_message("  got %d:%d: %s\n", dl->items[i].line, dl->items[i].col, dl->items[i].message);
	return 0;
}

static radar_ix *parse(radar_format f, const char *text, diag_list *dl)
{
	radar_ix *ix = NULL;
	radar_import_parse(&ix, f, "in", text, strlen(text), dl);
	return ix;
}

static void test_formats(void **state)
{
	radar_format f;
	assert_int_equal(radar_format_parse("zalando-json", &f), 0);
	assert_int_equal(f, RADAR_FMT_ZALANDO_JSON);
	assert_string_equal(radar_format_name(RADAR_FMT_BACKSTAGE_JSON), "backstage-json");
	assert_int_equal(radar_format_parse("csv", &f), -1);
}

static void test_csv(void **state)
{
	diag_list dl = DIAG_LIST_INIT;
	radar_ix *ix = parse(RADAR_FMT_BYOR_CSV,
			     "\xEF\xBB\xBF\"name\",\"ring\",\"quadrant\",\"isNew\",\"description\"\r\n"
			     "A,Adopt,Tools,TRUE,\"<p>a, \"\"b\"\"\nc</p>\"\r\n\r\nB,,Techniques,FALSE,\n",
			     &dl);
	assert_non_null(ix);
	assert_int_equal(ix->n, 2);
	assert_string_equal(ix->items[0].description, "<p>a, \"b\"\nc</p>");
	assert_string_equal(ix->items[0].ring, "Adopt");
	assert_null(ix->items[1].ring);
	assert_int_equal(ix->items[1].line, 5);
	radar_ix_free(ix);

	ix = parse(RADAR_FMT_BYOR_CSV, "name,ring,quadrant\nA,Adopt,\"Tools\"x\n", &dl);
	assert_null(ix);
	assert_true(has_diag(&dl, 2, 16, "text after a closing quote"));
	diag_list_free(&dl);
}

static void test_json_positions(void **state)
{
	diag_list dl = DIAG_LIST_INIT;
	radar_ix *ix = parse(RADAR_FMT_ZALANDO_JSON,
			     "{\"entries\": [\n  {\"quadrant\": 0, \"ring\": 0, \"label\": \"A\"},\n"
			     "  {\"quadrant\": 9, \"ring\": 0, \"label\": \"B\"}\n]}", &dl);
	assert_null(ix);
	assert_true(has_diag(&dl, 3, 16, "'quadrant' must be a quadrant's index"));
	diag_list_free(&dl);
	memset(&dl, 0, sizeof(dl));
	ix = parse(RADAR_FMT_BACKSTAGE_JSON, "{\"entries\": [}", &dl);
	assert_null(ix);
	assert_true(has_diag(&dl, 1, -1, "not valid JSON"));
	diag_list_free(&dl);
}

static void test_plan_fresh_and_lossy(void **state)
{
	diag_list dl = DIAG_LIST_INIT;
	radar_import_plan p;
	radar_ix *ix = parse(RADAR_FMT_BYOR_JSON,
			     "[{\"name\": \"Go\", \"ring\": \"Caution\", \"quadrant\": \"languages & frameworks\"},\n"
			     " {\"name\": \"Rust\", \"ring\": \"Explore\", \"quadrant\": \"Data\"},\n"
			     " {\"name\": \"go\", \"ring\": \"adopt\", \"quadrant\": \"Tools\"}]", &dl);
	assert_non_null(ix);
	assert_int_equal(radar_import_plan_make(&p, ix, NULL, 0, &dl), -1);
	assert_true(has_diag(&dl, 3, 2, "'go' is here twice (first at line 1)"));
	diag_list_free(&dl);
	memset(&dl, 0, sizeof(dl));
	assert_int_equal(radar_import_plan_make(&p, ix, NULL, RADAR_IMPORT_LOSSY, &dl), 0);
	assert_non_null(p.config_yaml);
	assert_int_equal(p.cfg->nquadrants, 5);
	assert_int_equal(p.cfg->nrings, 5);
	assert_string_equal(p.cfg->rings[4].id, "explore");
	assert_non_null(strstr(p.entries[0].yaml, "ring: hold\n"));
	assert_non_null(strstr(p.entries[0].yaml, "quadrant: languages-and-frameworks\n"));
	assert_non_null(strstr(p.entries[1].yaml, "quadrant: data\n"));
	assert_null(p.entries[2].yaml);
	assert_int_equal(p.nnotes, 1);
	radar_import_plan_release(&p);
	radar_ix_free(ix);
	diag_list_free(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_json_positions),
		cmocka_unit_test(test_plan_fresh_and_lossy),
	};
	return cmocka_run_group_tests_name("interchange", tests, NULL, NULL);
}
