/*
 * The life cycle of an environmental information request: lawful
 * transitions and the deadlines they set (see workflow.h).  Pure logic.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "calendar.h"
#include "i18n.h"
#include "workflow.h"

/*
 * Which events each status allows, as bits by event kind.  One table
 * rather than a switch per event, so that the rules read in one place
 * and the tests can compare against the same picture.
 */
#define EV(k)	(1u << (k))
static const unsigned allowed[REQ_STATUS_COUNT] = {
	[REQ_REGISTERED] = EV(REQ_EV_ASSIGN) | EV(REQ_EV_CLASSIFY) |
	    EV(REQ_EV_REDIRECT) | EV(REQ_EV_NOT_CONSIDER) |
	    EV(REQ_EV_WITHDRAW),
	[REQ_IN_PROGRESS] = EV(REQ_EV_ASSIGN) | EV(REQ_EV_CLASSIFY) |
	    EV(REQ_EV_EXTEND) | EV(REQ_EV_REDIRECT) | EV(REQ_EV_ANSWER) |
	    EV(REQ_EV_REFUSE) | EV(REQ_EV_NOT_CONSIDER) |
	    EV(REQ_EV_WITHDRAW),
	[REQ_EXTENDED] = EV(REQ_EV_ASSIGN) | EV(REQ_EV_EXTEND) |
	    EV(REQ_EV_ANSWER) | EV(REQ_EV_REFUSE) | EV(REQ_EV_WITHDRAW),
	/* redirected and the final statuses allow nothing */
};

/* Why an event is refused in a status, for the common cases. */
static const char *
unlawful_message(enum request_status st, enum request_event_kind ev)
{
	switch (st) {
	case REQ_REDIRECTED:
		return N_("The request was redirected to another holder");
	case REQ_ANSWERED:
	case REQ_PARTIALLY_ANSWERED:
		return N_("The request has already been answered");
	case REQ_REFUSED:
		return N_("The request has already been refused");
	case REQ_NOT_CONSIDERED:
		return N_("The request was not considered");
	case REQ_WITHDRAWN:
		return N_("The request was withdrawn");
	default:
		break;
	}
	switch (ev) {
	case REQ_EV_ANSWER:
	case REQ_EV_REFUSE:
	case REQ_EV_EXTEND:
		if (st == REQ_REGISTERED)
			return N_("Assign an executor first");
		break;
	case REQ_EV_CLASSIFY:
		return N_("The request cannot be reclassified after an extension");
	case REQ_EV_REDIRECT:
		return N_("The request cannot be redirected after an extension");
	case REQ_EV_NOT_CONSIDER:
		return N_("The request is already being considered");
	default:
		break;
	}
	return N_("This action is not allowed in the request's status");
}

/* The event's own values, before the status is looked at. */
static const char *
check_event(const struct request_event *ev)
{
	switch (ev->kind) {
	case REQ_EV_ASSIGN:
		if (ev->id <= 0)
			return N_("Unknown executor");
		break;
	case REQ_EV_REDIRECT:
		if (ev->id <= 0)
			return N_("Unknown information holder");
		break;
	case REQ_EV_CLASSIFY:
		if (ev->complexity != REQ_SIMPLE &&
		    ev->complexity != REQ_COMPLEX)
			return N_("Complexity must be simple or complex");
		break;
	case REQ_EV_EXTEND:
		if (ev->reason == REQ_EXTEND_INSPECTION) {
			if (ev->days < 1 ||
			    ev->days > REQ_DAYS_EXTEND_INSPECTION)
				return N_("An extension for inspection is 1 to 30 days");
		} else if (ev->reason == REQ_EXTEND_HOLDERS) {
			if (ev->days < 1 || ev->days > REQ_DAYS_EXTEND_HOLDERS)
				return N_("An extension for several holders is 1 to 15 days");
		} else
			return N_("Unknown reason for the extension");
		break;
	case REQ_EV_REFUSE:
		if (ev->ground <= REQ_GROUND_NONE ||
		    ev->ground > REQ_GROUND_FOREIGN_AGREEMENT_PENDING)
			return N_("Unknown ground for refusal");
		break;
	case REQ_EV_ANSWER:
	case REQ_EV_NOT_CONSIDER:
	case REQ_EV_WITHDRAW:
		break;
	default:
		return N_("Unknown action");
	}
	return NULL;
}

static const char *const out_of_calendar =
    N_("The date lies outside the working-day calendar");

enum request_result
request_new(const struct eco_calendar *cal, long received_on,
    long registered_on, struct request_state *st, const char **message)
{
	struct request_state s;
	const char *why = NULL;

	memset(&s, 0, sizeof(s));
	s.status = REQ_REGISTERED;
	s.received_on = received_on;
	s.registered_on = registered_on;
	if (registered_on < received_on)
		why = N_("A request cannot be registered before it is received");
	else if (!eco_calendar_in_range(cal, received_on) ||
	    eco_calendar_add_calendar_days(cal, received_on, REQ_DAYS_SIMPLE,
	    &s.due_on) != 0 ||
	    eco_calendar_add_working_days(cal, registered_on, REQ_DAYS_REFUSE,
	    &s.refusal_due_on) != 0 ||
	    eco_calendar_add_working_days(cal, received_on, REQ_DAYS_REDIRECT,
	    &s.redirect_due_on) != 0)
		why = out_of_calendar;
	if (message != NULL)
		*message = why;
	if (why != NULL)
		return REQ_BAD_INPUT;
	*st = s;
	return REQ_OK;
}

/*
 * Each event on a copy of the state, s, which the caller commits only on
 * REQ_OK.  Each sets fx->message whatever the result.
 */
static enum request_result
do_classify(const struct eco_calendar *cal, struct request_state *s,
    const struct request_event *ev, struct request_effects *fx)
{
	long n = ev->complexity == REQ_COMPLEX ? REQ_DAYS_COMPLEX :
	    REQ_DAYS_SIMPLE;

	if (eco_calendar_add_calendar_days(cal, s->received_on, n,
	    &s->due_on) != 0) {
		fx->message = out_of_calendar;
		return REQ_BAD_INPUT;
	}
	s->complexity = ev->complexity;
	fx->message = ev->complexity == REQ_COMPLEX ?
	    N_("Classified as complex: 30 days from receipt") :
	    N_("Classified as simple: 15 days from receipt");
	return REQ_OK;
}

static enum request_result
do_extend(const struct eco_calendar *cal, struct request_state *s,
    const struct request_event *ev, long today, struct request_effects *fx)
{
	bool inspection = ev->reason == REQ_EXTEND_INSPECTION;
	bool *used = inspection ? &s->extended_inspection :
	    &s->extended_holders;
	int rc;

	if (*used) {
		fx->message = inspection ?
		    N_("The period was already extended for inspection") :
		    N_("The period was already extended for several holders");
		return REQ_UNLAWFUL;
	}
	/* An expired period cannot be extended: it is already breached. */
	if (today > s->due_on) {
		fx->message = N_("The answer is overdue: too late to extend");
		return REQ_UNLAWFUL;
	}
	/* Counted from the current due date, not from today. */
	rc = eco_calendar_add_calendar_days(cal, s->due_on, ev->days,
	    &s->due_on);
	if (rc == 0 && inspection)
		rc = eco_calendar_add_calendar_days(cal, today,
		    REQ_DAYS_NOTIFY_INSPECTION, &s->notify_due_on);
	else if (rc == 0)
		rc = eco_calendar_add_working_days(cal, today,
		    REQ_DAYS_NOTIFY_HOLDERS, &s->notify_due_on);
	if (rc != 0) {
		fx->message = out_of_calendar;
		return REQ_BAD_INPUT;
	}
	*used = true;
	s->status = REQ_EXTENDED;
	fx->notify_due_on = s->notify_due_on;
	fx->message = inspection ? N_("Extended for inspection") :
	    N_("Extended for several holders");
	return REQ_OK;
}

/* The event on s, a copy; fx->message set either way. */
static enum request_result
apply(const struct eco_calendar *cal, struct request_state *s,
    const struct request_event *ev, long today, struct request_effects *fx)
{
	switch (ev->kind) {
	case REQ_EV_ASSIGN:
		s->executor_id = ev->id;
		if (s->status == REQ_REGISTERED)
			s->status = REQ_IN_PROGRESS;
		fx->message = N_("Executor assigned");
		break;
	case REQ_EV_CLASSIFY:
		return do_classify(cal, s, ev, fx);
	case REQ_EV_EXTEND:
		return do_extend(cal, s, ev, today, fx);
	case REQ_EV_REDIRECT:
		s->status = REQ_REDIRECTED;
		s->redirected_to = ev->id;
		s->redirected_on = s->closed_on = today;
		fx->redirect_to = ev->id;
		/* The requester is told at the same time. */
		fx->notify_due_on = today;
		fx->late = today > s->redirect_due_on;
		fx->message = N_("Redirected to the competent holder");
		break;
	case REQ_EV_ANSWER:
		s->status = ev->complete ? REQ_ANSWERED :
		    REQ_PARTIALLY_ANSWERED;
		s->answered_on = s->closed_on = today;
		fx->late = today > s->due_on;
		fx->message = ev->complete ? N_("Answered") :
		    N_("Partially answered");
		break;
	case REQ_EV_REFUSE:
		s->status = REQ_REFUSED;
		s->ground = ev->ground;
		s->refused_on = s->closed_on = today;
		fx->late = today > s->refusal_due_on;
		fx->message = N_("Refused");
		break;
	case REQ_EV_NOT_CONSIDER:
		s->status = REQ_NOT_CONSIDERED;
		s->closed_on = today;
		fx->message = N_("Not considered");
		break;
	case REQ_EV_WITHDRAW:
		s->status = REQ_WITHDRAWN;
		s->closed_on = today;
		fx->message = N_("Withdrawn by the requester");
		break;
	default:
		fx->message = N_("Unknown action");
		return REQ_BAD_INPUT;
	}
	return REQ_OK;
}

enum request_result
request_apply(const struct eco_calendar *cal, struct request_state *st,
    const struct request_event *ev, long today, struct request_effects *fx)
{
	struct request_state s = *st;
	enum request_result r;
	const char *why;

	memset(fx, 0, sizeof(*fx));
	fx->status = st->status;
	fx->due_on = st->due_on;
	if ((why = check_event(ev)) != NULL) {
		fx->message = why;
		return REQ_BAD_INPUT;
	}
	if (today < st->received_on) {
		fx->message = N_("The date precedes the request's receipt");
		return REQ_BAD_INPUT;
	}
	if (!eco_calendar_in_range(cal, today)) {
		fx->message = out_of_calendar;
		return REQ_BAD_INPUT;
	}
	if ((unsigned)st->status >= REQ_STATUS_COUNT ||
	    (allowed[st->status] & EV(ev->kind)) == 0) {
		fx->message = (unsigned)st->status >= REQ_STATUS_COUNT ?
		    N_("Unknown request status") :
		    unlawful_message(st->status, ev->kind);
		return REQ_UNLAWFUL;
	}
	/* Reclassifying after an extension would discard it. */
	if (ev->kind == REQ_EV_CLASSIFY &&
	    (st->extended_inspection || st->extended_holders)) {
		fx->message = unlawful_message(st->status, ev->kind);
		return REQ_UNLAWFUL;
	}
	if ((r = apply(cal, &s, ev, today, fx)) != REQ_OK) {
		fx->late = false;
		fx->notify_due_on = 0;
		return r;
	}
	*st = s;
	fx->status = s.status;
	fx->due_on = s.due_on;
	return REQ_OK;
}

void
request_flags(const struct eco_calendar *cal, const struct request_state *st,
    long today, struct request_flags *f)
{
	memset(f, 0, sizeof(*f));
	switch (st->status) {
	case REQ_REGISTERED:
	case REQ_IN_PROGRESS:
	case REQ_EXTENDED:
		f->open = true;
		f->days_left = st->due_on - today;
		f->overdue = f->days_left < 0;
		f->due_soon = f->days_left >= 0 &&
		    f->days_left <= REQ_DAYS_DUE_SOON;
		break;
	case REQ_ANSWERED:
	case REQ_PARTIALLY_ANSWERED:
		f->answered_late = st->answered_on > st->due_on;
		break;
	case REQ_REFUSED:
		f->refused_late = st->refused_on > st->refusal_due_on;
		break;
	case REQ_REDIRECTED:
		f->redirected_late = st->redirected_on > st->redirect_due_on;
		break;
	default:
		break;
	}
}

int
request_on_time(const struct request_state *st, const struct request_flags *f)
{
	switch (st->status) {
	case REQ_ANSWERED:
	case REQ_PARTIALLY_ANSWERED:
		return !f->answered_late;
	case REQ_REFUSED:
		return !f->refused_late;
	case REQ_REDIRECTED:
		return !f->redirected_late;
	default:
		return -1;
	}
}

/* Code tables, indexed by the enums. */
static const char *const status_codes[] = {
	"registered", "in_progress", "extended", "redirected", "answered",
	"partially_answered", "refused", "not_considered", "withdrawn"
};
static const char *const event_codes[] = {
	"assign", "classify", "extend", "redirect", "answer", "refuse",
	"not_consider", "withdraw"
};
static const char *const complexity_codes[] = {
	"unclassified", "simple", "complex"
};
static const char *const reason_codes[] = {
	"", "inspection", "multiple_holders"
};
static const char *const ground_codes[] = {
	"", "unidentifiable", "non_compliant", "restricted_access",
	"analysis_in_progress", "inspection_pending", "decision_pending",
	"foreign_agreement_pending"
};
#define NCODES(t)	(sizeof(t) / sizeof((t)[0]))

static const char *
code_of(const char *const *t, size_t n, int v)
{
	if (v < 0 || (size_t)v >= n)
		return "";
	return t[v];
}

/* The index of s in t, skipping "" entries (they are not codes); -1 if
 * none. */
static int
index_of(const char *const *t, size_t n, const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0')
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(t[i], s) == 0)
			return (int)i;
	return -1;
}

const char *
request_status_code(enum request_status v)
{
	return code_of(status_codes, NCODES(status_codes), (int)v);
}

int
request_status_parse(const char *s, enum request_status *out)
{
	int i = index_of(status_codes, NCODES(status_codes), s);

	if (i < 0)
		return -1;
	*out = (enum request_status)i;
	return 0;
}

const char *
request_event_code(enum request_event_kind v)
{
	return code_of(event_codes, NCODES(event_codes), (int)v);
}

int
request_event_parse(const char *s, enum request_event_kind *out)
{
	int i = index_of(event_codes, NCODES(event_codes), s);

	if (i < 0)
		return -1;
	*out = (enum request_event_kind)i;
	return 0;
}

const char *
request_complexity_code(enum request_complexity v)
{
	return code_of(complexity_codes, NCODES(complexity_codes), (int)v);
}

/* "unclassified" is a state, not something a client may ask for. */
int
request_complexity_parse(const char *s, enum request_complexity *out)
{
	int i = index_of(complexity_codes, NCODES(complexity_codes), s);

	if (i <= 0)
		return -1;
	*out = (enum request_complexity)i;
	return 0;
}

const char *
request_reason_code(enum request_extend_reason v)
{
	return code_of(reason_codes, NCODES(reason_codes), (int)v);
}

int
request_reason_parse(const char *s, enum request_extend_reason *out)
{
	int i = index_of(reason_codes, NCODES(reason_codes), s);

	if (i < 0)
		return -1;
	*out = (enum request_extend_reason)i;
	return 0;
}

const char *
request_ground_code(enum request_ground v)
{
	return code_of(ground_codes, NCODES(ground_codes), (int)v);
}

int
request_ground_parse(const char *s, enum request_ground *out)
{
	int i = index_of(ground_codes, NCODES(ground_codes), s);

	if (i < 0)
		return -1;
	*out = (enum request_ground)i;
	return 0;
}
