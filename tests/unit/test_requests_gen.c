/*
 * Unit tests of the made-up requests (tools/requests_gen.c): the same
 * seed makes the same requests; every status comes out, with overdue,
 * late answers and late refusals among them; replaying each request's
 * events through the workflow from its receipt gives exactly its state,
 * and every deadline an event names is the one the workflow set; dates
 * move forward and stop at today; redirects open their second request
 * the day they happen; registration numbers are gapless per holder and
 * year after the counters already there; the made-up people and the demo
 * accounts have valid identity numbers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "demo_accounts.h"
#include "filing.h"
#include "holidays.h"
#include "requests_gen.h"
#include "tap.h"
#include "validate.h"
#include "workflow.h"

#define D(y, m, d)	eco_days_from_civil((y), (m), (d))
#define N		400	/* the demo's size */
#define BIG		20000	/* enough for every rare path */

static struct eco_calendar *cal;

static const struct gen_holder holders[] = {
	{ 1, "mepr", "", 101, 102, 103 },
	{ 2, "mepr_cerc", "", 0, 0, 203 },
	{ 3, "kazhydromet", "", 301, 302, 303 },
	{ 4, "ecodep_karaganda", "karaganda", 401, 402, 403 },
	{ 5, "ecodep_pavlodar", "pavlodar", 501, 502, 503 },
	{ 6, "ecodep_almaty_city", "almaty_city", 601, 602, 603 },
};
static const struct gen_account accounts[] = {
	{ 11, false }, { 12, true }, { 13, false }, { 14, true },
};

static struct gen_world
world(long today)
{
	struct gen_world w = { cal, today, holders,
	    sizeof(holders) / sizeof(holders[0]), accounts,
	    sizeof(accounts) / sizeof(accounts[0]) };

	return w;
}

static struct gen_request *
made_n(long today, uint64_t seed, size_t n)
{
	struct gen_world w = world(today);
	struct gen_request *r = calloc(n, sizeof(*r));

	if (r == NULL || gen_requests(&w, seed, n, r) != n)
		abort();
	return r;
}

static struct gen_request *
made(long today, uint64_t seed)
{
	return made_n(today, seed, N);
}

static bool
same_state(const struct request_state *a, const struct request_state *b)
{
	return a->status == b->status && a->received_on == b->received_on &&
	    a->registered_on == b->registered_on &&
	    a->complexity == b->complexity && a->due_on == b->due_on &&
	    a->refusal_due_on == b->refusal_due_on &&
	    a->redirect_due_on == b->redirect_due_on &&
	    a->extended_inspection == b->extended_inspection &&
	    a->extended_holders == b->extended_holders &&
	    a->notify_due_on == b->notify_due_on &&
	    a->executor_id == b->executor_id &&
	    a->redirected_to == b->redirected_to &&
	    a->redirected_on == b->redirected_on && a->ground == b->ground &&
	    a->answered_on == b->answered_on && a->refused_on == b->refused_on &&
	    a->closed_on == b->closed_on;
}

/* The same requests, field by field. */
static bool
same_requests(const struct gen_request *a, const struct gen_request *b)
{
	size_t i;
	int k;

	for (i = 0; i < N; i++) {
		if (a[i].holder != b[i].holder || a[i].topic != b[i].topic ||
		    a[i].ru != b[i].ru || a[i].account != b[i].account ||
		    a[i].person != b[i].person ||
		    a[i].is_public != b[i].is_public ||
		    a[i].nevents != b[i].nevents ||
		    !same_state(&a[i].st, &b[i].st))
			return false;
		for (k = 0; k < a[i].nevents; k++)
			if (strcmp(a[i].events[k].type, b[i].events[k].type) != 0 ||
			    a[i].events[k].on != b[i].events[k].on ||
			    a[i].events[k].actor != b[i].events[k].actor)
				return false;
	}
	return true;
}

static void
test_rng(void)
{
	struct gen_rng a, b;
	bool same = true, in_range = true;
	int i;

	gen_seed(&a, 42);
	gen_seed(&b, 42);
	for (i = 0; i < 1000; i++) {
		long x = gen_below(&a, 7);

		same = same && x == gen_below(&b, 7);
		in_range = in_range && x >= 0 && x < 7;
	}
	ok(same, "the PRNG: one seed, one sequence");
	ok(in_range, "gen_below(7) stays in 0..6");
	gen_seed(&a, 1);
	gen_seed(&b, 2);
	ok(gen_next(&a) != gen_next(&b), "another seed, another sequence");
}

static void
test_determinism(long today)
{
	struct gen_request *a = made(today, 20260101), *b = made(today, 20260101);
	struct gen_request *c = made(today, 7);

	ok(same_requests(a, b), "the same seed and day make the same requests");
	ok(!same_requests(a, c), "another seed makes others");
	free(a);
	free(b);
	free(c);
}

/* Every status, overdue, late answers and refusals, open and closed. */
static void
test_statuses(const struct gen_request *r, long today)
{
	int count[REQ_STATUS_COUNT] = { 0 }, overdue = 0, answered_late = 0;
	int refused_late = 0, due_soon = 0, hidden = 0, shown = 0, paper = 0;
	int questions = 0, extended = 0, redirect_late = 0;
	struct request_flags f;
	char name[160];
	size_t i;
	int s;

	for (i = 0; i < N; i++) {
		count[r[i].st.status]++;
		request_flags(cal, &r[i].st, today, &f);
		overdue += f.overdue;
		due_soon += f.due_soon;
		answered_late += f.answered_late;
		refused_late += f.refused_late;
		redirect_late += f.redirected_late;
		hidden += !r[i].is_public;
		shown += r[i].show_name;
		paper += r[i].account < 0;
		questions += r[i].nquestions > 0;
		extended += r[i].st.extended_inspection ||
		    r[i].st.extended_holders;
	}
	for (s = 0; s < REQ_STATUS_COUNT; s++) {
		snprintf(name, sizeof(name), "some requests are %s (%d)",
		    request_status_code((enum request_status)s), count[s]);
		ok(count[s] > 0, name);
	}
	printf("# overdue %d, due soon %d, answered late %d, refused late %d, "
	    "redirected late %d, extended %d, not public %d, paper %d\n",
	    overdue, due_soon, answered_late, refused_late, redirect_late,
	    extended, hidden, paper);
	ok(count[REQ_ANSWERED] > count[REQ_REFUSED] &&
	    count[REQ_ANSWERED] > N / 4, "most are answered");
	ok(overdue > 0, "some open requests are overdue");
	ok(answered_late > 0, "some were answered late");
	ok(refused_late > 0, "some were refused late");
	ok(redirect_late > 0, "some were redirected late");
	ok(extended > 0, "some periods were extended");
	ok(hidden > 0 && hidden < N / 2, "most are public, some not");
	ok(shown > 0, "some organisations show their name");
	ok(paper > 0 && paper < N / 2, "some came on paper or orally");
	ok(questions > 0, "some have itemised questions");
}

/* The deadline an event names, from the state before it (as act.c). */
static bool
deadline_right(const struct gen_event *e, const struct request_state *before)
{
	const char *rule = before->complexity == REQ_COMPLEX ?
	    "answer_complex" : "answer_simple";

	if (strcmp(e->type, "extend") == 0 || strcmp(e->type, "answer") == 0)
		return e->deadline != NULL && strcmp(e->deadline, rule) == 0 &&
		    e->deadline_on == before->due_on;
	if (strcmp(e->type, "refuse") == 0)
		return e->deadline != NULL && strcmp(e->deadline, "refuse") == 0 &&
		    e->deadline_on == before->refusal_due_on;
	if (strcmp(e->type, "redirect") == 0)
		return e->deadline != NULL &&
		    strcmp(e->deadline, "redirect") == 0 &&
		    e->deadline_on == before->redirect_due_on;
	if (strcmp(e->type, "notify") == 0)
		return e->deadline != NULL && e->deadline_on ==
		    before->notify_due_on && strcmp(e->deadline,
		    before->extended_holders ? "notify_extend_holders" :
		    "notify_extend_inspection") == 0;
	return e->deadline == NULL;
}

/*
 * Each request replayed from its receipt through the workflow: every
 * event lawful on its day, the deadlines named the workflow's, the dates
 * in order and not after today, the state at the end the request's.
 */
static void
test_replay(const struct gen_request *r, size_t n, long today)
{
	int bad_replay = 0, bad_deadline = 0, bad_dates = 0, bad_set = 0;
	int bad_first = 0, bad_actor = 0;
	struct request_state st, before;
	struct request_effects fx;
	long due;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		const struct gen_request *q = &r[i];
		const struct gen_holder *h = &holders[q->holder];
		long last = q->st.received_on;

		if (request_new(cal, q->st.received_on, q->st.registered_on, &st,
		    NULL) != REQ_OK) {
			bad_replay++;
			continue;
		}
		if (strcmp(q->events[0].type, q->from >= 0 ?
		    "received_redirect" : "registered") != 0 ||
		    q->events[0].on != q->st.registered_on)
			bad_first++;
		for (k = 0; k < q->nevents; k++) {
			const struct gen_event *e = &q->events[k];

			if (e->on < last || e->on > today)
				bad_dates++;
			last = e->on;
			before = st;
			if (!deadline_right(e, &before))
				bad_deadline++;
			if (!e->workflow)
				continue;
			if (request_apply(cal, &st, &e->ev, e->on, &fx) != REQ_OK)
				bad_replay++;
			if (e->ev.kind == REQ_EV_CLASSIFY &&
			    (eco_calendar_add_calendar_days(cal, st.received_on,
			    e->ev.complexity == REQ_COMPLEX ? REQ_DAYS_COMPLEX :
			    REQ_DAYS_SIMPLE, &due) != 0 || e->due_on != due ||
			    st.due_on != due))
				bad_set++;
			if (e->ev.kind == REQ_EV_EXTEND &&
			    (eco_calendar_add_calendar_days(cal, before.due_on,
			    e->ev.days, &due) != 0 || e->due_on != due ||
			    e->notify_due_on != st.notify_due_on))
				bad_set++;
			if ((e->ev.kind == REQ_EV_ASSIGN ||
			    e->ev.kind == REQ_EV_ANSWER ||
			    e->ev.kind == REQ_EV_REFUSE ||
			    e->ev.kind == REQ_EV_NOT_CONSIDER) && e->actor != h->head)
				bad_actor++;
			if (e->ev.kind == REQ_EV_WITHDRAW && (q->account < 0 ||
			    e->actor != accounts[q->account].id))
				bad_actor++;
		}
		if (!same_state(&st, &q->st))
			bad_replay++;
	}
	ok(bad_replay == 0, "every request's events replay lawfully to its state");
	ok(bad_deadline == 0, "every event names the deadline the workflow set");
	ok(bad_set == 0, "classify and extend set the due dates of the law");
	ok(bad_dates == 0, "events move forward from receipt and stop at today");
	ok(bad_first == 0, "a timeline opens with the registration");
	ok(bad_actor == 0, "the head signs, the requester withdraws");
}

/* A redirect's second request: at the holder named, from that day. */
static void
test_redirects(const struct gen_request *r, size_t n)
{
	int pairs = 0, bad = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct gen_request *q = &r[i], *c;

		if (q->st.status != REQ_REDIRECTED)
			continue;
		pairs++;
		if (q->to < 0 || (c = &r[q->to])->from != (long)i ||
		    holders[c->holder].id != q->st.redirected_to ||
		    c->st.received_on != q->st.redirected_on ||
		    strcmp(c->channel, "redirect") != 0 || c->topic != q->topic ||
		    c->account != q->account || c->holder == q->holder)
			bad++;
	}
	ok(pairs > 0 && bad == 0,
	    "each redirect opens a request at the competent holder that day");
}

/* Numbers per holder and year: consecutive from the counter's next. */
static void
test_numbers(long today)
{
	struct gen_world w = world(today);
	struct gen_request *r = made(today, 5);
	struct gen_counter counters[N + 1] = { { 4, 0, 41 } };
	size_t nc = 1, i, j;
	int y, m, d, bad = 0, seen;

	eco_civil_from_days(today, &y, &m, &d);
	counters[0].year = y;
	gen_number(&w, r, N, counters, &nc);
	for (i = 0; i < nc; i++) {
		int first = counters[i].holder_id == 4 && counters[i].year == y ?
		    42 : 1, want;
		long prev = 0;

		for (want = first; want <= counters[i].last; want++) {
			for (j = 0, seen = 0; j < N; j++)
				if (holders[r[j].holder].id == counters[i].holder_id &&
				    r[j].reg_year == counters[i].year &&
				    r[j].reg_seq == want) {
					seen++;
					if (r[j].st.registered_on < prev)
						bad++;
					prev = r[j].st.registered_on;
				}
			if (seen != 1)
				bad++;
		}
	}
	for (j = 0; j < N; j++) {
		eco_civil_from_days(r[j].st.registered_on, &y, &m, &d);
		if (r[j].reg_year != y || r[j].reg_seq < 1)
			bad++;
	}
	ok(bad == 0, "numbers are gapless per holder and year, in order of "
	    "registration, after the counter's last");
	free(r);
}

static void
test_reg_no(void)
{
	char no[64];

	filing_reg_no("mepr_cerc", 2026, 17, no, sizeof(no));
	is_str(no, "MEPR-CERC-2026-00017", "a number: the code in capitals, "
	    "the year, five digits");
	filing_reg_no("iac", 2025, 123456, no, sizeof(no));
	is_str(no, "IAC-2025-123456", "more than five digits when needed");
}

static void
test_texts(const struct gen_request *r)
{
	struct gen_person p;
	int bad = 0, badid = 0;
	size_t i;
	int q;

	for (i = 0; i < N; i++) {
		if (!eco_text_ok(gen_subject(&r[i]), FILING_SUBJECT_MAX, false) ||
		    !eco_text_ok(gen_body(&r[i]), FILING_BODY_MAX, true) ||
		    (r[i].st.answered_on != 0 &&
		    !eco_text_ok(gen_answer_text(&r[i]), 50000, true)) ||
		    (r[i].fee_exemption != NULL &&
		    fee_exemption_label(r[i].fee_exemption) == NULL))
			bad++;
		for (q = 0; q < r[i].nquestions; q++)
			if (!eco_text_ok(gen_question(&r[i], q),
			    FILING_QUESTION_MAX, false))
				bad++;
		for (q = 0; q < r[i].nevents; q++)
			if (r[i].events[q].workflow &&
			    (r[i].events[q].ev.kind == REQ_EV_REFUSE ||
			    r[i].events[q].ev.kind == REQ_EV_EXTEND ||
			    r[i].events[q].ev.kind == REQ_EV_REDIRECT ||
			    r[i].events[q].ev.kind == REQ_EV_NOT_CONSIDER) &&
			    !eco_text_ok(gen_justification(&r[i],
			    &r[i].events[q]), 5000, true))
				bad++;
		gen_person(&r[i], &p);
		if (!eco_iin_valid(p.iin) || (r[i].organisation &&
		    (!eco_bin_valid(p.bin) || p.org[0] == '\0')) ||
		    p.name[0] == '\0' || p.address[0] == '\0')
			badid++;
	}
	ok(bad == 0, "subjects, bodies, questions, answers and reasons fit "
	    "the filing's limits; exemptions are the law's");
	ok(badid == 0, "made-up requesters have valid IINs and BINs");
}

static void
test_demo_accounts(void)
{
	const struct demo_account *d;
	struct demo_account buf;
	char email[64], seen[128][64];
	size_t i, n = 0, j, officials = 0, requesters = 0;
	int bad = 0, dup = 0;

	for (i = 0; (d = demo_account(i, &buf, email)) != NULL; i++) {
		if (!eco_email_valid(d->email) ||
		    (strcmp(d->role, "individual") == 0 && !eco_iin_valid(d->iin)) ||
		    (strcmp(d->role, "organisation") == 0 &&
		    (!eco_bin_valid(d->bin) || d->org == NULL)) ||
		    (strcmp(d->role, "official") == 0 &&
		    (d->holder == NULL || d->position == NULL)))
			bad++;
		officials += strcmp(d->role, "official") == 0;
		requesters += strcmp(d->role, "individual") == 0 ||
		    strcmp(d->role, "organisation") == 0;
		for (j = 0; j < n; j++)
			dup += strcmp(seen[j], d->email) == 0;
		if (n < 128)
			snprintf(seen[n++], 64, "%s", d->email);
	}
	ok(bad == 0, "demo accounts have valid e-mails, IINs, BINs, holders");
	/* official@demo comes twice: the ministry's head. */
	ok(dup == 1, "every demo e-mail once (the ministry's head named twice)");
	ok(officials >= 30 && requesters >= 6, "officials at many holders, "
	    "several requesters");
	is_str(demo_account(0, &buf, email)->email, "citizen@demo.ecogosfond.kz",
	    "the first account stays the first");
}

int
main(void)
{
	long days[2] = { D(2026, 3, 20), D(2025, 12, 31) };
	struct gen_request *r;
	int i;

	if ((cal = eco_calendar_new_default()) == NULL ||
	    eco_holidays_generate(cal, 2015, 2036) != 0 ||
	    eco_calendar_finish(cal) != 0) {
		printf("Bail out! no calendar\n");
		return 1;
	}
	test_rng();
	test_reg_no();
	for (i = 0; i < 2; i++) {
		test_determinism(days[i]);
		r = made(days[i], 20260101);
		test_statuses(r, days[i]);
		test_replay(r, N, days[i]);
		test_redirects(r, N);
		test_texts(r);
		free(r);
		test_numbers(days[i]);
	}
	r = made_n(days[0], 99, BIG);
	test_replay(r, BIG, days[0]);
	test_redirects(r, BIG);
	free(r);
	test_demo_accounts();
	eco_calendar_free(cal);
	return tap_done();
}
