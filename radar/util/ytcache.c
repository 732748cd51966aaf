/*
 * The parse cache file: a header, then records of (key, packed tree).
 *
 *   "radaryt2"  u32 byte-order mark  u32 records  u32 n  version (n bytes)
 *   per record: u32 key length  u32 tree length  u64 checksum  key  tree
 *
 * Native byte order; the mark and the version (libyaml's and the tree
 * builder's, see version_string) make a file written elsewhere, or by a
 * build that may build other trees, an empty cache. The checksum covers
 * key and tree: a record damaged on disk is a miss, never a wrong answer.
 * Bump the magic when this layout changes.
 */
#include "ytcache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#include "strbuf.h"

static const char magic[8] = { 'r', 'a', 'd', 'a', 'r', 'y', 't', '2' };
#define BYTE_ORDER_MARK 0x01020304u
#define RECORD_HEAD 16
/*
 * A radar of 2,000 entries makes a cache of about 1.2 MiB per revision
 * read. The bounds keep a hostile file from costing much memory.
 */
#define MAX_CACHE_FILE (32u << 20)
#define MAX_RECORDS (256u << 10)
/* An entry file is at most 1 MiB; a tree packed larger is not worth keeping. */
#define MAX_RECORD (1u << 20)
/* Far more probes than a sound table needs: a file that makes more is refused. */
#define MAX_PROBES 64

struct ytcache_record {
	const unsigned char *key, *data;
	uint32_t keylen, len;
	uint64_t sum;
	atomic_uchar used;     /* a tree from it was served in this run */
	unsigned char fresh;   /* stored in this run; key and data are owned */
	unsigned char clocked; /* fresh, keyed by times judged against our clock... */
	unsigned long long dev; /* ...that this file system gave */
};
typedef struct ytcache_record record;

struct ytcache {
	char *path;
	unsigned char *file; /* the file as read; old records point into it */
	size_t filelen;
	record *recs;
	size_t n, cap;
	uint32_t *slots; /* open addressing: record index + 1, 0 when empty */
	size_t nslots;   /* a power of two, at least twice n */
	atomic_size_t hits;
	size_t stored, written;
	size_t on_disk; /* records the file holds: as read, then as written */
};

/*
 * Which trees a build makes and refuses: its libyaml, and the sources of
 * the tree builder and of the packing, whose checksum the Makefile passes
 * in. Any change there (a new check, a new limit) makes older caches
 * foreign, with no version to remember to bump.
 */
#ifndef YT_SOURCES_ID
#define YT_SOURCES_ID __DATE__ " " __TIME__
#endif
#define VERSION_MAX 96

static void version_string(char buf[VERSION_MAX])
{
	snprintf(buf, VERSION_MAX, "libyaml %s, tree %s", yaml_get_version_string(),
		 YT_SOURCES_ID);
}

/* 64-bit words, multiplied and folded: a few hundred MB/s would slow every hit. */
static uint64_t checksum(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ (alen * 31 + blen);
	const unsigned char *parts[2] = { a, b };
	size_t lens[2] = { alen, blen };

	for (int p = 0; p < 2; p++) {
		const unsigned char *s = parts[p];
		size_t n = lens[p], i = 0;
		for (; i + 8 <= n; i += 8) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			h = (h ^ w) * 0xff51afd7ed558ccdu;
			h ^= h >> 29;
		}
		for (; i < n; i++)
			h = (h ^ s[i]) * 0x100000001b3u;
		h ^= h >> 31;
	}
	return h * 0xc4ceb9fe1a85ec53u ^ (h >> 33);
}

static uint64_t hash_key(const unsigned char *key, size_t len)
{
	return checksum(key, len, NULL, 0);
}

/* The slot that holds `key`, or the empty slot where it would go; *probes counts the steps. */
static size_t find_slot(const ytcache *c, const unsigned char *key, size_t len, size_t *probes)
{
	size_t mask = c->nslots - 1, i = (size_t)hash_key(key, len) & mask;

	for (*probes = 0;; i = (i + 1) & mask, ++*probes) {
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
	size_t probes;

	free(c->slots);
	c->nslots = nslots;
	c->slots = xcalloc(nslots, sizeof(*c->slots));
	for (size_t i = 0; i < c->n; i++) {
		size_t s = find_slot(c, c->recs[i].key, c->recs[i].keylen, &probes);
		if (!c->slots[s])
			c->slots[s] = (uint32_t)(i + 1);
	}
}

/*
 * Adds a record; a fresh one replaces an old one with its key (1), else a
 * repeated key is dropped (0). -1 when the key took too many probes.
 */
static int add(ytcache *c, const record *in)
{
	size_t s, probes;
	record *r;

	if ((c->n + 1) * 2 > c->nslots)
		rehash(c, c->nslots ? c->nslots * 2 : 64);
	s = find_slot(c, in->key, in->keylen, &probes);
	if (probes > MAX_PROBES)
		return -1;
	if (c->slots[s]) {
		r = &c->recs[c->slots[s] - 1];
		if (!in->fresh || r->fresh)
			return 0;
		r->key = in->key;
		r->data = in->data;
		r->len = in->len;
		r->sum = in->sum;
		r->fresh = 1;
		r->clocked = in->clocked;
		r->dev = in->dev;
		return 1;
	}
	GROW(c->recs, c->cap, c->n + 1);
	r = &c->recs[c->n];
	*r = *in;
	atomic_init(&r->used, 0);
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
 * Read, not mapped: a mapping of a file that another program (or another
 * NFS client) replaces in place would kill this one with SIGBUS.
 * O_NONBLOCK: a FIFO put there must not hang the run before fstat refuses it.
 * Only a file that is ours and private counts: trees hold file contents.
 */
static int read_whole(const char *path, unsigned char **out, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK), ret = -1;
	struct stat st;
	size_t got = 0;
	unsigned char *buf = NULL;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uintmax_t)st.st_size > MAX_CACHE_FILE || st.st_uid != geteuid() ||
	    (st.st_mode & 077))
		goto cleanup;
	buf = xmalloc((size_t)st.st_size);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto cleanup;
		got += (size_t)n;
	}
	*out = buf;
	*len = got;
	buf = NULL;
	ret = 0;

cleanup:
	free(buf);
	close(fd);
	return ret;
}

/* Indexes the records of a file read whole; all or nothing. */
static int load(ytcache *c)
{
	const unsigned char *p = c->file, *end = c->file + c->filelen;
	char version[VERSION_MAX];
	uint32_t order, count, vlen;

	version_string(version);
	if (c->filelen < sizeof(magic) || memcmp(p, magic, sizeof(magic)))
		return -1;
	p += sizeof(magic);
	if (read_u32(&p, end, &order) || order != BYTE_ORDER_MARK ||
	    read_u32(&p, end, &count) || read_u32(&p, end, &vlen) ||
	    vlen != strlen(version) || (size_t)(end - p) < vlen || memcmp(p, version, vlen))
		return -1;
	p += vlen;
	/* Each record takes at least its head: bound the count before trusting it. */
	if (count > (size_t)(end - p) / RECORD_HEAD || count > MAX_RECORDS)
		return -1;
	rehash(c, 64);
	while (c->nslots < (size_t)count * 2)
		c->nslots *= 2;
	rehash(c, c->nslots);
	for (uint32_t i = 0; i < count; i++) {
		record r;
		memset(&r, 0, sizeof(r));
		if (read_u32(&p, end, &r.keylen) || read_u32(&p, end, &r.len) ||
		    (size_t)(end - p) < sizeof(r.sum))
			return -1;
		memcpy(&r.sum, p, sizeof(r.sum));
		p += sizeof(r.sum);
		if (r.keylen > (size_t)(end - p) || r.len > (size_t)(end - p) - r.keylen ||
		    r.len > MAX_RECORD)
			return -1;
		r.key = p;
		r.data = p + r.keylen;
		if (add(c, &r) < 0)
			return -1;
		p += r.keylen + r.len;
	}
	c->on_disk = c->n;
	return p == end ? 0 : -1;
}

ytcache *ytcache_open(const char *path)
{
	ytcache *c = xcalloc(1, sizeof(*c));

	atomic_init(&c->hits, 0);
	c->path = path ? xstrdup(path) : NULL;
	if (path && !read_whole(path, &c->file, &c->filelen) && load(c) < 0) {
		/* Damaged or foreign: start empty, and the next save replaces it. */
		c->n = c->on_disk = 0;
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
	free(c->file);
	free(c->path);
	free(c);
}

ytcache_record *ytcache_find(ytcache *c, const void *key, size_t keylen)
{
	size_t s, probes;

	if (!c->n || !keylen)
		return NULL;
	s = find_slot(c, key, keylen, &probes);
	return c->slots[s] ? &c->recs[c->slots[s] - 1] : NULL;
}

int ytcache_unpack(ytcache *c, ytcache_record *r, yt_doc **out)
{
	*out = NULL;
	if (checksum(r->key, r->keylen, r->data, r->len) != r->sum ||
	    yt_doc_unpack(out, r->data, r->len) < 0)
		return -1;
	atomic_store_explicit(&r->used, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&c->hits, 1, memory_order_relaxed);
	return 0;
}

void ytcache_put(ytcache *c, const void *key, size_t keylen, int clocked,
		 unsigned long long dev, const void *packed, size_t len)
{
	unsigned char *mem;
	record r;

	if (!keylen || keylen > MAX_RECORD || len > MAX_RECORD)
		return;
	/* Key and tree in one block, freed through the key. */
	mem = xmalloc(keylen + len);
	memcpy(mem, key, keylen);
	memcpy(mem + keylen, packed, len);
	memset(&r, 0, sizeof(r));
	r.key = mem;
	r.keylen = (uint32_t)keylen;
	r.data = mem + keylen;
	r.len = (uint32_t)len;
	r.sum = checksum(r.key, r.keylen, r.data, r.len);
	r.fresh = 1;
	r.clocked = (unsigned char)(clocked != 0);
	r.dev = dev;
	if (add(c, &r) == 1)
		c->stored++;
	else
		free(mem);
}

static void put_record(strbuf *sb, const record *r)
{
	strbuf_add(sb, &r->keylen, sizeof(r->keylen));
	strbuf_add(sb, &r->len, sizeof(r->len));
	strbuf_add(sb, &r->sum, sizeof(r->sum));
	strbuf_add(sb, r->key, r->keylen);
	strbuf_add(sb, r->data, r->len);
}

static int64_t ms_of(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000 + t->tv_nsec / 1000000;
}

/*
 * Whether the file system that holds fd keeps time with this process: its
 * timestamps, just given to a new file, fall between our clock's readings
 * around them (a second's slack). Work-tree stamps are judged against our
 * clock; where the file system's runs behind (NFS, a VM's shared folder),
 * a file changed "two seconds ago" may have changed just now. Only this
 * file system is checked: *dev says which it is.
 */
static int clocks_agree(int fd, const struct timespec *before, unsigned long long *dev)
{
	struct timespec after;
	struct stat st;

	if (fstat(fd, &st) < 0 || clock_gettime(CLOCK_REALTIME, &after) < 0)
		return 0;
	*dev = (unsigned long long)st.st_dev;
	return ms_of(&st.st_mtim) >= ms_of(before) - 1000 &&
	       ms_of(&st.st_mtim) <= ms_of(&after) + 1000;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Whether one more record keeps the file within what load() accepts, and within limit. */
static int fits(const strbuf *sb, uint32_t count, const record *r, size_t limit)
{
	size_t after = sb->len + RECORD_HEAD + r->keylen + r->len;
	return count < MAX_RECORDS && after <= MAX_CACHE_FILE && after <= limit;
}

/*
 * The bytes of the new file: header, used and fresh records, then older
 * ones that fit. Fresh clocked records are kept only from file system
 * `clock_dev` (-1: none), the one whose clock was found to agree with ours.
 */
static void serialize(const ytcache *c, unsigned long long clock_dev, strbuf *sb,
		      uint32_t *records, size_t *written)
{
	char version[VERSION_MAX];
	uint32_t order = BYTE_ORDER_MARK, count = 0, vlen;
	size_t at_count, limit;

	version_string(version);
	vlen = (uint32_t)strlen(version);
	*written = 0;
	strbuf_add(sb, magic, sizeof(magic));
	strbuf_add(sb, &order, sizeof(order));
	at_count = sb->len;
	strbuf_add(sb, &count, sizeof(count));
	strbuf_add(sb, &vlen, sizeof(vlen));
	strbuf_add(sb, version, vlen);
	for (size_t i = 0; i < c->n; i++) {
		const record *r = &c->recs[i];
		if (r->fresh && r->clocked && r->dev != clock_dev)
			continue;
		if ((r->fresh || atomic_load_explicit(&r->used, memory_order_relaxed)) &&
		    fits(sb, count, r, MAX_CACHE_FILE)) {
			put_record(sb, r);
			count++;
			*written += r->fresh;
		}
	}
	/* Older records follow in their old order, which put the recently used first. */
	limit = sb->len * 4;
	for (size_t i = 0; i < c->n; i++) {
		const record *r = &c->recs[i];
		if (r->fresh || atomic_load_explicit(&r->used, memory_order_relaxed))
			continue;
		if (!fits(sb, count, r, limit))
			break;
		put_record(sb, r);
		count++;
	}
	memcpy(sb->buf + at_count, &count, sizeof(count));
	*records = count;
}

/* A save takes milliseconds: a lock a minute old was left by a run that was killed. */
#define STALE_LOCK_SECONDS 60

/*
 * The new file is written as <cache>.lock, created exclusively, as git
 * writes index.lock: one run saves at a time (the others keep the old file:
 * a cache only costs speed), and a run killed mid-save leaves that one
 * name, which a later save clears, rather than a new temp file each time.
 * Created 0600.
 */
static int open_lock(const char *path, const struct timespec *now)
{
	int flags = O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW;
	int fd = open(path, flags, 0600);
	struct stat st;

	if (fd >= 0 || errno != EEXIST)
		return fd;
	if (lstat(path, &st) < 0 || st.st_mtim.tv_sec > now->tv_sec - STALE_LOCK_SECONDS)
		return -1;
	unlink(path);
	return open(path, flags, 0600);
}

int ytcache_save(ytcache *c)
{
	strbuf sb = STRBUF_INIT, tmp = STRBUF_INIT;
	struct timespec before;
	unsigned long long dev = 0;
	uint32_t records = 0;
	size_t written = 0;
	int fd = -1, created = 0, ret = -1;

	c->written = 0;
	if (!c->path || !c->stored)
		return 0;
	/* No fsync: a file cut short by a crash fails its checks and is an empty cache. */
	strbuf_printf(&tmp, "%s.lock", c->path);
	if (clock_gettime(CLOCK_REALTIME, &before) < 0 || (fd = open_lock(tmp.buf, &before)) < 0)
		goto cleanup;
	created = 1;
	if (!clocks_agree(fd, &before, &dev))
		dev = (unsigned long long)-1;
	serialize(c, dev, &sb, &records, &written);
	/* Everything stored was dropped (clocks disagree): the old file is as good. */
	if (!written) {
		ret = 0;
		goto cleanup;
	}
	if (write_all(fd, sb.buf, sb.len) < 0 || close(fd) < 0) {
		fd = -1;
		goto cleanup;
	}
	fd = -1;
	if (rename(tmp.buf, c->path) < 0)
		goto cleanup;
	created = 0;
	c->written = written;
	c->on_disk = records;
	ret = 0;

cleanup:
	if (fd >= 0)
		close(fd);
	if (created)
		unlink(tmp.buf);
	strbuf_free(&tmp);
	strbuf_free(&sb);
	return ret;
}

void ytcache_counts(const ytcache *c, size_t *records, size_t *hits, size_t *written)
{
	*records = c->on_disk;
	*hits = atomic_load(&c->hits);
	*written = c->written;
}
