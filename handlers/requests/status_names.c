/* The names of a request's statuses (see status_names.h). */
#include "codes.h"
#include "i18n.h"
#include "status_names.h"

static const struct eco_label statuses[] = {
	{ "registered", N_("Registered") },
	{ "in_progress", N_("In progress") },
	{ "extended", N_("Extended") },
	{ "redirected", N_("Redirected") },
	{ "answered", N_("Answered") },
	{ "partially_answered", N_("Partially answered") },
	{ "refused", N_("Refused") },
	{ "not_considered", N_("Not considered") },
	{ "withdrawn", N_("Withdrawn") },
	{ NULL, NULL }
};

const char *
request_status_name(const char *code)
{
	return eco_label_find(statuses, code);
}

const char *
request_status_name_code(size_t i)
{
	return eco_label_code(statuses, i);
}
