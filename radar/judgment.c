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
		if ((j->verdict = radar_verdict_parse(s)) == VERDICT_NONE)
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
	if ((n = yt_map_get(root, "outcome")) && !yt_is_null(n)) {
		read_outcome(j, n, path, dl);
		if (j->verdict != VERDICT_NONE && j->when.year && j->outcome_date.year &&
		    date_cmp(j->outcome_date, j->when) < 0) {
			const yt_node *d = yt_map_get(n, "date");
			char a[11], b[11];
			date_format(j->outcome_date, a);
			date_format(j->when, b);
			diag_add(dl, DIAG_ERROR, path, d ? d->line : n->line, d ? d->col : n->col,
				 "outcome dated %s, before the judgment itself (%s)", a, b);
		}
	}

cleanup:
	yt_doc_free(doc);
	if (dl->errors > errors) {
		radar_judgment_free(j);
		return -1;
	}
	*out = j;
	return 0;
}

const char *radar_verdict_name(radar_verdict v)
{
	switch (v) {
	case VERDICT_CORRECT:
		return "correct";
	case VERDICT_PARTIAL:
		return "partial";
	case VERDICT_INCORRECT:
		return "incorrect";
	default:
		return "open";
	}
}

radar_verdict radar_verdict_parse(const char *s)
{
	if (!strcmp(s, "correct"))
		return VERDICT_CORRECT;
	if (!strcmp(s, "partial"))
		return VERDICT_PARTIAL;
	if (!strcmp(s, "incorrect"))
		return VERDICT_INCORRECT;
	return VERDICT_NONE;
}

static void field(strbuf *sb, const char *key, const char *value)
{
	if (!value)
		return;
	strbuf_printf(sb, "%s: ", key);
	yt_write_scalar(sb, value);
	strbuf_putc(sb, '\n');
}

char *radar_judgment_new_yaml(const radar_judgment_fields *f)
{
	strbuf sb = STRBUF_INIT;
	char d[11];

	date_format(f->when, d);
	strbuf_printf(&sb, "date: %s\n", d);
	field(&sb, "by", f->by);
	field(&sb, "subject", f->subject);
	field(&sb, "scenario", f->scenario);
	field(&sb, "information", f->information);
	field(&sb, "decision", f->decision);
	field(&sb, "basis", f->basis);
	if (f->predicted_ring)
		strbuf_printf(&sb, "prediction: {ring: %s}\n", f->predicted_ring);
	if (f->confidence)
		strbuf_printf(&sb, "confidence: %s\n", f->confidence);
	if (f->has_review_on) {
		date_format(f->review_on, d);
		strbuf_printf(&sb, "review_on: %s\n", d);
	}
	return strbuf_detach(&sb);
}

char *radar_judgment_add_outcome(const char *path, const char *buf, size_t len, date when,
				 radar_verdict verdict, const char *note, diag_list *dl)
{
	yt_doc *doc = NULL;
	const yt_node *root, *outcome;
	strbuf sb = STRBUF_INIT;
	char d[11];

	if (yt_parse(&doc, path, buf, len, dl))
		return NULL;
	root = yt_root(doc);
	if (!root || root->kind != YT_MAP) {
		diag_add(dl, DIAG_ERROR, path, 1, 1, "not a judgment (expected a mapping)");
		goto fail;
	}
	if ((outcome = yt_map_get(root, "outcome")) && !yt_is_null(outcome)) {
		diag_add(dl, DIAG_ERROR, path, outcome->line, outcome->col,
			 "already reviewed; edit the outcome by hand to change it");
		goto fail;
	}
	if (outcome) {
		diag_add(dl, DIAG_ERROR, path, outcome->line, outcome->col,
			 "an empty 'outcome:' is in the way; remove it first");
		goto fail;
	}
	date_format(when, d);
	strbuf_add(&sb, buf, len);
	if (len && buf[len - 1] != '\n')
		strbuf_putc(&sb, '\n');
	strbuf_printf(&sb, "outcome:\n  date: %s\n  verdict: %s\n", d, radar_verdict_name(verdict));
	if (note) {
		strbuf_puts(&sb, "  note: ");
		yt_write_scalar(&sb, note);
		strbuf_putc(&sb, '\n');
	}
	yt_doc_free(doc);
	return strbuf_detach(&sb);
fail:
	yt_doc_free(doc);
	return NULL;
}
