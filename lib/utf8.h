/*
 * Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
 */
#ifndef ECO_UTF8_H
#define ECO_UTF8_H

#include <stdbool.h>
#include <stddef.h>

bool	eco_utf8_valid(const char *, size_t);
/*
 * Valid UTF-8 without NUL or other C0/C1 control characters, except TAB;
 * when multiline is true, CR and LF are allowed too.  This is what every
 * text field from outside must satisfy.
 */
bool	eco_text_valid(const char *, size_t, bool multiline);
/*
 * The length of the valid character at s (at most n bytes, n > 0) with its
 * code point in *cp, or 0 when the bytes there are not UTF-8.
 */
size_t	eco_utf8_next(const char *s, size_t n, unsigned long *cp);
/* Number of code points in valid UTF-8. */
size_t	eco_utf8_length(const char *, size_t);

#endif
