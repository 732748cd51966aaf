/* ADR library: slugs, numbering, link editing, both parsers, the real corpus. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adr/adr.h"
#include "adr/edit.h"
#include "adr/name.h"
#include "adr/set.h"
#include "util/strbuf.h"

static void expect_slug(const char *title, const char *want)
{
	char *s = adr_slugify(title);
	assert_string_equal(s, want);
	free(s);
}

static void test_slug(void **state)
{
	expect_slug("Use PostgreSQL for events", "use-postgresql-for-events");
	expect_slug("Slash/Slash/", "slash-slash");
	expect_slug("  --Leading and trailing!! ", "leading-and-trailing");
	expect_slug("Café", "café");
	expect_slug("ÉCOLE für Ärzte", "école-für-ärzte");
	expect_slug("日本語 の 決定", "日本語-の-決定");
	expect_slug("A & B | C * D", "a-b-c-d");
	expect_slug("!!!", "");
}

static void test_numbers(void **state)
{
	long n;
	assert_int_equal(adr_name_number("0009-x.md", &n), 0);
	assert_int_equal(n, 9);
	assert_int_equal(adr_name_number("0010-x.md", &n), 0);
	assert_int_equal(n, 10); /* never octal */
	assert_int_equal(adr_name_number("x.md", &n), -1);
	assert_true(adr_name_is_listed("0001-a.md"));
	assert_false(adr_name_is_listed("template.md"));
	assert_false(adr_name_is_listed("0001.md"));
	assert_true(adr_name_is_template("adr-template.md"));
	assert_true(adr_ref_number("12", &n) && n == 12);
	assert_false(adr_ref_number("12-x", &n));
}

static const char rec1[] = "# 1. One\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n";

static void test_links(void **state)
{
	char *a = adr_text_add_link(rec1, "Superseded by", "2. Two", "0002-two.md");
	char *b = adr_text_remove_status(a, "Accepted");
	assert_string_equal(a, "# 1. One\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n\n"
			       "Superseded by [2. Two](0002-two.md)\n\n## Context\n\nx\n");
	assert_string_equal(b, "# 1. One\n\nDate: 2026-01-01\n\n## Status\n\n"
			       "Superseded by [2. Two](0002-two.md)\n\n## Context\n\nx\n");
	free(a);
	free(b);
}

static void test_template(void **state)
{
	char *t = adr_template_fill("# NUMBER. TITLE\nDate: DATE\nSTATUS STATUS\nno newline TITLE", 7,
				    "A & B | DATE", "2026-11-29", "Accepted");
	assert_string_equal(t, "# 7. A & B | DATE\nDate: 2026-11-29\nAccepted STATUS\nno newline A & B | DATE");
	free(t);
}

static void test_upgrade(void **state)
{
	char *t = adr_text_upgrade_dates("# 1. X\n\nDate: 05/03/2016\n");
	assert_string_equal(t, "# 1. X\n\nDate: 2016-03-05\n");
	free(t);
}

static void test_parse_nygard(void **state)
{
	static const char txt[] = "# 3. Use X\n\nDate: 2026-01-02\n\n## Status\n\nAccepted\n\n"
				  "Supercedes [1. One](0001-one.md)\n\nAmended by [4. Four](0004-four.md)\n\n"
				  "## Context\n";
	adr_record *r;
	diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(adr_parse(&r, "doc/adr/0003-use-x.md", txt, strlen(txt), &dl), 0);
	assert_int_equal(r->number, 3);
	assert_string_equal(r->title, "Use X");
	assert_string_equal(r->date, "2026-01-02");
	assert_int_equal(r->nstatuses, 1);
	assert_string_equal(r->statuses[0], "Accepted");
	assert_int_equal(r->nlinks, 2);
	assert_string_equal(r->links[0].type, "Supercedes");
	assert_int_equal(r->links[0].number, 1);
	assert_true(adr_link_is_supersedes(r->links[0].type));
	assert_int_equal(r->links[1].number, 4);
	assert_int_equal(r->format, ADR_NYGARD);
	adr_record_free(r);
	diag_list_free(&dl);
}

static void test_parse_madr(void **state)
{
	static const char m4[] = "---\nstatus: \"superseded by ADR-0057\"\ndate: 2024-01-01\n"
				 "decision-makers: [a, b]\nconsulted: c, d\nreview-on: 2024-06-01\n"
				 "confidence: 0.6\n---\n# Use Y\n\n## Context and Problem Statement\n";
	static const char m2[] = "# Use Z\n\n- Status: superseded by [ADR-0005](0005-foo.md)\n"
				 "- Deciders: x, y\n- Date: 2020-11-16\n\n## Context and Problem Statement\n";
	static const char bad[] = "---\nconfidence: 2\n---\n# Bad\n";
	adr_record *r;
	diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(adr_parse(&r, "d/0058-use-y.md", m4, strlen(m4), &dl), 0);
	assert_int_equal(r->format, ADR_MADR);
	assert_int_equal(r->madr_version, 4);
	assert_string_equal(r->title, "Use Y");
	assert_int_equal(r->ndeciders, 2);
	assert_int_equal(r->nconsulted, 2);
	assert_int_equal(r->nlinks, 1);
	assert_int_equal(r->links[0].number, 57);
	assert_true(r->has_confidence);
	assert_string_equal(r->review_on, "2024-06-01");
	adr_record_free(r);
	assert_int_equal(adr_parse(&r, "d/0006-use-z.md", m2, strlen(m2), &dl), 0);
	assert_int_equal(r->madr_version, 2);
	assert_int_equal(r->nlinks, 1);
	assert_int_equal(r->links[0].number, 5);
	assert_string_equal(r->date, "2020-11-16");
	assert_int_equal(r->ndeciders, 2);
	adr_record_free(r);
	assert_int_equal(adr_parse(&r, "d/0001-bad.md", bad, strlen(bad), &dl), -1);
	assert_int_equal(dl.items[dl.n - 1].line, 2);
	adr_record_free(r);
	assert_int_equal(adr_parse(&r, "d/0002-nul.md", "# A\n\0x", 6, &dl), -1);
	adr_record_free(r);
	diag_list_free(&dl);
}

/* ---- the real corpus, read in place ---- */

#define CORPUS "../shared/corpus/adr"

static size_t parse_dir(const char *dir, adr_record ***recs, size_t *n, int *crash_free)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t count = 0;
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		strbuf path = STRBUF_INIT;
		FILE *f;
		strbuf text = STRBUF_INIT;
		char buf[4096];
		size_t got;
		diag_list dl = DIAG_LIST_INIT;
		adr_record *r = NULL;
		if (l < 4 || strcmp(e->d_name + l - 3, ".md") || adr_name_is_template(e->d_name))
			continue;
		strbuf_printf(&path, "%s/%s", dir, e->d_name);
		if ((f = fopen(path.buf, "rb"))) {
			while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
				strbuf_add(&text, buf, got);
			fclose(f);
		}
		adr_parse(&r, path.buf, strbuf_str(&text), text.len, &dl);
		if (!r)
			*crash_free = 0;
		*recs = xrealloc(*recs, (*n + 1) * sizeof(**recs));
		(*recs)[(*n)++] = r;
		count++;
		diag_list_free(&dl);
		strbuf_free(&text);
		strbuf_free(&path);
	}
	closedir(d);
	return count;
}

static void test_corpus(void **state)
{
	static const struct {
		const char *dir;
		size_t count;
	} sets[] = {
		{ "npryce__adr-tools/doc/adr", 9 },
		{ "adr__madr/docs/decisions", 19 },
		{ "apache__james-project/src/adr", 77 },
		{ "alphagov__verify-service-provider/docs/adr", 26 },
		{ "cloudfoundry__cf-k8s-networking/doc/architecture-decisions", 19 },
		{ "JabRef__jabref/docs/decisions", 70 },
		{ "elastisys__compliantkubernetes/docs/adr", 57 },
	};
	DIR *probe = opendir(CORPUS);
	size_t total = 0;
	if (!probe) {
		printf("# no ADR corpus at %s; skipping the corpus test\n", CORPUS);
		skip();
	}
	closedir(probe);
	for (size_t s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
		adr_record **recs = NULL;
		size_t n = 0;
		int ok = 1;
		strbuf dir = STRBUF_INIT;
		diag_list dl = DIAG_LIST_INIT;
		strbuf_printf(&dir, "%s/%s", CORPUS, sets[s].dir);
		assert_int_equal(parse_dir(dir.buf, &recs, &n, &ok), sets[s].count);
		assert_true(ok);
		for (size_t i = 0; i < n; i++)
			assert_non_null(recs[i]->title);
		adr_check_set(recs, n, NULL, 0, &dl);
		if (strstr(sets[s].dir, "james")) {
			size_t dups = 0;
			for (size_t i = 0; i < dl.n; i++)
				if (strstr(dl.items[i].message, "duplicate ADR number"))
					dups++;
			assert_int_equal(dups, 3); /* 0009, 0042, 0071 */
		}
		total += n;
		for (size_t i = 0; i < n; i++)
			adr_record_free(recs[i]);
		free(recs);
		diag_list_free(&dl);
		strbuf_free(&dir);
	}
	assert_int_equal(total, 277);
}

/* The log4brains sets (date-named files) and a superseded link that can be read. */
static void test_corpus_log4brains(void **state)
{
	static const char *const dirs[] = { "docs/adr", "packages/core/docs/adr", "packages/web/docs/adr" };
	size_t total = 0;
	int ok = 1, superseded = 0;
	adr_record **recs = NULL;
	size_t n = 0;
	DIR *probe = opendir(CORPUS);
	if (!probe)
		skip();
	closedir(probe);
	for (size_t i = 0; i < 3; i++) {
		strbuf dir = STRBUF_INIT;
		strbuf_printf(&dir, "%s/thomvaill__log4brains/%s", CORPUS, dirs[i]);
		total += parse_dir(dir.buf, &recs, &n, &ok);
		strbuf_free(&dir);
	}
	assert_int_equal(total, 17);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < recs[i]->nlinks; k++)
			if (adr_link_is_superseded_by(recs[i]->links[k].type))
				superseded = 1;
		adr_record_free(recs[i]);
	}
	assert_true(superseded);
	free(recs);
	recs = NULL;
	n = 0;
	{
		strbuf dir = STRBUF_INIT;
		strbuf_printf(&dir, "%s/thomvaill__log4brains/packages/core/integration-tests/ro-project/docs/adr", CORPUS);
		/* 14 date-numbered fixtures and adr_with_a_WeIrd-filename.md */
		assert_int_equal(parse_dir(dir.buf, &recs, &n, &ok), 15);
		strbuf_free(&dir);
	}
	assert_true(ok);
	{
		size_t numbered = 0;
		for (size_t i = 0; i < n; i++)
			numbered += recs[i]->number >= 0;
		assert_int_equal(numbered, 14);
	}
	for (size_t i = 0; i < n; i++)
		adr_record_free(recs[i]);
	free(recs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_template),
		cmocka_unit_test(test_upgrade),
		cmocka_unit_test(test_parse_nygard),
		cmocka_unit_test(test_parse_madr),
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_corpus_log4brains),
	};
	return cmocka_run_group_tests_name("adr", tests, NULL, NULL);
}
