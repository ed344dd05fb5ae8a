/* The session API: sign in, who am I, sign out. */
#include "accounts.h"
#include "app.h"
#include "jsonbody.h"
#include "pages.h"
#include "session.h"

/*
 * POST /api/v1/session {"email","password"}: signs in.
 * 200 {"token","user":{...}} and the session cookie; 400 not a JSON object
 * or a field that is not a string;
 * 401 wrong e-mail or password; 429 too many failures for this address;
 * 503 database unavailable.
 */
int
api_session_create(struct eco_ctx *ctx)
{
	struct account a;
	const char *token;
	bool bad_type = false;
	const char *email, *password;

	if (ctx->req.json == NULL)
		return eco_error(ctx, 400, "bad_request",
		    N_("Send the e-mail and password as a JSON object."));
	email = eco_json_string(ctx->req.json, "email", &bad_type);
	password = eco_json_string(ctx->req.json, "password", &bad_type);
	if (bad_type)
		return eco_error(ctx, 400, "bad_request",
		    N_("Every field must be a text string."));

	switch (account_sign_in(ctx, email, password, &a, &token)) {
	case ACCOUNT_OK:
		break;
	case ACCOUNT_LOCKED:
		eco_response_header(&ctx->res, "Retry-After", "900");
		return eco_error(ctx, 429, "locked",
		    N_("Too many failed attempts for this e-mail address. Try again in 15 minutes."));
	case ACCOUNT_DB_ERROR:
		return eco_error(ctx, 503, NULL, NULL);
	default:
		return eco_error(ctx, 401, "bad_credentials",
		    N_("The e-mail address or the password is wrong."));
	}
	return eco_json(ctx, 200, json_pack("{s:s,s:o}", "token", token,
	    "user", account_json(&a)));
}

/*
 * GET /api/v1/me: the signed-in account (any role; the router has already
 * confirmed the session).  200 {"id","email","kind","full_name"}.
 */
int
api_me(struct eco_ctx *ctx)
{
	struct account a = {
		.id = ctx->user.id,
		.email = ctx->user.email,
		.kind = eco_role_name(ctx->user.role),
		.full_name = ctx->user.full_name,
	};

	return eco_json(ctx, 200, account_json(&a));
}

/*
 * DELETE /api/v1/session: signs out; the token is refused from then on.
 * 204; 503 database unavailable.
 */
int
api_session_delete(struct eco_ctx *ctx)
{
	if (eco_session_close(ctx) != 0)
		return eco_error(ctx, 503, NULL, NULL);
	return eco_no_content(ctx);
}
