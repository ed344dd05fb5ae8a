/*
 * A growable byte string allocated from an arena.  The data is always
 * NUL-terminated so it can be used as a C string.
 */
#ifndef ECO_BUF_H
#define ECO_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct eco_arena;

struct eco_buf {
	struct eco_arena	*arena;
	char			*data;
	size_t			 len;
	size_t			 cap;
};

void	eco_buf_init(struct eco_buf *, struct eco_arena *);
void	eco_buf_append(struct eco_buf *, const void *, size_t);
void	eco_buf_puts(struct eco_buf *, const char *);
void	eco_buf_putc(struct eco_buf *, char);
/* v in decimal, without printf: numbers are on every page. */
void	eco_buf_put_int(struct eco_buf *, long long v);
void	eco_buf_printf(struct eco_buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	eco_buf_vprintf(struct eco_buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	eco_buf_clear(struct eco_buf *);

#endif
