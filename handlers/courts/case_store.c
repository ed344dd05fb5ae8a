/*
 * Court cases in PostgreSQL (case_store.h).  A write replaces the case's
 * children whole: a record is the unit the import and the clerks send,
 * and the case's id, which links and addresses use, stays.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "case_store.h"
#include "date.h"
#include "db.h"
#include "dbjson.h"

static struct eco_stmt q_lock = ECO_STMT(
    "SELECT 1 FROM courts.cases WHERE id = $1::bigint FOR UPDATE");

/* The case row's columns after the key; $1 is the key (or the id). */
#define CASE_COLUMNS \
	"title_kk, title_ru, summary_kk, summary_ru, region, court_kk, " \
	"court_ru, case_type, category, aarhus_applied, indefinite_circle, " \
	"state_fee_exempt, status, notes, source_lines, search_kk, search_ru"
#define CASE_VALUES \
	"$2, $3, $4, $5, $6, $7, $8, $9, $10, $11::boolean, $12::boolean, " \
	"$13::boolean, $14, $15, $16, $17, $18"

static struct eco_stmt q_insert = ECO_STMT(
    "INSERT INTO courts.cases (key, " CASE_COLUMNS ") "
    "VALUES ($1, " CASE_VALUES ") RETURNING id");
/* xmax is 0 on a row this statement inserted. */
static struct eco_stmt q_upsert = ECO_STMT(
    "INSERT INTO courts.cases (key, " CASE_COLUMNS ") "
    "VALUES ($1, " CASE_VALUES ") "
    "ON CONFLICT (key) DO UPDATE SET (" CASE_COLUMNS ", updated_at) = "
    "(EXCLUDED.title_kk, EXCLUDED.title_ru, EXCLUDED.summary_kk, "
    "EXCLUDED.summary_ru, EXCLUDED.region, EXCLUDED.court_kk, "
    "EXCLUDED.court_ru, EXCLUDED.case_type, EXCLUDED.category, "
    "EXCLUDED.aarhus_applied, EXCLUDED.indefinite_circle, "
    "EXCLUDED.state_fee_exempt, EXCLUDED.status, EXCLUDED.notes, "
    "EXCLUDED.source_lines, EXCLUDED.search_kk, EXCLUDED.search_ru, now()) "
    "RETURNING id, xmax = 0");
static struct eco_stmt q_update = ECO_STMT(
    "UPDATE courts.cases SET (key, " CASE_COLUMNS ", updated_at) = "
    "($19, " CASE_VALUES ", now()) WHERE id = $1::bigint RETURNING id");
/*
 * The children but the court acts.  A court act stays as long as the
 * record still has it, so that its row (the feed of new acts orders by
 * created_at) is not new after every edit.
 */
static struct eco_stmt q_clear = ECO_STMT(
    "WITH p AS (DELETE FROM courts.parties WHERE case_id = $1), "
    "c AS (DELETE FROM courts.claims WHERE case_id = $1), "
    "a AS (DELETE FROM courts.amounts WHERE case_id = $1), "
    "r AS (DELETE FROM courts.request_links WHERE case_id = $1) "
    "DELETE FROM courts.events WHERE case_id = $1");
static struct eco_stmt q_party = ECO_STMT(
    "INSERT INTO courts.parties (case_id, seq, role, kind, name_kk, "
    "name_ru) VALUES ($1, $2, $3, $4, $5, $6)");
static struct eco_stmt q_claim = ECO_STMT(
    "INSERT INTO courts.claims (case_id, seq, text_kk, text_ru, outcome) "
    "VALUES ($1, $2, $3, $4, $5)");
static struct eco_stmt q_event = ECO_STMT(
    "INSERT INTO courts.events (case_id, seq, day_on, precision, sort_on, "
    "instance, type, result, text_kk, text_ru) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
static struct eco_stmt q_amount = ECO_STMT(
    "INSERT INTO courts.amounts (case_id, seq, value, unit, what_kk, "
    "what_ru) VALUES ($1, $2, $3::numeric, $4, $5, $6)");
/* $2: the record's court acts as [{kind, instance, issued_on, ...}]. */
#define DOCUMENTS_SENT \
    "json_to_recordset($2::json) AS n(kind text, instance text, " \
    "issued_on date, language text, title text, body text)"
#define SAME_DOCUMENT \
    "n.kind = d.kind AND n.instance = d.instance AND " \
    "n.issued_on IS NOT DISTINCT FROM d.issued_on AND " \
    "n.language = d.language AND n.title = d.title AND n.body = d.body"
static struct eco_stmt q_documents_gone = ECO_STMT(
    "DELETE FROM courts.documents d WHERE d.case_id = $1 AND NOT EXISTS "
    "(SELECT 1 FROM " DOCUMENTS_SENT " WHERE " SAME_DOCUMENT ")");
static struct eco_stmt q_documents_new = ECO_STMT(
    "INSERT INTO courts.documents (case_id, kind, instance, issued_on, "
    "language, title, body) SELECT DISTINCT $1::bigint, n.kind, n.instance, "
    "n.issued_on, n.language, n.title, n.body FROM " DOCUMENTS_SENT " "
    "WHERE NOT EXISTS (SELECT 1 FROM courts.documents d "
    "WHERE d.case_id = $1 AND " SAME_DOCUMENT ")");
/* The number is kept either way; the id only when it is one of ours. */
static struct eco_stmt q_link = ECO_STMT(
    "INSERT INTO courts.request_links (case_id, reg_no, request_id) "
    "SELECT $1, $2, (SELECT id FROM requests.requests WHERE reg_no = $2)");
/*
 * The words as the search's 'simple' configuration makes them, for
 * correcting misspelt query words; short words and numbers are no use.
 */
static struct eco_stmt q_words = ECO_STMT(
    "INSERT INTO courts.words (word) "
    "SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple', $1))) w "
    "WHERE length(w) BETWEEN 3 AND 100 AND w !~ '^[0-9]' "
    "ON CONFLICT DO NOTHING");
/* Keeps the page's document, at the end of every write (migration 013). */
static struct eco_stmt q_keep_page = ECO_STMT(
    "INSERT INTO courts.case_pages (case_id, doc) "
    "VALUES ($1::bigint, courts.case_json($1::bigint, true)) "
    "ON CONFLICT (case_id) DO UPDATE SET doc = EXCLUDED.doc");

static const char *
flag_param(enum case_flag f)
{
	return f == CASE_FLAG_NULL ? NULL : f == CASE_FLAG_TRUE ? "t" : "f";
}

/* Runs stmt; false when it failed. */
static bool
run(struct eco_db *db, struct eco_arena *arena, struct eco_stmt *stmt,
    int n, const char *const *p)
{
	return eco_db_exec(db, arena, stmt, n, p) != NULL;
}

/* The case row; 0, 404, 409 or 503 with *id and *created set. */
static int
write_row(struct eco_db *db, struct eco_arena *arena,
    const struct court_case *c, enum case_write_mode mode, long long *id,
    bool *created)
{
	const char *p[19];
	struct eco_stmt *stmt;
	PGresult *res;

	p[0] = mode == CASE_UPDATE ? eco_sprintf(arena, "%lld", *id) : c->key;
	p[1] = c->title.kk;
	p[2] = c->title.ru;
	p[3] = c->summary.kk;
	p[4] = c->summary.ru;
	p[5] = c->region;
	p[6] = c->court.kk;
	p[7] = c->court.ru;
	p[8] = c->case_type;
	p[9] = c->category;
	p[10] = flag_param(c->aarhus_applied);
	p[11] = flag_param(c->indefinite_circle);
	p[12] = flag_param(c->state_fee_exempt);
	p[13] = c->status;
	p[14] = c->notes;
	p[15] = c->source_lines;
	p[16] = case_search_text(arena, c, true);
	p[17] = case_search_text(arena, c, false);
	p[18] = c->key;
	stmt = mode == CASE_INSERT ? &q_insert : mode == CASE_UPSERT ?
	    &q_upsert : &q_update;
	res = eco_db_exec(db, arena, stmt, mode == CASE_UPDATE ? 19 : 18, p);
	if (res == NULL)
		return strcmp(eco_db_sqlstate(db), "23505") == 0 ? 409 : 503;
	if (PQntuples(res) != 1)
		return 404;
	*id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	*created = mode == CASE_INSERT || (mode == CASE_UPSERT &&
	    strcmp(PQgetvalue(res, 0, 1), "t") == 0);
	return 0;
}

static bool
write_events(struct eco_db *db, struct eco_arena *arena,
    const struct court_case *c, const char *id)
{
	struct partial_date *dates;
	char day[16], sort_day[16];
	const char *p[10];
	long *sort;
	size_t i;

	if (c->nevents == 0)
		return true;
	dates = eco_alloc(arena, c->nevents * sizeof(*dates));
	sort = eco_alloc(arena, c->nevents * sizeof(*sort));
	for (i = 0; i < c->nevents; i++)
		dates[i] = c->events[i].date;
	courts_sort_days(dates, c->nevents, sort);
	for (i = 0; i < c->nevents; i++) {
		p[0] = id;
		p[1] = eco_sprintf(arena, "%zu", i);
		p[2] = NULL;
		if (dates[i].precision != PD_UNKNOWN) {
			eco_date_format_iso(dates[i].day, day, sizeof(day));
			p[2] = day;
		}
		p[3] = partial_date_precision_name(dates[i].precision);
		p[4] = NULL;
		if (sort[i] != PD_NO_DAY) {
			eco_date_format_iso(sort[i], sort_day, sizeof(sort_day));
			p[4] = sort_day;
		}
		p[5] = c->events[i].instance;
		p[6] = c->events[i].type;
		p[7] = c->events[i].result;
		p[8] = c->events[i].text.kk;
		p[9] = c->events[i].text.ru;
		if (!run(db, arena, &q_event, 10, p))
			return false;
	}
	return true;
}

/* The court acts the record has and the case has not; those it lost. */
static bool
write_documents(struct eco_db *db, struct eco_arena *arena,
    const struct court_case *c, const char *id)
{
	const struct case_document *d;
	json_t *list = json_array();
	const char *p[2];
	char day[16], *text;
	size_t i;

	for (i = 0; i < c->ndocuments; i++) {
		d = &c->documents[i];
		day[0] = '\0';
		if (d->date.precision == PD_DAY)
			eco_date_format_iso(d->date.day, day, sizeof(day));
		json_array_append_new(list, json_pack("{s:s,s:s,s:s?,s:s,s:s,"
		    "s:s}", "kind", d->kind, "instance", d->instance,
		    "issued_on", day[0] != '\0' ? day : NULL,
		    "language", d->language, "title", d->title, "body", d->body));
	}
	text = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	if (text == NULL)
		return false;
	p[0] = id;
	p[1] = eco_strdup(arena, text);
	free(text);
	return run(db, arena, &q_documents_gone, 2, p) &&
	    run(db, arena, &q_documents_new, 2, p);
}

/* Parties, claims, amounts and request links. */
static bool
write_children(struct eco_db *db, struct eco_arena *arena,
    const struct court_case *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nparties; i++) {
		const char *q[6] = { id, eco_sprintf(arena, "%zu", i),
		    c->parties[i].role, c->parties[i].kind,
		    c->parties[i].name.kk, c->parties[i].name.ru };
		if (!run(db, arena, &q_party, 6, q))
			return false;
	}
	for (i = 0; i < c->nclaims; i++) {
		const char *q[5] = { id, eco_sprintf(arena, "%zu", i),
		    c->claims[i].text.kk, c->claims[i].text.ru,
		    c->claims[i].outcome };
		if (!run(db, arena, &q_claim, 5, q))
			return false;
	}
	for (i = 0; i < c->namounts; i++) {
		const char *q[6] = { id, eco_sprintf(arena, "%zu", i),
		    c->amounts[i].value, c->amounts[i].unit,
		    c->amounts[i].what.kk, c->amounts[i].what.ru };
		if (!run(db, arena, &q_amount, 6, q))
			return false;
	}
	for (i = 0; i < c->nrequests; i++) {
		const char *q[2] = { id, c->requests[i] };
		if (!run(db, arena, &q_link, 2, q))
			return false;
	}
	return true;
}

int
case_store_write(struct eco_db *db, struct eco_arena *arena,
    const struct court_case *c, enum case_write_mode mode, long long *id,
    bool *created)
{
	const char *p[1], *sid;
	int rc;

	if ((rc = write_row(db, arena, c, mode, id, created)) != 0)
		return rc;
	sid = eco_sprintf(arena, "%lld", *id);
	p[0] = sid;
	if (!run(db, arena, &q_clear, 1, p) ||
	    !write_events(db, arena, c, sid) ||
	    !write_children(db, arena, c, sid) ||
	    !write_documents(db, arena, c, sid))
		return 503;
	p[0] = eco_sprintf(arena, "%s\n%s", case_search_text(arena, c, true),
	    case_search_text(arena, c, false));
	if (!run(db, arena, &q_words, 1, p))
		return 503;
	p[0] = sid;
	return run(db, arena, &q_keep_page, 1, p) ? 0 : 503;
}

/*
 * The request links, with the status of each request as it is now (a
 * request changes without its case, so the document leaves them out).
 */
#define LINKS_SQL(id) \
    "(SELECT json_agg(json_build_object('id', r.id, 'reg_no', k.reg_no, " \
    "'status', r.status) ORDER BY k.reg_no) FROM courts.request_links k " \
    "LEFT JOIN requests.requests r ON r.id = k.request_id " \
    "WHERE k.case_id = " id ")::text"

/* The case made whole from its tables (courts.case_json, migration 013). */
static struct eco_stmt q_read = ECO_STMT(
    "SELECT courts.case_json($1::bigint, false), " LINKS_SQL("$1::bigint"));

/* The case as its page lists it, kept by case_store_write. */
static struct eco_stmt q_read_listed = ECO_STMT(
    "SELECT p.doc, " LINKS_SQL("p.case_id") " FROM courts.case_pages p "
    "WHERE p.case_id = $1::bigint");
/* The same made from the tables, for a case written without its page. */
static struct eco_stmt q_make_listed = ECO_STMT(
    "SELECT courts.case_json($1::bigint, true), " LINKS_SQL("$1::bigint"));

int
case_store_lock(struct eco_db *db, struct eco_arena *arena, long long id)
{
	const char *p[1] = { eco_sprintf(arena, "%lld", id) };
	PGresult *res;

	if ((res = eco_db_exec(db, arena, &q_lock, 1, p)) == NULL)
		return 503;
	return PQntuples(res) == 1 ? 0 : 404;
}

/* Case id by statement st; NULL with *status 404 or 503. */
static json_t *
read_case(struct eco_db *db, struct eco_arena *arena, struct eco_stmt *st,
    long long id, int *status)
{
	const char *p[1] = { eco_sprintf(arena, "%lld", id) };
	PGresult *res;
	json_t *c, *links;

	*status = 503;
	if ((res = eco_db_exec(db, arena, st, 1, p)) == NULL)
		return NULL;
	if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0)) {
		*status = 404;
		return NULL;
	}
	if ((c = eco_dbjson_parse(PQgetvalue(res, 0, 0))) == NULL)
		return NULL;
	links = PQgetisnull(res, 0, 1) ? json_array() :
	    eco_dbjson_parse(PQgetvalue(res, 0, 1));
	if (json_object_set_new(c, "requests", links) != 0) {
		json_decref(c);
		return NULL;
	}
	*status = 200;
	return c;
}

json_t *
case_store_read(struct eco_db *db, struct eco_arena *arena, long long id,
    int *status)
{
	return read_case(db, arena, &q_read, id, status);
}

json_t *
case_store_read_listed(struct eco_db *db, struct eco_arena *arena,
    long long id, int *status)
{
	json_t *c = read_case(db, arena, &q_read_listed, id, status);

	/* Only a case some other writer added (case_pages' migration says
	 * which) lacks its page's document. */
	if (c == NULL && *status == 404)
		c = read_case(db, arena, &q_make_listed, id, status);
	return c;
}
