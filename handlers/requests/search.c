/* The public tracker's search (see search.h). */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "buf.h"
#include "date.h"
#include "search.h"
#include "store.h"
#include "utf8.h"
#include "validate.h"
#include "view.h"

#define NITEM	12	/* columns of SEARCH_ITEM_COLUMNS */

/*
 * One WHERE for the page and the count.  A NULL parameter switches its
 * filter off; values always travel as parameters.
 */
#define SEARCH_FROM_WHERE \
    "FROM requests.requests r JOIN requests.holders h ON h.id = r.holder_id " \
    "WHERE r.public " \
    "AND ($1::bigint IS NULL OR r.holder_id = $1::bigint) " \
    "AND ($2::text IS NULL OR h.region = $2::text) " \
    "AND ($3::text IS NULL OR r.status = $3::text) " \
    "AND ($4::date IS NULL OR (r.status IN ('registered', 'in_progress', " \
    "     'extended') AND r.due_on < $4::date)) " \
    "AND ($5::text IS NULL OR r.search @@ to_tsquery('simple', $5::text)) " \
    "AND ($6::date IS NULL OR r.received_on >= $6::date) " \
    "AND ($7::date IS NULL OR r.received_on <= $7::date) "

static struct eco_stmt q_page = ECO_STMT(
    "SELECT " SEARCH_ITEM_COLUMNS STORE_STATE_COLUMNS_R " "
    SEARCH_FROM_WHERE
    "ORDER BY r.received_on DESC, r.id DESC LIMIT $8 OFFSET $9");

static struct eco_stmt q_count = ECO_STMT(
    "SELECT count(*) " SEARCH_FROM_WHERE);

static struct eco_stmt q_region = ECO_STMT(
    "SELECT 1 FROM requests.holders WHERE region = $1 LIMIT 1");

/* A letter or digit of any script: ASCII alphanumerics and everything
 * beyond ASCII (Kazakh and Russian letters); punctuation separates. */
static bool
word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

const char *
search_tsquery(struct eco_arena *arena, const char *q)
{
	struct eco_buf b;
	size_t i = 0, start, words = 0;

	if (q == NULL)
		return NULL;
	eco_buf_init(&b, arena);
	while (q[i] != '\0' && words < SEARCH_MAX_WORDS) {
		while (q[i] != '\0' && !word_byte((unsigned char)q[i]))
			i++;
		start = i;
		while (word_byte((unsigned char)q[i]))
			i++;
		if (i == start)
			break;
		if (words++ > 0)
			eco_buf_puts(&b, " & ");
		eco_buf_append(&b, q + start, i - start);
		eco_buf_puts(&b, ":*");
	}
	return words > 0 ? b.data : NULL;
}

/* An optional date filter: absent or empty is open. */
static int
date_filter(struct eco_ctx *ctx, const char *name, long *out)
{
	const char *v = eco_query(ctx, name);

	*out = 0;
	if (v == NULL || v[0] == '\0')
		return 0;
	return eco_date_parse(v, out);
}

const char *
search_parse(struct eco_ctx *ctx, struct search_query *s)
{
	const char *v;
	enum request_status st;

	memset(s, 0, sizeof(*s));
	s->page = 1;
	s->limit = SEARCH_PAGE_SIZE;
	if ((v = eco_query(ctx, "holder_id")) != NULL && v[0] != '\0' &&
	    (s->holder_id = eco_parse_id(v)) < 0)
		return N_("Unknown information holder");
	if ((v = eco_query(ctx, "region")) != NULL && v[0] != '\0') {
		const char *p[1] = { v };
		PGresult *res;

		if (strlen(v) > 40 || (res = eco_db_exec(ctx->db, ctx->arena,
		    &q_region, 1, p)) == NULL || PQntuples(res) != 1)
			return N_("Unknown region");
		s->region = v;
	}
	if ((v = eco_query(ctx, "status")) != NULL && v[0] != '\0') {
		if (request_status_parse(v, &st) != 0)
			return N_("Unknown status");
		s->status = v;
	}
	if ((v = eco_query(ctx, "overdue")) != NULL && v[0] != '\0') {
		if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
			return N_("overdue must be true or false");
		s->overdue = strcmp(v, "true") == 0;
	}
	/* Blank words are no filter. */
	if ((v = eco_query(ctx, "q")) != NULL && strspn(v, " \t") != strlen(v)) {
		if (!eco_text_ok(v, SEARCH_Q_MAX, false))
			return N_("The search words must be one line of up to 200 characters.");
		s->q = v;
	}
	if (date_filter(ctx, "from", &s->from) != 0 ||
	    date_filter(ctx, "to", &s->to) != 0)
		return N_("Dates must be YYYY-MM-DD.");
	if ((v = eco_query(ctx, "page")) != NULL && v[0] != '\0' &&
	    ((s->page = eco_parse_id(v)) < 1 || s->page > SEARCH_MAX_PAGE))
		return N_("The page must be a number from 1 to 10,000.");
	return NULL;
}

json_t *
search_item(struct eco_ctx *ctx, PGresult *res, int i)
{
	struct request_row r;
	json_t *o;

	memset(&r, 0, sizeof(r));
	store_state_from(res, i, NITEM, &r.st);
	o = json_pack("{s:I,s:s,s:I,s:{s:s,s:{s:s,s:s,s:s}},s:s,s:s,"
	    "s:{s:s,s:o}}",
	    "id", (json_int_t)strtoll(PQgetvalue(res, i, 0), NULL, 10),
	    "reg_no", PQgetvalue(res, i, 1),
	    "holder_id", (json_int_t)strtoll(PQgetvalue(res, i, 2), NULL, 10),
	    "holder", "code", PQgetvalue(res, i, 3),
	    "name", "kk", PQgetvalue(res, i, 4), "ru", PQgetvalue(res, i, 5),
	    "en", PQgetvalue(res, i, 6),
	    "subject", PQgetvalue(res, i, 8),
	    "status", request_status_code(r.st.status),
	    "requester", "kind", PQgetvalue(res, i, 10),
	    "name", PQgetisnull(res, i, 11) ? json_null() :
	    json_string(PQgetvalue(res, i, 11)));
	json_object_set_new(o, "region", PQgetvalue(res, i, 7)[0] != '\0' ?
	    json_string(PQgetvalue(res, i, 7)) : json_null());
	json_object_set_new(o, "public", json_boolean(
	    PQgetvalue(res, i, 9)[0] == 't'));
	json_object_set_new(o, "received_on",
	    json_string(store_iso(ctx, r.st.received_on)));
	json_object_set_new(o, "due_on", json_string(store_iso(ctx, r.st.due_on)));
	json_object_set_new(o, "answered_on", r.st.answered_on ?
	    json_string(store_iso(ctx, r.st.answered_on)) : json_null());
	json_object_set_new(o, "refused_on", r.st.refused_on ?
	    json_string(store_iso(ctx, r.st.refused_on)) : json_null());
	view_flags(ctx, &r, o);
	return o;
}

/* The nine parameters of SEARCH_FROM_WHERE and the page. */
static void
params(struct eco_ctx *ctx, const struct search_query *s, const char **p)
{
	const char *tsq = search_tsquery(ctx->arena, s->q);

	p[0] = s->holder_id > 0 ? eco_sprintf(ctx->arena, "%lld",
	    s->holder_id) : NULL;
	p[1] = s->region;
	p[2] = s->status;
	p[3] = s->overdue ? store_iso(ctx, ctx->today) : NULL;
	/* Words with no letter in them find nothing rather than everything. */
	p[4] = s->q == NULL ? NULL : tsq != NULL ? tsq : "";
	p[5] = s->from != 0 ? store_iso(ctx, s->from) : NULL;
	p[6] = s->to != 0 ? store_iso(ctx, s->to) : NULL;
	p[7] = eco_sprintf(ctx->arena, "%ld", s->limit);
	p[8] = eco_sprintf(ctx->arena, "%ld", (s->page - 1) * s->limit);
}

json_t *
search_run(struct eco_ctx *ctx, const struct search_query *s, long *total)
{
	const char *p[9];
	PGresult *res;

	params(ctx, s, p);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_count, 7, p)) == NULL)
		return NULL;
	*total = strtol(PQgetvalue(res, 0, 0), NULL, 10);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_page, 9, p)) == NULL)
		return NULL;
	return search_items(ctx, res);
}

json_t *
search_items(struct eco_ctx *ctx, PGresult *res)
{
	json_t *items = json_array();
	int i;

	for (i = 0; i < PQntuples(res); i++)
		json_array_append_new(items, search_item(ctx, res, i));
	return items;
}
