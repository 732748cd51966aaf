#ifndef RADAR_CONFIG_H
#define RADAR_CONFIG_H
/* .radar.yml: quadrants, rings, the scorecard and where the files live. */
#include <stddef.h>

#include "util/diag.h"
#include "util/frac.h"

typedef struct radar_quadrant {
	char *id, *name;
} radar_quadrant;

typedef struct radar_ring {
	char *id, *name;
	char **aliases;
	size_t naliases;
	frac threshold; /* the total needed to reach this ring; unused for the last */
} radar_ring;

typedef struct radar_dimension {
	char *id, *name;
	int weight; /* percent */
} radar_dimension;

typedef struct radar_config {
	char *title;
	radar_quadrant *quadrants;
	size_t nquadrants;
	radar_ring *rings; /* innermost first */
	size_t nrings;
	int scale_min, scale_max;
	radar_dimension *dimensions;
	size_t ndimensions;
	char *entries_path, *adr_path, *judgments_path;
	int adr_path_set; /* paths.adr given: else .adr-dir or the default decides */
	int review_after_months;
	int commit;       /* commit writes (commit: false turns it off) */
	char **statuses;  /* extra ADR statuses a team uses (adr.statuses) */
	size_t nstatuses;
	int adr_madr;     /* adr.format: madr (new ADRs are MADR 4; default nygard) */
} radar_config;

#define RADAR_CONFIG_FILE ".radar.yml"

/* The defaults DESIGN §1 gives, which apply with no .radar.yml. */
radar_config *radar_config_default(void);

/*
 * Reads a .radar.yml (contents in buf, `path` for messages) over the
 * defaults. Problems go to dl; returns 0 when the file was usable (warnings
 * allowed), -1 when it had errors (*out still holds a usable config made of
 * the defaults and what could be read, so that checking can go on).
 */
int radar_config_parse(radar_config **out, const char *path, const char *buf,
		       size_t len, diag_list *dl);
void radar_config_free(radar_config *cfg);

/* The YAML text of a config, as `radar init` writes it. */
char *radar_config_to_yaml(const radar_config *cfg);
/* A scorecard threshold as .radar.yml gives it: "4.0", "3.25", as many places as it has. */
struct strbuf;
void radar_config_write_threshold(struct strbuf *sb, frac f);

/* Index of a ring by id, name or alias, case-insensitively; -1 if none. */
int radar_config_find_ring(const radar_config *cfg, const char *s);
int radar_config_find_quadrant(const radar_config *cfg, const char *s);
int radar_config_find_dimension(const radar_config *cfg, const char *s);

/* "adopt, trial, assess, hold": for messages; caller frees. */
char *radar_config_ring_list(const radar_config *cfg);
char *radar_config_quadrant_list(const radar_config *cfg);

#endif
