/*
 * The parse cache: trees packed and unpacked exactly, damaged bytes
 * refused, the cache file kept, found and replaced as promised, and an
 * entry checked from a cached tree saying what it says from its text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "entry.h"
#include "util/strbuf.h"
#include "util/yamltree.h"
#include "util/ytcache.h"

static const char sample[] =
	"name: \"Free-threaded CPython\"\n"
	"quadrant: languages\n"
	"tags: [python, 'pep 703', ~]\n"
	"description: |\n"
	"  Two lines,\n"
	"  \xc3\xa9t\xc3\xa9 included.\n"
	"empty: {}\n"
	"nested:\n"
	"  - [1, [2, [3]]]\n"
	"  - {a: b, c: null}\n"
	"scores:\n"
	"  - {date: 2026-01-02, by: ana, maturity: 3.5, ecosystem: 2}\n";

static yt_doc *parse(const char *text)
{
	diag_list dl = DIAG_LIST_INIT;
	yt_doc *doc = NULL;
	assert_int_equal(yt_parse(&doc, "t.yaml", text, strlen(text), &dl), 0);
	assert_int_equal(dl.n, 0);
	diag_list_free(&dl);
	return doc;
}

static void assert_same_tree(const yt_node *a, const yt_node *b)
{
	if (!a || !b) {
		assert_ptr_equal(a, b);
		return;
	}
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->col, b->col);
	assert_int_equal(a->end_line, b->end_line);
	assert_int_equal(a->end_col, b->end_col);
	assert_int_equal(a->plain, b->plain);
	assert_int_equal(a->expanded, b->expanded);
	if (a->kind == YT_SCALAR) {
		assert_int_equal(a->len, b->len);
		assert_memory_equal(a->value, b->value, a->len + 1);
		return;
	}
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		assert_same_tree(a->items[i], b->items[i]);
}

static void test_pack_roundtrip(void **state)
{
	static const char *const texts[] = { sample, "", "just a scalar\n", "[]\n", "- 'x'\n- \"\"\n" };
	(void)state;
	for (size_t t = 0; t < sizeof(texts) / sizeof(*texts); t++) {
		yt_doc *doc = parse(texts[t]), *back = NULL;
		strbuf packed = STRBUF_INIT;
		assert_int_equal(yt_doc_pack(doc, &packed), 0);
		assert_int_equal(yt_doc_unpack(&back, packed.buf, packed.len), 0);
		assert_same_tree(yt_root(doc), yt_root(back));
		yt_doc_free(back);
		yt_doc_free(doc);
		strbuf_free(&packed);
	}
}

static void test_pack_refuses_aliases(void **state)
{
	yt_doc *doc = parse("a: &x [1, 2]\nb: *x\n");
	strbuf packed = STRBUF_INIT;
	(void)state;
	assert_int_equal(yt_doc_pack(doc, &packed), -1);
	assert_int_equal(packed.len, 0);
	yt_doc_free(doc);
	strbuf_free(&packed);
}

/* Every cut and every changed byte is refused or unpacks to some tree; none reads out of bounds. */
static void test_unpack_damaged(void **state)
{
	yt_doc *doc = parse(sample), *back = NULL;
	strbuf packed = STRBUF_INIT;
	unsigned char *copy;
	(void)state;
	assert_int_equal(yt_doc_pack(doc, &packed), 0);
	for (size_t cut = 0; cut < packed.len; cut++) {
		/* A copy of exactly `cut` bytes, so that a read past it is a sanitizer error. */
		copy = malloc(cut ? cut : 1);
		memcpy(copy, packed.buf, cut);
		assert_int_equal(yt_doc_unpack(&back, copy, cut), -1);
		assert_null(back);
		free(copy);
	}
	copy = malloc(packed.len);
	for (size_t at = 0; at < packed.len; at++) {
		static const unsigned char flips[] = { 0x01, 0x80, 0xff };
		for (size_t f = 0; f < sizeof(flips); f++) {
			memcpy(copy, packed.buf, packed.len);
			copy[at] ^= flips[f];
			if (yt_doc_unpack(&back, copy, packed.len) == 0)
				yt_doc_free(back);
		}
	}
	free(copy);
	/* Trailing bytes are damage too. */
	strbuf_putc(&packed, 0);
	assert_int_equal(yt_doc_unpack(&back, packed.buf, packed.len), -1);
	yt_doc_free(doc);
	strbuf_free(&packed);
}

static char *temp_path(void)
{
	char *path = strdup("/tmp/radar-ytcache-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	return path;
}

static void put_text(ytcache *c, const char *key, const char *text)
{
	yt_doc *doc = parse(text);
	strbuf packed = STRBUF_INIT;
	assert_int_equal(yt_doc_pack(doc, &packed), 0);
	ytcache_put(c, key, strlen(key), 0, 0, packed.buf, packed.len);
	yt_doc_free(doc);
	strbuf_free(&packed);
}

/* The root scalar of what the cache holds under key, or NULL. */
static char *get_text(ytcache *c, const char *key)
{
	ytcache_record *r = ytcache_find(c, key, strlen(key));
	yt_doc *doc = NULL;
	char *out;
	if (!r || ytcache_unpack(c, r, &doc))
		return NULL;
	out = strdup(yt_root(doc)->value);
	yt_doc_free(doc);
	return out;
}

static void write_bytes(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void test_cache_file(void **state)
{
	char *path = temp_path(), *s;
	ytcache *c = ytcache_open(path);
	size_t records, hits, stored;
	FILE *f;
	char buf[1 << 16];
	size_t len;
	(void)state;

	/* Missing: empty, and nothing to save until something is stored. */
	assert_null(get_text(c, "a"));
	assert_int_equal(ytcache_save(c), 0);
	assert_int_equal(access(path, F_OK), -1);
	put_text(c, "a", "alpha");
	put_text(c, "b", "beta");
	put_text(c, "a", "again"); /* a second tree for a key this run stored is dropped */
	assert_int_equal(ytcache_save(c), 0);
	ytcache_free(c);

	c = ytcache_open(path);
	assert_string_equal(s = get_text(c, "a"), "alpha");
	free(s);
	assert_null(get_text(c, "c"));
	ytcache_counts(c, &records, &hits, &stored);
	assert_int_equal(records, 2);
	assert_int_equal(hits, 1);
	assert_int_equal(stored, 0);
	ytcache_free(c);

	/* Damaged files are empty caches: cut short, or another magic. */
	f = fopen(path, "rb");
	len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	for (size_t cut = 0; cut < len; cut += 3) {
		write_bytes(path, buf, cut);
		c = ytcache_open(path);
		assert_null(get_text(c, "a"));
		assert_null(get_text(c, "b"));
		ytcache_free(c);
	}
	buf[0] ^= 1;
	write_bytes(path, buf, len);
	c = ytcache_open(path);
	assert_null(get_text(c, "a"));
	/* ...which the next save replaces. */
	put_text(c, "z", "zeta");
	assert_int_equal(ytcache_save(c), 0);
	ytcache_free(c);
	c = ytcache_open(path);
	assert_string_equal(s = get_text(c, "z"), "zeta");
	free(s);
	ytcache_free(c);
	unlink(path);
	free(path);
}

/* A changed byte anywhere is a miss, never another tree; the file is private; no FIFO hangs us. */
static void test_cache_damage_and_mode(void **state)
{
	char *path = temp_path(), *s;
	ytcache *c = ytcache_open(path);
	size_t records, hits, written;
	struct stat st;
	unsigned char buf[4096];
	size_t len;
	FILE *f;
	(void)state;
	put_text(c, "k", "Tech one");
	assert_int_equal(ytcache_save(c), 0);
	ytcache_counts(c, &records, &hits, &written);
	assert_int_equal(written, 1);
	ytcache_free(c);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	f = fopen(path, "rb");
	len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	for (size_t at = 0; at < len; at++) {
		buf[at] ^= 0x20;
		write_bytes(path, buf, len);
		c = ytcache_open(path);
		s = get_text(c, "k");
		/* The byte hit the key ("k" -> "K"): not found; anywhere else: not served. */
		assert_null(s);
		ytcache_free(c);
		buf[at] ^= 0x20;
	}
	write_bytes(path, buf, len);
	c = ytcache_open(path);
	assert_string_equal(s = get_text(c, "k"), "Tech one");
	free(s);
	ytcache_free(c);
	unlink(path);

	assert_int_equal(mkfifo(path, 0600), 0);
	c = ytcache_open(path);
	assert_null(get_text(c, "k"));
	ytcache_free(c);
	unlink(path);

	/* A save that cannot write says so, and counts nothing written. */
	c = ytcache_open("/nonexistent-dir/radar-cache");
	put_text(c, "k", "x");
	assert_int_equal(ytcache_save(c), -1);
	ytcache_counts(c, &records, &hits, &written);
	assert_int_equal(written, 0);
	ytcache_free(c);
	free(path);
}

/*
 * Work-tree records (clocked) are kept only from the file system the cache
 * lives on, whose clock the save checks; a file others may read is not ours.
 */
static void test_cache_clocked_and_private(void **state)
{
	char *path = temp_path(), *s;
	ytcache *c = ytcache_open(path);
	size_t records, hits, written;
	struct stat dir;
	yt_doc *doc = parse("tree");
	strbuf packed = STRBUF_INIT;
	(void)state;
	assert_int_equal(stat("/tmp", &dir), 0);
	assert_int_equal(yt_doc_pack(doc, &packed), 0);
	ytcache_put(c, "elsewhere", 9, 1, (unsigned long long)dir.st_dev + 1, packed.buf, packed.len);
	assert_int_equal(ytcache_save(c), 0);
	ytcache_counts(c, &records, &hits, &written);
	assert_int_equal(written, 0);
	ytcache_free(c);
	assert_int_equal(access(path, F_OK), -1);

	c = ytcache_open(path);
	ytcache_put(c, "elsewhere", 9, 1, (unsigned long long)dir.st_dev + 1, packed.buf, packed.len);
	ytcache_put(c, "here", 4, 1, (unsigned long long)dir.st_dev, packed.buf, packed.len);
	assert_int_equal(ytcache_save(c), 0);
	ytcache_counts(c, &records, &hits, &written);
	assert_int_equal(written, 1);
	assert_int_equal(records, 1);
	ytcache_free(c);
	c = ytcache_open(path);
	assert_string_equal(s = get_text(c, "here"), "tree");
	free(s);
	assert_null(get_text(c, "elsewhere"));
	ytcache_free(c);

	assert_int_equal(chmod(path, 0644), 0);
	c = ytcache_open(path);
	assert_null(get_text(c, "here"));
	ytcache_free(c);
	unlink(path);
	free(path);
	yt_doc_free(doc);
	strbuf_free(&packed);
}

/* What a run used comes first; older records stay within four times its size. */
static void test_cache_keeps_recent(void **state)
{
	char *path = temp_path(), *s, key[16];
	ytcache *c = ytcache_open(path);
	size_t records, hits, stored;
	(void)state;
	for (int i = 0; i < 100; i++) {
		snprintf(key, sizeof(key), "old%d", i);
		put_text(c, key, "an old tree of some length, the same for every record");
	}
	assert_int_equal(ytcache_save(c), 0);
	ytcache_free(c);

	c = ytcache_open(path);
	assert_non_null(s = get_text(c, "old7"));
	free(s);
	put_text(c, "new", "an old tree of some length, the same for every record");
	assert_int_equal(ytcache_save(c), 0);
	ytcache_free(c);

	c = ytcache_open(path);
	ytcache_counts(c, &records, &hits, &stored);
	/* old7 and new, then as many of the rest as fit in four times theirs. */
	assert_true(records >= 4 && records < 10);
	assert_non_null(s = get_text(c, "old7"));
	free(s);
	assert_non_null(s = get_text(c, "new"));
	free(s);
	assert_non_null(s = get_text(c, "old0"));
	free(s);
	assert_null(get_text(c, "old99"));
	ytcache_free(c);
	unlink(path);
	free(path);
}

/* An entry read from a cached tree gives the diagnostics its text gives. */
static void test_entry_from_cached_tree(void **state)
{
	static const char *const texts[] = {
		sample,
		"name: X\nquadrant: tools\nowner: me\nscores:\n"
		"  - {date: 2026-02-30, by: a, maturity: 3.3, ecosystem: 6, migraton: 2}\n",
		"name: ''\nquadrant: [tools]\nring: adoptt\nadrs: [1, x]\n",
		"- a list\n",
	};
	radar_config *cfg = radar_config_default();
	(void)state;
	for (size_t t = 0; t < sizeof(texts) / sizeof(*texts); t++) {
		diag_list direct = DIAG_LIST_INIT, cached = DIAG_LIST_INIT;
		radar_entry *a = NULL, *b = NULL;
		yt_doc *doc = NULL, *back = NULL;
		strbuf packed = STRBUF_INIT;
		int ra = radar_entry_parse_doc(&a, cfg, "x", "radar/x.yaml", texts[t],
					       strlen(texts[t]), &doc, &direct);
		int rb;
		assert_int_equal(yt_doc_pack(doc, &packed), 0);
		assert_int_equal(yt_doc_unpack(&back, packed.buf, packed.len), 0);
		rb = radar_entry_parse_doc(&b, cfg, "x", "radar/x.yaml", NULL, 0, &back, &cached);
		assert_int_equal(ra, rb);
		assert_int_equal(direct.n, cached.n);
		assert_true(direct.n > 0 || t == 0);
		for (size_t i = 0; i < direct.n; i++) {
			assert_int_equal(direct.items[i].severity, cached.items[i].severity);
			assert_int_equal(direct.items[i].line, cached.items[i].line);
			assert_int_equal(direct.items[i].col, cached.items[i].col);
			assert_string_equal(direct.items[i].message, cached.items[i].message);
		}
		if (a) {
			assert_non_null(b);
			assert_string_equal(a->name, b->name);
			assert_int_equal(a->nratings, b->nratings);
			assert_int_equal(a->ntags, b->ntags);
		}
		radar_entry_free(a);
		radar_entry_free(b);
		yt_doc_free(doc);
		yt_doc_free(back);
		strbuf_free(&packed);
		diag_list_free(&direct);
		diag_list_free(&cached);
	}
	radar_config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pack_roundtrip),
		cmocka_unit_test(test_pack_refuses_aliases),
		cmocka_unit_test(test_unpack_damaged),
		cmocka_unit_test(test_cache_file),
		cmocka_unit_test(test_cache_damage_and_mode),
		cmocka_unit_test(test_cache_clocked_and_private),
		cmocka_unit_test(test_cache_keeps_recent),
		cmocka_unit_test(test_entry_from_cached_tree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
