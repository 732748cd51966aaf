/* index.html: the radar picture with a link over every blip, the filter box, the legend. */
#include <stdlib.h>
#include <string.h>

#include "site-private.h"

static const char *marker_text(layout_marker m)
{
	switch (m) {
	case LAYOUT_MARK_NEW: return "new";
	case LAYOUT_MARK_MOVED_IN: return "moved in";
	case LAYOUT_MARK_MOVED_OUT: return "moved out";
	default: return NULL;
	}
}

/* The words the filter box matches: name, id, tags, ring, quadrant, marker. */
static void search_text(strbuf *sb, const radar_config *cfg, const radar_entry *e,
			const layout_entry *le)
{
	strbuf t = STRBUF_INIT;
	strbuf_printf(&t, "%s %s", le->name, le->id);
	if (e)
		for (size_t i = 0; i < e->ntags; i++)
			strbuf_printf(&t, " %s", e->tags[i]);
	strbuf_printf(&t, " %s %s %s %s", cfg->rings[le->ring].id, cfg->rings[le->ring].name,
		      cfg->quadrants[le->quadrant].id, cfg->quadrants[le->quadrant].name);
	if (marker_text(le->marker))
		strbuf_printf(&t, " %s", marker_text(le->marker));
	site_escape(sb, t.buf);
	strbuf_free(&t);
}

static void marker_badge(strbuf *sb, layout_marker m)
{
	if (marker_text(m))
		strbuf_printf(sb, "<span class=\"mark %s\">%s</span>", layout_marker_name(m),
			      marker_text(m));
}

/* The cairo SVG without its XML declaration, ready to stand inside HTML. */
static void inline_svg(strbuf *sb, const char *svg, size_t len)
{
	const char *p = svg, *end = svg + len;
	if (len > 5 && !strncmp(p, "<?xml", 5)) {
		const char *q = strstr(p, "?>");
		if (q)
			p = q + 2;
	}
	while (p < end && (*p == '\n' || *p == '\r' || *p == ' '))
		p++;
	strbuf_add(sb, p, (size_t)(end - p));
}

static void blip_overlay(strbuf *sb, const site_input *in)
{
	const layout *l = in->l;
	const radar_config *cfg = in->rd->cfg;

	strbuf_printf(sb, "<svg class=\"blips\" xmlns=\"http://www.w3.org/2000/svg\" "
			  "viewBox=\"0 0 %.0f %.0f\" role=\"group\" aria-label=\"Blips\">\n",
		      l->width, l->height);
	for (size_t i = 0; i < l->nblips; i++) {
		const layout_blip *b = &l->blips[i];
		const layout_entry *le = &in->lin->entries[b->entry];
		const radar_entry *e = radar_find(in->rd, le->id);
		char *file = site_entry_file(le->id);
		const char *anchor = b->x < l->width * 0.15 ? "start" :
				     b->x > l->width * 0.85 ? "end" : "middle";
		double ty = b->y - b->r - 8 < 24 ? b->y + b->r + 24 : b->y - b->r - 8;

		strbuf_printf(sb, "<a class=\"blip\" id=\"blip-%d\" href=\"entries/%s\" data-search=\"",
			      b->number, file);
		search_text(sb, cfg, e, le);
		strbuf_printf(sb, "\" aria-label=\"%d. ", b->number);
		site_escape(sb, le->name);
		strbuf_puts(sb, ", ");
		site_escape(sb, cfg->rings[b->ring].name);
		strbuf_puts(sb, ", ");
		site_escape(sb, cfg->quadrants[b->quadrant].name);
		if (marker_text(b->marker))
			strbuf_printf(sb, ", %s", marker_text(b->marker));
		strbuf_printf(sb, "\"><title>%d. ", b->number);
		site_escape(sb, le->name);
		strbuf_printf(sb, "</title><circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\"/>"
				  "<text class=\"tip\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\">",
			      b->x, b->y, b->r + 2, b->x, ty, anchor);
		site_escape(sb, le->name);
		strbuf_puts(sb, "</text></a>\n");
		free(file);
	}
	strbuf_puts(sb, "</svg>\n");
}

static void legend(strbuf *sb, const site_input *in)
{
	const layout *l = in->l;
	const radar_config *cfg = in->rd->cfg;

	strbuf_puts(sb, "<div class=\"legend\" id=\"legend\">\n");
	for (size_t q = 0; q < cfg->nquadrants; q++) {
		strbuf_puts(sb, "<section aria-labelledby=\"q-");
		site_escape(sb, cfg->quadrants[q].id);
		strbuf_puts(sb, "\"><h2 id=\"q-");
		site_escape(sb, cfg->quadrants[q].id);
		strbuf_puts(sb, "\">");
		site_escape(sb, cfg->quadrants[q].name);
		strbuf_puts(sb, "</h2>\n");
		for (size_t rg = 0; rg < cfg->nrings; rg++) {
			int any = 0;
			for (size_t i = 0; i < l->nblips; i++) {
				const layout_blip *b = &l->blips[i];
				const layout_entry *le = &in->lin->entries[b->entry];
				char *file;
				if (b->quadrant != (int)q || b->ring != (int)rg)
					continue;
				if (!any++) {
					strbuf_puts(sb, "<div class=\"ring\"><h3>");
					site_escape(sb, cfg->rings[rg].name);
					strbuf_puts(sb, "</h3><ol>\n");
				}
				file = site_entry_file(le->id);
				strbuf_puts(sb, "<li data-search=\"");
				search_text(sb, cfg, radar_find(in->rd, le->id), le);
				strbuf_printf(sb, "\"><a href=\"entries/%s\"><span class=\"num\">%d</span>",
					      file, b->number);
				site_escape(sb, le->name);
				strbuf_puts(sb, "</a>");
				marker_badge(sb, b->marker);
				strbuf_puts(sb, "</li>\n");
				free(file);
			}
			if (any)
				strbuf_puts(sb, "</ol></div>\n");
		}
		strbuf_puts(sb, "</section>\n");
	}
	strbuf_puts(sb, "</div>\n");
}

void site_index(site *s, const site_input *in)
{
	strbuf *sb = site_add(s, "index.html");
	const radar *rd = in->rd;
	size_t counts[4] = { 0 }, unplaced = 0;

	site_page_begin(sb, in, "", in->title, NAV_RADAR);
	strbuf_puts(sb, "<h1>");
	site_escape(sb, in->title);
	strbuf_puts(sb, "</h1>\n<p class=\"edition\">");
	site_escape(sb, in->edition);
	strbuf_puts(sb, "</p>\n");
	for (size_t i = 0; i < in->l->nblips; i++)
		counts[in->l->blips[i].marker]++;
	if (in->since) {
		strbuf_puts(sb, "<p class=\"markers\">Since ");
		site_escape(sb, in->since);
		strbuf_printf(sb, ": %zu new<span class=\"mark new\" aria-hidden=\"true\">new</span>, "
				  "%zu moved in<span class=\"mark moved_in\" aria-hidden=\"true\">moved in"
				  "</span>, %zu moved out<span class=\"mark moved_out\" aria-hidden=\"true\">"
				  "moved out</span>. The key on the picture "
				  "shows how each is marked.</p>\n",
			      counts[LAYOUT_MARK_NEW], counts[LAYOUT_MARK_MOVED_IN],
			      counts[LAYOUT_MARK_MOVED_OUT]);
	}
	strbuf_puts(sb, "<form class=\"filter\" id=\"filter-form\" role=\"search\" hidden>"
			"<label for=\"filter\">Filter</label>"
			"<input id=\"filter\" type=\"search\" autocomplete=\"off\" "
			"placeholder=\"name, tag, ring or quadrant\" aria-describedby=\"filter-count\">"
			"<output id=\"filter-count\" aria-live=\"polite\"></output></form>\n");
	strbuf_puts(sb, "<figure class=\"radar-picture\" aria-label=\"The radar\">\n");
	if (in->svg)
		inline_svg(sb, in->svg, in->svg_len);
	blip_overlay(sb, in);
	strbuf_puts(sb, "</figure>\n");
	legend(sb, in);
	for (size_t i = 0; i < rd->nentries; i++) {
		int placed = 0;
		for (size_t k = 0; k < in->lin->nentries && !placed; k++)
			placed = !strcmp(in->lin->entries[k].id, rd->entries[i]->id);
		if (placed)
			continue;
		if (!unplaced++)
			strbuf_puts(sb, "<section><h2>Not on the picture</h2><p class=\"muted\">No ring "
					"declared and not fully scored yet.</p><ul>\n");
		{
			char *file = site_entry_file(rd->entries[i]->id);
			strbuf_printf(sb, "<li><a href=\"entries/%s\">", file);
			site_escape(sb, rd->entries[i]->name);
			strbuf_puts(sb, "</a></li>\n");
			free(file);
		}
	}
	if (unplaced)
		strbuf_puts(sb, "</ul></section>\n");
	site_page_end(sb, in);
}
