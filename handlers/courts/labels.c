/* The names of the court registry's codes (see labels.h). */
#include <string.h>

#include "i18n.h"
#include "labels.h"

struct label {
	const char	*code;
	const char	*msgid;
};

static const struct label categories[] = {
	{ "access_to_information", N_("Access to information") },
	{ "eia_expertise", N_("EIA and state ecological expertise") },
	{ "permits", N_("Permits") },
	{ "damages", N_("Environmental damage") },
	{ "protected_areas", N_("Protected areas") },
	{ "waste", N_("Waste") },
	{ "land_use", N_("Land use") },
	{ "other", N_("Other") },
	{ NULL, NULL }
};

static const struct label outcomes[] = {
	{ "granted", N_("Granted") },
	{ "partially_granted", N_("Partly granted") },
	{ "refused", N_("Refused") },
	{ "terminated", N_("Proceedings terminated") },
	{ "left_without_consideration", N_("Left without consideration") },
	{ "pending", N_("Pending") },
	{ NULL, NULL }
};

static const struct label party_kinds[] = {
	{ "ngo", N_("Public association") },
	{ "state_body", N_("State body") },
	{ "company", N_("Company") },
	{ "citizen", N_("Citizen") },
	{ "individual_entrepreneur", N_("Individual entrepreneur") },
	{ NULL, NULL }
};

static const struct label levels[] = {
	{ "first", N_("First instance") },
	{ "appeal", N_("Appeal") },
	{ "cassation", N_("Cassation") },
	{ NULL, NULL }
};

static const struct label statuses[] = {
	{ "pending", N_("Under consideration") },
	{ "enforcement", N_("Enforcement") },
	{ "closed", N_("Closed") },
	{ "unknown", N_("Not known") },
	{ NULL, NULL }
};

static const char *
find(const struct label *t, const char *code)
{
	for (; code != NULL && t->code != NULL; t++)
		if (strcmp(t->code, code) == 0)
			return t->msgid;
	return "";
}

/* The i-th code of table t of n entries (the last one NULL). */
static const char *
nth(const struct label *t, size_t n, size_t i)
{
	return i + 1 < n ? t[i].code : NULL;
}

#define NTH(t, i)	nth((t), sizeof(t) / sizeof((t)[0]), (i))

const char *court_label_category(const char *c) { return find(categories, c); }
const char *court_label_outcome(const char *c) { return find(outcomes, c); }
const char *court_label_party_kind(const char *c) { return find(party_kinds, c); }
const char *court_label_level(const char *c) { return find(levels, c); }
const char *court_label_status(const char *c) { return find(statuses, c); }

const char *court_category_code(size_t i) { return NTH(categories, i); }
const char *court_outcome_code(size_t i) { return NTH(outcomes, i); }
const char *court_party_kind_code(size_t i) { return NTH(party_kinds, i); }
const char *court_level_code(size_t i) { return NTH(levels, i); }
