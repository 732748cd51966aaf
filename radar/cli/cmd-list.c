/* radar list: every entry with its ring and total, filtered. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "util/text.h"

static int has_tag(const radar_entry *e, const char *tag)
{
	for (size_t i = 0; i < e->ntags; i++)
		if (!strcasecmp(e->tags[i], tag))
			return 1;
	return 0;
}

static int run(cli_ctx *c, const cli_args *a)
{
	repo *r = NULL;
	radar *rd = NULL;
	diag_list dl = DIAG_LIST_INIT;
	const char *ring_s = cli_opt(c, a, "ring"), *quad_s = cli_opt(c, a, "quadrant"),
		   *tag = cli_opt(c, a, "tag");
	int ring = -1, quadrant = -1, rc = EXIT_DATA;
	radar_score *scores = NULL;
	char *shown_entry = NULL; /* passes the filters */
	json_t *arr = NULL;
	size_t namew = 4, idw = 2, shown = 0;
	strbuf sb = STRBUF_INIT;

	if (a->npos)
		return cli_usage_error(c, "unexpected argument '%s'", a->pos[0]);
	if (cli_load(c, &r, &rd, 0, &dl, 1))
		goto cleanup;
	if (ring_s && (ring = radar_config_find_ring(rd->cfg, ring_s)) < 0) {
		char *list = radar_config_ring_list(rd->cfg);
		rc = cli_usage_error(c, "unknown ring '%s' (rings: %s)", ring_s, list);
		free(list);
		goto cleanup;
	}
	if (quad_s && (quadrant = radar_config_find_quadrant(rd->cfg, quad_s)) < 0) {
		char *list = radar_config_quadrant_list(rd->cfg);
		rc = cli_usage_error(c, "unknown quadrant '%s' (quadrants: %s)", quad_s, list);
		free(list);
		goto cleanup;
	}
	scores = xcalloc(rd->nentries + 1, sizeof(*scores));
	shown_entry = xcalloc(rd->nentries + 1, 1);
	arr = json_array();
	for (size_t i = 0; i < rd->nentries; i++) {
		const radar_entry *e = rd->entries[i];
		radar_score *s = &scores[i];
		radar_score_compute(s, rd->cfg, e);
		if ((ring >= 0 && s->placement != ring) || (quadrant >= 0 && e->quadrant != quadrant) ||
		    (tag && !has_tag(e, tag)))
			continue;
		shown_entry[i] = 1;
		if (text_width(e->name) > namew)
			namew = text_width(e->name);
		if (strlen(e->id) > idw)
			idw = strlen(e->id);
	}
	for (size_t i = 0; i < rd->nentries; i++) {
		const radar_entry *e = rd->entries[i];
		const radar_score *s = &scores[i];
		const radar_config *cfg = rd->cfg;
		if (!shown_entry[i])
			continue;
		shown++;
		if (c->json) {
			json_t *o = json_object();
			json_object_set_new(o, "id", json_string(e->id));
			json_object_set_new(o, "name", json_string(e->name));
			json_object_set_new(o, "quadrant", json_string(cfg->quadrants[e->quadrant].id));
			json_object_set_new(o, "ring", s->placement >= 0 ? json_string(cfg->rings[s->placement].id) : json_null());
			json_object_set_new(o, "declared_ring", s->declared >= 0 ? json_string(cfg->rings[s->declared].id) : json_null());
			json_object_set_new(o, "scorecard_ring", s->ring >= 0 ? json_string(cfg->rings[s->ring].id) : json_null());
			json_object_set_new(o, "total", s->scored ? cli_json_fixed(s->total) : json_null());
			json_object_set_new(o, "total_exact", s->scored ? cli_json_exact(s->total) : json_null());
			json_object_set_new(o, "mismatch", json_boolean(s->mismatch));
			json_array_append_new(arr, o);
			continue;
		}
		cli_pad(&sb, e->id, idw);
		strbuf_puts(&sb, "  ");
		cli_pad(&sb, e->name, namew);
		strbuf_puts(&sb, "  ");
		cli_pad(&sb, cfg->quadrants[e->quadrant].id, 24);
		strbuf_puts(&sb, "  ");
		cli_pad(&sb, s->placement >= 0 ? cfg->rings[s->placement].id : "-", 7);
		if (s->scored) {
			strbuf t = STRBUF_INIT;
			frac_format_fixed(&t, s->total, 2);
			strbuf_printf(&sb, "  %5s", t.buf);
			strbuf_free(&t);
		} else {
			strbuf_puts(&sb, "      -");
		}
		if (s->mismatch)
			strbuf_printf(&sb, "  %sscorecard: %s%s", cli_sgr(c, "33"),
				      cfg->rings[s->ring].id, cli_sgr(c, "0"));
		strbuf_putc(&sb, '\n');
	}
	if (c->json) {
		cli_json_print(arr);
		arr = NULL;
	} else {
		if (shown) {
			strbuf head = STRBUF_INIT;
			strbuf_puts(&head, cli_sgr(c, "1"));
			cli_pad(&head, "id", idw);
			strbuf_puts(&head, "  ");
			cli_pad(&head, "name", namew);
			strbuf_puts(&head, "  ");
			cli_pad(&head, "quadrant", 24);
			strbuf_printf(&head, "  ring     total%s\n", cli_sgr(c, "0"));
			fputs(head.buf, stdout);
			strbuf_free(&head);
		}
		fputs(strbuf_str(&sb), stdout);
	}
	rc = dl.errors ? EXIT_DATA : EXIT_OK;
cleanup:
	if (scores)
		for (size_t i = 0; i < rd->nentries; i++)
			radar_score_release(&scores[i]);
	free(scores);
	free(shown_entry);
	json_decref(arr);
	strbuf_free(&sb);
	diag_list_free(&dl);
	radar_free(rd);
	repo_free(r);
	return rc;
}

static const cli_option options[] = {
	{ "ring", 'r', "RING", "only entries placed in RING" },
	{ "quadrant", 'q', "QUADRANT", "only entries in QUADRANT" },
	{ "tag", 't', "TAG", "only entries tagged TAG" },
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_list = {
	.name = "list",
	.usage = "[--ring RING] [--quadrant QUADRANT] [--tag TAG]",
	.summary = "list the entries with their ring and scorecard total",
	.details = "The ring shown is the placement: the declared ring, else the scorecard's.\n"
		   "An entry whose declared ring differs from its scorecard says so.\n",
	.options = options,
	.reads = 1,
	.run = run,
};
