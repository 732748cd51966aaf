/* Fuzzes a judgment file, judgments/<date>-<slug>.yaml: radar_judgment_parse,
 * and adding an outcome to the text (`radar judge --review`). */
#include "fuzz.h"

#include "config.h"
#include "judgment.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static radar_config *cfg;
	diag_list dl = DIAG_LIST_INIT;
	radar_judgment *j = NULL;
	const char *buf = (const char *)data;
	date when = { 2026, 11, 29 };
	char *edited;

	if (!cfg)
		cfg = radar_config_default();
	radar_judgment_parse(&j, cfg, "judgments/2026-04-06-mojo.yaml", buf, size, &dl);
	radar_judgment_free(j);
	fuzz_check_diags(&dl);
	edited = radar_judgment_add_outcome("judgments/2026-04-06-mojo.yaml", buf, size, when,
					    VERDICT_PARTIAL, "fuzz: a note", &dl);
	free(edited);
	diag_list_free(&dl);
	return 0;
}
