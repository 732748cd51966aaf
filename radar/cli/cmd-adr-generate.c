/* adr generate toc | graph: a Markdown table of contents, or a Graphviz DOT graph. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-adr.h"

static char *read_intro(const char *path)
{
	FILE *f;
	strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	if (!path || !(f = fopen(path, "rb")))
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return sb.buf ? strbuf_detach(&sb) : NULL;
}

int adr_cmd_generate(adr_env *e, int argc, char **argv)
{
	adr_opt *o = NULL;
	size_t no = 0;
	strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int k, rc = EXIT_OK, toc;
	const char *intro = NULL, *outro = NULL, *prefix = NULL, *ext = NULL;

	if (argc < 1) {
		printf("graph\ntoc\n");
		return EXIT_OK;
	}
	toc = !strcmp(argv[0], "toc");
	if (!toc && strcmp(argv[0], "graph"))
		return adr_fail(e, EXIT_USAGE, "unknown report '%s' (toc or graph)", argv[0]);
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		adr_print_help(e->c, "generate");
		return EXIT_OK;
	}
	k = adr_getopt(e, argc - 1, argv + 1, toc ? "i:o:p:" : "p:e:", NULL, &o, &no);
	if (k < 0)
		return EXIT_USAGE;
	if (k < argc - 1) {
		free(o);
		return adr_fail(e, EXIT_USAGE, "unexpected argument '%s'", argv[1 + k]);
	}
	for (size_t i = 0; i < no; i++) {
		if (o[i].name == 'i')
			intro = o[i].value;
		else if (o[i].name == 'o')
			outro = o[i].value;
		else if (o[i].name == 'p')
			prefix = o[i].value;
		else if (o[i].name == 'e')
			ext = o[i].value;
	}
	if (toc) {
		char *it = read_intro(intro), *ot = read_intro(outro);
		if (adr_set_toc(e->set, &out, it, ot, prefix, &err))
			rc = adr_fail(e, EXIT_DATA, "%s", err.buf);
		free(it);
		free(ot);
	} else if (adr_set_graph(e->set, &out, prefix, ext, &err)) {
		rc = adr_fail(e, EXIT_DATA, "%s", err.buf);
	}
	if (!rc)
		fwrite(out.buf ? out.buf : "", 1, out.len, stdout);
	free(o);
	strbuf_free(&out);
	strbuf_free(&err);
	return rc;
}
