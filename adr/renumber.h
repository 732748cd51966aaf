#ifndef ADR_RENUMBER_H
#define ADR_RENUMBER_H
/*
 * A new record's number, defended up to the commit. `adr new` picks the next
 * free number from the branch tip and the work tree under the writers' lock,
 * but a commit made without that lock (plain git or adr-tools in this work
 * tree, another clone's commit fetched) can take the number before ours
 * lands. adr_renumber_on_tip is the repo_tip_fn (util/repo.h) that looks at
 * every tip a commit is about to be built on and, when the number is taken
 * there, moves the new record to the next free number: its file name, its
 * `# N.` heading, the links the other written records hold to it, and the
 * commit message; the old file is removed.
 */
#include <stddef.h>

#include "util/repo.h"

typedef struct adr_renumber {
	char *root;         /* the work tree, absolute: where renumbered files are created */
	char *dir;          /* the ADR folder, repository-relative ("doc/adr") */
	char *slug;
	char *title;
	long number;        /* the new record's number now */
	char *name;         /* and its file name */
	int renumbered;     /* how many times it moved */
	/* The plan: paths[0]/datas[0] is the new record, then the records it links. */
	char **paths, **datas;
	size_t n;
	char **remove;
	size_t nremove;
	char *message;      /* "adr: N. Title" */
	repo_file *files;   /* views of paths/datas for the plan */
	/* Files a renumbering created in the work tree (absolute), for a rollback. */
	char **created;
	size_t ncreated;
} adr_renumber;

/*
 * Starts the state for a new record `name` numbered `number` in `dir`
 * (repository-relative) of the work tree `root`, with title `title` and the
 * record's text; adr_renumber_add adds the other files the commit writes
 * (repository-relative paths; the texts are copied). adr_renumber_plan
 * fills a repo_plan with the files, removals and message as they stand.
 */
void adr_renumber_init(adr_renumber *rn, const char *root, const char *dir, long number,
		       const char *name, const char *slug, const char *title, const char *text);
void adr_renumber_add(adr_renumber *rn, const char *path, const char *text);
void adr_renumber_plan(adr_renumber *rn, repo_plan *plan);
void adr_renumber_free(adr_renumber *rn);

/*
 * The repo_tip_fn (arg: an adr_renumber). The number counts as taken when
 * the tip's folder has another entry starting with it (any entry, as
 * adr-tools counts), or a file of our name with other contents. Then the
 * record moves to one more than the highest number in the tip's folder, the
 * work tree's folder and its own, created exclusively in the work tree
 * (O_EXCL, the next number while one exists); REPO_PLAN_CHANGED. A file of
 * our name that the tip has with other contents is given back its tip
 * version rather than removed. 0 when the number is free.
 */
int adr_renumber_on_tip(void *arg, const repo *tip, repo_plan *plan, strbuf *err);

#endif
