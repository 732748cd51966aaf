/* Interchange: reading each format into the neutral document, planning an import, exporting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "interchange.h"
#include "radar.h"

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

/* Plans importing `source` (BYOR JSON) into a radar whose .radar.yml is `cfg`. */
static void plan_into(radar_import_plan *p, const char *cfg, const char *source)
{
	diag_list dl = DIAG_LIST_INIT;
	radar_ix *ix = parse(RADAR_FMT_BYOR_JSON, source, &dl);
	radar rd;

	memset(&rd, 0, sizeof(rd));
	assert_non_null(ix);
	assert_int_equal(radar_config_parse(&rd.cfg, ".radar.yml", cfg, strlen(cfg), &dl), 0);
	rd.cfg_found = 1;
	rd.cfg_text = (char *)cfg;
	rd.cfg_len = strlen(cfg);
	assert_int_equal(radar_import_plan_make(p, ix, &rd, 0, &dl), 0);
	radar_config_free(rd.cfg);
	radar_ix_free(ix);
	diag_list_free(&dl);
}

static int has_note(const radar_import_plan *p, const char *text)
{
	for (size_t i = 0; i < p->nnotes; i++)
		if (strstr(p->notes[i], text))
			return 1;
	for (size_t i = 0; i < p->nnotes; i++)
		print_message("  note: %s\n", p->notes[i]);
	return 0;
}

/* Data between Tools and Platforms' neighbours, Explore between Trial and Assess. */
static const char explore_json[] =
	"{\"quadrants\": [\"Techniques\", \"Tools\", \"Data\"],\n"
	" \"rings\": [\"Adopt\", \"Trial\", \"Explore\", \"Assess\", \"Hold\"],\n"
	" \"blips\": [{\"name\": \"DuckDB\", \"ring\": \"Explore\", \"quadrant\": \"Data\"}]}";

static void test_edit_keeps_comments(void **state)
{
	radar_import_plan p;
	plan_into(&p,
		  "# Our radar. Keep this comment.\n"
		  "title: Platform Radar   # the title\n"
		  "quadrants:   # four of them\n"
		  "  - {id: techniques, name: Techniques}\n"
		  "  - {id: tools, name: Tools}   # tools!\n"
		  "  - {id: platforms, name: Platforms}\n"
		  "  - {id: languages-and-frameworks, name: Languages & Frameworks}\n"
		  "  # more quadrants later\n"
		  "rings:\n"
		  "  - {id: adopt, name: Adopt}\n"
		  "  - {id: trial, name: Trial}\n"
		  "  # assess: look at it\n"
		  "  - {id: assess, name: Assess}\n"
		  "  - {id: hold, name: Hold, aliases: [caution]}\n"
		  "scorecard:\n"
		  "  thresholds: {adopt: 4.0, trial: 3.5, assess: 3.0}   # inclusive\n"
		  "x-team: platform   # a key radar does not read\n",
		  explore_json);
	assert_string_equal(p.config_yaml,
			    "# Our radar. Keep this comment.\n"
			    "title: Platform Radar   # the title\n"
			    "quadrants:   # four of them\n"
			    "  - {id: techniques, name: Techniques}\n"
			    "  - {id: tools, name: Tools}   # tools!\n"
			    "  - {id: platforms, name: Platforms}\n"
			    "  - {id: languages-and-frameworks, name: Languages & Frameworks}\n"
			    "  - {id: data, name: Data}\n"
			    "  # more quadrants later\n"
			    "rings:\n"
			    "  - {id: adopt, name: Adopt}\n"
			    "  - {id: trial, name: Trial}\n"
			    "  - {id: explore, name: Explore}\n"
			    "  # assess: look at it\n"
			    "  - {id: assess, name: Assess}\n"
			    "  - {id: hold, name: Hold, aliases: [caution]}\n"
			    "scorecard:\n"
			    "  thresholds: {adopt: 4.0, trial: 3.5, explore: 3.25, assess: 3.0}   # inclusive\n"
			    "x-team: platform   # a key radar does not read\n");
	assert_string_equal(p.cfg->rings[2].id, "explore");
	assert_true(has_note(&p, "ring 'explore' added to .radar.yml with scorecard threshold 3.25"));
	assert_int_equal(p.nnotes, 1);
	radar_import_plan_release(&p);
}

static void test_edit_block_maps(void **state)
{
	radar_import_plan p;
	/* Block items (three blanks after the dash), block thresholds; Gone goes outside Hold. */
	plan_into(&p,
		  "quadrants:\n"
		  "- id: techniques\n"
		  "  name: Techniques\n"
		  "- id: tools\n"
		  "  name: Tools\n"
		  "rings:\n"
		  "  -   id: adopt\n"
		  "      name: Adopt\n"
		  "  -   id: assess\n"
		  "      name: Assess   # look\n"
		  "  -   id: hold\n"
		  "      name: Hold\n"
		  "scorecard:\n"
		  "  thresholds:\n"
		  "    adopt: 4.0   # in\n"
		  "    # assess next\n"
		  "    assess: 3.0\n",
		  "{\"quadrants\": [\"Techniques\", \"Tools\", \"Data Stores\"],\n"
		  " \"rings\": [\"Adopt\", \"Trial\", \"Assess\", \"Hold\", \"Gone\"],\n"
		  " \"blips\": [{\"name\": \"DuckDB\", \"ring\": \"Trial\", \"quadrant\": \"Data Stores\"},\n"
		  "  {\"name\": \"X\", \"ring\": \"Gone\", \"quadrant\": \"Tools\"}]}");
	assert_string_equal(p.config_yaml,
			    "quadrants:\n"
			    "- id: techniques\n"
			    "  name: Techniques\n"
			    "- id: tools\n"
			    "  name: Tools\n"
			    "- id: data-stores\n"
			    "  name: Data Stores\n"
			    "rings:\n"
			    "  -   id: adopt\n"
			    "      name: Adopt\n"
			    "  -   id: trial\n"
			    "      name: Trial\n"
			    "  -   id: assess\n"
			    "      name: Assess   # look\n"
			    "  -   id: hold\n"
			    "      name: Hold\n"
			    "  -   id: gone\n"
			    "      name: Gone\n"
			    "scorecard:\n"
			    "  thresholds:\n"
			    "    adopt: 4.0   # in\n"
			    "    trial: 3.5\n"
			    "    # assess next\n"
			    "    assess: 3.0\n"
			    "    hold: 2.5\n");
	assert_true(has_note(&p, "ring 'hold' is no longer the outermost: given scorecard threshold 2.50"));
	assert_true(has_note(&p, "ring 'gone' added to .radar.yml as the outermost ring"));
	radar_import_plan_release(&p);
}

static void test_edit_flow_lists(void **state)
{
	radar_import_plan p;
	/* One line, one item per line (comments stay on theirs), a flow scorecard without thresholds. */
	plan_into(&p,
		  "quadrants: [{id: techniques, name: Techniques}, {id: tools, name: Tools}]\n"
		  "rings: [\n"
		  "  {id: adopt, name: Adopt},   # in\n"
		  "  {id: assess, name: Assess}  # out\n"
		  "]\n"
		  "scorecard: {scale: [1, 5]}\n",
		  "{\"quadrants\": [\"Techniques\", \"Tools\", \"Data\"],\n"
		  " \"rings\": [\"Adopt\", \"Trial\", \"Assess\", \"Hold\"],\n"
		  " \"blips\": [{\"name\": \"DuckDB\", \"ring\": \"Hold\", \"quadrant\": \"Data\"},\n"
		  "  {\"name\": \"X\", \"ring\": \"Trial\", \"quadrant\": \"Tools\"}]}");
	assert_string_equal(p.config_yaml,
			    "quadrants: [{id: techniques, name: Techniques}, {id: tools, name: Tools}, {id: data, name: Data}]\n"
			    "rings: [\n"
			    "  {id: adopt, name: Adopt},   # in\n"
			    "  {id: trial, name: Trial},\n"
			    "  {id: assess, name: Assess},  # out\n"
			    "  {id: hold, name: Hold}\n"
			    "]\n"
			    "scorecard: {scale: [1, 5], thresholds: {trial: 3.5, assess: 3.0}}\n");
	radar_import_plan_release(&p);

	/* A flow thresholds map over lines, with a trailing comma: kept so. */
	plan_into(&p,
		  "quadrants: [{id: techniques, name: Techniques}, {id: tools, name: Tools}]\n"
		  "rings: [{id: adopt, name: Adopt}, {id: hold, name: Hold}]\n"
		  "scorecard:\n"
		  "  thresholds: {\n"
		  "    adopt: 4.5,  # high\n"
		  "  }\n",
		  explore_json);
	assert_string_equal(p.config_yaml,
			    "quadrants: [{id: techniques, name: Techniques}, {id: tools, name: Tools}, {id: data, name: Data}]\n"
			    "rings: [{id: adopt, name: Adopt}, {id: trial, name: Trial}, {id: explore, name: Explore}, "
			    "{id: assess, name: Assess}, {id: hold, name: Hold}]\n"
			    "scorecard:\n"
			    "  thresholds: {\n"
			    "    adopt: 4.5,  # high\n"
			    "    trial: 4.0,\n"
			    "    explore: 3.5,\n"
			    "    assess: 3.0,\n"
			    "  }\n");
	radar_import_plan_release(&p);
}

static void test_edit_crlf(void **state)
{
	radar_import_plan p;
	/* CRLF, and no line end at the very end: the new scorecard gets CRLF lines too. */
	plan_into(&p,
		  "# crlf\r\nquadrants:\r\n  - {id: techniques, name: Techniques}\r\n  - {id: tools, name: Tools}\r\n"
		  "rings:\r\n  - {id: adopt, name: Adopt}\r\n  - {id: hold, name: Hold}",
		  explore_json);
	assert_string_equal(p.config_yaml,
			    "# crlf\r\nquadrants:\r\n  - {id: techniques, name: Techniques}\r\n  - {id: tools, name: Tools}\r\n"
			    "  - {id: data, name: Data}\r\n"
			    "rings:\r\n  - {id: adopt, name: Adopt}\r\n  - {id: trial, name: Trial}\r\n"
			    "  - {id: explore, name: Explore}\r\n  - {id: assess, name: Assess}\r\n  - {id: hold, name: Hold}\r\n"
			    "scorecard:\r\n  thresholds: {trial: 3.5, explore: 3.0, assess: 2.5}\r\n");
	radar_import_plan_release(&p);
}

static void test_edit_replaces_thresholds(void **state)
{
	radar_import_plan p;
	/* No room between 4.0 and 3.99: the plan renumbers them, and the values change where they stand. */
	plan_into(&p,
		  "quadrants: [{id: a, name: A}, {id: b, name: B}]\n"
		  "rings:\n  - {id: adopt, name: Adopt}\n  - {id: close, name: Close}\n  - {id: hold, name: Hold}\n"
		  "scorecard:\n  thresholds:\n    Adopt: \"4.0\"   # by name\n    close: 3.99\n",
		  "{\"quadrants\": [\"A\", \"B\"], \"rings\": [\"Adopt\", \"Mid\", \"Close\", \"Hold\"],\n"
		  " \"blips\": [{\"name\": \"X\", \"ring\": \"Mid\", \"quadrant\": \"A\"}]}");
	assert_string_equal(p.config_yaml,
			    "quadrants: [{id: a, name: A}, {id: b, name: B}]\n"
			    "rings:\n  - {id: adopt, name: Adopt}\n  - {id: mid, name: Mid}\n  - {id: close, name: Close}\n"
			    "  - {id: hold, name: Hold}\n"
			    "scorecard:\n  thresholds:\n    Adopt: \"4.0\"   # by name\n    mid: 3.5\n    close: 3.0\n");
	assert_true(has_note(&p, "ring 'close' given scorecard threshold 3.00 in .radar.yml (it had 3.99)"));
	radar_import_plan_release(&p);
}

static void test_edit_falls_back(void **state)
{
	radar_import_plan p;
	/* No quadrants: list (the defaults apply): the file is written anew, and a note says so. */
	plan_into(&p, "# rings only\nrings:\n  - {id: adopt, name: Adopt}\n  - {id: hold, name: Hold}\n",
		  explore_json);
	assert_non_null(strstr(p.config_yaml, "title: Technology Radar\nquadrants:"));
	assert_null(strstr(p.config_yaml, "# rings only"));
	assert_string_equal(p.cfg->quadrants[4].id, "data");
	assert_true(has_note(&p, ".radar.yml could not be edited in place (it has no 'quadrants:' list; "
				 "the default quadrants apply): written anew from its settings"));
	radar_import_plan_release(&p);

	/* Anchors and aliases: text placed after a node could land where its anchor is. */
	plan_into(&p,
		  "quadrants: &q [{id: techniques, name: Techniques}, {id: tools, name: Tools}]\n"
		  "rings: [{id: adopt, name: Adopt}, {id: hold, name: Hold}]\nx-copy: *q\n",
		  explore_json);
	assert_null(strstr(p.config_yaml, "x-copy"));
	assert_true(has_note(&p, "(it uses YAML anchors, aliases or tags)"));
	radar_import_plan_release(&p);

	/* Nothing to add: the file stays as it is. */
	plan_into(&p,
		  "quadrants: [{id: techniques, name: Techniques}, {id: tools, name: Tools}, {id: data, name: Data}]\n"
		  "rings: [{id: adopt, name: Adopt}, {id: trial, name: Trial}, {id: explore, name: Explore},\n"
		  "        {id: assess, name: Assess}, {id: hold, name: Hold}]\n"
		  "scorecard: {thresholds: {explore: 3.25}}\n",
		  explore_json);
	assert_null(p.config_yaml);
	assert_int_equal(p.nnotes, 0);
	radar_import_plan_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_json_positions),
		cmocka_unit_test(test_plan_fresh_and_lossy),
		cmocka_unit_test(test_edit_keeps_comments),
		cmocka_unit_test(test_edit_block_maps),
		cmocka_unit_test(test_edit_flow_lists),
		cmocka_unit_test(test_edit_crlf),
		cmocka_unit_test(test_edit_replaces_thresholds),
		cmocka_unit_test(test_edit_falls_back),
	};
	return cmocka_run_group_tests_name("interchange", tests, NULL, NULL);
}
