#ifndef RADAR_SITE_H
#define RADAR_SITE_H
/*
 * `radar publish`: the radar as a static web site that works from file:// and
 * from any web server, with nothing fetched at view time.
 *
 *   index.html            the radar (inline SVG with a link over every blip),
 *                         a filter box, the legend, the edition and markers
 *   entries/<id>.html     one page per entry: description, scorecard, ring
 *                         history, linked ADRs, judgments
 *   adr/index.html        the ADR log; adr/<file stem>.html one page per ADR
 *                         (Markdown through cmark-gfm, safe mode), with its
 *                         status and supersede links both ways
 *   accuracy.html         how often past judgments turned out right
 *   site.css, site.js     the only assets (no framework, no CDN); every page
 *                         reads fully without JavaScript
 *
 * Every user string is escaped; links from data are kept only for http,
 * https and mailto (and ADR-relative links that name another ADR).
 * site_build is pure (no I/O): it makes the files in memory; site_write puts
 * them on disk atomically.
 */
#include <stddef.h>

#include "accuracy.h"
#include "adr/load.h"
#include "history.h"
#include "layout.h"
#include "radar.h"
#include "util/strbuf.h"

/* One line of an accuracy breakdown (by source, person, quadrant). */
typedef struct site_accuracy_row {
	const char *group;     /* "source", "person", "quadrant" */
	const char *label;
	radar_accuracy acc;
} site_accuracy_row;

typedef struct site_input {
	const radar *rd;               /* entries and judgments */
	const char *title;
	const char *edition;           /* the edition line under the title */
	const char *since;             /* the edition markers compare with; NULL: none */
	const layout *l;               /* the picture's geometry (blips, canvas size) */
	const layout_input *lin;       /* what it was computed from (l->blips[i].entry) */
	const char *svg;               /* the radar drawn as SVG (cairo), for l */
	size_t svg_len;
	const radar_history *history;  /* ring history; NULL outside Git */
	const adr_log *adrs;           /* NULL or empty: no ADRs */
	const char *const *adr_texts;  /* the Markdown of adrs->recs[i]; entries may be NULL */
	const size_t *adr_lens;
	const radar_accuracy *accuracy; /* everything reviewable, as of `as_of` */
	const site_accuracy_row *acc_rows;
	size_t nacc_rows;
	const char *as_of;             /* "2026-11-29" */
} site_input;

typedef struct site_file {
	char *path;                    /* relative: "entries/mojo.html" */
	strbuf data;
} site_file;

typedef struct site {
	site_file *files;
	size_t n, cap;
	size_t entry_pages, adr_pages;
} site;

/* Makes every page in memory. -1 with a message in err on failure. */
int site_build(site **out, const site_input *in, strbuf *err);
void site_free(site *s);

/*
 * Writes the site to `dir` atomically: everything goes to a fresh folder
 * beside dir, which then takes dir's place in one rename (the old site, if
 * any, is removed afterwards). An existing dir is replaced only when it is
 * empty or an earlier site (it holds the .radar-site marker): anything else
 * is refused, so a mistyped -o never deletes someone's files.
 */
int site_write(const site *s, const char *dir, strbuf *err);

/* The file name of an entry's page inside entries/: "mojo.html". Caller frees. */
char *site_entry_file(const char *id);

/* Appends s, escaped for HTML text and double-quoted attributes. */
void site_escape(strbuf *sb, const char *s);

/*
 * Renders ADR Markdown to HTML with cmark-gfm (table, strikethrough,
 * autolink; the default safe options: raw HTML and dangerous URLs dropped).
 * Relative links to `*.md` files that `resolve` maps to a page are rewritten
 * to it; other relative links and images become their text. A YAML front
 * matter block is left out, and with `drop_h1` a level-1 heading that opens
 * the text (the page shows the title itself). Appends to out.
 */
typedef char *(*site_link_resolver)(void *ctx, const char *url);
void site_markdown(strbuf *out, const char *md, size_t len, int drop_h1,
		   site_link_resolver resolve, void *ctx);

#endif
