/*
 * A request's page: what was asked, its deadlines with their laws, the
 * timeline, the answer; for the holder's officials the forms of the next
 * steps, for the requester the withdrawal.
 */
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "app.h"
#include "court_cases.h"
#include "holders.h"
#include "labels.h"
#include "pages.h"
#include "rules.h"
#include "store.h"
#include "validate.h"
#include "view.h"

/* The officials of a holder, for the executor's <select>. */
static struct eco_stmt q_officials = ECO_STMT(
    "SELECT id, full_name, position FROM core.users "
    "WHERE kind = 'official' AND holder_id = $1 AND disabled_at IS NULL "
    "ORDER BY full_name, id");

/* What an event's details say, in words (pages.h). */
const char *
request_event_detail(struct eco_ctx *ctx, json_t *e)
{
	const char *type = json_string_value(json_object_get(e, "type"));
	const char *v;

	if ((v = complaint_event_detail(ctx, e)) != NULL)
		return v;
	if (strcmp(type, "classify") == 0)
		return eco_tr(ctx, label_complexity(json_string_value(
		    json_object_get(e, "complexity"))));
	if (strcmp(type, "extend") == 0)
		return eco_sprintf(ctx->arena, "%s: +%lld",
		    eco_tr(ctx, label_reason(json_string_value(
		    json_object_get(e, "reason")))),
		    (long long)json_integer_value(json_object_get(e, "days")));
	if (strcmp(type, "refuse") == 0)
		return eco_tr(ctx, label_ground(json_string_value(
		    json_object_get(e, "ground"))));
	if (strcmp(type, "registered") == 0 &&
	    (v = json_string_value(json_object_get(e, "channel"))) != NULL)
		return eco_tr(ctx, label_channel(v));
	if (strcmp(type, "answer") == 0)
		return eco_tr(ctx, json_is_false(json_object_get(e, "complete")) ?
		    N_("Partial answer") : N_("Complete answer"));
	return "";
}

/* Labels for the timeline: each event's name, details and deadline. */
static void
decorate_events(struct eco_ctx *ctx, json_t *view, json_t *rules)
{
	json_t *events = json_object_get(view, "events"), *e, *dl;
	size_t i;

	json_array_foreach(events, i, e) {
		const char *type = json_string_value(json_object_get(e, "type"));

		json_object_set_new(e, "label",
		    json_string(eco_tr(ctx, label_event(type))));
		json_object_set_new(e, "detail",
		    json_string(request_event_detail(ctx, e)));
		if ((dl = json_object_get(e, "deadline")) != NULL) {
			json_t *rule = json_object_get(rules, json_string_value(
			    json_object_get(dl, "code")));

			json_object_set(dl, "rule", rule != NULL ? rule :
			    json_null());
		}
	}
}

/* Questions an issued answer left unanswered (answered is false, not null). */
static void
mark_unanswered(json_t *view)
{
	json_t *q;
	size_t i;

	json_array_foreach(json_object_get(view, "questions"), i, q)
		json_object_set_new(q, "unanswered",
		    json_boolean(json_is_false(json_object_get(q, "answered"))));
}

/* The executor <select>: the holder's officials. */
static json_t *
officials_json(struct eco_ctx *ctx, const struct request_row *r)
{
	const char *p[1] = { eco_sprintf(ctx->arena, "%lld", r->holder_id) };
	PGresult *res;
	json_t *list;
	int i;

	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_officials, 1, p)) == NULL)
		return NULL;
	list = json_array();
	for (i = 0; i < PQntuples(res); i++)
		json_array_append_new(list, json_pack("{s:s,s:s,s:b}",
		    "id", PQgetvalue(res, i, 0), "name", PQgetvalue(res, i, 1),
		    "selected", strtol(PQgetvalue(res, i, 0), NULL, 10) ==
		    r->st.executor_id));
	return list;
}

/* Codes with their labels, for the desk's <select>s. */
static json_t *
grounds_json(struct eco_ctx *ctx)
{
	json_t *list = json_array();
	int g;

	for (g = REQ_GROUND_UNIDENTIFIABLE;
	    g <= REQ_GROUND_FOREIGN_AGREEMENT_PENDING; g++) {
		const char *code = request_ground_code((enum request_ground)g);

		json_array_append_new(list, json_pack("{s:s,s:s}", "code", code,
		    "name", eco_tr(ctx, label_ground(code))));
	}
	return list;
}

/* What the holder's official may do now, for the forms on the page. */
static int
add_desk(struct eco_ctx *ctx, const struct request_row *r, json_t *data)
{
	const struct request_state *s = &r->st;
	bool open = s->status == REQ_REGISTERED || s->status == REQ_IN_PROGRESS ||
	    s->status == REQ_EXTENDED;
	bool head = ctx->user.position != NULL &&
	    strcmp(ctx->user.position, "head") == 0;
	json_t *officials, *holders;

	if (!open)
		return 0;
	if ((officials = officials_json(ctx, r)) == NULL)
		return -1;
	if ((holders = holder_options(ctx, 0)) == NULL) {
		json_decref(officials);
		return -1;
	}
	json_object_set_new(data, "desk", json_pack(
	    "{s:b,s:b,s:b,s:b,s:b,s:b,s:b,s:o,s:o,s:o}",
	    "head", head,
	    "can_classify", s->status != REQ_EXTENDED,
	    "can_extend_inspection", !s->extended_inspection,
	    "can_extend_holders", head && !s->extended_holders,
	    "can_redirect", s->status != REQ_EXTENDED,
	    "can_draft", s->status != REQ_REGISTERED && (head ||
	    (ctx->user.position != NULL &&
	    strcmp(ctx->user.position, "executor") == 0)),
	    "can_notify", s->notify_due_on != 0,
	    "officials", officials, "holders", holders,
	    "grounds", grounds_json(ctx)));
	return 0;
}

/*
 * The page's data: the view, labels, rules, and the forms the visitor may
 * use.  NULL if the database failed.
 */
json_t *
request_page_data(struct eco_ctx *ctx, const struct request_row *r,
    enum view_access access)
{
	json_t *view, *rules;
	bool official = view_is_holder_official(ctx, r);

	if ((view = request_view(ctx, r, access)) == NULL)
		return NULL;
	if ((rules = rules_json(ctx, r->st.received_on)) == NULL) {
		json_decref(view);
		return NULL;
	}
	tracker_decorate(ctx, view);
	decorate_events(ctx, view, rules);
	attachments_page_data(ctx, view);
	mark_unanswered(view);
	json_object_set_new(view, "requester_is_org", json_boolean(
	    strcmp(r->requester_kind, "organisation") == 0));
	json_object_set_new(view, "language_ru", json_boolean(
	    strcmp(r->language, "ru") == 0));
	json_object_set_new(view, "complex", json_boolean(
	    r->st.complexity == REQ_COMPLEX));
	json_object_set_new(view, "rules", rules);
	json_object_set_new(view, "title", json_string(eco_sprintf(ctx->arena,
	    "%s — %s", r->reg_no, r->subject)));
	json_object_set_new(view, "personal", json_boolean(access ==
	    VIEW_PERSONAL));
	json_object_set_new(view, "official", json_boolean(official));
	json_object_set_new(view, "exemption_label", r->fee_exemption ?
	    json_string(eco_tr(ctx, fee_exemption_label(r->fee_exemption))) :
	    json_null());
	json_object_set_new(view, "ground_label", r->st.ground ?
	    json_string(eco_tr(ctx, label_ground(request_ground_code(
	    r->st.ground)))) : json_null());
	json_object_set_new(view, "can_withdraw", json_boolean(!official &&
	    access == VIEW_PERSONAL && (r->st.status == REQ_REGISTERED ||
	    r->st.status == REQ_IN_PROGRESS || r->st.status == REQ_EXTENDED)));
	/* Followers and feeds: public requests only. */
	if (r->is_public) {
		json_object_set_new(view, "follow",
		    follow_form_json(ctx, r->id, r->holder_id));
		json_object_set_new(view, "feed_url", json_string(eco_url(ctx,
		    eco_sprintf(ctx->arena, "/requests/%lld/feed.atom",
		    r->id))));
		json_object_set_new(view, "feed_title",
		    json_string(eco_tr(ctx, N_("Atom feed"))));
	}
	if (official && add_desk(ctx, r, view) != 0) {
		json_decref(view);
		return NULL;
	}
	complaints_page_data(ctx, r, view);
	return view;
}

/*
 * The court cases the request led to, for the page: each one's title in
 * the page's language (the cases are told in Kazakh and Russian: an
 * English page shows the Russian title), and its page's address.
 */
static bool
add_court_cases(struct eco_ctx *ctx, const struct request_row *r,
    json_t *data)
{
	const char *l = ctx->lang == ECO_LANG_KK ? "kk" : "ru";
	json_t *cases, *c;
	size_t i;

	if ((cases = court_cases_of(ctx, r)) == NULL)
		return false;
	json_array_foreach(cases, i, c) {
		json_object_set(c, "title", json_object_get(json_object_get(c,
		    "title"), l));
		json_object_set_new(c, "url", json_string(eco_url(ctx,
		    eco_sprintf(ctx->arena, "/courts/%lld", (long long)
		    json_integer_value(json_object_get(c, "id"))))));
	}
	json_object_set_new(data, "court_cases", cases);
	json_object_set_new(data, "court_cases_lang", json_string(l));
	return true;
}

static int
render_request(struct eco_ctx *ctx, int status, const struct request_row *r,
    enum view_access access, const char *error, const char *done)
{
	json_t *data = request_page_data(ctx, r, access);

	if (data == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	if (!add_court_cases(ctx, r, data)) {
		json_decref(data);
		return eco_error(ctx, 503, NULL, NULL);
	}
	if (error != NULL)
		json_object_set_new(data, "error", json_string(eco_tr(ctx, error)));
	if (done != NULL)
		json_object_set_new(data, "done", json_true());
	if (eco_query(ctx, "filed") != NULL)
		json_object_set_new(data, "filed", json_true());
	return eco_render(ctx, status, "requests/request", data);
}

/*
 * GET /{lang}/requests/{id}: the request's page.  200; 404 no such
 * request, or not public and not the visitor's; 503.
 */
int
page_request(struct eco_ctx *ctx)
{
	struct request_row r;
	enum view_access access;
	int rc;

	if ((rc = view_find(ctx, &r, &access)) != 0)
		return rc;
	return render_request(ctx, 200, &r, access, NULL,
	    eco_query(ctx, "done"));
}

/* A form field as a count, -1 if absent or empty. */
static long
form_count(struct eco_ctx *ctx, const char *name, long max)
{
	const char *v = eco_form(ctx, name);

	return v == NULL || v[0] == '\0' ? -1 : eco_parse_count(v, max);
}

/*
 * The files of the draft form: each "files" part with a file name (an
 * input left empty sends one without), and each "remove_attachment" id.
 */
static void
read_form_files(struct eco_ctx *ctx, struct request_action *a)
{
	const struct eco_param *p;
	size_t i;

	for (i = 0; i < ctx->req.form.count; i++) {
		p = &ctx->req.form.items[i];
		if (strcmp(p->name, "files") == 0 && p->filename != NULL &&
		    p->filename[0] != '\0') {
			if (a->nfiles == ATTACH_MAX) {
				a->too_many_files = true;
				continue;
			}
			a->files[a->nfiles].name = p->filename;
			a->files[a->nfiles].data = (const unsigned char *)p->value;
			a->files[a->nfiles].size = p->value_len;
			a->nfiles++;
		} else if (strcmp(p->name, "remove_attachment") == 0) {
			if (a->nremove == ATTACH_MAX ||
			    (a->remove[a->nremove] = eco_parse_id(p->value)) <= 0)
				a->bad_removal = true;
			else
				a->nremove++;
		}
	}
}

/* The action from the desk's form fields (names as in the JSON API). */
static const char *
read_form_action(struct eco_ctx *ctx, struct request_action *a)
{
	const char *v;
	size_t i;

	memset(a, 0, sizeof(*a));
	a->fee_pages = -1;
	if (act_parse_type(eco_form(ctx, "type"), a) != 0)
		return N_("Unknown action");
	a->justification = eco_form(ctx, "justification");
	a->text = eco_form(ctx, "text");
	/* The form's box says "partial"; the head sees and sets it. */
	a->ev.complete = (v = eco_form(ctx, "complete")) == NULL ||
	    strcmp(v, "false") != 0;
	a->complete_given = true;
	a->notified_on = eco_form(ctx, "on");
	a->draft_refusal = (v = eco_form(ctx, "of")) != NULL &&
	    strcmp(v, "refuse") == 0;
	a->ev.id = (long)eco_parse_id(eco_form(ctx, a->ev.kind ==
	    REQ_EV_REDIRECT ? "to_holder_id" : "executor_id"));
	if (request_complexity_parse(eco_form(ctx, "complexity"),
	    &a->ev.complexity) != 0)
		a->ev.complexity = REQ_UNCLASSIFIED;
	if (request_reason_parse(eco_form(ctx, "reason"), &a->ev.reason) != 0)
		a->ev.reason = REQ_EXTEND_NONE;
	a->ev.days = form_count(ctx, "days", 1000);
	if (request_ground_parse(eco_form(ctx, "ground"), &a->ev.ground) != 0)
		a->ev.ground = REQ_GROUND_NONE;
	if ((a->fee_pages = form_count(ctx, "fee_pages", 100000)) >= 0 ||
	    ((v = eco_form(ctx, "fee_tariff")) != NULL && v[0] != '\0'))
		a->fee_tariff = eco_form(ctx, "fee_tariff");
	/* Questions: answered_N (checkbox) and answer_N. */
	for (i = 0; i < FILING_MAX_QUESTIONS; i++) {
		const char *ans = eco_form(ctx, eco_sprintf(ctx->arena,
		    "answer_%zu", i + 1));
		const char *done = eco_form(ctx, eco_sprintf(ctx->arena,
		    "answered_%zu", i + 1));

		if (ans == NULL && done == NULL)
			continue;
		a->items[a->nitems].n = (long)i + 1;
		a->items[a->nitems].answered = done != NULL;
		a->items[a->nitems].answer = ans;
		a->nitems++;
	}
	read_form_files(ctx, a);
	return act_check(a);
}

/*
 * POST /{lang}/requests/{id}/act: a step from the desk's forms (or the
 * requester's withdrawal).  303 back to the page; 400, 403, 409 the page
 * with the message; 404; 503.
 */
int
page_request_act(struct eco_ctx *ctx)
{
	struct request_action a;
	struct act_result res;
	struct request_row r;
	enum view_access access;
	const char *why;
	int rc, status;

	if ((rc = view_find(ctx, &r, &access)) != 0)
		return rc;
	if ((why = read_form_action(ctx, &a)) != NULL)
		return render_request(ctx, 400, &r, access, why, NULL);
	if ((why = act_check_files(&a, &status)) != NULL)
		return render_request(ctx, status, &r, access, why, NULL);
	request_act(ctx, r.id, &a, &res);
	if (res.status == 200)
		return eco_redirect(ctx, eco_url(ctx, eco_sprintf(ctx->arena,
		    "/requests/%lld?done=1", r.id)));
	if (res.status == 503 || res.status == 404)
		return eco_error(ctx, res.status, NULL, res.message);
	/* The page as it stands now, with why the step was refused. */
	if (store_load(ctx, r.id, false, &r) != STORE_OK)
		return eco_error(ctx, 503, NULL, NULL);
	return render_request(ctx, res.status, &r, access, res.message, NULL);
}
