/* The official's desk: the holder's open requests, the most urgent first. */
#include "app.h"
#include "pages.h"
#include "search.h"
#include "store.h"

/* Open requests of the holder (public or not: they are the holder's own). */
static struct eco_stmt q_queue = ECO_STMT(
    "SELECT " SEARCH_ITEM_COLUMNS STORE_STATE_COLUMNS " "
    "FROM requests.requests r JOIN requests.holders h ON h.id = r.holder_id "
    "WHERE r.holder_id = $1 "
    "AND r.status IN ('registered', 'in_progress', 'extended') "
    "ORDER BY r.due_on, r.id LIMIT 500");

/*
 * GET /{lang}/requests/desk: the holder's queue sorted by due date, days
 * left in colour.  Officials only.  200; 503.
 */
int
page_desk(struct eco_ctx *ctx)
{
	return tracker_list_page(ctx, &q_queue, ctx->user.holder_id,
	    "requests/desk", N_("The desk: open requests"));
}
