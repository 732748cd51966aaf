#ifndef RADAR_REPO_H
#define RADAR_REPO_H
/*
 * The data repository: where radar reads its files and how it writes them.
 * Its implementation (repo*.c, repo-private.h) is the only code that includes git2.h.
 *
 * Reading sees the working tree by default, uncommitted edits included; with
 * a revision it reads that commit's tree straight from the object database
 * (no checkout), which is also what a bare repository gives by default (HEAD).
 * Outside any Git repository the directory is read as plain files and writes
 * are not committed.
 */
#include <stddef.h>

#include "strbuf.h"

typedef struct repo repo;

enum {
	REPO_OK = 0,
	REPO_ERROR = -1,      /* details in err */
	REPO_ENOTFOUND = -2,  /* no such file or directory */
	REPO_ETOOBIG = -3,    /* the file is larger than the limit given */
	REPO_ELOCKED = -4,    /* index.lock exists: someone else is writing */
};

/*
 * Opens the repository that contains `dir` (NULL: the current directory),
 * searching upward as git does. `rev` NULL reads the working tree (bare: HEAD);
 * otherwise any revision git understands ("HEAD~3", a tag, a branch, an id).
 * An unknown revision is an error naming it.
 */
int repo_open(repo **out, const char *dir, const char *rev, strbuf *err);
void repo_free(repo *r);

int repo_is_git(const repo *r);
int repo_is_bare(const repo *r);
/* Reading a commit's tree rather than files on disk. */
int repo_reads_tree(const repo *r);
/* The revision given to repo_open, or NULL for the working tree. */
const char *repo_rev(const repo *r);
/* Work tree root, ending in '/'; NULL in a bare repository. */
const char *repo_workdir(const repo *r);

/*
 * Reads a file by its path relative to the repository root ("radar/mojo.yaml").
 * Files over `max` bytes give REPO_ETOOBIG without being read. Symlinks are
 * refused (REPO_ERROR) so that a file cannot pull in data from outside the
 * repository. *buf is NUL-terminated and owned by the caller.
 */
int repo_read_file(const repo *r, const char *path, size_t max,
		   char **buf, size_t *len, strbuf *err);

/* Whether a path exists and is a regular file (1), a directory (2), or not (0). */
int repo_path_kind(const repo *r, const char *path);

/*
 * Names (not paths) of the entries directly inside directory `dir`, sorted
 * bytewise, skipping dot files. REPO_ENOTFOUND when the directory is absent.
 */
int repo_list_dir(const repo *r, const char *dir, char ***names, size_t *n,
		  strbuf *err);
void repo_names_free(char **names, size_t n);

/*
 * Serialises writers: read-modify-write sequences run between repo_lock and
 * repo_unlock so that two radar processes never lose each other's update.
 * An flock on a file in the git directory, so a killed writer frees it.
 * No-op outside Git.
 */
int repo_lock(repo *r, strbuf *err);
void repo_unlock(repo *r);

typedef struct repo_file {
	const char *path;  /* relative to the repository root */
	const char *data;
	size_t len;
} repo_file;

/*
 * Writes every file to the work tree (temp file + rename, creating parent
 * directories) and, when `commit` is set and this is a Git repository,
 * commits exactly those paths on the current branch with the user's identity
 * and `message`. The commit's tree is the tip's tree with only these paths
 * replaced; only these paths' index entries are updated; every other staged
 * or unstaged change is left as it was. The branch moves compare-and-swap:
 * if another writer moved it meanwhile, the commit is rebuilt on the new tip.
 * Refuses (REPO_ELOCKED, naming the file) when index.lock exists, before
 * writing anything. Refuses in a bare repository or when reading a revision.
 * On success, *commit_id (if not NULL) gets the new commit's hex id, or NULL
 * when nothing was committed.
 */
int repo_write(repo *r, const repo_file *files, size_t n, const char *message,
	       int commit, char **commit_id, strbuf *err);

/* Git's user.name for this repository, or NULL. Caller frees. */
char *repo_user_name(const repo *r);

/*
 * Writes one file atomically: a temp file in the same directory, fsync,
 * rename. Never leaves a partial file at `path`.
 */
int fs_write_atomic(const char *path, const char *data, size_t len, strbuf *err);

#endif
