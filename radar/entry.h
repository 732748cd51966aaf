#ifndef RADAR_ENTRY_H
#define RADAR_ENTRY_H
/* One technology on the radar: radar/<id>.yaml. */
#include <stddef.h>

#include "config.h"
#include "util/date.h"
#include "util/diag.h"

typedef struct radar_rating {
	date when;
	char *by;
	char *note;
	int *half;    /* per config dimension: the score in half-points, -1 if not rated */
	int line, col;
	size_t order; /* position in the file: breaks ties between equal dates */
} radar_rating;

typedef struct radar_entry {
	char *id;   /* the file stem */
	char *path; /* as shown in diagnostics */
	char *name;
	int quadrant;     /* index into the config; -1 if unknown */
	int ring;         /* the declared placement; -1 when absent */
	char *description;
	char **tags;
	size_t ntags;
	char **links;
	size_t nlinks;
	long *adrs;
	size_t nadrs;
	radar_rating *ratings;
	size_t nratings;
	int name_line, name_col;
} radar_entry;

/* Entry, judgment and config files over this size are refused. */
#define RADAR_MAX_FILE (1024 * 1024)

/*
 * Parses an entry file. Every problem goes to dl. Returns 0 with *out set
 * when the entry is usable (warnings allowed), -1 when it had errors; *out is
 * then NULL.
 */
int radar_entry_parse(radar_entry **out, const radar_config *cfg, const char *id,
		      const char *path, const char *buf, size_t len, diag_list *dl);
void radar_entry_free(radar_entry *e);

/*
 * radar_entry_parse that keeps the YAML tree, for the parse cache: with
 * `buf`, the tree parsed from it is left in *doc (NULL when the file is not
 * YAML); with buf NULL, *doc is a tree parsed earlier from the same bytes
 * and only the checks run. The caller frees *doc.
 */
typedef struct yt_doc yt_doc;
int radar_entry_parse_doc(radar_entry **out, const radar_config *cfg, const char *id,
			  const char *path, const char *buf, size_t len, yt_doc **doc,
			  diag_list *dl);

/* The stem of "mojo.yaml" / "mojo.yml", or NULL for other names. Caller frees. */
char *radar_entry_id_from_file(const char *filename);

/* The text of a new entry file, as `radar add` writes it. */
char *radar_entry_new_yaml(const radar_config *cfg, const char *name, int quadrant,
			   int ring, const char *description);

/*
 * Edits the text of an entry file, keeping its comments and layout: appends
 * a score block, or sets `ring:`. Returns the new text, or NULL when the file
 * does not parse (problems in dl).
 */
char *radar_entry_append_rating(const char *path, const char *buf, size_t len,
				const char *block, diag_list *dl);
char *radar_entry_set_ring(const char *path, const char *buf, size_t len,
			   const char *ring_id, diag_list *dl);

/* Reads a YYYY-MM-DD value that must be a real date; reports at the node. */
struct yt_node;
int radar_date_node(const struct yt_node *n, const char *path, const char *what,
		    date *out, diag_list *dl);

#endif
