/*
 * gen-radar — deterministic generator of a large technology radar for benchmarks.
 *
 *   gen-radar DIR [--entries N] [--seed S]
 *
 * Writes DIR/radar/tech-NNNN.yaml (N entries, default 2000) in radar's default layout
 * (no .radar.yml, so the documented defaults apply). The same N and S always give
 * byte-identical files: the only randomness is a seeded splitmix64, and nothing depends
 * on the clock, the locale or the environment. DIR is created if missing (its parent must exist); an existing
 * DIR/radar must be empty or absent. The Git side (init, commit, gc) is the harness's
 * job (bench/run.sh).
 *
 * C11 and POSIX (mkdir, opendir); no other dependencies.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	/* splitmix64 (Steele, Lea, Flood 2014) */
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* uniform in [0, n) without modulo bias */
static unsigned rng_below(unsigned n)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % n;
	uint64_t x;
	do
		x = rng_next();
	while (x >= limit);
	return (unsigned)(x % n);
}

static const char *const quadrants[] = {"techniques", "tools", "platforms",
					"languages-and-frameworks"};
static const char *const rings[] = {"adopt", "trial", "assess", "hold"};
static const char *const raters[] = {"alice", "bob", "carol", "dave", "erin", "frank"};
static const char *const dims[] = {"maturity", "ecosystem", "migration", "maintenance"};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* a score on [1, 5] in steps of 0.5, as YAML writes it: 3, 3.5 */
static void put_score(FILE *f, unsigned halves /* 2..10 */)
{
	if (halves % 2)
		fprintf(f, "%u.5", halves / 2);
	else
		fprintf(f, "%u", halves / 2);
}

static void usage(void)
{
	fputs("usage: gen-radar DIR [--entries N] [--seed S]\n", stderr);
	exit(2);
}

static unsigned long long parse_num(const char *opt, const char *s, unsigned long long max)
{
	char *end;
	errno = 0;
	if (!s || !*s || *s == '-')
		goto bad;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		goto bad;
	return v;
bad:
	fprintf(stderr, "gen-radar: %s: invalid number '%s'\n", opt, s ? s : "");
	exit(2);
}

static void mkdir_p1(const char *path)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "gen-radar: mkdir %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

static void require_empty(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		fprintf(stderr, "gen-radar: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			fprintf(stderr, "gen-radar: %s is not empty; refusing to overwrite\n", path);
			exit(1);
		}
	}
	closedir(d);
}

static void write_entry(FILE *f, unsigned long i)
{
	unsigned q = rng_below(COUNT(quadrants));
	int has_ring = rng_below(100) < 60;
	unsigned ring = rng_below(COUNT(rings));

	fprintf(f, "name: Tech %04lu\n", i);
	fprintf(f, "quadrant: %s\n", quadrants[q]);
	if (has_ring)
		fprintf(f, "ring: %s\n", rings[ring]);
	fprintf(f, "description: Generated entry %lu for benchmarking.\n", i);
	fprintf(f, "tags: [bench, t%u]\n", rng_below(10));

	/* 2 or 3 distinct raters: a partial Fisher–Yates shuffle of the rater pool */
	unsigned pool[COUNT(raters)];
	for (unsigned k = 0; k < COUNT(raters); k++)
		pool[k] = k;
	unsigned nr = 2 + rng_below(2);
	for (unsigned k = 0; k < nr; k++) {
		unsigned j = k + rng_below((unsigned)COUNT(raters) - k);
		unsigned t = pool[k];
		pool[k] = pool[j];
		pool[j] = t;
	}

	fputs("scores:\n", f);
	for (unsigned k = 0; k < nr; k++) {
		/* 2025-01-01 .. 2026-02-28: every rating predates the harness's commit
		 * (2026-03-01) */
		int mi = (int)rng_below(14);
		int y = 2025 + mi / 12;
		int m = 1 + mi % 12;
		int d = 1 + (int)rng_below((unsigned)days_in_month(y, m));
		fprintf(f, "  - {date: %04d-%02d-%02d, by: %s", y, m, d, raters[pool[k]]);
		for (unsigned n = 0; n < COUNT(dims); n++) {
			fprintf(f, ", %s: ", dims[n]);
			put_score(f, 2 + rng_below(9)); /* 2..10 halves = 1..5 */
		}
		fputs("}\n", f);
	}
}

int main(int argc, char **argv)
{
	const char *dir = NULL;
	unsigned long long entries = 2000, seed = 42;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--entries"))
			entries = parse_num("--entries", i + 1 < argc ? argv[++i] : NULL, 9999);
		else if (!strcmp(argv[i], "--seed"))
			seed = parse_num("--seed", i + 1 < argc ? argv[++i] : NULL, UINT64_MAX);
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs("usage: gen-radar DIR [--entries N] [--seed S]\n"
			      "  writes DIR/radar/tech-NNNN.yaml; N <= 9999 (default 2000), S default 42\n",
			      stdout);
			return 0;
		} else if (argv[i][0] == '-' || dir)
			usage();
		else
			dir = argv[i];
	}
	if (!dir)
		usage();

	size_t dl = strlen(dir);
	char *path = malloc(dl + 64);
	if (!path)
		return 1;
	mkdir_p1(dir);
	snprintf(path, dl + 64, "%s/radar", dir);
	mkdir_p1(path);
	require_empty(path);

	rng_state = seed;
	for (unsigned long i = 0; i < entries; i++) {
		snprintf(path, dl + 64, "%s/radar/tech-%04lu.yaml", dir, i);
		FILE *f = fopen(path, "w");
		if (!f) {
			fprintf(stderr, "gen-radar: %s: %s\n", path, strerror(errno));
			return 1;
		}
		write_entry(f, i);
		if (ferror(f) | fclose(f)) {
			fprintf(stderr, "gen-radar: write %s failed\n", path);
			return 1;
		}
	}
	free(path);
	return 0;
}
