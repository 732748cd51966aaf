/*
 * Reading the work tree: plain files under a directory, each path opened
 * relative to the root one directory at a time so that no symlink leads
 * outside the repository. Needs no libgit2.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif

#include "repo-private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* ---- work tree ---------------------------------------------------------- */

/* Descriptors from wt_walk: the root's and the cached one stay open. */
void repo__close_dir(const repo *r, int fd)
{
	if (fd >= 0 && fd != r->rootfd && fd != r->cache->fd)
		close(fd);
}

void repo__cache_clear(const repo *r)
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
 * repo__close_dir. With `all`, the last component is opened too and *base
 * is "". `path` is a clean path and is modified (components are cut in
 * place).
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

			repo__close_dir(r, fd);
			if (link) {
				repo__set_err(err, "%s: is a symbolic link; refused", path);
				return REPO_ERROR;
			}
			repo__set_err(err, "%s: %s", path, strerror(e));
			return e == ENOENT || e == ENOTDIR ? REPO_ENOTFOUND : REPO_ERROR;
		}
		repo__close_dir(r, fd);
		fd = next;
		if (!slash) {
			p += strlen(p);
			break;
		}
		*slash = '/';
		p = slash + 1;
	}
	if (dirlen) {
		repo__cache_clear(r);
		c->dir = xstrndup(path, dirlen);
		c->fd = fd;
	}
	*dfd = fd;
	*base = p;
	return 0;
}

/* Changes closer together than this may share a timestamp (see repo_stamp). */
#define RACY_SECONDS 2

static void put_u64(repo_stamp *out, uint64_t v)
{
	memcpy(out->key + out->len, &v, sizeof(v));
	out->len += sizeof(v);
}

/* Whether time a is at least RACY_SECONDS before b. */
static int long_before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec + RACY_SECONDS < b->tv_sec ||
	       (a->tv_sec + RACY_SECONDS == b->tv_sec && a->tv_nsec <= b->tv_nsec);
}

/* `now` is read before the stat data, so a change after them is later than it. */
static void stat_stamp(const struct stat *st, const struct timespec *now, repo_stamp *out)
{
	out->len = 0;
	if (!S_ISREG(st->st_mode) || !long_before(&st->st_mtim, now) ||
	    !long_before(&st->st_ctim, now))
		return;
	out->clocked = 1;
	out->dev = (unsigned long long)st->st_dev;
	out->key[out->len++] = 'w';
	put_u64(out, (uint64_t)st->st_dev);
	put_u64(out, (uint64_t)st->st_ino);
	put_u64(out, (uint64_t)st->st_size);
	put_u64(out, (uint64_t)st->st_mtim.tv_sec);
	put_u64(out, (uint64_t)st->st_mtim.tv_nsec);
	put_u64(out, (uint64_t)st->st_ctim.tv_sec);
	put_u64(out, (uint64_t)st->st_ctim.tv_nsec);
}

/* lstat of a path in the work tree, reached as every read reaches it; "" is the root. */
static int wt_lstat(const repo *r, const char *path, struct stat *st)
{
	strbuf rel = STRBUF_INIT;
	const char *base;
	int dfd = -1, ret = -1;

	if (repo__clean_path(path, &rel, NULL) < 0 ||
	    wt_walk(r, rel.buf, 0, &dfd, &base, NULL) < 0)
		goto cleanup;
	ret = *base ? fstatat(dfd, base, st, AT_SYMLINK_NOFOLLOW) : fstat(dfd, st);

cleanup:
	repo__close_dir(r, dfd);
	strbuf_free(&rel);
	return ret;
}

int repo__wt_stamp(const repo *r, const char *path, repo_stamp *out)
{
	struct timespec now;
	struct stat st;

	if (clock_gettime(CLOCK_REALTIME, &now) < 0 || wt_lstat(r, path, &st) < 0)
		return REPO_ENOTFOUND;
	stat_stamp(&st, &now, out);
	return out->len ? 0 : REPO_ENOTFOUND;
}

int repo__wt_read(const repo *r, const char *path, size_t max, char **buf,
		  size_t *len, repo_stamp *stamp, strbuf *err)
{
	strbuf rel = STRBUF_INIT;
	const char *base;
	int dfd = -1, fd = -1, ret;
	struct stat st;
	struct timespec now;
	char *data = NULL;
	size_t n = 0, cap, want;

	if ((ret = repo__clean_path(path, &rel, err)) < 0)
		goto cleanup;
	if ((ret = wt_walk(r, rel.buf, 0, &dfd, &base, err)) < 0)
		goto cleanup;
	if (!*base) {
		repo__set_err(err, "%s: is not a regular file", path);
		ret = REPO_ERROR;
		goto cleanup;
	}
	/* O_NONBLOCK: opening a FIFO must not hang before fstat can refuse it. */
	fd = openat(dfd, base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP) {
			repo__set_err(err, "%s: is a symbolic link; refused", path);
			ret = REPO_ERROR;
		} else {
			repo__set_err(err, "%s: %s", path, strerror(errno));
			ret = errno == ENOENT || errno == ENOTDIR ? REPO_ENOTFOUND : REPO_ERROR;
		}
		goto cleanup;
	}
	if ((stamp && clock_gettime(CLOCK_REALTIME, &now) < 0) || fstat(fd, &st) < 0) {
		repo__set_err(err, "%s: %s", path, strerror(errno));
		ret = REPO_ERROR;
		goto cleanup;
	}
	if (!S_ISREG(st.st_mode)) {
		repo__set_err(err, "%s: is not a regular file", path);
		ret = REPO_ERROR;
		goto cleanup;
	}
	if ((size_t)st.st_size > max) {
		repo__set_err(err, "%s: larger than %zu bytes", path, max);
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
			repo__set_err(err, "%s: %s", path, strerror(errno));
			ret = REPO_ERROR;
			goto cleanup;
		}
		n += (size_t)got;
		/* A regular file reads short only at its end: spare the EOF read. */
		if ((size_t)got < want)
			break;
	}
	if (n > max) {
		repo__set_err(err, "%s: larger than %zu bytes", path, max);
		ret = REPO_ETOOBIG;
		goto cleanup;
	}
	data[n] = '\0';
	/* The stat data were taken before reading: a change during the read makes them stale. */
	if (stamp)
		stat_stamp(&st, &now, stamp);
	*buf = data;
	*len = n;
	data = NULL;
	ret = 0;

cleanup:
	free(data);
	if (fd >= 0)
		close(fd);
	repo__close_dir(r, dfd);
	strbuf_free(&rel);
	return ret;
}

int repo__wt_kind(const repo *r, const char *path)
{
	struct stat st;

	if (wt_lstat(r, path, &st) < 0)
		return 0;
	return S_ISREG(st.st_mode) ? 1 : S_ISDIR(st.st_mode) ? 2 : 0;
}

int repo__wt_list(const repo *r, const char *dir, char ***names, size_t *n,
		  strbuf *err)
{
	strbuf rel = STRBUF_INIT;
	const char *base;
	int dfd = -1, fd = -1, ret;
	DIR *d = NULL;
	struct dirent *de;
	char **list = NULL;
	size_t count = 0, cap = 0;

	if ((ret = repo__clean_path(dir, &rel, err)) < 0)
		goto cleanup;
	if ((ret = wt_walk(r, rel.buf, 1, &dfd, &base, err)) < 0)
		goto cleanup;
	/* fdopendir takes the descriptor; the root's and the cached one stay ours. */
	fd = dfd == r->rootfd || dfd == r->cache->fd
		? openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) : dfd;
	dfd = -1;
	if (fd < 0 || !(d = fdopendir(fd))) {
		repo__set_err(err, "%s: %s", dir, strerror(errno));
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
		repo__set_err(err, "%s: %s", dir, strerror(errno));
		ret = REPO_ERROR;
		goto cleanup;
	}
	if (count)
		qsort(list, count, sizeof(*list), repo__cmp_names);
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
	repo__close_dir(r, dfd);
	strbuf_free(&rel);
	return ret;
}
