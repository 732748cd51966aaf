/*
 * Export: a loaded radar in BYOR CSV or JSON, Zalando's entries JSON,
 * Backstage's TechRadarLoaderResponse, AOE release folders or our JSON.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interchange-private.h"
#include "scorecard.h"
#include "util/yamltree.h"

/* How the radar's quadrants and rings map onto what a format holds. */
typedef struct view {
	int *quad;   /* per config quadrant: the output quadrant */
	int *ring;   /* per config ring: the output ring */
	int *place;  /* per entry: the config ring of its placement; -1 none */
	int *skip;   /* per entry: left out (lossy, no ring) */
	size_t nq, nr;
} view;

static void view_free(view *v)
{
	free(v->quad);
	free(v->ring);
	free(v->place);
	free(v->skip);
}

static void add_note(char ***notes, size_t *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add_note(char ***notes, size_t *n, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	*notes = xrealloc(*notes, (*n + 1) * sizeof(char *));
	(*notes)[(*n)++] = strbuf_detach(&sb);
}

static const char *const ordinal[] = { "first", "second", "third", "fourth", "fifth", "sixth",
				       "seventh", "eighth", "ninth" };

/* Folds what does not fit (quadrants past maxq, rings past maxr) or refuses it. */
static int view_make(view *v, const radar_export_input *in, radar_format f, size_t maxq,
		     size_t maxr, int need_ring, int lossy, char ***notes, size_t *nnotes,
		     strbuf *err)
{
	const radar *rd = in->rd;
	const radar_config *cfg = rd->cfg;
	const char *fmt = radar_format_name(f);

	memset(v, 0, sizeof(*v));
	v->quad = xcalloc(cfg->nquadrants + 1, sizeof(int));
	v->ring = xcalloc(cfg->nrings + 1, sizeof(int));
	v->place = xcalloc(rd->nentries + 1, sizeof(int));
	v->skip = xcalloc(rd->nentries + 1, sizeof(int));
	v->nq = cfg->nquadrants < maxq ? cfg->nquadrants : maxq;
	v->nr = cfg->nrings < maxr ? cfg->nrings : maxr;
	for (size_t i = 0; i < cfg->nquadrants; i++)
		v->quad[i] = i < maxq ? (int)i : (int)maxq - 1;
	for (size_t i = 0; i < cfg->nrings; i++)
		v->ring[i] = i < maxr ? (int)i : (int)maxr - 1;
	for (size_t i = 0; i < rd->nentries; i++) {
		radar_score s;
		radar_score_compute(&s, cfg, rd->entries[i]);
		v->place[i] = s.placement;
		radar_score_release(&s);
	}
	for (int pass = 0; pass < 2; pass++) {
		size_t n = pass ? cfg->nrings : cfg->nquadrants, max = pass ? maxr : maxq;
		const char *what = pass ? "ring" : "quadrant";
		for (size_t k = max; k < n; k++) {
			const radar_entry *first = NULL;
			const char *id = pass ? cfg->rings[k].id : cfg->quadrants[k].id;
			const char *into = pass ? cfg->rings[max - 1].id : cfg->quadrants[max - 1].id;
			size_t count = 0;
			for (size_t i = 0; i < rd->nentries; i++)
				if (pass ? v->place[i] == (int)k : rd->entries[i]->quadrant == (int)k) {
					first = first ? first : rd->entries[i];
					count++;
				}
			if (!lossy) {
				if (first)
					strbuf_printf(err, "%s holds %zu %ss: '%s' (%s) is in %s '%s', the %s; "
						      "--lossy puts it in '%s'",
						      fmt, max, what, first->name, first->path, what, id,
						      k < 9 ? ordinal[k] : "next", into);
				else
					strbuf_printf(err, "%s holds %zu %ss: %s '%s' is the %s; --lossy puts it in '%s'",
						      fmt, max, what, what, id, k < 9 ? ordinal[k] : "next", into);
				return -1;
			}
			add_note(notes, nnotes, "%s '%s' (%zu entr%s) folded into '%s': %s holds %zu %ss",
				 what, id, count, count == 1 ? "y" : "ies", into, fmt, max, what);
		}
	}
	for (size_t i = 0; need_ring && i < rd->nentries; i++) {
		const radar_entry *e = rd->entries[i];
		if (v->place[i] >= 0)
			continue;
		if (!lossy) {
			strbuf_printf(err, "'%s' (%s) has no ring (none declared, not scored) and %s "
				      "needs one; --lossy leaves it out", e->name, e->path, fmt);
			return -1;
		}
		v->skip[i] = 1;
		add_note(notes, nnotes, "'%s' left out: it has no ring (none declared, not scored)", e->name);
	}
	return 0;
}

/* The name of output quadrant k: the config's, or the folded ones' names joined. */
static const char *quad_name(const radar_config *cfg, size_t k)
{
	return cfg->quadrants[k].name;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static void csv_field(strbuf *sb, const char *s)
{
	if (!strpbrk(s, ",\"\r\n") && s[0] != ' ' && (!*s || s[strlen(s) - 1] != ' ')) {
		strbuf_puts(sb, s);
		return;
	}
	strbuf_putc(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_putc(sb, '"');
		strbuf_putc(sb, *s);
	}
	strbuf_putc(sb, '"');
}

static int moved_of(const radar_export_input *in, size_t i)
{
	return in->moved ? in->moved[i] : RADAR_MOVED_NONE;
}

static void byor(strbuf *out, const radar_export_input *in, const view *v, int csv)
{
	const radar *rd = in->rd;
	json_t *arr = json_array();
	if (csv)
		strbuf_puts(out, "name,ring,quadrant,isNew,description\n");
	for (size_t i = 0; i < rd->nentries; i++) {
		const radar_entry *e = rd->entries[i];
		const char *ring, *quad, *isnew = moved_of(in, i) == RADAR_MOVED_NEW ? "TRUE" : "FALSE";
		if (v->skip[i])
			continue;
		ring = rd->cfg->rings[v->ring[v->place[i]]].name;
		quad = quad_name(rd->cfg, (size_t)v->quad[e->quadrant]);
		if (csv) {
			csv_field(out, e->name);
			strbuf_putc(out, ',');
			csv_field(out, ring);
			strbuf_putc(out, ',');
			csv_field(out, quad);
			strbuf_printf(out, ",%s,", isnew);
			csv_field(out, e->description ? e->description : "");
			strbuf_putc(out, '\n');
		} else {
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", e->name,
							     "ring", ring, "quadrant", quad, "isNew", isnew,
							     "description", e->description ? e->description : ""));
		}
	}
	if (!csv) {
		char *s = json_dumps(arr, JSON_INDENT(2));
		strbuf_puts(out, s);
		strbuf_putc(out, '\n');
		free(s);
	}
	json_decref(arr);
}

static void dump(strbuf *out, json_t *v)
{
	char *s = json_dumps(v, JSON_INDENT(2));
	strbuf_puts(out, s);
	strbuf_putc(out, '\n');
	free(s);
	json_decref(v);
}

static json_t *named_list(const radar_config *cfg, size_t n, int rings, int with_id)
{
	static const char *const colors[] = { "#5ba300", "#009eb0", "#c7ba00", "#e09b96", "#8a8a8a", "#b0b0b0" };
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		if (with_id)
			json_object_set_new(o, "id", json_string(rings ? cfg->rings[i].id : cfg->quadrants[i].id));
		json_object_set_new(o, "name", json_string(rings ? cfg->rings[i].name : cfg->quadrants[i].name));
		if (rings)
			json_object_set_new(o, "color", json_string(colors[i % 6]));
		json_array_append_new(a, o);
	}
	return a;
}

static void zalando(strbuf *out, const radar_export_input *in, const view *v)
{
	const radar *rd = in->rd;
	json_t *root = json_object(), *entries = json_array();
	char stamp[8];
	memcpy(stamp, in->today, 7);
	stamp[4] = '.';
	stamp[7] = '\0';
	json_object_set_new(root, "date", json_string(stamp));
	json_object_set_new(root, "quadrants", named_list(rd->cfg, v->nq, 0, 0));
	json_object_set_new(root, "rings", named_list(rd->cfg, v->nr, 1, 0));
	for (size_t i = 0; i < rd->nentries; i++) {
		const radar_entry *e = rd->entries[i];
		json_t *o;
		if (v->skip[i])
			continue;
		o = json_pack("{s:i, s:i, s:s}", "quadrant", v->quad[e->quadrant], "ring",
			      v->ring[v->place[i]], "label", e->name);
		if (e->nlinks)
			json_object_set_new(o, "link", json_string(e->links[0]));
		json_object_set_new(o, "active", json_true());
		json_object_set_new(o, "moved", json_integer(moved_of(in, i)));
		json_array_append_new(entries, o);
	}
	json_object_set_new(root, "entries", entries);
	dump(out, root);
}

static void backstage(strbuf *out, const radar_export_input *in, const view *v)
{
	const radar *rd = in->rd;
	const radar_config *cfg = rd->cfg;
	json_t *root = json_object(), *entries = json_array();

	json_object_set_new(root, "quadrants", named_list(cfg, v->nq, 0, 1));
	json_object_set_new(root, "rings", named_list(cfg, v->nr, 1, 1));
	for (size_t i = 0; i < rd->nentries; i++) {
		const radar_entry *e = rd->entries[i];
		json_t *o, *links = json_array(), *tl = json_array();
		size_t nt = in->timeline ? in->ntimeline[i] : 0;
		if (v->skip[i]) {
			json_decref(links);
			json_decref(tl);
			continue;
		}
		for (size_t k = 0; k < e->nlinks; k++)
			json_array_append_new(links, json_pack("{s:s, s:s}", "url", e->links[k], "title", e->links[k]));
		for (size_t k = 0; k < nt; k++) {
			const radar_export_event *ev = &in->timeline[i][k];
			char iso[32];
			json_t *t;
			if (ev->ring < 0 || (size_t)ev->ring >= cfg->nrings)
				continue;
			snprintf(iso, sizeof(iso), "%sT00:00:00.000Z", ev->date);
			t = json_pack("{s:i, s:s, s:s}", "moved", ev->moved, "ringId",
				      cfg->rings[v->ring[ev->ring]].id, "date", iso);
			if (ev->note)
				json_object_set_new(t, "description", json_string(ev->note));
			json_array_append_new(tl, t);
		}
		/* The current placement leads the timeline, whatever history says. */
		if (!json_array_size(tl) ||
		    strcmp(json_string_value(json_object_get(json_array_get(tl, 0), "ringId")),
			   cfg->rings[v->ring[v->place[i]]].id)) {
			char iso[32];
			snprintf(iso, sizeof(iso), "%sT00:00:00.000Z", in->today);
			json_array_insert_new(tl, 0, json_pack("{s:i, s:s, s:s}", "moved", moved_of(in, i) == RADAR_MOVED_NEW ? 0 : moved_of(in, i),
							       "ringId", cfg->rings[v->ring[v->place[i]]].id, "date", iso));
		}
		o = json_pack("{s:s, s:s, s:s, s:s}", "key", e->id, "id", e->id, "title", e->name,
			      "quadrant", cfg->quadrants[v->quad[e->quadrant]].id);
		if (e->description)
			json_object_set_new(o, "description", json_string(e->description));
		json_object_set_new(o, "links", links);
		json_object_set_new(o, "timeline", tl);
		json_array_append_new(entries, o);
	}
	json_object_set_new(root, "entries", entries);
	dump(out, root);
}

static json_t *strings(char **v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static const char *const moved_names[] = { "moved_out", "none", "moved_in", "new" };

static void ours(strbuf *out, const radar_export_input *in)
{
	const radar *rd = in->rd;
	const radar_config *cfg = rd->cfg;
	json_t *root = json_object(), *q = json_array(), *r = json_array(), *entries = json_array();

	json_object_set_new(root, "format", json_string("radar-export"));
	json_object_set_new(root, "version", json_integer(1));
	json_object_set_new(root, "title", str_or_null(cfg->title));
	json_object_set_new(root, "date", json_string(in->today));
	for (size_t i = 0; i < cfg->nquadrants; i++)
		json_array_append_new(q, json_pack("{s:s, s:s}", "id", cfg->quadrants[i].id, "name",
						   cfg->quadrants[i].name));
	for (size_t i = 0; i < cfg->nrings; i++)
		json_array_append_new(r, json_pack("{s:s, s:s, s:o}", "id", cfg->rings[i].id, "name",
						   cfg->rings[i].name, "aliases",
						   strings(cfg->rings[i].aliases, cfg->rings[i].naliases)));
	json_object_set_new(root, "quadrants", q);
	json_object_set_new(root, "rings", r);
	for (size_t i = 0; i < rd->nentries; i++) {
		const radar_entry *e = rd->entries[i];
		radar_score s;
		json_t *o, *adrs = json_array(), *scores = json_array();

		radar_score_compute(&s, cfg, e);
		for (size_t k = 0; k < e->nadrs; k++)
			json_array_append_new(adrs, json_integer(e->adrs[k]));
		for (size_t k = 0; k < e->nratings; k++) {
			const radar_rating *rt = &e->ratings[k];
			char d[11];
			json_t *b = json_object();
			date_format(rt->when, d);
			json_object_set_new(b, "date", json_string(d));
			json_object_set_new(b, "by", str_or_null(rt->by));
			for (size_t dim = 0; dim < cfg->ndimensions; dim++) {
				if (rt->half[dim] < 0)
					continue;
				json_object_set_new(b, cfg->dimensions[dim].id,
						    rt->half[dim] % 2 ? json_real(rt->half[dim] / 2.0)
								      : json_integer(rt->half[dim] / 2));
			}
			if (rt->note)
				json_object_set_new(b, "note", json_string(rt->note));
			json_array_append_new(scores, b);
		}
		o = json_object();
		json_object_set_new(o, "id", json_string(e->id));
		json_object_set_new(o, "name", json_string(e->name));
		json_object_set_new(o, "quadrant", json_string(cfg->quadrants[e->quadrant].id));
		json_object_set_new(o, "ring", s.placement >= 0 ? json_string(cfg->rings[s.placement].id) : json_null());
		json_object_set_new(o, "declared_ring", e->ring >= 0 ? json_string(cfg->rings[e->ring].id) : json_null());
		json_object_set_new(o, "description", str_or_null(e->description));
		json_object_set_new(o, "tags", strings(e->tags, e->ntags));
		json_object_set_new(o, "links", strings(e->links, e->nlinks));
		json_object_set_new(o, "adrs", adrs);
		json_object_set_new(o, "scores", scores);
		json_object_set_new(o, "is_new", json_boolean(moved_of(in, i) == RADAR_MOVED_NEW));
		json_object_set_new(o, "moved", json_string(moved_names[moved_of(in, i) + 1]));
		json_array_append_new(entries, o);
		radar_score_release(&s);
	}
	json_object_set_new(root, "entries", entries);
	dump(out, root);
}

/* ---- AOE: a release folder per edition, each holding what changed in it ---- */

static const radar_entry *find_id(const radar *rd, const char *id)
{
	for (size_t i = 0; rd && i < rd->nentries; i++)
		if (!strcmp(rd->entries[i]->id, id))
			return rd->entries[i];
	return NULL;
}

static int same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static int same_tags(const radar_entry *a, const radar_entry *b)
{
	if (a->ntags != b->ntags)
		return 0;
	for (size_t i = 0; i < a->ntags; i++)
		if (strcmp(a->tags[i], b->tags[i]))
			return 0;
	return 1;
}

static void add_file(radar_export_file **files, size_t *n, char *path, char *data)
{
	*files = xrealloc(*files, (*n + 1) * sizeof(**files));
	(*files)[*n].path = path;
	(*files)[(*n)++].data = data;
}

/* The ring id a release's entry has, as the current radar folds it. */
static const char *aoe_ring(const radar *cur, const view *v, const radar *rel, const radar_entry *e)
{
	radar_score s;
	const char *id = NULL;
	int k;
	radar_score_compute(&s, rel->cfg, e);
	if (s.placement >= 0) {
		id = rel->cfg->rings[s.placement].id;
		k = radar_config_find_ring(cur->cfg, id);
		if (k >= 0)
			id = cur->cfg->rings[v->ring[k]].id;
	}
	radar_score_release(&s);
	return id;
}

static const char *aoe_quadrant(const radar *cur, const view *v, const radar *rel, const radar_entry *e)
{
	const char *id = rel->cfg->quadrants[e->quadrant].id;
	int k = radar_config_find_quadrant(cur->cfg, id);
	return k >= 0 ? cur->cfg->quadrants[v->quad[k]].id : id;
}

static void aoe(radar_export_file **files, size_t *nfiles, const radar_export_input *in, const view *v)
{
	const radar *cur = in->rd;
	json_t *cfgj = json_object(), *q = json_array(), *r = json_array();
	radar_export_release only = { { 0 }, cur };
	const radar_export_release *rel = in->releases;
	size_t nrel = in->nreleases;

	if (!nrel) {
		memcpy(only.date, in->today, 11);
		rel = &only;
		nrel = 1;
	}
	for (size_t i = 0; i < v->nq; i++)
		json_array_append_new(q, json_pack("{s:s, s:s}", "id", cur->cfg->quadrants[i].id, "title",
						   cur->cfg->quadrants[i].name));
	for (size_t i = 0; i < v->nr; i++)
		json_array_append_new(r, json_pack("{s:s, s:s}", "id", cur->cfg->rings[i].id, "title",
						   cur->cfg->rings[i].name));
	json_object_set_new(cfgj, "quadrants", q);
	json_object_set_new(cfgj, "rings", r);
	{
		strbuf sb = STRBUF_INIT;
		dump(&sb, cfgj);
		add_file(files, nfiles, xstrdup("config.json"), strbuf_detach(&sb));
	}
	for (size_t j = 0; j < nrel; j++) {
		const radar *rd = rel[j].rd, *prev = j ? rel[j - 1].rd : NULL;
		for (size_t i = 0; i < rd->nentries; i++) {
			const radar_entry *e = rd->entries[i], *p = find_id(prev, e->id);
			const char *ring = aoe_ring(cur, v, rd, e);
			const char *quad = aoe_quadrant(cur, v, rd, e);
			int new_text;
			strbuf sb = STRBUF_INIT, path = STRBUF_INIT;

			if (!ring)
				continue; /* AOE draws every item in a ring */
			if (rd == cur && v->skip[i])
				continue;
			new_text = !p || !same_text(p->description, e->description);
			if (p && !new_text && !strcmp(p->name, e->name) && same_tags(p, e) &&
			    same_text(aoe_ring(cur, v, prev, p), ring) &&
			    !strcmp(aoe_quadrant(cur, v, prev, p), quad))
				continue;
			strbuf_puts(&sb, "---\ntitle: ");
			yt_write_scalar(&sb, e->name);
			strbuf_printf(&sb, "\nring: %s\nquadrant: %s\n", ring, quad);
			if (e->ntags) {
				strbuf_puts(&sb, "tags: [");
				for (size_t k = 0; k < e->ntags; k++) {
					if (k)
						strbuf_puts(&sb, ", ");
					yt_write_scalar(&sb, e->tags[k]);
				}
				strbuf_puts(&sb, "]\n");
			}
			strbuf_puts(&sb, "---\n");
			if (new_text && e->description)
				strbuf_printf(&sb, "\n%s\n", e->description);
			strbuf_printf(&path, "radar/%s/%s.md", rel[j].date, e->id);
			add_file(files, nfiles, strbuf_detach(&path), strbuf_detach(&sb));
		}
	}
}

void radar_export_files_free(radar_export_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(files[i].path);
		free(files[i].data);
	}
	free(files);
}

int radar_export(strbuf *out, radar_export_file **files, size_t *nfiles, radar_format f,
		 const radar_export_input *in, int lossy, char ***notes, size_t *nnotes,
		 strbuf *err)
{
	static const size_t maxq[] = { 4, 4, 4, 4, 4, 8 }, maxr[] = { 4, 4, 4, 6, 6, 6 };
	view v;
	int rc = -1;

	*files = NULL;
	*nfiles = 0;
	if (view_make(&v, in, f, maxq[f], maxr[f], f != RADAR_FMT_JSON, lossy, notes, nnotes, err))
		goto done;
	switch (f) {
	case RADAR_FMT_BYOR_CSV:
	case RADAR_FMT_BYOR_JSON:
		byor(out, in, &v, f == RADAR_FMT_BYOR_CSV);
		break;
	case RADAR_FMT_ZALANDO_JSON:
		zalando(out, in, &v);
		break;
	case RADAR_FMT_BACKSTAGE_JSON:
		backstage(out, in, &v);
		break;
	case RADAR_FMT_AOE:
		aoe(files, nfiles, in, &v);
		break;
	case RADAR_FMT_JSON:
		ours(out, in);
		break;
	}
	rc = 0;
done:
	view_free(&v);
	return rc;
}
