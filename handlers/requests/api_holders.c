/* The information holders, for the filing form, the tracker and the API. */
#include <stdlib.h>

#include "app.h"
#include "holders.h"
#include "pages.h"

static struct eco_stmt q_holders = ECO_STMT(
    "SELECT id, code, name_kk, name_ru, name_en, coalesce(region, ''), kind, "
    "       coalesce(parent_code, '') "
    "FROM requests.holders WHERE active ORDER BY sort, id");

/*
 * GET /api/v1/holders: every active information holder.
 * 200 {"items":[{"id","code","name":{"kk","ru","en"},"region","kind",
 * "parent"}]} (region and parent null for national bodies); 503 database
 * unavailable.
 */
int
api_holders(struct eco_ctx *ctx)
{
	json_t *items = json_array();
	PGresult *res;
	int i;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_holders, 0, NULL)) == NULL) {
		json_decref(items);
		return eco_error(ctx, 503, NULL, NULL);
	}
	for (i = 0; i < PQntuples(res); i++) {
		const char *region = PQgetvalue(res, i, 5);
		const char *parent = PQgetvalue(res, i, 7);

		json_array_append_new(items, json_pack("{s:I,s:s,s:{s:s,s:s,s:s},"
		    "s:o,s:s,s:o}",
		    "id", (json_int_t)strtoll(PQgetvalue(res, i, 0), NULL, 10),
		    "code", PQgetvalue(res, i, 1),
		    "name", "kk", PQgetvalue(res, i, 2), "ru", PQgetvalue(res, i, 3),
		    "en", PQgetvalue(res, i, 4),
		    "region", region[0] ? json_string(region) : json_null(),
		    "kind", PQgetvalue(res, i, 6),
		    "parent", parent[0] ? json_string(parent) : json_null()));
	}
	return eco_json(ctx, 200, json_pack("{s:o}", "items", items));
}

json_t *
holder_options(struct eco_ctx *ctx, long long selected)
{
	/* Columns 2-4: the names in kk, ru, en, as enum eco_lang counts. */
	int name = 2 + (int)ctx->lang;
	json_t *items;
	PGresult *res;
	int i;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_holders, 0, NULL)) == NULL)
		return NULL;
	items = json_array();
	for (i = 0; i < PQntuples(res); i++) {
		long long id = strtoll(PQgetvalue(res, i, 0), NULL, 10);

		json_array_append_new(items, json_pack("{s:I,s:s,s:b}",
		    "id", (json_int_t)id, "name", PQgetvalue(res, i, name),
		    "selected", id == selected));
	}
	return items;
}
