/* The public tracker's search (see search.h). */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "buf.h"
#include "date.h"
#include "labels.h"
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
    "SELECT " SEARCH_ITEM_COLUMNS STORE_STATE_COLUMNS " "
    SEARCH_FROM_WHERE
    "ORDER BY r.received_on DESC, r.id DESC LIMIT $8 OFFSET $9");

static struct eco_stmt q_count = ECO_STMT(
    "SELECT count(*) " SEARCH_FROM_WHERE);

/*
 * The length of the word character at s (a letter or digit of the
 * alphabets the portal serves: ASCII, Latin letters with diacritics,
 * Cyrillic with the Kazakh letters), or 0 for anything else, which
 * separates words: spaces of every kind, punctuation, tsquery operators,
 * bytes that are not UTF-8.
 */
static size_t
word_char(const unsigned char *s)
{
	unsigned cp;

	if ((s[0] >= '0' && s[0] <= '9') || (s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= 'A' && s[0] <= 'Z'))
		return 1;
	if ((s[0] & 0xe0) != 0xc0 || (s[1] & 0xc0) != 0x80)
		return 0;	/* every letter we take is two bytes long */
	cp = ((unsigned)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
	if (cp >= 0xc0 && cp <= 0x24f && cp != 0xd7 && cp != 0xf7)
		return 2;
	if (cp >= 0x400 && cp <= 0x52f)
		return 2;
	return 0;
}

/* The length of the character at s (1 for a byte that is not UTF-8). */
static size_t
any_char(const unsigned char *s)
{
	size_t n = (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3 :
	    (s[0] & 0xf8) == 0xf0 ? 4 : 1;
	size_t i;

	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

const char *
search_tsquery(struct eco_arena *arena, const char *q)
{
	const unsigned char *p = (const unsigned char *)q;
	struct eco_buf b;
	size_t n, words = 0;

	if (q == NULL)
		return NULL;
	eco_buf_init(&b, arena);
	while (*p != '\0' && words < SEARCH_MAX_WORDS) {
		while (*p != '\0' && word_char(p) == 0)
			p += any_char(p);
		if (*p == '\0')
			break;
		if (words++ > 0)
			eco_buf_puts(&b, " & ");
		while ((n = word_char(p)) > 0) {
			eco_buf_append(&b, p, n);
			p += n;
		}
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
	/* The regions are a fixed list: no need to ask the database. */
	if ((v = eco_query(ctx, "region")) != NULL && v[0] != '\0') {
		if (label_region(v)[0] == '\0')
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
	struct request_state st;
	json_t *o;

	store_state_from(res, i, NITEM, &st);
	o = json_pack("{s:I,s:s,s:I,s:{s:s,s:{s:s,s:s,s:s}},s:s,s:s,"
	    "s:{s:s,s:o}}",
	    "id", (json_int_t)strtoll(PQgetvalue(res, i, 0), NULL, 10),
	    "reg_no", PQgetvalue(res, i, 1),
	    "holder_id", (json_int_t)strtoll(PQgetvalue(res, i, 2), NULL, 10),
	    "holder", "code", PQgetvalue(res, i, 3),
	    "name", "kk", PQgetvalue(res, i, 4), "ru", PQgetvalue(res, i, 5),
	    "en", PQgetvalue(res, i, 6),
	    "subject", PQgetvalue(res, i, 8),
	    "status", request_status_code(st.status),
	    "requester", "kind", PQgetvalue(res, i, 10),
	    "name", PQgetisnull(res, i, 11) ? json_null() :
	    json_string(PQgetvalue(res, i, 11)));
	json_object_set_new(o, "region", PQgetvalue(res, i, 7)[0] != '\0' ?
	    json_string(PQgetvalue(res, i, 7)) : json_null());
	json_object_set_new(o, "public", json_boolean(
	    PQgetvalue(res, i, 9)[0] == 't'));
	json_object_set_new(o, "received_on",
	    store_day_json(ctx, st.received_on));
	json_object_set_new(o, "due_on", store_day_json(ctx, st.due_on));
	json_object_set_new(o, "answered_on",
	    store_day_json(ctx, st.answered_on));
	json_object_set_new(o, "refused_on", store_day_json(ctx, st.refused_on));
	view_flags(ctx, &st, o);
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
	if ((res = search_rows(ctx, s)) == NULL)
		return NULL;
	return search_items(ctx, res);
}

PGresult *
search_rows(struct eco_ctx *ctx, const struct search_query *s)
{
	const char *p[9];

	params(ctx, s, p);
	return eco_db_exec(ctx->db, ctx->arena, &q_page, 9, p);
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
