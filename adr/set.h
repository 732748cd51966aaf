#ifndef ADR_SET_H
#define ADR_SET_H
/*
 * The ADR folder as adr-tools sees it: found through `.adr-dir` or `doc/adr`
 * from the current directory upward, listed as `adr list` lists it, and the
 * reports made from it (table of contents, Graphviz graph) and the checks
 * run over a whole set.
 */
#include <stddef.h>

#include "adr/adr.h"
#include "util/diag.h"
#include "util/strbuf.h"

typedef struct adr_set {
	char *dir;      /* as adr-tools prints it, relative to the current directory */
	char **names;   /* the listed file names, sorted bytewise */
	char **texts;   /* read on demand (NULL until then) */
	size_t n;
	int exists;     /* the folder exists */
} adr_set;

/*
 * The ADR folder, found as adr-tools' `_adr_dir` finds it: a `.adr-dir` file
 * (its contents name the folder) or a `doc/adr` folder in the current
 * directory or the nearest parent; "doc/adr" when there is neither. *found
 * is set when one was found. Caller frees.
 */
char *adr_dir_find(int *found);

/* Lists `dir` (entries named NNNN-....md). A missing folder gives an empty set with exists = 0. */
int adr_set_open(adr_set **out, const char *dir, strbuf *err);
void adr_set_free(adr_set *s);
/* "doc/adr/0001-x.md"; caller frees. */
char *adr_set_path(const adr_set *s, size_t i);
/* The file's text (read once, kept); NULL after putting the reason in err. */
const char *adr_set_text(adr_set *s, size_t i, strbuf *err);

/*
 * The highest number any entry of `dir` starts with (files of every kind, as
 * adr-tools' `ls | grep -Eo '^[0-9]+'`), 0 when none.
 */
long adr_dir_max_number(const char *dir);

/*
 * The record a reference names: all digits is a number (the first file with
 * that number; *dups is set when several have it); anything else is a part
 * of a file's path, first match in list order, as adr-tools' `_adr_file`.
 * Returns the index or -1.
 */
long adr_set_resolve(const adr_set *s, const char *ref, int *dups);

/* `adr generate toc`: INTRO and OUTRO are texts (already read), or NULL. */
int adr_set_toc(adr_set *s, strbuf *out, const char *intro, const char *outro,
		const char *prefix, strbuf *err);

/* `adr generate graph`: prefix and extension of each node's URL. */
int adr_set_graph(adr_set *s, strbuf *out, const char *prefix, const char *ext, strbuf *err);

/*
 * Checks a whole set of parsed records: duplicate numbers, gaps, links to
 * missing records, superseded records still accepted, unknown statuses
 * (beyond the standard ones and `extra`), dates that are not ISO.
 */
void adr_check_set(adr_record *const *recs, size_t n, const char *const *extra, size_t nextra,
		   diag_list *dl);

/* Whether a status is one of proposed, accepted, rejected, deprecated, superseded (any case) or in extra. */
int adr_status_known(const char *status, const char *const *extra, size_t nextra);

#endif
