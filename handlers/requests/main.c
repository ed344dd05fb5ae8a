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
	{ "POST", "/api/v1/holders",  api_holders_create, ECO_ROLE_ADMIN },
	{ "GET", "/api/v1/holders/{id}", api_holders_get, ECO_ROLE_PUBLIC },
	{ "PUT", "/api/v1/holders/{id}", api_holders_update, ECO_ROLE_ADMIN },
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
	{ "GET", "/{lang}/requests/feed.atom", page_feed, ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/requests/export.csv", page_export_csv,
	    ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/requests/export.json", page_export_json,
	    ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/requests/follow", page_follow_form, ECO_ROLE_PUBLIC },
	/* Asks for a confirmation mail, nobody's authority: no form token. */
	{ "POST", "/{lang}/requests/follow", page_follow_submit,
	    ECO_ROLE_PUBLIC | ECO_ROUTE_OPEN_FORM },
	{ "GET", "/{lang}/requests/follow/{token}", page_follow_confirm_form,
	    ECO_ROLE_PUBLIC },
	/* The link's token is the authority: no form token either. */
	{ "POST", "/{lang}/requests/follow/{token}", page_follow_confirm,
	    ECO_ROLE_PUBLIC | ECO_ROUTE_OPEN_FORM },
	{ "GET", "/{lang}/requests/unfollow/{token}", page_unfollow_form,
	    ECO_ROLE_PUBLIC },
	{ "POST", "/{lang}/requests/unfollow/{token}", page_unfollow,
	    ECO_ROLE_PUBLIC | ECO_ROUTE_OPEN_FORM },
	{ "GET", "/{lang}/requests/{id}/feed.atom", page_feed_request,
	    ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/requests/holders", page_holders, ECO_ROLE_ADMIN },
	{ "POST", "/{lang}/requests/holders", page_holders_create,
	    ECO_ROLE_ADMIN },
	{ "POST", "/{lang}/requests/holders/{id}", page_holders_update,
	    ECO_ROLE_ADMIN },
	{ "GET", "/{lang}/requests/statistics", page_stats, ECO_ROLE_PUBLIC },
	{ "GET", "/{lang}/requests/{id}", page_request, ECO_ROLE_PUBLIC },
	{ "POST", "/{lang}/requests/{id}/act", page_request_act,
	    ECO_ROLE_REQUESTER | ECO_ROLE_OFFICIAL },
	{ "POST", "/api/v1/requests/{id}/complaints", api_complaints_create,
	    ECO_ROLE_REQUESTER | ECO_ROLE_OFFICIAL },
	{ "POST", "/api/v1/requests/{id}/complaints/{cid}/outcome",
	    api_complaints_outcome, ECO_ROLE_REQUESTER | ECO_ROLE_OFFICIAL },
	{ "POST", "/{lang}/requests/{id}/complaints", page_complaint_file,
	    ECO_ROLE_REQUESTER | ECO_ROLE_OFFICIAL },
	{ "POST", "/{lang}/requests/{id}/complaints/{cid}/outcome",
	    page_complaint_outcome, ECO_ROLE_REQUESTER | ECO_ROLE_OFFICIAL },
	{ "GET", "/{lang}/requests/{id}/attachments/{aid}", page_attachment,
	    ECO_ROLE_PUBLIC },
};

static const struct eco_handler handler = {
	.name = "eco-requests",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	/* A 10 MB answer file in base64 over the API (nginx allows 15m on
	 * that route, 12m elsewhere). */
	.max_body = 15 * 1024 * 1024,
};

int
main(int argc, char **argv)
{
	return eco_app_main(argc, argv, &handler);
}
