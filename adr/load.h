#ifndef ADR_LOAD_H
#define ADR_LOAD_H
/*
 * The ADRs of a data repository, read through repo.h: the working tree or any
 * revision, as every radar command reads (the `adr` command itself works on
 * files, as adr-tools does).
 */
#include <stddef.h>

#include "adr/adr.h"
#include "util/diag.h"
#include "util/repo.h"

typedef struct adr_log {
	char *dir;           /* repository-relative folder */
	adr_record **recs;   /* in file-name order */
	size_t n;
} adr_log;

/*
 * The ADR folder of a repository: `configured` when .radar.yml names one,
 * else what a root `.adr-dir` file says, else docs/adr, else doc/adr (the
 * adr-tools default) when only that exists. Caller frees.
 */
char *adr_log_dir(const repo *r, const char *configured);

/* Reads and parses every ADR in `dir`; problems go to dl. A missing folder is an empty log. */
int adr_log_load(adr_log **out, const repo *r, const char *dir, const char *shown_prefix,
		 diag_list *dl);
void adr_log_free(adr_log *log);
/* The record with this number (the first, when several share it), or NULL. */
const adr_record *adr_log_find(const adr_log *log, long number);

#endif
