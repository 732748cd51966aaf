#ifndef ADR_NAME_H
#define ADR_NAME_H
/*
 * ADR file names as adr-tools makes and reads them: NNNN-slug.md, numbers in
 * base 10 (never octal), slugs that keep letters of any script.
 */
#include <stddef.h>

/*
 * The slug of a title: lower-cased, every run of characters that are not
 * letters or digits turned into one '-', trimmed ("Slash/Slash/" gives
 * "slash-slash", "Café" gives "café"). Caller frees; "" when nothing is left.
 */
char *adr_slugify(const char *title);

/*
 * The number a directory entry's name starts with, as adr-tools counts it
 * (leading digits, base 10): 0 and *out set, or -1 when the name does not
 * start with a digit or the number does not fit.
 */
int adr_name_number(const char *name, long *out);

/* Whether adr-tools' `adr list` lists this entry name: digits, '-', then ".md" somewhere. */
int adr_name_is_listed(const char *name);

/* Template placeholder files that are never ADRs (template.md, adr-template.md, index.md, README.md). */
int adr_name_is_template(const char *name);

/* "0007-use-postgresql.md"; caller frees. */
char *adr_file_name(long number, const char *slug);

/*
 * Whether the text is one that adr-tools would treat as a number reference
 * (only digits), with its value in *out.
 */
int adr_ref_number(const char *ref, long *out);

#endif
