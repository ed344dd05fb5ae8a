/* Made-up requests into the database with COPY (see requests_copy.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "buf.h"
#include "calendar.h"
#include "date.h"
#include "filing.h"
#include "requests_copy.h"
#include "requests_gen.h"

/* What a page of copying costs, in tenge (the Fund's tariff is its own). */
#define FEE_TARIFF	"20.00"
/* COPY data goes to the server in pieces of about this size. */
#define FLUSH_AT	(1 << 20)

/* The demo officials' holders, in id order: the generator's world. */
#define Q_HOLDERS \
    "SELECT h.id, h.code, coalesce(h.region, ''), " \
    "       coalesce(min(u.id) FILTER (WHERE u.position = 'registrar'), 0), " \
    "       coalesce(min(u.id) FILTER (WHERE u.position = 'executor'), 0), " \
    "       min(u.id) FILTER (WHERE u.position = 'head') " \
    "FROM requests.holders h " \
    "JOIN core.users u ON u.holder_id = h.id AND u.kind = 'official' " \
    "     AND u.disabled_at IS NULL AND u.email LIKE '%@demo.ecogosfond.kz' " \
    "WHERE h.active GROUP BY h.id " \
    "HAVING count(*) FILTER (WHERE u.position = 'head') > 0 ORDER BY h.id"

/* The demo requesters' accounts, in a stable order. */
#define Q_ACCOUNTS \
    "SELECT id, kind, full_name, coalesce(iin, ''), coalesce(bin, ''), " \
    "       coalesce(org_name, ''), email " \
    "FROM core.users WHERE kind IN ('individual', 'organisation') " \
    "AND disabled_at IS NULL AND email LIKE '%@demo.ecogosfond.kz' " \
    "ORDER BY email"

/* One run: the connection, what was read and made, and the error. */
struct run {
	PGconn			*conn;
	struct eco_arena	*arena;
	struct gen_world	 w;
	PGresult		*holders;	/* kept: the world points in */
	PGresult		*accounts;
	struct gen_request	*r;
	size_t			 n;
	long long		*ids;		/* of the requests */
	long long		*requester_ids;	/* of each request's requester */
	struct copy_stats	*stats;
	char			*err;
	size_t			 errlen;
};

static int	fail(struct run *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static int
fail(struct run *run, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(run->err, run->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* A statement without parameters; NULL (and the error) on failure. */
static PGresult *
query(struct run *run, const char *sql, const char *what)
{
	PGresult *res = PQexec(run->conn, sql);

	if (PQresultStatus(res) == PGRES_TUPLES_OK ||
	    PQresultStatus(res) == PGRES_COMMAND_OK)
		return res;
	fail(run, "%s: %s", what, PQresultErrorMessage(res));
	PQclear(res);
	return NULL;
}

static int
command(struct run *run, const char *sql, const char *what)
{
	PGresult *res = query(run, sql, what);

	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

/* The holders and accounts the requests are made of. */
static int
read_world(struct run *run)
{
	struct gen_holder *h;
	struct gen_account *a;
	int i;

	if ((run->holders = query(run, Q_HOLDERS, "holders")) == NULL ||
	    (run->accounts = query(run, Q_ACCOUNTS, "accounts")) == NULL)
		return -1;
	if (PQntuples(run->holders) < 2 || PQntuples(run->accounts) < 1)
		return fail(run, "the requests need the demo officials and "
		    "requesters: run ecoctl demo load first");
	h = eco_alloc(run->arena, sizeof(*h) * (size_t)PQntuples(run->holders));
	for (i = 0; i < PQntuples(run->holders); i++) {
		h[i].id = strtoll(PQgetvalue(run->holders, i, 0), NULL, 10);
		h[i].code = PQgetvalue(run->holders, i, 1);
		h[i].region = PQgetvalue(run->holders, i, 2);
		h[i].registrar = strtoll(PQgetvalue(run->holders, i, 3), NULL, 10);
		h[i].executor = strtoll(PQgetvalue(run->holders, i, 4), NULL, 10);
		h[i].head = strtoll(PQgetvalue(run->holders, i, 5), NULL, 10);
	}
	a = eco_alloc(run->arena, sizeof(*a) * (size_t)PQntuples(run->accounts));
	for (i = 0; i < PQntuples(run->accounts); i++) {
		a[i].id = strtoll(PQgetvalue(run->accounts, i, 0), NULL, 10);
		a[i].organisation = strcmp(PQgetvalue(run->accounts, i, 1),
		    "organisation") == 0;
	}
	run->w.holders = h;
	run->w.nholders = (size_t)PQntuples(run->holders);
	run->w.accounts = a;
	run->w.naccounts = (size_t)PQntuples(run->accounts);
	return 0;
}

/*
 * Numbers the requests after the counters in the database; the table is
 * locked until the commit, so no filing takes a number meanwhile.
 */
static int
number(struct run *run, struct gen_counter **counters, size_t *nc)
{
	PGresult *res;
	size_t i;

	if (command(run, "LOCK TABLE requests.reg_counters IN EXCLUSIVE MODE",
	    "lock") != 0 || (res = query(run, "SELECT holder_id, year, last "
	    "FROM requests.reg_counters", "counters")) == NULL)
		return -1;
	*nc = (size_t)PQntuples(res);
	*counters = eco_alloc(run->arena, sizeof(**counters) * (*nc + run->n));
	for (i = 0; i < *nc; i++) {
		(*counters)[i].holder_id = strtoll(PQgetvalue(res, (int)i, 0),
		    NULL, 10);
		(*counters)[i].year = atoi(PQgetvalue(res, (int)i, 1));
		(*counters)[i].last = atoi(PQgetvalue(res, (int)i, 2));
	}
	PQclear(res);
	gen_number(&run->w, run->r, run->n, *counters, nc);
	return 0;
}

/* count values of a table's identity, taken from its sequence. */
static int
reserve(struct run *run, const char *table, size_t count, long long *out)
{
	char n[32];
	const char *p[2] = { table, n };
	PGresult *res;
	size_t i;

	snprintf(n, sizeof(n), "%zu", count);
	res = PQexecParams(run->conn, "SELECT nextval(pg_get_serial_sequence("
	    "$1, 'id')) FROM generate_series(1, $2::integer)", 2, NULL, p,
	    NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK ||
	    (size_t)PQntuples(res) != count) {
		fail(run, "ids of %s: %s", table, PQresultErrorMessage(res));
		PQclear(res);
		return -1;
	}
	for (i = 0; i < count; i++)
		out[i] = strtoll(PQgetvalue(res, (int)i, 0), NULL, 10);
	PQclear(res);
	return 0;
}

/* --- COPY text format ------------------------------------------------------------ */

struct copy {
	struct run	*run;
	struct eco_buf	 b;
	bool		 first;		/* no separator before the next field */
};

static int
copy_begin(struct run *run, struct copy *c, const char *sql)
{
	PGresult *res = PQexec(run->conn, sql);

	if (PQresultStatus(res) != PGRES_COPY_IN) {
		fail(run, "%s: %s", sql, PQresultErrorMessage(res));
		PQclear(res);
		return -1;
	}
	PQclear(res);
	c->run = run;
	eco_buf_init(&c->b, run->arena);
	c->first = true;
	return 0;
}

static int
copy_flush(struct copy *c)
{
	if (c->b.len > 0 && PQputCopyData(c->run->conn, c->b.data,
	    (int)c->b.len) != 1)
		return fail(c->run, "COPY: %s", PQerrorMessage(c->run->conn));
	eco_buf_clear(&c->b);
	return 0;
}

static int
copy_end(struct copy *c, const char *what)
{
	PGresult *res;
	int rc = 0;

	if (copy_flush(c) != 0 || PQputCopyEnd(c->run->conn, NULL) != 1)
		return fail(c->run, "%s: %s", what, PQerrorMessage(c->run->conn));
	while ((res = PQgetResult(c->run->conn)) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && rc == 0)
			rc = fail(c->run, "%s: %s", what,
			    PQresultErrorMessage(res));
		PQclear(res);
	}
	return rc;
}

static void
separate(struct copy *c)
{
	if (!c->first)
		eco_buf_putc(&c->b, '\t');
	c->first = false;
}

/* A text field, escaped as COPY reads it; NULL is SQL NULL. */
static void
field(struct copy *c, const char *s)
{
	separate(c);
	if (s == NULL) {
		eco_buf_puts(&c->b, "\\N");
		return;
	}
	for (; *s != '\0'; s++)
		switch (*s) {
		case '\\': eco_buf_puts(&c->b, "\\\\"); break;
		case '\t': eco_buf_puts(&c->b, "\\t"); break;
		case '\n': eco_buf_puts(&c->b, "\\n"); break;
		case '\r': eco_buf_puts(&c->b, "\\r"); break;
		default: eco_buf_putc(&c->b, *s); break;
		}
}

static void
field_id(struct copy *c, long long id)
{
	separate(c);
	if (id == 0)
		eco_buf_puts(&c->b, "\\N");
	else
		eco_buf_printf(&c->b, "%lld", id);
}

static void
field_int(struct copy *c, long v)
{
	separate(c);
	eco_buf_printf(&c->b, "%ld", v);
}

static void
field_bool(struct copy *c, bool v)
{
	separate(c);
	eco_buf_putc(&c->b, v ? 't' : 'f');
}

/* A day; 0 is NULL. */
static void
field_day(struct copy *c, long day)
{
	char iso[16];

	separate(c);
	if (day == 0) {
		eco_buf_puts(&c->b, "\\N");
		return;
	}
	eco_date_format_iso(day, iso, sizeof(iso));
	eco_buf_puts(&c->b, iso);
}

/* An instant on day, Almaty time, minutes after nine in the morning. */
static void
field_at(struct copy *c, long day, long minutes)
{
	char iso[16];

	separate(c);
	eco_date_format_iso(day, iso, sizeof(iso));
	eco_buf_printf(&c->b, "%s %02ld:%02ld:00+05", iso, 9 + minutes / 60 % 9,
	    minutes % 60);
}

static int
row_end(struct copy *c)
{
	eco_buf_putc(&c->b, '\n');
	c->first = true;
	return c->b.len >= FLUSH_AT ? copy_flush(c) : 0;
}

/* The columns of struct request_state, as STORE_STATE_COLUMNS orders them. */
#define STATE_COLUMNS \
    "status, received_on, registered_on, complexity, due_on, " \
    "refusal_due_on, redirect_due_on, extended_inspection, " \
    "extended_holders, notify_due_on, executor_id, redirected_to, " \
    "redirected_on, ground, answered_on, refused_on, closed_on"

static void
fields_state(struct copy *c, const struct request_state *s)
{
	field(c, request_status_code(s->status));
	field_day(c, s->received_on);
	field_day(c, s->registered_on);
	field(c, s->complexity != REQ_UNCLASSIFIED ?
	    request_complexity_code(s->complexity) : NULL);
	field_day(c, s->due_on);
	field_day(c, s->refusal_due_on);
	field_day(c, s->redirect_due_on);
	field_bool(c, s->extended_inspection);
	field_bool(c, s->extended_holders);
	field_day(c, s->notify_due_on);
	field_id(c, s->executor_id);
	field_id(c, s->redirected_to);
	field_day(c, s->redirected_on);
	field(c, s->ground != REQ_GROUND_NONE ? request_ground_code(s->ground) :
	    NULL);
	field_day(c, s->answered_on);
	field_day(c, s->refused_on);
	field_day(c, s->closed_on);
}

/* --- the tables ---------------------------------------------------------------------- */

/* Column c of request r's account, NULL when empty. */
static const char *
account(struct run *run, const struct gen_request *r, int c)
{
	const char *v = PQgetvalue(run->accounts, (int)r->account, c);

	return v[0] != '\0' ? v : NULL;
}

/* One requester per request; a redirect's second request shares it. */
static int
copy_requesters(struct run *run)
{
	struct gen_person p;
	struct copy c;
	size_t i;

	if (copy_begin(run, &c, "COPY requests.requesters (id, kind, user_id, "
	    "full_name, iin, bin, org_name, email, phone, postal_address) "
	    "FROM STDIN") != 0)
		return -1;
	for (i = 0; i < run->n; i++) {
		const struct gen_request *r = &run->r[i];

		if (r->from >= 0)
			continue;
		gen_person(r, &p);
		field_id(&c, run->requester_ids[i]);
		field(&c, r->organisation ? "organisation" : "individual");
		if (r->account >= 0) {
			field_id(&c, run->w.accounts[r->account].id);
			field(&c, account(run, r, 2));
			field(&c, account(run, r, 3));
			field(&c, account(run, r, 4));
			field(&c, account(run, r, 5));
			field(&c, account(run, r, 6));
			field(&c, NULL);
			field(&c, r->paper_answer ? p.address : NULL);
		} else {
			field_id(&c, 0);
			field(&c, p.name);
			field(&c, r->organisation ? NULL : p.iin);
			field(&c, r->organisation ? p.bin : NULL);
			field(&c, r->organisation ? p.org : NULL);
			field(&c, NULL);
			field(&c, p.phone);
			field(&c, p.address);
		}
		if (row_end(&c) != 0)
			return -1;
	}
	return copy_end(&c, "requesters");
}

/* Who filed it: the requester's account on the portal, else the registrar. */
static long long
filed_by(struct run *run, const struct gen_request *r)
{
	while (r->from >= 0)
		r = &run->r[r->from];
	return r->account >= 0 ? run->w.accounts[r->account].id :
	    r->events[0].actor;
}

static const char *
public_name(struct run *run, const struct gen_request *r,
    const struct gen_person *p)
{
	if (!r->show_name)
		return NULL;
	return r->account >= 0 ? account(run, r, 5) : p->org;
}

/* The refusal's reasons, from its event. */
static const char *
refusal_reasons(const struct gen_request *r)
{
	int i;

	for (i = 0; i < r->nevents; i++)
		if (r->events[i].workflow && r->events[i].ev.kind == REQ_EV_REFUSE)
			return gen_justification(r, &r->events[i]);
	return NULL;
}

static int
copy_requests(struct run *run, const char *origin)
{
	struct gen_person p;
	struct copy c;
	char no[128];
	size_t i;

	if (copy_begin(run, &c, "COPY requests.requests (id, holder_id, "
	    "reg_year, reg_seq, reg_no, requester_id, requester_kind, "
	    "public_name, filed_by, channel, subject, body, language, "
	    "answer_form, public, fee_exemption, redirected_from, created_at, "
	    "updated_at, " STATE_COLUMNS ", answer_text, justification, "
	    "fee_pages, fee_tariff, origin) FROM STDIN") != 0)
		return -1;
	for (i = 0; i < run->n; i++) {
		const struct gen_request *r = &run->r[i];
		const struct gen_holder *h = &run->w.holders[r->holder];
		bool fee = r->fee_pages >= 0 && r->fee_exemption == NULL &&
		    r->st.answered_on != 0;
		long first = r->events[0].on, last = r->events[r->nevents - 1].on;

		gen_person(r, &p);
		filing_reg_no(h->code, r->reg_year, r->reg_seq, no, sizeof(no));
		field_id(&c, run->ids[i]);
		field_id(&c, h->id);
		field_int(&c, r->reg_year);
		field_int(&c, r->reg_seq);
		field(&c, no);
		field_id(&c, run->requester_ids[i]);
		field(&c, r->organisation ? "organisation" : "individual");
		field(&c, public_name(run, r, &p));
		field_id(&c, filed_by(run, r));
		field(&c, r->channel);
		field(&c, gen_subject(r));
		field(&c, gen_body(r));
		field(&c, r->ru ? "ru" : "kk");
		field(&c, r->paper_answer ? "paper" : "electronic");
		field_bool(&c, r->is_public);
		field(&c, r->fee_exemption);
		field_id(&c, r->from >= 0 ? run->ids[r->from] : 0);
		field_at(&c, first, (long)(i % 50));
		field_at(&c, last, (long)(i % 50) + 11L * (r->nevents - 1));
		fields_state(&c, &r->st);
		field(&c, r->st.answered_on != 0 ? gen_answer_text(r) : NULL);
		field(&c, r->st.status == REQ_REFUSED ? refusal_reasons(r) : NULL);
		if (fee)
			field_int(&c, r->fee_pages);
		else
			field(&c, NULL);
		field(&c, fee ? FEE_TARIFF : NULL);
		field(&c, origin);
		if (row_end(&c) != 0)
			return -1;
	}
	return copy_end(&c, "requests");
}

static int
copy_questions(struct run *run)
{
	struct copy c;
	size_t i;
	int q;

	if (copy_begin(run, &c, "COPY requests.questions (request_id, n, text, "
	    "answered) FROM STDIN") != 0)
		return -1;
	for (i = 0; i < run->n; i++) {
		const struct gen_request *r = &run->r[i];

		for (q = 0; q < r->nquestions; q++) {
			field_id(&c, run->ids[i]);
			field_int(&c, q + 1);
			field(&c, gen_question(r, q));
			if (r->st.answered_on != 0)
				field_bool(&c, r->answered[q]);
			else
				field(&c, NULL);
			if (row_end(&c) != 0)
				return -1;
			run->stats->questions++;
		}
	}
	return copy_end(&c, "questions");
}

static json_t *
day_json(long day)
{
	char iso[16];

	eco_date_format_iso(day, iso, sizeof(iso));
	return json_string(iso);
}

/* The public details of event e of request i, as act.c and store.c write
 * them. */
static json_t *
event_data(struct run *run, size_t i, const struct gen_event *e)
{
	const struct gen_request *r = &run->r[i];
	const char *why = gen_justification(r, e);
	char no[128];
	json_t *d = json_object();
	size_t other;

	if (why != NULL)
		json_object_set_new(d, "justification", json_string(why));
	if (strcmp(e->type, "registered") == 0) {
		json_object_set_new(d, "channel", json_string(r->channel));
		json_object_set_new(d, "received_on", day_json(r->st.received_on));
	} else if (strcmp(e->type, "received_redirect") == 0 ||
	    strcmp(e->type, "redirect") == 0) {
		other = (size_t)(r->from >= 0 ? r->from : r->to);
		filing_reg_no(run->w.holders[run->r[other].holder].code,
		    run->r[other].reg_year, run->r[other].reg_seq, no, sizeof(no));
		if (r->from >= 0)
			json_object_set_new(d, "from_request_id",
			    json_integer(run->ids[other]));
		else {
			json_object_set_new(d, "to_holder_id",
			    json_integer(e->ev.id));
			json_object_set_new(d, "to_request_id",
			    json_integer(run->ids[other]));
		}
		json_object_set_new(d, r->from >= 0 ? "from_reg_no" : "to_reg_no",
		    json_string(no));
	} else if (strcmp(e->type, "classify") == 0) {
		json_object_set_new(d, "complexity",
		    json_string(request_complexity_code(e->ev.complexity)));
		json_object_set_new(d, "due_on", day_json(e->due_on));
	} else if (strcmp(e->type, "extend") == 0) {
		json_object_set_new(d, "reason",
		    json_string(request_reason_code(e->ev.reason)));
		json_object_set_new(d, "days", json_integer(e->ev.days));
		json_object_set_new(d, "due_on", day_json(e->due_on));
		json_object_set_new(d, "notify_due_on",
		    day_json(e->notify_due_on));
	} else if (strcmp(e->type, "notify") == 0) {
		json_object_set_new(d, "channel", json_string("paper"));
	} else if (strcmp(e->type, "draft") == 0) {
		json_object_set_new(d, "of", json_string(e->refusal ? "refuse" :
		    "answer"));
	} else if (strcmp(e->type, "answer") == 0) {
		json_object_set_new(d, "complete", json_boolean(e->ev.complete));
	} else if (strcmp(e->type, "refuse") == 0) {
		json_object_set_new(d, "ground",
		    json_string(request_ground_code(e->ev.ground)));
	}
	return d;
}

static int
copy_events(struct run *run)
{
	struct copy c;
	size_t i;
	char *text;
	int k;

	if (copy_begin(run, &c, "COPY requests.events (request_id, type, "
	    "on_date, at, actor_id, deadline_code, deadline_on, met, data) "
	    "FROM STDIN") != 0)
		return -1;
	for (i = 0; i < run->n; i++) {
		const struct gen_request *r = &run->r[i];

		for (k = 0; k < r->nevents; k++) {
			const struct gen_event *e = &r->events[k];
			json_t *d = event_data(run, i, e);

			field_id(&c, run->ids[i]);
			field(&c, e->type);
			field_day(&c, e->on);
			field_at(&c, e->on, (long)(i % 50) + 11L * k);
			field_id(&c, e->actor);
			field(&c, e->deadline);
			if (e->deadline != NULL) {
				field_day(&c, e->deadline_on);
				field_bool(&c, e->on <= e->deadline_on);
			} else {
				field(&c, NULL);
				field(&c, NULL);
			}
			text = json_dumps(d, JSON_COMPACT);
			json_decref(d);
			field(&c, text != NULL ? text : "{}");
			free(text);
			if (row_end(&c) != 0)
				return -1;
			run->stats->events++;
		}
	}
	return copy_end(&c, "events");
}

/* The counters moved on, and the record of who made what. */
static int
finish(struct run *run, const struct gen_counter *counters, size_t nc,
    const char *origin, uint64_t seed)
{
	char holder[32], year[32], last[32], details[256];
	const char *p[3] = { holder, year, last };
	PGresult *res;
	size_t i;

	for (i = 0; i < nc; i++) {
		snprintf(holder, sizeof(holder), "%lld", counters[i].holder_id);
		snprintf(year, sizeof(year), "%d", counters[i].year);
		snprintf(last, sizeof(last), "%d", counters[i].last);
		res = PQexecParams(run->conn, "INSERT INTO requests.reg_counters "
		    "(holder_id, year, last) VALUES ($1, $2, $3) "
		    "ON CONFLICT (holder_id, year) DO UPDATE SET last = $3",
		    3, NULL, p, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			fail(run, "counters: %s", PQresultErrorMessage(res));
			PQclear(res);
			return -1;
		}
		PQclear(res);
	}
	snprintf(details, sizeof(details), "{\"origin\": \"%s\", \"seed\": "
	    "\"%llu\", \"requests\": %zu}", origin, (unsigned long long)seed,
	    run->n);
	p[0] = strcmp(origin, "demo") == 0 ? "demo.load" : "requests.generate";
	p[1] = details;
	res = PQexecParams(run->conn, "INSERT INTO core.audit (action, "
	    "object_type, details) VALUES ($1, 'request', $2::jsonb)", 2, NULL,
	    p, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		fail(run, "audit: %s", PQresultErrorMessage(res));
		PQclear(res);
		return -1;
	}
	PQclear(res);
	return 0;
}

/* Whether demo requests were loaded before. */
static int
demo_loaded(struct run *run, bool *loaded)
{
	PGresult *res = query(run, "SELECT 1 FROM requests.requests "
	    "WHERE origin = 'demo' LIMIT 1", "demo");

	if (res == NULL)
		return -1;
	*loaded = PQntuples(res) > 0;
	PQclear(res);
	return 0;
}

/* Everything in the transaction. */
static int
write_all(struct run *run, const char *origin, uint64_t seed)
{
	struct gen_counter *counters;
	long long *first;
	size_t i, k, nc, nfirst = 0;
	bool loaded = false;

	if (strcmp(origin, "demo") == 0) {
		/* One loader at a time decides whether the demo is there. */
		if (command(run, "SELECT pg_advisory_xact_lock(4712)", "lock") != 0 ||
		    demo_loaded(run, &loaded) != 0)
			return -1;
		if (loaded)
			return 0;
	}
	if (read_world(run) != 0)
		return -1;
	gen_requests(&run->w, seed, run->n, run->r);
	if (number(run, &counters, &nc) != 0)
		return -1;
	for (i = 0; i < run->n; i++)
		if (run->r[i].from < 0)
			nfirst++;
	run->ids = eco_alloc(run->arena, sizeof(long long) * run->n);
	run->requester_ids = eco_alloc(run->arena, sizeof(long long) * run->n);
	first = eco_alloc(run->arena, sizeof(long long) * nfirst);
	if (reserve(run, "requests.requests", run->n, run->ids) != 0 ||
	    reserve(run, "requests.requesters", nfirst, first) != 0)
		return -1;
	/* A redirect's second request shares the first one's requester. */
	for (i = k = 0; i < run->n; i++)
		run->requester_ids[i] = run->r[i].from >= 0 ?
		    run->requester_ids[run->r[i].from] : first[k++];
	if (copy_requesters(run) != 0 || copy_requests(run, origin) != 0 ||
	    copy_questions(run) != 0 || copy_events(run) != 0 ||
	    finish(run, counters, nc, origin, seed) != 0)
		return -1;
	run->stats->requests = run->n;
	run->stats->holders = run->w.nholders;
	return 0;
}

int
requests_copy(PGconn *conn, const struct eco_calendar *cal, long today,
    const char *origin, uint64_t seed, size_t n, struct copy_stats *stats,
    char *err, size_t errlen)
{
	struct run run = { .conn = conn, .n = n, .stats = stats, .err = err,
	    .errlen = errlen };
	int rc;

	memset(stats, 0, sizeof(*stats));
	run.w.cal = cal;
	run.w.today = today;
	if (!eco_calendar_in_range(cal, today - GEN_DAYS_BACK) ||
	    !eco_calendar_in_range(cal, today + 120))
		return fail(&run, "the calendar %s must cover the last year "
		    "and the months ahead", eco_calendar_range_text(cal));
	if (n == 0)
		return 0;
	if ((run.r = calloc(n, sizeof(*run.r))) == NULL)
		return fail(&run, "out of memory for %zu requests", n);
	run.arena = eco_arena_new();
	rc = command(&run, "BEGIN", "begin");
	if (rc == 0)
		rc = write_all(&run, origin, seed);
	if (rc == 0)
		rc = command(&run, "COMMIT", "commit");
	else
		PQclear(PQexec(conn, "ROLLBACK"));
	if (rc != 0)
		memset(stats, 0, sizeof(*stats));
	PQclear(run.holders);
	PQclear(run.accounts);
	free(run.r);
	eco_arena_free(run.arena);
	return rc;
}
