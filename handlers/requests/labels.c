/* Names of the request workflow's codes (see labels.h). */
#include <stddef.h>

#include "codes.h"
#include "i18n.h"
#include "labels.h"
#include "regions.h"
#include "status_names.h"


static const struct eco_label events[] = {
	{ "registered", N_("Request registered") },
	{ "received_redirect", N_("Received from another holder") },
	{ "assign", N_("Executor assigned") },
	{ "classify", N_("Classified") },
	{ "extend", N_("Period extended") },
	{ "notify", N_("Requester notified of the extension") },
	{ "redirect", N_("Redirected to the competent holder") },
	{ "draft", N_("Answer drafted") },
	{ "answer", N_("Answer issued") },
	{ "refuse", N_("Refusal issued") },
	{ "not_consider", N_("Not considered") },
	{ "withdraw", N_("Withdrawn by the requester") },
	{ "complaint", N_("Complaint filed") },
	{ "complaint_outcome", N_("Complaint decided") },
	{ NULL, NULL }
};

/* Access to Information Law art. 11(16), in the law's order. */
static const struct eco_label grounds[] = {
	{ "unidentifiable", N_("The request does not allow the information to be identified") },
	{ "non_compliant", N_("The request does not meet the requirements of the law") },
	{ "restricted_access", N_("The information is restricted-access") },
	{ "analysis_in_progress", N_("A legal assessment or analysis is not yet finished") },
	{ "inspection_pending", N_("The decision of a state inspection has not yet been taken") },
	{ "decision_pending", N_("A final decision based on internal correspondence or meetings is not yet taken") },
	{ "foreign_agreement_pending", N_("Agreement on disclosing documents of foreign states or international organisations is not yet reached") },
	{ NULL, NULL }
};

static const struct eco_label reasons[] = {
	{ "inspection", N_("Additional study or inspection") },
	{ "multiple_holders", N_("Several holders must contribute") },
	{ NULL, NULL }
};

static const struct eco_label complexities[] = {
	{ "simple", N_("Simple: 15 calendar days") },
	{ "complex", N_("Complex: other bodies or a site inspection, 30 calendar days") },
	{ NULL, NULL }
};

static const struct eco_label channels[] = {
	{ "portal", N_("Filed on the portal") },
	{ "paper", N_("Received on paper") },
	{ "oral", N_("Received orally") },
	{ "redirect", N_("Redirected by another holder") },
	{ NULL, NULL }
};

/* Where a complaint went, and what came of it. */
static const struct eco_label complaint_instances[] = {
	{ "higher_body", N_("A higher state body") },
	{ "court", N_("A court") },
	{ NULL, NULL }
};

static const struct eco_label complaint_outcomes[] = {
	{ "pending", N_("Pending") },
	{ "upheld", N_("Upheld") },
	{ "partially_upheld", N_("Partially upheld") },
	{ "dismissed", N_("Dismissed") },
	{ "withdrawn", N_("Withdrawn by the complainant") },
	{ NULL, NULL }
};

/* The kinds of information holder, as the table's CHECK lists them. */
static const struct eco_label holder_kinds[] = {
	{ "ministry", N_("Ministry") },
	{ "committee", N_("Committee of a ministry") },
	{ "agency", N_("Agency") },
	{ "fund", N_("The Fund's keeper") },
	{ "department", N_("Department or state enterprise") },
	{ "akimat", N_("Akimat") },
	{ NULL, NULL }
};

const char *
label_status(const char *code)
{
	return request_status_name(code);
}

const char *
label_event(const char *code)
{
	return eco_label_find(events, code);
}

const char *
label_ground(const char *code)
{
	return eco_label_find(grounds, code);
}

const char *
label_reason(const char *code)
{
	return eco_label_find(reasons, code);
}

const char *
label_complexity(const char *code)
{
	return eco_label_find(complexities, code);
}

const char *
label_channel(const char *code)
{
	return eco_label_find(channels, code);
}

const char *
label_complaint_instance(const char *code)
{
	return eco_label_find(complaint_instances, code);
}

const char *
label_complaint_outcome(const char *code)
{
	return eco_label_find(complaint_outcomes, code);
}

const char *
label_region(const char *code)
{
	const char *msgid = eco_region_msgid(code);

	return msgid != NULL ? msgid : "";
}

const char *
label_holder_kind(const char *code)
{
	return eco_label_find(holder_kinds, code);
}

const char *
label_holder_kind_code(size_t i)
{
	return eco_label_code(holder_kinds, i);
}

const char *
label_region_code(size_t i)
{
	return eco_region_code(i);
}

const char *
label_status_code(size_t i)
{
	return request_status_name_code(i);
}
