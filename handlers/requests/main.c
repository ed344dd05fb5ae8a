/*
 * eco-requests: environmental information requests — the information
 * holders so far; filing, the officials' desk and the public tracker come
 * with the rest of issue 4.
 */
#include "app.h"
#include "pages.h"

/* Every page of this handler, and who may use it. */
static const struct eco_route routes[] = {
	{ "GET", "/healthz",          eco_page_healthz, ECO_ROLE_PUBLIC },
	{ "GET", "/api/v1/holders",   api_holders,      ECO_ROLE_PUBLIC },
};

static const struct eco_handler handler = {
	.name = "eco-requests",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.max_body = 1024 * 1024,
};

int
main(int argc, char **argv)
{
	return eco_app_main(argc, argv, &handler);
}
