/* What the commands share: opening the repository, loading, printing. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "util/text.h"

int cli_open_repo(cli_ctx *c, repo **r, int for_writing)
{
	strbuf err = STRBUF_INIT;
	int rc = repo_open(r, c->dir, for_writing ? NULL : c->rev, &err);

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
	int color = isatty(STDERR_FILENO) && c->color;
	for (size_t i = 0; i < dl->n; i++) {
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
		diag_sort(dl);
		if (print)
			cli_print_diags(c, dl);
	}
	strbuf_free(&err);
	return rc;
}

const radar_entry *cli_find_entry(cli_ctx *c, const radar *rd, const char *name)
{
	const radar_entry *e = radar_find(rd, name);
	char *near;

	if (e)
		return e;
	if (radar_is_broken(rd, name)) {
		cli_error(c, "'%s' has errors (see above); fix them first", name);
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

