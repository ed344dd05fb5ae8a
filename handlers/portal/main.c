/*
 * eco-portal: the home page and the pages of the portal as a whole.  nginx
 * sends it every path no other handler claims, so its 404 page is the
 * portal's 404 page.
 */
#include "app.h"
#include "pages.h"

/* Every page of this handler, and who may use it. */
static const struct eco_route routes[] = {
	{ "GET", "/healthz",  eco_page_healthz, ECO_ROLE_PUBLIC },
	{ "GET", "/",         page_root,        ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/",  page_home,        ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}",   page_root,        ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/calendar",       page_calendar,  ECO_ROLE_PUBLIC },
	{ "GET", "/api/v1/calendar",       api_calendar,   ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/deadline",       page_deadline,  ECO_ROLE_PUBLIC },
	{ "GET", "/api/v1/deadline",       api_deadline,   ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/admin/calendar", page_admin_calendar, ECO_ROLE_ADMIN },
	{ "POST", "/{lang}/admin/calendar", page_admin_calendar_save, ECO_ROLE_ADMIN },
};

static const struct eco_handler handler = {
	.name = "eco-portal",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.max_body = 64 * 1024,
};

int
main(int argc, char **argv)
{
	return eco_app_main(argc, argv, &handler);
}
