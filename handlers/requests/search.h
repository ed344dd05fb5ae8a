/*
 * The public tracker's search: public requests filtered by holder,
 * region, status, overdue, receipt dates and words, newest first, a page
 * at a time.  The same filters serve the tracker page, the API, the
 * feeds and the exports.
 */
#ifndef ECO_REQUESTS_SEARCH_H
#define ECO_REQUESTS_SEARCH_H

#include <stdbool.h>

#include <jansson.h>
#include <libpq-fe.h>

#define SEARCH_PAGE_SIZE	20
#define SEARCH_MAX_PAGE		10000
#define SEARCH_Q_MAX		200	/* characters */
#define SEARCH_MAX_WORDS	8

struct eco_arena;
struct eco_ctx;

struct search_query {
	long long	 holder_id;	/* 0: any */
	const char	*region;	/* NULL: any */
	const char	*status;	/* NULL: any; a status code */
	bool		 overdue;
	const char	*q;		/* NULL: any */
	long		 from;		/* received on or after; 0: open */
	long		 to;		/* received on or before; 0: open */
	long		 page;		/* 1-based */
	long		 limit;		/* rows per page */
};

/*
 * The words of q as a tsquery for the 'simple' configuration, each a
 * prefix ("зауыт:* & полигон:*"), so a word also finds its suffixed and
 * inflected forms; only letters and digits survive.  NULL when q has no
 * word.  Pure.
 */
const char *search_tsquery(struct eco_arena *, const char *q);

/*
 * The filters from the query string (holder_id, region, status,
 * overdue=true, q, from, to, page).  NULL, or an English msgid for a
 * value that cannot be (HTTP 400).
 */
const char *search_parse(struct eco_ctx *, struct search_query *);

/* Counts stop here: "more than 1,000" is all a reader needs to know. */
#define SEARCH_COUNT_CAP	1000

/* The number of all matches, or SEARCH_COUNT_CAP and capped. */
struct search_total {
	long	 n;
	bool	 capped;
};

/*
 * The rows of page s->page of s->limit matches (SEARCH_ITEM_COLUMNS then
 * STORE_STATE_COLUMNS; search_item() makes each an item): the exports ask
 * for one long page.  NULL if the database failed.
 */
PGresult *search_rows(struct eco_ctx *, const struct search_query *);

/* One page of matches as list items, and the number of all matches.
 * NULL if the database failed. */
json_t	*search_run(struct eco_ctx *, const struct search_query *,
	    struct search_total *);

/*
 * The SQL of one of the search's statements, for the filters in mask
 * (bit i: the i-th field of struct search_query from holder_id to to, in
 * that order), their values as $1, $2, ... in the same order:
 *   SEARCH_SQL_PAGE    list items, newest first; then $n+1 LIMIT, $n+2 OFFSET
 *   SEARCH_SQL_COUNT   the number of matches, up to SEARCH_COUNT_CAP + 1
 *   SEARCH_SQL_SUMMED  the number of matches from requests.public_counts;
 *                      only holder, region and status
 * Writes it to buf and returns its length; 0 if it does not fit or the
 * kind cannot take those filters.  Pure.
 */
enum search_sql_kind {
	SEARCH_SQL_PAGE, SEARCH_SQL_COUNT, SEARCH_SQL_SUMMED, SEARCH_NKINDS
};
size_t	 search_sql(char *buf, size_t size, enum search_sql_kind,
	    unsigned mask);

/*
 * The columns of a list item, for queries over "requests.requests r JOIN
 * requests.holders h", and the item they make.
 */
#define SEARCH_ITEM_COLUMNS \
    "r.id, r.reg_no, r.holder_id, h.code, h.name_kk, h.name_ru, " \
    "h.name_en, coalesce(h.region, ''), r.subject, r.public, " \
    "r.requester_kind, r.public_name, "
json_t	*search_item(struct eco_ctx *, PGresult *, int row);
/* Every row of res as an item. */
json_t	*search_items(struct eco_ctx *, PGresult *);

#endif
