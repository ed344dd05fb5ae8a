/*
 * core.outbox: claiming due rows, recording what became of them.
 *
 * One transaction per batch: the SELECT ... FOR UPDATE SKIP LOCKED locks
 * the rows (another mailer skips them), each delivery is followed by its
 * UPDATE, and the COMMIT makes the batch's outcomes visible at once.  A
 * batch is small (the caller's max, 20) so the locks are held briefly.
 *
 * Nothing is lost if the mailer stops: a row leaves the queue only by the
 * commit that records it sent (or failed).  The price is the other way
 * round: a message delivered just before a crash, a kill -9 or a lost
 * database connection, but not yet committed, is delivered again on the
 * next cycle.  A duplicate is the lesser harm; the Message-ID stays the
 * same, so a careful reader's mail program can tell.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "arena.h"
#include "db.h"
#include "log.h"
#include "outbox.h"

static struct eco_stmt q_claim = ECO_STMT(
    "SELECT id, extract(epoch FROM created_at)::bigint, to_addr, subject,"
    " body, attempts FROM core.outbox"
    " WHERE sent_at IS NULL AND next_attempt_at <= now()"
    " ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED");
/* clock_timestamp(), not now(): a batch may take a while, and now() is
 * the start of the transaction. */
static struct eco_stmt q_sent = ECO_STMT(
    "UPDATE core.outbox SET sent_at = clock_timestamp(),"
    " attempts = attempts + 1, last_error = NULL WHERE id = $1");
static struct eco_stmt q_retry = ECO_STMT(
    "UPDATE core.outbox SET attempts = attempts + 1, last_error = $2,"
    " next_attempt_at = clock_timestamp() + $3::integer * interval '1 second'"
    " WHERE id = $1");
static struct eco_stmt q_failed = ECO_STMT(
    "UPDATE core.outbox SET attempts = attempts + 1, last_error = $2,"
    " next_attempt_at = 'infinity' WHERE id = $1");

long
outbox_retry_delay(int attempts)
{
	static const long delays[] = { 60, 5 * 60, 30 * 60, 2 * 3600 };
	size_t n = sizeof(delays) / sizeof(delays[0]);

	if (attempts >= OUTBOX_MAX_ATTEMPTS)
		return -1;
	if (attempts < 1)
		return delays[0];
	return (size_t)attempts <= n ? delays[attempts - 1] : delays[n - 1];
}

/* Appends " id:reason" to the stats' notes while there is room. */
static void
note(struct outbox_stats *st, const char *id, const char *what,
    const char *reason)
{
	size_t len = strlen(st->notes);
	int n;

	if (len + 4 >= sizeof(st->notes))
		return;
	n = snprintf(st->notes + len, sizeof(st->notes) - len, " %s:%s%s",
	    id, what, reason ? reason : "?");
	if (n < 0 || (size_t)n >= sizeof(st->notes) - len) {
		/* Cut at a whole entry, and say so. */
		st->notes[len] = '\0';
		if (len + 4 < sizeof(st->notes))
			strcat(st->notes, " ...");
	}
}

/* last_error as the column takes it: bounded, never NULL, never cut
 * inside a UTF-8 character (the texts are ASCII, but be sure). */
static const char *
bounded_error(struct eco_arena *a, const char *error)
{
	size_t n;

	if (error == NULL || error[0] == '\0')
		return "unknown error";
	n = strnlen(error, OUTBOX_ERROR_MAX + 1);
	if (n <= OUTBOX_ERROR_MAX)
		return error;
	n = OUTBOX_ERROR_MAX;
	while (n > 0 && ((unsigned char)error[n] & 0xc0) == 0x80)
		n--;
	return eco_strndup(a, error, n);
}

/*
 * Records one outcome in the open transaction.  0, or -1 when the
 * database failed (the batch is lost then).
 */
static int
record(struct eco_db *db, struct eco_arena *a, const struct outbox_row *row,
    const struct outbox_delivery *d, struct outbox_stats *st)
{
	const char *params[3];
	long delay;

	params[0] = row->id;
	if (d->outcome == OUTBOX_SENT) {
		if (eco_db_exec(db, a, &q_sent, 1, params) == NULL)
			return -1;
		st->sent++;
		return 0;
	}
	params[1] = bounded_error(a, d->error);
	delay = d->outcome == OUTBOX_RETRY ?
	    outbox_retry_delay(row->attempts + 1) : -1;
	if (delay < 0) {
		if (d->outcome == OUTBOX_RETRY)
			params[1] = bounded_error(a, eco_sprintf(a,
			    "gave up after %d attempts: %s", row->attempts + 1,
			    params[1]));
		if (eco_db_exec(db, a, &q_failed, 2, params) == NULL)
			return -1;
		st->failed++;
		note(st, row->id, "failed-", d->reason);
		return 0;
	}
	params[2] = eco_sprintf(a, "%ld", delay);
	if (eco_db_exec(db, a, &q_retry, 3, params) == NULL)
		return -1;
	st->deferred++;
	note(st, row->id, "", d->reason);
	return 0;
}

static void
read_row(PGresult *res, int i, struct outbox_row *row)
{
	row->id = PQgetvalue(res, i, 0);
	row->created = strtoll(PQgetvalue(res, i, 1), NULL, 10);
	row->to = PQgetvalue(res, i, 2);
	row->subject = PQgetvalue(res, i, 3);
	row->body = PQgetvalue(res, i, 4);
	row->attempts = (int)strtol(PQgetvalue(res, i, 5), NULL, 10);
}

/* Adds a committed batch's counts to the cycle's. */
static void
merge(struct outbox_stats *into, const struct outbox_stats *b)
{
	size_t len = strlen(into->notes);

	into->sent += b->sent;
	into->deferred += b->deferred;
	into->failed += b->failed;
	snprintf(into->notes + len, sizeof(into->notes) - len, "%s", b->notes);
}

int
outbox_batch(struct eco_db *db, struct eco_arena *a, int max,
    outbox_deliver_fn *deliver, void *ud, bool (*stop)(void),
    struct outbox_stats *st)
{
	struct outbox_stats batch;
	struct outbox_delivery d;
	struct outbox_row row;
	const char *params[1];
	PGresult *res;
	int i, n, done = 0;

	memset(&batch, 0, sizeof(batch));
	if (eco_db_begin(db) != 0)
		return -1;
	params[0] = eco_sprintf(a, "%d", max);
	if ((res = eco_db_exec(db, a, &q_claim, 1, params)) == NULL)
		goto failed;
	n = PQntuples(res);
	for (i = 0; i < n && i < max; i++) {
		/* Rows not reached stay due; the commit unlocks them. */
		if (stop != NULL && stop())
			break;
		read_row(res, i, &row);
		memset(&d, 0, sizeof(d));
		d.outcome = OUTBOX_RETRY;
		deliver(ud, a, &row, &d);
		done++;
		if (record(db, a, &row, &d, &batch) != 0)
			goto failed;
	}
	if (eco_db_commit(db) != 0)
		goto failed;
	merge(st, &batch);
	return n;
failed:
	eco_db_rollback(db);
	/* What was delivered in this batch goes again: say how much. */
	st->unrecorded += done;
	return -1;
}
