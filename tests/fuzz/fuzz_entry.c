/* Fuzzes an entry file, radar/<id>.yaml: radar_entry_parse and the scorecard
 * over what it read, and the two in-place edits (`rate`, `move`) on the text.
 * The entry checked again from its tree packed for the parse cache must give
 * the same result and the same diagnostics. */
#include "fuzz.h"

#include "config.h"
#include "entry.h"
#include "scorecard.h"
#include "util/strbuf.h"
#include "util/yamltree.h"

/* The entry read again from its packed tree, as a cache hit reads it. */
static void check_cached(const radar_config *cfg, const yt_doc *doc, int rc, const diag_list *want)
{
	diag_list dl = DIAG_LIST_INIT;
	strbuf packed = STRBUF_INIT;
	yt_doc *back = NULL;
	radar_entry *e = NULL;

	if (yt_doc_pack(doc, &packed) < 0)
		goto cleanup;
	if (yt_doc_unpack(&back, packed.buf, packed.len) < 0)
		abort();
	if (radar_entry_parse_doc(&e, cfg, "mojo", "radar/mojo.yaml", NULL, 0, &back, &dl) != rc ||
	    dl.n != want->n)
		abort();
	for (size_t i = 0; i < dl.n; i++)
		if (dl.items[i].severity != want->items[i].severity ||
		    dl.items[i].line != want->items[i].line || dl.items[i].col != want->items[i].col ||
		    strcmp(dl.items[i].message, want->items[i].message))
			abort();

cleanup:
	radar_entry_free(e);
	yt_doc_free(back);
	strbuf_free(&packed);
	diag_list_free(&dl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static radar_config *cfg;
	diag_list dl = DIAG_LIST_INIT;
	radar_entry *e = NULL;
	const char *buf = (const char *)data;
	char *edited;
	yt_doc *doc = NULL;
	int rc;

	if (!cfg)
		cfg = radar_config_default();
	rc = radar_entry_parse_doc(&e, cfg, "mojo", "radar/mojo.yaml", buf, size, &doc, &dl);
	if (doc)
		check_cached(cfg, doc, rc, &dl);
	yt_doc_free(doc);
	if (rc == 0) {
		radar_score s;
		if (!e)
			abort();
		radar_score_compute(&s, cfg, e);
		radar_score_release(&s);
	}
	radar_entry_free(e);
	fuzz_check_diags(&dl);
	edited = radar_entry_append_rating("radar/mojo.yaml", buf, size,
					   "{date: 2026-11-29, by: fuzz, maturity: 3}", &dl);
	free(edited);
	edited = radar_entry_set_ring("radar/mojo.yaml", buf, size, "trial", &dl);
	free(edited);
	diag_list_free(&dl);
	return 0;
}
