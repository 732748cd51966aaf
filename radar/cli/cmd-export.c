/*
 * radar export --to FORMAT [-o FILE|DIR]: the radar in a format other tools
 * read (DESIGN §6). Movement (BYOR's isNew, Zalando's moved) is measured
 * against the last edition, or --since REV; Backstage's timeline comes from
 * the history; AOE gets one release folder per edition.
 */
#include <errno.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "history.h"
#include "interchange.h"

/* The radar at `rev`, its problems left unprinted; NULL (message printed) when unreadable. */
static radar *load_rev(cli_ctx *c, const char *rev)
{
	repo *r = NULL;
	radar *rd = NULL;
	diag_list dl = DIAG_LIST_INIT;
	strbuf err = STRBUF_INIT;

	if (repo_open(&r, c->dir, rev, &err) || radar_load(&rd, r, 0, &dl, &err))
		cli_error(c, "%s: %s", rev, strbuf_str(&err));
	strbuf_free(&err);
	diag_list_free(&dl);
	repo_free(r);
	return rd;
}

/* Per entry of rd: new, moved in or out since `from` (NULL: nothing moved). */
static int *movement(const radar *from, const radar *rd)
{
	int *moved = xcalloc(rd->nentries + 1, sizeof(int));
	radar_diff d = { 0 };
	if (!from)
		return moved;
	radar_diff_compute(&d, from, rd);
	for (size_t k = 0; k < d.n; k++)
		for (size_t i = 0; i < rd->nentries; i++) {
			const radar_diff_item *it = &d.items[k];
			if (strcmp(rd->entries[i]->id, it->id))
				continue;
			if (it->flags & DIFF_NEW)
				moved[i] = RADAR_MOVED_NEW;
			else if (it->flags & DIFF_MOVED_IN)
				moved[i] = RADAR_MOVED_IN;
			else if (it->flags & DIFF_MOVED_OUT)
				moved[i] = RADAR_MOVED_OUT;
		}
	radar_diff_release(&d);
	return moved;
}

/* Backstage's timeline: every placement from history, newest first. */
static void timelines(const radar_history *h, const radar *rd, radar_export_input *in)
{
	in->timeline = xcalloc(rd->nentries + 1, sizeof(*in->timeline));
	in->ntimeline = xcalloc(rd->nentries + 1, sizeof(size_t));
	for (size_t i = 0; h && i < rd->nentries; i++) {
		for (size_t k = h->n; k-- > 0;) {
			const radar_hist_event *ev = &h->events[k];
			radar_export_event *out;
			if (strcmp(ev->id, rd->entries[i]->id) || ev->after.placement < 0 ||
			    ev->after.placement == ev->before.placement || ev->kind == HIST_REMOVED)
				continue;
			in->timeline[i] = xrealloc(in->timeline[i], (in->ntimeline[i] + 1) * sizeof(radar_export_event));
			out = &in->timeline[i][in->ntimeline[i]++];
			date_format(ev->by->day, out->date);
			out->ring = ev->after.placement;
			out->moved = ev->before.placement < 0 ? RADAR_MOVED_NONE
				     : ev->after.placement < ev->before.placement ? RADAR_MOVED_IN
										: RADAR_MOVED_OUT;
			out->note = ev->by->subject;
		}
	}
}

static int dir_is_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	int empty = 1;
	if (!d)
		return errno == ENOENT;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

static int make_parents(const char *path)
{
	char *p = xstrdup(path);
	int rc = 0;
	for (char *s = p + 1; *s && !rc; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0777) && errno != EEXIST)
				rc = -1;
			*s = '/';
		}
	free(p);
	return rc;
}

static int write_files(cli_ctx *c, const char *dir, const radar_export_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		strbuf path = STRBUF_INIT, err = STRBUF_INIT;
		int rc;
		strbuf_printf(&path, "%s/%s", dir, files[i].path);
		rc = make_parents(path.buf) ||
		     fs_write_atomic(path.buf, files[i].data, strlen(files[i].data), &err);
		if (rc && err.len)
			cli_error(c, "%s", err.buf);
		else if (rc)
			cli_error(c, "%s: %s", path.buf, strerror(errno));
		strbuf_free(&path);
		strbuf_free(&err);
		if (rc)
			return -1;
	}
	return 0;
}

/* A path as the user means it: relative to -C DIR when given, as git does. */
static char *user_path(const cli_ctx *c, const char *p)
{
	strbuf sb = STRBUF_INIT;
	if (!p)
		return NULL;
	if (c->dir && p[0] != '/' && strcmp(p, "-"))
		strbuf_printf(&sb, "%s/", c->dir);
	strbuf_puts(&sb, p);
	return strbuf_detach(&sb);
}

static int run(cli_ctx *c, const cli_args *a)
{
	const char *to = cli_opt(c, a, "to"), *since = cli_opt(c, a, "since");
	char *out_path = NULL;
	radar_format f;
	repo *r = NULL;
	radar *rd = NULL, *from = NULL;
	radar **editions = NULL;
	radar_export_release *rels = NULL;
	repo_tag *tags = NULL;
	size_t ntags = 0, nfiles = 0, nnotes = 0;
	radar_history *h = NULL;
	radar_export_input in;
	radar_export_file *files = NULL;
	diag_list dl = DIAG_LIST_INIT;
	strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	char *last = NULL, **notes = NULL;
	int rc = EXIT_DATA;

	memset(&in, 0, sizeof(in));
	if (!to)
		return cli_usage_error(c, "which format? give --to FORMAT (%s)", radar_format_list());
	if (radar_format_parse(to, &f))
		return cli_usage_error(c, "unknown format '%s' (formats: %s)", to, radar_format_list());
	if (a->npos)
		return cli_usage_error(c, "unexpected argument '%s'", a->pos[0]);
	if (c->json)
		return cli_usage_error(c, "--format is for reports; export writes --to FORMAT");
	out_path = user_path(c, cli_opt(c, a, "output"));
	if (f == RADAR_FMT_AOE && !out_path)
		return cli_usage_error(c, "aoe is a folder of release folders: give -o DIR");
	if (f == RADAR_FMT_AOE && !dir_is_empty(out_path)) {
		cli_error(c, "%s: the folder is not empty; give a new or empty one", out_path);
		goto cleanup;
	}
	if (cli_load(c, &r, &rd, 0, &dl, 1))
		goto cleanup;
	if (dl.errors) {
		cli_error(c, "the radar has errors (above); fix them before exporting; nothing written");
		goto cleanup;
	}
	if (!since && repo_is_git(r) && repo_last_release(r, &last, &err)) {
		cli_error(c, "%s", strbuf_str(&err));
		goto cleanup;
	}
	if ((since || last) && !(from = load_rev(c, since ? since : last)))
		goto cleanup;
	in.rd = rd;
	in.moved = movement(from, rd);
	date_format(date_today(), in.today);
	if (f == RADAR_FMT_BACKSTAGE_JSON) {
		if (repo_is_git(r) && radar_history_load(&h, r, rd->cfg, NULL, NULL, NULL, &err)) {
			cli_error(c, "%s", strbuf_str(&err));
			goto cleanup;
		}
		timelines(h, rd, &in);
	}
	if (f == RADAR_FMT_AOE && repo_is_git(r)) {
		if (repo_list_releases(r, c->rev ? c->rev : "HEAD", &tags, &ntags, &err)) {
			cli_error(c, "%s", strbuf_str(&err));
			goto cleanup;
		}
		editions = xcalloc(ntags + 1, sizeof(*editions));
		rels = xcalloc(ntags + 1, sizeof(*rels));
		for (size_t i = 0; i < ntags; i++) {
			if (!(editions[i] = load_rev(c, tags[i].commit)))
				goto cleanup;
			date_format(radar_day_of(tags[i].time, tags[i].offset), rels[i].date);
			rels[i].rd = editions[i];
		}
		memcpy(rels[ntags].date, in.today, sizeof(in.today));
		rels[ntags].rd = rd;
		in.releases = rels;
		in.nreleases = ntags + 1;
	}
	if (radar_export(&out, &files, &nfiles, f, &in, cli_flag(c, a, "lossy"), &notes, &nnotes, &err)) {
		cli_error(c, "%s; nothing written", strbuf_str(&err));
		goto cleanup;
	}
	for (size_t i = 0; i < nnotes; i++)
		fprintf(stderr, "%s export: --lossy: %s\n", c->prog, notes[i]);
	if (f == RADAR_FMT_AOE) {
		if (write_files(c, out_path, files, nfiles))
			goto cleanup;
		fprintf(stderr, "%s export: wrote %zu files to %s\n", c->prog, nfiles, out_path);
	} else if (out_path && strcmp(out_path, "-")) {
		if (fs_write_atomic(out_path, out.buf ? out.buf : "", out.len, &err)) {
			cli_error(c, "%s", strbuf_str(&err));
			goto cleanup;
		}
	} else {
		fwrite(out.buf ? out.buf : "", 1, out.len, stdout);
	}
	rc = EXIT_OK;
cleanup:
	for (size_t i = 0; i < nnotes; i++)
		free(notes[i]);
	free(notes);
	radar_export_files_free(files, nfiles);
	for (size_t i = 0; editions && i < ntags; i++)
		radar_free(editions[i]);
	free(editions);
	free(rels);
	repo_tags_free(tags, ntags);
	for (size_t i = 0; in.timeline && i < rd->nentries; i++)
		free(in.timeline[i]);
	free(in.timeline);
	free(in.ntimeline);
	free(in.moved);
	radar_history_free(h);
	free(last);
	free(out_path);
	strbuf_free(&out);
	strbuf_free(&err);
	diag_list_free(&dl);
	radar_free(from);
	radar_free(rd);
	repo_free(r);
	return rc;
}

static const cli_option options[] = {
	{ "to", 't', "FORMAT", "byor-csv, byor-json, zalando-json, aoe, backstage-json or json" },
	{ "output", 'o', "FILE|DIR", "write there instead of stdout (aoe: a new or empty folder)" },
	{ "lossy", 0, NULL, "fold what the format cannot hold (a fifth quadrant, ...) and say how" },
	{ "since", 0, "REV", "measure new and moved against REV (default: the last edition)" },
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_export = {
	.name = "export",
	.usage = "--to FORMAT [-o FILE|DIR] [--lossy] [--since REV]",
	.summary = "write the radar for other radar tools (BYOR, Zalando, AOE, Backstage, JSON)",
	.details = "Formats: byor-csv and byor-json (Thoughtworks Build Your Own Radar), zalando-json\n"
		   "(zalando/tech-radar's entries), aoe (AOE technology radar: a folder with\n"
		   "config.json and radar/<release>/<id>.md, one release per edition), backstage-json\n"
		   "(Backstage's TechRadarLoaderResponse, with the ring history as timeline) and json\n"
		   "(everything radar holds, scores included; see docs/json.md).\n"
		   "BYOR, Zalando, AOE and Backstage hold 4 quadrants (BYOR and Zalando 4 rings) and\n"
		   "need a ring for every entry: anything else is refused unless --lossy. What a format\n"
		   "has no field for (scores, ADR numbers) is left out. New and moved are measured\n"
		   "against the last edition (the newest release tag before what is read).\n",
	.options = options,
	.reads = 1,
	.run = run,
};
