/*
 * radar: the command table and what every command shares: global options,
 * option parsing, help, exit statuses.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <unistd.h>

#include "cli.h"
#include "draw-commands.h"
#include "util/text.h"

#define RADAR_VERSION "0.1.0"

#ifndef RADAR_DRAW
/* In `radar`, the drawing commands are names that lead to radar-draw. */
#define DRAW_STUB(var, cmd, summ) \
	static const cli_command var = { .name = cmd, .usage = "", .summary = summ, .external = 1 }
DRAW_STUB(cmd_review_stub, "review", RADAR_SUMMARY_REVIEW);
DRAW_STUB(cmd_render_stub, "render", RADAR_SUMMARY_RENDER);
DRAW_STUB(cmd_layout_stub, "layout", RADAR_SUMMARY_LAYOUT);
DRAW_STUB(cmd_publish_stub, "publish", RADAR_SUMMARY_PUBLISH);
#define cmd_review cmd_review_stub
#define cmd_render cmd_render_stub
#define cmd_layout cmd_layout_stub
#define cmd_publish cmd_publish_stub
#endif

static const cli_command *const commands[] = {
	&cmd_init, &cmd_add, &cmd_rate, &cmd_move, &cmd_score, &cmd_list, &cmd_show, &cmd_check,
	&cmd_judge, &cmd_due, &cmd_accuracy, &cmd_review,
	&cmd_render, &cmd_layout, &cmd_publish,
	&cmd_history, &cmd_diff, &cmd_release, &cmd_editions,
	&cmd_export, &cmd_import,
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char global_help[] =
	"Global options (before or after the command):\n"
	"  -C DIR             run as if started in DIR\n"
	"      --rev REV      read the radar at a revision (commit, tag, branch) instead of\n"
	"                     the working tree\n"
	"      --format FMT   text (default) or json, for commands that read\n"
	"  -h, --help         show help\n"
	"      --version      show the version\n";

static void print_overview(FILE *out)
{
	fprintf(out, "usage: radar [-C DIR] [--rev REV] [--format text|json] COMMAND [ARGS]\n\n"
		     "Commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-8s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(out, "  %-8s %s\n", "adr", "architecture decision records, as adr-tools (see 'radar adr help')");
	fprintf(out, "\n%s\nSee 'radar COMMAND --help' for a command's options.\n"
		     "Exit status: 0 success, 1 a problem with the data or a failed check, "
		     "2 a usage error.\n",
		global_help);
}

void cli_print_help(const cli_ctx *c, const cli_command *cmd, FILE *out)
{
	fprintf(out, "usage: %s %s %s\n\n%s\n", c->prog, cmd->name, cmd->usage, cmd->summary);
	if (cmd->details)
		fprintf(out, "\n%s", cmd->details);
	if (cmd->options && cmd->options[0].name) {
		fprintf(out, "\nOptions:\n");
		for (const cli_option *o = cmd->options; o->name; o++) {
			strbuf left = STRBUF_INIT;
			if (o->short_name)
				strbuf_printf(&left, "-%c, ", o->short_name);
			else
				strbuf_puts(&left, "    ");
			strbuf_printf(&left, "--%s", o->name);
			if (o->arg)
				strbuf_printf(&left, " %s", o->arg);
			fprintf(out, "  %-24s %s\n", left.buf, o->help);
			strbuf_free(&left);
		}
	}
	fprintf(out, "\n%s", global_help);
}

int cli_usage_error(const cli_ctx *c, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s%s%s: ", c->prog, c->cmd ? " " : "", c->cmd ? c->cmd->name : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (c->cmd)
		fprintf(stderr, "\nusage: %s %s %s\n", c->prog, c->cmd->name, c->cmd->usage);
	else
		fprintf(stderr, "\nSee '%s --help'.\n", c->prog);
	return EXIT_USAGE;
}

int cli_error(const cli_ctx *c, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", c->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_DATA;
}

static int option_index(const cli_command *cmd, const char *name, size_t len, char short_name)
{
	for (int i = 0; cmd->options && cmd->options[i].name; i++) {
		const cli_option *o = &cmd->options[i];
		if (short_name ? o->short_name == short_name
			       : strlen(o->name) == len && !strncmp(o->name, name, len))
			return i;
	}
	return -1;
}

const char *cli_opt(const cli_ctx *c, const cli_args *a, const char *name)
{
	int i = option_index(c->cmd, name, strlen(name), 0);
	if (i < 0 || !a->counts[i])
		return NULL;
	return a->values[i][a->counts[i] - 1];
}

int cli_flag(const cli_ctx *c, const cli_args *a, const char *name)
{
	return cli_opt(c, a, name) != NULL;
}

static void args_free(cli_args *a, size_t nopts)
{
	for (size_t i = 0; i < nopts; i++)
		free(a->values[i]);
	free(a->values);
	free(a->counts);
	free(a->pos);
	free(a->extra_names);
	free(a->extra_values);
}

static void add_value(cli_args *a, int i, const char *v)
{
	a->values[i] = xrealloc(a->values[i], (a->counts[i] + 1) * sizeof(char *));
	a->values[i][a->counts[i]++] = v;
}

/* Parses a command's own arguments; returns 0, or EXIT_USAGE after saying why. */
static int parse_args(cli_ctx *c, int argc, char **argv, cli_args *a, size_t nopts, int *help)
{
	int only_pos = 0;

	a->values = xcalloc(nopts + 1, sizeof(*a->values));
	a->counts = xcalloc(nopts + 1, sizeof(*a->counts));
	a->pos = xcalloc((size_t)argc + 1, sizeof(char *));
	a->extra_names = xcalloc((size_t)argc + 1, sizeof(char *));
	a->extra_values = xcalloc((size_t)argc + 1, sizeof(char *));
	for (int k = 0; k < argc; k++) {
		char *arg = argv[k];
		if (only_pos || arg[0] != '-' || !arg[1]) {
			a->pos[a->npos++] = arg;
			continue;
		}
		if (!strcmp(arg, "--")) {
			only_pos = 1;
			continue;
		}
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			*help = 1;
			return 0;
		}
		if (arg[1] == '-') {
			const char *name = arg + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			int i = option_index(c->cmd, name, len, 0);
			const char *value = eq ? eq + 1 : NULL;

			if (i < 0 && c->cmd->extra_options) {
				if (!value && k + 1 >= argc)
					return cli_usage_error(c, "option '--%.*s' needs a value", (int)len, name);
				a->extra_names[a->nextra] = xstrndup(name, len);
				a->extra_values[a->nextra++] = (char *)(value ? value : argv[++k]);
				continue;
			}
			if (i < 0)
				return cli_usage_error(c, "unknown option '--%.*s'", (int)len, name);
			if (c->cmd->options[i].arg) {
				if (!value && k + 1 >= argc)
					return cli_usage_error(c, "option '--%s' needs a value (%s)",
							       c->cmd->options[i].name,
							       c->cmd->options[i].arg);
				add_value(a, i, value ? value : argv[++k]);
			} else {
				if (value)
					return cli_usage_error(c, "option '--%s' takes no value",
							       c->cmd->options[i].name);
				add_value(a, i, "1");
			}
			continue;
		}
		for (const char *p = arg + 1; *p; p++) {
			int i = option_index(c->cmd, NULL, 0, *p);
			if (i < 0)
				return cli_usage_error(c, "unknown option '-%c'", *p);
			if (!c->cmd->options[i].arg) {
				add_value(a, i, "1");
				continue;
			}
			if (p[1]) {
				add_value(a, i, p + 1);
			} else if (k + 1 < argc) {
				add_value(a, i, argv[++k]);
			} else {
				return cli_usage_error(c, "option '-%c' needs a value (%s)", *p,
						       c->cmd->options[i].arg);
			}
			break;
		}
	}
	return 0;
}

/* Takes the global options out of argv wherever they stand (before "--"). */
static int take_globals(cli_ctx *c, int *argc, char **argv, int *help, int *version)
{
	int out = 0;
	for (int k = 0; k < *argc; k++) {
		char *arg = argv[k];
		const char **slot = NULL, *value = NULL;
		const char *fmt = NULL;

		if (!strcmp(arg, "--")) {
			while (k < *argc)
				argv[out++] = argv[k++];
			break;
		}
		if (!strcmp(arg, "-C")) {
			slot = &c->dir;
		} else if (!strncmp(arg, "-C", 2) && arg[2]) {
			c->dir = arg + 2;
			continue;
		} else if (!strcmp(arg, "--rev")) {
			slot = &c->rev;
		} else if (!strncmp(arg, "--rev=", 6)) {
			c->rev = arg + 6;
			continue;
		} else if (!strcmp(arg, "--format")) {
			slot = &fmt;
		} else if (!strncmp(arg, "--format=", 9)) {
			fmt = arg + 9;
		} else if (!strcmp(arg, "--version") && !out) {
			*version = 1;
			continue;
		} else if ((!strcmp(arg, "--help") || !strcmp(arg, "-h")) && !out) {
			*help = 1;
			continue;
		} else {
			argv[out++] = arg;
			continue;
		}
		if (slot) {
			if (k + 1 >= *argc)
				return cli_usage_error(c, "option '%s' needs a value", arg);
			value = argv[++k];
			*slot = value;
		}
		if (fmt) {
			if (!strcmp(fmt, "json"))
				c->json = 1;
			else if (!strcmp(fmt, "text"))
				c->json = 0;
			else
				return cli_usage_error(c, "unknown format '%s' (text or json)", fmt);
		}
	}
	*argc = out;
	return 0;
}

#ifndef RADAR_LIBEXECDIR
#define RADAR_LIBEXECDIR "/usr/local/libexec/radar"
#endif

/*
 * Runs radar-draw with our own command line: from beside this program (a
 * build tree), else from ../libexec/radar next to it (an installed tree,
 * wherever it was moved or staged), else from the libexec folder it was
 * configured for.
 */
static int exec_draw(cli_ctx *c, char **argv)
{
	char self[PATH_MAX], path[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/'))) {
			*slash = '\0';
			snprintf(path, sizeof(path), "%s/radar-draw", self);
			if (!access(path, X_OK))
				execv(path, argv);
			snprintf(path, sizeof(path), "%s/../libexec/radar/radar-draw", self);
			if (!access(path, X_OK))
				execv(path, argv);
		}
	}
	snprintf(path, sizeof(path), "%s/radar-draw", RADAR_LIBEXECDIR);
	execv(path, argv);
	return cli_error(c, "cannot run %s: %s (the installation is incomplete)", path, strerror(errno));
}

static int run_main(int argc, char **argv, char **all)
{
	cli_ctx c = { 0 };
	cli_args a = { 0 };
	const char *slash = strrchr(argv[0], '/');
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	int help = 0, version = 0, rc;
	size_t nopts = 0;

	c.prog = "radar";
	c.color = isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
		  !(term && !strcmp(term, "dumb"));
	if (!strcmp(slash ? slash + 1 : argv[0], "adr")) {
		c.prog = "adr";
		return cli_adr(&c, argc - 1, argv + 1);
	}
	argc--;
	argv++;
	if ((rc = take_globals(&c, &argc, argv, &help, &version)))
		return rc;
	if (version) {
		printf("radar %s\n", RADAR_VERSION);
		return EXIT_OK;
	}
	if (argc && !strcmp(argv[0], "adr")) {
		c.prog = "radar adr";
		return cli_adr(&c, argc - 1, argv + 1);
	}
	if (!argc || !strcmp(argv[0], "help")) {
		if (argc >= 2) {
			for (size_t i = 0; i < NCOMMANDS; i++)
				if (!strcmp(commands[i]->name, argv[1])) {
					c.cmd = commands[i];
					if (c.cmd->external)
						return exec_draw(&c, all);
					cli_print_help(&c, c.cmd, stdout);
					return EXIT_OK;
				}
			return cli_usage_error(&c, "unknown command '%s'", argv[1]);
		}
		print_overview(help || argc ? stdout : stderr);
		return help || argc ? EXIT_OK : EXIT_USAGE;
	}
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i]->name, argv[0]))
			c.cmd = commands[i];
	if (!c.cmd) {
		const char *names[NCOMMANDS];
		char *near;
		for (size_t i = 0; i < NCOMMANDS; i++)
			names[i] = commands[i]->name;
		near = text_nearest(argv[0], names, NCOMMANDS);
		rc = cli_usage_error(&c, "'%s' is not a radar command%s%s%s", argv[0],
				     near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
		free(near);
		return rc;
	}
	if (c.cmd->external)
		return exec_draw(&c, all);
	if (help) {
		cli_print_help(&c, c.cmd, stdout);
		return EXIT_OK;
	}
	for (const cli_option *o = c.cmd->options; o && o->name; o++)
		nopts++;
	rc = parse_args(&c, argc - 1, argv + 1, &a, nopts, &help);
	if (!rc && help) {
		cli_print_help(&c, c.cmd, stdout);
	} else if (!rc && !c.cmd->reads && c.rev) {
		rc = cli_usage_error(&c, "writes go to the working tree; --rev is for reading commands");
	} else if (!rc && !c.cmd->reads && c.json) {
		rc = cli_usage_error(&c, "--format json is for reading commands");
	} else if (!rc) {
		rc = c.cmd->run(&c, &a);
	}
	for (size_t i = 0; i < a.nextra; i++)
		free(a.extra_names[i]);
	args_free(&a, nopts);
	return rc;
}

int main(int argc, char **argv)
{
	/* take_globals reorders argv; radar-draw gets the command line as typed. */
	char **all = xcalloc((size_t)argc + 1, sizeof(char *));
	int rc;

	memcpy(all, argv, (size_t)argc * sizeof(char *));
	rc = run_main(argc, argv, all);
	free(all);
	return rc;
}
