#include "accuracy.h"

#include <math.h>
#include <string.h>

#include "radar.h"
#include "util/strbuf.h"

void radar_wilson(double successes, double n, double *lo, double *hi)
{
	const double z = 1.96;
	double p, denom, centre, margin;

	if (n <= 0) {
		*lo = 0;
		*hi = 1;
		return;
	}
	p = successes / n;
	denom = 1 + z * z / n;
	centre = p + z * z / (2 * n);
	margin = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n));
	*lo = (centre - margin) / denom;
	*hi = (centre + margin) / denom;
	if (*lo < 0)
		*lo = 0;
	if (*hi > 1)
		*hi = 1;
}

int radar_accuracy_selects(const radar_accuracy_filter *f, const radar_review_item *it)
{
	if (f->has_since && date_cmp(it->when, f->since) < 0)
		return 0;
	if (f->has_until && date_cmp(it->when, f->until) > 0)
		return 0;
	if (f->by && (!it->by || strcmp(f->by, it->by)))
		return 0;
	return 1;
}

static double outcome_value(radar_verdict v)
{
	return v == VERDICT_CORRECT ? 1.0 : v == VERDICT_PARTIAL ? 0.5 : 0.0;
}

void radar_accuracy_compute(radar_accuracy *out, const radar_review_item *items, size_t n,
			    const radar_accuracy_filter *f,
			    int (*keep)(const radar_review_item *, const void *), const void *arg)
{
	double brier = 0, conf_sum = 0, conf_outcome = 0;
	double bucket_conf[10] = { 0 }, bucket_outcome[10] = { 0 };
	size_t bucket_n[10] = { 0 };

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		const radar_review_item *it = &items[i];
		if (!radar_accuracy_selects(f, it) || (keep && !keep(it, arg)))
			continue;
		out->total++;
		if (it->verdict == VERDICT_NONE) {
			if (date_cmp(it->due, f->as_of) <= 0)
				out->overdue++;
			else
				out->open++;
			continue;
		}
		out->reviewed++;
		out->correct += it->verdict == VERDICT_CORRECT;
		out->partial += it->verdict == VERDICT_PARTIAL;
		out->incorrect += it->verdict == VERDICT_INCORRECT;
		if (it->has_confidence) {
			double o = outcome_value(it->verdict), c = it->confidence;
			int b = c >= 1.0 ? 9 : (int)(c * 10);
			if (b < 0)
				b = 0;
			out->scored++;
			brier += (c - o) * (c - o);
			conf_sum += c;
			conf_outcome += o;
			bucket_n[b]++;
			bucket_conf[b] += c;
			bucket_outcome[b] += o;
		}
	}
	if (out->reviewed) {
		double good = out->correct + 0.5 * out->partial;
		out->has_accuracy = 1;
		out->accuracy = good / out->reviewed;
		radar_wilson(good, out->reviewed, &out->wilson_lo, &out->wilson_hi);
	}
	out->too_few = out->reviewed < RADAR_ACCURACY_MIN_REVIEWED;
	if (out->wilson_lo > RADAR_ACCURACY_TARGET)
		out->target = 1;
	else if (out->has_accuracy && out->wilson_hi < RADAR_ACCURACY_TARGET)
		out->target = 0;
	else
		out->target = -1;
	if (out->scored) {
		out->has_brier = 1;
		out->brier = brier / out->scored;
		out->overconfidence = (conf_sum - conf_outcome) / out->scored;
	}
	for (int b = 0; b < 10; b++) {
		radar_calibration_bucket *k;
		if (!bucket_n[b])
			continue;
		k = &out->buckets[out->nbuckets++];
		k->lo = b / 10.0;
		k->hi = (b + 1) / 10.0;
		k->n = bucket_n[b];
		k->mean_confidence = bucket_conf[b] / bucket_n[b];
		k->accuracy = bucket_outcome[b] / bucket_n[b];
	}
}

void radar_review_items_from_judgments(const radar *rd, radar_review_item **items, size_t *n)
{
	radar_review_item *out = xcalloc(rd->njudgments + 1, sizeof(*out));

	for (size_t i = 0; i < rd->njudgments; i++) {
		const radar_judgment *j = rd->judgments[i];
		const radar_entry *e = j->subject ? radar_find(rd, j->subject) : NULL;
		radar_review_item *it = &out[i];

		it->source = SOURCE_JUDGMENT;
		it->file = j->path;
		it->subject = j->subject ? j->subject : j->decision;
		it->by = j->by;
		it->quadrant = e ? e->quadrant : -1;
		it->when = j->when;
		it->due = j->review_on;
		it->verdict = j->verdict;
		it->has_confidence = j->has_confidence;
		it->confidence = j->has_confidence ? frac_to_double(j->confidence) : 0;
	}
	*items = out;
	*n = rd->njudgments;
}
