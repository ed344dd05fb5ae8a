/* POST /api/v1/accounts: registration over the JSON API. */
#include "accounts.h"
#include "app.h"
#include "jsonbody.h"
#include "pages.h"

/*
 * Registers an individual or an organisation from
 * {"kind","email","password","full_name","iin"|"bin","org_name","lang"}.
 * 201 {"id","email","kind"}; 400 invalid field (the first one's code);
 * 409 e-mail already registered; 503 database unavailable.
 */
int
api_accounts_create(struct eco_ctx *ctx)
{
	struct eco_field_error errors[REGISTRATION_MAX_ERRORS];
	struct registration r;
	struct account a;
	json_t *body = ctx->req.json;
	bool bad_type = false;

	if (body == NULL)
		return eco_error(ctx, 400, "bad_request",
		    N_("Send the account as a JSON object."));
	r.kind = eco_json_string(body, "kind", &bad_type);
	r.email = eco_json_string(body, "email", &bad_type);
	r.password = eco_json_string(body, "password", &bad_type);
	r.full_name = eco_json_string(body, "full_name", &bad_type);
	r.iin = eco_json_string(body, "iin", &bad_type);
	r.bin = eco_json_string(body, "bin", &bad_type);
	r.org_name = eco_json_string(body, "org_name", &bad_type);
	r.lang = eco_json_string(body, "lang", &bad_type);
	if (bad_type)
		return eco_error(ctx, 400, "bad_request",
		    N_("Every field must be a text string."));
	if (registration_check(&r, errors) > 0)
		return eco_error(ctx, 400, errors[0].code, errors[0].message);

	switch (account_create(ctx, &r, false, &a)) {
	case ACCOUNT_OK:
		return eco_json(ctx, 201, json_pack("{s:I,s:s,s:s}",
		    "id", (json_int_t)a.id, "email", a.email, "kind", a.kind));
	case ACCOUNT_EXISTS:
		return eco_error(ctx, 409, "email_taken",
		    N_("An account with this e-mail address already exists."));
	default:
		return eco_error(ctx, 503, NULL, NULL);
	}
}
