/*
 * Filing a complaint and recording its outcome, each in one transaction:
 * lock the request, check who acts and what is sent (complaint.h), write
 * the complaint, an event in the request's timeline and core.audit.
 *
 * Who: the requester's own account files complaints (not the registrar
 * who typed in a paper request: its requester has no account here).  The
 * outcome is recorded by the requester or by any official of the
 * request's holder, who hears of it from the higher body or the court;
 * anyone else is refused (403).
 */
#ifndef ECO_REQUESTS_COMPLAINT_ACT_H
#define ECO_REQUESTS_COMPLAINT_ACT_H

#include <stddef.h>

#include "complaint.h"

struct complaint_result {
	int			 status;	/* 201 (filed), 200 (outcome),
						 * 400, 403, 404, 409, 503 */
	const char		*code;		/* API error code */
	const char		*message;	/* English msgid */
	struct eco_field_error	 errors[COMPLAINT_MAX_ERRORS];	/* 400 */
	size_t			 nerrors;
	long long		 id;		/* the complaint */
	bool			 late;		/* filed after its limit */
};

struct eco_ctx;

/* Files a complaint about request request_id as the signed-in account. */
void	complaint_file(struct eco_ctx *, long long request_id,
	    const struct complaint_input *, struct complaint_result *);
/* Records the outcome of complaint complaint_id of request request_id. */
void	complaint_decide(struct eco_ctx *, long long request_id,
	    long long complaint_id, const struct complaint_outcome_input *,
	    struct complaint_result *);

/*
 * The rule "complain" in force on day received_on (the day the request
 * was received: a request is judged by the rules of that day) with its
 * law in the request's language.  0, -1 if the database failed or there
 * is no such rule.
 */
int	complaint_rule_load(struct eco_ctx *, long received_on,
	    struct complaint_rule *, const char **law);

#endif
