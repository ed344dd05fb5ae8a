/* The rules of filing an information request, shared by the API and the form. */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "filing.h"
#include "i18n.h"
#include "validate.h"

/* In the law's order (Access to Information Law art. 11). */
const struct fee_exemption fee_exemptions[] = {
	{ "war_veterans", N_("Disabled veterans and participants of the Great Patriotic War") },
	{ "equated_to_veterans", N_("Persons equated to disabled veterans and participants of the Great Patriotic War") },
	{ "disability_1_2", N_("Persons with disabilities of groups 1 and 2") },
	{ "disabled_children_families", N_("Families raising children with disabilities") },
	{ "chronic_disease", N_("Persons with severe forms of chronic diseases on the Government's list") },
	{ "pensioners", N_("Old-age pensioners") },
	{ "orphans", N_("Orphans and children left without parental care, under 29") },
	{ "returnees", N_("Returnees (kandas)") },
	{ "disaster_housing", N_("Persons who lost their housing in ecological disasters or emergencies") },
	{ "large_families", N_("Large families") },
	{ "duty_death_families", N_("Families of persons who died in state or public duty, military service, space flight, saving a life or protecting law and order") },
	{ "single_parent", N_("Single-parent families") },
};
const size_t nfee_exemptions = sizeof(fee_exemptions) / sizeof(fee_exemptions[0]);

const char *
fee_exemption_label(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < nfee_exemptions; i++)
		if (strcmp(fee_exemptions[i].code, code) == 0)
			return fee_exemptions[i].label;
	return NULL;
}

void
filing_reg_no(const char *code, int year, int seq, char *out, size_t len)
{
	size_t i;

	snprintf(out, len, "%s-%d-%05d", code, year, seq);
	for (i = 0; out[i] != '\0'; i++)
		out[i] = out[i] == '_' ? '-' : (char)(out[i] >= 'a' &&
		    out[i] <= 'z' ? out[i] - 'a' + 'A' : out[i]);
}

static bool
one_of(const char *s, const char *a, const char *b)
{
	return s != NULL && (strcmp(s, a) == 0 || strcmp(s, b) == 0);
}

static void
add(struct eco_field_error *errors, size_t *n, const char *field,
    const char *code, const char *message)
{
	eco_field_error_add(errors, n, FILING_MAX_ERRORS, field, code, message);
}

/* An optional one-line field: absent or empty is fine, else within max. */
static bool
optional_ok(const char *s, size_t max)
{
	return s == NULL || s[0] == '\0' || eco_text_ok(s, max, false);
}

/* The requester a registrar enters for a paper or oral request. */
static void
check_requester(const struct filing_requester *r,
    struct eco_field_error *errors, size_t *n)
{
	bool organisation;

	if (!one_of(r->kind, "individual", "organisation")) {
		add(errors, n, "requester_kind", "invalid_requester_kind",
		    N_("Choose whether the requester is a person or an organisation."));
		return;
	}
	organisation = strcmp(r->kind, "organisation") == 0;
	if (!eco_text_ok(r->full_name, FILING_NAME_MAX, false))
		add(errors, n, "full_name", "invalid_name",
		    N_("Enter the requester's full name (up to 300 characters)."));
	if (!organisation && (r->iin == NULL || !eco_iin_valid(r->iin)))
		add(errors, n, "iin", "invalid_iin",
		    N_("Enter a valid IIN: 12 digits with a correct check digit."));
	if (organisation && (r->bin == NULL || !eco_bin_valid(r->bin)))
		add(errors, n, "bin", "invalid_bin",
		    N_("Enter a valid BIN: 12 digits with a correct check digit."));
	if (organisation && !eco_text_ok(r->org_name, FILING_NAME_MAX, false))
		add(errors, n, "org_name", "invalid_org_name",
		    N_("Enter the name of the organisation (up to 300 characters)."));
	if (r->email != NULL && r->email[0] != '\0' && !eco_email_valid(r->email))
		add(errors, n, "email", "invalid_email",
		    N_("Enter a valid e-mail address."));
	if (!optional_ok(r->phone, FILING_PHONE_MAX))
		add(errors, n, "phone", "invalid_phone",
		    N_("The phone number is too long."));
}

/* The receipt date of a paper or oral request: a real date, not later
 * than today. */
static void
check_received(const char *iso, long today, long *received_on,
    struct eco_field_error *errors, size_t *n)
{
	if (iso == NULL || eco_date_parse(iso, received_on) != 0)
		add(errors, n, "received_on", "invalid_date",
		    N_("Enter the date of receipt as YYYY-MM-DD."));
	else if (*received_on > today)
		add(errors, n, "received_on", "future_date",
		    N_("The date of receipt cannot be in the future."));
}

size_t
filing_check(const struct filing *f, long today, long *received_on,
    struct eco_field_error *errors)
{
	size_t i, n = 0;

	*received_on = today;
	if (f->holder_id <= 0)
		add(errors, &n, "holder_id", "invalid_holder",
		    N_("Choose the state body you are asking."));
	if (!eco_text_ok(f->subject, FILING_SUBJECT_MAX, false))
		add(errors, &n, "subject", "invalid_subject",
		    N_("Enter the subject of the request (one line, up to 300 characters)."));
	if (!eco_text_ok(f->body, FILING_BODY_MAX, true))
		add(errors, &n, "body", "invalid_body",
		    N_("State the essence of your request (up to 20,000 characters)."));
	if (!one_of(f->language, "kk", "ru"))
		add(errors, &n, "language", "invalid_language",
		    N_("Choose the language of the answer: Kazakh or Russian."));
	if (!one_of(f->answer_form, "electronic", "paper"))
		add(errors, &n, "answer_form", "invalid_answer_form",
		    N_("Choose how the answer is sent: electronically or on paper."));
	/* An address is needed for a paper answer; any address must be sane. */
	if ((f->answer_form != NULL && strcmp(f->answer_form, "paper") == 0) ?
	    !eco_text_ok(f->postal_address, FILING_ADDRESS_MAX, true) :
	    !(f->postal_address == NULL || f->postal_address[0] == '\0' ||
	    eco_text_ok(f->postal_address, FILING_ADDRESS_MAX, true)))
		add(errors, &n, "postal_address", "invalid_address",
		    N_("A paper answer needs a postal address (up to 500 characters)."));
	if (f->fee_exemption != NULL && f->fee_exemption[0] != '\0' &&
	    fee_exemption_label(f->fee_exemption) == NULL)
		add(errors, &n, "fee_exemption", "invalid_fee_exemption",
		    N_("Choose one of the listed categories exempt from copying fees."));
	if (f->too_many_questions)
		add(errors, &n, "questions", "too_many_questions",
		    N_("A request may list at most 20 questions."));
	else if (f->bad_question_type)
		add(errors, &n, "questions", "invalid_question",
		    N_("Each question must be text of up to 2,000 characters."));
	else
		for (i = 0; i < f->nquestions; i++)
			if (!eco_text_ok(f->questions[i], FILING_QUESTION_MAX,
			    true)) {
				add(errors, &n, "questions", "invalid_question",
				    N_("Each question must be text of up to 2,000 characters."));
				break;
			}
	if (f->client_token != NULL && (strlen(f->client_token) < 16 ||
	    strlen(f->client_token) > 64 || strspn(f->client_token,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") !=
	    strlen(f->client_token)))
		add(errors, &n, "client_token", "invalid_client_token",
		    N_("The form has expired; please submit it again."));
	if (f->on_behalf) {
		if (!one_of(f->channel, "paper", "oral"))
			add(errors, &n, "channel", "invalid_channel",
			    N_("Choose how the request came: on paper or orally."));
		check_received(f->received_on, today, received_on, errors, &n);
		check_requester(&f->requester, errors, &n);
	}
	return n;
}
