/* radar init: start a radar in this repository. */
#include <stdlib.h>
#include <sys/stat.h>
#include <errno.h>
#include <string.h>

#include "cli.h"

static int make_dir(cli_ctx *c, const char *root, const char *rel)
{
	strbuf path = STRBUF_INIT;
	int rc = 0;

	strbuf_printf(&path, "%s%s", root, rel);
	for (char *p = path.buf + strlen(root); ; p++) {
		if (*p == '/' || !*p) {
			char saved = *p;
			*p = '\0';
			if (mkdir(path.buf, 0777) && errno != EEXIST) {
				rc = cli_error(c, "%s: %s", path.buf, strerror(errno));
				break;
			}
			*p = saved;
			if (!saved)
				break;
		}
	}
	strbuf_free(&path);
	return rc;
}

static int run(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	radar_config *cfg = NULL;
	const char *title = cli_opt(c, a, "title");
	char *yaml = NULL;
	int rc = EXIT_DATA;
	repo_file file;

	if (a->npos)
		return cli_usage_error(c, "unexpected argument '%s'", a->pos[0]);
	cfg = radar_config_default();
	if (cli_open_repo(c, &r, 1))
		goto cleanup;
	if (repo_is_bare(r)) {
		rc = cli_error(c, "cannot write in a bare repository");
		goto cleanup;
	}
	if (repo_path_kind(r, RADAR_CONFIG_FILE)) {
		rc = cli_error(c, "%s%s already exists; nothing written", repo_workdir(r), RADAR_CONFIG_FILE);
		goto cleanup;
	}
	if (title) {
		free(cfg->title);
		cfg->title = xstrdup(title);
	}
	yaml = radar_config_to_yaml(cfg);
	file.path = RADAR_CONFIG_FILE;
	file.data = yaml;
	file.len = strlen(yaml);
	/* The folders come after the write, so a refused write leaves nothing behind. */
	if ((rc = cli_write(c, r, cfg, a, &file, 1, "radar: init")))
		goto cleanup;
	if (make_dir(c, repo_workdir(r), cfg->entries_path) ||
	    make_dir(c, repo_workdir(r), cfg->adr_path) ||
	    make_dir(c, repo_workdir(r), cfg->judgments_path))
		rc = EXIT_DATA;
cleanup:
	free(yaml);
	radar_config_free(cfg);
	repo_free(r);
	return rc;
}

static const cli_option options[] = {
	{ "title", 0, "TITLE", "the radar's title (default: Technology Radar)" },
	{ "no-commit", 0, NULL, "write the file but do not commit it" },
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_init = {
	.name = "init",
	.usage = "[--title TITLE] [--no-commit]",
	.summary = "write .radar.yml with the defaults, make the folders, commit",
	.details = "The defaults: quadrants techniques, tools, platforms, languages-and-frameworks;\n"
		   "rings adopt, trial, assess, hold; maturity 30%, ecosystem 25%, migration cost\n"
		   "25%, long-term maintenance 20%; 4.0+ adopt, 3.5 trial, 3.0 assess, below: hold.\n",
	.options = options,
	.run = run,
};
