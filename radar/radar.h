#ifndef RADAR_RADAR_H
#define RADAR_RADAR_H
/* A whole radar as read from a repository: config, entries, judgments. */
#include <stddef.h>

#include "config.h"
#include "entry.h"
#include "judgment.h"
#include "util/diag.h"
#include "util/repo.h"

typedef struct radar {
	radar_config *cfg;
	int cfg_found;             /* .radar.yml exists */
	char *cfg_text;            /* its bytes as read (import edits them in place), or NULL */
	size_t cfg_len;
	size_t cfg_errors;         /* errors found in it */
	radar_entry **entries;     /* the entries that loaded, sorted by id */
	size_t nentries;
	char **broken;             /* ids whose files had errors */
	size_t nbroken;
	radar_judgment **judgments; /* sorted by date, then path */
	size_t njudgments;
	/* The parse cache, as this load found and left it (RADAR_TRACE_CACHE). */
	int cache_used;
	size_t cache_records, cache_hits, cache_written;
} radar;

enum { RADAR_LOAD_JUDGMENTS = 1 };

/*
 * Loads the radar through `r`, checking everything and putting every problem
 * in `dl` (files with errors are left out and named in `broken`). Returns -1
 * only when the repository itself could not be read (message in err).
 * Entry trees are kept in a parse cache in the git directory (radar-cache)
 * unless the environment sets RADAR_NO_CACHE.
 */
int radar_load(radar **out, const repo *r, unsigned flags, diag_list *dl, strbuf *err);
void radar_free(radar *rd);

/* An entry by id or name, case-insensitively; NULL if none. */
const radar_entry *radar_find(const radar *rd, const char *name);
int radar_is_broken(const radar *rd, const char *name);
/* "'mojo', 'julia'": the known ids and names nearest to `name`; NULL if none. */
char *radar_nearest(const radar *rd, const char *name);
/* The path as diagnostics show it: "HEAD~1:radar/mojo.yaml" when reading a revision. */
char *radar_display_path(const repo *r, const char *path);

#endif
