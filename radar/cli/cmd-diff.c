/*
 * radar diff REV1 [REV2]: what changed between two editions (REV2 defaults
 * to the working tree, or --rev): new, removed, renamed, moved in, moved
 * out, rescored (total changed by 0.25 or more), description changed.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "history.h"

static const struct {
	unsigned flag;
	const char *key;   /* JSON */
	const char *label; /* text */
} kinds[] = {
	{ DIFF_NEW, "new", "new" },
	{ DIFF_REMOVED, "removed", "removed" },
	{ DIFF_RENAMED, "renamed", "renamed" },
	{ DIFF_MOVED_IN, "moved_in", "moved in" },
	{ DIFF_MOVED_OUT, "moved_out", "moved out" },
	{ DIFF_RESCORED, "rescored", "rescored" },
	{ DIFF_DESCRIPTION, "description_changed", "description changed" },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static const char *ring_id(const radar_config *cfg, int ring)
{
	return ring >= 0 && (size_t)ring < cfg->nrings ? cfg->rings[ring].id : "-";
}

static json_t *ring_json(const radar_config *cfg, int ring)
{
	return ring >= 0 && (size_t)ring < cfg->nrings ? json_string(cfg->rings[ring].id)
						      : json_null();
}

static void total_text(strbuf *sb, int scored, frac t)
{
	if (scored)
		frac_format_fixed(sb, t, 2);
	else
		strbuf_puts(sb, "-");
}

/* The detail after an id: "trial → adopt", "2.28 → 2.60", "from otel". */
static void detail(strbuf *sb, const radar_config *cfg, const radar_diff_item *it, unsigned flag)
{
	switch (flag) {
	case DIFF_NEW:
		strbuf_puts(sb, ring_id(cfg, it->ring));
		break;
	case DIFF_REMOVED:
		strbuf_printf(sb, "was %s", ring_id(cfg, it->from_ring));
		break;
	case DIFF_RENAMED:
		strbuf_printf(sb, "from %s", it->old_id);
		break;
	case DIFF_MOVED_IN:
	case DIFF_MOVED_OUT:
		strbuf_printf(sb, "%s → %s", ring_id(cfg, it->from_ring), ring_id(cfg, it->ring));
		break;
	case DIFF_RESCORED:
		total_text(sb, it->from_scored, it->from_total);
		strbuf_puts(sb, " → ");
		total_text(sb, it->scored, it->total);
		break;
	default:
		break;
	}
}

/* Loads the radar at rev (NULL: the working tree), printing its problems. */
static int load_at(cli_ctx *c, const char *rev, repo **r, radar **rd, diag_list *dl)
{
	const char *saved = c->rev;
	int rc;
	c->rev = rev;
	rc = cli_load(c, r, rd, 0, dl, 1);
	c->rev = saved;
	return rc;
}

static int run(cli_ctx *c, const cli_args *a)
{
	repo *r1 = NULL, *r2 = NULL;
	radar *from = NULL, *to = NULL;
	diag_list dl1 = DIAG_LIST_INIT, dl2 = DIAG_LIST_INIT;
	radar_diff d = { 0 };
	const char *rev1, *rev2;
	int rc = EXIT_DATA;

	if (!a->npos)
		return cli_usage_error(c, "which revision? (e.g. radar diff 2026-Q3)");
	if (a->npos > 2)
		return cli_usage_error(c, "unexpected argument '%s'", a->pos[2]);
	rev1 = a->pos[0];
	rev2 = a->npos > 1 ? a->pos[1] : c->rev;
	if (load_at(c, rev1, &r1, &from, &dl1) || load_at(c, rev2, &r2, &to, &dl2))
		goto cleanup;
	radar_diff_compute(&d, from, to);
	if (c->json) {
		json_t *o = json_object(), *entries = json_array();
		json_object_set_new(o, "from", json_string(rev1));
		json_object_set_new(o, "to", rev2 ? json_string(rev2) : json_null());
		for (size_t k = 0; k < NKINDS; k++) {
			json_t *arr = json_array();
			for (size_t i = 0; i < d.n; i++) {
				const radar_diff_item *it = &d.items[i];
				if (!(it->flags & kinds[k].flag))
					continue;
				if (kinds[k].flag == DIFF_RENAMED) {
					json_t *p = json_object();
					json_object_set_new(p, "from", json_string(it->old_id));
					json_object_set_new(p, "to", json_string(it->id));
					json_array_append_new(arr, p);
				} else {
					json_array_append_new(arr, json_string(it->id));
				}
			}
			json_object_set_new(o, kinds[k].key, arr);
		}
		for (size_t i = 0; i < d.n; i++) {
			const radar_diff_item *it = &d.items[i];
			json_t *e = json_object(), *ch = json_array();
			for (size_t k = 0; k < NKINDS; k++)
				if (it->flags & kinds[k].flag)
					json_array_append_new(ch, json_string(kinds[k].key));
			json_object_set_new(e, "id", json_string(it->id));
			json_object_set_new(e, "old_id", it->old_id ? json_string(it->old_id) : json_null());
			json_object_set_new(e, "changes", ch);
			json_object_set_new(e, "from_ring", ring_json(to->cfg, it->from_ring));
			json_object_set_new(e, "ring", ring_json(to->cfg, it->ring));
			json_object_set_new(e, "from_total", it->from_scored ? cli_json_fixed(it->from_total) : json_null());
			json_object_set_new(e, "total", it->scored ? cli_json_fixed(it->total) : json_null());
			json_array_append_new(entries, e);
		}
		json_object_set_new(o, "entries", entries);
		cli_json_print(o);
	} else if (!d.n) {
		printf("no changes from %s to %s\n", rev1, rev2 ? rev2 : "the working tree");
	} else {
		size_t idw = 2, labelw = 0;
		for (size_t i = 0; i < d.n; i++) {
			if (strlen(d.items[i].id) > idw)
				idw = strlen(d.items[i].id);
			for (size_t k = 0; k < NKINDS; k++)
				if ((d.items[i].flags & kinds[k].flag) && strlen(kinds[k].label) > labelw)
					labelw = strlen(kinds[k].label);
		}
		for (size_t k = 0; k < NKINDS; k++)
			for (size_t i = 0; i < d.n; i++) {
				const radar_diff_item *it = &d.items[i];
				strbuf sb = STRBUF_INIT;
				if (!(it->flags & kinds[k].flag))
					continue;
				strbuf_printf(&sb, "%-*s  ", (int)labelw, kinds[k].label);
				cli_pad(&sb, it->id, idw);
				strbuf_puts(&sb, "  ");
				detail(&sb, to->cfg, it, kinds[k].flag);
				while (sb.len && sb.buf[sb.len - 1] == ' ')
					sb.buf[--sb.len] = '\0';
				printf("%s\n", sb.buf);
				strbuf_free(&sb);
			}
	}
	rc = dl1.errors || dl2.errors ? EXIT_DATA : EXIT_OK;

cleanup:
	radar_diff_release(&d);
	radar_free(from);
	radar_free(to);
	repo_free(r1);
	repo_free(r2);
	diag_list_free(&dl1);
	diag_list_free(&dl2);
	return rc;
}

static const cli_option options[] = {
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_diff = {
	.name = "diff",
	.usage = "REV1 [REV2]",
	.summary = "what changed between two editions (REV2: the working tree)",
	.details = "Lists new, removed and renamed entries (file moved, same name), moves in and\n"
		   "out (placement: declared ring, else the scorecard's), rescores (total changed by\n"
		   "0.25 or more) and changed descriptions. Rings compare by id, through REV2's\n"
		   ".radar.yml. REV2 defaults to --rev, else the working tree.\n",
	.options = options,
	.reads = 1,
	.run = run,
};
