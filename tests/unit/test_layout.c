/*
 * The layout's invariants, without cairo: every blip strictly inside its
 * sector and ring band, no two blips overlap, no text box overlaps a blip or
 * another text box, same input -> same coordinates, unchanged entries keep
 * their spots, at 2..8 sectors x 2..6 rings, 200 entries, 100 in one cell.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "renderer/layout.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* A fake measurer: 0.56 em per byte (bold 0.62), 1.2 em high. */
static void fake_measure(void *ctx, const char *text, size_t nbold, int bold, double px, double *w,
			 double *h)
{
	size_t n = strlen(text);
	(void)ctx;
	*w = px * (bold ? 0.62 : 0.56) * (double)n + px * 0.06 * (double)(nbold < n ? nbold : n);
	*h = px * 1.2;
}

static const char *const qnames[8] = { "Techniques", "Tools", "Platforms", "Languages & Frameworks",
				       "Data", "Security", "Practices", "Very long quadrant name that "
								       "will not fit in any legend column" };
static const char *const rnames[6] = { "Adopt", "Trial", "Assess", "Hold", "Retire", "Sixth" };

typedef struct set {
	layout_entry *e;
	char (*ids)[32];
	char (*names)[80];
	size_t n;
} set;

static unsigned long long rng_state;
static unsigned rnd(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(rng_state >> 33);
}

/* n entries spread at random (seeded) over nq x nr cells; `crowd` of them in cell (1, last). */
static set make_set(size_t n, size_t nq, size_t nr, size_t crowd, unsigned seed)
{
	set s;
	rng_state = seed;
	s.n = n;
	s.e = calloc(n + 1, sizeof(*s.e));
	s.ids = calloc(n + 1, sizeof(*s.ids));
	s.names = calloc(n + 1, sizeof(*s.names));
	for (size_t i = 0; i < n; i++) {
		snprintf(s.ids[i], sizeof(s.ids[i]), "tech-%zu-%u", i, seed);
		snprintf(s.names[i], sizeof(s.names[i]), i % 17 == 3 ? "Technology with a rather long name number %zu"
								      : "Tech %zu", i);
		s.e[i].id = s.ids[i];
		s.e[i].name = s.names[i];
		if (i < crowd) {
			s.e[i].quadrant = (int)(1 % nq);
			s.e[i].ring = (int)nr - 1;
		} else {
			s.e[i].quadrant = (int)(rnd() % nq);
			s.e[i].ring = (int)(rnd() % nr);
		}
		s.e[i].marker = (layout_marker)(rnd() % 4);
	}
	return s;
}

static void free_set(set *s)
{
	free(s->e);
	free(s->ids);
	free(s->names);
}

static layout_input input(const set *s, size_t nq, size_t nr, double w, double h)
{
	layout_input in;
	memset(&in, 0, sizeof(in));
	in.width = w;
	in.height = h;
	in.title = "Platform Team Technology Radar";
	in.edition = "2026-11-29 · 200 technologies";
	in.quadrant_names = qnames;
	in.nquadrants = nq;
	in.ring_names = rnames;
	in.nrings = nr;
	in.entries = s->e;
	in.nentries = s->n;
	in.key = 1;
	in.measure = fake_measure;
	return in;
}

static layout *compute(const layout_input *in)
{
	layout *l = NULL;
	strbuf err = STRBUF_INIT;
	int rc = layout_compute(&l, in, &err);
	if (rc)
		fprintf(stderr, "layout_compute: %s\n", strbuf_str(&err));
	assert_int_equal(rc, 0);
	strbuf_free(&err);
	return l;
}

static int rects_overlap(const layout_label *a, const layout_label *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static int circle_rect(const layout_blip *c, const layout_label *r)
{
	double qx = c->x < r->x ? r->x : c->x > r->x + r->w ? r->x + r->w : c->x;
	double qy = c->y < r->y ? r->y : c->y > r->y + r->h ? r->y + r->h : c->y;
	return hypot(c->x - qx, c->y - qy) < c->r;
}

/* Every invariant the picture promises; fails the test with the culprit. */
static void check_invariants(const layout *l, const layout_input *in)
{
	assert_int_equal(l->nblips, in->nentries);
	for (size_t i = 0; i < l->nblips; i++) {
		const layout_blip *b = &l->blips[i];
		const layout_entry *e = &in->entries[b->entry];
		double dx = b->x - l->cx, dy = b->y - l->cy, rho = hypot(dx, dy);
		double th = atan2(dx, -dy) * 180 / M_PI, s0, s1;
		assert_int_equal(b->quadrant, e->quadrant);
		assert_int_equal(b->ring, e->ring);
		assert_int_equal(b->number, (int)i + 1);
		assert_true(b->r > 0);
		if (th < 0)
			th += 360;
		s0 = l->sector_start[b->quadrant];
		s1 = l->sector_end[b->quadrant];
		if (!(th > s0 && th < s1 && rho - b->r > l->ring_inner[b->ring] &&
		      rho + b->r < l->ring_outer[b->ring] &&
		      rho * sin((th - s0) * M_PI / 180) > b->r && rho * sin((s1 - th) * M_PI / 180) > b->r))
			fail_msg("blip %s (%g, %g r %g) leaves quadrant %d ring %d", e->id, b->x, b->y,
				 b->r, b->quadrant, b->ring);
		for (size_t j = i + 1; j < l->nblips; j++) {
			const layout_blip *o = &l->blips[j];
			if (hypot(b->x - o->x, b->y - o->y) <= b->r + o->r)
				fail_msg("blips %s and %s overlap", e->id, in->entries[o->entry].id);
		}
	}
	for (size_t i = 0; i < l->nlabels; i++) {
		const layout_label *a = &l->labels[i];
		if (a->x < 0 || a->y < 0 || a->x + a->w > l->width + 1e-6 || a->y + a->h > l->height + 1e-6)
			fail_msg("label '%s' (%g,%g %gx%g) leaves the canvas", a->text, a->x, a->y, a->w, a->h);
		for (size_t j = i + 1; j < l->nlabels; j++)
			if (rects_overlap(a, &l->labels[j]))
				fail_msg("labels '%s' and '%s' overlap", a->text, l->labels[j].text);
		for (size_t j = 0; j < l->nblips; j++)
			if (circle_rect(&l->blips[j], a))
				fail_msg("label '%s' covers blip %d", a->text, l->blips[j].number);
		/* legends stay off the radar */
		if (a->kind == LAYOUT_TEXT_ITEM || a->kind == LAYOUT_TEXT_QUADRANT ||
		    a->kind == LAYOUT_TEXT_SUBHEAD || a->kind == LAYOUT_TEXT_MORE)
			assert_true(a->x + a->w < l->cx - l->radius || a->x > l->cx + l->radius);
	}
}

static void test_every_shape(void **state)
{
	(void)state;
	for (size_t nq = 2; nq <= 8; nq++)
		for (size_t nr = 2; nr <= 6; nr++) {
			set s = make_set(40 + nq * nr, nq, nr, 0, (unsigned)(nq * 10 + nr));
			layout_input in = input(&s, nq, nr, 1920, 1080);
			layout *l = compute(&in);
			check_invariants(l, &in);
			assert_int_equal(l->nrings, nr);
			assert_int_equal(l->nsectors, nq);
			/* inner rings are wider */
			for (size_t k = 0; k + 1 < nr; k++)
				assert_true(l->ring_outer[k] - l->ring_inner[k] >
					    l->ring_outer[k + 1] - l->ring_inner[k + 1]);
			layout_free(l);
			free_set(&s);
		}
}

static void test_presets_and_sizes(void **state)
{
	static const double sizes[][2] = { { 1920, 1080 }, { 1600, 1200 }, { 3508, 2480 },
					   { 800, 600 }, { 1080, 1920 }, { 4000, 1000 } };
	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		set s = make_set(120, 4, 4, 0, 7);
		layout_input in = input(&s, 4, 4, sizes[i][0], sizes[i][1]);
		layout *l = compute(&in);
		check_invariants(l, &in);
		layout_free(l);
		free_set(&s);
	}
}

static void test_deterministic(void **state)
{
	set s = make_set(200, 5, 4, 30, 42);
	layout_input in = input(&s, 5, 4, 1920, 1080);
	layout *a = compute(&in), *b = compute(&in);
	(void)state;
	assert_int_equal(a->nblips, b->nblips);
	assert_int_equal(a->nlabels, b->nlabels);
	assert_memory_equal(a->blips, b->blips, a->nblips * sizeof(*a->blips));
	for (size_t i = 0; i < a->nlabels; i++) {
		assert_string_equal(a->labels[i].text, b->labels[i].text);
		assert_true(a->labels[i].x == b->labels[i].x && a->labels[i].y == b->labels[i].y &&
			    a->labels[i].w == b->labels[i].w && a->labels[i].h == b->labels[i].h);
	}
	layout_free(a);
	layout_free(b);
	free_set(&s);
}

/* Where entry `id` landed, or NULL. */
static const layout_blip *find(const layout *l, const layout_input *in, const char *id)
{
	for (size_t i = 0; i < l->nblips; i++)
		if (!strcmp(in->entries[l->blips[i].entry].id, id))
			return &l->blips[i];
	return NULL;
}

/* Adding or removing entries leaves the others where they were, but for local nudges. */
static void test_stable(void **state)
{
	set s = make_set(80, 4, 4, 0, 99);
	layout_input all = input(&s, 4, 4, 1920, 1080), fewer = all, more;
	set extra = make_set(90, 4, 4, 0, 1234);
	layout *la, *lf, *lm;
	size_t kept = 0, same = 0;
	(void)state;

	fewer.nentries = 72; /* 8 removed */
	la = compute(&all);
	lf = compute(&fewer);
	for (size_t i = 0; i < fewer.nentries; i++) {
		const layout_blip *a = find(la, &all, s.e[i].id), *b = find(lf, &fewer, s.e[i].id);
		kept++;
		same += hypot(a->x - b->x, a->y - b->y) < 0.5;
	}
	printf("# stability: %zu of %zu entries kept their spot\n", same, kept);
	assert_true(same * 100 >= kept * 90);
	/* 10 added: the 80 mostly stay put */
	memcpy(extra.e, s.e, 80 * sizeof(*s.e));
	more = input(&extra, 4, 4, 1920, 1080);
	lm = compute(&more);
	check_invariants(lm, &more);
	kept = same = 0;
	for (size_t i = 0; i < 80; i++) {
		const layout_blip *a = find(la, &all, s.e[i].id), *b = find(lm, &more, s.e[i].id);
		kept++;
		same += hypot(a->x - b->x, a->y - b->y) < 0.5;
	}
	printf("# stability: %zu of %zu entries kept their spot\n", same, kept);
	assert_true(same * 100 >= kept * 90);
	layout_free(la);
	layout_free(lf);
	layout_free(lm);
	free_set(&s);
	free_set(&extra);
}

static void test_200_random(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 5; seed++) {
		set s = make_set(200, 4, 4, 0, seed);
		layout_input in = input(&s, 4, 4, 1920, 1080);
		layout *l = compute(&in);
		check_invariants(l, &in);
		layout_free(l);
		free_set(&s);
	}
}

/* 100 entries in one quadrant-ring cell (the outer one), 100 more anywhere. */
static void test_100_in_one_cell(void **state)
{
	set s = make_set(200, 4, 4, 100, 3);
	layout_input in = input(&s, 4, 4, 1920, 1080);
	layout *l = compute(&in);
	(void)state;
	check_invariants(l, &in);
	layout_free(l);
	free_set(&s);
	/* the innermost cell is the smallest: there the blips must shrink */
	s = make_set(200, 4, 4, 0, 5);
	for (size_t i = 0; i < 100; i++)
		s.e[i].quadrant = 2, s.e[i].ring = 0;
	in = input(&s, 4, 4, 1920, 1080);
	l = compute(&in);
	check_invariants(l, &in);
	assert_true(l->shrunk);
	assert_int_equal(l->crowded_quadrant, 2);
	assert_int_equal(l->crowded_ring, 0);
	assert_true(l->crowded_count >= 100);
	assert_true(l->blip_r < l->blip_r_wanted);
	layout_free(l);
	free_set(&s);
}

/* Same id, same name: the hash puts them on the same seed; they must still part. */
static void test_adversarial_same_seed(void **state)
{
	set s = make_set(60, 2, 2, 0, 8);
	layout_input in;
	layout *l;
	(void)state;
	for (size_t i = 0; i < 60; i++) {
		strcpy(s.ids[i], "same");
		s.e[i].quadrant = 0;
		s.e[i].ring = 1;
	}
	in = input(&s, 2, 2, 1920, 1080);
	l = compute(&in);
	check_invariants(l, &in);
	layout_free(l);
	free_set(&s);
}

static void test_legend_overflow(void **state)
{
	/* more names than any legend can list at a readable size: "+ N more", no overlaps */
	set s = make_set(1000, 4, 4, 0, 11);
	layout_input in = input(&s, 4, 4, 1280, 720);
	layout *l;
	clock_t t0 = clock();
	(void)state;
	l = compute(&in);
	printf("# layout of 1000 entries at 1280x720: %.1f ms (blip r %.1f, %zu names hidden)\n",
	       (double)(clock() - t0) * 1000 / CLOCKS_PER_SEC, l->blip_r, l->hidden);
	check_invariants(l, &in);
	assert_true(l->hidden > 0);
	layout_free(l);
	free_set(&s);
}

static void test_timing_200(void **state)
{
	set s = make_set(200, 4, 4, 0, 21);
	layout_input in = input(&s, 4, 4, 1920, 1080);
	clock_t t0 = clock();
	layout *l = compute(&in);
	(void)state;
	printf("# layout of 200 entries at 1920x1080: %.2f ms\n",
	       (double)(clock() - t0) * 1000 / CLOCKS_PER_SEC);
	layout_free(l);
	free_set(&s);
	s = make_set(1000, 4, 4, 0, 22);
	in = input(&s, 4, 4, 3840, 2160);
	t0 = clock();
	l = compute(&in);
	printf("# layout of 1000 entries at 3840x2160: %.2f ms\n",
	       (double)(clock() - t0) * 1000 / CLOCKS_PER_SEC);
	check_invariants(l, &in);
	layout_free(l);
	free_set(&s);
}

static void test_bad_input(void **state)
{
	set s = make_set(3, 4, 4, 0, 1);
	layout_input in = input(&s, 9, 4, 1920, 1080);
	layout *l = NULL;
	strbuf err = STRBUF_INIT;
	(void)state;
	assert_int_equal(layout_compute(&l, &in, &err), -1);
	assert_null(l);
	in = input(&s, 4, 1, 1920, 1080);
	assert_int_equal(layout_compute(&l, &in, &err), -1);
	s.e[0].ring = 7;
	in = input(&s, 4, 4, 1920, 1080);
	assert_int_equal(layout_compute(&l, &in, &err), -1);
	strbuf_free(&err);
	free_set(&s);
	assert_int_equal(layout_hash("mojo"), layout_hash("mojo"));
	assert_true(layout_hash("mojo") != layout_hash("moja"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_shape),
		cmocka_unit_test(test_presets_and_sizes),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_stable),
		cmocka_unit_test(test_200_random),
		cmocka_unit_test(test_100_in_one_cell),
		cmocka_unit_test(test_adversarial_same_seed),
		cmocka_unit_test(test_legend_overflow),
		cmocka_unit_test(test_timing_200),
		cmocka_unit_test(test_bad_input),
	};
	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
