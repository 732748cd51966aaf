/*
 * gen-history: writes a `git fast-import` stream for a radar repository with a
 * long history, deterministically from a seed.
 *
 *   gen-history [--commits 3000] [--entries 500] [--entry-commits 2000]
 *               [--adrs 1000] [--tags 8] [--seed 42] | git fast-import --quiet
 *
 * Entry commits add or change entries (append a score block, or move the ring);
 * the other commits add ADRs under docs/adr/ and touch nothing in radar/. Every
 * 60th entry commit happens on a short topic branch that is merged back with a
 * merge commit. Annotated tags 2024-Q1 ... mark evenly spaced main-line commits.
 * Writes refs/heads/main; the caller checks it out (or not).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;
static uint64_t rnd(void)
{
	uint64_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}
static int rint_(int n) { return (int)(rnd() % (uint64_t)n); }

#define MAXB 6
static const char *rings[] = { "adopt", "trial", "assess", "hold" };
static const char *quads[] = { "techniques", "tools", "platforms", "languages-and-frameworks" };
static const char *people[] = { "alice", "bob", "carol", "dan", "erin" };

typedef struct entry {
	int exists, ring, quad, nb;
	int sc[MAXB][4];
	int day[MAXB];
	int by[MAXB];
} entry;

static entry *E;
static int mark = 0;
static long long now = 1704103200; /* 2024-01-01 10:00 UTC */

static void data(const char *s, size_t n)
{
	printf("data %zu\n", n);
	fwrite(s, 1, n, stdout);
	putchar('\n');
}

static char buf[65536];

static size_t entry_text(int i)
{
	entry *e = &E[i];
	size_t n = 0;
	n += (size_t)snprintf(buf + n, sizeof(buf) - n,
			      "name: Tech %d\nquadrant: %s\nring: %s\ndescription: Technology number %d, "
			      "generated for the history benchmark.\ntags: [bench, t%d]\nscores:\n",
			      i, quads[e->quad], rings[e->ring], i, i % 17);
	for (int b = 0; b < e->nb; b++) {
		int d = e->day[b];
		n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				      "  - {date: %04d-%02d-%02d, by: %s, maturity: %d.%d, ecosystem: %d.%d, "
				      "migration: %d.%d, maintenance: %d.%d}\n",
				      2024 + d / 336, 1 + d / 28 % 12, 1 + d % 28, people[e->by[b]],
				      e->sc[b][0] / 2, e->sc[b][0] % 2 * 5, e->sc[b][1] / 2, e->sc[b][1] % 2 * 5,
				      e->sc[b][2] / 2, e->sc[b][2] % 2 * 5, e->sc[b][3] / 2, e->sc[b][3] % 2 * 5);
	}
	return n;
}

static void add_block(entry *e, int day)
{
	if (e->nb == MAXB) {
		memmove(e->sc, e->sc + 1, sizeof(e->sc[0]) * (MAXB - 1));
		memmove(e->day, e->day + 1, sizeof(e->day[0]) * (MAXB - 1));
		memmove(e->by, e->by + 1, sizeof(e->by[0]) * (MAXB - 1));
		e->nb--;
	}
	for (int k = 0; k < 4; k++)
		e->sc[e->nb][k] = 2 + rint_(9); /* 1.0 .. 5.0 in half points */
	e->day[e->nb] = day;
	e->by[e->nb] = rint_(5);
	e->nb++;
}

static void header(const char *ref, const char *who, const char *msg)
{
	now += 1800 + rint_(86400);
	printf("commit %s\nmark :%d\n", ref, ++mark);
	printf("author %s <%s@example.org> %lld +0000\n", who, who, now);
	printf("committer %s <%s@example.org> %lld +0000\n", who, who, now);
	data(msg, strlen(msg));
}

/* One change to entry i: returns its file content in buf. */
static size_t change_entry(int i, char *msg, size_t msgn)
{
	entry *e = &E[i];
	int day = (int)((now - 1704103200) / 86400);
	if (!e->exists) {
		e->exists = 1;
		e->quad = rint_(4);
		e->ring = 1 + rint_(3);
		add_block(e, day);
		snprintf(msg, msgn, "Add Tech %d", i);
	} else if (rint_(4) == 0) {
		int r = rint_(4);
		e->ring = r == e->ring ? (r + 1) % 4 : r;
		snprintf(msg, msgn, "Move Tech %d to %s", i, rings[e->ring]);
	} else {
		add_block(e, day);
		snprintf(msg, msgn, "Rate Tech %d", i);
	}
	return entry_text(i);
}

int main(int argc, char **argv)
{
	int commits = 3000, entries = 500, ecommits = 2000, adrs = 1000, tags = 8;
	unsigned long long seed = 42;
	int adr_no = 0, ec = 0, main_mark = 0, made = 0;
	char msg[256], path[128];
	int *tag_at;

	for (int k = 1; k + 1 < argc; k += 2) {
		if (!strcmp(argv[k], "--commits")) commits = atoi(argv[k + 1]);
		else if (!strcmp(argv[k], "--entries")) entries = atoi(argv[k + 1]);
		else if (!strcmp(argv[k], "--entry-commits")) ecommits = atoi(argv[k + 1]);
		else if (!strcmp(argv[k], "--adrs")) adrs = atoi(argv[k + 1]);
		else if (!strcmp(argv[k], "--tags")) tags = atoi(argv[k + 1]);
		else if (!strcmp(argv[k], "--seed")) seed = strtoull(argv[k + 1], NULL, 10);
		else { fprintf(stderr, "gen-history: unknown option %s\n", argv[k]); return 2; }
	}
	if (commits < ecommits + adrs) {
		fprintf(stderr, "gen-history: --commits must be at least entry commits + ADRs\n");
		return 2;
	}
	rng_state = seed * 2654435761ULL + 88172645463325252ULL;
	E = calloc((size_t)entries, sizeof(*E));
	tag_at = calloc((size_t)tags + 1, sizeof(int));
	for (int t = 0; t < tags; t++)
		tag_at[t] = (t + 1) * commits / tags;

	/* The first commit: the configuration. */
	header("refs/heads/main", "alice", "Start the radar");
	{
		const char *cfg = "title: Bench Radar\nreview: {after_months: 3}\n";
		printf("M 100644 inline .radar.yml\n");
		data(cfg, strlen(cfg));
	}
	main_mark = mark;
	made = 1;
	while (made < commits) {
		int left_e = ecommits - ec, left_a = adrs - adr_no;
		int is_entry = left_a <= 0 || (left_e > 0 && rint_(left_e + left_a) < left_e);
		if (!is_entry && left_a <= 0)
			break;
		if (is_entry && ec > 0 && ec % 60 == 0 && left_e >= 2) {
			/* A topic branch: two entry commits, merged back. */
			int a = rint_(entries), b = rint_(entries);
			size_t n;
			int side1, side2;
			n = change_entry(a, msg, sizeof(msg));
			header("refs/heads/topic", people[rint_(5)], msg);
			printf("from :%d\n", main_mark);
			snprintf(path, sizeof(path), "radar/tech-%03d.yaml", a);
			printf("M 100644 inline %s\n", path);
			data(buf, n);
			side1 = mark;
			n = change_entry(b, msg, sizeof(msg));
			header("refs/heads/topic", people[rint_(5)], msg);
			printf("from :%d\n", side1);
			snprintf(path, sizeof(path), "radar/tech-%03d.yaml", b);
			printf("M 100644 inline %s\n", path);
			data(buf, n);
			side2 = mark;
			header("refs/heads/main", "alice", "Merge branch 'topic'");
			printf("from :%d\nmerge :%d\n", main_mark, side2);
			n = entry_text(a);
			printf("M 100644 inline radar/tech-%03d.yaml\n", a);
			data(buf, n);
			n = entry_text(b);
			printf("M 100644 inline radar/tech-%03d.yaml\n", b);
			data(buf, n);
			main_mark = mark;
			ec += 2;
			made += 3;
		} else if (is_entry) {
			int a = rint_(entries);
			size_t n = change_entry(a, msg, sizeof(msg));
			header("refs/heads/main", people[rint_(5)], msg);
			printf("from :%d\n", main_mark);
			printf("M 100644 inline radar/tech-%03d.yaml\n", a);
			data(buf, n);
			main_mark = mark;
			ec++;
			made++;
		} else {
			size_t n;
			adr_no++;
			snprintf(msg, sizeof(msg), "ADR %d: Decision number %d", adr_no, adr_no);
			header("refs/heads/main", people[rint_(5)], msg);
			printf("from :%d\n", main_mark);
			n = (size_t)snprintf(buf, sizeof(buf),
					     "# %d. Decision number %d\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n"
					     "## Context\n\nGenerated context for decision %d. %s\n\n## Decision\n\n"
					     "We will do thing %d.\n\n## Consequences\n\nSome.\n",
					     adr_no, adr_no, adr_no,
					     "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod "
					     "tempor incididunt ut labore et dolore magna aliqua.", adr_no);
			printf("M 100644 inline docs/adr/%04d-decision-number-%d.md\n", adr_no, adr_no);
			data(buf, n);
			main_mark = mark;
			made++;
		}
		for (int t = 0; t < tags; t++)
			if (tag_at[t] && made >= tag_at[t]) {
				printf("tag %d-Q%d\nfrom :%d\n", 2024 + t / 4, t % 4 + 1, main_mark);
				printf("tagger alice <alice@example.org> %lld +0000\n", now + 60);
				snprintf(msg, sizeof(msg), "Bench Radar, %d-Q%d edition", 2024 + t / 4, t % 4 + 1);
				data(msg, strlen(msg));
				tag_at[t] = 0;
			}
	}
	printf("reset refs/heads/topic\nfrom 0000000000000000000000000000000000000000\n\n");
	free(E);
	free(tag_at);
	return 0;
}
