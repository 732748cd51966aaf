/* radar render: the radar as a PNG, SVG or PDF image for slides and pages. */
#include <stdlib.h>
#include <string.h>

#include "render-cli.h"
#include "draw-commands.h"
#include "util/date.h"

int render_cli_prepare(cli_ctx *c, const cli_args *a, render_job *job)
{
	return render_cli_prepare_flags(c, a, job, 0);
}

int render_cli_prepare_flags(cli_ctx *c, const cli_args *a, render_job *job, unsigned flags)
{
	strbuf err = STRBUF_INIT, ed = STRBUF_INIT;
	const char *title = cli_opt(c, a, "title"), *edition = cli_opt(c, a, "edition"),
		   *since = cli_opt(c, a, "since");
	char *last = NULL, *tagged = NULL;
	int rc = EXIT_DATA;

	memset(job, 0, sizeof(*job));
	if (render_canvas_parse(&job->cv, cli_opt(c, a, "preset"), cli_opt(c, a, "size"), &err)) {
		rc = cli_usage_error(c, "%s", strbuf_str(&err));
		goto cleanup;
	}
	if (cli_load(c, &job->r, &job->rd, flags, &job->dl, 1))
		goto cleanup;
	job->data_errors = job->dl.errors > 0;
	if (repo_is_git(job->r) && (!since || !edition)) {
		/* DESIGN §4: markers since the last edition; the edition is the tag on what is read. */
		repo_tag *tags = NULL;
		size_t ntags = 0;
		if (!repo_last_release(job->r, &last, &err) &&
		    !repo_list_releases(job->r, c->rev ? c->rev : "HEAD", &tags, &ntags, &err) && ntags &&
		    (!last || strcmp(tags[ntags - 1].name, last)))
			tagged = xstrdup(tags[ntags - 1].name);
		repo_tags_free(tags, ntags);
		strbuf_reset(&err);
		if (!since)
			since = last;
		if (!edition)
			edition = tagged;
	}
	if (since) {
		if (render_load_at(&job->since, c->dir, since, &job->since_dl, &err)) {
			cli_error(c, "--since: %s", strbuf_str(&err));
			goto cleanup;
		}
		if (job->since_dl.errors)
			fprintf(stderr, "%s %s: note: %zu problem%s in the radar at %s; markers use "
					"what loaded ('radar --rev %s check' lists them)\n",
				c->prog, c->cmd->name, job->since_dl.errors,
				job->since_dl.errors == 1 ? "" : "s", since, since);
	}
	if (!title)
		title = job->rd->cfg->title && *job->rd->cfg->title ? job->rd->cfg->title
								     : "Technology Radar";
	if (edition) {
		strbuf_puts(&ed, edition);
	} else {
		char buf[11];
		date_format(date_today(), buf);
		strbuf_puts(&ed, buf);
	}
	render_scene_init(&job->sc, job->rd, job->since, &job->cv, title, NULL);
	strbuf_printf(&ed, " · %zu technolog%s", job->sc.in.nentries,
		      job->sc.in.nentries == 1 ? "y" : "ies");
	if (since)
		strbuf_printf(&ed, " · changes since %s", since);
	job->edition = strbuf_detach(&ed);
	job->sc.in.edition = job->edition;
	if (render_measurer_new(&job->m, &err)) {
		cli_error(c, "%s", strbuf_str(&err));
		goto cleanup;
	}
	job->sc.in.measure = render_measure;
	job->sc.in.measure_ctx = job->m;
	if (job->sc.unplaced)
		fprintf(stderr, "%s %s: note: %zu entr%s with no ring (not declared, not scored) "
				"left off the picture\n",
			c->prog, c->cmd->name, job->sc.unplaced, job->sc.unplaced == 1 ? "y" : "ies");
	if (layout_compute(&job->l, &job->sc.in, &err)) {
		cli_error(c, "%s", strbuf_str(&err));
		goto cleanup;
	}
	if (job->l->shrunk)
		fprintf(stderr, "%s %s: note: %zu entries share %s / %s; every blip is drawn at "
				"radius %.1f px instead of %.1f px so that none overlap\n",
			c->prog, c->cmd->name, job->l->crowded_count,
			job->sc.quadrant_names[job->l->crowded_quadrant],
			job->sc.ring_names[job->l->crowded_ring], job->l->blip_r, job->l->blip_r_wanted);
	if (job->l->hidden)
		fprintf(stderr, "%s %s: note: the legends have no room for %zu names; they end "
				"with \"+ N more\" (try a larger --size)\n",
			c->prog, c->cmd->name, job->l->hidden);
	rc = EXIT_OK;
cleanup:
	free(last);
	free(tagged);
	strbuf_free(&err);
	strbuf_free(&ed);
	return rc;
}

void render_cli_release(render_job *job)
{
	layout_free(job->l);
	render_measurer_free(job->m);
	render_scene_release(&job->sc);
	free(job->edition);
	radar_free(job->since);
	radar_free(job->rd);
	repo_free(job->r);
	diag_list_free(&job->dl);
	diag_list_free(&job->since_dl);
}

static int run(cli_ctx *c, const cli_args *a)
{
	const char *path = cli_opt(c, a, "output"), *theme = cli_opt(c, a, "theme");
	render_job job;
	render_format fmt;
	render_style st = { 0, 96 };
	strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc;

	memset(&job, 0, sizeof(job));
	if (a->npos)
		return cli_usage_error(c, "unexpected argument '%s' (the file goes after -o)", a->pos[0]);
	if (!path || !*path)
		return cli_usage_error(c, "where to? give -o FILE.png, FILE.svg or FILE.pdf");
	if (render_format_from_path(path, &fmt))
		return cli_usage_error(c, "'%s': the file name must end in .png, .svg or .pdf", path);
	if (theme && strcmp(theme, "light") && strcmp(theme, "dark"))
		return cli_usage_error(c, "unknown theme '%s' (light or dark)", theme);
	st.dark = theme && !strcmp(theme, "dark");
	if ((rc = render_cli_prepare(c, a, &job)))
		goto cleanup;
	if (job.data_errors) {
		rc = cli_error(c, "not writing %s: the radar has errors (see above; 'radar check')", path);
		goto cleanup;
	}
	st.dpi = job.cv.dpi;
	if (render_draw(job.l, &job.sc.in, &st, job.m, fmt, &out, &err) ||
	    fs_write_atomic(path, out.buf, out.len, &err)) {
		rc = cli_error(c, "%s: %s", path, strbuf_str(&err));
		goto cleanup;
	}
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "file", json_string(path));
		json_object_set_new(o, "format", json_string(render_format_name(fmt)));
		json_object_set_new(o, "width", json_integer((json_int_t)job.cv.width));
		json_object_set_new(o, "height", json_integer((json_int_t)job.cv.height));
		json_object_set_new(o, "blips", json_integer((json_int_t)job.l->nblips));
		json_object_set_new(o, "blip_radius", json_real(job.l->blip_r));
		json_object_set_new(o, "shrunk", json_boolean(job.l->shrunk));
		rc = cli_json_print(o);
	} else {
		printf("wrote %s (%s, %.0fx%.0f, %zu blips)\n", path, render_format_name(fmt),
		       job.cv.width, job.cv.height, job.l->nblips);
	}
cleanup:
	render_cli_release(&job);
	strbuf_free(&out);
	strbuf_free(&err);
	return rc;
}

static const cli_option options[] = {
	{ "output", 'o', "FILE", "the image to write: FILE.png, FILE.svg or FILE.pdf" },
	RENDER_CLI_OPTIONS,
	{ "theme", 0, "THEME", "light (default) or dark" },
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_render = {
	.name = "render",
	.usage = "-o FILE[.png|.svg|.pdf] [--preset P | --size WxH] [--theme light|dark] "
		 "[--title T] [--edition E] [--since REV]",
	.summary = RADAR_SUMMARY_RENDER,
	.details = "The format follows the file's extension. Quadrants are sectors, rings are bands\n"
		   "(inner rings wider); each blip is numbered and listed in its quadrant's legend.\n"
		   "Blips land where a hash of their id puts them, so an entry keeps its spot from\n"
		   "one edition to the next; no two blips or texts overlap (a crowded cell shrinks\n"
		   "the blips, and says so on stderr). With --since REV, blips new since REV or\n"
		   "moved in or out since REV are marked, and a key explains the marks.\n"
		   "Without --since, the marks are against the last edition: the newest release tag\n"
		   "(radar release) before the commit being read. The edition line shows --edition,\n"
		   "else the release tag on the commit being read, else today's date. A4 is landscape, 300 dpi;\n"
		   "PDF pages are sized at 96 dpi for the other presets.\n",
	.options = options,
	.reads = 1,
	.run = run,
};
