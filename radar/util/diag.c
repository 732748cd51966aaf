#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

void diag_add(diag_list *dl, diag_severity sev, const char *path, int line,
	      int col, const char *fmt, ...)
{
	strbuf msg = STRBUF_INIT;
	va_list ap;
	diag *d;

	va_start(ap, fmt);
	strbuf_vprintf(&msg, fmt, ap);
	va_end(ap);

	GROW(dl->items, dl->cap, dl->n + 1);
	d = &dl->items[dl->n++];
	d->path = xstrdup(path ? path : "");
	d->line = line;
	d->col = col;
	d->severity = sev;
	d->message = strbuf_detach(&msg);
	if (sev == DIAG_ERROR)
		dl->errors++;
	else
		dl->warnings++;
}

static int by_position(const diag *a, const diag *b)
{
	int c = strcmp(a->path, b->path);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

void diag_sort(diag_list *dl)
{
	/* Insertion sort: stable, and lists are short. */
	for (size_t i = 1; i < dl->n; i++) {
		diag tmp = dl->items[i];
		size_t j = i;
		while (j > 0 && by_position(&dl->items[j - 1], &tmp) > 0) {
			dl->items[j] = dl->items[j - 1];
			j--;
		}
		dl->items[j] = tmp;
	}
}

void diag_list_free(diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		free(dl->items[i].path);
		free(dl->items[i].message);
	}
	free(dl->items);
	dl->items = NULL;
	dl->n = dl->cap = dl->errors = dl->warnings = 0;
}
