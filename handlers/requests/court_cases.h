/*
 * The court cases a request led to (courts.request_links, the court
 * registry's table): read only when the request's load saw one
 * (request_row.has_court_cases), for its page and its API answer.
 */
#ifndef ECO_REQUESTS_COURT_CASES_H
#define ECO_REQUESTS_COURT_CASES_H

#include <jansson.h>

struct eco_ctx;
struct request_row;

/*
 * [{"id","key","title":{"kk","ru"}}] in the order the cases were added;
 * [] when there is none; NULL when the database failed.
 */
json_t	*court_cases_of(struct eco_ctx *, const struct request_row *);

#endif
