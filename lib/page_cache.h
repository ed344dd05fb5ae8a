/*
 * A worker's copies of public pages as visitors who are not signed in see
 * them.  Most readers of a public register are such visitors asking for
 * the same few lists, and a list is the same for all of them until the
 * register changes.  The module keeps a version that moves at the commit
 * of every change (a sequence its triggers call); a copy is served while
 * that version has not moved, the day is the same (pages that count days
 * depend on it), and it is younger than a few seconds (a reader may see
 * the sequence move an instant before the change itself is visible).
 *
 *	long long version = -1;
 *	int rc;
 *
 *	if (eco_page_cache_wanted(ctx) && module_version(ctx, &version) != 0)
 *		version = -1;
 *	if ((rc = eco_page_cache_serve(ctx, version)) != 0)
 *		return rc;			(200, from the copy)
 *	... render the page ...
 *	eco_page_cache_keep(ctx, version);
 */
#ifndef ECO_PAGE_CACHE_H
#define ECO_PAGE_CACHE_H

#include <stdbool.h>

struct eco_ctx;

/* Whether this request may be served from, and kept in, the cache: a GET
 * by a visitor with no session or token at all. */
bool	eco_page_cache_wanted(struct eco_ctx *);

/* Serves the copy of this page (path and query) made at version, if there
 * is a good one: returns 200.  Else 0. */
int	eco_page_cache_serve(struct eco_ctx *, long long version);

/* Keeps the page just rendered at version (< 0: not), if it is a 200 that
 * carries nothing of this visitor's own (no form token). */
void	eco_page_cache_keep(struct eco_ctx *, long long version);

#endif
