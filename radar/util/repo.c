/*
 * The data repository. Three ways to read: plain files under a directory
 * (no Git, or a Git work tree), or a commit's tree from the object database
 * (--rev, or a bare repository). Writing always goes through the work tree
 * and then commits exactly the written paths without touching anything else
 * the user has staged.
 *
 * This file opens the repository and dispatches the reads; the rest is in
 * repo-worktree.c, repo-tree.c and repo-write.c, around repo-private.h.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif

#include "repo-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

void repo__set_err(strbuf *err, const char *fmt, ...)
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
const char *repo__git_msg(void)
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
int repo__clean_path(const char *in, strbuf *out, strbuf *err)
{
	const char *p = in;

	strbuf_reset(out);
	if (!in || *in == '/') {
		repo__set_err(err, "%s: path must be relative to the repository root",
			in ? in : "(null)");
		return REPO_ERROR;
	}
	while (*p) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == 2 && p[0] == '.' && p[1] == '.') {
			repo__set_err(err, "%s: path leaves the repository", in);
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

int repo__cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- opening ------------------------------------------------------------ */

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
int repo__need_git(repo *r, strbuf *err)
{
	if (r->git)
		return 0;
	if (!r->inited) {
		if (git_libgit2_init() < 0) {
			repo__set_err(err, "libgit2: %s", repo__git_msg());
			return REPO_ERROR;
		}
		r->inited = 1;
	}
	if (git_repository_open_ext(&r->git, r->root, GIT_REPOSITORY_OPEN_NO_SEARCH,
				    NULL) < 0) {
		repo__set_err(err, "%s: %s", r->root, repo__git_msg());
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
		repo__set_err(err, "%s: %s", dir ? dir : ".", strerror(errno));
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
		repo__set_err(err, "libgit2: %s", repo__git_msg());
		goto cleanup;
	}
	r->inited = 1;
	error = git_repository_open_ext(&r->git, abs, 0, NULL);
	if (error == GIT_ENOTFOUND) {
		git_error_clear();
		r->git = NULL;
		if (rev) {
			repo__set_err(err, "--rev needs a Git repository");
			goto cleanup;
		}
		r->root = with_slash(abs);
	} else if (error < 0) {
		repo__set_err(err, "%s: %s", abs, repo__git_msg());
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
			if (repo__open_tree(r, err) < 0)
				goto cleanup;
			if (git_repository_odb(&r->odb, r->git) < 0) {
				repo__set_err(err, "%s: %s", r->gitdir, repo__git_msg());
				goto cleanup;
			}
		}
	}
worktree:
	if (!r->reads_tree) {
		r->rootfd = open(r->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (r->rootfd < 0) {
			repo__set_err(err, "%s: %s", r->root, strerror(errno));
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
	repo__cache_clear(r);
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
	return repo_read_file_stamped(r, path, max, buf, len, NULL, err);
}

int repo_read_file_stamped(const repo *r, const char *path, size_t max, char **buf,
			   size_t *len, repo_stamp *stamp, strbuf *err)
{
	*buf = NULL;
	*len = 0;
	if (stamp)
		stamp->len = 0;
	return r->reads_tree ? repo__tree_read(r, path, max, buf, len, stamp, err)
			     : repo__wt_read(r, path, max, buf, len, stamp, err);
}

int repo_file_stamp(const repo *r, const char *path, repo_stamp *out)
{
	out->len = 0;
	return r->reads_tree ? repo__tree_stamp(r, path, out) : repo__wt_stamp(r, path, out);
}

char *repo_cache_path(const repo *r, const char *name)
{
	strbuf sb = STRBUF_INIT;

	if (!r->is_git || !r->gitdir)
		return NULL;
	strbuf_printf(&sb, "%s%s", r->gitdir, name);
	return strbuf_detach(&sb);
}

int repo_path_kind(const repo *r, const char *path)
{
	return r->reads_tree ? repo__tree_kind(r, path) : repo__wt_kind(r, path);
}

int repo_list_dir(const repo *r, const char *dir, char ***names, size_t *n,
		  strbuf *err)
{
	*names = NULL;
	*n = 0;
	return r->reads_tree ? repo__tree_list(r, dir, names, n, err)
			     : repo__wt_list(r, dir, names, n, err);
}

int repo_reads_concurrently(const repo *r, const char *dir)
{
	strbuf rel = STRBUF_INIT, err = STRBUF_INIT;
	int ok = 0;

	if (!r->reads_tree && r->cache->dir && repo__clean_path(dir, &rel, &err) >= 0)
		ok = !strcmp(r->cache->dir, rel.buf);
	strbuf_free(&rel);
	strbuf_free(&err);
	return ok;
}

void repo_names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
