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

/*
 * Inside a transaction: record checked, written and audited as case *id.
 * 201 or 200; 400 (errors); 404; 409 (errors: the key); 503.
 */
static int
save_in_transaction(struct eco_ctx *ctx, json_t *record, long long *id,
    json_t **saved, struct eco_field_error *errors, size_t *n)
{
	static const struct eco_field_error key_taken = { "key", "key_taken",
	    N_("Another court case has this key.") };
	struct court_case c;
	int status;

	if ((*n = case_record_read(ctx->arena, record, &c, errors,
	    CASE_MAX_ERRORS)) > 0)
		return 400;
	status = save_locked(ctx, &c, id, saved);
	if (status == 409) {
		errors[0] = key_taken;
		*n = 1;
	}
	return status;
}

/* Ends the transaction: committed when status is a success. */
static int
finish(struct eco_ctx *ctx, int status, json_t **saved)
{
	if (status >= 200 && status < 300 && eco_db_commit(ctx->db) == 0)
		return status;
	json_decref(*saved);
	*saved = NULL;
	eco_db_rollback(ctx->db);
	if (status >= 200 && status < 300)
		return 503;	/* the commit failed */
	return status;
}

int
case_save(struct eco_ctx *ctx, json_t *record, long long *id,
    json_t **saved, struct eco_field_error *errors, size_t *n)
{
	*saved = NULL;
	*n = 0;
	if (eco_db_begin(ctx->db) != 0)
		return 503;
	return finish(ctx, save_in_transaction(ctx, record, id, saved, errors,
	    n), saved);
}

int
case_change(struct eco_ctx *ctx, long long id, case_change_fn apply,
    void *ud, json_t **saved, struct eco_field_error *errors, size_t *n)
{
	json_t *record;
	size_t i;
	int status;

	*saved = NULL;
	*n = 0;
	if (eco_db_begin(ctx->db) != 0)
		return 503;
	if ((status = case_store_lock(ctx->db, ctx->arena, id)) != 0)
		return finish(ctx, status, saved);
	if ((record = case_store_read(ctx->db, ctx->arena, id, &status)) ==
	    NULL)
		return finish(ctx, status, saved);
	if (apply(record, ud) != 0) {
		json_decref(record);
		return finish(ctx, 0, saved);
	}
	status = save_in_transaction(ctx, record, &id, saved, errors, n);
	/* A problem's path may be a member of the record, which goes now. */
	for (i = 0; i < *n; i++)
		errors[i].field = eco_strdup(ctx->arena, errors[i].field);
	json_decref(record);
	return finish(ctx, status, saved);
}
