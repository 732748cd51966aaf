#ifndef ADR_EDIT_H
#define ADR_EDIT_H
/*
 * Editing ADR text the way adr-tools does, byte for byte, so that files
 * written by either tool stay the same: filling a template, adding link
 * lines, removing a status, upgrading dates. Every function returns a new
 * heap string (the caller frees) and leaves its input alone.
 */
#include <stddef.h>

#include "adr/adr.h"

/*
 * The template with NUMBER, TITLE, DATE and STATUS replaced, each at its
 * first place on every line, as adr-tools' sed does; unlike sed, the values
 * are inserted literally (a title with '&', '|', '/' or "DATE" stays as typed).
 */
char *adr_template_fill(const char *tpl, long number, const char *title, const char *date,
			const char *status);

/* Our default templates: Nygard (adr-tools layout), MADR 4, and `adr init`'s first record. */
const char *adr_template_nygard(void);
const char *adr_template_madr(void);
const char *adr_template_init(void);

/* What adr-tools shows as a record's title: the first line from its third byte. */
char *adr_first_line_title(const char *text);

/*
 * The title a link to this record shows: the first line from its third byte
 * (as adr-tools), except for a MADR record with front matter, whose H1 is used.
 */
char *adr_link_title(const char *text);

/*
 * Adds "TYPE [TARGET_TITLE](TARGET_FILE)" and a blank line at the end of the
 * `## Status` section (just before the next heading), as adr-tools does; a
 * MADR record without a Status section gets a superseded-by link as its
 * front matter status and other links as a line under its title.
 */
char *adr_text_add_link(const char *text, const char *type, const char *target_title,
			const char *target_file);

/* Removes status lines equal to `status` from the Status section, squeezing blank lines (adr-tools). */
char *adr_text_remove_status(const char *text, const char *status);

/*
 * Sets the record's status: the plain status lines of a `## Status` section
 * are replaced by `status` (links stay); MADR front matter or bullet
 * metadata get the new value. *changed tells whether anything differs.
 */
char *adr_text_set_status(const char *text, const adr_record *rec, const char *status);

/* `Date: DD/MM/YYYY` to `Date: YYYY-MM-DD` (adr upgrade-repository). */
char *adr_text_upgrade_dates(const char *text);

/*
 * Which spelling a text uses: counts "Superseded"/"Supersedes" and
 * "Superceded"/"Supercedes" link types (added to *se and *ce).
 */
void adr_text_count_spelling(const char *text, size_t *se, size_t *ce);

/*
 * A record renumbered from `from` to `to`: its first H1 `# FROM. Title`
 * (after any front matter) becomes `# TO. Title`, zero-padding kept. Only
 * that heading changes (a MADR title carries no number); a text whose H1
 * does not start with FROM comes back unchanged.
 */
char *adr_text_renumber(const char *text, long from, long to);

/*
 * Links to a renumbered record moved along: every `](FROM_FILE)` becomes
 * `](TO_FILE)`, and its link text `[FROM. ...` becomes `[TO. ...`.
 */
char *adr_text_relink(const char *text, const char *from_file, const char *to_file, long from,
		      long to);

#endif
