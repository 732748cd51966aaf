/* Import, reading BYOR CSV: RFC 4180 records, each field with its line and column. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "interchange-private.h"

/* ---- CSV (RFC 4180: quotes, doubled quotes, line breaks inside quotes, CRLF) ---- */

typedef struct csv_field {
	char *text;
	int line, col;
} csv_field;

/* Reads one record from *pos; returns the number of fields, 0 at the end. */
static size_t csv_record(const char *buf, size_t len, size_t *pos, csv_field **fields, size_t *cap,
			 const char *path, diag_list *dl, int *bad)
{
	size_t i = *pos, n = 0;
	if (i >= len)
		return 0;
	for (;;) {
		strbuf sb = STRBUF_INIT;
		int line, col;
		ix_offset_pos(buf, len, i, &line, &col);
		if (i < len && buf[i] == '"') {
			i++;
			for (;;) {
				if (i >= len) {
					diag_add(dl, DIAG_ERROR, path, line, col, "quoted field is never closed");
					*bad = 1;
					break;
				}
				if (buf[i] == '"' && i + 1 < len && buf[i + 1] == '"') {
					strbuf_putc(&sb, '"');
					i += 2;
				} else if (buf[i] == '"') {
					i++;
					break;
				} else {
					strbuf_putc(&sb, buf[i++]);
				}
			}
			if (!*bad && i < len && !strchr(",\r\n", buf[i])) {
				int l2, c2;
				ix_offset_pos(buf, len, i, &l2, &c2);
				diag_add(dl, DIAG_ERROR, path, l2, c2,
					 "text after a closing quote (a quote inside a field is written \"\")");
				*bad = 1;
			}
			while (i < len && !strchr(",\r\n", buf[i]))
				i++;
		} else {
			while (i < len && !strchr(",\r\n", buf[i]))
				strbuf_putc(&sb, buf[i++]);
		}
		GROW(*fields, *cap, n + 1);
		(*fields)[n].text = strbuf_detach(&sb);
		(*fields)[n].line = line;
		(*fields)[n].col = col;
		n++;
		strbuf_free(&sb);
		if (i < len && buf[i] == ',') {
			i++;
			continue;
		}
		if (i < len && buf[i] == '\r')
			i++;
		if (i < len && buf[i] == '\n')
			i++;
		break;
	}
	*pos = i;
	return n;
}

int ix_read_csv(radar_ix *ix, const char *path, const char *buf, size_t len, diag_list *dl)
{
	static const char *const cols[] = { "name", "ring", "quadrant", "description" };
	int at[4] = { -1, -1, -1, -1 }, bad = 0;
	csv_field *f = NULL;
	size_t cap = 0, pos = 0, n;

	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		pos = 3;
	n = csv_record(buf, len, &pos, &f, &cap, path, dl, &bad);
	for (size_t k = 0; k < n; k++) {
		const char *t = f[k].text;
		while (*t == ' ')
			t++;
		for (int c = 0; c < 4; c++)
			if (!strncasecmp(t, cols[c], strlen(cols[c])) &&
			    !strspn(t + strlen(cols[c]), "abcdefghijklmnopqrstuvwxyz") && at[c] < 0)
				at[c] = (int)k;
		free(f[k].text);
	}
	if (!bad && (at[0] < 0 || at[2] < 0)) {
		diag_add(dl, DIAG_ERROR, path, 1, 1,
			 "the first line must name the columns: name,ring,quadrant,isNew,description");
		bad = 1;
	}
	while (!bad && pos < len) {
		size_t start = pos;
		int line, col, b = 0;
		radar_ix_item *it;
		const char *v[4];

		n = csv_record(buf, len, &pos, &f, &cap, path, dl, &b);
		if (n == 1 && !*f[0].text) { /* an empty line */
			free(f[0].text);
			continue;
		}
		ix_offset_pos(buf, len, start, &line, &col);
		for (int c = 0; c < 4; c++)
			v[c] = at[c] >= 0 && (size_t)at[c] < n ? f[at[c]].text : "";
		if (!b && !*v[0]) {
			diag_add(dl, DIAG_ERROR, path, line, col, "this line has no name");
			b = 1;
		}
		if (!b && !*v[2]) {
			diag_add(dl, DIAG_ERROR, path, line, at[2] < (int)n ? f[at[2]].col : col,
				 "'%s' has no quadrant", v[0]);
			b = 1;
		}
		if (!b) {
			it = ix_item_add(ix, path, line, col);
			it->name = xstrdup(v[0]);
			it->ring = *v[1] ? xstrdup(v[1]) : NULL;
			it->quadrant = xstrdup(v[2]);
			it->description = *v[3] ? xstrdup(v[3]) : NULL;
		}
		bad |= b;
		for (size_t k = 0; k < n; k++)
			free(f[k].text);
	}
	free(f);
	return bad ? -1 : 0;
}
