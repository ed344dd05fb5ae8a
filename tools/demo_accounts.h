/*
 * The accounts of the demo (ecoctl demo load): one of each role, the
 * requesters who file the demo requests, and a registrar, an executor
 * and a head at each holder the demo requests go to.  Every password is
 * "demo-password"; the people are made up.
 */
#ifndef ECO_DEMO_ACCOUNTS_H
#define ECO_DEMO_ACCOUNTS_H

#include <stddef.h>

#define DEMO_PASSWORD	"demo-password"

struct demo_account {
	const char	*email;
	const char	*name;
	const char	*role;		/* individual ... admin */
	const char	*iin;		/* individuals */
	const char	*bin;		/* organisations */
	const char	*org;
	const char	*lang;
	const char	*holder;	/* officials: the holder's ref_code */
	const char	*position;	/* officials */
};

/* The i-th demo account, with room for its made e-mail in email (64
 * bytes); NULL past the end.  The order never changes: the first ones
 * were there before the others. */
const struct demo_account *demo_account(size_t i, struct demo_account *buf,
	    char email[64]);

#endif
