/*
 * The titles and laws of the requests' deadline rules (core.deadline_rules,
 * module "requests"), which every request page cites.  They are reference
 * data that changes with a deployment, not with a request, so each worker
 * keeps them and looks again once a minute.
 */
#ifndef ECO_REQUESTS_RULES_H
#define ECO_REQUESTS_RULES_H

#include <jansson.h>

struct eco_ctx;

/*
 * {"answer_simple": {"title","law"}, ...}: the rules in force on day (a
 * rule is chosen by the date of the event its period counts from), in the
 * page's language, shared by the pages of a worker: read it, never change
 * it.  NULL if the rules could never be read.
 */
json_t	*rules_json(struct eco_ctx *, long day);

#endif
