/*
 * Writing for the adr subcommands: changes to files, written atomically,
 * rolled back on failure, and committed in one commit inside Git.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adr/edit.h"
#include "adr/renumber.h"
#include "cmd-adr.h"

void adr_changes_free(adr_change *ch, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(ch[i].path);
		free(ch[i].data);
		free(ch[i].orig);
	}
	free(ch);
}

char *adr_read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	strbuf sb = STRBUF_INIT;
	char buf[8192];
	size_t n;
	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return sb.buf ? strbuf_detach(&sb) : xstrdup("");
}

/* The path relative to the work tree's root, or NULL when outside it. */
char *adr_root_relative(const adr_env *e, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	char *real = realpath(*dir ? dir : "/", NULL);
	size_t rl = strlen(e->root);
	strbuf sb = STRBUF_INIT;
	char *res = NULL;

	if (real && !strncmp(real, e->root, rl) && (real[rl] == '/' || !real[rl])) {
		if (real[rl])
			strbuf_printf(&sb, "%s/", real + rl + 1);
		strbuf_puts(&sb, slash ? slash + 1 : path);
		res = strbuf_detach(&sb);
	}
	free(dir);
	free(real);
	return res;
}

void adr_rollback(adr_change *ch, size_t n)
{
	strbuf err = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (ch[i].created)
			unlink(ch[i].path);
		else if (ch[i].orig)
			fs_write_atomic(ch[i].path, ch[i].orig, strlen(ch[i].orig), &err);
	}
	strbuf_free(&err);
}

/*
 * Commits a new record (files[0], the change ch[0]) and the records it
 * links, renumbering it when the branch tip took its number meanwhile
 * (adr/renumber.h); ch[0].path follows it. On failure every file a
 * renumbering created is unlinked.
 */
static int commit_new(adr_env *e, adr_change *ch, const repo_file *files, size_t nf,
		      const adr_new_record *nr, strbuf *err)
{
	const char *slash = strrchr(files[0].path, '/');
	char *dir = slash ? xstrndup(files[0].path, (size_t)(slash - files[0].path)) : xstrdup("");
	adr_renumber rn;
	repo_plan plan;
	int rc;

	adr_renumber_init(&rn, e->root, dir, nr->number, slash ? slash + 1 : files[0].path,
			  nr->slug, nr->title, files[0].data);
	for (size_t i = 1; i < nf; i++)
		adr_renumber_add(&rn, files[i].path, files[i].data);
	adr_renumber_plan(&rn, &plan);
	rc = repo_write_checked(e->r, &plan, 1, adr_renumber_on_tip, &rn, NULL, err);
	if (rc) {
		for (size_t i = 0; i < rn.ncreated; i++)
			unlink(rn.created[i]);
	} else if (rn.renumbered) {
		strbuf p = STRBUF_INIT;
		strbuf_printf(&p, "%s/%s", e->dir, rn.name);
		free(ch[0].path);
		ch[0].path = strbuf_detach(&p);
	}
	adr_renumber_free(&rn);
	free(dir);
	return rc;
}

int adr_apply(adr_env *e, adr_change *ch, size_t n, const char *message, int no_commit,
	      int already_written, const adr_new_record *nr)
{
	strbuf err = STRBUF_INIT;
	repo_file *files = NULL;
	char **rel = NULL;
	int rc = EXIT_OK;
	size_t nf = 0;

	for (size_t i = 0; !already_written && i < n; i++) {
		if (fs_write_atomic(ch[i].path, ch[i].data, strlen(ch[i].data), &err)) {
			adr_rollback(ch, i);
			rc = adr_fail(e, EXIT_DATA, "%s; nothing written", err.buf);
			goto cleanup;
		}
	}
	if (no_commit || !e->cfg->commit || !e->r || !repo_is_git(e->r) || !e->root)
		goto cleanup;
	files = xcalloc(n + 1, sizeof(*files));
	rel = xcalloc(n + 1, sizeof(*rel));
	for (size_t i = 0; i < n; i++) {
		if (!(rel[i] = adr_root_relative(e, ch[i].path)))
			continue;
		free(ch[i].data);
		if (!(ch[i].data = adr_read_file(ch[i].path)))
			ch[i].data = xstrdup("");
		files[nf].path = rel[i];
		files[nf].data = ch[i].data;
		files[nf].len = strlen(ch[i].data);
		nf++;
	}
	strbuf_reset(&err);
	if (nf && (nr && rel[0] ? commit_new(e, ch, files, nf, nr, &err)
			       : repo_write(e->r, files, nf, message, 1, NULL, &err))) {
		adr_rollback(ch, n);
		rc = adr_fail(e, EXIT_DATA, "%s; nothing written", err.buf);
	}
cleanup:
	for (size_t i = 0; rel && i < n; i++)
		free(rel[i]);
	free(rel);
	free(files);
	strbuf_free(&err);
	return rc;
}

int adr_has_long(const adr_opt *o, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (o[i].lname && !strcmp(o[i].lname, name))
			return 1;
	return 0;
}

adr_change *adr_change_for(adr_change **ch, size_t *n, const char *path, const char *text)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*ch)[i].path, path))
			return &(*ch)[i];
	*ch = xrealloc(*ch, (*n + 1) * sizeof(**ch));
	(*ch)[*n] = (adr_change){ xstrdup(path), xstrdup(text), xstrdup(text), 0 };
	return &(*ch)[(*n)++];
}

static void replace(char **dst, char *v)
{
	free(*dst);
	*dst = v;
}

static char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return xstrdup(s ? s + 1 : path);
}

/* Adds a link TYPE from change `from` to change `to`, as _adr_add_link. */
void adr_link_changes(adr_change *from, const char *type, const adr_change *to)
{
	char *title = adr_link_title(to->data), *base = base_name(to->path);
	replace(&from->data, adr_text_add_link(from->data, type, title, base));
	free(title);
	free(base);
}
int adr_write_changes(adr_env *e, adr_change *ch, size_t n, const char *msg, int no_commit)
{
	int rc, locked = 0;
	strbuf err = STRBUF_INIT;
	if (e->r && repo_is_git(e->r)) {
		if (repo_lock(e->r, &err)) {
			rc = adr_fail(e, EXIT_DATA, "%s", err.buf);
			strbuf_free(&err);
			return rc;
		}
		locked = 1;
	}
	rc = adr_apply(e, ch, n, msg, no_commit, 0, NULL);
	if (locked)
		repo_unlock(e->r);
	strbuf_free(&err);
	return rc;
}
