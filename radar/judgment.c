#include "judgment.h"

#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/yamltree.h"

static const char *const judgment_keys[] = { "date", "by", "subject", "scenario", "information",
					     "decision", "basis", "prediction", "confidence",
					     "review_on", "outcome", NULL };
static const char *const outcome_keys[] = { "date", "verdict", "note", NULL };
static const char *const prediction_keys[] = { "ring", NULL };

void radar_judgment_free(radar_judgment *j)
{
	if (!j)
		return;
	free(j->path);
	free(j->by);
	free(j->subject);
	free(j->scenario);
	free(j->information);
	free(j->decision);
	free(j->basis);
	free(j->outcome_note);
	free(j);
}

static void read_text(const yt_node *root, const char *key, char **dst, const char *path,
		      diag_list *dl)
{
	const yt_node *n = yt_map_get(root, key);
	const char *s;
	if (!n || yt_is_null(n))
		return;
	if ((s = yt_want_string(n, path, key, dl)))
		*dst = xstrdup(s);
}

static void read_outcome(radar_judgment *j, const yt_node *o, const char *path, diag_list *dl)
{
	const yt_node *n;
	const char *s;

	if (yt_want_kind(o, YT_MAP, path, "outcome", dl))
		return;
	yt_warn_unknown_keys(o, outcome_keys, path, "outcome", dl);
	if (!(n = yt_map_get(o, "verdict"))) {
		diag_add(dl, DIAG_ERROR, path, o->line, o->col,
			 "outcome has no 'verdict' (correct, partial or incorrect)");
	} else if ((s = yt_want_string(n, path, "verdict", dl))) {
		if (!strcmp(s, "correct"))
			j->verdict = VERDICT_CORRECT;
		else if (!strcmp(s, "partial"))
			j->verdict = VERDICT_PARTIAL;
		else if (!strcmp(s, "incorrect"))
			j->verdict = VERDICT_INCORRECT;
		else
			diag_add(dl, DIAG_ERROR, path, n->line, n->col,
				 "verdict '%s' must be correct, partial or incorrect", s);
	}
	if (!(n = yt_map_get(o, "date")))
		diag_add(dl, DIAG_ERROR, path, o->line, o->col, "outcome has no 'date'");
	else
		radar_date_node(n, path, "outcome date", &j->outcome_date, dl);
	read_text(o, "note", &j->outcome_note, path, dl);
}

int radar_judgment_parse(radar_judgment **out, const radar_config *cfg,
			 const char *path, const char *buf, size_t len, diag_list *dl)
{
	size_t errors = dl->errors;
	radar_judgment *j = xcalloc(1, sizeof(*j));
	yt_doc *doc = NULL;
	const yt_node *root, *n;
	int has_review_on = 0;

	*out = NULL;
	j->path = xstrdup(path);
	j->predicted_ring = -1;
	if (yt_parse(&doc, path, buf, len, dl))
		goto cleanup;
	root = yt_root(doc);
	if (!root || yt_is_null(root)) {
		diag_add(dl, DIAG_ERROR, path, 1, 1, "empty judgment: 'date' and 'decision' are required");
		goto cleanup;
	}
	if (yt_want_kind(root, YT_MAP, path, "a judgment", dl))
		goto cleanup;
	yt_warn_unknown_keys(root, judgment_keys, path, "a judgment", dl);

	if (!(n = yt_map_get(root, "date")))
		diag_add(dl, DIAG_ERROR, path, root->line, root->col, "missing required field 'date'");
	else
		radar_date_node(n, path, "date", &j->when, dl);
	if (!yt_map_get(root, "decision"))
		diag_add(dl, DIAG_ERROR, path, root->line, root->col, "missing required field 'decision'");
	read_text(root, "by", &j->by, path, dl);
	read_text(root, "subject", &j->subject, path, dl);
	if ((n = yt_map_get(root, "subject"))) {
		j->subject_line = n->line;
		j->subject_col = n->col;
	}
	read_text(root, "scenario", &j->scenario, path, dl);
	read_text(root, "information", &j->information, path, dl);
	read_text(root, "decision", &j->decision, path, dl);
	read_text(root, "basis", &j->basis, path, dl);
	if ((n = yt_map_get(root, "prediction")) && !yt_is_null(n) &&
	    !yt_want_kind(n, YT_MAP, path, "prediction", dl)) {
		const yt_node *r = yt_map_get(n, "ring");
		const char *s;
		yt_warn_unknown_keys(n, prediction_keys, path, "prediction", dl);
		if (r && (s = yt_want_string(r, path, "predicted ring", dl))) {
			j->predicted_ring = radar_config_find_ring(cfg, s);
			if (j->predicted_ring < 0) {
				char *list = radar_config_ring_list(cfg);
				diag_add(dl, DIAG_ERROR, path, r->line, r->col,
					 "unknown ring '%s' (rings: %s)", s, list);
				free(list);
			}
		}
	}
	if ((n = yt_map_get(root, "confidence")) && !yt_is_null(n)) {
		const char *s = yt_want_string(n, path, "confidence", dl);
		if (s && (frac_parse_decimal(s, &j->confidence) ||
			  j->confidence.num < 0 || j->confidence.num > j->confidence.den))
			diag_add(dl, DIAG_ERROR, path, n->line, n->col,
				 "confidence '%s' must be a probability from 0 to 1", s);
		else if (s)
			j->has_confidence = 1;
	}
	if ((n = yt_map_get(root, "review_on")) && !yt_is_null(n))
		has_review_on = !radar_date_node(n, path, "review_on", &j->review_on, dl);
	if (!has_review_on && j->when.year)
		j->review_on = date_add_months(j->when, cfg->review_after_months);
	if ((n = yt_map_get(root, "outcome")) && !yt_is_null(n))
		read_outcome(j, n, path, dl);

cleanup:
	yt_doc_free(doc);
	if (dl->errors > errors) {
		radar_judgment_free(j);
		return -1;
	}
	*out = j;
	return 0;
}
