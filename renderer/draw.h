#ifndef RADAR_DRAW_H
#define RADAR_DRAW_H
/*
 * Drawing a computed layout with cairo and pango: PNG, SVG or PDF into a
 * buffer (the caller writes the file). Text goes through pango, so any
 * script renders with the system's fonts (DejaVu, Noto, WenQuanYi...).
 */
#include "layout.h"
#include "util/strbuf.h"

typedef enum render_format { RENDER_PNG, RENDER_SVG, RENDER_PDF } render_format;

/* The format named by a file's extension (.png, .svg, .pdf, any case); -1 if none. */
int render_format_from_path(const char *path, render_format *out);
const char *render_format_name(render_format f);

/*
 * Measures text with pango exactly as drawing will lay it out (unhinted
 * metrics, unrounded positions), for layout_input.measure.
 */
typedef struct render_measurer render_measurer;
int render_measurer_new(render_measurer **out, strbuf *err);
void render_measurer_free(render_measurer *m);
void render_measure(void *measurer, const char *text, size_t nbold, int bold, double px,
		    double *w, double *h);

typedef struct render_style {
	int dark;          /* the dark theme */
	double dpi;        /* pixels per inch: PDF pages are width*72/dpi points */
} render_style;

/*
 * Draws the layout (computed from `in`) in `fmt` and appends the file's bytes
 * to `out`. SVG gets a <title>, and an invisible layer of the texts and of
 * each blip's name as <title>, so that the image is searchable.
 */
int render_draw(const layout *l, const layout_input *in, const render_style *st,
		render_measurer *m, render_format fmt, strbuf *out, strbuf *err);

/* Appends s to sb, escaped for XML text and attributes. */
void render_xml_escape(strbuf *sb, const char *s);

#endif
