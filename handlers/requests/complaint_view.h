/*
 * Complaints as the API and the request page show them.  Everyone who
 * may see the request sees each complaint's instance, body, dates, limit,
 * lateness (with the law's warning), outcome and court case; its text and
 * the outcome's note only VIEW_PERSONAL (the requester and the holder's
 * officials).  Never the requester's personal data.
 */
#ifndef ECO_REQUESTS_COMPLAINT_VIEW_H
#define ECO_REQUESTS_COMPLAINT_VIEW_H

#include <jansson.h>

#include "view.h"

struct eco_ctx;
struct request_row;

/*
 * [{"id","instance","body_name","learned_on","limit_on","filed_on","late",
 * "warning","outcome","outcome_on","court_case_key"[,"text",
 * "outcome_note"]}] of request r; only complaint id when id is not 0.
 * NULL if the database failed.
 */
json_t	*complaints_json(struct eco_ctx *, const struct request_row *r,
	    long long id, enum view_access);

#endif
