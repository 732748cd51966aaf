/* Fuzzes an entry file, radar/<id>.yaml: radar_entry_parse and the scorecard
 * over what it read, and the two in-place edits (`rate`, `move`) on the text. */
#include "fuzz.h"

#include "config.h"
#include "entry.h"
#include "scorecard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static radar_config *cfg;
	diag_list dl = DIAG_LIST_INIT;
	radar_entry *e = NULL;
	const char *buf = (const char *)data;
	char *edited;

	if (!cfg)
		cfg = radar_config_default();
	if (radar_entry_parse(&e, cfg, "mojo", "radar/mojo.yaml", buf, size, &dl) == 0) {
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
