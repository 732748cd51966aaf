#ifndef RENDER_BENCH_BASELINE_DRAW_H
#define RENDER_BENCH_BASELINE_DRAW_H
/*
 * The render benchmark's baseline: the least any radar picture costs with
 * cairo and pango. N filled circles (a golden-angle disc in the middle) and N
 * one-line labels ("12 Tech 0012", in columns on both sides), on a painted
 * background, encoded as a PNG into memory. No layout, no measuring, no
 * numbers inside the circles, no rings. Same font family and font options
 * (unhinted, unrounded glyph positions) as renderer/draw.c.
 */
#include <stddef.h>

#include <pango/pangocairo.h>

typedef struct baseline_png {
	unsigned char *buf;
	size_t len, cap;
} baseline_png;

/*
 * Draws the baseline on a w x h canvas with `n` circles and `n` labels and
 * appends the PNG's bytes to out (free out->buf). 0, or -1 with a message on
 * stderr.
 */
int baseline_draw(PangoFontMap *fm, int n, int w, int h, baseline_png *out);

#endif
