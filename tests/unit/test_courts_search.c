/*
 * Unit tests of the court cases' search builder (handlers/courts/search.c):
 * the SQL of every combination of filters and every kind, the search
 * box's words (lib/words.c), and the highlighted headlines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "search.h"
#include "tap.h"
#include "words.h"

static struct eco_arena *arena;

/* The highest $n in sql, and whether every $1..$max appears. */
static int
params_used(const char *sql, int *max)
{
	int seen[64] = { 0 }, i, n;
	const char *p;

	*max = 0;
	for (p = sql; (p = strchr(p, '$')) != NULL; p++) {
		if (p[1] == '#')
			return -1;	/* a placeholder left over */
		n = atoi(p + 1);
		if (n <= 0 || n >= 64)
			continue;
		seen[n] = 1;
		if (n > *max)
			*max = n;
	}
	for (i = 1; i <= *max; i++)
		if (!seen[i])
			return -1;
	return 0;
}

static int
popcount(unsigned m)
{
	int n = 0;

	for (; m != 0; m >>= 1)
		n += (int)(m & 1);
	return n;
}

static void
test_sql_masks(void)
{
	char buf[4096];
	unsigned mask;
	int bad_params = 0, bad_rank = 0, bad_count = 0, bad_text = 0, max;
	size_t len;

	for (mask = 0; mask < COURT_NMASKS; mask++) {
		int filters = popcount(mask);
		bool words = (mask & (1u << CF_WORDS)) != 0;

		/* A page: every filter's parameter, then LIMIT and OFFSET. */
		len = court_search_sql(buf, sizeof(buf), COURT_SQL_BY_DATE, mask);
		if (len == 0 || params_used(buf, &max) != 0 ||
		    max != filters + 2)
			bad_params++;
		if (len != 0 && (strstr(buf, "ORDER BY c.acted_on DESC") == NULL ||
		    (strstr(buf, "ts_headline") != NULL) != words))
			bad_text++;
		/* By relevance: only with words. */
		len = court_search_sql(buf, sizeof(buf), COURT_SQL_BY_RANK, mask);
		if ((len != 0) != words ||
		    (len != 0 && (params_used(buf, &max) != 0 ||
		    max != filters + 2 || strstr(buf, "ts_rank") == NULL)))
			bad_rank++;
		/* Plain (exports): by date, never headlines. */
		len = court_search_sql(buf, sizeof(buf), COURT_SQL_PLAIN, mask);
		if (len == 0 || strstr(buf, "ts_headline") != NULL ||
		    params_used(buf, &max) != 0 || max != filters + 2)
			bad_text++;
		/* The count: the filters' parameters only, and the cap. */
		len = court_search_sql(buf, sizeof(buf), COURT_SQL_COUNT, mask);
		if (len == 0 || params_used(buf, &max) != 0 || max != filters ||
		    strstr(buf, "LIMIT 1001") == NULL)
			bad_count++;
	}
	is_int(bad_params, 0, "every page statement numbers its parameters "
	    "1..n+2 without a gap (512 combinations)");
	is_int(bad_text, 0, "... orders by date, headlines only with words and never plain");
	is_int(bad_rank, 0, "by relevance exists exactly with words, ranked");
	is_int(bad_count, 0, "every count takes the filters' parameters and "
	    "stops past the cap");

	len = court_search_sql(buf, sizeof(buf), COURT_SQL_COUNT,
	    (1u << CF_YEAR) | (1u << CF_OUTCOME));
	ok(len > 0 && strstr(buf, "make_date($1::int, 1, 1)") != NULL &&
	    strstr(buf, "make_date($1::int + 1, 1, 1)") != NULL &&
	    strstr(buf, "x.outcome = $2::text") != NULL,
	    "the year's parameter is used twice, the outcome's is the next");
	ok(strstr(buf, "'first', 'appeal', 'cassation'") != NULL,
	    "the year is a court act's: first, appeal or cassation");
	is_int((int)court_search_sql(buf, 64, COURT_SQL_BY_DATE, 0), 0,
	    "a buffer too small: 0, not a cut statement");
	is_int((int)court_search_sql(buf, sizeof(buf), COURT_SQL_BY_DATE,
	    COURT_NMASKS), 0, "a mask out of range: 0");
	is_int((int)court_search_sql(buf, sizeof(buf), COURT_NKINDS, 0), 0,
	    "a kind out of range: 0");
}

static void
test_mask(void)
{
	struct court_query q;

	memset(&q, 0, sizeof(q));
	is_int((int)court_search_mask(&q), 0, "no filter: mask 0");
	q.nwords = 1;
	q.year = 2019;
	q.aarhus = COURT_FLAG_FALSE;
	q.party_kind = "ngo";
	is_int((int)court_search_mask(&q), (1 << CF_WORDS) | (1 << CF_YEAR) |
	    (1 << CF_AARHUS) | (1 << CF_PARTY), "each filter its bit");
}

static void
test_words(void)
{
	const char *w[8];
	size_t n;

	n = eco_search_words(arena, "  зауытының, ПОЛИГОНА & x|y:* ", w, 8);
	is_int((int)n, 4, "four words: operators and punctuation separate");
	is_str(w[0], "зауытының", "Kazakh letters are letters");
	is_str(w[1], "ПОЛИГОНА", "case kept (PostgreSQL lowers)");
	is_str(w[2], "x", "an operator splits");
	is_str(eco_prefix_tsquery(arena, w, n),
	    "зауытының:* & ПОЛИГОНА:* & x:* & y:*", "prefixes joined by &");
	is_int((int)eco_search_words(arena, "a b c d e f g h i j", w, 8), 8,
	    "at most max words");
	is_int((int)eco_search_words(arena, "!!! ;; \xff\xfe", w, 8), 0,
	    "no word in punctuation and broken bytes");
	ok(eco_prefix_tsquery(arena, w, 0) == NULL, "no words: no query");
	is_int((int)eco_search_words(arena, NULL, w, 8), 0, "NULL: no words");
}

static void
test_headline(void)
{
	is_str(court_headline_html(arena, "a \001<b>\002 & \001c\002"),
	    "a <mark>&lt;b&gt;</mark> &amp; <mark>c</mark>",
	    "matches in <mark>, everything else escaped");
	is_str(court_headline_html(arena, ""), "", "empty stays empty");
	is_str(court_headline_html(arena, "\"x\""), "&quot;x&quot;",
	    "quotes escaped");
}

int
main(void)
{
	arena = eco_arena_new();
	test_sql_masks();
	test_mask();
	test_words();
	test_headline();
	eco_arena_free(arena);
	return tap_done();
}
