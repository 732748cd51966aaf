/* radar due: what is due for review, oldest first. */
#include <stdlib.h>
#include <string.h>

#include "accuracy.h"
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
	radar_review_item *items = NULL;
	size_t n = 0, shown = 0;
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
	radar_review_items_from_judgments(rd, &items, &n);
	qsort(items, n, sizeof(*items), by_due);
	for (size_t i = 0; i < n; i++) {
		const radar_review_item *it = &items[i];
		char d[11];
		if (it->verdict != VERDICT_NONE || date_cmp(it->due, as_of) > 0)
			continue;
		date_format(it->due, d);
		if (c->json) {
			json_t *o = json_object();
			json_object_set_new(o, "kind", json_string(kind_names[it->source]));
			json_object_set_new(o, "file", json_string(it->file));
			json_object_set_new(o, "subject", it->subject ? json_string(it->subject) : json_null());
			json_object_set_new(o, "due", json_string(d));
			json_array_append_new(arr, o);
		} else {
			long late = date_to_days(as_of) - date_to_days(it->due);
			if (!shown)
				printf("%sdue         kind       subject                         file%s\n",
				       cli_sgr(c, "1"), cli_sgr(c, "0"));
			printf("%s  %-9s  %-30.30s  %s", d, kind_names[it->source],
			       it->subject ? it->subject : "-", it->file);
			if (late > 0)
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
	free(items);
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
	.summary = "list the judgments due for review and not yet reviewed, oldest first",
	.details = "A judgment falls due on its review_on date, else review.after_months\n"
		   "calendar months after its date (Jan 31 + 1 month = Feb 28/29).\n",
	.options = options,
	.reads = 1,
	.run = run,
};
