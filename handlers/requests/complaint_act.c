/* Filing a complaint and recording its outcome (see complaint_act.h). */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "calendar_db.h"
#include "complaint_act.h"
#include "date.h"
#include "log.h"
#include "session.h"
#include "store.h"
#include "view.h"

static struct eco_stmt q_rule = ECO_STMT(
    "SELECT period, unit, direction, "
    "       CASE $2 WHEN 'kk' THEN law_kk WHEN 'ru' THEN law_ru "
    "       ELSE law_en END "
    "FROM core.deadline_rules WHERE code = 'complain' "
    "AND valid_from <= $1::date AND (valid_to IS NULL OR valid_to > $1::date) "
    "ORDER BY valid_from DESC LIMIT 1");

static struct eco_stmt q_count = ECO_STMT(
    "SELECT count(*) FROM requests.complaints WHERE request_id = $1");

static struct eco_stmt q_insert = ECO_STMT(
    "INSERT INTO requests.complaints (request_id, instance, body_name, "
    "    learned_on, limit_on, filed_on, late, text, court_case_key, "
    "    filed_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, nullif($9, ''), $10) "
    "RETURNING id");

static struct eco_stmt q_complaint = ECO_STMT(
    "SELECT instance, filed_on, outcome FROM requests.complaints "
    "WHERE id = $1 AND request_id = $2 FOR UPDATE");

static struct eco_stmt q_outcome = ECO_STMT(
    "UPDATE requests.complaints SET outcome = $2, outcome_on = $3, "
    "    outcome_note = nullif($4, ''), "
    "    court_case_key = coalesce(nullif($5, ''), court_case_key) "
    "WHERE id = $1");

static void
fail(struct complaint_result *out, int status, const char *code,
    const char *msg)
{
	out->status = status;
	out->code = code;
	out->message = msg;
}

/* 400 with the field errors; the first names the whole answer. */
static void
fail_fields(struct complaint_result *out, size_t n)
{
	out->nerrors = n;
	fail(out, 400, out->errors[0].code, out->errors[0].message);
}

int
complaint_rule_load(struct eco_ctx *ctx, long received_on,
    struct complaint_rule *rule, const char **law)
{
	const char *p[2] = { store_iso(ctx, received_on),
	    eco_lang_code(ctx->lang) };
	PGresult *res;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_rule, 2, p)) == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		eco_log("no deadline rule \"complain\" for %s", p[0]);
		return -1;
	}
	rule->period = strtol(PQgetvalue(res, 0, 0), NULL, 10);
	if (eco_unit_parse(PQgetvalue(res, 0, 1), &rule->unit) != 0 ||
	    eco_direction_parse(PQgetvalue(res, 0, 2), &rule->direction) != 0)
		return -1;
	if (law != NULL)
		*law = PQgetvalue(res, 0, 3);
	return 0;
}

/* Loads and locks the request; false with out set when it cannot go on. */
static bool
lock_request(struct eco_ctx *ctx, long long id, struct request_row *r,
    struct complaint_result *out)
{
	switch (store_load(ctx, id, true, r)) {
	case STORE_OK:
		return true;
	case STORE_NOT_FOUND:
		fail(out, 404, "not_found", N_("There is no such request."));
		return false;
	default:
		return false;	/* 503 already */
	}
}

struct file_args {
	long long			 id;
	const struct complaint_input	*in;
};

/* The checks and the writes of complaint_file, inside the transaction. */
static void
file_fn(struct eco_ctx *ctx, void *ud, struct complaint_result *out)
{
	const struct file_args *a = ud;
	const struct complaint_input *in = a->in;
	const struct eco_calendar *cal;
	struct complaint_basis basis;
	struct complaint_values v;
	struct complaint_rule rule;
	struct request_row r;
	const char *why, *p[10];
	PGresult *res;
	long limit_on;
	size_t n;

	if (!lock_request(ctx, a->id, &r, out))
		return;
	if (!view_is_requester(ctx, &r)) {
		fail(out, 403, "forbidden",
		    N_("Only the requester files a complaint about a request."));
		return;
	}
	if (complaint_basis(&r.st, ctx->today, &basis, &why) != 0) {
		fail(out, 409, "nothing_to_complain", why);
		return;
	}
	if ((n = complaint_check(in, &basis, ctx->today, &v, out->errors)) > 0) {
		fail_fields(out, n);
		return;
	}
	p[0] = store_id(ctx, r.id);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_count, 1, p)) == NULL)
		return;
	if (strtol(PQgetvalue(res, 0, 0), NULL, 10) >= COMPLAINT_MAX) {
		fail(out, 409, "too_many_complaints",
		    N_("A request can have at most 20 complaints."));
		return;
	}
	if ((cal = eco_calendar_current(ctx)) == NULL ||
	    complaint_rule_load(ctx, r.st.received_on, &rule, NULL) != 0)
		return;
	if (complaint_limit(cal, &rule, v.learned_on, v.filed_on, &limit_on,
	    &out->late) != 0) {
		fail(out, 400, "out_of_calendar",
		    N_("The date lies outside the working-day calendar"));
		return;
	}
	p[1] = in->instance;
	p[2] = in->body_name;
	p[3] = store_iso(ctx, v.learned_on);
	p[4] = store_iso(ctx, limit_on);
	p[5] = store_iso(ctx, v.filed_on);
	p[6] = out->late ? "t" : "f";
	p[7] = in->text;
	p[8] = in->court_case_key;
	p[9] = store_id(ctx, ctx->user.id);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_insert, 10, p)) == NULL ||
	    PQntuples(res) != 1)
		return;
	out->id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	/* The timeline: filed on its day, against the limit it met or not.
	 * The text is the requester's and stays out of it. */
	if (store_event(ctx, r.id, "complaint", v.filed_on, "complain", limit_on,
	    json_pack("{s:I,s:s,s:s,s:s,s:b}", "complaint_id",
	    (json_int_t)out->id, "instance", in->instance, "body_name",
	    in->body_name, "against", basis.decision, "late", out->late)) !=
	    STORE_OK)
		return;
	if (eco_audit(ctx, "request.complaint", "request", p[0],
	    json_pack("{s:I,s:s,s:b}", "complaint_id", (json_int_t)out->id,
	    "instance", in->instance, "late", out->late)) != 0)
		return;
	out->status = 201;
}

/* Runs fn's work in a transaction; 503 unless it set another status. */
static void
in_transaction(struct eco_ctx *ctx, struct complaint_result *out, int ok,
    void (*fn)(struct eco_ctx *, void *, struct complaint_result *), void *ud)
{
	memset(out, 0, sizeof(*out));
	fail(out, 503, "unavailable", NULL);
	if (eco_db_begin(ctx->db) != 0)
		return;
	fn(ctx, ud, out);
	if (out->status == ok && eco_db_commit(ctx->db) == 0)
		return;
	eco_db_rollback(ctx->db);
	if (out->status == ok)
		fail(out, 503, "unavailable", NULL);
}

void
complaint_file(struct eco_ctx *ctx, long long request_id,
    const struct complaint_input *in, struct complaint_result *out)
{
	struct file_args a = { request_id, in };

	in_transaction(ctx, out, 201, file_fn, &a);
}

struct decide_args {
	long long				 id;
	long long				 cid;
	const struct complaint_outcome_input	*in;
};

/* The checks and the writes of complaint_decide, inside the transaction. */
static void
decide_fn(struct eco_ctx *ctx, void *ud, struct complaint_result *out)
{
	const struct decide_args *a = ud;
	const struct complaint_outcome_input *in = a->in;
	struct request_row r;
	const char *p[5], *rid;
	PGresult *res;
	long filed_on, on;
	bool court;
	size_t n;

	if (!lock_request(ctx, a->id, &r, out))
		return;
	p[0] = store_id(ctx, a->cid);
	p[1] = rid = store_id(ctx, r.id);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_complaint, 2, p)) == NULL)
		return;
	if (PQntuples(res) != 1) {
		fail(out, 404, "not_found", N_("There is no such complaint."));
		return;
	}
	if (!view_is_requester(ctx, &r) && !view_is_holder_official(ctx, &r)) {
		fail(out, 403, "forbidden",
		    N_("Only the requester or an official of the holder records the outcome of a complaint."));
		return;
	}
	if (strcmp(PQgetvalue(res, 0, 2), "pending") != 0) {
		fail(out, 409, "already_decided",
		    N_("The outcome of this complaint is already recorded."));
		return;
	}
	court = strcmp(PQgetvalue(res, 0, 0), "court") == 0;
	if (eco_date_parse(PQgetvalue(res, 0, 1), &filed_on) != 0)
		return;
	if ((n = complaint_outcome_check(in, filed_on, court, ctx->today, &on,
	    out->errors)) > 0) {
		fail_fields(out, n);
		return;
	}
	p[1] = in->outcome;
	p[2] = store_iso(ctx, on);
	p[3] = in->note;
	p[4] = in->court_case_key;
	if (eco_db_exec(ctx->db, ctx->arena, &q_outcome, 5, p) == NULL)
		return;
	out->id = a->cid;
	if (store_event(ctx, r.id, "complaint_outcome", on, NULL, 0,
	    json_pack("{s:I,s:s,s:s?}", "complaint_id", (json_int_t)a->cid,
	    "outcome", in->outcome, "court_case_key",
	    in->court_case_key != NULL && in->court_case_key[0] != '\0' ?
	    in->court_case_key : NULL)) != STORE_OK)
		return;
	if (eco_audit(ctx, "request.complaint_outcome", "request", rid,
	    json_pack("{s:I,s:s}", "complaint_id", (json_int_t)a->cid,
	    "outcome", in->outcome)) != 0)
		return;
	out->status = 200;
}

void
complaint_decide(struct eco_ctx *ctx, long long request_id,
    long long complaint_id, const struct complaint_outcome_input *in,
    struct complaint_result *out)
{
	struct decide_args a = { request_id, complaint_id, in };

	in_transaction(ctx, out, 200, decide_fn, &a);
}
