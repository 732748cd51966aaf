#include "adr/load.h"

#include <stdlib.h>
#include <string.h>

#include "adr/name.h"
#include "util/strbuf.h"

char *adr_log_dir(const repo *r, const char *configured)
{
	char *buf = NULL;
	size_t len = 0;
	strbuf err = STRBUF_INIT;

	if (configured)
		return xstrdup(configured);
	if (repo_read_file(r, ".adr-dir", 4096, &buf, &len, &err) == REPO_OK) {
		/* adr-tools writes the folder and a newline; keep what lies inside the repository. */
		size_t n = strcspn(buf, "\r\n");
		buf[n] = '\0';
		while (n > 1 && buf[n - 1] == '/')
			buf[--n] = '\0';
		if (n && buf[0] != '/' && !strstr(buf, "..")) {
			strbuf_free(&err);
			return buf;
		}
	}
	free(buf);
	strbuf_free(&err);
	/* The radar default first, then the folders adr-tools and MADR make. */
	{
		static const char *const known[] = { "docs/adr", "doc/adr", "docs/decisions",
						     "doc/architecture/decisions", NULL };
		for (size_t i = 0; known[i]; i++)
			if (repo_path_kind(r, known[i]) == 2)
				return xstrdup(known[i]);
	}
	return xstrdup("docs/adr");
}

int adr_log_load(adr_log **out, const repo *r, const char *dir, const char *shown_prefix,
		 diag_list *dl)
{
	adr_log *log = xcalloc(1, sizeof(*log));
	char **names = NULL;
	size_t n = 0;
	strbuf err = STRBUF_INIT, path = STRBUF_INIT;
	int rc = repo_list_dir(r, dir, &names, &n, &err);

	log->dir = xstrdup(dir);
	*out = log;
	if (rc == REPO_ERROR) {
		diag_add(dl, DIAG_ERROR, dir, 1, 1, "%s", strbuf_str(&err));
		goto cleanup;
	}
	log->recs = xcalloc(n ? n : 1, sizeof(*log->recs));
	for (size_t i = 0; i < n; i++) {
		char *buf = NULL;
		size_t len;
		adr_record *rec = NULL;

		if (!adr_name_is_listed(names[i]) || adr_name_is_template(names[i]))
			continue;
		strbuf_reset(&path);
		strbuf_printf(&path, "%s/%s", dir, names[i]);
		strbuf_reset(&err);
		rc = repo_read_file(r, path.buf, ADR_MAX_FILE, &buf, &len, &err);
		strbuf_reset(&path);
		strbuf_printf(&path, "%s%s/%s", shown_prefix ? shown_prefix : "", dir, names[i]);
		if (rc == REPO_ETOOBIG) {
			diag_add(dl, DIAG_ERROR, path.buf, 1, 1, "file is larger than 4 MiB; refused");
			continue;
		}
		if (rc) {
			diag_add(dl, DIAG_ERROR, path.buf, 1, 1, "%s", strbuf_str(&err));
			continue;
		}
		adr_parse(&rec, path.buf, buf, len, dl);
		free(buf);
		if (rec)
			log->recs[log->n++] = rec;
	}
cleanup:
	repo_names_free(names, n);
	strbuf_free(&err);
	strbuf_free(&path);
	return 0;
}

void adr_log_free(adr_log *log)
{
	if (!log)
		return;
	for (size_t i = 0; i < log->n; i++)
		adr_record_free(log->recs[i]);
	free(log->recs);
	free(log->dir);
	free(log);
}

const adr_record *adr_log_find(const adr_log *log, long number)
{
	for (size_t i = 0; i < log->n; i++)
		if (log->recs[i]->number == number)
			return log->recs[i];
	return NULL;
}
