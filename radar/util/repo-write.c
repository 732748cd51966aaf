/*
 * Writing: the writers' lock, atomic file writes through the work tree, and
 * a commit of exactly the written paths that leaves everything else the
 * user has staged alone.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif

#include "repo-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* How often a commit is rebuilt on a moved tip before giving up. */
#define COMMIT_ATTEMPTS 50

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
		repo__set_err(err, "%s: %s", path.buf, strerror(errno));
		goto cleanup;
	}
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			repo__set_err(err, "%s: %s", path.buf, strerror(errno));
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
		repo__set_err(err, "%s: %s", path, strerror(EISDIR));
		return REPO_ERROR;
	}
	dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path))
		    : xstrdup(".");
	strbuf_printf(&tmp, "%s/.%s.tmpXXXXXX", dir, base);
	if ((fd = mkstemp(tmp.buf)) < 0) {
		e = errno;
		strbuf_reset(&tmp);
		repo__set_err(err, "%s: %s", path, strerror(e));
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
	repo__set_err(err, "%s: %s", path, strerror(errno));
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
			repo__set_err(err, "%s: %s", copy, strerror(errno));
			goto cleanup;
		}
		next = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0) {
			if (errno == ELOOP || errno == ENOTDIR)
				repo__set_err(err, "%s: is not a directory (or is a symbolic link); refused", copy);
			else
				repo__set_err(err, "%s: %s", copy, strerror(errno));
			goto cleanup;
		}
		repo__close_dir(r, fd);
		fd = next;
		*slash = '/';
		p = slash + 1;
	}
	ret = 0;

cleanup:
	repo__close_dir(r, fd);
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
		repo__set_err(err, "cannot commit: %s", repo__git_msg());
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
		repo__set_err(err, "cannot commit: %s", repo__git_msg());
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
 * The plan being written, with its paths cleaned: plan.files[i] goes to
 * paths[i], plan.remove[i] to gone[i]. Rebuilt whenever the callback
 * changes the plan.
 */
/*
 * A path the write touched, with a hard link to what was there before:
 * until the commit is made, a failure puts every file back by a rename,
 * which needs no free space (a full disk is when writes fail).
 */
struct backup {
	char *path;   /* absolute */
	char *saved;  /* the hard link, or NULL when the path did not exist */
};

struct write_state {
	repo_plan plan;
	strbuf *paths;
	size_t npaths;
	strbuf *gone;
	size_t ngone;
	struct backup *backups;
	size_t nbackups, capbackups;
};

static int backup_take(struct write_state *st, const char *full, strbuf *err)
{
	struct backup *b;
	const char *slash = strrchr(full, '/');
	strbuf saved = STRBUF_INIT;
	struct stat sb;

	for (size_t i = 0; i < st->nbackups; i++)
		if (!strcmp(st->backups[i].path, full))
			return 0;
	GROW(st->backups, st->capbackups, st->nbackups + 1);
	b = &st->backups[st->nbackups];
	b->path = xstrdup(full);
	b->saved = NULL;
	if (lstat(full, &sb) == 0) {
		strbuf_printf(&saved, "%.*s/.%s.radar-old", (int)(slash - full), full, slash + 1);
		unlink(saved.buf); /* left by a killed writer */
		if (link(full, saved.buf) < 0) {
			repo__set_err(err, "%s: cannot keep the old version (%s); nothing written",
				      full, strerror(errno));
			strbuf_free(&saved);
			free(b->path);
			return REPO_ERROR;
		}
		b->saved = strbuf_detach(&saved);
	}
	st->nbackups++;
	return 0;
}

/* Puts every touched path back as it was (restore) or forgets the old versions. */
static void backups_finish(struct write_state *st, int restore)
{
	for (size_t i = 0; i < st->nbackups; i++) {
		struct backup *b = &st->backups[i];
		if (restore && b->saved) {
			/* rename() between two links of one file does nothing: unlink then. */
			rename(b->saved, b->path);
			unlink(b->saved);
		} else if (restore)
			unlink(b->path);
		else if (b->saved)
			unlink(b->saved);
		free(b->path);
		free(b->saved);
	}
	free(st->backups);
	st->backups = NULL;
	st->nbackups = st->capbackups = 0;
}

static void state_clear_paths(struct write_state *st)
{
	size_t i;

	for (i = 0; i < st->npaths; i++)
		strbuf_free(&st->paths[i]);
	for (i = 0; i < st->ngone; i++)
		strbuf_free(&st->gone[i]);
	free(st->paths);
	free(st->gone);
	st->paths = st->gone = NULL;
	st->npaths = st->ngone = 0;
}

/* Cleans one path of a plan; refuses the root and anything inside .git. */
static int plan_path(const char *in, strbuf *out, strbuf *err)
{
	if (repo__clean_path(in, out, err) < 0)
		return REPO_ERROR;
	if (!out->len) {
		repo__set_err(err, "%s: is not a regular file", in);
		return REPO_ERROR;
	}
	if (in_dot_git(out->buf)) {
		repo__set_err(err, "%s: refusing to write inside .git", in);
		return REPO_ERROR;
	}
	return 0;
}

/* Takes the plan as it now stands: every path checked before a file changes. */
static int state_take(struct write_state *st, strbuf *err)
{
	const repo_plan *p = &st->plan;
	size_t i;

	state_clear_paths(st);
	st->paths = xcalloc(p->nfiles ? p->nfiles : 1, sizeof(*st->paths));
	st->npaths = p->nfiles;
	st->gone = xcalloc(p->nremove ? p->nremove : 1, sizeof(*st->gone));
	st->ngone = p->nremove;
	for (i = 0; i < p->nfiles; i++)
		if (plan_path(p->files[i].path, &st->paths[i], err) < 0)
			return REPO_ERROR;
	for (i = 0; i < p->nremove; i++)
		if (plan_path(p->remove[i], &st->gone[i], err) < 0)
			return REPO_ERROR;
	return 0;
}

/* Whether a removed path is also written (then the write wins). */
static int state_writes(const struct write_state *st, const char *path)
{
	size_t i;

	for (i = 0; i < st->npaths; i++)
		if (strcmp(st->paths[i].buf, path) == 0)
			return 1;
	return 0;
}

/* Unlinks a work tree file, never following a symlinked directory; absent is fine. */
static int remove_path(const repo *r, const char *path, strbuf *err)
{
	char *copy = xstrdup(path);
	char *p = copy, *slash;
	int fd = r->rootfd, next, ret = REPO_ERROR;

	while ((slash = strchr(p, '/'))) {
		*slash = '\0';
		next = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0) {
			if (errno == ENOENT)
				ret = 0;
			else
				repo__set_err(err, "%s: %s", path, strerror(errno));
			goto cleanup;
		}
		repo__close_dir(r, fd);
		fd = next;
		p = slash + 1;
	}
	if (unlinkat(fd, p, 0) < 0 && errno != ENOENT) {
		repo__set_err(err, "%s: %s", path, strerror(errno));
		goto cleanup;
	}
	ret = 0;

cleanup:
	repo__close_dir(r, fd);
	free(copy);
	return ret;
}

/* Puts the plan into the work tree: its files written, its removals unlinked. */
static int state_apply(repo *r, const struct write_state *st, strbuf *err)
{
	strbuf full = STRBUF_INIT;
	size_t i;
	int ret = REPO_ERROR;

	/* A directory we hold open might be replaced by the writes below. */
	repo__cache_clear(r);
	for (i = 0; i < st->npaths; i++) {
		if (make_parents(r, st->paths[i].buf, err) < 0)
			goto cleanup;
		strbuf_reset(&full);
		strbuf_printf(&full, "%s%s", r->root, st->paths[i].buf);
		if (backup_take((struct write_state *)st, full.buf, err) < 0 ||
		    fs_write_atomic(full.buf, st->plan.files[i].data, st->plan.files[i].len,
				    err) < 0)
			goto cleanup;
	}
	for (i = 0; i < st->ngone; i++) {
		if (state_writes(st, st->gone[i].buf))
			continue;
		strbuf_reset(&full);
		strbuf_printf(&full, "%s%s", r->root, st->gone[i].buf);
		if (backup_take((struct write_state *)st, full.buf, err) < 0 ||
		    remove_path(r, st->gone[i].buf, err) < 0)
			goto cleanup;
	}
	ret = 0;

cleanup:
	strbuf_free(&full);
	return ret;
}

/*
 * The blobs of the written files, from the work tree through the same
 * filters (.gitattributes) git_index_add_bypath applies, so that index and
 * commit agree. A path given twice keeps its last content. *n: how many.
 */
static int state_blobs(git_repository *git, const struct write_state *st,
		       git_tree_update **out, size_t *n, strbuf *err)
{
	git_tree_update *u = xcalloc(st->npaths + st->ngone + 1, sizeof(*u));
	size_t i, j, k = 0;

	*out = u;
	*n = 0;
	for (i = 0; i < st->npaths; i++) {
		for (j = 0; j < k; j++)
			if (strcmp(u[j].path, st->paths[i].buf) == 0)
				break;
		if (j < k)
			continue;
		u[k].action = GIT_TREE_UPDATE_UPSERT;
		u[k].filemode = GIT_FILEMODE_BLOB;
		u[k].path = st->paths[i].buf;
		if (git_blob_create_from_workdir(&u[k].id, git, u[k].path) < 0) {
			repo__set_err(err, "%s: %s", u[k].path, repo__git_msg());
			return REPO_ERROR;
		}
		k++;
	}
	*n = k;
	return 0;
}

/*
 * The removals that apply to this tip: paths it has as files (not written
 * by the plan), appended after the nup upserts. Returns the total count.
 */
static size_t tip_removals(git_tree *base, const struct write_state *st, git_tree_update *u,
			   size_t nup)
{
	size_t i, k = nup;

	for (i = 0; base && i < st->ngone; i++) {
		git_tree_entry *entry = NULL;
		const char *path = st->gone[i].buf;
		size_t j;

		for (j = nup; j < k; j++)
			if (strcmp(u[j].path, path) == 0)
				break;
		if (j < k || state_writes(st, path))
			continue;
		if (git_tree_entry_bypath(&entry, base, path) == 0 &&
		    git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
			u[k].action = GIT_TREE_UPDATE_REMOVE;
			u[k].path = path;
			k++;
		}
		git_tree_entry_free(entry);
		git_error_clear();
	}
	return k;
}

/*
 * What a repo_tip_fn sees: a repository handle reading the tip's tree
 * (NULL tree: an unborn branch), sharing r's libgit2 repository.
 */
static int tip_view(repo **out, repo *r, const git_commit *tip, git_tree *base, strbuf *err)
{
	repo *v = xcalloc(1, sizeof(*v));

	v->git = r->git;
	v->is_git = 1;
	v->reads_tree = 1;
	v->rootfd = -1;
	v->lockfd = -1;
	v->gitdir = xstrdup(r->gitdir);
	v->commondir = xstrdup(r->commondir);
	v->cache = xcalloc(1, sizeof(*v->cache));
	v->cache->fd = -1;
	*out = v;
	if (tip) {
		v->rev = xmalloc(GIT_OID_HEXSZ + 1);
		git_oid_tostr(v->rev, GIT_OID_HEXSZ + 1, git_commit_id(tip));
	}
	if ((base && git_tree_dup(&v->tree, base) < 0) || git_repository_odb(&v->odb, r->git) < 0) {
		repo__set_err(err, "HEAD: %s", repo__git_msg());
		return REPO_ERROR;
	}
	return 0;
}

static void tip_view_free(repo *v)
{
	if (!v)
		return;
	repo__cache_clear(v);
	free(v->cache);
	git_tree_free(v->tree);
	git_odb_free(v->odb);
	free(v->gitdir);
	free(v->commondir);
	free(v->rev);
	free(v);
}

/* As git commit leaves it: the message ends with a newline. */
static void full_message(strbuf *msg, const char *message)
{
	strbuf_reset(msg);
	strbuf_puts(msg, message ? message : "");
	if (!msg->len || msg->buf[msg->len - 1] != '\n')
		strbuf_putc(msg, '\n');
}

/*
 * Commits the plan on the current tip. Compare-and-swap: the commit is
 * built on the tip we read, and git_commit_create refuses (GIT_EMODIFIED)
 * to move a branch that is no longer there; then we rebuild on the new tip,
 * asking on_tip again first. The work tree gets the plan's files the first
 * time and again whenever on_tip changes them. *made is left zero when the
 * tree would not change: no empty commits.
 */
static int commit_plan(repo *r, struct write_state *st, repo_tip_fn on_tip, void *arg,
		       const git_signature *author, const git_signature *committer,
		       git_oid *id, int *made, git_oid *parent, git_tree_update **updates,
		       size_t *nup, strbuf *err)
{
	git_repository *git = r->git;
	int attempt, error, dirty = 1, ret = REPO_ERROR;
	git_commit *tip = NULL;
	git_tree *base = NULL, *tree = NULL;
	strbuf msg = STRBUF_INIT;
	git_oid tip_id, tree_id;
	repo *view = NULL;

	*made = 0;
	for (attempt = 0; attempt < COMMIT_ATTEMPTS; attempt++) {
		int unborn, retry = 0;
		size_t nall;

		git_commit_free(tip);
		git_tree_free(base);
		git_tree_free(tree);
		tip = NULL;
		base = tree = NULL;

		error = git_reference_name_to_id(&tip_id, git, "HEAD");
		unborn = error == GIT_ENOTFOUND;
		if (error < 0 && !unborn) {
			repo__set_err(err, "HEAD: %s", repo__git_msg());
			goto cleanup;
		}
		git_error_clear();
		if (!unborn && (git_commit_lookup(&tip, git, &tip_id) < 0 ||
				git_commit_tree(&base, tip) < 0)) {
			repo__set_err(err, "HEAD: %s", repo__git_msg());
			goto cleanup;
		}
		if (on_tip) {
			if (tip_view(&view, r, tip, base, err) < 0)
				goto cleanup;
			error = on_tip(arg, view, &st->plan, err);
			tip_view_free(view);
			view = NULL;
			if (error < 0) {
				ret = error;
				goto cleanup;
			}
			if (error == REPO_PLAN_CHANGED) {
				if (state_take(st, err) < 0)
					goto cleanup;
				dirty = 1;
			}
		}
		if (dirty) {
			free(*updates);
			*updates = NULL;
			if (state_apply(r, st, err) < 0 ||
			    state_blobs(git, st, updates, nup, err) < 0)
				goto cleanup;
			dirty = 0;
		}
		nall = tip_removals(base, st, *updates, *nup);
		if (!nall) {
			ret = 0;
			goto cleanup;
		}
		if (git_tree_create_updated(&tree_id, git, base, nall, *updates) < 0 ||
		    git_tree_lookup(&tree, git, &tree_id) < 0) {
			repo__set_err(err, "cannot build the commit's tree: %s", repo__git_msg());
			goto cleanup;
		}
		if (base && git_oid_equal(&tree_id, git_tree_id(base))) {
			ret = 0;
			goto cleanup;
		}
		full_message(&msg, st->plan.message);
		if (unborn) {
			if (commit_unborn(id, git, author, committer, msg.buf, tree,
					  &retry, err) < 0)
				goto cleanup;
		} else {
			const git_commit *parents[1] = { tip };

			error = git_commit_create(id, git, "HEAD", author, committer, NULL,
						  msg.buf, tree, 1, parents);
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
				repo__set_err(err, "cannot commit: %s", repo__git_msg());
				goto cleanup;
			}
		}
		if (!retry) {
			*made = 1;
			/* A zero parent: the branch was born with this commit. */
			if (unborn)
				memset(parent, 0, sizeof(*parent));
			else
				git_oid_cpy(parent, &tip_id);
			ret = 0;
			goto cleanup;
		}
	}
	repo__set_err(err, "cannot commit: the branch kept moving (%d attempts)", COMMIT_ATTEMPTS);

cleanup:
	tip_view_free(view);
	git_commit_free(tip);
	git_tree_free(base);
	git_tree_free(tree);
	strbuf_free(&msg);
	return ret;
}

/*
 * Stages exactly the written and the removed paths; every other index
 * entry stays as it was. A git process may hold index.lock for a moment
 * (an editor's background `git status`): wait for it, re-reading so its
 * update is not undone.
 */
static int stage_paths(git_repository *git, const git_tree_update *updates, size_t n,
		       const struct write_state *st, strbuf *err)
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
		for (i = 0; i < st->ngone; i++)
			if (!state_writes(st, st->gone[i].buf) &&
			    git_index_remove_bypath(idx, st->gone[i].buf) < 0)
				goto fail;
		if ((error = git_index_write(idx)) != GIT_ELOCKED)
			break;
	}
	if (error < 0)
		goto fail;
	ret = 0;
	goto cleanup;

fail:
	repo__set_err(err, "cannot update the index: %s", repo__git_msg());
cleanup:
	git_index_free(idx);
	return ret;
}

int repo_write(repo *r, const repo_file *files, size_t n, const char *message,
	       int commit, char **commit_id, strbuf *err)
{
	repo_plan plan = { files, n, NULL, 0, message };

	return repo_write_checked(r, &plan, commit, NULL, NULL, commit_id, err);
}

/* Whether the current branch points at `oid` (a zero oid: does not exist). */
static int branch_at(const repo *r, const git_oid *oid)
{
	git_reference *head = NULL;
	git_oid now;
	int at = 0;

	if (git_reference_lookup(&head, r->git, "HEAD") == 0 && git_reference_symbolic_target(head)) {
		if (git_reference_name_to_id(&now, r->git, git_reference_symbolic_target(head)) == 0)
			at = git_oid_equal(&now, oid);
		else
			at = git_oid_is_zero(oid);
	}
	git_error_clear();
	git_reference_free(head);
	return at;
}

/* Moves the branch back from `made` to `parent` if nobody moved it since (0), else -1. */
static int unmake_commit(const repo *r, const git_oid *made, const git_oid *parent)
{
	git_reference *head = NULL, *branch = NULL, *out = NULL;
	const char *target;
	int error = -1;

	if (git_reference_lookup(&head, r->git, "HEAD") < 0 ||
	    !(target = git_reference_symbolic_target(head)))
		goto cleanup;
	if (git_reference_lookup(&branch, r->git, target) < 0 ||
	    !git_reference_target(branch) || !git_oid_equal(git_reference_target(branch), made))
		goto cleanup;
	if (git_oid_is_zero(parent))
		error = git_reference_delete(branch);
	else
		error = git_reference_create_matching(&out, r->git, target, parent, 1, made,
						      "radar: undo a write that could not finish");
	if (error < 0) {
		/* On a full disk the ref can move while its reflog fails: look again. */
		git_reference *now = NULL;
		git_error_clear();
		if (git_reference_lookup(&now, r->git, target) < 0)
			error = git_oid_is_zero(parent) ? 0 : -1;
		else if (git_reference_target(now) && !git_oid_is_zero(parent) &&
			 git_oid_equal(git_reference_target(now), parent))
			error = 0;
		git_reference_free(now);
	}
cleanup:
	if (error < 0)
		git_error_clear();
	git_reference_free(out);
	git_reference_free(branch);
	git_reference_free(head);
	return error < 0 ? -1 : 0;
}

/* Whether the current branch's ref is locked (refs/heads/NAME.lock exists); its path in `lock`. */
static int branch_locked(const repo *r, strbuf *lock)
{
	git_reference *head = NULL;
	const char *target;
	struct stat sb;
	int locked = 0;

	if (git_reference_lookup(&head, r->git, "HEAD") < 0) {
		git_error_clear();
		return 0;
	}
	if ((target = git_reference_symbolic_target(head))) {
		strbuf_reset(lock);
		strbuf_printf(lock, "%s%s.lock", r->commondir, target);
		/* Another git holds it for milliseconds; a crashed one, for good. */
		for (int i = 0; i < 40 && (locked = lstat(lock->buf, &sb) == 0); i++)
			pause_briefly();
	}
	git_reference_free(head);
	return locked;
}

int repo_write_checked(repo *r, const repo_plan *plan, int commit, repo_tip_fn on_tip,
		       void *arg, char **commit_id, strbuf *err)
{
	struct write_state st = { *plan, NULL, 0, NULL, 0, NULL, 0, 0 };
	strbuf lock = STRBUF_INIT;
	git_signature *author = NULL, *committer = NULL;
	git_tree_update *updates = NULL;
	size_t nup = 0;
	struct stat sb;
	git_oid id, parent;
	int made = 0, ret = REPO_ERROR;

	if (commit_id)
		*commit_id = NULL;
	if (r->rev) {
		repo__set_err(err, "cannot write: reading revision %s", r->rev);
		return REPO_ERROR;
	}
	if (r->bare || r->reads_tree) {
		repo__set_err(err, "cannot write in a bare repository");
		return REPO_ERROR;
	}
	commit = commit && r->is_git;
	if (state_take(&st, err) < 0)
		goto cleanup;

	/* Everything that can refuse the write does so before a file changes. */
	if (commit) {
		strbuf_printf(&lock, "%sindex.lock", r->gitdir);
		if (lstat(lock.buf, &sb) == 0) {
			repo__set_err(err,
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
		if (repo__need_git(r, err) < 0)
			goto cleanup;
		if (branch_locked(r, &lock)) {
			repo__set_err(err,
				"Unable to create '%s': File exists.\n\n"
				"Another git process seems to be updating the branch. If none is\n"
				"running, a git process may have crashed here earlier:\n"
				"remove the file manually to continue.",
				lock.buf);
			ret = REPO_ELOCKED;
			goto cleanup;
		}
		if (identity(&author, r->git, "AUTHOR") < 0 ||
		    identity(&committer, r->git, "COMMITTER") < 0) {
			repo__set_err(err, "no Git identity: set user.name and user.email "
				"(git config --global user.name \"Your Name\"; "
				"git config --global user.email you@example.com)");
			goto cleanup;
		}
	}
	if (!commit || (!on_tip && !st.npaths && !st.ngone)) {
		ret = state_apply(r, &st, err);
		goto cleanup;
	}
	if ((ret = commit_plan(r, &st, on_tip, arg, author, committer, &id, &made, &parent,
			       &updates, &nup, err)) < 0)
		goto cleanup;
	ret = REPO_ERROR;
	if (stage_paths(r->git, updates, nup, &st, err) < 0) {
		/*
		 * The index could not follow (a full disk, say): take the commit
		 * back, compare-and-swap, so that the write is all or nothing.
		 */
		if (made && (unmake_commit(r, &id, &parent) == 0 || branch_at(r, &parent)))
			made = 0;
		else if (made && err) {
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
	/* Until a commit is made, a failed write leaves every file as it was. */
	backups_finish(&st, ret < 0 && !made);
	git_signature_free(author);
	git_signature_free(committer);
	free(updates);
	state_clear_paths(&st);
	strbuf_free(&lock);
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
	if (!r->is_git || repo__need_git(r, &err))
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

int fs_create_exclusive(const char *path, const char *data, size_t len, strbuf *err)
{
	const char *slash = strrchr(path, '/');
	strbuf tmp = STRBUF_INIT;
	size_t done = 0;
	mode_t mask;
	int fd, e = 0, ret = 1;

	/* A short temp name: a record's name near NAME_MAX must still work. */
	strbuf_printf(&tmp, "%.*s.new.tmpXXXXXX", slash ? (int)(slash - path + 1) : 0, path);
	if ((fd = mkstemp(tmp.buf)) < 0) {
		e = errno;
		strbuf_free(&tmp);
		repo__set_err(err, "%s: %s", path, strerror(e));
		return REPO_ERROR;
	}
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			e = errno;
			break;
		}
		done += (size_t)w;
	}
	/* mkstemp makes 0600; a new file gets what open(0666) would give. */
	mask = umask(0);
	umask(mask);
	if (!e && (fchmod(fd, 0666 & ~mask) < 0 || fsync(fd) < 0))
		e = errno;
	if (close(fd) < 0 && !e)
		e = errno;
	if (!e && link(tmp.buf, path) < 0) {
		if (errno == EEXIST)
			ret = 0;
		else
			e = errno;
	}
	unlink(tmp.buf);
	strbuf_free(&tmp);
	if (e) {
		repo__set_err(err, "%s: %s", path, strerror(e));
		return REPO_ERROR;
	}
	return ret;
}
