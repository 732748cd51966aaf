/* adr/: the ADR log and one page per ADR, the Markdown through cmark-gfm (safe mode). */
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>

#include "site-private.h"

/* A URL with a scheme ("https:", "mailto:"), protocol-relative, or a fragment: not ours to map. */
static int external_url(const char *url)
{
	const char *p = url;
	if (!*url || *url == '#' || !strncmp(url, "//", 2))
		return 1;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
	       *p == '+' || *p == '-' || *p == '.')
		p++;
	return p != url && *p == ':';
}

/* Replaces a node by its children (a link by its text, an image by its alt text). */
static void unwrap(cmark_node *n)
{
	cmark_node *child;
	while ((child = cmark_node_first_child(n)))
		cmark_node_insert_before(n, child);
	cmark_node_free(n);
}

void site_markdown(strbuf *out, const char *md, size_t len, int drop_h1,
		   site_link_resolver resolve, void *ctx)
{
	static const char *const exts[] = { "table", "strikethrough", "autolink" };
	const int opts = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8; /* never CMARK_OPT_UNSAFE */
	cmark_parser *p;
	cmark_node *doc, *first, **links = NULL;
	cmark_iter *it;
	cmark_event_type ev;
	size_t nlinks = 0, cap = 0;
	char *html;

	/* A YAML front matter block (MADR) is metadata, shown apart. */
	if (len >= 4 && !strncmp(md, "---", 3) && (md[3] == '\n' || md[3] == '\r')) {
		const char *q = md + 3;
		while ((q = memchr(q, '\n', len - (size_t)(q - md)))) {
			q++;
			if ((size_t)(md + len - q) >= 3 && !strncmp(q, "---", 3) &&
			    (q + 3 == md + len || q[3] == '\n' || q[3] == '\r')) {
				q += 3;
				len -= (size_t)(q - md);
				md = q;
				break;
			}
		}
	}
	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(opts);
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	first = cmark_node_first_child(doc);
	if (drop_h1 && first && cmark_node_get_type(first) == CMARK_NODE_HEADING &&
	    cmark_node_get_heading_level(first) == 1)
		cmark_node_free(first);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE)) {
			GROW(links, cap, nlinks + 1);
			links[nlinks++] = n;
		}
	}
	cmark_iter_free(it);
	/* Innermost first, so that unwrapping never frees a node still listed. */
	for (size_t i = nlinks; i-- > 0;) {
		cmark_node *n = links[i];
		const char *url = cmark_node_get_url(n);
		char *mapped = NULL;
		if (url && external_url(url) && cmark_node_get_type(n) == CMARK_NODE_LINK)
			continue;
		if (url && cmark_node_get_type(n) == CMARK_NODE_LINK && resolve)
			mapped = resolve(ctx, url);
		if (mapped)
			cmark_node_set_url(n, mapped);
		else
			unwrap(n); /* nothing on the site to point at; images are not copied */
		free(mapped);
	}
	free(links);
	html = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p));
	strbuf_puts(out, html);
	cmark_get_default_mem_allocator()->free(html);
	cmark_node_free(doc);
	cmark_parser_free(p);
}

/* "0003-use-x.md", "./0003-use-x.md#status", "../adr/0003-use-x.md": the ADR's page. */
static char *resolve_adr(void *ctx, const char *url)
{
	const adr_log *log = ctx;
	const char *base = strrchr(url, '/');
	size_t n;
	base = base ? base + 1 : url;
	n = strcspn(base, "#?");
	for (size_t i = 0; i < log->n; i++)
		if (strlen(log->recs[i]->file) == n && !strncmp(log->recs[i]->file, base, n))
			return site_adr_file(log->recs[i]);
	return NULL;
}

static void adr_ref(strbuf *sb, const adr_record *rec, const char *root)
{
	char *file = site_adr_file(rec);
	strbuf_printf(sb, "<a href=\"%s%s\">", root, file);
	if (rec->number >= 0)
		strbuf_printf(sb, "%ld. ", rec->number);
	site_escape(sb, rec->title ? rec->title : rec->file);
	strbuf_puts(sb, "</a>");
	free(file);
}

static int links_to(const adr_record *rec, long number)
{
	for (size_t i = 0; i < rec->nlinks; i++)
		if (rec->links[i].number == number)
			return 1;
	return 0;
}

/* Links both ways: what this record says, and what others say about it. */
static void relations(strbuf *sb, const adr_log *log, size_t idx)
{
	const adr_record *rec = log->recs[idx];
	/* Links by number point at the first record with that number. */
	int any = 0, first = rec->number >= 0 && adr_log_find(log, rec->number) == rec;

	for (size_t i = 0; i < rec->nlinks; i++) {
		const adr_link *ln = &rec->links[i];
		const adr_record *to = ln->number >= 0 ? adr_log_find(log, ln->number) : NULL;
		strbuf_puts(sb, any++ ? "<li>" : "<h2>Links</h2>\n<ul class=\"relations\"><li>");
		site_escape(sb, ln->type);
		strbuf_puts(sb, " ");
		if (to)
			adr_ref(sb, to, "");
		else
			site_escape(sb, ln->title ? ln->title : ln->target);
		strbuf_puts(sb, "</li>\n");
	}
	/* The other side of a link is shown even when only one file records it. */
	for (size_t j = 0; j < log->n && first; j++) {
		const adr_record *from = log->recs[j];
		if (j == idx)
			continue;
		for (size_t i = 0; i < from->nlinks; i++) {
			const adr_link *ln = &from->links[i];
			const char *kind;
			if (ln->number != rec->number || links_to(rec, from->number))
				continue;
			kind = adr_link_is_superseded_by(ln->type) ? "Supersedes" :
			       adr_link_is_supersedes(ln->type) ? "Superseded by" : NULL;
			strbuf_puts(sb, any++ ? "<li>" : "<h2>Links</h2>\n<ul class=\"relations\"><li>");
			if (kind) {
				strbuf_printf(sb, "%s ", kind);
			} else {
				strbuf_puts(sb, "Linked from ");
			}
			adr_ref(sb, from, "");
			if (!kind) {
				strbuf_puts(sb, " (“");
				site_escape(sb, ln->type);
				strbuf_puts(sb, "”)");
			}
			strbuf_puts(sb, "</li>\n");
			break;
		}
	}
	if (any)
		strbuf_puts(sb, "</ul>\n");
}

static void people(strbuf *sb, const char *what, char **names, size_t n)
{
	if (!n)
		return;
	strbuf_printf(sb, "<dt>%s</dt><dd>", what);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_puts(sb, ", ");
		site_escape(sb, names[i]);
	}
	strbuf_puts(sb, "</dd>");
}

static void adr_page(site *s, const site_input *in, size_t idx)
{
	const adr_log *log = in->adrs;
	const adr_record *rec = log->recs[idx];
	const char *status = adr_record_status(rec);
	char *file = site_adr_file(rec);
	strbuf path = STRBUF_INIT, title = STRBUF_INIT;
	strbuf *sb;
	int cited = 0;

	strbuf_printf(&path, "adr/%s", file);
	sb = site_add(s, path.buf);
	if (rec->number >= 0)
		strbuf_printf(&title, "%ld. ", rec->number);
	strbuf_puts(&title, rec->title ? rec->title : rec->file);
	site_page_begin(sb, in, "../", title.buf, NAV_ADR);
	strbuf_puts(sb, "<p><a href=\"index.html\">← All decisions</a></p>\n<h1>");
	site_escape(sb, title.buf);
	strbuf_puts(sb, "</h1>\n<dl class=\"facts\"><dt>Status</dt><dd class=\"status\">");
	if (rec->nstatuses) {
		for (size_t i = 0; i < rec->nstatuses; i++) {
			if (i)
				strbuf_puts(sb, "; ");
			site_escape(sb, rec->statuses[i]);
		}
	} else {
		site_escape(sb, status ? status : "no status");
	}
	strbuf_puts(sb, "</dd>");
	if (rec->date) {
		strbuf_puts(sb, "<dt>Date</dt><dd>");
		site_escape(sb, rec->date);
		strbuf_puts(sb, "</dd>");
	}
	people(sb, "Decision makers", rec->deciders, rec->ndeciders);
	people(sb, "Consulted", rec->consulted, rec->nconsulted);
	people(sb, "Informed", rec->informed, rec->ninformed);
	if (rec->review_on) {
		strbuf_puts(sb, "<dt>Review on</dt><dd>");
		site_escape(sb, rec->review_on);
		strbuf_puts(sb, "</dd>");
	}
	if (rec->outcome_verdict) {
		strbuf_puts(sb, "<dt>Outcome</dt><dd>");
		site_escape(sb, rec->outcome_verdict);
		if (rec->outcome_note) {
			strbuf_puts(sb, ": ");
			site_escape(sb, rec->outcome_note);
		}
		strbuf_puts(sb, "</dd>");
	}
	strbuf_puts(sb, "<dt>File</dt><dd><code>");
	site_escape(sb, rec->path);
	strbuf_printf(sb, "</code> (%s)</dd></dl>\n",
		      rec->format == ADR_MADR ? "MADR" : "adr-tools");
	relations(sb, log, idx);
	for (size_t i = 0; i < in->rd->nentries; i++) {
		const radar_entry *e = in->rd->entries[i];
		for (size_t k = 0; k < e->nadrs; k++) {
			char *ef;
			if (e->adrs[k] != rec->number)
				continue;
			ef = site_entry_file(e->id);
			strbuf_puts(sb, cited++ ? "<li>" : "<h2>On the radar</h2>\n<ul><li>");
			strbuf_printf(sb, "<a href=\"../entries/%s\">", ef);
			site_escape(sb, e->name);
			strbuf_puts(sb, "</a></li>\n");
			free(ef);
			break;
		}
	}
	if (cited)
		strbuf_puts(sb, "</ul>\n");
	strbuf_puts(sb, "<article class=\"adr-body\">\n");
	if (in->adr_texts && in->adr_texts[idx])
		site_markdown(sb, in->adr_texts[idx], in->adr_lens[idx], 1, resolve_adr, (void *)log);
	else
		strbuf_puts(sb, "<p class=\"muted\">The file could not be read.</p>\n");
	strbuf_puts(sb, "</article>\n");
	site_page_end(sb, in);
	strbuf_free(&path);
	strbuf_free(&title);
	free(file);
	s->adr_pages++;
}

void site_adrs(site *s, const site_input *in)
{
	const adr_log *log = in->adrs;
	strbuf *sb = site_add(s, "adr/index.html");

	site_page_begin(sb, in, "../", "Decisions", NAV_ADR);
	strbuf_puts(sb, "<h1>Architecture decisions</h1>\n");
	if (!log || !log->n) {
		strbuf_puts(sb, "<p class=\"muted\">No ADRs in this repository.</p>\n");
		site_page_end(sb, in);
		return;
	}
	strbuf_printf(sb, "<p class=\"muted\">%zu records in <code>", log->n);
	site_escape(sb, log->dir);
	strbuf_puts(sb, "</code>.</p>\n<div class=\"table-wrap\"><table><thead><tr>"
			"<th class=\"n\" scope=\"col\">No.</th><th scope=\"col\">Title</th>"
			"<th scope=\"col\">Status</th><th scope=\"col\">Date</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < log->n; i++) {
		const adr_record *rec = log->recs[i];
		const char *status = adr_record_status(rec);
		char *file = site_adr_file(rec);
		strbuf_puts(sb, "<tr><td class=\"n\">");
		if (rec->number >= 0)
			strbuf_printf(sb, "%ld", rec->number);
		strbuf_printf(sb, "</td><td><a href=\"%s\">", file);
		site_escape(sb, rec->title ? rec->title : rec->file);
		strbuf_puts(sb, "</a></td><td class=\"status\">");
		site_escape(sb, status ? status : "–");
		strbuf_puts(sb, "</td><td>");
		site_escape(sb, rec->date ? rec->date : "–");
		strbuf_puts(sb, "</td></tr>\n");
		free(file);
	}
	strbuf_puts(sb, "</tbody></table></div>\n");
	site_page_end(sb, in);
	for (size_t i = 0; i < log->n; i++)
		adr_page(s, in, i);
}
