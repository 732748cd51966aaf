/*
 * Import of AOE's technology radar: one folder per release, one Markdown
 * file per item with YAML front matter (`title`, `ring`, `quadrant` or the
 * legacy `segment`, `tags`, `featured`). Releases apply oldest first; a
 * later file overrides the fields it gives, and an empty body keeps the
 * earlier text (as the generator's buildData does).
 */
#include <stdlib.h>
#include <string.h>

#include "interchange-private.h"
#include "util/text.h"
#include "util/yamltree.h"

static int cmp_files(const void *a, const void *b)
{
	const radar_aoe_file *x = *(const radar_aoe_file *const *)a,
			     *y = *(const radar_aoe_file *const *)b;
	int c = strcmp(x->release, y->release);
	return c ? c : strcmp(x->id, y->id);
}

/* Splits "---\nYAML\n---\nbody": front matter bounds and where the body starts. */
static int split_front(const char *buf, size_t len, size_t *fm, size_t *fm_len, size_t *body)
{
	size_t i;
	if (len < 3 || memcmp(buf, "---", 3))
		return -1;
	i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\r'))
		i++;
	if (i >= len || buf[i] != '\n')
		return -1;
	*fm = ++i;
	while (i < len) {
		size_t eol = i, rest;
		while (eol < len && buf[eol] != '\n')
			eol++;
		/* The closing "---" may trail blanks; count them within the line (buf is not a C string). */
		rest = i + 3;
		while (rest < eol && (buf[rest] == ' ' || buf[rest] == '\r'))
			rest++;
		if (eol - i >= 3 && !memcmp(buf + i, "---", 3) && rest == eol) {
			*fm_len = i - *fm;
			*body = eol < len ? eol + 1 : eol;
			return 0;
		}
		i = eol + 1;
	}
	return -1;
}

/* The body without leading and trailing blank lines; NULL when empty. */
static char *trimmed_body(const char *s, size_t len)
{
	size_t a = 0, b = len;
	while (a < b && strchr(" \t\r\n", s[a]))
		a++;
	while (a < b && a > 0 && s[a - 1] != '\n')
		a--; /* keep the indentation of the first line */
	while (b > a && strchr(" \t\r\n", s[b - 1]))
		b--;
	if (a == b)
		return NULL;
	{
		strbuf sb = STRBUF_INIT;
		for (size_t i = a; i < b; i++)
			if (s[i] != '\r' || i + 1 >= b || s[i + 1] != '\n')
				strbuf_putc(&sb, s[i]);
		return strbuf_detach(&sb);
	}
}

static const char *fm_string(const yt_node *root, const char *key, const char *path,
			     diag_list *dl)
{
	const yt_node *v = yt_map_get(root, key);
	if (!v || yt_is_null(v))
		return NULL;
	return yt_want_string(v, path, key, dl);
}

/* Reads one file's front matter and body into `it` (fields it gives override). */
static int read_item(const radar_aoe_file *f, radar_ix_item *it, diag_list *dl)
{
	size_t fm, fm_len, body;
	yt_doc *doc = NULL;
	diag_list mine = DIAG_LIST_INIT;
	const yt_node *root;
	const char *title, *ring, *quad;
	const yt_node *tags;
	int rc = -1;

	if (memchr(f->buf, '\0', f->len) || !text_is_utf8(f->buf, f->len)) {
		diag_add(dl, DIAG_ERROR, f->path, 0, 0, "not UTF-8 text");
		return -1;
	}
	if (split_front(f->buf, f->len, &fm, &fm_len, &body)) {
		diag_add(dl, DIAG_ERROR, f->path, 1, 1,
			 "no front matter: the file must start with a '---' line, YAML, and a '---' line");
		return -1;
	}
	/* The YAML starts on line 2 of the file. */
	if (yt_parse(&doc, f->path, f->buf + fm, fm_len, &mine) || !(root = yt_root(doc)) ||
	    yt_want_kind(root, YT_MAP, f->path, "the front matter", &mine))
		goto done;
	title = fm_string(root, "title", f->path, &mine);
	ring = fm_string(root, "ring", f->path, &mine);
	quad = fm_string(root, "quadrant", f->path, &mine);
	if (!quad)
		quad = fm_string(root, "segment", f->path, &mine);
	tags = yt_map_get(root, "tags");
	if (mine.errors)
		goto done;
	if (title && *title) {
		free(it->name);
		it->name = xstrdup(title);
	}
	if (ring && *ring) {
		free(it->ring);
		it->ring = xstrdup(ring);
	}
	if (quad && *quad) {
		free(it->quadrant);
		it->quadrant = xstrdup(quad);
	}
	if (tags && tags->kind == YT_SEQ) {
		for (size_t i = 0; i < it->ntags; i++)
			free(it->tags[i]);
		it->ntags = 0;
		for (size_t i = 0; i < tags->n; i++)
			if (tags->items[i]->kind == YT_SCALAR && *tags->items[i]->value)
				ix_strings_add(&it->tags, &it->ntags, tags->items[i]->value);
	} else if (tags && !yt_is_null(tags)) {
		diag_add(&mine, DIAG_ERROR, f->path, tags->line, tags->col, "'tags' must be a list");
		goto done;
	}
	{
		char *text = trimmed_body(f->buf + body, f->len - body);
		if (text) {
			free(it->description);
			it->description = text;
		}
	}
	free(it->path);
	it->path = xstrdup(f->path);
	it->line = it->col = 1;
	rc = 0;
done:
	for (size_t i = 0; i < mine.n; i++)
		diag_add(dl, mine.items[i].severity, mine.items[i].path,
			 mine.items[i].line ? mine.items[i].line + 1 : 0, mine.items[i].col, "%s",
			 mine.items[i].message);
	diag_list_free(&mine);
	yt_doc_free(doc);
	return rc;
}

static int read_config(radar_ix *ix, const char *path, const char *buf, size_t len, diag_list *dl)
{
	json_error_t jerr;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	const char *keys[] = { "quadrants", "segments", "rings" };

	if (!root) {
		diag_add(dl, DIAG_ERROR, path, jerr.line > 0 ? jerr.line : 1,
			 jerr.column > 0 ? jerr.column : 1, "not valid JSON: %s", jerr.text);
		return -1;
	}
	for (int k = 0; k < 3; k++) {
		json_t *list = json_object_get(root, keys[k]), *x;
		size_t i;
		if (k == 1 && ix->nquadrants)
			continue;
		if (list && !json_is_array(list)) {
			int line, col;
			ix_json_pos(buf, len, keys[k], -1, NULL, &line, &col);
			diag_add(dl, DIAG_ERROR, path, line, col, "'%s' must be a list of {id, title}", keys[k]);
			json_decref(root);
			return -1;
		}
		json_array_foreach(list, i, x) {
			json_t *id = json_object_get(x, "id"), *title = json_object_get(x, "title");
			if (!json_is_string(id)) {
				int line, col;
				ix_json_pos(buf, len, keys[k], (long)i, NULL, &line, &col);
				diag_add(dl, DIAG_ERROR, path, line, col, "each of '%s' needs an 'id'", keys[k]);
				json_decref(root);
				return -1;
			}
			if (k < 2)
				ix_named_add(&ix->quadrants, &ix->nquadrants, json_string_value(id),
					     json_is_string(title) ? json_string_value(title) : NULL);
			else
				ix_named_add(&ix->rings, &ix->nrings, json_string_value(id),
					     json_is_string(title) ? json_string_value(title) : NULL);
		}
	}
	json_decref(root);
	return 0;
}

int radar_import_aoe(radar_ix **out, const radar_aoe_file *files, size_t n,
		     const char *config_path, const char *config_buf, size_t config_len,
		     diag_list *dl)
{
	radar_ix *ix = xcalloc(1, sizeof(*ix));
	const radar_aoe_file **sorted = xcalloc(n + 1, sizeof(*sorted));
	char **ids = xcalloc(n + 1, sizeof(char *));
	size_t nids = 0;
	int bad = 0;

	*out = NULL;
	if (config_buf && read_config(ix, config_path, config_buf, config_len, dl))
		bad = 1;
	for (size_t i = 0; i < n; i++)
		sorted[i] = &files[i];
	qsort(sorted, n, sizeof(*sorted), cmp_files);
	for (size_t i = 0; i < n; i++) {
		const radar_aoe_file *f = sorted[i];
		radar_ix_item *it = NULL;
		for (size_t k = 0; k < nids; k++)
			if (!strcmp(ids[k], f->id))
				it = &ix->items[k];
		if (!it) {
			it = ix_item_add(ix, f->path, 1, 1);
			it->id = xstrdup(f->id);
			ids[nids++] = it->id;
		}
		if (read_item(f, it, dl))
			bad = 1;
	}
	for (size_t k = 0; k < ix->n && !bad; k++) {
		radar_ix_item *it = &ix->items[k];
		if (!it->name)
			it->name = xstrdup(it->id);
		if (!it->quadrant) {
			diag_add(dl, DIAG_ERROR, it->path, 1, 1,
				 "'%s' has no quadrant (front matter 'quadrant:' or 'segment:') in any release",
				 it->id);
			bad = 1;
		}
	}
	free(sorted);
	free(ids);
	if (bad) {
		radar_ix_free(ix);
		return -1;
	}
	*out = ix;
	return 0;
}
