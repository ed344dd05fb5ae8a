/*
 * What a registration must satisfy, with no I/O so unit tests reach it:
 * the same rules for the JSON API and the HTML form.
 */
#ifndef ECO_ACCOUNT_REGISTRATION_H
#define ECO_ACCOUNT_REGISTRATION_H

#include <stddef.h>

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

struct registration_error {
	const char	*field;		/* form field name */
	const char	*code;		/* API error code, "invalid_iin" */
	const char	*message;	/* English msgid */
};

#define REGISTRATION_MAX_ERRORS	8

/*
 * Checks r and writes every problem to errors (at most
 * REGISTRATION_MAX_ERRORS).  Returns the number of problems; 0 means the
 * registration may go ahead.
 */
size_t	registration_check(const struct registration *,
	    struct registration_error *errors);

#endif
