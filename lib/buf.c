/* Growable strings on an arena: growth doubles, old space stays in the arena. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"

void
eco_buf_init(struct eco_buf *b, struct eco_arena *a)
{
	b->arena = a;
	b->cap = 256;
	b->data = eco_alloc(a, b->cap);
	b->data[0] = '\0';
	b->len = 0;
}

static void
reserve(struct eco_buf *b, size_t more)
{
	size_t cap = b->cap;
	char *p;

	if (b->len + more < b->cap)
		return;
	while (b->len + more >= cap)
		cap *= 2;
	p = eco_alloc(b->arena, cap);
	memcpy(p, b->data, b->len + 1);
	b->data = p;
	b->cap = cap;
}

void
eco_buf_append(struct eco_buf *b, const void *s, size_t n)
{
	reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
eco_buf_puts(struct eco_buf *b, const char *s)
{
	eco_buf_append(b, s, strlen(s));
}

void
eco_buf_putc(struct eco_buf *b, char c)
{
	reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
eco_buf_put_int(struct eco_buf *b, long long v)
{
	unsigned long long u;
	char s[24];
	size_t i = sizeof(s);

	u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		s[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		s[--i] = '-';
	eco_buf_append(b, s + i, sizeof(s) - i);
}

void
eco_buf_vprintf(struct eco_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		reserve(b, (size_t)n);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void
eco_buf_printf(struct eco_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	eco_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
eco_buf_clear(struct eco_buf *b)
{
	b->len = 0;
	b->data[0] = '\0';
}
