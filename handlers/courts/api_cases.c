/*
 * One court case over the API: read by anyone, added and changed by the
 * court registry's clerks and the administrators, every change in the
 * audit log.
 */
#include "app.h"
#include "case_save.h"
#include "case_store.h"
#include "pages.h"
#include "validate.h"

static int
not_found(struct eco_ctx *ctx)
{
	return eco_error(ctx, 404, "not_found",
	    N_("There is no such court case."));
}

/*
 * GET /api/v1/court-cases/{id}: the case in the shape of court_cases.json
 * with "id" and "requests":[{"id","reg_no","status"}], events in timeline
 * order.  200; 404 no such case; 503.
 */
int
api_court_cases_get(struct eco_ctx *ctx)
{
	long long id = eco_parse_id(eco_param(ctx, "id"));
	json_t *c;
	int status;

	if (id < 0)
		return not_found(ctx);
	if ((c = case_store_read(ctx->db, ctx->arena, id, &status)) == NULL)
		return status == 404 ? not_found(ctx) :
		    eco_error(ctx, 503, NULL, NULL);
	return eco_json(ctx, 200, c);
}

/* The body checked and saved as case id (0: a new one). */
static int
save(struct eco_ctx *ctx, long long id)
{
	struct eco_field_error errors[CASE_MAX_ERRORS];
	json_t *saved = NULL;
	size_t n = 0;
	int status;

	if (ctx->req.json == NULL)
		return eco_error(ctx, 400, "bad_request",
		    N_("Send the court case as a JSON object."));
	status = case_save(ctx, ctx->req.json, &id, &saved, errors, &n);
	switch (status) {
	case 200:
	case 201:
		return eco_json(ctx, status, saved);
	case 400:
	case 409:
		return eco_json_field_errors(ctx, status, errors, n);
	case 404:
		return not_found(ctx);
	default:
		return eco_error(ctx, 503, NULL, NULL);
	}
}

/*
 * POST /api/v1/court-cases: a clerk or an administrator adds a case, one
 * record in the shape of court_cases.json.  201 the case with its "id";
 * 400 bad input (every field's message in error.fields, by its path);
 * 401; 403 any other role; 409 the key is another case's; 503.
 */
int
api_court_cases_create(struct eco_ctx *ctx)
{
	return save(ctx, 0);
}

/*
 * PUT /api/v1/court-cases/{id}: a clerk or an administrator replaces a
 * case with the record sent (its parties, claims, events, amounts, court
 * acts and request links with it); the id stays.  200 the case; 400; 401;
 * 403; 404 no such case; 409 the new key is another case's; 503.
 */
int
api_court_cases_update(struct eco_ctx *ctx)
{
	long long id = eco_parse_id(eco_param(ctx, "id"));

	if (id < 0)
		return not_found(ctx);
	return save(ctx, id);
}
