/* The court cases a request led to (court_cases.h). */
#include "app.h"
#include "court_cases.h"
#include "db.h"
#include "dbjson.h"
#include "store.h"

static struct eco_stmt q_cases = ECO_STMT(
    "SELECT coalesce(json_agg(json_build_object('id', c.id, 'key', c.key, "
    "'title', json_build_object('kk', c.title_kk, 'ru', c.title_ru)) "
    "ORDER BY c.id), '[]')::text "
    "FROM courts.request_links k JOIN courts.cases c ON c.id = k.case_id "
    "WHERE k.request_id = $1");

json_t *
court_cases_of(struct eco_ctx *ctx, const struct request_row *r)
{
	const char *p[1];
	PGresult *res;

	if (!r->has_court_cases)
		return json_array();
	p[0] = store_id(ctx, r->id);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_cases, 1, p)) == NULL ||
	    PQntuples(res) != 1)
		return NULL;
	return eco_dbjson_parse(PQgetvalue(res, 0, 0));
}
