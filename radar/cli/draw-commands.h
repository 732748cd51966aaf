#ifndef RADAR_DRAW_COMMANDS_H
#define RADAR_DRAW_COMMANDS_H
/*
 * The commands that draw (cairo, pango) or publish (cmark-gfm) live in a
 * second program, radar-draw, as git keeps its helpers in libexec: loading
 * those libraries costs every other command ~8 ms of start-up. `radar`
 * lists them and hands such a command line, unchanged, to radar-draw.
 * Their one-line summaries are shared here so both programs say the same.
 */
#define RADAR_SUMMARY_RENDER "draw the radar as a PNG, SVG or PDF image (slides, pages, print)"
#define RADAR_SUMMARY_LAYOUT "the computed picture as data: rings, sectors, blips and text boxes in pixels"
#define RADAR_SUMMARY_PUBLISH "write a static site: interactive radar, entry pages, ADR log, accuracy"
#define RADAR_SUMMARY_REVIEW "write the quarterly review pack: review.md and the radar image"

#endif
