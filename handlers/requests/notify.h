/*
 * The mail a request's events send, queued in core.outbox inside the
 * event's own transaction (so a mail exists exactly when its event does)
 * and delivered by eco-mailer.  The requester's mail is in the request's
 * language and goes to the address of the account or the one a registrar
 * entered.  Followers (follow.h) get a short notice of every public
 * event in their own language, without anything about the requester,
 * each with the link that stops them.
 */
#ifndef ECO_REQUESTS_NOTIFY_H
#define ECO_REQUESTS_NOTIFY_H

struct eco_ctx;
struct request_row;

/*
 * Queues the mail of event ("registered", "extend", "redirect", "answer",
 * "refuse", "not_consider"; other events send none) of request r, as it
 * stands after the event.  new_reg_no: a redirect's number at the
 * competent holder.  0, or -1 if the database failed.
 */
int	notify_event(struct eco_ctx *, const struct request_row *r,
	    const char *event, const char *new_reg_no);

/*
 * Queues the mail to the confirmed followers of request id and of its
 * holder about the event type (any type of the timeline; drafts are not
 * public and send none) on day on_date, if the request is public.
 * store_event() calls it for every event, so none is forgotten.  0, or -1
 * if the database failed.
 */
int	notify_followers(struct eco_ctx *, long long id, const char *type,
	    long on_date);

#endif
