/* Names of the kinds of account, as they appear in the database and URLs. */
#include <string.h>

#include "roles.h"

static const struct {
	int		 role;
	const char	*name;
} roles[] = {
	{ ECO_ROLE_INDIVIDUAL,		"individual" },
	{ ECO_ROLE_ORGANISATION,	"organisation" },
	{ ECO_ROLE_OFFICIAL,		"official" },
	{ ECO_ROLE_CLERK,		"clerk" },
	{ ECO_ROLE_ADMIN,		"admin" },
};

#define NROLES	(sizeof(roles) / sizeof(roles[0]))

/* Only a single bit has a name: a mask of several roles is not an account. */
const char *
eco_role_name(int role)
{
	size_t i;

	for (i = 0; i < NROLES; i++)
		if (roles[i].role == role)
			return roles[i].name;
	return NULL;
}

/* Exact, case-sensitive match: "Admin" or "admin " is not a role. */
int
eco_role_parse(const char *name)
{
	size_t i;

	if (name == NULL)
		return 0;
	for (i = 0; i < NROLES; i++)
		if (strcmp(roles[i].name, name) == 0)
			return roles[i].role;
	return 0;
}
