/*
 * Following a public request, or every public request to one holder, by
 * e-mail, without an account.  Double opt-in: submitting an address only
 * queues a confirmation mail with a link; the follow counts once the
 * link's page is confirmed with a POST (mail scanners that fetch links do
 * not confirm).  Every mail to a follower ends with a link that stops it
 * (notify.c).
 *
 * The form can mail any address, so it is bounded: the same address and
 * target get no second confirmation within FOLLOW_RESEND_SECONDS, an
 * address gets at most FOLLOW_PENDING_MAX confirmations a day, and the
 * answer is the same whatever happened, so it never tells whether an
 * address already follows.  The address is personal data: it goes to
 * requests.follows and core.outbox, never to a page or a log.
 */
#ifndef ECO_REQUESTS_FOLLOW_H
#define ECO_REQUESTS_FOLLOW_H

#include <stdbool.h>
#include <stddef.h>

#define FOLLOW_TOKEN_BYTES	16	/* 32 hex digits in links */
#define FOLLOW_RESEND_SECONDS	(24L * 3600)
#define FOLLOW_PENDING_MAX	5	/* confirmations an address gets a day */
#define FOLLOW_CONFIRM_DAYS	7	/* a confirmation link's validity */
#define FOLLOW_EMAIL_MAX	254

struct eco_ctx;

/* What is followed: a request or a holder (the other is 0). */
struct follow_target {
	long long	 request_id;
	long long	 holder_id;
};

/* A target as the pages and the mail name it. */
struct follow_about {
	struct follow_target	 t;
	const char		*reg_no;	/* a request's; else NULL */
	const char		*subject;	/* a request's; else NULL */
	long long		 holder_id;	/* the request's holder too */
	const char		*holder_name[3]; /* kk, ru, en */
};

/* A follow found by its token. */
struct follow_row {
	struct follow_about	 about;
	bool			 confirmed;
};

/* What a submitted address gets. */
enum follow_step {
	FOLLOW_MAIL_NEW,	/* a new follow and its confirmation mail */
	FOLLOW_MAIL_AGAIN,	/* the pending follow's mail once more */
	FOLLOW_QUIET		/* nothing is sent */
};

/* --- pure ------------------------------------------------------------------ */

/* 32 lower-case hex digits, as follow tokens are made. */
bool	follow_token_valid(const char *);

/*
 * The address from the form, checked and lower-cased into out (outlen >
 * FOLLOW_EMAIL_MAX).  NULL, or an English msgid saying what is wrong.
 */
const char *follow_email_check(const char *raw, char *out, size_t outlen);

/*
 * The step for an address and a target: exists and confirmed describe a
 * follow of that address and target (exists false: none), since_mail the
 * seconds since its confirmation mail; pending_today counts the
 * confirmations the address got in the last day.
 */
enum follow_step follow_decide(bool exists, bool confirmed,
	    long long since_mail, long pending_today);

/* --- in the database ------------------------------------------------------ */

/*
 * Fills a with the target t, which may be followed: a public request or
 * an existing holder.  STORE_OK, STORE_NOT_FOUND (also a request that is
 * not public) or STORE_FAILED.
 */
int	follow_about(struct eco_ctx *, const struct follow_target *t,
	    struct follow_about *a);

/*
 * Handles the form for the address email (already checked) and the
 * target a, in the page's language, in one transaction: perhaps a new
 * follow and a confirmation mail in core.outbox (follow_decide).  STORE_OK
 * whatever was decided, or STORE_FAILED.
 */
int	follow_submit(struct eco_ctx *, const struct follow_about *a,
	    const char *email);

/*
 * The follow of token (the route's {token}): STORE_OK with *row,
 * STORE_NOT_FOUND for a token that does not exist or an unconfirmed
 * follow older than FOLLOW_CONFIRM_DAYS, STORE_FAILED.
 */
int	follow_find(struct eco_ctx *, const char *token, struct follow_row *row);

/* Confirms, or deletes, the follow of token: STORE_OK (also when there
 * was nothing left to do) or STORE_FAILED. */
int	follow_confirm(struct eco_ctx *, const char *token);
int	follow_cancel(struct eco_ctx *, const char *token);

#endif
