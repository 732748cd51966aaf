/*
 * Import, planning: maps a read document onto the radar's configuration
 * (adding the quadrants and rings it lacks) and writes the text of every
 * entry file, each checked by parsing it back.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "interchange-private.h"
#include "util/text.h"
#include "util/yamltree.h"

enum { MAX_QUADRANTS = 8, MAX_RINGS = 6 };

/* A quadrant or ring as the new .radar.yml will have it. */
typedef struct slot {
	char *id, *name;
	char **aliases;
	size_t naliases;
	int has_thr;
	double thr;
	frac exact; /* the threshold as written: the radar's own, or thr to two places */
	int added;
} slot;

typedef struct slots {
	slot *v;
	size_t n;
} slots;

static void slot_insert(slots *s, size_t at, const char *id, const char *name, int added)
{
	s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	memmove(&s->v[at + 1], &s->v[at], (s->n - at) * sizeof(*s->v));
	memset(&s->v[at], 0, sizeof(*s->v));
	s->v[at].id = xstrdup(id);
	s->v[at].name = xstrdup(name);
	s->v[at].added = added;
	s->n++;
}

static void slots_free(slots *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].id);
		free(s->v[i].name);
		for (size_t k = 0; k < s->v[i].naliases; k++)
			free(s->v[i].aliases[k]);
		free(s->v[i].aliases);
	}
	free(s->v);
}

static int same(const char *a, const char *b)
{
	char *sa, *sb;
	int r;
	if (!a || !b)
		return 0;
	if (!strcasecmp(a, b))
		return 1;
	sa = text_slugify(a);
	sb = text_slugify(b);
	r = *sa && !strcmp(sa, sb);
	free(sa);
	free(sb);
	return r;
}

/* The slot that `s` names (id, name or alias, loosely), or -1. */
static int slot_find(const slots *s, const char *str)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcasecmp(s->v[i].id, str) || !strcasecmp(s->v[i].name, str))
			return (int)i;
	for (size_t i = 0; i < s->n; i++) {
		if (same(s->v[i].id, str) || same(s->v[i].name, str))
			return (int)i;
		for (size_t k = 0; k < s->v[i].naliases; k++)
			if (same(s->v[i].aliases[k], str))
				return (int)i;
	}
	return -1;
}

/* A declared item of the source that `str` names, or NULL. */
static const radar_ix_named *declared(const radar_ix_named *list, size_t n, const char *str)
{
	for (size_t i = 0; i < n; i++)
		if ((list[i].id && !strcasecmp(list[i].id, str)) || !strcasecmp(list[i].name, str))
			return &list[i];
	for (size_t i = 0; i < n; i++)
		if (same(list[i].id, str) || same(list[i].name, str))
			return &list[i];
	return NULL;
}

static int slot_find_named(const slots *s, const radar_ix_named *d)
{
	int k = d->id ? slot_find(s, d->id) : -1;
	return k >= 0 ? k : slot_find(s, d->name);
}

/* An id for a new quadrant or ring: the source's, else a slug of its name. */
static char *new_id(const slots *s, const char *id, const char *name, const char *what)
{
	char *out = id && text_is_slug(id) ? xstrdup(id) : text_slugify(id ? id : name);
	if (!*out || !text_is_slug(out)) {
		free(out);
		out = xmalloc(32);
		snprintf(out, 32, "%s-%zu", what, s->n + 1);
	}
	return out;
}

static int add_slot(slots *s, size_t at, const char *id, const char *name, const char *what)
{
	char *nid = new_id(s, id, name, what);
	slot_insert(s, at, nid, name, 1);
	free(nid);
	return (int)at;
}

static void slots_from_config(slots *q, slots *r, const radar_config *cfg)
{
	for (size_t i = 0; i < cfg->nquadrants; i++)
		slot_insert(q, q->n, cfg->quadrants[i].id, cfg->quadrants[i].name, 0);
	for (size_t i = 0; i < cfg->nrings; i++) {
		slot *s;
		slot_insert(r, r->n, cfg->rings[i].id, cfg->rings[i].name, 0);
		s = &r->v[r->n - 1];
		s->has_thr = i + 1 < cfg->nrings;
		s->thr = frac_to_double(cfg->rings[i].threshold);
		s->exact = cfg->rings[i].threshold;
		for (size_t k = 0; k < cfg->rings[i].naliases; k++)
			ix_strings_add(&s->aliases, &s->naliases, cfg->rings[i].aliases[k]);
	}
}

/*
 * A radar without .radar.yml takes the source's declared quadrants (or
 * rings) instead of the defaults, each matched to a default where it can.
 */
static void take_declared(slots *s, const radar_ix_named *list, size_t n, const char *what)
{
	slots out = { NULL, 0 };
	for (size_t i = 0; i < n; i++) {
		int k = slot_find_named(s, &list[i]);
		if (k >= 0 && slot_find(&out, s->v[k].id) < 0) {
			slot_insert(&out, out.n, s->v[k].id, s->v[k].name, 0);
			out.v[out.n - 1].has_thr = s->v[k].has_thr;
			out.v[out.n - 1].thr = s->v[k].thr;
			out.v[out.n - 1].exact = s->v[k].exact;
			for (size_t a = 0; a < s->v[k].naliases; a++)
				ix_strings_add(&out.v[out.n - 1].aliases, &out.v[out.n - 1].naliases,
					       s->v[k].aliases[a]);
		} else if (k < 0) {
			add_slot(&out, out.n, list[i].id, list[i].name, what);
			out.v[out.n - 1].added = 0; /* part of the new file, not an addition */
		}
	}
	slots_free(s);
	*s = out;
}

/* Thresholds for every ring but the outermost: kept where known, else filled in between. */
static void fill_thresholds(slots *r)
{
	size_t n = r->n;
	int ok = 1;
	if (n)
		r->v[n - 1].has_thr = 0;
	for (size_t i = 0; i + 1 < n; i++) {
		long p = -1, q = -1;
		if (r->v[i].has_thr)
			continue;
		for (long k = (long)i - 1; k >= 0 && p < 0; k--)
			if (r->v[k].has_thr)
				p = k;
		for (size_t k = i + 1; k + 1 < n && q < 0; k++)
			if (r->v[k].has_thr)
				q = (long)k;
		if (p >= 0 && q >= 0)
			r->v[i].thr = r->v[p].thr - (r->v[p].thr - r->v[q].thr) * (double)((long)i - p) / (double)(q - p);
		else if (p >= 0)
			r->v[i].thr = r->v[p].thr - 0.5 * (double)((long)i - p);
		else if (q >= 0)
			r->v[i].thr = r->v[q].thr + 0.5 * (double)(q - (long)i);
		else
			r->v[i].thr = 4.0 - 0.5 * (double)i;
		r->v[i].has_thr = 2; /* made up here */
	}
	for (size_t i = 1; i + 1 < n; i++)
		if (r->v[i].thr >= r->v[i - 1].thr - 0.005)
			ok = 0;
	for (size_t i = 0; !ok && i + 1 < n; i++) {
		r->v[i].thr = 4.0 - 0.5 * (double)i;
		r->v[i].has_thr = 2;
	}
	/* A made-up threshold is written with two places; the radar's own stay exact. */
	for (size_t i = 0; i + 1 < n; i++) {
		char num[32];
		if (r->v[i].has_thr != 2)
			continue;
		snprintf(num, sizeof(num), "%.2f", r->v[i].thr);
		if (frac_parse_decimal(num, &r->v[i].exact))
			r->v[i].exact = frac_make(0, 1);
	}
}

static void write_named(strbuf *sb, const slot *s, int rings)
{
	strbuf_printf(sb, "  - {id: %s, name: ", s->id);
	yt_write_scalar(sb, s->name);
	if (rings && s->naliases) {
		strbuf_puts(sb, ", aliases: [");
		for (size_t k = 0; k < s->naliases; k++) {
			if (k)
				strbuf_puts(sb, ", ");
			yt_write_scalar(sb, s->aliases[k]);
		}
		strbuf_putc(sb, ']');
	}
	strbuf_puts(sb, "}\n");
}

/* The whole .radar.yml: every setting of `base`, with these quadrants and rings. */
static char *config_text(const radar_config *base, const char *title, const slots *q,
			 const slots *r)
{
	strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "title: ");
	yt_write_scalar(&sb, title);
	strbuf_puts(&sb, "\nquadrants:                       # 2 to 8; order = drawing order\n");
	for (size_t i = 0; i < q->n; i++)
		write_named(&sb, &q->v[i], 0);
	strbuf_puts(&sb, "rings:                           # innermost first, 2 to 6\n");
	for (size_t i = 0; i < r->n; i++)
		write_named(&sb, &r->v[i], 1);
	strbuf_printf(&sb, "scorecard:\n  scale: [%d, %d]\n  dimensions:\n", base->scale_min,
		      base->scale_max);
	for (size_t i = 0; i < base->ndimensions; i++) {
		strbuf_printf(&sb, "    - {id: %s, name: ", base->dimensions[i].id);
		yt_write_scalar(&sb, base->dimensions[i].name);
		strbuf_printf(&sb, ", weight: %d}\n", base->dimensions[i].weight);
	}
	strbuf_puts(&sb, "  thresholds: {");
	for (size_t i = 0; i + 1 < r->n; i++) {
		strbuf_printf(&sb, "%s%s: ", i ? ", " : "", r->v[i].id);
		radar_config_write_threshold(&sb, r->v[i].exact);
	}
	strbuf_puts(&sb, "}   # total >= threshold; below the last: the outermost ring\n");
	strbuf_puts(&sb, "paths: {entries: ");
	yt_write_scalar(&sb, base->entries_path);
	if (base->adr_path_set) {
		strbuf_puts(&sb, ", adr: ");
		yt_write_scalar(&sb, base->adr_path);
	}
	strbuf_puts(&sb, ", judgments: ");
	yt_write_scalar(&sb, base->judgments_path);
	strbuf_printf(&sb, "}\nreview: {after_months: %d}\n", base->review_after_months);
	if (!base->commit)
		strbuf_puts(&sb, "commit: false\n");
	if (base->adr_madr || base->nstatuses) {
		strbuf_printf(&sb, "adr: {format: %s", base->adr_madr ? "madr" : "nygard");
		if (base->nstatuses) {
			strbuf_puts(&sb, ", statuses: [");
			for (size_t i = 0; i < base->nstatuses; i++) {
				if (i)
					strbuf_puts(&sb, ", ");
				yt_write_scalar(&sb, base->statuses[i]);
			}
			strbuf_putc(&sb, ']');
		}
		strbuf_puts(&sb, "}\n");
	}
	return strbuf_detach(&sb);
}

static void note(radar_import_plan *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(radar_import_plan *p, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	p->notes = xrealloc(p->notes, (p->nnotes + 1) * sizeof(char *));
	p->notes[p->nnotes++] = strbuf_detach(&sb);
}

/* What an import does to the radar's rings and their thresholds, for the team to check. */
static void ring_notes(radar_import_plan *p, const radar_config *base, const slots *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const slot *s = &r->v[i];
		size_t k = 0;
		while (k < base->nrings && strcmp(base->rings[k].id, s->id))
			k++;
		if (s->added && i + 1 == r->n)
			note(p, "ring '%s' added to %s as the outermost ring", s->id, RADAR_CONFIG_FILE);
		else if (s->added)
			note(p, "ring '%s' added to %s with scorecard threshold %.2f; adjust it to your scorecard",
			     s->id, RADAR_CONFIG_FILE, s->thr);
		else if (k + 1 == base->nrings && i + 1 < r->n)
			note(p, "ring '%s' is no longer the outermost: given scorecard threshold %.2f in %s; "
			     "adjust it to your scorecard", s->id, s->thr, RADAR_CONFIG_FILE);
		else if (k < base->nrings && i + 1 < r->n && frac_cmp(base->rings[k].threshold, s->exact))
			note(p, "ring '%s' given scorecard threshold %.2f in %s (it had %.2f) to keep the "
			     "thresholds in order; adjust it to your scorecard", s->id, s->thr, RADAR_CONFIG_FILE,
			     frac_to_double(base->rings[k].threshold));
	}
}

/*
 * The radar's own .radar.yml with the additions written into it, keeping its
 * comments and layout; NULL, with a note, when it cannot be edited safely or
 * the edit would not read back as exactly the configuration planned.
 */
static char *edited_config(radar_import_plan *p, const radar *rd)
{
	strbuf why = STRBUF_INIT;
	diag_list edl = DIAG_LIST_INIT;
	radar_config *got = NULL;
	char *text = NULL;

	if (rd->cfg_text)
		text = ix_config_edit(rd->cfg_text, rd->cfg_len, rd->cfg, p->cfg, &why);
	else
		strbuf_puts(&why, "it is empty");
	/* However the edit went, what counts is how the file reads back. */
	if (text && (radar_config_parse(&got, RADAR_CONFIG_FILE, text, strlen(text), &edl) ||
		     !ix_config_same(got, p->cfg))) {
		strbuf_puts(&why, "the edited text would not read back as planned");
		free(text);
		text = NULL;
	}
	if (!text)
		note(p, "%s could not be edited in place (%s): written anew from its settings, "
		     "without its comments and layout", RADAR_CONFIG_FILE, strbuf_str(&why));
	radar_config_free(got);
	diag_list_free(&edl);
	strbuf_free(&why);
	return text;
}

/* The slot for an item's quadrant or ring, added when missing; -1 when too many. */
static int resolve(slots *s, const radar_ix_named *decl, size_t ndecl, const char *str,
		   int ordered, const char *what, size_t max)
{
	const radar_ix_named *d = declared(decl, ndecl, str);
	int k = d ? slot_find_named(s, d) : slot_find(s, str);
	size_t at = s->n;
	if (k >= 0)
		return k;
	if (s->n >= max)
		return -1;
	/* A ring the source declares goes after the ring that precedes it there. */
	if (d && ordered) {
		at = 0;
		for (const radar_ix_named *p = decl; p < d; p++) {
			int pk = slot_find_named(s, p);
			if (pk >= 0 && (size_t)pk + 1 > at)
				at = (size_t)pk + 1;
		}
	}
	return add_slot(s, at, d ? d->id : NULL, d ? d->name : str, what);
}

/* The item's id: its own when it is a slug, else one made from it or the name. */
static char *item_id(const radar_ix_item *it)
{
	char *id = it->id && text_is_slug(it->id) ? xstrdup(it->id) : text_slugify(it->id ? it->id : it->name);
	if (!*id) {
		free(id);
		id = xstrdup("entry");
	}
	return id;
}

static char *entry_text(const radar_ix_item *it, const char *quad, const char *ring)
{
	strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "name: ");
	yt_write_scalar(&sb, it->name);
	strbuf_printf(&sb, "\nquadrant: %s\n", quad);
	if (ring)
		strbuf_printf(&sb, "ring: %s\n", ring);
	if (it->description) {
		strbuf_puts(&sb, "description: ");
		yt_write_scalar(&sb, it->description);
		strbuf_putc(&sb, '\n');
	}
	strbuf_puts(&sb, "tags: [");
	for (size_t i = 0; i < it->ntags; i++) {
		if (i)
			strbuf_puts(&sb, ", ");
		yt_write_scalar(&sb, it->tags[i]);
	}
	strbuf_puts(&sb, "]\n");
	if (it->nlinks) {
		strbuf_puts(&sb, "links:\n");
		for (size_t i = 0; i < it->nlinks; i++) {
			strbuf_puts(&sb, "  - ");
			yt_write_scalar(&sb, it->links[i]);
			strbuf_putc(&sb, '\n');
		}
	}
	if (it->nadrs) {
		strbuf_puts(&sb, "adrs: [");
		for (size_t i = 0; i < it->nadrs; i++)
			strbuf_printf(&sb, "%s%ld", i ? ", " : "", it->adrs[i]);
		strbuf_puts(&sb, "]\n");
	}
	if (it->scores_yaml)
		strbuf_printf(&sb, "scores:\n%s", it->scores_yaml);
	else
		strbuf_puts(&sb, "scores: []\n");
	return strbuf_detach(&sb);
}

/* The quadrant and ring slot of every item (-1: no ring); -1 on an error. */
static int place_items(radar_import_plan *p, const radar_ix *ix, slots *q, slots *r, int *iq,
		       int *ir, unsigned flags, diag_list *dl)
{
	int bad = 0;
	for (size_t i = 0; i < ix->n; i++) {
		const radar_ix_item *it = &ix->items[i];
		iq[i] = resolve(q, ix->quadrants, ix->nquadrants, it->quadrant, 0, "quadrant", MAX_QUADRANTS);
		ir[i] = it->ring ? resolve(r, ix->rings, ix->nrings, it->ring, ix->nrings > 0, "ring", MAX_RINGS) : -1;
		if (iq[i] < 0 && !(flags & RADAR_IMPORT_LOSSY)) {
			diag_add(dl, DIAG_ERROR, it->path, it->line, it->col,
				 "'%s': quadrant '%s' would be a ninth quadrant; a radar holds at most 8 "
				 "(--lossy puts it in '%s')", it->name, it->quadrant, q->v[q->n - 1].id);
			bad = 1;
		} else if (iq[i] < 0) {
			note(p, "'%s': quadrant '%s' put in '%s' (a radar holds at most 8 quadrants)",
			     it->name, it->quadrant, q->v[q->n - 1].id);
			iq[i] = (int)q->n - 1;
		}
		if (it->ring && ir[i] < 0 && !(flags & RADAR_IMPORT_LOSSY)) {
			diag_add(dl, DIAG_ERROR, it->path, it->line, it->col,
				 "'%s': ring '%s' would be a seventh ring; a radar holds at most 6 "
				 "(--lossy puts it in '%s')", it->name, it->ring, r->v[r->n - 1].id);
			bad = 1;
		} else if (it->ring && ir[i] < 0) {
			note(p, "'%s': ring '%s' put in '%s' (a radar holds at most 6 rings)", it->name,
			     it->ring, r->v[r->n - 1].id);
			ir[i] = -2; /* the outermost, whichever it ends up being */
		}
	}
	return bad ? -1 : 0;
}

int radar_import_plan_make(radar_import_plan *out, const radar_ix *ix, const radar *rd,
			   unsigned flags, diag_list *dl)
{
	int fresh = !rd || !rd->cfg || !rd->cfg_found, bad = 0;
	radar_config *def = fresh ? radar_config_default() : NULL;
	const radar_config *base = fresh ? def : rd->cfg;
	slots q = { NULL, 0 }, r = { NULL, 0 };
	int *iq = xcalloc(ix->n + 1, sizeof(int)), *ir = xcalloc(ix->n + 1, sizeof(int));
	char **ids = xcalloc(ix->n + 1, sizeof(char *));
	char *text = NULL;
	diag_list cdl = DIAG_LIST_INIT;
	size_t errors0 = dl->errors;

	memset(out, 0, sizeof(*out));
	slots_from_config(&q, &r, base);
	if (fresh && ix->nquadrants >= 2 && ix->nquadrants <= MAX_QUADRANTS)
		take_declared(&q, ix->quadrants, ix->nquadrants, "quadrant");
	if (fresh && ix->nrings >= 2 && ix->nrings <= MAX_RINGS)
		take_declared(&r, ix->rings, ix->nrings, "ring");
	for (size_t i = 0; i < ix->nquadrants && q.n < MAX_QUADRANTS; i++)
		resolve(&q, ix->quadrants, ix->nquadrants, ix->quadrants[i].name, 0, "quadrant", MAX_QUADRANTS);
	for (size_t i = 0; i < ix->nrings && r.n < MAX_RINGS; i++)
		resolve(&r, ix->rings, ix->nrings, ix->rings[i].name, 1, "ring", MAX_RINGS);
	if (place_items(out, ix, &q, &r, iq, ir, flags, dl))
		goto done;
	fill_thresholds(&r);
	text = config_text(base, fresh && ix->title ? ix->title : base->title, &q, &r);
	if (radar_config_parse(&out->cfg, RADAR_CONFIG_FILE, text, strlen(text), &cdl)) {
		for (size_t i = 0; i < cdl.n; i++)
			diag_add(dl, DIAG_ERROR, RADAR_CONFIG_FILE, 0, 0, "the configuration after the import: %s",
				 cdl.items[i].message);
		goto done;
	}
	for (size_t i = 0; i < q.n; i++)
		if (q.v[i].added)
			ix_strings_add(&out->added_quadrants, &out->nadded_quadrants, q.v[i].id);
	for (size_t i = 0; i < r.n; i++)
		if (r.v[i].added)
			ix_strings_add(&out->added_rings, &out->nadded_rings, r.v[i].id);
	if (!fresh)
		ring_notes(out, base, &r);
	/* A radar's own file is edited in place; a new one is written whole. */
	if (!fresh && (out->nadded_quadrants || out->nadded_rings))
		out->config_yaml = edited_config(out, rd);
	if (!out->config_yaml && (fresh || out->nadded_quadrants || out->nadded_rings)) {
		out->config_yaml = text;
		text = NULL;
	}
	out->entries = xcalloc(ix->n + 1, sizeof(*out->entries));
	for (size_t i = 0; i < ix->n; i++) {
		const radar_ix_item *it = &ix->items[i];
		char *id = item_id(it);
		size_t dup = ix->n;
		radar_import_entry *e;
		radar_entry *check = NULL;
		diag_list edl = DIAG_LIST_INIT;
		const radar_entry *old = NULL;
		int ring = ir[i] == -2 ? (int)r.n - 1 : ir[i];
		strbuf path = STRBUF_INIT;

		for (size_t k = 0; k < out->nentries && dup == ix->n; k++)
			if (ids[k] && !strcasecmp(ix->items[k].name, it->name))
				dup = k;
		/* Another name with the same slug ("C" and "C++") gets a number. */
		for (int n = 2; dup == ix->n; n++) {
			int taken = 0;
			for (size_t k = 0; k < out->nentries; k++)
				taken |= ids[k] && !strcmp(ids[k], id);
			if (!taken)
				break;
			free(id);
			id = item_id(it);
			id = xrealloc(id, strlen(id) + 16);
			sprintf(id + strlen(id), "-%d", n);
		}
		if (dup < ix->n) {
			const radar_ix_item *first = &ix->items[dup];
			if (!(flags & RADAR_IMPORT_LOSSY)) {
				if (!strcmp(first->path, it->path))
					diag_add(dl, DIAG_ERROR, it->path, it->line, it->col,
						 "'%s' is here twice (first at line %d); --lossy keeps the first",
						 it->name, first->line);
				else
					diag_add(dl, DIAG_ERROR, it->path, it->line, it->col,
						 "'%s' is here twice (first in %s); --lossy keeps the first",
						 it->name, first->path);
				bad = 1;
			} else {
				note(out, "'%s' at line %d of %s left out: the same name is at line %d",
				     it->name, it->line, it->path, first->line);
			}
			free(id);
			ids[out->nentries] = NULL;
			memset(&out->entries[out->nentries++], 0, sizeof(radar_import_entry));
			continue;
		}
		if (rd && ((old = radar_find(rd, id)) || (old = radar_find(rd, it->name)) ||
			   radar_is_broken(rd, id))) {
			if (old && strcmp(old->id, id)) {
				free(id);
				id = xstrdup(old->id);
			}
			if (!(flags & RADAR_IMPORT_REPLACE)) {
				diag_add(dl, DIAG_ERROR, it->path, it->line, it->col,
					 "'%s' is already on the radar (%s/%s.yaml); --replace overwrites it",
					 it->name, out->cfg->entries_path, id);
				bad = 1;
			}
		}
		strbuf_printf(&path, "%s/%s.yaml", out->cfg->entries_path, id);
		e = &out->entries[out->nentries];
		ids[out->nentries++] = id;
		e->id = xstrdup(id);
		e->path = strbuf_detach(&path);
		e->exists = old != NULL || (rd && radar_is_broken(rd, id));
		e->yaml = entry_text(it, out->cfg->quadrants[iq[i]].id,
				     ring >= 0 ? out->cfg->rings[ring].id : NULL);
		if (radar_entry_parse(&check, out->cfg, e->id, e->path, e->yaml, strlen(e->yaml), &edl)) {
			for (size_t k = 0; k < edl.n; k++)
				if (edl.items[k].severity == DIAG_ERROR)
					diag_add(dl, DIAG_ERROR, it->path, it->line, it->col, "'%s': %s", it->name,
						 edl.items[k].message);
			bad = 1;
		}
		radar_entry_free(check);
		diag_list_free(&edl);
	}
done:
	if (bad || dl->errors > errors0) {
		radar_import_plan_release(out);
		bad = 1;
	}
	for (size_t i = 0; i < ix->n; i++)
		free(ids[i]);
	free(ids);
	free(iq);
	free(ir);
	free(text);
	diag_list_free(&cdl);
	slots_free(&q);
	slots_free(&r);
	radar_config_free(def);
	return bad ? -1 : 0;
}

void radar_import_plan_release(radar_import_plan *p)
{
	radar_config_free(p->cfg);
	free(p->config_yaml);
	for (size_t i = 0; i < p->nadded_quadrants; i++)
		free(p->added_quadrants[i]);
	free(p->added_quadrants);
	for (size_t i = 0; i < p->nadded_rings; i++)
		free(p->added_rings[i]);
	free(p->added_rings);
	for (size_t i = 0; i < p->nentries; i++) {
		free(p->entries[i].id);
		free(p->entries[i].path);
		free(p->entries[i].yaml);
	}
	free(p->entries);
	for (size_t i = 0; i < p->nnotes; i++)
		free(p->notes[i]);
	free(p->notes);
	memset(p, 0, sizeof(*p));
}
