/*
 * The data repository. Three ways to read: plain files under a directory
 * (no Git, or a Git work tree), or a commit's tree from the object database
 * (--rev, or a bare repository). Writing always goes through the work tree
 * and then commits exactly the written paths without touching anything else
 * the user has staged.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif

#include "repo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

/* How often a commit is rebuilt on a moved tip before giving up. */
#define COMMIT_ATTEMPTS 50

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
 * Reading a work tree does not need libgit2 (see discover_simple): then
 * `git` stays NULL although is_git is set, until need_git opens it.
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

static void set_err(strbuf *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void set_err(strbuf *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	strbuf_reset(err);
	va_start(ap, fmt);
	strbuf_vprintf(err, fmt, ap);
	va_end(ap);
}

/* libgit2 may leave no error behind (e.g. after git_error_clear). */
static const char *git_msg(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown libgit2 error";
}

static char *with_slash(const char *s)
{
	size_t len = strlen(s);
	char *out;

	if (len && s[len - 1] == '/')
		return xstrdup(s);
	out = xmalloc(len + 2);
	memcpy(out, s, len);
	out[len] = '/';
	out[len + 1] = '\0';
	return out;
}

/*
 * Normalises a repository-relative path: drops "." and empty components
 * and a trailing slash; refuses absolute paths and "..", which could reach
 * outside the repository (an .adr-dir file names a folder, for one).
 * "" is the root.
 */
static int clean_path(const char *in, strbuf *out, strbuf *err)
{
	const char *p = in;

	strbuf_reset(out);
	if (!in || *in == '/') {
		set_err(err, "%s: path must be relative to the repository root",
			in ? in : "(null)");
		return REPO_ERROR;
	}
	while (*p) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == 2 && p[0] == '.' && p[1] == '.') {
			set_err(err, "%s: path leaves the repository", in);
			return REPO_ERROR;
		}
		if (n && !(n == 1 && p[0] == '.')) {
			if (out->len)
				strbuf_putc(out, '/');
			strbuf_add(out, p, n);
		}
		p += n;
		if (*p == '/')
			p++;
	}
	/* Keep buf non-NULL so callers can split it in place. */
	strbuf_add(out, "", 0);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- work tree ---------------------------------------------------------- */

/* Descriptors from wt_walk: the root's and the cached one stay open. */
static void close_dir(const repo *r, int fd)
{
	if (fd >= 0 && fd != r->rootfd && fd != r->cache->fd)
		close(fd);
}

static void cache_clear(const repo *r)
{
	struct dir_cache *c = r->cache;

	git_tree_free(c->tree);
	c->tree = NULL;
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	free(c->dir);
	c->dir = NULL;
}

/*
 * Opens every directory of `path` but the last component, one at a time
 * with O_NOFOLLOW, so a symlinked directory cannot lead outside the
 * repository. *dfd is the directory holding `*base`; close it with
 * close_dir. With `all`, the last component is opened too and *base is "".
 * `path` is a clean path and is modified (components are cut in place).
 */
static int wt_walk(const repo *r, char *path, int all, int *dfd,
		   const char **base, strbuf *err)
{
	struct dir_cache *c = r->cache;
	char *last = all ? path + strlen(path) : strrchr(path, '/');
	size_t dirlen = last ? (size_t)(last - path) : 0;
	int fd = r->rootfd;
	char *p = path;

	*dfd = -1;
	if (dirlen && c->dir && strlen(c->dir) == dirlen &&
	    memcmp(c->dir, path, dirlen) == 0) {
		*dfd = c->fd;
		*base = all ? last : last + 1;
		return 0;
	}
	for (;;) {
		char *slash = strchr(p, '/');
		int next;

		if (!slash && !all)
			break;
		if (!*p)
			break;
		if (slash)
			*slash = '\0';
		next = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0) {
			int e = errno;
			struct stat st;
			int link = e == ELOOP ||
				(e == ENOTDIR && fstatat(fd, p, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
				 S_ISLNK(st.st_mode));

			close_dir(r, fd);
			if (link) {
				set_err(err, "%s: is a symbolic link; refused", path);
				return REPO_ERROR;
			}
			set_err(err, "%s: %s", path, strerror(e));
			return e == ENOENT || e == ENOTDIR ? REPO_ENOTFOUND : REPO_ERROR;
		}
		close_dir(r, fd);
		fd = next;
		if (!slash) {
			p += strlen(p);
			break;
		}
		*slash = '/';
		p = slash + 1;
	}
	if (dirlen) {
		cache_clear(r);
		c->dir = xstrndup(path, dirlen);
		c->fd = fd;
	}
	*dfd = fd;
	*base = p;
	return 0;
}

static int wt_read(const repo *r, const char *path, size_t max, char **buf,
		   size_t *len, strbuf *err)
{
	strbuf rel = STRBUF_INIT;
	const char *base;
	int dfd = -1, fd = -1, ret;
	struct stat st;
	char *data = NULL;
	size_t n = 0, cap, want;

	if ((ret = clean_path(path, &rel, err)) < 0)
		goto cleanup;
	if ((ret = wt_walk(r, rel.buf, 0, &dfd, &base, err)) < 0)
		goto cleanup;
	if (!*base) {
		set_err(err, "%s: is not a regular file", path);
		ret = REPO_ERROR;
		goto cleanup;
	}
	/* O_NONBLOCK: opening a FIFO must not hang before fstat can refuse it. */
	fd = openat(dfd, base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP) {
			set_err(err, "%s: is a symbolic link; refused", path);
			ret = REPO_ERROR;
		} else {
			set_err(err, "%s: %s", path, strerror(errno));
			ret = errno == ENOENT || errno == ENOTDIR ? REPO_ENOTFOUND : REPO_ERROR;
		}
		goto cleanup;
	}
	if (fstat(fd, &st) < 0) {
		set_err(err, "%s: %s", path, strerror(errno));
		ret = REPO_ERROR;
		goto cleanup;
	}
	if (!S_ISREG(st.st_mode)) {
		set_err(err, "%s: is not a regular file", path);
		ret = REPO_ERROR;
		goto cleanup;
	}
	if ((size_t)st.st_size > max) {
		set_err(err, "%s: larger than %zu bytes", path, max);
		ret = REPO_ETOOBIG;
		goto cleanup;
	}
	/* One spare byte past the size lets the EOF read land without a realloc. */
	cap = (size_t)st.st_size + 2;
	data = xmalloc(cap);
	for (;;) {
		ssize_t got;

		if (n + 1 == cap) {
			/* The file grew while we read it. */
			if (n > max)
				break;
			cap *= 2;
			data = xrealloc(data, cap);
		}
		want = cap - 1 - n;
		got = read(fd, data + n, want);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			set_err(err, "%s: %s", path, strerror(errno));
			ret = REPO_ERROR;
			goto cleanup;
		}
		n += (size_t)got;
		/* A regular file reads short only at its end: spare the EOF read. */
		if ((size_t)got < want)
			break;
	}
	if (n > max) {
		set_err(err, "%s: larger than %zu bytes", path, max);
		ret = REPO_ETOOBIG;
		goto cleanup;
	}
	data[n] = '\0';
	*buf = data;
	*len = n;
	data = NULL;
	ret = 0;

cleanup:
	free(data);
	if (fd >= 0)
		close(fd);
	close_dir(r, dfd);
	strbuf_free(&rel);
	return ret;
}

static int wt_kind(const repo *r, const char *path)
{
	strbuf rel = STRBUF_INIT;
	const char *base;
	int dfd = -1, kind = 0;
	struct stat st;

	if (clean_path(path, &rel, NULL) < 0 ||
	    wt_walk(r, rel.buf, 0, &dfd, &base, NULL) < 0)
		goto cleanup;
	if (!*base)
		kind = 2;
	else if (fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0)
		kind = S_ISREG(st.st_mode) ? 1 : S_ISDIR(st.st_mode) ? 2 : 0;

cleanup:
	close_dir(r, dfd);
	strbuf_free(&rel);
	return kind;
}

static int wt_list(const repo *r, const char *dir, char ***names, size_t *n,
		   strbuf *err)
{
	strbuf rel = STRBUF_INIT;
	const char *base;
	int dfd = -1, fd = -1, ret;
	DIR *d = NULL;
	struct dirent *de;
	char **list = NULL;
	size_t count = 0, cap = 0;

	if ((ret = clean_path(dir, &rel, err)) < 0)
		goto cleanup;
	if ((ret = wt_walk(r, rel.buf, 1, &dfd, &base, err)) < 0)
		goto cleanup;
	/* fdopendir takes the descriptor; the root's and the cached one stay ours. */
	fd = dfd == r->rootfd || dfd == r->cache->fd
		? openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) : dfd;
	dfd = -1;
	if (fd < 0 || !(d = fdopendir(fd))) {
		set_err(err, "%s: %s", dir, strerror(errno));
		ret = REPO_ERROR;
		goto cleanup;
	}
	fd = -1;
	errno = 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		GROW(list, cap, count + 1);
		list[count++] = xstrdup(de->d_name);
		errno = 0;
	}
	if (errno) {
		set_err(err, "%s: %s", dir, strerror(errno));
		ret = REPO_ERROR;
		goto cleanup;
	}
	if (count)
		qsort(list, count, sizeof(*list), cmp_names);
	*names = list;
	*n = count;
	list = NULL;
	count = 0;
	ret = 0;

cleanup:
	repo_names_free(list, count);
	if (d)
		closedir(d);
	if (fd >= 0)
		close(fd);
	close_dir(r, dfd);
	strbuf_free(&rel);
	return ret;
}

/* ---- commit tree -------------------------------------------------------- */

/*
 * The tree of directory `dir` (clean, "" = root), borrowed from the repo or
 * its cache. *out is NULL for the root of an unborn HEAD: an empty tree.
 */
static int tree_dir(const repo *r, const char *dir, git_tree **out, strbuf *err)
{
	git_tree_entry *entry = NULL;
	git_tree *tree = NULL;
	int error, ret;

	*out = NULL;
	if (!*dir) {
		*out = r->tree;
		return 0;
	}
	if (r->cache->dir && strcmp(r->cache->dir, dir) == 0) {
		*out = r->cache->tree;
		return 0;
	}
	if (!r->tree) {
		set_err(err, "%s: No such file or directory", dir);
		return REPO_ENOTFOUND;
	}
	error = git_tree_entry_bypath(&entry, r->tree, dir);
	if (error == GIT_ENOTFOUND) {
		set_err(err, "%s: No such file or directory", dir);
		ret = REPO_ENOTFOUND;
		goto cleanup;
	}
	if (error < 0) {
		set_err(err, "%s: %s", dir, git_msg());
		ret = REPO_ERROR;
		goto cleanup;
	}
	if (git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK) {
		set_err(err, "%s: is a symbolic link; refused", dir);
		ret = REPO_ERROR;
		goto cleanup;
	}
	if (git_tree_entry_type(entry) != GIT_OBJECT_TREE) {
		set_err(err, "%s: Not a directory", dir);
		ret = REPO_ENOTFOUND;
		goto cleanup;
	}
	if (git_tree_lookup(&tree, r->git, git_tree_entry_id(entry)) < 0) {
		set_err(err, "%s: %s", dir, git_msg());
		ret = REPO_ERROR;
		goto cleanup;
	}
	cache_clear(r);
	r->cache->tree = tree;
	r->cache->dir = xstrdup(dir);
	*out = tree;
	ret = 0;

cleanup:
	git_tree_entry_free(entry);
	return ret;
}

/* Splits a clean path in place into its directory and base name. */
static const char *split_base(char *path)
{
	char *slash = strrchr(path, '/');

	if (!slash) {
		/* The directory is "": point it at the terminating NUL. */
		memmove(path + 1, path, strlen(path) + 1);
		path[0] = '\0';
		return path + 1;
	}
	*slash = '\0';
	return slash + 1;
}

/* Looks up the entry for a clean path; *entry is borrowed from the tree. */
static int tree_entry(const repo *r, const char *path, const git_tree_entry **entry,
		      strbuf *err)
{
	size_t len = strlen(path);
	char *copy = xmalloc(len + 2);
	const char *base;
	git_tree *dir;
	int ret;

	memcpy(copy, path, len + 1);
	base = split_base(copy);
	*entry = NULL;
	if ((ret = tree_dir(r, copy, &dir, err)) < 0)
		goto cleanup;
	if (!dir || !(*entry = git_tree_entry_byname(dir, base))) {
		set_err(err, "%s: No such file or directory", path);
		ret = REPO_ENOTFOUND;
		goto cleanup;
	}
	ret = 0;

cleanup:
	free(copy);
	return ret;
}

static int tree_read(const repo *r, const char *path, size_t max, char **buf,
		     size_t *len, strbuf *err)
{
	strbuf rel = STRBUF_INIT;
	const git_tree_entry *entry;
	git_blob *blob = NULL;
	git_object_t type;
	size_t size;
	int ret;

	if ((ret = clean_path(path, &rel, err)) < 0)
		goto cleanup;
	if (!rel.len) {
		set_err(err, "%s: is not a regular file", path);
		ret = REPO_ERROR;
		goto cleanup;
	}
	if ((ret = tree_entry(r, rel.buf, &entry, err)) < 0)
		goto cleanup;
	if (git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK) {
		set_err(err, "%s: is a symbolic link; refused", path);
		ret = REPO_ERROR;
		goto cleanup;
	}
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		set_err(err, "%s: is not a regular file", path);
		ret = REPO_ERROR;
		goto cleanup;
	}
	/* The header alone gives the size, so an oversized blob is never inflated. */
	if (git_odb_read_header(&size, &type, r->odb, git_tree_entry_id(entry)) < 0) {
		set_err(err, "%s: %s", path, git_msg());
		ret = REPO_ERROR;
		goto cleanup;
	}
	if (size > max) {
		set_err(err, "%s: larger than %zu bytes", path, max);
		ret = REPO_ETOOBIG;
		goto cleanup;
	}
	if (git_blob_lookup(&blob, r->git, git_tree_entry_id(entry)) < 0) {
		set_err(err, "%s: %s", path, git_msg());
		ret = REPO_ERROR;
		goto cleanup;
	}
	size = (size_t)git_blob_rawsize(blob);
	*buf = xmalloc(size + 1);
	memcpy(*buf, git_blob_rawcontent(blob), size);
	(*buf)[size] = '\0';
	*len = size;
	ret = 0;

cleanup:
	git_blob_free(blob);
	strbuf_free(&rel);
	return ret;
}

static int tree_kind(const repo *r, const char *path)
{
	strbuf rel = STRBUF_INIT;
	const git_tree_entry *entry;
	int kind = 0;

	if (clean_path(path, &rel, NULL) < 0)
		goto cleanup;
	if (!rel.len) {
		kind = 2;
		goto cleanup;
	}
	if (tree_entry(r, rel.buf, &entry, NULL) < 0)
		goto cleanup;
	if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
		kind = 2;
	else if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB &&
		 git_tree_entry_filemode(entry) != GIT_FILEMODE_LINK)
		kind = 1;

cleanup:
	strbuf_free(&rel);
	return kind;
}

static int tree_list(const repo *r, const char *dir, char ***names, size_t *n,
		     strbuf *err)
{
	strbuf rel = STRBUF_INIT;
	git_tree *tree;
	char **list = NULL;
	size_t count = 0, i, total;
	int ret;

	if ((ret = clean_path(dir, &rel, err)) < 0)
		goto cleanup;
	if ((ret = tree_dir(r, rel.buf, &tree, err)) < 0)
		goto cleanup;
	total = tree ? git_tree_entrycount(tree) : 0;
	list = xcalloc(total ? total : 1, sizeof(*list));
	for (i = 0; i < total; i++) {
		const char *name = git_tree_entry_name(git_tree_entry_byindex(tree, i));

		if (name[0] != '.')
			list[count++] = xstrdup(name);
	}
	/* Git orders a directory as if its name ended in '/'; we promise strcmp. */
	if (count)
		qsort(list, count, sizeof(*list), cmp_names);
	*names = list;
	*n = count;
	list = NULL;
	count = 0;
	ret = 0;

cleanup:
	repo_names_free(list, count);
	strbuf_free(&rel);
	return ret;
}

/* ---- opening ------------------------------------------------------------ */

static int open_tree(repo *r, strbuf *err)
{
	git_object *obj = NULL;
	git_object *commit = NULL;
	git_reference *head = NULL;
	git_commit *c;
	int error, ret = REPO_ERROR;

	if (r->rev) {
		error = git_revparse_single(&obj, r->git, r->rev);
		if (error == GIT_ENOTFOUND || error == GIT_EAMBIGUOUS ||
		    error == GIT_EINVALIDSPEC) {
			set_err(err, "unknown revision '%s'", r->rev);
			goto cleanup;
		}
		if (error < 0) {
			set_err(err, "unknown revision '%s': %s", r->rev, git_msg());
			goto cleanup;
		}
		if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
			set_err(err, "revision '%s' is not a commit", r->rev);
			goto cleanup;
		}
	} else {
		error = git_repository_head(&head, r->git);
		if (error == GIT_EUNBORNBRANCH || error == GIT_ENOTFOUND) {
			/* Nothing committed yet: an empty tree, every read ENOTFOUND. */
			git_error_clear();
			ret = 0;
			goto cleanup;
		}
		if (error < 0 || git_reference_peel(&commit, head, GIT_OBJECT_COMMIT) < 0) {
			set_err(err, "HEAD: %s", git_msg());
			goto cleanup;
		}
	}
	c = (git_commit *)commit;
	if (git_commit_tree(&r->tree, c) < 0) {
		set_err(err, "%s: %s", r->rev ? r->rev : "HEAD", git_msg());
		goto cleanup;
	}
	ret = 0;

cleanup:
	git_reference_free(head);
	git_object_free(commit);
	git_object_free(obj);
	return ret;
}

/* Whether `dir` has the shape of a git directory, as libgit2 judges it. */
static int looks_like_gitdir(const char *dir)
{
	strbuf p = STRBUF_INIT;
	struct stat st;
	int yes;

	strbuf_printf(&p, "%s/HEAD", dir);
	yes = stat(p.buf, &st) == 0 && S_ISREG(st.st_mode);
	strbuf_reset(&p);
	strbuf_printf(&p, "%s/objects", dir);
	yes = yes && stat(p.buf, &st) == 0 && S_ISDIR(st.st_mode);
	strbuf_free(&p);
	return yes;
}

/*
 * Whether a repository's config may move or hide its work tree (core.bare,
 * core.worktree, or an include that could set them). Errs on "yes".
 */
static int config_is_unusual(const char *gitdir)
{
	strbuf path = STRBUF_INIT;
	char buf[16384], *p;
	ssize_t n;
	int fd, unusual = 1;

	strbuf_printf(&path, "%s/config", gitdir);
	fd = open(path.buf, O_RDONLY | O_CLOEXEC);
	strbuf_free(&path);
	if (fd < 0)
		return errno != ENOENT;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0 || (size_t)n == sizeof(buf) - 1)
		return 1;
	buf[n] = '\0';
	for (p = buf; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	if (strstr(buf, "worktree") || strstr(buf, "include"))
		goto done;
	for (p = buf; (p = strstr(p, "bare")); p += 4) {
		const char *v = p + 4;

		while (*v == ' ' || *v == '\t')
			v++;
		if (*v != '=')
			goto done;  /* a bare "bare" is true */
		v++;
		while (*v == ' ' || *v == '\t')
			v++;
		if (strncmp(v, "false", 5) && strncmp(v, "no", 2) &&
		    strncmp(v, "off", 3) && strncmp(v, "0", 1))
			goto done;
	}
	unusual = 0;
done:
	return unusual;
}

/*
 * Finds the repository around `abs` without libgit2, for the common case
 * only: a work tree with a plain .git directory of ours, or no repository
 * at all. libgit2's initialisation parses the system's CA bundle (its TLS
 * setup), which costs more than reading 2,000 files, and reading a work
 * tree needs nothing else from it. Anything unusual (a .git file, a bare
 * repository, a filesystem boundary, core.worktree) returns 1: ask libgit2.
 * Returns 0 with *top set to the work tree (NULL: not in a repository).
 */
static int discover_simple(const char *abs, char **top)
{
	strbuf d = STRBUF_INIT, git = STRBUF_INIT;
	struct stat st;
	dev_t dev = 0;
	int first = 1, ret = 1;

	*top = NULL;
	strbuf_puts(&d, abs);
	for (;;) {
		if (stat(d.len ? d.buf : "/", &st) < 0)
			goto cleanup;
		if (!first && st.st_dev != dev)
			goto cleanup;
		dev = st.st_dev;
		first = 0;
		if (looks_like_gitdir(d.len ? d.buf : "/"))
			goto cleanup;
		strbuf_reset(&git);
		strbuf_printf(&git, "%s/.git", d.buf);
		if (lstat(git.buf, &st) == 0) {
			/* Owned by someone else: libgit2 applies safe.directory. */
			if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
			    !looks_like_gitdir(git.buf) || config_is_unusual(git.buf))
				goto cleanup;
			*top = xstrdup(d.len ? d.buf : "/");
			ret = 0;
			goto cleanup;
		} else if (errno != ENOENT) {
			goto cleanup;
		}
		if (!d.len)
			break;
		/* Up one level; "/a" becomes "" which stands for "/". */
		while (d.len && d.buf[d.len - 1] != '/')
			d.len--;
		if (d.len)
			d.len--;
		d.buf[d.len] = '\0';
	}
	ret = 0;

cleanup:
	strbuf_free(&d);
	strbuf_free(&git);
	return ret;
}

/* libgit2 on demand: the first caller that needs the repository opens it. */
static int need_git(repo *r, strbuf *err)
{
	if (r->git)
		return 0;
	if (!r->inited) {
		if (git_libgit2_init() < 0) {
			set_err(err, "libgit2: %s", git_msg());
			return REPO_ERROR;
		}
		r->inited = 1;
	}
	if (git_repository_open_ext(&r->git, r->root, GIT_REPOSITORY_OPEN_NO_SEARCH,
				    NULL) < 0) {
		set_err(err, "%s: %s", r->root, git_msg());
		return REPO_ERROR;
	}
	return 0;
}

int repo_open(repo **out, const char *dir, const char *rev, strbuf *err)
{
	repo *r = xcalloc(1, sizeof(*r));
	char *abs = NULL, *top = NULL;
	int error, ret = REPO_ERROR;

	*out = NULL;
	r->rootfd = -1;
	r->lockfd = -1;
	r->cache = xcalloc(1, sizeof(*r->cache));
	r->cache->fd = -1;
	if (rev)
		r->rev = xstrdup(rev);

	if (!(abs = realpath(dir ? dir : ".", NULL))) {
		set_err(err, "%s: %s", dir ? dir : ".", strerror(errno));
		goto cleanup;
	}
	if (!rev && discover_simple(abs, &top) == 0) {
		if (top) {
			strbuf gd = STRBUF_INIT;

			r->is_git = 1;
			r->root = with_slash(top);
			strbuf_printf(&gd, "%s.git/", r->root);
			r->gitdir = strbuf_detach(&gd);
			r->commondir = xstrdup(r->gitdir);
		} else {
			r->root = with_slash(abs);
		}
		goto worktree;
	}

	if (git_libgit2_init() < 0) {
		set_err(err, "libgit2: %s", git_msg());
		goto cleanup;
	}
	r->inited = 1;
	error = git_repository_open_ext(&r->git, abs, 0, NULL);
	if (error == GIT_ENOTFOUND) {
		git_error_clear();
		r->git = NULL;
		if (rev) {
			set_err(err, "--rev needs a Git repository");
			goto cleanup;
		}
		r->root = with_slash(abs);
	} else if (error < 0) {
		set_err(err, "%s: %s", abs, git_msg());
		goto cleanup;
	} else {
		r->is_git = 1;
		r->gitdir = with_slash(git_repository_path(r->git));
		r->commondir = with_slash(git_repository_commondir(r->git));
		r->bare = git_repository_is_bare(r->git);
		if (!r->bare && git_repository_workdir(r->git))
			r->root = with_slash(git_repository_workdir(r->git));
		r->reads_tree = rev || r->bare || !r->root;
		if (r->reads_tree) {
			if (open_tree(r, err) < 0)
				goto cleanup;
			if (git_repository_odb(&r->odb, r->git) < 0) {
				set_err(err, "%s: %s", r->gitdir, git_msg());
				goto cleanup;
			}
		}
	}
worktree:
	if (!r->reads_tree) {
		r->rootfd = open(r->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (r->rootfd < 0) {
			set_err(err, "%s: %s", r->root, strerror(errno));
			goto cleanup;
		}
	}
	*out = r;
	r = NULL;
	ret = 0;

cleanup:
	free(abs);
	free(top);
	repo_free(r);
	return ret;
}

void repo_free(repo *r)
{
	if (!r)
		return;
	repo_unlock(r);
	if (r->rootfd >= 0)
		close(r->rootfd);
	cache_clear(r);
	free(r->cache);
	git_tree_free(r->tree);
	git_odb_free(r->odb);
	git_repository_free(r->git);
	free(r->root);
	free(r->gitdir);
	free(r->commondir);
	free(r->rev);
	if (r->inited)
		git_libgit2_shutdown();
	free(r);
}

int repo_is_git(const repo *r)
{
	return r->is_git;
}

int repo_is_bare(const repo *r)
{
	return r->bare;
}

int repo_reads_tree(const repo *r)
{
	return r->reads_tree;
}

const char *repo_rev(const repo *r)
{
	return r->rev;
}

const char *repo_workdir(const repo *r)
{
	return r->bare ? NULL : r->root;
}

/* ---- reading ------------------------------------------------------------ */

int repo_read_file(const repo *r, const char *path, size_t max,
		   char **buf, size_t *len, strbuf *err)
{
	*buf = NULL;
	*len = 0;
	return r->reads_tree ? tree_read(r, path, max, buf, len, err)
			     : wt_read(r, path, max, buf, len, err);
}

int repo_path_kind(const repo *r, const char *path)
{
	return r->reads_tree ? tree_kind(r, path) : wt_kind(r, path);
}

int repo_list_dir(const repo *r, const char *dir, char ***names, size_t *n,
		  strbuf *err)
{
	*names = NULL;
	*n = 0;
	return r->reads_tree ? tree_list(r, dir, names, n, err)
			     : wt_list(r, dir, names, n, err);
}

void repo_names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* ---- locking ------------------------------------------------------------ */

int repo_lock(repo *r, strbuf *err)
{
	strbuf path = STRBUF_INIT;
	int fd = -1, ret = REPO_ERROR;

	if (!r->is_git || r->lockfd >= 0)
		return 0;
	/* The common dir, so writers in linked worktrees wait for each other too. */
	strbuf_printf(&path, "%sradar.lock", r->commondir);
	fd = open(path.buf, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		set_err(err, "%s: %s", path.buf, strerror(errno));
		goto cleanup;
	}
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			set_err(err, "%s: %s", path.buf, strerror(errno));
			goto cleanup;
		}
	}
	r->lockfd = fd;
	fd = -1;
	ret = 0;

cleanup:
	if (fd >= 0)
		close(fd);
	strbuf_free(&path);
	return ret;
}

void repo_unlock(repo *r)
{
	if (r && r->lockfd >= 0) {
		/* Closing releases the flock. */
		close(r->lockfd);
		r->lockfd = -1;
	}
}

/* ---- writing ------------------------------------------------------------ */

int fs_write_atomic(const char *path, const char *data, size_t len, strbuf *err)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *dir = NULL;
	strbuf tmp = STRBUF_INIT;
	int fd = -1, dfd, ret = REPO_ERROR, e;
	size_t done = 0;

	if (!*base) {
		set_err(err, "%s: %s", path, strerror(EISDIR));
		return REPO_ERROR;
	}
	dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path))
		    : xstrdup(".");
	strbuf_printf(&tmp, "%s/.%s.tmpXXXXXX", dir, base);
	if ((fd = mkstemp(tmp.buf)) < 0) {
		e = errno;
		strbuf_reset(&tmp);
		set_err(err, "%s: %s", path, strerror(e));
		goto cleanup;
	}
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		done += (size_t)n;
	}
	if (fsync(fd) < 0 || fchmod(fd, 0644) < 0)
		goto fail;
	e = close(fd);
	fd = -1;
	if (e < 0 || rename(tmp.buf, path) < 0)
		goto fail;
	strbuf_reset(&tmp);
	/*
	 * Makes the rename durable. Best effort: the new file is already in
	 * place, so failing here would report a write that did happen.
	 */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	ret = 0;
	goto cleanup;

fail:
	set_err(err, "%s: %s", path, strerror(errno));
cleanup:
	if (fd >= 0)
		close(fd);
	if (tmp.len)
		unlink(tmp.buf);
	strbuf_free(&tmp);
	free(dir);
	return ret;
}

/*
 * Whether a clean path has a ".git" component (any case, as git itself
 * refuses): a configured folder must not let a write plant files, such as
 * hooks, in the repository's own directory.
 */
static int in_dot_git(const char *path)
{
	const char *p = path;

	for (;;) {
		size_t n = strcspn(p, "/");

		if (n == 4 && strncasecmp(p, ".git", 4) == 0)
			return 1;
		if (!p[n])
			return 0;
		p += n + 1;
	}
}

/* mkdir -p for the parents of a clean path, refusing symlinked directories. */
static int make_parents(const repo *r, const char *path, strbuf *err)
{
	char *copy = xstrdup(path);
	char *p = copy, *slash;
	int fd = r->rootfd, next, ret = REPO_ERROR;

	while ((slash = strchr(p, '/'))) {
		*slash = '\0';
		if (mkdirat(fd, p, 0777) < 0 && errno != EEXIST) {
			set_err(err, "%s: %s", copy, strerror(errno));
			goto cleanup;
		}
		next = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0) {
			if (errno == ELOOP || errno == ENOTDIR)
				set_err(err, "%s: is not a directory (or is a symbolic link); refused", copy);
			else
				set_err(err, "%s: %s", copy, strerror(errno));
			goto cleanup;
		}
		close_dir(r, fd);
		fd = next;
		*slash = '/';
		p = slash + 1;
	}
	ret = 0;

cleanup:
	close_dir(r, fd);
	free(copy);
	return ret;
}

/*
 * The identity git would use: GIT_AUTHOR_* / GIT_COMMITTER_* from the
 * environment over user.name / user.email from the configuration.
 */
static int identity(git_signature **out, git_repository *git, const char *who)
{
	char key[32];
	const char *name, *email;
	git_signature *def = NULL;
	int error;

	snprintf(key, sizeof(key), "GIT_%s_NAME", who);
	name = getenv(key);
	snprintf(key, sizeof(key), "GIT_%s_EMAIL", who);
	email = getenv(key);
	if (name && *name && email && *email)
		return git_signature_now(out, name, email);
	if ((error = git_signature_default(&def, git)) < 0)
		return error;
	if (!(name && *name) && !(email && *email)) {
		*out = def;
		return 0;
	}
	error = git_signature_now(out, name && *name ? name : def->name,
				  email && *email ? email : def->email);
	git_signature_free(def);
	return error;
}

/* The first line of a commit message, as git puts it in the reflog. */
static char *summary(const char *message)
{
	size_t n = strcspn(message, "\n");

	return xstrndup(message, n);
}

/*
 * Creates the first commit of an unborn branch. git_commit_create with
 * update_ref would overwrite a branch that someone else created meanwhile;
 * creating the branch ref without force fails instead, and we retry.
 */
static int commit_unborn(git_oid *id, git_repository *git, const git_signature *author,
			 const git_signature *committer, const char *message,
			 git_tree *tree, int *retry, strbuf *err)
{
	git_reference *head = NULL, *ref = NULL;
	strbuf log = STRBUF_INIT;
	char *sum = summary(message);
	int error, ret = REPO_ERROR;

	*retry = 0;
	if (git_reference_lookup(&head, git, "HEAD") < 0 ||
	    git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		/* HEAD changed under us (now detached or valid): start over. */
		git_error_clear();
		*retry = 1;
		goto cleanup;
	}
	if (git_commit_create(id, git, NULL, author, committer, NULL, message,
			      tree, 0, NULL) < 0) {
		set_err(err, "cannot commit: %s", git_msg());
		goto cleanup;
	}
	strbuf_printf(&log, "commit (initial): %s", sum);
	error = git_reference_create(&ref, git, git_reference_symbolic_target(head),
				     id, 0, log.buf);
	if (error == GIT_EEXISTS) {
		git_error_clear();
		*retry = 1;
		goto cleanup;
	}
	if (error < 0) {
		set_err(err, "cannot commit: %s", git_msg());
		goto cleanup;
	}
	ret = 0;

cleanup:
	git_reference_free(ref);
	git_reference_free(head);
	strbuf_free(&log);
	free(sum);
	return ret;
}

/* A held ref lock is released within milliseconds; spinning would only burn attempts. */
static void pause_briefly(void)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/*
 * Commits the blobs on the current tip. Compare-and-swap: the commit is
 * built on the tip we read, and git_commit_create refuses (GIT_EMODIFIED)
 * to move a branch that is no longer there; then we rebuild on the new tip.
 * *id is left zero when the tree would not change: no empty commits.
 */
static int commit_paths(git_repository *git, const git_tree_update *updates, size_t n,
			const char *message, const git_signature *author,
			const git_signature *committer, git_oid *id, int *made, strbuf *err)
{
	int attempt, error, ret = REPO_ERROR;
	git_commit *tip = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_oid tip_id, tree_id;

	*made = 0;
	for (attempt = 0; attempt < COMMIT_ATTEMPTS; attempt++) {
		int unborn, retry = 0;

		git_commit_free(tip);
		git_tree_free(base);
		git_tree_free(tree);
		tip = NULL;
		base = tree = NULL;

		error = git_reference_name_to_id(&tip_id, git, "HEAD");
		unborn = error == GIT_ENOTFOUND;
		if (error < 0 && !unborn) {
			set_err(err, "HEAD: %s", git_msg());
			goto cleanup;
		}
		git_error_clear();
		if (!unborn && (git_commit_lookup(&tip, git, &tip_id) < 0 ||
				git_commit_tree(&base, tip) < 0)) {
			set_err(err, "HEAD: %s", git_msg());
			goto cleanup;
		}
		if (git_tree_create_updated(&tree_id, git, base, n, updates) < 0 ||
		    git_tree_lookup(&tree, git, &tree_id) < 0) {
			set_err(err, "cannot build the commit's tree: %s", git_msg());
			goto cleanup;
		}
		if (base && git_oid_equal(&tree_id, git_tree_id(base))) {
			ret = 0;
			goto cleanup;
		}
		if (unborn) {
			if (commit_unborn(id, git, author, committer, message, tree,
					  &retry, err) < 0)
				goto cleanup;
		} else {
			const git_commit *parents[1] = { tip };

			error = git_commit_create(id, git, "HEAD", author, committer, NULL,
						  message, tree, 1, parents);
			/*
			 * GIT_EMODIFIED: the tip moved. GIT_ELOCKED: another
			 * writer holds the ref's lock right now.
			 */
			if (error == GIT_EMODIFIED || error == GIT_ELOCKED) {
				git_error_clear();
				retry = 1;
				if (error == GIT_ELOCKED)
					pause_briefly();
			} else if (error < 0) {
				set_err(err, "cannot commit: %s", git_msg());
				goto cleanup;
			}
		}
		if (!retry) {
			*made = 1;
			ret = 0;
			goto cleanup;
		}
	}
	set_err(err, "cannot commit: the branch kept moving (%d attempts)", COMMIT_ATTEMPTS);

cleanup:
	git_commit_free(tip);
	git_tree_free(base);
	git_tree_free(tree);
	return ret;
}

/*
 * Stages exactly these paths; every other index entry stays as it was.
 * A git process may hold index.lock for a moment (an editor's background
 * `git status`): wait for it, re-reading so its update is not undone.
 */
static int stage_paths(git_repository *git, const git_tree_update *updates, size_t n,
		       strbuf *err)
{
	git_index *idx = NULL;
	size_t i;
	int attempt, error = 0, ret = REPO_ERROR;

	if (git_repository_index(&idx, git) < 0)
		goto fail;
	for (attempt = 0; attempt < COMMIT_ATTEMPTS; attempt++) {
		if (attempt)
			pause_briefly();
		if (git_index_read(idx, 0) < 0)
			goto fail;
		for (i = 0; i < n; i++)
			if (git_index_add_bypath(idx, updates[i].path) < 0)
				goto fail;
		if ((error = git_index_write(idx)) != GIT_ELOCKED)
			break;
	}
	if (error < 0)
		goto fail;
	ret = 0;
	goto cleanup;

fail:
	set_err(err, "cannot update the index: %s", git_msg());
cleanup:
	git_index_free(idx);
	return ret;
}

int repo_write(repo *r, const repo_file *files, size_t n, const char *message,
	       int commit, char **commit_id, strbuf *err)
{
	strbuf *paths = NULL;
	strbuf full = STRBUF_INIT, lock = STRBUF_INIT, msg = STRBUF_INIT;
	git_signature *author = NULL, *committer = NULL;
	git_tree_update *updates = NULL;
	size_t i, j, nupdates = 0;
	struct stat st;
	git_oid id;
	int made = 0, ret = REPO_ERROR;

	if (commit_id)
		*commit_id = NULL;
	if (r->rev) {
		set_err(err, "cannot write: reading revision %s", r->rev);
		return REPO_ERROR;
	}
	if (r->bare || r->reads_tree) {
		set_err(err, "cannot write in a bare repository");
		return REPO_ERROR;
	}
	commit = commit && r->is_git;

	paths = xcalloc(n ? n : 1, sizeof(*paths));
	for (i = 0; i < n; i++) {
		if (clean_path(files[i].path, &paths[i], err) < 0)
			goto cleanup;
		if (!paths[i].len) {
			set_err(err, "%s: is not a regular file", files[i].path);
			goto cleanup;
		}
		if (in_dot_git(paths[i].buf)) {
			set_err(err, "%s: refusing to write inside .git", files[i].path);
			goto cleanup;
		}
	}

	/* Everything that can refuse the write does so before a file changes. */
	if (commit) {
		strbuf_printf(&lock, "%sindex.lock", r->gitdir);
		if (lstat(lock.buf, &st) == 0) {
			set_err(err,
				"Unable to create '%s': File exists.\n\n"
				"Another git process seems to be running in this repository, e.g.\n"
				"an editor opened by 'git commit'. Please make sure all processes\n"
				"are terminated then try again. If it still fails, a git process\n"
				"may have crashed in this repository earlier:\n"
				"remove the file manually to continue.",
				lock.buf);
			ret = REPO_ELOCKED;
			goto cleanup;
		}
		if (need_git(r, err) < 0)
			goto cleanup;
		if (identity(&author, r->git, "AUTHOR") < 0 ||
		    identity(&committer, r->git, "COMMITTER") < 0) {
			set_err(err, "no Git identity: set user.name and user.email "
				"(git config --global user.name \"Your Name\"; "
				"git config --global user.email you@example.com)");
			goto cleanup;
		}
	}

	/* A directory we hold open might be replaced by the writes below. */
	cache_clear(r);
	for (i = 0; i < n; i++) {
		if (make_parents(r, paths[i].buf, err) < 0)
			goto cleanup;
		strbuf_reset(&full);
		strbuf_printf(&full, "%s%s", r->root, paths[i].buf);
		if (fs_write_atomic(full.buf, files[i].data, files[i].len, err) < 0)
			goto cleanup;
	}
	if (!commit || !n) {
		ret = 0;
		goto cleanup;
	}

	/*
	 * Blobs from the files as written, through the same filters
	 * (.gitattributes) git_index_add_bypath applies, so that index and
	 * commit agree. A path given twice keeps its last content.
	 */
	updates = xcalloc(n ? n : 1, sizeof(*updates));
	for (i = 0; i < n; i++) {
		for (j = 0; j < nupdates; j++)
			if (strcmp(updates[j].path, paths[i].buf) == 0)
				break;
		if (j < nupdates)
			continue;
		updates[nupdates].action = GIT_TREE_UPDATE_UPSERT;
		updates[nupdates].filemode = GIT_FILEMODE_BLOB;
		updates[nupdates].path = paths[i].buf;
		if (git_blob_create_from_workdir(&updates[nupdates].id, r->git,
						 paths[i].buf) < 0) {
			set_err(err, "%s: %s", paths[i].buf, git_msg());
			goto cleanup;
		}
		nupdates++;
	}
	/* As git commit leaves it: the message ends with a newline. */
	strbuf_puts(&msg, message ? message : "");
	if (!msg.len || msg.buf[msg.len - 1] != '\n')
		strbuf_putc(&msg, '\n');
	if (commit_paths(r->git, updates, nupdates, msg.buf, author, committer,
			 &id, &made, err) < 0)
		goto cleanup;
	if (stage_paths(r->git, updates, nupdates, err) < 0) {
		if (made && err) {
			char hex[GIT_OID_HEXSZ + 1];

			git_oid_tostr(hex, sizeof(hex), &id);
			strbuf_printf(err, " (commit %s was made)", hex);
		}
		goto cleanup;
	}
	if (made && commit_id) {
		*commit_id = xmalloc(GIT_OID_HEXSZ + 1);
		git_oid_tostr(*commit_id, GIT_OID_HEXSZ + 1, &id);
	}
	ret = 0;

cleanup:
	git_signature_free(author);
	git_signature_free(committer);
	free(updates);
	if (paths)
		for (i = 0; i < n; i++)
			strbuf_free(&paths[i]);
	free(paths);
	strbuf_free(&full);
	strbuf_free(&lock);
	strbuf_free(&msg);
	return ret;
}

char *repo_user_name(const repo *cr)
{
	/* Opening libgit2 lazily changes nothing a caller can see. */
	repo *r = (repo *)cr;
	const char *env = getenv("GIT_AUTHOR_NAME");
	git_config *cfg = NULL;
	git_buf buf = { 0 };
	strbuf err = STRBUF_INIT;
	char *name = NULL;

	if (env && *env)
		return xstrdup(env);
	if (!r->is_git || need_git(r, &err))
		goto cleanup;
	if (!git_repository_config_snapshot(&cfg, r->git) &&
	    !git_config_get_string_buf(&buf, cfg, "user.name") && buf.size)
		name = xstrndup(buf.ptr, buf.size);
cleanup:
	git_buf_dispose(&buf);
	git_config_free(cfg);
	strbuf_free(&err);
	return name;
}
