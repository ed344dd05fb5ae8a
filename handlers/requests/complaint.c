/* The rules of complaints, with no I/O (see complaint.h). */
#include <string.h>

#include "complaint.h"
#include "date.h"
#include "i18n.h"
#include "labels.h"
#include "validate.h"

int
complaint_basis(const struct request_state *s, long today,
    struct complaint_basis *b, const char **why)
{
	*why = NULL;
	switch (s->status) {
	case REQ_ANSWERED:
		b->decision = "answer";
		b->on = s->answered_on;
		return 0;
	case REQ_PARTIALLY_ANSWERED:
		b->decision = "partial_answer";
		b->on = s->answered_on;
		return 0;
	case REQ_REFUSED:
		b->decision = "refusal";
		b->on = s->refused_on;
		return 0;
	case REQ_NOT_CONSIDERED:
		b->decision = "not_considered";
		b->on = s->closed_on;
		return 0;
	case REQ_REDIRECTED:
		*why = N_("The request was redirected: complain about the request at the competent holder.");
		return -1;
	case REQ_WITHDRAWN:
		*why = N_("The request was withdrawn: there is no decision to complain about.");
		return -1;
	default:
		break;
	}
	/* Open: inaction is a breach from the day after the due date. */
	if (today > s->due_on) {
		b->decision = "inaction";
		b->on = s->due_on + 1;
		return 0;
	}
	*why = N_("There is no decision to complain about yet: the request is being considered and is not overdue.");
	return -1;
}

static void
add(struct eco_field_error *errors, size_t *n, const char *field,
    const char *code, const char *message)
{
	eco_field_error_add(errors, n, COMPLAINT_MAX_ERRORS, field, code,
	    message);
}

static bool
given(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* An optional date: absent gives dflt; -1 if it is not a date. */
static int
date_or(const char *s, long dflt, long *day)
{
	if (!given(s)) {
		*day = dflt;
		return 0;
	}
	return eco_date_parse(s, day) == 0 ? 0 : -1;
}

bool
complaint_case_key_ok(const char *s)
{
	/* ^[a-z0-9][a-z0-9-]{1,100}$, as requests.complaints checks it. */
	return eco_key_ok(s, 101);
}

size_t
complaint_check(const struct complaint_input *in,
    const struct complaint_basis *b, long today, struct complaint_values *out,
    struct eco_field_error *errors)
{
	bool instance_ok, learned_ok, filed_ok;
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	instance_ok = label_complaint_instance(in->instance)[0] != '\0';
	if (!instance_ok)
		add(errors, &n, "instance", "invalid_instance",
		    N_("Choose a higher state body or a court."));
	else
		out->court = strcmp(in->instance, "court") == 0;
	if (!eco_text_ok(in->body_name, COMPLAINT_BODY_MAX, false))
		add(errors, &n, "body_name", "invalid_body_name",
		    N_("Name the body or the court you complained to (up to 300 characters)."));
	learned_ok = date_or(in->learned_on, b->on, &out->learned_on) == 0;
	if (!learned_ok)
		add(errors, &n, "learned_on", "invalid_learned_on",
		    N_("Enter the date as YYYY-MM-DD."));
	else if (out->learned_on < b->on)
		add(errors, &n, "learned_on", "learned_too_early",
		    N_("You cannot have learned of the decision before it was made."));
	else if (out->learned_on > today)
		add(errors, &n, "learned_on", "future_date",
		    N_("The date cannot be in the future."));
	filed_ok = date_or(in->filed_on, today, &out->filed_on) == 0;
	if (!filed_ok)
		add(errors, &n, "filed_on", "invalid_filed_on",
		    N_("Enter the date as YYYY-MM-DD."));
	else if (out->filed_on > today)
		add(errors, &n, "filed_on", "future_date",
		    N_("The date cannot be in the future."));
	else if (learned_ok && out->filed_on < out->learned_on)
		add(errors, &n, "filed_on", "filed_too_early",
		    N_("A complaint is filed on or after the day you learned of the decision."));
	if (!eco_text_ok(in->text, COMPLAINT_TEXT_MAX, true))
		add(errors, &n, "text", "invalid_text",
		    N_("Write what the complaint says (up to 20,000 characters)."));
	if (given(in->court_case_key) && !complaint_case_key_ok(in->court_case_key))
		add(errors, &n, "court_case_key", "invalid_court_case_key",
		    N_("A court case's key has lower-case Latin letters, digits and hyphens, like a-2026-17."));
	else if (given(in->court_case_key) && instance_ok && !out->court)
		add(errors, &n, "court_case_key", "not_a_court",
		    N_("Only a complaint to a court has a court case."));
	return n;
}

int
complaint_limit(const struct eco_calendar *cal, const struct complaint_rule *r,
    long learned_on, long filed_on, long *limit_on, bool *late)
{
	if (eco_deadline_compute(cal, learned_on, r->period, r->unit,
	    r->direction, limit_on, NULL, 0, NULL) != 0)
		return -1;
	*late = filed_on > *limit_on;
	return 0;
}

size_t
complaint_outcome_check(const struct complaint_outcome_input *in,
    long filed_on, bool court, long today, long *on,
    struct eco_field_error *errors)
{
	size_t n = 0;

	if (in->outcome == NULL || strcmp(in->outcome, "pending") == 0 ||
	    label_complaint_outcome(in->outcome)[0] == '\0')
		add(errors, &n, "outcome", "invalid_outcome",
		    N_("Choose the outcome: upheld, partially upheld, dismissed or withdrawn."));
	if (date_or(in->on, today, on) != 0)
		add(errors, &n, "on", "invalid_date",
		    N_("Enter the date as YYYY-MM-DD."));
	else if (*on > today)
		add(errors, &n, "on", "future_date",
		    N_("The date cannot be in the future."));
	else if (*on < filed_on)
		add(errors, &n, "on", "before_filed",
		    N_("A complaint is decided on or after the day it was filed."));
	if (given(in->note) && !eco_text_ok(in->note, COMPLAINT_NOTE_MAX, true))
		add(errors, &n, "note", "invalid_note",
		    N_("The note must be up to 5,000 characters."));
	if (given(in->court_case_key) && !complaint_case_key_ok(in->court_case_key))
		add(errors, &n, "court_case_key", "invalid_court_case_key",
		    N_("A court case's key has lower-case Latin letters, digits and hyphens, like a-2026-17."));
	else if (given(in->court_case_key) && !court)
		add(errors, &n, "court_case_key", "not_a_court",
		    N_("Only a complaint to a court has a court case."));
	return n;
}
