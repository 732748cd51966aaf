/* radar add NAME -q QUADRANT: put a new technology on the radar. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/text.h"

static int run(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	radar *rd = NULL;
	diag_list dl = DIAG_LIST_INIT;
	const char *quad_s = cli_opt(c, a, "quadrant"), *ring_s = cli_opt(c, a, "ring"),
		   *desc = cli_opt(c, a, "description"), *id_s = cli_opt(c, a, "id");
	char *id = NULL, *yaml = NULL, *message = NULL;
	strbuf path = STRBUF_INIT, msg = STRBUF_INIT;
	int quadrant, ring = -1, rc = EXIT_DATA;
	repo_file file;

	if (a->npos != 1)
		return cli_usage_error(c, a->npos ? "one NAME at a time (quote a name with spaces)"
						  : "what is the technology's NAME?");
	if (!quad_s)
		return cli_usage_error(c, "which quadrant? give -q QUADRANT");
	if (!*a->pos[0] || !text_is_utf8(a->pos[0], strlen(a->pos[0])))
		return cli_usage_error(c, "NAME must be non-empty UTF-8 text");
	if (cli_begin_edit(c, &r, &rd, &dl))
		goto cleanup;
	if ((quadrant = radar_config_find_quadrant(rd->cfg, quad_s)) < 0) {
		char *list = radar_config_quadrant_list(rd->cfg);
		rc = cli_usage_error(c, "unknown quadrant '%s' (quadrants: %s)", quad_s, list);
		free(list);
		goto cleanup;
	}
	if (ring_s && (ring = radar_config_find_ring(rd->cfg, ring_s)) < 0) {
		char *list = radar_config_ring_list(rd->cfg);
		rc = cli_usage_error(c, "unknown ring '%s' (rings: %s)", ring_s, list);
		free(list);
		goto cleanup;
	}
	id = id_s ? xstrdup(id_s) : text_slugify(a->pos[0]);
	if (!text_is_slug(id)) {
		rc = id_s ? cli_usage_error(c, "id '%s' must be lower-case letters, digits and '-'", id)
			  : cli_usage_error(c, "cannot make an id from '%s'; give one with --id", a->pos[0]);
		goto cleanup;
	}
	if (radar_find(rd, id) || radar_find(rd, a->pos[0]) || radar_is_broken(rd, id)) {
		rc = cli_error(c, "'%s' is already on the radar (%s/%s.yaml); nothing written", a->pos[0],
			       rd->cfg->entries_path, id);
		goto cleanup;
	}
	strbuf_printf(&path, "%s/%s.yaml", rd->cfg->entries_path, id);
	if (repo_path_kind(r, path.buf)) {
		rc = cli_error(c, "%s already exists; nothing written", path.buf);
		goto cleanup;
	}
	yaml = radar_entry_new_yaml(rd->cfg, a->pos[0], quadrant, ring, desc);
	file.path = path.buf;
	file.data = yaml;
	file.len = strlen(yaml);
	strbuf_reset(&msg);
	strbuf_printf(&msg, "radar: add %s to %s", a->pos[0], rd->cfg->quadrants[quadrant].id);
	if (ring >= 0)
		strbuf_printf(&msg, " in %s", rd->cfg->rings[ring].id);
	message = strbuf_detach(&msg);
	rc = cli_write(c, r, rd->cfg, a, &file, 1, message);
cleanup:
	if (r)
		repo_unlock(r);
	free(id);
	free(yaml);
	free(message);
	strbuf_free(&path);
	strbuf_free(&msg);
	diag_list_free(&dl);
	radar_free(rd);
	repo_free(r);
	return rc;
}

static const cli_option options[] = {
	{ "quadrant", 'q', "QUADRANT", "the quadrant (required)" },
	{ "ring", 'r', "RING", "the declared ring (default: none; the scorecard decides)" },
	{ "description", 'd', "TEXT", "a sentence or two on what it is and why it is here" },
	{ "id", 0, "ID", "the file's id (default: the name as a slug)" },
	{ "no-commit", 0, NULL, "write the file but do not commit it" },
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_add = {
	.name = "add",
	.usage = "NAME -q QUADRANT [-r RING] [-d TEXT] [--id ID] [--no-commit]",
	.summary = "add a technology: writes radar/<id>.yaml and commits it",
	.options = options,
	.run = run,
};
