/* Strict UTF-8 validation (RFC 3629, Unicode table 3-7). */
#include "utf8.h"

/*
 * Length of the valid sequence at s (at most n bytes), or 0 if it is not
 * valid.  *cp receives the code point.
 */
static size_t
sequence(const unsigned char *s, size_t n, unsigned long *cp)
{
	unsigned char c = s[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		if (n < 2 || (s[1] & 0xc0) != 0x80)
			return 0;
		*cp = ((unsigned long)(c & 0x1f) << 6) | (s[1] & 0x3f);
		return 2;
	}
	if (c >= 0xe0 && c <= 0xef) {
		/* No overlongs (E0 A0..), no surrogates (ED 80..9F). */
		unsigned char lo = c == 0xe0 ? 0xa0 : 0x80;
		unsigned char hi = c == 0xed ? 0x9f : 0xbf;

		if (n < 3 || s[1] < lo || s[1] > hi || (s[2] & 0xc0) != 0x80)
			return 0;
		*cp = ((unsigned long)(c & 0x0f) << 12) |
		    ((unsigned long)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		/* No overlongs (F0 90..), nothing past U+10FFFF (F4 80..8F). */
		unsigned char lo = c == 0xf0 ? 0x90 : 0x80;
		unsigned char hi = c == 0xf4 ? 0x8f : 0xbf;

		if (n < 4 || s[1] < lo || s[1] > hi ||
		    (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
			return 0;
		*cp = ((unsigned long)(c & 0x07) << 18) |
		    ((unsigned long)(s[1] & 0x3f) << 12) |
		    ((unsigned long)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
		return 4;
	}
	return 0;
}

size_t
eco_utf8_next(const char *s, size_t n, unsigned long *cp)
{
	return sequence((const unsigned char *)s, n, cp);
}

bool
eco_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned long cp;
	size_t i = 0, len;

	while (i < n) {
		/* ASCII and two-byte letters (Cyrillic, Kazakh) without a call:
		 * the texts of a page are mostly those. */
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf && i + 1 < n &&
		    (s[i + 1] & 0xc0) == 0x80) {
			i += 2;
			continue;
		}
		if ((len = sequence(s + i, n - i, &cp)) == 0)
			return false;
		i += len;
	}
	return true;
}

bool
eco_text_valid(const char *str, size_t n, bool multiline)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned long cp;
	size_t i = 0, len;

	while (i < n) {
		if ((len = sequence(s + i, n - i, &cp)) == 0)
			return false;
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
			if (cp != '\t' &&
			    !(multiline && (cp == '\r' || cp == '\n')))
				return false;
		}
		i += len;
	}
	return true;
}

size_t
eco_utf8_length(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i, count = 0;

	for (i = 0; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			count++;
	return count;
}
