/*
 * ecoctl's writer of made-up requests (requests_gen.h): it reads the
 * world from the database — the active holders with demo officials, the
 * demo requesters' accounts, the registration counters — has the
 * requests made, and writes them with COPY in one transaction, with
 * gapless registration numbers, their requesters, questions and
 * timelines, and one record in core.audit.  No mail is queued.
 */
#ifndef ECO_REQUESTS_COPY_H
#define ECO_REQUESTS_COPY_H

#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

struct eco_calendar;

/* What was written. */
struct copy_stats {
	size_t	requests;
	size_t	events;
	size_t	questions;
	size_t	holders;	/* the holders they went to */
};

/*
 * Writes n requests made from seed, received in the year up to today,
 * marked with origin ("demo" or "generated").  For "demo", nothing is
 * written when demo requests exist already (stats->requests is 0): the
 * demo is loaded once.  Returns 0, or -1 with a message in err (nothing
 * written).
 */
int	requests_copy(PGconn *, const struct eco_calendar *, long today,
	    const char *origin, uint64_t seed, size_t n, struct copy_stats *,
	    char *err, size_t errlen);

#endif
