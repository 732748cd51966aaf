/* renderer/site: escaping and the safe Markdown of ADR pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "renderer/site.h"

static void test_escape(void **state)
{
	strbuf sb = STRBUF_INIT;
	(void)state;
	site_escape(&sb, "<script>a & 'b' \"c\"</script>");
	assert_string_equal(sb.buf, "&lt;script&gt;a &amp; &#39;b&#39; &quot;c&quot;&lt;/script&gt;");
	strbuf_free(&sb);
}

static void test_entry_file(void **state)
{
	char *f = site_entry_file("mojo");
	(void)state;
	assert_string_equal(f, "mojo.html");
	free(f);
	f = site_entry_file("../x y");
	assert_null(strchr(f, '/'));
	assert_null(strchr(f, ' '));
	free(f);
}

static char *resolve(void *ctx, const char *url)
{
	(void)ctx;
	return !strcmp(url, "0002-b.md") ? strdup("0002-b.html") : NULL;
}

static void test_markdown_safe(void **state)
{
	static const char md[] =
		"---\nstatus: accepted\n---\n# 1. Title\n\n<script>alert(1)</script>\n\n"
		"[js](javascript:alert(2)) [two](0002-b.md) [gone](nowhere.md) ![img](x.png)\n\n"
		"| a |\n|---|\n| ~~b~~ |\n\nwww.example.org <b onclick=x>bold</b>\n";
	strbuf sb = STRBUF_INIT;
	(void)state;
	site_markdown(&sb, md, strlen(md), 1, resolve, NULL);
	assert_null(strstr(sb.buf, "<script"));
	assert_null(strstr(sb.buf, "javascript:"));
	assert_null(strstr(sb.buf, "onclick"));
	assert_null(strstr(sb.buf, "status: accepted"));
	assert_null(strstr(sb.buf, "<h1>"));
	assert_non_null(strstr(sb.buf, "<a href=\"0002-b.html\">two</a>"));
	assert_null(strstr(sb.buf, "nowhere.md"));
	assert_null(strstr(sb.buf, "<img"));
	assert_non_null(strstr(sb.buf, "gone"));
	assert_non_null(strstr(sb.buf, "<table>"));
	assert_non_null(strstr(sb.buf, "<del>b</del>"));
	assert_non_null(strstr(sb.buf, "href=\"http://www.example.org\""));
	strbuf_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_entry_file),
		cmocka_unit_test(test_markdown_safe),
	};
	return cmocka_run_group_tests_name("site", tests, NULL, NULL);
}
