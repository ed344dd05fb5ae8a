/*
 * The life of the made-up requests (see requests_gen.h): who asks whom
 * about what, and what the holder did when — every step put through
 * request_apply() on the statutory calendar, exactly as the desk's forms
 * do, so that statuses, deadlines and their being met or missed are the
 * portal's own.
 */
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "filing.h"
#include "requests_gen.h"

/* --- the PRNG ------------------------------------------------------------- */

void
gen_seed(struct gen_rng *g, uint64_t seed)
{
	g->state = seed;
}

uint64_t
gen_next(struct gen_rng *g)
{
	uint64_t z = (g->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

long
gen_below(struct gen_rng *g, long n)
{
	return n > 1 ? (long)(gen_next(g) % (uint64_t)n) : 0;
}

static bool
chance(struct gen_rng *g, int percent)
{
	return gen_below(g, 100) < percent;
}

/* --- what happens to a request --------------------------------------------- */

/*
 * The story a request is meant to have.  Events that would fall after
 * today never happen, so a story told about a recent request stops
 * half way: that is how open requests come about.
 */
enum plan {
	P_ANSWER,		/* answered in time */
	P_ANSWER_LATE,		/* answered after the due date */
	P_PARTIAL,		/* partially answered, sometimes late */
	P_EXTENDED,		/* extended, notified, then answered */
	P_REFUSE,		/* refused within 5 working days */
	P_REFUSE_LATE,		/* refused after them */
	P_NOT_CONSIDER,
	P_WITHDRAW,		/* by the requester */
	P_REDIRECT,		/* to the competent holder, who goes on */
	P_RECENT,		/* received in the last 40 days */
	P_STALL_REGISTERED,	/* nobody ever assigned: overdue */
	P_STALL_IN_PROGRESS,	/* assigned, never answered: overdue */
	P_STALL_EXTENDED,	/* extended, never answered: overdue */
	P_COUNT
};

/* How many of every 100 requests have each story. */
static const int deck_share[P_COUNT] = {
	[P_ANSWER] = 36, [P_ANSWER_LATE] = 6, [P_PARTIAL] = 8,
	[P_EXTENDED] = 6, [P_REFUSE] = 7, [P_REFUSE_LATE] = 3,
	[P_NOT_CONSIDER] = 3, [P_WITHDRAW] = 3, [P_REDIRECT] = 7,
	[P_RECENT] = 14, [P_STALL_REGISTERED] = 2, [P_STALL_IN_PROGRESS] = 3,
	[P_STALL_EXTENDED] = 2,
};
#define DECK_SIZE	100

/* The stories of a request a redirect opened at the competent holder. */
static const enum plan after_redirect[] = {
	P_ANSWER, P_ANSWER, P_ANSWER, P_ANSWER, P_ANSWER, P_PARTIAL,
	P_ANSWER_LATE, P_REFUSE, P_EXTENDED, P_STALL_IN_PROGRESS,
};

/* One request being made. */
struct builder {
	const struct gen_world	*w;
	struct gen_rng		*rng;
	struct gen_request	*r;
	long			 last;		/* the day of the last event */
	bool			 stopped;	/* the story went past today */
};

static const struct gen_holder *
holder_of(const struct builder *b)
{
	return &b->w->holders[b->r->holder];
}

/* Who does what at a holder: the head stands in for missing officials. */
static long long
registrar_of(const struct gen_holder *h)
{
	return h->registrar != 0 ? h->registrar : h->head;
}

static long long
executor_of(const struct gen_holder *h)
{
	return h->executor != 0 ? h->executor : h->head;
}

/* The n-th working day after from (n = 0: from, or the next working day). */
static long
working_after(const struct builder *b, long from, long n)
{
	long day;

	return eco_calendar_add_working_days(b->w->cal, from, n, &day) == 0 ?
	    day : from + n;
}

/*
 * Whether an event on *day happens: never before the last one (moved to
 * that day), never after today (the story stops there).
 */
static bool
happens(struct builder *b, long *day)
{
	if (b->stopped || b->r->nevents == GEN_MAX_EVENTS)
		return false;
	if (*day < b->last)
		*day = b->last;
	if (*day > b->w->today) {
		b->stopped = true;
		return false;
	}
	return true;
}

static struct gen_event *
add_event(struct builder *b, const char *type, long day, long long actor)
{
	struct gen_event *e = &b->r->events[b->r->nevents++];

	memset(e, 0, sizeof(*e));
	e->type = type;
	e->on = day;
	e->actor = actor;
	b->last = day;
	return e;
}

/* An event outside the workflow (a draft, a notice sent); NULL if it
 * does not happen. */
static struct gen_event *
note(struct builder *b, const char *type, long day, long long actor)
{
	return happens(b, &day) ? add_event(b, type, day, actor) : NULL;
}

/*
 * A workflow event on day by actor, applied by request_apply(), with the
 * statutory deadline it had to meet as the desk records it (act.c).
 */
static bool
step(struct builder *b, long day, long long actor,
    const struct request_event *ev)
{
	struct request_state before = b->r->st;
	struct request_effects fx;
	struct gen_event *e;
	const char *rule = before.complexity == REQ_COMPLEX ?
	    "answer_complex" : "answer_simple";

	if (!happens(b, &day))
		return false;
	if (request_apply(b->w->cal, &b->r->st, ev, day, &fx) != REQ_OK) {
		b->stopped = true;
		return false;
	}
	e = add_event(b, request_event_code(ev->kind), day, actor);
	e->workflow = true;
	e->ev = *ev;
	switch (ev->kind) {
	case REQ_EV_CLASSIFY:
		e->due_on = fx.due_on;
		break;
	case REQ_EV_EXTEND:
		e->deadline = rule;
		e->deadline_on = before.due_on;
		e->due_on = fx.due_on;
		e->notify_due_on = fx.notify_due_on;
		break;
	case REQ_EV_REDIRECT:
		e->deadline = "redirect";
		e->deadline_on = before.redirect_due_on;
		break;
	case REQ_EV_ANSWER:
		e->deadline = rule;
		e->deadline_on = before.due_on;
		break;
	case REQ_EV_REFUSE:
		e->deadline = "refuse";
		e->deadline_on = before.refusal_due_on;
		break;
	default:
		break;
	}
	return true;
}

/* The head assigns the executor, a few working days after registration. */
static bool
assign(struct builder *b)
{
	struct request_event ev = { .kind = REQ_EV_ASSIGN,
	    .id = (long)executor_of(holder_of(b)) };

	return step(b, working_after(b, b->r->st.registered_on,
	    gen_below(b->rng, 3)), holder_of(b)->head, &ev);
}

/* An extension while the answer is not overdue, and the paper notice. */
static bool
extend(struct builder *b)
{
	const struct gen_holder *h = holder_of(b);
	struct request_state *st = &b->r->st;
	struct request_event ev = { .kind = REQ_EV_EXTEND };
	struct gen_event *e;
	long day;

	if (b->last >= st->due_on)
		return true;
	day = b->last + 1 + gen_below(b->rng, st->due_on - b->last);
	ev.reason = chance(b->rng, 70) ? REQ_EXTEND_INSPECTION :
	    REQ_EXTEND_HOLDERS;
	ev.days = ev.reason == REQ_EXTEND_INSPECTION ?
	    10 + gen_below(b->rng, REQ_DAYS_EXTEND_INSPECTION - 9) :
	    5 + gen_below(b->rng, REQ_DAYS_EXTEND_HOLDERS - 4);
	/* The law gives the extension for several holders to the head. */
	if (!step(b, day, ev.reason == REQ_EXTEND_HOLDERS ? h->head :
	    executor_of(h), &ev))
		return false;
	/* An e-mail tells the requester; a paper answer needs a letter. */
	if (b->r->paper_answer || chance(b->rng, 40)) {
		e = note(b, "notify", day + gen_below(b->rng, 5),
		    registrar_of(h));
		if (e == NULL)
			return false;
		e->deadline = st->extended_holders ? "notify_extend_holders" :
		    "notify_extend_inspection";
		e->deadline_on = st->notify_due_on;
	}
	return true;
}

/* The executor's draft and the head's answer or refusal. */
static void
decide(struct builder *b, enum plan p)
{
	const struct gen_holder *h = holder_of(b);
	struct request_state *st = &b->r->st;
	bool refuse = p == P_REFUSE || p == P_REFUSE_LATE;
	bool late = p == P_ANSWER_LATE || p == P_REFUSE_LATE ||
	    (p == P_PARTIAL && chance(b->rng, 30));
	long limit = refuse ? st->refusal_due_on : st->due_on;
	struct request_event ev = { .kind = refuse ? REQ_EV_REFUSE :
	    REQ_EV_ANSWER };
	struct gen_event *draft;
	long day;
	int i;

	/* In time is mostly in the second half of the period. */
	if (late)
		day = limit + 1 + gen_below(b->rng, refuse ? 15 : 25);
	else if (limit > b->last)
		day = limit - gen_below(b->rng, (limit - b->last) / 2 + 1);
	else
		day = b->last;
	if ((draft = note(b, "draft", day - gen_below(b->rng, 3),
	    executor_of(h))) == NULL)
		return;
	draft->refusal = refuse;
	if (refuse)
		ev.ground = (enum request_ground)(1 + gen_below(b->rng,
		    REQ_GROUND_FOREIGN_AGREEMENT_PENDING));
	ev.complete = p != P_PARTIAL && !chance(b->rng, 5);
	if (!step(b, day, h->head, &ev) || refuse)
		return;
	/* A partial answer leaves the last question unanswered. */
	for (i = 0; i < b->r->nquestions; i++)
		b->r->answered[i] = ev.complete || i < b->r->nquestions - 1;
	if (b->r->paper_answer && b->r->fee_exemption == NULL &&
	    chance(b->rng, 40))
		b->r->fee_pages = 2 + gen_below(b->rng, 39);
}

/* The story p of a registered request, from its registration on. */
static void
run(struct builder *b, enum plan p)
{
	const struct gen_holder *h = holder_of(b);
	struct request_state *st = &b->r->st;
	struct request_event ev;

	memset(&ev, 0, sizeof(ev));
	switch (p) {
	case P_STALL_REGISTERED:
		return;
	case P_NOT_CONSIDER:
		if (chance(b->rng, 40) && !assign(b))
			return;
		ev.kind = REQ_EV_NOT_CONSIDER;
		(void)step(b, working_after(b, st->registered_on,
		    1 + gen_below(b->rng, 4)), h->head, &ev);
		return;
	case P_WITHDRAW:
		if (chance(b->rng, 50) && !assign(b))
			return;
		ev.kind = REQ_EV_WITHDRAW;
		(void)step(b, st->registered_on + 1 + gen_below(b->rng, 10),
		    b->w->accounts[b->r->account].id, &ev);
		return;
	default:
		break;
	}
	if (!assign(b))
		return;
	ev.kind = REQ_EV_CLASSIFY;
	ev.complexity = chance(b->rng, p == P_EXTENDED ||
	    p == P_STALL_EXTENDED ? 60 : 25) ? REQ_COMPLEX : REQ_SIMPLE;
	if (!step(b, working_after(b, b->last, gen_below(b->rng, 2)),
	    executor_of(h), &ev) || p == P_STALL_IN_PROGRESS)
		return;
	if ((p == P_EXTENDED || p == P_STALL_EXTENDED ||
	    (p == P_RECENT && chance(b->rng, 20))) && !extend(b))
		return;
	if (p != P_STALL_EXTENDED)
		decide(b, p);
}

/* --- who asks whom ------------------------------------------------------------ */

/* A holder of region ("" national) other than skip; else any other. */
static size_t
pick_holder(const struct builder *b, const char *region, size_t skip)
{
	const struct gen_world *w = b->w;
	size_t i, n = 0, k;

	for (i = 0; i < w->nholders; i++)
		if (i != skip && strcmp(w->holders[i].region, region) == 0)
			n++;
	if (n == 0)
		return region[0] != '\0' ? pick_holder(b, "", skip) :
		    (skip + 1 + (size_t)gen_below(b->rng,
		    (long)w->nholders - 1)) % w->nholders;
	k = (size_t)gen_below(b->rng, (long)n);
	for (i = 0; i < w->nholders; i++)
		if (i != skip && strcmp(w->holders[i].region, region) == 0 &&
		    k-- == 0)
			break;
	return i;
}

/* The day a request of story p was received. */
static long
received_day(struct builder *b, enum plan p)
{
	long today = b->w->today, from = today - GEN_DAYS_BACK, to = today;

	switch (p) {
	case P_STALL_REGISTERED:
	case P_STALL_IN_PROGRESS:
	case P_STALL_EXTENDED:
		to = today - 60;	/* overdue, whatever happens */
		break;
	case P_RECENT:
		from = today - 40;
		break;
	case P_REDIRECT:
		to = today - 10;	/* redirected by now */
		break;
	default:
		break;
	}
	return from + gen_below(b->rng, to - from + 1);
}

/* Who asks, about what, how, and where it is registered. */
static void
describe(struct builder *b, enum plan p)
{
	struct gen_request *r = b->r;
	struct gen_rng *g = b->rng;
	int max;

	r->from = r->to = -1;
	r->fee_pages = -1;
	r->topic = (size_t)gen_below(g, (long)gen_ntopics());
	r->variant = (int)gen_below(g, 2);
	r->ru = chance(g, 60);
	/* Paper and oral requests come from people without an account. */
	if (p == P_WITHDRAW || chance(g, 75)) {
		r->channel = "portal";
		r->account = gen_below(g, (long)b->w->naccounts);
		r->organisation = b->w->accounts[r->account].organisation;
	} else {
		r->channel = chance(g, 80) ? "paper" : "oral";
		r->account = -1;
		r->organisation = chance(g, 20);
	}
	r->person = gen_below(g, 10000);
	r->show_name = r->organisation && chance(g, 50);
	r->is_public = chance(g, 80);
	r->paper_answer = chance(g, strcmp(r->channel, "portal") == 0 ? 10 :
	    60);
	if (chance(g, 8))
		r->fee_exemption = fee_exemptions[gen_below(g,
		    (long)nfee_exemptions)].code;
	max = gen_topic_questions(r->topic);
	r->nquestions = chance(g, 45) || max == 0 ? 0 :
	    1 + (int)gen_below(g, max);
}

/* Registration: on the day of filing, or by the registrar on paper. */
static void
registration(struct builder *b, long received)
{
	struct gen_request *r = b->r;
	const struct gen_world *w = b->w;
	long registered = received;

	if (strcmp(r->channel, "portal") != 0) {
		registered = working_after(b, received, gen_below(b->rng, 2));
		if (registered > w->today)
			registered = w->today;
	}
	if (request_new(w->cal, received, registered, &r->st, NULL) != REQ_OK)
		abort();	/* the caller keeps the days in the calendar */
	add_event(b, "registered", registered, r->account >= 0 ?
	    w->accounts[r->account].id : registrar_of(holder_of(b)));
}

/*
 * A request sent first to a holder that is not competent, redirected
 * within 3 working days (or, one time in five, later) to one that is,
 * where out[1] opens and goes on.  Returns the number of requests made.
 */
static size_t
redirected(struct builder *b, struct gen_request *out, size_t index)
{
	const struct gen_world *w = b->w;
	struct gen_request *r = b->r, *c = &out[1];
	size_t target = r->holder;
	struct request_event ev = { .kind = REQ_EV_REDIRECT };
	struct builder cb;
	bool late = chance(b->rng, 20);
	long long actor;
	long day;

	r->holder = pick_holder(b, w->holders[target].region[0] != '\0' ? "" :
	    w->holders[(size_t)gen_below(b->rng, (long)w->nholders)].region,
	    target);
	registration(b, received_day(b, P_REDIRECT));
	day = working_after(b, r->st.received_on, late ?
	    4 + gen_below(b->rng, 4) : 1 + gen_below(b->rng, 3));
	if (chance(b->rng, 40) && !assign(b))
		return 1;
	ev.id = (long)w->holders[target].id;
	actor = registrar_of(holder_of(b));
	if (!step(b, day, actor, &ev))
		return 1;
	/* Its own clock: received by the competent holder that day. */
	day = r->st.redirected_on;
	*c = *r;
	memset(c->events, 0, sizeof(c->events));
	c->nevents = 0;
	c->holder = target;
	c->channel = "redirect";
	c->from = (long)index;
	r->to = (long)index + 1;
	if (request_new(w->cal, day, day, &c->st, NULL) != REQ_OK)
		abort();
	cb = (struct builder){ .w = w, .rng = b->rng, .r = c, .last = day };
	add_event(&cb, "received_redirect", day, actor);
	run(&cb, after_redirect[gen_below(b->rng, sizeof(after_redirect) /
	    sizeof(after_redirect[0]))]);
	return 2;
}

/* Request out[0] (and out[1] after a redirect) of story p; how many. */
static size_t
make(const struct gen_world *w, struct gen_rng *g, enum plan p,
    struct gen_request *out, size_t index, size_t room)
{
	struct builder b = { .w = w, .rng = g, .r = out };

	memset(out, 0, sizeof(*out));
	describe(&b, p);
	/* The competent holder: of the topic's region, now and then a
	 * national body. */
	out->holder = pick_holder(&b, chance(g, 25) ? "" :
	    gen_topic_region(out->topic), w->nholders);
	if (p == P_REDIRECT && room >= 2)
		return redirected(&b, out, index);
	if (p == P_REDIRECT)
		p = P_ANSWER;
	registration(&b, received_day(&b, p));
	run(&b, p);
	return 1;
}

/* The deck: deck_share[p] cards of each story, shuffled. */
static void
shuffle(struct gen_rng *g, enum plan deck[DECK_SIZE])
{
	enum plan t;
	int p, i, n = 0;

	for (p = 0; p < P_COUNT; p++)
		for (i = 0; i < deck_share[p]; i++)
			deck[n++] = (enum plan)p;
	for (i = DECK_SIZE - 1; i > 0; i--) {
		n = (int)gen_below(g, i + 1);
		t = deck[i];
		deck[i] = deck[n];
		deck[n] = t;
	}
}

size_t
gen_requests(const struct gen_world *w, uint64_t seed, size_t n,
    struct gen_request *out)
{
	enum plan deck[DECK_SIZE];
	struct gen_rng g;
	size_t i = 0, card = DECK_SIZE;

	gen_seed(&g, seed);
	while (i < n) {
		if (card == DECK_SIZE) {
			shuffle(&g, deck);
			card = 0;
		}
		i += make(w, &g, deck[card++], &out[i], i, n - i);
	}
	return n;
}

/* --- registration numbers -------------------------------------------------------- */

struct number_key {
	long long	holder;
	int		year;
	long		day;
	size_t		index;
};

static int
compare_keys(const void *pa, const void *pb)
{
	const struct number_key *a = pa, *b = pb;

	if (a->holder != b->holder)
		return a->holder < b->holder ? -1 : 1;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* The counter of (holder, year), added at 0 when there is none. */
static struct gen_counter *
counter(struct gen_counter *c, size_t *n, long long holder, int year)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (c[i].holder_id == holder && c[i].year == year)
			return &c[i];
	c[*n] = (struct gen_counter){ .holder_id = holder, .year = year };
	return &c[(*n)++];
}

void
gen_number(const struct gen_world *w, struct gen_request *r, size_t n,
    struct gen_counter *counters, size_t *ncounters)
{
	struct number_key *keys = calloc(n > 0 ? n : 1, sizeof(*keys));
	struct gen_counter *c = NULL;
	size_t i;
	int m, d;

	if (keys == NULL)
		abort();
	for (i = 0; i < n; i++) {
		keys[i].holder = w->holders[r[i].holder].id;
		eco_civil_from_days(r[i].st.registered_on, &keys[i].year, &m, &d);
		keys[i].day = r[i].st.registered_on;
		keys[i].index = i;
	}
	qsort(keys, n, sizeof(*keys), compare_keys);
	for (i = 0; i < n; i++) {
		if (c == NULL || c->holder_id != keys[i].holder ||
		    c->year != keys[i].year)
			c = counter(counters, ncounters, keys[i].holder,
			    keys[i].year);
		r[keys[i].index].reg_year = keys[i].year;
		r[keys[i].index].reg_seq = ++c->last;
	}
	free(keys);
}
