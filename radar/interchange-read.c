/*
 * Import, reading: BYOR CSV and JSON (and dprgarner's variant of the JSON),
 * Zalando's entries JSON, Backstage's TechRadarLoaderResponse and our JSON,
 * each into the neutral radar_ix with the place of every item (CSV:
 * interchange-csv.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "interchange-private.h"
#include "util/text.h"
#include "util/yamltree.h"

/* ---- JSON sources ------------------------------------------------------------------ */

typedef struct jctx {
	const char *path, *buf;
	size_t len;
	diag_list *dl;
	const char *key; /* the array holding the items: NULL top level */
} jctx;

static void j_error(const jctx *c, long index, const char *field, const char *fmt, const char *a,
		    const char *b)
{
	int line, col;
	ix_json_pos(c->buf, c->len, c->key, index, field, &line, &col);
	diag_add(c->dl, DIAG_ERROR, c->path, line, col, fmt, a, b);
}

/* A string field of item `index`: NULL when absent or null; an error when not text. */
static const char *j_string_field(const jctx *c, json_t *obj, long index, const char *field,
				  int required, int *bad)
{
	json_t *v = json_object_get(obj, field);
	if ((!v || json_is_null(v)) && required) {
		j_error(c, index, NULL, "item has no '%s'%s", field, "");
		*bad = 1;
	} else if (v && !json_is_null(v) && !json_is_string(v)) {
		j_error(c, index, field, "'%s' must be text%s", field, "");
		*bad = 1;
	} else if (v && json_is_string(v) && required && !*json_string_value(v)) {
		j_error(c, index, field, "'%s' is empty%s", field, "");
		*bad = 1;
	} else if (v && json_is_string(v)) {
		return json_string_value(v);
	}
	return NULL;
}

static void j_strings(const jctx *c, json_t *obj, long index, const char *field, char ***list,
		      size_t *n, int *bad)
{
	json_t *v = json_object_get(obj, field), *x;
	size_t k;
	if (!v || json_is_null(v))
		return;
	if (!json_is_array(v)) {
		j_error(c, index, field, "'%s' must be a list of text%s", field, "");
		*bad = 1;
		return;
	}
	json_array_foreach(v, k, x) {
		if (json_is_string(x))
			ix_strings_add(list, n, json_string_value(x));
		else if (json_is_object(x) && json_is_string(json_object_get(x, "url")))
			ix_strings_add(list, n, json_string_value(json_object_get(x, "url")));
		else {
			j_error(c, index, field, "'%s' must be a list of text%s", field, "");
			*bad = 1;
			return;
		}
	}
}

/* A declared list of quadrants or rings: strings, or objects with id/name (or title). */
static int j_named_list(const jctx *c, json_t *root, const char *key, radar_ix_named **list,
			size_t *n)
{
	json_t *v = json_object_get(root, key), *x;
	size_t k;
	if (!v)
		return 0;
	if (!json_is_array(v))
		goto bad;
	json_array_foreach(v, k, x) {
		json_t *id = json_object_get(x, "id"), *name = json_object_get(x, "name");
		if (!name)
			name = json_object_get(x, "title");
		if (json_is_string(x))
			ix_named_add(list, n, NULL, json_string_value(x));
		else if (json_is_object(x) && (json_is_string(id) || json_is_string(name)))
			ix_named_add(list, n, json_is_string(id) ? json_string_value(id) : NULL,
				     json_is_string(name) ? json_string_value(name) : NULL);
		else
			goto bad;
	}
	return 0;
bad: {
	int line, col;
	ix_json_pos(c->buf, c->len, key, -1, NULL, &line, &col);
	diag_add(c->dl, DIAG_ERROR, c->path, line, col,
		 "'%s' must be a list of names or of {id, name} objects", key);
	return -1;
}
}

/* BYOR's isNew and friends are ignored: radar computes them from Git history. */
static int read_byor(const jctx *c, json_t *items, radar_ix *ix, const char *name_key)
{
	size_t k;
	json_t *x;
	int bad = 0;
	json_array_foreach(items, k, x) {
		long i = (long)k;
		const char *name, *quad, *ring, *desc;
		int line, col, b = 0;
		radar_ix_item *it;

		if (!json_is_object(x)) {
			j_error(c, i, NULL, "each item must be an object with %s%s", "name, ring, quadrant", "");
			bad = 1;
			continue;
		}
		name = j_string_field(c, x, i, name_key, 1, &b);
		quad = j_string_field(c, x, i, "quadrant", 1, &b);
		ring = j_string_field(c, x, i, "ring", 0, &b);
		desc = j_string_field(c, x, i, "description", 0, &b);
		if (b) {
			bad = 1;
			continue;
		}
		ix_json_pos(c->buf, c->len, c->key, i, NULL, &line, &col);
		it = ix_item_add(ix, c->path, line, col);
		it->name = xstrdup(name);
		it->quadrant = xstrdup(quad);
		it->ring = ring && *ring ? xstrdup(ring) : NULL;
		it->description = desc && *desc ? xstrdup(desc) : NULL;
	}
	return bad ? -1 : 0;
}

/* Zalando gives quadrant and ring as indices: one of 0 .. n-1, or an error at it. */
static int j_index_ok(const jctx *c, long i, json_t *v, const char *what, size_t n)
{
	if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) < (json_int_t)n)
		return 1;
	strbuf msg = STRBUF_INIT;
	strbuf_printf(&msg, "'%s' must be a %s's index, 0 to %s", what, what, n == 4 ? "3" : "the last");
	j_error(c, i, v ? what : NULL, "%s%s", msg.buf, "");
	strbuf_free(&msg);
	return 0;
}

static int read_zalando(const jctx *c, json_t *root, radar_ix *ix)
{
	json_t *entries = json_object_get(root, "entries"), *x;
	size_t k;
	int bad = 0;

	if (j_named_list(c, root, "quadrants", &ix->quadrants, &ix->nquadrants) ||
	    j_named_list(c, root, "rings", &ix->rings, &ix->nrings))
		return -1;
	for (size_t i = ix->nquadrants; i < 4; i++)
		ix_named_add(&ix->quadrants, &ix->nquadrants, NULL, ix_zalando_quadrants[i]);
	for (size_t i = ix->nrings; i < 4; i++)
		ix_named_add(&ix->rings, &ix->nrings, NULL, ix_zalando_rings[i]);
	json_array_foreach(entries, k, x) {
		long i = (long)k;
		json_t *q = json_object_get(x, "quadrant"), *r = json_object_get(x, "ring");
		const char *label, *link;
		int line, col, b = 0;
		radar_ix_item *it;

		if (!json_is_object(x)) {
			j_error(c, i, NULL, "each entry must be an object with %s%s", "quadrant, ring, label", "");
			bad = 1;
			continue;
		}
		label = j_string_field(c, x, i, "label", 1, &b);
		link = j_string_field(c, x, i, "link", 0, &b);
		/* `|`, not `||`: report both when both are wrong. */
		if (!j_index_ok(c, i, q, "quadrant", ix->nquadrants) |
		    !j_index_ok(c, i, r, "ring", ix->nrings))
			b = 1;
		if (b) {
			bad = 1;
			continue;
		}
		ix_json_pos(c->buf, c->len, c->key, i, NULL, &line, &col);
		it = ix_item_add(ix, c->path, line, col);
		it->name = xstrdup(label);
		it->quadrant = xstrdup(ix->quadrants[json_integer_value(q)].name);
		it->ring = xstrdup(ix->rings[json_integer_value(r)].name);
		if (link && *link)
			ix_strings_add(&it->links, &it->nlinks, link);
	}
	return bad ? -1 : 0;
}

static int read_backstage(const jctx *c, json_t *root, radar_ix *ix)
{
	json_t *entries = json_object_get(root, "entries"), *x;
	size_t k;
	int bad = 0;

	if (j_named_list(c, root, "quadrants", &ix->quadrants, &ix->nquadrants) ||
	    j_named_list(c, root, "rings", &ix->rings, &ix->nrings))
		return -1;
	json_array_foreach(entries, k, x) {
		long i = (long)k;
		const char *id, *title, *quad, *desc, *ring = NULL;
		json_t *tl;
		int line, col, b = 0;
		radar_ix_item *it;

		if (!json_is_object(x)) {
			j_error(c, i, NULL, "each entry must be an object with %s%s", "id, title, quadrant, timeline", "");
			bad = 1;
			continue;
		}
		id = j_string_field(c, x, i, "id", 0, &b);
		if (!id)
			id = j_string_field(c, x, i, "key", 0, &b);
		title = j_string_field(c, x, i, "title", 1, &b);
		quad = j_string_field(c, x, i, "quadrant", 1, &b);
		desc = j_string_field(c, x, i, "description", 0, &b);
		tl = json_object_get(x, "timeline");
		/* The newest placement comes first (the plugin draws timeline[0]). */
		if (tl && (!json_is_array(tl) ||
			   (json_array_size(tl) && !json_is_string(json_object_get(json_array_get(tl, 0), "ringId"))))) {
			j_error(c, i, "timeline", "'timeline' must be a list of {ringId, date}%s%s", "", "");
			b = 1;
		} else if (tl && json_array_size(tl)) {
			ring = json_string_value(json_object_get(json_array_get(tl, 0), "ringId"));
		}
		if (b) {
			bad = 1;
			continue;
		}
		ix_json_pos(c->buf, c->len, c->key, i, NULL, &line, &col);
		it = ix_item_add(ix, c->path, line, col);
		it->id = id && *id ? xstrdup(id) : NULL;
		it->name = xstrdup(title);
		it->quadrant = xstrdup(quad);
		it->ring = ring && *ring ? xstrdup(ring) : NULL;
		it->description = desc && *desc ? xstrdup(desc) : NULL;
		j_strings(c, x, i, "links", &it->links, &it->nlinks, &bad);
	}
	return bad ? -1 : 0;
}

/* Our scores: every block as a flow mapping, keys in the order given. */
static int our_scores(const jctx *c, json_t *x, long i, strbuf *sb)
{
	json_t *scores = json_object_get(x, "scores"), *blk;
	size_t k;
	if (!scores || json_is_null(scores))
		return 0;
	if (!json_is_array(scores))
		goto bad;
	json_array_foreach(scores, k, blk) {
		const char *key;
		json_t *v;
		int first = 1;
		if (!json_is_object(blk))
			goto bad;
		strbuf_puts(sb, "  - {");
		json_object_foreach(blk, key, v) {
			if (json_is_null(v))
				continue;
			strbuf_printf(sb, "%s%s: ", first ? "" : ", ", key);
			first = 0;
			if (json_is_integer(v))
				strbuf_printf(sb, "%lld", (long long)json_integer_value(v));
			else if (json_is_real(v))
				strbuf_printf(sb, "%.10g", json_real_value(v));
			else if (json_is_string(v))
				yt_write_scalar(sb, json_string_value(v));
			else
				goto bad;
		}
		strbuf_puts(sb, "}\n");
	}
	return 0;
bad:
	j_error(c, i, "scores", "'scores' must be a list of {date, by, <dimension>: score, note}%s%s", "", "");
	return -1;
}

static int read_ours(const jctx *c, json_t *root, radar_ix *ix)
{
	json_t *entries = json_object_get(root, "entries"), *x, *title = json_object_get(root, "title");
	size_t k;
	int bad = 0;

	if (json_is_string(title))
		ix->title = xstrdup(json_string_value(title));
	if (j_named_list(c, root, "quadrants", &ix->quadrants, &ix->nquadrants) ||
	    j_named_list(c, root, "rings", &ix->rings, &ix->nrings))
		return -1;
	json_array_foreach(entries, k, x) {
		long i = (long)k;
		const char *id, *name, *quad, *desc, *ring;
		json_t *adrs, *a;
		size_t m;
		int line, col, b = 0, given = 0;
		strbuf scores = STRBUF_INIT;
		radar_ix_item *it;

		if (!json_is_object(x)) {
			j_error(c, i, NULL, "each entry must be an object with %s%s", "id, name, quadrant", "");
			bad = 1;
			continue;
		}
		id = j_string_field(c, x, i, "id", 0, &b);
		name = j_string_field(c, x, i, "name", 1, &b);
		quad = j_string_field(c, x, i, "quadrant", 1, &b);
		desc = j_string_field(c, x, i, "description", 0, &b);
		if (json_object_get(x, "declared_ring")) {
			ring = j_string_field(c, x, i, "declared_ring", 0, &b);
			given = 1;
		} else {
			ring = j_string_field(c, x, i, "ring", 0, &b);
		}
		adrs = json_object_get(x, "adrs");
		if (adrs && !json_is_null(adrs) && !json_is_array(adrs)) {
			j_error(c, i, "adrs", "'adrs' must be a list of ADR numbers%s%s", "", "");
			b = 1;
		}
		json_array_foreach(adrs, m, a) {
			if (!json_is_integer(a) && !(json_is_object(a) && json_is_integer(json_object_get(a, "number")))) {
				j_error(c, i, "adrs", "'adrs' must be a list of ADR numbers%s%s", "", "");
				b = 1;
				break;
			}
		}
		if (!b && our_scores(c, x, i, &scores))
			b = 1;
		if (b) {
			strbuf_free(&scores);
			bad = 1;
			continue;
		}
		ix_json_pos(c->buf, c->len, c->key, i, NULL, &line, &col);
		it = ix_item_add(ix, c->path, line, col);
		it->id = id && *id ? xstrdup(id) : NULL;
		it->name = xstrdup(name);
		it->quadrant = xstrdup(quad);
		it->ring = ring && *ring ? xstrdup(ring) : NULL;
		it->ring_given = given;
		it->description = desc && *desc ? xstrdup(desc) : NULL;
		it->scores_yaml = scores.len ? strbuf_detach(&scores) : NULL;
		strbuf_free(&scores);
		j_strings(c, x, i, "tags", &it->tags, &it->ntags, &bad);
		j_strings(c, x, i, "links", &it->links, &it->nlinks, &bad);
		json_array_foreach(adrs, m, a) {
			json_t *num = json_is_object(a) ? json_object_get(a, "number") : a;
			it->adrs = xrealloc(it->adrs, (it->nadrs + 1) * sizeof(long));
			it->adrs[it->nadrs++] = (long)json_integer_value(num);
		}
	}
	return bad ? -1 : 0;
}

static int read_json(radar_ix *ix, radar_format f, const char *path, const char *buf, size_t len,
		     diag_list *dl)
{
	json_error_t jerr;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	jctx c = { path, buf, len, dl, NULL };
	int rc = -1;

	if (!root) {
		diag_add(dl, DIAG_ERROR, path, jerr.line > 0 ? jerr.line : 1,
			 jerr.column > 0 ? jerr.column : 1, "not valid JSON: %s", jerr.text);
		return -1;
	}
	if (f == RADAR_FMT_BYOR_JSON && json_is_array(root)) {
		rc = read_byor(&c, root, ix, "name");
	} else if (f == RADAR_FMT_BYOR_JSON && json_is_object(root) &&
		   json_is_array(json_object_get(root, "blips"))) {
		/* dprgarner/tech-radar-generator: {title, quadrants, rings, blips}. */
		json_t *t = json_object_get(root, "title");
		if (json_is_string(t))
			ix->title = xstrdup(json_string_value(t));
		if (!j_named_list(&c, root, "quadrants", &ix->quadrants, &ix->nquadrants) &&
		    !j_named_list(&c, root, "rings", &ix->rings, &ix->nrings)) {
			c.key = "blips";
			rc = read_byor(&c, json_object_get(root, "blips"), ix, "name");
		}
	} else if (f == RADAR_FMT_BYOR_JSON) {
		diag_add(dl, DIAG_ERROR, path, 1, 1,
			 "a BYOR JSON file is a list of {name, ring, quadrant, isNew, description}");
	} else if (!json_is_object(root) || !json_is_array(json_object_get(root, "entries"))) {
		int line = 1, col = 1;
		if (json_is_object(root) && json_object_get(root, "entries"))
			ix_json_pos(buf, len, "entries", -1, NULL, &line, &col);
		diag_add(dl, DIAG_ERROR, path, line, col, "%s: expected an object with an 'entries' list",
			 radar_format_name(f));
	} else {
		c.key = "entries";
		if (f == RADAR_FMT_ZALANDO_JSON)
			rc = read_zalando(&c, root, ix);
		else if (f == RADAR_FMT_BACKSTAGE_JSON)
			rc = read_backstage(&c, root, ix);
		else
			rc = read_ours(&c, root, ix);
	}
	json_decref(root);
	return rc;
}

int radar_import_parse(radar_ix **out, radar_format f, const char *path, const char *buf,
		       size_t len, diag_list *dl)
{
	radar_ix *ix = xcalloc(1, sizeof(*ix));
	int rc;

	*out = NULL;
	if (f == RADAR_FMT_AOE) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "aoe is a folder of release folders");
		rc = -1;
	} else if (memchr(buf, '\0', len) || !text_is_utf8(buf, len)) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "not UTF-8 text");
		rc = -1;
	} else if (f == RADAR_FMT_BYOR_CSV) {
		rc = ix_read_csv(ix, path, buf, len, dl);
	} else {
		rc = read_json(ix, f, path, buf, len, dl);
	}
	if (rc) {
		radar_ix_free(ix);
		return -1;
	}
	*out = ix;
	return 0;
}
