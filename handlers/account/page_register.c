/* The registration page: a person (IIN) or an organisation (BIN). */
#include <string.h>

#include "accounts.h"
#include "app.h"
#include "pages.h"
#include "session.h"

static const char *
form_kind(struct eco_ctx *ctx)
{
	const char *kind = eco_form(ctx, "kind");

	if (kind == NULL)
		kind = eco_query(ctx, "kind");
	return kind != NULL && strcmp(kind, "organisation") == 0 ?
	    "organisation" : "individual";
}

/* The form again, with what was typed (never the password) and the errors. */
static int
render_register(struct eco_ctx *ctx, int status,
    const struct eco_field_error *errors, size_t nerrors)
{
	static const char *const kept[] = {
		"email", "full_name", "iin", "bin", "org_name", "consent"
	};
	json_t *data = json_object();
	const char *kind = form_kind(ctx);

	json_object_set_new(data, "title",
	    json_string(eco_tr(ctx, N_("Create an account"))));
	json_object_set_new(data, "csrf", json_string(eco_csrf(ctx)));
	json_object_set_new(data, "kind", json_string(kind));
	json_object_set_new(data, "organisation",
	    json_boolean(strcmp(kind, "organisation") == 0));
	eco_form_keep(ctx, data, kept, sizeof(kept) / sizeof(kept[0]));
	eco_form_errors(ctx, data, errors, nerrors);
	return eco_render(ctx, status, "account/register", data);
}

/* GET /{lang}/account/register[?kind=organisation]: the form.  200. */
int
page_register_form(struct eco_ctx *ctx)
{
	return render_register(ctx, 200, NULL, 0);
}

/*
 * POST /{lang}/account/register: creates the account and signs in.
 * 303 to the account page; 400 invalid fields (form again with messages);
 * 409 e-mail already registered; 503 database unavailable.
 */
int
page_register_submit(struct eco_ctx *ctx)
{
	struct eco_field_error errors[REGISTRATION_MAX_ERRORS + 2];
	struct registration r = {
		.kind = form_kind(ctx),
		.email = eco_form(ctx, "email"),
		.password = eco_form(ctx, "password"),
		.full_name = eco_form(ctx, "full_name"),
		.iin = eco_form(ctx, "iin"),
		.bin = eco_form(ctx, "bin"),
		.org_name = eco_form(ctx, "org_name"),
		.lang = eco_lang_code(ctx->lang),
	};
	struct account a;
	size_t n = registration_check(&r, errors);
	const char *confirm = eco_form(ctx, "password_confirm");

	if (r.password != NULL && (confirm == NULL || strcmp(confirm, r.password) != 0))
		eco_field_error_add(errors, &n, REGISTRATION_MAX_ERRORS + 2,
		    "password_confirm", "password_mismatch",
		    N_("The two passwords do not match."));
	if (eco_form(ctx, "consent") == NULL)
		eco_field_error_add(errors, &n, REGISTRATION_MAX_ERRORS + 2,
		    "consent", "consent_required",
		    N_("Registration needs your consent to the processing of personal data."));
	if (n > 0)
		return render_register(ctx, 400, errors, n);

	switch (account_create(ctx, &r, true, &a)) {
	case ACCOUNT_OK:
		return eco_redirect(ctx, eco_url(ctx, "/account?welcome=1"));
	case ACCOUNT_EXISTS:
		n = 0;
		eco_field_error_add(errors, &n, REGISTRATION_MAX_ERRORS, "email",
		    "email_taken",
		    N_("An account with this e-mail address already exists."));
		return render_register(ctx, 409, errors, n);
	default:
		return eco_error(ctx, 503, NULL, NULL);
	}
}
