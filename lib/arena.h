/*
 * Per-request memory arena.
 *
 * Everything a request allocates comes from one arena and is released in one
 * step when the request ends, so a page cannot leak.  Objects that live in
 * other allocators (jansson values, libpq results) are handed to the arena
 * with eco_arena_defer() and released at the same moment.
 *
 * Allocation failure aborts the process: a worker that cannot allocate is
 * replaced by the master, which is safer than limping on.
 */
#ifndef ECO_ARENA_H
#define ECO_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct eco_arena;

struct eco_arena *eco_arena_new(void);
void	eco_arena_free(struct eco_arena *);
/* Runs the deferred cleanups (last registered first) and frees every block. */
void	eco_arena_reset(struct eco_arena *);

void	*eco_alloc(struct eco_arena *, size_t);	/* 16-byte aligned */
void	*eco_zalloc(struct eco_arena *, size_t);	/* zero-filled */
char	*eco_strdup(struct eco_arena *, const char *);
char	*eco_strndup(struct eco_arena *, const char *, size_t);
char	*eco_sprintf(struct eco_arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*eco_vsprintf(struct eco_arena *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

/*
 * malloc and calloc for what outlives a request (compiled templates, the
 * calendar): the same policy as the arena, abort when memory runs out.
 */
void	*eco_xmalloc(size_t);
void	*eco_xcalloc(size_t, size_t);

/* Calls fn(p) when the arena is reset or freed. */
void	eco_arena_defer(struct eco_arena *, void (*fn)(void *), void *p);

/* Bytes handed out since the last reset (for tests and the benchmark). */
size_t	eco_arena_used(const struct eco_arena *);

#endif
