/*
 * What a registration must satisfy, with no I/O so unit tests reach it:
 * the same rules for the JSON API and the HTML form.
 */
#ifndef ECO_ACCOUNT_REGISTRATION_H
#define ECO_ACCOUNT_REGISTRATION_H

#include <stddef.h>

#include "validate.h"

struct registration {
	const char	*kind;		/* "individual" or "organisation" */
	const char	*email;
	const char	*password;
	const char	*full_name;
	const char	*iin;		/* individuals */
	const char	*bin;		/* organisations */
	const char	*org_name;	/* organisations */
	const char	*lang;		/* kk, ru, en; NULL: the page's language */
};

#define REGISTRATION_MAX_ERRORS	8

/*
 * Checks r and writes every problem to errors (at most
 * REGISTRATION_MAX_ERRORS).  Returns the number of problems; 0 means the
 * registration may go ahead.
 */
size_t	registration_check(const struct registration *,
	    struct eco_field_error *errors);

#endif
