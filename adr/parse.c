/* Reading an ADR file: Nygard / adr-tools and MADR 2, 3, 4. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "adr/adr.h"
#include "adr/name.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/yamltree.h"

static int adr_name_number_ok(const char *s, long *n)
{
	return adr_name_number(s, n) == 0;
}

typedef struct line {
	const char *s;
	size_t len;
} line;

static char *trimmed(const char *s, size_t len)
{
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return xstrndup(s, len);
}

static void push_str(char ***arr, size_t *n, char *s)
{
	*arr = xrealloc(*arr, (*n + 1) * sizeof(char *));
	(*arr)[(*n)++] = s;
}

int adr_link_is_superseded_by(const char *type)
{
	return !strcasecmp(type, "superseded by") || !strcasecmp(type, "superceded by");
}

int adr_link_is_supersedes(const char *type)
{
	return !strcasecmp(type, "supersedes") || !strcasecmp(type, "supercedes");
}

const char *adr_record_status(const adr_record *rec)
{
	if (rec->nstatuses)
		return rec->statuses[0];
	for (size_t i = 0; i < rec->nlinks; i++)
		if (adr_link_is_superseded_by(rec->links[i].type))
			return "Superseded";
	return NULL;
}

/* The number a link target names: "0003-x.md", "../0003-x.md", "ADR-0057", "ADR 10". */
static long target_number(const char *target)
{
	const char *base = strrchr(target, '/');
	long n;

	base = base ? base + 1 : target;
	if (!strncasecmp(base, "adr", 3)) {
		base += 3;
		while (*base == '-' || *base == ' ' || *base == '_')
			base++;
	}
	if (adr_name_number_ok(base, &n))
		return n;
	return -1;
}

static void add_link(adr_record *rec, char *type, char *title, char *target, int lineno)
{
	adr_link *l;
	rec->links = xrealloc(rec->links, (rec->nlinks + 1) * sizeof(*rec->links));
	l = &rec->links[rec->nlinks++];
	l->type = type;
	l->title = title;
	l->target = target;
	l->number = target_number(target);
	if (l->number < 0 && title)
		l->number = target_number(title);
	l->line = lineno;
}

/*
 * "Superseded by [3. Use X](0003-use-x.md)" as adr-tools writes it (and as
 * its `_adr_links` reads it): TYPE, a space, [TEXT], (TARGET). Returns 1 and
 * adds a link when the text is one.
 */
static int parse_link_text(adr_record *rec, const char *s, size_t len, int lineno)
{
	const char *open = NULL, *mid, *close;

	for (size_t i = 1; i + 1 < len; i++)
		if (s[i] == ' ' && s[i + 1] == '[') {
			open = s + i;
			break;
		}
	if (!open)
		return 0;
	mid = NULL;
	for (const char *p = open + 2; p + 1 < s + len; p++)
		if (p[0] == ']' && p[1] == '(')
			mid = p;
	close = s + len;
	while (close > s && isspace((unsigned char)close[-1]))
		close--;
	if (!mid || close <= mid + 2 || close[-1] != ')')
		return 0;
	add_link(rec, trimmed(s, (size_t)(open - s)), xstrndup(open + 2, (size_t)(mid - open - 2)),
		 xstrndup(mid + 2, (size_t)(close - 1 - (mid + 2))), lineno);
	return 1;
}

/* A status value that may carry links: "superseded by ADR-0057", "accepted; supersedes ADR-0045". */
static void parse_status_value(adr_record *rec, const char *v, int lineno)
{
	const char *p = v;
	while (*p) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *part = trimmed(p, len);
		static const char *const kinds[] = { "superseded by", "superceded by", "supersedes",
						     "supercedes", "amended by", "amends", NULL };
		int done = 0;

		if (*part && !parse_link_text(rec, part, strlen(part), lineno)) {
			for (size_t k = 0; kinds[k] && !done; k++) {
				size_t kl = strlen(kinds[k]);
				if (!strncasecmp(part, kinds[k], kl) && part[kl] == ' ') {
					char *ref = trimmed(part + kl, strlen(part + kl));
					add_link(rec, xstrndup(part, kl), NULL, ref, lineno);
					done = 1;
				}
			}
		} else if (*part) {
			done = 1;
		}
		if (done && rec->nlinks && adr_link_is_superseded_by(rec->links[rec->nlinks - 1].type))
			push_str(&rec->statuses, &rec->nstatuses, xstrndup(part, 10));
		else if (!done && *part)
			push_str(&rec->statuses, &rec->nstatuses, xstrdup(part));
		free(part);
		if (!rec->status_line)
			rec->status_line = lineno;
		if (!end)
			break;
		p = end + 1;
	}
}

/* A front matter value that is a list or a comma-separated string. */
static void read_people(const yt_node *n, char ***arr, size_t *cnt)
{
	if (!n)
		return;
	if (n->kind == YT_SCALAR) {
		const char *p = n->value;
		if (yt_is_null(n))
			return;
		while (*p) {
			const char *end = strchr(p, ',');
			size_t len = end ? (size_t)(end - p) : strlen(p);
			char *t = trimmed(p, len);
			if (*t)
				push_str(arr, cnt, t);
			else
				free(t);
			if (!end)
				break;
			p = end + 1;
		}
	} else if (n->kind == YT_SEQ) {
		for (size_t i = 0; i < n->n; i++)
			if (n->items[i]->kind == YT_SCALAR && !yt_is_null(n->items[i]))
				push_str(arr, cnt, xstrdup(n->items[i]->value));
	}
}

static int has_madr_keys(const yt_node *root)
{
	static const char *const keys[] = { "status", "date", "deciders", "decision-makers",
					    "consulted", "informed", NULL };
	for (size_t i = 0; keys[i]; i++)
		if (yt_map_get(root, keys[i]))
			return 1;
	return 0;
}

static void read_front_matter(adr_record *rec, const char *path, const char *text, size_t len,
			      int first_line, diag_list *dl)
{
	diag_list local = DIAG_LIST_INIT;
	yt_doc *doc = NULL;
	const yt_node *root, *n;

	rec->front_matter = 1;
	if (yt_parse(&doc, path, text, len, &local) == 0 && (root = yt_root(doc)) &&
	    root->kind == YT_MAP) {
		if (has_madr_keys(root)) {
			rec->format = ADR_MADR;
			rec->madr_version = yt_map_get(root, "decision-makers") ? 4 : 3;
		}
		if ((n = yt_map_get(root, "status")) && n->kind == YT_SCALAR && !yt_is_null(n))
			parse_status_value(rec, n->value, n->line + first_line - 1);
		if ((n = yt_map_get(root, "date")) && n->kind == YT_SCALAR && !yt_is_null(n)) {
			rec->date = xstrdup(n->value);
			rec->date_line = n->line + first_line - 1;
			rec->date_col = n->col;
		}
		read_people(yt_map_get(root, "decision-makers"), &rec->deciders, &rec->ndeciders);
		read_people(yt_map_get(root, "deciders"), &rec->deciders, &rec->ndeciders);
		read_people(yt_map_get(root, "consulted"), &rec->consulted, &rec->nconsulted);
		read_people(yt_map_get(root, "informed"), &rec->informed, &rec->ninformed);
		if ((n = yt_map_get(root, "review-on")) && n->kind == YT_SCALAR && !yt_is_null(n))
			rec->review_on = xstrdup(n->value);
		if ((n = yt_map_get(root, "confidence")) && n->kind == YT_SCALAR && !yt_is_null(n)) {
			char *end;
			double v = strtod(n->value, &end);
			if (*end || end == n->value || !(v >= 0 && v <= 1))
				diag_add(dl, DIAG_ERROR, path, n->line + first_line - 1, n->col,
					 "confidence must be a number from 0 to 1, not '%s'", n->value);
			else {
				rec->has_confidence = 1;
				rec->confidence = v;
			}
		}
		if ((n = yt_map_get(root, "outcome"))) {
			const yt_node *v;
			if (n->kind == YT_SCALAR && !yt_is_null(n)) {
				rec->outcome_verdict = xstrdup(n->value);
			} else if (n->kind == YT_MAP) {
				if ((v = yt_map_get(n, "verdict")) && v->kind == YT_SCALAR)
					rec->outcome_verdict = xstrdup(v->value);
				if ((v = yt_map_get(n, "date")) && v->kind == YT_SCALAR)
					rec->outcome_date = xstrdup(v->value);
				if ((v = yt_map_get(n, "note")) && v->kind == YT_SCALAR)
					rec->outcome_note = xstrdup(v->value);
			}
			if (rec->outcome_verdict && strcmp(rec->outcome_verdict, "correct") &&
			    strcmp(rec->outcome_verdict, "partial") && strcmp(rec->outcome_verdict, "incorrect"))
				diag_add(dl, DIAG_ERROR, path, n->line + first_line - 1, n->col,
					 "outcome verdict must be correct, partial or incorrect, not '%s'",
					 rec->outcome_verdict);
		}
		if (!rec->title && (n = yt_map_get(root, "title")) && n->kind == YT_SCALAR)
			rec->title = xstrdup(n->value);
	}
	for (size_t i = 0; i < local.n; i++) {
		diag *d = &local.items[i];
		diag_add(dl, d->severity, path, d->line + first_line - 1, d->col, "%s", d->message);
	}
	diag_list_free(&local);
	yt_doc_free(doc);
}

/* "- Status: accepted", "* Date: 2020-01-01": MADR 2 bullet metadata. */
static int read_bullet(adr_record *rec, const char *s, size_t len, int lineno)
{
	static const char *const keys[] = { "status", "date", "deciders", "decision-makers",
					    "consulted", "informed", NULL };
	char *text, *colon;
	int found = 0;

	if (len < 3 || (s[0] != '-' && s[0] != '*') || s[1] != ' ')
		return 0;
	text = xstrndup(s + 2, len - 2);
	if ((colon = strchr(text, ':'))) {
		char *key = trimmed(text, (size_t)(colon - text)), *val = trimmed(colon + 1, strlen(colon + 1));
		for (size_t i = 0; keys[i] && !found; i++) {
			if (strcasecmp(key, keys[i]))
				continue;
			found = 1;
			if (i == 0)
				parse_status_value(rec, val, lineno);
			else if (i == 1 && !rec->date) {
				rec->date = xstrdup(val);
				rec->date_line = lineno;
				rec->date_col = (int)(colon - text) + 4;
			} else if (i == 2 || i == 3) {
				yt_node n = { .kind = YT_SCALAR, .value = val, .plain = 0 };
				read_people(&n, &rec->deciders, &rec->ndeciders);
			} else {
				yt_node n = { .kind = YT_SCALAR, .value = val, .plain = 0 };
				read_people(&n, i == 4 ? &rec->consulted : &rec->informed,
					    i == 4 ? &rec->nconsulted : &rec->ninformed);
			}
		}
		free(key);
		free(val);
	}
	free(text);
	return found;
}

static int starts(const line *l, const char *prefix)
{
	size_t n = strlen(prefix);
	return l->len >= n && !strncmp(l->s, prefix, n);
}

static void check_text(const char *path, const char *buf, size_t len, diag_list *dl, int *bad)
{
	int lineno = 1;
	const char *ls = buf;
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\0') {
			diag_add(dl, DIAG_ERROR, path, lineno, (int)(buf + i - ls) + 1, "NUL byte in the file");
			*bad = 1;
			return;
		}
		if (buf[i] == '\n') {
			if (!text_is_utf8(ls, (size_t)(buf + i - ls))) {
				diag_add(dl, DIAG_ERROR, path, lineno, 1, "invalid UTF-8 on this line");
				*bad = 1;
				return;
			}
			lineno++;
			ls = buf + i + 1;
		}
	}
	if (!text_is_utf8(ls, (size_t)(buf + len - ls))) {
		diag_add(dl, DIAG_ERROR, path, lineno, 1, "invalid UTF-8 on this line");
		*bad = 1;
	}
}

int adr_parse(adr_record **out, const char *path, const char *buf, size_t len, diag_list *dl)
{
	adr_record *rec = xcalloc(1, sizeof(*rec));
	size_t errors = dl->errors, nl = 0, cap = 0, i = 0, body = 0;
	line *lines = NULL;
	int bad = 0, in_fence = 0, section = 0, seen_h2 = 0, status_section = 0, context_problem = 0;
	const char *slash;
	long n;

	rec->path = xstrdup(path);
	slash = strrchr(rec->path, '/');
	rec->file = slash ? slash + 1 : rec->path;
	rec->number = adr_name_number_ok(rec->file, &n) ? n : -1;
	*out = rec;
	check_text(path, buf, len, dl, &bad);
	if (bad)
		return -1;
	for (size_t p = 0; p < len;) {
		const char *e = memchr(buf + p, '\n', len - p);
		size_t l = e ? (size_t)(e - (buf + p)) : len - p;
		GROW(lines, cap, nl + 1);
		lines[nl].s = buf + p;
		lines[nl].len = l && buf[p + l - 1] == '\r' ? l - 1 : l;
		nl++;
		p += l + 1;
	}
	if (nl && lines[0].len == 3 && !strncmp(lines[0].s, "---", 3)) {
		for (i = 1; i < nl; i++)
			if ((lines[i].len == 3 && (!strncmp(lines[i].s, "---", 3) || !strncmp(lines[i].s, "...", 3))))
				break;
		if (i == nl) {
			diag_add(dl, DIAG_ERROR, path, 1, 1, "the front matter that starts here is never closed by '---'");
		} else {
			const char *fs = nl > 1 ? lines[1].s : lines[0].s + 3;
			read_front_matter(rec, path, fs, (size_t)(lines[i].s - fs), 2, dl);
			body = i + 1;
		}
	}
	for (i = body; i < nl; i++) {
		line *l = &lines[i];
		int lineno = (int)i + 1;
		if (starts(l, "```") || starts(l, "~~~")) {
			in_fence = !in_fence;
			continue;
		}
		if (in_fence)
			continue;
		if (!rec->heading && !seen_h2 && l->len > 1 && l->s[0] == '#' && l->s[1] != '#') {
			/* "# 3. Title", and "#46. Title" as one real record has it */
			char *h = trimmed(l->s + 1, l->len - 1);
			const char *p = h;
			rec->heading = h;
			rec->title_line = lineno;
			while (*p >= '0' && *p <= '9')
				p++;
			if (p > h && p[0] == '.' && (p[1] == ' ' || !p[1])) {
				if (rec->number < 0)
					adr_name_number_ok(h, &rec->number);
				free(rec->title);
				rec->title = trimmed(p + 1, strlen(p + 1));
			} else if (!rec->title) {
				rec->title = xstrdup(h);
			}
			continue;
		}
		if (starts(l, "#")) {
			size_t hashes = 0;
			while (hashes < l->len && l->s[hashes] == '#')
				hashes++;
			section = 0;
			if (hashes == 2) {
				char *h = trimmed(l->s + 2, l->len - 2);
				seen_h2 = 1;
				if (!strcasecmp(h, "status"))
					section = status_section = 1;
				else if (!strcasecmp(h, "context and problem statement"))
					context_problem = 1;
				free(h);
			}
			continue;
		}
		if (section) {
			char *t = trimmed(l->s, l->len);
			if (*t && !parse_link_text(rec, t, strlen(t), lineno)) {
				push_str(&rec->statuses, &rec->nstatuses, t);
				if (!rec->status_line)
					rec->status_line = lineno;
				t = NULL;
			}
			free(t);
			continue;
		}
		if (!seen_h2 && !rec->date && starts(l, "Date:")) {
			rec->date = trimmed(l->s + 5, l->len - 5);
			rec->date_line = lineno;
			rec->date_col = 7;
			continue;
		}
		if (!seen_h2 && read_bullet(rec, l->s, l->len, lineno)) {
			if (rec->format != ADR_MADR) {
				rec->format = ADR_MADR;
				rec->madr_version = 2;
			}
			continue;
		}
		if (!seen_h2 && rec->heading) {
			char *t = trimmed(l->s, l->len);
			if (*t)
				parse_link_text(rec, t, strlen(t), lineno);
			free(t);
		}
	}
	if (!status_section && rec->format != ADR_MADR && (context_problem || rec->front_matter)) {
		rec->format = ADR_MADR;
		rec->madr_version = rec->front_matter ? 3 : 2;
	}
	if (status_section && rec->format == ADR_MADR && !rec->front_matter && rec->madr_version == 2)
		rec->format = ADR_MADR;
	if (!rec->heading && !rec->title)
		diag_add(dl, DIAG_WARNING, path, 1, 1, "no '# Title' line");
	free(lines);
	return dl->errors > errors ? -1 : 0;
}

void adr_record_free(adr_record *rec)
{
	if (!rec)
		return;
	for (size_t i = 0; i < rec->nstatuses; i++)
		free(rec->statuses[i]);
	for (size_t i = 0; i < rec->nlinks; i++) {
		free(rec->links[i].type);
		free(rec->links[i].title);
		free(rec->links[i].target);
	}
	for (size_t i = 0; i < rec->ndeciders; i++)
		free(rec->deciders[i]);
	for (size_t i = 0; i < rec->nconsulted; i++)
		free(rec->consulted[i]);
	for (size_t i = 0; i < rec->ninformed; i++)
		free(rec->informed[i]);
	free(rec->statuses);
	free(rec->links);
	free(rec->deciders);
	free(rec->consulted);
	free(rec->informed);
	free(rec->path);
	free(rec->heading);
	free(rec->title);
	free(rec->date);
	free(rec->review_on);
	free(rec->outcome_verdict);
	free(rec->outcome_date);
	free(rec->outcome_note);
	free(rec);
}
