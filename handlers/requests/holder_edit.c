/* The rules of an information holder an administrator adds or changes. */
#include <string.h>

#include "holder_edit.h"
#include "i18n.h"
#include "labels.h"

bool
holder_code_valid(const char *s)
{
	size_t n;

	if (s == NULL || s[0] < 'a' || s[0] > 'z')
		return false;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");
	return s[n] == '\0' && n >= 2 && n <= 63;
}

size_t
holder_check(const struct holder_input *in, bool creating,
    struct eco_field_error *errors)
{
	static const char *const fields[3] = { "name_kk", "name_ru", "name_en" };
	static const char *const messages[3] = {
		N_("Enter the name in Kazakh (up to 400 characters, one line)."),
		N_("Enter the name in Russian (up to 400 characters, one line)."),
		N_("Enter the name in English (up to 400 characters, one line)."),
	};
	size_t n = 0;
	int l;

	if ((creating || in->code != NULL) && !holder_code_valid(in->code))
		eco_field_error_add(errors, &n, HOLDER_MAX_ERRORS, "code",
		    "invalid_code",
		    N_("The code is 2 to 63 small Latin letters, digits and underscores, beginning with a letter."));
	if ((creating || in->kind != NULL) && label_holder_kind(in->kind)[0] ==
	    '\0')
		eco_field_error_add(errors, &n, HOLDER_MAX_ERRORS, "kind",
		    "invalid_kind", N_("Choose what kind of body it is."));
	if (in->region != NULL && in->region[0] != '\0' &&
	    label_region(in->region)[0] == '\0')
		eco_field_error_add(errors, &n, HOLDER_MAX_ERRORS, "region",
		    "invalid_region", N_("Choose a region from the list."));
	if (in->parent_given && in->parent_id < 0)
		eco_field_error_add(errors, &n, HOLDER_MAX_ERRORS, "parent_id",
		    "invalid_parent", N_("Choose the parent body from the list."));
	for (l = 0; l < 3; l++)
		if ((creating || in->name[l] != NULL) &&
		    !eco_text_ok(in->name[l], HOLDER_NAME_MAX, false))
			eco_field_error_add(errors, &n, HOLDER_MAX_ERRORS,
			    fields[l], "invalid_name", messages[l]);
	return n;
}
