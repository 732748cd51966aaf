#ifndef RADAR_YTCACHE_H
#define RADAR_YTCACHE_H
/*
 * The parse cache: YAML trees of files already parsed, kept in one file
 * and looked up by a key that stands for the file's bytes (a repo_stamp).
 * libyaml's scan is most of what reading a large radar costs; a tree from
 * the cache costs a tenth of that. Only trees that parsed without a
 * problem are kept, so every diagnostic still comes from the checks run
 * on the tree, cached or not.
 *
 * A cache is never trusted further than its bytes prove: a missing,
 * foreign (another format, byte order or libyaml) or damaged file is an
 * empty cache, and a record that does not unpack exactly is a miss.
 */
#include <stddef.h>

#include "yamltree.h"

typedef struct ytcache ytcache;

/* The cache kept at `path`; never fails (see above). */
ytcache *ytcache_open(const char *path);
void ytcache_free(ytcache *c);

/*
 * The packed tree stored under `key` (for yt_doc_unpack): 0 with *data
 * and *len, valid until ytcache_free, else -1. Thread-safe.
 */
int ytcache_find(ytcache *c, const void *key, size_t keylen, const void **data,
		 size_t *len);

/*
 * Stores a tree packed by yt_doc_pack, replacing what the key had (a
 * record that would not unpack). One thread at a time, none in ytcache_find.
 */
void ytcache_put(ytcache *c, const void *key, size_t keylen, const void *packed, size_t len);

/*
 * Writes the cache back when something was stored: what this run used
 * first, then older records while the file stays within four times that
 * (so a few revisions live side by side and the file cannot grow without
 * end). Atomically (temp file, fsync, rename). 0, or -1 with nothing
 * changed: a cache that cannot be written only costs speed.
 */
int ytcache_save(ytcache *c);

/* Records, hits (finds) and stores so far, for RADAR_TRACE_CACHE. */
void ytcache_counts(const ytcache *c, size_t *records, size_t *hits, size_t *stored);

#endif
