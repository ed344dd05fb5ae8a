/* Steps on a request by an official or its requester (see act.h). */
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "app.h"
#include "attachment_store.h"
#include "calendar_db.h"
#include "date.h"
#include "jsonbody.h"
#include "notify.h"
#include "session.h"
#include "store.h"
#include "view.h"

int
act_parse_type(const char *type, struct request_action *a)
{
	enum request_event_kind k;

	if (type != NULL && strcmp(type, "draft") == 0) {
		a->kind = ACT_DRAFT;
		return 0;
	}
	if (type != NULL && strcmp(type, "notify") == 0) {
		a->kind = ACT_NOTIFY;
		return 0;
	}
	if (request_event_parse(type, &k) != 0)
		return -1;
	a->kind = ACT_EVENT;
	a->ev.kind = k;
	return 0;
}

/* A tariff in tenge: up to 9 digits, optionally 1-2 decimals. */
static bool
tariff_ok(const char *s)
{
	size_t i = strspn(s, "0123456789"), j;

	if (i < 1 || i > 9)
		return false;
	if (s[i] == '\0')
		return true;
	if (s[i] != '.')
		return false;
	j = strspn(s + i + 1, "0123456789");
	return j >= 1 && j <= 2 && s[i + 1 + j] == '\0';
}

static bool
needs_justification(const struct request_action *a)
{
	if (a->kind == ACT_DRAFT)
		return a->draft_refusal;
	if (a->kind != ACT_EVENT)
		return false;
	switch (a->ev.kind) {
	case REQ_EV_EXTEND:
	case REQ_EV_REDIRECT:
	case REQ_EV_NOT_CONSIDER:
		return true;
	/* A refusal's reasons may be the draft's: request_act checks them. */
	default:
		return false;
	}
}

const char *
act_check(const struct request_action *a)
{
	size_t i;

	if (needs_justification(a) ? !eco_text_ok(a->justification,
	    ACT_JUSTIFICATION_MAX, true) : (a->justification != NULL &&
	    a->justification[0] != '\0' && !eco_text_ok(a->justification,
	    ACT_JUSTIFICATION_MAX, true)))
		return N_("Give the reasons (up to 5,000 characters).");
	if (a->text != NULL && a->text[0] != '\0' &&
	    !eco_text_ok(a->text, ACT_TEXT_MAX, true))
		return N_("The answer's text must be up to 50,000 characters.");
	if (a->too_many_items)
		return N_("A request has at most 20 questions.");
	for (i = 0; i < a->nitems; i++) {
		if (a->items[i].n < 1 || a->items[i].n > FILING_MAX_QUESTIONS)
			return N_("Unknown question number.");
		if (a->items[i].answer != NULL && a->items[i].answer[0] != '\0' &&
		    !eco_text_ok(a->items[i].answer, ACT_ITEM_MAX, true))
			return N_("The answer to a question must be up to 20,000 characters.");
	}
	if (a->fee_pages < -1 || a->fee_pages > 100000)
		return N_("The number of pages must be 0 to 100,000.");
	if (a->fee_tariff != NULL && !tariff_ok(a->fee_tariff))
		return N_("The tariff must be an amount in tenge, like 25 or 12.50.");
	if ((a->fee_pages >= 0) != (a->fee_tariff != NULL))
		return N_("A copying fee needs both the number of pages and the tariff.");
	if (a->kind == ACT_DRAFT && a->draft_refusal &&
	    (a->ev.ground <= REQ_GROUND_NONE ||
	    a->ev.ground > REQ_GROUND_FOREIGN_AGREEMENT_PENDING))
		return N_("Unknown ground for refusal");
	if (a->kind == ACT_NOTIFY) {
		long d;

		if (a->notified_on == NULL || eco_date_parse(a->notified_on,
		    &d) != 0)
			return N_("Enter the date the notice was sent as YYYY-MM-DD.");
	}
	return NULL;
}

/* Files go with what the head issues and with the executor's draft. */
static bool
takes_files(const struct request_action *a)
{
	return a->kind == ACT_DRAFT || (a->kind == ACT_EVENT &&
	    (a->ev.kind == REQ_EV_ANSWER || a->ev.kind == REQ_EV_REFUSE));
}

const char *
act_check_files(struct request_action *a, int *status)
{
	const char *why;
	size_t i;

	*status = 400;
	if (a->too_many_files)
		return N_("At most 10 files go with one step.");
	if (a->bad_removal)
		return N_("Unknown file.");
	if ((a->nfiles > 0 || a->nremove > 0) && !takes_files(a))
		return N_("Files go with an answer, a refusal or a draft.");
	for (i = 0; i < a->nfiles; i++)
		if ((*status = attachment_check(&a->files[i], &why)) != 0)
			return why;
	return NULL;
}

const char *
act_forbidden(const struct request_action *a, const char *position)
{
	bool head = position != NULL && strcmp(position, "head") == 0;
	bool executor = position != NULL && strcmp(position, "executor") == 0;

	if (a->kind == ACT_DRAFT)
		return head || executor ? NULL :
		    N_("Only an executor or the head drafts answers.");
	if (a->kind == ACT_NOTIFY)
		return NULL;
	switch (a->ev.kind) {
	case REQ_EV_WITHDRAW:
		return N_("Only the requester can withdraw a request.");
	case REQ_EV_ASSIGN:
		return head ? NULL : N_("Only the head assigns an executor.");
	case REQ_EV_ANSWER:
	case REQ_EV_REFUSE:
	case REQ_EV_NOT_CONSIDER:
		return head ? NULL :
		    N_("Only the head signs an answer, a refusal or a decision not to consider.");
	case REQ_EV_EXTEND:
		/* The law gives the extension for several holders to the head. */
		return a->ev.reason != REQ_EXTEND_HOLDERS || head ? NULL :
		    N_("Only the head extends the period for several holders.");
	default:
		return NULL;
	}
}

/* --- request_act ------------------------------------------------------ */

static struct eco_stmt q_executor = ECO_STMT(
    "SELECT 1 FROM core.users WHERE id = $1 AND kind = 'official' "
    "AND holder_id = $2 AND disabled_at IS NULL");

static struct eco_stmt q_save_answer = ECO_STMT(
    "UPDATE requests.requests SET answer_text = $2, justification = $3, "
    "fee_pages = $4::integer, fee_tariff = $5::numeric, draft = NULL, "
    "draft_by = NULL, draft_at = NULL WHERE id = $1");

static struct eco_stmt q_save_draft = ECO_STMT(
    "UPDATE requests.requests SET draft = $2::jsonb, draft_by = $3, "
    "draft_at = now() WHERE id = $1");

static struct eco_stmt q_answer_item = ECO_STMT(
    "UPDATE requests.questions SET answered = $3, answer = $4 "
    "WHERE request_id = $1 AND n = $2");

static void
fail(struct act_result *out, int status, const char *code, const char *msg)
{
	out->status = status;
	out->code = code;
	out->message = msg;
}

/* The deadline an answer had to meet: the rule of its complexity. */
static const char *
answer_rule(const struct request_state *s)
{
	return s->complexity == REQ_COMPLEX ? "answer_complex" : "answer_simple";
}

/* The draft, as the head will find it: what the executor wrote. */
static json_t *
draft_json(const struct request_action *a)
{
	json_t *items = json_array(), *d;
	size_t i;

	for (i = 0; i < a->nitems; i++)
		json_array_append_new(items, json_pack("{s:i,s:b,s:s?}",
		    "n", (int)a->items[i].n, "answered", a->items[i].answered,
		    "answer", a->items[i].answer));
	d = json_pack("{s:s,s:s?,s:s?,s:b,s:o}",
	    "of", a->draft_refusal ? "refuse" : "answer",
	    "text", a->text, "justification", a->justification,
	    "complete", a->ev.complete, "items", items);
	if (a->draft_refusal)
		json_object_set_new(d, "ground",
		    json_string(request_ground_code(a->ev.ground)));
	if (a->fee_pages >= 0)
		json_object_set_new(d, "fee", json_pack("{s:i,s:s}", "pages",
		    (int)a->fee_pages, "tariff", a->fee_tariff));
	return d;
}

/*
 * The head signing without text of his own signs the executor's draft:
 * its text, items and fee become the action's.
 */
static void
take_draft(const struct request_row *r, struct request_action *a)
{
	json_t *d, *items, *it, *fee;
	size_t i;

	if ((d = r->draft) == NULL)
		return;
	if (a->ev.kind == REQ_EV_ANSWER && (a->text == NULL || a->text[0] == '\0'))
		a->text = json_string_value(json_object_get(d, "text"));
	if (a->ev.kind == REQ_EV_ANSWER && !a->complete_given)
		a->ev.complete = !json_is_false(json_object_get(d, "complete"));
	if (a->ev.kind == REQ_EV_REFUSE && a->ev.ground == REQ_GROUND_NONE &&
	    request_ground_parse(json_string_value(json_object_get(d,
	    "ground")), &a->ev.ground) != 0)
		a->ev.ground = REQ_GROUND_NONE;
	if (a->ev.kind == REQ_EV_REFUSE && (a->justification == NULL ||
	    a->justification[0] == '\0'))
		a->justification = json_string_value(json_object_get(d,
		    "justification"));
	if (a->nitems == 0 && (items = json_object_get(d, "items")) != NULL)
		json_array_foreach(items, i, it) {
			if (i >= FILING_MAX_QUESTIONS)
				break;
			a->items[i].n = (long)json_integer_value(
			    json_object_get(it, "n"));
			a->items[i].answered = json_is_true(json_object_get(it,
			    "answered"));
			a->items[i].answer = json_string_value(json_object_get(it,
			    "answer"));
			a->nitems = i + 1;
		}
	if (a->fee_pages < 0 && (fee = json_object_get(d, "fee")) != NULL) {
		a->fee_pages = (long)json_integer_value(json_object_get(fee,
		    "pages"));
		a->fee_tariff = json_string_value(json_object_get(fee, "tariff"));
	}
}

/* Who may act: the requester withdraws; officials of the holder do the rest. */
static bool
allowed(struct eco_ctx *ctx, const struct request_row *r,
    const struct request_action *a, struct act_result *out)
{
	const char *why;

	/* The requester's own account: not the registrar who entered a
	 * paper request. */
	if (a->kind == ACT_EVENT && a->ev.kind == REQ_EV_WITHDRAW) {
		if (view_is_requester(ctx, r))
			return true;
		fail(out, 403, "forbidden",
		    N_("Only the requester can withdraw a request."));
		return false;
	}
	if (ctx->user.role != ECO_ROLE_OFFICIAL ||
	    ctx->user.holder_id != r->holder_id) {
		fail(out, 403, "other_holder",
		    N_("This request is addressed to another information holder."));
		return false;
	}
	if ((why = act_forbidden(a, ctx->user.position)) != NULL) {
		fail(out, 403, "wrong_position", why);
		return false;
	}
	return true;
}

/* The values that the database must confirm. */
static bool
valid_here(struct eco_ctx *ctx, const struct request_row *r,
    struct request_action *a, struct act_result *out)
{
	const char *p[2];
	PGresult *res;
	long d;

	if (a->kind == ACT_EVENT && a->ev.kind == REQ_EV_ASSIGN) {
		p[0] = store_id(ctx, a->ev.id);
		p[1] = store_id(ctx, r->holder_id);
		if ((res = eco_db_exec(ctx->db, ctx->arena, &q_executor, 2,
		    p)) == NULL) {
			fail(out, 503, "unavailable", NULL);
			return false;
		}
		if (PQntuples(res) != 1) {
			fail(out, 400, "invalid_executor",
			    N_("The executor must be an official of this holder."));
			return false;
		}
	}
	if (a->kind == ACT_EVENT && a->ev.kind == REQ_EV_REDIRECT &&
	    a->ev.id == r->holder_id) {
		fail(out, 400, "invalid_holder",
		    N_("A request cannot be redirected to the holder it is addressed to."));
		return false;
	}
	if (a->kind == ACT_NOTIFY) {
		(void)eco_date_parse(a->notified_on, &d);
		if (r->st.notify_due_on == 0) {
			fail(out, 409, "nothing_to_notify",
			    N_("There is no extension to notify the requester of."));
			return false;
		}
		if (d > ctx->today) {
			fail(out, 400, "future_date",
			    N_("The date cannot be in the future."));
			return false;
		}
	}
	if (a->kind == ACT_DRAFT && r->st.status != REQ_IN_PROGRESS &&
	    r->st.status != REQ_EXTENDED) {
		fail(out, 409, "unlawful",
		    N_("This action is not allowed in the request's status"));
		return false;
	}
	if (a->kind == ACT_EVENT && a->ev.kind == REQ_EV_ANSWER &&
	    (a->text == NULL || a->text[0] == '\0')) {
		fail(out, 400, "invalid_text",
		    N_("Write the answer, or sign the executor's draft."));
		return false;
	}
	if (a->kind == ACT_EVENT && a->ev.kind == REQ_EV_REFUSE &&
	    !eco_text_ok(a->justification, ACT_JUSTIFICATION_MAX, true)) {
		fail(out, 400, "invalid_justification",
		    N_("Give the reasons (up to 5,000 characters)."));
		return false;
	}
	return true;
}

/* Applies one workflow event and records it; *fx tells what it did. */
static int
apply_event(struct eco_ctx *ctx, struct request_row *r,
    const struct request_event *ev, struct request_effects *fx,
    struct act_result *out)
{
	const struct eco_calendar *cal = eco_calendar_current(ctx);

	if (cal == NULL) {
		fail(out, 503, "unavailable", NULL);
		return -1;
	}
	switch (request_apply(cal, &r->st, ev, ctx->today, fx)) {
	case REQ_OK:
		return 0;
	case REQ_BAD_INPUT:
		fail(out, 400, "bad_request", fx->message);
		return -1;
	default:
		fail(out, 409, "unlawful", fx->message);
		return -1;
	}
}

/* The answer's questions, fee and text, or the refusal's reasons. */
static int
store_answer(struct eco_ctx *ctx, const struct request_row *r,
    const struct request_action *a)
{
	const char *p[5];
	size_t i;

	p[0] = store_id(ctx, r->id);
	p[1] = a->ev.kind == REQ_EV_ANSWER ? a->text : NULL;
	p[2] = a->justification != NULL && a->justification[0] != '\0' ?
	    a->justification : NULL;
	p[3] = a->fee_pages >= 0 && r->fee_exemption == NULL ?
	    eco_sprintf(ctx->arena, "%ld", a->fee_pages) : NULL;
	p[4] = p[3] != NULL ? a->fee_tariff : NULL;
	if (eco_db_exec(ctx->db, ctx->arena, &q_save_answer, 5, p) == NULL)
		return -1;
	for (i = 0; i < a->nitems; i++) {
		p[1] = eco_sprintf(ctx->arena, "%ld", a->items[i].n);
		p[2] = a->items[i].answered ? "t" : "f";
		p[3] = a->items[i].answer;
		if (eco_db_exec(ctx->db, ctx->arena, &q_answer_item, 4, p) ==
		    NULL)
			return -1;
	}
	return 0;
}

/* The timeline entry of a workflow event, with the deadline it met or not. */
static int
record_event(struct eco_ctx *ctx, struct request_row *r,
    const struct request_action *a, long old_due, const char *old_rule,
    const struct request_effects *fx, long long new_id, const char *new_no)
{
	const struct request_event *ev = &a->ev;
	const char *type = request_event_code(ev->kind);
	json_t *d = json_object();

	if (a->justification != NULL && a->justification[0] != '\0')
		json_object_set_new(d, "justification",
		    json_string(a->justification));
	switch (ev->kind) {
	case REQ_EV_CLASSIFY:
		json_object_set_new(d, "complexity",
		    json_string(request_complexity_code(ev->complexity)));
		json_object_set_new(d, "due_on",
		    json_string(store_iso(ctx, fx->due_on)));
		return store_event(ctx, r->id, type, ctx->today, NULL, 0, d);
	case REQ_EV_EXTEND:
		json_object_set_new(d, "reason",
		    json_string(request_reason_code(ev->reason)));
		json_object_set_new(d, "days", json_integer(ev->days));
		json_object_set_new(d, "due_on",
		    json_string(store_iso(ctx, fx->due_on)));
		json_object_set_new(d, "notify_due_on",
		    json_string(store_iso(ctx, fx->notify_due_on)));
		return store_event(ctx, r->id, type, ctx->today, old_rule,
		    old_due, d);
	case REQ_EV_REDIRECT:
		json_object_set_new(d, "to_holder_id", json_integer(ev->id));
		json_object_set_new(d, "to_request_id", json_integer(new_id));
		json_object_set_new(d, "to_reg_no", json_string(new_no));
		return store_event(ctx, r->id, type, ctx->today, "redirect",
		    r->st.redirect_due_on, d);
	case REQ_EV_ANSWER:
		json_object_set_new(d, "complete", json_boolean(ev->complete));
		return store_event(ctx, r->id, type, ctx->today, old_rule,
		    old_due, d);
	case REQ_EV_REFUSE:
		json_object_set_new(d, "ground",
		    json_string(request_ground_code(ev->ground)));
		return store_event(ctx, r->id, type, ctx->today, "refuse",
		    r->st.refusal_due_on, d);
	default:
		return store_event(ctx, r->id, type, ctx->today, NULL, 0, d);
	}
}

/* A workflow event in the transaction: apply, store, timeline, mail. */
static int
do_event(struct eco_ctx *ctx, struct request_row *r,
    struct request_action *a, struct act_result *out)
{
	struct request_effects fx;
	long long new_id = 0;
	const char *new_no = NULL;
	long old_due = r->st.due_on;
	const char *old_rule = answer_rule(&r->st);
	int rc;

	/* An official who answers, refuses or extends a request nobody was
	 * assigned takes it on: the assignment is recorded first, and the
	 * followers hear of the step itself only. */
	if (r->st.status == REQ_REGISTERED && (a->ev.kind == REQ_EV_ANSWER ||
	    a->ev.kind == REQ_EV_REFUSE || a->ev.kind == REQ_EV_EXTEND)) {
		struct request_event assign = { .kind = REQ_EV_ASSIGN,
		    .id = (long)ctx->user.id };

		if (apply_event(ctx, r, &assign, &fx, out) != 0 ||
		    store_event_quiet(ctx, r->id, "assign", ctx->today) !=
		    STORE_OK)
			return -1;
	}
	if (apply_event(ctx, r, &a->ev, &fx, out) != 0)
		return -1;
	if (a->ev.kind == REQ_EV_REDIRECT) {
		rc = store_open_redirected(ctx, r, a->ev.id, &new_id, &new_no);
		if (rc == STORE_BAD_HOLDER) {
			fail(out, 400, "invalid_holder",
			    N_("Unknown information holder"));
			return -1;
		}
		if (rc != STORE_OK)
			return -1;
	}
	if ((a->ev.kind == REQ_EV_ANSWER || a->ev.kind == REQ_EV_REFUSE) &&
	    store_answer(ctx, r, a) != 0)
		return -1;
	/* What the mail quotes. */
	if (a->ev.kind == REQ_EV_ANSWER)
		r->answer_text = a->text;
	r->justification = a->justification;
	if (store_save_state(ctx, r->id, &r->st) != STORE_OK ||
	    record_event(ctx, r, a, old_due, old_rule, &fx, new_id,
	    new_no) != STORE_OK)
		return -1;
	return notify_event(ctx, r, request_event_code(a->ev.kind), new_no);
}

static int
do_draft(struct eco_ctx *ctx, struct request_row *r,
    const struct request_action *a)
{
	const char *p[3];
	char *json;
	json_t *d = draft_json(a);

	json = json_dumps(d, JSON_COMPACT);
	json_decref(d);
	if (json == NULL)
		return -1;
	p[0] = store_id(ctx, r->id);
	p[1] = eco_strdup(ctx->arena, json);
	p[2] = store_id(ctx, ctx->user.id);
	free(json);
	if (eco_db_exec(ctx->db, ctx->arena, &q_save_draft, 3, p) == NULL)
		return -1;
	return store_event(ctx, r->id, "draft", ctx->today, NULL, 0,
	    json_pack("{s:s}", "of", a->draft_refusal ? "refuse" : "answer"));
}

static int
do_notify(struct eco_ctx *ctx, struct request_row *r,
    const struct request_action *a)
{
	long d;

	(void)eco_date_parse(a->notified_on, &d);
	return store_event(ctx, r->id, "notify", d,
	    r->st.extended_holders ? "notify_extend_holders" :
	    "notify_extend_inspection", r->st.notify_due_on,
	    json_pack("{s:s}", "channel", "paper"));
}

/*
 * The files of the step: a draft's are the holder's until the head signs;
 * an answer or a refusal issues them with those of the draft.
 */
static int
do_files(struct eco_ctx *ctx, const struct request_row *r,
    const struct request_action *a, struct act_result *out)
{
	bool issue = a->kind == ACT_EVENT;
	long n;

	/* A file already taken away (the form sent twice) is no error. */
	if (a->nremove > 0 && attachments_remove_drafts(ctx, r->id, a->remove,
	    a->nremove) != 0)
		return -1;
	if (a->nfiles > 0) {
		if (attachments_count(ctx, r->id, &n) != 0)
			return -1;
		if (n + (long)a->nfiles > ATTACH_MAX) {
			fail(out, 400, "too_many_files",
			    N_("An answer has at most 10 files."));
			return -1;
		}
		if (attachments_add(ctx, r->id, a->files, a->nfiles, issue) != 0)
			return -1;
	}
	return issue && takes_files(a) ? attachments_issue(ctx, r->id) : 0;
}

/* Everything after the lock, inside the transaction. */
static void
act_locked(struct eco_ctx *ctx, long long id, struct request_action *a,
    struct act_result *out)
{
	struct request_row r;
	json_t *audit;
	int rc;

	rc = store_load(ctx, id, true, &r);
	if (rc == STORE_NOT_FOUND) {
		fail(out, 404, "not_found", N_("There is no such request."));
		return;
	}
	if (rc != STORE_OK || !allowed(ctx, &r, a, out))
		return;
	if (a->kind == ACT_EVENT && (a->ev.kind == REQ_EV_ANSWER ||
	    a->ev.kind == REQ_EV_REFUSE))
		take_draft(&r, a);
	if (!valid_here(ctx, &r, a, out))
		return;
	switch (a->kind) {
	case ACT_DRAFT:
		rc = do_draft(ctx, &r, a);
		break;
	case ACT_NOTIFY:
		rc = do_notify(ctx, &r, a);
		break;
	default:
		rc = do_event(ctx, &r, a, out);
		break;
	}
	if (rc != 0 || do_files(ctx, &r, a, out) != 0)
		return;
	audit = json_pack("{s:s,s:i}", "type", a->kind == ACT_DRAFT ? "draft" :
	    a->kind == ACT_NOTIFY ? "notify" : request_event_code(a->ev.kind),
	    "files", (int)a->nfiles);
	if (eco_audit(ctx, "request.act", "request", store_id(ctx, id), audit) != 0)
		return;
	out->status = 200;
}

void
request_act(struct eco_ctx *ctx, long long id, const struct request_action *in,
    struct act_result *out)
{
	struct request_action a = *in;

	fail(out, 503, "unavailable", NULL);
	if (eco_db_begin(ctx->db) != 0)
		return;
	act_locked(ctx, id, &a, out);
	if (out->status == 200 && eco_db_commit(ctx->db) == 0)
		return;
	eco_db_rollback(ctx->db);
	if (out->status == 200)
		fail(out, 503, "unavailable", NULL);
}
