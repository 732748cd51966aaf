/* Renumbering a new record whose number the branch tip took meanwhile. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adr/edit.h"
#include "adr/name.h"
#include "adr/renumber.h"
#include "util/repo.h"
#include "adr/set.h"

static char *join(const char *a, const char *b)
{
	strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%s%s%s", a, *a && a[strlen(a) - 1] != '/' ? "/" : "", b);
	return strbuf_detach(&sb);
}

static void set_message(adr_renumber *rn)
{
	strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "adr: %ld. %s", rn->number, rn->title);
	free(rn->message);
	rn->message = strbuf_detach(&sb);
}

void adr_renumber_init(adr_renumber *rn, const char *root, const char *dir, long number,
		       const char *name, const char *slug, const char *title, const char *text)
{
	memset(rn, 0, sizeof(*rn));
	rn->root = xstrdup(root);
	rn->dir = xstrdup(dir);
	rn->slug = xstrdup(slug);
	rn->title = xstrdup(title);
	rn->number = number;
	rn->name = xstrdup(name);
	set_message(rn);
	rn->paths = xcalloc(1, sizeof(char *));
	rn->datas = xcalloc(1, sizeof(char *));
	rn->paths[0] = join(dir, name);
	rn->datas[0] = xstrdup(text);
	rn->n = 1;
}

void adr_renumber_add(adr_renumber *rn, const char *path, const char *text)
{
	rn->paths = xrealloc(rn->paths, (rn->n + 1) * sizeof(char *));
	rn->datas = xrealloc(rn->datas, (rn->n + 1) * sizeof(char *));
	rn->paths[rn->n] = xstrdup(path);
	rn->datas[rn->n] = xstrdup(text);
	rn->n++;
}

void adr_renumber_plan(adr_renumber *rn, repo_plan *plan)
{
	free(rn->files);
	rn->files = xcalloc(rn->n, sizeof(*rn->files));
	for (size_t i = 0; i < rn->n; i++)
		rn->files[i] = (repo_file){ rn->paths[i], rn->datas[i], strlen(rn->datas[i]) };
	plan->files = rn->files;
	plan->nfiles = rn->n;
	plan->remove = (const char *const *)rn->remove;
	plan->nremove = rn->nremove;
	plan->message = rn->message;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void adr_renumber_free(adr_renumber *rn)
{
	free(rn->root);
	free(rn->dir);
	free(rn->slug);
	free(rn->title);
	free(rn->name);
	free_list(rn->paths, rn->n);
	free_list(rn->datas, rn->n);
	free_list(rn->remove, rn->nremove);
	free_list(rn->created, rn->ncreated);
	free(rn->message);
	free(rn->files);
	memset(rn, 0, sizeof(*rn));
}

/*
 * Whether the tip takes our number; *tip_max gets the highest number in the
 * tip's folder, *theirs the tip's text of a file with our very name (NULL
 * when it has none or the same text as ours).
 */
static int taken(adr_renumber *rn, const repo *tip, long *tip_max, char **theirs, strbuf *err)
{
	char **names = NULL;
	size_t n = 0, len;
	long v;
	int rc, yes = 0;

	*tip_max = 0;
	*theirs = NULL;
	rc = repo_list_dir(tip, rn->dir, &names, &n, err);
	if (rc == REPO_ENOTFOUND) {
		strbuf_reset(err);
		return 0;
	}
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (adr_name_number(names[i], &v))
			continue;
		if (v > *tip_max)
			*tip_max = v;
		if (v != rn->number)
			continue;
		if (strcmp(names[i], rn->name)) {
			yes = 1;
		} else if (repo_path_kind(tip, rn->paths[0]) == 1 &&
			   !repo_read_file(tip, rn->paths[0], ADR_MAX_FILE, theirs, &len, err)) {
			if (strcmp(*theirs, rn->datas[0])) {
				yes = 1;
			} else {
				free(*theirs);
				*theirs = NULL;
			}
		} else {
			/* Not a file we can read (a folder, a symlink): taken all the same. */
			strbuf_reset(err);
			yes = 1;
		}
	}
	repo_names_free(names, n);
	return yes;
}

/* Creates root/dir/name with data unless it exists: 1 created, 0 exists, -1 error. */
/* 1 created, 0 taken, -1 error: whole or not at all (see fs_create_exclusive). */
static int create_new(const char *path, const char *data, strbuf *err)
{
	int rc = fs_create_exclusive(path, data, strlen(data), err);
	return rc < 0 ? -1 : rc;
}

int adr_renumber_on_tip(void *arg, const repo *tip, repo_plan *plan, strbuf *err)
{
	adr_renumber *rn = arg;
	long tip_max, wt_max, to;
	char *theirs = NULL, *wt_dir, *name = NULL, *path = NULL, *data = NULL, *old_path;
	int rc;

	if ((rc = taken(rn, tip, &tip_max, &theirs, err)) <= 0)
		return rc;
	wt_dir = join(rn->root, rn->dir);
	wt_max = adr_dir_max_number(wt_dir);
	to = rn->number;
	if (tip_max > to)
		to = tip_max;
	if (wt_max > to)
		to = wt_max;
	for (;;) {
		to++;
		free(name);
		free(path);
		free(data);
		name = adr_file_name(to, rn->slug);
		path = join(wt_dir, name);
		data = adr_text_renumber(rn->datas[0], rn->number, to);
		if ((rc = create_new(path, data, err)) != 0)
			break;
	}
	free(wt_dir);
	if (rc < 0) {
		free(name);
		free(path);
		free(data);
		free(theirs);
		return REPO_ERROR;
	}
	rn->created = xrealloc(rn->created, (rn->ncreated + 1) * sizeof(char *));
	rn->created[rn->ncreated++] = path;
	for (size_t i = 1; i < rn->n; i++) {
		char *t = adr_text_relink(rn->datas[i], rn->name, name, rn->number, to);
		free(rn->datas[i]);
		rn->datas[i] = t;
	}
	old_path = rn->paths[0];
	free(rn->datas[0]);
	rn->datas[0] = data;
	rn->paths[0] = join(rn->dir, name);
	if (theirs) {
		/* The tip's file of our old name is theirs: the work tree gets it back. */
		adr_renumber_add(rn, old_path, theirs);
		free(old_path);
		free(theirs);
	} else {
		rn->remove = xrealloc(rn->remove, (rn->nremove + 1) * sizeof(char *));
		rn->remove[rn->nremove++] = old_path;
	}
	free(rn->name);
	rn->name = name;
	rn->number = to;
	rn->renumbered++;
	set_message(rn);
	adr_renumber_plan(rn, plan);
	return REPO_PLAN_CHANGED;
}
