/* radar rate NAME --maturity 4 ...: add a score block to an entry. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/yamltree.h"

static int run(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	radar *rd = NULL;
	diag_list dl = DIAG_LIST_INIT;
	const radar_entry *e;
	const radar_config *cfg;
	const char *note = cli_opt(c, a, "note"), *when_s = cli_opt(c, a, "date");
	char *who = NULL, *message = NULL;
	strbuf block = STRBUF_INIT, msg = STRBUF_INIT, err = STRBUF_INIT;
	int rc = EXIT_DATA;
	date when = date_today();
	char d[11];

	if (a->npos != 1)
		return cli_usage_error(c, a->npos ? "one NAME at a time" : "which entry? give its NAME");
	if (!a->nextra)
		return cli_usage_error(c, "give at least one score, e.g. --maturity 4 --ecosystem 3.5");
	if (when_s && date_parse(when_s, &when))
		return cli_usage_error(c, "--date '%s' is not a real date in the form YYYY-MM-DD", when_s);
	if (cli_begin_edit(c, &r, &rd, &dl))
		goto cleanup;
	cfg = rd->cfg;
	if (!(e = cli_find_entry(c, rd, a->pos[0], &dl)))
		goto cleanup;
	who = cli_who(r, cli_opt(c, a, "by"));
	date_format(when, d);
	strbuf_printf(&block, "{date: %s, by: ", d);
	yt_write_scalar(&block, who);
	for (size_t i = 0; i < a->nextra; i++) {
		int dim = radar_config_find_dimension(cfg, a->extra_names[i]);
		frac f;
		for (size_t k = 0; k < i && dim >= 0; k++)
			if (radar_config_find_dimension(cfg, a->extra_names[k]) == dim) {
				rc = cli_usage_error(c, "--%s given twice; one score per dimension",
						     cfg->dimensions[dim].id);
				goto cleanup;
			}
		if (dim < 0) {
			strbuf ids = STRBUF_INIT;
			for (size_t k = 0; k < cfg->ndimensions; k++)
				strbuf_printf(&ids, "%s--%s", k ? ", " : "", cfg->dimensions[k].id);
			rc = cli_usage_error(c, "unknown option '--%s' (scorecard dimensions: %s)",
					     a->extra_names[i], ids.buf);
			strbuf_free(&ids);
			goto cleanup;
		}
		if (frac_parse_decimal(a->extra_values[i], &f) || (f.den != 1 && f.den != 2) ||
		    frac_cmp(f, frac_make(cfg->scale_min, 1)) < 0 ||
		    frac_cmp(f, frac_make(cfg->scale_max, 1)) > 0) {
			rc = cli_usage_error(c, "--%s '%s': a score is %d to %d in steps of 0.5",
					     a->extra_names[i], a->extra_values[i], cfg->scale_min,
					     cfg->scale_max);
			goto cleanup;
		}
		strbuf_printf(&block, ", %s: ", cfg->dimensions[dim].id);
		frac_format_fixed(&block, f, f.den == 1 ? 0 : 1);
	}
	if (note) {
		strbuf_puts(&block, ", note: ");
		yt_write_scalar(&block, note);
	}
	strbuf_putc(&block, '}');
	strbuf_printf(&msg, "radar: rate %s (by %s)", e->name, who);
	message = strbuf_detach(&msg);
	rc = cli_edit_entry(c, r, rd, e, a, radar_entry_append_rating, block.buf, message);
cleanup:
	if (r)
		repo_unlock(r);
	free(who);
	free(message);
	strbuf_free(&block);
	strbuf_free(&msg);
	strbuf_free(&err);
	diag_list_free(&dl);
	radar_free(rd);
	repo_free(r);
	return rc;
}

static const cli_option options[] = {
	{ "by", 0, "WHO", "who rates (default: Git's user.name, else $USER)" },
	{ "note", 0, "TEXT", "why, in a few words" },
	{ "date", 0, "YYYY-MM-DD", "the rating's date (default: today)" },
	{ "no-commit", 0, NULL, "write the file but do not commit it" },
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_rate = {
	.name = "rate",
	.usage = "NAME --DIMENSION SCORE... [--by WHO] [--note TEXT] [--date DATE] [--no-commit]",
	.summary = "add a score block to an entry (e.g. --maturity 4 --ecosystem 3.5) and commit it",
	.details = "Each scorecard dimension of .radar.yml is an option (by default --maturity,\n"
		   "--ecosystem, --migration, --maintenance); scores are on the configured scale in\n"
		   "steps of 0.5. A rating may give only some dimensions: for the others the rater's\n"
		   "earlier scores stand. The block is appended to the file's scores list, keeping\n"
		   "the rest of the file (comments included) as it was.\n",
	.options = options,
	.extra_options = 1,
	.run = run,
};
