/* The render benchmark's baseline drawing (see baseline-draw.h). cairo and pango only. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "baseline-draw.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* renderer/draw.c's family list */
#define FONT_FAMILY "DejaVu Sans, Noto Sans, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	baseline_png *b = closure;
	if (b->len + len > b->cap) {
		size_t cap = b->cap ? b->cap : 65536;
		unsigned char *p;
		while (cap < b->len + len)
			cap *= 2;
		if (!(p = realloc(b->buf, cap)))
			return CAIRO_STATUS_NO_MEMORY;
		b->buf = p;
		b->cap = cap;
	}
	memcpy(b->buf + b->len, data, len);
	b->len += len;
	return CAIRO_STATUS_SUCCESS;
}

int baseline_draw(PangoFontMap *fm, int n, int w, int h, baseline_png *out)
{
	static const double colours[4][3] = { { 0.10, 0.60, 0.45 }, { 0.85, 0.40, 0.10 },
					      { 0.25, 0.40, 0.85 }, { 0.80, 0.10, 0.40 } };
	cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cairo_t *cr = cairo_create(surface);
	cairo_font_options_t *fo = cairo_font_options_create();
	PangoContext *ctx = pango_font_map_create_context(fm);
	PangoLayout *pl;
	PangoFontDescription *fd = pango_font_description_from_string(FONT_FAMILY);
	double s = w / 1920.0 < h / 1080.0 ? w / 1920.0 : h / 1080.0;
	double cx = w / 2.0, cy = h / 2.0, radius = h * 0.45, br = 13.0 * s, px = 15.0 * s;
	double line = 18.0 * s, top = 90.0 * s, colw = 190.0 * s;
	int rows = (int)((h - top - 20 * s) / line), per_side;
	cairo_status_t status;
	char text[64];

	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_update_context(cr, ctx);
	pango_cairo_context_set_font_options(ctx, fo);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	pl = pango_layout_new(ctx);
	pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
	pango_layout_set_font_description(pl, fd);
	pango_layout_set_single_paragraph_mode(pl, TRUE);

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	/* n plain circles, spread over a disc (golden angle), four colours */
	for (int i = 0; i < n; i++) {
		double r = (radius - br) * sqrt((i + 0.5) / n), a = i * 2.399963229728653;
		cairo_new_path(cr);
		cairo_arc(cr, cx + r * cos(a), cy + r * sin(a), br, 0, 2 * M_PI);
		cairo_set_source_rgb(cr, colours[i % 4][0], colours[i % 4][1], colours[i % 4][2]);
		cairo_fill(cr);
	}
	/* n one-line labels in columns, half left of the disc and half right of it */
	if (rows < 1)
		rows = 1;
	per_side = (n + 1) / 2;
	cairo_set_source_rgb(cr, 0.12, 0.14, 0.18);
	for (int i = 0; i < n; i++) {
		int side = i >= per_side, k = side ? i - per_side : i;
		double x = side ? cx + radius + 30 * s + (k / rows) * colw
				: 30 * s + (k / rows) * colw;
		double y = top + (k % rows) * line;
		snprintf(text, sizeof(text), "%d Tech %04d", i + 1, i);
		pango_layout_set_text(pl, text, -1);
		cairo_move_to(cr, x, y);
		pango_cairo_show_layout(cr, pl);
	}
	g_object_unref(pl);
	g_object_unref(ctx);
	pango_font_description_free(fd);
	cairo_font_options_destroy(fo);
	cairo_destroy(cr);
	status = cairo_surface_write_to_png_stream(surface, to_buf, out);
	cairo_surface_destroy(surface);
	if (status) {
		fprintf(stderr, "baseline: cairo: %s\n", cairo_status_to_string(status));
		return -1;
	}
	return 0;
}
