/* radar check: validate every file and report every problem. */
#include "cli.h"

static int run(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	radar *rd = NULL;
	diag_list dl = DIAG_LIST_INIT;
	int rc = EXIT_DATA;

	if (a->npos)
		return cli_usage_error(c, "unexpected argument '%s'", a->pos[0]);
	if (cli_load(c, &r, &rd, RADAR_LOAD_JUDGMENTS, &dl, !c->json))
		goto cleanup;
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
		printf("ok: %zu entries, %zu judgments%s\n", rd->nentries, rd->njudgments,
		       rd->cfg_found ? "" : " (no .radar.yml: defaults apply)");
	} else {
		fprintf(stderr, "%zu error%s, %zu warning%s\n", dl.errors, dl.errors == 1 ? "" : "s",
			dl.warnings, dl.warnings == 1 ? "" : "s");
	}
	rc = dl.errors ? EXIT_DATA : EXIT_OK;
cleanup:
	diag_list_free(&dl);
	radar_free(rd);
	repo_free(r);
	return rc;
}

static const cli_option options[] = { { NULL, 0, NULL, NULL } };

const cli_command cmd_check = {
	.name = "check",
	.usage = "",
	.summary = "validate .radar.yml, every entry and every judgment; report every problem",
	.details = "Prints each problem as path:line:col: error|warning: message. Exits 1 when\n"
		   "there is any error; warnings alone exit 0.\n",
	.options = options,
	.reads = 1,
	.run = run,
};
