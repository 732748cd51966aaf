/* radar move NAME RING: the team decides a placement. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int run(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	radar *rd = NULL;
	diag_list dl = DIAG_LIST_INIT;
	const radar_entry *e;
	const char *reason = cli_opt(c, a, "reason");
	strbuf msg = STRBUF_INIT, err = STRBUF_INIT;
	int ring, rc = EXIT_DATA;

	if (a->npos != 2)
		return cli_usage_error(c, "give the entry's NAME and the RING to move it to");
	if (cli_begin_edit(c, &r, &rd, &dl))
		goto cleanup;
	if (!(e = cli_find_entry(c, rd, a->pos[0], &dl)))
		goto cleanup;
	if ((ring = radar_config_find_ring(rd->cfg, a->pos[1])) < 0) {
		char *list = radar_config_ring_list(rd->cfg);
		rc = cli_usage_error(c, "unknown ring '%s' (rings: %s)", a->pos[1], list);
		free(list);
		goto cleanup;
	}
	if (e->ring == ring) {
		printf("%s is already in %s; nothing to do\n", e->name, rd->cfg->rings[ring].id);
		rc = EXIT_OK;
		goto cleanup;
	}
	strbuf_printf(&msg, "radar: move %s", e->name);
	if (e->ring >= 0)
		strbuf_printf(&msg, " from %s", rd->cfg->rings[e->ring].id);
	strbuf_printf(&msg, " to %s", rd->cfg->rings[ring].id);
	if (reason)
		strbuf_printf(&msg, "\n\n%s\n", reason);
	rc = cli_edit_entry(c, r, rd, e, a, radar_entry_set_ring, rd->cfg->rings[ring].id, msg.buf);
cleanup:
	if (r)
		repo_unlock(r);
	strbuf_free(&msg);
	strbuf_free(&err);
	diag_list_free(&dl);
	radar_free(rd);
	repo_free(r);
	return rc;
}

static const cli_option options[] = {
	{ "reason", 0, "TEXT", "why: goes into the commit message" },
	{ "no-commit", 0, NULL, "write the file but do not commit it" },
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_move = {
	.name = "move",
	.usage = "NAME RING [--reason TEXT] [--no-commit]",
	.summary = "set an entry's declared ring and commit it",
	.options = options,
	.run = run,
};
