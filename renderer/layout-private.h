#ifndef RADAR_LAYOUT_PRIVATE_H
#define RADAR_LAYOUT_PRIVATE_H
/* Shared between layout.c (the radar) and legend.c (the legends); not public. */
#include "layout.h"

typedef struct text {
	double w, h; /* at LAYOUT_MEASURE_PX */
} text;

typedef struct builder {
	const layout_input *in;
	layout *l;
	size_t cap;
	double s; /* scale against 1920x1080 */
} builder;

void layout__measure(const builder *b, const char *s, size_t nbold, int bold, text *t);
layout_label *layout__add_label(builder *b, const char *s, layout_text_kind kind, double px,
				double x, double y, double w, double h);
/* Lays out every quadrant's legend between top and bottom, in columns lw wide. */
void layout__place_legends(builder *b, double top, double bottom, double lw);

#endif
