#ifndef RADAR_REPO_PRIVATE_H
#define RADAR_REPO_PRIVATE_H
/*
 * Internals shared by the files of the repository module, and by nothing
 * else: repo.c (opening, discovery, dispatch of the reads), repo-worktree.c
 * (reading the work tree), repo-tree.c (reading a commit's tree) and
 * repo-write.c (locking, writing, committing). Only these include git2.h.
 */
#include <git2.h>

#include "repo.h"

/*
 * The directory read last, kept open: `radar list` reads 2,000 files of one
 * directory. In tree mode its subtree (libgit2 does not cache trees that
 * large, so each bypath lookup would parse it again); in the work tree its
 * descriptor (saving the walk from the root, two syscalls a file).
 */
struct dir_cache {
	char *dir;       /* clean path, never "" */
	git_tree *tree;  /* tree mode */
	int fd;          /* work tree mode; -1 when none */
};

/*
 * Reading a work tree does not need libgit2 (see discover_simple in
 * repo.c): then `git` stays NULL although is_git is set, until
 * repo__need_git opens it.
 */
struct repo {
	git_repository *git;  /* NULL outside Git, or not needed yet */
	int is_git;
	git_odb *odb;         /* tree mode only */
	git_tree *tree;       /* tree mode: the root; NULL for an unborn HEAD */
	int reads_tree;
	int bare;
	char *root;           /* work tree root ending in '/'; NULL when bare */
	char *gitdir;         /* ends in '/' */
	char *commondir;      /* ends in '/'; differs from gitdir in linked worktrees */
	char *rev;
	int rootfd;           /* work tree mode: every path is opened relative to it */
	int lockfd;
	int inited;           /* one git_libgit2_init, balanced in repo_free */
	/* Behind a pointer so that the const readers can still fill it. */
	struct dir_cache *cache;
};

/* ---- repo.c ------------------------------------------------------------- */

/* Replaces err's contents (err may be NULL: the message is dropped). */
void repo__set_err(strbuf *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* libgit2's last error message, never NULL. */
const char *repo__git_msg(void);
/* Normalises a repository-relative path; refuses absolute paths and "..". */
int repo__clean_path(const char *in, strbuf *out, strbuf *err);
/* qsort comparator for an array of char *, bytewise. */
int repo__cmp_names(const void *a, const void *b);
/* Opens libgit2's repository on first use (r->git may be NULL until then). */
int repo__need_git(repo *r, strbuf *err);

/* ---- repo-worktree.c ---------------------------------------------------- */

/* Closes a directory descriptor unless it is the root's or the cached one. */
void repo__close_dir(const repo *r, int fd);
/* Forgets the cached directory (either mode), closing what it holds. */
void repo__cache_clear(const repo *r);
int repo__wt_read(const repo *r, const char *path, size_t max, char **buf,
		  size_t *len, repo_stamp *stamp, strbuf *err);
int repo__wt_stamp(const repo *r, const char *path, repo_stamp *out);
int repo__wt_kind(const repo *r, const char *path);
int repo__wt_list(const repo *r, const char *dir, char ***names, size_t *n,
		  strbuf *err);

/* ---- repo-tree.c -------------------------------------------------------- */

/* Sets r->tree from r->rev, or HEAD (left NULL when HEAD is unborn). */
int repo__open_tree(repo *r, strbuf *err);
int repo__tree_read(const repo *r, const char *path, size_t max, char **buf,
		    size_t *len, repo_stamp *stamp, strbuf *err);
int repo__tree_stamp(const repo *r, const char *path, repo_stamp *out);
int repo__tree_kind(const repo *r, const char *path);
int repo__tree_list(const repo *r, const char *dir, char ***names, size_t *n,
		    strbuf *err);

#endif
