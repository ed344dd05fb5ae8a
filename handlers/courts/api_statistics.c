/*
 * The statistics of environmental court cases: the figures the courts
 * publish beside the registry's own counts, for the API and the page
 * (page_statistics.c).
 */
#include "app.h"
#include "dbjson.h"
#include "pages.h"

static struct eco_stmt q_official = ECO_STMT(
    "SELECT coalesce(json_agg(json_build_object('year', year, "
    "'received', received, 'decided', decided, "
    "'aarhus_applied', aarhus_applied) ORDER BY year), '[]')::text "
    "FROM courts.official_statistics");

/*
 * The registry's cases by year, made by hand (generated benchmark cases
 * left out).  A case's year is the year of its first dated court act —
 * an event of the first, appeal or cassation instance, as the search's
 * year filter understands it — since a case has no single date, and the
 * first act is what the courts' own yearly figures count; a case with no
 * dated act has year null.  by_outcome counts the cases with at least one
 * claim of that outcome ("unknown": a claim whose outcome is not known),
 * the way the search's outcome filter finds them, so a case may count
 * under several outcomes.
 */
static struct eco_stmt q_registry = ECO_STMT(
    "WITH c AS (SELECT k.id, k.category, "
    "  (SELECT extract(year FROM min(e.day_on))::integer "
    "   FROM courts.events e WHERE e.case_id = k.id "
    "   AND e.instance IN ('first', 'appeal', 'cassation')) AS year "
    "  FROM courts.cases k WHERE NOT k.generated), "
    "cat AS (SELECT year, category, count(*) AS n FROM c "
    "  GROUP BY year, category), "
    "outc AS (SELECT c.year, coalesce(l.outcome, 'unknown') AS outcome, "
    "  count(DISTINCT c.id) AS n FROM c JOIN courts.claims l "
    "  ON l.case_id = c.id GROUP BY 1, 2) "
    "SELECT coalesce(json_agg(json_build_object('year', y.year, "
    "  'cases', y.cases, "
    "  'by_category', (SELECT coalesce(json_object_agg(category, n "
    "    ORDER BY category), '{}') FROM cat "
    "    WHERE cat.year IS NOT DISTINCT FROM y.year), "
    "  'by_outcome', (SELECT coalesce(json_object_agg(outcome, n "
    "    ORDER BY outcome), '{}') FROM outc "
    "    WHERE outc.year IS NOT DISTINCT FROM y.year)) "
    "  ORDER BY y.year NULLS LAST), '[]')::text "
    "FROM (SELECT year, count(*) AS cases FROM c GROUP BY year) y");

/* The one JSON value stmt selects, or NULL. */
static json_t *
select_json(struct eco_ctx *ctx, struct eco_stmt *stmt)
{
	PGresult *res = eco_db_exec(ctx->db, ctx->arena, stmt, 0, NULL);

	if (res == NULL || PQntuples(res) != 1)
		return NULL;
	return eco_dbjson_parse(PQgetvalue(res, 0, 0));
}

int
court_statistics(struct eco_ctx *ctx, json_t **official, json_t **registry)
{
	if ((*official = select_json(ctx, &q_official)) == NULL)
		return -1;
	if ((*registry = select_json(ctx, &q_registry)) == NULL) {
		json_decref(*official);
		return -1;
	}
	return 0;
}

/*
 * GET /api/v1/court-statistics: {"official":[{"year","received",
 * "decided","aarhus_applied"}],"registry":[{"year","cases",
 * "by_category":{category: n},"by_outcome":{outcome: n}}]}, by year.
 * 200; 503.
 */
int
api_court_statistics(struct eco_ctx *ctx)
{
	json_t *official, *registry;

	if (court_statistics(ctx, &official, &registry) != 0)
		return eco_error(ctx, 503, NULL, NULL);
	return eco_json(ctx, 200, json_pack("{s:o,s:o}", "official", official,
	    "registry", registry));
}
