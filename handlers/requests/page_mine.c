/* A requester's own requests, public or not. */
#include "app.h"
#include "pages.h"
#include "search.h"
#include "store.h"

static struct eco_stmt q_mine = ECO_STMT(
    "SELECT " SEARCH_ITEM_COLUMNS STORE_STATE_COLUMNS " "
    "FROM requests.requests r JOIN requests.holders h ON h.id = r.holder_id "
    "WHERE r.filed_by = $1 ORDER BY r.id DESC LIMIT 500");

/*
 * GET /{lang}/requests/mine: the requests the signed-in person or
 * organisation filed, newest first.  200; 503.
 */
int
page_mine(struct eco_ctx *ctx)
{
	return tracker_list_page(ctx, &q_mine, ctx->user.id, "requests/mine",
	    N_("My requests"));
}
