/* The account page and the password change. */
#include <string.h>

#include "accounts.h"
#include "app.h"
#include "pages.h"
#include "password.h"

/* The name of a kind of account, as the account page shows it. */
static const char *
kind_label(int role)
{
	switch (role) {
	case ECO_ROLE_INDIVIDUAL:	return N_("Person");
	case ECO_ROLE_ORGANISATION:	return N_("Organisation");
	case ECO_ROLE_OFFICIAL:		return N_("Official of an information holder");
	case ECO_ROLE_CLERK:		return N_("Clerk");
	default:			return N_("Administrator");
	}
}

/* GET /{lang}/account: who is signed in, with links.  200. */
int
page_profile(struct eco_ctx *ctx)
{
	json_t *data = json_object();

	json_object_set_new(data, "title",
	    json_string(eco_tr(ctx, N_("My account"))));
	json_object_set_new(data, "email", json_string(ctx->user.email));
	json_object_set_new(data, "full_name", json_string(ctx->user.full_name));
	json_object_set_new(data, "kind", json_string(eco_role_name(ctx->user.role)));
	json_object_set_new(data, "kind_label",
	    json_string(eco_tr(ctx, kind_label(ctx->user.role))));
	json_object_set_new(data, "welcome",
	    json_boolean(eco_query(ctx, "welcome") != NULL));
	json_object_set_new(data, "password_changed",
	    json_boolean(eco_query(ctx, "password") != NULL));
	return eco_render(ctx, 200, "account/profile", data);
}

static int
render_password(struct eco_ctx *ctx, int status, const char *error)
{
	json_t *data = json_object();

	json_object_set_new(data, "title",
	    json_string(eco_tr(ctx, N_("Change password"))));
	json_object_set_new(data, "csrf", json_string(eco_csrf(ctx)));
	if (error != NULL)
		json_object_set_new(data, "error", json_string(eco_tr(ctx, error)));
	return eco_render(ctx, status, "account/password", data);
}

/* GET /{lang}/account/password: the form.  200. */
int
page_password_form(struct eco_ctx *ctx)
{
	return render_password(ctx, 200, NULL);
}

/*
 * POST /{lang}/account/password: changes the password and ends the other
 * sessions of the account.  303 to the account page; 400 new password too
 * short or not repeated; 403 current password wrong; 503 database
 * unavailable.
 */
int
page_password_submit(struct eco_ctx *ctx)
{
	const char *next = eco_form(ctx, "new_password");
	const char *confirm = eco_form(ctx, "new_password_confirm");

	if (next == NULL || !eco_password_acceptable(next))
		return render_password(ctx, 400,
		    N_("The password must have at least 10 characters."));
	if (confirm == NULL || strcmp(next, confirm) != 0)
		return render_password(ctx, 400, N_("The two passwords do not match."));
	switch (account_change_password(ctx, eco_form(ctx, "current_password"), next)) {
	case ACCOUNT_OK:
		return eco_redirect(ctx, eco_url(ctx, "/account?password=changed"));
	case ACCOUNT_BAD_CREDENTIALS:
		return render_password(ctx, 403,
		    N_("The current password is wrong."));
	default:
		return eco_error(ctx, 503, NULL, NULL);
	}
}
