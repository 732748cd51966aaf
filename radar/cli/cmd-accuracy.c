/* radar accuracy: how often past judgments turned out right. */
#include <stdlib.h>
#include <string.h>

#include "accuracy.h"
#include "adr/load.h"
#include "cli.h"

static const char *const source_names[SOURCE_COUNT] = { "judgment", "adr", "placement" };

static int keep_person(const radar_review_item *it, const void *arg)
{
	return it->by && !strcmp(it->by, arg);
}

static int keep_quadrant(const radar_review_item *it, const void *arg)
{
	return it->quadrant == *(const int *)arg;
}

static int keep_source(const radar_review_item *it, const void *arg)
{
	return (int)it->source == *(const int *)arg;
}

/* The headline's default: decisions people recorded, not placements settled by history. */
static int keep_decisions(const radar_review_item *it, const void *arg)
{
	(void)arg;
	return it->source != SOURCE_PLACEMENT;
}

static const char *target_word(const radar_accuracy *acc)
{
	if (acc->too_few)
		return "too few to judge";
	return acc->target == 1 ? "met" : acc->target == 0 ? "not met" : "undecided";
}

static json_t *number_or_null(int has, double v)
{
	return has ? json_real(v) : json_null();
}

static json_t *accuracy_json(const radar_accuracy *acc, int full)
{
	json_t *o = json_object();
	json_object_set_new(o, "n", json_integer((json_int_t)acc->total));
	json_object_set_new(o, "reviewed", json_integer((json_int_t)acc->reviewed));
	json_object_set_new(o, "correct", json_integer((json_int_t)acc->correct));
	json_object_set_new(o, "partial", json_integer((json_int_t)acc->partial));
	json_object_set_new(o, "incorrect", json_integer((json_int_t)acc->incorrect));
	json_object_set_new(o, "open", json_integer((json_int_t)acc->open));
	json_object_set_new(o, "overdue", json_integer((json_int_t)acc->overdue));
	json_object_set_new(o, "accuracy", number_or_null(acc->has_accuracy, acc->accuracy));
	if (acc->has_accuracy) {
		json_t *w = json_array();
		json_array_append_new(w, json_real(acc->wilson_lo));
		json_array_append_new(w, json_real(acc->wilson_hi));
		json_object_set_new(o, "wilson", w);
	} else {
		json_object_set_new(o, "wilson", json_null());
	}
	json_object_set_new(o, "brier", number_or_null(acc->has_brier, acc->brier));
	json_object_set_new(o, "overconfidence", number_or_null(acc->has_brier, acc->overconfidence));
	if (!full)
		return o;
	json_object_set_new(o, "too_few", json_boolean(acc->too_few));
	json_object_set_new(o, "target", json_real(RADAR_ACCURACY_TARGET));
	json_object_set_new(o, "target_status", json_string(target_word(acc)));
	{
		json_t *cal = json_array();
		for (size_t i = 0; i < acc->nbuckets; i++) {
			const radar_calibration_bucket *b = &acc->buckets[i];
			json_t *bj = json_object();
			json_object_set_new(bj, "lo", json_real(b->lo));
			json_object_set_new(bj, "hi", json_real(b->hi));
			json_object_set_new(bj, "n", json_integer((json_int_t)b->n));
			json_object_set_new(bj, "mean_confidence", json_real(b->mean_confidence));
			json_object_set_new(bj, "accuracy", json_real(b->accuracy));
			json_array_append_new(cal, bj);
		}
		json_object_set_new(o, "calibration", cal);
	}
	return o;
}

static void print_row(const char *label, const radar_accuracy *acc)
{
	printf("  %-36.36s %4zu %9zu  ", label, acc->total, acc->reviewed);
	if (acc->has_accuracy)
		printf("%6.1f %%  [%5.1f %%, %5.1f %%]", 100 * acc->accuracy, 100 * acc->wilson_lo,
		       100 * acc->wilson_hi);
	else
		printf("     -");
	if (acc->has_brier)
		printf("  Brier %.3f", acc->brier);
	putchar('\n');
}

static void print_report(cli_ctx *c, const radar_accuracy *acc, const radar_accuracy_filter *f,
			 const char *source)
{
	char d[11];

	date_format(f->as_of, d);
	printf("%sAccuracy of past judgments%s (%s), as of %s", cli_sgr(c, "1"), cli_sgr(c, "0"),
	       source, d);
	if (f->has_since) {
		date_format(f->since, d);
		printf(", judged since %s", d);
	}
	if (f->has_until) {
		date_format(f->until, d);
		printf(", until %s", d);
	}
	if (f->by)
		printf(", by %s", f->by);
	printf("\n\n");
	printf("  Reviewed        %4zu  (correct %zu, partial %zu, incorrect %zu)\n", acc->reviewed,
	       acc->correct, acc->partial, acc->incorrect);
	printf("  Open            %4zu  not yet due\n", acc->open);
	printf("  Overdue         %4zu  due and not reviewed: see 'radar due'\n\n", acc->overdue);
	if (acc->has_accuracy) {
		printf("  Accuracy        %.1f %%  (Wilson 95 %% interval %.1f %% to %.1f %%)\n",
		       100 * acc->accuracy, 100 * acc->wilson_lo, 100 * acc->wilson_hi);
	} else {
		printf("  Accuracy        -  (nothing reviewed yet)\n");
	}
	printf("  Target 70 %%     %s%s\n", target_word(acc),
	       acc->too_few ? " (fewer than 10 reviewed)" : "");
	if (acc->has_brier) {
		printf("  Brier score     %.3f over %zu with a confidence (always 50 %%: 0.250; 0 is perfect)\n",
		       acc->brier, acc->scored);
		printf("  Overconfidence  %+.3f (mean confidence minus accuracy; above 0: too sure)\n",
		       acc->overconfidence);
	}
	if (acc->nbuckets) {
		printf("\nCalibration\n  confidence     n  mean confidence  observed\n");
		for (size_t i = 0; i < acc->nbuckets; i++) {
			const radar_calibration_bucket *b = &acc->buckets[i];
			printf("  %.1f-%.1f  %6zu  %15.2f  %6.1f %%\n", b->lo, b->hi, b->n,
			       b->mean_confidence, 100 * b->accuracy);
		}
	}
}

static int run(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	radar *rd = NULL;
	diag_list dl = DIAG_LIST_INIT;
	cli_review rv = { 0 };
	radar_review_item *items = NULL;
	size_t ndiag, n = 0;
	radar_accuracy_filter f;
	radar_accuracy acc, sub;
	const char *s;
	char **people = NULL;
	size_t npeople = 0;
	json_t *by_person = NULL, *by_quadrant = NULL, *by_source = NULL;
	int rc = EXIT_DATA, only_source = -1, all_sources = 0;

	memset(&f, 0, sizeof(f));
	f.as_of = date_today();
	if (a->npos)
		return cli_usage_error(c, "unexpected argument '%s'", a->pos[0]);
	if ((s = cli_opt(c, a, "since")) && !(f.has_since = !date_parse(s, &f.since)))
		return cli_usage_error(c, "--since '%s' is not a real date (YYYY-MM-DD)", s);
	if ((s = cli_opt(c, a, "until")) && !(f.has_until = !date_parse(s, &f.until)))
		return cli_usage_error(c, "--until '%s' is not a real date (YYYY-MM-DD)", s);
	if ((s = cli_opt(c, a, "as-of")) && date_parse(s, &f.as_of))
		return cli_usage_error(c, "--as-of '%s' is not a real date (YYYY-MM-DD)", s);
	f.by = cli_opt(c, a, "by");
	if ((s = cli_opt(c, a, "source"))) {
		for (int k = 0; k < SOURCE_COUNT; k++)
			if (!strcmp(s, source_names[k]))
				only_source = k;
		all_sources = !strcmp(s, "all");
		if (only_source < 0 && !all_sources)
			return cli_usage_error(c, "--source '%s' must be judgment, adr, placement or all", s);
	}
	if (cli_load(c, &r, &rd, RADAR_LOAD_JUDGMENTS, &dl, 1))
		goto cleanup;
	ndiag = dl.n;
	cli_review_load(c, r, rd, f.as_of, &rv, &dl);
	cli_print_diags_from(c, &dl, ndiag);
	items = rv.items;
	n = rv.n;
	radar_accuracy_compute(&acc, items, n, &f,
			       only_source >= 0 ? keep_source : all_sources ? NULL : keep_decisions,
			       &only_source);

	people = xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		size_t k;
		if (!items[i].by || !radar_accuracy_selects(&f, &items[i]))
			continue;
		for (k = 0; k < npeople && strcmp(people[k], items[i].by); k++)
			;
		if (k == npeople)
			people[npeople++] = (char *)items[i].by;
	}
	by_person = json_object();
	by_quadrant = json_object();
	by_source = json_object();
	if (!c->json) {
		print_report(c, &acc, &f,
			     only_source >= 0 ? source_names[only_source] :
			     all_sources ? "judgment log, ADRs and placements" : "judgment log and ADRs");
		if (rv.moved_in + rv.moved_out)
			printf("  Optimism        %zu placements later moved out, %zu moved in%s\n",
			       rv.moved_out, rv.moved_in,
			       rv.moved_out > rv.moved_in ? ": placed too far in too often" :
			       rv.moved_out < rv.moved_in ? ": placed too cautiously more often" : "");
	}
	if (!c->json && acc.total)
		printf("\nBreakdown                                 n  reviewed  accuracy  [Wilson 95 %%]\n");
	for (size_t k = 0; k < npeople; k++) {
		radar_accuracy_compute(&sub, items, n, &f, keep_person, people[k]);
		json_object_set_new(by_person, people[k], accuracy_json(&sub, 0));
		if (!c->json) {
			strbuf label = STRBUF_INIT;
			strbuf_printf(&label, "person %s", people[k]);
			print_row(label.buf, &sub);
			strbuf_free(&label);
		}
	}
	for (int q = -1; q < (int)rd->cfg->nquadrants; q++) {
		const char *id = q < 0 ? "none" : rd->cfg->quadrants[q].id;
		radar_accuracy_compute(&sub, items, n, &f, keep_quadrant, &q);
		if (!sub.total)
			continue;
		json_object_set_new(by_quadrant, id, accuracy_json(&sub, 0));
		if (!c->json) {
			strbuf label = STRBUF_INIT;
			strbuf_printf(&label, "quadrant %s", id);
			print_row(label.buf, &sub);
			strbuf_free(&label);
		}
	}
	for (int src = 0; src < SOURCE_COUNT; src++) {
		radar_accuracy_compute(&sub, items, n, &f, keep_source, &src);
		json_object_set_new(by_source, source_names[src], accuracy_json(&sub, 0));
		if (!c->json && sub.total) {
			strbuf label = STRBUF_INIT;
			strbuf_printf(&label, "source %s", source_names[src]);
			print_row(label.buf, &sub);
			strbuf_free(&label);
		}
	}
	if (c->json) {
		json_t *o = accuracy_json(&acc, 1);
		json_t *opt = json_object();
		json_object_set_new(opt, "moved_out", json_integer((json_int_t)rv.moved_out));
		json_object_set_new(opt, "moved_in", json_integer((json_int_t)rv.moved_in));
		json_object_set_new(opt, "optimism", rv.moved_in + rv.moved_out ?
			json_real(((double)rv.moved_out - (double)rv.moved_in) / (double)(rv.moved_in + rv.moved_out)) : json_null());
		json_object_set_new(o, "optimism", opt);
		json_object_set_new(o, "by_person", by_person);
		json_object_set_new(o, "by_quadrant", by_quadrant);
		json_object_set_new(o, "by_source", by_source);
		by_person = by_quadrant = by_source = NULL;
		cli_json_print(o);
	}
	rc = dl.errors ? EXIT_DATA : EXIT_OK;
cleanup:
	json_decref(by_person);
	json_decref(by_quadrant);
	json_decref(by_source);
	free(people);
	cli_review_free(&rv);
	diag_list_free(&dl);
	radar_free(rd);
	repo_free(r);
	return rc;
}

static const cli_option options[] = {
	{ "since", 0, "DATE", "only judgments made on or after DATE" },
	{ "until", 0, "DATE", "only judgments made on or before DATE" },
	{ "by", 0, "WHO", "only one person's judgments" },
	{ "as-of", 0, "DATE", "decide what is open and overdue as of DATE (default: today)" },
	{ "source", 0, "SOURCE", "the headline's source: judgment, adr, placement or all (default:\n"
				 "                           judgment and adr, the decisions people recorded)" },
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_accuracy = {
	.name = "accuracy",
	.usage = "[--since DATE] [--until DATE] [--by WHO] [--as-of DATE] [--source SOURCE]",
	.summary = "report how often past judgments turned out right, with intervals and calibration",
	.details = "accuracy = (correct + partial/2) / reviewed, with its Wilson 95 % interval;\n"
		   "fewer than 10 reviewed is too few to judge. The 70 % target is met when the\n"
		   "whole interval lies above it, not met when below, else undecided. Brier score\n"
		   "over reviewed judgments with a confidence (outcome 1, 1/2, 0); 0.25 is what\n"
		   "always saying 50 % scores. Overconfidence = mean confidence - accuracy.\n"
		   "Sources: the judgment log; ADRs with review-on (their outcome in front matter);\n"
		   "placements, settled by history review.after_months later: held = correct,\n"
		   "moved in = partial (too cautious), moved out = incorrect, removed = incorrect\n"
		   "(correct when it had been placed in the outermost ring). Optimism compares\n"
		   "placements later moved out with those later moved in. The headline counts the\n"
		   "judgment log and ADRs unless --source says otherwise; the breakdowns show every\n"
		   "source.\n",
	.options = options,
	.reads = 1,
	.run = run,
};
