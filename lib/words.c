/* The words of a search box (see words.h). */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "words.h"

/*
 * The length of the word character at s (a letter or digit), or 0 for
 * anything else.  Every non-ASCII letter taken is two bytes long.
 */
static size_t
word_char(const unsigned char *s)
{
	unsigned cp;

	if ((s[0] >= '0' && s[0] <= '9') || (s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= 'A' && s[0] <= 'Z'))
		return 1;
	if ((s[0] & 0xe0) != 0xc0 || (s[1] & 0xc0) != 0x80)
		return 0;
	cp = ((unsigned)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
	if (cp >= 0xc0 && cp <= 0x24f && cp != 0xd7 && cp != 0xf7)
		return 2;
	if (cp >= 0x400 && cp <= 0x52f)
		return 2;
	return 0;
}

/* The length of the character at s (1 for a byte that is not UTF-8). */
static size_t
any_char(const unsigned char *s)
{
	size_t n = (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3 :
	    (s[0] & 0xf8) == 0xf0 ? 4 : 1;
	size_t i;

	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

size_t
eco_search_words(struct eco_arena *arena, const char *q, const char **words,
    size_t max)
{
	const unsigned char *p = (const unsigned char *)q, *start;
	size_t n, count = 0;

	if (q == NULL)
		return 0;
	while (*p != '\0' && count < max) {
		while (*p != '\0' && word_char(p) == 0)
			p += any_char(p);
		if (*p == '\0')
			break;
		start = p;
		while ((n = word_char(p)) > 0)
			p += n;
		words[count++] = eco_strndup(arena, (const char *)start,
		    (size_t)(p - start));
	}
	return count;
}

const char *
eco_prefix_tsquery(struct eco_arena *arena, const char *const *words,
    size_t n)
{
	struct eco_buf b;
	size_t i;

	if (n == 0)
		return NULL;
	eco_buf_init(&b, arena);
	for (i = 0; i < n; i++) {
		if (i > 0)
			eco_buf_puts(&b, " & ");
		eco_buf_puts(&b, words[i]);
		eco_buf_puts(&b, ":*");
	}
	return b.data;
}
