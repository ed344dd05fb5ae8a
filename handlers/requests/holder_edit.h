/*
 * What an administrator may send to add or change an information holder,
 * checked with no I/O so that unit tests reach it: the same rules for the
 * JSON API and the HTML form.  What only the database can tell (a code
 * already taken, a parent that does not exist or would make a cycle) is
 * holder_store.h's.
 */
#ifndef ECO_REQUESTS_HOLDER_EDIT_H
#define ECO_REQUESTS_HOLDER_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "validate.h"

#define HOLDER_MAX_ERRORS	8
#define HOLDER_NAME_MAX		400	/* characters, as the table allows */

/*
 * One holder as sent.  A NULL field was not sent: a new holder needs
 * code, kind and the three names; a change keeps what was not sent.
 */
struct holder_input {
	const char	*code;		/* "ecodep_abai" */
	const char	*kind;		/* "ministry" ... "agency" */
	const char	*region;	/* a region code, "" national */
	bool		 parent_given;
	long long	 parent_id;	/* 0 none, -1 not an id */
	const char	*name[3];	/* kk, ru, en */
	int		 active;	/* 1, 0, or -1 not sent */
};

/*
 * Checks in against the rules (creating: the required fields too) and
 * writes every problem to errors (at most HOLDER_MAX_ERRORS); returns
 * their number.
 */
size_t	holder_check(const struct holder_input *, bool creating,
	    struct eco_field_error *errors);

/* A code as the table takes it: 2-63 of a-z, 0-9, _, a letter first. */
bool	holder_code_valid(const char *);

#endif
