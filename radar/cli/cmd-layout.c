/* radar layout: the computed picture as data, for tests and for other renderers. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render-cli.h"
#include "draw-commands.h"

/* Pixels with two decimals: stable text, exact enough for any check. */
static json_t *px(double v)
{
	double r = round(v * 100) / 100;
	if (r == 0)
		r = 0; /* no "-0.0" */
	return json_real(r);
}

static const char *kind_name(layout_text_kind k)
{
	static const char *const names[] = { "title", "edition", "ring", "quadrant",
					     "subhead", "item", "more", "key" };
	return names[k];
}

static json_t *layout_json(const render_job *job)
{
	const layout *l = job->l;
	const radar_config *cfg = job->rd->cfg;
	json_t *o = json_object(), *center = json_array(), *rings = json_array(),
	       *sectors = json_array(), *blips = json_array(), *labels = json_array();

	json_object_set_new(o, "width", json_integer((json_int_t)l->width));
	json_object_set_new(o, "height", json_integer((json_int_t)l->height));
	json_array_append_new(center, px(l->cx));
	json_array_append_new(center, px(l->cy));
	json_object_set_new(o, "center", center);
	json_object_set_new(o, "radius", px(l->radius));
	json_object_set_new(o, "blip_radius", px(l->blip_r));
	json_object_set_new(o, "shrunk", json_boolean(l->shrunk));
	json_object_set_new(o, "hidden", json_integer((json_int_t)l->hidden));
	for (size_t k = 0; k < l->nrings; k++) {
		json_t *r = json_object();
		json_object_set_new(r, "id", json_string(cfg->rings[k].id));
		json_object_set_new(r, "name", json_string(job->sc.ring_names[k]));
		json_object_set_new(r, "r_inner", px(l->ring_inner[k]));
		json_object_set_new(r, "r_outer", px(l->ring_outer[k]));
		json_array_append_new(rings, r);
	}
	json_object_set_new(o, "rings", rings);
	for (size_t q = 0; q < l->nsectors; q++) {
		json_t *s = json_object();
		json_object_set_new(s, "id", json_string(cfg->quadrants[q].id));
		json_object_set_new(s, "name", json_string(job->sc.quadrant_names[q]));
		json_object_set_new(s, "start_deg", px(l->sector_start[q]));
		json_object_set_new(s, "end_deg", px(l->sector_end[q]));
		json_array_append_new(sectors, s);
	}
	json_object_set_new(o, "sectors", sectors);
	for (size_t i = 0; i < l->nblips; i++) {
		const layout_blip *b = &l->blips[i];
		const layout_entry *e = &job->sc.in.entries[b->entry];
		const char *mk = layout_marker_name(b->marker);
		json_t *bj = json_object();
		json_object_set_new(bj, "id", json_string(e->id));
		json_object_set_new(bj, "name", json_string(e->name));
		json_object_set_new(bj, "number", json_integer(b->number));
		json_object_set_new(bj, "quadrant", json_string(cfg->quadrants[b->quadrant].id));
		json_object_set_new(bj, "ring", json_string(cfg->rings[b->ring].id));
		json_object_set_new(bj, "x", px(b->x));
		json_object_set_new(bj, "y", px(b->y));
		json_object_set_new(bj, "r", px(b->r));
		json_object_set_new(bj, "marker", mk ? json_string(mk) : json_null());
		json_array_append_new(blips, bj);
	}
	json_object_set_new(o, "blips", blips);
	for (size_t i = 0; i < l->nlabels; i++) {
		const layout_label *lb = &l->labels[i];
		json_t *lj = json_object();
		json_object_set_new(lj, "text", json_string(lb->text));
		json_object_set_new(lj, "kind", json_string(kind_name(lb->kind)));
		json_object_set_new(lj, "x", px(lb->x));
		json_object_set_new(lj, "y", px(lb->y));
		json_object_set_new(lj, "w", px(lb->w));
		json_object_set_new(lj, "h", px(lb->h));
		json_object_set_new(lj, "font_px", px(lb->px));
		json_object_set_new(lj, "ellipsized", json_boolean(lb->ellipsized));
		json_array_append_new(labels, lj);
	}
	json_object_set_new(o, "labels", labels);
	return o;
}

static void print_text(const render_job *job)
{
	const layout *l = job->l;
	const radar_config *cfg = job->rd->cfg;
	strbuf sb = STRBUF_INIT;

	strbuf_printf(&sb, "%.0fx%.0f, radar at (%.1f, %.1f) radius %.1f; %zu blips of radius %.1f%s; "
			   "%zu text boxes\n\n",
		      l->width, l->height, l->cx, l->cy, l->radius, l->nblips, l->blip_r,
		      l->shrunk ? " (shrunk: a cell is crowded)" : "", l->nlabels);
	strbuf_puts(&sb, "    #  id                          quadrant                  ring      "
			 "      x       y  marker\n");
	for (size_t i = 0; i < l->nblips; i++) {
		const layout_blip *b = &l->blips[i];
		const char *mk = layout_marker_name(b->marker);
		strbuf_printf(&sb, "  %3d  ", b->number);
		cli_pad(&sb, job->sc.in.entries[b->entry].id, 26);
		strbuf_puts(&sb, "  ");
		cli_pad(&sb, cfg->quadrants[b->quadrant].id, 24);
		strbuf_puts(&sb, "  ");
		cli_pad(&sb, cfg->rings[b->ring].id, 8);
		strbuf_printf(&sb, "  %6.1f  %6.1f  %s\n", b->x, b->y, mk ? mk : "-");
	}
	fputs(sb.buf, stdout);
	strbuf_free(&sb);
}

static int run(cli_ctx *c, const cli_args *a)
{
	render_job job;
	int rc;

	memset(&job, 0, sizeof(job));
	if (a->npos)
		return cli_usage_error(c, "unexpected argument '%s'", a->pos[0]);
	if ((rc = render_cli_prepare(c, a, &job)))
		goto cleanup;
	if (c->json)
		rc = cli_json_print(layout_json(&job));
	else
		print_text(&job);
	if (job.data_errors)
		rc = EXIT_DATA;
cleanup:
	render_cli_release(&job);
	return rc;
}

static const cli_option options[] = {
	RENDER_CLI_OPTIONS,
	{ NULL, 0, NULL, NULL },
};

const cli_command cmd_layout = {
	.name = "layout",
	.usage = "[--preset P | --size WxH] [--title T] [--edition E] [--since REV]",
	.summary = RADAR_SUMMARY_LAYOUT,
	.details = "With --format json: {\"width\",\"height\",\"center\":[x,y],\"radius\",\"blip_radius\",\n"
		   "\"shrunk\",\"hidden\",\"rings\":[{\"id\",\"name\",\"r_inner\",\"r_outer\"}],\n"
		   "\"sectors\":[{\"id\",\"name\",\"start_deg\",\"end_deg\"}],\n"
		   "\"blips\":[{\"id\",\"name\",\"number\",\"quadrant\",\"ring\",\"x\",\"y\",\"r\",\"marker\"}],\n"
		   "\"labels\":[{\"text\",\"kind\",\"x\",\"y\",\"w\",\"h\",\"font_px\",\"ellipsized\"}]}.\n"
		   "Pixels, origin top-left, y down; a label's x,y is its top-left corner; angles are\n"
		   "degrees clockwise from 12 o'clock; marker is new, moved_in, moved_out or null.\n"
		   "Text boxes are measured with pango, as `radar render` draws them.\n",
	.options = options,
	.reads = 1,
	.run = run,
};
