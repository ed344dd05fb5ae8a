/*
 * Complaints against a holder's decision on a request, as pure rules: what
 * a complaint may be filed against and from which day, the values of the
 * complaint and of its outcome, and the time limit with its lateness.
 * No I/O, so unit tests reach every rule; complaint_act.c does the rest.
 *
 * What may be complained of (Access to Information Law art. 18: a decision
 * or an action of the body): an answer, a partial answer, a refusal, a
 * decision not to consider the request, and inaction — a request still
 * open after its due date.  The day the requester learned of it is the
 * answer's, refusal's or closing day, or for inaction the day after the
 * due date; it may be later (a letter that arrived late), never earlier,
 * never in the future.  A redirected request is complained of at the
 * competent holder, a withdrawn one not at all.
 *
 * The limit is the rule "complain" of core.deadline_rules (three months
 * today), counted from the day the requester learned of the decision.  A
 * late complaint is accepted and marked late, never refused: the law says
 * a missed limit is no ground to refuse to accept it.
 */
#ifndef ECO_REQUESTS_COMPLAINT_H
#define ECO_REQUESTS_COMPLAINT_H

#include <stdbool.h>
#include <stddef.h>

#include "deadline.h"
#include "validate.h"
#include "workflow.h"

#define COMPLAINT_BODY_MAX	300	/* characters */
#define COMPLAINT_TEXT_MAX	20000
#define COMPLAINT_NOTE_MAX	5000
#define COMPLAINT_MAX		20	/* per request */
#define COMPLAINT_MAX_ERRORS	8

/* What a complaint is against, from the request's state. */
struct complaint_basis {
	const char	*decision;	/* "answer", "partial_answer",
					 * "refusal", "not_considered",
					 * "inaction" */
	long		 on;		/* the earliest day learned of it */
};

/*
 * The basis of a complaint about a request in state s on day today: 0,
 * or -1 with *why an English msgid when there is nothing to complain
 * about (HTTP 409).
 */
int	complaint_basis(const struct request_state *s, long today,
	    struct complaint_basis *, const char **why);

/* A complaint as the requester sends it (form or JSON). */
struct complaint_input {
	const char	*instance;	/* "higher_body" or "court" */
	const char	*body_name;	/* the body or court complained to */
	const char	*learned_on;	/* YYYY-MM-DD; NULL or "": basis->on */
	const char	*filed_on;	/* YYYY-MM-DD; NULL or "": today */
	const char	*text;
	const char	*court_case_key; /* optional */
};

/* The checked values. */
struct complaint_values {
	long		 learned_on;
	long		 filed_on;
	bool		 court;
};

/*
 * Checks in against the basis and the day today; writes every problem to
 * errors (at most COMPLAINT_MAX_ERRORS) and returns their number.  With 0
 * the values are in *out.
 */
size_t	complaint_check(const struct complaint_input *in,
	    const struct complaint_basis *, long today,
	    struct complaint_values *out, struct eco_field_error *errors);

/* A rule of core.deadline_rules: its period. */
struct complaint_rule {
	long				 period;
	enum eco_period_unit		 unit;
	enum eco_period_direction	 direction;
};

/*
 * The last day to complain, learned_on + the rule, into *limit_on, and
 * whether a complaint filed on filed_on is late.  0, or -1 when a day lies
 * outside the calendar.
 */
int	complaint_limit(const struct eco_calendar *,
	    const struct complaint_rule *, long learned_on, long filed_on,
	    long *limit_on, bool *late);

/* An outcome as the requester or an official sends it. */
struct complaint_outcome_input {
	const char	*outcome;	/* "upheld", "partially_upheld",
					 * "dismissed", "withdrawn" */
	const char	*on;		/* YYYY-MM-DD; NULL or "": today */
	const char	*note;		/* optional */
	const char	*court_case_key; /* optional; a court's complaint only */
};

/*
 * Checks an outcome of a complaint filed on filed_on (to a court when
 * court) on day today, like complaint_check; *on gets the outcome's day.
 */
size_t	complaint_outcome_check(const struct complaint_outcome_input *,
	    long filed_on, bool court, long today, long *on,
	    struct eco_field_error *errors);

/* A court case's key as the court registry names it: "a-2026-17". */
bool	complaint_case_key_ok(const char *);

#endif
