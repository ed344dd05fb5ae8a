/*
 * One court case over the API: read by anyone, added and changed by the
 * court registry's clerks and the administrators, every change in the
 * audit log.
 */
#include <string.h>

#include "app.h"
#include "case_store.h"
#include "pages.h"
#include "record.h"
#include "session.h"
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

/*
 * Inside the transaction of save: the write and its audit row; *saved the
 * case as written (a reference for the caller).
 */
static int
save_locked(struct eco_ctx *ctx, const struct court_case *c,
    long long *id, json_t **saved)
{
	json_t *before = NULL, *after = NULL;
	bool created;
	int status, read;

	if (*id != 0 && (status = case_store_lock(ctx->db, ctx->arena, *id)) !=
	    0)
		return status;
	if (*id != 0 &&
	    (before = case_store_read(ctx->db, ctx->arena, *id, &read)) ==
	    NULL)
		return read;
	status = case_store_write(ctx->db, ctx->arena, c,
	    *id != 0 ? CASE_UPDATE : CASE_INSERT, id, &created);
	if (status == 0 &&
	    (after = case_store_read(ctx->db, ctx->arena, *id, &read)) ==
	    NULL)
		status = 503;
	if (status != 0) {
		json_decref(before);
		return status;
	}
	*saved = after;
	if (eco_audit(ctx, created ? "court_case.create" : "court_case.update",
	    "court_case", eco_sprintf(ctx->arena, "%lld", *id),
	    json_pack("{s:o,s:O}", "before", before != NULL ? before :
	    json_null(), "after", after)) != 0)
		return 503;
	return created ? 201 : 200;
}

/* The body checked and saved as case id (0: a new one). */
static int
save(struct eco_ctx *ctx, long long id)
{
	struct eco_field_error errors[CASE_MAX_ERRORS];
	static const struct eco_field_error key_taken = { "key", "key_taken",
	    N_("Another court case has this key.") };
	struct court_case c;
	json_t *saved = NULL;
	size_t n;
	int status;

	if (ctx->req.json == NULL)
		return eco_error(ctx, 400, "bad_request",
		    N_("Send the court case as a JSON object."));
	if ((n = case_record_read(ctx->arena, ctx->req.json, &c, errors,
	    CASE_MAX_ERRORS)) > 0)
		return eco_json_field_errors(ctx, 400, errors, n);
	if (eco_db_begin(ctx->db) != 0)
		return eco_error(ctx, 503, NULL, NULL);
	status = save_locked(ctx, &c, &id, &saved);
	if (status >= 300 || eco_db_commit(ctx->db) != 0) {
		json_decref(saved);
		eco_db_rollback(ctx->db);
		if (status == 404)
			return not_found(ctx);
		if (status == 409)
			return eco_json_field_errors(ctx, 409, &key_taken, 1);
		return eco_error(ctx, 503, NULL, NULL);
	}
	return eco_json(ctx, status, saved);
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
