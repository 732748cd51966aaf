/*
 * Import, .radar.yml: the quadrants and rings an import adds, written into
 * the team's own file where they belong, so that everything else in it (its
 * comments, key order, layout, keys radar does not read, line ends) stays
 * byte for byte. Only shapes read here with certainty are edited; for any
 * other the planner writes the file anew from its settings.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "interchange-private.h"
#include "util/yamltree.h"

/* One change to the text: `drop` bytes at `at` replaced by `text`. */
typedef struct edit {
	size_t at, drop;
	size_t order; /* edits at one place go in the order they were made */
	char *text;
} edit;

typedef struct editor {
	const char *buf;
	size_t len;
	edit *v;
	size_t n;
	strbuf *why; /* why the file is not edited, once that is known */
} editor;

static int fail(editor *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(editor *e, const char *fmt, ...)
{
	va_list ap;
	if (e->why->len)
		return -1;
	va_start(ap, fmt);
	strbuf_vprintf(e->why, fmt, ap);
	va_end(ap);
	return -1;
}

static void add_edit(editor *e, size_t at, size_t drop, const char *text)
{
	e->v = xrealloc(e->v, (e->n + 1) * sizeof(*e->v));
	e->v[e->n].at = at;
	e->v[e->n].drop = drop;
	e->v[e->n].order = e->n;
	e->v[e->n].text = xstrdup(text);
	e->n++;
}

static size_t start_of(const editor *e, const yt_node *n)
{
	return yt_offset(e->buf, e->len, n->line, n->col);
}

static char first_char(const editor *e, const yt_node *n)
{
	size_t at = start_of(e, n);
	return at < e->len ? e->buf[at] : '\0';
}

static int is_flow(const editor *e, const yt_node *n)
{
	char c = first_char(e, n);
	return n->kind != YT_SCALAR && (c == '{' || c == '[');
}

/*
 * Whether every node stands where its marks say and nowhere else: an
 * anchored or tagged node starts with '&' or '!', and an alias shares the
 * marks of the node it names, so text placed "after" it would land there.
 */
static int plain_tree(const editor *e, const yt_node *n)
{
	char c = first_char(e, n);
	if (c == '&' || c == '*' || c == '!')
		return 0;
	for (size_t i = 0; i < n->n; i++)
		if (!plain_tree(e, n->items[i]))
			return 0;
	return 1;
}

/*
 * Just past a node's last character. libyaml ends a block collection where
 * the next token starts (past comments and blank lines), so a block
 * collection ends where its last item does.
 */
static size_t end_of(const editor *e, const yt_node *n)
{
	while (n->kind != YT_SCALAR && n->n && !is_flow(e, n))
		n = n->items[n->n - 1];
	return yt_offset(e->buf, e->len, n->end_line, n->end_col);
}

/* The start of the line holding `at`, or -1 when more than blanks precede `at` on it. */
static long line_start(const editor *e, size_t at)
{
	while (at > 0 && e->buf[at - 1] != '\n') {
		if (e->buf[at - 1] != ' ')
			return -1;
		at--;
	}
	return (long)at;
}

/* Whether the line goes on from `at` with blanks, a comma if `comma`, and at most a comment. */
static int line_ends(const editor *e, size_t at, int comma)
{
	while (at < e->len && e->buf[at] == ' ')
		at++;
	if (comma) {
		if (at >= e->len || e->buf[at] != ',')
			return 0;
		for (at++; at < e->len && e->buf[at] == ' '; at++)
			;
	}
	return at >= e->len || e->buf[at] == '#' || e->buf[at] == '\n' ||
	       (e->buf[at] == '\r' && at + 1 < e->len && e->buf[at + 1] == '\n');
}

/*
 * Whether every line ends in LF or CRLF: YAML also breaks lines at a lone CR
 * and at NEL, LS and PS, which the line arithmetic here does not count.
 */
static int plain_breaks(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		const unsigned char *p = (const unsigned char *)buf + i;
		if ((*p == '\r' && (i + 1 == len || p[1] != '\n')) ||
		    (*p == 0xC2 && i + 1 < len && p[1] == 0x85) ||
		    (*p == 0xE2 && i + 2 < len && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)))
			return 0;
	}
	return 1;
}

/* Whether another insertion is planned at `at` already. */
static int edit_at(const editor *e, size_t at)
{
	for (size_t i = 0; i < e->n; i++)
		if (e->v[i].at == at && !e->v[i].drop)
			return 1;
	return 0;
}

/* The first and last node of element i of a list (the item) or a mapping (key and value). */
static const yt_node *elem_first(const yt_node *c, size_t i)
{
	return c->items[c->kind == YT_SEQ ? i : 2 * i];
}

static const yt_node *elem_last(const yt_node *c, size_t i)
{
	return c->items[c->kind == YT_SEQ ? i : 2 * i + 1];
}

/*
 * Inserts a flow collection's new elements after its element `after` (-1:
 * before the first): on lines of their own where the elements stand each on
 * its own line (so that comments stay on the lines they were on), else
 * inline, ", item".
 */
static void insert_flow(editor *e, const yt_node *c, long after, char **items, size_t n)
{
	size_t count = c->kind == YT_SEQ ? c->n : c->n / 2, end;
	strbuf sb = STRBUF_INIT;
	long at;

	if (!count) {
		for (size_t i = 0; i < n; i++)
			strbuf_printf(&sb, "%s%s", i ? ", " : "", items[i]);
		add_edit(e, start_of(e, c) + 1, 0, sb.buf);
	} else if (after < 0 && (at = line_start(e, start_of(e, elem_first(c, 0)))) >= 0) {
		for (size_t i = 0; i < n; i++)
			strbuf_printf(&sb, "%*s%s,\n", elem_first(c, 0)->col - 1, "", items[i]);
		add_edit(e, (size_t)at, 0, sb.buf);
	} else if (after < 0) {
		for (size_t i = 0; i < n; i++)
			strbuf_printf(&sb, "%s, ", items[i]);
		add_edit(e, start_of(e, elem_first(c, 0)), 0, sb.buf);
	} else if (line_ends(e, end = end_of(e, elem_last(c, (size_t)after)), 1) ||
		   ((size_t)after + 1 == count && line_ends(e, end, 0))) {
		/* A comma ends the element's line (or the last element gets one now). */
		int nl, last = !line_ends(e, end, 1);
		if (last)
			add_edit(e, end, 0, ",");
		for (size_t i = 0; i < n; i++)
			strbuf_printf(&sb, "%*s%s%s\n", elem_first(c, (size_t)after)->col - 1, "", items[i],
				      last && i + 1 == n ? "" : ",");
		add_edit(e, yt_line_after(e->buf, e->len, end, &nl), 0, sb.buf);
	} else {
		for (size_t i = 0; i < n; i++)
			strbuf_printf(&sb, ", %s", items[i]);
		add_edit(e, end, 0, sb.buf);
	}
	strbuf_free(&sb);
}

/*
 * Inserts new elements (a list's items, or a mapping's "key: value") into
 * the collection c after its element `after` (-1: before the first), written
 * as c is: lines of their own at its indentation for a block collection.
 */
static int insert_elements(editor *e, const yt_node *c, long after, char **items, size_t n)
{
	strbuf sb = STRBUF_INIT;
	int seq = c->kind == YT_SEQ, nl = 0, pad = 1;
	size_t at;

	if (is_flow(e, c)) {
		insert_flow(e, c, after, items, n);
		return 0;
	}
	/* A block list: the dash, then the item where the others start. */
	if (seq && c->n) {
		pad = c->items[0]->col - c->col - 1;
		if (c->items[0]->line != c->line || pad < 1)
			return fail(e, "its list items do not start on the line of their '-'");
	}
	if (after < 0) {
		long s = line_start(e, start_of(e, c));
		if (s < 0)
			return fail(e, "a block collection does not start its line");
		at = (size_t)s;
	} else {
		at = yt_line_after(e->buf, e->len, end_of(e, elem_last(c, (size_t)after)), &nl);
		nl = nl && !edit_at(e, at);
	}
	strbuf_puts(&sb, nl ? "\n" : "");
	for (size_t i = 0; i < n; i++)
		strbuf_printf(&sb, "%*s%s%*s%s\n", c->col - 1, "", seq ? "-" : "", seq ? pad : 0, "",
			      items[i]);
	add_edit(e, at, 0, sb.buf);
	strbuf_free(&sb);
	return 0;
}

static const char *id_of(const radar_config *cfg, int rings, size_t i)
{
	return rings ? cfg->rings[i].id : cfg->quadrants[i].id;
}

static int find_id(const radar_config *cfg, int rings, const char *id)
{
	size_t n = rings ? cfg->nrings : cfg->nquadrants;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(id_of(cfg, rings, i), id))
			return (int)i;
	return -1;
}

/*
 * A new quadrant or ring written as the file's first item is: "{id: x,
 * name: X}", or a block mapping whose keys stand at column `keycol`.
 */
static char *item_text(const radar_config *want, int rings, size_t i, int flow, int keycol)
{
	strbuf sb = STRBUF_INIT;
	const char *name = rings ? want->rings[i].name : want->quadrants[i].name;
	size_t naliases = rings ? want->rings[i].naliases : 0;

	strbuf_printf(&sb, "%sid: %s", flow ? "{" : "", id_of(want, rings, i));
	if (flow)
		strbuf_puts(&sb, ", name: ");
	else
		strbuf_printf(&sb, "\n%*sname: ", keycol - 1, "");
	yt_write_scalar(&sb, name);
	for (size_t k = 0; k < naliases; k++) {
		if (k)
			strbuf_puts(&sb, ", ");
		else if (flow)
			strbuf_puts(&sb, ", aliases: [");
		else
			strbuf_printf(&sb, "\n%*saliases: [", keycol - 1, "");
		yt_write_scalar(&sb, want->rings[i].aliases[k]);
	}
	strbuf_puts(&sb, naliases ? "]" : "");
	strbuf_puts(&sb, flow ? "}" : "");
	return strbuf_detach(&sb);
}

static void free_items(char **items, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		free(items[i]);
	*n = 0;
}

/*
 * Adds to the file's quadrants: or rings: list the items `want` has and
 * `have` lacks, each run of them after the item it follows in `want`.
 */
static int list_edit(editor *e, const yt_node *root, const radar_config *have,
		     const radar_config *want, int rings)
{
	const char *what = rings ? "rings" : "quadrants";
	const yt_node *list = yt_map_get(root, what);
	size_t nwant = rings ? want->nrings : want->nquadrants, k = 0, n = 0;
	char **items = xcalloc(nwant + 1, sizeof(char *));
	int flow, rc = -1;

	if (!list) {
		fail(e, "it has no '%s:' list; the default %s apply", what, what);
		goto cleanup;
	}
	if (list->kind != YT_SEQ || !list->n || list->n != (rings ? have->nrings : have->nquadrants)) {
		fail(e, "its '%s:' is not the list the radar read", what);
		goto cleanup;
	}
	flow = first_char(e, list->items[0]) == '{';
	if (is_flow(e, list) && !flow) {
		fail(e, "its '%s:' list holds items not written as {id: ..., name: ...}", what);
		goto cleanup;
	}
	for (size_t i = 0; i < nwant;) {
		const yt_node *id = k < list->n ? yt_map_get(list->items[k], "id") : NULL;
		if (find_id(have, rings, id_of(want, rings, i)) >= 0) {
			if (!id || id->kind != YT_SCALAR || strcmp(id->value, id_of(want, rings, i))) {
				fail(e, "its '%s:' is not the list the radar read", what);
				goto cleanup;
			}
			k++;
			i++;
			continue;
		}
		/* A run of new items goes after the file's item k - 1. */
		for (; i < nwant && find_id(have, rings, id_of(want, rings, i)) < 0; i++)
			items[n++] = item_text(want, rings, i, flow, list->items[0]->col);
		if (insert_elements(e, list, (long)k - 1, items, n))
			goto cleanup;
		free_items(items, &n);
	}
	rc = k == list->n ? 0 : fail(e, "its '%s:' is not the list the radar read", what);
cleanup:
	free_items(items, &n);
	free(items);
	return rc;
}

/* The index of the last entry in `map` that names ring `ring` of `have`, or -1. */
static long threshold_entry(const yt_node *map, const radar_config *have, int ring)
{
	long found = -1;
	for (size_t i = 0; map && ring >= 0 && i + 1 < map->n; i += 2)
		if (map->items[i]->kind == YT_SCALAR &&
		    radar_config_find_ring(have, map->items[i]->value) == ring)
			found = (long)(i / 2);
	return found;
}

/* The file gets a thresholds map: in its scorecard, or in a new scorecard at its end. */
static int new_thresholds(editor *e, const yt_node *root, const yt_node *sc, char **items, size_t n)
{
	strbuf map = STRBUF_INIT, key = STRBUF_INIT;
	char *text;
	int rc;

	strbuf_puts(&map, "thresholds: {");
	for (size_t i = 0; i < n; i++)
		strbuf_printf(&map, "%s%s", i ? ", " : "", items[i]);
	strbuf_putc(&map, '}');
	if (sc) {
		text = map.buf;
		rc = insert_elements(e, sc, (long)(sc->n / 2) - 1, &text, 1);
	} else {
		strbuf_printf(&key, "scorecard:\n%*s%s", root->col + 1, "", map.buf);
		text = key.buf;
		rc = insert_elements(e, root, (long)(root->n / 2) - 1, &text, 1);
	}
	strbuf_free(&map);
	strbuf_free(&key);
	return rc;
}

/*
 * Gives every ring but the outermost the threshold `want` has: one the file
 * (or the defaults) give the same already is left alone, a value that
 * differs is replaced where it stands, a missing one is added after the
 * entry of the nearest ring inside it, in ring order.
 */
static int thresholds_edit(editor *e, const yt_node *root, const radar_config *have,
			   const radar_config *want)
{
	const yt_node *sc = yt_map_get(root, "scorecard");
	const yt_node *map = sc && sc->kind == YT_MAP ? yt_map_get(sc, "thresholds") : NULL;
	char **items = xcalloc(want->nrings + 1, sizeof(char *));
	strbuf num = STRBUF_INIT, line = STRBUF_INIT;
	size_t n = 0;
	long anchor = -1;
	int rc = -1;

	if ((sc && sc->kind != YT_MAP) || (map && map->kind != YT_MAP)) {
		fail(e, "its 'scorecard:' or 'thresholds:' is not a mapping");
		goto cleanup;
	}
	for (size_t i = 0; i + 1 < want->nrings; i++) {
		int k = find_id(have, 1, want->rings[i].id);
		long entry = threshold_entry(map, have, k), after = -1;

		if (k >= 0 && (size_t)k + 1 < have->nrings &&
		    !frac_cmp(have->rings[k].threshold, want->rings[i].threshold))
			continue;
		strbuf_reset(&num);
		radar_config_write_threshold(&num, want->rings[i].threshold);
		if (entry >= 0) {
			const yt_node *v = map->items[2 * entry + 1];
			size_t from = start_of(e, v), to = end_of(e, v);
			if (v->kind != YT_SCALAR || to < from) {
				fail(e, "a threshold in it is not a number");
				goto cleanup;
			}
			add_edit(e, from, to - from, num.buf);
			continue;
		}
		for (size_t j = i; j-- > 0 && after < 0;)
			after = threshold_entry(map, have, find_id(have, 1, want->rings[j].id));
		/* Entries that follow the same one are contiguous in ring order. */
		if (map && n && after != anchor && insert_elements(e, map, anchor, items, n))
			goto cleanup;
		if (map && n && after != anchor)
			free_items(items, &n);
		anchor = after;
		strbuf_reset(&line);
		strbuf_printf(&line, "%s: %s", want->rings[i].id, num.buf);
		items[n++] = xstrdup(line.buf);
	}
	if (!n)
		rc = 0;
	else if (map)
		rc = insert_elements(e, map, anchor, items, n);
	else
		rc = new_thresholds(e, root, sc, items, n);
cleanup:
	free_items(items, &n);
	free(items);
	strbuf_free(&num);
	strbuf_free(&line);
	return rc;
}

static int cmp_edit(const void *a, const void *b)
{
	const edit *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The text with every edit made, new lines ending as the file's do (CRLF stays CRLF); NULL if two overlap. */
static char *apply(editor *e)
{
	int crlf = yt_uses_crlf(e->buf, e->len);
	strbuf sb = STRBUF_INIT;
	size_t from = 0;

	if (e->n)
		qsort(e->v, e->n, sizeof(*e->v), cmp_edit);
	for (size_t i = 0; i < e->n; i++) {
		if (e->v[i].at < from || e->v[i].at + e->v[i].drop > e->len) {
			strbuf_free(&sb);
			fail(e, "two changes to it overlap");
			return NULL;
		}
		strbuf_add(&sb, e->buf + from, e->v[i].at - from);
		yt_put_lines(&sb, e->v[i].text, crlf);
		from = e->v[i].at + e->v[i].drop;
	}
	strbuf_add(&sb, e->buf + from, e->len - from);
	return strbuf_detach(&sb);
}

char *ix_config_edit(const char *buf, size_t len, const radar_config *have,
		     const radar_config *want, strbuf *why)
{
	editor e = { buf, len, NULL, 0, why };
	diag_list dl = DIAG_LIST_INIT;
	yt_doc *doc = NULL;
	const yt_node *root;
	char *out = NULL;
	int new_quadrants = 0, new_rings = 0;

	for (size_t i = 0; i < want->nquadrants; i++)
		new_quadrants |= find_id(have, 0, want->quadrants[i].id) < 0;
	for (size_t i = 0; i < want->nrings; i++)
		new_rings |= find_id(have, 1, want->rings[i].id) < 0;
	if (!len || memchr(buf, '\0', len) || yt_parse(&doc, RADAR_CONFIG_FILE, buf, len, &dl)) {
		fail(&e, len ? "it does not read as YAML text" : "it is empty");
		goto cleanup;
	}
	if (!plain_breaks(buf, len)) {
		fail(&e, "it has line breaks other than LF and CRLF");
		goto cleanup;
	}
	root = yt_root(doc);
	if (!root || root->kind != YT_MAP || !root->n || is_flow(&e, root)) {
		fail(&e, "it is not a block mapping of settings");
		goto cleanup;
	}
	if (!plain_tree(&e, root)) {
		fail(&e, "it uses YAML anchors, aliases or tags");
		goto cleanup;
	}
	if ((new_quadrants && list_edit(&e, root, have, want, 0)) ||
	    (new_rings && list_edit(&e, root, have, want, 1)) || thresholds_edit(&e, root, have, want))
		goto cleanup;
	out = apply(&e);
cleanup:
	for (size_t i = 0; i < e.n; i++)
		free(e.v[i].text);
	free(e.v);
	yt_doc_free(doc);
	diag_list_free(&dl);
	return out;
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

int ix_config_same(const radar_config *a, const radar_config *b)
{
	if (!same_str(a->title, b->title) || a->nquadrants != b->nquadrants || a->nrings != b->nrings ||
	    a->scale_min != b->scale_min || a->scale_max != b->scale_max ||
	    a->ndimensions != b->ndimensions || !same_str(a->entries_path, b->entries_path) ||
	    !same_str(a->adr_path, b->adr_path) || a->adr_path_set != b->adr_path_set ||
	    !same_str(a->judgments_path, b->judgments_path) ||
	    a->review_after_months != b->review_after_months || a->commit != b->commit ||
	    a->nstatuses != b->nstatuses || a->adr_madr != b->adr_madr)
		return 0;
	for (size_t i = 0; i < a->nquadrants; i++)
		if (!same_str(a->quadrants[i].id, b->quadrants[i].id) ||
		    !same_str(a->quadrants[i].name, b->quadrants[i].name))
			return 0;
	for (size_t i = 0; i < a->nrings; i++) {
		const radar_ring *x = &a->rings[i], *y = &b->rings[i];
		if (!same_str(x->id, y->id) || !same_str(x->name, y->name) || x->naliases != y->naliases ||
		    (i + 1 < a->nrings && frac_cmp(x->threshold, y->threshold)))
			return 0;
		for (size_t k = 0; k < x->naliases; k++)
			if (!same_str(x->aliases[k], y->aliases[k]))
				return 0;
	}
	for (size_t i = 0; i < a->ndimensions; i++)
		if (!same_str(a->dimensions[i].id, b->dimensions[i].id) ||
		    !same_str(a->dimensions[i].name, b->dimensions[i].name) ||
		    a->dimensions[i].weight != b->dimensions[i].weight)
			return 0;
	for (size_t i = 0; i < a->nstatuses; i++)
		if (!same_str(a->statuses[i], b->statuses[i]))
			return 0;
	return 1;
}
