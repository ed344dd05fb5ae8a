/*
 * Complaints on a request's page: the list everyone sees, the requester's
 * form to file one, the forms to record an outcome (the requester and the
 * holder's officials), and the POSTs of those forms.  Plain HTML forms
 * that answer 303 back to the page, like the desk's.
 */
#include <string.h>

#include "app.h"
#include "calendar_db.h"
#include "complaint_act.h"
#include "date.h"
#include "labels.h"
#include "pages.h"
#include "store.h"
#include "validate.h"
#include "view.h"

/* The fields the filing form keeps when it comes back with errors. */
static const char *const kept[] = {
	"instance", "body_name", "learned_on", "filed_on", "text",
	"court_case_key"
};

static const char *const outcome_codes[] = {
	"upheld", "partially_upheld", "dismissed", "withdrawn"
};

/* What a decision complained of is called. */
static const char *
basis_label(const char *decision)
{
	if (strcmp(decision, "answer") == 0)
		return N_("the answer");
	if (strcmp(decision, "partial_answer") == 0)
		return N_("the partial answer");
	if (strcmp(decision, "refusal") == 0)
		return N_("the refusal");
	if (strcmp(decision, "not_considered") == 0)
		return N_("the decision not to consider the request");
	return N_("the failure to answer by the due date");
}

const char *
complaint_event_detail(struct eco_ctx *ctx, json_t *e)
{
	const char *type = json_string_value(json_object_get(e, "type"));
	const char *body = json_string_value(json_object_get(e, "body_name"));
	const char *instance = eco_tr(ctx, label_complaint_instance(
	    json_string_value(json_object_get(e, "instance"))));

	if (strcmp(type, "complaint") == 0)
		return body != NULL ? eco_sprintf(ctx->arena, "%s: %s", instance,
		    body) : instance;
	if (strcmp(type, "complaint_outcome") == 0)
		return eco_tr(ctx, label_complaint_outcome(json_string_value(
		    json_object_get(e, "outcome"))));
	return NULL;
}

/* The outcome <select>. */
static json_t *
outcome_options(struct eco_ctx *ctx)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < sizeof(outcome_codes) / sizeof(outcome_codes[0]); i++)
		json_array_append_new(list, json_pack("{s:s,s:s}", "code",
		    outcome_codes[i], "name",
		    eco_tr(ctx, label_complaint_outcome(outcome_codes[i]))));
	return list;
}

/* Labels, links and who may record an outcome, on each complaint. */
static void
decorate(struct eco_ctx *ctx, const struct request_row *r, json_t *complaints,
    bool may_decide)
{
	json_t *c;
	size_t i;

	json_array_foreach(complaints, i, c) {
		const char *instance = json_string_value(json_object_get(c,
		    "instance"));
		const char *outcome = json_string_value(json_object_get(c,
		    "outcome"));
		const char *key = json_string_value(json_object_get(c,
		    "court_case_key"));
		bool pending = outcome != NULL && strcmp(outcome, "pending") == 0;

		json_object_set_new(c, "instance_label", json_string(eco_tr(ctx,
		    label_complaint_instance(instance))));
		json_object_set_new(c, "outcome_label", json_string(eco_tr(ctx,
		    label_complaint_outcome(outcome))));
		json_object_set_new(c, "court", json_boolean(instance != NULL &&
		    strcmp(instance, "court") == 0));
		json_object_set_new(c, "can_decide", json_boolean(pending &&
		    may_decide));
		json_object_set_new(c, "action", json_string(eco_url(ctx,
		    eco_sprintf(ctx->arena, "/requests/%lld/complaints/%lld/outcome",
		    r->id, (long long)json_integer_value(json_object_get(c,
		    "id"))))));
		if (key != NULL)
			json_object_set_new(c, "court_url", json_string(eco_url(ctx,
			    eco_sprintf(ctx->arena, "/court-cases/%s", key))));
	}
}

/* A day in words, the page's way. */
static const char *
day_words(struct eco_ctx *ctx, long day)
{
	struct eco_buf b;

	eco_buf_init(&b, ctx->arena);
	eco_format_day(ctx->app->catalogs, ctx->lang, day, &b);
	return b.data;
}

/*
 * The requester's filing form: what the complaint would be against, and
 * its limit having learned of it on the earliest day (the form's default).
 */
static void
add_form(struct eco_ctx *ctx, const struct request_row *r, json_t *view)
{
	const struct eco_calendar *cal = eco_calendar_current(ctx);
	struct complaint_basis basis;
	struct complaint_rule rule;
	const char *why, *instance = eco_form(ctx, "instance");
	long limit_on;
	bool late;
	json_t *form;

	if (complaint_basis(&r->st, ctx->today, &basis, &why) != 0 ||
	    json_array_size(json_object_get(view, "complaints")) >=
	    COMPLAINT_MAX)
		return;
	form = json_pack("{s:s,s:s,s:s,s:s,s:b}",
	    "action", eco_url(ctx, eco_sprintf(ctx->arena,
	    "/requests/%lld/complaints", r->id)),
	    "intro", eco_subst(ctx->arena, eco_tr(ctx,
	    N_("You may complain about {decision} to a higher state body or to a court.")),
	    "decision", eco_tr(ctx, basis_label(basis.decision)), NULL),
	    "learned_min", store_iso(ctx, basis.on),
	    "learned_on", store_iso(ctx, basis.on),
	    "court", instance != NULL && strcmp(instance, "court") == 0);
	json_object_set_new(form, "filed_on", json_string(store_iso(ctx,
	    ctx->today)));
	if (cal != NULL && complaint_rule_load(ctx, r->st.received_on, &rule,
	    NULL) == 0 && complaint_limit(cal, &rule, basis.on, ctx->today,
	    &limit_on, &late) == 0) {
		/* The rule's period, for {{tn}}: only its unit's member. */
		json_object_set_new(form, "period", json_pack("{s:I}",
		    eco_unit_code(rule.unit), (json_int_t)rule.period));
		json_object_set_new(form, "limit", json_pack("{s:s,s:b}",
		    "text", eco_subst(ctx->arena, eco_tr(ctx,
		    N_("Having learned of it on {learned}, the last day to complain is {limit}.")),
		    "learned", day_words(ctx, basis.on), "limit",
		    day_words(ctx, limit_on), NULL), "late", late));
	}
	json_object_set_new(view, "complaint_form", form);
}

void
complaints_page_data(struct eco_ctx *ctx, const struct request_row *r,
    json_t *view)
{
	json_t *complaints = json_object_get(view, "complaints");
	bool requester = view_is_requester(ctx, r);
	const char *q = eco_query(ctx, "complaint");

	decorate(ctx, r, complaints, requester ||
	    view_is_holder_official(ctx, r));
	/* The outcome <select> of each complaint: most requests have none. */
	if (json_array_size(complaints) > 0)
		json_object_set_new(view, "outcomes", outcome_options(ctx));
	if (requester)
		add_form(ctx, r, view);
	json_object_set_new(view, "show_complaints", json_boolean(
	    json_array_size(complaints) > 0 ||
	    json_object_get(view, "complaint_form") != NULL));
	if (q != NULL && (strcmp(q, "filed") == 0 || strcmp(q, "late") == 0))
		json_object_set_new(view, "complaint_filed", json_pack("{s:b}",
		    "late", strcmp(q, "late") == 0));
}

/*
 * The page again with a refusal: message on top, and for a form's field
 * errors, the form (the filing form, or complaint cid's outcome form) with
 * what was typed.
 */
static int
render_refused(struct eco_ctx *ctx, const struct request_row *r,
    enum view_access access, const struct complaint_result *res,
    long long cid)
{
	json_t *data, *c, *target;
	size_t i;

	if (res->status == 503 || res->status == 404)
		return eco_error(ctx, res->status, res->code, res->message);
	if ((data = request_page_data(ctx, r, access)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	target = data;
	if (cid == 0 && (c = json_object_get(data, "complaint_form")) != NULL) {
		eco_form_keep(ctx, c, kept, sizeof(kept) / sizeof(kept[0]));
		target = c;
	}
	json_array_foreach(json_object_get(data, "complaints"), i, c)
		if (cid != 0 && json_integer_value(json_object_get(c, "id")) ==
		    cid)
			target = c;
	if (res->nerrors > 0)
		eco_form_errors(ctx, target, res->errors, res->nerrors);
	json_object_set_new(data, "error", json_string(eco_tr(ctx,
	    res->message)));
	return eco_render(ctx, res->status, "requests/request", data);
}

/*
 * POST /{lang}/requests/{id}/complaints: the requester files a complaint.
 * 303 to the page (?complaint=late when it was filed after the limit:
 * accepted, with the law's warning); 400 the page with the form's errors;
 * 403 not the requester; 409 nothing to complain about; 404; 503.
 */
int
page_complaint_file(struct eco_ctx *ctx)
{
	struct complaint_input in;
	struct complaint_result res;
	struct request_row r;
	enum view_access access;
	int rc;

	if ((rc = view_find(ctx, &r, &access)) != 0)
		return rc;
	in.instance = eco_form(ctx, "instance");
	in.body_name = eco_form(ctx, "body_name");
	in.learned_on = eco_form(ctx, "learned_on");
	in.filed_on = eco_form(ctx, "filed_on");
	in.text = eco_form(ctx, "text");
	in.court_case_key = eco_form(ctx, "court_case_key");
	complaint_file(ctx, r.id, &in, &res);
	if (res.status != 201)
		return render_refused(ctx, &r, access, &res, 0);
	return eco_redirect(ctx, eco_url(ctx, eco_sprintf(ctx->arena,
	    "/requests/%lld?complaint=%s#complaint-%lld", r.id,
	    res.late ? "late" : "filed", res.id)));
}

/*
 * POST /{lang}/requests/{id}/complaints/{cid}/outcome: the requester or
 * an official of the holder records a complaint's outcome.  303 to the
 * page; 400 the page with the form's errors; 403 anyone else; 409 already
 * recorded; 404 no such request or complaint; 503.
 */
int
page_complaint_outcome(struct eco_ctx *ctx)
{
	long long cid = eco_parse_id(eco_param(ctx, "cid"));
	struct complaint_outcome_input in;
	struct complaint_result res;
	struct request_row r;
	enum view_access access;
	int rc;

	if ((rc = view_find(ctx, &r, &access)) != 0)
		return rc;
	if (cid <= 0)
		return eco_error(ctx, 404, "not_found",
		    N_("There is no such complaint."));
	in.outcome = eco_form(ctx, "outcome");
	in.on = eco_form(ctx, "on");
	in.note = eco_form(ctx, "note");
	in.court_case_key = eco_form(ctx, "court_case_key");
	complaint_decide(ctx, r.id, cid, &in, &res);
	if (res.status != 200)
		return render_refused(ctx, &r, access, &res, cid);
	return eco_redirect(ctx, eco_url(ctx, eco_sprintf(ctx->arena,
	    "/requests/%lld?done=1#complaint-%lld", r.id, cid)));
}
