/* A requester's own requests, public or not. */
#include "app.h"
#include "pages.h"
#include "search.h"
#include "store.h"

static struct eco_stmt q_mine = ECO_STMT(
    "SELECT " SEARCH_ITEM_COLUMNS STORE_STATE_COLUMNS_R " "
    "FROM requests.requests r JOIN requests.holders h ON h.id = r.holder_id "
    "WHERE r.filed_by = $1 ORDER BY r.id DESC LIMIT 500");

/*
 * GET /{lang}/requests/mine: the requests the signed-in person or
 * organisation filed, newest first.  200; 503.
 */
int
page_mine(struct eco_ctx *ctx)
{
	const char *p[1] = { eco_sprintf(ctx->arena, "%lld", ctx->user.id) };
	json_t *items;
	PGresult *res;
	size_t i;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_mine, 1, p)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	items = search_items(ctx, res);
	for (i = 0; i < json_array_size(items); i++)
		tracker_decorate(ctx, json_array_get(items, i));
	return eco_render(ctx, 200, "requests/mine", json_pack("{s:s,s:o,s:i}",
	    "title", eco_tr(ctx, N_("My requests")),
	    "items", items, "total", PQntuples(res)));
}
