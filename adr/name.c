/* ADR file names: slugs, numbers, which names are ADRs. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "adr/name.h"
#include "util/strbuf.h"

/* Decodes one UTF-8 sequence; returns its length (1 for a stray byte, cp = -1). */
static size_t utf8_decode(const unsigned char *s, long *cp)
{
	size_t n, i;
	long c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		*cp = -1;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = -1;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	*cp = c;
	return n;
}

static void utf8_encode(strbuf *sb, long c)
{
	if (c < 0x80) {
		strbuf_putc(sb, (char)c);
	} else if (c < 0x800) {
		strbuf_putc(sb, (char)(0xc0 | (c >> 6)));
		strbuf_putc(sb, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		strbuf_putc(sb, (char)(0xe0 | (c >> 12)));
		strbuf_putc(sb, (char)(0x80 | ((c >> 6) & 0x3f)));
		strbuf_putc(sb, (char)(0x80 | (c & 0x3f)));
	} else {
		strbuf_putc(sb, (char)(0xf0 | (c >> 18)));
		strbuf_putc(sb, (char)(0x80 | ((c >> 12) & 0x3f)));
		strbuf_putc(sb, (char)(0x80 | ((c >> 6) & 0x3f)));
		strbuf_putc(sb, (char)(0x80 | (c & 0x3f)));
	}
}

static locale_t utf8_locale(void)
{
	static locale_t loc;
	static int tried;
	if (!tried) {
		tried = 1;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

static int is_combining(long c)
{
	return (c >= 0x300 && c <= 0x36f) || (c >= 0x1ab0 && c <= 0x1aff) ||
	       (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
	       (c >= 0xfe20 && c <= 0xfe2f) || c == 0x200d;
}

/* Letters and digits of any script stay in a slug; everything else separates. */
static int keep(long c, locale_t loc)
{
	if (c < 0)
		return 0;
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	if (is_combining(c))
		return 1;
	if (!loc)
		return !(c >= 0x80 && c <= 0xbf) && c != 0xd7 && c != 0xf7 && !(c >= 0x2000 && c <= 0x2bff) &&
		       !(c >= 0x3000 && c <= 0x303f);
	return iswalnum_l((wint_t)c, loc);
}

static long lower(long c, locale_t loc)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0x80 || !loc)
		return c;
	return (long)towlower_l((wint_t)c, loc);
}

char *adr_slugify(const char *title)
{
	strbuf sb = STRBUF_INIT;
	locale_t loc = utf8_locale();
	const unsigned char *p = (const unsigned char *)title;
	int pending = 0;

	while (*p) {
		long c;
		p += utf8_decode(p, &c);
		if (!keep(c, loc)) {
			pending = 1;
			continue;
		}
		if (pending && sb.len)
			strbuf_putc(&sb, '-');
		pending = 0;
		utf8_encode(&sb, lower(c, loc));
	}
	if (!sb.buf)
		return xstrdup("");
	return strbuf_detach(&sb);
}

int adr_name_number(const char *name, long *out)
{
	long n = 0;
	const char *p = name;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > 99999999L)
			return -1;
		n = n * 10 + (*p - '0');
	}
	*out = n;
	return 0;
}

int adr_name_is_listed(const char *name)
{
	const char *p = name;
	if (*p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p != '-')
		return 0;
	return strstr(p + 1, ".md") != NULL;
}

int adr_name_is_template(const char *name)
{
	static const char *const names[] = { "template.md", "adr-template.md", "index.md",
					     "README.md", "readme.md", NULL };
	for (size_t i = 0; names[i]; i++)
		if (!strcasecmp(name, names[i]))
			return 1;
	return 0;
}

char *adr_file_name(long number, const char *slug)
{
	strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%04ld-%s.md", number, slug);
	return strbuf_detach(&sb);
}

int adr_ref_number(const char *ref, long *out)
{
	const char *p = ref;
	if (!*p)
		return 0;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return adr_name_number(ref, out) == 0;
}
