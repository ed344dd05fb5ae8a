/*
 * The information holders over the API: the list for the filing form, the
 * tracker and API clients, and the administrators' changes.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "holder_edit.h"
#include "holder_store.h"
#include "holders.h"
#include "jsonbody.h"
#include "pages.h"

/*
 * GET /api/v1/holders[?all=true]: every active information holder, or
 * with all=true the deactivated ones too.
 * 200 {"items":[{"id","code","name":{"kk","ru","en"},"region","kind",
 * "parent","parent_id","active"}]} (region and parent null for national
 * bodies); 400 all is neither true nor false; 503 database unavailable.
 */
int
api_holders(struct eco_ctx *ctx)
{
	const char *all = eco_query(ctx, "all");
	struct holder_row h;
	json_t *items;
	PGresult *res;
	int i;

	if (all != NULL && strcmp(all, "true") != 0 && strcmp(all, "false") != 0)
		return eco_error(ctx, 400, "bad_request",
		    N_("all must be true or false."));
	if ((res = holders_list(ctx, all != NULL && strcmp(all, "true") == 0)) ==
	    NULL)
		return eco_error(ctx, 503, NULL, NULL);
	items = json_array();
	for (i = 0; i < PQntuples(res); i++) {
		holder_from(res, i, &h);
		json_array_append_new(items, holder_json(&h));
	}
	return eco_json(ctx, 200, json_pack("{s:o}", "items", items));
}

json_t *
holder_options(struct eco_ctx *ctx, long long selected)
{
	struct holder_row h;
	json_t *items;
	PGresult *res;
	int i;

	if ((res = holders_list(ctx, false)) == NULL)
		return NULL;
	items = json_array();
	for (i = 0; i < PQntuples(res); i++) {
		holder_from(res, i, &h);
		json_array_append_new(items, json_pack("{s:I,s:s,s:b}",
		    "id", (json_int_t)h.id, "name", h.name[ctx->lang],
		    "selected", h.id == selected));
	}
	return items;
}

/*
 * GET /api/v1/holders/{id}: one holder, active or not (old requests name
 * deactivated ones).  200 the holder; 404; 503.
 */
int
api_holders_get(struct eco_ctx *ctx)
{
	struct holder_row h;
	int rc;

	if ((rc = holder_find(ctx, eco_param(ctx, "id"), &h)) != 0)
		return rc;
	return eco_json(ctx, 200, holder_json(&h));
}

/*
 * The holder from a JSON body, in GET's shape: "code", "kind", "region"
 * (null: national), "parent_id" (null: none), "name": {"kk","ru","en"},
 * "active".  False when a member has the wrong type.
 */
static bool
read_holder(json_t *body, struct holder_input *in)
{
	static const char *const langs[3] = { "kk", "ru", "en" };
	json_t *v, *names;
	bool bad = false;
	int l;

	memset(in, 0, sizeof(*in));
	in->active = -1;
	in->code = eco_json_string(body, "code", &bad);
	in->kind = eco_json_string(body, "kind", &bad);
	if ((v = json_object_get(body, "region")) != NULL)
		in->region = json_is_null(v) ? "" :
		    eco_json_string(body, "region", &bad);
	if ((v = json_object_get(body, "parent_id")) != NULL) {
		in->parent_given = true;
		in->parent_id = json_is_null(v) ? 0 :
		    eco_json_int(body, "parent_id", -1, &bad);
		if (in->parent_id <= 0 && !json_is_null(v))
			in->parent_id = -1;
	}
	if ((names = json_object_get(body, "name")) != NULL) {
		if (!json_is_object(names))
			return false;
		for (l = 0; l < 3; l++)
			in->name[l] = eco_json_string(names, langs[l], &bad);
	}
	if ((v = json_object_get(body, "active")) != NULL) {
		if (!json_is_boolean(v))
			return false;
		in->active = json_is_true(v);
	}
	return !bad;
}

/*
 * A 400 or 409 with every problem (eco_json_field_errors), named as the
 * body names them: the form's name_kk is the body's name.kk.
 */
static int
field_errors(struct eco_ctx *ctx, int status,
    const struct eco_field_error *errors, size_t n)
{
	struct eco_field_error *named = eco_alloc(ctx->arena,
	    n * sizeof(*named));
	size_t i;

	for (i = 0; i < n; i++) {
		named[i] = errors[i];
		if (strncmp(errors[i].field, "name_", 5) == 0)
			named[i].field = eco_sprintf(ctx->arena, "name.%s",
			    errors[i].field + 5);
	}
	return eco_json_field_errors(ctx, status, named, n);
}

/* The body checked and saved as holder id (0: a new one). */
static int
save(struct eco_ctx *ctx, long long id)
{
	struct eco_field_error errors[HOLDER_MAX_ERRORS];
	struct holder_input in;
	struct holder_row h;
	long long saved;
	size_t n;
	int status;

	if (ctx->req.json == NULL)
		return eco_error(ctx, 400, "bad_request",
		    N_("Send the holder as a JSON object."));
	if (!read_holder(ctx->req.json, &in))
		return eco_error(ctx, 400, "bad_request",
		    N_("A field has the wrong type."));
	if ((n = holder_check(&in, id == 0, errors)) > 0)
		return field_errors(ctx, 400, errors, n);
	status = holder_save(ctx, id, &in, &saved, errors);
	if (status == 404)
		return eco_error(ctx, 404, "not_found",
		    N_("There is no such information holder."));
	if (status == 400 || status == 409)
		return field_errors(ctx, status, errors, 1);
	if (status >= 300 || holder_load(ctx, saved, &h) != 0)
		return eco_error(ctx, 503, NULL, NULL);
	return eco_json(ctx, status, holder_json(&h));
}

/*
 * POST /api/v1/holders: an administrator adds a holder: "code", "kind"
 * and "name" required, "region", "parent_id" and "active" optional.
 * 201 the holder; 400 bad input (every field's message in
 * error.fields); 401; 403 not an administrator; 409 the code is taken;
 * 503.
 */
int
api_holders_create(struct eco_ctx *ctx)
{
	return save(ctx, 0);
}

/*
 * PUT /api/v1/holders/{id}: an administrator changes a holder; members
 * left out keep their value ({"active": false} deactivates it).
 * 200 the holder; 400 bad input; 401; 403 not an administrator; 404;
 * 409 the code is taken, the parent would make a cycle, or active
 * subordinate bodies keep it from being deactivated; 503.
 */
int
api_holders_update(struct eco_ctx *ctx)
{
	long long id = eco_parse_id(eco_param(ctx, "id"));

	if (id <= 0)
		return eco_error(ctx, 404, "not_found",
		    N_("There is no such information holder."));
	return save(ctx, id);
}
