#ifndef RADAR_STRBUF_H
#define RADAR_STRBUF_H
/* A growable byte string with explicit length, always NUL-terminated. */
#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
} strbuf;

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_add(strbuf *sb, const void *data, size_t len);
void strbuf_puts(strbuf *sb, const char *s);
void strbuf_putc(strbuf *sb, char c);
void strbuf_printf(strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vprintf(strbuf *sb, const char *fmt, va_list ap);
void strbuf_reset(strbuf *sb);
/* The string, never NULL (an empty buffer gives ""). */
const char *strbuf_str(const strbuf *sb);
/* Hands the heap string to the caller and empties the buffer. */
char *strbuf_detach(strbuf *sb);
void strbuf_free(strbuf *sb);

/* Allocation that aborts on exhaustion: a CLI has nothing better to do. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grows *items (each of `size` bytes) so that it holds at least `need`. */
void grow_array(void **items, size_t *cap, size_t need, size_t size);
#define GROW(arr, cap, need) grow_array((void **)&(arr), &(cap), (need), sizeof(*(arr)))

#endif
