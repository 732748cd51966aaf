/* radar due: what is due for review, oldest first. */
#include <stdlib.h>
#include <string.h>

#include "accuracy.h"
#include "adr/load.h"
#include "cli.h"

static const char *const kind_names[SOURCE_COUNT] = { "judgment", "adr", "placement" };

static int by_due(const void *a, const void *b)
{
	const radar_review_item *x = a, *y = b;
	int c = date_cmp(x->due, y->due);
	return c ? c : strcmp(x->file, y->file);
}

static int run(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	radar *rd = NULL;
	diag_list dl = DIAG_LIST_INIT;
	cli_review rv = { 0 };
	radar_review_item *items;
	size_t ndiag, n, shown = 0;
	date window;
	const char *as_of_s = cli_opt(c, a, "as-of");
	date as_of = date_today();
	json_t *arr = json_array();
	int rc = EXIT_DATA;

	if (a->npos)
		rc = cli_usage_error(c, "unexpected argument '%s'", a->pos[0]);
	else if (as_of_s && date_parse(as_of_s, &as_of))
		rc = cli_usage_error(c, "--as-of '%s' is not a real date (YYYY-MM-DD)", as_of_s);
	if (rc == EXIT_USAGE)
		goto cleanup;
	if (cli_load(c, &r, &rd, RADAR_LOAD_JUDGMENTS, &dl, 1))
		goto cleanup;
	ndiag = dl.n;
	cli_review_load(c, r, rd, as_of, &rv, &dl);
	cli_print_diags_from(c, &dl, ndiag);
	items = rv.items;
	n = rv.n;
	qsort(items, n, sizeof(*items), by_due);
	/* A placement settles itself from history; it is worth a look while it is recent. */
	window = date_add_months(as_of, -rd->cfg->review_after_months);
	for (size_t i = 0; i < n; i++) {
		const radar_review_item *it = &items[i];
		int placement = it->source == SOURCE_PLACEMENT;
		char d[11];
		if (date_cmp(it->due, as_of) > 0)
			continue;
		if (placement ? date_cmp(it->due, window) <= 0 : it->verdict != VERDICT_NONE)
			continue;
		date_format(it->due, d);
		if (c->json) {
			json_t *o = json_object();
			json_object_set_new(o, "kind", json_string(kind_names[it->source]));
			json_object_set_new(o, "file", json_string(it->file));
			json_object_set_new(o, "subject", it->subject ? json_string(it->subject) : json_null());
			json_object_set_new(o, "due", json_string(d));
			if (placement)
				json_object_set_new(o, "verdict", json_string(radar_verdict_name(it->verdict)));
			json_array_append_new(arr, o);
		} else {
			long late = date_to_days(as_of) - date_to_days(it->due);
			if (!shown)
				printf("%sdue         kind       subject                         file%s\n",
				       cli_sgr(c, "1"), cli_sgr(c, "0"));
			printf("%s  %-9s  %-30.30s  %s", d, kind_names[it->source],
			       it->subject ? it->subject : "-", it->file);
			if (placement)
				printf("  (%s)", radar_verdict_name(it->verdict));
			else if (late > 0)
				printf("  (%ld day%s overdue)", late, late == 1 ? "" : "s");
			putchar('\n');
		}
		shown++;
	}
	if (c->json) {
		cli_json_print(arr);
		arr = NULL;
	} else if (!shown) {
		char d[11];
		date_format(as_of, d);
		printf("nothing due for review as of %s\n", d);
	}
	rc = dl.errors ? EXIT_DATA : EXIT_OK;
cleanup:
	json_decref(arr);
	cli_review_free(&rv);
	diag_list_free(&dl);
	radar_free(rd);
	repo_free(r);
	return rc;
}

static const cli_option options[] = {
	{ "as-of", 0, "DATE", "what is due on DATE (default: today)" },
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_due = {
	.name = "due",
	.usage = "[--as-of DATE]",
	.summary = "list judgments, ADRs and placements due for review, oldest first",
	.details = "A judgment falls due on its review_on date, else review.after_months\n"
		   "calendar months after its date (Jan 31 + 1 month = Feb 28/29); it is listed\n"
		   "until its outcome is recorded (radar judge --review). An ADR with review-on in\n"
		   "its front matter is listed until it has an outcome. A placement (an entry added\n"
		   "with a ring, or moved) falls due review.after_months after its commit and is\n"
		   "settled by history: it is listed, with what became of it, during the\n"
		   "review.after_months after it fell due.\n",
	.options = options,
	.reads = 1,
	.run = run,
};
