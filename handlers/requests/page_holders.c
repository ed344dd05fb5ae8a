/*
 * The administrators' page of the information holders: the list, a form
 * to add one, the same form to change one (?edit=ID), and a button to
 * deactivate or activate each.  Plain forms, POST and 303: no script.
 */
#include <string.h>

#include "app.h"
#include "holder_edit.h"
#include "holder_store.h"
#include "labels.h"
#include "pages.h"

/* The form's fields, kept as typed when it comes back with errors. */
static const char *const kept[] = {
	"code", "name_kk", "name_ru", "name_en"
};

/* The table: every holder, active or not, names in the page's language. */
static json_t *
list_json(struct eco_ctx *ctx, PGresult *res)
{
	struct holder_row h, p;
	json_t *list = json_array();
	int i, j;

	for (i = 0; i < PQntuples(res); i++) {
		const char *parent = "";

		holder_from(res, i, &h);
		for (j = 0; h.parent_id != 0 && j < PQntuples(res); j++) {
			holder_from(res, j, &p);
			if (p.id == h.parent_id)
				parent = p.name[ctx->lang];
		}
		json_array_append_new(list, json_pack(
		    "{s:I,s:s,s:s,s:s,s:s,s:s,s:b}",
		    "id", (json_int_t)h.id, "code", h.code,
		    "name", h.name[ctx->lang],
		    "region", h.region[0] ? eco_tr(ctx, label_region(h.region)) :
		    "", "kind", eco_tr(ctx, label_holder_kind(h.kind)),
		    "parent", parent, "active", h.active));
	}
	return list;
}

/* The parent's <select>: the active holders but the one edited. */
static json_t *
parent_options(struct eco_ctx *ctx, PGresult *res, long long self,
    long long selected)
{
	struct holder_row h;
	json_t *list = json_array();
	int i;

	for (i = 0; i < PQntuples(res); i++) {
		holder_from(res, i, &h);
		if (h.active && h.id != self)
			json_array_append_new(list, json_pack("{s:I,s:s,s:b}",
			    "id", (json_int_t)h.id,
			    "name", h.name[ctx->lang], "selected",
			    h.id == selected));
	}
	return list;
}

/*
 * The page: the list and the form, filled from h (the holder edited, or
 * an empty one to add) or, when the form came back, from what was sent.
 */
static int
render(struct eco_ctx *ctx, int status, const struct holder_row *h,
    const struct eco_field_error *errors, size_t n)
{
	bool sent = eco_form(ctx, "code") != NULL;
	const char *region = sent ? eco_form(ctx, "region") : h->region;
	const char *kind = sent ? eco_form(ctx, "kind") : h->kind;
	long long parent = sent ? eco_parse_id(eco_form(ctx, "parent_id")) :
	    h->parent_id;
	const char *saved = eco_query(ctx, "saved");
	PGresult *res;
	json_t *data;

	if ((res = holders_list(ctx, true)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	data = json_pack("{s:s,s:s,s:o,s:b,s:I,s:s,s:s,s:s,s:s,s:b,s:o,s:o,"
	    "s:o}",
	    "title", eco_tr(ctx, N_("Information holders")),
	    "csrf", eco_csrf(ctx),
	    "holders", list_json(ctx, res),
	    "editing", h->id != 0,
	    "id", (json_int_t)h->id,
	    "code", h->code,
	    "name_kk", h->name[0], "name_ru", h->name[1], "name_en", h->name[2],
	    "active", sent ? eco_form(ctx, "active") != NULL : h->active,
	    "kinds", eco_code_options(ctx, label_holder_kind_code,
	    label_holder_kind, kind),
	    "regions", eco_code_options(ctx, label_region_code, label_region,
	    region),
	    "parents", parent_options(ctx, res, h->id, parent));
	if (saved != NULL && eco_parse_id(saved) > 0)
		json_object_set_new(data, "saved", json_true());
	eco_form_keep(ctx, data, kept, sizeof(kept) / sizeof(kept[0]));
	eco_form_errors(ctx, data, errors, n);
	return eco_render(ctx, status, "requests/holders", data);
}

/* An empty holder, for the form that adds one. */
static void
empty_holder(struct holder_row *h)
{
	memset(h, 0, sizeof(*h));
	h->code = h->region = h->kind = h->parent_code = "";
	h->name[0] = h->name[1] = h->name[2] = "";
	h->active = true;
}

/*
 * GET /{lang}/requests/holders[?edit=ID]: the holders and the form to add
 * one, or to change holder ID.  Administrators.  200; 404 no such holder
 * to edit; 503.
 */
int
page_holders(struct eco_ctx *ctx)
{
	const char *edit = eco_query(ctx, "edit");
	struct holder_row h;
	int rc;

	empty_holder(&h);
	if (edit != NULL && (rc = holder_find(ctx, edit, &h)) != 0)
		return rc;
	return render(ctx, 200, &h, NULL, 0);
}

/* The holder as the form sent it: every field (the box unticked is 0). */
static void
read_form(struct eco_ctx *ctx, struct holder_input *in)
{
	const char *parent = eco_form(ctx, "parent_id");

	memset(in, 0, sizeof(*in));
	in->code = eco_form(ctx, "code");
	in->kind = eco_form(ctx, "kind");
	in->region = eco_form(ctx, "region");
	if (in->region == NULL)
		in->region = "";
	in->parent_given = true;
	in->parent_id = parent == NULL || parent[0] == '\0' ? 0 :
	    eco_parse_id(parent);
	in->name[0] = eco_form(ctx, "name_kk");
	in->name[1] = eco_form(ctx, "name_ru");
	in->name[2] = eco_form(ctx, "name_en");
	in->active = eco_form(ctx, "active") != NULL;
}

/* Checks and saves in as holder id (0: new); 303 or the form again. */
static int
save(struct eco_ctx *ctx, long long id, struct holder_input *in,
    struct holder_row *shown)
{
	struct eco_field_error errors[HOLDER_MAX_ERRORS];
	long long saved;
	size_t n;
	int status;

	if ((n = holder_check(in, id == 0, errors)) > 0)
		return render(ctx, 400, shown, errors, n);
	status = holder_save(ctx, id, in, &saved, errors);
	if (status == 200 || status == 201)
		return eco_redirect(ctx, eco_url(ctx, eco_sprintf(ctx->arena,
		    "/requests/holders?saved=%lld#holder-%lld", saved, saved)));
	if (status == 404)
		return eco_error(ctx, 404, "not_found",
		    N_("There is no such information holder."));
	if (status == 400 || status == 409)
		return render(ctx, status, shown, errors, 1);
	return eco_error(ctx, 503, NULL, NULL);
}

/*
 * POST /{lang}/requests/holders: adds a holder.  Administrators.  303 to
 * the list; 400 or 409 the form again with the problems; 503.
 */
int
page_holders_create(struct eco_ctx *ctx)
{
	struct holder_input in;
	struct holder_row h;

	empty_holder(&h);
	read_form(ctx, &in);
	return save(ctx, 0, &in, &h);
}

/*
 * POST /{lang}/requests/holders/{id}: changes a holder with the form's
 * fields, or with action=deactivate or action=activate only that.
 * Administrators.  303 to the list; 400 or 409 the form again with the
 * problems; 404 no such holder; 503.
 */
int
page_holders_update(struct eco_ctx *ctx)
{
	const char *action = eco_form(ctx, "action");
	struct holder_input in;
	struct holder_row h;
	int rc;

	if ((rc = holder_find(ctx, eco_param(ctx, "id"), &h)) != 0)
		return rc;
	if (action != NULL && (strcmp(action, "deactivate") == 0 ||
	    strcmp(action, "activate") == 0)) {
		memset(&in, 0, sizeof(in));
		in.active = strcmp(action, "activate") == 0;
	} else
		read_form(ctx, &in);
	return save(ctx, h.id, &in, &h);
}
