/* radar release EDITION [-m MSG]: an annotated tag marking an edition. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int run(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	radar_config *cfg = NULL;
	strbuf err = STRBUF_INIT, msg = STRBUF_INIT;
	const char *m = cli_opt(c, a, "message");
	char *commit = NULL;
	int rc = EXIT_DATA, ret;

	if (!a->npos)
		return cli_usage_error(c, "which edition? (e.g. radar release 2026-Q4)");
	if (a->npos > 1)
		return cli_usage_error(c, "unexpected argument '%s'", a->pos[1]);
	if (m && !*m)
		return cli_usage_error(c, "the message is empty");
	if (cli_open_repo(c, &r, 1))
		return EXIT_DATA;
	if (!repo_is_git(r)) {
		rc = cli_error(c, "an edition is a Git tag: this directory is not in a Git repository");
		goto cleanup;
	}
	if (m) {
		strbuf_puts(&msg, m);
	} else {
		cli_load_config(c, r, &cfg);
		strbuf_printf(&msg, "%s, %s edition", cfg->title && *cfg->title ? cfg->title : "Technology Radar",
			      a->pos[0]);
	}
	ret = repo_create_release(r, a->pos[0], msg.buf, &commit, &err);
	if (ret) {
		cli_error(c, "%s", strbuf_str(&err));
		goto cleanup;
	}
	printf("tagged %s on %.10s\n", a->pos[0], commit);
	rc = EXIT_OK;

cleanup:
	free(commit);
	radar_config_free(cfg);
	strbuf_free(&err);
	strbuf_free(&msg);
	repo_free(r);
	return rc;
}

static const cli_option options[] = {
	{ "message", 'm', "MSG", "the tag's message (default: \"<title>, EDITION edition\")" },
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_release = {
	.name = "release",
	.usage = "EDITION [-m MSG]",
	.summary = "mark the current commit as an edition (an annotated tag, e.g. 2026-Q4)",
	.details = "Tags HEAD (in a bare repository too) with the user's identity. An existing tag\n"
		   "is never moved: the command fails instead, also when another process created\n"
		   "the tag meanwhile. Uncommitted edits are not part of the edition.\n",
	.options = options,
	.reads = 0,
	.run = run,
};
