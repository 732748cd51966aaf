/* Editing ADR text as adr-tools does. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "adr/edit.h"
#include "util/strbuf.h"

static const char nygard_template[] =
	"# NUMBER. TITLE\n"
	"\n"
	"Date: DATE\n"
	"\n"
	"## Status\n"
	"\n"
	"STATUS\n"
	"\n"
	"## Context\n"
	"\n"
	"What is the situation, and what forces are at work? Facts, not opinions.\n"
	"\n"
	"## Decision\n"
	"\n"
	"What we decided to do, said in the active voice: \"We will ...\".\n"
	"\n"
	"## Consequences\n"
	"\n"
	"What follows from the decision: what gets easier, what gets harder, and what we now\n"
	"have to watch.\n";

static const char madr_template[] =
	"---\n"
	"status: STATUS\n"
	"date: DATE\n"
	"decision-makers:\n"
	"consulted:\n"
	"informed:\n"
	"---\n"
	"\n"
	"# TITLE\n"
	"\n"
	"## Context and Problem Statement\n"
	"\n"
	"The situation and the question to answer, in two or three sentences.\n"
	"\n"
	"## Decision Drivers\n"
	"\n"
	"* a force or concern that shapes the decision\n"
	"\n"
	"## Considered Options\n"
	"\n"
	"* the first option\n"
	"* the second option\n"
	"\n"
	"## Decision Outcome\n"
	"\n"
	"Chosen option: \"the first option\", because it answers the question best.\n"
	"\n"
	"### Consequences\n"
	"\n"
	"* Good, because of what it makes easier\n"
	"* Bad, because of what it makes harder\n"
	"\n"
	"### Confirmation\n"
	"\n"
	"How we will know that the decision is carried out.\n"
	"\n"
	"## More Information\n"
	"\n"
	"Links, and when to revisit the decision.\n";

static const char init_template[] =
	"# 1. Record architecture decisions\n"
	"\n"
	"Date: DATE\n"
	"\n"
	"## Status\n"
	"\n"
	"Accepted\n"
	"\n"
	"## Context\n"
	"\n"
	"Decisions that shape this project's architecture are made once and questioned\n"
	"often. We want the reasons for them kept beside the code, so that people who join\n"
	"later can see what was decided, why, and what it cost.\n"
	"\n"
	"## Decision\n"
	"\n"
	"We will keep Architecture Decision Records in this folder, one short Markdown file\n"
	"per decision, in the form Michael Nygard proposed: title, date, status, context,\n"
	"decision, consequences.\n"
	"\n"
	"## Consequences\n"
	"\n"
	"Every significant decision gets a numbered record. A decision that replaces an\n"
	"earlier one supersedes it explicitly, so the log can be read as a history.\n";

const char *adr_template_nygard(void)
{
	return nygard_template;
}

const char *adr_template_madr(void)
{
	return madr_template;
}

const char *adr_template_init(void)
{
	return init_template;
}

/* Iterates over lines: *ls, *len (without the '\n'); returns 0 at the end. */
typedef struct line_iter {
	const char *p, *end;
} line_iter;

static int next_line(line_iter *it, const char **ls, size_t *len, int *has_nl)
{
	const char *nl;
	if (it->p >= it->end)
		return 0;
	nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
	*ls = it->p;
	*len = nl ? (size_t)(nl - it->p) : (size_t)(it->end - it->p);
	*has_nl = nl != NULL;
	it->p = nl ? nl + 1 : it->end;
	return 1;
}

static const char *memfind(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (!memcmp(s + i, needle, n))
			return s + i;
	return NULL;
}

char *adr_template_fill(const char *tpl, long number, const char *title, const char *date,
			const char *status)
{
	static const char *const tokens[] = { "NUMBER", "TITLE", "DATE", "STATUS" };
	strbuf out = STRBUF_INIT, num = STRBUF_INIT;
	line_iter it = { tpl, tpl + strlen(tpl) };
	const char *ls;
	size_t len;
	int nl;

	strbuf_printf(&num, "%ld", number);
	while (next_line(&it, &ls, &len, &nl)) {
		/* Positions of each token's first occurrence, in the template text only. */
		const char *at[4];
		size_t pos = 0;
		for (int t = 0; t < 4; t++) {
			const char *f = memfind(ls, len, tokens[t]);
			/* A later token may not sit inside an earlier one's match. */
			for (int u = 0; f && u < t; u++)
				if (at[u] && f < at[u] + strlen(tokens[u]) && f + strlen(tokens[t]) > at[u]) {
					size_t off = (size_t)(at[u] + strlen(tokens[u]) - ls);
					f = memfind(ls + off, len - off, tokens[t]);
					u = -1;
				}
			at[t] = f;
		}
		while (pos < len) {
			int best = -1;
			for (int t = 0; t < 4; t++)
				if (at[t] && (size_t)(at[t] - ls) >= pos &&
				    (best < 0 || at[t] < at[best]))
					best = t;
			if (best < 0) {
				strbuf_add(&out, ls + pos, len - pos);
				break;
			}
			strbuf_add(&out, ls + pos, (size_t)(at[best] - ls) - pos);
			strbuf_puts(&out, best == 0 ? num.buf : best == 1 ? title : best == 2 ? date : status);
			pos = (size_t)(at[best] - ls) + strlen(tokens[best]);
			at[best] = NULL;
		}
		if (nl)
			strbuf_putc(&out, '\n');
	}
	strbuf_free(&num);
	return out.buf ? strbuf_detach(&out) : xstrdup("");
}

char *adr_first_line_title(const char *text)
{
	const char *nl = strchr(text, '\n');
	size_t len = nl ? (size_t)(nl - text) : strlen(text);
	return len > 2 ? xstrndup(text + 2, len - 2) : xstrdup("");
}

char *adr_link_title(const char *text)
{
	const char *p;
	if (strncmp(text, "---\n", 4))
		return adr_first_line_title(text);
	for (p = text; (p = strchr(p, '\n')); ) {
		p++;
		if (!strncmp(p, "# ", 2))
			return adr_first_line_title(p);
	}
	return adr_first_line_title(text);
}

static int is_status_heading(const char *ls, size_t len)
{
	return len == 9 && !memcmp(ls, "## Status", 9);
}

/* mawk reads the scripts' /^\s*$/ as "only 's' characters": blank lines and lines like "ss". */
static int awk_blank(const char *ls, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (ls[i] != 's')
			return 0;
	return 1;
}

static int has_status_section(const char *text)
{
	line_iter it = { text, text + strlen(text) };
	const char *ls;
	size_t len;
	int nl;
	while (next_line(&it, &ls, &len, &nl))
		if (is_status_heading(ls, len))
			return 1;
	return 0;
}

/* MADR: a front matter `status:` line gets replaced (or added). */
static char *set_front_matter_status(const char *text, const char *value)
{
	strbuf out = STRBUF_INIT;
	line_iter it = { text, text + strlen(text) };
	const char *ls;
	size_t len;
	int nl, lineno = 0, done = 0;

	while (next_line(&it, &ls, &len, &nl)) {
		lineno++;
		if (lineno > 1 && !done && len == 3 && !memcmp(ls, "---", 3)) {
			strbuf_printf(&out, "status: %s\n", value);
			done = 1;
		} else if (lineno > 1 && !done && len >= 7 && !memcmp(ls, "status:", 7)) {
			strbuf_printf(&out, "status: %s\n", value);
			done = 1;
			continue;
		}
		strbuf_add(&out, ls, len);
		if (nl)
			strbuf_putc(&out, '\n');
	}
	return strbuf_detach(&out);
}

static void yaml_quote(strbuf *sb, const char *s)
{
	strbuf_putc(sb, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_putc(sb, '\\');
		strbuf_putc(sb, *s);
	}
	strbuf_putc(sb, '"');
}

char *adr_text_add_link(const char *text, const char *type, const char *target_title,
			const char *target_file)
{
	strbuf out = STRBUF_INIT, link = STRBUF_INIT;
	line_iter it = { text, text + strlen(text) };
	const char *ls;
	size_t len;
	int nl, in_status = 0;

	strbuf_printf(&link, "%s [%s](%s)", type, target_title, target_file);
	if (!has_status_section(text) && !strncmp(text, "---\n", 4)) {
		char *res;
		if (adr_link_is_superseded_by(type)) {
			strbuf v = STRBUF_INIT;
			strbuf_printf(&v, "superseded by [%s](%s)", target_title, target_file);
			strbuf_reset(&link);
			yaml_quote(&link, v.buf);
			strbuf_free(&v);
			res = set_front_matter_status(text, link.buf);
			strbuf_free(&link);
			return res;
		}
		/* Other links: a paragraph right under the title. */
		while (next_line(&it, &ls, &len, &nl)) {
			strbuf_add(&out, ls, len);
			strbuf_putc(&out, '\n');
			if (len > 2 && !memcmp(ls, "# ", 2) && !in_status) {
				strbuf_printf(&out, "\n%s\n", link.buf);
				in_status = 1;
			}
		}
		strbuf_free(&link);
		return strbuf_detach(&out);
	}
	while (next_line(&it, &ls, &len, &nl)) {
		if (len >= 2 && ls[0] == '#' && ls[1] == '#') {
			if (in_status)
				strbuf_printf(&out, "%s\n\n", link.buf);
			in_status = 0;
		}
		if (is_status_heading(ls, len))
			in_status = 1;
		strbuf_add(&out, ls, len);
		strbuf_putc(&out, '\n');
	}
	strbuf_free(&link);
	return out.buf ? strbuf_detach(&out) : xstrdup("");
}

char *adr_text_remove_status(const char *text, const char *status)
{
	strbuf out = STRBUF_INIT;
	line_iter it = { text, text + strlen(text) };
	const char *ls;
	size_t len, slen = strlen(status);
	int nl, in_status = 0, after_blank = 0;

	while (next_line(&it, &ls, &len, &nl)) {
		if (len >= 2 && ls[0] == '#' && ls[1] == '#')
			in_status = 0;
		if (is_status_heading(ls, len))
			in_status = 1;
		if (in_status && awk_blank(ls, len)) {
			if (!after_blank) {
				strbuf_add(&out, ls, len);
				strbuf_putc(&out, '\n');
			}
			after_blank = 1;
			continue;
		}
		if (in_status && len == slen && !memcmp(ls, status, len))
			continue;
		if (in_status)
			after_blank = 0;
		strbuf_add(&out, ls, len);
		strbuf_putc(&out, '\n');
	}
	return out.buf ? strbuf_detach(&out) : xstrdup("");
}

char *adr_text_set_status(const char *text, const adr_record *rec, const char *status)
{
	strbuf out = STRBUF_INIT;
	line_iter it = { text, text + strlen(text) };
	const char *ls;
	size_t len;
	int nl, lineno = 0, in_status = 0, written = 0;

	if (rec->front_matter && !has_status_section(text)) {
		strbuf v = STRBUF_INIT;
		char *res;
		yaml_quote(&v, status);
		res = set_front_matter_status(text, status[strcspn(status, ":#'\"[]{}&*!|>%@`,")] ? v.buf : status);
		strbuf_free(&v);
		return res;
	}
	while (next_line(&it, &ls, &len, &nl)) {
		lineno++;
		if (!has_status_section(text) && !written && rec->format == ADR_MADR &&
		    len > 9 && (ls[0] == '-' || ls[0] == '*') && !strncasecmp(ls + 2, "status:", 7)) {
			strbuf_add(&out, ls, 10);
			strbuf_printf(&out, " %s\n", status);
			written = 1;
			continue;
		}
		if (len >= 1 && ls[0] == '#') {
			if (in_status && !written) {
				strbuf_printf(&out, "%s\n\n", status);
				written = 1;
			}
			in_status = is_status_heading(ls, len);
		} else if (in_status) {
			int link = 0;
			for (size_t i = 0; i < rec->nlinks; i++)
				if (rec->links[i].line == lineno)
					link = 1;
			if (len && !awk_blank(ls, len) && !link) {
				/* a plain status line: the first is replaced, the others go */
				if (!written) {
					strbuf_printf(&out, "%s\n", status);
					written = 1;
				} else {
					/* drop a following blank line too */
					const char *save = it.p;
					const char *ls2;
					size_t len2;
					int nl2;
					if (next_line(&it, &ls2, &len2, &nl2) && len2 != 0)
						it.p = save;
					else
						lineno++;
				}
				continue;
			}
		}
		strbuf_add(&out, ls, len);
		if (nl)
			strbuf_putc(&out, '\n');
	}
	if (in_status && !written)
		strbuf_printf(&out, "\n%s\n", status);
	return out.buf ? strbuf_detach(&out) : xstrdup("");
}

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

char *adr_text_upgrade_dates(const char *text)
{
	strbuf out = STRBUF_INIT;
	line_iter it = { text, text + strlen(text) };
	const char *ls;
	size_t len;
	int nl;

	while (next_line(&it, &ls, &len, &nl)) {
		size_t done = len;
		for (size_t i = 0; i + 16 <= len; i++) {
			const char *p = ls + i;
			if (!memcmp(p, "Date: ", 6) && digits(p + 6, 2) && p[8] == '/' && digits(p + 9, 2) &&
			    p[11] == '/' && digits(p + 12, 4)) {
				strbuf_add(&out, ls, i);
				strbuf_printf(&out, "Date: %.4s-%.2s-%.2s", p + 12, p + 9, p + 6);
				strbuf_add(&out, p + 16, len - i - 16);
				done = 0;
				break;
			}
		}
		if (done)
			strbuf_add(&out, ls, len);
		if (nl)
			strbuf_putc(&out, '\n');
	}
	return out.buf ? strbuf_detach(&out) : xstrdup("");
}

void adr_text_count_spelling(const char *text, size_t *se, size_t *ce)
{
	const char *p = text;
	while ((p = strstr(p, "uper"))) {
		if (p > text && (p[-1] == 'S' || p[-1] == 's')) {
			if (!strncmp(p + 4, "seded", 5) || !strncmp(p + 4, "sedes", 5))
				(*se)++;
			else if (!strncmp(p + 4, "ceded", 5) || !strncmp(p + 4, "cedes", 5))
				(*ce)++;
		}
		p += 4;
	}
}

/*
 * The digits at s (at most 18) as a number; *n gets how many there are.
 * -1 when there are none.
 */
static long lead_number(const char *s, size_t *n)
{
	long v = 0;
	size_t i = 0;
	while (i < 18 && s[i] >= '0' && s[i] <= '9')
		v = v * 10 + (s[i++] - '0');
	*n = i;
	return i ? v : -1;
}

/* The number `to` in place of the n digits at s, as wide as they were when zero-padded. */
static void put_number(strbuf *out, const char *s, size_t n, long to)
{
	if (n > 1 && s[0] == '0')
		strbuf_printf(out, "%0*ld", (int)n, to);
	else
		strbuf_printf(out, "%ld", to);
}

char *adr_text_renumber(const char *text, long from, long to)
{
	line_iter it = { text, text + strlen(text) };
	const char *ls;
	size_t len, n;
	int nl, first = 1, in_front = 0;

	while (next_line(&it, &ls, &len, &nl)) {
		int fence = len == 3 && !memcmp(ls, "---", 3);
		if (first && fence) {
			in_front = 1;
		} else if (in_front) {
			in_front = !fence;
		} else if (len > 2 && ls[0] == '#' && ls[1] == ' ') {
			strbuf out = STRBUF_INIT;
			if (lead_number(ls + 2, &n) != from || ls[2 + n] != '.')
				break;
			strbuf_add(&out, text, (size_t)(ls + 2 - text));
			put_number(&out, ls + 2, n, to);
			strbuf_puts(&out, ls + 2 + n);
			return strbuf_detach(&out);
		}
		first = 0;
	}
	return xstrdup(text);
}

char *adr_text_relink(const char *text, const char *from_file, const char *to_file, long from,
		      long to)
{
	strbuf out = STRBUF_INIT, needle = STRBUF_INIT;
	const char *p = text, *hit;

	strbuf_printf(&needle, "](%s)", from_file);
	while ((hit = strstr(p, needle.buf))) {
		/* The link text: back from "](" to its "[" on the same line. */
		const char *open = hit;
		size_t n;
		while (open > p && open[-1] != '[' && open[-1] != '\n')
			open--;
		if (open > p && open[-1] == '[' && lead_number(open, &n) == from && open[n] == '.') {
			strbuf_add(&out, p, (size_t)(open - p));
			put_number(&out, open, n, to);
			strbuf_add(&out, open + n, (size_t)(hit - open - n));
		} else {
			strbuf_add(&out, p, (size_t)(hit - p));
		}
		strbuf_printf(&out, "](%s)", to_file);
		p = hit + needle.len;
	}
	strbuf_puts(&out, p);
	strbuf_free(&needle);
	return out.buf ? strbuf_detach(&out) : xstrdup("");
}
