/* What administrators do with accounts over the API. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "pages.h"
#include "session.h"
#include "validate.h"

#define PAGE_SIZE	50	/* the LIMIT of q_list */

static struct eco_stmt q_list = ECO_STMT(
    "SELECT id, email, kind, full_name, created_at, disabled_at IS NOT NULL, "
    "       count(*) OVER () "
    "FROM core.users ORDER BY id LIMIT 50 OFFSET $1");

static struct eco_stmt q_disable = ECO_STMT(
    "UPDATE core.users SET disabled_at = coalesce(disabled_at, now()) "
    "WHERE id = $1 AND id <> $2 RETURNING id");

static struct eco_stmt q_revoke_all = ECO_STMT(
    "UPDATE core.sessions SET revoked_at = now() "
    "WHERE user_id = $1 AND revoked_at IS NULL");

/*
 * GET /api/v1/accounts?page=N (administrators): accounts, 50 a page.
 * 200 {"items":[{"id","email","kind","full_name","created_at","disabled"}],
 * "total"}; 400 bad page; 503 database unavailable.
 */
int
api_accounts_list(struct eco_ctx *ctx)
{
	const char *page = eco_query(ctx, "page");
	long long n = page ? eco_parse_id(page) : 1;
	const char *params[1];
	json_t *items = json_array();
	PGresult *res;
	int i, rows;

	if (n < 1 || n > 100000) {
		json_decref(items);
		return eco_error(ctx, 400, "bad_page",
		    N_("The page must be a whole number from 1."));
	}
	params[0] = eco_sprintf(ctx->arena, "%lld", (n - 1) * PAGE_SIZE);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_list, 1, params)) == NULL) {
		json_decref(items);
		return eco_error(ctx, 503, NULL, NULL);
	}
	rows = PQntuples(res);
	for (i = 0; i < rows; i++)
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:s,s:b}",
		    "id", (json_int_t)strtoll(PQgetvalue(res, i, 0), NULL, 10),
		    "email", PQgetvalue(res, i, 1),
		    "kind", PQgetvalue(res, i, 2),
		    "full_name", PQgetvalue(res, i, 3),
		    "created_at", PQgetvalue(res, i, 4),
		    "disabled", PQgetvalue(res, i, 5)[0] == 't'));
	return eco_json(ctx, 200, json_pack("{s:o,s:I}", "items", items,
	    "total", (json_int_t)(rows ? strtoll(PQgetvalue(res, 0, 6), NULL, 10) : 0)));
}

/*
 * POST /api/v1/accounts/{id}/disable (administrators): the account can no
 * longer sign in and its sessions end at once.  200 {"id","disabled":true};
 * 404 no such account (or it is the administrator's own); 503 database
 * unavailable.
 */
int
api_account_disable(struct eco_ctx *ctx)
{
	long long id = eco_parse_id(eco_param(ctx, "id"));
	const char *params[2];
	PGresult *res;

	if (id < 1)
		return eco_error(ctx, 404, NULL, NULL);
	params[0] = eco_sprintf(ctx->arena, "%lld", id);
	params[1] = eco_sprintf(ctx->arena, "%lld", ctx->user.id);
	if (eco_db_begin(ctx->db) != 0)
		return eco_error(ctx, 503, NULL, NULL);
	res = eco_db_exec(ctx->db, ctx->arena, &q_disable, 2, params);
	if (res == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	if (PQntuples(res) == 0)
		return eco_error(ctx, 404, "no_account",
		    N_("There is no such account."));
	if (eco_db_exec(ctx->db, ctx->arena, &q_revoke_all, 1, params) == NULL ||
	    eco_audit(ctx, "account.disable", "user", params[0], NULL) != 0 ||
	    eco_db_commit(ctx->db) != 0)
		return eco_error(ctx, 503, NULL, NULL);
	return eco_json(ctx, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id,
	    "disabled", 1));
}
