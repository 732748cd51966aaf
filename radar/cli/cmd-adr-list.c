/* adr list, adr show: the records as adr-tools lists them, or as JSON (docs/json.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-adr.h"

static json_t *str_array(char **v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *nullable(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *record_json(const adr_record *r, const char *file)
{
	json_t *o = json_object(), *links = json_array();
	const char *st = adr_record_status(r);
	json_object_set_new(o, "number", r->number >= 0 ? json_integer(r->number) : json_null());
	json_object_set_new(o, "title", nullable(r->title));
	json_object_set_new(o, "status", nullable(st));
	json_object_set_new(o, "statuses", str_array(r->statuses, r->nstatuses));
	json_object_set_new(o, "date", nullable(r->date));
	json_object_set_new(o, "file", json_string(file));
	json_object_set_new(o, "format", json_string(r->format == ADR_MADR ? "madr" : "nygard"));
	if (r->format == ADR_MADR)
		json_object_set_new(o, "madr_version", json_integer(r->madr_version));
	for (size_t i = 0; i < r->nlinks; i++) {
		json_t *l = json_object();
		json_object_set_new(l, "type", json_string(r->links[i].type));
		json_object_set_new(l, "target", json_string(r->links[i].target));
		json_object_set_new(l, "number", r->links[i].number >= 0 ? json_integer(r->links[i].number)
									: json_null());
		json_array_append_new(links, l);
	}
	json_object_set_new(o, "links", links);
	json_object_set_new(o, "deciders", str_array(r->deciders, r->ndeciders));
	json_object_set_new(o, "consulted", str_array(r->consulted, r->nconsulted));
	json_object_set_new(o, "informed", str_array(r->informed, r->ninformed));
	json_object_set_new(o, "review_on", nullable(r->review_on));
	json_object_set_new(o, "confidence", r->has_confidence ? json_real(r->confidence) : json_null());
	if (r->outcome_verdict || r->outcome_date) {
		json_t *out = json_object();
		json_object_set_new(out, "verdict", nullable(r->outcome_verdict));
		json_object_set_new(out, "date", nullable(r->outcome_date));
		json_object_set_new(out, "note", nullable(r->outcome_note));
		json_object_set_new(o, "outcome", out);
	} else {
		json_object_set_new(o, "outcome", json_null());
	}
	return o;
}

/* Parses record i; diagnostics go to dl. NULL when it could not be read. */
static adr_record *parse_one(adr_env *e, size_t i, diag_list *dl)
{
	const char *text = adr_env_text(e, i);
	char *path;
	adr_record *rec = NULL;
	if (!text)
		return NULL;
	path = adr_set_path(e->set, i);
	adr_parse(&rec, path, text, strlen(text), dl);
	free(path);
	return rec;
}

static int format_opt(adr_env *e, const adr_opt *o, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (o[i].lname && !strcmp(o[i].lname, "format=")) {
			if (!strcmp(o[i].value, "json"))
				e->c->json = 1;
			else if (!strcmp(o[i].value, "text"))
				e->c->json = 0;
			else
				return adr_fail(e, EXIT_USAGE, "unknown format '%s' (text or json)", o[i].value);
		}
	return 0;
}

/* Takes --format FMT / --format=FMT out of argv wherever it stands (before "--"). */
static int take_format(adr_env *e, int *argc, char **argv)
{
	int out = 0;
	for (int k = 0; k < *argc; k++) {
		const char *v = NULL;
		if (!strcmp(argv[k], "--")) {
			while (k < *argc)
				argv[out++] = argv[k++];
			break;
		}
		if (!strcmp(argv[k], "--format")) {
			if (k + 1 >= *argc)
				return adr_fail(e, EXIT_USAGE, "option '--format' needs a value (text or json)");
			v = argv[++k];
		} else if (!strncmp(argv[k], "--format=", 9)) {
			v = argv[k] + 9;
		} else {
			argv[out++] = argv[k];
			continue;
		}
		if (!strcmp(v, "json"))
			e->c->json = 1;
		else if (!strcmp(v, "text"))
			e->c->json = 0;
		else
			return adr_fail(e, EXIT_USAGE, "unknown format '%s' (text or json)", v);
	}
	*argc = out;
	return 0;
}

int adr_cmd_list(adr_env *e, int argc, char **argv)
{
	static const char *const longs[] = { "format=", NULL };
	adr_opt *o;
	size_t no;
	int k, rc = EXIT_OK;
	diag_list dl = DIAG_LIST_INIT;
	json_t *arr;

	if ((rc = take_format(e, &argc, argv)))
		return rc;
	k = adr_getopt(e, argc, argv, "", longs, &o, &no);
	if (k < 0)
		return EXIT_USAGE;
	if ((rc = format_opt(e, o, no)) || k < argc) {
		free(o);
		return rc ? rc : adr_fail(e, EXIT_USAGE, "takes no arguments");
	}
	free(o);
	if (!e->set->exists) {
		printf("The %s directory does not exist\n", e->dir);
		return EXIT_DATA;
	}
	if (!e->c->json) {
		for (size_t i = 0; i < e->set->n; i++)
			printf("%s/%s\n", e->dir, e->set->names[i]);
		return EXIT_OK;
	}
	arr = json_array();
	for (size_t i = 0; i < e->set->n; i++) {
		adr_record *rec = parse_one(e, i, &dl);
		char *path = adr_set_path(e->set, i);
		if (rec)
			json_array_append_new(arr, record_json(rec, path));
		else
			rc = EXIT_DATA;
		adr_record_free(rec);
		free(path);
	}
	diag_sort(&dl);
	cli_print_diags(e->c, &dl);
	if (dl.errors)
		rc = EXIT_DATA;
	diag_list_free(&dl);
	if (cli_json_print(arr))
		rc = EXIT_DATA;
	return rc;
}

static void text_list(const char *label, char **v, size_t n)
{
	if (!n)
		return;
	printf("%-10s ", label);
	for (size_t i = 0; i < n; i++)
		printf("%s%s", i ? ", " : "", v[i]);
	putchar('\n');
}

int adr_cmd_show(adr_env *e, int argc, char **argv)
{
	static const char *const longs[] = { "format=", NULL };
	adr_opt *o;
	size_t no;
	int k, rc;
	diag_list dl = DIAG_LIST_INIT;
	adr_record *rec;
	long i;
	char *path;

	if ((rc = take_format(e, &argc, argv)))
		return rc;
	k = adr_getopt(e, argc, argv, "", longs, &o, &no);
	if (k < 0)
		return EXIT_USAGE;
	rc = format_opt(e, o, no);
	free(o);
	if (rc)
		return rc;
	if (argc - k != 1)
		return adr_fail(e, EXIT_USAGE, "which record? give one number (usage: %s show N)", e->c->prog);
	if ((i = adr_env_resolve(e, argv[k])) < 0)
		return EXIT_DATA;
	if (!(rec = parse_one(e, (size_t)i, &dl)))
		return EXIT_DATA;
	cli_print_diags(e->c, &dl);
	rc = dl.errors ? EXIT_DATA : EXIT_OK;
	path = adr_set_path(e->set, (size_t)i);
	if (e->c->json) {
		if (cli_json_print(record_json(rec, path)))
			rc = EXIT_DATA;
	} else {
		const char *st = adr_record_status(rec);
		if (rec->number >= 0)
			printf("%ld. ", rec->number);
		printf("%s\n", rec->title ? rec->title : "(no title)");
		printf("%-10s %s\n", "File", path);
		printf("%-10s %s", "Format", rec->format == ADR_MADR ? "MADR" : "Nygard (adr-tools)");
		if (rec->format == ADR_MADR)
			printf(" %d", rec->madr_version);
		putchar('\n');
		printf("%-10s %s\n", "Date", rec->date ? rec->date : "-");
		printf("%-10s %s\n", "Status", st ? st : "-");
		for (size_t l = 0; l < rec->nlinks; l++)
			printf("%-10s %s %s\n", l ? "" : "Links", rec->links[l].type, rec->links[l].target);
		text_list("Deciders", rec->deciders, rec->ndeciders);
		text_list("Consulted", rec->consulted, rec->nconsulted);
		text_list("Informed", rec->informed, rec->ninformed);
		if (rec->review_on)
			printf("%-10s %s\n", "Review on", rec->review_on);
		if (rec->has_confidence)
			printf("%-10s %.2f\n", "Confidence", rec->confidence);
		if (rec->outcome_verdict)
			printf("%-10s %s\n", "Outcome", rec->outcome_verdict);
	}
	free(path);
	adr_record_free(rec);
	diag_list_free(&dl);
	return rc;
}
