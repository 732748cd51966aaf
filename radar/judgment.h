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

typedef struct radar_judgment_fields {
	date when;
	const char *by, *subject, *scenario, *information, *decision, *basis;
	const char *predicted_ring; /* a ring id, or NULL */
	const char *confidence;     /* as given ("0.8"), or NULL */
	int has_review_on;
	date review_on;
} radar_judgment_fields;

/* The text of a new judgment file. */
char *radar_judgment_new_yaml(const radar_judgment_fields *f);

/*
 * Adds an `outcome:` block to a judgment file's text, keeping the rest as it
 * was. NULL with a diagnostic when the file does not parse or already has one.
 */
char *radar_judgment_add_outcome(const char *path, const char *buf, size_t len, date when,
				 radar_verdict verdict, const char *note, diag_list *dl);

const char *radar_verdict_name(radar_verdict v);
/* VERDICT_NONE for anything but correct, partial, incorrect. */
radar_verdict radar_verdict_parse(const char *s);

#endif
