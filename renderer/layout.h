#ifndef RADAR_LAYOUT_H
#define RADAR_LAYOUT_H
/*
 * The radar's picture as geometry: where every ring, sector, blip and text
 * box goes on a canvas of a given size, in output pixels (origin top-left,
 * y down; angles in degrees clockwise from 12 o'clock).
 *
 * Pure and deterministic: no cairo, no I/O, no clock. Text is measured
 * through a callback so that the caller can use pango while the tests use a
 * fake. The same input gives the same coordinates, bit for bit.
 *
 * Placement: each blip starts from a point derived from a hash of its id
 * inside its cell (quadrant sector x ring band), then overlapping blips push
 * each other apart and are projected back into their cell. An entry that did
 * not change keeps its spot when others come and go, unless one lands on it
 * (a local nudge). Every blip's whole circle stays inside its cell, with a
 * gap to the cell's edges, so blips of different cells never overlap. When a
 * cell cannot hold its blips at the requested size, every blip of the image
 * is shrunk (layout->shrunk says so); blips never overlap.
 */
#include <stddef.h>

#include "util/strbuf.h"

#define LAYOUT_MIN_QUADRANTS 2
#define LAYOUT_MAX_QUADRANTS 8
#define LAYOUT_MIN_RINGS 2
#define LAYOUT_MAX_RINGS 6
/* The font size at which the layout asks for text extents (then scales). */
#define LAYOUT_MEASURE_PX 100.0

typedef enum layout_marker {
	LAYOUT_MARK_NONE = 0,
	LAYOUT_MARK_NEW,
	LAYOUT_MARK_MOVED_IN,
	LAYOUT_MARK_MOVED_OUT,
} layout_marker;

/*
 * Measures `text` at a font size of `px` pixels (the first `nbold` bytes in
 * bold, or the whole text when `bold`); sets its logical width and height.
 * Extents must scale linearly with px (unhinted metrics).
 */
typedef void (*layout_measure_fn)(void *ctx, const char *text, size_t nbold, int bold,
				  double px, double *w, double *h);

typedef struct layout_entry {
	const char *id;    /* seeds the position */
	const char *name;  /* the legend text */
	int quadrant;      /* 0 .. nquadrants-1 */
	int ring;          /* 0 .. nrings-1, innermost first */
	layout_marker marker;
} layout_entry;

typedef struct layout_input {
	double width, height;
	const char *title;     /* may be NULL or empty */
	const char *edition;   /* shown under the title; may be NULL */
	const char *const *quadrant_names;
	size_t nquadrants;
	const char *const *ring_names;
	size_t nrings;
	const layout_entry *entries;
	size_t nentries;
	int key;               /* show the key explaining markers */
	layout_measure_fn measure;
	void *measure_ctx;
} layout_input;

typedef enum layout_text_kind {
	LAYOUT_TEXT_TITLE,
	LAYOUT_TEXT_EDITION,
	LAYOUT_TEXT_RING,      /* a ring's name on the radar */
	LAYOUT_TEXT_QUADRANT,  /* a quadrant's legend heading */
	LAYOUT_TEXT_SUBHEAD,   /* a ring's name inside a quadrant's legend */
	LAYOUT_TEXT_ITEM,      /* "12 Name" in a legend */
	LAYOUT_TEXT_MORE,      /* "+ 7 more" when a legend cannot list everything */
	LAYOUT_TEXT_KEY,       /* the marker key's words */
} layout_text_kind;

typedef struct layout_label {
	char *text;
	size_t nbold;          /* bytes of text drawn in bold (the number of an item) */
	int bold;              /* the whole text in bold */
	layout_text_kind kind;
	double x, y, w, h;     /* top-left corner and size of the box */
	double px;             /* font size */
	int ellipsized;        /* the text is wider than w: draw it ellipsized to w */
	int quadrant, ring;    /* -1 when not about one */
	long blip;             /* index into blips for items, else -1 */
	layout_marker marker;  /* for key words: which marker they explain */
} layout_label;

typedef struct layout_blip {
	size_t entry;          /* index into the input's entries */
	int number;            /* 1.., in legend order */
	int quadrant, ring;
	layout_marker marker;
	double x, y, r;        /* r bounds everything drawn for the blip */
} layout_blip;

typedef struct layout {
	double width, height;
	double cx, cy, radius;
	size_t nrings, nsectors;
	double ring_inner[LAYOUT_MAX_RINGS], ring_outer[LAYOUT_MAX_RINGS];
	double sector_start[LAYOUT_MAX_QUADRANTS], sector_end[LAYOUT_MAX_QUADRANTS]; /* degrees */
	layout_blip *blips;    /* in number order */
	size_t nblips;
	layout_label *labels;
	size_t nlabels;
	double scale;          /* canvas scale against 1920x1080 */
	double blip_r;         /* the radius every blip got */
	double blip_r_wanted;  /* the radius asked for at this canvas size */
	int shrunk;            /* blip_r < blip_r_wanted: some cell was crowded */
	int crowded_quadrant, crowded_ring; /* the fullest cell, when shrunk */
	size_t crowded_count;
	size_t hidden;         /* legend items that did not fit ("+ N more") */
	int has_key;
	double key_x[3], key_y[3], key_r; /* the key's symbols: new, moved in, moved out */
} layout;

/* Computes the layout; -1 with a message in err on bad input. */
int layout_compute(layout **out, const layout_input *in, strbuf *err);
void layout_free(layout *l);

/* Point on the canvas at `deg` clockwise from 12 o'clock and distance rho from the centre. */
void layout_polar(const layout *l, double deg, double rho, double *x, double *y);

/* "new", "moved_in", "moved_out" or NULL. */
const char *layout_marker_name(layout_marker m);

/* 64-bit FNV-1a of a string: the seed of a blip. */
unsigned long long layout_hash(const char *s);

#endif
