/*
 * The clerks' pages of the court registry: a form for a new case, and a
 * case's edit page with its main fields' form and a small form for each
 * change of its lists (add a party, a claim, an event, an amount, a court
 * act, a request link; change a claim's outcome; remove an entry).  Plain
 * forms, POST and 303: no script.  Every change reads the case as the API
 * gives it (case_store_read), changes that part of the record
 * (case_form.c) and saves it through case_save, which checks it, writes
 * it and its audit row in one transaction.  Clerks and administrators
 * only (main.c).
 */
#include <string.h>

#include "app.h"
#include "buf.h"
#include "case_form.h"
#include "case_save.h"
#include "case_store.h"
#include "case_text.h"
#include "labels.h"
#include "../requests/status_names.h"
#include "pages.h"
#include "regions.h"
#include "validate.h"

/* The text fields of the main form and of the forms that add, kept as
 * typed when a form comes back with errors. */
static const char *const kept[] = {
	"key", "title_kk", "title_ru", "summary_kk", "summary_ru", "court_kk",
	"court_ru", "notes", "party_name_kk", "party_name_ru", "claim_text_kk",
	"claim_text_ru", "event_date", "event_text_kk", "event_text_ru",
	"amount_value", "amount_what_kk", "amount_what_ru", "act_date",
	"act_title", "act_body", "request_reg_no"
};

/* The three flags of a case: field and msgid. */
static const char *const flags[][2] = {
	{ "aarhus_applied", N_("Aarhus Convention norms applied") },
	{ "indefinite_circle", N_("For an indefinite circle of persons") },
	{ "state_fee_exempt", N_("Exempt from the state fee") },
};

/*
 * The token's role is enough for a link: the pages it leads to check the
 * session against the database, and the public pages ask it nothing more.
 */
bool
court_can_edit(const struct eco_ctx *ctx)
{
	return ctx->have_claims &&
	    (ctx->claims.role & (ECO_ROLE_CLERK | ECO_ROLE_ADMIN)) != 0;
}

static const char *
form_get(void *ud, const char *name)
{
	return eco_form(ud, name);
}

static int
not_found(struct eco_ctx *ctx)
{
	return eco_error(ctx, 404, NULL, N_("There is no such court case."));
}

/* o[a][b] (b NULL: o[a]) as a string, "" when absent. */
static const char *
str(json_t *o, const char *a, const char *b)
{
	json_t *v = json_object_get(o, a);
	const char *s;

	if (b != NULL)
		v = json_object_get(v, b);
	s = json_string_value(v);
	return s != NULL ? s : "";
}

/* The form's value of a <select> if it came, else the case's. */
static const char *
pick(struct eco_ctx *ctx, const char *name, const char *fallback)
{
	const char *v = eco_form(ctx, name);

	return v != NULL ? v : fallback;
}

/* A flag's value for its <select>: yes, no or unknown. */
static const char *
flag_code(json_t *v)
{
	return json_is_true(v) ? "yes" : json_is_false(v) ? "no" : "unknown";
}

/* The flags' <select>s, each with its options and its error. */
static json_t *
flag_selects(struct eco_ctx *ctx, json_t *record, json_t *errors)
{
	static const char *const codes[][2] = {
		{ "unknown", N_("Not known") }, { "yes", N_("Yes") },
		{ "no", N_("No") }
	};
	json_t *out = json_array(), *options;
	const char *chosen;
	size_t i, j;

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		chosen = pick(ctx, flags[i][0], flag_code(json_object_get(
		    record, flags[i][0])));
		options = json_array();
		for (j = 0; j < sizeof(codes) / sizeof(codes[0]); j++)
			json_array_append_new(options, json_pack("{s:s,s:s,s:b}",
			    "code", codes[j][0], "name", eco_tr(ctx, codes[j][1]),
			    "selected", strcmp(chosen, codes[j][0]) == 0));
		json_array_append_new(out, json_pack("{s:s,s:s,s:s?,s:o}",
		    "field", flags[i][0], "name", eco_tr(ctx, flags[i][1]),
		    "error", json_string_value(json_object_get(errors,
		    flags[i][0])), "options", options));
	}
	return out;
}

/* The main form's values: the case's, or what came with the form. */
static void
main_fields(struct eco_ctx *ctx, json_t *data, json_t *record)
{
	json_object_set_new(data, "key", json_string(str(record, "key", NULL)));
	json_object_set_new(data, "title_kk", json_string(str(record, "title",
	    "kk")));
	json_object_set_new(data, "title_ru", json_string(str(record, "title",
	    "ru")));
	json_object_set_new(data, "summary_kk", json_string(str(record,
	    "summary", "kk")));
	json_object_set_new(data, "summary_ru", json_string(str(record,
	    "summary", "ru")));
	json_object_set_new(data, "court_kk", json_string(str(record,
	    "court_first_instance", "kk")));
	json_object_set_new(data, "court_ru", json_string(str(record,
	    "court_first_instance", "ru")));
	json_object_set_new(data, "notes", json_string(str(record, "notes",
	    NULL)));
	json_object_set_new(data, "regions", eco_code_options(ctx,
	    eco_region_code, eco_region_msgid, pick(ctx, "region",
	    str(record, "region", NULL))));
	json_object_set_new(data, "case_types", eco_code_options(ctx,
	    court_case_type_code, court_label_case_type, pick(ctx,
	    "case_type", str(record, "case_type", NULL))));
	json_object_set_new(data, "categories", eco_code_options(ctx,
	    court_category_code, court_label_category, pick(ctx, "category",
	    str(record, "category", NULL))));
	json_object_set_new(data, "statuses", eco_code_options(ctx,
	    court_status_code, court_label_status, pick(ctx, "status",
	    str(record, "status", "pending"))));
	eco_form_keep(ctx, data, kept, sizeof(kept) / sizeof(kept[0]));
	json_object_set_new(data, "flags", flag_selects(ctx, record,
	    json_object_get(data, "errors")));
}

/* The <select>s of the forms that add to the lists. */
static void
add_selects(struct eco_ctx *ctx, json_t *data)
{
	static const struct {
		const char	*key;
		const char	*field;
		const char	*(*code_at)(size_t);
		const char	*(*label)(const char *);
	} s[] = {
		{ "party_roles", "party_role", court_role_code,
		    court_label_role },
		{ "party_kinds", "party_kind", court_party_kind_code,
		    court_label_party_kind },
		{ "claim_outcomes", "claim_outcome", court_outcome_code,
		    court_label_outcome },
		{ "event_instances", "event_instance", court_instance_code,
		    court_label_instance },
		{ "event_types", "event_type", court_event_type_code,
		    court_label_event_type },
		{ "event_results", "event_result", court_event_result_code,
		    court_label_event_result },
		{ "amount_units", "amount_unit", court_unit_code,
		    court_label_unit },
		{ "act_instances", "act_instance", court_level_code,
		    court_label_level },
		{ "act_kinds", "act_kind", court_document_kind_code,
		    court_label_document_kind },
		{ "act_languages", "act_language", court_language_code,
		    court_label_language },
	};
	size_t i;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		json_object_set_new(data, s[i].key, eco_code_options(ctx,
		    s[i].code_at, s[i].label, eco_form(ctx, s[i].field)));
}

/* A code's name in the page's language ("" for none). */
static const char *
label(struct eco_ctx *ctx, const char *(*name)(const char *), json_t *o,
    const char *member)
{
	const char *m = name(json_string_value(json_object_get(o, member)));

	return m[0] != '\0' ? eco_tr(ctx, m) : "";
}

/* A date as precise as known, in words ("2019", "date not known"). */
static const char *
date_words(struct eco_ctx *ctx, json_t *e)
{
	struct eco_buf b;

	eco_buf_init(&b, ctx->arena);
	court_date_text(ctx->app->catalogs, ctx->lang,
	    json_string_value(json_object_get(e, "date")), &b);
	return b.data != NULL ? b.data : "";
}

/* What the edit page lists of entry e of list: a text and its details. */
static json_t *
describe(struct eco_ctx *ctx, const char *list, json_t *e, const char *l)
{

	if (strcmp(list, "parties") == 0)
		return json_pack("{s:s,s:s++}", "text", str(e, "name", l),
		    "detail", label(ctx, court_label_role, e, "role"), " · ",
		    label(ctx, court_label_party_kind, e, "kind"));
	if (strcmp(list, "claims") == 0)
		return json_pack("{s:s,s:s}", "text", str(e, "text", l),
		    "detail", json_is_string(json_object_get(e, "outcome")) ?
		    label(ctx, court_label_outcome, e, "outcome") :
		    eco_tr(ctx, N_("Not known")));
	if (strcmp(list, "events") == 0)
		return json_pack("{s:s,s:s++++++}", "text", str(e, "text", l),
		    "detail", date_words(ctx, e), " · ",
		    label(ctx, court_label_instance, e, "instance"), " · ",
		    label(ctx, court_label_event_type, e, "type"),
		    json_is_string(json_object_get(e, "result")) ? " · " : "",
		    label(ctx, court_label_event_result, e, "result"));
	if (strcmp(list, "amounts") == 0)
		return json_pack("{s:s,s:s++}", "text", str(e, "what", l),
		    "detail", eco_sprintf(ctx->arena, "%.15g",
		    json_number_value(json_object_get(e, "value"))), " ",
		    label(ctx, court_label_unit, e, "unit"));
	if (strcmp(list, "documents") == 0)
		return json_pack("{s:s,s:s++++}", "text", str(e, "title", NULL),
		    "detail", label(ctx, court_label_document_kind, e, "kind"),
		    " · ", label(ctx, court_label_instance, e, "instance"),
		    " · ", date_words(ctx, e));
	return json_pack("{s:s,s:s}", "text", str(e, "reg_no", NULL),
	    "detail", label(ctx, request_status_name, e, "status"));
}

/* The entries of list with what the remove button sends back. */
static json_t *
entries(struct eco_ctx *ctx, json_t *record, const char *list)
{
	const char *l = court_text_lang(ctx);
	json_t *out = json_array(), *e, *item;
	size_t i;

	json_array_foreach(json_object_get(record, list), i, e) {
		item = describe(ctx, list, e, l);
		json_object_set_new(item, "list", json_string(list));
		json_object_set_new(item, "index", json_integer((json_int_t)i));
		json_object_set_new(item, "check", json_string(
		    case_form_check(ctx->arena, e)));
		if (strcmp(list, "claims") == 0)
			json_object_set_new(item, "outcomes", eco_code_options(
			    ctx, court_outcome_code, court_label_outcome,
			    str(e, "outcome", NULL)));
		json_array_append_new(out, item);
	}
	return out;
}

/* errors with the record's paths named as the form's fields. */
static void
form_errors(struct eco_ctx *ctx, json_t *data, struct eco_field_error *errors,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		errors[i].field = case_form_field(ctx->arena, errors[i].field);
	eco_form_errors(ctx, data, errors, n);
}

/*
 * The new case's form (record NULL) or case id's edit page, with the
 * problems of the form that was sent; conflict: the entry a form named has
 * changed since the page was shown.
 */
static int
render(struct eco_ctx *ctx, int status, long long id, json_t *record,
    struct eco_field_error *errors, size_t n, bool conflict)
{
	static const char *const lists[] = { "parties", "claims", "events",
	    "amounts", "documents", "requests" };
	const char *saved = eco_query(ctx, "saved");
	json_t *data = json_object();
	size_t i;

	json_object_set_new(data, "csrf", json_string(eco_csrf(ctx)));
	form_errors(ctx, data, errors, n);
	main_fields(ctx, data, record);
	if (id == 0) {
		json_object_set_new(data, "title", json_string(eco_tr(ctx,
		    N_("Add a court case"))));
		return eco_render(ctx, status, "courts/new", data);
	}
	json_object_set_new(data, "id", json_integer(id));
	json_object_set_new(data, "title", json_string(eco_tr(ctx,
	    N_("Edit the court case"))));
	json_object_set_new(data, "case_title", json_string(str(record,
	    "title", court_text_lang(ctx))));
	json_object_set_new(data, "text_lang", json_string(
	    court_text_lang(ctx)));
	json_object_set_new(data, "saved", json_boolean(saved != NULL &&
	    strcmp(saved, "1") == 0 && status == 200));
	json_object_set_new(data, "conflict", json_boolean(conflict));
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		json_object_set_new(data, lists[i], entries(ctx, record,
		    lists[i]));
	add_selects(ctx, data);
	return eco_render(ctx, status, "courts/edit", data);
}

/*
 * GET /{lang}/courts/new: the form for a new case.  Clerks and
 * administrators.  200.
 */
int
page_court_new(struct eco_ctx *ctx)
{
	return render(ctx, 200, 0, NULL, NULL, 0, false);
}

/*
 * POST /{lang}/courts/new: adds the case the form describes.  Clerks and
 * administrators.  303 to the case's page; 400 the form again with each
 * field's problem and what was typed; 409 the same for a key another case
 * has; 503.
 */
int
page_court_new_save(struct eco_ctx *ctx)
{
	struct eco_field_error errors[CASE_MAX_ERRORS];
	json_t *record = json_object(), *saved = NULL;
	long long id = 0;
	size_t n = 0;
	int status;

	case_form_main(record, form_get, ctx);
	status = case_save(ctx, record, &id, &saved, errors, &n);
	json_decref(saved);
	/* The record lives on with the errors: a path may be its member's. */
	if (status == 201)
		status = eco_redirect(ctx, eco_url(ctx, eco_sprintf(ctx->arena,
		    "/courts/%lld", id)));
	else if (status == 400 || status == 409)
		status = render(ctx, status, 0, NULL, errors, n, false);
	else
		status = eco_error(ctx, 503, NULL, NULL);
	json_decref(record);
	return status;
}

/* Case id as the API gives it; NULL with the error page answered. */
static json_t *
read_case(struct eco_ctx *ctx, long long id, int *answer)
{
	json_t *c;
	int status;

	if (id <= 0) {
		*answer = not_found(ctx);
		return NULL;
	}
	if ((c = case_store_read(ctx->db, ctx->arena, id, &status)) == NULL)
		*answer = status == 404 ? not_found(ctx) :
		    eco_error(ctx, 503, NULL, NULL);
	return c;
}

/*
 * GET /{lang}/courts/{id}/edit: the case's edit page (?saved=1 after a
 * change).  Clerks and administrators.  200; 404 no such case; 503.
 */
int
page_court_edit(struct eco_ctx *ctx)
{
	long long id = eco_parse_id(eco_param(ctx, "id"));
	json_t *c;
	int status;

	if ((c = read_case(ctx, id, &status)) == NULL)
		return status;
	status = render(ctx, 200, id, c, NULL, 0, false);
	json_decref(c);
	return status;
}

/* Changes record as the form's part says. */
static enum case_form_result
change(struct eco_ctx *ctx, json_t *record, const char *part)
{
	if (strcmp(part, "case") == 0) {
		case_form_main(record, form_get, ctx);
		return CASE_FORM_OK;
	}
	if (strcmp(part, "claim_outcome") == 0)
		return case_form_outcome(ctx->arena, record,
		    eco_form(ctx, "index"), eco_form(ctx, "check"),
		    eco_form(ctx, "outcome"));
	if (strcmp(part, "remove") == 0)
		return case_form_remove(ctx->arena, record,
		    eco_form(ctx, "list"), eco_form(ctx, "index"),
		    eco_form(ctx, "check"));
	return case_form_add(record, part, form_get, ctx);
}

/* One form's change, made by case_change under the case's lock. */
struct edit {
	struct eco_ctx		*ctx;
	const char		*part;
	enum case_form_result	 result;
};

static int
apply_edit(json_t *record, void *ud)
{
	struct edit *e = ud;

	e->result = change(e->ctx, record, e->part);
	return e->result != CASE_FORM_OK;
}

/*
 * POST /{lang}/courts/{id}/edit: one change of the case, named by the
 * form's "part": case (the main fields), party, claim, event, amount, act,
 * request (add one), claim_outcome (index, check, outcome), remove (list,
 * index, check).  The case is read, changed and saved under its lock, so
 * two clerks' changes at once are both kept.  Clerks and administrators.
 * 303 to the edit page with ?saved=1; 400 a form this page does not send,
 * or the page again with the problems of the form that was sent; 404 no
 * such case; 409 the entry named is gone or changed since the page was
 * shown (the page again, as the case is now), or the key is another
 * case's; 503.
 */
int
page_court_edit_save(struct eco_ctx *ctx)
{
	struct eco_field_error errors[CASE_MAX_ERRORS];
	long long id = eco_parse_id(eco_param(ctx, "id"));
	struct edit e = { ctx, eco_form(ctx, "part"), CASE_FORM_BAD };
	json_t *now, *saved = NULL;
	size_t n = 0;
	int status;

	if (id <= 0)
		return not_found(ctx);
	if (e.part == NULL)
		return eco_error(ctx, 400, "bad_request",
		    N_("This form is not one of the case's edit page."));
	status = case_change(ctx, id, apply_edit, &e, &saved, errors, &n);
	json_decref(saved);
	if (status == 200)
		return eco_redirect(ctx, eco_url(ctx, eco_sprintf(ctx->arena,
		    "/courts/%lld/edit?saved=1", id)));
	if (status == 404)
		return not_found(ctx);
	if (status == 0 && e.result == CASE_FORM_BAD)
		return eco_error(ctx, 400, "bad_request",
		    N_("This form is not one of the case's edit page."));
	if (status != 0 && status != 400 && status != 409)
		return eco_error(ctx, 503, NULL, NULL);
	/* The page again, with the case as it is now. */
	if ((now = read_case(ctx, id, &status)) == NULL)
		return status;
	status = e.result == CASE_FORM_STALE ?
	    render(ctx, 409, id, now, NULL, 0, true) :
	    render(ctx, status, id, now, errors, n, false);
	json_decref(now);
	return status;
}
