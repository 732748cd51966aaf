/* The ADR folder: finding it, listing it, toc, graph, checks. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "adr/edit.h"
#include "adr/name.h"
#include "adr/set.h"
#include "util/date.h"

static int is_file(const char *p)
{
	struct stat st;
	return !stat(p, &st) && S_ISREG(st.st_mode);
}

static int is_dir(const char *p)
{
	struct stat st;
	return !stat(p, &st) && S_ISDIR(st.st_mode);
}

/* "./x" as adr-tools' mkrel: reldir + "/" + name, without a leading "./". */
static char *mkrel(const char *reldir, const char *name)
{
	strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%s/%s", reldir, name);
	if (!strncmp(sb.buf, "./", 2)) {
		char *r = xstrdup(sb.buf + 2);
		strbuf_free(&sb);
		return r;
	}
	return strbuf_detach(&sb);
}

static char *read_small(const char *path)
{
	FILE *f = fopen(path, "rb");
	strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && sb.len < ADR_MAX_FILE)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return sb.buf ? strbuf_detach(&sb) : xstrdup("");
}

char *adr_dir_find(int *found)
{
	strbuf reldir = STRBUF_INIT;
	char *res = NULL;

	*found = 0;
	strbuf_puts(&reldir, ".");
	for (int depth = 0; depth < 256; depth++) {
		/* adr-tools stops once the folder holding reldir is the root */
		char *abs = NULL;
		{
			char *d = depth ? xstrndup(reldir.buf, reldir.len - 3) : xstrdup(".");
			abs = realpath(d, NULL);
			free(d);
		}
		if (!abs || !strcmp(abs, "/")) {
			free(abs);
			break;
		}
		free(abs);
		{
			char *f = mkrel(reldir.buf, ".adr-dir");
			char *d = mkrel(reldir.buf, "doc/adr");
			if (is_file(f)) {
				char *txt = read_small(f);
				size_t l = strlen(txt);
				while (l && txt[l - 1] == '\n')
					txt[--l] = '\0';
				res = mkrel(reldir.buf, txt);
				free(txt);
			} else if (is_dir(d)) {
				res = xstrdup(d);
			}
			free(f);
			free(d);
		}
		if (res) {
			*found = 1;
			break;
		}
		strbuf_puts(&reldir, "/..");
	}
	strbuf_free(&reldir);
	return res ? res : xstrdup("doc/adr");
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int adr_set_open(adr_set **out, const char *dir, strbuf *err)
{
	adr_set *s = xcalloc(1, sizeof(*s));
	DIR *d;
	struct dirent *e;
	size_t cap = 0;

	s->dir = xstrdup(dir);
	*out = s;
	if (!(d = opendir(dir))) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		strbuf_printf(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	s->exists = 1;
	while ((e = readdir(d))) {
		if (!adr_name_is_listed(e->d_name))
			continue;
		GROW(s->names, cap, s->n + 1);
		s->names[s->n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (s->n)
		qsort(s->names, s->n, sizeof(char *), cmp_names);
	s->texts = xcalloc(s->n + 1, sizeof(char *));
	return 0;
}

void adr_set_free(adr_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->names[i]);
		free(s->texts[i]);
	}
	free(s->names);
	free(s->texts);
	free(s->dir);
	free(s);
}

char *adr_set_path(const adr_set *s, size_t i)
{
	strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%s/%s", s->dir, s->names[i]);
	return strbuf_detach(&sb);
}

const char *adr_set_text(adr_set *s, size_t i, strbuf *err)
{
	if (!s->texts[i]) {
		char *path = adr_set_path(s, i);
		struct stat st;
		if (!stat(path, &st) && st.st_size > (off_t)ADR_MAX_FILE)
			strbuf_printf(err, "%s:1:1: the file is larger than 4 MiB", path);
		else if (!(s->texts[i] = read_small(path)))
			strbuf_printf(err, "%s: %s", path, strerror(errno));
		free(path);
	}
	return s->texts[i];
}

long adr_dir_max_number(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	long max = 0, n;
	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && !adr_name_number(e->d_name, &n) && n > max)
			max = n;
	closedir(d);
	return max;
}

long adr_set_resolve(const adr_set *s, const char *ref, int *dups)
{
	long num, found = -1, n;
	*dups = 0;
	if (adr_ref_number(ref, &num)) {
		for (size_t i = 0; i < s->n; i++)
			if (!adr_name_number(s->names[i], &n) && n == num) {
				if (found >= 0)
					*dups = 1;
				else
					found = (long)i;
			}
		return found;
	}
	for (size_t i = 0; i < s->n; i++) {
		char *p = adr_set_path(s, i);
		int hit = strstr(p, ref) != NULL;
		free(p);
		if (hit)
			return (long)i;
	}
	return -1;
}

int adr_set_toc(adr_set *s, strbuf *out, const char *intro, const char *outro, const char *prefix,
		strbuf *err)
{
	strbuf_puts(out, "# Architecture Decision Records\n\n");
	if (intro && *intro) {
		strbuf_puts(out, intro);
		strbuf_putc(out, '\n');
	}
	for (size_t i = 0; i < s->n; i++) {
		const char *text = adr_set_text(s, i, err);
		char *title;
		if (!text)
			return -1;
		title = adr_first_line_title(text);
		strbuf_printf(out, "* [%s](%s%s)\n", title, prefix ? prefix : "", s->names[i]);
		free(title);
	}
	if (outro && *outro) {
		strbuf_putc(out, '\n');
		strbuf_puts(out, outro);
	}
	return 0;
}

/* The node name adr-tools gives: the number with its leading zeros stripped. */
static void node_id(strbuf *sb, const char *name)
{
	const char *dash = strchr(name, '-');
	size_t len = dash ? (size_t)(dash - name) : strlen(name);
	while (len && *name == '0') {
		name++;
		len--;
	}
	strbuf_add(sb, name, len);
}

static void dot_label(strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_putc(sb, '\\');
		strbuf_putc(sb, *s);
	}
}

/* The link lines of the status section as `_adr_links` reads them: "N=Type". */
static void graph_links(strbuf *out, const char *from, const char *text, const regex_t *re)
{
	const char *p = text;
	int in_range = 0;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *ln = xstrndup(p, len);
		int starts_status = !strncmp(ln, "## Status", 9);
		int print = 0;

		if (!in_range) {
			if (starts_status) {
				in_range = 1;
				print = 1;
			}
		} else {
			print = 1;
			if (ln[0] == '#' && !starts_status)
				in_range = 0;
		}
		if (print && ln[0] != '#' && ln[strspn(ln, "s")] != '\0') {
			regmatch_t m[3];
			if (!regexec(re, ln, 3, m, 0)) {
				strbuf rest = STRBUF_INIT;
				size_t tl;
				strbuf_add(&rest, ln + m[1].rm_so, (size_t)(m[1].rm_eo - m[1].rm_so));
				strbuf_puts(&rest, ln + m[0].rm_eo);
				tl = rest.len;
				if (!(tl >= 3 && !strcmp(rest.buf + tl - 3, " by"))) {
					strbuf_printf(out, "  _%s -> _%.*s [label=\"", from,
						      (int)(m[2].rm_eo - m[2].rm_so), ln + m[2].rm_so);
					dot_label(out, rest.buf);
					strbuf_puts(out, "\", weight=0]\n");
				}
				strbuf_free(&rest);
			}
		}
		free(ln);
		if (!nl)
			break;
		p = nl + 1;
	}
}

int adr_set_graph(adr_set *s, strbuf *out, const char *prefix, const char *ext, strbuf *err)
{
	regex_t re;
	if (regcomp(&re, "^(.+) \\[.*\\]\\(0*([1-9][0-9]*).*\\)", REG_EXTENDED)) {
		strbuf_puts(err, "internal error: bad regular expression");
		return -1;
	}
	strbuf_puts(out, "digraph {\n  node [shape=plaintext];\n  subgraph {\n");
	for (size_t i = 0; i < s->n; i++) {
		const char *text = adr_set_text(s, i, err);
		strbuf id = STRBUF_INIT;
		char *title, *base;
		long n = 0;
		if (!text) {
			regfree(&re);
			return -1;
		}
		title = adr_first_line_title(text);
		node_id(&id, s->names[i]);
		base = xstrdup(s->names[i]);
		if (strlen(base) > 3 && !strcmp(base + strlen(base) - 3, ".md"))
			base[strlen(base) - 3] = '\0';
		strbuf_printf(out, "    _%s [label=\"", id.buf ? id.buf : "");
		dot_label(out, title);
		strbuf_printf(out, "\"; URL=\"%s%s%s\"];\n", prefix ? prefix : "", base, ext ? ext : ".html");
		adr_name_number(s->names[i], &n);
		if (n > 1)
			strbuf_printf(out, "    _%ld -> _%ld [style=\"dotted\", weight=1];\n", n - 1, n);
		free(title);
		free(base);
		strbuf_free(&id);
	}
	strbuf_puts(out, "  }\n");
	for (size_t i = 0; i < s->n; i++) {
		strbuf id = STRBUF_INIT;
		node_id(&id, s->names[i]);
		graph_links(out, id.buf ? id.buf : "", s->texts[i], &re);
		strbuf_free(&id);
	}
	strbuf_puts(out, "}\n");
	regfree(&re);
	return 0;
}

int adr_status_known(const char *status, const char *const *extra, size_t nextra)
{
	static const char *const std[] = { "proposed", "accepted", "rejected", "deprecated",
					   "superseded", "superceded", NULL };
	for (size_t i = 0; std[i]; i++)
		if (!strcasecmp(status, std[i]))
			return 1;
	for (size_t i = 0; i < nextra; i++)
		if (!strcasecmp(status, extra[i]))
			return 1;
	return 0;
}

static int cmp_rec(const void *a, const void *b)
{
	const adr_record *x = *(adr_record *const *)a, *y = *(adr_record *const *)b;
	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return strcmp(x->path, y->path);
}

void adr_check_set(adr_record *const *recs, size_t n, const char *const *extra, size_t nextra,
		   diag_list *dl)
{
	adr_record **sorted = xcalloc(n + 1, sizeof(*sorted));
	memcpy(sorted, recs, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), cmp_rec);
	for (size_t i = 0; i < n; i++) {
		adr_record *r = sorted[i];
		int superseded = 0, accepted = 0;
		if (r->number < 0)
			continue;
		if (i && sorted[i - 1]->number == r->number && r->number < 10000000)
			diag_add(dl, DIAG_ERROR, r->path, 1, 1, "duplicate ADR number %ld (also %s)",
				 r->number, sorted[i - 1]->path);
		/* Date-numbered sets (log4brains' YYYYMMDD) have gaps by design. */
		else if (i && sorted[i - 1]->number >= 0 && r->number > sorted[i - 1]->number + 1 &&
			 r->number < 10000000) {
			long lo = sorted[i - 1]->number + 1, hi = r->number - 1;
			if (lo == hi)
				diag_add(dl, DIAG_WARNING, r->path, 1, 1, "gap in ADR numbers: %ld missing", lo);
			else
				diag_add(dl, DIAG_WARNING, r->path, 1, 1, "gap in ADR numbers: %ld to %ld missing",
					 lo, hi);
		}
		for (size_t k = 0; k < r->nlinks; k++) {
			const adr_link *l = &r->links[k];
			int ok = 0;
			if (adr_link_is_superseded_by(l->type))
				superseded = 1;
			/* A web address is not a record of this set. */
			ok = strstr(l->target, "://") != NULL;
			for (size_t j = 0; j < n && !ok; j++) {
				const char *t = strrchr(l->target, '/');
				t = t ? t + 1 : l->target;
				ok = !strcmp(recs[j]->file, t) || (l->number >= 0 && recs[j]->number == l->number);
			}
			if (!ok)
				diag_add(dl, DIAG_ERROR, r->path, l->line, 1, "link to a missing record: %s",
					 l->target);
		}
		for (size_t k = 0; k < r->nstatuses; k++) {
			if (!strcasecmp(r->statuses[k], "accepted"))
				accepted = 1;
			if (!adr_status_known(r->statuses[k], extra, nextra))
				diag_add(dl, DIAG_WARNING, r->path, r->status_line, 1, "unknown status '%.60s%s'",
					 r->statuses[k], strlen(r->statuses[k]) > 60 ? "..." : "");
		}
		if (superseded && accepted)
			diag_add(dl, DIAG_WARNING, r->path, r->status_line, 1,
				 "superseded but still marked Accepted");
		if (r->date) {
			date d;
			if (date_parse(r->date, &d))
				diag_add(dl, DIAG_WARNING, r->path, r->date_line, r->date_col,
					 "date '%s' is not an ISO date (YYYY-MM-DD)", r->date);
		}
	}
	free(sorted);
}
