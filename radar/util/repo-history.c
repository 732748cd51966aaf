/*
 * History through libgit2: walking the first-parent line and diffing one
 * folder step by step, reading blobs by id, listing and creating release
 * tags. Part of the repository module (see repo-private.h); the callers see
 * hex ids and callbacks, never a git type.
 *
 * Speed comes from never reading what did not change: a step compares the
 * folder's tree id with the previous step's (commits that touch nothing in
 * the folder cost one small root-tree lookup), reads the two folder trees
 * only when they differ, and reports changed blob ids without reading a
 * blob. The caller reads (and caches) only the blobs it needs.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif

#include "repo-private.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"

#define PROGRESS_EVERY 256

static void hex_of(repo_hex out, const git_oid *id)
{
	git_oid_tostr(out, sizeof(repo_hex), id);
}

/* libgit2 is opened lazily even for const readers (see repo__need_git). */
static int need_git(const repo *r, strbuf *err)
{
	if (!r->is_git) {
		repo__set_err(err, "not a Git repository: history needs one");
		return REPO_ERROR;
	}
	if (repo__need_git((repo *)r, err) < 0)
		return REPO_ERROR;
	/*
	 * Reading thousands of trees: skip re-hashing every object read from
	 * our own object database, as git itself does (libgit2 checks by
	 * default; it costs a third of a history walk).
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	return 0;
}

/*
 * The commit being read: the revision given to repo_open, else HEAD.
 * Returns 1 with *out set, 0 when HEAD is unborn, or an error.
 */
static int read_commit(const repo *r, const char *rev, git_commit **out, strbuf *err)
{
	git_object *obj = NULL, *peeled = NULL;
	int error;

	*out = NULL;
	if (!rev) {
		git_reference *head = NULL;
		error = git_repository_head(&head, r->git);
		if (error == GIT_EUNBORNBRANCH || error == GIT_ENOTFOUND) {
			git_error_clear();
			return 0;
		}
		if (error < 0 || git_reference_peel(&peeled, head, GIT_OBJECT_COMMIT) < 0) {
			repo__set_err(err, "HEAD: %s", repo__git_msg());
			git_reference_free(head);
			return REPO_ERROR;
		}
		git_reference_free(head);
		*out = (git_commit *)peeled;
		return 1;
	}
	error = git_revparse_single(&obj, r->git, rev);
	if (error < 0) {
		repo__set_err(err, "unknown revision '%s'", rev);
		return REPO_ERROR;
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		repo__set_err(err, "revision '%s' is not a commit", rev);
		git_object_free(obj);
		return REPO_ERROR;
	}
	git_object_free(obj);
	*out = (git_commit *)peeled;
	return 1;
}

/* ---- diffing two folder trees -------------------------------------------- */

/*
 * Trees are read raw from the object database and scanned in place
 * ("<mode> <name>\0<20-byte id>" per entry): a folder of 500 entries read
 * at 2,000 steps makes libgit2's tree objects (an allocation and parse per
 * tree, accessor calls per entry) the larger part of a walk.
 */
typedef struct raw_entry {
	const char *name;
	size_t len;
	const unsigned char *id;
	unsigned mode;
} raw_entry;

/* The next entry at *pos; 0 at the end or on malformed data. */
static int raw_next(const unsigned char *data, size_t size, size_t *pos, raw_entry *e)
{
	size_t p = *pos;
	unsigned mode = 0;
	const unsigned char *nul;

	if (p >= size)
		return 0;
	while (p < size && data[p] >= '0' && data[p] <= '7')
		mode = mode * 8 + (unsigned)(data[p++] - '0');
	if (p >= size || data[p] != ' ')
		return 0;
	p++;
	if (!(nul = memchr(data + p, 0, size - p)) || (size_t)(nul - data) + 1 + GIT_OID_RAWSZ > size)
		return 0;
	e->name = (const char *)data + p;
	e->len = (size_t)(nul - data) - p;
	e->id = nul + 1;
	e->mode = mode;
	*pos = (size_t)(nul - data) + 1 + GIT_OID_RAWSZ;
	return 1;
}

/* Skips the entries that start at `pos` and end before `limit`. */
static size_t raw_skip(const unsigned char *data, size_t pos, size_t limit)
{
	for (;;) {
		const unsigned char *nul = memchr(data + pos, 0, limit - pos);
		size_t end;
		if (!nul)
			return pos;
		end = (size_t)(nul - data) + 1 + GIT_OID_RAWSZ;
		if (end > limit)
			return pos;
		pos = end;
	}
}

static int raw_is_tree(const raw_entry *e)
{
	return (e->mode & 0170000) == 0040000;
}

static int raw_is_file(const raw_entry *e)
{
	return e->mode == 0100644 || e->mode == 0100755;
}

/* Git's tree order: a subtree's name compares as if it ended in '/'. */
static int raw_cmp(const raw_entry *a, const raw_entry *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->name, b->name, n);
	unsigned ca, cb;

	if (c)
		return c;
	ca = a->len > n ? (unsigned char)a->name[n] : (raw_is_tree(a) ? '/' : 0);
	cb = b->len > n ? (unsigned char)b->name[n] : (raw_is_tree(b) ? '/' : 0);
	return ca < cb ? -1 : ca > cb;
}

/* The entry named `name` in a raw tree. */
static int raw_find(const unsigned char *data, size_t size, const char *name, raw_entry *out)
{
	size_t pos = 0, len = strlen(name);
	raw_entry e;

	while (raw_next(data, size, &pos, &e))
		if (e.len == len && !memcmp(e.name, name, len)) {
			*out = e;
			return 1;
		}
	return 0;
}

typedef struct change_list {
	repo_change *items;
	size_t n, cap;
} change_list;

static void changes_clear(change_list *cl)
{
	for (size_t i = 0; i < cl->n; i++)
		free((char *)cl->items[i].name);
	cl->n = 0;
}

static void changes_free(change_list *cl)
{
	changes_clear(cl);
	free(cl->items);
	memset(cl, 0, sizeof(*cl));
}

static void raw_hex(repo_hex out, const unsigned char *id)
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < GIT_OID_RAWSZ; i++) {
		out[2 * i] = digits[id[i] >> 4];
		out[2 * i + 1] = digits[id[i] & 15];
	}
	out[2 * GIT_OID_RAWSZ] = '\0';
}

static void change_add(change_list *cl, const raw_entry *e, const unsigned char *old,
		       const unsigned char *new)
{
	repo_change *c;

	GROW(cl->items, cl->cap, cl->n + 1);
	c = &cl->items[cl->n++];
	memset(c, 0, sizeof(*c));
	c->name = xstrndup(e->name, e->len);
	if (old)
		raw_hex(c->old_blob, old);
	if (new)
		raw_hex(c->new_blob, new);
}

/* A tree's raw data, or none (size 0) when absent. */
typedef struct raw_tree {
	git_odb_object *obj;
	const unsigned char *data;
	size_t size;
} raw_tree;

static void raw_tree_free(raw_tree *t)
{
	git_odb_object_free(t->obj);
	memset(t, 0, sizeof(*t));
}

static int raw_tree_read(git_odb *odb, const git_oid *id, int found, raw_tree *t, strbuf *err)
{
	memset(t, 0, sizeof(*t));
	if (!found)
		return 0;
	if (git_odb_read(&t->obj, odb, id) < 0) {
		repo__set_err(err, "tree %s: %s", git_oid_tostr_s(id), repo__git_msg());
		return REPO_ERROR;
	}
	if (git_odb_object_type(t->obj) != GIT_OBJECT_TREE) {
		repo__set_err(err, "%s is not a tree", git_oid_tostr_s(id));
		raw_tree_free(t);
		return REPO_ERROR;
	}
	t->data = git_odb_object_data(t->obj);
	t->size = git_odb_object_size(t->obj);
	return 0;
}

/*
 * The files that differ between two trees (either may be empty). Entries
 * before the first differing byte are the same in both and skipped
 * wholesale; the scan stops once what is left of both is the same bytes.
 */
static void diff_trees(const raw_tree *a, const raw_tree *b, change_list *out)
{
	size_t pa = 0, pb = 0, common = 0, min = a->size < b->size ? a->size : b->size;
	raw_entry ea, eb;
	int ha, hb;

	while (common < min && a->data[common] == b->data[common])
		common++;
	if (common) {
		pa = pb = raw_skip(a->data, 0, common);
	}
	ha = a->size && raw_next(a->data, a->size, &pa, &ea);
	hb = b->size && raw_next(b->data, b->size, &pb, &eb);
	while (ha || hb) {
		int c = !ha ? 1 : !hb ? -1 : raw_cmp(&ea, &eb), diff = 1;

		if (c < 0) {
			if (raw_is_file(&ea))
				change_add(out, &ea, ea.id, NULL);
		} else if (c > 0) {
			if (raw_is_file(&eb))
				change_add(out, &eb, NULL, eb.id);
		} else {
			int fa = raw_is_file(&ea), fb = raw_is_file(&eb);
			diff = memcmp(ea.id, eb.id, GIT_OID_RAWSZ) || ea.mode != eb.mode;
			if (fa && fb && diff)
				change_add(out, &ea, ea.id, eb.id);
			else if (fa && !fb)
				change_add(out, &ea, ea.id, NULL);
			else if (!fa && fb)
				change_add(out, &eb, NULL, eb.id);
		}
		/* After a difference: is the rest of both trees the same? */
		if (diff && c == 0 && a->size - pa == b->size - pb &&
		    !memcmp(a->data + pa, b->data + pb, a->size - pa))
			break;
		if (c <= 0)
			ha = raw_next(a->data, a->size, &pa, &ea);
		if (c >= 0)
			hb = raw_next(b->data, b->size, &pb, &eb);
	}
}

/* ---- the folder at a commit ---------------------------------------------- */

typedef struct folder_path {
	char **parts;
	size_t n;
} folder_path;

static void folder_path_free(folder_path *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->parts[i]);
	free(f->parts);
}

static int folder_path_make(folder_path *f, const char *folder, strbuf *err)
{
	strbuf clean = STRBUF_INIT;
	char *p, *slash;

	memset(f, 0, sizeof(*f));
	if (repo__clean_path(folder, &clean, err) < 0) {
		strbuf_free(&clean);
		return REPO_ERROR;
	}
	f->parts = xcalloc(clean.len + 1, sizeof(char *));
	for (p = clean.buf; *p; p = slash + 1) {
		slash = strchr(p, '/');
		f->parts[f->n++] = slash ? xstrndup(p, (size_t)(slash - p)) : xstrdup(p);
		if (!slash)
			break;
	}
	strbuf_free(&clean);
	return 0;
}

/*
 * The id of the folder's tree in a commit; *found 0 when the folder is
 * absent (or not a tree). Only the root tree and the trees on the way are
 * read; `last_root`/`last_id` skip even that when the root did not change.
 */
struct folder_memo {
	git_oid root;
	git_oid id;
	int found;
	int valid;
};

static int folder_id(git_odb *odb, const git_commit *c, const folder_path *f,
		     struct folder_memo *memo, git_oid *out, int *found, strbuf *err)
{
	const git_oid *root = git_commit_tree_id(c);
	git_oid cur;
	size_t i;

	if (memo->valid && git_oid_equal(&memo->root, root)) {
		*out = memo->id;
		*found = memo->found;
		return 0;
	}
	cur = *root;
	*found = 1;
	for (i = 0; i < f->n; i++) {
		git_odb_object *obj = NULL;
		raw_entry e;

		if (git_odb_read(&obj, odb, &cur) < 0) {
			repo__set_err(err, "%s: %s", f->parts[i], repo__git_msg());
			return REPO_ERROR;
		}
		if (git_odb_object_type(obj) != GIT_OBJECT_TREE ||
		    !raw_find(git_odb_object_data(obj), git_odb_object_size(obj), f->parts[i], &e) ||
		    !raw_is_tree(&e)) {
			*found = 0;
			git_odb_object_free(obj);
			break;
		}
		git_oid_fromraw(&cur, e.id);
		git_odb_object_free(obj);
	}
	if (!*found)
		memset(&cur, 0, sizeof(cur));
	*out = cur;
	memo->root = *root;
	memo->id = cur;
	memo->found = *found;
	memo->valid = 1;
	return 0;
}

/* ---- commits as the caller sees them ------------------------------------- */

static void commit_info(repo_commit *out, const git_commit *c)
{
	const git_signature *a = git_commit_author(c);

	memset(out, 0, sizeof(*out));
	hex_of(out->id, git_commit_id(c));
	out->author = a && a->name ? a->name : "";
	out->email = a && a->email ? a->email : "";
	out->time = a ? (long long)a->when.time : (long long)git_commit_time(c);
	out->offset = a ? a->when.offset : git_commit_time_offset(c);
	out->subject = git_commit_summary((git_commit *)c);
	if (!out->subject)
		out->subject = "";
	out->nparents = git_commit_parentcount(c);
}

/* Side commits found for a merge's changes; kept alive for the callback. */
typedef struct side_commits {
	git_commit **commits;
	repo_commit **infos;
	size_t n, cap, icap;
} side_commits;

static void side_clear(side_commits *s)
{
	for (size_t i = 0; i < s->n; i++) {
		git_commit_free(s->commits[i]);
		free(s->infos[i]);
	}
	s->n = 0;
}

static void side_free(side_commits *s)
{
	side_clear(s);
	free(s->commits);
	free(s->infos);
}

/*
 * Credits each change a merge brought (against its first parent) to the
 * newest non-merge commit on the merged side that made the same change:
 * wrote the same blob at that name, or deleted it. The side is what the
 * other parents reach and the first does not (each commit off the first-
 * parent line is the side of exactly one merge on it, so the whole walk
 * visits each commit at most once). A change no side commit made (a
 * conflict resolved in the merge) stays the merge's.
 */
static int attribute_merge(git_repository *git, git_odb *odb, const git_commit *merge,
			   const folder_path *f, change_list *cl, side_commits *side, strbuf *err)
{
	git_revwalk *walk = NULL;
	change_list sc = { 0 };
	struct folder_memo memo_c = { 0 }, memo_p = { 0 };
	size_t left = cl->n;
	git_oid id;
	int ret = REPO_ERROR, error;

	if (git_revwalk_new(&walk, git) < 0)
		goto giterr;
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	for (unsigned p = 1; p < git_commit_parentcount(merge); p++)
		if (git_revwalk_push(walk, git_commit_parent_id(merge, p)) < 0)
			goto giterr;
	if (git_revwalk_hide(walk, git_commit_parent_id(merge, 0)) < 0)
		goto giterr;
	while (left && (error = git_revwalk_next(&id, walk)) == 0) {
		git_commit *c = NULL, *parent = NULL;
		git_oid fc, fp;
		int found_c, found_p, used = 0;
		raw_tree tc, tp;

		if (git_commit_lookup(&c, git, &id) < 0)
			goto giterr;
		if (git_commit_parentcount(c) != 1) {
			git_commit_free(c);
			continue;
		}
		if (git_commit_parent(&parent, c, 0) < 0) {
			git_commit_free(c);
			goto giterr;
		}
		if (folder_id(odb, c, f, &memo_c, &fc, &found_c, err) < 0 ||
		    folder_id(odb, parent, f, &memo_p, &fp, &found_p, err) < 0) {
			git_commit_free(parent);
			git_commit_free(c);
			goto cleanup;
		}
		git_commit_free(parent);
		if (found_c == found_p && (!found_c || git_oid_equal(&fc, &fp))) {
			git_commit_free(c);
			continue;
		}
		if (raw_tree_read(odb, &fc, found_c, &tc, err) < 0) {
			git_commit_free(c);
			goto cleanup;
		}
		if (raw_tree_read(odb, &fp, found_p, &tp, err) < 0) {
			raw_tree_free(&tc);
			git_commit_free(c);
			goto cleanup;
		}
		changes_clear(&sc);
		diff_trees(&tp, &tc, &sc);
		raw_tree_free(&tc);
		raw_tree_free(&tp);
		for (size_t k = 0; k < sc.n; k++) {
			for (size_t m = 0; m < cl->n; m++) {
				repo_change *mc = &cl->items[m];
				if (mc->by || strcmp(mc->name, sc.items[k].name) ||
				    strcmp(mc->new_blob, sc.items[k].new_blob))
					continue;
				if (!used) {
					GROW(side->commits, side->cap, side->n + 1);
					GROW(side->infos, side->icap, side->n + 1);
					side->commits[side->n] = c;
					side->infos[side->n] = xmalloc(sizeof(repo_commit));
					commit_info(side->infos[side->n], c);
					side->n++;
					used = 1;
				}
				mc->by = side->infos[side->n - 1];
				left--;
			}
		}
		if (!used)
			git_commit_free(c);
	}
	ret = 0;
	goto cleanup;
giterr:
	repo__set_err(err, "walking a merge: %s", repo__git_msg());
cleanup:
	changes_free(&sc);
	git_revwalk_free(walk);
	return ret;
}

/* ---- the walk ------------------------------------------------------------ */

int repo_walk_folder(const repo *r, const char *folder, repo_step_fn fn,
		     repo_progress_fn progress, void *payload, strbuf *err)
{
	git_repository *git;
	git_commit *tip = NULL;
	folder_path f;
	git_oid *chain = NULL, *fids = NULL;
	char *found = NULL;
	size_t n = 0, cap = 0, fcap = 0, ccap = 0;
	struct folder_memo memo = { 0 };
	change_list cl = { 0 };
	side_commits side = { 0 };
	raw_tree prev_tree = { 0 };
	git_odb *odb = NULL;
	int ret = REPO_ERROR, rc;

	if (folder_path_make(&f, folder, err) < 0)
		return REPO_ERROR;
	if (need_git(r, err) < 0)
		goto cleanup;
	git = r->git;
	if (git_repository_odb(&odb, git) < 0) {
		repo__set_err(err, "%s", repo__git_msg());
		goto cleanup;
	}
	if ((rc = read_commit(r, r->rev, &tip, err)) <= 0) {
		ret = rc;
		goto cleanup;
	}

	/* The first-parent line, newest first, with the folder's id at each. */
	{
		git_commit *c = tip;
		tip = NULL;
		for (;;) {
			int fnd;
			GROW(chain, cap, n + 1);
			GROW(fids, fcap, n + 1);
			GROW(found, ccap, n + 1);
			chain[n] = *git_commit_id(c);
			if (folder_id(odb, c, &f, &memo, &fids[n], &fnd, err) < 0) {
				git_commit_free(c);
				goto cleanup;
			}
			found[n++] = (char)fnd;
			if (!git_commit_parentcount(c)) {
				git_commit_free(c);
				break;
			}
			git_commit *p = NULL;
			if (git_commit_parent(&p, c, 0) < 0) {
				repo__set_err(err, "%s: %s", git_oid_tostr_s(git_commit_id(c)),
					      repo__git_msg());
				git_commit_free(c);
				goto cleanup;
			}
			git_commit_free(c);
			c = p;
		}
	}

	/* Oldest first: each step against the previous one (its first parent). */
	for (size_t k = n; k-- > 0;) {
		size_t done = n - k;
		int before = k + 1 < n && found[k + 1];
		raw_tree cur;
		git_commit *c = NULL;
		repo_commit info;

		if (progress && (done % PROGRESS_EVERY == 0))
			progress(payload, done, n);
		if (found[k] == before && (!found[k] || git_oid_equal(&fids[k], &fids[k + 1])))
			continue;
		if (raw_tree_read(odb, &fids[k], found[k], &cur, err) < 0)
			goto cleanup;
		changes_clear(&cl);
		if (!before)
			raw_tree_free(&prev_tree);
		diff_trees(&prev_tree, &cur, &cl);
		raw_tree_free(&prev_tree);
		prev_tree = cur;
		if (!cl.n)
			continue;
		if (git_commit_lookup(&c, git, &chain[k]) < 0) {
			repo__set_err(err, "%s: %s", git_oid_tostr_s(&chain[k]), repo__git_msg());
			goto cleanup;
		}
		commit_info(&info, c);
		side_clear(&side);
		if (git_commit_parentcount(c) > 1 &&
		    attribute_merge(git, odb, c, &f, &cl, &side, err) < 0) {
			git_commit_free(c);
			goto cleanup;
		}
		for (size_t i = 0; i < cl.n; i++)
			if (!cl.items[i].by)
				cl.items[i].by = &info;
		rc = fn(payload, &info, cl.items, cl.n);
		git_commit_free(c);
		if (rc) {
			ret = rc;
			goto cleanup;
		}
	}
	if (progress)
		progress(payload, n, n);
	ret = 0;

cleanup:
	raw_tree_free(&prev_tree);
	git_odb_free(odb);
	git_commit_free(tip);
	changes_free(&cl);
	side_free(&side);
	free(chain);
	free(fids);
	free(found);
	folder_path_free(&f);
	return ret;
}

int repo_read_blob(const repo *r, const char *blob, size_t max, char **buf,
		   size_t *len, strbuf *err)
{
	git_oid id;
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	size_t size;
	int ret = REPO_ERROR;

	*buf = NULL;
	*len = 0;
	if (need_git(r, err) < 0)
		return REPO_ERROR;
	if (git_oid_fromstr(&id, blob) < 0) {
		repo__set_err(err, "'%s' is not an object id", blob);
		return REPO_ERROR;
	}
	if (git_repository_odb(&odb, r->git) < 0)
		goto giterr;
	if (git_odb_read(&obj, odb, &id) < 0)
		goto giterr;
	if (git_odb_object_type(obj) != GIT_OBJECT_BLOB) {
		repo__set_err(err, "%s is not a blob", blob);
		goto cleanup;
	}
	size = git_odb_object_size(obj);
	if (size > max) {
		repo__set_err(err, "blob %.10s: larger than %zu bytes", blob, max);
		ret = REPO_ETOOBIG;
		goto cleanup;
	}
	*buf = xmalloc(size + 1);
	memcpy(*buf, git_odb_object_data(obj), size);
	(*buf)[size] = '\0';
	*len = size;
	ret = 0;
	goto cleanup;
giterr:
	repo__set_err(err, "blob %.10s: %s", blob, repo__git_msg());
cleanup:
	git_odb_object_free(obj);
	git_odb_free(odb);
	return ret;
}

/* ---- release tags -------------------------------------------------------- */

typedef struct tag_list {
	git_repository *git;
	repo_tag *items;
	size_t n, cap;
	const git_oid *upto; /* NULL: every tag */
} tag_list;

static char *first_line(const char *s)
{
	if (!s)
		return xstrdup("");
	while (*s == '\n')
		s++;
	return xstrndup(s, strcspn(s, "\n"));
}

static int tag_cb(const char *refname, git_oid *oid, void *payload)
{
	tag_list *tl = payload;
	git_tag *tag = NULL;
	git_object *target = NULL;
	const git_signature *who;
	repo_tag *t;
	const git_oid *cid;

	if (git_tag_lookup(&tag, tl->git, oid) < 0) {
		git_error_clear(); /* a lightweight tag: not an edition */
		return 0;
	}
	if (git_tag_peel(&target, tag) < 0 || git_object_type(target) != GIT_OBJECT_COMMIT) {
		git_error_clear();
		goto done;
	}
	cid = git_object_id(target);
	if (tl->upto && !git_oid_equal(tl->upto, cid) &&
	    git_graph_descendant_of(tl->git, tl->upto, cid) != 1) {
		git_error_clear();
		goto done;
	}
	GROW(tl->items, tl->cap, tl->n + 1);
	t = &tl->items[tl->n++];
	memset(t, 0, sizeof(*t));
	t->name = xstrdup(!strncmp(refname, "refs/tags/", 10) ? refname + 10 : refname);
	hex_of(t->commit, cid);
	who = git_tag_tagger(tag);
	if (who) {
		t->time = (long long)who->when.time;
		t->offset = who->when.offset;
		t->tagger = xstrdup(who->name ? who->name : "");
	} else {
		t->time = (long long)git_commit_time((git_commit *)target);
		t->offset = git_commit_time_offset((git_commit *)target);
	}
	t->message = first_line(git_tag_message(tag));
done:
	git_object_free(target);
	git_tag_free(tag);
	return 0;
}

static int cmp_tag(const void *a, const void *b)
{
	const repo_tag *x = a, *y = b;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int list_releases(const repo *r, const git_oid *upto, repo_tag **tags, size_t *n,
			 strbuf *err)
{
	tag_list tl = { 0 };

	tl.git = r->git;
	tl.upto = upto;
	if (git_tag_foreach(r->git, tag_cb, &tl) < 0) {
		repo__set_err(err, "listing tags: %s", repo__git_msg());
		repo_tags_free(tl.items, tl.n);
		return REPO_ERROR;
	}
	if (tl.n)
		qsort(tl.items, tl.n, sizeof(*tl.items), cmp_tag);
	*tags = tl.items;
	*n = tl.n;
	return 0;
}

int repo_list_releases(const repo *r, const char *upto, repo_tag **tags, size_t *n,
		       strbuf *err)
{
	git_commit *c = NULL;
	int rc;

	*tags = NULL;
	*n = 0;
	if (!r->is_git)
		return 0;
	if (need_git(r, err) < 0)
		return REPO_ERROR;
	if (upto) {
		if ((rc = read_commit(r, upto, &c, err)) < 0)
			return rc;
	}
	rc = list_releases(r, c ? git_commit_id(c) : NULL, tags, n, err);
	git_commit_free(c);
	return rc;
}

void repo_tags_free(repo_tag *tags, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(tags[i].name);
		free(tags[i].tagger);
		free(tags[i].message);
	}
	free(tags);
}

int repo_last_release(const repo *r, char **tag_out, strbuf *err)
{
	git_commit *c = NULL;
	repo_tag *tags = NULL;
	size_t n = 0;
	int rc;

	*tag_out = NULL;
	if (!r->is_git)
		return 0;
	if (need_git(r, err) < 0)
		return REPO_ERROR;
	if ((rc = read_commit(r, r->rev, &c, err)) <= 0)
		return rc;
	rc = list_releases(r, git_commit_id(c), &tags, &n, err);
	if (!rc) {
		repo_hex cur;
		hex_of(cur, git_commit_id(c));
		for (size_t i = n; i-- > 0;)
			if (strcmp(tags[i].commit, cur)) {
				*tag_out = xstrdup(tags[i].name);
				break;
			}
	}
	repo_tags_free(tags, n);
	git_commit_free(c);
	return rc;
}

/*
 * GIT_COMMITTER_DATE as git accepts it in its common forms: "@SECONDS
 * [+hhmm]", "SECONDS +hhmm", "YYYY-MM-DD[T ]HH:MM[:SS][ ][Z|+hh[:]mm]".
 * Returns 0 when it could be read.
 */
static int parse_git_date(const char *s, git_time_t *when, int *offset)
{
	int y, mo, d, h, mi, sec = 0, n = 0, sign = 1, oh = 0, om = 0, epoch = 0;
	const char *p;
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	p = *s == '@' ? s + 1 : s;
	if (isdigit((unsigned char)*p)) {
		long long v = strtoll(p, &end, 10);
		if (end > p && (*end == '\0' || *end == ' ') && (*s == '@' || *end == ' ')) {
			*when = (git_time_t)v;
			*offset = 0;
			epoch = 1;
			p = end;
			goto zone;
		}
	}
	if (sscanf(s, "%4d-%2d-%2d%*1[T ]%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) < 5 || !n)
		return -1;
	p = s + n;
	if (*p == ':') {
		sec = (int)strtol(p + 1, &end, 10);
		p = end;
	}
	if (!date_valid(y, mo, d) || h > 23 || mi > 59 || sec > 60)
		return -1;
	{
		date dt = { y, mo, d };
		*when = (git_time_t)date_to_days(dt) * 86400 + h * 3600 + mi * 60 + sec;
	}
	*offset = 0;
zone:
	while (*p == ' ')
		p++;
	if (*p == 'Z' || !*p)
		return 0;
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p == '-' ? -1 : 1;
	p++;
	if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
		return -1;
	oh = (p[0] - '0') * 10 + (p[1] - '0');
	p += 2;
	if (*p == ':')
		p++;
	if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]))
		om = (p[0] - '0') * 10 + (p[1] - '0');
	*offset = sign * (oh * 60 + om);
	/* An ISO time is local to its zone; epoch seconds are not. */
	if (!epoch)
		*when -= (git_time_t)*offset * 60;
	return 0;
}

/* The tagger: GIT_COMMITTER_* from the environment over user.name/email. */
static int tagger(git_signature **out, git_repository *git, strbuf *err)
{
	const char *name = getenv("GIT_COMMITTER_NAME"), *email = getenv("GIT_COMMITTER_EMAIL");
	const char *when_s = getenv("GIT_COMMITTER_DATE");
	git_signature *def = NULL;
	git_time_t when = (git_time_t)time(NULL);
	int offset = 0, error;

	if (!(name && *name && email && *email)) {
		if (git_signature_default(&def, git) < 0) {
			repo__set_err(err, "no identity to tag with: set user.name and user.email "
				      "(git config user.name \"Your Name\"; git config user.email you@example.org)");
			return REPO_ERROR;
		}
		if (!(name && *name))
			name = def->name;
		if (!(email && *email))
			email = def->email;
		offset = def->when.offset;
	}
	if (when_s && *when_s && parse_git_date(when_s, &when, &offset) == 0)
		error = git_signature_new(out, name, email, when, offset);
	else if (def && !(when_s && *when_s))
		error = git_signature_new(out, name, email, when, def->when.offset);
	else
		error = git_signature_now(out, name, email);
	git_signature_free(def);
	if (error < 0) {
		repo__set_err(err, "identity: %s", repo__git_msg());
		return REPO_ERROR;
	}
	return 0;
}

int repo_create_release(repo *r, const char *name, const char *message,
			char **commit_out, strbuf *err)
{
	git_commit *head = NULL;
	git_signature *sig = NULL;
	git_reference *ref = NULL, *existing = NULL;
	git_oid tag_id;
	strbuf refname = STRBUF_INIT, msg = STRBUF_INIT;
	int valid = 0, rc, ret = REPO_ERROR;

	if (commit_out)
		*commit_out = NULL;
	if (!r->is_git) {
		repo__set_err(err, "not a Git repository: a release is a Git tag");
		return REPO_ERROR;
	}
	if (need_git(r, err) < 0)
		return REPO_ERROR;
	strbuf_printf(&refname, "refs/tags/%s", name);
	if (!*name || *name == '-' || git_reference_name_is_valid(&valid, refname.buf) < 0 ||
	    !valid) {
		repo__set_err(err, "'%s' is not a valid tag name", name);
		goto cleanup;
	}
	if ((rc = read_commit(r, NULL, &head, err)) < 0)
		goto cleanup;
	if (!rc) {
		repo__set_err(err, "nothing committed yet: there is no commit to tag");
		goto cleanup;
	}
	if (git_reference_lookup(&existing, r->git, refname.buf) == 0) {
		repo__set_err(err, "tag '%s' exists already; an edition is never moved "
			      "(delete it with 'git tag -d %s' if you mean to)", name, name);
		ret = REPO_EEXISTS;
		goto cleanup;
	}
	git_error_clear();
	if (tagger(&sig, r->git, err) < 0)
		goto cleanup;
	strbuf_puts(&msg, message);
	if (!msg.len || msg.buf[msg.len - 1] != '\n')
		strbuf_putc(&msg, '\n');
	if (git_tag_annotation_create(&tag_id, r->git, name, (const git_object *)head, sig,
				      msg.buf) < 0) {
		repo__set_err(err, "tag '%s': %s", name, repo__git_msg());
		goto cleanup;
	}
	/* Compare-and-swap: creating without force fails if anyone made it meanwhile. */
	rc = git_reference_create_matching(&ref, r->git, refname.buf, &tag_id, 0, NULL,
					   "radar release");
	if (rc == GIT_EEXISTS || rc == GIT_EMODIFIED || rc == GIT_ELOCKED) {
		git_error_clear();
		repo__set_err(err, "tag '%s' exists already (created meanwhile); an edition is never moved",
			      name);
		ret = REPO_EEXISTS;
		goto cleanup;
	}
	if (rc < 0) {
		repo__set_err(err, "tag '%s': %s", name, repo__git_msg());
		goto cleanup;
	}
	if (commit_out) {
		repo_hex h;
		hex_of(h, git_commit_id(head));
		*commit_out = xstrdup(h);
	}
	ret = 0;

cleanup:
	git_reference_free(ref);
	git_reference_free(existing);
	git_signature_free(sig);
	git_commit_free(head);
	strbuf_free(&refname);
	strbuf_free(&msg);
	return ret;
}

int repo_commit_info(const repo *r, repo_hex id, long long *time, int *offset, strbuf *err)
{
	git_commit *c = NULL;
	int rc;

	if (!r->is_git)
		return 0;
	if (need_git(r, err) < 0)
		return REPO_ERROR;
	if ((rc = read_commit(r, r->rev, &c, err)) <= 0)
		return rc;
	hex_of(id, git_commit_id(c));
	*time = (long long)git_commit_time(c);
	*offset = git_commit_time_offset(c);
	git_commit_free(c);
	return 1;
}
