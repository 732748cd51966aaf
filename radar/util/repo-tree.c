/*
 * Reading a commit's tree straight from the object database (--rev, or a
 * bare repository): no checkout, no work tree.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif

#include "repo-private.h"

#include <stdlib.h>
#include <string.h>

/* ---- commit tree -------------------------------------------------------- */

int repo__open_tree(repo *r, strbuf *err)
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
			repo__set_err(err, "unknown revision '%s'", r->rev);
			goto cleanup;
		}
		if (error < 0) {
			repo__set_err(err, "unknown revision '%s': %s", r->rev, repo__git_msg());
			goto cleanup;
		}
		if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
			repo__set_err(err, "revision '%s' is not a commit", r->rev);
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
			repo__set_err(err, "HEAD: %s", repo__git_msg());
			goto cleanup;
		}
	}
	c = (git_commit *)commit;
	if (git_commit_tree(&r->tree, c) < 0) {
		repo__set_err(err, "%s: %s", r->rev ? r->rev : "HEAD", repo__git_msg());
		goto cleanup;
	}
	ret = 0;

cleanup:
	git_reference_free(head);
	git_object_free(commit);
	git_object_free(obj);
	return ret;
}

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
		repo__set_err(err, "%s: No such file or directory", dir);
		return REPO_ENOTFOUND;
	}
	error = git_tree_entry_bypath(&entry, r->tree, dir);
	if (error == GIT_ENOTFOUND) {
		repo__set_err(err, "%s: No such file or directory", dir);
		ret = REPO_ENOTFOUND;
		goto cleanup;
	}
	if (error < 0) {
		repo__set_err(err, "%s: %s", dir, repo__git_msg());
		ret = REPO_ERROR;
		goto cleanup;
	}
	if (git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK) {
		repo__set_err(err, "%s: is a symbolic link; refused", dir);
		ret = REPO_ERROR;
		goto cleanup;
	}
	if (git_tree_entry_type(entry) != GIT_OBJECT_TREE) {
		repo__set_err(err, "%s: Not a directory", dir);
		ret = REPO_ENOTFOUND;
		goto cleanup;
	}
	if (git_tree_lookup(&tree, r->git, git_tree_entry_id(entry)) < 0) {
		repo__set_err(err, "%s: %s", dir, repo__git_msg());
		ret = REPO_ERROR;
		goto cleanup;
	}
	repo__cache_clear(r);
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
		repo__set_err(err, "%s: No such file or directory", path);
		ret = REPO_ENOTFOUND;
		goto cleanup;
	}
	ret = 0;

cleanup:
	free(copy);
	return ret;
}

static void blob_stamp(const git_tree_entry *entry, repo_stamp *out)
{
	out->clocked = 0;
	out->dev = 0;
	out->key[0] = 'b';
	memcpy(out->key + 1, git_tree_entry_id(entry)->id, GIT_OID_RAWSZ);
	out->len = 1 + GIT_OID_RAWSZ;
}

/* The entry at a path (0), the root itself (1: *entry NULL), or nothing (-1). */
static int tree_lookup(const repo *r, const char *path, const git_tree_entry **entry)
{
	strbuf rel = STRBUF_INIT;
	int ret = -1;

	*entry = NULL;
	if (repo__clean_path(path, &rel, NULL) < 0)
		goto cleanup;
	if (!rel.len)
		ret = 1;
	else if (tree_entry(r, rel.buf, entry, NULL) == 0)
		ret = 0;

cleanup:
	strbuf_free(&rel);
	return ret;
}

static int is_file(const git_tree_entry *entry)
{
	return git_tree_entry_type(entry) == GIT_OBJECT_BLOB &&
	       git_tree_entry_filemode(entry) != GIT_FILEMODE_LINK;
}

int repo__tree_stamp(const repo *r, const char *path, repo_stamp *out)
{
	const git_tree_entry *entry;

	if (tree_lookup(r, path, &entry) != 0 || !is_file(entry))
		return REPO_ENOTFOUND;
	blob_stamp(entry, out);
	return 0;
}

int repo__tree_read(const repo *r, const char *path, size_t max, char **buf,
		    size_t *len, repo_stamp *stamp, strbuf *err)
{
	strbuf rel = STRBUF_INIT;
	const git_tree_entry *entry;
	git_blob *blob = NULL;
	git_object_t type;
	size_t size;
	int ret;

	if ((ret = repo__clean_path(path, &rel, err)) < 0)
		goto cleanup;
	if (!rel.len) {
		repo__set_err(err, "%s: is not a regular file", path);
		ret = REPO_ERROR;
		goto cleanup;
	}
	if ((ret = tree_entry(r, rel.buf, &entry, err)) < 0)
		goto cleanup;
	if (git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK) {
		repo__set_err(err, "%s: is a symbolic link; refused", path);
		ret = REPO_ERROR;
		goto cleanup;
	}
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		repo__set_err(err, "%s: is not a regular file", path);
		ret = REPO_ERROR;
		goto cleanup;
	}
	/* The header alone gives the size, so an oversized blob is never inflated. */
	if (git_odb_read_header(&size, &type, r->odb, git_tree_entry_id(entry)) < 0) {
		repo__set_err(err, "%s: %s", path, repo__git_msg());
		ret = REPO_ERROR;
		goto cleanup;
	}
	if (size > max) {
		repo__set_err(err, "%s: larger than %zu bytes", path, max);
		ret = REPO_ETOOBIG;
		goto cleanup;
	}
	if (git_blob_lookup(&blob, r->git, git_tree_entry_id(entry)) < 0) {
		repo__set_err(err, "%s: %s", path, repo__git_msg());
		ret = REPO_ERROR;
		goto cleanup;
	}
	size = (size_t)git_blob_rawsize(blob);
	*buf = xmalloc(size + 1);
	memcpy(*buf, git_blob_rawcontent(blob), size);
	(*buf)[size] = '\0';
	*len = size;
	if (stamp)
		blob_stamp(entry, stamp);
	ret = 0;

cleanup:
	git_blob_free(blob);
	strbuf_free(&rel);
	return ret;
}

int repo__tree_kind(const repo *r, const char *path)
{
	const git_tree_entry *entry;

	switch (tree_lookup(r, path, &entry)) {
	case 1:
		return 2;
	case 0:
		return git_tree_entry_type(entry) == GIT_OBJECT_TREE ? 2 : is_file(entry) ? 1 : 0;
	default:
		return 0;
	}
}

int repo__tree_list(const repo *r, const char *dir, char ***names, size_t *n,
		    strbuf *err)
{
	strbuf rel = STRBUF_INIT;
	git_tree *tree;
	char **list = NULL;
	size_t count = 0, i, total;
	int ret;

	if ((ret = repo__clean_path(dir, &rel, err)) < 0)
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
		qsort(list, count, sizeof(*list), repo__cmp_names);
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
