/* Fuzzes .radar.yml: radar_config_parse, then the config at work (its YAML
 * text, the ring lists, one entry scored with it, an import that adds a
 * quadrant and rings to it by editing the text in place). */
#include "fuzz.h"

#include "config.h"
#include "entry.h"
#include "interchange-private.h"
#include "scorecard.h"

static const char entry_text[] =
	"name: Mojo\nquadrant: techniques\nring: assess\n"
	"scores:\n"
	"  - {date: 2026-10-01, by: alice, maturity: 2, ecosystem: 1.5, migration: 3, maintenance: 2}\n"
	"  - {date: 2026-10-02, by: bob, maturity: 5, ecosystem: 1, migration: 1, maintenance: 4.5}\n";

/* A new quadrant, a ring inside the defaults' and one outside them. */
static const char import_json[] =
	"{\"quadrants\": [\"Techniques\", \"Data\"], \"rings\": [\"Adopt\", \"Explore\", \"Trial\", \"Hold\", \"Gone\"],"
	" \"blips\": [{\"name\": \"X\", \"ring\": \"Explore\", \"quadrant\": \"Data\"},"
	" {\"name\": \"Y\", \"ring\": \"Gone\", \"quadrant\": \"Techniques\"}]}";

/* The import's .radar.yml, edited in place or written anew, reads back as the configuration it planned. */
static void import_into(radar_config *cfg, const uint8_t *data, size_t size)
{
	static radar_ix *ix;
	diag_list dl = DIAG_LIST_INIT;
	radar rd = { 0 };
	radar_import_plan p;

	if (!ix && radar_import_parse(&ix, RADAR_FMT_BYOR_JSON, "import.json", import_json,
				      sizeof(import_json) - 1, &dl))
		abort();
	rd.cfg = cfg;
	rd.cfg_found = 1;
	rd.cfg_text = (char *)data;
	rd.cfg_len = size;
	if (radar_import_plan_make(&p, ix, &rd, RADAR_IMPORT_LOSSY, &dl) == 0) {
		radar_config *back = NULL;
		diag_list bdl = DIAG_LIST_INIT;
		if (p.config_yaml && (radar_config_parse(&back, ".radar.yml", p.config_yaml,
							 strlen(p.config_yaml), &bdl) ||
				      !ix_config_same(back, p.cfg)))
			abort();
		radar_config_free(back);
		diag_list_free(&bdl);
		radar_import_plan_release(&p);
	}
	fuzz_check_diags(&dl);
	diag_list_free(&dl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag_list dl = DIAG_LIST_INIT;
	radar_config *cfg = NULL;
	radar_entry *e = NULL;
	int bad;

	bad = radar_config_parse(&cfg, ".radar.yml", (const char *)data, size, &dl);
	fuzz_check_diags(&dl);
	/* cmd-import refuses a .radar.yml with errors. */
	if (cfg && !bad)
		import_into(cfg, data, size);
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
