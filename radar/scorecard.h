#ifndef RADAR_SCORECARD_H
#define RADAR_SCORECARD_H
/*
 * The weighted scorecard (DESIGN §1), computed exactly. Per dimension, each
 * rater votes once with their latest score for it (newest date; on equal
 * dates the later block in the file); the dimension's score is the mean of
 * the votes, the total the weighted sum, the ring the first whose threshold
 * the total reaches.
 */
#include <stddef.h>

#include "config.h"
#include "entry.h"
#include "util/frac.h"

typedef struct radar_dim_score {
	int votes;       /* raters who scored this dimension */
	frac mean;       /* valid when votes > 0 */
	frac weighted;   /* mean * weight / 100 */
	frac spread;     /* highest minus lowest vote */
	int disagreement; /* spread >= 2 */
} radar_dim_score;

typedef struct radar_score {
	radar_dim_score *dims; /* one per config dimension */
	size_t ndims;
	int scored;      /* every dimension has a vote: total and ring are valid */
	frac total;
	int ring;        /* the scorecard's ring, -1 when not scored */
	int declared;    /* the entry's declared ring, -1 when absent */
	int placement;   /* declared, else the scorecard's; -1 when neither */
	int mismatch;    /* declared and scorecard rings differ */
	char **raters;   /* everyone with a vote, sorted */
	size_t nraters;
	int has_up;      /* to_up valid: not in the innermost ring */
	frac to_up;      /* how much the total must rise to reach the next ring in */
	int has_down;    /* to_down valid: not in the outermost ring */
	frac to_down;    /* how far the total stands above its ring's threshold */
	int ndisagreements;
} radar_score;

void radar_score_compute(radar_score *out, const radar_config *cfg,
			 const radar_entry *e);
void radar_score_release(radar_score *s);

/* The ring a total falls in (thresholds inclusive). */
int radar_ring_for_total(const radar_config *cfg, frac total);

#endif
