#ifndef RADAR_INTERCHANGE_H
#define RADAR_INTERCHANGE_H
/*
 * Moving radars in and out (DESIGN §6): Thoughtworks BYOR CSV and JSON,
 * Zalando's tech-radar `entries` JSON, AOE's release folders of Markdown,
 * Backstage's TechRadarLoaderResponse and our own JSON.
 *
 * Import reads a source into a neutral document (radar_ix), then plans the
 * write: which quadrants and rings .radar.yml must gain and the text of every
 * entry file. Export turns a loaded radar into a format's text (AOE: files).
 * Nothing here touches the repository or prints: the CLI reads the input
 * files, writes the results and prints the diagnostics and notes.
 */
#include <stddef.h>

#include "config.h"
#include "radar.h"
#include "util/diag.h"
#include "util/strbuf.h"

typedef enum {
	RADAR_FMT_BYOR_CSV,
	RADAR_FMT_BYOR_JSON,
	RADAR_FMT_ZALANDO_JSON,
	RADAR_FMT_AOE,
	RADAR_FMT_BACKSTAGE_JSON,
	RADAR_FMT_JSON,
} radar_format;

/* "byor-csv" ... "json"; -1 when unknown. */
int radar_format_parse(const char *s, radar_format *out);
const char *radar_format_name(radar_format f);
/* "byor-csv, byor-json, ...": for messages. */
const char *radar_format_list(void);

/* ---- the neutral document ------------------------------------------------ */

typedef struct radar_ix_named {
	char *id, *name; /* id may be NULL: made from the name */
} radar_ix_named;

typedef struct radar_ix_item {
	char *id;          /* the source's own id (Backstage, AOE file stem, ours), or NULL */
	char *name;
	char *quadrant;    /* as the source spells it: an id or a name */
	char *ring;        /* NULL: no placement */
	int ring_given;    /* ours: "declared_ring" stated (even as null) */
	char *description; /* NULL: none */
	char **tags;
	size_t ntags;
	char **links;
	size_t nlinks;
	long *adrs;
	size_t nadrs;
	char *scores_yaml; /* ours: "  - {...}\n" lines of the scores list, or NULL */
	char *path;        /* the file the item comes from (AOE: its latest revision) */
	int line, col;     /* where the item starts in it */
} radar_ix_item;

typedef struct radar_ix {
	char *title;            /* NULL: none */
	radar_ix_named *quadrants; /* as the source declares them, in its order (may be none) */
	size_t nquadrants;
	radar_ix_named *rings;  /* innermost first, as declared (may be none) */
	size_t nrings;
	radar_ix_item *items;
	size_t n;
} radar_ix;

void radar_ix_free(radar_ix *ix);

/*
 * Reads one file of a single-file format (every format but AOE). Every
 * problem goes to dl at path:line:col; returns 0 with *out set, or -1.
 */
int radar_import_parse(radar_ix **out, radar_format f, const char *path, const char *buf,
		       size_t len, diag_list *dl);

/* One Markdown file of an AOE release folder. */
typedef struct radar_aoe_file {
	const char *path;    /* for messages */
	const char *release; /* the folder's name: "2024-03-01" */
	const char *id;      /* the file stem */
	const char *buf;
	size_t len;
} radar_aoe_file;

/*
 * Reads AOE release files (any order; releases are applied oldest first, a
 * later file overriding the fields it gives and keeping the earlier text
 * when its body is empty) and, when given, the generator's config.json
 * (its `quadrants` or legacy `segments`, and `rings`).
 */
int radar_import_aoe(radar_ix **out, const radar_aoe_file *files, size_t n,
		     const char *config_path, const char *config_buf, size_t config_len,
		     diag_list *dl);

/* ---- planning an import ---------------------------------------------------- */

typedef struct radar_import_entry {
	char *id;
	char *path;  /* <entries>/<id>.yaml */
	char *yaml;
	int exists;  /* the radar has this id already (written only with replace) */
} radar_import_entry;

typedef struct radar_import_plan {
	radar_config *cfg;        /* the configuration after the import */
	char *config_yaml;        /* the new .radar.yml, or NULL when it stays as it is */
	char **added_quadrants;   /* ids added to .radar.yml */
	size_t nadded_quadrants;
	char **added_rings;
	size_t nadded_rings;
	radar_import_entry *entries;
	size_t nentries;
	char **notes;             /* what --lossy folded or dropped, one line each */
	size_t nnotes;
} radar_import_plan;

enum { RADAR_IMPORT_LOSSY = 1, RADAR_IMPORT_REPLACE = 2 };

/*
 * Maps the document onto `rd` (its configuration; NULL config or !cfg_found:
 * a radar without .radar.yml, which gets one): quadrants and rings are
 * matched by id or name (case-insensitively, aliases included), the missing
 * ones added, by editing rd->cfg_text in place where that is safe and reads
 * back as the planned configuration, else by writing the file anew (a note
 * says why); every item becomes an entry file, checked by parsing it back.
 * What the radar cannot hold (more than 8 quadrants or 6 rings, two items
 * with the same id) is an error at the item, unless RADAR_IMPORT_LOSSY folds
 * it (notes say how). An entry that exists already is an error unless
 * RADAR_IMPORT_REPLACE. Returns 0 or -1 (problems in dl).
 */
int radar_import_plan_make(radar_import_plan *out, const radar_ix *ix, const radar *rd,
			   unsigned flags, diag_list *dl);
void radar_import_plan_release(radar_import_plan *p);

/* ---- export ------------------------------------------------------------------ */

/* Movement since the last edition, per entry. */
enum { RADAR_MOVED_OUT = -1, RADAR_MOVED_NONE = 0, RADAR_MOVED_IN = 1, RADAR_MOVED_NEW = 2 };

/* One placement of an entry in its history (Backstage's timeline). */
typedef struct radar_export_event {
	char date[11];  /* YYYY-MM-DD */
	int ring;       /* ring index */
	int moved;      /* RADAR_MOVED_* relative to the event before */
	const char *note; /* the commit subject, or NULL */
} radar_export_event;

/* An AOE release: the radar as an edition had it. */
typedef struct radar_export_release {
	char date[11];       /* the release folder's name */
	const radar *rd;
} radar_export_release;

typedef struct radar_export_input {
	const radar *rd;
	int *moved;                   /* per entry of rd: RADAR_MOVED_*; NULL: all 0 */
	radar_export_event **timeline; /* per entry, newest first; NULL: one event today */
	size_t *ntimeline;
	char today[11];
	const radar_export_release *releases; /* AOE: oldest first, the last is rd itself */
	size_t nreleases;
} radar_export_input;

/* A file an export writes (AOE), relative to the output folder. */
typedef struct radar_export_file {
	char *path;
	char *data;
} radar_export_file;

/*
 * Writes the radar in format f to out (AOE: to files). What the format
 * cannot hold (a fifth quadrant, a fifth ring, an entry with no ring) is an
 * error naming the first entry it concerns, unless lossy: then it is folded
 * (a quadrant into the last one the format holds, a ring into its outermost)
 * or left out, and a note says so. What the format has no field for
 * (scores, ADR numbers) is left out. Returns 0, or -1 with the reason in err.
 */
int radar_export(strbuf *out, radar_export_file **files, size_t *nfiles, radar_format f,
		 const radar_export_input *in, int lossy, char ***notes, size_t *nnotes,
		 strbuf *err);
void radar_export_files_free(radar_export_file *files, size_t n);

#endif
