/* radar judge: record a technology judgment; --review adds its outcome. */
#include <errno.h>
#include <limits.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "accuracy.h"
#include "cli.h"
#include "util/text.h"

extern char **environ;

/* Runs $VISUAL or $EDITOR on `path`; the path goes as an argument, never into shell text. */
static int run_editor(cli_ctx *c, const char *path)
{
	const char *editor = getenv("VISUAL");
	char *argv[6];
	pid_t pid;
	int status;

	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	argv[0] = "sh";
	argv[1] = "-c";
	argv[2] = "$RADAR_EDITOR \"$1\"";
	argv[3] = "sh";
	argv[4] = (char *)path;
	argv[5] = NULL;
	setenv("RADAR_EDITOR", editor, 1);
	if (posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ)) {
		cli_error(c, "cannot start the editor '%s': %s", editor, strerror(errno));
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		cli_error(c, "the editor '%s' failed; nothing recorded (your text is in %s)", editor, path);
		return -1;
	}
	return 0;
}

/* Lets the user fill in the judgment in an editor, starting from what was given. */
static char *edit_in_editor(cli_ctx *c, const char *yaml)
{
	char tmpl[] = "/tmp/radar-judgment-XXXXXX.yaml";
	int fd = mkstemps(tmpl, 5);
	strbuf text = STRBUF_INIT;
	char *buf = NULL;
	FILE *f;

	if (fd < 0) {
		cli_error(c, "cannot make a temp file: %s", strerror(errno));
		return NULL;
	}
	strbuf_puts(&text, "# Record the judgment; lines starting with # are ignored. Save and quit.\n");
	strbuf_puts(&text, yaml);
	if (!strstr(yaml, "\nscenario:"))
		strbuf_puts(&text, "scenario: \n");
	if (!strstr(yaml, "\ninformation:"))
		strbuf_puts(&text, "information: \n");
	if (!strstr(yaml, "\ndecision:"))
		strbuf_puts(&text, "decision: \n");
	if (!strstr(yaml, "\nbasis:"))
		strbuf_puts(&text, "basis: \n");
	if (write(fd, text.buf, text.len) != (ssize_t)text.len) {
		close(fd);
		cli_error(c, "%s: %s", tmpl, strerror(errno));
		goto cleanup;
	}
	close(fd);
	if (run_editor(c, tmpl))
		goto cleanup;
	if ((f = fopen(tmpl, "rb"))) {
		strbuf in = STRBUF_INIT;
		char chunk[4096];
		size_t got;
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0 && in.len < RADAR_MAX_FILE)
			strbuf_add(&in, chunk, got);
		fclose(f);
		buf = strbuf_detach(&in);
	}
	unlink(tmpl);
cleanup:
	strbuf_free(&text);
	return buf;
}

static int parse_options(cli_ctx *c, const cli_args *a, const radar *rd,
			 radar_judgment_fields *f, strbuf *confidence)
{
	const char *s;
	frac conf;

	f->when = date_today();
	if ((s = cli_opt(c, a, "date")) && date_parse(s, &f->when))
		return cli_usage_error(c, "--date '%s' is not a real date (YYYY-MM-DD)", s);
	if ((s = cli_opt(c, a, "review-on"))) {
		if (date_parse(s, &f->review_on))
			return cli_usage_error(c, "--review-on '%s' is not a real date (YYYY-MM-DD)", s);
		f->has_review_on = 1;
	}
	if ((s = cli_opt(c, a, "predict-ring"))) {
		int ring = radar_config_find_ring(rd->cfg, s);
		if (ring < 0) {
			char *list = radar_config_ring_list(rd->cfg);
			int rc = cli_usage_error(c, "unknown ring '%s' (rings: %s)", s, list);
			free(list);
			return rc;
		}
		f->predicted_ring = rd->cfg->rings[ring].id;
	}
	if ((s = cli_opt(c, a, "confidence"))) {
		if (frac_parse_decimal(s, &conf) || conf.num < 0 || conf.num > conf.den)
			return cli_usage_error(c, "--confidence '%s' must be a probability from 0 to 1", s);
		strbuf_puts(confidence, s);
		f->confidence = confidence->buf;
	}
	f->scenario = cli_opt(c, a, "scenario");
	f->information = cli_opt(c, a, "information");
	f->decision = cli_opt(c, a, "decision");
	f->basis = cli_opt(c, a, "basis");
	return 0;
}

static int record(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	radar *rd = NULL;
	diag_list dl = DIAG_LIST_INIT;
	radar_judgment_fields f = { 0 };
	radar_judgment *check = NULL;
	strbuf confidence = STRBUF_INIT, path = STRBUF_INIT, msg = STRBUF_INIT, err = STRBUF_INIT;
	const char *subject_s = a->npos ? a->pos[0] : cli_opt(c, a, "subject");
	char *yaml = NULL, *who = NULL, *slug = NULL;
	int rc = EXIT_DATA;
	repo_file file;
	char d[11];

	if (a->npos > 1)
		return cli_usage_error(c, "one subject at a time");
	if (cli_begin_edit(c, &r, &rd, &dl))
		goto cleanup;
	if ((rc = parse_options(c, a, rd, &f, &confidence)))
		goto cleanup;
	rc = EXIT_DATA;
	if (subject_s) {
		const radar_entry *e = cli_find_entry(c, rd, subject_s, &dl);
		if (!e)
			goto cleanup;
		f.subject = e->id;
	}
	who = cli_who(r, cli_opt(c, a, "by"));
	f.by = who;
	yaml = radar_judgment_new_yaml(&f);
	if (!f.decision || !f.scenario) {
		char *edited;
		if (!isatty(STDIN_FILENO)) {
			if (!f.decision) {
				rc = cli_usage_error(c, "what was decided? give --decision TEXT (and --scenario, "
							"--information, --basis)");
				goto cleanup;
			}
		} else {
			if (!(edited = edit_in_editor(c, yaml)))
				goto cleanup;
			free(yaml);
			yaml = edited;
		}
	}
	date_format(f.when, d);
	strbuf_printf(&path, "%s/%s", rd->cfg->judgments_path, d);
	if (radar_judgment_parse(&check, rd->cfg, path.buf, yaml, strlen(yaml), &dl)) {
		cli_print_diags(c, &dl);
		cli_error(c, "the judgment is not valid; nothing recorded");
		goto cleanup;
	}
	if (!check->decision) {
		cli_error(c, "no decision given; nothing recorded");
		goto cleanup;
	}
	slug = text_slugify(check->subject ? check->subject : check->decision);
	if (strlen(slug) > 40)
		slug[40] = '\0';
	while (strlen(slug) && slug[strlen(slug) - 1] == '-')
		slug[strlen(slug) - 1] = '\0';
	date_format(check->when, d);
	for (int n = 1;; n++) {
		strbuf_reset(&path);
		strbuf_printf(&path, "%s/%s-%s", rd->cfg->judgments_path, d, *slug ? slug : "judgment");
		if (n > 1)
			strbuf_printf(&path, "-%d", n);
		strbuf_puts(&path, ".yaml");
		if (!repo_path_kind(r, path.buf))
			break;
	}
	file.path = path.buf;
	file.data = yaml;
	file.len = strlen(yaml);
	strbuf_printf(&msg, "radar: judge %s", check->subject ? check->subject : check->decision);
	rc = cli_write(c, r, rd->cfg, a, &file, 1, msg.buf);
	if (!rc) {
		date_format(check->review_on, d);
		printf("review on %s\n", d);
	}
cleanup:
	if (r)
		repo_unlock(r);
	radar_judgment_free(check);
	free(yaml);
	free(who);
	free(slug);
	strbuf_free(&confidence);
	strbuf_free(&path);
	strbuf_free(&msg);
	strbuf_free(&err);
	diag_list_free(&dl);
	radar_free(rd);
	repo_free(r);
	return rc;
}

/* FILE as given: relative to here, or to the repository, or a name in the judgments folder. */
static char *judgment_path(const repo *r, const radar_config *cfg, const char *file)
{
	char real[PATH_MAX];
	const char *root = repo_workdir(r);
	strbuf sb = STRBUF_INIT;

	if (root && realpath(file, real) && !strncmp(real, root, strlen(root)))
		return xstrdup(real + strlen(root));
	if (repo_path_kind(r, file) == 1)
		return xstrdup(file);
	strbuf_printf(&sb, "%s/%s", cfg->judgments_path, file);
	if (repo_path_kind(r, sb.buf) == 1)
		return strbuf_detach(&sb);
	strbuf_free(&sb);
	return NULL;
}

static int review(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	radar *rd = NULL;
	diag_list dl = DIAG_LIST_INIT;
	const char *verdict_s = cli_opt(c, a, "verdict"), *when_s = cli_opt(c, a, "date");
	radar_verdict verdict;
	radar_judgment *check = NULL;
	strbuf err = STRBUF_INIT, msg = STRBUF_INIT;
	char *path = NULL, *buf = NULL, *out = NULL;
	size_t len;
	date when = date_today();
	int rc = EXIT_DATA;
	repo_file file;

	if (a->npos)
		return cli_usage_error(c, "--review takes the judgment FILE; no other arguments");
	if (!verdict_s)
		return cli_usage_error(c, "give --verdict correct, partial or incorrect");
	if ((verdict = radar_verdict_parse(verdict_s)) == VERDICT_NONE)
		return cli_usage_error(c, "--verdict '%s' must be correct, partial or incorrect", verdict_s);
	if (when_s && date_parse(when_s, &when))
		return cli_usage_error(c, "--date '%s' is not a real date (YYYY-MM-DD)", when_s);
	if (cli_begin_edit(c, &r, &rd, &dl))
		goto cleanup;
	if (!(path = judgment_path(r, rd->cfg, cli_opt(c, a, "review")))) {
		cli_error(c, "no judgment file '%s' (see 'radar due')", cli_opt(c, a, "review"));
		goto cleanup;
	}
	if (repo_read_file(r, path, RADAR_MAX_FILE, &buf, &len, &err)) {
		cli_error(c, "%s", strbuf_str(&err));
		goto cleanup;
	}
	if (!(out = radar_judgment_add_outcome(path, buf, len, when, verdict, cli_opt(c, a, "note"), &dl)) ||
	    radar_judgment_parse(&check, rd->cfg, path, out, strlen(out), &dl)) {
		cli_print_diags(c, &dl);
		cli_error(c, "%s: nothing written", path);
		goto cleanup;
	}
	file.path = path;
	file.data = out;
	file.len = strlen(out);
	strbuf_printf(&msg, "radar: review %s: %s", check->subject ? check->subject : path, verdict_s);
	rc = cli_write(c, r, rd->cfg, a, &file, 1, msg.buf);
cleanup:
	if (r)
		repo_unlock(r);
	radar_judgment_free(check);
	free(path);
	free(buf);
	free(out);
	strbuf_free(&err);
	strbuf_free(&msg);
	diag_list_free(&dl);
	radar_free(rd);
	repo_free(r);
	return rc;
}

static int run(cli_ctx *c, const cli_args *a)
{
	if (cli_opt(c, a, "review"))
		return review(c, a);
	if (cli_opt(c, a, "verdict") || cli_opt(c, a, "note"))
		return cli_usage_error(c, "--verdict and --note go with --review FILE");
	return record(c, a);
}

static const cli_option options[] = {
	{ "subject", 0, "NAME", "the entry judged (or give NAME as the argument)" },
	{ "scenario", 0, "TEXT", "the situation that called for a judgment" },
	{ "information", 0, "TEXT", "what was known at the time" },
	{ "decision", 0, "TEXT", "what was decided" },
	{ "basis", 0, "TEXT", "why" },
	{ "predict-ring", 0, "RING", "the ring expected to hold at review time" },
	{ "confidence", 0, "P", "probability (0 to 1) that the judgment proves right" },
	{ "review-on", 0, "DATE", "when to review (default: date + review.after_months)" },
	{ "by", 0, "WHO", "who judged (default: Git's user.name, else $USER)" },
	{ "date", 0, "DATE", "the judgment's (or, with --review, the review's) date; default today" },
	{ "review", 0, "FILE", "review a recorded judgment: add its outcome" },
	{ "verdict", 0, "V", "with --review: correct, partial or incorrect" },
	{ "note", 0, "TEXT", "with --review: what happened" },
	{ "no-commit", 0, NULL, "write the file but do not commit it" },
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_judge = {
	.name = "judge",
	.usage = "[NAME] --decision TEXT [--scenario TEXT] ... | --review FILE --verdict V [--note TEXT]",
	.summary = "record a judgment in the judgment log, or review one (add its outcome)",
	.details = "Writes judgments/<date>-<subject>.yaml and commits it. When --scenario or\n"
		   "--decision is missing and standard input is a terminal, $VISUAL or $EDITOR\n"
		   "opens a filled template (the editor gets the file's path, nothing else).\n",
	.options = options,
	.run = run,
};
