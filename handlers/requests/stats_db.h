/*
 * The statistics of every holder counted from the database and kept by
 * each worker between visits (the arithmetic is in stats.h).
 */
#ifndef ECO_REQUESTS_STATS_DB_H
#define ECO_REQUESTS_STATS_DB_H

#include <stddef.h>

#include "stats.h"

/* The counts are counted again at least this often (seconds)... */
#define STATS_MAX_AGE	60
/* ...and, after a change, at most this often: a change shows within
 * this many seconds. */
#define STATS_MIN_AGE	5

struct eco_ctx;

struct stats_snapshot {
	long			 today;		/* counted as of this day */
	struct stats_holder	*holders;	/* in the holders' order */
	size_t			 nholders;
	size_t			*by_id;		/* holders' indices by id */
};

/*
 * The version of the requests (requests.stats_version): it moves when a
 * change to a request, a complaint or a holder commits.  0 or -1.
 */
int	stats_version(struct eco_ctx *, long long *version);

/*
 * The counts of every holder as of ctx->today: the worker's copy while
 * nothing has changed, else counted afresh.  Valid until the end of the
 * request.  NULL if the database failed.
 */
const struct stats_snapshot *stats_current(struct eco_ctx *);

/* The holder with that id in the snapshot, or NULL. */
const struct stats_holder *stats_holder_find(const struct stats_snapshot *,
	    long long id);

#endif
