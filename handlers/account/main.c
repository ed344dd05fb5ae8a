/*
 * eco-account: registration, sign-in and sign-out, the account page and the
 * password, for browsers and for API clients.
 */
#include "app.h"
#include "pages.h"

/* Every page of this handler, and who may use it. */
static const struct eco_route routes[] = {
	{ "GET",    "/healthz",                       eco_page_healthz,     ECO_ROLE_PUBLIC },

	{ "POST",   "/api/v1/accounts",               api_accounts_create,  ECO_ROLE_PUBLIC },
	{ "POST",   "/api/v1/session",                api_session_create,   ECO_ROLE_PUBLIC },
	{ "DELETE", "/api/v1/session",                api_session_delete,   ECO_ROLE_ANY },
	{ "GET",    "/api/v1/me",                     api_me,               ECO_ROLE_ANY },
	{ "GET",    "/api/v1/accounts",               api_accounts_list,    ECO_ROLE_ADMIN },
	{ "POST",   "/api/v1/accounts/{id}/disable",  api_account_disable,  ECO_ROLE_ADMIN },

	{ "GET",    "/{lang}/account/login",          page_login_form,      ECO_ROLE_PUBLIC },
	{ "POST",   "/{lang}/account/login",          page_login_submit,    ECO_ROLE_PUBLIC },
	{ "POST",   "/{lang}/account/logout",         page_logout,          ECO_ROLE_PUBLIC },
	{ "GET",    "/{lang}/account/register",       page_register_form,   ECO_ROLE_PUBLIC },
	{ "POST",   "/{lang}/account/register",       page_register_submit, ECO_ROLE_PUBLIC },
	{ "GET",    "/{lang}/account",                page_profile,         ECO_ROLE_ANY },
	{ "GET",    "/{lang}/account/password",       page_password_form,   ECO_ROLE_ANY },
	{ "POST",   "/{lang}/account/password",       page_password_submit, ECO_ROLE_ANY },
};

static const struct eco_handler handler = {
	.name = "eco-account",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.max_body = 64 * 1024,
};

int
main(int argc, char **argv)
{
	return eco_app_main(argc, argv, &handler);
}
