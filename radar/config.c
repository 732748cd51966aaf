#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strbuf.h"
#include "util/text.h"
#include "util/yamltree.h"

static const struct {
	const char *id, *name;
} default_quadrants[] = {
	{ "techniques", "Techniques" },
	{ "tools", "Tools" },
	{ "platforms", "Platforms" },
	{ "languages-and-frameworks", "Languages & Frameworks" },
};

static const struct {
	const char *id, *name, *threshold;
} default_rings[] = {
	{ "adopt", "Adopt", "4.0" },
	{ "trial", "Trial", "3.5" },
	{ "assess", "Assess", "3.0" },
	{ "hold", "Hold", NULL },
};

static const struct {
	const char *id, *name;
	int weight;
} default_dimensions[] = {
	{ "maturity", "Technology maturity", 30 },
	{ "ecosystem", "Ecosystem health", 25 },
	{ "migration", "Migration cost", 25 },
	{ "maintenance", "Long-term maintenance", 20 },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

radar_config *radar_config_default(void)
{
	radar_config *cfg = xcalloc(1, sizeof(*cfg));

	cfg->title = xstrdup("Technology Radar");
	cfg->nquadrants = COUNT(default_quadrants);
	cfg->quadrants = xcalloc(cfg->nquadrants, sizeof(*cfg->quadrants));
	for (size_t i = 0; i < cfg->nquadrants; i++) {
		cfg->quadrants[i].id = xstrdup(default_quadrants[i].id);
		cfg->quadrants[i].name = xstrdup(default_quadrants[i].name);
	}
	cfg->nrings = COUNT(default_rings);
	cfg->rings = xcalloc(cfg->nrings, sizeof(*cfg->rings));
	for (size_t i = 0; i < cfg->nrings; i++) {
		cfg->rings[i].id = xstrdup(default_rings[i].id);
		cfg->rings[i].name = xstrdup(default_rings[i].name);
		if (default_rings[i].threshold)
			frac_parse_decimal(default_rings[i].threshold, &cfg->rings[i].threshold);
	}
	/* Thoughtworks renamed Hold to Caution (vol. 34): read both. */
	cfg->rings[3].naliases = 1;
	cfg->rings[3].aliases = xcalloc(1, sizeof(char *));
	cfg->rings[3].aliases[0] = xstrdup("caution");
	cfg->scale_min = 1;
	cfg->scale_max = 5;
	cfg->ndimensions = COUNT(default_dimensions);
	cfg->dimensions = xcalloc(cfg->ndimensions, sizeof(*cfg->dimensions));
	for (size_t i = 0; i < cfg->ndimensions; i++) {
		cfg->dimensions[i].id = xstrdup(default_dimensions[i].id);
		cfg->dimensions[i].name = xstrdup(default_dimensions[i].name);
		cfg->dimensions[i].weight = default_dimensions[i].weight;
	}
	cfg->entries_path = xstrdup("radar");
	cfg->adr_path = xstrdup("docs/adr");
	cfg->judgments_path = xstrdup("judgments");
	cfg->review_after_months = 3;
	cfg->commit = 1;
	return cfg;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void free_quadrants(radar_config *cfg)
{
	for (size_t i = 0; i < cfg->nquadrants; i++) {
		free(cfg->quadrants[i].id);
		free(cfg->quadrants[i].name);
	}
	free(cfg->quadrants);
	cfg->quadrants = NULL;
	cfg->nquadrants = 0;
}

static void free_rings(radar_config *cfg)
{
	for (size_t i = 0; i < cfg->nrings; i++) {
		free(cfg->rings[i].id);
		free(cfg->rings[i].name);
		free_strings(cfg->rings[i].aliases, cfg->rings[i].naliases);
	}
	free(cfg->rings);
	cfg->rings = NULL;
	cfg->nrings = 0;
}

static void free_dimensions(radar_config *cfg)
{
	for (size_t i = 0; i < cfg->ndimensions; i++) {
		free(cfg->dimensions[i].id);
		free(cfg->dimensions[i].name);
	}
	free(cfg->dimensions);
	cfg->dimensions = NULL;
	cfg->ndimensions = 0;
}

void radar_config_free(radar_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->title);
	free_quadrants(cfg);
	free_rings(cfg);
	free_dimensions(cfg);
	free(cfg->entries_path);
	free(cfg->adr_path);
	free(cfg->judgments_path);
	free_strings(cfg->statuses, cfg->nstatuses);
	free(cfg);
}

typedef struct ctx {
	const char *path;
	diag_list *dl;
	size_t errors_before;
} ctx;

/* Reads a list of {id, name, ...} items; returns how many, or -1. */
static int read_named_list(ctx *c, const yt_node *list, const char *what,
			   size_t min, size_t max, const char *const *known)
{
	if (yt_want_kind(list, YT_SEQ, c->path, what, c->dl))
		return -1;
	if (list->n < min || list->n > max) {
		diag_add(c->dl, DIAG_ERROR, c->path, list->line, list->col,
			 "%s: %zu given; between %zu and %zu are needed", what, list->n,
			 min, max);
		return -1;
	}
	for (size_t i = 0; i < list->n; i++) {
		const yt_node *item = list->items[i], *id;
		if (yt_want_kind(item, YT_MAP, c->path, "each item", c->dl))
			return -1;
		yt_warn_unknown_keys(item, known, c->path, what, c->dl);
		id = yt_map_get(item, "id");
		if (!id) {
			diag_add(c->dl, DIAG_ERROR, c->path, item->line, item->col,
				 "%s item has no 'id'", what);
			return -1;
		}
		if (!yt_want_string(id, c->path, "id", c->dl))
			return -1;
		if (!text_is_slug(id->value)) {
			diag_add(c->dl, DIAG_ERROR, c->path, id->line, id->col,
				 "id '%s' must be lower-case letters, digits and '-'",
				 id->value);
			return -1;
		}
		for (size_t j = 0; j < i; j++) {
			const yt_node *other = yt_map_get(list->items[j], "id");
			if (!strcmp(other->value, id->value)) {
				diag_add(c->dl, DIAG_ERROR, c->path, id->line, id->col,
					 "duplicate id '%s' in %s", id->value, what);
				return -1;
			}
		}
	}
	return (int)list->n;
}

static char *name_or_id(const yt_node *item)
{
	const yt_node *name = yt_map_get(item, "name");
	if (name && name->kind == YT_SCALAR && !yt_is_null(name))
		return xstrdup(name->value);
	return xstrdup(yt_map_get(item, "id")->value);
}

static void read_quadrants(ctx *c, radar_config *cfg, const yt_node *list)
{
	static const char *const known[] = { "id", "name", NULL };
	int n = read_named_list(c, list, "quadrants", 2, 8, known);
	if (n < 0)
		return;
	free_quadrants(cfg);
	cfg->quadrants = xcalloc((size_t)n, sizeof(*cfg->quadrants));
	cfg->nquadrants = (size_t)n;
	for (int i = 0; i < n; i++) {
		cfg->quadrants[i].id = xstrdup(yt_map_get(list->items[i], "id")->value);
		cfg->quadrants[i].name = name_or_id(list->items[i]);
	}
}

static void read_rings(ctx *c, radar_config *cfg, const yt_node *list)
{
	static const char *const known[] = { "id", "name", "aliases", NULL };
	int n = read_named_list(c, list, "rings", 2, 6, known);
	if (n < 0)
		return;
	free_rings(cfg);
	cfg->rings = xcalloc((size_t)n, sizeof(*cfg->rings));
	cfg->nrings = (size_t)n;
	for (int i = 0; i < n; i++) {
		const yt_node *item = list->items[i];
		const yt_node *aliases = yt_map_get(item, "aliases");
		radar_ring *r = &cfg->rings[i];

		/*
		 * A valid fraction until read_thresholds sets it: a ring left
		 * without one is reported as an error, but commands go on with
		 * this config, and a zeroed {0, 0} made `radar score` divide by
		 * zero (SIGFPE; fuzz_config, tests/regress/fuzz_config/).
		 */
		r->threshold = frac_make(0, 1);
		r->id = xstrdup(yt_map_get(item, "id")->value);
		r->name = name_or_id(item);
		if (!aliases || yt_want_kind(aliases, YT_SEQ, c->path, "aliases", c->dl))
			continue;
		r->aliases = xcalloc(aliases->n, sizeof(char *));
		for (size_t j = 0; j < aliases->n; j++) {
			const char *a = yt_want_string(aliases->items[j], c->path, "an alias", c->dl);
			if (a)
				r->aliases[r->naliases++] = xstrdup(a);
		}
	}
	/* Default thresholds carry over to rings that keep the default ids. */
	for (size_t i = 0; i < cfg->nrings; i++)
		for (size_t j = 0; j < COUNT(default_rings); j++)
			if (default_rings[j].threshold && !strcmp(cfg->rings[i].id, default_rings[j].id))
				frac_parse_decimal(default_rings[j].threshold, &cfg->rings[i].threshold);
}

static void read_dimensions(ctx *c, radar_config *cfg, const yt_node *list)
{
	static const char *const known[] = { "id", "name", "weight", NULL };
	int n = read_named_list(c, list, "scorecard dimensions", 1, 16, known);
	long sum = 0;
	int bad = 0;

	if (n < 0)
		return;
	for (int i = 0; i < n; i++) {
		const yt_node *w = yt_map_get(list->items[i], "weight");
		long v;
		if (!w) {
			diag_add(c->dl, DIAG_ERROR, c->path, list->items[i]->line,
				 list->items[i]->col, "dimension has no 'weight' (a percentage)");
			bad = 1;
		} else if (yt_want_int(w, c->path, "weight", 0, 100, &v, c->dl)) {
			bad = 1;
		} else {
			sum += v;
		}
	}
	if (bad)
		return;
	if (sum != 100) {
		diag_add(c->dl, DIAG_ERROR, c->path, list->line, list->col,
			 "dimension weights add up to %ld; they must add up to 100", sum);
		return;
	}
	free_dimensions(cfg);
	cfg->dimensions = xcalloc((size_t)n, sizeof(*cfg->dimensions));
	cfg->ndimensions = (size_t)n;
	for (int i = 0; i < n; i++) {
		long v = 0;
		yt_want_int(yt_map_get(list->items[i], "weight"), c->path, "weight", 0, 100, &v, c->dl);
		cfg->dimensions[i].id = xstrdup(yt_map_get(list->items[i], "id")->value);
		cfg->dimensions[i].name = name_or_id(list->items[i]);
		cfg->dimensions[i].weight = (int)v;
	}
}

static void read_scale(ctx *c, radar_config *cfg, const yt_node *scale)
{
	long lo, hi;
	if (yt_want_kind(scale, YT_SEQ, c->path, "scorecard scale", c->dl))
		return;
	if (scale->n != 2) {
		diag_add(c->dl, DIAG_ERROR, c->path, scale->line, scale->col,
			 "scorecard scale must be [lowest, highest], e.g. [1, 5]");
		return;
	}
	if (yt_want_int(scale->items[0], c->path, "the scale's lowest score", 0, 100, &lo, c->dl) ||
	    yt_want_int(scale->items[1], c->path, "the scale's highest score", 0, 100, &hi, c->dl))
		return;
	if (lo >= hi) {
		diag_add(c->dl, DIAG_ERROR, c->path, scale->line, scale->col,
			 "scorecard scale [%ld, %ld]: the lowest must be below the highest",
			 lo, hi);
		return;
	}
	cfg->scale_min = (int)lo;
	cfg->scale_max = (int)hi;
}

static void read_thresholds(ctx *c, radar_config *cfg, const yt_node *map,
			    const yt_node *near)
{
	int *given = xcalloc(cfg->nrings, sizeof(int));

	if (map && !yt_want_kind(map, YT_MAP, c->path, "scorecard thresholds", c->dl)) {
		for (size_t i = 0; i + 1 < map->n; i += 2) {
			const yt_node *k = map->items[i], *v = map->items[i + 1];
			const char *s = yt_want_string(v, c->path, "a threshold", c->dl);
			int ring;
			frac f;

			if (k->kind != YT_SCALAR || !s)
				continue;
			ring = radar_config_find_ring(cfg, k->value);
			if (ring < 0) {
				char *list = radar_config_ring_list(cfg);
				diag_add(c->dl, DIAG_ERROR, c->path, k->line, k->col,
					 "threshold for unknown ring '%s' (rings: %s)", k->value, list);
				free(list);
				continue;
			}
			if ((size_t)ring == cfg->nrings - 1) {
				diag_add(c->dl, DIAG_ERROR, c->path, k->line, k->col,
					 "ring '%s' is the outermost: it takes every total below the others and has no threshold",
					 cfg->rings[ring].id);
				continue;
			}
			if (frac_parse_decimal(s, &f)) {
				diag_add(c->dl, DIAG_ERROR, c->path, v->line, v->col,
					 "threshold '%s' is not a decimal number", s);
				continue;
			}
			cfg->rings[ring].threshold = f;
			given[ring] = 1;
		}
	}
	for (size_t i = 0; i + 1 < cfg->nrings; i++) {
		int is_default = 0;
		for (size_t j = 0; j < COUNT(default_rings); j++)
			if (default_rings[j].threshold && !strcmp(cfg->rings[i].id, default_rings[j].id))
				is_default = 1;
		if (!given[i] && !is_default) {
			const yt_node *at = map ? map : near;
			diag_add(c->dl, DIAG_ERROR, c->path, at ? at->line : 1, at ? at->col : 1,
				 "no scorecard threshold for ring '%s'", cfg->rings[i].id);
			goto cleanup;
		}
	}
	for (size_t i = 1; i + 1 < cfg->nrings; i++) {
		if (frac_cmp(cfg->rings[i].threshold, cfg->rings[i - 1].threshold) >= 0) {
			const yt_node *at = map ? map : near;
			strbuf a = STRBUF_INIT, b = STRBUF_INIT;
			frac_format_fixed(&a, cfg->rings[i - 1].threshold, 2);
			frac_format_fixed(&b, cfg->rings[i].threshold, 2);
			diag_add(c->dl, DIAG_ERROR, c->path, at ? at->line : 1, at ? at->col : 1,
				 "thresholds out of order: '%s' (%s) must be higher than '%s' (%s), inner rings first",
				 cfg->rings[i - 1].id, a.buf, cfg->rings[i].id, b.buf);
			strbuf_free(&a);
			strbuf_free(&b);
			break;
		}
	}
cleanup:
	free(given);
}

static void read_string(ctx *c, char **dst, const yt_node *n, const char *what)
{
	const char *s = yt_want_string(n, c->path, what, c->dl);
	if (!s)
		return;
	free(*dst);
	*dst = xstrdup(s);
}

static void read_path(ctx *c, char **dst, const yt_node *n, const char *what)
{
	const char *s = yt_want_string(n, c->path, what, c->dl);
	size_t len;
	if (!s)
		return;
	/* Paths stay inside the repository. */
	if (s[0] == '/' || strstr(s, "..") || strchr(s, '\\')) {
		diag_add(c->dl, DIAG_ERROR, c->path, n->line, n->col,
			 "%s '%s' must be a relative path inside the repository", what, s);
		return;
	}
	free(*dst);
	len = strlen(s);
	while (len > 1 && s[len - 1] == '/')
		len--;
	*dst = xstrndup(s, len);
}

static int read_bool(ctx *c, const yt_node *n, const char *what, int *out)
{
	const char *s = yt_want_string(n, c->path, what, c->dl);
	if (!s)
		return -1;
	if (!strcasecmp(s, "true") || !strcasecmp(s, "yes")) {
		*out = 1;
	} else if (!strcasecmp(s, "false") || !strcasecmp(s, "no")) {
		*out = 0;
	} else {
		diag_add(c->dl, DIAG_ERROR, c->path, n->line, n->col,
			 "%s must be true or false, not '%s'", what, s);
		return -1;
	}
	return 0;
}

static void read_sections(ctx *c, radar_config *cfg, const yt_node *root)
{
	static const char *const top[] = { "title", "quadrants", "rings", "scorecard", "paths",
					   "review", "commit", "adr", NULL };
	static const char *const sc_keys[] = { "scale", "dimensions", "thresholds", NULL };
	static const char *const path_keys[] = { "entries", "adr", "judgments", NULL };
	static const char *const review_keys[] = { "after_months", NULL };
	static const char *const adr_keys[] = { "format", "statuses", NULL };
	const yt_node *n, *sc, *sub;
	long months;

	yt_warn_unknown_keys(root, top, c->path, "the configuration", c->dl);
	if ((n = yt_map_get(root, "title")))
		read_string(c, &cfg->title, n, "title");
	if ((n = yt_map_get(root, "quadrants")))
		read_quadrants(c, cfg, n);
	if ((n = yt_map_get(root, "rings")))
		read_rings(c, cfg, n);
	sc = yt_map_get(root, "scorecard");
	if (sc && !yt_want_kind(sc, YT_MAP, c->path, "scorecard", c->dl)) {
		yt_warn_unknown_keys(sc, sc_keys, c->path, "scorecard", c->dl);
		if ((sub = yt_map_get(sc, "scale")))
			read_scale(c, cfg, sub);
		if ((sub = yt_map_get(sc, "dimensions")))
			read_dimensions(c, cfg, sub);
	}
	read_thresholds(c, cfg, sc && sc->kind == YT_MAP ? yt_map_get(sc, "thresholds") : NULL,
			yt_map_get(root, "rings"));
	n = yt_map_get(root, "paths");
	if (n && !yt_want_kind(n, YT_MAP, c->path, "paths", c->dl)) {
		yt_warn_unknown_keys(n, path_keys, c->path, "paths", c->dl);
		if ((sub = yt_map_get(n, "entries")))
			read_path(c, &cfg->entries_path, sub, "paths.entries");
		if ((sub = yt_map_get(n, "adr"))) {
			read_path(c, &cfg->adr_path, sub, "paths.adr");
			cfg->adr_path_set = 1;
		}
		if ((sub = yt_map_get(n, "judgments")))
			read_path(c, &cfg->judgments_path, sub, "paths.judgments");
	}
	n = yt_map_get(root, "review");
	if (n && !yt_want_kind(n, YT_MAP, c->path, "review", c->dl)) {
		yt_warn_unknown_keys(n, review_keys, c->path, "review", c->dl);
		if ((sub = yt_map_get(n, "after_months")) &&
		    !yt_want_int(sub, c->path, "review.after_months", 1, 120, &months, c->dl))
			cfg->review_after_months = (int)months;
	}
	if ((n = yt_map_get(root, "commit")))
		read_bool(c, n, "commit", &cfg->commit);
	n = yt_map_get(root, "adr");
	if (n && !yt_want_kind(n, YT_MAP, c->path, "adr", c->dl)) {
		yt_warn_unknown_keys(n, adr_keys, c->path, "adr", c->dl);
		if ((sub = yt_map_get(n, "format"))) {
			const char *f = yt_want_string(sub, c->path, "adr.format", c->dl);
			if (f && (!strcmp(f, "madr") || !strcmp(f, "nygard") || !strcmp(f, "adr-tools")))
				cfg->adr_madr = !strcmp(f, "madr");
			else if (f)
				diag_add(c->dl, DIAG_ERROR, c->path, sub->line, sub->col,
					 "adr.format must be nygard (adr-tools) or madr, not '%s'", f);
		}
		sub = yt_map_get(n, "statuses");
		if (sub && !yt_want_kind(sub, YT_SEQ, c->path, "adr.statuses", c->dl)) {
			cfg->statuses = xcalloc(sub->n, sizeof(char *));
			for (size_t i = 0; i < sub->n; i++) {
				const char *s = yt_want_string(sub->items[i], c->path, "a status", c->dl);
				if (s)
					cfg->statuses[cfg->nstatuses++] = xstrdup(s);
			}
		}
	}
}

int radar_config_parse(radar_config **out, const char *path, const char *buf,
		       size_t len, diag_list *dl)
{
	radar_config *cfg = radar_config_default();
	ctx c = { path, dl, dl->errors };
	yt_doc *doc = NULL;
	const yt_node *root;

	*out = cfg;
	if (yt_parse(&doc, path, buf, len, dl))
		return -1;
	root = yt_root(doc);
	if (root && !yt_is_null(root) &&
	    !yt_want_kind(root, YT_MAP, path, "the configuration", dl))
		read_sections(&c, cfg, root);
	yt_doc_free(doc);
	return dl->errors > c.errors_before ? -1 : 0;
}

int radar_config_find_ring(const radar_config *cfg, const char *s)
{
	for (size_t i = 0; i < cfg->nrings; i++) {
		const radar_ring *r = &cfg->rings[i];
		if (!strcasecmp(r->id, s) || !strcasecmp(r->name, s))
			return (int)i;
		for (size_t j = 0; j < r->naliases; j++)
			if (!strcasecmp(r->aliases[j], s))
				return (int)i;
	}
	return -1;
}

int radar_config_find_quadrant(const radar_config *cfg, const char *s)
{
	for (size_t i = 0; i < cfg->nquadrants; i++)
		if (!strcasecmp(cfg->quadrants[i].id, s) || !strcasecmp(cfg->quadrants[i].name, s))
			return (int)i;
	return -1;
}

int radar_config_find_dimension(const radar_config *cfg, const char *s)
{
	for (size_t i = 0; i < cfg->ndimensions; i++)
		if (!strcasecmp(cfg->dimensions[i].id, s))
			return (int)i;
	return -1;
}

char *radar_config_ring_list(const radar_config *cfg)
{
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < cfg->nrings; i++)
		strbuf_printf(&sb, "%s%s", i ? ", " : "", cfg->rings[i].id);
	return strbuf_detach(&sb);
}

char *radar_config_quadrant_list(const radar_config *cfg)
{
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < cfg->nquadrants; i++)
		strbuf_printf(&sb, "%s%s", i ? ", " : "", cfg->quadrants[i].id);
	return strbuf_detach(&sb);
}

void radar_config_write_threshold(strbuf *sb, frac f)
{
	int places = 1;
	/* As many places as it takes (frac_parse_decimal reads at most 6): 4.0, 3.25, 3.125. */
	for (int64_t p = 10; places < 6 && f.den > 0 && p % f.den; p *= 10)
		places++;
	frac_format_fixed(sb, f, places);
}

char *radar_config_to_yaml(const radar_config *cfg)
{
	strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "title: ");
	yt_write_scalar(&sb, cfg->title);
	strbuf_puts(&sb, "\nquadrants:                       # 2 to 8; order = drawing order\n");
	for (size_t i = 0; i < cfg->nquadrants; i++) {
		strbuf_printf(&sb, "  - {id: %s, name: ", cfg->quadrants[i].id);
		yt_write_scalar(&sb, cfg->quadrants[i].name);
		strbuf_puts(&sb, "}\n");
	}
	strbuf_puts(&sb, "rings:                           # innermost first, 2 to 6\n");
	for (size_t i = 0; i < cfg->nrings; i++) {
		strbuf_printf(&sb, "  - {id: %s, name: ", cfg->rings[i].id);
		yt_write_scalar(&sb, cfg->rings[i].name);
		if (cfg->rings[i].naliases) {
			strbuf_puts(&sb, ", aliases: [");
			for (size_t j = 0; j < cfg->rings[i].naliases; j++) {
				if (j)
					strbuf_puts(&sb, ", ");
				yt_write_scalar(&sb, cfg->rings[i].aliases[j]);
			}
			strbuf_puts(&sb, "]");
		}
		strbuf_puts(&sb, "}\n");
	}
	strbuf_printf(&sb, "scorecard:\n  scale: [%d, %d]                  # steps of 0.5; higher is better\n",
		      cfg->scale_min, cfg->scale_max);
	strbuf_puts(&sb, "  dimensions:                    # weights in percent, adding up to 100\n");
	for (size_t i = 0; i < cfg->ndimensions; i++) {
		strbuf_printf(&sb, "    - {id: %s, name: ", cfg->dimensions[i].id);
		yt_write_scalar(&sb, cfg->dimensions[i].name);
		strbuf_printf(&sb, ", weight: %d}\n", cfg->dimensions[i].weight);
	}
	strbuf_puts(&sb, "  thresholds: {");
	for (size_t i = 0; i + 1 < cfg->nrings; i++) {
		strbuf_printf(&sb, "%s%s: ", i ? ", " : "", cfg->rings[i].id);
		radar_config_write_threshold(&sb, cfg->rings[i].threshold);
	}
	strbuf_puts(&sb, "}   # total >= threshold; below the last: the outermost ring\n");
	strbuf_puts(&sb, "paths: {entries: ");
	yt_write_scalar(&sb, cfg->entries_path);
	strbuf_puts(&sb, ", adr: ");
	yt_write_scalar(&sb, cfg->adr_path);
	strbuf_puts(&sb, ", judgments: ");
	yt_write_scalar(&sb, cfg->judgments_path);
	strbuf_printf(&sb, "}\nreview: {after_months: %d}        # judgments and placements fall due after this many months\n",
		      cfg->review_after_months);
	return strbuf_detach(&sb);
}
