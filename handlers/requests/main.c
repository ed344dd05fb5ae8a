/*
 * eco-requests: environmental information requests — the information
 * holders, filing, the officials' steps on a request and the public
 * tracker.
 */
#include "app.h"
#include "pages.h"

/* Every page of this handler, and who may use it. */
static const struct eco_route routes[] = {
	{ "GET", "/healthz",          eco_page_healthz, ECO_ROLE_PUBLIC },
	{ "GET", "/api/v1/holders",   api_holders,      ECO_ROLE_PUBLIC },
	{ "GET", "/api/v1/requests",  api_requests_list, ECO_ROLE_PUBLIC },
	{ "GET", "/api/v1/requests/statistics", api_stats, ECO_ROLE_PUBLIC },
	{ "POST", "/api/v1/requests", api_requests_create,
	    ECO_ROLE_REQUESTER | ECO_ROLE_OFFICIAL },
	{ "GET", "/api/v1/requests/{id}", api_requests_get, ECO_ROLE_PUBLIC },
	{ "POST", "/api/v1/requests/{id}/events", api_events_create,
	    ECO_ROLE_REQUESTER | ECO_ROLE_OFFICIAL },
	{ "GET", "/{lang}/requests",  page_tracker,     ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/requests/new", page_file_form,
	    ECO_ROLE_REQUESTER | ECO_ROLE_OFFICIAL },
	{ "POST", "/{lang}/requests/new", page_file_submit,
	    ECO_ROLE_REQUESTER | ECO_ROLE_OFFICIAL },
	{ "GET", "/{lang}/requests/desk", page_desk,    ECO_ROLE_OFFICIAL },
	{ "GET", "/{lang}/requests/mine", page_mine,    ECO_ROLE_REQUESTER },
	{ "GET", "/{lang}/requests/statistics", page_stats, ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/requests/{id}", page_request, ECO_ROLE_PUBLIC },
	{ "POST", "/{lang}/requests/{id}/act", page_request_act,
	    ECO_ROLE_REQUESTER | ECO_ROLE_OFFICIAL },
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
