/* Drawing a layout with cairo and pango: PNG, SVG, PDF. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "draw.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define FONT_FAMILY "DejaVu Sans, Noto Sans, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"

struct render_measurer {
	PangoFontMap *fm;
	PangoContext *ctx;
	PangoLayout *pl;
	PangoFontDescription *fd;
	cairo_font_options_t *fo;
};

int render_format_from_path(const char *path, render_format *out)
{
	const char *dot = strrchr(path, '.');
	if (!dot || strchr(dot, '/'))
		return -1;
	if (!strcasecmp(dot, ".png"))
		*out = RENDER_PNG;
	else if (!strcasecmp(dot, ".svg"))
		*out = RENDER_SVG;
	else if (!strcasecmp(dot, ".pdf"))
		*out = RENDER_PDF;
	else
		return -1;
	return 0;
}

const char *render_format_name(render_format f)
{
	return f == RENDER_PNG ? "PNG" : f == RENDER_SVG ? "SVG" : "PDF";
}

int render_measurer_new(render_measurer **out, strbuf *err)
{
	render_measurer *m = xcalloc(1, sizeof(*m));

	*out = NULL;
	m->fm = pango_cairo_font_map_new();
	if (!m->fm) {
		strbuf_puts(err, "pango: no font map (is fontconfig installed?)");
		free(m);
		return -1;
	}
	m->ctx = pango_font_map_create_context(m->fm);
	/* unhinted, unrounded: extents scale with the size and match every surface */
	m->fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(m->fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(m->fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(m->fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(m->ctx, m->fo);
	pango_context_set_round_glyph_positions(m->ctx, FALSE);
	m->pl = pango_layout_new(m->ctx);
	m->fd = pango_font_description_from_string(FONT_FAMILY);
	*out = m;
	return 0;
}

void render_measurer_free(render_measurer *m)
{
	if (!m)
		return;
	if (m->fd)
		pango_font_description_free(m->fd);
	if (m->pl)
		g_object_unref(m->pl);
	if (m->ctx)
		g_object_unref(m->ctx);
	if (m->fm)
		g_object_unref(m->fm);
	if (m->fo)
		cairo_font_options_destroy(m->fo);
	free(m);
}

/* Sets up the measurer's layout for a text; its attributes are what drawing uses. */
static void setup(render_measurer *m, PangoLayout *pl, const char *text, size_t nbold, int bold,
		  double px)
{
	PangoAttrList *attrs = pango_attr_list_new();
	pango_font_description_set_absolute_size(m->fd, px * PANGO_SCALE);
	pango_font_description_set_weight(m->fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(pl, m->fd);
	if (nbold && !bold) {
		PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		a->start_index = 0;
		a->end_index = (guint)nbold;
		pango_attr_list_insert(attrs, a);
	}
	pango_layout_set_attributes(pl, attrs);
	pango_attr_list_unref(attrs);
	pango_layout_set_width(pl, -1);
	pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_NONE);
	pango_layout_set_single_paragraph_mode(pl, TRUE);
	pango_layout_set_text(pl, text, -1);
}

void render_measure(void *measurer, const char *text, size_t nbold, int bold, double px,
		    double *w, double *h)
{
	render_measurer *m = measurer;
	PangoRectangle logical;
	setup(m, m->pl, text, nbold, bold, px);
	pango_layout_get_extents(m->pl, NULL, &logical);
	*w = (double)logical.width / PANGO_SCALE;
	*h = (double)logical.height / PANGO_SCALE;
}

/* ---- colours -------------------------------------------------------- */

typedef struct rgb {
	double r, g, b;
} rgb;

typedef struct theme {
	rgb bg, ring_in, ring_out, line, text, muted, blip_text, pill;
	double tint;
} theme;

static rgb hex(unsigned v)
{
	rgb c = { ((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0, (v & 255) / 255.0 };
	return c;
}

static const unsigned palette_light[LAYOUT_MAX_QUADRANTS] = {
	0x1b9e77, 0xd95f02, 0x3867d6, 0xc2185b, 0x7b52c7, 0x5a8f1c, 0xb7860b, 0x00838f,
};
static const unsigned palette_dark[LAYOUT_MAX_QUADRANTS] = {
	0x3cc9a0, 0xff8a3d, 0x6f95ff, 0xf0508a, 0xa785f2, 0x8cc63f, 0xe6b325, 0x26c6da,
};

static void get_theme(int dark, theme *t)
{
	if (dark) {
		t->bg = hex(0x15171c);
		t->ring_in = hex(0x363b46);
		t->ring_out = hex(0x22252d);
		t->line = hex(0x15171c);
		t->text = hex(0xf1f3f6);
		t->muted = hex(0xa3aab6);
		t->blip_text = hex(0x101216);
		t->pill = hex(0x2b2f38);
		t->tint = 0.10;
	} else {
		t->bg = hex(0xffffff);
		t->ring_in = hex(0xdde1e8);
		t->ring_out = hex(0xf3f4f7);
		t->line = hex(0xffffff);
		t->text = hex(0x1d2129);
		t->muted = hex(0x5d6573);
		t->blip_text = hex(0xffffff);
		t->pill = hex(0xffffff);
		t->tint = 0.07;
	}
}

static rgb quad_color(int dark, int q)
{
	return hex((dark ? palette_dark : palette_light)[q % LAYOUT_MAX_QUADRANTS]);
}

static rgb mixc(rgb a, rgb b, double t)
{
	rgb c = { a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t };
	return c;
}

static void set(cairo_t *cr, rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* ---- drawing -------------------------------------------------------- */

typedef struct drawer {
	cairo_t *cr;
	const layout *l;
	const layout_input *in;
	render_measurer *m;
	PangoContext *ctx;
	PangoLayout *pl;
	theme t;
	int dark;
} drawer;

static void text_at(drawer *d, const char *s, size_t nbold, int bold, double px, double x,
		    double y, double maxw, int ellipsize, rgb color, const rgb *prefix)
{
	setup(d->m, d->pl, s, nbold, bold, px);
	if (nbold && prefix) {
		PangoAttrList *al = pango_attr_list_copy(pango_layout_get_attributes(d->pl));
		PangoAttribute *a = pango_attr_foreground_new((guint16)(prefix->r * 65535),
							      (guint16)(prefix->g * 65535),
							      (guint16)(prefix->b * 65535));
		a->start_index = 0;
		a->end_index = (guint)nbold;
		pango_attr_list_insert(al, a);
		pango_layout_set_attributes(d->pl, al);
		pango_attr_list_unref(al);
	}
	if (ellipsize) {
		pango_layout_set_width(d->pl, (int)(maxw * PANGO_SCALE));
		pango_layout_set_ellipsize(d->pl, PANGO_ELLIPSIZE_END);
	}
	set(d->cr, color);
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, d->pl);
}

/* An annular sector between radii r0..r1 and angles a0..a1 (degrees clockwise from 12). */
static void cell_path(drawer *d, double r0, double r1, double a0, double a1)
{
	double s = (a0 - 90) * M_PI / 180, e = (a1 - 90) * M_PI / 180;
	cairo_new_path(d->cr);
	cairo_arc(d->cr, d->l->cx, d->l->cy, r1, s, e);
	if (r0 > 0)
		cairo_arc_negative(d->cr, d->l->cx, d->l->cy, r0, e, s);
	else
		cairo_line_to(d->cr, d->l->cx, d->l->cy);
	cairo_close_path(d->cr);
}

static void draw_rings(drawer *d)
{
	const layout *l = d->l;
	cairo_t *cr = d->cr;
	double s = l->scale;

	for (size_t q = 0; q < l->nsectors; q++) {
		rgb qc = quad_color(d->dark, (int)q);
		for (size_t k = 0; k < l->nrings; k++) {
			double t = l->nrings > 1 ? (double)k / (double)(l->nrings - 1) : 0;
			cell_path(d, l->ring_inner[k], l->ring_outer[k], l->sector_start[q], l->sector_end[q]);
			set(cr, mixc(mixc(d->t.ring_in, d->t.ring_out, t), qc, d->t.tint));
			cairo_fill(cr);
		}
	}
	set(cr, d->t.line);
	cairo_set_line_width(cr, 2.5 * s);
	for (size_t k = 0; k + 1 < l->nrings; k++) {
		cairo_new_path(cr);
		cairo_arc(cr, l->cx, l->cy, l->ring_outer[k], 0, 2 * M_PI);
		cairo_stroke(cr);
	}
	cairo_set_line_width(cr, 5 * s);
	for (size_t q = 0; q < l->nsectors; q++) {
		double x, y;
		layout_polar(l, l->sector_start[q], l->radius + 1, &x, &y);
		cairo_move_to(cr, l->cx, l->cy);
		cairo_line_to(cr, x, y);
		cairo_stroke(cr);
	}
}

/* The arc that marks a moved blip: toward the centre (moved in) or away (out). */
static void marker(drawer *d, double x, double y, double r, double body, layout_marker mk,
		   double toward, rgb c)
{
	cairo_t *cr = d->cr;
	double w = r - body, rr = body + w * 0.62;

	set(cr, c);
	cairo_set_line_width(cr, w * 0.62);
	cairo_new_path(cr);
	if (mk == LAYOUT_MARK_NEW) {
		cairo_arc(cr, x, y, rr, 0, 2 * M_PI);
		cairo_stroke(cr);
	} else if (mk == LAYOUT_MARK_MOVED_IN || mk == LAYOUT_MARK_MOVED_OUT) {
		double a = mk == LAYOUT_MARK_MOVED_IN ? toward : toward + M_PI;
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_arc(cr, x, y, rr, a - 1.15, a + 1.15);
		cairo_stroke(cr);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	}
}

static void draw_blips(drawer *d)
{
	const layout *l = d->l;
	cairo_t *cr = d->cr;

	for (size_t i = 0; i < l->nblips; i++) {
		const layout_blip *b = &l->blips[i];
		rgb qc = quad_color(d->dark, b->quadrant);
		double body = l->has_key ? b->r * 0.74 : b->r, px;
		char num[16];
		PangoRectangle ink, logical;

		cairo_new_path(cr);
		cairo_arc(cr, b->x, b->y, body, 0, 2 * M_PI);
		set(cr, qc);
		cairo_fill(cr);
		if (b->marker)
			marker(d, b->x, b->y, b->r, body, b->marker,
			       atan2(l->cy - b->y, l->cx - b->x), qc);
		snprintf(num, sizeof(num), "%d", b->number);
		px = body * (strlen(num) <= 1 ? 1.05 : strlen(num) == 2 ? 0.95 : strlen(num) == 3 ? 0.72 : 0.56);
		if (px < 3)
			continue; /* too small to read: the colour and the legend say enough */
		setup(d->m, d->pl, num, 0, 1, px);
		pango_layout_get_extents(d->pl, &ink, &logical);
		set(cr, d->t.blip_text);
		cairo_move_to(cr, b->x - (ink.x + ink.width / 2.0) / PANGO_SCALE,
			      b->y - (ink.y + ink.height / 2.0) / PANGO_SCALE);
		pango_cairo_show_layout(cr, d->pl);
	}
}

static void draw_key(drawer *d)
{
	const layout *l = d->l;
	rgb c = d->t.muted;
	for (int i = 0; i < 3; i++) {
		double r = l->key_r, body = r * 0.74;
		cairo_new_path(d->cr);
		cairo_arc(d->cr, l->key_x[i], l->key_y[i], body, 0, 2 * M_PI);
		set(d->cr, c);
		cairo_fill(d->cr);
		/* the centre is below: moved in points down, as on the radar's top half */
		marker(d, l->key_x[i], l->key_y[i], r, body, (layout_marker)(i + 1), M_PI / 2, c);
	}
}

static void draw_labels(drawer *d)
{
	const layout *l = d->l;
	cairo_t *cr = d->cr;

	for (size_t i = 0; i < l->nlabels; i++) {
		const layout_label *lb = &l->labels[i];
		rgb c = d->t.text;
		switch (lb->kind) {
		case LAYOUT_TEXT_EDITION:
		case LAYOUT_TEXT_SUBHEAD:
		case LAYOUT_TEXT_MORE:
		case LAYOUT_TEXT_KEY:
			c = d->t.muted;
			break;
		case LAYOUT_TEXT_QUADRANT:
			c = quad_color(d->dark, lb->quadrant);
			break;
		case LAYOUT_TEXT_RING: {
			double pad = 4 * l->scale, rad = lb->h / 2;
			double t = l->nrings > 1 ? (double)lb->ring / (double)(l->nrings - 1) : 0;
			/* a pill in the ring's colour hides the sector line behind the name */
			cairo_new_path(cr);
			cairo_arc(cr, lb->x - pad + rad, lb->y + rad, rad, M_PI / 2, 3 * M_PI / 2);
			cairo_arc(cr, lb->x + lb->w + pad - rad, lb->y + rad, rad, -M_PI / 2, M_PI / 2);
			cairo_close_path(cr);
			set(cr, mixc(d->t.ring_in, d->t.ring_out, t));
			cairo_fill(cr);
			c = d->t.muted;
			break;
		}
		default:
			break;
		}
		if (lb->kind == LAYOUT_TEXT_ITEM) {
			/* the number in the quadrant's colour, then the name */
			rgb qc = quad_color(d->dark, lb->quadrant);
			text_at(d, lb->text, lb->nbold, 0, lb->px, lb->x, lb->y, lb->w, lb->ellipsized, c,
				&qc);
			continue;
		}
		text_at(d, lb->text, lb->nbold, lb->bold, lb->px, lb->x, lb->y, lb->w, lb->ellipsized, c,
			NULL);
	}
}

static cairo_status_t to_strbuf(void *closure, const unsigned char *data, unsigned int len)
{
	strbuf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* ---- SVG: a title and a searchable layer -------------------------------- */

void render_xml_escape(strbuf *sb, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&': strbuf_puts(sb, "&amp;"); break;
		case '<': strbuf_puts(sb, "&lt;"); break;
		case '>': strbuf_puts(sb, "&gt;"); break;
		case '"': strbuf_puts(sb, "&quot;"); break;
		case '\'': strbuf_puts(sb, "&apos;"); break;
		default:
			if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
				strbuf_puts(sb, "\xef\xbf\xbd"); /* not allowed in XML */
			else if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
				strbuf_puts(sb, "\xef\xbf\xbd"), p += 2; /* U+FFFE, U+FFFF */
			else
				strbuf_putc(sb, (char)*p);
		}
	}
}

static int svg_finish(const layout *l, const layout_input *in, strbuf *svg, strbuf *err)
{
	strbuf add = STRBUF_INIT, out = STRBUF_INIT;
	const char *open = strstr(svg->buf, "<svg"), *gt, *close;
	size_t at;

	if (!open || !(gt = strchr(open, '>')) || !(close = strstr(svg->buf, "</svg>"))) {
		strbuf_puts(err, "cairo wrote an SVG without an <svg> element");
		return -1;
	}
	at = (size_t)(gt + 1 - svg->buf);
	strbuf_add(&out, svg->buf, at);
	strbuf_puts(&out, "\n<title>");
	render_xml_escape(&out, in->title && *in->title ? in->title : "Technology radar");
	if (in->edition && *in->edition) {
		strbuf_puts(&out, " — ");
		render_xml_escape(&out, in->edition);
	}
	strbuf_puts(&out, "</title>");
	strbuf_add(&out, gt + 1, (size_t)(close - gt - 1));
	/* invisible but searchable and selectable: the texts where they are drawn */
	strbuf_puts(&out, "<g id=\"radar-text\" fill-opacity=\"0\" stroke=\"none\" "
			  "font-family=\"DejaVu Sans, sans-serif\">\n");
	for (size_t i = 0; i < l->nlabels; i++) {
		const layout_label *lb = &l->labels[i];
		strbuf_printf(&out, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\">", lb->x,
			      lb->y + lb->h * 0.78, lb->px);
		render_xml_escape(&out, lb->text);
		strbuf_puts(&out, "</text>\n");
	}
	for (size_t i = 0; i < l->nblips; i++) {
		const layout_blip *b = &l->blips[i];
		const layout_entry *e = &in->entries[b->entry];
		const char *mk = layout_marker_name(b->marker);
		strbuf_printf(&out, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\"><title>%d. ", b->x, b->y,
			      b->r, b->number);
		render_xml_escape(&out, e->name && *e->name ? e->name : e->id);
		strbuf_puts(&out, " (");
		render_xml_escape(&out, in->ring_names[b->ring]);
		strbuf_puts(&out, ", ");
		render_xml_escape(&out, in->quadrant_names[b->quadrant]);
		if (mk)
			strbuf_printf(&out, ", %s", mk);
		strbuf_puts(&out, ")</title></circle>\n");
	}
	strbuf_puts(&out, "</g>\n");
	strbuf_puts(&out, close);
	strbuf_free(svg);
	*svg = out;
	strbuf_free(&add);
	return 0;
}

int render_draw(const layout *l, const layout_input *in, const render_style *st,
		render_measurer *m, render_format fmt, strbuf *out, strbuf *err)
{
	cairo_surface_t *surface = NULL;
	cairo_t *cr = NULL;
	strbuf buf = STRBUF_INIT;
	drawer d;
	double pt = 72.0 / (st->dpi > 0 ? st->dpi : 96.0);
	int rc = -1, w = (int)ceil(l->width), h = (int)ceil(l->height);
	cairo_status_t status;

	memset(&d, 0, sizeof(d));
	if (fmt == RENDER_PNG) {
		surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	} else if (fmt == RENDER_SVG) {
		surface = cairo_svg_surface_create_for_stream(to_strbuf, &buf, w, h);
		cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
		cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX);
	} else {
		surface = cairo_pdf_surface_create_for_stream(to_strbuf, &buf, l->width * pt,
							      l->height * pt);
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
					       in->title && *in->title ? in->title : "Technology radar");
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "radar render");
	}
	if ((status = cairo_surface_status(surface))) {
		strbuf_printf(err, "cairo: %s", cairo_status_to_string(status));
		goto cleanup;
	}
	cr = cairo_create(surface);
	if (fmt == RENDER_PDF)
		cairo_scale(cr, pt, pt);
	d.cr = cr;
	d.l = l;
	d.in = in;
	d.m = m;
	d.dark = st->dark;
	get_theme(st->dark, &d.t);
	d.ctx = pango_font_map_create_context(m->fm);
	pango_cairo_update_context(cr, d.ctx);
	pango_cairo_context_set_font_options(d.ctx, m->fo);
	pango_context_set_round_glyph_positions(d.ctx, FALSE);
	d.pl = pango_layout_new(d.ctx);

	set(cr, d.t.bg);
	cairo_paint(cr);
	draw_rings(&d);
	draw_blips(&d);
	if (l->has_key)
		draw_key(&d);
	draw_labels(&d);
	g_object_unref(d.pl);
	g_object_unref(d.ctx);

	cairo_destroy(cr);
	cr = NULL;
	if (fmt == RENDER_PNG)
		status = cairo_surface_write_to_png_stream(surface, to_strbuf, &buf);
	else
		cairo_surface_finish(surface), status = cairo_surface_status(surface);
	if (status) {
		strbuf_printf(err, "cairo: %s", cairo_status_to_string(status));
		goto cleanup;
	}
	if (fmt == RENDER_SVG && svg_finish(l, in, &buf, err))
		goto cleanup;
	strbuf_add(out, buf.buf, buf.len);
	rc = 0;
cleanup:
	if (cr)
		cairo_destroy(cr);
	if (surface)
		cairo_surface_destroy(surface);
	strbuf_free(&buf);
	return rc;
}
