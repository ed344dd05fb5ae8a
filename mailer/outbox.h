/*
 * The database side of the mailer: core.outbox (sql/migrations/
 * 004_requests.sql).  Rows are claimed in batches with FOR UPDATE SKIP
 * LOCKED, so two mailers never take the same row, and each row's outcome
 * is written in the same transaction as the claim.
 *
 * A row's life:
 *   queued     sent_at IS NULL, next_attempt_at in the past or near future
 *   sent       sent_at set (attempts counts the tries, the last included)
 *   deferred   a try failed for now (4xx, no relay, timeout, disk full):
 *              attempts + 1, last_error, next_attempt_at pushed back by
 *              outbox_retry_delay()
 *   failed     sent_at IS NULL AND next_attempt_at = 'infinity': rejected
 *              for good (5xx, an address or subject that cannot be sent)
 *              or deferred OUTBOX_MAX_ATTEMPTS times.  last_error says why.
 *              To try a failed row again: UPDATE core.outbox SET
 *              next_attempt_at = now() WHERE id = ...
 */
#ifndef ECO_MAILER_OUTBOX_H
#define ECO_MAILER_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>

struct eco_arena;
struct eco_db;

#define OUTBOX_MAX_ATTEMPTS	10
#define OUTBOX_ERROR_MAX	300	/* bytes of last_error kept */

struct outbox_row {
	const char	*id;		/* decimal, as the database wrote it */
	long long	 created;	/* created_at, seconds since 1970 */
	const char	*to;
	const char	*subject;
	const char	*body;
	int		 attempts;	/* tries before this one */
};

enum outbox_outcome {
	OUTBOX_SENT = 0,
	OUTBOX_RETRY,
	OUTBOX_FAILED
};

struct outbox_delivery {
	enum outbox_outcome outcome;
	/* For last_error: may quote an address, so never logged.  ASCII. */
	const char	*error;
	/* For the log: short, no personal data ("smtp 451", "timeout"). */
	const char	*reason;
};

/* Delivers one row (writes the file, talks SMTP) and tells how it went. */
typedef void	outbox_deliver_fn(void *ud, struct eco_arena *,
		    const struct outbox_row *, struct outbox_delivery *);

/* What a cycle did, for its one log line. */
struct outbox_stats {
	int	sent;
	int	deferred;
	int	failed;
	int	unrecorded;	/* tried, but the database failed: they go again */
	char	notes[400];	/* " 17:smtp-451 18:failed-smtp-550", bounded */
};

/*
 * One batch: claims up to max due rows, calls deliver for each (until
 * stop() says to stop), records every outcome and commits.  Returns the
 * number of rows claimed, or -1 when the database failed: then nothing of
 * the batch is recorded and its rows stay due.
 *
 * Delivery happens before the commit, so a crash or a lost database
 * between the two sends a message again on the next cycle: a mail may
 * arrive twice, but none is ever lost.
 */
int	outbox_batch(struct eco_db *, struct eco_arena *, int max,
	    outbox_deliver_fn *, void *ud, bool (*stop)(void),
	    struct outbox_stats *);

/*
 * Seconds to wait after the attempts-th failed try (attempts >= 1):
 * 1 min, 5 min, 30 min, then 2 h; -1 from OUTBOX_MAX_ATTEMPTS on, when
 * the row is given up.
 */
long	outbox_retry_delay(int attempts);

#endif
