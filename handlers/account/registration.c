/* The rules of registration, shared by the API and the form. */
#include <string.h>

#include "i18n.h"
#include "password.h"
#include "registration.h"
#include "utf8.h"
#include "validate.h"

#define MAX_NAME	200
#define MAX_ORG_NAME	300

static bool
text_ok(const char *s, size_t max_chars)
{
	size_t n;

	if (s == NULL)
		return false;
	n = strlen(s);
	/* Not blank, one line, not too long. */
	return n > 0 && strspn(s, " \t") < n && eco_text_valid(s, n, false) &&
	    eco_utf8_length(s, n) <= max_chars;
}

static void
add(struct registration_error *errors, size_t *n, const char *field,
    const char *code, const char *message)
{
	if (*n >= REGISTRATION_MAX_ERRORS)
		return;
	errors[*n].field = field;
	errors[*n].code = code;
	errors[*n].message = message;
	(*n)++;
}

size_t
registration_check(const struct registration *r,
    struct registration_error *errors)
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
	if (!text_ok(r->full_name, MAX_NAME))
		add(errors, &n, "full_name", "invalid_name",
		    N_("Enter your full name (up to 200 characters)."));
	if (!organisation && (r->iin == NULL || !eco_iin_valid(r->iin)))
		add(errors, &n, "iin", "invalid_iin",
		    N_("The IIN must be 12 digits with a valid check digit."));
	if (organisation && (r->bin == NULL || !eco_bin_valid(r->bin)))
		add(errors, &n, "bin", "invalid_bin",
		    N_("The BIN must be 12 digits with a valid check digit."));
	if (organisation && !text_ok(r->org_name, MAX_ORG_NAME))
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
