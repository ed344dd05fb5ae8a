/*
 * Requests in PostgreSQL: one row of requests.requests read into C and
 * its workflow state written back, the events of its timeline, and the
 * filing of a new request with its gapless registration number.  Every
 * function here runs inside the caller's transaction when there is one.
 */
#ifndef ECO_REQUESTS_STORE_H
#define ECO_REQUESTS_STORE_H

#include <stdbool.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "workflow.h"

struct eco_ctx;
struct filing;

/* A request as stored, for its pages and its events. */
struct request_row {
	long long		 id;
	long long		 holder_id;
	const char		*holder_code;
	const char		*holder_name[3];	/* kk, ru, en */
	const char		*holder_region;		/* "" national */
	const char		*reg_no;
	long long		 requester_id;
	long long		 requester_user_id;	/* 0: paper or oral */
	const char		*requester_kind;
	const char		*public_name;	/* NULL unless shown */
	long long		 filed_by;	/* 0: none */
	const char		*channel;
	const char		*subject;
	const char		*body;
	const char		*language;
	const char		*answer_form;
	bool			 is_public;
	const char		*fee_exemption;	/* NULL: none */
	long long		 redirected_from; /* 0: none */
	const char		*answer_text;	/* NULL until answered */
	const char		*justification;	/* of a refusal, NULL */
	long			 fee_pages;	/* -1: none */
	const char		*fee_tariff;	/* NULL: none */
	json_t			*draft;		/* NULL: none */
	/* Read with the request, so that a page is one statement: the
	 * questions [{"n","text","answered","answer"}] and the events
	 * [{"type","date","deadline":{"code","due","met"} or none, and the
	 * event's details}] in their order (NULL: none), and whether there
	 * are complaints or files to ask for.  The JSON values belong to the
	 * document the row was read from (migration 015), which lives as
	 * long as the arena.  A row is made into one view, which takes
	 * these values as they are (a page decorates its events and marks
	 * its questions there); other readers copy what they change. */
	json_t			*questions;
	json_t			*events;
	/* {"id","reg_no","holder_id"} of the request this one was
	 * redirected from and of the one its redirect opened, NULL: none. */
	json_t			*redirected_from_link;
	json_t			*redirected_to_link;
	bool			 has_complaints;
	bool			 has_attachments;
	bool			 has_court_cases;	/* courts.request_links */
	struct request_state	 st;
};

/*
 * The columns of struct request_state in the order store_state_from()
 * reads them and the store writes them.  No table that requests are
 * joined with (holders, requesters) has a column of these names, so
 * they need no table prefix.
 */
#define STORE_STATE_COLUMNS \
    "status, received_on, registered_on, complexity, due_on, " \
    "refusal_due_on, redirect_due_on, extended_inspection, " \
    "extended_holders, notify_due_on, executor_id, redirected_to, " \
    "redirected_on, ground, answered_on, refused_on, closed_on"
#define STORE_NSTATE	17

/* Reads the state from row of res, its columns starting at col. */
void	store_state_from(PGresult *, int row, int col, struct request_state *);

/* Results of the functions below. */
#define STORE_OK		0
#define STORE_NOT_FOUND		1
#define STORE_DUPLICATE		2	/* the same form was sent again */
#define STORE_BAD_HOLDER	3
#define STORE_FAILED		(-1)	/* the database */

/* Reads request id; for_update locks the row until the transaction ends. */
int	store_load(struct eco_ctx *, long long id, bool for_update,
	    struct request_row *);
/* Writes back the workflow state of request id. */
int	store_save_state(struct eco_ctx *, long long id,
	    const struct request_state *);
/*
 * Appends an event to request id's timeline on day on_date, by the
 * signed-in account (if any).  deadline_code names the statutory deadline
 * the event had to meet (NULL: none) and deadline_on its date; met is
 * computed.  data (reference taken, may be NULL) holds public details only.
 * The request's and its holder's followers are mailed about it.
 */
int	store_event(struct eco_ctx *, long long id, const char *type,
	    long on_date, const char *deadline_code, long deadline_on,
	    json_t *data);
/*
 * The same without mailing the followers: for a step another one implies
 * (the assignment of an official who answers an unassigned request), whose
 * mail would only come a moment before the mail of the step itself.
 */
int	store_event_quiet(struct eco_ctx *, long long id, const char *type,
	    long on_date);
/*
 * Files a new request in its own transaction: the requester (from the
 * signed-in account, or f->requester for a paper or oral request), the
 * next registration number of the holder for the year, the deadlines,
 * the questions, the first event and the audit record.  STORE_DUPLICATE
 * with *id of the request already filed when the same client_token came
 * before; STORE_BAD_HOLDER when the holder does not exist.
 */
int	store_file(struct eco_ctx *, const struct filing *, long received_on,
	    long long *id);
/*
 * Opens the request that a redirect sends to holder to_holder (in the
 * caller's transaction): a copy with the same requester, text and
 * questions, received and registered today, with its own number.
 * STORE_BAD_HOLDER when that holder does not exist.
 */
int	store_open_redirected(struct eco_ctx *, const struct request_row *from,
	    long long to_holder, long long *new_id, const char **new_reg_no);

/* An id as the text of a statement parameter, on the arena. */
const char *store_id(struct eco_ctx *, long long id);
/* "2026-03-07" for a day number; "" for 0. */
const char *store_iso(struct eco_ctx *, long day);
/* The same as JSON: the string, or null for 0. */
json_t	*store_day_json(long day);

#endif
