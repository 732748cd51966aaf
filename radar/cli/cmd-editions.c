/* radar editions: the release tags, oldest first, with their dates. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "history.h"

static int run(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	repo_tag *tags = NULL;
	size_t n = 0;
	strbuf err = STRBUF_INIT;
	int rc = EXIT_DATA;

	if (a->npos)
		return cli_usage_error(c, "unexpected argument '%s'", a->pos[0]);
	if (cli_open_repo(c, &r, 0))
		return EXIT_DATA;
	if (!repo_is_git(r)) {
		rc = cli_error(c, "editions are Git tags: this directory is not in a Git repository");
		goto cleanup;
	}
	if (repo_list_releases(r, c->rev, &tags, &n, &err)) {
		rc = cli_error(c, "%s", strbuf_str(&err));
		goto cleanup;
	}
	if (c->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_object();
			char day[11], when[26];
			date_format(radar_day_of(tags[i].time, tags[i].offset), day);
			radar_format_time(tags[i].time, tags[i].offset, when);
			json_object_set_new(o, "name", json_string(tags[i].name));
			json_object_set_new(o, "date", json_string(day));
			json_object_set_new(o, "time", json_string(when));
			json_object_set_new(o, "commit", json_string(tags[i].commit));
			json_object_set_new(o, "tagger", tags[i].tagger ? json_string(tags[i].tagger) : json_null());
			json_object_set_new(o, "message", json_string(tags[i].message));
			json_array_append_new(arr, o);
		}
		cli_json_print(arr);
	} else {
		size_t w = 4;
		for (size_t i = 0; i < n; i++)
			if (strlen(tags[i].name) > w)
				w = strlen(tags[i].name);
		for (size_t i = 0; i < n; i++) {
			char day[11];
			strbuf sb = STRBUF_INIT;
			date_format(radar_day_of(tags[i].time, tags[i].offset), day);
			cli_pad(&sb, tags[i].name, w);
			strbuf_printf(&sb, "  %s  %.10s  %s", day, tags[i].commit, tags[i].message);
			while (sb.len && sb.buf[sb.len - 1] == ' ')
				sb.buf[--sb.len] = '\0';
			printf("%s\n", sb.buf);
			strbuf_free(&sb);
		}
	}
	rc = EXIT_OK;

cleanup:
	repo_tags_free(tags, n);
	strbuf_free(&err);
	repo_free(r);
	return rc;
}

static const cli_option options[] = {
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_editions = {
	.name = "editions",
	.usage = "",
	.summary = "the radar's editions (release tags), oldest first, with their dates",
	.details = "An edition is an annotated tag on a commit (radar release makes them);\n"
		   "lightweight tags are not editions. With --rev, only the editions on that\n"
		   "commit or its ancestors.\n",
	.options = options,
	.reads = 1,
	.run = run,
};
