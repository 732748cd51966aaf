/* Fuzzes .radar.yml: radar_config_parse, then the config at work (its YAML
 * text, the ring lists, one entry scored with it). */
#include "fuzz.h"

#include "config.h"
#include "entry.h"
#include "scorecard.h"

static const char entry_text[] =
	"name: Mojo\nquadrant: techniques\nring: assess\n"
	"scores:\n"
	"  - {date: 2026-10-01, by: alice, maturity: 2, ecosystem: 1.5, migration: 3, maintenance: 2}\n"
	"  - {date: 2026-10-02, by: bob, maturity: 5, ecosystem: 1, migration: 1, maintenance: 4.5}\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag_list dl = DIAG_LIST_INIT;
	radar_config *cfg = NULL;
	radar_entry *e = NULL;

	radar_config_parse(&cfg, ".radar.yml", (const char *)data, size, &dl);
	fuzz_check_diags(&dl);
	if (cfg) {
		char *yaml = radar_config_to_yaml(cfg), *rings = radar_config_ring_list(cfg),
		     *quads = radar_config_quadrant_list(cfg);
		radar_config_find_ring(cfg, "Adopt");
		radar_config_find_quadrant(cfg, "tools");
		if (radar_entry_parse(&e, cfg, "mojo", "radar/mojo.yaml", entry_text,
				      sizeof(entry_text) - 1, &dl) == 0 && e) {
			radar_score s;
			radar_score_compute(&s, cfg, e);
			radar_score_release(&s);
		}
		radar_entry_free(e);
		free(yaml);
		free(rings);
		free(quads);
		radar_config_free(cfg);
	}
	diag_list_free(&dl);
	return 0;
}
