/*
 * The public page of a court case: its story in the page's language, the
 * parties by role, each claim with its outcome, one timeline through the
 * instances, the amounts, the court acts, the information requests it
 * grew from with their status, and the registry's notes.  No sign-in, no
 * JavaScript.  The case is read as the API gives it, its court acts
 * listed (case_store_read_listed); this file only names its codes and
 * writes its dates and sums.
 */
#include <string.h>

#include "app.h"
#include "buf.h"
#include "case_store.h"
#include "case_text.h"
#include "db.h"
#include "labels.h"
#include "../requests/status_names.h"
#include "pages.h"
#include "regions.h"
#include "validate.h"

/*
 * The language of the case's texts on this page: they are told in Kazakh
 * and Russian, and an English page reads the Russian ones.
 */
const char *
court_text_lang(const struct eco_ctx *ctx)
{
	return ctx->lang == ECO_LANG_KK ? "kk" : "ru";
}

/* o's text ({"kk","ru"}) in language l; NULL when there is none. */
static const char *
text_in(json_t *o, const char *l)
{
	return json_string_value(json_object_get(o, l));
}

/* A code's name in the page's language ("" for none). */
static json_t *
label(struct eco_ctx *ctx, const char *(*name)(const char *), json_t *code)
{
	const char *m = name(json_string_value(code));

	return json_string(m[0] != '\0' ? eco_tr(ctx, m) : "");
}

/* A date as precise as known, in words ("2019", "date not known"). */
static json_t *
date_words(struct eco_ctx *ctx, const char *date)
{
	struct eco_buf b;

	eco_buf_init(&b, ctx->arena);
	court_date_text(ctx->app->catalogs, ctx->lang, date, &b);
	return json_string(b.data);
}

/* A flag of the case: yes, no or not known. */
static json_t *
flag(struct eco_ctx *ctx, const char *msgid, json_t *v)
{
	return json_pack("{s:s,s:s}", "name", eco_tr(ctx, msgid), "value",
	    eco_tr(ctx, json_is_true(v) ? N_("Yes") : json_is_false(v) ?
	    N_("No") : N_("Not known")));
}

/* The parties grouped by role, the roles in their order. */
static json_t *
party_groups(struct eco_ctx *ctx, json_t *parties, const char *l)
{
	json_t *groups = json_array(), *list, *p;
	const char *role;
	size_t r, i;

	for (r = 0; (role = court_role_code(r)) != NULL; r++) {
		list = json_array();
		json_array_foreach(parties, i, p) {
			if (strcmp(json_string_value(json_object_get(p, "role")),
			    role) != 0)
				continue;
			json_array_append_new(list, json_pack("{s:s?,s:o}",
			    "name", text_in(json_object_get(p, "name"), l),
			    "kind", label(ctx, court_label_party_kind,
			    json_object_get(p, "kind"))));
		}
		if (json_array_size(list) == 0) {
			json_decref(list);
			continue;
		}
		json_array_append_new(groups, json_pack("{s:s,s:o}", "role",
		    eco_tr(ctx, court_label_role(role)), "parties", list));
	}
	return groups;
}

static json_t *
claims(struct eco_ctx *ctx, json_t *list, const char *l)
{
	json_t *out = json_array(), *c, *o;
	size_t i;

	json_array_foreach(list, i, c) {
		o = json_object_get(c, "outcome");
		json_array_append_new(out, json_pack("{s:s?,s:o}", "text",
		    text_in(json_object_get(c, "text"), l), "outcome",
		    json_is_string(o) ? label(ctx, court_label_outcome, o) :
		    json_string(eco_tr(ctx, N_("Not known")))));
	}
	return out;
}

/* The events, already in timeline order (case_store_read). */
static json_t *
timeline(struct eco_ctx *ctx, json_t *events, const char *l)
{
	json_t *out = json_array(), *e, *result;
	const char *date;
	size_t i;

	json_array_foreach(events, i, e) {
		date = json_string_value(json_object_get(e, "date"));
		result = json_object_get(e, "result");
		json_array_append_new(out, json_pack("{s:s?,s:o,s:o,s:o,s:o,"
		    "s:s?}", "datetime", date, "when", date_words(ctx, date),
		    "instance", label(ctx, court_label_instance,
		    json_object_get(e, "instance")),
		    "type", label(ctx, court_label_event_type,
		    json_object_get(e, "type")),
		    "result", json_is_string(result) ? label(ctx,
		    court_label_event_result, result) : json_null(),
		    "text", text_in(json_object_get(e, "text"), l)));
	}
	return out;
}

/* The amounts, the sums grouped by thousands. */
static json_t *
amounts(struct eco_ctx *ctx, json_t *list, const char *l)
{
	json_t *out = json_array(), *a, *v;
	struct eco_buf b;
	const char *text;
	size_t i;

	json_array_foreach(list, i, a) {
		v = json_object_get(a, "value");
		/* numeric comes as a JSON number; 15 digits keep 215.88 so. */
		text = json_is_integer(v) ? eco_sprintf(ctx->arena, "%lld",
		    (long long)json_integer_value(v)) : eco_sprintf(ctx->arena,
		    "%.15g", json_number_value(v));
		eco_buf_init(&b, ctx->arena);
		court_amount_text(ctx->lang, text, &b);
		json_array_append_new(out, json_pack("{s:s,s:o,s:s?}",
		    "value", b.data, "unit", label(ctx, court_label_unit,
		    json_object_get(a, "unit")), "what",
		    text_in(json_object_get(a, "what"), l)));
	}
	return out;
}

/* The information requests; a link only to those that are ours. */
static json_t *
requests(struct eco_ctx *ctx, json_t *list)
{
	json_t *out = json_array(), *r, *id;
	size_t i;

	json_array_foreach(list, i, r) {
		id = json_object_get(r, "id");
		json_array_append_new(out, json_pack("{s:o,s:s?,s:o}",
		    "reg_no", json_incref(json_object_get(r, "reg_no")),
		    "url", json_is_integer(id) ? eco_url(ctx, eco_sprintf(
		    ctx->arena, "/requests/%lld",
		    (long long)json_integer_value(id))) : NULL,
		    "status", label(ctx, request_status_name,
		    json_object_get(r, "status"))));
	}
	return out;
}

/* The court acts (case_store_read_listed's "documents") with a link to
 * each one's page. */
static json_t *
documents(struct eco_ctx *ctx, long long id, json_t *list)
{
	json_t *out = json_array(), *d;
	const char *date;
	size_t i;

	json_array_foreach(list, i, d) {
		date = json_string_value(json_object_get(d, "date"));
		json_array_append_new(out, json_pack("{s:s,s:o,s:o,s:s?,s:o,"
		    "s:s,s:s}", "url", eco_url(ctx, eco_sprintf(ctx->arena,
		    "/courts/%lld/acts/%lld", id, (long long)json_integer_value(
		    json_object_get(d, "id")))),
		    "kind", label(ctx, court_label_document_kind,
		    json_object_get(d, "kind")),
		    "instance", label(ctx, court_label_instance,
		    json_object_get(d, "instance")),
		    "datetime", date,
		    "when", date_words(ctx, date),
		    "language", json_string_value(json_object_get(d, "language")),
		    "title", json_string_value(json_object_get(d, "title"))));
	}
	return out;
}

/* What the template shows of case c (read with case_store_read_listed). */
static json_t *
case_page_data(struct eco_ctx *ctx, json_t *c, json_t *docs)
{
	const char *l = court_text_lang(ctx);
	const char *region = json_string_value(json_object_get(c, "region"));
	const char *region_msgid = region != NULL ? eco_region_msgid(region) :
	    NULL;
	json_t *d = json_object();

	json_object_set_new(d, "title", json_string(text_in(json_object_get(c,
	    "title"), l)));
	json_object_set_new(d, "text_lang", json_string(l));
	json_object_set_new(d, "story", court_paragraphs(text_in(
	    json_object_get(c, "summary"), l)));
	json_object_set_new(d, "court", json_string(text_in(json_object_get(c,
	    "court_first_instance"), l)));
	if (region_msgid != NULL)
		json_object_set_new(d, "region", json_string(eco_tr(ctx,
		    region_msgid)));
	json_object_set_new(d, "case_type", label(ctx, court_label_case_type,
	    json_object_get(c, "case_type")));
	json_object_set_new(d, "category", label(ctx, court_label_category,
	    json_object_get(c, "category")));
	json_object_set_new(d, "status", label(ctx, court_label_status,
	    json_object_get(c, "status")));
	json_object_set_new(d, "flags", json_pack("[o,o,o]",
	    flag(ctx, N_("Aarhus Convention norms applied"),
	    json_object_get(c, "aarhus_applied")),
	    flag(ctx, N_("For an indefinite circle of persons"),
	    json_object_get(c, "indefinite_circle")),
	    flag(ctx, N_("Exempt from the state fee"),
	    json_object_get(c, "state_fee_exempt"))));
	json_object_set_new(d, "party_groups", party_groups(ctx,
	    json_object_get(c, "parties"), l));
	json_object_set_new(d, "claims", claims(ctx, json_object_get(c,
	    "claims"), l));
	json_object_set_new(d, "events", timeline(ctx, json_object_get(c,
	    "events"), l));
	json_object_set_new(d, "amounts", amounts(ctx, json_object_get(c,
	    "amounts"), l));
	json_object_set_new(d, "documents", docs);
	json_object_set_new(d, "requests", requests(ctx, json_object_get(c,
	    "requests")));
	json_object_set(d, "notes", json_object_get(c, "notes"));
	return d;
}

/*
 * GET /{lang}/courts/{id}: the case's page.  200; 404 (the translated
 * page) for an unknown or malformed id; 503.
 */
int
page_court_case(struct eco_ctx *ctx)
{
	long long id = eco_parse_id(eco_param(ctx, "id"));
	json_t *c, *docs, *data;
	int status;

	if (id <= 0)
		return eco_error(ctx, 404, NULL, N_("There is no such court case."));
	if ((c = case_store_read_listed(ctx->db, ctx->arena, id, &status)) ==
	    NULL)
		return status == 404 ? eco_error(ctx, 404, NULL,
		    N_("There is no such court case.")) :
		    eco_error(ctx, 503, NULL, NULL);
	docs = documents(ctx, id, json_object_get(c, "documents"));
	data = case_page_data(ctx, c, docs);
	json_decref(c);
	json_object_set_new(data, "id", json_integer(id));
	json_object_set_new(data, "can_edit", json_boolean(court_can_edit(ctx)));
	return eco_render(ctx, 200, "courts/case", data);
}
