#ifndef RADAR_DIAG_H
#define RADAR_DIAG_H
/* Diagnostics: every problem found in the data, as path:line:col. */
#include <stddef.h>

typedef enum { DIAG_ERROR, DIAG_WARNING } diag_severity;

typedef struct diag {
	char *path;
	int line;  /* 1-based; 0 when the problem is the whole file */
	int col;   /* 1-based; 0 when unknown */
	diag_severity severity;
	char *message;
} diag;

typedef struct diag_list {
	diag *items;
	size_t n, cap;
	size_t errors, warnings;
} diag_list;

#define DIAG_LIST_INIT { NULL, 0, 0, 0, 0 }

void diag_add(diag_list *dl, diag_severity sev, const char *path, int line,
	      int col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Orders by path, then line and column, keeping insertion order for ties. */
void diag_sort(diag_list *dl);
void diag_list_free(diag_list *dl);

#endif
