#ifndef RADAR_HISTORY_H
#define RADAR_HISTORY_H
/*
 * Entries followed through Git history (DESIGN §2, §4), the retrospective
 * check of placements, and the difference between two radars.
 *
 * Which history: the first-parent line of the commit being read (the
 * revision, else HEAD), oldest first: the radar as it was on the main line
 * after each step, so the story is linear and ends exactly at what
 * `radar list` shows for that commit. A merge on that line is compared with
 * its first parent only; each change it brought is then credited to the
 * commit that made it: the newest non-merge commit on the merged side that
 * wrote the same file content (or deleted the file). Only a change no side
 * commit made (a conflict resolved by hand) is dated by the merge. Changes
 * a branch made and undid before merging, or intermediate states on a
 * branch, never reached the main line and are not shown (`git log
 * --first-parent` shows the same states; plain `git log` shows every
 * branch commit, interleaved, which has no single "ring at a time").
 *
 * Entries are read with the configuration of the commit being read, for
 * every commit (rings and thresholds as the team has them now). A file
 * that does not parse at some commit gives no event; the next version that
 * parses is compared with the last one that did.
 */
#include <stddef.h>

#include "config.h"
#include "radar.h"
#include "util/date.h"
#include "util/frac.h"
#include "util/repo.h"

typedef enum {
	HIST_ADDED,     /* the file appeared (also: added again after a removal) */
	HIST_REMOVED,   /* the file was deleted */
	HIST_RENAMED,   /* the file moved to another id, same entry name */
	HIST_MOVED,     /* the placement or the declared ring changed */
	HIST_RESCORED,  /* only the scorecard total changed (or became known) */
} radar_hist_kind;

const char *radar_hist_kind_name(radar_hist_kind k);

typedef struct radar_hist_commit {
	repo_hex id;
	char *author, *email, *subject;
	long long time;  /* author time */
	int offset;      /* minutes */
	date day;        /* the author's calendar day (in the author's zone) */
} radar_hist_commit;

/* What history compares of an entry at one commit. */
typedef struct radar_hist_state {
	int placement;  /* ring index: declared, else the scorecard's; -1 none */
	int declared;   /* -1 none */
	int scored;
	frac total;     /* valid when scored */
} radar_hist_state;

typedef struct radar_hist_event {
	radar_hist_kind kind;
	char *id;                       /* the entry's id after the change */
	char *old_id;                   /* HIST_RENAMED: the id before; else NULL */
	size_t entry;                   /* one number per entry, across renames */
	const radar_hist_commit *by;    /* the commit that made the change */
	const radar_hist_commit *step;  /* the first-parent commit that brought it */
	int present;                    /* after the change (0 only for HIST_REMOVED) */
	radar_hist_state before, after; /* before: all -1 / unscored when there was none */
} radar_hist_event;

typedef struct radar_history {
	radar_hist_event *events;  /* in the order the changes reached the main line */
	size_t n;
	radar_hist_commit **commits;
	size_t ncommits;
	size_t walked;        /* commits on the first-parent line */
	size_t unparsable;    /* file versions that did not parse (left out) */
	int found;            /* with `only`: the entry exists somewhere in history */
} radar_history;

/*
 * Reads the history of every entry in cfg->entries_path, or of `only` (an
 * entry id; with every id it had before renames) through `r`. Entry files
 * are parsed only where they changed, each version once.
 */
int radar_history_load(radar_history **out, const repo *r, const radar_config *cfg,
		       const char *only, repo_progress_fn progress, void *payload,
		       strbuf *err);
void radar_history_free(radar_history *h);

/* The calendar day of a Git time in its own zone (offset in minutes). */
date radar_day_of(long long time, int offset);
/* "2026-01-05T10:00:00+01:00"; buf needs 26 bytes. */
void radar_format_time(long long time, int offset, char buf[26]);

/* ---- the retrospective check of placements ---- */

typedef enum {
	RETRO_HELD,       /* the same ring at the due date */
	RETRO_MOVED_IN,   /* a ring further in */
	RETRO_MOVED_OUT,  /* a ring further out (counts against the placement) */
	RETRO_REMOVED,    /* off the radar (or unplaced) at the due date */
	RETRO_NOT_DUE,    /* the due date is after `today` */
} radar_retro_outcome;

const char *radar_retro_outcome_name(radar_retro_outcome o); /* "moved_in" */

typedef struct radar_retro {
	const radar_hist_event *placement; /* HIST_ADDED or HIST_MOVED, with a ring */
	date due;                          /* placement day + after_months, calendar */
	int ring_at_due;                   /* -1: removed / unplaced / not due */
	const char *id_at_due;             /* after renames; NULL when not due */
	radar_retro_outcome outcome;
} radar_retro;

/*
 * Every placement in h (an entry added with a ring, or moved) checked
 * against the entry's ring `after_months` calendar months later: the ring
 * after the last change of that entry dated on or before the due date.
 * Oldest placement first (history order). *out is the caller's (free()).
 */
void radar_history_retro(const radar_history *h, int after_months, date today,
			 radar_retro **out, size_t *n);

/* ---- the difference between two radars (editions) ---- */

enum {
	DIFF_NEW = 1 << 0,
	DIFF_REMOVED = 1 << 1,
	DIFF_MOVED_IN = 1 << 2,
	DIFF_MOVED_OUT = 1 << 3,
	DIFF_RESCORED = 1 << 4,      /* |total change| >= 0.25, both scored */
	DIFF_DESCRIPTION = 1 << 5,
	DIFF_RENAMED = 1 << 6,       /* old_id set: not new, not removed */
};

typedef struct radar_diff_item {
	char *id;        /* the id in `to` (in `from` when removed) */
	char *old_id;    /* DIFF_RENAMED */
	unsigned flags;
	int from_ring, ring;      /* placements as ring indices of `to`'s config; -1 none */
	int from_scored, scored;
	frac from_total, total;
} radar_diff_item;

typedef struct radar_diff {
	radar_diff_item *items; /* sorted by id; only entries with a flag */
	size_t n;
} radar_diff;

/*
 * What changed from radar `from` to radar `to`. Entries are matched by id,
 * then a removed id and a new id with the same name (case-insensitively)
 * are one renamed entry. Rings are compared by id through `to`'s config.
 */
void radar_diff_compute(radar_diff *out, const radar *from, const radar *to);
void radar_diff_release(radar_diff *d);

#endif
