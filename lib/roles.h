/*
 * Kinds of account.  Each is one bit so the router can name several roles
 * a page admits in one field.
 */
#ifndef ECO_ROLES_H
#define ECO_ROLES_H

enum eco_role {
	ECO_ROLE_INDIVIDUAL	= 1 << 0,	/* a person, identified by IIN */
	ECO_ROLE_ORGANISATION	= 1 << 1,	/* an NGO or company, by BIN */
	ECO_ROLE_OFFICIAL	= 1 << 2,	/* an official of an information holder */
	ECO_ROLE_CLERK		= 1 << 3,	/* court registry and Fund staff */
	ECO_ROLE_ADMIN		= 1 << 4
};

#define ECO_ROLE_PUBLIC		0	/* a route anyone may use */
#define ECO_ROLE_REQUESTER	(ECO_ROLE_INDIVIDUAL | ECO_ROLE_ORGANISATION)
#define ECO_ROLE_ANY		0x1f	/* any signed-in account */

/* "individual" ... "admin"; NULL for anything else. */
const char *eco_role_name(int role);
/* The role for a name, or 0. */
int	eco_role_parse(const char *name);

#endif
