/*
 * Entries through history. Two passes:
 *
 * 1. repo_walk_folder reports, step by step along the first-parent line,
 *    which files of the entries folder changed (blob ids, no content).
 *    Each change is given an entry number: renames (a file deleted and one
 *    added in the same step with the same `name:`) keep the number, and an
 *    id added again after a removal gets its old number back. Only the
 *    rename candidates are parsed here.
 * 2. The changes of the wanted entries (all, or one and its former ids) are
 *    replayed in order; each file version is parsed once (cached by blob id)
 *    and compared with that entry's previous state to make the events.
 */
#include "history.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "entry.h"
#include "scorecard.h"
#include "util/strbuf.h"

const char *radar_hist_kind_name(radar_hist_kind k)
{
	static const char *const names[] = { "added", "removed", "renamed", "moved", "rescored" };
	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

const char *radar_retro_outcome_name(radar_retro_outcome o)
{
	static const char *const names[] = { "held", "moved_in", "moved_out", "removed",
					     "not_yet_due" };
	return (unsigned)o < sizeof(names) / sizeof(names[0]) ? names[o] : "?";
}

static long long floor_div(long long a, long long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

date radar_day_of(long long time, int offset)
{
	return date_from_days((long)floor_div(time + (long long)offset * 60, 86400));
}

void radar_format_time(long long time, int offset, char buf[26])
{
	long long local = time + (long long)offset * 60, secs = local - floor_div(local, 86400) * 86400;
	unsigned off = (unsigned)(offset < 0 ? -offset : offset) % 6000;
	unsigned hh = (unsigned)(secs / 3600) % 24, mm = (unsigned)(secs / 60 % 60) % 60,
		 ss = (unsigned)(secs % 60) % 60;
	char day[11];

	date_format(radar_day_of(time, offset), day);
	snprintf(buf, 26, "%.10sT%02u:%02u:%02u%c%02u:%02u", day, hh, mm, ss,
		 offset < 0 ? '-' : '+', off / 60 % 100, off % 60);
}

/* ---- small hash maps ------------------------------------------------------ */

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* string -> size_t, open addressing; a value of SIZE_MAX is "absent". */
typedef struct smap {
	char **keys;
	size_t *vals;
	size_t cap, n;
} smap;

static void smap_free(smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

static size_t smap_slot(const smap *m, const char *k)
{
	size_t i = hash_str(k) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], k))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static size_t smap_get(const smap *m, const char *k)
{
	size_t i;
	if (!m->cap)
		return SIZE_MAX;
	i = smap_slot(m, k);
	return m->keys[i] ? m->vals[i] : SIZE_MAX;
}

static void smap_set(smap *m, const char *k, size_t v)
{
	size_t i;
	if ((m->n + 1) * 2 > m->cap) {
		smap old = *m;
		m->cap = old.cap ? old.cap * 2 : 64;
		m->keys = xcalloc(m->cap, sizeof(char *));
		m->vals = xcalloc(m->cap, sizeof(size_t));
		m->n = 0;
		for (size_t j = 0; j < old.cap; j++)
			if (old.keys[j]) {
				size_t s = smap_slot(m, old.keys[j]);
				m->keys[s] = old.keys[j];
				m->vals[s] = old.vals[j];
				m->n++;
			}
		free(old.keys);
		free(old.vals);
	}
	i = smap_slot(m, k);
	if (!m->keys[i]) {
		m->keys[i] = xstrdup(k);
		m->n++;
	}
	m->vals[i] = v;
}

/* ---- parsing file versions, once each ------------------------------------ */

typedef struct version {
	int valid;
	radar_hist_state st;
	char *name;
} version;

typedef struct ctx {
	const repo *r;
	const radar_config *cfg;
	radar_history *h;
	smap blobs;          /* blob id -> index in versions */
	version *versions;
	size_t nversions, vcap;
	/* pass 1 */
	smap ids;            /* entry id -> entry number (removed ids too) */
	size_t nentries;
	struct raw *raws;
	size_t nraws, rcap;
	size_t cap_commits;
	strbuf *err;
	repo_progress_fn progress;
	void *progress_payload;
} ctx;

/* One change of one entry, as pass 1 records it. */
typedef struct raw {
	size_t entry;
	char *id;       /* after (the deleted id for a deletion) */
	char *old_id;   /* rename */
	repo_hex old_blob, new_blob;
	size_t by, step; /* commit indices */
	size_t by_rename; /* rename: the commit that deleted the old file */
} raw;

static const version *parse_version(ctx *c, const char *blob)
{
	size_t k = smap_get(&c->blobs, blob);
	char *buf = NULL;
	size_t len = 0;
	strbuf err = STRBUF_INIT;
	version v = { 0 };

	if (k != SIZE_MAX)
		return &c->versions[k];
	if (repo_read_blob(c->r, blob, RADAR_MAX_FILE, &buf, &len, &err) == 0) {
		diag_list dl = DIAG_LIST_INIT;
		radar_entry *e = NULL;
		/* The id only names the entry in messages; the content decides. */
		if (!radar_entry_parse(&e, c->cfg, "entry", blob, buf, len, &dl)) {
			radar_score s;
			radar_score_compute(&s, c->cfg, e);
			v.valid = 1;
			v.st.placement = s.placement;
			v.st.declared = s.declared;
			v.st.scored = s.scored;
			v.st.total = s.scored ? s.total : frac_make(0, 1);
			v.name = e->name ? xstrdup(e->name) : NULL;
			radar_score_release(&s);
		}
		radar_entry_free(e);
		diag_list_free(&dl);
	}
	if (!v.valid)
		c->h->unparsable++;
	free(buf);
	strbuf_free(&err);
	GROW(c->versions, c->vcap, c->nversions + 1);
	c->versions[c->nversions] = v;
	smap_set(&c->blobs, blob, c->nversions);
	return &c->versions[c->nversions++];
}

/* ---- pass 1: the walk ---------------------------------------------------- */

static size_t intern_commit(ctx *c, const repo_commit *rc)
{
	radar_history *h = c->h;
	radar_hist_commit *hc;

	/* The same commit is usually the last one interned (a step, or a side commit). */
	for (size_t i = h->ncommits; i-- > 0 && i + 8 >= h->ncommits;)
		if (!strcmp(h->commits[i]->id, rc->id))
			return i;
	GROW(h->commits, c->cap_commits, h->ncommits + 1);
	hc = xcalloc(1, sizeof(*hc));
	snprintf(hc->id, sizeof(repo_hex), "%s", rc->id);
	hc->author = xstrdup(rc->author);
	hc->email = xstrdup(rc->email);
	hc->subject = xstrdup(rc->subject);
	hc->time = rc->time;
	hc->offset = rc->offset;
	hc->day = radar_day_of(rc->time, rc->offset);
	h->commits[h->ncommits] = hc;
	return h->ncommits++;
}

static void add_raw(ctx *c, size_t entry, const char *id, const char *old_id,
		    const char *old_blob, const char *new_blob, size_t by, size_t step)
{
	raw *w;
	GROW(c->raws, c->rcap, c->nraws + 1);
	w = &c->raws[c->nraws++];
	memset(w, 0, sizeof(*w));
	w->entry = entry;
	w->id = xstrdup(id);
	w->old_id = old_id ? xstrdup(old_id) : NULL;
	snprintf(w->old_blob, sizeof(repo_hex), "%s", old_blob);
	snprintf(w->new_blob, sizeof(repo_hex), "%s", new_blob);
	w->by = by;
	w->step = step;
}

static size_t entry_for(ctx *c, const char *id)
{
	size_t e = smap_get(&c->ids, id);
	if (e == SIZE_MAX) {
		e = c->nentries++;
		smap_set(&c->ids, id, e);
	}
	return e;
}

typedef struct fchange {
	const repo_change *ch;
	char *id;
	int paired;
} fchange;

static int cmp_raw_id(const void *a, const void *b)
{
	const raw *x = a, *y = b;
	int d = strcmp(x->id, y->id);
	if (d)
		return d;
	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static int on_step(void *payload, const repo_commit *step, const repo_change *changes,
		   size_t n)
{
	ctx *c = payload;
	fchange *adds = xcalloc(n + 1, sizeof(*adds)), *dels = xcalloc(n + 1, sizeof(*dels));
	size_t na = 0, nd = 0, first = c->nraws, si = intern_commit(c, step);

	for (size_t i = 0; i < n; i++) {
		const repo_change *ch = &changes[i];
		char *id = radar_entry_id_from_file(ch->name);
		size_t by;

		if (!id)
			continue;
		if (*ch->old_blob && *ch->new_blob) {
			by = ch->by == step ? si : intern_commit(c, ch->by);
			add_raw(c, entry_for(c, id), id, NULL, ch->old_blob, ch->new_blob, by, si);
			free(id);
		} else if (*ch->new_blob) {
			adds[na].ch = ch;
			adds[na++].id = id;
		} else {
			dels[nd].ch = ch;
			dels[nd++].id = id;
		}
	}
	/* mojo.yml deleted, mojo.yaml added: the same entry, edited. */
	for (size_t d = 0; d < nd; d++)
		for (size_t a = 0; a < na; a++)
			if (!adds[a].paired && !dels[d].paired && !strcmp(adds[a].id, dels[d].id)) {
				const repo_change *ch = adds[a].ch;
				size_t by = ch->by == step ? si : intern_commit(c, ch->by);
				add_raw(c, entry_for(c, adds[a].id), adds[a].id, NULL,
					dels[d].ch->old_blob, ch->new_blob, by, si);
				adds[a].paired = dels[d].paired = 1;
			}
	/* Renames: deleted and added in one step, with the same entry name. */
	if (nd && na) {
		for (size_t d = 0; d < nd; d++) {
			const version *vd;
			if (dels[d].paired)
				continue;
			vd = parse_version(c, dels[d].ch->old_blob);
			if (!vd->valid || !vd->name)
				continue;
			for (size_t a = 0; a < na; a++) {
				const version *va;
				size_t e, by;
				const repo_change *ch = adds[a].ch;
				if (adds[a].paired)
					continue;
				va = parse_version(c, ch->new_blob);
				/* parse_version may move the array: vd is re-read below. */
				vd = &c->versions[smap_get(&c->blobs, dels[d].ch->old_blob)];
				if (!va->valid || !va->name || strcasecmp(va->name, vd->name))
					continue;
				by = ch->by == step ? si : intern_commit(c, ch->by);
				e = entry_for(c, dels[d].id);
				add_raw(c, e, adds[a].id, dels[d].id, dels[d].ch->old_blob, ch->new_blob,
					by, si);
				c->raws[c->nraws - 1].by_rename =
					dels[d].ch->by == step ? si : intern_commit(c, dels[d].ch->by);
				/* The new id is this entry; the old id is free for a new one. */
				smap_set(&c->ids, adds[a].id, e);
				smap_set(&c->ids, dels[d].id, c->nentries++);
				adds[a].paired = dels[d].paired = 1;
				break;
			}
		}
	}
	for (size_t d = 0; d < nd; d++) {
		if (!dels[d].paired) {
			const repo_change *ch = dels[d].ch;
			size_t by = ch->by == step ? si : intern_commit(c, ch->by);
			add_raw(c, entry_for(c, dels[d].id), dels[d].id, NULL, ch->old_blob, "", by, si);
		}
		free(dels[d].id);
	}
	for (size_t a = 0; a < na; a++) {
		if (!adds[a].paired) {
			const repo_change *ch = adds[a].ch;
			size_t by = ch->by == step ? si : intern_commit(c, ch->by);
			add_raw(c, entry_for(c, adds[a].id), adds[a].id, NULL, "", ch->new_blob, by, si);
		}
		free(adds[a].id);
	}
	free(adds);
	free(dels);
	if (c->nraws - first > 1)
		qsort(c->raws + first, c->nraws - first, sizeof(raw), cmp_raw_id);
	return 0;
}

static void on_progress(void *payload, size_t done, size_t total)
{
	ctx *c = payload;
	if (c->progress)
		c->progress(c->progress_payload, done, total);
}

/* ---- pass 2: replay -------------------------------------------------------- */

typedef struct entry_state {
	int present;
	int known;            /* some version parsed */
	radar_hist_state st;  /* the last version that parsed */
} entry_state;

static const radar_hist_state none_state = { -1, -1, 0, { 0, 1 } };

static radar_hist_event *new_event(radar_history *h, size_t *cap, radar_hist_kind kind,
				   const raw *w, const radar_hist_state *before,
				   const radar_hist_state *after, int present)
{
	radar_hist_event *ev;
	GROW(h->events, *cap, h->n + 1);
	ev = &h->events[h->n++];
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->id = xstrdup(w->id);
	ev->old_id = kind == HIST_RENAMED && w->old_id ? xstrdup(w->old_id) : NULL;
	ev->entry = w->entry;
	ev->by = h->commits[w->by];
	ev->step = h->commits[w->step];
	ev->present = present;
	ev->before = *before;
	ev->after = *after;
	return ev;
}

static int same_state(const radar_hist_state *a, const radar_hist_state *b, int *moved)
{
	*moved = a->placement != b->placement || a->declared != b->declared;
	if (*moved)
		return 0;
	if (a->scored != b->scored)
		return 0;
	return !a->scored || frac_cmp(a->total, b->total) == 0;
}

static void replay(ctx *c, size_t only_entry)
{
	radar_history *h = c->h;
	entry_state *es = xcalloc(c->nentries + 1, sizeof(*es));
	size_t cap = 0;

	for (size_t i = 0; i < c->nraws; i++) {
		const raw *w = &c->raws[i];
		entry_state *s = &es[w->entry];
		const radar_hist_state *prev = s->known ? &s->st : &none_state;
		const version *v;
		int moved;

		if (only_entry != SIZE_MAX && w->entry != only_entry)
			continue;
		v = *w->new_blob ? parse_version(c, w->new_blob) : NULL;
		if (!*w->new_blob) {
			new_event(h, &cap, HIST_REMOVED, w, prev, &none_state, 0);
			s->present = 0;
			s->known = 0;
			continue;
		}
		if (w->old_id && s->present) {
			/*
			 * Renamed: dated by the commit that removed the old file (on a
			 * merged branch, the new content may come from a later commit).
			 */
			radar_hist_event *ev = new_event(h, &cap, HIST_RENAMED, w, prev, prev, 1);
			ev->by = h->commits[w->by_rename];
		} else if (!s->present) {
			/* Added (again): compared with nothing. */
			s->known = 0;
			new_event(h, &cap, HIST_ADDED, w, &none_state,
				  v->valid ? &v->st : &none_state, 1);
			s->present = 1;
			if (v->valid) {
				s->st = v->st;
				s->known = 1;
			}
			continue;
		}
		prev = s->known ? &s->st : &none_state;
		if (!v->valid)
			continue;
		if (!same_state(prev, &v->st, &moved))
			new_event(h, &cap, moved ? HIST_MOVED : HIST_RESCORED, w, prev, &v->st, 1);
		s->st = v->st;
		s->known = 1;
	}
	free(es);
}

int radar_history_load(radar_history **out, const repo *r, const radar_config *cfg,
		       const char *only, repo_progress_fn progress, void *payload,
		       strbuf *err)
{
	radar_history *h = xcalloc(1, sizeof(*h));
	ctx c = { 0 };
	size_t only_entry = SIZE_MAX;
	int rc;

	*out = NULL;
	c.r = r;
	c.cfg = cfg;
	c.h = h;
	c.err = err;
	c.progress = progress;
	c.progress_payload = payload;
	rc = repo_walk_folder(r, cfg->entries_path, on_step, on_progress, &c, err);
	if (rc) {
		radar_history_free(h);
		h = NULL;
		goto cleanup;
	}
	if (only) {
		only_entry = smap_get(&c.ids, only);
		h->found = only_entry != SIZE_MAX;
		/* A renamed-away id maps to a fresh, unused number: not found. */
		if (h->found) {
			int used = 0;
			for (size_t i = 0; i < c.nraws && !used; i++)
				used = c.raws[i].entry == only_entry;
			h->found = used;
		}
	} else {
		h->found = 1;
	}
	if (h->found)
		replay(&c, only_entry);
	*out = h;

cleanup:
	for (size_t i = 0; i < c.nraws; i++) {
		free(c.raws[i].id);
		free(c.raws[i].old_id);
	}
	free(c.raws);
	for (size_t i = 0; i < c.nversions; i++)
		free(c.versions[i].name);
	free(c.versions);
	smap_free(&c.blobs);
	smap_free(&c.ids);
	return rc;
}

void radar_history_free(radar_history *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n; i++) {
		free(h->events[i].id);
		free(h->events[i].old_id);
	}
	free(h->events);
	for (size_t i = 0; i < h->ncommits; i++) {
		free(h->commits[i]->author);
		free(h->commits[i]->email);
		free(h->commits[i]->subject);
		free(h->commits[i]);
	}
	free(h->commits);
	free(h);
}

/* ---- retrospective check --------------------------------------------------- */

void radar_history_retro(const radar_history *h, int after_months, date today,
			 radar_retro **out, size_t *n)
{
	radar_retro *list = NULL;
	size_t cnt = 0, cap = 0;

	for (size_t i = 0; i < h->n; i++) {
		const radar_hist_event *ev = &h->events[i];
		radar_retro *rr;
		int ring = -1, present = 0;
		const char *id = NULL;

		if ((ev->kind != HIST_ADDED && ev->kind != HIST_MOVED) || ev->after.placement < 0)
			continue;
		GROW(list, cap, cnt + 1);
		rr = &list[cnt++];
		memset(rr, 0, sizeof(*rr));
		rr->placement = ev;
		rr->due = date_add_months(ev->by->day, after_months);
		rr->ring_at_due = -1;
		if (date_cmp(rr->due, today) > 0) {
			rr->outcome = RETRO_NOT_DUE;
			continue;
		}
		/* The entry as its last change dated on or before the due date left it. */
		for (size_t j = i; j < h->n; j++) {
			const radar_hist_event *e2 = &h->events[j];
			if (e2->entry != ev->entry || date_cmp(e2->by->day, rr->due) > 0)
				continue;
			present = e2->present;
			ring = e2->after.placement;
			id = e2->id;
		}
		rr->id_at_due = id;
		if (!present || ring < 0) {
			rr->outcome = RETRO_REMOVED;
		} else {
			rr->ring_at_due = ring;
			rr->outcome = ring == ev->after.placement ? RETRO_HELD
				      : ring < ev->after.placement ? RETRO_MOVED_IN
								   : RETRO_MOVED_OUT;
		}
	}
	*out = list;
	*n = cnt;
}

/* ---- diff of two radars ------------------------------------------------------ */

static int placement_in(const radar *from, const radar *to, int ring)
{
	if (ring < 0)
		return -1;
	return radar_config_find_ring(to->cfg, from->cfg->rings[ring].id);
}

static int cmp_item(const void *a, const void *b)
{
	return strcmp(((const radar_diff_item *)a)->id, ((const radar_diff_item *)b)->id);
}

static int same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

void radar_diff_compute(radar_diff *out, const radar *from, const radar *to)
{
	size_t nf = from->nentries, nt = to->nentries, cap = 0;
	char *matched_f = xcalloc(nf + 1, 1), *matched_t = xcalloc(nt + 1, 1);
	size_t *pair_f = xcalloc(nt + 1, sizeof(size_t));
	radar_score *sf = xcalloc(nf + 1, sizeof(*sf)), *st = xcalloc(nt + 1, sizeof(*st));
	radar_diff_item *items = NULL;
	size_t n = 0;

	for (size_t i = 0; i < nf; i++)
		radar_score_compute(&sf[i], from->cfg, from->entries[i]);
	for (size_t i = 0; i < nt; i++)
		radar_score_compute(&st[i], to->cfg, to->entries[i]);
	/* By id (both lists are sorted by id), then renames by name. */
	for (size_t i = 0, j = 0; i < nf && j < nt;) {
		int d = strcmp(from->entries[i]->id, to->entries[j]->id);
		if (!d) {
			matched_f[i] = matched_t[j] = 1;
			pair_f[j] = i;
			i++;
			j++;
		} else if (d < 0) {
			i++;
		} else {
			j++;
		}
	}
	for (size_t j = 0; j < nt; j++) {
		if (matched_t[j] || !to->entries[j]->name)
			continue;
		for (size_t i = 0; i < nf; i++)
			if (!matched_f[i] && from->entries[i]->name &&
			    !strcasecmp(from->entries[i]->name, to->entries[j]->name)) {
				matched_f[i] = 2;
				matched_t[j] = 2;
				pair_f[j] = i;
				break;
			}
	}
	for (size_t j = 0; j < nt; j++) {
		const radar_entry *e = to->entries[j];
		radar_diff_item it = { 0 };
		it.ring = st[j].placement;
		it.scored = st[j].scored;
		it.total = st[j].total;
		it.from_ring = -1;
		if (!matched_t[j]) {
			it.flags = DIFF_NEW;
		} else {
			size_t i = pair_f[j];
			const radar_entry *f = from->entries[i];
			it.from_ring = placement_in(from, to, sf[i].placement);
			it.from_scored = sf[i].scored;
			it.from_total = sf[i].total;
			if (matched_t[j] == 2) {
				it.flags |= DIFF_RENAMED;
				it.old_id = xstrdup(f->id);
			}
			if (it.from_ring >= 0 && it.ring >= 0 && it.ring < it.from_ring)
				it.flags |= DIFF_MOVED_IN;
			if (it.from_ring >= 0 && it.ring >= 0 && it.ring > it.from_ring)
				it.flags |= DIFF_MOVED_OUT;
			if (it.scored && it.from_scored) {
				frac d = frac_sub(it.total, it.from_total);
				if (d.num < 0)
					d.num = -d.num;
				if (frac_cmp(d, frac_make(1, 4)) >= 0)
					it.flags |= DIFF_RESCORED;
			}
			if (!same_text(e->description, f->description))
				it.flags |= DIFF_DESCRIPTION;
		}
		if (!it.flags) {
			free(it.old_id);
			continue;
		}
		it.id = xstrdup(e->id);
		GROW(items, cap, n + 1);
		items[n++] = it;
	}
	for (size_t i = 0; i < nf; i++) {
		radar_diff_item it = { 0 };
		if (matched_f[i])
			continue;
		it.id = xstrdup(from->entries[i]->id);
		it.flags = DIFF_REMOVED;
		it.from_ring = placement_in(from, to, sf[i].placement);
		it.ring = -1;
		it.from_scored = sf[i].scored;
		it.from_total = sf[i].total;
		GROW(items, cap, n + 1);
		items[n++] = it;
	}
	if (n > 1)
		qsort(items, n, sizeof(*items), cmp_item);
	for (size_t i = 0; i < nf; i++)
		radar_score_release(&sf[i]);
	for (size_t i = 0; i < nt; i++)
		radar_score_release(&st[i]);
	free(sf);
	free(st);
	free(matched_f);
	free(matched_t);
	free(pair_f);
	out->items = items;
	out->n = n;
}

void radar_diff_release(radar_diff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].id);
		free(d->items[i].old_id);
	}
	free(d->items);
	d->items = NULL;
	d->n = 0;
}
