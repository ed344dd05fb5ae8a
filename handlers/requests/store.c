/* Requests in PostgreSQL (see store.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "date.h"
#include "dbjson.h"
#include "jsonbody.h"
#include "log.h"
#include "filing.h"
#include "notify.h"
#include "calendar_db.h"
#include "session.h"
#include "store.h"

#define NSTATE		STORE_NSTATE

/*
 * The request's document, kept beside it (migration 015 says what it
 * holds), and whether a court case links the request: the court registry
 * writes its links under its own locks, so they are asked at each read.
 */
#define LINKED_SQL(id) \
    "EXISTS (SELECT 1 FROM courts.request_links x WHERE x.request_id = " \
    id ")"
static struct eco_stmt q_load = ECO_STMT(
    "SELECT p.doc, " LINKED_SQL("p.request_id") " "
    "FROM requests.request_pages p WHERE p.request_id = $1");
/* A request without a kept document (migration 015): made now. */
static struct eco_stmt q_load_made = ECO_STMT(
    "SELECT m.doc, " LINKED_SQL("m.request_id") " "
    "FROM requests.request_pages_made(ARRAY[$1::bigint]) m");
/*
 * A step's lock, taken before the load: the load's own snapshot is then
 * taken after whoever held the request has committed, and its document
 * is the one that writer left.
 */
static struct eco_stmt q_lock = ECO_STMT(
    "SELECT 1 FROM requests.requests WHERE id = $1 FOR UPDATE");

static struct eco_stmt q_save = ECO_STMT(
    "UPDATE requests.requests SET (" STORE_STATE_COLUMNS ") = "
    "ROW($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
    "$17, $18), updated_at = now() WHERE id = $1");

static struct eco_stmt q_event = ECO_STMT(
    "INSERT INTO requests.events "
    "    (request_id, type, on_date, actor_id, deadline_code, deadline_on, "
    "     met, data) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8::jsonb, '{}'))");

static struct eco_stmt q_holder = ECO_STMT(
    "SELECT code FROM requests.holders WHERE id = $1 AND active");

/* The next number of a holder for a year; the row lock makes it gapless:
 * a filing that rolls back gives its number back. */
static struct eco_stmt q_next_number = ECO_STMT(
    "INSERT INTO requests.reg_counters AS c (holder_id, year, last) "
    "VALUES ($1, $2, 1) ON CONFLICT (holder_id, year) "
    "DO UPDATE SET last = c.last + 1 RETURNING last");

static struct eco_stmt q_requester_from_user = ECO_STMT(
    "INSERT INTO requests.requesters "
    "    (kind, user_id, full_name, iin, bin, org_name, email, postal_address) "
    "SELECT kind, id, full_name, iin, bin, org_name, email, nullif($2, '') "
    "FROM core.users WHERE id = $1 AND kind IN ('individual', 'organisation') "
    "RETURNING id, kind, org_name");

static struct eco_stmt q_requester_given = ECO_STMT(
    "INSERT INTO requests.requesters "
    "    (kind, full_name, iin, bin, org_name, email, phone, postal_address) "
    "VALUES ($1, $2, nullif($3, ''), nullif($4, ''), nullif($5, ''), "
    "        lower(nullif($6, '')), nullif($7, ''), nullif($8, '')) "
    "RETURNING id, kind, org_name");

/* ON CONFLICT: the same form (filed_by, client_token) already filed. */
static struct eco_stmt q_insert = ECO_STMT(
    "INSERT INTO requests.requests "
    "    (holder_id, reg_year, reg_seq, reg_no, requester_id, requester_kind, "
    "     public_name, filed_by, client_token, channel, subject, body, "
    "     language, answer_form, public, fee_exemption, redirected_from, "
    "     " STORE_STATE_COLUMNS ") "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
    "        $15, $16, $17, "
    "        $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, "
    "        $30, $31, $32, $33, $34) "
    "ON CONFLICT (filed_by, client_token) DO NOTHING RETURNING id");

static struct eco_stmt q_filed_before = ECO_STMT(
    "SELECT id FROM requests.requests WHERE filed_by = $1 AND client_token = $2");

static struct eco_stmt q_question = ECO_STMT(
    "INSERT INTO requests.questions (request_id, n, text) VALUES ($1, $2, $3)");

static struct eco_stmt q_copy_questions = ECO_STMT(
    "INSERT INTO requests.questions (request_id, n, text) "
    "SELECT $2, n, text FROM requests.questions WHERE request_id = $1");

const char *
store_id(struct eco_ctx *ctx, long long id)
{
	return eco_sprintf(ctx->arena, "%lld", id);
}

const char *
store_iso(struct eco_ctx *ctx, long day)
{
	char iso[16];

	if (day == 0)
		return "";
	eco_date_format_iso(day, iso, sizeof(iso));
	return eco_strdup(ctx->arena, iso);
}

json_t *
store_day_json(long day)
{
	char iso[16];

	if (day == 0)
		return json_null();
	eco_date_format_iso(day, iso, sizeof(iso));
	return json_string_nocheck(iso);
}

/* A date's day number from its text, 0 for NULL or not a date. */
static long
day_of(const char *v)
{
	long d;

	return v != NULL && eco_date_parse(v, &d) == 0 ? d : 0;
}

static long long
id_of(const char *v)
{
	return v != NULL ? strtoll(v, NULL, 10) : 0;
}

/* The state from its values as text in STORE_STATE_COLUMNS order (NULL:
 * SQL null), as a result's columns and a document's "state" hold them. */
static void
state_from_values(const char *const v[NSTATE], struct request_state *s)
{
	memset(s, 0, sizeof(*s));
	(void)request_status_parse(v[0], &s->status);
	s->received_on = day_of(v[1]);
	s->registered_on = day_of(v[2]);
	if (request_complexity_parse(v[3], &s->complexity) != 0)
		s->complexity = REQ_UNCLASSIFIED;
	s->due_on = day_of(v[4]);
	s->refusal_due_on = day_of(v[5]);
	s->redirect_due_on = day_of(v[6]);
	/* "t" from a column, "true" from a document. */
	s->extended_inspection = v[7] != NULL && v[7][0] == 't';
	s->extended_holders = v[8] != NULL && v[8][0] == 't';
	s->notify_due_on = day_of(v[9]);
	s->executor_id = (long)id_of(v[10]);
	s->redirected_to = (long)id_of(v[11]);
	s->redirected_on = day_of(v[12]);
	if (request_ground_parse(v[13], &s->ground) != 0)
		s->ground = REQ_GROUND_NONE;
	s->answered_on = day_of(v[14]);
	s->refused_on = day_of(v[15]);
	s->closed_on = day_of(v[16]);
}

void
store_state_from(PGresult *res, int row, int c, struct request_state *s)
{
	const char *v[NSTATE];
	int i;

	for (i = 0; i < NSTATE; i++)
		v[i] = PQgetisnull(res, row, c + i) ? NULL :
		    PQgetvalue(res, row, c + i);
	state_from_values(v, s);
}

/* The state as NSTATE text parameters, in STORE_STATE_COLUMNS order. */
static void
state_params(struct eco_ctx *ctx, const struct request_state *s,
    const char **p)
{
	const char *iso;

#define DAY(i, v)	(iso = store_iso(ctx, (v)), p[i] = iso[0] ? iso : NULL)
#define ID(i, v)	(p[i] = (v) != 0 ? eco_sprintf(ctx->arena, "%ld", \
			    (long)(v)) : NULL)
	p[0] = request_status_code(s->status);
	DAY(1, s->received_on);
	DAY(2, s->registered_on);
	p[3] = s->complexity != REQ_UNCLASSIFIED ?
	    request_complexity_code(s->complexity) : NULL;
	DAY(4, s->due_on);
	DAY(5, s->refusal_due_on);
	DAY(6, s->redirect_due_on);
	p[7] = s->extended_inspection ? "t" : "f";
	p[8] = s->extended_holders ? "t" : "f";
	DAY(9, s->notify_due_on);
	ID(10, s->executor_id);
	ID(11, s->redirected_to);
	DAY(12, s->redirected_on);
	p[13] = s->ground != REQ_GROUND_NONE ? request_ground_code(s->ground) :
	    NULL;
	DAY(14, s->answered_on);
	DAY(15, s->refused_on);
	DAY(16, s->closed_on);
#undef DAY
#undef ID
}

/* A document's text, NULL for null or absent. */
static const char *
doc_text(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long
doc_id(json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

/* A document's array or object, NULL for null or absent. */
static json_t *
doc_json(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_null(v) ? NULL : v;
}

/*
 * The row from a request's document (its keys as struct request_row's
 * fields); the row's texts are the document's.  -1 if it lacks what every
 * request has.
 */
static int
row_from_doc(json_t *doc, struct request_row *r)
{
	json_t *holder = json_object_get(doc, "holder");
	json_t *state = json_object_get(doc, "state");
	const char *v[NSTATE];
	int i;

	memset(r, 0, sizeof(*r));
	r->id = doc_id(doc, "id");
	r->holder_id = doc_id(doc, "holder_id");
	r->holder_code = doc_text(holder, "code");
	r->holder_name[0] = doc_text(holder, "kk");
	r->holder_name[1] = doc_text(holder, "ru");
	r->holder_name[2] = doc_text(holder, "en");
	r->holder_region = doc_text(holder, "region");
	r->reg_no = doc_text(doc, "reg_no");
	r->requester_id = doc_id(doc, "requester_id");
	r->requester_user_id = doc_id(doc, "requester_user_id");
	r->requester_kind = doc_text(doc, "requester_kind");
	r->public_name = doc_text(doc, "public_name");
	r->filed_by = doc_id(doc, "filed_by");
	r->channel = doc_text(doc, "channel");
	r->subject = doc_text(doc, "subject");
	r->body = doc_text(doc, "body");
	r->language = doc_text(doc, "language");
	r->answer_form = doc_text(doc, "answer_form");
	r->is_public = json_is_true(json_object_get(doc, "public"));
	r->fee_exemption = doc_text(doc, "fee_exemption");
	r->redirected_from = doc_id(doc, "redirected_from");
	r->answer_text = doc_text(doc, "answer_text");
	r->justification = doc_text(doc, "justification");
	r->fee_pages = (long)doc_id(doc, "fee_pages");
	r->fee_tariff = doc_text(doc, "fee_tariff");
	r->draft = doc_json(doc, "draft");
	r->questions = doc_json(doc, "questions");
	r->events = doc_json(doc, "events");
	r->redirected_from_link = doc_json(doc, "redirected_from_link");
	r->redirected_to_link = doc_json(doc, "redirected_to_link");
	r->has_complaints = json_is_true(json_object_get(doc,
	    "has_complaints"));
	r->has_attachments = json_is_true(json_object_get(doc,
	    "has_attachments"));
	if (json_array_size(state) != NSTATE)
		return -1;
	for (i = 0; i < NSTATE; i++)
		v[i] = json_string_value(json_array_get(state, (size_t)i));
	state_from_values(v, &r->st);
	return r->id > 0 && r->holder_code != NULL && r->holder_name[0] &&
	    r->holder_name[1] && r->holder_name[2] && r->holder_region &&
	    r->reg_no && r->requester_kind && r->channel && r->subject &&
	    r->body && r->language && r->answer_form && v[0] != NULL ? 0 : -1;
}

int
store_load(struct eco_ctx *ctx, long long id, bool for_update,
    struct request_row *r)
{
	const char *p[1] = { eco_sprintf(ctx->arena, "%lld", id) };
	PGresult *res;
	json_t *doc;

	if (for_update) {
		if ((res = eco_db_exec(ctx->db, ctx->arena, &q_lock, 1, p)) ==
		    NULL)
			return STORE_FAILED;
		if (PQntuples(res) != 1)
			return STORE_NOT_FOUND;
	}
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_load, 1, p)) == NULL)
		return STORE_FAILED;
	if (PQntuples(res) != 1 && (res = eco_db_exec(ctx->db, ctx->arena,
	    &q_load_made, 1, p)) == NULL)
		return STORE_FAILED;
	if (PQntuples(res) != 1)
		return STORE_NOT_FOUND;
	doc = eco_json_own(ctx->arena, eco_dbjson_parse(PQgetvalue(res, 0, 0)));
	if (doc == NULL || row_from_doc(doc, r) != 0) {
		eco_log("request %lld: its document cannot be read", id);
		return STORE_FAILED;
	}
	r->has_court_cases = PQgetvalue(res, 0, 1)[0] == 't';
	return STORE_OK;
}

int
store_save_state(struct eco_ctx *ctx, long long id,
    const struct request_state *s)
{
	const char *p[1 + NSTATE];

	p[0] = eco_sprintf(ctx->arena, "%lld", id);
	state_params(ctx, s, p + 1);
	return eco_db_exec(ctx->db, ctx->arena, &q_save, 1 + NSTATE, p) ?
	    STORE_OK : STORE_FAILED;
}

/* Inserts the event; false if the database failed. */
static bool
insert_event(struct eco_ctx *ctx, long long id, const char *type,
    long on_date, const char *deadline_code, long deadline_on, json_t *data)
{
	const char *p[8];
	char *json = NULL;

	if (data != NULL) {
		json = json_dumps(data, JSON_COMPACT);
		json_decref(data);
	}
	p[0] = eco_sprintf(ctx->arena, "%lld", id);
	p[1] = type;
	p[2] = store_iso(ctx, on_date);
	p[3] = ctx->have_user ? eco_sprintf(ctx->arena, "%lld", ctx->user.id) :
	    NULL;
	p[4] = deadline_code;
	p[5] = deadline_code != NULL ? store_iso(ctx, deadline_on) : NULL;
	p[6] = deadline_code != NULL ? (on_date <= deadline_on ? "t" : "f") :
	    NULL;
	p[7] = json != NULL ? eco_strdup(ctx->arena, json) : NULL;
	free(json);
	return eco_db_exec(ctx->db, ctx->arena, &q_event, 8, p) != NULL;
}

int
store_event(struct eco_ctx *ctx, long long id, const char *type,
    long on_date, const char *deadline_code, long deadline_on, json_t *data)
{
	/* Every event reaches its followers, in the same transaction. */
	if (!insert_event(ctx, id, type, on_date, deadline_code, deadline_on,
	    data) || notify_followers(ctx, id, type, on_date) != 0)
		return STORE_FAILED;
	return STORE_OK;
}

int
store_event_quiet(struct eco_ctx *ctx, long long id, const char *type,
    long on_date)
{
	return insert_event(ctx, id, type, on_date, NULL, 0, NULL) ?
	    STORE_OK : STORE_FAILED;
}

/* The next registration number of a holder in a year: "MEPR-2026-00017". */
static const char *
next_number(struct eco_ctx *ctx, long long holder, const char *code,
    int year, int *seq)
{
	const char *p[2];
	PGresult *res;
	size_t len = strlen(code) + 32;
	char *no = eco_alloc(ctx->arena, len);

	p[0] = eco_sprintf(ctx->arena, "%lld", holder);
	p[1] = eco_sprintf(ctx->arena, "%d", year);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_next_number, 2, p)) ==
	    NULL || PQntuples(res) != 1)
		return NULL;
	*seq = atoi(PQgetvalue(res, 0, 0));
	filing_reg_no(code, year, *seq, no, len);
	return no;
}

/* The code of an active holder; NULL if there is none (or on failure). */
static const char *
holder_code(struct eco_ctx *ctx, long long holder)
{
	const char *p[1] = { eco_sprintf(ctx->arena, "%lld", holder) };
	PGresult *res = eco_db_exec(ctx->db, ctx->arena, &q_holder, 1, p);

	return res != NULL && PQntuples(res) == 1 ? PQgetvalue(res, 0, 0) : NULL;
}

/* What a new row needs besides the filing's text. */
struct new_request {
	long long	 holder;
	const char	*code;		/* the holder's */
	long long	 requester_id;
	const char	*requester_kind;
	const char	*public_name;
	const char	*channel;
	long long	 filed_by;	/* 0: none */
	long long	 redirected_from;
	const struct request_state *st;
};

/* Inserts the row; *id 0 when the same form was filed before. */
static int
insert_request(struct eco_ctx *ctx, const struct new_request *n,
    const struct filing *f, long long *id)
{
	const char *p[17 + NSTATE];
	const char *no;
	PGresult *res;
	int y, m, d, seq;

	eco_civil_from_days(n->st->registered_on, &y, &m, &d);
	if ((no = next_number(ctx, n->holder, n->code, y, &seq)) == NULL)
		return STORE_FAILED;
	p[0] = eco_sprintf(ctx->arena, "%lld", n->holder);
	p[1] = eco_sprintf(ctx->arena, "%d", y);
	p[2] = eco_sprintf(ctx->arena, "%d", seq);
	p[3] = no;
	p[4] = eco_sprintf(ctx->arena, "%lld", n->requester_id);
	p[5] = n->requester_kind;
	p[6] = n->public_name;
	p[7] = n->filed_by != 0 ? eco_sprintf(ctx->arena, "%lld", n->filed_by) :
	    NULL;
	p[8] = f->client_token;
	p[9] = n->channel;
	p[10] = f->subject;
	p[11] = f->body;
	p[12] = f->language;
	p[13] = f->answer_form;
	p[14] = f->is_public ? "t" : "f";
	p[15] = f->fee_exemption != NULL && f->fee_exemption[0] != '\0' ?
	    f->fee_exemption : NULL;
	p[16] = n->redirected_from != 0 ? eco_sprintf(ctx->arena, "%lld",
	    n->redirected_from) : NULL;
	state_params(ctx, n->st, p + 17);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_insert, 17 + NSTATE,
	    p)) == NULL)
		return STORE_FAILED;
	*id = PQntuples(res) == 1 ? id_of(PQgetvalue(res, 0, 0)) : 0;
	return STORE_OK;
}

/* The requester row: from the signed-in account, or as a registrar typed it. */
static PGresult *
insert_requester(struct eco_ctx *ctx, const struct filing *f)
{
	const struct filing_requester *q = &f->requester;
	const char *p[8];

	if (!f->on_behalf) {
		p[0] = eco_sprintf(ctx->arena, "%lld", ctx->user.id);
		p[1] = f->postal_address != NULL ? f->postal_address : "";
		return eco_db_exec(ctx->db, ctx->arena, &q_requester_from_user,
		    2, p);
	}
	p[0] = q->kind;
	p[1] = q->full_name;
	p[2] = strcmp(q->kind, "individual") == 0 ? q->iin : NULL;
	p[3] = strcmp(q->kind, "organisation") == 0 ? q->bin : NULL;
	p[4] = strcmp(q->kind, "organisation") == 0 ? q->org_name : NULL;
	p[5] = q->email;
	p[6] = q->phone;
	p[7] = f->postal_address;
	return eco_db_exec(ctx->db, ctx->arena, &q_requester_given, 8, p);
}

static int
insert_questions(struct eco_ctx *ctx, long long id, const struct filing *f)
{
	const char *p[3];
	size_t i;

	p[0] = eco_sprintf(ctx->arena, "%lld", id);
	for (i = 0; i < f->nquestions; i++) {
		p[1] = eco_sprintf(ctx->arena, "%zu", i + 1);
		p[2] = f->questions[i];
		if (eco_db_exec(ctx->db, ctx->arena, &q_question, 3, p) == NULL)
			return STORE_FAILED;
	}
	return STORE_OK;
}

/* The same form filed before: the request it made. */
static int
filed_before(struct eco_ctx *ctx, const struct filing *f, long long *id)
{
	const char *p[2];
	PGresult *res;

	p[0] = eco_sprintf(ctx->arena, "%lld", ctx->user.id);
	p[1] = f->client_token;
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_filed_before, 2, p)) ==
	    NULL || PQntuples(res) != 1)
		return STORE_FAILED;
	*id = id_of(PQgetvalue(res, 0, 0));
	return STORE_DUPLICATE;
}

/* Inside the transaction of store_file. */
static int
file_in_transaction(struct eco_ctx *ctx, const struct filing *f,
    const struct request_state *st, long long *id)
{
	struct new_request n = { .holder = f->holder_id, .st = st,
	    .filed_by = ctx->user.id };
	struct request_row row;
	PGresult *res;
	json_t *data;
	int rc;

	if ((n.code = holder_code(ctx, f->holder_id)) == NULL)
		return eco_db_unavailable(ctx->db) ? STORE_FAILED :
		    STORE_BAD_HOLDER;
	if ((res = insert_requester(ctx, f)) == NULL || PQntuples(res) != 1)
		return STORE_FAILED;
	n.requester_id = id_of(PQgetvalue(res, 0, 0));
	n.requester_kind = PQgetvalue(res, 0, 1);
	n.public_name = f->show_name && !PQgetisnull(res, 0, 2) ?
	    PQgetvalue(res, 0, 2) : NULL;
	n.channel = f->on_behalf ? f->channel : "portal";
	if ((rc = insert_request(ctx, &n, f, id)) != STORE_OK)
		return rc;
	if (*id == 0)
		return STORE_DUPLICATE;
	data = json_pack("{s:s,s:s}", "channel", n.channel,
	    "received_on", store_iso(ctx, st->received_on));
	if (insert_questions(ctx, *id, f) != STORE_OK ||
	    store_event(ctx, *id, "registered", st->registered_on, NULL, 0,
	    data) != STORE_OK ||
	    eco_audit(ctx, f->on_behalf ? "request.register" : "request.file",
	    "request", eco_sprintf(ctx->arena, "%lld", *id), NULL) != 0 ||
	    store_load(ctx, *id, false, &row) != STORE_OK ||
	    notify_event(ctx, &row, "registered", NULL) != 0)
		return STORE_FAILED;
	return STORE_OK;
}

int
store_file(struct eco_ctx *ctx, const struct filing *f, long received_on,
    long long *id)
{
	const struct eco_calendar *cal = eco_calendar_current(ctx);
	struct request_state st;
	int rc;

	if (cal == NULL || request_new(cal, received_on, ctx->today, &st,
	    NULL) != REQ_OK)
		return STORE_FAILED;
	if (eco_db_begin(ctx->db) != 0)
		return STORE_FAILED;
	rc = file_in_transaction(ctx, f, &st, id);
	if (rc == STORE_OK && eco_db_commit(ctx->db) == 0)
		return STORE_OK;
	eco_db_rollback(ctx->db);
	/* The same form again: its number went back with the rollback. */
	if (rc == STORE_DUPLICATE)
		return filed_before(ctx, f, id);
	return rc == STORE_OK ? STORE_FAILED : rc;
}

int
store_open_redirected(struct eco_ctx *ctx, const struct request_row *from,
    long long to_holder, long long *new_id, const char **new_reg_no)
{
	const struct eco_calendar *cal = eco_calendar_current(ctx);
	struct request_state st;
	struct filing f = {
		.subject = from->subject, .body = from->body,
		.language = from->language, .answer_form = from->answer_form,
		.is_public = from->is_public,
		.fee_exemption = from->fee_exemption,
	};
	struct new_request n = {
		.holder = to_holder, .requester_id = from->requester_id,
		.requester_kind = from->requester_kind,
		.public_name = from->public_name, .channel = "redirect",
		.filed_by = from->filed_by,
		.redirected_from = from->id, .st = &st,
	};
	struct request_row row;
	const char *p[2];

	/* Its own clock: received by the competent holder today. */
	if (cal == NULL || request_new(cal, ctx->today, ctx->today, &st,
	    NULL) != REQ_OK)
		return STORE_FAILED;
	if ((n.code = holder_code(ctx, to_holder)) == NULL)
		return eco_db_unavailable(ctx->db) ? STORE_FAILED :
		    STORE_BAD_HOLDER;
	if (insert_request(ctx, &n, &f, new_id) != STORE_OK || *new_id == 0)
		return STORE_FAILED;
	p[0] = eco_sprintf(ctx->arena, "%lld", from->id);
	p[1] = eco_sprintf(ctx->arena, "%lld", *new_id);
	if (eco_db_exec(ctx->db, ctx->arena, &q_copy_questions, 2, p) == NULL ||
	    store_load(ctx, *new_id, false, &row) != STORE_OK)
		return STORE_FAILED;
	*new_reg_no = row.reg_no;
	return store_event(ctx, *new_id, "received_redirect", ctx->today, NULL,
	    0, json_pack("{s:I,s:s}", "from_request_id",
	    (json_int_t)from->id, "from_reg_no", from->reg_no));
}
