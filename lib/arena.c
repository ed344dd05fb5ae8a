/*
 * A bump allocator over a list of blocks.  The first block, and up to
 * SPARE_MAX more of the standard size, are kept across resets so that a
 * worker does not call malloc for its blocks once it is warm (freeing a
 * 64 KB block makes glibc consolidate its free lists, every request).
 */
#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define BLOCK_SIZE	(64 * 1024)
#define ALIGNMENT	16
#define SPARE_MAX	15		/* standard blocks kept besides the first */

struct block {
	struct block	*next;
	size_t		 size;		/* usable bytes after the header */
	size_t		 used;
	max_align_t	 data[];
};

struct cleanup {
	struct cleanup	*next;
	void		(*fn)(void *);
	void		*p;
};

struct eco_arena {
	struct block	*blocks;	/* the block being filled, then older ones */
	struct block	*first;		/* kept across resets */
	struct block	*spare;		/* standard blocks kept for reuse */
	int		 nspare;
	struct cleanup	*cleanups;	/* newest first */
	size_t		 total;
};

static void
out_of_memory(void)
{
	fputs("ecogosfond: out of memory\n", stderr);
	abort();
}

void *
eco_xmalloc(size_t n)
{
	void *p = malloc(n);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
eco_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (p == NULL)
		out_of_memory();
	return p;
}

static struct block *
block_new(size_t size)
{
	struct block *b = eco_xmalloc(sizeof(*b) + size);

	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct eco_arena *
eco_arena_new(void)
{
	struct eco_arena *a = eco_xmalloc(sizeof(*a));

	a->blocks = a->first = block_new(BLOCK_SIZE);
	a->spare = NULL;
	a->nspare = 0;
	a->cleanups = NULL;
	a->total = 0;
	return a;
}

static void
run_cleanups(struct eco_arena *a)
{
	/* Each cleanup is unlinked before it runs, so one that defers another
	 * (or fails half way) never runs twice. */
	while (a->cleanups != NULL) {
		struct cleanup *c = a->cleanups;

		a->cleanups = c->next;
		c->fn(c->p);
	}
}

void
eco_arena_reset(struct eco_arena *a)
{
	struct block *b, *next;

	run_cleanups(a);
	for (b = a->blocks; b != NULL; b = next) {
		next = b->next;
		if (b == a->first)
			continue;
		if (b->size == BLOCK_SIZE && a->nspare < SPARE_MAX) {
			b->next = a->spare;
			a->spare = b;
			a->nspare++;
		} else {
			free(b);
		}
	}
	a->blocks = a->first;
	a->first->next = NULL;
	a->first->used = 0;
	a->total = 0;
}

void
eco_arena_free(struct eco_arena *a)
{
	struct block *b, *next;

	if (a == NULL)
		return;
	eco_arena_reset(a);
	for (b = a->spare; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a->first);
	free(a);
}

/* A standard block: a spare one, or a new one. */
static struct block *
standard_block(struct eco_arena *a)
{
	struct block *b = a->spare;

	if (b == NULL)
		return block_new(BLOCK_SIZE);
	a->spare = b->next;
	a->nspare--;
	b->next = NULL;
	b->used = 0;
	return b;
}

void *
eco_alloc(struct eco_arena *a, size_t n)
{
	struct block *b = a->blocks;
	size_t need = (n + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);
	void *p;

	if (need < n) {		/* overflow */
		fputs("ecogosfond: allocation too large\n", stderr);
		abort();
	}
	if (need == 0)
		need = ALIGNMENT;
	if (b->size - b->used < need) {
		/* Large requests get a block of their own. */
		size_t size = need > BLOCK_SIZE / 4 ? need : BLOCK_SIZE;

		b = size == BLOCK_SIZE ? standard_block(a) : block_new(size);
		if (size == need) {
			/* Keep allocating from the current block afterwards. */
			b->next = a->blocks->next;
			a->blocks->next = b;
		} else {
			b->next = a->blocks;
			a->blocks = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += need;
	a->total += need;
	return p;
}

void *
eco_zalloc(struct eco_arena *a, size_t n)
{
	void *p = eco_alloc(a, n);

	memset(p, 0, n);
	return p;
}

char *
eco_strndup(struct eco_arena *a, const char *s, size_t n)
{
	char *p = eco_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
eco_strdup(struct eco_arena *a, const char *s)
{
	return eco_strndup(a, s, strlen(s));
}

char *
eco_vsprintf(struct eco_arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	assert(n >= 0);
	p = eco_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
eco_sprintf(struct eco_arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = eco_vsprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void
eco_arena_defer(struct eco_arena *a, void (*fn)(void *), void *p)
{
	struct cleanup *c = eco_alloc(a, sizeof(*c));

	c->fn = fn;
	c->p = p;
	c->next = a->cleanups;
	a->cleanups = c;
}

size_t
eco_arena_used(const struct eco_arena *a)
{
	return a->total;
}
