/* radar show NAME: everything known about one entry. */
#include <stdlib.h>
#include <string.h>

#include "adr/load.h"
#include "cli.h"
#include "history.h"

static json_t *strings_json(char **v, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_string(v[i]));
	return arr;
}

static int run(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	radar *rd = NULL;
	diag_list dl = DIAG_LIST_INIT;
	const radar_entry *e;
	const radar_config *cfg;
	radar_score s;
	adr_log *log = NULL;
	radar_history *hist = NULL;
	diag_list adr_dl = DIAG_LIST_INIT;
	int rc = EXIT_DATA;

	if (a->npos != 1)
		return cli_usage_error(c, a->npos ? "one NAME at a time" : "which entry? give its NAME");
	if (cli_load(c, &r, &rd, RADAR_LOAD_JUDGMENTS, &dl, 1))
		goto cleanup;
	if (!(e = cli_find_entry(c, rd, a->pos[0], NULL)))
		goto cleanup;
	cfg = rd->cfg;
	log = cli_load_adrs(r, rd, &adr_dl); /* problems there are `radar check`'s to report */
	/* The ring history, when there is a history to read. */
	if (repo_is_git(r)) {
		strbuf herr = STRBUF_INIT;
		if (radar_history_load(&hist, r, cfg, e->id, NULL, NULL, &herr)) {
			radar_history_free(hist);
			hist = NULL;
		}
		strbuf_free(&herr);
	}
	radar_score_compute(&s, cfg, e);
	if (c->json) {
		json_t *o = json_object(), *adrs = json_array(), *ratings = json_array(),
		       *judgments = json_array();
		json_object_set_new(o, "id", json_string(e->id));
		json_object_set_new(o, "name", json_string(e->name));
		json_object_set_new(o, "file", json_string(e->path));
		json_object_set_new(o, "quadrant", json_string(cfg->quadrants[e->quadrant].id));
		json_object_set_new(o, "ring", s.placement >= 0 ? json_string(cfg->rings[s.placement].id) : json_null());
		json_object_set_new(o, "declared_ring", s.declared >= 0 ? json_string(cfg->rings[s.declared].id) : json_null());
		json_object_set_new(o, "scorecard_ring", s.ring >= 0 ? json_string(cfg->rings[s.ring].id) : json_null());
		json_object_set_new(o, "total", s.scored ? cli_json_fixed(s.total) : json_null());
		json_object_set_new(o, "total_exact", s.scored ? cli_json_exact(s.total) : json_null());
		json_object_set_new(o, "mismatch", json_boolean(s.mismatch));
		json_object_set_new(o, "description", e->description ? json_string(e->description) : json_null());
		json_object_set_new(o, "tags", strings_json(e->tags, e->ntags));
		json_object_set_new(o, "links", strings_json(e->links, e->nlinks));
		for (size_t i = 0; i < e->nadrs; i++) {
			const adr_record *rec = adr_log_find(log, e->adrs[i]);
			const char *status = rec ? adr_record_status(rec) : NULL;
			json_t *aj = json_object();
			json_object_set_new(aj, "number", json_integer(e->adrs[i]));
			json_object_set_new(aj, "title", rec && rec->title ? json_string(rec->title) : json_null());
			json_object_set_new(aj, "status", status ? json_string(status) : json_null());
			json_object_set_new(aj, "file", rec ? json_string(rec->path) : json_null());
			json_array_append_new(adrs, aj);
		}
		json_object_set_new(o, "adrs", adrs);
		for (size_t i = 0; i < e->nratings; i++) {
			const radar_rating *rt = &e->ratings[i];
			json_t *rj = json_object();
			char d[11];
			date_format(rt->when, d);
			json_object_set_new(rj, "date", json_string(d));
			json_object_set_new(rj, "by", json_string(rt->by));
			for (size_t k = 0; k < cfg->ndimensions; k++)
				if (rt->half[k] >= 0)
					json_object_set_new(rj, cfg->dimensions[k].id,
							    cli_json_number(frac_make(rt->half[k], 2)));
			json_object_set_new(rj, "note", rt->note ? json_string(rt->note) : json_null());
			json_array_append_new(ratings, rj);
		}
		json_object_set_new(o, "scores", ratings);
		for (size_t i = 0; i < rd->njudgments; i++) {
			const radar_judgment *j = rd->judgments[i];
			if (j->subject && !strcmp(j->subject, e->id))
				json_array_append_new(judgments, json_string(j->path));
		}
		json_object_set_new(o, "judgments", judgments);
		if (hist) {
			json_t *ha = json_array();
			for (size_t i = 0; i < hist->n; i++) {
				const radar_hist_event *ev = &hist->events[i];
				json_t *hj = json_object();
				char d[11];
				date_format(ev->by->day, d);
				json_object_set_new(hj, "date", json_string(d));
				json_object_set_new(hj, "kind", json_string(radar_hist_kind_name(ev->kind)));
				json_object_set_new(hj, "ring", ev->after.placement >= 0 ?
						    json_string(cfg->rings[ev->after.placement].id) : json_null());
				json_object_set_new(hj, "total", ev->after.scored ? cli_json_fixed(ev->after.total) : json_null());
				json_object_set_new(hj, "commit", json_string(ev->by->id));
				json_object_set_new(hj, "author", json_string(ev->by->author));
				json_array_append_new(ha, hj);
			}
			json_object_set_new(o, "history", ha);
		}
		cli_json_print(o);
	} else {
		strbuf sb = STRBUF_INIT;
		strbuf_printf(&sb, "%s%s%s (%s)\n", cli_sgr(c, "1"), e->name, cli_sgr(c, "0"), e->id);
		strbuf_printf(&sb, "  Quadrant   %s\n", cfg->quadrants[e->quadrant].name);
		strbuf_printf(&sb, "  Ring       %s", s.placement >= 0 ? cfg->rings[s.placement].name : "none");
		if (s.scored) {
			strbuf t = STRBUF_INIT;
			frac_format_fixed(&t, s.total, 2);
			strbuf_printf(&sb, "  (scorecard %s, %s%s)", t.buf, cfg->rings[s.ring].id,
				      s.mismatch ? ": mismatch" : "");
			strbuf_free(&t);
		}
		strbuf_printf(&sb, "\n  File       %s\n", e->path);
		if (e->ntags) {
			strbuf_puts(&sb, "  Tags       ");
			for (size_t i = 0; i < e->ntags; i++)
				strbuf_printf(&sb, "%s%s", i ? ", " : "", e->tags[i]);
			strbuf_putc(&sb, '\n');
		}
		for (size_t i = 0; i < e->nlinks; i++)
			strbuf_printf(&sb, "  %s %s\n", i ? "          " : "Links     ", e->links[i]);
		if (e->description)
			strbuf_printf(&sb, "\n  %s\n", e->description);
		if (e->nadrs) {
			strbuf_puts(&sb, "\nDecisions\n");
			for (size_t i = 0; i < e->nadrs; i++) {
				const adr_record *rec = adr_log_find(log, e->adrs[i]);
				const char *status = rec ? adr_record_status(rec) : NULL;
				if (rec)
					strbuf_printf(&sb, "  %ld. %s  [%s]  %s\n", rec->number,
						      rec->title ? rec->title : "(no title)", status ? status : "no status",
						      rec->path);
				else
					strbuf_printf(&sb, "  ADR %ld: not found in %s\n", e->adrs[i], log->dir);
			}
		}
		if (e->nratings) {
			strbuf_puts(&sb, "\nScores\n");
			for (size_t i = 0; i < e->nratings; i++) {
				const radar_rating *rt = &e->ratings[i];
				char d[11];
				date_format(rt->when, d);
				strbuf_printf(&sb, "  %s  ", d);
				cli_pad(&sb, rt->by, 8);
				for (size_t k = 0; k < cfg->ndimensions; k++) {
					if (rt->half[k] < 0)
						strbuf_printf(&sb, "  %s -  ", cfg->dimensions[k].id);
					else
						strbuf_printf(&sb, "  %s %d%-2s", cfg->dimensions[k].id,
							      rt->half[k] / 2, rt->half[k] % 2 ? ".5" : "");
				}
				if (rt->note)
					strbuf_printf(&sb, "  \"%s\"", rt->note);
				while (sb.len && sb.buf[sb.len - 1] == ' ')
					sb.buf[--sb.len] = '\0';
				strbuf_putc(&sb, '\n');
			}
		}
		{
			int any = 0;
			for (size_t i = 0; i < rd->njudgments; i++) {
				const radar_judgment *j = rd->judgments[i];
				char d[11];
				if (!j->subject || strcmp(j->subject, e->id))
					continue;
				if (!any++)
					strbuf_puts(&sb, "\nJudgments\n");
				date_format(j->when, d);
				strbuf_printf(&sb, "  %s  %s  %s\n", d, j->decision ? j->decision : "",
					      j->verdict == VERDICT_CORRECT ? "(correct)" :
					      j->verdict == VERDICT_PARTIAL ? "(partial)" :
					      j->verdict == VERDICT_INCORRECT ? "(incorrect)" : "(open)");
			}
		}
		for (size_t i = 0; hist && i < hist->n; i++) {
			const radar_hist_event *ev = &hist->events[i];
			char d[11];
			if (!i)
				strbuf_puts(&sb, "\nRing history\n");
			date_format(ev->by->day, d);
			strbuf_printf(&sb, "  %s  %-9s %-7s ", d, radar_hist_kind_name(ev->kind),
				      ev->after.placement >= 0 ? cfg->rings[ev->after.placement].id : "-");
			if (ev->after.scored)
				frac_format_fixed(&sb, ev->after.total, 2);
			else
				strbuf_puts(&sb, "   -");
			strbuf_printf(&sb, "  %.8s %s\n", ev->by->id, ev->by->subject ? ev->by->subject : "");
		}
		strbuf_printf(&sb, "\nSee 'radar score %s' for the scorecard, 'radar history %s' for details.\n",
			      e->id, e->id);
		fputs(sb.buf, stdout);
		strbuf_free(&sb);
	}
	radar_score_release(&s);
	rc = dl.errors ? EXIT_DATA : EXIT_OK;
cleanup:
	adr_log_free(log);
	radar_history_free(hist);
	diag_list_free(&adr_dl);
	diag_list_free(&dl);
	radar_free(rd);
	repo_free(r);
	return rc;
}

static const cli_option options[] = { { NULL, 0, NULL, NULL } };

const cli_command cmd_show = {
	.name = "show",
	.usage = "NAME",
	.summary = "show an entry: description, placement, linked ADRs, score blocks, judgments, ring history",
	.options = options,
	.reads = 1,
	.run = run,
};
