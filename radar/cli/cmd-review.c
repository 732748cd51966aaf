/*
 * radar review -o DIR: the pack for the quarterly review meeting, a Markdown
 * report and the radar drawn with its markers. Everything in it comes from
 * the revisions read, so a re-run on the same revisions writes the same bytes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "accuracy.h"
#include "draw-commands.h"
#include "history.h"
#include "render-cli.h"

/* Markdown text: characters that would turn into markup are escaped. */
static void md(strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		if (strchr("\\`*_[]<>|#!~", *s))
			strbuf_putc(sb, '\\');
		if (*s == '\n' || *s == '\r')
			strbuf_putc(sb, ' ');
		else
			strbuf_putc(sb, *s);
	}
}

static void fixed(strbuf *sb, frac f)
{
	frac_format_fixed(sb, f, 2);
}

static const char *ring_id(const radar_config *cfg, int ring)
{
	return ring >= 0 ? cfg->rings[ring].id : "-";
}

static void section_moved(strbuf *sb, const radar *rd, const radar_diff *d, const char *since,
			  size_t *count)
{
	const radar_config *cfg = rd->cfg;
	*count = d ? d->n : 0;
	strbuf_printf(sb, "\n## 1. What moved since %s\n\n", since ? since : "the last edition");
	if (!since) {
		strbuf_puts(sb, "No earlier edition to compare with: make one with `radar release`.\n");
		return;
	}
	if (!d->n) {
		strbuf_puts(sb, "Nothing changed.\n");
		return;
	}
	strbuf_puts(sb, "| Entry | Change | From | To | Total then | Total now |\n|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < d->n; i++) {
		const radar_diff_item *it = &d->items[i];
		static const struct {
			unsigned flag;
			const char *word;
		} words[] = { { DIFF_NEW, "new" }, { DIFF_REMOVED, "removed" }, { DIFF_RENAMED, "renamed" },
			      { DIFF_MOVED_IN, "moved in" }, { DIFF_MOVED_OUT, "moved out" },
			      { DIFF_RESCORED, "rescored" }, { DIFF_DESCRIPTION, "description" } };
		const radar_entry *e = radar_find(rd, it->id);
		int first = 1;
		strbuf_puts(sb, "| ");
		md(sb, e && e->name ? e->name : it->id);
		strbuf_puts(sb, " | ");
		for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			if (it->flags & words[k].flag) {
				strbuf_printf(sb, "%s%s", first ? "" : ", ", words[k].word);
				first = 0;
			}
		strbuf_printf(sb, " | %s | %s | ", ring_id(cfg, it->from_ring), ring_id(cfg, it->ring));
		if (it->from_scored)
			fixed(sb, it->from_total);
		else
			strbuf_puts(sb, "-");
		strbuf_puts(sb, " | ");
		if (it->scored)
			fixed(sb, it->total);
		else
			strbuf_puts(sb, "-");
		strbuf_puts(sb, " |\n");
	}
}

static void section_mismatch(strbuf *sb, const radar *rd, const radar_score *scores, size_t *count)
{
	const radar_config *cfg = rd->cfg;
	*count = 0;
	strbuf_puts(sb, "\n## 2. Scorecard and declared ring disagree\n\n");
	for (size_t i = 0; i < rd->nentries; i++) {
		const radar_score *s = &scores[i];
		if (!s->mismatch)
			continue;
		if (!(*count)++)
			strbuf_puts(sb, "| Entry | Declared | Scorecard | Total |\n|---|---|---|---|\n");
		strbuf_puts(sb, "| ");
		md(sb, rd->entries[i]->name);
		strbuf_printf(sb, " | %s | %s | ", cfg->rings[s->declared].id, cfg->rings[s->ring].id);
		fixed(sb, s->total);
		strbuf_puts(sb, " |\n");
	}
	if (!*count)
		strbuf_puts(sb, "None: every declared ring matches its scorecard.\n");
}

static void section_disagreements(strbuf *sb, const radar *rd, const radar_score *scores,
				  size_t *count)
{
	const radar_config *cfg = rd->cfg;
	*count = 0;
	strbuf_puts(sb, "\n## 3. Raters disagree (a spread of 2 or more)\n\n");
	for (size_t i = 0; i < rd->nentries; i++) {
		const radar_score *s = &scores[i];
		for (size_t d = 0; d < s->ndims; d++) {
			if (!s->dims[d].disagreement)
				continue;
			if (!(*count)++)
				strbuf_puts(sb, "| Entry | Dimension | Spread | Raters |\n|---|---|---|---|\n");
			strbuf_puts(sb, "| ");
			md(sb, rd->entries[i]->name);
			strbuf_printf(sb, " | %s | ", cfg->dimensions[d].name);
			frac_format_fixed(sb, s->dims[d].spread, 1);
			strbuf_puts(sb, " | ");
			for (size_t k = 0; k < s->nraters; k++) {
				if (k)
					strbuf_puts(sb, ", ");
				md(sb, s->raters[k]);
			}
			strbuf_puts(sb, " |\n");
		}
	}
	if (!*count)
		strbuf_puts(sb, "None.\n");
}

static void section_stale(strbuf *sb, const radar *rd, date as_of, size_t *count)
{
	date cutoff = date_add_months(as_of, -rd->cfg->review_after_months);
	*count = 0;
	strbuf_printf(sb, "\n## 4. Not rescored in the last %d months\n\n", rd->cfg->review_after_months);
	for (size_t i = 0; i < rd->nentries; i++) {
		const radar_entry *e = rd->entries[i];
		date latest = { 0, 0, 0 };
		char d[11];
		for (size_t k = 0; k < e->nratings; k++)
			if (!latest.year || date_cmp(e->ratings[k].when, latest) > 0)
				latest = e->ratings[k].when;
		if (latest.year && date_cmp(latest, cutoff) >= 0)
			continue;
		if (!(*count)++)
			strbuf_puts(sb, "| Entry | Last score block |\n|---|---|\n");
		strbuf_puts(sb, "| ");
		md(sb, e->name);
		if (latest.year) {
			date_format(latest, d);
			strbuf_printf(sb, " | %s |\n", d);
		} else {
			strbuf_puts(sb, " | never scored |\n");
		}
	}
	if (!*count)
		strbuf_puts(sb, "None: every entry has a score block in that time.\n");
}

static const char *const kind_names[SOURCE_COUNT] = { "judgment", "ADR", "placement" };

static void section_due(strbuf *sb, const cli_review *rv, const radar_config *cfg, date as_of,
			size_t count[SOURCE_COUNT])
{
	date window = date_add_months(as_of, -cfg->review_after_months);
	size_t shown = 0;

	memset(count, 0, SOURCE_COUNT * sizeof(size_t));
	strbuf_puts(sb, "\n## 5. Due for review\n\n");
	for (size_t i = 0; i < rv->n; i++) {
		const radar_review_item *it = &rv->items[i];
		int placement = it->source == SOURCE_PLACEMENT;
		char d[11];
		if (date_cmp(it->due, as_of) > 0)
			continue;
		if (placement ? date_cmp(it->due, window) <= 0 : it->verdict != VERDICT_NONE)
			continue;
		count[it->source]++;
		if (!shown++)
			strbuf_puts(sb, "| Due | Kind | Subject | File | State |\n|---|---|---|---|---|\n");
		date_format(it->due, d);
		strbuf_printf(sb, "| %s | %s | ", d, kind_names[it->source]);
		md(sb, it->subject);
		strbuf_puts(sb, " | ");
		md(sb, it->file);
		strbuf_printf(sb, " | %s |\n", placement ? radar_verdict_name(it->verdict) : "to review");
	}
	if (!shown)
		strbuf_puts(sb, "Nothing is due.\n");
}

/* As `radar accuracy`: the headline is the decisions people recorded. */
static int recorded_decision(const radar_review_item *it, const void *arg)
{
	(void)arg;
	return it->source != SOURCE_PLACEMENT;
}

static void section_accuracy(strbuf *sb, const cli_review *rv, date as_of)
{
	radar_accuracy_filter f;
	radar_accuracy acc;

	memset(&f, 0, sizeof(f));
	f.as_of = as_of;
	radar_accuracy_compute(&acc, rv->items, rv->n, &f, recorded_decision, NULL);
	strbuf_puts(sb, "\n## 6. Accuracy to date and bias patterns\n\n");
	strbuf_puts(sb, "Judgments and ADRs with a review date (placements: see Optimism below).\n\n");
	strbuf_printf(sb, "- Reviewed: %zu (correct %zu, partial %zu, incorrect %zu); open %zu; overdue %zu.\n",
		      acc.reviewed, acc.correct, acc.partial, acc.incorrect, acc.open, acc.overdue);
	if (acc.has_accuracy)
		strbuf_printf(sb, "- Accuracy: %.1f %% (Wilson 95 %% interval %.1f %% to %.1f %%); target 70 %%: %s.\n",
			      100 * acc.accuracy, 100 * acc.wilson_lo, 100 * acc.wilson_hi,
			      acc.too_few ? "too few to judge" : acc.target == 1 ? "met" :
			      acc.target == 0 ? "not met" : "undecided");
	if (acc.has_brier)
		strbuf_printf(sb, "- Brier score %.3f over %zu with a confidence (0.250 = always 50 %%); "
			      "overconfidence %+.3f.\n", acc.brier, acc.scored, acc.overconfidence);
	if (rv->moved_in + rv->moved_out)
		strbuf_printf(sb, "- Optimism: %zu placements later moved out, %zu moved in.\n",
			      rv->moved_out, rv->moved_in);
	for (size_t i = 0; i < acc.nbuckets; i++) {
		const radar_calibration_bucket *b = &acc.buckets[i];
		if (!i)
			strbuf_puts(sb, "\n| Confidence | n | Mean confidence | Observed |\n|---|---|---|---|\n");
		strbuf_printf(sb, "| %.1f-%.1f | %zu | %.2f | %.1f %% |\n", b->lo, b->hi, b->n,
			      b->mean_confidence, 100 * b->accuracy);
	}
	strbuf_puts(sb, "\nDetails: `radar accuracy`.\n");
}

static int write_file(cli_ctx *c, const char *dir, const char *name, const char *data, size_t len)
{
	strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	int rc = 0;
	strbuf_printf(&path, "%s/%s", dir, name);
	if (fs_write_atomic(path.buf, data, len, &err))
		rc = cli_error(c, "%s", strbuf_str(&err));
	else
		printf("wrote %s\n", path.buf);
	strbuf_free(&path);
	strbuf_free(&err);
	return rc;
}

static int run(cli_ctx *c, const cli_args *a)
{
	const char *dir = cli_opt(c, a, "output"), *as_of_s = cli_opt(c, a, "as-of");
	render_job job;
	render_style st = { 0, 96 };
	strbuf sb = STRBUF_INIT, img = STRBUF_INIT, err = STRBUF_INIT, head = STRBUF_INIT;
	char *since = NULL, *tagged = NULL;
	radar_score *scores = NULL;
	radar_diff diff = { NULL, 0 };
	cli_review rv = { 0 };
	repo_hex id = "";
	long long when = 0;
	int offset = 0, rc;
	date as_of = date_today();
	size_t moved, mismatches, disagreements, stale, due[SOURCE_COUNT];
	char d[11];

	memset(&job, 0, sizeof(job));
	if (a->npos)
		return cli_usage_error(c, "unexpected argument '%s'", a->pos[0]);
	if (!dir || !*dir)
		return cli_usage_error(c, "where to? give -o DIR");
	if (as_of_s && date_parse(as_of_s, &as_of))
		return cli_usage_error(c, "--as-of '%s' is not a real date (YYYY-MM-DD)", as_of_s);
	if (mkdir(dir, 0777) && errno != EEXIST)
		return cli_error(c, "%s: %s", dir, strerror(errno));
	if ((rc = render_cli_prepare(c, a, &job)))
		goto cleanup;
	rc = EXIT_DATA;
	if (job.data_errors) {
		cli_error(c, "not writing the review pack: the radar has errors (see above; 'radar check')");
		goto cleanup;
	}
	/* The pack depends on the revisions read, not on the day it is made. */
	if (repo_commit_info(job.r, id, &when, &offset, &err) == 1 && !as_of_s)
		as_of = radar_day_of(when, offset);
	if (cli_opt(c, a, "since"))
		since = xstrdup(cli_opt(c, a, "since"));
	else if (repo_is_git(job.r))
		repo_last_release(job.r, &since, &err);
	if (repo_is_git(job.r)) {
		repo_tag *tags = NULL;
		size_t ntags = 0;
		if (!repo_list_releases(job.r, c->rev ? c->rev : "HEAD", &tags, &ntags, &err) && ntags &&
		    (!since || strcmp(tags[ntags - 1].name, since)))
			tagged = xstrdup(tags[ntags - 1].name);
		repo_tags_free(tags, ntags);
	}
	strbuf_reset(&err);

	st.dpi = job.cv.dpi;
	if (render_draw(job.l, &job.sc.in, &st, job.m, RENDER_PNG, &img, &err) ||
	    write_file(c, dir, "radar.png", img.buf, img.len))
		goto cleanup;
	strbuf_reset(&img);
	if (render_draw(job.l, &job.sc.in, &st, job.m, RENDER_SVG, &img, &err) ||
	    write_file(c, dir, "radar.svg", img.buf, img.len))
		goto cleanup;

	scores = xcalloc(job.rd->nentries + 1, sizeof(*scores));
	for (size_t i = 0; i < job.rd->nentries; i++)
		radar_score_compute(&scores[i], job.rd->cfg, job.rd->entries[i]);
	if (job.since)
		radar_diff_compute(&diff, job.since, job.rd);
	{
		diag_list dl = DIAG_LIST_INIT;
		cli_review_load(c, job.r, job.rd, as_of, &rv, &dl);
		diag_list_free(&dl); /* `radar check` reports them */
	}

	section_moved(&sb, job.rd, &diff, job.since ? since : NULL, &moved);
	section_mismatch(&sb, job.rd, scores, &mismatches);
	section_disagreements(&sb, job.rd, scores, &disagreements);
	section_stale(&sb, job.rd, as_of, &stale);
	section_due(&sb, &rv, job.rd->cfg, as_of, due);
	section_accuracy(&sb, &rv, as_of);

	strbuf_puts(&head, "# ");
	md(&head, job.rd->cfg->title);
	strbuf_puts(&head, ": quarterly review\n\n");
	date_format(as_of, d);
	strbuf_printf(&head, "Edition %s", tagged ? tagged : c->rev ? c->rev : "(working tree)");
	if (*id)
		strbuf_printf(&head, ", commit %.10s", id);
	strbuf_printf(&head, "; as of %s; compared with %s.\n\n", d, job.since ? since : "no earlier edition");
	strbuf_puts(&head, "![The radar, with new and moved entries marked](radar.png)\n\n## Agenda\n\n");
	strbuf_printf(&head, "1. What moved since the last edition: %zu change%s.\n", moved, moved == 1 ? "" : "s");
	strbuf_printf(&head, "2. Settle %zu scorecard/declared mismatch%s.\n", mismatches, mismatches == 1 ? "" : "es");
	strbuf_printf(&head, "3. Discuss %zu rater disagreement%s.\n", disagreements, disagreements == 1 ? "" : "s");
	strbuf_printf(&head, "4. Rescore %zu stale entr%s.\n", stale, stale == 1 ? "y" : "ies");
	strbuf_printf(&head, "5. Review what is due: %zu judgment%s, %zu ADR%s, %zu placement%s.\n",
		      due[SOURCE_JUDGMENT], due[SOURCE_JUDGMENT] == 1 ? "" : "s", due[SOURCE_ADR],
		      due[SOURCE_ADR] == 1 ? "" : "s", due[SOURCE_PLACEMENT], due[SOURCE_PLACEMENT] == 1 ? "" : "s");
	strbuf_puts(&head, "6. Accuracy to date: are we above 70 %, and where are we biased?\n");
	strbuf_add(&head, sb.buf, sb.len);
	if (write_file(c, dir, "review.md", head.buf, head.len))
		goto cleanup;
	rc = EXIT_OK;
cleanup:
	if (scores)
		for (size_t i = 0; i < job.rd->nentries; i++)
			radar_score_release(&scores[i]);
	free(scores);
	radar_diff_release(&diff);
	cli_review_free(&rv);
	render_cli_release(&job);
	free(since);
	free(tagged);
	strbuf_free(&sb);
	strbuf_free(&img);
	strbuf_free(&err);
	strbuf_free(&head);
	return rc;
}

static const cli_option options[] = {
	{ "output", 'o', "DIR", "the folder to write review.md, radar.png and radar.svg to" },
	{ "as-of", 0, "DATE", "what is due and stale as of DATE (default: the commit's date)" },
	RENDER_CLI_OPTIONS,
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_review = {
	.name = "review",
	.usage = "-o DIR [--since REV] [--as-of DATE]",
	.summary = RADAR_SUMMARY_REVIEW,
	.details = "review.md holds what moved since the last edition (--since), scorecard and\n"
		   "declared ring mismatches, rater disagreements, entries not rescored within\n"
		   "review.after_months, judgments, ADRs and placements due, accuracy to date with\n"
		   "its bias patterns, and a short agenda; radar.png and radar.svg show the radar\n"
		   "with its markers. The dates come from the commit read (unless --as-of), so a\n"
		   "re-run on the same revisions writes the same bytes.\n",
	.options = options,
	.reads = 1,
	.run = run,
};
