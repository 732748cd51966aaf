#include "scorecard.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

int radar_ring_for_total(const radar_config *cfg, frac total)
{
	for (size_t i = 0; i + 1 < cfg->nrings; i++)
		if (frac_cmp(total, cfg->rings[i].threshold) >= 0)
			return (int)i;
	return (int)cfg->nrings - 1;
}

/* Whether rating a is newer than b: a later date, or the same date later in the file. */
static int newer(const radar_rating *a, const radar_rating *b)
{
	int c = date_cmp(a->when, b->when);
	return c > 0 || (c == 0 && a->order > b->order);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void radar_score_compute(radar_score *out, const radar_config *cfg,
			 const radar_entry *e)
{
	const radar_rating **latest = xcalloc(e->nratings ? e->nratings : 1, sizeof(*latest));

	memset(out, 0, sizeof(*out));
	out->ndims = cfg->ndimensions;
	out->dims = xcalloc(cfg->ndimensions, sizeof(*out->dims));
	out->ring = -1;
	out->declared = e->ring;

	/* Raters, each once. */
	out->raters = xcalloc(e->nratings ? e->nratings : 1, sizeof(char *));
	for (size_t i = 0; i < e->nratings; i++) {
		size_t j;
		for (j = 0; j < out->nraters; j++)
			if (!strcmp(out->raters[j], e->ratings[i].by))
				break;
		if (j == out->nraters)
			out->raters[out->nraters++] = e->ratings[i].by;
	}
	qsort(out->raters, out->nraters, sizeof(char *), cmp_str);
	for (size_t i = 0; i < out->nraters; i++)
		out->raters[i] = xstrdup(out->raters[i]);

	out->scored = cfg->ndimensions > 0;
	out->total = frac_make(0, 1);
	for (size_t d = 0; d < cfg->ndimensions; d++) {
		radar_dim_score *ds = &out->dims[d];
		int sum = 0, lo = 0, hi = 0;

		/* Each rater's latest vote on this dimension. */
		for (size_t r = 0; r < out->nraters; r++) {
			latest[r] = NULL;
			for (size_t i = 0; i < e->nratings; i++) {
				const radar_rating *rt = &e->ratings[i];
				if (rt->half[d] < 0 || strcmp(rt->by, out->raters[r]))
					continue;
				if (!latest[r] || newer(rt, latest[r]))
					latest[r] = rt;
			}
			if (!latest[r])
				continue;
			int v = latest[r]->half[d];
			if (!ds->votes || v < lo)
				lo = v;
			if (!ds->votes || v > hi)
				hi = v;
			sum += v;
			ds->votes++;
		}
		if (!ds->votes) {
			out->scored = 0;
			continue;
		}
		ds->mean = frac_make(sum, 2 * ds->votes);
		ds->weighted = frac_mul(ds->mean, frac_make(cfg->dimensions[d].weight, 100));
		ds->spread = frac_make(hi - lo, 2);
		ds->disagreement = hi - lo >= 4;
		out->ndisagreements += ds->disagreement;
		out->total = frac_add(out->total, ds->weighted);
	}
	free(latest);

	if (out->scored) {
		out->ring = radar_ring_for_total(cfg, out->total);
		if (out->ring > 0) {
			out->has_up = 1;
			out->to_up = frac_sub(cfg->rings[out->ring - 1].threshold, out->total);
		}
		if ((size_t)out->ring + 1 < cfg->nrings) {
			out->has_down = 1;
			out->to_down = frac_sub(out->total, cfg->rings[out->ring].threshold);
		}
	}
	out->placement = e->ring >= 0 ? e->ring : out->ring;
	out->mismatch = e->ring >= 0 && out->ring >= 0 && e->ring != out->ring;
}

void radar_score_release(radar_score *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nraters; i++)
		free(s->raters[i]);
	free(s->raters);
	free(s->dims);
	memset(s, 0, sizeof(*s));
}
