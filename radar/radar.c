#include "radar.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strbuf.h"
#include "util/text.h"

char *radar_display_path(const repo *r, const char *path)
{
	strbuf sb = STRBUF_INIT;
	if (repo_rev(r))
		strbuf_printf(&sb, "%s:", repo_rev(r));
	strbuf_puts(&sb, path);
	return strbuf_detach(&sb);
}

/* Reads one data file, reporting what keeps it from being read. */
static int read_data_file(const repo *r, const char *path, const char *shown, char **buf,
			  size_t *len, diag_list *dl, strbuf *err)
{
	strbuf e = STRBUF_INIT;
	int rc = repo_read_file(r, path, RADAR_MAX_FILE, buf, len, &e);

	if (rc == REPO_ETOOBIG)
		diag_add(dl, DIAG_ERROR, shown, 1, 1, "file is larger than 1 MiB; refused");
	else if (rc == REPO_ERROR)
		diag_add(dl, DIAG_ERROR, shown, 1, 1, "%s", strbuf_str(&e));
	strbuf_free(&e);
	(void)err;
	return rc;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp((*(radar_entry *const *)a)->id, (*(radar_entry *const *)b)->id);
}

static int cmp_judgment(const void *a, const void *b)
{
	const radar_judgment *x = *(radar_judgment *const *)a, *y = *(radar_judgment *const *)b;
	int c = date_cmp(x->when, y->when);
	return c ? c : strcmp(x->path, y->path);
}

static int load_config(radar *rd, const repo *r, diag_list *dl, strbuf *err)
{
	char *buf = NULL, *shown = radar_display_path(r, RADAR_CONFIG_FILE);
	size_t len = 0, errors = dl->errors;
	int rc = read_data_file(r, RADAR_CONFIG_FILE, shown, &buf, &len, dl, err);

	if (rc == REPO_OK) {
		rd->cfg_found = 1;
		if (!text_is_utf8(buf, len)) {
			diag_add(dl, DIAG_ERROR, shown, 1, 1, "the file is not valid UTF-8 text");
			rd->cfg = radar_config_default();
		} else {
			radar_config_parse(&rd->cfg, shown, buf, len, dl);
		}
	} else {
		rd->cfg = radar_config_default();
	}
	rd->cfg_errors = dl->errors - errors;
	free(buf);
	free(shown);
	return 0;
}

static void load_entries(radar *rd, const repo *r, diag_list *dl, strbuf *err)
{
	const radar_config *cfg = rd->cfg;
	char **names = NULL;
	size_t n = 0;
	strbuf path = STRBUF_INIT, e = STRBUF_INIT;
	int rc = repo_list_dir(r, cfg->entries_path, &names, &n, &e);

	if (rc == REPO_ERROR) {
		char *shown = radar_display_path(r, cfg->entries_path);
		diag_add(dl, DIAG_ERROR, shown, 1, 1, "%s", strbuf_str(&e));
		free(shown);
	}
	rd->entries = xcalloc(n ? n : 1, sizeof(*rd->entries));
	rd->broken = xcalloc(n ? n : 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		char *id = radar_entry_id_from_file(names[i]), *buf = NULL, *shown;
		size_t len;
		radar_entry *entry = NULL;

		if (!id)
			continue;
		strbuf_reset(&path);
		strbuf_printf(&path, "%s/%s", cfg->entries_path, names[i]);
		shown = radar_display_path(r, path.buf);
		if (read_data_file(r, path.buf, shown, &buf, &len, dl, err) == REPO_OK &&
		    !radar_entry_parse(&entry, cfg, id, shown, buf, len, dl)) {
			rd->entries[rd->nentries++] = entry;
		} else {
			rd->broken[rd->nbroken++] = xstrdup(id);
		}
		free(buf);
		free(shown);
		free(id);
	}
	qsort(rd->entries, rd->nentries, sizeof(*rd->entries), cmp_entry);

	/* Ids must be unique (mojo.yaml beside mojo.yml), and so must names. */
	for (size_t i = 1; i < rd->nentries; i++) {
		radar_entry *a = rd->entries[i - 1], *b = rd->entries[i];
		if (!strcmp(a->id, b->id))
			diag_add(dl, DIAG_ERROR, b->path, 1, 1, "duplicate id '%s' (also %s)", b->id, a->path);
	}
	for (size_t i = 0; i < rd->nentries; i++)
		for (size_t j = 0; j < i; j++) {
			radar_entry *a = rd->entries[j], *b = rd->entries[i];
			if (a->name && b->name && !strcasecmp(a->name, b->name))
				diag_add(dl, DIAG_ERROR, b->path, b->name_line, b->name_col,
					 "duplicate name '%s' (also in %s)", b->name, a->path);
		}
	repo_names_free(names, n);
	strbuf_free(&path);
	strbuf_free(&e);
}

static void load_judgments(radar *rd, const repo *r, diag_list *dl, strbuf *err)
{
	char **names = NULL;
	size_t n = 0;
	strbuf path = STRBUF_INIT, e = STRBUF_INIT;

	repo_list_dir(r, rd->cfg->judgments_path, &names, &n, &e);
	rd->judgments = xcalloc(n ? n : 1, sizeof(*rd->judgments));
	for (size_t i = 0; i < n; i++) {
		char *id = radar_entry_id_from_file(names[i]), *buf = NULL, *shown;
		size_t len;
		radar_judgment *j = NULL;

		if (!id)
			continue;
		strbuf_reset(&path);
		strbuf_printf(&path, "%s/%s", rd->cfg->judgments_path, names[i]);
		shown = radar_display_path(r, path.buf);
		if (read_data_file(r, path.buf, shown, &buf, &len, dl, err) == REPO_OK &&
		    !radar_judgment_parse(&j, rd->cfg, shown, buf, len, dl)) {
			if (j->subject && !radar_find(rd, j->subject) && !radar_is_broken(rd, j->subject)) {
				char *near = radar_nearest(rd, j->subject);
				diag_add(dl, DIAG_ERROR, shown, j->subject_line, j->subject_col,
					 "subject '%s' is not an entry on the radar%s%s%s", j->subject,
					 near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
				free(near);
			}
			rd->judgments[rd->njudgments++] = j;
		}
		free(buf);
		free(shown);
		free(id);
	}
	qsort(rd->judgments, rd->njudgments, sizeof(*rd->judgments), cmp_judgment);
	repo_names_free(names, n);
	strbuf_free(&path);
	strbuf_free(&e);
}

int radar_load(radar **out, const repo *r, unsigned flags, diag_list *dl, strbuf *err)
{
	radar *rd = xcalloc(1, sizeof(*rd));

	load_config(rd, r, dl, err);
	load_entries(rd, r, dl, err);
	if (flags & RADAR_LOAD_JUDGMENTS)
		load_judgments(rd, r, dl, err);
	*out = rd;
	return 0;
}

void radar_free(radar *rd)
{
	if (!rd)
		return;
	for (size_t i = 0; i < rd->nentries; i++)
		radar_entry_free(rd->entries[i]);
	free(rd->entries);
	for (size_t i = 0; i < rd->nbroken; i++)
		free(rd->broken[i]);
	free(rd->broken);
	for (size_t i = 0; i < rd->njudgments; i++)
		radar_judgment_free(rd->judgments[i]);
	free(rd->judgments);
	radar_config_free(rd->cfg);
	free(rd);
}

const radar_entry *radar_find(const radar *rd, const char *name)
{
	for (size_t i = 0; i < rd->nentries; i++)
		if (!strcasecmp(rd->entries[i]->id, name))
			return rd->entries[i];
	for (size_t i = 0; i < rd->nentries; i++)
		if (rd->entries[i]->name && !strcasecmp(rd->entries[i]->name, name))
			return rd->entries[i];
	return NULL;
}

int radar_is_broken(const radar *rd, const char *name)
{
	for (size_t i = 0; i < rd->nbroken; i++)
		if (!strcasecmp(rd->broken[i], name))
			return 1;
	return 0;
}

char *radar_nearest(const radar *rd, const char *name)
{
	const char **cands = xcalloc(2 * rd->nentries + 1, sizeof(char *));
	size_t n = 0;
	char *near;

	for (size_t i = 0; i < rd->nentries; i++) {
		cands[n++] = rd->entries[i]->id;
		if (rd->entries[i]->name && strcasecmp(rd->entries[i]->name, rd->entries[i]->id))
			cands[n++] = rd->entries[i]->name;
	}
	near = text_nearest(name, cands, n);
	free(cands);
	return near;
}
