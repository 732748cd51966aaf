/* entries/<id>.html: one page per entry. */
#include <stdlib.h>
#include <string.h>

#include "scorecard.h"
#include "site-private.h"

/* Text with blank-line paragraphs, escaped. */
static void paragraphs(strbuf *sb, const char *text)
{
	const char *p = text;
	while (*p) {
		const char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *para = xstrndup(p, n);
		strbuf_puts(sb, "<p>");
		site_escape(sb, para);
		strbuf_puts(sb, "</p>\n");
		free(para);
		p += n;
		while (*p == '\n')
			p++;
	}
}

static void half_points(strbuf *sb, int half)
{
	if (half < 0)
		strbuf_puts(sb, "–");
	else
		strbuf_printf(sb, "%d%s", half / 2, half % 2 ? ".5" : "");
}

static void scorecard(strbuf *sb, const radar_config *cfg, const radar_entry *e)
{
	radar_score s;
	radar_score_compute(&s, cfg, e);
	strbuf_puts(sb, "<h2>Scorecard</h2>\n");
	if (!e->nratings) {
		strbuf_puts(sb, "<p class=\"muted\">Not rated yet.</p>\n");
		radar_score_release(&s);
		return;
	}
	strbuf_puts(sb, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Dimension"
			"</th><th class=\"n\" scope=\"col\">Weight</th><th class=\"n\" scope=\"col\">"
			"Score</th><th class=\"n\" scope=\"col\">Weighted</th><th class=\"n\" "
			"scope=\"col\">Votes</th><th class=\"n\" scope=\"col\">Spread</th></tr></thead>"
			"<tbody>\n");
	for (size_t k = 0; k < cfg->ndimensions; k++) {
		const radar_dim_score *d = &s.dims[k];
		strbuf_puts(sb, "<tr><th scope=\"row\">");
		site_escape(sb, cfg->dimensions[k].name);
		strbuf_printf(sb, "</th><td class=\"n\">%d%%</td><td class=\"n\">",
			      cfg->dimensions[k].weight);
		if (d->votes) {
			site_fixed(sb, d->mean);
			strbuf_puts(sb, "</td><td class=\"n\">");
			site_fixed(sb, d->weighted);
			strbuf_printf(sb, "</td><td class=\"n\">%d</td><td class=\"n\">", d->votes);
			frac_format_fixed(sb, d->spread, 1);
			if (d->disagreement)
				strbuf_puts(sb, " <span class=\"flag\">disagreement</span>");
		} else {
			strbuf_puts(sb, "–</td><td class=\"n\">–</td><td class=\"n\">0</td>"
					"<td class=\"n\">–");
		}
		strbuf_puts(sb, "</td></tr>\n");
	}
	strbuf_puts(sb, "</tbody><tfoot><tr><th scope=\"row\">Total</th><td></td><td></td>"
			"<td class=\"n\"><strong>");
	if (s.scored)
		site_fixed(sb, s.total);
	else
		strbuf_puts(sb, "–");
	strbuf_puts(sb, "</strong></td><td></td><td></td></tr></tfoot></table></div>\n"
			"<dl class=\"facts\">");
	strbuf_puts(sb, "<dt>Scorecard ring</dt><dd>");
	site_escape(sb, s.scored ? site_ring_name(cfg, s.ring) : "not fully scored");
	if (s.mismatch) {
		strbuf_puts(sb, " <span class=\"flag\">differs from the declared ring (");
		site_escape(sb, site_ring_name(cfg, s.declared));
		strbuf_puts(sb, ")</span>");
	}
	strbuf_puts(sb, "</dd>");
	if (s.scored) {
		strbuf_puts(sb, "<dt>Next ring in</dt><dd>");
		if (s.has_up) {
			strbuf_puts(sb, "+");
			site_fixed(sb, s.to_up);
		} else {
			strbuf_puts(sb, "none (innermost ring)");
		}
		strbuf_puts(sb, "</dd><dt>Above its threshold</dt><dd>");
		if (s.has_down)
			site_fixed(sb, s.to_down);
		else
			strbuf_puts(sb, "none (outermost ring)");
		strbuf_puts(sb, "</dd>");
	}
	strbuf_puts(sb, "<dt>Raters</dt><dd>");
	for (size_t i = 0; i < s.nraters; i++) {
		if (i)
			strbuf_puts(sb, ", ");
		site_escape(sb, s.raters[i]);
	}
	strbuf_puts(sb, "</dd></dl>\n<h3>Score blocks</h3>\n<div class=\"table-wrap\"><table>"
			"<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">By</th>");
	for (size_t k = 0; k < cfg->ndimensions; k++) {
		strbuf_puts(sb, "<th class=\"n\" scope=\"col\">");
		site_escape(sb, cfg->dimensions[k].name);
		strbuf_puts(sb, "</th>");
	}
	strbuf_puts(sb, "<th scope=\"col\">Note</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < e->nratings; i++) {
		const radar_rating *rt = &e->ratings[i];
		char d[11];
		date_format(rt->when, d);
		strbuf_printf(sb, "<tr><td>%s</td><td>", d);
		site_escape(sb, rt->by);
		strbuf_puts(sb, "</td>");
		for (size_t k = 0; k < cfg->ndimensions; k++) {
			strbuf_puts(sb, "<td class=\"n\">");
			half_points(sb, rt->half[k]);
			strbuf_puts(sb, "</td>");
		}
		strbuf_puts(sb, "<td>");
		site_escape(sb, rt->note);
		strbuf_puts(sb, "</td></tr>\n");
	}
	strbuf_puts(sb, "</tbody></table></div>\n");
	radar_score_release(&s);
}

static void hist_state(strbuf *sb, const radar_config *cfg, const radar_hist_state *st)
{
	strbuf_puts(sb, "<td>");
	site_escape(sb, st->placement >= 0 ? site_ring_name(cfg, st->placement) : "–");
	strbuf_puts(sb, "</td><td class=\"n\">");
	if (st->scored)
		site_fixed(sb, st->total);
	else
		strbuf_puts(sb, "–");
	strbuf_puts(sb, "</td>");
}

static void ring_history(strbuf *sb, const site_input *in, const radar_entry *e)
{
	const radar_history *h = in->history;
	size_t *mine = NULL, nmine = 0, cap = 0;
	int any = 0;

	strbuf_puts(sb, "<h2>Ring history</h2>\n");
	if (!h) {
		strbuf_puts(sb, "<p class=\"muted\">Not in a Git repository: no history.</p>\n");
		return;
	}
	/* The entry as it is now, and every id it had before renames. */
	for (size_t i = 0; i < h->n; i++)
		if (!strcmp(h->events[i].id, e->id)) {
			size_t k = 0;
			while (k < nmine && mine[k] != h->events[i].entry)
				k++;
			if (k == nmine) {
				GROW(mine, cap, nmine + 1);
				mine[nmine++] = h->events[i].entry;
			}
		}
	for (size_t i = 0; i < h->n; i++) {
		const radar_hist_event *ev = &h->events[i];
		char d[11];
		size_t k = 0;
		while (k < nmine && mine[k] != ev->entry)
			k++;
		if (k == nmine)
			continue;
		if (!any++)
			strbuf_puts(sb, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">"
					"Date</th><th scope=\"col\">Change</th><th scope=\"col\">Ring"
					"</th><th class=\"n\" scope=\"col\">Total</th><th scope=\"col\">"
					"Commit</th><th scope=\"col\">Author</th></tr></thead><tbody>\n");
		date_format(ev->by->day, d);
		strbuf_printf(sb, "<tr><td>%s</td><td>%s", d, radar_hist_kind_name(ev->kind));
		if (ev->kind == HIST_RENAMED && ev->old_id) {
			strbuf_puts(sb, " from ");
			site_escape(sb, ev->old_id);
		}
		if (ev->kind == HIST_MOVED && ev->before.placement >= 0) {
			strbuf_puts(sb, " from ");
			site_escape(sb, site_ring_name(in->rd->cfg, ev->before.placement));
		}
		strbuf_puts(sb, "</td>");
		hist_state(sb, in->rd->cfg, &ev->after);
		strbuf_printf(sb, "<td><code>%.10s</code></td><td>", ev->by->id);
		site_escape(sb, ev->by->author);
		strbuf_puts(sb, "</td></tr>\n");
	}
	if (any)
		strbuf_puts(sb, "</tbody></table></div>\n");
	else
		strbuf_puts(sb, "<p class=\"muted\">No committed change yet.</p>\n");
	free(mine);
}

static void decisions(strbuf *sb, const site_input *in, const radar_entry *e)
{
	strbuf_puts(sb, "<h2>Decisions</h2>\n");
	if (!e->nadrs) {
		strbuf_puts(sb, "<p class=\"muted\">No linked ADRs.</p>\n");
		return;
	}
	strbuf_puts(sb, "<ul>\n");
	for (size_t i = 0; i < e->nadrs; i++) {
		const adr_record *rec = in->adrs ? adr_log_find(in->adrs, e->adrs[i]) : NULL;
		const char *status = rec ? adr_record_status(rec) : NULL;
		if (!rec) {
			strbuf_printf(sb, "<li>ADR %ld <span class=\"muted\">(not found)</span></li>\n",
				      e->adrs[i]);
			continue;
		}
		{
			char *file = site_adr_file(rec);
			strbuf_printf(sb, "<li><a href=\"../adr/%s\">%ld. ", file, rec->number);
			site_escape(sb, rec->title ? rec->title : rec->file);
			strbuf_puts(sb, "</a> <span class=\"status\">");
			site_escape(sb, status ? status : "no status");
			strbuf_puts(sb, "</span></li>\n");
			free(file);
		}
	}
	strbuf_puts(sb, "</ul>\n");
}

static void judgments(strbuf *sb, const site_input *in, const radar_entry *e)
{
	const radar *rd = in->rd;
	int any = 0;
	strbuf_puts(sb, "<h2>Judgments</h2>\n");
	for (size_t i = 0; i < rd->njudgments; i++) {
		const radar_judgment *j = rd->judgments[i];
		char d[11], due[11];
		if (!j->subject || strcmp(j->subject, e->id))
			continue;
		if (!any++)
			strbuf_puts(sb, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">"
					"Date</th><th scope=\"col\">By</th><th scope=\"col\">Decision"
					"</th><th scope=\"col\">Prediction</th><th class=\"n\" "
					"scope=\"col\">Confidence</th><th scope=\"col\">Review on</th>"
					"<th scope=\"col\">Outcome</th></tr></thead><tbody>\n");
		date_format(j->when, d);
		date_format(j->review_on, due);
		strbuf_printf(sb, "<tr><td>%s</td><td>", d);
		site_escape(sb, j->by);
		strbuf_puts(sb, "</td><td>");
		site_escape(sb, j->decision);
		if (j->basis) {
			strbuf_puts(sb, "<br><span class=\"muted\">");
			site_escape(sb, j->basis);
			strbuf_puts(sb, "</span>");
		}
		strbuf_puts(sb, "</td><td>");
		site_escape(sb, j->predicted_ring >= 0 ? site_ring_name(rd->cfg, j->predicted_ring) : "–");
		strbuf_puts(sb, "</td><td class=\"n\">");
		if (j->has_confidence)
			site_fixed(sb, j->confidence);
		else
			strbuf_puts(sb, "–");
		strbuf_printf(sb, "</td><td>%s</td><td>%s", due,
			      j->verdict == VERDICT_NONE ? "open" : radar_verdict_name(j->verdict));
		if (j->outcome_note) {
			strbuf_puts(sb, ": ");
			site_escape(sb, j->outcome_note);
		}
		strbuf_puts(sb, "</td></tr>\n");
	}
	if (any)
		strbuf_puts(sb, "</tbody></table></div>\n");
	else
		strbuf_puts(sb, "<p class=\"muted\">No judgments about this entry.</p>\n");
}

static void entry_page(site *s, const site_input *in, const radar_entry *e)
{
	const radar_config *cfg = in->rd->cfg;
	char *file = site_entry_file(e->id);
	strbuf path = STRBUF_INIT;
	strbuf *sb;
	radar_score sc;
	layout_marker marker = LAYOUT_MARK_NONE;

	for (size_t i = 0; i < in->lin->nentries; i++)
		if (!strcmp(in->lin->entries[i].id, e->id))
			marker = in->lin->entries[i].marker;
	strbuf_printf(&path, "entries/%s", file);
	sb = site_add(s, path.buf);
	radar_score_compute(&sc, cfg, e);
	site_page_begin(sb, in, "../", e->name, NAV_ENTRY);
	strbuf_puts(sb, "<p><a href=\"../index.html#legend\">← The radar</a></p>\n<h1>");
	site_escape(sb, e->name);
	strbuf_puts(sb, "</h1>\n<dl class=\"facts\"><dt>Quadrant</dt><dd>");
	site_escape(sb, e->quadrant >= 0 ? cfg->quadrants[e->quadrant].name : "unknown");
	strbuf_puts(sb, "</dd><dt>Ring</dt><dd><strong>");
	site_escape(sb, site_ring_name(cfg, sc.placement));
	strbuf_puts(sb, "</strong>");
	if (sc.declared >= 0)
		strbuf_puts(sb, " (declared)");
	else if (sc.placement >= 0)
		strbuf_puts(sb, " (by the scorecard)");
	if (marker != LAYOUT_MARK_NONE) {
		strbuf_printf(sb, " <span class=\"mark %s\">%s</span>", layout_marker_name(marker),
			      marker == LAYOUT_MARK_NEW ? "new" :
			      marker == LAYOUT_MARK_MOVED_IN ? "moved in" : "moved out");
		if (in->since) {
			strbuf_puts(sb, " since ");
			site_escape(sb, in->since);
		}
	}
	strbuf_puts(sb, "</dd>");
	if (e->ntags) {
		strbuf_puts(sb, "<dt>Tags</dt><dd>");
		for (size_t i = 0; i < e->ntags; i++) {
			if (i)
				strbuf_puts(sb, ", ");
			site_escape(sb, e->tags[i]);
		}
		strbuf_puts(sb, "</dd>");
	}
	for (size_t i = 0; i < e->nlinks; i++) {
		strbuf_puts(sb, i ? "<dd>" : "<dt>Links</dt><dd>");
		site_ext_link(sb, e->links[i]);
		strbuf_puts(sb, "</dd>");
	}
	strbuf_puts(sb, "<dt>File</dt><dd><code>");
	site_escape(sb, e->path);
	strbuf_puts(sb, "</code></dd></dl>\n");
	if (e->description && *e->description) {
		strbuf_puts(sb, "<h2>Description</h2>\n");
		paragraphs(sb, e->description);
	}
	scorecard(sb, cfg, e);
	ring_history(sb, in, e);
	decisions(sb, in, e);
	judgments(sb, in, e);
	site_page_end(sb, in);
	radar_score_release(&sc);
	strbuf_free(&path);
	free(file);
	s->entry_pages++;
}

void site_entries(site *s, const site_input *in)
{
	for (size_t i = 0; i < in->rd->nentries; i++)
		entry_page(s, in, in->rd->entries[i]);
}
