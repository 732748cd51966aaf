#ifndef RADAR_CMD_ADR_H
#define RADAR_CMD_ADR_H
/* The adr command set: what cmd-adr*.c share. */
#include "adr/adr.h"
#include "adr/set.h"
#include "cli.h"

typedef struct adr_env {
	cli_ctx *c;
	const char *sub;      /* the subcommand, for messages */
	char *dir;            /* the ADR folder, relative to the current directory */
	int dir_found;
	adr_set *set;
	repo *r;              /* NULL when it could not be opened */
	radar_config *cfg;
	int cfg_found;
	char *root;           /* realpath of the work tree (Git only) */
} adr_env;

/* A file a writing command changes: its path relative to the current directory. */
typedef struct adr_change {
	char *path;
	char *data;
	char *orig;           /* the text before, NULL for a new file */
	int created;          /* we created it (rolled back by unlinking) */
} adr_change;

/* Opens the folder, the repository and .radar.yml; prints and returns an exit status on failure. */
int adr_env_open(adr_env *e, cli_ctx *c, const char *sub, int for_writing);
void adr_env_close(adr_env *e);

/* Prints "adr SUB: message" on stderr; returns code. */
int adr_fail(const adr_env *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A record by reference (number or part of a path); prints why not and returns -1. */
long adr_env_resolve(adr_env *e, const char *ref);
const char *adr_env_text(adr_env *e, size_t i);

/* What adr_apply needs to renumber a new record (ch[0]) at commit time. */
typedef struct adr_new_record {
	long number;
	const char *slug;
	const char *title;
} adr_new_record;

/*
 * Writes the changes that are not yet on disk and, inside Git unless
 * no_commit, commits them (their current contents on disk) in one commit.
 * With `nr`, ch[0] is a new record: when the branch tip has taken its
 * number by then, it is renumbered (and ch[0].path changed) before the
 * commit. On failure every change is undone. Returns an exit status.
 */
int adr_apply(adr_env *e, adr_change *ch, size_t n, const char *message, int no_commit,
	      int already_written, const adr_new_record *nr);
void adr_changes_free(adr_change *ch, size_t n);

/* adr_apply under the writers' lock (repo_lock), for edits to existing records. */
int adr_write_changes(adr_env *e, adr_change *ch, size_t n, const char *msg, int no_commit);
/* Puts every change back as it was: created files unlinked, edited ones restored. */
void adr_rollback(adr_change *ch, size_t n);
/* The change for a path, added with `text` as its data and original when new. */
adr_change *adr_change_for(adr_change **ch, size_t *n, const char *path, const char *text);
/* Adds a link TYPE from change `from` to change `to`, as adr-tools' _adr_add_link. */
void adr_link_changes(adr_change *from, const char *type, const adr_change *to);

/* A file's whole contents ("" when empty), NULL when it cannot be read. Caller frees. */
char *adr_read_file(const char *path);
/* A path relative to the current directory, made relative to the work tree's root; NULL outside it. */
char *adr_root_relative(const adr_env *e, const char *path);

/* The subcommands, one entry function each. */
int adr_cmd_new(adr_env *e, int argc, char **argv);       /* cmd-adr-new.c */
int adr_cmd_init(adr_env *e, int argc, char **argv);
int adr_cmd_link(adr_env *e, int argc, char **argv);      /* cmd-adr-edit.c */
int adr_cmd_status(adr_env *e, int argc, char **argv);
int adr_cmd_upgrade(adr_env *e, int argc, char **argv);
int adr_cmd_list(adr_env *e, int argc, char **argv);      /* cmd-adr-list.c */
int adr_cmd_show(adr_env *e, int argc, char **argv);
int adr_cmd_generate(adr_env *e, int argc, char **argv);  /* cmd-adr-generate.c */

/* Prints a subcommand's --help on stdout. */
void adr_print_help(const cli_ctx *c, const char *sub);

/*
 * POSIX getopt over a subcommand's arguments (stops at the first operand and
 * after "--"), as adr-tools' getopts: `spec` like "s:l:". Long flags in
 * `longs` ("madr", "no-commit", "format=") are accepted too. Returns the
 * index of the first operand, or -1 after a usage error.
 */
typedef struct adr_opt {
	char name;            /* short name, or 0 for a long option */
	const char *lname;
	const char *value;
} adr_opt;
int adr_getopt(adr_env *e, int argc, char **argv, const char *spec, const char *const *longs,
	       adr_opt **opts, size_t *nopts);
/* Whether the long option `name` (as spelled in `longs`) was given. */
int adr_has_long(const adr_opt *o, size_t n, const char *name);

#endif
