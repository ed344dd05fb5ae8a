/*
 * Reminders to the officials of a holder: 3 days before a request's answer
 * is due and on the day it passes.  Queued into core.outbox with a dedupe
 * key per request, kind and due date, so running this any number of times
 * a day queues each reminder once.  eco-mailer runs it every cycle.
 */
#ifndef ECO_REQUESTS_REMINDERS_H
#define ECO_REQUESTS_REMINDERS_H

struct eco_arena;
struct eco_catalogs;
struct eco_db;

/*
 * Queues the reminders due on day today, with links under site_url.  The
 * number queued, or -1 if the database failed (nothing of this run is
 * kept then).
 */
int	reminders_queue(struct eco_db *, struct eco_arena *,
	    const struct eco_catalogs *, const char *site_url, long today);

#endif
