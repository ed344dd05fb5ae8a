/*
 * Saving a court case for a person (a clerk or an administrator): the
 * record checked, written with its audit row in one transaction.  The
 * API and the clerks' forms both save through here.
 */
#ifndef ECO_COURTS_CASE_SAVE_H
#define ECO_COURTS_CASE_SAVE_H

#include <stddef.h>

#include <jansson.h>

#include "record.h"

struct eco_ctx;
struct eco_field_error;

/*
 * Checks record (the shape of court_cases.json) and saves it as case *id
 * (0: a new one; then *id is the new case's).  *saved is the case as
 * written (the caller's reference).  Returns 201 (added) or 200; 400 with
 * the problems in errors[0..*n) (at most CASE_MAX_ERRORS); 404 no such
 * case; 409 the key is another case's (errors[0] says so); 503.
 */
int	case_save(struct eco_ctx *, json_t *record, long long *id,
	    json_t **saved, struct eco_field_error *errors, size_t *n);

/* A change of a case's record: 0 when made, anything else when not. */
typedef int	(*case_change_fn)(json_t *record, void *ud);

/*
 * Reads case id under its lock, lets apply change the record and saves it
 * as case_save does, all in one transaction, so that two people changing
 * the same case at once never lose one of the changes.  Returns 0 when
 * apply made no change (nothing written); else as case_save.
 */
int	case_change(struct eco_ctx *, long long id, case_change_fn apply,
	    void *ud, json_t **saved, struct eco_field_error *errors,
	    size_t *n);

#endif
