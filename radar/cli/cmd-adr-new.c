/* adr new, adr init: a new numbered record, created exclusively, edited, committed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "adr/edit.h"
#include "adr/name.h"
#include "cmd-adr.h"
#include "util/date.h"
#include "util/text.h"

/* "Superseded" unless the repository already writes "Superceded". */
static int uses_supercede(adr_env *e)
{
	size_t se = 0, ce = 0;
	for (size_t i = 0; i < e->set->n; i++) {
		strbuf err = STRBUF_INIT;
		const char *t = adr_set_text(e->set, i, &err);
		if (t)
			adr_text_count_spelling(t, &se, &ce);
		strbuf_free(&err);
	}
	return ce > se;
}

static int run_editor(adr_env *e, const char *path)
{
	const char *ed = getenv("VISUAL");
	pid_t pid;
	int status;

	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		return 0;
	fflush(stdout);
	if ((pid = fork()) < 0)
		return adr_fail(e, EXIT_DATA, "cannot run the editor: %s", strerror(errno));
	if (pid == 0) {
		setenv("ADR__EDITOR", ed, 1);
		execl("/bin/sh", "sh", "-c", "$ADR__EDITOR \"$1\"", "sh", path, (char *)NULL);
		_exit(127);
	}
	(void)status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return adr_fail(e, EXIT_DATA, "waiting for the editor: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return adr_fail(e, EXIT_DATA, "the editor '%s' failed; nothing written", ed);
	return 0;
}

/*
 * Creates the file, with all its content, only if no file has that name;
 * *exists = 1 when one had. The claim of the number and the content appear
 * at once: the whole text is written (and synced) to a temp file in the same
 * folder, which link() then gives the final name. link() fails with EEXIST
 * exactly as open(O_EXCL) does, so two writers still never take one number;
 * but a writer killed at any moment leaves either no record or a whole one
 * (never an empty file that holds the number), at worst a hidden
 * ".adr-new.tmpXXXXXX" that nothing reads (adr_name_number wants a digit first).
 */
static int create_exclusive(adr_env *e, const char *path, const char *data, int *exists)
{
	strbuf err = STRBUF_INIT;
	int rc = fs_create_exclusive(path, data, strlen(data), &err);

	*exists = rc == 0;
	if (rc < 0) {
		rc = adr_fail(e, EXIT_DATA, "%s", strbuf_str(&err));
		strbuf_free(&err);
		return rc;
	}
	strbuf_free(&err);
	return 0;
}

static int mkdirs(const char *dir)
{
	char *p = xstrdup(dir);
	int rc = 0;
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0777) && errno != EEXIST)
				rc = -1;
			*s = '/';
		}
	if (mkdir(p, 0777) && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/*
 * The highest number on the branch tip in the folder (0 when none or no
 * commit yet). *tip is left open for the caller to free after the commit:
 * libgit2 then starts once per command (its start parses the system's CA
 * bundle, several milliseconds), not once here and again to commit.
 */
static long tip_max_number(adr_env *e, repo **tip)
{
	strbuf err = STRBUF_INIT, dir = STRBUF_INIT;
	char **names = NULL, *rel;
	size_t n = 0;
	long max = 0, v;

	*tip = NULL;
	if (!e->root || !e->r || !repo_is_git(e->r))
		return 0;
	strbuf_printf(&dir, "%s/x", e->dir);
	rel = adr_root_relative(e, dir.buf);
	if (rel && strlen(rel) >= 2 && !repo_open(tip, e->root, "HEAD", &err)) {
		rel[strlen(rel) - 2] = '\0';
		if (!repo_list_dir(*tip, rel, &names, &n, &err))
			for (size_t i = 0; i < n; i++)
				if (!adr_name_number(names[i], &v) && v > max)
					max = v;
		repo_names_free(names, n);
	}
	free(rel);
	strbuf_free(&err);
	strbuf_free(&dir);
	return max;
}

typedef struct new_req {
	const char *template;     /* text */
	const char *title;
	const char *status;
	const char **supersede;
	size_t nsupersede;
	const char **links;
	size_t nlinks;
	int run_editor;
	const char *extra_path;   /* .adr-dir for init */
	const char *extra_data;
	int no_commit;
} new_req;

static int do_new(adr_env *e, const new_req *q)
{
	adr_change *ch = NULL;
	size_t nch = 0;
	strbuf msg = STRBUF_INIT, err = STRBUF_INIT, path = STRBUF_INIT;
	char *slug = adr_slugify(q->title), *name = NULL, *content = NULL, today_buf[11];
	const char *adr_date = getenv("ADR_DATE");
	long *targets = NULL, number, tip_number;
	adr_new_record nr;
	repo *tip = NULL;
	int rc = EXIT_OK, exists = 1, ce = 0, locked = 0;

	if (!adr_date || !*adr_date) {
		date_format(date_today(), today_buf);
		adr_date = today_buf;
	}
	/* Every reference must name a record before anything is written. */
	targets = xcalloc(q->nsupersede + q->nlinks + 1, sizeof(long));
	for (size_t i = 0; i < q->nsupersede; i++)
		if ((targets[i] = adr_env_resolve(e, q->supersede[i])) < 0) {
			rc = EXIT_DATA;
			goto cleanup;
		}
	for (size_t i = 0; i < q->nlinks; i++) {
		char *ref = xstrndup(q->links[i], strcspn(q->links[i], ":"));
		targets[q->nsupersede + i] = adr_env_resolve(e, ref);
		free(ref);
		if (targets[q->nsupersede + i] < 0) {
			rc = EXIT_DATA;
			goto cleanup;
		}
	}
	if (q->nsupersede)
		ce = uses_supercede(e);
	if (e->r && repo_is_git(e->r)) {
		if (repo_lock(e->r, &err)) {
			rc = adr_fail(e, EXIT_DATA, "%s", err.buf);
			goto cleanup;
		}
		locked = 1;
	}
	if (mkdirs(e->dir)) {
		rc = adr_fail(e, EXIT_DATA, "cannot create %s: %s", e->dir, strerror(errno));
		goto cleanup;
	}
	number = adr_dir_max_number(e->dir);
	if ((tip_number = tip_max_number(e, &tip)) > number)
		number = tip_number;
	while (exists) {
		number++;
		adr_changes_free(ch, nch);
		ch = NULL;
		nch = 0;
		free(name);
		free(content);
		name = adr_file_name(number, slug);
		strbuf_reset(&path);
		strbuf_printf(&path, "%s/%s", e->dir, name);
		content = adr_template_fill(q->template, number, q->title, adr_date, q->status);
		ch = xcalloc(1, sizeof(*ch));
		ch[0] = (adr_change){ xstrdup(path.buf), xstrdup(content), NULL, 1 };
		nch = 1;
		for (size_t i = 0; i < q->nsupersede; i++) {
			char *tp = adr_set_path(e->set, (size_t)targets[i]);
			adr_change *t = adr_change_for(&ch, &nch, tp, e->set->texts[targets[i]]);
			char *stripped;
			adr_link_changes(t, ce ? "Superceded by" : "Superseded by", &ch[0]);
			stripped = adr_text_remove_status(t->data, "Accepted");
			free(t->data);
			t->data = stripped;
			adr_link_changes(&ch[0], ce ? "Supercedes" : "Supersedes", t);
			free(tp);
		}
		for (size_t i = 0; i < q->nlinks; i++) {
			const char *l = q->links[i], *c1 = strchr(l, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
			char *fwd = c1 ? xstrndup(c1 + 1, c2 ? (size_t)(c2 - c1 - 1) : strlen(c1 + 1)) : xstrdup("");
			char *rev = c2 ? xstrndup(c2 + 1, strcspn(c2 + 1, ":")) : xstrdup("");
			char *tp = adr_set_path(e->set, (size_t)targets[q->nsupersede + i]);
			adr_change *t = adr_change_for(&ch, &nch, tp, e->set->texts[targets[q->nsupersede + i]]);
			adr_link_changes(&ch[0], fwd, t);
			adr_link_changes(t, rev, &ch[0]);
			free(fwd);
			free(rev);
			free(tp);
		}
		if ((rc = create_exclusive(e, path.buf, ch[0].data, &exists)))
			goto cleanup;
	}
	if (q->extra_path) {
		char *old = adr_read_file(q->extra_path);
		ch = xrealloc(ch, (nch + 1) * sizeof(*ch));
		ch[nch++] = (adr_change){ xstrdup(q->extra_path), xstrdup(q->extra_data), old, !old };
	}
	for (size_t i = 1; i < nch; i++)
		if (fs_write_atomic(ch[i].path, ch[i].data, strlen(ch[i].data), &err)) {
			adr_rollback(ch, i);
			rc = adr_fail(e, EXIT_DATA, "%s; nothing written", err.buf);
			goto cleanup;
		}
	if (q->run_editor && (rc = run_editor(e, path.buf))) {
		adr_rollback(ch, nch);
		goto cleanup;
	}
	strbuf_printf(&msg, "adr: %ld. %s", number, q->title);
	nr = (adr_new_record){ number, slug, q->title };
	rc = adr_apply(e, ch, nch, msg.buf, q->no_commit, 1, &nr);
	if (!rc)
		printf("%s\n", ch[0].path);
cleanup:
	if (locked)
		repo_unlock(e->r);
	repo_free(tip);
	adr_changes_free(ch, nch);
	free(targets);
	free(slug);
	free(name);
	free(content);
	strbuf_free(&msg);
	strbuf_free(&err);
	strbuf_free(&path);
	return rc;
}

static char *template_text(adr_env *e, int madr, int *rc)
{
	const char *env = getenv("ADR_TEMPLATE");
	strbuf p = STRBUF_INIT;
	char *t;

	*rc = 0;
	if (madr)
		return xstrdup(adr_template_madr());
	if (env && *env) {
		if (!(t = adr_read_file(env)))
			*rc = adr_fail(e, EXIT_DATA, "ADR_TEMPLATE %s: %s; nothing written", env, strerror(errno));
		return t;
	}
	strbuf_printf(&p, "%s/templates/template.md", e->dir);
	t = adr_read_file(p.buf);
	strbuf_free(&p);
	if (t)
		return t;
	return xstrdup(e->cfg->adr_madr ? adr_template_madr() : adr_template_nygard());
}

int adr_cmd_new(adr_env *e, int argc, char **argv)
{
	static const char *const longs[] = { "madr", "no-commit", NULL };
	adr_opt *o = NULL;
	size_t no = 0;
	int k = adr_getopt(e, argc, argv, "s:l:", longs, &o, &no), rc = EXIT_OK, madr;
	strbuf title = STRBUF_INIT;
	new_req q = { 0 };
	char *tpl = NULL;

	if (k < 0)
		return EXIT_USAGE;
	for (int i = k; i < argc; i++)
		strbuf_printf(&title, "%s%s", i > k ? " " : "", argv[i]);
	if (!title.len || !text_is_utf8(title.buf, title.len)) {
		rc = adr_fail(e, EXIT_USAGE, title.len ? "the title must be UTF-8 text"
						      : "no title given (usage: %s new [-s N]... TITLE...)",
			      e->c->prog);
		goto cleanup;
	}
	if (strchr(title.buf, '\n')) {
		rc = adr_fail(e, EXIT_USAGE, "the title must be one line");
		goto cleanup;
	}
	q.supersede = xcalloc(no + 1, sizeof(char *));
	q.links = xcalloc(no + 1, sizeof(char *));
	for (size_t i = 0; i < no; i++) {
		if (o[i].name == 's')
			q.supersede[q.nsupersede++] = o[i].value;
		else if (o[i].name == 'l') {
			const char *c1 = strchr(o[i].value, ':');
			if (!c1 || !strchr(c1 + 1, ':') || c1 == o[i].value) {
				rc = adr_fail(e, EXIT_USAGE, "-l wants TARGET:LINK:REVERSE-LINK, not '%s'", o[i].value);
				goto cleanup;
			}
			q.links[q.nlinks++] = o[i].value;
		}
	}
	madr = adr_has_long(o, no, "madr");
	if (!(tpl = template_text(e, madr, &rc)))
		goto cleanup;
	q.template = tpl;
	q.title = title.buf;
	q.status = (madr || (e->cfg->adr_madr && !strncmp(tpl, "---", 3))) ? "accepted" : "Accepted";
	q.run_editor = 1;
	q.no_commit = adr_has_long(o, no, "no-commit");
	rc = do_new(e, &q);
cleanup:
	free(q.supersede);
	free(q.links);
	free(tpl);
	free(o);
	strbuf_free(&title);
	return rc;
}

int adr_cmd_init(adr_env *e, int argc, char **argv)
{
	static const char *const longs[] = { "no-commit", NULL };
	adr_opt *o = NULL;
	size_t no = 0;
	int k = adr_getopt(e, argc, argv, "", longs, &o, &no), rc;
	new_req q = { 0 };
	strbuf data = STRBUF_INIT, err = STRBUF_INIT;

	if (k < 0)
		return EXIT_USAGE;
	if (argc - k > 1) {
		free(o);
		return adr_fail(e, EXIT_USAGE, "one DIRECTORY at most");
	}
	if (argc - k == 1 && *argv[k]) {
		strbuf_printf(&data, "%s\n", argv[k]);
		if (mkdirs(argv[k])) {
			free(o);
			strbuf_free(&data);
			return adr_fail(e, EXIT_DATA, "cannot create %s: %s", argv[k], strerror(errno));
		}
		q.extra_path = ".adr-dir";
		q.extra_data = data.buf;
		/* The folder is the one just named, as adr-tools finds it again. */
		free(e->dir);
		e->dir = xstrdup(argv[k]);
		adr_set_free(e->set);
		adr_set_open(&e->set, e->dir, &err);
	}
	q.template = adr_template_init();
	q.title = "record-architecture-decisions";
	q.status = "Accepted";
	q.no_commit = adr_has_long(o, no, "no-commit");
	rc = do_new(e, &q);
	free(o);
	strbuf_free(&data);
	strbuf_free(&err);
	return rc;
}
