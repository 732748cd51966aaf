/*
 * Interchange, shared pieces: format names, the neutral document, and where
 * a value stands in JSON text (jansson gives positions only for syntax errors).
 */
#include <stdlib.h>
#include <string.h>

#include "interchange-private.h"

const char *const ix_zalando_quadrants[4] = { "Languages", "Infrastructure", "Datastores",
					      "Data Management" };
const char *const ix_zalando_rings[4] = { "Adopt", "Trial", "Assess", "Hold" };

static const char *const format_names[] = { "byor-csv", "byor-json", "zalando-json", "aoe",
					    "backstage-json", "json" };

int radar_format_parse(const char *s, radar_format *out)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (!strcmp(s, format_names[i])) {
			*out = (radar_format)i;
			return 0;
		}
	return -1;
}

const char *radar_format_name(radar_format f)
{
	return format_names[f];
}

const char *radar_format_list(void)
{
	return "byor-csv, byor-json, zalando-json, aoe, backstage-json, json";
}

/* ---- the document ------------------------------------------------------------ */

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void radar_ix_free(radar_ix *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->nquadrants; i++) {
		free(ix->quadrants[i].id);
		free(ix->quadrants[i].name);
	}
	for (size_t i = 0; i < ix->nrings; i++) {
		free(ix->rings[i].id);
		free(ix->rings[i].name);
	}
	for (size_t i = 0; i < ix->n; i++) {
		radar_ix_item *it = &ix->items[i];
		free(it->id);
		free(it->name);
		free(it->quadrant);
		free(it->ring);
		free(it->description);
		free_strings(it->tags, it->ntags);
		free_strings(it->links, it->nlinks);
		free(it->adrs);
		free(it->scores_yaml);
		free(it->path);
	}
	free(ix->quadrants);
	free(ix->rings);
	free(ix->items);
	free(ix->title);
	free(ix);
}

radar_ix_item *ix_item_add(radar_ix *ix, const char *path, int line, int col)
{
	radar_ix_item *it;
	ix->items = xrealloc(ix->items, (ix->n + 1) * sizeof(*ix->items));
	it = &ix->items[ix->n++];
	memset(it, 0, sizeof(*it));
	it->path = xstrdup(path);
	it->line = line;
	it->col = col;
	return it;
}

void ix_named_add(radar_ix_named **list, size_t *n, const char *id, const char *name)
{
	*list = xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[*n].id = id ? xstrdup(id) : NULL;
	(*list)[*n].name = xstrdup(name ? name : id);
	(*n)++;
}

void ix_strings_add(char ***list, size_t *n, const char *s)
{
	*list = xrealloc(*list, (*n + 1) * sizeof(char *));
	(*list)[(*n)++] = xstrdup(s);
}

/* ---- positions in JSON text ------------------------------------------------------ */

void ix_offset_pos(const char *buf, size_t len, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (buf[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

typedef struct jscan {
	const char *s;
	size_t i, n;
} jscan;

static void j_ws(jscan *j)
{
	while (j->i < j->n && strchr(" \t\r\n", j->s[j->i]))
		j->i++;
}

static void j_string(jscan *j)
{
	for (j->i++; j->i < j->n && j->s[j->i] != '"'; j->i++)
		if (j->s[j->i] == '\\')
			j->i++;
	j->i++;
}

static void j_value(jscan *j)
{
	int depth = 0;
	j_ws(j);
	do {
		char ch;
		if (j->i >= j->n)
			return;
		ch = j->s[j->i];
		if (ch == '"') {
			j_string(j);
			continue;
		}
		if (ch == '{' || ch == '[')
			depth++;
		else if (ch == '}' || ch == ']')
			depth--;
		else if (!depth && strchr(",:", ch))
			return;
		if (depth < 0)
			return;
		j->i++;
	} while (depth > 0 || (j->i < j->n && !strchr(",]} \t\r\n", j->s[j->i])));
}

/* In the object at j->i, moves to the value of `key`; 0 if found. */
static int j_find_key(jscan *j, const char *key)
{
	size_t klen = strlen(key);
	j_ws(j);
	if (j->i >= j->n || j->s[j->i] != '{')
		return -1;
	j->i++;
	for (;;) {
		size_t start, end;
		j_ws(j);
		if (j->i >= j->n || j->s[j->i] != '"')
			return -1;
		start = j->i + 1;
		j_string(j);
		end = j->i - 1; /* the closing quote */
		j_ws(j);
		j->i++; /* ':' */
		j_ws(j);
		if (end >= start && end - start == klen && !memcmp(j->s + start, key, klen))
			return 0;
		j_value(j);
		j_ws(j);
		if (j->i >= j->n || j->s[j->i] != ',')
			return -1;
		j->i++;
	}
}

/* In the array at j->i, moves to element `index`; 0 if found. */
static int j_find_index(jscan *j, long index)
{
	j_ws(j);
	if (j->i >= j->n || j->s[j->i] != '[')
		return -1;
	j->i++;
	for (long k = 0;; k++) {
		j_ws(j);
		if (k == index)
			return j->i < j->n && j->s[j->i] != ']' ? 0 : -1;
		j_value(j);
		j_ws(j);
		if (j->i >= j->n || j->s[j->i] != ',')
			return -1;
		j->i++;
	}
}

void ix_json_pos(const char *buf, size_t len, const char *key, long index, const char *field,
		 int *line, int *col)
{
	jscan j = { buf, 0, len };
	size_t best = 0;

	j_ws(&j);
	best = j.i;
	if (key) {
		if (j_find_key(&j, key))
			goto done;
		best = j.i;
	}
	if (index < 0 || j_find_index(&j, index))
		goto done;
	best = j.i;
	if (field && !j_find_key(&j, field))
		best = j.i;
done:
	ix_offset_pos(buf, len, best, line, col);
}
