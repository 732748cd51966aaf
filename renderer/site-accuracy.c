/* accuracy.html: how often past judgments turned out right (DESIGN §4). */
#include <string.h>

#include "site-private.h"

static void pct(strbuf *sb, int has, double v)
{
	if (has)
		strbuf_printf(sb, "%.0f%%", v * 100.0);
	else
		strbuf_puts(sb, "–");
}

static const char *target_word(const radar_accuracy *a)
{
	if (!a->has_accuracy)
		return "nothing reviewed yet";
	if (a->too_few)
		return "too few reviewed to judge";
	return a->target == 1 ? "met" : a->target == 0 ? "not met" : "undecided";
}

static void row(strbuf *sb, const char *label, const radar_accuracy *a)
{
	strbuf_puts(sb, "<tr><th scope=\"row\">");
	site_escape(sb, label);
	strbuf_printf(sb, "</th><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">"
			  "%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">"
			  "%zu</td><td class=\"n\">",
		      a->reviewed, a->correct, a->partial, a->incorrect, a->open, a->overdue);
	pct(sb, a->has_accuracy, a->accuracy);
	strbuf_puts(sb, "</td><td class=\"n\">");
	if (a->has_accuracy)
		strbuf_printf(sb, "%.0f–%.0f%%", a->wilson_lo * 100.0, a->wilson_hi * 100.0);
	else
		strbuf_puts(sb, "–");
	strbuf_puts(sb, "</td><td class=\"n\">");
	if (a->has_brier)
		strbuf_printf(sb, "%.3f", a->brier);
	else
		strbuf_puts(sb, "–");
	strbuf_puts(sb, "</td></tr>\n");
}

static void table_head(strbuf *sb, const char *first)
{
	strbuf_printf(sb, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">%s</th>"
			  "<th class=\"n\" scope=\"col\">Reviewed</th><th class=\"n\" scope=\"col\">"
			  "Correct</th><th class=\"n\" scope=\"col\">Partial</th><th class=\"n\" "
			  "scope=\"col\">Incorrect</th><th class=\"n\" scope=\"col\">Open</th>"
			  "<th class=\"n\" scope=\"col\">Overdue</th><th class=\"n\" scope=\"col\">"
			  "Accuracy</th><th class=\"n\" scope=\"col\">Wilson 95%%</th><th class=\"n\" "
			  "scope=\"col\">Brier</th></tr></thead><tbody>\n",
		      first);
}

void site_accuracy(site *s, const site_input *in)
{
	strbuf *sb = site_add(s, "accuracy.html");
	const radar_accuracy *a = in->accuracy;
	static const struct { const char *group, *title, *head; } groups[] = {
		{ "source", "By source", "Source" }, { "person", "By person", "Person" },
		{ "quadrant", "By quadrant", "Quadrant" },
	};

	site_page_begin(sb, in, "", "Accuracy", NAV_ACCURACY);
	strbuf_puts(sb, "<h1>Judgment accuracy</h1>\n");
	if (!a) {
		strbuf_puts(sb, "<p class=\"muted\">Nothing to review.</p>\n");
		site_page_end(sb, in);
		return;
	}
	strbuf_puts(sb, "<p class=\"muted\">Judgments, ADRs with review fields and placements "
			"checked against the ring they had months later, as of ");
	site_escape(sb, in->as_of ? in->as_of : "today");
	strbuf_printf(sb, ". Accuracy = (correct + ½ partial) / reviewed; the team's target is "
			  "above %.0f%%.</p>\n", RADAR_ACCURACY_TARGET * 100.0);
	strbuf_puts(sb, "<div class=\"card\"><dl class=\"facts\"><dt>Accuracy</dt><dd><strong>");
	pct(sb, a->has_accuracy, a->accuracy);
	strbuf_puts(sb, "</strong>");
	if (a->has_accuracy)
		strbuf_printf(sb, " (Wilson 95%%: %.0f–%.0f%%)", a->wilson_lo * 100.0,
			      a->wilson_hi * 100.0);
	strbuf_printf(sb, "</dd><dt>Target %.0f%%</dt><dd>%s</dd>", RADAR_ACCURACY_TARGET * 100.0,
		      target_word(a));
	strbuf_printf(sb, "<dt>Reviewed</dt><dd>%zu of %zu (%zu correct, %zu partial, %zu "
			  "incorrect)</dd><dt>Open</dt><dd>%zu</dd><dt>Overdue</dt><dd>%zu</dd>",
		      a->reviewed, a->total, a->correct, a->partial, a->incorrect, a->open,
		      a->overdue);
	if (a->has_brier)
		strbuf_printf(sb, "<dt>Brier score</dt><dd>%.3f over %zu with a confidence (0 is "
				  "perfect; always saying 50%% scores 0.25)</dd><dt>Over-confidence"
				  "</dt><dd>%+.0f points (mean confidence − accuracy)</dd>",
			      a->brier, a->scored, a->overconfidence * 100.0);
	strbuf_puts(sb, "</dl></div>\n");
	if (a->nbuckets) {
		strbuf_puts(sb, "<h2>Calibration</h2>\n<div class=\"table-wrap\"><table><thead><tr>"
				"<th scope=\"col\">Confidence</th><th class=\"n\" scope=\"col\">"
				"Judgments</th><th class=\"n\" scope=\"col\">Mean confidence</th>"
				"<th class=\"n\" scope=\"col\">Accuracy</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < a->nbuckets; i++) {
			const radar_calibration_bucket *b = &a->buckets[i];
			strbuf_printf(sb, "<tr><td>%.1f–%.1f</td><td class=\"n\">%zu</td><td "
					  "class=\"n\">%.0f%%</td><td class=\"n\">%.0f%%</td></tr>\n",
				      b->lo, b->hi, b->n, b->mean_confidence * 100.0,
				      b->accuracy * 100.0);
		}
		strbuf_puts(sb, "</tbody></table></div>\n");
	}
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		int any = 0;
		for (size_t i = 0; i < in->nacc_rows; i++) {
			if (strcmp(in->acc_rows[i].group, groups[g].group))
				continue;
			if (!any++) {
				strbuf_printf(sb, "<h2>%s</h2>\n", groups[g].title);
				table_head(sb, groups[g].head);
			}
			row(sb, in->acc_rows[i].label, &in->acc_rows[i].acc);
		}
		if (any)
			strbuf_puts(sb, "</tbody></table></div>\n");
	}
	site_page_end(sb, in);
}
