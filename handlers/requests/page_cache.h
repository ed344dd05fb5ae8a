/*
 * A worker's copies of the tracker's pages as visitors who are not signed
 * in see them.  Most of the tracker's readers are such visitors asking for
 * the same few lists, and a list is the same for all of them until a
 * request, a complaint or a holder changes: each of those moves the
 * sequence requests.stats_version (migration 006) when it commits.  So a
 * copy is served while the sequence has not moved, the day is the same
 * (days left and overdue flags depend on it) and it is younger than a few
 * seconds (a reader may see the sequence move an instant before the
 * change itself becomes visible).
 *
 *	long long version;
 *	int rc;
 *
 *	if ((rc = page_cache_serve(ctx, &version)) != 0)
 *		return rc;			(200, from the copy)
 *	... render the page ...
 *	page_cache_keep(ctx, version);
 */
#ifndef ECO_REQUESTS_PAGE_CACHE_H
#define ECO_REQUESTS_PAGE_CACHE_H

struct eco_ctx;

/*
 * Serves the copy of this page if there is a good one: returns 200.  Else
 * returns 0 and sets *version to the version the page is about to be made
 * from (-1: not to be kept: a signed-in visitor, or no version).
 */
int	page_cache_serve(struct eco_ctx *, long long *version);

/* Keeps the page just rendered, if it is a 200 that carries nothing of
 * this visitor's own (no form token). */
void	page_cache_keep(struct eco_ctx *, long long version);

#endif
