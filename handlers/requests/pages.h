/* The pages and API endpoints of eco-requests; the table is in main.c. */
#ifndef ECO_REQUESTS_PAGES_H
#define ECO_REQUESTS_PAGES_H

struct eco_ctx;

int	api_holders(struct eco_ctx *);
int	api_holders_get(struct eco_ctx *);
int	api_holders_create(struct eco_ctx *);
int	api_holders_update(struct eco_ctx *);
int	page_holders(struct eco_ctx *);
int	page_holders_create(struct eco_ctx *);
int	page_holders_update(struct eco_ctx *);
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
int	api_complaints_create(struct eco_ctx *);
int	api_complaints_outcome(struct eco_ctx *);
int	page_complaint_file(struct eco_ctx *);
int	page_complaint_outcome(struct eco_ctx *);
int	page_attachment(struct eco_ctx *);
int	page_follow_form(struct eco_ctx *);
int	page_follow_submit(struct eco_ctx *);
int	page_follow_confirm_form(struct eco_ctx *);
int	page_follow_confirm(struct eco_ctx *);
int	page_unfollow_form(struct eco_ctx *);
int	page_unfollow(struct eco_ctx *);
int	page_feed(struct eco_ctx *);
int	page_feed_request(struct eco_ctx *);
int	page_export_csv(struct eco_ctx *);
int	page_export_json(struct eco_ctx *);
int	api_stats(struct eco_ctx *);
int	page_stats(struct eco_ctx *);

#include <jansson.h>

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

#include "view.h"

/*
 * The request page's data (page_request.c): the view, labels, rules, and
 * the forms the visitor may use.  NULL if the database failed.
 */
json_t	*request_page_data(struct eco_ctx *, const struct request_row *,
	    enum view_access);

/* Complaints on the request page (page_complaints.c): labels, links and
 * the forms, into view. */
void	complaints_page_data(struct eco_ctx *, const struct request_row *,
	    json_t *view);
/* The files on the request page (page_attachment.c): the issued ones as
 * "answer_files", the draft's as "draft_files", with their sizes. */
void	attachments_page_data(struct eco_ctx *, json_t *view);
/* The words of a complaint event of the timeline; NULL for another. */
const char *complaint_event_detail(struct eco_ctx *, json_t *event);
/* What an event of the timeline ({"type", its details}) says besides its
 * name, in the page's language: "" when nothing. */
const char *request_event_detail(struct eco_ctx *, json_t *event);

/*
 * The data of the follow form (templates/requests/follow_form.html) for
 * request_id (0: none) of holder holder_id, or for the holder itself:
 * {"request_id", "holder_id", "feed"}.
 */
json_t	*follow_form_json(struct eco_ctx *, long long request_id,
	    long long holder_id);

#endif
