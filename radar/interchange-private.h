#ifndef RADAR_INTERCHANGE_PRIVATE_H
#define RADAR_INTERCHANGE_PRIVATE_H
/* What the interchange*.c files share; not part of the public interface. */
#include <jansson.h>

#include "interchange.h"

/* A new item at the end of ix->items, zeroed, with its place. */
radar_ix_item *ix_item_add(radar_ix *ix, const char *path, int line, int col);
void ix_named_add(radar_ix_named **list, size_t *n, const char *id, const char *name);
void ix_strings_add(char ***list, size_t *n, const char *s);

/*
 * Where a value stands in JSON text that jansson accepted: the element
 * `index` of the array at top-level key `key` (NULL: the top level is the
 * array), and inside it the value of `field` (NULL: the element itself);
 * index < 0: the value of `key` itself. Falls back to the nearest enclosing
 * value found. 1-based line and column (in characters).
 */
void ix_json_pos(const char *buf, size_t len, const char *key, long index, const char *field,
		 int *line, int *col);
/* Line and column (in characters) of a byte offset. */
void ix_offset_pos(const char *buf, size_t len, size_t off, int *line, int *col);

/* Reads BYOR CSV (interchange-csv.c). */
int ix_read_csv(radar_ix *ix, const char *path, const char *buf, size_t len, diag_list *dl);

/*
 * The text of a .radar.yml (`buf`, read as `have`) with what `want` adds
 * written into it in place (interchange-config.c): new quadrants at the end
 * of its quadrants: list, new rings where `want` puts them in rings:, and
 * the thresholds `want` gives that the file does not, each in the style, the
 * indentation and the line ends the file uses; the rest stays byte for byte.
 * NULL, with the reason in `why`, for a file it does not edit safely (no
 * quadrants: or rings: list, anchors, ...). The caller checks the result
 * reads back as `want`.
 */
char *ix_config_edit(const char *buf, size_t len, const radar_config *have,
		     const radar_config *want, strbuf *why);
/* Whether two configurations hold the same settings. */
int ix_config_same(const radar_config *a, const radar_config *b);

/* The formats' own names for Zalando's quadrant and ring indices (docs/index.html). */
extern const char *const ix_zalando_quadrants[4];
extern const char *const ix_zalando_rings[4];

#endif
