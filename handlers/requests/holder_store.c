/* The information holders in PostgreSQL (see holder_store.h). */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "holder_edit.h"
#include "holder_store.h"
#include "session.h"

/* The columns holder_from reads, in its order. */
#define HOLDER_SELECT \
    "SELECT h.id, h.code, h.name_kk, h.name_ru, h.name_en, " \
    "       coalesce(h.region, ''), h.kind, coalesce(h.parent_code, ''), " \
    "       coalesce(p.id, 0), h.active " \
    "FROM requests.holders h " \
    "LEFT JOIN requests.holders p ON p.code = h.parent_code "

static struct eco_stmt q_list = ECO_STMT(HOLDER_SELECT
    "WHERE h.active OR $1::boolean ORDER BY h.sort, h.id");

static struct eco_stmt q_load = ECO_STMT(HOLDER_SELECT "WHERE h.id = $1");

static struct eco_stmt q_lock = ECO_STMT(HOLDER_SELECT
    "WHERE h.id = $1 FOR UPDATE OF h");

static struct eco_stmt q_parent = ECO_STMT(
    "SELECT code, active FROM requests.holders WHERE id = $1");

/* Whether holder $2 is $1 or above it: then $1 cannot be its parent.
 * UNION, not UNION ALL, ends the walk should a cycle exist already. */
static struct eco_stmt q_cycle = ECO_STMT(
    "WITH RECURSIVE up (id, parent_code) AS ("
    "    SELECT id, parent_code FROM requests.holders WHERE id = $1 "
    "    UNION "
    "    SELECT h.id, h.parent_code FROM requests.holders h "
    "    JOIN up ON h.code = up.parent_code) "
    "SELECT 1 FROM up WHERE id = $2");

static struct eco_stmt q_code_taken = ECO_STMT(
    "SELECT 1 FROM requests.holders WHERE code = $1 AND id <> $2");

/* Registration numbers are the code in capitals, '-' for '_', the year
 * and the number (filing_reg_no): another holder's numbers that begin
 * with this code would collide with the ones this holder will give. */
static struct eco_stmt q_code_in_numbers = ECO_STMT(
    "SELECT 1 FROM requests.requests WHERE holder_id <> $2 "
    "AND reg_no ~ ('^' || upper(replace($1, '_', '-')) || '-[0-9]{4}-[0-9]+$') "
    "LIMIT 1");

static struct eco_stmt q_active_children = ECO_STMT(
    "SELECT 1 FROM requests.holders WHERE parent_code = $1 AND active "
    "LIMIT 1");

/* A new holder is listed after its parent, or else at the end. */
static struct eco_stmt q_insert = ECO_STMT(
    "INSERT INTO requests.holders (code, kind, region, parent_code, "
    "    name_kk, name_ru, name_en, active, sort, edited_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
    "    coalesce((SELECT sort + 1 FROM requests.holders WHERE code = $4), "
    "             (SELECT coalesce(max(sort), 0) + 10 FROM requests.holders)), "
    "    now()) "
    "RETURNING id");

static struct eco_stmt q_update = ECO_STMT(
    "UPDATE requests.holders SET code = $2, kind = $3, region = $4, "
    "    parent_code = $5, name_kk = $6, name_ru = $7, name_en = $8, "
    "    active = $9, edited_at = now() "
    "WHERE id = $1");

PGresult *
holders_list(struct eco_ctx *ctx, bool all)
{
	const char *p[1] = { all ? "t" : "f" };

	return eco_db_exec(ctx->db, ctx->arena, &q_list, 1, p);
}

void
holder_from(PGresult *res, int i, struct holder_row *h)
{
	h->id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
	h->code = PQgetvalue(res, i, 1);
	h->name[0] = PQgetvalue(res, i, 2);
	h->name[1] = PQgetvalue(res, i, 3);
	h->name[2] = PQgetvalue(res, i, 4);
	h->region = PQgetvalue(res, i, 5);
	h->kind = PQgetvalue(res, i, 6);
	h->parent_code = PQgetvalue(res, i, 7);
	h->parent_id = strtoll(PQgetvalue(res, i, 8), NULL, 10);
	h->active = PQgetvalue(res, i, 9)[0] == 't';
}

/* One holder by statement stmt: 0, 1 none, -1 the database failed. */
static int
load_by(struct eco_ctx *ctx, struct eco_stmt *stmt, long long id,
    struct holder_row *h)
{
	const char *p[1] = { eco_sprintf(ctx->arena, "%lld", id) };
	PGresult *res = eco_db_exec(ctx->db, ctx->arena, stmt, 1, p);

	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1)
		return 1;
	holder_from(res, 0, h);
	return 0;
}

int
holder_load(struct eco_ctx *ctx, long long id, struct holder_row *h)
{
	return load_by(ctx, &q_load, id, h);
}

int
holder_find(struct eco_ctx *ctx, const char *id, struct holder_row *h)
{
	long long n = eco_parse_id(id);
	int rc = n > 0 ? holder_load(ctx, n, h) : 1;

	if (rc == 1)
		return eco_error(ctx, 404, "not_found",
		    N_("There is no such information holder."));
	return rc < 0 ? eco_error(ctx, 503, NULL, NULL) : 0;
}

static json_t *
str_or_null(const char *s)
{
	return s[0] != '\0' ? json_string(s) : json_null();
}

json_t *
holder_json(const struct holder_row *h)
{
	return json_pack("{s:I,s:s,s:{s:s,s:s,s:s},s:o,s:s,s:o,s:o,s:b}",
	    "id", (json_int_t)h->id, "code", h->code,
	    "name", "kk", h->name[0], "ru", h->name[1], "en", h->name[2],
	    "region", str_or_null(h->region), "kind", h->kind,
	    "parent", str_or_null(h->parent_code),
	    "parent_id", h->parent_id != 0 ? json_integer(h->parent_id) :
	    json_null(), "active", h->active);
}

/* True when stmt finds a row for (a, b); *failed when it could not ask. */
static bool
exists(struct eco_ctx *ctx, struct eco_stmt *stmt, int n, const char *a,
    const char *b, bool *failed)
{
	const char *p[2] = { a, b };
	PGresult *res = eco_db_exec(ctx->db, ctx->arena, stmt, n, p);

	if (res == NULL) {
		*failed = true;
		return false;
	}
	return PQntuples(res) > 0;
}

/* Sets *e and returns status. */
static int
problem(struct eco_field_error *e, int status, const char *field,
    const char *code, const char *message)
{
	e->field = field;
	e->code = code;
	e->message = message;
	return status;
}

/* in over the stored holder h (or over nothing for a new one). */
static void
merge(struct holder_row *h, const struct holder_input *in)
{
	int l;

	if (in->code != NULL)
		h->code = in->code;
	if (in->kind != NULL)
		h->kind = in->kind;
	if (in->region != NULL)
		h->region = in->region;
	if (in->parent_given)
		h->parent_id = in->parent_id;
	for (l = 0; l < 3; l++)
		if (in->name[l] != NULL)
			h->name[l] = in->name[l];
	if (in->active >= 0)
		h->active = in->active == 1;
}

/*
 * The parent of h, made h->parent_code: an active holder that is neither
 * h nor below it.  Returns 0 or the status with *e.
 */
static int
check_parent(struct eco_ctx *ctx, struct holder_row *h, const char *id,
    struct eco_field_error *e)
{
	const char *p[1];
	PGresult *res;
	bool failed = false;

	if (h->parent_id == 0) {
		h->parent_code = "";
		return 0;
	}
	p[0] = eco_sprintf(ctx->arena, "%lld", h->parent_id);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_parent, 1, p)) == NULL)
		return 503;
	/* An active holder's parent is active: the public list stays whole. */
	if (PQntuples(res) != 1 || (h->active &&
	    PQgetvalue(res, 0, 1)[0] != 't'))
		return problem(e, 400, "parent_id", "invalid_parent",
		    N_("Choose an active parent body from the list."));
	h->parent_code = PQgetvalue(res, 0, 0);
	if (h->id != 0 && exists(ctx, &q_cycle, 2, p[0], id, &failed))
		return problem(e, 409, "parent_id", "cycle",
		    N_("A body cannot be placed under itself or under one of its own subordinate bodies."));
	return failed ? 503 : 0;
}

/* The checks only the database can make; 0 or the status with *e. */
static int
check_stored(struct eco_ctx *ctx, struct holder_row *h,
    const struct holder_row *old, struct eco_field_error *e)
{
	const char *id = eco_sprintf(ctx->arena, "%lld", h->id);
	bool failed = false, renamed = old == NULL ||
	    strcmp(old->code, h->code) != 0;
	int rc;

	if ((rc = check_parent(ctx, h, id, e)) != 0)
		return rc;
	if (renamed && exists(ctx, &q_code_taken, 2, h->code, id, &failed))
		return problem(e, 409, "code", "code_taken",
		    N_("Another holder has this code."));
	if (renamed && !failed && exists(ctx, &q_code_in_numbers, 2, h->code,
	    id, &failed))
		return problem(e, 409, "code", "code_in_numbers",
		    N_("Registration numbers of another holder begin with this code: choose another."));
	if (old != NULL && old->active && !h->active && !failed &&
	    exists(ctx, &q_active_children, 1, old->code, NULL, &failed))
		return problem(e, 409, "active", "active_children",
		    N_("Its subordinate bodies are active: deactivate them or move them to another body first."));
	return failed ? 503 : 0;
}

/* The row's values as parameters $2... of q_update ($1... of q_insert). */
static void
row_params(const struct holder_row *h, const char **p)
{
	p[0] = h->code;
	p[1] = h->kind;
	p[2] = h->region[0] != '\0' ? h->region : NULL;
	p[3] = h->parent_code[0] != '\0' ? h->parent_code : NULL;
	p[4] = h->name[0];
	p[5] = h->name[1];
	p[6] = h->name[2];
	p[7] = h->active ? "t" : "f";
}

/* Inside the transaction of holder_save. */
static int
save_locked(struct eco_ctx *ctx, long long id, const struct holder_input *in,
    long long *out_id, struct eco_field_error *e)
{
	struct holder_row old, h;
	const char *p[9];
	PGresult *res;
	json_t *audit;
	int rc;

	memset(&h, 0, sizeof(h));
	h.region = h.parent_code = "";
	h.active = true;
	if (id != 0) {
		if ((rc = load_by(ctx, &q_lock, id, &old)) != 0)
			return rc < 0 ? 503 : 404;
		h = old;
	}
	merge(&h, in);
	if ((rc = check_stored(ctx, &h, id != 0 ? &old : NULL, e)) != 0)
		return rc;
	if (id == 0) {
		row_params(&h, p);
		res = eco_db_exec(ctx->db, ctx->arena, &q_insert, 8, p);
		if (res != NULL && PQntuples(res) == 1)
			h.id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	} else {
		p[0] = eco_sprintf(ctx->arena, "%lld", id);
		row_params(&h, p + 1);
		res = eco_db_exec(ctx->db, ctx->arena, &q_update, 9, p);
	}
	/* Another administrator took the code a moment ago. */
	if (res == NULL && strcmp(eco_db_sqlstate(ctx->db), "23505") == 0)
		return problem(e, 409, "code", "code_taken",
		    N_("Another holder has this code."));
	if (res == NULL)
		return 503;
	audit = json_pack("{s:o,s:o}", "before", id != 0 ? holder_json(&old) :
	    json_null(), "after", holder_json(&h));
	if (eco_audit(ctx, id != 0 ? "holder.update" : "holder.create",
	    "holder", eco_sprintf(ctx->arena, "%lld", h.id), audit) != 0)
		return 503;
	*out_id = h.id;
	return id != 0 ? 200 : 201;
}

int
holder_save(struct eco_ctx *ctx, long long id, const struct holder_input *in,
    long long *out_id, struct eco_field_error *e)
{
	int status;

	if (eco_db_begin(ctx->db) != 0)
		return 503;
	status = save_locked(ctx, id, in, out_id, e);
	if (status < 300 && eco_db_commit(ctx->db) == 0)
		return status;
	eco_db_rollback(ctx->db);
	return status < 300 ? 503 : status;
}
