#ifndef RADAR_JUDGMENT_H
#define RADAR_JUDGMENT_H
/* One entry of the judgment log: judgments/<date>-<slug>.yaml. */
#include "config.h"
#include "util/date.h"
#include "util/diag.h"
#include "util/frac.h"

typedef enum {
	VERDICT_NONE = 0,
	VERDICT_CORRECT,
	VERDICT_PARTIAL,
	VERDICT_INCORRECT
} radar_verdict;

typedef struct radar_judgment {
	char *path;
	date when;
	char *by;
	char *subject;   /* an entry id, or NULL */
	char *scenario, *information, *decision, *basis;
	int predicted_ring; /* -1 when no prediction */
	int has_confidence;
	frac confidence;
	date review_on;  /* given, or date + review.after_months */
	radar_verdict verdict;
	date outcome_date;
	char *outcome_note;
	int subject_line, subject_col;
} radar_judgment;

int radar_judgment_parse(radar_judgment **out, const radar_config *cfg,
			 const char *path, const char *buf, size_t len, diag_list *dl);
void radar_judgment_free(radar_judgment *j);

#endif
