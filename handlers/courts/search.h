/*
 * The court cases' search: words in Kazakh or Russian (prefixes of the
 * words as they are or stemmed, a misspelt word corrected from the words
 * the registry holds), filters (year of a court act, category, region,
 * court level, claim outcome, party kind, Aarhus norms applied, indefinite
 * circle of persons), by date or relevance, a page at a time.  The same
 * search serves the page, the API and the exports.
 */
#ifndef ECO_COURTS_SEARCH_H
#define ECO_COURTS_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>

#define COURT_PAGE_SIZE		20
#define COURT_MAX_PAGE		10000
#define COURT_Q_MAX		200	/* characters */
#define COURT_MAX_WORDS		8
#define COURT_COUNT_CAP		1000	/* "more than 1,000 found" */

struct eco_arena;
struct eco_ctx;

enum court_sort {
	COURT_SORT_DATE,	/* the latest event first (the default) */
	COURT_SORT_RELEVANCE	/* the best match first; only with words */
};

/* A tri-state flag filter. */
enum court_flag {
	COURT_FLAG_ANY, COURT_FLAG_TRUE, COURT_FLAG_FALSE
};

struct court_query {
	const char	*q;		/* as typed, for the form; NULL: none */
	const char	*words[COURT_MAX_WORDS];	/* letters and digits */
	size_t		 nwords;
	int		 year;		/* 0: any */
	const char	*category;	/* NULL: any; each a code */
	const char	*region;
	const char	*level;		/* first, appeal, cassation */
	const char	*outcome;
	const char	*party_kind;
	enum court_flag	 aarhus;
	enum court_flag	 indefinite;
	enum court_sort	 sort;
	long		 page;		/* 1-based */
	long		 limit;
	bool		 plain;		/* no highlighted headlines (exports) */
};

/*
 * The filters from the query string (q, year, category, region, level,
 * outcome, party_kind, aarhus, indefinite, sort, page); every code is
 * checked against its list.  NULL, or an English msgid for a value that
 * cannot be (HTTP 400).  Pure but for reading the query.
 */
const char *court_search_parse(struct eco_ctx *, struct court_query *);

/* The filters, in the order of their parameters (bit i of a mask). */
enum court_filter {
	CF_WORDS, CF_YEAR, CF_CATEGORY, CF_REGION, CF_LEVEL, CF_OUTCOME,
	CF_PARTY, CF_AARHUS, CF_INDEFINITE, COURT_NFILTERS
};
#define COURT_NMASKS	(1u << COURT_NFILTERS)

enum court_sql_kind {
	COURT_SQL_BY_DATE,	/* a page, the latest first */
	COURT_SQL_BY_RANK,	/* a page, the best match first (needs words) */
	COURT_SQL_COUNT,	/* the matches, up to COURT_COUNT_CAP + 1 */
	COURT_SQL_PLAIN,	/* a page by date without headlines */
	COURT_NKINDS
};

/*
 * The SQL of one statement for the filters in mask, their values as $1,
 * $2, ... in enum court_filter's order; the pages then take LIMIT and
 * OFFSET, and return COURT_ITEM_COLUMNS (the highlighted title and
 * summary need words).  Writes it to buf and returns its length; 0 if it
 * does not fit or the kind cannot take the mask.  Pure.
 */
size_t	court_search_sql(char *buf, size_t size, enum court_sql_kind,
	    unsigned mask);

/* The mask of the filters q uses.  Pure. */
unsigned court_search_mask(const struct court_query *);

/*
 * Replaces each word no registry word begins with by the registry's most
 * similar word (trigram similarity), if any is similar enough; *changed
 * tells whether any was.  0, or -1 if the database failed.
 */
int	court_search_correct(struct eco_ctx *, struct court_query *,
	    bool *changed);

/* The number of all matches (up to the cap). */
struct court_total {
	long	 n;
	bool	 capped;
};

/*
 * One page of matches as list items {id, key, title{kk,ru}, category,
 * region, status, acted_on, headline{kk,ru}? }, and their number.  NULL
 * if the database failed.
 */
json_t	*court_search_run(struct eco_ctx *, const struct court_query *,
	    struct court_total *);

/*
 * Escapes a headline from PostgreSQL for HTML, its matches (between the
 * bytes 0x01 and 0x02 that ts_headline was told to put around them) in
 * <mark>.  Pure.
 */
const char *court_headline_html(struct eco_arena *, const char *);

#endif
