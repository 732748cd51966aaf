/*
 * radar import --from FORMAT FILE|DIR: entries (and the quadrants and rings
 * they need) from another radar tool, written and committed as one commit.
 * Nothing is written when anything in the input is wrong.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "interchange.h"

#define IMPORT_MAX (64 * 1024 * 1024)

/* Reads a whole file (at most `max` bytes); prints why not and returns -1. */
static int read_whole(cli_ctx *c, const char *path, size_t max, char **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	strbuf sb = STRBUF_INIT;
	char chunk[65536];
	size_t n;

	if (!f || fstat(fileno(f), &st)) {
		cli_error(c, "%s: %s", path, strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		fclose(f);
		cli_error(c, "%s: is a folder; this format reads a file", path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		strbuf_add(&sb, chunk, n);
		if (sb.len > max) {
			fclose(f);
			strbuf_free(&sb);
			cli_error(c, "%s: larger than %zu MiB", path, max >> 20);
			return -1;
		}
	}
	fclose(f);
	*len = sb.len;
	*buf = sb.len ? strbuf_detach(&sb) : xstrdup("");
	strbuf_free(&sb);
	return 0;
}

static int is_dir(const char *path)
{
	struct stat st;
	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in a folder, sorted, without dot files. */
static char **list_dir(const char *path, size_t *n)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL;
	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		names = xrealloc(names, (*n + 1) * sizeof(char *));
		names[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n)
		qsort(names, *n, sizeof(char *), cmp_str);
	return names;
}

typedef struct aoe_input {
	radar_aoe_file *files;
	size_t n;
	char **owned; /* paths, releases, ids, buffers */
	size_t nowned;
	char *config_path, *config_buf;
	size_t config_len;
} aoe_input;

static char *own(aoe_input *in, char *s)
{
	in->owned = xrealloc(in->owned, (in->nowned + 1) * sizeof(char *));
	in->owned[in->nowned++] = s;
	return s;
}

static void aoe_input_free(aoe_input *in)
{
	for (size_t i = 0; i < in->nowned; i++)
		free(in->owned[i]);
	free(in->owned);
	free(in->files);
	free(in->config_path);
	free(in->config_buf);
}

/* Reads the generator's config.json when it names quadrants or rings. */
static int aoe_config(cli_ctx *c, aoe_input *in, const char *dir)
{
	static const char *const names[] = { "config.json", "config.default.json" };
	for (int i = 0; i < 2; i++) {
		strbuf p = STRBUF_INIT;
		char *buf;
		size_t len;
		strbuf_printf(&p, "%s/%s", dir, names[i]);
		if (access(p.buf, F_OK)) {
			strbuf_free(&p);
			continue;
		}
		if (read_whole(c, p.buf, 1024 * 1024, &buf, &len)) {
			strbuf_free(&p);
			return -1;
		}
		if (strstr(buf, "\"quadrants\"") || strstr(buf, "\"segments\"") || strstr(buf, "\"rings\"")) {
			in->config_path = strbuf_detach(&p);
			in->config_buf = buf;
			in->config_len = len;
			return 0;
		}
		free(buf);
		strbuf_free(&p);
	}
	return 0;
}

/*
 * DIR is the generator's data folder (config.json and radar/), a folder
 * holding data/, or the radar/ folder itself: release folders of .md files.
 */
static int read_aoe(cli_ctx *c, const char *dir, aoe_input *in)
{
	strbuf root = STRBUF_INIT, rel = STRBUF_INIT;
	char **releases;
	size_t nrel;
	int rc = -1;

	strbuf_printf(&rel, "%s/radar", dir);
	strbuf_printf(&root, "%s/data/radar", dir);
	if (is_dir(rel.buf)) {
		strbuf_reset(&root);
		strbuf_puts(&root, dir);
	} else if (is_dir(root.buf)) {
		strbuf_reset(&rel);
		strbuf_puts(&rel, root.buf);
		strbuf_reset(&root);
		strbuf_printf(&root, "%s/data", dir);
	} else {
		strbuf_reset(&rel);
		strbuf_puts(&rel, dir);
		strbuf_reset(&root);
		strbuf_puts(&root, dir);
	}
	if (aoe_config(c, in, root.buf))
		goto done;
	releases = list_dir(rel.buf, &nrel);
	for (size_t i = 0; i < nrel; i++) {
		strbuf rdir = STRBUF_INIT;
		char **mds;
		size_t nmd;
		strbuf_printf(&rdir, "%s/%s", rel.buf, releases[i]);
		mds = is_dir(rdir.buf) ? list_dir(rdir.buf, &nmd) : NULL;
		for (size_t k = 0; mds && k < nmd; k++) {
			size_t l = strlen(mds[k]);
			strbuf p = STRBUF_INIT;
			radar_aoe_file *f;
			char *buf;
			size_t len;
			if (l <= 3 || strcmp(mds[k] + l - 3, ".md")) {
				free(mds[k]);
				continue;
			}
			strbuf_printf(&p, "%s/%s", rdir.buf, mds[k]);
			if (read_whole(c, p.buf, 1024 * 1024, &buf, &len)) {
				strbuf_free(&p);
				for (; k < nmd; k++)
					free(mds[k]);
				free(mds);
				strbuf_free(&rdir);
				for (; i < nrel; i++)
					free(releases[i]);
				free(releases);
				goto done;
			}
			in->files = xrealloc(in->files, (in->n + 1) * sizeof(*in->files));
			f = &in->files[in->n++];
			f->path = own(in, strbuf_detach(&p));
			f->release = own(in, xstrdup(releases[i]));
			mds[k][l - 3] = '\0';
			f->id = own(in, mds[k]);
			f->buf = own(in, buf);
			f->len = len;
		}
		free(mds);
		free(releases[i]);
		strbuf_free(&rdir);
	}
	free(releases);
	if (!in->n) {
		cli_error(c, "%s: no release folders with .md files (expected %s/<release>/<id>.md)", dir,
			  rel.buf);
		goto done;
	}
	rc = 0;
done:
	strbuf_free(&root);
	strbuf_free(&rel);
	return rc;
}

static int run(cli_ctx *c, const cli_args *a)
{
	const char *from = cli_opt(c, a, "from");
	unsigned flags = (cli_flag(c, a, "lossy") ? RADAR_IMPORT_LOSSY : 0) |
			 (cli_flag(c, a, "replace") ? RADAR_IMPORT_REPLACE : 0);
	radar_format f;
	strbuf src = STRBUF_INIT, msg = STRBUF_INIT, err = STRBUF_INIT;
	aoe_input aoe = { 0 };
	radar_ix *ix = NULL;
	radar_import_plan plan = { 0 };
	repo *r = NULL;
	radar *rd = NULL;
	repo_file *files = NULL;
	size_t nfiles = 0;
	diag_list dl = DIAG_LIST_INIT;
	char *buf = NULL;
	size_t len = 0;
	int rc = EXIT_DATA, locked = 0;

	if (!from)
		return cli_usage_error(c, "which format? give --from FORMAT (%s)", radar_format_list());
	if (radar_format_parse(from, &f))
		return cli_usage_error(c, "unknown format '%s' (formats: %s)", from, radar_format_list());
	if (a->npos != 1)
		return cli_usage_error(c, a->npos ? "one FILE or DIR at a time" : "import what? give a FILE (aoe: a DIR)");
	if (c->dir && a->pos[0][0] != '/')
		strbuf_printf(&src, "%s/", c->dir);
	strbuf_puts(&src, a->pos[0]);
	if (f == RADAR_FMT_AOE && !is_dir(src.buf)) {
		rc = access(src.buf, F_OK) ? cli_error(c, "%s: %s", src.buf, strerror(ENOENT))
					   : cli_usage_error(c, "aoe reads a folder of release folders, not a file");
		goto cleanup;
	}
	/* Read and check the whole input before touching the repository. */
	if (f == RADAR_FMT_AOE) {
		if (read_aoe(c, src.buf, &aoe) ||
		    radar_import_aoe(&ix, aoe.files, aoe.n, aoe.config_path, aoe.config_buf, aoe.config_len, &dl))
			goto diags;
	} else if (read_whole(c, src.buf, IMPORT_MAX, &buf, &len) ||
		   radar_import_parse(&ix, f, src.buf, buf, len, &dl)) {
		goto diags;
	}
	if (cli_open_repo(c, &r, 1))
		goto cleanup;
	if (repo_lock(r, &err)) {
		cli_error(c, "%s", strbuf_str(&err));
		goto cleanup;
	}
	locked = 1;
	if (radar_load(&rd, r, 0, &dl, &err)) {
		cli_error(c, "%s", strbuf_str(&err));
		goto cleanup;
	}
	if (rd->cfg_errors) {
		cli_print_diags(c, &dl);
		cli_error(c, "%s has errors; fix them before importing; nothing written", RADAR_CONFIG_FILE);
		goto cleanup;
	}
	diag_list_free(&dl);
	memset(&dl, 0, sizeof(dl));
	if (radar_import_plan_make(&plan, ix, rd, flags, &dl))
		goto diags;
	files = xcalloc(plan.nentries + 2, sizeof(*files));
	if (plan.config_yaml) {
		files[nfiles].path = RADAR_CONFIG_FILE;
		files[nfiles].data = plan.config_yaml;
		files[nfiles++].len = strlen(plan.config_yaml);
	}
	for (size_t i = 0; i < plan.nentries; i++)
		if (plan.entries[i].yaml) {
			files[nfiles].path = plan.entries[i].path;
			files[nfiles].data = plan.entries[i].yaml;
			files[nfiles++].len = strlen(plan.entries[i].yaml);
		}
	for (size_t i = 0; i < plan.nnotes; i++)
		fprintf(stderr, "%s import: %s%s\n", c->prog, flags & RADAR_IMPORT_LOSSY ? "--lossy: " : "",
			plan.notes[i]);
	strbuf_printf(&msg, "radar: import %zu entr%s from %s (%s)", nfiles - (plan.config_yaml != NULL),
		      nfiles - (plan.config_yaml != NULL) == 1 ? "y" : "ies", radar_format_name(f), a->pos[0]);
	if (plan.nadded_quadrants || plan.nadded_rings) {
		strbuf_puts(&msg, "\n\nAdded to " RADAR_CONFIG_FILE ":");
		for (size_t i = 0; i < plan.nadded_quadrants; i++)
			strbuf_printf(&msg, " quadrant %s%s", plan.added_quadrants[i],
				      i + 1 < plan.nadded_quadrants || plan.nadded_rings ? "," : "");
		for (size_t i = 0; i < plan.nadded_rings; i++)
			strbuf_printf(&msg, " ring %s%s", plan.added_rings[i], i + 1 < plan.nadded_rings ? "," : "");
		strbuf_putc(&msg, '\n');
	}
	if (cli_flag(c, a, "dry-run")) {
		for (size_t i = 0; i < nfiles; i++)
			printf("would write %s\n", files[i].path);
		rc = EXIT_OK;
		goto cleanup;
	}
	rc = cli_write(c, r, plan.cfg, a, files, nfiles, msg.buf);
	goto cleanup;
diags:
	diag_sort(&dl);
	cli_print_diags(c, &dl);
	if (dl.errors)
		cli_error(c, "%zu problem%s in the input; nothing written", dl.errors, dl.errors == 1 ? "" : "s");
cleanup:
	if (locked)
		repo_unlock(r);
	free(files);
	radar_import_plan_release(&plan);
	radar_ix_free(ix);
	aoe_input_free(&aoe);
	free(buf);
	strbuf_free(&src);
	strbuf_free(&msg);
	strbuf_free(&err);
	diag_list_free(&dl);
	radar_free(rd);
	repo_free(r);
	return rc;
}

static const cli_option options[] = {
	{ "from", 'f', "FORMAT", "byor-csv, byor-json, zalando-json, aoe, backstage-json or json" },
	{ "lossy", 0, NULL, "fold what the radar cannot hold (a ninth quadrant, a name given twice)" },
	{ "replace", 0, NULL, "overwrite entries that are on the radar already (their scores too)" },
	{ "dry-run", 'n', NULL, "check everything and list the files, but write nothing" },
	{ "no-commit", 0, NULL, "write the files but do not commit them" },
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_import = {
	.name = "import",
	.usage = "--from FORMAT FILE|DIR [--lossy] [--replace] [--dry-run] [--no-commit]",
	.summary = "add entries from another radar tool (BYOR, Zalando, AOE, Backstage, JSON)",
	.details = "Writes radar/<id>.yaml for every item and, when the radar lacks the source's\n"
		   "quadrants or rings, adds them to .radar.yml (a radar without one gets one), all\n"
		   "in one commit. .radar.yml is edited in place, its comments and layout kept;\n"
		   "where that is not safe it is written anew, and a note says so. The whole input\n"
		   "is checked first: any problem is reported as path:line:col and nothing is\n"
		   "written. Entries already on the radar are refused unless --replace. isNew and\n"
		   "moved flags are not stored: radar computes movement from Git history. aoe reads\n"
		   "the generator's data folder (config.json and radar/<release>/<id>.md); the\n"
		   "latest release of each item wins, an empty body keeping the text of an earlier\n"
		   "one. zalando-json gives quadrants and rings by index: their names come from the\n"
		   "file's \"quadrants\"/\"rings\" lists when it has them, else Zalando's own\n"
		   "(Languages, Infrastructure, Datastores, Data Management).\n",
	.options = options,
	.run = run,
};
