/*
 * Fuzzes the import readers (radar import --from ...): the first byte picks
 * the format, the rest is the file. BYOR CSV and JSON, Zalando, Backstage and
 * our JSON go through radar_import_parse; AOE through one Markdown release
 * file plus its config.json (the same bytes, so both readers see the input).
 */
#include "fuzz.h"

#include "interchange.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const radar_format single[] = { RADAR_FMT_BYOR_CSV, RADAR_FMT_BYOR_JSON,
						RADAR_FMT_ZALANDO_JSON, RADAR_FMT_BACKSTAGE_JSON,
						RADAR_FMT_JSON };
	diag_list dl = DIAG_LIST_INIT;
	radar_ix *ix = NULL;
	const char *buf;
	size_t len;
	unsigned pick;

	if (!size)
		return 0;
	pick = data[0] % 6;
	buf = (const char *)data + 1;
	len = size - 1;
	if (pick < 5) {
		radar_import_parse(&ix, single[pick], "fuzz/input", buf, len, &dl);
	} else {
		radar_aoe_file f = { "fuzz/2024-03-01/x.md", "2024-03-01", "x", buf, len };
		radar_import_aoe(&ix, &f, 1, "fuzz/config.json", buf, len, &dl);
	}
	radar_ix_free(ix);
	fuzz_check_diags(&dl);
	diag_list_free(&dl);
	return 0;
}
