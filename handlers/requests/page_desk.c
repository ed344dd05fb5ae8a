/* The official's desk: the holder's open requests, the most urgent first. */
#include "app.h"
#include "pages.h"
#include "search.h"
#include "store.h"

/* Open requests of the holder (public or not: they are the holder's own). */
static struct eco_stmt q_queue = ECO_STMT(
    "SELECT " SEARCH_ITEM_COLUMNS STORE_STATE_COLUMNS_R " "
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
	const char *p[1] = { eco_sprintf(ctx->arena, "%lld", ctx->user.holder_id) };
	json_t *items;
	PGresult *res;
	size_t i;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_queue, 1, p)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	items = search_items(ctx, res);
	for (i = 0; i < json_array_size(items); i++)
		tracker_decorate(ctx, json_array_get(items, i));
	return eco_render(ctx, 200, "requests/desk", json_pack("{s:s,s:o,s:i}",
	    "title", eco_tr(ctx, N_("The desk: open requests")),
	    "items", items, "total", PQntuples(res)));
}
