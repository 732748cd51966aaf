#include "yamltree.h"
#include "yamltree-private.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "strbuf.h"

/* Far more than any radar file needs, far less than an alias bomb makes. */
#define MAX_EXPANDED 200000

/*
 * Nodes, strings and item arrays come from an arena freed in one go: a
 * radar reads thousands of small files, and malloc/free per node was a
 * quarter of `radar list`.
 */
#define ARENA_BLOCK 8192

static arena_block *new_block(yt_doc *doc, size_t cap)
{
	arena_block *b = xmalloc(sizeof(*b) + cap);
	b->size = cap;
	b->used = 0;
	b->next = doc->blocks;
	doc->blocks = b;
	return b;
}

void *yt__arena_alloc(yt_doc *doc, size_t size)
{
	arena_block *b = doc->blocks;
	size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (!b || b->size - b->used < size)
		b = new_block(doc, size > ARENA_BLOCK ? size : ARENA_BLOCK);
	b->used += size;
	return (char *)b->data + b->used - size;
}

void *yt__arena_alloc_exact(yt_doc *doc, size_t size)
{
	arena_block *b = new_block(doc, size);
	b->used = size;
	return b->data;
}

typedef struct anchor {
	char *name;
	yt_node *node;
} anchor;

typedef struct builder {
	yt_doc *doc;
	const char *buf;
	size_t len;
	const char *path;
	diag_list *dl;
	yt_node **stack;
	size_t depth, capstack;
	anchor *anchors;
	size_t nanchors, capanchors;
	int failed;
} builder;

static yt_node *new_node(builder *b, yt_kind kind, const yaml_mark_t *mark)
{
	yt_node *n = yt__arena_alloc(b->doc, sizeof(*n));
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->line = (int)mark->line + 1;
	n->col = (int)mark->column + 1;
	n->expanded = 1;
	return n;
}

static void add_anchor(builder *b, const yaml_char_t *name, yt_node *node)
{
	if (!name)
		return;
	GROW(b->anchors, b->capanchors, b->nanchors + 1);
	b->anchors[b->nanchors].name = xstrdup((const char *)name);
	b->anchors[b->nanchors].node = node;
	b->nanchors++;
}

static yt_node *find_anchor(builder *b, const char *name)
{
	/* The latest definition wins, as YAML says. */
	for (size_t i = b->nanchors; i-- > 0;)
		if (!strcmp(b->anchors[i].name, name))
			return b->anchors[i].node;
	return NULL;
}

static void fail(builder *b, const yaml_mark_t *mark, const char *msg)
{
	diag_add(b->dl, DIAG_ERROR, b->path, (int)mark->line + 1,
		 (int)mark->column + 1, "%s", msg);
	b->failed = 1;
}

/* Attaches a finished node to the open collection, or makes it the root. */
static int attach(builder *b, yt_node *node, const yaml_mark_t *mark)
{
	yt_node *parent;

	if (!b->depth) {
		if (!b->doc->root)
			b->doc->root = node;
		return 0;
	}
	parent = b->stack[b->depth - 1];
	if (parent->expanded + node->expanded > MAX_EXPANDED) {
		fail(b, mark, "document expands to too many nodes (alias bomb?); refused");
		return -1;
	}
	if (parent->n == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 8;
		yt_node **items = yt__arena_alloc(b->doc, cap * sizeof(*items));
		if (parent->n)
			memcpy(items, parent->items, parent->n * sizeof(*items));
		parent->items = items;
		parent->cap = cap;
	}
	parent->items[parent->n++] = node;
	/* Ancestors are updated when each collection ends. */
	parent->expanded += node->expanded;
	return 0;
}

static int push(builder *b, yt_node *node, const yaml_mark_t *mark)
{
	if (b->depth >= YT_MAX_DEPTH) {
		fail(b, mark, "nesting deeper than 64 levels; refused");
		return -1;
	}
	GROW(b->stack, b->capstack, b->depth + 1);
	b->stack[b->depth++] = node;
	return 0;
}

static int cmp_key_at(const void *x, const void *y)
{
	const yt_node *const *a = *(const yt_node *const *const *)x;
	const yt_node *const *b = *(const yt_node *const *const *)y;
	int c = strcmp((*a)->value, (*b)->value);
	return c ? c : (a > b) - (a < b); /* equal keys stay in file order */
}

/*
 * Duplicate keys in a big mapping, by sorting: comparing every pair took
 * minutes for a 1 MiB file of 90,000 keys (tests/e2e/t-hostile-values.sh).
 * Each repeat is reported against the first, as the pairwise loop does.
 */
static void dup_keys_sorted(builder *b, yt_node *node)
{
	size_t nk = 0;
	yt_node **keys = xmalloc((node->n / 2) * sizeof(*keys)), ***at;

	for (size_t i = 0; i + 1 < node->n; i += 2)
		if (node->items[i]->kind == YT_SCALAR)
			keys[nk++] = node->items[i];
	at = xmalloc((nk ? nk : 1) * sizeof(*at));
	for (size_t i = 0; i < nk; i++)
		at[i] = &keys[i];
	qsort(at, nk, sizeof(*at), cmp_key_at);
	for (size_t i = 1, first = 0; i < nk; i++) {
		if (strcmp((*at[first])->value, (*at[i])->value)) {
			first = i;
			continue;
		}
		diag_add(b->dl, DIAG_ERROR, b->path, (*at[i])->line, (*at[i])->col,
			 "duplicate key '%s' (first at line %d)", (*at[i])->value,
			 (*at[first])->line);
		b->failed = 1;
	}
	free(at);
	free(keys);
}

static int pop(builder *b, const yaml_mark_t *mark)
{
	yt_node *node = b->stack[--b->depth];
	node->end_line = (int)mark->line + 1;
	node->end_col = (int)mark->column + 1;
	if (node->kind == YT_MAP && node->n > 128) {
		dup_keys_sorted(b, node);
	} else if (node->kind == YT_MAP) {
		/* Duplicate keys silently replace values in most readers. */
		for (size_t i = 0; i + 1 < node->n; i += 2) {
			const yt_node *k = node->items[i];
			if (k->kind != YT_SCALAR)
				continue;
			for (size_t j = i + 2; j + 1 < node->n; j += 2) {
				const yt_node *k2 = node->items[j];
				if (k2->kind == YT_SCALAR && !strcmp(k->value, k2->value)) {
					diag_add(b->dl, DIAG_ERROR, b->path, k2->line,
						 k2->col, "duplicate key '%s' (first at line %d)",
						 k2->value, k->line);
					b->failed = 1;
				}
			}
		}
	}
	/* The node's size grew while open; recount into the parent. */
	return attach(b, node, mark);
}

static void parser_error(builder *b, const yaml_parser_t *p)
{
	const yaml_mark_t *mark = p->problem ? &p->problem_mark : &p->context_mark;
	strbuf msg = STRBUF_INIT;

	if (p->error == YAML_READER_ERROR) {
		/* Reader errors come as a byte offset: turn it into line and column. */
		size_t off = p->problem_offset < b->len ? p->problem_offset : b->len;
		int line = 1, col = 1;
		for (size_t i = 0; i < off; i++) {
			if (b->buf[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)b->buf[i] & 0xC0) != 0x80) {
				col++;
			}
		}
		diag_add(b->dl, DIAG_ERROR, b->path, line, col, "%s (byte %zu; the file must be UTF-8 text)",
			 p->problem ? p->problem : "unreadable", p->problem_offset + 1);
		b->failed = 1;
		return;
	}
	strbuf_puts(&msg, "invalid YAML: ");
	strbuf_puts(&msg, p->problem ? p->problem : "syntax error");
	if (p->context) {
		strbuf_printf(&msg, " (%s at line %zu, column %zu)", p->context,
			      p->context_mark.line + 1, p->context_mark.column + 1);
	}
	fail(b, mark, strbuf_str(&msg));
	strbuf_free(&msg);
}

int yt_parse(yt_doc **out, const char *path, const char *buf, size_t len,
	     diag_list *dl)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	builder b;
	int done = 0, documents = 0, ret = -1;

	memset(&b, 0, sizeof(b));
	b.doc = xcalloc(1, sizeof(*b.doc));
	b.path = path;
	b.buf = buf;
	b.len = len;
	b.dl = dl;
	*out = NULL;

	if (!yaml_parser_initialize(&parser)) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "cannot start the YAML parser");
		goto cleanup;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);

	while (!done && !b.failed) {
		yt_node *node;

		if (!yaml_parser_parse(&parser, &ev)) {
			parser_error(&b, &parser);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents == 2) {
				diag_add(dl, DIAG_ERROR, path, (int)ev.start_mark.line + 1,
					 (int)ev.start_mark.column + 1,
					 "more than one YAML document in the file");
				b.failed = 1;
			}
			break;
		case YAML_SCALAR_EVENT:
			node = new_node(&b, YT_SCALAR, &ev.start_mark);
			node->value = yt__arena_alloc(b.doc, ev.data.scalar.length + 1);
			memcpy(node->value, ev.data.scalar.value, ev.data.scalar.length);
			node->value[ev.data.scalar.length] = '\0';
			node->len = ev.data.scalar.length;
			node->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			node->end_line = (int)ev.end_mark.line + 1;
			node->end_col = (int)ev.end_mark.column + 1;
			if (memchr(node->value, '\0', node->len)) {
				fail(&b, &ev.start_mark, "NUL character in a value");
				break;
			}
			add_anchor(&b, ev.data.scalar.anchor, node);
			attach(&b, node, &ev.start_mark);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			node = new_node(&b, ev.type == YAML_SEQUENCE_START_EVENT ? YT_SEQ : YT_MAP,
					&ev.start_mark);
			add_anchor(&b, ev.type == YAML_SEQUENCE_START_EVENT
					       ? ev.data.sequence_start.anchor
					       : ev.data.mapping_start.anchor,
				   node);
			push(&b, node, &ev.start_mark);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			pop(&b, &ev.end_mark);
			break;
		case YAML_ALIAS_EVENT:
			node = find_anchor(&b, (const char *)ev.data.alias.anchor);
			if (!node) {
				fail(&b, &ev.start_mark, "alias to an unknown anchor");
				break;
			}
			for (size_t i = 0; i < b.depth; i++)
				if (b.stack[i] == node)
					node = NULL;
			if (!node) {
				fail(&b, &ev.start_mark, "alias refers to a node that contains it");
				break;
			}
			b.doc->shared = 1;
			attach(&b, node, &ev.start_mark);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	if (!b.failed)
		ret = 0;
	yaml_parser_delete(&parser);

cleanup:
	for (size_t i = 0; i < b.nanchors; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	free(b.stack);
	if (ret) {
		yt_doc_free(b.doc);
		return ret;
	}
	*out = b.doc;
	return 0;
}

const yt_node *yt_root(const yt_doc *doc)
{
	return doc ? doc->root : NULL;
}

void yt_doc_free(yt_doc *doc)
{
	if (!doc)
		return;
	while (doc->blocks) {
		arena_block *next = doc->blocks->next;
		free(doc->blocks);
		doc->blocks = next;
	}
	free(doc);
}

const yt_node *yt_map_get(const yt_node *map, const char *key)
{
	if (!map || map->kind != YT_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->items[i]->kind == YT_SCALAR && !strcmp(map->items[i]->value, key))
			return map->items[i + 1];
	return NULL;
}

const char *yt_kind_name(const yt_node *node)
{
	if (!node)
		return "nothing";
	switch (node->kind) {
	case YT_MAP:
		return "a mapping";
	case YT_SEQ:
		return "a list";
	default:
		return yt_is_null(node) ? "null" : "a scalar";
	}
}

int yt_is_null(const yt_node *node)
{
	if (!node)
		return 1;
	if (node->kind != YT_SCALAR || !node->plain)
		return 0;
	return !node->len || !strcmp(node->value, "~") || !strcasecmp(node->value, "null");
}

static const char *article_kind(yt_kind k)
{
	return k == YT_MAP ? "a mapping" : k == YT_SEQ ? "a list" : "a single value";
}

int yt_want_kind(const yt_node *n, yt_kind kind, const char *path,
		 const char *what, diag_list *dl)
{
	if (n && n->kind == kind)
		return 0;
	diag_add(dl, DIAG_ERROR, path, n ? n->line : 0, n ? n->col : 0,
		 "%s must be %s, not %s", what, article_kind(kind), yt_kind_name(n));
	return -1;
}

const char *yt_want_string(const yt_node *n, const char *path, const char *what,
			   diag_list *dl)
{
	if (yt_want_kind(n, YT_SCALAR, path, what, dl))
		return NULL;
	if (yt_is_null(n)) {
		diag_add(dl, DIAG_ERROR, path, n->line, n->col, "%s is empty", what);
		return NULL;
	}
	return n->value;
}

int yt_want_int(const yt_node *n, const char *path, const char *what, long min,
		long max, long *out, diag_list *dl)
{
	const char *s = yt_want_string(n, path, what, dl);
	char *end;
	long v;

	if (!s)
		return -1;
	v = strtol(s, &end, 10);
	if (end == s || *end || v < min || v > max) {
		diag_add(dl, DIAG_ERROR, path, n->line, n->col,
			 "%s must be a whole number from %ld to %ld, not '%s'", what, min,
			 max, s);
		return -1;
	}
	*out = v;
	return 0;
}

void yt_warn_unknown_keys(const yt_node *map, const char *const *known,
			  const char *path, const char *where, diag_list *dl)
{
	if (!map || map->kind != YT_MAP)
		return;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const yt_node *k = map->items[i];
		size_t j;
		if (k->kind != YT_SCALAR) {
			diag_add(dl, DIAG_ERROR, path, k->line, k->col,
				 "keys in %s must be plain names", where);
			continue;
		}
		for (j = 0; known[j]; j++)
			if (!strcmp(known[j], k->value))
				break;
		if (!known[j])
			diag_add(dl, DIAG_WARNING, path, k->line, k->col,
				 "unknown key '%s' in %s (ignored)", k->value, where);
	}
}

void yt_write_scalar(strbuf *sb, const char *s)
{
	size_t len = strlen(s);
	int plain = len && !strchr("-?:,[]{}#&*!|>'\"%@` ", s[0]) && s[len - 1] != ' ';
	static const char *const reserved[] = { "true", "false", "yes", "no", "null", "on", "off", "~", NULL };

	for (const char *p = s; *p && plain; p++)
		if ((*p == ':' && (p[1] == ' ' || !p[1])) || (*p == ' ' && p[1] == '#') ||
		    strchr(",[]{}", *p) || (unsigned char)*p < 0x20)
			plain = 0;
	for (size_t i = 0; plain && reserved[i]; i++)
		if (!strcasecmp(s, reserved[i]))
			plain = 0;
	if (plain) {
		strbuf_puts(sb, s);
		return;
	}
	strbuf_putc(sb, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"' || *p == '\\')
			strbuf_printf(sb, "\\%c", *p);
		else if (*p == '\n')
			strbuf_puts(sb, "\\n");
		else if (*p == '\t')
			strbuf_puts(sb, "\\t");
		else if ((unsigned char)*p < 0x20)
			strbuf_printf(sb, "\\x%02x", (unsigned char)*p);
		else
			strbuf_putc(sb, *p);
	}
	strbuf_putc(sb, '"');
}

/*
 * The length of the line break at buf[i], 0 if none, counted as libyaml
 * counts lines: \r\n, a lone \r, \n, and NEL, LS, PS. Counting only \n put
 * the offsets of a file with lone \r past its end, and `radar rate` read
 * beyond the buffer (fuzz_entry; tests/regress/fuzz_entry/).
 */
static size_t break_len(const char *buf, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)buf + i;
	if (u[0] == '\n')
		return 1;
	if (u[0] == '\r')
		return i + 1 < len && u[1] == '\n' ? 2 : 1;
	if (u[0] == 0xC2 && i + 1 < len && u[1] == 0x85)
		return 2;
	if (u[0] == 0xE2 && i + 2 < len && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9))
		return 3;
	return 0;
}

size_t yt_offset(const char *buf, size_t len, int line, int col)
{
	size_t i = 0;
	for (int l = 1; l < line && i < len;) {
		size_t b = break_len(buf, len, i);
		i += b ? b : 1;
		l += b != 0;
	}
	for (int c = 1; c < col && i < len && !break_len(buf, len, i); c++) {
		i++;
		while (i < len && ((unsigned char)buf[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

size_t yt_line_after(const char *buf, size_t len, size_t at, int *need_newline)
{
	*need_newline = 0;
	if (at > 0 && at <= len && buf[at - 1] == '\n')
		return at;
	while (at < len && buf[at] != '\n')
		at++;
	if (at < len)
		return at + 1;
	*need_newline = 1;
	return len;
}

int yt_uses_crlf(const char *buf, size_t len)
{
	const char *nl = memchr(buf, '\n', len);
	return nl && nl > buf && nl[-1] == '\r';
}

void yt_put_lines(strbuf *sb, const char *text, int crlf)
{
	for (const char *p = text; *p; p++) {
		if (*p == '\n' && crlf && !(p > text && p[-1] == '\r'))
			strbuf_putc(sb, '\r');
		strbuf_putc(sb, *p);
	}
}
