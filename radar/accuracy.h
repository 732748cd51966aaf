#ifndef RADAR_ACCURACY_H
#define RADAR_ACCURACY_H
/*
 * How often the team's past judgments turned out right (DESIGN §4). The
 * inputs are reviewable items from three sources: the judgment log, ADRs
 * with review fields, and radar placements checked after review.after_months.
 * Pure arithmetic: no I/O, no Git.
 */
#include <stddef.h>

#include "judgment.h"
#include "util/date.h"

typedef enum {
	SOURCE_JUDGMENT = 0,
	SOURCE_ADR,
	SOURCE_PLACEMENT,
	SOURCE_COUNT
} radar_source;

typedef struct radar_review_item {
	radar_source source;
	const char *file;     /* where it is recorded, for `due` */
	const char *subject;  /* an entry id, an ADR title... */
	const char *by;       /* who judged; NULL when unknown */
	int quadrant;         /* of the subject entry; -1 when none */
	date when;            /* when the judgment was made */
	date due;             /* when it falls due for review */
	radar_verdict verdict;
	int has_confidence;
	double confidence;    /* 0..1 */
} radar_review_item;

typedef struct radar_accuracy_filter {
	int has_since, has_until;
	date since, until;    /* by the judgment's date, inclusive */
	const char *by;       /* one person only; NULL for everyone */
	date as_of;           /* decides what is open and overdue */
} radar_accuracy_filter;

typedef struct radar_calibration_bucket {
	double lo, hi;        /* [lo, hi); the last bucket includes 1.0 */
	size_t n;
	double mean_confidence, accuracy;
} radar_calibration_bucket;

typedef struct radar_accuracy {
	size_t total, reviewed, correct, partial, incorrect;
	size_t open;          /* not reviewed, not yet due */
	size_t overdue;       /* not reviewed, due on or before as_of */
	int has_accuracy;     /* reviewed > 0 */
	double accuracy;      /* (correct + partial/2) / reviewed */
	double wilson_lo, wilson_hi;
	int too_few;          /* fewer than 10 reviewed */
	int target;           /* 1 met (interval above 70 %), 0 not met (below), -1 undecided */
	size_t scored;        /* reviewed items with a confidence */
	int has_brier;
	double brier;         /* 0 perfect, 1 worst; 0.25 = always saying 50 % */
	double overconfidence; /* mean confidence - accuracy, over the scored items */
	radar_calibration_bucket buckets[10];
	size_t nbuckets;      /* non-empty buckets, in order */
} radar_accuracy;

#define RADAR_ACCURACY_TARGET 0.70
#define RADAR_ACCURACY_MIN_REVIEWED 10

/* The Wilson score interval for `successes` out of `n` (z = 1.96). */
void radar_wilson(double successes, double n, double *lo, double *hi);

/* Whether an item passes the filter's since/until/by. */
int radar_accuracy_selects(const radar_accuracy_filter *f, const radar_review_item *it);

/* Accuracy over the items the filter selects (and, if `keep` is set, that it accepts). */
void radar_accuracy_compute(radar_accuracy *out, const radar_review_item *items, size_t n,
			    const radar_accuracy_filter *f,
			    int (*keep)(const radar_review_item *, const void *), const void *arg);

/*
 * The reviewable items of the judgment log, with the quadrant of each
 * subject entry. The strings are borrowed from rd.
 */
struct radar;
void radar_review_items_from_judgments(const struct radar *rd, radar_review_item **items,
				       size_t *n);

#endif
