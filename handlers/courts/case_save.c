/* Saving a court case for a person (see case_save.h). */
#include "app.h"
#include "case_save.h"
#include "case_store.h"
#include "session.h"
#include "validate.h"

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

int
case_save(struct eco_ctx *ctx, json_t *record, long long *id,
    json_t **saved, struct eco_field_error *errors, size_t *n)
{
	static const struct eco_field_error key_taken = { "key", "key_taken",
	    N_("Another court case has this key.") };
	struct court_case c;
	int status;

	*saved = NULL;
	if ((*n = case_record_read(ctx->arena, record, &c, errors,
	    CASE_MAX_ERRORS)) > 0)
		return 400;
	if (eco_db_begin(ctx->db) != 0)
		return 503;
	status = save_locked(ctx, &c, id, saved);
	if (status < 300 && eco_db_commit(ctx->db) == 0)
		return status;
	json_decref(*saved);
	*saved = NULL;
	eco_db_rollback(ctx->db);
	if (status == 409) {
		errors[0] = key_taken;
		*n = 1;
	}
	return status == 404 || status == 409 ? status : 503;
}
