/*
 * Unit tests of the request life cycle (handlers/requests/workflow.c):
 * every status against every event, the deadlines each event sets on the
 * generated 2015-2036 calendar (Nauryz 2026 moves a 15-day period from
 * 21 to 26 March), the refusals of the law and the computed flags.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "holidays.h"
#include "tap.h"
#include "workflow.h"

#define D(y, m, d)	eco_days_from_civil((y), (m), (d))

static struct eco_calendar *cal;

/* A day as "YYYY-MM-DD"; a small ring so that two fit in one call. */
static const char *
iso(long day)
{
	static char out[8][16];
	static int next;
	char *s = out[next++ % 8];

	eco_date_format_iso(day, s, 16);
	return s;
}

static struct request_event
ev_of(enum request_event_kind k)
{
	struct request_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = k;
	ev.id = 7;
	ev.complexity = REQ_COMPLEX;
	ev.reason = REQ_EXTEND_INSPECTION;
	ev.days = 10;
	ev.complete = true;
	ev.ground = REQ_GROUND_RESTRICTED_ACCESS;
	return ev;
}

/* A request received and registered on 6 March 2026, put in status st. */
static struct request_state
state_in(enum request_status st)
{
	struct request_state s;

	if (request_new(cal, D(2026, 3, 6), D(2026, 3, 6), &s, NULL) !=
	    REQ_OK)
		abort();
	s.status = st;
	if (st == REQ_EXTENDED)
		s.extended_holders = true;
	return s;
}

/* The expected outcome of each event in each status: 'O' lawful,
 * 'U' unlawful.  Columns in enum request_event_kind order: assign,
 * classify, extend, redirect, answer, refuse, not_consider, withdraw. */
static const char *const table[REQ_STATUS_COUNT] = {
	[REQ_REGISTERED] =		"OOUOUUOO",
	[REQ_IN_PROGRESS] =		"OOOOOOOO",
	[REQ_EXTENDED] =		"OUOUOOUO",
	[REQ_REDIRECTED] =		"UUUUUUUU",
	[REQ_ANSWERED] =		"UUUUUUUU",
	[REQ_PARTIALLY_ANSWERED] =	"UUUUUUUU",
	[REQ_REFUSED] =			"UUUUUUUU",
	[REQ_NOT_CONSIDERED] =		"UUUUUUUU",
	[REQ_WITHDRAWN] =		"UUUUUUUU",
};

/* The status after a lawful event, by event (-1: unchanged). */
static int
status_after(enum request_status from, enum request_event_kind k)
{
	switch (k) {
	case REQ_EV_ASSIGN:
		return from == REQ_REGISTERED ? REQ_IN_PROGRESS : -1;
	case REQ_EV_CLASSIFY:
		return -1;
	case REQ_EV_EXTEND:
		return REQ_EXTENDED;
	case REQ_EV_REDIRECT:
		return REQ_REDIRECTED;
	case REQ_EV_ANSWER:
		return REQ_ANSWERED;
	case REQ_EV_REFUSE:
		return REQ_REFUSED;
	case REQ_EV_NOT_CONSIDER:
		return REQ_NOT_CONSIDERED;
	default:
		return REQ_WITHDRAWN;
	}
}

static void
test_table(void)
{
	char name[160];
	int st, k;

	for (st = 0; st < REQ_STATUS_COUNT; st++)
		for (k = 0; k < REQ_EV_COUNT; k++) {
			struct request_state s = state_in(st), before = s;
			struct request_event ev = ev_of(k);
			struct request_effects fx;
			enum request_result r;
			int want = table[st][k] == 'O' ? REQ_OK : REQ_UNLAWFUL;
			int after = status_after(st, k);

			r = request_apply(cal, &s, &ev, D(2026, 3, 10), &fx);
			snprintf(name, sizeof(name), "%s + %s: %s",
			    request_status_code(st), request_event_code(k),
			    want == REQ_OK ? "lawful" : "unlawful");
			is_int(r, want, name);
			ok(fx.message != NULL && *fx.message != '\0',
			    "  with a message");
			if (want == REQ_OK)
				is_str(request_status_code(s.status),
				    request_status_code(after < 0 ? st : after),
				    "  the new status");
			else
				ok(memcmp(&s, &before, sizeof(s)) == 0,
				    "  the state is unchanged");
		}
}

static void
test_new(void)
{
	struct request_state s;
	const char *msg = NULL;

	is_int(request_new(cal, D(2026, 3, 6), D(2026, 3, 6), &s, &msg),
	    REQ_OK, "new: 6 March 2026");
	ok(msg == NULL, "new: no message");
	is_str(request_status_code(s.status), "registered", "new: registered");
	is_str(iso(s.due_on), "2026-03-26",
	    "new: due 15 days after receipt, moved past Nauryz");
	is_str(iso(s.redirect_due_on), "2026-03-12",
	    "new: redirect within 3 working days (9 March is off)");
	is_str(iso(s.refusal_due_on), "2026-03-16",
	    "new: refusal within 5 working days of registration");
	is_int(s.complexity, REQ_UNCLASSIFIED, "new: unclassified");

	is_int(request_new(cal, D(2026, 3, 6), D(2026, 3, 20), &s, NULL),
	    REQ_OK, "new: registered 20 March");
	is_str(iso(s.refusal_due_on), "2026-04-01",
	    "new: refusal due 1 April (21-25 March off)");

	is_int(request_new(cal, D(2026, 3, 6), D(2026, 3, 5), &s, &msg),
	    REQ_BAD_INPUT, "new: registered before receipt");
	ok(msg != NULL, "new: says why");
	is_int(request_new(cal, D(2014, 12, 1), D(2014, 12, 1), &s, NULL),
	    REQ_BAD_INPUT, "new: before the calendar");
	is_int(request_new(cal, D(2036, 12, 30), D(2036, 12, 30), &s, NULL),
	    REQ_BAD_INPUT, "new: deadline beyond the calendar");
}

static enum request_result
run(struct request_state *s, struct request_event ev, long today,
    struct request_effects *fx)
{
	return request_apply(cal, s, &ev, today, fx);
}

static void
test_deadlines(void)
{
	struct request_state s, before;
	struct request_event ev;
	struct request_effects fx;

	request_new(cal, D(2026, 3, 6), D(2026, 3, 6), &s, NULL);
	is_int(run(&s, ev_of(REQ_EV_ASSIGN), D(2026, 3, 6), &fx), REQ_OK,
	    "assign");
	is_int(s.executor_id, 7, "assign: executor recorded");

	ev = ev_of(REQ_EV_CLASSIFY);
	ev.complexity = REQ_SIMPLE;
	is_int(run(&s, ev, D(2026, 3, 9), &fx), REQ_OK, "classify simple");
	is_str(iso(fx.due_on), "2026-03-26", "simple: due 26 March");
	ev.complexity = REQ_COMPLEX;
	is_int(run(&s, ev, D(2026, 3, 10), &fx), REQ_OK, "classify complex");
	is_str(iso(fx.due_on), "2026-04-06",
	    "complex: 5 April is a Sunday, due 6 April");
	is_str(iso(s.due_on), "2026-04-06", "complex: stored");

	ev = ev_of(REQ_EV_EXTEND);
	ev.days = 30;
	is_int(run(&s, ev, D(2026, 4, 1), &fx), REQ_OK,
	    "extend inspection 30 days");
	is_str(request_status_code(fx.status), "extended", "extend: status");
	is_str(iso(fx.due_on), "2026-05-06",
	    "extend: 30 days from 6 April");
	is_str(iso(fx.notify_due_on), "2026-04-06",
	    "extend: tell within 3 calendar days (4 April is a Saturday)");
	ok(s.extended_inspection && !s.extended_holders, "extend: kind used");

	before = s;
	is_int(run(&s, ev, D(2026, 4, 2), &fx), REQ_UNLAWFUL,
	    "second extension for inspection refused");
	ok(memcmp(&s, &before, sizeof(s)) == 0, "  the state is unchanged");
	ok(fx.notify_due_on == 0 && !fx.late, "  no effects");
	ev.days = 31;
	is_int(run(&s, ev, D(2026, 4, 2), &fx), REQ_BAD_INPUT,
	    "31 days is bad input");

	ev.reason = REQ_EXTEND_HOLDERS;
	ev.days = 16;
	is_int(run(&s, ev, D(2026, 4, 2), &fx), REQ_BAD_INPUT,
	    "16 days for several holders is bad input");
	ev.days = 0;
	is_int(run(&s, ev, D(2026, 4, 2), &fx), REQ_BAD_INPUT,
	    "0 days is bad input");
	ev.days = -5;
	is_int(run(&s, ev, D(2026, 4, 2), &fx), REQ_BAD_INPUT,
	    "negative days is bad input");
	ev.days = 15;
	is_int(run(&s, ev, D(2026, 4, 2), &fx), REQ_OK,
	    "extend for several holders 15 days");
	is_str(iso(fx.due_on), "2026-05-21", "holders: 15 days from 6 May");
	is_str(iso(fx.notify_due_on), "2026-04-07",
	    "holders: tell within 3 working days");
	is_int(run(&s, ev, D(2026, 4, 3), &fx), REQ_UNLAWFUL,
	    "second extension for several holders refused");
	ev = ev_of(REQ_EV_CLASSIFY);
	is_int(run(&s, ev, D(2026, 4, 3), &fx), REQ_UNLAWFUL,
	    "classify after an extension refused");

	ev = ev_of(REQ_EV_REFUSE);
	is_int(run(&s, ev, D(2026, 5, 4), &fx), REQ_OK, "refuse");
	ok(fx.late, "refuse: late (after 13 March)");
	is_str(request_ground_code(s.ground), "restricted_access",
	    "refuse: ground recorded");
	is_int(run(&s, ev_of(REQ_EV_ANSWER), D(2026, 5, 5), &fx),
	    REQ_UNLAWFUL, "answer after a refusal refused");
	ok(fx.message != NULL &&
	    strstr(fx.message, "refused") != NULL, "  says it was refused");
}

static void
test_late_and_flags(void)
{
	struct request_state s, t;
	struct request_event ev;
	struct request_effects fx;
	struct request_flags f;

	request_new(cal, D(2026, 3, 6), D(2026, 3, 6), &s, NULL);
	request_flags(cal, &s, D(2026, 3, 22), &f);
	ok(f.open && !f.due_soon && !f.overdue, "flags 22 March: open");
	is_int(f.days_left, 4, "flags 22 March: 4 days left");
	request_flags(cal, &s, D(2026, 3, 23), &f);
	ok(f.due_soon && !f.overdue, "flags 23 March: due soon");
	is_int(f.days_left, 3, "flags 23 March: 3 days left");
	request_flags(cal, &s, D(2026, 3, 26), &f);
	ok(f.due_soon && !f.overdue, "flags 26 March: due soon, not overdue");
	request_flags(cal, &s, D(2026, 3, 27), &f);
	ok(f.overdue && !f.due_soon, "flags 27 March: overdue");
	is_int(f.days_left, -1, "flags 27 March: -1 day");

	run(&s, ev_of(REQ_EV_ASSIGN), D(2026, 3, 6), &fx);
	t = s;
	is_int(run(&t, ev_of(REQ_EV_EXTEND), D(2026, 3, 27), &fx),
	    REQ_UNLAWFUL, "extend when overdue refused");
	ev = ev_of(REQ_EV_ANSWER);
	is_int(run(&t, ev, D(2026, 3, 26), &fx), REQ_OK, "answer on time");
	ok(!fx.late, "answer on time: not late");
	request_flags(cal, &t, D(2026, 4, 30), &f);
	ok(!f.open && !f.answered_late && f.days_left == 0,
	    "answered on time: no flags");
	t = s;
	ev.complete = false;
	is_int(run(&t, ev, D(2026, 3, 27), &fx), REQ_OK, "partial answer");
	is_str(request_status_code(t.status), "partially_answered",
	    "partial answer: status");
	ok(fx.late, "partial answer 27 March: late");
	request_flags(cal, &t, D(2026, 3, 27), &f);
	ok(f.answered_late && !f.overdue, "flags: answered late");

	/* Refusal deadline: registration 20 March + 5 working = 1 April. */
	request_new(cal, D(2026, 3, 6), D(2026, 3, 20), &s, NULL);
	run(&s, ev_of(REQ_EV_ASSIGN), D(2026, 3, 20), &fx);
	t = s;
	run(&t, ev_of(REQ_EV_REFUSE), D(2026, 4, 1), &fx);
	request_flags(cal, &t, D(2026, 4, 1), &f);
	ok(!fx.late && !f.refused_late, "refused 1 April: in time");
	t = s;
	run(&t, ev_of(REQ_EV_REFUSE), D(2026, 4, 2), &fx);
	request_flags(cal, &t, D(2026, 4, 2), &f);
	ok(fx.late && f.refused_late, "refused 2 April: late");

	/* Redirect: within 3 working days of receipt (12 March). */
	request_new(cal, D(2026, 3, 6), D(2026, 3, 6), &s, NULL);
	t = s;
	is_int(run(&t, ev_of(REQ_EV_REDIRECT), D(2026, 3, 12), &fx), REQ_OK,
	    "redirect 12 March");
	ok(!fx.late && fx.redirect_to == 7, "redirect: in time, to holder 7");
	is_str(iso(fx.notify_due_on), "2026-03-12",
	    "redirect: the requester is told the same day");
	t = s;
	run(&t, ev_of(REQ_EV_REDIRECT), D(2026, 3, 13), &fx);
	request_flags(cal, &t, D(2026, 3, 13), &f);
	ok(fx.late && f.redirected_late, "redirect 13 March: late");
	is_int(run(&t, ev_of(REQ_EV_WITHDRAW), D(2026, 3, 14), &fx),
	    REQ_UNLAWFUL, "withdraw after a redirect refused");
	/* The competent holder's own clock starts when it receives it. */
	is_int(request_new(cal, D(2026, 3, 16), D(2026, 3, 16), &t, NULL),
	    REQ_OK, "the competent holder's request");
	is_str(iso(t.due_on), "2026-03-31", "its own 15 days");
}

static void
test_bad_input(void)
{
	struct request_state s, before;
	struct request_event ev;
	struct request_effects fx;

	request_new(cal, D(2026, 3, 6), D(2026, 3, 6), &s, NULL);
	before = s;
	ev = ev_of(REQ_EV_ASSIGN);
	ev.id = 0;
	is_int(run(&s, ev, D(2026, 3, 7), &fx), REQ_BAD_INPUT,
	    "assign without an executor");
	ev = ev_of(REQ_EV_REDIRECT);
	ev.id = -1;
	is_int(run(&s, ev, D(2026, 3, 7), &fx), REQ_BAD_INPUT,
	    "redirect without a holder");
	ev = ev_of(REQ_EV_CLASSIFY);
	ev.complexity = REQ_UNCLASSIFIED;
	is_int(run(&s, ev, D(2026, 3, 7), &fx), REQ_BAD_INPUT,
	    "classify as unclassified");
	ev.complexity = (enum request_complexity)42;
	is_int(run(&s, ev, D(2026, 3, 7), &fx), REQ_BAD_INPUT,
	    "classify with a wild value");
	ev = ev_of(REQ_EV_EXTEND);
	ev.reason = REQ_EXTEND_NONE;
	is_int(run(&s, ev, D(2026, 3, 7), &fx), REQ_BAD_INPUT,
	    "extend without a reason");
	ev = ev_of(REQ_EV_REFUSE);
	ev.ground = REQ_GROUND_NONE;
	is_int(run(&s, ev, D(2026, 3, 7), &fx), REQ_BAD_INPUT,
	    "refuse without a ground");
	ev.ground = (enum request_ground)99;
	is_int(run(&s, ev, D(2026, 3, 7), &fx), REQ_BAD_INPUT,
	    "refuse with a wild ground");
	ev = ev_of((enum request_event_kind)99);
	is_int(run(&s, ev, D(2026, 3, 7), &fx), REQ_BAD_INPUT,
	    "unknown event kind");
	ev = ev_of((enum request_event_kind)-1);
	is_int(run(&s, ev, D(2026, 3, 7), &fx), REQ_BAD_INPUT,
	    "negative event kind");
	is_int(run(&s, ev_of(REQ_EV_WITHDRAW), D(2026, 3, 5), &fx),
	    REQ_BAD_INPUT, "a day before receipt");
	is_int(run(&s, ev_of(REQ_EV_WITHDRAW), D(2040, 1, 1), &fx),
	    REQ_BAD_INPUT, "a day outside the calendar");
	ok(memcmp(&s, &before, sizeof(s)) == 0, "bad input: state unchanged");
	/* Bad input wins over an unlawful transition (400 before 409). */
	s.status = REQ_REFUSED;
	ev = ev_of(REQ_EV_EXTEND);
	ev.days = 31;
	is_int(run(&s, ev, D(2026, 3, 7), &fx), REQ_BAD_INPUT,
	    "31 days on a refused request: bad input first");
	s.status = (enum request_status)77;
	is_int(run(&s, ev_of(REQ_EV_WITHDRAW), D(2026, 3, 7), &fx),
	    REQ_UNLAWFUL, "a corrupt status is refused");
}

static void
test_codes(void)
{
	enum request_status st;
	enum request_event_kind k;
	enum request_complexity c;
	enum request_extend_reason r;
	enum request_ground g;
	int i, good = 1;

	for (i = 0; i < REQ_STATUS_COUNT; i++)
		if (request_status_parse(request_status_code(i), &st) != 0 ||
		    (int)st != i)
			good = 0;
	ok(good, "every status code parses back");
	good = 1;
	for (i = 0; i < REQ_EV_COUNT; i++)
		if (request_event_parse(request_event_code(i), &k) != 0 ||
		    (int)k != i)
			good = 0;
	ok(good, "every event code parses back");
	is_str(request_status_code(REQ_PARTIALLY_ANSWERED),
	    "partially_answered", "status code");
	is_str(request_status_code((enum request_status)9), "",
	    "status code out of range");
	is_str(request_status_code((enum request_status)-1), "",
	    "negative status code");
	ok(request_event_parse("not_consider", &k) == 0 &&
	    k == REQ_EV_NOT_CONSIDER, "parse not_consider");
	ok(request_event_parse("Answer", &k) == -1, "parse is exact");
	ok(request_event_parse("", &k) == -1, "parse empty");
	ok(request_event_parse(NULL, &k) == -1, "parse NULL");
	ok(request_status_parse("answered ", &st) == -1, "trailing space");
	ok(request_complexity_parse("complex", &c) == 0 && c == REQ_COMPLEX,
	    "parse complex");
	ok(request_complexity_parse("unclassified", &c) == -1,
	    "unclassified is not a choice");
	ok(request_reason_parse("multiple_holders", &r) == 0 &&
	    r == REQ_EXTEND_HOLDERS, "parse multiple_holders");
	ok(request_reason_parse("", &r) == -1, "empty reason");
	ok(request_ground_parse("foreign_agreement_pending", &g) == 0 &&
	    g == REQ_GROUND_FOREIGN_AGREEMENT_PENDING, "parse last ground");
	ok(request_ground_parse("secret", &g) == -1, "unknown ground");
	is_str(request_ground_code(REQ_GROUND_UNIDENTIFIABLE),
	    "unidentifiable", "ground code");
}

int
main(void)
{
	if ((cal = eco_calendar_new_default()) == NULL ||
	    eco_holidays_generate(cal, 2015, 2036) != 0 ||
	    eco_calendar_finish(cal) != 0) {
		printf("Bail out! no calendar\n");
		return 1;
	}
	test_table();
	test_new();
	test_deadlines();
	test_late_and_flags();
	test_bad_input();
	test_codes();
	eco_calendar_free(cal);
	return tap_done();
}
