/*
 * The complaints API: POST /api/v1/requests/{id}/complaints files one,
 * POST /api/v1/requests/{id}/complaints/{cid}/outcome records its outcome
 * (POST, not PATCH: an outcome is recorded once, like an event, and the
 * forms of the page can send the same thing).
 */
#include "app.h"
#include "complaint_act.h"
#include "complaint_view.h"
#include "jsonbody.h"
#include "pages.h"
#include "store.h"
#include "view.h"

/*
 * A refusal as JSON: {"error":{"code","message"}}, for 400 with "fields":
 * {"name": "message", ...} naming every bad field.
 */
static int
reply_error(struct eco_ctx *ctx, const struct complaint_result *res)
{
	json_t *fields;
	size_t i;

	if (res->status != 400 || res->nerrors == 0)
		return eco_error(ctx, res->status, res->code, res->message);
	fields = json_object();
	for (i = 0; i < res->nerrors; i++)
		json_object_set_new(fields, res->errors[i].field,
		    json_string(eco_tr(ctx, res->errors[i].message)));
	return eco_json(ctx, 400, json_pack("{s:{s:s,s:s,s:o}}", "error",
	    "code", res->code, "message", eco_tr(ctx, res->message),
	    "fields", fields));
}

/* The complaint as its author now sees it, with status. */
static int
reply_complaint(struct eco_ctx *ctx, int status, long long cid)
{
	struct request_row r;
	enum view_access access;
	json_t *list;
	int rc;

	if ((rc = view_find(ctx, &r, &access)) != 0)
		return rc;
	if ((list = complaints_json(ctx, &r, cid, access)) == NULL ||
	    json_array_size(list) != 1) {
		json_decref(list);
		return eco_error(ctx, 503, NULL, NULL);
	}
	eco_json_own(ctx->arena, list);
	return eco_json(ctx, status, json_incref(json_array_get(list, 0)));
}

/*
 * The request of the route, as the visitor may see it: 0 with *id, or the
 * status already sent (404 one the visitor may not see; 503).
 */
static int
visible_request(struct eco_ctx *ctx, long long *id)
{
	struct request_row r;
	enum view_access access;
	int rc;

	if ((rc = view_find(ctx, &r, &access)) != 0)
		return rc;
	if (ctx->req.json == NULL)
		return eco_error(ctx, 400, "bad_request",
		    N_("Send the complaint as a JSON object."));
	*id = r.id;
	return 0;
}

/*
 * POST /api/v1/requests/{id}/complaints: {"instance": "higher_body" |
 * "court", "body_name", "learned_on", "filed_on", "text",
 * "court_case_key"}, the dates YYYY-MM-DD (learned_on defaults to the
 * decision's day, filed_on to today).  The requester's own account.
 * 201 the complaint with "limit_on", "late" and the law's "warning" when
 * late (a late complaint is accepted); 400 bad input with "fields";
 * 403 not the requester; 404 no such request or not visible; 409 nothing
 * to complain about yet (the request is open and not overdue), a
 * redirected or withdrawn request, or too many complaints; 503.
 */
int
api_complaints_create(struct eco_ctx *ctx)
{
	struct complaint_input in;
	struct complaint_result res;
	json_t *b;
	bool bad = false;
	long long id = 0;
	int rc;

	if ((rc = visible_request(ctx, &id)) != 0)
		return rc;
	b = ctx->req.json;
	in.instance = eco_json_string(b, "instance", &bad);
	in.body_name = eco_json_string(b, "body_name", &bad);
	in.learned_on = eco_json_string(b, "learned_on", &bad);
	in.filed_on = eco_json_string(b, "filed_on", &bad);
	in.text = eco_json_string(b, "text", &bad);
	in.court_case_key = eco_json_string(b, "court_case_key", &bad);
	if (bad)
		return eco_error(ctx, 400, "bad_request",
		    N_("A field has the wrong type."));
	complaint_file(ctx, id, &in, &res);
	if (res.status != 201)
		return reply_error(ctx, &res);
	return reply_complaint(ctx, 201, res.id);
}

/*
 * POST /api/v1/requests/{id}/complaints/{cid}/outcome: {"outcome":
 * "upheld" | "partially_upheld" | "dismissed" | "withdrawn", "on",
 * "note", "court_case_key"}; "on" defaults to today.  The requester or
 * an official of the request's holder.  200 the complaint; 400 bad input
 * with "fields"; 403 anyone else; 404 no such request or complaint;
 * 409 the outcome is already recorded; 503.
 */
int
api_complaints_outcome(struct eco_ctx *ctx)
{
	long long cid = eco_parse_id(eco_param(ctx, "cid"));
	struct complaint_outcome_input in;
	struct complaint_result res;
	json_t *b;
	bool bad = false;
	long long id = 0;
	int rc;

	if ((rc = visible_request(ctx, &id)) != 0)
		return rc;
	if (cid <= 0)
		return eco_error(ctx, 404, "not_found",
		    N_("There is no such complaint."));
	b = ctx->req.json;
	in.outcome = eco_json_string(b, "outcome", &bad);
	in.on = eco_json_string(b, "on", &bad);
	in.note = eco_json_string(b, "note", &bad);
	in.court_case_key = eco_json_string(b, "court_case_key", &bad);
	if (bad)
		return eco_error(ctx, 400, "bad_request",
		    N_("A field has the wrong type."));
	complaint_decide(ctx, id, cid, &in, &res);
	if (res.status != 200)
		return reply_error(ctx, &res);
	return reply_complaint(ctx, 200, cid);
}
