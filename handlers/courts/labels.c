/* The names of the court registry's codes (see labels.h). */
#include "codes.h"
#include "i18n.h"
#include "labels.h"

static const struct eco_label categories[] = {
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

static const struct eco_label outcomes[] = {
	{ "granted", N_("Granted") },
	{ "partially_granted", N_("Partly granted") },
	{ "refused", N_("Refused") },
	{ "terminated", N_("Proceedings terminated") },
	{ "left_without_consideration", N_("Left without consideration") },
	{ "pending", N_("Pending") },
	{ NULL, NULL }
};

static const struct eco_label party_kinds[] = {
	{ "ngo", N_("Public association") },
	{ "state_body", N_("State body") },
	{ "company", N_("Company") },
	{ "citizen", N_("Citizen") },
	{ "individual_entrepreneur", N_("Individual entrepreneur") },
	{ NULL, NULL }
};

static const struct eco_label levels[] = {
	{ "first", N_("First instance") },
	{ "appeal", N_("Appeal") },
	{ "cassation", N_("Cassation") },
	{ NULL, NULL }
};

static const struct eco_label statuses[] = {
	{ "pending", N_("Under consideration") },
	{ "enforcement", N_("Enforcement") },
	{ "closed", N_("Closed") },
	{ "unknown", N_("Not known") },
	{ NULL, NULL }
};

static const struct eco_label roles[] = {
	{ "claimant", N_("Claimant") },
	{ "defendant", N_("Defendant") },
	{ "third_party", N_("Third party") },
	{ NULL, NULL }
};

/* Where an event happened: before the court, the three instances, and
 * the enforcement of the court act. */
static const struct eco_label instances[] = {
	{ "pre_trial", N_("Pre-trial") },
	{ "first", N_("First instance") },
	{ "appeal", N_("Appeal") },
	{ "cassation", N_("Cassation") },
	{ "enforcement", N_("Enforcement of the court act") },
	{ NULL, NULL }
};

static const struct eco_label event_types[] = {
	{ "request", N_("Request for information") },
	{ "answer", N_("Answer to the request") },
	{ "complaint", N_("Complaint") },
	{ "claim_filed", N_("Claim filed") },
	{ "interim_measures", N_("Interim measures") },
	{ "hearing", N_("Court hearing") },
	{ "decision", N_("Court decision") },
	{ "ruling", N_("Court ruling") },
	{ "resolution", N_("Resolution of the higher instance") },
	{ "private_ruling", N_("Private ruling") },
	{ "remand", N_("Remand for a new hearing") },
	{ "writ_of_execution", N_("Writ of execution") },
	{ "enforcement", N_("Enforcement proceedings") },
	{ "other", N_("Other") },
	{ NULL, NULL }
};

static const struct eco_label event_results[] = {
	{ "granted", N_("Granted") },
	{ "partially_granted", N_("Partly granted") },
	{ "refused", N_("Refused") },
	{ "upheld", N_("Left unchanged") },
	{ "annulled", N_("Annulled") },
	{ "changed", N_("Changed") },
	{ "terminated", N_("Proceedings terminated") },
	{ "remanded", N_("Sent for a new hearing") },
	{ "left_without_consideration", N_("Left without consideration") },
	{ "returned", N_("Returned") },
	{ "not_passed", N_("Refused passing to the cassation instance") },
	{ NULL, NULL }
};

static const struct eco_label case_types[] = {
	{ "civil", N_("Civil case") },
	{ "administrative", N_("Administrative case") },
	{ "administrative_offence", N_("Administrative offence case") },
	{ NULL, NULL }
};

static const struct eco_label document_kinds[] = {
	{ "decision", N_("Court decision") },
	{ "ruling", N_("Court ruling") },
	{ "resolution", N_("Resolution of the higher instance") },
	{ "private_ruling", N_("Private ruling") },
	{ "writ_of_execution", N_("Writ of execution") },
	{ "other", N_("Other court act") },
	{ NULL, NULL }
};

static const struct eco_label units[] = {
	{ "KZT", N_("tenge") },
	{ "MCI", N_("MCI") },
	{ "t", N_("tonnes") },
	{ NULL, NULL }
};

/* The languages a court act is written in. */
static const struct eco_label languages[] = {
	{ "kk", N_("Kazakh") },
	{ "ru", N_("Russian") },
	{ NULL, NULL }
};

const char *court_label_category(const char *c) { return eco_label_find(categories, c); }
const char *court_label_outcome(const char *c) { return eco_label_find(outcomes, c); }
const char *court_label_party_kind(const char *c) { return eco_label_find(party_kinds, c); }
const char *court_label_level(const char *c) { return eco_label_find(levels, c); }
const char *court_label_status(const char *c) { return eco_label_find(statuses, c); }
const char *court_label_role(const char *c) { return eco_label_find(roles, c); }
const char *court_label_instance(const char *c) { return eco_label_find(instances, c); }
const char *court_label_event_type(const char *c) { return eco_label_find(event_types, c); }
const char *court_label_event_result(const char *c) { return eco_label_find(event_results, c); }
const char *court_label_case_type(const char *c) { return eco_label_find(case_types, c); }
const char *court_label_document_kind(const char *c) { return eco_label_find(document_kinds, c); }
const char *court_label_unit(const char *c) { return eco_label_find(units, c); }

const char *court_category_code(size_t i) { return eco_label_code(categories, i); }
const char *court_outcome_code(size_t i) { return eco_label_code(outcomes, i); }
const char *court_party_kind_code(size_t i) { return eco_label_code(party_kinds, i); }
const char *court_level_code(size_t i) { return eco_label_code(levels, i); }
const char *court_role_code(size_t i) { return eco_label_code(roles, i); }
const char *court_status_code(size_t i) { return eco_label_code(statuses, i); }
const char *court_instance_code(size_t i) { return eco_label_code(instances, i); }
const char *court_event_type_code(size_t i) { return eco_label_code(event_types, i); }
const char *court_event_result_code(size_t i) { return eco_label_code(event_results, i); }
const char *court_case_type_code(size_t i) { return eco_label_code(case_types, i); }
const char *court_document_kind_code(size_t i) { return eco_label_code(document_kinds, i); }
const char *court_unit_code(size_t i) { return eco_label_code(units, i); }
const char *court_language_code(size_t i) { return eco_label_code(languages, i); }
const char *court_label_language(const char *c) { return eco_label_find(languages, c); }
