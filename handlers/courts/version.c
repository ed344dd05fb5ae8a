/* The court registry's version (see version.h). */
#include <stdlib.h>

#include "app.h"
#include "page_cache.h"
#include "version.h"

/* last_value is 1 both before and after the first nextval(). */
static struct eco_stmt q_version = ECO_STMT(
    "SELECT CASE WHEN is_called THEN last_value ELSE 0 END "
    "FROM courts.version");

int
court_version(struct eco_ctx *ctx, long long *version)
{
	PGresult *res;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_version, 0, NULL)) ==
	    NULL || PQntuples(res) != 1)
		return -1;
	*version = atoll(PQgetvalue(res, 0, 0));
	return 0;
}

int
court_page_cached(struct eco_ctx *ctx, long long *version)
{
	*version = -1;
	if (eco_page_cache_wanted(ctx) && court_version(ctx, version) != 0)
		*version = -1;
	return eco_page_cache_serve(ctx, *version);
}
