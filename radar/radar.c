#include "radar.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/strbuf.h"
#include "util/text.h"
#include "util/yamltree.h"
#include "util/ytcache.h"

/* In the git directory; see util/ytcache.h. */
#define PARSE_CACHE_FILE "radar-cache"

char *radar_display_path(const repo *r, const char *path)
{
	strbuf sb = STRBUF_INIT;
	if (repo_rev(r))
		strbuf_printf(&sb, "%s:", repo_rev(r));
	strbuf_puts(&sb, path);
	return strbuf_detach(&sb);
}

/* Reads one data file, reporting what keeps it from being read. */
static int read_data_file(const repo *r, const char *path, const char *shown, char **buf,
			  size_t *len, repo_stamp *stamp, diag_list *dl, strbuf *err)
{
	strbuf e = STRBUF_INIT;
	int rc = repo_read_file_stamped(r, path, RADAR_MAX_FILE, buf, len, stamp, &e);

	if (rc == REPO_ETOOBIG)
		diag_add(dl, DIAG_ERROR, shown, 1, 1, "file is larger than 1 MiB; refused");
	else if (rc == REPO_ERROR)
		diag_add(dl, DIAG_ERROR, shown, 1, 1, "%s", strbuf_str(&e));
	strbuf_free(&e);
	(void)err;
	return rc;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp((*(radar_entry *const *)a)->id, (*(radar_entry *const *)b)->id);
}

static int cmp_judgment(const void *a, const void *b)
{
	const radar_judgment *x = *(radar_judgment *const *)a, *y = *(radar_judgment *const *)b;
	int c = date_cmp(x->when, y->when);
	return c ? c : strcmp(x->path, y->path);
}

static int load_config(radar *rd, const repo *r, diag_list *dl, strbuf *err)
{
	char *buf = NULL, *shown = radar_display_path(r, RADAR_CONFIG_FILE);
	size_t len = 0, errors = dl->errors;
	int rc = read_data_file(r, RADAR_CONFIG_FILE, shown, &buf, &len, NULL, dl, err);

	if (rc == REPO_OK) {
		rd->cfg_found = 1;
		radar_config_parse(&rd->cfg, shown, buf, len, dl);
		rd->cfg_text = buf;
		rd->cfg_len = len;
		buf = NULL;
	} else {
		rd->cfg = radar_config_default();
	}
	rd->cfg_errors = dl->errors - errors;
	free(buf);
	free(shown);
	return 0;
}

static int cmp_entry_name(const void *a, const void *b)
{
	const radar_entry *x = *(radar_entry *const *)a, *y = *(radar_entry *const *)b;
	int c = strcasecmp(x->name ? x->name : "", y->name ? y->name : "");
	/* Ties keep id order, so the second file by id is the one reported. */
	return c ? c : strcmp(x->id, y->id);
}

/* Names must be unique, case-insensitively: sorted, duplicates are neighbours. */
static void report_duplicate_names(const radar *rd, diag_list *dl)
{
	radar_entry **by_name;

	if (rd->nentries < 2)
		return;
	by_name = xmalloc(rd->nentries * sizeof(*by_name));
	memcpy(by_name, rd->entries, rd->nentries * sizeof(*by_name));
	qsort(by_name, rd->nentries, sizeof(*by_name), cmp_entry_name);
	for (size_t i = 1; i < rd->nentries; i++) {
		radar_entry *a = by_name[i - 1], *b = by_name[i];
		size_t first = i - 1;
		while (first > 0 && by_name[first - 1]->name && b->name &&
		       !strcasecmp(by_name[first - 1]->name, b->name))
			first--;
		a = by_name[first];
		if (a->name && b->name && !strcasecmp(a->name, b->name))
			diag_add(dl, DIAG_ERROR, b->path, b->name_line, b->name_col,
				 "duplicate name '%s' (also in %s)", b->name, a->path);
	}
	free(by_name);
}

/* One entry file: read (or found in the parse cache) on one thread, parsed on any. */
typedef struct pending {
	const char *name;        /* the file name, from the folder's listing */
	char *id, *shown, *buf;
	size_t len;
	int readable;
	repo_stamp stamp;        /* what the cache knows the bytes by; len 0: none */
	ytcache_record *cached;  /* the cache's tree of the file (then buf is NULL) */
	int retry;               /* the cached tree did not hold: read the file after all */
	strbuf packed;           /* a tree parsed here, for the cache */
	radar_entry *entry;
	diag_list dl;
} pending;

/*
 * Parsing is most of the time of every command (libyaml alone scans ~7 us
 * per entry) and each file parses alone, so the files are parsed on every
 * core while the main thread is still reading the next ones. Each file
 * keeps its own diagnostics, merged in file order: the output does not
 * depend on which thread parsed what.
 */
typedef struct parse_queue {
	const radar_config *cfg;
	pending *files;
	size_t n;
	atomic_size_t next;    /* the next file to take */
	atomic_size_t ready;   /* files read so far */
	atomic_size_t waiting; /* workers asleep (or about to sleep) on cv */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	const repo *r;         /* set when every worker reads its own files */
	const char *dir;
	ytcache *cache;        /* NULL: none; the threads only find and unpack */
	strbuf *err;
} parse_queue;

static void read_file(const parse_queue *q, const repo *r, pending *p, const char *path,
		      strbuf *err)
{
	p->readable = read_data_file(r, path, p->shown, &p->buf, &p->len,
				     q->cache ? &p->stamp : NULL, &p->dl, err) == REPO_OK;
}

/*
 * Reads one file of the entries folder, or finds its tree in the cache
 * (unpacked later, by the parsing thread); on any thread when q->r is set.
 * A record that turns out damaged is read again with retry set.
 */
static void read_pending(const parse_queue *q, const repo *r, pending *p, int retry, strbuf *err)
{
	strbuf path = STRBUF_INIT;
	strbuf_printf(&path, "%s/%s", q->dir, p->name);
	if (!p->shown)
		p->shown = radar_display_path(r, path.buf);
	p->cached = NULL;
	if (!retry && q->cache && !repo_file_stamp(r, path.buf, &p->stamp) &&
	    (p->cached = ytcache_find(q->cache, p->stamp.key, p->stamp.len)))
		p->readable = 1;
	else
		read_file(q, r, p, path.buf, err);
	strbuf_free(&path);
}

static void parse_pending(const parse_queue *q, pending *p)
{
	yt_doc *doc = NULL;

	if (!p->readable)
		return;
	if (p->cached && ytcache_unpack(q->cache, p->cached, &doc) < 0) {
		p->retry = 1;
		return;
	}
	radar_entry_parse_doc(&p->entry, q->cfg, p->id, p->shown, p->cached ? NULL : p->buf,
			      p->len, &doc, &p->dl);
	/* Only trees libyaml built without a problem are kept; the checks run every time. */
	if (q->cache && !p->cached && doc && p->stamp.len)
		yt_doc_pack(doc, &p->packed);
	yt_doc_free(doc);
}

static void *parse_worker(void *arg)
{
	parse_queue *q = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&q->next, 1);
		pending *p;
		if (i >= q->n)
			break;
		if (q->r) {
			strbuf err = STRBUF_INIT;
			read_pending(q, q->r, &q->files[i], 0, &err);
			strbuf_free(&err);
			goto parse;
		}
		/*
		 * Reading is quicker than parsing, so the file is usually there
		 * already; sleep only when it is not (no lock on the fast path).
		 */
		if (atomic_load(&q->ready) <= i) {
			pthread_mutex_lock(&q->mu);
			atomic_fetch_add(&q->waiting, 1);
			while (atomic_load(&q->ready) <= i)
				pthread_cond_wait(&q->cv, &q->mu);
			atomic_fetch_sub(&q->waiting, 1);
			pthread_mutex_unlock(&q->mu);
		}
parse:
		p = &q->files[i];
		parse_pending(q, p);
	}
	return NULL;
}

/* The parse cache, unless RADAR_NO_CACHE is set or the repository has no git directory. */
static ytcache *open_cache(const repo *r)
{
	const char *off = getenv("RADAR_NO_CACHE");
	char *path;
	ytcache *c;

	if (off && *off && strcmp(off, "0"))
		return NULL;
	if (!(path = repo_cache_path(r, PARSE_CACHE_FILE)))
		return NULL;
	c = ytcache_open(path);
	free(path);
	return c;
}

static void load_entries(radar *rd, const repo *r, diag_list *dl, strbuf *err)
{
	const radar_config *cfg = rd->cfg;
	ytcache *cache = open_cache(r);
	char **names = NULL;
	size_t n = 0, nfiles = 0, nthreads = 0;
	strbuf path = STRBUF_INIT, e = STRBUF_INIT;
	int rc = repo_list_dir(r, cfg->entries_path, &names, &n, &e);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	pthread_t threads[7];
	parse_queue q;

	if (rc == REPO_ERROR) {
		char *shown = radar_display_path(r, cfg->entries_path);
		diag_add(dl, DIAG_ERROR, shown, 1, 1, "%s", strbuf_str(&e));
		free(shown);
	}
	memset(&q, 0, sizeof(q));
	q.cfg = cfg;
	q.files = xcalloc(n ? n : 1, sizeof(*q.files));
	for (size_t i = 0; i < n; i++)
		if ((q.files[q.n].id = radar_entry_id_from_file(names[i])))
			q.files[q.n++].name = names[i];
	q.dir = cfg->entries_path;
	q.cache = cache;
	/* Where reading is thread-safe every thread reads its own files; else this one reads. */
	if (repo_reads_concurrently(r, cfg->entries_path))
		q.r = r;
	atomic_init(&q.next, 0);
	atomic_init(&q.ready, 0);
	atomic_init(&q.waiting, 0);
	pthread_mutex_init(&q.mu, NULL);
	pthread_cond_init(&q.cv, NULL);
	if (q.r)
		atomic_store(&q.ready, q.n); /* nobody waits for the reader */
	if (q.n >= 128 && cores > 1)
		for (; nthreads < (size_t)(cores > 8 ? 7 : cores - 1); nthreads++)
			if (pthread_create(&threads[nthreads], NULL, parse_worker, &q))
				break;
	for (size_t i = 0; !q.r && i < q.n; i++) {
		read_pending(&q, r, &q.files[i], 0, err);
		/* Publish, then wake only when someone sleeps: a wake-up is a system call. */
		atomic_store(&q.ready, i + 1);
		if (atomic_load(&q.waiting)) {
			pthread_mutex_lock(&q.mu);
			pthread_cond_broadcast(&q.cv);
			pthread_mutex_unlock(&q.mu);
		}
	}
	parse_worker(&q);
	for (size_t t = 0; t < nthreads; t++)
		pthread_join(threads[t], NULL);
	pthread_mutex_destroy(&q.mu);
	pthread_cond_destroy(&q.cv);
	/* A damaged cache record: the file itself, here, where reading is always safe. */
	for (size_t i = 0; i < q.n; i++) {
		if (!q.files[i].retry)
			continue;
		read_pending(&q, r, &q.files[i], 1, err);
		parse_pending(&q, &q.files[i]);
	}
	nfiles = q.n;

	rd->entries = xcalloc(nfiles ? nfiles : 1, sizeof(*rd->entries));
	rd->broken = xcalloc(nfiles ? nfiles : 1, sizeof(char *));
	for (size_t i = 0; i < nfiles; i++) {
		pending *p = &q.files[i];
		for (size_t k = 0; k < p->dl.n; k++)
			diag_add(dl, p->dl.items[k].severity, p->dl.items[k].path, p->dl.items[k].line,
				 p->dl.items[k].col, "%s", p->dl.items[k].message);
		diag_list_free(&p->dl);
		if (p->packed.len)
			ytcache_put(cache, p->stamp.key, p->stamp.len, p->stamp.clocked,
				    p->stamp.dev, p->packed.buf, p->packed.len);
		strbuf_free(&p->packed);
		if (p->entry)
			rd->entries[rd->nentries++] = p->entry;
		else
			rd->broken[rd->nbroken++] = xstrdup(p->id);
		free(p->id);
		free(p->shown);
		free(p->buf);
	}
	free(q.files);
	if (cache) {
		ytcache_save(cache);
		rd->cache_used = 1;
		ytcache_counts(cache, &rd->cache_records, &rd->cache_hits, &rd->cache_written);
		ytcache_free(cache);
	}
	qsort(rd->entries, rd->nentries, sizeof(*rd->entries), cmp_entry);

	/* Ids must be unique (mojo.yaml beside mojo.yml), and so must names. */
	for (size_t i = 1; i < rd->nentries; i++) {
		radar_entry *a = rd->entries[i - 1], *b = rd->entries[i];
		if (!strcmp(a->id, b->id))
			diag_add(dl, DIAG_ERROR, b->path, 1, 1, "duplicate id '%s' (also %s)", b->id, a->path);
	}
	report_duplicate_names(rd, dl);
	repo_names_free(names, n);
	strbuf_free(&path);
	strbuf_free(&e);
}

static void load_judgments(radar *rd, const repo *r, diag_list *dl, strbuf *err)
{
	char **names = NULL;
	size_t n = 0;
	strbuf path = STRBUF_INIT, e = STRBUF_INIT;

	repo_list_dir(r, rd->cfg->judgments_path, &names, &n, &e);
	rd->judgments = xcalloc(n ? n : 1, sizeof(*rd->judgments));
	for (size_t i = 0; i < n; i++) {
		char *id = radar_entry_id_from_file(names[i]), *buf = NULL, *shown;
		size_t len;
		radar_judgment *j = NULL;

		if (!id)
			continue;
		strbuf_reset(&path);
		strbuf_printf(&path, "%s/%s", rd->cfg->judgments_path, names[i]);
		shown = radar_display_path(r, path.buf);
		if (read_data_file(r, path.buf, shown, &buf, &len, NULL, dl, err) == REPO_OK &&
		    !radar_judgment_parse(&j, rd->cfg, shown, buf, len, dl)) {
			if (j->subject && !radar_find(rd, j->subject) && !radar_is_broken(rd, j->subject)) {
				char *near = radar_nearest(rd, j->subject);
				diag_add(dl, DIAG_WARNING, shown, j->subject_line, j->subject_col,
					 "subject '%s' is not an entry on the radar%s%s%s", j->subject,
					 near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
				free(near);
			}
			rd->judgments[rd->njudgments++] = j;
		}
		free(buf);
		free(shown);
		free(id);
	}
	qsort(rd->judgments, rd->njudgments, sizeof(*rd->judgments), cmp_judgment);
	repo_names_free(names, n);
	strbuf_free(&path);
	strbuf_free(&e);
}

int radar_load(radar **out, const repo *r, unsigned flags, diag_list *dl, strbuf *err)
{
	radar *rd = xcalloc(1, sizeof(*rd));

	load_config(rd, r, dl, err);
	load_entries(rd, r, dl, err);
	if (flags & RADAR_LOAD_JUDGMENTS)
		load_judgments(rd, r, dl, err);
	*out = rd;
	return 0;
}

void radar_free(radar *rd)
{
	if (!rd)
		return;
	for (size_t i = 0; i < rd->nentries; i++)
		radar_entry_free(rd->entries[i]);
	free(rd->entries);
	for (size_t i = 0; i < rd->nbroken; i++)
		free(rd->broken[i]);
	free(rd->broken);
	for (size_t i = 0; i < rd->njudgments; i++)
		radar_judgment_free(rd->judgments[i]);
	free(rd->judgments);
	radar_config_free(rd->cfg);
	free(rd->cfg_text);
	free(rd);
}

const radar_entry *radar_find(const radar *rd, const char *name)
{
	for (size_t i = 0; i < rd->nentries; i++)
		if (!strcasecmp(rd->entries[i]->id, name))
			return rd->entries[i];
	for (size_t i = 0; i < rd->nentries; i++)
		if (rd->entries[i]->name && !strcasecmp(rd->entries[i]->name, name))
			return rd->entries[i];
	return NULL;
}

int radar_is_broken(const radar *rd, const char *name)
{
	for (size_t i = 0; i < rd->nbroken; i++)
		if (!strcasecmp(rd->broken[i], name))
			return 1;
	return 0;
}

char *radar_nearest(const radar *rd, const char *name)
{
	const char **cands = xcalloc(2 * rd->nentries + 1, sizeof(char *));
	size_t n = 0;
	char *near;

	for (size_t i = 0; i < rd->nentries; i++) {
		cands[n++] = rd->entries[i]->id;
		if (rd->entries[i]->name && strcasecmp(rd->entries[i]->name, rd->entries[i]->id))
			cands[n++] = rd->entries[i]->name;
	}
	near = text_nearest(name, cands, n);
	if (!near) {
		/* "spark" for apache-spark: a part of an id or name is near too. */
		strbuf sb = STRBUF_INIT;
		size_t found = 0;
		for (size_t i = 0; i < n && found < 3; i++)
			if (strlen(name) >= 3 && text_contains_ci(cands[i], name)) {
				strbuf_printf(&sb, "%s'%s'", found ? ", " : "", cands[i]);
				found++;
			}
		near = found ? strbuf_detach(&sb) : NULL;
		strbuf_free(&sb);
	}
	if (!near)
		near = text_nearest_any(name, cands, n, 3);
	free(cands);
	return near;
}
