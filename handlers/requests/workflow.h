/*
 * The life cycle of an environmental information request (requests.md):
 * its states, the lawful transitions between them and the deadlines each
 * one sets, computed with the working-day calendar (calendar.h).  Pure
 * logic, no I/O: the handler loads a state, applies one event and stores
 * the result.
 *
 *	struct request_state st;
 *	struct request_event ev = { .kind = REQ_EV_CLASSIFY,
 *	    .complexity = REQ_COMPLEX };
 *	struct request_effects fx;
 *
 *	request_new(cal, received, registered, &st);
 *	if (request_apply(cal, &st, &ev, today, &fx) != REQ_OK)
 *		reply 400 or 409 with _(fx.message);
 *
 * The statuses:
 *
 *	registered	in the register, no executor yet
 *	in_progress	an executor is assigned
 *	extended	the answer period was extended (at least once)
 *	redirected	sent to the competent holder: closed here, the
 *			holder starts its own request (request_new) on the
 *			day it receives it
 *	answered, partially_answered, refused, not_considered, withdrawn
 *			final: no event is lawful any more
 *
 * The lawful transitions (anything else is REQ_UNLAWFUL):
 *
 *	assign		registered -> in_progress; in_progress and extended
 *			keep their status (another executor)
 *	classify	registered, in_progress: status kept; the answer is
 *			due 15 (simple) or 30 (complex) calendar days after
 *			receipt.  May be changed until the first extension.
 *	extend		in_progress, extended -> extended; each reason once;
 *			only while the answer is not overdue (today <= due)
 *	redirect	registered, in_progress -> redirected
 *	answer		in_progress, extended -> answered or
 *			partially_answered
 *	refuse		in_progress, extended -> refused
 *	not_consider	registered, in_progress -> not_considered
 *	withdraw	registered, in_progress, extended -> withdrawn
 *
 * A late answer, refusal or redirect is still lawful (the requester is
 * better served late than never); request_flags() marks it late.
 *
 * The event is checked first (REQ_BAD_INPUT: unknown values, 31 days, a
 * day before receipt or outside the calendar), then the transition
 * (REQ_UNLAWFUL).  On an error the state is left untouched.
 */
#ifndef ECO_REQUEST_WORKFLOW_H
#define ECO_REQUEST_WORKFLOW_H

#include <stdbool.h>

#include "calendar.h"
#include "i18n.h"

/* The periods of requests.md, in days. */
#define REQ_DAYS_SIMPLE			15	/* calendar, from receipt */
#define REQ_DAYS_COMPLEX		30	/* calendar, from receipt */
#define REQ_DAYS_EXTEND_INSPECTION	30	/* calendar, at most */
#define REQ_DAYS_EXTEND_HOLDERS		15	/* calendar, at most */
#define REQ_DAYS_NOTIFY_INSPECTION	3	/* calendar */
#define REQ_DAYS_NOTIFY_HOLDERS		3	/* working */
#define REQ_DAYS_REDIRECT		3	/* working, from receipt */
#define REQ_DAYS_REFUSE			5	/* working, from registration */
/* due_soon: this many calendar days left or fewer. */
#define REQ_DAYS_DUE_SOON		3

enum request_status {
	REQ_REGISTERED = 0,
	REQ_IN_PROGRESS,
	REQ_EXTENDED,
	REQ_REDIRECTED,
	REQ_ANSWERED,
	REQ_PARTIALLY_ANSWERED,
	REQ_REFUSED,
	REQ_NOT_CONSIDERED,
	REQ_WITHDRAWN,
	REQ_STATUS_COUNT
};

enum request_event_kind {
	REQ_EV_ASSIGN = 0,
	REQ_EV_CLASSIFY,
	REQ_EV_EXTEND,
	REQ_EV_REDIRECT,
	REQ_EV_ANSWER,
	REQ_EV_REFUSE,
	REQ_EV_NOT_CONSIDER,
	REQ_EV_WITHDRAW,
	REQ_EV_COUNT
};

enum request_complexity {
	REQ_UNCLASSIFIED = 0,
	REQ_SIMPLE,
	REQ_COMPLEX
};

enum request_extend_reason {
	REQ_EXTEND_NONE = 0,
	REQ_EXTEND_INSPECTION,
	REQ_EXTEND_HOLDERS		/* "multiple_holders" */
};

/* Access to Information Law art. 11(16), in the law's order. */
enum request_ground {
	REQ_GROUND_NONE = 0,
	REQ_GROUND_UNIDENTIFIABLE,
	REQ_GROUND_NON_COMPLIANT,
	REQ_GROUND_RESTRICTED_ACCESS,
	REQ_GROUND_ANALYSIS_IN_PROGRESS,
	REQ_GROUND_INSPECTION_PENDING,
	REQ_GROUND_DECISION_PENDING,
	REQ_GROUND_FOREIGN_AGREEMENT_PENDING
};

enum request_result {
	REQ_OK = 0,
	REQ_BAD_INPUT,		/* HTTP 400 */
	REQ_UNLAWFUL		/* HTTP 409 */
};

/* Days are day numbers (date.h); 0 in a "_on" field means "not yet"
 * (1 January 1970 lies far outside any calendar). */
struct request_state {
	enum request_status	status;
	long			received_on;
	long			registered_on;
	enum request_complexity	complexity;
	long			due_on;		/* the answer */
	long			refusal_due_on;	/* registration + 5 working */
	long			redirect_due_on; /* receipt + 3 working */
	bool			extended_inspection;
	bool			extended_holders;
	long			notify_due_on;	/* of the last extension */
	long			executor_id;	/* 0: none */
	long			redirected_to;	/* holder id, 0: none */
	long			redirected_on;
	enum request_ground	ground;
	long			answered_on;
	long			refused_on;
	long			closed_on;	/* any final status */
};

/* One event; only the fields its kind uses are read. */
struct request_event {
	enum request_event_kind		kind;
	long				id;	/* assign: executor;
						 * redirect: to_holder_id */
	enum request_complexity		complexity;	/* classify */
	enum request_extend_reason	reason;		/* extend */
	long				days;		/* extend */
	bool				complete;	/* answer */
	enum request_ground		ground;		/* refuse */
};

/* What an event did, for the answer and the notifications. */
struct request_effects {
	enum request_status	 status;	/* the new status */
	long			 due_on;	/* the answer's due date */
	long			 notify_due_on;	/* tell the requester by;
						 * 0 if nothing to tell */
	long			 redirect_to;	/* redirect: the holder */
	bool			 late;		/* done after its deadline */
	const char		*message;	/* English msgid, N_() */
};

struct request_flags {
	bool	open;		/* registered, in_progress or extended */
	bool	due_soon;	/* open, 0..3 calendar days left */
	bool	overdue;	/* open, past the due date */
	bool	answered_late;
	bool	refused_late;	/* after registration + 5 working days */
	bool	redirected_late; /* after receipt + 3 working days */
	long	days_left;	/* due_on - today (negative when overdue);
				 * 0 when not open */
};

/*
 * The initial state: registered, due 15 calendar days after receipt until
 * classified.  REQ_BAD_INPUT (message set if message is not NULL) when
 * registration precedes receipt or a deadline falls outside the calendar.
 */
enum request_result request_new(const struct eco_calendar *, long received_on,
	    long registered_on, struct request_state *, const char **message);
/* Applies one event on day today; see the top of this file. */
enum request_result request_apply(const struct eco_calendar *,
	    struct request_state *, const struct request_event *, long today,
	    struct request_effects *);
/* The flags computed against today. */
void	request_flags(const struct eco_calendar *, const struct request_state *,
	    long today, struct request_flags *);
/*
 * Whether the decision met its deadline, as the request's page says: 1 on
 * time, 0 late (answered_late, refused_late or redirected_late), -1 no
 * decision to judge (open, not considered, withdrawn).  The statistics
 * count it the same way.
 */
int	request_on_time(const struct request_state *,
	    const struct request_flags *);

/* Codes as in the API and the database ("in_progress", "not_consider",
 * "multiple_holders"); "" when out of range.  Each parse returns -1 for
 * anything else (NULL too). */
const char *request_status_code(enum request_status);
int	request_status_parse(const char *, enum request_status *);
const char *request_event_code(enum request_event_kind);
int	request_event_parse(const char *, enum request_event_kind *);
const char *request_complexity_code(enum request_complexity);
int	request_complexity_parse(const char *, enum request_complexity *);
const char *request_reason_code(enum request_extend_reason);
int	request_reason_parse(const char *, enum request_extend_reason *);
const char *request_ground_code(enum request_ground);
int	request_ground_parse(const char *, enum request_ground *);

#endif
