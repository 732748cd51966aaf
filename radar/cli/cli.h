#ifndef RADAR_CLI_H
#define RADAR_CLI_H
/*
 * The command line: the only place that parses argv, prints or picks an exit
 * status. Each command is one cmd-<name>.c with a cli_command describing it;
 * main.c holds the one table of them.
 */
#include <jansson.h>
#include <stdio.h>

#include "radar.h"
#include "scorecard.h"
#include "util/diag.h"
#include "util/repo.h"
#include "util/strbuf.h"

enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2 };

typedef struct cli_option {
	const char *name;  /* long name, without "--" */
	char short_name;   /* 0 when none */
	const char *arg;   /* the value's name in help ("RING"), NULL for a flag */
	const char *help;
} cli_option;

typedef struct cli_args {
	const char ***values; /* per option: every value given, in order */
	size_t *counts;
	char **pos;           /* positional arguments */
	size_t npos;
	char **extra_names;   /* --NAME VALUE pairs not in the table, when allowed */
	char **extra_values;
	size_t nextra;
} cli_args;

typedef struct cli_ctx cli_ctx;

typedef struct cli_command {
	const char *name;
	const char *usage;    /* after the command name: "NAME [--by WHO]" */
	const char *summary;  /* one line for `radar help` */
	const char *details;  /* more help text, or NULL */
	const cli_option *options; /* terminated by a {NULL} entry */
	int extra_options;    /* accepts --NAME VALUE beyond its table (scorecard dimensions) */
	int reads;            /* reads the radar: takes --rev and --format */
	int external;         /* runs in radar-draw: `radar` hands the whole command line over */
	int (*run)(cli_ctx *c, const cli_args *a);
} cli_command;

struct cli_ctx {
	const char *dir;      /* -C */
	const char *rev;      /* --rev */
	int json;             /* --format json */
	int color;            /* stdout is a terminal and NO_COLOR is unset */
	const cli_command *cmd;
	const char *prog;     /* "radar" or "adr" */
};

/* The option's last value, or NULL. */
const char *cli_opt(const cli_ctx *c, const cli_args *a, const char *name);
int cli_flag(const cli_ctx *c, const cli_args *a, const char *name);

/* Prints "radar CMD: message" and a usage hint; returns EXIT_USAGE. */
int cli_usage_error(const cli_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints "radar: message" on stderr; returns EXIT_DATA. */
int cli_error(const cli_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_print_help(const cli_ctx *c, const cli_command *cmd, FILE *out);

/* Opens the repository as -C and --rev say; prints the error and returns -1. */
int cli_open_repo(cli_ctx *c, repo **r, int for_writing);
/*
 * Opens the repository and loads the radar; the problems found go to dl
 * (sorted) and, when `print` is set, to stderr.
 */
int cli_load(cli_ctx *c, repo **r, radar **rd, unsigned flags, diag_list *dl, int print);
void cli_print_diags(const cli_ctx *c, const diag_list *dl);
/* Prints the diagnostics added since the first `from`. */
void cli_print_diags_from(const cli_ctx *c, const diag_list *dl, size_t from);
/*
 * Finds NAME, or prints "unknown entry" with the nearest names and returns
 * NULL. When the entry's file has errors, they are printed from `dl` (pass
 * NULL when every diagnostic was printed already).
 */
const radar_entry *cli_find_entry(cli_ctx *c, const radar *rd, const char *name,
				  const diag_list *dl);

/* Colour when allowed: cli_color(c, "1") ... cli_color(c, "0"). */
const char *cli_sgr(const cli_ctx *c, const char *code);

/* JSON helpers: a fraction as a number, as "3.50" and as "7/2". */
json_t *cli_json_number(frac f);
json_t *cli_json_fixed(frac f);
json_t *cli_json_exact(frac f);
int cli_json_print(json_t *v);

/*
 * The start of every command that edits the radar: opens the work tree,
 * takes the writers' lock (released by repo_free) and loads the radar into
 * *rd with its problems in dl. A broken .radar.yml stops here, its problems
 * printed. Returns 0, or -1 after saying why.
 */
int cli_begin_edit(cli_ctx *c, repo **r, radar **rd, diag_list *dl);

/* Writes files (and commits them unless --no-commit / commit: false). */
int cli_write(cli_ctx *c, repo *r, const radar_config *cfg, const cli_args *a,
	      const repo_file *files, size_t n, const char *message);

/*
 * The shared tail of rate and move: applies `edit` to the entry file's text,
 * checks that the result is still a valid entry, writes and commits it.
 */
typedef char *(*cli_entry_edit)(const char *path, const char *buf, size_t len,
				const char *arg, diag_list *dl);
int cli_edit_entry(cli_ctx *c, repo *r, const radar *rd, const radar_entry *e,
		   const cli_args *a, cli_entry_edit edit, const char *arg, const char *message);

/*
 * The ADRs of the repository being read (paths.adr, else .adr-dir, else
 * docs/adr); problems go to dl.
 */
struct adr_log;
struct adr_log *cli_load_adrs(const repo *r, const radar *rd, diag_list *dl);

/*
 * Everything reviewable, for `due` and `accuracy`: judgments, ADRs with
 * review fields, and (in a Git repository) every placement checked against
 * the entry's ring review.after_months later. Strings are borrowed from the
 * review set; free it with cli_review_free.
 */
struct radar_review_item;
typedef struct cli_review {
	struct radar_review_item *items;
	size_t n;
	struct adr_log *log;
	struct radar_history *history;
	struct radar_retro *retro;
	size_t nretro;
	size_t moved_in, moved_out; /* placements later moved, for optimism */
	char **files;               /* owned strings the items point to */
	size_t nfiles;
} cli_review;
int cli_review_load(cli_ctx *c, const repo *r, const radar *rd, date as_of, cli_review *out,
		    diag_list *dl);
void cli_review_free(cli_review *rv);

/* Pads UTF-8 text to `width` terminal columns. */
void cli_pad(strbuf *sb, const char *s, size_t width);

/* The person rating or judging: --by, else Git's user.name, else $USER. */
char *cli_who(const repo *r, const char *by);

extern const cli_command cmd_init, cmd_add, cmd_rate, cmd_move, cmd_score, cmd_list,
	cmd_show, cmd_check;
extern const cli_command cmd_judge, cmd_due, cmd_accuracy, cmd_review;

/* The adr command set (cmd-adr.c): `adr SUBCOMMAND ...` and `radar adr SUBCOMMAND ...`. */
int cli_adr(cli_ctx *c, int argc, char **argv);
extern const cli_command cmd_render, cmd_layout, cmd_publish;

/* History, editions, diffs (cmd-history.c and friends). */
extern const cli_command cmd_history, cmd_diff, cmd_release, cmd_editions;
/* Interchange with other radar tools (cmd-export.c, cmd-import.c; DESIGN §6). */
extern const cli_command cmd_export, cmd_import;
/* .radar.yml of what r reads, without the entries; problems printed; -1 if it had errors. */
int cli_load_config(cli_ctx *c, const repo *r, radar_config **cfg);

#endif
