#ifndef RADAR_RENDER_CLI_H
#define RADAR_RENDER_CLI_H
/*
 * What `radar render` and `radar layout` share: loading the radar (and the
 * --since edition), the canvas options, measuring with pango, the layout.
 */
#include "cli.h"
#include "renderer/draw.h"
#include "renderer/layout.h"
#include "renderer/scene.h"

typedef struct render_job {
	repo *r;
	radar *rd, *since;
	diag_list dl, since_dl;
	render_canvas cv;
	render_scene sc;
	render_measurer *m;
	layout *l;
	char *edition;
	int data_errors;   /* the radar read had errors (already printed) */
} render_job;

/* The options both commands take; each command's table starts with these. */
#define RENDER_CLI_OPTIONS                                                                     \
	{ "preset", 0, "P", "slide-16x9 (1920x1080, default), slide-4x3 (1600x1200), a4" },  \
	{ "size", 0, "WxH", "canvas size in pixels instead of a preset (e.g. 2560x1440)" },     \
	{ "title", 0, "TEXT", "the title (default: title in .radar.yml)" },                     \
	{ "edition", 0, "TEXT", "the edition under the title (default: the release tag, else today)" },  \
	{ "since", 0, "REV", "mark entries new, moved in or out since REV (default: last edition)" }

/*
 * Loads, measures and lays out the radar. Returns EXIT_OK, or the exit
 * status after printing why. Notes about crowding go to stderr.
 */
int render_cli_prepare(cli_ctx *c, const cli_args *a, render_job *job);
/* The same, loading the radar with radar_load's `flags` (RADAR_LOAD_JUDGMENTS). */
int render_cli_prepare_flags(cli_ctx *c, const cli_args *a, render_job *job, unsigned flags);
void render_cli_release(render_job *job);

#endif
