#ifndef RADAR_SCENE_H
#define RADAR_SCENE_H
/*
 * From a loaded radar to the layout's input: canvas presets, which entries
 * are drawn (those with a placement), and the markers against an earlier
 * edition of the radar (new, moved in, moved out).
 */
#include "layout.h"
#include "radar.h"
#include "util/diag.h"
#include "util/strbuf.h"

typedef struct render_canvas {
	double width, height;
	double dpi;          /* for PDF page sizes: a4 is 300 dpi, the rest 96 */
	const char *preset;  /* NULL with --size */
} render_canvas;

/*
 * The canvas from --preset (slide-16x9, the default; slide-4x3; a4, landscape)
 * or --size WxH. -1 with a message when unknown or out of range.
 */
int render_canvas_parse(render_canvas *out, const char *preset, const char *size, strbuf *err);
/* "slide-16x9 (1920x1080), slide-4x3 (1600x1200), a4 (3508x2480)" */
const char *render_presets(void);

typedef struct render_scene {
	layout_input in;
	layout_entry *entries;
	const char **quadrant_names, **ring_names;
	size_t unplaced;     /* entries with neither a declared nor a scorecard ring */
	size_t counts[3];    /* new, moved in, moved out */
} render_scene;

/*
 * Fills sc->in from `rd`; `since` (may be NULL) is the radar at the earlier
 * revision the markers compare with. Strings point into rd; the measurer is
 * left for the caller.
 */
void render_scene_init(render_scene *sc, const radar *rd, const radar *since,
		       const render_canvas *cv, const char *title, const char *edition);
void render_scene_release(render_scene *sc);

/*
 * Loads the radar as it was at `rev` (the --since revision) in the repository
 * containing `dir`. Problems in its files go to dl; -1 when the repository or
 * the revision cannot be read.
 */
int render_load_at(radar **out, const char *dir, const char *rev, diag_list *dl, strbuf *err);

#endif
