/*
 * The parse cache file: a header, then records of (key, packed tree).
 *
 *   "radaryt1"  u32 byte-order mark  u32 records  u32 n  libyaml's version (n bytes)
 *   per record: u32 key length  u32 tree length  key  tree
 *
 * Lengths in native byte order; the mark and libyaml's version make a file written
 * elsewhere, or by a libyaml that may build other trees, an empty cache.
 * Bump the magic when yamltree-pack.c's layout changes.
 */
#include "ytcache.h"

#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "repo.h"
#include "strbuf.h"

static const char magic[8] = { 'r', 'a', 'd', 'a', 'r', 'y', 't', '1' };
#define BYTE_ORDER_MARK 0x01020304u
/* A radar of 2,000 entries makes a cache of about 2 MiB; refuse to read absurd ones. */
#define MAX_CACHE_FILE (256u << 20)

typedef struct record {
	const unsigned char *key, *data;
	uint32_t keylen, len;
	atomic_uchar used;   /* a get found it in this run */
	unsigned char fresh; /* stored in this run; key and data are owned */
} record;

struct ytcache {
	char *path;
	unsigned char *file; /* the file, mapped; old records point into it */
	size_t filelen;
	record *recs;
	size_t n, cap;
	uint32_t *slots; /* open addressing: record index + 1, 0 when empty */
	size_t nslots;   /* a power of two, at least twice n */
	atomic_size_t hits;
	size_t stored;
};

static uint64_t hash_key(const unsigned char *key, size_t len)
{
	uint64_t h = 14695981039346656037u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ key[i]) * 1099511628211u;
	return h;
}

/* The slot that holds `key`, or the empty slot where it would go. */
static size_t find_slot(const ytcache *c, const unsigned char *key, size_t len)
{
	size_t mask = c->nslots - 1, i = (size_t)hash_key(key, len) & mask;

	for (;; i = (i + 1) & mask) {
		const record *r;
		if (!c->slots[i])
			return i;
		r = &c->recs[c->slots[i] - 1];
		if (r->keylen == len && !memcmp(r->key, key, len))
			return i;
	}
}

static void rehash(ytcache *c, size_t nslots)
{
	free(c->slots);
	c->nslots = nslots;
	c->slots = xcalloc(nslots, sizeof(*c->slots));
	for (size_t i = 0; i < c->n; i++) {
		size_t s = find_slot(c, c->recs[i].key, c->recs[i].keylen);
		if (!c->slots[s])
			c->slots[s] = (uint32_t)(i + 1);
	}
}

/*
 * Adds a record; a fresh one replaces an old one with its key (1), else a
 * repeated key is dropped (0).
 */
static int add(ytcache *c, const unsigned char *key, uint32_t keylen,
	       const unsigned char *data, uint32_t len, int fresh)
{
	size_t s;
	record *r;

	if ((c->n + 1) * 2 > c->nslots)
		rehash(c, c->nslots ? c->nslots * 2 : 64);
	s = find_slot(c, key, keylen);
	if (c->slots[s]) {
		r = &c->recs[c->slots[s] - 1];
		if (!fresh || r->fresh)
			return 0;
		r->key = key;
		r->data = data;
		r->len = len;
		r->fresh = 1;
		return 1;
	}
	GROW(c->recs, c->cap, c->n + 1);
	r = &c->recs[c->n];
	r->key = key;
	r->keylen = keylen;
	r->data = data;
	r->len = len;
	atomic_init(&r->used, 0);
	r->fresh = (unsigned char)fresh;
	c->slots[s] = (uint32_t)++c->n;
	return 1;
}

static int read_u32(const unsigned char **p, const unsigned char *end, uint32_t *v)
{
	if ((size_t)(end - *p) < sizeof(*v))
		return -1;
	memcpy(v, *p, sizeof(*v));
	*p += sizeof(*v);
	return 0;
}

/*
 * Mapped, not read: a cache of a few MiB read into fresh memory cost more
 * in page faults than the lookups. The file is only ever replaced by a
 * rename, never truncated, so the mapping stays whole.
 */
static int map_file(const char *path, unsigned char **out, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), ret = -1;
	struct stat st;
	void *map;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uintmax_t)st.st_size > MAX_CACHE_FILE)
		goto cleanup;
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		goto cleanup;
	*out = map;
	*len = (size_t)st.st_size;
	ret = 0;

cleanup:
	close(fd);
	return ret;
}

/* Indexes the records of a file read whole; all or nothing. */
static int load(ytcache *c)
{
	const unsigned char *p = c->file, *end = c->file + c->filelen;
	const char *version = yaml_get_version_string();
	uint32_t order, count, vlen;

	if (c->filelen < sizeof(magic) || memcmp(p, magic, sizeof(magic)))
		return -1;
	p += sizeof(magic);
	if (read_u32(&p, end, &order) || order != BYTE_ORDER_MARK ||
	    read_u32(&p, end, &count) || read_u32(&p, end, &vlen) ||
	    vlen != strlen(version) || (size_t)(end - p) < vlen || memcmp(p, version, vlen))
		return -1;
	p += vlen;
	/* Each record takes at least its two lengths: bound the count before trusting it. */
	if (count > (size_t)(end - p) / 8)
		return -1;
	rehash(c, 64);
	while (c->nslots < (size_t)count * 2)
		c->nslots *= 2;
	rehash(c, c->nslots);
	for (uint32_t i = 0; i < count; i++) {
		uint32_t keylen, len;
		if (read_u32(&p, end, &keylen) || read_u32(&p, end, &len) ||
		    keylen > (size_t)(end - p) || len > (size_t)(end - p) - keylen)
			return -1;
		add(c, p, keylen, p + keylen, len, 0);
		p += keylen + len;
	}
	return p == end ? 0 : -1;
}

ytcache *ytcache_open(const char *path)
{
	ytcache *c = xcalloc(1, sizeof(*c));

	atomic_init(&c->hits, 0);
	c->path = path ? xstrdup(path) : NULL;
	if (path && !map_file(path, &c->file, &c->filelen) && load(c) < 0) {
		/* Damaged or foreign: start empty, and the next save replaces it. */
		c->n = 0;
		free(c->slots);
		c->slots = NULL;
		c->nslots = 0;
	}
	return c;
}

void ytcache_free(ytcache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		if (c->recs[i].fresh)
			free((void *)c->recs[i].key);
	free(c->recs);
	free(c->slots);
	if (c->file)
		munmap(c->file, c->filelen);
	free(c->path);
	free(c);
}

int ytcache_find(ytcache *c, const void *key, size_t keylen, const void **data,
		 size_t *len)
{
	record *r;
	size_t s;

	if (!c->n || !keylen)
		return -1;
	s = find_slot(c, key, keylen);
	if (!c->slots[s])
		return -1;
	r = &c->recs[c->slots[s] - 1];
	*data = r->data;
	*len = r->len;
	atomic_store_explicit(&r->used, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&c->hits, 1, memory_order_relaxed);
	return 0;
}

void ytcache_put(ytcache *c, const void *key, size_t keylen, const void *packed, size_t len)
{
	unsigned char *mem;

	if (!keylen || keylen > UINT32_MAX || len > UINT32_MAX)
		return;
	/* Key and tree in one block, freed through the key. */
	mem = xmalloc(keylen + len);
	memcpy(mem, key, keylen);
	memcpy(mem + keylen, packed, len);
	if (add(c, mem, (uint32_t)keylen, mem + keylen, (uint32_t)len, 1))
		c->stored++;
	else
		free(mem);
}

static void put_record(strbuf *sb, const record *r)
{
	strbuf_add(sb, &r->keylen, sizeof(r->keylen));
	strbuf_add(sb, &r->len, sizeof(r->len));
	strbuf_add(sb, r->key, r->keylen);
	strbuf_add(sb, r->data, r->len);
}

int ytcache_save(ytcache *c)
{
	strbuf sb = STRBUF_INIT;
	const char *version = yaml_get_version_string();
	uint32_t order = BYTE_ORDER_MARK, count = 0, vlen = (uint32_t)strlen(version);
	size_t at_count, used_bytes, limit;
	int ret;

	if (!c->path || !c->stored)
		return 0;
	strbuf_add(&sb, magic, sizeof(magic));
	strbuf_add(&sb, &order, sizeof(order));
	at_count = sb.len;
	strbuf_add(&sb, &count, sizeof(count));
	strbuf_add(&sb, &vlen, sizeof(vlen));
	strbuf_add(&sb, version, vlen);
	for (size_t i = 0; i < c->n; i++) {
		const record *r = &c->recs[i];
		if (r->fresh || atomic_load_explicit(&r->used, memory_order_relaxed)) {
			put_record(&sb, r);
			count++;
		}
	}
	/* Older records follow in their old order, which put the recently used first. */
	used_bytes = sb.len;
	limit = used_bytes * 4;
	for (size_t i = 0; i < c->n; i++) {
		const record *r = &c->recs[i];
		if (r->fresh || atomic_load_explicit(&r->used, memory_order_relaxed))
			continue;
		if (sb.len + 8 + r->keylen + r->len > limit)
			break;
		put_record(&sb, r);
		count++;
	}
	memcpy(sb.buf + at_count, &count, sizeof(count));
	ret = fs_write_atomic(c->path, sb.buf, sb.len, NULL) < 0 ? -1 : 0;
	strbuf_free(&sb);
	return ret;
}

void ytcache_counts(const ytcache *c, size_t *records, size_t *hits, size_t *stored)
{
	*records = c->n;
	*hits = atomic_load(&c->hits);
	*stored = c->stored;
}
