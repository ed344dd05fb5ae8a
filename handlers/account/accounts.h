/*
 * The account workflow over the database: create, authenticate (with the
 * per-e-mail throttle), change a password.  Pages and API endpoints both
 * call these, so the rules live in one place.
 */
#ifndef ECO_ACCOUNT_ACCOUNTS_H
#define ECO_ACCOUNT_ACCOUNTS_H

#include <stdbool.h>

#include <jansson.h>

#include "registration.h"

struct eco_ctx;

enum account_result {
	ACCOUNT_OK = 0,
	ACCOUNT_EXISTS,		/* e-mail already registered */
	ACCOUNT_BAD_CREDENTIALS,
	ACCOUNT_LOCKED,		/* too many failed logins: wait */
	ACCOUNT_DB_ERROR
};

struct account {
	long long	 id;
	const char	*email;
	const char	*kind;
	const char	*full_name;
	int		 role;
};

/*
 * Creates a checked registration, and with sign_in its first session too,
 * in one transaction.  ACCOUNT_OK fills out.
 */
enum account_result account_create(struct eco_ctx *, const struct registration *,
	    bool sign_in, struct account *out);
/*
 * Checks e-mail and password, counting failures per e-mail: after
 * LOGIN_MAX_FAILURES within the window the address is locked for a while.
 */
enum account_result account_authenticate(struct eco_ctx *, const char *email,
	    const char *password, struct account *out);
/* account_authenticate, then a session (cookie set) and its audit row. */
enum account_result account_sign_in(struct eco_ctx *, const char *email,
	    const char *password, struct account *out, const char **token);
/* Checks the current password of the signed-in user and sets a new one. */
enum account_result account_change_password(struct eco_ctx *,
	    const char *current, const char *next);

/* The JSON object {"id","email","kind","full_name"} of an account. */
json_t	*account_json(const struct account *);

#endif
