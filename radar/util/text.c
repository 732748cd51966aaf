#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strbuf.h"

int text_is_slug(const char *s)
{
	if (!*s || *s == '-')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

char *text_slugify(const char *name)
{
	strbuf sb = STRBUF_INIT;
	int dash = 0;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (isalnum(*p) && *p < 128) {
			if (dash && sb.len)
				strbuf_putc(&sb, '-');
			strbuf_putc(&sb, (char)tolower(*p));
			dash = 0;
		} else {
			dash = 1;
		}
	}
	return strbuf_detach(&sb);
}

int text_is_utf8(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + len;
	while (s < end) {
		size_t n;
		unsigned cp;
		if (*s < 0x80) {
			s++;
			continue;
		} else if ((*s & 0xE0) == 0xC0) {
			n = 1;
			cp = *s & 0x1F;
		} else if ((*s & 0xF0) == 0xE0) {
			n = 2;
			cp = *s & 0x0F;
		} else if ((*s & 0xF8) == 0xF0) {
			n = 3;
			cp = *s & 0x07;
		} else {
			return 0;
		}
		if ((size_t)(end - s) <= n)
			return 0;
		for (size_t i = 1; i <= n; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i] & 0x3F);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		s += n + 1;
	}
	return 1;
}

size_t text_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), *row, result;
	if (la > 256 || lb > 256)
		return (size_t)-1;
	row = xmalloc((lb + 1) * sizeof(*row));
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = tolower((unsigned char)a[i - 1]) !=
				      tolower((unsigned char)b[j - 1]);
			size_t best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	result = row[lb];
	free(row);
	return result;
}

char *text_nearest(const char *s, const char *const *cands, size_t n)
{
	size_t limit = strlen(s) / 3, found = 0;
	strbuf sb = STRBUF_INIT;

	if (limit < 2)
		limit = 2;
	for (size_t d = 0; d <= limit && found < 3; d++) {
		for (size_t i = 0; i < n && found < 3; i++) {
			if (text_distance(s, cands[i]) != d)
				continue;
			strbuf_printf(&sb, "%s'%s'", found ? ", " : "", cands[i]);
			found++;
		}
	}
	if (!found)
		return NULL;
	return strbuf_detach(&sb);
}

size_t text_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t w = 0;
	while (*s) {
		unsigned cp;
		size_t n;
		if (*s < 0x80) {
			cp = *s;
			n = 1;
		} else if ((*s & 0xE0) == 0xC0) {
			cp = *s & 0x1F;
			n = 2;
		} else if ((*s & 0xF0) == 0xE0) {
			cp = *s & 0x0F;
			n = 3;
		} else {
			cp = *s & 0x07;
			n = 4;
		}
		for (size_t i = 1; i < n; i++) {
			if (!s[i])
				return w;
			cp = (cp << 6) | (s[i] & 0x3F);
		}
		s += n;
		/* East Asian wide ranges and emoji take two columns. */
		if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
		    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
		    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
		    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
		    (cp >= 0x20000 && cp <= 0x3FFFD))
			w += 2;
		else if (cp >= 0x300 && cp <= 0x36F)
			; /* combining marks take none */
		else
			w += 1;
	}
	return w;
}

int text_contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return 1;
	return !n;
}

char *text_nearest_any(const char *s, const char *const *cands, size_t n, size_t k)
{
	size_t *dist, *order, shown = 0;
	strbuf sb = STRBUF_INIT;

	if (!n)
		return NULL;
	dist = xmalloc(n * sizeof(*dist));
	order = xmalloc(n * sizeof(*order));
	for (size_t i = 0; i < n; i++) {
		dist[i] = text_distance(s, cands[i]);
		order[i] = i;
	}
	/* A partial selection sort: k is tiny. */
	for (size_t i = 0; i < n && shown < k; i++, shown++) {
		size_t best = i;
		for (size_t j = i + 1; j < n; j++)
			if (dist[order[j]] < dist[order[best]])
				best = j;
		size_t t = order[i];
		order[i] = order[best];
		order[best] = t;
		strbuf_printf(&sb, "%s'%s'", i ? ", " : "", cands[order[i]]);
	}
	free(dist);
	free(order);
	return strbuf_detach(&sb);
}
