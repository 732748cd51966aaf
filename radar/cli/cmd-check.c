/* radar check: validate every file and report every problem. */
#include <stdlib.h>

#include "adr/load.h"
#include "adr/set.h"
#include "cli.h"

/* ADR numbers that entries cite must exist. */
static void check_cited_adrs(const radar *rd, const adr_log *log, diag_list *dl)
{
	for (size_t i = 0; i < rd->nentries; i++) {
		const radar_entry *e = rd->entries[i];
		for (size_t k = 0; k < e->nadrs; k++)
			if (!adr_log_find(log, e->adrs[k]))
				diag_add(dl, DIAG_WARNING, e->path, 1, 1,
					 "cites ADR %ld, which is not in %s", e->adrs[k], log->dir);
	}
}

static int run(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	radar *rd = NULL;
	diag_list dl = DIAG_LIST_INIT;
	adr_log *log = NULL;
	int rc = EXIT_DATA;

	if (a->npos)
		return cli_usage_error(c, "unexpected argument '%s'", a->pos[0]);
	if (cli_load(c, &r, &rd, RADAR_LOAD_JUDGMENTS, &dl, 0))
		goto cleanup;
	log = cli_load_adrs(r, rd, &dl);
	adr_check_set(log->recs, log->n, (const char *const *)rd->cfg->statuses, rd->cfg->nstatuses, &dl);
	check_cited_adrs(rd, log, &dl);
	diag_sort(&dl);
	if (!c->json)
		cli_print_diags(c, &dl);
	if (c->json) {
		json_t *o = json_object(), *arr = json_array();
		json_object_set_new(o, "ok", json_boolean(dl.errors == 0));
		for (size_t i = 0; i < dl.n; i++) {
			const diag *d = &dl.items[i];
			json_t *dj = json_object();
			json_object_set_new(dj, "path", json_string(d->path));
			json_object_set_new(dj, "line", json_integer(d->line ? d->line : 1));
			json_object_set_new(dj, "col", json_integer(d->col ? d->col : 1));
			json_object_set_new(dj, "severity",
					    json_string(d->severity == DIAG_ERROR ? "error" : "warning"));
			json_object_set_new(dj, "message", json_string(d->message));
			json_array_append_new(arr, dj);
		}
		json_object_set_new(o, "diagnostics", arr);
		cli_json_print(o);
	} else if (!dl.n) {
		printf("ok: %zu entries, %zu judgments, %zu ADRs%s\n", rd->nentries, rd->njudgments,
		       log->n, rd->cfg_found ? "" : " (no .radar.yml: defaults apply)");
	} else {
		fprintf(stderr, "%zu error%s, %zu warning%s\n", dl.errors, dl.errors == 1 ? "" : "s",
			dl.warnings, dl.warnings == 1 ? "" : "s");
	}
	rc = dl.errors ? EXIT_DATA : EXIT_OK;
cleanup:
	adr_log_free(log);
	diag_list_free(&dl);
	radar_free(rd);
	repo_free(r);
	return rc;
}

static const cli_option options[] = { { NULL, 0, NULL, NULL } };

const cli_command cmd_check = {
	.name = "check",
	.usage = "",
	.summary = "validate .radar.yml, entries, judgments and ADRs; report every problem",
	.details = "Prints each problem as path:line:col: error|warning: message. Exits 1 when\n"
		   "there is any error; warnings alone exit 0. ADRs are checked for duplicate\n"
		   "numbers, gaps, broken links, superseded records still accepted and unknown\n"
		   "statuses (beyond proposed, accepted, rejected, deprecated, superseded and the\n"
		   "adr.statuses of .radar.yml).\n",
	.options = options,
	.reads = 1,
	.run = run,
};
