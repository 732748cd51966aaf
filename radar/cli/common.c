/* What the commands share: opening the repository, loading, printing. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accuracy.h"
#include "adr/load.h"
#include "history.h"
#include "cli.h"
#include "util/text.h"

int cli_open_repo(cli_ctx *c, repo **r, int for_writing)
{
	strbuf err = STRBUF_INIT;
	struct stat st;
	int rc;

	*r = NULL;
	/* -C is a directory, as with git: a file there is a mistake, not a radar. */
	if (c->dir && stat(c->dir, &st)) {
		cli_error(c, "-C %s: %s", c->dir, strerror(errno));
		return -1;
	}
	if (c->dir && !S_ISDIR(st.st_mode)) {
		cli_error(c, "-C %s: not a directory", c->dir);
		return -1;
	}
	rc = repo_open(r, c->dir, for_writing ? NULL : c->rev, &err);

	if (rc) {
		cli_error(c, "%s", strbuf_str(&err));
		strbuf_free(&err);
		return -1;
	}
	strbuf_free(&err);
	return 0;
}

void cli_print_diags(const cli_ctx *c, const diag_list *dl)
{
	cli_print_diags_from(c, dl, 0);
}

void cli_print_diags_from(const cli_ctx *c, const diag_list *dl, size_t from)
{
	int color = isatty(STDERR_FILENO) && c->color;
	for (size_t i = from; i < dl->n; i++) {
		const diag *d = &dl->items[i];
		int err = d->severity == DIAG_ERROR;
		fprintf(stderr, "%s:%d:%d: %s%s%s: %s\n", d->path, d->line ? d->line : 1,
			d->col ? d->col : 1, color ? (err ? "\033[1;31m" : "\033[1;33m") : "",
			err ? "error" : "warning", color ? "\033[0m" : "", d->message);
	}
}

int cli_load(cli_ctx *c, repo **r, radar **rd, unsigned flags, diag_list *dl, int print)
{
	strbuf err = STRBUF_INIT;
	int rc = 0;

	*rd = NULL;
	if (cli_open_repo(c, r, 0))
		return -1;
	if (radar_load(rd, *r, flags, dl, &err)) {
		cli_error(c, "%s", strbuf_str(&err));
		rc = -1;
	} else {
		const char *trace = getenv("RADAR_TRACE_CACHE");
		diag_sort(dl);
		if (print)
			cli_print_diags(c, dl);
		if (trace && *trace && strcmp(trace, "0"))
			fprintf(stderr, "radar: parse cache: %s, %zu records, %zu hits, %zu written\n",
				(*rd)->cache_used ? "on" : "off", (*rd)->cache_records,
				(*rd)->cache_hits, (*rd)->cache_written);
	}
	strbuf_free(&err);
	return rc;
}

int cli_begin_edit(cli_ctx *c, repo **r, radar **rd, diag_list *dl)
{
	strbuf err = STRBUF_INIT;
	int rc = -1;

	*rd = NULL;
	if (cli_open_repo(c, r, 1))
		goto cleanup;
	if (repo_lock(*r, &err)) {
		cli_error(c, "%s", strbuf_str(&err));
		goto cleanup;
	}
	if (radar_load(rd, *r, 0, dl, &err)) {
		cli_error(c, "%s", strbuf_str(&err));
		goto cleanup;
	}
	if ((*rd)->cfg_errors) {
		cli_print_diags(c, dl);
		goto cleanup;
	}
	rc = 0;
cleanup:
	strbuf_free(&err);
	return rc;
}

const radar_entry *cli_find_entry(cli_ctx *c, const radar *rd, const char *name,
				  const diag_list *dl)
{
	const radar_entry *e = radar_find(rd, name);
	char *near;

	if (e)
		return e;
	if (radar_is_broken(rd, name)) {
		if (dl) {
			diag_list mine = DIAG_LIST_INIT;
			strbuf file = STRBUF_INIT;
			strbuf_printf(&file, "/%s.y", name);
			for (size_t i = 0; i < dl->n; i++)
				if (strstr(dl->items[i].path, file.buf))
					diag_add(&mine, dl->items[i].severity, dl->items[i].path,
						 dl->items[i].line, dl->items[i].col, "%s", dl->items[i].message);
			cli_print_diags(c, &mine);
			diag_list_free(&mine);
			strbuf_free(&file);
		}
		cli_error(c, "'%s' has errors (%s); fix them first", name, dl ? "above" : "see above");
		return NULL;
	}
	near = radar_nearest(rd, name);
	if (near)
		cli_error(c, "no entry named '%s'; did you mean %s?", name, near);
	else
		cli_error(c, "no entry named '%s' (see 'radar list')", name);
	free(near);
	return NULL;
}

const char *cli_sgr(const cli_ctx *c, const char *code)
{
	static char buf[16];
	if (!c->color)
		return "";
	snprintf(buf, sizeof(buf), "\033[%sm", code);
	return buf;
}

json_t *cli_json_number(frac f)
{
	if (f.den == 1)
		return json_integer(f.num);
	return json_real(frac_to_double(f));
}

json_t *cli_json_fixed(frac f)
{
	strbuf sb = STRBUF_INIT;
	json_t *v;
	frac_format_fixed(&sb, f, 2);
	v = json_string(sb.buf);
	strbuf_free(&sb);
	return v;
}

json_t *cli_json_exact(frac f)
{
	strbuf sb = STRBUF_INIT;
	json_t *v;
	frac_format_exact(&sb, f);
	v = json_string(sb.buf);
	strbuf_free(&sb);
	return v;
}

int cli_json_print(json_t *v)
{
	int rc = json_dumpf(v, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	fputc('\n', stdout);
	json_decref(v);
	return rc ? EXIT_DATA : EXIT_OK;
}

int cli_write(cli_ctx *c, repo *r, const radar_config *cfg, const cli_args *a,
	      const repo_file *files, size_t n, const char *message)
{
	strbuf err = STRBUF_INIT;
	char *commit_id = NULL;
	int commit = cfg->commit && !cli_flag(c, a, "no-commit");
	int rc = repo_write(r, files, n, message, commit, &commit_id, &err);

	if (rc) {
		cli_error(c, "%s", strbuf_str(&err));
		strbuf_free(&err);
		return EXIT_DATA;
	}
	for (size_t i = 0; i < n; i++)
		printf("wrote %s\n", files[i].path);
	if (commit_id)
		printf("committed %.10s %s\n", commit_id, message);
	free(commit_id);
	strbuf_free(&err);
	return EXIT_OK;
}

void cli_pad(strbuf *sb, const char *s, size_t width)
{
	size_t w = text_width(s);
	strbuf_puts(sb, s);
	while (w++ < width)
		strbuf_putc(sb, ' ');
}

char *cli_who(const repo *r, const char *by)
{
	const char *user = getenv("USER");
	char *name;

	if (by && *by)
		return xstrdup(by);
	if ((name = repo_user_name(r)))
		return name;
	return xstrdup(user && *user ? user : "unknown");
}

/* Reads the entry's file as it is on disk now (under the lock). */
static int read_entry_file(cli_ctx *c, repo *r, const radar_entry *e, char **buf, size_t *len)
{
	strbuf err = STRBUF_INIT;
	int rc = repo_read_file(r, e->path, RADAR_MAX_FILE, buf, len, &err);
	if (rc)
		cli_error(c, "%s: %s", e->path, rc == REPO_ETOOBIG ? "file is larger than 1 MiB" : strbuf_str(&err));
	strbuf_free(&err);
	return rc;
}

/*
 * The shared tail of rate and move: edit the file's text, check that the
 * result is still a valid entry, then write and commit it.
 */
int cli_edit_entry(cli_ctx *c, repo *r, const radar *rd, const radar_entry *e,
		   const cli_args *a, char *(*edit)(const char *, const char *, size_t,
						     const char *, diag_list *),
		   const char *arg, const char *message)
{
	char *buf = NULL, *out = NULL;
	size_t len;
	diag_list dl = DIAG_LIST_INIT;
	radar_entry *check = NULL;
	int rc = EXIT_DATA;
	repo_file file;

	if (read_entry_file(c, r, e, &buf, &len))
		goto cleanup;
	if (!(out = edit(e->path, buf, len, arg, &dl)) ||
	    radar_entry_parse(&check, rd->cfg, e->id, e->path, out, strlen(out), &dl)) {
		cli_print_diags(c, &dl);
		cli_error(c, "%s: could not edit the file; nothing written", e->path);
		goto cleanup;
	}
	file.path = e->path;
	file.data = out;
	file.len = strlen(out);
	rc = cli_write(c, r, rd->cfg, a, &file, 1, message);
	if (!rc) {
		radar_score s;
		radar_score_compute(&s, rd->cfg, check);
		if (s.scored) {
			strbuf t = STRBUF_INIT;
			frac_format_fixed(&t, s.total, 2);
			printf("%s: total %s, scorecard ring %s%s\n", check->id, t.buf,
			       rd->cfg->rings[s.ring].id, s.mismatch ? " (differs from the declared ring)" : "");
			strbuf_free(&t);
		}
		radar_score_release(&s);
	}
cleanup:
	radar_entry_free(check);
	diag_list_free(&dl);
	free(buf);
	free(out);
	return rc;
}


struct adr_log *cli_load_adrs(const repo *r, const radar *rd, diag_list *dl)
{
	char *dir = adr_log_dir(r, rd->cfg->adr_path_set ? rd->cfg->adr_path : NULL);
	char *prefix = radar_display_path(r, "");
	adr_log *log = NULL;

	adr_log_load(&log, r, dir, prefix, dl);
	free(dir);
	free(prefix);
	return log;
}

/* A placement judged by its fate: held is right; moved out (toward hold) or off the radar is wrong. */
static radar_verdict retro_verdict(const radar_retro *rt, const radar_config *cfg)
{
	switch (rt->outcome) {
	case RETRO_HELD:
		return VERDICT_CORRECT;
	case RETRO_MOVED_IN:
		return VERDICT_PARTIAL; /* right direction, too cautious */
	case RETRO_MOVED_OUT:
		return VERDICT_INCORRECT;
	case RETRO_REMOVED:
		/* Dropping what was placed on hold bears the placement out. */
		return rt->placement->after.placement == (int)cfg->nrings - 1 ? VERDICT_CORRECT
									      : VERDICT_INCORRECT;
	default:
		return VERDICT_NONE;
	}
}

int cli_review_load(cli_ctx *c, const repo *r, const radar *rd, date as_of, cli_review *out,
		    diag_list *dl)
{
	radar_review_item *judged;
	size_t njudged;
	strbuf err = STRBUF_INIT;

	memset(out, 0, sizeof(*out));
	out->log = cli_load_adrs(r, rd, dl);
	radar_review_items_from_judgments(rd, &judged, &njudged);
	if (repo_is_git(r) &&
	    !radar_history_load(&out->history, r, rd->cfg, NULL, NULL, NULL, &err))
		radar_history_retro(out->history, rd->cfg->review_after_months, as_of, &out->retro,
				    &out->nretro);
	else if (repo_is_git(r))
		cli_error(c, "placements left out: %s", strbuf_str(&err));
	strbuf_free(&err);

	out->items = xcalloc(njudged + out->log->n + out->nretro + 1, sizeof(*out->items));
	memcpy(out->items, judged, njudged * sizeof(*judged));
	out->n = njudged;
	free(judged);
	for (size_t i = 0; i < out->log->n; i++) {
		const adr_record *rec = out->log->recs[i];
		radar_review_item *it = &out->items[out->n];
		date when, due;

		/* Only a record that asks to be reviewed is a judgment. */
		if (!rec->review_on || date_parse(rec->review_on, &due))
			continue;
		if (!rec->date || date_parse(rec->date, &when))
			when = due;
		memset(it, 0, sizeof(*it));
		it->source = SOURCE_ADR;
		it->file = rec->path;
		it->subject = rec->title ? rec->title : rec->file;
		it->by = rec->ndeciders ? rec->deciders[0] : NULL;
		it->quadrant = -1;
		/* An ADR belongs to the quadrant of the first entry that cites it. */
		for (size_t k = 0; k < rd->nentries && it->quadrant < 0; k++)
			for (size_t a = 0; a < rd->entries[k]->nadrs; a++)
				if (rd->entries[k]->adrs[a] == rec->number)
					it->quadrant = rd->entries[k]->quadrant;
		it->when = when;
		it->due = due;
		it->verdict = rec->outcome_verdict ? radar_verdict_parse(rec->outcome_verdict) : VERDICT_NONE;
		it->has_confidence = rec->has_confidence;
		it->confidence = rec->confidence;
		out->n++;
	}
	out->files = xcalloc(out->nretro + 1, sizeof(char *));
	for (size_t i = 0; i < out->nretro; i++) {
		const radar_retro *rt = &out->retro[i];
		const radar_hist_event *ev = rt->placement;
		const char *id = rt->id_at_due ? rt->id_at_due : ev->id;
		const radar_entry *e = radar_find(rd, id);
		radar_review_item *it = &out->items[out->n++];
		strbuf file = STRBUF_INIT;

		strbuf_printf(&file, "%s/%s.yaml", rd->cfg->entries_path, id);
		out->files[out->nfiles++] = strbuf_detach(&file);
		memset(it, 0, sizeof(*it));
		it->source = SOURCE_PLACEMENT;
		it->file = out->files[out->nfiles - 1];
		it->subject = id;
		it->by = ev->by->author;
		it->quadrant = e ? e->quadrant : -1;
		it->when = ev->by->day;
		it->due = rt->due;
		it->verdict = retro_verdict(rt, rd->cfg);
		out->moved_in += rt->outcome == RETRO_MOVED_IN;
		out->moved_out += rt->outcome == RETRO_MOVED_OUT;
	}
	return 0;
}

void cli_review_free(cli_review *rv)
{
	free(rv->items);
	adr_log_free(rv->log);
	radar_history_free(rv->history);
	free(rv->retro);
	for (size_t i = 0; i < rv->nfiles; i++)
		free(rv->files[i]);
	free(rv->files);
	memset(rv, 0, sizeof(*rv));
}
