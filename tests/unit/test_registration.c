/* Unit tests of the registration rules shared by the API and the form. */
#include <string.h>

#include "registration.h"
#include "tap.h"

static const struct registration person = {
	.kind = "individual", .email = "aigerim@example.kz",
	.password = "long enough pw", .full_name = "Айгерім Сәрсенбаева",
	.iin = "900101300017", .lang = "kk",
};

static const struct registration ngo = {
	.kind = "organisation", .email = "info@greensalvation.org",
	.password = "long enough pw", .full_name = "Елена Петрова",
	.bin = "020540003431", .org_name = "ОО «Таза өлке»",
};

/* The code of the only problem with r, or "" if none, or "many". */
static const char *
only_problem(struct registration r)
{
	struct eco_field_error e[REGISTRATION_MAX_ERRORS];
	size_t n = registration_check(&r, e);

	return n == 0 ? "" : n == 1 ? e[0].code : "many";
}

int
main(void)
{
	struct registration r;
	struct eco_field_error e[REGISTRATION_MAX_ERRORS];

	is_str(only_problem(person), "", "a valid person");
	is_str(only_problem(ngo), "", "a valid organisation");

	r = person; r.iin = "900101300018";
	is_str(only_problem(r), "invalid_iin", "wrong IIN check digit");
	r = person; r.iin = NULL;
	is_str(only_problem(r), "invalid_iin", "a person needs an IIN");
	r = person; r.iin = "90010130001";
	is_str(only_problem(r), "invalid_iin", "11 digits is no IIN");
	r = ngo; r.bin = "020540003432";
	is_str(only_problem(r), "invalid_bin", "wrong BIN check digit");
	r = ngo; r.org_name = "   ";
	is_str(only_problem(r), "invalid_org_name", "blank organisation name");
	r = person; r.email = "not-an-email";
	is_str(only_problem(r), "invalid_email", "bad e-mail");
	r = person; r.password = "123456789";
	is_str(only_problem(r), "weak_password", "9 characters are too few");
	r = person; r.password = "пароль1234";
	is_str(only_problem(r), "", "10 Cyrillic characters are enough");
	r = person; r.full_name = "";
	is_str(only_problem(r), "invalid_name", "empty name");
	r = person; r.full_name = "two\nlines";
	is_str(only_problem(r), "invalid_name", "a name is one line");
	r = person; r.lang = "de";
	is_str(only_problem(r), "invalid_lang", "unknown language");
	r = person; r.lang = NULL;
	is_str(only_problem(r), "", "language may be left out");
	r = person; r.kind = "admin";
	is_str(only_problem(r), "invalid_kind", "nobody registers as admin");
	r = person; r.kind = NULL;
	is_str(only_problem(r), "invalid_kind", "kind is required");

	r = person; r.email = "x"; r.password = "short"; r.iin = "1";
	is_int(registration_check(&r, e), 3, "every problem is reported");
	is_str(e[0].field, "email", "problems name their form field");
	ok(e[2].message != NULL && strlen(e[2].message) > 0,
	    "problems carry a message");
	return tap_done();
}
