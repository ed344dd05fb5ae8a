/*
 * A request as the API and the pages show it, and who may see what.
 * Public requests are seen by everyone; a request that is not public only
 * by its requester, the officials of its holder and administrators.  The
 * requester's personal data only by the requester and the officials of
 * the holder (requests.md, "Persecution of activists").
 */
#ifndef ECO_REQUESTS_VIEW_H
#define ECO_REQUESTS_VIEW_H

#include <stdbool.h>

#include <jansson.h>

struct eco_ctx;
struct request_row;

enum view_access {
	VIEW_NONE,		/* not even that it exists: 404 */
	VIEW_PUBLIC,		/* without personal data */
	VIEW_PERSONAL		/* with the requester's details */
};

/*
 * Loads the request named by the route's {id} as the visitor may see it:
 * 0 with *access set, or the status of the error already sent (404 no
 * such request, or one the visitor may not see; 503).
 */
int	view_find(struct eco_ctx *, struct request_row *, enum view_access *);

/* What the visitor of ctx may see of r (loads the signed-in account). */
enum view_access view_access(struct eco_ctx *, const struct request_row *);
/* True when the signed-in account is an official of r's holder. */
bool	view_is_holder_official(struct eco_ctx *, const struct request_row *);
/* True when the signed-in account is r's requester's own (a paper
 * request's requester has none; its registrar is not the requester). */
bool	view_is_requester(struct eco_ctx *, const struct request_row *);

/*
 * The request as JSON (the API's shape: see the issue and api_requests.c),
 * with its questions, events, redirect chain and complaints; with the
 * requester's details and drafts only for VIEW_PERSONAL.  NULL if the
 * database failed.
 */
json_t	*request_view(struct eco_ctx *, const struct request_row *,
	    enum view_access);

/* The computed flags and on_time of a state, into obj (list items and
 * views). */
struct request_state;
void	view_flags(struct eco_ctx *, const struct request_state *, json_t *obj);

#endif
