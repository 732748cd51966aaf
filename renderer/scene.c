/* From a radar to the layout's input: presets, placements, markers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene.h"
#include "scorecard.h"
#include "util/repo.h"

static const struct preset {
	const char *name;
	double w, h, dpi;
} presets[] = {
	{ "slide-16x9", 1920, 1080, 96 },
	{ "slide-4x3", 1600, 1200, 96 },
	{ "a4", 3508, 2480, 300 }, /* A4 landscape at 300 dpi: the PDF page is exactly A4 */
};

const char *render_presets(void)
{
	return "slide-16x9 (1920x1080), slide-4x3 (1600x1200), a4 (landscape, 3508x2480 at 300 dpi)";
}

int render_canvas_parse(render_canvas *out, const char *preset, const char *size, strbuf *err)
{
	memset(out, 0, sizeof(*out));
	if (preset && size) {
		strbuf_puts(err, "give --preset or --size, not both");
		return -1;
	}
	if (size) {
		char *end;
		long w = strtol(size, &end, 10), h;
		if (end == size || (*end != 'x' && *end != 'X')) {
			strbuf_printf(err, "--size '%s' is not WIDTHxHEIGHT (e.g. 1920x1080)", size);
			return -1;
		}
		h = strtol(end + 1, &end, 10);
		if (*end || w < 320 || h < 240 || w > 16000 || h > 16000) {
			strbuf_printf(err, "--size '%s': give WIDTHxHEIGHT in pixels, from 320x240 to "
					   "16000x16000", size);
			return -1;
		}
		out->width = (double)w;
		out->height = (double)h;
		out->dpi = 96;
		return 0;
	}
	if (!preset)
		preset = presets[0].name;
	for (size_t i = 0; i < sizeof(presets) / sizeof(presets[0]); i++)
		if (!strcmp(presets[i].name, preset)) {
			out->width = presets[i].w;
			out->height = presets[i].h;
			out->dpi = presets[i].dpi;
			out->preset = presets[i].name;
			return 0;
		}
	strbuf_printf(err, "unknown preset '%s' (presets: %s)", preset, render_presets());
	return -1;
}

/* The entry's ring at an earlier edition, as an index into the current rings; -1 if absent. */
static int ring_then(const radar *rd, const radar *since, const radar_entry *e)
{
	for (size_t i = 0; i < since->nentries; i++) {
		const radar_entry *old = since->entries[i];
		radar_score s;
		int ring = -1;
		if (strcmp(old->id, e->id))
			continue;
		radar_score_compute(&s, since->cfg, old);
		if (s.placement >= 0)
			ring = radar_config_find_ring(rd->cfg, since->cfg->rings[s.placement].id);
		radar_score_release(&s);
		return ring;
	}
	return -1;
}

void render_scene_init(render_scene *sc, const radar *rd, const radar *since,
		       const render_canvas *cv, const char *title, const char *edition)
{
	const radar_config *cfg = rd->cfg;

	memset(sc, 0, sizeof(*sc));
	sc->entries = xcalloc(rd->nentries + 1, sizeof(*sc->entries));
	sc->quadrant_names = xcalloc(cfg->nquadrants + 1, sizeof(char *));
	sc->ring_names = xcalloc(cfg->nrings + 1, sizeof(char *));
	for (size_t q = 0; q < cfg->nquadrants; q++)
		sc->quadrant_names[q] = cfg->quadrants[q].name ? cfg->quadrants[q].name : cfg->quadrants[q].id;
	for (size_t k = 0; k < cfg->nrings; k++)
		sc->ring_names[k] = cfg->rings[k].name ? cfg->rings[k].name : cfg->rings[k].id;
	for (size_t i = 0; i < rd->nentries; i++) {
		const radar_entry *e = rd->entries[i];
		layout_entry *le = &sc->entries[sc->in.nentries];
		radar_score s;
		radar_score_compute(&s, cfg, e);
		if (s.placement < 0 || e->quadrant < 0) {
			sc->unplaced++;
			radar_score_release(&s);
			continue;
		}
		le->id = e->id;
		le->name = e->name && *e->name ? e->name : e->id;
		le->quadrant = e->quadrant;
		le->ring = s.placement;
		if (since) {
			int then = ring_then(rd, since, e);
			if (then < 0)
				le->marker = LAYOUT_MARK_NEW;
			else if (then > s.placement)
				le->marker = LAYOUT_MARK_MOVED_IN;
			else if (then < s.placement)
				le->marker = LAYOUT_MARK_MOVED_OUT;
			if (le->marker)
				sc->counts[le->marker - 1]++;
		}
		sc->in.nentries++;
		radar_score_release(&s);
	}
	sc->in.width = cv->width;
	sc->in.height = cv->height;
	sc->in.title = title;
	sc->in.edition = edition;
	sc->in.quadrant_names = sc->quadrant_names;
	sc->in.nquadrants = cfg->nquadrants;
	sc->in.ring_names = sc->ring_names;
	sc->in.nrings = cfg->nrings;
	sc->in.entries = sc->entries;
	sc->in.key = since != NULL;
}

void render_scene_release(render_scene *sc)
{
	free(sc->entries);
	free(sc->quadrant_names);
	free(sc->ring_names);
	memset(sc, 0, sizeof(*sc));
}

int render_load_at(radar **out, const char *dir, const char *rev, diag_list *dl, strbuf *err)
{
	repo *r = NULL;
	int rc = -1;

	*out = NULL;
	if (repo_open(&r, dir, rev, err))
		goto cleanup;
	if (radar_load(out, r, 0, dl, err))
		goto cleanup;
	rc = 0;
cleanup:
	repo_free(r);
	return rc;
}
