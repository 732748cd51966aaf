#ifndef RADAR_SITE_PRIVATE_H
#define RADAR_SITE_PRIVATE_H
/* What the site's page makers share (site*.c only). */
#include "site.h"

extern const char site_css[];
extern const char site_js[];

/* A new file in the site; its data is empty, to fill. */
strbuf *site_add(site *s, const char *path);

typedef enum { NAV_RADAR, NAV_ENTRY, NAV_ADR, NAV_ACCURACY } site_nav;

/*
 * The page's head and header: `root` is the way back to the site's top
 * ("" or "../"); the title is escaped here.
 */
void site_page_begin(strbuf *sb, const site_input *in, const char *root, const char *title,
		     site_nav nav);
void site_page_end(strbuf *sb, const site_input *in);

/* An <a href> to an external URL from the data when its scheme is safe, else the text. */
void site_ext_link(strbuf *sb, const char *url);

/* The page of an ADR inside adr/: "0003-use-x.html". Caller frees. */
char *site_adr_file(const adr_record *rec);

/* A ring's or quadrant's name, or "none". */
const char *site_ring_name(const radar_config *cfg, int ring);

/* Formats a fraction with two decimals into sb. */
void site_fixed(strbuf *sb, frac f);

void site_index(site *s, const site_input *in);
void site_entries(site *s, const site_input *in);
void site_adrs(site *s, const site_input *in);
void site_accuracy(site *s, const site_input *in);

#endif
