/*
 * The words of a search box, and a PostgreSQL text-search query made of
 * them.  Shared by every module's search.
 */
#ifndef ECO_WORDS_H
#define ECO_WORDS_H

#include <stddef.h>

struct eco_arena;

/*
 * Splits q into at most max words: runs of letters and digits of the
 * alphabets the portal serves (ASCII, Latin letters with diacritics,
 * Cyrillic with the Kazakh letters).  Everything else separates words:
 * spaces of every kind, punctuation, tsquery operators, bytes that are not
 * UTF-8.  The words are copied into the arena.  Returns their number.
 * Pure.
 */
size_t	eco_search_words(struct eco_arena *, const char *q,
	    const char **words, size_t max);

/*
 * The words as a tsquery of prefixes ("зауыт:* & полигон:*"), so that a
 * word also finds its suffixed forms; NULL when n is 0.  The words must
 * come from eco_search_words (letters and digits only).  Pure.
 */
const char *eco_prefix_tsquery(struct eco_arena *, const char *const *words,
	    size_t n);

#endif
