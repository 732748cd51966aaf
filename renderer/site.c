/* The static site: files in memory, the page shell, escaping, the atomic write. */
#define _GNU_SOURCE /* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "site-private.h"
#include "util/repo.h"

#define SITE_MARKER ".radar-site"

strbuf *site_add(site *s, const char *path)
{
	site_file *f;
	GROW(s->files, s->cap, s->n + 1);
	f = &s->files[s->n++];
	f->path = xstrdup(path);
	memset(&f->data, 0, sizeof(f->data));
	return &f->data;
}

void site_free(site *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->files[i].path);
		strbuf_free(&s->files[i].data);
	}
	free(s->files);
	free(s);
}

void site_escape(strbuf *sb, const char *s)
{
	const char *run = s;
	if (!s)
		return;
	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		strbuf_add(sb, run, (size_t)(s - run));
		strbuf_puts(sb, rep);
		run = s + 1;
	}
	strbuf_add(sb, run, (size_t)(s - run));
}

void site_ext_link(strbuf *sb, const char *url)
{
	if (!strncmp(url, "https://", 8) || !strncmp(url, "http://", 7) ||
	    !strncmp(url, "mailto:", 7)) {
		strbuf_puts(sb, "<a rel=\"noopener noreferrer\" href=\"");
		site_escape(sb, url);
		strbuf_puts(sb, "\">");
		site_escape(sb, url);
		strbuf_puts(sb, "</a>");
	} else {
		site_escape(sb, url);
	}
}

/* Keeps [A-Za-z0-9_-] (and '.' after the first byte); the rest as "~xx". */
static char *safe_stem(const char *s, size_t n)
{
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '_' || c == '-' || (c == '.' && i))
			strbuf_putc(&sb, (char)c);
		else
			strbuf_printf(&sb, "~%02x", c);
	}
	if (!sb.len)
		strbuf_puts(&sb, "~");
	return strbuf_detach(&sb);
}

char *site_entry_file(const char *id)
{
	char *stem = safe_stem(id, strlen(id));
	strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%s.html", stem);
	free(stem);
	return strbuf_detach(&sb);
}

char *site_adr_file(const adr_record *rec)
{
	const char *dot = strrchr(rec->file, '.');
	size_t n = dot && dot != rec->file ? (size_t)(dot - rec->file) : strlen(rec->file);
	char *stem = safe_stem(rec->file, n);
	strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%s.html", stem);
	free(stem);
	return strbuf_detach(&sb);
}

const char *site_ring_name(const radar_config *cfg, int ring)
{
	return ring >= 0 && (size_t)ring < cfg->nrings ? cfg->rings[ring].name : "none";
}

void site_fixed(strbuf *sb, frac f)
{
	frac_format_fixed(sb, f, 2);
}

void site_page_begin(strbuf *sb, const site_input *in, const char *root, const char *title,
		     site_nav nav)
{
	static const struct { site_nav nav; const char *href, *text; } items[] = {
		{ NAV_RADAR, "index.html", "Radar" },
		{ NAV_ADR, "adr/index.html", "Decisions" },
		{ NAV_ACCURACY, "accuracy.html", "Accuracy" },
	};
	strbuf_puts(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			"<meta name=\"color-scheme\" content=\"light dark\">\n"
			"<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
	site_escape(sb, title);
	if (strcmp(title, in->title)) {
		strbuf_puts(sb, " · ");
		site_escape(sb, in->title);
	}
	strbuf_printf(sb, "</title>\n<link rel=\"stylesheet\" href=\"%ssite.css\">\n"
			  "<link rel=\"icon\" href=\"data:,\">\n"
			  "<script src=\"%ssite.js\" defer></script>\n</head>\n<body>\n"
			  "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
			  "<header class=\"top\"><a class=\"brand\" href=\"%sindex.html\">",
		      root, root, root);
	site_escape(sb, in->title);
	strbuf_puts(sb, "</a>\n<nav aria-label=\"Site\"><ul>");
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		strbuf_printf(sb, "<li><a href=\"%s%s\"%s>%s</a></li>", root, items[i].href,
			      items[i].nav == nav ? " aria-current=\"page\"" : "", items[i].text);
	strbuf_puts(sb, "</ul></nav>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n");
}

void site_page_end(strbuf *sb, const site_input *in)
{
	strbuf_puts(sb, "</main>\n<footer><p>");
	site_escape(sb, in->edition);
	strbuf_puts(sb, " · made with <code>radar publish</code></p></footer>\n</body>\n</html>\n");
}

int site_build(site **out, const site_input *in, strbuf *err)
{
	site *s = xcalloc(1, sizeof(*s));

	if (!in->rd || !in->l || !in->lin || !in->title || !in->edition) {
		strbuf_puts(err, "site: nothing to publish (no radar or layout)");
		free(s);
		*out = NULL;
		return -1;
	}
	strbuf_puts(site_add(s, SITE_MARKER), "A site written by `radar publish`; the next "
					      "publish to this folder replaces it.\n");
	strbuf_puts(site_add(s, "site.css"), site_css);
	strbuf_puts(site_add(s, "site.js"), site_js);
	site_index(s, in);
	site_entries(s, in);
	site_adrs(s, in);
	site_accuracy(s, in);
	*out = s;
	return 0;
}

/* ---- writing ------------------------------------------------------------ */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void rm_tree(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* 1 when dir may be replaced: empty, or a site we wrote; 0 otherwise (says why). */
static int replaceable(const char *dir, strbuf *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int empty = 1;
	strbuf marker = STRBUF_INIT;
	struct stat st;

	if (!d) {
		strbuf_printf(err, "%s: %s", dir, strerror(errno));
		return 0;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(d);
	if (empty)
		return 1;
	strbuf_printf(&marker, "%s/" SITE_MARKER, dir);
	if (!lstat(marker.buf, &st) && S_ISREG(st.st_mode)) {
		strbuf_free(&marker);
		return 1;
	}
	strbuf_free(&marker);
	strbuf_printf(err, "%s exists and is not a site radar wrote (no %s in it); not replacing "
			   "it: give a new or empty folder",
		      dir, SITE_MARKER);
	return 0;
}

static int make_dirs_for(const char *root, const char *rel, strbuf *err)
{
	strbuf p = STRBUF_INIT;
	const char *slash = rel;
	int rc = 0;
	while ((slash = strchr(slash, '/'))) {
		strbuf_reset(&p);
		strbuf_printf(&p, "%s/%.*s", root, (int)(slash - rel), rel);
		if (mkdir(p.buf, 0777) && errno != EEXIST) {
			strbuf_printf(err, "%s: %s", p.buf, strerror(errno));
			rc = -1;
			break;
		}
		slash++;
	}
	strbuf_free(&p);
	return rc;
}

static int write_file(const char *path, const strbuf *data, strbuf *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	size_t off = 0;
	if (fd < 0) {
		strbuf_printf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (off < data->len) {
		ssize_t w = write(fd, data->buf + off, data->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			strbuf_printf(err, "%s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	if (close(fd)) {
		strbuf_printf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int site_write(const site *s, const char *dir, strbuf *err)
{
	strbuf tmp = STRBUF_INIT, path = STRBUF_INIT;
	struct stat st;
	int exists, rc = -1;
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	exists = !stat(dir, &st);
	if (exists && !S_ISDIR(st.st_mode)) {
		strbuf_printf(err, "%s exists and is not a folder", dir);
		return -1;
	}
	if (!exists && errno != ENOENT) {
		strbuf_printf(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (exists && !replaceable(dir, err))
		return -1;
	/* Beside dir, so that the final rename stays on one file system. */
	strbuf_printf(&tmp, "%.*s.tmp-XXXXXX", (int)n, dir);
	if (!mkdtemp(tmp.buf)) {
		strbuf_printf(err, "cannot make a folder beside %s: %s", dir, strerror(errno));
		goto done;
	}
	{ /* mkdtemp makes it 0700; a site is for reading */
		mode_t um = umask(0);
		umask(um);
		chmod(tmp.buf, 0777 & ~um);
	}
	for (size_t i = 0; i < s->n; i++) {
		strbuf_reset(&path);
		strbuf_printf(&path, "%s/%s", tmp.buf, s->files[i].path);
		if (make_dirs_for(tmp.buf, s->files[i].path, err) ||
		    write_file(path.buf, &s->files[i].data, err))
			goto fail;
	}
	if (exists) {
		/* One step: the new site takes the old one's place; the old one goes. */
		if (renameat2(AT_FDCWD, tmp.buf, AT_FDCWD, dir, RENAME_EXCHANGE)) {
			strbuf_printf(err, "cannot replace %s: %s", dir, strerror(errno));
			goto fail;
		}
	} else if (rename(tmp.buf, dir)) {
		strbuf_printf(err, "cannot rename %s to %s: %s", tmp.buf, dir, strerror(errno));
		goto fail;
	}
	rm_tree(tmp.buf); /* the old site, when there was one */
	rc = 0;
	goto done;
fail:
	rm_tree(tmp.buf);
done:
	strbuf_free(&tmp);
	strbuf_free(&path);
	return rc;
}
