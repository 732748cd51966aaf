#ifndef RADAR_YAMLTREE_H
#define RADAR_YAMLTREE_H
/*
 * A YAML document as a small tree that remembers where every node stood, so
 * that whoever checks the values can say path:line:col. Built from libyaml's
 * event stream. Aliases point at the anchored node (shared, never copied);
 * a document whose expanded size would pass a bound is refused, which keeps
 * "billion laughs" files from hanging anyone who walks the tree.
 */
#include <stddef.h>

#include "diag.h"

typedef enum { YT_SCALAR, YT_SEQ, YT_MAP } yt_kind;

typedef struct yt_node {
	yt_kind kind;
	int line, col;          /* 1-based */
	char *value;            /* scalars: the text, NUL-terminated */
	size_t len;
	int plain;              /* scalar written without quotes or block style */
	struct yt_node **items; /* seq: the items; map: key, value, key, value... */
	size_t n;               /* number of pointers in items */
	size_t cap;             /* room in items */
	size_t expanded;        /* nodes in the subtree with aliases expanded */
	int end_line, end_col;  /* just past the node */
} yt_node;

typedef struct yt_doc yt_doc;

/*
 * Parses `buf` (the contents of `path`, used in diagnostics). Every problem
 * goes to `dl`; returns 0 when a tree was built (the root may be NULL for an
 * empty file), -1 otherwise.
 */
int yt_parse(yt_doc **out, const char *path, const char *buf, size_t len,
	     diag_list *dl);
const yt_node *yt_root(const yt_doc *doc);
void yt_doc_free(yt_doc *doc);

/*
 * The tree as bytes appended to `out`, and back (yamltree-pack.c): the
 * parse cache keeps trees this way. Packing refuses (-1) a tree with
 * aliases. Unpacking checks every count and refuses (-1) bytes that do not
 * describe a tree exactly; it never reads past `len`.
 */
struct strbuf;
int yt_doc_pack(const yt_doc *doc, struct strbuf *out);
int yt_doc_unpack(yt_doc **out, const void *data, size_t len);

/* The value for `key` in a mapping, or NULL. */
const yt_node *yt_map_get(const yt_node *map, const char *key);
/* "a mapping", "a list", "a string": for messages. */
const char *yt_kind_name(const yt_node *node);
/* Whether a scalar is YAML's null (~, null, empty, plain). */
int yt_is_null(const yt_node *node);



/*
 * Shape checks that report at the node: "path:line:col: error: <what> must be
 * a string, not a list". They return NULL / -1 after reporting.
 */
const char *yt_want_string(const yt_node *n, const char *path, const char *what,
			   diag_list *dl);
int yt_want_int(const yt_node *n, const char *path, const char *what, long min,
		long max, long *out, diag_list *dl);
int yt_want_kind(const yt_node *n, yt_kind kind, const char *path,
		 const char *what, diag_list *dl);
/* Warns about every key of `map` that is not in the NULL-terminated `known`. */
void yt_warn_unknown_keys(const yt_node *map, const char *const *known,
			  const char *path, const char *where, diag_list *dl);

/* Appends s as a YAML scalar, quoted only when plain text would misread. */
void yt_write_scalar(struct strbuf *sb, const char *s);
/* Byte offset of a 1-based line and column (columns count characters). */
size_t yt_offset(const char *buf, size_t len, int line, int col);

/*
 * For edits that keep a file's layout: where a new line can go after byte
 * `at` (the start of the line that follows; len, with *need_newline set,
 * when the file ends first without a line end); whether the file's lines
 * end in CRLF (its first line end decides); and `text` appended with its
 * "\n" written as the file writes them (a "\r\n" in it stays one).
 */
size_t yt_line_after(const char *buf, size_t len, size_t at, int *need_newline);
int yt_uses_crlf(const char *buf, size_t len);
void yt_put_lines(struct strbuf *sb, const char *text, int crlf);

#endif
