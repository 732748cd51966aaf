#ifndef RADAR_TEXT_H
#define RADAR_TEXT_H
/* Small text utilities: slugs, UTF-8, "did you mean". */
#include <stddef.h>

/* Whether s is a valid id: lower-case a-z, 0-9 and '-', not starting with '-'. */
int text_is_slug(const char *s);
/* A slug from a name: lower-cased ASCII letters and digits, other runs to '-'. */
char *text_slugify(const char *name);
int text_is_utf8(const char *s, size_t len);
/* Levenshtein distance, case-insensitive for ASCII. */
size_t text_distance(const char *a, const char *b);
/*
 * Up to 3 candidates nearest to `s` (distance within a third of its length,
 * at least 2), as "'a', 'b'"; NULL when none is near. Caller frees.
 */
char *text_nearest(const char *s, const char *const *cands, size_t n);
/* The k candidates nearest to s whatever their distance, as "'a', 'b'"; NULL when n is 0. */
char *text_nearest_any(const char *s, const char *const *cands, size_t n, size_t k);
/* Whether `needle` occurs in `hay`, ignoring ASCII case. */
int text_contains_ci(const char *hay, const char *needle);
/* Display width of UTF-8 text in terminal columns (wide CJK counts 2). */
size_t text_width(const char *s);

#endif
