/*
 * radar history [NAME] [--retro]: every change of ring, declared ring and
 * scorecard total, from Git; with --retro, the retrospective check of each
 * placement. Also what the history commands share (cli-history helpers
 * below are used by diff and editions through cli.h).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "history.h"
#include "util/text.h"

/* ---- progress on a terminal ------------------------------------------------ */

typedef struct progress {
	int tty;
	int shown;
	struct timespec start;
} progress;

static double elapsed(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Only on a terminal, and only once the walk has taken a moment. */
static void on_progress(void *payload, size_t done, size_t total)
{
	progress *p = payload;

	if (!p->tty)
		return;
	if (done >= total) {
		if (p->shown)
			fputs("\r\033[K", stderr);
		p->shown = 0;
		return;
	}
	if (!p->shown && elapsed(&p->start) < 0.3)
		return;
	fprintf(stderr, "\rradar: reading history: %zu/%zu commits", done, total);
	fflush(stderr);
	p->shown = 1;
}

/* .radar.yml of what is being read, without loading every entry. */
int cli_load_config(cli_ctx *c, const repo *r, radar_config **cfg)
{
	char *buf = NULL, *shown = radar_display_path(r, RADAR_CONFIG_FILE);
	size_t len = 0;
	strbuf err = STRBUF_INIT;
	diag_list dl = DIAG_LIST_INIT;
	int rc = repo_read_file(r, RADAR_CONFIG_FILE, RADAR_MAX_FILE, &buf, &len, &err);

	*cfg = NULL;
	if (rc == REPO_OK) {
		if (!text_is_utf8(buf, len))
			diag_add(&dl, DIAG_ERROR, shown, 1, 1, "the file is not valid UTF-8 text");
		else
			radar_config_parse(cfg, shown, buf, len, &dl);
	} else if (rc != REPO_ENOTFOUND) {
		diag_add(&dl, DIAG_ERROR, shown, 1, 1, "%s", strbuf_str(&err));
	}
	if (!*cfg)
		*cfg = radar_config_default();
	diag_sort(&dl);
	cli_print_diags(c, &dl);
	rc = dl.errors ? -1 : 0;
	diag_list_free(&dl);
	strbuf_free(&err);
	free(buf);
	free(shown);
	return rc;
}

static const char *ring_id(const radar_config *cfg, int ring)
{
	return ring >= 0 && (size_t)ring < cfg->nrings ? cfg->rings[ring].id : "-";
}

static json_t *ring_json(const radar_config *cfg, int ring)
{
	return ring >= 0 && (size_t)ring < cfg->nrings ? json_string(cfg->rings[ring].id)
						      : json_null();
}

static void total_text(strbuf *sb, const radar_hist_state *s)
{
	if (s->scored)
		frac_format_fixed(sb, s->total, 2);
	else
		strbuf_puts(sb, "-");
}

/* The "ring" cell: what happened to the placement. */
static void ring_cell(strbuf *sb, const radar_config *cfg, const radar_hist_event *ev)
{
	const radar_hist_state *b = &ev->before, *a = &ev->after;

	switch (ev->kind) {
	case HIST_ADDED:
	case HIST_RESCORED:
		strbuf_puts(sb, ring_id(cfg, a->placement));
		break;
	case HIST_RENAMED:
		strbuf_printf(sb, "%s (from %s)", ring_id(cfg, a->placement), ev->old_id);
		break;
	case HIST_REMOVED:
		strbuf_printf(sb, "%s → -", ring_id(cfg, b->placement));
		break;
	case HIST_MOVED:
		if (a->placement != b->placement)
			strbuf_printf(sb, "%s → %s", ring_id(cfg, b->placement), ring_id(cfg, a->placement));
		else
			strbuf_puts(sb, ring_id(cfg, a->placement));
		/* The declared ring said apart only when it is not the placement itself. */
		if (a->declared != b->declared &&
		    (a->placement == b->placement || a->declared != a->placement ||
		     (b->declared >= 0 && b->declared != b->placement)))
			strbuf_printf(sb, " (declared %s → %s)", ring_id(cfg, b->declared),
				      ring_id(cfg, a->declared));
		break;
	}
}

static void total_cell(strbuf *sb, const radar_hist_event *ev)
{
	const radar_hist_state *b = &ev->before, *a = &ev->after;
	int changed = b->scored != a->scored || (a->scored && frac_cmp(a->total, b->total));

	if (ev->kind == HIST_REMOVED) {
		total_text(sb, b);
		strbuf_puts(sb, " → -");
	} else if (ev->kind == HIST_ADDED || !changed) {
		total_text(sb, a);
	} else {
		total_text(sb, b);
		strbuf_puts(sb, " → ");
		total_text(sb, a);
	}
}

static json_t *total_json(const radar_hist_state *s)
{
	return s->scored ? cli_json_fixed(s->total) : json_null();
}

static json_t *event_json(const radar_config *cfg, const radar_hist_event *ev)
{
	json_t *o = json_object();
	char day[11], when[26];

	date_format(ev->by->day, day);
	radar_format_time(ev->by->time, ev->by->offset, when);
	json_object_set_new(o, "id", json_string(ev->id));
	json_object_set_new(o, "commit", json_string(ev->by->id));
	json_object_set_new(o, "date", json_string(day));
	json_object_set_new(o, "author", json_string(ev->by->author));
	json_object_set_new(o, "kind", json_string(radar_hist_kind_name(ev->kind)));
	json_object_set_new(o, "ring", ev->present ? ring_json(cfg, ev->after.placement) : json_null());
	json_object_set_new(o, "total", ev->present ? total_json(&ev->after) : json_null());
	json_object_set_new(o, "total_exact", ev->present && ev->after.scored
						      ? cli_json_exact(ev->after.total) : json_null());
	json_object_set_new(o, "declared_ring", ev->present ? ring_json(cfg, ev->after.declared) : json_null());
	json_object_set_new(o, "from_ring", ring_json(cfg, ev->before.placement));
	json_object_set_new(o, "from_declared_ring", ring_json(cfg, ev->before.declared));
	json_object_set_new(o, "from_total", total_json(&ev->before));
	json_object_set_new(o, "old_id", ev->old_id ? json_string(ev->old_id) : json_null());
	json_object_set_new(o, "time", json_string(when));
	json_object_set_new(o, "email", json_string(ev->by->email));
	json_object_set_new(o, "subject", json_string(ev->by->subject));
	json_object_set_new(o, "merged_by", ev->step != ev->by ? json_string(ev->step->id) : json_null());
	return o;
}

/* Rows of cells, printed with aligned columns (the last one ragged). */
typedef struct table {
	char **cells;
	size_t ncols, nrows, cap;
} table;

static void table_add(table *t, char **row)
{
	GROW(t->cells, t->cap, (t->nrows + 1) * t->ncols);
	memcpy(t->cells + t->nrows * t->ncols, row, t->ncols * sizeof(char *));
	t->nrows++;
}

static void table_print(const cli_ctx *c, table *t, int header)
{
	size_t *w = xcalloc(t->ncols, sizeof(size_t));
	strbuf sb = STRBUF_INIT;

	for (size_t r = 0; r < t->nrows; r++)
		for (size_t k = 0; k < t->ncols; k++) {
			size_t x = text_width(t->cells[r * t->ncols + k]);
			if (x > w[k])
				w[k] = x;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		strbuf_reset(&sb);
		if (header && r == 0)
			strbuf_puts(&sb, cli_sgr(c, "1"));
		for (size_t k = 0; k < t->ncols; k++) {
			const char *cell = t->cells[r * t->ncols + k];
			if (k + 1 < t->ncols) {
				cli_pad(&sb, cell, w[k]);
				strbuf_puts(&sb, "  ");
			} else {
				strbuf_puts(&sb, cell);
			}
		}
		while (sb.len && sb.buf[sb.len - 1] == ' ')
			sb.buf[--sb.len] = '\0';
		if (header && r == 0)
			strbuf_puts(&sb, cli_sgr(c, "0"));
		printf("%s\n", strbuf_str(&sb));
	}
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(w);
	strbuf_free(&sb);
}

static char *sfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *sfmt(const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	strbuf_add(&sb, "", 0);
	return strbuf_detach(&sb);
}

static void print_history(const cli_ctx *c, const radar_config *cfg, const radar_history *h)
{
	table t = { 0 };
	char *head[] = { xstrdup("date"), xstrdup("commit"), xstrdup("id"), xstrdup("change"),
			 xstrdup("ring"), xstrdup("total"), xstrdup("author"), xstrdup("subject") };

	t.ncols = 8;
	table_add(&t, head);
	for (size_t i = 0; i < h->n; i++) {
		const radar_hist_event *ev = &h->events[i];
		strbuf ring = STRBUF_INIT, total = STRBUF_INIT;
		char day[11], *row[8];

		date_format(ev->by->day, day);
		ring_cell(&ring, cfg, ev);
		total_cell(&total, ev);
		strbuf_add(&ring, "", 0);
		strbuf_add(&total, "", 0);
		row[0] = xstrdup(day);
		row[1] = sfmt("%.10s", ev->by->id);
		row[2] = xstrdup(ev->id);
		row[3] = xstrdup(radar_hist_kind_name(ev->kind));
		row[4] = strbuf_detach(&ring);
		row[5] = strbuf_detach(&total);
		row[6] = xstrdup(ev->by->author);
		row[7] = xstrdup(ev->by->subject);
		table_add(&t, row);
	}
	if (h->n)
		table_print(c, &t, 1);
	else {
		for (size_t i = 0; i < t.ncols; i++)
			free(t.cells[i]);
		free(t.cells);
	}
}

static const char *outcome_text(radar_retro_outcome o)
{
	switch (o) {
	case RETRO_HELD: return "held";
	case RETRO_MOVED_IN: return "moved in";
	case RETRO_MOVED_OUT: return "moved out";
	case RETRO_REMOVED: return "removed";
	default: return "not yet due";
	}
}

static void print_retro(const cli_ctx *c, const radar_config *cfg, const radar_retro *rr,
			size_t n)
{
	table t = { 0 };
	char *head[] = { xstrdup("placed"), xstrdup("commit"), xstrdup("id"), xstrdup("ring"),
			 xstrdup("due"), xstrdup("at due"), xstrdup("outcome") };
	size_t counts[5] = { 0 };

	t.ncols = 7;
	table_add(&t, head);
	for (size_t i = 0; i < n; i++) {
		const radar_hist_event *ev = rr[i].placement;
		char day[11], due[11], *row[7];

		date_format(ev->by->day, day);
		date_format(rr[i].due, due);
		row[0] = xstrdup(day);
		row[1] = sfmt("%.10s", ev->by->id);
		row[2] = xstrdup(ev->id);
		row[3] = xstrdup(ring_id(cfg, ev->after.placement));
		row[4] = xstrdup(due);
		row[5] = xstrdup(rr[i].outcome == RETRO_NOT_DUE ? "" : ring_id(cfg, rr[i].ring_at_due));
		row[6] = xstrdup(outcome_text(rr[i].outcome));
		table_add(&t, row);
		counts[rr[i].outcome]++;
	}
	if (!n) {
		for (size_t i = 0; i < t.ncols; i++)
			free(t.cells[i]);
		free(t.cells);
		printf("no placements in history\n");
		return;
	}
	table_print(c, &t, 1);
	printf("\n%zu placements: %zu held, %zu moved in, %zu moved out, %zu removed, %zu not yet due\n",
	       n, counts[RETRO_HELD], counts[RETRO_MOVED_IN], counts[RETRO_MOVED_OUT],
	       counts[RETRO_REMOVED], counts[RETRO_NOT_DUE]);
}

static json_t *retro_json(const radar_config *cfg, const radar_retro *rr, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++) {
		const radar_hist_event *ev = rr[i].placement;
		json_t *o = json_object();
		char day[11], due[11];
		int due_done = rr[i].outcome != RETRO_NOT_DUE;

		date_format(ev->by->day, day);
		date_format(rr[i].due, due);
		json_object_set_new(o, "id", json_string(ev->id));
		json_object_set_new(o, "commit", json_string(ev->by->id));
		json_object_set_new(o, "date", json_string(day));
		json_object_set_new(o, "author", json_string(ev->by->author));
		json_object_set_new(o, "kind", json_string(radar_hist_kind_name(ev->kind)));
		json_object_set_new(o, "ring", ring_json(cfg, ev->after.placement));
		json_object_set_new(o, "due", json_string(due));
		json_object_set_new(o, "ring_at_due", due_done ? ring_json(cfg, rr[i].ring_at_due) : json_null());
		json_object_set_new(o, "id_at_due", due_done && rr[i].id_at_due ? json_string(rr[i].id_at_due) : json_null());
		json_object_set_new(o, "outcome", json_string(radar_retro_outcome_name(rr[i].outcome)));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* The id NAME stands for: a file in the entries folder, else an entry's name. */
static char *resolve_name(cli_ctx *c, const repo *r, const radar_config *cfg, const char *name,
			  radar **rd_out)
{
	strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	char *lower = xstrdup(name);
	diag_list dl = DIAG_LIST_INIT;
	radar *rd = NULL;
	const radar_entry *e;

	for (char *p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	*rd_out = NULL;
	if (text_is_slug(lower)) {
		strbuf_printf(&path, "%s/%s.yaml", cfg->entries_path, lower);
		if (repo_path_kind(r, path.buf) == 1)
			goto done;
		strbuf_reset(&path);
		strbuf_printf(&path, "%s/%s.yml", cfg->entries_path, lower);
		if (repo_path_kind(r, path.buf) == 1)
			goto done;
	}
	/* By name: the radar as it is now. */
	if (!radar_load(&rd, r, 0, &dl, &err) && (e = radar_find(rd, name))) {
		free(lower);
		lower = xstrdup(e->id);
	}
	*rd_out = rd;
done:
	diag_list_free(&dl);
	strbuf_free(&path);
	strbuf_free(&err);
	(void)c;
	return lower;
}

static int run(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	radar_config *cfg = NULL;
	radar *rd = NULL;
	radar_history *h = NULL;
	strbuf err = STRBUF_INIT;
	char *id = NULL;
	progress p = { 0 };
	int rc = EXIT_DATA, cfg_bad;

	if (a->npos > 1)
		return cli_usage_error(c, "unexpected argument '%s'", a->pos[1]);
	if (cli_open_repo(c, &r, 0))
		return EXIT_DATA;
	if (!repo_is_git(r)) {
		rc = cli_error(c, "history needs a Git repository (this directory is not in one)");
		goto cleanup;
	}
	cfg_bad = cli_load_config(c, r, &cfg);
	if (a->npos)
		id = resolve_name(c, r, cfg, a->pos[0], &rd);
	p.tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &p.start);
	if (radar_history_load(&h, r, cfg, id, on_progress, &p, &err)) {
		on_progress(&p, 1, 1);
		rc = cli_error(c, "%s", strbuf_str(&err));
		goto cleanup;
	}
	if (id && !h->found) {
		char *near = NULL;
		if (!rd) {
			diag_list dl = DIAG_LIST_INIT;
			radar_load(&rd, r, 0, &dl, &err);
			diag_list_free(&dl);
		}
		near = rd ? radar_nearest(rd, a->pos[0]) : NULL;
		if (near)
			cli_error(c, "no entry named '%s' in the history; did you mean %s?", a->pos[0], near);
		else
			cli_error(c, "no entry named '%s' in the history", a->pos[0]);
		free(near);
		goto cleanup;
	}
	if (cli_flag(c, a, "retro")) {
		radar_retro *rr = NULL;
		size_t n = 0;
		radar_history_retro(h, cfg->review_after_months, date_today(), &rr, &n);
		if (c->json)
			cli_json_print(retro_json(cfg, rr, n));
		else
			print_retro(c, cfg, rr, n);
		free(rr);
	} else if (c->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < h->n; i++)
			json_array_append_new(arr, event_json(cfg, &h->events[i]));
		cli_json_print(arr);
	} else {
		print_history(c, cfg, h);
	}
	rc = cfg_bad ? EXIT_DATA : EXIT_OK;

cleanup:
	radar_history_free(h);
	radar_free(rd);
	radar_config_free(cfg);
	free(id);
	strbuf_free(&err);
	repo_free(r);
	return rc;
}

static const cli_option options[] = {
	{ "retro", 0, NULL, "the retrospective check of every placement instead" },
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_history = {
	.name = "history",
	.usage = "[NAME] [--retro]",
	.summary = "every ring and score change of every entry (or one), from Git",
	.details =
		"Follows the first-parent line of HEAD (or --rev), oldest change first: added,\n"
		"removed, renamed (file moved, same name), moved (placement or declared ring\n"
		"changed), rescored (scorecard total changed). Each change is dated by the commit\n"
		"that made it; a change a merge brought is credited to the branch commit that made\n"
		"it. Uncommitted edits are not history.\n"
		"--retro checks every placement (an entry added with a ring, or moved) against the\n"
		"entry's ring review.after_months calendar months later: held, moved in, moved out,\n"
		"removed, or not yet due.\n",
	.options = options,
	.reads = 1,
	.run = run,
};
