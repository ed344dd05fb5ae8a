/* The pages and API endpoints of eco-requests; the table is in main.c. */
#ifndef ECO_REQUESTS_PAGES_H
#define ECO_REQUESTS_PAGES_H

struct eco_ctx;

int	api_holders(struct eco_ctx *);
int	api_requests_create(struct eco_ctx *);
int	api_requests_get(struct eco_ctx *);
int	api_requests_list(struct eco_ctx *);
int	api_events_create(struct eco_ctx *);
int	page_tracker(struct eco_ctx *);
int	page_request(struct eco_ctx *);
int	page_request_act(struct eco_ctx *);
int	page_file_form(struct eco_ctx *);
int	page_file_submit(struct eco_ctx *);
int	page_desk(struct eco_ctx *);
int	page_mine(struct eco_ctx *);
int	api_stats(struct eco_ctx *);
int	page_stats(struct eco_ctx *);

#include <jansson.h>

/* Options of a <select> from a code table of labels.h (code_at and
 * label): [{"code","name","selected"}], names in the page's language. */
json_t	*code_options(struct eco_ctx *, const char *(*code_at)(size_t),
	    const char *(*label)(const char *), const char *selected);

/* A list item's holder name in the page's language, status label and
 * state ("overdue", "due-soon", "late" or ""), for the templates. */
void	tracker_decorate(struct eco_ctx *, json_t *item);

/*
 * Renders template with title (a msgid) and the decorated items that
 * stmt (SEARCH_ITEM_COLUMNS then STORE_STATE_COLUMNS) finds for the one
 * parameter id.  200; 503.
 */
struct eco_stmt;
int	tracker_list_page(struct eco_ctx *, struct eco_stmt *stmt, long long id,
	    const char *template, const char *title);

#endif
