/* adr link, adr status, adr upgrade-repository: edits to existing records. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "adr/edit.h"
#include "cmd-adr.h"

int adr_cmd_link(adr_env *e, int argc, char **argv)
{
	static const char *const longs[] = { "no-commit", NULL };
	adr_opt *o = NULL;
	size_t no = 0, nch = 0;
	int k = adr_getopt(e, argc, argv, "", longs, &o, &no), rc;
	long s, t;
	adr_change *ch = NULL, *src, *tgt;
	strbuf msg = STRBUF_INIT;
	char *sp, *tp;

	if (k < 0)
		return EXIT_USAGE;
	if (argc - k != 4) {
		free(o);
		return adr_fail(e, EXIT_USAGE, "usage: %s link SOURCE LINK TARGET REVERSE-LINK", e->c->prog);
	}
	if ((s = adr_env_resolve(e, argv[k])) < 0 || (t = adr_env_resolve(e, argv[k + 2])) < 0) {
		free(o);
		return EXIT_DATA;
	}
	sp = adr_set_path(e->set, (size_t)s);
	tp = adr_set_path(e->set, (size_t)t);
	adr_change_for(&ch, &nch, sp, e->set->texts[s]);
	adr_change_for(&ch, &nch, tp, e->set->texts[t]);
	src = adr_change_for(&ch, &nch, sp, NULL);
	tgt = adr_change_for(&ch, &nch, tp, NULL);
	adr_link_changes(src, argv[k + 1], tgt);
	adr_link_changes(tgt, argv[k + 3], src);
	strbuf_printf(&msg, "adr: link %s %s %s", e->set->names[s], argv[k + 1], e->set->names[t]);
	rc = adr_write_changes(e, ch, nch, msg.buf, adr_has_long(o, no, "no-commit"));
	adr_changes_free(ch, nch);
	free(sp);
	free(tp);
	free(o);
	strbuf_free(&msg);
	return rc;
}

int adr_cmd_status(adr_env *e, int argc, char **argv)
{
	static const char *const longs[] = { "no-commit", NULL };
	static const char *const std[] = { "Proposed", "Accepted", "Rejected", "Deprecated", "Superseded", NULL };
	adr_opt *o = NULL;
	size_t no = 0, nch = 0;
	int k = adr_getopt(e, argc, argv, "", longs, &o, &no), rc = EXIT_OK;
	long i;
	adr_change *ch = NULL;
	adr_record *rec = NULL;
	diag_list dl = DIAG_LIST_INIT;
	strbuf msg = STRBUF_INIT, st = STRBUF_INIT;
	char *p = NULL;

	if (k < 0)
		return EXIT_USAGE;
	if (argc - k != 2) {
		rc = adr_fail(e, EXIT_USAGE, "usage: %s status N STATUS", e->c->prog);
		goto cleanup;
	}
	if (!adr_status_known(argv[k + 1], (const char *const *)e->cfg->statuses, e->cfg->nstatuses)) {
		strbuf_puts(&st, "proposed, accepted, rejected, deprecated, superseded");
		for (size_t s = 0; s < e->cfg->nstatuses; s++)
			strbuf_printf(&st, ", %s", e->cfg->statuses[s]);
		rc = adr_fail(e, EXIT_USAGE, "unknown status '%s' (known: %s; a team adds its own under adr.statuses in .radar.yml)",
			      argv[k + 1], st.buf);
		goto cleanup;
	}
	if ((i = adr_env_resolve(e, argv[k])) < 0) {
		rc = EXIT_DATA;
		goto cleanup;
	}
	p = adr_set_path(e->set, (size_t)i);
	adr_parse(&rec, p, e->set->texts[i], strlen(e->set->texts[i]), &dl);
	if (dl.errors) {
		cli_print_diags(e->c, &dl);
		rc = adr_fail(e, EXIT_DATA, "%s has errors; nothing written", p);
		goto cleanup;
	}
	strbuf_reset(&st);
	strbuf_puts(&st, argv[k + 1]);
	for (size_t s = 0; std[s]; s++)
		if (!strcasecmp(std[s], st.buf)) {
			strbuf_reset(&st);
			strbuf_puts(&st, std[s]);
			if (rec->format == ADR_MADR)
				st.buf[0] = (char)(st.buf[0] - 'A' + 'a');
		}
	ch = xcalloc(1, sizeof(*ch));
	ch[0] = (adr_change){ xstrdup(p), adr_text_set_status(e->set->texts[i], rec, st.buf),
			      xstrdup(e->set->texts[i]), 0 };
	nch = 1;
	if (!strcmp(ch[0].data, ch[0].orig))
		goto cleanup;
	strbuf_printf(&msg, "adr: %s is %s", e->set->names[i], st.buf);
	rc = adr_write_changes(e, ch, nch, msg.buf, adr_has_long(o, no, "no-commit"));
cleanup:
	adr_changes_free(ch, nch);
	adr_record_free(rec);
	diag_list_free(&dl);
	strbuf_free(&msg);
	strbuf_free(&st);
	free(p);
	free(o);
	return rc;
}

int adr_cmd_upgrade(adr_env *e, int argc, char **argv)
{
	static const char *const longs[] = { "no-commit", NULL };
	adr_opt *o = NULL;
	size_t no = 0, nch = 0;
	int k = adr_getopt(e, argc, argv, "", longs, &o, &no), rc = EXIT_OK;
	adr_change *ch = NULL;

	if (k < 0)
		return EXIT_USAGE;
	for (size_t i = 0; i < e->set->n; i++) {
		const char *t = adr_env_text(e, i);
		char *u;
		if (!t) {
			rc = EXIT_DATA;
			goto cleanup;
		}
		u = adr_text_upgrade_dates(t);
		if (strcmp(u, t)) {
			ch = xrealloc(ch, (nch + 1) * sizeof(*ch));
			ch[nch++] = (adr_change){ adr_set_path(e->set, i), u, xstrdup(t), 0 };
		} else {
			free(u);
		}
	}
	if (nch)
		rc = adr_write_changes(e, ch, nch, "adr: upgrade dates to ISO 8601", adr_has_long(o, no, "no-commit"));
cleanup:
	adr_changes_free(ch, nch);
	free(o);
	return rc;
}
