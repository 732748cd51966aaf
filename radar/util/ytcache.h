#ifndef RADAR_YTCACHE_H
#define RADAR_YTCACHE_H
/*
 * The parse cache: YAML trees of files already parsed, kept in one file
 * and looked up by a key that stands for the file's bytes (a repo_stamp).
 * libyaml's scan is most of what reading a large radar costs; a tree from
 * the cache costs a fraction of that. Only trees that parsed without a
 * problem are kept, so every diagnostic still comes from the checks run
 * on the tree, cached or not.
 *
 * A cache is never trusted further than its bytes prove: a missing,
 * foreign (another format, byte order, libyaml or tree builder) or damaged
 * file is an empty cache, and a record whose checksum or tree does not
 * hold is a miss. The file is private to its owner (mode 0600, and a file
 * another user owns or others may read is not trusted): a tree holds the
 * text of a file that other users may not be allowed to read.
 */
#include <stddef.h>

#include "yamltree.h"

typedef struct ytcache ytcache;
typedef struct ytcache_record ytcache_record;

/* The cache kept at `path`; never fails (see above). */
ytcache *ytcache_open(const char *path);
void ytcache_free(ytcache *c);

/*
 * The record stored under `key`, valid until ytcache_free, or NULL. Only
 * reads: safe on several threads.
 */
ytcache_record *ytcache_find(ytcache *c, const void *key, size_t keylen);

/*
 * The tree of a record found by ytcache_find: 0 with *out (caller frees),
 * or -1 when the record is damaged (then read the file). Counts a hit;
 * safe on several threads.
 */
int ytcache_unpack(ytcache *c, ytcache_record *r, yt_doc **out);

/*
 * Stores a tree packed by yt_doc_pack, replacing what the key had (a
 * record that was damaged). `clocked`: the key holds times that file
 * system `dev` gave and that were judged against this process's clock
 * (work-tree stat data). Such a record is saved only when the cache file
 * lives on that same file system and its clock agrees with ours. One
 * thread at a time, while no other call runs.
 */
void ytcache_put(ytcache *c, const void *key, size_t keylen, int clocked,
		 unsigned long long dev, const void *packed, size_t len);

/*
 * Writes the cache back when something was stored: what this run used
 * first, then older records while the file stays within four times that
 * (so a few revisions live side by side and the file cannot grow without
 * end). A temp file renamed over the old one. 0, or -1 with nothing
 * changed: a cache that cannot be written only costs speed.
 */
int ytcache_save(ytcache *c);

/*
 * For RADAR_TRACE_CACHE: records the cache file holds (after ytcache_save,
 * what it wrote), trees served from it, and trees this run added to it.
 */
void ytcache_counts(const ytcache *c, size_t *records, size_t *hits, size_t *written);

#endif
