/*
 * adr: architecture decision records, as adr-tools keeps them (and MADR).
 * `adr SUBCOMMAND ...` (the binary under the name adr) or `radar adr ...`.
 * This file: the subcommand table, help, options, opening the folder. The
 * subcommands: cmd-adr-list.c (list, show), cmd-adr-generate.c (generate),
 * cmd-adr-new.c (new, init), cmd-adr-edit.c (link, status,
 * upgrade-repository); cmd-adr-write.c writes and commits for them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd-adr.h"

typedef struct adr_sub {
	const char *name;
	const char *usage;
	const char *help;
	int (*run)(adr_env *e, int argc, char **argv);
	int writes;
	int json;             /* takes --format json */
} adr_sub;

static const adr_sub subs[] = {
	{ "init", "[DIRECTORY]",
	  "Initialises the directory of architecture decision records: writes .adr-dir when\n"
	  "DIRECTORY is given (default doc/adr) and creates the first record, the decision to\n"
	  "record architecture decisions. Inside Git, commits both.\n",
	  adr_cmd_init, 1, 0 },
	{ "new", "[-s SUPERSEDED]... [-l TARGET:LINK:REVERSE-LINK]... [--madr] [--no-commit] [--] TITLE...",
	  "Creates a new, numbered ADR; the TITLE words are joined by spaces. Runs $VISUAL,\n"
	  "else $EDITOR, on the new file, then prints its path. The template is\n"
	  "$ADR_TEMPLATE, else <adr dir>/templates/template.md, else the built-in one (MADR 4\n"
	  "with --madr or `adr: {format: madr}` in .radar.yml); NUMBER, TITLE, DATE and\n"
	  "STATUS are replaced. $ADR_DATE overrides today's date.\n\n"
	  "  -s SUPERSEDED   a previous record (number or part of its file name) that this one\n"
	  "                  supersedes: both get link lines, and it loses its Accepted status\n"
	  "  -l TARGET:LINK:REVERSE-LINK   links this record to TARGET with LINK, and TARGET\n"
	  "                  back with REVERSE-LINK (e.g. \"5:Amends:Amended by\")\n"
	  "  --madr          write MADR 4 (YAML front matter)\n"
	  "  --no-commit     inside Git, write the files without committing\n"
	  "A title that starts with '-' goes after \"--\". Inside Git the new record and the\n"
	  "records it links are one commit; when a commit made meanwhile (plain git, another\n"
	  "clone) took the number, the record moves to the next free one first.\n",
	  adr_cmd_new, 1, 0 },
	{ "link", "SOURCE LINK TARGET REVERSE-LINK [--no-commit]",
	  "Links SOURCE to TARGET with LINK, and TARGET back to SOURCE with REVERSE-LINK\n"
	  "(e.g. adr link 12 Amends 10 \"Amended by\").\n",
	  adr_cmd_link, 1, 0 },
	{ "list", "[--format text|json]",
	  "Lists the records' files, relative to the current directory. With --format json,\n"
	  "every record parsed: number, title, date, status, statuses, links, file, format,\n"
	  "deciders, consulted, informed, review fields.\n",
	  adr_cmd_list, 0, 1 },
	{ "show", "N [--format text|json]", "Shows one record's metadata.\n", adr_cmd_show, 0, 1 },
	{ "status", "N STATUS [--no-commit]",
	  "Sets a record's status: proposed, accepted, rejected, deprecated, superseded, or\n"
	  "one listed under adr.statuses in .radar.yml.\n",
	  adr_cmd_status, 1, 0 },
	{ "generate", "toc [-i INTRO] [-o OUTRO] [-p PREFIX] | graph [-p PREFIX] [-e EXT]",
	  "toc: a Markdown table of contents (INTRO and OUTRO are Markdown files put before\n"
	  "and after it; PREFIX goes before each link). graph: the records and their links\n"
	  "in Graphviz DOT (each node links to PREFIX + file name + EXT, EXT default .html).\n",
	  adr_cmd_generate, 0, 0 },
	{ "upgrade-repository", "",
	  "Upgrades the records to the latest format (DD/MM/YYYY dates to ISO 8601).\n",
	  adr_cmd_upgrade, 1, 0 },
	{ "help", "[COMMAND]", "Shows help on a command, or lists the commands.\n", NULL, 0, 0 },
};
#define NSUBS (sizeof(subs) / sizeof(subs[0]))

static void print_sub_help(const cli_ctx *c, const adr_sub *s, FILE *out)
{
	fprintf(out, "usage: %s %s %s\n\n%s", c->prog, s->name, s->usage, s->help);
}

void adr_print_help(const cli_ctx *c, const char *sub)
{
	for (size_t i = 0; i < NSUBS; i++)
		if (!strcmp(subs[i].name, sub))
			print_sub_help(c, &subs[i], stdout);
}

static void print_overview(const cli_ctx *c, FILE *out)
{
	fprintf(out, "usage: %s COMMAND [ARG] ...\nCOMMAND is one of:\n", c->prog);
	for (size_t i = 0; i < NSUBS; i++)
		fprintf(out, "  %s\n", subs[i].name);
	fprintf(out, "Run '%s help COMMAND' for help on a specific command.\n", c->prog);
}

int adr_fail(const adr_env *e, int code, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s %s: ", e->c->prog, e->sub);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

int adr_getopt(adr_env *e, int argc, char **argv, const char *spec, const char *const *longs,
	       adr_opt **opts, size_t *nopts)
{
	int k;
	*opts = NULL;
	*nopts = 0;
	for (k = 0; k < argc; k++) {
		char *a = argv[k];
		if (!strcmp(a, "--"))
			return k + 1;
		if (a[0] != '-' || !a[1])
			return k;
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			int found = 0;
			for (size_t i = 0; longs && longs[i] && !found; i++) {
				size_t ll = strcspn(longs[i], "=");
				int takes = longs[i][ll] == '=';
				const char *v = NULL;
				if (ll != len || strncmp(longs[i], name, len))
					continue;
				found = 1;
				if (takes) {
					if (eq)
						v = eq + 1;
					else if (k + 1 < argc)
						v = argv[++k];
					else
					{
						adr_fail(e, EXIT_USAGE, "option '--%s' needs a value", longs[i]);
						return -1;
					}
				} else if (eq) {
					adr_fail(e, EXIT_USAGE, "option '--%.*s' takes no value", (int)len, name);
					return -1;
				}
				*opts = xrealloc(*opts, (*nopts + 1) * sizeof(**opts));
				(*opts)[(*nopts)++] = (adr_opt){ 0, longs[i], v ? v : "1" };
			}
			if (!found) {
				adr_fail(e, EXIT_USAGE, "unknown option '%s'", a);
				return -1;
			}
			continue;
		}
		for (const char *p = a + 1; *p; p++) {
			const char *s = strchr(spec, *p);
			if (!s || *p == ':') {
				adr_fail(e, EXIT_USAGE, "unknown option '-%c'", *p);
				return -1;
			}
			*opts = xrealloc(*opts, (*nopts + 1) * sizeof(**opts));
			if (s[1] != ':') {
				(*opts)[(*nopts)++] = (adr_opt){ *p, NULL, "1" };
				continue;
			}
			if (p[1]) {
				(*opts)[(*nopts)++] = (adr_opt){ *p, NULL, p + 1 };
			} else if (k + 1 < argc) {
				(*opts)[(*nopts)++] = (adr_opt){ *p, NULL, argv[++k] };
			} else {
				adr_fail(e, EXIT_USAGE, "option '-%c' needs a value", *p);
				return -1;
			}
			break;
		}
	}
	return k;
}

/* The folder from .radar.yml's paths.adr, relative to the current directory. */
static char *config_dir(adr_env *e)
{
	char *cwd = realpath(".", NULL);
	strbuf sb = STRBUF_INIT;
	size_t rl = strlen(e->root);
	if (cwd && !strncmp(cwd, e->root, rl) && (cwd[rl] == '/' || !cwd[rl])) {
		for (const char *p = cwd + rl; *p; p++)
			if (*p == '/')
				strbuf_puts(&sb, "../");
	}
	strbuf_puts(&sb, e->cfg->adr_path);
	free(cwd);
	return strbuf_detach(&sb);
}

int adr_env_open(adr_env *e, cli_ctx *c, const char *sub, int for_writing)
{
	strbuf err = STRBUF_INIT;
	diag_list dl = DIAG_LIST_INIT;
	char *buf = NULL;
	size_t len;
	int rc = EXIT_OK, rr;

	e->c = c;
	e->sub = sub;
	if (repo_open(&e->r, NULL, NULL, &err)) {
		e->r = NULL;
		strbuf_reset(&err);
	}
	if (e->r && repo_is_git(e->r) && repo_workdir(e->r))
		e->root = realpath(repo_workdir(e->r), NULL);
	if (e->r && (rr = repo_read_file(e->r, RADAR_CONFIG_FILE, 1u << 20, &buf, &len, &err)) == 0) {
		e->cfg_found = 1;
		if (radar_config_parse(&e->cfg, RADAR_CONFIG_FILE, buf, len, &dl) && for_writing) {
			cli_print_diags(c, &dl);
			rc = adr_fail(e, EXIT_DATA, "%s has errors; nothing written", RADAR_CONFIG_FILE);
		}
	}
	if (!e->cfg)
		e->cfg = radar_config_default();
	e->dir = adr_dir_find(&e->dir_found);
	if (!e->dir_found && e->cfg_found && e->root) {
		free(e->dir);
		e->dir = config_dir(e);
	}
	strbuf_reset(&err);
	if (!rc && adr_set_open(&e->set, e->dir, &err))
		rc = adr_fail(e, EXIT_DATA, "%s", err.buf);
	free(buf);
	diag_list_free(&dl);
	strbuf_free(&err);
	return rc;
}

void adr_env_close(adr_env *e)
{
	adr_set_free(e->set);
	radar_config_free(e->cfg);
	repo_free(e->r);
	free(e->dir);
	free(e->root);
}

const char *adr_env_text(adr_env *e, size_t i)
{
	strbuf err = STRBUF_INIT;
	const char *t = adr_set_text(e->set, i, &err);
	if (!t)
		adr_fail(e, EXIT_DATA, "%s", err.buf);
	strbuf_free(&err);
	return t;
}

long adr_env_resolve(adr_env *e, const char *ref)
{
	int dups = 0;
	long i = adr_set_resolve(e->set, ref, &dups);
	if (i < 0) {
		adr_fail(e, EXIT_DATA, "no ADR matches '%s' in %s", ref, e->dir);
		return -1;
	}
	if (dups)
		fprintf(stderr, "%s %s: warning: several ADRs are numbered %s; using %s\n", e->c->prog,
			e->sub, ref, e->set->names[i]);
	if (!adr_env_text(e, (size_t)i))
		return -1;
	return i;
}


/* Takes leading -C DIR / --format FMT (when invoked as adr). */
static int leading_globals(cli_ctx *c, int *k, int argc, char **argv)
{
	while (*k < argc) {
		const char *a = argv[*k];
		if (!strcmp(a, "-C") && *k + 1 < argc) {
			c->dir = argv[*k + 1];
			*k += 2;
		} else if (!strcmp(a, "--format") && *k + 1 < argc) {
			c->json = !strcmp(argv[*k + 1], "json");
			*k += 2;
		} else if (!strncmp(a, "--format=", 9)) {
			c->json = !strcmp(a + 9, "json");
			(*k)++;
		} else {
			break;
		}
	}
	return 0;
}

int cli_adr(cli_ctx *c, int argc, char **argv)
{
	adr_env e = { 0 };
	const adr_sub *s = NULL;
	int k = 0, rc;

	leading_globals(c, &k, argc, argv);
	if (k >= argc) {
		print_overview(c, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[k], "--help") || !strcmp(argv[k], "-h")) {
		print_overview(c, stdout);
		return EXIT_OK;
	}
	for (size_t i = 0; i < NSUBS; i++)
		if (!strcmp(subs[i].name, argv[k]))
			s = &subs[i];
	if (!s) {
		fprintf(stderr, "%s: '%s' is not an adr command\n", c->prog, argv[k]);
		print_overview(c, stderr);
		return EXIT_USAGE;
	}
	if (!s->run) {
		const adr_sub *h = NULL;
		for (size_t i = 0; k + 1 < argc && i < NSUBS; i++)
			if (!strcmp(subs[i].name, argv[k + 1]))
				h = &subs[i];
		if (h)
			print_sub_help(c, h, stdout);
		else
			print_overview(c, stdout);
		return EXIT_OK;
	}
	if (k + 1 < argc && (!strcmp(argv[k + 1], "--help") || !strcmp(argv[k + 1], "-h"))) {
		print_sub_help(c, s, stdout);
		return EXIT_OK;
	}
	if (c->dir && chdir(c->dir)) {
		fprintf(stderr, "%s: cannot change to '%s': %s\n", c->prog, c->dir, strerror(errno));
		return EXIT_USAGE;
	}
	if (c->rev) {
		fprintf(stderr, "%s %s: --rev is not supported by adr commands\n", c->prog, s->name);
		return EXIT_USAGE;
	}
	if (c->json && !s->json) {
		fprintf(stderr, "%s %s: --format json is for list and show\n", c->prog, s->name);
		return EXIT_USAGE;
	}
	rc = adr_env_open(&e, c, s->name, s->writes);
	if (!rc)
		rc = s->run(&e, argc - k - 1, argv + k + 1);
	adr_env_close(&e);
	return rc;
}
