/*
 * The radar's geometry: canvas, rings, sectors, blips and text boxes.
 * Pure: no cairo, no I/O; text extents come from the caller's callback.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "layout-private.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif
#define DEG (M_PI / 180.0)

/* Sizes at 1920x1080; everything scales with the canvas. */
#define MARGIN 36.0
#define TITLE_PX 46.0
#define EDITION_PX 24.0
#define KEY_PX 20.0
#define RING_PX 18.0
#define BLIP_R 16.0
#define BLIP_GAP 3.0
#define SHRINK_TRIES 40

typedef struct box {
	double x0, y0, x1, y1;
} box;

typedef struct cell {
	size_t start, end; /* range of blips (number order) */
	double a0, a1;     /* radians */
	double r0, r1;
} cell;

const char *layout_marker_name(layout_marker m)
{
	switch (m) {
	case LAYOUT_MARK_NEW:
		return "new";
	case LAYOUT_MARK_MOVED_IN:
		return "moved_in";
	case LAYOUT_MARK_MOVED_OUT:
		return "moved_out";
	default:
		return NULL;
	}
}

unsigned long long layout_hash(const char *s)
{
	unsigned long long h = 14695981039346656037ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static unsigned long long mix(unsigned long long z)
{
	z += 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double unit(unsigned long long h)
{
	return (double)(h >> 11) * (1.0 / 9007199254740992.0);
}

void layout_polar(const layout *l, double deg, double rho, double *x, double *y)
{
	*x = l->cx + rho * sin(deg * DEG);
	*y = l->cy - rho * cos(deg * DEG);
}

void layout__measure(const builder *b, const char *s, size_t nbold, int bold, text *t)
{
	t->w = t->h = 0;
	b->in->measure(b->in->measure_ctx, s && *s ? s : "Ag", nbold, bold, LAYOUT_MEASURE_PX, &t->w,
		       &t->h);
	if (!s || !*s)
		t->w = 0;
}

layout_label *layout__add_label(builder *b, const char *s, layout_text_kind kind, double px,
			       double x, double y, double w, double h)
{
	layout_label *lb;
	GROW(b->l->labels, b->cap, b->l->nlabels + 1);
	lb = &b->l->labels[b->l->nlabels++];
	memset(lb, 0, sizeof(*lb));
	lb->text = xstrdup(s);
	lb->kind = kind;
	lb->px = px;
	lb->x = x;
	lb->y = y;
	lb->w = w;
	lb->h = h;
	lb->quadrant = lb->ring = -1;
	lb->blip = -1;
	return lb;
}

/* ---- blips ---------------------------------------------------------- */

/* Where a blip's centre may go in its cell: at least m from every edge. */
static double rho_low(const cell *c, double m)
{
	double half = (c->a1 - c->a0) / 2;
	double lo = c->r0 + m, wedge = m / sin(half) * 1.0001 + 1e-6;
	return lo > wedge ? lo : wedge;
}

static double phi_limit(const cell *c, double m, double rho)
{
	double half = (c->a1 - c->a0) / 2, q = m / rho;
	if (q >= 1)
		return 0;
	return half - asin(q);
}

/* The area where centres may go (numerically). */
static double cell_area(const cell *c, double m)
{
	double lo = rho_low(c, m), hi = c->r1 - m, area = 0;
	const int steps = 64;
	if (hi <= lo)
		return 0;
	for (int i = 0; i < steps; i++) {
		double rho = lo + (hi - lo) * (i + 0.5) / steps;
		double lim = phi_limit(c, m, rho);
		if (lim > 0)
			area += 2 * lim * rho * (hi - lo) / steps;
	}
	return area;
}

static void to_xy(const layout *l, const cell *c, double rho, double phi, double *x, double *y)
{
	double th = (c->a0 + c->a1) / 2 + phi;
	*x = l->cx + rho * sin(th);
	*y = l->cy - rho * cos(th);
}


static void seed(const layout *l, const cell *c, double m, const char *id, double *x, double *y)
{
	unsigned long long h = layout_hash(id), h1 = mix(h), h2 = mix(h1);
	double lo = rho_low(c, m), hi = c->r1 - m;
	double rho = sqrt(lo * lo + unit(h1) * (hi * hi - lo * lo));
	double lim = phi_limit(c, m, rho);
	to_xy(l, c, rho, (2 * unit(h2) - 1) * lim, x, y);
}


static int inside(const layout *l, const cell *c, double m, double x, double y)
{
	double dx = x - l->cx, dy = y - l->cy;
	double rho = hypot(dx, dy), th = atan2(dx, -dy);
	double phi = remainder(th - (c->a0 + c->a1) / 2, 2 * M_PI);
	return rho >= rho_low(c, m) && rho <= c->r1 - m && fabs(phi) <= phi_limit(c, m, rho);
}

static int clear_of_boxes(const box *obst, size_t nobst, double m, double x, double y)
{
	for (size_t k = 0; k < nobst; k++) {
		const box *bx = &obst[k];
		double qx = x < bx->x0 ? bx->x0 : x > bx->x1 ? bx->x1 : x;
		double qy = y < bx->y0 ? bx->y0 : y > bx->y1 ? bx->y1 : y;
		if (hypot(x - qx, y - qy) < m)
			return 0;
	}
	return 1;
}

/*
 * Places a cell's blips one by one, in the order of their id's hash: each
 * goes to its seed, or, when that is taken, to the nearest free spot found on
 * a spiral around it. A blip's spot depends only on the blips before it in
 * that order, so adding or removing an entry moves only the few after it
 * that collided with it. Returns -1 when some blip finds no room.
 */
static int place_cell(layout *l, const cell *c, const layout_input *in, const box *obst,
		      size_t nobst, double r, double gap, size_t *prio, size_t *placed)
{
	size_t n = c->end - c->start, nplaced = 0;
	double m = r + gap / 2, d_min = 2 * r + gap, step = d_min * 0.2;
	double reach = 2 * c->r1 + d_min;

	for (size_t i = 0; i < n; i++)
		prio[i] = c->start + i;
	/* insertion sort by hash, then by number: few per cell, and stable */
	for (size_t i = 1; i < n; i++) {
		size_t v = prio[i], j = i;
		unsigned long long hv = layout_hash(in->entries[l->blips[v].entry].id);
		while (j > 0) {
			unsigned long long hj = layout_hash(in->entries[l->blips[prio[j - 1]].entry].id);
			if (hj < hv || (hj == hv && prio[j - 1] < v))
				break;
			prio[j] = prio[j - 1];
			j--;
		}
		prio[j] = v;
	}
	for (size_t i = 0; i < n; i++) {
		layout_blip *b = &l->blips[prio[i]];
		double sx, sy;
		int found = 0;
		seed(l, c, m, in->entries[b->entry].id, &sx, &sy);
		for (int k = 0; !found && k * step <= reach; k++) {
			double rho = k * step;
			int count = k ? (int)ceil(2 * M_PI * rho / step) : 1;
			double turn = unit(mix(layout_hash(in->entries[b->entry].id))) * 2 * M_PI;
			for (int j = 0; j < count && !found; j++) {
				double a = turn + 2 * M_PI * j / count;
				double x = sx + rho * cos(a), y = sy + rho * sin(a);
				size_t q;
				if (!inside(l, c, m, x, y) || !clear_of_boxes(obst, nobst, m, x, y))
					continue;
				for (q = 0; q < nplaced; q++) {
					const layout_blip *o = &l->blips[placed[q]];
					double dx = o->x - x, dy = o->y - y;
					if (dx * dx + dy * dy < d_min * d_min)
						break;
				}
				if (q < nplaced)
					continue;
				b->x = x;
				b->y = y;
				found = 1;
			}
		}
		if (!found)
			return -1;
		placed[nplaced++] = prio[i];
	}
	return 0;
}

static int cmp_entry(const void *pa, const void *pb, const layout_input *in)
{
	const layout_entry *a = &in->entries[*(const size_t *)pa], *b = &in->entries[*(const size_t *)pb];
	int c;
	if (a->quadrant != b->quadrant)
		return a->quadrant < b->quadrant ? -1 : 1;
	if (a->ring != b->ring)
		return a->ring < b->ring ? -1 : 1;
	if ((c = strcasecmp(a->name ? a->name : "", b->name ? b->name : "")))
		return c;
	if ((c = strcmp(a->name ? a->name : "", b->name ? b->name : "")))
		return c;
	return strcmp(a->id, b->id);
}

/* A stable merge sort of entry indices (qsort has no context argument in C11). */
static void sort_entries(size_t *v, size_t n, const layout_input *in)
{
	size_t *tmp;
	if (n < 2)
		return;
	tmp = xmalloc(n * sizeof(*tmp));
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n, i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				tmp[k++] = cmp_entry(&v[j], &v[i], in) < 0 ? v[j++] : v[i++];
			while (i < mid)
				tmp[k++] = v[i++];
			while (j < hi)
				tmp[k++] = v[j++];
		}
		memcpy(v, tmp, n * sizeof(*v));
	}
	free(tmp);
}

static int place_blips(builder *bd, const box *obst, size_t nobst)
{
	layout *l = bd->l;
	const layout_input *in = bd->in;
	size_t nq = in->nquadrants, nr = in->nrings, ncells = nq * nr;
	cell *cells = xcalloc(ncells, sizeof(*cells));
	size_t *order = xmalloc((in->nentries + 1) * sizeof(*order));
	double gap = BLIP_GAP * bd->s < 1.5 ? 1.5 : BLIP_GAP * bd->s;
	double r = l->blip_r_wanted, worst = 0;
	size_t *prio, *placed;
	int rc = -1;

	for (size_t i = 0; i < in->nentries; i++)
		order[i] = i;
	sort_entries(order, in->nentries, in);
	l->blips = xcalloc(in->nentries + 1, sizeof(*l->blips));
	l->nblips = in->nentries;
	for (size_t i = 0; i < in->nentries; i++) {
		const layout_entry *e = &in->entries[order[i]];
		layout_blip *b = &l->blips[i];
		b->entry = order[i];
		b->number = (int)i + 1;
		b->quadrant = e->quadrant;
		b->ring = e->ring;
		b->marker = e->marker;
	}
	for (size_t q = 0; q < nq; q++)
		for (size_t k = 0; k < nr; k++) {
			cell *c = &cells[q * nr + k];
			c->a0 = l->sector_start[q] * DEG;
			c->a1 = l->sector_end[q] * DEG;
			c->r0 = l->ring_inner[k];
			c->r1 = l->ring_outer[k];
			c->start = c->end = 0;
		}
	for (size_t i = 0; i < l->nblips; i++) {
		cell *c = &cells[(size_t)l->blips[i].quadrant * nr + (size_t)l->blips[i].ring];
		if (c->end == 0 && c->start == 0)
			c->start = i;
		c->end = i + 1;
	}
	/* The largest radius (up to the wanted one) at which every cell has room. */
	l->crowded_quadrant = l->crowded_ring = -1;
	for (size_t ci = 0; ci < ncells; ci++) {
		cell *c = &cells[ci];
		size_t n = c->end - c->start;
		double fill;
		if (!n)
			continue;
		fill = n * (2 * r + gap) * (2 * r + gap) / (cell_area(c, r + gap / 2) + 1e-9);
		if (fill > worst) {
			worst = fill;
			l->crowded_quadrant = (int)(ci / nr);
			l->crowded_ring = (int)(ci % nr);
			l->crowded_count = n;
		}
	}
	for (int tries = 0;; tries++) {
		int fits = 1;
		for (size_t ci = 0; ci < ncells && fits; ci++) {
			cell *c = &cells[ci];
			size_t n = c->end - c->start;
			double d = 2 * r + gap;
			if (n && (n * d * d * 0.9 > cell_area(c, r + gap / 2)))
				fits = 0;
		}
		if (fits || r < 0.75)
			break;
		r *= 0.97;
		if (tries > 400)
			break;
	}
	prio = xmalloc((l->nblips + 1) * sizeof(*prio));
	placed = xmalloc((l->nblips + 1) * sizeof(*placed));
	for (int tries = 0; tries < SHRINK_TRIES; tries++) {
		size_t ci;
		for (ci = 0; ci < ncells; ci++)
			if (place_cell(l, &cells[ci], in, obst, nobst, r, gap, prio, placed))
				break;
		if (ci == ncells) {
			rc = 0;
			break;
		}
		r *= 0.95;
	}
	free(prio);
	free(placed);
	for (size_t i = 0; i < l->nblips; i++)
		l->blips[i].r = r;
	l->blip_r = r;
	l->shrunk = r < l->blip_r_wanted * 0.999;
	if (!l->shrunk)
		l->crowded_quadrant = l->crowded_ring = -1, l->crowded_count = 0;
	free(cells);
	free(order);
	return rc;
}

/* ---- the whole picture ---------------------------------------------- */

static int check_input(const layout_input *in, strbuf *err)
{
	if (in->nquadrants < LAYOUT_MIN_QUADRANTS || in->nquadrants > LAYOUT_MAX_QUADRANTS) {
		strbuf_printf(err, "a radar has 2 to 8 quadrants, not %zu", in->nquadrants);
		return -1;
	}
	if (in->nrings < LAYOUT_MIN_RINGS || in->nrings > LAYOUT_MAX_RINGS) {
		strbuf_printf(err, "a radar has 2 to 6 rings, not %zu", in->nrings);
		return -1;
	}
	if (!(in->width >= 200 && in->height >= 150 && in->width <= 20000 && in->height <= 20000)) {
		strbuf_printf(err, "canvas %gx%g is out of range (200x150 to 20000x20000)", in->width,
			      in->height);
		return -1;
	}
	if (!in->measure) {
		strbuf_puts(err, "no text measurer");
		return -1;
	}
	for (size_t i = 0; i < in->nentries; i++) {
		const layout_entry *e = &in->entries[i];
		if (!e->id || e->quadrant < 0 || (size_t)e->quadrant >= in->nquadrants || e->ring < 0 ||
		    (size_t)e->ring >= in->nrings) {
			strbuf_printf(err, "entry %zu has no id, quadrant or ring", i);
			return -1;
		}
	}
	return 0;
}

int layout_compute(layout **out, const layout_input *in, strbuf *err)
{
	layout *l;
	builder b;
	double s, margin, top, header, avail_h, r_h, r_w, gap, legend_w, wsum = 0, acc = 0;
	double key_left;
	text t;
	box obst[LAYOUT_MAX_RINGS];
	size_t nr, nq;

	*out = NULL;
	if (check_input(in, err))
		return -1;
	l = xcalloc(1, sizeof(*l));
	memset(&b, 0, sizeof(b));
	b.in = in;
	b.l = l;
	nr = in->nrings;
	nq = in->nquadrants;
	l->width = in->width;
	l->height = in->height;
	s = in->width / 1920 < in->height / 1080 ? in->width / 1920 : in->height / 1080;
	b.s = l->scale = s;
	margin = MARGIN * s;
	top = margin * 0.8;
	key_left = in->width - margin;

	/* header: the key (right), the title and the edition (left) */
	if (in->key) {
		static const char *const words[3] = { "New", "Moved in", "Moved out" };
		double px = KEY_PX * s, kr = 11 * s, x = in->width - margin;
		for (int i = 2; i >= 0; i--) {
			layout_label *lb;
			layout__measure(&b, words[i], 0, 0, &t);
			x -= t.w * px / 100;
			lb = layout__add_label(&b, words[i], LAYOUT_TEXT_KEY, px, x, top + (TITLE_PX * s - t.h * px / 100) / 2,
				       t.w * px / 100, t.h * px / 100);
			lb->marker = (layout_marker)(i + 1);
			x -= 8 * s + kr;
			l->key_x[i] = x;
			l->key_y[i] = lb->y + lb->h / 2;
			x -= kr + (i ? 26 * s : 0);
		}
		l->key_r = kr;
		l->has_key = 1;
		key_left = x - 40 * s;
	}
	header = top;
	if (in->title && *in->title) {
		double px = TITLE_PX * s, w;
		layout_label *lb;
		layout__measure(&b, in->title, 0, 1, &t);
		w = t.w * px / 100;
		lb = layout__add_label(&b, in->title, LAYOUT_TEXT_TITLE, px, margin, header,
			       w > key_left - margin ? key_left - margin : w, t.h * px / 100);
		lb->bold = 1;
		lb->ellipsized = w > key_left - margin;
		header += lb->h + 2 * s;
	}
	if (in->edition && *in->edition) {
		double px = EDITION_PX * s, w;
		layout_label *lb;
		layout__measure(&b, in->edition, 0, 0, &t);
		w = t.w * px / 100;
		lb = layout__add_label(&b, in->edition, LAYOUT_TEXT_EDITION, px, margin, header,
			       w > key_left - margin ? key_left - margin : w, t.h * px / 100);
		lb->ellipsized = w > key_left - margin;
		header += lb->h;
	}
	if (l->has_key && header < top + TITLE_PX * s)
		header = top + TITLE_PX * s;
	header += 18 * s;

	/* the radar: as large as the height allows, leaving room for the legends */
	gap = 28 * s;
	avail_h = in->height - header - margin;
	r_h = avail_h / 2;
	r_w = (in->width - 2 * margin - 2 * gap - 2 * 0.2 * in->width) / 2;
	l->radius = r_h < r_w ? r_h : r_w;
	if (l->radius < 40) {
		strbuf_printf(err, "canvas %gx%g leaves no room for the radar", in->width, in->height);
		layout_free(l);
		return -1;
	}
	l->cx = in->width / 2;
	l->cy = header + avail_h / 2;
	legend_w = (in->width - 2 * margin - 2 * gap - 2 * l->radius) / 2;

	/* rings: inner rings wider, weights n+0.5, n-0.5, ... 1.5 */
	l->nrings = nr;
	for (size_t k = 0; k < nr; k++)
		wsum += (double)(nr - k) + 0.5;
	for (size_t k = 0; k < nr; k++) {
		l->ring_inner[k] = l->radius * acc / wsum;
		acc += (double)(nr - k) + 0.5;
		l->ring_outer[k] = k + 1 == nr ? l->radius : l->radius * acc / wsum;
	}
	l->nsectors = nq;
	for (size_t q = 0; q < nq; q++) {
		l->sector_start[q] = 360.0 * (double)q / (double)nq;
		l->sector_end[q] = 360.0 * (double)(q + 1) / (double)nq;
	}

	/* ring names on the 12 o'clock line, each inside its band */
	for (size_t k = 0; k < nr; k++) {
		double band = l->ring_outer[k] - l->ring_inner[k], px = RING_PX * s, w, h;
		double mid = k == 0 ? l->ring_outer[0] * 0.55 : (l->ring_inner[k] + l->ring_outer[k]) / 2;
		layout_label *lb;
		layout__measure(&b, in->ring_names[k], 0, 1, &t);
		if (t.h * px / 100 > band * 0.7)
			px = band * 0.7 * 100 / t.h;
		w = t.w * px / 100;
		h = t.h * px / 100;
		if (w > l->radius * 0.9) /* an absurdly long ring name */
			w = l->radius * 0.9;
		lb = layout__add_label(&b, in->ring_names[k], LAYOUT_TEXT_RING, px, l->cx - w / 2,
			       l->cy - mid - h / 2, w, h);
		lb->bold = 1;
		lb->ring = (int)k;
		lb->ellipsized = t.w * px / 100 > w;
		obst[k].x0 = lb->x - 4 * s;
		obst[k].x1 = lb->x + lb->w + 4 * s;
		obst[k].y0 = lb->y;
		obst[k].y1 = lb->y + lb->h;
	}

	l->blip_r_wanted = BLIP_R * s;
	if (place_blips(&b, obst, nr)) {
		strbuf_printf(err, "could not place %zu blips without overlaps", l->nblips);
		layout_free(l);
		return -1;
	}
	layout__place_legends(&b, header, in->height - margin, legend_w);
	*out = l;
	return 0;
}

void layout_free(layout *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->nlabels; i++)
		free(l->labels[i].text);
	free(l->labels);
	free(l->blips);
	free(l);
}
