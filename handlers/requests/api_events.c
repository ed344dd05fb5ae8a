/* POST /api/v1/requests/{id}/events: a step on a request over the API. */
#include <string.h>

#include <sodium.h>

#include "act.h"
#include "app.h"
#include "jsonbody.h"
#include "pages.h"
#include "store.h"
#include "view.h"

/* "questions": [{"n","answered","answer"}] of an answer or a draft. */
static void
read_items(json_t *body, struct request_action *a, bool *bad)
{
	json_t *list = json_object_get(body, "questions"), *it;
	size_t i;

	if (list == NULL || json_is_null(list))
		return;
	if (!json_is_array(list)) {
		*bad = true;
		return;
	}
	if (json_array_size(list) > FILING_MAX_QUESTIONS) {
		a->too_many_items = true;
		return;
	}
	json_array_foreach(list, i, it) {
		if (!json_is_object(it)) {
			*bad = true;
			return;
		}
		a->items[i].n = (long)eco_json_int(it, "n", 0, bad);
		a->items[i].answered = eco_json_bool(it, "answered", false, bad);
		a->items[i].answer = eco_json_string(it, "answer", bad);
		a->nitems = i + 1;
	}
}

/*
 * "attachments": [{"name", "content_type", "data"}], data in base64
 * (RFC 4648, with padding); the type is decided from the name and the
 * content (attachment.h), content_type is only checked to be text.  A
 * file over the limit is not decoded: its size is enough to refuse it.
 * false, with *why, for a member of the wrong type or data not base64.
 */
static bool
read_files(struct eco_ctx *ctx, json_t *body, struct request_action *a,
    const char **why)
{
	json_t *list = json_object_get(body, "attachments"), *it;
	struct attachment_file *f;
	const char *b64;
	unsigned char *bin;
	size_t i, len, max;
	bool bad = false;

	*why = N_("A field has the wrong type.");
	if (list == NULL || json_is_null(list))
		return true;
	if (!json_is_array(list))
		return false;
	json_array_foreach(list, i, it) {
		if (a->nfiles == ATTACH_MAX) {
			a->too_many_files = true;
			return true;
		}
		f = &a->files[a->nfiles++];
		if (!json_is_object(it))
			return false;
		f->name = eco_json_string(it, "name", &bad);
		(void)eco_json_string(it, "content_type", &bad);
		b64 = eco_json_string(it, "data", &bad);
		if (bad || b64 == NULL)
			return false;
		len = strlen(b64);
		/* 3 bytes for every 4 characters, less up to 2 of padding. */
		max = len / 4 * 3;
		if (max > ATTACH_SIZE_MAX + 2) {
			f->size = max;	/* too large: refused unread */
			continue;
		}
		max += 3;
		bin = eco_alloc(ctx->arena, max);
		if (sodium_base642bin(bin, max, b64, len, NULL, &f->size, NULL,
		    sodium_base64_VARIANT_ORIGINAL) != 0) {
			*why = N_("The data of an attached file must be base64.");
			return false;
		}
		f->data = bin;
	}
	return true;
}

/* "remove_attachments": [id, ...], draft files to take away. */
static void
read_removals(json_t *body, struct request_action *a, bool *bad)
{
	json_t *list = json_object_get(body, "remove_attachments"), *it;
	size_t i;

	if (list == NULL || json_is_null(list))
		return;
	if (!json_is_array(list)) {
		*bad = true;
		return;
	}
	json_array_foreach(list, i, it) {
		if (!json_is_integer(it) || json_integer_value(it) <= 0 ||
		    a->nremove == ATTACH_MAX) {
			a->bad_removal = true;
			return;
		}
		a->remove[a->nremove++] = (long long)json_integer_value(it);
	}
}

/* "fee": {"pages": N, "tariff": "12.50"} (a number is taken as text). */
static void
read_fee(json_t *body, struct request_action *a, bool *bad, char *tariff,
    size_t len)
{
	json_t *fee = json_object_get(body, "fee"), *t;

	if (fee == NULL || json_is_null(fee))
		return;
	if (!json_is_object(fee)) {
		*bad = true;
		return;
	}
	a->fee_pages = (long)eco_json_int(fee, "pages", -1, bad);
	if (a->fee_pages == -1)
		a->fee_pages = -2;	/* act_check: pages missing */
	t = json_object_get(fee, "tariff");
	if (json_is_string(t))
		a->fee_tariff = json_string_value(t);
	else if (json_is_integer(t)) {
		snprintf(tariff, len, "%lld", (long long)json_integer_value(t));
		a->fee_tariff = tariff;
	} else
		*bad = true;
}

/* The action from the body; false when a member has the wrong type. */
static bool
read_action(json_t *body, struct request_action *a, char *tariff, size_t len,
    const char **why)
{
	const char *s;
	bool bad = false;

	memset(a, 0, sizeof(*a));
	a->fee_pages = -1;
	if (act_parse_type(eco_json_string(body, "type", &bad), a) != 0) {
		*why = N_("Unknown action");
		return false;
	}
	a->justification = eco_json_string(body, "justification", &bad);
	a->text = eco_json_string(body, "text", &bad);
	a->ev.complete = eco_json_bool(body, "complete", true, &bad);
	a->complete_given = json_object_get(body, "complete") != NULL;
	a->notified_on = eco_json_string(body, "on", &bad);
	read_items(body, a, &bad);
	read_fee(body, a, &bad, tariff, len);
	read_removals(body, a, &bad);
	if (a->kind == ACT_DRAFT) {
		s = eco_json_string(body, "of", &bad);
		a->draft_refusal = s != NULL && strcmp(s, "refuse") == 0;
		if (s != NULL && !a->draft_refusal && strcmp(s, "answer") != 0)
			bad = true;
	}
	switch (a->kind == ACT_EVENT ? a->ev.kind : REQ_EV_COUNT) {
	case REQ_EV_ASSIGN:
		a->ev.id = (long)eco_json_int(body, "executor_id", 0, &bad);
		break;
	case REQ_EV_CLASSIFY:
		if (request_complexity_parse(eco_json_string(body,
		    "complexity", &bad), &a->ev.complexity) != 0)
			a->ev.complexity = REQ_UNCLASSIFIED;
		break;
	case REQ_EV_EXTEND:
		if (request_reason_parse(eco_json_string(body, "reason", &bad),
		    &a->ev.reason) != 0)
			a->ev.reason = REQ_EXTEND_NONE;
		a->ev.days = (long)eco_json_int(body, "days", 0, &bad);
		break;
	case REQ_EV_REDIRECT:
		a->ev.id = (long)eco_json_int(body, "to_holder_id", 0, &bad);
		break;
	default:
		break;
	}
	if (a->ev.kind == REQ_EV_REFUSE || a->kind == ACT_DRAFT)
		if (request_ground_parse(eco_json_string(body, "ground", &bad),
		    &a->ev.ground) != 0)
			a->ev.ground = REQ_GROUND_NONE;
	*why = N_("A field has the wrong type.");
	return !bad;
}

/*
 * POST /api/v1/requests/{id}/events: {"type": "assign" | "classify" |
 * "extend" | "redirect" | "draft" | "answer" | "refuse" | "not_consider" |
 * "notify" | "withdraw", ...}.  Officials of the request's holder (the head
 * signs answers and refusals); the requester withdraws.
 * 200 the request; 400 bad input; 403 other holder or wrong position;
 * 404 no such request; 409 unlawful in the request's status; 503.
 */
int
api_events_create(struct eco_ctx *ctx)
{
	long long id = eco_parse_id(eco_param(ctx, "id"));
	struct request_action a;
	struct act_result res;
	struct request_row r;
	const char *why;
	char tariff[32];
	json_t *view;
	int status;

	if (id <= 0)
		return eco_error(ctx, 404, "not_found",
		    N_("There is no such request."));
	if (ctx->req.json == NULL)
		return eco_error(ctx, 400, "bad_request",
		    N_("Send the action as a JSON object."));
	if (!read_action(ctx->req.json, &a, tariff, sizeof(tariff), &why) ||
	    !read_files(ctx, ctx->req.json, &a, &why))
		return eco_error(ctx, 400, "bad_request", why);
	if ((why = act_check(&a)) != NULL)
		return eco_error(ctx, 400, "bad_request", why);
	if ((why = act_check_files(&a, &status)) != NULL)
		return eco_error(ctx, status, status == 413 ?
		    "payload_too_large" : "invalid_attachment", why);
	request_act(ctx, id, &a, &res);
	if (res.status != 200)
		return eco_error(ctx, res.status, res.code, res.message);
	if (store_load(ctx, id, false, &r) != STORE_OK ||
	    (view = request_view(ctx, &r, view_access(ctx, &r))) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	return eco_json(ctx, 200, view);
}
