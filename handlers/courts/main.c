/*
 * eco-courts: the registry of environmental court cases — a case's
 * parties, claims, events through the instances and court acts, the
 * clerks' editing, and the official statistics beside the registry's own.
 */
#include "app.h"
#include "pages.h"

/* Every page of this handler, and who may use it. */
static const struct eco_route routes[] = {
	{ "GET", "/healthz",          eco_page_healthz, ECO_ROLE_PUBLIC },
	{ "GET", "/api/v1/court-statistics", api_court_statistics,
	    ECO_ROLE_PUBLIC },
	{ "GET", "/api/v1/court-cases", api_court_cases_list,
	    ECO_ROLE_PUBLIC },
	{ "POST", "/api/v1/court-cases", api_court_cases_create,
	    ECO_ROLE_CLERK | ECO_ROLE_ADMIN },
	{ "GET", "/api/v1/court-cases/{id}", api_court_cases_get,
	    ECO_ROLE_PUBLIC },
	{ "PUT", "/api/v1/court-cases/{id}", api_court_cases_update,
	    ECO_ROLE_CLERK | ECO_ROLE_ADMIN },
	{ "GET", "/{lang}/courts",    page_court_search, ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/courts/statistics", page_court_statistics,
	    ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/courts/feed.atom", page_court_feed, ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/courts/export.csv", page_court_export_csv,
	    ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/courts/export.json", page_court_export_json,
	    ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/courts/new", page_court_new,
	    ECO_ROLE_CLERK | ECO_ROLE_ADMIN },
	{ "POST", "/{lang}/courts/new", page_court_new_save,
	    ECO_ROLE_CLERK | ECO_ROLE_ADMIN },
	{ "GET", "/{lang}/courts/{id}", page_court_case, ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/courts/{id}/edit", page_court_edit,
	    ECO_ROLE_CLERK | ECO_ROLE_ADMIN },
	{ "POST", "/{lang}/courts/{id}/edit", page_court_edit_save,
	    ECO_ROLE_CLERK | ECO_ROLE_ADMIN },
	{ "GET", "/{lang}/courts/{id}/acts/{doc_id}", page_court_act,
	    ECO_ROLE_PUBLIC },
};

static const struct eco_handler handler = {
	.name = "eco-courts",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	/* A case with the texts of its court acts (500 KB each at most). */
	.max_body = 4 * 1024 * 1024,
};

int
main(int argc, char **argv)
{
	return eco_app_main(argc, argv, &handler);
}
