#include "entry.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/frac.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/yamltree.h"

static const char *const entry_keys[] = { "name", "quadrant", "ring", "description", "tags",
					  "links", "adrs", "scores", NULL };

char *radar_entry_id_from_file(const char *filename)
{
	size_t len = strlen(filename);
	if (len > 5 && !strcmp(filename + len - 5, ".yaml"))
		return xstrndup(filename, len - 5);
	if (len > 4 && !strcmp(filename + len - 4, ".yml"))
		return xstrndup(filename, len - 4);
	return NULL;
}

void radar_entry_free(radar_entry *e)
{
	if (!e)
		return;
	free(e->id);
	free(e->path);
	free(e->name);
	free(e->description);
	for (size_t i = 0; i < e->ntags; i++)
		free(e->tags[i]);
	free(e->tags);
	for (size_t i = 0; i < e->nlinks; i++)
		free(e->links[i]);
	free(e->links);
	free(e->adrs);
	for (size_t i = 0; i < e->nratings; i++) {
		free(e->ratings[i].by);
		free(e->ratings[i].note);
		free(e->ratings[i].half);
	}
	free(e->ratings);
	free(e);
}

typedef struct ctx {
	const radar_config *cfg;
	const char *path;
	diag_list *dl;
} ctx;

#define ERR(c, n, ...) diag_add((c)->dl, DIAG_ERROR, (c)->path, (n)->line, (n)->col, __VA_ARGS__)

static char **read_string_list(ctx *c, const yt_node *list, const char *what, size_t *count)
{
	char **out;
	*count = 0;
	if (yt_want_kind(list, YT_SEQ, c->path, what, c->dl))
		return NULL;
	out = xcalloc(list->n, sizeof(char *));
	for (size_t i = 0; i < list->n; i++) {
		const char *s = yt_want_string(list->items[i], c->path, what, c->dl);
		if (s)
			out[(*count)++] = xstrdup(s);
	}
	return out;
}

static void read_ring(ctx *c, radar_entry *e, const yt_node *n)
{
	const char *s = yt_want_string(n, c->path, "ring", c->dl);
	if (!s)
		return;
	e->ring = radar_config_find_ring(c->cfg, s);
	if (e->ring < 0) {
		char *list = radar_config_ring_list(c->cfg);
		ERR(c, n, "unknown ring '%s' (rings: %s)", s, list);
		free(list);
	}
}

static void read_quadrant(ctx *c, radar_entry *e, const yt_node *n)
{
	const char *s = yt_want_string(n, c->path, "quadrant", c->dl);
	const char **ids;
	char *near;

	if (!s)
		return;
	e->quadrant = radar_config_find_quadrant(c->cfg, s);
	if (e->quadrant >= 0)
		return;
	ids = xcalloc(c->cfg->nquadrants, sizeof(char *));
	for (size_t i = 0; i < c->cfg->nquadrants; i++)
		ids[i] = c->cfg->quadrants[i].id;
	near = text_nearest(s, ids, c->cfg->nquadrants);
	if (near) {
		ERR(c, n, "unknown quadrant '%s'; did you mean %s?", s, near);
	} else {
		char *list = radar_config_quadrant_list(c->cfg);
		ERR(c, n, "unknown quadrant '%s' (quadrants: %s)", s, list);
		free(list);
	}
	free(near);
	free(ids);
}

static int read_score(ctx *c, const yt_node *n, const char *dim, int *half)
{
	const char *s = yt_want_string(n, c->path, dim, c->dl);
	frac f;

	if (!s)
		return -1;
	if (frac_parse_decimal(s, &f) || (f.den != 1 && f.den != 2)) {
		ERR(c, n, "%s score '%s' must be a number in steps of 0.5", dim, s);
		return -1;
	}
	if (frac_cmp(f, frac_make(c->cfg->scale_min, 1)) < 0 ||
	    frac_cmp(f, frac_make(c->cfg->scale_max, 1)) > 0) {
		ERR(c, n, "%s score %s is outside the scale %d to %d", dim, s,
		    c->cfg->scale_min, c->cfg->scale_max);
		return -1;
	}
	*half = (int)(f.num * 2 / f.den);
	return 0;
}

int radar_date_node(const yt_node *n, const char *path, const char *what, date *out,
		    diag_list *dl)
{
	const char *s = yt_want_string(n, path, what, dl);
	if (!s)
		return -1;
	if (date_parse(s, out)) {
		diag_add(dl, DIAG_ERROR, path, n->line, n->col,
			 "%s '%s' is not a real date in the form YYYY-MM-DD", what, s);
		return -1;
	}
	return 0;
}

static int read_rating(ctx *c, const yt_node *block, radar_rating *r)
{
	int bad = 0, rated = 0;
	const yt_node *n;

	r->line = block->line;
	r->col = block->col;
	r->half = xmalloc(c->cfg->ndimensions * sizeof(int));
	for (size_t d = 0; d < c->cfg->ndimensions; d++)
		r->half[d] = -1;
	if (yt_want_kind(block, YT_MAP, c->path, "a score block", c->dl))
		return -1;
	for (size_t i = 0; i + 1 < block->n; i += 2) {
		const yt_node *k = block->items[i], *v = block->items[i + 1];
		int d;
		if (k->kind != YT_SCALAR)
			continue;
		if (!strcmp(k->value, "date") || !strcmp(k->value, "by") || !strcmp(k->value, "note"))
			continue;
		d = radar_config_find_dimension(c->cfg, k->value);
		if (d < 0) {
			const char **ids = xcalloc(c->cfg->ndimensions, sizeof(char *));
			char *near;
			for (size_t j = 0; j < c->cfg->ndimensions; j++)
				ids[j] = c->cfg->dimensions[j].id;
			near = text_nearest(k->value, ids, c->cfg->ndimensions);
			if (near)
				ERR(c, k, "unknown scorecard dimension '%s'; did you mean %s?", k->value, near);
			else
				ERR(c, k, "unknown scorecard dimension '%s'", k->value);
			free(near);
			free(ids);
			bad = 1;
			continue;
		}
		if (read_score(c, v, k->value, &r->half[d]))
			bad = 1;
		else
			rated++;
	}
	if (!(n = yt_map_get(block, "date"))) {
		ERR(c, block, "score block has no 'date'");
		bad = 1;
	} else if (radar_date_node(n, c->path, "date", &r->when, c->dl)) {
		bad = 1;
	}
	if (!(n = yt_map_get(block, "by"))) {
		ERR(c, block, "score block has no 'by' (who rated)");
		bad = 1;
	} else {
		const char *s = yt_want_string(n, c->path, "by", c->dl);
		if (s)
			r->by = xstrdup(s);
		else
			bad = 1;
	}
	if ((n = yt_map_get(block, "note")) && !yt_is_null(n)) {
		const char *s = yt_want_string(n, c->path, "note", c->dl);
		if (s)
			r->note = xstrdup(s);
	}
	if (!bad && !rated) {
		ERR(c, block, "score block rates no dimension");
		bad = 1;
	}
	return bad ? -1 : 0;
}

static void read_adrs(ctx *c, radar_entry *e, const yt_node *list)
{
	if (yt_want_kind(list, YT_SEQ, c->path, "adrs", c->dl))
		return;
	e->adrs = xcalloc(list->n, sizeof(long));
	for (size_t i = 0; i < list->n; i++) {
		long v;
		if (!yt_want_int(list->items[i], c->path, "an ADR number", 0, 999999, &v, c->dl))
			e->adrs[e->nadrs++] = v;
	}
}

int radar_entry_parse(radar_entry **out, const radar_config *cfg, const char *id,
		      const char *path, const char *buf, size_t len, diag_list *dl)
{
	yt_doc *doc = NULL;
	int ret = radar_entry_parse_doc(out, cfg, id, path, buf, len, &doc, dl);

	yt_doc_free(doc);
	return ret;
}

int radar_entry_parse_doc(radar_entry **out, const radar_config *cfg, const char *id,
			  const char *path, const char *buf, size_t len, yt_doc **doc,
			  diag_list *dl)
{
	size_t errors = dl->errors;
	ctx c = { cfg, path, dl };
	radar_entry *e = xcalloc(1, sizeof(*e));
	const yt_node *root, *n;

	*out = NULL;
	e->id = xstrdup(id);
	e->path = xstrdup(path);
	e->quadrant = e->ring = -1;
	if (!text_is_slug(id))
		diag_add(dl, DIAG_ERROR, path, 1, 1,
			 "id '%s' (the file name) must be lower-case letters, digits and '-'", id);
	if (buf && yt_parse(doc, path, buf, len, dl))
		goto cleanup;
	root = yt_root(*doc);
	if (!root || yt_is_null(root)) {
		diag_add(dl, DIAG_ERROR, path, 1, 1, "empty entry: 'name' and 'quadrant' are required");
		goto cleanup;
	}
	if (yt_want_kind(root, YT_MAP, path, "an entry", dl))
		goto cleanup;
	yt_warn_unknown_keys(root, entry_keys, path, "an entry", dl);

	if (!(n = yt_map_get(root, "name"))) {
		diag_add(dl, DIAG_ERROR, path, root->line, root->col, "missing required field 'name'");
	} else {
		const char *s = yt_want_string(n, path, "name", dl);
		if (s && !*s)
			diag_add(dl, DIAG_ERROR, path, n->line, n->col, "name is empty");
		else if (s)
			e->name = xstrdup(s);
		e->name_line = n->line;
		e->name_col = n->col;
	}
	if (!(n = yt_map_get(root, "quadrant")))
		diag_add(dl, DIAG_ERROR, path, root->line, root->col, "missing required field 'quadrant'");
	else
		read_quadrant(&c, e, n);
	if ((n = yt_map_get(root, "ring")) && !yt_is_null(n))
		read_ring(&c, e, n);
	if ((n = yt_map_get(root, "description")) && !yt_is_null(n)) {
		const char *s = yt_want_string(n, path, "description", dl);
		if (s)
			e->description = xstrdup(s);
	}
	if ((n = yt_map_get(root, "tags")) && !yt_is_null(n))
		e->tags = read_string_list(&c, n, "tags", &e->ntags);
	if ((n = yt_map_get(root, "links")) && !yt_is_null(n))
		e->links = read_string_list(&c, n, "links", &e->nlinks);
	if ((n = yt_map_get(root, "adrs")) && !yt_is_null(n))
		read_adrs(&c, e, n);
	if ((n = yt_map_get(root, "scores")) && !yt_is_null(n) &&
	    !yt_want_kind(n, YT_SEQ, path, "scores", dl)) {
		e->ratings = xcalloc(n->n, sizeof(*e->ratings));
		for (size_t i = 0; i < n->n; i++) {
			radar_rating *r = &e->ratings[e->nratings++];
			r->order = i;
			read_rating(&c, n->items[i], r);
		}
	}

cleanup:
	if (dl->errors > errors) {
		radar_entry_free(e);
		return -1;
	}
	*out = e;
	return 0;
}

char *radar_entry_new_yaml(const radar_config *cfg, const char *name, int quadrant,
			   int ring, const char *description)
{
	strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "name: ");
	yt_write_scalar(&sb, name);
	strbuf_printf(&sb, "\nquadrant: %s\n", cfg->quadrants[quadrant].id);
	if (ring >= 0)
		strbuf_printf(&sb, "ring: %s\n", cfg->rings[ring].id);
	if (description) {
		strbuf_puts(&sb, "description: ");
		yt_write_scalar(&sb, description);
		strbuf_putc(&sb, '\n');
	}
	strbuf_puts(&sb, "tags: []\nscores: []\n");
	return strbuf_detach(&sb);
}

/*
 * Splices `text` into buf at byte offset `at`, with the file's own line
 * ends: a CRLF file gets CRLF lines.
 */
static char *splice(const char *buf, size_t len, size_t at, size_t drop, const char *text)
{
	strbuf sb = STRBUF_INIT;

	strbuf_add(&sb, buf, at);
	yt_put_lines(&sb, text, yt_uses_crlf(buf, len));
	strbuf_add(&sb, buf + at + drop, len - at - drop);
	return strbuf_detach(&sb);
}

char *radar_entry_append_rating(const char *path, const char *buf, size_t len,
				const char *block, diag_list *dl)
{
	yt_doc *doc = NULL;
	const yt_node *root, *scores;
	strbuf text = STRBUF_INIT;
	char *out = NULL;
	int nl;

	if (yt_parse(&doc, path, buf, len, dl))
		return NULL;
	root = yt_root(doc);
	if (!root || root->kind != YT_MAP) {
		diag_add(dl, DIAG_ERROR, path, 1, 1, "not an entry (expected a mapping)");
		goto cleanup;
	}
	scores = yt_map_get(root, "scores");
	/* yt_offset may return len: never read buf[len] (fuzz_entry found it). */
	if (scores && scores->kind == YT_SEQ && scores->n &&
	    yt_offset(buf, len, scores->line, scores->col) < len &&
	    buf[yt_offset(buf, len, scores->line, scores->col)] == '-') {
		/* A block list: add an item at its indentation after the last one. */
		const yt_node *last = scores->items[scores->n - 1];
		size_t at = yt_line_after(buf, len, yt_offset(buf, len, last->end_line, last->end_col), &nl);
		strbuf_printf(&text, "%s%*s- %s\n", nl ? "\n" : "", scores->col - 1, "", block);
		out = splice(buf, len, at, 0, strbuf_str(&text));
	} else if (scores && (scores->kind == YT_SEQ || yt_is_null(scores))) {
		/* An empty or flow list: becomes a block list with this item. */
		size_t from = yt_offset(buf, len, scores->line, scores->col);
		size_t to = yt_offset(buf, len, scores->end_line, scores->end_col);
		if (yt_is_null(scores) && scores->len == 0)
			to = from;
		for (size_t i = 0; i < scores->n; i++) {
			const yt_node *it = scores->items[i];
			size_t a = yt_offset(buf, len, it->line, it->col);
			size_t b = yt_offset(buf, len, it->end_line, it->end_col);
			strbuf_puts(&text, "\n  - ");
			strbuf_add(&text, buf + a, b - a);
		}
		strbuf_printf(&text, "\n  - %s", block);
		/* Drop the space after "scores:" so no line ends in a blank. */
		while (from > 0 && buf[from - 1] == ' ') {
			from--;
		}
		out = splice(buf, len, from, to - from, strbuf_str(&text));
	} else if (!scores) {
		strbuf_printf(&text, "%sscores:\n  - %s\n", len && buf[len - 1] != '\n' ? "\n" : "", block);
		out = splice(buf, len, len, 0, strbuf_str(&text));
	} else {
		diag_add(dl, DIAG_ERROR, path, scores->line, scores->col, "scores must be a list, not %s",
			 yt_kind_name(scores));
	}
cleanup:
	strbuf_free(&text);
	yt_doc_free(doc);
	return out;
}

char *radar_entry_set_ring(const char *path, const char *buf, size_t len,
			   const char *ring_id, diag_list *dl)
{
	yt_doc *doc = NULL;
	const yt_node *root, *ring, *quadrant;
	strbuf text = STRBUF_INIT;
	char *out = NULL;
	int nl;

	if (yt_parse(&doc, path, buf, len, dl))
		return NULL;
	root = yt_root(doc);
	if (!root || root->kind != YT_MAP) {
		diag_add(dl, DIAG_ERROR, path, 1, 1, "not an entry (expected a mapping)");
		goto cleanup;
	}
	ring = yt_map_get(root, "ring");
	if (ring && ring->kind == YT_SCALAR && ring->len) {
		size_t from = yt_offset(buf, len, ring->line, ring->col);
		size_t to = yt_offset(buf, len, ring->end_line, ring->end_col);
		out = splice(buf, len, from, to - from, ring_id);
	} else if (ring) {
		diag_add(dl, DIAG_ERROR, path, ring->line, ring->col, "ring must be a single value, not %s",
			 yt_kind_name(ring));
	} else {
		/* Put it beside the quadrant, where a reader looks for it. */
		quadrant = yt_map_get(root, "quadrant");
		size_t at = quadrant ? yt_line_after(buf, len, yt_offset(buf, len, quadrant->end_line,
									 quadrant->end_col), &nl)
				     : len;
		if (!quadrant)
			nl = len && buf[len - 1] != '\n';
		strbuf_printf(&text, "%sring: %s\n", nl ? "\n" : "", ring_id);
		out = splice(buf, len, at, 0, strbuf_str(&text));
	}
cleanup:
	strbuf_free(&text);
	yt_doc_free(doc);
	return out;
}
