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

/*
 * What tells a file's content apart without reading it, for caches of what
 * was parsed from it: in a commit's tree, the blob id; in the work tree,
 * the stat data (device, inode, size, mtime and ctime, as git's index
 * keeps them). Equal stamps mean equal bytes. A work-tree file changed in
 * the last two seconds has none: a second change within the same clock
 * tick would leave its stat data as they were.
 */
#define REPO_STAMP_MAX 64
typedef struct repo_stamp {
	size_t len;  /* 0: no stamp */
	int clocked; /* stat data, judged against this process's clock... */
	unsigned long long dev; /* ...and the file system (st_dev) whose clock gave them */
	unsigned char key[REPO_STAMP_MAX];
} repo_stamp;

/*
 * The stamp of a file without reading it: 0, or REPO_ENOTFOUND when it has
 * none (missing, not a regular file, changed too recently). Safe on several
 * threads wherever repo_read_file is (repo_reads_concurrently).
 */
int repo_file_stamp(const repo *r, const char *path, repo_stamp *out);

/* repo_read_file that also gives the stamp of the bytes it read (len 0: none). */
int repo_read_file_stamped(const repo *r, const char *path, size_t max, char **buf,
			   size_t *len, repo_stamp *stamp, strbuf *err);

/*
 * Where radar may keep data derived from this repository (caches), by
 * name: a path in the git directory. NULL outside Git. Caller frees.
 */
char *repo_cache_path(const repo *r, const char *name);

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
 * Whether files directly inside `dir` may be read with repo_read_file from
 * several threads at once: in the work tree, right after repo_list_dir(dir)
 * (which keeps that folder open), reading its files changes nothing shared.
 * Reading a commit's tree goes through one libgit2 repository: never.
 */
int repo_reads_concurrently(const repo *r, const char *dir);

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

/*
 * A write described whole: the files to write, the paths to remove (from
 * the work tree, from the index, and from the commit when the tip has them
 * as files; a path that is also written is written) and the commit
 * message. The arrays and strings belong to the caller.
 */
typedef struct repo_plan {
	const repo_file *files;
	size_t nfiles;
	const char *const *remove;
	size_t nremove;
	const char *message;
} repo_plan;

/* A repo_tip_fn's answer when it has replaced the plan. */
enum { REPO_PLAN_CHANGED = 1 };

/*
 * Called by repo_write_checked before every commit attempt (under the
 * caller's repo_lock if it holds it). `tip` reads the tree of the commit
 * the attempt builds on, through repo_read_file, repo_path_kind and
 * repo_list_dir; it is valid during the call only, and repo_rev(tip) is the
 * commit's hex id (NULL on an unborn branch). The callback may point *plan
 * at other files, removals or message (kept valid by the caller until
 * repo_write_checked returns) and return REPO_PLAN_CHANGED: the new files
 * are written to the work tree and the removals made before the commit is
 * built. 0 keeps the plan. A negative value, with the reason in err, stops:
 * nothing more is written or committed, and repo_write_checked returns it.
 */
typedef int (*repo_tip_fn)(void *arg, const repo *tip, repo_plan *plan, strbuf *err);

/*
 * repo_write with a say over every attempt: on_tip (may be NULL) sees each
 * tip before a commit is built on it, so a writer can answer what another
 * writer committed meanwhile (a new ADR renumbered when its number was
 * taken) instead of having its commit rebuilt blindly. On the first attempt
 * it runs before any file is written. Without a commit (outside Git, or
 * `commit` 0) on_tip is not called and the plan is written as given. Files
 * that a replaced plan no longer names stay in the work tree unless it
 * removes them. repo_write(r, files, n, message, ...) is this with the plan
 * {files, n, no removals, message} and no callback.
 */
int repo_write_checked(repo *r, const repo_plan *plan, int commit, repo_tip_fn on_tip,
		       void *arg, char **commit_id, strbuf *err);

/* Git's user.name for this repository, or NULL. Caller frees. */
char *repo_user_name(const repo *r);

/*
 * Writes one file atomically: a temp file in the same directory, fsync,
 * rename. Never leaves a partial file at `path`.
 */
int fs_write_atomic(const char *path, const char *data, size_t len, strbuf *err);

/*
 * Creates `path` with `data` only if no file has that name, all at once: the
 * content goes to a temp file in the same folder, which is then hard-linked
 * to the name (link() refuses an existing name, as O_EXCL does), so a kill
 * leaves either nothing or the whole file. Mode 0666 less the umask.
 * Returns 1 when created, 0 when the name was taken, REPO_ERROR otherwise.
 */
int fs_create_exclusive(const char *path, const char *data, size_t len, strbuf *err);


/* ---- history, tags (repo-history.c) -------------------------------------- */

/* Returned by repo_create_release when the tag exists already. */
enum { REPO_EEXISTS = -16 };

/* Object ids travel as 40 hex digits and a NUL; "" is "none". */
typedef char repo_hex[41];

/*
 * A commit as history shows it. The strings are borrowed: valid during the
 * callback that receives them.
 */
typedef struct repo_commit {
	repo_hex id;
	const char *author;   /* name */
	const char *email;
	long long time;       /* author time, seconds since the epoch */
	int offset;           /* the author's UTC offset, minutes */
	const char *subject;  /* the message's first paragraph, on one line */
	unsigned nparents;
} repo_commit;

/*
 * One file of a folder that differs between a commit and its first parent
 * (subfolders, symbolic links and other non-files are left out).
 */
typedef struct repo_change {
	const char *name;      /* the file name inside the folder */
	repo_hex old_blob;     /* "" when the file was added */
	repo_hex new_blob;     /* "" when the file was deleted */
	/*
	 * The commit that made the change: the step itself, or for a merge
	 * the newest non-merge commit on the merged side (reachable from a
	 * parent other than the first, not from the first) that wrote
	 * new_blob (or deleted the file); the merge itself when none did
	 * (a conflict resolved by hand).
	 */
	const repo_commit *by;
} repo_change;

/*
 * Called for each step of the first-parent line whose folder differs from
 * the previous step's, oldest first. changes are sorted by name. A
 * non-zero return stops the walk and is returned by repo_walk_folder.
 */
typedef int (*repo_step_fn)(void *payload, const repo_commit *step,
			    const repo_change *changes, size_t n);
/* Called every few hundred commits: `done` of `total` commits walked. */
typedef void (*repo_progress_fn)(void *payload, size_t done, size_t total);

/*
 * Walks the first-parent line of the commit being read (the revision given
 * to repo_open, else HEAD), root first, and reports how `folder` changed at
 * each step. Only the folder's tree ids are compared for a commit and its
 * parent; trees are read only where they differ, blobs never. An unborn
 * HEAD is an empty history.
 */
int repo_walk_folder(const repo *r, const char *folder, repo_step_fn fn,
		     repo_progress_fn progress, void *payload, strbuf *err);

/* Reads a blob by its hex id (as repo_read_file for max, buf and len). */
int repo_read_blob(const repo *r, const char *blob, size_t max, char **buf,
		   size_t *len, strbuf *err);

/* A release: an annotated tag on a commit (an edition such as 2026-Q4). */
typedef struct repo_tag {
	char *name;        /* "2026-Q4" */
	repo_hex commit;   /* the tagged commit */
	long long time;    /* tagger time (the commit's when the tag has none) */
	int offset;        /* minutes */
	char *tagger;      /* NULL when the tag has none */
	char *message;     /* the first line of the tag's message */
} repo_tag;

/*
 * The release tags (annotated tags whose target peels to a commit;
 * lightweight tags are not editions), oldest first by tag time, then name.
 * `upto` non-NULL keeps only tags on that revision's commit or its
 * ancestors.
 */
int repo_list_releases(const repo *r, const char *upto, repo_tag **tags,
		       size_t *n, strbuf *err);
void repo_tags_free(repo_tag *tags, size_t n);

/*
 * "The last edition" (DESIGN §4): the newest release tag whose commit is an
 * ancestor of the commit being read (the revision, else HEAD) and not that
 * commit itself. *tag_out is NULL when there is none (return 0); caller
 * frees.
 */
int repo_last_release(const repo *r, char **tag_out, strbuf *err);

/*
 * The commit being read (the revision, else HEAD): its id and committer time.
 * Returns 1, or 0 outside Git or on an unborn branch.
 */
int repo_commit_info(const repo *r, repo_hex id, long long *time, int *offset, strbuf *err);

/*
 * Creates the annotated tag `name` on HEAD (bare repositories too) with the
 * user's identity (GIT_COMMITTER_NAME/EMAIL/DATE over user.name/email) and
 * `message`. Never moves an existing tag: the ref is created
 * compare-and-swap (REPO_EEXISTS, even when another process won a race).
 * *commit_out (if not NULL) gets the tagged commit's hex id.
 */
int repo_create_release(repo *r, const char *name, const char *message,
			char **commit_out, strbuf *err);

#endif
