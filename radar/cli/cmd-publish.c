/* radar publish -o DIR: the radar, its entries, the ADR log and accuracy as a static site. */
#include <stdlib.h>
#include <string.h>

#include "accuracy.h"
#include "draw-commands.h"
#include "adr/load.h"
#include "history.h"
#include "render-cli.h"
#include "renderer/site.h"
#include "util/date.h"

static const char *const source_labels[SOURCE_COUNT] = { "Judgment log", "ADRs", "Placements" };

static int keep_source(const radar_review_item *it, const void *arg)
{
	return (int)it->source == *(const int *)arg;
}

static int keep_person(const radar_review_item *it, const void *arg)
{
	return it->by && !strcmp(it->by, arg);
}

static int keep_quadrant(const radar_review_item *it, const void *arg)
{
	return it->quadrant == *(const int *)arg;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The breakdowns of the accuracy page: by source, by person, by quadrant. */
static site_accuracy_row *accuracy_rows(const cli_review *rv, const radar_config *cfg,
					const radar_accuracy_filter *f, size_t *n)
{
	size_t cap = SOURCE_COUNT + cfg->nquadrants + rv->n + 1, np = 0;
	site_accuracy_row *rows = xcalloc(cap, sizeof(*rows));
	const char **people = xcalloc(rv->n + 1, sizeof(char *));
	int *idx = xcalloc(SOURCE_COUNT + cfg->nquadrants + 1, sizeof(int));

	*n = 0;
	for (int s = 0; s < SOURCE_COUNT; s++) {
		idx[s] = s;
		rows[*n].group = "source";
		rows[*n].label = source_labels[s];
		radar_accuracy_compute(&rows[*n].acc, rv->items, rv->n, f, keep_source, &idx[s]);
		(*n)++;
	}
	for (size_t i = 0; i < rv->n; i++)
		if (rv->items[i].by)
			people[np++] = rv->items[i].by;
	qsort(people, np, sizeof(char *), cmp_str);
	for (size_t i = 0; i < np; i++) {
		if (i && !strcmp(people[i], people[i - 1]))
			continue;
		rows[*n].group = "person";
		rows[*n].label = people[i];
		radar_accuracy_compute(&rows[*n].acc, rv->items, rv->n, f, keep_person, people[i]);
		(*n)++;
	}
	for (size_t q = 0; q < cfg->nquadrants; q++) {
		idx[SOURCE_COUNT + q] = (int)q;
		rows[*n].group = "quadrant";
		rows[*n].label = cfg->quadrants[q].name;
		radar_accuracy_compute(&rows[*n].acc, rv->items, rv->n, f, keep_quadrant,
				       &idx[SOURCE_COUNT + q]);
		(*n)++;
	}
	free(people);
	/* the keep functions have run; the ints are no longer needed */
	free(idx);
	return rows;
}

static int run(cli_ctx *c, const cli_args *a)
{
	const char *dir = cli_opt(c, a, "output"), *as_of_s = cli_opt(c, a, "as-of");
	render_job job;
	render_style st = { 0, 96 };
	strbuf svg = STRBUF_INIT, err = STRBUF_INIT;
	cli_review rv;
	diag_list adr_dl = DIAG_LIST_INIT;
	radar_accuracy_filter filter;
	radar_accuracy acc;
	site_accuracy_row *rows = NULL;
	size_t nrows = 0;
	char **texts = NULL;
	size_t *lens = NULL;
	site *s = NULL;
	site_input in;
	char as_of_buf[11], *since = NULL;
	date as_of;
	int rc;

	memset(&job, 0, sizeof(job));
	memset(&rv, 0, sizeof(rv));
	if (a->npos)
		return cli_usage_error(c, "unexpected argument '%s' (the folder goes after -o)", a->pos[0]);
	if (!dir || !*dir)
		return cli_usage_error(c, "where to? give -o DIR");
	if (as_of_s && date_parse(as_of_s, &as_of))
		return cli_usage_error(c, "--as-of: '%s' is not a date (YYYY-MM-DD)", as_of_s);
	if (!as_of_s)
		as_of = date_today();
	date_format(as_of, as_of_buf);
	if ((rc = render_cli_prepare_flags(c, a, &job, RADAR_LOAD_JUDGMENTS)))
		goto cleanup;
	rc = EXIT_DATA;
	if (job.data_errors) {
		cli_error(c, "not writing %s: the radar has errors (see above; 'radar check')", dir);
		goto cleanup;
	}
	if (render_draw(job.l, &job.sc.in, &st, job.m, RENDER_SVG, &svg, &err)) {
		cli_error(c, "%s", strbuf_str(&err));
		goto cleanup;
	}
	/* ADRs, judgments, placements and the history they come from: loaded once. */
	cli_review_load(c, job.r, job.rd, as_of, &rv, &adr_dl);
	texts = xcalloc(rv.log->n + 1, sizeof(char *));
	lens = xcalloc(rv.log->n + 1, sizeof(size_t));
	for (size_t i = 0; i < rv.log->n; i++) {
		strbuf p = STRBUF_INIT;
		strbuf_printf(&p, "%s/%s", rv.log->dir, rv.log->recs[i]->file);
		strbuf_reset(&err);
		if (repo_read_file(job.r, p.buf, ADR_MAX_FILE, &texts[i], &lens[i], &err))
			texts[i] = NULL;
		strbuf_free(&p);
	}
	memset(&filter, 0, sizeof(filter));
	filter.as_of = as_of;
	radar_accuracy_compute(&acc, rv.items, rv.n, &filter, NULL, NULL);
	rows = accuracy_rows(&rv, job.rd->cfg, &filter, &nrows);

	/* The marker line names the edition the markers compare with. */
	since = (char *)cli_opt(c, a, "since");
	if (!since && job.since) {
		const char *p = strstr(job.edition, " · changes since ");
		since = p ? (char *)p + strlen(" · changes since ") : NULL;
	}
	memset(&in, 0, sizeof(in));
	in.rd = job.rd;
	in.title = job.sc.in.title;
	in.edition = job.edition;
	in.since = job.since ? since : NULL;
	in.l = job.l;
	in.lin = &job.sc.in;
	in.svg = svg.buf;
	in.svg_len = svg.len;
	in.history = rv.history;
	in.adrs = rv.log;
	in.adr_texts = (const char *const *)texts;
	in.adr_lens = lens;
	in.accuracy = &acc;
	in.acc_rows = rows;
	in.nacc_rows = nrows;
	in.as_of = as_of_buf;
	strbuf_reset(&err);
	if (site_build(&s, &in, &err) || site_write(s, dir, &err)) {
		cli_error(c, "%s", strbuf_str(&err));
		goto cleanup;
	}
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "dir", json_string(dir));
		json_object_set_new(o, "files", json_integer((json_int_t)s->n));
		json_object_set_new(o, "entries", json_integer((json_int_t)s->entry_pages));
		json_object_set_new(o, "blips", json_integer((json_int_t)job.l->nblips));
		json_object_set_new(o, "adrs", json_integer((json_int_t)s->adr_pages));
		rc = cli_json_print(o);
	} else {
		printf("wrote %s (%zu files: index, %zu entry pages, %zu ADR pages, accuracy)\n", dir,
		       s->n, s->entry_pages, s->adr_pages);
		rc = EXIT_OK;
	}
cleanup:
	if (texts)
		for (size_t i = 0; rv.log && i < rv.log->n; i++)
			free(texts[i]);
	free(texts);
	free(lens);
	free(rows);
	site_free(s);
	cli_review_free(&rv);
	diag_list_free(&adr_dl);
	render_cli_release(&job);
	strbuf_free(&svg);
	strbuf_free(&err);
	return rc;
}

static const cli_option options[] = {
	{ "output", 'o', "DIR", "the folder to write the site to (replaced as a whole)" },
	RENDER_CLI_OPTIONS,
	{ "as-of", 0, "DATE", "the accuracy page's date: what is open or overdue (default today)" },
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_publish = {
	.name = "publish",
	.usage = "-o DIR [--since REV] [--edition E] [--title T] [--as-of DATE] [--preset P | --size WxH]",
	.summary = RADAR_SUMMARY_PUBLISH,
	.details = "The site works from file:// and from any web server, with nothing fetched at\n"
		   "view time: index.html holds the radar as inline SVG with a link over every blip\n"
		   "(its name shows on hover and keyboard focus), a filter box (name, tag, ring,\n"
		   "quadrant), the legend, the edition and the markers since the last edition\n"
		   "(--since REV to choose); entries/ has one page per entry (description,\n"
		   "scorecard, ring history, linked ADRs, judgments); adr/ the decision log, its\n"
		   "Markdown rendered in safe mode (no raw HTML), statuses and supersede links both\n"
		   "ways; accuracy.html the judgment accuracy. Light and dark follow the browser.\n"
		   "The site is built in a new folder beside DIR that then takes DIR's place, so DIR\n"
		   "never holds half a site. An existing DIR is replaced only when it is empty or\n"
		   "an earlier site (it holds .radar-site).\n",
	.options = options,
	.reads = 1,
	.run = run,
};
