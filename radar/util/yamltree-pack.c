/*
 * A YAML tree as flat bytes and back, for the parse cache (ytcache.c): a
 * cached tree is rebuilt in a fraction of the time libyaml takes to scan
 * the file again. The bytes come from a file anyone could have edited, so
 * unpacking trusts nothing: every count and length is checked, and a tree
 * that does not add up exactly is refused.
 *
 * Layout: three counts (nodes, item pointers, scalar bytes), then every
 * node in preorder: a byte for kind and style, line, column, end line, end
 * column, and a count (a scalar's bytes, which follow; a collection's
 * items, the nodes that follow).
 */
#include "yamltree.h"
#include "yamltree-private.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/*
 * Numbers go as LEB128 varints: a radar file's lines, columns and counts
 * are small, and a node takes 6 bytes instead of 24.
 */
static void put_varint(strbuf *out, uint64_t v)
{
	unsigned char b[10];
	size_t n = 0;

	do {
		b[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v)
			b[n] |= 0x80;
		n++;
	} while (v);
	strbuf_add(out, b, n);
}

static int get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	*v = 0;
	for (unsigned shift = 0; shift < 64; shift += 7) {
		unsigned char b;
		if (*p == end)
			return -1;
		b = *(*p)++;
		*v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return 0;
	}
	return -1;
}

/* A line or column as the tree keeps it: an int, at least `min`. */
static int get_position(const unsigned char **p, const unsigned char *end, uint64_t min, int *out)
{
	uint64_t v;

	if (get_varint(p, end, &v) || v < min || v > INT32_MAX)
		return -1;
	*out = (int)v;
	return 0;
}

typedef struct counts {
	uint64_t nodes, items, bytes;
} counts;

/* Kind and style share the node's first byte. */
#define PLAIN_BIT 4

static void pack_node(const yt_node *node, strbuf *out, counts *c)
{
	strbuf_putc(out, (char)(node->kind | (node->plain ? PLAIN_BIT : 0)));
	put_varint(out, (uint64_t)node->line);
	put_varint(out, (uint64_t)node->col);
	put_varint(out, (uint64_t)node->end_line);
	put_varint(out, (uint64_t)node->end_col);
	c->nodes++;
	if (node->kind == YT_SCALAR) {
		put_varint(out, node->len);
		strbuf_add(out, node->value, node->len);
		c->bytes += node->len;
		return;
	}
	put_varint(out, node->n);
	c->items += node->n;
	for (size_t i = 0; i < node->n; i++)
		pack_node(node->items[i], out, c);
}

int yt_doc_pack(const yt_doc *doc, strbuf *out)
{
	counts c = { 0, 0, 0 };
	strbuf body = STRBUF_INIT;

	/* Packing a shared node twice would turn one alias into a copy per use. */
	if (!doc || doc->shared)
		return -1;
	if (doc->root)
		pack_node(doc->root, &body, &c);
	/* The counts come first so that unpacking allocates once. */
	put_varint(out, c.nodes);
	put_varint(out, c.items);
	put_varint(out, c.bytes);
	strbuf_add(out, body.buf, body.len);
	strbuf_free(&body);
	return 0;
}

typedef struct unpacker {
	const unsigned char *p, *end;
	yt_node *nodes;
	yt_node **items;
	char *bytes;
	counts have, used;
} unpacker;

static yt_node *unpack_node(unpacker *u, int depth)
{
	yt_node *node;
	uint64_t n;
	unsigned char head;

	if (depth > YT_MAX_DEPTH + 1 || u->p == u->end || u->used.nodes == u->have.nodes)
		return NULL;
	head = *u->p++;
	if ((head & ~PLAIN_BIT) > YT_MAP)
		return NULL;
	node = &u->nodes[u->used.nodes++];
	memset(node, 0, sizeof(*node));
	node->kind = (yt_kind)(head & ~PLAIN_BIT);
	node->plain = !!(head & PLAIN_BIT);
	node->expanded = 1;
	if (get_position(&u->p, u->end, 1, &node->line) ||
	    get_position(&u->p, u->end, 1, &node->col) ||
	    get_position(&u->p, u->end, 0, &node->end_line) ||
	    get_position(&u->p, u->end, 0, &node->end_col) || get_varint(&u->p, u->end, &n))
		return NULL;
	if (node->kind == YT_SCALAR) {
		if (n > u->have.bytes - u->used.bytes || n > (size_t)(u->end - u->p) ||
		    memchr(u->p, '\0', (size_t)n))
			return NULL;
		/* Each scalar before this one took its bytes and a NUL. */
		node->value = u->bytes + u->used.bytes + (u->used.nodes - 1);
		memcpy(node->value, u->p, (size_t)n);
		node->value[n] = '\0';
		node->len = (size_t)n;
		u->p += n;
		u->used.bytes += n;
		return node;
	}
	if (n > u->have.items - u->used.items || (node->kind == YT_MAP && n % 2))
		return NULL;
	node->items = u->items + u->used.items;
	node->n = node->cap = (size_t)n;
	u->used.items += n;
	for (size_t i = 0; i < node->n; i++) {
		if (!(node->items[i] = unpack_node(u, depth + 1)))
			return NULL;
		node->expanded += node->items[i]->expanded;
	}
	return node;
}

int yt_doc_unpack(yt_doc **out, const void *data, size_t len)
{
	unpacker u;
	yt_doc *doc;
	size_t nodes_size, items_size;
	char *mem;

	*out = NULL;
	memset(&u, 0, sizeof(u));
	u.p = data;
	u.end = u.p + len;
	if (get_varint(&u.p, u.end, &u.have.nodes) || get_varint(&u.p, u.end, &u.have.items) ||
	    get_varint(&u.p, u.end, &u.have.bytes))
		return -1;
	/*
	 * A node takes at least 6 bytes, and every item is a node: bound the
	 * counts first. Nothing is zeroed before it is used, so counts that lie
	 * cost address space, not memory.
	 */
	if (u.have.nodes > len / 6 || (u.have.nodes && u.have.items >= u.have.nodes) ||
	    (!u.have.nodes && u.have.items) || u.have.bytes > len)
		return -1;
	doc = xcalloc(1, sizeof(*doc));
	nodes_size = (size_t)u.have.nodes * sizeof(yt_node);
	items_size = (size_t)u.have.items * sizeof(yt_node *);
	mem = yt__arena_alloc_exact(doc, nodes_size + items_size + (size_t)u.have.bytes +
					 (size_t)u.have.nodes + 1);
	u.nodes = (yt_node *)(void *)mem;
	u.items = (yt_node **)(void *)(mem + nodes_size);
	u.bytes = mem + nodes_size + items_size;
	if (u.have.nodes && !(doc->root = unpack_node(&u, 1)))
		goto refuse;
	if (u.p != u.end || memcmp(&u.used, &u.have, sizeof(u.have)))
		goto refuse;
	*out = doc;
	return 0;

refuse:
	yt_doc_free(doc);
	return -1;
}
