/* A request as the API and the pages show it (see view.h). */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "attachment_store.h"
#include "calendar_db.h"
#include "complaint_view.h"
#include "jsonbody.h"
#include "validate.h"
#include "store.h"
#include "view.h"

static struct eco_stmt q_requester = ECO_STMT(
    "SELECT kind, full_name, iin, bin, org_name, email, phone, postal_address "
    "FROM requests.requesters WHERE id = $1");

bool
view_is_holder_official(struct eco_ctx *ctx, const struct request_row *r)
{
	return eco_signed_in_user(ctx) && ctx->user.role == ECO_ROLE_OFFICIAL &&
	    ctx->user.holder_id == r->holder_id;
}

bool
view_is_requester(struct eco_ctx *ctx, const struct request_row *r)
{
	return eco_signed_in_user(ctx) && r->requester_user_id != 0 &&
	    ctx->user.id == r->requester_user_id;
}

int
view_find(struct eco_ctx *ctx, struct request_row *r,
    enum view_access *access)
{
	static const char *const none = N_("There is no such request.");
	long long id = eco_parse_id(eco_param(ctx, "id"));

	if (id <= 0)
		return eco_error(ctx, 404, "not_found", none);
	switch (store_load(ctx, id, false, r)) {
	case STORE_OK:
		break;
	case STORE_NOT_FOUND:
		return eco_error(ctx, 404, "not_found", none);
	default:
		return eco_error(ctx, 503, NULL, NULL);
	}
	if ((*access = view_access(ctx, r)) != VIEW_NONE)
		return 0;
	/* Not a refusal if the account could not be looked at. */
	if (ctx->have_claims && !ctx->have_user && eco_db_unavailable(ctx->db))
		return eco_error(ctx, 503, NULL, NULL);
	return eco_error(ctx, 404, "not_found", none);
}

enum view_access
view_access(struct eco_ctx *ctx, const struct request_row *r)
{
	/* A registrar who entered a paper request sees it only as an
	 * official of its holder. */
	if (view_is_holder_official(ctx, r) || view_is_requester(ctx, r))
		return VIEW_PERSONAL;
	if (r->is_public || (ctx->have_user && ctx->user.role == ECO_ROLE_ADMIN))
		return VIEW_PUBLIC;
	return VIEW_NONE;
}

/*
 * A text of the request or JSON null.  Without jansson's check: the
 * request's texts come from its document, which eco_dbjson_parse() has
 * checked already, and checking a long body again costs a page much.
 */
static json_t *
text_json(const char *s)
{
	return s != NULL ? json_string_nocheck(s) : json_null();
}

/* The same, with "" as null too. */
static json_t *
str_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? text_json(s) : json_null();
}

static json_t *
col(PGresult *res, int row, int c)
{
	return PQgetisnull(res, row, c) ? json_null() :
	    json_string(PQgetvalue(res, row, c));
}

void
view_flags(struct eco_ctx *ctx, const struct request_state *st, json_t *o)
{
	const struct eco_calendar *cal = eco_calendar_current(ctx);
	struct request_flags f;
	json_t *on_time;
	int t;

	request_flags(cal, st, ctx->today, &f);
	t = request_on_time(st, &f);
	on_time = t < 0 ? json_null() : json_boolean(t);
	json_object_set_new(o, "overdue", json_boolean(f.overdue));
	json_object_set_new(o, "due_soon", json_boolean(f.due_soon));
	json_object_set_new(o, "days_left", f.open ?
	    json_integer(f.days_left) : json_null());
	json_object_set_new(o, "on_time", on_time);
	json_object_set_new(o, "answered_late", json_boolean(f.answered_late));
	json_object_set_new(o, "refused_late", json_boolean(f.refused_late));
	json_object_set_new(o, "redirected_late",
	    json_boolean(f.redirected_late));
}

/*
 * The timeline: the events read with the request, already in the shape
 * they are shown in (migration 015).  Drafts are the holder's business
 * until the head signs.  The events are the row's own, not copies: a
 * page decorates them in place (see struct request_row).
 */
static json_t *
events_json(const struct request_row *r, bool drafts)
{
	json_t *list = json_array(), *e;
	const char *type;
	size_t i;

	json_array_foreach(r->events, i, e) {
		type = json_string_value(json_object_get(e, "type"));
		if (type == NULL || (!drafts && strcmp(type, "draft") == 0))
			continue;
		json_array_append(list, e);
	}
	return list;
}

/* The itemised questions read with the request. */
static json_t *
questions_json(const struct request_row *r)
{
	/* The row's own, as its events are: the page marks the unanswered. */
	return json_is_array(r->questions) ? json_incref(r->questions) :
	    json_array();
}

/* A link of the redirect chain as read with the request, or null. */
static json_t *
link_json(json_t *link)
{
	return link != NULL ? json_incref(link) : json_null();
}

/* Everyone sees the kind; an organisation's name if it chose to show it. */
static json_t *
requester_json(struct eco_ctx *ctx, const struct request_row *r,
    enum view_access access)
{
	const char *p[1];
	PGresult *res;
	json_t *o;

	if (access != VIEW_PERSONAL) {
		o = json_object();
		json_object_set_new_nocheck(o, "kind", text_json(r->requester_kind));
		json_object_set_new_nocheck(o, "name", str_or_null(r->public_name));
		return o;
	}
	p[0] = eco_sprintf(ctx->arena, "%lld", r->requester_id);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_requester, 1, p)) ==
	    NULL || PQntuples(res) != 1)
		return NULL;
	return json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
	    "kind", col(res, 0, 0), "name", str_or_null(r->public_name),
	    "full_name", col(res, 0, 1), "iin", col(res, 0, 2),
	    "bin", col(res, 0, 3), "org_name", col(res, 0, 4),
	    "email", col(res, 0, 5), "phone", col(res, 0, 6),
	    "postal_address", col(res, 0, 7));
}

/* The answer as issued: text, completeness, the copying fee. */
static json_t *
answer_json(const struct request_row *r)
{
	json_t *a;

	if (r->st.answered_on == 0)
		return json_null();
	a = json_object();
	json_object_set_new_nocheck(a, "text", str_or_null(r->answer_text));
	json_object_set_new_nocheck(a, "complete",
	    json_boolean(r->st.status == REQ_ANSWERED));
	if (r->fee_pages >= 0 && r->fee_tariff != NULL)
		json_object_set_new(a, "fee", json_pack("{s:I,s:s,s:f}",
		    "pages", (json_int_t)r->fee_pages, "tariff", r->fee_tariff,
		    "amount", (double)r->fee_pages * strtod(r->fee_tariff, NULL)));
	return a;
}

json_t *
request_view(struct eco_ctx *ctx, const struct request_row *r,
    enum view_access access)
{
	const struct request_state *s = &r->st;
	/* Drafts are the holder's business until the head signs. */
	bool holder = view_is_holder_official(ctx, r);
	json_t *o, *part;

	json_t *names = json_object(), *h = json_object();

	/* Set one by one rather than by json_pack(), whose format parsing and
	 * text checks were a tenth of a page's time. */
	json_object_set_new_nocheck(names, "kk", text_json(r->holder_name[0]));
	json_object_set_new_nocheck(names, "ru", text_json(r->holder_name[1]));
	json_object_set_new_nocheck(names, "en", text_json(r->holder_name[2]));
	json_object_set_new_nocheck(h, "code", text_json(r->holder_code));
	json_object_set_new_nocheck(h, "name", names);
	json_object_set_new_nocheck(h, "region", str_or_null(r->holder_region));
	o = eco_json_own(ctx->arena, json_object());
	json_object_set_new_nocheck(o, "id", json_integer(r->id));
	json_object_set_new_nocheck(o, "reg_no", text_json(r->reg_no));
	json_object_set_new_nocheck(o, "holder_id", json_integer(r->holder_id));
	json_object_set_new_nocheck(o, "holder", h);
	json_object_set_new_nocheck(o, "subject", text_json(r->subject));
	json_object_set_new_nocheck(o, "body", text_json(r->body));
	json_object_set_new_nocheck(o, "language", text_json(r->language));
	json_object_set_new_nocheck(o, "answer_form", text_json(r->answer_form));
	json_object_set_new_nocheck(o, "public", json_boolean(r->is_public));
	json_object_set_new_nocheck(o, "fee_exemption",
	    str_or_null(r->fee_exemption));
	json_object_set_new_nocheck(o, "channel", text_json(r->channel));
	json_object_set_new_nocheck(o, "status",
	    json_string(request_status_code(s->status)));
	json_object_set_new(o, "complexity", s->complexity == REQ_UNCLASSIFIED ?
	    json_null() : json_string(request_complexity_code(s->complexity)));
	json_object_set_new(o, "received_on", store_day_json(s->received_on));
	json_object_set_new(o, "registered_on",
	    store_day_json(s->registered_on));
	json_object_set_new(o, "due_on", store_day_json(s->due_on));
	json_object_set_new(o, "refusal_due_on",
	    store_day_json(s->refusal_due_on));
	json_object_set_new(o, "redirect_due_on",
	    store_day_json(s->redirect_due_on));
	json_object_set_new(o, "notify_due_on",
	    store_day_json(s->notify_due_on));
	json_object_set_new(o, "answered_on", store_day_json(s->answered_on));
	json_object_set_new(o, "refused_on", store_day_json(s->refused_on));
	json_object_set_new(o, "closed_on", store_day_json(s->closed_on));
	json_object_set_new(o, "extended", json_pack("{s:b,s:b}",
	    "inspection", s->extended_inspection,
	    "multiple_holders", s->extended_holders));
	json_object_set_new(o, "ground", s->ground == REQ_GROUND_NONE ?
	    json_null() : json_string(request_ground_code(s->ground)));
	json_object_set_new(o, "justification", str_or_null(r->justification));
	json_object_set_new(o, "answer", answer_json(r));
	view_flags(ctx, &r->st, o);
	json_object_set_new(o, "redirected_from",
	    link_json(r->redirected_from_link));
	json_object_set_new(o, "redirected_to",
	    link_json(r->redirected_to_link));
	if ((part = requester_json(ctx, r, access)) == NULL)
		return NULL;
	json_object_set_new(o, "requester", part);
	if ((part = questions_json(r)) == NULL)
		return NULL;
	json_object_set_new(o, "questions", part);
	if ((part = events_json(r, holder)) == NULL)
		return NULL;
	json_object_set_new(o, "events", part);
	if ((part = complaints_json(ctx, r, 0, access)) == NULL)
		return NULL;
	json_object_set_new(o, "complaints", part);
	if ((part = attachments_json(ctx, r, access)) == NULL)
		return NULL;
	json_object_set_new(o, "attachments", part);
	if (holder && r->draft != NULL)
		json_object_set(o, "draft", r->draft);
	/* Handed back with a reference of its own: the arena keeps one. */
	return json_incref(o);
}
