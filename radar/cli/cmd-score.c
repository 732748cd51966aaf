/* radar score NAME: where an entry stands on the scorecard, and why. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static json_t *score_json(const radar_config *cfg, const radar_entry *e, const radar_score *s)
{
	json_t *o = json_object(), *dims = json_array(), *raters = json_array(),
	       *dis = json_array();

	json_object_set_new(o, "id", json_string(e->id));
	json_object_set_new(o, "name", json_string(e->name));
	json_object_set_new(o, "quadrant", json_string(cfg->quadrants[e->quadrant].id));
	json_object_set_new(o, "total", s->scored ? cli_json_fixed(s->total) : json_null());
	json_object_set_new(o, "total_exact", s->scored ? cli_json_exact(s->total) : json_null());
	json_object_set_new(o, "ring", s->placement >= 0 ? json_string(cfg->rings[s->placement].id)
							 : json_null());
	json_object_set_new(o, "scorecard_ring", s->ring >= 0 ? json_string(cfg->rings[s->ring].id)
							      : json_null());
	json_object_set_new(o, "declared_ring", s->declared >= 0
							? json_string(cfg->rings[s->declared].id)
							: json_null());
	json_object_set_new(o, "mismatch", json_boolean(s->mismatch));
	for (size_t d = 0; d < s->ndims; d++) {
		const radar_dim_score *ds = &s->dims[d];
		json_t *dj = json_object();
		json_object_set_new(dj, "id", json_string(cfg->dimensions[d].id));
		json_object_set_new(dj, "weight", json_integer(cfg->dimensions[d].weight));
		json_object_set_new(dj, "score", ds->votes ? cli_json_number(ds->mean) : json_null());
		json_object_set_new(dj, "weighted", ds->votes ? cli_json_number(ds->weighted) : json_null());
		json_object_set_new(dj, "score_exact", ds->votes ? cli_json_exact(ds->mean) : json_null());
		json_object_set_new(dj, "weighted_exact",
				    ds->votes ? cli_json_exact(ds->weighted) : json_null());
		json_object_set_new(dj, "votes", json_integer(ds->votes));
		json_object_set_new(dj, "spread", ds->votes ? cli_json_number(ds->spread) : json_null());
		json_object_set_new(dj, "disagreement", json_boolean(ds->disagreement));
		json_array_append_new(dims, dj);
		if (ds->disagreement)
			json_array_append_new(dis, json_string(cfg->dimensions[d].id));
	}
	json_object_set_new(o, "dimensions", dims);
	for (size_t i = 0; i < s->nraters; i++)
		json_array_append_new(raters, json_string(s->raters[i]));
	json_object_set_new(o, "raters", raters);
	json_object_set_new(o, "disagreements", dis);
	json_object_set_new(o, "to_next_ring_up", s->has_up ? cli_json_number(s->to_up) : json_null());
	json_object_set_new(o, "to_next_ring_down",
			    s->has_down ? cli_json_number(s->to_down) : json_null());
	return o;
}

static void fixed(strbuf *sb, frac f, int width)
{
	strbuf tmp = STRBUF_INIT;
	frac_format_fixed(&tmp, f, 2);
	strbuf_printf(sb, "%*s", width, tmp.buf);
	strbuf_free(&tmp);
}

static void print_score(const cli_ctx *c, const radar_config *cfg, const radar_entry *e,
			const radar_score *s)
{
	strbuf sb = STRBUF_INIT;
	size_t namew = strlen("Dimension");
	const char *bold = cli_sgr(c, "1");
	char boldbuf[16];

	snprintf(boldbuf, sizeof(boldbuf), "%s", bold);
	for (size_t d = 0; d < cfg->ndimensions; d++) {
		size_t w = strlen(cfg->dimensions[d].name);
		if (w > namew)
			namew = w;
	}
	strbuf_printf(&sb, "%s%s%s (%s) · %s\n\n", boldbuf, e->name, cli_sgr(c, "0"), e->id,
		      cfg->quadrants[e->quadrant].name);
	strbuf_puts(&sb, "  ");
	cli_pad(&sb, "Dimension", namew);
	strbuf_puts(&sb, "  Weight  Score  Weighted  Votes  Spread\n");
	for (size_t d = 0; d < cfg->ndimensions; d++) {
		const radar_dim_score *ds = &s->dims[d];
		strbuf_puts(&sb, "  ");
		cli_pad(&sb, cfg->dimensions[d].name, namew);
		strbuf_printf(&sb, "  %5d%%", cfg->dimensions[d].weight);
		if (!ds->votes) {
			strbuf_puts(&sb, "      -         -      0       -  not rated\n");
			continue;
		}
		fixed(&sb, ds->mean, 7);
		fixed(&sb, ds->weighted, 10);
		strbuf_printf(&sb, "  %5d  ", ds->votes);
		{
			strbuf sp = STRBUF_INIT;
			frac_format_fixed(&sp, ds->spread, 1);
			strbuf_printf(&sb, "%6s", sp.buf);
			strbuf_free(&sp);
		}
		if (ds->disagreement)
			strbuf_printf(&sb, "  %sdisagreement%s", cli_sgr(c, "33"), cli_sgr(c, "0"));
		strbuf_putc(&sb, '\n');
	}
	strbuf_puts(&sb, "  ");
	for (size_t i = 0; i < namew + 40; i++)
		strbuf_puts(&sb, "─");
	strbuf_puts(&sb, "\n  ");
	cli_pad(&sb, "Total", namew);
	if (s->scored) {
		strbuf_puts(&sb, "                ");
		strbuf_puts(&sb, boldbuf);
		fixed(&sb, s->total, 10);
		strbuf_printf(&sb, "%s  → %s%s%s\n\n", cli_sgr(c, "0"), boldbuf,
			      cfg->rings[s->ring].id, cli_sgr(c, "0"));
	} else {
		strbuf_puts(&sb, "                         -  not scored: every dimension needs a vote\n\n");
	}

	strbuf_puts(&sb, "  Ring       ");
	if (s->placement < 0)
		strbuf_puts(&sb, "none (no declared ring, not scored)\n");
	else if (s->declared >= 0)
		strbuf_printf(&sb, "%s (declared)\n", cfg->rings[s->declared].id);
	else
		strbuf_printf(&sb, "%s (from the scorecard)\n", cfg->rings[s->placement].id);
	if (s->scored) {
		strbuf_printf(&sb, "  Scorecard  %s", cfg->rings[s->ring].id);
		if (s->mismatch)
			strbuf_printf(&sb, "  %smismatch: declared %s, scorecard says %s%s",
				      cli_sgr(c, "33"), cfg->rings[s->declared].id,
				      cfg->rings[s->ring].id, cli_sgr(c, "0"));
		strbuf_putc(&sb, '\n');
		strbuf_puts(&sb, "  Next ring  ");
		if (s->has_up) {
			strbuf tmp = STRBUF_INIT;
			frac_format_fixed(&tmp, s->to_up, 2);
			strbuf_printf(&sb, "+%s to %s", tmp.buf, cfg->rings[s->ring - 1].id);
			strbuf_free(&tmp);
		} else {
			strbuf_printf(&sb, "none up (%s is the innermost)", cfg->rings[s->ring].id);
		}
		if (s->has_down) {
			strbuf tmp = STRBUF_INIT;
			frac_format_fixed(&tmp, s->to_down, 2);
			if (s->to_down.num == 0)
				strbuf_printf(&sb, "; exactly at the %s threshold (any drop: %s)",
					      cfg->rings[s->ring].id, cfg->rings[s->ring + 1].id);
			else
				strbuf_printf(&sb, "; -%s to %s", tmp.buf, cfg->rings[s->ring + 1].id);
			strbuf_free(&tmp);
		} else {
			strbuf_printf(&sb, "; none down (%s is the outermost)", cfg->rings[s->ring].id);
		}
		strbuf_putc(&sb, '\n');
	}
	strbuf_puts(&sb, "  Raters     ");
	if (!s->nraters)
		strbuf_puts(&sb, "none yet");
	for (size_t i = 0; i < s->nraters; i++)
		strbuf_printf(&sb, "%s%s", i ? ", " : "", s->raters[i]);
	strbuf_putc(&sb, '\n');
	if (s->ndisagreements) {
		strbuf_puts(&sb, "  Discuss    raters differ by 2 or more on ");
		for (size_t d = 0, k = 0; d < s->ndims; d++)
			if (s->dims[d].disagreement)
				strbuf_printf(&sb, "%s%s", k++ ? ", " : "", cfg->dimensions[d].id);
		strbuf_putc(&sb, '\n');
	}
	fputs(sb.buf, stdout);
	strbuf_free(&sb);
}

static int run(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	radar *rd = NULL;
	const radar_entry *e;
	radar_score s;
	int rc = EXIT_DATA;
	diag_list dl = DIAG_LIST_INIT;

	if (a->npos != 1)
		return cli_usage_error(c, a->npos ? "one NAME at a time" : "which entry? give its NAME");
	if (cli_load(c, &r, &rd, 0, &dl, 1))
		goto cleanup;
	if (!(e = cli_find_entry(c, rd, a->pos[0], NULL)))
		goto cleanup;
	radar_score_compute(&s, rd->cfg, e);
	if (c->json) {
		rc = cli_json_print(score_json(rd->cfg, e, &s));
	} else {
		print_score(c, rd->cfg, e, &s);
		rc = EXIT_OK;
	}
	if (dl.errors)
		rc = EXIT_DATA;
	radar_score_release(&s);
cleanup:
	diag_list_free(&dl);
	radar_free(rd);
	repo_free(r);
	return rc;
}

static const cli_option options[] = { { NULL, 0, NULL, NULL } };

const cli_command cmd_score = {
	.name = "score",
	.usage = "NAME",
	.summary = "show an entry's scorecard: dimensions, total, ring, mismatch, distance to the next rings",
	.details = "NAME is an entry id or its name, in any case. Each rater's latest score per\n"
		   "dimension counts once; the total is the weighted sum, computed exactly; the ring\n"
		   "is the first whose threshold the total reaches (thresholds inclusive).\n",
	.options = options,
	.reads = 1,
	.run = run,
};
