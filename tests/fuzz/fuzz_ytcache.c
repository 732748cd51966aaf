/*
 * Fuzzes the parse cache's tree format (radar/util/yamltree-pack.c): the
 * input as packed bytes must unpack to a sound tree or be refused; the input
 * as YAML must pack and unpack to exactly the tree libyaml built; and that
 * packed tree, damaged at a place the input picks, must again unpack soundly
 * or be refused, without reading past its end.
 */
#include "fuzz.h"

#include "util/strbuf.h"
#include "util/yamltree.h"

static int same(const yt_node *a, const yt_node *b)
{
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->line != b->line || a->col != b->col ||
	    a->end_line != b->end_line || a->end_col != b->end_col || a->plain != b->plain ||
	    a->expanded != b->expanded)
		return 0;
	if (a->kind == YT_SCALAR)
		return a->len == b->len && !memcmp(a->value, b->value, a->len + 1);
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (!same(a->items[i], b->items[i]))
			return 0;
	return 1;
}

/* Every node reachable, every scalar NUL-terminated at its length, every map in pairs. */
static size_t walk(const yt_node *n)
{
	size_t count = 1;
	if (n->kind == YT_SCALAR) {
		if (n->value[n->len] != '\0' || strlen(n->value) != n->len)
			abort();
		return 1;
	}
	if (n->kind == YT_MAP && n->n % 2)
		abort();
	for (size_t i = 0; i < n->n; i++)
		count += walk(n->items[i]);
	return count;
}

static void unpack_exact(const void *data, size_t len)
{
	/* A copy of exactly len bytes, so that reading past it is a sanitizer error. */
	unsigned char *copy = malloc(len ? len : 1);
	yt_doc *doc = NULL;
	if (!copy)
		abort();
	if (len)
		memcpy(copy, data, len);
	if (yt_doc_unpack(&doc, copy, len) == 0 && yt_root(doc) &&
	    walk(yt_root(doc)) != yt_root(doc)->expanded)
		abort();
	yt_doc_free(doc);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag_list dl = DIAG_LIST_INIT;
	yt_doc *doc = NULL, *back = NULL;
	strbuf packed = STRBUF_INIT;

	unpack_exact(data, size);
	if (yt_parse(&doc, "f.yaml", (const char *)data, size, &dl) == 0 &&
	    yt_doc_pack(doc, &packed) == 0) {
		if (yt_doc_unpack(&back, packed.buf, packed.len) || !same(yt_root(doc), yt_root(back)))
			abort();
		if (size) {
			size_t at = 0;
			for (size_t i = 0; i < size; i++)
				at = at * 31 + data[i];
			packed.buf[at % packed.len] ^= (char)(data[size - 1] | 1);
			unpack_exact(packed.buf, packed.len);
			unpack_exact(packed.buf, at % packed.len);
		}
	}
	yt_doc_free(back);
	yt_doc_free(doc);
	strbuf_free(&packed);
	fuzz_check_diags(&dl);
	diag_list_free(&dl);
	return 0;
}
