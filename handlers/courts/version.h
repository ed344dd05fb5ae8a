/*
 * The court registry's version (courts.version, migration 012): it moves
 * at the commit of every change to a case, so that a worker's copy of a
 * public page made at one version is true while the version stands
 * (lib/page_cache.h).
 */
#ifndef ECO_COURTS_VERSION_H
#define ECO_COURTS_VERSION_H

struct eco_ctx;

/* The version now in *version: 0, or -1 if the database failed. */
int	court_version(struct eco_ctx *, long long *version);

/*
 * The start of a cacheable public page: serves this visitor's copy and
 * returns 200, or returns 0 with *version the one to keep the page at
 * (eco_page_cache_keep; -1: not to be kept).
 */
int	court_page_cached(struct eco_ctx *, long long *version);

#endif
