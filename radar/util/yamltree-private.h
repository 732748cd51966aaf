#ifndef RADAR_YAMLTREE_PRIVATE_H
#define RADAR_YAMLTREE_PRIVATE_H
/* Shared by yamltree.c (building trees) and yamltree-pack.c (storing them), nothing else. */
#include <stddef.h>

#include "yamltree.h"

/* Collections nest this deep at most (a scalar may sit one deeper). */
#define YT_MAX_DEPTH 64

typedef struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
} arena_block;

struct yt_doc {
	yt_node *root;
	arena_block *blocks;
	int shared; /* an alias made two parents share a node: the tree is a graph */
};

/* Memory that lives as long as the document, aligned for any type. */
void *yt__arena_alloc(yt_doc *doc, size_t size);
/* The same in a block of its own of just that size, for a tree whose size is known. */
void *yt__arena_alloc_exact(yt_doc *doc, size_t size);

#endif
