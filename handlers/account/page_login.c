/* The sign-in and sign-out pages. */
#include <string.h>

#include "accounts.h"
#include "app.h"
#include "pages.h"
#include "session.h"

/*
 * A "next" address must stay on this site: a path that starts with one
 * "/" and holds no space, control character or backslash anywhere, since
 * browsers drop tabs and newlines and read "\\" as "/" ("/\t/evil.example"
 * would leave the site).
 */
static const char *
safe_next(struct eco_ctx *ctx, const char *next)
{
	size_t i;

	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    strlen(next) >= 1024)
		return eco_url(ctx, "/account");
	for (i = 0; next[i] != '\0'; i++) {
		unsigned char c = (unsigned char)next[i];

		if (c <= 0x20 || c == 0x7f || c == '\\')
			return eco_url(ctx, "/account");
	}
	return next;
}

static int
render_login(struct eco_ctx *ctx, int status, const char *email,
    const char *error)
{
	json_t *data = json_object();
	const char *next = eco_form(ctx, "next") ? eco_form(ctx, "next") :
	    eco_query(ctx, "next");

	json_object_set_new(data, "title", json_string(eco_tr(ctx, N_("Sign in"))));
	json_object_set_new(data, "csrf", json_string(eco_csrf(ctx)));
	json_object_set_new(data, "next", json_string(safe_next(ctx, next)));
	if (email != NULL)
		json_object_set_new(data, "email", json_string(email));
	if (error != NULL)
		json_object_set_new(data, "error", json_string(eco_tr(ctx, error)));
	return eco_render(ctx, status, "account/login", data);
}

/* GET /{lang}/account/login: the sign-in form.  200. */
int
page_login_form(struct eco_ctx *ctx)
{
	return render_login(ctx, 200, NULL, NULL);
}

/*
 * POST /{lang}/account/login: signs in and goes on to "next".
 * 303 on success; 401 wrong e-mail or password (form again);
 * 429 address locked; 503 database unavailable.
 */
int
page_login_submit(struct eco_ctx *ctx)
{
	const char *email = eco_form(ctx, "email");
	const char *token;
	struct account a;

	switch (account_sign_in(ctx, email, eco_form(ctx, "password"), &a,
	    &token)) {
	case ACCOUNT_OK:
		break;
	case ACCOUNT_LOCKED:
		eco_response_header(&ctx->res, "Retry-After", "900");
		return render_login(ctx, 429, email,
		    N_("Too many failed attempts for this e-mail address. Try again in 15 minutes."));
	case ACCOUNT_DB_ERROR:
		return eco_error(ctx, 503, NULL, NULL);
	default:
		return render_login(ctx, 401, email,
		    N_("The e-mail address or the password is wrong."));
	}
	return eco_redirect(ctx, safe_next(ctx, eco_form(ctx, "next")));
}

/*
 * POST /{lang}/account/logout: ends the session, if it is still open, and
 * returns home.  Public, so that a session revoked elsewhere can still
 * clear its cookie.  303; 503 database unavailable.
 */
int
page_logout(struct eco_ctx *ctx)
{
	if (eco_session_close(ctx) != 0)
		return eco_error(ctx, 503, NULL, NULL);
	return eco_redirect(ctx, eco_url(ctx, "/"));
}
