#ifndef ADR_ADR_H
#define ADR_ADR_H
/*
 * One architecture decision record as read from its file: the adr-tools /
 * Nygard layout (`# N. Title`, `Date:`, `## Status` with link lines) and
 * MADR 2 (bullet metadata), 3 and 4 (YAML front matter).
 */
#include <stddef.h>

#include "util/diag.h"

#define ADR_MAX_FILE (4u << 20) /* ADR files over 4 MiB are refused */

typedef enum { ADR_NYGARD = 0, ADR_MADR = 1 } adr_format;

typedef struct adr_link {
	char *type;    /* "Superseded by", "Amends", "superseded by" */
	char *title;   /* the link text, "3. Use X"; NULL for a bare "ADR-0057" */
	char *target;  /* the file linked to, or the reference as written */
	long number;   /* the target's number, -1 when it has none */
	int line;
} adr_link;

typedef struct adr_record {
	char *path;        /* as given to the parser */
	const char *file;  /* the base name, inside path */
	long number;       /* from the file name, else the heading; -1 when none */
	char *heading;     /* the H1 text: "3. Use X" */
	char *title;       /* the heading without its "N. " */
	int title_line;
	char *date;        /* as written; NULL when absent */
	int date_line, date_col;
	char **statuses;   /* plain status lines or values, as written */
	size_t nstatuses;
	int status_line;   /* the first status line (0: none) */
	adr_link *links;
	size_t nlinks;
	adr_format format;
	int madr_version;  /* 2, 3 or 4 for MADR; 0 for Nygard */
	int front_matter;  /* has a YAML front matter block */
	char **deciders, **consulted, **informed;
	size_t ndeciders, nconsulted, ninformed;
	/* Review fields (MADR front matter): a record is also a judgment. */
	char *review_on;
	int has_confidence;
	double confidence;
	char *outcome_verdict, *outcome_date, *outcome_note;
} adr_record;

/*
 * Parses the text of an ADR file. `path` names it in diagnostics and gives the
 * file name (and so the number). Problems go to dl as path:line:col; returns 0
 * when the file was readable (warnings allowed), -1 on errors (*out is still
 * filled with what could be read).
 */
int adr_parse(adr_record **out, const char *path, const char *buf, size_t len, diag_list *dl);
void adr_record_free(adr_record *rec);

/* Whether a link type says "superseded by" in either spelling (any case). */
int adr_link_is_superseded_by(const char *type);
/* Whether a link type says "supersedes" in either spelling. */
int adr_link_is_supersedes(const char *type);

/* The record's status in one word for listings: the first plain status,
 * else "Superseded" when a superseded-by link is present, else NULL. */
const char *adr_record_status(const adr_record *rec);

#endif
