/* The rules of registration, shared by the API and the form. */
#include <string.h>

#include "i18n.h"
#include "password.h"
#include "registration.h"
#include "utf8.h"
#include "validate.h"

#define MAX_NAME	200
#define MAX_ORG_NAME	300

/* Appends a problem to errors unless they are full. */
static void
add(struct eco_field_error *errors, size_t *n, const char *field,
    const char *code, const char *message)
{
	eco_field_error_add(errors, n, REGISTRATION_MAX_ERRORS, field, code,
	    message);
}

size_t
registration_check(const struct registration *r,
    struct eco_field_error *errors)
{
	bool organisation;
	size_t n = 0;

	if (r->kind == NULL || (strcmp(r->kind, "individual") != 0 &&
	    strcmp(r->kind, "organisation") != 0)) {
		add(errors, &n, "kind", "invalid_kind",
		    N_("Choose whether you register as a person or as an organisation."));
		return n;
	}
	organisation = strcmp(r->kind, "organisation") == 0;
	if (r->email == NULL || !eco_email_valid(r->email))
		add(errors, &n, "email", "invalid_email",
		    N_("Enter a valid e-mail address."));
	if (r->password == NULL || !eco_password_acceptable(r->password))
		add(errors, &n, "password", "weak_password",
		    N_("The password must have at least 10 characters."));
	if (!eco_text_ok(r->full_name, MAX_NAME, false))
		add(errors, &n, "full_name", "invalid_name",
		    N_("Enter your full name (up to 200 characters)."));
	if (!organisation && (r->iin == NULL || !eco_iin_valid(r->iin)))
		add(errors, &n, "iin", "invalid_iin",
		    N_("The IIN must be 12 digits with a valid check digit."));
	if (organisation && (r->bin == NULL || !eco_bin_valid(r->bin)))
		add(errors, &n, "bin", "invalid_bin",
		    N_("The BIN must be 12 digits with a valid check digit."));
	if (organisation && !eco_text_ok(r->org_name, MAX_ORG_NAME, false))
		add(errors, &n, "org_name", "invalid_org_name",
		    N_("Enter the name of the organisation (up to 300 characters)."));
	if (r->lang != NULL) {
		enum eco_lang lang;

		if (eco_lang_parse(r->lang, &lang) != 0)
			add(errors, &n, "lang", "invalid_lang",
			    N_("The language must be kk, ru or en."));
	}
	return n;
}
