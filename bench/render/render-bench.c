/*
 * render-bench — the in-process half of the render benchmark (bench/render/run.sh).
 *
 *   render-bench [--layout-entries N] [--draw-entries N] [--runs R] [--seed S] [--png FILE]
 *
 * Builds a synthetic radar the way bench/gen-radar does (ids tech-NNNN, names
 * "Tech NNNN", four quadrants and four rings drawn uniformly from a seeded
 * splitmix64; no markers), then times, each as the median of R runs after one
 * warm-up run (CLOCK_MONOTONIC):
 *
 *   layout_pango   layout_compute of --layout-entries (1000) entries, 1920x1080,
 *                  measuring with pango (renderer/draw.h's render_measure)
 *   layout_fake    the same with a fixed-width fake measurer (0.56 em a byte,
 *                  as tests/unit/test_layout.c): the layout's own cost
 *   layout_small   layout_compute of --draw-entries (200) entries, pango
 *   draw_small     render_draw of that layout to a PNG in memory
 *   baseline       bench/render/baseline-draw.c: 200 plain circles and 200
 *                  labels to a 1920x1080 PNG in memory, with cairo and pango
 *
 * The measurer (its font map) is made once, as `radar render` does; its cost
 * and the first (cold) layout are printed too. Output: one `key value` line
 * per figure (times in ms), for run.sh to read. Exit 1 when something fails.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "renderer/draw.h"
#include "renderer/layout.h"
#include "baseline-draw.h"

#define MAX_RUNS 101

static const char *const qnames[4] = { "Techniques", "Tools", "Platforms",
				       "Languages & Frameworks" };
static const char *const rnames[4] = { "Adopt", "Trial", "Assess", "Hold" };

static uint64_t rng_state;
static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

typedef struct set {
	layout_entry *e;
	char (*ids)[16];
	char (*names)[16];
	size_t n;
	char edition[64];
} set;

static set make_set(size_t n, unsigned long long seed)
{
	set s;
	rng_state = seed;
	s.n = n;
	s.e = calloc(n, sizeof(*s.e));
	s.ids = calloc(n, sizeof(*s.ids));
	s.names = calloc(n, sizeof(*s.names));
	if (!s.e || !s.ids || !s.names) {
		fputs("render-bench: out of memory\n", stderr);
		exit(1);
	}
	for (size_t i = 0; i < n; i++) {
		snprintf(s.ids[i], sizeof(s.ids[i]), "tech-%04zu", i % 100000);
		snprintf(s.names[i], sizeof(s.names[i]), "Tech %04zu", i % 100000);
		s.e[i].id = s.ids[i];
		s.e[i].name = s.names[i];
		s.e[i].quadrant = (int)(rng_next() % 4);
		s.e[i].ring = (int)(rng_next() % 4);
		s.e[i].marker = LAYOUT_MARK_NONE;
	}
	snprintf(s.edition, sizeof(s.edition), "2026-03-01 · %zu technologies", n);
	return s;
}

static void free_set(set *s)
{
	free(s->e);
	free(s->ids);
	free(s->names);
}

static layout_input input(const set *s, layout_measure_fn fn, void *ctx)
{
	layout_input in;
	memset(&in, 0, sizeof(in));
	in.width = 1920;
	in.height = 1080;
	in.title = "Technology Radar";
	in.edition = s->edition;
	in.quadrant_names = qnames;
	in.nquadrants = 4;
	in.ring_names = rnames;
	in.nrings = 4;
	in.entries = s->e;
	in.nentries = s->n;
	in.key = 0;
	in.measure = fn;
	in.measure_ctx = ctx;
	return in;
}

/* A fixed-width fake: 0.56 em a byte (bold 0.62), 1.2 em high. */
static void fake_measure(void *ctx, const char *text, size_t nbold, int bold, double px, double *w,
			 double *h)
{
	size_t n = strlen(text);
	(void)ctx;
	*w = px * (bold ? 0.62 : 0.56) * (double)n + px * 0.06 * (double)(nbold < n ? nbold : n);
	*h = px * 1.2;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The median of t[0..n) (sorts t). */
static double median(double *t, int n)
{
	qsort(t, (size_t)n, sizeof(*t), cmp_double);
	return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

static layout *compute(const layout_input *in, const char *what)
{
	layout *l = NULL;
	strbuf err = STRBUF_INIT;
	if (layout_compute(&l, in, &err)) {
		fprintf(stderr, "render-bench: %s: layout_compute: %s\n", what, strbuf_str(&err));
		exit(1);
	}
	strbuf_free(&err);
	if (l->nblips != in->nentries) {
		fprintf(stderr, "render-bench: %s: %zu blips for %zu entries\n", what, l->nblips,
			in->nentries);
		exit(1);
	}
	return l;
}

/* Times `runs` layouts of `in` after a warm-up one; prints KEY_ms and what the layout did. */
static void time_layout(const char *key, const layout_input *in, int runs)
{
	double t[MAX_RUNS], med;
	layout *l = compute(in, key);
	printf("%s_blips %zu\n%s_blip_r %.2f\n%s_blip_r_wanted %.2f\n%s_hidden %zu\n%s_labels %zu\n",
	       key, l->nblips, key, l->blip_r, key, l->blip_r_wanted, key, l->hidden, key,
	       l->nlabels);
	layout_free(l);
	for (int i = 0; i < runs; i++) {
		double t0 = now_ms();
		l = compute(in, key);
		t[i] = now_ms() - t0;
		layout_free(l);
	}
	med = median(t, runs); /* sorts t */
	printf("%s_ms %.3f\n%s_min_ms %.3f\n%s_max_ms %.3f\n", key, med, key, t[0], key, t[runs - 1]);
}

static long parse_long(const char *opt, const char *s, long lo, long hi)
{
	char *end;
	long v = strtol(s ? s : "", &end, 10);
	if (!s || !*s || *end || v < lo || v > hi) {
		fprintf(stderr, "render-bench: %s wants a number from %ld to %ld\n", opt, lo, hi);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	long nlayout = 1000, ndraw = 200, runs = 7;
	unsigned long long seed = 42;
	const char *png_path = NULL;
	render_measurer *m = NULL;
	strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	render_style st = { 0, 96 };
	double t[MAX_RUNS], t0;
	struct rusage ru;

	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(argv[i], "--layout-entries"))
			nlayout = parse_long(argv[i], v, 1, 100000), i++;
		else if (!strcmp(argv[i], "--draw-entries"))
			ndraw = parse_long(argv[i], v, 1, 100000), i++;
		else if (!strcmp(argv[i], "--runs"))
			runs = parse_long(argv[i], v, 1, MAX_RUNS), i++;
		else if (!strcmp(argv[i], "--seed"))
			seed = (unsigned long long)parse_long(argv[i], v, 0, 2147483647L), i++;
		else if (!strcmp(argv[i], "--png") && v)
			png_path = v, i++;
		else {
			fputs("usage: render-bench [--layout-entries N] [--draw-entries N] [--runs R] "
			      "[--seed S] [--png FILE]\n", stderr);
			return 2;
		}
	}

	t0 = now_ms();
	if (render_measurer_new(&m, &err)) {
		fprintf(stderr, "render-bench: %s\n", strbuf_str(&err));
		return 1;
	}
	printf("measurer_new_ms %.3f\n", now_ms() - t0);

	/* ---- layout of nlayout entries: cold (first text ever measured), pango, fake ---- */
	set big = make_set((size_t)nlayout, seed);
	layout_input in = input(&big, render_measure, m);
	t0 = now_ms();
	layout_free(compute(&in, "layout_pango (cold)"));
	printf("layout_pango_cold_ms %.3f\n", now_ms() - t0);
	time_layout("layout_pango", &in, (int)runs);
	in = input(&big, fake_measure, NULL);
	time_layout("layout_fake", &in, (int)runs);

	/* ---- ndraw entries: layout, then drawing that layout to a PNG in memory ---- */
	set small = make_set((size_t)ndraw, seed);
	layout_input sm = input(&small, render_measure, m);
	time_layout("layout_small", &sm, (int)runs);
	layout *l = compute(&sm, "layout_small");
	for (int i = -1; i < runs; i++) {
		strbuf_reset(&out);
		t0 = now_ms();
		if (render_draw(l, &sm, &st, m, RENDER_PNG, &out, &err)) {
			fprintf(stderr, "render-bench: render_draw: %s\n", strbuf_str(&err));
			return 1;
		}
		if (i >= 0)
			t[i] = now_ms() - t0;
	}
	printf("draw_small_ms %.3f\ndraw_small_bytes %zu\n", median(t, (int)runs), out.len);
	if (out.len < 8 || memcmp(out.buf, "\x89PNG\r\n\x1a\n", 8)) {
		fputs("render-bench: render_draw did not give a PNG\n", stderr);
		return 1;
	}
	if (png_path) {
		FILE *f = fopen(png_path, "wb");
		if (!f || fwrite(out.buf, 1, out.len, f) != out.len || fclose(f)) {
			perror(png_path);
			return 1;
		}
	}
	layout_free(l);

	/* ---- the baseline: ndraw plain circles and labels, no layout, PNG in memory ---- */
	{
		PangoFontMap *fm = pango_cairo_font_map_new();
		baseline_png png = { NULL, 0, 0 };
		for (int i = -1; i < runs; i++) {
			png.len = 0;
			t0 = now_ms();
			if (baseline_draw(fm, (int)ndraw, 1920, 1080, &png))
				return 1;
			if (i >= 0)
				t[i] = now_ms() - t0;
		}
		printf("baseline_ms %.3f\nbaseline_bytes %zu\n", median(t, (int)runs), png.len);
		free(png.buf);
		g_object_unref(fm);
	}

	getrusage(RUSAGE_SELF, &ru);
	printf("maxrss_kib %ld\nruns %ld\nlayout_entries %ld\ndraw_entries %ld\n", ru.ru_maxrss, runs,
	       nlayout, ndraw);
	free_set(&big);
	free_set(&small);
	render_measurer_free(m);
	strbuf_free(&out);
	strbuf_free(&err);
	return 0;
}
