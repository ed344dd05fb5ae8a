/* The requests API: file, read, search (the events are in api_events.c). */
#include <string.h>

#include "app.h"
#include "court_cases.h"
#include "filing.h"
#include "jsonbody.h"
#include "pages.h"
#include "search.h"
#include "store.h"
#include "view.h"

/* "questions": an array of strings. */
static void
read_questions(json_t *body, struct filing *f, bool *bad)
{
	json_t *qs = json_object_get(body, "questions"), *q;
	size_t i;

	if (qs == NULL || json_is_null(qs))
		return;
	if (!json_is_array(qs)) {
		*bad = true;
		return;
	}
	if (json_array_size(qs) > FILING_MAX_QUESTIONS) {
		f->too_many_questions = true;
		return;
	}
	json_array_foreach(qs, i, q) {
		if (!json_is_string(q)) {
			f->bad_question_type = true;
			return;
		}
		f->questions[f->nquestions++] = json_string_value(q);
	}
}

/* A registrar's "requester": {"kind","full_name","iin"|"bin","org_name",
 * "email","phone"}. */
static void
read_requester(json_t *body, struct filing_requester *q, bool *bad)
{
	json_t *o = json_object_get(body, "requester");

	if (!json_is_object(o)) {
		*bad = o != NULL;
		return;
	}
	q->kind = eco_json_string(o, "kind", bad);
	q->full_name = eco_json_string(o, "full_name", bad);
	q->iin = eco_json_string(o, "iin", bad);
	q->bin = eco_json_string(o, "bin", bad);
	q->org_name = eco_json_string(o, "org_name", bad);
	q->email = eco_json_string(o, "email", bad);
	q->phone = eco_json_string(o, "phone", bad);
}

/* The filing from a JSON body; false when a member has the wrong type. */
static bool
read_filing(struct eco_ctx *ctx, json_t *body, struct filing *f)
{
	bool bad = false;

	memset(f, 0, sizeof(*f));
	/* 0 (missing) and negative ids are filing_check's to refuse. */
	f->holder_id = eco_json_int(body, "holder_id", 0, &bad);
	if (f->holder_id < 0)
		f->holder_id = -1;
	f->subject = eco_json_string(body, "subject", &bad);
	f->body = eco_json_string(body, "body", &bad);
	f->language = eco_json_string(body, "language", &bad);
	f->answer_form = eco_json_string(body, "answer_form", &bad);
	f->postal_address = eco_json_string(body, "postal_address", &bad);
	f->fee_exemption = eco_json_string(body, "fee_exemption", &bad);
	f->is_public = eco_json_bool(body, "public", false, &bad);
	f->show_name = eco_json_bool(body, "show_name", false, &bad);
	f->client_token = eco_json_string(body, "client_token", &bad);
	read_questions(body, f, &bad);
	f->on_behalf = ctx->user.role == ECO_ROLE_OFFICIAL;
	if (f->on_behalf) {
		f->channel = eco_json_string(body, "channel", &bad);
		if (f->channel == NULL)
			f->channel = "paper";
		f->received_on = eco_json_string(body, "received_on", &bad);
		read_requester(body, &f->requester, &bad);
		if (f->postal_address == NULL)
			f->postal_address = eco_json_string(
			    json_object_get(body, "requester"), "postal_address",
			    &bad);
	} else if (json_object_get(body, "received_on") != NULL ||
	    json_object_get(body, "requester") != NULL)
		bad = true;
	return !bad;
}

/* The request as the visitor may see it: 200/201, or 503. */
static int
reply_request(struct eco_ctx *ctx, int status, long long id)
{
	struct request_row r;
	json_t *view;

	if (store_load(ctx, id, false, &r) != STORE_OK ||
	    (view = request_view(ctx, &r, view_access(ctx, &r))) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	return eco_json(ctx, status, view);
}

/*
 * POST /api/v1/requests: files a request.  Individuals and organisations
 * file their own; a registrar or head of a holder registers a paper or
 * oral one for that holder with "received_on" and "requester".
 * 201 the request; 200 the request already filed with the same
 * "client_token"; 400 invalid field (the first one's code); 403 an
 * official of another holder or an executor; 503.
 */
int
api_requests_create(struct eco_ctx *ctx)
{
	struct eco_field_error errors[FILING_MAX_ERRORS];
	struct filing f;
	long received;
	long long id;

	if (ctx->req.json == NULL)
		return eco_error(ctx, 400, "bad_request",
		    N_("Send the request as a JSON object."));
	if (!read_filing(ctx, ctx->req.json, &f))
		return eco_error(ctx, 400, "bad_request",
		    N_("A field has the wrong type, or is not yours to send."));
	if (f.on_behalf && (ctx->user.position == NULL ||
	    strcmp(ctx->user.position, "executor") == 0))
		return eco_error(ctx, 403, "wrong_position",
		    N_("Only a registrar or the head registers requests."));
	if (f.on_behalf && f.holder_id > 0 && f.holder_id != ctx->user.holder_id)
		return eco_error(ctx, 403, "other_holder",
		    N_("Officials register requests for their own holder only."));
	if (filing_check(&f, ctx->today, &received, errors) > 0)
		return eco_error(ctx, 400, errors[0].code, errors[0].message);
	switch (store_file(ctx, &f, received, &id)) {
	case STORE_OK:
		return reply_request(ctx, 201, id);
	case STORE_DUPLICATE:
		return reply_request(ctx, 200, id);
	case STORE_BAD_HOLDER:
		return eco_error(ctx, 400, "invalid_holder",
		    N_("Choose the state body you are asking."));
	default:
		return eco_error(ctx, 503, NULL, NULL);
	}
}

/*
 * GET /api/v1/requests/{id}: a request with its timeline, and the court
 * cases it led to ("court_cases":[{"id","key"}], when there are any).
 * Personal data of the requester only for the requester and the holder's
 * officials.  200; 404 no such request or not public; 503.
 */
int
api_requests_get(struct eco_ctx *ctx)
{
	struct request_row r;
	enum view_access access;
	json_t *view, *cases, *c;
	size_t i;
	int rc;

	if ((rc = view_find(ctx, &r, &access)) != 0)
		return rc;
	if ((cases = court_cases_of(ctx, &r)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	if ((view = request_view(ctx, &r, access)) == NULL) {
		json_decref(cases);
		return eco_error(ctx, 503, NULL, NULL);
	}
	json_array_foreach(cases, i, c)
		json_object_del(c, "title");
	if (json_array_size(cases) > 0)
		json_object_set(view, "court_cases", cases);
	json_decref(cases);
	return eco_json(ctx, 200, view);
}

/*
 * GET /api/v1/requests?holder_id=&region=&status=&overdue=true&q=&from=
 * &to=&page=: public requests, newest first, 20 a page.
 * 200 {"items":[...],"total":N,"total_capped":false,"page":P,
 * "per_page":20} ("total_capped": true when there are more than N = 1,000
 * matches); 400 bad filter; 503.
 */
int
api_requests_list(struct eco_ctx *ctx)
{
	struct search_query s;
	const char *why;
	struct search_total total;
	json_t *items;

	if ((why = search_parse(ctx, &s)) != NULL)
		return eco_error(ctx, 400, "bad_request", why);
	if ((items = search_run(ctx, &s, &total)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	return eco_json(ctx, 200, json_pack("{s:o,s:I,s:b,s:I,s:I}",
	    "items", items, "total", (json_int_t)total.n,
	    "total_capped", total.capped, "page", (json_int_t)s.page,
	    "per_page", (json_int_t)s.limit));
}
