/* The legends: one per quadrant, in columns left and right of the radar. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout-private.h"

#define MARGIN 36.0
#define LEGEND_PX_MAX 22.0
#define LEGEND_PX_MIN 9.0

/* ---- legends -------------------------------------------------------- */

typedef struct row {
	int subhead;     /* a ring's name, else an item */
	size_t blip;     /* for items */
	int ring;
} row;

typedef struct qlegend {
	int q;
	row *rows;
	size_t nrows;
	size_t nitems;
	text head;
	int k;           /* sub-columns */
	size_t per_col;  /* rows per sub-column */
	double height;
} qlegend;

typedef struct lcol {
	double x, y, w, h;
	int qs[LAYOUT_MAX_QUADRANTS];
	size_t n;
} lcol;

/*
 * Places the first n rows in k columns of `per` rows; returns how many fit
 * (a ring's name never ends a column: it goes with its first item).
 */
static size_t flow(const qlegend *ql, size_t n, int k, size_t per, size_t *cols, size_t *rowpos)
{
	size_t col = 0, r = 0;
	if (per == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (r >= per || (ql->rows[i].subhead && r + 2 > per && r > 0)) {
			col++;
			r = 0;
		}
		if (col >= (size_t)k)
			return i;
		if (cols) {
			cols[i] = col;
			rowpos[i] = r;
		}
		r++;
	}
	return n;
}

static size_t rows_needed(const qlegend *ql, int k)
{
	size_t per = (ql->nrows + (size_t)k - 1) / (size_t)k;
	if (!ql->nrows)
		return 0;
	while (flow(ql, ql->nrows, k, per, NULL, NULL) < ql->nrows)
		per++;
	return per;
}

typedef struct lmetrics {
	double f, lh, head_px, head_h, head_gap, qgap, cgap, minw;
} lmetrics;

static void metrics(const builder *b, double f, double item_h100, double head_h100, lmetrics *m)
{
	double s = b->s;
	m->f = f;
	m->lh = f * 1.34;
	if (item_h100 * f / 100 > m->lh)
		m->lh = item_h100 * f / 100 * 1.02;
	m->head_px = f * 1.3 > 26 * s ? 26 * s : f * 1.3;
	m->head_h = head_h100 * m->head_px / 100;
	m->head_gap = 6 * s;
	m->qgap = 22 * s;
	m->cgap = 14 * s;
	m->minw = 9 * f;
}

static int kmax(const lcol *c, const lmetrics *m)
{
	int k = (int)((c->w + m->cgap) / (m->minw + m->cgap));
	return k < 1 ? 1 : k > 4 ? 4 : k;
}

static double box_height(const qlegend *ql, const lmetrics *m)
{
	return m->head_h + (ql->nrows ? m->head_gap + (double)ql->per_col * m->lh : 0);
}

/* Whether a column's legends fit at font size m->f, choosing sub-columns. */
static int fit_column(const lcol *c, qlegend *qls, const lmetrics *m)
{
	int km = kmax(c, m);
	for (size_t i = 0; i < c->n; i++) {
		qlegend *ql = &qls[c->qs[i]];
		ql->k = 1;
		ql->per_col = rows_needed(ql, 1);
		ql->height = box_height(ql, m);
	}
	for (;;) {
		double total = 0, tallest = -1;
		long grow = -1;
		for (size_t i = 0; i < c->n; i++) {
			qlegend *ql = &qls[c->qs[i]];
			total += ql->height + (i ? m->qgap : 0);
			if (ql->k < km && ql->height > tallest) {
				tallest = ql->height;
				grow = c->qs[i];
			}
		}
		if (total <= c->h)
			return 1;
		if (grow < 0)
			return 0;
		qls[grow].k++;
		qls[grow].per_col = rows_needed(&qls[grow], qls[grow].k);
		qls[grow].height = box_height(&qls[grow], m);
	}
}

static char *item_text(const builder *b, const layout_blip *bl, size_t *nbold)
{
	strbuf sb = STRBUF_INIT;
	const char *name = b->in->entries[bl->entry].name;
	strbuf_printf(&sb, "%d", bl->number);
	*nbold = sb.len;
	strbuf_printf(&sb, "  %s", name && *name ? name : b->in->entries[bl->entry].id);
	return strbuf_detach(&sb);
}

void layout__place_legends(builder *b, double top, double bottom, double lw)
{
	layout *l = b->l;
	const layout_input *in = b->in;
	size_t nq = in->nquadrants;
	qlegend qls[LAYOUT_MAX_QUADRANTS];
	lcol cols[2];
	text *items = xcalloc(l->nblips + 1, sizeof(*items));
	char **texts = xcalloc(l->nblips + 1, sizeof(*texts));
	size_t *nbolds = xcalloc(l->nblips + 1, sizeof(*nbolds));
	text ring_t[LAYOUT_MAX_RINGS];
	double item_h100 = 0, head_h100 = 0, f;
	lmetrics m;
	int fitted = 0;
	double margin = MARGIN * b->s;

	memset(qls, 0, sizeof(qls));
	memset(cols, 0, sizeof(cols));
	cols[0].x = margin;
	cols[1].x = l->width - margin - lw;
	for (int i = 0; i < 2; i++) {
		cols[i].y = top;
		cols[i].w = lw;
		cols[i].h = bottom - top;
	}
	/* right column (index 1): sectors whose middle is right of 12 o'clock */
	for (size_t q = 0; q < nq; q++) {
		double mid = (l->sector_start[q] + l->sector_end[q]) / 2;
		int side = mid < 180 - 1e-9 ? 1 : mid > 180 + 1e-9 ? 0 : (cols[1].n < cols[0].n);
		cols[side].qs[cols[side].n++] = (int)q;
	}
	/* left column top to bottom: from 12 o'clock anticlockwise */
	for (size_t i = 0; i + 1 < cols[0].n; i++)
		for (size_t j = i + 1; j < cols[0].n; j++)
			if (cols[0].qs[j] > cols[0].qs[i]) {
				int t = cols[0].qs[i];
				cols[0].qs[i] = cols[0].qs[j];
				cols[0].qs[j] = t;
			}
	for (size_t k = 0; k < in->nrings; k++) {
		layout__measure(b, in->ring_names[k], 0, 1, &ring_t[k]);
		if (ring_t[k].h > item_h100)
			item_h100 = ring_t[k].h;
	}
	for (size_t i = 0; i < l->nblips; i++) {
		texts[i] = item_text(b, &l->blips[i], &nbolds[i]);
		layout__measure(b, texts[i], nbolds[i], 0, &items[i]);
		if (items[i].h > item_h100)
			item_h100 = items[i].h;
	}
	for (size_t q = 0; q < nq; q++) {
		qlegend *ql = &qls[q];
		ql->q = (int)q;
		layout__measure(b, in->quadrant_names[q], 0, 1, &ql->head);
		if (ql->head.h > head_h100)
			head_h100 = ql->head.h;
		ql->rows = xcalloc(l->nblips + in->nrings + 1, sizeof(*ql->rows));
	}
	for (size_t i = 0; i < l->nblips; i++) {
		qlegend *ql = &qls[l->blips[i].quadrant];
		if (!i || l->blips[i - 1].quadrant != l->blips[i].quadrant ||
		    l->blips[i - 1].ring != l->blips[i].ring) {
			ql->rows[ql->nrows].subhead = 1;
			ql->rows[ql->nrows++].ring = l->blips[i].ring;
		}
		ql->rows[ql->nrows].blip = i;
		ql->rows[ql->nrows++].ring = l->blips[i].ring;
		ql->nitems++;
	}
	/* the largest font at which every legend fits, same size everywhere */
	for (f = LEGEND_PX_MAX * b->s; f >= LEGEND_PX_MIN * b->s - 1e-9; f -= 0.5 * b->s) {
		metrics(b, f, item_h100, head_h100, &m);
		if (fit_column(&cols[0], qls, &m) && fit_column(&cols[1], qls, &m)) {
			fitted = 1;
			break;
		}
	}
	if (!fitted) {
		/* Too many names: the smallest font, as many sub-columns as fit, share
		 * the height by need and list what fits, then "+ N more". */
		metrics(b, LEGEND_PX_MIN * b->s, item_h100, head_h100, &m);
		for (int side = 0; side < 2; side++) {
			lcol *c = &cols[side];
			double need = 0, avail = c->h - m.qgap * (c->n ? c->n - 1 : 0);
			int km = kmax(c, &m);
			for (size_t i = 0; i < c->n; i++) {
				qlegend *ql = &qls[c->qs[i]];
				ql->k = km;
				ql->per_col = rows_needed(ql, km);
				need += box_height(ql, &m);
			}
			for (size_t i = 0; i < c->n && need > avail; i++) {
				qlegend *ql = &qls[c->qs[i]];
				double share = box_height(ql, &m) * avail / need;
				double rows = floor((share - m.head_h - m.head_gap) / m.lh);
				if (rows < 0)
					rows = 0;
				if ((size_t)rows < ql->per_col)
					ql->per_col = (size_t)rows;
			}
		}
	}
	for (int side = 0; side < 2; side++) {
		lcol *c = &cols[side];
		double y = c->y;
		for (size_t i = 0; i < c->n; i++) {
			qlegend *ql = &qls[c->qs[i]];
			double colw = (c->w - (ql->k - 1) * m.cgap) / ql->k, hw, hy = y;
			size_t *cpos = xcalloc(ql->nrows + 1, sizeof(size_t));
			size_t *rpos = xcalloc(ql->nrows + 1, sizeof(size_t));
			size_t shown = ql->nrows;
			layout_label *lb;

			hw = ql->head.w * m.head_px / 100;
			lb = layout__add_label(b, in->quadrant_names[ql->q], LAYOUT_TEXT_QUADRANT, m.head_px,
				       c->x, hy, hw > c->w ? c->w : hw, ql->head.h * m.head_px / 100);
			lb->bold = 1;
			lb->ellipsized = hw > c->w;
			lb->quadrant = ql->q;
			y += m.head_h + m.head_gap;
			shown = flow(ql, ql->nrows, ql->k, ql->per_col, cpos, rpos);
			if (shown < ql->nrows) {
				/* list what fits; the next place says how many are left */
				size_t hidden = 0, cc = 0, rr = 0;
				for (;;) {
					if (shown) {
						cc = cpos[shown - 1];
						rr = rpos[shown - 1] + 1;
						if (rr >= ql->per_col)
							cc++, rr = 0;
					}
					if (!shown || (cc < (size_t)ql->k && !ql->rows[shown - 1].subhead))
						break;
					shown--;
				}
				for (size_t r = shown; r < ql->nrows; r++)
					hidden += !ql->rows[r].subhead;
				l->hidden += hidden;
				if (ql->per_col > 0) {
					char buf[64];
					text t;
					snprintf(buf, sizeof(buf), "+ %zu more", hidden);
					layout__measure(b, buf, 0, 0, &t);
					lb = layout__add_label(b, buf, LAYOUT_TEXT_MORE, m.f, c->x + cc * (colw + m.cgap),
						       y + rr * m.lh, t.w * m.f / 100 > colw ? colw : t.w * m.f / 100,
						       t.h * m.f / 100);
					lb->quadrant = ql->q;
				}
			}
			for (size_t r = 0; r < shown; r++) {
				const row *rw = &ql->rows[r];
				double x = c->x + cpos[r] * (colw + m.cgap), ry = y + rpos[r] * m.lh;
				if (rw->subhead) {
					double px = m.f * 0.8, w = ring_t[rw->ring].w * px / 100;
					lb = layout__add_label(b, in->ring_names[rw->ring], LAYOUT_TEXT_SUBHEAD, px,
						       x, ry + (m.lh - ring_t[rw->ring].h * px / 100) * 0.7,
						       w > colw ? colw : w, ring_t[rw->ring].h * px / 100);
					lb->bold = 1;
					lb->ellipsized = w > colw;
					lb->quadrant = ql->q;
					lb->ring = rw->ring;
				} else {
					double w = items[rw->blip].w * m.f / 100;
					lb = layout__add_label(b, texts[rw->blip], LAYOUT_TEXT_ITEM, m.f, x, ry,
						       w > colw ? colw : w, items[rw->blip].h * m.f / 100);
					lb->nbold = nbolds[rw->blip];
					lb->ellipsized = w > colw;
					lb->quadrant = ql->q;
					lb->ring = rw->ring;
					lb->blip = (long)rw->blip;
				}
			}
			y = hy + box_height(ql, &m) + m.qgap;
			free(cpos);
			free(rpos);
		}
	}
	for (size_t q = 0; q < nq; q++)
		free(qls[q].rows);
	for (size_t i = 0; i < l->nblips; i++)
		free(texts[i]);
	free(texts);
	free(nbolds);
	free(items);
}

