/* The public tracker's search (see search.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "buf.h"
#include "date.h"
#include "labels.h"
#include "search.h"
#include "store.h"
#include "validate.h"
#include "view.h"
#include "words.h"

#define NITEM	12	/* columns of SEARCH_ITEM_COLUMNS */

/*
 * The filters, in the order of their parameters; bit i of a mask is
 * filter i.  A query is made of the fragments of the filters in use only:
 * one prepared statement per combination, each planned for what it
 * filters, instead of one statement with "$1 IS NULL OR ..." for every
 * filter, which PostgreSQL plans once for all and badly.  The fragments
 * are constants: input decides which of them are used, never the text.
 */
enum search_filter {
	F_HOLDER, F_REGION, F_STATUS, F_OVERDUE, F_WORDS, F_FROM, F_TO, NFILTERS
};
#define NMASKS	(1 << NFILTERS)
/* The filters public_counts can count: holder, region, status. */
#define COUNTABLE ((1 << F_HOLDER) | (1 << F_REGION) | (1 << F_STATUS))

/* Each filter's condition: the text before its parameter's number, and after. */
static const char *const filter_sql[NFILTERS][2] = {
	[F_HOLDER] = { "r.holder_id = $", "::bigint" },
	[F_REGION] = { "r.region = $", "::text" },
	[F_STATUS] = { "r.status = $", "::text" },
	[F_OVERDUE] = { "r.status IN ('registered', 'in_progress', 'extended') "
	    "AND r.due_on < $", "::date" },
	[F_WORDS] = { "r.search @@ to_tsquery('simple', $", "::text)" },
	[F_FROM] = { "r.received_on >= $", "::date" },
	[F_TO] = { "r.received_on <= $", "::date" },
};

/* What a statement returns (see search_sql in search.h). */
static const char *const kind_head[SEARCH_NKINDS] = {
	[SEARCH_SQL_PAGE] = "SELECT " SEARCH_ITEM_COLUMNS STORE_STATE_COLUMNS " "
	    "FROM requests.requests r JOIN requests.holders h "
	    "ON h.id = r.holder_id WHERE r.public",
	[SEARCH_SQL_COUNT] = "SELECT count(*) FROM (SELECT 1 "
	    "FROM requests.requests r WHERE r.public",
	[SEARCH_SQL_SUMMED] = "SELECT coalesce(sum(r.n), 0) FROM (SELECT "
	    "c.holder_id, c.status, h.region, c.n "
	    "FROM requests.public_counts c JOIN requests.holders h "
	    "ON h.id = c.holder_id) r WHERE true",
};

size_t
search_sql(char *buf, size_t size, enum search_sql_kind kind, unsigned mask)
{
	size_t len;
	int i, n = 0;

	if (size == 0 || kind >= SEARCH_NKINDS || mask >= NMASKS)
		return 0;
	if (kind == SEARCH_SQL_SUMMED && (mask & ~COUNTABLE) != 0)
		return 0;
	len = (size_t)snprintf(buf, size, "%s", kind_head[kind]);
	for (i = 0; i < NFILTERS && len < size; i++) {
		if ((mask & (1u << i)) == 0)
			continue;
		len += (size_t)snprintf(buf + len, size - len, " AND %s%d%s",
		    filter_sql[i][0], ++n, filter_sql[i][1]);
	}
	if (len < size && kind == SEARCH_SQL_PAGE)
		len += (size_t)snprintf(buf + len, size - len,
		    " ORDER BY r.received_on DESC, r.id DESC LIMIT $%d OFFSET $%d",
		    n + 1, n + 2);
	if (len < size && kind == SEARCH_SQL_COUNT)
		len += (size_t)snprintf(buf + len, size - len, " LIMIT %d) s",
		    SEARCH_COUNT_CAP + 1);
	return len < size ? len : 0;
}

/*
 * The statement of a kind and mask, its text made on first use and kept
 * for the worker's life (at most SEARCH_NKINDS x NMASKS of them).  NULL
 * if memory ran out.
 */
static struct eco_stmt *
statement(enum search_sql_kind kind, unsigned mask)
{
	static struct eco_stmt stmts[SEARCH_NKINDS][NMASKS];
	struct eco_stmt *st = &stmts[kind][mask];
	char buf[2048], *sql;
	size_t len;

	if (st->sql != NULL)
		return st;
	if ((len = search_sql(buf, sizeof(buf), kind, mask)) == 0 ||
	    (sql = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(sql, buf, len + 1);
	st->sql = sql;
	return st;
}

const char *
search_tsquery(struct eco_arena *arena, const char *q)
{
	const char *words[SEARCH_MAX_WORDS];

	return eco_prefix_tsquery(arena, words,
	    eco_search_words(arena, q, words, SEARCH_MAX_WORDS));
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
	json_object_set_new(o, "received_on", store_day_json(st.received_on));
	json_object_set_new(o, "due_on", store_day_json(st.due_on));
	json_object_set_new(o, "answered_on", store_day_json(st.answered_on));
	json_object_set_new(o, "refused_on", store_day_json(st.refused_on));
	view_flags(ctx, &st, o);
	return o;
}

/*
 * The values of the filters in use, in parameter order, then the page's
 * limit and offset; returns the mask of the filters in use.
 */
static unsigned
params(struct eco_ctx *ctx, const struct search_query *s, const char **p,
    int *n)
{
	const char *v[NFILTERS];
	unsigned mask = 0;
	int i;

	v[F_HOLDER] = s->holder_id > 0 ? eco_sprintf(ctx->arena, "%lld",
	    s->holder_id) : NULL;
	v[F_REGION] = s->region;
	v[F_STATUS] = s->status;
	v[F_OVERDUE] = s->overdue ? store_iso(ctx, ctx->today) : NULL;
	/* Words with no letter in them find nothing rather than everything. */
	v[F_WORDS] = s->q == NULL ? NULL : search_tsquery(ctx->arena, s->q);
	if (s->q != NULL && v[F_WORDS] == NULL)
		v[F_WORDS] = "";
	v[F_FROM] = s->from != 0 ? store_iso(ctx, s->from) : NULL;
	v[F_TO] = s->to != 0 ? store_iso(ctx, s->to) : NULL;
	*n = 0;
	for (i = 0; i < NFILTERS; i++) {
		if (v[i] == NULL)
			continue;
		mask |= 1u << i;
		p[(*n)++] = v[i];
	}
	p[*n] = eco_sprintf(ctx->arena, "%ld", s->limit);
	p[*n + 1] = eco_sprintf(ctx->arena, "%ld", (s->page - 1) * s->limit);
	return mask;
}

/*
 * The number of matches: added up from public_counts when only holder,
 * region and status filter, else counted, but only up to
 * SEARCH_COUNT_CAP, so that a word every request has costs no more than
 * a rare one.  -1 if the database failed.
 */
static long
count(struct eco_ctx *ctx, unsigned mask, const char **p, int n, bool *capped)
{
	enum search_sql_kind kind = (mask & ~COUNTABLE) == 0 ?
	    SEARCH_SQL_SUMMED : SEARCH_SQL_COUNT;
	struct eco_stmt *st = statement(kind, mask);
	PGresult *res;
	long total;

	if (st == NULL || (res = eco_db_exec(ctx->db, ctx->arena, st, n, p)) ==
	    NULL)
		return -1;
	total = strtol(PQgetvalue(res, 0, 0), NULL, 10);
	*capped = kind == SEARCH_SQL_COUNT && total > SEARCH_COUNT_CAP;
	return *capped ? SEARCH_COUNT_CAP : total;
}

json_t *
search_run(struct eco_ctx *ctx, const struct search_query *s,
    struct search_total *total)
{
	const char *p[NFILTERS + 2];
	PGresult *res;
	unsigned mask;
	int n;

	mask = params(ctx, s, p, &n);
	if ((total->n = count(ctx, mask, p, n, &total->capped)) < 0 ||
	    (res = search_rows(ctx, s)) == NULL)
		return NULL;
	return search_items(ctx, res);
}

PGresult *
search_rows(struct eco_ctx *ctx, const struct search_query *s)
{
	const char *p[NFILTERS + 2];
	struct eco_stmt *st;
	unsigned mask;
	int n;

	mask = params(ctx, s, p, &n);
	if ((st = statement(SEARCH_SQL_PAGE, mask)) == NULL)
		return NULL;
	return eco_db_exec(ctx->db, ctx->arena, st, n + 2, p);
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
